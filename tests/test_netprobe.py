"""Network probes against loopback servers (never a real network), and ping output parsing."""

from __future__ import annotations

import socket
import ssl
import struct
import sys
import threading
import time
from pathlib import Path

import dns.message
import dns.rrset
import pytest

from real_outputs import real
from selfcheck import netprobe

FIXTURES = Path(__file__).parent / "fixtures" / "network"


class LoopbackDNS:
    """A DNS server on 127.0.0.1 (random port) answering from a dict, or staying silent."""

    def __init__(self, zone: dict[str, str], silent: bool = False) -> None:
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.sock.bind(("127.0.0.1", 0))
        self.port = self.sock.getsockname()[1]
        self.zone, self.silent, self.received = zone, silent, 0
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self) -> None:
        while True:
            try:
                data, peer = self.sock.recvfrom(4096)
            except OSError:
                return
            self.received += 1
            if self.silent:
                continue
            query = dns.message.from_wire(data)
            reply = dns.message.make_response(query)
            name = query.question[0].name.to_text().rstrip(".")
            if name in self.zone:
                reply.answer.append(dns.rrset.from_text(query.question[0].name, 60, "IN", "A", self.zone[name]))
            else:
                reply.set_rcode(dns.rcode.NXDOMAIN)
            self.sock.sendto(reply.to_wire(), peer)


@pytest.fixture
def dns_port(monkeypatch):
    """dns_query always uses port 53: point it at the loopback server's port instead."""
    servers: list[LoopbackDNS] = []
    real_connect = socket.socket.connect

    def make(zone: dict[str, str], silent: bool = False) -> LoopbackDNS:
        server = LoopbackDNS(zone, silent)
        servers.append(server)
        return server

    def connect(self, address):  # type: ignore[no-untyped-def]
        if isinstance(address, tuple) and address[1] == 53 and servers:
            address = (address[0], servers[-1].port)
        return real_connect(self, address)

    monkeypatch.setattr(socket.socket, "connect", connect)
    yield make
    for server in servers:
        server.sock.close()


def test_dns_query_answer_nxdomain_and_silence(dns_port):
    dns_port({"www.lab.example": "198.51.100.80"})
    answer = netprobe.dns_query("127.0.0.1", "www.lab.example", timeout=1)
    assert answer["status"] == "answer" and answer["rcode"] == "NOERROR" and answer["addresses"] == ["198.51.100.80"]
    assert netprobe.dns_query("127.0.0.1", "gone.lab.example", timeout=1)["rcode"] == "NXDOMAIN"
    silent = dns_port({}, silent=True)
    start = time.monotonic()
    result = netprobe.dns_query("127.0.0.1", "www.lab.example", timeout=0.7, resend=0.3)
    assert result["status"] == "timeout" and time.monotonic() - start < 2
    assert silent.received >= 2  # the query was sent again before giving up


def test_dns_query_to_a_closed_port_is_refused(dns_port):
    closed = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    closed.bind(("127.0.0.1", 0))
    port = closed.getsockname()[1]
    closed.close()
    server = dns_port({})
    server.port = port
    assert netprobe.dns_query("127.0.0.1", "x.example", timeout=1)["status"] == "refused"


def test_probes_refuse_addresses_outside_the_allowed_networks(monkeypatch):
    monkeypatch.setenv(netprobe.ALLOW_ENV, "127.0.0.0/8")
    assert netprobe.tcp_connect("192.0.2.1", 443, 1)["status"] == "blocked"
    assert netprobe.dns_query("192.0.2.53", "example.com")["status"] == "blocked"
    assert netprobe.sntp_query("192.0.2.123")["status"] == "blocked"
    assert netprobe.http_get("http://example.com/", "192.0.2.80", 1)["status"] == "blocked"
    assert netprobe.udp_hops("192.0.2.80")["status"] in ("blocked", "unsupported")
    with pytest.raises(PermissionError):
        netprobe.icmp_ping("192.0.2.1")
    assert netprobe.allowed("127.0.0.1") and not netprobe.allowed("not-an-ip")


def test_tcp_connect_ok_and_refused():
    listener = socket.create_server(("127.0.0.1", 0))
    port = listener.getsockname()[1]
    assert netprobe.tcp_connect("127.0.0.1", port, 1)["status"] == "ok"
    listener.close()
    assert netprobe.tcp_connect("127.0.0.1", port, 1)["status"] == "refused"


