"""Building blocks of the window: the notice bar, the headline card and result cards.

Widgets only display; they report what the user wants through signals and
never run checks themselves.
"""

from __future__ import annotations

import html
import re
from collections.abc import Collection

from PySide6.QtCore import QEvent, QObject, QPoint, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QGuiApplication, QImage, QLinearGradient, QMouseEvent, QPainter, QPaintEvent, QPalette, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QStyle,
    QStyleOptionToolButton,
    QStylePainter,
    QTextEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from selfcheck import wording
from selfcheck.api import CATEGORIES, Result, Status
from selfcheck.i18n import _, ngettext

from . import resources
from .flow import FlowLayout
from .scanstate import evidence_text

#: Qt's rich text takes the narrow no-break space (French « ; ! ? », i18n.french_spaces; a French number's digit groups) for an
#: ordinary space a line may break at, unless its white space is kept as written
_NARROW_KEPT = '<span style="white-space: pre-wrap">\u202f</span>'


def rich_text(text: str, quote: bool = True) -> str:
    """``text`` escaped for a rich-text label (:func:`html.escape`), its narrow no-break spaces kept unbroken. For the words
    between tags only, never an attribute's value."""
    return html.escape(text, quote=quote).replace("\u202f", _NARROW_KEPT)


def label(text: str = "", name: str | None = None, *, wrap: bool = True, rich: bool = False, selectable: bool = False) -> QLabel:
    """A label showing ``text`` as plain text unless ``rich`` (check texts never become HTML)."""
    lab = QLabel()
    lab.setTextFormat(Qt.TextFormat.RichText if rich else Qt.TextFormat.PlainText)
    lab.setText(text)
    lab.setWordWrap(wrap)
    if name:
        lab.setObjectName(name)
    if selectable:
        lab.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    lab.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
    return lab


#: a phone number (digits with spaces, dots, dashes, brackets) or an e-mail address, inside a sentence
_ADDRESS = re.compile(r"\+?\(?\d[\d ().\-]{5,}\d|[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+")


def lines_kept_whole(text: str, whole: Collection[str] = (), link: tuple[str, str] | None = None) -> str:
    """``text``'s lines as rich text for a label: the lines in ``whole`` are never broken (an e-mail address breaks at
    its hyphen otherwise, and only a line laid out without wrapping keeps it), and in the others a phone number or an
    address keeps its spaces unbroken. ``link`` (words, target): those words, in the lines in ``whole``, are a link to
    target. What is copied from the label is the text as it is: no character is added."""
    blocks = []
    for line in text.split("\n"):
        if line in whole:
            shown = rich_text(line, quote=False)
            if link is not None and link[0]:
                words = rich_text(link[0], quote=False)
                shown = shown.replace(words, f'<a href="{html.escape(link[1], quote=True)}">{words}</a>', 1)
            blocks.append(f'<div style="white-space: nowrap">{shown}</div>')
            continue
        blocks.append(f"<div>{_nowrap_spans(line, _ADDRESS)}</div>")
    return "".join(blocks)


def _nowrap_spans(line: str, pattern: re.Pattern[str]) -> str:
    """``line`` escaped as rich text, each match of ``pattern`` in a span no line breaks inside."""
    parts, at = [], 0
    for found in pattern.finditer(line):
        parts.append(rich_text(line[at : found.start()], quote=False))
        parts.append(f'<span style="white-space: nowrap">{rich_text(found.group(), quote=False)}</span>')
        at = found.end()
    parts.append(rich_text(line[at:], quote=False))
    return "".join(parts)


#: a space no line may break at: between a number and its unit ("38 s", "15–21 s", "5 Go", "100 %"), before the French
#: « : » « ; » « ! » « ? » « » », after « « »
_UNIT = r"(?:s|ms|min|h|%|[kKMGT]i?[Bo]|octets?|bytes?)(?![\w/])"
_KEPT_SPACE = rf"(?:(?<=\d) (?={_UNIT})|(?<=\S) (?=[:;!?»])|(?<=«) (?=\S))"
_KEPT_TOGETHER = re.compile(rf"\S+(?:{_KEPT_SPACE}\S+)+")
_KEPT = re.compile(_KEPT_SPACE)


def unbroken(text: str) -> list[str]:
    """``text`` cut at the spaces a line may break at, as ``text.split(" ")`` less the spaces :func:`units_kept` keeps: for
    words wrapped by hand (review of e0f85e39: the verdict's line beside the buttons ended a line with « and began the next
    with the title it quotes)."""
    pieces, at = [], 0
    for i, c in enumerate(text):
        if c == " " and not _KEPT.match(text, i):
            pieces.append(text[at:i])
            at = i + 1
    return [*pieces, text[at:]]


def units_kept(text: str) -> str | None:
    """``text`` as rich text for a label in which no line breaks inside a number and its unit nor before French punctuation
    (bundle view, French: "à 38" then "s" alone on the next line), or None when it has no such space (plain text does).
    Everything is escaped (the text may come from a bundle); spaces are kept as they are, leading ones too, and what is
    copied from the label is the text itself: no character is added."""
    if not _KEPT_TOGETHER.search(text):
        return None
    blocks = []
    for line in text.split("\n"):
        blocks.append(f'<div style="white-space: pre-wrap">{_nowrap_spans(line, _KEPT_TOGETHER)}</div>')
    return "".join(blocks)


def kept_label(text: str, name: str | None = None, *, selectable: bool = False) -> QLabel:
    """:func:`label` for words in which a number keeps its unit and French punctuation the word before it (:func:`units_kept`)."""
    rich = units_kept(text)
    return label(text if rich is None else rich, name, rich=rich is not None, selectable=selectable)


