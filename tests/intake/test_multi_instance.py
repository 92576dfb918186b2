"""Several relay instances sharing a real PostgreSQL queue and an S3-compatible bucket.

Real components only: PostgreSQL from Debian's packages (tests/pgserver.py), moto's S3 server as a process,
the relay as separate processes, and a local helpdesk speaking Zendesk's API that counts tickets.
"""

from __future__ import annotations

import concurrent.futures
import hashlib
import os
import threading
import time
import uuid
from pathlib import Path
from typing import Any

import pytest
import requests
from fakedesk import FakeDesk

from pgserver import PostgresServer, unavailable_reason
from s3server import S3Server
from sendkit import Relay, make_bundle, manifest_of

pytestmark = pytest.mark.skipif(unavailable_reason() is not None, reason=str(unavailable_reason()))

S3_ENV = {"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing", "AWS_DEFAULT_REGION": "us-east-1"}


@pytest.fixture(scope="module")
def pg():
    server = PostgresServer().init().start()
    yield server
    server.cleanup()


@pytest.fixture(scope="module")
def s3(tmp_path_factory):
    """moto's S3 server as its own process (the relays and the test share it, as they would share a real store)."""
    server = S3Server(tmp_path_factory.mktemp("moto") / "moto.log")
    yield server.endpoint, server.client
    server.stop()


@pytest.fixture
def desk():
    d = FakeDesk().start()
    yield d
    d.stop()


def bucket_for(s3: tuple[str, Any]) -> dict[str, Any]:
    endpoint, client = s3
    bucket = f"bundles-{uuid.uuid4().hex[:12]}"
    client.create_bucket(Bucket=bucket)
    return {"kind": "s3", "bucket": bucket, "prefix": "b/", "endpoint_url": endpoint, "access_key_id": "testing", "secret_access_key": "testing"}


def relays(tmp_path: Path, n: int, database: str, storage: dict[str, Any], desk: FakeDesk, lease: float = 2.0) -> list[Relay]:
    queue = {"ticket_wait_seconds": 0, "poll_seconds": 0.2, "retry_base_seconds": 0.2, "retry_max_seconds": 1, "workers": 2}
    return [
        Relay(
            tmp_path / f"relay{i}",
            desk.settings(),
            storage=storage,
            queue=queue,
            state={"database": database, "lease_seconds": lease, "connect_seconds": 20},
            server={"shutdown_seconds": 5},
            limits={"max_uploads_per_client": 100},  # every client is 127.0.0.1 here; a load balancer forwards many customers
            env={"AWS_MAX_ATTEMPTS": "2"},
        )
        for i in range(n)
    ]


class Sender:
    """Clients behind a load balancer: a refused or cut upload is retried on the next instance until it is accepted."""

    def __init__(self, instances: list[Relay]) -> None:
        self.instances = instances
        self.answers: dict[str, list[tuple[int, dict[str, Any]]]] = {}
        self.refusals: list[tuple[int, str, str]] = []  # (status, error, Retry-After)
        self.lock = threading.Lock()

    def send(self, bundle: Path, first: int, deadline: float) -> int:
        key = manifest_of(bundle)["bundle_id"]
        body = bundle.read_bytes()
        i = first
        while time.monotonic() < deadline:
            relay = self.instances[i % len(self.instances)]
            i += 1
            try:
                r = requests.post(relay.url + "/v1/bundles", data=body, headers={"Content-Type": "application/zip", "Idempotency-Key": key}, timeout=20)
            except requests.RequestException:
                time.sleep(0.05)
                continue
            if r.status_code in (200, 201, 202):
                with self.lock:
                    self.answers.setdefault(key, []).append((r.status_code, r.json()))
                return r.status_code
            with self.lock:
                self.refusals.append((r.status_code, r.json().get("error", ""), r.headers.get("Retry-After", "")))
            assert r.status_code in (429, 503), r.text  # anything else is a relay bug, not load
            time.sleep(0.1)
        raise AssertionError(f"bundle {key} never accepted")


def wait_all_ticketed(database: str, count: int, timeout: float = 40) -> dict[str, dict[str, Any]]:
    import psycopg
    from psycopg.rows import dict_row

    end = time.monotonic() + timeout
    rows: list[dict[str, Any]] = []
    while time.monotonic() < end:
        with psycopg.connect(database, row_factory=dict_row) as conn:
            rows = conn.execute("SELECT bundle_id, status, sha256, storage_key, reference FROM bundles").fetchall()
        if len(rows) >= count and all(r["status"] == "ticketed" for r in rows):
            break
        time.sleep(0.2)
    return {r["bundle_id"]: r for r in rows}


