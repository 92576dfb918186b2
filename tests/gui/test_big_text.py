"""The window on a scaled-up screen with large text, as many older customers set it (big-text review, s33).

A 1920x1080 laptop at Windows' 150 % is a 1280x720 screen for Qt, about 680 px tall above its task bar; a 1366x768
one at 150 % is 911x512, about 485 px above it. The window opened 900x740 whatever the screen: its bottom, with
"Contact support", was below the screen's edge.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtGui import QFont, QScreen
from PySide6.QtWidgets import QApplication, QWidget

from recordings import lab_replayed
from selfcheck.app import App
from selfcheck.gui.support_dialog import TITLE_BAR

from . import fakechecks
from .conftest import run_scan

#: the screen's free area (under no task bar's height) at 150 % on a 1920x1080 and on a 1366x768 laptop
SCREENS = {"1920x1080-150": QRect(0, 0, 1280, 680), "1366x768-150": QRect(0, 0, 911, 485)}


@pytest.fixture(params=list(SCREENS))
def screen_free(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> QRect:
    free = SCREENS[request.param]
    monkeypatch.setattr(QScreen, "availableGeometry", lambda self: QRect(free))
    return free


@pytest.fixture(params=[None, 14], ids=["usual-font", "14pt"])
def font_size(request: pytest.FixtureRequest) -> Iterator[int | None]:
    from selfcheck.gui import theme

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    old = app.font()
    if request.param:
        bigger = QFont(old)
        bigger.setPointSize(request.param)
        app.setFont(bigger)
    yield request.param
    app.setFont(old)
    theme.apply(app, None)  # the style sheet's sizes for the usual font again


def first_window(qtbot, *classes, config=None):
    """The window as it opens the first time (no size remembered), at the size it gives itself (with ``config``: a
    company's settings)."""
    from selfcheck.gui import theme
    from selfcheck.gui.mainwindow import MainWindow
    from selfcheck.gui.settings import settings

    settings().remove("geometry")
    theme.apply(QApplication.instance(), None)
    window = MainWindow(App(config or fakechecks.config(), fakechecks.registry(*classes), None), question_handler=lambda q: None)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def on_screen(widget: QWidget, window: QWidget, free: QRect) -> None:
    """Shown whole inside the window, and the window (with its title bar) inside the screen's free area."""
    assert widget.isVisible(), widget
    inside = QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())
    assert window.rect().contains(inside), (widget.text() if hasattr(widget, "text") else widget, inside, window.rect())
    assert free.contains(window.frameGeometry()), (window.frameGeometry(), free)
    assert window.height() + TITLE_BAR <= free.height()  # with the title bar a desktop adds above it


def test_the_window_opens_inside_a_scaled_up_screen_with_its_buttons_in_sight(qtbot, screen_free, font_size):
    window = first_window(qtbot, fakechecks.PassCheck, fakechecks.FailCheck)
    assert screen_free.contains(window.frameGeometry()), (window.frameGeometry(), screen_free)
    run_scan(qtbot, window)
    page = window.results_page
    for button in (page.support_button, page.back_button):
        on_screen(button, window, screen_free)
    window.threads.stop_all(3000)


def test_on_a_large_screen_the_window_opens_at_its_usual_size(qtbot, monkeypatch):
    monkeypatch.setattr(QScreen, "availableGeometry", lambda self: QRect(0, 0, 1920, 1040))
    window = first_window(qtbot, fakechecks.PassCheck)
    assert (window.width(), window.height()) == (900, 740)
    assert window.minimumWidth() == 640 and window.minimumHeight() == 520


