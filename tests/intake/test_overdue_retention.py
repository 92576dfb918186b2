"""A storage folder that refuses the retention sweep's deletes. Review of the relay: a folder whose permissions refuse to
delete (its owner changed by a restore, a disk remounted read-only, an append-only flag) kept every bundle past
storage.keep_days, and the sweep tried again every hour without a word in the log: customers' data outlived the
retention the relay's settings promise, and nobody knew. Now the log says which folder refuses and what to do, at the
first sweep that meets it and once a day while it lasts (not every hour), and /healthz says it (``"retention": false``)."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import subprocess
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests
from test_agent_link_pages import _aged, _asgi_get, _send
from test_sweep_unanswered_deletes import ZIP, _relay, _ticketed

from sendkit import Relay, make_bundle

REFUSES = "cannot delete bundles older than storage.keep_days: the storage folder "
AGAIN = "the storage deletes the bundles older than storage.keep_days again"


@contextlib.contextmanager
def refusing_deletes(folder: Path) -> Iterator[None]:
    """The folder refuses to delete its files: append-only (root deletes nothing from it either), or without write
    permission for a user who is not root."""
    if os.geteuid() == 0:
        if shutil.which("chattr") is None:
            pytest.skip("chattr (e2fsprogs) is needed to make a folder refuse deletes to root")
        made = subprocess.run(["chattr", "+a", str(folder)], capture_output=True, text=True)
        if made.returncode != 0:
            pytest.skip(f"this file system cannot make a folder append-only: {made.stderr.strip()}")
    else:
        folder.chmod(0o500)
    try:
        yield
    finally:
        if os.geteuid() == 0:
            subprocess.run(["chattr", "-a", str(folder)], check=True)
        else:
            folder.chmod(0o700)


def _health(relay: Relay) -> dict[str, object]:
    answer = requests.get(relay.url + "/healthz", timeout=5)
    assert answer.status_code == 200, answer.text  # the instance still serves: not taken out of a load balancer
    return answer.json()


def test_a_folder_that_refuses_the_sweeps_deletes_is_said_in_the_log_and_in_healthz(tmp_path):
    relay = Relay(tmp_path / "relay").start()  # helpdesk none: the ticket holds the link only, kept 180 days
    bundles = tmp_path / "relay" / "bundles"
    try:
        key = _send(relay, make_bundle(tmp_path / "b.zip"))
        relay.wait_ticket(key)
        assert _health(relay)["retention"] is True
    finally:
        relay.stop()
    _aged(relay, key, 181, bundles / f"{key}.zip")  # past its time
    with refusing_deletes(bundles):
        relay.start()
        try:
            end = time.monotonic() + 20  # the sweep at start-up runs once the relay answers
            while not [e for e in relay.logs() if e.get("message", "").startswith(REFUSES)] and time.monotonic() < end:
                time.sleep(0.05)
            [said] = [e for e in relay.logs() if e.get("message", "").startswith(REFUSES)]  # one JSON line, as every line
            assert said["level"] == "warning" and said["logger"] == "selfcheck_intake.retention" and said["count"] == 1, said
            assert said["message"].startswith(f"{REFUSES}{bundles} (storage.path) refuses to delete them ("), said
            assert "Let the relay's user delete files there" in said["message"] and f"lsattr -d {bundles}" in said["message"], said
            assert (bundles / f"{key}.zip").exists()
            health = _health(relay)
            assert health["retention"] is False and health["overdue"] == 1 and health["status"] == "ok", health
            assert "Traceback" not in relay.log.read_text()
        finally:
            relay.stop()
    relay.start()  # the folder mended: the next sweep deletes it
    try:
        end = time.monotonic() + 20
        while (bundles / f"{key}.zip").exists() and time.monotonic() < end:
            time.sleep(0.05)
        assert not (bundles / f"{key}.zip").exists()
        health = _health(relay)
        assert health["retention"] is True and "overdue" not in health, health
    finally:
        relay.stop()


def test_the_sweep_says_a_refusing_folder_once_a_day_not_every_hour_and_says_when_it_deletes_again(tmp_path, caplog):
    """The sweep runs every hour: the warning is said at the first sweep that meets the refusal, then again a day later
    while it lasts; /healthz says it at every moment; once the folder deletes again, one line says so."""
    from selfcheck_intake import retention
    from selfcheck_intake.logs import JsonFormatter

    settings, app = _relay(tmp_path)
    relay = app.state.relay
    clock = [1000.0]
    relay.overdue.clock = lambda: clock[0]
    key = str(uuid.uuid4())
    file = tmp_path / "state" / "bundles" / f"{key}.zip"
    file.write_bytes(ZIP)
    then = time.time() - 31 * 86400
    os.utime(file, (then, then))
    _ticketed(settings, relay.queue, key, file.name)

    def sweep() -> list[str]:
        caplog.clear()
        with caplog.at_level("INFO", logger="selfcheck_intake"):
            retention.sweep_storage(settings, relay.storage, relay.queue, overdue=relay.overdue)
        return [json.loads(JsonFormatter().format(r))["message"] for r in caplog.records if r.name == "selfcheck_intake.retention"]

    def health() -> dict[str, object]:
        status, _headers, body = _asgi_get(app, "/healthz", {})
        assert status == 200, body
        return json.loads(body)

    try:
        with refusing_deletes(file.parent):
            said = sweep()
            assert len([m for m in said if m.startswith(REFUSES)]) == 1, said
            for hour in range(1, 24):  # every hour of that day: no new warning, /healthz says it all the while
                clock[0] += 3600
                assert not [m for m in sweep() if m.startswith(REFUSES)], hour
                assert health()["overdue"] == 1
            clock[0] += 3600  # a day later, still refused: said again
            assert len([m for m in sweep() if m.startswith(REFUSES)]) == 1
            assert health()["retention"] is False
        said = sweep()
        assert AGAIN in said and not [m for m in said if m.startswith(REFUSES)], said
        assert not file.exists() and health()["retention"] is True
    finally:
        relay.queue.close()


@pytest.mark.parametrize("refusal", ["key by key", "the whole request"])
def test_a_bucket_that_refuses_the_sweeps_deletes_is_said_once_with_its_name_and_what_to_do(tmp_path, s3, caplog, monkeypatch, refusal):
    """Review of 75453cf3: a bucket refusing the sweep's deletes (an object lock, credentials without s3:DeleteObject) was
    warned about twice at the first sweep: the S3 code's own line ("cannot delete bundles older than storage.keep_days",
    with neither the bucket nor what to do), then the sweep's. Now one line, the sweep's, naming the bucket and the
    permission, whether the bucket refuses each key (200 with errors) or the whole request (403)."""
    from moto.s3.exceptions import AccessDeniedByLock, S3AccessDeniedError
    from moto.s3.models import S3Backend

    from s3server import age_object
    from selfcheck_intake import retention

    endpoint, client, bucket = s3
    storage = {"kind": "s3", "bucket": bucket, "prefix": "incoming/", "endpoint_url": endpoint, "access_key_id": "testing", "secret_access_key": "testing"}
    settings, app = _relay(tmp_path, storage)
    relay = app.state.relay
    key = str(uuid.uuid4())
    client.put_object(Bucket=bucket, Key=f"incoming/{key}.zip", Body=ZIP)
    age_object(bucket, f"incoming/{key}.zip", 31)
    _ticketed(settings, relay.queue, key, f"incoming/{key}.zip")

    def locked(self, bucket_name, key_name, *args, **kwargs):  # each key refused, the request answered 200
        raise AccessDeniedByLock()

    def denied(self, *args, **kwargs):  # the request refused whole: 403
        raise S3AccessDeniedError()

    if refusal == "key by key":
        monkeypatch.setattr(S3Backend, "delete_object", locked)
    else:
        monkeypatch.setattr(S3Backend, "delete_objects", denied)
    try:
        with caplog.at_level("INFO", logger="selfcheck_intake"):
            retention.sweep_storage(settings, relay.storage, relay.queue, overdue=relay.overdue)
        warned = [r.getMessage() for r in caplog.records if r.levelname == "WARNING" and r.name.startswith("selfcheck_intake")]
        assert len(warned) == 1, warned
        assert warned[0].startswith(f"cannot delete bundles older than storage.keep_days: the bucket {bucket} refuses to delete them (")
        assert "Give the relay's credentials s3:DeleteObject on the bucket (under incoming/)" in warned[0], warned
        assert f"incoming/{key}.zip" in {o["Key"] for o in client.list_objects_v2(Bucket=bucket).get("Contents", [])}
        assert relay.overdue.count == 1
    finally:
        relay.queue.close()
