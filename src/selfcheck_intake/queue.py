"""The relay's durable record of accepted bundles and their tickets.

A row is written once the bundle is safely in storage; from then on it is
retried until the helpdesk has a ticket for it, across restarts. The bundle
id is the primary key, so the same bundle can never become two rows, and a
row that has a ticket is never sent to the helpdesk again.

Two engines follow the same small interface (:class:`BundleQueue`): SQLite
(:class:`Queue`, the default, one relay on one machine) and PostgreSQL
(:mod:`selfcheck_intake.queue_pg`, several relay instances sharing one
database). :func:`selfcheck_intake.queues.open_queue` picks one from ``[state] database``.
"""

from __future__ import annotations

import contextlib
import logging
import random
import re
import sqlite3
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any, Protocol

log = logging.getLogger("selfcheck_intake.queue")

PENDING = "pending"  # waiting for (another) attempt at the ticket
WORKING = "working"  # a worker is creating the ticket
TICKETED = "ticketed"  # the helpdesk has it
HELD = "held"  # the helpdesk refused it (bad token, unknown group): retried at the longest interval, and at once after a restart

#: ``last_error`` of a ticketed row whose shared receipt (instances sharing a bucket, each with its own queue) may still
#: say pending: written with the ticket, cleared once the receipt says ticketed; the sweep writes the receipts still due
RECEIPT_DUE = "the shared receipt is not updated yet"

#: the ticketed rows :data:`FORGET` has something to clear in; placeholders: the ticketed status, :data:`RECEIPT_DUE`
UNCLEARED = """status={mark} AND (requester_email IS NOT NULL OR requester_name IS NOT NULL OR description<>'' OR headline<>''
        OR existing_ticket IS NOT NULL OR client<>'' OR last_error NOT IN ('', {mark}))"""

#: what the retention sweep clears in a ticketed row past ``storage.keep_days`` (:meth:`BundleQueue.forget`): the customer's
#: e-mail, name and words, the verdict's headline (it may name a device or a network), the ticket they named, their
#: address (``client``), the helpdesk's last error (it may quote the e-mail; :data:`RECEIPT_DUE` stays, nothing of the
#: customer's and still to do). What stays answers a resend of the same bundle as the first time: id, sha256 (the same
#: bundle or another under its id), reference code, ticket, storage key, dates. The same SQL for SQLite and PostgreSQL,
#: placeholders apart; ``{where}`` chooses the rows.
FORGET = (
    """UPDATE bundles SET requester_email=NULL, requester_name=NULL, description='', headline='', existing_ticket=NULL, client='',
    last_error=CASE WHEN last_error={mark} THEN last_error ELSE '' END
    WHERE """
    + UNCLEARED
    + " AND {where}"
)

_SCHEMA = """
CREATE TABLE IF NOT EXISTS bundles (
    bundle_id TEXT PRIMARY KEY,
    sha256 TEXT NOT NULL,
    size INTEGER NOT NULL,
    reference TEXT NOT NULL,
    storage_key TEXT NOT NULL,
    requester_email TEXT,
    requester_name TEXT,
    description TEXT NOT NULL DEFAULT '',
    headline TEXT NOT NULL DEFAULT '',
    existing_ticket TEXT,
    client TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_try REAL NOT NULL DEFAULT 0,
    last_error TEXT NOT NULL DEFAULT '',
    ticket_id TEXT,
    ticket_reference TEXT,
    ticket_url TEXT,
    attached INTEGER,
    created REAL NOT NULL,
    updated REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS bundles_due ON bundles(status, next_try);
CREATE TABLE IF NOT EXISTS requests (
    code_hash TEXT PRIMARY KEY,
    ticket TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    created REAL NOT NULL,
    expires REAL NOT NULL,
    used_by TEXT,
    used_at REAL
);
"""

#: what use_request answers
REQUEST_OK, REQUEST_UNKNOWN, REQUEST_USED, REQUEST_EXPIRED = "ok", "unknown", "used", "expired"


def request_state(row: dict[str, Any] | None, bundle_id: str | None, now: float) -> str:
    """Whether a support request (a row of ``requests``) can take this bundle."""
    if row is None:
        return REQUEST_UNKNOWN
    if row["used_by"] is not None and row["used_by"] != bundle_id:
        return REQUEST_USED
    if row["used_by"] is None and row["expires"] <= now:
        return REQUEST_EXPIRED
    return REQUEST_OK


