"""French words wrapped by Qt: a line never ends with « nor starts with » : ; ! ? (the French verdict pictures ended a line with
« puis sur « » and began the next with the button's name), in a plain label and in a rich-text one."""

from __future__ import annotations

from selfcheck.i18n import _, language

RESTART = "Save your work, click the apple at the top left of the screen, then “Restart…”: a restart finishes the updates at once."
#: Mémoire (celle des programmes ouverts ; ce n’est pas la place pour vos fichiers): a line of the review of what is sent
MEMORY = "Memory (used by open programs; not the room for your files)"


def _lines(text: str, font, width: int) -> list[str]:
    """``text`` cut into lines as a word-wrapped QLabel cuts it at ``width`` pixels."""
    from PySide6.QtGui import QTextLayout, QTextOption

    layout = QTextLayout(text, font)
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WordWrap)
    layout.setTextOption(option)
    layout.beginLayout()
    lines = []
    while (line := layout.createLine()).isValid():
        line.setLineWidth(width)
        lines.append(text[line.textStart() : line.textStart() + line.textLength()])
    layout.endLayout()
    return lines


def _badly_cut(lines: list[str]) -> list[str]:
    return [line for line in lines if line.rstrip(" ").endswith("«") or line.lstrip(" ")[:1] in ("»", ":", ";", "!", "?")]


def test_a_narrow_french_label_never_ends_a_line_with_an_opening_guillemet(qtbot):
    from selfcheck.gui.widgets import label

    with language("fr"):
        words = _(RESTART)
    shown = label(words)
    qtbot.addWidget(shown)
    shown.show()
    metrics = shown.fontMetrics()
    widest_word = max(metrics.horizontalAdvance(word) for word in words.split(" "))
    cut = []
    for width in range(widest_word + 1, metrics.horizontalAdvance(words), 3):
        lines = _lines(shown.text(), shown.font(), width)
        assert shown.heightForWidth(width) == len(lines) * metrics.lineSpacing(), width  # the label's own lines
        cut += [f"{width} px: {line!r}" for line in _badly_cut(lines)]
    assert not cut, "\n".join(cut[:10])


def test_a_rich_text_tooltip_keeps_the_narrow_space_before_a_semicolon(qtbot):
    """Qt's rich text reads U+202F as an ordinary space it may break at, unless it is kept as written (widgets.rich_text):
    the review of what is sent shows a part's lines in rich text, and its tooltips."""
    from PySide6.QtGui import QTextDocument

    from selfcheck.gui.support_dialog import _plain_tip
    from selfcheck.gui.widgets import label

    with language("fr"):
        words = _(MEMORY)
    assert "\u202f;" in words
    shown = label(_plain_tip(words), rich=True)
    qtbot.addWidget(shown)
    document = QTextDocument()  # as a rich-text label or tooltip lays its words out
    document.setDefaultFont(shown.font())
    document.setDocumentMargin(0)
    document.setHtml(shown.text())
    metrics = shown.fontMetrics()
    widest_word = max(metrics.horizontalAdvance(word) for word in words.replace("\u202f", " ").split(" ")) + metrics.horizontalAdvance(" ;")
    cut = []
    for width in range(widest_word + 1, metrics.horizontalAdvance(words), 3):
        document.setTextWidth(width)
        document.size()  # laid out
        block = document.firstBlock()
        text, layout = block.text(), block.layout()
        lines = [text[line.textStart() : line.textStart() + line.textLength()] for line in (layout.lineAt(i) for i in range(layout.lineCount()))]
        assert "".join(lines) == words, lines
        cut += [f"{width} px: {line!r}" for line in _badly_cut(lines)]
    assert not cut, "\n".join(cut[:10])
