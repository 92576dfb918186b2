"""The relay's HTTP API, as a real process: what it accepts, what it refuses and why."""

from __future__ import annotations

import json
import os
import sys
import uuid
import zipfile
from pathlib import Path

import pytest
import requests

from sendkit import Relay, make_bundle, manifest_of, zip_bytes

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def relay(tmp_path_factory):
    r = Relay(tmp_path_factory.mktemp("relay"), limits={"max_bundle_bytes": 2_000_000, "max_expanded_bytes": 20_000_000}).start()
    yield r
    r.stop()


def post(relay: Relay, body: bytes, key: str | None = None, content_type: str = "application/zip", **headers: str) -> requests.Response:
    h = {"Content-Type": content_type, **headers}
    if key:
        h["Idempotency-Key"] = key
    return requests.post(relay.url + "/v1/bundles", data=body, headers=h, timeout=30)


def assert_refused(response: requests.Response, status: int, *codes: str) -> None:
    assert response.status_code == status, response.text
    body = response.json()
    assert body["error"] in codes, body
    assert body["reason"]


def stored(relay: Relay) -> list[str]:
    folder = relay.workdir / "bundles"
    return sorted(p.name for p in folder.iterdir()) if folder.is_dir() else []


def test_valid_bundle_gets_reference_and_is_stored_identically(relay, tmp_path):
    bundle = make_bundle(tmp_path / "b.zip")
    m = manifest_of(bundle)
    r = post(relay, bundle.read_bytes(), m["bundle_id"])
    assert r.status_code in (201, 202)
    body = r.json()
    assert body["reference"] == m["reference"]
    assert body["status_url"] == f"/v1/bundles/{m['bundle_id']}"
    assert (relay.workdir / "bundles" / f"{m['bundle_id']}.zip").read_bytes() == bundle.read_bytes()
    assert relay.wait_ticket(m["bundle_id"])["ticket"]["reference"] == m["reference"]


def test_same_bundle_twice_gives_the_same_ticket_once(relay, tmp_path):
    bundle = make_bundle(tmp_path / "b.zip")
    key = manifest_of(bundle)["bundle_id"]
    first = post(relay, bundle.read_bytes(), key)
    relay.wait_ticket(key)
    second = post(relay, bundle.read_bytes(), key)
    assert second.status_code == 200
    assert second.json()["ticket"] == relay.wait_ticket(key)["ticket"]
    assert first.json()["reference"] == second.json()["reference"]
    tickets = [e for e in relay.logs() if e["message"] == "ticket ready" and e.get("bundle_id") == key]
    assert len(tickets) == 1


def test_same_id_with_other_content_is_a_conflict(relay, tmp_path):
    key = str(uuid.uuid4())
    a = make_bundle(tmp_path / "a.zip", {"a.txt": b"first"}, bundle_id=key)
    b = make_bundle(tmp_path / "b.zip", {"a.txt": b"second"}, bundle_id=key)
    assert post(relay, a.read_bytes(), key).status_code in (201, 202)
    assert_refused(post(relay, b.read_bytes(), key), 409, "idempotency_conflict")


def test_not_a_zip_is_refused_415(relay):
    assert_refused(post(relay, b"%PDF-1.4 hello", str(uuid.uuid4())), 415, "not_a_zip")


def test_wrong_content_type_is_refused_415(relay, tmp_path):
    bundle = make_bundle(tmp_path / "b.zip")
    assert_refused(post(relay, bundle.read_bytes(), manifest_of(bundle)["bundle_id"], content_type="text/plain"), 415, "unsupported_media_type")


@pytest.mark.parametrize("evil", ["../../etc/cron.d/evil", "/etc/passwd", "logs/../../x", "C:/Windows/evil.dll", "a\\..\\b"])
def test_path_traversal_names_are_refused(relay, tmp_path, evil):
    key = str(uuid.uuid4())
    bundle = make_bundle(tmp_path / "b.zip", {evil: b"pwned"}, bundle_id=key)
    assert_refused(post(relay, bundle.read_bytes(), key), 400, "unsafe_path")
    assert f"{key}.zip" not in stored(relay)


def test_zip_bomb_is_refused_413(relay, tmp_path):
    key = str(uuid.uuid4())
    path = tmp_path / "bomb.zip"
    zeros = b"\0" * (1024 * 1024)
    import hashlib

    digest = hashlib.sha256()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        with zf.open("big.bin", "w", force_zip64=True) as member:
            for _ in range(60):
                member.write(zeros)
                digest.update(zeros)
        manifest = {
            "schema_version": 1,
            "bundle_id": key,
            "reference": "SC-BOMB",
            "files": [{"path": "big.bin", "size": 60 * len(zeros), "sha256": digest.hexdigest()}],
        }
        zf.writestr("manifest.json", json.dumps(manifest))
    assert path.stat().st_size < 2_000_000
    assert_refused(post(relay, path.read_bytes(), key), 413, "zip_bomb", "expanded_too_large")


