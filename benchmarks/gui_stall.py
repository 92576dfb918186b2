#!/usr/bin/env python3
"""The longest event-loop stall of the window during full scans (aim: under 50 ms).

    .venv/bin/python benchmarks/gui_stall.py [--runs 3]

A QTimer ticks every 5 ms on the GUI thread while the window runs a full scan
of the built-in checks (network checks left out: they would reach this
machine's real network), shows results as they arrive, builds the verdict, then
switches the language (re-judging every result) and runs "Check my computer again" on one
check. The biggest gap between two ticks is the longest time the window could
not answer the user.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["SELFCHECK_HOME"] = tempfile.mkdtemp(prefix="selfcheck-bench-")
os.environ["SELFCHECK_DISABLE_PLUGIN_AUTOLOAD"] = "1"
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from PySide6.QtCore import QEventLoop, QTimer  # noqa: E402


class StallMeter:
    """Gaps between 5 ms ticks: wall-clock (what the user feels, including other
    processes' load) and the GUI thread's own CPU time (the work our code did in
    one go, independent of how busy the machine is)."""

    def __init__(self, interval_ms: int = 5) -> None:
        self.timer = QTimer()
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.tick)
        self.last = self.last_cpu = 0.0
        self.gaps: list[float] = []
        self.cpu_gaps: list[float] = []

    def start(self) -> None:
        self.last, self.last_cpu = time.perf_counter(), time.thread_time()
        self.gaps.clear()
        self.cpu_gaps.clear()
        self.timer.start()

    def tick(self) -> None:
        now, cpu = time.perf_counter(), time.thread_time()
        self.gaps.append(now - self.last)
        self.cpu_gaps.append(cpu - self.last_cpu)
        self.last, self.last_cpu = now, cpu

    def stop(self) -> tuple[float, float]:
        self.timer.stop()
        return max(self.gaps, default=0.0), max(self.cpu_gaps, default=0.0)


def wait_for(signal, timeout_ms: int = 120000) -> None:  # type: ignore[no-untyped-def]
    loop = QEventLoop()
    signal.connect(loop.quit)
    QTimer.singleShot(timeout_ms, loop.quit)
    loop.exec()


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()

    from selfcheck import app as app_mod
    from selfcheck.gui import theme
    from selfcheck.gui.application import create_qapplication
    from selfcheck.gui.mainwindow import MainWindow

    qapp = create_qapplication()
    from selfcheck.gui import gcguard

    gcguard.install(qapp)
    config = Path(os.environ["SELFCHECK_HOME"]) / "bench.toml"
    config.write_text(os.environ.get("BENCH_EXTRA_CONFIG", "") + '[checks]\ndisabled = ["network.*"]\n')
    app = app_mod.start([config], "en")
    theme.apply(qapp, None)
    window = MainWindow(app)
    window.resize(920, 740)
    window.show()
    qapp.processEvents()
    meter = StallMeter()
    scans, switches, rechecks = [], [], []
    for _run in range(args.runs):
        window.set_language("en")
        window.go_start()
        settle = QEventLoop()
        QTimer.singleShot(500, settle.quit)  # let the language switch's rebuild finish: not part of the scan
        settle.exec()
        meter.start()
        window.start_scan(None)
        wait_for(window.scan_shown)
        scans.append(meter.stop())
        meter.start()
        window.set_language("fr")
        QTimer.singleShot(50, lambda: None)
        loop = QEventLoop()
        QTimer.singleShot(60, loop.quit)
        loop.exec()
        switches.append(meter.stop())
        first = window.scan.results[-1].check_id if window.scan else ""
        meter.start()
        window.check_again(first)
        wait_for(window.scan_shown)
        rechecks.append(meter.stop())
    checks = len(window.scan.results) if window.scan else 0
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"checks per scan: {checks}, runs: {args.runs}, CPUs: {os.cpu_count()}, load average: {load:.1f}")
    for name, values in (("a full scan (incl. verdict)", scans), ("switching language (re-judging)", switches), ("'Check my computer again'", rechecks)):
        wall = [v[0] * 1000 for v in values]
        cpu = [v[1] * 1000 for v in values]
        print(f"longest stall during {name}: wall max {max(wall):.1f} ms (median {statistics.median(wall):.1f}); GUI-thread CPU max {max(cpu):.1f} ms")
    window.threads.stop_all()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
