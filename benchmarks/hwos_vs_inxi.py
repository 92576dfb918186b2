"""Wall time of a whole ``selfcheck scan --category hardware --category os --json`` process,
side by side with ``inxi -Fxz`` on the same machine in the same run.

    .venv/bin/python benchmarks/hwos_vs_inxi.py [--repeat 7]

Target: selfcheck takes at most half of inxi's time (inxi took 0.57 s on the
project's machine). Both run alternately ``--repeat`` times after one warm-up
each (the warm-up also fills selfcheck's caches, as on a user's machine after the
first scan); the medians are compared. inxi is not a test dependency: install it
for the benchmark only (apt-get install inxi). Prints the figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def timed(cmd: list[str], env: dict[str, str]) -> tuple[float, subprocess.CompletedProcess[str]]:
    start = time.perf_counter()
    done = subprocess.run(cmd, capture_output=True, text=True, env=env, check=False)
    return time.perf_counter() - start, done


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    home = tempfile.mkdtemp(prefix="selfcheck-bench-")
    env = {**os.environ, "SELFCHECK_HOME": home, "SELFCHECK_DISABLE_PLUGIN_AUTOLOAD": "1"}
    exe = str(Path(sys.executable).parent / "selfcheck")
    selfcheck = [exe, "scan", "--category", "hardware", "--category", "os", "--json"]
    # Apart, for reading the figures: the same scan as on a quiet machine (the CPU check's
    # one-second look only happens when other programs keep the processor busy, and the disk
    # check's half-second look only when they wait for a disk), and the floor: one trivial check.
    calm = Path(home) / "calm.toml"
    # (and the disk check's half-second look, taken only when programs wait for a disk)
    calm.write_text('[thresholds."hardware.cpu"]\nbusy_percent = 101\n\n[thresholds."hardware.disk"]\nio_look_pressure = 101\n', encoding="utf-8")
    variants = {
        "quiet-machine path (no 1 s CPU look, no disk look)": [*selfcheck, "--config", str(calm)],
        "floor (os.uptime only)": [exe, "scan", "--check", "os.uptime", "--json"],
    }
    inxi = shutil.which("inxi")
    inxi_cmd = [inxi, "-Fxz"] if inxi else None

    _t, warm = timed(selfcheck, env)  # warm-up: fills the processor-model cache
    if warm.returncode not in (0, 1, 2):
        print("selfcheck scan failed:", warm.stderr[-2000:], file=sys.stderr)
        return 1
    time.sleep(2)  # let the background py-cpuinfo refresh finish before measuring
    if inxi_cmd:
        timed(inxi_cmd, env)
    ours: list[float] = []
    theirs: list[float] = []
    scan = {}
    cpu_durations: list[float] = []
    for _ in range(args.repeat):
        t, done = timed(selfcheck, env)
        ours.append(t)
        scan = json.loads(done.stdout)
        cpu_durations += [r["duration"] for r in scan.get("results", []) if r["id"] == "hardware.cpu"]
        if inxi_cmd:
            theirs.append(timed(inxi_cmd, env)[0])
    print(
        f"selfcheck scan --category hardware --category os --json: median {statistics.median(ours):.3f} s (min {min(ours):.3f}, max {max(ours):.3f}, n={len(ours)})"
    )
    slowest = sorted(scan.get("results", []), key=lambda r: r["duration"], reverse=True)[:3]
    print("  slowest checks in the last run: " + ", ".join(f"{r['id']} {r['duration']:.3f} s" for r in slowest))
    if cpu_durations:
        watched = sum(1 for d in cpu_durations if d >= 0.9)
        print(f"  hardware.cpu: median {statistics.median(cpu_durations):.3f} s; the one-second look was taken in {watched} of {len(cpu_durations)} scans")
    for label, cmd in variants.items():
        times = [timed(cmd, env)[0] for _ in range(args.repeat)]
        print(f"  {label}: median {statistics.median(times):.3f} s (min {min(times):.3f})")
    if theirs:
        ratio = statistics.median(ours) / statistics.median(theirs)
        print(f"inxi -Fxz: median {statistics.median(theirs):.3f} s (min {min(theirs):.3f}, max {max(theirs):.3f}, n={len(theirs)})")
        print(f"ratio selfcheck/inxi: {ratio:.2f} (target <= 0.50: {'met' if ratio <= 0.5 else 'NOT met'})")
    else:
        print("inxi is not installed (apt-get install inxi): no comparison")
    print(f"load average at the end: {os.getloadavg()[0]:.2f} on {os.cpu_count()} processors")
    shutil.rmtree(home, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
