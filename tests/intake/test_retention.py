"""How long the relay keeps customers' bundles (``storage.keep_days``). Before, a bundle stored in the relay's folder
stayed there for ever, with the customer's name, address and logs, long after the helpdesk had its own copy. Now the
relay deletes a bundle stored more than keep_days ago (30 by default) once its ticket exists, when it starts and every
hour; 0 keeps them all; one still waiting for its ticket, a link and what it points to, another file stay."""

from __future__ import annotations

import asyncio
import base64
import json
import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
import requests
from werkzeug import Request, Response

from sendkit import Relay, make_bundle, manifest_of, write_toml

DAY = 86400
DELETED = "deleted bundles older than storage.keep_days"
KEPT = "kept bundles older than storage.keep_days"


def _aged(path: Path, days: float) -> Path:
    then = time.time() - days * DAY
    os.utime(path, (then, then), follow_symlinks=False)
    return path


def _write(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"PK\x03\x04 a customer's bundle")
    return path


def _send(relay: Relay, bundle: Path, description: str = "") -> str:
    key = manifest_of(bundle)["bundle_id"]
    meta = base64.urlsafe_b64encode(json.dumps({"email": "ann@example.org", "description": description}).encode()).decode().rstrip("=")
    headers = {"Content-Type": "application/zip", "Idempotency-Key": key, "X-Selfcheck-Meta": meta}
    answer = requests.post(relay.url + "/v1/bundles", data=bundle.read_bytes(), headers=headers, timeout=30)
    assert answer.status_code in (201, 202), answer.text
    return key


def _agent_link(relay: Relay, key: str) -> requests.Response:
    from selfcheck_intake.worker import sign_agent_link

    expires = int(time.time()) + 3600
    return requests.get(
        f"{relay.url}/v1/agent/bundles/{key}", params={"expires": expires, "sig": sign_agent_link("agent-link-test-secret", key, expires)}, timeout=5
    )


def test_a_relay_deletes_the_bundles_stored_longer_ago_than_keep_days_once_their_ticket_exists(tmp_path, httpserver):
    def helpdesk(request: Request) -> Response:  # down for one customer's ticket only
        return Response("busy", 503) if b"still-waiting-for-its-ticket" in request.get_data() else Response("1001", 201)

    httpserver.expect_request("/api/tickets.json", method="POST").respond_with_handler(helpdesk)
    desk = {"kind": "osticket", "url": httpserver.url_for("/").rstrip("/"), "api_key": "k", "default_email": "x@example.org"}
    relay = Relay(tmp_path / "relay", desk).start()  # keep_days not set: 30 days
    try:
        old, young = _send(relay, make_bundle(tmp_path / "old.zip")), _send(relay, make_bundle(tmp_path / "young.zip"))
        waiting = _send(relay, make_bundle(tmp_path / "waiting.zip"), "still-waiting-for-its-ticket")
        relay.wait_ticket(old)
        relay.wait_ticket(young)
        assert requests.get(f"{relay.url}/v1/bundles/{waiting}", timeout=5).json()["ticket"] is None
    finally:
        relay.stop()
    bundles = relay.workdir / "bundles"
    _aged(bundles / f"{old}.zip", 31)
    _aged(bundles / f"{young}.zip", 29)
    _aged(bundles / f"{waiting}.zip", 31)
    outside = _aged(_write(tmp_path / "elsewhere" / "payroll.zip"), 400)
    link = bundles / f"{uuid.uuid4()}.zip"  # named as a stored bundle, pointing out of the folder
    link.symlink_to(outside)
    _aged(link, 400)
    notes = _aged(_write(bundles / "notes.txt"), 400)

    relay.start()
    try:
        end = time.monotonic() + 20
        while (bundles / f"{old}.zip").exists() and time.monotonic() < end:
            time.sleep(0.05)
        assert not (bundles / f"{old}.zip").exists()
        assert (bundles / f"{young}.zip").exists()
        assert (bundles / f"{waiting}.zip").exists()  # the helpdesk does not have it yet
        assert link.is_symlink() and outside.read_bytes() == b"PK\x03\x04 a customer's bundle" and notes.exists()
        said = [e for e in relay.logs() if e.get("message") == DELETED]
        assert [e["count"] for e in said] == [1] and old not in json.dumps(said)  # how many, never which
        gone = _agent_link(relay, old)  # the link in the ticket, after the relay's copy went
        assert gone.status_code == 410 and gone.json()["error"] == "deleted"
        assert _agent_link(relay, young).status_code == 200
    finally:
        relay.stop()


