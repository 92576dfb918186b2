"""The Linux kernel's log: the one place that sees every crash, memory kill and disk error.

apport keeps one report per program and the journal may be off, but the kernel
writes a line for every segfault, every process it kills when memory runs out
and every file-system error. It is read from the journal (``journalctl -k``, which
users in the ``adm`` or ``systemd-journal`` group may read) or else from ``dmesg``
(root, or ``kernel.dmesg_restrict = 0``). The lines are kernel messages, which are
not translated, so parsing them is language-independent.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

MAX_LINES = 20000

_ISO = re.compile(r"^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)[,.](\d+)([+-]\d\d:?\d\d)\s(.*)$")
_UNIX = re.compile(r"^(\d+(?:\.\d+)?)\s+\S+\s+kernel:\s?(.*)$")
# "Out of memory: Killed process 4242 (chrome) total-vm:..." and its memory-cgroup form
_OOM = re.compile(r"(?:Memory cgroup out of memory|Out of memory)(?: \(oom_kill_allocating_task\))?: Killed process (\d+) \((.+?)\)")
# "crashy[4242]: segfault at 0 ip ... error 6 in crashy[...]"; x86's traps have no colon after the id (arch/x86/kernel/
# traps.c; linux-surface/linux-surface#1529: "traps: Isolated Web Co[8887] trap invalid opcode ip:7f60... error:0 in
# libxul.so[...]", chimera-linux/cports#2133: "traps: Isolated Web Co[7750] general protection fault ip:...")
_SEGV = re.compile(r"(?:^|traps: )(?:traps: )?(.+?)\[(\d+)\]:? (segfault at|general protection|trap (?:divide error|invalid opcode|int3|stack segment))")
_FS_ERROR = re.compile(
    # ext4's errors say "EXT4-fs error (device sdb1): ext4_find_entry:1683: ...", its other messages "EXT4-fs (loop0): ..."
    r"(EXT4-fs (?:error|critical) \(device (\S+?)\).*"
    r"|EXT4-fs (?:warning )?\((?:device )?(\S+?)\)(?::.*(?:error|shut down|read-only|Remounting|Aborting|unable|failed).*|: shut down requested.*)"
    # jbd2's "Aborting journal on device %s." names the device and the journal's inode ("sdb1-8", "dm-0-8" on LVM or an
    # encrypted disk): the device is all but the last "-N" (a lazy match read "dm-0-8" as "dm")
    r"|Aborting journal on device (\S+)-\d+"
    r"|BTRFS (?:error|critical|warning) \(device (\S+?)\).*"
    r"|XFS \((\S+?)\): .*(?:shut(?:ting)? down|[Ee]rror|Corruption).*"
    r"|(?:I/O|critical medium|critical target) error, dev (\S+?), sector.*)"
)
# "loop0: detected capacity change from 0 to 528424168": a new medium on a device (block layer, set_capacity_and_notify)
_NEW_MEDIUM = re.compile(r"(?:^|\s)([A-Za-z][\w-]*): detected capacity change from 0 to [1-9]\d*")
# "sd 6:0:0:0: [sdb] Attached SCSI removable disk": a disk put in, maybe under a name an earlier one had (the sd driver logs
# no capacity change for a disk it has just found: a USB stick pulled out and another plugged in)
_NEW_DISK = re.compile(r"\[([A-Za-z][\w-]*)\] Attached SCSI (?:removable )?disk")
# "EXT4-fs (loop0): mounted filesystem 9a4dfd80-0e01-45e0-99b5-0a2854ccfffc r/w ...": the file system's own UUID, which
# follows the medium whatever name the kernel gives it (recent kernels print it: 6.18 here; older ones, no UUID: the name decides)
_MOUNTED = re.compile(r"EXT4-fs \(([A-Za-z][\w-]*)\): mounted filesystem ([0-9a-fA-F-]{36})\b")


def _journal_present() -> bool:
    return any(Path(d).is_dir() and any(Path(d).rglob("*.journal")) for d in ("/var/log/journal", "/run/log/journal"))


def parse_dmesg_iso(text: str) -> list[dict[str, Any]]:
    """``dmesg --time-format iso`` lines: [{"time": epoch seconds, "text": message}]."""
    lines = []
    for raw in text.splitlines():
        m = _ISO.match(raw)
        if not m:
            continue
        try:
            stamp = datetime.fromisoformat(f"{m.group(1)}.{m.group(2)[:6]}{m.group(3)}").timestamp()
        except ValueError:
            continue
        lines.append({"time": stamp, "text": m.group(4)})
    return lines


def parse_journal_unix(text: str) -> list[dict[str, Any]]:
    """``journalctl -k -o short-unix`` lines: [{"time": epoch seconds, "text": message}]."""
    lines = []
    for raw in text.splitlines():
        m = _UNIX.match(raw)
        if m:
            lines.append({"time": float(m.group(1)), "text": m.group(2)})
    return lines


def read(run: Callable[..., Any], since: float, timeout: float = 3.0) -> dict[str, Any]:
    """Kernel messages newer than ``since`` (epoch seconds): {"source", "lines"} or {"source": None, "reason"}.

    ``run`` is ``Context.run``.
    """
    if _journal_present():
        out = run(["journalctl", "-k", "-q", "--no-pager", "-o", "short-unix", f"--since=@{int(since)}"], timeout)
        if out.ok:
            return {"source": "journal", "lines": parse_journal_unix(out.stdout)[-MAX_LINES:]}
    out = run(["dmesg", "--kernel", "--time-format", "iso"], timeout)
    if out.ok:
        return {"source": "dmesg", "lines": [line for line in parse_dmesg_iso(out.stdout) if line["time"] >= since][-MAX_LINES:]}
    reason = "dmesg is not installed" if out.missing else "reading the kernel's messages needs administrator rights"
    return {"source": None, "reason": reason, "lines": []}


def _iso(epoch: float) -> str:
    return datetime.fromtimestamp(epoch, UTC).isoformat(timespec="seconds")


def oom_kills(lines: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Processes the kernel killed because memory ran out: [{"time", "program", "pid", "cgroup"}]."""
    found = []
    for line in lines:
        m = _OOM.search(line["text"])
        if m:
            found.append({"time": _iso(line["time"]), "program": m.group(2), "pid": int(m.group(1)), "cgroup": "Memory cgroup" in line["text"]})
    return found


