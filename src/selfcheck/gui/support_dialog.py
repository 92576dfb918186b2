""" "Contact support": describe the problem, review exactly what will be sent, send.

Planning, writing and sending the bundle run in workers (:class:`TaskWorker`);
this dialog only shows their progress and outcome.
"""

from __future__ import annotations

import copy
import html
import logging
import math
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QModelIndex, QPoint, QPointF, QRect, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QGuiApplication, QIcon, QPalette, QResizeEvent, QTextCharFormat, QTextLayout, QTextOption
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeView,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from selfcheck import symptoms
from selfcheck.bundle import brand_of, file_name, review
from selfcheck.i18n import N_, _, ngettext
from selfcheck.runner import Scan
from selfcheck.wording import company_name, saved_place

from . import support, theme
from .file_preview import FilePreview
from .formatting import human_size
from .settings import remember_contact, remembered_contact
from .widgets import Expander, VerticalScroll, WholeLines, WholeText, WrappingCheckBox, blank_rows, icon_label, label, lines_kept_whole, no_mnemonic, rich_text
from .workers import GuiCallback, TaskWorker, ThreadKeeper

log = logging.getLogger("selfcheck.gui")


#: the height a window's title bar takes on the screen, above the window's own height
TITLE_BAR = 40

EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def unbroken(words: str) -> str:
    """``words`` with no line break after a hyphen inside a word: wrapped to the list's width, French broke « e-mail » into
    « e- » and « mail »."""
    return re.sub(r"(?<=\w)-(?=\w)", "-\u2060", words)  # a word joiner after it


#: the words a line of a part always sent shows after its name, where the other lines have their box (SupportDialog._tick)
ALWAYS_SENT = Qt.ItemDataRole.UserRole + 1


#: what the part always sent says after its name in the review's list, where the other parts have their box, and why (the
#: overview beside it keeps the part's whole sentence, review.ReviewGroup.cost)
#: send round 107 (en): "What is wrong and what works on your computer", with "Always sent" and no little square: "Why can't
#: I take that one out?" (its why, "It is what support needs most to help you.", came after the quoted headline under it):
#: the why in the same few words, right after them (the name and e-mail's line says its own why under it)
ALWAYS_SENT_WHY = N_("Always sent: support needs it to help you")
#: the heading over the computer part's box of every line it sends, once opened, and the box's name for screen readers
#: send rounds 91-95: "…: you can skip these lines." over the open box: both readers skipped it, and quoted its lines anyway
#: ("build 22631", "threads", "swap"...); the box is closed now (DETAILS_SHOW), and its heading says only what it is and for whom
#: send round 108: in step with the button that opens it (DETAILS_SHOW), no technicians; send round 111: in step again
DETAILS_HEADING = N_("The exact text support receives:")
#: the button under a part's plain lines that opens its box of every line, and closes it again (Windows Error Reporting's
#: "View technical details", the macOS crash reporter's "Show Details"): the lines one click away, not shown until asked for
#: send rounds 96-97 (en, fr): "Show the exact details sent": "I don't know what more it would show, and I wouldn't click it",
#: « Je ne vois pas ce qu'il y aurait de plus, ni si je dois cliquer dessus »: that it is the same, in support's words (so
#: there is no need to open it); send round 98: "I wouldn't dare open it", « en termes techniques » : « Je ne sais pas ce qu'il y a
#: dedans […] si cette partie cachée part aussi »: what it is, said as what support receives (so it is sent too); round 99
#: ("I don't know what clicking that little arrow would show me", « je ne sais pas qu'il faut cliquer sur ce petit triangle
#: gris »): said as something to click, "Show"; send rounds 99-100 ("Show what support receives, word for word": "I don't
#: know what clicking would show me", "I don't need it, so I wouldn't click"; fr: the grey triangle not seen as something to
#: click): what it shows, and that the customer does not need it, still a link that says "Show" (a button does not wrap: its
#: words fit the part's column at 1366x768 and 150 %, test_small_room); send rounds 96-103 (en, fr): "Show the technical text
#: (you do not need it)": "I don't know what it is", "what secret text is in there", « je ne sais pas ce qu'il y a dedans »: what
#: it is, in lay words (the same part, in detail, for the technicians its heading names), and still that they do not need it
#: send rounds 104-107 (en, fr): "Show the same in detail, for technicians (you do not need it)", « Voir le détail pour les
#: techniciens » quoted in most rounds by readers who then left it alone: what it shows, in words that read as harmless to
#: them (the same part, as support will read it), still one click away
#: send rounds 108-111 (en, fr): "See this part exactly as support will read it", « Voir cette partie exactement comme
#: l'assistance la lira », quoted in every round with the same worry ("I'm afraid that would show me computer gibberish",
#: "so I won't click it"; « ce n'est pas déjà ce que je lis ? »): what it opens, said honestly (the exact text, technical)
#: and for whom (the curious), so a reader can choose without fear, and without thinking they miss something
#: send round 112 (en, fr): "For the curious: the exact text support receives (technical)", « Pour les curieux : le texte
#: technique que reçoit l'assistance » quoted by both readers, as every wording before ("The word 'technical' tells me to keep
#: away", « Je ne sais pas ce qu'est ce texte technique »): the words every e-mail and web user knows for such a link; what it
#: opens is said by the heading over it once open (DETAILS_HEADING)
DETAILS_SHOW = N_("More details")
#: once open, the button closes the lines it showed (send round 108: no technicians, as DETAILS_SHOW)
DETAILS_HIDE = N_("Hide these lines again")
#: the same heading once the part's tick is taken away: its lines are still shown, and it says they are not sent (review of
#: round 92: an unticked part still said "Everything this part sends" over every line of it)
DETAILS_NOT_SENT = N_("This part is not sent, as you took its tick away. Here is the exact text support would receive:")


def _plain_tip(text: str, wrap: bool = True) -> str:
    """A tooltip showing ``text`` as written: Qt renders a tooltip as rich text as soon as it holds something like a tag, so
    the text is escaped and its lines kept. Qt word-wraps a rich tooltip, and one of a line or two narrower still (a quarter
    of 80 characters: "manifest.json (1.9" then "KB)" under it, review 39b): ``wrap=False`` keeps each of its lines whole."""
    return ("<p>" if wrap else '<p style="white-space:nowrap">') + rich_text(text, quote=False).replace("\n", "<br>") + "</p>"


class TickBeside(QStyledItemDelegate):
    """A line's box beside its first words, not halfway down a line of three (where it read as the box of the "why" under
    the name). A click on the box, or Space, ticks or unticks it. A line with no box (a part always sent) is laid out as the
    others, its words where theirs start, and says so after its name, in the quieter words of :data:`ALWAYS_SENT`. A part's
    name is in the line's font (bold), the "why" under it in regular weight (:meth:`laid_out`), and a little room
    (:meth:`gap`) ends each part."""

    def box(self, option: QStyleOptionViewItem) -> QRect:
        """Where a line's box is: beside its first words."""
        widget = option.widget  # type: ignore[attr-defined]
        style = widget.style() if widget is not None else QApplication.style()
        box = style.subElementRect(QStyle.SubElement.SE_ItemViewItemCheckIndicator, option, widget)
        first = option.fontMetrics.lineSpacing()  # type: ignore[attr-defined]
        box.moveTop(option.rect.top() + 1 + max(0, (first - box.height()) // 2))  # type: ignore[attr-defined]
        return box

    def initStyleOption(self, option: QStyleOptionViewItem, index: Any) -> None:  # noqa: N802 (Qt's name)
        super().initStyleOption(option, index)
        option.text = unbroken(option.text)  # type: ignore[attr-defined]
        if index.data(ALWAYS_SENT) and index.data(Qt.ItemDataRole.CheckStateRole) is None:
            # laid out as a line with a box, so its words start where the others' do; nothing is drawn in the box's place
            option.features |= QStyleOptionViewItem.ViewItemFeature.HasCheckIndicator  # type: ignore[attr-defined]

    @staticmethod
    def words(opt: QStyleOptionViewItem) -> QStyleOptionViewItem:
        """A line's words without its box, right of it (where they are drawn, and wrapped to the room left there)."""
        widget = opt.widget  # type: ignore[attr-defined]
        style = widget.style() if widget is not None else QApplication.style()
        centred = style.subElementRect(QStyle.SubElement.SE_ItemViewItemCheckIndicator, opt, widget)
        rest = QStyleOptionViewItem(opt)
        rest.features &= ~QStyleOptionViewItem.ViewItemFeature.HasCheckIndicator  # type: ignore[attr-defined]
        rest.icon = QIcon()  # type: ignore[attr-defined]
        words = QRect(opt.rect)  # type: ignore[attr-defined]
        words.setLeft(centred.right() + 1 + style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, widget) + 1)
        rest.rect = words  # type: ignore[attr-defined]
        return rest

    @staticmethod
    def gap(option: QStyleOptionViewItem, index: Any) -> int:
        """The room left empty under a line where a part ends (its own line when closed, its last file's when open), before
        the next part; none after the last one."""
        view = option.widget  # type: ignore[attr-defined]
        if not isinstance(view, QTreeView):
            return 0
        top = index.parent() if index.parent().isValid() else index
        if top.parent().isValid() or top.row() == view.model().rowCount() - 1:
            return 0
        children = view.model().rowCount(top)
        ends = index.row() == children - 1 if index != top else not children or not view.isExpanded(top)
        return option.fontMetrics.lineSpacing() // 2 if ends else 0  # type: ignore[attr-defined]

    @staticmethod
    def laid_out(rest: QStyleOptionViewItem, label: str | None) -> tuple[QTextLayout, QRect]:
        """A line's words as drawn: its first line (a part's name) in the line's font, ``label`` after it (whole on the name's last
        line when there is room, else starting the next, never cut in two there) in quieter words, the lines under it (why it is sent) in
        regular weight; laid out as the style lays out the other lines' words, and where they are drawn.

        Small-screen rounds 6-10 (1366x768 at 150 %, en and fr): five of ten readers read the padlock that stood in the box's
        place as "private or locked away", « « protégé » ou « secret » »: words say it, as cookie banners' "Always active"
        does. Small-screen rounds 11-12: the "why" lines were bold as the names, and three of four readers could not tell
        them apart ("Everything is in bold, so I can't tell the headings from the explanations"; « certaines lignes en gras
        ont une case et d'autres non, et je ne savais pas lesquelles étaient des choses envoyées et lesquelles étaient des
        explications »): the name alone is bold, as on the right, where each part's name stands over its explanation."""
        widget = rest.widget  # type: ignore[attr-defined]
        style = widget.style() if widget is not None else QApplication.style()
        margin = style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, widget) + 1
        area = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, rest, widget).adjusted(margin, 0, -margin, 0)
        lines = re.split("[\n\u2028]", rest.text)  # type: ignore[attr-defined]  # the view gives its line breaks as U+2028
        # "Always sent" whole; after its colon, the why wraps as words do (send round 107: "Always sent: support needs it to help you")
        head, colon, why_sent = (label or "").partition(":")
        font = QFont(rest.font)  # type: ignore[attr-defined]
        font.setBold(False)
        option = QTextOption()
        option.setWrapMode(QTextOption.WrapMode.WordWrap)
        after = head.replace(" ", "\u00a0") + colon + why_sent if label else ""
        # the words after the name whole on its last line, or else starting the next one, never cut in two there: send round
        # 111 (fr): « Toujours envoyé » : « pourquoi ces lignes n'ont pas de case ? » where its why began on the name's last
        # line (« ordinateur Toujours envoyé : l'assistance en a ») and ended under it; the English read whole on its own line
        fits = not after or TickBeside._fits_after(lines[0], after, rest.font, font, option, area.width())  # type: ignore[attr-defined]
        name = lines[0] + ("" if not after else "\u2002" if fits else "\u2028")
        why = "\u2028".join(lines[1:])
        layout = QTextLayout("\u2028".join([name + after, *lines[1:]]), rest.font)  # type: ignore[attr-defined]
        layout.setTextOption(option)
        spans = []
        if after:
            quiet = QTextCharFormat()
            quiet.setFont(font)
            palette = rest.palette  # type: ignore[attr-defined]
            if rest.state & QStyle.StateFlag.State_Selected:  # type: ignore[attr-defined]
                quiet.setForeground(palette.color(QPalette.ColorRole.HighlightedText))  # grey on the chosen line's colour: not readable
            else:
                base = palette.color(QPalette.ColorRole.Base)
                quiet.setForeground(theme.readable(QColor(theme.MUTED[base.lightness() < 128]), [base], theme.TEXT_CONTRAST))
            span = QTextLayout.FormatRange()
            span.start, span.length, span.format = len(name), len(after), quiet
            spans.append(span)
        if why:
            plain = QTextCharFormat()
            plain.setFont(font)  # in the words' own colour (the pen's): read as the name's, only not bold
            span = QTextLayout.FormatRange()
            span.start, span.length, span.format = len(name + after) + 1, len(why), plain
            spans.append(span)
        layout.setFormats(spans)
        height = 0.0
        layout.beginLayout()
        while (line := layout.createLine()).isValid():
            line.setLineWidth(max(1, area.width()))
            line.setPosition(QPointF(0, height))
            height += line.height()
        layout.endLayout()
        return layout, QRect(area.left(), area.top(), area.width(), math.ceil(height))

    @staticmethod
    def _fits_after(name: str, after: str, bold: QFont, quiet: QFont, option: QTextOption, width: int) -> bool:
        """Whether ``after`` (in the quieter words) fits whole after ``name`` (in the line's font) on the name's last line,
        once the name is wrapped to ``width``."""
        alone = QTextLayout(name, bold)
        alone.setTextOption(option)
        alone.beginLayout()
        last = None
        while (line := alone.createLine()).isValid():
            line.setLineWidth(max(1, width))
            last = line
        alone.endLayout()
        used = last.naturalTextWidth() if last is not None else 0.0
        return used + QFontMetricsF(bold).horizontalAdvance("\u2002") + QFontMetricsF(quiet).horizontalAdvance(after) <= width

    @staticmethod
    def label(index: Any) -> str | None:
        """The words after a line's name: "Always sent" on a line with no box."""
        return index.data(ALWAYS_SENT) if index.data(Qt.ItemDataRole.CheckStateRole) is None else None

    @classmethod
    def drawn_here(cls, option: QStyleOptionViewItem, index: Any) -> bool:
        """Whether the line's words are laid out here (:meth:`laid_out`) rather than by the style: a line that says
        "Always sent", or that says why under its name."""
        return bool(cls.label(index)) or bool(re.search("[\n\u2028]", option.text))  # type: ignore[attr-defined]

    def sizeHint(self, option: QStyleOptionViewItem, index: Any) -> QSize:
        """As tall as the line's words wrapped to the list's width: the view asks without a width (QTreeView), so the
        width is the list's own, less the line's indent.

        Small-screen round 4 (en): the names were wrapped at a fixed 46 letters, wider than the list on a 1366x768 screen at
        150 %, and cut at its edge ("what works on your compute")."""
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        view = opt.widget  # type: ignore[attr-defined]
        if not isinstance(view, QTreeWidget) or not opt.features & QStyleOptionViewItem.ViewItemFeature.HasCheckIndicator:  # type: ignore[attr-defined]
            return super().sizeHint(option, index)
        depth, parent = 0, index.parent()
        while parent.isValid():
            depth, parent = depth + 1, parent.parent()
        left = view.indentation() * (depth + (1 if view.rootIsDecorated() else 0))
        opt.rect = QRect(left, 0, max(1, view.viewport().width() - left), opt.fontMetrics.lineSpacing())  # type: ignore[attr-defined]
        rest = self.words(opt)
        if self.drawn_here(opt, index):
            height = self.laid_out(rest, self.label(index))[1].height()
        else:
            height = view.style().sizeFromContents(QStyle.ContentsType.CT_ItemViewItem, rest, QSize(), view).height()
        height = max(height, self.box(opt).bottom() + 2 - opt.rect.top())  # type: ignore[attr-defined]
        return QSize(view.viewport().width() - left, height + self.gap(opt, index))

    def paint(self, painter: Any, option: QStyleOptionViewItem, index: Any) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        if not opt.features & QStyleOptionViewItem.ViewItemFeature.HasCheckIndicator:  # type: ignore[attr-defined]
            super().paint(painter, option, index)
            return
        widget = opt.widget  # type: ignore[attr-defined]
        style = widget.style() if widget is not None else QApplication.style()
        opt.rect = opt.rect.adjusted(0, 0, 0, -self.gap(opt, index))  # type: ignore[attr-defined]  # the room under a part stays empty
        style.drawPrimitive(QStyle.PrimitiveElement.PE_PanelItemViewItem, opt, painter, widget)  # the whole line chosen
        rest = self.words(opt)
        if self.drawn_here(opt, index):
            layout, where = self.laid_out(rest, self.label(index))
            text = rest.text  # type: ignore[attr-defined]
            rest.text = ""  # type: ignore[attr-defined]  # the style draws the rest (the focus frame), the words are drawn here
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, rest, painter, widget)
            rest.text = text  # type: ignore[attr-defined]
            top = where.top() + max(0, (rest.rect.height() - where.height()) // 2)  # type: ignore[attr-defined]  # as the style centres words
            painter.save()
            role = QPalette.ColorRole.HighlightedText if rest.state & QStyle.StateFlag.State_Selected else QPalette.ColorRole.Text  # type: ignore[attr-defined]
            painter.setPen(rest.palette.color(role))  # type: ignore[attr-defined]
            layout.draw(painter, QPointF(where.left(), top))
            painter.restore()
        else:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, rest, painter, widget)
        if index.data(Qt.ItemDataRole.CheckStateRole) is None:
            return  # a part always sent: nothing where the box would be
        mark = QStyleOptionViewItem(opt)
        mark.rect = self.box(opt)  # type: ignore[attr-defined]
        state = opt.checkState  # type: ignore[attr-defined]
        mark.state = (mark.state & ~QStyle.StateFlag.State_HasFocus) | (  # type: ignore[attr-defined]
            QStyle.StateFlag.State_On
            if state == Qt.CheckState.Checked
            else QStyle.StateFlag.State_NoChange
            if state == Qt.CheckState.PartiallyChecked
            else QStyle.StateFlag.State_Off
        )
        style.drawPrimitive(QStyle.PrimitiveElement.PE_IndicatorItemViewItemCheck, mark, painter, widget)

    def editorEvent(self, event: Any, model: Any, option: QStyleOptionViewItem, index: Any) -> bool:
        flags = model.flags(index)
        value = index.data(Qt.ItemDataRole.CheckStateRole)
        if value is None or not flags & Qt.ItemFlag.ItemIsUserCheckable or not flags & Qt.ItemFlag.ItemIsEnabled:
            return False
        kind = event.type()
        if kind in (QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonRelease, QEvent.Type.MouseButtonDblClick):
            opt = QStyleOptionViewItem(option)
            self.initStyleOption(opt, index)
            if event.button() != Qt.MouseButton.LeftButton or not self.box(opt).contains(event.position().toPoint()):
                return False
            if kind != QEvent.Type.MouseButtonRelease:
                return True  # a press on the box does not choose the line
        elif kind != QEvent.Type.KeyPress or event.key() not in (Qt.Key.Key_Space, Qt.Key.Key_Select):
            return False
        ticked = Qt.CheckState(value) == Qt.CheckState.Checked
        return bool(model.setData(index, Qt.CheckState.Unchecked if ticked else Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole))