def _sweeps(settings, monkeypatch) -> None:
    """Run the relay in this process, its sweep every 50 ms, until two whole sweeps are done."""
    from selfcheck_intake import leftovers
    from selfcheck_intake.app import build_app

    monkeypatch.setattr(leftovers, "SWEEP_SECONDS", 0.05)
    app = build_app(settings)

    async def run() -> None:
        async with app.router.lifespan_context(app):
            for _ in range(2):  # a half-written file the sweep removes: the sweep before this one finished
                marker = _aged(_write(settings.spool_dir / f"upload-{uuid.uuid4().hex[:8]}.zip"), 2)
                for _ in range(400):
                    if not marker.exists():
                        break
                    await asyncio.sleep(0.05)
                assert not marker.exists()

    asyncio.run(run())


def test_keep_days_0_keeps_every_bundle_and_the_default_deletes_them_in_the_hourly_sweep(tmp_path, monkeypatch):
    from selfcheck_intake.queue import Queue
    from selfcheck_intake.settings import from_dict

    storage = tmp_path / "bundles"
    ancient = _aged(_write(storage / f"{uuid.uuid4()}.zip"), 3650)
    young = _write(storage / f"{uuid.uuid4()}.zip")
    tables = {"state": {"path": str(tmp_path / "state")}, "helpdesk": {"kind": "none"}}
    queue = Queue(tmp_path / "state" / "queue.sqlite3")
    for path in (ancient, young):  # both with their ticket, holding the bundle
        queue.insert(bundle_id=path.stem, sha256="0" * 64, size=1, reference="K7H-94W-XCM", storage_key=path.name)
        queue.mark_ticketed(path.stem, "1001", "#1001", None, True)
    queue.close()

    _sweeps(from_dict({**tables, "storage": {"path": str(storage), "keep_days": 0}}, tmp_path), monkeypatch)
    assert ancient.exists() and young.exists()

    _sweeps(from_dict({**tables, "storage": {"path": str(storage)}}, tmp_path), monkeypatch)
    assert not ancient.exists() and young.exists()


@pytest.mark.parametrize(("value", "said"), [(-1, "not -1"), ("thirty", "not 'thirty'"), (True, "not True")])
def test_a_bad_keep_days_stops_the_relay_at_start_with_a_clear_message(tmp_path, value, said):
    config = write_toml(
        tmp_path / "relay.toml",
        {"server": {"port": 0}, "state": {"path": str(tmp_path / "state")}, "storage": {"kind": "local", "keep_days": value}},
    )
    try:
        done = subprocess.run([sys.executable, "-m", "selfcheck_intake.server", "--config", str(config)], capture_output=True, text=True, timeout=30)
    except subprocess.TimeoutExpired:
        pytest.fail(f"the relay started with storage.keep_days = {value!r}")
    assert done.returncode == 2
    assert done.stderr.strip() == f"selfcheck-intake: storage.keep_days must be a number of days, 0 or more (0 keeps bundles for ever), {said}"
    assert not (tmp_path / "state").exists()


CLEARED = "cleared the customers' data of bundles older than storage.keep_days"
ANN = ("ann@example.org", "Ann Lovelace", "chez Ann")  # what the customer gave: e-mail, name, words


def _state_files(relay: Relay) -> bytes:
    """Every byte of the relay's database (the file, its write-ahead log and index)."""
    return b"".join(p.read_bytes() for p in (relay.workdir / "state").glob("queue.sqlite3*")) if (relay.workdir / "state").is_dir() else b""


