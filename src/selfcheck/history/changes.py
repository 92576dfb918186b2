"""The machine's state at each scan, and what changed between two states.

The state holds what support asks about when "it worked yesterday": DNS
servers, proxy, default gateway, OS version, installed software, free space,
startup items. :func:`diff_states` is pure, so it is tested on recorded pairs.
"""

from __future__ import annotations

import fnmatch
import hashlib
import os
import platform
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from selfcheck import wording
from selfcheck.i18n import _, french_spaces, ngettext

GB = 1024**3

# Which parts of the state matter to which checks (overridable in [history.relevant]).
DEFAULT_RELEVANT: dict[str, list[str]] = {
    "network.*": ["dns_servers", "proxy", "gateway", "software", "os_version"],
    "security.*": ["software", "os_version", "startup"],
    "hardware.disk": ["free_space", "software"],
    "hardware.*": ["software", "os_version", "startup"],
    "os.*": ["os_version", "software", "startup"],
    "*": ["software", "os_version"],
}


@dataclass
class Change:
    kind: str  # dns_servers, proxy, gateway, os_version, software, free_space, startup
    text: str  # one translated sentence with the exact facts (for support: the bundle, the support card)
    before: Any = None
    after: Any = None
    when: float | None = None  # when it happened, if known
    #: the same change in the customer's words (no addresses, versions or folder names), for the window
    plain: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "text": self.text, "before": self.before, "after": self.after, "when": self.when, "plain": self.plain}


@dataclass
class WhatChanged:
    """For one problem: when it started and what changed since the last good scan."""

    check_id: str
    last_good: str | None  # ISO time of the last scan where the check passed
    first_bad: str | None  # ISO time of the first scan where it failed
    changes: list[Change] = field(default_factory=list)
    text: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "check_id": self.check_id,
            "last_good": self.last_good,
            "first_bad": self.first_bad,
            "changes": [c.to_dict() for c in self.changes],
            "text": self.text,
        }


# --- collecting the state ----------------------------------------------------------------------


def _dns_servers() -> list[str]:
    """The configured resolvers, found the way the DNS check finds them (every platform)."""
    from selfcheck import netprobe
    from selfcheck.api import Context, current_platform

    return list(netprobe.find_resolvers(Context().run, current_platform()).get("servers") or [])


def _default_gateway() -> str | None:
    """Linux only without a scan's facts (elsewhere the gateway check's facts provide it)."""
    from selfcheck import netparse

    try:
        routes = netparse.parse_proc_net_route(Path("/proc/net/route").read_text())
    except OSError:
        return None
    return next((r["gateway"] for r in routes if r["gateway"]), None)


#: This program's own entries, as :func:`_startup_items` names them: the at-login sending of a waiting message
#: (selfcheck.upload.atlogin's DESKTOP_FILE, LABEL and RUN_VALUE, which a test holds equal to these) and the light scans'
#: schedule. They come and go with what the program does (a message waiting for the internet), so "what changed" listed
#: them as a new program starting with the computer, which support would read as a change the customer made. Written out
#: here: importing atlogin would close an import circle (atlogin -> history.background -> scan -> history -> changes).
OWN_STARTUP_ITEMS = frozenset(
    {
        "autostart:selfcheck-outbox.desktop",
        "launchd:org.selfcheck.outbox.plist",
        "launchd:org.selfcheck.background.plist",
        "HKCU-Run:selfcheck outbox",
    }
)


def _startup_items() -> list[str]:
    return [i for i in _all_startup_items() if i not in OWN_STARTUP_ITEMS]


def _all_startup_items() -> list[str]:
    items: list[str] = []
    if sys.platform.startswith("linux"):
        config = Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config")
        for folder in (config / "autostart", Path("/etc/xdg/autostart")):
            if folder.is_dir():
                items += sorted(f"autostart:{p.name}" for p in folder.glob("*.desktop"))
        wants = config / "systemd" / "user" / "default.target.wants"
        if wants.is_dir():
            items += sorted(f"systemd-user:{p.name}" for p in wants.iterdir())
    elif sys.platform == "darwin":  # pragma: no cover - macOS only
        for folder in (Path.home() / "Library/LaunchAgents", Path("/Library/LaunchAgents"), Path("/Library/LaunchDaemons")):
            if folder.is_dir():
                items += sorted(f"launchd:{p.name}" for p in folder.glob("*.plist"))
    elif sys.platform == "win32":  # pragma: no cover - Windows only
        import winreg

        for root, name in ((winreg.HKEY_CURRENT_USER, "HKCU"), (winreg.HKEY_LOCAL_MACHINE, "HKLM")):
            try:
                key = winreg.OpenKey(root, r"Software\Microsoft\Windows\CurrentVersion\Run")
            except OSError:
                continue
            for i in range(winreg.QueryInfoKey(key)[1]):
                items.append(f"{name}-Run:{winreg.EnumValue(key, i)[0]}")
    return items


