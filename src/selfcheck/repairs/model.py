"""What a repair is: a plain description for consent, and per-platform actions behind a small interface.

A :class:`Repair` says in plain (translatable) words what it will change, whether
it needs administrator rights, how long it may take, which checks verify it and
how to undo it. Its :class:`Action` for the running platform does the work:
``preview`` (what it would do here, e.g. the space it frees), ``run`` (bounded in
time, idempotent, leaving the system as it was when it fails part-way) and
``commands`` (the exact programs it runs, for the documentation and the tests of
platforms that cannot run here).
"""

from __future__ import annotations

import os
import shutil
import sys
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from selfcheck.api import CommandOutput, Context, current_platform
from selfcheck.i18n import _
from selfcheck.wording import held_together

AREAS = ("network", "time", "printing", "sound", "storage", "security")


@dataclass
class Env:
    """What an action may use: the platform, a bounded command runner, and whether we are administrator."""

    platform: str = field(default_factory=current_platform)
    is_admin: bool = False
    deadline: float = 0.0
    cancelled: threading.Event = field(default_factory=threading.Event)
    #: run(argv, timeout) -> CommandOutput; never raises (tests may record calls through it)
    runner: Callable[[Sequence[str], float], CommandOutput] | None = None
    environ: dict[str, str] = field(default_factory=lambda: dict(os.environ))
    #: what the checks collected, by check id (the scan the repair was offered from): a repair acts on what they found (the
    #: Recycle Bin's part on the drive the disk check found full); empty when no scan is known
    facts: Mapping[str, Any] = field(default_factory=dict)
    #: those checks' thresholds, by check id: how they judged what they found (which drive the disk check found full)
    thresholds: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not self.deadline:
            self.deadline = time.monotonic() + 120

    def remaining(self) -> float:
        return max(0.0, self.deadline - time.monotonic())

    def run(self, argv: Sequence[str], timeout: float = 30.0) -> CommandOutput:
        if self.runner is not None:
            return self.runner(list(argv), timeout)
        return Context(deadline=self.deadline, platform=self.platform).run(argv, timeout)

    def which(self, program: str) -> str | None:
        return shutil.which(program, path=self.environ.get("PATH"))


@dataclass
class ActionResult:
    """How an action went: ``ok``, a plain sentence, and the technical steps for support."""

    ok: bool
    message: str = ""
    #: nothing was changed (declined, not possible here, or rolled back after a failure)
    unchanged: bool = False
    steps: list[str] = field(default_factory=list)
    freed_bytes: int | None = None
    #: the person declined, or the OS could not ask, for administrator rights
    elevation: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "message": self.message,
            "unchanged": self.unchanged,
            "steps": list(self.steps),
            "freed_bytes": self.freed_bytes,
            "elevation": self.elevation,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ActionResult:
        return cls(
            ok=bool(data.get("ok")),
            message=str(data.get("message") or ""),
            unchanged=bool(data.get("unchanged")),
            steps=[str(s) for s in data.get("steps") or []][:50],
            freed_bytes=int(data["freed_bytes"]) if isinstance(data.get("freed_bytes"), int) else None,
            elevation=str(data["elevation"]) if data.get("elevation") else None,
        )


class Action:
    """One platform's way to do a repair. Subclasses override what they need."""

    needs_admin: bool = False
    #: it acts on what its verifying checks found (``Env.facts``): without a scan of them, they are run first
    reads_facts: bool = False

    def unavailable(self, env: Env) -> str | None:
        """A plain reason this cannot be done on this computer, or None."""
        return None

    def preview(self, env: Env) -> list[str]:
        """Plain sentences on what it would do here (the space each part frees...). It may take seconds (a trash of
        100,000 files): the window asks for it off its own thread, and sets ``env.cancelled`` when it no longer waits."""
        return []

    def counting(self, env: Env) -> str:
        """What the window says while :meth:`preview` looks ("counting what is in the Trash"); none when it has nothing to look at."""
        return ""

    def run(self, env: Env) -> ActionResult:
        raise NotImplementedError

    def commands(self, env: Env) -> list[list[str]]:
        """The exact programs it runs (documentation, tests of other platforms)."""
        return []


@dataclass(frozen=True)
class Step:
    """A program to run; ``undo`` puts things back when a later step fails.

    ``restores``: on its own the step leaves nothing changed: it puts back what an earlier step of the
    same repair changed (the connection turned on again after it was turned off, the routes it lost put
    back), or it asks for what is already so (automatic time turned on when it already was).
    """

    argv: tuple[str, ...]
    undo: tuple[str, ...] | None = None
    timeout: float = 30.0
    ok_codes: tuple[int, ...] = (0,)
    restores: bool = False


def _shown(argv: Sequence[str]) -> str:
    return " ".join(argv)


