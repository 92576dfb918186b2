"""The outbox: bundles waiting to be sent, kept until their destination confirms them.

Each entry is a folder ``<data>/outbox/<bundle id>/`` holding ``bundle.zip``
and ``state.json`` (destination, attempts, next try, last error, whether
sending it again may help). The bundle id is also the idempotency key, so a
bundle queued twice is one entry and a retry never opens a second ticket.
"""

from __future__ import annotations

import contextlib
import json
import math
import os
import random
import re
import shutil
import time
import zipfile
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from selfcheck import paths

QUEUED = "queued"  # waiting for the next try
FAILED = "failed"  # the destination refused it; sent again only when the person asks (the window, "outbox retry")
#: its state.json cut short, unreadable, missing, or without where it goes and its status (a crash while it was written,
#: or between Outbox.add's two renames; a damaged disk): where it was going and whether it was refused are not known, so it is never sent by itself, only when
#: the person asks ("outbox retry ID"), where the settings say then; "outbox list" says so, the window offers it to be
#: sent or deleted as a kept message when its bundle is whole (upload.send.kept_messages), and it keeps no at-login
#: sending alive
DAMAGED = "damaged"
#: its state.json is there but its bundle.zip is not (deleted, a damaged disk, an older version's crash): nothing can be
#: sent; "outbox list" says so and "outbox remove ID" removes it
NO_BUNDLE = "no-bundle"

STATE = "state.json"
BUNDLE = "bundle.zip"
LOCK = "sending.lock"
STALE_LOCK_SECONDS = 3600
#: an entry being deleted (:meth:`Outbox.remove`): moved aside as ``.<bundle id>.<process number>.gone`` first
_GONE = re.compile(r"\A\..+\.[0-9]+\.gone\Z")
#: when this process last removed the outbox's leftovers, by outbox folder: at most once an hour (the window runs for days)
_swept: dict[Path, float] = {}


class NotABundle(Exception):
    """The file is not a selfcheck bundle (no zip, or no manifest with a bundle id)."""


@dataclass
class BundleInfo:
    bundle_id: str
    reference: str
    size: int
    created_at: str | None = None  # the manifest's, as the bundle's maker wrote it (ISO 8601): None when it is not a text


def read_bundle_info(path: Path) -> BundleInfo:
    """The bundle id and reference code from the bundle's manifest.json."""
    try:
        with zipfile.ZipFile(path) as zf:
            manifest = json.loads(zf.read("manifest.json").decode("utf-8"))
    except (OSError, zipfile.BadZipFile, KeyError, ValueError, UnicodeDecodeError) as exc:
        raise NotABundle(str(exc)) from exc
    if not isinstance(manifest, dict):
        raise NotABundle("manifest.json is not an object")
    bundle_id, reference = manifest.get("bundle_id"), manifest.get("reference")
    if not isinstance(bundle_id, str) or not bundle_id or any(c in bundle_id for c in "/\\:") or bundle_id.startswith("."):
        raise NotABundle("manifest.json has no usable bundle_id")
    created_at = manifest.get("created_at")
    return BundleInfo(bundle_id, str(reference or bundle_id[:8]), path.stat().st_size, created_at if isinstance(created_at, str) else None)


@dataclass
class Entry:
    bundle_id: str
    reference: str
    size: int
    destination: dict[str, Any]
    email: str | None = None
    name: str | None = None
    description: str | None = None
    ticket: str | None = None
    request: str | None = None  # a support request code (selfcheck.upload.request): the relay adds the bundle to its ticket
    status: str = QUEUED
    attempts: int = 0
    next_try: float = 0.0
    last_error: str = ""
    #: whether sending it again may get it through, recorded from the last failure (False: too big, what came with it
    #: refused); None: not known, an entry an older version wrote (then read from last_error: send.sending_again_may_help)
    retry_may_help: bool | None = None
    created: float = field(default_factory=time.time)
    folder: Path = Path()

    @property
    def bundle_path(self) -> Path:
        return self.folder / BUNDLE

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data.pop("folder")
        return data


def backoff(attempts: int, base: float, cap: float) -> float:
    """Exponential backoff with jitter: base, 2*base, 4*base ... up to cap, each ±50%."""
    return float(min(cap, base * 2 ** max(0, min(attempts - 1, 30))) * random.uniform(0.5, 1.5))


