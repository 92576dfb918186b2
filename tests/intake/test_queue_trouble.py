"""The relay's SQLite queue locked by another program or damaged, seen from the sweep, the start, the customer's page and
the desktop app; the bucket failing (not refusing) the sweep's deletes; ``rate_per_minute = 0``. Review 47 of the relay:

- the sweep's and the start's uses of the queue raised SQLite's own errors: the sweep logged a line of its own for each
  (none naming the file nor what to do), a release at shutdown blamed a lease SQLite has not, and a damaged file stopped
  the relay at its start with a traceback. Now the queue says it once, naming the file and what to do, and the rest adds
  nothing; a damaged file at the start is one plain line (exit 2);
- a queue locked at the start held the start back 30 s, and the bundles a killed relay was working on then stayed
  "working" for good (no ticket until the next restart). Now the workers make them due again once the lock is gone;
- the customer's page /r/{code} waited up to 30 s behind a ticket worker waiting for the lock (one connection, one
  lock): what answers a person uses a connection of its own that waits 3 s, the workers keep their patient 30 s;
- a bucket answering 5xx to a sweep of more than 1,000 bundles counted the bundles after the first thousand as refused
  and told the admin to grant s3:DeleteObject: a 5xx is the bucket failing; said so, and the next sweep tries again;
- "cannot read the queue database" was said of a failed write: "cannot write to" now;
- ``rate_per_minute = 0`` never let a client in again after its burst, while the page said to try again in two hours:
  0 sets no limit, as 0 turns a limit off elsewhere in the settings."""

from __future__ import annotations

import base64
import json
import logging
import os
import sqlite3
import time
import uuid
from pathlib import Path

import pytest
import requests
from test_sweep_unanswered_deletes import ZIP, _link, _relay, _ticketed

from sendkit import Relay, make_bundle, manifest_of

DAY = 86400
AGENT_TOKEN = "agent-token-for-tests"
#: a bound far below SQLite's 30 s busy timeout (which the page waited), far above the 3 s the person's paths wait
ANSWER_WITHIN = 15


def _damage(database: Path) -> None:
    """The queue's files overwritten in place, as a failing disk would."""
    for path in database.parent.glob(database.name + "*"):
        size = path.stat().st_size
        if size:
            with open(path, "r+b") as file:
                file.write(os.urandom(size))


def _lines(caplog) -> list[logging.LogRecord]:
    return [r for r in caplog.records if r.name.startswith("selfcheck_intake") and r.levelno >= logging.WARNING]


def test_a_damaged_queue_is_said_once_by_the_sweep_and_the_shutdown_with_its_file_and_what_to_do(tmp_path, caplog):
    settings, app = _relay(tmp_path)
    relay = app.state.relay
    key = str(uuid.uuid4())
    file = tmp_path / "state" / "bundles" / f"{key}.zip"
    file.write_bytes(ZIP)
    then = time.time() - 31 * DAY
    os.utime(file, (then, then))
    _ticketed(settings, relay.queue, key, file.name)
    _damage(settings.db_path)
    from selfcheck_intake import retention

    try:
        with caplog.at_level("INFO", logger="selfcheck_intake"):
            for _ in range(2):  # the first sweep, then the next hour's
                retention.sweep_storage(settings, relay.storage, relay.queue, overdue=relay.overdue)
            relay.workers.stop(deadline=time.monotonic())  # the shutdown releases the claims
        said = _lines(caplog)
        assert len(said) == 1, [r.getMessage() for r in said]
        message = said[0].getMessage()
        assert message.startswith(f"cannot read the queue database {settings.db_path} ("), message
        assert "The file is damaged: stop the relay, copy queue.sqlite3 and its -wal and -shm files aside" in message, message
        assert "the retention sweep deletes nothing" in message, message
        assert not [r for r in caplog.records if r.exc_info], "a traceback for an expected condition"
        assert file.exists()  # nothing deleted without the queue's record
    finally:
        relay.queue.close()


def test_a_relay_started_on_a_damaged_queue_says_which_file_and_what_to_do_in_one_line_not_a_traceback(tmp_path):
    relay = Relay(tmp_path / "relay").start()
    relay.stop()
    database = relay.workdir / "state" / "queue.sqlite3"
    _damage(database)
    relay.start(wait=False)
    assert relay.proc is not None and relay.proc.wait(timeout=60) == 2, relay.log.read_text()[-2000:]
    log = relay.log.read_text()
    assert "Traceback" not in log, log[-3000:]
    started = [e for e in relay.logs() if e.get("message", "").startswith("cannot start: ")]
    assert len(started) == 1, log[-3000:]
    assert started[0]["message"].startswith(f"cannot start: cannot read the queue database {database} (")
    assert "The file is damaged" in started[0]["message"]


