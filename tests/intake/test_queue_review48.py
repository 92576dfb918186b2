"""Second review of the relay's SQLite queue after stop 47 (bcc454ed, a5359aaa, 3fd7a4bc):

- the shared receipt the ticket workers and the sweep write read its bundle's row through the connection that answers a
  person, in that connection's line and its 3 s: while a page held it (a look-up, an upload waiting for another
  program's lock), the sweep gave up where it waits its 30 s for the rest of its work;
- a lock held past the busy timeout was always said to be another program's, also when the relay's own work held it
  (the sweep's write on a slow disk): the log now says whose it was, as far as the relay knows;
- on a queue without its deleted column (an older relay's file, the column not added at the start because the file was
  locked), the first write that worked said "the queue database can be written to again" while the sweep still could not
  record a deletion: it is said once the column is there, which the workers' next write adds;
- the start read only the rows' index: a file damaged in its rows or its support requests started, and was found at a
  first use (503). The start reads every page now (SQLite's quick check: 10,000 bundles, 7 MB, 0.1 s from the disk)."""

from __future__ import annotations

import logging
import os
import sqlite3
import threading
import time
from pathlib import Path

import pytest

from sendkit import Relay

DAY = 86400
KEY = "b-0000000001"


def _errors(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.name.startswith("selfcheck_intake") and r.levelno >= logging.WARNING]


def test_the_sweep_writes_a_shared_receipt_while_a_page_holds_the_connection_that_answers_people(tmp_path, s3):
    from selfcheck_intake import retention
    from selfcheck_intake.queue import Queue
    from selfcheck_intake.storage import S3Storage

    endpoint, _client, bucket = s3
    storage = S3Storage({"bucket": bucket, "prefix": "b/", "endpoint_url": endpoint, "access_key_id": "testing", "secret_access_key": "testing"})
    queue = Queue(tmp_path / "queue.sqlite3")
    try:
        queue.insert(bundle_id=KEY, sha256="0" * 64, size=22, reference="K7H-94W-XCM", storage_key=f"b/{KEY}.zip")
        queue.mark_ticketed(KEY, "4711", "#4711", None, True, receipt_due=True)  # the bucket refused the receipt then
        written: list[int] = []
        failed: list[BaseException] = []

        def sweep() -> None:
            try:
                written.append(retention.write_receipts(storage, queue))
            except BaseException as exc:
                failed.append(exc)

        # a page's use of its connection in progress: a look-up, or an upload waiting its 3 s for another program's lock
        with queue._using("read", quick=True):
            thread = threading.Thread(target=sweep)
            thread.start()
            thread.join(60)
            assert not thread.is_alive()
            assert not failed, failed  # it gave up after the person's 3 s: "the queue database is busy"
            assert written == [1]
        receipt = storage.get_receipt(KEY)
        assert receipt is not None and receipt["status"] == "ticketed" and receipt["ticket"]["reference"] == "#4711"
        assert queue.receipts_due() == []
    finally:
        queue.close()


def test_a_lock_the_relays_own_sweep_holds_past_a_pages_wait_is_said_to_be_its_own_not_another_programs(tmp_path, caplog):
    from selfcheck_intake.queue import TICKETED, Queue, QueueUnavailable

    database = tmp_path / "queue.sqlite3"
    queue = Queue(database, quick_seconds=0.5)
    try:
        queue.insert(bundle_id=KEY, sha256="0" * 64, size=22, reference="K7H-94W-XCM", storage_key=f"{KEY}.zip", requester_email="bob@example.org")
        queue.mark_ticketed(KEY, "4711", "#4711", None, True)
        with sqlite3.connect(database) as db:
            db.execute("UPDATE bundles SET created=?", (time.time() - 31 * DAY,))
        clearing, holding, go = threading.Event(), threading.Event(), threading.Event()

        def slow_disk() -> int:  # the sweep's clearing held up in the middle, its write lock taken, as on a slow disk
            if clearing.is_set() and not holding.is_set():
                holding.set()
                go.wait(60)
            return 0

        queue._db.set_trace_callback(lambda sql: clearing.set() if sql.startswith("UPDATE bundles SET requester_email=NULL") else None)
        queue._db.set_progress_handler(slow_disk, 10)
        sweep = threading.Thread(target=queue.forget, args=(time.time() - 30 * DAY, []))
        now = time.time()
        with caplog.at_level("INFO", logger="selfcheck_intake"):
            sweep.start()
            try:
                assert holding.wait(30)
                with pytest.raises(QueueUnavailable):  # an agent's new support request, meanwhile: 503 after its wait
                    queue.add_request("h" * 64, "77", "", now, now + 3600)
            finally:
                go.set()
                sweep.join(60)
            queue._db.set_progress_handler(None, 0)
            queue._db.set_trace_callback(None)
            queue.add_request("h" * 64, "77", "", now, now + 3600)  # the sweep's write done: taken
        said = _errors(caplog)
        assert len(said) == 1 and said[0].startswith(f"cannot write to the queue database {database} (database is locked)"), said
        assert "This relay's own work held it locked all that time (its ticket workers or its retention sweep writing to it)" in said[0], said
        assert "Another program" not in said[0] and "another program" not in said[0], said
        assert "the queue database can be written to again" in [r.getMessage() for r in caplog.records]
        assert queue.get(KEY).status == TICKETED and queue.get(KEY).requester_email is None  # the sweep's work went through
    finally:
        queue.close()


