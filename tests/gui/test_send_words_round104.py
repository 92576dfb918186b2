"""Send round 104 (issue 21, one new lay reader of 67 per language, the send, request and repair pictures of 0ab71ffe):
what they still quoted on the repair offer, on the full Windows computer of the pictures (recorded facts,
tests/fixtures/checks): the fold's second way ("I don't know what files a program 'leaves behind'", « faire le ménage dans
les fichiers laissés par les programmes, je ne vois pas ce que c'est ») and the check-again button ("Check my computer
again once you have made room": "Do I have to press that myself?")."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtGui import QScreen
from PySide6.QtWidgets import QApplication, QLabel

from selfcheck import i18n

from .test_send_words_round103 import MAKE_ROOM_SAYS, MORE_ROOM, full_windows_computer


@pytest.fixture(params=["en", "fr"])
def lang(request: pytest.FixtureRequest):
    yield request.param
    i18n.set_language("en")


CLEAR = {
    "en": "Let this program make more room by itself",
    "fr": "Laisser ce programme faire de la place tout seul",
}


def test_the_fold_s_second_way_says_what_the_files_are_in_lay_words_as_its_button_does(qtbot, lang):
    """Send round 104 (en, fr): "Other ways to make room: remove programs you no longer use, or clear away files programs
    left behind": "I don't know what files a program 'leaves behind'", « je ne vois pas ce que c'est »: the second way says
    what the button clears (files programs kept for themselves and no longer use), and the button in the fold, and the
    line beside it that says what it deletes, use the same words."""
    window = full_windows_computer(qtbot, lang)
    card = window.results_page.headline_card
    assert card is not None and card.more_expander is not None and len(card.repair_buttons) == 1
    closed = card.more_expander.text()
    assert closed == MORE_ROOM[lang]  # send rounds 109-111: the ways are named inside, one click later
    assert "left behind" not in closed and "laissés" not in closed
    card.more_expander.click()
    button = card.repair_buttons[0]
    assert button.isVisible() and button.text() == CLEAR[lang]
    # the line beside it, that says what it deletes, quotes it
    quoted = MAKE_ROOM_SAYS[lang]
    said = [words.text() for words in card.more_expander.target.findChildren(QLabel) if words.isVisible()]
    assert any(quoted in words for words in said), said
    window.threads.stop_all(3000)


def test_the_full_computer_s_check_again_button_says_it_is_for_room_made_another_way(qtbot, lang):
    """Send round 104 (en): "Check my computer again once you have made room": "Do I have to press that myself?" (the blue
    button's repair checks again by itself, as repair-done says): the button says when the customer presses it, having made
    room another way than the blue button."""
    window = full_windows_computer(qtbot, lang)
    card = window.results_page.headline_card
    assert card is not None and card.again_button is not None
    words = {
        "en": "After making room: check my computer again",
        "fr": "Après avoir fait de la place\u00a0: revérifier",
    }[lang]
    assert card.again_button.text() == words and card.again_button.accessibleName() == words
    window.threads.stop_all(3000)


def test_the_check_again_button_stays_on_the_blue_button_s_row_at_1366x768_and_14pt_in_french(qtbot, monkeypatch):
    """The longer French label must not push the row of buttons under the short window's steps onto a second line at
    1366x768 (150 %) with 14 pt text (tests/gui/test_big_text.py: the first step and the button in sight)."""
    from selfcheck.gui import theme

    from .conftest import run_scan
    from .test_big_text import first_window, recorded

    monkeypatch.setattr(QScreen, "availableGeometry", lambda self: QRect(0, 0, 911, 512))
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    usual = app.font()
    bigger = app.font()
    bigger.setPointSize(14)
    app.setFont(bigger)
    i18n.set_language("fr")
    try:
        from selfcheck.checks.hardware_disk import DiskCheck

        window = first_window(qtbot, recorded(DiskCheck, "windows_c_full"))
        window.retranslate()
        run_scan(qtbot, window)
        QApplication.processEvents()
        page = window.results_page
        card = page.headline_card
        assert card is not None and page.short and card.fix_button is not None and card.again_button is not None
        assert card.again_button.text() == "Après avoir fait de la place\u00a0: revérifier"
        for button in (card.fix_button, card.again_button):
            inside = QRect(button.mapTo(window, QPoint(0, 0)), button.size())
            assert button.isVisible() and window.rect().contains(inside), (button.text(), inside, window.rect())
            assert button.width() >= button.sizeHint().width(), button.text()  # not cut
        # one row, as with « Revérifier, une fois la place faite » (« Vous avez fait de la place autrement ? Revérifier »
        # took a second row): the steps above keep their room
        assert card.fix_button.mapTo(window, QPoint(0, 0)).y() == card.again_button.mapTo(window, QPoint(0, 0)).y()
        window.threads.stop_all(3000)
    finally:
        i18n.set_language("en")
        app.setFont(usual)
        theme.apply(app, None)
