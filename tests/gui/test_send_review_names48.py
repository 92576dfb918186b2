"""Send round 113 (issue 21, one lay reader of 67 per language, the send and request pictures of e1269c33): the review's
link under each part, "What is in it?" (quoted in most rounds whatever its words: "Read what this part sends" in rounds
109 and 111), and "The left and right sides seem to say the same thing twice, which muddled me a bit". The part's name on
the right is now the link that opens it (words the reader has already read), and the right side no longer says again what
the line on the left says under its name. Mouse, keyboard and a screen reader's list of links; English and French."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QApplication

from selfcheck import i18n
from selfcheck.gui.support_dialog import SupportDialog

from . import fakechecks
from .conftest import run_scan
from .test_support import _line, _ticks, _to_review

#: the link's words each round quoted, never shown again
OLD_LINKS = ("What is in it?", "Qu’y a-t-il dedans\u202f?", "Read what this part sends", "Lire ce que cette partie envoie")
#: what the left says under the name of the name and e-mail, and the why of the part always sent, in each language
CONTACT_WHY = {
    "en": "So that support can answer you. Change them on the previous page.",
    "fr": "Pour que l’assistance puisse vous répondre. Vous pouvez les modifier à la page précédente.",
}
RESULTS_WHY = {
    "en": "This part is always sent: it is what support needs most to help you.",
    "fr": "Cette partie est toujours envoyée\u00a0: c’est ce dont l’assistance a le plus besoin pour vous aider.",
}
CONTACT = {"en": "Your name and e-mail", "fr": "Votre nom et votre e-mail"}


@pytest.fixture(params=["en", "fr"])
def lang(request: pytest.FixtureRequest):
    yield request.param
    i18n.set_language("en")


def _review(qtbot, make_window, lang: str) -> SupportDialog:
    i18n.set_language("en")
    window = make_window(fakechecks.PassCheck, fakechecks.FailCheck)
    if lang == "fr":
        window.set_language("fr")
    run_scan(qtbot, window)
    dialog = _to_review(qtbot, window)
    dialog.resize(900, 760)
    qtbot.waitExposed(dialog)
    QApplication.processEvents()
    return dialog


def _links(dialog: SupportDialog) -> list[tuple[str, str]]:
    """The links on the right, as (where it goes, its words as read)."""
    found = re.findall(r'<a href="([^"]*)">(.*?)</a>', dialog.overview.text())
    return [(href, re.sub("<[^>]*>", "", words).replace("&amp;", "&")) for href, words in found]


def _where(label, href: str) -> QPoint:
    """Where a link's words are drawn in the label (its text laid out as QLabel lays it out: no margin, its width)."""
    doc = QTextDocument()
    doc.setDefaultFont(label.font())
    doc.setDocumentMargin(0)
    doc.setHtml(label.text())
    rect = label.contentsRect()
    doc.setTextWidth(rect.width())
    layout = doc.documentLayout()
    for y in range(0, int(doc.size().height())):
        if layout.anchorAt(QPointF(4, y + 0.5)) == href:
            return QPoint(rect.left() + 4, rect.top() + y + 2)
    raise AssertionError(f"no {href} in {label.text()}")


