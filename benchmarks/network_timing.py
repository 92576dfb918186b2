"""How long the network category takes, healthy and broken, inside the network lab (needs root).

    sudo .venv/bin/python benchmarks/network_timing.py [--repeat 3]

Builds the lab of tests/netlab.py (namespaces, veth pairs, lab DNS/HTTP/TLS/NTP
servers), then runs ``selfcheck scan --category network --json`` in the client
namespace for each situation. Prints the scan's own duration (what the user
waits for once selfcheck is running) and the whole command's wall time
(including Python start-up). Targets: 3 s healthy, 6 s when everything is dead
or dropping packets. Asserts nothing; never touches a real network.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

import netlab  # noqa: E402


def router_gone(lab: netlab.Lab) -> None:
    lab.ns(lab.gw, "ip", "addr", "del", f"{netlab.GATEWAY}/24", "dev", "lan0")
    lab.ns(lab.client, "ip", "neigh", "flush", "all")


def situations(lab: netlab.Lab) -> dict[str, tuple[str, Callable[[], None]]]:
    """name -> (kind, set-up); lab.reset() undoes each."""
    return {
        "healthy": ("healthy", lambda: None),
        "all traffic beyond the router dropped": ("dead", lambda: lab.gateway_rule("drop")),
        "router gone": ("dead", lambda: router_gone(lab)),
        "DNS dropping queries": ("dead", lambda: lab.gateway_rule("udp dport 53 drop")),
        "port 443 dropped": ("dead", lambda: lab.gateway_rule("tcp dport 443 drop")),
        "40% packet loss": ("dead", lambda: lab.gateway_rule("numgen random mod 100 < 40 drop")),
        "500 ms latency (NFQUEUE)": ("dead", lambda: None if lab.delay(250) else None),
    }


def run_once(lab: netlab.Lab, config: Path) -> tuple[float, float]:
    start = time.monotonic()
    proc = subprocess.run(lab.scan_command(config), capture_output=True, text=True, env=lab.scan_env(), timeout=60)
    wall = time.monotonic() - start
    return float(json.loads(proc.stdout)["duration"]), wall


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    problem = netlab.availability_problem()
    if problem:
        print(f"cannot run: {problem}")
        return 1
    lab = netlab.Lab(Path(tempfile.mkdtemp(prefix="netbench")))
    try:
        lab.build()
        config = lab.config()
        print(f"{'situation':40} {'scan median':>12} {'scan max':>9} {'wall median':>12}  target")
        for name, (kind, setup) in situations(lab).items():
            setup()
            scans, walls = [], []
            for _ in range(args.repeat):
                scan_s, wall_s = run_once(lab, config)
                scans.append(scan_s)
                walls.append(wall_s)
            lab.reset()
            target = 3.0 if kind == "healthy" else 6.0
            print(f"{name:40} {statistics.median(scans):11.2f}s {max(scans):8.2f}s {statistics.median(walls):11.2f}s  <= {target:.0f} s")
    finally:
        lab.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
