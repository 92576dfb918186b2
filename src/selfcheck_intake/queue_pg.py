"""The relay's queue on PostgreSQL, shared by several relay instances.

Same interface and states as the SQLite queue (:mod:`selfcheck_intake.queue`),
with what sharing needs:

- **One row per bundle, decided by the database.** ``bundle_id`` is the
  primary key and an upload is recorded with ``INSERT … ON CONFLICT DO
  NOTHING``: when two instances receive the same bundle in the same instant,
  exactly one insert wins; the other sees the winner's row and answers like a
  repeat.
- **Claims with a lease.** A worker takes a due row with ``SELECT … FOR UPDATE
  SKIP LOCKED`` (two workers never take the same row, and never wait on each
  other) and marks it with its instance id and a lease end. While it works, the
  instance renews the lease of its rows; a row whose lease ran out (its
  instance was killed or lost its network) is due again and another instance
  takes it over.
- **Versioned migrations at start**, under a PostgreSQL advisory lock: when
  several instances start together, one applies them and the others wait,
  then find them applied.

Connections come from a small pool; a connection that failed is dropped and a
new one is made on the next call, so the relay recovers by itself when the
database comes back.
"""

from __future__ import annotations

import contextlib
import threading
import time
import uuid
from collections.abc import Iterator
from typing import Any

import psycopg
from psycopg.rows import dict_row

from selfcheck_intake.queue import (
    COLUMNS,
    FORGET,
    HELD,
    PENDING,
    RECEIPT_DUE,
    REQUEST_COLUMNS,
    REQUEST_OK,
    TICKETED,
    WORKING,
    QueueUnavailable,
    Record,
    backoff,
    request_state,
)

#: the advisory lock key held while migrations run (any constant shared by all instances)
MIGRATION_LOCK = 0x5E1FC4EC

#: (version, statements): applied in order, each in its own transaction, never edited once released
MIGRATIONS: list[tuple[int, str]] = [
    (
        1,
        """
        CREATE TABLE bundles (
            bundle_id TEXT PRIMARY KEY,
            sha256 TEXT NOT NULL,
            size BIGINT NOT NULL,
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
            next_try DOUBLE PRECISION NOT NULL DEFAULT 0,
            last_error TEXT NOT NULL DEFAULT '',
            ticket_id TEXT,
            ticket_reference TEXT,
            ticket_url TEXT,
            attached INTEGER,
            created DOUBLE PRECISION NOT NULL,
            updated DOUBLE PRECISION NOT NULL,
            claimed_by TEXT,
            lease_until DOUBLE PRECISION NOT NULL DEFAULT 0
        );
        CREATE INDEX bundles_due ON bundles (status, next_try);
        CREATE INDEX bundles_claims ON bundles (claimed_by) WHERE claimed_by IS NOT NULL;
        """,
    ),
    (
        2,
        """
        CREATE TABLE requests (
            code_hash TEXT PRIMARY KEY,
            ticket TEXT NOT NULL,
            note TEXT NOT NULL DEFAULT '',
            created DOUBLE PRECISION NOT NULL,
            expires DOUBLE PRECISION NOT NULL,
            used_by TEXT,
            used_at DOUBLE PRECISION
        );
        """,
    ),
    (3, "ALTER TABLE bundles ADD COLUMN deleted DOUBLE PRECISION;"),  # when the retention sweep deleted the stored bundle
]

_SELECT = ", ".join(COLUMNS)


def migrate(conn: psycopg.Connection[Any]) -> list[int]:
    """Apply the migrations this database lacks; returns the versions applied. Safe to run from many instances at once."""
    applied: list[int] = []
    conn.execute("SELECT pg_advisory_lock(%s)", (MIGRATION_LOCK,))
    try:
        conn.execute("CREATE TABLE IF NOT EXISTS selfcheck_intake_migrations (version INTEGER PRIMARY KEY, applied DOUBLE PRECISION NOT NULL)")
        conn.commit()
        done = {row[0] for row in conn.execute("SELECT version FROM selfcheck_intake_migrations").fetchall()}
        conn.commit()
        for version, statements in MIGRATIONS:
            if version in done:
                continue
            with conn.transaction():
                conn.execute(statements)
                conn.execute("INSERT INTO selfcheck_intake_migrations (version, applied) VALUES (%s, %s)", (version, time.time()))
            applied.append(version)
    finally:
        conn.execute("SELECT pg_advisory_unlock(%s)", (MIGRATION_LOCK,))
        conn.commit()
    return applied