class CommandAction(Action):
    """A repair made of programs run one after the other.

    ``variants`` are alternatives (NetworkManager, systemd-networkd, dhclient...):
    the first whose ``when`` holds runs. When a step fails, the ``undo`` of the steps
    already done run in reverse order, so the system is left as it was.
    """

    def __init__(
        self,
        variants: Sequence[tuple[Callable[[Env], bool], Callable[[Env], list[Step]]]],
        *,
        needs_admin: bool,
        missing: str = "",
    ) -> None:
        self.variants = list(variants)
        self.needs_admin = needs_admin
        self._missing = missing

    def _steps(self, env: Env) -> list[Step] | None:
        for when, steps in self.variants:
            try:
                if when(env):
                    return steps(env)
            except Exception:  # a probe that fails means "not this variant"
                continue
        return None

    def unavailable(self, env: Env) -> str | None:
        if self._steps(env) is None:
            return _(self._missing) if self._missing else _("This computer does not have what this repair needs.")
        return None

    def commands(self, env: Env) -> list[list[str]]:
        return [list(s.argv) for s in self._steps(env) or []]

    def run(self, env: Env) -> ActionResult:
        steps = self._steps(env)
        if steps is None:
            return ActionResult(False, self.unavailable(env) or "", unchanged=True)
        done: list[Step] = []
        log: list[str] = []
        for step in steps:
            if env.cancelled.is_set() or env.remaining() <= 0:
                return self._roll_back(env, done, log, _("The repair was stopped before it finished."))
            out = env.run(step.argv, min(step.timeout, max(0.5, env.remaining())))
            log.append(f"$ {_shown(step.argv)} -> {_exit_text(out)}" + (f": {(out.stderr or out.stdout).strip()[:300]}" if not _ok(out, step) else ""))
            if not _ok(out, step):
                return self._roll_back(env, done, log, _("The repair could not finish."))
            done.append(step)
        return ActionResult(True, steps=log)

    @staticmethod
    def _roll_back(env: Env, done: list[Step], log: list[str], why: str) -> ActionResult:
        undos = [s.undo for s in reversed(done) if s.undo]
        restored = True
        for undo in undos:
            out = env.run(undo, 30.0)
            log.append(f"undo $ {_shown(undo)} -> {_exit_text(out)}")
            restored = restored and out.ok
        changed_something = any(s.undo is None and not s.restores for s in done)
        if restored and not changed_something:
            return ActionResult(False, why + " " + _("Nothing was changed on your computer."), unchanged=True, steps=log)
        return ActionResult(False, why + " " + _("Part of it may have been done."), unchanged=False, steps=log)


def _ok(out: CommandOutput, step: Step) -> bool:
    return not out.timed_out and not out.missing and out.returncode in step.ok_codes


def _exit_text(out: CommandOutput) -> str:
    if out.missing:
        return "not installed"
    if out.timed_out:
        return "timed out"
    return f"exit {out.returncode}"


@dataclass(frozen=True)
class Repair:
    """A repair, described for the person who consents to it.

    Texts are English marked with ``N_()``; :meth:`describe` translates them.
    ``actions`` maps a platform ("linux", "windows", "darwin") to its :class:`Action`.
    """

    id: str
    area: str
    title: str
    changes: str
    verify: tuple[str, ...]
    manual: tuple[str, ...]
    max_seconds: int
    undo: str | None
    actions: dict[str, Action]
    #: the problem it is meant to fix, in the customer's words (shown first when the repair is not obvious from its title)
    fixes: str | None = None
    #: the settings window (a :class:`selfcheck.api.Fix` action, such as ``open_datetime_settings``) whose change this
    #: repair makes for the person: a problem whose fix only opens that window and which offers this repair gets the
    #: repair's button first, the window as the fallback step (:mod:`selfcheck.verdict`)
    does_for_you: str | None = None
    #: texts the customer reads that differ per platform, as the system words them (verdict round 17: "on my computer
    #: it's called the Recycle Bin"): platform -> {one of the texts above: that platform's text}; the texts above stay the
    #: repair's own (the bundle, the ticket and the history quote ``title`` in English)
    platform_texts: Mapping[str, Mapping[str, str]] = field(default_factory=dict)

    def text(self, text: str, platform: str | None = None) -> str:
        """One of this repair's texts (its title, changes, a manual step), translated, as ``platform`` words it."""
        return _(self.platform_texts.get(platform or current_platform(), {}).get(text, text))

    def action(self, platform: str | None = None) -> Action | None:
        return self.actions.get(platform or current_platform())

    @property
    def cannot_be_undone(self) -> bool:
        """What it removes does not come back (it has no ``undo`` sentence: "Once it is done, it cannot be undone."): the window never
        makes its button the default one, nor gives it the focus as a window opens."""
        return self.undo is None

    def needs_admin(self, platform: str | None = None) -> bool:
        action = self.action(platform)
        return bool(action and action.needs_admin)

    def describe(self, platform: str | None = None) -> dict[str, Any]:
        """Everything the consent question shows, translated."""
        plat = platform or current_platform()
        return {
            "id": self.id,
            "area": self.area,
            "title": self.text(self.title, plat),
            "changes": self.text(self.changes, plat),
            "admin": self.needs_admin(plat),
            "max_seconds": self.max_seconds,
            "duration": duration_text(self.max_seconds),
            # small-screen round 13 (fr): « Cela ne peut pas être annulé » under « jusqu'à 2 minutes »: « je ne sais pas si on parle
            # de l'effacement ou des 2 minutes. Est-ce que je ne pourrai plus arrêter une fois lancé ? »: once done
            "undo": _(self.undo) if self.undo else _("Once it is done, it cannot be undone."),
            "fixes": _(self.fixes) if self.fixes else "",
            "verify": list(self.verify),
            "manual": [self.text(m, plat) for m in self.manual],
            "platforms": sorted(self.actions),
        }


def duration_text(seconds: int) -> str:
    if seconds <= 15:
        return _("a few seconds")
    if seconds < 90:
        return _("up to a minute")
    return held_together(_("up to {n} minutes").format(n=max(2, round(seconds / 60))))


def running_as_admin() -> bool:
    if sys.platform.startswith("win"):  # pragma: no cover - Windows only
        import ctypes

        try:
            return bool(ctypes.windll.shell32.IsUserAnAdmin())  # type: ignore[attr-defined]
        except (AttributeError, OSError):
            return False
    return hasattr(os, "geteuid") and os.geteuid() == 0