def test_http_get_does_not_follow_redirects():
    listener = socket.create_server(("127.0.0.1", 0))
    port = listener.getsockname()[1]

    def serve() -> None:
        conn, _ = listener.accept()
        with conn:
            conn.recv(4096)
            conn.sendall(b"HTTP/1.1 302 Found\r\nLocation: http://portal.example/login\r\nDate: Wed, 25 Nov 2026 10:00:00 GMT\r\nContent-Length: 0\r\n\r\n")

    threading.Thread(target=serve, daemon=True).start()
    answer = netprobe.http_get(f"http://connectivity.example:{port}/generate_204", "127.0.0.1", 2)
    listener.close()
    assert answer["code"] == 302 and answer["headers"]["location"] == "http://portal.example/login"


def test_sntp_offset_against_a_loopback_server_ahead_by_an_hour():
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]

    def serve() -> None:
        data, peer = sock.recvfrom(512)
        now = time.time() + 3600 + netprobe.NTP_EPOCH_OFFSET
        stamp = struct.pack("!II", int(now), int((now % 1) * 2**32))
        sock.sendto(bytes([0x24, 2, 0, 0]) + b"\0" * 12 + stamp + data[40:48] + stamp + stamp, peer)

    threading.Thread(target=serve, daemon=True).start()
    real_connect = socket.socket.connect
    try:
        socket.socket.connect = lambda self, address: real_connect(self, ("127.0.0.1", port))  # type: ignore[method-assign]
        result = netprobe.sntp_query("127.0.0.1", 2)
    finally:
        socket.socket.connect = real_connect  # type: ignore[method-assign]
        sock.close()
    assert result["status"] == "ok" and abs(result["offset_s"] - 3600) < 1


def test_udp_hops_on_loopback_reaches_the_destination_in_one_hop():
    result = netprobe.udp_hops("127.0.0.1", max_hops=3, timeout=1)
    assert result["status"] == "ok" and result["reached"] and result["hops"][0]["address"] == "127.0.0.1"


def test_ping_output_parsing_in_english_french_and_linux():
    # real Windows pings (tests/fixtures/windows/SOURCES): four replies from a home router; a French one that answered;
    # "Impossible de joindre l’hôte de destination." from the next router is no reply, though Windows counts it
    text = real("windows", "ping_en_router_hex_address.txt")
    assert netprobe.parse_ping_output(text, "windows") == {"received": 4, "rtts_ms": [1.0, 1.0, 7.0, 3.0]}
    text = real("windows", "ping_fr_replies.txt")
    assert netprobe.parse_ping_output(text, "windows") == {"received": 4, "rtts_ms": [12.0, 7.0, 5.0, 7.0]}
    text = real("windows", "ping_fr_host_unreachable.txt")
    assert netprobe.parse_ping_output(text, "windows") == {"received": 0, "rtts_ms": []}
    from hwos_fixtures import recorded

    # Linux's own ping between two throwaway network namespaces (scripts/network_netns.py): three replies; then an
    # address no one has, five "From 10.77.0.2 icmp_seq=N Destination Host Unreachable" lines and no reply
    text = recorded("linux", "ping_linux_replies.txt")
    assert netprobe.parse_ping_output(text, "linux") == {"received": 3, "rtts_ms": [0.036, 0.052, 0.053]}
    text = recorded("linux", "ping_linux_unreachable.txt")
    assert netprobe.parse_ping_output(text, "linux") == {"received": 0, "rtts_ms": []}


def test_parallel_gives_timeout_for_a_hung_probe():
    results = netprobe.parallel({"fast": lambda: {"status": "ok"}, "hung": lambda: threading.Event().wait(5)}, 0.2)
    assert results == {"fast": {"status": "ok"}, "hung": {"status": "timeout"}}


def test_support_check_reaches_a_plain_http_relay_on_loopback():
    from selfcheck.api import Context
    from selfcheck.checks.network_support import SupportCheck

    listener = socket.create_server(("127.0.0.1", 0))
    port = listener.getsockname()[1]

    def serve() -> None:
        conn, _ = listener.accept()
        with conn:
            conn.recv(4096)
            conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok")

    threading.Thread(target=serve, daemon=True).start()
    config = {"support": {"url": f"http://127.0.0.1:{port}/"}, "network": {"proxy": "none"}}
    check = SupportCheck()
    facts = check.collect(Context(config))
    listener.close()
    outcome = check.evaluate(facts, {})
    # the headline says it plainly; the address is in the technical details
    assert outcome.status.value == "pass" and "127.0.0.1" not in outcome.summary and "127.0.0.1" in str(outcome.evidence)


