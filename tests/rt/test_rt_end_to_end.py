"""The whole path with no mock anywhere: ``selfcheck send`` (a CLI process) → the intake relay (a process,
configured with the rt connector) → a real Request Tracker 5."""

from __future__ import annotations

import json
import os
import re
import time
import zipfile
from pathlib import Path
from typing import Any

import pytest
import requests

from sendkit import Relay, client_config, make_bundle, manifest_of, run_cli

from .conftest import SMALL_LIMIT
from .rt_server import DIAGNOSIS_FIELD, QUEUE, REFERENCE_FIELD, RTInstance

pytestmark = pytest.mark.slow

CUSTOMER = "marie.curie@example.org"


def relay_for(rt: RTInstance, workdir: Path, **queue: Any) -> Relay:
    """The real relay with the rt connector; the token comes from the environment, as the docs recommend."""
    helpdesk = {
        "kind": "rt",
        "url": rt.url,
        "token": "env:SELFCHECK_TEST_RT_TOKEN",
        "queue": QUEUE,
        "reference_field": REFERENCE_FIELD,
        "diagnosis_field": DIAGNOSIS_FIELD,
    }
    return Relay(workdir, helpdesk=helpdesk, queue={"ticket_wait_seconds": 30, **queue}, env={"SELFCHECK_TEST_RT_TOKEN": rt.token})


def send(bundle: Path, relay: Relay, home: Path, *extra: str) -> str:
    cfg = client_config(home.parent / "client.toml", relay.url)
    proc = run_cli("send", str(bundle), "--config", str(cfg), "--email", CUSTOMER, "--name", "Marie Curie", *extra, home=home)
    assert proc.returncode == 0, proc.stdout + proc.stderr + relay.log.read_text(errors="replace")[-3000:]
    return proc.stdout


def bundle_with_logs(path: Path, size: int) -> Path:
    return make_bundle(path, {"report.json": json.dumps({"verdict": "wifi"}).encode(), "logs/capture.bin": os.urandom(size)})


def only_ticket(rt: RTInstance, reference: str) -> str:
    tickets = rt.search(f"'CF.{{{REFERENCE_FIELD}}}' = '{reference}'")
    assert len(tickets) == 1, f"expected exactly one ticket for {reference}, RT has {tickets}"
    return str(tickets[0]["id"])


def bundle_file(reference: str) -> re.Pattern[str]:
    """The attachment's name, the customer's own copy's (selfcheck.bundle.file_name: no company set on this relay, so the
    program's name, the reference, the day the bundle was made)."""
    return re.compile(rf"selfcheck-{re.escape(reference)}-\d{{4}}-\d{{2}}-\d{{2}}\.zip")


def attached_copy(rt: RTInstance, ticket_id: str, reference: str) -> bytes:
    files = [a for a in rt.attachments(ticket_id) if bundle_file(reference).fullmatch(a["Filename"])]
    assert len(files) == 1, f"ticket {ticket_id} should carry the bundle {reference} once: {files}"
    return rt.attachment_bytes(files[0]["id"])


def test_bundle_sent_from_the_cli_becomes_an_rt_ticket_and_a_follow_up_joins_it(rt: RTInstance, tmp_path: Path) -> None:
    relay = relay_for(rt, tmp_path / "relay").start()
    try:
        first = bundle_with_logs(tmp_path / "first.zip", 300_000)
        reference = manifest_of(first)["reference"]
        out = send(first, relay, tmp_path / "home", "--description", "Le Wi-Fi se coupe toutes les cinq minutes, même après redémarrage.")

        ticket_id = only_ticket(rt, reference)
        assert f"Your ticket reference is {ticket_id}." in out
        ticket = rt.get(f"ticket/{ticket_id}")
        assert rt.get(f"queue/{ticket['Queue']['id']}")["Name"] == QUEUE
        assert [r["id"] for r in ticket["Requestor"]] == [CUSTOMER]
        assert attached_copy(rt, ticket_id, reference) == first.read_bytes()

        follow_up = bundle_with_logs(tmp_path / "second.zip", 5_000)
        follow_up_reference = manifest_of(follow_up)["reference"]
        out = send(follow_up, relay, tmp_path / "home", "--ticket", ticket_id, "--description", "Voici le deuxième rapport demandé.")

        assert f"Your ticket reference is {ticket_id}." in out
        assert attached_copy(rt, ticket_id, follow_up_reference) == follow_up.read_bytes()
        assert rt.search(f"'CF.{{{REFERENCE_FIELD}}}' = '{follow_up_reference}'") == [], "a follow-up opens no new ticket"
        assert rt.token.split("-")[-1] not in relay.log.read_text(errors="replace"), "the RT token must never reach the relay's log"
    finally:
        relay.stop()


def test_rt_down_while_the_relay_holds_the_bundle_then_delivered_once_across_a_relay_restart(rt: RTInstance, tmp_path: Path) -> None:
    relay = relay_for(rt, tmp_path / "relay", ticket_wait_seconds=1).start()
    bundle = bundle_with_logs(tmp_path / "b.zip", 100_000)
    manifest = manifest_of(bundle)
    rt.stop()
    try:
        out = send(bundle, relay, tmp_path / "home", "--description", "RT is down right now")
        assert manifest["reference"] in out and "support will open a ticket" in out  # accepted, ticket pending

        deadline = time.monotonic() + 30
        while not any("ticket creation failed" in e.get("message", "") for e in relay.logs()):
            assert time.monotonic() < deadline, "the relay never tried RT while it was down"
            time.sleep(0.2)
        assert requests.get(f"{relay.url}/v1/bundles/{manifest['bundle_id']}", timeout=5).json()["status"] == "pending"
        relay.stop()  # the relay restarts while RT is still down: the bundle waits on its disk
        relay.start()

        rt.start()
        record = relay.wait_ticket(manifest["bundle_id"], timeout=60)
    finally:
        rt.start()
        relay.stop()

    ticket_id = only_ticket(rt, manifest["reference"])
    assert record["ticket"]["reference"] == ticket_id and record["ticket"]["attached"] is True
    assert attached_copy(rt, ticket_id, manifest["reference"]) == bundle.read_bytes()


