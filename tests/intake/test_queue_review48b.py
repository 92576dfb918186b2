"""Second review of the relay's SQLite queue after 0564349f and 7d19557a, what it left:

- the retention sweep's clearing matched the keys it deleted with ``storage_key IN (500 keys)`` and storage_key has no
  index: each 500 keys read every ticketed row again, all under the write lock (200,000 rows and 60,000 keys: 6-7 s,
  uploads answered 503 meanwhile and the log told the admin to check the disk);
- the start's quick check stopped the relay, telling the admin to restore a backup, for space SQLite lost track of
  (pages never used after a crash) while every row read;
- ``selfcheck-intake request`` ran the relay's whole start check (2.2 s from the disk at 200,000 bundles) to add a row."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

from sendkit import Relay

DAY = 86400
INSERT = (
    "INSERT INTO bundles (bundle_id, sha256, size, reference, storage_key, status, created, updated, requester_email, requester_name, description, client)"
    " VALUES (?, ?, 22, 'K7H-94W-XCM', ?, 'ticketed', ?, ?, 'ann@example.org', 'Ann Lovelace', 'The Wi-Fi drops every evening.', '192.0.2.7')"
)


def _work_of_clearing(database: Path, rows: int) -> int:
    """SQLite's steps (counted by hundreds) while the sweep clears the customers' data of three rows in ten, by the keys
    of the bundles it has just deleted, in a queue of ``rows`` ticketed rows: the work its write lock is held for."""
    from selfcheck_intake.queue import Queue

    Queue(database).close()
    now = time.time()
    ids = [f"b-{number:010d}" for number in range(rows)]
    with sqlite3.connect(database) as db:  # rows younger than keep_days: only their keys say they go
        db.executemany(INSERT, [(bundle_id, "0" * 64, f"{bundle_id}.zip", now, now) for bundle_id in ids])
    queue = Queue(database)
    try:
        steps = [0]

        def step() -> int:
            steps[0] += 1
            return 0

        queue._db.set_progress_handler(step, 100)
        cleared = queue.forget(now - 30 * DAY, [f"{bundle_id}.zip" for bundle_id in ids[: rows * 3 // 10]])
        queue._db.set_progress_handler(None, 0)
        assert cleared == rows * 3 // 10
        with sqlite3.connect(database) as db:
            left = db.execute("SELECT COUNT(*) FROM bundles WHERE requester_email IS NOT NULL OR client<>''").fetchone()[0]
        assert left == rows - cleared  # the others keep theirs
        return steps[0]
    finally:
        queue.close()


def test_the_sweeps_clearing_of_customers_data_grows_with_the_queue_not_with_the_queue_times_the_bundles_deleted(tmp_path):
    # twice the rows and twice the keys: twice the work, not four times (each 500 keys read every ticketed row again)
    small = _work_of_clearing(tmp_path / "small.sqlite3", 10000)
    large = _work_of_clearing(tmp_path / "large.sqlite3", 20000)
    assert large < 2.6 * small, (small, large)


def _leak_pages(database: Path) -> int:
    """Make SQLite lose track of the file's free pages as a crash can: the header's free-list (first trunk page, count)
    zeroed, as the file format documents it (offsets 32 and 36), every row untouched; returns how many pages."""
    with sqlite3.connect(database) as db:
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        free = db.execute("PRAGMA freelist_count").fetchone()[0]
    assert free > 0
    with open(database, "r+b") as file:
        file.seek(32)
        file.write(bytes(8))
    with sqlite3.connect(database) as db:
        findings = db.execute("PRAGMA quick_check(1000)").fetchall()
        assert "never used" in str(findings) and db.execute("SELECT COUNT(*) FROM bundles").fetchone()[0] == 150, findings
    return free


def test_a_relay_started_on_a_queue_with_pages_a_crash_left_unused_starts_and_tells_the_admin_to_vacuum_it(tmp_path):
    from selfcheck_intake.queue import Queue

    relay = Relay(tmp_path / "relay")
    (relay.workdir / "bundles").mkdir(mode=0o700)
    database = relay.workdir / "state" / "queue.sqlite3"
    queue = Queue(database)
    for number in range(200):  # rows over many pages, the last 50 deleted: their pages free
        queue.insert(
            bundle_id=f"b-{number:010d}", sha256="0" * 64, size=22, reference="K7H-94W-XCM", storage_key=f"b-{number:010d}.zip", description="x" * 2000
        )
    queue.close()
    with sqlite3.connect(database) as db:
        db.execute("DELETE FROM bundles WHERE bundle_id>=?", ("b-0000000150",))
    lost = _leak_pages(database)
    relay.start(wait=False)
    try:
        relay.wait_ready()  # it stopped: exit 2, "The file is damaged: ... restore them from a backup"
        health = __import__("requests").get(relay.url + "/healthz", timeout=10)
        assert health.status_code == 200, health.text
    finally:
        relay.stop()
    log = relay.log.read_text()
    assert "Traceback" not in log and "cannot start" not in log and "damaged" not in log, log[-3000:]
    warned = [e["message"] for e in relay.logs() if e.get("level") == "warning" and "queue database" in e.get("message", "")]
    assert len(warned) == 1, log[-3000:]
    assert warned[0].startswith(f"the queue database {database} has space SQLite lost track of (its quick check: Page "), warned[0]
    assert f"never used, and {lost - 1} more such findings)" in warned[0], warned[0]
    assert "every bundle and support request in it reads, and the relay starts" in warned[0], warned[0]
    assert "run sqlite3 queue.sqlite3 VACUUM" in warned[0] and "backup" not in warned[0], warned[0]


def test_selfcheck_intake_request_leaves_reading_the_whole_queue_to_the_relays_start(tmp_path, monkeypatch, capsys):
    from selfcheck_intake import support_requests
    from selfcheck_intake.queue import Queue

    relay = Relay(tmp_path / "relay")  # its configuration, its queue; not started
    database = relay.workdir / "state" / "queue.sqlite3"
    Queue(database).close()
    said: list[str] = []
    connect = sqlite3.connect

    def traced(*args, **kwargs):
        db = connect(*args, **kwargs)
        db.set_trace_callback(said.append)
        return db

    monkeypatch.setattr(sqlite3, "connect", traced)
    assert support_requests.cli_main(["--config", str(relay.config), "--ticket", "4711", "--json"]) == 0
    assert '"ticket": "4711"' in capsys.readouterr().out
    assert [sql for sql in said if sql.startswith("INSERT INTO requests")], said  # traced: the request was written
    assert not [sql for sql in said if "quick_check" in sql], said  # every page of the file read, 2.2 s at 200,000 bundles


def test_a_queue_whose_free_list_holds_a_page_twice_stops_the_start_as_damaged(tmp_path):
    """Review of 5eea4cdc: every finding about SQLite's free list was taken for space lost, so a file whose free list
    holds one page twice (SQLite would hand it out twice, and two bundles' rows would overwrite each other) started the
    relay with a warning to VACUUM when convenient. Made as the file format documents it: the first trunk page's leaf
    list (its count at offset 4, the leaves from offset 8) given its first leaf again, the header's count (offset 36) one more."""
    import struct

    import pytest

    from selfcheck_intake.queue import Queue, QueueUnavailable

    database = tmp_path / "queue.sqlite3"
    queue = Queue(database)
    for number in range(200):
        queue.insert(
            bundle_id=f"b-{number:010d}", sha256="0" * 64, size=22, reference="K7H-94W-XCM", storage_key=f"b-{number:010d}.zip", description="x" * 2000
        )
    queue.close()
    with sqlite3.connect(database) as db:
        db.execute("DELETE FROM bundles WHERE bundle_id>=?", ("b-0000000150",))
    with sqlite3.connect(database) as db:
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    data = bytearray(database.read_bytes())
    page_size = struct.unpack(">H", data[16:18])[0]
    trunk = (struct.unpack(">I", data[32:36])[0] - 1) * page_size
    leaves = struct.unpack(">I", data[trunk + 4 : trunk + 8])[0]
    assert leaves > 0
    data[trunk + 8 + 4 * leaves : trunk + 12 + 4 * leaves] = data[trunk + 8 : trunk + 12]
    data[trunk + 4 : trunk + 8] = struct.pack(">I", leaves + 1)
    data[36:40] = struct.pack(">I", struct.unpack(">I", data[36:40])[0] + 1)
    database.write_bytes(bytes(data))
    with sqlite3.connect(database) as db:
        assert "2nd reference to page" in str(db.execute("PRAGMA quick_check(10)").fetchall())
    with pytest.raises(QueueUnavailable) as stopped:
        Queue(database)
    assert f"cannot read the queue database {database}" in str(stopped.value), stopped.value
