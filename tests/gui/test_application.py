"""Single instance, Qt translations, remembered geometry."""

from __future__ import annotations

from selfcheck.gui import application

from . import fakechecks


def test_a_second_launch_reaches_the_first(qtbot):
    key = application.instance_key() + "-test"
    first = application.SingleInstance(key)
    try:
        with qtbot.waitSignal(first.message, timeout=5000) as blocker:
            assert application.ask_running_instance("open /tmp/bundle.zip", key)
        assert blocker.args == ["open /tmp/bundle.zip"]
    finally:
        first.server.close()
    assert not application.ask_running_instance("activate", key, timeout_ms=200)


def test_window_geometry_is_remembered(qtbot, make_window):
    window = make_window(fakechecks.PassCheck)
    window.resize(700, 560)
    window.move(40, 30)
    window.close()
    again = make_window(fakechecks.PassCheck)
    again.restore_geometry()
    assert (again.width(), again.height()) == (700, 560)


def test_keyboard_only_start(qtbot, make_window):
    from PySide6.QtCore import Qt

    window = make_window(fakechecks.PassCheck)
    window.activateWindow()
    window.start_page.start_button.setFocus()
    with qtbot.waitSignal(window.scan_shown, timeout=10000):
        qtbot.keyClick(window.start_page.start_button, Qt.Key.Key_Space)
    card = window.results_page.cards["fake.pass"]
    qtbot.keyClick(card.expander, Qt.Key.Key_Space)
    assert card.details.isVisibleTo(card)
    assert card.again_button.accessibleName() == "Check “Fake passing check” again"
    assert window.results_page.headline_card.accessibleName() == "Verdict"
