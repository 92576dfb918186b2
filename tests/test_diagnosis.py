"""The diagnosis on its own: pure, from results (as in a bundle) to one verdict."""

from __future__ import annotations

import json
from pathlib import Path

from checkkit import config, make_check, registry_of
from selfcheck import i18n
from selfcheck.api import Outcome, Result, Status
from selfcheck.diagnosis import Diagnosis, chain_roots, diagnose, root_of


def result(check_id, status, summary="", consequence_of=(), **kw):
    outcome = Outcome(status, summary or f"{check_id} {status.value}.", **kw)
    return Result(check_id, f"Title {check_id}", check_id.split(".")[0], outcome, consequence_of=list(consequence_of))


def test_all_pass_or_info():
    d = diagnose([result("os.a", Status.PASS), result("os.b", Status.INFO), result("os.c", Status.SKIP)])
    assert (d.status, d.headline, d.action, d.root_causes) == (Status.INFO, "Everything we checked looks fine.", None, [])


def test_nothing_at_all():
    d = diagnose([])
    assert d.status is Status.PASS and d.headline == "Everything we checked looks fine."


def test_root_causes_use_the_registry_priority_and_the_first_advice_is_the_action():
    registry = registry_of(make_check("hardware.disk", priority=10), make_check("os.updates", priority=80))
    results = [
        result("os.updates", Status.FAIL, "Updates are failing.", advice=["Run Windows Update."]),
        result("hardware.disk", Status.FAIL, "The disk is full.", advice=["Empty the trash.", "Uninstall programs."]),
        result("app.mail", Status.WARN, "Mail is slow."),
    ]
    d = diagnose(results, registry)
    assert d.root_causes == ["hardware.disk", "os.updates", "app.mail"]
    assert (d.headline, d.action, d.status) == ("The disk is full.", "Empty the trash.", Status.FAIL)


def test_without_a_registry_priority_defaults_and_ids_break_ties():
    d = diagnose([result("os.b", Status.WARN), result("os.a", Status.WARN)])
    assert d.root_causes == ["os.a", "os.b"]


def test_consequences_recorded_by_the_runner_are_grouped_under_their_root():
    results = [
        result("network.link", Status.FAIL, "No network cable."),
        result("network.dns", Status.SKIP, consequence_of=["network.link"]),
        result("network.https", Status.SKIP, consequence_of=["network.link"]),
    ]
    d = diagnose(results)
    assert d.consequences == {"network.link": ["network.dns", "network.https"]}
    assert d.root_causes == ["network.link"]


def test_caused_by_a_check_that_did_not_fail_is_ignored():
    results = [result("os.time", Status.WARN), result("network.https", Status.FAIL, caused_by=["os.time", "no.such"])]
    d = diagnose(results)
    assert d.root_causes == ["network.https", "os.time"]


def test_symptom_headline_uses_the_configured_effect_in_the_current_language():
    cfg = config({"symptoms": {"printing": {"checks": ["app.printer"], "effect": {"en": "you cannot print", "fr": "vous ne pouvez pas imprimer"}}}})
    results = [result("app.printer", Status.FAIL, "The printer is offline.")]
    assert diagnose(results, None, cfg, "printing").headline == "The printer is offline. This is probably why you cannot print."
    i18n.set_language("fr")
    assert diagnose(results, None, cfg, "printing").headline == (
        "The printer is offline. C’est probablement la raison pour laquelle vous ne pouvez pas imprimer."
    )


def test_round_trip_through_a_dict():
    results = [result("os.a", Status.FAIL), result("os.b", Status.SKIP, consequence_of=["os.a"]), result("app.c", Status.ERROR)]
    d = diagnose(results, symptom="app")
    back = Diagnosis.from_dict(d.to_dict())
    assert back == d
    assert back.could_not_check == ["app.c"]
    legacy = Diagnosis.from_dict({"headline": "x"}, results)
    assert legacy.status is Status.ERROR


