"""Storage repairs: empty the trash, clear old temporary files.

Both show the space they free before asking, and are all-or-nothing where the
file system allows it: every item is first moved (renamed, on the same volume)
into a staging folder; only when all moved is the staging folder deleted. When a
move fails, the items already moved go back and nothing is deleted.
"""

from __future__ import annotations

import os
import shutil
import stat
import tempfile
import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from selfcheck.i18n import N_, _
from selfcheck.platforms.volumes import short_of_room
from selfcheck.wording import room_of, with_trash

from .model import Action, ActionResult, Env

STAGING_PREFIX = ".selfcheck-cleanup-"


@dataclass
class Item:
    path: Path
    bytes: int


def _never() -> bool:
    return False


def _tree_bytes(path: Path, budget_end: float, stop: Callable[[], bool] = _never) -> tuple[int, float]:
    """Space used by ``path`` (blocks on disk) and the newest modification time in it (bounded walk; ``stop``: the
    person closed the window that waits for it)."""
    try:
        st = path.lstat()
    except OSError:
        return 0, 0.0
    used = getattr(st, "st_blocks", 0) * 512 or st.st_size
    newest = st.st_mtime
    if stat.S_ISDIR(st.st_mode):
        for root, dirs, files in os.walk(path, onerror=lambda e: None):
            for name in dirs + files:
                try:
                    child = os.lstat(os.path.join(root, name))
                except OSError:
                    continue
                used += getattr(child, "st_blocks", 0) * 512 or child.st_size
                newest = max(newest, child.st_mtime)
            if time.monotonic() > budget_end or stop():
                break
    return int(used), newest


def _let_owner_delete(path: Path) -> None:
    """Give the person's own folders inside ``path`` back the rights to list and empty them (a folder saved without
    them, "chmod 600", cannot be emptied otherwise). Only folders under the staging folder; links are never followed."""
    try:
        st = path.lstat()
    except OSError:
        return
    if not stat.S_ISDIR(st.st_mode) or (hasattr(os, "getuid") and st.st_uid != os.getuid()):
        return
    if st.st_mode & 0o700 != 0o700:
        try:
            os.chmod(path, stat.S_IMODE(st.st_mode) | 0o700)
        except OSError:
            return
    for child in _children(path):
        _let_owner_delete(child)


def _remove(path: Path, failures: list[str]) -> None:
    if path.is_dir() and not path.is_symlink():
        _let_owner_delete(path)
        shutil.rmtree(path, onerror=lambda fn, p, exc: failures.append(f"{p}: {exc[1]}"))
    else:
        try:
            path.unlink()
        except OSError as exc:
            failures.append(f"{path}: {exc}")


def staged_delete(root: Path, items: list[Item], *, skip_busy: bool = False, counts: Any = None) -> ActionResult:
    """Move every item into a staging folder under ``root``, then delete it; all or nothing.

    ``skip_busy``: an item that cannot be moved (a program still has it open, as often on Windows)
    is left where it is and the others are deleted, as the system's own cleanup does. An item already
    gone (another program, or a second window, emptied it meanwhile) is not a failure. What cannot be
    deleted once moved is put back where it was, never left hidden in the staging folder. ``counts``:
    which items the room freed counts (all by default).
    """
    if not items:
        return ActionResult(True, _("There was nothing to delete."), freed_bytes=0)
    try:
        staging = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=root))  # its own name: two repairs at once never share one
    except OSError as exc:
        return ActionResult(False, _("Nothing was deleted: the folder cannot be changed."), unchanged=True, steps=[f"mkdir in {root}: {exc}"])
    moved: list[tuple[Path, Path, Item]] = []
    skipped: list[Item] = []
    gone: list[Item] = []
    for n, item in enumerate(items):
        target = staging / f"{n}"
        try:
            os.rename(item.path, target)
        except FileNotFoundError:
            gone.append(item)  # already deleted by someone else: nothing to do, and no room made by us
            continue
        except OSError as exc:
            if skip_busy:
                skipped.append(item)
                continue
            back_ok = True
            for original, staged, _item in reversed(moved):
                try:
                    os.rename(staged, original)
                except OSError:
                    back_ok = False
            try:
                staging.rmdir()
            except OSError:
                pass
            step = f"rename {item.path}: {exc.strerror or exc}"
            if back_ok:
                return ActionResult(False, _("One file could not be removed, so nothing was deleted."), unchanged=True, steps=[step])
            return ActionResult(False, _("One file could not be removed, and some files could not be put back."), steps=[step, f"left in {staging}"])
        moved.append((item.path, target, item))
    failures: list[str] = []
    left: list[str] = [f"in use, left: {i.path}" for i in skipped]
    deleted: list[Item] = []
    for original, staged, item in moved:
        before = len(failures)
        _remove(staged, failures)
        if len(failures) == before:
            deleted.append(item)
            continue
        try:  # what is left of it goes back where it was, where the person (and the next try) can see it
            os.rename(staged, original)
            left.append(f"could not delete, put back: {original}")
        except OSError as exc:
            left.append(f"could not delete or put back {original}: {exc}")
    try:
        staging.rmdir()
    except OSError as exc:
        left.append(f"left {staging}: {exc}")
    counted = [i for i in deleted if counts is None or counts(i)]
    freed = sum(i.bytes for i in counted)
    if failures:
        return ActionResult(False, _("Most files were deleted, but some could not be."), steps=(failures + left)[:20], freed_bytes=freed)
    steps = [f"deleted {len(deleted)} items, {freed} bytes", *([f"already gone: {len(gone)} items"] if gone else []), *left[:20]]
    return ActionResult(True, _("Done: there is now {room}.").format(room=room_of(freed)), steps=steps, freed_bytes=freed)


