"""Parsers of the network settings of Windows, macOS and Linux, on recorded outputs."""

from __future__ import annotations

from pathlib import Path

from selfcheck import netparse

FIXTURES = Path(__file__).parent / "fixtures" / "network"


def fixture(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


def test_netsh_winhttp_direct_in_english_and_french():
    for name in ("netsh_winhttp_direct_en.txt", "netsh_winhttp_direct_fr.txt"):
        parsed = netparse.parse_netsh_winhttp_proxy(fixture(name))
        assert parsed == {"proxies": {}, "bypass": [], "direct": True}, name


def test_netsh_winhttp_proxy_english():
    parsed = netparse.parse_netsh_winhttp_proxy(fixture("netsh_winhttp_proxy_en.txt"))
    assert parsed["proxies"] == {"http": "http://proxy.corp.example:8080", "https": "http://proxy.corp.example:8080"}
    assert parsed["bypass"] == ["*.corp.example", "<local>"]


def test_netsh_winhttp_proxy_french_per_scheme_and_no_bypass():
    parsed = netparse.parse_netsh_winhttp_proxy(fixture("netsh_winhttp_proxy_fr.txt"))
    assert parsed["proxies"] == {"http": "http://proxy.corp.example:3128", "https": "http://proxy.corp.example:3129"}
    assert parsed["bypass"] == []


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


def test_scutil_proxy_direct():
    found = netparse.proxies_from_scutil(fixture("scutil_proxy_direct.txt"))
    assert found["proxies"] == {} and found["pac_url"] is None


def test_environment_proxies_lower_case_and_all_proxy():
    env = {"HTTPS_PROXY": "proxy:3128", "all_proxy": "http://every:1", "no_proxy": "localhost, .corp"}
    assert netparse.proxies_from_environment(env) == {"http": "http://every:1", "https": "http://proxy:3128", "no_proxy": "localhost,.corp"}
    assert netparse.proxies_from_environment({"no_proxy": "x"}) == {}
