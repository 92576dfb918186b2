"""Where selfcheck keeps its files on each platform (platformdirs conventions).

``SELFCHECK_HOME`` puts every folder under one directory (tests, portable use).
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import stat
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

APP = "selfcheck"


def _home_override() -> Path | None:
    value = os.environ.get("SELFCHECK_HOME")
    return Path(value) if value else None


def user_config_dir() -> Path:
    if (home := _home_override()) is not None:
        return home / "config"
    import platformdirs

    return Path(platformdirs.user_config_dir(APP, appauthor=False))


def user_data_dir() -> Path:
    if (home := _home_override()) is not None:
        return home / "data"
    import platformdirs

    return Path(platformdirs.user_data_dir(APP, appauthor=False))


def user_log_dir() -> Path:
    if (home := _home_override()) is not None:
        return home / "logs"
    import platformdirs

    return Path(platformdirs.user_log_dir(APP, appauthor=False))


def user_cache_dir() -> Path:
    if (home := _home_override()) is not None:
        return home / "cache"
    import platformdirs

    return Path(platformdirs.user_cache_dir(APP, appauthor=False))


def user_documents_dir() -> Path:
    """Where a bundle is saved for the customer to e-mail: their Documents folder (under SELFCHECK_HOME when set)."""
    if (home := _home_override()) is not None:
        return home / "documents"
    import platformdirs

    return Path(platformdirs.user_documents_dir())


def save_folder(config: Any) -> Path:
    """Where a bundle is saved for the customer to find (to e-mail it, or to hand it to support): the folder the
    company set (``support.save_folder``), else their Documents folder (under SELFCHECK_HOME when set).

    The one answer for the window's "Save" and for sending by saving (``support.kind = "save"``); the folder may not
    exist yet."""
    setting = str(config.get("support.save_folder") or "").strip() if config is not None else ""
    return Path(setting).expanduser() if setting else user_documents_dir()


def system_config_file() -> Path:
    """The machine-wide config an administrator deploys."""
    if (home := _home_override()) is not None:
        return home / "system" / "config.toml"
    if sys.platform.startswith("win"):
        return Path(os.environ.get("PROGRAMDATA", r"C:\ProgramData")) / APP / "config.toml"
    if sys.platform == "darwin":
        return Path("/Library/Application Support") / APP / "config.toml"
    return Path("/etc") / APP / "config.toml"


def user_config_file() -> Path:
    return user_config_dir() / "config.toml"


# -- owner-only files --------------------------------------------------------------------
#
# History, recordings, the outbox, logs, bundles and pseudonym mappings hold raw facts and what
# the customer wrote: readable by their owner only. On Linux and macOS: folders 0700, files 0600
# (a umask of 077 for everything the program creates; for library use, whatever the umask, files
# written with write_private or private_temporary, owner-only from their creation, and an explicit
# chmod where another library makes the file). On Windows the per-user profile folders (%APPDATA%,
# %LOCALAPPDATA%, Documents) grant access only to the user, SYSTEM and Administrators, and files
# created inside inherit that ACL: selfcheck relies on it and sets no ACL of its own.

PRIVATE_DIR_MODE = 0o700
PRIVATE_FILE_MODE = 0o600
_TIGHTEN_LIMIT = 5000  # entries looked at when tightening folders left by an older version


def restrict_new_files() -> None:
    """Every file and folder this process creates from now on is its owner's only (POSIX umask)."""
    if os.name == "posix":
        os.umask(0o077)


def _own_roots() -> list[Path]:
    roots = [user_config_dir(), user_data_dir(), user_log_dir(), user_cache_dir()]
    if (home := _home_override()) is not None:
        roots.append(home)
    return roots


def private_dir(path: Path) -> Path:
    """Create ``path`` (and parents) if needed, readable by its owner only (with the parents it
    created inside selfcheck's own folders: never a folder of the user's like ``~/.local/share``)."""
    missing = [p for p in (path, *path.parents) if not p.exists()]
    path.mkdir(parents=True, exist_ok=True, mode=PRIVATE_DIR_MODE)
    if os.name == "posix":
        roots = _own_roots()
        for folder in [path, *missing]:
            if folder == path or any(folder == root or root in folder.parents for root in roots):
                try:
                    os.chmod(folder, PRIVATE_DIR_MODE)
                except OSError:
                    pass
    return path


