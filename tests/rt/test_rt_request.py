"""Support asks, the customer answers: a request link made by the agent brings the bundle to that RT ticket.

No mock: the relay (a process) with the rt connector, a real Request Tracker 5, `selfcheck-intake request`
as the agent runs it, the window opened on the link (offscreen), and `selfcheck send --request LINK` as a
customer's terminal does.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from sendkit import client_config, make_bundle, manifest_of, run_cli

from .rt_server import RTInstance
from .test_rt_end_to_end import attached_copy, bundle_with_logs, only_ticket, relay_for, send

pytestmark = pytest.mark.slow


def test_the_agent_asks_from_rt_the_window_sends_to_that_ticket_and_a_second_click_is_refused(rt_template: RTInstance, tmp_path: Path, qtbot) -> None:
    """The whole loop: packaging/intake/rt/selfcheck-rt-setup.pl wires RT; the agent sets one field on the ticket; RT asks
    the relay for a link and replies with it; the window opened on that link sends the bundle to the ticket."""
    import re

    import requests

    pytest.importorskip("PySide6")
    from PySide6.QtWidgets import QMessageBox

    from gui import fakechecks  # tests/gui (tests/ is on the path)
    from selfcheck.app import App
    from selfcheck.gui.mainwindow import MainWindow
    from selfcheck.gui.support_dialog import SupportDialog

    from .rt_server import RT_LIB, clone

    relay = relay_for(rt_template, tmp_path / "relay")  # the port is known now; RT is told where the relay is
    relay.config.write_text(relay.config.read_text() + '\n[requests]\nagent_token = "agent-secret"\n', encoding="utf-8")
    wired = clone(rt_template, tmp_path / "rt", {"SelfcheckRelayURL": relay.url, "SelfcheckRelayToken": "agent-secret"})
    wired.write_site_config()
    setup = subprocess.run(
        ["perl", f"-I{RT_LIB}", str(Path(__file__).resolve().parents[2] / "packaging/intake/rt/selfcheck-rt-setup.pl"), wired.queue],
        env=wired.env(),
        cwd=wired.workdir,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert setup.returncode == 0, setup.stderr
    wired.start()
    relay.env["SELFCHECK_TEST_RT_TOKEN"] = wired.token
    relay.config.write_text(relay.config.read_text().replace(rt_template.url, wired.url), encoding="utf-8")
    relay.start()
    try:
        first = bundle_with_logs(tmp_path / "first.zip", 2_000)
        send(first, relay, tmp_path / "home", "--description", "Plus d'internet.")
        ticket_id = only_ticket(wired, manifest_of(first)["reference"])
        # the agent's one change on the ticket
        changed = requests.put(
            f"{wired.api}/ticket/{ticket_id}",
            json={"CustomFields": {"Selfcheck diagnostic": "requested"}},
            headers={"Authorization": f"token {wired.token}"},
            timeout=60,
        )
        assert changed.status_code == 200, changed.text
        found = re.search(r"(http://127\.0\.0\.1:\d+/r/[0-9A-Z]{5}-[0-9A-Z]{5})", wired.attachment_text(ticket_id))
        assert found, wired.attachment_text(ticket_id)[-2000:] + wired.log_tail()
        assert found.group(1) in wired.outgoing_mail()  # RT mailed the reply, link included, to the customer
        link = found.group(1)

        # the customer clicks it: the window opens on the request (offscreen), one button sends
        config = fakechecks.config(support={"kind": "intake", "url": relay.url, "retry_now": 0, "read_timeout": 30, "connect_timeout": 2})
        window = MainWindow(App(config, fakechecks.registry(fakechecks.PassCheck, fakechecks.FailCheck), None))
        qtbot.addWidget(window)
        window.show()
        try:
            with qtbot.waitSignal(window.request_opened, timeout=60000) as opened:
                window.open_request_link(link)
            dialog = opened.args[0]
            assert (
                dialog.request_headline.text()
                == f"Support asks you to check this computer and send them the results, for the problem you told them about. Your request number for this problem is {ticket_id}: give it to them if you call or write to them."
            )
            dialog.next_button.click()  # past the optional words
            qtbot.waitUntil(lambda: dialog.stack.currentIndex() == SupportDialog.REVIEW, timeout=30000)
            dialog.send_button.click()
            qtbot.waitUntil(lambda: dialog.stack.currentIndex() == SupportDialog.DONE, timeout=60000)
            assert attached_copy(wired, ticket_id, dialog.bundle.reference) == dialog.bundle.path.read_bytes()  # on that ticket, byte-identical
            dialog.close()
            window.open_request_link(link)  # a second click on the same link
            qtbot.waitUntil(lambda: window.findChild(QMessageBox, "requestRefused") is not None, timeout=30000)
            assert "already answered" in window.findChild(QMessageBox, "requestRefused").text()
        finally:
            window.threads.stop_all(3000)

        # and from a terminal, in French: refused as well, nothing sent
        again = make_bundle(tmp_path / "again.zip")
        cfg = client_config(tmp_path / "client.toml", relay.url)
        second = run_cli("send", str(again), "--config", str(cfg), "--request", link, "--lang", "fr", home=tmp_path / "customer")
        assert second.returncode == 1 and "déjà reçu sa réponse" in second.stderr
        assert wired.search(f"Subject LIKE '{manifest_of(again)['reference']}'") == []
    finally:
        relay.stop()
        wired.stop()
