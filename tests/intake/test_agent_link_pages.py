"""The link to a customer's bundle in a ticket, as an agent's browser opens it. Before, its refusals were JSON shown raw
in the browser ({"error": "deleted", "reason": "This bundle was deleted: ..."}), and a storage that could not be read (a
folder not mounted, a bucket refusing) answered 410 deleted: the agent asked the customer for a new bundle while the
first one was still there. Now a browser reads a short page in its language saying what happened and what to do, API
clients keep JSON, and only a bundle the sweep recorded deleting answers 410; a storage that cannot be read answers 503."""

from __future__ import annotations

import html
import json
import os
import re
import sqlite3
import threading
import time
import uuid
from pathlib import Path
from types import SimpleNamespace

import requests
from werkzeug import Request, Response

from sendkit import Relay, make_bundle, manifest_of

DAY = 86400
DELETED = "deleted bundles older than storage.keep_days"
CLEARED = "cleared the customers' data of bundles older than storage.keep_days"
UNREADABLE = "cannot read a bundle from the storage: agent links answer 503 until it can"
BROWSER = {"Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"}
ENGLISH = {**BROWSER, "Accept-Language": "en-GB,en;q=0.9"}
FRENCH = {**BROWSER, "Accept-Language": "fr-FR,fr;q=0.9,en;q=0.8"}
API = {"Accept": "application/json"}
SECURITY = {
    "content-security-policy": "default-src 'none'; style-src 'unsafe-inline'; img-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    "referrer-policy": "no-referrer",
    "x-content-type-options": "nosniff",
    "cache-control": "no-store",
}
UNREACHABLE = "The storage where this relay keeps the bundles cannot be reached right now. Nothing has been deleted: try again in a few minutes."


def _send(relay: Relay, bundle: Path) -> str:
    key = manifest_of(bundle)["bundle_id"]
    answer = requests.post(relay.url + "/v1/bundles", data=bundle.read_bytes(), headers={"Content-Type": "application/zip", "Idempotency-Key": key}, timeout=30)
    assert answer.status_code in (201, 202), answer.text
    return key


def _aged(relay: Relay, key: str, days: float, file: Path | None = None) -> None:
    """The bundle stored, and its ticket made, ``days`` ago (its file, when the storage is a folder)."""
    then = time.time() - days * DAY
    if file is not None:
        os.utime(file, (then, then))
    with sqlite3.connect(relay.workdir / "state" / "queue.sqlite3") as db:
        db.execute("UPDATE bundles SET created=?, updated=? WHERE bundle_id=?", (then, then, key))


def _said(relay: Relay, message: str, times: int = 1) -> None:
    end = time.monotonic() + 20
    while sum(e.get("message") == message for e in relay.logs()) < times and time.monotonic() < end:
        time.sleep(0.05)
    assert sum(e.get("message") == message for e in relay.logs()) == times, relay.log.read_text()[-2000:]


def _link(relay: Relay, key: str, headers: dict[str, str], *, expires: int | None = None, sig: str | None = None) -> requests.Response:
    from selfcheck_intake.worker import sign_agent_link

    expires = int(time.time()) + 3600 if expires is None else expires
    sig = sign_agent_link("agent-link-test-secret", key, expires) if sig is None else sig
    return requests.get(f"{relay.url}/v1/agent/bundles/{key}", params={"expires": expires, "sig": sig}, headers=headers, timeout=30, allow_redirects=False)


def _words(answer: requests.Response) -> str:
    """What the browser shows: the text of the page's body."""
    body = answer.text.split("<body>", 1)[-1]
    return re.sub(r"[ \t\n]+", " ", html.unescape(re.sub(r"<[^>]+>", " ", body))).strip()  # no-break spaces kept


def _a_page(answer: requests.Response, status: int, lang: str) -> str:
    assert answer.status_code == status, answer.text
    assert answer.headers["content-type"].startswith("text/html")
    assert {name: answer.headers.get(name) for name in SECURITY} == SECURITY  # as the request page sends
    assert answer.headers["content-language"] == lang
    words = _words(answer)
    assert "{" not in words and '"error"' not in answer.text and "reason" not in words  # no JSON
    return words


