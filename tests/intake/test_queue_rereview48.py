"""Second engineer's review of the relay's SQLite queue change of stop 48 (0564349f): who held the lock, as the log says.

The relay's two connections each wait for the other's write: the ticket workers and the sweep (30 s) also wait behind an
upload or a support request being written through the connection that answers people. When that write held the lock all
the time a worker waited, the log said the relay's own work held it, but named its ticket workers or its retention sweep,
the very ones that waited: the admin looking at the sweep on a disk of uploads was sent the wrong way."""

from __future__ import annotations

import logging
import sqlite3
import threading

import pytest

KEY = "b-0000000001"


def _errors(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.name.startswith("selfcheck_intake") and r.levelno >= logging.WARNING]


def _stuck_in(db: sqlite3.Connection, statement: str) -> tuple[threading.Event, threading.Event]:
    """``db``'s next ``statement`` held up in the middle, its write lock taken, as on a slow disk, until ``go`` is set."""
    started, holding, go = threading.Event(), threading.Event(), threading.Event()

    def slow_disk() -> int:
        if started.is_set() and not holding.is_set():
            holding.set()
            go.wait(60)
        return 0

    db.set_trace_callback(lambda sql: started.set() if sql.startswith(statement) else None)
    db.set_progress_handler(slow_disk, 10)
    return holding, go


def test_a_lock_an_upload_held_while_a_ticket_worker_waited_names_the_uploads_not_the_workers(tmp_path, caplog):
    from selfcheck_intake.queue import Queue, QueueUnavailable

    database = tmp_path / "queue.sqlite3"
    queue = Queue(database, busy_seconds=0.5)
    try:
        queue.insert(bundle_id=KEY, sha256="0" * 64, size=22, reference="K7H-94W-XCM", storage_key=f"{KEY}.zip")
        holding, go = _stuck_in(queue._quick, "INSERT OR IGNORE INTO bundles")
        upload = threading.Thread(
            target=queue.insert,
            kwargs={"bundle_id": "b-0000000002", "sha256": "0" * 64, "size": 22, "reference": "K7H-94W-XCN", "storage_key": "b-0000000002.zip"},
        )
        with caplog.at_level("INFO", logger="selfcheck_intake"):
            upload.start()
            try:
                assert holding.wait(30)
                with pytest.raises(QueueUnavailable):  # the ticket worker's claim, meanwhile: it waits and tries again
                    queue.claim_due()
            finally:
                go.set()
                upload.join(60)
            queue._quick.set_progress_handler(None, 0)
            queue._quick.set_trace_callback(None)
            assert queue.claim_due() is not None  # the upload written: the workers go on by themselves
        said = _errors(caplog)
        assert len(said) == 1 and said[0].startswith(f"cannot write to the queue database {database} (database is locked)"), said
        assert "This relay's own work held it locked all that time (its uploads or its support requests being written to it)" in said[0], said
        assert "ticket workers or its retention sweep" not in said[0] and "nother program" not in said[0], said
        assert queue.get("b-0000000002") is not None  # the upload that held it went through
    finally:
        queue.close()
