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
    assert card.again_button is None  # one way to check again: the page's button when all is well
    assert not window.results_page.rescan_button.isHidden() and window.results_page.rescan_button.text() == "Check my computer again"
    assert window.results_page.headline_card.accessibleName() == "Verdict"


def test_branding_from_config(qtbot, make_window, tmp_path):
    from PySide6.QtGui import QColor, QImage

    logo = tmp_path / "logo.png"
    image = QImage(64, 64, QImage.Format.Format_ARGB32)
    image.fill(QColor("#e11d48"))
    image.save(str(logo))
    config = fakechecks.config(branding={"product_name": "Acme Help", "accent_color": "#e11d48", "logo": str(logo)})
    window = make_window(fakechecks.PassCheck, config=config)
    assert window.windowTitle() == "Acme Help"
    assert window.product_label.text() == "Acme Help"
    assert window.start_page.subtitle.text().startswith("Acme Help looks for common problems")
    from selfcheck.gui import theme

    assert theme.accent_color("#e11d48").name() == "#e11d48"
    assert theme.accent_color("not a colour").name() == theme.DEFAULT_ACCENT
    assert "#e11d48" in theme.stylesheet(theme.accent_color("#e11d48"), dark=False)


def test_an_ampersand_in_the_company_s_names_is_shown_as_written(qtbot, make_window):
    """Buttons and menus read "&" as a keyboard shortcut's mark: the Help menu said "About ATT Check", the company's
    own problem "Printing & scanning" read "Printing  scanning" (and Alt+Space chose it), the e-mail link "Procter  Gamble"."""
    from PySide6.QtGui import QAction

    from .conftest import run_scan

    def shown(text: str) -> str:  # what Qt draws for a button's or a menu's text
        return QAction(text).iconText()

    config = fakechecks.config(
        branding={"product_name": "AT&T Check", "company": "Procter & Gamble Help", "support_email": "help@pg.example"},
        symptoms={"printing": {"title": {"en": "Printing & scanning", "fr": "Impression & numérisation"}}},
    )
    window = make_window(fakechecks.PassCheck, config=config)
    assert shown(window.about_action.text()) == "About AT&T Check"
    printing = window.start_page.symptom_buttons["printing"]
    assert shown(printing.text()) == "Printing & scanning" and printing.shortcut().isEmpty()
    assert printing.accessibleName() == "Printing & scanning"
    run_scan(qtbot, window)
    dialog = window.contact_support()
    dialog.show_outcome("sent", "Sent. Thank you!", dialog.after_sending_text(), "K7H-94W-XCM")
    # the e-mail link is support's address in the end screen's words (send rounds 96-97), where the company is named as written
    from .conftest import label_words

    words = label_words(dialog.done_text)
    assert "Procter & Gamble Help received your message" in words and "Procter  Gamble" not in words, words
    assert '<a href="mailto:help@pg.example?' in dialog.done_text.text()
    dialog.reject()


def test_about_box_and_privacy_notice(qtbot, make_window, monkeypatch):
    import dataclasses

    from selfcheck import __version__, buildinfo

    window = make_window(fakechecks.PassCheck)
    box = window.show_about()
    assert f"Version {__version__}" in box.text()
    assert "Built on" not in box.text()  # a source install has no build date
    assert "Privacy notice" in box.text()
    box.close()
    built = dataclasses.replace(buildinfo.get(), build_date="2026-11-20T09:30:00Z")
    monkeypatch.setattr(buildinfo, "get", lambda: built)
    box = window.show_about()
    assert "Built on 20 November 2026" in box.text()
    box.close()
    from PySide6.QtWidgets import QTextBrowser

    from selfcheck import buildinfo

    notice = window.show_privacy()  # no privacy_url configured: the notice shipped with selfcheck
    if buildinfo.privacy_notice_file() is not None:
        assert notice is None
        browser = window.privacy_dialog.findChild(QTextBrowser)
        assert "What is sent" in browser.toPlainText()
        window.privacy_dialog.close()
    else:
        assert "you see every file before it is sent" in notice.informativeText()
        notice.close()