def _osticket(httpserver) -> dict[str, object]:
    """A fake osTicket that takes attachments up to 20,000 bytes."""
    tickets: list[int] = []

    def helpdesk(request: Request) -> Response:
        tickets.append(1)
        return Response(str(1000 + len(tickets)), 201)

    httpserver.expect_request("/api/tickets.json", method="POST").respond_with_handler(helpdesk)
    return {"kind": "osticket", "url": httpserver.url_for("/").rstrip("/"), "api_key": "k", "default_email": "x@example.org", "attach_max_bytes": 20000}


def test_a_browser_following_the_link_of_a_deleted_bundle_reads_when_it_went_and_what_to_do(tmp_path, httpserver):
    relay = Relay(tmp_path / "relay", _osticket(httpserver)).start()  # keep_days 30, keep_days_link_only 180
    try:
        attached = _send(relay, make_bundle(tmp_path / "small.zip"))
        linked = _send(relay, make_bundle(tmp_path / "large.zip", {"capture.pcap": os.urandom(60000)}))  # over the attachment limit
        assert relay.wait_ticket(attached)["ticket"]["attached"] is True
        assert relay.wait_ticket(linked)["ticket"]["attached"] is False
    finally:
        relay.stop()
    bundles = relay.workdir / "bundles"
    _aged(relay, attached, 31, bundles / f"{attached}.zip")
    _aged(relay, linked, 181, bundles / f"{linked}.zip")
    relay.start()
    try:
        _said(relay, DELETED)
        words = _a_page(_link(relay, linked, ENGLISH), 410, "en")
        assert re.fullmatch(
            r"A customer's diagnostic bundle This customer's diagnostic bundle was deleted on [A-Z][a-z]+ \d{1,2}, \d{4}, 181 days after its ticket "
            r"was made, as this relay's settings ask\. The ticket has only this link, and there is no other copy\. Ask the customer to send a new "
            r"one from the program\.",
            words,
        ), words
        words = _a_page(_link(relay, attached, FRENCH), 410, "fr")
        assert re.fullmatch(
            r"Le dossier de diagnostic d’un client Le dossier de diagnostic de ce client a été supprimé de ce serveur relais le \d{1,2} [a-zéû]+ "
            r"\d{4}, 31 jours après la création de son ticket, comme le demandent ses réglages\. Le ticket l’a toujours\u00a0: ouvrez le fichier "
            r"joint au ticket\.",
            words,
        ), words

        api = _link(relay, linked, API)  # an API client still gets JSON, now with the date
        assert api.status_code == 410 and api.headers["content-type"] == "application/json"
        assert api.json()["error"] == "deleted" and "the relay has no other copy" in api.json()["reason"]
        assert time.strptime(api.json()["deleted_at"], "%Y-%m-%dT%H:%M:%SZ")
        assert _link(relay, attached, {}).json()["error"] == "deleted"  # no Accept at all: JSON
    finally:
        relay.stop()


def test_a_browser_following_a_link_that_is_not_valid_reads_to_use_the_link_in_the_ticket(tmp_path):
    relay = Relay(tmp_path / "relay").start()
    try:
        key = _send(relay, make_bundle(tmp_path / "b.zip"))
        relay.wait_ticket(key)
        expired = _a_page(_link(relay, key, ENGLISH, expires=int(time.time()) - 60), 403, "en")
        assert expired.endswith(
            "This link to a customer's diagnostic bundle is not valid, or it has expired. Open the link in the ticket again, copied whole. "
            "If it still does not work, ask the customer to send a new bundle from the program."
        )
        forged = _a_page(_link(relay, key, FRENCH, sig="0" * 64), 403, "fr")
        assert forged.endswith(
            "n’est pas valable, ou il a expiré. Ouvrez de nouveau le lien du ticket, copié en entier. S’il ne marche toujours pas, "
            "demandez au client d’envoyer un nouveau dossier depuis le programme."
        )
        hostile = _link(relay, '<img src=x onerror="alert(1)">', ENGLISH, sig="<b>")  # nothing of the request is echoed
        assert hostile.status_code == 403 and "<img" not in hostile.text and "<b>" not in hostile.text and "alert" not in hostile.text
        api = _link(relay, key, API, sig="0" * 64)
        assert api.status_code == 403 and api.json() == {"error": "forbidden", "reason": "This link is not valid or has expired."}
        assert _link(relay, key, BROWSER).status_code == 200  # the link itself gives the bundle
    finally:
        relay.stop()


