"""Recordings the tests build from the lab's own (tests/fixtures/recording/, made by the lab's recorder)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from selfcheck.api import Outcome, Result, Status
from selfcheck.history import record

FIXTURES = Path(__file__).parent / "fixtures" / "recording"
BETWEEN = FIXTURES / "lab_box_between.json"
#: real recordings (`selfcheck record` in the network lab): the cable to the box carrying nothing 4 s at 8, 20 and 32 s; the
#: s32 lab's cuts and its busy minute ("yes" on both cores)
LAB = FIXTURES / "lab_cuts_and_hog.json"
#: the customer's computer on a cable, as network.link's facts say it
ON_CABLE = {"network.link": {"interfaces": [{"name": "eth0", "up": True, "ipv4": ["192.168.1.20"], "wireless": False}]}}
#: two network checks that passed between the cuts
AT_REST = [
    {"id": "network.link", "status": "pass", "title": "Network connection (cable or Wi-Fi)", "summary": "Connected by cable.", "category": "network"},
    {"id": "network.internet", "status": "pass", "title": "The internet beyond your internet box", "summary": "It answers.", "category": "network"},
]


def link_down_recording(**changes: Any) -> dict[str, Any]:
    """The lab's cable recording as the recorder now writes it: this computer's own link (eth0, a cable) down in each of the 3
    cuts where the box went silent, up elsewhere; ``changes`` replace top-level keys."""
    data = {**json.loads(BETWEEN.read_text(encoding="utf-8")), "link": {"interface": "eth0", "wireless": False}}
    cuts = record.support_cuts(data["samples"])
    for s in data["samples"]:
        down = s["box_ms"] is None and any(b <= s["t"] < e for b, e in cuts)
        s["link_up"], s["link_mbps"] = not down, 0 if down else 1000
    return {**data, **changes}


def passed_results() -> list[Result]:
    """AT_REST as the runner's results: both checks passed."""
    return [Result(check_id=r["id"], title=r["title"], category=r["category"], outcome=Outcome(status=Status.PASS, summary=r["summary"])) for r in AT_REST]


def busy_recording() -> dict[str, Any]:
    """LAB, its support server answering in every sample, marked "It happened now" in its busy minute."""
    data = json.loads(LAB.read_text(encoding="utf-8"))
    samples = [{**s, "support_ms": s.get("support_ms") or 2.0} for s in data["samples"]]
    return {**data, "samples": samples, "marks": [{"t": 48.01, "label": "It happened now"}]}


def lab_replayed(lab: dict[str, Any], max_seconds: float = 60) -> record.Recorder:
    """A recorder sampling ``lab``'s samples (a recording's dict) one by one, as the dialog's own recorder does, at the
    recorder's shortest interval (0.05 s), on a steady clock that moves one interval per sample: the samples and the
    customer's mark get the offsets a recording at that pace gives them, without waiting 0.05 s of real time per sample
    (3.3 s for the lab's 66). Once the lab's samples are used up, it samples a quiet computer every 0.05 s of real time,
    as a recorder does while the customer reads the window."""
    import time

    replay = iter([{k: v for k, v in s.items() if k != "t"} for s in lab["samples"]])
    last = {"cpu": 3.0, "top": [], "support_ms": 2.0}

    def sampler() -> dict[str, Any]:
        sample = next(replay, None)
        if sample is None:
            time.sleep(0.05)
            return dict(last)
        return dict(sample)

    start = time.monotonic()
    taken: list[dict[str, Any]] = []  # the recording's samples, once the recorder exists
    recorder = record.Recorder(None, interval=0.05, max_seconds=max_seconds, sampler=sampler, monotonic=lambda: start + 0.05 * len(taken))
    taken = recorder.recording.samples
    recorder.recording.target = lab["target"]  # as a configured support server makes it (no probe: the samples are the lab's)
    return recorder
