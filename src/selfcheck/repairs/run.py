"""Doing a repair end to end: policy, consent, the action (elevated only when it must be),
checking again with the verifying checks, and a record for support."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from selfcheck.api import Status
from selfcheck.i18n import _

from . import elevation, policy
from .catalog import REPAIRS
from .model import ActionResult, Env, Repair, running_as_admin

log = logging.getLogger("selfcheck.repairs")

# what happened, in one word (history, bundle, ticket text, exit codes)
FIXED = "fixed"  # done, and the checks that verify it now pass
NOT_FIXED = "not_fixed"  # done, but the checks still see a problem
FAILED = "failed"  # the repair did not work (said whether anything changed)
DECLINED = "declined"  # the person said no (to the question, or to the administrator prompt)
NOT_POSSIBLE = "not_possible"  # not allowed by the company, or not possible on this computer
DONE = "done"  # done, nothing to check it with

#: how long the person has to answer the system's administrator prompt
PROMPT_SECONDS = 180.0

EXIT_CODES = {FIXED: 0, DONE: 0, NOT_FIXED: 1, FAILED: 2, NOT_POSSIBLE: 3, DECLINED: 4}

Progress = Callable[[str], None]


@dataclass
class RepairReport:
    """One repair tried: what the front ends say, and what the history, bundle and ticket keep."""

    repair_id: str
    outcome: str
    message: str
    started_at: str
    finished_at: str = ""
    result: ActionResult | None = None
    #: check id -> status before and after ("pass", "fail"...)
    before: dict[str, str] = field(default_factory=dict)
    after: dict[str, str] = field(default_factory=dict)
    manual: list[str] = field(default_factory=list)
    elevated: bool = False
    after_scan: Any = None  # the verifying checks' scan, for the window

    @property
    def exit_code(self) -> int:
        return EXIT_CODES.get(self.outcome, 2)

    def to_dict(self) -> dict[str, Any]:
        return {
            "repair": self.repair_id,
            "outcome": self.outcome,
            "message": self.message,
            "started_at": self.started_at,
            "finished_at": self.finished_at,
            "changed_nothing": bool(self.result.unchanged) if self.result else True,
            "freed_bytes": self.result.freed_bytes if self.result else None,
            "steps": list(self.result.steps) if self.result else [],
            "elevated": self.elevated,
            "checks_before": dict(self.before),
            "checks_after": dict(self.after),
        }


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def run_checks(app: Any, check_ids: list[str], into: Any = None) -> Any:
    """The verifying checks (with what they depend on), through the core's one scan function; None when none is known here."""
    from selfcheck.runner import select
    from selfcheck.scan import run_scan

    ids = [c for c in check_ids if app.registry.get(c) is not None]
    if not ids:
        return None
    selection = select(app.registry, app.config, check_ids=ids)
    # merged into the scan on screen when there is one: the history keeps a whole scan, as after "check again"
    return run_scan(app, selection, include_load_problems=False, into=into, symptom=getattr(into, "symptom", None))


def statuses(scan: Any, check_ids: list[str]) -> dict[str, str]:
    if scan is None:
        return {}
    out = {}
    for cid in check_ids:
        result = scan.result(cid)
        if result is not None:
            out[cid] = result.status.value
    return out


def _unjudged(app: Any, verify: list[str], before: dict[str, str], after: dict[str, str], scan: Any) -> bool:
    """A verifying check gave no answer after the repair (crashed, out of time, skipped, or the checking itself failed).

    A check skipped before the repair as well (it does not apply here) is not one the repair could be judged by.
    """
    if scan is None:
        return any(app.registry.get(c) is not None for c in verify)
    for cid, status in after.items():
        if Status(status) is Status.ERROR or (Status(status) is Status.SKIP and before.get(cid) != Status.SKIP.value):
            return True
    return False


def _manual(repair: Repair) -> list[str]:
    return repair.describe()["manual"]