def test_a_storage_folder_gone_or_not_mounted_answers_503_and_the_sweep_deletes_and_records_nothing(tmp_path):
    relay = Relay(tmp_path / "relay").start()  # helpdesk none: the ticket holds the link only, kept 180 days
    bundles, away = tmp_path / "relay" / "bundles", tmp_path / "relay" / "bundles-away"
    try:
        key = _send(relay, make_bundle(tmp_path / "b.zip"))
        relay.wait_ticket(key)
        bundles.rename(away)  # the folder is gone (a disk not there)
        words = _a_page(_link(relay, key, ENGLISH), 503, "en")
        assert words.endswith(UNREACHABLE)
        assert _link(relay, key, FRENCH).headers["retry-after"] == "60"
        api = _link(relay, key, API)
        assert api.status_code == 503 and api.json()["error"] == "storage_unavailable" and api.headers["retry-after"] == "60"
        bundles.mkdir()  # a mount point with nothing mounted on it: an empty folder
        assert _words(_link(relay, key, ENGLISH)).endswith(UNREACHABLE)
        assert [e.get("message") for e in relay.logs()].count(UNREADABLE) == 1  # once, not at every click
    finally:
        relay.stop()
    _aged(relay, key, 181, away / f"{key}.zip")  # past its time: a sweep that could read the folder would delete it
    relay.start()
    try:
        _said(relay, CLEARED)  # the start-up sweep is over
        assert not any(e.get("message") == DELETED for e in relay.logs())
        assert _link(relay, key, API).status_code == 503  # not recorded deleted
        bundles.rmdir()
        away.rename(bundles)  # mounted again
        back = _link(relay, key, BROWSER)
        assert back.status_code == 200 and back.content == (bundles / f"{key}.zip").read_bytes()
        assert _link(relay, str(uuid.uuid4()), API).status_code == 404  # a bundle never sent, no record: still 404
    finally:
        relay.stop()


def test_a_bucket_refusing_to_be_read_answers_503_and_the_sweep_deletes_and_records_nothing(tmp_path, s3, monkeypatch):
    """The bucket answers 403 AccessDenied to everything (the relay's keys revoked or rotated): not a missing bundle."""
    from moto.s3.exceptions import S3AccessDeniedError
    from moto.s3.models import S3Backend

    from s3server import age_object

    endpoint, client, bucket = s3
    refusing = threading.Event()
    get_bucket = S3Backend.get_bucket

    def refused(self, bucket_name):
        if refusing.is_set():
            raise S3AccessDeniedError()
        return get_bucket(self, bucket_name)

    monkeypatch.setattr(S3Backend, "get_bucket", refused)
    storage = {"kind": "s3", "bucket": bucket, "prefix": "incoming/", "endpoint_url": endpoint, "access_key_id": "testing", "secret_access_key": "testing"}
    relay = Relay(tmp_path / "relay", storage=storage).start()
    try:
        key = _send(relay, make_bundle(tmp_path / "b.zip"))
        relay.wait_ticket(key)
        refusing.set()
        assert _words(_link(relay, key, ENGLISH)).endswith(UNREACHABLE)
        assert _link(relay, key, API).status_code == 503
    finally:
        relay.stop()
    refusing.clear()
    age_object(bucket, f"incoming/{key}.zip", 181)
    _aged(relay, key, 181)
    refusing.set()
    relay.start(wait=False)  # /healthz says 503 while the bucket refuses
    try:
        _said(relay, CLEARED)  # the start-up sweep is over
        assert not any(e.get("message") == DELETED for e in relay.logs())
        _a_page(_link(relay, key, FRENCH), 503, "fr")
        refusing.clear()
        assert f"incoming/{key}.zip" in {o["Key"] for o in client.list_objects_v2(Bucket=bucket).get("Contents", [])}
        back = _link(relay, key, BROWSER)  # not recorded deleted: the link works again
        assert back.status_code == 302 and requests.get(back.headers["location"], timeout=10).content == (tmp_path / "b.zip").read_bytes()
    finally:
        relay.stop()


