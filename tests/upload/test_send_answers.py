"""What the relay (or something in its place) answers, tried on loopback: "sent" only for the relay's own receipt,
no redirect followed, a waiting time the customer can believe, an outbox entry another version wrote."""

from __future__ import annotations

import json
import time

import pytest

from selfcheck.config import load
from selfcheck.upload import Outbox, flush_outbox, send_bundle
from selfcheck.upload.outbox import DAMAGED
from sendkit import client_config, make_bundle, manifest_of


def _config(tmp_path, url, **support):
    return load([client_config(tmp_path / "c.toml", url, **support)])


@pytest.mark.parametrize(
    "get_answer, post_answer",
    [
        # a web server that answers every address with its page (a reverse proxy in front of the wrong site)
        (("<html><body>Welcome</body></html>", 200, "text/html"), None),
        # the upload is answered 201 with a page, or with JSON that is not a receipt
        (('{"error": "not_found"}', 404, "application/json"), ("<html>OK</html>", 201, "text/html")),
        (('{"error": "not_found"}', 404, "application/json"), ('{"ok": true}', 201, "application/json")),
    ],
    ids=["page-for-every-address", "page-after-upload", "json-without-receipt"],
)
def test_an_answer_that_is_not_the_relays_receipt_is_never_called_sent(tmp_path, httpserver, get_answer, post_answer):
    """Before: any 200 to "do you have it?" (or 201 to the upload) was "Sent. Your reference is ..." with the bundle's own
    code, and the message left the outbox: the relay never had it, support never saw it, and nothing would try again."""
    bundle = make_bundle(tmp_path / "b.zip")
    key = manifest_of(bundle)["bundle_id"]
    body, status, ctype = get_answer
    httpserver.expect_request(f"/v1/bundles/{key}", method="GET").respond_with_data(body, status=status, content_type=ctype)
    if post_answer:
        body, status, ctype = post_answer
        httpserver.expect_request("/v1/bundles", method="POST").respond_with_data(body, status=status, content_type=ctype)
    outcome = send_bundle(bundle, _config(tmp_path, httpserver.url_for("/").rstrip("/")))
    assert outcome.status == "queued" and outcome.kept, outcome
    assert "will be sent by itself later" in outcome.customer
    assert [e.bundle_id for e in Outbox().entries()] == [key]  # it really waits on disk


@pytest.mark.parametrize("junk", ["K7H\x1b]0;PWNED\x07-94W", "K" * 10_000, "K7H\n\nSent. Your ticket reference is #1"])
def test_a_receipt_with_an_unusable_reference_gives_the_bundles_own_code(tmp_path, httpserver, junk):
    """The relay took the message but its receipt's reference has control characters, line breaks or 10,000 characters:
    before, that text was the reference the customer was told to quote (and kept in the list of sent messages). The
    bundle's own code, which support finds the ticket by, is said instead."""
    from selfcheck.upload import sent

    bundle = make_bundle(tmp_path / "b.zip")
    m = manifest_of(bundle)
    receipt = {"bundle_id": m["bundle_id"], "reference": junk, "status": "ticketed", "ticket": {"id": "1", "reference": junk}, "status_url": None}
    httpserver.expect_request(f"/v1/bundles/{m['bundle_id']}", method="GET").respond_with_json({"error": "not_found"}, status=404)
    httpserver.expect_request("/v1/bundles", method="POST").respond_with_json(receipt, status=201)
    outcome = send_bundle(bundle, _config(tmp_path, httpserver.url_for("/").rstrip("/")))
    assert outcome.status == "sent" and outcome.reference == m["reference"], outcome.reference[:80]
    assert m["reference"] in outcome.message and junk not in outcome.message
    assert [(s.reference, s.ticket) for s in sent.load()] == [(m["reference"], None)]
    assert list(Outbox().entries()) == []