class PartsList(QTreeWidget):
    """The review's list of parts. A line chosen with the mouse opens (and closes the others) once the button is released:
    opened while it is down, the lines moved under the pointer and the release fell on another line, or on none (the click
    chose nothing, and a click on a box did not tick it)."""

    released = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.pressing = False
        delegate = TickBeside(self)
        self.setItemDelegate(delegate)
        # a part's room below moves from its line to its last file's as it opens (TickBeside.gap), and back as it closes
        self.expanded.connect(delegate.sizeHintChanged)
        self.collapsed.connect(delegate.sizeHintChanged)
        # the names wrap to the list's width (TickBeside.sizeHint), never wider: no sideways scrolling
        self.setWordWrap(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._width = -1

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and self.viewport().width() != self._width:
            self._width = self.viewport().width()
            self.scheduleDelayedItemsLayout()  # wrapped at another width, the lines take other heights
        return super().viewportEvent(event)

    def mousePressEvent(self, event: Any) -> None:
        self.pressing = True
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: Any) -> None:
        try:
            super().mouseReleaseEvent(event)
        finally:
            self.pressing = False
            self.released.emit()


class Columns(QSplitter):
    """The review's list and what a part holds, side by side: as tall as the taller column needs at the width it has.

    QSplitter asks each column's size hint, and a column of wrapped words gives it at its hinted width, narrower than the
    one it has: the page was taller than its words and scrolled into an empty strip under them (review36, small-screen
    round 16: a part clicked on a 1366x768 laptop at 150 %, 15 px of nothing below in English, 70 in French)."""

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        heights = []
        for i in range(self.count()):
            column = self.widget(i)
            if column is None or column.isHidden():
                continue
            layout = column.layout()
            if column.width() > 0 and layout is not None and layout.hasHeightForWidth():
                heights.append(column.heightForWidth(column.width()))
            else:
                heights.append(column.sizeHint().height())
        if heights:
            hint.setHeight(max(heights))
        return hint


