"""A kept-alive connection the server closed while idle, reused for the next request: sent on a new connection, not
queued. Found in the suite under load (test_send_api: "not sent: interrupted: ConnectionError" right after Zendesk's
upload answered 201); proxies and load balancers close idle connections the same way on customers' networks."""

from __future__ import annotations

import json
import socket
import struct
import threading

from selfcheck.config import load
from selfcheck.upload import Outbox, send_bundle
from sendkit import client_config, make_bundle, manifest_of


class StaleServer:
    """A loopback HTTP/1.1 server that answers each request from ``answers`` (path -> list of (status, body) or None),
    keeps the connection open after an answer, and for a None closes the connection without answering, as a server
    does with a kept-alive connection it dropped while idle; for "partial", the answer's start, then a reset."""

    def __init__(self, answers: dict[str, list[tuple[int, dict] | str | None]]) -> None:
        self.answers = answers
        self.seen: list[tuple[int, str, str, dict[str, str], bytes]] = []  # (connection, method, path, headers, body)
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self.sock.getsockname()[1]}"
        self.connections = 0
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            self.connections += 1
            threading.Thread(target=self._serve, args=(conn, self.connections), daemon=True).start()

    def _serve(self, conn: socket.socket, number: int) -> None:
        reader = conn.makefile("rb")
        with conn:
            while True:
                line = reader.readline()
                if not line:
                    return
                method, target, _ = line.decode("latin-1").split(" ", 2)
                headers: dict[str, str] = {}
                while (header := reader.readline()) not in (b"\r\n", b"\n", b""):
                    name, _, value = header.decode("latin-1").partition(":")
                    headers[name.strip().lower()] = value.strip()
                body = reader.read(int(headers.get("content-length", "0")))
                path = target.split("?", 1)[0]
                self.seen.append((number, method, path, headers, body))
                answer = self.answers[path].pop(0)
                if answer is None:
                    conn.shutdown(socket.SHUT_RDWR)
                    return
                if answer == "partial":
                    conn.sendall(b'HTTP/1.1 201 Created\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"request": {"id"')
                    conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))  # closed with a reset
                    return
                status, document = answer
                data = json.dumps(document).encode()
                conn.sendall(f"HTTP/1.1 {status} X\r\nContent-Type: application/json\r\nContent-Length: {len(data)}\r\n\r\n".encode() + data)

    def close(self) -> None:
        self.sock.close()


def test_zendesk_request_on_a_dropped_kept_alive_connection_is_made_on_a_new_one(tmp_path):
    server = StaleServer(
        {
            "/api/v2/uploads.json": [(201, {"upload": {"token": "tok"}})],
            "/api/v2/requests.json": [None, (201, {"request": {"id": 314}})],
        }
    )
    try:
        bundle = make_bundle(tmp_path / "b.zip")
        config = load([client_config(tmp_path / "c.toml", "", kind="zendesk", zendesk_url=server.url)])
        outcome = send_bundle(bundle, config, email="bob@example.org", name="Bob", description="Rien ne marche")
        assert outcome.status == "sent" and outcome.reference == "#314", outcome.message
        assert list(Outbox().entries()) == []
        made = [s for s in server.seen if s[2] == "/api/v2/requests.json"]
        # the same request twice, the second on a new connection, with the key that makes Zendesk keep one ticket
        assert [s[0] for s in made] == [1, 2]
        assert made[0][4] == made[1][4] and made[0][3]["idempotency-key"] == made[1][3]["idempotency-key"] == manifest_of(bundle)["bundle_id"]
    finally:
        server.close()


def test_relay_upload_on_a_dropped_kept_alive_connection_is_sent_whole_on_a_new_one(tmp_path):
    bundle = make_bundle(tmp_path / "b.zip")
    key = manifest_of(bundle)["bundle_id"]
    receipt = {"bundle_id": key, "reference": "ABC-DEF-GHJ"}
    server = StaleServer({f"/v1/bundles/{key}": [(404, {"error": "not_found"})], "/v1/bundles": [None, (201, receipt)]})
    try:
        seen: list[float] = []
        outcome = send_bundle(bundle, load([client_config(tmp_path / "c.toml", server.url)]), progress=seen.append)
        assert outcome.status == "sent" and outcome.reference == "ABC-DEF-GHJ", outcome.message
        posts = [s for s in server.seen if s[1] == "POST"]
        assert [s[0] for s in posts] == [1, 2]
        assert posts[1][4] == bundle.read_bytes()  # the whole file again, not what was left of it
        assert seen[-1] == 1.0
    finally:
        server.close()


