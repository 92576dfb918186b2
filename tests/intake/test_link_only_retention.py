"""A bundle whose ticket holds only the agent link (over the helpdesk's attachment limit) is support's only copy. Before,
the relay deleted it after storage.keep_days (30) like one attached to its ticket, while the ticket might still be open,
the link in the ticket said nothing of it, and the 410 the link then answered said "the ticket's attachment remains".
Now such a bundle is kept storage.keep_days_link_only (180 days by default) after its ticket, the ticket's text says
until when the link works, and the 410 says the truth for either kind of ticket."""

from __future__ import annotations

import calendar
import json
import os
import re
import sqlite3
import time
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlparse

import requests
from werkzeug import Request, Response

from sendkit import Relay, make_bundle, manifest_of

DAY = 86400
UNTIL = re.compile(r"This link works until (\d{4}-\d\d-\d\d \d\d:\d\d) UTC; after that the file is deleted, as set on this relay\.")


def _send(relay: Relay, bundle: Path) -> str:
    key = manifest_of(bundle)["bundle_id"]
    headers = {"Content-Type": "application/zip", "Idempotency-Key": key}
    answer = requests.post(relay.url + "/v1/bundles", data=bundle.read_bytes(), headers=headers, timeout=30)
    assert answer.status_code in (201, 202), answer.text
    return key


def _aged(relay: Relay, key: str, days: float) -> None:
    """The bundle stored, and its ticket made, ``days`` ago."""
    then = time.time() - days * DAY
    os.utime(relay.workdir / "bundles" / f"{key}.zip", (then, then))
    with sqlite3.connect(relay.workdir / "state" / "queue.sqlite3") as db:
        db.execute("UPDATE bundles SET created=?, updated=? WHERE bundle_id=?", (then, then, key))


CLEARED = "cleared the customers' data of bundles older than storage.keep_days"
DELETED = "deleted bundles older than storage.keep_days"


def _swept(relay: Relay, said: str, times: int) -> None:
    """Started, its start-up sweep done: the log says ``said`` for the ``times``-th time (the log goes on across starts)."""
    relay.start()
    end = time.monotonic() + 20
    while sum(e.get("message") == said for e in relay.logs()) < times and time.monotonic() < end:
        time.sleep(0.05)
    assert sum(e.get("message") == said for e in relay.logs()) == times, relay.log.read_text()[-2000:]


def _link_in(text: str) -> str:
    return text.split("(agents only): ")[1].split()[0]


def _osticket(httpserver, bodies: list[str]) -> dict[str, object]:
    """A fake osTicket keeping each ticket's text; it takes attachments up to 20,000 bytes."""

    def helpdesk(request: Request) -> Response:
        bodies.append(unquote(request.get_json()["message"]))
        return Response(str(1000 + len(bodies)), 201)

    httpserver.expect_request("/api/tickets.json", method="POST").respond_with_handler(helpdesk)
    return {"kind": "osticket", "url": httpserver.url_for("/").rstrip("/"), "api_key": "k", "default_email": "x@example.org", "attach_max_bytes": 20000}


def _large(tmp_path: Path) -> Path:
    return make_bundle(tmp_path / "large.zip", {"capture.pcap": os.urandom(60000)})  # over the attachment limit


def test_the_ticket_holding_only_the_link_says_until_when_it_works(tmp_path, httpserver):
    bodies: list[str] = []
    relay = Relay(tmp_path / "relay", _osticket(httpserver, bodies)).start()  # keep_days_link_only: 180 by default
    try:
        attached = _send(relay, make_bundle(tmp_path / "small.zip"))
        assert relay.wait_ticket(attached)["ticket"]["attached"] is True
        sent = time.time()
        linked = _send(relay, _large(tmp_path))
        assert relay.wait_ticket(linked)["ticket"]["attached"] is False
        ticketed = time.time()
        text = next(body for body in bodies if linked in body)
        said = UNTIL.search(text)
        assert said, text  # the ticket tells support until when its only copy can be had
        until = calendar.timegm(time.strptime(said.group(1), "%Y-%m-%d %H:%M"))
        assert sent + 180 * DAY - 60 <= until <= ticketed + 180 * DAY  # 180 days after the ticket, to the minute
        link = _link_in(text)
        assert until <= int(parse_qs(urlparse(link).query)["expires"][0]) < until + 60  # the link works until that date
        assert requests.get(link, timeout=5).status_code == 200
        assert "works until" not in next(body for body in bodies if attached in body)  # an attached bundle has no link
    finally:
        relay.stop()


def _one_attached_one_linked(tmp_path: Path, httpserver) -> tuple[Relay, str, str]:
    """A relay with the default periods that made two tickets: one with its bundle attached, one (too large) with only the
    link; the relay stopped, so a test can age them and sweep."""
    relay = Relay(tmp_path / "relay", _osticket(httpserver, [])).start()
    try:
        attached = _send(relay, make_bundle(tmp_path / "small.zip"))
        linked = _send(relay, _large(tmp_path))
        relay.wait_ticket(attached)
        relay.wait_ticket(linked)
    finally:
        relay.stop()
    return relay, attached, linked


