"""What a selfcheck killed while it queued a message leaves in the outbox: its copy of the bundle and its state, written
aside and never renamed into place. No list shows such an entry and nothing sends it; it held a bundle (redacted, yet
personal) in the person's folder for ever. It is removed once a day old, never while a second selfcheck may still be
writing it, and never another file."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import textwrap
import time

from sendkit import make_bundle, run_cli

DAY = 86400

#: a real selfcheck process queueing a message, held just before its first rename (the moment a kill leaves both files
#: written aside), then killed by the test with SIGKILL
_QUEUE_AND_HOLD = textwrap.dedent(
    """
    import os, sys, time
    from pathlib import Path
    from selfcheck.upload.outbox import Outbox

    def held(*args, **kw):
        print("written", flush=True)
        time.sleep(600)

    os.replace = held
    Outbox().add(Path(sys.argv[1]), {"kind": "intake", "url": "http://127.0.0.1:9"})
    """
)


def _killed_while_queueing(bundle, home):
    env = {**os.environ, "SELFCHECK_HOME": str(home), "SELFCHECK_DISABLE_PLUGIN_AUTOLOAD": "1"}
    child = subprocess.Popen([sys.executable, "-c", _QUEUE_AND_HOLD, str(bundle)], stdout=subprocess.PIPE, text=True, env=env)
    try:
        assert child.stdout.readline().strip() == "written"
    finally:
        child.kill()
        child.wait()
    return child


def _age(path, days):
    then = time.time() - days * DAY
    os.utime(path, (then, then))


def test_a_message_half_queued_by_a_killed_selfcheck_is_removed_a_day_later_and_nothing_else(tmp_path, selfcheck_home):
    outbox = selfcheck_home / "data" / "outbox"
    old_bundle = make_bundle(tmp_path / "old.zip", {"report.json": os.urandom(200_000)}, bundle_id="0ld-half-queued")
    fresh_bundle = make_bundle(tmp_path / "fresh.zip", {"report.json": os.urandom(200_000)}, bundle_id="fresh-half-queued")
    _killed_while_queueing(old_bundle, selfcheck_home)
    _killed_while_queueing(fresh_bundle, selfcheck_home)
    old_left, fresh_left = sorted((outbox / "0ld-half-queued").iterdir()), sorted((outbox / "fresh-half-queued").iterdir())
    assert [p.name.split(".")[0] for p in old_left] == ["bundle", "state"]  # bundle.zip.<random>.part, state.json.<random>.tmp
    assert all(p.name.endswith((".part", ".tmp")) for p in old_left + fresh_left)
    assert all(stat.S_IMODE(p.stat().st_mode) == 0o600 for p in old_left + fresh_left)  # owner-only while they exist

    # a message queued whole, and another program's half-written file beside it: all as old, none of selfcheck's leftovers
    from selfcheck.upload.outbox import Outbox

    whole = Outbox().add(make_bundle(tmp_path / "whole.zip", bundle_id="whole-message"), {"kind": "intake", "url": "http://127.0.0.1:9"})
    others = [outbox / "whole-message" / "bundle.zip", outbox / "whole-message" / "state.json", outbox / "whole-message" / "download.zip.part"]
    others[2].write_bytes(b"half of a download")
    for path in [*old_left, *others]:
        _age(path, 2)
    kept = {path: path.read_bytes() for path in others}

    listed = run_cli("outbox", "list", home=selfcheck_home)
    assert listed.returncode == 0 and "Traceback" not in listed.stdout + listed.stderr, listed.stderr
    assert not (outbox / "0ld-half-queued").exists()  # its half copy and its state, then its empty folder: gone
    assert sorted((outbox / "fresh-half-queued").iterdir()) == fresh_left  # a second selfcheck may be writing it now
    assert {path: path.read_bytes() for path in others} == kept
    assert whole.reference in listed.stdout


def test_an_entry_a_killed_selfcheck_was_deleting_is_removed_a_day_later(tmp_path, selfcheck_home):
    """``outbox remove`` moves the entry aside (.<id>.<pid>.gone) then deletes it: a kill between left it hidden, with
    its bundle, for ever."""
    outbox = selfcheck_home / "data" / "outbox"
    gone = outbox / ".an-entry.4242.gone"
    gone.mkdir(parents=True)
    (gone / "bundle.zip").write_bytes(b"a bundle")
    young = outbox / ".another.4243.gone"
    young.mkdir()
    (young / "bundle.zip").write_bytes(b"being deleted now")
    _age(gone / "bundle.zip", 2)
    _age(gone, 2)
    assert run_cli("outbox", "list", home=selfcheck_home).returncode == 0
    assert not gone.exists() and (young / "bundle.zip").read_bytes() == b"being deleted now"
