"""The relay storing bundles in S3-compatible object storage (moto in server mode on loopback)."""

from __future__ import annotations

import base64
import json
import time
import uuid

import requests
from werkzeug import Request, Response

from sendkit import Relay, make_bundle, manifest_of


def test_bundles_go_to_s3_and_the_connector_gets_the_same_bytes(tmp_path, s3, httpserver):
    endpoint, client, bucket = s3
    attachments = []

    def create(request: Request) -> Response:
        doc = json.loads(request.get_data())
        attachments.append(base64.b64decode(next(iter(doc["attachments"][0].values())).split(",", 1)[1]))
        return Response("1001", 201)

    httpserver.expect_request("/api/tickets.json", method="POST").respond_with_handler(create)
    storage = {
        "kind": "s3",
        "bucket": bucket,
        "prefix": "incoming/",
        "endpoint_url": endpoint,
        "access_key_id": "env:AWS_ACCESS_KEY_ID",
        "secret_access_key": "env:AWS_SECRET_ACCESS_KEY",
    }
    helpdesk = {"kind": "osticket", "url": httpserver.url_for("/").rstrip("/"), "api_key": "k", "default_email": "x@example.org"}
    relay = Relay(tmp_path / "relay", helpdesk, storage=storage).start()
    try:
        bundle = make_bundle(tmp_path / "b.zip")
        key = manifest_of(bundle)["bundle_id"]
        r = requests.post(relay.url + "/v1/bundles", data=bundle.read_bytes(), headers={"Content-Type": "application/zip", "Idempotency-Key": key}, timeout=30)
        assert r.status_code in (201, 202), r.text
        assert relay.wait_ticket(key)["ticket"]["reference"] == "#1001"
        stored = client.get_object(Bucket=bucket, Key=f"incoming/{key}.zip")["Body"].read()
        assert stored == bundle.read_bytes()
        assert attachments == [bundle.read_bytes()]
        assert not (relay.workdir / "bundles").exists()  # nothing kept on the relay's disk
        assert list((relay.workdir / "state" / "spool").iterdir()) == []
        assert requests.get(relay.url + "/healthz", timeout=5).json()["storage"] is True
        assert "testing" not in relay.log.read_text()
    finally:
        relay.stop()


def test_object_store_down_answers_503_and_the_client_keeps_the_bundle(tmp_path, s3):
    from sendkit import client_config, run_cli

    endpoint, client, bucket = s3
    storage = {"kind": "s3", "bucket": bucket, "endpoint_url": endpoint, "access_key_id": "testing", "secret_access_key": "testing"}
    relay = Relay(tmp_path / "relay", storage=storage, env={"AWS_MAX_ATTEMPTS": "1"}).start()
    try:
        bundle = make_bundle(tmp_path / "b.zip")
        key = manifest_of(bundle)["bundle_id"]
        storage_missing = {"Content-Type": "application/zip", "Idempotency-Key": key}
        client.delete_bucket(Bucket=bucket)  # the object store refuses every write now
        r = requests.post(relay.url + "/v1/bundles", data=bundle.read_bytes(), headers=storage_missing, timeout=60)
        assert r.status_code == 503 and r.json()["error"] == "storage_unavailable"
        assert requests.get(f"{relay.url}/v1/bundles/{key}", timeout=5).status_code == 503  # cannot tell: storage is down
        assert not any(e["message"] == "bundle accepted" for e in relay.logs())  # nothing half-accepted
        cfg = client_config(tmp_path / "c.toml", relay.url)
        proc = run_cli("send", str(bundle), "--config", str(cfg), home=tmp_path / "home")
        assert proc.returncode == 4 and "error 503" in proc.stdout
    finally:
        relay.stop()


def test_two_relay_instances_sharing_a_bucket_make_one_ticket(tmp_path, s3, httpserver):
    endpoint, _client, bucket = s3
    tickets = []

    def create(request: Request) -> Response:
        tickets.append(request.get_data())
        return Response(str(2000 + len(tickets)), 201)

    httpserver.expect_request("/api/tickets.json", method="POST").respond_with_handler(create)
    storage = {"kind": "s3", "bucket": bucket, "endpoint_url": endpoint, "access_key_id": "testing", "secret_access_key": "testing"}
    helpdesk = {"kind": "osticket", "url": httpserver.url_for("/").rstrip("/"), "api_key": "k", "default_email": "x@example.org"}
    a = Relay(tmp_path / "a", helpdesk, storage=storage).start()
    b = Relay(tmp_path / "b", helpdesk, storage=storage).start()
    try:
        bundle = make_bundle(tmp_path / "b.zip")
        key = manifest_of(bundle)["bundle_id"]
        headers = {"Content-Type": "application/zip", "Idempotency-Key": key}
        assert requests.post(a.url + "/v1/bundles", data=bundle.read_bytes(), headers=headers, timeout=30).status_code in (201, 202)
        a.wait_ticket(key)
        seen_by_b = requests.get(f"{b.url}/v1/bundles/{key}", timeout=5)
        assert seen_by_b.status_code == 200 and seen_by_b.json()["ticket"]["reference"] == "#2001"
        again = requests.post(b.url + "/v1/bundles", data=bundle.read_bytes(), headers=headers, timeout=30)  # a retry the load balancer sent to b
        assert again.status_code == 200 and again.json()["reference"] == manifest_of(bundle)["reference"]
        other = make_bundle(tmp_path / "c.zip", bundle_id=key, files={"x.txt": b"different"})
        assert requests.post(b.url + "/v1/bundles", data=other.read_bytes(), headers=headers, timeout=30).status_code == 409
        assert len(tickets) == 1
        assert not any(e["message"] == "ticket ready" for e in b.logs())
    finally:
        a.stop()
        b.stop()


