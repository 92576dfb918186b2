"""A symptom the user can pick ("internet", "slow-computer"...): the checks it covers and the
effect the verdict names. Read from ``[symptoms.<name>]`` in the config; used by the runner
(which checks to run) and the diagnosis (whether the headline may say "this is probably why").
"""

from __future__ import annotations

from collections.abc import Mapping
from fnmatch import fnmatchcase
from typing import TYPE_CHECKING, Any

from selfcheck.i18n import _, pick

if TYPE_CHECKING:
    from selfcheck.config import Config


def patterns(config: Config, symptom: str | None) -> list[str] | None:
    """The check-id patterns of a symptom, or None for everything. Raises KeyError for an unknown symptom."""
    if not symptom or symptom == "everything":
        return None
    spec = config.section("symptoms").get(symptom)
    if not isinstance(spec, dict):
        raise KeyError(symptom)
    return patterns_of(spec)


def patterns_of(spec: Mapping[str, Any]) -> list[str]:
    """A ``[symptoms.<name>]`` table's check-id patterns: its checks, and every check of its categories."""
    return [str(p) for p in spec.get("checks", [])] + [f"{c}.*" for c in spec.get("categories", [])]


def matches(spec: Mapping[str, Any], check_id: str) -> bool:
    """Whether a symptom's table (as a bundle carries it) covers the check."""
    return any(fnmatchcase(check_id, p) for p in patterns_of(spec))


def covers(config: Config | None, symptom: str | None, check_id: str) -> bool:
    """Whether the check is one of the symptom's own (False without a symptom, or for "everything")."""
    if config is None:
        return False
    try:
        found = patterns(config, symptom)
    except KeyError:
        return False
    return found is not None and any(fnmatchcase(check_id, p) for p in found)


def effect(config: Config | None, symptom: str | None) -> str | None:
    """What the user notices ("you cannot print"), translated, when the config names it."""
    if not symptom or config is None:
        return None
    spec = config.section("symptoms").get(symptom)
    if isinstance(spec, dict) and spec.get("effect"):
        said = spec["effect"]
        return pick(said) if isinstance(said, dict) else _(str(said))
    return None