def segfaults(lines: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Programs that crashed (segfault, general protection, traps): [{"time", "program", "pid"}]."""
    found = []
    for line in lines:
        m = _SEGV.search(line["text"])
        if m:
            found.append({"time": _iso(line["time"]), "program": m.group(1).strip(), "pid": int(m.group(2))})
    return found


def volume_of(device: str, volumes: Any, resolve: bool = False) -> str | None:
    """The mount point of the listed volume that the kernel's ``device`` holds (``loop0`` for ``/dev/loop0``, a disk ``sda``
    for ``/dev/sda1``), or None when it holds none of them (another program's disk image, a snap package's loop device).
    ``resolve``: follow the volume's device link (``/dev/mapper/…`` to ``dm-0``), on the computer itself only."""
    import os

    if not device:
        return None
    for volume in volumes or []:
        path = str(volume.get("device") or "") if isinstance(volume, dict) else ""
        if not path.startswith("/dev/"):
            continue
        names = {os.path.basename(path)}
        if resolve:
            names.add(os.path.basename(os.path.realpath(path)))
        if any(_holds(device, name) for name in names):
            return str(volume.get("mountpoint") or path)
    return None


def _holds(disk: str, device: str) -> bool:
    """Whether the kernel's ``device`` is ``disk`` or one of its partitions (``sdb1`` of ``sdb``; ``loop0p1``, ``nvme0n1p2``
    of a disk whose name ends in a digit)."""
    return device == disk or re.fullmatch(re.escape(disk) + (r"p\d+" if disk[-1:].isdigit() else r"\d+"), device) is not None


