"""The runner: one check failing, hanging or crashing never takes the scan down."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import textwrap
import threading
from pathlib import Path

import pytest

from checkkit import Gate, config, make_check, outcome_check, registry_of
from selfcheck import i18n
from selfcheck.api import LoadProblem, Outcome, SkipCheck, Status, current_platform
from selfcheck.i18n import _
from selfcheck.runner import Runner, Scan, reevaluate, select

pytestmark = pytest.mark.timeout(30)


@pytest.fixture
def gate():
    g = Gate()
    yield g
    g.release.set()


def run(*classes, runner_kw=None, **kw):
    registry = registry_of(*classes)
    cfg = kw.pop("cfg", None) or config()
    return Runner(registry, cfg, **(runner_kw or {})).run(list(registry), **kw)


# --- timeouts, crashes, garbage ---------------------------------------------------------------


def test_hanging_check_becomes_error_with_plain_reason_and_the_others_finish(gate):
    hanging = make_check("app.hangs", collect=lambda ctx: gate.hold(), timeout=0.3)
    fine = make_check("app.fine")
    scan = run(hanging, fine)
    hung = scan.result("app.hangs")
    assert hung.status is Status.ERROR
    assert hung.summary == "This check did not finish in time (0.3 seconds) and was stopped."
    assert "Traceback" not in hung.summary and hung.advice
    assert scan.result("app.fine").status is Status.PASS
    assert scan.exit_code() == 3
    assert gate.entered.is_set()


def test_a_check_left_running_does_not_keep_the_process_alive(tmp_path):
    script = tmp_path / "hang.py"
    script.write_text(
        textwrap.dedent(
            """
            import json, sys, time
            sys.path.insert(0, sys.argv[1])
            from checkkit import config, make_check, registry_of
            from selfcheck.runner import Runner

            def forever(ctx):
                while True:
                    time.sleep(1)

            registry = registry_of(make_check("app.forever", collect=forever, timeout=0.2))
            scan = Runner(registry, config()).run(list(registry))
            print(json.dumps(scan.to_dict()["results"][0]))
            """
        )
    )
    # the guard timeout only catches a hang; the scan itself needs a fraction of a second
    proc = subprocess.run([sys.executable, str(script), str(Path(__file__).parent)], capture_output=True, text=True, timeout=20)
    assert proc.returncode == 0, proc.stderr
    result = json.loads(proc.stdout)
    assert result["status"] == "error" and "did not finish in time" in result["summary"]


def test_crashing_check_is_an_error_and_keeps_its_traceback_for_support():
    def boom(ctx):
        raise RuntimeError("the sensor library exploded")

    scan = run(make_check("hardware.boom", collect=boom), make_check("app.fine"))
    err = scan.result("hardware.boom")
    assert err.status is Status.ERROR
    assert err.summary == "This check stopped because of an internal error."
    assert "exploded" not in err.summary
    assert "RuntimeError: the sensor library exploded" in err.traceback
    assert err.evidence["error"] == "RuntimeError: the sensor library exploded"
    assert "traceback" not in err.to_dict()
    assert "RuntimeError" in err.to_dict(include_traceback=True)["traceback"]
    assert scan.result("app.fine").status is Status.PASS


def test_system_exit_inside_a_check_does_not_stop_the_scan():
    def leave(ctx):
        raise SystemExit(4)

    scan = run(make_check("app.exits", collect=leave), make_check("app.fine"))
    assert scan.result("app.exits").status is Status.ERROR
    assert scan.result("app.fine").status is Status.PASS


@pytest.mark.parametrize(
    "collect",
    [
        pytest.param(lambda ctx: ["not", "a", "dict"], id="list"),
        pytest.param(lambda ctx: None, id="none"),
        pytest.param(lambda ctx: {"when": object()}, id="not-json"),
        pytest.param(lambda ctx: {"values": {1, 2}}, id="set"),
    ],
)
def test_collect_returning_garbage_is_an_error(collect):
    scan = run(make_check("app.garbage", collect=collect), make_check("app.fine"))
    result = scan.result("app.garbage")
    assert result.status is Status.ERROR
    assert result.summary == "This check stopped because of an internal error."
    assert "app.garbage" not in scan.facts
    json.dumps(scan.to_dict())  # the scan itself is still saveable


@pytest.mark.parametrize(
    "answer",
    [
        pytest.param(lambda: "pass", id="a-string"),
        pytest.param(lambda: None, id="none"),
        pytest.param(lambda: Outcome("sideways", "Odd."), id="unknown-status"),  # type: ignore[arg-type]
        pytest.param(lambda: Outcome(Status.PASS, None), id="summary-not-text"),  # type: ignore[arg-type]
        pytest.param(lambda: Outcome(Status.WARN, "Hm.", advice=[1, 2]), id="advice-not-text"),  # type: ignore[list-item]
        pytest.param(lambda: Outcome(Status.PASS, "Fine.", evidence={"x": object()}), id="evidence-not-json"),
        pytest.param(lambda: Outcome(Status.PASS, "Fine.", evidence=[1]), id="evidence-not-dict"),  # type: ignore[arg-type]
        # review of 0ab71ffe: a company check's folded_names=None passed, then made the scan unsaveable (scan --json, bundle)
        pytest.param(lambda: Outcome(Status.WARN, "Hm.", folded_names=None), id="folded-names-none"),  # type: ignore[arg-type]
        pytest.param(lambda: Outcome(Status.WARN, "Hm.", folded_names=[1]), id="folded-names-not-text"),  # type: ignore[list-item]
        # review of stop 46: the older fields had the same hole: the scan could not be saved (says_symptoms) or judged
        # (folded_advice) once such a check had answered
        pytest.param(lambda: Outcome(Status.WARN, "Hm.", says_symptoms=None), id="says-symptoms-none"),  # type: ignore[arg-type]
        pytest.param(lambda: Outcome(Status.WARN, "Hm.", advice=["A", "B"], folded_advice="1"), id="folded-advice-text"),  # type: ignore[arg-type]
        pytest.param(lambda: Outcome(Status.WARN, "Hm.", advice_msgids=None), id="advice-msgids-none"),  # type: ignore[arg-type]
        pytest.param(lambda: Outcome(Status.WARN, "Hm.", summary_values=None), id="summary-values-none"),  # type: ignore[arg-type]
    ],
)
def test_evaluate_returning_the_wrong_type_is_an_error(answer):
    scan = run(make_check("app.odd", evaluate=lambda facts, th: answer()))
    result = scan.result("app.odd")
    assert result.status is Status.ERROR
    assert result.summary == "This check gave an answer this program does not understand."
    assert result.evidence["error"]
    json.dumps(scan.to_dict())
    # the customer's screen is still made from that scan (the window and the CLI judge it first)
    from selfcheck import verdict

    assert verdict.build(scan.results, [r.check_id for r in scan.results if r.status is not Status.PASS]) is not None


def test_evaluate_raising_is_an_error_and_facts_are_kept_for_support():
    def judge(facts, thresholds):
        return Outcome.warn("Too many.") if facts["count"] > thresholds["limit"] else Outcome.ok("Fine.")

    scan = run(make_check("app.judge", collect=lambda ctx: {"count": 3}, evaluate=judge))
    result = scan.result("app.judge")
    assert result.status is Status.ERROR
    assert result.summary == "This program could not judge this check's findings."
    assert "KeyError" in result.traceback
    assert scan.facts["app.judge"] == {"count": 3}


def test_status_given_as_a_plain_string_is_accepted():
    scan = run(make_check("app.lenient", evaluate=lambda facts, th: Outcome("warn", "Careful.")))  # type: ignore[arg-type]
    assert scan.result("app.lenient").status is Status.WARN


def test_skipcheck_gives_a_skip_with_the_plain_reason():
    def no_battery(ctx):
        raise SkipCheck("This computer has no battery.")

    scan = run(make_check("hardware.battery", collect=no_battery))
    result = scan.result("hardware.battery")
    assert (result.status, result.summary) == (Status.SKIP, "This computer has no battery.")
    assert scan.exit_code() == 0


def test_thresholds_from_config_reach_collect_and_evaluate():
    seen = {}

    def collect(ctx):
        seen["collect"] = dict(ctx.thresholds)
        return {"n": 5}

    def judge(facts, thresholds):
        seen["evaluate"] = dict(thresholds)
        return Outcome.warn("Big.") if facts["n"] > thresholds["max"] else Outcome.ok("Small.")

    cfg = config({"thresholds": {"app.sized": {"max": 3}}})
    scan = run(make_check("app.sized", collect=collect, evaluate=judge), cfg=cfg)
    assert seen == {"collect": {"max": 3}, "evaluate": {"max": 3}}
    assert scan.result("app.sized").status is Status.WARN


# --- dependencies and diagnosis ---------------------------------------------------------------


def failing(check_id, summary="Broken.", **attrs):
    return outcome_check(check_id, lambda: Outcome.fail(summary, advice=[f"Fix {check_id}."]), **attrs)


def warning(check_id, summary="Not great.", **attrs):
    return outcome_check(check_id, lambda: Outcome.warn(summary, advice=[f"Look at {check_id}."]), **attrs)


def test_a_check_whose_dependency_failed_is_skipped_as_its_consequence():
    link = failing("network.link", "The network cable is unplugged.", title="Network connection", priority=10)
    dns = make_check("network.dns", depends_on=("network.link",))
    https = make_check("network.https", depends_on=("network.dns",))
    scan = run(link, dns, https)
    assert scan.result("network.dns").status is Status.SKIP
    assert scan.result("network.dns").consequence_of == ["network.link"]
    assert scan.result("network.dns").summary == "Not checked, because of the problem found by “Network connection”."
    # the consequence of a consequence names the root, not the middle
    assert scan.result("network.https").consequence_of == ["network.link"]
    assert scan.diagnosis.root_causes == ["network.link"]
    assert scan.diagnosis.consequences == {"network.link": ["network.dns", "network.https"]}


def test_the_consequence_sentence_uses_french_quotes_in_french():
    from selfcheck import i18n

    i18n.set_language("fr")
    link = failing("network.link", "The network cable is unplugged.", title="Network connection", priority=10)
    scan = run(link, make_check("network.dns", depends_on=("network.link",)))
    assert scan.result("network.dns").summary == "Non vérifié, à cause du problème trouvé par «\u00a0Network connection\u00a0»."
    assert scan.diagnosis.headline == "The network cable is unplugged."
    assert scan.diagnosis.action == "Fix network.link."


def test_a_check_runs_when_its_dependency_passed_and_sees_its_facts():
    seen = {}

    def collect(ctx):
        seen["facts"] = ctx.facts_of("os.base")
        return {}

    base = make_check("os.base", collect=lambda ctx: {"answer": 42})
    child = make_check("os.child", collect=collect, depends_on=("os.base",))
    scan = run(child, base)
    assert scan.result("os.child").status is Status.PASS
    assert seen["facts"] == {"answer": 42}


def test_root_causes_failures_before_warnings_then_priority():
    scan = run(
        warning("os.w-important", priority=1),
        failing("hardware.f-late", "Late failure.", priority=90),
        failing("hardware.f-early", "Early failure.", priority=20),
        make_check("app.fine"),
    )
    assert scan.diagnosis.root_causes == ["hardware.f-early", "hardware.f-late", "os.w-important"]
    assert scan.diagnosis.headline == "Early failure."
    assert scan.diagnosis.status is Status.FAIL
    assert scan.exit_code() == 2


def test_the_headline_links_the_root_cause_to_the_symptom():
    disk = failing("hardware.disk", "Your disk is almost full.", priority=20)
    scan = run(disk, warning("os.uptime"), symptom="slow-computer")
    assert scan.diagnosis.headline == "Your disk is almost full. This is probably why your computer is slow."


def test_the_symptom_headline_in_french():
    i18n.set_language("fr")
    disk = failing("hardware.disk", "Votre disque est presque plein.")
    scan = run(disk, symptom="slow-computer")
    assert scan.diagnosis.headline == "Votre disque est presque plein. C’est probablement la raison pour laquelle votre ordinateur est lent."


def test_a_problem_outside_the_symptom_is_not_linked_to_it():
    scan = run(failing("security.firewall", "The firewall is off."), symptom="slow-computer")
    assert scan.diagnosis.headline == "The firewall is off."


def test_nothing_wrong_with_a_symptom_says_so_and_what_to_do():
    scan = run(make_check("os.fine"), symptom="slow-computer")
    assert scan.diagnosis.headline == "Everything we checked looks fine, so we could not find why your computer is slow."
    assert scan.diagnosis.action


def test_after_and_caused_by_make_consequences_not_extra_root_causes():
    clock = failing("os.time", "The clock is wrong by 3 hours.", priority=30)
    tls = failing("network.https", "Secure websites cannot be reached.", after=("os.time",), priority=40)
    mail = outcome_check("app.mail", lambda: Outcome.warn("Mail cannot sync.", caused_by=["os.time"]))
    order = []
    scan = run(clock, tls, mail, runner_kw={"on_event": lambda ev, cid, p: order.append((ev, cid))})
    assert scan.result("network.https").status is Status.FAIL  # after: runs, is not skipped
    assert order.index(("finished", "os.time")) < order.index(("started", "network.https"))
    assert scan.diagnosis.root_causes == ["os.time"]
    assert scan.result("network.https").consequence_of == ["os.time"]
    assert scan.result("app.mail").consequence_of == ["os.time"]
    assert scan.diagnosis.consequences["os.time"] == ["network.https", "app.mail"]
    assert scan.diagnosis.headline == "The clock is wrong by 3 hours."


def test_after_a_check_that_passed_leaves_a_problem_as_root_cause():
    scan = run(make_check("os.time"), failing("network.https", after=("os.time",)))
    assert scan.diagnosis.root_causes == ["network.https"]


def test_cause_chains_reach_the_root_whatever_the_order():
    # results listed consequence first: the chain must still end at the root
    third = outcome_check("app.third", lambda: Outcome.fail("Third.", caused_by=["app.second"]), priority=1)
    second = outcome_check("app.second", lambda: Outcome.fail("Second.", caused_by=["app.first"]), priority=2)
    first = failing("app.first", "First.", priority=3)
    scan = run(third, second, first)
    assert scan.diagnosis.root_causes == ["app.first"]
    assert scan.result("app.third").consequence_of == ["app.first"]


def test_mutual_explanations_still_leave_one_root_cause():
    a = outcome_check("app.a", lambda: Outcome.fail("A.", caused_by=["app.b"]))
    b = outcome_check("app.b", lambda: Outcome.fail("B.", caused_by=["app.a"]))
    scan = run(a, b)
    assert len(scan.diagnosis.root_causes) == 1
    assert scan.diagnosis.headline in ("A.", "B.")


def test_errors_are_not_root_causes_but_are_listed():
    def boom(ctx):
        raise ValueError("x")

    scan = run(make_check("app.crash", collect=boom), make_check("app.fine"))
    assert scan.diagnosis.root_causes == []
    assert scan.diagnosis.could_not_check == ["app.crash"]
    assert scan.diagnosis.headline == "We found no problem, but some checks could not be done."
    assert scan.diagnosis.status is Status.ERROR


def test_a_failure_and_an_error_exit_2_and_the_headline_is_the_failure():
    def boom(ctx):
        raise ValueError("x")

    scan = run(make_check("app.crash", collect=boom), failing("app.bad", "Bad."))
    assert scan.exit_code() == 2
    assert scan.diagnosis.status is Status.FAIL
    assert scan.diagnosis.headline == "Bad."


def test_dependency_loop_is_reported_not_waited_on():
    a = make_check("app.a", depends_on=("app.b",))
    b = make_check("app.b", depends_on=("app.a",))
    scan = run(a, b, make_check("app.fine"))
    assert scan.result("app.a").status is Status.ERROR
    assert "loop" in scan.result("app.a").summary
    assert scan.result("app.fine").status is Status.PASS


# --- cancellation, budget, progress, platforms ------------------------------------------------


def test_cancel_from_another_thread_returns_quickly_and_skips_unfinished_checks(gate):
    polite_gate = Gate()
    stubborn = make_check("app.stubborn", collect=lambda ctx: gate.hold(), timeout=60)
    polite = make_check("app.polite", collect=lambda ctx: polite_gate.hold(ctx, honour_cancel=True), timeout=60)
    waiting = make_check("app.waiting", timeout=60, depends_on=("app.stubborn",))
    registry = registry_of(stubborn, polite, waiting, make_check("app.quick"))
    quick_done = threading.Event()
    runner = Runner(registry, config(), on_event=lambda ev, cid, p: quick_done.set() if (ev, cid) == ("finished", "app.quick") else None)
    box = {}
    worker = threading.Thread(target=lambda: box.setdefault("scan", runner.run(list(registry))))
    worker.start()
    assert gate.entered.wait(10) and polite_gate.entered.wait(10) and quick_done.wait(10)
    runner.cancel()
    worker.join(10)
    assert not worker.is_alive(), "run() did not return after cancel()"
    scan = box["scan"]
    assert scan.cancelled and runner.cancelled
    for cid in ("app.stubborn", "app.polite", "app.waiting"):
        assert scan.result(cid).status is Status.SKIP
        assert scan.result(cid).summary == "Not checked: the scan was cancelled."
    assert scan.result("app.quick").status is Status.PASS
    assert scan.to_dict()["cancelled"] is True


def test_total_budget_stops_the_scan_and_skips_what_did_not_start(gate):
    slow = make_check("app.slow", collect=lambda ctx: gate.hold(), timeout=60)
    later = make_check("app.later", priority=99)
    registry = registry_of(slow, later)
    scan = Runner(registry, config(), max_workers=1, total_budget=0.3).run(select(registry, config()))
    assert scan.result("app.slow").status is Status.ERROR
    assert scan.result("app.slow").summary == "This check was stopped because the scan ran out of time."
    assert scan.result("app.later").status is Status.SKIP
    assert scan.result("app.later").summary == "Not checked: the scan ran out of time."


def test_total_budget_comes_from_config(gate):
    slow = make_check("app.slow", collect=lambda ctx: gate.hold(), timeout=60)
    scan = run(slow, cfg=config({"checks": {"total_budget": 0.2}}))
    assert scan.result("app.slow").status is Status.ERROR


def test_progress_events_started_then_finished_for_every_check():
    events = []
    other = "windows" if current_platform() != "windows" else "linux"
    classes = [
        failing("app.root"),
        make_check("app.consequence", depends_on=("app.root",)),
        make_check("app.elsewhere", platforms=(other,)),
        make_check("app.plain"),
    ]
    registry = registry_of(*classes)
    registry.problems.append(LoadProblem("/etc/selfcheck/checks/broken.py", "The check file broken.py could not be loaded."))
    scan = Runner(registry, config(), on_event=lambda ev, cid, payload: events.append((ev, cid, payload))).run(list(registry))
    ids = [r.check_id for r in scan.results]
    assert len(ids) == 5
    for cid in ids:
        mine = [(ev, p) for ev, c, p in events if c == cid]
        assert [ev for ev, _p in mine] == ["started", "finished"], cid
        assert isinstance(mine[0][1], str) and mine[1][1] is scan.result(cid)


def test_a_broken_progress_callback_does_not_stop_the_scan():
    def explode(ev, cid, payload):
        raise RuntimeError("GUI bug")

    scan = run(make_check("app.one"), make_check("app.two"), runner_kw={"on_event": explode})
    assert [r.status for r in scan.results] == [Status.PASS, Status.PASS]


def test_checks_for_another_platform_are_skipped_with_a_reason():
    other = "darwin" if current_platform() != "darwin" else "windows"
    scan = run(make_check("os.mac-only", platforms=(other,)), make_check("os.here", platforms=(current_platform(),)))
    assert scan.result("os.mac-only").status is Status.SKIP
    assert scan.result("os.mac-only").summary == "This check does not apply to this operating system."
    assert scan.result("os.here").status is Status.PASS


def test_load_problems_are_error_results_naming_the_file_while_others_run():
    registry = registry_of(make_check("app.fine"))
    registry.problems.append(LoadProblem("/srv/checks/broken.py", "The check file broken.py could not be loaded (SyntaxError: invalid syntax).", "tb"))
    registry.problems.append(LoadProblem("/srv/checks/broken.py", "Another problem in broken.py."))
    scan = Runner(registry, config()).run(list(registry))
    errors = [r for r in scan.results if r.status is Status.ERROR]
    assert len(errors) == 2 and len({r.check_id for r in errors}) == 2
    # the file and its problem for the admin, in the exact details; the customer's summary in plain words
    assert errors[0].evidence == {"file": "/srv/checks/broken.py", "problem": "The check file broken.py could not be loaded (SyntaxError: invalid syntax)."}
    assert errors[0].title == "A company check could not be loaded"
    assert scan.result("app.fine").status is Status.PASS
    assert scan.load_problems[0]["source"] == "/srv/checks/broken.py"
    assert Runner(registry, config()).run(list(registry), include_load_problems=False).exit_code() == 0


def test_more_checks_than_workers_all_run():
    classes = [make_check(f"app.c{i:02d}") for i in range(30)]
    scan = run(*classes, runner_kw={"max_workers": 3})
    assert [r.status for r in scan.results] == [Status.PASS] * 30


# --- selection, re-evaluation, round trip -----------------------------------------------------


def test_select_by_symptom_category_id_and_pulls_in_dependencies():
    registry = registry_of(
        make_check("hardware.disk"),
        make_check("os.uptime"),
        make_check("network.link", priority=10),
        make_check("network.dns", depends_on=("network.link",), priority=20),
        make_check("security.firewall"),
    )
    cfg = config()
    ids = lambda checks: [c.id for c in checks]  # noqa: E731
    assert ids(select(registry, cfg, symptom="slow-computer")) == ["hardware.disk", "os.uptime"]
    assert set(ids(select(registry, cfg, symptom="internet"))) == {"network.link", "network.dns"}
    assert ids(select(registry, cfg, categories=["network"])) == ["network.link", "network.dns"]
    assert ids(select(registry, cfg, check_ids=["network.dns"])) == ["network.link", "network.dns"]
    assert ids(select(registry, cfg, check_ids=["hardware.*"])) == ["hardware.disk"]
    assert len(select(registry, cfg, symptom="everything")) == 5
    with pytest.raises(KeyError):
        select(registry, cfg, symptom="no-such-symptom")


def test_reevaluate_in_french_translates_results_and_keeps_skips():
    def no_battery(ctx):
        raise SkipCheck("No battery.")

    registry = registry_of(
        make_check("os.uptime-like", collect=lambda ctx: {}, evaluate=lambda f, t: Outcome.warn(_("Warning")), title="Note"),
        make_check("hardware.battery", collect=no_battery),
    )
    scan = Runner(registry, config()).run(list(registry))
    assert scan.result("os.uptime-like").summary == "Warning"
    i18n.set_language("fr")
    again = reevaluate(registry, config(), scan)
    assert again.language == "fr"
    assert again.result("os.uptime-like").summary == "Attention"
    assert again.result("os.uptime-like").title == "Pour information"
    assert again.result("hardware.battery").status is Status.SKIP
    assert again.result("hardware.battery").summary == "No battery."
    assert again.id == scan.id


def test_a_dependency_skip_is_said_again_in_the_readers_language_naming_the_checks_in_it():
    """The runner's own reason for a skip (a check it depends on found a problem) followed a language switch neither in
    its words nor in the title it names (brand review s32: skip reasons stayed in the language of the scan)."""
    registry = registry_of(failing("app.root", title="Note"), make_check("app.child", depends_on=("app.root",)))
    scan = Runner(registry, config()).run(list(registry))
    assert scan.result("app.child").summary == "Not checked, because of the problem found by “Note”."
    i18n.set_language("fr")
    french = reevaluate(registry, config(), scan)
    assert french.result("app.child").summary == "Non vérifié, à cause du problème trouvé par «\u00a0Pour information\u00a0»."
    assert french.result("app.child").consequence_of == ["app.root"]
    i18n.set_language("en")
    assert reevaluate(registry, config(), french).result("app.child").summary == scan.result("app.child").summary


def _no_battery(ctx):
    raise SkipCheck(_("This computer has no battery."))


@pytest.mark.parametrize("field", ["kept", "absent"])
def test_a_skip_reason_in_a_file_is_said_in_the_readers_language_and_an_older_file_reads_as_before(field):
    """A French customer's scan (its JSON, as a bundle carries it) read by an English agent: the check's own reason
    (SkipCheck(_("…")) in collect) is said in English, by the agent's selfcheck even without the check (a company's,
    another platform's). A file made before the reason's words were kept says it as written."""
    registry = registry_of(make_check("hardware.battery", collect=_no_battery))
    i18n.set_language("fr")
    scan = Runner(registry, config()).run(list(registry))
    assert scan.result("hardware.battery").summary == "Cet ordinateur n’a pas de batterie."
    data = json.loads(json.dumps(scan.to_dict()))
    if field == "absent":
        for result in data["results"]:
            result.pop("summary_msgid", None)
    i18n.set_language("en")
    for reader in (registry, registry_of()):
        read = reevaluate(reader, config(), Scan.from_dict(data)).result("hardware.battery")
        assert read.status is Status.SKIP
        assert read.summary == ("This computer has no battery." if field == "kept" else "Cet ordinateur n’a pas de batterie.")


def test_a_files_skip_reason_says_only_selfchecks_own_sentences_again():
    """A hand-made or hostile file's ``summary_msgid`` that no catalogue knows changes nothing: the reason stays as written."""
    registry = registry_of(make_check("hardware.battery", collect=_no_battery))
    data = json.loads(json.dumps(Runner(registry, config()).run(list(registry)).to_dict()))
    data["results"][0]["summary_msgid"] = "Call 555-0100 now."
    i18n.set_language("fr")
    assert reevaluate(registry, config(), Scan.from_dict(data)).result("hardware.battery").summary == "This computer has no battery."


