"""This computer's real volumes (file systems holding user data) with their space, inodes and
read-only state. Core code: the disk check (hardware.disk) and the history's record of free space
both list volumes this one way."""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

# File systems that hold no user data (kernel interfaces, container layers, packages).
PSEUDO_FS = {
    "proc", "sysfs", "devtmpfs", "devpts", "cgroup", "cgroup2", "securityfs", "pstore", "bpf", "debugfs", "tracefs",
    "configfs", "fusectl", "mqueue", "hugetlbfs", "autofs", "binfmt_misc", "efivarfs", "rpc_pipefs", "nsfs", "squashfs",
    "overlay", "aufs", "ramfs", "selinuxfs", "devfs", "nullfs", "fuse.snapfuse", "fuse.gvfsd-fuse", "fuse.portal",
    "fuse.lxcfs", "cramfs", "erofs", "iso9660", "udf", "zfs_snapshot",
}  # fmt: skip
SKIP_PREFIXES = (
    "/proc", "/sys", "/dev", "/run/snapd", "/snap/", "/var/snap/", "/var/lib/docker", "/var/lib/containers", "/run/credentials",
    "/run/lock", "/run/user/", "/System/Volumes/VM", "/System/Volumes/Preboot", "/System/Volumes/Update", "/System/Volumes/xarts",
    "/System/Volumes/iSCPreboot", "/System/Volumes/Hardware", "/private/var/vm", "/Library/Developer/CoreSimulator",
    "/Volumes/com.apple.TimeMachine.localsnapshots",
)  # fmt: skip
# Network shares: not this computer's disks, and asking a dead server about its space can hang.
NETWORK_FS = {"nfs", "nfs4", "cifs", "smb3", "smbfs", "afpfs", "webdav", "davfs", "fuse.sshfs", "9p", "ceph", "glusterfs", "fuse.rclone"}
READ_ONLY_BY_NATURE = {"iso9660", "udf", "squashfs", "cramfs", "erofs", "cdfs"}


def _is_skipped(mountpoint: str, fstype: str, opts: str, platform: str) -> bool:
    if mountpoint == "/":  # even an overlay root (a container) is the system's disk
        return False
    if fstype in PSEUDO_FS or fstype in NETWORK_FS or fstype.startswith("fuse."):
        return True
    if platform == "windows":
        return "cdrom" in opts or "remote" in opts or not fstype
    if mountpoint == "/System/Volumes/Data":
        return False
    return any(mountpoint == p.rstrip("/") or mountpoint.startswith(p if p.endswith("/") else p + "/") for p in SKIP_PREFIXES)


def _device_id(path: str) -> int | None:
    try:
        return os.stat(path).st_dev
    except OSError:
        return None


def _ask_volumes(psutil: Any, mountpoints: list[str], platform: str, wait: float) -> dict[str, dict[str, Any]]:
    """Each mount point's space, device number and inodes, every one asked at once in a daemon thread of its own.

    A mount whose file system never answers (a FUSE mount of a switched-off NAS, of a cloud drive whose program hung)
    blocks ``statfs`` for as long as it stays mounted, whatever its type says: all of them together are given ``wait``
    seconds and one that has not answered is left out of the answers (its thread is abandoned, a daemon that never keeps
    the program from exiting)."""
    import threading
    import time

    def ask(mp: str, found: dict[str, Any]) -> None:
        try:
            usage = psutil.disk_usage(mp)
        except OSError as exc:  # PermissionError included
            found["error"] = type(exc).__name__
            return
        answer: dict[str, Any] = {"total": int(usage.total), "free": int(usage.free), "dev": _device_id(mp)}
        if platform != "windows" and hasattr(os, "statvfs"):
            try:
                st = os.statvfs(mp)
                if st.f_files:
                    answer["inodes_total"], answer["inodes_free"] = int(st.f_files), int(st.f_favail)
            except OSError:
                pass
        found.update(answer, answered=True)

    asked = []
    for mp in dict.fromkeys(mountpoints):
        found: dict[str, Any] = {}
        asker = threading.Thread(target=ask, args=(mp, found), name=f"volume-space:{mp}", daemon=True)
        asker.start()
        asked.append((mp, found, asker))
    deadline = time.monotonic() + wait
    answers: dict[str, dict[str, Any]] = {}
    for mp, found, asker in asked:
        asker.join(max(0.0, deadline - time.monotonic()))
        answers[mp] = dict(found)  # a late answer may still arrive: read once
    return answers