@dataclass
class Record:
    bundle_id: str
    sha256: str
    size: int
    reference: str
    storage_key: str
    requester_email: str | None
    requester_name: str | None
    description: str
    headline: str
    existing_ticket: str | None
    client: str
    status: str
    attempts: int
    next_try: float
    last_error: str
    ticket_id: str | None
    ticket_reference: str | None
    ticket_url: str | None
    attached: int | None
    created: float
    updated: float
    #: when the retention sweep deleted the stored bundle (epoch seconds), None while it is kept: the record that tells a
    #: bundle deleted from one the storage cannot give now (an agent link answers 410 or 503)
    deleted: float | None = None

    def shared(self) -> dict[str, Any]:
        """The receipt written to shared storage, so other relay instances answer for this bundle too."""
        return {"sha256": self.sha256, **self.public(f"/v1/bundles/{self.bundle_id}")}

    def public(self, status_url: str) -> dict[str, Any]:
        """What the client is told: never the storage key, the e-mail or errors' details."""
        ticket = None
        if self.status == TICKETED:
            ticket = {"id": self.ticket_id, "reference": self.ticket_reference, "attached": bool(self.attached)}
        return {
            "bundle_id": self.bundle_id,
            "reference": self.reference,
            "status": TICKETED if self.status == TICKETED else PENDING,
            "ticket": ticket,
            "status_url": status_url,
        }


COLUMNS = tuple(f.name for f in fields(Record))
#: a support request's row, read by name as the bundles' (never SELECT *)
REQUEST_COLUMNS = "code_hash, ticket, note, created, expires, used_by, used_at"


class QueueUnavailable(Exception):
    """The queue's database cannot be reached right now (the relay answers 503 and retries). ``said``: the log has said so
    already, with the file and what to do (the SQLite queue says it once, until the file can be used again): the caller
    adds no line of its own."""

    def __init__(self, message: str, *, said: bool = False) -> None:
        super().__init__(message)
        self.said = said


class BundleQueue(Protocol):
    """What the relay needs from its queue, whatever the engine."""

    wakeup: threading.Event
    #: True when several relay instances share this queue (PostgreSQL)
    shared: bool

    def close(self) -> None: ...

    def recover(self) -> int: ...

    def get(self, bundle_id: str, *, patient: bool = False) -> Record | None:
        """The bundle's row, or None. ``patient``: for the ticket workers and the retention sweep, whose uses of the queue
        wait for a lock as long as the rest of their work; what answers a person leaves it False, and answers within seconds."""
        ...

    def insert(self, **values: Any) -> tuple[Record, bool]: ...

    def claim_due(self, now: float | None = None) -> Record | None: ...

    def renew(self) -> None: ...

    def release(self) -> int: ...

    def mark_ticketed(self, bundle_id: str, ticket_id: str, reference: str, url: str | None, attached: bool, *, receipt_due: bool = False) -> None:
        """The helpdesk has the ticket; ``receipt_due``: the shared receipt is still to be updated (:data:`RECEIPT_DUE`)."""
        ...

    def receipt_written(self, bundle_id: str) -> None:
        """The shared receipt says ticketed now."""
        ...

    def receipts_due(self) -> list[str]:
        """The ticketed bundles whose shared receipt is not updated yet (a failed write, a relay stopped before it)."""
        ...

    def forget(self, before: float, keys: list[str]) -> int:
        """Clear the customer's data (:data:`FORGET`) from the ticketed rows made before ``before`` (epoch seconds) or
        stored under ``keys`` (the bundles the sweep just deleted), and the agent's note from the support requests used or
        expired before ``before``; returns how many bundles' rows it cleared."""
        ...

    def mark_deleted(self, deleted: list[tuple[str, str]], when: float | None) -> None:
        """Record that the sweep deletes these stored bundles at ``when`` (epoch seconds; an earlier record stays), or
        clear the record (None: the storage kept them): (bundle id, storage key) pairs, a pair whose row has another key
        (a bundle id the name only looked like) changes nothing."""
        ...

    def mark_failed(self, bundle_id: str, error: str, base: float, cap: float, *, hold: bool = False) -> float: ...

    def counts(self) -> dict[str, int]: ...

    def next_due(self) -> float | None: ...

    def ticketed_keys(self, bundle_ids: list[str]) -> set[str]:
        """The storage keys of those of these bundles whose ticket was made: the only bundles the retention sweep may
        delete. A bundle without a row (a database restored from an older backup, a file the relay did not store) or
        still waiting for its ticket is not among them."""
        ...

    def link_only_keys(self, since: float | None) -> set[str]:
        """The storage keys of the bundles whose ticket does not hold them (only the agent link) made since ``since``
        (epoch seconds; None: whenever): support's only copy, kept ``storage.keep_days_link_only``."""
        ...

    def health(self) -> bool: ...

    def add_request(self, code_hash: str, ticket: str, note: str, created: float, expires: float) -> None: ...

    def get_request(self, code_hash: str) -> dict[str, Any] | None: ...

    def use_request(self, code_hash: str, bundle_id: str) -> tuple[str, dict[str, Any] | None]: ...


