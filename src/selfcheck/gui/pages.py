"""The three pages of the window: start, scanning, verdict (also used read-only for bundles)."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, NamedTuple

from PySide6.QtCore import QEvent, QObject, QPoint, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QResizeEvent, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QButtonGroup,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLayout,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QSizePolicy,
    QSpacerItem,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from selfcheck.api import CATEGORIES, CATEGORY_TITLES, Result, Status
from selfcheck.config import Config
from selfcheck.discovery import Registry
from selfcheck.i18n import N_, _, ngettext, pick
from selfcheck.runner import Scan
from selfcheck.verdict import ALSO, CHECK_AGAIN, CHECKED_BETWEEN_GROUP, LATER, Verdict, makes_room
from selfcheck.verdict import of_scan as verdict_of

from . import repair_offer, resources
from .flow import FlowLayout
from .widgets import (
    CategorySection,
    ConsequenceGroup,
    Expander,
    FoldedOks,
    MoreBelow,
    ResultCard,
    VerticalScroll,
    WholeLines,
    WrappingExpander,
    icon_label,
    kept_label,
    label,
    no_empty_scrolling,
    no_mnemonic,
    unbroken,
)


def scrolling(content: QWidget) -> QScrollArea:
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    area.setWidget(content)
    return area


def add_repair_row(layout: QVBoxLayout, buttons: list[QPushButton]) -> None:
    """A "More ways to …" fold's repair buttons in one row, then what they remove (when they remove something)."""
    row = FlowLayout()
    for button in buttons:
        row.addWidget(button)
    layout.addLayout(row)
    removes = repair_offer.what_they_remove([str(b.property("repair_id")) for b in buttons])
    if removes:
        layout.addWidget(label(removes, "advice"))


#: small-screen rounds 11-12 (three of four readers), send round 53: step 1 said "Empty the Recycle Bin, but look in it
#: first" above a big blue "Empty the Recycle Bin" button: "I don't know how to do that. The screen doesn't tell me, and
#: there's no button for it", « le gros bouton bleu me pousse à vider tout de suite, alors que le texte me dit de regarder
#: d'abord. Ça se contredit un peu ». The button's window lets them look first (RepairDialog.look_button): the step says so
#: send rounds 59-65 (en): "Recycle Bin": "I know the little bin picture but not quite what's in it" (every English round):
#: what is in it, said where it is first named
#: small-screen round 22 (en): "the button says 'Empty the Recycle Bin', so I was afraid it would empty everything the moment
#: I clicked": that it asks first
EMPTY_WITH_THE_BUTTON = N_(
    "Empty {trash} with the blue button: it holds the files you deleted. The button asks you before emptying it, and lets you look in it first and take out what you still need. Emptying cannot be undone."
)


def step_with_button(text: str, top: Result | None, platform: str | None = None) -> str:
    """Step 1 as the window says it: where the check's own fix empties the trash (its blue button, whose window lets the
    person look in it first), "with the blue button" in place of "look in it first" by hand. With the ``platform`` the
    check named the trash for (its facts'), the trash is named as a screen first names it (wording.trash_first: "the
    Recycle Bin (the wastebasket on your desktop)"); French says « la corbeille » on every system, so only the platform
    tells which. The terminal and the bundle keep the check's words (no button there)."""
    from selfcheck.plainwords import EMPTY_THE_TRASH
    from selfcheck.wording import TRASH_NAMES, trash, trash_first

    if top is None or top.fix is None or top.fix.action != "empty_trash":
        return text
    known = platform in TRASH_NAMES
    for named_for in [platform] if known else TRASH_NAMES:
        named = trash(named_for)
        if text == _(EMPTY_THE_TRASH).format(trash=named):
            return _(EMPTY_WITH_THE_BUTTON).format(trash=trash_first(named_for) if known else named)
    return text


class WrappedBody(QWidget):
    """A scrolled page body whose words wrap: its minimum size hint as short as they are at the width it has, not at
    their narrowest (593 px where 496 held the start page's choices, big-text review, s33).

    What this still serves is the height the start page's scroll area asks (VerticalScroll.sizeHint takes at least its
    content's minimum size hint): that area shares the window with "Check my computer" under it, and a hint taken at the
    narrowest width gave it an empty band above the button (33 px lower in the usual window, 61 on a 1366x768 laptop at
    150 %). The scroll range, its first job, is now VerticalScroll._no_empty_scrolling's for every page, which does not
    serve here: a minimum height changes what QScrollArea lays out, not the hint. Doing this for every VerticalScroll
    does not serve either: the send dialog, which opens as tall as that hint, would open 110 px shorter (833 to 723).
    """

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        layout = self.layout()
        if layout is not None and layout.hasHeightForWidth() and self.width() > hint.width():
            hint.setHeight(min(hint.height(), layout.totalHeightForWidth(self.width())))
        return hint


def centered_column(max_width: int = 760, outer: QWidget | None = None, margins: tuple[int, int, int, int] = (24, 24, 24, 24)) -> tuple[QWidget, QVBoxLayout]:
    """A page body: a column of at most ``max_width`` pixels, centred, ``margins`` (left, top, right, bottom) around it."""
    outer = QWidget() if outer is None else outer
    outer.setObjectName("page")
    row = QHBoxLayout(outer)
    row.setContentsMargins(*margins)
    column = QWidget()
    column.setMaximumWidth(max_width)
    layout = QVBoxLayout(column)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(14)
    row.addStretch(1)
    row.addWidget(column, 100)
    row.addStretch(1)
    return outer, layout