def test_parallel_can_stop_waiting_when_enough_is_known():
    results = netprobe.parallel(
        {"ntp": lambda: {"status": "ok"}, "slow": lambda: threading.Event().wait(3)}, 2, enough=lambda done: done.get("ntp", {}).get("status") == "ok"
    )
    assert results == {"ntp": {"status": "ok"}, "slow": {"status": "not_needed"}}


class Recorded:
    """Stands in for Context.run with outputs recorded on Windows/macOS: {program: text}."""

    def __init__(self, outputs: dict[str, str]) -> None:
        self.outputs = outputs
        self.calls: list[list[str]] = []

    def __call__(self, args, timeout=5.0, **kw):  # type: ignore[no-untyped-def]
        from selfcheck.api import CommandOutput

        self.calls.append(list(args))
        if args[0] not in self.outputs:
            return CommandOutput(list(args), None, "", "", missing=True)
        return CommandOutput(list(args), 0, self.outputs[args[0]], "")


def test_resolvers_found_the_windows_and_macos_ways():
    french = real("windows", "ipconfig_all_fr_wifi.txt")
    run = Recorded({"ipconfig": french})
    assert netprobe.find_resolvers(run, "windows") == {"servers": ["8.8.8.8", "1.1.1.1"], "source": "ipconfig /all"}
    # the scan's PowerShell snapshot first (missing here), then ipconfig
    assert [c[0] for c in run.calls] == ["powershell", "ipconfig"]
    # a real Mac's scutil --dns with a VPN over Wi-Fi (tests/fixtures/macos/SOURCES): the default resolver's servers
    scutil = real("macos", "scutil_dns_10.8_vpn_wlan.txt")
    assert netprobe.find_resolvers(Recorded({"scutil": scutil}), "darwin")["servers"] == ["192.168.80.10", "192.168.80.24"]


def test_gateway_found_the_windows_and_macos_ways():
    from real_outputs import real
    from selfcheck.api import Context
    from selfcheck.checks.network_gateway import default_routes

    def context(platform: str, outputs: dict[str, str]) -> Context:
        ctx = Context(platform=platform)
        ctx.run = Recorded(outputs)  # type: ignore[method-assign]
        return ctx

    text = real("windows", "route_print_4_fr.txt")
    assert default_routes(context("windows", {"route": text}))[0]["gateway"] == "10.33.19.254"
    none = (FIXTURES / "route_print_none.txt").read_text(encoding="utf-8")  # hand-written: see fixtures/network/SOURCES
    english = real("windows", "ipconfig_all_en_win10_getmac.txt")
    assert [r["gateway"] for r in default_routes(context("windows", {"route": none, "ipconfig": english}))] == ["10.0.0.1"]
    netstat = real("macos", "netstat_rnl_10.14.6.txt")  # a real Mac's (tests/fixtures/macos/SOURCES)
    assert default_routes(context("darwin", {"netstat": netstat}))[0] == {"gateway": "192.168.1.254", "interface": "en0", "metric": "0"}
    route_get = (FIXTURES.parent / "macos" / "route_n_get_default_10.12.6.txt").read_text(encoding="utf-8")
    assert default_routes(context("darwin", {"route": route_get, "netstat": netstat})) == [{"gateway": "10.0.2.2", "interface": "en0", "metric": "0"}]


def test_optional_download_speed_test_on_loopback():
    from selfcheck.api import Context
    from selfcheck.checks.network_quality import QualityCheck

    payload = b"x" * (2 << 20)
    listener = socket.create_server(("127.0.0.1", 0))
    port = listener.getsockname()[1]

    def serve() -> None:
        conn, _ = listener.accept()
        with conn:
            conn.recv(4096)
            conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: %d\r\nConnection: close\r\n\r\n" % len(payload) + payload)

    threading.Thread(target=serve, daemon=True).start()
    result = QualityCheck._download(Context({"network": {"proxy": "none"}}), f"http://127.0.0.1:{port}/100MB.bin")
    listener.close()
    assert result["status"] == "ok" and result["bytes"] == len(payload) and result["mbit_s"] > 0
    from selfcheck import config as config_mod

    defaults = config_mod.load(include_system=False).thresholds("network.quality")  # thresholds have one source: the default config
    evidence = QualityCheck().evaluate({"gateway": {"sent": 3, "rtts_ms": [1, 1, 1]}, "speed": result}, defaults).evidence
    assert evidence["download_mbit_s"] == result["mbit_s"]


