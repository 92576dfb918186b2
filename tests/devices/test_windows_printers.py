"""The Windows printer facts (Win32_Printer) on a real machine's recorded output
(tests/fixtures/windows/SOURCES)."""

from __future__ import annotations

import json
from pathlib import Path

from selfcheck import i18n
from selfcheck.api import Status
from selfcheck.checks.devices_printer import PrinterCheck
from selfcheck.config import load
from selfcheck.devices.printing import parse_windows

RECORDED = Path(__file__).resolve().parent.parent / "fixtures" / "windows"


def test_a_real_win32_printer_record_is_one_ready_default_printer():
    printers = json.loads((RECORDED / "win32_printer_msi.json").read_text(encoding="utf-8"))
    # the shape WINDOWS_SCRIPT prints: the Spooler's status name, the printers, the jobs
    facts = parse_windows({"spooler": "Running", "printers": printers, "jobs": []}, now=1_700_000_000.0)
    assert facts["service"] == "running"
    assert facts["default"] == "Microsoft Print to PDF"
    assert facts["printers"] == [
        {
            "name": "Microsoft Print to PDF",
            "state": "idle",
            "reasons": [],
            "accepting": True,
            "connection": "local",
            "supplies": [],
            "direct": {"status": "not_asked"},
        }
    ]
    outcome = PrinterCheck().evaluate(facts, PrinterCheck.thresholds_from(load()))
    assert outcome.status is Status.PASS and outcome.summary == "The printer “Microsoft Print to PDF” is ready."
    i18n.set_language("fr")
    assert PrinterCheck().evaluate(facts, PrinterCheck.thresholds_from(load())).summary == "L’imprimante «\u00a0Microsoft Print to PDF\u00a0» est prête."


def test_the_spooler_stopped_is_named_and_a_single_object_is_one_printer():
    printers = json.loads((RECORDED / "win32_printer_msi.json").read_text(encoding="utf-8"))
    assert parse_windows({"spooler": "Stopped", "printers": printers}, now=0)["service"] == "not_running"
    # ConvertTo-Json prints a lone printer as an object, not a list
    assert [p["name"] for p in parse_windows({"spooler": "Running", "printers": printers[0]}, now=0)["printers"]] == ["Microsoft Print to PDF"]
