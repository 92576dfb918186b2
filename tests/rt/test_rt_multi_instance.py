"""The smaller real-RT run of the multi-instance test: two relays sharing PostgreSQL and S3, a real Request
Tracker 5 that is down while the bundles arrive, one relay killed → one RT ticket per bundle, with its bytes."""

from __future__ import annotations

import concurrent.futures
import time
from pathlib import Path

import pytest
import requests

from pgserver import PostgresServer, unavailable_reason
from s3server import S3Server
from sendkit import Relay, make_bundle, manifest_of

from .rt_server import DIAGNOSIS_FIELD, REFERENCE_FIELD, RTInstance, clone
from .test_rt_end_to_end import attached_copy, only_ticket

pytestmark = [pytest.mark.slow, pytest.mark.skipif(unavailable_reason() is not None, reason=str(unavailable_reason()))]


def post(relay: Relay, bundle: Path) -> int:
    key = manifest_of(bundle)["bundle_id"]
    r = requests.post(relay.url + "/v1/bundles", data=bundle.read_bytes(), headers={"Content-Type": "application/zip", "Idempotency-Key": key}, timeout=30)
    return r.status_code


def test_two_relays_and_a_real_rt_that_comes_back_make_one_ticket_per_bundle(rt_template: RTInstance, tmp_path: Path) -> None:
    pg = PostgresServer().init().start()
    s3 = S3Server()
    desk = clone(rt_template, tmp_path / "rt")  # not started yet: RT is down while the bundles arrive
    try:
        database, storage = pg.create_database(), s3.bucket()
        helpdesk = {
            "kind": "rt",
            "url": desk.url,
            "token": "env:RT_TOKEN",
            "queue": desk.queue,
            "reference_field": REFERENCE_FIELD,
            "diagnosis_field": DIAGNOSIS_FIELD,
        }
        a, b = (
            Relay(
                tmp_path / name,
                helpdesk,
                storage=storage,
                queue={"ticket_wait_seconds": 0, "poll_seconds": 0.2, "retry_base_seconds": 0.3, "retry_max_seconds": 1, "workers": 2},
                state={"database": database, "lease_seconds": 2},
                env={"RT_TOKEN": desk.token},
            )
            for name in ("a", "b")
        )
        a.start()
        b.start()
        bundles = [make_bundle(tmp_path / "bundles" / f"{n}.zip") for n in range(6)]
        with concurrent.futures.ThreadPoolExecutor(6) as pool:
            sends = [pool.submit(post, (a, b)[n % 2], bundle) for n, bundle in enumerate(bundles)]
            sends += [pool.submit(post, b if n % 2 == 0 else a, bundles[n]) for n in (0, 1)]  # two sent to both at once
            statuses = [f.result() for f in sends]
        assert set(statuses) <= {200, 202}, statuses
        a.stop(kill=True)  # a dies holding its share of the queue
        time.sleep(0.5)
        desk.start()  # RT is back
        keys = [manifest_of(p)["bundle_id"] for p in bundles]
        for key in keys:
            b.wait_ticket(key, timeout=60)
        for bundle in bundles:
            reference = manifest_of(bundle)["reference"]
            ticket = only_ticket(desk, reference)  # exactly one ticket per bundle
            assert attached_copy(desk, ticket, reference) == bundle.read_bytes()
        assert len(list(s3.client.list_objects_v2(Bucket=storage["bucket"]).get("Contents", []))) == len(bundles)
        b.stop()
    finally:
        desk.stop()
        s3.stop()
        pg.cleanup()