def _columns(database: Path) -> set[str]:
    with sqlite3.connect(database) as db:
        return {row[1] for row in db.execute("PRAGMA table_info(bundles)")}


def test_a_queue_whose_deleted_column_is_still_missing_is_not_said_writable_again_until_the_column_is_added(tmp_path, caplog):
    from selfcheck_intake.queue import Queue

    database = tmp_path / "queue.sqlite3"
    Queue(database).close()
    with sqlite3.connect(database) as db:  # an older relay's queue: no deleted column
        db.execute("ALTER TABLE bundles DROP COLUMN deleted")
    said_when: list[tuple[str, bool]] = []  # each line the queue says, and whether the column was there as it said it
    handler = logging.Handler(logging.INFO)
    handler.emit = lambda record: said_when.append((record.getMessage(), "deleted" in _columns(database)))  # type: ignore[method-assign]
    logging.getLogger("selfcheck_intake").addHandler(handler)
    caplog.set_level("INFO", logger="selfcheck_intake")
    other = sqlite3.connect(database, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # a backup, an sqlite3 shell left in a transaction, as the relay starts
    try:
        queue = Queue(database, busy_seconds=0.3)
    finally:
        other.execute("ROLLBACK")
        other.close()
    try:
        record, created = queue.insert(bundle_id=KEY, sha256="0" * 64, size=22, reference="K7H-94W-XCM", storage_key=f"{KEY}.zip")  # an upload
        assert created and "deleted" not in _columns(database)
        assert not [message for message, _ in said_when if "again" in message], said_when  # it said so with the column missing
        started = [message for message, _ in said_when]
        assert len(started) == 1 and started[0].startswith(
            f"the queue cannot record deleted bundles: adding its deleted column to {database} failed (database is locked)"
        )
        assert "end it, and the relay adds the column by itself" in started[0] and "restart" not in started[0], started[0]
        queue.mark_ticketed(KEY, "4711", "#4711", None, True)  # the workers' next write
        again = [(message, there) for message, there in said_when if "can be written to again" in message]
        assert again == [
            (
                "the queue database can be written to again: its deleted column is added, and the retention sweep deletes the bundles past their time again",
                True,
            )
        ]
        when = time.time()
        queue.mark_deleted([(KEY, f"{KEY}.zip")], when)  # the sweep records its deletions again
        assert queue.get(KEY).deleted == when
    finally:
        logging.getLogger("selfcheck_intake").removeHandler(handler)
        queue.close()


def _pages_of(database: Path, table: str) -> tuple[list[int], int]:
    with sqlite3.connect(database) as db:
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        pages = [row[0] for row in db.execute("SELECT pageno FROM dbstat WHERE name=? ORDER BY pageno", (table,))]
        return pages, db.execute("PRAGMA page_size").fetchone()[0]


@pytest.mark.parametrize("table", ["bundles", "requests"])
def test_a_relay_started_on_a_queue_damaged_in_its_rows_or_its_support_requests_says_so_at_its_start(tmp_path, table):
    from selfcheck_intake.queue import Queue

    relay = Relay(tmp_path / "relay")
    (relay.workdir / "bundles").mkdir(mode=0o700)
    database = relay.workdir / "state" / "queue.sqlite3"
    queue = Queue(database)
    now = time.time()
    for number in range(200):  # rows over many pages
        queue.insert(
            bundle_id=f"b-{number:010d}", sha256="0" * 64, size=22, reference="K7H-94W-XCM", storage_key=f"b-{number:010d}.zip", description="x" * 2000
        )
    for number in range(20):
        queue.add_request(f"{number:064d}", "77", "", now, now + 3600)
    queue.close()
    pages, size = _pages_of(database, table)
    with open(database, "r+b") as file:  # one page of the table overwritten, its index and the schema intact
        file.seek((pages[len(pages) // 2] - 1) * size)
        file.write(os.urandom(size))
    relay.start(wait=False)
    try:
        assert relay.proc is not None and relay.proc.wait(timeout=30) == 2, relay.log.read_text()[-2000:]
    finally:
        if relay.proc is not None and relay.proc.poll() is None:
            relay.stop()
    log = relay.log.read_text()
    assert "Traceback" not in log, log[-3000:]
    started = [e["message"] for e in relay.logs() if e.get("message", "").startswith("cannot start: ")]
    assert started == [
        f"cannot start: cannot read the queue database {database} (database disk image is malformed). The file is damaged: stop the relay, "
        "copy queue.sqlite3 and its -wal and -shm files aside, then restore them from a backup, or save their rows (sqlite3 queue.sqlite3 .recover)."
    ], log[-3000:]
