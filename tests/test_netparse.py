"""Parsers of the network settings of Windows, macOS and Linux, on recorded outputs."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from selfcheck import netparse

FIXTURES = Path(__file__).parent / "fixtures" / "network"


def fixture(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


def test_netsh_winhttp_direct_in_english_and_french():
    for name in ("netsh_winhttp_direct_en.txt", "netsh_winhttp_direct_fr.txt"):
        parsed = netparse.parse_netsh_winhttp_proxy(fixture(name))
        assert parsed == {"proxies": {}, "bypass": [], "direct": True}, name


def test_netsh_winhttp_proxy_english_from_a_real_machine_and_no_bypass_list():
    # what netsh printed after `netsh winhttp set proxy testProxy:8999` (tests/fixtures/windows/SOURCES): the same
    # "Current WinHTTP proxy settings:" block `show proxy` prints; "(none)" is no bypass entry
    parsed = netparse.parse_netsh_winhttp_proxy(real("windows", "netsh_winhttp_set_proxy_en_testproxy.txt"))
    assert parsed == {"proxies": {"http": "http://testProxy:8999", "https": "http://testProxy:8999"}, "bypass": [], "direct": False}


def test_netsh_winhttp_proxy_french_per_scheme_and_no_bypass():
    parsed = netparse.parse_netsh_winhttp_proxy(fixture("netsh_winhttp_proxy_fr.txt"))
    assert parsed["proxies"] == {"http": "http://proxy.corp.example:3128", "https": "http://proxy.corp.example:3129"}
    assert parsed["bypass"] == []


def test_winhttp_settings_registry_value_from_real_machines():
    """The machine-wide WinHTTP proxy read from the registry value itself: no words of any display language."""
    from real_outputs import registry_binary

    # `reg query ... /v WinHttpSettings` on a German Windows 11 without a WinHTTP proxy (tests/fixtures/windows/SOURCES)
    direct = registry_binary("windows", "reg_query_winhttpsettings_direct_de_win11.txt")
    assert netparse.parse_winhttp_settings(direct) == {"proxies": {}, "bypass": [], "direct": True}
    # the value after `netsh winhttp set proxy proxy-server="http=localhost:8080;https=localhost:8443"
    # bypass-list="*.whatever.com;localhost"`, as its author dumped it
    blob = registry_binary("windows", "winhttpsettings_hexdump_proxy_bypass_blog.txt")
    assert netparse.parse_winhttp_settings(blob) == {
        "proxies": {"http": "http://localhost:8080", "https": "http://localhost:8443"},
        "bypass": ["*.whatever.com", "localhost"],
        "direct": False,
    }


def test_winhttp_settings_that_do_not_read_are_not_known_never_direct():
    from real_outputs import registry_binary

    blob = registry_binary("windows", "winhttpsettings_hexdump_proxy_bypass_blog.txt")
    # every truncation of the recorded proxy value: the bypass list or the proxy cut short is not a direct connection
    assert all(netparse.parse_winhttp_settings(blob[:n]) is None for n in range(len(blob)))
    lying = blob[:12] + (0xFFFFFFF0).to_bytes(4, "little") + blob[16:]  # a proxy length past the end
    assert netparse.parse_winhttp_settings(lying) is None
    assert netparse.parse_winhttp_settings(blob.replace(b"localhost:8080", b"local\x00ost:8080")) is None
    auto_detect = blob[:8] + (0x9).to_bytes(4, "little") + blob[12:]  # flags this parser does not know (auto-detect)
    assert netparse.parse_winhttp_settings(auto_detect) is None
    assert netparse.parse_winhttp_settings(None) is None and netparse.parse_winhttp_settings(b"") is None
    rng = random.Random(7)
    for _ in range(2000):  # hostile bytes never raise
        junk = bytes(rng.randrange(256) for _ in range(rng.randrange(40)))
        got = netparse.parse_winhttp_settings(junk)
        assert got is None or set(got) == {"proxies", "bypass", "direct"}


def test_windows_user_internet_settings():
    found = netparse.proxies_from_internet_settings(
        {"ProxyEnable": 1, "ProxyServer": "proxy.corp.example:8080", "ProxyOverride": "<local>;*.corp.example", "AutoConfigURL": "http://wpad/wpad.dat"}
    )
    assert found["proxies"]["https"] == "http://proxy.corp.example:8080"
    assert found["bypass"] == ["<local>", "*.corp.example"]
    assert found["pac_url"] == "http://wpad/wpad.dat"
    disabled = netparse.proxies_from_internet_settings({"ProxyEnable": 0, "ProxyServer": "proxy:8080"})
    assert disabled["proxies"] == {} and disabled["pac_url"] is None


def test_scutil_proxy_with_pac_and_exceptions():
    found = netparse.proxies_from_scutil(fixture("scutil_proxy_pac.txt"))
    assert found["proxies"] == {"http": "http://proxy.corp.example:3128", "https": "http://proxy.corp.example:3128"}
    assert found["bypass"] == ["*.local", "169.254/16", "intranet.corp.example"]
    assert found["pac_url"] == "http://wpad.corp.example/wpad.dat"


def test_scutil_proxy_manual_http_proxy_from_a_real_mac():
    # drduh/macOS-Security-and-Privacy-Guide (tests/fixtures/macos/SOURCES): Privoxy set as the web proxy; only HTTP is
    # switched on in what scutil printed, so no HTTPS proxy is made up, and macOS' default exceptions are the bypass list
    found = netparse.proxies_from_scutil(real("macos", "scutil_proxy_manual_privoxy_drduh.txt"))
    assert found == {"proxies": {"http": "http://127.0.0.1:8118"}, "bypass": ["*.local", "169.254/16"], "pac_url": None, "auto_detect": False}


def test_scutil_proxy_direct_and_pac_only_from_real_macs():
    # yaklang/yakit#2164 (tests/fixtures/macos/SOURCES): no proxy, only macOS' default exceptions
    found = netparse.proxies_from_scutil(real("macos", "scutil_proxy_direct_issue.txt"))
    assert found["proxies"] == {} and found["pac_url"] is None and found["bypass"] == ["*.local", "169.254/16"]
    # httptoolkit/httptoolkit#151: a company's automatic configuration (PAC) and nothing else
    found = netparse.proxies_from_scutil(real("macos", "scutil_proxy_pac_issue.txt"))
    assert found["proxies"] == {} and found["bypass"] == [] and found["pac_url"] == "http://wpad.company.com/wpad.dat"


def test_environment_proxies_lower_case_and_all_proxy():
    env = {"HTTPS_PROXY": "proxy:3128", "all_proxy": "http://every:1", "no_proxy": "localhost, .corp"}
    assert netparse.proxies_from_environment(env) == {"http": "http://every:1", "https": "http://proxy:3128", "no_proxy": "localhost,.corp"}
    assert netparse.proxies_from_environment({"no_proxy": "x"}) == {}


# ---------------------------------------------------------------- DNS resolvers


def test_powershell_dns_client_server_address_json():
    data = [
        {"InterfaceAlias": "Wi-Fi", "AddressFamily": 2, "ServerAddresses": ["192.168.1.254", "8.8.8.8"]},
        {"InterfaceAlias": "Ethernet", "AddressFamily": 23, "ServerAddresses": []},
        {"InterfaceAlias": "Loopback Pseudo-Interface 1", "AddressFamily": 2, "ServerAddresses": []},
    ]
    assert netparse.parse_powershell_dns(data) == ["192.168.1.254", "8.8.8.8"]
    assert netparse.parse_powershell_dns({"ServerAddresses": "10.0.0.1"}) == ["10.0.0.1"]


def test_systemd_resolved_stub_and_its_real_upstreams():
    # systemd's own stub-resolv.conf text, pasted in systemd/systemd#34522 (tests/fixtures/linux/SOURCES)
    conf = netparse.parse_resolv_conf(real("linux", "resolv_conf_stub_systemd_issue.txt"))
    assert conf["nameservers"] == ["127.0.0.53"] and conf["options"] == ["edns0", "trust-ad"]
    assert netparse.uses_systemd_resolved_stub(conf["nameservers"])
    assert not netparse.uses_systemd_resolved_stub(["192.168.1.254"])
    # hand-written (fixtures/network/SOURCES): an IPv6 server and a DNS-over-TLS server name after '#'
    assert netparse.parse_resolvectl_dns(fixture("resolvectl_dns.txt")) == ["192.168.1.254", "2a01:e0a:1f2:3450::1", "10.8.0.53"]


def test_resolvectl_dns_from_real_machines():
    # tests/fixtures/linux/SOURCES: a VirtualBox machine whose ISP's two servers are on the first link, the second link
    # with none and no global server
    assert netparse.parse_resolvectl_dns(real("linux", "resolvectl_dns_virtualbox_hogent.txt")) == ["195.130.131.1", "195.130.130.1"]
    # on a VPN: global servers listed again on the wired link (each once) and the VPN's own on tun0
    vpn = netparse.parse_resolvectl_dns(real("linux", "resolvectl_dns_vpn_tun0_cyberlinux.txt"))
    assert vpn == ["1.1.1.1", "1.0.0.1", "10.45.248.15", "10.38.5.26"]


# ---------------------------------------------------------------- routes


def test_route_print_english_ignores_persistent_routes():
    # Windows Server 2016 (tests/fixtures/windows/SOURCES): the default route is listed again under "Persistent Routes"
    # with "Default" for a metric; one route, the active one
    routes = netparse.parse_route_print(real("windows", "route_print_en_win2016_persistent_default.txt"))
    assert routes == [{"gateway": "192.168.22.1", "interface": "192.168.22.153", "metric": "281"}]


def test_route_print_two_default_routes_from_a_real_machine_lowest_metric_first():
    # SoftEtherVPN/SoftEtherVPN#1547 (tests/fixtures/windows/SOURCES): Wi-Fi's default route (metric 35) is listed
    # before the VPN's (metric 2); the VPN's is the one Windows uses, so it comes first
    routes = netparse.parse_route_print(real("windows", "route_print_two_defaults_softether_issue.txt"))
    assert routes == [
        {"gateway": "172.16.2.1", "interface": "172.16.2.238", "metric": "2"},
        {"gateway": "192.168.1.1", "interface": "192.168.1.5", "metric": "35"},
    ]


def test_route_print_with_no_default_route():
    assert netparse.parse_route_print(fixture("route_print_none.txt")) == []  # hand-written: see fixtures/network/SOURCES


def test_netstat_rn_and_networksetup_on_macos():
    # a real Mac's netstat -rnl (tests/fixtures/macos/SOURCES): the IPv4 default route first, then IPv6's through en0
    routes = netparse.parse_netstat_rn(real("macos", "netstat_rnl_10.14.6.txt"))
    assert routes[:2] == [
        {"gateway": "192.168.1.254", "interface": "en0", "metric": "0"},
        {"gateway": "fe80::feae:34ff:fea1:3a80", "interface": "en0", "metric": "0"},
    ]
    info = netparse.parse_networksetup_info(fixture("networksetup_getinfo_wifi.txt"))
    assert info == {"ip": "192.168.1.23", "subnet": "255.255.255.0", "router": "192.168.1.254"}


def test_linux_proc_routes():
    # recorded from the kernel in throwaway network namespaces (scripts/network_netns.py): two default routes,
    # the lower metric first; the on-link routes, and IPv6's link-local, multicast and loopback ones, set aside
    routes = netparse.parse_proc_net_route(recorded("linux", "proc_net_route_two_defaults.txt"))
    assert routes == [
        {"gateway": "10.77.0.1", "interface": "veth0", "metric": "100"},
        {"gateway": "10.78.0.1", "interface": "veth1", "metric": "600"},
    ]
    v6 = netparse.parse_proc_ipv6_route(recorded("linux", "proc_net_ipv6_route_default.txt"))
    assert v6 == [{"gateway": "fe80::1", "interface": "veth0", "metric": "1024"}]


# ---------------------------------------------------------------- Wi-Fi


def test_proc_net_wireless():
    # a real laptop's, pasted in netdata/netdata#6333 (tests/fixtures/linux/SOURCES): quality 68, signal -42 dBm
    assert netparse.parse_proc_net_wireless(real("linux", "proc_net_wireless_issue.txt")) == {"wlp5s0": {"quality": 68.0, "level_dbm": -42.0}}


# ---------------------------------------------------------------- real outputs in several languages


from hwos_fixtures import recorded  # noqa: E402 - Linux outputs recorded on this project's machine (scripts/network_netns.py)
from real_outputs import real  # noqa: E402 - grouped with the tests that use it


@pytest.mark.parametrize(
    ("name", "gateways", "dns"),
    [
        ("ipconfig_all_en_win7.txt", ["192.168.22.1"], ["192.168.22.151"]),
        ("ipconfig_all_en_win11.txt", ["192.168.1.1"], ["192.168.1.1"]),
        ("ipconfig_all_en_win10_getmac.txt", ["10.0.0.1"], ["8.8.8.8", "208.67.220.220"]),
        (
            "ipconfig_all_de_wifi.txt",
            ["fe80::62b5:8dff:fe35:646d%5", "192.168.178.1"],
            ["fd00::62b5:8dff:fe35:646d", "2a04:9546:19ba:af01:62b5:8dff:fe35:646d", "192.168.178.1"],
        ),
        ("ipconfig_all_de_hyperv_placeholder.txt", ["10.50.104.1"], ["10.50.100.159", "10.50.100.158"]),
        # the author masked the DNS servers ("192.168.5.XXX"): only the gateway is left to find
        ("ipconfig_all_ru_virtualbox_placeholder.txt", ["192.168.5.2"], []),
    ],
)
def test_ipconfig_gateway_and_dns_found_by_layout_in_english_german_and_russian(name, gateways, dns):
    parsed = netparse.parse_ipconfig_all(real("windows", name))
    assert parsed["gateways"] == gateways
    assert parsed["dns_servers"] == dns


@pytest.mark.parametrize(
    "name",
    [
        "ipconfig_all_en_win10_tailscale.txt",
        "ipconfig_all_en_win10_getmac.txt",
        "ipconfig_all_de_hyperv_placeholder.txt",
        "ipconfig_all_ru_virtualbox_placeholder.txt",
    ],
)
def test_windows_placeholder_dns_servers_are_never_probed(name):
    text = real("windows", name)
    assert "fec0:0:0:ffff::1%1" in text
    servers = netparse.parse_ipconfig_all(text)["dns_servers"]
    assert not [s for s in servers if s.startswith("fec0")]
    assert netparse.parse_powershell_dns([{"ServerAddresses": ["fec0:0:0:ffff::1", "fec0:0:0:ffff::2", "192.168.1.1"]}]) == ["192.168.1.1"]


def test_tailscale_adapter_listing_placeholders_before_the_real_server():
    assert netparse.parse_ipconfig_all(real("windows", "ipconfig_all_en_win10_tailscale.txt"))["dns_servers"] == ["10.50.13.1"]


def test_russian_ipconfig_read_through_the_oem_code_page():
    """Windows console programs print in the OEM code page (866 in Russia): read with it, the
    labels come back; read with the ANSI page (1251) Python would pick, they are garbled."""
    from selfcheck.platforms.windows import code_page_encoding

    original = real("windows", "ipconfig_all_ru_virtualbox_placeholder.txt")
    printed = original.encode("cp866")
    oem = code_page_encoding(866)
    assert oem == "cp866"
    assert "Основной шлюз" in printed.decode(oem)
    assert "Основной шлюз" not in printed.decode("cp1251", errors="replace")
    assert netparse.parse_ipconfig_all(printed.decode(oem))["gateways"] == ["192.168.5.2"]
    assert code_page_encoding(65001) == "utf-8"
    assert code_page_encoding(99999) is None


@pytest.mark.parametrize(
    ("platform", "name", "rtts"),
    [
        ("macos", "ping6_ip_10.14.6.txt", [0.071, 0.153, 0.122]),  # IPv6: hlim=, no ttl=
        ("macos", "ping_ip_10.14.6.txt", [0.052, 0.095, 0.05]),
    ],
)
def test_ping_replies_read_by_layout_also_without_ttl(platform, name, rtts):
    assert netparse.parse_ping_output(real(platform, name)) == {"received": len(rtts), "rtts_ms": rtts}


@pytest.mark.parametrize(("name", "interface"), [("netstat_rn_10.12.6.txt", "en0"), ("netstat_rnl_10.14.6.txt", "en0")])
def test_old_macos_netstat_layouts_give_the_interface_not_a_counter(name, interface):
    routes = netparse.parse_netstat_rn(real("macos", name))
    assert routes[0]["interface"] == interface
    assert all(not r["interface"].isdigit() for r in routes)


def test_route_get_default_on_macos():
    assert netparse.parse_route_get(real("macos", "route_n_get_default_10.12.6.txt")) == {"gateway": "10.0.2.2", "interface": "en0"}


@pytest.mark.parametrize(("name", "gateway"), [("route_print_en_win10.txt", "192.168.31.1"), ("route_print_4_en_win10.txt", "10.0.0.1")])
def test_route_print_default_route_on_real_windows_10(name, gateway):
    (route,) = netparse.parse_route_print(real("windows", name))
    assert route["gateway"] == gateway


def test_russian_windows_ping_replies_in_ms_cyrillic():
    """'время=26мс' is 26 ms: four replies out of four, not 'the router does not answer'."""
    assert netparse.parse_ping_output(real("windows", "ping_ru_cp866_decoded.txt")) == {"received": 4, "rtts_ms": [26.0] * 4}


def test_french_ipconfig_all_from_a_real_machine_gateway_after_the_lease_dates_and_two_dns_servers():
    # a student's Wi-Fi on a school network (tests/fixtures/windows/SOURCES): labels with U+00A0 before some colons,
    # the lease dates between the mask and "Passerelle par défaut", the second DNS server on a continuation line
    parsed = netparse.parse_ipconfig_all(real("windows", "ipconfig_all_fr_wifi.txt"))
    assert parsed == {"dns_servers": ["8.8.8.8", "1.1.1.1"], "gateways": ["10.33.79.254"]}


@pytest.mark.parametrize(
    ("name", "rtts"),
    [
        ("ping_fr_replies.txt", [12.0, 7.0, 5.0, 7.0]),  # "Réponse de 10.33.73.111 : octets=32 temps=12 ms TTL=128"
        ("ping_fr_gateway_timeouts.txt", []),  # four "Délai d’attente de la demande dépassé."
        # "Impossible de joindre l’hôte de destination." from the next router: Windows' summary says "reçus = 3"
        # but 1.1.1.1 never answered, so no reply and no time
        ("ping_fr_host_unreachable.txt", []),
    ],
)
def test_french_windows_ping_replies_timeouts_and_unreachable_from_real_machines(name, rtts):
    assert netparse.parse_ping_output(real("windows", name)) == {"received": len(rtts), "rtts_ms": rtts}


def test_french_route_print_default_route_from_a_real_machine():
    assert netparse.parse_route_print(real("windows", "route_print_4_fr.txt")) == [{"gateway": "10.33.19.254", "interface": "10.33.16.34", "metric": "35"}]


@pytest.mark.parametrize(
    ("lang", "name", "signal", "rates"),
    [
        ("en", "Wi-Fi", 42, [103.0, 103.0]),
        ("fr", "Wi-Fi", 80, [103.0, 206.0]),
        ("de", "WLAN", 43, [300.0, 300.0]),
        ("es", "Wi-Fi", 81, [69.0, 206.0]),
        ("it", "Wi-Fi", 85, [130.0, 130.0]),
    ],
)
def test_netsh_wlan_interfaces_in_five_languages(lang, name, signal, rates):
    (wifi,) = netparse.parse_netsh_wlan_interfaces(real("windows", f"netsh_wlan_interfaces_{lang}.txt"))
    assert (wifi["name"], wifi["signal_percent"], wifi["rates_mbps"]) == (name, signal, rates)
    assert wifi["radio"].startswith("802.11")
    # the network's name (its contributors anonymised it "SSID-1") and the profile are never kept
    assert "SSID-1" in real("windows", f"netsh_wlan_interfaces_{lang}.txt")
    assert "SSID-1" not in repr(wifi) and "SomeProfile" not in repr(wifi)


@pytest.mark.parametrize(
    ("name", "servers"),
    [
        ("scutil_dns_10.8_vpn_wlan.txt", ["192.168.80.10", "192.168.80.24"]),
        ("scutil_dns_10.8_vpn_umts.txt", ["139.7.30.126", "139.7.30.125", "192.168.80.10", "192.168.80.24"]),
    ],
)
def test_scutil_dns_default_resolvers_in_order_not_the_scoped_or_mdns_ones(name, servers):
    assert netparse.parse_scutil_dns(real("macos", name)) == servers


def test_dns_servers_set_by_hand_on_linux_and_macos_from_recorded_outputs():
    """Whether the DNS servers were typed in by hand, from the systems' own structured settings (SOURCES beside each file)."""
    from real_outputs import real

    # NetworkManager's own client tests: an active connection taking its DNS servers from the network (same bytes in Polish)
    assert netparse.parse_nmcli_dns_setting(real("linux", "nmcli_terse_con_show_vpn_nm_test.txt")) == []
    # a real connection with one DNS server typed in by hand
    assert netparse.parse_nmcli_dns_setting(real("linux", "nmcli_terse_ipv4_hand_dns.txt")) == ["172.16.33.119"]
    assert netparse.parse_nmcli_dns_setting("Error: nmcli terminated by signal Interrupt (2)\n") is None
    # macOS: the fixed sentence when none is set by hand, the servers when some are; the list of services without its note
    assert netparse.parse_networksetup_dns(real("macos", "networksetup_getdnsservers_none_issue.txt")) == []
    assert netparse.parse_networksetup_dns(real("macos", "networksetup_getdnsservers_hand_issue.txt")) == ["8.8.8.8", "8.8.4.4"]
    assert netparse.parse_networksetup_dns("** Error: The parameters were not valid.\n") is None
    services = netparse.parse_networksetup_services(real("macos", "networksetup_listallnetworkservices_issue.txt"))
    assert services == ["USB 10/100/1000 LAN", "Wi-Fi", "Thunderbolt Bridge"]


