"""Support staff open what a customer's computer sent: its description.json is hostile input, like every other part.

A description.json whose "since" or "changed" is not text (a number, a list: a tampered or hand-made bundle, with its
manifest's checksums made to match) stopped the window from opening the whole bundle ('int' object has no attribute
'strip' in support.description_text), while `selfcheck show` and the support card read it."""

from __future__ import annotations

import hashlib
import json
import zipfile

from PySide6.QtWidgets import QLabel

from selfcheck.gui import support

from . import fakechecks
from .conftest import run_scan


def test_a_bundle_whose_description_holds_no_text_still_opens_with_the_customers_words(qtbot, make_window, tmp_path):
    window = make_window(fakechecks.PassCheck, fakechecks.FailCheck)
    scan = run_scan(qtbot, window)
    planned = support.plan(window.app, scan, support.Description("Nothing loads", "Today"), include_logs=False, screenshot_png=None)
    described = {"problem": "Nothing loads", "since": 5, "changed": ["a Windows update"], "answers": "where"}
    planned.parts["description.json"] = json.dumps(described).encode()
    planned.finalise()  # the manifest's checksums match: nothing says it was changed
    info = support.write(planned, tmp_path / "received.zip")
    window.go_start()
    with qtbot.waitSignal(window.scan_shown, timeout=10000):
        window.open_bundle(info.path)
    assert window.read_only
    texts = "\n".join(lab.text() for lab in window.results_page.findChildren(QLabel))
    assert "Nothing loads" in texts and "Since when? 5" in texts and "a Windows update" in texts


def test_a_history_nested_too_deeply_or_a_recording_of_odd_shape_still_opens_the_bundle(qtbot, make_window, tmp_path):
    """s31 review: a history.json nested 100000 levels (json.loads raises RecursionError) left the window on its start
    page with no word at all; a history that is a list, or a change list that is a number, did the same."""
    window = make_window(fakechecks.PassCheck, fakechecks.FailCheck)
    scan = run_scan(qtbot, window)
    for history in (
        b"[" * 100000 + b"]" * 100000,
        b"[1, 2]",
        json.dumps({"what_changed": [{"check_id": "fake.fail", "text": "It started", "changes": 5}]}).encode(),
    ):
        planned = support.plan(window.app, scan, support.Description("Nothing loads"), include_logs=False, screenshot_png=None)
        sent = support.write(planned, tmp_path / "sent.zip").path
        received = tmp_path / "received.zip"
        with zipfile.ZipFile(sent) as src, zipfile.ZipFile(received, "w") as out:  # the checksums made to match
            manifest = json.loads(src.read("manifest.json"))
            manifest["files"] = [f for f in manifest["files"] if f["path"] != "history.json"]
            manifest["files"].append({"path": "history.json", "size": len(history), "sha256": hashlib.sha256(history).hexdigest()})
            for name in (n for n in src.namelist() if n != "history.json"):
                out.writestr(name, json.dumps(manifest) if name == "manifest.json" else src.read(name))
            out.writestr("history.json", history)
        window.go_start()
        with qtbot.waitSignal(window.scan_shown, timeout=10000):
            window.open_bundle(received)
        assert window.read_only
        texts = "\n".join(lab.text() for lab in window.results_page.findChildren(QLabel))
        assert "Nothing loads" in texts