class WholeText(QLabel):
    """Words as tall as they need at the width they are given, even where nothing asks a height for a width (a
    QSplitter's column): never cut at the bottom and never a scroll bar of their own; the page around them scrolls
    (request review, round 48: "The writing on the right is cut off at the bottom… I didn't notice I could scroll")."""

    def __init__(self, text: str = "", *, rich: bool = False, selectable: bool = False) -> None:
        super().__init__()
        self.setTextFormat(Qt.TextFormat.RichText if rich else Qt.TextFormat.PlainText)
        self.setWordWrap(True)
        self.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        if selectable:
            self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        self._width = -1
        self.setText(text)

    def _whole(self, hint: QSize) -> QSize:
        if self.width() > 0:  # its height at its width (QLabel's own guesses a narrower one)
            hint.setHeight(self.heightForWidth(self.width()))
        return hint

    def minimumSizeHint(self) -> QSize:
        return self._whole(super().minimumSizeHint())

    def sizeHint(self) -> QSize:
        return self._whole(super().sizeHint())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.size().width() != self._width:  # wrapped at another width, the words take another height
            self._width = event.size().width()
            self.updateGeometry()


class _CheckBoxWords(QLabel):
    """A tick box's words: a click on them ticks it, as on a tick box's own text."""

    clicked = Signal()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        if event.button() == Qt.MouseButton.LeftButton and self.rect().contains(event.position().toPoint()):
            self.clicked.emit()


class WrappingCheckBox(QWidget):
    """A tick box whose words wrap onto more lines (a QCheckBox's own text never wraps, so a long one made its window
    as wide as that line). The box keeps the words as its accessible name, takes the keyboard focus and ticks with
    Space; a click on the words ticks it too."""

    toggled = Signal(bool)

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.box = QCheckBox()
        self.words = _CheckBoxWords()
        self.words.setTextFormat(Qt.TextFormat.PlainText)
        self.words.setWordWrap(True)
        self.words.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        self.words.setBuddy(self.box)
        self.words.clicked.connect(self._clicked)
        self.box.toggled.connect(self.toggled)
        self.setFocusProxy(self.box)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(self.style().pixelMetric(QStyle.PixelMetric.PM_CheckBoxLabelSpacing))
        row.addWidget(self.box, 0, Qt.AlignmentFlag.AlignTop)
        row.addWidget(self.words, 1)
        self.setText(text)

    def _clicked(self) -> None:
        if self.box.isEnabled():
            self.box.setFocus(Qt.FocusReason.MouseFocusReason)
            self.box.click()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange, QEvent.Type.PolishRequest):
            self._align()

    def showEvent(self, event: QShowEvent) -> None:
        self._align()
        super().showEvent(event)

    def _align(self) -> None:
        """The box as tall as the words' first line: it stays beside that line (the style centres its mark)."""
        self.box.setMinimumHeight(self.words.fontMetrics().height())

    def text(self) -> str:
        return self.words.text()

    def setText(self, text: str) -> None:
        self.words.setText(text)
        self.box.setAccessibleName(text)

    def isChecked(self) -> bool:
        return self.box.isChecked()

    def setChecked(self, checked: bool) -> None:
        self.box.setChecked(checked)


def lowest_words(content: QWidget) -> int:
    """Where the last thing ``content`` shows ends, in its own pixels: the bottom of its lowest visible widget that holds
    no other (words, a box to type in, a button), not of the empty room a stretch or a frame's margin leaves under it."""
    lowest = 0
    for widget in content.findChildren(QWidget):
        if not widget.isVisibleTo(content) or widget.height() <= 0:
            continue
        if any(isinstance(child, QWidget) and child.isVisibleTo(content) for child in widget.children()):
            continue  # a holder: its own bottom may be empty room
        if isinstance(widget, QLabel) and not widget.text() and widget.pixmap().isNull():
            continue  # an empty line waiting for words
        lowest = max(lowest, widget.mapTo(content, QPoint(0, widget.height())).y())
    return lowest