# ---------------------------------------------------------------------------------- trash


def trash_root(env: Env) -> Path:
    """The user's own trash: XDG (Linux), ~/.Trash (macOS)."""
    if env.platform == "darwin":
        return Path(env.environ.get("HOME") or Path.home()) / ".Trash"
    data_home = env.environ.get("XDG_DATA_HOME") or os.path.join(env.environ.get("HOME") or str(Path.home()), ".local", "share")
    return Path(data_home) / "Trash"


def _children(folder: Path) -> Iterator[Path]:
    try:
        yield from sorted(folder.iterdir())
    except OSError:
        return


class EmptyTrash(Action):
    """Linux (XDG trash spec) and macOS (~/.Trash, through the Finder when the folder cannot be read)."""

    def items(self, env: Env, stop: Callable[[], bool] = _never) -> list[Item]:
        """What the trash holds; ``stop``: the count is no longer wanted (what was found so far is returned)."""
        root = trash_root(env)
        budget = time.monotonic() + 2.0
        parts = [root / "files", root / "info", root / "expunged"] if env.platform != "darwin" else [root]
        out: list[Item] = []
        for part in parts:
            for child in _children(part):
                if stop():
                    return out
                if child.name.startswith(STAGING_PREFIX):
                    continue
                out.append(Item(child, _tree_bytes(child, budget, stop)[0]))
        return out

    def counting(self, env: Env) -> str:
        return with_trash(_("One moment: this program is counting what is in {trash}…"), env.platform)

    def preview(self, env: Env) -> list[str]:
        items = self.items(env, stop=env.cancelled.is_set)  # the window that asked was closed: no sentence is wanted
        if env.cancelled.is_set():
            return []
        total = sum(i.bytes for i in items if i.path.parent.name != "info")
        if not items:
            return [with_trash(_("{trash} is already empty."), env.platform)]
        # send round 12: "430 before, 650 after, 210 on the other screen: which is right?": both screens say the room the
        # emptying makes, with the same words and number ("makes room"), never a total to set beside another
        return [with_trash(_("Emptying {trash} makes {room}."), env.platform, room=room_of(total))]

    def commands(self, env: Env) -> list[list[str]]:
        if env.platform == "darwin":
            return [["osascript", "-e", 'tell application "Finder" to empty trash']]
        return []

    def run(self, env: Env) -> ActionResult:
        root = trash_root(env)
        if env.platform == "darwin" and not os.access(root, os.R_OK | os.W_OK | os.X_OK):
            # macOS keeps ~/.Trash from apps without Full Disk Access: ask the Finder, as the user would
            out = env.run(self.commands(env)[0], 120)
            said = _("{trash} is empty.") if out.ok else _("{trash} could not be emptied.")
            return ActionResult(out.ok, with_trash(said, env.platform), unchanged=not out.ok)
        items = self.items(env)
        result = staged_delete(root, items, counts=lambda i: i.path.parent.name != "info")  # the room the preview named
        (root / "directorysizes").unlink(missing_ok=True) if result.ok and env.platform != "darwin" else None
        if result.ok:
            freed = result.freed_bytes or 0
            result.message = (
                with_trash(_("{trash} is empty: that made {room}."), env.platform, room=room_of(freed))
                if items
                else with_trash(_("{trash} was already empty."), env.platform)
            )
        return result