def test_the_queue_keeps_no_personal_data_of_a_deleted_bundle_and_a_resend_still_gets_its_ticket(tmp_path, httpserver):
    """The bundle went after keep_days, but its row kept the customer's e-mail, name, words and address for ever. Now the
    same sweep clears them; the row keeps what answers a resend: the desktop sending the same bundle again is told the
    same ticket, and the helpdesk gets no second one."""
    from sendkit import client_config, run_cli

    tickets: list[bytes] = []

    def create(request: Request) -> Response:
        tickets.append(request.get_data())
        return Response("1001", 201)

    httpserver.expect_request("/api/tickets.json", method="POST").respond_with_handler(create)
    desk = {"kind": "osticket", "url": httpserver.url_for("/").rstrip("/"), "api_key": "k", "default_email": "x@example.org"}
    relay = Relay(tmp_path / "relay", desk).start()
    bundle = make_bundle(tmp_path / "b.zip")
    key = manifest_of(bundle)["bundle_id"]
    cfg = client_config(tmp_path / "c.toml", relay.url)
    home = tmp_path / "home"
    said = ("--email", ANN[0], "--name", ANN[1], "--description", f"Le Wi-Fi coupe {ANN[2]}")
    try:
        first = run_cli("send", str(bundle), "--config", str(cfg), *said, home=home)
        assert first.returncode == 0, first.stdout + first.stderr
        assert relay.wait_ticket(key)["ticket"]["reference"] == "#1001"
        assert len(tickets) == 1 and all(value.encode() in tickets[0] for value in ANN)  # the helpdesk has them: its business
    finally:
        relay.stop()
    assert all(value.encode() in _state_files(relay) for value in ANN[:2])
    _aged(relay.workdir / "bundles" / f"{key}.zip", 31)

    relay.start()
    try:
        end = time.monotonic() + 20
        while not any(e.get("message") == CLEARED for e in relay.logs()) and time.monotonic() < end:
            time.sleep(0.05)
        assert not (relay.workdir / "bundles" / f"{key}.zip").exists()
        assert [e["count"] for e in relay.logs() if e.get("message") == CLEARED] == [1]
        kept = _state_files(relay)
        assert not any(value.encode() in kept for value in (*ANN, "127.0.0.1")), "the database still holds what the customer gave"

        again = run_cli("send", str(bundle), "--config", str(cfg), *said, home=home)  # e.g. from a copy the customer kept
        assert again.returncode == 0, again.stdout + again.stderr
        assert "#1001" in again.stdout  # the same ticket: the helpdesk has the bundle already
        assert len(tickets) == 1
        assert requests.get(f"{relay.url}/v1/bundles/{key}", timeout=5).json()["ticket"]["reference"] == "#1001"
        assert not any(value.encode() in _state_files(relay) for value in ANN)  # the resend's details are not kept either
        assert not any(value in relay.log.read_text() for value in ANN)
    finally:
        relay.stop()


def test_rows_of_bundles_waiting_for_their_ticket_or_younger_than_keep_days_keep_the_customers_data(tmp_path, monkeypatch):
    """Only a ticketed row past keep_days is cleared: the helpdesk still needs the e-mail of a bundle waiting for its ticket.
    An agent's note to the customer (a support request) goes keep_days after the request was used or expired."""
    from selfcheck_intake.queue import TICKETED, Queue
    from selfcheck_intake.settings import from_dict
    from sendkit import free_port

    down = {"kind": "osticket", "url": f"http://127.0.0.1:{free_port()}", "api_key": "k", "default_email": "x@example.org"}  # nobody listens
    settings = from_dict({"state": {"path": str(tmp_path / "state")}, "storage": {"path": str(tmp_path / "bundles")}, "helpdesk": down}, tmp_path)
    (tmp_path / "bundles").mkdir()  # where the relay stored them (it does not make it again once its queue has rows)
    queue = Queue(settings.db_path)
    rows = {}
    for name in ("ticketed-old", "waiting-old", "ticketed-young"):
        bundle_id = str(uuid.uuid4())
        queue.insert(
            bundle_id=bundle_id, sha256="0" * 64, size=1, reference="K7H-94W-XCM", storage_key=f"{bundle_id}.zip", requester_email=f"{name}@example.org"
        )
        if name.startswith("ticketed"):
            queue.mark_ticketed(bundle_id, "7", "#7", None, True)
        rows[name] = bundle_id
    with queue._lock:  # noqa: SLF001 - two rows made 31 days ago
        queue._db.execute("UPDATE bundles SET created=created-? WHERE bundle_id<>?", (31 * DAY, rows["ticketed-young"]))  # noqa: SLF001
    now = time.time()
    for code, expires in (("used", now + 7 * DAY), ("expired", now - 31 * DAY), ("open", now + 7 * DAY), ("lately", now - DAY)):
        queue.add_request(code, "7", f"Hello Ann, {code}", now - 45 * DAY, expires)
    queue.use_request("used", rows["ticketed-old"])  # used now, then moved 31 days back
    with queue._lock:  # noqa: SLF001
        queue._db.execute("UPDATE requests SET used_at=? WHERE code_hash='used'", (now - 31 * DAY,))  # noqa: SLF001
    queue.close()

    _sweeps(settings, monkeypatch)

    queue = Queue(settings.db_path)
    try:
        got = {name: queue.get(bundle_id) for name, bundle_id in rows.items()}
        assert got["ticketed-old"] is not None and got["ticketed-old"].requester_email is None and got["ticketed-old"].status == TICKETED
        assert got["waiting-old"] is not None and got["waiting-old"].requester_email == "waiting-old@example.org"
        assert got["ticketed-young"] is not None and got["ticketed-young"].requester_email == "ticketed-young@example.org"
        notes = {code: (queue.get_request(code) or {}).get("note") for code in ("used", "expired", "open", "lately")}
        assert notes == {"used": "", "expired": "", "open": "Hello Ann, open", "lately": "Hello Ann, lately"}
        assert queue.get_request("used")["used_by"] == rows["ticketed-old"]  # a second use is still refused as used
    finally:
        queue.close()