class StartPage(QWidget):
    """Branded welcome, the optional "What's the problem?" choice, one big button."""

    start_requested = Signal(object)  # symptom id or None

    def __init__(self, config: Config) -> None:
        super().__init__()
        self.config = config
        body, layout = centered_column(640, WrappedBody(), margins=(24, 24, 24, 0))
        self.body = body
        self._top_space = QSpacerItem(0, 24, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Fixed)  # as addSpacing(24)
        layout.addSpacerItem(self._top_space)
        self.title = label("", "title")
        self.title.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(self.title)
        self.subtitle = label("", "subtitle")
        self.subtitle.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(self.subtitle)
        self._box_space = QSpacerItem(0, 10, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Fixed)  # as addSpacing(10)
        layout.addSpacerItem(self._box_space)

        self.box = QFrame()
        self.box.setObjectName("symptoms")
        box_layout = self.box_layout = QVBoxLayout(self.box)
        box_layout.setContentsMargins(18, 14, 18, 14)
        box_layout.setSpacing(4)
        self.question = label("", "sectionTitle")
        box_layout.addWidget(self.question)
        self.hint = label("", "muted")
        box_layout.addWidget(self.hint)
        self.group = QButtonGroup(self)
        self.symptom_buttons: dict[str | None, QRadioButton] = {}
        # one under the other, or in two columns on a short page (_arrange); a screen reader reads them in this order
        self.choices = QGridLayout()
        self.choices.setContentsMargins(0, 0, 0, 0)
        self.choices.setHorizontalSpacing(8)
        self.choices.setVerticalSpacing(4)
        box_layout.addLayout(self.choices)
        for key in [None, *self.symptom_ids()]:
            button = QRadioButton()
            button.setObjectName("symptom")
            button.installEventFilter(self)  # Up and Down go through them in reading order (eventFilter)
            self.group.addButton(button)
            self.symptom_buttons[key] = button
            self.choices.addWidget(button, len(self.symptom_buttons) - 1, 0)
        self.symptom_buttons[None].setChecked(True)
        self.columns = 1
        self.box.installEventFilter(self)  # a new width: do the choices still fit side by side? (_arrange)
        layout.addWidget(self.box)
        # the big button and its footnote stay in sight under what scrolls (big-text review, s33): on a 1366x768 laptop
        # at 150 % with large text the choices filled the window and "Check my computer" was below its edge, reached only
        # by scrolling a list that did not say it went on. Where there is room they sit just under the choices, as before
        layout.addStretch(1)
        under, layout = centered_column(640, margins=(24, 14 + 8 + 14, 24, 24))
        self.under = under

        self.start_button = QPushButton()
        self.start_button.setObjectName("primary")
        self.start_button.setDefault(True)
        self.start_button.setAutoDefault(True)
        self.start_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.start_button.clicked.connect(lambda: self.start_requested.emit(self.selected_symptom()))
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.start_button)
        row.addStretch(1)
        layout.addLayout(row)
        self.footnote = label("", "footnote")
        self.footnote.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(self.footnote)

        page = QVBoxLayout(self)
        page.setContentsMargins(0, 0, 0, 0)
        page.setSpacing(0)
        self.area = VerticalScroll(body)
        self.area.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        page.addWidget(self.area)
        page.addWidget(under)
        page.addStretch(1)
        # the choices, then the button they start, as they are read (keyboard review, s33: Tab from the button went to
        # the second choice, and the choices came after the button)
        QWidget.setTabOrder(list(self.symptom_buttons.values())[-1], self.start_button)
        self.group.buttonToggled.connect(self._tab_to_the_chosen)
        self._tab_to_the_chosen()
        self.retranslate()

    #: below this height (a 1366x768 laptop at 150 %: the page is 472 px) the page is short; the usual window gives 740
    SHORT_BELOW = 600
    short = False

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        """On a short page the choices get the room: a smaller title, no subtitle, tighter margins, and a wider box with
        the choices in two columns (_arrange).

        Small-screen review (s33, rounds 1 and 2): on a 1366x768 laptop at 150 % the title and subtitle took the window's
        top and "What's the problem?" showed one choice, cut at the bottom ("I wouldn't notice there were other answers
        underneath"; « je n'ai pas vu qu'il y avait d'autres choix plus bas »). Where there is room nothing moves.
        """
        short = self.height() < self.SHORT_BELOW
        if short == self.short:
            return
        self.short = short
        self.subtitle.setVisible(not short)  # what the footnote under the button and the choices say again
        self.title.setObjectName("sectionTitle" if short else "title")
        self.title.style().unpolish(self.title)
        self.title.style().polish(self.title)
        self._top_space.changeSize(0, 0 if short else 24, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Fixed)
        self._box_space.changeSize(0, 0 if short else 10, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Fixed)
        column = self.box.parentWidget()
        if column is not None:
            column.setMaximumWidth(self.SHORT_WIDTH if short else 640)  # room for two columns of choices (_arrange)
        for button in self.symptom_buttons.values():
            button.setProperty("short", short)  # less padding (theme: QRadioButton#symptom[short="true"])
            button.style().unpolish(button)
            button.style().polish(button)
        body, under = self.body.layout(), self.under.layout()
        if body is not None and under is not None:
            body.setContentsMargins(24, 10 if short else 24, 24, 0)
            under.setContentsMargins(24, 10 if short else 14 + 8 + 14, 24, 12 if short else 24)
            body.invalidate()
        self._arrange()

    #: the widest the choices' box gets on a short page (640 otherwise), for names in two columns
    SHORT_WIDTH = 800
    #: from this many choices on, a short page puts them in two columns (fewer fit one under the other)
    TWO_COLUMNS_FROM = 4

    def _arrange(self) -> None:
        """On a short page, the choices in two columns when each fits its half: down the first column, then the second.

        Small-screen rounds 1-10 (issue 21): on a 1366x768 laptop at 150 % the page showed the first four choices and no
        reader saw the others below ("There is a thin bar on the right edge that might mean more choices … I didn't notice
        it and wouldn't have scrolled"). Read down then across, the first column is the list's start as it is on a tall
        page, and Up and Down still go through the choices in that order (eventFilter). A company's longer names that do
        not fit side by side stay one under the other, and the page scrolls with its cue, as before.
        """
        buttons = list(self.symptom_buttons.values())
        columns = 1
        if self.short and len(buttons) >= self.TWO_COLUMNS_FROM:
            margins = self.box_layout.contentsMargins()
            room = self.box.width() - margins.left() - margins.right()
            widest = max(b.sizeHint().width() for b in buttons)
            columns = 2 if 2 * widest + self.choices.horizontalSpacing() <= room else 1
        if columns == self.columns:
            return
        self.columns = columns
        rows = -(-len(buttons) // columns)
        for button in buttons:
            self.choices.removeWidget(button)
        for index, button in enumerate(buttons):
            self.choices.addWidget(button, index % rows, index // rows)
        for column in range(2):
            self.choices.setColumnStretch(column, 1 if column < columns else 0)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.box and event.type() == QEvent.Type.Resize:
            self._arrange()
        elif isinstance(event, QKeyEvent) and event.type() == QEvent.Type.KeyPress and isinstance(watched, QRadioButton):
            # Up and Down go to the choice before or after in reading order, also from one column to the next (Qt goes by
            # place: Down at the foot of the first column went nowhere); Left and Right go by place, as Qt does
            step = {int(Qt.Key.Key_Up): -1, int(Qt.Key.Key_Down): 1}.get(int(event.key()), 0)
            buttons = list(self.symptom_buttons.values())
            index = buttons.index(watched) + step if watched in buttons else -1
            # macOS gives arrow keys the keypad modifier, as keypad arrows have it everywhere (review of e0b28a2)
            plain = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier == Qt.KeyboardModifier.NoModifier
            if step and plain and 0 <= index < len(buttons):
                buttons[index].setFocus(Qt.FocusReason.BacktabFocusReason if step < 0 else Qt.FocusReason.TabFocusReason)
                if watched.isChecked():  # as Qt does: the arrows choose when the choice they leave was the chosen one
                    buttons[index].click()
                return True
        return super().eventFilter(watched, event)

    def _tab_to_the_chosen(self) -> None:
        """Tab and Shift+Tab into the choices land on the chosen one, as a screen reader expects of a radio group.

        Qt lands on the first choice in the direction of travel (Shift+Tab from the button: the last, "Printing"),
        which a screen reader reads "not checked" though another is chosen. The others stay a click or an arrow away.
        """
        for button in self.symptom_buttons.values():
            button.setFocusPolicy(Qt.FocusPolicy.StrongFocus if button.isChecked() else Qt.FocusPolicy.ClickFocus)

    def symptom_ids(self) -> list[str]:
        return [k for k, v in self.config.section("symptoms").items() if isinstance(v, dict)]

    def selected_symptom(self) -> str | None:
        for key, button in self.symptom_buttons.items():
            if button.isChecked():
                return key
        return None

    def retranslate(self) -> None:
        product = self.config.product_name()
        self.title.setText(_("Let’s check your computer"))
        self.subtitle.setText(_("{product} looks for common problems and tells you in plain words what is wrong and what to do.").format(product=product))
        self.question.setText(_("What’s the problem? (optional)"))
        self.hint.setText(_("Choosing one makes the check faster and helps support understand."))
        symptoms = self.config.section("symptoms")
        for key, button in self.symptom_buttons.items():
            if key is None:
                text = _("I’m not sure — check everything")
            else:
                title = symptoms.get(key, {}).get("title")
                text = pick(title) if title else key
            button.setText(no_mnemonic(text))  # a company's "Printing & scanning"
            button.setAccessibleName(text)
        self.start_button.setText(_("Check my computer"))
        self.start_button.setAccessibleName(_("Check my computer"))
        self.footnote.setText(_("It takes about a minute. Nothing is sent to anyone unless you decide to."))
        self.box.setAccessibleName(_("What’s the problem? (optional)"))
        self._arrange()  # the names in another language may no longer fit side by side


class ScanPage(QWidget):
    """ "Now checking: …", a progress bar, results as they arrive, and Cancel."""

    cancel_requested = Signal()

    def __init__(self, registry: Registry) -> None:
        super().__init__()
        self.registry = registry
        self.total = 0
        self.done_count = 0
        self.running: dict[str, str] = {}
        body, layout = centered_column(640)
        layout.addSpacing(24)
        self.title = label("", "title")
        layout.addWidget(self.title)
        # no fixed accessible name on the lines that change (here, "Checking again…", a repair's progress): a screen
        # reader reads a label's name, which then hid the words ("Now checking" instead of "Now checking: Wi-Fi"), and Qt
        # announces a new text (NameChanged) only for a label without one (keyboard and screen-reader review, s33)
        self.now_checking = label("", "nowChecking")
        layout.addWidget(self.now_checking)
        self.progress = QProgressBar()
        self.progress.setTextVisible(False)
        layout.addWidget(self.progress)
        self.counter = label("", "muted")
        layout.addWidget(self.counter)
        self.list_box = QFrame()
        self.list_box.setObjectName("symptoms")
        self.list_layout = QVBoxLayout(self.list_box)
        self.list_layout.setContentsMargins(16, 10, 16, 10)
        self.list_layout.setSpacing(6)
        layout.addWidget(self.list_box)
        layout.addStretch(1)
        self.cancel_button = QPushButton()
        self.cancel_button.clicked.connect(self.cancel_requested)
        bottom = self.bottom_row = QHBoxLayout()
        bottom.setContentsMargins(24, 8, 24, 16)
        bottom.addStretch(1)
        bottom.addWidget(self.cancel_button)
        page = QVBoxLayout(self)
        page.setContentsMargins(0, 0, 0, 0)
        self.scroll_area = scrolling(body)
        page.addWidget(self.scroll_area, 1)
        page.addLayout(bottom)
        self.rows: dict[str, QWidget] = {}
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(_("Checking your computer…"))
        self.progress.setAccessibleName(_("How much of the check is done"))  # it had no name
        self.cancel_button.setText(_("Cancel"))
        self.cancel_button.setAccessibleName(_("Cancel the check"))
        self._update_texts()

    def reset(self, total: int) -> None:
        self.total, self.done_count = total, 0
        self.running.clear()
        for row in self.rows.values():
            row.deleteLater()
        self.rows.clear()
        self.list_box.hide()
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(0)
        self._update_texts()

    def _update_texts(self) -> None:
        current = next(reversed(self.running.values()), None) if self.running else None
        self.now_checking.setText(_("Now checking: {what}").format(what=current) if current else _("Getting ready…"))
        self.counter.setText(_("{done} of {total} checks done").format(done=self.done_count, total=self.total) if self.total else "")

    def on_started(self, check_id: str, title: str) -> None:
        self.running[check_id] = title
        self._update_texts()

    def on_finished(self, result: Result) -> None:
        self.running.pop(result.check_id, None)
        if not result.check_id.startswith("plugin.load-error"):
            self.done_count += 1
        self.progress.setValue(min(self.done_count, self.total))
        title = result.title
        row = QWidget()
        line = QHBoxLayout(row)
        line.setContentsMargins(0, 0, 0, 0)
        line.setSpacing(10)
        line.addWidget(icon_label(resources.result_icon_name(result), 18, result.status.label))
        line.addWidget(label(title, wrap=False), 1)
        line.addWidget(label(result.status.label, "statusWord", wrap=False))
        row.setAccessibleName(f"{title}: {result.status.label}")
        self.list_layout.addWidget(row)
        self.list_box.show()
        old = self.rows.pop(result.check_id, None)
        if old is not None:
            old.deleteLater()
        self.rows[result.check_id] = row
        self._update_texts()
        QTimer.singleShot(0, lambda: self.scroll_area.ensureWidgetVisible(row) if row in self.rows.values() else None)  # follow the newest result


class CardRoom(NamedTuple):
    """The room a verdict card takes around its words: its margins (left, top, right, bottom), the icon's side and the
    space beside it, the space between the headline and what follows, the steps' box's margins and the space between steps."""

    margins: tuple[int, int, int, int]
    icon: int
    beside: int
    spacing: int
    action_margins: tuple[int, int, int, int]
    step_spacing: int


class HeadlineCard(QFrame):
    """The verdict (selfcheck.verdict): one sentence, why, the one thing to do, and one way to check again."""

    #: by whether the window is short (ResultsPage.SHORT_BELOW). Small-screen rounds 1-10 (issue 21): at 1366x768 and
    #: 150 % the big headline on two lines (fr) and the wide margins pushed step 3 of a full disk below the visible part
    #: and every reader missed it; short, the card is tighter and its steps a little wider (so fewer lines)
    ROOM = {
        False: CardRoom((20, 18, 20, 18), 44, 16, 8, (12, 10, 12, 10), 4),
        True: CardRoom((14, 10, 14, 10), 32, 12, 6, (12, 6, 12, 6), 3),
    }

    fix_requested = Signal(str)
    repair_requested = Signal(str, str)  # check id, repair id: the headline problem's other repairs
    check_again = Signal(object)  # a list of check ids (empty: everything)
    support_requested = Signal()
    watch_requested = Signal()  # the verdict's offer to watch while the problem happens (the Record dialog)

    def __init__(self, scan: Scan, registry: Registry | None, *, read_only: bool) -> None:
        super().__init__()
        self.setObjectName("headline")
        v = verdict_of(scan)
        self.verdict = v
        severity = {
            "status-fail": "fail",
            "status-warn": "warn",
            "status-attention": "warn",
            "status-error": "error",
            "status-later": "later",
            "status-info": "later",
            "status-easy": "easy",
        }.get(v.icon, "pass")
        self.setProperty("severity", severity)
        row = self.row = QHBoxLayout(self)
        row.setContentsMargins(*self.ROOM[False].margins)
        row.setSpacing(self.ROOM[False].beside)
        # the icon's name says the urgency ("Can wait"), as its colour does, never a "Warning" beside "nothing needs attention"
        self.icon = icon_label(v.icon, self.ROOM[False].icon, v.top.urgency_text if v.top is not None else v.status.label)
        row.addWidget(self.icon, 0, Qt.AlignmentFlag.AlignTop)
        col = self.col = QVBoxLayout()
        col.setSpacing(self.ROOM[False].spacing)
        self.headline = label(v.headline, "headlineText", selectable=True)
        col.addWidget(self.headline)
        self.cause: QLabel | None = None
        if v.cause:
            self.cause = label(v.cause, "cause", selectable=True)
            col.addWidget(self.cause)
        self.action_text: QLabel | None = None
        self.steps: list[QLabel] = []
        action_layout: QVBoxLayout | None = None
        top_id = v.action.check_id if v.action else None
        top = scan.result(top_id) if top_id else None
        # verdict round 15 (fr): "4 steps, two buttons, for a simple clock": when a repair does it for the person (its
        # button first), the other ways (the settings by hand, then what if it comes back) wait folded behind one line
        self.more_holder: QWidget | None = None
        more_layout: QVBoxLayout | None = None
        if not read_only and v.action is not None and v.action.repair and v.action.button and v.action.steps:
            self.more_holder = QWidget()
            more_layout = QVBoxLayout(self.more_holder)
            more_layout.setContentsMargins(0, 0, 0, 0)
            more_layout.setSpacing(4)
        self.more_expander: Expander | None = None
        #: what the fold holds, named for the line that points below on a short window ("2 more ways to make room")
        self.more_name = ""
        self.action_box: QFrame | None = None
        self.action_layout: QVBoxLayout | None = None
        folded_steps: list[QLabel] = []  # steps that wait under "More ways to …" with the other repairs' buttons
        if v.action:
            action = self.action_box = QFrame()
            action.setObjectName("action")
            inner = action_layout = self.action_layout = QVBoxLayout(action)
            inner.setContentsMargins(*self.ROOM[False].action_margins)
            inner.setSpacing(self.ROOM[False].step_spacing)
            inner.addWidget(label(_("What to do now"), "sectionTitle"))
            numbered = bool(v.action.steps)
            checked = scan.facts.get(top_id or "") or {}
            platform = str(checked.get("platform") or scan.platform) if isinstance(checked, dict) else scan.platform
            first = v.action.text if read_only else step_with_button(v.action.text, top, platform)
            self.action_text = label(f"1.  {first}" if numbered else first, "actionText", selectable=True)
            inner.addWidget(self.action_text)
            # the other ways the core marks (Action.folded) wait folded, where the card has its other repairs' fold (not in a
            # bundle's read-only view: everything shown)
            first_folded = len(v.action.steps) - (v.action.folded if not read_only and top is not None and top_id else 0)
            for number, step in enumerate(v.action.steps, 2):
                # round 8: steps 2+ in smaller print were "hard to read" at 67: every step the size of step 1
                step_label = label(f"{number}.  {step}", "actionText", selectable=True)
                self.steps.append(step_label)
                if more_layout is None and number - 2 >= first_folded:
                    folded_steps.append(step_label)
                else:
                    (more_layout or inner).addWidget(step_label)
            if self.more_holder is not None:
                self.more_expander = Expander(_("More ways to fix it"), self.more_holder, False)
                self.more_name = _("more ways to fix it")
                inner.addWidget(self.more_expander)
                inner.addWidget(self.more_holder)
            col.addWidget(action)
        # send round 24: "I did the steps above — check again" beside a long repair button cut that button's words: the
        # row goes on to the next line when both do not fit (each button keeps its whole text)
        buttons = self.button_row = FlowLayout()
        self.fix_button: QPushButton | None = None
        self.again_button: QPushButton | None = None
        # the headline problem's other repairs ("Empty the trash"…) sit in this card, under one line: a second
        # card repeating the headline with its own "!" made both round-4 readers count two problems
        self.repair_buttons: list[QPushButton] = []
        if not read_only and top is not None and top_id and action_layout is not None:
            first_repair = v.action.repair if v.action else None  # already the card's first button
            self.repair_buttons = [
                b for b in repair_offer.repair_buttons(top, lambda rid: self.repair_requested.emit(top_id, rid)) if b.property("repair_id") != first_repair
            ]
            if self.repair_buttons and more_layout is not None:
                add_repair_row(more_layout, self.repair_buttons)  # one fold for every other way
            elif self.repair_buttons or folded_steps:
                # round 8: two deleting buttons and "deletes for good" right under the steps overwhelmed both readers
                # ("four steps plus three buttons"): they wait folded behind one plain line, with what they remove
                # send round 19: a full computer's "remove programs you no longer use" (Settings, Start menu…) waits there too
                holder = QWidget()
                holder_layout = QVBoxLayout(holder)
                holder_layout.setContentsMargins(0, 0, 0, 0)
                for step_label in folded_steps:
                    holder_layout.addWidget(step_label)
                add_repair_row(holder_layout, self.repair_buttons)
                room = makes_room(top)
                if room:
                    # send rounds 30-31 (en), 27 (fr): "More ways to make room", « je n'ose pas ouvrir »: how many, and that a
                    # click shows them (each folded step and each button is one way)
                    # send round 99 (en, fr): "2 more ways to make room: click to see them" quoted (« je ne sais pas lesquelles,
                    # il faudrait cliquer »): what the fold is, with how many, as a line to open, without an instruction
                    # send rounds 102-103 (en, fr): "Other ways to make room (2)": "Two what?", « je ne sais pas ce que veut dire
                    # le (2) », "I wouldn't know what's behind them": the fold named its ways
                    # send rounds 109-111 (en, fr): those names ("remove programs you no longer use, or let this program make more
                    # room by itself…") quoted every round: "I wouldn't know which programs I can remove", "I don't know what it
                    # would remove", « je ne sais pas lesquels ni comment »: the steps inside say which and how; closed, the
                    # line says only what a reader needs to decide to open it (more room, how many ways, shown step by step)
                    ways = len(folded_steps) + len(self.repair_buttons)
                    title = ngettext("Another way to make room:", "Other ways to make room:", ways)
                    closed = ngettext("Need more room? {n} other way, step by step", "Need more room? {n} other ways, step by step", ways).format(n=ways)
                    self.more_expander = WrappingExpander(title, holder, False, closed)
                    self.more_name = ngettext("another way to make room", "other ways to make room", ways)
                else:
                    self.more_expander = Expander(_("More ways to fix it"), holder, False)
                    self.more_name = _("more ways to fix it")
                action_layout.addWidget(self.more_expander)
                action_layout.addWidget(holder)
        refused = top is not None and repair_offer.fix_route(top.fix)[0] == "refused"  # the company's [repairs] policy
        self.fallback_button: QPushButton | None = None
        #: the main button does what cannot be undone (the repair's own metadata, Repair.cannot_be_undone): the window does
        #: not give it the focus as it opens (small-screen rounds 2-3, both readers: its focus frame read as "already
        #: chosen", « si j'appuie sur Entrée par réflexe, je vide tout »), as the platforms never make a destructive button
        #: the default
        self.main_cannot_be_undone = False
        if not read_only and v.action is not None and v.action.repair and v.action.button and top_id:
            # the repair that does it for the person comes first; the settings window is the fallback step's button
            repair_id = v.action.repair
            self.fix_button = QPushButton(no_mnemonic(v.action.button))  # a check's fix's words: "&" as written
            self.fix_button.setObjectName("primary")
            self.fix_button.setAccessibleName(_("{repair} (asks first)").format(repair=v.action.button))
            self.fix_button.clicked.connect(lambda: self.repair_requested.emit(top_id, repair_id))
            self.main_cannot_be_undone = repair_offer.cannot_be_undone(repair_id)
            buttons.addWidget(self.fix_button)
            if v.action.fallback_button and not refused and action_layout is not None:
                # under the steps, beside the fallback step it belongs to (three buttons in a row did not fit in French)
                self.fallback_button = QPushButton(no_mnemonic(v.action.fallback_button))
                self.fallback_button.setObjectName("secondaryAccent")
                self.fallback_button.clicked.connect(lambda: self.fix_requested.emit(top_id))
                fallback_row = FlowLayout()
                fallback_row.addWidget(self.fallback_button)
                (more_layout or action_layout).addLayout(fallback_row)
        elif not read_only and v.action is not None and v.action.button and top_id and not refused:
            self.fix_button = QPushButton(no_mnemonic(v.action.button))
            self.fix_button.setObjectName("primary")
            self.fix_button.clicked.connect(lambda: self.fix_requested.emit(top_id))
            buttons.addWidget(self.fix_button)
            # a check's own fix that does a repair's work (repair_offer.FIX_EQUIVALENT: "empty_trash") is as final as that repair
            self.main_cannot_be_undone = repair_offer.cannot_be_undone(repair_offer.repair_for_fix(top.fix if top is not None else None))
        # round 82 (cuts-sometimes): a problem that comes and goes does not show between two of its times; the recording that
        # catches it was in the File menu only: a verdict that found nothing offers it, one that says what a recording found
        # checks again by it (verdict.WATCH_OFFER, verdict.recorded)
        self.watch_offer: QLabel | None = None
        self.watch_button: QPushButton | None = None
        if not read_only and v.watch_button:
            if v.watch:
                self.watch_offer = label(v.watch, "cause", selectable=True)
                col.addWidget(self.watch_offer)
            self.watch_button = QPushButton(no_mnemonic(v.watch_button))
            # cuts round 1: "Watch while it happens" beside a focused "Check my computer again": « je ne sais pas lequel des trois
            # est le bon »: where the steps start with watching, it is the page's main button
            self.watch_button.setObjectName("primary" if v.watch_main else "secondaryAccent")
            self.watch_button.setAccessibleName(v.watch_button)
            if v.watch:
                self.watch_button.setAccessibleDescription(v.watch)
            self.watch_button.clicked.connect(self.watch_requested)
            buttons.addWidget(self.watch_button)
        if not read_only and v.check_again_ids:
            # the one way to check again in this state (the page's own button shows when nothing is wrong)
            self.again_button = QPushButton(v.check_again)
            self.again_button.setAccessibleName(v.check_again)
            ids = list(v.check_again_ids)
            self.again_button.clicked.connect(lambda: self.check_again.emit(ids))
            buttons.addWidget(self.again_button)
        if buttons.count():
            col.addLayout(buttons)
        self.count_line = label(v.count_line, "muted")
        col.addWidget(self.count_line)
        row.addLayout(col, 1)
        for button in self.main_buttons():
            button.setAutoDefault(True)  # Enter presses the one that has the focus (only Space did)
        self.setAccessibleName(_("Verdict"))
        self.setAccessibleDescription(v.headline)

    def main_buttons(self) -> list[QPushButton]:
        """The card's row of buttons: the one that does it for the person, then "Check my computer again"."""
        return [b for b in (self.fix_button, self.watch_button, self.again_button) if b is not None]

    def set_short(self, short: bool, strip: QLayout) -> None:
        """On a short window the buttons go to ``strip``, outside what scrolls, why waits under the steps, and the card
        takes less room (``ROOM``): the headline, the steps and the buttons are in sight without scrolling. Not short, each
        goes back to its place and size."""
        for button in self.main_buttons():
            (self.button_row if short else strip).removeWidget(button)
            (strip if short else self.button_row).addWidget(button)
        if self.cause is not None and self.action_box is not None:
            self.col.removeWidget(self.cause)
            self.col.insertWidget(self.col.indexOf(self.action_box) + 1 if short else 1, self.cause)
        room = self.ROOM[short]
        self.row.setContentsMargins(*room.margins)
        self.row.setSpacing(room.beside)
        self.col.setSpacing(room.spacing)
        ratio = self.icon.devicePixelRatioF()
        self.icon.setPixmap(resources.pixmap(self.verdict.icon, room.icon, ratio))
        self.icon.setFixedSize(QSize(room.icon, room.icon))
        if self.action_layout is not None:
            self.action_layout.setContentsMargins(*room.action_margins)
            self.action_layout.setSpacing(room.step_spacing)
        self.headline.setProperty("short", short)  # a smaller size (theme: QLabel#headlineText[short="true"])
        self.headline.style().unpolish(self.headline)
        self.headline.style().polish(self.headline)


def everything_line(scan: Scan, told: Verdict) -> str:
    """The one line the full list folds behind when there is a verdict: "everything else is fine" when that is
    true (the problems already told above, and the checks they stopped, aside), else a plain "show" line."""
    told_ids = {i.check_id for i in told.items}
    others = [r for r in scan.results if r.check_id not in told_ids and not (r.consequence_of and set(r.consequence_of) & told_ids)]
    if all(r.status in (Status.PASS, Status.INFO, Status.SKIP) for r in others):
        return _("Everything else we checked is fine — show the list")
    return _("Show everything we checked")


class ResultsPage(QWidget):
    """The verdict: headline card first, then the results grouped by category."""

    check_again = Signal(object)  # a list of check ids
    watch_requested = Signal()  # the verdict's "Watch while it happens"
    fix_requested = Signal(str)
    repair_requested = Signal(str, str)  # check id, repair id
    rescan_requested = Signal()
    support_requested = Signal()
    start_over = Signal()
    ready = Signal(object)  # the scan, once every card is on the page
    files_requested = Signal()  # support staff want to see a bundle's files

    def __init__(self) -> None:
        super().__init__()
        self.scan: Scan | None = None
        self.registry: Registry | None = None
        self.read_only = False
        self.bundle_info: dict[str, Any] | None = None
        self.config: Any = None  # set by the main window; used for "what changed"
        self.cards: dict[str, ResultCard] = {}
        self.headline_card: HeadlineCard | None = None
        self.not_here_expander: Expander | None = None
        self._not_here_open = False
        self._everything_open = False
        self._generation = 0
        self.consequence_groups: dict[str, ConsequenceGroup] = {}
        #: a bundle's OK results made between the cuts, in one line (show_scan)
        self.between_cuts_fold: FoldedOks | None = None
        self.files_button: QPushButton | None = None
        #: what Tab reaches after the page's own buttons (the window's language box: _tab)
        self.tab_after: QWidget | None = None
        self.body_holder = QVBoxLayout()
        self.area = QScrollArea()
        self.area.setWidgetResizable(True)
        self.area.setFrameShape(QFrame.Shape.NoFrame)
        self.area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.more_below = MoreBelow(self.area)  # the steps cut by the window's edge say that they go on (small-screen review, s33)
        self.whole_lines = WholeLines(self.area)  # and are never cut through a line (small-screen round 4)
        bottom = self.bottom_row = QHBoxLayout()
        bottom.setContentsMargins(24, 8, 24, 16)
        self.back_button = QPushButton()
        self.back_button.clicked.connect(self.start_over)
        self.rescan_button = QPushButton()
        self.rescan_button.clicked.connect(self.rescan_requested)
        self.support_button = QPushButton()
        self.support_button.setObjectName("secondaryAccent")
        self.support_button.clicked.connect(self.support_requested)
        self.busy_label = label("", "muted", wrap=False)
        # on a short window, what waits under the verdict's steps, named beside the buttons (_point_below)
        self.below_pointer = QPushButton()
        self.below_pointer.setAccessibleName(_("More below"))  # named with what it shows once shown (_point_below)
        self.below_pointer.setObjectName("link")
        self.below_pointer.setCursor(Qt.CursorShape.PointingHandCursor)
        self.below_pointer.setAutoDefault(False)
        self.below_pointer.clicked.connect(self.show_below)
        self.below_pointer.hide()
        self._below_later = QTimer(self)
        self._below_later.setSingleShot(True)
        self._below_later.setInterval(0)
        self._below_later.timeout.connect(self._point_below)
        # not QTimer.start itself: it would take the scroll bar's value for its interval
        self.area.verticalScrollBar().valueChanged.connect(lambda _value: self._below_later.start())
        self.area.verticalScrollBar().rangeChanged.connect(lambda _low, _high: self._below_later.start())
        self.group_sections: dict[str, CategorySection] = {}
        self.later_expander: Expander | None = None
        bottom.addWidget(self.back_button)
        bottom.addStretch(1)
        bottom.addWidget(self.below_pointer)
        bottom.addStretch(1)
        bottom.addWidget(self.busy_label)
        bottom.addWidget(self.rescan_button)
        bottom.addWidget(self.support_button)
        # who "support" is, beside the button that reaches them (the branding settings): readers asked whether
        # it is a stranger and whether it costs money
        self.support_who = label("", "muted")
        self.support_who.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.support_who.setContentsMargins(24, 6, 24, 0)
        # on a short window (big-text review, s33) the verdict's buttons wait here, under what scrolls: see _fit
        self.short = False
        self.short_strip, self.short_row = centered_column(800, margins=(24, 10, 24, 0))
        self.short_buttons = FlowLayout()
        self.short_row.addLayout(self.short_buttons)
        self.short_strip.hide()
        page = QVBoxLayout(self)
        page.setContentsMargins(0, 0, 0, 0)
        page.setSpacing(0)
        page.addWidget(self.area, 1)
        page.addWidget(self.short_strip)
        page.addWidget(self.support_who)
        page.addLayout(bottom)
        for keys, forward in (("Tab", True), ("Shift+Tab", False), ("Backtab", False), ("Shift+Backtab", False)):
            tab = QShortcut(QKeySequence(keys), self)
            tab.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            tab.activated.connect(functools.partial(self._tab, forward))
        self.retranslate()

    def retranslate(self) -> None:
        # what a screen reader says when the keyboard is on the results themselves (a verdict that offers what cannot be
        # undone opens there): it said nothing
        self.area.setAccessibleName(_("What this program found"))
        self.back_button.setText(self._back_label())
        self.rescan_button.setText(_(CHECK_AGAIN))  # the verdict card's own check-again button's words
        self._show_who()
        self.rescan_button.setVisible(self._rescan_visible())
        self.support_button.setVisible(not self.read_only)
        if self.scan is not None:
            QTimer.singleShot(0, self._rebuild)  # next turn: the new language's texts first, then the cards

    #: below this height (a 1366x768 or 1280x720 laptop at 150 %) the page is short (_fit); the window's usual 900x740 gives it 666
    SHORT_BELOW = 600

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        self._fit()
        self._below_later.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if watched is self.area.widget() and event.type() == QEvent.Type.LayoutRequest:
            self._end_at_last_line()  # a card added or opened
        return super().eventFilter(watched, event)

    def _end_at_last_line(self) -> None:
        """The page scrolls to its last line and no further (no_empty_scrolling).

        On a 1366x768 laptop at 150 % it scrolled 412 px past it, into a blank page (the scaled pictures' 3-verdict-bottom
        showed nothing but the buttons): a customer who scrolls down to see the rest may think the page broke. At the usual
        size, 11 of the 24 verdict pictures showed a scroll bar (and "More below") where everything fitted: the same."""
        body = self.area.widget()
        if body is not None:
            no_empty_scrolling(body)

    def things_below(self) -> list[tuple[QWidget, str, int]]:
        """What the verdict shows under its steps that is not whole in sight, below the part of the page one sees: each
        with its name for the pointer and how many things it holds (the fold's other ways, why, the other problems)."""
        card, body = self.headline_card, self.area.widget()
        if card is None or body is None:
            return []
        also, later = len(card.verdict.group(ALSO)), len(card.verdict.group(LATER))
        # send rounds 108-109 (en): "1 other thing we noticed, nothing urgent:" not understood; the fold it points to says
        # "There is also 1 thing that can wait:" since: the same words here
        noticed = ngettext("{n} thing that can wait", "{n} things that can wait", later).format(n=later)
        if later == 1:
            # small-screen round 23 (en): "'1 other thing we noticed, nothing urgent' makes me curious and a little uneasy,
            # because it doesn't say what the thing is": named, by its title
            noticed = _("1 thing that can wait, about “{title}”").format(title=card.verdict.group(LATER)[0].title)
        parts: list[tuple[QWidget | None, str, int]] = [
            (card.more_expander, card.more_name, 2),  # "more ways": more than one
            # small-screen round 20: "an explanation" (of what?); "1 other thing we noticed. What thing? It sounds like something
            # is wrong": what the explanation is, and the fold's own "nothing urgent"
            (card.cause, _("why it happens"), 1),
            (self.group_sections.get(ALSO), ngettext("{n} other problem", "{n} other problems", also).format(n=also), also),
            (self.later_expander, noticed, later),
        ]
        seen = self.area.verticalScrollBar().value() + self.area.viewport().height()
        shown = [(widget, name, n) for widget, name, n in parts if widget is not None and isValid(widget) and widget.isVisibleTo(body)]
        below = [part for part in shown if part[0].mapTo(body, QPoint(0, part[0].height())).y() > seen]
        # the fold's grey line right above them, at the view's bottom edge, went unseen too (rounds 14-19): named with them
        fold = shown[0] if shown and shown[0][0] is card.more_expander else None
        return [fold, *below] if below and fold is not None and fold not in below else below

    def _point_below(self) -> None:
        """Small-screen rounds 1-19 (18 readers, none scrolled): on a short window the grey "2 more ways to make room", why,
        and the other things noticed sat under the visible part and were never seen. A line beside the buttons names them,
        as the send dialog's "1 more box below, not ticked: click to see it" does, and a click shows them. Gone when all
        of it is in sight; where the window has room, the page is as it always was."""
        pointer = self.below_pointer
        below = self.things_below() if self.short and self.area.isVisible() else []
        if below:
            names = [name for _widget, name, _n in below]
            things = names[0] if len(names) == 1 else _("{first} and {last}").format(first=", ".join(names[:-1]), last=names[-1])
            count = sum(n for _widget, _name, n in below)
            # small-screen round 21 (en): "Below: … (below what?) I looked below and saw only buttons": below on the page
            words = ngettext("Further down this page: {things}. Click to see it.", "Further down this page: {things}. Click to see them.", count).format(
                things=things
            )
            pointer.setAccessibleName(words)
            pointer.setAccessibleDescription(_("Scrolls down to show them."))
            pointer.setText(self._wrapped(words))
        pointer.setVisible(bool(below))

    def _wrapped(self, words: str) -> str:
        """``words`` on as many lines as the room between "Back" and "Contact support" needs (one line would widen the
        window past a small screen)."""
        spacing = max(self.bottom_row.spacing(), 6)
        others = [w for w in (self.back_button, self.busy_label, self.rescan_button, self.support_button) if w.isVisible()]
        margins = self.bottom_row.contentsMargins()
        room = self.width() - margins.left() - margins.right() - sum(w.sizeHint().width() for w in others) - 4 * spacing
        room -= 16  # the link's own padding (theme: QPushButton#link)
        metrics = self.below_pointer.fontMetrics()

        def wrap(text: str) -> list[str]:
            lines: list[str] = []
            for word in unbroken(text):
                if lines and metrics.horizontalAdvance(f"{lines[-1]} {word}") <= room:
                    lines[-1] = f"{lines[-1]} {word}"
                else:
                    lines.append(word)
            return lines

        # "Click to see them." on a line of its own where that takes no more lines than running on ("… Click to see / them.")
        first, dot, last = words.rpartition(". ")
        apart = [*wrap(first + dot.rstrip()), *wrap(last)] if dot else []
        whole = wrap(words)
        return "\n".join(apart if apart and len(apart) <= len(whole) else whole)

    def show_below(self) -> None:
        """Scroll to what waits under the steps, its first line at the top of the view; the keyboard on its fold (Space opens it)."""
        below, body = self.things_below(), self.area.widget()
        if not below or body is None:
            return
        first: QWidget = below[0][0]  # the fold when there is one (things_below)
        bar = self.area.verticalScrollBar()
        top = first.mapTo(body, QPoint(0, 0)).y() - self.fontMetrics().height() // 2
        bar.setValue(min(bar.maximum(), max(0, top)))
        focus = first if first.focusPolicy() & Qt.FocusPolicy.TabFocus else self.later_expander
        if focus is not None and focus.isVisible():
            focus.setFocus(Qt.FocusReason.OtherFocusReason)
        self._point_below()

    def _fit(self) -> None:
        """On a short page the verdict's buttons sit under what scrolls and its first step right under the headline.

        Big-text review (s33): on a 1366x768 laptop at 150 % (a 911x512 screen) the customer saw the headline, why, and
        the steps cut by the window's edge: "Set the clock automatically" or "Empty the Recycle Bin" was below, reached
        only by scrolling a page that did not say it went on. Where there is room, the page is as it always was.
        """
        card = self.headline_card
        short = card is not None and self.height() < self.SHORT_BELOW
        if card is None or short == self.short:
            return
        self.short = short
        card.set_short(short, self.short_buttons)
        self.short_strip.setVisible(short and bool(card.main_buttons()))
        self._below_later.start()
        self._show_who()
        self.bottom_row.setContentsMargins(24, 4 if short else 8, 24, 8 if short else 16)
        body = self.area.widget()
        row = body.layout() if body is not None else None
        if row is not None:
            row.setContentsMargins(24, 6 if short else 24, 24, 6 if short else 24)
        self._end_at_last_line()  # scrolled to its end: its last line, not a blank band

    def _back_label(self) -> str:
        """What the person does on the page the button brings back (MainWindow.go_start): "What's the problem?", its choices
        (the built-in ones always there) and "Check my computer".

        Send round 23: "Back to the start": "Start of what?"; round 25 (fr): « Retour au premier écran »: « lequel ? »;
        "Start over" / « Recommencer »: verdict en r24 "Would it wipe my computer?", fr r24 « la différence entre
        « Recommencer » et « Vérifier à nouveau » », send fr r26 « Recommencer quoi ? »; then "Choose (another) problem"
        (below). One label whatever was chosen, saying where it goes; a bundle opened from a file is closed instead.
        """
        if self.read_only:
            return _("Close bundle")
        # send rounds 27-28: "Choose a problem": "what problem must I choose? I only have one" (en, fr: « quel problème dois-je
        # choisir ? »); verdict rounds 25-26: "Choose a problem" and "Choose another problem", do they differ?: one label,
        # where it goes, with no hint of wiping
        # send round 111 (en): "Back to the first page": "which first page?": the page named by what the person did there
        # send round 112 (en): "Back to the page where you started the check": "Which page is that?": said as the French,
        # never quoted (« Revenir à la page de départ »), in everyday words; a page, so not round 23's "Start of what?"
        return _("Back to the starting page")

    def _show_who(self) -> None:
        """A line above the contact button says who support is (branding): readers asked if it was a stranger, and the price."""
        from .support import support_is

        self.support_button.setText(_("Contact support"))  # the verdict's steps name this button
        self.support_button.setAccessibleName(_("Contact support"))
        self.support_who.setText(support_is(self.config) if self.config is not None else "")
        self.support_button.setAccessibleDescription(self.support_who.text())
        # small-screen review (s33, round 2): on a short window the sentence, said again on every screen ("I started
        # skipping it"; « à force, ça fait beaucoup de texte à lire »), took two lines the steps need; the send dialog
        # says it itself, and the button keeps it for a screen reader
        self.support_who.setVisible(not self.read_only and self.config is not None and not self.short)

    def first_focus(self) -> QWidget:
        """Where the keyboard starts on a new verdict: its main button, unless that does what cannot be undone; then no
        button looks chosen (the results themselves have the focus, and Tab goes on to the verdict's buttons)."""
        card = self.headline_card
        if card is not None and card.fix_button is not None and card.main_cannot_be_undone:
            return self.area
        first = (card.fix_button or card.again_button) if card is not None else None
        if card is not None and first is None and card.verdict.watch_main:
            first = card.watch_button  # the steps watch first (nothing found), or check again by watching again (a recording's)
        return first or self.rescan_button

    def _rescan_visible(self) -> bool:
        """The page's "Check my computer again" shows only when the verdict has no check-again button of its own."""
        card = self.headline_card
        return not self.read_only and (card is None or card.again_button is None)

    def _rebuild(self) -> None:
        if isValid(self) and self.scan is not None:  # queued (retranslate): the page may be gone with its window
            self.show_scan(self.scan, self.registry, read_only=self.read_only, bundle_info=self.bundle_info)

    def show_scan(self, scan: Scan, registry: Registry | None, *, read_only: bool = False, bundle_info: dict[str, Any] | None = None) -> None:
        """Rebuild the page for ``scan``: the headline at once, the cards one per event-loop turn.

        Building a few dozen styled cards in one go would freeze the window for
        a noticeable moment; one card at a time keeps it answering. ``ready``
        is emitted when every card is there.
        """
        expanded_before = {cid for cid, card in self.cards.items() if card.expander.isChecked()}
        same_scan = self.scan is not None and self.scan.id == scan.id
        scroll = self.area.verticalScrollBar().value()
        self.scan, self.registry, self.read_only, self.bundle_info = scan, registry, read_only, bundle_info
        self._generation += 1
        generation = self._generation
        self.back_button.setText(self._back_label())
        self.support_button.setVisible(not read_only)
        self._show_who()
        if self.headline_card is not None and self.short:
            self.headline_card.set_short(False, self.short_buttons)  # its buttons go with it
        self.short = False
        body, layout = centered_column(800)
        if read_only and bundle_info is not None:
            layout.addWidget(self._bundle_header(bundle_info))
        self.headline_card = HeadlineCard(scan, registry, read_only=read_only)
        self.headline_card.fix_requested.connect(self.fix_requested)
        self.headline_card.repair_requested.connect(self.repair_requested)
        self.headline_card.check_again.connect(self.check_again)
        self.headline_card.watch_requested.connect(self.watch_requested)
        layout.addWidget(self.headline_card)
        self.rescan_button.setVisible(self._rescan_visible())
        from selfcheck.gui.overtime import over_time_card

        changed_card = over_time_card(scan, self.config, registry, read_only=read_only, bundle_info=bundle_info)
        if changed_card is not None:
            layout.addWidget(changed_card)
        layout.addStretch(1)
        by_id = {r.check_id: r for r in scan.results}
        told = self.headline_card.verdict
        roots = set(scan.diagnosis.root_causes)
        # problems the verdict lists under "Also needs attention" and "not urgent" are shown there, not again below
        listed = {i.check_id: i for i in told.items if i.group in (ALSO, LATER)}
        # every problem's card, the headline's included, says its urgency in words and icon ("Can wait", a clock), not "Warning"
        told_items = {i.check_id: i for i in told.items}
        groups: dict[str, list[Result]] = {}
        for r in scan.results:
            if r.check_id not in listed:
                groups.setdefault(r.category if r.category in CATEGORIES else "app", []).append(r)
        self.cards = {}
        self.not_here_expander = None

        def order(r: Result) -> tuple[int, int, str]:
            return (0 if r.check_id in roots else 1 if not r.consequence_of else 2, -r.status.rank, r.check_id)

        def home(r: Result) -> str:
            return r.category if r.category in CATEGORIES else "app"

        # checks that do not apply here (no battery...) go to a closed section at the end
        not_here = [r for r in scan.results if r.status is Status.SKIP and not r.consequence_of]
        for r in not_here:
            groups[r.category if r.category in CATEGORIES else "app"].remove(r)
        # checks not done because of a root cause: one line under that root, not a card each
        followers: dict[str, list[Result]] = {}
        for r in scan.results:
            if r.status is Status.SKIP and r.consequence_of:
                root_id = r.consequence_of[0]
                if root_id in by_id and by_id[root_id] is not r:
                    followers.setdefault(root_id, []).append(r)
                    groups[r.category if r.category in CATEGORIES else "app"].remove(r)
        self.consequence_groups = {}
        # agent round 96 (cuts-sometimes: the ten green results "look like nothing is wrong, until you read the note"): where the
        # bundle's card says its results ran between the cuts (SupportCard.outside_cut, the flag `show` and report.html read),
        # that is said first, on a line of its own, and the OKs fold into one line of their names, each one click away; a
        # result that is not OK keeps its card
        support_card = (bundle_info or {}).get("support_card") if read_only else None
        between_cuts = bool(getattr(support_card, "outside_cut", False)) and bool(scan.results)
        # under a support card each check goes by the card's name for it, as in `show` and report.html (one rule)
        from selfcheck.supportcard import list_titles

        titles = list_titles(support_card, (r.check_id for r in scan.results))

        def title_of(r: Result) -> str:
            return titles.get(r.check_id) or r.title

        folded_ok = [r for r in scan.results if between_cuts and r.status is Status.PASS and any(r is g for g in groups.get(home(r), ()))]
        for r in folded_ok:
            groups[home(r)].remove(r)
        categories = sorted((c for c in groups if groups[c]), key=lambda c: (0 if any(r.status.is_problem for r in groups[c]) else 1, CATEGORIES.index(c)))

        def append(widget: QWidget) -> None:
            layout.insertWidget(layout.count() - 1, widget)

        def card_step(section: CategorySection, r: Result) -> Callable[[], None]:
            def step() -> None:
                roots_titles = [title_of(by_id[c]) if c in by_id else c for c in r.consequence_of]
                expanded = r.check_id in expanded_before if same_scan else False
                item = told_items.get(r.check_id)
                card = ResultCard(
                    r,
                    title_of(r),
                    roots_titles,
                    read_only=read_only,
                    expanded=expanded,
                    urgency=item.urgency_text if item else None,
                    reassurance=item.reassurance if item else None,
                    icon=item.icon if item else None,
                )
                card.fix_requested.connect(self.fix_requested)
                card.repair_requested.connect(self.repair_requested)
                card.details_built.connect(self._apply_busy_to)
                self._apply_busy_to(card)
                section.add_card(card)
                self.cards[r.check_id] = card

            return step

        def group_step(section: CategorySection, root: Result) -> Callable[[], None]:
            def step() -> None:
                members = followers[root.check_id]
                group = ConsequenceGroup(title_of(root), members, {r.check_id: title_of(r) for r in members})
                section.add_card(group)
                self.consequence_groups[root.check_id] = group

            return step

        categories = [c for c in categories if groups[c]]
        steps: list[Callable[[], None]] = []
        self.group_sections = {}
        self.later_expander = None
        for group in (ALSO, LATER):
            members = [by_id[i.check_id] for i in told.group(group) if i.check_id in by_id]
            if not members:
                continue
            section = CategorySection(group, "", members)
            self.group_sections[group] = section
            if group == ALSO:
                heading = label(told.group_title(group), "sectionTitle")
                steps.append(functools.partial(append, heading))
                steps.append(functools.partial(append, section))
            else:
                holder = QWidget()
                holder_layout = QVBoxLayout(holder)
                holder_layout.setContentsMargins(0, 0, 0, 0)
                holder_layout.addWidget(section)
                # send rounds 27, 28, 30, 31 (en): "Other things we noticed — not urgent": "what things?": how many, and (closed)
                # that a click shows them; the heading of the text report and the CLI, with the things right under it, stays
                # send rounds 108-109 (en): "1 other thing we noticed, nothing urgent:" not understood: that there is more, and
                # that it can wait (the words its cards use)
                n = len(members)
                later = Expander(
                    ngettext("There is also {n} thing that can wait:", "There are also {n} things that can wait:", n).format(n=n),
                    holder,
                    not told.later_folded,
                    ngettext("There is also {n} thing that can wait: click to see it", "There are also {n} things that can wait: click to see them", n).format(
                        n=n
                    ),
                )
                later.setObjectName("groupExpander")
                self.later_expander = later
                steps.append(functools.partial(append, later))
                steps.append(functools.partial(append, holder))
            steps.extend(card_step(section, r) for r in members)
        self.everything_expander: Expander | None = None
        everything_holder: QWidget | None = None
        everything_layout: QVBoxLayout | None = None
        if told.items and categories:
            if read_only:
                steps.append(functools.partial(append, label(_("Everything we checked"), "sectionTitle")))
            else:
                # with a verdict, the full list folds behind one plain line: its category names, measures and
                # "OK"s were most of what lay readers quoted on every screen (round 3), and it is not what to do
                everything_holder = QWidget()
                everything_layout = QVBoxLayout(everything_holder)
                everything_layout.setContentsMargins(0, 0, 0, 0)
                self.everything_expander = Expander(everything_line(scan, told), everything_holder, same_scan and self._everything_open)
                self.everything_expander.setObjectName("groupExpander")
                self.everything_expander.toggled.connect(lambda on: setattr(self, "_everything_open", on))
                steps.append(functools.partial(append, self.everything_expander))
                steps.append(functools.partial(append, everything_holder))
        self.between_cuts_fold = None
        if between_cuts:
            from selfcheck.textreport import BETWEEN_CUTS_FIRST

            steps.append(functools.partial(append, kept_label(_(BETWEEN_CUTS_FIRST), "cardLead", selectable=True)))
            if folded_ok:
                fold = self.between_cuts_fold = FoldedOks([title_of(r) for r in folded_ok])
                steps.append(functools.partial(append, fold))
                steps.extend(card_step(fold.section, r) for r in folded_ok)
        for category in categories:
            results = sorted(groups[category], key=order)
            # the network checks passed between the cuts: their heading says so where the customer's screen did (the verdict's
            # group_status) and where the card says it (outside_cut, a screen that did not), as `show` says it above them
            all_ok = told.group_status(category) or (_(CHECKED_BETWEEN_GROUP) if between_cuts and category == "network" else "")
            section = CategorySection(category, _(CATEGORY_TITLES[category]), results, all_ok=all_ok)
            if everything_layout is not None:
                steps.append(functools.partial(everything_layout.addWidget, section))
            else:
                steps.append(functools.partial(append, section))
            for r in results:
                steps.append(card_step(section, r))
                if r.check_id in followers:
                    steps.append(group_step(section, r))
        if not_here:
            holder = QWidget()
            holder_layout = QVBoxLayout(holder)
            holder_layout.setContentsMargins(0, 0, 0, 0)
            section = CategorySection("skip", "", not_here)
            holder_layout.addWidget(section)
            count = len(not_here)
            expander = Expander(
                ngettext("{n} check does not apply to this computer", "{n} checks do not apply to this computer", count).format(n=count),
                holder,
                same_scan and self._not_here_open,
            )
            expander.toggled.connect(lambda on: setattr(self, "_not_here_open", on))
            self.not_here_expander = expander

            def add_not_here() -> None:
                append(expander)
                append(holder)

            steps.append(add_not_here)
            ordered = sorted(not_here, key=lambda r: (CATEGORIES.index(r.category) if r.category in CATEGORIES else 9, r.check_id))
            steps.extend(card_step(section, r) for r in ordered)

        old = self.area.takeWidget()
        self.area.setWidget(body)
        body.installEventFilter(self)  # each card added or opened: _end_at_last_line
        self._fit()
        self._end_at_last_line()
        if old is not None:
            old.hide()
            # deleting hundreds of widgets at once is a stall too: a piece per event-loop turn
            pieces = [w for w in old.findChildren(QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly)]
            pieces = [c for p in pieces for c in p.findChildren(QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly)] + [old]
            for index, piece in enumerate(pieces):
                QTimer.singleShot(index + 1, piece.deleteLater)

        def run_next() -> None:
            if not isValid(self) or generation != self._generation:
                return  # the page is gone (its window deleted meanwhile), or a newer scan is being shown
            if steps:
                steps.pop(0)()
                QTimer.singleShot(0, run_next)
                return
            if same_scan:
                QTimer.singleShot(0, lambda: self.area.verticalScrollBar().setValue(scroll) if isValid(self) else None)
            self.ready.emit(scan)

        run_next()

    def tab_chain(self) -> list[QWidget]:
        """What Tab goes through on this page, in order: the results (the verdict and its buttons first), then the buttons
        under them."""
        body = self.area.widget()
        inside: list[QWidget] = []
        widget = self.nextInFocusChain()
        while widget is not None and widget is not self:
            if (body is not None and body.isAncestorOf(widget)) or self.short_strip.isAncestorOf(widget):
                inside.append(widget)
            widget = widget.nextInFocusChain()
        more = self.more_below.button  # "More below ↓" on a short window: a child of the scroll area, not of the body
        return [self.area, *inside, *([more] if more is not None else []), self.back_button, self.below_pointer, self.rescan_button, self.support_button]

    def focus_last(self) -> bool:
        """Shift+Tab from what comes after this page (the language box): its last button that can take the focus."""
        reachable = [w for w in self.tab_chain() if w.isVisible() and w.isEnabled() and w.focusPolicy() & Qt.FocusPolicy.TabFocus]
        if not self.isVisible() or not reachable:
            return False
        reachable[-1].setFocus(Qt.FocusReason.BacktabFocusReason)
        return True

    def _tab(self, forward: bool) -> None:
        """Tab and Shift+Tab on this page follow :meth:`tab_chain`; Tab from its last button goes on to ``tab_after``.

        Qt's own order is the order widgets are made in: the results, made again for each verdict (and a card's details
        when it opens), came after the page's own buttons and the window's language box, so Tab from the verdict's main
        button went to the language box before "Back to the starting page" and "Contact support". (Reordering Qt's chain at
        each new verdict, or overriding focusNextPrevChild, which Qt also calls as widgets are deleted, crashed the window.)
        """
        if QApplication.activePopupWidget() is not None:
            return  # a menu opened over the page keeps the keyboard (Qt matches shortcuts through popups)
        focus = QApplication.focusWidget()
        reachable = [w for w in self.tab_chain() if w is focus or (w.isVisible() and w.isEnabled() and w.focusPolicy() & Qt.FocusPolicy.TabFocus)]
        index = reachable.index(focus) + (1 if forward else -1) if focus in reachable else 0
        if index < 0 or index >= len(reachable):
            target = self.tab_after if forward and self.tab_after is not None and self.tab_after.isVisible() else None
            if target is None:
                self.window().focusNextPrevChild(forward)  # Shift+Tab from the results: the window's own order
                return
        else:
            target = reachable[index]
        target.setFocus(Qt.FocusReason.TabFocusReason if forward else Qt.FocusReason.BacktabFocusReason)
        body = self.area.widget()
        if body is not None and body.isAncestorOf(target):
            self.area.ensureWidgetVisible(target)

    def _apply_busy_to(self, card: ResultCard) -> None:
        for button in (card.again_button, card.fix_button):
            if button is not None:
                button.setEnabled(not self.busy_label.text())

    def set_busy(self, text: str) -> None:
        """While a check runs again: say so, and hold the buttons that would start another."""
        self.busy_label.setText(text)
        busy = bool(text)
        self.rescan_button.setEnabled(not busy)
        for card in self.cards.values():
            self._apply_busy_to(card)
        if self.headline_card is not None:
            for button in (self.headline_card.again_button, self.headline_card.fix_button):
                if button is not None:
                    button.setEnabled(not busy)

    def _bundle_header(self, info: dict[str, Any]) -> QFrame:
        box = QFrame()
        box.setObjectName("facts")
        layout = QVBoxLayout(box)
        layout.setContentsMargins(18, 14, 18, 14)
        layout.setSpacing(4)
        top = QHBoxLayout()
        top.addWidget(label(_("Diagnostic bundle (read only)"), "sectionTitle"), 1)
        if info.get("files"):
            files_button = QPushButton(_("Show the files (logs, system…)"))
            files_button.clicked.connect(self.files_requested)
            top.addWidget(files_button, 0, Qt.AlignmentFlag.AlignTop)
            self.files_button = files_button
        layout.addLayout(top)
        for caption, value in info.get("facts", []):
            if value:
                layout.addWidget(label(_("{label}: {value}").format(label=caption, value=value), "muted", selectable=True))
        description = str(info.get("description") or "").strip()
        layout.addSpacing(6)
        layout.addWidget(label(_("The customer’s description"), "sectionTitle"))
        layout.addWidget(label(description or _("(no description given)"), "description", selectable=True))
        card = info.get("support_card")
        card_note = str(info.get("support_card_note") or "")
        if card_note and card is None:  # none could be made nor was saved: said where the card would be
            layout.addSpacing(6)
            layout.addWidget(label(_("Support card"), "sectionTitle"))
            layout.addWidget(kept_label(card_note, "description", selectable=True))
        if card is not None:
            from selfcheck.supportcard import is_numbered, is_sub_item  # here, not at the top: loading the support card costs every window start

            layout.addSpacing(6)
            layout.addWidget(label(_("Support card"), "sectionTitle"))
            if card_note:  # the card saved in the bundle, not this version's
                layout.addWidget(kept_label(card_note, "description", selectable=True))
            # review 38 (French): "à 38" ended a line and its "s" began the next: the card's words keep a number with its unit
            # and « : » with the word before it (kept_label)
            for key, title, lines in card.sections():
                if key == "customer":
                    continue  # their words are right above
                layout.addWidget(kept_label(title, "muted"))
                if key == "reply":  # a letter to copy in one piece, not bullets
                    layout.addWidget(kept_label("\n".join(lines), "description", selectable=True))
                    continue
                for line in lines:  # an entry under the line above it (the sites tried, the hop test's steps) indented under it
                    # a numbered step ("1. Did they restart…", the questions in their order) carries its number: no bullet
                    bullet = "" if is_numbered(line) else "• "
                    entry = kept_label(("◦ " + line.strip()) if is_sub_item(line) else bullet + line, "description", selectable=True)
                    if is_sub_item(line):  # agent round 64: a step that wraps stays under its finding, not at the bullets' edge
                        entry.setIndent(entry.fontMetrics().horizontalAdvance("      "))
                    layout.addWidget(entry)
            # agent rounds 29-32 read the customer's screen and every result after the card to check they agree: as `show`
            # and report.html do, where the card ends is said (the customer's screen and the results follow, below this box)
            layout.addSpacing(6)
            layout.addWidget(kept_label(card.ends, "muted", selectable=True))
        box.setAccessibleName(_("Diagnostic bundle (read only)"))
        return box
