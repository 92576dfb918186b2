"""The window with the keyboard only, and what a screen reader says (keyboard and screen-reader review, s33)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QPushButton

from selfcheck import i18n
from selfcheck.api import Fix
from selfcheck.gui.mainwindow import MainWindow
from selfcheck.gui.repair_dialog import RepairDialog
from selfcheck.gui.support_dialog import SupportDialog

from . import fakechecks
from .conftest import run_scan


def press(key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    QTest.keyClick(QApplication.focusWidget(), key, modifier)


def test_tab_on_the_start_page_follows_the_reading_order_and_reaches_the_chosen_problem(qtbot, make_window):
    # s33: Tab from "Check my computer" went to "The internet doesn't work" (not the chosen "I'm not sure", so a screen
    # reader said "not checked"), the choices came after the button they are read before, and Shift+Tab from the
    # button never reached them
    window = make_window(fakechecks.PassCheck)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    page = window.start_page
    chosen = page.symptom_buttons[None]
    assert QApplication.focusWidget() is page.start_button
    press(Qt.Key.Key_Backtab)
    assert QApplication.focusWidget() is chosen  # just before the button: the choice it starts
    press(Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is page.start_button
    press(Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is window.language_box  # the header, read first
    press(Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is chosen
    # the arrows choose a problem; Tab then goes to the button and Return starts the check for that problem
    press(Qt.Key.Key_Down)
    internet = list(page.symptom_buttons.values())[1]
    assert QApplication.focusWidget() is internet and internet.isChecked()
    press(Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is page.start_button
    press(Qt.Key.Key_Backtab)
    assert QApplication.focusWidget() is internet  # back to the chosen one, not the first
    press(Qt.Key.Key_Tab)
    with qtbot.waitSignal(window.scan_shown, timeout=20000):
        press(Qt.Key.Key_Return)
    assert window.stack.currentIndex() == MainWindow.RESULTS
    assert window.scan.symptom == page.symptom_ids()[0]


def accessible_name(widget) -> str:
    return QAccessible.queryAccessibleInterface(widget).text(QAccessible.Text.Name)


def test_a_screen_reader_reads_what_is_being_checked_not_a_fixed_name(qtbot, make_window, fake_state):
    # s33: the "Now checking: …" line was read "Now checking" (its fixed accessible name) whatever was checked, and the
    # "Checking again…" line beside the buttons was read "Progress"
    fake_state["hang_seconds"] = 1.0
    window = make_window(fakechecks.PassCheck, fakechecks.HangCheck)
    window.start_scan(None)
    line = window.scan_page.now_checking
    qtbot.waitUntil(lambda: line.text() == "Now checking: Fake hanging check", timeout=5000)
    assert accessible_name(line) == "Now checking: Fake hanging check"
    qtbot.waitUntil(lambda: window.stack.currentIndex() == MainWindow.RESULTS, timeout=10000)
    page = window.results_page
    page.set_busy("Checking again…")
    assert accessible_name(page.busy_label) == "Checking again…"


def test_escape_on_contact_support_keeps_what_was_typed_for_the_next_time(qtbot, make_window):
    # s33: Escape pressed by mistake after typing the description closed "Contact support", and it opened again empty
    window = make_window(fakechecks.FailCheck)
    run_scan(qtbot, window)
    dialog = window.contact_support()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.what)  # the first thing to fill in
    QTest.keyClicks(dialog.what, "My e-mail stopped arriving this morning.")
    press(Qt.Key.Key_Tab)
    press(Qt.Key.Key_Down)  # "Since when?"
    since = dialog.since.currentText()
    press(Qt.Key.Key_Tab)
    QTest.keyClicks(dialog.changed, "a new router")
    press(Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    again = window.contact_support()
    assert again is not dialog
    assert again.what.toPlainText() == "My e-mail stopped arriving this morning."
    assert again.since.currentText() == since and again.changed.text() == "a new router"


def test_return_in_the_contact_boxes_goes_on_to_what_will_be_sent(qtbot, make_window):
    # s33: Return after typing the e-mail address pressed "Cancel" (Qt's default, the blue button's being lost) and closed
    # the dialog
    window = make_window(fakechecks.FailCheck)
    run_scan(qtbot, window)
    dialog = window.contact_support()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.what)
    assert dialog.next_button.isDefault()
    dialog.email.setFocus()
    QTest.keyClicks(dialog.email, "ann@example.org")
    press(Qt.Key.Key_Return)
    assert dialog.isVisible()
    qtbot.waitUntil(lambda: dialog.stack.currentIndex() == SupportDialog.REVIEW, timeout=10000)
    assert QApplication.focusWidget() is dialog.send_button  # and Return there sends


@pytest.fixture
def trash_with_a_file(tmp_path, monkeypatch):
    """This person's trash (XDG_DATA_HOME) holds one file; the repair's count looks there, never at the real one."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "share"))
    files = tmp_path / "share" / "Trash" / "files"
    files.mkdir(parents=True)
    (files.parent / "info").mkdir()
    (files / "photo.jpg").write_bytes(b"\0" * 1000)
    return files


