"""Packaging figures, side by side: start-up time, .deb size, app size on disk, window memory after a full scan.

    .venv/bin/python benchmarks/packaging_report.py [--build-dir DIR] [--runs 7] [--install]

Builds the plain app and its .deb into build/bench (or reuses ``--build-dir``, a ``packaging/build --out``
folder; the tests' builds in build/test-packaging have gzip .debs, so their size is not the shipped one). ``--install`` (root) installs the .deb and measures the installed ``/usr/bin/selfcheck``, then
removes it; otherwise the one-folder app is measured where it was built.

- cold start: from spawning ``selfcheck gui`` to the first paint of the window and the event loop turning
  once after it (``SELFCHECK_EXIT_AFTER_PAINT=1``, selfcheck.gui.probe), offscreen. With root the page cache
  is dropped before each run (a really cold start); otherwise the figure is a warm start and says so.
- idle memory: RSS of the window process, two seconds after a full scan it ran itself
  (``SELFCHECK_EXIT_AFTER_PAINT=scan``). Network probes go to loopback only (SELFCHECK_NETWORK_ALLOW and a
  config pointing every network endpoint at 127.0.0.1).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PROBE = re.compile(r"selfcheck-probe painted=(?P<painted>[\d.]+) responsive=(?P<responsive>[\d.]+) rss_kb=(?P<rss>-?\d+)")
TARGETS = {"start_s": 0.5, "deb_mb": 40, "app_mb": 120, "rss_mb": 150}
LOOPBACK_CONFIG = """
[network]
dns_names = ["localhost"]
connectivity_url = "http://127.0.0.1:9/generate_204"
https_urls = ["https://127.0.0.1:9/"]
ntp_servers = ["127.0.0.1"]
proxy = "none"