class PostgresQueue:
    """The queue in a PostgreSQL database that several relay instances share."""

    shared = True

    def __init__(self, url: str, *, lease_seconds: float = 60.0, connect_seconds: float = 30.0, connect_timeout: int = 3, pool_size: int = 10) -> None:
        self.url = url
        self.lease_seconds = lease_seconds
        self.connect_timeout = connect_timeout
        self.pool_size = pool_size
        #: this process's name in ``claimed_by``: a restarted instance is a new one (its old claims expire)
        self.instance = f"{uuid.uuid4().hex[:12]}"
        self.wakeup = threading.Event()
        self._idle: list[psycopg.Connection[Any]] = []
        self._lock = threading.Lock()
        self._slots = threading.BoundedSemaphore(pool_size)  # at most pool_size connections per instance
        self.migrations_applied = self._migrate_at_start(connect_seconds)

    # connections -----------------------------------------------------------------------------

    def _connect(self) -> psycopg.Connection[Any]:
        try:
            return psycopg.connect(self.url, connect_timeout=self.connect_timeout, row_factory=dict_row, application_name="selfcheck-intake", autocommit=True)
        except psycopg.Error as exc:
            raise QueueUnavailable(f"cannot reach the queue database ({type(exc).__name__})") from exc

    @contextlib.contextmanager
    def _conn(self) -> Iterator[psycopg.Connection[Any]]:
        """A pooled connection inside a transaction (committed on success); broken connections are dropped."""
        if not self._slots.acquire(timeout=30):
            raise QueueUnavailable("the queue database is too busy (every connection in use for 30 s)")
        try:
            with self._conn_held() as conn:
                yield conn
        finally:
            self._slots.release()

    @contextlib.contextmanager
    def _conn_held(self) -> Iterator[psycopg.Connection[Any]]:
        with self._lock:
            conn = self._idle.pop() if self._idle else None
        if conn is None or conn.closed:
            conn = self._connect()
        try:
            with conn.transaction():
                yield conn
        except (psycopg.OperationalError, psycopg.InterfaceError) as exc:
            conn.close()
            self.close()  # the database restarted or went away: the idle connections are dead too
            raise QueueUnavailable(f"the queue database went away ({type(exc).__name__})") from exc
        except BaseException:
            if conn.broken:
                conn.close()
            else:
                self._give_back(conn)
            raise
        self._give_back(conn)

    def _give_back(self, conn: psycopg.Connection[Any]) -> None:
        with self._lock:
            if len(self._idle) < self.pool_size and not conn.closed:
                self._idle.append(conn)
                return
        conn.close()

    def _migrate_at_start(self, connect_seconds: float) -> list[int]:
        deadline = time.monotonic() + connect_seconds
        delay = 0.2
        while True:
            try:
                conn = psycopg.connect(self.url, connect_timeout=self.connect_timeout)
            except psycopg.OperationalError as exc:
                if time.monotonic() + delay > deadline:
                    raise QueueUnavailable(f"cannot reach the queue database: {exc}".strip()) from exc
                time.sleep(delay)
                delay = min(delay * 2, 5.0)
                continue
            try:
                return migrate(conn)
            finally:
                conn.close()

    def close(self) -> None:
        with self._lock:
            idle, self._idle = self._idle, []
        for conn in idle:
            conn.close()

    # the queue -------------------------------------------------------------------------------

    def recover(self) -> int:
        """At start: held rows (the admin may have fixed the settings) are tried again now.

        Rows other instances are working on are left alone; those of a dead instance come back when their lease ends.
        """
        with self._conn() as conn:
            return conn.execute("UPDATE bundles SET status=%s, next_try=0 WHERE status=%s", (PENDING, HELD)).rowcount

    def get(self, bundle_id: str, *, patient: bool = False) -> Record | None:
        with self._conn() as conn:  # one pool for a person's paths and the workers' (``patient`` changes nothing)
            row = conn.execute(f"SELECT {_SELECT} FROM bundles WHERE bundle_id=%s", (bundle_id,)).fetchone()
        return Record(**row) if row else None

    def insert(self, **values: Any) -> tuple[Record, bool]:
        """Add an accepted bundle; returns (record, created). If the row exists (another upload won), it is returned untouched."""
        now = time.time()
        values = {"status": PENDING, "next_try": 0.0, "created": now, "updated": now, **values}
        columns = ", ".join(values)
        marks = ", ".join("%s" for _ in values)
        with self._conn() as conn:
            row = conn.execute(
                f"INSERT INTO bundles ({columns}) VALUES ({marks}) ON CONFLICT (bundle_id) DO NOTHING RETURNING {_SELECT}",
                tuple(values.values()),
            ).fetchone()
            created = row is not None
            if row is None:
                row = conn.execute(f"SELECT {_SELECT} FROM bundles WHERE bundle_id=%s", (values["bundle_id"],)).fetchone()
        self.wakeup.set()
        assert row is not None
        return Record(**row), created

    def claim_due(self, now: float | None = None) -> Record | None:
        """Take the next due row (or one whose claim expired) for this instance, under a lease."""
        now = time.time() if now is None else now
        with self._conn() as conn:
            row = conn.execute(
                f"""UPDATE bundles SET status=%s, claimed_by=%s, lease_until=%s, updated=%s
                    WHERE bundle_id = (
                        SELECT bundle_id FROM bundles
                        WHERE (status IN (%s, %s) AND next_try <= %s) OR (status = %s AND lease_until < %s)
                        ORDER BY next_try, created LIMIT 1
                        FOR UPDATE SKIP LOCKED)
                    RETURNING {_SELECT}""",
                (WORKING, self.instance, now + self.lease_seconds, now, PENDING, HELD, now, WORKING, now),
            ).fetchone()
        return Record(**row) if row else None

    def renew(self) -> None:
        """Extend the lease on every row this instance is working on (called by the worker's heartbeat)."""
        with self._conn() as conn:
            conn.execute("UPDATE bundles SET lease_until=%s WHERE claimed_by=%s AND status=%s", (time.time() + self.lease_seconds, self.instance, WORKING))

    def release(self) -> int:
        """At shutdown: rows this instance still holds become due again for the other instances."""
        with self._conn() as conn:
            return conn.execute(
                "UPDATE bundles SET status=%s, claimed_by=NULL, lease_until=0, next_try=0 WHERE claimed_by=%s AND status=%s",
                (PENDING, self.instance, WORKING),
            ).rowcount

    def mark_ticketed(self, bundle_id: str, ticket_id: str, reference: str, url: str | None, attached: bool, *, receipt_due: bool = False) -> None:
        with self._conn() as conn:
            conn.execute(
                """UPDATE bundles SET status=%s, ticket_id=%s, ticket_reference=%s, ticket_url=%s, attached=%s, last_error=%s,
                   claimed_by=NULL, lease_until=0, updated=%s WHERE bundle_id=%s""",
                (TICKETED, ticket_id, reference, url, int(attached), RECEIPT_DUE if receipt_due else "", time.time(), bundle_id),
            )

    def receipt_written(self, bundle_id: str) -> None:
        with self._conn() as conn:
            conn.execute("UPDATE bundles SET last_error='' WHERE bundle_id=%s AND status=%s AND last_error=%s", (bundle_id, TICKETED, RECEIPT_DUE))

    def receipts_due(self) -> list[str]:
        with self._conn() as conn:  # instances sharing this queue keep no receipts: none is ever due, but the answer is the same
            rows = conn.execute("SELECT bundle_id FROM bundles WHERE status=%s AND last_error=%s", (TICKETED, RECEIPT_DUE)).fetchall()
        return [row["bundle_id"] for row in rows]

    def forget(self, before: float, keys: list[str]) -> int:
        with self._conn() as conn:
            count = conn.execute(
                FORGET.format(mark="%s", where="(created<%s OR storage_key = ANY(%s))"), (RECEIPT_DUE, TICKETED, RECEIPT_DUE, before, keys)
            ).rowcount
            conn.execute("UPDATE requests SET note='' WHERE note<>'' AND (used_at<%s OR expires<%s)", (before, before))
        return count

    def mark_deleted(self, deleted: list[tuple[str, str]], when: float | None) -> None:
        with self._conn() as conn:
            if when is None:
                conn.cursor().executemany("UPDATE bundles SET deleted=NULL WHERE bundle_id=%s AND storage_key=%s", deleted)
                return
            conn.cursor().executemany(
                "UPDATE bundles SET deleted=%s WHERE bundle_id=%s AND storage_key=%s AND deleted IS NULL", [(when, *pair) for pair in deleted]
            )

    def mark_failed(self, bundle_id: str, error: str, base: float, cap: float, *, hold: bool = False) -> float:
        """Record a failed attempt on a row this instance holds; the next is due after an exponential, jittered delay."""
        with self._conn() as conn:
            row = conn.execute("SELECT attempts FROM bundles WHERE bundle_id=%s AND claimed_by=%s FOR UPDATE", (bundle_id, self.instance)).fetchone()
            attempts = (row["attempts"] if row else 0) + 1
            next_try = time.time() + backoff(attempts, base, cap, hold)
            conn.execute(
                """UPDATE bundles SET status=%s, attempts=%s, next_try=%s, last_error=%s, claimed_by=NULL, lease_until=0, updated=%s
                   WHERE bundle_id=%s AND claimed_by=%s AND status=%s""",
                (HELD if hold else PENDING, attempts, next_try, error[:1000], time.time(), bundle_id, self.instance, WORKING),
            )
        return next_try

    def counts(self) -> dict[str, int]:
        with self._conn() as conn:
            rows = conn.execute("SELECT status, COUNT(*) AS n FROM bundles GROUP BY status").fetchall()
        return {row["status"]: row["n"] for row in rows}

    def next_due(self) -> float | None:
        with self._conn() as conn:
            row = conn.execute(
                "SELECT LEAST((SELECT MIN(next_try) FROM bundles WHERE status IN (%s, %s)), (SELECT MIN(lease_until) FROM bundles WHERE status=%s)) AS t",
                (PENDING, HELD, WORKING),
            ).fetchone()
        return row["t"] if row and row["t"] is not None else None

    def ticketed_keys(self, bundle_ids: list[str]) -> set[str]:
        keys: set[str] = set()
        for start in range(0, len(bundle_ids), 500):
            with self._conn() as conn:
                rows = conn.execute("SELECT storage_key, status FROM bundles WHERE bundle_id = ANY(%s)", (bundle_ids[start : start + 500],)).fetchall()
            keys.update(row["storage_key"] for row in rows if row["status"] == TICKETED)  # by the primary key alone
        return keys

    def link_only_keys(self, since: float | None) -> set[str]:
        with self._conn() as conn:
            rows = conn.execute(
                "SELECT storage_key FROM bundles WHERE status=%s AND attached=0 AND updated>=%s", (TICKETED, -1e300 if since is None else since)
            ).fetchall()
        return {row["storage_key"] for row in rows}

    def health(self) -> bool:
        try:
            with self._conn() as conn:
                conn.execute("SELECT 1").fetchone()
            return True
        except QueueUnavailable:
            return False

    # support requests (selfcheck_intake.support_requests) ----------------------------------------

    def add_request(self, code_hash: str, ticket: str, note: str, created: float, expires: float) -> None:
        with self._conn() as conn:
            conn.execute(
                "INSERT INTO requests (code_hash, ticket, note, created, expires) VALUES (%s, %s, %s, %s, %s)", (code_hash, ticket, note, created, expires)
            )

    def get_request(self, code_hash: str) -> dict[str, Any] | None:
        with self._conn() as conn:
            row = conn.execute(f"SELECT {REQUEST_COLUMNS} FROM requests WHERE code_hash=%s", (code_hash,)).fetchone()
        return dict(row) if row else None

    def use_request(self, code_hash: str, bundle_id: str) -> tuple[str, dict[str, Any] | None]:
        """Bind the request to this bundle (single use, decided under a row lock across instances)."""
        now = time.time()
        with self._conn() as conn:
            row = conn.execute(f"SELECT {REQUEST_COLUMNS} FROM requests WHERE code_hash=%s FOR UPDATE", (code_hash,)).fetchone()
            found = dict(row) if row else None
            state = request_state(found, bundle_id, now)
            if state == REQUEST_OK and found is not None and found["used_by"] is None:
                conn.execute("UPDATE requests SET used_by=%s, used_at=%s WHERE code_hash=%s", (bundle_id, now, code_hash))
        return state, found