def test_when_nothing_could_be_checked_it_says_so_rather_than_all_fine():
    one = diagnose([result("hardware.battery", Status.SKIP, "This computer has no battery.")])
    assert (one.status, one.headline) == (Status.SKIP, "This computer has no battery.")
    several = diagnose([result("hardware.battery", Status.SKIP), result("os.mac", Status.SKIP)])
    assert several.headline == "None of these checks could be done on this computer."


def test_diagnose_is_pure_and_with_consequences_records_them_on_copies():
    import copy

    from selfcheck.diagnosis import explain, with_consequences

    results = [
        result("os.time", Status.FAIL, "The clock is wrong."),
        result("network.https", Status.FAIL, "Secure sites fail.", caused_by=["os.time"]),
        result("app.store", Status.WARN, "The store does not open.", caused_by=["network.https"]),
    ]
    before = copy.deepcopy(results)
    d = diagnose(results)
    assert results == before  # nothing written onto the input
    assert d.root_causes == ["os.time"]
    assert d.consequences == {"os.time": ["network.https", "app.store"]}
    assert explain(results) == {"network.https": ["os.time"], "app.store": ["os.time"]}
    marked = with_consequences(results)
    assert [r.consequence_of for r in marked] == [[], ["os.time"], ["os.time"]]
    assert results == before
    # the clock fixed: an earlier verdict's consequence_of does not linger on the problems
    fixed = [result("os.time", Status.PASS), marked[1], marked[2]]
    again = with_consequences(fixed)
    assert [r.consequence_of for r in again] == [[], [], ["network.https"]]
    assert diagnose(again).root_causes == ["network.https"]


def test_a_result_is_the_checks_metadata_plus_its_outcome():
    from selfcheck.api import Check

    class Disk(Check):
        id, category, title, help_url = "hardware.disk", "hardware", "Room on this computer", "https://help.example/disk"

    outcome = Outcome(Status.WARN, "Almost full.", evidence={"free_gb": 3})
    r = Result.of(Disk, outcome)
    assert (r.check_id, r.title, r.category, r.outcome.summary) == ("hardware.disk", "Room on this computer", "hardware", "Almost full.")
    assert (r.status, r.summary, r.evidence, r.help_url) == (Status.WARN, "Almost full.", {"free_gb": 3}, "https://help.example/disk")
    assert outcome.help_url is None  # the check's help page fills the result's copy, not the check's outcome
    i18n.set_language("fr")
    assert Result.of(Disk, outcome).title == "Place sur cet ordinateur"
    data = r.to_dict()
    schema = json.loads((Path(__file__).resolve().parents[1] / "docs" / "scan-schema.json").read_text(encoding="utf-8"))
    assert set(data) | {"traceback"} == set(schema["$defs"]["result"]["properties"])  # every field once, all documented
    assert Result.from_dict(data) == r


def test_a_chain_is_named_by_its_root_and_a_hostile_chain_ends() -> None:
    # the one walk behind the text report's "Follows", report.html's "(follows from ...)" and the card's "not tested because"
    causes = {"network.link": [], "network.dns": ["network.link"], "network.https": ["network.dns", "network.clock"], "network.clock": []}
    assert root_of("network.https", causes) == "network.link"  # names fail because the line is down: the line
    assert chain_roots(causes["network.https"], causes, below="network.https") == ["network.link", "network.clock"]
    assert chain_roots(["network.dns", "network.link"], causes) == ["network.link"]  # once each
    # a bundle's results are hostile: a loop, an unknown id, a result naming itself end the walk
    loop = {"a": ["b"], "b": ["c"], "c": ["a"]}
    assert root_of("a", loop) == "c" and chain_roots(["b"], loop, below="a") == ["c"]
    assert chain_roots(["gone"], causes, below="network.dns") == ["gone"]
    assert chain_roots(["x"], {"x": ["y"], "y": []}, below="x") == ["x"]
    # a lone id where a list belongs is one id, not its letters; a number or a mapping names none
    assert chain_roots("network.dns", causes, below="network.https") == ["network.link"]
    assert root_of("b", {"a": [], "b": "a"}) == "a" and chain_roots(5, causes) == [] and root_of("b", {"a": [], "b": {"a": 1}}) == "b"
