"""Whether sending a kept message again may help is recorded on its outbox entry when the try fails, from the server's
answer or the connection's failure: never read back from the entry's error text (a reworded kind, or a text of another
version, changed which messages the window offered again). An entry an older version wrote, without it, is still read."""

from __future__ import annotations

import json
import os
import socket
import threading

import pytest

from selfcheck.config import load
from selfcheck.upload import Outbox, flush_outbox, kept_messages, send_bundle, sending_again_may_help
from selfcheck.upload.outbox import FAILED, QUEUED
from sendkit import client_config, free_port, make_bundle, manifest_of


def _config(tmp_path, url, **support):
    return load([client_config(tmp_path / "c.toml", url, **support)])


def _refused_with(tmp_path, httpserver, status: int, body: dict) -> tuple:
    bundle = make_bundle(tmp_path / "b.zip")
    key = manifest_of(bundle)["bundle_id"]
    httpserver.expect_request(f"/v1/bundles/{key}", method="GET").respond_with_json({"error": "not_found"}, status=404)
    httpserver.expect_request("/v1/bundles", method="POST").respond_with_json(body, status=status)
    outcome = send_bundle(bundle, _config(tmp_path, httpserver.url_for("/").rstrip("/")), email="ann@example.org")
    return outcome, Outbox().get(key)


@pytest.mark.parametrize(
    "status, body, status_kept, may_help",
    [
        (500, {"error": "internal"}, QUEUED, True),  # support's server had a problem: it goes later by itself
        (503, {"error": "unavailable"}, QUEUED, True),
        (413, {"error": "too_large"}, FAILED, False),  # too big: the same message is refused again, whatever anyone mends
        (400, {"error": "invalid_email"}, FAILED, False),  # what came with it refused (the e-mail address)
        (404, {"error": "request_expired"}, FAILED, False),  # the support request's code it was sent with has expired
        (403, {"error": "forbidden"}, FAILED, True),  # support's address refuses it (a setting): mended on the company's side
    ],
    ids=["500", "503", "413", "400", "404-request-expired", "403"],
)
def test_what_the_server_answered_is_recorded_and_decides_whether_the_message_is_offered_again(tmp_path, httpserver, status, body, status_kept, may_help):
    outcome, entry = _refused_with(tmp_path, httpserver, status, body)
    assert entry is not None and entry.status == status_kept, outcome.message
    assert outcome.retry_may_help is may_help and entry.retry_may_help is may_help and sending_again_may_help(entry) is may_help
    assert json.loads((entry.folder / "state.json").read_text(encoding="utf-8"))["retry_may_help"] is may_help
    if os.name == "posix":
        assert (entry.folder / "state.json").stat().st_mode & 0o077 == 0  # the customer's e-mail in it: their eyes only
    assert [e.bundle_id for e in kept_messages()] == ([entry.bundle_id] if status_kept == FAILED and may_help else [])


class _Silent:
    """A server on 127.0.0.1 that takes the connection and never answers."""

    def __init__(self) -> None:
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self.sock.getsockname()[1]}"
        self.conns: list[socket.socket] = []
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self) -> None:
        while True:
            try:
                self.conns.append(self.sock.accept()[0])
            except OSError:
                return

    def close(self) -> None:
        self.sock.close()
        for conn in self.conns:
            conn.close()


@pytest.mark.parametrize("failure", ["timeout", "refused"])
def test_no_answer_or_a_refused_connection_is_recorded_as_worth_another_try(tmp_path, failure):
    bundle = make_bundle(tmp_path / "b.zip")
    server = _Silent() if failure == "timeout" else None
    try:
        url = server.url if server is not None else f"http://127.0.0.1:{free_port()}"  # nothing listens there
        outcome = send_bundle(bundle, _config(tmp_path, url, read_timeout=1))
    finally:
        if server is not None:
            server.close()
    [entry] = Outbox().entries()
    assert outcome.status == "queued" and outcome.reason == failure, outcome.message
    assert outcome.retry_may_help is True and entry.retry_may_help is True and sending_again_may_help(entry)


def test_the_recorded_kind_decides_not_the_words_of_the_error(tmp_path, httpserver):
    """A message refused as too big stays out of the offer when its error text reads otherwise (reworded by a later
    version); one refused by a setting stays in it when its text names a refusal the older rule held for good."""
    outcome, entry = _refused_with(tmp_path, httpserver, 413, {"error": "too_large"})
    assert outcome.status == "failed" and kept_messages() == []
    state_file = entry.folder / "state.json"
    state = json.loads(state_file.read_text(encoding="utf-8"))
    state["last_error"] = "payload_too_big (413)"
    state_file.write_text(json.dumps(state), encoding="utf-8")
    assert kept_messages() == []  # still not offered: a new try cannot get it through
    state.update(last_error="too_large (413)", retry_may_help=True)
    state_file.write_text(json.dumps(state), encoding="utf-8")
    assert [e.bundle_id for e in kept_messages()] == [entry.bundle_id]


@pytest.mark.parametrize(
    "last_error, offered",
    [("too_large (413)", False), ("request (404)", False), ("rejected (400)", False), ("needs_email", False), ("misconfigured (403)", True), ("", True)],
)
def test_an_entry_an_older_version_wrote_is_still_read_from_its_error(tmp_path, last_error, offered):
    """An outbox on a customer's disk outlives an upgrade: an entry without the recorded kind is judged as that version did."""
    bundle = make_bundle(tmp_path / "b.zip")
    entry = Outbox().add(bundle, {"kind": "intake", "url": "http://127.0.0.1:9"})
    state_file = entry.folder / "state.json"
    state = json.loads(state_file.read_text(encoding="utf-8"))
    del state["retry_may_help"]
    state.update(status=FAILED, attempts=1, last_error=last_error)
    state_file.write_text(json.dumps(state), encoding="utf-8")
    [old] = Outbox().entries()
    assert old.retry_may_help is None and sending_again_may_help(old) is offered
    assert [e.bundle_id for e in kept_messages()] == ([entry.bundle_id] if offered else [])
    assert flush_outbox(_config(tmp_path, "http://127.0.0.1:9")) == []  # refused before: never sent by itself
