"""A real network lab in network namespaces, for the network checks' tests and benchmark.

Three namespaces joined by veth pairs (names carry the process id, so several
test runs can share a machine):

    client (eth0 10.77.0.2) -- (lan0 10.77.0.1) gateway (wan0 10.77.1.1) -- (up0 10.77.1.2) servers

``Lab(provider=True)`` puts the internet provider's router between the gateway and the servers, as a home's box has one
behind it (so a connection sent two steps out meets a router, not the site: issue 21's TTL-limited probes):

    ... gateway (wan0 10.77.1.1) -- (cust0 10.77.1.2) provider (core0 10.77.2.1) -- (up0 10.77.2.2) servers

The servers namespace plays the internet: DNS on 198.51.100.53 and .54, HTTP and
HTTPS on .80 (www, connectivity) and .81 (support), NTP on .123, run by
tests/network/labservers.py. The client's /etc/resolv.conf (and hosts) come from
/etc/netns/<client>/; ``start_dns_forwarder()`` makes the gateway the client's DNS
server, as a home's box is; ``link_local_box()`` gives the box the IPv6 link-local address
fe80::1 on the client's side, ``ipv6_internet()`` the home IPv6 to the internet (else no other IPv6 is set up). Faults are made with ip, nft/iptables rules in the
gateway, NFQUEUE (tests/network/nfqdelay.py), libfaketime (tests/fakeclock.py) and server modes; the
real ``selfcheck scan`` runs inside the client namespace. Nothing here reaches
beyond the namespaces it creates.
"""

from __future__ import annotations

import itertools
import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import fakeclock
import tlsutil

HERE = Path(__file__).parent / "network"
ZONE = {
    "www.lab.example": "198.51.100.80",
    "connectivity.lab.example": "198.51.100.80",
    "portal.lab.example": "198.51.100.80",
    "support.lab.example": "198.51.100.81",
    "ntp.lab.example": "198.51.100.123",
    "www.mybank.example": "198.51.100.90",  # the site a customer names (issue 21): only the lab's DNS knows it
}
DNS_SERVERS = ["198.51.100.53", "198.51.100.54"]
SERVICE_ADDRESSES = [*DNS_SERVERS, "198.51.100.80", "198.51.100.81", "198.51.100.90", "198.51.100.123", "198.51.100.31", "198.51.100.32"]
WORKING_PROXY = "http://198.51.100.32:3128"  # the lab's HTTP proxy (CONNECT and plain GET)
DEAD_PROXY = "http://198.51.100.31:3128"  # an address of the lab where nothing listens: connections are refused
GATEWAY = "10.77.0.1"
DNS_VERY_SLOW_SECONDS = 3.0  # a resolver in "veryslow" mode answers after this long
LIE_ADDRESS = "198.51.100.99"  # where a lying resolver sends every name: nothing there answers
INTERNET = "198.51.100.0/24"  # the lab's internet, beyond the box
BOX_LINK_LOCAL = "fe80::1"  # the box's IPv6 address on the home network as most boxes have it (link_local_box)
INTERNET_V6 = "2001:db8:100::/48"  # the lab's IPv6 internet (ipv6_internet): documentation addresses, routed nowhere else
SERVER_V6 = "2001:db8:100::80"  # hosts on it (nothing listens: they turn connections away, which is an answer)
SERVER_V6_OTHER = "2001:db8:100::81"
LAN_V6 = "2001:db8:77"  # the home network's and the box's uplink's IPv6 prefixes (…::/64, …:1::/64, …:2::/64)
# the only networks the checks may probe in the lab (fe80::/10: link-local, it never leaves the client's one cable to the box)
LAB_NETWORKS = f"10.77.0.0/16,198.51.100.0/24,fe80::/10,{LAN_V6}::/48,{INTERNET_V6}"
_counter = itertools.count(1)


def _toml(value: Any) -> str:
    """A TOML value (JSON's scalars and arrays are TOML; a dict is an inline table)."""
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{json.dumps(str(k))} = {_toml(v)}" for k, v in value.items()) + " }"
    return json.dumps(value)


class LabUnavailable(Exception):
    """Namespaces cannot be built here (not root, no ip command, no netns support)."""


