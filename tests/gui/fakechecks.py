"""Controllable checks for the window's tests: pass, warn, fail (fixable), a consequence, hang, crash, ask."""

from __future__ import annotations

import threading
import time
from typing import Any

from selfcheck.api import Check, Context, Facts, Fix, Outcome, Thresholds
from selfcheck.config import from_dict
from selfcheck.discovery import Registry

STATE: dict[str, Any] = {}
CALLS: dict[str, int] = {}


def reset() -> None:
    STATE.clear()
    STATE.update({"broken": True, "hang_seconds": 30.0, "answer": None, "fix": None})
    CALLS.clear()


def _count(cid: str) -> None:
    CALLS[cid] = CALLS.get(cid, 0) + 1


class PassCheck(Check):
    id = "fake.pass"
    category = "os"
    title = "Fake passing check"
    priority = 40

    def collect(self, ctx: Context) -> Facts:
        _count(self.id)
        return {"value": 1, "nested": {"a": [1, 2]}}

    def evaluate(self, facts: Facts, thresholds: Thresholds) -> Outcome:
        return Outcome.ok("All good here.", evidence={"value": facts["value"]})


class WarnCheck(Check):
    id = "fake.warn"
    category = "hardware"
    title = "Fake warning check"
    priority = 60

    def collect(self, ctx: Context) -> Facts:
        _count(self.id)
        return {"free_gb": 3}

    def evaluate(self, facts: Facts, thresholds: Thresholds) -> Outcome:
        return Outcome.warn("The disk is nearly full.", advice=["Delete files you no longer need."], evidence=dict(facts))


class FailCheck(Check):
    id = "fake.fail"
    category = "network"
    title = "Fake network link"
    priority = 10
    help_url = "https://example.invalid/help"

    def collect(self, ctx: Context) -> Facts:
        _count(self.id)
        return {"broken": bool(STATE.get("broken"))}

    def evaluate(self, facts: Facts, thresholds: Thresholds) -> Outcome:
        if facts["broken"]:
            fix = STATE.get("fix")
            return Outcome.fail("This computer is not connected to any network.", advice=["Plug in the network cable.", "Turn Wi-Fi on."], fix=fix)
        return Outcome.ok("Connected to the network.")


class DependentCheck(Check):
    id = "fake.dependent"
    category = "network"
    title = "Fake internet access"
    depends_on = ("fake.fail",)
    priority = 20

    def collect(self, ctx: Context) -> Facts:
        _count(self.id)
        return {"reached": True}

    def evaluate(self, facts: Facts, thresholds: Thresholds) -> Outcome:
        return Outcome.ok("The internet can be reached.")


class HangCheck(Check):
    id = "fake.hang"
    category = "app"
    title = "Fake hanging check"
    timeout = 60.0

    def collect(self, ctx: Context) -> Facts:
        _count(self.id)
        end = time.monotonic() + float(STATE.get("hang_seconds", 30.0))
        while time.monotonic() < end and not ctx.cancelled.is_set():
            time.sleep(0.01)
        return {"waited": True}

    def evaluate(self, facts: Facts, thresholds: Thresholds) -> Outcome:
        return Outcome.ok("Finished waiting.")


class CrashCheck(Check):
    id = "fake.crash"
    category = "security"
    title = "Fake crashing check"

    def collect(self, ctx: Context) -> Facts:
        _count(self.id)
        raise RuntimeError("boom")

    def evaluate(self, facts: Facts, thresholds: Thresholds) -> Outcome:  # pragma: no cover - never reached
        return Outcome.ok("unreachable")


class AskCheck(Check):
    id = "fake.ask"
    category = "hardware"
    title = "Fake headset test"

    def collect(self, ctx: Context) -> Facts:
        _count(self.id)
        STATE["asked_from_main_thread"] = threading.current_thread() is threading.main_thread()
        return {"heard": ctx.ask.yes_no("Did you hear a sound?")}

    def evaluate(self, facts: Facts, thresholds: Thresholds) -> Outcome:
        return Outcome.ok("You heard the sound.") if facts["heard"] else Outcome.warn("You did not hear the sound.")


ALL = [PassCheck, WarnCheck, FailCheck, DependentCheck, HangCheck, CrashCheck, AskCheck]


def registry(*classes: type[Check]) -> Registry:
    reg = Registry()
    for cls in classes or ALL:
        assert reg.register_class(cls, "tests/gui/fakechecks.py")
    return reg


def config(**extra: Any) -> Any:
    return from_dict({"checks": {"total_budget": 60}, **extra})


def fix_empty_trash() -> Fix:
    return Fix("empty_trash", "Empty the recycle bin", confirm="Empty the recycle bin now? The files in it will be deleted for good.")


class FollowerCheck(Check):
    """Fails too, but only because fake.fail failed (it runs after it and names it as its cause)."""

    id = "fake.follower"
    category = "network"
    title = "Fake website access"
    after = ("fake.fail",)
    priority = 30

    def collect(self, ctx: Context) -> Facts:
        _count(self.id)
        return {"reached": not STATE.get("broken")}

    def evaluate(self, facts: Facts, thresholds: Thresholds) -> Outcome:
        if facts["reached"]:
            return Outcome.ok("Websites open.")
        return Outcome.fail("Websites do not open.", advice=["Fix the network first."], caused_by=["fake.fail"])