#: the Recycle Bin keeps what was deleted from each drive on that drive: emptying the full drive's part leaves the others'
#: (a review of 1607458: the consent promised the room of every drive's bin to a full C: whose bin was mostly on D:)
OTHER_DRIVES_STAY = N_("Files deleted from your other drives stay in {trash}: they take no room on the full one.")
NOTHING_FROM_FULL_DRIVE = N_("{trash} holds no files deleted from the full drive: emptying it would make no room there.")
EMPTIED_FULL_DRIVES_PART = N_(
    "{trash} is emptied of the files deleted from the full drive: that made {room}. Files deleted from your other drives are still in it."
)


def recycle_bin_drive(disk: Any, thresholds: Mapping[str, Any] | None = None) -> str | None:
    """The drive whose part of the Recycle Bin the repair empties ("C:\\"): of the drives the disk check asked Windows for
    their part (its facts' ``trash["drives"]``: the system's and the person's files'), the one it judged fullest by its
    ``thresholds`` (platforms.volumes.short_of_room; ties in its own order, as its offer weighs that drive's part:
    platforms.volumes.trash_on), else the one with the smallest share free; None when it asked for none (every drive's
    bin, as before). A review of de01d3c: a big D: with a smaller share free but room enough was emptied, C: stayed full."""
    trash = disk.get("trash") if isinstance(disk, Mapping) else None
    drives = trash.get("drives") if isinstance(trash, Mapping) else None
    if not isinstance(drives, Mapping) or not drives:
        return None
    listed = [v for v in disk.get("volumes") or [] if isinstance(v, Mapping)] if isinstance(disk.get("volumes"), list) else []
    order = {str(v.get("mountpoint") or "").rstrip("\\").upper(): at for at, v in enumerate(listed)}

    def fullest(root: Any) -> tuple[int, int, float]:
        at = order.get(str(root).rstrip("\\").upper())
        vol = listed[at] if at is not None else {}
        try:
            short = short_of_room(vol, thresholds) if thresholds and vol else 0
        except (KeyError, TypeError, ValueError):
            short = 0
        try:
            share = float(vol.get("free") or 0) / float(vol.get("total") or 0)
        except (TypeError, ValueError, ZeroDivisionError):
            share = 1.0
        return -short, at if short and at is not None else 0, share

    return str(min(drives, key=fullest))


