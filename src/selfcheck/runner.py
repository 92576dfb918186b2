"""Running checks: concurrently, with time limits, cancellation and progress.

Each check runs ``collect`` then ``evaluate`` in a daemon thread of its own;
the scheduler (the thread calling :meth:`Runner.run`) starts a check once the
checks it depends on are done, so no check waits on another inside a worker.

Nothing a check does can take the scan down: an exception, a hang past its
timeout, facts that cannot be saved or an answer of the wrong type each become
an ``error`` result with a plain reason (the traceback is kept for the bundle).
A check whose dependency failed is skipped as a consequence of it.

A check that closes the whole program (``os._exit``, a native crash, the customer ending a program that hangs) does so
at most once: :mod:`selfcheck.crashwatch` notes the checks running; after such an end, they run alone in a child
process, and one whose child dies too is set aside (a "could not check" result, not run) until its code changes.
"""

from __future__ import annotations

import dataclasses
import fnmatch
import json
import logging
import queue
import sys
import threading
import time
import traceback
import uuid
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from selfcheck import __version__, crashwatch, symptoms
from selfcheck.api import URGENCIES, Check, Context, Facts, Fix, Interaction, LoadProblem, Outcome, Result, SkipCheck, Status, current_platform
from selfcheck.config import Config
from selfcheck.diagnosis import Diagnosis, diagnose, with_consequences
from selfcheck.discovery import Registry
from selfcheck.i18n import N_, _, current_language, msgid_of, say, say_again
from selfcheck.platforms import adminprompt
from selfcheck.platforms.adminprompt import ANSWERS

SCHEMA_VERSION = 1

log = logging.getLogger(__name__)

EventCallback = Callable[[str, str, Any], None]
"""``callback(event, check_id, payload)``; events: ``started`` (payload: title),
``finished`` (payload: :class:`Result`). Called from the thread running the scan."""


@dataclass
class Scan:
    """A finished (or cancelled) scan: what ``scan --json`` prints and bundles hold."""

    id: str
    started_at: str
    finished_at: str
    duration: float
    results: list[Result]
    facts: dict[str, Facts]
    diagnosis: Diagnosis
    symptom: str | None = None
    language: str = "en"
    platform: str = field(default_factory=current_platform)
    cancelled: bool = False
    config_problems: list[dict[str, Any]] = field(default_factory=list)
    load_problems: list[dict[str, Any]] = field(default_factory=list)
    checks: dict[str, dict[str, Any]] = field(default_factory=dict)
    version: str = __version__
    #: what the system's administrator prompt asks this account (selfcheck.platforms.adminprompt), told before a
    #: repair that needs the rights; None when not known (and in files older than it)
    admin_prompt: str | None = None

    def result(self, check_id: str) -> Result | None:
        return next((r for r in self.results if r.check_id == check_id), None)

    @property
    def status(self) -> Status:
        return self.diagnosis.status

    def exit_code(self) -> int:
        """Monitoring-plugin convention: 0 ok, 1 warning, 2 failure, 3 could not run."""
        statuses = {r.status for r in self.results}
        if Status.FAIL in statuses:
            return 2
        if Status.ERROR in statuses:
            return 3
        if Status.WARN in statuses:
            return 1
        return 0

    def to_dict(self, include_traceback: bool = False) -> dict[str, Any]:
        return {
            "schema_version": SCHEMA_VERSION,
            "selfcheck_version": self.version,
            "scan_id": self.id,
            "started_at": self.started_at,
            "finished_at": self.finished_at,
            "duration": round(self.duration, 4),
            "platform": self.platform,
            "language": self.language,
            "symptom": self.symptom,
            "cancelled": self.cancelled,
            "status": self.status.value,
            "exit_code": self.exit_code(),
            "diagnosis": self.diagnosis.to_dict(),
            "results": self._results_dicts(include_traceback),
            "checks": self.checks,
            "config_problems": self.config_problems,
            "load_problems": self.load_problems,
            "admin_prompt": self.admin_prompt,
        }

    def _results_dicts(self, include_traceback: bool) -> list[dict[str, Any]]:
        """The results; ``caused_by`` names only checks that found a problem in this scan (an evaluation names the
        checks whose failure *would* explain it: written as it is, "caused by" a check that passed reads as a claim)."""
        problems = {r.check_id for r in self.results if r.status.is_problem}
        out = []
        for r in self.results:
            data = r.to_dict(include_traceback)
            data["caused_by"] = [c for c in data.get("caused_by") or [] if c in problems]
            out.append(data)
        return out

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], facts: Mapping[str, Facts] | None = None) -> Scan:
        results = [Result.from_dict(r) for r in data.get("results", [])]
        prompt = data.get("admin_prompt") if data.get("admin_prompt") in ANSWERS else None
        return cls(
            id=str(data.get("scan_id", "")),
            started_at=str(data.get("started_at", "")),
            finished_at=str(data.get("finished_at", "")),
            duration=float(data.get("duration") or 0),
            results=results,
            facts=dict(facts or {}),
            diagnosis=Diagnosis.from_dict(data.get("diagnosis") or {}, results),
            admin_prompt=prompt,
            symptom=data.get("symptom") if isinstance(data.get("symptom"), str) else None,  # a bundle's: a dict is no key
            language=str(data.get("language", "en")),
            platform=str(data.get("platform", "")),
            cancelled=bool(data.get("cancelled")),
            config_problems=list(data.get("config_problems") or []),
            load_problems=list(data.get("load_problems") or []),
            checks=dict(data.get("checks") or {}),
            version=str(data.get("selfcheck_version", "")),
        )


