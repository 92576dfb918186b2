"""French numbers held to the word of their unit (« 21 jours », never « 21 » at the end of a line and « jours » at the
start of the next), as 8e84074c did for the card's durations: report.html's uptime and the customer's sentences of the
uptime, updates and memory checks, each on its check's recorded facts (tests/fixtures/checks); English as before."""

from __future__ import annotations

import pytest

from selfcheck import i18n
from selfcheck.bundle import report
from test_evidence_card48 import judged, memory_ran_out, recorded

NBSP = "\u00a0"


def test_report_html_holds_the_uptime_to_its_unit() -> None:
    """report.html's "This computer" table: the uptime a Mac recorded (three weeks), « 21 jours » with a no-break space."""
    system = {"os": {"uptime_seconds": recorded("os.uptime", "darwin_three_weeks.json")["uptime_seconds"]}}
    with i18n.language("fr"):
        french = report._inventory(system)
    with i18n.language("en"):
        english = report._inventory(system)
    assert f"21{NBSP}jours" in french and "21 jours" not in french, french
    assert "21 days" in english


@pytest.mark.parametrize(
    ("check_id", "fixture", "french", "english"),
    [
        ("os.uptime", "darwin_three_weeks.json", f"redémarré depuis 21{NBSP}jours", "restarted for 21 days"),
        ("security.updates", "windows_stale.json", f"{NBSP}jours", " days"),
        ("security.updates", "linux_apt_lists_stale.json", f"{NBSP}jours", " days"),
    ],
)
def test_the_customers_sentence_holds_its_days_together(check_id: str, fixture: str, french: str, english: str) -> None:
    said = judged(check_id, recorded(check_id, fixture), "fr")["summary"]
    assert french in said and " jours" not in said, said
    assert english in judged(check_id, recorded(check_id, fixture), "en")["summary"]


def test_the_memorys_sentence_holds_its_minutes_together() -> None:
    """The kernel's recorded kill (13:59:52 UTC), judged at 15:05 Paris time: « il y a 5 minutes » on one line."""
    said = judged("hardware.memory", memory_ran_out(), "fr")["summary"]
    assert f"{NBSP}minutes" in said and " minutes" not in said, said
