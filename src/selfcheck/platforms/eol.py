"""End-of-life data (resources/eol.toml): is this operating system version still supported?

Pure lookups: the caller passes the OS facts and today's date, so the answer can
be recomputed from a bundle. A company may add or correct entries with an
``[eol]`` section in its config, laid out like the file.
"""

from __future__ import annotations

import copy
import functools
import tomllib
from collections.abc import Mapping
from datetime import date
from importlib import resources
from typing import Any


@functools.lru_cache(maxsize=1)
def _builtin() -> dict[str, Any]:
    text = (resources.files("selfcheck.resources") / "eol.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)


def _merge(base: dict[str, Any], override: Mapping[str, Any]) -> dict[str, Any]:
    for key, value in override.items():
        if isinstance(value, Mapping) and isinstance(base.get(key), dict):
            _merge(base[key], value)
        else:
            base[key] = copy.deepcopy(value)
    return base


def eol_data(override: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """The built-in table, with a company's corrections merged over it."""
    data = copy.deepcopy(_builtin())
    return _merge(data, override) if override else data


def _as_date(value: Any) -> date | None:
    if isinstance(value, date):
        return value
    if isinstance(value, str) and value:
        try:
            return date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None


def windows_edition_family(edition_id: str) -> str:
    """'Professional' -> consumer, 'Enterprise' -> business, 'EnterpriseS' -> ltsc."""
    e = (edition_id or "").lower()
    if e.startswith("server"):
        return "server"
    if e.endswith("enterprises") or e.endswith("enterprisesn") or "ltsc" in e:
        return "ltsc"
    if e.startswith(("enterprise", "education", "iotenterprise")):
        return "business"
    return "consumer"


def support_info(os_facts: Mapping[str, Any], data: Mapping[str, Any]) -> dict[str, Any]:
    """What the table says about this OS: name, security_end (ISO date or None),
    regular_end, rolling, ended_by_age (older than every listed version), extended and extended_until."""
    system = os_facts.get("system")
    info: dict[str, Any] = {"known": False, "name": os_facts.get("pretty_name") or "", "security_end": None, "regular_end": None, "rolling": False}
    if system == "windows":
        table = data.get("windows", {})
        builds = {int(k): v for k, v in table.get("builds", {}).items()}
        build = int(os_facts.get("build") or 0)
        family = windows_edition_family(str(os_facts.get("edition_id") or ""))
        info["edition_family"] = family
        entry = builds.get(build)
        if entry is None and builds and build and build < min(builds) and table.get("older_builds") == "ended":
            info.update(known=True, ended_by_age=True)
            return info
        if entry is None:
            return info
        end = entry.get(family) or (entry.get("business") if family == "ltsc" else None)
        info.update(known=end is not None, name=entry.get("name", info["name"]), security_end=_iso(end), **_extension(entry))
        return info
    if system == "darwin":
        table = data.get("macos", {})
        versions: dict[str, Any] = table.get("versions", {})
        version = str(os_facts.get("product_version") or "")
        parts = version.split(".")
        major = ".".join(parts[:2]) if parts and parts[0] == "10" else parts[0] if parts else ""
        entry = versions.get(major)
        if entry is None:
            try:
                key = float(major) if major else None
                lowest = min(float(k) for k in versions) if versions else None
            except ValueError:
                key = lowest = None
            if key is not None and lowest is not None and key < lowest and table.get("older_versions") == "ended":
                info.update(known=True, ended_by_age=True)
            return info
        info["name"] = f"{entry.get('name', 'macOS')} {version}".strip()
        if entry.get("security_end"):
            info.update(known=True, security_end=_iso(entry["security_end"]))
            return info
        # Apple's practice: the N newest major versions get security updates.
        released = _as_date(entry.get("released"))
        newer = [v for v in versions.values() if released and (_as_date(v.get("released")) or date.min) > released]
        keep = int(table.get("supported_majors", 3))
        info.update(known=True, newer_majors=len(newer))
        if len(newer) >= keep:
            newer_dates = sorted(_as_date(v.get("released")) or date.min for v in newer)
            info["security_end"] = newer_dates[keep - 1].isoformat()
        return info
    # Linux and other Unix: os-release ID, then ID_LIKE for derivatives with our versioning
    table = data.get("linux", {})
    distro = table.get(str(os_facts.get("id") or ""))
    if distro is None:
        return info
    if distro.get("rolling"):
        info.update(known=True, rolling=True, name=distro.get("name", info["name"]))
        return info
    versions = distro.get("versions", {})
    entry = versions.get(str(os_facts.get("version_id") or ""))
    if entry is None:
        return info
    info.update(
        known=True,
        name=entry.get("name", info["name"]),
        security_end=_iso(entry.get("security_end")),
        regular_end=_iso(entry.get("regular_end")),
        **_extension(entry),
    )
    return info


def _extension(entry: Mapping[str, Any]) -> dict[str, Any]:
    """A paid extension of security updates: ``extended`` (a code, "esu", or a company's own words) and ``extended_until``
    (an ISO date, or a year where the vendor gives only that, as text; None when not given)."""
    until = entry.get("extended_until")
    if isinstance(until, int) and not isinstance(until, bool):
        until = str(until)
    return {"extended": entry.get("extended"), "extended_until": until if isinstance(until, str) else _iso(until)}


def _iso(value: Any) -> str | None:
    d = _as_date(value)
    return d.isoformat() if d else None


def support_state(info: Mapping[str, Any], today: date, soon_days: int) -> str:
    """'supported', 'ending_soon', 'ended', 'rolling' or 'unknown'."""
    if not info.get("known"):
        return "unknown"
    if info.get("rolling"):
        return "rolling"
    if info.get("ended_by_age"):
        return "ended"
    end = _as_date(info.get("security_end"))
    if end is None:
        return "supported"
    if today > end:
        return "ended"
    if (end - today).days <= soon_days:
        return "ending_soon"
    return "supported"


def assess(os_facts: Mapping[str, Any], today_iso: str | None, soon_days: int) -> tuple[str, dict[str, Any]]:
    """(support_state, support_info) for OS facts as collected by os.version / security.os_support
    (they carry "today" and an optional company "eol_override")."""
    info = support_info(os_facts, eol_data(os_facts.get("eol_override") or None))
    today = _as_date(today_iso) or date.today()
    return support_state(info, today, soon_days), info