def _now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")


def evaluate_facts(cls: type[Check], facts: Facts, thresholds: Mapping[str, Any]) -> Outcome:
    """Run a check's pure evaluation, turning any failure into an ``error`` outcome.

    An outcome of the wrong shape (not an :class:`Outcome`, an unknown status, a
    summary that is not text, evidence that cannot be saved as JSON) is an
    ``error`` too: front ends, JSON output and bundles can trust every result.
    """
    return _judge(cls, facts, thresholds)[0]


def _judge(cls: type[Check], facts: Facts, thresholds: Mapping[str, Any]) -> tuple[Outcome, str | None]:
    """:func:`evaluate_facts` and the traceback of an evaluation that raised (for the result's own field)."""
    advice = COULD_NOT_JUDGE if _builtin(cls) else COMPANY_CHECK_BROKEN
    try:
        outcome = cls().evaluate(facts, thresholds)
    except Exception as exc:
        error = Outcome(
            Status.ERROR,
            _("This program could not judge this check's findings."),
            advice=[_(advice)],
            evidence={"error": f"{type(exc).__name__}: {exc}"[:500]},
            advice_msgids=[advice],
        )
        return error, traceback.format_exc()
    problem = _outcome_problem(outcome)
    if problem:
        error = Outcome(
            Status.ERROR,
            _("This check gave an answer this program does not understand."),
            advice=[_(advice)],
            evidence={"error": problem},
            advice_msgids=[advice],
        )
        return error, None
    return outcome, None


def _builtin(cls: type[Check]) -> bool:
    """Whether ``cls`` is one of selfcheck's own checks, not one a company added (a file, a plugin): what to do when it
    does not work is then the company's IT's business (:data:`COMPANY_CHECK_BROKEN`), not support's."""
    return getattr(cls, "source", "builtin") == "builtin"


#: the fields of an Outcome that must be lists of texts, and what each holds (said in the error support reads)
_TEXT_LISTS = (
    ("caused_by", "check ids"),
    ("repairs", "repair ids"),
    ("folded_names", "texts"),
    ("says_symptoms", "symptom ids"),
    ("advice_msgids", "texts"),
)


def _outcome_problem(outcome: Any) -> str | None:
    """What is wrong with what ``evaluate`` returned (None when it is usable).

    A status given as a plain string ("warn") is accepted and converted.
    """
    if not isinstance(outcome, Outcome):
        return f"evaluate() returned {type(outcome).__name__}, not an Outcome"
    if not isinstance(outcome.status, Status):
        try:
            outcome.status = Status(outcome.status)
        except ValueError:
            return f"evaluate() returned the unknown status {outcome.status!r}"
    if not isinstance(outcome.summary, str):
        return f"the summary is {type(outcome.summary).__name__}, not text"
    if isinstance(outcome.advice, str):
        outcome.advice = [outcome.advice]
    if not isinstance(outcome.advice, list | tuple) or not all(isinstance(a, str) for a in outcome.advice):
        return "the advice is not a list of texts"
    outcome.advice = list(outcome.advice)
    if not isinstance(outcome.evidence, dict):
        return f"the evidence is {type(outcome.evidence).__name__}, not a dict"
    # the lists the front ends read: each a list of texts, or that check's answer is not understood (a company check's
    # folded_names=None or says_symptoms=None made every saving of the scan raise: scan --json, the bundle, the history)
    for name, what in _TEXT_LISTS:
        value = getattr(outcome, name)
        if not isinstance(value, list | tuple) or not all(isinstance(item, str) for item in value):
            return f"{name} is not a list of {what}"
        setattr(outcome, name, list(value))
    # review of stop 46: folded_advice="1" made the verdict raise (min of a text and a number)
    if isinstance(outcome.folded_advice, bool) or not isinstance(outcome.folded_advice, int) or outcome.folded_advice < 0:
        return "folded_advice is not a whole number of steps"
    if not isinstance(outcome.partial, bool):
        return "partial is not true or false"
    if outcome.summary_msgid is not None and not isinstance(outcome.summary_msgid, str):
        return "summary_msgid is not text"
    if not isinstance(outcome.summary_values, dict):
        return "summary_values is not a dict"
    if outcome.urgency is not None and outcome.urgency not in URGENCIES:
        return f"urgency must be one of {', '.join(URGENCIES)} or None, not {outcome.urgency!r}"
    if outcome.why is not None and not isinstance(outcome.why, str):
        return "why is not text"
    if outcome.help_url is not None and not isinstance(outcome.help_url, str):
        return "help_url is not text"
    if outcome.fix is not None and not isinstance(outcome.fix, Fix):
        return "fix is not a Fix"
    return _evidence_problem(outcome.evidence)


