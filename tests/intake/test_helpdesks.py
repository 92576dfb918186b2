"""The relay (a real process) opening tickets in fake helpdesks that follow each vendor's documented API.

Each fake checks what a real helpdesk would: the auth header, the request's
shape, and that the attachment's bytes are exactly the bundle's.
"""

from __future__ import annotations

import base64
import json
import os
import threading
from urllib.parse import unquote

import pytest
import requests
from werkzeug import Request, Response

from selfcheck.bundle import file_name
from sendkit import Relay, client_config, make_bundle, manifest_of, run_cli

MADE = "2026-11-25T12:00:00Z"  # the bundles' created_at: the day in their file name


class Recorder:
    """Collects what a fake helpdesk received; ``down`` makes it answer 503 like a helpdesk in maintenance."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, str, Request, bytes]] = []
        self.files: list[dict[str, bytes]] = []
        self.created: list[dict] = []  # tickets the fake really created
        self.down = False
        self.lock = threading.Lock()

    def record(self, request: Request) -> bytes:
        if request.mimetype == "multipart/form-data":
            self.files.append({name: f.read() for name, f in request.files.items()})
            body = b""
        else:
            body = request.get_data(cache=True)
        with self.lock:
            self.calls.append((request.method, request.path, request, body))
        return body

    def named(self, method: str, path: str) -> list[tuple[Request, bytes]]:
        return [(r, b) for m, p, r, b in self.calls if m == method and p == path]


def send_bundle_to(relay: Relay, bundle, email="ann@example.org", name="Ann", description="Le Wi-Fi coupe toutes les 5 minutes") -> dict:
    key = manifest_of(bundle)["bundle_id"]
    meta = base64.urlsafe_b64encode(json.dumps({"email": email, "name": name, "description": description}).encode()).decode().rstrip("=")
    r = requests.post(
        relay.url + "/v1/bundles",
        data=bundle.read_bytes(),
        headers={"Content-Type": "application/zip", "Idempotency-Key": key, "X-Selfcheck-Meta": meta},
        timeout=30,
    )
    assert r.status_code in (201, 202), r.text
    return relay.wait_ticket(key)


def zendesk_fake(httpserver, rec: Recorder, ticket_id: int = 42) -> None:
    tickets: dict[str, int] = {}

    def lookup(request: Request) -> Response:
        rec.record(request)
        found = [{"id": tickets[request.args["external_id"]]}] if request.args.get("external_id") in tickets else []
        return Response(json.dumps({"tickets": found, "count": len(found)}), 200, content_type="application/json")

    def upload(request: Request) -> Response:
        rec.record(request)
        if rec.down:
            return Response("maintenance", 503)
        return Response(
            json.dumps({"upload": {"token": "upl-token-1", "attachment": {"file_name": request.args["filename"]}}}), 201, content_type="application/json"
        )

    def create(request: Request) -> Response:
        rec.record(request)
        if rec.down:
            return Response("maintenance", 503)
        ticket = request.get_json()["ticket"]
        tickets[ticket["external_id"]] = ticket_id
        rec.created.append(ticket)
        return Response(json.dumps({"ticket": {"id": ticket_id, "external_id": ticket["external_id"]}}), 201, content_type="application/json")

    httpserver.expect_request("/api/v2/tickets.json", method="GET").respond_with_handler(lookup)
    httpserver.expect_request("/api/v2/uploads.json", method="POST").respond_with_handler(upload)
    httpserver.expect_request("/api/v2/tickets.json", method="POST").respond_with_handler(create)


ZENDESK = {"kind": "zendesk", "email": "agent@example.org", "api_token": "zd-secret-token"}


def test_zendesk_ticket_carries_the_bundle_and_the_customer(tmp_path, httpserver):
    rec = Recorder()
    zendesk_fake(httpserver, rec)
    relay = Relay(tmp_path / "relay", {**ZENDESK, "url": httpserver.url_for("/").rstrip("/")}).start()
    try:
        bundle = make_bundle(tmp_path / "b.zip")
        receipt = send_bundle_to(relay, bundle)
        assert receipt["ticket"] == {"id": "42", "reference": "#42", "attached": True}
        ((up_req, up_body),) = rec.named("POST", "/api/v2/uploads.json")
        assert up_body == bundle.read_bytes()
        assert up_req.headers["Authorization"] == "Basic " + base64.b64encode(b"agent@example.org/token:zd-secret-token").decode()
        assert up_req.headers["Content-Type"] == "application/binary"
        ((t_req, t_body),) = rec.named("POST", "/api/v2/tickets.json")
        ticket = json.loads(t_body)["ticket"]
        assert ticket["comment"]["uploads"] == ["upl-token-1"]
        assert ticket["requester"] == {"email": "ann@example.org", "name": "Ann"}
        assert ticket["external_id"] == manifest_of(bundle)["bundle_id"]
        assert "Le Wi-Fi coupe" in ticket["comment"]["body"] and manifest_of(bundle)["reference"] in ticket["comment"]["body"]
        assert t_req.headers["Idempotency-Key"] == manifest_of(bundle)["bundle_id"]
        assert "zd-secret-token" not in relay.log.read_text()
    finally:
        relay.stop()


def test_zendesk_attachment_has_the_name_of_the_customers_copy(tmp_path, httpserver):
    """The relay attached selfcheck-HT4-7KP-3WN.zip while the customer's own copy (the window's "Save", selfcheck
    bundle, sending by saving) is clearline-help-HT4-7KP-3WN-2026-11-25.zip: the agent asked for "the file" and
    the customer could not tell it was the same one. The relay names it as the customer's computer does: the company
    its request page names ([requests] company), the reference, the day the bundle was made."""
    rec = Recorder()
    zendesk_fake(httpserver, rec)
    relay = Relay(tmp_path / "relay", {**ZENDESK, "url": httpserver.url_for("/").rstrip("/")}, requests={"company": "Clearline Help"}).start()
    try:
        bundle = make_bundle(tmp_path / "b.zip", created_at=MADE)
        assert send_bundle_to(relay, bundle)["ticket"]["attached"] is True
        ((up_req, _body),) = rec.named("POST", "/api/v2/uploads.json")
        ref = manifest_of(bundle)["reference"]
        assert up_req.args["filename"] == file_name("Clearline Help", ref, MADE)
        assert up_req.args["filename"].startswith(f"clearline-help-{ref}-")
    finally:
        relay.stop()


@pytest.mark.parametrize("company", ["Clearline Help", "Служба поддержки"])
def test_the_agent_link_and_rts_attachment_name_the_bundle_as_the_customers_copy(tmp_path, company):
    """Review of the relay: Zendesk, Freshdesk, osTicket, Zammad and the mailed ticket named the bundle as the customer's
    own copy (clearline-help-HT4-7KP-3WN-2026-11-25.zip), but RT's attachment and the agent link's download still said
    selfcheck-HT4-7KP-3WN.zip: the agent saw two names for one file. Now both follow the same rule (a company's name in
    another alphabet downloads under its own name too, RFC 6266's filename*)."""
    from urllib.parse import quote

    from selfcheck_intake.connectors.base import TicketRequest
    from selfcheck_intake.connectors.rt import RTConnector, _MultipartBody
    from selfcheck_intake.worker import sign_agent_link

    relay = Relay(tmp_path / "relay", requests={"company": company}).start()
    try:
        bundle = make_bundle(tmp_path / "b.zip", created_at=MADE)
        key = manifest_of(bundle)["bundle_id"]
        ref = manifest_of(bundle)["reference"]
        assert send_bundle_to(relay, bundle)["reference"] == ref
        expires = 4_000_000_000
        link = {"expires": expires, "sig": sign_agent_link("agent-link-test-secret", key, expires)}
        given = requests.get(f"{relay.url}/v1/agent/bundles/{key}", params=link, timeout=10)
        assert given.status_code == 200 and given.content == bundle.read_bytes()
    finally:
        relay.stop()
    name = file_name(company, ref, MADE)
    said = given.headers["content-disposition"]
    assert (said == f'attachment; filename="{name}"') if name.isascii() else said.endswith(f"; filename*=UTF-8''{quote(name, safe='')}"), said
    assert ref in said and "selfcheck" not in said

    rt = RTConnector.from_config({"url": "http://127.0.0.1:9", "token": "t", "queue": "General"})  # never called
    request = TicketRequest(tmp_path / "b.zip", "0" * 64, 1, key, ref, None, None, "subject", "", file_name=name)
    assert rt._file_name(request) == name
    with bundle.open("rb") as fh:
        assert f'filename="{name}"'.encode() in _MultipartBody("{}", rt._file_name(request), fh, bundle.stat().st_size)._head


@pytest.mark.parametrize("company", ["Clearline Help", "Служба поддержки"])
def test_with_a_bucket_the_agent_link_downloads_the_bundle_under_the_customers_copys_name_too(tmp_path, s3, company):
    """Second review of the relay (58af5587): the agent link named its download as the ticket's attachment and the
    customer's own copy only from a local folder; with a bucket it redirects to the object, which downloaded under its key
    (4f0c...e2.zip), a third name for one file, where docs/intake.md says the link downloads under the customer's copy's
    name. The object now carries that name (Content-Disposition, RFC 6266's filename* for another alphabet)."""
    from urllib.parse import quote

    from selfcheck_intake.worker import sign_agent_link

    endpoint, _client, bucket = s3
    storage = {"kind": "s3", "bucket": bucket, "prefix": "incoming/", "endpoint_url": endpoint, "access_key_id": "testing", "secret_access_key": "testing"}
    relay = Relay(tmp_path / "relay", storage=storage, requests={"company": company}).start()
    try:
        bundle = make_bundle(tmp_path / "b.zip", created_at=MADE)
        key = manifest_of(bundle)["bundle_id"]
        ref = manifest_of(bundle)["reference"]
        assert send_bundle_to(relay, bundle)["reference"] == ref
        expires = 4_000_000_000
        link = {"expires": expires, "sig": sign_agent_link("agent-link-test-secret", key, expires)}
        given = requests.get(f"{relay.url}/v1/agent/bundles/{key}", params=link, timeout=10)  # redirected to the bucket
        assert given.status_code == 200 and given.content == bundle.read_bytes() and given.url.startswith(endpoint)
    finally:
        relay.stop()
    name = file_name(company, ref, MADE)
    said = given.headers.get("content-disposition", "")
    assert (said == f'attachment; filename="{name}"') if name.isascii() else said.endswith(f"; filename*=UTF-8''{quote(name, safe='')}"), said


def test_helpdesk_down_while_relay_up_keeps_the_bundle_and_opens_one_ticket_later(tmp_path, httpserver):
    rec = Recorder()
    rec.down = True
    zendesk_fake(httpserver, rec, ticket_id=77)
    relay = Relay(tmp_path / "relay", {**ZENDESK, "url": httpserver.url_for("/").rstrip("/")}, queue={"ticket_wait_seconds": 0.5}).start()
    try:
        bundle = make_bundle(tmp_path / "b.zip")
        key = manifest_of(bundle)["bundle_id"]
        cfg = client_config(tmp_path / "c.toml", relay.url)
        proc = run_cli("send", str(bundle), "--config", str(cfg), "--email", "ann@example.org", home=tmp_path / "home")
        assert proc.returncode == 0, proc.stderr
        assert manifest_of(bundle)["reference"] in proc.stdout and "shortly" in proc.stdout
        status = requests.get(f"{relay.url}/v1/bundles/{key}", timeout=5).json()
        assert status["status"] == "pending" and status["ticket"] is None
        rec.down = False
        assert relay.wait_ticket(key)["ticket"]["reference"] == "#77"
        assert len(rec.named("POST", "/api/v2/uploads.json")) >= 2  # retried while the helpdesk was down
        assert len(rec.created) == 1
        listing = run_cli("outbox", "list", "--config", str(cfg), home=tmp_path / "home")  # the customer learns the ticket number later
        assert "Sent recently" in listing.stdout and manifest_of(bundle)["reference"] in listing.stdout and "ticket #77" in listing.stdout
    finally:
        relay.stop()


def test_relay_restarted_between_storing_and_ticket_creation_opens_exactly_one_ticket(tmp_path, httpserver):
    rec = Recorder()
    rec.down = True
    zendesk_fake(httpserver, rec, ticket_id=99)
    helpdesk = {**ZENDESK, "url": httpserver.url_for("/").rstrip("/")}
    relay = Relay(tmp_path / "relay", helpdesk, queue={"ticket_wait_seconds": 0.2, "retry_base_seconds": 60, "retry_max_seconds": 60}).start()
    bundle = make_bundle(tmp_path / "b.zip")
    key = manifest_of(bundle)["bundle_id"]
    r = requests.post(relay.url + "/v1/bundles", data=bundle.read_bytes(), headers={"Content-Type": "application/zip", "Idempotency-Key": key}, timeout=30)
    assert r.status_code == 202 and r.json()["reference"] == manifest_of(bundle)["reference"]
    relay.stop(kill=True)  # the relay dies with the bundle stored and no ticket
    rec.down = False
    relay.start()
    try:
        assert relay.wait_ticket(key)["ticket"]["reference"] == "#99"
        again = requests.post(
            relay.url + "/v1/bundles", data=bundle.read_bytes(), headers={"Content-Type": "application/zip", "Idempotency-Key": key}, timeout=30
        )
        assert again.status_code == 200 and again.json()["ticket"]["reference"] == "#99"
        assert len(rec.created) == 1
    finally:
        relay.stop()


def test_zendesk_lookup_by_external_id_prevents_a_second_ticket(tmp_path, httpserver):
    from pathlib import Path

    from selfcheck_intake.connectors.base import TicketRequest
    from selfcheck_intake.connectors.zendesk import ZendeskConnector

    rec = Recorder()
    zendesk_fake(httpserver, rec, ticket_id=5)
    bundle = make_bundle(tmp_path / "b.zip")
    m = manifest_of(bundle)
    conn = ZendeskConnector(**{**ZENDESK, "url": httpserver.url_for("/").rstrip("/")})
    req = TicketRequest(Path(bundle), "0" * 64, bundle.stat().st_size, m["bundle_id"], m["reference"], None, None, "s", "d")
    assert conn.create_ticket(req).ticket_id == "5"
    assert conn.create_ticket(req).ticket_id == "5"  # e.g. the relay crashed before recording the first answer
    assert len(rec.named("POST", "/api/v2/tickets.json")) == 1


def test_freshdesk_multipart_ticket_with_the_bundle(tmp_path, httpserver):
    rec = Recorder()

    def create(request: Request) -> Response:
        rec.record(request)
        return Response(json.dumps({"id": 7, "subject": request.form["subject"]}), 201, content_type="application/json")

    httpserver.expect_request("/api/v2/tickets", method="POST").respond_with_handler(create)
    relay = Relay(tmp_path / "relay", {"kind": "freshdesk", "url": httpserver.url_for("/").rstrip("/"), "api_key": "fd-key"}).start()
    try:
        bundle = make_bundle(tmp_path / "b.zip")
        assert send_bundle_to(relay, bundle)["ticket"] == {"id": "7", "reference": "#7", "attached": True}
        ((req, _body),) = rec.named("POST", "/api/v2/tickets")
        assert req.headers["Authorization"] == "Basic " + base64.b64encode(b"fd-key:X").decode()
        assert req.form["email"] == "ann@example.org" and req.form["status"] == "2"
        assert rec.files == [{"attachments[]": bundle.read_bytes()}]
    finally:
        relay.stop()


def test_freshdesk_over_the_attachment_limit_gets_an_agent_only_link(tmp_path, httpserver):
    rec = Recorder()

    def create(request: Request) -> Response:
        rec.record(request)
        return Response(json.dumps({"id": 8}), 201, content_type="application/json")

    def note(request: Request) -> Response:
        rec.record(request)
        return Response(json.dumps({"id": 1, "private": True}), 201, content_type="application/json")

    httpserver.expect_request("/api/v2/tickets", method="POST").respond_with_handler(create)
    httpserver.expect_request("/api/v2/tickets/8/notes", method="POST").respond_with_handler(note)
    relay = Relay(tmp_path / "relay", {"kind": "freshdesk", "url": httpserver.url_for("/").rstrip("/"), "api_key": "fd-key", "attach_max_bytes": 1000}).start()
    try:
        bundle = make_bundle(tmp_path / "b.zip", {"big.bin": os.urandom(5000)})
        assert send_bundle_to(relay, bundle)["ticket"]["attached"] is False
        ((_r, ticket_body),) = rec.named("POST", "/api/v2/tickets")
        assert "/v1/agent/" not in ticket_body.decode()  # the requester can read the description
        ((_r, note_body),) = rec.named("POST", "/api/v2/tickets/8/notes")
        data = json.loads(note_body)
        assert data["private"] is True
        link = data["body"].split("Bundle (agents only): ")[1].split("<br>")[0].replace("&amp;", "&")
        assert requests.get(link, timeout=5).content == bundle.read_bytes()
    finally:
        relay.stop()


def test_zammad_article_with_base64_attachment(tmp_path, httpserver):
    rec = Recorder()

    def create(request: Request) -> Response:
        rec.record(request)
        return Response(json.dumps({"id": 5, "number": "31005"}), 201, content_type="application/json")

    httpserver.expect_request("/api/v1/tickets", method="POST").respond_with_handler(create)
    relay = Relay(tmp_path / "relay", {"kind": "zammad", "url": httpserver.url_for("/").rstrip("/"), "token": "zm-token", "group": "Support"}).start()
    try:
        bundle = make_bundle(tmp_path / "b.zip", {"big.bin": os.urandom(300_000)})
        assert send_bundle_to(relay, bundle)["ticket"] == {"id": "5", "reference": "#31005", "attached": True}
        ((req, body),) = rec.named("POST", "/api/v1/tickets")
        assert req.headers["Authorization"] == "Token token=zm-token"
        assert "chunked" not in req.headers.get("Transfer-Encoding", "")
        doc = json.loads(body)
        assert doc["group"] == "Support" and doc["customer_id"] == "guess:ann@example.org"
        attachment = doc["article"]["attachments"][0]
        assert attachment["mime-type"] == "application/zip"
        assert base64.b64decode(attachment["data"]) == bundle.read_bytes()
    finally:
        relay.stop()


def test_osticket_json_with_data_url_attachment(tmp_path, httpserver):
    rec = Recorder()

    def create(request: Request) -> Response:
        rec.record(request)
        return Response("654321", 201, content_type="text/plain")

    httpserver.expect_request("/api/tickets.json", method="POST").respond_with_handler(create)
    relay = Relay(tmp_path / "relay", {"kind": "osticket", "url": httpserver.url_for("/").rstrip("/"), "api_key": "ost-key"}).start()
    try:
        bundle = make_bundle(tmp_path / "b.zip", created_at=MADE)
        ref = manifest_of(bundle)["reference"]
        assert send_bundle_to(relay, bundle)["ticket"] == {"id": "654321", "reference": "#654321", "attached": True}
        ((req, body),) = rec.named("POST", "/api/tickets.json")
        assert req.headers["X-API-Key"] == "ost-key"
        doc = json.loads(body)
        assert doc["email"] == "ann@example.org" and doc["name"] == "Ann" and doc["source"] == "API"
        assert "Le Wi-Fi coupe" in unquote(doc["message"].split(",", 1)[1])
        ((name, data_url),) = doc["attachments"][0].items()
        assert name == file_name("selfcheck", ref, MADE)  # the customer's copy's name (no [requests] company here)
        assert data_url.startswith("data:application/zip;base64,")
        assert base64.b64decode(data_url.split(",", 1)[1]) == bundle.read_bytes()
    finally:
        relay.stop()


def test_none_connector_emails_the_support_mailbox(tmp_path):
    from aiosmtpd.controller import Controller
    from aiosmtpd.handlers import Message

    received = []

    class Keep(Message):
        def handle_message(self, message):
            received.append(message)

    from sendkit import free_port

    controller = Controller(Keep(), hostname="127.0.0.1", port=free_port())
    controller.start()
    relay = Relay(tmp_path / "relay", {"kind": "none", "smtp_host": "127.0.0.1", "smtp_port": controller.port, "mail_to": "support@example.org"}).start()
    try:
        bundle = make_bundle(tmp_path / "b.zip", created_at=MADE)
        ref = manifest_of(bundle)["reference"]
        assert send_bundle_to(relay, bundle)["ticket"]["reference"] == ref
        (msg,) = received
        assert msg["To"] == "support@example.org" and msg["Reply-To"] == "ann@example.org"
        parts = [p for p in msg.walk() if p.get_filename()]
        assert parts[0].get_filename() == file_name("selfcheck", ref, MADE)
        assert parts[0].get_payload(decode=True) == bundle.read_bytes()
    finally:
        relay.stop()
        controller.stop()


def test_unknown_helpdesk_kind_stops_the_relay_with_a_clear_message(tmp_path):
    relay = Relay(tmp_path / "relay", {"kind": "jira"})
    with pytest.raises(AssertionError, match="no helpdesk connector called 'jira'"):
        relay.start()


def test_send_with_ticket_adds_the_bundle_to_the_existing_zendesk_ticket(tmp_path, httpserver):
    rec = Recorder()
    zendesk_fake(httpserver, rec)

    def update(request: Request) -> Response:
        rec.record(request)
        return Response(json.dumps({"ticket": {"id": 4711}}), 200, content_type="application/json")

    httpserver.expect_request("/api/v2/tickets/4711.json", method="PUT").respond_with_handler(update)
    relay = Relay(tmp_path / "relay", {**ZENDESK, "url": httpserver.url_for("/").rstrip("/")}).start()
    try:
        bundle = make_bundle(tmp_path / "b.zip")
        cfg = client_config(tmp_path / "c.toml", relay.url)
        proc = run_cli("send", str(bundle), "--config", str(cfg), "--ticket", "4711", "--description", "as asked", home=tmp_path / "home")
        assert proc.returncode == 0, proc.stdout + proc.stderr
        assert "#4711" in proc.stdout
        assert rec.created == []  # no new ticket
        ((_req, body),) = rec.named("PUT", "/api/v2/tickets/4711.json")
        comment = json.loads(body)["ticket"]["comment"]
        assert comment["uploads"] == ["upl-token-1"] and comment["public"] is False
        ((_req, up_body),) = rec.named("POST", "/api/v2/uploads.json")
        assert up_body == bundle.read_bytes()
    finally:
        relay.stop()


def test_the_ticket_says_what_the_customer_already_tried(tmp_path, httpserver):
    """repairs.json (selfcheck.repairs.history) becomes plain lines in the ticket; a forged entry is left out."""
    rec = Recorder()
    zendesk_fake(httpserver, rec)
    relay = Relay(tmp_path / "relay", {**ZENDESK, "url": httpserver.url_for("/").rstrip("/")}).start()
    tried = {
        "repairs": [
            {
                "repair": "network.renew_address",
                "title": "Ask the router for a new network address",
                "outcome": "not_fixed",
                "started_at": "2026-11-25T11:58:03+00:00",
            },
            {"repair": "storage.empty_trash", "title": "Empty the trash", "outcome": "fixed", "started_at": "2026-11-24T09:12:44+00:00"},
            {"repair": "x; rm -rf /", "title": "<script>", "outcome": "fixed", "started_at": "now"},
            {"repair": "time.resync", "title": "Set the clock\nautomatically", "outcome": "hacked", "started_at": "2026-11-24T09:12:44+00:00"},
        ]
    }
    try:
        bundle = make_bundle(tmp_path / "b.zip", {"results.json": b"{}", "repairs.json": json.dumps(tried).encode()})
        send_bundle_to(relay, bundle)
        ((_req, t_body),) = rec.named("POST", "/api/v2/tickets.json")
        body = json.loads(t_body)["ticket"]["comment"]["body"]
        assert "Le Wi-Fi coupe toutes les 5 minutes\n\nWhat the customer already tried (with selfcheck):\n" in body
        assert (
            "- Ask the router for a new network address (network.renew_address), November 25, 2026 at 11:58 UTC: done, but the problem was still there\n"
            in body
        )
        assert "- Empty the trash (storage.empty_trash), November 24, 2026 at 09:12 UTC: worked (checked again)" in body
        assert "rm -rf" not in body and "<script>" not in body and "hacked" not in body
    finally:
        relay.stop()


def test_the_ticket_text_carries_the_support_card_of_a_real_bundle(tmp_path, httpserver):
    from selfcheck import app as app_mod
    from selfcheck.bundle import make_bundle as make_real_bundle
    from selfcheck.runner import Runner, select

    app = app_mod.start((), "en")
    scan = Runner(app.registry, app.config).run([c for c in select(app.registry, app.config) if c.id in ("os.uptime", "hardware.disk")])
    bundle = make_real_bundle(app, scan, out_path=tmp_path / "real.zip", description={"problem": "Word cannot save"}, include_logs=False).path
    rec = Recorder()
    zendesk_fake(httpserver, rec)
    relay = Relay(tmp_path / "relay", {**ZENDESK, "url": httpserver.url_for("/").rstrip("/")}).start()
    try:
        send_bundle_to(relay, bundle)
        ((_req, body),) = rec.named("POST", "/api/v2/tickets.json")
        comment = json.loads(body)["ticket"]["comment"]["body"]
        assert f"Support card — reference {manifest_of(bundle)['reference']}" in comment
        assert "  - Problem: Word cannot save" in comment and "Ask the customer next:" in comment
        assert "\nReply you can send:\n    Hello,\n" in comment  # agent round 10: the draft reply, as a letter, in the ticket
    finally:
        relay.stop()


def test_a_hostile_card_reaches_the_ticket_inert(tmp_path):
    from selfcheck_intake.card import read_card

    bundle = make_bundle(tmp_path / "b.zip", {"support-card.txt": "Support card\n\x1b]0;PWNED\x07 cause\u202e\n".encode()})
    assert read_card(bundle) == "Support card\n\\x1b]0;PWNED\\x07 cause\\u202e"
    big = make_bundle(tmp_path / "big.zip", {"support-card.txt": b"x" * 40000})
    assert read_card(big) == ""
    assert read_card(make_bundle(tmp_path / "none.zip")) == ""


def test_what_the_customers_computer_sent_reaches_the_ticket_inert(tmp_path, httpserver):
    """The describe step's words and answers ("Where are you?") come in the upload's description, the verdict's headline
    from the bundle: both hostile input. Control characters reach neither the ticket's subject nor its text (the card
    already was made inert by read_card); markup stays text."""
    evil = "\x1b]0;PWNED\x07\x1b[2J\u202e"
    bundle = make_bundle(tmp_path / "b.zip", diagnosis={"headline": "Headline\r\nBcc: x@evil.example" + evil})
    rec = Recorder()
    zendesk_fake(httpserver, rec)
    relay = Relay(tmp_path / "relay", {**ZENDESK, "url": httpserver.url_for("/").rstrip("/")}).start()
    try:
        send_bundle_to(relay, bundle, description="Where are you?\n<b>At home</b>" + evil)
        ((_req, body),) = rec.named("POST", "/api/v2/tickets.json")
    finally:
        relay.stop()
    ticket = json.loads(body)["ticket"]
    comment, subject = ticket["comment"]["body"], ticket["subject"]
    for text in (comment, subject):
        assert not [c for c in text if (ord(c) < 32 and c not in "\n\t") or 0x7F <= ord(c) <= 0x9F or c == "\u202e"], text
    assert "Where are you?\n<b>At home</b>\\x1b]0;PWNED\\x07\\x1b[2J\\u202e" in comment  # readable, escaped
    assert subject.startswith(f"selfcheck {manifest_of(bundle)['reference']}: Headline\\x0d\\nBcc: x@evil.example\\x1b"), subject


def test_a_hostile_bundles_repairs_reference_and_name_reach_the_ticket_inert(tmp_path, httpserver):
    """s31 review: C1 controls (\\x9b is a terminal's CSI) and bidi overrides and isolates in the titles of the repairs
    tried and the customer's name. The requester's name showed them as they came: now all of it is escaped, readable.
    (A manifest's reference carrying them is refused at intake since: see the test below.)"""
    evil = "\x85\x9b2J\u202a\u202e\u2066\u2069"
    tried = {
        "repairs": [{"repair": "storage.empty_trash", "title": "Empty" + evil + " the trash", "outcome": "fixed", "started_at": "2026-11-24T09:12:44+00:00"}]
    }
    bundle = make_bundle(tmp_path / "b.zip", {"results.json": b"{}", "repairs.json": json.dumps(tried).encode()})  # such a reference: refused
    rec = Recorder()
    zendesk_fake(httpserver, rec)
    relay = Relay(tmp_path / "relay", {**ZENDESK, "url": httpserver.url_for("/").rstrip("/")}).start()
    try:
        send_bundle_to(relay, bundle, name="Ann" + evil)
        ((up_req, _up_body),) = rec.named("POST", "/api/v2/uploads.json")
        ((_req, body),) = rec.named("POST", "/api/v2/tickets.json")
    finally:
        relay.stop()
    ticket = json.loads(body)["ticket"]
    escaped = "\\x85\\x9b2J\\u202a\\u202e\\u2066\\u2069"
    for text in (ticket["comment"]["body"], ticket["subject"], ticket["requester"]["name"], up_req.args["filename"]):
        assert not [
            c for c in text if (ord(c) < 32 and c not in "\n\t") or 0x7F <= ord(c) <= 0x9F or 0x202A <= ord(c) <= 0x202E or 0x2066 <= ord(c) <= 0x2069
        ], ascii(text)
    assert f"- Empty{escaped} the trash (storage.empty_trash), November 24, 2026 at 09:12 UTC: worked (checked again)" in ticket["comment"]["body"]
    assert f"selfcheck reference: {manifest_of(bundle)['reference']}\n" in ticket["comment"]["body"]
    assert ticket["requester"]["name"] == "Ann" + escaped


def post_upload(relay: Relay, bundle, **meta: str) -> requests.Response:
    encoded = base64.urlsafe_b64encode(json.dumps({"email": "ann@example.org", **meta}).encode()).decode().rstrip("=")
    key = manifest_of(bundle)["bundle_id"]
    headers = {"Content-Type": "application/zip", "Idempotency-Key": key, "X-Selfcheck-Meta": encoded}
    return requests.post(relay.url + "/v1/bundles", data=bundle.read_bytes(), headers=headers, timeout=30)


DESKS = {
    # the helpdesk's settings, and the call adding a bundle to ticket 31 makes
    "zendesk": ({**ZENDESK}, "PUT", "/api/v2/tickets/31.json"),
    "freshdesk": ({"kind": "freshdesk", "api_key": "fd-key"}, "POST", "/api/v2/tickets/31/notes"),
}


@pytest.mark.parametrize("desk", sorted(DESKS))
@pytest.mark.parametrize("ticket", ["1/../../users/5", "1.json?x=", "../../users/me", "3\u00b2"])
def test_an_upload_naming_a_ticket_that_is_no_number_is_refused_before_the_helpdesk_hears_of_it(tmp_path, httpserver, desk, ticket):
    """s31 review: the upload's existing-ticket field became the path of the relay's call, made with its own helpdesk
    credentials: with "1/../../users/5" Zendesk received PUT /api/v2/users/5.json and Freshdesk POST /api/v2/users/5/notes,
    with "1.json?x=" Zendesk PUT /api/v2/tickets/1.json?x=.json. The relay now refuses it (400 bad_ticket); "#31" still
    goes to ticket 31."""
    settings, method, path = DESKS[desk]
    httpserver.expect_request("/api/v2/uploads.json", method="POST").respond_with_json({"upload": {"token": "upl-token-1"}}, status=201)
    httpserver.expect_request(path, method=method).respond_with_json({"ticket": {"id": 31}})
    relay = Relay(tmp_path / "relay", {**settings, "url": httpserver.url_for("/").rstrip("/")}).start()
    try:
        bundle = make_bundle(tmp_path / "b.zip")
        refused = post_upload(relay, bundle, ticket=ticket)
        assert refused.status_code == 400 and refused.json()["error"] == "bad_ticket", refused.text
        assert httpserver.log == []
        assert post_upload(relay, bundle, ticket="#31").status_code in (201, 202)
        assert relay.wait_ticket(manifest_of(bundle)["bundle_id"])["ticket"]["id"] == "31"
    finally:
        relay.stop()
    assert [(req.method, req.path) for req, _ in httpserver.log if req.path != "/api/v2/uploads.json"] == [(method, path)]


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_customer_told_the_ticket_was_refused_reads_it_plainly_and_keeps_the_message(tmp_path, lang):
    """The relay's bad_ticket refusal (an outbox entry queued with such a ticket, or another client): said as it is, in
    the customer's language, the message kept; and ``selfcheck send --ticket`` refuses such text before sending."""
    from selfcheck import i18n
    from selfcheck.config import load
    from selfcheck.upload import Outbox, send_bundle

    relay = Relay(tmp_path / "relay").start()
    try:
        bundle = make_bundle(tmp_path / "b.zip")
        key = manifest_of(bundle)["bundle_id"]
        cfg = client_config(tmp_path / "c.toml", relay.url)
        i18n.set_language(lang)
        try:
            outcome = send_bundle(bundle, load([cfg]), email="ann@example.org", ticket="1/../../users/5")
        finally:
            i18n.set_language("en")
        words = {
            "en": "Your support service did not accept the ticket number sent with your message: a ticket number has only digits, such as 1234.",
            "fr": "Votre assistance n’a pas accepté le numéro de ticket envoyé avec votre message\u00a0: un numéro de ticket n’a que des chiffres, par exemple 1234.",
        }[lang]
        assert outcome.status == "failed" and outcome.kept and words in outcome.customer, outcome.customer
        assert [e.bundle_id for e in Outbox().entries()] == [key]
        other = make_bundle(tmp_path / "other.zip")
        proc = run_cli("send", str(other), "--config", str(cfg), "--lang", lang, "--ticket", "1/../../users/5", home=tmp_path / "home")
        assert proc.returncode == 1
        assert {
            "en": "The ticket must be a ticket number, only digits, such as 1234: “1/../../users/5” is not one.",
            "fr": "Le ticket doit être un numéro de ticket, uniquement des chiffres, par exemple 1234\u00a0: «\u00a01/../../users/5\u00a0» n’en est pas un.",
        }[lang] in proc.stderr, proc.stderr
        assert requests.get(f"{relay.url}/v1/bundles/{manifest_of(other)['bundle_id']}", timeout=5).status_code == 404
    finally:
        relay.stop()


@pytest.mark.parametrize("reference", ["K7H-94W-XCM", "..\\..\\evil", "K7H-94W-XCM\u202e"])
def test_a_reference_that_is_not_the_one_its_bundle_id_gives_is_refused(tmp_path, httpserver, reference):
    """docs/bundle.md: the reference is derived from the bundle id. The relay took any text up to 64 characters, which
    became the attachment's name (selfcheck-<reference>.zip); it now recomputes it and refuses another."""
    relay = Relay(tmp_path / "relay", {**ZENDESK, "url": httpserver.url_for("/").rstrip("/")}).start()
    try:
        refused = post_upload(relay, make_bundle(tmp_path / "b.zip", reference=reference))
    finally:
        relay.stop()
    assert refused.status_code == 400 and refused.json()["error"] == "bad_field", refused.text
    assert httpserver.log == []


@pytest.mark.parametrize("email", ["ann\u202e@example.org", "ann@exa\u2066mple.org", "ann\x85@example.org", "ann\t@example.org", "ann\u200b@example.org"])
def test_an_email_carrying_bidi_or_control_characters_is_refused(tmp_path, httpserver, email):
    """The requester's address goes to the helpdesk as the ticket's requester: refused, not escaped (an escaped address
    is another address)."""
    relay = Relay(tmp_path / "relay", {**ZENDESK, "url": httpserver.url_for("/").rstrip("/")}).start()
    try:
        refused = post_upload(relay, make_bundle(tmp_path / "b.zip"), email=email)
    finally:
        relay.stop()
    assert refused.status_code == 400 and (refused.json()["error"], refused.json()["reason"]) == ("bad_meta", "The e-mail address is not valid."), refused.text
    assert httpserver.log == []


@pytest.mark.parametrize("desk", sorted(DESKS))
def test_a_connector_keeps_a_ticket_it_is_given_inside_one_path_segment(tmp_path, httpserver, desk):
    """The second guard, for a ticket the queue recorded before the relay checked them: the connector quotes it as one
    path segment, so the helpdesk refuses an unknown ticket instead of receiving a call to /api/v2/users/5."""
    from pathlib import Path

    from selfcheck_intake.connectors import load_connector
    from selfcheck_intake.connectors.base import TicketRequest

    httpserver.expect_request("/api/v2/uploads.json", method="POST").respond_with_json({"upload": {"token": "upl-token-1"}}, status=201)
    httpserver.no_handler_status_code = 404
    bundle = make_bundle(tmp_path / "b.zip")
    m = manifest_of(bundle)
    conn = load_connector({**DESKS[desk][0], "url": httpserver.url_for("/").rstrip("/")})
    req = TicketRequest(Path(bundle), "0" * 64, bundle.stat().st_size, m["bundle_id"], m["reference"], None, None, "s", "d")
    with pytest.raises(Exception, match="refused with 404"):
        conn.add_to_ticket("1/../../users/5", req)
    raw = [r.environ.get("REQUEST_URI") or r.environ.get("RAW_URI") for r, _ in httpserver.log if r.path != "/api/v2/uploads.json"]
    assert raw == [{"zendesk": "/api/v2/tickets/1%2F..%2F..%2Fusers%2F5.json", "freshdesk": "/api/v2/tickets/1%2F..%2F..%2Fusers%2F5/notes"}[desk]]


def test_an_html_ticket_keeps_the_cards_entries_under_their_finding():
    # review 38: Freshdesk gets the ticket's text as HTML, which shows a run of spaces as one: each recorded cut's row (and the
    # hop test's steps, the sites tried) came out at the edge of the line it belongs under, as an entry of its own
    from pathlib import Path

    from selfcheck import supportcard
    from selfcheck_intake.connectors import _common
    from selfcheck_intake.connectors.base import TicketRequest

    card = supportcard.SupportCard(proof=["It stopped answering 2 times:", "  10–15 s: the link down 4 s", "  25–31 s: the link down 3 s"])
    request = TicketRequest(Path("b.zip"), "0" * 64, 1, "id", "ABC-DEF-GHJ", None, None, "s", "d", support_card=card.to_text())
    lines = _common.ticket_body(request, html=True).split("<br>")
    assert "&nbsp;&nbsp;- It stopped answering 2 times:" in lines, lines
    assert "&nbsp;" * 6 + "- 10–15 s: the link down 4 s" in lines and "&nbsp;" * 6 + "- 25–31 s: the link down 3 s" in lines, lines
    assert "What proves it:" in lines, lines  # a heading stays at the edge


def test_an_html_ticket_keeps_the_customers_lines_apart():
    # review 38b: Freshdesk's HTML ticket showed a description of several lines as one (only the body's own lines got a <br>)
    from pathlib import Path

    from selfcheck_intake.connectors import _common
    from selfcheck_intake.connectors.base import TicketRequest

    words = "The printer stopped.\nSince: this morning\nWhat changed: <b>a new cable</b>"
    request = TicketRequest(Path("b.zip"), "0" * 64, 1, "id", "ABC-DEF-GHJ", None, None, "s", words)
    lines = _common.ticket_body(request, html=True).split("<br>")
    assert lines[:3] == ["The printer stopped.", "Since: this morning", "What changed: &lt;b&gt;a new cable&lt;/b&gt;"], lines
    assert _common.ticket_body(request).startswith(words + "\n")  # the plain text as it was
