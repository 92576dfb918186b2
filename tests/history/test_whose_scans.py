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
    assert "still fine when this program checked this computer" in describe_plain(found[0].to_dict())[0]


def test_the_computer_key_is_a_hash_not_the_machine_id():
    raw = machineid._raw_id()
    assert raw and machineid.machine_key() and raw not in machineid.machine_key()
    with History() as db:
        db.add(_scan(datetime.now(UTC), {"os.uptime": "pass"}))
        assert db.scans()[0].to_dict().keys().isdisjoint({"machine"})
    assert raw.encode() not in (paths.user_data_dir() / "history.sqlite3").read_bytes()