class _FakeWinreg:
    """The registry as winreg shows it: Tcpip\\Parameters\\Interfaces\\{GUID} keys with their values."""

    HKEY_LOCAL_MACHINE = "HKLM"

    def __init__(self, interfaces: dict[str, dict[str, str]]) -> None:
        self.interfaces = interfaces

    class _Key:
        def __init__(self, path: str) -> None:
            self.path = path

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return False

    def OpenKey(self, parent, sub):  # noqa: N802 - winreg's names
        path = sub if parent == self.HKEY_LOCAL_MACHINE else f"{parent.path}\\{sub}"
        return self._Key(path)

    def QueryInfoKey(self, key):  # noqa: N802
        return (len(self.interfaces), 0, 0)

    def EnumKey(self, key, i):  # noqa: N802
        return list(self.interfaces)[i]

    def QueryValueEx(self, key, name):  # noqa: N802
        values = self.interfaces[key.path.rsplit("\\", 1)[1]]
        if name not in values:
            raise FileNotFoundError(name)
        return values[name], 1


def test_dns_set_by_hand_on_windows_reads_the_registry():
    automatic = _FakeWinreg({"{4D36E972-E325}": {"NameServer": "", "DhcpNameServer": "192.168.1.254"}, "{5E1A7F2B-0C11}": {"DhcpNameServer": ""}})
    hand = netprobe.dns_set_by_hand(None, "windows", winreg=automatic)
    assert hand == [] and netprobe.dns_setting(["192.168.1.254"], hand) == "automatic"
    typed = _FakeWinreg({"{4D36E972-E325}": {"NameServer": "10.20.0.53,10.20.0.54", "DhcpNameServer": "192.168.1.254"}})
    hand = netprobe.dns_set_by_hand(None, "windows", winreg=typed)
    assert hand == ["10.20.0.53", "10.20.0.54"] and netprobe.dns_setting(["10.20.0.53", "10.20.0.54"], hand) == "hand"


def test_dns_set_by_hand_on_macos_asks_each_service():
    from real_outputs import real
    from selfcheck.api import CommandOutput

    def run_with(wifi: str):
        def run(args, timeout=5.0):
            outputs = {
                ("networksetup", "-listallnetworkservices"): real("macos", "networksetup_listallnetworkservices_issue.txt"),
                ("networksetup", "-getdnsservers", "Wi-Fi"): real("macos", wifi),
            }
            text = outputs.get(tuple(args))
            return CommandOutput(list(args), 0 if text is not None else 1, text or "", "")

        return run

    hand = netprobe.dns_set_by_hand(run_with("networksetup_getdnsservers_hand_issue.txt"), "darwin")
    assert hand == ["8.8.8.8", "8.8.4.4"] and netprobe.dns_setting(["8.8.8.8", "8.8.4.4"], hand) == "hand"
    none = netprobe.dns_set_by_hand(run_with("networksetup_getdnsservers_none_issue.txt"), "darwin")
    assert none == [] and netprobe.dns_setting(["192.168.1.1"], none) == "automatic"


def test_dns_setting_unknown_without_network_manager():
    from selfcheck.api import CommandOutput

    missing = netprobe.dns_set_by_hand(lambda args, timeout=5.0: CommandOutput(list(args), None, "", "", missing=True), "linux")
    assert missing is None and netprobe.dns_setting(["198.51.100.53"], missing) is None
    # servers typed in by hand, but not the ones asked (another connection): not known either way
    assert netprobe.dns_setting(["192.168.1.254"], ["10.20.0.53"]) is None


#: issue 21: the control message of a real recvmsg(MSG_ERRQUEUE) in the network lab (tests/netlab.py, Lab(provider=True)): a TCP
#: connection attempt to 198.51.100.80:80 with IP_TTL 2 and IP_RECVERR, answered by the provider's router 10.77.1.2 with ICMP
#: "time exceeded" (level IPPROTO_IP 0, type IP_RECVERR 11; ee_errno 113 EHOSTUNREACH, ee_origin 2 ICMP, ee_type 11, ee_code 0)
RECORDED_TIME_EXCEEDED = (
    0,
    11,
    b"q\x00\x00\x00\x02\x0b\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x02\x00\x00\x00\nM\x01\x02\x00\x00\x00\x00\x00\x00\x00\x00",
)


def test_the_router_that_answered_a_ttl_limited_connection_is_read_from_the_recorded_error_queue_message():
    assert netprobe.parse_icmp_error(*RECORDED_TIME_EXCEEDED) == {"icmp_type": 11, "icmp_code": 0, "errno": 113, "from": "10.77.1.2"}
    level, kind, payload = RECORDED_TIME_EXCEEDED
    assert netprobe.parse_icmp_error(level, kind, payload[:20]) is None  # cut short: nothing guessed
    local = payload[:4] + b"\x01" + payload[5:]  # ee_origin 1 (SO_EE_ORIGIN_LOCAL): not a router's answer
    assert netprobe.parse_icmp_error(level, kind, local) is None


