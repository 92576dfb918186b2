"""A scrolling part of the window says that it goes on below while something it shows is out of sight there.

Small-screen review (s33): two lay readers (67, en and fr) shown the customer's path on a 1366x768 laptop at 150 % (a
911x512 screen) never scrolled: the verdict's step 3 was cut mid-sentence, the very one saying photos are kept ("I
didn't know I could scroll that little box"; « Je n'ai pas pensé qu'on pouvait faire descendre ce cadre »), and the send
dialog's "What changed recently?" was cut in half ("I wouldn't have known to scroll down").
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QScreen
from PySide6.QtWidgets import QApplication, QScrollArea, QWidget

from selfcheck import i18n, plainwords
from selfcheck.gui.widgets import MoreBelow

from .conftest import run_scan
from .test_big_text import first_window, verdict_faults

WORDS = {"en": "See the rest of this page ↓", "fr": "Voir la suite, plus bas ↓"}


@pytest.fixture
def screen(monkeypatch: pytest.MonkeyPatch):
    def use(free: QRect) -> None:
        monkeypatch.setattr(QScreen, "availableGeometry", lambda self: QRect(free))

    return use


@pytest.fixture(params=["en", "fr"])
def lang(request: pytest.FixtureRequest):
    i18n.set_language(request.param)
    yield request.param
    i18n.set_language("en")


def cue_of(area: QScrollArea) -> MoreBelow:
    cue = area.findChild(MoreBelow)
    assert cue is not None
    return cue


def settle() -> None:
    for _ in range(3):
        QApplication.processEvents()


def in_view(widget: QWidget, area: QScrollArea) -> bool:
    """Wholly inside the part of ``area`` one sees, and not under the cue's fade."""
    view = area.viewport()
    top = widget.mapTo(view, QPoint(0, 0)).y()
    cue = cue_of(area)
    bottom = view.height() - (cue.height() if cue.isVisible() else 0)
    return widget.isVisible() and top >= 0 and top + widget.height() <= bottom


def cue_shown(area: QScrollArea, lang: str) -> bool:
    cue = cue_of(area)
    button = cue.button
    if not (cue.isVisible() and button is not None and button.isVisible()):
        return False
    assert button.text() == WORDS[lang]
    assert button.accessibleName() == WORDS[lang].rstrip(" ↓")  # named for a screen reader, without the arrow
    assert button.accessibleDescription() and button.focusPolicy() & Qt.FocusPolicy.TabFocus  # reached with Tab
    for words in (button.text(), button.accessibleDescription()):
        assert not plainwords.problems(words), words
    # at the bottom edge of what scrolls, over it (it does not scroll away with the page)
    view = QRect(area.viewport().mapTo(area, QPoint(0, 0)), area.viewport().size())
    assert view.contains(button.geometry()) and button.geometry().bottom() >= view.bottom() - button.height()
    return True


def scroll_to_end(area: QScrollArea) -> None:
    area.verticalScrollBar().setValue(area.verticalScrollBar().maximum())
    settle()


# On a 911x512 screen the cue is gone (small-screen review, round 2: it was not seen, and it hid what it announced): the
# pages give the hidden content room instead, see test_small_room.py.


def test_at_the_usual_size_the_verdict_with_all_its_steps_in_view_shows_no_cue(qtbot, screen):
    screen(QRect(0, 0, 1920, 1040))
    window = first_window(qtbot, *verdict_faults()["computer-full"])
    assert (window.width(), window.height()) == (900, 740)
    run_scan(qtbot, window)
    settle()
    qtbot.wait(50)
    page = window.results_page
    card = page.headline_card
    assert card is not None and card.steps
    steps = [s for s in [card.action_text, *card.steps] if s is not None and s.isVisible()]
    assert len(steps) >= 3
    for step in steps:
        assert in_view(step, page.area), step.text()
    # everything fits: the page does not scroll at all (it scrolled over empty room under its last line, with a scroll bar)
    assert page.area.verticalScrollBar().maximum() == 0
    assert not cue_of(page.area).isVisible()
    assert cue_of(page.area).button is None or not cue_of(page.area).button.isVisible()
    window.threads.stop_all(3000)
