"""On a short window the hidden content gets room, and the "More below ↓" cue covers nothing.

Small-screen review (s33, docs/usability/small-screen-2026-12-06, round 2): on a 1366x768 laptop at 150 % (a 911x512
screen) two new lay readers still missed what was below: "I didn't see the 'More below ↓' button, or I'd think it was
an ad", "I wouldn't scroll"; the cue sat over the very line it announced (« le bouton « Suite plus bas ↓ » est posé
dessus »), and the "Support here means …" sentence, said again on every screen, took two lines of a short window ("I
started skipping it"; « à force, ça fait beaucoup de texte à lire »).
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtGui import QScreen
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QLineEdit, QScrollArea, QWidget

from selfcheck import i18n
from selfcheck.gui.widgets import MoreBelow

from .conftest import run_scan
from .test_big_text import first_window, verdict_faults


@pytest.fixture
def small_screen(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(QScreen, "availableGeometry", lambda self: QRect(0, 0, 911, 512))


@pytest.fixture(params=["en", "fr"])
def lang(request: pytest.FixtureRequest):
    i18n.set_language(request.param)
    yield request.param
    i18n.set_language("en")


def settle(qtbot) -> None:
    for _ in range(3):
        QApplication.processEvents()
    qtbot.wait(30)


def seen(widget: QWidget, area: QScrollArea, whole: bool = True) -> bool:
    """Shown in the part of ``area`` one sees without scrolling (whole, or at least its first line)."""
    view = area.viewport()
    top = widget.mapTo(view, QPoint(0, 0)).y()
    need = widget.height() if whole else widget.fontMetrics().lineSpacing()
    return widget.isVisible() and top >= 0 and top + need <= view.height()


def cue_covers_nothing(area: QScrollArea) -> None:
    """The cue, if shown, is not over any label, box or button of what scrolls."""
    cue = area.findChild(MoreBelow)
    shown = [w for w in (cue, cue.button if cue is not None else None) if w is not None and w.isVisible() and w.height() > 0]
    content = area.widget()
    view = area.viewport()
    for over in shown:
        box = QRect(over.mapTo(view, QPoint(0, 0)), over.size()).intersected(view.rect())
        if box.isEmpty():
            continue
        for widget in content.findChildren(QWidget):
            if not widget.isVisible() or not isinstance(widget, (QLabel, QLineEdit, QAbstractButton)):
                continue
            mine = QRect(widget.mapTo(view, QPoint(0, 0)), widget.size()).intersected(view.rect())
            assert not mine.intersects(box), (getattr(widget, "text", lambda: "")(), mine, box)


def test_the_full_disk_verdict_shows_its_steps_on_a_small_screen(qtbot, small_screen, lang):
    window = first_window(qtbot, *verdict_faults()["computer-full"])
    window.retranslate()
    run_scan(qtbot, window)
    settle(qtbot)
    page = window.results_page
    card = page.headline_card
    assert card is not None and page.short
    steps = [s for s in [card.action_text, *card.steps] if s is not None and s.isVisible()]
    assert len(steps) >= 3
    for step in steps[:-1]:
        assert seen(step, page.area), step.text()
    # step 3, "Keep your photos and videos, …", the one that says nothing is removed: whole in English, its first lines in French
    assert seen(steps[-1], page.area, whole=False), steps[-1].text()
    assert not page.support_who.isVisible()  # said again in the send dialog itself
    cue_covers_nothing(page.area)
    window.threads.stop_all(3000)


def test_the_send_dialog_shows_what_changed_recently_on_a_small_screen(qtbot, small_screen, lang):
    window = first_window(qtbot, *verdict_faults()["computer-full"])
    run_scan(qtbot, window)
    dialog = window.contact_support()
    assert dialog is not None
    qtbot.waitExposed(dialog)
    settle(qtbot)
    area = dialog.describe_scroll
    form = dialog.changed.parentWidget().layout()
    question = next(w for w in dialog.findChildren(QLabel) if w.text() == i18n._("What changed recently?"))
    assert seen(question, area) and seen(dialog.changed, area)
    cue_covers_nothing(area)
    assert form is not None
    dialog.reject()
    window.threads.stop_all(3000)


def test_the_start_page_shows_three_choices_on_a_small_screen(qtbot, small_screen, lang):
    window = first_window(qtbot, *verdict_faults()["computer-full"])
    settle(qtbot)
    page = window.start_page
    shown = [b for b in page.symptom_buttons.values() if seen(b, page.area)]
    assert len(shown) >= 3, [b.text() for b in shown]
    assert not page.subtitle.isVisible()
    cue_covers_nothing(page.area)
    window.threads.stop_all(3000)
