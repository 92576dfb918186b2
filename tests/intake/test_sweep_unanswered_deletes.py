"""The retention sweep's deletes that the storage did not answer, or that found the bundle gone already. Review of the
relay: the sweep records a deletion, deletes, and clears the record of every bundle the storage did not say it deleted.
A delete that went through but whose answer was lost (the bucket slow past the read timeout, the connection cut) cleared
the record of a bundle that was gone: its agent link then said "Nothing has been deleted: try again in a few minutes"
(503) for good, where it should say when it was deleted (410). The same with a folder two instances share: the one that
came second found the file gone and cleared the record the first had written. Now only a delete the storage refused
clears the record; one not answered keeps it (the bundle, while still there, is given), and the next sweep deletes what
is left; one that finds the bundle gone counts as done."""

from __future__ import annotations

import json
import os
import sqlite3
import time
import uuid

from test_agent_link_pages import _asgi_get

DAY = 86400
API = {"Accept": "application/json"}
ZIP = b"PK\x05\x06" + b"\0" * 18  # an empty zip


def _relay(tmp_path, storage: dict[str, object] | None = None):
    from selfcheck_intake.app import build_app
    from selfcheck_intake.settings import from_dict

    tables: dict[str, dict[str, object]] = {"state": {"path": str(tmp_path / "state")}, "agent_links": {"secret": "s"}}
    settings = from_dict({**tables, **({"storage": storage} if storage else {})}, tmp_path)
    app = build_app(settings)
    return settings, app


def _ticketed(settings, queue, key: str, storage_key: str) -> None:
    """A bundle whose ticket holds it, stored and ticketed 31 days ago: past storage.keep_days (30)."""
    queue.insert(bundle_id=key, sha256="0" * 64, size=len(ZIP), reference="K7H-94W-XCM", storage_key=storage_key)
    queue.mark_ticketed(key, "4711", "#4711", None, True)
    then = time.time() - 31 * DAY
    db = sqlite3.connect(settings.db_path)
    with db:
        db.execute("UPDATE bundles SET created=?, updated=? WHERE bundle_id=?", (then, then, key))
    db.close()


def _link(app, key: str) -> tuple[int, dict[str, str], bytes]:
    from selfcheck_intake.worker import sign_agent_link

    expires = int(time.time()) + 3600
    return _asgi_get(app, f"/v1/agent/bundles/{key}?expires={expires}&sig={sign_agent_link('s', key, expires)}", API)


def test_a_delete_the_bucket_did_not_answer_keeps_its_record_and_the_next_sweep_deletes_what_is_left(tmp_path, s3):
    from botocore.exceptions import ReadTimeoutError

    from s3server import age_object
    from selfcheck_intake import retention

    endpoint, client, bucket = s3
    storage = {"kind": "s3", "bucket": bucket, "prefix": "incoming/", "endpoint_url": endpoint, "access_key_id": "testing", "secret_access_key": "testing"}
    settings, app = _relay(tmp_path, storage)
    relay = app.state.relay
    events = relay.storage.client.meta.events  # the relay's own client: its answer lost as a read timeout loses it, no clock

    def stored() -> str:
        key = str(uuid.uuid4())
        client.put_object(Bucket=bucket, Key=f"incoming/{key}.zip", Body=ZIP)
        age_object(bucket, f"incoming/{key}.zip", 31)
        _ticketed(settings, relay.queue, key, f"incoming/{key}.zip")
        return key

    def there(key: str) -> bool:
        return f"incoming/{key}.zip" in {o["Key"] for o in client.list_objects_v2(Bucket=bucket).get("Contents", [])}

    def answer_lost(**_kwargs):  # the bucket deleted it; its answer never reached the relay
        raise ReadTimeoutError(endpoint_url=endpoint)

    def never_sent(**_kwargs):  # the bucket never did it, nor answered
        raise ReadTimeoutError(endpoint_url=endpoint)

    try:
        gone = stored()
        events.register("after-call.s3.DeleteObjects", answer_lost)
        retention.sweep_storage(settings, relay.storage, relay.queue)
        events.unregister("after-call.s3.DeleteObjects", answer_lost)
        assert not there(gone)
        status, _headers, body = _link(app, gone)
        assert status == 410 and json.loads(body)["error"] == "deleted", (status, body)  # not 503 "nothing has been deleted"

        left = stored()
        events.register("before-call.s3.DeleteObjects", never_sent)
        retention.sweep_storage(settings, relay.storage, relay.queue)
        events.unregister("before-call.s3.DeleteObjects", never_sent)
        assert there(left)
        status, _headers, body = _link(app, left)
        assert status == 302, (status, body)  # still there: the link gives it

        retention.sweep_storage(settings, relay.storage, relay.queue)  # the next sweep
        assert not there(left)
        assert [_link(app, key)[0] for key in (gone, left)] == [410, 410]
    finally:
        relay.queue.close()


def test_a_bundle_another_instance_deleted_first_from_a_shared_folder_answers_deleted_not_503(tmp_path):
    from selfcheck_intake import retention

    settings, app = _relay(tmp_path)
    relay = app.state.relay
    key = str(uuid.uuid4())
    file = tmp_path / "state" / "bundles" / f"{key}.zip"
    file.write_bytes(ZIP)
    then = time.time() - 31 * DAY
    os.utime(file, (then, then))
    _ticketed(settings, relay.queue, key, file.name)
    delete_stored = relay.storage.delete_stored

    def second(keys: list[str]):
        file.unlink()  # the other instance's sweep, listing the same folder, was first
        return delete_stored(keys)

    relay.storage.delete_stored = second
    try:
        retention.sweep_storage(settings, relay.storage, relay.queue)
        status, _headers, body = _link(app, key)
        assert status == 410 and json.loads(body)["error"] == "deleted", (status, body)
    finally:
        relay.queue.close()