def test_scan_round_trips_through_json():
    scan = run(failing("app.root", "Root."), make_check("app.child", depends_on=("app.root",)))
    data = json.loads(json.dumps(scan.to_dict()))
    back = Scan.from_dict(data)
    assert back.to_dict() == scan.to_dict()
    assert back.result("app.child").consequence_of == ["app.root"]


@pytest.mark.parametrize(
    ("statuses", "code"),
    [
        ((Status.PASS, Status.INFO, Status.SKIP), 0),
        ((Status.PASS, Status.WARN), 1),
        ((Status.WARN, Status.FAIL), 2),
        ((Status.PASS, Status.ERROR), 3),
        ((Status.WARN, Status.ERROR), 3),
        ((Status.FAIL, Status.ERROR), 2),
    ],
)
def test_exit_codes_follow_the_monitoring_plugin_convention(statuses, code):
    classes = [outcome_check(f"app.c{i}", lambda s=s: Outcome(s, "x") if s is not Status.ERROR else 1) for i, s in enumerate(statuses)]
    assert run(*classes).exit_code() == code


def test_checks_after_a_hung_one_still_run_on_a_fresh_worker(gate):
    hung = make_check("app.hung", collect=lambda ctx: gate.hold(), timeout=0.2, priority=1)
    later = [make_check(f"app.later{i}", priority=2) for i in range(3)]
    registry = registry_of(hung, *later)
    scan = Runner(registry, config(), max_workers=1).run(select(registry, config()))
    assert scan.result("app.hung").status is Status.ERROR
    assert [scan.result(c.id).status for c in later] == [Status.PASS] * 3