def test_a_helpdesk_error_quoting_the_customer_leaves_their_address_and_name_out_of_the_relays_log(tmp_path, httpserver):
    """Helpdesks quote what they refuse; the relay logged their answer whole, the customer's address and name with it,
    in a log journald or the container's runtime keeps under rules of their own."""
    httpserver.expect_request("/api/tickets.json", method="POST").respond_with_data(
        '{"error": "Requester \\"Ann Lovelace\\" <ANN@example.org> is not a user of this helpdesk"}', status=400
    )
    desk = {"kind": "osticket", "url": httpserver.url_for("/").rstrip("/"), "api_key": "k"}
    relay = Relay(tmp_path / "relay", desk).start()
    try:
        bundle = make_bundle(tmp_path / "b.zip")
        key = manifest_of(bundle)["bundle_id"]
        meta = base64.urlsafe_b64encode(json.dumps({"email": ANN[0], "name": ANN[1]}).encode()).decode().rstrip("=")
        headers = {"Content-Type": "application/zip", "Idempotency-Key": key, "X-Selfcheck-Meta": meta}
        assert requests.post(relay.url + "/v1/bundles", data=bundle.read_bytes(), headers=headers, timeout=30).status_code == 202
        end = time.monotonic() + 20
        while not any(e.get("level") == "error" and e.get("bundle_id") == key for e in relay.logs()) and time.monotonic() < end:
            time.sleep(0.05)
        refused = [e for e in relay.logs() if e.get("level") == "error" and e.get("bundle_id") == key]
        assert refused and "is not a user of this helpdesk" in refused[0]["message"]  # the admin still reads why
        assert "[the customer's e-mail]" in refused[0]["message"] and "[the customer's name]" in refused[0]["message"]
        text = relay.log.read_text()
        assert "example.org" not in text.lower() and "Lovelace" not in text
    finally:
        relay.stop()


def test_a_bundle_with_no_ticket_recorded_is_never_deleted(tmp_path, httpserver):
    """The relay deletes only a bundle its queue says has its ticket: not one whose row a database restored from an older
    backup lacks (its ticket may never have been made), nor a file in the folder the relay did not store."""
    httpserver.expect_request("/api/tickets.json", method="POST").respond_with_data("1001", status=201)
    desk = {"kind": "osticket", "url": httpserver.url_for("/").rstrip("/"), "api_key": "k", "default_email": "x@example.org"}
    relay = Relay(tmp_path / "relay", desk).start()
    relay.stop()
    database = relay.workdir / "state" / "queue.sqlite3"
    backup = tmp_path / "backup.sqlite3"
    backup.write_bytes(database.read_bytes())  # the admin's nightly backup, before this customer's bundle came
    relay.start()
    try:
        lost = _send(relay, make_bundle(tmp_path / "lost.zip"))
        relay.wait_ticket(lost)
    finally:
        relay.stop()
    for extra in database.parent.glob(database.name + "-*"):
        extra.unlink()
    database.write_bytes(backup.read_bytes())  # the disk died; the backup is restored
    bundles = relay.workdir / "bundles"
    _aged(bundles / f"{lost}.zip", 31)
    archive = _aged(_write(bundles / "archive-2025-q4.zip"), 400)  # named as a bundle may be, not one the relay stored

    relay.start()
    try:
        end = time.monotonic() + 20
        while not [e for e in relay.logs() if e.get("message") in (DELETED, KEPT)] and time.monotonic() < end:
            time.sleep(0.05)
        assert [(e["message"], e["count"]) for e in relay.logs() if e.get("message") in (DELETED, KEPT)] == [(KEPT, 2)]
        assert (bundles / f"{lost}.zip").exists() and archive.exists()
    finally:
        relay.stop()