class MoreBelow(QWidget):
    """Says that a scrolling part of a window goes on below, while something it shows is really out of sight there: a
    soft fade at the bottom edge and a "More below ↓" button that scrolls down to it. Gone once the end is in view.

    Small-screen review (s33, 1366x768 at 150 %): lay readers never scrolled: the start page's other choices ("I didn't
    notice the tiny arrows at the side"), the verdict's step 3 cut mid-sentence, the one saying photos are kept ("I didn't
    know I could scroll that little box"), the send dialog's "What changed recently?" (« il y a deux barres de défilement,
    c'est très petit ») and the review's explanations were missed. Lines cut at a widget's edge instead would still hide
    the rest without a word, and wider scroll bars are still at the side where no one looks: the cue is where the words
    stop. It comes from what is out of sight, not from the scroll range: a page taller than its words shows none.
    """

    def __init__(self, area: QScrollArea) -> None:
        super().__init__(area)  # over the viewport, not in it: it stays at the bottom edge while the page scrolls
        self.area = area
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)  # the fade: a click or the wheel goes through
        self.button: QPushButton | None = None  # made when first needed: then it comes after the page's fields with Tab
        self._content: QWidget | None = None
        self._lowest = 0
        self._stale = True
        self._later = QTimer(self)
        self._later.setSingleShot(True)
        self._later.setInterval(0)
        self._later.timeout.connect(self.update_cue)
        bar = area.verticalScrollBar()
        bar.valueChanged.connect(self.update_cue)  # at once: scrolled to the end, it is gone
        bar.rangeChanged.connect(self._measure)
        area.installEventFilter(self)
        area.viewport().installEventFilter(self)
        self.hide()

    def _measure(self) -> None:
        self._stale = True  # measured again in hidden_below
        self._later.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.LayoutRequest, QEvent.Type.Resize, QEvent.Type.Show):
            self._measure()  # the page's words, the area's size or the window's: what is out of sight may have changed
        return False

    def hidden_below(self) -> int:
        """How many pixels of what the area shows are below its visible part (0: all of it is in view)."""
        content = self.area.widget()
        if content is not self._content:  # a new page body (the verdict is built again for each check)
            if self._content is not None and isValid(self._content):  # the old page body may be deleted already
                self._content.removeEventFilter(self)
            if content is not None:
                content.installEventFilter(self)
            self._content, self._stale = content, True
        if content is None:
            return 0
        if self._stale:
            self._lowest, self._stale = lowest_words(content), False
        seen = self.area.verticalScrollBar().value() + self.area.viewport().height()
        return max(0, self._lowest - seen)

    #: below this height the window is short (a 1366x768 laptop at 150 %: the main window 472 px, the send dialog 470)
    SHORT_BELOW = 600

    def update_cue(self) -> None:
        # Small-screen review (s33, round 2): on a short window the cue did not help, and it hid what it announced: "I
        # didn't see the 'More below ↓' button, or I'd think it was an ad", "I wouldn't scroll"; it sat over the cut line
        # (« le bouton « Suite plus bas ↓ » est posé dessus ») and its fade over the sentence that reassures. There, no
        # cue: the pages give the hidden content room instead (the verdict's strip, the send dialog's and start page's
        # short layouts). Where the window has room it is as it was.
        short = self.area.window().height() < self.SHORT_BELOW
        hidden = self.area.isVisible() and not short and self.hidden_below() > 1
        if hidden and self.button is None:
            self.button = QPushButton(self.area)
            self.button.setObjectName("secondaryAccent")  # the accent colour of "Contact support": a thing to click
            self.button.setCursor(Qt.CursorShape.PointingHandCursor)
            self.button.setAutoDefault(False)  # Enter in the dialog still presses its own button
            self.button.clicked.connect(self.scroll_on)
            self.retranslate()
        if self.button is not None:
            self.button.setVisible(hidden)
        self.setVisible(hidden)
        if hidden:
            self._place()

    def retranslate(self) -> None:
        if self.button is not None:
            # send rounds 102-103 (en): "More below ↓": "I wouldn't know what's behind it": what a click shows
            self.button.setText(_("See the rest of this page ↓"))
            self.button.setAccessibleName(_("See the rest of this page"))
            self.button.setAccessibleDescription(_("Scrolls down to show the rest of this page."))
            self.button.adjustSize()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()

    def _place(self) -> None:
        view = self.area.viewport().geometry()  # in the area's pixels
        assert self.button is not None
        self.retranslate()  # the language may have changed since it was last shown
        hint = self.button.sizeHint()
        # about a line, and no more than a third of a short view: the last lines in sight stay readable
        fade = min(hint.height() + self.fontMetrics().height() // 2, max(hint.height(), view.height() // 3))
        self.setGeometry(view.x(), view.bottom() + 1 - fade, view.width(), fade)
        # at the right, where lines end (they start at the left): it covers the fewest words, the choice ticked included
        edge = self.fontMetrics().height() // 2
        self.button.setGeometry(view.right() + 1 - edge - hint.width(), view.bottom() + 1 - hint.height() - 4, hint.width(), hint.height())
        self.raise_()
        self.button.raise_()

    def scroll_on(self) -> None:
        """Down to the first thing cut by the bottom edge (or hidden under the fade), its top at the top of the view."""
        content = self.area.widget()
        bar = self.area.verticalScrollBar()
        if content is None:
            return
        margin = self.fontMetrics().height() // 2
        seen = bar.value() + self.area.viewport().height() - self.height()
        tops = []
        for widget in content.findChildren(QWidget):
            if widget.isVisibleTo(content) and not any(isinstance(c, QWidget) and c.isVisibleTo(content) for c in widget.children()):
                top = widget.mapTo(content, QPoint(0, 0)).y()
                if top + widget.height() > seen and top > bar.value() + margin:
                    tops.append(top)
        target = min(tops) - margin if tops else bar.value() + bar.pageStep()
        bar.setValue(min(bar.maximum(), max(target, bar.value() + margin)))

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        ground = QColor(self.palette().color(QPalette.ColorRole.Window))
        fade = QLinearGradient(0, 0, 0, self.height())
        clear = QColor(ground)
        clear.setAlpha(0)
        fade.setColorAt(0.0, clear)
        ground.setAlpha(215)
        fade.setColorAt(1.0, ground)
        painter.fillRect(self.rect(), fade)


def blank_rows(widget: QWidget) -> tuple[float, list[bool]]:
    """Which rows of what ``widget`` draws hold no ink (the gaps between lines of words), in the screen's pixels, and how
    many of those a widget's pixel is (the screen's scale)."""
    image = widget.grab().toImage().convertToFormat(QImage.Format.Format_ARGB32)
    width, line = image.width(), image.bytesPerLine()
    data = bytes(image.constBits())  # type: ignore[arg-type]
    rows = []
    for y in range(image.height()):
        row = data[y * line : y * line + 4 * width]
        rows.append(row == row[:4] * width)  # one colour across: no letter crosses it
    return image.devicePixelRatio() or 1.0, rows


class WholeLines(QObject):
    """A scrolling area's bottom edge between two lines of words, never through one: when it would cut a line, the view
    stops above it and the line waits, whole, below; a short line of its own (a button, a fold link) waits whole too.

    Small-screen review (s33, round 4, 1366x768 at 150 %): readers who never scroll read the half line at the bottom and
    worried about it: the review's explanations ("a sentence starts with “N…” and I can't read it … something important
    about my privacy"; « Le texte de droite continue plus bas, il est coupé »), the verdict's step 3 cut mid-sentence (« je
    ne sais pas copier quoi ») and its fold link ("I could hardly read it"). A line is either whole or not shown.

    A box to fill in waits whole too, with its question (its label in a form, or the label it is the buddy of): round 5
    (the send dialog) read the box cut under "Since when?" as a question they could not answer ("There may be more
    questions below that I'd never see"; « la case est coupée en bas de l'écran : je ne la vois presque pas »).

    A tick box waits whole with its words too, and a section's heading never stands alone at the edge: it shows with the
    first line of what it heads (its first tick box, its first step), or waits with it below. Small-screen round 13 (the
    send dialog): "The heading 'Also include' sits at the very bottom with nothing under it. I think something is hidden
    below … so I never saw what it was"; "'Also include' what? It doesn't say." (a heading says what only with it)"""

    #: the boxes one types or chooses in: each is seen whole with its question, or waits with it below
    FIELDS = (QComboBox, QLineEdit, QPlainTextEdit, QTextEdit)
    #: the names of the labels that head a section (label(text, name)): each is seen with the start of what it heads
    HEADINGS = ("sectionTitle",)

    def __init__(self, area: QScrollArea) -> None:
        super().__init__(area)
        self.area = area
        #: how much of the area's bottom is left empty, in its pixels
        self.trimmed = 0
        self._content: QWidget | None = None
        self._rows: dict[int, tuple[tuple[object, ...], float, list[bool]]] = {}
        self._later = QTimer(self)
        self._later.setSingleShot(True)
        self._later.setInterval(0)
        self._later.timeout.connect(self.trim)
        bar = area.verticalScrollBar()
        # not QTimer.start itself: the signal's number became its wait (scrolled 300 px down, the edge was trimmed 300 ms late)
        bar.valueChanged.connect(self._soon)
        bar.rangeChanged.connect(self._soon)
        area.installEventFilter(self)

    def _soon(self) -> None:
        self._later.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.LayoutRequest, QEvent.Type.Resize, QEvent.Type.Show):
            self._soon()  # new words, another width or height: another line at the edge
        return False

    def _gaps(self, words: QLabel) -> tuple[float, list[bool]]:
        key = (words.text(), words.size().width(), words.size().height(), words.font().key())
        kept = self._rows.get(id(words))
        if kept is None or kept[0] != key:
            scale, rows = blank_rows(words)
            kept = self._rows[id(words)] = (key, scale, rows)
        return kept[1], kept[2]

    def _stop_in(self, words: QLabel, edge: int) -> int:
        """Where in ``words`` (its own pixels) the view can stop at or above ``edge`` without cutting a line: 0 if none."""
        scale, rows = self._gaps(words)
        for stop in range(edge, 0, -1):
            near = range(max(0, int(stop * scale) - 1), min(len(rows), int(stop * scale + 0.999) + 1))
            if all(rows[y] for y in near):
                return stop
        return 0

    @classmethod
    def _in_a_box(cls, widget: QWidget, content: QWidget) -> bool:
        parent = widget.parentWidget()
        while parent is not None and parent is not content:
            if isinstance(parent, cls.FIELDS):
                return True
            parent = parent.parentWidget()
        return False

    @staticmethod
    def _questions(content: QWidget) -> list[tuple[QWidget, QWidget]]:
        """Each box of ``content`` with its question: the label a form shows beside (or above) it, or the label whose buddy it is."""
        pairs: list[tuple[QWidget, QWidget]] = []
        for form in content.findChildren(QFormLayout):
            for row in range(form.rowCount()):
                field = form.itemAt(row, QFormLayout.ItemRole.FieldRole)
                question = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
                box = field.widget() if field is not None else None
                words = question.widget() if question is not None else None
                if box is not None and words is not None:
                    pairs.append((box, words))
        for words in content.findChildren(QLabel):
            buddy = words.buddy()
            if buddy is not None:
                pairs.append((buddy, words))
        return pairs

    def trim(self) -> None:
        area = self.area
        content = area.widget()
        if content is not self._content:  # a new page body (the verdict is built again for each check)
            if self._content is not None and isValid(self._content):  # the old page body may be deleted already
                self._content.removeEventFilter(self)
            if content is not None:
                content.installEventFilter(self)
            self._content, self._rows = content, {}
        full = area.contentsRect().height()  # the view's height, the part left empty included
        stop = edge = area.verticalScrollBar().value() + full
        if content is not None and area.isVisible() and content.height() > full:
            questions = self._questions(content)
            #: what one reads or fills in, each with its top, bottom and where its first line ends (a heading's followers)
            units: list[tuple[QWidget, int, int, int]] = []
            headings: list[tuple[int, int]] = []
            for widget in content.findChildren(QWidget):
                if not widget.isVisibleTo(content) or widget.height() <= 0:
                    continue
                if isinstance(widget, self.FIELDS):  # a box and its question: one unit (its own parts are not lines)
                    if isinstance(widget, (QPlainTextEdit, QTextEdit)) and widget.isReadOnly():
                        # words to read that scroll in their own frame (the review's file preview), not a box to fill in:
                        # kept whole, its top in the view's last third emptied the bottom of the view and hid its first lines
                        continue
                    top = widget.mapTo(content, QPoint(0, 0)).y()
                    bottom = top + widget.height()
                    units.append((widget, top, bottom, bottom))
                    question = next((q for box, q in questions if box is widget), None)
                    if question is not None and question.isVisibleTo(content):
                        above = question.mapTo(content, QPoint(0, 0)).y()
                        top, bottom = min(top, above), max(bottom, above + question.height())
                    if top < edge < bottom:
                        stop = min(stop, top)
                    continue
                if self._in_a_box(widget, content):
                    continue  # part of a box (its viewport, its scroll bar, a clear button): the box is the unit
                if any(isinstance(child, QWidget) and child.isVisibleTo(content) for child in widget.children()):
                    continue  # a holder: its own lines are its children's
                top = widget.mapTo(content, QPoint(0, 0)).y()
                bottom = top + widget.height()
                words = next((q for box, q in questions if box is widget), None) if isinstance(widget, QCheckBox) else None
                if words is not None and words.isVisibleTo(content):
                    # a tick box and its words: what one agrees to send is read whole (the screen picture's "it may show
                    # other windows you had open, such as your e-mails"), or waits whole below
                    above = words.mapTo(content, QPoint(0, 0)).y()
                    top, bottom = min(top, above), max(bottom, above + words.height())
                    units.append((widget, top, bottom, bottom))
                    if top < edge < bottom:
                        stop = min(stop, top)
                    continue
                if isinstance(widget, QLabel) and widget.objectName() in self.HEADINGS and widget.text():
                    headings.append((top, bottom))
                elif isinstance(widget, (QLabel, QAbstractButton)):
                    first = top + widget.contentsMargins().top() + widget.fontMetrics().lineSpacing()
                    units.append((widget, top, bottom, min(bottom, first) if isinstance(widget, QLabel) and widget.wordWrap() else bottom))
                if not top < edge < bottom:
                    continue
                if isinstance(widget, QLabel) and widget.wordWrap() and widget.text():
                    stop = min(stop, top + self._stop_in(widget, edge - top))
                elif isinstance(widget, (QLabel, QAbstractButton)) and widget.height() <= full // 4:
                    stop = min(stop, top)  # one line: whole or not at all
            for top, bottom in sorted(headings, reverse=True):  # from the lowest: one waiting below may leave another alone
                if not edge - full // 3 < top < stop:
                    continue  # out of sight, or too high for the view to stop above it
                # what it heads: the first thing under it (the nearest, then the leftmost: a tick box before its words)
                under = [(unit[1], unit[0].mapTo(content, QPoint(0, 0)).x(), unit[3]) for unit in units if unit[1] >= bottom - 1]
                if under and min(under)[2] > stop:
                    stop = top  # the heading waits below with it
        trimmed = edge - stop if edge - stop < full // 3 else 0  # never more than a few lines of the view
        if trimmed != self.trimmed:
            self.trimmed = trimmed
            area.setViewportMargins(0, 0, 0, trimmed)