def fs_errors(lines: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """File-system and disk I/O errors: [{"time", "device", "text"}], of the medium each device holds now.

    A medium is known by the UUIDs of the file systems the kernel mounted from it ("EXT4-fs (sdb1): mounted filesystem
    <uuid>"), which follow it whatever name it is given. The log is cut, per disk, where it got a new medium: "<dev>: detected
    capacity change from 0 to N" (a loop device given another disk image, a card put in a reader) or "[sdb] Attached SCSI
    removable disk" (a USB stick plugged in, maybe after another under the same name). An error is kept when its medium is
    the one its disk holds now (the same stick put back: its earlier errors are its own), or one another disk holds now (the
    same stick under another name: "device_now" is that name); it is left out when its disk now holds another medium (now:
    the one after the disk's latest new-medium line). An error whose medium was mounted last under another name, which
    holds it still, goes there even when its first name logged nothing since (a failing stick dropped off the bus and found
    again as sdc, sdb keeping its old mount). When either medium is not known (no such mount line: a FAT stick), the name
    decides, as before: an error logged before its device's latest capacity change from 0 was on an earlier medium (agent round 35: a lab's errors on loop0 were put on the /home image loop0 held later)."""
    events: list[tuple[int, str, str, str]] = []  # (index, kind, device, uuid)
    for index, line in enumerate(lines):
        text = line["text"]
        if m := _NEW_MEDIUM.search(text):
            events.append((index, "capacity", m.group(1), ""))
        elif m := _NEW_DISK.search(text):
            events.append((index, "attached", m.group(1), ""))
        elif m := _MOUNTED.search(text):
            events.append((index, "mounted", m.group(1), m.group(2).lower()))
        elif m := _FS_ERROR.search(text):
            events.append((index, "error", next((g for g in m.groups()[1:] if g), ""), ""))
    names = {device for _i, _k, device, _u in events if device}

    def disk_of(device: str) -> str:
        return min((name for name in names if _holds(name, device)), key=len, default=device)

    period: dict[str, int] = {}  # disk -> media it got so far in the log
    media: dict[tuple[str, int], set[str]] = {}  # (disk, period) -> UUIDs mounted from it
    last_mount: dict[str, tuple[int, str, int]] = {}  # UUID -> (index, disk, period) of its latest mount line
    placed = []
    for index, kind, device, uuid in events:
        disk = disk_of(device)
        if kind in ("capacity", "attached"):
            period[disk] = period.get(disk, 0) + 1
        elif kind == "mounted":
            media.setdefault((disk, period.get(disk, 0)), set()).add(uuid)
            last_mount[uuid] = (index, disk, period.get(disk, 0))
        elif kind == "error":
            placed.append((index, device, disk, period.get(disk, 0)))
    now = {disk: media.get((disk, period.get(disk, 0)), set()) for disk in {disk for disk, _count in media}}
    last_capacity = {disk_of(device): index for index, kind, device, _u in events if kind == "capacity"}
    found = []
    for index, device, disk, count in placed:
        error: dict[str, Any] = {"time": _iso(lines[index]["time"]), "device": device, "text": lines[index]["text"][:300]}
        mine = media.get((disk, count), set())
        _i, moved, moved_count = max((last_mount[uuid] for uuid in mine), default=(-1, disk, 0))
        if moved != disk and moved_count == period.get(moved, 0):  # mounted last under another name, which still holds it
            error["device_now"] = moved + device[len(disk) :]
        elif mine and now.get(disk):
            if not mine & now[disk]:
                elsewhere = next((other for other, uuids in now.items() if other != disk and mine & uuids), None)
                if elsewhere is None:
                    continue
                error["device_now"] = elsewhere + device[len(disk) :]
        elif index < last_capacity.get(disk, -1):
            continue
        found.append(error)
    return found
