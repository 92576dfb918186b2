"""History benchmarks (issue 8): saving a scan, `selfcheck history` on a year of
hourly scans, the size of a year of daily scans, and the light background scan's
memory. Prints figures; asserts nothing.

    .venv/bin/python benchmarks/history_bench.py
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path


def fake_scan(when: datetime, n_checks: int = 30) -> dict:
    return {
        "scan_id": str(uuid.uuid4()),
        "started_at": when.isoformat(),
        "status": "pass",
        "exit_code": 0,
        "selfcheck_version": "bench",
        "diagnosis": {"headline": "Everything we checked looks fine."},
        "results": [{"id": f"area.check{i}", "status": "pass", "summary": "A typical one-sentence summary of this check."} for i in range(n_checks)],
    }


def main() -> None:
    home = Path(tempfile.mkdtemp(prefix="selfcheck-bench-"))
    os.environ["SELFCHECK_HOME"] = str(home)
    from selfcheck.history import History
    from selfcheck.history.changes import collect_state

    state = collect_state()
    print(f"state: {len(state['software'])} software items")
    t0 = datetime(2025, 11, 25, tzinfo=UTC)

    # 1. saving one scan (with the real machine state, as after every scan)
    with History(home / "save.db") as db:
        times = []
        for i in range(50):
            state_i = dict(state, free_space={k: v - i for k, v in state["free_space"].items()})
            start = time.perf_counter()
            db.add(fake_scan(t0 + timedelta(hours=i)), state_i, {"cpu_percent": 3.0})
            times.append((time.perf_counter() - start) * 1000)
    print(f"save a scan: median {statistics.median(times):.2f} ms, max {max(times):.2f} ms (target < 20 ms)")

    # 2. a year of daily scans: size on disk with defaults
    with History(home / "data" / "history.sqlite3") as db:
        for day in range(365):
            s = dict(state, free_space={k: v - day * 10**8 for k, v in state["free_space"].items()})
            db.add(fake_scan(t0 + timedelta(days=day)), s, {"cpu_percent": 3.0, "mem_percent": 40.0})
        db.prune(400, 10 * 1024 * 1024, now=(t0 + timedelta(days=365)).timestamp())
        kept = db.count()
    size = (home / "data" / "history.sqlite3").stat().st_size
    print(f"a year of daily scans: {kept} kept, {size / 1e6:.2f} MB on disk (target < 10 MB)")

    # 3. `selfcheck history` on a year of hourly scans
    hourly = home / "hourly"
    os.environ["SELFCHECK_HOME"] = str(hourly)
    (hourly / "data").mkdir(parents=True)
    with History(hourly / "data" / "history.sqlite3") as db:
        db._db.execute("BEGIN")
        for h in range(365 * 24):
            db.add(fake_scan(t0 + timedelta(hours=h)), None, {"cpu_percent": 3.0, "disk_free:/": 1e11 - h * 1e6})
    runs = []
    for _ in range(5):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "selfcheck", "history"], capture_output=True, check=True)
        runs.append((time.perf_counter() - start) * 1000)
    print(f"`selfcheck history` on {365 * 24} hourly scans: median {statistics.median(runs):.0f} ms (target < 200 ms)")

    # 4. the background light scan: peak memory of one run (the OS scheduler starts it; nothing idles between scans)
    os.environ["SELFCHECK_HOME"] = str(home / "bg")
    proc = subprocess.run(
        ["/usr/bin/time", "-f", "%M %e", sys.executable, "-m", "selfcheck", "background", "run-once"], capture_output=True, text=True, check=False
    )
    if proc.returncode == 0 and proc.stderr.strip():
        rss_kb, secs = proc.stderr.strip().splitlines()[-1].split()
        print(f"background run-once: peak RSS {int(rss_kb) / 1024:.1f} MB, {float(secs):.2f} s; between scans: no process (OS scheduler)")
    else:
        print("background run-once: /usr/bin/time not available")


if __name__ == "__main__":
    main()