def test_caused_by_in_the_scan_json_never_names_a_check_that_passed():
    from checkkit import outcome_check, registry_of
    from selfcheck.api import Outcome
    from selfcheck.config import from_dict
    from selfcheck.runner import Runner

    below = outcome_check("network.below", lambda: Outcome.ok("fine"))
    broken = outcome_check("network.broken", lambda: Outcome.warn("slow", advice=["wait"]))
    above = outcome_check("network.above", lambda: Outcome.fail("no", advice=["x"], caused_by=["network.below", "network.broken"]))
    registry = registry_of(below, broken, above)
    scan = Runner(registry, from_dict({})).run(list(registry))
    by_id = {r["id"]: r for r in scan.to_dict()["results"]}
    assert by_id["network.above"]["caused_by"] == ["network.broken"]


def _crashes(ctx):
    raise RuntimeError("the disk vanished")


_COULD_NOT_CHECK = {
    "en": {
        "app.hangs": "This check did not finish in time (0.3 seconds) and was stopped.",
        "app.crashes": "This check stopped because of an internal error.",
        "load": "One of the checks your IT team added is broken, so it could not run.",
        "load title": "A company check could not be loaded",
        # checks a test registers come from "test", not selfcheck's own: a company's, its IT team's to mend
        "advice": "Tell your IT or support team: one of the checks they added is broken. The other checks still ran.",
        "load advice": "Tell your IT or support team: one of the checks they added is broken. The other checks still ran.",
    },
    "fr": {
        "app.hangs": "Cette vérification ne s’est pas terminée à temps (0.3 secondes) et a été arrêtée.",
        "app.crashes": "Cette vérification s’est arrêtée à cause d’une erreur interne.",
        "load": "Une des vérifications ajoutées par votre service informatique ne fonctionne pas\u00a0: elle n’a pas pu être faite.",
        "load title": "Une vérification de votre entreprise n’a pas pu être chargée",
        "advice": "Prévenez votre service informatique ou l’assistance\u00a0: une des vérifications qu’ils ont ajoutées ne fonctionne pas. Les autres vérifications ont bien été faites.",
        "load advice": "Prévenez votre service informatique ou l’assistance\u00a0: une des vérifications qu’ils ont ajoutées ne fonctionne pas. Les autres vérifications ont bien été faites.",
    },
}