def list_volumes(psutil: Any, platform: str, min_bytes: int, wait: float = 2.0, unanswered: list[dict[str, Any]] | None = None) -> list[dict[str, Any]]:
    """Real volumes with their space, inodes and read-only state; system and home first.

    Every volume is asked at once and all of them together get ``wait`` seconds: a mount that does not answer in time
    (see :func:`_ask_volumes`) is not listed, and is added to ``unanswered`` (its mount point, device and type) when given."""
    home = str(Path.home())
    system_root = (os.environ.get("SystemDrive", "C:") + "\\") if platform == "windows" else "/"
    home_dev = _device_id(home)
    system_dev = _device_id(system_root)
    # the system volume and the home folder's volume first, so bind mounts of them are dropped
    partitions = sorted(psutil.disk_partitions(all=platform == "linux"), key=lambda p: (p.mountpoint != system_root, len(p.mountpoint)))
    partitions = [p for p in partitions if not _is_skipped(p.mountpoint, (p.fstype or "").lower(), p.opts or "", platform)]
    answers = _ask_volumes(psutil, [p.mountpoint for p in partitions], platform, wait)
    volumes: list[dict[str, Any]] = []
    seen: set[Any] = set()
    for part in partitions:
        mp, fstype, opts = part.mountpoint, (part.fstype or "").lower(), part.opts or ""
        answer = answers.get(mp) or {}
        if not answer.get("answered"):
            if "error" not in answer and unanswered is not None:
                unanswered.append({"mountpoint": mp, "device": part.device, "fstype": fstype})
            continue
        if answer["total"] < min_bytes:
            continue
        dev = answer["dev"]
        if platform == "darwin" and mp == "/":
            role = "system"
        elif platform == "windows":
            role = "system" if mp.upper() == system_root.upper() else "home" if home.upper().startswith(mp.upper()) else "other"
        elif mp == "/":
            role = "system"
        elif dev is not None and dev == home_dev:
            role = "home" if dev != system_dev else "system"
        else:
            role = "other"
        key = dev if dev is not None and fstype != "tmpfs" else (part.device, mp)
        if platform == "darwin" and mp == "/System/Volumes/Data":
            role = "home" if home_dev == dev else "other"
        if key in seen:  # the same file system mounted twice (bind mounts)
            continue
        seen.add(key)
        vol: dict[str, Any] = {
            "mountpoint": mp,
            "device": part.device,
            "fstype": fstype,
            "role": role,
            "total": answer["total"],
            "free": answer["free"],
            "readonly": "ro" in opts.replace(" ", "").split(","),
            "removable": "removable" in opts,
        }
        if platform == "darwin" and "dontbrowse" in opts.split(","):
            # MNT_DONTBROWSE ("nobrowse" in mount's words): Finder does not show it (the Recovery volume, system and
            # mounted backup volumes), so it is not a drive the person plugged in, whatever its place under /Volumes
            vol["hidden"] = True
        if "inodes_total" in answer:
            vol["inodes_total"], vol["inodes_free"] = answer["inodes_total"], answer["inodes_free"]
        volumes.append(vol)
    order = {"system": 0, "home": 1, "other": 2}
    volumes.sort(key=lambda v: (order[v["role"]], v["mountpoint"]))
    return volumes


def files_volume(volumes: Any) -> Mapping[str, Any] | None:
    """Of the disk check's ``volumes``, the one holding the person's home folder (their files, and on Linux and macOS the
    trash the disk check counts, which is in it): a separate 'home' one, else the system's; None when neither is listed."""
    listed = [v for v in volumes if isinstance(v, Mapping)] if isinstance(volumes, list) else []
    for role in ("home", "system"):
        for v in listed:
            if v.get("role") == role:
                return v
    return None


