"""The check API: what a check declares, what it returns, and the services it gets.

A check collects raw facts (``collect(ctx)``: JSON-serialisable, may touch the
system), then a pure ``evaluate(facts, thresholds)`` turns them into an
:class:`Outcome`. Evaluation reads nothing else, so it can be re-run from a
bundle's facts by support staff, in their language, with a newer selfcheck.

A company check is a subclass of :class:`Check` in a Python file, in a
distribution exposing the ``selfcheck.checks`` entry point, or a TOML file (see
``selfcheck.declarative``).
"""

from __future__ import annotations

import dataclasses
import enum
import hashlib
import re
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, ClassVar

from selfcheck.i18n import N_, _, say

Facts = dict[str, Any]
Thresholds = Mapping[str, Any]

CATEGORIES = ("hardware", "os", "network", "security", "devices", "app")
CATEGORY_TITLES = {
    # "Hardware", "Operating system" were quoted on every screen (round 3)
    "hardware": N_("The computer itself"),
    "os": N_("Updates and settings"),
    "network": N_("Internet and network"),
    "security": N_("Security"),
    "devices": N_("Devices (sound, camera, printer)"),
    "app": N_("Applications"),
}
PLATFORMS = ("linux", "windows", "darwin")
#: how soon a problem needs the customer, and what is at stake: now (it stops them or something is at risk),
#: easy (it stops them, but it is simple and harmless to put right: the sound is off, the printer has no paper),
#: later (it can wait), info (for information)
URGENCIES = ("now", "easy", "later", "info")


def current_platform() -> str:
    if sys.platform.startswith("win"):
        return "windows"
    if sys.platform == "darwin":
        return "darwin"
    return "linux"


class Status(enum.StrEnum):
    """A result's status. Severity orders ``pass < info < warn < fail < error``;
    ``skip`` (not run, with a reason) ranks below ``pass``."""

    SKIP = "skip"
    PASS = "pass"
    INFO = "info"
    WARN = "warn"
    FAIL = "fail"
    ERROR = "error"

    @property
    def rank(self) -> int:
        return _RANK[self]

    @property
    def label(self) -> str:
        """Plain, translated word for the status (never colour alone)."""
        return _(_LABELS[self])

    @property
    def is_problem(self) -> bool:
        return self in (Status.WARN, Status.FAIL, Status.ERROR)

    # Severity order, not alphabetical (max() of statuses is the worst one).
    def __lt__(self, other: object) -> bool:
        return self.rank < other.rank if isinstance(other, Status) else NotImplemented

    def __le__(self, other: object) -> bool:
        return self.rank <= other.rank if isinstance(other, Status) else NotImplemented

    def __gt__(self, other: object) -> bool:
        return self.rank > other.rank if isinstance(other, Status) else NotImplemented

    def __ge__(self, other: object) -> bool:
        return self.rank >= other.rank if isinstance(other, Status) else NotImplemented


_RANK = {Status.SKIP: -1, Status.PASS: 0, Status.INFO: 1, Status.WARN: 2, Status.FAIL: 3, Status.ERROR: 4}
_LABELS = {
    Status.SKIP: N_("Not checked"),
    Status.PASS: N_("OK"),
    Status.INFO: N_("Note"),
    Status.WARN: N_("Warning"),
    Status.FAIL: N_("Problem"),
    Status.ERROR: N_("Could not check"),
}


@dataclass
class Fix:
    """A safe fix a front end may offer after the user agrees.

    ``action`` names a handler known to front ends (``open_url``,
    ``open_network_settings``, ``empty_trash``, ``open_storage_settings``...);
    ``arg`` is its argument (a URL for ``open_url``). ``confirm`` is the
    question to ask first, ``None`` when the action is harmless.
    """

    action: str
    label: str
    arg: str = ""
    confirm: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