def _could_not_check_words(scan):
    load = next(r for r in scan.results if r.check_id.startswith("plugin.load-error-"))
    return {
        "app.hangs": scan.result("app.hangs").summary,
        "app.crashes": scan.result("app.crashes").summary,
        "load": load.summary,
        "load title": load.title,
        "advice": scan.result("app.hangs").advice[0] if scan.result("app.crashes").advice == scan.result("app.hangs").advice else "?",
        "load advice": load.advice[0],
    }


@pytest.mark.parametrize(("first", "then"), [("en", "fr"), ("fr", "en")])
def test_a_could_not_check_reason_and_its_advice_are_said_in_the_readers_language(gate, tmp_path, first, then):
    """A check that took too long or crashed, and a company check file that could not be loaded, kept their reason and
    advice in the language of the scan after a language switch and in a bundle read in another language (an English
    "This check did not finish in time (0.3 seconds) and was stopped." in a French window). Said again now, the
    seconds kept; by the agent's selfcheck even without the checks; a file made before reads as written."""
    from selfcheck.discovery import load_folder

    (tmp_path / "acme.py").write_text('raise RuntimeError("no licence server")\n')
    i18n.set_language(first)
    registry = registry_of(make_check("app.hangs", collect=lambda ctx: gate.hold(), timeout=0.3), make_check("app.crashes", collect=_crashes))
    load_folder(registry, tmp_path)
    scan = Runner(registry, config()).run(list(registry))
    gate.release.set()
    assert _could_not_check_words(scan) == _COULD_NOT_CHECK[first]
    data = json.loads(json.dumps(scan.to_dict()))
    i18n.set_language(then)
    assert _could_not_check_words(reevaluate(registry, config(), scan)) == _COULD_NOT_CHECK[then]  # the window's switch
    assert _could_not_check_words(reevaluate(registry_of(), config(), Scan.from_dict(data))) == _COULD_NOT_CHECK[then]  # a bundle
    for result in data["results"]:  # a file from before: as written (the load problem's fixed title is said again)
        for key in ("summary_msgid", "summary_values", "advice_msgids"):
            result.pop(key)
    older = _could_not_check_words(reevaluate(registry_of(), config(), Scan.from_dict(data)))
    assert older == {**_COULD_NOT_CHECK[first], "load title": _COULD_NOT_CHECK[then]["load title"]}