def test_wrong_hashes_are_refused(relay, tmp_path):
    key = str(uuid.uuid4())
    good = make_bundle(tmp_path / "good.zip", {"a.txt": b"the real content"}, bundle_id=key)
    manifest = manifest_of(good)
    manifest["files"][0]["sha256"] = "0" * 64
    body = zip_bytes({"manifest.json": json.dumps(manifest).encode(), "a.txt": b"the real content"})
    assert_refused(post(relay, body, key), 400, "hash_mismatch")


def test_file_missing_from_zip_and_unlisted_files_are_refused(relay, tmp_path):
    key = str(uuid.uuid4())
    manifest = manifest_of(make_bundle(tmp_path / "g.zip", {"a.txt": b"x"}, bundle_id=key))
    assert_refused(post(relay, zip_bytes({"manifest.json": json.dumps(manifest).encode()}), key), 400, "file_missing")
    body = zip_bytes({"manifest.json": json.dumps(manifest).encode(), "a.txt": b"x", "extra.exe": b"MZ"})
    assert_refused(post(relay, body, key), 400, "unlisted_file")


def test_oversize_is_refused_413(relay):
    body = os.urandom(3_000_000)
    assert_refused(post(relay, body, str(uuid.uuid4())), 413, "too_large")


def test_oversize_without_length_is_cut_off_413(relay):
    def chunks():
        for _ in range(40):
            yield os.urandom(100_000)

    assert_refused(post(relay, chunks(), str(uuid.uuid4())), 413, "too_large")  # type: ignore[arg-type]


@pytest.mark.parametrize("missing", ["bundle_id", "reference", "files", "schema_version"])
def test_manifest_missing_fields_are_refused(relay, tmp_path, missing):
    key = str(uuid.uuid4())
    manifest = manifest_of(make_bundle(tmp_path / "g.zip", {"a.txt": b"x"}, bundle_id=key))
    del manifest[missing]
    body = zip_bytes({"manifest.json": json.dumps(manifest).encode(), "a.txt": b"x"})
    r = post(relay, body, key)
    assert_refused(r, 400, "missing_field")
    assert missing in r.json()["reason"]


def test_no_manifest_no_key_and_mismatched_key_are_refused(relay, tmp_path):
    assert_refused(post(relay, zip_bytes({"a.txt": b"x"}), str(uuid.uuid4())), 400, "no_manifest")
    bundle = make_bundle(tmp_path / "b.zip")
    assert_refused(post(relay, bundle.read_bytes(), None), 400, "missing_idempotency_key")
    assert_refused(post(relay, bundle.read_bytes(), str(uuid.uuid4())), 400, "idempotency_mismatch")
    assert_refused(post(relay, bundle.read_bytes(), manifest_of(bundle)["bundle_id"], **{"X-Selfcheck-Meta": "%%%not base64"}), 400, "bad_meta")


def test_rejected_uploads_leave_nothing_in_the_spool(relay):
    post(relay, b"not a zip at all", str(uuid.uuid4()))
    assert list((relay.workdir / "state" / "spool").iterdir()) == []


def test_unknown_bundle_status_is_404_with_the_size_limit(relay):
    r = requests.get(f"{relay.url}/v1/bundles/{uuid.uuid4()}", timeout=5)
    assert r.status_code == 404
    assert r.headers["X-Max-Bundle-Bytes"] == "2000000"


def test_agent_link_downloads_the_bundle_and_refuses_a_forged_one(relay, tmp_path):
    from selfcheck_intake.worker import sign_agent_link

    bundle = make_bundle(tmp_path / "b.zip")
    key = manifest_of(bundle)["bundle_id"]
    post(relay, bundle.read_bytes(), key)
    expires = 4_000_000_000
    sig = sign_agent_link("agent-link-test-secret", key, expires)
    ok = requests.get(f"{relay.url}/v1/agent/bundles/{key}", params={"expires": expires, "sig": sig}, timeout=5)
    assert ok.status_code == 200 and ok.content == bundle.read_bytes()
    forged = requests.get(f"{relay.url}/v1/agent/bundles/{key}", params={"expires": expires, "sig": "0" * 64}, timeout=5)
    assert forged.status_code == 403


def test_health_and_openapi_published(relay):
    health = requests.get(relay.url + "/healthz", timeout=5)
    assert health.status_code == 200 and health.json()["storage"] is True
    served = requests.get(relay.url + "/openapi.json", timeout=5).json()
    assert served["openapi"].startswith("3.")
    assert set(served["paths"]["/v1/bundles"]["post"]["responses"]) >= {"201", "202", "400", "409", "413", "415", "429"}
    saved = json.loads((REPO / "docs" / "intake-openapi.json").read_text(encoding="utf-8"))
    assert saved == served, "docs/intake-openapi.json is stale: run selfcheck-intake --openapi > docs/intake-openapi.json"


