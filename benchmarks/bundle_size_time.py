"""Bundle build time and size for a full hardware + OS scan, without application logs,
side by side with ``sos report --batch`` when Debian's sosreport is installed.

    .venv/bin/python benchmarks/bundle_size_time.py [--repeat 5] [--no-sos]

Targets: the bundle is built (plan + atomic write) in under 0.5 s and weighs under 1 MB.
The scan runs once (its time is reported apart); the bundle is then built ``--repeat``
times from it. Only hardware and OS checks run: no network check, no traffic.

sos report runs in a temporary folder with local plugins only (no networking plugin, so
it sends nothing); it is skipped, with a note, when ``sos`` is not installed.
Prints the figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SOS_PLUGINS = "kernel,hardware,memory,processor,block,filesys,date,host,process,pci,usb,boot,systemd,devices,release,logs,apt,python,services"


def bench_selfcheck(repeat: int) -> dict[str, float]:
    home = Path(tempfile.mkdtemp(prefix="selfcheck-bench-"))
    os.environ["SELFCHECK_HOME"] = str(home)
    config = home / "bench.toml"
    config.write_text("[app_logs]\nlinux = []\nwindows = []\ndarwin = []\n", encoding="utf-8")
    from selfcheck import app as app_mod
    from selfcheck import bundle
    from selfcheck.runner import Runner, select

    app = app_mod.start([config], "en")
    selection = select(app.registry, app.config, categories=["hardware", "os"])
    start = time.perf_counter()
    scan = Runner(app.registry, app.config).run(selection)
    scan_time = time.perf_counter() - start
    times, sizes, plan_times = [], [], []
    for i in range(repeat):
        start = time.perf_counter()
        plan = bundle.plan_bundle(app, scan)
        plan_times.append(time.perf_counter() - start)
        info = bundle.write_bundle(plan, home / f"bench-{i}.zip")
        times.append(time.perf_counter() - start)
        sizes.append(info.size)
    print(f"selfcheck: {len(selection)} hardware+OS checks ({', '.join(c.id for c in selection)})")
    print(f"  scan (once):           {scan_time:.2f} s")
    print(f"  bundle build (plan+write), {repeat} runs: median {statistics.median(times):.3f} s, min {min(times):.3f} s, max {max(times):.3f} s")
    print(f"    of which plan (gather + redact + report): median {statistics.median(plan_times):.3f} s")
    print(f"  bundle size: {statistics.median(sizes) / 1024:.1f} KiB zipped, {plan.size / 1024:.1f} KiB unzipped, {len(plan.files)} files")
    print(
        f"  targets: build < 0.5 s {'OK' if statistics.median(times) < 0.5 else 'MISSED'}, size < 1 MB {'OK' if statistics.median(sizes) < 1_000_000 else 'MISSED'}"
    )
    shutil.rmtree(home, ignore_errors=True)
    return {"time": statistics.median(times), "size": statistics.median(sizes), "scan": scan_time}


def bench_redaction(megabytes: float = 4.0) -> None:
    """Redaction throughput on a synthetic application log (the cost of including logs)."""
    from selfcheck.bundle.redact import Identity, Redactor

    lines = []
    i = 0
    while sum(len(line) + 1 for line in lines) < megabytes * 1e6:
        lines.append(
            f"2026-11-20 09:{i % 60:02d}:{i % 60:02d},123 INFO [worker-{i % 8}] request id={i:08x} path=/api/v1/items/{i} status=200 user=jdupont from 10.0.{i % 255}.{i % 250}"
        )
        if i % 100 == 0:
            lines.append(f"2026-11-20 09:00:00 WARN login failed for a.b@corp.example password=xyz{i} from 81.2.69.{i % 200} mac 3c:22:fb:9a:41:{i % 90:02d}")
        i += 1
    text = "\n".join(lines)
    redactor = Redactor(Identity(user="jdupont", home="/home/jdupont", host="pc-42"))
    start = time.perf_counter()
    redactor.text(text, "log")
    elapsed = time.perf_counter() - start
    print(f"redaction of a {len(text) / 1e6:.1f} MB log: {elapsed:.2f} s ({len(text) / 1e6 / elapsed:.1f} MB/s)")


def bench_big_folder(count: int) -> None:
    """Gathering logs from a folder of ``count`` tiny files with the default entry limit."""
    from selfcheck.bundle import logs
    from selfcheck.bundle.make import DEFAULTS

    with tempfile.TemporaryDirectory(prefix="selfcheck-bigfolder-") as tmp:
        for i in range(count):
            with open(os.path.join(tmp, f"f{i:07d}.log"), "wb") as handle:
                handle.write(b"x\n")
        start = time.perf_counter()
        out = logs.gather(
            [],
            [os.path.join(tmp, "*.log")],
            per_file=2048 * 1024,
            total=10 * 1024 * 1024,
            max_entries=int(DEFAULTS["max_folder_entries"]),
            deadline=time.monotonic() + 20,
        )
        elapsed = time.perf_counter() - start
    print(f"log folder of {count} tiny files: {elapsed:.2f} s, {len(out.files)} files taken, limits hit: {[x['limit'] for x in out.limits_hit]}")


def bench_sos() -> dict[str, float] | None:
    sos = shutil.which("sos") or shutil.which("sosreport")
    if sos is None:
        print("sos report: skipped (Debian's sosreport is not installed: apt install sosreport)")
        return None
    if os.geteuid() != 0:
        print("sos report: skipped (it must run as root)")
        return None
    with tempfile.TemporaryDirectory(prefix="sos-bench-") as tmp:
        args = [sos, "report", "--batch", "--tmp-dir", tmp, "--only-plugins", SOS_PLUGINS]
        if Path(sos).name == "sosreport":
            args.remove("report")
        start = time.perf_counter()
        proc = subprocess.run(args, capture_output=True, text=True, timeout=900, check=False)
        elapsed = time.perf_counter() - start
        archives = [p for p in Path(tmp).iterdir() if p.name.startswith("sosreport") and p.suffix in (".xz", ".gz", ".bz2", ".zst") or ".tar" in p.name]
        archives = [p for p in archives if not p.name.endswith((".md5", ".sha256"))]
        if proc.returncode != 0 or not archives:
            print(f"sos report: failed (exit {proc.returncode}): {proc.stderr[-500:] or proc.stdout[-500:]}")
            return None
        size = archives[0].stat().st_size
    print(f"sos report --batch (local plugins: {SOS_PLUGINS}; no networking plugin)")
    print(f"  time: {elapsed:.2f} s, size: {size / 1024:.1f} KiB ({archives[0].name.split('.', 1)[-1]})")
    return {"time": elapsed, "size": size}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--no-sos", action="store_true")
    parser.add_argument("--big-folder", type=int, default=0, metavar="N", help="also time log gathering in a folder of N tiny files")
    args = parser.parse_args()
    ours = bench_selfcheck(args.repeat)
    bench_redaction()
    if args.big_folder:
        bench_big_folder(args.big_folder)
    theirs = None if args.no_sos else bench_sos()
    if theirs:
        print(
            f"ratio sos/selfcheck: time {theirs['time'] / ours['time']:.1f}x "
            f"(scan + bundle: {theirs['time'] / (ours['time'] + ours['scan']):.1f}x), size {theirs['size'] / ours['size']:.1f}x"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