#: how deep a check's evidence may nest: results.json holds it three levels down, and a bundle whose files nest
#: deeper than selfcheck.bundle.read.MAX_DEPTH (64) is refused whole, so support could not open it
EVIDENCE_DEPTH = 32


def _evidence_problem(evidence: dict[str, Any]) -> str | None:
    """Why ``evidence`` could not travel in the scan's JSON and a bundle support can open (None when it can).

    Strict JSON: ``NaN`` and ``Infinity`` are not JSON (``scan --json`` readers choke on them, and the bundle
    reader refuses the whole results.json), and neither is nesting past what the bundle reader accepts.
    """
    stack: list[tuple[Any, int]] = [(evidence, 1)]
    while stack:  # iterative: a 10,000-deep dict must not raise RecursionError here
        node, depth = stack.pop()
        if isinstance(node, dict | list | tuple):
            if depth > EVIDENCE_DEPTH:
                return f"the evidence nests more than {EVIDENCE_DEPTH} levels"
            stack.extend((child, depth + 1) for child in (node.values() if isinstance(node, dict) else node))
    try:
        json.dumps(evidence, allow_nan=False)
    except (TypeError, ValueError, RecursionError) as exc:
        return f"the evidence cannot be saved as JSON ({exc})"
    return None


#: why a check was not run: a check it depends on found a problem (said again from ``consequence_of`` in another language)
DEPENDENCY_SKIP = N_("Not checked, because of the problem found by {checks}.")
#: a check's ``SkipCheck()`` without words
NOT_HERE = N_("This check does not apply here.")
#: a check stopped at its own time limit (in this process or in its child: crashwatch)
TOOK_TOO_LONG = N_("This check did not finish in time ({seconds} seconds) and was stopped.")
#: the advice on a check that could not be checked (it crashed, or took too long)
TRY_AGAIN = N_("Try again. If it happens again, contact support: what this program sends them says what went wrong.")
#: the advice on a built-in check whose findings could not be judged
COULD_NOT_JUDGE = N_("Contact support: what this program sends them holds the details.")
#: a company check that could not be loaded: the result's title (its id starts with LOAD_PROBLEM_ID) and advice
LOAD_PROBLEM_TITLE = N_("A company check could not be loaded")
LOAD_PROBLEM_ID = "plugin.load-error-"
LOAD_PROBLEM_ADVICE = N_("Tell your IT or support team: one of the checks they added is broken. The other checks still ran.")
#: the advice on a company check that raised, took longer than its own time limit or answered what cannot be read: as for
#: one that could not be loaded or was set aside, its IT team's business (an admin's day one: it said "send the diagnostic
#: bundle to support", a word customers do not use, to a support that did not write the check)
COMPANY_CHECK_BROKEN = LOAD_PROBLEM_ADVICE
#: what the customer reads first; the problem itself (the TOML parser's English, the file's path and line, a traceback)
#: is the admin's: in "The exact details, for support", the bundle and the log (an admin's day one, stop 33)
LOAD_PROBLEM_SUMMARY = N_("One of the checks your IT team added is broken, so it could not run.")
#: a check that made the program close, left out of scans until its code changes (selfcheck.crashwatch)
SET_ASIDE = N_("This check made this program close, so it is left out until it is updated.")
SET_ASIDE_COMPANY = N_("Tell your IT or support team that one of the checks they added made this program close. The other checks still ran.")
SET_ASIDE_BUILTIN = N_("Contact support: what this program sends them says which check made it close. The other checks still ran.")


def _dependency_reason(roots: Iterable[str], results: Mapping[str, Result]) -> str:
    """The dependency skip's reason in the current language, naming the checks by their results' titles."""
    titles = ", ".join(_("“{name}”").format(name=results[r].title) if r in results else r for r in roots)
    return _(DEPENDENCY_SKIP).format(checks=titles)


def _said_again(outcome: Outcome) -> Outcome:
    """A result kept as it was (not judged again) with the runner's words said in the current language: its summary
    from ``summary_msgid`` and its values, its advice from ``advice_msgids``; words without them stay as written."""
    if outcome.summary_msgid and outcome.summary_msgid != DEPENDENCY_SKIP:
        summary = say_again(outcome.summary_msgid, outcome.summary_values)
        if summary is not None:
            outcome = dataclasses.replace(outcome, summary=summary)
    if outcome.advice_msgids and len(outcome.advice_msgids) == len(outcome.advice):
        advice = [say_again(msgid) or step if msgid else step for msgid, step in zip(outcome.advice_msgids, outcome.advice, strict=True)]
        outcome = dataclasses.replace(outcome, advice=advice)
    return outcome