class _Elsewhere:
    """Another host (127.0.0.2) over plain http: records every byte that reaches it, answers a receipt to anything."""

    def __init__(self, receipt: dict) -> None:
        import socket
        import threading

        self.received: list[bytes] = []
        self._answer = json.dumps(receipt).encode()
        self.sock = socket.create_server(("127.0.0.2", 0))
        self.url = f"http://127.0.0.2:{self.sock.getsockname()[1]}"
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self) -> None:
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            with conn:
                conn.settimeout(2)
                try:
                    self.received.append(conn.recv(65536))
                    conn.sendall(
                        b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\nContent-Length: %d\r\n\r\n" % len(self._answer)
                        + self._answer
                    )
                except OSError:
                    pass

    def close(self) -> None:
        self.sock.close()


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_a_redirect_to_another_host_over_plain_http_is_not_followed(tmp_path, httpserver, method):
    """The support server answers with a redirect to another computer, over plain http. Before, it was followed: the
    question (GET) went there and that host's 200 was "Sent" while support's server never had the message; the upload
    (POST) sent its header, the customer's e-mail and words, there unencrypted. Now nothing goes there, nor is it "sent"."""
    bundle = make_bundle(tmp_path / "b.zip")
    m = manifest_of(bundle)
    elsewhere = _Elsewhere({"bundle_id": m["bundle_id"], "reference": m["reference"], "status": "ticketed", "ticket": None, "status_url": "/x"})
    try:
        if method == "GET":
            httpserver.expect_request(f"/v1/bundles/{m['bundle_id']}", method="GET").respond_with_data(
                "", status=302, headers={"Location": f"{elsewhere.url}/v1/bundles/{m['bundle_id']}"}
            )
        else:
            httpserver.expect_request(f"/v1/bundles/{m['bundle_id']}", method="GET").respond_with_json({"error": "not_found"}, status=404)
            httpserver.expect_request("/v1/bundles", method="POST").respond_with_data("", status=307, headers={"Location": f"{elsewhere.url}/v1/bundles"})
        outcome = send_bundle(bundle, _config(tmp_path, httpserver.url_for("/").rstrip("/"), read_timeout=2), email="ann@example.org", description="private")
    finally:
        elsewhere.close()
    assert elsewhere.received == []  # nothing reached the other host
    assert outcome.status == "failed" and outcome.reason == "misconfigured", outcome
    assert outcome.kept and [e.bundle_id for e in Outbox().entries()] == [m["bundle_id"]]


@pytest.mark.parametrize("retry_after", ["1e12", "inf", "Fri, 01 Jan 2999 00:00:00 GMT"])
def test_a_huge_retry_after_still_tries_again_within_a_day(tmp_path, httpserver, retry_after):
    """A busy relay asks to wait 30,000 years (or forever, or until 2999): before, the next try was set that far (an
    "Infinity" in the outbox), while the customer read that it "will be sent by itself later". A Retry-After is honoured
    up to a day."""
    bundle = make_bundle(tmp_path / "b.zip")
    key = manifest_of(bundle)["bundle_id"]
    httpserver.expect_request(f"/v1/bundles/{key}", method="GET").respond_with_data("", status=429, headers={"Retry-After": retry_after})
    config = _config(tmp_path, httpserver.url_for("/").rstrip("/"), retry_max_seconds=600, outbox_base_seconds=60)
    outcome = send_bundle(bundle, config)
    assert outcome.status == "queued" and "will be sent by itself later" in outcome.customer
    (entry,) = Outbox().entries()
    assert time.time() + 1.5 * 600 < entry.next_try <= time.time() + 86400  # longer than the usual wait, never more than a day
    state = json.loads((entry.folder / "state.json").read_text(encoding="utf-8"))
    assert isinstance(state["next_try"], float) and state["next_try"] == entry.next_try