def test_the_start_button_stays_in_sight_under_the_choices(qtbot, screen_free, font_size):
    window = first_window(qtbot, fakechecks.PassCheck)
    page = window.start_page
    on_screen(page.start_button, window, screen_free)
    on_screen(page.footnote, window, screen_free)
    # the choices scroll above it, each reachable
    last = list(page.symptom_buttons.values())[-1]
    page.area.ensureWidgetVisible(last)
    QApplication.processEvents()
    top = last.mapTo(page.area.viewport(), QPoint(0, 0)).y()
    assert 0 <= top and top + last.height() <= page.area.viewport().height()


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("free", [QRect(0, 0, 1920, 1040), QRect(0, 0, 911, 512)], ids=["large-screen", "1366x768-150"])
def test_where_the_choices_fit_the_start_button_sits_just_under_them(qtbot, monkeypatch, free, lang):
    """Where the window holds every choice, "Check my computer" follows them at the page's usual spacing, with no
    empty band between (WrappedBody): a page body asking the height its words take at their narrowest width got the
    window's room, and the button sat 33 px lower in the usual window, 61 px lower on a 1366x768 laptop at 150 %."""
    from selfcheck import i18n

    monkeypatch.setattr(QScreen, "availableGeometry", lambda self: QRect(free))
    i18n.set_language(lang)
    try:
        window = first_window(qtbot, fakechecks.PassCheck)
        window.retranslate()
        for _ in range(3):
            QApplication.processEvents()
        page = window.start_page
        assert page.area.verticalScrollBar().maximum() == 0  # every choice in sight: nothing scrolls
        box_bottom = page.box.mapTo(window, QPoint(0, page.box.height())).y()
        button_top = page.start_button.mapTo(window, QPoint(0, 0)).y()
        under = page.under.layout()
        assert under is not None
        assert button_top - box_bottom == under.contentsMargins().top(), (box_bottom, button_top, window.height())
        window.threads.stop_all(3000)
    finally:
        i18n.set_language("en")


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_once_stopped_the_record_window_grows_for_its_words_and_nothing_covers_the_chart(qtbot, selfcheck_home, font_size, lang):
    # stopped, it says in a sentence what it saw: two lines more, in a window as tall as before: the buttons were drawn
    # over the chart and the Close button over its key (the lab's recording, replayed through the dialog's own recorder)
    import json
    from pathlib import Path

    from selfcheck import i18n
    from selfcheck.config import from_dict
    from selfcheck.gui.overtime import RecordDialog

    lab = json.loads((Path(__file__).parent.parent / "fixtures" / "recording" / "lab_cuts_and_hog.json").read_text(encoding="utf-8"))
    i18n.set_language(lang)
    try:
        dialog = RecordDialog(from_dict({}), interval=0.01, max_seconds=60)
        qtbot.addWidget(dialog)
        dialog.recorder = lab_replayed(lab)
        dialog.show()
        qtbot.waitExposed(dialog)
        dialog.start_button.click()
        qtbot.waitUntil(lambda: len(dialog.recorder.recording.samples) >= len(lab["samples"]), timeout=10000)
        dialog.mark_button.click()
        dialog.stop_button.click()
        QApplication.processEvents()
        assert dialog.saw.isVisible()
        stacked = [dialog.intro, dialog.status, dialog.saw, dialog.chart, dialog.start_button, dialog.buttons]
        for upper, lower in zip(stacked, stacked[1:], strict=False):
            bottom = upper.mapTo(dialog, QPoint(0, upper.height())).y()
            top = lower.mapTo(dialog, QPoint(0, 0)).y()
            assert bottom <= top, (upper, lower, bottom, top)
        for words in (dialog.intro, dialog.status, dialog.saw):  # each sentence whole: as tall as its wrapped lines
            assert words.height() >= words.heightForWidth(words.width()), words.text()
        close = dialog.buttons.mapTo(dialog, QPoint(0, dialog.buttons.height())).y()
        assert close <= dialog.height()
    finally:
        i18n.set_language("en")


#: the style sheet's text sizes at the platform's default text size, in points (today's sizes)
TODAY = {("QLabel", "headlineText"): 16, ("QLabel", "cause"): 11, ("QLabel", "actionText"): 11, ("QLabel", "title"): 20, ("QPushButton", "primary"): 12}


def styled_points(sheet: str, kind: str, name: str) -> float:
    from PySide6.QtWidgets import QLabel, QPushButton

    widget = {"QLabel": QLabel, "QPushButton": QPushButton}[kind]("words")
    widget.setObjectName(name)
    widget.setStyleSheet(sheet)
    widget.ensurePolished()
    return widget.font().pointSizeF()


@pytest.mark.parametrize(
    ("platform", "desktop", "points", "scale"),
    [
        ("win32", "", 9.0, 1.0),  # Windows at 100 %: Segoe UI 9 pt
        ("win32", "", 13.5, 1.5),  # "Make text bigger" at 150 %
        ("win32", "", 20.25, 2.25),  # at its largest, 225 %
        ("darwin", "", 13.0, 1.0),
        ("linux", "ubuntu:GNOME", 11.0, 1.0),  # GNOME's "Large text" raises the font DPI, not this size
        ("linux", "KDE", 10.0, 1.0),
        ("linux", "KDE", 15.0, 1.5),  # Plasma's font raised from 10 to 15 pt
        ("linux", "", 9.0, 1.0),  # Qt's own 9 pt (no desktop theme; the offscreen tests, the screenshots)
    ],
)
def test_the_window_text_sizes_follow_the_customers_text_size(platform, desktop, points, scale):
    # the style sheet fixed its sizes in points: with "Make text bigger" at 150 % (a 13.5 pt application font) the
    # window's other text grew and these did not, the verdict's sentences (11 pt) smaller than the rest
    from selfcheck.gui import theme

    assert theme.text_scale(points, platform, desktop) == scale
    sheet = theme.stylesheet(theme.accent_color(None), False, theme.text_scale(points, platform, desktop))
    for (kind, name), today in TODAY.items():
        assert styled_points(sheet, kind, name) == today * scale, (name, points)
    if (platform, points) == ("win32", 13.5):
        assert styled_points(sheet, "QLabel", "headlineText") == 24 and styled_points(sheet, "QLabel", "cause") == 16.5


