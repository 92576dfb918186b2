"""Support staff open what a customer's computer sent: its description.json is hostile input, like every other part.

A description.json whose "since" or "changed" is not text (a number, a list: a tampered or hand-made bundle, with its
manifest's checksums made to match) stopped the window from opening the whole bundle ('int' object has no attribute
'strip' in support.description_text), while `selfcheck show` and the support card read it."""

from __future__ import annotations

import json

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
