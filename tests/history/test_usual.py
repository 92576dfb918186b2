"""'Slow' judged against this computer's own normal: the history's baseline reaches the CPU check."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

from selfcheck.checks.hardware_cpu import CpuCheck
from selfcheck.config import from_dict
from selfcheck.history import History, usual
from selfcheck.history.changes import metrics_from

BUSY = json.loads((Path(__file__).parents[1] / "fixtures" / "checks" / "hardware.cpu" / "linux_busy_firefox.json").read_text())["facts"]


def add_scans(cpu_values):
    now = datetime.now(UTC)
    with History() as db:
        for i, value in enumerate(cpu_values):
            when = now - timedelta(hours=len(cpu_values) - i)
            db.add(
                {"scan_id": str(uuid.uuid4()), "started_at": when.isoformat(), "status": "pass", "exit_code": 0, "diagnosis": {}, "results": []},
                None,
                {"cpu_percent": value},
            )


def test_usual_needs_enough_scans_then_gives_the_median():
    add_scans([10, 12, 14])
    assert usual("cpu_percent") is None
    add_scans([16, 18])
    assert usual("cpu_percent")["median"] == 14


def test_a_busy_processor_is_compared_with_this_computers_normal():
    thresholds = from_dict({}).thresholds("hardware.cpu")
    plain = CpuCheck().evaluate(dict(BUSY), thresholds)
    compared = CpuCheck().evaluate(dict(BUSY, usual_percent=12.0), thresholds)
    assert compared.status == plain.status
    assert compared.summary.endswith("Usually it is much less busy.")  # in words: no percentage in the headline
    assert compared.evidence["usual_percent"] == 12.0  # the figure stays for support
    assert "Usually" not in plain.summary


def test_scan_metrics_use_the_scans_own_measurements():
    metrics = metrics_from({"hardware.cpu": {"total_percent": 42.5}, "hardware.memory": {"percent_used": 61.0}}, {"free_space": {"/": 10}})
    assert metrics["cpu_percent"] == 42.5 and metrics["mem_percent"] == 61.0 and metrics["disk_free:/"] == 10.0


def test_checks_get_the_usual_load_through_their_context_when_the_history_is_on():
    from selfcheck.api import Context
    from selfcheck.app import App
    from selfcheck.discovery import Registry
    from selfcheck.scan import ScanJob

    add_scans([10, 12, 14, 16, 18])
    on = ScanJob(App(from_dict({}), Registry(), None), [])
    assert Context(usual=on.runner.usual).usual("cpu_percent")["median"] == 14
    off = ScanJob(App(from_dict({"history": {"enabled": False}}), Registry(), None), [])
    assert Context(usual=off.runner.usual).usual("cpu_percent") is None

    def broken(metric):
        raise OSError("database disk image is malformed")

    assert Context(usual=broken).usual("cpu_percent") is None
