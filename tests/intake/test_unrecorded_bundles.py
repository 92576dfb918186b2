"""A bundle the relay stored but could not record. Review of the relay: the upload stored the bundle, then the queue's write
failed (a database full, read-only or gone): the customer's computer was told 503 and kept it, but the stored copy stayed
with no row, so the retention sweep, which deletes only what the queue records, kept the customer's data for ever; with a
bucket, the receipt written with it then answered the resend as accepted, and no ticket was ever made. Now a bundle the
queue could not record is removed with its receipt, and the resend is recorded and ticketed."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
import requests

from pgserver import PostgresServer, unavailable_reason
from sendkit import Relay, make_bundle, manifest_of

#: triggers that make the queue refuse every new bundle: "no such function" (an OperationalError: the database cannot
#: write now) and a constraint (any other error of the database)
REFUSALS = {
    "unavailable": "CREATE TRIGGER refuse BEFORE INSERT ON bundles BEGIN SELECT no_such_function(); END",
    "error": "CREATE TRIGGER refuse BEFORE INSERT ON bundles BEGIN SELECT RAISE(ABORT, 'disk I/O error'); END",
}


def _send(relay: Relay, bundle: Path) -> requests.Response:
    key = manifest_of(bundle)["bundle_id"]
    return requests.post(relay.url + "/v1/bundles", data=bundle.read_bytes(), headers={"Content-Type": "application/zip", "Idempotency-Key": key}, timeout=60)


def _refuse(relay: Relay, refusal: str | None) -> None:
    with sqlite3.connect(relay.workdir / "state" / "queue.sqlite3") as db:
        db.execute(REFUSALS[refusal] if refusal else "DROP TRIGGER refuse")


@pytest.mark.parametrize("refusal", sorted(REFUSALS))
def test_a_bundle_the_queue_could_not_record_is_not_kept_in_the_folder_and_its_resend_is_ticketed(tmp_path, refusal):
    relay = Relay(tmp_path / "relay").start()
    bundles = tmp_path / "relay" / "bundles"
    try:
        bundle = make_bundle(tmp_path / "b.zip")
        key = manifest_of(bundle)["bundle_id"]
        _refuse(relay, refusal)
        refused = _send(relay, bundle)
        assert refused.status_code == 503 and refused.json()["error"] == "queue_unavailable", refused.text
        assert refused.headers["retry-after"]
        assert sorted(p.name for p in bundles.iterdir()) == []  # nothing kept that no row records
        assert requests.get(f"{relay.url}/v1/bundles/{key}", timeout=5).status_code == 404
        _refuse(relay, None)
        assert _send(relay, bundle).status_code in (201, 202)  # the customer's computer sends it again
        assert relay.wait_ticket(key)["reference"] == manifest_of(bundle)["reference"]
        assert sorted(p.name for p in bundles.iterdir()) == [f"{key}.zip"]
    finally:
        relay.stop()


def test_with_a_bucket_neither_the_bundle_nor_its_receipt_stays_so_the_resend_gets_a_ticket(tmp_path, s3):
    endpoint, client, bucket = s3
    storage = {"kind": "s3", "bucket": bucket, "prefix": "incoming/", "endpoint_url": endpoint, "access_key_id": "testing", "secret_access_key": "testing"}
    relay = Relay(tmp_path / "relay", storage=storage).start()
    try:
        bundle = make_bundle(tmp_path / "b.zip")
        key = manifest_of(bundle)["bundle_id"]
        _refuse(relay, "unavailable")
        assert _send(relay, bundle).status_code == 503
        assert client.list_objects_v2(Bucket=bucket).get("Contents", []) == []  # no bundle, no receipt
        _refuse(relay, None)
        assert _send(relay, bundle).status_code in (201, 202)  # not answered from a receipt with no row behind it
        assert relay.wait_ticket(key)["status"] == "ticketed"
        objects = {o["Key"] for o in client.list_objects_v2(Bucket=bucket).get("Contents", [])}
        assert objects == {f"incoming/{key}.zip", f"incoming/receipts/{key}.json"}
    finally:
        relay.stop()


@pytest.mark.skipif(unavailable_reason() is not None, reason=str(unavailable_reason()))
def test_instances_sharing_a_postgresql_queue_keep_no_bundle_it_could_not_record(tmp_path, s3):
    import psycopg

    pg = PostgresServer().init().start()
    try:
        database = pg.create_database()
        endpoint, client, bucket = s3
        storage = {"kind": "s3", "bucket": bucket, "prefix": "incoming/", "endpoint_url": endpoint, "access_key_id": "testing", "secret_access_key": "testing"}
        relay = Relay(tmp_path / "relay", storage=storage, state={"database": database, "connect_seconds": 20}).start()
        try:
            bundle = make_bundle(tmp_path / "b.zip")
            key = manifest_of(bundle)["bundle_id"]
            with psycopg.connect(database, autocommit=True) as db:  # the database's disk is full
                db.execute(
                    "CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'disk full' USING ERRCODE = 'disk_full'; END $$"
                )
                db.execute("CREATE TRIGGER refuse BEFORE INSERT ON bundles FOR EACH ROW EXECUTE FUNCTION refuse()")
            refused = _send(relay, bundle)
            assert refused.status_code == 503 and refused.json()["error"] == "queue_unavailable", refused.text
            assert client.list_objects_v2(Bucket=bucket).get("Contents", []) == []
            with psycopg.connect(database, autocommit=True) as db:
                db.execute("DROP TRIGGER refuse ON bundles")
            assert _send(relay, bundle).status_code in (201, 202)
            assert relay.wait_ticket(key)["status"] == "ticketed"
            assert [o["Key"] for o in client.list_objects_v2(Bucket=bucket).get("Contents", [])] == [f"incoming/{key}.{_sha16(bundle)}.zip"]
        finally:
            relay.stop()
    finally:
        pg.cleanup()


def _sha16(bundle: Path) -> str:
    import hashlib

    return hashlib.sha256(bundle.read_bytes()).hexdigest()[:16]


def test_a_receipt_is_removed_even_when_the_bucket_keeps_the_bundle_so_the_resend_is_not_answered_accepted_without_a_ticket(tmp_path, s3, monkeypatch):
    """Second review of the relay: a bundle the queue could not record was removed, then its receipt; a bucket refusing to
    delete the bundle (its object locked, a policy, a moment it refused) left the receipt too, with no row behind it:
    the resend was answered "accepted, ticket pending" from that receipt, the customer told it was sent, and no ticket
    was ever made. Now the receipt goes first, whatever becomes of the bundle: the resend is recorded and ticketed."""
    from moto.s3.exceptions import AccessDeniedByLock
    from moto.s3.models import S3Backend

    endpoint, client, bucket = s3
    storage = {"kind": "s3", "bucket": bucket, "prefix": "incoming/", "endpoint_url": endpoint, "access_key_id": "testing", "secret_access_key": "testing"}
    relay = Relay(tmp_path / "relay", storage=storage).start()
    delete_object = S3Backend.delete_object

    def bundles_locked(self, bucket_name, key_name, *args, **kwargs):
        if key_name.endswith(".zip"):
            raise AccessDeniedByLock()
        return delete_object(self, bucket_name, key_name, *args, **kwargs)

    try:
        bundle = make_bundle(tmp_path / "b.zip")
        key = manifest_of(bundle)["bundle_id"]
        _refuse(relay, "unavailable")
        monkeypatch.setattr(S3Backend, "delete_object", bundles_locked)
        assert _send(relay, bundle).status_code == 503
        assert f"incoming/{key}.zip" in {o["Key"] for o in client.list_objects_v2(Bucket=bucket).get("Contents", [])}  # the bucket kept it
        monkeypatch.setattr(S3Backend, "delete_object", delete_object)
        _refuse(relay, None)
        resent = _send(relay, bundle)
        assert resent.status_code in (201, 202), resent.text  # recorded, not 200 from a receipt with no row behind it
        assert relay.wait_ticket(key)["status"] == "ticketed"
    finally:
        relay.stop()


def test_a_receipt_is_removed_when_the_queue_cannot_say_whether_it_has_the_bundle(tmp_path, s3, monkeypatch):
    """Second review of the relay: a bundle whose record failed was kept with its receipt when the queue could not even
    be read (its table gone, the file replaced): the resend was then answered "accepted, ticket pending" from the receipt,
    and no ticket was ever made. This instance's own queue wrote nothing (a statement that fails writes nothing): the
    receipt goes, the bundle may stay (the resend stores it again), and the resend is recorded and ticketed."""
    from moto.s3.models import S3Backend

    endpoint, client, bucket = s3
    storage = {"kind": "s3", "bucket": bucket, "prefix": "incoming/", "endpoint_url": endpoint, "access_key_id": "testing", "secret_access_key": "testing"}
    relay = Relay(tmp_path / "relay", storage=storage).start()
    put_object = S3Backend.put_object

    def queue_lost_with_the_receipt(self, bucket_name, key_name, *args, **kwargs):
        done = put_object(self, bucket_name, key_name, *args, **kwargs)
        if "/receipts/" in key_name:  # the queue's table goes while the relay stores: its record, and its reading, fail
            with sqlite3.connect(relay.workdir / "state" / "queue.sqlite3") as db:
                db.execute("ALTER TABLE bundles RENAME TO bundles_away")
        return done

    try:
        bundle = make_bundle(tmp_path / "b.zip")
        key = manifest_of(bundle)["bundle_id"]
        monkeypatch.setattr(S3Backend, "put_object", queue_lost_with_the_receipt)
        refused = _send(relay, bundle)
        assert refused.status_code == 503 and refused.json()["error"] == "queue_unavailable", refused.text
        monkeypatch.setattr(S3Backend, "put_object", put_object)
        with sqlite3.connect(relay.workdir / "state" / "queue.sqlite3") as db:
            db.execute("ALTER TABLE bundles_away RENAME TO bundles")
        resent = _send(relay, bundle)
        assert resent.status_code in (201, 202), resent.text  # recorded, not 200 from a receipt with no row behind it
        assert relay.wait_ticket(key)["status"] == "ticketed"
    finally:
        relay.stop()


@pytest.mark.skipif(unavailable_reason() is not None, reason=str(unavailable_reason()))
def test_a_copy_the_bucket_refuses_to_remove_after_another_instance_recorded_the_id_first_answers_503_not_a_server_error(tmp_path, s3, monkeypatch):
    """Review of the relay: two different bundles sent under one id to two instances at the same instant; the one whose
    record came second removes its copy (no row records it). That removal was not guarded: a bucket refusing it (an
    object lock, a policy) answered 500, with a traceback in the log. Now it answers as any storage error (503
    storage_unavailable with Retry-After: the customer's computer keeps the bundle and asks again, then gets 409), and the
    log says which copy no row records, to remove by hand."""
    from moto.s3.exceptions import AccessDeniedByLock
    from moto.s3.models import S3Backend

    from selfcheck_intake.queue import TICKETED
    from selfcheck_intake.queue_pg import PostgresQueue

    pg = PostgresServer().init().start()
    try:
        database = pg.create_database()
        endpoint, client, bucket = s3
        storage = {"kind": "s3", "bucket": bucket, "prefix": "incoming/", "endpoint_url": endpoint, "access_key_id": "testing", "secret_access_key": "testing"}
        relay = Relay(tmp_path / "relay", storage=storage, state={"database": database, "connect_seconds": 20}).start()
        other = PostgresQueue(database)  # the instance that records the id first
        bundle = make_bundle(tmp_path / "b.zip")
        key = manifest_of(bundle)["bundle_id"]
        ours = f"incoming/{key}.{_sha16(bundle)}.zip"
        put_object, delete_object = S3Backend.put_object, S3Backend.delete_object

        def the_other_instance_records_first(self, bucket_name, key_name, *args, **kwargs):
            done = put_object(self, bucket_name, key_name, *args, **kwargs)
            if key_name == ours:  # stored; before its record, another instance records another bundle under the id
                values = {"sha256": "f" * 64, "size": 1, "reference": manifest_of(bundle)["reference"], "storage_key": f"incoming/{key}.{'f' * 16}.zip"}
                other.insert(bundle_id=key, status=TICKETED, ticket_id="4711", ticket_reference="#4711", attached=1, **values)
            return done

        def bundles_locked(self, bucket_name, key_name, *args, **kwargs):
            if key_name.endswith(".zip"):
                raise AccessDeniedByLock()
            return delete_object(self, bucket_name, key_name, *args, **kwargs)

        try:
            monkeypatch.setattr(S3Backend, "put_object", the_other_instance_records_first)
            monkeypatch.setattr(S3Backend, "delete_object", bundles_locked)
            refused = _send(relay, bundle)
            assert refused.status_code == 503 and refused.json()["error"] == "storage_unavailable", refused.text
            assert int(refused.headers["retry-after"]) > 0
            [said] = [e for e in relay.logs() if e.get("storage_key") == ours]
            assert said["level"] == "warning" and said["bundle_id"] == key and "remove it from the storage yourself" in said["message"], said
            assert "AccessDenied" in said["error"], said
            assert "Traceback" not in relay.log.read_text()
            monkeypatch.setattr(S3Backend, "put_object", put_object)
            monkeypatch.setattr(S3Backend, "delete_object", delete_object)
            again = _send(relay, bundle)  # the customer's computer asks again: another bundle has this id
            assert again.status_code == 409 and again.json()["error"] == "idempotency_conflict", again.text
        finally:
            other.close()
            relay.stop()
    finally:
        pg.cleanup()