def _entry(data: dict[str, Any], folder: Path) -> Entry:
    """An entry from its state.json, each value of the wrong type (another version's, a damaged file) taken as not
    known: a text for a number never stops the whole outbox with a TypeError, and the bundle is still sent."""

    def text(key: str, default: str | None = None) -> str | None:
        value = data.get(key)
        return value if isinstance(value, str) else default

    def number(key: str, default: float) -> float:
        value = data.get(key)
        if isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value):
            return float(value)
        return default

    reference = text("reference")
    size = data.get("size")
    if reference is None or not isinstance(size, int) or isinstance(size, bool):
        try:
            info = read_bundle_info(folder / BUNDLE)
            reference, size = reference or info.reference, info.size
        except (NotABundle, OSError):
            reference, size = reference or folder.name[:8], size if isinstance(size, int) else 0
    destination = data.get("destination")
    may_help = data.get("retry_may_help")
    return Entry(
        bundle_id=folder.name,
        reference=reference,
        size=int(size),
        destination=destination if isinstance(destination, dict) else {},
        email=text("email"),
        name=text("name"),
        description=text("description"),
        ticket=text("ticket"),
        request=text("request"),
        status=text("status", QUEUED) or QUEUED,
        attempts=int(number("attempts", 0)),
        next_try=number("next_try", 0.0),
        last_error=text("last_error", "") or "",
        retry_may_help=may_help if isinstance(may_help, bool) else None,
        created=number("created", time.time()),
        folder=folder,
    )


def _complete(data: Any) -> bool:
    """Whether a state.json says what decides the sending: where the message goes and whether it waits or was refused
    (every version writes both; a value of another version's type is read by :func:`_entry`). Valid JSON without them (a
    damaged disk, a hand's edit) is as unknown as garbage."""
    return isinstance(data, dict) and "status" in data and "destination" in data


def is_whole(entry: Entry) -> bool:
    """Whether the entry's bundle.zip is whole: every file in it matches the checksum its own manifest gives
    (selfcheck.bundle.read.verify_members). Asked before a damaged entry is offered to be sent."""
    from selfcheck.bundle.read import BundleError, whole_bundle

    try:
        return whole_bundle(entry.bundle_path)
    except BundleError:
        return False


def _state_text(entry: Entry) -> str:
    return json.dumps(entry.to_json(), indent=2, ensure_ascii=False)  # the customer's description, e-mail and name