@dataclass
class Outcome:
    """What ``evaluate`` returns: the judgement, in plain (translated) language."""

    status: Status
    summary: str
    advice: list[str] = field(default_factory=list)
    help_url: str | None = None
    evidence: dict[str, Any] = field(default_factory=dict)
    fix: Fix | None = None
    #: ids of other checks whose failure would explain this one (see diagnosis)
    caused_by: list[str] = field(default_factory=list)
    #: ids of repairs (``selfcheck.repairs``) that may fix this; front ends offer those the policy allows
    repairs: list[str] = field(default_factory=list)
    #: how soon the customer should act: "now", "later" or "info" (see selfcheck.verdict);
    #: None lets the verdict derive it from the status (fail: now, warn: later)
    urgency: str | None = None
    #: why it happens, in the customer's words (the verdict's cause line), when the summary does not say it
    why: str | None = None
    #: the problem explains only part of what a symptom names ("some websites do not open" for "the internet does not
    #: work"): the verdict's headline then stands alone, with no "this is probably why" link
    partial: bool = False
    #: the symptoms (ids of ``[symptoms.<id>]``) the summary already says in its own words ("Websites do not open" says
    #: "internet"): with one of them chosen, the headline stands alone too ("This is probably why the internet does not
    #: work" after it only repeated it, verdict round 14)
    says_symptoms: list[str] = field(default_factory=list)
    #: how many of the last ``advice`` steps are other ways, not first steps: the window folds them behind "More ways to
    #: …" (send round 19: Windows' program-removal steps as step 2 of a full disk, "I'd need my grandson for that part");
    #: the text renderings, the report and the support card list them all
    folded_advice: int = 0
    #: what each folded step does, in a few words, in the order of the steps ("remove programs you no longer use"): the
    #: window's fold names its ways with them (send rounds 102-103: "Other ways to make room (2)": "Two what?", « je ne sais
    #: pas ce que veut dire le (2) »); empty: the fold says only what they are for
    folded_names: list[str] = field(default_factory=list)
    #: the English words (msgid) the summary was said from, when they are a catalogue's whole sentence (a skip's reason:
    #: the runner's own, or a check's ``SkipCheck(_("…"))``): judging again in another language says it in that one
    #: (brand review: a skip reason stayed English after the window was switched to French); None: it stays as written
    summary_msgid: str | None = None
    #: the values filled into ``summary_msgid`` ("{seconds}" of a check stopped for taking too long), kept to say the
    #: summary again with them; a value ``{"msgid", "values"}`` is a sentence said again too (:func:`selfcheck.i18n.say`)
    summary_values: dict[str, Any] = field(default_factory=dict)
    #: the msgid of each ``advice`` step ("" where it has none), for the runner's own advice on a check that could not
    #: be checked ("Try again. …"), said again in another language like the summary; empty: the advice stays as written
    advice_msgids: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """The judgement as a result's fields in the scan JSON (docs/scan-json.md)."""
        return {
            "status": self.status.value,
            "summary": self.summary,
            "advice": list(self.advice),
            "help_url": self.help_url,
            "evidence": self.evidence,
            "fix": self.fix.to_dict() if self.fix else None,
            "caused_by": list(self.caused_by),
            "repairs": list(self.repairs),
            "urgency": self.urgency,
            "why": self.why,
            "partial": self.partial,
            "says_symptoms": list(self.says_symptoms),
            "folded_advice": self.folded_advice,
            "folded_names": list(self.folded_names),
            "summary_msgid": self.summary_msgid,
            "summary_values": dict(self.summary_values),
            "advice_msgids": list(self.advice_msgids),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Outcome:
        fix = data.get("fix")
        return cls(
            status=Status(data["status"]),
            summary=str(data.get("summary", "")),
            advice=[str(a) for a in data.get("advice") or []],
            help_url=data.get("help_url"),
            evidence=dict(data.get("evidence") or {}),
            fix=Fix(**fix) if isinstance(fix, dict) else None,
            caused_by=list(data.get("caused_by") or []),
            repairs=[str(r) for r in data.get("repairs") or [] if isinstance(r, str)],
            urgency=data.get("urgency") if data.get("urgency") in URGENCIES else None,
            why=str(data["why"]) if isinstance(data.get("why"), str) else None,
            partial=data.get("partial") is True,
            says_symptoms=[str(s) for s in data.get("says_symptoms") or [] if isinstance(s, str)],
            folded_advice=folded if isinstance(folded := data.get("folded_advice"), int) and not isinstance(folded, bool) and folded > 0 else 0,
            folded_names=[str(n) for n in data.get("folded_names") or [] if isinstance(n, str)] if isinstance(data.get("folded_names"), list) else [],
            summary_msgid=msgid if isinstance(msgid := data.get("summary_msgid"), str) and msgid else None,
            summary_values=dict(values) if isinstance(values := data.get("summary_values"), dict) else {},
            advice_msgids=[m if isinstance(m, str) else "" for m in said] if isinstance(said := data.get("advice_msgids"), list) else [],
        )

    @classmethod
    def ok(cls, summary: str, **kw: Any) -> Outcome:
        return cls(Status.PASS, summary, **kw)

    @classmethod
    def info(cls, summary: str, **kw: Any) -> Outcome:
        return cls(Status.INFO, summary, **kw)

    @classmethod
    def warn(cls, summary: str, **kw: Any) -> Outcome:
        return cls(Status.WARN, summary, **kw)

    @classmethod
    def fail(cls, summary: str, **kw: Any) -> Outcome:
        return cls(Status.FAIL, summary, **kw)

    @classmethod
    def skip(cls, reason: str, **kw: Any) -> Outcome:
        return cls(Status.SKIP, reason, **kw)


class SkipCheck(Exception):
    """Raise from ``collect`` when the check does not apply here (no battery,
    no sensor, needs admin rights). The message is shown: make it plain."""


@dataclass
class Result:
    """One check's result in a scan: the check's metadata (id, title, category) plus its
    :class:`Outcome`, and how the run went. Made by :meth:`of` (front ends, JSON and bundles carry it).

    The outcome's fields read through (``result.status``, ``result.summary``...), so a field
    added to :class:`Outcome` is carried by every result without being repeated here.
    """

    check_id: str
    title: str
    category: str
    outcome: Outcome
    duration: float = 0.0
    started_at: str | None = None
    #: for the bundle and logs only, never shown to a customer
    traceback: str | None = None
    #: the root cause(s) this result follows from: a failed dependency (set by the runner on the
    #: skipped check) or another failure explaining this problem (:func:`selfcheck.diagnosis.explain`)
    consequence_of: list[str] = field(default_factory=list)
    #: the check's failure puts the person's files or the computer at risk (:attr:`Check.at_risk`): the verdict's
    #: red cross. False in results of files made before checks declared it
    at_risk: bool = False

    @classmethod
    def of(cls, check: type[Check], outcome: Outcome, *, duration: float = 0.0, started_at: str | None = None, traceback: str | None = None) -> Result:
        """The result of ``check``: its title in the current language, its help page unless the outcome names one."""
        if outcome.help_url is None and check.help_url:
            outcome = dataclasses.replace(outcome, help_url=check.help_url)
        return cls(
            check.id,
            check.translated_title(),
            check.category,
            outcome,
            duration=duration,
            started_at=started_at,
            traceback=traceback,
            at_risk=check.at_risk is True,
        )

    @property
    def status(self) -> Status:
        return self.outcome.status

    @property
    def summary(self) -> str:
        return self.outcome.summary

    @property
    def advice(self) -> list[str]:
        return self.outcome.advice

    @property
    def help_url(self) -> str | None:
        return self.outcome.help_url

    @property
    def evidence(self) -> dict[str, Any]:
        return self.outcome.evidence

    @property
    def fix(self) -> Fix | None:
        return self.outcome.fix

    @property
    def caused_by(self) -> list[str]:
        return self.outcome.caused_by

    @property
    def repairs(self) -> list[str]:
        return self.outcome.repairs

    @property
    def urgency(self) -> str | None:
        return self.outcome.urgency

    @property
    def why(self) -> str | None:
        return self.outcome.why

    def to_dict(self, include_traceback: bool = False) -> dict[str, Any]:
        data = {
            "id": self.check_id,
            "title": self.title,
            "category": self.category,
            **self.outcome.to_dict(),
            "duration": round(self.duration, 4),
            "consequence_of": list(self.consequence_of),
            "started_at": self.started_at,
            "at_risk": self.at_risk,
        }
        if include_traceback:
            data["traceback"] = self.traceback
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Result:
        return cls(
            check_id=str(data["id"]),
            title=str(data.get("title", data["id"])),
            category=str(data.get("category", "app")),
            outcome=Outcome.from_dict(data),
            duration=float(data.get("duration") or 0.0),
            started_at=data.get("started_at"),
            traceback=data.get("traceback"),
            consequence_of=check_ids(data.get("consequence_of")),
            at_risk=data.get("at_risk") is True,  # absent in older files: not at risk (re-judged, the check says)
        )


def check_ids(value: Any) -> list[str]:
    """A file's list of check ids (``consequence_of``) as ids: a list's items; a lone id (a hostile or hand-made file's
    string, which would otherwise be read letter by letter: "follows from a, ., b") is one id; anything else, none."""
    if isinstance(value, str):
        return [value] if value else []
    return [str(c) for c in value] if isinstance(value, list | tuple) else []


@dataclass
class LoadProblem:
    """A check file, module or plugin that could not be loaded; the runner reports it as an ``error`` result."""

    source: str  # file path, module or entry point
    message: str  # plain, translated
    detail: str = ""  # traceback or technical detail, for the bundle
    #: the words ``message`` was said from and their values (:func:`selfcheck.i18n.say`), to say it again in another
    #: language (a bundle read by an English agent); None: it stays as written
    msgid: str | None = None
    values: dict[str, Any] = field(default_factory=dict)
    #: the ids of the checks it would have given, when known (written in the file, or in the class refused): what
    #: ``selfcheck scan --check PATTERN`` names when a pattern asks for one of them
    check_ids: list[str] = field(default_factory=list)

    @classmethod
    def said(cls, source: str, msgid: str, detail: str = "", **values: Any) -> LoadProblem:
        """A problem said now from ``msgid`` and its values, kept to be said again in another language."""
        return cls(source, say(msgid, values), detail, msgid=msgid, values=values)

    @property
    def pseudo_id(self) -> str:
        """A stable id for the error result (one per file and problem)."""
        digest = hashlib.sha1(f"{self.source}\n{self.message}".encode()).hexdigest()[:8]
        return f"plugin.load-error-{digest}"

    def to_dict(self) -> dict[str, Any]:
        return {"source": self.source, "message": self.message, "detail": self.detail}


#: a check's id as a file writes it: ``id = "app.x"`` (a class attribute, or a TOML check's key), ``id: str = 'app.x'``
_ID_WRITTEN = re.compile(r"""^[ \t]*id[ \t]*(?::[^=\n]*)?=[ \t]*(?P<q>["'])(?P<id>[\w.-]+)(?P=q)""", re.M)


def ids_written_in(path: Path) -> list[str]:
    """The check ids a file that could not be loaded writes (read, never run): what an admin's ``--check PATTERN``
    may have asked for. Empty when it cannot be read."""
    try:
        with open(path, encoding="utf-8", errors="replace") as file:
            text = file.read(1_000_000)
    except OSError:
        return []
    return list(dict.fromkeys(m.group("id") for m in _ID_WRITTEN.finditer(text)))


@dataclass
class CommandOutput:
    args: list[str]
    returncode: int | None
    stdout: str
    stderr: str
    timed_out: bool = False
    missing: bool = False  # the program is not installed

    @property
    def ok(self) -> bool:
        return self.returncode == 0 and not self.timed_out


class Interaction:
    """How a check asks the user something (apport's HookUI idea).

    The default answers without a user (CLI, tests, background scans); the GUI
    installs one that marshals the questions to its thread.
    """

    interactive = False

    def info(self, message: str) -> None:
        return None

    def yes_no(self, question: str, default: bool = False) -> bool:
        return default

    def choice(self, question: str, options: Sequence[str], default: int = 0) -> int:
        return default


class Context:
    """The small set of services a check's ``collect`` gets.

    - ``config``: the whole merged configuration (read-only mapping)
    - ``thresholds``: this check's thresholds
    - ``run(args, timeout)``: run a program, never raising, never hanging
    - ``deadline`` / ``remaining()``: the time this check has left
    - ``cancelled``: set when the user cancels; long loops should look at it
    - ``facts_of(check_id)``: facts already collected by a dependency
    - ``now()``: the clock (injectable in tests)
    - ``ask``: an :class:`Interaction`
    - ``platform``: "linux", "windows" or "darwin"
    - ``usual(metric)``: this computer's usual value of a metric the history keeps
      (``{"median": ...}``), or None (no history, too few scans, or a scan outside the app)
    """

    def __init__(
        self,
        config: Mapping[str, Any] | None = None,
        thresholds: Thresholds | None = None,
        *,
        deadline: float | None = None,
        cancelled: threading.Event | None = None,
        facts: Mapping[str, Facts] | None = None,
        clock: Callable[[], datetime] | None = None,
        ask: Interaction | None = None,
        platform: str | None = None,
        usual: Callable[[str], Mapping[str, float] | None] | None = None,
    ) -> None:
        self.config: Mapping[str, Any] = config or {}
        self.thresholds: Thresholds = thresholds or {}
        self.deadline = deadline if deadline is not None else time.monotonic() + 60
        self.cancelled = cancelled or threading.Event()
        self._facts = facts if facts is not None else {}
        self._clock = clock
        self.ask = ask or Interaction()
        self.platform = platform or current_platform()
        self._usual = usual

    def now(self) -> datetime:
        return self._clock() if self._clock else datetime.now(UTC)

    def usual(self, metric: str) -> Mapping[str, float] | None:
        """This computer's usual value of ``metric`` (see the class docstring); never raises."""
        if self._usual is None:
            return None
        try:
            return self._usual(metric)
        except Exception:  # a damaged history must not stop a check
            return None

    def remaining(self) -> float:
        return max(0.0, self.deadline - time.monotonic())

    def facts_of(self, check_id: str) -> Facts | None:
        return self._facts.get(check_id)

    def run(
        self,
        args: Sequence[str],
        timeout: float = 5.0,
        *,
        env: Mapping[str, str] | None = None,
        input_text: str | None = None,
    ) -> CommandOutput:
        """Run a program with a timeout bounded by the check's deadline.

        Never raises: a missing program, a timeout or a crash come back as a
        :class:`CommandOutput` the check can turn into facts.
        """
        limit = max(0.05, min(timeout, self.remaining()))
        argv = [str(a) for a in args]
        kwargs: dict[str, Any] = {}
        if sys.platform.startswith("win"):  # pragma: no cover - Windows only
            from selfcheck.platforms.windows import console_encoding

            kwargs["creationflags"] = getattr(subprocess, "CREATE_NO_WINDOW", 0) | getattr(subprocess, "CREATE_NEW_PROCESS_GROUP", 0)
            kwargs["encoding"] = console_encoding()  # the OEM code page console programs print in, not the ANSI one
        else:
            kwargs["start_new_session"] = True  # its own process group: a timeout stops its children too
        try:
            proc = subprocess.Popen(
                argv,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                stdin=subprocess.PIPE if input_text is not None else subprocess.DEVNULL,
                text=True,
                errors="replace",
                env=dict(env) if env is not None else None,
                **kwargs,
            )
        except FileNotFoundError:
            return CommandOutput(argv, None, "", "", missing=True)
        except (OSError, ValueError) as exc:
            return CommandOutput(argv, None, "", str(exc))
        try:
            stdout, stderr = proc.communicate(input_text, timeout=limit)
        except subprocess.TimeoutExpired:
            _stop(proc)
            try:
                stdout, stderr = proc.communicate(timeout=1.0)  # what it printed before it was stopped
            except (subprocess.TimeoutExpired, OSError, ValueError):
                stdout, stderr = "", ""
            return CommandOutput(argv, None, stdout or "", stderr or "", timed_out=True)
        except (OSError, ValueError) as exc:  # e.g. the program closed its input early
            _stop(proc)
            return CommandOutput(argv, None, "", str(exc))
        return CommandOutput(argv, proc.returncode, stdout, stderr)


def _stop(proc: subprocess.Popen[Any]) -> None:
    """Kill a program and, on Unix, every process it started (its process group)."""
    try:
        if not sys.platform.startswith("win"):
            import os
            import signal

            os.killpg(proc.pid, signal.SIGKILL)
        else:  # pragma: no cover - Windows only: taskkill /T stops the children too
            subprocess.run(
                ["taskkill", "/T", "/F", "/PID", str(proc.pid)],
                capture_output=True,
                timeout=5,
                check=False,
                creationflags=getattr(subprocess, "CREATE_NO_WINDOW", 0),
            )
            proc.kill()
    except subprocess.TimeoutExpired:  # pragma: no cover - Windows only
        proc.kill()
    except (ProcessLookupError, PermissionError, OSError):
        try:
            proc.kill()
        except OSError:
            pass


class Check:
    """Base class of every check. Subclasses set the class attributes and
    implement :meth:`collect` and :meth:`evaluate`.

    ``title`` is an English string marked with ``N_()``; front ends translate
    it. ``priority`` orders root causes when several problems are found: lower
    numbers are more fundamental (a dead network link before a slow DNS).
    """

    id: ClassVar[str] = ""
    category: ClassVar[str] = "app"
    title: ClassVar[str] = ""
    version: ClassVar[str] = "1"
    platforms: ClassVar[tuple[str, ...]] = PLATFORMS
    depends_on: ClassVar[tuple[str, ...]] = ()
    #: run after these, but do not skip when they fail (their failure may explain ours)
    after: ClassVar[tuple[str, ...]] = ()
    timeout: ClassVar[float] = 10.0
    priority: ClassVar[int] = 50
    help_url: ClassVar[str | None] = None
    #: a failure puts the person's files or the computer itself at risk (no protection against attacks, no more
    #: security fixes, overheating, a failing battery, programs crashing): only then does the verdict show a
    #: failure that needs attention now with a red cross; any other problem gets a calm sign
    at_risk: ClassVar[bool] = False
    #: thresholds (settings) the check ships with; ``[thresholds."<id>"]`` in the config overrides them
    #: key by key. Built-in checks keep theirs in resources/config/; company checks may use this.
    default_thresholds: ClassVar[Mapping[str, Any]] = {}

    # Filled in by discovery: where the check came from.
    source: ClassVar[str] = "builtin"
    distribution: ClassVar[str | None] = None

    def collect(self, ctx: Context) -> Facts:
        raise NotImplementedError

    def evaluate(self, facts: Facts, thresholds: Thresholds) -> Outcome:
        raise NotImplementedError

    @classmethod
    def needs(cls, config: Mapping[str, Any]) -> tuple[str, ...]:
        """The checks whose failure leaves nothing to check here with this config (``depends_on`` unless a check knows
        better: a site on the proxy's bypass list does not need the proxy)."""
        return cls.depends_on

    @classmethod
    def translated_title(cls) -> str:
        return _(cls.title) if cls.title else cls.id

    @classmethod
    def thresholds_from(cls, config: Any) -> dict[str, Any]:
        """This check's thresholds: its ``default_thresholds`` overlaid with the config's."""
        configured = config.thresholds(cls.id) if config is not None else {}
        return {**dict(cls.default_thresholds or {}), **configured}

    @classmethod
    def describe(cls) -> dict[str, Any]:
        return {
            "id": cls.id,
            "title": cls.translated_title(),
            "category": cls.category,
            "version": cls.version,
            "platforms": list(cls.platforms),
            "depends_on": list(cls.depends_on),
            "after": list(cls.after),
            "timeout": cls.timeout,
            "at_risk": cls.at_risk,
            "source": cls.source,
            "distribution": cls.distribution,
        }


_ID_RE = re.compile(r"^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)+$")


def validate_check_class(cls: type[Check]) -> list[str]:
    """Problems with a check's metadata (empty when it is valid).

    Technical English for the plugin's author; the discovery wraps them in a
    translated sentence naming the file.
    """
    problems = []
    cid = getattr(cls, "id", "")
    if not isinstance(cid, str) or not _ID_RE.match(cid):
        problems.append(f"id {cid!r} must be dotted, like 'hardware.disk' (letters, digits, - and _)")
    if getattr(cls, "category", None) not in CATEGORIES:
        problems.append(f"category {getattr(cls, 'category', None)!r} must be one of {', '.join(CATEGORIES)}")
    title = getattr(cls, "title", None)
    if not isinstance(title, str) or not title.strip():
        problems.append("title is missing")
    platforms = getattr(cls, "platforms", ())
    if not isinstance(platforms, list | tuple) or not platforms or any(p not in PLATFORMS for p in platforms):
        problems.append(f"platforms {platforms!r} must be a list among {', '.join(PLATFORMS)}")
    timeout = getattr(cls, "timeout", None)
    if not isinstance(timeout, int | float) or isinstance(timeout, bool) or not timeout > 0:
        problems.append("timeout must be a positive number of seconds")
    priority = getattr(cls, "priority", None)
    if not isinstance(priority, int) or isinstance(priority, bool):
        problems.append("priority must be a whole number")
    if not isinstance(getattr(cls, "at_risk", False), bool):
        problems.append("at_risk must be True or False")
    links = (getattr(cls, "depends_on", ()), getattr(cls, "after", ()))
    if not all(isinstance(group, list | tuple) and all(isinstance(d, str) for d in group) for group in links):
        problems.append("depends_on and after must be lists of check ids")
    if getattr(cls, "collect", None) is Check.collect or getattr(cls, "evaluate", None) is Check.evaluate:
        problems.append("collect() and evaluate() must both be implemented")
    return problems