def backoff(attempts: int, base: float, cap: float, hold: bool) -> float:
    """Seconds until the next attempt: exponential and jittered, the longest interval for held rows."""
    return cap if hold else min(cap, base * 2 ** min(attempts - 1, 20)) * random.uniform(0.75, 1.25)


#: how long a use of the SQLite queue that answers a person waits for another program's lock (a backup, an sqlite3 shell
#: left in a transaction) before the relay answers 503: the customer's request page, the desktop app's upload and look-ups,
#: an agent's link, /healthz. A page must answer within seconds (it waited 30, behind a ticket worker waiting as long); the
#: relay's own longest write, the sweep clearing 20,000 rows' customer data, takes 0.7 s, well within it
QUICK_BUSY_SECONDS = 3.0
#: how long the sweep's emptying of the write-ahead log waits for another program's reader (a backup) to finish: every
#: write, an upload's too, waits behind it meanwhile, so well below :data:`QUICK_BUSY_SECONDS`; a later sweep tries again
CHECKPOINT_WAIT_SECONDS = 1.0
#: the ticket workers, the retention sweep and the start: nobody waits on them, so they wait for a lock as long as SQLite's
#: usual 30 s before they try again
PATIENT_BUSY_SECONDS = 30.0


class Queue:
    """The SQLite queue: one relay instance, its file in the state folder.

    Two connections to the file: one for what answers a person (the HTTP paths: :meth:`get`, :meth:`insert`,
    :meth:`counts`, :meth:`health` and the support requests), which waits ``quick_seconds`` at most for another program's
    lock, and one for the ticket workers, the sweep and the start (and their look-ups, ``get(patient=True)``), which waits
    ``busy_seconds``. In WAL mode each reads while the other, or another program, writes: a page never waits behind a
    worker's patient wait. Each write takes the write lock first, so that a lock waited for past the busy timeout is said
    as the relay's own work when its other connection held it all that time."""

    shared = False

    def __init__(self, path: Path, busy_seconds: float = PATIENT_BUSY_SECONDS, quick_seconds: float = QUICK_BUSY_SECONDS, *, check: bool = True) -> None:
        """``check``: read every page of the file first (:func:`_check`), as the relay's start does; the admin's
        ``selfcheck-intake request`` leaves it to the relay (2.2 s read from the disk at 200,000 bundles)."""
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self.busy_seconds = busy_seconds
        self.quick_seconds = min(quick_seconds, busy_seconds)
        self._lock = threading.Lock()
        self._quick_lock = threading.Lock()
        #: what the log said the file cannot do now ("read" or "write"; "": nothing), once, until a use shows it can again
        self._down = ""
        self._state = threading.Lock()
        #: the sweep cleared customers' data the write-ahead log still holds (a reader kept it from being emptied)
        self._wal_due = False
        #: by connection (True: the quick one), whether the relay's own write holds the file's write lock now, and how many
        #: such writes have ended: a use that waited past its busy timeout then tells whose lock it waited for
        self._holding = {True: False, False: False}
        self._released = {True: 0, False: 0}
        opened: list[sqlite3.Connection] = []
        try:
            self._db = self._connect(busy_seconds, opened)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.executescript(_SCHEMA)
            self._quick = self._connect(self.quick_seconds, opened)
            columns = {row["name"] for row in self._db.execute("PRAGMA table_info(bundles)")}
            if check:
                _check(self._db, path)
        except sqlite3.Error as exc:  # damaged, unreadable, locked for the whole wait: the relay does not start, and says why
            for db in opened:
                db.close()
            raise QueueUnavailable(f"cannot read the queue database {path} ({exc}). {_what_to_do(exc, path)}") from exc
        #: why this queue cannot record the retention sweep's deletions ("": it can): its ``deleted`` column is missing
        self.cannot_record = ""
        if "deleted" not in columns:  # a queue made before it
            try:
                self._db.execute("ALTER TABLE bundles ADD COLUMN deleted REAL")
            except sqlite3.OperationalError as exc:
                if "duplicate column" not in str(exc):  # that one: another process added it first
                    self.cannot_record = str(exc)
                    if _locked(exc):  # the workers' next write adds it, once the other program lets go
                        todo = "Another program holds the file locked (a backup, an sqlite3 shell left open in a transaction): end it, and the relay adds the column by itself."
                    else:
                        todo = (
                            "Let the relay's user write this file and its folder (and check that the disk is neither full nor "
                            "read-only), then restart the relay."
                        )
                    log.error(
                        "the queue cannot record deleted bundles: adding its deleted column to %s failed (%s). Until it can, the retention sweep deletes no bundle. %s",
                        path,
                        exc,
                        todo,
                    )
                    self._down = "write"  # said: the uses that write fail quietly now, until the column is added
        self._read_columns()
        self.wakeup = threading.Event()

    def _read_columns(self) -> None:
        """By name, never SELECT *: a queue with columns this version does not know (a newer relay's, then this one
        downgraded) is read all the same, and one without the deleted column reads its rows as not deleted."""
        present = {row["name"] for row in self._db.execute("PRAGMA table_info(bundles)")}
        self._bundle = ", ".join(name for name in COLUMNS if name in present)

    def _connect(self, busy_seconds: float, opened: list[sqlite3.Connection]) -> sqlite3.Connection:
        """A connection to the file that waits ``busy_seconds`` for another's lock, its writes on the disk before they
        are answered, what it clears overwritten (what forget() clears is not left in free space)."""
        db = sqlite3.connect(str(self.path), check_same_thread=False, isolation_level=None, timeout=busy_seconds)
        opened.append(db)
        db.row_factory = sqlite3.Row
        db.execute("PRAGMA synchronous=FULL")
        db.execute("PRAGMA secure_delete=ON")
        return db

    def close(self) -> None:
        with self._lock, self._quick_lock:
            self._db.close()
            self._quick.close()

    def recover(self) -> int:
        """After a restart: every bundle without a ticket (waiting, mid-attempt, held for the admin) is tried again now."""
        with self._writing() as db:
            return db.execute("UPDATE bundles SET status=?, next_try=0 WHERE status IN (?, ?, ?)", (PENDING, PENDING, WORKING, HELD)).rowcount

    @contextlib.contextmanager
    def _using(self, kind: str, *, quick: bool = False) -> Iterator[sqlite3.Connection]:
        """Every use of the file, a ``read`` or a ``write``; ``quick`` for what answers a person (:data:`QUICK_BUSY_SECONDS`).
        A file that cannot be read or written (locked past the busy timeout by another program or by the relay's own long
        write, damaged or replaced, its permissions or its disk) raises :class:`QueueUnavailable`, answered 503 as PostgreSQL's (the workers and the sweep
        wait and try again), and the log says once which file, whether it cannot be read or written, and what to do."""
        lock, db = (self._quick_lock, self._quick) if quick else (self._lock, self._db)
        if not lock.acquire(timeout=self.quick_seconds if quick else -1):  # each use before it waits as long: busy
            raise QueueUnavailable("the queue database is busy", said=bool(self._down))
        try:
            with self._state:  # the relay's own write on the other connection, as this use begins
                before = (self._holding[not quick], self._released[not quick])
            try:
                yield db
            except sqlite3.Error as exc:
                raise self._failed(exc, kind, self._holder(quick, before), OWN_WORK[not quick]) from exc
            self._worked(kind, db, quick)
        finally:
            lock.release()

    @contextlib.contextmanager
    def _writing(self, *, quick: bool = False) -> Iterator[sqlite3.Connection]:
        """A write, in one transaction that takes the file's write lock first (BEGIN IMMEDIATE): while it holds it, a use
        of the other connection that waits past its busy timeout knows the relay's own work held the lock."""
        with self._using("write", quick=quick) as db:
            db.execute("BEGIN IMMEDIATE")
            with self._holds(quick):
                try:
                    yield db
                    db.execute("COMMIT")
                except BaseException:
                    _rollback(db)
                    raise

    @contextlib.contextmanager
    def _holds(self, quick: bool) -> Iterator[None]:
        """The relay's own write holds the file's write lock on this connection meanwhile."""
        with self._state:
            self._holding[quick] = True
        try:
            yield
        finally:
            with self._state:
                self._holding[quick] = False
                self._released[quick] += 1

    def _holder(self, quick: bool, before: tuple[bool, int]) -> str:
        """Who held the lock a use of this connection waited for, as far as the relay knows: its own write on the other
        connection, held from the use's start to its end (:data:`OWN`); none of its own all that time (:data:`OTHER`);
        or one for part of it (:data:`EITHER`)."""
        with self._state:
            now = (self._holding[not quick], self._released[not quick])
        if before[0] and now == before:
            return OWN
        if not before[0] and now == before:
            return OTHER
        return EITHER

    def _failed(self, exc: sqlite3.Error, kind: str, holder: str = "", work: str = "") -> QueueUnavailable:
        """The file cannot be used: said in the log once (which file, read or write, what to do) until it can again;
        ``work``: the relay's own writes ``holder`` may name (:data:`OWN_WORK`, those of the other connection)."""
        doing = "read" if kind == "read" else "write to"
        with self._state:
            first = not self._down
            if first:
                self._down = kind
        if first:
            answer = (
                "uploads, bundle status, support requests, agent links and /healthz answer 503"
                if kind == "read"
                else "uploads and new support requests answer 503"
            )
            log.error(
                "cannot %s the queue database %s (%s): %s, no ticket is made and the retention sweep deletes nothing, until it can. %s",
                doing,
                self.path,
                exc,
                answer,
                _what_to_do(exc, self.path, holder or OTHER, work or OWN_WORK[False]),
                extra={"error": str(exc)},
            )
        return QueueUnavailable(f"cannot {doing} the queue database ({exc})", said=True)

    def _worked(self, kind: str, db: sqlite3.Connection, quick: bool) -> None:
        """A use worked: a file that could not be read can be again; one that could not be written, only once a write
        works, and one without its deleted column (:attr:`cannot_record`) only once the column is there: the next write
        of the workers or the sweep adds it (the file takes writes again), and what answers a person adds no wait."""
        with self._state:
            was = self._down
            if not was or (was == "write" and kind != "write"):
                return
            missing = was == "write" and bool(self.cannot_record)
        if missing and (quick or not self._add_deleted(db)):
            return
        with self._state:
            if self._down != was:  # said by another use meanwhile
                return
            self._down = ""
        if was == "read":
            log.info("the queue database can be read again", extra={"path": str(self.path)})
        elif missing:
            log.info(
                "the queue database can be written to again: its deleted column is added, and the retention sweep deletes the bundles past their time again",
                extra={"path": str(self.path)},
            )
        else:
            log.info("the queue database can be written to again", extra={"path": str(self.path)})

    def _add_deleted(self, db: sqlite3.Connection) -> bool:
        """Add the deleted column the start could not add (its file locked, its disk full): True once it is there."""
        try:
            db.execute("ALTER TABLE bundles ADD COLUMN deleted REAL")
        except sqlite3.Error as exc:
            if "duplicate column" not in str(exc):  # that one: added meanwhile (by the admin, with sqlite3)
                return False
        self.cannot_record = ""
        self._read_columns()
        return True

    def get(self, bundle_id: str, *, patient: bool = False) -> Record | None:
        with self._using("read", quick=not patient) as db:
            row = db.execute(f"SELECT {self._bundle} FROM bundles WHERE bundle_id=?", (bundle_id,)).fetchone()
        return Record(**dict(row)) if row else None

    def insert(self, **values: Any) -> tuple[Record, bool]:
        """Add an accepted bundle; returns (record, created). An existing row is returned untouched."""
        now = time.time()
        values = {"status": PENDING, "next_try": 0.0, "created": now, "updated": now, **values}
        columns = ", ".join(values)
        marks = ", ".join("?" for _ in values)
        with self._writing(quick=True) as db:  # read-only, locked, damaged: 503, the client keeps the bundle and retries
            cur = db.execute(f"INSERT OR IGNORE INTO bundles ({columns}) VALUES ({marks})", tuple(values.values()))
            created = cur.rowcount == 1
            row = db.execute(f"SELECT {self._bundle} FROM bundles WHERE bundle_id=?", (values["bundle_id"],)).fetchone()
        self.wakeup.set()
        return Record(**dict(row)), created

    def claim_due(self, now: float | None = None) -> Record | None:
        """Take the next bundle whose ticket is due, marking it as being worked on."""
        now = time.time() if now is None else now
        with self._writing() as db:
            row = db.execute(
                f"SELECT {self._bundle} FROM bundles WHERE status IN (?, ?) AND next_try<=? ORDER BY next_try, created LIMIT 1", (PENDING, HELD, now)
            ).fetchone()
            if row is not None:
                db.execute("UPDATE bundles SET status=?, updated=? WHERE bundle_id=?", (WORKING, now, row["bundle_id"]))
        if row is None:
            return None
        record = Record(**dict(row))
        record.status = WORKING
        return record

    def mark_ticketed(self, bundle_id: str, ticket_id: str, reference: str, url: str | None, attached: bool, *, receipt_due: bool = False) -> None:
        with self._writing() as db:
            db.execute(
                "UPDATE bundles SET status=?, ticket_id=?, ticket_reference=?, ticket_url=?, attached=?, last_error=?, updated=? WHERE bundle_id=?",
                (TICKETED, ticket_id, reference, url, int(attached), RECEIPT_DUE if receipt_due else "", time.time(), bundle_id),
            )

    def receipt_written(self, bundle_id: str) -> None:
        with self._writing() as db:
            db.execute("UPDATE bundles SET last_error='' WHERE bundle_id=? AND status=? AND last_error=?", (bundle_id, TICKETED, RECEIPT_DUE))

    def receipts_due(self) -> list[str]:
        with self._using("read") as db:
            rows = db.execute("SELECT bundle_id FROM bundles WHERE status=? AND last_error=?", (TICKETED, RECEIPT_DUE)).fetchall()
        return [row["bundle_id"] for row in rows]

    def forget(self, before: float, keys: list[str]) -> int:
        deleted = set(keys)
        with self._writing() as db:
            # the rows still to clear read once, then cleared by their primary key: storage_key has no index, and matching
            # the keys in SQL read every ticketed row again for each 500 keys: 200,000 rows and 60,000 keys held the write
            # lock 6-7 s, uploads answered 503 meanwhile (now 0.5 s, benchmarks/relay_forget.py)
            rows = db.execute(f"SELECT bundle_id, storage_key, created FROM bundles WHERE {UNCLEARED.format(mark='?')}", (TICKETED, RECEIPT_DUE))
            due = [(RECEIPT_DUE, TICKETED, RECEIPT_DUE, row[0]) for row in rows if row[2] < before or row[1] in deleted]
            count = db.executemany(FORGET.format(mark="?", where="bundle_id=?"), due).rowcount if due else 0
            notes = db.execute("UPDATE requests SET note='' WHERE note<>'' AND (used_at<? OR expires<?)", (before, before)).rowcount
        # the write-ahead log still holds the rows as they were: copied into the file, then emptied, at this sweep or,
        # while another program reads the file (a backup), at a later one
        self._wal_due = self._wal_due or bool(count or notes)
        if self._wal_due:
            with self._using("write") as db, self._holds(False):  # the checkpoint holds the write lock while it waits
                self._wal_due = not self._empty_wal(db)
        return count

    def _empty_wal(self, db: sqlite3.Connection) -> bool:
        """Copy the write-ahead log into the file and empty it; False when a reader of the file (a backup, an sqlite3
        shell) still needs it. The checkpoint holds every write back while it waits for readers: it waits
        :data:`CHECKPOINT_WAIT_SECONDS`, well below what an upload waits (:data:`QUICK_BUSY_SECONDS`), never the
        connection's 30 s, after which an upload answered 503 and the log blamed another program's lock."""
        db.execute(f"PRAGMA busy_timeout={int(CHECKPOINT_WAIT_SECONDS * 1000)}")
        try:
            row = db.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        finally:
            db.execute(f"PRAGMA busy_timeout={int(self.busy_seconds * 1000)}")
        return row is not None and row[0] == 0

    def mark_deleted(self, deleted: list[tuple[str, str]], when: float | None) -> None:
        if self.cannot_record:  # the sweep deletes nothing, and says why
            later = (
                "the relay adds its column by itself once the lock is gone"
                if "locked" in self.cannot_record
                else "restart the relay once its user can write it"
            )
            raise QueueUnavailable(f"the queue cannot record deleted bundles ({self.cannot_record}); {later}")
        with self._writing() as db:  # by the primary key, in one transaction (one by one, each waited for the disk: 20000 took 3.6 s)
            if when is None:
                db.executemany("UPDATE bundles SET deleted=NULL WHERE bundle_id=? AND storage_key=?", deleted)
            else:
                db.executemany("UPDATE bundles SET deleted=? WHERE bundle_id=? AND storage_key=? AND deleted IS NULL", [(when, *pair) for pair in deleted])

    def mark_failed(self, bundle_id: str, error: str, base: float, cap: float, *, hold: bool = False) -> float:
        """Record a failed attempt; the next one is due after an exponential, jittered delay."""
        with self._writing() as db:
            row = db.execute("SELECT attempts FROM bundles WHERE bundle_id=?", (bundle_id,)).fetchone()
            attempts = (row["attempts"] if row else 0) + 1
            next_try = time.time() + backoff(attempts, base, cap, hold)
            db.execute(
                "UPDATE bundles SET status=?, attempts=?, next_try=?, last_error=?, updated=? WHERE bundle_id=?",
                (HELD if hold else PENDING, attempts, next_try, error[:1000], time.time(), bundle_id),
            )
        return next_try

    def counts(self) -> dict[str, int]:
        with self._using("read", quick=True) as db:
            rows = db.execute("SELECT status, COUNT(*) AS n FROM bundles GROUP BY status").fetchall()
        return {row["status"]: row["n"] for row in rows}

    def next_due(self) -> float | None:
        with self._using("read") as db:
            row = db.execute("SELECT MIN(next_try) AS t FROM bundles WHERE status IN (?, ?)", (PENDING, HELD)).fetchone()
        return row["t"] if row and row["t"] is not None else None

    def ticketed_keys(self, bundle_ids: list[str]) -> set[str]:
        keys: set[str] = set()
        for start in range(0, len(bundle_ids), 500):  # by the primary key, within SQLite's limit of parameters
            chunk = bundle_ids[start : start + 500]
            marks = ", ".join("?" for _ in chunk)
            with self._using("read") as db:
                rows = db.execute(f"SELECT storage_key, status FROM bundles WHERE bundle_id IN ({marks})", chunk).fetchall()
            keys.update(row["storage_key"] for row in rows if row["status"] == TICKETED)  # status in SQL picks the status index
        return keys

    def link_only_keys(self, since: float | None) -> set[str]:
        with self._using("read") as db:
            rows = db.execute(
                "SELECT storage_key FROM bundles WHERE status=? AND attached=0 AND updated>=?", (TICKETED, -1e300 if since is None else since)
            ).fetchall()
        return {row["storage_key"] for row in rows}

    def renew(self) -> None:
        return None  # one instance: nobody else could take its rows over

    def release(self) -> int:
        """At shutdown: rows this instance was working on become due again (the next start retries them)."""
        with self._writing() as db:
            return db.execute("UPDATE bundles SET status=?, next_try=0 WHERE status=?", (PENDING, WORKING)).rowcount

    def health(self) -> bool:
        """Whether the relay can read its tables (``SELECT 1`` reads no table: a damaged file answered it)."""
        try:
            with self._using("read", quick=True) as db:
                db.execute("SELECT 1 FROM bundles LIMIT 1").fetchall()
                db.execute("SELECT 1 FROM requests LIMIT 1").fetchall()
            return True
        except QueueUnavailable:
            return False

    # support requests (selfcheck_intake.support_requests) ----------------------------------------

    def add_request(self, code_hash: str, ticket: str, note: str, created: float, expires: float) -> None:
        with self._writing(quick=True) as db:
            db.execute("INSERT INTO requests (code_hash, ticket, note, created, expires) VALUES (?, ?, ?, ?, ?)", (code_hash, ticket, note, created, expires))

    def get_request(self, code_hash: str) -> dict[str, Any] | None:
        with self._using("read", quick=True) as db:
            row = db.execute(f"SELECT {REQUEST_COLUMNS} FROM requests WHERE code_hash=?", (code_hash,)).fetchone()
        return dict(row) if row else None

    def use_request(self, code_hash: str, bundle_id: str) -> tuple[str, dict[str, Any] | None]:
        """Bind the request to this bundle (single use: a retry of the same bundle is fine); returns (state, request)."""
        now = time.time()
        with self._writing(quick=True) as db:
            row = db.execute(f"SELECT {REQUEST_COLUMNS} FROM requests WHERE code_hash=?", (code_hash,)).fetchone()
            found = dict(row) if row else None
            state = request_state(found, bundle_id, now)
            if state == REQUEST_OK and found is not None and found["used_by"] is None:
                db.execute("UPDATE requests SET used_by=?, used_at=? WHERE code_hash=?", (bundle_id, now, code_hash))
        return state, found