def test_an_outbox_entry_with_values_of_another_version_is_still_sent(tmp_path, httpserver):
    """A state.json written by another version (numbers as text, a date for the next try): before, reading the outbox at
    start-up raised TypeError (a traceback, and no message in the outbox was sent). Now the entry's numbers are taken as
    "not known" and it is sent."""
    bundle = make_bundle(tmp_path / "b.zip")
    m = manifest_of(bundle)
    outbox = Outbox()
    url = httpserver.url_for("/").rstrip("/")
    entry = outbox.add(bundle, {"kind": "intake", "url": url})
    state = json.loads((entry.folder / "state.json").read_text(encoding="utf-8"))
    state.update(attempts="3", next_try="2026-12-01T10:00:00Z", size=None, created="yesterday", destination="intake", future_field=[1])
    (entry.folder / "state.json").write_text(json.dumps(state), encoding="utf-8")
    receipt = {"bundle_id": m["bundle_id"], "reference": m["reference"], "status": "ticketed", "ticket": {"id": "7", "reference": "#7"}, "status_url": None}
    httpserver.expect_request(f"/v1/bundles/{m['bundle_id']}", method="GET").respond_with_json({"error": "not_found"}, status=404)
    httpserver.expect_request("/v1/bundles", method="POST").respond_with_json(receipt, status=201)
    outcomes = flush_outbox(_config(tmp_path, url))
    assert [(o.status, o.reference) for o in outcomes] == [("sent", "#7")]
    assert list(Outbox().entries()) == []


def test_an_outbox_entry_whose_state_is_damaged_is_listed_and_sent_only_when_asked(tmp_path, httpserver):
    """state.json cut short (the computer switched off while it was written by an older version, a damaged disk): before
    stop 40 the entry was skipped without a word, never listed; then it was sent blindly, where the config said, whether
    or not it had been refused. Now it is listed, never sent by itself, and sent where the config says when asked by its id."""
    bundle = make_bundle(tmp_path / "b.zip")
    m = manifest_of(bundle)
    entry = Outbox().add(bundle, {"kind": "intake", "url": "https://support.invalid"})
    (entry.folder / "state.json").write_text('{"bundle_id": "' + m["bundle_id"][:5], encoding="utf-8")
    (listed,) = Outbox().entries()
    assert (listed.bundle_id, listed.reference, listed.status) == (m["bundle_id"], m["reference"], DAMAGED)
    receipt = {"bundle_id": m["bundle_id"], "reference": m["reference"], "status": "pending", "ticket": None, "status_url": None}
    httpserver.expect_request(f"/v1/bundles/{m['bundle_id']}", method="GET").respond_with_json({"error": "not_found"}, status=404)
    httpserver.expect_request("/v1/bundles", method="POST").respond_with_json(receipt, status=202)
    config = _config(tmp_path, httpserver.url_for("/").rstrip("/"))
    assert flush_outbox(config) == [] and flush_outbox(config, force=True) == []
    assert len(httpserver.log) == 0 and [e.bundle_id for e in Outbox().entries()] == [m["bundle_id"]]
    outcomes = flush_outbox(config, only=m["bundle_id"])  # "outbox retry ID"
    assert [(o.status, o.reference) for o in outcomes] == [("sent", m["reference"])]
    assert list(Outbox().entries()) == []


def test_a_message_queued_before_the_clock_went_back_is_not_held_back(tmp_path, httpserver):
    """Queued to be tried again in an hour at most, then the computer's clock went back ten days (a dead clock battery,
    a wrong time fixed by hand): before, the message waited ten days more than it was ever meant to. A next try further
    ahead than the longest wait ever set (a day: a server's Retry-After) is taken as due."""
    bundle = make_bundle(tmp_path / "b.zip")
    m = manifest_of(bundle)
    url = httpserver.url_for("/").rstrip("/")
    outbox = Outbox()
    entry = outbox.add(bundle, {"kind": "intake", "url": url})
    entry.next_try = time.time() + 10 * 86400 + 1800
    outbox.save(entry)
    receipt = {"bundle_id": m["bundle_id"], "reference": m["reference"], "status": "pending", "ticket": None, "status_url": None}
    httpserver.expect_request(f"/v1/bundles/{m['bundle_id']}", method="GET").respond_with_json(receipt)
    config = _config(tmp_path, url, retry_max_seconds=3600)
    assert [(o.status, o.reference) for o in flush_outbox(config)] == [("sent", m["reference"])]
    # one within the longest wait still waits
    entry = outbox.add(make_bundle(tmp_path / "c.zip"), {"kind": "intake", "url": url})
    entry.next_try = time.time() + 1800
    outbox.save(entry)
    assert flush_outbox(config) == [] and [e.bundle_id for e in outbox.entries()] == [entry.bundle_id]