[support]
kind = "save"
url = "https://127.0.0.1:9/"
"""


def folder_size(path: Path) -> int:
    """Bytes on disk (allocated blocks), like du."""
    total = 0
    for item in path.rglob("*"):
        if item.is_file() and not item.is_symlink():
            total += item.stat().st_blocks * 512
    return total


def deb_compression(deb: Path) -> str:
    """The data member's compression ("xz", "gz"...), read from the ar archive's member names."""
    with deb.open("rb") as handle:
        if handle.read(8) != b"!<arch>\n":
            return "?"
        while header := handle.read(60):
            name, size = header[:16].decode().strip().rstrip("/"), int(header[48:58].decode().strip())
            if name.startswith("data.tar"):
                return name.rsplit(".", 1)[-1]
            handle.seek(size + size % 2, 1)
    return "?"


def drop_caches() -> bool:
    try:
        subprocess.run(["sync"], check=False)
        Path("/proc/sys/vm/drop_caches").write_text("3\n")
        return True
    except OSError:
        return False


def run_probe(exe: str | list[str], mode: str, home: Path, config: Path, timeout: float) -> tuple[float, float, int, float]:
    """(first paint, responsive) seconds after the spawn, RSS in kB, and the CPU seconds the process used."""
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        SELFCHECK_EXIT_AFTER_PAINT=mode,
        SELFCHECK_HOME=str(home),
        SELFCHECK_DISABLE_PLUGIN_AUTOLOAD="1",
        SELFCHECK_NETWORK_ALLOW="127.0.0.0/8,::1/128",
    )
    command = [exe] if isinstance(exe, str) else list(exe)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.time()
    proc = subprocess.run([*command, "gui", "--config", str(config)], capture_output=True, text=True, timeout=timeout, env=env)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    match = PROBE.search(proc.stdout)
    if not match:
        raise SystemExit(f"{command} gui did not report its first paint (exit {proc.returncode}):\n{proc.stdout[-1000:]}\n{proc.stderr[-2000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return float(match["painted"]) - started, float(match["responsive"]) - started, int(match["rss"]), cpu


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--build-dir", type=Path, help="reuse this packaging/build --out folder")
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--install", action="store_true", help="install the .deb (root) and measure the installed app")
    args = parser.parse_args()

    out = args.build_dir or ROOT / "build" / "bench"
    if args.build_dir is None:
        subprocess.run([sys.executable, str(ROOT / "packaging" / "build"), "--deb", "--out", str(out)], check=True)
    info = json.loads((out / "selfcheck" / "build.json").read_text())
    app = Path(info["app"])
    deb = sorted(out.glob("selfcheck_*.deb"))[-1]
    exe = str(app / "selfcheck")
    installed = False
    if args.install:
        if os.geteuid() != 0:
            raise SystemExit("--install needs root")
        subprocess.run(["dpkg", "-i", str(deb)], check=True, stdout=subprocess.DEVNULL)
        exe, installed = "/usr/bin/selfcheck", True
    try:
        with tempfile.TemporaryDirectory() as tmp:
            config = Path(tmp) / "loopback.toml"
            config.write_text(LOOPBACK_CONFIG)
            run_probe(exe, "1", Path(tmp) / "warmup", config, 60)  # first run: fonts and config caches
            painted, responsive, cpu, cold, source_start, source_cpu = [], [], [], [], [], []
            for i in range(args.runs):
                cold.append(drop_caches())
                p, r, _rss, c = run_probe(exe, "1", Path(tmp) / f"home{i}", config, 60)
                painted.append(p)
                responsive.append(r)
                cpu.append(c)
                # the source install, the same way, for comparison
                drop_caches()
                _p, r, _rss, c = run_probe([sys.executable, "-m", "selfcheck"], "1", Path(tmp) / f"src{i}", config, 60)
                source_start.append(r)
                source_cpu.append(c)
            _p, _r, rss_kb, _c = run_probe(exe, "scan", Path(tmp) / "scan", config, 300)
    finally:
        if installed:
            subprocess.run(["dpkg", "-P", "selfcheck"], check=False, stdout=subprocess.DEVNULL)

    start_s = statistics.median(responsive)
    figures = [
        ("start to responsive window (median)", f"{start_s:.3f} s", f"< {TARGETS['start_s']} s", start_s < TARGETS["start_s"]),
        ("start to first paint (median)", f"{statistics.median(painted):.3f} s", "", None),
        ("CPU time of that start (median)", f"{statistics.median(cpu):.3f} s", "", None),
        ("source install, start to responsive (median)", f"{statistics.median(source_start):.3f} s", "", None),
        ("source install, CPU time (median)", f"{statistics.median(source_cpu):.3f} s", "", None),
        ("start to responsive window (min..max)", f"{min(responsive):.3f}..{max(responsive):.3f} s", "", None),
        (
            f".deb size ({deb_compression(deb)})",
            f"{deb.stat().st_size / 1e6:.1f} MB",
            f"< {TARGETS['deb_mb']} MB",
            deb.stat().st_size / 1e6 < TARGETS["deb_mb"],
        ),
        ("one-folder app on disk", f"{folder_size(app) / 1e6:.1f} MB", f"< {TARGETS['app_mb']} MB", folder_size(app) / 1e6 < TARGETS["app_mb"]),
        ("window RSS, idle after a full scan", f"{rss_kb / 1024:.1f} MB", f"< {TARGETS['rss_mb']} MB", rss_kb / 1024 < TARGETS["rss_mb"]),
    ]
    kind = "installed .deb" if installed else "one-folder build"
    temperature = "cold (page cache dropped before each run)" if all(cold) else "warm (page cache not dropped: run as root for cold starts)"
    print(f"selfcheck {info['version']} packaging report: {kind} ({exe}), {args.runs} runs, {temperature}, offscreen")
    width = max(len(name) for name, *_ in figures)
    for name, value, target, ok in figures:
        verdict = "" if ok is None else ("ok" if ok else "OVER TARGET")
        print(f"  {name:<{width}}  {value:>14}  {target:>10}  {verdict}")
    if shutil.which("nproc"):
        print(f"  machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
