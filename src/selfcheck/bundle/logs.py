"""Gathering log files for a bundle, within bounds.

- Patterns are globs (``*``, ``?``, ``[..]``, ``**``) with ``~`` and environment
  variables expanded; the part before the first wildcard is the *configured
  folder*. A link (file or folder) leading outside it is not followed.
- Only regular files are read (never ``/dev/zero``, a fifo or a socket), opened
  non-blocking, and only their newest part: the last ``per_file`` bytes.
- Folders are listed with ``os.scandir`` and at most ``max_entries`` entries are
  looked at per pattern, so a folder of a million files costs little.
- Files are taken newest first until the total cap or the time budget is used.

Everything left out is returned as a :class:`Skipped` (path and plain reason)
or a limit hit, for the manifest: nothing is dropped silently.
"""

from __future__ import annotations

import fnmatch
import logging
import os
import re
import stat
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from selfcheck.i18n import _, os_error_text

log = logging.getLogger(__name__)

_MAGIC = re.compile(r"[*?\[]")
MIN_PART = 4096  # below this, what is left of the size cap is not worth a log fragment


@dataclass
class LogFile:
    """One log chosen for the bundle: its raw (not yet redacted) newest bytes."""

    name: str  # path inside the bundle
    source: str
    data: bytes
    size: int  # the file's full size on disk
    truncated: bool
    mtime: float


@dataclass
class Skipped:
    path: str
    reason: str

    def to_dict(self) -> dict[str, str]:
        return {"path": self.path, "reason": self.reason}


@dataclass
class Gathered:
    files: list[LogFile] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    limits_hit: list[dict[str, Any]] = field(default_factory=list)


def expand(pattern: str) -> str:
    return os.path.expandvars(os.path.expanduser(pattern))


def split_pattern(pattern: str) -> tuple[Path, list[str]]:
    """("/var/log/app", ["*.log"]) for "/var/log/app/*.log": the configured folder and the wildcard parts."""
    parts = Path(pattern).parts
    base: list[str] = []
    for i, part in enumerate(parts):
        if _MAGIC.search(part):
            return Path(*base) if base else Path("."), list(parts[i:])
        base.append(part)
    return Path(*parts[:-1]) if len(parts) > 1 else Path("."), [parts[-1]] if parts else []


def _within(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)


class _Budget:
    def __init__(self, max_entries: int, deadline: float) -> None:
        self.max_entries = max_entries
        self.deadline = deadline
        self.seen = 0

    @property
    def exhausted(self) -> bool:
        return self.seen >= self.max_entries or time.monotonic() >= self.deadline


def find(pattern: str, max_entries: int, deadline: float) -> tuple[list[tuple[str, Path]], list[Skipped], list[dict[str, Any]]]:
    """Files matching ``pattern``: [(path, configured folder)], skipped entries, limits hit."""
    expanded = expand(pattern)
    base, rest = split_pattern(expanded)
    skipped: list[Skipped] = []
    limits: list[dict[str, Any]] = []
    if not rest:
        return [], skipped, limits
    if not base.is_dir():
        return [], skipped, limits
    try:
        real_base = os.path.realpath(base)
    except OSError:
        return [], skipped, limits
    budget = _Budget(max_entries, deadline)
    matches: list[str] = []

    def walk(folder: str, parts: list[str]) -> None:
        if budget.exhausted or not parts:
            return
        head, tail = parts[0], parts[1:]
        if head == "**":
            walk(folder, tail)  # zero folders
            for entry in _scandir(folder, budget):
                if entry.is_dir(follow_symlinks=False):
                    walk(entry.path, parts)
            return
        if not _MAGIC.search(head):
            candidate = os.path.join(folder, head)
            if tail:
                if os.path.isdir(candidate) and not os.path.islink(candidate):
                    walk(candidate, tail)
            elif os.path.lexists(candidate):
                matches.append(candidate)
            return
        regex = re.compile(fnmatch.translate(head))
        for entry in _scandir(folder, budget):
            if not regex.match(entry.name):
                continue
            if tail:
                if entry.is_dir(follow_symlinks=False):
                    walk(entry.path, tail)
            else:
                matches.append(entry.path)

    walk(str(base), rest)
    if budget.seen >= budget.max_entries:
        limits.append(
            {
                "limit": "folder_entries",
                "path": str(base),
                "detail": _("Only the first {count} entries of this folder were looked at.").format(count=max_entries),
            }
        )
    elif time.monotonic() >= deadline:
        limits.append({"limit": "time_budget", "path": str(base), "detail": _("The time allowed for gathering logs ran out.")})
    found: list[tuple[str, Path]] = []
    for path in matches:
        if os.path.islink(path):
            target = os.path.realpath(path)
            if not _within(target, real_base):
                skipped.append(Skipped(path, _("a link leading outside the configured folder (not followed)")))
                continue
        found.append((path, Path(real_base)))
    return found, skipped, limits


