"""A relay's answer is another process's text: it never drives the customer's terminal (issue 12 item 8)."""

from __future__ import annotations

import http.server
import json
import threading

from sendkit import client_config, make_bundle, run_cli

EVIL = "bad bundle\x1b]0;PWNED\x07\x1b[2J\u202e"


class _Hostile(http.server.BaseHTTPRequestHandler):
    def do_POST(self) -> None:  # noqa: N802 - http.server's name
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        body = json.dumps({"error": "bad_manifest", "reason": EVIL}).encode()
        self.send_response(400)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:  # noqa: N802 - /v1/info and the status of an earlier attempt
        body = json.dumps({"api": 1, "max_bundle_bytes": 10**8} if self.path.startswith("/v1/info") else {"error": "not_found"}).encode()
        self.send_response(200 if self.path.startswith("/v1/info") else 404)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


def test_a_hostile_relay_answer_reaches_the_terminal_escaped(tmp_path):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Hostile)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        cfg = client_config(tmp_path / "c.toml", f"http://127.0.0.1:{server.server_port}/")
        proc = run_cli("send", str(make_bundle(tmp_path / "b.zip")), "--config", str(cfg), home=tmp_path / "home")
    finally:
        server.shutdown()
    output = proc.stdout + proc.stderr
    assert proc.returncode == 1, output
    assert "\x1b" not in output and "\x07" not in output and "\u202e" not in output
    assert "refused" in output  # the customer reads plain words, never the relay's raw text
