"""Upload throughput and memory through the intake relay on loopback, and the relay's rate for small bundles.

    .venv/bin/python benchmarks/upload_throughput.py [--mb 50] [--small 300] [--concurrency 8]

1. A bundle of ``--mb`` MB (incompressible) is sent by ``selfcheck send`` (a process) to the real
   relay (``selfcheck-intake`` under uvicorn, a process, local storage, connector "none"). The peak RSS
   of both processes is sampled every 10 ms and compared with a 5 MB bundle: memory stays flat when the
   peaks barely move while the bundle grows tenfold.
2. ``--small`` bundles of ~2 KB are posted with ``--concurrency`` client threads: accepted uploads per
   second (each validated, stored with fsync, queued in SQLite and ticketed).

Everything stays on 127.0.0.1. Prints the figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
import zipfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import psutil
import requests

from selfcheck.bundle.manifest import reference_for


def make_bundle(target: Path, payload_mb: float) -> tuple[str, Path]:
    """A bundle following the manifest contract, with one incompressible file of ``payload_mb`` MB."""
    bundle_id = str(uuid.uuid4())
    chunk = 1024 * 1024
    digest = hashlib.sha256()
    size = int(payload_mb * chunk)
    with zipfile.ZipFile(target, "w", zipfile.ZIP_STORED) as zf:
        with zf.open("logs/big.bin", "w", force_zip64=True) as member:
            left = size
            while left > 0:
                data = os.urandom(min(chunk, left))
                digest.update(data)
                member.write(data)
                left -= len(data)
        manifest = {
            "schema_version": 1,
            "bundle_id": bundle_id,
            "reference": reference_for(bundle_id),  # the relay recomputes it
            "files": [{"path": "logs/big.bin", "size": size, "sha256": digest.hexdigest()}],
        }
        zf.writestr("manifest.json", json.dumps(manifest))
    return bundle_id, target


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class PeakRss(threading.Thread):
    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.proc = psutil.Process(pid)
        self.peak = 0
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.is_set():
            try:
                self.peak = max(self.peak, self.proc.memory_info().rss)
            except psutil.Error:
                return
            time.sleep(0.01)


def start_relay(work: Path) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    config = work / "relay.toml"
    config.write_text(
        f"""[server]
host = "127.0.0.1"
port = {port}
[state]
path = "{work / "state"}"
[storage]
kind = "local"
path = "{work / "bundles"}"
[limits]
max_bundle_bytes = 1073741824
rate_per_minute = 1000000
rate_burst = 1000000
[queue]
poll_seconds = 0.2
ticket_wait_seconds = 0
[helpdesk]
kind = "none"
""",
        encoding="utf-8",
    )
    proc = subprocess.Popen(
        [sys.executable, "-m", "selfcheck_intake.server", "--config", str(config)], stdout=subprocess.DEVNULL, stderr=open(work / "relay.log", "wb")
    )  # noqa: SIM115
    url = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            if requests.get(url + "/healthz", timeout=1).ok:
                return proc, url
        except requests.RequestException:
            time.sleep(0.05)
    raise SystemExit("the relay did not start: " + (work / "relay.log").read_text())


def send_once(work: Path, url: str, relay_pid: int, mb: float) -> dict[str, float]:
    _bundle_id, bundle = make_bundle(work / f"bundle-{mb:g}.zip", mb)
    client_cfg = work / "client.toml"
    client_cfg.write_text(f'[support]\nkind = "intake"\nurl = "{url}"\nretry_now = 0\nread_timeout = 120\n', encoding="utf-8")
    relay_watch = PeakRss(relay_pid)
    relay_base = psutil.Process(relay_pid).memory_info().rss
    relay_watch.start()
    env = {**os.environ, "SELFCHECK_HOME": str(work / f"home-{mb:g}"), "SELFCHECK_DISABLE_PLUGIN_AUTOLOAD": "1"}
    started = time.perf_counter()
    client = subprocess.Popen(
        [sys.executable, "-m", "selfcheck", "send", str(bundle), "--config", str(client_cfg)], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    client_watch = PeakRss(client.pid)
    client_watch.start()
    out, err = client.communicate(timeout=600)
    elapsed = time.perf_counter() - started
    client_watch.done.set()
    relay_watch.done.set()
    if client.returncode != 0:
        raise SystemExit(f"send failed ({client.returncode}): {out.decode()} {err.decode()}")
    size = bundle.stat().st_size
    accepted = [json.loads(line) for line in (work / "relay.log").read_text().splitlines() if '"bundle accepted"' in line]
    relay_seconds = float(accepted[-1]["seconds"]) if accepted else float("nan")
    return {
        "relay_seconds": relay_seconds,
        "mb": size / 1e6,
        "seconds": elapsed,
        "mb_per_s": size / 1e6 / elapsed,
        "client_peak_mb": client_watch.peak / 1e6,
        "relay_before_mb": relay_base / 1e6,
        "relay_peak_mb": relay_watch.peak / 1e6,
    }


def small_rate(work: Path, url: str, count: int, concurrency: int) -> dict[str, float]:
    bundles = []
    for i in range(count):
        bundle_id, path = make_bundle(work / f"small-{i}.zip", 0.002)
        bundles.append((bundle_id, path.read_bytes()))
    session_local = threading.local()

    def post(item: tuple[str, bytes]) -> int:
        s = getattr(session_local, "s", None)
        if s is None:
            s = session_local.s = requests.Session()
        r = s.post(url + "/v1/bundles", data=item[1], headers={"Content-Type": "application/zip", "Idempotency-Key": item[0]}, timeout=60)
        return r.status_code

    started = time.perf_counter()
    with ThreadPoolExecutor(concurrency) as pool:
        codes = list(pool.map(post, bundles))
    elapsed = time.perf_counter() - started
    ok = sum(1 for c in codes if c in (200, 201, 202))
    return {"uploads": count, "accepted": ok, "seconds": elapsed, "per_second": ok / elapsed}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=50)
    parser.add_argument("--small", type=int, default=300)
    parser.add_argument("--concurrency", type=int, default=8)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="selfcheck-upload-bench-") as tmp:
        work = Path(tmp)
        relay, url = start_relay(work)
        try:
            for mb in (5, args.mb):
                r = send_once(work, url, relay.pid, mb)
                print(
                    f"bundle {r['mb']:.1f} MB: {r['seconds']:.2f} s end to end ({r['mb_per_s']:.0f} MB/s, CLI start included), "
                    f"relay receive+validate+store {r['relay_seconds']:.2f} s ({r['mb'] / r['relay_seconds']:.0f} MB/s); "
                    f"client peak RSS {r['client_peak_mb']:.0f} MB; relay RSS {r['relay_before_mb']:.0f} MB before, peak {r['relay_peak_mb']:.0f} MB"
                )
            s = small_rate(work, url, args.small, args.concurrency)
            print(
                f"small bundles: {s['accepted']}/{s['uploads']} accepted in {s['seconds']:.2f} s = {s['per_second']:.0f} uploads/s ({args.concurrency} client threads)"
            )
        finally:
            relay.terminate()
            relay.wait(timeout=30)


if __name__ == "__main__":
    main()