def _volumes(disk_facts: Any) -> list[Mapping[str, Any]]:
    """Real volumes: the disk check's own list, or the same listing when it did not run."""
    volumes = disk_facts.get("volumes") if isinstance(disk_facts, Mapping) else None
    if not isinstance(volumes, list):
        import psutil

        from selfcheck.api import current_platform
        from selfcheck.platforms.volumes import list_volumes

        volumes = list_volumes(psutil, current_platform(), 1_000_000)
    return [v for v in volumes if isinstance(v, Mapping) and "mountpoint" in v and "free" in v]


def _free_space(volumes: Sequence[Mapping[str, Any]]) -> dict[str, int]:
    """Free bytes per real volume."""
    return {str(v["mountpoint"]): int(v["free"]) for v in volumes}


def _uuids_by_device(folder: Path = Path("/dev/disk/by-uuid")) -> dict[str, str]:
    """Linux: the file system UUID of each device (udev's links), {} elsewhere."""
    found: dict[str, str] = {}
    try:
        for link in folder.iterdir():
            found[os.path.realpath(link)] = link.name
    except OSError:
        pass
    return found


def _volume_ids(volumes: Sequence[Mapping[str, Any]]) -> dict[str, list[Any]]:
    """What identifies the volume at each mount point: [total bytes, a number from its file system's UUID or None].

    A 64 GB stick then an 8 GB one on the same mount point are two volumes: free space is forecast only from the
    scans of one (the UUID is kept as 12 hex digits of its hash, a number like the other trend figures)."""
    uuids = _uuids_by_device() if sys.platform.startswith("linux") else {}
    out: dict[str, list[Any]] = {}
    for v in volumes:
        if not isinstance(v.get("total"), int | float):
            continue
        device = str(v.get("device") or "")
        uuid = uuids.get(os.path.realpath(device)) if device.startswith("/dev/") else None
        volume_id = int(hashlib.sha256(uuid.encode()).hexdigest()[:12], 16) if uuid else None
        out[str(v["mountpoint"])] = [int(v["total"]), volume_id]
    return out


def _proxy(config: Mapping[str, Any] | None) -> dict[str, str]:
    from selfcheck import netconf

    try:
        found = netconf.system_proxies(config)
    except Exception:  # a broken proxy setting must not lose the scan's history
        return {}
    return {k: str(v) for k, v in dict(found).items() if v}


def collect_state(config: Any = None, scan_facts: Mapping[str, Mapping[str, Any]] | None = None) -> dict[str, Any]:
    """The change-relevant state of this machine now (cheap: well under a second)."""
    from selfcheck.history import inventory

    facts = scan_facts or {}
    dns = facts.get("network.dns", {}).get("resolvers") if isinstance(facts.get("network.dns"), Mapping) else None
    gateway = facts.get("network.gateway", {}).get("gateway") if isinstance(facts.get("network.gateway"), Mapping) else None
    software = {}
    for item in inventory.collect():
        key = f"{item['source']}:{item['name']}"
        software[key] = [item.get("version", ""), item.get("installed")]
    volumes = _volumes(facts.get("hardware.disk"))
    return {
        "os_version": f"{platform.system()} {platform.release()} {platform.version()}".strip(),
        "dns_servers": [str(d) for d in dns] if isinstance(dns, list) else _dns_servers(),
        "gateway": gateway if isinstance(gateway, str) else _default_gateway(),
        "proxy": _proxy(getattr(config, "data", config)),
        "free_space": _free_space(volumes),
        "volumes": _volume_ids(volumes),
        "startup": _startup_items(),
        "software": software,
    }


