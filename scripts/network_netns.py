#!/usr/bin/env python3
"""Record what Linux itself prints for the network checks' Linux tests: ping, /proc/net/route, /proc/net/ipv6_route.

    .venv/bin/python scripts/network_netns.py [--out tests/fixtures/hwos/linux]

Needs root. Everything happens between two throwaway network namespaces (``ip netns add``, deleted at the end):
a "client" and a "router" joined by two veth pairs made directly inside them (veth0/veth1 in the client,
r0/r1 in the router), so no interface, address or route of this machine's own namespace is touched and no
packet can leave: the pings go from one namespace to the other. Writes, under a header naming the commands:

- proc_net_route_two_defaults.txt: the client's /proc/net/route with two default routes, via 10.77.0.1 on veth0
  (metric 100) and via 10.78.0.1 on veth1 (metric 600), as a laptop on a cable and Wi-Fi has;
- proc_net_ipv6_route_default.txt: the client's /proc/net/ipv6_route with an IPv6 default route via the router's
  link-local address fe80::1 on veth0 (metric 1024, the kernel's default);
- ping_linux_replies.txt: ``ping -c 3 -i 0.2 10.77.0.1`` (the router answers);
- ping_linux_unreachable.txt: ``ping -c 5 10.77.0.9`` (no one has that address: the kernel's
  neighbour lookup fails and ping prints "Destination Host Unreachable" from the client's own address).

The script checks that this machine's own ``ip addr``, ``ip route`` and ``ip -6 route`` are the same after.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from hwos_fixtures import write_recorded as write  # noqa: E402 - after the sys.path change (the format recorded() reads)

ROOT_DIR = Path(__file__).resolve().parent.parent
OUT = ROOT_DIR / "tests" / "fixtures" / "hwos" / "linux"
ENV = {"PATH": "/usr/sbin:/usr/bin:/sbin:/bin", "LC_ALL": "C.UTF-8"}
CLIENT, ROUTER = "rec-net-client", "rec-net-router"


def run(args: list[str], check: bool = True) -> str:
    return subprocess.run(args, check=check, capture_output=True, text=True, env=ENV).stdout


def host_state() -> str:
    return run(["ip", "addr"]) + run(["ip", "route"]) + run(["ip", "-6", "route"])


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args()
    if os.geteuid() != 0:
        sys.exit("needs root (ip netns add)")
    system = "Debian " + Path("/etc/debian_version").read_text().strip() + ", Linux " + os.uname().release
    ping_v = run(["ping", "-V"]).splitlines()[0]
    before = host_state()
    c, r = ["ip", "netns", "exec", CLIENT], ["ip", "netns", "exec", ROUTER]
    run(["ip", "netns", "add", CLIENT])
    try:
        run(["ip", "netns", "add", ROUTER])  # inside the try: if it fails, the client namespace is deleted too
        for ns in (c, r):
            run(ns + ["sysctl", "-q", "-w", "net.ipv6.conf.default.accept_dad=0", "net.ipv6.conf.all.accept_dad=0"])
            run(ns + ["ip", "link", "set", "lo", "up"])
        for i in (0, 1):
            run(["ip", "link", "add", f"veth{i}", "netns", CLIENT, "type", "veth", "peer", "name", f"r{i}", "netns", ROUTER])
            run(c + ["ip", "addr", "add", f"10.7{7 + i}.0.2/24", "dev", f"veth{i}"])
            run(r + ["ip", "addr", "add", f"10.7{7 + i}.0.1/24", "dev", f"r{i}"])
            run(c + ["ip", "link", "set", f"veth{i}", "up"])
            run(r + ["ip", "link", "set", f"r{i}", "up"])
        run(r + ["ip", "-6", "addr", "add", "fe80::1/64", "dev", "r0"])
        run(c + ["ip", "route", "add", "default", "via", "10.77.0.1", "dev", "veth0", "metric", "100"])
        run(c + ["ip", "route", "add", "default", "via", "10.78.0.1", "dev", "veth1", "metric", "600"])
        run(c + ["ip", "-6", "route", "add", "default", "via", "fe80::1", "dev", "veth0"])
        made = (
            f"ip netns add {CLIENT}; ip netns add {ROUTER}; veth0/veth1 in the client (10.77.0.2/24, 10.78.0.2/24) joined to r0/r1 "
            "in the router (10.77.0.1, 10.78.0.1, and fe80::1 on r0)"
        )
        head = f"Recorded on this project's CI machine ({system}) by scripts/network_netns.py"
        write(
            args.out,
            "proc_net_route_two_defaults.txt",
            [
                f"{head}: cat /proc/net/route in the client namespace",
                made,
                "ip route add default via 10.77.0.1 dev veth0 metric 100; ... via 10.78.0.1 dev veth1 metric 600",
            ],
            run(c + ["cat", "/proc/net/route"]),
        )
        write(
            args.out,
            "proc_net_ipv6_route_default.txt",
            [
                f"{head}: cat /proc/net/ipv6_route in the client namespace",
                made,
                "ip -6 route add default via fe80::1 dev veth0 (metric 1024, the kernel's default)",
            ],
            run(c + ["cat", "/proc/net/ipv6_route"]),
        )
        write(
            args.out,
            "ping_linux_replies.txt",
            [f"{head}: LC_ALL=C.UTF-8 ip netns exec {CLIENT} ping -c 3 -i 0.2 10.77.0.1", made, ping_v],
            run(c + ["ping", "-c", "3", "-i", "0.2", "10.77.0.1"]),
        )
        write(
            args.out,
            "ping_linux_unreachable.txt",
            [f"{head}: LC_ALL=C.UTF-8 ip netns exec {CLIENT} ping -c 5 10.77.0.9 (no one has that address)", made, ping_v],
            run(c + ["ping", "-c", "5", "10.77.0.9"], check=False),
        )
    finally:
        run(["ip", "netns", "del", CLIENT], check=False)
        run(["ip", "netns", "del", ROUTER], check=False)
    if host_state() != before:
        sys.exit("this machine's own addresses or routes changed during the recording: look at them now")
    print("this machine's own ip addr, ip route and ip -6 route are unchanged")
    return 0


if __name__ == "__main__":
    sys.exit(main())