def opened_verdict(qtbot, make_window, fake_state, fix):
    fake_state["broken"] = True
    fake_state["fix"] = fix
    window = make_window(fakechecks.FailCheck)
    window.activateWindow()
    run_scan(qtbot, window)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    return window


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_enter_on_the_opened_offer_to_empty_the_trash_does_not_empty_it(qtbot, make_window, fake_state, trash_with_a_file, lang, monkeypatch):
    # small-screen rounds 2-3 (both readers): the focused "Empty the Recycle Bin" read as "already chosen", « si j'appuie sur
    # Entrée par réflexe, je vide tout »: what cannot be undone is neither focused nor what Enter does as a window opens
    i18n.set_language(lang)
    try:
        window = opened_verdict(qtbot, make_window, fake_state, fakechecks.fix_empty_trash())
        card = window.results_page.headline_card
        assert card.fix_button is not None and card.fix_button.text() == "Empty the recycle bin"
        assert QApplication.focusWidget() is not card.fix_button
        assert not any(b.hasFocus() for b in window.findChildren(QPushButton) if b.isVisible())  # no button looks chosen
        # a screen reader names where the keyboard is
        assert accessible_name(QApplication.focusWidget()) == {"en": "What this program found", "fr": "Ce que ce programme a trouvé"}[lang]
        press(Qt.Key.Key_Return)
        qtbot.wait(50)
        assert window.findChild(RepairDialog) is None
        # the person chooses it with the keyboard: Tab reaches it, Enter opens the question, whose Cancel Enter presses
        for _tab in range(10):
            if QApplication.focusWidget() is card.fix_button:
                break
            press(Qt.Key.Key_Tab)
        assert QApplication.focusWidget() is card.fix_button
        press(Qt.Key.Key_Return)
        dialog = window.findChild(RepairDialog)
        assert dialog is not None and dialog.isVisible()
        qtbot.waitUntil(lambda: dialog.ready, timeout=10000)
        # small-screen round 13 ("'Do nothing' has a dark outline around it … Is it already chosen?"): the frame and Enter are on
        # looking in the trash first, which deletes nothing; Escape leaves
        look = dialog.look_button
        assert dialog.go_button.isEnabled() and not dialog.go_button.isDefault() and look is not None and look.isDefault()
        assert QApplication.focusWidget() is look
        opened = []
        monkeypatch.setattr("selfcheck.gui.repair_dialog.open_trash", lambda: opened.append(True))
        press(Qt.Key.Key_Return)
        assert opened == [True] and dialog.isVisible() and (trash_with_a_file / "photo.jpg").exists()
        press(Qt.Key.Key_Escape)
        qtbot.waitUntil(lambda: not dialog.isVisible())
        assert dialog.report is None and (trash_with_a_file / "photo.jpg").exists()
    finally:
        i18n.set_language("en")


def test_enter_on_a_verdict_whose_main_button_changes_nothing_for_good_presses_it(qtbot, make_window, fake_state):
    # "Check my computer again" has the focus as the verdict opens, and Enter presses it (only Space did)
    window = opened_verdict(qtbot, make_window, fake_state, None)
    card = window.results_page.headline_card
    assert card.fix_button is None and QApplication.focusWidget() is card.again_button
    with qtbot.waitSignal(window.scan_shown, timeout=20000):
        press(Qt.Key.Key_Return)
    assert fakechecks.CALLS["fake.fail"] == 2  # checked again


