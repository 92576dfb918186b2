"""Files a relay stopped mid-work left half-written, and the names that let the relay tell them apart.

A relay killed between creating a file and removing or renaming it (a deploy, the OOM killer, a machine restart)
leaves it for ever, each holding a customer's bundle: an upload's spool file, a bundle fetched into the spool for a
ticket attempt, a bundle's copy on its way into the local storage folder. :func:`sweep` removes them when the relay
starts and every :data:`SWEEP_SECONDS`, once they are a day old (``selfcheck.paths.LEFTOVER_AGE``): an upload being
received is written to at least every ``limits.idle_seconds``, and a ticket attempt or a copy into storage takes
minutes, so a file that young may be another instance's at work (several may share one state or storage folder).
:mod:`selfcheck_intake.retention` runs it, with the storage's own sweep (unfinished S3 uploads, bundles past their time).
Only the names made here, only regular files of the relay's own user, never a link, never another program's file.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import tempfile
import time
from pathlib import Path
from typing import Literal

from selfcheck import paths
from selfcheck_intake.settings import Settings
from selfcheck_intake.validate import BUNDLE_ID

log = logging.getLogger("selfcheck_intake.leftovers")

#: how often a running relay sweeps again, in seconds
SWEEP_SECONDS = 3600.0

#: ``upload-<mkstemp's 8 characters>.zip`` and ``ticket-<8>.zip`` in ``<state>/spool`` (:func:`spool_file`)
_SPOOL = re.compile(r"\A(?:upload|ticket)-[a-z0-9_]{8}\.zip\Z")
#: ``<object name>.<8>.part`` in the local storage folder (:func:`part_file`); the object name is
#: ``<bundle id>[.<16 hex>].zip`` (``storage.object_name``)
_PART = re.compile(rf"\A{BUNDLE_ID}(?:\.[0-9a-f]{{16}})?\.zip\.[a-z0-9_]{{8}}\.part\Z")
#: older relays' fixed name, ``<bundle id>[.<16 hex>].part``, for the UUIDs selfcheck sends as bundle ids
_OLD_PART = re.compile(r"\A[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(?:\.[0-9a-f]{16})?\.part\Z")


def _made(folder: Path, prefix: str, suffix: str) -> Path:
    fd, name = tempfile.mkstemp(prefix=prefix, suffix=suffix, dir=folder)  # owner-only, a name of its own
    os.close(fd)
    return Path(name)


def spool_file(folder: Path, kind: Literal["upload", "ticket"]) -> Path:
    """A new empty file in the spool for an upload being received or a bundle fetched for a ticket attempt."""
    return _made(folder, f"{kind}-", ".zip")


def part_file(folder: Path, key: str) -> Path:
    """A new empty file beside the storage object ``key``, to copy the bundle into before renaming it in: one per
    writer, so two instances storing the same bundle in a shared folder never write into each other's copy."""
    return _made(folder, f"{key}.", ".part")


def remove_leftovers(settings: Settings, now: float | None = None) -> list[Path]:
    """Remove the relay's own half-written files a day old or more from its spool and its local storage folder.
    Returns those removed; never raises."""
    now = time.time() if now is None else now
    folders: list[tuple[Path, tuple[re.Pattern[str], ...]]] = [(settings.spool_dir, (_SPOOL,))]
    if settings.storage.get("kind") == "local" and settings.storage.get("path"):
        folders.append((Path(settings.storage["path"]), (_PART, _OLD_PART)))
    removed: list[Path] = []
    for folder, patterns in folders:
        try:
            entries = list(os.scandir(folder))
        except OSError:
            continue
        for entry in entries:
            path = Path(entry.path)
            if any(pattern.match(entry.name) for pattern in patterns) and paths.is_left_behind(path, now):
                with contextlib.suppress(OSError):
                    path.unlink()
                    removed.append(path)
    return removed


def sweep(settings: Settings) -> None:
    """:func:`remove_leftovers`, said in the log when it removed something."""
    try:
        removed = remove_leftovers(settings)
    except Exception:  # a sweep must never stop the relay
        log.exception("cannot remove the files a stopped relay left half-written")
        return
    if removed:
        log.info("removed files a stopped relay left half-written", extra={"count": len(removed), "folders": sorted({str(p.parent) for p in removed})})