def reevaluate(registry: Registry, config: Config, scan: Scan) -> Scan:
    """Judge a scan's facts again (after a language switch, or in a newer selfcheck)."""
    results: list[Result] = []
    for old in scan.results:
        cls = registry.get(old.check_id)
        facts = scan.facts.get(old.check_id)
        if cls is None or facts is None or "skipped" in facts and len(facts) == 1:
            # nothing to judge again (not run, skipped before evaluate, crashed, timed out, not loaded): keep it,
            # retitled, its reason and advice said again
            said = _said_again(old.outcome)
            if cls is None:
                title = _(LOAD_PROBLEM_TITLE) if old.check_id.startswith(LOAD_PROBLEM_ID) else old.title
                results.append(dataclasses.replace(old, title=title, outcome=said, consequence_of=list(old.consequence_of)))
            else:
                kept = Result.of(cls, said, duration=old.duration, started_at=old.started_at, traceback=old.traceback)
                results.append(dataclasses.replace(kept, consequence_of=list(old.consequence_of)))
            continue
        # a skip evaluate() decided (no support dates for Gentoo) is judged again as any other result
        outcome, tb = _judge(cls, facts, cls.thresholds_from(config))
        results.append(Result.of(cls, outcome, duration=old.duration, started_at=old.started_at, traceback=tb))
    by_id = {r.check_id: r for r in results}
    results = [
        dataclasses.replace(r, outcome=dataclasses.replace(r.outcome, summary=_dependency_reason(r.consequence_of, by_id)))
        if r.outcome.summary_msgid == DEPENDENCY_SKIP and r.status is Status.SKIP and r.consequence_of
        else r
        for r in results
    ]
    results = with_consequences(results, registry)
    diagnosis = diagnose(results, registry, config, scan.symptom, admin_prompt=scan.admin_prompt)
    return Scan(
        admin_prompt=scan.admin_prompt,
        id=scan.id,
        started_at=scan.started_at,
        finished_at=scan.finished_at,
        duration=scan.duration,
        results=results,
        facts=scan.facts,
        diagnosis=diagnosis,
        symptom=scan.symptom,
        language=current_language(),
        platform=scan.platform,
        cancelled=scan.cancelled,
        config_problems=scan.config_problems,
        load_problems=scan.load_problems,
        checks=scan.checks,
        version=scan.version,
    )


def select(
    registry: Registry,
    config: Config,
    *,
    check_ids: Iterable[str] = (),
    categories: Iterable[str] = (),
    symptom: str | None = None,
) -> list[type[Check]]:
    """The checks a scan runs, in a stable order, dependencies included."""
    check_ids, categories = list(check_ids), list(categories)
    wanted: list[type[Check]] = list(registry)
    patterns = symptoms.patterns(config, symptom)
    if patterns is not None:
        wanted = [c for c in wanted if any(fnmatch.fnmatchcase(c.id, p) for p in patterns)]
    if categories:
        wanted = [c for c in wanted if c.category in categories]
    if check_ids:
        wanted = [c for c in wanted if any(fnmatch.fnmatchcase(c.id, p) for p in check_ids)]
    chosen: dict[str, type[Check]] = {}

    def add(cls: type[Check]) -> None:
        if cls.id in chosen:
            return
        chosen[cls.id] = cls
        for dep in cls.depends_on:
            dep_cls = registry.get(dep)
            if dep_cls is not None:
                add(dep_cls)

    for cls in wanted:
        add(cls)
    return sorted(chosen.values(), key=lambda c: (c.priority, c.category, c.id))


