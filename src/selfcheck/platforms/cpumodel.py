"""The processor's model: a cheap answer now, py-cpuinfo's fuller answer cached.

py-cpuinfo takes about a second, so a scan never waits for it: the check uses
the cache (selfcheck.paths.user_cache_dir()/cpuinfo.json) or the platform's
cheap source (/proc/cpuinfo, sysctl, the registry) and, when the cache is
missing or old, refreshes it in the background for the next scan.

``python -m selfcheck.platforms.cpumodel`` refreshes the cache (what the
background refresh runs).
"""

from __future__ import annotations

import json
import logging
import os
import platform
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

from selfcheck import paths

log = logging.getLogger(__name__)

CACHE_FILE = "cpuinfo.json"
MAX_AGE = 30 * 86400
REFRESH_GRACE = 120  # seconds: do not start another refresh while one may be running


def _cache_path() -> Path:
    return paths.user_cache_dir() / CACHE_FILE


def machine_key() -> str:
    return f"{platform.system()}-{platform.machine()}-{os.cpu_count()}"


def cached() -> dict[str, Any] | None:
    """The cached py-cpuinfo answer for this machine, or None when missing or stale."""
    try:
        data = json.loads(_cache_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("key") != machine_key() or time.time() - float(data.get("saved", 0)) > MAX_AGE:
        return None
    return data


def cheap_model(run: Any = None) -> str:
    """The model from the platform's cheapest source (milliseconds)."""
    try:
        if sys.platform.startswith("linux"):
            from selfcheck.platforms.linux import cpu_model_from_cpuinfo

            return cpu_model_from_cpuinfo(Path("/proc/cpuinfo").read_text(encoding="utf-8", errors="replace"))
        if sys.platform == "darwin" and run is not None:
            out = run(["sysctl", "-n", "machdep.cpu.brand_string"], timeout=2)
            return out.stdout.strip() if out.ok else ""
        if sys.platform.startswith("win"):  # pragma: no cover - Windows only
            from selfcheck.platforms.windows import read_registry_values

            values = read_registry_values(r"HARDWARE\DESCRIPTION\System\CentralProcessor\0", ["ProcessorNameString"])
            return str(values.get("ProcessorNameString", "")).strip()
    except OSError:
        return ""
    return platform.processor() or ""


def refresh_now() -> dict[str, Any] | None:
    """Ask py-cpuinfo (slow) and save the useful part of its answer."""
    try:
        import cpuinfo  # type: ignore[import-untyped]

        info = cpuinfo.get_cpu_info()
    except Exception:  # py-cpuinfo fails on some exotic machines; the cheap model stays
        log.exception("py-cpuinfo failed")
        return None
    data = {
        "key": machine_key(),
        "saved": time.time(),
        "brand": info.get("brand_raw", ""),
        "vendor": info.get("vendor_id_raw", ""),
        "arch": info.get("arch", ""),
        "hz_advertised": info.get("hz_advertised_friendly", ""),
        "l2_cache": info.get("l2_cache_size"),
        "flags_count": len(info.get("flags") or []),
    }
    path = _cache_path()
    try:
        paths.private_dir(path.parent)
        paths.write_private(path, json.dumps(data))
    except OSError:
        log.warning("could not save the processor cache in %s", path)
    return data


def refresh_in_background() -> bool:
    """Start a refresh that outlives this process when it can (a CLI scan ends
    before py-cpuinfo does). Returns True when one was started."""
    marker = paths.user_cache_dir() / (CACHE_FILE + ".refreshing")
    try:
        if time.time() - marker.stat().st_mtime < REFRESH_GRACE:
            return False
    except OSError:
        pass
    try:
        marker.parent.mkdir(parents=True, exist_ok=True)
        marker.touch()
    except OSError:
        return False
    if getattr(sys, "frozen", False):
        threading.Thread(target=refresh_now, name="cpuinfo-refresh", daemon=True).start()
        return True
    kwargs: dict[str, Any] = {}
    if sys.platform.startswith("win"):  # pragma: no cover - Windows only
        kwargs["creationflags"] = getattr(subprocess, "CREATE_NO_WINDOW", 0) | getattr(subprocess, "DETACHED_PROCESS", 0)
    else:
        kwargs["start_new_session"] = True
    try:
        subprocess.Popen(
            [sys.executable, "-m", "selfcheck.platforms.cpumodel"],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            close_fds=True,
            **kwargs,
        )
    except OSError:
        return False
    return True


if __name__ == "__main__":
    if hasattr(os, "nice"):
        os.nice(10)  # a background chore: let the user's programs go first
    refresh_now()
