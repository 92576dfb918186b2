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
    from selfcheck_intake.settings import from_dict

    storage = tmp_path / "bundles"
    ancient = _aged(_write(storage / f"{uuid.uuid4()}.zip"), 3650)
    young = _write(storage / f"{uuid.uuid4()}.zip")
    tables = {"state": {"path": str(tmp_path / "state")}, "helpdesk": {"kind": "none"}}

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