class Runner:
    """Runs a selection of checks. ``cancel()`` may be called from any thread.

    Events go to ``on_event(event, check_id, payload)`` from the thread calling
    :meth:`run`: every check gets ``started`` (payload: its title) then
    ``finished`` (payload: its :class:`Result`), including checks that are
    skipped and load problems, so a progress bar counts to the end.
    A runner that was cancelled stays cancelled: make a new one to scan again.
    """

    def __init__(
        self,
        registry: Registry,
        config: Config,
        *,
        on_event: EventCallback | None = None,
        interaction: Interaction | None = None,
        clock: Callable[[], datetime] | None = None,
        max_workers: int | None = None,
        total_budget: float | None = None,
        usual: Callable[[str], Mapping[str, float] | None] | None = None,
    ) -> None:
        self.registry = registry
        self.config = config
        self.on_event = on_event
        self.interaction = interaction
        self.clock = clock
        self.usual = usual
        self.max_workers = max(1, int(max_workers or _number(config.get("checks.max_workers"), 8)))
        self.total_budget = float(total_budget if total_budget is not None else _number(config.get("checks.total_budget"), 60))
        self._cancelled = threading.Event()
        self._wake: queue.Queue[tuple[str, Result, Facts | None] | None] | None = None

    def cancel(self) -> None:
        """Stop the scan: :meth:`run` returns promptly; unfinished checks are skipped."""
        self._cancelled.set()
        wake = self._wake
        if wake is not None:
            wake.put(None)

    @property
    def cancelled(self) -> bool:
        return self._cancelled.is_set()

    def _emit(self, event: str, check_id: str, payload: Any) -> None:
        if self.on_event is None:
            return
        try:
            self.on_event(event, check_id, payload)
        except Exception:  # a front end's bug must not stop the scan
            log.exception("progress callback failed")

    def run(
        self,
        selection: Iterable[type[Check]] | None = None,
        *,
        symptom: str | None = None,
        include_load_problems: bool = True,
    ) -> Scan:
        """Run the checks (by default those of ``symptom``, or all) and diagnose."""
        crashwatch.collect_suspects()  # what was running when an earlier selfcheck closed
        suspects, aside = crashwatch.suspects(), crashwatch.set_aside_records()
        crashwatch.watch.begin()
        try:
            return self._run(selection, symptom, include_load_problems, suspects, aside)
        finally:
            crashwatch.watch.end()

    def _run(
        self,
        selection: Iterable[type[Check]] | None,
        symptom: str | None,
        include_load_problems: bool,
        suspects: set[str],
        aside: Mapping[str, Mapping[str, Any]],
    ) -> Scan:
        started_wall = _now_iso()
        start = time.monotonic()
        budget_end = start + max(0.0, self.total_budget)
        checks = list(selection) if selection is not None else select(self.registry, self.config, symptom=symptom)
        by_id = {c.id: c for c in checks}
        results: dict[str, Result] = {}
        facts: dict[str, Facts] = {}
        done_queue: queue.Queue[tuple[str, Result, Facts | None] | None] = queue.Queue()
        self._wake = done_queue
        running: dict[str, float] = {}  # id -> deadline
        started: dict[str, float] = {}
        announced: set[str] = set()
        pending = list(checks)
        # a few reusable worker threads; a check that hangs keeps its thread, and a new one is made
        jobs: queue.Queue[tuple[type[Check], Context, bool] | None] = queue.Queue()
        idle_workers = 0
        spawned = 0
        in_child: set[str] = set()  # suspects run alone in a child process, one at a time
        decided: dict[str, Mapping[str, Any] | bool] = {}

        def isolation(cls: type[Check]) -> Mapping[str, Any] | bool:
            """Its set-aside record (not run), True (run alone in a child) or False (run here, as usual)."""
            if cls.id not in decided:
                record = crashwatch.current_record(cls, aside) if cls.id in aside else None
                decided[cls.id] = record if record is not None else (cls.id in suspects or cls.id in aside)
            return decided[cls.id]

        def dispatch(cls: type[Check], deadline: float, isolated: bool) -> None:
            nonlocal idle_workers, spawned
            jobs.put((cls, self._context(cls, deadline, facts), isolated))
            if idle_workers:
                idle_workers -= 1
            else:
                spawned += 1
                threading.Thread(target=self._worker, args=(jobs, done_queue), name=f"check-worker-{spawned}", daemon=True).start()

        platform = current_platform()

        def announce(check_id: str, title: str) -> None:
            if check_id not in announced:
                announced.add(check_id)
                self._emit("started", check_id, title)

        def finish(check_id: str, result: Result, check_facts: Facts | None) -> None:
            announce(check_id, result.title)
            results[check_id] = result
            if check_facts is not None:
                facts[check_id] = check_facts
            self._emit("finished", check_id, result)

        for problem in self.registry.problems if include_load_problems else []:
            r = self._load_problem_result(problem)
            finish(r.check_id, r, None)

        while (pending or running) and not self._cancelled.is_set():
            now = time.monotonic()
            for cls in list(pending):
                if len(running) >= self.max_workers:
                    break
                if not self._ready(cls, by_id, results):
                    continue
                if in_child and isolation(cls) is True:
                    continue  # one suspect's child at a time
                pending.remove(cls)
                deps = [d for d in self._needs(cls) if d in by_id]
                if platform not in cls.platforms:
                    finish(cls.id, self._skip(cls, N_("This check does not apply to this operating system.")), None)
                    continue
                failed = [results[d] for d in deps if results[d].status is Status.FAIL or results[d].consequence_of]
                if failed:
                    finish(cls.id, self._dependency_skip(cls, failed, results), None)
                    continue
                if now >= budget_end:
                    finish(cls.id, self._skip(cls, N_("Not checked: the scan ran out of time.")), None)
                    continue
                isolated = isolation(cls)
                if isolated is not True and isolated is not False:
                    finish(cls.id, self._set_aside_result(cls, isolated), None)
                    log.info("check %s is set aside since %s (it made selfcheck close): not run", cls.id, isolated.get("since"))
                    continue
                deadline = min(now + float(cls.timeout), budget_end)
                running[cls.id] = deadline
                started[cls.id] = now
                announce(cls.id, cls.translated_title())
                if isolated:
                    in_child.add(cls.id)
                dispatch(cls, deadline, bool(isolated))
            if not running:
                if pending and not any(self._ready(c, by_id, results) for c in pending):
                    # a dependency loop: report it instead of waiting forever
                    for cls in pending:
                        finish(cls.id, self._error(cls, N_("This check could not start: its dependencies form a loop."), ""), None)
                    pending.clear()
                continue
            wait = max(0.0, min(running.values()) - time.monotonic())
            try:
                item = done_queue.get(timeout=min(wait, 0.25))
            except queue.Empty:
                item = None
            if item is not None:
                idle_workers += 1  # its worker is free again (even when its check had timed out)
                check_id, result, check_facts = item
                in_child.discard(check_id)
                if check_id in running:  # not already timed out
                    del running[check_id]
                    finish(check_id, result, check_facts)
            now = time.monotonic()
            for cid, deadline in list(running.items()):
                if now >= deadline:
                    del running[cid]
                    in_child.discard(cid)
                    finish(cid, self._timeout_error(by_id[cid], started[cid], deadline, budget_end, now), None)

        self._wake = None
        for _worker in range(spawned):  # every worker ends once it is free (a hung one, if it ever returns)
            jobs.put(None)
        cancelled = self._cancelled.is_set()
        if cancelled:  # keep what finished meanwhile, skip the rest
            while True:
                try:
                    item = done_queue.get_nowait()
                except queue.Empty:
                    break
                if item is not None and item[0] in running:
                    del running[item[0]]
                    finish(*item)
            for cls in checks:
                if cls.id not in results:
                    finish(cls.id, self._skip(cls, N_("Not checked: the scan was cancelled.")), None)

        ordered = [r for r in results.values() if r.check_id not in by_id] + [results[c.id] for c in checks if c.id in results]
        ordered = with_consequences(ordered, self.registry)
        prompt = adminprompt.admin_prompt()  # the account's, told before a repair that needs administrator rights
        diagnosis = diagnose(ordered, self.registry, self.config, symptom, admin_prompt=prompt)
        return Scan(
            admin_prompt=prompt,
            id=str(uuid.uuid4()),
            started_at=started_wall,
            finished_at=_now_iso(),
            duration=time.monotonic() - start,
            results=ordered,
            facts=facts,
            diagnosis=diagnosis,
            symptom=symptom,
            language=current_language(),
            cancelled=cancelled,
            config_problems=[p.to_dict() for p in self.config.problems],
            load_problems=[p.to_dict() for p in self.registry.problems] if include_load_problems else [],
            checks={c.id: c.describe() for c in checks},
        )

    @staticmethod
    def _ready(cls: type[Check], by_id: Mapping[str, type[Check]], results: Mapping[str, Result]) -> bool:
        return all(d in results for d in (*cls.depends_on, *cls.after) if d in by_id and d != cls.id)

    def _context(self, cls: type[Check], deadline: float, all_facts: Mapping[str, Facts]) -> Context:
        return Context(
            self.config.data,
            cls.thresholds_from(self.config),
            deadline=deadline,
            cancelled=self._cancelled,
            facts=all_facts,
            clock=self.clock,
            ask=self.interaction,
            usual=self.usual,
        )

    def _worker(self, jobs: queue.Queue[tuple[type[Check], Context, bool] | None], out: queue.Queue[Any]) -> None:
        """A daemon thread running checks one after the other until it gets ``None``."""
        while True:
            job = jobs.get()
            if job is None:
                return
            cls, ctx, isolated = job
            threading.current_thread().name = f"check:{cls.id}"  # the log names the check
            try:
                if isolated:
                    self._work_in_child(cls, ctx, out)
                else:
                    self._watched_work(cls, ctx, out)
            except BaseException:  # noqa: BLE001 - never a traceback on the terminal; the check times out instead
                log.exception("the runner could not report check %s", cls.id)

    def _watched_work(self, cls: type[Check], ctx: Context, out: queue.Queue[Any]) -> None:
        """:meth:`_work`, named in this process's watch file while its code runs (also past its time limit)."""
        crashwatch.watch.started(cls.id)
        try:
            self._work(cls, ctx, out)
        finally:
            crashwatch.watch.finished(cls.id)

    def _work_in_child(self, cls: type[Check], ctx: Context, out: queue.Queue[Any]) -> None:
        """A suspect (running when an earlier selfcheck closed) collects alone in a child process; its facts are
        judged here, as in :meth:`_work`. A child that dies without answering sets the check aside."""
        started_at = _now_iso()
        start = time.monotonic()
        given = {d: f for d in (*cls.depends_on, *cls.after) if (f := ctx.facts_of(d)) is not None}
        payload = crashwatch.request(cls, self.config.data, given, ctx.remaining(), current_language(), self.usual is not None)
        log.info("check %s was running when selfcheck closed: it runs alone in a child process", cls.id)
        child = crashwatch.run_child(payload, ctx.deadline + 0.25, ctx.cancelled)  # past the deadline: the scan timed it out
        duration = time.monotonic() - start
        if child.cancelled:
            out.put((cls.id, self._skip(cls, N_("Not checked: the scan was cancelled.")), None))
            return
        if child.timed_out:  # the scan has timed it out already (the usual result); still a suspect, it runs alone next time
            reason, values = TOOK_TOO_LONG, {"seconds": f"{float(cls.timeout):g}"}
            advice = TRY_AGAIN if _builtin(cls) else COMPANY_CHECK_BROKEN
            err = self._error(cls, reason, "timeout in its child process", {"error": "timeout"}, duration=duration, values=values, advice=advice)
            out.put((cls.id, err, None))
            return
        if child.died:
            record = crashwatch.set_aside(cls, crashwatch.how_it_ended(child.returncode))
            log.warning("check %s made its child process close (%s): set aside until its code changes", cls.id, record.get("ended"))
            out.put((cls.id, self._set_aside_result(cls, record, duration=duration, started_at=started_at), None))
            return
        crashwatch.innocent(cls.id)  # it answered (or never reached the check's code): it runs here again next time
        answer = child.answer or {}
        if child.answer is None and not child.started:  # this program could not start it alone (a build that cannot): here, as before
            log.warning(
                "check %s could not be run in a child process (%s): it runs here", cls.id, child.problem or crashwatch.how_it_ended(child.returncode)["ended"]
            )
            self._watched_work(cls, ctx, out)
        elif child.problem is not None:
            log.warning("check %s: its child process answered badly: %s", cls.id, child.problem)
            error = f"its child process's answer was refused: {child.problem}"
            out.put((cls.id, self._raised_result(cls, error[:500], error, duration, started_at), None))
        elif "unknown" in answer:  # a check its child cannot load (made by a test, or in memory): here, as before
            log.warning("check %s could not be loaded in a child process: it runs here", cls.id)
            self._watched_work(cls, ctx, out)
        elif "skip" in answer:
            out.put((cls.id, self._skip_result(cls, answer["skip"], duration, started_at), {"skipped": answer["skip"]}))
        elif "error" in answer:
            error, detail = answer["error"]["error"][:500], answer["error"]["traceback"]
            log.warning("check %s failed: %s", cls.id, error)
            out.put((cls.id, self._raised_result(cls, error, detail, duration, started_at), None))
        else:
            check_facts = answer["facts"]
            problem = _evidence_problem(check_facts)
            if problem:
                out.put((cls.id, self._raised_result(cls, f"its facts were refused: {problem}"[:500], problem, duration, started_at), None))
                return
            outcome, tb = _judge(cls, check_facts, ctx.thresholds)
            out.put((cls.id, Result.of(cls, outcome, duration=duration, started_at=started_at, traceback=tb), check_facts))

    @staticmethod
    def _skip_result(cls: type[Check], reason: str, duration: float, started_at: str | None) -> Result:
        """A check's own ``SkipCheck``: its words (already said), and their msgid to say them again in another language."""
        outcome = Outcome.skip(reason, summary_msgid=msgid_of(reason)) if reason else Outcome.skip(_(NOT_HERE), summary_msgid=NOT_HERE)
        return Result.of(cls, outcome, duration=duration, started_at=started_at)

    def _raised_result(self, cls: type[Check], error: str, detail: str, duration: float, started_at: str | None) -> Result:
        return self._error(
            cls,
            N_("This check stopped because of an internal error."),
            detail,
            {"error": error},
            duration=duration,
            started_at=started_at,
            advice=TRY_AGAIN if _builtin(cls) else COMPANY_CHECK_BROKEN,
        )

    @staticmethod
    def _set_aside_result(cls: type[Check], record: Mapping[str, Any], *, duration: float = 0.0, started_at: str | None = None) -> Result:
        """A check set aside because it made selfcheck close: "could not check", why, and what support needs."""
        advice = SET_ASIDE_BUILTIN if cls.source == "builtin" else SET_ASIDE_COMPANY
        evidence: dict[str, Any] = {"error": "set aside: this check made selfcheck close", "set_aside_since": str(record.get("since", ""))}
        for key in ("ended", "signal", "exit_code"):
            if isinstance(record.get(key), str | int) and not isinstance(record.get(key), bool):
                evidence[key] = record[key]
        outcome = Outcome(Status.ERROR, _(SET_ASIDE), advice=[_(advice)], evidence=evidence, summary_msgid=SET_ASIDE, advice_msgids=[advice])
        return Result.of(cls, outcome, duration=duration, started_at=started_at)

    def _work(self, cls: type[Check], ctx: Context, out: queue.Queue[Any]) -> None:
        started_at = _now_iso()
        start = time.monotonic()
        check_facts: Facts | None = None
        try:
            check_facts = cls().collect(ctx)
            if not isinstance(check_facts, dict):
                raise TypeError(f"collect() returned {type(check_facts).__name__}, not a dict")
            json.dumps(check_facts)
        except SkipCheck as skip:
            reason = str(skip)  # already said (SkipCheck(_("…"))): its msgid, found again, says it in another language later
            out.put((cls.id, self._skip_result(cls, reason, time.monotonic() - start, started_at), {"skipped": str(skip)}))
            return
        except BaseException as exc:  # noqa: BLE001 - anything a plugin raises becomes a result
            error = f"{type(exc).__name__}: {exc}"[:500]
            trace = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
            err = self._raised_result(cls, error, trace, time.monotonic() - start, started_at)
            log.warning("check %s failed: %s\n%s", cls.id, error, trace.rstrip())  # the file and line for whoever wrote it
            out.put((cls.id, err, None))
            return
        outcome, tb = _judge(cls, check_facts, ctx.thresholds)
        if outcome.status is Status.ERROR:
            log.warning("check %s could not be evaluated: %s%s", cls.id, outcome.evidence.get("error"), "\n" + tb.rstrip() if tb else "")
        out.put((cls.id, Result.of(cls, outcome, duration=time.monotonic() - start, started_at=started_at, traceback=tb), check_facts))

    @staticmethod
    def _skip(cls: type[Check], msgid: str) -> Result:
        """Skipped for one of the runner's reasons, said now and kept (``summary_msgid``) to be said again in another language."""
        return Result.of(cls, Outcome.skip(_(msgid), summary_msgid=msgid))

    def _needs(self, cls: type[Check]) -> tuple[str, ...]:
        try:
            return tuple(cls.needs(self.config.data))
        except Exception:  # a check's own judgement must not stop the scan
            log.exception("check %s: needs() failed", cls.id)
            return tuple(cls.depends_on)

    def _dependency_skip(self, cls: type[Check], failed: list[Result], results: Mapping[str, Result]) -> Result:
        roots: list[str] = []
        for dep in failed:
            for root in dep.consequence_of or [dep.check_id]:
                if root not in roots:
                    roots.append(root)
        skipped = Result.of(cls, Outcome.skip(_dependency_reason(roots, results), summary_msgid=DEPENDENCY_SKIP))
        return dataclasses.replace(skipped, consequence_of=roots)

    def _timeout_error(self, cls: type[Check], started: float, deadline: float, budget_end: float, now: float) -> Result:
        own_limit = float(cls.timeout)
        advice = TRY_AGAIN
        if deadline >= budget_end and deadline - started < own_limit - 1e-6:
            reason, values = N_("This check was stopped because the scan ran out of time."), {}
        else:  # its own time limit: a company check that hangs is its IT team's to mend
            reason, values = TOOK_TOO_LONG, {"seconds": f"{own_limit:g}"}
            advice = TRY_AGAIN if _builtin(cls) else COMPANY_CHECK_BROKEN
        where = _where_it_runs(cls.id)
        err = self._error(
            cls,
            reason,
            f"timeout after {now - started:.2f} s (limit {deadline - started:.2f} s)" + (f"\nstill running at:\n{where}" if where else ""),
            {"error": "timeout", "limit_seconds": round(deadline - started, 3)},
            duration=now - started,
            values=values,
            advice=advice,
        )
        # the file and line it waits at, for whoever wrote it (as a check that raises logs its traceback)
        log.warning("check %s timed out after %.2f s%s", cls.id, now - started, f"; still running at:\n{where.rstrip()}" if where else "")
        return err

    @staticmethod
    def _error(
        cls: type[Check],
        msgid: str,
        detail: str,
        evidence: dict[str, Any] | None = None,
        *,
        duration: float = 0.0,
        started_at: str | None = None,
        values: dict[str, Any] | None = None,
        advice: str = TRY_AGAIN,
    ) -> Result:
        """Could not check, for one of the runner's reasons (``msgid`` with its values), said now and kept to be said
        again; ``advice``: what to do, a msgid."""
        outcome = Outcome(
            Status.ERROR,
            say(msgid, values),
            advice=[_(advice)],
            evidence=evidence or {},
            summary_msgid=msgid,
            summary_values=dict(values or {}),
            advice_msgids=[advice],
        )
        return Result.of(cls, outcome, duration=duration, started_at=started_at, traceback=detail or None)

    @staticmethod
    def _load_problem_result(problem: LoadProblem) -> Result:
        outcome = Outcome(
            Status.ERROR,
            _(LOAD_PROBLEM_SUMMARY),
            advice=[_(LOAD_PROBLEM_ADVICE)],
            evidence={"file": problem.source, "problem": problem.message},
            summary_msgid=LOAD_PROBLEM_SUMMARY,
            advice_msgids=[LOAD_PROBLEM_ADVICE],
        )
        return Result(problem.pseudo_id, _(LOAD_PROBLEM_TITLE), "app", outcome, traceback=problem.detail or None)


def _where_it_runs(check_id: str) -> str:
    """The stack of the worker thread still running ``check_id`` (named ``check:<id>`` while it runs), "" when none is."""
    frames = sys._current_frames()
    for thread in threading.enumerate():
        if thread.name == f"check:{check_id}" and thread.ident in frames:
            return "".join(traceback.format_stack(frames[thread.ident]))
    return ""


def _number(value: Any, default: float) -> float:
    return value if isinstance(value, int | float) and not isinstance(value, bool) else default