def no_empty_scrolling(content: QWidget) -> None:
    """``content``, what a QScrollArea scrolls, as tall as its words need at its width, not as tall as at its narrowest:
    no scroll range into nothing. Called again when its layout changes (a QEvent.LayoutRequest on ``content``).

    QScrollArea makes its content at least its minimum height, which wrapped words give at the narrowest width they can
    take (the send dialog's first page: 484 px for the 391 its words take at 698 px wide on a 1366x768 laptop at 150 %).
    The rest was an empty stretch under the last tick box, and the scroll bar beside it said something waited below
    (small-screen round 16: "I wonder whether there are more boxes below 'Also include' that I can't see"); the verdict
    page scrolled 412 px past its last line into a blank page (the scaled pictures' 3-verdict-bottom showed nothing).
    Where the page's height follows its width, the area takes that height (a minimum of 1 lets it); elsewhere the
    layout's minimum."""
    layout = content.layout()
    follows = layout is not None and layout.hasHeightForWidth()
    if (content.minimumHeight() == 1) != follows:
        content.setMinimumHeight(1 if follows else 0)


class VerticalScroll(QScrollArea):
    """What a window holds, scrolling up and down when the window is short (a small laptop screen, large text) and
    never sideways: at least as wide as its content can be, and as tall as it needs where there is room."""

    def __init__(self, content: QWidget) -> None:
        super().__init__()
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes to the fields inside, each scrolled into sight
        self.content = content
        self._width = -1
        self.setWidget(content)
        self._no_empty_scrolling()
        self.viewport().setAutoFillBackground(False)
        content.setAutoFillBackground(False)
        self.more_below = MoreBelow(self)

    def minimumSizeHint(self) -> QSize:
        content = self.content
        room = self.verticalScrollBar().sizeHint().width()  # kept for the scroll bar: nothing is cut when it shows
        return QSize(content.minimumSizeHint().width() + room, min(content.minimumSizeHint().height(), 4 * self.fontMetrics().height()))

    def sizeHint(self) -> QSize:
        content = self.content
        hint = QSize(content.sizeHint())
        # at the width it has (less the scroll bar's, which may show): set even before the window is shown
        width = self.width() - self.verticalScrollBar().sizeHint().width() if self.testAttribute(Qt.WidgetAttribute.WA_Resized) else hint.width()
        if content.hasHeightForWidth() and width > 0:
            hint.setHeight(max(content.heightForWidth(width), content.minimumSizeHint().height()))
        return hint

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.content and event.type() == QEvent.Type.LayoutRequest:
            self._no_empty_scrolling()
            self.updateGeometry()  # new words (an outcome, a hint): the window gives them the room they need, where it has it
        return super().eventFilter(watched, event)

    def _no_empty_scrolling(self) -> None:
        """What scrolls is as tall as its words need at its width (no_empty_scrolling).

        QScrollArea reads a minimum height set on the page before its minimum size hint, so this leaves sizeHint (the
        height a window or dialog gives the area) as it was. pages.WrappedBody lowers that hint instead, for the start
        page alone (its button under the area): it would not serve here, as every page would have to be one, and the send
        dialog, which opens as tall as the hint, would open 110 px shorter (833 to 723)."""
        no_empty_scrolling(self.content)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.size().width() != self._width:  # wrapped words take another height at another width
            self._width = event.size().width()
            self.updateGeometry()