def private_file(path: Path) -> Path:
    """Make an existing file readable by its owner only."""
    if os.name == "posix":
        try:
            os.chmod(path, PRIVATE_FILE_MODE)
        except OSError:
            pass
    return path


@contextlib.contextmanager
def private_temporary(folder: Path, name: str, suffix: str = ".tmp") -> Iterator[Path]:
    """A new file in ``folder`` (``<name>.<random><suffix>``) for this writer alone, readable by its owner only from its
    creation (mkstemp: mode 0600 whatever the umask, never a file or link already there): two writers of the same file
    at once (the same message queued twice, two sends recorded in ``sent.json``) never write into, or move away, each
    other's copy. Removed unless it was moved into place (a full disk): no half-written file stays."""
    fd, made = tempfile.mkstemp(prefix=name + ".", suffix=suffix, dir=folder)
    os.close(fd)
    tmp = Path(made)
    try:
        yield tmp
    finally:
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)


def write_private(path: Path, text: str) -> None:
    """Write ``path`` whole or not at all, readable by its owner only at every moment: written aside
    (:func:`private_temporary`) and renamed in, so a reader never sees half a file and a failed write keeps the
    previous one. Its folder must exist (:func:`private_dir`)."""
    with private_temporary(path.parent, path.name) as tmp:
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, path)


#: a file written aside (:func:`private_temporary`) that is older than this was left by a selfcheck stopped between
#: writing it and renaming it into place (killed, crashed, the computer switched off): nothing will ever rename it. One
#: that a second selfcheck is writing now is younger: its writer made it a moment ago and is filling it.
LEFTOVER_AGE = 86400.0
#: the names :func:`private_temporary` gives (``<name>.<mkstemp's 8 characters><suffix>``): .tmp (write_private), .part
#: (the outbox's bundle copy), .partial (bundles and their mappings, bundle.make). Also the fixed names older versions
#: wrote the scan cache and the processor cache through.
_ASIDE = r"\.[a-z0-9_]{8}\.(?:tmp|part|partial)"
_LEGACY_ASIDE = re.compile(r"\A(?:last-scan\.json\.partial|cpuinfo\.tmp)\Z")
#: in the computer's temporary folder, files and folders of one use made by mkstemp/mkdtemp with these prefixes (the task
#: definitions given to schtasks, the history copied to be read, the sound check's chime, the administrator repair's
#: answer, the certificate the network check reads, netprobe.decode_certificate): removed by their maker, unless it was
#: stopped meanwhile.
_TEMP_LEFTOVER = re.compile(r"\Aselfcheck-(?:task|outbox|history|sound|repair|cert)-[a-z0-9_]{8}(?:\.xml|\.wav|\.pem)?\Z")
_SWEEP_LIMIT = 5000  # entries looked at in selfcheck's own folders


def _aside_name(name: str | None) -> re.Pattern[str]:
    return re.compile(r"\A" + (re.escape(name) if name else ".+") + _ASIDE + r"\Z")


def _mine(info: os.stat_result) -> bool:
    return not hasattr(os, "getuid") or info.st_uid == os.getuid()


def is_left_behind(path: Path, now: float, folder: bool = False) -> bool:
    """Whether ``path`` is an old leftover of this user's to remove now; a young one is made owner-only instead."""
    try:
        info = os.lstat(path)
    except OSError:
        return False
    if not (stat.S_ISDIR(info.st_mode) if folder else stat.S_ISREG(info.st_mode)) or not _mine(info):
        return False  # a link, another kind of file, another user's
    if now - info.st_mtime > LEFTOVER_AGE:
        return True
    if os.name == "posix" and info.st_mode & 0o077:
        with contextlib.suppress(OSError):
            os.chmod(path, PRIVATE_DIR_MODE if folder else PRIVATE_FILE_MODE)
    return False