def test_an_instance_whose_bundle_another_instance_deleted_answers_410_with_the_date_not_503(tmp_path, s3, httpserver):
    """Instances with queues of their own sharing a bucket: another one deletes a bundle whose ticket holds it, by its
    receipt; the deletion is recorded in the receipt, and the first instance's link reads it."""
    from s3server import age_object

    endpoint, client, bucket = s3
    storage = {"kind": "s3", "bucket": bucket, "prefix": "incoming/", "endpoint_url": endpoint, "access_key_id": "testing", "secret_access_key": "testing"}
    desk = _osticket(httpserver)
    a = Relay(tmp_path / "a", desk, storage=storage).start()
    b = Relay(tmp_path / "b", desk, storage=storage)
    try:
        key = _send(a, make_bundle(tmp_path / "b.zip"))
        assert a.wait_ticket(key)["ticket"]["attached"] is True
    finally:
        a.stop()
    age_object(bucket, f"incoming/{key}.zip", 31)
    _aged(a, key, 31)
    b.start()  # a is gone; b deletes what is past its time
    try:
        _said(b, DELETED)
        assert f"incoming/{key}.zip" not in {o["Key"] for o in client.list_objects_v2(Bucket=bucket).get("Contents", [])}
        assert "deleted" in json.loads(client.get_object(Bucket=bucket, Key=f"incoming/receipts/{key}.json")["Body"].read())
        answer = requests.get(f"{b.url}/v1/bundles/{key}", timeout=5).json()  # what b answers a resend from the receipt: unchanged
        assert answer["status"] == "ticketed" and "deleted" not in answer and "sha256" not in answer
        a.start()
        words = _a_page(_link(a, key, ENGLISH), 410, "en")
        assert re.search(r"was deleted from this relay on [A-Z][a-z]+ \d{1,2}, \d{4}, 31 days after its ticket was made", words), words
    finally:
        a.stop()
        b.stop()


def test_a_deletion_the_queue_cannot_record_deletes_nothing_so_the_link_never_answers_503_for_good(tmp_path):
    """Review of ed36b115: the sweep deleted the bundles, then recorded it. When the queue refused that write (a disk full,
    a database gone for a moment, the relay stopped between the two), the bundle was gone with no record: its link said
    "Nothing has been deleted: try again in a few minutes" for good, and the next sweeps could not list it to record it.
    Now the deletion is recorded first: a write refused deletes nothing, and the next sweep deletes and records it."""
    relay = Relay(tmp_path / "relay").start()  # helpdesk none: the ticket holds the link only, kept 180 days
    bundles = tmp_path / "relay" / "bundles"
    try:
        key = _send(relay, make_bundle(tmp_path / "b.zip"))
        relay.wait_ticket(key)
    finally:
        relay.stop()
    _aged(relay, key, 181, bundles / f"{key}.zip")
    with sqlite3.connect(relay.workdir / "state" / "queue.sqlite3") as db:  # the queue refuses to record a deletion
        db.execute("CREATE TRIGGER refuse BEFORE UPDATE OF deleted ON bundles WHEN NEW.deleted IS NOT NULL BEGIN SELECT RAISE(ABORT, 'disk full'); END")
    relay.start()
    try:
        _said(relay, CLEARED)  # the start-up sweep is over
        assert not any(e.get("message") == DELETED for e in relay.logs())
        assert (bundles / f"{key}.zip").exists()
        back = _link(relay, key, BROWSER)  # not deleted: the link still gives it
        assert back.status_code == 200 and back.content == (tmp_path / "b.zip").read_bytes()
    finally:
        relay.stop()
    with sqlite3.connect(relay.workdir / "state" / "queue.sqlite3") as db:
        db.execute("DROP TRIGGER refuse")
    relay.start()
    try:
        _said(relay, DELETED)
        assert not (bundles / f"{key}.zip").exists()
        words = _a_page(_link(relay, key, ENGLISH), 410, "en")
        assert "was deleted on" in words and "181 days after its ticket was made" in words
    finally:
        relay.stop()