def test_dropping_a_bundle_opens_it(qtbot, make_window, tmp_path):
    import json

    from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
    from PySide6.QtGui import QDropEvent

    from .conftest import run_scan

    window = make_window(fakechecks.PassCheck)
    scan = run_scan(qtbot, window)
    path = tmp_path / "dropped.json"
    path.write_text(json.dumps({**scan.to_dict(), "facts": scan.facts}))
    window.go_start()
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    event = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    with qtbot.waitSignal(window.scan_shown, timeout=10000):
        window.dropEvent(event)
    assert window.read_only


def test_second_launch_hands_over_to_the_running_window(tmp_path):
    """Two real processes: `selfcheck gui`, then `selfcheck open FILE` returns at once, handing the file over."""
    import os
    import subprocess
    import sys
    import time

    env = {**os.environ, "SELFCHECK_HOME": str(tmp_path / "home"), "QT_QPA_PLATFORM": "offscreen", "SELFCHECK_DISABLE_PLUGIN_AUTOLOAD": "1"}
    config = tmp_path / "c.toml"
    config.write_text('[checks]\ndisabled = ["*"]\n')
    missing = subprocess.run([sys.executable, "-m", "selfcheck", "open", str(tmp_path / "nope.zip")], env=env, capture_output=True, text=True, timeout=60)
    assert missing.returncode == 3 and "nope.zip" in missing.stderr
    first = subprocess.Popen([sys.executable, "-m", "selfcheck", "gui", "--config", str(config)], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        log = tmp_path / "home" / "logs" / "selfcheck.log"  # written once the first window listens for later launches
        deadline = time.monotonic() + 30
        while not log.exists() and time.monotonic() < deadline and first.poll() is None:
            time.sleep(0.1)
        assert first.poll() is None and log.exists(), first.stderr.read().decode() if first.stderr else ""
        bundle = tmp_path / "scan.json"
        bundle.write_text("{}")
        second = subprocess.run([sys.executable, "-m", "selfcheck", "open", str(bundle)], env=env, capture_output=True, text=True, timeout=30)
        assert second.returncode == 0, second.stderr
        assert first.poll() is None  # the first window is still there, now showing the file
        deadline = time.monotonic() + 10
        while f"another launch asked: open {bundle}" not in log.read_text() and time.monotonic() < deadline:
            time.sleep(0.1)
        assert f"another launch asked: open {bundle}" in log.read_text()
    finally:
        first.terminate()
        first.wait(timeout=20)


def test_garbage_is_collected_on_the_gui_thread_only(qtbot):
    import gc
    import threading

    from selfcheck.gui.gcguard import GuiThreadGarbageCollector

    collector = GuiThreadGarbageCollector(interval_ms=10)
    try:
        assert not gc.isenabled()
        where = []

        class Cycle:
            def __del__(self) -> None:
                where.append(threading.current_thread() is threading.main_thread())

        def make_garbage():
            for _ in range(3000):
                a = Cycle()
                a.me = a  # a cycle: only the collector frees it

        worker = threading.Thread(target=make_garbage)
        worker.start()
        worker.join()
        assert where == []  # the worker allocated plenty, but collected nothing
        qtbot.waitUntil(lambda: len(where) >= 1000, timeout=5000)
        assert all(where)
    finally:
        collector.stop()


def test_every_focusable_control_has_a_name_for_screen_readers(qtbot, make_window):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QAbstractButton, QComboBox, QLineEdit, QPlainTextEdit, QWidget

    from .conftest import run_scan

    window = make_window(fakechecks.PassCheck, fakechecks.WarnCheck, fakechecks.FailCheck, fakechecks.DependentCheck, fakechecks.CrashCheck)
    run_scan(qtbot, window)
    for card in window.results_page.cards.values():
        card.expander.setChecked(True)
        card.tech_expander.setChecked(True)
    dialog = window.contact_support()
    unnamed = []
    for root in (window, dialog):
        for w in root.findChildren(QWidget):
            if w.focusPolicy() == Qt.FocusPolicy.NoFocus or not isinstance(w, QAbstractButton | QComboBox | QLineEdit | QPlainTextEdit):
                continue
            text = w.text() if isinstance(w, QAbstractButton | QLineEdit) and not isinstance(w, QLineEdit) else ""
            if not (w.accessibleName() or text):
                unnamed.append(f"{type(w).__name__} {w.objectName()}")
    dialog.close()
    assert unnamed == []
