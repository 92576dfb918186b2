"""The window with the keyboard only, and what a screen reader says (keyboard and screen-reader review, s33)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from selfcheck.gui.mainwindow import MainWindow
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
