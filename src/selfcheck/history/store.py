"""Scan history: every scan kept on this machine in SQLite, compactly.

One row per scan (time, status, headline, each result's id/status/summary, a
few metrics for trends) and, separately, the machine's *state* (DNS servers,
proxy, gateway, OS version, installed software, free space, startup items)
stored once per distinct content (deduplicated by hash, zlib-compressed), so
a year of daily scans stays far under 10 MB even with a full software list.

Nothing here is uploaded; a bundle the user sends carries a summary.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import tempfile
import time
import zlib
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from selfcheck import paths
from selfcheck.platforms import machineid

DB_NAME = "history.sqlite3"
SCHEMA = """
CREATE TABLE IF NOT EXISTS scans (
    id TEXT PRIMARY KEY,
    ts REAL NOT NULL,
    started_at TEXT NOT NULL,
    status TEXT NOT NULL,
    exit_code INTEGER NOT NULL,
    headline TEXT NOT NULL,
    symptom TEXT,
    version TEXT,
    results TEXT NOT NULL,
    metrics TEXT NOT NULL,
    state_hash TEXT,
    headlines TEXT,
    machine TEXT
);
CREATE INDEX IF NOT EXISTS scans_ts ON scans(ts);
CREATE TABLE IF NOT EXISTS states (
    hash TEXT PRIMARY KEY,
    data BLOB NOT NULL
);
CREATE TABLE IF NOT EXISTS repairs (
    ts REAL NOT NULL,
    repair TEXT NOT NULL,
    outcome TEXT NOT NULL,
    data TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS repairs_ts ON repairs(ts);
"""


@dataclass
class ScanRecord:
    """One scan as the history keeps it."""

    id: str
    ts: float
    started_at: str
    status: str
    exit_code: int
    headline: str
    symptom: str | None
    version: str
    results: dict[str, tuple[str, str]]  # check id -> (status, summary)
    metrics: dict[str, Any] = field(default_factory=dict)
    state_hash: str | None = None
    #: the headline in each language selfcheck speaks (``headline`` is in the scan's own language)
    headlines: dict[str, str] = field(default_factory=dict)

    @property
    def when(self) -> datetime:
        return datetime.fromtimestamp(self.ts, UTC)

    def headline_in(self, lang: str) -> str:
        """The headline in the reader's language; the scan's own words for a scan saved without them."""
        return self.headlines.get(lang) or self.headline

    def status_of(self, check_id: str) -> str | None:
        found = self.results.get(check_id)
        return found[0] if found else None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "started_at": self.started_at,
            "status": self.status,
            "exit_code": self.exit_code,
            "headline": self.headline,
            "headlines": dict(self.headlines),
            "symptom": self.symptom,
            "version": self.version,
            "results": {k: {"status": s, "summary": m} for k, (s, m) in self.results.items()},
            "metrics": self.metrics,
        }


def _ts(iso: str) -> float:
    try:
        return datetime.fromisoformat(iso).timestamp()
    except ValueError:
        return time.time()


def _connect(uri: str) -> sqlite3.Connection:
    return sqlite3.connect(uri, uri=True, timeout=5, check_same_thread=False)


class _ThisComputer:
    """The default of :class:`History`'s ``machine``: the computer this runs on."""


_THIS_COMPUTER = _ThisComputer()


#: what SQLite says when it may read the file but not write beside it (not "database is locked", which waits)
_CANNOT_WRITE = ("SQLITE_IOERR", "SQLITE_FULL", "SQLITE_READONLY", "SQLITE_CANTOPEN")


class History:
    """The history database. Safe to open from several processes (SQLite WAL)."""

    def __init__(self, path: Path | None = None, machine: str | None | _ThisComputer = _THIS_COMPUTER) -> None:
        self.path = path or paths.user_data_dir() / DB_NAME
        #: this computer's key (:func:`selfcheck.platforms.machineid.machine_key`): scans are saved with it and only scans
        #: with it, or with none (saved by an older selfcheck), are read: a history copied from another computer (a
        #: restored backup, a copied home folder) is not told about this one. None: every scan is read (no id found).
        self.machine = machineid.machine_key() if isinstance(machine, _ThisComputer) else machine
        paths.private_dir(self.path.parent)
        self._db: sqlite3.Connection  # set by _open (absent while sqlite3.connect itself fails)
        try:
            self._open()
        except sqlite3.OperationalError as exc:  # locked, disk full, read-only home...: the file itself may be fine
            if not str(getattr(exc, "sqlite_errorname", "")).startswith(_CANNOT_WRITE) or not self._open_read_only():
                raise
        except sqlite3.DatabaseError:
            # not a database, or damaged (cut short, a page overwritten): no scan could ever be saved or read
            # again; it is set aside (one copy, replaced the next time) and a new history begins
            self._set_aside()
            self._open()

    def _open_read_only(self) -> bool:
        """A full disk (no room for SQLite's shared-memory file) or a read-only home: the scans kept are still read
        ("It was still fine on Tuesday", the free-space trend, the bundle's history); saving fails as before.

        The last scans may be only in the ``-wal`` file still (the last selfcheck stopped before moving them into the
        history file: a crash, a power cut, the drive remounted read-only): read with it (``mode=ro``) where SQLite can,
        else from a copy of both in a private temporary folder (no shared-memory file beside them, and no room or no
        right to make one); as the file alone (``immutable``, which ignores the ``-wal``) only when neither opens."""
        if hasattr(self, "_db"):
            self._db.close()
        if not self.path.is_file() or not self.path.stat().st_size:
            return False
        uri = self.path.absolute().as_uri()
        for opener in (lambda: _connect(uri + "?mode=ro"), self._copy_with_wal, lambda: _connect(uri + "?immutable=1")):
            try:
                db = opener()
            except (OSError, sqlite3.Error):
                continue
            try:
                found = db.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'scans'").fetchone() is not None
            except sqlite3.Error:
                found = False
            if found:
                self._db = db
                self._machine_column = "machine" in {row[1] for row in db.execute("PRAGMA table_info(scans)")}
                return True
            db.close()
        return False

    def _copy_with_wal(self) -> sqlite3.Connection:
        """The history and its ``-wal``, copied to a private temporary folder (removed at once) and read from there into
        memory, kept from any change: saving fails, as on the drive it came from. OSError when there is no ``-wal``."""
        wal = self.path.with_name(self.path.name + "-wal")
        if not wal.stat().st_size:
            raise FileNotFoundError(wal)
        memory = _connect(":memory:")
        with tempfile.TemporaryDirectory(prefix="selfcheck-history-") as folder:  # 0700: raw facts
            copy = Path(folder) / self.path.name
            shutil.copyfile(self.path, copy)
            shutil.copyfile(wal, copy.with_name(copy.name + "-wal"))
            source = sqlite3.connect(copy)
            try:
                source.backup(memory)
            finally:
                source.close()
        memory.execute("PRAGMA query_only = ON")
        return memory

    def _set_aside(self) -> None:
        if hasattr(self, "_db"):
            self._db.close()
        aside = self.path.with_name(self.path.name + ".damaged")
        try:
            os.replace(self.path, aside)
        except FileNotFoundError:  # another selfcheck set it aside first
            pass
        paths.private_file(aside)
        for suffix in ("-wal", "-shm", "-journal"):
            self.path.with_name(self.path.name + suffix).unlink(missing_ok=True)

    #: False for an older history opened read-only (no column could be added): every scan is then read
    _machine_column = True

    def _open(self) -> None:
        self._db = sqlite3.connect(str(self.path), timeout=5, check_same_thread=False)
        paths.private_file(self.path)  # raw facts: readable by their owner only
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.executescript(SCHEMA)
        columns = {row[1] for row in self._db.execute("PRAGMA table_info(scans)")}
        for column in ("headlines", "machine"):  # a history saved by an older selfcheck
            if column not in columns:
                try:
                    self._db.execute(f"ALTER TABLE scans ADD COLUMN {column} TEXT")
                except sqlite3.OperationalError:  # another process added it meanwhile
                    pass
        # a damaged page further in the file is found only when read (about 10 ms for the 10 MB cap)
        if self._db.execute("PRAGMA quick_check(1)").fetchone()[0] != "ok":
            raise sqlite3.DatabaseError("history damaged")

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> History:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def _tx(self) -> Iterator[sqlite3.Connection]:
        with self._db:
            yield self._db

    # --- writing -----------------------------------------------------------------------------

    def add(
        self,
        scan_dict: Mapping[str, Any],
        state: Mapping[str, Any] | None = None,
        metrics: Mapping[str, Any] | None = None,
        headlines: Mapping[str, str] | None = None,
    ) -> str:
        """Record a scan (``Scan.to_dict()``) with the machine's state and metrics, and its headline per language."""
        results = {r["id"]: (r["status"], r.get("summary", "")) for r in scan_dict.get("results", [])}
        digest = None
        with self._tx() as db:
            if state is not None:
                # each part (software list, DNS servers, free space...) is stored once per distinct value,
                # so a daily change in free space does not copy the whole software list again
                index = {}
                for key, value in state.items():
                    index[key] = self._put(db, value)
                digest = self._put(db, {"__parts__": index})
            db.execute(
                "INSERT OR REPLACE INTO scans(id, ts, started_at, status, exit_code, headline, symptom, version, results, metrics, state_hash, headlines, machine)"
                " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (
                    scan_dict["scan_id"],
                    _ts(str(scan_dict["started_at"])),
                    scan_dict["started_at"],
                    scan_dict.get("status", "pass"),
                    int(scan_dict.get("exit_code", 0)),
                    (scan_dict.get("diagnosis") or {}).get("headline", ""),
                    scan_dict.get("symptom"),
                    scan_dict.get("selfcheck_version", ""),
                    json.dumps(results, separators=(",", ":"), ensure_ascii=False),
                    json.dumps(dict(metrics or {}), separators=(",", ":")),
                    digest,
                    json.dumps(dict(headlines), ensure_ascii=False) if headlines else None,
                    self.machine,
                ),
            )
        return str(scan_dict["scan_id"])

    @staticmethod
    def _put(db: sqlite3.Connection, value: Any) -> str:
        raw = json.dumps(value, sort_keys=True, separators=(",", ":")).encode()
        digest = hashlib.sha256(raw).hexdigest()[:32]
        db.execute("INSERT OR IGNORE INTO states(hash, data) VALUES (?, ?)", (digest, zlib.compress(raw, 6)))
        return digest

    def _get(self, digest: str) -> Any:
        row = self._db.execute("SELECT data FROM states WHERE hash = ?", (digest,)).fetchone()
        return json.loads(zlib.decompress(row[0])) if row else None

    def prune(self, max_age_days: float, max_bytes: int, now: float | None = None) -> int:
        """Drop scans older than ``max_age_days``, then the oldest until the data fits ``max_bytes``."""
        now = now or time.time()
        cutoff = now - max_age_days * 86400
        removed = 0
        with self._tx() as db:
            # the clock set years ahead (a wrong date typed in) or the computer not checked for longer than the limit:
            # every earlier scan would go in one sitting, and with the clock right again "It was still fine on Tuesday"
            # would have nothing to go on. The age limit applies only while the newest scan older than a day is within
            # it (a clock wrong for more than a day still empties the history); the size limit always holds.
            (earlier,) = db.execute("SELECT MAX(ts) FROM scans WHERE ts < ?", (now - 86400,)).fetchone()
            if earlier is None or earlier >= cutoff:
                db.execute("DELETE FROM repairs WHERE ts < ?", (cutoff,))
                removed += db.execute("DELETE FROM scans WHERE ts < ?", (cutoff,)).rowcount
            while self._data_bytes(db) > max_bytes:
                oldest = db.execute("SELECT id FROM scans ORDER BY ts LIMIT 50").fetchall()
                if len(oldest) <= 1:
                    break
                db.executemany("DELETE FROM scans WHERE id = ?", oldest[: max(1, len(oldest) // 2)])
                removed += max(1, len(oldest) // 2)
                self._drop_unused_states(db)
            self._drop_unused_states(db)
        if removed:
            self._db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            self._db.execute("VACUUM")
        return removed

    def _drop_unused_states(self, db: sqlite3.Connection) -> None:
        used: set[str] = set()
        for (digest,) in db.execute("SELECT DISTINCT state_hash FROM scans WHERE state_hash IS NOT NULL"):
            used.add(digest)
            index = self._get(digest)
            if isinstance(index, dict):
                used.update(index.get("__parts__", {}).values())
        stored = [h for (h,) in db.execute("SELECT hash FROM states")]
        db.executemany("DELETE FROM states WHERE hash = ?", [(h,) for h in stored if h not in used])

    @staticmethod
    def _data_bytes(db: sqlite3.Connection) -> int:
        row = db.execute(
            "SELECT COALESCE(SUM(LENGTH(results) + LENGTH(metrics) + LENGTH(headline) + COALESCE(LENGTH(headlines), 0) + 120), 0) FROM scans"
        ).fetchone()
        states = db.execute("SELECT COALESCE(SUM(LENGTH(data) + 40), 0) FROM states").fetchone()
        return int(row[0]) + int(states[0])

    def size_bytes(self) -> int:
        return self._data_bytes(self._db)

    # --- reading -----------------------------------------------------------------------------

    def _mine(self) -> tuple[str, list[Any]]:
        """The SQL condition (and its argument) for the scans of this computer, and those saved without a key."""
        if self.machine is None or not self._machine_column:
            return "1", []
        return "(machine IS NULL OR machine = ?)", [self.machine]

    @staticmethod
    def _record(row: tuple[Any, ...]) -> ScanRecord:
        results = {k: (v[0], v[1]) for k, v in json.loads(row[8]).items()}
        try:
            headlines = json.loads(row[11]) if row[11] else {}
        except ValueError:
            headlines = {}
        if not isinstance(headlines, dict):
            headlines = {}
        headlines = {str(k): str(v) for k, v in headlines.items()}
        return ScanRecord(row[0], row[1], row[2], row[3], row[4], row[5], row[6], row[7] or "", results, json.loads(row[9]), row[10], headlines)

    _COLUMNS = "id, ts, started_at, status, exit_code, headline, symptom, version, results, metrics, state_hash, headlines"

    def scans(self, limit: int | None = None, since: float | None = None) -> list[ScanRecord]:
        """Scans, newest first."""
        mine, args = self._mine()
        sql = f"SELECT {self._COLUMNS} FROM scans WHERE {mine}"
        if since is not None:
            sql += " AND ts >= ?"
            args.append(since)
        sql += " ORDER BY ts DESC"
        if limit is not None:
            sql += " LIMIT ?"
            args.append(limit)
        return [self._record(r) for r in self._db.execute(sql, args)]

    def get(self, ref: str) -> ScanRecord | None:
        """A scan by id, id prefix, ``latest`` or ``previous``."""
        if ref in ("latest", "previous"):
            found = self.scans(limit=2)
            index = 0 if ref == "latest" else 1
            return found[index] if len(found) > index else None
        mine, args = self._mine()
        rows = self._db.execute(f"SELECT {self._COLUMNS} FROM scans WHERE id LIKE ? AND {mine} ORDER BY ts DESC LIMIT 2", [ref + "%", *args]).fetchall()
        return self._record(rows[0]) if len(rows) == 1 else None

    def state(self, record: ScanRecord) -> dict[str, Any] | None:
        if not record.state_hash:
            return None
        index = self._get(record.state_hash)
        if not isinstance(index, dict) or "__parts__" not in index:
            return None
        return {key: self._get(digest) for key, digest in index["__parts__"].items()}

    def last_good(self, check_id: str, before: float) -> ScanRecord | None:
        """The newest scan before ``before`` in which ``check_id`` passed (or was only informative)."""
        pattern = f'%"{check_id}":["%'
        mine, args = self._mine()
        for row in self._db.execute(f"SELECT {self._COLUMNS} FROM scans WHERE ts < ? AND results LIKE ? AND {mine} ORDER BY ts DESC", [before, pattern, *args]):
            record = self._record(row)
            if record.status_of(check_id) in ("pass", "info"):
                return record
        return None

    def first_bad_after(self, check_id: str, after: float, status: str | None = None) -> ScanRecord | None:
        """The oldest scan after ``after`` where ``check_id`` had a problem."""
        pattern = f'%"{check_id}":["%'
        mine, args = self._mine()
        for row in self._db.execute(f"SELECT {self._COLUMNS} FROM scans WHERE ts > ? AND results LIKE ? AND {mine} ORDER BY ts", [after, pattern, *args]):
            record = self._record(row)
            if record.status_of(check_id) in ("warn", "fail"):
                return record
        return None

    def metric_series(self, key: str, since: float | None = None) -> list[tuple[float, float]]:
        """(timestamp, value) of one metric, oldest first, e.g. ``disk_free:/``."""
        mine, args = self._mine()
        sql = f"SELECT ts, json_extract(metrics, ?) FROM scans WHERE {mine}"
        args.insert(0, '$."' + key.replace('"', "") + '"')
        if since is not None:
            sql += " AND ts >= ?"
            args.append(since)
        sql += " ORDER BY ts"
        return [(float(ts), float(v)) for ts, v in self._db.execute(sql, args) if v is not None]

    def volume_series(self, mountpoint: str, since: float | None = None) -> list[tuple[float, float, float | None, float | None]]:
        """(timestamp, free bytes, total bytes, volume id) of what was mounted at ``mountpoint``, oldest first; total and
        id are None for scans saved by an older selfcheck, the id also where the file system had no UUID."""
        mp = mountpoint.replace('"', "")
        mine, args = self._mine()
        sql = f"SELECT ts, json_extract(metrics, ?), json_extract(metrics, ?), json_extract(metrics, ?) FROM scans WHERE {mine}"
        args[:0] = [f'$."disk_free:{mp}"', f'$."disk_total:{mp}"', f'$."disk_volume:{mp}"']
        if since is not None:
            sql += " AND ts >= ?"
            args.append(since)
        sql += " ORDER BY ts"
        return [
            (float(ts), float(free), None if total is None else float(total), None if volume is None else float(volume))
            for ts, free, total, volume in self._db.execute(sql, args)
            if free is not None
        ]

    def add_repair(self, record: Mapping[str, Any]) -> None:
        """Keep one repair tried (``RepairReport.to_dict()``): support sees what the customer already did."""
        with self._tx() as db:
            db.execute(
                "INSERT INTO repairs(ts, repair, outcome, data) VALUES (?,?,?,?)",
                (_ts(str(record.get("started_at") or "")), str(record["repair"]), str(record["outcome"]), json.dumps(dict(record), ensure_ascii=False)),
            )

    def repairs(self, since: float | None = None, limit: int = 50) -> list[dict[str, Any]]:
        """Repairs tried, newest first."""
        rows = self._db.execute("SELECT data FROM repairs WHERE ts >= ? ORDER BY ts DESC, rowid DESC LIMIT ?", (since or 0.0, limit)).fetchall()
        return [json.loads(r[0]) for r in rows]

    def count(self) -> int:
        mine, args = self._mine()
        return int(self._db.execute(f"SELECT COUNT(*) FROM scans WHERE {mine}", args).fetchone()[0])
