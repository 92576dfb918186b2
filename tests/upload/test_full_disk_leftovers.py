"""What the outbox leaves on a full disk (a real small volume) and what two processes recording sends leave in
sent.json: never a file no list shows, never a record of sends lost to a half-written file."""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
import time

import pytest

from sendkit import client_config, free_port, make_bundle, run_cli


def _mount_small_volume(folder):
    """A small tmpfs over ``folder`` (root only), as a full drive is met for real; False when it cannot be mounted."""
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        return False
    folder.mkdir(parents=True, exist_ok=True)
    return subprocess.run(["mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", str(folder)], capture_output=True, check=False).returncode == 0


def _leave_room(folder, blocks):
    """Fill the volume, then give back exactly ``blocks`` of its blocks."""
    filler = folder / "filler"
    with contextlib.suppress(OSError), open(filler, "wb") as out:
        while True:
            out.write(b"x" * 4096)
            out.flush()
    block = os.statvfs(folder).f_frsize
    os.truncate(filler, filler.stat().st_size - blocks * block)
    assert os.statvfs(folder).f_bavail == blocks
    return block


@pytest.mark.parametrize(
    "room, lang, said, status",
    [
        # room for the message but not for what is written down beside it: before, its bundle.zip stayed in the
        # outbox without a state.json, an entry no list shows and nothing sends, filling the disk for ever
        ("bundle only", "en", "The bundle could not be prepared for sending: the disk is full", 1),
        ("bundle only", "fr", "Le dossier de diagnostic n’a pas pu être préparé pour l’envoi\u00a0: le disque est plein", 1),
        # room for both, not for the sender's note in its claim (sending.lock): before, OSError went up as "Something
        # went wrong" and the empty claim stayed behind, "being sent by another selfcheck window" for an hour
        ("bundle and state", "en", "The support server refused the connection", 4),
    ],
)
def test_a_message_sent_on_a_full_disk_leaves_nothing_behind_but_a_whole_entry(tmp_path, selfcheck_home, room, lang, said, status):
    folder = selfcheck_home / "data" / "outbox"
    if not _mount_small_volume(folder):
        pytest.skip("mounting a small volume needs root")
    try:
        bundle = make_bundle(tmp_path / "b.zip", {"report.json": os.urandom(9000)})
        block = os.statvfs(folder).f_frsize
        blocks = -(-bundle.stat().st_size // block) + (1 if room == "bundle and state" else 0)
        _leave_room(folder, blocks)
        cfg = client_config(tmp_path / "c.toml", f"http://127.0.0.1:{free_port()}")  # nothing listens there
        proc = run_cli("send", str(bundle), "--config", str(cfg), "--lang", lang, home=selfcheck_home)
        assert proc.returncode == status and said in proc.stdout + proc.stderr, proc
        assert "Traceback" not in proc.stderr and "Something went wrong" not in proc.stderr
        left = sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.name != "filler")
        if status == 1:
            assert left == []  # not even an empty folder
        else:
            (entry,) = {p.parent.name for p in folder.rglob("state.json")}
            assert left == [entry, f"{entry}/bundle.zip", f"{entry}/state.json"]  # queued, whole, no claim left
            assert all(p.stat().st_mode & 0o077 == 0 for p in folder.rglob("*") if p.name != "filler")
    finally:
        subprocess.run(["umount", "-l", str(folder)], capture_output=True, check=False)


def test_two_processes_recording_sends_at_once_never_damage_the_record_of_sends(selfcheck_home):
    """The window and `selfcheck outbox retry` (or two windows) record a send each at the same moment: both wrote the
    same sent.tmp; one moved the other's away (FileNotFoundError: that send's ticket not kept) or in half written, and a
    damaged sent.json reads as no send at all (tried: 31 failed records and 126 damaged reads in 2 x 500 sends)."""
    child = (
        "import json, logging, sys, time\n"
        "from pathlib import Path\n"
        "from selfcheck.upload import sent\n"
        "warned = []\n"
        "logging.getLogger('selfcheck.upload').addHandler(type('H', (logging.Handler,), {'emit': lambda s, r: warned.append(r.getMessage())})())\n"
        "Path(sys.argv[2]).touch()\n"
        "while not Path(sys.argv[3]).exists():\n"
        "    time.sleep(0.0005)\n"
        "damaged = 0\n"
        "for i in range(300):\n"
        "    sent.record(f'{sys.argv[1]}-{i}', f'REF-{i}', str(1000 + i), None)\n"
        "    damaged += not sent.load()\n"
        "print(json.dumps({'warned': warned[:3], 'damaged': damaged}))\n"
    )
    go = selfcheck_home / "go"
    ready = [selfcheck_home / f"ready-{n}" for n in range(2)]
    writers = [subprocess.Popen([sys.executable, "-c", child, f"w{n}", str(r), str(go)], stdout=subprocess.PIPE, text=True) for n, r in enumerate(ready)]
    deadline = time.monotonic() + 30
    while not all(r.exists() for r in ready) and time.monotonic() < deadline:
        time.sleep(0.01)
    go.touch()
    said = [json.loads(w.communicate(timeout=120)[0]) for w in writers]
    assert said == [{"warned": [], "damaged": 0}] * 2
    from selfcheck.upload import sent

    kept = sent.load()
    assert len(kept) == sent.KEEP and all(s.ticket for s in kept)
    folder = selfcheck_home / "data" / "outbox"
    assert [p.name for p in folder.iterdir()] == ["sent.json"]  # no temporary file left
    if os.name == "posix":
        assert (folder / "sent.json").stat().st_mode & 0o777 == 0o600
