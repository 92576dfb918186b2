"""The relay's durable queue: one row per bundle, retries with backoff, recovery after a crash."""

from __future__ import annotations

import sqlite3
import time

import pytest

from selfcheck_intake.queue import HELD, PENDING, REQUEST_OK, TICKETED, WORKING, Queue, QueueUnavailable


def add(queue: Queue, bundle_id: str = "b-0000000001") -> None:
    queue.insert(bundle_id=bundle_id, sha256="0" * 64, size=1, reference="REF", storage_key=f"{bundle_id}.zip")


def test_the_same_bundle_is_one_row(tmp_path):
    queue = Queue(tmp_path / "q.sqlite3")
    add(queue)
    record, created = queue.insert(bundle_id="b-0000000001", sha256="1" * 64, size=2, reference="OTHER", storage_key="x")
    assert not created and record.sha256 == "0" * 64 and record.reference == "REF"


def test_failures_back_off_exponentially_and_a_ticketed_row_is_never_claimed_again(tmp_path):
    queue = Queue(tmp_path / "q.sqlite3")
    add(queue)
    delays = []
    for _ in range(4):
        record = queue.claim_due(now=time.time() + 10_000)
        assert record is not None and record.status == WORKING
        delays.append(queue.mark_failed(record.bundle_id, "down", base=10, cap=1000) - time.time())
    assert 7 < delays[0] < 13 and 60 < delays[3] < 100
    assert queue.claim_due() is None  # not due yet
    record = queue.claim_due(now=time.time() + 10_000)
    assert record is not None
    queue.mark_ticketed(record.bundle_id, "42", "#42", None, True)
    assert queue.claim_due(now=time.time() + 10**9) is None
    assert queue.get(record.bundle_id).status == TICKETED


def test_held_rows_wait_the_longest_interval_then_come_back(tmp_path):
    queue = Queue(tmp_path / "q.sqlite3")
    add(queue)
    record = queue.claim_due()
    next_try = queue.mark_failed(record.bundle_id, "401 bad token", base=10, cap=3600, hold=True)
    assert queue.get(record.bundle_id).status == HELD
    assert 3590 < next_try - time.time() <= 3600
    assert queue.claim_due(now=time.time() + 60) is None
    assert queue.claim_due(now=next_try + 1) is not None


def test_a_crash_mid_attempt_is_recovered_at_the_next_start(tmp_path):
    queue = Queue(tmp_path / "q.sqlite3")
    add(queue, "b-0000000001")
    add(queue, "b-0000000002")
    assert queue.claim_due() is not None  # then the relay dies: the row stays "working"
    second = queue.claim_due()
    queue.mark_failed(second.bundle_id, "down", base=600, cap=600)
    queue.close()
    reopened = Queue(tmp_path / "q.sqlite3")
    assert reopened.recover() == 2
    assert {reopened.claim_due().bundle_id, reopened.claim_due().bundle_id} == {"b-0000000001", "b-0000000002"}
    assert reopened.counts() == {WORKING: 2}
    assert PENDING not in reopened.counts()


def test_a_queue_whose_tables_have_columns_this_version_does_not_know_still_takes_bundles_and_requests(tmp_path):
    """Review of the relay: the SQLite queue read its rows with SELECT * into its record, so a queue with one more column
    than this version knows (made or migrated by a newer relay, then the relay downgraded, as a queue of this version
    would be with its deleted column under an older one) failed every upload and every agent link. Now the queue
    reads the columns it knows by name: a queue with a column more still takes bundles, makes tickets, gives links and
    support requests."""
    import json
    import sqlite3

    import requests

    from selfcheck_intake.worker import sign_agent_link
    from sendkit import Relay, make_bundle, manifest_of

    relay = Relay(tmp_path / "relay", requests={"agent_token": "agent-token"}).start()
    relay.stop()
    db = sqlite3.connect(relay.workdir / "state" / "queue.sqlite3")
    with db:  # a newer relay's columns
        db.execute("ALTER TABLE bundles ADD COLUMN priority INTEGER NOT NULL DEFAULT 0")
        db.execute("ALTER TABLE requests ADD COLUMN made_by TEXT")
    db.close()
    relay.start()
    try:
        bundle = make_bundle(tmp_path / "b.zip")
        key = manifest_of(bundle)["bundle_id"]
        sent = requests.post(
            relay.url + "/v1/bundles", data=bundle.read_bytes(), headers={"Content-Type": "application/zip", "Idempotency-Key": key}, timeout=30
        )
        assert sent.status_code in (201, 202), sent.text
        assert relay.wait_ticket(key)["reference"] == manifest_of(bundle)["reference"]
        expires = int(time.time()) + 3600
        link = {"expires": expires, "sig": sign_agent_link("agent-link-test-secret", key, expires)}
        given = requests.get(f"{relay.url}/v1/agent/bundles/{key}", params=link, timeout=10)
        assert given.status_code == 200 and given.content == bundle.read_bytes()
        made = requests.post(relay.url + "/v1/requests", json={"ticket": "77"}, headers={"Authorization": "Bearer agent-token"}, timeout=10)
        assert made.status_code == 201, made.text
        asked = requests.get(f"{relay.url}/v1/requests/{made.json()['code']}", timeout=10)
        assert asked.status_code == 200 and json.loads(asked.text)["ticket"] == "77"
    finally:
        relay.stop()


