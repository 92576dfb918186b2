"""The relay under 600 slow uploads with a low open-file limit (issue 12 item 11).

Each slow sender trickles a byte a second, as a hostile or broken client would. With the open
files limited to 256, the relay must keep answering /healthz, refuse what it cannot hold (429
per client, 503 overall, with Retry-After), cut the slow ones off (408) once the minimum rate
is missed, accept normal uploads once slots free, lose no accepted bundle, and keep its log
short. Everything stays on loopback (127.0.0.0/8 gives the senders their own addresses).
"""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
import uuid

import pytest
import requests

from sendkit import Relay, make_bundle, manifest_of

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="prlimit and 127.0.0.x source addresses are Linux's")

SLOW = 600
NOFILE = 256


class LimitedRelay(Relay):
    """The relay process started under prlimit, with a low open-file limit."""

    def start(self, wait: bool = True) -> LimitedRelay:
        with open(self.log, "ab") as log:
            self.proc = subprocess.Popen(
                ["prlimit", f"--nofile={NOFILE}:{NOFILE}", sys.executable, "-m", "selfcheck_intake.server", "--config", str(self.config)],
                stdout=log,
                stderr=log,
            )
        if wait:
            self.wait_ready()
        return self


def slow_sender(port: int, index: int) -> socket.socket | None:
    group = index // 4  # four senders share each address: 150 addresses
    address = f"127.0.{1 + group // 200}.{1 + group % 200}"
    try:
        sock = socket.create_connection(("127.0.0.1", port), timeout=5, source_address=(address, 0))
        sock.sendall(
            (
                f"POST /v1/bundles HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/zip\r\nIdempotency-Key: {uuid.uuid4()}\r\n"
                "Content-Length: 200000\r\n\r\nP"
            ).encode()
        )
        sock.setblocking(False)
        return sock
    except OSError:
        return None


def upload(relay: Relay, path, address: str) -> requests.Response:
    data = path.read_bytes()
    key = manifest_of(path)["bundle_id"]
    session = requests.Session()
    session.mount("http://", _SourceAdapter(address))
    return session.post(f"{relay.url}/v1/bundles", data=data, headers={"Content-Type": "application/zip", "Idempotency-Key": key}, timeout=15)


class _SourceAdapter(requests.adapters.HTTPAdapter):
    def __init__(self, address: str) -> None:
        self.address = address
        super().__init__()

    def init_poolmanager(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        kwargs["source_address"] = (self.address, 0)
        super().init_poolmanager(*args, **kwargs)


@pytest.mark.timeout(60)
def test_600_slow_uploads_never_take_the_relay_down(tmp_path):
    relay = LimitedRelay(
        tmp_path / "relay",
        limits={
            "min_upload_bytes_per_second": 200,
            "min_rate_grace_seconds": 2,
            "upload_deadline_seconds": 20,
            "max_concurrent_uploads": 40,
            "max_uploads_per_client": 2,
        },
    ).start()
    senders: list[socket.socket] = []
    try:
        limits = [json.loads(line) for line in relay.log.read_text().splitlines() if '"upload limits"' in line]
        assert limits and limits[0]["open_files"] == NOFILE and limits[0]["max_uploads"] <= (NOFILE - 64) // 3
        for i in range(SLOW):
            sock = slow_sender(relay.port, i)
            if sock is not None:
                senders.append(sock)
        assert len(senders) > SLOW * 0.9, "the test could not even open its connections"
        answers: dict[int, int] = {}
        accepted: list[str] = []
        deadline = time.monotonic() + 8  # at most: until every slow sender has had its answer
        tick = 0
        while time.monotonic() < deadline:
            # every sender still open trickles one more byte; answers (429, 503, 408) are read
            for sock in list(senders):
                try:
                    data = sock.recv(4096)
                    if data.startswith(b"HTTP/1.1 "):
                        answers[int(data[9:12])] = answers.get(int(data[9:12]), 0) + 1
                    senders.remove(sock)
                    sock.close()
                    continue
                except BlockingIOError:
                    pass
                except OSError:
                    senders.remove(sock)
                    sock.close()
                    continue
                try:
                    sock.send(b"K")
                except OSError:
                    pass
            health = requests.get(f"{relay.url}/healthz", timeout=5)  # a timeout here fails the test
            assert health.status_code == 200, health.text
            if tick % 2 == 0:
                bundle = make_bundle(tmp_path / f"normal-{tick}.zip")
                response = upload(relay, bundle, f"127.0.9.{tick + 1}")
                if response.status_code in (201, 202):
                    accepted.append(manifest_of(bundle)["bundle_id"])
                else:
                    assert response.status_code == 503 and response.headers.get("Retry-After"), response.text
            tick += 1
            if not senders and answers.get(408, 0) > 0 and tick >= 4:
                break  # every slow sender has had its answer or lost its connection, the relay answering throughout
            time.sleep(0.5)
        assert answers.get(429, 0) > 0 and answers.get(503, 0) > 0, answers  # two uploads per address, 40 in all at most
        assert answers.get(429, 0) + answers.get(503, 0) > SLOW / 2, answers  # refused at once, before any body
        assert answers.get(408, 0) > 0, answers  # the slow ones held were cut off once the rate was missed
        # slots are free again: a normal upload goes through
        bundle = make_bundle(tmp_path / "after.zip")
        for _ in range(10):
            response = upload(relay, bundle, "127.0.9.200")
            if response.status_code in (201, 202, 200):
                accepted.append(manifest_of(bundle)["bundle_id"])
                break
            time.sleep(1)
        else:
            pytest.fail(f"normal uploads never succeeded again: {response.status_code} {response.text}")
        stored = {p.stem for p in (relay.workdir / "bundles").glob("*.zip")}
        assert set(accepted) <= stored, "an accepted bundle was lost"
        log_text = relay.log.read_text(errors="replace")
        assert len(log_text) < 2_000_000, "the log was flooded"
        assert log_text.count("Too many open files") < 20
    finally:
        for sock in senders:
            sock.close()
        relay.stop()


def test_a_flood_of_identical_errors_writes_a_few_lines_then_says_how_many_were_left_out():
    import io
    import logging

    from selfcheck_intake.logs import JsonFormatter
    from selfcheck_intake.uploadguard import RateLimitedLog

    now = [0.0]
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    handler.addFilter(RateLimitedLog(burst=5, window=60, clock=lambda: now[0]))
    logger = logging.getLogger("asyncio.test-flood")
    logger.addHandler(handler)
    logger.propagate = False
    try:
        for _ in range(1000):
            try:
                raise OSError(24, "Too many open files")
            except OSError:
                logger.error("socket.accept() out of system resource", exc_info=True)
        logger.warning("another message")
        now[0] = 61.0
        logger.error("socket.accept() out of system resource")
    finally:
        logger.removeHandler(handler)
    lines = [json.loads(line) for line in stream.getvalue().splitlines()]
    assert len(lines) == 7  # five, the other message, then one more a minute later
    assert lines[-1]["suppressed_before"] == 995
