"""What a relay killed mid-work (a deploy, the OOM killer, a machine restart) leaves half-written: the upload's spool
file, the bundle's copy on its way into the storage folder, the bundle fetched for a ticket attempt. Before, nothing
ever removed them: on a server that runs for months they filled the disk with customers' bundles nobody could see.
Now the relay removes its own, a day old or more, when it starts and every hour; a younger one (another instance
sharing the folder may be writing it), a file of another program or user, a link and the stored bundles stay."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import requests

from sendkit import Relay, make_bundle, manifest_of

DAY = 86400


def _aged(path: Path, days: float = 2) -> Path:
    then = time.time() - days * DAY
    os.utime(path, (then, then), follow_symlinks=False)
    return path


def _killed(code: str, *args: str) -> None:
    """Run ``code`` in a Python process of its own, which SIGKILLs itself where the code says (the moment a kill hits)."""
    done = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, timeout=60)
    assert done.returncode == -signal.SIGKILL, done.stderr


# the real LocalStorage.put, killed between writing the copy and renaming it into place
STORAGE_KILLED = """
import os, signal, sys
from pathlib import Path
from selfcheck_intake.storage import LocalStorage
os.replace = lambda *a, **k: os.kill(os.getpid(), signal.SIGKILL)
LocalStorage(Path(sys.argv[1])).put(Path(sys.argv[2]), sys.argv[3], sys.argv[4])
"""

# the real Worker.process with a bucket (S3: the bundle is fetched into the spool), killed during the ticket attempt
TICKET_KILLED = """
import os, shutil, signal, sys
from pathlib import Path
from selfcheck_intake.queue import Record
from selfcheck_intake.settings import Settings
from selfcheck_intake.worker import Worker

class Bucket:
    def local_path(self, key):
        return None
    def fetch(self, key, target):
        shutil.copyfile(sys.argv[2], target)
    def agent_url(self, key, seconds):
        return None

class Helpdesk:
    def create_ticket(self, request):
        os.kill(os.getpid(), signal.SIGKILL)

