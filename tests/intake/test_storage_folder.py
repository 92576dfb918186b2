"""The relay's local storage folder at start-up. Before, a missing folder was made at every start, with its parents: a
disk not mounted (the folder inside it gone) took the new bundles on the disk under the mount point, and they vanished
from support's view once the real disk was mounted back. Now the relay makes the folder only on its first setup (its
queue records no bundle yet) and only inside a folder that exists; otherwise it does not start, and its log says which
folder is missing and what to do."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import requests

from sendkit import Relay, make_bundle, manifest_of


def _send(relay: Relay, bundle: Path) -> str:
    key = manifest_of(bundle)["bundle_id"]
    answer = requests.post(relay.url + "/v1/bundles", data=bundle.read_bytes(), headers={"Content-Type": "application/zip", "Idempotency-Key": key}, timeout=30)
    assert answer.status_code in (201, 202), answer.text
    return key


def _refused(relay: Relay) -> str:
    """The relay exits at start (2, as for other settings it cannot work with); returns its log's last error."""
    relay.start(wait=False)
    assert relay.proc is not None
    assert relay.proc.wait(timeout=60) == 2, relay.log.read_text()[-2000:]
    relay.proc = None
    errors = [e["message"] for e in relay.logs() if e.get("level") == "error"]
    assert errors and "Traceback" not in relay.log.read_text(), relay.log.read_text()[-2000:]
    return errors[-1]


def test_a_storage_folder_gone_after_bundles_were_stored_stops_the_relay_instead_of_making_an_empty_one(tmp_path):
    disk = tmp_path / "disk"  # the storage disk's mount point
    bundles, unmounted = disk / "bundles", tmp_path / "unmounted"
    disk.mkdir()
    relay = Relay(tmp_path / "relay", storage={"kind": "local", "path": str(bundles)}).start()
    try:
        key = _send(relay, make_bundle(tmp_path / "b.zip"))
        relay.wait_ticket(key)
    finally:
        relay.stop()
    disk.rename(unmounted)  # the disk is not mounted: its mount point is an empty folder
    disk.mkdir()
    said = _refused(relay)
    assert said == (
        f"cannot start: the storage folder {bundles} (storage.path) is missing, and this relay's queue already records bundles: "
        "is its disk mounted? Mount it, then start the relay again. The relay does not make this folder again by itself: new "
        "bundles would land on the wrong disk, and support would lose sight of them once the disk is back. To start over with "
        f"an empty folder, make it yourself for the relay's user (for instance: install -d -m 0700 -o selfcheck-intake {bundles})."
    )
    assert list(disk.iterdir()) == []  # nothing made on the wrong disk
    disk.rmdir()
    unmounted.rename(disk)  # mounted again
    relay.start()
    try:
        from selfcheck_intake.worker import sign_agent_link

        expires = 2**40
        link = requests.get(
            f"{relay.url}/v1/agent/bundles/{key}", params={"expires": expires, "sig": sign_agent_link("agent-link-test-secret", key, expires)}, timeout=30
        )
        assert link.status_code == 200 and link.content == (tmp_path / "b.zip").read_bytes()
    finally:
        relay.stop()


def test_a_first_start_makes_its_storage_folder_only_inside_a_folder_that_exists(tmp_path):
    missing = tmp_path / "disk" / "bundles"  # the disk's mount point itself is not there
    relay = Relay(tmp_path / "relay", storage={"kind": "local", "path": str(missing)})
    said = _refused(relay)
    assert said == (
        f"cannot start: the storage folder {missing} (storage.path) is missing, and so is the folder it goes in, {missing.parent}: "
        "is its disk mounted? Mount it, or make the folder for the relay's user (for instance: install -d -m 0700 -o selfcheck-intake "
        f"{missing}), then start the relay again."
    )
    assert not missing.parent.exists()

    missing.parent.mkdir()  # there now: a first setup makes the folder, readable by the relay's user only
    relay.start()
    try:
        assert missing.is_dir() and stat.S_IMODE(os.stat(missing).st_mode) == 0o700
        key = _send(relay, make_bundle(tmp_path / "b.zip"))
        relay.wait_ticket(key)
        assert (missing / f"{key}.zip").read_bytes() == (tmp_path / "b.zip").read_bytes()
    finally:
        relay.stop()