def test_a_files_could_not_check_values_that_do_not_fit_leave_the_reason_as_written():
    """A hand-made or hostile file's values (missing, not text, a sentence no catalogue knows) change nothing."""
    registry = registry_of(make_check("app.crashes", collect=_crashes))
    data = json.loads(json.dumps(Runner(registry, config()).run(list(registry)).to_dict()))
    written = data["results"][0]
    written["summary_msgid"] = "This check did not finish in time ({seconds} seconds) and was stopped."
    i18n.set_language("fr")
    for values in ({}, {"seconds": 5}, {"seconds": {"msgid": "Call 555-0100 now."}}, ["5"]):
        written["summary_values"] = values
        assert reevaluate(registry, config(), Scan.from_dict(data)).result("app.crashes").summary == "This check stopped because of an internal error."
    written["summary_values"] = {"seconds": "5"}
    assert reevaluate(registry, config(), Scan.from_dict(data)).result("app.crashes").summary == (
        "Cette vérification ne s’est pas terminée à temps (5 secondes) et a été arrêtée."
    )


def test_a_hanging_check_is_logged_with_the_file_and_line_it_waits_at(gate, caplog):
    """A company check that hangs was logged as "timed out after 3.00 s" and nothing else: the admin who wrote it could
    not tell where. As a check that raises logs its traceback, the log (and the bundle's traceback) name the line."""

    def wait_for_the_box(ctx):
        gate.hold()  # the line the admin must find

    caplog.set_level("WARNING", logger="selfcheck.runner")
    scan = run(make_check("app.clearline-router-login", collect=wait_for_the_box, timeout=0.3))
    hung = scan.result("app.clearline-router-login")
    assert hung.status is Status.ERROR
    assert "wait_for_the_box" not in hung.summary and "Traceback" not in hung.summary
    logged = "\n".join(r.getMessage() for r in caplog.records if "app.clearline-router-login" in r.getMessage())
    line = wait_for_the_box.__code__.co_firstlineno + 1
    assert f'test_runner.py", line {line}, in wait_for_the_box' in logged
    assert f'test_runner.py", line {line}, in wait_for_the_box' in (hung.traceback or "")


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_company_check_that_fails_tells_the_customer_to_tell_their_it_team_as_one_set_aside_does(tmp_path, lang):
    """An admin's day one: a company check of theirs that raised told the customer "Try again. If it happens again, send
    the diagnostic bundle to support." (a word customers do not use, and support did not write the check), while one
    set aside after closing the program said to tell their IT team. The company's own check not working is their IT's
    business: its result and the verdict say so, as for a check set aside or one that could not be loaded."""
    from selfcheck.discovery import load_folder
    from selfcheck.runner import LOAD_PROBLEM_ADVICE

    (tmp_path / "clearline.py").write_text(
        "from selfcheck.api import Check, Outcome\n\n\n"
        "class Mail(Check):\n"
        '    id = "app.clearline-mail"\n    title = "Clearline mail"\n    category = "app"\n\n'
        "    def collect(self, ctx):\n        raise RuntimeError('no mail server')\n\n"
        "    def evaluate(self, facts, thresholds):\n        return Outcome.ok('fine')\n\n\n"
        "class Licence(Check):\n"
        '    id = "app.clearline-licence"\n    title = "Clearline licence"\n    category = "app"\n\n'
        "    def collect(self, ctx):\n        return {}\n\n"
        "    def evaluate(self, facts, thresholds):\n        return facts['days_left']\n",
        encoding="utf-8",
    )
    i18n.set_language(lang)
    try:
        registry = registry_of()
        load_folder(registry, tmp_path)
        scan = Runner(registry, config()).run(list(registry))
        told = _(LOAD_PROBLEM_ADVICE)
        for check_id in ("app.clearline-mail", "app.clearline-licence"):
            assert scan.result(check_id).status is Status.ERROR
            assert scan.result(check_id).advice == [told], scan.result(check_id).advice
        assert scan.diagnosis.verdict.action is not None and scan.diagnosis.verdict.action.text == told
        said = " ".join([scan.diagnosis.verdict.headline, told, *(r.summary for r in scan.results)])
        assert not re.search(r"(?i)bundle|dossier de diagnostic", said), said
    finally:
        i18n.set_language("en")