def not_possible_reason(app: Any, repair: Repair, platform: str) -> str | None:
    """Why this repair cannot be offered here (policy, platform, this computer), or None."""
    if not policy.allowed(app.config, repair.id):
        return _("Your organisation does not allow this program to do this repair.")
    action = repair.action(platform)
    if action is None:
        return _("This program cannot do this repair on this kind of computer.")
    if action.needs_admin and not policy.may_elevate(app.config, repair.id) and not running_as_admin():
        return _("This repair needs administrator rights, and your organisation does not allow this program to ask for them.")
    return action.unavailable(Env(platform=platform))


def _facts(scan: Any) -> dict[str, Any]:
    """What the checks of ``scan`` collected, by check id (none without a scan)."""
    facts = getattr(scan, "facts", None)
    return dict(facts) if isinstance(facts, dict) else {}


def _thresholds(app: Any, repair: Repair) -> dict[str, dict[str, Any]]:
    """The verifying checks' thresholds, by check id: how they judge what they collected (:attr:`Env.thresholds`)."""
    return {c: cls.thresholds_from(app.config) for c in repair.verify if (cls := app.registry.get(c)) is not None}


def preview(app: Any, repair_id: str, platform: str | None = None, cancel: threading.Event | None = None, scan: Any = None) -> list[str]:
    """What the repair would do on this computer (shown with the consent question); may take seconds. ``cancel``: set
    when the answer is no longer wanted (the window was closed), the look-up stops early and says nothing. ``scan``: the
    one the repair was offered from; an action that acts on what its checks found runs them when it lacks their facts."""
    repair = REPAIRS[repair_id]
    env = Env(platform=platform) if platform else Env()
    if cancel is not None:
        env.cancelled = cancel
    action = repair.action(env.platform)
    if action is None:
        return []
    try:
        env.facts = _facts(scan)
        env.thresholds = _thresholds(app, repair)
        if action.reads_facts and not all(c in env.facts for c in repair.verify if app.registry.get(c) is not None):
            env.facts = {**_facts(run_checks(app, list(repair.verify))), **env.facts}
        return action.preview(env)
    except Exception:
        log.exception("preview of %s failed", repair_id)
        return []


def counting(repair_id: str, platform: str | None = None) -> str:
    """What the window says while :func:`preview` looks (plain words), or "" when this repair has nothing to look at."""
    env = Env(platform=platform) if platform else Env()
    action = REPAIRS[repair_id].action(env.platform)
    return action.counting(env) if action is not None else ""


