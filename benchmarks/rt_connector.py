"""RT connector benchmark (issue 9): time to open a ticket with a bundle in a real RT 5, and the
connector's peak memory, for bundles of several sizes; also RT's start-up time. Prints figures;
asserts nothing. Needs Request Tracker 5 installed (see .ci/apt.d/rt.txt).

    .venv/bin/python benchmarks/rt_connector.py [SIZE_MB ...]     (default: 1 10 50)

Each size runs in its own Python process, so its peak RSS (ru_maxrss) is that ticket's alone.
"""

from __future__ import annotations

import hashlib
import os
import resource
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))


def write_bundle(path: Path, size: int) -> tuple[str, int]:
    digest = hashlib.sha256()
    with path.open("wb") as fh:
        left = size
        while left:
            block = os.urandom(min(left, 1 << 20))
            fh.write(block)
            digest.update(block)
            left -= len(block)
    return digest.hexdigest(), size


def one(url: str, token: str, size_mb: float, folder: Path) -> None:
    """Child process: create one ticket and print seconds and peak RSS."""
    from rt.rt_server import DIAGNOSIS_FIELD, QUEUE, REFERENCE_FIELD
    from selfcheck_intake.connectors.base import TicketRequest
    from selfcheck_intake.connectors.rt import RTConnector

    bundle_id = str(uuid.uuid4())
    path = folder / f"{bundle_id}.zip"
    sha, size = write_bundle(path, int(size_mb * 1024 * 1024))
    baseline = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    request = TicketRequest(path, sha, size, bundle_id, "SC-" + bundle_id[:6], "bench@example.com", "Bench", "benchmark bundle", "benchmark")
    connector = RTConnector(url, token, queue=QUEUE, reference_field=REFERENCE_FIELD, diagnosis_field=DIAGNOSIS_FIELD)
    start = time.perf_counter()
    result = connector.create_ticket(request)
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(
        f"{size_mb:6.1f} MB  ticket #{result.ticket_id}  attached={result.attached}  {seconds:6.2f} s  peak RSS {peak / 1024:6.1f} MB (before the call {baseline / 1024:.1f} MB)"
    )


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--one":
        one(sys.argv[2], sys.argv[3], float(sys.argv[4]), Path(sys.argv[5]))
        return
    from rt.rt_server import clone, create_template

    sizes = [float(a) for a in sys.argv[1:]] or [1.0, 10.0, 50.0]
    work = Path(tempfile.mkdtemp(prefix="selfcheck-rt-bench-"))
    start = time.perf_counter()
    realistic = {"BcryptCost": 12}  # RT's default: every token-authenticated request pays ~0.26 s of bcrypt
    template = create_template(work / "template", settings=realistic)
    prepared = time.perf_counter() - start
    rt = clone(template, work / "rt", realistic)
    start = time.perf_counter()
    rt.start()
    started = time.perf_counter() - start
    print(f"RT database initialised in {prepared:.1f} s; rt-server answering in {started:.1f} s")
    try:
        for size in sizes:
            subprocess.run([sys.executable, __file__, "--one", rt.url, rt.token, str(size), str(work)], check=True)
    finally:
        rt.stop()


if __name__ == "__main__":
    main()
