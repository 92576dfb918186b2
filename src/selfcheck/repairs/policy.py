"""The company's ``[repairs]`` policy: which repairs may be offered, and which may ask for administrator rights.

::

    [repairs]
    enabled = true        # false: no repair is offered anywhere
    allowed = ["*"]       # repair-id patterns that may be offered ("network.*", "storage.empty_trash")
    denied = []           # patterns never offered, even when allowed matches
    may_elevate = ["*"]   # patterns that may ask for administrator rights; [] = only repairs that need none

The window and ``selfcheck fix`` never offer what this does not allow.
"""

from __future__ import annotations

import fnmatch
from collections.abc import Iterable
from typing import Any

from .catalog import REPAIRS
from .model import current_platform, running_as_admin


def _patterns(section: dict[str, Any], key: str, default: list[str]) -> list[str]:
    value = section.get(key, default)
    if isinstance(value, str):
        value = [value]
    return [str(v) for v in value] if isinstance(value, list) else default


def _section(config: Any) -> dict[str, Any]:
    section = config.section("repairs") if hasattr(config, "section") else {}
    return section if isinstance(section, dict) else {}


def _matches(repair_id: str, patterns: Iterable[str]) -> bool:
    return any(fnmatch.fnmatchcase(repair_id, p) for p in patterns)


def allowed(config: Any, repair_id: str) -> bool:
    """The policy lets this repair be offered (whatever the platform)."""
    section = _section(config)
    if not bool(section.get("enabled", True)) or repair_id not in REPAIRS:
        return False
    return _matches(repair_id, _patterns(section, "allowed", ["*"])) and not _matches(repair_id, _patterns(section, "denied", []))


def may_elevate(config: Any, repair_id: str) -> bool:
    return _matches(repair_id, _patterns(_section(config), "may_elevate", ["*"]))


def offerable(config: Any, repair_id: str, platform: str | None = None, *, is_admin: bool | None = None) -> bool:
    """Allowed, done on this platform, and not needing rights the policy forbids asking for."""
    if not allowed(config, repair_id):
        return False
    repair = REPAIRS[repair_id]
    action = repair.action(platform or current_platform())
    if action is None:
        return False
    if action.needs_admin and not may_elevate(config, repair_id):
        return running_as_admin() if is_admin is None else is_admin
    return True


def offered(config: Any, repair_ids: Iterable[str], platform: str | None = None) -> list[str]:
    """The repairs of a result the front ends may offer, in the check's order."""
    return [r for r in dict.fromkeys(repair_ids) if offerable(config, r, platform)]
