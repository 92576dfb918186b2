"""hardware.disk: free space on each real volume (system and home first),
read-only volumes, inode exhaustion (Unix) and SMART health where smartctl is installed."""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from selfcheck import plainwords, wording
from selfcheck.api import Check, Context, Facts, Fix, Outcome, Status, Thresholds
from selfcheck.i18n import N_, _, ngettext
from selfcheck.inert import inert_name
from selfcheck.platforms.volumes import (
    READ_ONLY_BY_NATURE,
    files_volume,
    judged_space,
    judged_volumes,
    list_volumes,
    network_shares,
    same_space,
    short_of_room,
    trash_on,
)
from selfcheck.wording import join_names, size


def trash_size(platform: str, budget: float = 0.15, shell32: Any = None, drives: Iterable[str] = ()) -> dict[str, Any] | None:
    """Bytes in the user's trash (bounded in time: 'complete' says whether all was counted); None when not known.

    On Windows the Recycle Bin's own count (:func:`selfcheck.platforms.windows.recycle_bin_bytes`, every drive, as the
    repair that empties it counts it): without it a full Windows computer was never offered "Empty the Recycle Bin".
    Each of ``drives`` (mount points, "C:\\") is asked for its own part too (``drives`` in the answer): a review found a
    full C: offered "room for about 430 more photos" that the bin held on D:, where emptying it gives C: nothing."""
    if platform == "windows":
        from selfcheck.platforms.windows import recycle_bin_bytes

        held = recycle_bin_bytes(shell32)
        if held is None:
            return None
        parts = {root: part for root in dict.fromkeys(drives) if (part := recycle_bin_bytes(shell32, root)) is not None}
        return {"bytes": held, "complete": True, **({"drives": parts} if parts else {})}
    if platform == "linux":
        base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share") / "Trash" / "files"
    elif platform == "darwin":
        base = Path.home() / ".Trash"
    else:
        return None
    try:
        if not base.is_dir():
            return {"bytes": 0, "complete": True}
    except OSError:
        return None  # a home closed to its own account (tried for real: the whole disk check stopped with PermissionError)
    total, stop = 0, time.monotonic() + budget
    stack = [str(base)]
    while stack:
        if time.monotonic() > stop:
            return {"bytes": total, "complete": False}
        try:
            with os.scandir(stack.pop()) as it:
                for entry in it:
                    try:
                        if entry.is_dir(follow_symlinks=False):
                            stack.append(entry.path)
                        else:
                            total += entry.stat(follow_symlinks=False).st_size
                    except OSError:
                        continue
        except OSError:
            continue
    return {"bytes": total, "complete": True}


#: where a full system disk's unused programs go, as the customer's own system removes them (a Windows step said to put
#: them in the Recycle Bin: Windows uninstalls them in Settings; on a Mac, dragging one to the Trash is right, so the
#: macOS step keeps them beside the files); Linux, and an unknown system, the app programs are installed with
PROGRAMS_REMOVED = {
    "windows": N_(
        "Programs you know you no longer use do not go in the Recycle Bin: open Settings from the Start menu, choose “Apps”, then "
        "“Installed apps”, click “…” beside the program and choose “Uninstall”."
    ),
    "linux": N_("Programs you know you no longer use do not go in the Trash: remove them in the app you install programs with, such as “Software”."),
}
#: the folders Windows and macOS make in a home folder, by their names on disk: File Explorer and the Finder show them
#: translated (French Windows and macOS: « Images », « Téléchargements », « Films »…), so the steps do
HOME_FOLDER_NAMES = {
    name: name
    for name in (
        N_("Desktop"), N_("Documents"), N_("Downloads"), N_("Music"), N_("Pictures"), N_("Videos"), N_("Movies"), N_("Saved Games"),
        N_("Favorites"), N_("Links"), N_("Contacts"), N_("Searches"), N_("3D Objects"), N_("Public"),
    )
}  # fmt: skip
#: Windows 10's Settings has no "Installed apps": its "Apps" page is the list ("Apps & features"), with "Uninstall" under
#: the program clicked
PROGRAMS_REMOVED_WINDOWS_10 = N_(
    "Programs you know you no longer use do not go in the Recycle Bin: open Settings from the Start menu, choose “Apps”, click the program "
    "in the list and choose “Uninstall”."
)


WRITE_ERRORS = ("EIO", "EROFS", "EUCLEAN", "ENOSPC", "EDQUOT")
#: below this much free space a volume is "full" (nothing fits); above it, past the failure threshold, "almost full"
NO_ROOM_BYTES = 1_000_000


def _diskstats() -> dict[str, int]:
    """Milliseconds each disk has been busy since boot (/proc/diskstats, field 13)."""
    busy: dict[str, int] = {}
    try:
        with open("/proc/diskstats", encoding="ascii") as fh:
            for line in fh:
                parts = line.split()
                if len(parts) >= 13 and not parts[2].startswith(("ram", "zram")):
                    busy[parts[2]] = int(parts[12])
    except (OSError, ValueError):
        pass
    return busy