def test_a_relay_aborts_the_uploads_a_killed_instance_left_unfinished_and_deletes_bundles_past_their_time(tmp_path, s3, httpserver, monkeypatch):
    """A bundle over 8 MB goes to the bucket as a multipart upload; an instance killed during it leaves its parts there,
    unlisted and billed, for ever. And a bundle whose ticket exists stayed in the bucket for ever too."""
    from s3server import age_object, age_upload, truthful_upload_times

    endpoint, client, bucket = s3
    truthful_upload_times(monkeypatch)
    storage = {"kind": "s3", "bucket": bucket, "prefix": "incoming/", "endpoint_url": endpoint, "access_key_id": "testing", "secret_access_key": "testing"}
    httpserver.expect_request("/api/tickets.json", method="POST").respond_with_data("1001", status=201)
    helpdesk = {"kind": "osticket", "url": httpserver.url_for("/").rstrip("/"), "api_key": "k", "default_email": "x@example.org"}
    relay = Relay(tmp_path / "relay", helpdesk, storage=storage).start()  # the tickets hold the bundles (test_link_only_retention.py: the others)
    old, young = make_bundle(tmp_path / "old.zip"), make_bundle(tmp_path / "young.zip")
    try:
        for bundle in (old, young):
            key = manifest_of(bundle)["bundle_id"]
            r = requests.post(
                relay.url + "/v1/bundles", data=bundle.read_bytes(), headers={"Content-Type": "application/zip", "Idempotency-Key": key}, timeout=30
            )
            assert r.status_code in (201, 202), r.text
            relay.wait_ticket(key)
    finally:
        relay.stop()
    old_key, young_key = (f"incoming/{manifest_of(b)['bundle_id']}.zip" for b in (old, young))
    elsewhere = str(uuid.uuid4())  # another instance's bundle (its own SQLite queue), its ticket not made yet
    elsewhere_key = f"incoming/{elsewhere}.zip"
    client.put_object(Bucket=bucket, Key=elsewhere_key, Body=old.read_bytes())
    client.put_object(Bucket=bucket, Key=f"incoming/receipts/{elsewhere}.json", Body=json.dumps({"bundle_id": elsewhere, "status": "pending"}).encode())
    age_object(bucket, old_key, 31)  # keep_days is 30 by default
    age_object(bucket, young_key, 29)
    age_object(bucket, elsewhere_key, 31)
    done, unknown = str(uuid.uuid4()), str(uuid.uuid4())  # another instance's, its ticket holding it; one no receipt names
    for name in (done, unknown):
        client.put_object(Bucket=bucket, Key=f"incoming/{name}.zip", Body=old.read_bytes())
        age_object(bucket, f"incoming/{name}.zip", 31)
    ticket = {"id": "7", "reference": "#7", "attached": True}
    receipt = {"bundle_id": done, "status": "ticketed", "ticket": ticket}
    client.put_object(Bucket=bucket, Key=f"incoming/receipts/{done}.json", Body=json.dumps(receipt).encode())

    def upload(key: str) -> str:
        upload_id = client.create_multipart_upload(Bucket=bucket, Key=key)["UploadId"]
        client.upload_part(Bucket=bucket, Key=key, UploadId=upload_id, PartNumber=1, Body=b"PK\x03\x04" + b"x" * 1000)
        return upload_id

    stale = upload(f"incoming/{uuid.uuid4()}.zip")  # a killed instance's, two days ago
    fresh = upload(f"incoming/{uuid.uuid4()}.zip")  # maybe another instance uploading now
    foreign = upload(f"backups/{uuid.uuid4()}.zip")  # another application's, outside the relay's prefix
    for upload_id in (stale, foreign):
        age_upload(bucket, upload_id, 2)

    relay.start()
    try:
        end = time.monotonic() + 20
        while time.monotonic() < end and not {"aborted unfinished uploads a stopped relay left", "deleted bundles older than storage.keep_days"} <= {
            e.get("message") for e in relay.logs()
        }:
            time.sleep(0.1)
        left = {u["UploadId"] for u in client.list_multipart_uploads(Bucket=bucket).get("Uploads", [])}
        assert stale not in left and {fresh, foreign} <= left
        keys = {o["Key"] for o in client.list_objects_v2(Bucket=bucket).get("Contents", [])}
        assert old_key not in keys and young_key in keys and elsewhere_key in keys
        assert f"incoming/{done}.zip" not in keys and f"incoming/{unknown}.zip" in keys  # no record of its ticket: kept
        assert {f"incoming/receipts/{manifest_of(b)['bundle_id']}.json" for b in (old, young)} <= keys  # a resend still gets its first answer
        said = [
            e for e in relay.logs() if e.get("message") in ("aborted unfinished uploads a stopped relay left", "deleted bundles older than storage.keep_days")
        ]
        assert [e["count"] for e in said] == [1, 2], said
        assert not any(manifest_of(old)["bundle_id"] in json.dumps(e) for e in said)  # counts, never names
    finally:
        relay.stop()