def test_a_full_disk_when_the_failed_try_is_written_down_is_no_traceback(tmp_path, monkeypatch):
    """The support server cannot be reached and the disk fills up before the outbox writes down the next try: before,
    OSError went up to the window or the terminal as a traceback. The message is in the outbox already (it was put
    there whole before the try), so it waits there and is tried again, as the words say."""
    import errno

    from sendkit import free_port

    bundle = make_bundle(tmp_path / "b.zip")
    key = manifest_of(bundle)["bundle_id"]
    config = _config(tmp_path, f"http://127.0.0.1:{free_port()}")  # nothing listens: "refused"
    writes: list[str] = []

    def full_after_queueing(self, entry):  # the message went into the outbox whole (Outbox.add); then the disk is full
        writes.append(entry.bundle_id)
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(Outbox, "save", full_after_queueing)
    outcome = send_bundle(bundle, config)
    assert len(writes) == 1, "the full disk was not met after the failed try: this test no longer reaches it"
    assert outcome.status == "queued" and outcome.kept, outcome
    assert "will be sent by itself later" in outcome.customer
    (entry,) = Outbox().entries()
    assert entry.bundle_id == key and entry.status == "queued" and entry.bundle_path.read_bytes() == bundle.read_bytes()


def _mount_small_volume(folder):
    """A small tmpfs over ``folder`` (root only), as a full drive is met for real; False when it cannot be mounted."""
    import os
    import subprocess

    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        return False
    folder.mkdir(parents=True, exist_ok=True)
    return subprocess.run(["mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", str(folder)], capture_output=True, check=False).returncode == 0


def _fill(folder):
    import contextlib

    with contextlib.suppress(OSError), open(folder / "filler", "wb") as filler:
        while True:
            filler.write(b"x" * 4096)
            filler.flush()


def test_a_message_waiting_already_and_sent_again_on_a_full_disk_is_said_to_wait(tmp_path):
    """The message waits in the outbox (support's server could not be reached), the disk fills up (a real full volume),
    and the customer presses Send again: before, they read "could not be kept on this computer… Nothing was sent", as if
    it were gone, while the earlier copy still waited and went by itself later. Now the words say it still waits."""
    import subprocess

    from selfcheck import paths
    from sendkit import free_port

    folder = paths.user_data_dir() / "outbox"
    if not _mount_small_volume(folder):
        pytest.skip("mounting a small volume needs root")
    try:
        bundle = make_bundle(tmp_path / "b.zip")
        key = manifest_of(bundle)["bundle_id"]
        config = _config(tmp_path, f"http://127.0.0.1:{free_port()}")  # nothing listens: "refused", queued
        first = send_bundle(bundle, config)
        assert first.status == "queued" and "will be sent by itself later" in first.customer, first
        _fill(folder)
        again = send_bundle(bundle, config)
        assert again.status == "queued" and again.kept and again.reference == first.reference, again
        assert again.customer == (
            "There is no room left on this computer, so nothing was sent this time. "
            "Nothing is lost: it stays on this computer and will be sent by itself later."
        )
        assert "still in the outbox" in again.message
        (entry,) = Outbox().entries()
        assert entry.bundle_id == key and entry.status == "queued" and entry.bundle_path.read_bytes() == bundle.read_bytes()
        assert sorted(p.name for p in entry.folder.iterdir()) == ["bundle.zip", "state.json"]  # no half-written file left
    finally:
        subprocess.run(["umount", "-l", str(folder)], capture_output=True, check=False)