def _run(args: list[str], check: bool = True, timeout: float = 15, **kw: Any) -> subprocess.CompletedProcess[str]:
    proc = subprocess.run(args, capture_output=True, text=True, timeout=timeout, **kw)
    if check and proc.returncode != 0:
        raise RuntimeError(f"{' '.join(args)} failed: {proc.stderr.strip()}")
    return proc


def availability_problem() -> str | None:
    """Why the lab cannot run here, or None."""
    if not sys.platform.startswith("linux"):
        return "the network lab needs Linux network namespaces"
    if os.geteuid() != 0:
        return "the network lab needs root (network namespaces, veth pairs, nft)"
    for tool in ("ip", "nft", "openssl"):
        if not shutil.which(tool):
            return f"the network lab needs the '{tool}' command (see .ci/apt.d/network.txt)"
    probe = f"scprobe{os.getpid()}x{next(_counter)}"  # its own name: labs of one run may be built at the same time
    proc = subprocess.run(["ip", "netns", "add", probe], capture_output=True, text=True)
    if proc.returncode != 0:
        return f"network namespaces are not possible here: {proc.stderr.strip()}"
    subprocess.run(["ip", "netns", "del", probe], capture_output=True)
    return None


class Lab:
    def __init__(self, workdir: Path, certificate_age_days: int = 0, provider: bool = False) -> None:
        """``certificate_age_days``: the sites' certificates began that many days ago (valid 90 days, as a real site's; their CA
        years before), not at build time; the agent lab's wrong clock then meets certificates as old as real ones.
        ``provider``: a provider's router namespace between the gateway and the servers (off by default)."""
        tag = f"sc{os.getpid()}x{next(_counter)}"
        self.client, self.gw, self.srv = f"{tag}c", f"{tag}g", f"{tag}s"
        self.prov = f"{tag}p" if provider else None
        self.workdir = workdir
        self.etc = Path("/etc/netns") / self.client
        self.servers: subprocess.Popen[str] | None = None
        self.delayer: subprocess.Popen[str] | None = None
        self.dhcp: subprocess.Popen[str] | None = None
        self.forwarder: subprocess.Popen[str] | None = None  # the box's own name service (start_dns_forwarder)
        self.ca: tlsutil.CA | None = None
        self.built: list[str] = []
        self.certificate_age_days = certificate_age_days
        self.upstream = (self.prov, "cust0") if self.prov else (self.srv, "up0")  # what the gateway's wan0 is cabled to, at 10.77.1.2

    # ------------------------------------------------------------ building

    def ns(self, ns: str, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        return _run(["ip", "netns", "exec", ns, *args], check=check)

    def build(self) -> Lab:
        try:
            namespaces = (self.client, self.gw, *((self.prov,) if self.prov else ()), self.srv)
            for ns in namespaces:
                _run(["ip", "netns", "add", ns])
                self.built.append(ns)
            _run(["ip", "link", "add", "name", "eth0", "netns", self.client, "type", "veth", "peer", "name", "lan0", "netns", self.gw])
            upstream = self.upstream
            _run(["ip", "link", "add", "name", "wan0", "netns", self.gw, "type", "veth", "peer", "name", upstream[1], "netns", upstream[0]])
            for ns in namespaces:
                _run(["ip", "-n", ns, "link", "set", "lo", "up"])
            _run(["ip", "-n", self.client, "addr", "add", "10.77.0.2/24", "dev", "eth0"])
            _run(["ip", "-n", self.gw, "addr", "add", f"{GATEWAY}/24", "dev", "lan0"])
            _run(["ip", "-n", self.gw, "addr", "add", "10.77.1.1/24", "dev", "wan0"])
            _run(["ip", "-n", upstream[0], "addr", "add", "10.77.1.2/24", "dev", upstream[1]])
            for ns, dev in ((self.client, "eth0"), (self.gw, "lan0"), (self.gw, "wan0"), upstream):
                _run(["ip", "-n", ns, "link", "set", dev, "up"])
            if self.prov:
                _run(["ip", "link", "add", "name", "core0", "netns", self.prov, "type", "veth", "peer", "name", "up0", "netns", self.srv])
                _run(["ip", "-n", self.prov, "addr", "add", "10.77.2.1/24", "dev", "core0"])
                _run(["ip", "-n", self.srv, "addr", "add", "10.77.2.2/24", "dev", "up0"])
                for ns, dev in ((self.prov, "core0"), (self.srv, "up0")):
                    _run(["ip", "-n", ns, "link", "set", dev, "up"])
                _run(["ip", "-n", self.prov, "route", "add", "198.51.100.0/24", "via", "10.77.2.2"])
                _run(["ip", "-n", self.prov, "route", "add", "10.77.0.0/24", "via", "10.77.1.1"])
                for sysctl in ("net.ipv4.ip_forward=1", "net.ipv4.icmp_ratelimit=0"):
                    self.ns(self.prov, "sysctl", "-qw", sysctl)
                self.ns(self.prov, "nft", "add table inet lab; add chain inet lab provfwd { type filter hook forward priority 0 ; }")
            for address in SERVICE_ADDRESSES:
                _run(["ip", "-n", self.srv, "addr", "add", f"{address}/32", "dev", "lo"])
            _run(["ip", "-n", self.client, "route", "add", "default", "via", GATEWAY])
            _run(["ip", "-n", self.gw, "route", "add", "198.51.100.0/24", "via", "10.77.1.2"])
            _run(["ip", "-n", self.srv, "route", "add", "default", "via", "10.77.2.1" if self.prov else "10.77.1.1"])
            self.ns(self.gw, "sysctl", "-qw", "net.ipv4.ip_forward=1")
            self.ns(self.gw, "sysctl", "-qw", "net.ipv4.icmp_ratelimit=0")
            self.ns(self.gw, "nft", "add table inet lab; add chain inet lab labfwd { type filter hook forward priority 0 ; }")
            self.etc.mkdir(parents=True, exist_ok=True)
            (self.etc / "resolv.conf").write_text("".join(f"nameserver {s}\n" for s in DNS_SERVERS))
            (self.etc / "hosts").write_text("127.0.0.1 localhost\n")
            self._certificates()
            self._start_servers()
            self.wait_until_ready()
        except BaseException:
            self.close()
            raise
        return self

    def _certificates(self) -> None:
        certs = self.workdir / "certs"
        age = self.certificate_age_days
        ca_age, days = (age + 3 * 365, 90) if age else (0, 30)
        self.ca = tlsutil.make_ca(certs, "Lab Root CA", age_days=ca_age)
        rogue = tlsutil.make_ca(certs, "Intercepting Proxy CA", age_days=ca_age)
        names = [n for n in ZONE if n != "ntp.lab.example"]
        self.good = tlsutil.issue(self.ca, certs, names, "good", age_days=age, days=days)
        self.intercept = tlsutil.issue(rogue, certs, names, "intercept", age_days=age, days=days)

    def _start_servers(self) -> None:
        spec = {
            "zone": {**ZONE, "_nxdomain_name": "www.lab.example"},
            "dns": DNS_SERVERS,
            "http": ["198.51.100.80", "198.51.100.81"],
            "https": ["198.51.100.80", "198.51.100.81", "198.51.100.90"],
            "ntp": ["198.51.100.123"],
            "proxy": ["198.51.100.32"],
            "certs": {"good": [str(p) for p in self.good], "intercept": [str(p) for p in self.intercept]},
            "dns_slow_seconds": 0.9,
            "dns_very_slow_seconds": DNS_VERY_SLOW_SECONDS,
        }
        spec_file = self.workdir / "servers.json"
        spec_file.write_text(json.dumps(spec))
        self.servers = subprocess.Popen(
            ["ip", "netns", "exec", self.srv, sys.executable, str(HERE / "labservers.py"), str(spec_file)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert self.servers.stdout is not None
        line = self.servers.stdout.readline()
        if line.strip() != "ready":
            raise RuntimeError("the lab servers did not start")

    def wait_until_ready(self) -> None:
        """The first packets over a fresh veth can be slow: wait until the gateway answers ARP."""
        for _ in range(50):
            if self.ns(self.client, "ping", "-c", "1", "-W", "1", "198.51.100.80", check=False).returncode == 0:
                return
            time.sleep(0.1)
        raise RuntimeError("the lab network did not come up")

    # ------------------------------------------------------------ faults

    def unplug(self) -> None:
        """Take the gateway's end of the cable down and wait until the client sees no carrier."""
        _run(["ip", "-n", self.gw, "link", "set", "lan0", "down"])
        for _ in range(50):
            if self.ns(self.client, "cat", "/sys/class/net/eth0/operstate").stdout.strip() != "up":
                return
            time.sleep(0.05)
        raise RuntimeError("the client still sees a carrier")

    def plug(self) -> None:
        """The gateway's end of the cable back up (unplug undone): the client sees its carrier again."""
        _run(["ip", "-n", self.gw, "link", "set", "lan0", "up"])

    def server_mode(self, **modes: str) -> None:
        assert self.servers and self.servers.stdin and self.servers.stdout
        self.servers.stdin.write(json.dumps(modes) + "\n")
        self.servers.stdin.flush()
        assert self.servers.stdout.readline().strip() == "ok"

    def gateway_rule(self, rule: str) -> None:
        """Add an nft rule to the gateway's forward chain (e.g. 'tcp dport 443 drop')."""
        self.ns(self.gw, "nft", f"add rule inet lab labfwd {rule}")

    def cut_line(self, ipv6: bool = False) -> None:
        """The box's line is down: what the box sends out towards the internet is lost on the way, the client's packets it
        forwards and its own (its DNS forwarder's questions, start_dns_forwarder), silently; everything up to the box works.
        (A drop in the gateway's own output would fail the forwarder's send at once, which a cut line does not.)
        IPv4 only, unless ``ipv6``: its IPv6 internet (ipv6_internet) is then lost too."""
        ns, dev = self.upstream
        self.ns(ns, "nft", f"add table netdev linecut; add chain netdev linecut cut {{ type filter hook ingress device {dev} priority 0 ; }}")
        self.ns(ns, "nft", f"add rule netdev linecut cut ip daddr {INTERNET} drop")
        if ipv6:
            self.ns(ns, "nft", f"add rule netdev linecut cut ip6 daddr {INTERNET_V6} drop")

    def mend_line(self) -> None:
        """The box's line back (cut_line undone)."""
        self.ns(self.upstream[0], "nft", "delete table netdev linecut", check=False)

    def cut_cable(self) -> None:
        """The customer's cable (or Wi-Fi) to the box carries nothing: every frame from the client is lost on the box's side
        (an nft drop at lan0's ingress), ARP too: the box hears nothing, as when a cable or the Wi-Fi drops out; the client
        keeps its carrier (unlike unplug). ``mend_cable`` ends it."""
        chain = "add chain netdev cablecut cut { type filter hook ingress device lan0 priority 0 ; }"
        self.ns(self.gw, "nft", f"add table netdev cablecut; {chain}; add rule netdev cablecut cut drop")

    def mend_cable(self) -> None:
        self.ns(self.gw, "nft", "delete table netdev cablecut", check=False)

    def record(
        self, config: Path, cut: Callable[[], object], mend: Callable[[], object], cuts_at: tuple[float, ...], cut_seconds: float, seconds: float
    ) -> Path:
        """The customer's recording: ``selfcheck record --seconds`` run in the client, with ``cut()`` at each of ``cuts_at``
        (seconds from its start) and ``mend()`` ``cut_seconds`` later (a fault toggled on a timer). Returns the recording it
        saved, where the client's next bundle takes it (the caller removes it once used: a later bundle would carry it too)."""
        env = {**self.scan_env(), "PYTHONUNBUFFERED": "1"}
        cmd = ["ip", "netns", "exec", self.client, sys.executable, "-m", "selfcheck", "record", "--seconds", str(seconds), "--config", str(config)]
        proc = subprocess.Popen(cmd, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        assert proc.stdout is not None
        try:
            proc.stdout.readline()  # "Recording for up to … seconds": started
            begin = time.monotonic()
            for at, what in sorted([(t, cut) for t in cuts_at] + [(t + cut_seconds, mend) for t in cuts_at], key=lambda e: e[0]):
                time.sleep(max(0.0, begin + at - time.monotonic()))
                what()
            out, err = proc.communicate(timeout=seconds + 30)
        finally:
            mend()
            if proc.poll() is None:
                proc.kill()
        saved = sorted((Path(env["SELFCHECK_HOME"]) / "data" / "recordings").glob("recording-*.json"))
        assert saved, f"no recording saved: {out} {err}"
        return saved[-1]

    def ipv6_internet(self) -> str:
        """The home also has IPv6 to the internet, as a dual-stack home: the client a global address (…77::2) and an IPv6
        default route through the box, the box an uplink, and SERVER_V6 beyond it. Returns SERVER_V6. ``reset`` takes the
        client's global address and IPv6 default route away (an IPv4-only home again)."""
        hops = [(self.client, "eth0", f"{LAN_V6}::2/64"), (self.gw, "lan0", f"{LAN_V6}::1/64"), (self.gw, "wan0", f"{LAN_V6}:1::1/64")]
        hops.append((*self.upstream, f"{LAN_V6}:1::2/64"))
        if self.prov:
            hops += [(self.prov, "core0", f"{LAN_V6}:2::1/64"), (self.srv, "up0", f"{LAN_V6}:2::2/64")]
        for ns, dev, address in hops:
            _run(["ip", "-n", ns, "addr", "replace", address, "dev", dev, "nodad"])
        for address in (SERVER_V6, SERVER_V6_OTHER):
            _run(["ip", "-n", self.srv, "addr", "replace", f"{address}/128", "dev", "lo"])
        _run(["ip", "-n", self.client, "-6", "route", "replace", "default", "via", f"{LAN_V6}::1"])
        _run(["ip", "-n", self.gw, "-6", "route", "replace", INTERNET_V6, "via", f"{LAN_V6}:1::2"])
        if self.prov:
            _run(["ip", "-n", self.prov, "-6", "route", "replace", INTERNET_V6, "via", f"{LAN_V6}:2::2"])
            _run(["ip", "-n", self.prov, "-6", "route", "replace", f"{LAN_V6}::/64", "via", f"{LAN_V6}:1::1"])
            self.ns(self.prov, "sysctl", "-qw", "net.ipv6.conf.all.forwarding=1")
        _run(["ip", "-n", self.srv, "-6", "route", "replace", "default", "via", f"{LAN_V6}:2::1" if self.prov else f"{LAN_V6}:1::1"])
        self.ns(self.gw, "sysctl", "-qw", "net.ipv6.conf.all.forwarding=1")
        for _ in range(50):
            if self.ns(self.client, "ping", "-6", "-c", "1", "-W", "1", SERVER_V6, check=False).returncode == 0:
                return SERVER_V6
            time.sleep(0.1)
        raise RuntimeError("the lab's IPv6 internet did not come up")

    def provider_rule(self, rule: str) -> None:
        """Add an nft rule to the provider router's forward chain (a Lab built with ``provider=True``)."""
        assert self.prov, "the lab has no provider router (Lab(provider=True))"
        self.ns(self.prov, "nft", f"add rule inet lab provfwd {rule}")

    def delay(self, milliseconds: int, queue: int = 7) -> bool:
        """Delay every forwarded packet through NFQUEUE; False when NFQUEUE is not available."""
        if not shutil.which("iptables"):
            return False
        self.delayer = subprocess.Popen(
            ["ip", "netns", "exec", self.gw, sys.executable, str(HERE / "nfqdelay.py"), str(queue), str(milliseconds)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        assert self.delayer.stdout is not None
        if self.delayer.stdout.readline().strip() != "ready":
            self.delayer.kill()
            self.delayer = None
            return False
        proc = self.ns(self.gw, "iptables", "-A", "FORWARD", "-j", "NFQUEUE", "--queue-num", str(queue), "--queue-bypass", check=False)
        return proc.returncode == 0

    def reset(self) -> None:
        """Back to a healthy lab after a fault."""
        self.ns(self.gw, "nft", "flush chain inet lab labfwd", check=False)
        self.ns(self.upstream[0], "nft", "delete table netdev linecut", check=False)
        self.mend_cable()
        self.stop_dns_forwarder()
        if self.prov:
            self.ns(self.prov, "nft", "flush chain inet lab provfwd", check=False)
        if self.delayer:
            self.ns(self.gw, "iptables", "-F", "FORWARD", check=False)
            self.delayer.kill()
            self.delayer.wait()
            self.delayer = None
        _run(["ip", "-n", self.gw, "link", "set", "lan0", "up"], check=False)
        _run(["ip", "-n", self.gw, "addr", "replace", f"{GATEWAY}/24", "dev", "lan0"], check=False)
        _run(["ip", "-n", self.client, "route", "replace", "default", "via", GATEWAY], check=False)
        _run(["ip", "-n", self.client, "neigh", "flush", "all"], check=False)
        _run(["ip", "-n", self.gw, "addr", "del", f"{BOX_LINK_LOCAL}/64", "dev", "lan0"], check=False)
        _run(["ip", "-n", self.client, "-6", "route", "del", "default"], check=False)  # ipv6_internet's, if any
        _run(["ip", "-n", self.client, "addr", "del", f"{LAN_V6}::2/64", "dev", "eth0"], check=False)
        (self.etc / "resolv.conf").write_text("".join(f"nameserver {s}\n" for s in DNS_SERVERS))
        self.server_mode(dns="ok", http="ok", tls="good", dns_liars="", ntp_offset="0", proxy="ok", proxy_blocks="", proxy_delay="0")
        self.wait_until_ready()

    # ------------------------------------------------------------ scanning

    def config(self, **network: Any) -> Path:
        """A lab config overriding every public default with lab addresses."""
        assert self.ca is not None
        settings = {
            "dns_names": ["www.lab.example", "support.lab.example"],
            "connectivity_url": "http://connectivity.lab.example/generate_204",
            "connectivity_status": 204,
            "https_urls": ["https://www.lab.example/"],
            "ntp_servers": ["ntp.lab.example"],
            "proxy": "system",
            "extra_ca_file": str(self.ca.cert),
            "speedtest_url": "",
            "internet_addresses": ["198.51.100.80:80"],
            "second_resolver": "198.51.100.53",
        }
        settings.update(network)
        lines = ["[network]"]
        lines += [f"{k} = {_toml(v)}" for k, v in settings.items()]
        # the site the customer names is tried (the lab's internet, 198.51.100.0/24, is a documentation range: not public)
        lines += ["", "[support]", 'url = "https://support.lab.example/"', "named_site = true", "named_site_private = true", ""]
        path = self.workdir / f"lab-{next(_counter)}.toml"
        path.write_text("\n".join(lines))
        return path

    def scan_command(self, config: Path, lang: str = "en", faketime: str | None = None) -> list[str]:
        cmd = ["ip", "netns", "exec", self.client]
        if faketime:
            # only selfcheck's clock is wrong: the programs it runs (ping, ip) keep the real time
            cmd += fakeclock.env_command(faketime, skip=("ping", "ip"))
        return [*cmd, sys.executable, "-m", "selfcheck", "scan", "--category", "network", "--json", "--config", str(config), "--lang", lang]

    def scan_env(self) -> dict[str, str]:
        home = self.workdir / "home"
        return {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin:/usr/sbin:/sbin"),
            "HOME": str(home),
            "SELFCHECK_HOME": str(home / "selfcheck"),
            "SELFCHECK_DISABLE_PLUGIN_AUTOLOAD": "1",
            "SELFCHECK_NETWORK_ALLOW": LAB_NETWORKS,
            "LANG": "C.UTF-8",
        }

    def scan(
        self, config: Path | None = None, langs: tuple[str, ...] = ("en", "fr"), faketime: str | None = None, env: dict[str, str] | None = None
    ) -> dict[str, dict[str, Any]]:
        """Run ``selfcheck scan --category network --json`` in the client, once per language, at the same time
        (``env``: more environment variables, such as HTTPS_PROXY and NO_PROXY)."""
        return self.scans(config or self.config(), langs=langs, faketime=faketime, env=env)[0]

    def scans(
        self, *configs: Path, langs: tuple[str, ...] = ("en", "fr"), faketime: str | None = None, env: dict[str, str] | None = None
    ) -> list[dict[str, dict[str, Any]]]:
        """``scan`` with each of ``configs``, all at the same time (each once per language): scans of the same fault that
        wait for the same timeouts wait once. In the order of ``configs``."""
        procs = [
            {
                lang: subprocess.Popen(
                    self.scan_command(config, lang, faketime), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env={**self.scan_env(), **(env or {})}
                )
                for lang in langs
            }
            for config in configs
        ]
        out: list[dict[str, dict[str, Any]]] = []
        try:
            for each in procs:
                out.append({})
                for lang, proc in each.items():
                    stdout, stderr = proc.communicate(timeout=60)
                    try:
                        out[-1][lang] = json.loads(stdout)
                    except ValueError as exc:
                        raise AssertionError(f"scan printed no JSON (exit {proc.returncode}): {stderr[-2000:]}") from exc
        finally:
            for proc in (proc for each in procs for proc in each.values()):
                if proc.poll() is None:
                    proc.kill()
                    proc.wait()
        return out

    # ------------------------------------------------------------ DHCP (the router gives addresses)

    def start_dhcp(self) -> None:
        """dnsmasq in the gateway as the lab's DHCP server (no DNS): addresses 10.77.0.50-99, router and DNS servers."""
        if self.dhcp is not None:
            return
        if not shutil.which("dnsmasq"):
            raise LabUnavailable("the DHCP lab needs dnsmasq (dnsmasq-base, see .ci/apt.d/repairs.txt)")
        leases = self.workdir / "dnsmasq.leases"
        self.dhcp = subprocess.Popen(
            [
                "ip", "netns", "exec", self.gw, "dnsmasq", "--keep-in-foreground", "--conf-file=/dev/null", "--port=0",
                "--interface=lan0", "--bind-interfaces", "--user=root", "--group=root",
                "--dhcp-range=10.77.0.50,10.77.0.99,255.255.255.0,10m", f"--dhcp-option=3,{GATEWAY}",
                f"--dhcp-option=6,{','.join(DNS_SERVERS)}", f"--dhcp-leasefile={leases}", "--dhcp-authoritative",
                f"--pid-file={self.workdir / 'dnsmasq.pid'}",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )  # fmt: skip
        time.sleep(0.3)
        if self.dhcp.poll() is not None:
            err = self.dhcp.stderr.read() if self.dhcp.stderr else ""
            self.dhcp = None
            raise RuntimeError(f"dnsmasq did not start: {err.strip()}")

    # ------------------------------------------------------------ the box's DNS (as at home)

    def link_local_box(self) -> str:
        """The box also has the IPv6 link-local address fe80::1 on lan0, as most home boxes have (their IPv6 router and name
        service on it): the client reaches it as fe80::1%eth0. Waits until the client's own link-local address is usable.
        Returns the address as the client names it. ``reset`` takes it away."""
        _run(["ip", "-n", self.gw, "addr", "replace", f"{BOX_LINK_LOCAL}/64", "dev", "lan0", "nodad"])
        for _ in range(50):
            if not self.ns(self.client, "ip", "-6", "addr", "show", "dev", "eth0", "scope", "link", "tentative").stdout.strip():
                break
            time.sleep(0.1)
        return f"{BOX_LINK_LOCAL}%eth0"

    def start_dns_forwarder(self, upstream: str = DNS_SERVERS[0]) -> None:
        """dnsmasq in the gateway as a home box's name service: it answers on 10.77.0.1:53 (and on fe80::1 after
        ``link_local_box``) and forwards every question to the ``upstream`` server (no cache, no DHCP), and the client's
        resolv.conf names the box only, as a box's DHCP sets it."""
        if self.forwarder is not None:
            return
        if not shutil.which("dnsmasq"):
            raise LabUnavailable("the box's DNS needs dnsmasq (dnsmasq-base, see .ci/apt.d/repairs.txt)")
        self.forwarder = subprocess.Popen(
            [
                "ip", "netns", "exec", self.gw, "dnsmasq", "--keep-in-foreground", "--conf-file=/dev/null", "--port=53",
                "--no-resolv", "--no-hosts", f"--server={upstream}", f"--listen-address={GATEWAY}", *self._link_local_listen(), "--bind-interfaces",
                "--cache-size=0", "--user=root", "--group=root", f"--pid-file={self.workdir / 'forwarder.pid'}",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )  # fmt: skip
        time.sleep(0.3)
        if self.forwarder.poll() is not None:
            err = self.forwarder.stderr.read() if self.forwarder.stderr else ""
            self.forwarder = None
            raise RuntimeError(f"dnsmasq (the box's DNS) did not start: {err.strip()}")
        (self.etc / "resolv.conf").write_text(f"nameserver {GATEWAY}\n")

    def _link_local_listen(self) -> list[str]:
        shown = self.ns(self.gw, "ip", "-6", "addr", "show", "dev", "lan0", check=False).stdout
        return [f"--listen-address={BOX_LINK_LOCAL}"] if f"inet6 {BOX_LINK_LOCAL}/64" in shown else []

    def stop_dns_forwarder(self) -> None:
        if self.forwarder is not None:
            if self.forwarder.poll() is None:
                self.forwarder.kill()
            self.forwarder.wait()
            self.forwarder = None

    def client_loses_address(self) -> None:
        """DHCP failed: the client gave itself a link-local address (169.254.x.x) and has no route out."""
        _run(["ip", "-n", self.client, "addr", "flush", "dev", "eth0"])
        _run(["ip", "-n", self.client, "addr", "add", "169.254.10.20/16", "dev", "eth0"])

    def client_address_back(self) -> None:
        """Stop any DHCP client the tests started in the client and give it its fixed address again."""
        pidfile = Path("/run/dhclient.eth0.pid")
        if pidfile.exists():
            self.ns(self.client, "dhclient", "-x", "-pf", str(pidfile), "eth0", check=False)
            pidfile.unlink(missing_ok=True)
        _run(["ip", "-n", self.client, "addr", "flush", "dev", "eth0"], check=False)
        _run(["ip", "-n", self.client, "addr", "add", "10.77.0.2/24", "dev", "eth0"], check=False)
        _run(["ip", "-n", self.client, "link", "set", "eth0", "up"], check=False)
        _run(["ip", "-n", self.client, "route", "replace", "default", "via", GATEWAY], check=False)

    # ------------------------------------------------------------ teardown

    def close(self) -> None:
        for proc in (self.delayer, self.servers, self.dhcp, self.forwarder):
            if proc and proc.poll() is None:
                proc.kill()
                proc.wait()
        for ns in reversed(self.built):
            subprocess.run(["ip", "netns", "del", ns], capture_output=True)
        self.built.clear()
        shutil.rmtree(self.etc, ignore_errors=True)


def shipped_internet_addresses() -> list[str]:
    """network.internet's shipped ``internet_addresses`` (resources/config/20-network.toml) with each public address
    replaced by a lab host of its family (198.51.100.80 and .81, SERVER_V6 and SERVER_V6_OTHER, in turn), port kept: the
    lab tries what a home tries."""
    import tomllib

    shipped = tomllib.loads((Path(__file__).parents[1] / "resources" / "config" / "20-network.toml").read_text())["network"]["internet_addresses"]
    hosts = {"v4": iter(["198.51.100.80", "198.51.100.81"]), "v6": iter([f"[{SERVER_V6}]", f"[{SERVER_V6_OTHER}]"])}
    return [f"{next(hosts['v6' if a.startswith('[') else 'v4'])}:{a.rpartition(':')[2]}" for a in shipped]


def lab_or_skip(folder: Path, *steps: Callable[[Lab], object]) -> Lab:
    """A built lab with ``steps`` done on it, or the test skipped saying why the lab cannot run here."""
    import pytest

    problem = availability_problem()
    if problem:
        pytest.skip(problem)
    lab = Lab(folder)
    try:
        lab.build()
        for step in steps:
            step(lab)
    except (RuntimeError, OSError) as exc:
        lab.close()
        pytest.skip(f"the network lab could not be built here: {exc}")
    return lab
