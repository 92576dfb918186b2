"""The printer's state in French agrees with its name « état » (masculine): « prêt », « arrêté », not « prête », « arrêtée »
(8e84074c agreed the printer's « réponse » and « erreur », not its « état »). A real print service (private cupsd) and a
simulated network printer (ippeveprinter), its queue stopped for real with cupsdisable."""

from __future__ import annotations

import pytest

from selfcheck import evidence, i18n
from selfcheck.api import Context
from selfcheck.checks.devices_printer import PrinterCheck
from selfcheck.config import load


@pytest.fixture(autouse=True)
def cups_env(cups, monkeypatch):
    monkeypatch.setenv("CUPS_SERVER", cups.socket)
    monkeypatch.setenv("HOME", str(cups.dir))  # no ~/.cups of the person running the tests
    monkeypatch.delenv("LPDEST", raising=False)
    monkeypatch.delenv("PRINTER", raising=False)


def states(lang: str) -> set[str]:
    """The printer's state lines, as the window and report.html say them, in ``lang``."""
    thresholds = PrinterCheck.thresholds_from(load())
    facts = PrinterCheck().collect(Context(thresholds=thresholds, platform="linux"))
    with i18n.language(lang):
        outcome = PrinterCheck().evaluate(facts, thresholds)
        return {f"{line.label}: {line.value}" for line in evidence.lines(outcome.evidence, "devices.printer") if line.key == "state"}


def test_a_stopped_queue_and_a_ready_printer_agree_with_the_french_name_of_their_state(cups, printer):
    for line in cups.run("lpstat", "-v", check=False).stdout.splitlines():
        if name := line.split(":", 1)[0].removeprefix("device for ").strip():
            cups.run("lpadmin", "-x", name, check=False)
    cups.add_printer("Office", printer.uri, default=True)
    cups.run("cupsdisable", "Office")
    try:
        assert "state: stopped" in states("en")
        assert "état: arrêté" in states("fr")
    finally:
        cups.run("cupsenable", "Office")
    assert "état: prêt" in states("fr") and "state: ready" in states("en")
