"""Redaction throughput on a synthetic application log: selfcheck's redactor, and
detect-secrets (Yelp's maintained secret scanner) on the same text when it is installed.

    .venv/bin/python benchmarks/redaction_speed.py [--megabytes 4]

Target: selfcheck's redactor keeps at least 2 MB/s (a 10 MB log budget redacts in ~5 s).
detect-secrets only finds secrets (it does not replace them, nor pseudonymise names,
addresses or e-mails); its figure is the cost of finding alone, line by line as it scans
files (``pip install detect-secrets`` to include it). Prints the figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))


def synthetic_log(megabytes: float) -> str:
    lines: list[str] = []
    size, i = 0, 0
    while size < megabytes * 1e6:
        line = (
            f"2026-11-20 09:{i % 60:02d}:{i % 60:02d},123 INFO [worker-{i % 8}] request id={i:08x} path=/api/v1/items/{i} "
            f"status=200 user=jdupont from 10.0.{i % 255}.{i % 250} took {i % 997} ms"
        )
        if i % 100 == 0:
            line += f"\n2026-11-20 09:00:00 WARN login failed for a.b@corp.example password=xyz{i} from 81.2.69.{i % 200} mac 3c:22:fb:9a:41:{i % 90:02d}"
        if i % 250 == 0:
            line += (
                f"\n2026-11-20 09:00:00 DEBUG GET /cb?next=%2Fhome%2Fjdupont%2Fdoc&mail=a.b%40corp.example Cookie: a=1; sid=S{i}x; t=9 card 4111 1111 1111 1111"
            )
        lines.append(line)
        size += len(line) + 1
        i += 1
    return "\n".join(lines)


def bench_selfcheck(text: str) -> float:
    from selfcheck.bundle.redact import Identity, Redactor

    redactor = Redactor(Identity(user="jdupont", home="/home/jdupont", host="pc-42"))
    start = time.perf_counter()
    redactor.text(text, "log")
    return len(text) / 1e6 / (time.perf_counter() - start)


def bench_detect_secrets(text: str) -> float | None:
    try:
        from detect_secrets.core.scan import scan_line
        from detect_secrets.settings import default_settings
    except ImportError:
        return None
    lines = text.splitlines()
    with default_settings():
        start = time.perf_counter()
        for line in lines:
            for _secret in scan_line(line):
                pass
        elapsed = time.perf_counter() - start
    return len(text) / 1e6 / elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--megabytes", type=float, default=4.0)
    args = parser.parse_args()
    text = synthetic_log(args.megabytes)
    ours = bench_selfcheck(text)
    print(f"selfcheck redactor on a {len(text) / 1e6:.1f} MB log: {ours:.2f} MB/s (target >= 2 MB/s: {'OK' if ours >= 2 else 'MISSED'})")
    small = text[: int(min(len(text), 1e6))]
    theirs = bench_detect_secrets(small)
    if theirs is None:
        print("detect-secrets: not installed (pip install detect-secrets to compare)")
    else:
        print(f"detect-secrets (finding only, default plugins) on {len(small) / 1e6:.1f} MB of the same log: {theirs:.2f} MB/s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
