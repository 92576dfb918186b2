"""A local helpdesk that speaks the part of Zendesk's API the relay uses, counts tickets, and can be made to fail.

It keeps every ticket it was asked to create (also a second one for the same bundle, as the real Zendesk
would), with the SHA-256 of the file attached, so a test can check "exactly one ticket per bundle, with
the same bytes".
"""

from __future__ import annotations

import hashlib
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit


class FakeDesk:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.uploads: dict[str, str] = {}  # token -> sha256 of the uploaded file
        self.tickets: list[dict[str, Any]] = []  # {"id", "external_id", "sha256"}
        self.comments: list[dict[str, Any]] = []  # follow-ups: {"ticket", "body", "sha256", "public"}
        self.failing_until = 0.0  # monotonic: until then every request gets 503
        self.ticket_delay = 0.0  # seconds each ticket creation takes
        self.refused = 0
        desk = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: Any) -> None:
                pass

            def _send(self, status: int, doc: dict[str, Any]) -> None:
                body = json.dumps(doc).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def _body(self) -> bytes:
                return self.rfile.read(int(self.headers.get("Content-Length") or 0))

            def _failing(self) -> bool:
                if time.monotonic() < desk.failing_until:
                    self._body()
                    with desk.lock:
                        desk.refused += 1
                    self._send(503, {"error": "maintenance"})
                    return True
                return False

            def do_GET(self) -> None:  # noqa: N802
                if self._failing():
                    return
                url = urlsplit(self.path)
                if url.path == "/api/v2/tickets.json":
                    wanted = parse_qs(url.query).get("external_id", [""])[0]
                    with desk.lock:
                        found = [{"id": t["id"]} for t in desk.tickets if t["external_id"] == wanted]
                    self._send(200, {"tickets": found})
                elif url.path == "/api/v2/users/me.json":
                    self._send(200, {"user": {"id": 1}})
                else:
                    self._send(404, {"error": "not found"})

            def do_POST(self) -> None:  # noqa: N802
                if self._failing():
                    return
                url = urlsplit(self.path)
                body = self._body()
                if url.path == "/api/v2/uploads.json":
                    with desk.lock:
                        token = f"u{len(desk.uploads) + 1}"
                        desk.uploads[token] = hashlib.sha256(body).hexdigest()
                    self._send(201, {"upload": {"token": token}})
                elif url.path == "/api/v2/tickets.json":
                    if desk.ticket_delay:
                        time.sleep(desk.ticket_delay)
                    ticket = json.loads(body)["ticket"]
                    with desk.lock:
                        number = len(desk.tickets) + 1
                        uploads = ticket["comment"].get("uploads") or []
                        desk.tickets.append({"id": number, "external_id": ticket["external_id"], "sha256": desk.uploads.get(uploads[0]) if uploads else None})
                    self._send(201, {"ticket": {"id": number}})
                else:
                    self._send(404, {"error": "not found"})

            def do_PUT(self) -> None:  # noqa: N802
                if self._failing():
                    return
                url = urlsplit(self.path)
                body = self._body()
                parts = url.path.split("/")
                if len(parts) == 5 and parts[:4] == ["", "api", "v2", "tickets"] and parts[4].endswith(".json"):
                    comment = json.loads(body)["ticket"]["comment"]
                    uploads = comment.get("uploads") or []
                    with desk.lock:
                        desk.comments.append(
                            {
                                "ticket": parts[4][:-5],
                                "body": comment["body"],
                                "sha256": desk.uploads.get(uploads[0]) if uploads else None,
                                "public": comment.get("public", True),
                            }
                        )
                    self._send(200, {"ticket": {"id": int(parts[4][:-5])}})
                else:
                    self._send(404, {"error": "not found"})

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def start(self) -> FakeDesk:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def fail_for(self, seconds: float) -> None:
        self.failing_until = time.monotonic() + seconds

    def settings(self) -> dict[str, Any]:
        """The relay's ``[helpdesk]`` table for this desk."""
        return {"kind": "zendesk", "url": self.url, "email": "relay@example.org", "api_token": "desk-token"}

    def by_bundle(self) -> dict[str, list[dict[str, Any]]]:
        with self.lock:
            out: dict[str, list[dict[str, Any]]] = {}
            for ticket in self.tickets:
                out.setdefault(ticket["external_id"], []).append(ticket)
            return out