class SupportDialog(QDialog):
    DESCRIBE, REVIEW, SENDING, DONE = range(4)

    def __init__(
        self,
        app: Any,
        scan: Scan,
        threads: ThreadKeeper,
        screenshot: Callable[[], bytes | None],
        parent: QWidget | None = None,
        request: Any = None,
        recheck: Callable[[Callable[[Scan | None], None]], None] | None = None,
        save_only: bool = False,
    ) -> None:
        super().__init__(parent)
        self.app, self.scan, self.threads, self.screenshot = app, scan, threads, screenshot
        self._planned_ticks: tuple[bool, bool] = (False, False)  # the boxes (list, picture) as the plan being made read them
        #: support's request (selfcheck.upload.request.SupportRequest): the bundle goes to its ticket
        self.request = request
        #: checks this computer again, then calls back with the new scan (None: it could not): when support's note
        #: asks for something first ("switch the printer on"), the results must show the computer after it is done
        self.recheck = recheck if request is not None and request.note else None
        self.planned: Any = None
        #: the site the customer named, tried once for this request (selfcheck.namedsite.tried_once): going back
        #: and on again plans the message again, without reaching their site again
        self.site_tries: dict[tuple[str, str], Any] = {}
        self.files: list[support.PreviewFile] = []
        #: the plan as made, every part in it, and the parts the person unticked (applied to a copy of it: ticking again undoes)
        self._whole_plan: Any = None
        self.all_files: list[support.PreviewFile] = []
        self.left_out: set[str] = set()
        self.groups: list[review.ReviewGroup] = []
        self.bundle: Any = None  # selfcheck.bundle.BundleInfo once written
        self.task: TaskWorker | None = None
        #: False in a build that cannot send, and from the File menu's saving (``save_only``): the review saves to a file
        self.can_send = support.can_send() and not save_only
        #: support receives a message only with the customer's e-mail address (a Zendesk destination): asked before going on
        self.email_needed = self.can_send and support.email_needed(app.config)
        #: the message kept on this computer (refused by support's server) that "Try sending again" sends: its id, its
        #: reference and the e-mail given with it (None: this dialog's own form says it)
        self.kept_id, self.kept_reference = "", ""
        self.kept_email: str | None = None
        #: whether this dialog's own message went (sent, or tried) or was saved: only then is what they typed done with
        self.own_message_done = False
        #: such a message kept from an earlier time, offered above the first page: "later" needs no command line
        self.kept = support.kept_message() if self.can_send and request is None else None
        #: while a kept message is offered as the first page ("Send it now", "Delete it without sending", "Write a new message
        #: instead"), the form to write a new one is out of sight (:meth:`write_new`)
        self.offering = False
        self.setWindowTitle(_("Contact support"))
        self.setModal(True)
        if self.kept is not None:  # made first: its buttons come first in the keyboard's order, as they are seen
            self.kept_banner = self._kept_banner(self.kept)
        self.stack = QStackedWidget()
        self.stack.addWidget(self._describe_page())
        self.stack.addWidget(self._review_page())
        self.stack.addWidget(self._sending_page())
        self.stack.addWidget(self._done_page())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 18)
        if request is not None:
            layout.addWidget(self._request_banner(request))
        if self.kept is not None:
            layout.addWidget(self.kept_banner)
            self.stack.currentChanged.connect(lambda page: self.kept_banner.setVisible(page == self.DESCRIBE and self.kept is not None))
        layout.addWidget(self.stack)
        # Return in a box of the first page goes on, as the blue button says (keyboard review, s33): set while the button
        # had no dialog yet, its default was lost and Qt made the first button, Cancel, the default: Return after typing
        # the e-mail address closed the dialog
        self.next_button.setDefault(True)
        if request is not None:
            self.what.setFocus()  # a few words of their own first (optional), then the review and its one button
        if self.kept is not None and self.kept.can_send:
            self._offer_kept()
        elif self.kept is not None:  # a message sending cannot get through: a band above the form, only to delete it
            QWidget.setTabOrder(self.kept_forget_button, self.what)
            self.what.setFocus()
        self.fit_to_screen()

    #: below this height (a 1366x768 laptop at 150 %: the dialog gets 470 px) the dialog is short; elsewhere 620 or more
    SHORT_BELOW = 600
    short = False

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        self._fit()
        if getattr(self, "more_questions", None) is not None:
            self._questions_later.start()  # another width: the line beside the buttons on one line or two

    def _fit(self) -> None:
        """On a short dialog the pages' words get the room: who support is takes one line, the last page's icon folds away,
        the margins tighten, the review says a part's words only once it is clicked.

        Small-screen review (s33, rounds 1 and 2): on a 1366x768 laptop at 150 % "What changed recently?" was cut in half
        at the bottom ("I wouldn't have known to scroll down"), under the "Support here means …" sentence said on every
        screen ("I started skipping it"; « à force, ça fait beaucoup de texte à lire »): the verdict says it, and the last
        page. Where there is room nothing moves.
        """
        short = self.height() < self.SHORT_BELOW
        if short == self.short:
            return
        self.short = short
        who = getattr(self, "describe_who", None)
        if who is not None:
            # small-screen round 15 (en, fr): hidden here for room, "“Clearline Help”: is that my internet company, or someone
            # else? This screen doesn't say" (« On ne me l'explique pas encore ici »): who they are, in the end screen's words,
            # on a short window their first sentence, on one line
            who.setText(support.who_we_are(self.app.config, first_sentence=short))
            self.describe_intro.setText(self._intro_words[short])
        layout = self.layout()
        if layout is not None:
            layout.setContentsMargins(24, 10 if short else 20, 24, 10 if short else 18)
        # small-screen round 3: on the last page "Write it down" was cut in half under the number (« à moitié coupée, mais je
        # l'ai devinée »): the icon above the title gives its room to the number and "Write it down"
        icon = getattr(self, "done_icon", None)
        if icon is not None:
            icon.setVisible(not short)
            if short:  # and the page's own margins (the dialog's are around it): no scroll bar for the last few lines (en round 3:
                # "There's a scroll bar on the right, so I wonder if something is hidden below")
                self.done_outer.setContentsMargins(0, 0, 0, 0)
            else:
                self.done_outer.unsetContentsMargins()  # the style's
        for area, spacing in ((self.describe_scroll, 10), (getattr(self, "done_scroll", None), 12)):
            body = area.widget() if area is not None else None
            column = body.layout() if body is not None else None
            if column is not None:
                column.setSpacing(spacing // 2 if short else spacing)
        # small-screen rounds 11 and 12: the first page showed down to "Your name"; "Since when?" and "What changed recently?",
        # which support reads first on the card, were below and no reader scrolled ("There's a grey bar on the right that might
        # mean more boxes below 'Your name'. I wouldn't have noticed that"; « s'il y avait une case importante en bas, je l'ai
        # manquée »): the box to describe the problem is three lines tall (more scroll inside it), the two questions side by side
        what = getattr(self, "what", None)
        if what is not None:
            what.setFixedHeight(self._what_height(short))
        if getattr(self, "history", None) is not None:
            self._place_history(short)
        if getattr(self, "contact", None) is not None:
            self._place_contact(short)
        error = getattr(self, "describe_error", None)
        if error is not None:
            error.setVisible(bool(error.text()) or not short)
        if getattr(self, "more_questions", None) is not None:
            self._questions_later.start()
        if self.groups:  # the review's right-hand side says less, or more, at this height (_show_item)
            self._show_item(self.file_tree.currentItem())

    #: the height of the box to describe the problem where the dialog has room
    WHAT_HEIGHT = 96

    def _what_height(self, short: bool) -> int:
        """The "What happened?" box's height: three lines of its words on a short dialog."""
        if not short:
            return self.WHAT_HEIGHT
        box = self.what
        margins = box.contentsMargins()
        inside = 2 * box.document().documentMargin() + margins.top() + margins.bottom()
        return min(self.WHAT_HEIGHT, math.ceil(3 * box.fontMetrics().lineSpacing() + inside))

    def _place_history(self, short: bool) -> None:
        """ "Since when?" and "What changed recently?" one under the other, or side by side on a short dialog: the short
        choice of when at the left, what changed (its question wrapped at the width left) beside it, each box under its question."""
        assert self.history is not None
        self._side_by_side(self.history, ((self.since_question, self.since, 0), (self.changed_question, self.changed, 1)), short)

    def _place_contact(self, short: bool) -> None:
        """The e-mail address and the name one under the other, or side by side on a short dialog (the address, longer, the
        wider): small-screen round 13, the row it gives back lets "Also include" show with its tick boxes."""
        assert self.contact is not None
        self._side_by_side(self.contact, ((self.email_question, self.email, 3), (self.name_question, self.name, 2)), short)

    @staticmethod
    def _pair_holder(spacing: int) -> QWidget:
        """An empty holder for two questions with their boxes (:meth:`_side_by_side` places them)."""
        holder = QWidget()
        grid = QGridLayout(holder)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setVerticalSpacing(spacing)
        grid.setHorizontalSpacing(16)
        return holder

    @staticmethod
    def _side_by_side(holder: QWidget, pairs: tuple[tuple[QLabel, QWidget, int], ...], short: bool) -> None:
        """Each question over its box in ``holder``'s grid: the pairs one under the other, or side by side (each column
        stretched by its number) where ``short``."""
        grid = holder.layout()
        assert isinstance(grid, QGridLayout)
        for question, box, _stretch in pairs:
            grid.removeWidget(question)
            grid.removeWidget(box)
        if short:
            for column, (question, box, stretch) in enumerate(pairs):
                grid.addWidget(question, 0, column)
                grid.addWidget(box, 1, column)
                grid.setColumnStretch(column, stretch)
                # the question over its box, also where the other question beside it takes two lines
                question.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom)
        else:
            for row, widget in enumerate(widget for question, box, _stretch in pairs for widget in (question, box)):
                grid.addWidget(widget, row, 0, 1, len(pairs))
            for column, (question, _box, _stretch) in enumerate(pairs):
                question.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
                grid.setColumnStretch(column, 0)

    def fit_to_screen(self, width: int = 760) -> None:
        """At least ``width`` wide, and as tall as the page shown needs where the screen has room: a 1920x1080 laptop at
        150% is a 1280x720 screen, about 640 px under its task bar and this window's title bar. What does not fit scrolls;
        the buttons stay in sight (a11y review, stop 31).

        On a short screen, with text larger than the system's usual, ``width`` grows with the text (as far as the screen
        allows): its lines then wrap as they do at the usual size, and the height they give back keeps the e-mail address
        and the name in sight (a 1366x768 laptop at 150 %, French at 13 pt: at 760 px the intro and "What happened?" took a
        line more each, and both boxes were below the part one sees without scrolling)."""
        screen = self.screen() or QGuiApplication.primaryScreen()
        room = screen.availableGeometry().size() - QSize(0, TITLE_BAR)
        if room.height() < self.SHORT_BELOW:
            width = round(width * theme.text_scale(theme.font_points(self.font())))
        width = min(max(width, self.minimumSizeHint().width()), room.width())
        self.resize(width, self.minimumSizeHint().height())
        layout = self.layout()
        if layout is not None:
            layout.activate()
        self.resize(width, max(self.minimumSizeHint().height(), min(self.sizeHint().height(), room.height())))

    def grow_to_fit(self) -> None:
        """Taller, where the screen has room, when the page now shown needs it; never smaller than it is (the person may
        have sized it). The review is filled only once the message is planned, after the dialog took the first page's
        height: in French its last lines then scrolled, under the "More below" cue (send round 58: « la dernière phrase
        est coupée, cachée derrière « Suite plus bas » »)."""
        screen = self.screen() or QGuiApplication.primaryScreen()
        room = screen.availableGeometry().height() - TITLE_BAR
        layout = self.layout()
        if layout is not None:
            layout.activate()
        want = min(max(self.minimumSizeHint().height(), self.sizeHint().height()), room)
        if want > self.height():
            self.resize(self.width(), want)
        if self.isVisible():  # grown downwards: its Back and Send buttons stay on the screen (as RepairDialog._fit)
            area, frame = screen.availableGeometry(), self.frameGeometry()
            if frame.bottom() > area.bottom():
                self.move(self.x(), max(area.top(), self.y() - (frame.bottom() - area.bottom())))

    def _request_banner(self, request: Any) -> QWidget:
        """What support asks for, above every page of the dialog."""
        box = QFrame()
        box.setObjectName("requestBanner")
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 8)
        company = company_name(self.app.config)
        self.request_headline = label(request.headline(company), "sectionTitle")
        self.request_headline.setWordWrap(True)
        column.addWidget(self.request_headline)
        self.request_who = label(support.who_we_are(self.app.config), "muted")
        column.addWidget(self.request_who)
        if request.note:
            # what the agent asks, prominent (round 6: it was in small print and a reader had to look for it)
            note = label(_("Message from support: {note}").format(note=request.note), "requestNote")
            note.setTextFormat(Qt.TextFormat.PlainText)
            note.setWordWrap(True)
            column.addWidget(note)
        if not request.reachable:
            column.addWidget(
                label(_("Support cannot be reached right now: what you send waits on this computer and leaves by itself as soon as it can."), "muted")
            )
        return box

    def _kept_banner(self, kept: support.KeptMessage) -> QWidget:
        """A message support's server refused at an earlier time, kept on this computer, offered above the first page.

        Send rounds 5x-6x (en, fr): "If it keeps it but won't try again, how do they get it?", « S'il n'est pas parti,
        comment le verront-ils quand j'appellerai ? »: the "Not sent" screen says "later" too; this is where later is."""
        from selfcheck.history.changes import when_plain

        box = QFrame()
        box.setObjectName("keptMessage")
        row = QHBoxLayout(box)
        row.setContentsMargins(12, 8, 12, 8)
        row.setSpacing(12)
        # send round 65 (en, fr): an empty form under the offer: "The empty box under 'What happened?' made me think my message was
        # gone", "Do I fill it in as well?", « J'ai eu peur que mon texte soit perdu », and "I'm not sure whether it sends straight
        # away or shows me first": their own first words, that the button sends it as it is, and that the form is not for it
        when = when_plain(kept.written)
        if kept.words:
            words = _("Your message written {when} was not sent: “{words}”. This program still has it.").format(when=when, words=kept.words)
        else:
            words = _("Your message written {when} was not sent. This program still has it.").format(when=when)
        #: what the offer says as the first page, and as a band above the form once they chose to write a new message
        self._kept_words = (
            # send rounds 87-88 (en, fr): "Ask me again next time": "Does that keep my message or lose it?", "next time I do
            # what?", « je ne sais pas trop quand ce sera, la prochaine fois »: the button says "Not now, keep it", and this says what
            # happens then, and when it is offered again
            # send round 90 (en), 89 (fr): "Write a new message instead": "Does that throw away the old one, or are both kept?", « je
            # ne sais pas si l'ancien est effacé ou s'il partira quand même »: it is kept (write_new: offered above the form)
            # send round 96 (fr): « celui-ci est gardé ici, sans être envoyé »: « je ne sais pas si « celui-ci » veut dire l'ancien
            # message ou le nouveau »: the old one, named
            # send round 100 (en): "the old message is kept here, not sent": "If I write a new one, does the old one stay
            # forever? Will it ever go?": a new message neither replaces it nor sends it, and nothing sends it by itself (a
            # refused message waits for the person: upload.send.kept_messages); it stays offered until they send or delete it
            # send round 107 (en): "stays on this computer until you send it or delete it": "where on my computer? Will it fill
            # up my computer?": who keeps it, and that it takes little room (a message is a few hundred kilobytes, a few
            # megabytes with a picture of the screen: less than a photo or two)
            # send round 109 (en, fr): "(it takes very little room)": "my computer is almost full", and a few megabytes with the
            # picture of the screen: who keeps it, no size
            words
            + " "
            + _(
                "“Send it now” sends it as it is. To write about something else, choose “Write a new message instead”: the old message is not sent, and this program keeps it until you send it or delete it. “Not now, keep it” keeps it here and offers it again the next time you click “Contact support”."
            ),
            words + " " + _("“Send it now” sends it as it is: you do not need to fill in the form below for it."),
        )
        if not kept.can_send:  # refused for good (too big...): kept for their call (its number), never offered to be sent
            who = support.support_name(self.app.config, mid_sentence=True)
            stuck = words + " " + _("It cannot be sent. If you no longer need it for your call to {who}, you can delete it.").format(who=who)
            self._kept_words = (stuck, stuck)
        self.kept_words = label(self._kept_words[0])  # plain text: their words come from a file on disk, never read as markup
        row.addWidget(self.kept_words, 1)
        self.kept_buttons = QVBoxLayout()
        buttons = self.kept_buttons
        buttons.setSpacing(4)
        buttons.addStretch(1)
        self.kept_button = QPushButton(_("Send it now"))
        self.kept_button.clicked.connect(self.send_kept)
        self.kept_button.setVisible(kept.can_send)
        buttons.addWidget(self.kept_button)
        # review of the offer: a message they no longer want sent was offered each time "Contact support" opened, for ever:
        # a smaller second button puts it away, after asking once (the message is deleted: support never gets it)
        # send rounds 66-67 (en, fr): "Delete it without sending": "Would that throw my message away for good? It doesn't say", « est-ce que
        # ça efface mon message ? »: what it does, in its name (it still asks first)
        self.kept_forget_button = QPushButton(_("Delete it without sending"))
        self.kept_forget_button.setObjectName("link")
        self.kept_forget_button.clicked.connect(self.forget_kept)
        buttons.addWidget(self.kept_forget_button, 0, Qt.AlignmentFlag.AlignHCenter)
        buttons.addStretch(1)
        row.addLayout(buttons)
        self._say_kept(self._kept_words[0])
        return box

    def _say_kept(self, words: str) -> None:
        self.kept_words.setText(words)
        # a screen reader reaching a button hears which message it sends, or deletes
        self.kept_button.setAccessibleDescription(words)
        self.kept_forget_button.setAccessibleDescription(words)

    def _offer_kept(self) -> None:
        """The kept message as the first page: its words, "Send it now" (the blue button, at the place of "Next"), "Do not
        send it", and "Write a new message instead"; the form is out of sight until that is chosen.

        Send rounds 65-66 (en, fr): all four readers were unsettled by the empty form under the offer: "The empty box under
        'What happened?' made me think my message was gone", "why is there an empty form under it? Do I fill it in as well?",
        « J'ai eu peur que mon texte soit perdu », « Le formulaire vide en dessous me trouble un peu »."""
        self.offering = True
        self.kept_offer_column.insertWidget(1, self.kept_banner)
        self.kept_offer.show()
        self.describe_scroll.hide()
        self.next_button.hide()
        self.kept_new_button.show()
        self.describe_buttons.addWidget(self.kept_button)
        self.kept_button.show()  # moved: a layout shows it only once back in the event loop
        self._blue(self.kept_button, True)
        self.kept_button.setDefault(True)
        self._say_kept(self._kept_words[0])
        # the keyboard's order as they are seen: the message's two buttons, then the new message, then Cancel
        for before, after in (
            (self.kept_button, self.kept_forget_button),
            (self.kept_forget_button, self.kept_new_button),
            (self.kept_new_button, self.describe_cancel),
        ):
            QWidget.setTabOrder(before, after)
        self.kept_button.setFocus()
        # send round 72 (fr): « Annuler » beside the kept message: « je ne sais pas si « Annuler » efface mon message ou s'il le
        # garde »: it closes the window and keeps the message for later, as "Later" says ("Cancel" again under the form)
        # send round 81 (en): "Later": "It doesn't say what happens to my message if I click it": said
        # send rounds 82 (fr) and 84 (en): "Keep it for later": "Will it then send by itself, or do I have to come back?", « Est-ce
        # qu'il partira tout seul ? »: what happens next (it is offered again when they next click "Contact support")
        self.describe_cancel.setText(_("Not now, keep it"))

    def write_new(self) -> None:
        """The form to write a new message, the keyboard in its first box; the kept message stays offered in a band above it
        (its "Send it now" and "Delete it without sending" there): the message they chose not to send now is not gone from sight, which
        is what the readers feared."""
        if not self.offering:
            return
        self.offering = False
        self.kept_offer.hide()
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.insertWidget(layout.indexOf(self.stack), self.kept_banner)
        self.kept_banner.setVisible(self.kept is not None)
        self.kept_buttons.insertWidget(1, self.kept_button)
        self.kept_button.show()
        self._blue(self.kept_button, False)
        self.kept_button.setDefault(False)
        self._say_kept(self._kept_words[1])
        self.kept_new_button.hide()
        self.describe_cancel.setText(_("Cancel"))
        self.describe_scroll.show()
        self.next_button.show()
        self.next_button.setDefault(True)
        for before, after in ((self.kept_button, self.kept_forget_button), (self.kept_forget_button, self.what)):
            QWidget.setTabOrder(before, after)
        self.describe_scroll.verticalScrollBar().setValue(0)
        self.what.setFocus(Qt.FocusReason.OtherFocusReason)
        self.grow_to_fit()

    @staticmethod
    def _blue(button: QPushButton, main: bool) -> None:
        """The page's one main button in blue, or an ordinary one."""
        button.setObjectName("primary" if main else "")
        button.style().unpolish(button)
        button.style().polish(button)

    def forget_kept(self) -> None:
        """Ask once whether the kept message is to be deleted (Keep it is the default: Return or Escape keeps it)."""
        if self.kept is None:
            return
        who = support.support_name(self.app.config)
        box = QMessageBox(
            QMessageBox.Icon.Question,
            _("Delete it without sending"),
            _("The message will be deleted from this computer. {who} will not get it.").format(who=who),
            QMessageBox.StandardButton.NoButton,
            self,
        )
        box.setObjectName("forgetKept")
        box.setTextFormat(Qt.TextFormat.PlainText)  # the company's name (branding) shown as written
        delete = box.addButton(_("Delete"), QMessageBox.ButtonRole.DestructiveRole)
        keep = box.addButton(_("Keep it"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(keep)
        box.setEscapeButton(keep)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.buttonClicked.connect(lambda button: self._forget_answered(button is delete))
        box.open()

    def _forget_answered(self, delete: bool) -> None:
        if not delete or self.kept is None:
            self.kept_forget_button.setFocus()
            return
        if not support.forget_kept(self.kept.bundle_id):  # being sent from another window right now: left as it is
            # review of fdd21bb: the click did nothing, in silence: what happened, and what to do
            self._tell(_("Your message could not be deleted just now: it is being sent at this moment. Close this window and look again in a moment."))
            self.kept_forget_button.setFocus()
            return
        self._tell("")
        self.kept = None
        self.kept_banner.hide()
        self.write_new()  # the offer was the page: the form takes its place
        self.what.setFocus()

    def send_kept(self) -> None:
        """Send the message kept from an earlier time (the offer above the first page)."""
        if self.kept is None:
            return
        self.kept_id, self.kept_reference, self.kept_email = self.kept.bundle_id, self.kept.reference, self.kept.email
        self.send_again()

    # ---------------------------------------------------------------- page 1: describe
    def _describe_page(self) -> QWidget:
        page = QWidget()
        outer = QVBoxLayout(page)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(10)
        # a11y review (stop 31): the page asked 737 px of height (996 px of width in French, for the tick boxes' lines), more
        # than a 1280x720 screen gives a window: "Next" was below its edge. What to fill in scrolls; the buttons stay in sight
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)
        self.describe_scroll = VerticalScroll(body)
        # small-screen rounds 4 and 5: the box under "Since when?" was cut in half at the bottom ("There may be more questions
        # below that I'd never see"; « la case est coupée en bas de l’écran »): a question and its box are seen whole or wait below
        self.describe_lines = WholeLines(self.describe_scroll)
        outer.addWidget(self.describe_scroll, 1)
        #: the page while a kept message is offered (_offer_kept): a title over the offer, which is put in it
        self.kept_offer = QWidget()
        offer = self.kept_offer_column = QVBoxLayout(self.kept_offer)
        offer.setContentsMargins(0, 0, 0, 0)
        offer.setSpacing(12)
        offer.addWidget(label(_("Contact support"), "title"))
        offer.addStretch(1)
        self.kept_offer.hide()
        outer.addWidget(self.kept_offer, 1)
        asked = self.request is not None
        if not asked:
            layout.addWidget(label(_("Contact support"), "title"))
        who = support.support_name(self.app.config)
        if self.recheck is not None and self.request.note:
            intro = _(
                # send round 13: « ce que … vous demande ci-dessus » made a reader hesitate: the box support's words are in
                # send round 81 (en, fr): support's message asked only for the check: "First do what Clearline Help asks": "so what
                # else was I meant to do first?", « je me suis demandé si je devais faire quelque chose avant »: the message may ask
                # for something first, or not; round 82 (en): "If … asks you to do something first, do it": "I wasn't sure if I'd
                # missed something": read it, then the button when ready (what it asks, if anything, is done by then)
                # send round 105 (fr): « tel qu'il est maintenant » (« un peu flou »): it checks the computer now, no more
                "Read {who}'s message in the yellow box above. When you are ready, press “Check this computer and continue”: this program"
                " checks this computer now, and shows you what will be sent. You may add a few words for support, if you wish."
            )
        elif self.recheck is not None:
            intro = _(
                # send round 11: « Vérifier à nouveau ? je n'ai encore rien vérifié »: no "again", no "once more"
                # send round 105 (fr): « tel qu'il est maintenant » (« un peu flou »), as above
                "First do what {who} asks above. Then press “Check this computer and continue”: this program checks this computer now,"
                " and shows you what will be sent. You may add a few words for support, if you wish."
            )
        elif asked:
            intro = _(
                "This computer has just been checked. You may add a few words for support, if you wish. {who} will get them with what this program found on this computer."
            )
        else:
            intro = _("Tell us what happens, in your own words. {who} will get your description and what this program found on this computer.")
        named = support.support_name(self.app.config, mid_sentence=True) if self.recheck is not None else who  # mid-sentence there
        self.describe_intro = label(intro.format(who=named) + " " + support.answer_line(self.app.config), "subtitle")
        #: the intro (long, short): on a short window without "Tell us what happens…", which the first question asks again
        #: ("What happened?"), its line given to who support is (describe_who, _fit)
        self._intro_words = (self.describe_intro.text(), self.describe_intro.text())
        if not asked:
            shorter = _("{who} will get your description and what this program found on this computer.")
            self._intro_words = (self._intro_words[0], shorter.format(who=who) + " " + support.answer_line(self.app.config))
        self.describe_intro.setWordWrap(True)
        layout.addWidget(self.describe_intro)
        if not asked:  # the request's banner already says who asks
            self.describe_who = label(support.who_we_are(self.app.config), "muted")
            layout.addWidget(self.describe_who)
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        form.setVerticalSpacing(6)

        def ask(text: str, box: QWidget) -> None:
            """A question above its box, as wide as the box and wrapped on a narrow window (with its example it is longer than a
            line there; a form's own label keeps to its first guess of a width, a third of the row): its buddy is the box."""
            words = WholeText(text)  # as tall as its lines at its width: the dialog opens no taller for them
            words.setBuddy(box)
            form.addRow(words)
            form.addRow(box)

        # small-screen round 5: grey example words in the empty box looked "as if something is already written there, so I
        # might not type over it" (« m'a aussi fait croire un instant qu'elle était déjà remplie »), as the e-mail box's did in
        # round 4: the example is in the question above the box, and the empty box shows nothing
        self.what = QPlainTextEdit()
        self.what.setTabChangesFocus(True)
        self.what.setAccessibleName(_("What happened?"))
        self.what.setFixedHeight(self.WHAT_HEIGHT)
        # a screen reader says a box's name, then its description: the example in the question above reaches it there (Qt read
        # it from the grey example words, gone since small-screen round 5)
        if asked:
            # send round 83 (en): support's request about the room left: "for example: the printer is on now": "why would the
            # printer matter?": an example that fits whatever support asked about
            self.what.setAccessibleName(_("Anything to add? (if you wish)"))
            self.what.setAccessibleDescription(_("For example: it got worse this morning"))
            ask(_("Anything to add? (if you wish; for example: it got worse this morning)"), self.what)
        else:
            self.what.setAccessibleDescription(_("For example: websites do not open, but e-mail still works"))
            ask(_("What happened? (for example: websites do not open, but e-mail still works)"), self.what)
        # small-screen round 3 (1366x768 at 150 %): the e-mail address came last, under the optional questions, its box below
        # the visible part ("its box is cut off. I don't see where to type it"; « je vois le titre mais pas la case »), and
        # no reader scrolled: where support answers comes right after the problem, before what may be left unanswered
        # small-screen round 4 (en): the grey example words in the empty box ("So that support can answer you") "make it look
        # already filled in": why it is asked goes in its label, and the box is empty when it is
        self.email = QLineEdit()
        self.email.setAccessibleName(_("Your e-mail address"))
        self.name = QLineEdit()
        self.name.setAccessibleName(_("Your name"))
        remembered = remembered_contact()
        self.email.setText(remembered[0])
        self.name.setText(remembered[1])
        #: the e-mail address and the name: one under the other where there is room, side by side on a short dialog (_place_contact)
        self.contact: QWidget | None = None
        if self.can_send:
            self.contact = self._pair_holder(form.verticalSpacing())
            # a destination that takes a message only with the address refused one without it after Send, and kept it where
            # the address could not be added: it says so beside the box, before they go on (prepare)
            if self.email_needed:
                self.email_question = WholeText(_("Your e-mail address (needed: without it, support cannot receive your message)"))
                self.email.setAccessibleDescription(_("Needed: without it, support cannot receive your message"))
            else:
                self.email_question = WholeText(_("Your e-mail address (so that support can answer you)"))
            self.email_question.setBuddy(self.email)
            self.name_question = WholeText(_("Your name"))
            self.name_question.setBuddy(self.name)
            self._place_contact(short=False)
            form.addRow(self.contact)
        # the questions support asks first for this kind of problem (optional, plain)
        # (support already knows the problem when they ask: only the words box, then the review)
        self.questions = [] if asked else symptoms.questions(self.app.config, self.scan.symptom)
        self.answer_widgets: dict[str, QComboBox | QLineEdit] = {}
        for question in self.questions:
            widget: QComboBox | QLineEdit
            if question.choices:
                widget = QComboBox()
                widget.addItem(_("(no answer)"))
                for choice in question.choices:
                    widget.addItem(choice)
            else:
                widget = QLineEdit()
            widget.setAccessibleName(question.text)
            self.answer_widgets[question.id] = widget
            # the company's words ([symptoms] questions): plain text, not addRow's own label, which guesses markup, and "&"
            # shown as written, not as a shortcut's mark (its field already bears the question as its accessible name).
            # Small-screen round 5: an example shown in the empty box looked written already: it goes on the line under the
            # question, and the box is empty (as "What happened?" and the e-mail box)
            example = question.placeholder if not question.choices else ""
            widget.setAccessibleDescription(example)  # for a screen reader, as "What happened?"
            ask(no_mnemonic(f"{question.text}\n{example}" if example else question.text), widget)
        self.since = QComboBox()
        self.since.setAccessibleName(_("Since when?"))
        for text in (_("I don’t know"), _("Today"), _("Since yesterday"), _("For a few days"), _("For a week or more")):
            self.since.addItem(text)
        self.changed = QLineEdit()
        self.changed.setAccessibleName(_("What changed recently?"))
        self.changed.setAccessibleDescription(_("For example: an update, a new internet box, a new program"))
        #: "Since when?" and "What changed recently?", the two questions about how the problem came: one under the other
        #: where there is room, side by side on a short dialog (_place_history)
        self.history: QWidget | None = None
        if asked:
            for unused in (self.since, self.changed):
                unused.setParent(page)
                unused.hide()
        else:
            self.history = self._pair_holder(form.verticalSpacing())
            self.since_question = WholeText(_("Since when?"))
            self.since_question.setBuddy(self.since)
            self.changed_question = WholeText(_("What changed recently? (for example: an update, a new internet box, a new program)"))
            self.changed_question.setBuddy(self.changed)
            self._place_history(short=False)
            form.addRow(self.history)
        layout.addLayout(form)
        # send round 111 (fr): « Envoyer aussi » quoted: « À ajouter si vous le voulez : », one line, and not wrapped: Qt's size
        # hint of a wrapping label wider than a quarter of 80 characters is two lines, and the page opened a line taller for it
        layout.addWidget(label(_("Also include"), "sectionTitle", wrap=False))
        # send round 14: "what it looked at and when (looked at what?)", « étape par étape : concrètement ? »: the same words as the review
        self.include_logs = WrappingCheckBox(
            # send rounds 39-40: "what this program did, step by step" not understood (en, fr: « est-ce qu'il a changé quelque chose ? »);
            # send round 41: "one line for each thing it checked, with the time": "a line of what?" (en, fr): the list of what it checked;
            # send rounds 42-43: the example ("room left on the computer", then "15:10: space left on the computer") was not
            # understood either ("room? like a room in a house?", « pourquoi une heure, et de quelle place ? »): no example
            # send rounds 99 (fr) and 102 (en): « vérifié quoi, exactement ? », "Checked what?": on your computer
            # send rounds 102 and 107 (en): "the list of what this program checked on your computer, and when": "a list of
            # what? I don't know what it checks": what it checks, in the words the review uses (how full it is), and that it
            # goes only with its tick; on one line on a 1366x768 screen at 150 %, in French too (test_small_room: the box in
            # sight under "Also include"), so without round 41's "(this helps support find the cause)": the review says what
            # leaving it out costs; send round 108 (en): "how full": "I'm not sure what 'how full' means for a computer": the
            # room left for photos, as the repair screens measure it
            _("the list of what this program checked on your computer, such as the room left for photos, and when: sent only if ticked")
        )
        self.include_logs.setChecked(True)
        # send round 20: "a picture of your screen: which picture? Of this window?", « y compris mes e-mails ? »: the whole
        # screen as it was just before this window opened (mainwindow.grab_screen_png; only the program's own window when the
        # screen cannot be read), so other windows may be in it; send round 98: "just before this window opened: which window?",
        # French round 96 read « tel qu'il était juste avant l'ouverture de cette fenêtre » twice: a moment ago; send round 100:
        # "a moment ago (has it already taken one?)", "other windows you had open" (en: "I only use the one screen"; fr 99:
        # « je ne suis pas sûre de ce qu'est une fenêtre »): when it is taken (MainWindow.contact_support, as this page opens,
        # whichever way it was opened) and what it shows, without "window"
        # send rounds 104-107 (en, fr): "taken when you opened this page": "Has it already taken a picture of my e-mails? That
        # gives me a fright, even though the box is empty": it was taken then, and is kept in memory only until this page
        # closes (MainWindow.contact_support); it goes only with its tick, and without one no one sees it and it is not kept
        self.include_screenshot = WrappingCheckBox(
            _(
                "a picture of your screen as it was when you opened this page, which shows whatever was on it, such as your e-mails if they were open: sent only if ticked. Without a tick, no one sees it and it is not kept."
            )
        )
        layout.addWidget(self.include_logs)
        layout.addWidget(self.include_screenshot)
        layout.addStretch(1)
        layout = outer
        self.describe_error = label("", "muted")
        layout.addWidget(self.describe_error)
        # while the computer is checked again (a request's "Check this computer and continue"): it can take a minute
        self.recheck_progress = QProgressBar()
        self.recheck_progress.setRange(0, 0)
        self.recheck_progress.setTextVisible(False)
        self.recheck_progress.setAccessibleName(_("Checking this computer again…"))
        self.recheck_progress.hide()
        layout.addWidget(self.recheck_progress)
        buttons = QHBoxLayout()
        cancel = QPushButton(_("Cancel"))
        cancel.clicked.connect(self.reject)
        # small-screen rounds 11 and 12: on a short dialog no cue says that questions wait below (the "More below" button
        # covered words there), and no reader scrolled: where a question is still out of sight (a company's own questions,
        # larger text), a line in the buttons' strip, which covers nothing, says how many and shows them when clicked
        self.more_questions = QPushButton()
        # named from the start: hidden until questions wait below, it had no name for a screen reader until then (CI's
        # test_every_focusable_control_has_a_name_for_screen_readers); _count_questions_below names it with the count
        self.more_questions.setAccessibleName(_("More questions below, if you wish"))
        self.more_questions.setObjectName("link")
        self.more_questions.setCursor(Qt.CursorShape.PointingHandCursor)
        self.more_questions.setAutoDefault(False)  # Return in a box still goes on, as the blue button says
        self.more_questions.clicked.connect(self.show_more_questions)
        self.more_questions.hide()
        self._questions_later = QTimer(self)
        self._questions_later.setSingleShot(True)
        self._questions_later.setInterval(0)
        self._questions_later.timeout.connect(self._count_questions_below)
        bar = self.describe_scroll.verticalScrollBar()
        bar.valueChanged.connect(self._questions_later.start)
        bar.rangeChanged.connect(self._questions_later.start)
        self.next_button = QPushButton(_("Check this computer and continue") if self.recheck is not None else _("Next: see what will be sent"))
        self.next_button.setObjectName("primary")  # the default once in the dialog (__init__)
        self.next_button.clicked.connect(self.prepare)
        # send rounds 65-66: while a kept message is offered, the way to the form for a new one (_offer_kept)
        self.kept_new_button = QPushButton(_("Write a new message instead"))
        self.kept_new_button.clicked.connect(self.write_new)
        self.kept_new_button.hide()
        self.describe_cancel = cancel
        self.describe_buttons = buttons
        buttons.addWidget(cancel)
        buttons.addStretch(1)
        buttons.addWidget(self.more_questions)
        buttons.addStretch(1)
        buttons.addWidget(self.kept_new_button)
        buttons.addWidget(self.next_button)
        layout.addLayout(buttons)
        return page

    def _tell(self, text: str) -> None:
        """Words over the first page's buttons (what is being done, what to correct); on a short dialog the empty line takes
        no room from the questions."""
        self.describe_error.setText(text)
        self.describe_error.setVisible(bool(text) or not self.short)

    def questions_below(self) -> list[QWidget]:
        """The first page's boxes to fill in that are not whole in sight, below the part of it one sees."""
        area = self.describe_scroll
        content = area.content
        boxes: list[QWidget] = [self.what, self.email, self.name, *self.answer_widgets.values(), self.since, self.changed]
        seen = area.verticalScrollBar().value() + area.viewport().height()
        return [box for box in boxes if box.isVisibleTo(content) and box.mapTo(content, QPoint(0, box.height())).y() > seen]

    def ticks_below(self) -> list[QWidget]:
        """The first page's tick boxes ("Also include") not whole in sight, below the part of it one sees.

        Small-screen round 16 (fr): on a 1366x768 laptop at 150 % the screen picture's tick box was 34 px below the view, and
        the scroll bar beside it was all that said so (« il y avait peut-être d'autres cases sous « Envoyer aussi ». Je ne l'ai
        pas vu et je n'ai pas fait descendre »): the line beside the buttons counts them once no question waits below."""
        area = self.describe_scroll
        content = area.content
        seen = area.verticalScrollBar().value() + area.viewport().height()
        ticks: list[QWidget] = [self.include_logs, self.include_screenshot]
        return [tick for tick in ticks if tick.isVisibleTo(content) and tick.mapTo(content, QPoint(0, tick.height())).y() > seen]

    def _count_questions_below(self) -> None:
        shown = self.short and self.describe_scroll.isVisible()
        below = len(self.questions_below()) if shown else 0
        ticks = len(self.ticks_below()) if shown and not below else 0
        pointer = self.more_questions
        if below or ticks:
            if below:
                words = ngettext("{n} more question below, if you wish", "{n} more questions below, if you wish", below).format(n=below)
            elif not any(tick.box.isChecked() for tick in (self.include_logs, self.include_screenshot) if tick in self.ticks_below()):
                # small-screen round 17 (fr): « je ne sais pas comment la trouver », « Qu'est-ce qui est coché dedans sans que
                # je le sache ? »: that a click shows it, and whether it is ticked
                words = ngettext("{n} more box below, not ticked: click to see it", "{n} more boxes below, not ticked: click to see them", ticks).format(
                    n=ticks
                )
            else:
                words = ngettext("{n} more box below: click to see it", "{n} more boxes below: click to see them", ticks).format(n=ticks)
            pointer.setText(words)
            pointer.setAccessibleName(words)
            pointer.setAccessibleDescription(_("Scrolls down to show them."))
            # on two lines where the buttons leave too little room (larger text): one line would widen the dialog past the screen
            strip = self.describe_scroll.width() - self.describe_cancel.sizeHint().width() - self.next_button.sizeHint().width()
            spacing = self.style().layoutSpacing(QSizePolicy.ControlType.PushButton, QSizePolicy.ControlType.PushButton, Qt.Orientation.Horizontal)
            if pointer.sizeHint().width() > strip - 4 * max(spacing, 6):
                pointer.setText(words.replace(", ", ",\n", 1))
        pointer.setVisible(below + ticks > 0)

    def show_more_questions(self) -> None:
        """Scroll to the first question out of sight (its words at the view's top), the keyboard in its box; where none is,
        to the first tick box out of sight, the keyboard on it."""
        below = self.questions_below() or self.ticks_below()
        if not below:
            return
        area, box = self.describe_scroll, below[0]
        content = area.content
        question = next((words for words in content.findChildren(QLabel) if words.buddy() is box), None)
        top = min(box.mapTo(content, QPoint(0, 0)).y(), question.mapTo(content, QPoint(0, 0)).y() if question is not None else 1 << 30)
        bar = area.verticalScrollBar()
        bar.setValue(min(bar.maximum(), top - self.fontMetrics().height() // 2))
        box.setFocus(Qt.FocusReason.OtherFocusReason)
        self._count_questions_below()

    def draft(self) -> dict[str, Any]:
        """What the person typed on the first page (the window keeps it when the dialog is closed unsent)."""
        return {
            "what": self.what.toPlainText(),
            "since": self.since.currentIndex(),
            "changed": self.changed.text(),
            "email": self.email.text(),
            "name": self.name.text(),
        }

    def restore_draft(self, draft: dict[str, Any]) -> None:
        self.what.setPlainText(draft["what"])
        self.since.setCurrentIndex(draft["since"])
        self.changed.setText(draft["changed"])
        self.email.setText(draft["email"])
        self.name.setText(draft["name"])
        if draft["what"].strip() or draft["changed"].strip() or draft["since"]:  # a new message begun: they chose to write it
            self.write_new()

    def description(self) -> support.Description:
        since = self.since.currentText() if self.since.currentIndex() > 0 else ""
        answers = []
        for question in self.questions:
            widget = self.answer_widgets[question.id]
            if isinstance(widget, QComboBox):
                if widget.currentIndex() > 0:  # the choice's value too, when it has one (the card reads it in any language)
                    answers.append(question.answer(widget.currentIndex() - 1))
            elif widget.text().strip():
                answers.append({"id": question.id, "question": question.text, "answer": widget.text().strip()})
        return support.Description(self.what.toPlainText(), since, self.changed.text(), self.email.text().strip(), self.name.text().strip(), answers)

    def prepare(self) -> None:
        """Plan the bundle in a worker, then show the review page."""
        email = self.email.text().strip()
        if self.email_needed and not email:
            self._back_to_email(_("Type your e-mail address: without it, support cannot receive your message."))
            return
        if self.can_send and email and not EMAIL.match(email):
            self._back_to_email(_("Check your e-mail address: it should look like name@example.com."))
            return
        remember_contact(email, self.name.text().strip())
        self.next_button.setEnabled(False)
        if self.recheck is not None:
            self._tell(_("Checking this computer again…"))
            self.recheck_progress.show()
            self.recheck(self._rechecked)
            return
        self._plan()

    def _back_to_email(self, words: str) -> None:
        """Why the page does not go on, over its buttons, and the e-mail box in sight with the cursor in it."""
        self._tell(words)
        if self.contact is not None:
            self.describe_scroll.ensureWidgetVisible(self.contact)
        self.email.setFocus()

    def _rechecked(self, scan: Scan | None) -> None:
        """The computer checked again (what support asked is done): the bundle holds the new results."""
        from shiboken6 import isValid

        if not isValid(self) or not self.isVisible():
            return  # closed while the computer was checked again: nothing to prepare
        self.recheck_progress.hide()
        if scan is not None:
            self.scan = scan
        self._plan()

    def _plan(self) -> None:
        self._tell(_("Preparing…"))
        shot = self.screenshot() if self.include_screenshot.isChecked() else None
        app, scan, description, logs, tries = self.app, self.scan, self.description(), self.include_logs.isChecked(), self.site_tries
        self._planned_ticks = (logs, shot is not None)

        def work(progress: Callable[[float], None], cancel: Any) -> tuple[Any, list[support.PreviewFile]]:
            planned = support.plan(app, scan, description, include_logs=logs, screenshot_png=shot, site_tries=tries)
            return planned, support.preview(planned)

        self._run(work, self._planned, self._describe_failed)

    def _planned(self, value: tuple[Any, list[support.PreviewFile]]) -> None:
        if self._planned_ticks != (self.include_logs.isChecked(), self.include_screenshot.isChecked()):
            # a box ticked or unticked while "Preparing…" (the first page stays in sight): the plan follows the boxes as
            # they are now; an unticked picture of the screen never reaches the message (review of ba84305d)
            self._plan()
            return
        self.planned, self.files = value
        self._whole_plan = self._copy_plan(self.planned)
        # review 38c: "Back", then "Next" again, made the plan anew with every part ticked: a part the person had taken out
        # was sent unless they noticed its tick was back. What they left out stays out, where the new plan still has it
        kept_out = sorted(self.left_out & {f.name for f in self.files})
        self.all_files, self.left_out = list(self.files), set()
        self.next_button.setEnabled(True)
        self._tell("")
        self._fill_files()
        if kept_out:
            self.set_sent(kept_out, False)
        self.stack.setCurrentIndex(self.REVIEW)
        self.grow_to_fit()
        QTimer.singleShot(0, self.grow_to_fit)  # again once the explanations are laid out at their width (their height)
        # focus on the button, not the list: nothing is chosen before the person picks a line
        (self.send_button if self.can_send else self.save_button).setFocus()

    def _describe_failed(self, exc: object) -> None:
        self.next_button.setEnabled(True)
        # send round 12, item 8: the fallbacks in the send screens' words, not "bundle" and "selfcheck's log"
        log.warning("the message for support could not be prepared: %s", exc)
        who = support.support_name(self.app.config, mid_sentence=True)
        self._tell(_("Your message could not be prepared. Please try again; if it happens again, call {who}.").format(who=who))

    # ---------------------------------------------------------------- page 2: review
    def _review_page(self) -> QWidget:
        page = QWidget()
        outer = QVBoxLayout(page)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(10)
        body = QWidget()  # a short window scrolls it, Back and Send stay in sight (a11y review, stop 31)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)
        self.review_scroll = VerticalScroll(body)
        self.review_lines = WholeLines(self.review_scroll)  # its bottom edge never through a line of the explanations
        outer.addWidget(self.review_scroll, 1)
        self.review_title = label(_("What will be sent"), "title")
        layout.addWidget(self.review_title)
        self.review_intro = label("", "subtitle")
        layout.addWidget(self.review_intro)
        split = Columns()
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        self.file_tree = PartsList()
        self._to_open: QTreeWidgetItem | None = None
        self.file_tree.released.connect(self._open_chosen)
        self.file_tree.setObjectName("files")
        self.file_tree.setHeaderHidden(True)
        self.file_tree.setColumnCount(1)
        self.file_tree.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.file_tree.setUniformRowHeights(False)
        # no triangles (a reader did not know they could be clicked): a click on a part opens it, and shows its content
        self.file_tree.setRootIsDecorated(False)
        self.file_tree.setItemsExpandable(False)
        self.file_tree.setAccessibleName(_("What will be sent"))
        self.file_tree.currentItemChanged.connect(self._item_chosen)
        self.file_tree.itemChanged.connect(self._tick_changed)  # a box ticked or unticked (a click on it, or Space on its line)
        left_layout.addWidget(self.file_tree)
        # send rounds 8-49: a part was taken out with a link under the list ("Take this part out", shown once its line was
        # clicked), rounds 24-49 explained it in the hint; rounds 41-50 and the small-screen rounds (en, fr) quoted that hint as
        # not understood ("I had to read that twice", « C'est le même geste pour voir et pour retirer, alors j'ai peur de
        # supprimer quelque chose par erreur »), and its words changed in rounds 44-47 did not help: each line has its own tick
        # box now (ticked: sent), the click on a line's words only shows what it holds, and no link is left
        split.addWidget(left)
        right = QWidget()
        right_layout = self.right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        # send rounds 44-45 (en, fr): "The small grey writing at the top right is hard to read", « la petite écriture grise,
        # difficile à lire » (twice): the hint is what tells how to see or leave out a part: the body's colour
        # request round 48 (en): "The writing on the right is cut off at the bottom ('from the…'). I didn't notice at first
        # that I could scroll down": it scrolled in a box of its own inside the page. Whole, as tall as its words; the page
        # (review_scroll) is the one thing that scrolls
        self.group_info = WholeText(selectable=True)
        right_layout.addWidget(self.group_info)
        # what a group holds, in sentences (not in the files' fixed-width view)
        self.overview = WholeText(rich=True)
        self.overview.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByMouse | Qt.TextInteractionFlag.LinksAccessibleByKeyboard)
        self.overview.linkActivated.connect(self._open_link)
        right_layout.addWidget(self.overview, 1)
        # send rounds 81-90 (en): the rest of a part behind a link was "hidden": every line of it at once, in a box of its own
        # under the plain lines that takes the room left (the page does not grow by hundreds of lines; it scrolls in the box)
        self.part_details = QPlainTextEdit()
        self.part_details.setObjectName("partDetails")
        self.part_details.setReadOnly(True)
        # read-only, yet walked line by line with the keyboard (a caret, arrows, Shift to select), as a screen reader needs:
        # read-only alone gives mouse selection only
        flags = Qt.TextInteractionFlag.TextSelectableByKeyboard | Qt.TextInteractionFlag.TextSelectableByMouse
        self.part_details.setTextInteractionFlags(flags)
        self.part_details.setAccessibleName(_(DETAILS_HEADING))
        # at least its first lines whole, and its scroll bar: where the window is short the page scrolls to show them (_details_in_sight)
        frame = 2 * self.part_details.frameWidth() + math.ceil(self.part_details.document().documentMargin())
        self.details_least = self.part_details.fontMetrics().lineSpacing() * self.DETAILS_LINES + frame
        self.part_details.setMinimumHeight(self.details_least)
        self.part_details.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Ignored)  # the room left, not more
        # send rounds 91-95 (en, fr) and small-screen round 31: the box shown at once under the plain lines was where nearly
        # every word still quoted came from ("build 22631", "threads", "Intel64 Family 6 Model 69 Stepping 1", "swap",
        # "Switched on at …" which "felt like being watched"), and on a short window its scroll took the page's title out of
        # view ("so I felt a bit lost"): closed until asked for, one click away, under its heading (what it is, for whom)
        self.details_heading = WholeText(rich=True)
        self.details_holder = QWidget()
        holder = QVBoxLayout(self.details_holder)
        holder.setContentsMargins(0, 0, 0, 0)
        holder.setSpacing(4)
        holder.addWidget(self.details_heading)
        holder.addWidget(self.part_details, 1)
        self.details_toggle = Expander(_(DETAILS_HIDE), self.details_holder, False, _(DETAILS_SHOW))
        # send rounds 99-100 (en: "I don't know what clicking that little arrow would show me"; fr: « je n'ai pas vu tout de
        # suite qu'il fallait cliquer sur le petit triangle gris »): grey and bold read as a label; in the links' colour,
        # underlined, as the window's other things to click that are not buttons
        self.details_toggle.setObjectName("expanderLink")
        self.details_toggle.hide()
        self.details_toggle.toggled.connect(self._details_toggled)
        right_layout.addWidget(self.details_toggle, 0, Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        right_layout.addWidget(self.details_holder, 1)
        self._details_later = QTimer(self)
        self._details_later.setSingleShot(True)
        self._details_later.setInterval(0)
        self._details_later.timeout.connect(self._details_in_sight)
        self._details_wanted = False
        self.review_scroll.verticalScrollBar().rangeChanged.connect(lambda: self._details_wanted and self._details_later.start())
        self.preview_stack = FilePreview(text_limit=500_000, image_width=900)
        self.preview_text, self.preview_image = self.preview_stack.text, self.preview_stack.image
        self.preview_image.setAccessibleName(_("Picture of your screen"))
        right_layout.addWidget(self.preview_stack, 1)
        split.addWidget(right)
        split.setSizes([340, 420])  # the right column says what each part holds: wider, so it is not cut at the bottom (round 6)
        layout.addWidget(split, 1)
        layout = outer
        buttons = QHBoxLayout()
        back = QPushButton(_("Back"))
        back.clicked.connect(lambda: self.stack.setCurrentIndex(self.DESCRIBE))
        # rounds 7-9: a save link beside "Send" raised "save it where, and then what?", « mon bureau en bois ? »: when one
        # can send, saving is offered on the screen that says sending failed (and in the window's File menu), not here
        self.save_button = QPushButton(_("Save to a file…"))
        self.save_button.setVisible(not self.can_send)
        self.save_button.clicked.connect(self.save_to_file)
        self.send_button = QPushButton(_("Send to support"))
        self.send_button.setObjectName("primary")
        self.send_button.clicked.connect(self.send)
        self.send_button.setVisible(self.can_send)
        if not self.can_send:
            self.save_button.setObjectName("primary")
        buttons.addWidget(back)
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.send_button)
        layout.addLayout(buttons)
        return page

    def review_groups(self) -> list[review.ReviewGroup]:
        """The files to be sent in the four groups a person thinks in (selfcheck.bundle.review)."""
        return self._grouped(self.files)

    def _grouped(self, files: list[support.PreviewFile]) -> list[review.ReviewGroup]:
        titles = {r.check_id: r.title for r in self.scan.results}
        # the part always sent quotes what the check told the customer, from the results it sends (send rounds 73-75)
        told = review.told_of(next((f.text for f in self.all_files if f.name == review.RESULTS), None))
        return review.group_files(((f.name, f.size, f.optional) for f in files), titles, told)

    @staticmethod
    def _copy_plan(planned: Any) -> Any:
        """A copy of a plan to leave parts out of (the program's list of checks is shared, not copied)."""
        registry = getattr(planned, "registry", None)
        return copy.deepcopy(planned, {id(registry): registry}) if registry is not None else copy.deepcopy(planned)

    def _tick(self, item: QTreeWidgetItem, name: str, sent: bool, can_change: bool, always: str | None = None) -> None:
        """A line's own box: ticked when its part is sent. A part that is always sent has no box (send round 53, small-screen
        round 5: greyed boxes were not told from the others) and says "Always sent" after its name (TickBeside; small-screen
        rounds 6-10: the padlock that stood there was read as "private or locked away"); ``always``: other words than
        "Always sent" for that (ALWAYS_SENT_WHY)."""
        if can_change:
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(0, Qt.CheckState.Checked if sent else Qt.CheckState.Unchecked)
        else:
            item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsUserCheckable)
            item.setData(0, ALWAYS_SENT, always or _("Always sent"))
        # a screen reader says the part's name, then whether it is sent
        words = (_("{part}: sent") if sent else _("{part}: not sent")) if can_change else _("{part}: always sent")
        item.setData(0, Qt.ItemDataRole.AccessibleTextRole, words.format(part=no_mnemonic(name)))

    def _tick_group(self, top: QTreeWidgetItem, group: review.ReviewGroup) -> None:
        """A group's box: ticked while all its lines are sent, half ticked while some are, unticked once none is."""
        paths = [p for f in group.files for p in f.paths]
        sent = [p for p in paths if p not in self.left_out]
        self._tick(top, group.title, bool(sent), group.optional, None if group.optional else _(ALWAYS_SENT_WHY))
        if group.optional and sent and len(sent) < len(paths):
            top.setCheckState(0, Qt.CheckState.PartiallyChecked)
        size = sum(len(self.planned.files.get(p, b"")) for p in sent)
        # review 39: the part's words quote the customer's headline (a printer's or a network's name in it): Qt shows a tooltip
        # holding a tag anywhere as rich text, so it is escaped, never rendered raw
        top.setToolTip(0, _plain_tip(f"{group.holds}\n{group.cost}\n({human_size(size)})"))

    @staticmethod
    def _file_lines(group: review.ReviewGroup) -> list[Any]:
        """The files a part shows as lines of their own under it: none when it is the only file of a part one can leave out.

        Small-screen rounds 21-23 (en, fr): a part's only file had a box of its own under the part's: "A second tick appeared
        underneath, 'About this computer'. Why are there two ticks for the same thing?", « une case dans une case », « Si j'en
        enlève une, qu'arrive-t-il à l'autre ? »; without its box (299cea0d), round 24 (en): "the small grey words 'About this
        computer' that suddenly appeared under the blue line … look like a new item": the part's box is its box, and what it
        holds is on the right, every detail under its plain lines ("Everything this part sends, in detail")."""
        return [] if len(group.files) == 1 and group.optional else list(group.files)

    def _fill_files(self) -> None:
        blocked = self.file_tree.blockSignals(True)  # filling the list ticks its boxes: not a person's choice
        try:
            self._fill_tree()
        finally:
            self.file_tree.blockSignals(blocked)
        self.file_tree.viewport().update()

    def _fill_tree(self) -> None:
        self._to_open = None
        self.file_tree.clear()
        self.groups = self._grouped(self.all_files)  # a part left out keeps its line, unticked, to tick it again
        sizes = {f.name: f.size for f in self.all_files}
        contact = self.description()
        # only with an upload: the saved file holds neither (support.Description.for_bundle), and the person who only saves
        # was not shown the boxes they were remembered in
        if self.can_send and (contact.name or contact.email):
            # sent with the message whatever is ticked (support answers there): "Always sent", and why under it; a line of its own,
            # first (small-screen round 7, fr: under "What you wrote, your name and e-mail", which had a box, « Votre nom et
            # votre e-mail » had a padlock: « Est-ce que je peux l'enlever ou pas ? »)
            title = _("Your name and e-mail")
            who = QTreeWidgetItem([title + "\n" + _("So that support can answer you. Change them on the previous page.")])
            who.setData(0, Qt.ItemDataRole.UserRole, ("contact", ""))
            font = who.font(0)
            font.setBold(True)
            who.setFont(0, font)
            self._tick(who, title, True, False)
            self.file_tree.addTopLevelItem(who)
        for group in self.groups:
            # the groups' names are sentences: on several lines rather than cut with "…"
            words = group.title
            if not group.optional:
                # the part always sent says why after its name ("Always sent: support needs it to help you", ALWAYS_SENT_WHY),
                # so the words under it do not say it again (review of 82e6a6e: "Always sent", then "This part is always sent: …")
                # send rounds 73-75 (en): "What is wrong and what works on your computer": "That's a bit vague: what exactly do
                # they look at?": what the check told them, quoted
                if group.told_line:
                    words += "\n" + group.told_line
            top = QTreeWidgetItem([words])
            top.setData(0, Qt.ItemDataRole.UserRole, ("group", group.key))
            font = top.font(0)
            font.setBold(True)
            top.setFont(0, font)
            self._tick_group(top, group)
            self.file_tree.addTopLevelItem(top)
            for f in self._file_lines(group):
                child = QTreeWidgetItem([f.label])
                child.setData(0, Qt.ItemDataRole.UserRole, ("file", f.path))
                # review 39b: the file names and their size, each name whole on its line (a line's files are one or two)
                names = ",\n".join(f.paths)
                child.setToolTip(0, _plain_tip(f"{names} ({human_size(sum(sizes.get(p, 0) for p in f.paths))})", wrap=False))
                self._tick(child, f.label, f.path not in self.left_out, f.optional)
                top.addChild(child)
            # send rounds 37-39: the record's lines, shown open after round 36, were quoted in every round: folded again (its
            # line no longer speaks of them: it is taken out whole). "What you wrote" was shown open for the name and e-mail
            # under it; since they have their own line (a26bfcf), its one open line read as the same thing twice: « Je ne vois
            # pas pourquoi il y a deux lignes pour la même chose » (« Vos propres mots », send round 56 and small-screen round
            # 8, fr): every part is folded, and a click on its name opens it (its files one click away, as before)
            top.setExpanded(False)
        self.file_tree.header().setStretchLastSection(True)
        receiver = support.support_name(self.app.config, mid_sentence=True)
        # round 23: "Click a line to see exactly what it holds." was said here and in the right column: said there only
        if self.can_send:
            intro = _("Nothing leaves your computer until you click “Send to support”; it goes to {who} only.")
        else:
            intro = _("This is what the file for {who} will hold: save it, then give it to them.")
        # small-screen rounds 5, 8 and 9 (en, fr): what is never sent, the sentence that reassured, was on the right, in each
        # part's words, and on a small screen below the visible part ("I'd like that sentence higher up where I'd see it
        # first"; « c'était justement la phrase qui m'aurait rassurée »): said once at the top, for every part
        never = _("Never what is in your letters, photos or other files, and never your passwords.")
        self.review_intro.setText(intro.format(who=receiver) + " " + never)
        self.file_tree.setCurrentIndex(QModelIndex())  # nothing pre-selected
        self.file_tree.clearSelection()
        self._show_item(None)

    def select(self, kind: str, key: str) -> bool:
        """Select the line of a group (``"group"``, its key) or a file (``"file"``, its path); False when it is not there."""
        for i in range(self.file_tree.topLevelItemCount()):
            top = self.file_tree.topLevelItem(i)
            if top is None:
                continue
            for item in [top, *(top.child(j) for j in range(top.childCount()))]:
                if item is not None and item.data(0, Qt.ItemDataRole.UserRole) == (kind, key):
                    self.file_tree.setCurrentItem(item)
                    return True
        return False

    #: the lines of a part's box of every line in sight under its heading, on a short window too (_details_in_sight)
    DETAILS_LINES = 4

    def _item_chosen(self, item: QTreeWidgetItem | None, _old: QTreeWidgetItem | None = None) -> None:
        """A line clicked on the left: what it holds, from its first words (the page scrolled down shows their start)."""
        self.details_toggle.setChecked(False)  # a part opens with its box of every line closed
        self._show_item(item)
        bar = self.review_scroll.verticalScrollBar()
        top = self.group_info.mapTo(self.review_scroll.content, QPoint(0, 0)).y()
        if bar.value() > top:
            bar.setValue(top)

    def _details_toggled(self, on: bool) -> None:
        """The box of every line opened (its first lines brought into sight, once the words above it are laid out, and
        again while they move it: the page's scroll bar shown narrows them) or closed."""
        self._lay_out_details()
        self._details_wanted = on and self.part_details.isVisibleTo(self)
        if self._details_wanted:
            self._details_later.start()

    def _lay_out_details(self) -> None:
        """The right-hand side's room: to the part's words, or right under them to the box's button, or to the open box."""
        has = bool(self.part_details.toPlainText())
        self.details_toggle.setVisible(has)
        self.details_holder.setVisible(has and self.details_toggle.isChecked())
        opened = self.details_holder.isVisibleTo(self)
        self.right_layout.setStretchFactor(self.overview, 0 if has else 1)
        self.right_layout.setStretchFactor(self.details_toggle, 0 if opened else 1)

    def _details_in_sight(self) -> None:
        """A part's box of every line with its first lines in sight, under its heading, the page scrolled down as far as
        that needs and never past the part's name.

        Small-screen round 30 (1366x768 at 150 %): the computer part showed one line of the box cut in half at the window's
        edge (en) or only its heading, cut (fr), and both readers read it as hidden: "the text is half hidden so I can't see
        what it is. That makes me a bit suspicious, even though it says I can skip it"; « La suite est cachée … je me demande
        ce qu'ils envoient de plus que ce qui est écrit, d'autant que c'est caché ». The page's title and intro, read on the
        way in, give their room to the box; a tall window does not scroll."""
        box, area = self.part_details, self.review_scroll
        if not box.isVisibleTo(self) or self.stack.currentIndex() != self.REVIEW:
            return
        bar = area.verticalScrollBar()
        content = area.content
        bottom = box.mapTo(content, QPoint(0, self.details_least)).y()
        wanted = min(bottom - area.viewport().height(), self.group_info.mapTo(content, QPoint(0, 0)).y())
        # the page's top edge between two lines of the title and intro above, never through one: scrolled a little further,
        # the box a little taller to let it
        stop = wanted
        for words in (self.review_title, self.review_intro):
            top = words.mapTo(content, QPoint(0, 0)).y()
            if top < wanted < top + words.height():
                scale, rows = blank_rows(words)
                stop = next((top + y for y in range(wanted - top, words.height()) if all(rows[int(y * scale) : int((y + 1) * scale)])), top + words.height())
        box.setMinimumHeight(self.details_least + max(0, stop - wanted))
        if stop > bar.value():
            bar.setValue(stop)

    def _show_item(self, item: QTreeWidgetItem | None) -> None:
        kind, key = item.data(0, Qt.ItemDataRole.UserRole) if item is not None else ("", "")
        if kind == "group":
            group = next(g for g in self.groups if g.key == key)
            if item is not None:  # its files, by their plain names, under it on the left; the others closed: a short list
                self._to_open = item
                if not self.file_tree.pressing:
                    self._open_chosen()
            # its name first: a French reader found the text on the right "starting mid-sentence, with no title"; on a short
            # window not the why the list already says under a part always sent (_review_words)
            self.group_info.setText("\n".join(self._review_words(group)))
            # what it really holds, at once, in plain lines (a reader clicked a part and got its description again);
            # the exact text, written for support's programs, one click further: on the file's line
            self._show_overview(*self._group_content(group))
            return
        if kind == "contact":
            contact = self.description()
            # its name first, as a part's (on a short window without its why: the list says it under the name)
            why = "" if self.short else "\n" + _("So that support can answer you. Change them on the previous page.")
            self.group_info.setText(_("Your name and e-mail") + why)
            self._show_overview(
                rich_text(_("Name: {name}\nE-mail: {email}").format(name=contact.name or "—", email=contact.email or "—")).replace("\n", "<br>")
            )
            return
        if kind == "file":
            group = next(g for g in self.groups if any(x.path == key for x in g.files))
            self.group_info.setText(f"{group.title} — {group.cost}" if group.optional or not self.short else group.title)
            self._show_file(key)
            return
        # nothing chosen: what each group holds and what leaving it out costs, readable without a click
        # send round 25 (en r24, r25): "Click a line to see exactly what it holds.": "what does “holds” mean, a line on the
        # left or the right?": which side, without "holds"
        # send round 27 (fr): « Pour voir une partie, cliquez sur sa ligne à gauche »: « Est-ce que je dois cliquer sur chaque
        # ligne avant d'envoyer ? »: looking is optional, said first
        # send rounds 30-31 (en): "I didn't see how I'd leave a part out", "Can I leave parts out? This screen doesn't show me
        # how": the same click does both
        # send round 35 (fr): « on me dit de cliquer sur une ligne pour « la retirer », mais aussi que « Cette partie est
        # toujours envoyée ». Alors on peut la retirer, oui ou non ? » (en r34: "This part is always sent": "sounds like I have
        # no say"): the hint says which part cannot be taken out
        # send round 36 (fr): « sauf la partie qui est toujours envoyée ». « Laquelle ? Je l'ai trouvée plus bas en lisant »:
        # named, by its line's own words
        # (results.json and report.html are REQUIRED: that part is in every bundle)
        # send rounds 42, 44 (en): "there you can also take it out": "Where is 'there'? I can't see any button for taking
        # things out": the link's own name and where it is; round 45 (en): "I can't see any 'Take this part out'" (it shows once
        # a line is chosen): said so; round 46 (en): "Only … is always sent": "Is it 'only' or 'always'? I had to read it three
        # times": which parts can be left out, with the one exception; rounds 41-50 and the small-screen rounds: that hint
        # ("To leave one out, click its line: “Take this part out” then shows below the list…"): "I had to read that twice",
        # "I read it twice and still didn't follow it", « C'est le même geste pour voir et pour retirer » (the words changed in
        # rounds 44-47 did not help): a tick box on each line, and the hint says only what a tick means
        # send round 52: "Some ticks are grey and I can't tell if I'm allowed to untick those" (en, fr); « décochez-la »
        # (fr, twice: « je devine qu'il faut enlever la coche »): what grey means, and the readers' own words
        # send round 53, small-screen round 5 (en, fr): "I can't tell grey ticks from black ones", « je ne vois pas bien quelles
        # « coches grises » ne peuvent pas être enlevées »: no box on those lines but a padlock, and the hint says what it means
        # small-screen rounds 6-10 (1366x768 at 150 %): five of ten readers read the padlock as "private or locked away": the
        # lines say "Always sent" themselves, so the hint no longer speaks of them
        # send rounds 59, 65, 67, 68 (en, fr): "Everything ticked is sent": "I had to read it twice", "took me a moment", « Tout ce
        # qui est coché est envoyé » quoted; round 66: "(you do not have to)": "I wasn't sure if I had to": the parts, and a wish
        self.group_info.setText(
            # send round 70 (en): "click its name (only if you wish)": "I wasn't sure whether clicking a name would remove that part"
            # send round 72 (en): "To see what a part holds": "Does 'holds' mean what's inside?": what is in it
            # send round 76 (en): "click its name: that takes nothing out": "At first I didn't know what 'takes nothing out'
            # meant": what the reader sees stay (the tick)
            # send round 77, small-screen round 25 (en): "its tick stays as it is": "I had to read it twice" (both): two short
            # sentences, what a click does not do
            # send round 78 (en): read twice again: "Is clicking the name different from clicking the box?": the two clicks side
            # by side, each with what it does
            # send rounds 77 and 79 (fr « Toujours envoyé » : « je ne savais pas si je pouvais l'enlever »; en "two parts have no
            # box, only 'Always sent'. I thought only parts with a tick were sent, so that muddled me"): "The parts with a tick
            # are sent" left out the parts sent without one: both named
            # send rounds 76-80 (en): the two clicks in one hint ("click its name to see what is in it") read twice in five
            # wordings: a click on a name is not what people expect to open something. Each part's words below now end with a
            # link that opens it, as a link does anywhere: the hint says only what a tick means (a short window, which does not
            # show those words, keeps the two clicks)
            # review of send round 82: the short window kept the words the tall one's readers quoted ("Click a part's box":
            # "which box?", rounds 81-82): the same small square, then the click on a name, each with what it does
            _(
                "Parts with a tick, and those marked “Always sent”, are sent. To leave a part out, click the small square beside its name to take the tick away."
                " To see what is in a part, click its name."
            )
            if self.short
            # send rounds 81-82 (en): "Click a part's box": "I wasn't sure which box was meant, because 'Your name and e-mail' has
            # no box" (twice; a "box" is also the internet box here): the small square, where it is, and what the click does
            else _(
                "Parts with a tick, and those marked “Always sent”, are sent. To leave a part out, click the small square beside its name to take the tick away."
            )
        )
        if self.short:
            # small-screen rounds 1-15: on a 1366x768 laptop at 150 % every part's words beside the list lay below the visible
            # part, cut mid-sentence ("I can't read everything I'm agreeing to"), and said again what the list says ("The left
            # and right sides seem to say the same things twice"; « Deux colonnes côte à côte, c'est beaucoup à lire »): the
            # hint and the address they answer at only; a part's own words show here once its name is clicked
            self._show_overview(self._answer_at() if self.can_send else "")
            return
        reach = [self._contact_overview()] if self.can_send else []  # not in a saved file: no one answers there
        # send rounds 102-103 (en): "See what is in this part": "I would guess it shows more, but I wouldn't dare click it";
        # send rounds 109 and 111 (en, fr): "Read what this part sends": "the wording is odd, but I guess it shows more",
        # "another page of reading, when I thought this already told me", « Lire ce que cette partie envoie » (twice);
        # send round 113 (en): "What is in it?": "I don't know what clicking it does. The left and right sides seem to say the
        # same thing twice, which muddled me a bit": a link under each part, whatever its words, was quoted in most rounds.
        # No words of its own: the part's name here is the link (words the reader has just read, drawn as a link: it opens
        # that part, as its name on the left does; a screen reader's list of links names each part, not four times the same
        # question), and what the line on the left already says under its name (why the name and e-mail and the part always
        # sent go) is not said here again
        self._show_overview(
            "<br><br>".join(
                [
                    *reach,
                    *(
                        "<br>".join(
                            [
                                self._name_link(f"part:{g.key}", g.title),
                                rich_text(g.holds),
                                *([rich_text(g.cost)] if g.optional else []),
                            ]
                        )
                        for g in self.groups
                    ),
                ]
            )
        )

    @staticmethod
    def _name_link(href: str, name: str) -> str:
        """A part's name on the right, in bold, as the link that opens it (send round 113)."""
        return f'<a href="{html.escape(href)}"><b>{rich_text(name)}</b></a>'

    def _open_chosen(self) -> None:
        """The group line chosen open, the others closed (after the mouse button is up: PartsList)."""
        item, self._to_open = self._to_open, None
        if item is None:
            return
        for i in range(self.file_tree.topLevelItemCount()):
            top = self.file_tree.topLevelItem(i)
            if top is not None:
                top.setExpanded(top is item)

    def _review_words(self, group: review.ReviewGroup) -> list[str]:
        """What the right-hand side says above a chosen part's content: its name, what it holds, what leaving it out costs;
        on a short window not the why the list says after the name of a part always sent (ALWAYS_SENT_WHY, the same reason)."""
        if self.short and not group.optional:
            return [group.title, group.holds]
        return [group.title, group.holds, group.cost]

    def _answer_at(self) -> str:
        """The address support will answer at, to check before sending (round 6: "I don't see where I'd check that the
        e-mail address I typed is right"), or that none was given."""
        email = self.description().email
        text = _("They will answer at: {email}").format(email=email) if email else _("No e-mail address given: support cannot answer you by e-mail.")
        return "<b>" + rich_text(text) + "</b>"

    def _contact_overview(self) -> str:
        """First in the overview, as in the list: the name and e-mail (the link that opens their line), and the address
        support will answer."""
        contact = self.description()
        address = self._answer_at()
        if not (contact.name or contact.email):
            return address  # no line for them on the left: only that no one can answer by e-mail
        # its why ("So that support can answer you…") is under its name on the left: not twice (send round 113)
        return f"{self._name_link('contact:', _('Your name and e-mail'))}<br>{address}"

    def _group_content(self, group: review.ReviewGroup) -> tuple[str, str, str]:
        """What the right-hand side shows of a chosen part: its words (rich text), a part's every line under its plain ones
        (plain text, for the box its button opens; empty when it has no plain lines of its own), and that box's heading."""
        parts = []
        details = heading = ""
        for f in group.files:
            shown = self._file(f.path)
            if shown is None:
                continue
            summary: list[str] = []
            if f.path == review.SYSTEM and shown.image is None:
                # how it connects: from network.link's facts, as they will be sent (none if that part is left out); only this part uses them
                link = next((review.facts_of(x.text) for x in self.files if x.name == review.LINK_FACTS), None)
                internet = next((review.facts_of(x.text) for x in self.files if x.name == review.INTERNET_FACTS), None)
                disk = next((review.facts_of(x.text) for x in self.files if x.name == review.DISK_FACTS), None)
                summary = review.computer_summary(shown.text, link, internet, disk)
            if shown.image is not None:
                lines, more = [_("(a picture: click its line on the left to see it)")], 0
            else:
                # a part with plain lines first shows every line of it under them (nothing sent is a click away); another, its first 25
                lines, more = review.plain_lines(shown.text, limit=10**6 if summary else 25, path=shown.name)
            body = "<br>".join(rich_text(line).replace("    ", "&nbsp;" * 4) for line in lines)
            if summary:
                # the few lines a person reads first; under them, the same part's every detail, at once. The fold it was, rounds 7-90:
                # round 7: "655 technical lines" unsettled a reader; round 8: "technical details" still quoted: what they are for
                # round 14: "And the exact details, for support (you do not need to read them): show them" quoted by both: shorter
                # round 16: "Details for support: show (what's hidden there?)", en and fr: what the click shows, and for whom
                # round 20: "See all of it, as support will read it": "will that be computer gibberish?", « je ne sais pas ce que ce
                # lien va ouvrir »: what opens (the technical lines, here under these), and that they need not be read
                # round 21: "(technical: …)": "what are 'technical' lines?" (en, fr): what they are, the details this part sends
                # round 23: "Show here the details this part sends to support (you do not need to read them)" (en, fr, rounds 22
                # and 23; « quels détails ? »): what the click does, shortly (the summary lines are not all of it)
                # round 24: "Show more of what this part sends": "More of what?" (en): the part itself, all of it
                # rounds 25-27: "See this part in full" / « Voir cette partie en entier »: "I don't know what more there would
                # be" (en, fr): what it adds to the lines above, named as the opened lines name them (review.KEY_WORDS)
                # round 28 (en, fr): that link, "version number", "processor", "memory", "programs running" / « programmes en
                # marche » ("they'll see everything I'm doing"): no item named; it is this part, whole, every detail support
                # gets (plain_lines: the same details in plain lines, not the file's exact text), and need not be read
                # rounds 30-31 (en): that link: "what other details? I can only see three lines"; round 32 tried the count
                # ("Show 688 more lines of this part"): quoted and feared by both readers (« Pourquoi 688 lignes alors qu'il
                # n'y a que trois renseignements ? », "What could be in 688 lines?"), as "655 technical lines" was in round 7:
                # back to round 29's words, the one form no French reader of rounds 29-31 quoted
                # send rounds 76, 78, 79 (en): "every detail support receives": "makes me think something hidden goes too. If
                # it's only more of the same, it should say so": said so
                # send round 80 (en): "the same facts in full, as support receives them": "Is there more they get that I don't
                # see here?" (there is: the lines above are a few of this part's): what the click shows, the rest of it
                # send round 81 (en): "(you do not need to read it)": "If I 'don't need to read it', what's in it? It made me
                # slightly suspicious": what is in it, and for whom
                # send rounds 81-90 (en): "Show the rest of what this part sends: more facts of this kind, written for support": "What
                # facts? Why are they hidden?", "'The rest' sounds as if there's more going than I was shown. I probably wouldn't
                # click it", "why aren't they written for me?": no fold and no link; the rest is shown under the plain lines, under a
                # heading that says what it is (round 21's "Technical lines, for support" heading: "what are 'technical' lines?")
                # send round 91 (en, fr): "Everything this part sends, in detail:" over a box of lines they could not follow: "I'd
                # stop reading the grey box and press Send anyway", « c'est du charabia pour moi »: who the lines are for, and that
                # the reader may skip them (not "technical", round 21, nor "you do not need to read them", round 81: here the
                # lines are in sight, not behind a link)
                # send rounds 91-95 (en, fr), small-screen rounds 29-31: that box, in sight, was skipped as told and still quoted
                # line by line, and on a short window pushed the page's title out of view: closed under a button that says what
                # it shows (DETAILS_SHOW), as desktop programs do; its heading over it once opened
                heading = _(DETAILS_NOT_SENT if f.path in self.left_out else DETAILS_HEADING)
                body = "<br>".join(rich_text(line) for line in summary)
                details = "\n".join(lines)
            if more:
                body += "<br><i>" + rich_text(_("… and {n} more lines: click its line on the left to see them all.").format(n=more)) + "</i>"
            parts.append(f"<b>{rich_text(f.label)}</b><br>{body}")
        # round 23: "Support reads these details: you do not need to understand them." ("makes me wonder what's hidden")
        # round 25 (en): three hints here ("Here is what it holds.", the fold, "To see a part exactly as it will be sent,
        # click its line on the left.": "I already clicked it… so isn't this it?"): one
        # round 26 (en, fr): that one, "… click a line under its name, on the left.": "I thought I had just done that", « je
        # ne sais pas quelle ligne »: none; "See this part in full" opens the rest right here
        return "<br><br>".join(parts), details, heading

    def _open_link(self, link: str) -> None:
        """A part's name on the right was clicked: it chooses that part's line on the left, as a click on its name there
        does (what it holds then shows on the right; its tick is left alone)."""
        if link.startswith("part:"):
            self.select("group", link.split(":", 1)[1])
        elif link == "contact:":
            self.select("contact", "")

    def _show_overview(self, rich: str, details: str = "", heading: str = "") -> None:
        """Words on the right (``details``: a part's every line, in the box under them that its button opens, under ``heading``)."""
        self.preview_stack.clear()
        self.preview_stack.hide()
        self.overview.setText(rich)
        self.overview.show()
        self.part_details.setPlainText(details)
        self.part_details.setAccessibleName(heading)
        self.details_heading.setText(f"<b>{rich_text(heading)}</b>" if heading else "")
        self._lay_out_details()

    def _show_file(self, path: str, beside_overview: bool = False) -> None:
        """A file's content exactly as it will be sent (its text, or the picture), under the group's words or alone."""
        f = self._file(path)
        assert f is not None
        self.preview_stack.show_file(f)
        self.preview_stack.show()
        self.overview.setVisible(beside_overview)
        self.part_details.clear()
        self._lay_out_details()
        self.right_layout.setStretchFactor(self.overview, 0)

    def _file(self, path: str) -> support.PreviewFile | None:
        """A part as it will be sent, or as it was before it was unticked (its line still shows what it holds)."""
        return next((f for f in self.files if f.name == path), None) or next((f for f in self.all_files if f.name == path), None)

    def _tick_changed(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        """A box ticked or unticked: its part (a group's parts that may be left out, or one line's) is sent, or left out."""
        kind, key = item.data(0, Qt.ItemDataRole.UserRole)
        sent = item.checkState(0) != Qt.CheckState.Unchecked
        if kind == "group":
            names = [p for g in self.groups if g.key == key for f in g.files if f.optional for p in f.paths]
        elif kind == "file":
            names = [p for g in self.groups for f in g.files if f.path == key and f.optional for p in f.paths]
        else:
            names = []
        self.set_sent(names, sent)

    def set_sent(self, names: list[str], sent: bool) -> None:
        """Send the parts ``names`` again, or leave them out as "Take this part out" did: the plan as made, minus what is unticked."""
        left_out = self.left_out - set(names) if sent else self.left_out | set(names)
        planned = self._copy_plan(self._whole_plan)
        try:
            for name in sorted(left_out):
                if name in planned.files:
                    support.exclude(planned, name)
        except ValueError as exc:
            self.review_intro.setText(str(exc))
            left_out, planned = self.left_out, self.planned
        self.left_out, self.planned = left_out, planned
        self.files = support.preview(self.planned)
        self._refresh_ticks()
        self._show_item(self.file_tree.currentItem())

    def _refresh_ticks(self) -> None:
        """Every box as the plan now is, without refilling the list (the line the person is on stays chosen)."""
        blocked = self.file_tree.blockSignals(True)
        try:
            for i in range(self.file_tree.topLevelItemCount()):
                top = self.file_tree.topLevelItem(i)
                if top is None or top.data(0, Qt.ItemDataRole.UserRole)[0] != "group":
                    continue  # the name and e-mail: always sent
                group = next(g for g in self.groups if g.key == top.data(0, Qt.ItemDataRole.UserRole)[1])
                self._tick_group(top, group)
                for j in range(top.childCount()):
                    child = top.child(j)
                    kind, key = child.data(0, Qt.ItemDataRole.UserRole) if child is not None else ("", "")
                    if child is not None and kind == "file":
                        f = next(x for x in group.files if x.path == key)
                        self._tick(child, f.label, key not in self.left_out, f.optional)
        finally:
            self.file_tree.blockSignals(blocked)
        self.file_tree.viewport().update()

    # ---------------------------------------------------------------- page 3/4: send, outcome
    def _sending_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addStretch(1)
        self.sending_label = label(_("Sending to support…"), "title")
        self.sending_label.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(self.sending_label)
        self.send_progress = QProgressBar()
        self.send_progress.setRange(0, 100)
        self.send_progress.setTextVisible(False)
        layout.addWidget(self.send_progress)
        row = QHBoxLayout()
        row.addStretch(1)
        cancel = QPushButton(_("Cancel"))
        cancel.clicked.connect(self._cancel_task)
        row.addWidget(cancel)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addStretch(2)
        return page

    def _done_page(self) -> QWidget:
        page = QWidget()
        outer = self.done_outer = QVBoxLayout(page)
        outer.setSpacing(12)
        body = QWidget()  # a short window scrolls what it says, "Close" stays in sight below it (a11y review, stop 31)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(12)
        layout.addStretch(1)
        self.done_scroll = VerticalScroll(body)
        outer.addWidget(self.done_scroll, 1)
        self.done_icon = QWidget()  # folded away on a short window (_fit): the title says how it went
        self.done_icon_holder = QHBoxLayout(self.done_icon)
        self.done_icon_holder.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.done_icon)
        self.done_title = label("", "title")
        self.done_title.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(self.done_title)
        # rich to keep addresses whole, and for support's address as a link (show_outcome)
        self.done_text = label("", "subtitle", selectable=True, rich=True)
        self.done_text.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.done_text.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.LinksAccessibleByMouse | Qt.TextInteractionFlag.LinksAccessibleByKeyboard
        )
        self.done_text.setOpenExternalLinks(False)
        self.done_text.linkActivated.connect(lambda _link: self._write_email())
        layout.addWidget(self.done_text)
        ref_row = QHBoxLayout()
        ref_row.addStretch(1)
        self.reference = QLineEdit()
        self.reference.setReadOnly(True)
        self.reference.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.reference.setAccessibleName(_("Your number"))
        self.reference.setMinimumWidth(220)
        font = self.reference.font()
        font.setPointSize(font.pointSize() + 6)
        font.setBold(True)
        self.reference.setFont(font)
        ref_row.addWidget(self.reference)
        ref_row.addStretch(1)
        layout.addLayout(ref_row)
        # readers asked "is that a zero or an O?": the reference has neither (nor 1, I, 5, S…), say so
        # rounds 7-9: « je ne sais pas coller », "I'd write it down": writing it down comes first, copying is the small extra
        self.reference_hint = label(_("Write it down."), "subtitle")
        self.reference_hint.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(self.reference_hint)
        # send round 10: "paste" lost both readers: say what it is for, not the computer word
        # round 11: « Ou le copier ? Copier comment ? »: the button names what it copies; once pressed, it says how to put
        # the number in an e-mail, naming the menu's own word ("Paste") as the person will see it there
        self.copy_button = QPushButton(_("Copy the number (to put it in an e-mail)"))
        self.copy_button.setObjectName("link")
        self.copy_button.clicked.connect(self._copy_reference)
        layout.addWidget(self.copy_button, 0, Qt.AlignmentFlag.AlignHCenter)
        # send round 12: "Copy the number: copy where? how?" (both readers): where support has an e-mail address, one click
        # opens the person's own e-mail program with a message to them already addressed, the number in its subject:
        # nothing to copy or paste. Without an address (or an e-mail program), the copy link stays.
        # send rounds 96-97 (en): its link line "If you wish to write to Clearline Help: open a new e-mail with this number
        # already in it" was quoted by both readers ("will it open my own e-mail? I'm not sure what happens"): no line of its
        # own; support's address, already written on the screen ("or write to them by e-mail: …"), is the link, as an address
        # is on a web page (show_outcome). Once clicked, this says what opened
        self.email_opened = label(
            _("Your e-mail opens with a message to them, the number already in it: add your words if you wish, then send it."), "subtitle"
        )
        self.email_opened.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.email_opened.hide()
        layout.addWidget(self.email_opened)
        # a file saved: its exact name and folder, for whoever attaches or looks for it, on a line of its own after the plain
        # words ("in your Documents folder"), as `selfcheck send` prints it; never in the sentence the customer reads first
        self.done_file = label("", "muted", selectable=True)
        self.done_file.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.done_file.hide()
        layout.addWidget(self.done_file)
        layout.addStretch(2)
        layout = outer
        # send round 12: "Save to file…: why, if it sends itself?", "a file: where? how would I find it again?": the
        # message stays on this computer either way (queued, or kept after a refusal), so the outcome screens offer no
        # saving; the window's File menu still saves one when support asks for it
        row = QHBoxLayout()
        row.addStretch(1)
        # send rounds 5x-6x: "If it keeps it but won't try again, how do they get it?" (nearly every round, en and fr): the
        # kept message is sent again from here, now or later
        self.retry_button = QPushButton(_("Try sending again"))
        self.retry_button.clicked.connect(self.send_again)
        self.retry_button.hide()
        row.addWidget(self.retry_button)
        self.close_button = QPushButton(_("Close"))
        self.close_button.setObjectName("primary")
        self.close_button.clicked.connect(self.accept)
        row.addWidget(self.close_button)
        row.addStretch(1)
        layout.addLayout(row)
        return page

    def _write_email(self) -> None:
        """Open the person's e-mail program with a message to support, the number in it; if none opens, copy the number."""
        from PySide6.QtCore import QUrl
        from PySide6.QtGui import QDesktopServices

        address = support.support_address(self.app.config)
        if address and QDesktopServices.openUrl(QUrl(support.email_url(address, self.reference.text()))):
            self.email_opened.show()
            return
        self.email_opened.hide()
        self.copy_button.show()
        self._copy_reference()

    def _copy_reference(self) -> None:
        QGuiApplication.clipboard().setText(self.reference.text())
        self.copy_button.setText(_("Number copied. In your e-mail, right-click where you write, then choose “Paste”."))

    def after_sending_text(self, email: str | None = None) -> str:
        """Who received it, when they answer, how to reach them (from the branding settings), and the one number to give.

        ``email``: the address given with the message (one kept from an earlier time), else this dialog's form says it."""
        config = self.app.config
        who = support.support_name(config)
        contact = self.description()
        if email is not None:
            contact.email = email
        lines = [_("{who} received your message and what this program found on this computer.").format(who=who)]
        if self.request is None:  # a request's banner, above, already says who they are
            lines.append(support.who_we_are(config))
        if self.request is not None and self.request.ticket:  # round 9: "123 or the letters from last time?": one number, below
            # send rounds 79-80 (en): "will put this with your earlier messages about this problem": "I'm not sure which earlier
            # messages, but I suppose it means my phone call": what the person told them, whichever way
            lines.append(_("{who} will add this to what you already told them about this problem.").format(who=who))
        if contact.email:
            lines.append(support.answer_line(config, contact.email))
        elif self.request is not None:  # support asked: they know how to reach the person
            lines.append(support.answer_line(config))
        else:
            lines.append(_("You left no e-mail address: they cannot write to you, so contact them yourself."))
        # send round 52: the "·" between the phone and the e-mail address was not understood: each way in words
        lines += support.reach_lines(config, support.how_to_reach(config), lambda how: _("To reach them yourself: {how}").format(how=how))
        if self.request is not None and self.request.ticket:  # digits only: a number
            lines.append(_("If you write to them or call them, give them this number:"))
        else:  # the bundle's reference: a reader objected "these are mostly letters, not a number!"
            # round 8: « 7YM-7AK-A4X, c'est quoi ? »: it is named as what it is
            # round 16: "file number (it's a message, not a file)": the number of their message
            lines.append(_("If you write to them or call them, give them your message number:"))
        return "\n".join(lines)

    def number_to_quote(self, reference: str) -> str:
        """The one number the customer gives support: the request number support already knows, else the bundle's reference."""
        if self.request is not None and self.request.ticket:
            return str(self.request.ticket)
        return reference

    def show_outcome(
        self,
        kind: str,
        title: str,
        text: str,
        reference: str = "",
        *,
        offline: bool = False,
        not_found: bool = False,
        kept_id: str = "",
        again: bool = False,
        at_login: bool = False,
        file: Path | None = None,
    ) -> None:
        """``file``: the file saved, named on a line of its own below the words (which say where it is in plain words).

        ``offline``: it was not sent because this computer has no internet (nothing e-mailed from it can go either).

        ``at_login``: queued, and the at-login entry (selfcheck.upload.atlogin) sends it after the computer is switched
        off and on again, without this program being opened.

        ``not_found``: support's address was not found while the internet works (the "wrong_address" kind): a mistyped
        address or a name known only inside the company network; it is tried again, and they call if it has not gone.

        ``kept_id``: on "Not sent", the message this computer keeps, which "Try sending again" sends again; ``again``: it
        was just sent again, and refused again."""
        if kept_id:
            self.kept_id, self.kept_reference = kept_id, reference
        while self.done_icon_holder.count():
            item = self.done_icon_holder.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.hide()  # deleteLater waits for the event loop: a second outcome would show both icons until then
                widget.deleteLater()
        icon = {"sent": "status-pass", "saved": "status-pass", "queued": "status-info"}.get(kind, "status-warn")
        self.done_icon_holder.addStretch(1)
        self.done_icon_holder.addWidget(icon_label(icon, 48))
        self.done_icon_holder.addStretch(1)
        self.done_title.setText(title)
        who = support.support_name(self.app.config, mid_sentence=True)
        reach = support.how_to_reach(self.app.config)
        ticket = self.request is not None and bool(self.request.ticket)  # the number shown is support's request number
        if offline:
            # send round 23: "Write an e-mail to Clearline Help" with no internet? "That can't work today" (en; fr: « le lien
            # « Écrire un e-mail » ne peut pas marcher sans internet »): no e-mail offered from this computer, the phone stays
            # review (issue 21 item 8): an "@" anywhere dropped a support_contact holding a phone and an address, phone and
            # all: only the ways that are support's e-mail address are left out
            reach = [way for way in reach if way not in support.email_addresses(self.app.config)]  # support_address()'s
        if kind == "queued":
            # send round 12: "must I leave the computer on?"; no phone on this screen (« internet était coupé, je ne pouvais
            # pas le chercher »); the number not said to be their file number: as on "Not sent", all three here
            # send round 14: « ou avant s'il reste ouvert » (the computer or the program?): named
            # send round 17: "or sooner if this program stays open: should I leave it open or not?" (en, fr; « pourtant il y a
            # un bouton Fermer »): closing is fine, said first; "at the latest" keeps it true when it goes sooner
            # send round 19 (fr): « au plus tard la prochaine fois que vous ouvrirez ce programme : dois-je le rouvrir moi-même ?
            # je ne saurais pas où il est »: nothing starts this program by itself (the outbox goes only while it is open: at
            # its start, then every ten minutes), so what the person can do without finding it is to leave it open
            # send round 20: "close this window, but leave this program open" (« pour moi, la fenêtre, c'est le programme »; "if I
            # close the wrong thing, is my message lost?") and "the next time the program is opened" ("must I open it myself?"):
            # what this screen's "Close" does, what they see then, and what happens if they close the program too
            # send round 21 (fr): « de la même façon que vous l'avez ouvert aujourd'hui »: "I don't remember how I opened it":
            # where to find it, only where every install has it (Windows: packaging/windows/selfcheck.iss always adds the
            # Start-menu shortcut, per user or for all users); the .dmg leaves the app wherever it is dragged, an AppImage or
            # a source install has no menu entry: there, only that opening it again is what sends it
            # send round 24: the "Close" sentence read two or three times, "from the Start menu" / « menu Démarrer » (where?),
            # « rouvrirez le programme » (comment ?): only what the person needs; nothing is lost is said above. True to the
            # outbox: it goes while this program is open (at its start, then every ten minutes), nothing else sends it
            # send round 25 (en): "while this program is open, or the next time it is opened": "Do I have to leave it open? If
            # I click Close, will it still go?": that they can click "Close" (it closes this message only), and what closing
            # the program too does (the outbox goes only while it is open: at its start, then every ten minutes)
            # send rounds 26-27 (en, fr): "If you close this program too, it goes the next time the program is open.": "I don't
            # understand the difference between clicking 'Close' and closing the program. And how do I open it again?", « je ne
            # sais pas comment on l'ouvre moi-même »: one closing only, this screen's, and what stays open; no way to open it
            # again is true everywhere (Windows' Start menu only, round 24: "where?"); nothing is lost is said above
            # send round 28: « je clique sur « Fermer » et pourtant il reste ouvert ? Où est-ce que je le retrouve ? »: what
            # "Close" closes (this message) and what stays (the main window, behind this dialog, its parent)
            # send round 29 (en, fr; quoted in every round 26-29): "The window behind stays open" / « La fenêtre derrière lui
            # reste ouverte »: "which window? I only see this one"; "a line at the top of that window says so": "where do I
            # look?": no window named: "Close" closes this message, not the program, and the program tells them once it is
            # sent (MainWindow._outbox_flushed's notice, at the program's start, then every ten minutes)
            # send round 30 (en): "it closes this message only, not the program": "Aren't they the same thing? What's left
            # open afterwards?": no contrast between message and program; what rounds 25-26 asked ("If I click Close, will it
            # still go?") answered: it still goes (the main window stays, its outbox timer sends it), and they are told
            # send round 28 (en, fr): "may I switch the computer off?", « est-ce qu'il faut le laisser allumé ? »: the outbox
            # is kept on disk and sent while this program is open (at its start, then every ten minutes)
            # send round 29 (fr): « la prochaine fois que ce programme sera ouvert »: « je ne sais pas si c'est à moi de
            # l'ouvrir […] j'ai peur que mon message reste bloqué »: nothing is lost, it waits here, and it is they who open
            # it (nothing starts this program by itself); still no way to open it named (only Windows' installer makes one)
            # send rounds 76 and 78 (en): "goes the next time you open this program": "So do I have to open it myself, or does it
            # go by itself? It says both": it goes by itself while the program is open; switched off first, they open it
            # send round 83 (en): "goes when you next open this program yourself": "First it says it goes by itself, then it says
            # I have to open the program. Which is it?": what they do after switching off, as a step of its own
            # send rounds 76-85 (en, fr): "does it go by itself, or do I have to open the program? It says both", « Si j'éteins
            # l'ordinateur, est-ce que je dois rouvrir le programme moi-même ? Je ne saurais pas l'ouvrir. »: where the at-login
            # entry was added, it goes by itself after a restart too (tried again, not promised, when support's address is not found)
            # send rounds 89-90 (en): the screen said "Nothing is lost" twice and "goes by itself" three times, and was long: where
            # the at-login entry was added, one sentence says that they may close it and switch off, and that it goes by itself
            if at_login and not_found:
                text += "\n" + _(
                    "You can click “Close”, and even switch the computer off: once it is on again, your message is tried again by itself, and a message on your screen tells you when it is sent."
                )
            elif at_login and offline:
                text += "\n" + _(
                    "You can click “Close”, and even switch the computer off: once it is on again and the internet works, your message goes by itself, and a message on your screen tells you when it is sent."
                )
            elif at_login:
                text += "\n" + _(
                    "You can click “Close”, and even switch the computer off: once it is on again, your message goes by itself as soon as it can, and a message on your screen tells you when it is sent."
                )
            else:  # no at-login entry (turned off by the company, or it could not be added): the program sends it when opened
                if offline:
                    text += "\n" + _(
                        "You can click “Close”: your message still goes by itself once the internet works again, and the program tells you with a message on your screen when it is sent."
                    )
                else:
                    text += "\n" + _(
                        "You can click “Close”: your message still goes by itself as soon as it can, and the program tells you with a message on your screen when it is sent."
                    )
                text += " " + _(
                    "If you switch the computer off before then, nothing is lost: your message waits on this computer. Once the computer is on again, open this program and your message goes."
                )
            # review of 74b4ba8: support's address not found may be mended by itself (the company's network joined) or never
            # (a mistyped address, until the company corrects it): when to call is said, with or without a number
            if not_found:
                ways = support.reach_lines(
                    self.app.config,
                    reach,
                    lambda how: _("If it has not gone by tomorrow, call {who}: {how}").format(who=who, how=how),
                    _("If it has not gone by tomorrow, call {who}.").format(who=who),
                )
            else:
                # send rounds 96-97 (en, fr): the number's line "once your message has arrived, support finds it with this number":
                # "does that mean the number is no use if I phone before it has arrived?": the call says it has not been sent yet,
                # so that the number given is understood
                ways = support.reach_lines(
                    self.app.config,
                    reach,
                    lambda how: _("If it is urgent, call {who} and tell them your message has not been sent yet: {how}").format(who=who, how=how),
                )
            text += "".join("\n" + line for line in ways)
        elif kind == "failed":  # send round 10: not sent by itself (it is not queued), whom to call, and the number to give
            # send round 13: "will not be sent later on its own: do I have to do it all again?", « à quoi sert le numéro
            # s'ils n'ont rien reçu ? » — the message is kept here under that number: support finds it with it when called
            # send round 28 (en): "do I have to do something in the program myself?": nothing in it, a call
            # send round 30: round 28's "there is nothing for you to do in it now: a phone call is all" ("It reads oddly, I had
            # to read it twice"; « Je n'ai rien à faire, ou je dois appeler ? »): one sentence, in the readers' own words ("The
            # program won't try again, so I must phone them"; « Le programme ne réessaiera pas tout seul. J'appelle »)
            if kept_id and again:  # refused once more: call now; the button stays, for later
                if ticket:  # support's request number is shown below, to give
                    ways = support.reach_lines(
                        self.app.config,
                        reach,
                        lambda how: _("It is still not sent, so call {who}: {how}").format(who=who, how=how),
                        _("It is still not sent, so call {who}.").format(who=who),
                    )
                else:
                    # left alone by send round 107: no number is shown here either (send round 75): what to tell them, as the
                    # first time ("If I phone, what do I tell them?")
                    # send round 110 (en, fr): "(no number is needed)": "The other screens gave me a number", « quel numéro ? »:
                    # the number named as the sent screen names it, none this time and none needed
                    ways = support.reach_lines(
                        self.app.config,
                        reach,
                        lambda how: _(
                            "It is still not sent. Call {who} and tell them what is wrong, as you wrote it (there is no message number this time, and you do not need one): {how}"
                        ).format(who=who, how=how),
                        _(
                            "It is still not sent. Call {who} and tell them what is wrong, as you wrote it (there is no message number this time, and you do not need one)."
                        ).format(who=who),
                    )
                ways.append(
                    _(
                        "You can also try again later: click “Try sending again” below, or click “Contact support” again and this program offers to send your message."
                    )
                )
            elif kept_id:
                # send rounds 5x-6x (en, fr): "This program will not try again by itself, so call…": "If it keeps it but won't
                # try again, how do they get it?", « S'il n'est pas parti, comment le verront-ils quand j'appellerai ? »,
                # "they will tell you how to send your message again from this program: How?": the way, on this screen
                ways = [
                    _(
                        "It does not try again by itself: click “Try sending again” below. You can also do it later: when you click “Contact support” again, this program offers to send your message."
                    )
                ]
                if ticket:  # support's request number is shown below, to give
                    ways += support.reach_lines(
                        self.app.config,
                        reach,
                        lambda how: _("If it still does not go, call {who}: {how}").format(who=who, how=how),
                        _("If it still does not go, call {who}.").format(who=who),
                    )
                else:
                    # send rounds 104 and 107 (en): "There is no message number this time. If I phone, what do I tell them?":
                    # no number is shown here (send round 75, below): what to tell them, from what this screen has
                    # send round 110 (en, fr): "(no number is needed)": "The other screens gave me a number, so I'm not sure why
                    # there's none here", « quel numéro ? Sans doute celui du dossier »: named as "Sent" names it, none this time
                    ways += support.reach_lines(
                        self.app.config,
                        reach,
                        lambda how: _(
                            "If it still does not go, call {who} and tell them what is wrong, as you wrote it (there is no message number this time, and you do not need one): {how}"
                        ).format(who=who, how=how),
                        _(
                            "If it still does not go, call {who} and tell them what is wrong, as you wrote it (there is no message number this time, and you do not need one)."
                        ).format(who=who),
                    )
            else:
                ways = support.reach_lines(
                    self.app.config,
                    reach,
                    lambda how: _("This program will not try again by itself, so call {who}: {how}").format(who=who, how=how),
                    _("This program will not try again by itself, so call {who}.").format(who=who),
                )
            if reference and not ticket:  # kept under its reference
                # send round 27 (en): "with nothing to type again" ("I'm not sure"): said plainly; send round 75 (en): said
                # after "Nothing is lost: this program keeps your message.", where it belongs, now that no number follows it
                text += " " + _("You will not have to write your message again.")
            text += "".join("\n" + line for line in ways)
        # a number only where there is one to give: the message kept here (its reference), or support's request number
        number = self.number_to_quote(reference) if reference or (self.request is not None and kind != "not_saved") else reference
        if kind == "failed" and not ticket:  # only with a reference: the message was kept under it
            # round 23: "your message stays on this computer under this number": "Where on my computer?" (that it
            # is kept is said above, "Nothing is lost"); what the number is for stays
            # send round 27 (en): "with nothing to type again" ("I think it means I won't have to write my message out
            # again, but I'm not sure"): said plainly
            # send rounds 59-63 (en): "they will tell you how to send your message again from this program, without writing it
            # again": "I'm not sure what I'd have to do", "How?" (four rounds of five): what matters to the reader, in one
            # short sentence; how, they hear on the phone
            # send rounds 72-73 (fr): « Votre numéro de dossier, à donner quand vous appelez » : « Comment peuvent-ils retrouver
            # un numéro si mon message ne leur est jamais arrivé ? » (they cannot): said as on the waiting message
            # send round 74 (en): "once your message has gone": "does 'gone' mean sent or lost?": sent
            # send round 75 (en): "Your message number: support can look it up once…": "Why give me a number they can't look up
            # yet?": none shown here (nor "Write it down", nor the e-mail and copy links that carry it); the kept message's
            # number is shown once it is sent ("Try sending again", or "Contact support" later)
            number = ""
        if kind in ("queued", "failed") and number:
            if ticket:
                text += "\n" + _("Your request number, to give when you call:")
            else:
                # send round 69 (en), the message waiting for the internet: "It says to give the number 'when you call', but if
                # my message hasn't reached them yet, how would they find it?"; round 70 (en): "to give when you call once it
                # has gone": "Do I wait until it has gone before I ring?": what the number does, not when to call
                # send round 71 (en): "So if I phone before it's gone, is the number any use to them?" (it is not): said, and
                # what to do then; round 74 (en): "gone": "does 'gone' mean sent or lost?": sent
                # send round 76 (en): "'Your message number. Support can look it up …' reads like half a sentence": a whole one
                # send rounds 79-80 (en): "So the number is no use until it has gone? I think that's what it means", "I'm half
                # sure": said plainly; round 86 (en): "you will not need it": "So why write it down?": what it is for, and when
                # send rounds 89-90 (en): "If you call before then, just tell them what is wrong": "So should I give the number or not?",
                # "So if I phone today, is the number useless?": what the number is and what it does, nothing about calling before
                # send rounds 96-97 (en, fr): "once your message has arrived, support finds it with this number": "does that mean
                # the number is no use if I phone before it has arrived?", « Si j'appelle avant qu'il soit arrivé, est-ce qu'ils
                # sauront quoi faire avec ce numéro ? »: what it is and when to give it; the call line above says it has not been sent
                text += "\n" + _("This is your message number, to give when you call or write to support:")
        reference = number
        address = support.support_address(self.app.config)
        # support's address, where this screen writes it on a line of its own, opens an e-mail to them with the number in
        # it (_write_email); no e-mail is offered without the internet, nor without a number to put in it
        written = any(line in support.email_lines(self.app.config) and address in line for line in text.split("\n"))
        linked = bool(reference and address and written) and not offline
        link = (address, support.email_url(address, reference)) if linked else None
        # small-screen rounds 1 and 4: an address broken across two lines ("help@clearline-" / "help.com") is copied wrong
        self.done_text.setText(lines_kept_whole(text, support.email_lines(self.app.config), link))
        self.reference.setText(reference)
        self.reference.setVisible(bool(reference))
        self.email_opened.hide()
        self.done_file.setText(_("The file: {path}").format(path=file) if file is not None else "")
        self.done_file.setVisible(file is not None)
        self.copy_button.setVisible(bool(reference) and not linked and not offline)
        self.reference_hint.setVisible(bool(reference))
        # send round 24 (en): "There is no zero and no letter O in it, nor a one or a letter I." ("read like a riddle"): the
        # message number's letters (selfcheck.bundle.manifest.ALPHABET) and a request number's digits hold no look-alikes
        self.reference_hint.setText(_("Write it down."))
        retry = kind == "failed" and bool(kept_id) and self.can_send
        self.retry_button.setVisible(retry)
        for button, main in ((self.retry_button, retry), (self.close_button, not retry)):  # the one thing to do, in blue
            self._blue(button, main)
        self.stack.setCurrentIndex(self.DONE)
        (self.retry_button if retry else self.close_button).setFocus()

    def send(self) -> None:
        self.own_message_done = True
        self.sending_label.setText(_("Sending to support…"))
        self.send_progress.setValue(0)
        self.stack.setCurrentIndex(self.SENDING)
        planned, config, description = self.planned, self.app.config, self.description()
        code = self.request.code if self.request is not None else None
        bundle_holder: list[Any] = []

        def work(progress: Callable[[float], None], cancel: Any) -> tuple[Any, support.SendOutcome]:
            info = self.bundle or support.write(planned)
            bundle_holder.append(info)
            outcome = support.send(info.path, config, description, progress=progress, cancel=cancel, request=code)
            return info, outcome

        def sent(value: tuple[Any, support.SendOutcome]) -> None:
            self.bundle, outcome = value
            self.kept_email = None  # this dialog's form holds the address given with it
            self._show_sent(outcome, outcome.reference or self.bundle.reference, outcome.bundle_id or self.bundle.bundle_id)

        def failed(exc: object) -> None:
            log.warning("the message for support could not be written or sent: %s", exc)
            if bundle_holder:  # written, then sending broke: say no more than what is known
                self.bundle = bundle_holder[0]
                self.show_outcome("failed", _("Not sent"), _("It could not be sent."))
            else:  # it could not even be written on this computer (a full disk...): nothing is kept
                self.show_outcome("failed", _("Not sent"), support.not_kept(exc if isinstance(exc, BaseException) else None))

        self._run(work, sent, failed, progress=lambda f: self.send_progress.setValue(int(f * 100)))

    def _show_sent(self, outcome: support.SendOutcome, reference: str, bundle_id: str, *, again: bool = False) -> None:
        """The end screen for what came of sending (``again``: a kept message sent again)."""
        if outcome.status == "sent":
            self.show_outcome("sent", _("Sent. Thank you!"), self.after_sending_text(self.kept_email), reference)
        elif outcome.cancelled and not again:
            self._stopped(outcome.customer)
        elif outcome.status == "queued":
            text = outcome.customer or _("Nothing is lost: it stays on this computer and will be sent by itself later.")
            self.show_outcome(
                "queued",
                _("Not sent yet"),
                text,
                reference,
                offline=outcome.reason == "offline",
                not_found=outcome.reason == "wrong_address",
                at_login=outcome.at_login,
            )
        elif outcome.status == "saved":
            words = outcome.customer or _("Your message and what this program found are saved on this computer.")
            self.show_outcome("saved", _("Saved"), words, reference, file=outcome.path)
        else:
            # review: "Nothing is lost… it stays on this computer" was said after a full disk too: the words and
            # the number only say it stays here when it was kept (the outbox holds it under that number)
            kept = outcome.kept and bool(bundle_id)
            title = _("Still not sent") if again and kept and not outcome.cancelled else _("Not sent")
            # review of the offer: a refusal a new try cannot mend (too big, the support request expired, the e-mail
            # address refused): no "Try sending again", nor the offer when "Contact support" opens again: a call is the way
            kept = kept and outcome.retry_may_help
            self.show_outcome(
                "failed",
                title,
                outcome.customer or _("It could not be sent."),
                reference if outcome.kept else "",
                kept_id=bundle_id if kept else "",
                again=again and not outcome.cancelled,
            )

    def send_again(self) -> None:
        """Send the kept message again, in a worker as the first time: the same message (its id is support's server's key, so
        it never makes a second ticket), the outcome on the same end screens. Anything that breaks says only "Not sent"."""
        bundle_id, reference, config = self.kept_id, self.kept_reference, self.app.config
        if not bundle_id:
            return
        self.sending_label.setText(_("Sending to support…"))
        self.send_progress.setValue(0)
        self.stack.setCurrentIndex(self.SENDING)

        def work(progress: Callable[[float], None], cancel: Any) -> support.SendOutcome:
            return support.send_again(bundle_id, config, progress=progress, cancel=cancel)

        def sent(outcome: support.SendOutcome) -> None:
            self._show_sent(outcome, outcome.reference or reference, bundle_id, again=True)

        def failed(exc: object) -> None:
            log.warning("the kept message for support could not be sent again: %s", exc)
            kept = _("It could not be sent.") + " " + _("Nothing is lost: this program keeps your message.")
            self.show_outcome("failed", _("Not sent"), kept, reference, kept_id=bundle_id)

        self._run(work, sent, failed, progress=lambda f: self.send_progress.setValue(int(f * 100)))

    def _stopped(self, words: str) -> None:
        """The person pressed Cancel while it was sent: back to what will be sent, saying that nothing was sent."""
        self.bundle = None  # the next "Send" writes it again, with what is chosen then
        self.stack.setCurrentIndex(self.REVIEW)
        self.review_intro.setText(words + " " + _("To send it after all, click “Send to support”; or close this window."))
        self.send_button.setFocus()

    def save_to_file(self) -> None:
        # the name `selfcheck bundle` gives it: the company's (else the program's) name, the reference, the day; the one
        # name "selfcheck-diagnostic-bundle.zip" for every message matched none of them in support's inbox
        reference = self.bundle.reference if self.bundle else (self.planned.reference if self.planned is not None else None)
        made = self.planned.created_at if self.planned is not None and self.planned.reference == reference else None
        default = support.save_folder(self.app.config) / file_name(brand_of(self.app.config), reference, made)
        target, _filter = QFileDialog.getSaveFileName(
            self, _("Save what this program found to a file"), str(default), _("Files made by this program (*.zip *.tar.gz *.scbundle);;All files (*)")
        )
        if target:
            self.save_bundle_to(Path(target))

    def save_bundle_to(self, target: Path) -> None:
        """Write (or copy) the bundle to ``target`` in a worker."""
        self.own_message_done = True
        planned, existing = self.planned, self.bundle

        def work(progress: Callable[[float], None], cancel: Any) -> Any:
            if existing is not None:  # whole or not at all: a file that is there is never half a zip
                from selfcheck.bundle import copy_bundle

                copy_bundle(existing.path, target)
                return existing
            return support.write(planned, target)

        def saved(info: Any) -> None:
            self.bundle = self.bundle or info
            # where, in plain words (the folder they chose, or Documents...); the path itself on the line below (47c5ac7e's rule)
            log.info("bundle %s saved to %s", info.reference, target)
            self.show_outcome(
                "saved",
                _("Saved"),
                _("Your message and what this program found are saved in a file {place}. Give it to {who} when they ask for it.").format(
                    place=saved_place(target.parent, chosen_by_you=True), who=support.support_name(self.app.config, mid_sentence=True)
                ),
                info.reference,
                file=target,
            )

        def failed(exc: object) -> None:
            # not the "Not sent" screen's lines (it was to be saved, not sent), nor the file's path and "bundle" (review)
            log.warning("the message for support could not be saved to %s: %s", target, exc)
            self.show_outcome("not_saved", _("Not saved"), _("The file could not be saved there. Try another folder."))

        self._run(work, saved, failed)

    # ---------------------------------------------------------------- workers
    def _run(
        self, func: Callable[..., Any], ok: Callable[[Any], None], fail: Callable[[object], None], progress: Callable[[float], None] | None = None
    ) -> None:
        task = TaskWorker(func)
        task.succeeded.connect(GuiCallback(ok, self).call)
        task.failed.connect(GuiCallback(fail, self).call)
        if progress is not None:
            task.progress.connect(GuiCallback(progress, self).call_float)
        self.task = task
        self.threads.start(task, task.run, finished_signals=[task.succeeded, task.failed])

    def reject(self) -> None:
        """Escape or the window's close button: while sending, the page's own Cancel stops it and says what came of it.

        Escape closed the dialog mid-send: the message went on leaving unseen, and the number to quote was never shown.
        """
        if self.stack.currentIndex() == self.SENDING:
            return
        super().reject()

    def _cancel_task(self) -> None:
        """Ask the upload to stop; its outcome ("nothing was sent") is shown when it has."""
        if self.task is not None:
            self.task.cancel()
        self.sending_label.setText(_("Stopping…"))