class Outbox:
    def __init__(self, root: Path | None = None) -> None:
        self.root = root or paths.user_data_dir() / "outbox"

    def _folder(self, bundle_id: str) -> Path:
        return self.root / bundle_id

    def add(self, source: Path, destination: dict[str, Any], **fields: Any) -> Entry:
        """Copy a bundle into the outbox (or find it there already)."""
        info = read_bundle_info(source)
        existing = self.get(info.bundle_id)
        if existing is not None and existing.status not in (DAMAGED, NO_BUNDLE):  # a damaged one is written anew, whole
            for key, value in fields.items():
                if value is not None:
                    setattr(existing, key, value)
            existing.destination = destination
            existing.status = QUEUED
            self.save(existing)
            return existing
        folder = self._folder(info.bundle_id)
        paths.private_dir(folder)
        entry = Entry(bundle_id=info.bundle_id, reference=info.reference, size=info.size, destination=destination, folder=folder, **fields)
        # both files written aside first, then moved into place (the state last): a full disk stops it before either
        # is there, never with a bundle.zip and no state.json, an entry no list shows that fills the disk for ever
        try:
            with paths.private_temporary(folder, BUNDLE, ".part") as bundle_tmp, paths.private_temporary(folder, STATE) as state_tmp:
                shutil.copyfile(source, bundle_tmp)
                state_tmp.write_text(_state_text(entry), encoding="utf-8")
                os.replace(bundle_tmp, folder / BUNDLE)
                os.replace(state_tmp, folder / STATE)
        except OSError:
            with contextlib.suppress(OSError):
                folder.rmdir()  # made for nothing: removed while empty (never one another process filled meanwhile)
            raise
        return entry

    def save(self, entry: Entry) -> None:
        paths.write_private(entry.folder / STATE, _state_text(entry))

    def get(self, bundle_id: str) -> Entry | None:
        """The entry in its folder; half of one (only bundle.zip, or only state.json: a crash while it was written, a
        damaged disk) is an entry too, DAMAGED or NO_BUNDLE, so that it is listed and can be sent or removed, never lost."""
        folder = self._folder(bundle_id)
        has_state, has_bundle = (folder / STATE).is_file(), (folder / BUNDLE).is_file()
        if not has_state and not has_bundle:  # nothing yet (being written: only its temporary files), or nothing left
            return None
        data: Any = None
        if has_state:
            try:
                data = json.loads((folder / STATE).read_text(encoding="utf-8"))
            except OSError:
                return None
            except ValueError:
                data = None
        if not has_bundle:
            known = data if isinstance(data, dict) else {}
            try:
                written = (folder / STATE).stat().st_mtime
            except OSError:
                written = time.time()
            return _entry({**known, "status": NO_BUNDLE, "created": known.get("created", written)}, folder)
        if not _complete(data):  # missing, cut short, garbage or without its fields: kept, never sent blindly (DAMAGED)
            try:  # written when the bundle was (the window says "your message written ...": not "just now")
                created = (folder / BUNDLE).stat().st_mtime
            except OSError:
                created = time.time()
            known = data if isinstance(data, dict) else {}
            return _entry({**known, "status": DAMAGED, "created": known.get("created", created)}, folder)
        return _entry(data, folder)

    def remove_leftovers(self, now: float | None = None) -> list[Path]:
        """Remove what a selfcheck stopped while it queued or deleted a message left in the outbox, once older than
        :data:`selfcheck.paths.LEFTOVER_AGE`: the files it wrote aside (the bundle's copy, its state), then the entry's
        folder when nothing else is in it (a message never queued: no list shows it, it holds a bundle), and an entry it
        was deleting (``.<id>.<pid>.gone``). Entries, younger files (a second selfcheck queueing now) and any other file
        stay. Returns what was removed."""
        now = time.time() if now is None else now
        removed: list[Path] = []
        try:
            folders = sorted(self.root.iterdir())
        except OSError:
            return removed
        for folder in folders:
            if _GONE.match(folder.name):
                if paths.is_left_behind(folder, now, folder=True):
                    shutil.rmtree(folder, ignore_errors=True)
                    removed.append(folder)
                continue
            left = paths.remove_left_aside(folder, now=now) if not folder.is_symlink() else []
            if left:
                removed += left
                with contextlib.suppress(OSError):
                    folder.rmdir()  # only when empty now: never an entry's bundle.zip or state.json
        return removed

    def entries(self) -> Iterator[Entry]:
        if not self.root.is_dir():
            return
        if time.monotonic() - _swept.get(self.root, -math.inf) > 3600:  # the outbox's look: its leftovers go first
            _swept[self.root] = time.monotonic()
            self.remove_leftovers()
        for folder in sorted(self.root.iterdir(), key=lambda p: p.name):
            entry = self.get(folder.name) if folder.is_dir() and not folder.name.startswith(".") else None
            if entry is not None:
                yield entry

    def find(self, prefix: str) -> Entry | None:
        """An entry by bundle id, a unique prefix of it, or its reference code."""
        matches = [e for e in self.entries() if e.bundle_id == prefix or e.reference == prefix]
        if not matches:
            matches = [e for e in self.entries() if e.bundle_id.startswith(prefix)]
        return matches[0] if len(matches) == 1 else None

    def remove(self, bundle_id: str) -> bool:
        folder = self._folder(bundle_id)
        if not folder.is_dir():
            return False
        # moved aside first, in one step and with its lock inside: no other process claims it (:meth:`lock`) nor lists
        # it (:meth:`entries`) while it is being deleted
        gone = folder.with_name(f".{bundle_id}.{os.getpid()}.gone")
        try:
            os.replace(folder, gone)
        except OSError:  # Windows: a file inside held open by another process
            gone = folder
        shutil.rmtree(gone, ignore_errors=True)
        return True

    def due(self, now: float | None = None, longest: float | None = None) -> list[Entry]:
        """The queued entries whose next try has come; with ``longest`` (the longest wait ever set), also those whose
        next try is further ahead than that: the computer's clock went back since (they would wait that much more)."""
        now = time.time() if now is None else now
        return [e for e in self.entries() if e.status == QUEUED and (e.next_try <= now or (longest is not None and e.next_try > now + longest))]

    def lock(self, entry: Entry) -> bool:
        """Claim an entry so two selfcheck processes never send it at the same time."""
        path = entry.folder / LOCK
        try:
            fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
        except FileExistsError:
            try:
                if time.time() - path.stat().st_mtime < STALE_LOCK_SECONDS:
                    return False
                path.unlink()
                fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
            except OSError:
                return False
        except OSError:
            return False
        try:
            os.write(fd, str(os.getpid()).encode())
        except OSError:  # a full disk: the file made is the claim, the process number in it only says whose
            pass
        finally:
            os.close(fd)
        return True

    def unlock(self, entry: Entry) -> None:
        (entry.folder / LOCK).unlink(missing_ok=True)
