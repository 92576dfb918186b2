"""Support asks, the customer answers: a request link made by the agent brings the bundle to that RT ticket.

No mock: the relay (a process) with the rt connector, a real Request Tracker 5, `selfcheck-intake request`
as the agent runs it, the window opened on the link (offscreen), and `selfcheck send --request LINK` as a
customer's terminal does.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from sendkit import client_config, make_bundle, manifest_of, run_cli

from .rt_server import RTInstance
from .test_rt_end_to_end import attached_copy, bundle_with_logs, only_ticket, relay_for, send

pytestmark = pytest.mark.slow


def test_the_window_opened_by_the_link_sends_to_the_rt_ticket_and_a_second_click_is_refused(rt: RTInstance, tmp_path: Path, qtbot) -> None:
    pytest.importorskip("PySide6")
    from PySide6.QtWidgets import QMessageBox

    from gui import fakechecks  # tests/gui (tests/ is on the path)
    from selfcheck.app import App
    from selfcheck.gui.mainwindow import MainWindow
    from selfcheck.gui.support_dialog import SupportDialog

    relay = relay_for(rt, tmp_path / "relay")
    relay.config.write_text(relay.config.read_text() + '\n[requests]\nagent_token = "t"\n', encoding="utf-8")
    relay.start()
    window = None
    try:
        first = bundle_with_logs(tmp_path / "first.zip", 2_000)
        send(first, relay, tmp_path / "home", "--description", "Plus de son.")
        ticket_id = only_ticket(rt, manifest_of(first)["reference"])
        agent = subprocess.run(
            [sys.executable, "-m", "selfcheck_intake.server", "request", "--config", str(relay.config), "--ticket", ticket_id, "--json"],
            capture_output=True,
            text=True,
            timeout=60,
            env={**os.environ, **relay.env},
        )
        link = json.loads(agent.stdout)["url"]
        config = fakechecks.config(support={"kind": "intake", "url": relay.url, "retry_now": 0, "read_timeout": 30, "connect_timeout": 2})
        window = MainWindow(App(config, fakechecks.registry(fakechecks.PassCheck, fakechecks.FailCheck), None))
        qtbot.addWidget(window)
        window.show()
        with qtbot.waitSignal(window.request_opened, timeout=60000) as opened:
            window.open_request_link(link)  # the link as the agent sent it
        dialog = opened.args[0]
        assert dialog.request_headline.text() == f"Support is asking for a diagnostic for your request (ticket {ticket_id})."
        qtbot.waitUntil(lambda: dialog.stack.currentIndex() == SupportDialog.REVIEW, timeout=30000)
        dialog.send_button.click()
        qtbot.waitUntil(lambda: dialog.stack.currentIndex() == SupportDialog.DONE, timeout=60000)
        sent = dialog.bundle.path.read_bytes()
        assert attached_copy(rt, ticket_id, dialog.bundle.reference) == sent  # on that ticket, byte-identical
        dialog.close()
        window.open_request_link(link)  # a second click on the same link
        qtbot.waitUntil(lambda: window.findChild(QMessageBox, "requestRefused") is not None, timeout=30000)
        assert "already answered" in window.findChild(QMessageBox, "requestRefused").text()
        # and from a terminal, in French: refused as well, nothing sent
        again = make_bundle(tmp_path / "again.zip")
        cfg = client_config(tmp_path / "client.toml", relay.url)
        second = run_cli("send", str(again), "--config", str(cfg), "--request", link, "--lang", "fr", home=tmp_path / "customer")
        assert second.returncode == 1 and "déjà reçu sa réponse" in second.stderr
        assert rt.search(f"Subject LIKE '{manifest_of(again)['reference']}'") == []
    finally:
        if window is not None:
            window.threads.stop_all(3000)
        relay.stop()