def remove_left_aside(folder: Path, name: str | None = None, now: float | None = None) -> list[Path]:
    """Remove the files written aside in ``folder`` (not below it) that a stopped selfcheck left behind: named as
    :func:`private_temporary` names them (for ``name`` only, else for any), older than :data:`LEFTOVER_AGE`. Younger ones
    (a second selfcheck writing one now) stay, made owner-only; every other file stays. Returns the files removed."""
    now = time.time() if now is None else now
    pattern = _aside_name(name)
    removed = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return []
    for entry in entries:
        if (pattern.match(entry.name) or (name is None and _LEGACY_ASIDE.match(entry.name))) and is_left_behind(Path(entry.path), now):
            with contextlib.suppress(OSError):
                os.unlink(entry.path)
                removed.append(Path(entry.path))
    return removed


def remove_leftovers(save_folder: Path | None = None, now: float | None = None) -> list[Path]:
    """Remove what a selfcheck stopped halfway left behind, older than :data:`LEFTOVER_AGE` (a crash or a kill between
    writing a file aside and renaming it; it holds raw facts, a bundle, what the customer wrote, and would fill the folder
    over months): files written aside in selfcheck's own folders, half-written bundles in ``save_folder`` (the customer's
    folder: only names selfcheck gives), selfcheck's files of one use in the temporary folder. Never a file of another
    program or user, never a link; never raises. Run when a scan starts (:func:`selfcheck.scan.run_scan`)."""
    now = time.time() if now is None else now
    removed: list[Path] = []
    seen = 0
    for root in (user_config_dir(), user_data_dir(), user_log_dir(), user_cache_dir()):
        if not root.is_dir() or root.is_symlink():
            continue
        for folder, dirs, files in os.walk(root):
            seen += 1 + len(dirs) + len(files)
            if seen > _SWEEP_LIMIT:
                break
            removed += remove_left_aside(Path(folder), now=now)
            dirs[:] = [d for d in dirs if not os.path.islink(os.path.join(folder, d))]
    if save_folder is not None:
        # bundle.make's names in the customer's folder: bundle.file_name's, with its reference (sending by saving, the window's
        # "Save", selfcheck bundle -o), and selfcheck-….zip, as older versions named them
        bundles = re.compile(r"\A\.(?:selfcheck-[^/\\]+|[\w-]+(?:-[0-9A-Z]{3}){3}-\d{4}-\d{2}-\d{2})\.zip" + _ASIDE + r"\Z")
        with contextlib.suppress(OSError):
            for entry in os.scandir(save_folder):
                if bundles.match(entry.name) and is_left_behind(Path(entry.path), now):
                    with contextlib.suppress(OSError):
                        os.unlink(entry.path)
                        removed.append(Path(entry.path))
    with contextlib.suppress(OSError):
        for entry in os.scandir(tempfile.gettempdir()):
            if not _TEMP_LEFTOVER.match(entry.name):
                continue
            path = Path(entry.path)
            if is_left_behind(path, now, folder=False):
                with contextlib.suppress(OSError):
                    path.unlink()
                    removed.append(path)
            elif is_left_behind(path, now, folder=True):
                shutil.rmtree(path, ignore_errors=True)
                removed.append(path)
    return removed


def tighten_own_folders() -> None:
    """Folders and files an older selfcheck left readable by others (mode 644/755) become owner-only."""
    if sys.platform == "win32":
        return
    seen = 0
    for folder in (user_config_dir(), user_data_dir(), user_log_dir(), user_cache_dir()):
        if not folder.is_dir() or folder.is_symlink():
            continue
        for root, dirs, files in os.walk(folder):
            for name, mode in [(root, PRIVATE_DIR_MODE)] + [(os.path.join(root, f), PRIVATE_FILE_MODE) for f in files]:
                seen += 1
                if seen > _TIGHTEN_LIMIT:
                    return
                try:
                    st = os.lstat(name)
                    if st.st_mode & 0o077 and not os.path.islink(name) and st.st_uid == os.getuid():
                        os.chmod(name, mode)
                except OSError:
                    continue
            dirs[:] = [d for d in dirs if not os.path.islink(os.path.join(root, d))]