def _scandir(folder: str, budget: _Budget) -> Iterable[os.DirEntry[str]]:
    try:
        with os.scandir(folder) as entries:
            for entry in entries:
                if budget.exhausted:
                    return
                budget.seen += 1
                yield entry
    except OSError as exc:
        log.info("cannot list %s: %s", folder, exc)


def read_tail(path: str, limit: int) -> tuple[bytes, int, bool, float]:
    """The newest ``limit`` bytes of a regular file (cut at a line start): (data, size, truncated, mtime).

    Raises ``ValueError`` with a plain reason for anything that is not a regular file.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        before = os.stat(path)
    except OSError as exc:
        raise ValueError(_("it cannot be read ({reason})").format(reason=os_error_text(exc))) from exc
    if not stat.S_ISREG(before.st_mode):
        raise ValueError(_("not a regular file (a device, a pipe or a folder)"))
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise ValueError(_("it cannot be read ({reason})").format(reason=os_error_text(exc))) from exc
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise ValueError(_("not a regular file (a device, a pipe or a folder)"))
        size = st.st_size
        start = max(0, size - limit)
        os.lseek(fd, start, os.SEEK_SET)
        chunks: list[bytes] = []
        left = min(limit, size)
        while left > 0:
            chunk = os.read(fd, min(left, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
        data = b"".join(chunks)
    finally:
        os.close(fd)
    truncated = start > 0
    if truncated:
        newline = data.find(b"\n")
        if 0 <= newline < len(data) - 1:
            data = data[newline + 1 :]
    return data, size, truncated, st.st_mtime


def looks_binary(data: bytes) -> bool:
    return b"\x00" in data[:8192]


def _safe_name(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "_", text).strip("._") or "log"


def gather(
    own_logs: Iterable[Path],
    patterns: Iterable[str],
    *,
    per_file: int,
    total: int,
    max_entries: int,
    deadline: float,
    max_files: int = 50,
) -> Gathered:
    """selfcheck's own logs, then the company's application logs, newest first, within the caps."""
    out = Gathered()
    used = 0
    candidates: list[tuple[str, str]] = []  # (bundle name, path)
    for own in own_logs:
        if own.is_file():
            candidates.append((f"logs/selfcheck/{_safe_name(own.name)}", str(own)))
    app: list[tuple[float, str]] = []
    for pattern in patterns:
        if time.monotonic() >= deadline:
            out.limits_hit.append({"limit": "time_budget", "path": pattern, "detail": _("The time allowed for gathering logs ran out.")})
            break
        found, skipped, limits = find(str(pattern), max_entries, deadline)
        out.skipped.extend(skipped)
        out.limits_hit.extend(limits)
        for path, _base in found:
            try:
                mtime = os.stat(path).st_mtime
            except OSError:
                mtime = 0.0
            app.append((mtime, path))
    seen: set[str] = set()
    taken_names: set[str] = set()
    for index, (_mtime, path) in enumerate(sorted(app, key=lambda item: -item[0]), start=1):
        real = os.path.realpath(path)
        if real in seen:
            continue
        seen.add(real)
        name = f"logs/app/{index:02d}-{_safe_name(os.path.basename(path))}"
        candidates.append((name, path))
    left_over = 0
    for name, path in candidates:
        if name in taken_names:
            continue
        if len(out.files) >= max_files:
            left_over += 1
            continue
        if time.monotonic() >= deadline:
            out.skipped.append(Skipped(path, _("left out: the time allowed for gathering logs ran out")))
            continue
        room = total - used
        if room < min(MIN_PART, per_file):
            out.skipped.append(Skipped(path, _("left out: the bundle's size limit for logs was reached")))
            continue
        try:
            data, size, truncated, mtime = read_tail(path, min(per_file, room))
        except ValueError as exc:
            out.skipped.append(Skipped(path, str(exc)))
            continue
        if looks_binary(data):
            out.skipped.append(Skipped(path, _("not a text file")))
            continue
        if truncated:
            out.limits_hit.append(
                {"limit": "file_size", "path": path, "detail": _("Only the newest {kept} of {size} bytes were kept.").format(kept=len(data), size=size)}
            )
        used += len(data)
        taken_names.add(name)
        out.files.append(LogFile(name, path, data, size, truncated, mtime))
    if left_over:
        out.skipped.append(
            Skipped(_("{count} older log files").format(count=left_over), _("left out: at most {limit} log files go in a bundle").format(limit=max_files))
        )
        out.limits_hit.append({"limit": "log_files", "path": "", "detail": _("At most {limit} log files go in a bundle.").format(limit=max_files)})
    return out
