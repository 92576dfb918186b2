"""Cameras as facts (Linux: /dev/video*, their names in sysfs, and which programs hold them open).

A camera can be used by one program at a time: the holders are found by
reading /proc/*/fd (only this user's programs are readable without admin
rights; others are counted as unknown). Whether this account may open the
camera is asked with access(2), without opening it (opening wakes the camera).
"""

from __future__ import annotations

import glob
import os
from pathlib import Path
from typing import Any

SELF = {os.getpid()}


def _name(node: str) -> str:
    try:
        return Path(f"/sys/class/video4linux/{os.path.basename(node)}/name").read_text(encoding="utf-8", errors="replace").strip()[:60]
    except OSError:
        return ""


def _is_capture(node: str) -> bool | None:
    """Whether the node captures video (a camera has a metadata node too); None when unknown."""
    try:
        caps = Path(f"/sys/class/video4linux/{os.path.basename(node)}/device_caps").read_text().strip()
    except OSError:
        return None
    try:
        return bool(int(caps, 16) & 0x1)
    except ValueError:
        return None


def holders(paths: list[str]) -> tuple[dict[str, list[str]], int]:
    """Program names holding each path open, and how many processes could not be looked at."""
    found: dict[str, set[str]] = {p: set() for p in paths}
    wanted = {os.path.realpath(p): p for p in paths}
    hidden = 0
    for proc in glob.glob("/proc/[0-9]*"):
        pid = int(proc.rsplit("/", 1)[1])
        if pid in SELF:
            continue
        try:
            fds = os.listdir(f"{proc}/fd")
        except OSError:
            hidden += 1
            continue
        for fd in fds:
            try:
                target = os.readlink(f"{proc}/fd/{fd}")
            except OSError:
                continue
            if target in wanted:
                try:
                    comm = Path(f"{proc}/comm").read_text().strip()[:40]
                except OSError:
                    comm = "?"
                found[wanted[target]].add(comm)
    return {p: sorted(names) for p, names in found.items()}, hidden


def collect_linux(pattern: str = "/dev/video*") -> dict[str, Any]:
    nodes = sorted(glob.glob(pattern))
    cameras: list[dict[str, Any]] = []
    for node in nodes:
        capture = _is_capture(node)
        if capture is False:
            continue
        cameras.append({"node": node, "name": _name(node), "allowed": os.access(node, os.R_OK | os.W_OK)})
    users, hidden = holders([c["node"] for c in cameras])
    for camera in cameras:
        camera["used_by"] = users.get(camera["node"], [])
    return {"source": "v4l", "cameras": cameras, "unreadable_processes": hidden}