def test_another_instances_receipt_with_a_deletion_date_that_is_no_date_is_answered_without_a_server_error(tmp_path, s3):
    """Everything in the bucket is hostile input: a receipt whose "deleted" is not a time (1e300, NaN) made the link answer
    500 Internal Server Error, the traceback in the log."""
    endpoint, client, bucket = s3
    storage = {"kind": "s3", "bucket": bucket, "prefix": "incoming/", "endpoint_url": endpoint, "access_key_id": "testing", "secret_access_key": "testing"}
    relay = Relay(tmp_path / "relay", storage=storage).start()
    try:
        key = _send(relay, make_bundle(tmp_path / "b.zip"))
        receipt = relay.wait_ticket(key)
        client.delete_object(Bucket=bucket, Key=f"incoming/{key}.zip")
        for when in ("1e300", "NaN", "-Infinity", "1e17", str(10**400)):
            body = json.dumps({**receipt, "sha256": "0" * 64})[:-1] + f', "deleted": {when}}}'  # JSON as Python reads it: NaN too
            client.put_object(Bucket=bucket, Key=f"incoming/receipts/{key}.json", Body=body.encode())
            for headers in (ENGLISH, API):
                answer = _link(relay, key, headers)
                assert answer.status_code == 503, (when, answer.status_code, answer.text)
        assert "Traceback" not in relay.log.read_text()
    finally:
        relay.stop()


def test_a_link_whose_signature_was_mangled_in_a_copy_reads_the_403_page_not_a_server_error(tmp_path):
    """A helpdesk shows a long link cut with an ellipsis, a mail client turns a character typographic: the link's
    signature holds a character that is not ASCII. It answered 500 Internal Server Error (a traceback in the log)
    instead of the page saying to open the link in the ticket again."""
    from selfcheck_intake.worker import sign_agent_link

    relay = Relay(tmp_path / "relay").start()
    try:
        key = _send(relay, make_bundle(tmp_path / "b.zip"))
        relay.wait_ticket(key)
        expires = int(time.time()) + 3600
        cut = sign_agent_link("agent-link-test-secret", key, expires)[:40] + "…"
        words = _a_page(_link(relay, key, ENGLISH, expires=expires, sig=cut), 403, "en")
        assert words.endswith(
            "Open the link in the ticket again, copied whole. If it still does not work, ask the customer to send a new bundle from the program."
        )
        assert _link(relay, key, API, expires=expires, sig="é").json()["error"] == "forbidden"
        assert "Traceback" not in relay.log.read_text()
    finally:
        relay.stop()


def test_the_link_the_ticket_holds_says_its_bundle_was_deleted_once_the_sweep_deleted_it(tmp_path):
    """Review of ed36b115 and ffd498d8: the link a ticket holds is signed to work until the relay deletes its bundle (the
    ticket says "This link works until …; after that the file is deleted"), and the sweep deletes it only after that. So the
    agent who opened it then read "not valid, or it has expired. Open the link in the ticket again, copied whole", never the
    page written for them (deleted on that date, ask the customer for a new one). Now a link signed by the relay and past
    its end says that its bundle was deleted, and when, where the sweep recorded it; any other link past its end is refused
    as before, and a link past its end never gives the bundle."""
    from types import SimpleNamespace

    from selfcheck_intake import settings as relay_settings
    from selfcheck_intake import worker

    relay = Relay(tmp_path / "relay").start()  # helpdesk none: the ticket holds the link only, kept 180 days
    bundles = tmp_path / "relay" / "bundles"
    try:
        gone = _send(relay, make_bundle(tmp_path / "gone.zip"))
        kept = _send(relay, make_bundle(tmp_path / "kept.zip"))
        relay.wait_ticket(gone)
        relay.wait_ticket(kept)
    finally:
        relay.stop()
    _aged(relay, gone, 181, bundles / f"{gone}.zip")
    # the link the relay wrote in the ticket when it made it, 181 days ago
    made = time.time() - 181 * DAY
    url, note = worker.agent_link(relay_settings.load(relay.config), None, SimpleNamespace(bundle_id=gone), now=made)
    assert url is not None and "after that the file is deleted" in note, note
    relay.start()
    try:
        _said(relay, DELETED)
        assert not (bundles / f"{gone}.zip").exists()
        words = _words(answer := requests.get(url, headers=ENGLISH, timeout=30))
        assert answer.status_code == 410 and words.startswith("A customer's diagnostic bundle This customer's diagnostic bundle was deleted on"), words
        assert "181 days after its ticket was made" in words and "Ask the customer to send a new one from the program." in words, words
        french = _a_page(requests.get(url, headers=FRENCH, timeout=30), 410, "fr")
        assert "a été supprimé le" in french and "181 jours après la création de son ticket" in french, french
        api = requests.get(url, headers=API, timeout=30)
        assert api.status_code == 410 and api.json()["error"] == "deleted" and time.strptime(api.json()["deleted_at"], "%Y-%m-%dT%H:%M:%SZ")
        # a link past its end whose bundle is still there is refused, as before; a forged one says nothing of a deletion
        old = _a_page(_link(relay, kept, ENGLISH, expires=int(time.time()) - 60), 403, "en")
        assert "is not valid, or it has expired" in old and (bundles / f"{kept}.zip").exists()
        forged = _link(relay, gone, API, expires=int(time.time()) - 60, sig="0" * 64)
        assert forged.status_code == 403 and forged.json() == {"error": "forbidden", "reason": "This link is not valid or has expired."}
    finally:
        relay.stop()


