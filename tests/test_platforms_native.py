"""The Windows and macOS collectors against the real thing, on the native CI runners (skipped elsewhere).

Each compares a structured source with the console text it replaces on the same machine, so a
drift in either shows up; nothing here sends traffic beyond loopback."""

from __future__ import annotations

import sys

import pytest

from selfcheck import netparse
from selfcheck.api import Context

windows_only = pytest.mark.skipif(sys.platform != "win32", reason="runs on a Windows machine (the native CI runner)")
macos_only = pytest.mark.skipif(sys.platform != "darwin", reason="runs on a Mac (the native CI runner)")


@windows_only
def test_windows_snapshot_agrees_with_ipconfig_and_route_print():
    from selfcheck.platforms import windows

    ctx = Context(platform="windows")
    snapshot = windows.network_snapshot(ctx.run, object(), timeout=30)
    assert snapshot is not None, "the PowerShell snapshot could not be read"
    assert snapshot["adapters"] and all(a["name"] for a in snapshot["adapters"])
    ipconfig = netparse.parse_ipconfig_all(ctx.run(["ipconfig", "/all"], 30).stdout)
    assert {r["gateway"] for r in snapshot["routes"] if "." in r["gateway"]} <= set(ipconfig["gateways"]) | {
        r["gateway"] for r in netparse.parse_route_print(ctx.run(["route", "print", "-4"], 30).stdout)
    }
    assert set(snapshot["dns_servers"]) <= set(ipconfig["dns_servers"])  # the same servers, read without words
    assert not [s for s in snapshot["dns_servers"] if netparse.is_placeholder_dns(s)]


@windows_only
def test_windows_console_encoding_and_icmp_echo_on_loopback():
    from selfcheck.platforms import windows

    assert windows.console_encoding() is not None
    echo = windows.icmp_echo("127.0.0.1", count=2)
    assert echo is not None and echo["received"] == 2
    ping = Context(platform="windows").run(["ping", "-n", "2", "127.0.0.1"], 30)
    assert netparse.parse_ping_output(ping.stdout)["received"] == 2
    ping6 = Context(platform="windows").run(["ping", "-n", "2", "::1"], 30)  # "Reply from ::1: time<1ms": no TTL
    assert netparse.parse_ping_output(ping6.stdout)["received"] == 2


@macos_only
def test_macos_route_get_agrees_with_netstat():
    ctx = Context(platform="darwin")
    route = netparse.parse_route_get(ctx.run(["route", "-n", "get", "default"], 30).stdout)
    routes = netparse.parse_netstat_rn(ctx.run(["netstat", "-rn", "-f", "inet"], 30).stdout)
    if not route and not routes:
        pytest.skip("this runner has no default route")
    assert route["gateway"] in [r["gateway"] for r in routes]
    assert route["interface"] in [r["interface"] for r in routes]


@macos_only
def test_macos_wifi_sources_parse_on_this_mac():
    from selfcheck.platforms import macos

    out = Context(platform="darwin").run(["system_profiler", "-json", "SPAirPortDataType"], 60)
    assert out.ok
    for adapter in macos.parse_airport_data_type(out.stdout):  # a CI Mac may have no Wi-Fi at all
        assert adapter["name"].startswith(("en", "awdl", "llw"))
    ping = Context(platform="darwin").run(["ping", "-n", "-c", "2", "127.0.0.1"], 30)
    assert netparse.parse_ping_output(ping.stdout)["received"] == 2


@windows_only
def test_windows_firewall_registry_agrees_with_netsh():
    from selfcheck.platforms import windows

    registry = windows.read_firewall_registry()
    text = windows.parse_netsh_firewall(Context(platform="windows").run(["netsh", "advfirewall", "show", "allprofiles"], 30).stdout)
    assert registry == {k: text[k] for k in ("domain", "private", "public")}


@windows_only
def test_windows_event_log_xml_agrees_with_its_text():
    from selfcheck.platforms import windows

    ctx = Context(platform="windows")
    query = ["wevtutil", "qe", "System", "/c:20", "/rd:false"]  # the oldest events: new ones may come between the two reads
    xml = windows.parse_wevtutil_xml(ctx.run([*query, "/f:xml"], 60).stdout)
    text = windows.parse_wevtutil_text(ctx.run([*query, "/f:text"], 60).stdout)
    assert xml is not None and xml, "the runner's System log is empty or its XML unreadable"
    assert [e["event_id"] for e in xml] == [e["event_id"] for e in text]
    assert [e["source"] for e in xml] == [e["source"] for e in text]