def test_a_bundle_only_linked_from_its_ticket_outlives_keep_days_and_goes_after_its_own_period(tmp_path, httpserver):
    relay, attached, linked = _one_attached_one_linked(tmp_path, httpserver)  # keep_days 30, keep_days_link_only 180: the defaults

    _aged(relay, attached, 31)
    _aged(relay, linked, 31)
    _swept(relay, CLEARED, 1)  # the sweep is over: it clears the rows after deleting the bundles
    try:
        assert not (relay.workdir / "bundles" / f"{attached}.zip").exists()
        assert (relay.workdir / "bundles" / f"{linked}.zip").exists()  # support's only copy, kept past keep_days
        assert _agent_get(relay, linked).status_code == 200
    finally:
        relay.stop()

    _aged(relay, linked, 181)
    _swept(relay, DELETED, 2)
    try:
        assert not (relay.workdir / "bundles" / f"{linked}.zip").exists()
        assert _agent_get(relay, linked).status_code == 410
    finally:
        relay.stop()


def _agent_get(relay: Relay, key: str) -> requests.Response:
    from selfcheck_intake.worker import sign_agent_link

    expires = int(time.time()) + 3600
    return requests.get(
        f"{relay.url}/v1/agent/bundles/{key}", params={"expires": expires, "sig": sign_agent_link("agent-link-test-secret", key, expires)}, timeout=5
    )


def test_the_410_of_a_deleted_bundle_says_whether_the_ticket_holds_it(tmp_path, httpserver):
    relay, attached, linked = _one_attached_one_linked(tmp_path, httpserver)
    _aged(relay, attached, 31)
    _aged(relay, linked, 181)
    _swept(relay, DELETED, 1)
    try:
        said = {key: _agent_get(relay, key) for key in (attached, linked)}
        assert all(answer.status_code == 410 and answer.json()["error"] == "deleted" for answer in said.values())
        assert said[attached].json()["reason"] == (
            "This bundle was deleted: this relay keeps a bundle 30 days once its ticket exists (storage.keep_days). The ticket's attachment remains."
        )
        assert said[linked].json()["reason"] == (
            "This bundle was deleted: this relay keeps such a bundle 180 days after its ticket (storage.keep_days_link_only), as the ticket's "
            "text said with the link. The ticket holds only this link, not the file; the relay has no other copy."
        )
    finally:
        relay.stop()


def test_a_zendesk_ticket_found_again_after_its_link_note_failed_gets_the_note_and_counts_as_link_only(tmp_path, httpserver):
    """The attempt that made the ticket stopped at its note with the link (Zendesk busy); the retry found the ticket and
    recorded it as holding the bundle: no link in the ticket, and the relay's copy deleted after keep_days."""
    tickets: dict[str, int] = {}
    notes: list[str] = []

    def lookup(request: Request) -> Response:
        found = [{"id": tickets[request.args["external_id"]]}] if request.args.get("external_id") in tickets else []
        return Response(json.dumps({"tickets": found, "count": len(found)}), 200, content_type="application/json")

    def create(request: Request) -> Response:
        tickets[request.get_json()["ticket"]["external_id"]] = 42
        return Response(json.dumps({"ticket": {"id": 42}}), 201, content_type="application/json")

    def note(request: Request) -> Response:
        notes.append(request.get_json()["ticket"]["comment"]["body"])
        return Response("busy", 503) if len(notes) == 1 else Response(json.dumps({"ticket": {"id": 42}}), 200, content_type="application/json")

    httpserver.expect_request("/api/v2/tickets.json", method="GET").respond_with_handler(lookup)
    httpserver.expect_request("/api/v2/tickets.json", method="POST").respond_with_handler(create)
    httpserver.expect_request("/api/v2/tickets/42.json", method="PUT").respond_with_handler(note)
    desk = {"kind": "zendesk", "url": httpserver.url_for("/").rstrip("/"), "email": "agent@example.org", "api_token": "t", "attach_max_bytes": 1000}
    relay = Relay(tmp_path / "relay", desk).start()
    try:
        key = _send(relay, make_bundle(tmp_path / "b.zip", {"capture.pcap": os.urandom(5000)}))
        assert relay.wait_ticket(key)["ticket"] == {"id": "42", "reference": "#42", "attached": False}
        assert len(tickets) == 1 and len(notes) == 2
        assert UNTIL.search(notes[1]) and requests.get(_link_in(notes[1]), timeout=5).status_code == 200
    finally:
        relay.stop()


def test_a_bad_keep_days_link_only_stops_the_relay_at_start_with_a_clear_message(tmp_path):
    import subprocess
    import sys

    from sendkit import write_toml

    config = write_toml(
        tmp_path / "relay.toml",
        {"server": {"port": 0}, "state": {"path": str(tmp_path / "state")}, "storage": {"kind": "local", "keep_days_link_only": "half a year"}},
    )
    done = subprocess.run([sys.executable, "-m", "selfcheck_intake.server", "--config", str(config)], capture_output=True, text=True, timeout=30)
    assert done.returncode == 2
    assert done.stderr.strip() == (
        "selfcheck-intake: storage.keep_days_link_only must be a number of days, 0 or more (0 keeps bundles for ever), not 'half a year'"
    )