#: how many findings of SQLite's quick check the start reads, to tell space lost from damage (a leak reports each page)
CHECK_FINDINGS = 10000
#: findings that leave every row readable: a page no table uses (a crash between allocating and using it, "never used")
#: and SQLite's count of free pages gone wrong ("Freelist: size is 3 but should be 5"; older SQLite, 3.40: "is never
#: used", "Main freelist:"). Not the free list's other findings: a page it holds twice ("2nd reference to page 159") or
#: one past the file's end would be handed out twice and two rows' pages overwrite each other (review of 5eea4cdc: the
#: relay started on such a file, telling the admin to VACUUM when convenient)
_NEVER_USED = re.compile(r"Page \d+(: never used| is never used)")
_SPACE = re.compile(r"(Main freelist|Freelist): size is \d+ but should be \d+|" + _NEVER_USED.pattern)


def _check(db: sqlite3.Connection, path: Path) -> None:
    """Read every page of the file once (SQLite's quick check): a file damaged in its schema, its rows, their indexes or
    its support requests stops the start here, with the file and what to do, not at a first use (answered 503). Space
    lost with every row readable (pages never used, the free-page list) is a warning, with what to do when convenient.
    10,000 bundles (7 MB): 0.01 s, 0.1 s read from the disk; 200,000: 0.15 s, 2.2 s (benchmarks/relay_queue_start.py)."""
    found = [
        line
        for (text,) in db.execute(f"PRAGMA quick_check({CHECK_FINDINGS})")
        for line in str(text).splitlines()
        if line and not line.startswith("*** in database")  # older SQLite (3.40) heads the pages' findings so
    ]
    if found == ["ok"]:
        return
    # the unused pages are found once every table is read: a full list that ends with one has found no damage in them
    space = bool(found) and all(_SPACE.fullmatch(line) for line in found) and (len(found) < CHECK_FINDINGS or bool(_NEVER_USED.fullmatch(found[-1])))
    if not space:
        raise sqlite3.DatabaseError("database disk image is malformed")
    log.warning(
        "the queue database %s has space SQLite lost track of (its quick check: %s%s), as a crash or a full disk can leave: every bundle and "
        "support request in it reads, and the relay starts. When convenient, stop the relay, copy %s and its -wal and -shm "
        "files aside, run sqlite3 %s VACUUM, and start it again: the file is rebuilt and the space given back.",
        path,
        found[0],
        f", and {len(found) - 1} more such findings" if len(found) > 1 else "",
        path.name,
        path.name,
        extra={"findings": len(found)},
    )