def test_rate_limit_per_client_answers_429(tmp_path):
    r = Relay(tmp_path, limits={"rate_burst": 2, "rate_per_minute": 1}).start()
    try:
        codes = []
        for _ in range(3):
            b = make_bundle(tmp_path / f"{uuid.uuid4()}.zip")
            codes.append(post(r, b.read_bytes(), manifest_of(b)["bundle_id"]))
        assert [c.status_code in (201, 202) for c in codes[:2]] == [True, True]
        assert_refused(codes[2], 429, "rate_limited")
        assert int(codes[2].headers["Retry-After"]) >= 1
    finally:
        r.stop()


def test_logs_are_json_and_hold_no_secrets(relay):
    entries = relay.logs()
    assert entries and all("level" in e and "message" in e for e in entries)
    assert "agent-link-test-secret" not in relay.log.read_text()


def test_the_example_relay_config_loads(monkeypatch):
    from selfcheck_intake.settings import load

    monkeypatch.setenv("HELPDESK_TOKEN", "t")
    monkeypatch.setenv("AGENT_LINK_SECRET", "s")
    settings = load(REPO / "packaging" / "intake" / "relay.example.toml")
    assert settings.helpdesk == {"kind": "zendesk", "subdomain": "example", "email": "agent@example.com", "api_token": "t"}
    assert settings.agent_link_secret == "s" and settings.limits.max_bundle_bytes == 209715200


def test_a_missing_secret_stops_the_relay_with_a_clear_message(tmp_path):
    import subprocess
    import sys

    cfg = tmp_path / "relay.toml"
    cfg.write_text('[helpdesk]\nkind = "zendesk"\napi_token = "env:SELFCHECK_TEST_NOT_SET"\n')
    proc = subprocess.run([sys.executable, "-m", "selfcheck_intake.server", "--config", str(cfg)], capture_output=True, text=True, timeout=30)
    assert proc.returncode == 2
    assert "SELFCHECK_TEST_NOT_SET is not set" in proc.stderr


def test_a_stalled_upload_is_dropped_and_leaves_no_spool_file(tmp_path):
    import socket
    import uuid as uuid_mod

    r = Relay(tmp_path, limits={"idle_seconds": 0.5}).start()
    try:
        with socket.create_connection(("127.0.0.1", r.port), timeout=10) as s:
            key = str(uuid_mod.uuid4())
            s.sendall(
                f"POST /v1/bundles HTTP/1.1\r\nHost: x\r\nContent-Type: application/zip\r\nIdempotency-Key: {key}\r\nContent-Length: 100000\r\n\r\n".encode()
                + b"PK\x03\x04"
            )
            answer = ""
            while not answer.endswith("}"):
                data = s.recv(65536)
                if not data:
                    break
                answer += data.decode()
        assert answer.startswith("HTTP/1.1 408")
        assert '"too_slow"' in answer
        assert list((tmp_path / "state" / "spool").iterdir()) == []
    finally:
        r.stop()


def test_behind_a_reverse_proxy_each_forwarded_client_has_its_own_limit(tmp_path):
    r = Relay(tmp_path, limits={"rate_burst": 1, "rate_per_minute": 1}, server={"trust_forwarded_for": True}).start()
    try:

        def upload(forwarded_for: str) -> int:
            b = make_bundle(tmp_path / f"{uuid.uuid4()}.zip")
            return post(r, b.read_bytes(), manifest_of(b)["bundle_id"], **{"X-Forwarded-For": forwarded_for}).status_code

        assert upload("203.0.113.7") in (201, 202)
        assert upload("198.51.100.9") in (201, 202)  # another customer behind the same proxy
        assert upload("10.9.9.9, 203.0.113.7") == 429  # the proxy appends the real client last; a forged first entry is ignored
    finally:
        r.stop()


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX file modes")
def test_what_the_relay_keeps_is_readable_by_its_own_user_only(tmp_path):
    """The five-minute trial of docs/intake.md (state.path = /tmp/selfcheck-intake, started by hand): every customer's
    bundle, with their name and e-mail address, was stored readable by all the machine's users (0644 in a 0755 folder),
    and so were the queue's database and the spool."""
    old = os.umask(0o022)  # a usual login shell's, as the admin starts it
    try:
        trial = Relay(tmp_path / "trial").start()
    finally:
        os.umask(old)
    try:
        bundle = make_bundle(tmp_path / "b.zip")
        key = manifest_of(bundle)["bundle_id"]
        assert post(trial, bundle.read_bytes(), key).status_code in (201, 202)
        trial.wait_ticket(key)
    finally:
        trial.stop()
    kept = [trial.workdir / "state", trial.workdir / "bundles", *(trial.workdir / "state").rglob("*"), *(trial.workdir / "bundles").rglob("*")]
    assert trial.workdir / "bundles" / f"{key}.zip" in kept
    assert {str(p.relative_to(trial.workdir)): oct(p.stat().st_mode & 0o077) for p in kept if p.stat().st_mode & 0o077} == {}