def metrics_from(scan_facts: Mapping[str, Any], state: Mapping[str, Any]) -> dict[str, float]:
    """Numbers kept with every scan for trends: free space per volume, memory, CPU, battery health."""
    import psutil

    metrics: dict[str, float] = {f"disk_free:{k}": float(v) for k, v in (state.get("free_space") or {}).items()}
    for mountpoint, (total, volume_id) in (state.get("volumes") or {}).items():
        metrics[f"disk_total:{mountpoint}"] = float(total)
        if volume_id is not None:
            metrics[f"disk_volume:{mountpoint}"] = float(volume_id)
    cpu = scan_facts.get("hardware.cpu") if isinstance(scan_facts, Mapping) else None
    memory = scan_facts.get("hardware.memory") if isinstance(scan_facts, Mapping) else None
    # the scan's own measurements when it made them (a first psutil.cpu_percent() call means nothing)
    if isinstance(cpu, Mapping) and isinstance(cpu.get("total_percent"), int | float):
        metrics["cpu_percent"] = float(cpu["total_percent"])
    if isinstance(memory, Mapping) and isinstance(memory.get("percent_used"), int | float):
        metrics["mem_percent"] = float(memory["percent_used"])
    else:
        try:
            metrics["mem_percent"] = float(psutil.virtual_memory().percent)
        except Exception:
            pass
    battery = scan_facts.get("hardware.battery") if isinstance(scan_facts, Mapping) else None
    if isinstance(battery, Mapping):
        for key in ("health_percent", "health"):
            if isinstance(battery.get(key), int | float):
                metrics["battery_health"] = float(battery[key])
                break
    return metrics


# --- comparing ---------------------------------------------------------------------------------


def _fmt_size(n_bytes: float) -> str:
    """The same size words as the disk check's own sentence ('68.1 GB' / '68,1 Go', 1 GB = 10^9 bytes), so the two
    agree on one disk; a French reader reads a decimal comma."""
    return wording.size(n_bytes)


def diff_states(old: Mapping[str, Any], new: Mapping[str, Any], kinds: Sequence[str] | None = None) -> list[Change]:
    """What differs between two states, as plain sentences (most telling first)."""
    wanted = set(kinds) if kinds else None
    changes: list[Change] = []

    def want(kind: str) -> bool:
        return wanted is None or kind in wanted

    if want("dns_servers") and old.get("dns_servers") != new.get("dns_servers"):
        before, after = ", ".join(old.get("dns_servers") or []) or _("none"), ", ".join(new.get("dns_servers") or []) or _("none")
        changes.append(
            Change(
                "dns_servers",
                _("Your DNS server changed from {before} to {after}.").format(before=before, after=after),
                old.get("dns_servers"),
                new.get("dns_servers"),
                plain=_("The way this computer finds websites changed (a setting of your network or internet box)."),
            )
        )
    if want("gateway") and old.get("gateway") != new.get("gateway"):
        changes.append(
            Change(
                "gateway",
                _("Your router (default gateway) changed from {before} to {after}.").format(
                    before=old.get("gateway") or _("none"), after=new.get("gateway") or _("none")
                ),
                old.get("gateway"),
                new.get("gateway"),
                plain=_("This computer is on a different network, or your internet box was changed."),
            )
        )
    if want("proxy") and (old.get("proxy") or {}) != (new.get("proxy") or {}):
        before = ", ".join(f"{k}={v}" for k, v in sorted((old.get("proxy") or {}).items())) or _("none")
        after = ", ".join(f"{k}={v}" for k, v in sorted((new.get("proxy") or {}).items())) or _("none")
        changes.append(
            Change(
                "proxy",
                _("The proxy settings changed from {before} to {after}.").format(before=before, after=after),
                old.get("proxy"),
                new.get("proxy"),
                plain=_("The internet settings of this computer changed."),
            )
        )
    if want("os_version") and old.get("os_version") and old.get("os_version") != new.get("os_version"):
        changes.append(
            Change(
                "os_version",
                _("The operating system was updated from {before} to {after}.").format(before=old["os_version"], after=new.get("os_version")),
                old.get("os_version"),
                new.get("os_version"),
                plain=_("The system of this computer was updated."),
            )
        )
    if want("software"):
        changes += _software_changes(old.get("software") or {}, new.get("software") or {})
    if want("free_space"):
        for volume, free_now in (new.get("free_space") or {}).items():
            free_then = (old.get("free_space") or {}).get(volume)
            if free_then is not None and free_then - free_now > max(1 * GB, 0.25 * free_then):
                changes.append(
                    Change(
                        "free_space",
                        _("Free space on {volume} dropped from {before} to {after}.").format(
                            volume=volume, before=_fmt_size(free_then), after=_fmt_size(free_now)
                        ),
                        free_then,
                        free_now,
                        # send round 100 (en): "Much less space is free on this computer than before" ("why? I did
                        # nothing"): that programs fill it by themselves; round 101: "Programs add files by themselves"
                        # (fr « comme si quelque chose se passait dans mon dos »): that it is common, with use
                        plain=_("Much less space is free on this computer than before. This is common: a computer fills up little by little as it is used."),
                    )
                )
    if want("startup"):
        added = sorted(set(new.get("startup") or []) - set(old.get("startup") or []))
        removed = sorted(set(old.get("startup") or []) - set(new.get("startup") or []))
        for item in added:
            text = _("A program now starts with the computer: {name}.").format(name=item.split(":", 1)[-1])
            changes.append(Change("startup", text, None, item, plain=text))
        for item in removed:
            text = _("A program no longer starts with the computer: {name}.").format(name=item.split(":", 1)[-1])
            changes.append(Change("startup", text, item, None, plain=text))
    return changes