def test_a_relay_started_while_its_queue_is_locked_serves_and_the_bundle_it_was_working_on_gets_its_ticket(tmp_path):
    relay = Relay(tmp_path / "relay").start()
    try:
        bundle = make_bundle(tmp_path / "b.zip")
        key = manifest_of(bundle)["bundle_id"]
        sent = requests.post(
            relay.url + "/v1/bundles", data=bundle.read_bytes(), headers={"Content-Type": "application/zip", "Idempotency-Key": key}, timeout=30
        )
        assert sent.status_code in (201, 202), sent.text
        relay.wait_ticket(key)
    finally:
        relay.stop()
    database = relay.workdir / "state" / "queue.sqlite3"
    with sqlite3.connect(database) as db:  # killed while it was making the ticket
        db.execute("UPDATE bundles SET status='working', ticket_id=NULL, ticket_reference=NULL, ticket_url=NULL, attached=NULL WHERE bundle_id=?", (key,))
    other = sqlite3.connect(database, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # a backup, an sqlite3 shell left in a transaction
    try:
        relay.start(wait=False)
        relay.wait_ready(timeout=ANSWER_WITHIN)  # it waited 30 s for the lock before it answered
        status = requests.get(f"{relay.url}/v1/bundles/{key}", timeout=ANSWER_WITHIN)
        assert status.status_code == 200 and status.json()["status"] == "pending", status.text
    finally:
        other.execute("ROLLBACK")
        other.close()
    try:
        assert relay.wait_ticket(key, timeout=60)["ticket"] is not None  # it stayed "working" until the next restart
        assert "Traceback" not in relay.log.read_text()
    finally:
        relay.stop()


def test_the_paths_that_answer_a_person_wait_seconds_for_a_lock_and_the_workers_thirty(tmp_path):
    from selfcheck_intake.queue import Queue

    queue = Queue(tmp_path / "q.sqlite3")
    try:
        assert queue._quick.execute("PRAGMA busy_timeout").fetchone()[0] == 3000
        assert queue._db.execute("PRAGMA busy_timeout").fetchone()[0] == 30000
    finally:
        queue.close()


def _upload(relay: Relay, bundle: Path, code: str) -> requests.Response:
    meta = base64.urlsafe_b64encode(json.dumps({"request": code}).encode()).decode().rstrip("=")
    headers = {"Content-Type": "application/zip", "Idempotency-Key": manifest_of(bundle)["bundle_id"], "X-Selfcheck-Meta": meta}
    return requests.post(relay.url + "/v1/bundles", data=bundle.read_bytes(), headers=headers, timeout=ANSWER_WITHIN)


def test_a_queue_locked_by_another_program_answers_the_customers_page_and_the_app_within_seconds(tmp_path):
    relay = Relay(tmp_path / "relay", requests={"agent_token": AGENT_TOKEN}).start()
    agent = {"Authorization": f"Bearer {AGENT_TOKEN}"}
    try:
        made = requests.post(relay.url + "/v1/requests", json={"ticket": "77"}, headers=agent, timeout=10)
        assert made.status_code == 201, made.text
        code = made.json()["code"]
        other = sqlite3.connect(relay.workdir / "state" / "queue.sqlite3", isolation_level=None)
        other.execute("BEGIN IMMEDIATE")
        try:
            time.sleep(1)  # the ticket worker, polling every 0.2 s, now waits for the lock with its patient 30 s
            # released only after these answers: each comes while the lock is held, within seconds
            page = requests.get(f"{relay.url}/r/{code}", headers={"Accept-Language": "fr-FR,fr;q=0.9"}, timeout=ANSWER_WITHIN)
            assert page.status_code == 200 and "Ouvrir le programme qui vérifie cet ordinateur" in page.text, page.text
            app = requests.get(f"{relay.url}/v1/requests/{code}", timeout=ANSWER_WITHIN)
            assert app.status_code == 200 and app.json()["ticket"] == "77"
            sent = _upload(relay, make_bundle(tmp_path / "b.zip"), code)  # the code is bound in a write: the lock refuses it
            assert sent.status_code == 503 and sent.json()["error"] == "queue_unavailable" and sent.headers["Retry-After"], sent.text
            again = requests.post(relay.url + "/v1/requests", json={"ticket": "78"}, headers=agent, timeout=ANSWER_WITHIN)
            assert again.status_code == 503 and again.json()["error"] == "queue_unavailable", again.text
        finally:
            other.execute("ROLLBACK")
            other.close()
        assert _upload(relay, make_bundle(tmp_path / "b.zip"), code).status_code in (201, 202)  # the lock gone: sent
        said = [e["message"] for e in relay.logs() if e.get("logger") == "selfcheck_intake.queue" and e.get("level") == "error"]
        assert len(said) == 1 and said[0].startswith("cannot write to the queue database "), said
        assert "the queue database can be written to again" in [e["message"] for e in relay.logs()]
    finally:
        relay.stop()


def test_a_bucket_failing_a_sweep_of_over_a_thousand_bundles_is_said_failing_not_refusing_and_the_next_sweep_deletes_them(tmp_path, s3, monkeypatch):
    from moto.s3.models import S3Backend

    from s3server import stored_long_ago
    from selfcheck_intake import retention

    endpoint, client, bucket = s3
    storage = {"kind": "s3", "bucket": bucket, "prefix": "incoming/", "endpoint_url": endpoint, "access_key_id": "testing", "secret_access_key": "testing"}
    settings, app = _relay(tmp_path, storage)
    relay = app.state.relay
    keys = [str(uuid.uuid4()) for _ in range(1001)]  # two DeleteObjects requests: 1,000 keys, then 1
    for key in keys:  # stored 31 days ago (straight into the bucket: the sweep lists and deletes them through the server)
        stored_long_ago(bucket, f"incoming/{key}.zip", ZIP, 31)
    then = time.time() - 31 * DAY
    with sqlite3.connect(settings.db_path) as db:  # each ticketed 31 days ago, its ticket holding it
        db.executemany(
            "INSERT INTO bundles (bundle_id, sha256, size, reference, storage_key, status, ticket_id, ticket_reference, attached, created, updated)"
            " VALUES (?, ?, ?, 'K7H-94W-XCM', ?, 'ticketed', '4711', '#4711', 1, ?, ?)",
            [(key, "0" * 64, len(ZIP), f"incoming/{key}.zip", then, then) for key in keys],
        )
    real = S3Backend.delete_objects

    def failing(self, *args, **kwargs):  # the bucket's own trouble: moto answers 500 Internal Server Error
        raise RuntimeError("the bucket's disk is failing")

    def stored() -> int:
        return sum(len(page.get("Contents", [])) for page in client.get_paginator("list_objects_v2").paginate(Bucket=bucket, Prefix="incoming/"))

    records = logging.getLogger("selfcheck_intake")
    caught: list[logging.LogRecord] = []
    handler = logging.Handler(logging.WARNING)
    handler.emit = caught.append  # type: ignore[method-assign]
    records.addHandler(handler)
    try:
        monkeypatch.setattr(S3Backend, "delete_objects", failing)
        retention.sweep_storage(settings, relay.storage, relay.queue, overdue=relay.overdue)
        said = [r.getMessage() for r in caught]
        assert len(said) == 1, said
        assert said[0].startswith(f"cannot delete bundles older than storage.keep_days now: the bucket {bucket} answered 500: it is failing, not refusing"), (
            said
        )
        assert "the next sweep, in an hour, tries again" in said[0] and "s3:DeleteObject" not in said[0], said
        assert relay.overdue.count == 0  # /healthz: "retention": true, no bundle said refused
        assert stored() == 1001
        assert _link(app, keys[-1])[0] == 302  # not asked to delete: no deletion recorded, the link gives it

        monkeypatch.setattr(S3Backend, "delete_objects", real)
        retention.sweep_storage(settings, relay.storage, relay.queue, overdue=relay.overdue)  # the next sweep
        assert stored() == 0
        assert [_link(app, key)[0] for key in (keys[0], keys[-1])] == [410, 410]
        assert len(caught) == 1, [r.getMessage() for r in caught]
    finally:
        records.removeHandler(handler)
        relay.queue.close()


def test_a_rate_of_zero_a_minute_sets_no_limit_so_no_page_says_to_come_back_in_hours(tmp_path):
    relay = Relay(
        tmp_path / "relay", limits={"rate_per_minute": 0, "rate_burst": 1}, requests={"agent_token": AGENT_TOKEN, "rate_per_minute": 0, "rate_burst": 1}
    )
    relay.start()
    try:
        made = requests.post(relay.url + "/v1/requests", json={"ticket": "77"}, headers={"Authorization": f"Bearer {AGENT_TOKEN}"}, timeout=10)
        code = made.json()["code"]
        pages = [requests.get(f"{relay.url}/r/{code}", timeout=10) for _ in range(3)]
        assert [page.status_code for page in pages] == [200, 200, 200], pages[-1].text
        for name in ("a", "b"):
            bundle = make_bundle(tmp_path / f"{name}.zip")
            key = manifest_of(bundle)["bundle_id"]
            sent = requests.post(
                relay.url + "/v1/bundles", data=bundle.read_bytes(), headers={"Content-Type": "application/zip", "Idempotency-Key": key}, timeout=30
            )
            assert sent.status_code in (201, 202), sent.text
    finally:
        relay.stop()


@pytest.mark.parametrize("table", ["limits", "requests"])
def test_a_negative_rate_stops_the_relay_at_its_start_with_what_it_may_be(table):
    from selfcheck_intake.settings import SettingsError, from_dict

    with pytest.raises(SettingsError, match=rf"^{table}\.rate_per_minute must be a number, 0 or more \(0 sets no limit\), not -1"):
        from_dict({table: {"rate_per_minute": -1}})