def test_enter_on_an_offer_that_can_be_undone_opens_its_question_whose_blue_button_enter_presses(qtbot, make_window, fake_state, monkeypatch):
    # turning the sound back on can be undone: its button keeps the focus and Enter, in the window and in the question
    started = []
    monkeypatch.setattr(RepairDialog, "start", lambda self: started.append(self.repair_id))  # nothing is run here
    window = opened_verdict(qtbot, make_window, fake_state, Fix("unmute_output", "Turn the sound on", arg="speakers"))
    card = window.results_page.headline_card
    assert QApplication.focusWidget() is card.fix_button
    press(Qt.Key.Key_Return)
    dialog = window.findChild(RepairDialog)
    assert dialog is not None and dialog.repair_id == "sound.unmute"
    qtbot.waitUntil(lambda: dialog.ready, timeout=10000)
    if not dialog.go_button.isVisible():
        pytest.skip(f"this computer cannot turn the sound on: {dialog.status_label.text()}")
    assert dialog.go_button.isDefault() and QApplication.focusWidget() is dialog.go_button
    press(Qt.Key.Key_Return)
    assert started == ["sound.unmute"]


def tabbing_from(widget, presses: int) -> list:
    widget.setFocus()
    reached = [QApplication.focusWidget()]
    for _press in range(presses):
        press(Qt.Key.Key_Tab)
        reached.append(QApplication.focusWidget())
    return reached


def test_tab_from_the_verdicts_main_button_reaches_every_action_before_the_language_box(qtbot, make_window, fake_state, trash_with_a_file):
    # review: the results, made again for each verdict, came after the language box in Qt's order: Tab from the main
    # button went to the language box before "Back to the starting page" and "Contact support"
    window = opened_verdict(qtbot, make_window, fake_state, fakechecks.fix_empty_trash())
    page = window.results_page
    card = page.headline_card
    expected = [card.fix_button, card.again_button, page.everything_expander, page.back_button, page.support_button, window.language_box, page.area]
    assert tabbing_from(card.fix_button, 6) == expected
    press(Qt.Key.Key_Backtab)
    assert QApplication.focusWidget() is window.language_box  # Shift+Tab goes back the same way
    press(Qt.Key.Key_Backtab)
    assert QApplication.focusWidget() is page.support_button
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab, Qt.KeyboardModifier.ShiftModifier)
    assert QApplication.focusWidget() is page.back_button
    # a card opened later (its buttons made then) is still gone through before the page's buttons
    page.everything_expander.click()
    own = page.cards["fake.fail"]
    own.expander.click()
    qtbot.waitUntil(lambda: own.fix_button is not None and own.fix_button.isVisible())
    reached = tabbing_from(own.expander, 12)
    assert own.fix_button in reached
    assert reached.index(own.fix_button) < reached.index(page.back_button) < reached.index(window.language_box)
    # review (stop 34): "More below ↓", shown while the page goes on below the window, is in the chain too, between the
    # results and the page's own buttons (a child of the scroll area, it was left out: Shift+Tab from "Back" skipped it)
    page.area.verticalScrollBar().setValue(0)
    more = page.more_below
    qtbot.waitUntil(lambda: more.button is not None and more.button.isVisible())
    page.back_button.setFocus()
    press(Qt.Key.Key_Backtab)
    assert QApplication.focusWidget() is more.button
    # on a short window (150 % on a laptop) the main buttons wait under what scrolls: Tab still goes from them to the rest
    window.resize(900, 450)
    qtbot.waitUntil(lambda: page.short)
    reached = tabbing_from(card.fix_button, 12)
    assert reached[1] is card.again_button
    assert reached.index(page.support_button) < reached.index(window.language_box)

    # back on the first page, Tab from "Check my computer" still reaches the language box, then the choices
    window.go_start()
    start = window.start_page
    assert tabbing_from(start.start_button, 2) == [start.start_button, window.language_box, start.symptom_buttons[None]]


def test_a_screen_reader_names_the_progress_bar_and_the_results_in_the_window_s_language(qtbot, make_window):
    # review: the progress bar and the results area had no name (read as "progress bar, 40 %" and "scroll area")
    window = make_window(fakechecks.PassCheck)
    names = {
        "en": ("How much of the check is done", "What this program found"),
        "fr": ("Où en est la vérification", "Ce que ce programme a trouvé"),
    }
    try:
        for lang in ("en", "fr"):
            window.set_language(lang)
            assert (accessible_name(window.scan_page.progress), accessible_name(window.results_page.area)) == names[lang]
    finally:
        window.set_language("en")