def _software_changes(old: Mapping[str, Any], new: Mapping[str, Any], limit: int = 25) -> list[Change]:
    changes: list[Change] = []
    for key in sorted(new.keys() - old.keys()):
        version, when = (new[key] + [None, None])[:2]
        name = key.split(":", 1)[-1]
        changes.append(
            Change(
                "software",
                _("{name} {version} was installed.").format(name=name, version=version).replace("  ", " "),
                None,
                version,
                when,
                plain=_("{name} was installed.").format(name=name),
            )
        )
    for key in sorted(old.keys() & new.keys()):
        if old[key][0] != new[key][0]:
            name = key.split(":", 1)[-1]
            changes.append(
                Change(
                    "software",
                    _("{name} was updated from {before} to {after}.").format(name=name, before=old[key][0], after=new[key][0]),
                    old[key][0],
                    new[key][0],
                    new[key][1],
                    plain=_("{name} was updated.").format(name=name),
                )
            )
    for key in sorted(old.keys() - new.keys()):
        name = key.split(":", 1)[-1]
        text = _("{name} was removed.").format(name=name)
        changes.append(Change("software", text, old[key][0], None, plain=text))
    changes.sort(key=lambda c: -(c.when or 0))
    if len(changes) > limit:
        extra = len(changes) - limit
        more = ngettext("…and {n} other software change.", "…and {n} other software changes.", extra).format(n=extra)
        changes = changes[:limit] + [Change("software", more, plain=more)]
    return changes


def relevant_kinds(check_id: str, relevant: Mapping[str, Sequence[str]] | None = None) -> list[str]:
    table = dict(relevant or DEFAULT_RELEVANT)
    for pattern, kinds in table.items():
        if pattern != "*" and fnmatch.fnmatchcase(check_id, pattern):
            return list(kinds)
    return list(table.get("*", []))


def _when(iso_or_ts: str | float) -> str:
    """'Tuesday 14:02' in the current language."""
    from selfcheck.i18n import current_language

    dt = datetime.fromtimestamp(iso_or_ts) if isinstance(iso_or_ts, float | int) else datetime.fromisoformat(iso_or_ts).astimezone()
    days_en = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
    days_fr = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]
    day = (days_fr if current_language() == "fr" else days_en)[dt.weekday()]
    # the history keeps 400 days: "Saturday 15 Nov" of last year is not this year's 15 November
    this_year = dt.year == datetime.now().year
    if current_language() == "fr":
        return f"{day} {dt.day:02d}/{dt.month:02d}{'' if this_year else f'/{dt.year}'} {dt:%H:%M}"
    return f"{day} {dt:%d %b}{'' if this_year else f' {dt.year}'} {dt:%H:%M}"