def same_space(a: Mapping[str, Any], b: Mapping[str, Any]) -> bool:
    """Whether two of the disk check's volumes draw on one space, so that what is deleted on one makes room on the other:
    the same mount point, or parts of one file system listed apart (each has its own device number): subvolumes of one
    btrfs device (Fedora's "/" and /home), datasets of one ZFS pool ("rpool/ROOT/ubuntu", "rpool/USERDATA/anne"), APFS
    volumes of one container (a Mac's "/" and /System/Volumes/Data, "/dev/disk3s1s1" and "/dev/disk3s5" of disk3)."""
    if str(a.get("mountpoint") or "") == str(b.get("mountpoint") or ""):
        return True
    fstype, device, other = a.get("fstype"), str(a.get("device") or ""), str(b.get("device") or "")
    if not device or fstype != b.get("fstype"):
        return False
    if fstype == "btrfs":
        return device == other
    if fstype == "zfs":
        return device.split("/", 1)[0] == other.split("/", 1)[0]
    if fstype == "apfs":
        container = re.match(r"/dev/disk\d+s", device)
        return container is not None and other.startswith(container.group())
    return False


def short_of_room(vol: Mapping[str, Any], t: Mapping[str, Any]) -> int:
    """How short of room the disk check's thresholds ``t`` judge ``vol``: 2 full (its fail), 1 almost full (its warn), 0
    not. The one rule the check judges a volume's space by and the empty-trash repair picks the full drive by."""
    total, free = int(vol.get("total") or 0), int(vol.get("free") or 0)
    pct = free * 100 / total if total else 100.0
    gb = free / 1e9
    if pct < float(t["fail_free_percent"]) and gb < float(t["fail_free_gb"]) or vol.get("role") == "system" and gb < float(t["fail_system_free_gb"]):
        return 2
    return 1 if pct < float(t["warn_free_percent"]) and gb < float(t["warn_free_gb"]) else 0


def judged_volumes(volumes: Any, platform: Any) -> list[Any]:
    """Of the disk check's ``volumes`` (its facts' list), those it judges the space of: all but a Mac's sealed system volume
    "/" when its Data volume is listed, whose space it shares and which the check judges in its place."""
    listed = [v for v in volumes if isinstance(v, Mapping)] if isinstance(volumes, list) else []
    if platform == "darwin" and any(v.get("mountpoint") == "/System/Volumes/Data" for v in listed):
        return [v for v in listed if v.get("mountpoint") != "/"]
    return listed


def judged_space(vol: Mapping[str, Any], volumes: Any) -> Mapping[str, Any]:
    """``vol`` as the disk check judges its space among ``volumes`` (:func:`judged_volumes`): one space listed as several
    volumes (:func:`same_space`) by the largest size any of them reports. A ZFS dataset's size is what it holds plus the
    pool's free space, so "/" read roomy and /var/lib the fullest (a review of 3261cf4); btrfs subvolumes all report the whole."""
    own = int(vol.get("total") or 0)
    total = max([own, *(int(v.get("total") or 0) for v in volumes if isinstance(v, Mapping) and v is not vol and same_space(v, vol))])
    return {**vol, "total": total} if total > own else vol


def room_short(vol: Mapping[str, Any], volumes: Any, platform: Any, t: Mapping[str, Any]) -> int:
    """How short of room the disk check judges ``vol``, one of its facts' ``volumes``, with its thresholds ``t``: 2 full, 1
    almost full, 0 not, nor a volume it does not judge (:func:`judged_volumes`). For those who say which volume is full
    beside the check (the support card): the same rule (:func:`short_of_room`), the same volumes, the same space."""
    judged = judged_volumes(volumes, platform)
    if not any(v is vol for v in judged):
        return 0
    return short_of_room(judged_space(vol, judged), t)


#: the keys of the disk check's [thresholds."hardware.disk"] its rule of room reads (platforms.volumes.short_of_room)
ROOM_KEYS = ("warn_free_percent", "warn_free_gb", "fail_free_percent", "fail_free_gb", "fail_system_free_gb")
_SHIPPED_ROOM: dict[str, Any] | None = None


def disk_thresholds(system: Mapping[str, Any] | None) -> dict[str, Any]:
    """The thresholds the disk check judged the volumes' room by in the scan: those the bundle's system.json recorded
    (``selfcheck_config`` → ``thresholds`` → ``hardware.disk``, a company may set its own), each one it lacks (an older
    bundle, a card made without it) or holds as no number the shipped default. Issue 21: the support card said which volume
    was nearly full by a rule of its own (under 10 % free), about a roomy 2 TB disk the check called fine; the send review's
    room line and the card read them here."""
    global _SHIPPED_ROOM
    if _SHIPPED_ROOM is None:
        from selfcheck import config

        _SHIPPED_ROOM = config.from_dict({}).thresholds("hardware.disk")
    recorded: Any = system
    for key in ("selfcheck_config", "thresholds", "hardware.disk"):
        recorded = recorded.get(key) if isinstance(recorded, Mapping) else None
    found = recorded if isinstance(recorded, Mapping) else {}
    return {key: found[key] if isinstance(found.get(key), int | float) and not isinstance(found.get(key), bool) else _SHIPPED_ROOM[key] for key in ROOM_KEYS}