def test_a_request_code_used_while_another_program_holds_the_queue_locked_is_queue_unavailable_said_once(tmp_path, caplog):
    """Review of 75453cf3: binding a request code to an upload needs the queue's write lock; another program holding it (a
    backup, an sqlite3 shell left in a transaction) past the busy timeout raised SQLite's own error, a 500 for the
    customer's computer, where PostgreSQL's answers 503 queue_unavailable. Now QueueUnavailable, with one log line that
    says what to do, and the code is used once the lock is gone. Review 47: that line said "cannot read" of a write; it
    says "cannot write to", and "can be written to again" once a write works."""
    queue = Queue(tmp_path / "q.sqlite3", busy_seconds=0.2)
    queue.add_request("h" * 64, "123", "", time.time(), time.time() + 3600)
    other = sqlite3.connect(tmp_path / "q.sqlite3", timeout=0.2, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    try:
        with caplog.at_level("INFO", logger="selfcheck_intake"):
            for _ in range(3):
                with pytest.raises(QueueUnavailable):
                    queue.use_request("h" * 64, "b-0000000001")
        said = [r for r in caplog.records if r.getMessage().startswith("cannot write to the queue database ")]
        assert len(said) == 1 and said[0].levelname == "ERROR", [r.getMessage() for r in caplog.records]
        assert "database is locked" in said[0].getMessage() and "Another program holds it locked" in said[0].getMessage()
        assert not [r for r in caplog.records if "cannot read" in r.getMessage()]
    finally:
        other.execute("ROLLBACK")
        other.close()
    with caplog.at_level("INFO", logger="selfcheck_intake"):
        state, found = queue.use_request("h" * 64, "b-0000000001")
    assert state == REQUEST_OK and found is not None and queue.get_request("h" * 64)["used_by"] == "b-0000000001"
    assert "the queue database can be written to again" in [r.getMessage() for r in caplog.records]
    queue.close()


def test_a_damaged_queue_file_is_not_healthy_and_every_use_of_it_is_queue_unavailable_said_once(tmp_path, caplog):
    """Review of 7c1b3f06: health() ran ``SELECT 1``, which reads no table, so a queue file overwritten with garbage was
    "healthy"; counts, add_request and the ticket worker's calls then raised SQLite's own error (a 500 for /healthz and
    for an agent's new request, a warning at every poll of the workers). Each is now QueueUnavailable, said once in the
    log, and the queue is healthy again once the file is back."""
    import os

    queue = Queue(tmp_path / "q.sqlite3")
    add(queue)
    files = [path for path in tmp_path.glob("q.sqlite3*") if path.stat().st_size]
    kept = {path: path.read_bytes() for path in files}
    for path, data in kept.items():  # in place, as a failing disk would
        with open(path, "r+b") as file:
            file.write(os.urandom(len(data)))
    with caplog.at_level("INFO", logger="selfcheck_intake"):
        assert queue.health() is False
        uses = [
            queue.counts,
            lambda: queue.add_request("h" * 64, "123", "", time.time(), time.time() + 3600),
            queue.claim_due,
            queue.next_due,
            lambda: queue.mark_failed("b-0000000001", "down", 1, 2),
            lambda: queue.mark_ticketed("b-0000000001", "7", "7", None, True),
            lambda: queue.receipt_written("b-0000000001"),
            lambda: add(queue, "b-0000000002"),
        ]
        for use in uses:
            with pytest.raises(QueueUnavailable):
                use()
    said = [r for r in caplog.records if r.getMessage().startswith("cannot read the queue database ")]
    assert len(said) == 1 and "The file is damaged" in said[0].getMessage(), [r.getMessage() for r in caplog.records]
    for path, data in kept.items():
        with open(path, "r+b") as file:
            file.write(data)
    assert queue.health() is True and queue.counts() == {PENDING: 1}
    queue.close()