def describe_start(last_good: str | None, first_bad: str | None) -> str:
    """'This started between Tuesday 14:02 and Wednesday 09:15.'"""
    if last_good and first_bad and _when(last_good) != _when(first_bad):
        return _("This started between {start} and {end}.").format(start=_when(last_good), end=_when(first_bad))
    if first_bad:
        return _("This was first seen on {when}.").format(when=_when(first_bad))
    return ""


def describe(item: WhatChanged, max_changes: int = 5) -> str:
    """'This started between Tuesday 14:02 and Wednesday 09:15. Since then: …'"""
    parts = [p for p in [describe_start(item.last_good, item.first_bad)] if p]
    if item.changes:
        parts.append(_("Since then:") + " " + " ".join(c.text for c in item.changes[:max_changes]))
    elif item.last_good:
        parts.append(_("Nothing we track changed on this computer since then."))
    return " ".join(parts)


# --- the same, in the customer's words (the window's "What changed since it last worked" card) ------

_MONTHS_FR = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"]


def when_plain(iso_or_ts: str | float, now: datetime | None = None) -> str:
    """A moment as a person says it: “today at 23:30”, “yesterday at 14:02”, “on Tuesday at 9:15”, “on 3 November at 9:15”.

    Relative to ``now`` (this computer's time): for the window, never for a bundle read later.
    """
    from selfcheck.i18n import current_language

    dt = datetime.fromtimestamp(iso_or_ts) if isinstance(iso_or_ts, float | int) else datetime.fromisoformat(iso_or_ts).astimezone()
    now = (now or datetime.now()).astimezone()
    dt = dt.astimezone(now.tzinfo)
    fr = current_language() == "fr"
    time = french_spaces(f"{dt.hour} h {dt.minute:02d}") if fr else f"{dt:%H:%M}"  # « 9 h 40 » on one line
    days = (now.date() - dt.date()).days
    if days == 0:
        return _("today at {time}").format(time=time)
    if days == 1:
        return _("yesterday at {time}").format(time=time)
    if 1 < days < 7:
        day = (
            ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]
            if fr
            else ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
        )[dt.weekday()]
        return _("on {day} at {time}").format(day=day, time=time)
    date = f"{dt.day} {_MONTHS_FR[dt.month - 1]}" if fr else f"{dt.day} {dt:%B}"
    if dt.year != now.year:  # the history keeps 400 days: "on 15 November" would read as this year's
        date += f" {dt.year}"
    return _("on {date} at {time}").format(date=date, time=time)


def describe_plain(item: Mapping[str, Any], now: datetime | None = None, max_changes: int = 5) -> tuple[str, list[str]]:
    """(the sentence, the changes) of one problem's history, in the customer's words: dates as people say
    them, changes without addresses or versions (those stay in ``text``, for support)."""
    last_good, first_bad = item.get("last_good"), item.get("first_bad")
    parts = []
    if last_good and first_bad and when_plain(last_good, now) != when_plain(first_bad, now):
        # send round 19: "Room on this computer: It still worked when… (how can room 'work'?)": words that fit every check
        # (room, updates, the internet…); last_good is a check that passed
        # send round 24 (fr): « la vérification faite mardi à 9 h 40 »: « je n'ai rien fait mardi : est-ce que le programme
        # vérifie tout seul ? »: who checked, this program (a scan the person ran, or its own scheduled one: both are its scans)
        # send rounds 82, 86 (en) and 87 (fr): "It was still fine when … and no longer today at 15:10": "a clumsy sentence", "I had
        # to read that twice", « la phrase est bizarre, j'ai dû la relire »: the two checks in the order they happened
        parts.append(
            _("When this program checked this computer {before}, all was well. When it checked {after}, this problem had started.").format(
                before=when_plain(last_good, now), after=when_plain(first_bad, now)
            )
        )
    elif first_bad:
        parts.append(_("We first saw this when this computer was checked {when}.").format(when=when_plain(first_bad, now)))
    changes = [str(c.get("plain") or c.get("text")) for c in item.get("changes") or [] if isinstance(c, Mapping) and (c.get("plain") or c.get("text"))]
    if changes:
        parts.append(_("Since then:"))
    # no "no program was installed … and no setting changed": it puzzled both readers on every screen and
    # contradicted a pending restart's "updates were installed" (round 4); the support card keeps the full facts
    return " ".join(parts), changes[:max_changes]