@pytest.mark.parametrize("points", [13.5, 18.0], ids=["150%", "200%"])
def test_with_windows_larger_text_the_headline_stays_above_the_body_and_the_button_holds_its_words(qtbot, monkeypatch, fake_state, points):
    from PySide6.QtGui import QFontMetrics

    from selfcheck.gui import theme

    monkeypatch.setattr(QScreen, "availableGeometry", lambda self: QRect(0, 0, 1920, 1040))
    monkeypatch.setattr(theme, "default_points", lambda *a, **k: 9.0)  # Windows' message font at 100 %
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    old = app.font()
    bigger = QFont(old)
    bigger.setPointSizeF(points)  # what Windows gives Qt with "Make text bigger" at 150 % / 200 %
    app.setFont(bigger)
    try:
        fake_state["broken"] = True
        window = first_window(qtbot, fakechecks.FailCheck)
        free = QRect(0, 0, 1920, 1040)
        button = window.start_page.start_button
        on_screen(button, window, free)
        words = QFontMetrics(button.font())
        assert words.horizontalAdvance(button.text()) <= button.contentsRect().width(), (button.text(), button.size())
        assert words.height() <= button.contentsRect().height(), button.size()
        button_points = button.font().pointSizeF()
        run_scan(qtbot, window)
        card = window.results_page.headline_card
        assert card is not None and card.action_text is not None
        headline, body = card.headline, card.action_text
        for words_label in (headline, body):
            on_screen(words_label, window, free)
            assert words_label.height() >= words_label.heightForWidth(words_label.width()), words_label.text()  # whole
        assert body.font().pointSizeF() >= points  # the verdict's sentences as large as the customer's text, at least
        assert QFontMetrics(headline.font()).height() > QFontMetrics(body.font()).height()
        assert headline.font().pointSizeF() > app.font().pointSizeF()  # above the window's plain text too
        assert button_points >= points  # "Check my computer" no smaller than the customer's text
        window.threads.stop_all(3000)
    finally:
        app.setFont(old)
        theme.apply(app, None)


def recorded(cls: type, case: str, **changed: object) -> type:
    """``cls`` replaying the facts recorded in tests/fixtures/checks (as scripts/screenshots_verdict.py does): nothing is
    asked of this computer or any network."""
    import copy
    import json
    from pathlib import Path

    path = Path(__file__).resolve().parents[1] / "fixtures" / "checks" / cls.id / f"{case}.json"
    facts = {**json.loads(path.read_text(encoding="utf-8"))["facts"], **changed}
    return type(cls.__name__, (cls,), {"collect": lambda self, ctx: copy.deepcopy(facts), "__module__": cls.__module__})


def verdict_faults() -> dict[str, list[type]]:
    """Verdicts with a problem and a button that fixes it, from the verdict pictures' recorded faults."""
    from selfcheck.checks.hardware_disk import DiskCheck
    from selfcheck.checks.network_clock import ClockCheck
    from selfcheck.checks.network_https import HttpsCheck

    return {
        "wrong-clock": [recorded(ClockCheck, "lab_clock_5_hours_behind", platform="windows"), recorded(HttpsCheck, "lab_clock_wrong")],
        "computer-full": [recorded(DiskCheck, "windows_c_full")],
    }


