"""Runner overhead: 200 trivial checks, runner wall time minus the checks' own work.

    .venv/bin/python benchmarks/runner_overhead.py [--checks 200] [--repeat 5]

Target: under 50 ms of overhead for 200 checks. Prints the figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import statistics
import time

from selfcheck import config as config_mod
from selfcheck.api import Check, Context, Facts, Outcome, Thresholds
from selfcheck.discovery import Registry
from selfcheck.runner import Runner


def make_checks(count: int) -> list[type[Check]]:
    checks: list[type[Check]] = []
    for i in range(count):

        class Trivial(Check):
            id = f"bench.trivial{i:03d}"
            category = "app"
            title = "Trivial"

            def collect(self, ctx: Context) -> Facts:
                return {"n": 1}

            def evaluate(self, facts: Facts, thresholds: Thresholds) -> Outcome:
                return Outcome.ok("fine")

        checks.append(Trivial)
    return checks


def work_time(checks: list[type[Check]]) -> float:
    """The checks' own work, run one after the other without the runner."""
    start = time.perf_counter()
    for cls in checks:
        cls().evaluate(cls().collect(Context()), {})
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--checks", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    config = config_mod.from_dict({})
    registry = Registry()
    checks = make_checks(args.checks)
    for cls in checks:
        registry.register_class(cls, "benchmark")
    overheads = []
    for _ in range(args.repeat):
        runner = Runner(registry, config)
        start = time.perf_counter()
        scan = runner.run(checks)
        total = time.perf_counter() - start
        assert len(scan.results) == args.checks
        overheads.append(total - work_time(checks))
    best, median = min(overheads), statistics.median(overheads)
    print(f"runner overhead for {args.checks} trivial checks: best {best * 1000:.1f} ms, median {median * 1000:.1f} ms (target < 50 ms)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
