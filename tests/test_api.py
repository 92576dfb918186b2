"""The check API's services: Context.run never raises and never hangs; statuses order by severity."""

from __future__ import annotations

import sys
import time

import psutil
import pytest

from selfcheck.api import Context, Outcome, Result, Status

pytestmark = pytest.mark.timeout(30)
PY = sys.executable


def test_run_returns_output_and_exit_code():
    out = Context().run([PY, "-c", "import sys; print('hello'); print('oops', file=sys.stderr); sys.exit(3)"])
    assert (out.returncode, out.stdout.strip(), out.stderr.strip(), out.ok) == (3, "hello", "oops", False)
    assert Context().run([PY, "-c", "pass"]).ok


def test_run_feeds_input():
    out = Context().run([PY, "-c", "import sys; print(sys.stdin.read().upper())"], input_text="abc")
    assert out.stdout.strip() == "ABC"


def test_a_missing_program_is_reported_not_raised():
    out = Context().run(["no-such-program-8841", "--version"])
    assert out.missing and out.returncode is None and not out.ok


def test_a_program_that_hangs_is_stopped_with_its_children(tmp_path):
    marker = tmp_path / "child-started"
    script = (
        "import subprocess, sys, time, pathlib;"
        f"child = subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(60)', 'sc-grandchild-{id(tmp_path)}']);"
        f"pathlib.Path({str(marker)!r}).write_text(str(child.pid));"
        "print('started', flush=True); time.sleep(60)"
    )
    out = Context().run([PY, "-c", script], timeout=1.5)
    assert out.timed_out and out.returncode is None
    assert "started" in out.stdout  # what it printed before being stopped is kept
    grandchild = int(marker.read_text())
    for _ in range(50):
        if not psutil.pid_exists(grandchild) or psutil.Process(grandchild).status() == psutil.STATUS_ZOMBIE:
            break
        time.sleep(0.05)
    assert not psutil.pid_exists(grandchild) or psutil.Process(grandchild).status() == psutil.STATUS_ZOMBIE


def test_the_check_deadline_bounds_a_command():
    ctx = Context(deadline=time.monotonic() + 0.3)
    out = ctx.run([PY, "-c", "import time; time.sleep(20)"], timeout=20)
    assert out.timed_out


def test_status_order_and_labels():
    assert Status.SKIP < Status.PASS < Status.INFO < Status.WARN < Status.FAIL < Status.ERROR
    assert max([Status.WARN, Status.ERROR, Status.PASS]) is Status.ERROR
    assert [s.is_problem for s in (Status.PASS, Status.WARN, Status.FAIL, Status.ERROR)] == [False, True, True, True]
    assert Status.FAIL.label == "Problem"


def test_result_round_trip_keeps_the_traceback_only_when_asked():
    result = Result("os.x", "X", "os", Outcome(Status.ERROR, "Could not."), traceback="Traceback ...")
    assert "traceback" not in result.to_dict()
    back = Result.from_dict(result.to_dict(include_traceback=True))
    assert back == result


def test_offered_repairs_travel_from_the_outcome_to_json_and_back():
    """What a check offers to repair reaches the window, `scan --json` and a bundle read later."""
    from selfcheck.api import Check, Outcome
    from selfcheck.runner import evaluate_facts

    class Full(Check):
        id, category, title = "hardware.full", "hardware", "Full"

        def collect(self, ctx: Context) -> dict:
            return {}

        def evaluate(self, facts: dict, thresholds: object) -> Outcome:
            return Outcome.fail("Your disk is almost full.", repairs=("storage.empty_trash",))

    result = Result.of(Full, evaluate_facts(Full, {}, {}))
    assert result.to_dict()["repairs"] == ["storage.empty_trash"]
    assert Result.from_dict(result.to_dict()).repairs == ["storage.empty_trash"]
    assert Result.from_dict({**result.to_dict(), "repairs": None}).repairs == []  # a bundle from an older selfcheck

    class Broken(Full):
        def evaluate(self, facts: dict, thresholds: object) -> Outcome:
            return Outcome.fail("x", repairs=[3])  # type: ignore[list-item]

    assert evaluate_facts(Broken, {}, {}).status is Status.ERROR