def test_a_connection_cut_twice_is_still_told_and_kept_for_later(tmp_path):
    """Only once more: a second cut is the customer's connection, and the message waits in the outbox as before."""
    bundle = make_bundle(tmp_path / "b.zip")
    key = manifest_of(bundle)["bundle_id"]
    server = StaleServer({f"/v1/bundles/{key}": [(404, {"error": "not_found"})], "/v1/bundles": [None, None]})
    try:
        outcome = send_bundle(bundle, load([client_config(tmp_path / "c.toml", server.url)]))
        assert outcome.status == "queued"
        assert [entry.last_error for entry in Outbox().entries()] == ["interrupted"]
        assert len([s for s in server.seen if s[1] == "POST"]) == 2
    finally:
        server.close()


def test_a_cancel_pressed_while_the_first_try_waited_starts_no_second(tmp_path):
    """The customer pressed Cancel while the Zendesk request waited for its answer, then the connection was cut: no new
    connection carries it again after the customer said stop."""
    cancel = threading.Event()

    class CancelledThenCut(list):
        def pop(self, index: int = -1):  # the request arrived; the customer presses Cancel before the answer
            cancel.set()
            return super().pop(index)

    server = StaleServer(
        {"/api/v2/uploads.json": [(201, {"upload": {"token": "tok"}})], "/api/v2/requests.json": CancelledThenCut([None, (201, {"request": {"id": 314}})])}
    )
    try:
        bundle = make_bundle(tmp_path / "b.zip")
        config = load([client_config(tmp_path / "c.toml", "", kind="zendesk", zendesk_url=server.url)])
        outcome = send_bundle(bundle, config, email="bob@example.org", name="Bob", description="Rien ne marche", cancel=cancel)
        assert outcome.cancelled, outcome.message
        assert len([s for s in server.seen if s[2] == "/api/v2/requests.json"]) == 1
    finally:
        server.close()


def test_a_zendesk_request_cut_after_its_answer_began_is_not_made_again(tmp_path):
    """Zendesk had begun answering 201 (the request exists) when the connection was cut: the retry is only for a request
    cut before any answer came, so it is not made a second time (Zendesk documents its Idempotency-Key for ticket
    creation through its Tickets API, not for this end-user request); the message waits, as before."""
    server = StaleServer({"/api/v2/uploads.json": [(201, {"upload": {"token": "tok"}})], "/api/v2/requests.json": ["partial", (201, {"request": {"id": 314}})]})
    try:
        bundle = make_bundle(tmp_path / "b.zip")
        config = load([client_config(tmp_path / "c.toml", "", kind="zendesk", zendesk_url=server.url)])
        outcome = send_bundle(bundle, config, email="bob@example.org", name="Bob", description="Rien ne marche")
        assert outcome.status == "queued", outcome.message
        assert len([s for s in server.seen if s[2] == "/api/v2/requests.json"]) == 1
    finally:
        server.close()


def test_a_zendesk_upload_cut_before_its_answer_is_sent_whole_again_and_the_message_goes_at_once(tmp_path):
    """The file's upload was the one request to Zendesk not made again when its connection was cut before an answer:
    the customer's message waited for later ("interrupted") although an upload made twice is harmless (Zendesk drops an
    upload token no request uses). It is now sent whole again on a new connection, and one request is made with it."""
    server = StaleServer({"/api/v2/uploads.json": [None, (201, {"upload": {"token": "tok"}})], "/api/v2/requests.json": [(201, {"request": {"id": 314}})]})
    try:
        bundle = make_bundle(tmp_path / "b.zip")
        config = load([client_config(tmp_path / "c.toml", "", kind="zendesk", zendesk_url=server.url)])
        seen: list[float] = []
        outcome = send_bundle(bundle, config, email="bob@example.org", name="Bob", description="Rien ne marche", progress=seen.append)
        assert outcome.status == "sent" and outcome.reference == "#314", outcome.message
        assert list(Outbox().entries()) == []
        uploads = [s for s in server.seen if s[2] == "/api/v2/uploads.json"]
        assert [s[0] for s in uploads] == [1, 2]
        assert uploads[1][4] == bundle.read_bytes()  # the whole file again, not what was left of it
        made = [s for s in server.seen if s[2] == "/api/v2/requests.json"]
        assert len(made) == 1 and json.loads(made[0][4])["request"]["comment"]["uploads"] == ["tok"]
        assert seen[-1] == 1.0
    finally:
        server.close()
