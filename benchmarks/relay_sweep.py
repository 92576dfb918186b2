"""The relay's hourly sweep (half-written files, unfinished uploads, bundles past ``storage.keep_days``) over a full
storage folder: how long one sweep takes, in the relay's own code.

    .venv/bin/python benchmarks/relay_sweep.py [--bundles 20000] [--expired 0 100 20000] [--s3 2000]

Each case lays ``--bundles`` stored bundles (small files named as the relay names them) in a local storage folder, with
one ticketed row each in the SQLite queue (with an e-mail, a name, words and an address), ages ``--expired`` of them
and their rows past keep_days (os.utime) and times ``retention.sweep`` (the leftovers' scan of the spool and the folder,
the queue's look-up of bundles still waiting for their ticket, the deletions, the rows' personal data cleared). ``--expired 0`` is the usual hourly sweep, 100 an hour's worth of a busy relay, all of them
the first sweep after an upgrade. ``--s3 N`` times the same over N objects in moto's S3 server on loopback, each with
its ticketed row (moto answers far slower than S3). Everything stays on this machine; prints the figures, asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import sys
import tempfile
import time
import uuid
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO / "tests")]

DAY = 86400.0
INSERT = (
    "INSERT INTO bundles (bundle_id, sha256, size, reference, storage_key, status, created, updated, requester_email, requester_name, description, client)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'ann@example.org', 'Ann Lovelace', 'The Wi-Fi drops every evening since the move.', '192.0.2.7')"
)


def lay_out(root: Path, bundles: int, expired: int) -> tuple[object, object, object]:
    from selfcheck_intake.queue import Queue
    from selfcheck_intake.settings import from_dict
    from selfcheck_intake.storage import open_storage

    settings = from_dict({"state": {"path": str(root / "state")}, "storage": {"path": str(root / "bundles")}}, root)
    storage = open_storage(settings.storage)
    queue = Queue(settings.db_path)
    old = time.time() - 40 * DAY
    folder = Path(settings.storage["path"])
    rows = []
    for n in range(bundles):
        bundle_id = str(uuid.uuid4())
        path = folder / f"{bundle_id}.zip"
        path.write_bytes(b"PK\x05\x06" + b"\0" * 18)
        made = time.time()
        if n < expired:
            os.utime(path, (old, old))
            made = old
        rows.append((bundle_id, "0" * 64, 22, "K7H-94W-XCM", path.name, "ticketed", made, made))
    with sqlite3.connect(settings.db_path) as db:  # one transaction: the relay's queue inserts one row per upload
        db.executemany(INSERT, rows)
    return settings, storage, queue


def time_local(bundles: int, expired: int) -> tuple[float, int, int]:
    from selfcheck_intake import retention

    with tempfile.TemporaryDirectory() as tmp:
        settings, storage, queue = lay_out(Path(tmp), bundles, expired)
        folder = Path(settings.storage["path"])  # type: ignore[attr-defined]
        started = time.perf_counter()
        retention.sweep(settings, storage, queue)  # type: ignore[arg-type]
        elapsed = time.perf_counter() - started
        left = sum(1 for _ in folder.iterdir())
        with sqlite3.connect(settings.db_path) as db:  # type: ignore[attr-defined]
            cleared = db.execute("SELECT COUNT(*) FROM bundles WHERE requester_email IS NULL").fetchone()[0]
        queue.close()  # type: ignore[attr-defined]
    return elapsed, bundles - left, cleared


def time_s3(objects: int) -> tuple[float, int, float]:
    from s3server import S3Server
    from selfcheck_intake import retention
    from selfcheck_intake.queue import Queue
    from selfcheck_intake.settings import from_dict
    from selfcheck_intake.storage import open_storage

    s3 = S3Server()
    try:
        with tempfile.TemporaryDirectory() as tmp:
            settings = from_dict({"state": {"path": str(Path(tmp) / "state")}, "storage": s3.bucket("bundles/")}, Path(tmp))
            storage = open_storage(settings.storage)
            queue = Queue(settings.db_path)
            rows = []
            for _ in range(objects):
                bundle_id = str(uuid.uuid4())
                storage.client.put_object(Bucket=storage.bucket, Key=f"bundles/{bundle_id}.zip", Body=b"PK")  # type: ignore[attr-defined]
                rows.append((bundle_id, "0" * 64, 2, "K7H-94W-XCM", f"bundles/{bundle_id}.zip", "ticketed", 0.0, 0.0))
            with sqlite3.connect(settings.db_path) as db:
                db.executemany(INSERT, rows)
            started = time.perf_counter()
            retention.sweep(settings, storage, queue)  # nothing past its time: list, compare, keep
            kept = time.perf_counter() - started
            started = time.perf_counter()
            retention.sweep_storage(settings, storage, queue, now=time.time() + 40 * DAY)  # all of them past it
            deleted_seconds = time.perf_counter() - started
            left = storage.client.list_objects_v2(Bucket=storage.bucket).get("KeyCount", 0)  # type: ignore[attr-defined]
            queue.close()
    finally:
        s3.stop()
    return kept, objects - left, deleted_seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bundles", type=int, default=20000)
    parser.add_argument("--expired", type=int, nargs="+", default=[0, 100, 20000])
    parser.add_argument("--s3", type=int, default=0, help="also over this many objects in moto's S3 server")
    args = parser.parse_args()
    print(f"{args.bundles} stored bundles, SQLite queue with one ticketed row each, {os.cpu_count()} CPUs")
    for expired in args.expired:
        elapsed, deleted, cleared = time_local(args.bundles, min(expired, args.bundles))
        print(f"local: {deleted} past keep_days deleted, {cleared} rows' personal data cleared, in {elapsed * 1000:.0f} ms")
    if args.s3:
        kept, deleted, seconds = time_s3(args.s3)
        print(f"S3 (moto): {args.s3} objects listed, none due, in {kept * 1000:.0f} ms; {deleted} due deleted in {seconds * 1000:.0f} ms")


if __name__ == "__main__":
    main()
