"""How long the retention sweep's clearing of customers' data holds the SQLite queue's write lock, and what an upload
meanwhile gets.

    .venv/bin/python benchmarks/relay_forget.py [--rows 200000] [--keys 60000]

Fills a queue with ``--rows`` ticketed rows as a busy relay leaves them (e-mail, name, words, address), made recently, and
times ``Queue.forget`` clearing the ``--keys`` of them the sweep has just deleted (their storage keys: a bundle stored
before keep_days whose row is younger, the sweep after keep_days was lowered, or the rows of another relay's bundles).
Meanwhile a thread uploads (``Queue.insert``, the path that answers the desktop app, waiting 3 s at most for the lock)
and the figure says how long its upload waited and whether it was refused (503). Everything stays in a temporary
folder; prints the figures, asserts nothing.
"""

from __future__ import annotations

import argparse
import sqlite3
import tempfile
import threading
import time
import uuid
from pathlib import Path

INSERT = (
    "INSERT INTO bundles (bundle_id, sha256, size, reference, storage_key, status, created, updated, requester_email, requester_name, description, client)"
    " VALUES (?, ?, 123456, 'K7H-94W-XCM', ?, 'ticketed', ?, ?, 'ann@example.org', 'Ann Lovelace', 'The Wi-Fi drops every evening since the move.', '192.0.2.7')"
)
DAY = 86400.0


def measure(rows: int, keys: int) -> str:
    from selfcheck_intake.queue import Queue, QueueUnavailable

    with tempfile.TemporaryDirectory() as tmp:
        database = Path(tmp) / "queue.sqlite3"
        Queue(database).close()
        now = time.time()
        ids = [str(uuid.uuid4()) for _ in range(rows)]
        with sqlite3.connect(database) as db:
            db.executemany(INSERT, [(b, "0" * 64, f"{b}.zip", now, now) for b in ids])
        queue = Queue(database)
        started = threading.Event()
        upload: list[str] = []

        def upload_meanwhile() -> None:
            started.wait()
            time.sleep(0.05)  # the sweep's transaction under way
            begun = time.perf_counter()
            try:
                queue.insert(bundle_id=str(uuid.uuid4()), sha256="0" * 64, size=22, reference="K7H-94W-XCM", storage_key="x.zip")
                upload.append(f"recorded after {time.perf_counter() - begun:.2f} s")
            except QueueUnavailable:
                upload.append(f"refused (503) after {time.perf_counter() - begun:.2f} s")

        thread = threading.Thread(target=upload_meanwhile)
        thread.start()
        begun = time.perf_counter()
        started.set()
        cleared = queue.forget(now - 30 * DAY, [f"{b}.zip" for b in ids[:keys]])
        took = time.perf_counter() - begun
        thread.join()
        queue.close()
    return f"{rows} ticketed rows, {keys} keys: {cleared} rows cleared in {took:.2f} s; an upload meanwhile {upload[0]}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=200000)
    parser.add_argument("--keys", type=int, default=60000)
    args = parser.parse_args()
    print(measure(args.rows, args.keys))


if __name__ == "__main__":
    main()