def _read_only_queue_of_old(relay: Relay) -> None:
    """The relay's queue as a release before deletions were recorded left it (no deleted column), that the relay can read
    but not write: the file format's write version set above what SQLite writes (byte 18 of the header), as SQLite treats a
    file it may not write (tests run as root, whom a file's mode does not stop)."""
    path = relay.workdir / "state" / "queue.sqlite3"
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("ALTER TABLE bundles DROP COLUMN deleted")
    assert db.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0] == 0  # everything in the file itself
    db.close()
    for name in ("-wal", "-shm"):
        path.with_name(path.name + name).unlink(missing_ok=True)
    with open(path, "r+b") as fh:
        fh.seek(18)
        assert fh.read(2) == b"\x02\x02"  # WAL
        fh.seek(18)
        fh.write(b"\x03")


def test_a_queue_that_cannot_take_the_deletion_record_says_so_at_start_and_the_sweep_deletes_nothing(tmp_path):
    """Adding the deleted column to a queue made before it ignored every SQLite error: a queue the relay cannot write (a
    backup restored as another user, a disk mounted read-only) said nothing of it, then the start failed with a traceback
    (resuming the earlier bundles), and a relay that did start said at each sweep only "no such column: deleted". Now the
    start-up says what is wrong and what to do (only "duplicate column", another process adding it first, is ignored);
    the relay answers agent links and receipts, refuses uploads it cannot record with 503 as when its database is down,
    and the sweep deletes nothing it cannot record."""
    relay = Relay(tmp_path / "relay").start()  # helpdesk none: the ticket holds the link only, kept 180 days
    bundles = tmp_path / "relay" / "bundles"
    try:
        key = _send(relay, make_bundle(tmp_path / "b.zip"))
        relay.wait_ticket(key)
    finally:
        relay.stop()
    _aged(relay, key, 181, bundles / f"{key}.zip")  # past its time: a sweep that could record it would delete it
    _read_only_queue_of_old(relay)
    relay.start()
    try:
        said = [e for e in relay.logs() if e.get("level") == "error"]
        queue = relay.workdir / "state" / "queue.sqlite3"
        assert [e["message"] for e in said] == [
            f"the queue cannot record deleted bundles: adding its deleted column to {queue} failed (attempt to write a readonly database). "
            "Until it can, the retention sweep deletes no bundle. Let the relay's user write this file and its folder (and check that the "
            "disk is neither full nor read-only), then restart the relay."
        ]
        _said(
            relay,
            "cannot delete the bundles older than storage.keep_days: the queue cannot record deleted bundles (attempt to write a readonly "
            "database); restart the relay once its user can write it",
        )
        assert (bundles / f"{key}.zip").exists()
        back = _link(relay, key, BROWSER)  # the relay answers as before: the link gives the bundle
        assert back.status_code == 200 and back.content == (tmp_path / "b.zip").read_bytes()
        assert requests.get(f"{relay.url}/v1/bundles/{key}", timeout=5).json()["status"] == "ticketed"
        other = make_bundle(tmp_path / "other.zip")  # a bundle it cannot record: 503, the customer's computer keeps it and retries
        headers = {"Content-Type": "application/zip", "Idempotency-Key": manifest_of(other)["bundle_id"]}
        refused = requests.post(relay.url + "/v1/bundles", data=other.read_bytes(), headers=headers, timeout=30)
        assert refused.status_code == 503 and refused.json()["error"] == "queue_unavailable" and refused.headers["retry-after"]
        assert "Traceback" not in relay.log.read_text()
    finally:
        relay.stop()


