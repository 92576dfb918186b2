"""The customer verdict: one model (headline, cause, action, urgency, order) that every renderer shows."""

from __future__ import annotations

import pytest

from checkkit import config, outcome_check, registry_of
from selfcheck import i18n
from selfcheck.api import Outcome, Status
from selfcheck.runner import Runner, Scan
from verdictkit import from_json, from_report, sample_scan, text_agrees


def test_the_symptoms_problem_leads_with_its_cause_steps_and_button():
    scan, _registry, _cfg = sample_scan("internet")
    v = scan.diagnosis.verdict
    # a warning that explains what the customer came for comes before an unrelated failure
    assert v.top.check_id == "network.names"
    assert v.headline == "Your computer cannot find websites by their name. This is probably why the internet does not work."
    assert v.cause == "Your internet box does not answer when your computer asks where a website is."
    assert (v.action.text, v.action.steps, v.action.button) == (
        "Restart your internet box.",
        ["Wait until its lights are steady.", "Check again."],
        "Open the network settings",
    )
    # the diagnosis says the same as the verdict
    assert (scan.diagnosis.headline, scan.diagnosis.action) == (v.headline, v.action.text)


def test_problems_are_grouped_by_urgency_with_a_reassurance_when_unrelated():
    scan, _registry, _cfg = sample_scan("internet")
    v = scan.diagnosis.verdict
    groups = {i.check_id: (i.group, i.urgency_text) for i in v.items}
    assert groups == {
        "network.names": ("headline", "Needs attention now"),
        "network.wifi": ("also", "Needs attention now"),  # a warning in the symptom's own checks
        "hardware.cpu": ("also", "Needs attention now"),  # a failure, even if unrelated
        "security.updates": ("later", "Can wait"),
        "os.restart": ("later", "For information"),  # the check said so
    }
    assert v.order == ["network.names", "network.wifi", "hardware.cpu", "security.updates", "os.restart"]
    cpu = next(i for i in v.items if i.check_id == "hardware.cpu")
    assert cpu.reassurance == "This is not why the internet does not work."
    assert next(i for i in v.items if i.check_id == "network.wifi").reassurance is None
    # nothing in "not urgent" belongs to the internet: folded, so the customer is not alarmed
    assert v.later_folded
    assert v.count_line == "3 problems need attention now. 2 other things can wait."


def test_without_a_symptom_failures_lead_and_nothing_is_folded():
    scan, _registry, _cfg = sample_scan(None)
    v = scan.diagnosis.verdict
    assert v.top.check_id == "hardware.cpu"
    assert v.headline == "The program Zoom is using the whole processor."
    assert v.cause is None  # no cause sentence rather than a category label
    assert [i.check_id for i in v.group("later")] == ["network.names", "network.wifi", "security.updates", "os.restart"]
    assert not v.later_folded
    assert all(i.reassurance is None for i in v.items)


def test_icons_follow_the_urgency_a_red_cross_only_for_what_needs_attention_now():
    """A warning sign beside "Nothing needs attention now" read as a contradiction (lay readers, round 1)."""
    scan, _registry, _cfg = sample_scan("internet")
    icons = {i.check_id: i.icon for i in scan.diagnosis.verdict.items}
    assert icons == {
        "network.names": "status-warn",  # a warning that needs attention now (it explains the symptom)
        "network.wifi": "status-warn",
        "hardware.cpu": "status-fail",  # the only red cross: a failure that needs attention now
        "security.updates": "status-later",  # can wait: a calm clock, not an alarm
        "os.restart": "status-info",
    }
    registry = registry_of(outcome_check("os.restart_pending", lambda: Outcome.warn("Updates were installed but only take effect after a restart.")))
    alone = Runner(registry, config()).run(list(registry)).diagnosis.verdict
    assert (alone.icon, alone.count_line) == ("status-later", "Nothing needs attention now. 1 thing can wait.")
    assert from_json(Runner(registry, config()).run(list(registry)))["headline"] == alone.headline


def test_one_way_to_check_again_per_state():
    scan, _registry, _cfg = sample_scan("internet")
    assert scan.diagnosis.verdict.check_again == "I did it — check again"
    assert scan.diagnosis.verdict.check_again_ids == scan.diagnosis.verdict.order
    registry = registry_of(outcome_check("app.fine", lambda: Outcome.ok("Fine.")))
    fine = Runner(registry, config()).run(list(registry)).diagnosis.verdict
    assert (fine.headline, fine.check_again, fine.check_again_ids, fine.count_line) == ("Everything we checked looks fine.", "Check again", [], "1 check done.")


def test_an_invalid_urgency_is_an_error_of_the_check_not_a_crash():
    registry = registry_of(outcome_check("app.odd", lambda: Outcome.fail("Odd.", urgency="tomorrow")))
    scan = Runner(registry, config()).run(list(registry))
    assert scan.results[0].status is Status.ERROR
    assert "urgency" in (scan.results[0].traceback or "") + str(scan.results[0].evidence)


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_terminal_json_and_report_agree_on_headline_cause_action_and_order(lang):
    i18n.set_language(lang)
    try:
        for symptom in ("internet", None):
            scan, _registry, cfg = sample_scan(symptom)
            expected = from_json(scan)
            assert expected["order"] and expected["headline"]
            text_agrees(scan, cfg, expected)
            assert from_report(scan) == expected
    finally:
        i18n.set_language("en")


def test_a_bundles_verdict_survives_the_round_trip_and_an_older_file_gets_one_from_its_results():
    scan, _registry, _cfg = sample_scan("internet")
    data = scan.to_dict()
    assert Scan.from_dict(data).diagnosis.verdict == scan.diagnosis.verdict  # what the customer saw
    data["diagnosis"]["verdict"] = {"headline": 3}  # broken, or written before the verdict existed
    rebuilt = Scan.from_dict(data).diagnosis.verdict
    assert set(rebuilt.order) == set(scan.diagnosis.verdict.order)
    assert rebuilt.headline == scan.diagnosis.headline  # an older file keeps the headline the customer read
