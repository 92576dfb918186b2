"""Scans of another volume or another computer in the history: a USB stick swapped on the same mount point, a
history copied from another computer (a restored backup, a copied home folder). Real history files throughout."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import uuid
from datetime import UTC, datetime, timedelta

from selfcheck import paths
from selfcheck.history import History, what_changed
from selfcheck.history.changes import GB, _free_space, _volume_ids, describe_plain, metrics_from
from selfcheck.history.trends import DAY, disk_forecasts
from selfcheck.platforms import machineid

STICK = "/media/user/STICK"


def _scan(when: datetime, statuses: dict[str, str]) -> dict:
    return {
        "scan_id": str(uuid.uuid4()),
        "started_at": when.isoformat(),
        "status": "fail" if "fail" in statuses.values() else "pass",
        "exit_code": 2 if "fail" in statuses.values() else 0,
        "diagnosis": {"headline": "h"},
        "results": [{"id": k, "status": v, "summary": "s"} for k, v in statuses.items()],
    }


def _save_disk_scan(db: History, when: float, total_gb: float, free_gb: float) -> None:
    """A scan with the disk check's volume list (as hardware.disk lists it) saved the way record_scan saves it."""
    volumes = [
        {"mountpoint": "/", "device": "/dev/nvme0n1p2", "total": int(500 * GB), "free": int(200 * GB)},
        {"mountpoint": STICK, "device": "/dev/sdb1", "total": int(total_gb * GB), "free": int(free_gb * GB)},
    ]
    state = {"free_space": _free_space(volumes), "volumes": _volume_ids(volumes)}
    facts = {"hardware.disk": {"volumes": volumes}, "hardware.memory": {"percent_used": 40.0}}
    db.add(_scan(datetime.fromtimestamp(when, UTC), {"hardware.disk": "pass"}), state, metrics_from(facts, state))