def _rollback(db: sqlite3.Connection) -> None:
    if db.in_transaction:  # a file that cannot be read may have ended the transaction itself
        db.execute("ROLLBACK")


#: who held the lock a use of the SQLite queue waited for past its busy timeout, as far as the relay knows (:meth:`Queue._holder`)
OTHER, OWN, EITHER = "another program", "this relay", "another program, or this relay's own work"
#: the relay's own writes on each connection (True: the one that answers people), as the log names the holder of a lock:
#: a ticket worker waits behind an upload being written as an upload waits behind the sweep
OWN_WORK = {False: "its ticket workers or its retention sweep", True: "its uploads or its support requests"}


def _locked(exc: sqlite3.Error) -> bool:
    said = str(exc).lower()
    return "locked" in said or "busy" in said


def _what_to_do(exc: sqlite3.Error, path: Path, holder: str = OTHER, work: str = OWN_WORK[False]) -> str:
    """What the administrator does about a queue file that cannot be read, from SQLite's words; a lock, by who held it
    (``work``: which of the relay's own writes, :data:`OWN_WORK`)."""
    said = str(exc).lower()
    if _locked(exc):
        writing = "writing to it" if work == OWN_WORK[False] else "being written to it"
        if holder == OWN:
            return (
                f"This relay's own work held it locked all that time ({work} {writing}), which a slow or overloaded disk can "
                "make last: nothing to end, the relay uses the queue again by itself; if this comes back, check that disk."
            )
        if holder == EITHER:
            return (
                "Another program held it locked (a backup, an sqlite3 shell left open in a transaction), or this relay's own "
                f"work was writing to it ({work}): end such a program if one is open, and the relay uses the queue again by itself."
            )
        return "Another program holds it locked (a backup, an sqlite3 shell left open in a transaction): end it, and the relay uses the queue again by itself."
    if "not a database" in said or "malformed" in said or "corrupt" in said:
        return (
            f"The file is damaged: stop the relay, copy {path.name} and its -wal and -shm files aside, then restore them from "
            f"a backup, or save their rows (sqlite3 {path.name} .recover)."
        )
    return f"Let the relay's user read and write {path} and its folder, and check its disk (full, read-only, failing)."