def _io_stall_total() -> int | None:
    """Microseconds since boot during which some program waited for a disk (/proc/pressure/io)."""
    try:
        with open("/proc/pressure/io", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("some "):
                    return int(line.rsplit("total=", 1)[1])
    except (OSError, ValueError, IndexError):
        pass
    return None


def io_activity(psutil: Any, ctx: Context, seconds: float) -> dict[str, Any]:
    """Over ``seconds``: the share of time programs waited for a disk, each disk's busy share and
    the programs reading or writing the most."""
    own = os.getpid()

    def counters() -> dict[int, tuple[str, int]]:
        found = {}
        for proc in psutil.process_iter(["name"]):
            if proc.pid == own:
                continue
            try:
                io = proc.io_counters()
            except (psutil.Error, OSError, AttributeError):
                continue  # another user's program: only administrators may see its disk use
            found[proc.pid] = (str(proc.info.get("name") or ""), int(io.read_bytes + io.write_bytes))
        return found

    def waiting_now(seen: dict[int, int]) -> None:
        for proc in psutil.process_iter(["name", "status"]):
            if proc.pid != own and proc.info.get("status") == psutil.STATUS_DISK_SLEEP:
                seen[proc.pid] = seen.get(proc.pid, 0) + 1

    before, disks_before, stall_before, start = counters(), _diskstats(), _io_stall_total(), time.monotonic()
    # who is waiting for the disk (the kernel's "D" state), looked at a few times over the window
    waits: dict[int, int] = {}
    end = start + max(0.05, min(seconds, ctx.remaining() - 0.5))
    while time.monotonic() < end and not ctx.cancelled.is_set():
        waiting_now(waits)
        ctx.cancelled.wait(min(0.1, max(0.0, end - time.monotonic())))
    after, disks_after, stall_after = counters(), _diskstats(), _io_stall_total()
    window = max(0.001, time.monotonic() - start)
    busy = {d: round(min(100.0, (disks_after[d] - disks_before.get(d, disks_after[d])) / (window * 10)), 1) for d in disks_after}
    # the programs waiting for the disk most often, then moving the most data, are its load
    score: dict[str, tuple[int, int]] = {}
    for pid, (name, total) in after.items():
        moved = total - before[pid][1] if pid in before else 0
        if moved > 0 or waits.get(pid):
            old_waits, old_moved = score.get(name, (0, 0))
            score[name] = (old_waits + waits.get(pid, 0), old_moved + max(0, moved))
    top = [(n, s[1]) for n, s in sorted(score.items(), key=lambda kv: kv[1], reverse=True) if s[0] > 0][:3]
    waiting = round(min(100.0, (stall_after - stall_before) / (window * 1e4)), 1) if stall_before is not None and stall_after is not None else None
    return {
        "waiting_percent": waiting,
        "window_seconds": round(window, 2),
        "busy_percent": {d: v for d, v in busy.items() if v > 0},
        "programs": [{"name": n, "bytes_per_second": int(b / window)} for n, b in top],
    }


def write_test(folder: Path) -> dict[str, Any]:
    """Create, write, flush and delete a small hidden file in ``folder``: {"result": "ok"} or the error."""
    import errno
    import tempfile

    fd = None
    path = ""
    try:
        fd, path = tempfile.mkstemp(prefix=".selfcheck-write-test-", dir=str(folder))
        os.write(fd, b"selfcheck")
        os.fsync(fd)
        return {"result": "ok", "folder": str(folder)}
    except OSError as exc:
        code = errno.errorcode.get(exc.errno or 0, str(exc.errno))
        return {"result": "failed", "errno": code, "error": exc.strerror or str(exc), "folder": str(folder)}
    finally:
        if fd is not None:
            try:
                os.close(fd)
            except OSError:
                pass
        if path:
            try:
                os.unlink(path)
            except OSError:
                pass


#: the walk reads its clock every so many entries inside a folder too: one folder of 500,000 files took 5.4 to 6.7 s (cold
#: cache) against a 1.5 s limit read only between folders; a few hundred entries cost milliseconds even on a slow disk
CLOCK_EVERY = 500


#: folders a file system or system keeps at a drive's top level, closed to the person by design and small (ext4's
#: lost+found, Windows' own): not reported as folders that could not be read
SYSTEM_FOLDERS = {"lost+found", "system volume information", "$recycle.bin"}


def _hidden_folder(name: str) -> bool:
    """A folder the file manager hides by default: a dot name (Linux, macOS) or Windows' AppData."""
    return name.startswith(".") or name.casefold() == "appdata"


def largest_folders(root: Path, budget: float = 1.5, keep: int = 5, clock: Callable[[], float] = time.monotonic) -> dict[str, Any]:
    """The biggest folders directly under ``root`` (names and bytes), counted within ``budget`` seconds (of ``clock``).

    Support asks "what is filling it?" first; the person recognises their own folder names.
    ``complete`` is False when time ran out (the sizes are then at least what was counted), between folders or inside one;
    ``listed_all`` is False when it ran out while ``root`` itself was being listed (other folders may be bigger).
    ``unreadable`` names the folders that could not be opened (another account's, closed to this one): their size is
    unknown (``bytes`` None) and any of them may be the biggest. ``error`` says why ``root`` itself could not be listed.
    A folder holding a folder that could not be opened is marked ``at_least`` (its ``bytes`` are a minimum): it is kept
    in ``folders`` even when it is not among the ``keep`` biggest counted, since what was not read may make it the biggest.
    ``loose_files`` counts the files directly in ``root``, in no folder (``bytes``, ``count``, ``hidden_bytes`` of those the
    file manager hides, and the ``largest``), when there are any.
    Names are as they can be shown (:func:`selfcheck.inert.inert_name`): a name on disk may hold bytes that are no text
    and line breaks, which the facts (JSON), the steps and the card could not hold or show as they are.
    """
    stop = clock() + budget
    sizes: dict[str, int] = {}
    complete = listed_all = True
    # the top level itself is listed against the same clock: a home holding 300,000 files directly (a camera import, a
    # downloads dump) was listed whole before any folder was counted, however long that took
    children: list[os.DirEntry[str]] = []
    # the files directly in it are counted too, together: tried for real, a full home filled by 200 photos imported
    # straight into it (8 MB of 10) was told its biggest were “Pictures” (1 MB) and “Documents”
    loose_bytes = loose_count = hidden_bytes = 0
    largest_name, largest_bytes = "", -1
    try:
        with os.scandir(root) as it:
            for seen, entry in enumerate(it, 1):
                if seen % CLOCK_EVERY == 0 and clock() > stop:
                    complete = listed_all = False
                    break
                try:
                    if entry.is_dir(follow_symlinks=False):
                        children.append(entry)
                    elif entry.is_file(follow_symlinks=False):
                        st = entry.stat(follow_symlinks=False)
                        loose_bytes += st.st_size
                        loose_count += 1
                        # hidden: a dot name, or Windows' hidden attribute (NTUSER.DAT, desktop.ini)
                        if entry.name.startswith(".") or getattr(st, "st_file_attributes", 0) & 2:
                            hidden_bytes += st.st_size
                        if st.st_size > largest_bytes:
                            largest_name, largest_bytes = entry.name, st.st_size
                except OSError:
                    continue
    except OSError as exc:
        # not the time: the folder could not be read at all (closed to this account, a disk error)
        return {"root": str(root), "folders": [], "complete": False, "error": exc.strerror or type(exc).__name__}
    unreadable: list[str] = []
    closed_inside: set[str] = set()
    for child in children:
        total, stack, seen, opened, partly = 0, [child.path], 0, True, False
        while stack and complete:
            if clock() > stop:
                complete = False
                break
            path = stack.pop()
            try:
                with os.scandir(path) as it:
                    for entry in it:
                        seen += 1
                        if seen % CLOCK_EVERY == 0 and clock() > stop:
                            complete = False
                            break
                        try:
                            if entry.is_dir(follow_symlinks=False):
                                stack.append(entry.path)
                            elif entry.is_file(follow_symlinks=False):
                                total += entry.stat(follow_symlinks=False).st_size
                        except FileNotFoundError:
                            continue
                        except OSError:
                            partly = True  # in a folder that can be listed but not entered (no x): its files' sizes unknown
                            continue
            except (FileNotFoundError, NotADirectoryError):
                continue  # removed or replaced meanwhile: nothing there to count
            except OSError:
                # a folder closed to this account (tried for real: another user's 8 MB folder, chmod 000, in a full home
                # was counted as nothing and the 3 MB "Pictures" named as the biggest): its size is not known
                if path == child.path:
                    opened = False
                else:
                    # deeper down (tried for real: an 8 MB closed folder inside "Pictures" left it counted as 3 MB, and
                    # "Documents" (5 MB) named as the biggest): the folder's size is only a minimum
                    partly = True
                continue
        name = inert_name(child.name)
        if not opened:
            if child.name.casefold() not in SYSTEM_FOLDERS:
                unreadable.append(name)
            continue
        if partly:
            closed_inside.add(name)
        sizes[name] = sizes.get(name, 0) + total
        if not complete:
            break
    ranked = sorted(sizes.items(), key=lambda kv: kv[1], reverse=True)
    # a folder only partly read stays in the list however little was counted in it: it may be the biggest
    biggest = ranked[:keep] + [(n, b) for n, b in ranked[keep:] if n in closed_inside][:keep]
    # listed_all False: time ran out before every folder was even seen, so a bigger one may be among those left out
    found: dict[str, Any] = {
        "root": str(root),
        "folders": [{"name": n, "bytes": b, **({"at_least": True} if n in closed_inside else {})} for n, b in biggest if b > 0 or n in closed_inside],
        "complete": complete,
        "listed_all": listed_all,
        "unreadable": [{"name": n, "bytes": None} for n in unreadable[:keep]],
    }
    if loose_count:
        found["loose_files"] = {
            "bytes": loose_bytes,
            "count": loose_count,
            "hidden_bytes": hidden_bytes,
            "largest": {"name": inert_name(largest_name), "bytes": largest_bytes},
        }
    return found


def smart_health(ctx: Context) -> dict[str, Any]:
    """SMART health of the disks smartctl finds (smartmontools >= 7 for JSON)."""
    from selfcheck.platforms.linux import parse_smartctl_json

    scan = ctx.run(["smartctl", "--scan", "-j"], timeout=3)
    if scan.missing:
        # the operating system's own verdict, where it gives one without admin rights
        if ctx.platform == "windows":
            return _windows_disk_health(ctx)
        if ctx.platform == "darwin":
            return _macos_disk_health(ctx)
        return {"available": False, "reason": "smartctl is not installed"}
    import json

    try:
        devices = [d["name"] for d in json.loads(scan.stdout).get("devices", []) if d.get("name")]
    except (ValueError, KeyError, AttributeError):
        devices = []
    if not devices:
        return {"available": False, "reason": "smartctl found no disk it can read"}
    disks = []
    for dev in devices[:4]:
        # -i: the disk's model and size, so a failing disk is named as a person knows it
        out = ctx.run(["smartctl", "-j", "-i", "-H", "-A", dev], timeout=min(4.0, max(0.5, ctx.remaining() - 0.5)))
        info: dict[str, Any] = parse_smartctl_json(out.stdout) if out.stdout else {"error": out.stderr[:200] or "no output"}
        info["device"] = info.get("device") or dev
        if ctx.platform == "linux":
            from selfcheck.platforms.linux import block_device_info

            known = block_device_info(str(info["device"]))
            info["model"] = info.get("model") or known.get("model") or ""
            info["size_bytes"] = info.get("size_bytes") or known.get("size_bytes")
            info["connection"] = known.get("connection")
        exit_status = info.get("exit_status") or out.returncode or 0
        if isinstance(exit_status, int) and exit_status & 2 and info.get("passed") is None:
            info["needs_admin"] = True
        disks.append(info)
    if all(d.get("needs_admin") for d in disks):
        return {"available": False, "reason": "reading disk health needs administrator rights", "disks": disks}
    return {"available": True, "disks": disks}


def _windows_disk_health(ctx: Context) -> dict[str, Any]:  # pragma: no cover - Windows only
    from selfcheck.platforms.windows import parse_physical_disks_json

    query = "Get-PhysicalDisk | Select-Object FriendlyName,MediaType,HealthStatus,OperationalStatus | ConvertTo-Json"
    out = ctx.run(["powershell", "-NoProfile", "-NonInteractive", "-Command", query], timeout=6)
    disks = parse_physical_disks_json(out.stdout) if out.ok else []
    if not disks:
        return {"available": False, "reason": "Windows did not report the disks' health"}
    return {"available": True, "source": "Get-PhysicalDisk", "disks": disks}


def _macos_disk_health(ctx: Context) -> dict[str, Any]:
    import plistlib

    from selfcheck.platforms.macos import parse_diskutil_smart

    out = ctx.run(["diskutil", "info", "-plist", "disk0"], timeout=4)
    try:
        info = parse_diskutil_smart(plistlib.loads(out.stdout.encode())) if out.ok else None
    except (ValueError, plistlib.InvalidFileException):
        info = None
    if info is None:
        return {"available": False, "reason": "the internal disk does not report SMART health"}
    return {"available": True, "source": "diskutil", "disks": [info]}


#: step 2 of a full drive, by (step 1 empties the trash first, a Mac's programs go in the trash too). Small-screen round 14
#: (en, fr), after step 1 "Empty the Recycle Bin": "step 1 says to empty it, then step 2 says to put more in. Do I empty it
#: twice?", « au point 1, il faut vider la corbeille, et au point 2, mettre des choses à la corbeille. Je fais quoi en
#: premier ? »: where step 1 empties it, step 2 says it comes after, if more room is needed. Send rounds 59-80 (en, fr): "files you
#: saved from the internet" ("I wouldn't know which ones those are") and "only what you recognise": files they know they no longer need
STEP_TWO = {
    (True, True): N_(
        "Then, if you need more room: put in {trash} only files you know you no longer need, and programs you know you no longer "
        "use ({how}), and empty {trash} again. Until then, you can take a file back out."
    ),
    (True, False): N_(
        "Then, if you need more room: put in {trash} only files you know you no longer need ({how}), and empty {trash} again. "
        "Until then, you can take a file back out."
    ),
    (False, True): N_(
        "Put in {trash} only files you know you no longer need, and programs you know you no longer use ({how}): you can take a "
        "file back out of {trash} until you empty it, and the room comes back once {trash} is emptied."
    ),
    (False, False): N_(
        "Put in {trash} only files you know you no longer need ({how}): you can take a file back out of {trash} until you empty "
        "it, and the room comes back once {trash} is emptied."
    ),
}
#: the {how} of step 2, in the words of the reader's own system: send round 114 (fr) quoted « faites glisser dans la
#: corbeille » (« je ne sais pas bien comment on fait »), round 111 « mettez à la corbeille » the same way. Windows puts a
#: selected file in the Recycle Bin with the Delete key (« Suppr » on a French keyboard), as Linux file managers put it in
#: the Trash (GNOME Files, Dolphin); macOS with the Finder's right-click menu, "Move to Trash" (« Placer dans la corbeille »)
TRASH_HOW = {
    "windows": N_("click a file, then press the Delete key"),
    "darwin": N_("right-click a file, then choose “Move to Trash”"),
    "linux": N_("click a file, then press the Delete key"),
}


def trash_how(platform: str | None) -> str:
    """How a file goes in the trash on ``platform``, for the ``{how}`` of :data:`STEP_TWO` (Linux's words when unknown)."""
    return _(TRASH_HOW.get(str(platform or ""), TRASH_HOW["linux"]))


#: a full volume that does not hold the person's files (a full "/" beside a separate /home; a full C: beside their files on
#: D:): deleting their files, or emptying a trash that is not on it, makes no room on it (a review: the Trash was offered,
#: emptied for good, and "/" stayed full)
FILES_ELSEWHERE_TRASH = N_("Your own files are kept in a space of their own: deleting them, or emptying {trash}, would not make room here.")
FILES_ELSEWHERE = N_("Your own files are kept in a space of their own: deleting them would not make room here.")

#: a volume's file system and role (platforms.volumes) in its evidence line, in the reader's words: a French line read
#: « / (ntfs, other) : … » (review of stop 46); a role this version does not know (a newer bundle's) as recorded
ROLE_DETAILS = {
    "system": N_("{fstype}, system"),
    "home": N_("{fstype}, home"),
    "other": N_("{fstype}, other"),
}


def _details(vol: dict[str, Any]) -> str:
    """'ext4, system' / « ext4, système »: the file system as the computer names it, its role in the reader's words."""
    role = vol.get("role")
    words = ROLE_DETAILS.get(role) if isinstance(role, str) else None
    return _(words).format(fstype=vol.get("fstype")) if words else f"{vol.get('fstype')}, {role}"


def _count(value: Any) -> str:
    """A count from the facts as the reader writes it (« 14 000 000 » in French), or as it is when it is no number."""
    return wording.number(value, 0) if isinstance(value, int | float) and not isinstance(value, bool) else str(value)


def _fs_error_where(error: dict[str, Any]) -> str:
    """Where a kernel file-system error happened, for the evidence: its drive, and the name it was logged under when that
    name now belongs to another medium (kernellog.fs_errors)."""
    where = _("on {volume}").format(volume=error["volume"]) if error.get("volume") else _("a device that holds none of the drives listed")
    if error.get("device_now"):
        where = _("{where}, logged under the name {device}, now {device_now}").format(where=where, device=error.get("device"), device_now=error["device_now"])
    return where


def _fs_error_line(error: dict[str, Any], now: Any) -> str:
    """One kernel file-system error for the evidence: the kernel's words, where, and when in the reader's words, as
    hardware.memory says its stopped programs (issue 21: it began with the kernel log's '2026-12-05T18:52:17+00:00'): the
    time of day on the customer's clock, the zone of the scan's ``now`` (the evaluation of a bundle's facts says the same on
    support's computer): 'at 19:52' / « à 19 h 52 », with the day when it was an earlier one (the log is read 24 hours
    back); without ``now`` (a bundle of an older selfcheck), the day and time in UTC, said so."""
    said = f"{error.get('text')} ({_fs_error_where(error)})"
    try:
        at = datetime.fromisoformat(str(error.get("time")))
        scan = datetime.fromisoformat(str(now)) if now else None
        if scan is not None and scan.tzinfo is not None and at.tzinfo is not None:
            at = at.astimezone(scan.tzinfo)
        elif at.tzinfo is not None:
            scan, at = None, at.astimezone(UTC)
    except (ValueError, TypeError, OverflowError):
        return said
    if scan is None:
        return _("{error} on {date}").format(error=said, date=wording.date_time(at.isoformat()))
    if at.date() == scan.date():
        return _("{error} at {time}").format(error=said, time=wording.clock_time(at))
    return _("{error} on {date}").format(
        error=said, date=_("{date} at {time}").format(date=wording.long_date(at.date().isoformat()), time=wording.clock_time(at))
    )


def _largest_lines(info: dict[str, Any]) -> list[str]:
    """One volume's largest folders for the evidence, in the reader's words; the folders' names made inert."""
    lines = [
        _("{label}: {value}").format(
            label=inert_name(f["name"]),
            value=_("at least {size} (some folders inside could not be read)").format(size=size(f["bytes"])) if f.get("at_least") else size(f["bytes"]),
        )
        for f in info.get("folders", [])
    ]
    lines += [_("{name}: could not be read, size unknown").format(name=inert_name(f.get("name"))) for f in info.get("unreadable") or [] if isinstance(f, dict)]
    loose = info.get("loose_files")
    if isinstance(loose, dict) and loose.get("bytes"):
        largest = loose.get("largest") or {}
        count = loose.get("count")
        lines.append(
            ngettext(
                "files directly in it, in no folder: {size} in {count} file, the largest {name} ({largest})",
                "files directly in it, in no folder: {size} in {count} files, the largest {name} ({largest})",
                count if isinstance(count, int) else 2,
            ).format(size=size(loose["bytes"]), count=count, name=inert_name(largest.get("name")), largest=size(largest.get("bytes")))
        )
    if info.get("complete"):
        return lines
    if info.get("error"):
        return [*lines, _("(could not be read: {error})").format(error=info["error"])]
    if info.get("listed_all") is False:
        return [*lines, _("(counting stopped: time ran out while listing the folders; others may be bigger)")]
    return [*lines, _("(counting stopped: time ran out)")]


class DiskCheck(Check):
    id = "hardware.disk"
    category = "hardware"
    title = N_("Room on this computer")  # "Storage" was quoted (round 3); "disks" (verdict round 10: what disks?)
    timeout = 10.0
    priority = 30

    def collect(self, ctx: Context) -> Facts:
        import psutil

        t = ctx.thresholds
        # a mount that never answers (a FUSE share of a switched-off NAS) costs this wait, not the check's whole time: it
        # is named in the details only (it is no disk of this computer the person can make room on)
        unanswered: list[dict[str, Any]] = []
        volumes = list_volumes(
            psutil, ctx.platform, int(float(t["min_volume_mb"]) * 1_000_000), wait=min(3.0, max(0.5, ctx.remaining() / 3)), unanswered=unanswered
        )
        if ctx.platform == "windows":
            # Windows names a drive by its label ("Backup (E:)"), its mount point is only "E:\\": the label says which
            # drive holds the backups and is the name the person knows it by (the Win32 API, in no language)
            from selfcheck.platforms.windows import volume_label

            for vol in volumes:
                if vol["role"] == "other" and (label := volume_label(vol["mountpoint"])):
                    vol["label"] = label
        facts: dict[str, Any] = {"platform": ctx.platform, "volumes": volumes}
        if unanswered:
            facts["volumes_unanswered"] = unanswered
        # shared folders of other computers: judged apart (making room on this computer does not help them)
        facts["network_shares"] = network_shares(psutil, ctx.platform, wait=min(0.5, max(0.1, ctx.remaining() / 8)))
        if any(s.get("answered") and self.judge_share(s, t)[0] is not Status.PASS for s in facts["network_shares"]):
            # a full shared folder is a box at home or the organisation's server: the words differ; asked only then
            # (on Windows it is the bundle's Win32_ComputerSystem answer, asked once per process)
            from selfcheck.platforms.situation import managed

            facts["managed"] = managed(platform=ctx.platform)
        tight = [v for v in volumes if v["role"] != "other" and v["total"] and v["free"] * 100 / v["total"] < 2 * float(t["warn_free_percent"])]
        if tight and ctx.platform == "windows":
            from selfcheck.platforms.windows import this_windows_build

            # where unused programs are removed differs between Windows 10 and 11 (the step says the way)
            facts["windows_build"] = this_windows_build()
        if tight:
            facts["trash"] = trash_size(ctx.platform, drives=[v["mountpoint"] for v in tight])
        # what fills a nearly full volume: the folders the person knows (their home folder, or the drive's top folders)
        warn_pct = float(t["warn_free_percent"])
        full = [v for v in volumes if v["total"] and v["free"] * 100 / v["total"] < warn_pct and not v.get("readonly")]
        if full:
            facts["largest_folders"] = {}
            files = files_volume(volumes)
            counted: list[dict[str, Any]] = []
            # the files' volume first: of "/" and /home sharing one space (Fedora's btrfs, Ubuntu's ZFS), both full, the one the
            # check judges; the home folder's folders are counted once (a review: twice, up to 1.5 s each)
            for vol in sorted(full[:2], key=lambda v: v is not files):
                if vol["role"] in ("home", "system") and files is not None and not same_space(vol, files):
                    continue  # a full "/" beside a separate /home: the home folder's folders are not what fills it
                if any(same_space(vol, other) for other in counted):
                    continue
                counted.append(vol)
                root = Path.home() if vol["role"] in ("home", "system") else Path(vol["mountpoint"])
                facts["largest_folders"][vol["mountpoint"]] = largest_folders(root, budget=min(1.5, max(0.2, ctx.remaining() / 4)))
        facts["smart"] = smart_health(ctx) if t["smart"] else {"available": False, "reason": "turned off in the configuration"}
        # /proc/mounts can say "rw" while the kernel has stopped every write after a disk error
        # (ext4's emergency shut down): only writing tells, so try where the user's files are
        facts["write_test"] = write_test(Path.home())
        if ctx.platform == "linux":
            from selfcheck.platforms import kernellog

            hours = float(t["kernel_error_hours"])
            log = kernellog.read(ctx.run, time.time() - hours * 3600, timeout=min(3.0, max(0.5, ctx.remaining() - 1)))
            facts["kernel_log"] = log.get("source") or log.get("reason")
            facts["fs_errors"] = kernellog.fs_errors(log["lines"])[-10:]
            # the scan's moment on the customer's clock: its zone says the errors' times as they read them (_fs_error_line)
            facts["now"] = ctx.now().astimezone().isoformat(timespec="seconds")
            for error in facts["fs_errors"]:  # agent round 21: errors of a device that holds none of these drives doubted "not a failing disk"
                # the medium's own name now: the same stick plugged back in as sdc keeps the errors it had as sdb
                error["volume"] = kernellog.volume_of(str(error.get("device_now") or error.get("device") or ""), volumes, resolve=True)
            # waiting for the disk counts as idle processor time: ask the kernel how long programs
            # wait for it (I/O pressure); only when they do, watch half a second to measure it and
            # name who reads and writes (nothing to pay on a quiet computer)
            from selfcheck.platforms.linux import read_psi

            psi = read_psi("io")
            if psi:
                facts["io_pressure"] = psi
                if (psi.get("some") or {}).get("avg10", 0) >= float(t["io_look_pressure"]):
                    facts["io_activity"] = io_activity(psutil, ctx, float(t["io_sample_seconds"]))
        return facts

    # ------------------------------------------------------------------ judging

    @staticmethod
    def volume_name(vol: dict[str, Any], platform: str) -> str:
        """The volume as a person would call it (start of a sentence)."""
        mp = str(vol.get("mountpoint", ""))
        if vol.get("role") == "system" or platform == "darwin" and mp == "/System/Volumes/Data":
            # "system disk" (round 5) and then "main disk" / « disque principal » (send round 9) were quoted: people say
            # their computer is full
            return _("Your computer")
        if vol.get("role") == "home":
            # round 6: "disk holding your files" was quoted: say what the person pictures, where their files go
            return _("The space for your files on this computer")
        if platform == "windows" and vol.get("label"):
            # the name File Explorer shows first, "Backup" in "Backup (E:)"
            return _("The drive called “{name}”").format(name=vol["label"])
        if platform == "windows":
            # as File Explorer shows it, "USB Drive (E:)": "Drive E:" made "Make room on Drive E:: move …"
            return _("The drive ({drive})").format(drive=mp.rstrip("\\"))
        label = mp.rstrip("/").rsplit("/", 1)[-1] or mp
        if DiskCheck.is_external(vol, platform):
            # removable drives: their label, as the file manager shows it
            return _("The drive called “{name}”").format(name=label)
        return _("The disk space called “{name}”").format(name=label)

    @staticmethod
    def is_external(vol: dict[str, Any], platform: str) -> bool:
        """A drive the person plugs in (a USB drive, a backup disk): its label is what they know it by.

        On macOS every other disk is mounted under /Volumes too: a shared folder of a network box is not a volume at all
        (its file system, smbfs/afpfs/nfs/webdav, makes it a network share, judged apart), and one Finder does not show
        (hidden: the Recovery volume, mounted backups) is not one the person plugged in. What remains is taken as plugged
        in: psutil cannot tell an internal second disk from a USB one (its mount flags say neither)."""
        mp = str(vol.get("mountpoint", ""))
        if platform == "darwin" and vol.get("hidden"):
            return False
        return bool(vol.get("removable")) or (platform == "darwin" and mp.startswith("/Volumes/")) or mp.startswith(("/media/", "/run/media/", "/mnt/"))

    @staticmethod
    def is_backup(vol: dict[str, Any]) -> bool:
        """A drive that holds backups, by its name (“Backup”, “Sauvegarde”, “Time Machine”): its mount point's last folder,
        or on Windows, where the mount point is only "E:\\", its label."""
        names = (str(vol.get("mountpoint", "")).rstrip("/\\").rsplit("/", 1)[-1], str(vol.get("label") or ""))
        return any(word in name.lower().replace(" ", "") for name in names for word in ("backup", "sauvegarde", "timemachine", "save"))

    @staticmethod
    def share_name(share: dict[str, Any]) -> str:
        """A shared folder by the name the file manager shows: its last folder (“Documents”), or a Windows drive letter."""
        mp = str(share.get("mountpoint", "")).rstrip("/\\")
        return mp.rsplit("/", 1)[-1] or mp

    @staticmethod
    def is_managed(facts: Facts) -> bool:
        """The computer is company-managed (platforms.situation's "managed" flag, kept in the facts)."""
        flag = facts.get("managed")
        return isinstance(flag, dict) and flag.get("value") is True

    def judge_share(self, share: dict[str, Any], t: Thresholds, managed: bool = False) -> tuple[Status, str, str]:
        """(status, kind, sentence) for a shared folder of another computer, with the volumes' thresholds.

        On a company-managed computer the folder is on the organisation's server, not on a box next to the internet box."""
        total, free = int(share.get("total") or 0), int(share.get("free") or 0)
        pct = free * 100 / total if total else 100.0
        name = self.share_name(share)
        if pct < float(t["fail_free_percent"]) and free / 1e9 < float(t["fail_free_gb"]):
            # round 14: "The folder “Family”: never heard of it" (en): what it is, in the headline
            # round 15: "shared folder", "your household uses" (en), « dossier partagé : je devine » (fr): where it is, as
            # the person can see it (the why said it; it moved up)
            # round 18: "folder" (en), « dossier : je ne suis pas sûre » (fr): the name, and where files are kept, with no
            # word for what the share is
            sentence = (
                _("“{name}”, where files are kept on your organisation's server, not inside this computer, is full: new files cannot be saved in it.")
                if managed
                else _("“{name}”, where files are kept on a small box next to your internet box, is full: new files cannot be saved in it.")
            )
            return Status.FAIL, "space", sentence.format(name=name)
        if pct < float(t["warn_free_percent"]) and free / 1e9 < float(t["warn_free_gb"]):
            sentence = (
                _("“{name}”, where files are kept on your organisation's server, not inside this computer, is almost full: only a little space is left in it.")
                if managed
                else _("“{name}”, where files are kept on a small box next to your internet box, is almost full: only a little space is left in it.")
            )
            return Status.WARN, "space", sentence.format(name=name)
        return Status.PASS, "ok", ""

    def judge_volume(self, vol: dict[str, Any], platform: str, t: Thresholds, shares_system: bool = False) -> tuple[Status, str, str]:
        """(status, kind, sentence) for one volume; kind is space, inodes, readonly or ok. ``shares_system``: the person's
        files' volume draws on the system's space (:meth:`shares_system`), so its space is the whole computer's."""
        name = self.volume_name(vol, platform)
        free = int(vol.get("free") or 0)
        real_device = str(vol.get("device", "")).startswith("/dev/") or platform == "windows" or vol.get("role") != "other"
        if platform == "darwin" and vol.get("role") == "other":
            real_device = False  # installer disk images (.dmg) are mounted read-only on purpose
        if str(vol.get("device", "")).startswith("/dev/loop") and vol.get("role") == "other":
            real_device = False  # Linux's disk images (mount -o loop, an opened .iso or .img) too: a file, no failing disk
        if vol.get("readonly") and real_device and vol.get("fstype") not in READ_ONLY_BY_NATURE and not (platform == "darwin" and vol.get("mountpoint") == "/"):
            status = Status.FAIL if vol.get("role") in ("system", "home") else Status.WARN
            return status, "readonly", _("{volume} can only be read: nothing can be saved on it.").format(volume=name)
        if vol.get("readonly") and vol.get("role") == "other":
            return Status.PASS, "ok", ""  # read-only media (a disk image, a DVD) are full by design
        # the keys the rule reads, named here: this check owns them (tests/test_thresholds.py reads a check's own file)
        rule = {
            "fail_free_percent": t["fail_free_percent"],
            "fail_free_gb": t["fail_free_gb"],
            "fail_system_free_gb": t["fail_system_free_gb"],
            "warn_free_percent": t["warn_free_percent"],
            "warn_free_gb": t["warn_free_gb"],
        }
        short = short_of_room(vol, rule)
        if shares_system:
            # a review of 3261cf4: one space for the system and the files (Fedora's btrfs, Ubuntu's ZFS) read "The space
            # for your files on this computer is almost full", though the whole computer is: what a one-disk computer says
            name = _("Your computer")
        if short == 2:
            # sizes in words people use: the exact figures are in the evidence (Technical details, the bundle)
            if self.is_backup(vol):
                # "backups" was quoted in round 2 ("I didn't know I had backups"): what they are, in words
                # round 5: "drive" / « disque » in the headline was quoted: say first what stopped, in words people use
                # round 6: "the disk called “Backup”" was quoted ("disk", the name): the name stays in the why
                # round 8: "can no longer be saved" was read as "your files can't be saved": the reassurance first
                # round 14: "automatic copies" / « copies automatiques » quoted ("I didn't know my computer made copies"): what
                # they can picture, the spare copy and where it is kept
                # round 18: "spare copy": "I think I understand it, but had to read it twice" (en): "a copy"
                return (
                    Status.FAIL,
                    "space",
                    _(
                        "Your files are safe. A copy of them is kept on a small box plugged into this computer: that box is full, so new files are not copied any more."
                    )
                    if self.is_external(vol, platform)
                    else _("Your files are safe. A copy of them is kept in a separate place: that place is full, so new files are not copied any more."),
                )
            if free < NO_ROOM_BYTES:
                return Status.FAIL, "space", _("{volume} is full: there is no space left on it.").format(volume=name)
            # round 13: « plein » then « presque plus de place » in one headline ("which is it?"): one state, the facts' own
            return Status.FAIL, "space", _("{volume} is almost full: very little space is left on it.").format(volume=name)
        if short == 1:
            return Status.WARN, "space", _("{volume} is almost full: only a little space is left on it.").format(volume=name)
        inodes_total = vol.get("inodes_total")
        if inodes_total:
            ipct = int(vol.get("inodes_free") or 0) * 100 / int(inodes_total)
            if ipct < float(t["fail_free_inodes_percent"]):
                return (
                    Status.FAIL,
                    "inodes",
                    _("{volume} cannot hold any more files: it has too many small files, even though space is left.").format(volume=name),
                )
            if ipct < float(t["warn_free_inodes_percent"]):
                return Status.WARN, "inodes", _("{volume} can hold only a few more files: it is filled with many small files.").format(volume=name)
        return Status.PASS, "ok", ""

    def evaluate(self, facts: Facts, thresholds: Thresholds) -> Outcome:
        platform = str(facts.get("platform") or "linux")
        # a Mac's sealed system volume shares its space with the Data volume: that one only is judged
        volumes = judged_volumes(facts.get("volumes"), platform)
        evidence: dict[str, Any] = {"volumes": []}
        problems: list[tuple[Status, str, str, dict[str, Any]]] = []
        files = files_volume(volumes)
        for vol in volumes:
            # one space listed as several volumes is judged by the largest size one of them reports (judged_space): else a
            # ZFS "/" read roomy and /var/lib the fullest, kept as the one problem ("The disk space called “lib” is almost full")
            judged_as = dict(judged_space(vol, volumes))
            status, kind, sentence = self.judge_volume(judged_as, platform, thresholds, self.shares_system(vol, volumes))
            # the evidence in the reader's words (the window's "Technical details" read « 120 Go free of 250 Go » in French);
            # the mount points, file systems and devices as the computer names them, the role in the reader's words
            line = _("{volume} ({details}): {free} free of {total}").format(
                volume=vol.get("mountpoint"), details=_details(vol), free=size(vol.get("free")), total=size(vol.get("total"))
            )
            if vol.get("inodes_total"):
                line += _(", inodes {free}/{total} free").format(free=_count(vol.get("inodes_free")), total=_count(vol.get("inodes_total")))
            if vol.get("readonly"):
                line += _(", read-only")
            if vol.get("label"):
                line += _(", label “{label}”").format(label=vol["label"])
            if files is not None and vol is not files and same_space(vol, files):
                line += _(", the same space as {volume}").format(volume=files.get("mountpoint"))
            evidence["volumes"].append(line)
            if status is not Status.PASS:
                problems.append((status, kind, sentence, vol))
        problems = self.one_per_space(problems, files)
        for vol in facts.get("volumes_unanswered") or []:
            evidence["volumes"].append(
                _("{volume} ({details}): did not answer in time, not counted").format(
                    volume=vol.get("mountpoint"), details=f"{vol.get('fstype')}, {vol.get('device')}"
                )
            )
        for share in facts.get("network_shares") or []:
            if not share.get("answered"):
                evidence.setdefault("network_shares", []).append(
                    _("{volume} ({fstype}): its space could not be read ({error})").format(
                        volume=share.get("mountpoint"), fstype=share.get("fstype"), error=share["error"]
                    )
                    if share.get("error")
                    else _("{volume} ({fstype}): the server did not answer in time").format(volume=share.get("mountpoint"), fstype=share.get("fstype"))
                )
                continue
            evidence.setdefault("network_shares", []).append(
                _("{volume} ({details}): {free} free of {total}").format(
                    volume=share.get("mountpoint"),
                    details=f"{share.get('fstype')}, {share.get('device')}",
                    free=size(share.get("free")),
                    total=size(share.get("total")),
                )
            )
            status, kind, sentence = self.judge_share(share, thresholds, self.is_managed(facts))
            if status is not Status.PASS:
                problems.append((status, kind, sentence, share))
        written = facts.get("write_test") or {}
        if written.get("result") == "failed":
            evidence["write_test"] = _("failed: {errno} ({error}) in {folder}").format(
                errno=written.get("errno"), error=written.get("error"), folder=written.get("folder")
            )
        if facts.get("fs_errors"):
            evidence["kernel_fs_errors"] = [_fs_error_line(e, facts.get("now")) for e in facts["fs_errors"]]
        # a write refused by the disk itself (not a full disk, not a permission), where the user's files are
        if written.get("result") == "failed" and written.get("errno") in ("EIO", "EROFS", "EUCLEAN"):
            home_vol = next((v for v in volumes if v.get("role") == "home"), None) or next((v for v in volumes if v.get("role") == "system"), None)
            if not (home_vol and home_vol.get("readonly")):  # a volume mounted read-only is judged above
                name = self.volume_name(home_vol, platform) if home_vol else _("The space for your files on this computer")
                problems.append(
                    (
                        Status.FAIL,
                        "write_error",
                        _("{volume} has stopped accepting changes after an error: nothing can be saved in your folders.").format(volume=name),
                        home_vol or {},
                    )
                )
        if facts.get("largest_folders"):
            evidence["largest_folders"] = {mp: _largest_lines(info) for mp, info in facts["largest_folders"].items()}
        pressure = ((facts.get("io_pressure") or {}).get("some") or {}).get("avg10")
        if pressure is not None:
            evidence["io_pressure_some_avg10"] = pressure
        activity = facts.get("io_activity") or {}
        waiting = activity.get("waiting_percent")
        if waiting is not None and waiting >= float(thresholds["warn_io_waiting_percent"]):
            evidence["io_activity"] = activity
            busiest = [p["name"] for p in activity.get("programs") or []][:1]  # the one waiting for the disk most
            named = join_names(plainwords.program_name(n) for n in busiest)
            sentence = (
                _("The disk is so busy that programs keep waiting for it, mostly because of {program}: the computer feels slow.").format(program=named)
                if busiest
                else _("The disk is so busy that programs keep waiting for it: the computer feels slow.")
            )
            problems.append((Status.WARN, "busy", sentence, {"program": named}))
        smart = facts.get("smart") or {}
        evidence["smart"] = (
            # why not, in the support card's words for it (« le programme qui le lit (smartctl) n’est pas installé… »)
            (wording.smart_reason(str(smart["reason"])) if smart.get("reason") else None)
            if not smart.get("available")
            else [
                _("{label}: {value}").format(label=d.get("device"), value=wording.yes_no(d["passed"]) if isinstance(d.get("passed"), bool) else d.get("passed"))
                for d in smart.get("disks", [])
            ]
        )
        for disk in smart.get("disks", []) if smart.get("available") else []:
            model = self.disk_name(disk)
            if disk.get("passed") is False:
                problems.append((Status.FAIL, "smart", _("The disk {disk} reports that it is failing.").format(disk=model), disk))
            elif (disk.get("bad_sectors") or 0) > 0 or (disk.get("media_errors") or 0) > 0:
                problems.append((Status.WARN, "smart", _("The disk {disk} has damaged areas and may fail soon.").format(disk=model), disk))
        if not volumes and not problems:
            return Outcome.skip(_("No disk could be read on this computer."), evidence=evidence)
        if not problems:
            first = volumes[0]
            return Outcome.ok(
                _("There is enough free space on your disks ({free} free on the main disk).").format(free=size(first.get("free"))),
                evidence=evidence,
            )
        problems.sort(key=lambda p: (-p[0].rank, {"write_error": 0, "smart": 1, "readonly": 2, "space": 3, "inodes": 4, "busy": 5}[p[1]]))
        status, kind, sentence, vol = problems[0]
        if len(problems) > 1:
            sentence += " " + _("Other disks have problems too (see details).")
        advice, fix = self.advice(kind, vol, facts, thresholds)
        why = None
        if kind == "space" and vol.get("role") == "network":
            # round 4: "kept on another computer" ("I only have one computer! where are my documents?") and "who can open
            # them" ("who else can open my files?") frightened: what it is, in words a person recognises, and no who-can-open
            # round 5: "your workplace" puzzled a retired reader and "not inside this computer" worried: the home case first,
            # where the files are in one calm line
            # round 7: "my Documents aren't in my computer?": the name is the shared folder's, said first
            # round 8: "isn't Documents on my computer? who else sees my files?", "shared folder", "IT helpdesk" for a retired
            # reader: where the folder is, said as the person would find it (a box next to the internet box), no workplace
            # round 9: "storage box", "opens it through your home connection", "Removing files from this computer…" quoted:
            # where it is, in the fewest plain words
            # round 14: the headline names the folder; "Deleting files on this computer does not make room in it" was not
            # understood (en, fr): said as what follows from where it is kept
            # round 15: the headline says where it is kept; "deleting files on this computer does not make room in it" made
            # the reader think they might have to delete things: said as nothing to delete here
            why = (
                _("Your files in it are safe, and you do not need to delete anything on this computer: it would not make room on that server.")
                if self.is_managed(facts)
                else _("Your files in it are safe, and you do not need to delete anything on this computer: it would not make room in that box.")
            )
        elif kind == "space" and self.is_backup(vol):
            # round 8: "Backup" alone read as "a thing? a place?" (and is English to a French reader): what it is
            # round 9: "copies disk" / « disque à part » quoted: the readers' own words, "the box that keeps the copies"
            # round 14: the headline says where the spare copy is kept: the why gives its name
            why = (
                _("That box is called “{name}”. Your files on this computer are not touched.")
                if self.is_external(vol, str(facts.get("platform") or "linux"))
                else _("That place is called “{name}”. Your files on this computer are not touched.")
            ).format(name=vol.get("label") or self.share_name(vol))
        elif kind == "space" and status is Status.FAIL and vol.get("role") in ("system", "home"):
            why = (
                # send round 100 (en): "Programs need free space to save your work and to run" ("to run"?): what the person
                # knows of it, saving their work
                _("Programs need free space to save your work. Your files are not lost: there is just no room for new ones.")
                if int(vol.get("free") or 0) < NO_ROOM_BYTES
                # the same state as the headline's: almost full, not full
                else _("Programs need free space to save your work. Your files are not lost: only the room for new ones is running out.")
            )
        repairs = ["storage.empty_trash", "storage.clear_temp"] if kind == "space" and vol.get("role") in ("system", "home") else []
        if repairs and not self.trash_repair_helps(vol, facts, thresholds):
            repairs.remove("storage.empty_trash")
        # the other ways (removing unused programs) stay last, after the other disks' steps: the window folds them
        more = [advice.pop()] if kind == "space" and advice and advice[-1] == _(self.programs_removed(str(facts.get("platform") or "linux"), facts)) else []
        for other in problems[1:]:
            for step in self.advice(other[1], other[3], facts, thresholds)[0]:
                if step not in advice and step not in more:
                    advice.append(step)
        advice += more
        # a disk that fails, refuses writes or is full where the user's files are stops work now
        acute = status is Status.FAIL and (kind in ("write_error", "smart") or vol.get("role") in ("system", "home"))
        # a full backup drive is a standing risk, like a firewall turned off: it can wait (a red cross beside "your
        # files are safe" read as a contradiction, round 2)
        standing = kind == "space" and self.is_backup(vol) and vol.get("role") != "network"
        return Outcome(
            status,
            sentence,
            advice=advice,
            evidence=evidence,
            fix=fix,
            repairs=repairs,
            why=why,
            urgency="now" if acute else "later" if standing else None,
            folded_advice=len(more),
            # send rounds 102-103 (en, fr): "Other ways to make room (2)": "Two what?", « le (2) »: the fold names this way
            folded_names=[_("remove programs you no longer use")] if more else [],
        )

    @staticmethod
    def one_per_space(problems: list[tuple[Status, str, str, dict[str, Any]]], files: Any) -> list[tuple[Status, str, str, dict[str, Any]]]:
        """The volumes' problems, those of one space listed as several volumes (:func:`same_space`: Fedora's "/" and /home,
        btrfs subvolumes of one device; Ubuntu's ZFS datasets of one pool) judged once: of a kind (full, read-only, too many
        files) the worst, and of equals the one the person's files are on, then the first listed. A review: that one full
        space read as two problems, "Other disks have problems too". Of equal read-only ones, the system's: btrfs stops
        writes to the whole file system after an error, and the files' one said only the space for the files could be read
        (a review of 3261cf4); a subvolume mounted read-only alone is the only one listed so, and keeps its own words."""

        def order(i: int) -> tuple[int, bool, int]:
            status, kind, _sentence, vol = problems[i]
            kept = vol.get("role") == "system" if kind == "readonly" else vol is files
            return -status.rank, not kept, i

        return [
            p
            for i, p in enumerate(problems)
            if p[1] not in ("space", "inodes", "readonly")
            or not any(j != i and q[1] == p[1] and same_space(q[3], p[3]) and order(j) < order(i) for j, q in enumerate(problems))
        ]

    @classmethod
    def trash_repair_helps(cls, vol: dict[str, Any], facts: Facts, t: Thresholds) -> bool:
        """Whether the repair that empties the trash is offered for a full ``vol``: as its button, by the part of the trash
        on it (platforms.volumes.trash_on). Not where none of it is (a full "/" beside /home, where the Trash is), nor where
        only a little of a trash mostly elsewhere is (a review of 1607458: the button was gone for a full C: whose Recycle
        Bin was mostly on D:, the repair still offered, its consent promising every drive's room). A trash all on it stays
        offered whatever it holds, as before; facts that cannot tell (older Windows ones), too."""
        here = trash_on(facts, vol)
        held = int((facts.get("trash") or {}).get("bytes") or 0)
        if here is None:
            return True
        if here == 0:
            return not (cls.files_elsewhere(vol, facts) or held > 0)
        return here >= held or here >= float(t["trash_offer_mb"]) * 1_000_000

    @staticmethod
    def files_elsewhere(vol: dict[str, Any], facts: Facts) -> bool:
        """Whether the person's files (their home folder) are on another volume than ``vol``."""
        files = files_volume(facts.get("volumes"))
        return files is not None and not same_space(files, vol)

    @staticmethod
    def shares_system(vol: dict[str, Any], volumes: Any) -> bool:
        """Whether ``vol`` is the person's files' own volume ('home') drawing on the system's space (:func:`same_space`:
        Fedora's btrfs "/" and /home, Ubuntu's ZFS datasets of one pool): removing programs makes room for the files too."""
        return vol.get("role") == "home" and any(
            isinstance(v, dict) and v.get("role") == "system" and same_space(vol, v) for v in (volumes if isinstance(volumes, list) else [])
        )

    @staticmethod
    def programs_removed(platform: str, facts: Facts) -> str:
        """Where this system removes unused programs (untranslated): Windows 10 or 11 by the recorded build (11's words
        when it was not recorded: older bundles, most computers today), Linux's for Linux and an unknown system."""
        from selfcheck.platforms.windows import is_windows_11

        build = facts.get("windows_build")
        if platform == "windows" and isinstance(build, int) and not isinstance(build, bool) and not is_windows_11(build):
            return PROGRAMS_REMOVED_WINDOWS_10
        return PROGRAMS_REMOVED.get(platform, PROGRAMS_REMOVED["linux"])

    @staticmethod
    def disk_name(disk: dict[str, Any]) -> str:
        """A disk as a person can find it: its model, its size, inside the computer or on USB
        (“Samsung SSD 860 EVO” (500 GB, inside the computer)); never a device path."""
        model = str(disk.get("model") or "").strip()
        details = []
        if disk.get("size_bytes"):
            details.append(size(disk["size_bytes"]))
        if disk.get("connection") == "usb":
            details.append(_("connected by USB"))
        elif disk.get("connection") == "internal":
            details.append(_("inside the computer"))
        named = _("“{name}”").format(name=model) if model else _("of this computer")
        return f"{named} ({', '.join(details)})" if details else named

    @staticmethod
    def counted_folders(vol: dict[str, Any], facts: Facts) -> dict[str, Any]:
        """The largest folders counted for ``vol`` (its facts' ``largest_folders``), or for a volume of its space: one space
        listed as several volumes is counted once, for the files' volume (a review of 3261cf4: a full "/" judged worse than
        the /home sharing its space found no count, and the customer lost the folders' names)."""
        counts: dict[str, Any] = facts.get("largest_folders") or {}
        if isinstance(own := counts.get(str(vol.get("mountpoint"))), dict):
            return own
        listed = [v for v in facts.get("volumes") or [] if isinstance(v, dict)]
        return next((c for v in listed if same_space(v, vol) and isinstance(c := counts.get(str(v.get("mountpoint"))), dict)), {})

    @staticmethod
    def biggest_folders(vol: dict[str, Any], facts: Facts) -> str:
        """“Videos”, “Downloads”: the biggest folders found on a full volume, biggest first, or "".

        No sizes: "310 GB", "95 GB" were quoted as words not understood (round 3); they stay in the evidence."""
        counted = DiskCheck.counted_folders(vol, facts)
        if counted.get("listed_all") is False:
            return ""  # only some folders were seen: naming them as the biggest could send the person to the wrong ones
        if any(isinstance(f, dict) and not _hidden_folder(str(f.get("name") or "")) for f in counted.get("unreadable") or []):
            return ""  # a folder that could not be read may be bigger than those counted: the system's own view shows it
        found = counted.get("folders") or []
        # a home folder's own folders keep English names on disk on Windows and macOS, while File Explorer and the Finder
        # show them in the person's language ("Pictures" is « Images »); Linux names them on disk in the desktop's language
        shown_as = HOME_FOLDER_NAMES if facts.get("platform") in ("windows", "darwin") and vol.get("role") in ("system", "home") else {}
        # a name as read from the disk (or from a bundle's facts) may hold control characters, line breaks and bytes that
        # are no text: shown inert, on one line, bounded (the check's own walk already stores them so)
        # a hidden folder (".cache", ".local"; Windows' "AppData") is not in the file manager the button opens: the person
        # cannot find it, and the card tells the agent about caches (supportcard.CACHE_SAFE) (s32 disk review: selfcheck's
        # own ".local" was named to the customer)
        shown = [f for f in found if isinstance(f, dict) and f.get("bytes") and not _hidden_folder(str(f.get("name") or ""))]
        named = [_("“{name}”").format(name=_(shown_as[f["name"]]) if f["name"] in shown_as else inert_name(f["name"])) for f in shown]
        sizes = [float(f["bytes"]) for f in shown]
        # the files directly in it, in no folder, as one: those the file manager shows (a camera import dumped there)
        loose: dict[str, Any] = counted["loose_files"] if isinstance(counted.get("loose_files"), dict) else {}
        if (in_view := float(loose.get("bytes") or 0) - float(loose.get("hidden_bytes") or 0)) > 0:
            place = sum(1 for b in sizes if b >= in_view)
            named.insert(
                place,
                _("the files lying loose in the folder it opens") if vol.get("role") in ("system", "home") else _("the files lying loose on the drive"),
            )
        else:
            place = len(named)
        # a folder only partly read (a closed folder inside it) is bigger than counted: ranked below anything, it may be
        # the biggest, and the person would be sent to the wrong folders; first, it is the biggest whatever it holds more
        if any(f.get("at_least") for f in shown[1:]) or (shown and shown[0].get("at_least") and place == 0):
            return ""
        return ", ".join(named[:3])

    def advice(self, kind: str, vol: dict[str, Any], facts: Facts, t: Thresholds) -> tuple[list[str], Fix | None]:
        if kind == "smart" and vol.get("connection") == "usb":
            return [
                _("Copy the files on this USB disk to another disk or to online storage now, and stop using it for backups."),
                _("Then replace it: a failing disk can stop working at any moment."),
            ], None
        if kind == "smart":
            return [
                _("Back up your important files now, to an external drive or online storage."),
                _("Contact support to have the disk replaced."),
            ], None
        if kind == "busy":
            steps = [_("Close the programs you are not using, then wait a few minutes and check again.")]
            if vol.get("program"):
                steps.insert(0, _("If {program} is copying, backing up or updating, let it finish or pause it.").format(program=vol["program"]))
            steps.append(_("If the computer is often this slow, ask support whether a faster disk would help."))
            return steps, None
        if kind == "write_error":
            return [
                _("Save your open work on a USB stick or online storage if you can: it cannot be saved on this disk now."),
                _("Restart the computer: it checks and repairs the disk as it starts."),
                _("If it happens again, the disk may be failing: back up your files and contact support."),
            ], None
        if kind == "readonly":
            return [
                _("Save your work elsewhere, then restart the computer."),
                _("If it happens again, the disk may be damaged: contact support."),
            ], None
        if kind == "inodes":
            return [
                _("Delete folders holding many small files you no longer need (caches, old logs, build folders)."),
                _("If you don't know which ones, contact support."),
            ], None
        platform = str(facts.get("platform") or "linux")
        if vol.get("role") == "network":
            # its space is on another computer: nothing removed from this one helps; whoever runs it can make room
            name = self.share_name(vol)
            # round 3: "who is the person who looks after it?" and "save elsewhere, but where?": say who, and open a
            # folder of this computer where new files can go meanwhile (opening the full folder did not help)
            # round 4: one clear first step, the one the button does (asking "whoever looks after it" came first and
            # the button did the second step)
            return [
                # round 8: "your own folder on this computer" read as Documents itself: the folder with the person's name
                # round 9: "the folder with your name" / « votre dossier personnel » ("isn't Documents mine?"), "storage
                # box", "move your new files" quoted: where, as a person says it (their files), and one thing to ask
                _("For now, save new files on this computer, with your other files: the button below opens them."),
                (
                    _(
                        "Then ask the people who look after your organisation's computers to make room in “{name}”. If you do not know "
                        "who they are, ask with the contact button at the bottom of the window."
                    )
                    if self.is_managed(facts)
                    else _(
                        "Then ask whoever set up that box to make room in “{name}”. If you do not know who that is, ask with the contact "
                        "button at the bottom of the window."
                    )
                ).format(name=name),
            ], Fix("open_folder", _("Open your files"), arg="~")
        name = self.volume_name(vol, platform)
        if self.is_backup(vol):
            # a full backup drive: the risk is that backups stopped, not that the computer is slow; nothing to delete by hand
            # round 2: the programs' names ("Time Machine", "File History") were not understood, and "do not delete files
            # yourself" scared a reader off clicking anything: whoever set the copies up makes room or brings a bigger drive
            # round 3: a reader read "can wait" as "wait for the grandson's next call": the first step says "this week"
            # and what waiting costs (the newest files have no copy)
            # round 9: "replace it with a bigger disk", "how old the latest copies are" and the "Open “Backup”" button
            # ("I wouldn't know what I was looking at"): one plain step, in the readers' words; the drive is in the details
            # round 14: « deuxième copie » quoted (fr): the headline's own words, the spare copy
            return [
                _(
                    "In the coming days, ask someone who helps you with the computer to make room where the copy is kept: "
                    "until then, the files you add or change are not copied (they are still on this computer)."
                ),
            ], None
        if vol.get("role") not in ("system", "home"):
            label = str(vol.get("mountpoint", "")).rstrip("/\\").rsplit("/", 1)[-1] or str(vol.get("mountpoint", ""))
            # a Windows drive as its headline names it: by its label, or by its letter when it has none ("Open “E:”" named no drive)
            opens = (
                _("Open the drive ({drive})").format(drive=label)
                if platform == "windows" and not vol.get("label")
                else _("Open “{name}”").format(name=vol.get("label") or label)
            )
            open_it = Fix("open_folder", opens, arg=str(vol.get("mountpoint", ""))) if self.is_external(vol, platform) else None
            return [
                _("Make room on {volume}: move what you want to keep to another drive, then remove only what you are sure you no longer need.").format(
                    volume=name[:1].lower() + name[1:]
                ),
                *(
                    [_("Look first in the biggest folders: {folders}.").format(folders=self.biggest_folders(vol, facts))]
                    if self.biggest_folders(vol, facts)
                    else []
                ),
                # verdict round 17: the trash as the customer's system names it ("on my computer it's called the Recycle Bin")
                # Windows keeps no Recycle Bin on a removable drive (a USB stick, a memory card): what is deleted there is
                # gone at once, which the person must know before removing anything
                (
                    _("What you delete from this drive is deleted for good at once: it does not go to the Recycle Bin.")
                    if platform == "windows" and vol.get("removable")
                    else _("Empty {trash} afterwards: files deleted from a drive often wait there.").format(trash=wording.trash(platform))
                ),
            ], open_it
        # the part of the trash on this volume: emptying the rest makes no room here (a review: a full "/" beside a roomy
        # /home was offered to empty the Trash, which is in the home folder, on /home; a full C: the Recycle Bin's part on
        # D:); None when the facts cannot tell (Windows facts without each drive's part, beside another drive)
        here = trash_on(facts, vol)
        room = here if here is not None else int((facts.get("trash") or {}).get("bytes") or 0)
        named = self.biggest_folders(vol, facts)
        # the person's files (their home folder, and on Linux and macOS the Trash) are on another volume: what they delete
        # there makes no room on this one
        elsewhere = self.files_elsewhere(vol, facts)
        # round 8: "four steps plus three buttons", "overwhelmed": one clear first action (the big button's), at most three steps
        # what is safe to remove first; never "delete files" in general (people fear losing their photos)
        steps = []
        fix: Fix | None = None
        if vol.get("role") in ("system", "home"):
            if room >= float(t["trash_offer_mb"]) * 1_000_000:
                photos = wording.photos_of(room)
                fix = Fix(
                    "empty_trash",
                    # send round 19 (en, fr): "frees 1.3 GB (what is a GB?)": the room as the rest of the app says it, in
                    # photos; the exact size stays in the recorded facts (the bundle) and the repair's
                    # (French: « la place pour environ 430 photos de plus » did not fit on the button: its own shorter words)
                    # send round 99 (en): "Empty the Recycle Bin (room for about 430 more photos)": "At first I read it as if
                    # it would delete 430 photos!" (as send round 20 in French, « 430 de mes photos effacées ? »): the room is
                    # said after the action, as what it gives
                    (
                        ngettext(
                            "Empty {trash}: this makes room for about {n} more photo", "Empty {trash}: this makes room for about {n} more photos", photos[0]
                        )
                        if here is not None
                        # Windows facts without the full drive's part (older bundles): the whole bin, some of it maybe on
                        # another drive, is the most it can make here
                        else ngettext(
                            "Empty {trash}: this makes room for at most {n} more photo", "Empty {trash}: this makes room for at most {n} more photos", photos[0]
                        )
                    ).format(trash=wording.trash(platform), n=photos[1]),
                    # the question box the customer answers holds no size either (a reviewer of 7c85003: “The 3.2 GB of files”
                    # is the byte count the button lost); what goes, and that it cannot come back
                    confirm=_("Empty {trash}? Everything in it will be deleted for good: you cannot get it back afterwards.").format(
                        trash=wording.trash(platform)
                    ),
                )
            elif named and not elsewhere and (root := str(self.counted_folders(vol, facts).get("root") or "")):
                # the folders the steps name, where the person sees them ("storage settings" was not understood, round 2)
                fix = Fix("open_folder", _("Show the largest folders"), arg=root)
            else:
                fix = Fix(
                    "open_storage_settings", _("Show what takes the most room")
                )  # "storage settings" (round 5), "disk" (send round 11), "storage" (send round 13) were quoted
        # the first step is the big button's (round 8: one clear first action)
        if fix is not None and fix.action == "empty_trash":
            # agent round 15: what to take out first, in the step itself (a customer following the screen could lose something)
            steps.append(_(plainwords.EMPTY_THE_TRASH).format(trash=wording.trash(platform)))
        elif fix is not None and fix.action == "open_folder":
            steps.append(_("Click “{button}” to see what takes the most space: {folders}.").format(button=fix.label, folders=named))
        elif fix is not None:
            # send round 13: the reader clicked because "it just shows me": said so, the button already says what it shows
            steps.append(_("Click “{button}”: it only shows, it removes nothing.").format(button=fix.label))
        # round 3: "Remove downloads scares me, I don't know what's in there": what it holds
        # round 4: "Remove" read as "delete forever?": put in the trash, which gives a file back until it is emptied
        # verdict round 10: "does the trash need emptying for the room to come back?": one clause says so
        # send round 11: "Downloads" was quoted: where it is, in the person's words
        # programs live on the system disk only; "Uninstall" was quoted (round 5)
        # verdict round 13: "Put in the trash scares me: what if I throw away photos by mistake?": that a file comes back
        # out of the trash is said in the same sentence as putting it there
        # verdict round 16 (fr): « la place revient quand vous la videz : vider quoi ? » : the trash named in that clause
        # verdict round 17: "trash: on my computer it's called the Recycle Bin": the name the customer's own system gives it
        # programs leave a computer the way its own system removes them: only a Mac's go to the Trash (dragged out of
        # Applications); Windows uninstalls them in Settings, Linux in the app that installed them. A Mac's programs are
        # on its Data volume (the sealed system volume is not judged), as everything else the person can remove
        # the person's files' volume sharing the system's space (a review of 3261cf4: the programs step was gone) holds them too
        holds_programs = (
            vol.get("role") == "system"
            or platform == "darwin"
            and vol.get("mountpoint") == "/System/Volumes/Data"
            or self.shares_system(vol, facts.get("volumes"))
        )
        # small-screen round 14 (en, fr): after step 1 empties the trash, step 2 says it comes after (STEP_TWO)
        emptied_first = fix is not None and fix.action == "empty_trash"
        if elsewhere:
            # what helps here is what is on it: the programs (unfolded: the one way left), not the person's files or trash
            if holds_programs and platform != "darwin":
                steps.append(_(self.programs_removed(platform, facts)))
            steps.append(_(FILES_ELSEWHERE_TRASH).format(trash=wording.trash(platform)) if here == 0 and not emptied_first else _(FILES_ELSEWHERE))
            return steps, fix
        steps.append(_(STEP_TWO[emptied_first, holds_programs and platform == "darwin"]).format(trash=wording.trash(platform), how=trash_how(platform)))
        # safe first: "remove them from the computer" made a reader fear deleting the grandchildren's photos (round 2)
        # send round 16: "memory stick (I think my daughter has one)", « clé USB (je sais vaguement) »: said what it is
        steps.append(
            _(
                "Keep your photos and videos, and anything you are not sure about: nothing is removed unless you remove it yourself. "
                "Someone you trust can help you copy photos to a memory stick (a small key that plugs into the computer)."
            )
        )
        # send round 19 (en, fr): Windows' removal steps inside step 2 ("Settings", "Start menu", "Installed apps",
        # "Uninstall", "…" quoted word by word; "I'd need my grandson for that part"): removing programs is not a first
        # thing to do for a full computer: the last step, which the window folds behind "More ways to make room"
        # (evaluate keeps it last and says so, Outcome.folded_advice)
        if holds_programs and platform != "darwin":
            steps.append(_(self.programs_removed(platform, facts)))
        return steps, fix