record = Record(sys.argv[3], "0" * 64, 1, "K7H-94W-XCM", "b/x.zip", None, None, "", "", None, "127.0.0.1", "pending", 0, 0.0, "", None, None, None, None, 0.0, 0.0)
Worker(Settings(state_dir=Path(sys.argv[1])), None, Bucket(), Helpdesk()).process(record)
"""


def _trickle(body: bytes, started: threading.Event) -> Iterator[bytes]:
    for i in range(0, len(body), 4000):
        if i:
            started.set()
        yield body[i : i + 4000]
        time.sleep(0.2)


def _kill_mid_upload(relay: Relay, tmp_path: Path, count: int) -> list[Path]:
    """Start ``count`` slow uploads, SIGKILL the relay while they are half received; the spool files it left."""
    spool = relay.workdir / "state" / "spool"
    before = set(spool.iterdir())
    threads = []
    for _ in range(count):
        bundle = make_bundle(tmp_path / f"slow-{uuid.uuid4().hex}.zip", {"logs/big.log": os.urandom(60_000)})
        started = threading.Event()
        headers = {"Content-Type": "application/zip", "Idempotency-Key": manifest_of(bundle)["bundle_id"]}

        def send(body: bytes = bundle.read_bytes(), started: threading.Event = started, headers: dict[str, str] = headers) -> None:
            try:
                requests.post(relay.url + "/v1/bundles", data=_trickle(body, started), headers=headers, timeout=30)
            except requests.RequestException:
                pass  # the relay died under it

        thread = threading.Thread(target=send)
        thread.start()
        started.wait(10)
        threads.append(thread)
    end = time.monotonic() + 10
    while len(set(spool.iterdir()) - before) < count and time.monotonic() < end:
        time.sleep(0.02)
    relay.stop(kill=True)
    for thread in threads:
        thread.join(30)
    return sorted(set(spool.iterdir()) - before)


def test_a_restarted_relay_removes_what_a_killed_one_left_half_written_and_nothing_else(tmp_path):
    relay = Relay(tmp_path / "relay").start()
    state, bundles = relay.workdir / "state", relay.workdir / "bundles"
    accepted = make_bundle(tmp_path / "accepted.zip")
    accepted_id = manifest_of(accepted)["bundle_id"]
    answer = requests.post(
        relay.url + "/v1/bundles", data=accepted.read_bytes(), headers={"Content-Type": "application/zip", "Idempotency-Key": accepted_id}, timeout=30
    )
    assert answer.status_code in (201, 202), answer.text
    stored = _aged(bundles / f"{accepted_id}.zip")  # a customer's bundle kept by support: not the sweep's to remove

    old_upload, young_upload = _kill_mid_upload(relay, tmp_path, 2)  # a deploy killed the relay mid-upload
    for _ in range(2):
        _killed(STORAGE_KILLED, str(bundles), str(accepted), str(uuid.uuid4()), "")
        _killed(TICKET_KILLED, str(state), str(accepted), str(uuid.uuid4()))
    parts = sorted(path for path in bundles.iterdir() if path.suffix == ".part")
    tickets = sorted(path for path in (state / "spool").glob("ticket-*"))
    assert len(parts) == 2 and len(tickets) == 2, (parts, tickets)
    old = [_aged(old_upload), _aged(parts[0]), _aged(tickets[0])]
    young = [young_upload, parts[1], tickets[1]]
    outside = _aged(_write(tmp_path / "elsewhere.zip"))
    link = state / "spool" / "upload-abcd1234.zip"
    link.symlink_to(outside)
    _aged(link)
    others = [
        stored,
        _aged(_write(bundles / "holidays.zip.part")),  # a browser's download, copied here by someone
        _aged(_write(bundles / "notes.part")),
        _aged(_write(state / "spool" / "tmpk2j4h5g6.zip")),  # another program's temporary file
        _aged(_write(state / "spool" / "upload-1.zip")),
        _aged(_write(state / "spool" / ".upload-abcd1234.zip.Xy12ab")),
        outside,
    ]
    if os.geteuid() == 0:  # named as the relay names its leftovers, but another user's
        foreign = _aged(_write(state / "spool" / "upload-zz99zz99.zip"))
        os.chown(foreign, 65534, 65534)
        others.append(foreign)
    before = {path: path.read_bytes() for path in others}
    assert all(path.exists() for path in old)  # nothing removed them: the relay did not run meanwhile

    relay.start()  # ready (/healthz) once the sweep at start-up is done
    try:
        assert [path.name for path in old if path.exists()] == []
        assert all(path.exists() for path in young)  # maybe another instance sharing the folder writing it now
        assert {path: path.read_bytes() for path in others} == before
        assert link.is_symlink()
        assert any(e.get("message") == "removed files a stopped relay left half-written" and e.get("count") == 3 for e in relay.logs())
    finally:
        relay.stop()


def test_a_running_relay_removes_them_again_every_so_often(tmp_path, monkeypatch):
    from selfcheck_intake import leftovers
    from selfcheck_intake.app import build_app
    from selfcheck_intake.settings import from_dict

    monkeypatch.setattr(leftovers, "SWEEP_SECONDS", 0.05)
    settings = from_dict({"state": {"path": str(tmp_path / "state")}, "helpdesk": {"kind": "none"}}, tmp_path)
    app = build_app(settings)
    spool = settings.spool_dir

    async def run() -> tuple[list[Path], list[Path]]:
        async with app.router.lifespan_context(app):
            old = _aged(_write(spool / "upload-k2j4h5g6.zip"))  # left long ago by another instance sharing this state folder
            young = _write(spool / "ticket-k2j4h5g6.zip")
            for _ in range(200):
                if not old.exists():
                    break
                await asyncio.sleep(0.05)
            return [p for p in [old] if p.exists()], [p for p in [young] if p.exists()]

    still, kept = asyncio.run(run())
    assert still == [] and len(kept) == 1


def _write(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"PK\x03\x04 half a bundle")
    return path