def _asgi_get(app, path: str, headers: dict[str, str]) -> tuple[int, dict[str, str], bytes]:
    """One GET through the relay's own application, in this process (no server): its status, headers and body."""
    import asyncio
    from urllib.parse import urlsplit

    url = urlsplit(path)
    scope = {
        "type": "http",
        "asgi": {"version": "3.0", "spec_version": "2.3"},
        "http_version": "1.1",
        "method": "GET",
        "scheme": "http",
        "path": url.path,
        "raw_path": url.path.encode(),
        "query_string": url.query.encode(),
        "root_path": "",
        "headers": [(k.lower().encode(), v.encode()) for k, v in headers.items()],
        "client": ("127.0.0.1", 50000),
        "server": ("127.0.0.1", 80),
    }
    said: dict[str, object] = {"status": 0, "headers": {}, "body": b""}

    async def receive() -> dict[str, object]:
        await asyncio.sleep(3600)  # the agent waits for the answer: no disconnect
        return {"type": "http.disconnect"}

    async def send(message: dict[str, object]) -> None:
        if message["type"] == "http.response.start":
            said["status"] = message["status"]
            said["headers"] = {k.decode(): v.decode() for k, v in message["headers"]}  # type: ignore[attr-defined]
        elif message["type"] == "http.response.body":
            said["body"] = said["body"] + message.get("body", b"")  # type: ignore[operator]

    async def call() -> None:
        try:
            await app(scope, receive, send)
        except Exception:  # a server error: its 500 was sent before
            pass

    asyncio.run(call())
    return said["status"], said["headers"], said["body"]  # type: ignore[return-value]


def test_a_bundle_the_sweep_deletes_while_its_link_is_opened_answers_deleted_not_a_server_error(tmp_path):
    """The agent link checked that the bundle was there, then read it: a sweep deleting it in between (the bundle past its
    time, the agent opening the ticket's link at that moment) made the answer 500 Internal Server Error, a traceback in the
    log. Now the bundle is opened before the answer starts, and one gone since the check answers as deleted (410), as the
    sweep recorded it just before deleting it. The real sweep runs between the check and the read."""
    from selfcheck_intake import retention
    from selfcheck_intake.app import build_app
    from selfcheck_intake.settings import from_dict
    from selfcheck_intake.worker import sign_agent_link

    settings = from_dict({"state": {"path": str(tmp_path / "state")}, "agent_links": {"secret": "s"}}, tmp_path)
    app = build_app(settings)
    relay = app.state.relay
    bundles, key = tmp_path / "state" / "bundles", str(uuid.uuid4())
    (bundles / f"{key}.zip").write_bytes(b"PK\x05\x06" + b"\0" * 18)
    relay.queue.insert(bundle_id=key, sha256="0" * 64, size=22, reference="K7H-94W-XCM", storage_key=f"{key}.zip")
    relay.queue.mark_ticketed(key, "4711", "#4711", None, False)  # its ticket holds only the link: kept 180 days
    then = time.time() - 181 * DAY
    os.utime(bundles / f"{key}.zip", (then, then))
    with sqlite3.connect(settings.db_path) as db:
        db.execute("UPDATE bundles SET created=?, updated=?", (then, then))
    db.close()

    exists = relay.storage.exists
    swept: list[bool] = []

    def checked_then_swept(storage_key: str) -> bool:
        there = exists(storage_key)
        if not swept:  # the hourly sweep, right between the check and the read
            swept.append(True)
            retention.sweep_storage(settings, relay.storage, relay.queue)
        return there

    relay.storage.exists = checked_then_swept
    expires = int(time.time()) + 3600
    link = f"/v1/agent/bundles/{key}?expires={expires}&sig={sign_agent_link('s', key, expires)}"
    try:
        status, headers, body = _asgi_get(app, link, ENGLISH)
        assert not (bundles / f"{key}.zip").exists()  # the sweep did delete it in between
        assert status == 410 and headers["content-type"].startswith("text/html"), (status, body[:300])
        words = _words(SimpleNamespace(text=body.decode()))
        assert "This customer's diagnostic bundle was deleted on" in words and "181 days after its ticket was made" in words, words
        status, headers, body = _asgi_get(app, link, API)  # once deleted, as for any deleted bundle
        assert status == 410 and json.loads(body)["error"] == "deleted"
    finally:
        relay.queue.close()