def test_each_part_s_name_on_the_right_is_the_link_that_opens_it(qtbot, make_window, lang):
    """The link's own words were quoted in most rounds ("What is in it?": "I don't know what clicking it does"): no words of
    its own; each part's name on the right is its link, and a click on it shows what the part holds, its tick left alone,
    as a click on its name on the left does. A screen reader's list of links names each part, not the same question four
    times."""
    dialog = _review(qtbot, make_window, lang)
    links = _links(dialog)
    names = [CONTACT[lang], *(g.title for g in dialog.groups)]
    assert [words for _href, words in links] == names, links
    assert [href for href, _words in links] == ["contact:", *(f"part:{g.key}" for g in dialog.groups)]
    shown = dialog.overview.text()
    assert not any(old in shown for old in OLD_LINKS), shown
    ticks = _ticks(dialog)
    # a click with the mouse on the computer part's name, on the right
    qtbot.mouseClick(dialog.overview, Qt.MouseButton.LeftButton, pos=_where(dialog.overview, "part:computer"))
    item = dialog.file_tree.currentItem()
    assert item is _line(dialog, "group", "computer") and item.checkState(0) == Qt.CheckState.Checked
    assert {"en": "Kind of computer: ", "fr": "Genre d’ordinateur"}[lang] in dialog.overview.text()
    assert _ticks(dialog) == ticks and "system.json" in dialog.planned.files  # nothing taken out
    # back to nothing chosen: the name and e-mail's name opens their line (what support will see of them)
    dialog.file_tree.setCurrentIndex(dialog.file_tree.rootIndex())
    dialog._show_item(None)
    qtbot.mouseClick(dialog.overview, Qt.MouseButton.LeftButton, pos=_where(dialog.overview, "contact:"))
    assert dialog.file_tree.currentItem() is _line(dialog, "contact", "")
    assert "ann@example.org" in dialog.overview.text()
    dialog.close()


def test_the_part_s_names_on_the_right_are_reached_and_opened_with_the_keyboard(qtbot, make_window, lang):
    """Keyboard only: Tab from the list on the left reaches the names on the right, one after the other, and Return on one
    opens that part, as the arrows in the list do."""
    dialog = _review(qtbot, make_window, lang)
    dialog.activateWindow()
    opened: list[str] = []
    dialog.overview.linkActivated.connect(opened.append)

    def tab_to_link(n: int) -> None:
        """From the list, Tab to the right-hand side, then Tab n times along its links."""
        dialog.file_tree.setCurrentIndex(dialog.file_tree.rootIndex())
        dialog._show_item(None)
        dialog.file_tree.setFocus()
        qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.file_tree)
        qtbot.keyClick(dialog.file_tree, Qt.Key.Key_Tab)
        assert QApplication.focusWidget() is dialog.overview  # next in the chain after the list
        for _ in range(n):
            qtbot.keyClick(dialog.overview, Qt.Key.Key_Tab)
        qtbot.keyClick(dialog.overview, Qt.Key.Key_Return)

    tab_to_link(1)
    assert opened == ["contact:"] and dialog.file_tree.currentItem() is _line(dialog, "contact", "")
    for n, group in enumerate(dialog.groups, start=2):
        opened.clear()
        tab_to_link(n)
        assert opened == [f"part:{group.key}"], (n, opened)
        item = dialog.file_tree.currentItem()
        assert item is _line(dialog, "group", group.key) and (not group.optional or item.checkState(0) == Qt.CheckState.Checked)
    dialog.close()


def test_the_right_side_does_not_say_again_what_the_list_says(qtbot, make_window, lang):
    """Round 113: "The left and right sides seem to say the same thing twice": the name and e-mail's why ("So that support
    can answer you…") and the part always sent's ("support needs it…") were said on both sides. Each is said once, under the
    name on the left; the right keeps what the left does not say: the address support answers at, what each part holds
    and what leaving out a part one can leave out costs."""
    dialog = _review(qtbot, make_window, lang)
    shown = dialog.overview.text()
    assert CONTACT_WHY[lang] in _line(dialog, "contact", "").text(0)
    assert CONTACT_WHY[lang] not in shown and RESULTS_WHY[lang] not in shown, shown
    assert "ann@example.org" in shown
    for g in dialog.groups:
        assert g.holds.replace("“", "").split("“")[0][:20] in shown.replace("“", ""), g.holds
        assert (g.cost in shown.replace("&quot;", '"')) == g.optional, (g.key, g.cost)
    # a part chosen still says why it is always sent, on the right beside its lines
    assert dialog.select("group", "results")
    assert RESULTS_WHY[lang] in dialog.group_info.text()
    dialog.close()