def test_a_receipt_the_bucket_refused_to_mark_ticketed_is_written_by_the_hourly_sweep(tmp_path, s3, httpserver, monkeypatch):
    """Instances with queues of their own share the bucket and its receipts. When the bucket refused the receipt's
    update to ticketed, only a warning was logged: another instance answered the customer 'pending' for ever, and kept
    the bundle for ever once its own instance was gone. Now the sweep writes it, at start and every hour."""
    import asyncio
    import threading

    from moto.s3.exceptions import S3AccessDeniedError
    from moto.s3.models import S3Backend

    from s3server import age_object
    from selfcheck_intake import leftovers
    from selfcheck_intake.app import build_app
    from selfcheck_intake.settings import load

    endpoint, client, bucket = s3
    refusing, refused = threading.Event(), []
    put = S3Backend.put_object

    def put_object(self, bucket_name, key_name, value, *args, **kwargs):  # the bucket refuses the receipt's update only
        if refusing.is_set() and "/receipts/" in key_name and b'"ticketed"' in bytes(value):
            refused.append(key_name)
            raise S3AccessDeniedError()
        return put(self, bucket_name, key_name, value, *args, **kwargs)

    monkeypatch.setattr(S3Backend, "put_object", put_object)
    refusing.set()
    httpserver.expect_request("/api/tickets.json", method="POST").respond_with_data("1001", status=201)
    storage = {"kind": "s3", "bucket": bucket, "prefix": "incoming/", "endpoint_url": endpoint, "access_key_id": "testing", "secret_access_key": "testing"}
    helpdesk = {"kind": "osticket", "url": httpserver.url_for("/").rstrip("/"), "api_key": "k", "default_email": "x@example.org"}
    a = Relay(tmp_path / "a", helpdesk, storage=storage).start()
    b = Relay(tmp_path / "b", helpdesk, storage=storage)
    bundle = make_bundle(tmp_path / "b.zip")
    key = manifest_of(bundle)["bundle_id"]

    def receipt() -> dict:
        return json.loads(client.get_object(Bucket=bucket, Key=f"incoming/receipts/{key}.json")["Body"].read())

    try:
        r = requests.post(a.url + "/v1/bundles", data=bundle.read_bytes(), headers={"Content-Type": "application/zip", "Idempotency-Key": key}, timeout=30)
        assert r.status_code in (201, 202), r.text
        assert a.wait_ticket(key)["ticket"]["reference"] == "#1001"
        end = time.monotonic() + 20
        while not refused and time.monotonic() < end:
            time.sleep(0.05)
        assert refused and receipt()["status"] == "pending"
    finally:
        a.stop()

    monkeypatch.setattr(leftovers, "SWEEP_SECONDS", 0.05)
    app = build_app(load(a.config))  # instance a again, its sweep every 50 ms instead of every hour

    async def sweeps() -> None:
        async with app.router.lifespan_context(app):
            for _ in range(400):  # the sweep at start: the bucket still refuses
                if len(refused) > 1:
                    break
                await asyncio.sleep(0.05)
            refusing.clear()
            for _ in range(400):
                if receipt()["status"] == "ticketed":
                    break
                await asyncio.sleep(0.05)

    asyncio.run(sweeps())
    assert len(refused) > 1, "the sweep never tried the receipt again"
    assert receipt()["status"] == "ticketed" and receipt()["ticket"]["reference"] == "#1001"

    age_object(bucket, f"incoming/{key}.zip", 31)  # instance a is gone for good; b deletes what is past its time
    b.start()
    try:
        seen = requests.get(f"{b.url}/v1/bundles/{key}", timeout=5).json()
        assert seen["status"] == "ticketed" and seen["ticket"]["reference"] == "#1001"  # was "pending" for ever
        end = time.monotonic() + 20
        while not any(e.get("message") == "deleted bundles older than storage.keep_days" for e in b.logs()) and time.monotonic() < end:
            time.sleep(0.1)
        assert f"incoming/{key}.zip" not in {o["Key"] for o in client.list_objects_v2(Bucket=bucket).get("Contents", [])}
    finally:
        b.stop()