def test_rt_dropping_large_attachments_gets_a_working_agent_link_instead(rt_dropping: RTInstance, tmp_path: Path) -> None:
    relay = relay_for(rt_dropping, tmp_path / "relay").start()
    try:
        bundle = bundle_with_logs(tmp_path / "big.zip", SMALL_LIMIT * 3)
        manifest = manifest_of(bundle)
        out = send(bundle, relay, tmp_path / "home", "--description", "Large bundle")

        ticket_id = only_ticket(rt_dropping, manifest["reference"])
        assert f"Your ticket reference is {ticket_id}." in out
        status = requests.get(f"{relay.url}/v1/bundles/{manifest['bundle_id']}", timeout=5).json()
        assert status["ticket"]["attached"] is False
        text = rt_dropping.attachment_text(ticket_id)
        links = re.findall(rf"{re.escape(relay.url)}/v1/agent/bundles/{manifest['bundle_id']}\?\S+", text)
        assert len(links) == 1, text
        download = requests.get(links[0], timeout=10)
        assert download.status_code == 200 and download.content == bundle.read_bytes()
    finally:
        relay.stop()


def test_a_real_bundle_made_by_selfcheck_send_arrives_intact(rt: RTInstance, tmp_path: Path) -> None:
    relay = relay_for(rt, tmp_path / "relay").start()
    try:
        cfg = client_config(tmp_path / "client.toml", relay.url)
        with open(cfg, "a", encoding="utf-8") as fh:
            fh.write('\n[checks]\nenabled = ["os.uptime"]\n')  # a real scan and bundle, with a local check only
        proc = run_cli("send", "--config", str(cfg), "--email", CUSTOMER, "--description", "Tout est lent depuis lundi", home=tmp_path / "home", timeout=120)
        assert proc.returncode == 0, proc.stdout + proc.stderr

        stored = list((relay.workdir / "bundles").glob("*.zip"))
        assert len(stored) == 1
        manifest = manifest_of(stored[0])
        ticket_id = only_ticket(rt, manifest["reference"])
        assert f"Your ticket reference is {ticket_id}." in proc.stdout
        assert attached_copy(rt, ticket_id, manifest["reference"]) == stored[0].read_bytes()
        ticket = rt.get(f"ticket/{ticket_id}")
        assert [r["id"] for r in ticket["Requestor"]] == [CUSTOMER]
        with zipfile.ZipFile(stored[0]) as zf:
            headline = json.loads(zf.read("results.json"))["diagnosis"]["headline"]
        fields = {cf["name"]: cf["values"] for cf in ticket["CustomFields"]}
        assert headline and fields[DIAGNOSIS_FIELD] == [headline]
        assert headline in ticket["Subject"]
    finally:
        relay.stop()


def test_an_upload_naming_a_ticket_that_is_no_number_is_refused_and_rt_never_hears_of_it(rt: RTInstance, tmp_path: Path) -> None:
    """s31 review: the upload's existing-ticket field is the customer's computer speaking. The relay accepted any text and
    held the bundle when the rt connector found no ticket number in it; now it refuses it at once (400 bad_ticket), so
    the customer's program says so and keeps the message, and the same bundle with "#<n>" joins that ticket."""
    import base64

    relay = relay_for(rt, tmp_path / "relay").start()
    try:
        first = bundle_with_logs(tmp_path / "first.zip", 2_000)
        send(first, relay, tmp_path / "home")
        ticket_id = only_ticket(rt, manifest_of(first)["reference"])
        follow_up = bundle_with_logs(tmp_path / "second.zip", 2_000)
        reference = manifest_of(follow_up)["reference"]

        def upload(ticket: str) -> requests.Response:
            meta = base64.urlsafe_b64encode(json.dumps({"email": CUSTOMER, "ticket": ticket}).encode()).decode().rstrip("=")
            headers = {"Content-Type": "application/zip", "Idempotency-Key": manifest_of(follow_up)["bundle_id"], "X-Selfcheck-Meta": meta}
            return requests.post(relay.url + "/v1/bundles", data=follow_up.read_bytes(), headers=headers, timeout=60)

        refused = upload(f"{ticket_id}/../../queue/1")
        assert refused.status_code == 400 and refused.json()["error"] == "bad_ticket", refused.text
        assert rt.search(f"'CF.{{{REFERENCE_FIELD}}}' = '{reference}'") == []
        assert [a for a in rt.attachments(ticket_id) if bundle_file(reference).fullmatch(a["Filename"])] == []
        assert upload(f"#{ticket_id}").status_code in (201, 202)
        relay.wait_ticket(manifest_of(follow_up)["bundle_id"], timeout=60)
        assert attached_copy(rt, ticket_id, reference) == follow_up.read_bytes()
    finally:
        relay.stop()