def trash_on(disk: Mapping[str, Any], volume: Mapping[str, Any]) -> int | None:
    """Bytes of the trash the disk check counted (its facts' ``trash``) that emptying it frees on ``volume``; None when the
    facts cannot tell. On Linux and macOS the check counts the Trash in the home folder: all of it is on the volume of the
    person's files (:func:`files_volume`) and those that share its space (:func:`same_space`), none on another. On Windows it counts every drive's Recycle Bin, and each full
    drive's own part where it asked (``trash["drives"]``, by mount point); without that (older facts), all of it is on the
    volume only when no other drive that keeps one is listed (a removable one keeps none) and none went unanswered."""
    trash = disk.get("trash")
    held = trash.get("bytes") if isinstance(trash, Mapping) else None
    if not isinstance(held, int | float) or isinstance(held, bool):
        return None
    platform = disk.get("platform")
    listed = [v for v in disk.get("volumes") or [] if isinstance(v, Mapping)] if isinstance(disk.get("volumes"), list) else []
    mountpoint = str(volume.get("mountpoint") or "")
    if platform in ("linux", "darwin"):
        files = files_volume(listed)
        return int(held) if files is not None and same_space(files, volume) else 0
    if platform != "windows":
        return None
    drives = trash.get("drives") if isinstance(trash, Mapping) else None
    if isinstance(drives, Mapping):
        part = next((b for mp, b in drives.items() if str(mp).rstrip("\\").upper() == mountpoint.rstrip("\\").upper()), None)
        if isinstance(part, int | float) and not isinstance(part, bool):
            return int(part)
    if disk.get("volumes_unanswered"):
        return None
    others = [v for v in listed if str(v.get("mountpoint") or "") != mountpoint]
    return None if any(not v.get("removable") for v in others) else int(held)


def network_shares(psutil: Any, platform: str, wait: float = 0.5) -> list[dict[str, Any]]:
    """Shared folders from other computers (NFS, SMB, a mapped Windows drive) with their space.

    A share whose server does not answer can hang ``statvfs`` for minutes: every share is asked at
    once, each in a daemon thread, and all of them together are given ``wait`` seconds (one wait per
    share would add up to more than the check's time with a dozen shares of a server that is gone);
    one that does not answer in time is listed with ``answered: False`` and no sizes (the network
    checks say why), and the scan goes on.
    """
    import threading
    import time

    try:
        partitions = psutil.disk_partitions(all=platform == "linux")
    except (OSError, RuntimeError):
        return []
    asked: list[tuple[Any, str, dict[str, Any], threading.Thread]] = []
    for part in partitions:
        fstype, opts = (part.fstype or "").lower(), part.opts or ""
        remote = "remote" in opts.split(",") if platform == "windows" else fstype in NETWORK_FS
        if not remote:
            continue
        found: dict[str, Any] = {}

        def ask(mp: str = part.mountpoint, found: dict[str, Any] = found) -> None:
            try:
                usage = psutil.disk_usage(mp)
                found.update(total=int(usage.total), free=int(usage.free))
            except OSError as exc:
                found["error"] = type(exc).__name__

        asker = threading.Thread(target=ask, name=f"share-space:{part.mountpoint}", daemon=True)
        asker.start()
        asked.append((part, fstype, found, asker))
    deadline = time.monotonic() + wait
    shares: list[dict[str, Any]] = []
    for part, fstype, found, asker in asked:
        asker.join(max(0.0, deadline - time.monotonic()))
        answer = dict(found)  # a late answer may still arrive: read once
        share: dict[str, Any] = {"mountpoint": part.mountpoint, "device": part.device, "fstype": fstype, "role": "network"}
        if "total" in answer:
            share.update(answer, answered=True)
        else:
            share.update(answered=False, **({"error": answer["error"]} if "error" in answer else {}))
        shares.append(share)
    return shares
