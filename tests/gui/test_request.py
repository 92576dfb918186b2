"""Support's request link opens the window on the request: what support asks, the preview, one button."""

from __future__ import annotations

import json
import subprocess
import sys

from PySide6.QtWidgets import QMessageBox

from selfcheck.gui.support_dialog import SupportDialog
from sendkit import Relay, manifest_of

from . import fakechecks
from .conftest import label_words, run_scan


def agent_request(relay: Relay, ticket: str, note: str = "") -> str:
    made = subprocess.run(
        [sys.executable, "-m", "selfcheck_intake.server", "request", "--config", str(relay.config), "--ticket", ticket, "--note", note, "--json"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert made.returncode == 0, made.stderr
    return str(json.loads(made.stdout)["url"])


def support_config(url: str):
    return fakechecks.config(support={"kind": "intake", "url": url, "retry_now": 0, "read_timeout": 5, "connect_timeout": 2})


def test_the_link_opens_the_window_on_the_request_and_one_button_sends_to_that_ticket(qtbot, make_window, tmp_path):
    relay = Relay(tmp_path / "relay", requests={"agent_token": "t"}).start()
    try:
        link = agent_request(relay, "321", "Please send it now that the printer is on.")
        code = link.rsplit("/", 1)[1]
        window = make_window(fakechecks.PassCheck, fakechecks.FailCheck, config=support_config(relay.url))
        with qtbot.waitSignal(window.request_opened, timeout=30000) as opened:
            window.open_request_link(f"selfcheck://request/{code}")  # what the page's button opens
        dialog = opened.args[0]
        assert isinstance(dialog, SupportDialog)
        assert (
            dialog.request_headline.text()
            == "Support asks you to check this computer and send them the results, for the problem you told them about. Your request number for this problem is 321: give it to them if you call or write to them."
        )
        assert dialog.request_who.text() == "Your support team: the people who gave you this program."
        # a few words of their own first (optional): only the words box, support already knows the problem
        assert dialog.stack.currentIndex() == SupportDialog.DESCRIBE
        assert not dialog.since.isVisibleTo(dialog) and not dialog.changed.isVisibleTo(dialog)
        # support's note asks for something first (the printer on): the window says to do it, then ONE button checks
        # this computer again and goes on (round 5: "This computer has been checked" above the note read as "too late?")
        assert dialog.describe_intro.text().startswith(
            "Read your support team's message in the yellow box above. When you are ready, press “Check this computer and continue”"
        )
        assert dialog.next_button.text() == "Check this computer and continue"
        first_scan, collected = dialog.scan, fakechecks.CALLS.get("fake.pass", 0)
        dialog.what.setPlainText("The printer is on now.")
        dialog.next_button.click()
        qtbot.waitUntil(lambda: dialog.stack.currentIndex() == SupportDialog.REVIEW, timeout=20000)
        # the computer was checked again after the click, and that new check is what is sent (and what the window shows)
        assert fakechecks.CALLS["fake.pass"] == collected + 1
        assert dialog.scan is not first_scan and window.scan is dialog.scan
        assert not dialog.recheck_progress.isVisibleTo(dialog)
        assert json.loads(dialog.planned.files["results.json"])["scan_id"] == dialog.scan.id != first_scan.id
        # the same plain review as "Contact support": four groups in words, no file names, no code
        assert [g.title for g in dialog.groups][:2] == ["What you wrote", "What is wrong and what works on your computer"]
        tree = [dialog.file_tree.topLevelItem(i).text(0) for i in range(dialog.file_tree.topLevelItemCount())]
        assert not any(".json" in t for t in tree)
        assert dialog.file_tree.currentItem() is None and "{" not in dialog.preview_text.toPlainText()
        assert "The printer is on now." in dialog.planned.files["description.txt"].decode()
        # send round 57 (en): "The problem in your own words" beside "The printer is on now." was "a bit confusing": what they typed
        assert dialog.groups[0].holds == "The words you typed on the previous page, as you wrote them."
        assert "The words you typed on the previous page" in dialog.overview.text() and "The problem in your own words" not in dialog.overview.text()
        dialog.send_button.click()
        qtbot.waitUntil(lambda: dialog.stack.currentIndex() == SupportDialog.DONE, timeout=20000)
        bundle_id = manifest_of(next(relay.workdir.joinpath("bundles").glob("*.zip")))["bundle_id"]
        assert relay.wait_ticket(bundle_id)["ticket"]["id"] == "321"
        # ONE number for the customer: the request number support already knows; not the bundle's reference nor the code
        assert dialog.reference.text() == "321"
        assert dialog.reference_hint.text() == "Write it down."  # digits only: nothing to mistake
        shown = "\n".join([dialog.request_headline.text(), label_words(dialog.done_text), dialog.reference.text()])
        assert dialog.bundle.reference not in shown and code not in shown and "ticket" not in shown.lower()
        # round 9: "which number do I give, 123 or the letters from last time?": the number once, given plainly
        assert "Your support team will add this to what you already told them about this problem." in label_words(dialog.done_text)
        assert label_words(dialog.done_text).endswith("If you write to them or call them, give them this number:")
        assert "321" not in label_words(dialog.done_text)
        dialog.close()
        # the same link clicked again: refused, with the reason, and nothing sent
        window.open_request_link(link)
        qtbot.waitUntil(lambda: window.findChild(QMessageBox, "requestRefused") is not None, timeout=20000)
        box = window.findChild(QMessageBox, "requestRefused")
        assert "already answered" in box.text()
        assert len(list(relay.workdir.joinpath("bundles").glob("*.zip"))) == 1
    finally:
        relay.stop()


def test_a_link_to_another_server_is_refused_without_any_traffic(qtbot, make_window):
    window = make_window(fakechecks.PassCheck, config=support_config("https://support.example.com"))
    window.open_request_link("https://support.evil.example/r/7K2QD-9XHMA")
    box = window.findChild(QMessageBox, "requestRefused")
    assert box is not None and "another support service" in box.text()
    assert window.scan is None and window.pending_request is None  # nothing started


def test_the_request_names_who_asks_from_the_branding(qtbot, make_window):
    from selfcheck.upload.request import SupportRequest

    about = "the helpdesk of Clearline, your internet provider, who gave you this program."
    window = make_window(fakechecks.PassCheck, config=fakechecks.config(branding={"company": "Clearline Help", "about": about}))
    run_scan(qtbot, window)
    dialog = window.contact_support(request=SupportRequest(code="7K2QD-9XHMA", ticket="123", note=""))
    assert isinstance(dialog, SupportDialog)
    assert (
        dialog.request_headline.text()
        == "Clearline Help asks you to check this computer and send them the results, for the problem you told them about. Your request number for this problem is 123: give it to them if you call or write to them."
    )
    assert dialog.request_who.text() == f"Clearline Help: {about}"
    # no note from support: nothing to do first, the computer was just checked; the usual button
    assert dialog.describe_intro.text().startswith("This computer has just been checked.")
    assert dialog.next_button.text() == "Next: see what will be sent"
    dialog.close()


def test_closing_the_request_window_while_the_computer_is_checked_again_prepares_nothing(qtbot, make_window):
    from selfcheck.upload.request import SupportRequest

    window = make_window(fakechecks.PassCheck, fakechecks.FailCheck)
    run_scan(qtbot, window)
    dialog = window.contact_support(request=SupportRequest(code="7K2QD-9XHMA", ticket="123", note="Switch the printer on first."))
    assert isinstance(dialog, SupportDialog) and dialog.next_button.text() == "Check this computer and continue"
    from PySide6.QtWidgets import QLabel

    [note] = [w for w in dialog.findChildren(QLabel) if w.text() == "Message from support: Switch the printer on first."]
    assert note.objectName() == "requestNote"  # prominent, not small print (round 6: a reader had to look for it)
    assert note.font().pointSizeF() > dialog.request_who.font().pointSizeF() and note.font().bold()
    collected = fakechecks.CALLS.get("fake.pass", 0)
    dialog.next_button.click()
    assert window.busy  # the whole computer is being checked again, and the window shows it is working
    assert dialog.recheck_progress.isVisibleTo(dialog) and not dialog.next_button.isEnabled()
    dialog.close()  # the person changes their mind meanwhile
    qtbot.waitUntil(lambda: not window.busy, timeout=20000)
    qtbot.wait(50)
    assert fakechecks.CALLS["fake.pass"] == collected + 1  # the check ran and the window shows it; no bundle was prepared
    assert window.stack.currentIndex() == window.RESULTS
