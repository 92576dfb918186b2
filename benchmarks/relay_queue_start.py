"""What the relay's start-up check of its SQLite queue costs: SQLite's quick check reads every page of the file, so a
file damaged anywhere (rows, indexes, support requests) stops the start with the file and what to do.

    .venv/bin/python benchmarks/relay_queue_start.py [--bundles 10000 200000]

Each case fills a queue with ``--bundles`` ticketed rows as a busy relay leaves them (e-mail, name, a few lines of
words, a verdict, a ticket) and a tenth as many support requests, then times the queue's opening (what the start does)
and the quick check alone, from the page cache and read from the disk (the file's cached pages dropped with
posix_fadvise, this file only). Everything stays in a temporary folder; prints the figures, asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path

INSERT = (
    "INSERT INTO bundles (bundle_id, sha256, size, reference, storage_key, status, created, updated, requester_email, requester_name, description,"
    " headline, client, ticket_id, ticket_reference, ticket_url, attached) VALUES (?, ?, 123456, 'K7H-94W-XCM', ?, 'ticketed', ?, ?, 'ann@example.org',"
    " 'Ann Lovelace', ?, 'No internet: the Wi-Fi is off', '192.0.2.7', '4711', '#4711', 'https://help.example.org/tickets/4711', 1)"
)
WORDS = "The Wi-Fi drops every evening since the move. " * 5


def fill(database: Path, bundles: int) -> None:
    from selfcheck_intake.queue import Queue

    Queue(database).close()
    now = time.time()
    with sqlite3.connect(database) as db:
        db.executemany(INSERT, [(b, os.urandom(32).hex(), f"{b}.zip", now, now, WORDS) for b in (str(uuid.uuid4()) for _ in range(bundles))])
        requests = [(os.urandom(32).hex(), now, now + 86400) for _ in range(bundles // 10)]
        db.executemany("INSERT INTO requests (code_hash, ticket, note, created, expires) VALUES (?, '77', 'note', ?, ?)", requests)
    with sqlite3.connect(database) as db:
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def uncache(database: Path) -> None:
    for path in database.parent.glob(database.name + "*"):
        fd = os.open(path, os.O_RDONLY)
        try:
            os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
        finally:
            os.close(fd)


def best(action: Callable[[], object], before: Callable[[], object] = lambda: None, runs: int = 5) -> float:
    times = []
    for _ in range(runs):
        before()
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return min(times)


def measure(bundles: int) -> str:
    from selfcheck_intake.queue import Queue

    with tempfile.TemporaryDirectory() as tmp:
        database = Path(tmp) / "queue.sqlite3"
        fill(database, bundles)

        def check() -> object:
            with sqlite3.connect(database) as db:
                return db.execute("PRAGMA quick_check(1)").fetchall()

        megabytes = database.stat().st_size / 1e6
        opened = best(lambda: Queue(database).close())
        opened_cold = best(lambda: Queue(database).close(), lambda: uncache(database))
        checked = best(check)
        checked_cold = best(check, lambda: uncache(database))
    return (
        f"{bundles} bundles, {megabytes:.1f} MB: the queue opens in {opened * 1000:.1f} ms ({opened_cold * 1000:.1f} ms read from the disk); "
        f"its quick check {checked * 1000:.1f} ms ({checked_cold * 1000:.1f} ms)"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--bundles", type=int, nargs="+", default=[10000, 200000])
    for bundles in parser.parse_args().bundles:
        print(measure(bundles))


if __name__ == "__main__":
    main()