def test_two_processes_adding_the_same_new_message_at_once_leave_one_whole_copy(tmp_path):
    """Two selfcheck processes put the same new message in the outbox at the same moment (the window and `selfcheck send`,
    two clicks): before, both wrote the same temporary file and the second one's move found it gone (FileNotFoundError:
    "could not be kept… Nothing was sent" while it was kept). Now each writes its own, both succeed, one whole copy stays."""
    import os
    import subprocess
    import sys

    child = (
        "import sys, time\n"
        "from pathlib import Path\n"
        "from selfcheck.upload.outbox import Outbox\n"
        "Path(sys.argv[4]).touch()\n"
        "while not Path(sys.argv[3]).exists():\n"
        "    time.sleep(0.0005)\n"
        "Outbox(Path(sys.argv[1])).add(Path(sys.argv[2]), {'kind': 'intake', 'url': 'https://support.invalid'}, email='ann@example.org')\n"
    )
    for round_ in range(3):  # the copies overlapped in 8 rounds out of 8 before (20 MB each)
        bundle = make_bundle(tmp_path / f"b{round_}.zip", {"big.bin": os.urandom(20_000_000)})
        key = manifest_of(bundle)["bundle_id"]
        root, go = tmp_path / f"outbox{round_}", tmp_path / f"go{round_}"
        ready = [tmp_path / f"ready{round_}-{n}" for n in range(2)]
        writers = [subprocess.Popen([sys.executable, "-c", child, str(root), str(bundle), str(go), str(r)], stderr=subprocess.PIPE, text=True) for r in ready]
        deadline = time.monotonic() + 30
        while not all(r.exists() for r in ready) and time.monotonic() < deadline:
            time.sleep(0.01)
        go.touch()
        errors = [w.communicate(timeout=60)[1] for w in writers]
        assert [w.returncode for w in writers] == [0, 0], errors
        (entry,) = Outbox(root).entries()
        assert entry.bundle_id == key and entry.email == "ann@example.org"
        assert entry.bundle_path.read_bytes() == bundle.read_bytes()
        assert sorted(p.name for p in entry.folder.iterdir()) == ["bundle.zip", "state.json"]


class _HeadersThenStall:
    """On 127.0.0.1: answers the status line and headers, then not one byte more (the body never comes). ``after_get``:
    the question "do you have it?" is answered in full (not yet), and the upload's answer stalls."""

    def __init__(self, *, after_get: bool) -> None:
        import socket
        import threading

        self.after_get = after_get
        self.conns: list = []
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self.sock.getsockname()[1]}"
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self) -> None:
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            self.conns.append(conn)
            try:
                head = conn.recv(65536)
                if self.after_get and head.startswith(b"GET "):
                    body = b'{"error": "not_found"}'
                    conn.sendall(
                        b"HTTP/1.1 404 Not Found\r\nContent-Type: application/json\r\nConnection: close\r\nContent-Length: %d\r\n\r\n%s" % (len(body), body)
                    )
                    conn.close()
                    continue
                conn.sendall(b'HTTP/1.1 201 Created\r\nContent-Type: application/json\r\nContent-Length: 200\r\n\r\n{"bundle_id"')
            except OSError:
                pass

    def close(self) -> None:
        self.sock.close()
        for conn in self.conns:
            conn.close()


@pytest.mark.parametrize("after_get", [False, True], ids=["question-stalls", "upload-answer-stalls"])
def test_a_server_that_stalls_after_its_headers_did_not_answer_in_time(tmp_path, after_get):
    """Support's server sends the start of its answer, then nothing more: before, the terminal and the outbox said "could
    not reach the support server" (requests reports that read timeout as a connection error), sending whoever reads it to
    look for a connection problem. It did not answer in time; the customer's words, right for both, stay as they are."""
    server = _HeadersThenStall(after_get=after_get)
    try:
        bundle = make_bundle(tmp_path / "b.zip")
        started = time.monotonic()
        outcome = send_bundle(bundle, _config(tmp_path, server.url, read_timeout=1))
        assert time.monotonic() - started < 10
    finally:
        server.close()
    assert outcome.status == "queued" and outcome.reason == "timeout", outcome
    assert outcome.message.startswith("The support server did not answer in time.")
    assert outcome.customer == "Your message could not get through just now. Nothing is lost: it stays on this computer and will be sent by itself later."
    assert [e.last_error for e in Outbox().entries()] == ["timeout"]