def test_every_answer_of_an_agent_link_says_it_varies_by_accept_and_language(tmp_path):
    """The same link answers a page in English or French, or JSON, by the request's Accept and Accept-Language, and sent
    no Vary header: a cache between agents and the relay (a company's proxy) could give a French agent the English page,
    or a browser the JSON. Now every answer of the link says Vary: Accept, Accept-Language."""
    relay = Relay(tmp_path / "relay").start()
    try:
        key = _send(relay, make_bundle(tmp_path / "b.zip"))
        relay.wait_ticket(key)
        answers = [
            _link(relay, key, ENGLISH),  # the bundle itself
            _link(relay, key, FRENCH, sig="0" * 64),  # not valid: a page
            _link(relay, key, API, sig="0" * 64),  # not valid: JSON
            _link(relay, str(uuid.uuid4()), ENGLISH),  # no record: 404
        ]
        assert [answer.status_code for answer in answers] == [200, 403, 403, 404]
        assert answers[0].content == (tmp_path / "b.zip").read_bytes()
        assert answers[0].headers["content-disposition"].startswith("attachment; filename=")
        assert int(answers[0].headers["content-length"]) == (tmp_path / "b.zip").stat().st_size
        assert [answer.headers.get("vary") for answer in answers] == ["Accept, Accept-Language"] * 4
    finally:
        relay.stop()


def test_a_receipt_written_again_keeps_another_instances_record_that_it_deleted_the_bundle(tmp_path, s3, httpserver):
    """Instances with queues of their own sharing a bucket: the instance that made a ticket writes the bundle's shared
    receipt again when the bucket's answer to the first write was lost (or it stopped before noting it). That rewrite
    dropped the deletion another instance's sweep had recorded in the receipt meanwhile: the first instance's link then
    said "Nothing has been deleted: try again in a few minutes" for good. Now the rewrite keeps the record: deleted, 410."""
    from s3server import age_object
    from selfcheck_intake.queue import RECEIPT_DUE

    endpoint, client, bucket = s3
    storage = {"kind": "s3", "bucket": bucket, "prefix": "incoming/", "endpoint_url": endpoint, "access_key_id": "testing", "secret_access_key": "testing"}
    desk = _osticket(httpserver)
    a = Relay(tmp_path / "a", desk, storage=storage).start()
    b = Relay(tmp_path / "b", desk, storage=storage)
    try:
        key = _send(a, make_bundle(tmp_path / "b.zip"))
        assert a.wait_ticket(key)["ticket"]["attached"] is True
    finally:
        a.stop()
    receipt = f"incoming/receipts/{key}.json"
    assert json.loads(client.get_object(Bucket=bucket, Key=receipt)["Body"].read())["status"] == "ticketed"
    with sqlite3.connect(a.workdir / "state" / "queue.sqlite3") as db:  # the bucket took the receipt, its answer was lost
        db.execute("UPDATE bundles SET last_error=? WHERE bundle_id=?", (RECEIPT_DUE, key))
    db.close()
    age_object(bucket, f"incoming/{key}.zip", 31)
    _aged(a, key, 31)
    b.start()  # b deletes it by its receipt, and records it there
    try:
        _said(b, DELETED)
        assert "deleted" in json.loads(client.get_object(Bucket=bucket, Key=receipt)["Body"].read())
    finally:
        b.stop()
    a.start()  # a's start-up sweep writes the receipt due again
    try:
        _said(a, "updated the shared receipts of bundles whose ticket exists")
        again = json.loads(client.get_object(Bucket=bucket, Key=receipt)["Body"].read())
        assert again["status"] == "ticketed" and isinstance(again["deleted"], float), again
        words = _a_page(_link(a, key, ENGLISH), 410, "en")
        assert re.search(r"was deleted from this relay on [A-Z][a-z]+ \d{1,2}, \d{4}, 31 days after its ticket was made", words), words
        assert requests.get(f"{a.url}/v1/bundles/{key}", timeout=5).json()["status"] == "ticketed"
    finally:
        a.stop()