#: the screen's whole area at 150 % on a 1366x768 and on a 1280x720 laptop (the task bar hidden or on the side)
SMALL_SCREENS = {"1366x768-150": QRect(0, 0, 911, 512), "1280x720-150": QRect(0, 0, 853, 480)}


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize(
    ("screen", "font_size"),
    # at 14 pt on the smaller screen, with the window's text grown with it (0ab545a), step 1 is still below: not yet
    [("1366x768-150", None), ("1366x768-150", 14), ("1280x720-150", None)],
    indirect=["font_size"],
    ids=["1366x768-150", "1366x768-150-14pt", "1280x720-150"],
)
@pytest.mark.parametrize("fault", ["wrong-clock", "computer-full"])
def test_on_a_small_screen_the_first_step_and_the_button_are_in_sight_without_scrolling(qtbot, monkeypatch, font_size, fault, screen, lang):
    # big-text review (s33): the headline, why, then the steps cut by the window's edge: "Set the clock automatically" was
    # below it, reached only by scrolling a page that did not say it went on
    from selfcheck import i18n

    free = SMALL_SCREENS[screen]
    monkeypatch.setattr(QScreen, "availableGeometry", lambda self: QRect(free))
    i18n.set_language(lang)
    try:
        window = first_window(qtbot, *verdict_faults()[fault])
        window.retranslate()
        run_scan(qtbot, window)
        QApplication.processEvents()
        page = window.results_page
        card = page.headline_card
        assert card is not None and card.fix_button is not None and card.action_text is not None
        assert page.area.verticalScrollBar().value() == 0
        view = QRect(page.area.viewport().mapTo(window, QPoint(0, 0)), page.area.viewport().size())
        step = QRect(card.action_text.mapTo(window, QPoint(0, 0)), card.action_text.size())
        assert card.action_text.isVisible()  # the first (or only) step
        assert view.contains(step), (card.action_text.text(), step, view)
        # the window under its title bar on the screen (its 2 px frame may overhang a 853 px wide screen's sides)
        assert window.height() + TITLE_BAR <= free.height() and window.width() <= free.width()
        button = QRect(card.fix_button.mapTo(window, QPoint(0, 0)), card.fix_button.size())
        assert card.fix_button.isVisible() and window.rect().contains(button), (card.fix_button.text(), button, window.rect())
        if page.area.isAncestorOf(card.fix_button):
            assert view.contains(button), (card.fix_button.text(), button, view)
        # and nothing on the way: the button is not drawn over the page's other words or buttons
        for other in (page.support_who, page.back_button, page.support_button, page.area.viewport()):
            if other.isVisible() and not other.isAncestorOf(card.fix_button):  # support_who is left out on a short window
                assert not button.intersects(QRect(other.mapTo(window, QPoint(0, 0)), other.size())), other
        # on a taller screen (or the window made taller) everything is back in the card, as the verdict pictures show it
        window.resize(920, 900)
        QApplication.processEvents()
        assert card.isAncestorOf(card.fix_button) and not page.short_strip.isVisible()
        window.threads.stop_all(3000)
    finally:
        i18n.set_language("en")


def test_a_text_size_changed_while_the_window_is_open_applies_at_once(qtbot, monkeypatch, fake_state):
    # the style sheet's sizes were worked out once, at start: after "Make text bigger" (150 %) with the window open, Qt's
    # own texts grew while the headline stayed at 16 pt and the verdict's sentences at 11 pt until a restart
    from selfcheck import app as app_mod
    from selfcheck.gui import application, gcguard, theme

    monkeypatch.setattr(QScreen, "availableGeometry", lambda self: QRect(0, 0, 1920, 1040))
    monkeypatch.setattr(theme, "default_points", lambda *a, **k: 9.0)  # Windows' message font at 100 %
    monkeypatch.setattr(application.ErrorReporter, "install", lambda self: None)
    monkeypatch.setattr(gcguard, "install", lambda parent=None: None)
    monkeypatch.setattr(app_mod, "start", lambda *a, **k: App(fakechecks.config(), fakechecks.registry(fakechecks.FailCheck), None))
    applied: list[object] = []
    apply = theme.apply
    monkeypatch.setattr(theme, "apply", lambda *a, **k: (applied.append(a), apply(*a, **k)))
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    old = app.font()
    usual, bigger = QFont(old), QFont(old)
    usual.setPointSizeF(9.0)  # Windows at 100 %
    bigger.setPointSizeF(13.5)  # what Windows gives Qt when the customer sets "Make text bigger" to 150 %
    app.setFont(usual)
    started = application.start([], "en")  # the window as the program opens it
    assert started is not None
    try:
        window = started.window
        qtbot.addWidget(window)
        fake_state["broken"] = True
        run_scan(qtbot, window)
        card = window.results_page.headline_card
        assert card is not None and card.action_text is not None
        headline, body, title = card.headline, card.action_text, window.start_page.title
        assert (headline.font().pointSizeF(), body.font().pointSizeF()) == (16, 11)  # today's sizes at 100 %
        applied.clear()

        app.setFont(bigger)
        qtbot.waitUntil(lambda: headline.font().pointSizeF() == 24, timeout=5000)
        assert body.font().pointSizeF() == 16.5 and title.font().pointSizeF() == 30
        qtbot.wait(300)  # applying the theme sends a palette change of its own: it finds nothing more to do
        assert len(applied) == 1, applied

        app.setFont(usual)  # back to 100 %: today's sizes again, still without a restart
        qtbot.waitUntil(lambda: headline.font().pointSizeF() == 16, timeout=5000)
        assert body.font().pointSizeF() == 11 and title.font().pointSizeF() == 20
        qtbot.wait(300)
        assert len(applied) == 2, applied
    finally:
        app.setFont(old)
        apply(app, None)
        started.links.close()
        started.instance.server.close()
        started.window.threads.stop_all(3000)
