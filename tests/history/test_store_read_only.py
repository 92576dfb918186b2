"""A history on a read-only or full drive whose last scans are still in SQLite's write-ahead file (``-wal``): the
selfcheck that saved them stopped before moving them into the history file (a crash, a power cut, the drive remounted
read-only after errors). Tried on a real tmpfs remounted read-only (or filled): they were missing (3 scans of 7)."""

from __future__ import annotations

import contextlib
import os
import sqlite3
import subprocess
import sys
import tempfile

import pytest

from selfcheck.history.store import History

pytestmark = pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="mounting a volume needs root")

#: three scans moved into the history file, four more left in the -wal (the process ends without closing it)
WRITER = """
import os, sqlite3, sys, uuid
from datetime import datetime
from pathlib import Path
from selfcheck.history.store import History
path, older = Path(sys.argv[1]), sys.argv[2] == "older"
with History(path, machine=None) as history:
    for i in range(3):
        history.add({"scan_id": str(uuid.uuid4()), "started_at": f"2026-11-0{i + 1}T09:00:00+00:00", "diagnosis": {"headline": f"scan {i}"}})
db = sqlite3.connect(path)
if older:  # a history of a selfcheck from before the repairs were kept
    db.execute("DROP TABLE repairs")
    db.commit()
db.execute("PRAGMA journal_mode=WAL")
for i in range(3, 7):
    started = f"2026-11-0{i + 1}T09:00:00+00:00"
    db.execute("INSERT INTO scans(id, ts, started_at, status, exit_code, headline, results, metrics) VALUES (?,?,?,?,?,?,?,?)",
               (str(uuid.uuid4()), datetime.fromisoformat(started).timestamp(), started, "pass", 0, f"scan {i}", "{}", "{}"))
    db.commit()
os._exit(0)
"""


@pytest.fixture
def volume(tmp_path):
    folder = tmp_path / "home"
    folder.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(folder)], capture_output=True, check=False).returncode:
        pytest.skip("cannot mount a test volume here")
    yield folder
    subprocess.run(["umount", "-l", str(folder)], capture_output=True, check=False)


@pytest.mark.parametrize(
    "case",
    [
        "read-only, an older selfcheck's history",  # SQLite reads the -wal here; immutable did not
        "read-only, no shared-memory file",  # SQLite cannot read the -wal in place
        "full, no shared-memory file",  # no room to make it
    ],
)
def test_the_last_scans_still_in_the_write_ahead_file_are_read(volume, tmp_path, monkeypatch, case):
    path = volume / "history.sqlite3"
    subprocess.run([sys.executable, "-c", WRITER, str(path), "older" if "older" in case else "current"], check=True)
    assert path.with_name("history.sqlite3-wal").stat().st_size  # the last four scans are there only
    if "no shared-memory" in case:
        path.with_name("history.sqlite3-shm").unlink()
    if case.startswith("read-only"):
        subprocess.run(["mount", "-o", "remount,ro", str(volume)], check=True)
    else:
        with contextlib.suppress(OSError), open(volume / "filler", "wb", buffering=0) as out:
            while True:
                out.write(b"x" * 4096)
        assert not os.statvfs(volume).f_bavail
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    with History(path, machine=None) as history:
        assert [s.headline for s in history.scans()] == [f"scan {i}" for i in range(6, -1, -1)]
        with pytest.raises(sqlite3.OperationalError):  # nothing is saved, as on that drive: never kept in memory only
            history.add({"scan_id": "new", "started_at": "2026-11-09T09:00:00+00:00"})
    assert list(scratch.iterdir()) == []  # a copy made to read it is gone at once


def test_a_history_closed_cleanly_on_a_read_only_drive_is_read_as_before(volume):
    path = volume / "history.sqlite3"
    with History(path, machine=None) as history:
        for i in range(3):
            history.add({"scan_id": f"s{i}", "started_at": f"2026-11-0{i + 1}T09:00:00+00:00", "diagnosis": {"headline": f"scan {i}"}})
    assert sorted(p.name for p in volume.iterdir()) == ["history.sqlite3"]  # no -wal, no -shm
    subprocess.run(["mount", "-o", "remount,ro", str(volume)], check=True)
    with History(path, machine=None) as history:
        assert [s.headline for s in history.scans()] == ["scan 2", "scan 1", "scan 0"]