class EmptyRecycleBin(Action):
    """Windows: the shell's own SHQueryRecycleBinW / SHEmptyRecycleBinW, for the drive the disk check found full.

    Microsoft documents both as working on "the Recycle Bin on the specified drive", given its root path ("C:\\"); a
    NULL root empties (or counts) all Recycle Bins on all drives, which is done only when no full drive is known."""

    #: SHERB_NOCONFIRMATION | SHERB_NOPROGRESSUI | SHERB_NOSOUND: the person has already agreed
    FLAGS = 0x1 | 0x2 | 0x4
    S_OK, E_UNEXPECTED_EMPTY = 0, -2147418113  # the second: the bin was already empty
    reads_facts = True  # the full drive, from the disk check's facts

    def __init__(self, shell32: Any = None) -> None:
        self._shell32 = shell32

    def shell32(self) -> Any:
        if self._shell32 is None:  # pragma: no cover - Windows only
            import ctypes

            self._shell32 = ctypes.windll.shell32  # type: ignore[attr-defined]
        return self._shell32

    def query(self, root: str | None = None) -> int | None:
        from selfcheck.platforms.windows import recycle_bin_bytes

        return recycle_bin_bytes(self.shell32(), root)

    @staticmethod
    def drive(env: Env) -> str | None:
        return recycle_bin_drive(env.facts.get("hardware.disk"), env.thresholds.get("hardware.disk"))

    def held(self, env: Env) -> tuple[str | None, int | None, int]:
        """The full drive, what its part of the bin holds, and what the other drives' parts hold (0 when not known)."""
        root = self.drive(env)
        part = self.query(root)
        if root is None or part is None:
            return root, part, 0
        whole = self.query()
        return root, part, max(0, (whole or 0) - part)

    counting = EmptyTrash.counting  # the same words, the Recycle Bin named as Windows names it (with_trash)

    def preview(self, env: Env) -> list[str]:
        _root, held, others = self.held(env)
        if held is None:
            return []
        if held == 0:
            return [with_trash(_(NOTHING_FROM_FULL_DRIVE) if others else _("{trash} is already empty."), env.platform)]
        said = [with_trash(_("Emptying {trash} makes {room}."), env.platform, room=room_of(held))]
        return said + ([with_trash(_(OTHER_DRIVES_STAY), env.platform)] if others else [])

    def run(self, env: Env) -> ActionResult:
        root, held, others = self.held(env)
        code = self.shell32().SHEmptyRecycleBinW(None, root, self.FLAGS)
        steps = [f"SHEmptyRecycleBinW({root!r}) -> {code}"]
        if code in (self.S_OK, self.E_UNEXPECTED_EMPTY):
            done = _(EMPTIED_FULL_DRIVES_PART) if others else _("{trash} is empty: that made {room}.")
            return ActionResult(True, with_trash(done, env.platform, room=room_of(held or 0)), freed_bytes=held, steps=steps)
        return ActionResult(False, with_trash(_("{trash} could not be emptied."), env.platform), unchanged=True, steps=steps)


# ---------------------------------------------------------------------------------- temporary files


class ClearTemp(Action):
    """The user's own temporary files not touched for ``min_age_hours`` (programs still using theirs keep them)."""

    def __init__(self, min_age_hours: float = 24.0) -> None:
        self.min_age_hours = min_age_hours

    def root(self, env: Env) -> Path:
        if env.platform == "windows":
            return Path(env.environ.get("TEMP") or env.environ.get("TMP") or tempfile.gettempdir())
        return Path(env.environ.get("TMPDIR") or tempfile.gettempdir())

    def items(self, env: Env, stop: Callable[[], bool] = _never) -> list[Item]:
        root = self.root(env)
        cutoff = time.time() - self.min_age_hours * 3600
        budget = time.monotonic() + 3.0
        uid = os.getuid() if hasattr(os, "getuid") else None
        out: list[Item] = []
        for child in _children(root):
            if stop():
                return out
            if child.name.startswith(STAGING_PREFIX):
                continue
            try:
                st = child.lstat()
            except OSError:
                continue
            if uid is not None and st.st_uid != uid:
                continue  # another account's files (a shared /tmp): never ours to delete
            if stat.S_ISSOCK(st.st_mode) or stat.S_ISFIFO(st.st_mode):
                continue  # a running program's socket
            used, newest = _tree_bytes(child, budget, stop)
            if newest > cutoff:
                continue
            out.append(Item(child, used))
        return out

    def counting(self, env: Env) -> str:
        # review of 70c21197: its button's words since send round 104 ("files programs left behind": "I don't know what files a
        # program 'leaves behind'", « je ne vois pas ce que c'est »), not the ones readers did not understand, in the dialog it opens
        # send round 107: the button's words changed again (scrap files, « brouillons »): these follow them; send round 108:
        # the button names what it does (make more room by itself), and so do these, naming no files
        return _("One moment: this program is looking for ways to make more room…")

    def preview(self, env: Env) -> list[str]:
        items = self.items(env, stop=env.cancelled.is_set)
        if env.cancelled.is_set():
            return []
        if not items:
            return [_("There is nothing this program can clear away by itself.")]
        return [_("This makes {room}.").format(room=room_of(sum(i.bytes for i in items)))]

    def run(self, env: Env) -> ActionResult:
        items = self.items(env)
        result = staged_delete(self.root(env), items, skip_busy=True)  # files a program keeps open stay
        if result.ok:
            freed = result.freed_bytes or 0
            result.message = _("Done: that made {room}.").format(room=room_of(freed)) if items else _("There was nothing to clear away.")
        return result