def stored_objects(s3: tuple[str, Any], storage: dict[str, Any]) -> dict[str, str]:
    """key -> sha256 of every bundle object in the bucket."""
    _endpoint, client = s3
    out = {}
    for page in client.get_paginator("list_objects_v2").paginate(Bucket=storage["bucket"], Prefix=storage["prefix"]):
        for obj in page.get("Contents", []):
            out[obj["Key"]] = hashlib.sha256(client.get_object(Bucket=storage["bucket"], Key=obj["Key"])["Body"].read()).hexdigest()
    return out


def claims_of(database: str, instance: str) -> int:
    import psycopg

    with psycopg.connect(database) as conn:
        row = conn.execute("SELECT COUNT(*) FROM bundles WHERE claimed_by=%s AND status='working'", (instance,)).fetchone()
    return int(row[0]) if row else 0


def instance_id(relay: Relay) -> str:
    ready = [e for e in relay.logs() if e.get("message") == "relay ready"]
    return str(ready[-1]["instance"])


def test_three_instances_one_killed_one_restarted_give_exactly_one_ticket_per_bundle(tmp_path, pg, s3, desk):
    database = pg.create_database()
    storage = bucket_for(s3)
    a, b, c = instances = relays(tmp_path, 3, database, storage, desk)
    for relay in instances:
        relay.start(wait=False)
    for relay in instances:
        relay.wait_ready()
    total, doubles = 300, 30
    bundles = [make_bundle(tmp_path / "bundles" / f"{n}.zip", {"report.json": f'{{"n": {n}}}'.encode(), "logs/x.log": os.urandom(2000)}) for n in range(total)]
    sha = {manifest_of(p)["bundle_id"]: hashlib.sha256(p.read_bytes()).hexdigest() for p in bundles}
    sender = Sender(instances)
    desk.fail_for(3)  # the helpdesk is down as the run starts, then recovers
    deadline = time.monotonic() + 50
    b_instance = instance_id(b)
    try:
        with concurrent.futures.ThreadPoolExecutor(max_workers=12) as pool:
            futures = []
            for n, bundle in enumerate(bundles):
                futures.append(pool.submit(sender.send, bundle, n, deadline))
                if n % (total // doubles) == 0:  # the same bundle to a second instance at the same instant
                    futures.append(pool.submit(sender.send, bundle, n + 1, deadline))
                if n == 100:
                    # b dies in the middle of ticket work: slow tickets, wait until b holds claims, then SIGKILL
                    desk.ticket_delay = 0.5
                    end = time.monotonic() + 15
                    while claims_of(database, b_instance) == 0 and time.monotonic() < end:
                        time.sleep(0.02)
                    held_by_b = claims_of(database, b_instance)
                    b.stop(kill=True)
                    desk.ticket_delay = 0.0
                if n == 200:
                    c.stop()  # SIGTERM: finishes its uploads, releases its claims, then starts again
                    c.start()
            statuses = [f.result() for f in futures]
        rows = wait_all_ticketed(database, total)
    finally:
        for relay in instances:
            relay.stop()
    assert held_by_b > 0, "b was killed while it held no claims: the takeover was not exercised"
    assert len(statuses) == total + doubles and set(statuses) <= {200, 201, 202}
    # every bundle accepted, recorded once, ticketed
    assert set(rows) == set(sha) and all(r["status"] == "ticketed" for r in rows.values()), [r for r in rows.values() if r["status"] != "ticketed"][:3]
    # one ticket per bundle, carrying the bundle's own bytes
    tickets = desk.by_bundle()
    assert set(tickets) == set(sha)
    assert {k: len(v) for k, v in tickets.items() if len(v) != 1} == {}
    assert all(v[0]["sha256"] == sha[k] for k, v in tickets.items())
    assert desk.refused > 0  # the helpdesk outage did happen
    # one object per bundle in the bucket, the record points to it, and it holds the bundle's bytes
    objects = stored_objects(s3, storage)
    assert len(objects) == total
    assert all(objects[r["storage_key"]] == sha[k] == r["sha256"] for k, r in rows.items())
    # the same bundle sent twice at once got one reference, from whichever instance answered
    for answers in sender.answers.values():
        assert len({body["reference"] for _status, body in answers}) == 1, answers
    # the restarted instance released its claims on SIGTERM and served again
    assert any(e.get("message") == "relay stopped" for e in c.logs())
    assert sum(1 for e in c.logs() if e.get("message") == "relay ready") == 2


def test_database_restart_under_load_makes_instances_unhealthy_then_they_recover(tmp_path, pg, s3, desk):
    database = pg.create_database()
    storage = bucket_for(s3)
    instances = relays(tmp_path, 2, database, storage, desk)
    for relay in instances:
        relay.start()
    total = 60
    bundles = [make_bundle(tmp_path / "bundles" / f"{n}.zip") for n in range(total)]
    sender = Sender(instances)
    deadline = time.monotonic() + 50
    try:
        with concurrent.futures.ThreadPoolExecutor(max_workers=4) as pool:
            futures = [pool.submit(sender.send, bundle, n, deadline) for n, bundle in enumerate(bundles)]
            while len(sender.answers) < 15:
                time.sleep(0.02)
            pg.stop("fast")
            try:
                health = [requests.get(r.url + "/healthz", timeout=5) for r in instances]
                assert [h.status_code for h in health] == [503, 503]
                assert all(h.json()["database"] is False and h.json()["storage"] is True for h in health)
                probe = make_bundle(tmp_path / "probe.zip")
                refused = requests.post(
                    instances[0].url + "/v1/bundles",
                    data=probe.read_bytes(),
                    headers={"Content-Type": "application/zip", "Idempotency-Key": manifest_of(probe)["bundle_id"]},
                    timeout=10,
                )
                assert refused.status_code == 503 and refused.json()["error"] == "queue_unavailable"
                assert int(refused.headers["Retry-After"]) > 0
                end = time.monotonic() + 10  # the database stays down until a sender has been refused (a fixed 1 s before)
                while not any(status == 503 and error == "queue_unavailable" for status, error, _retry in sender.refusals) and time.monotonic() < end:
                    time.sleep(0.05)
            finally:
                pg.start()
            end = time.monotonic() + 20
            while not all(requests.get(r.url + "/healthz", timeout=5).status_code == 200 for r in instances):
                assert time.monotonic() < end, "the relays did not recover by themselves"
                time.sleep(0.2)
            statuses = [f.result() for f in futures]
        rows = wait_all_ticketed(database, total)
    finally:
        for relay in instances:
            relay.stop()
    assert len(statuses) == total
    assert any(status == 503 and error == "queue_unavailable" and retry for status, error, retry in sender.refusals)
    sha = {manifest_of(p)["bundle_id"] for p in bundles}
    assert set(rows) == sha and all(r["status"] == "ticketed" for r in rows.values())
    assert {k: len(v) for k, v in desk.by_bundle().items()} == dict.fromkeys(sha, 1)
    assert all(r.proc is None for r in instances)


def test_instances_starting_together_apply_the_migrations_once(pg):
    from selfcheck_intake.queue_pg import MIGRATIONS, PostgresQueue

    url = pg.create_database()
    with concurrent.futures.ThreadPoolExecutor(6) as pool:
        queues = list(pool.map(lambda _: PostgresQueue(url), range(6)))
    applied = sorted(q.migrations_applied for q in queues)
    assert applied == [[]] * 5 + [[v for v, _ in MIGRATIONS]]
    record, created = queues[0].insert(bundle_id="b-1", sha256="0" * 64, size=1, reference="R", storage_key="k")
    assert created and queues[1].get("b-1") == record
    for q in queues:
        q.close()


def test_a_database_that_is_not_postgresql_is_refused_with_the_key_named(tmp_path):
    from selfcheck_intake.settings import SettingsError, from_dict

    with pytest.raises(SettingsError, match="state.database"):
        from_dict({"state": {"database": "mysql://relay@db/relay"}}, tmp_path)


def test_a_request_code_is_used_once_across_instances(pg):
    from selfcheck_intake import support_requests
    from selfcheck_intake.queue_pg import PostgresQueue

    url = pg.create_database()
    queues = [PostgresQueue(url) for _ in range(4)]
    made = support_requests.create(queues[0], "https://support.example.com", "123", "note")
    digest = support_requests.code_hash(made.code)
    with concurrent.futures.ThreadPoolExecutor(4) as pool:
        states = list(pool.map(lambda i: queues[i].use_request(digest, f"bundle-{i}")[0], range(4)))
    assert sorted(states) == ["ok", "used", "used", "used"]
    winner = f"bundle-{states.index('ok')}"
    assert queues[1].use_request(digest, winner)[0] == "ok"  # the winner's retry
    for q in queues:
        q.close()


def test_sigterm_finishes_the_upload_in_progress_then_releases_the_claims(tmp_path, pg, s3, desk):
    import psycopg

    database = pg.create_database()
    storage = bucket_for(s3)
    [relay] = relays(tmp_path, 1, database, storage, desk, lease=30)
    relay.start()
    claimed = make_bundle(tmp_path / "claimed.zip")
    desk.ticket_delay = 0.8  # the helpdesk is slow: the worker holds its claim while the instance stops
    requests.post(
        relay.url + "/v1/bundles",
        data=claimed.read_bytes(),
        headers={"Content-Type": "application/zip", "Idempotency-Key": manifest_of(claimed)["bundle_id"]},
        timeout=10,
    )
    slow = make_bundle(tmp_path / "slow.zip", {"logs/big.log": os.urandom(200_000)})
    body = slow.read_bytes()
    started = threading.Event()

    def trickle():
        for i in range(0, len(body), 20_000):
            if i:
                started.set()
            yield body[i : i + 20_000]
            time.sleep(0.15)

    answer: list[requests.Response] = []
    upload = threading.Thread(
        target=lambda: answer.append(
            requests.post(
                relay.url + "/v1/bundles",
                data=trickle(),
                headers={"Content-Type": "application/zip", "Idempotency-Key": manifest_of(slow)["bundle_id"]},
                timeout=30,
            )
        )
    )
    upload.start()
    started.wait(10)
    assert relay.proc is not None
    relay.proc.send_signal(15)  # SIGTERM while the upload is half sent and a ticket is being made
    time.sleep(0.3)
    with pytest.raises(requests.ConnectionError):  # no new uploads once it is stopping
        requests.get(relay.url + "/healthz", timeout=2)
    upload.join(30)
    assert relay.proc.wait(timeout=20) in (0, -15)  # uvicorn re-raises SIGTERM after its graceful shutdown
    desk.ticket_delay = 0.0
    assert answer and answer[0].status_code in (201, 202), answer  # the upload in progress was finished and accepted
    with psycopg.connect(database) as conn:
        rows = dict(conn.execute("SELECT bundle_id, status || ':' || coalesce(claimed_by, '-') FROM bundles").fetchall())
    assert rows[manifest_of(slow)["bundle_id"]] in ("pending:-", "ticketed:-")
    assert rows[manifest_of(claimed)["bundle_id"]] in ("pending:-", "ticketed:-")  # nothing left claimed by the stopped instance
    assert any(e.get("message") == "relay stopped" for e in relay.logs())


def test_instances_sharing_postgresql_clear_the_customers_data_of_a_deleted_bundle_and_answer_a_resend_with_its_ticket(tmp_path, pg, desk):
    """The same sweep on the shared queue: the row of a bundle deleted after keep_days loses the customer's e-mail, name,
    words and address; another instance answers a resend of it with the same ticket, and no second ticket is made."""
    import base64
    import json

    import psycopg
    from psycopg.rows import dict_row

    database = pg.create_database()
    first, second = (
        Relay(tmp_path / name, desk.settings(), state={"database": database}, storage={"kind": "local", "path": str(tmp_path / "bundles")})
        for name in ("one", "two")
    )
    bundle = make_bundle(tmp_path / "b.zip")
    key = manifest_of(bundle)["bundle_id"]
    meta = base64.urlsafe_b64encode(json.dumps({"email": "ann@example.org", "name": "Ann Lovelace", "description": "chez Ann"}).encode()).decode()
    headers = {"Content-Type": "application/zip", "Idempotency-Key": key, "X-Selfcheck-Meta": meta.rstrip("=")}
    first.start()
    try:
        assert requests.post(first.url + "/v1/bundles", data=bundle.read_bytes(), headers=headers, timeout=30).status_code in (201, 202)
        ticket = first.wait_ticket(key)["ticket"]
    finally:
        first.stop()
    then = time.time() - 31 * 86400
    (stored,) = (tmp_path / "bundles").glob(f"{key}.*.zip")  # instances sharing a queue version the names
    os.utime(stored, (then, then))

    second.start()
    try:
        end = time.monotonic() + 20
        while (
            not any(e.get("message") == "cleared the customers' data of bundles older than storage.keep_days" for e in second.logs()) and time.monotonic() < end
        ):
            time.sleep(0.05)
        with psycopg.connect(database, row_factory=dict_row) as conn:
            row = conn.execute("SELECT * FROM bundles WHERE bundle_id=%s", (key,)).fetchone()
        assert not stored.exists() and row is not None and row["status"] == "ticketed"
        assert (row["requester_email"], row["requester_name"], row["description"], row["client"]) == (None, None, "", "")
        assert row["deleted"] is not None  # recorded: its agent link answers 410 deleted, not 503 (test_agent_link_pages.py)
        from selfcheck_intake.worker import sign_agent_link

        expires = int(time.time()) + 3600
        signed = {"expires": expires, "sig": sign_agent_link("agent-link-test-secret", key, expires)}
        assert requests.get(f"{second.url}/v1/agent/bundles/{key}", params=signed, timeout=5).json()["error"] == "deleted"
        again = requests.post(second.url + "/v1/bundles", data=bundle.read_bytes(), headers=headers, timeout=30)
        assert again.status_code == 200 and again.json()["ticket"] == ticket
        assert len(desk.tickets) == 1
    finally:
        second.stop()
