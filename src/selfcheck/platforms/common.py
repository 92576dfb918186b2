"""Facts about this computer's processes and clock that several parts read the same way."""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from typing import Any

PROCESS_NAME_ATTRS = ["pid", "name", "exe"]
KERNEL_NAME_LENGTH = 15  # Linux keeps 15 characters of a program's name (TASK_COMM_LEN - 1); macOS 16


def process_name(info: Mapping[str, Any]) -> str:
    """A process's program name, never its command line.

    psutil's ``name()`` on Linux and macOS replaces a kernel name cut at 15 characters by the
    first argument of the command line, which a program can set to anything (``exec -a``,
    setproctitle: ``"backup-agent -p S3cret"``). Keep the executable's base name when it
    starts with the kernel's name, else the kernel's 15 characters.
    """
    name = str(info.get("name") or "")
    exe = re.split(r"[\\/]", str(info.get("exe") or ""))[-1]
    if os.name != "nt" and len(name) > KERNEL_NAME_LENGTH:
        kernel = name[:KERNEL_NAME_LENGTH]
        name = exe if exe.startswith(kernel) and len(exe) <= 255 else kernel
    return name or exe or f"pid {info.get('pid')}"


def seconds_since_boot() -> tuple[float, str]:
    """(seconds since the computer started, the clock it came from), never from the wall clock.

    A wrong date (a clock 60 days ahead) must not make the computer look 60 days up: Linux's
    CLOCK_BOOTTIME, macOS's CLOCK_MONOTONIC and Windows' GetTickCount64 count from boot, sleep
    included. Only when none is there: the wall clock minus the boot time psutil reports.
    """
    import sys
    import time

    try:
        if sys.platform.startswith("linux") and hasattr(time, "CLOCK_BOOTTIME"):
            return time.clock_gettime(time.CLOCK_BOOTTIME), "CLOCK_BOOTTIME"
        if sys.platform == "darwin" and hasattr(time, "CLOCK_MONOTONIC"):
            return time.clock_gettime(time.CLOCK_MONOTONIC), "CLOCK_MONOTONIC"
        if sys.platform.startswith("win"):  # pragma: no cover - Windows only
            import ctypes

            tick = ctypes.windll.kernel32.GetTickCount64  # type: ignore[attr-defined]
            tick.restype = ctypes.c_ulonglong
            return tick() / 1000.0, "GetTickCount64"
    except (OSError, AttributeError, ValueError):
        pass
    import psutil

    return max(0.0, time.time() - psutil.boot_time()), "wall clock - boot_time"


def zone_name_from_link(target: str) -> str:
    """'/usr/share/zoneinfo/Europe/Paris' or '/var/db/timezone/zoneinfo/Europe/Paris' -> 'Europe/Paris'."""
    marker = "zoneinfo/"
    return target.split(marker, 1)[1] if marker in target else ""


def time_zone(run: Any, platform: str) -> dict[str, Any]:
    """The time zone this computer is set to: its name as the OS keeps it ('Europe/Paris'; on Windows the
    zone's id, 'Romance Standard Time'), its abbreviation and offset from UTC now, and whether daylight saving
    time applies now. ``run`` is a check's ``ctx.run``. Read by os.timezone and by network.clock (a clock off by
    whole hours: support needs the zone it is set to)."""
    import time
    from datetime import datetime
    from pathlib import Path

    now = datetime.now().astimezone()
    offset = now.utcoffset()
    facts: dict[str, Any] = {
        "abbreviation": now.tzname() or "",
        "utc_offset_minutes": int(offset.total_seconds() // 60) if offset is not None else None,
        "daylight_saving": bool(time.localtime().tm_isdst > 0),
        "zone": os.environ.get("TZ", "").lstrip(":"),
    }
    if facts["zone"]:
        return facts
    if platform == "windows":  # pragma: no cover - Windows only
        out = run(["tzutil", "/g"], timeout=2)
        facts["zone"] = out.stdout.strip() if out.ok else ""
        return facts
    try:
        facts["zone"] = zone_name_from_link(os.path.realpath("/etc/localtime"))
    except OSError:
        pass
    if not facts["zone"]:
        try:
            facts["zone"] = Path("/etc/timezone").read_text().strip()
        except OSError:
            pass
    return facts


def utc_offset_text(minutes: Any) -> str:
    """'UTC+01:00', 'UTC-05:00' for an offset in minutes; '' when not known."""
    if not isinstance(minutes, int) or isinstance(minutes, bool):
        return ""
    sign = "+" if minutes >= 0 else "-"
    return f"UTC{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


#: a time zone is never a day or more off: past that, a whole number of hours is a clock that stopped (a dead clock battery)
DAY = 86400


def whole_hours(offset: float) -> bool:
    """Off by a whole number of hours (within 90 s), at least one and under a day: often a wrong time zone.

    Read the same way by the check (network.clock's time-zone step) and the support card."""
    return 3600 - 90 <= abs(offset) < DAY and abs(offset - round(offset / 3600) * 3600) <= 90


# ------------------------------------------------------------------ outgoing firewall rules (security.firewall's "outbound")

#: at most this many rules that stop outgoing secure connections are kept (Linux and Windows alike)
MAX_SECURE_BLOCKS = 10
#: at most this many values of one rule's destination are kept ("?" after them: more, not read)
MAX_DESTINATIONS = 64


def clip(value: Any, limit: int) -> str:
    """A rule's text on one line, at most ``limit`` characters ("…" where cut)."""
    text = " ".join(str(value).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
