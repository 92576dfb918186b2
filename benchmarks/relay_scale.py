"""Relay instances sharing PostgreSQL and S3: accepted uploads per second for 1 and N instances, and the time
from "accepted" to "ticket created" under that load.

    .venv/bin/python benchmarks/relay_scale.py [--bundles 300] [--concurrency 16] [--instances 1 3] [--workers 2]

Each run starts what the multi-instance tests use (tests/pgserver.py: PostgreSQL from Debian's packages as an
unprivileged user on a Unix socket; moto's S3 server as a process; a local helpdesk speaking Zendesk's API,
tests/intake/fakedesk.py) and N relay processes, then posts ``--bundles`` bundles of ~4 KB from ``--concurrency``
client threads spread over the instances (as a load balancer would). Accepted/s counts 2xx answers over the
wall time of the run (upload, validation, spool, S3 upload, PostgreSQL insert). The ticket delay is
``updated - created`` of each row in the database (its ticket was recorded), so it includes the queue's poll
interval and the helpdesk's own time (a few ms here; a real helpdesk adds its own).

Everything stays on 127.0.0.1 and Unix sockets. Prints the figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import requests

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO / "tests"), str(REPO / "tests" / "intake")]

from fakedesk import FakeDesk  # noqa: E402

from pgserver import PostgresServer  # noqa: E402
from s3server import S3Server  # noqa: E402
from sendkit import Relay, make_bundle, manifest_of  # noqa: E402


def run(instances: int, bundles: int, concurrency: int, workers: int, pg: PostgresServer, s3: S3Server, work: Path) -> dict[str, float]:
    import psycopg

    database = pg.create_database()
    storage = s3.bucket()
    desk = FakeDesk().start()
    relays = [
        Relay(
            work / f"n{instances}-{i}",
            desk.settings(),
            storage=storage,
            queue={"ticket_wait_seconds": 0, "poll_seconds": 0.5, "workers": workers},
            state={"database": database},
            limits={"rate_per_minute": 100000, "rate_burst": 100000, "max_uploads_per_client": 1000},  # every client is 127.0.0.1 here
        )
        for i in range(instances)
    ]
    for relay in relays:
        relay.start()
    paths = [make_bundle(work / f"b{instances}" / f"{n}.zip", {"report.json": b"{}", "logs/x.log": os.urandom(4000)}) for n in range(bundles)]

    def send(n: int) -> int:
        path = paths[n]
        key = manifest_of(path)["bundle_id"]
        relay = relays[n % instances]
        r = requests.post(relay.url + "/v1/bundles", data=path.read_bytes(), headers={"Content-Type": "application/zip", "Idempotency-Key": key}, timeout=60)
        return r.status_code

    started = time.monotonic()
    with ThreadPoolExecutor(concurrency) as pool:
        statuses = list(pool.map(send, range(bundles)))
    elapsed = time.monotonic() - started
    accepted = sum(1 for s in statuses if s in (200, 201, 202))
    refused = sorted({s for s in statuses if s not in (200, 201, 202)})
    end = time.monotonic() + 120
    delays: list[float] = []
    while time.monotonic() < end:
        with psycopg.connect(database) as conn:
            rows = conn.execute("SELECT updated - created FROM bundles WHERE status='ticketed'").fetchall()
        if len(rows) >= accepted:
            delays = sorted(r[0] for r in rows)
            break
        time.sleep(0.2)
    for relay in relays:
        relay.stop()
    desk.stop()
    return {
        "instances": instances,
        "accepted": accepted,
        "seconds": elapsed,
        "per_second": accepted / elapsed,
        "ticket_median": statistics.median(delays) if delays else float("nan"),
        "ticket_p95": delays[int(len(delays) * 0.95) - 1] if delays else float("nan"),
        "ticket_max": delays[-1] if delays else float("nan"),
        "tickets": len(desk.tickets),
        "refused": refused,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bundles", type=int, default=300)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--instances", type=int, nargs="+", default=[1, 3])
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    pg = PostgresServer().init().start()
    s3 = S3Server()
    try:
        with tempfile.TemporaryDirectory() as tmp:
            print(f"{args.bundles} bundles of ~4 KB, {args.concurrency} client threads, {args.workers} ticket workers per instance, {os.cpu_count()} CPUs")
            for n in args.instances:
                res = run(n, args.bundles, args.concurrency, args.workers, pg, s3, Path(tmp))
                print(
                    f"{n} instance(s): {res['accepted']} accepted in {res['seconds']:.1f} s = {res['per_second']:.1f} uploads/s; "
                    f"accepted→ticket median {res['ticket_median']:.2f} s, p95 {res['ticket_p95']:.2f} s, max {res['ticket_max']:.2f} s; "
                    f"{res['tickets']} tickets; refused: {res['refused'] or 'none'}"
                )
    finally:
        s3.stop()
        pg.cleanup()


if __name__ == "__main__":
    main()
