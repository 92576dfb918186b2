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