def icon_label(icon_name: str, size: int, accessible: str = "") -> QLabel:
    lab = QLabel()
    ratio = QGuiApplication.primaryScreen().devicePixelRatio() if QGuiApplication.primaryScreen() else 1.0
    lab.setPixmap(resources.pixmap(icon_name, size, ratio))
    lab.setFixedSize(QSize(size, size))
    if accessible:
        lab.setAccessibleName(accessible)
    return lab


def quoted(text: str) -> str:
    """“text” in English, « text » in French."""
    return _("“{text}”").format(text=text)


def no_mnemonic(text: str) -> str:
    """``text`` for a button or a menu, shown as written: Qt reads "&" there as a keyboard shortcut's mark, so a
    company's "AT&T" read "ATT" (and Alt+T pressed it), "Printing & scanning" lost its "&"."""
    return text.replace("&", "&&")


def ask_yes_no(parent: QWidget | None, title: str, text: str, default: bool | None = None) -> bool:
    """A Yes/No question whose text is shown as written: ``QMessageBox.question`` guesses markup, so a product
    named "AT&T <b>Check</b>" (branding) was shown "AT&T **Check**" in bold and "A &lt; B" as "A < B" (a check's
    question and its fix's confirmation too). ``default``: the button Enter presses (Qt's choice when None)."""
    box = QMessageBox(QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    if default is not None:
        box.setDefaultButton(QMessageBox.StandardButton.Yes if default else QMessageBox.StandardButton.No)
    return box.exec() == QMessageBox.StandardButton.Yes


def tell(parent: QWidget | None, title: str, text: str) -> None:
    """A message with an OK button, its text shown as written (``QMessageBox.information`` guesses markup)."""
    box = QMessageBox(QMessageBox.Icon.Information, title, text, QMessageBox.StandardButton.Ok, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.exec()


def link_html(url: str, text: str) -> str:
    return f'<a href="{html.escape(url, quote=True)}">{rich_text(text)}</a>'


class NoticeBar(QFrame):
    """A calm bar at the top of the window: something is off, the app goes on."""

    details_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("notice")
        self.setAccessibleName(_("Notice"))
        row = QHBoxLayout(self)
        row.setContentsMargins(16, 8, 12, 8)
        row.addWidget(icon_label("status-info", 20))
        self.text = label("", "noticeText")
        row.addWidget(self.text, 1)
        self.details = QPushButton()
        self.details.clicked.connect(self.details_requested)
        row.addWidget(self.details)
        self.close_button = QPushButton()
        self.close_button.clicked.connect(self.hide)
        row.addWidget(self.close_button)
        self.detail_text = ""
        self.retranslate()
        self.hide()

    def retranslate(self) -> None:
        self.details.setText(_("Details"))
        self.close_button.setText(_("Dismiss"))
        self.close_button.setAccessibleName(_("Dismiss the notice"))

    def show_notice(self, text: str, detail: str = "") -> None:
        self.text.setText(text)
        self.setAccessibleDescription(text)
        self.detail_text = detail
        self.details.setVisible(bool(detail))
        self.show()


class Expander(QToolButton):
    """A keyboard-friendly "▸ Show / ▾ Hide" toggle for a section."""

    def __init__(self, text: str, target: QWidget, expanded: bool = False, closed_text: str | None = None) -> None:
        super().__init__()
        self.setObjectName("expander")
        self.setCheckable(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.target = target
        self._text = text
        self._closed_text = closed_text  # what it says while closed ("… click to see them"), when that differs
        self.toggled.connect(self._apply)
        self.setChecked(expanded)
        self._apply(expanded)

    def set_text(self, text: str) -> None:
        self._text = text
        self._apply(self.isChecked())

    def _apply(self, on: bool) -> None:
        self.setArrowType(Qt.ArrowType.DownArrow if on else Qt.ArrowType.RightArrow)
        text = self._text if on or self._closed_text is None else self._closed_text
        self.setText(text)
        self.setAccessibleName(text)
        self.setAccessibleDescription(_("expanded") if on else _("collapsed"))
        self.target.setVisible(on)


class WrappingExpander(Expander):
    """An :class:`Expander` whose words wrap at its width, for a fold whose title names what it holds.

    Send rounds 102-103 (en, fr): "Other ways to make room (2)": "Two what?", « je ne sais pas ce que veut dire le (2) »: the
    title names the ways ("…: remove programs you no longer use, or let this program make more room by itself…"); a tool button's
    words do not wrap, and in French they were wider than the window. Drawn as the tool button draws them (its frame and
    arrow by the style, the words beside the arrow), on as many lines as its width needs."""

    #: the theme's padding around the words (theme.py, QToolButton#expander), and its focus frame's width
    PAD, FRAME = 2, 2

    def __init__(self, text: str, target: QWidget, expanded: bool = False, closed_text: str | None = None) -> None:
        super().__init__(text, target, expanded, closed_text)
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    def _beside(self) -> int:
        """Where the words start: after the frame, the padding and the arrow (as QCommonStyle lays out TextBesideIcon)."""
        return self.FRAME + self.PAD + self.iconSize().width() + 4

    def _words_height(self, width: int) -> int:
        room = max(1, width - self._beside() - self.FRAME - self.PAD)
        return self.fontMetrics().boundingRect(0, 0, room, 100_000, Qt.TextFlag.TextWordWrap, self.text()).height()

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return max(super().sizeHint().height(), self._words_height(width) + 2 * (self.FRAME + self.PAD))

    def sizeHint(self) -> QSize:
        one_line = super().sizeHint()
        return QSize(one_line.width(), self.heightForWidth(one_line.width()))

    def minimumSizeHint(self) -> QSize:
        narrow = self._beside() + self.fontMetrics().horizontalAdvance("M" * 16)
        return QSize(narrow, self.heightForWidth(narrow))

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QStylePainter(self)
        option = QStyleOptionToolButton()
        self.initStyleOption(option)
        option.text = ""  # the frame and the arrow, at the left, by the style; the words below, wrapped
        painter.drawComplexControl(QStyle.ComplexControl.CC_ToolButton, option)
        words = self.rect().adjusted(self._beside(), self.FRAME + self.PAD, -(self.FRAME + self.PAD), -(self.FRAME + self.PAD))
        flags = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter) | int(Qt.TextFlag.TextWordWrap)
        painter.drawItemText(words, flags, self.palette(), self.isEnabled(), self.text(), QPalette.ColorRole.ButtonText)


class ResultCard(QFrame):
    """One check's result: icon + title + status word, the summary, then (opened) advice and details."""

    fix_requested = Signal(str)
    repair_requested = Signal(str, str)  # check id, repair id (gui/repair_dialog.py)
    details_built = Signal(object)  # the card, once its buttons exist

    def __init__(
        self,
        result: Result,
        title: str,
        root_titles: list[str],
        *,
        read_only: bool = False,
        expanded: bool = False,
        urgency: str | None = None,
        reassurance: str | None = None,
        icon: str | None = None,
    ) -> None:
        super().__init__()
        self.result = result
        self.setObjectName("card")
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        is_consequence = bool(result.consequence_of)
        status_word = _("Follows from another problem") if is_consequence and result.status is not Status.SKIP else result.status.label
        status_word = urgency or status_word  # the verdict's words: "Needs attention now", "Can wait"
        self.setAccessibleName(f"{title}: {status_word}")
        self.setAccessibleDescription(result.summary)

        outer = QVBoxLayout(self)
        outer.setContentsMargins(16, 12, 16, 12)
        outer.setSpacing(6)
        top = QHBoxLayout()
        top.setSpacing(12)
        # the verdict's icon when it lists this problem: it follows the urgency (a clock for what can wait)
        self.icon_name = icon or resources.result_icon_name(result)
        top.addWidget(icon_label(self.icon_name, 24, status_word), 0, Qt.AlignmentFlag.AlignTop)
        head = QVBoxLayout()
        head.setSpacing(2)
        title_row = QHBoxLayout()
        self.title_label = label(title, "resultTitle")
        title_row.addWidget(self.title_label, 1)
        self.status_label = label(status_word, "statusWord", wrap=False)
        self.status_label.setAccessibleName(_("Status: {status}").format(status=status_word))
        title_row.addWidget(self.status_label, 0, Qt.AlignmentFlag.AlignTop)
        head.addLayout(title_row)
        self.summary_label = label(result.summary, "summary", selectable=True)
        summary_row = QHBoxLayout()
        summary_row.setSpacing(12)
        summary_row.addWidget(self.summary_label, 1)
        head.addLayout(summary_row)
        if is_consequence:
            because = ", ".join(quoted(t) for t in root_titles)
            head.addWidget(label(_("Because of: {causes}").format(causes=because), "muted"))
        self.reassurance_label: QLabel | None = None
        if reassurance:
            self.reassurance_label = label(reassurance, "muted")
            head.addWidget(self.reassurance_label)
        top.addLayout(head, 1)
        outer.addLayout(top)

        # the opened part is built the first time it opens: a verdict of many results appears at once
        self.title, self.read_only = title, read_only
        self.details = QFrame()
        self.details.setObjectName("details")
        self.details.hide()
        self.fix_button: QPushButton | None = None
        self.again_button: QPushButton | None = None
        self.technical: QPlainTextEdit | None = None
        self.tech_expander: Expander | None = None
        self._built = False
        problem_with_advice = result.status.is_problem and bool(result.advice) and not is_consequence
        # send rounds 59-64 (en, fr): the updates line's "waiting for you to add them": "add them how?", « Je ne sais pas comment
        # les ajouter »: the fold under it was not opened; closed, it says that a click shows how (as "2 more ways to make room:
        # click to see them", which readers open)
        # send round 99 (en): "What to do: click to see how" quoted: said as a link says it, "Show"
        # send round 103 (en): "Show what to do": "I wouldn't know what's behind it": what it shows, the steps
        if problem_with_advice:
            self.expander = Expander(_("What to do"), self.details, False, _("Show how to do it, step by step"))
        else:
            self.expander = Expander(_("Details"), self.details, False)
        self.expander.toggled.connect(self._build_details)
        if problem_with_advice:
            outer.addWidget(self.expander)
        else:  # a quiet "Details" at the end of the summary line keeps healthy results short
            summary_row.addWidget(self.expander, 0, Qt.AlignmentFlag.AlignBottom)
        outer.addWidget(self.details)
        if expanded:
            self.expander.setChecked(True)

    def _build_details(self, opened: bool = True) -> None:
        if self._built or not opened:
            return
        self._built = True
        result, title = self.result, self.title
        body = QVBoxLayout(self.details)
        body.setContentsMargins(14, 10, 14, 10)
        body.setSpacing(6)
        if result.advice:
            body.addWidget(label(_("What you can do"), "sectionTitle"))
            for number, step in enumerate(result.advice, 1):
                body.addWidget(label(f"{number}.  {step}", "advice", selectable=True))
        if result.help_url:
            link = label(link_html(result.help_url, _("More help on this problem")), "helpLink", rich=True)
            link.setOpenExternalLinks(True)
            link.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
            body.addWidget(link)
        buttons = FlowLayout()  # wraps to a second line rather than cutting a long (French) button text
        from .repair_offer import fix_route

        if result.fix is not None and not self.read_only and fix_route(result.fix)[0] != "refused":
            self.fix_button = QPushButton(no_mnemonic(result.fix.label or _("Fix it")))  # the check's words: "&" as written
            self.fix_button.setObjectName("secondaryAccent")
            self.fix_button.setAccessibleName(_("{fix} (for “{check}”)").format(fix=result.fix.label or _("Fix it"), check=title))
            self.fix_button.clicked.connect(lambda: self.fix_requested.emit(result.check_id))
            buttons.addWidget(self.fix_button)
        self.repair_buttons: list[QPushButton] = []
        if not self.read_only:
            from .repair_offer import repair_buttons

            self.repair_buttons = repair_buttons(result, lambda rid: self.repair_requested.emit(result.check_id, rid))
            for button in self.repair_buttons:
                buttons.addWidget(button)
        # checking again is the verdict's one button (or the page's when nothing is wrong), not one per card
        body.addLayout(buttons)
        holder = QWidget()
        holder_layout = QVBoxLayout(holder)
        holder_layout.setContentsMargins(0, 0, 0, 0)
        # send round 8: "Technical details" / « Détails techniques » quoted by both readers: named for what they are
        self.tech_expander = Expander(_("The exact details, for support"), holder)
        self.tech_expander.toggled.connect(lambda on: self._build_technical(holder_layout) if on else None)
        body.addWidget(self.tech_expander)
        body.addWidget(holder)
        self.details_built.emit(self)

    def _build_technical(self, layout: QVBoxLayout) -> None:
        if self.technical is not None:
            return
        tech_text = self._technical_text(self.result)
        self.technical = QPlainTextEdit(tech_text)
        self.technical.setObjectName("technical")
        self.technical.setReadOnly(True)
        self.technical.setAccessibleName(_("The exact details, for support"))
        self.technical.setTabChangesFocus(True)
        lines = tech_text.count("\n") + 1
        self.technical.setFixedHeight(min(220, 24 + lines * self.technical.fontMetrics().lineSpacing()))
        layout.addWidget(self.technical)
        self.technical.show()

    @staticmethod
    def _technical_text(result: Result) -> str:
        # each label with its colon in the catalogue: French writes a space before it (« Durée : 1,23 s »)
        lines = [_("Check: {id}").format(id=result.check_id), _("Status: {status}").format(status=result.status.value)]
        if result.duration:
            lines.append(_("Time taken: {seconds} s").format(seconds=wording.number(result.duration, 2)))
        if result.consequence_of:
            lines.append(_("Follows from: {checks}").format(checks=", ".join(result.consequence_of)))
        if result.evidence:
            lines.append("")
            lines.append(evidence_text(result.evidence, check_id=result.check_id))
        return "\n".join(lines)


class CategorySection(QWidget):
    """A category's heading (icon, name, how many problems) above its result cards; ``all_ok``: what it says in place of
    "All OK" (the verdict's Verdict.group_status: checked between the cuts a recording caught)."""

    def __init__(self, category: str, title: str, results: list[Result], *, all_ok: str = "") -> None:
        super().__init__()
        self.category = category
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.setSpacing(8)
        head = QHBoxLayout()
        head.setSpacing(10)
        if title:
            head.addWidget(icon_label(f"category-{category}" if category in CATEGORIES else "category-app", 22))
            heading = label(title, "sectionTitle", wrap=False)
            heading.setAccessibleName(title)
            head.addWidget(heading)
        from selfcheck.verdict import urgency_of

        problems = [r for r in results if r.status.is_problem and not r.consequence_of]
        # "1 problem" above a restart that can wait contradicted "Nothing is wrong" (lay readers, round 2)
        waiting = [r for r in problems if r.status in (Status.WARN, Status.FAIL) and urgency_of(r) in ("later", "info")]
        if problems and len(waiting) == len(problems):
            count = ngettext("{n} thing can wait", "{n} things can wait", len(waiting)).format(n=len(waiting))
        elif problems:
            count = ngettext("{n} problem", "{n} problems", len(problems)).format(n=len(problems))
        elif all(r.status in (Status.PASS, Status.INFO) for r in results):
            count = all_ok or _("All OK")
        else:
            count = ""
        self.count_label = label(count if title else "", "sectionCount", wrap=False)
        head.addWidget(self.count_label)
        head.addStretch(1)
        if title:
            layout.addLayout(head)
        self.cards_layout = layout

    def add_card(self, card: QWidget) -> None:
        self.cards_layout.addWidget(card)


class FoldedOks(QWidget):
    """OK results as one line naming them, their cards one click away under it (``section``): support's view of results made
    between the cuts a recording caught, as `selfcheck show` and report.html fold them (agent round 96: ten green cards "look
    like nothing is wrong")."""

    def __init__(self, titles: list[str]) -> None:
        super().__init__()
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 8, 0, 0)
        outer.setSpacing(8)
        line = QFrame()
        line.setObjectName("card")
        row = QHBoxLayout(line)
        row.setContentsMargins(16, 12, 16, 12)
        row.setSpacing(12)
        row.addWidget(icon_label(resources.status_icon_name(Status.PASS), 24, Status.PASS.label), 0, Qt.AlignmentFlag.AlignTop)
        self.text = kept_label(_("OK: {checks}.").format(checks=_(", ").join(titles)), "summary", selectable=True)
        row.addWidget(self.text, 1)
        holder = QWidget()
        self.section = CategorySection("pass", "", [])
        holder_layout = QVBoxLayout(holder)
        holder_layout.setContentsMargins(0, 0, 0, 0)
        holder_layout.addWidget(self.section)
        self.expander = Expander(_("Details"), holder)
        row.addWidget(self.expander, 0, Qt.AlignmentFlag.AlignBottom)
        line.setAccessibleName(_("OK: {checks}.").format(checks=_(", ").join(titles)))
        outer.addWidget(line)
        outer.addWidget(holder)


class ConsequenceGroup(QFrame):
    """Checks not done because of one root cause, as one calm line instead of a row of alarms."""

    def __init__(self, root_title: str, results: list[Result], titles: dict[str, str]) -> None:
        super().__init__()
        self.setObjectName("card")
        self.results = results
        n = len(results)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(16, 12, 16, 12)
        outer.setSpacing(6)
        top = QHBoxLayout()
        top.setSpacing(12)
        # no "this is not a sign of other problems": a denial raised the fear it meant to calm (lay readers, round 2)
        text = ngettext(
            "{n} more check will be done once {cause} works again.",
            "{n} more checks will be done once {cause} works again.",
            n,
        ).format(cause=quoted(root_title), n=n)
        top.addWidget(icon_label("status-consequence", 24, _("Follows from another problem")), 0, Qt.AlignmentFlag.AlignTop)
        self.text = label(text, "summary")
        top.addWidget(self.text, 1)
        outer.addLayout(top)
        listing = QWidget()
        rows = QVBoxLayout(listing)
        rows.setContentsMargins(36, 0, 0, 0)
        rows.setSpacing(2)
        for r in results:
            rows.addWidget(label("•  " + titles.get(r.check_id, r.title), "muted"))
        self.expander = Expander(_("Which checks?"), listing)
        outer.addWidget(self.expander)
        outer.addWidget(listing)
        self.setAccessibleName(text)