def test_ttl_probe_respects_the_allowed_networks_and_says_where_it_cannot_work(monkeypatch):
    monkeypatch.setenv(netprobe.ALLOW_ENV, "127.0.0.0/8")
    assert netprobe.ttl_probe("192.0.2.80", 443, 2, 0.2)["status"] in ("blocked", "not_supported")
    assert netprobe.ttl_probe("2001:db8::1", 443, 2, 0.2)["status"] == "not_supported"  # IPv4 only
    monkeypatch.setattr(netprobe.sys, "platform", "win32")  # Windows and macOS hand no ICMP error of a TCP connection over
    assert netprobe.ttl_probe("127.0.0.1", 443, 2, 0.2) == {"status": "not_supported"}


def test_ttl_probe_on_loopback_reaches_the_site_itself():
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(1)
    try:
        result = netprobe.ttl_probe("127.0.0.1", server.getsockname()[1], 1, 1.0)
    finally:
        server.close()
    assert result["status"] == "answered" and result["how"] == "connected", result


class _Refused(socket.socket):
    """A socket this computer refuses to connect, as the system does for a firewall rule or a security program's block:
    ``failure`` is raised by connect() and its errno returned by connect_ex()."""

    failure: OSError = PermissionError(13, "Permission denied")

    def connect(self, address):  # noqa: ANN001
        raise self.failure

    def connect_ex(self, address):  # noqa: ANN001
        return self.failure.errno or 13


def _windows_refusal() -> OSError:
    """WSAEACCES as Python raises it on Windows (WinError 10013; tartube #475): only Windows sets ``winerror``, so it is set here."""
    exc = OSError(None, "An attempt was made to access a socket in a way forbidden by its access permissions")
    exc.winerror = 10013  # type: ignore[attr-defined]
    return exc


@pytest.mark.parametrize(
    "failure",
    [PermissionError(13, "Permission denied"), PermissionError(1, "Operation not permitted"), _windows_refusal()],
    ids=["eacces", "eperm", "winerror-10013"],
)
def test_a_connection_this_computer_refuses_itself_is_forbidden_with_the_systems_number(monkeypatch, failure):
    """Issue 21: a firewall rule or a security program's block makes connect() fail at once with "access forbidden" (Windows'
    WinError 10013; Linux's EPERM or EACCES from a cgroup or security-module hook): every probe that connects says
    "forbidden" with the system's number, not "error" (which the secure sites' screen called "The secure connection failed").
    The system cannot be made to refuse here (Windows only; Linux needs a cgroup hook, with privileges): a socket whose
    connect raises what the system raises stands in for it."""
    monkeypatch.setattr(_Refused, "failure", failure)
    monkeypatch.setattr(socket, "socket", _Refused)
    number = {"errno": failure.errno} if failure.errno else {"winerror": 10013}
    for result in (
        netprobe.tcp_connect("127.0.0.1", 443, 1.0),
        netprobe.tls_probe("www.lab.example", 443, "127.0.0.1", ssl.create_default_context(), 1.0),
        netprobe.http_get("http://www.lab.example/", "127.0.0.1", 1.0),
    ):
        ms = result.pop("ms")
        assert result == {"status": "forbidden", **number} and ms < 1000, result
    through_proxy = netprobe.tls_probe("www.lab.example", 443, "", ssl.create_default_context(), 1.0, proxy=("127.0.0.1", 3128))
    assert through_proxy["status"] == "proxy_forbidden", through_proxy
    if sys.platform.startswith("linux") and failure.errno:  # the TTL-limited attempt reads connect_ex's number (Linux only)
        ttl = netprobe.ttl_probe("127.0.0.1", 443, 1, 1.0)
        assert (ttl["status"], ttl["errno"]) == ("forbidden", failure.errno), ttl
    # what stays as it was: a refusal by the other end, and a local reject's "no route" (as a router's)
    monkeypatch.setattr(_Refused, "failure", ConnectionRefusedError(111, "Connection refused"))
    assert netprobe.tcp_connect("127.0.0.1", 443, 1.0)["status"] == "refused"
    monkeypatch.setattr(_Refused, "failure", OSError(113, "No route to host"))
    assert netprobe.tcp_connect("127.0.0.1", 443, 1.0)["status"] == "unreachable"
