"""Helpers to build small checks and registries in tests (not a test module)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from selfcheck import config as config_mod
from selfcheck.api import Check, Context, Facts, Outcome, Thresholds
from selfcheck.discovery import Registry


def make_check(
    check_id: str,
    collect: Callable[[Context], Any] | None = None,
    evaluate: Callable[[Facts, Thresholds], Any] | None = None,
    **attrs: Any,
) -> type[Check]:
    """A Check subclass; by default it collects {"ok": True} and passes."""

    def _collect(self: Check, ctx: Context) -> Any:
        return collect(ctx) if collect else {"ok": True}

    def _evaluate(self: Check, facts: Facts, thresholds: Thresholds) -> Any:
        return evaluate(facts, thresholds) if evaluate else Outcome.ok(f"{check_id} is fine.")

    namespace: dict[str, Any] = {
        "id": check_id,
        "category": check_id.split(".")[0] if check_id.split(".")[0] in ("hardware", "os", "network", "security", "devices", "app") else "app",
        "title": f"Title of {check_id}",
        "timeout": 5.0,
        "collect": _collect,
        "evaluate": _evaluate,
    }
    namespace.update(attrs)
    return type("Check_" + check_id.replace(".", "_").replace("-", "_"), (Check,), namespace)


def outcome_check(check_id: str, outcome: Callable[[], Outcome], **attrs: Any) -> type[Check]:
    """A check whose evaluation returns ``outcome()`` (built at evaluation, in the current language)."""
    return make_check(check_id, evaluate=lambda facts, thresholds: outcome(), **attrs)


def registry_of(*classes: type[Check]) -> Registry:
    registry = Registry()
    for cls in classes:
        assert registry.register_class(cls, "test"), registry.problems
    return registry


def config(data: dict[str, Any] | None = None) -> config_mod.Config:
    return config_mod.from_dict(data or {})


def judge(check: Check, facts: Facts, lang: str = "en") -> Outcome:
    """``check``'s evaluation of ``facts`` with the default thresholds, read in ``lang`` (English again after)."""
    from selfcheck import i18n

    i18n.set_language(lang)
    try:
        return check.evaluate(facts, check.thresholds_from(config_mod.load()))
    finally:
        i18n.set_language("en")


class Gate:
    """Lets a test hold a check inside ``collect`` and release it at teardown."""

    def __init__(self) -> None:
        self.entered = threading.Event()
        self.release = threading.Event()

    def hold(self, ctx: Context | None = None, *, honour_cancel: bool = False) -> Facts:
        self.entered.set()
        while not self.release.is_set():
            if honour_cancel and ctx is not None and ctx.cancelled.is_set():
                return {"cancelled": True}
            self.release.wait(0.02)
        return {"released": True}