def test_the_proxy_bypass_list_is_read_as_browsers_and_requests_read_it():
    """Stop 31: NO_PROXY=support.lab.example still sent support through the proxy. Names take the names under them,
    a port only that port, "*" every site, ranges their addresses; nothing else goes straight."""
    goes_straight = netparse.bypasses_proxy
    assert goes_straight("https://support.lab.example:8443/v1", "localhost, support.lab.example")
    assert goes_straight("https://a.corp.example/", ".corp.example") and goes_straight("https://a.corp.example/", "*.corp.example")
    assert goes_straight("https://corp.example/", "corp.example") and not goes_straight("https://notcorp.example/", "corp.example")
    assert goes_straight("https://any.example/", "intranet,*") and not goes_straight("https://any.example/", "intranet")
    assert goes_straight("https://s.example:8443/", "s.example:8443") and not goes_straight("https://s.example/", "s.example:8443")
    assert goes_straight("https://10.1.2.3/", "10.0.0.0/8") and not goes_straight("https://11.1.2.3/", "10.0.0.0/8")
    assert goes_straight("http://[::1]:8080/", "::1") and not goes_straight("https://www.example.com/", "")
    # final read of stop 31: the most common Windows ProxyOverride and macOS exception entries were not honoured, so an
    # internal support server at 10.x still went through the relay: wildcards, macOS' short ranges, Windows' "<local>"
    assert goes_straight("https://10.1.2.3/", "10.*") and goes_straight("https://192.168.1.20:8443/", "192.168.*")
    assert not goes_straight("https://11.1.2.3/", "10.*") and not goes_straight("https://www.example.com/", "10.*")
    assert goes_straight("https://a.b.corp.example/", "*.corp.*") and not goes_straight("https://corp.example/", "*.corp.*")
    assert goes_straight("http://169.254.3.4/", "169.254/16") and goes_straight("http://10.9.9.9/", "10/8")
    assert not goes_straight("http://169.255.3.4/", "169.254/16")
    assert goes_straight("https://intranet/", "<local>") and goes_straight("http://127.0.0.1:8080/", "<local>")
    assert not goes_straight("https://www.example.com/", "<local>") and not goes_straight("https://10.1.2.3/", "<local>")
