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
