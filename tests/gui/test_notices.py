"""Broken plugins and broken config: a calm notice, never a traceback; uncaught errors are logged and explained."""

from __future__ import annotations

import sys
import threading

from PySide6.QtWidgets import QApplication, QMessageBox

from selfcheck import app as app_mod
from selfcheck.gui.mainwindow import MainWindow


def test_broken_plugin_shows_a_calm_notice(qtbot, tmp_path):
    folder = tmp_path / "company-checks"
    folder.mkdir()
    (folder / "broken.py").write_text("import this_module_does_not_exist\n")
    config = tmp_path / "config.toml"
    config.write_text(f"[checks]\nfolders = [{str(folder)!r}]\n")
    window = MainWindow(app_mod.start([config], "en"))
    qtbot.addWidget(window)
    window.show()
    assert window.notice.isVisible()
    assert window.notice.text.text() == "A check added by your company could not be loaded. The other checks work normally."
    assert "broken.py" in window.notice.detail_text
    assert "Traceback" not in window.notice.text.text()


def test_broken_config_shows_a_calm_notice(qtbot, tmp_path):
    config = tmp_path / "config.toml"
    config.write_text("[branding\nproduct_name = 'x'\n")
    window = MainWindow(app_mod.start([config], "en"))
    qtbot.addWidget(window)
    window.show()
    assert window.notice.isVisible()
    assert "Some settings could not be read" in window.notice.text.text()
    assert "config.toml" in window.notice.detail_text
    window.notice.close_button.click()
    assert not window.notice.isVisible()


def _message_boxes():
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]


def test_uncaught_exceptions_are_logged_and_explained(qtbot, monkeypatch):
    from selfcheck import logsetup
    from selfcheck.gui.application import ErrorReporter

    log_path = logsetup.setup()
    reporter = ErrorReporter()
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    reporter.install()
    try:
        raise ValueError("a bug in the window")
    except ValueError:
        sys.excepthook(*sys.exc_info())
    qtbot.waitUntil(lambda: bool(_message_boxes()), timeout=5000)
    box = _message_boxes()[0]
    assert box.text() == "Something went wrong in this program."
    assert str(logsetup.log_file()) in box.informativeText()
    assert "ValueError: a bug in the window" in log_path.read_text()
    box.close()
    thread = threading.Thread(target=lambda: 1 / 0, name="worker-bug")
    thread.start()
    thread.join()
    assert reporter.count == 2
    assert "ZeroDivisionError" in log_path.read_text()
