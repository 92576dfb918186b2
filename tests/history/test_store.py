"""The history database: saving, reading, retention."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

from selfcheck.history.store import History


def scan_dict(when: datetime, statuses: dict[str, str], headline: str = "ok") -> dict:
    return {
        "scan_id": str(uuid.uuid4()),
        "started_at": when.isoformat(),
        "status": max(statuses.values(), key=["skip", "pass", "info", "warn", "fail"].index) if statuses else "pass",
        "exit_code": 0,
        "selfcheck_version": "test",
        "diagnosis": {"headline": headline},
        "results": [{"id": k, "status": v, "summary": f"{k} is {v}"} for k, v in statuses.items()],
    }


T0 = datetime(2026, 11, 1, 9, 0, tzinfo=UTC)


def test_scans_come_back_newest_first_with_their_results(tmp_path):
    with History(tmp_path / "h.db") as db:
        first = db.add(scan_dict(T0, {"network.dns": "pass"}), {"dns_servers": ["192.168.1.1"]}, {"cpu_percent": 5})
        second = db.add(scan_dict(T0 + timedelta(days=1), {"network.dns": "fail"}, "DNS broken"), {"dns_servers": ["10.0.0.53"]})
        scans = db.scans()
        assert [s.id for s in scans] == [second, first]
        assert scans[0].headline == "DNS broken"
        assert scans[0].status_of("network.dns") == "fail"
        assert db.state(scans[1]) == {"dns_servers": ["192.168.1.1"]}
        assert db.get(first[:8]).id == first
        assert db.get("previous").id == first and db.get("latest").id == second


def test_identical_states_are_stored_once(tmp_path):
    state = {"software": {f"dpkg:pkg{i}": ["1.0", None] for i in range(2000)}}
    with History(tmp_path / "h.db") as db:
        for day in range(30):
            db.add(scan_dict(T0 + timedelta(days=day), {"os.uptime": "pass"}), state)
        assert db._db.execute("SELECT COUNT(*) FROM states").fetchone()[0] == 2  # the software part and the index


def test_last_good_scan_is_found_for_a_problem(tmp_path):
    with History(tmp_path / "h.db") as db:
        good = db.add(scan_dict(T0, {"network.dns": "pass"}))
        db.add(scan_dict(T0 + timedelta(hours=5), {"network.dns": "skip"}))
        bad = db.add(scan_dict(T0 + timedelta(days=1), {"network.dns": "fail"}))
        latest = db.get(bad)
        assert db.last_good("network.dns", latest.ts).id == good
        assert db.first_bad_after("network.dns", db.get(good).ts).id == bad
        assert db.last_good("hardware.disk", latest.ts) is None


def test_old_scans_are_pruned_by_age(tmp_path):
    now = T0 + timedelta(days=500)
    with History(tmp_path / "h.db") as db:
        for day in range(0, 500, 10):
            db.add(scan_dict(T0 + timedelta(days=day), {"os.uptime": "pass"}))
        db.prune(max_age_days=100, max_bytes=10**9, now=now.timestamp())
        oldest = min(s.ts for s in db.scans())
        assert oldest >= (now - timedelta(days=100)).timestamp()
        assert db.count() == 10


def test_history_is_pruned_to_its_size_limit_keeping_the_newest(tmp_path):
    with History(tmp_path / "h.db") as db:
        for i in range(400):
            statuses = {f"check.{n}": "pass" for n in range(30)}
            db.add(scan_dict(T0 + timedelta(hours=i), statuses, "x" * 200), {"n": i})
        before = db.size_bytes()
        db.prune(max_age_days=10_000, max_bytes=before // 4, now=(T0 + timedelta(days=30)).timestamp())
        assert db.size_bytes() <= before // 4
        newest = db.scans(limit=1)[0]
        assert newest.ts == (T0 + timedelta(hours=399)).timestamp()


def test_metric_series_for_trends(tmp_path):
    with History(tmp_path / "h.db") as db:
        for day in range(5):
            db.add(scan_dict(T0 + timedelta(days=day), {}), None, {"disk_free:/": 100 - day * 10})
        series = db.metric_series("disk_free:/")
        assert [v for _t, v in series] == [100, 90, 80, 70, 60]


def test_a_file_that_is_not_a_history_is_set_aside_and_a_new_history_begins(tmp_path):
    path = tmp_path / "h.db"
    path.write_bytes(b"\x00garbage" * 500)
    with History(path) as db:
        first = db.add(scan_dict(T0, {"network.dns": "pass"}))
        assert [s.id for s in db.scans()] == [first]
    assert (tmp_path / "h.db.damaged").read_bytes() == b"\x00garbage" * 500


def test_a_history_damaged_further_in_is_set_aside_too(tmp_path):
    """A damaged page past the first ones opened fine, then every save failed ('database disk image is malformed')."""
    path = tmp_path / "h.db"
    with History(path) as db:
        for i in range(300):
            db.add(scan_dict(T0 + timedelta(hours=i), {f"check.{n}": "pass" for n in range(30)}, "x" * 200), {"n": i})
        db._db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    data = path.read_bytes()
    middle = len(data) // 2 // 4096 * 4096
    path.write_bytes(data[:middle] + b"\xff" * 4096 + data[middle + 4096 :])
    with History(path) as db:
        latest = db.add(scan_dict(T0 + timedelta(days=30), {"network.dns": "fail"}))
        assert [s.id for s in db.scans()] == [latest]
    assert (tmp_path / "h.db.damaged").stat().st_size == len(data)


def test_a_clock_years_ahead_for_one_scan_does_not_wipe_the_history(tmp_path):
    """A flat clock battery or a wrong date: the age limit measured from that clock dropped every earlier scan,
    so once the clock was right again nothing said when a problem started."""
    with History(tmp_path / "h.db") as db:
        for day in range(60):
            db.add(scan_dict(T0 + timedelta(days=day), {"network.dns": "pass"}))
        wrong = T0 + timedelta(days=60 + 3650)
        db.add(scan_dict(wrong, {"network.dns": "pass"}))
        db.prune(max_age_days=400, max_bytes=10**9, now=wrong.timestamp())
        assert db.count() == 61
        # the clock right again: the DNS failing today is dated from the last real good scan
        bad = db.add(scan_dict(T0 + timedelta(days=61), {"network.dns": "fail"}))
        assert db.last_good("network.dns", db.get(bad).ts).ts == (T0 + timedelta(days=59)).timestamp()
        # the clock stays there: from the next day on, scans within the limit again, the age limit applies as before
        db.add(scan_dict(wrong + timedelta(days=2), {"network.dns": "pass"}))
        db.prune(max_age_days=400, max_bytes=10**9, now=(wrong + timedelta(days=2)).timestamp())
        assert db.count() == 2