def perform(
    app: Any,
    repair_id: str,
    *,
    progress: Progress | None = None,
    before_scan: Any = None,
    env: Env | None = None,
    elevate: Callable[[Env, str, float], elevation.Elevated] = elevation.elevate,
    record: bool = True,
    also_verify: tuple[str, ...] = (),
) -> RepairReport:
    """Do one repair the person agreed to, then check again; never raises.

    ``before_scan``: a scan already on screen (its results are the "before");
    without it the verifying checks run first. ``also_verify``: more checks to run again (the one
    whose card offered the repair).
    """
    say = progress or (lambda _text: None)
    repair = REPAIRS.get(repair_id)
    started = _now()
    if repair is None:
        return RepairReport(repair_id, NOT_POSSIBLE, _("This program does not know this repair."), started, _now())
    env = env or Env()
    env.is_admin = env.is_admin or running_as_admin()
    env.deadline = time.monotonic() + repair.max_seconds
    report = RepairReport(repair_id, NOT_POSSIBLE, "", started, manual=_manual(repair))
    try:
        reason = not_possible_reason(app, repair, env.platform)
        if reason:
            report.message = reason
            return _finish(app, report, record)
        verify = list(dict.fromkeys([*repair.verify, *also_verify]))
        if before_scan is not None and all(before_scan.result(c) is not None for c in verify if app.registry.get(c)):
            report.before = statuses(before_scan, verify)
            checked = before_scan
        else:
            say(_("Checking before the repair…"))
            checked = run_checks(app, verify)
            report.before = statuses(checked, verify)
        env.facts = {**_facts(checked), **env.facts}  # the drive the disk check found full: the Recycle Bin's part it empties
        env.thresholds = {**_thresholds(app, repair), **env.thresholds}
        action = repair.action(env.platform)
        assert action is not None
        say(_("Repairing: {title}…").format(title=repair.text(repair.title, env.platform)))
        if action.needs_admin and not env.is_admin:
            say(_("Waiting for administrator rights…"))
            elevated = elevate(env, repair.id, PROMPT_SECONDS + float(repair.max_seconds))
            report.elevated = True
            if elevated.problem == elevation.DECLINED:
                report.outcome = DECLINED
                report.result = ActionResult(False, unchanged=True, elevation=elevation.DECLINED, steps=[elevated.detail] if elevated.detail else [])
                report.message = _("Administrator rights were not given, so nothing was changed.")
                return _finish(app, report, record)
            if elevated.problem == elevation.REFUSED:
                report.outcome = DECLINED
                report.result = ActionResult(False, unchanged=True, elevation=elevation.REFUSED, steps=[elevated.detail] if elevated.detail else [])
                report.message = _(
                    "The computer did not give administrator rights for this repair, so nothing was changed."
                    " The password may not have been accepted, or the computer's rules do not allow it."
                )
                return _finish(app, report, record)
            if elevated.problem == elevation.UNAVAILABLE or elevated.result is None:
                report.result = ActionResult(False, unchanged=True, elevation=elevation.UNAVAILABLE, steps=[elevated.detail] if elevated.detail else [])
                report.message = _("This program could not ask for administrator rights on this computer, so nothing was changed.")
                return _finish(app, report, record)
            result = elevated.result
            result.message = ""  # written in the helper's language: the message below is the reader's
        else:
            try:
                result = action.run(env)
            except Exception as exc:
                log.exception("repair %s failed", repair.id)
                result = ActionResult(False, "", steps=[f"{type(exc).__name__}: {exc}"[:300]])
        report.result = result
        if not result.ok:
            report.outcome = FAILED
            if result.message:
                report.message = result.message
            elif result.unchanged:
                report.message = _("The repair did not work. Nothing was changed on your computer.")
            else:
                report.message = _("The repair did not work, and part of it may have been done.")
            return _finish(app, report, record)
        say(_("Checking again…"))
        try:
            scan = run_checks(app, verify, into=before_scan)
        except Exception:  # the repair was done: what the customer reads says so, not "did not work"
            log.exception("checking again after repair %s failed", repair.id)
            scan = None
        report.after_scan = scan
        report.after = statuses(scan, verify)
        done = result.message or _("Done.")
        if any(Status(s) in (Status.WARN, Status.FAIL) for s in report.after.values()):
            report.outcome, report.message = NOT_FIXED, done + " " + _("This program checked again: the problem is still there.")
        elif _unjudged(app, verify, report.before, report.after, scan):
            # a check that crashed, ran out of time or was skipped after the repair saw nothing: neither "solved" nor "still there"
            report.outcome, report.message = DONE, done + " " + _("This program could not check again whether the problem is solved.")
        elif any(Status(s) is not Status.SKIP for s in report.after.values()):
            report.outcome, report.message = FIXED, done + " " + _("This program checked again: the problem is solved.")
        else:
            report.outcome, report.message = DONE, done
        return _finish(app, report, record)
    except Exception:  # never a traceback for the customer
        log.exception("repair %s could not be done", repair_id)
        report.outcome, report.message = FAILED, _("The repair did not work.")
        return _finish(app, report, record)


def _finish(app: Any, report: RepairReport, record: bool) -> RepairReport:
    report.finished_at = _now()
    if report.outcome in (FAILED, NOT_POSSIBLE, DECLINED) and report.manual:
        pass  # front ends show the manual steps under the message
    log.info("repair %s: %s (%s)", report.repair_id, report.outcome, "; ".join(report.result.steps[:5]) if report.result else "")
    if record:
        try:
            from . import history

            history.add(app, report)
        except Exception:
            log.exception("could not record the repair in the history")
    return report
