"""Support's request link reaching the real start-up path (``application.start``) the way each system delivers it.

macOS: a clicked ``selfcheck:`` link never arrives in argv. LaunchServices sends the app an Apple Event
(kAEGetURL), which Qt turns into a ``QFileOpenEvent`` sent to the application, whether the window is
already open or the app is only starting. Windows: ``"…\\selfcheck-gui.exe" "selfcheck://request/CODE/"``,
and a second click while the app runs is a second process that hands the link to the first one.
Nothing else than an offscreen Qt and a relay on loopback is used.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from PySide6.QtCore import QCoreApplication, QUrl
from PySide6.QtGui import QFileOpenEvent
from PySide6.QtWidgets import QApplication, QMessageBox

from selfcheck.gui import application
from selfcheck.gui.support_dialog import SupportDialog
from sendkit import Relay

#: a support address on loopback where nothing listens: even a link wrongly accepted reaches no real network
CLOSED_RELAY = "https://127.0.0.1:9"


def agent_request(relay: Relay, ticket: str) -> str:
    made = subprocess.run(
        [sys.executable, "-m", "selfcheck_intake.server", "request", "--config", str(relay.config), "--ticket", ticket, "--json"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert made.returncode == 0, made.stderr
    return str(json.loads(made.stdout)["url"]).rsplit("/", 1)[1]


def write_config(path, url: str):
    path.write_text(
        f'[checks]\ndisabled = ["*"]\n\n[support]\nkind = "intake"\nurl = "{url}"\nretry_now = 0\nread_timeout = 5\nconnect_timeout = 2\n',
        encoding="utf-8",
    )
    return path


@pytest.fixture
def start_app(qtbot, monkeypatch):
    """``application.start`` as the program runs it, minus what belongs to the test process (crash hooks, gc)."""
    from selfcheck.gui import gcguard

    monkeypatch.setattr(application.ErrorReporter, "install", lambda self: None)
    monkeypatch.setattr(gcguard, "install", lambda parent=None: None)
    made: list[application.Started] = []

    def start(config, **kw):
        started = application.start([str(config)], "en", **kw)
        assert started is not None, "no other window runs in this test's home"
        qtbot.addWidget(started.window)
        made.append(started)
        return started

    yield start
    for started in made:
        started.links.close()
        started.instance.server.close()
        started.window.threads.stop_all(3000)


def click_on_a_mac(link: str) -> None:
    """What Qt's Cocoa plugin does with a kAEGetURL Apple Event when no URL handler takes it (and in Qt
    versions before QCocoaServices::handleUrl): a QFileOpenEvent for the application."""
    QCoreApplication.postEvent(QApplication.instance(), QFileOpenEvent(QUrl(link)))


def click_on_a_mac_with_qt6_url_handlers(link: str) -> None:
    """What Qt 6's Cocoa plugin does first (QCocoaServices::handleUrl): QDesktopServices::openUrl(url),
    which calls the handler the app registered for the scheme; True when one took it."""
    from PySide6.QtGui import QDesktopServices

    assert QDesktopServices.openUrl(QUrl(link))


def refusal(qtbot, window) -> str:
    qtbot.waitUntil(lambda: window.findChild(QMessageBox, "requestRefused") is not None, timeout=20000)
    box = window.findChild(QMessageBox, "requestRefused")
    text = box.text()
    box.close()
    return str(text)


def test_a_mac_link_event_opens_the_request_on_the_open_window(qtbot, tmp_path, start_app):
    relay = Relay(tmp_path / "relay", requests={"agent_token": "t"}).start()
    try:
        code = agent_request(relay, "321")
        started = start_app(write_config(tmp_path / "c.toml", relay.url))
        window = started.window
        with qtbot.waitSignal(window.request_opened, timeout=30000) as opened:
            click_on_a_mac(f"selfcheck://request/{code}")
        dialog = opened.args[0]
        assert isinstance(dialog, SupportDialog)
        assert (
            dialog.request_headline.text()
            == "Support asks you to check this computer and send them the results, for the problem you told them about. Your request number for this problem is 321: give it to them if you call or write to them."
        )
        dialog.close()
    finally:
        relay.stop()


def test_a_mac_link_given_to_qt6s_url_handler_opens_the_request(qtbot, tmp_path, start_app):
    relay = Relay(tmp_path / "relay", requests={"agent_token": "t"}).start()
    try:
        code = agent_request(relay, "432")
        started = start_app(write_config(tmp_path / "c.toml", relay.url))
        with qtbot.waitSignal(started.window.request_opened, timeout=30000) as opened:
            click_on_a_mac_with_qt6_url_handlers(f"selfcheck://request/{code}")
        assert "Your request number for this problem is 432:" in opened.args[0].request_headline.text()
        opened.args[0].close()
        click_on_a_mac_with_qt6_url_handlers("selfcheck://evil.example/x")
        assert "not a valid support request" in refusal(qtbot, started.window)
    finally:
        relay.stop()


def test_a_mac_cold_start_link_event_is_kept_until_the_window_is_ready(qtbot, tmp_path, start_app):
    relay = Relay(tmp_path / "relay", requests={"agent_token": "t"}).start()
    try:
        code = agent_request(relay, "654")
        # the app is starting: the event is already queued before the window exists, and Qt may deliver it
        # during start-up; the catcher made first keeps it and hands it over once the window is there
        catcher = application.RequestLinkCatcher(QApplication.instance())
        click_on_a_mac(f"selfcheck://request/{code}")
        QCoreApplication.processEvents()
        assert catcher.waiting == [f"selfcheck://request/{code}"]
        catcher.close()
        # and through the program's own start: the event queued before start() reaches the new window
        click_on_a_mac(f"selfcheck://request/{code}")
        started = start_app(write_config(tmp_path / "c.toml", relay.url))
        with qtbot.waitSignal(started.window.request_opened, timeout=30000) as opened:
            pass
        assert "Your request number for this problem is 654:" in opened.args[0].request_headline.text()
        opened.args[0].close()
    finally:
        relay.stop()


@pytest.mark.parametrize(
    ("link", "says"),
    [
        ("selfcheck://evil.example/7K2QD-9XHMA", "not a valid support request"),
        ("selfcheck://request/7K2QD-9XHMA?relay=https://evil.example", "not a valid support request"),
        ("selfcheck://request/../../etc/passwd", "not a valid support request"),
        ("selfcheck://request/%2e%2e%2f%2e%2e%2fetc", "not a valid support request"),
        ("selfcheck://request/" + "A" * 400, "too long"),
        ("selfcheck://request/7K2QD\x1b[2J-9XHMA", "invisible characters"),
        ("selfcheck://request/7K2QD-9XHMA\u0085", "invisible characters"),
    ],
)
def test_hostile_mac_link_events_are_refused_as_on_the_command_line(qtbot, tmp_path, start_app, link, says):
    started = start_app(write_config(tmp_path / "c.toml", CLOSED_RELAY))
    click_on_a_mac(link)
    assert says in refusal(qtbot, started.window)
    assert started.window.scan is None and started.window.pending_request is None  # nothing started, nothing looked up


def test_other_file_open_events_are_left_alone(qtbot, tmp_path, start_app):
    started = start_app(write_config(tmp_path / "c.toml", CLOSED_RELAY))
    for other in (f"{CLOSED_RELAY}/r/7K2QD-9XHMA", QUrl.fromLocalFile(str(tmp_path / "x.zip")).toString()):
        click_on_a_mac(other)
    QCoreApplication.processEvents()
    assert started.window.findChild(QMessageBox, "requestRefused") is None and started.links.waiting == []
    assert started.window.scan is None and started.window.pending_request is None


def test_a_second_click_on_windows_reaches_the_running_window(qtbot, tmp_path, start_app):
    """A second ``selfcheck-gui.exe "selfcheck://request/CODE/"`` hands the link to the open window and exits."""
    relay = Relay(tmp_path / "relay", requests={"agent_token": "t"}).start()
    try:
        code = agent_request(relay, "987")
        config = write_config(tmp_path / "c.toml", relay.url)
        started = start_app(config)
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "DISPLAY": ":0", "SELFCHECK_CONFIG": str(config)}  # a desktop session
        with qtbot.waitSignal(started.window.request_opened, timeout=30000) as opened:
            second = subprocess.run(
                [sys.executable, "-m", "selfcheck", f"SELFCHECK://request/{code}/"],  # the link alone, as Windows passes it
                capture_output=True,
                text=True,
                env=env,
                timeout=60,
            )
            assert second.returncode == 0, second.stderr
        assert "Your request number for this problem is 987:" in opened.args[0].request_headline.text()
        opened.args[0].close()
    finally:
        relay.stop()


def test_a_crafted_link_cannot_smuggle_a_command_to_the_running_window(qtbot, tmp_path, start_app):
    """The running window reads one command per line: a line break inside a link must not start a second one."""
    started = start_app(write_config(tmp_path / "c.toml", CLOSED_RELAY))
    bundle = tmp_path / "scan.json"
    bundle.write_text("{}")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "DISPLAY": ":0", "SELFCHECK_CONFIG": str(tmp_path / "c.toml")}
    for breaker in ("\r", "\x85", "\u2028"):
        second = subprocess.run(
            [sys.executable, "-m", "selfcheck", f"selfcheck://request/7K2QD-9XHMA{breaker}open {bundle}"], capture_output=True, text=True, env=env, timeout=60
        )
        assert second.returncode == 0, second.stderr
        assert "invisible characters" in refusal(qtbot, started.window)
    assert not started.window.read_only  # no bundle was opened
    assert application.one_line("selfcheck://request/A\rB") == "selfcheck://request/A%0DB"