def _history_command() -> str:
    env = {**os.environ, "SELFCHECK_HOME": str(paths.user_data_dir().parent)}
    done = subprocess.run([sys.executable, "-m", "selfcheck", "history"], capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_a_64_gb_stick_then_an_8_gb_one_on_the_same_mount_point_is_not_filling_up():
    """Neither stick lost any space, yet their free space on one mount point (30 GB, then 7 GB) read as a volume
    filling up: 'At this rate, /media/user/STICK will be full in about 13 days.'"""
    now = time.time()
    with History() as db:
        for day in range(10, 2, -1):
            _save_disk_scan(db, now - day * DAY, 64, 30)
        for day in (2, 1, 0):
            _save_disk_scan(db, now - day * DAY, 8, 7)
        assert STICK not in disk_forecasts(db, now=now)
    assert "STICK" not in _history_command()


def test_the_same_stick_filling_up_is_still_forecast():
    now = time.time()
    with History() as db:
        for day in range(6, -1, -1):
            _save_disk_scan(db, now - day * DAY, 64, 14 - 2 * (6 - day))  # 14 GB free, 2 GB less a day: 2 GB now
        assert round(disk_forecasts(db, now=now)[STICK]) == 1
    assert "At this rate, /media/user/STICK will be full in about 1 days." in _history_command()


def test_a_history_saved_before_volumes_were_told_apart_is_forecast_as_before_until_a_new_scan():
    """Older rows carry free space only: alone they are forecast as they were; once this selfcheck saves the volume's
    size, only the scans of that volume count (a day of new scans before a forecast again)."""
    now = time.time()
    with History() as db:
        for day in range(6, 0, -1):
            free = (14 - 2 * (6 - day)) * GB
            db.add(_scan(datetime.fromtimestamp(now - day * DAY, UTC), {"hardware.disk": "pass"}), None, {f"disk_free:{STICK}": free})
        assert STICK in disk_forecasts(db, now=now)
        _save_disk_scan(db, now, 8, 7)
        assert STICK not in disk_forecasts(db, now=now)


OTHER_COMPUTER = "0123456789abcdef"


def test_a_history_copied_from_another_computer_says_nothing_about_when_this_one_was_fine():
    """Another computer's scans (its DNS check passed on Tuesday) read as this computer's: 'It was still fine when this
    program checked this computer on Tuesday', with every software difference between the two computers 'since then'."""
    t0 = datetime.now(UTC) - timedelta(days=3)
    with History(machine=OTHER_COMPUTER) as other:
        for hours in (0, 6, 12):
            other.add(_scan(t0 + timedelta(hours=hours), {"network.dns": "pass"}), {"software": {"dpkg:their-app": ["1.0", None]}})
    with History() as db:
        assert db.machine and db.machine != OTHER_COMPUTER
        bad = _scan(datetime.now(UTC), {"network.dns": "fail"})
        db.add(bad, {"software": {}})
        found = what_changed(db, bad)
        assert [s.id for s in db.scans()] == [bad["scan_id"]]
    assert all(item.last_good is None and not item.changes for item in found)
    assert not any("still fine" in describe_plain(item.to_dict())[0] for item in found)


def test_scans_saved_without_a_computer_key_are_this_computers():
    """Scans saved by an older selfcheck carry no key: they are taken as this computer's (they nearly always are)."""
    t0 = datetime.now(UTC) - timedelta(days=3)
    with History(machine=None) as older:
        older.add(_scan(t0, {"network.dns": "pass"}), {"software": {}})
    with History() as db:
        bad = _scan(datetime.now(UTC), {"network.dns": "fail"})
        db.add(bad, {"software": {"dpkg:new-app": ["2.0", None]}})
        found = what_changed(db, bad)
    assert found[0].last_good == t0.isoformat()
    assert "all was well. When it checked" in describe_plain(found[0].to_dict())[0]


def test_the_computer_key_is_a_hash_not_the_machine_id():
    raw = machineid._raw_id()
    assert raw and machineid.machine_key() and raw not in machineid.machine_key()
    with History() as db:
        db.add(_scan(datetime.now(UTC), {"os.uptime": "pass"}))
        assert db.scans()[0].to_dict().keys().isdisjoint({"machine"})
    assert raw.encode() not in (paths.user_data_dir() / "history.sqlite3").read_bytes()


# ------------------------------------------------------------------ the key on macOS and Windows, from what they print

#: real Macs' ioreg text (tests/fixtures/macos/SOURCES): the MacBook Pro's as `ioreg -rd1` prints it, the older
#: MacBook's as the whole tree from Root, every line behind the tree's '| ' bar
MACS = {
    "ioreg_rd1_ioplatformexpertdevice_macbookpro12_1.txt": "CE3A2773-AF9E-515B-918B-5EE5C09372D7",
    "ioreg_c_ioplatformexpertdevice_macbook2_1.txt": "00000000-0000-1000-8000-001B633026B1",
}


def _mac(recording: str | None, asked: list[list[str]]):
    """A Mac's context whose programs print the recorded ioreg text (as the macOS checks are given theirs); None: a
    Mac without ioreg."""
    from real_outputs import real
    from selfcheck.api import CommandOutput, Context

    class Mac(Context):
        def run(self, args, timeout=5.0, **kwargs):  # type: ignore[no-untyped-def, override]
            asked.append(list(args))
            if recording is None:
                return CommandOutput(list(args), None, "", "", missing=True)
            return CommandOutput(list(args), 0, real("macos", recording) if list(args) == machineid.IOREG else "", "")

    return Mac(platform="darwin")


def test_a_macs_key_comes_from_its_ioreg_platform_uuid_and_tells_two_macs_apart():
    keys = {}
    for recording, uuid_text in MACS.items():
        asked: list[list[str]] = []
        raw = machineid._raw_id(_mac(recording, asked))
        assert asked == [["ioreg", "-rd1", "-c", "IOPlatformExpertDevice"]]
        assert raw == uuid_text
        key = machineid.key_of(raw)
        assert key and key == machineid.key_of(machineid._raw_id(_mac(recording, [])))  # the same Mac, the same key
        for form in (uuid_text, uuid_text.lower(), uuid_text.replace("-", ""), uuid_text.split("-")[-1]):
            assert form.lower() not in key.lower()
        keys[recording] = key
    assert len(set(keys.values())) == 2
    # without ioreg's answer there is no key, not a key of nothing
    assert machineid._raw_id(_mac(None, [])) is None


def test_a_history_saved_on_one_recorded_mac_is_not_read_on_the_other():
    """A home folder copied from the MacBook to the MacBook Pro: 'still fine when this program checked this computer'
    would name the MacBook's scan; the MacBook Pro reads only its own, the MacBook still reads its own."""
    old, new = (machineid.key_of(machineid._raw_id(_mac(r, []))) for r in MACS)
    t0 = datetime.now(UTC) - timedelta(days=2)
    with History(machine=old) as macbook:
        macbook.add(_scan(t0, {"network.dns": "pass"}))
    with History(machine=new) as macbook_pro:
        assert macbook_pro.scans() == []
    with History(machine=old) as macbook:
        assert [s.started_at for s in macbook.scans()] == [t0.isoformat()]


def test_windows_without_a_machine_guid_gives_no_key_and_the_history_reads_every_scan(monkeypatch):
    """MachineGuid missing (a 32-bit program on 64-bit Windows is sent to Wow6432Node, where the key has no values:
    automation-stack/node-machine-id#6, denisbrodbeck/machineid#2) or empty: no key, so scans are saved without one
    and every scan in the history is read as this computer's, a copied one too."""
    from selfcheck.api import Context
    from selfcheck.platforms import windows

    asked = []
    for answer in ({}, {"MachineGuid": ""}, {"MachineGuid": None}):
        monkeypatch.setattr(windows, "read_registry_values", lambda path, names, a=answer: asked.append((path, names)) or a)
        assert machineid._raw_id(Context(platform="windows")) is None
        assert machineid.key_of(machineid._raw_id(Context(platform="windows"))) is None
    assert asked and all(found == (r"SOFTWARE\Microsoft\Cryptography", ["MachineGuid"]) for found in asked)
    t0 = datetime.now(UTC) - timedelta(days=2)
    with History(machine="0123456789abcdef") as other_computer:
        other_computer.add(_scan(t0, {"network.dns": "pass"}))
    with History(machine=None) as this_one:
        assert [s.started_at for s in this_one.scans()] == [t0.isoformat()]
