"""Shared network settings: proxy choice and trust, used by checks and uploads (loopback only)."""

from __future__ import annotations

import socket
import ssl
import threading

import pytest
import requests

from real_outputs import real, registry_binary
from selfcheck import netconf
from tlsutil import TLSServer, issue, make_ca


def test_proxy_none_and_explicit_url():
    assert netconf.system_proxies({"network": {"proxy": "none"}}) == {}
    assert netconf.system_proxies({"network": {"proxy": "proxy.lan:3128"}}) == {"http": "http://proxy.lan:3128", "https": "http://proxy.lan:3128"}


def test_system_proxy_from_environment_on_linux():
    settings = netconf.proxy_settings({"network": {"proxy": "system"}}, platform="linux", environ={"https_proxy": "http://p:1", "no_proxy": "a.example"})
    assert settings.source == "environment"
    assert settings.proxies == {"https": "http://p:1", "no_proxy": "a.example"}
    direct = netconf.proxy_settings({}, platform="linux", environ={})
    assert direct.source == "direct" and direct.proxies == {}


def windows_machine(monkeypatch, user: dict, winhttp_blob: bytes | None, netsh_out: str | None = None) -> list[list[str]]:
    """proxy_settings' Windows branch on this machine: the user's Internet Settings, the WinHttpSettings registry
    value and netsh's answer given; returns the commands it ran."""
    ran: list[list[str]] = []

    def run(args, timeout=3.0):
        ran.append(list(args))
        return netsh_out

    monkeypatch.setattr(netconf, "_windows_internet_settings", lambda: user)
    monkeypatch.setattr(netconf, "_windows_winhttp_settings", lambda: winhttp_blob, raising=False)
    monkeypatch.setattr(netconf, "_run", run)
    return ran


def test_windows_machine_proxy_is_read_from_the_registry_value_netsh_only_without_one(monkeypatch):
    # the WinHttpSettings values real machines held (tests/fixtures/windows/SOURCES): after `netsh winhttp set proxy`,
    # and a German Windows 11 without a WinHTTP proxy; no console text in the display language is read
    blob = registry_binary("windows", "winhttpsettings_hexdump_proxy_bypass_blog.txt")
    netsh = real("windows", "netsh_winhttp_set_proxy_en_testproxy.txt")
    ran = windows_machine(monkeypatch, {}, blob, netsh)
    settings = netconf.proxy_settings({}, platform="windows", environ={})
    assert settings.source == "winhttp" and ran == []
    assert settings.proxies == {"http": "http://localhost:8080", "https": "http://localhost:8443", "no_proxy": ".whatever.com,localhost"}
    ran = windows_machine(monkeypatch, {}, registry_binary("windows", "reg_query_winhttpsettings_direct_de_win11.txt"), netsh)
    direct = netconf.proxy_settings({}, platform="windows", environ={})
    assert direct.source == "direct" and direct.proxies == {} and ran == []
    # no value, or one cut short (not known, not direct): netsh answers
    for missing in (None, blob[:40]):
        ran = windows_machine(monkeypatch, {}, missing, netsh)
        fallback = netconf.proxy_settings({}, platform="windows", environ={})
        assert ran == [["netsh", "winhttp", "show", "proxy"]]
        assert fallback.source == "winhttp" and fallback.proxies == {"http": "http://testProxy:8999", "https": "http://testProxy:8999"}
    # the user's own proxy (Internet Settings) keeps its priority over the machine's
    windows_machine(monkeypatch, {"ProxyEnable": 1, "ProxyServer": "proxy.corp.example:8080"}, blob, netsh)
    user = netconf.proxy_settings({}, platform="windows", environ={})
    assert user.source == "windows-user" and user.proxies["https"] == "http://proxy.corp.example:8080"


@pytest.fixture(scope="module")
def tls_lab(tmp_path_factory):
    folder = tmp_path_factory.mktemp("tls")
    ca = make_ca(folder)
    cert, key = issue(ca, folder, ["127.0.0.1", "localhost"])
    server = TLSServer(cert, key, body=b"hello")
    yield ca, server
    server.close()


def test_ssl_context_trusts_extra_ca_file(tls_lab):
    ca, server = tls_lab
    ctx = netconf.ssl_context({"network": {"extra_ca_file": str(ca.cert)}})
    with socket.create_connection(("127.0.0.1", server.port), timeout=5) as raw, ctx.wrap_socket(raw, server_hostname="127.0.0.1") as tls:
        assert tls.version()
    plain = netconf.ssl_context({})
    with pytest.raises(ssl.SSLCertVerificationError), socket.create_connection(("127.0.0.1", server.port), timeout=5) as raw:
        plain.wrap_socket(raw, server_hostname="127.0.0.1")


def test_missing_extra_ca_file_is_reported_not_raised(tmp_path):
    problems: list[str] = []
    ctx = netconf.ssl_context({"network": {"extra_ca_file": str(tmp_path / "nope.pem")}}, problems)
    assert isinstance(ctx, ssl.SSLContext)
    assert problems and "nope.pem" in problems[0]


def test_requests_session_uses_extra_ca_and_no_certifi(tls_lab):
    ca, server = tls_lab
    session = netconf.requests_session({"network": {"proxy": "none", "extra_ca_file": str(ca.cert)}})
    response = session.get(f"https://127.0.0.1:{server.port}/", timeout=5)
    assert response.status_code == 200 and response.text == "hello"
    untrusting = netconf.requests_session({"network": {"proxy": "none"}})
    with pytest.raises(requests.exceptions.SSLError):
        untrusting.get(f"https://127.0.0.1:{server.port}/", timeout=5)


def test_requests_session_goes_through_the_configured_proxy():
    seen: list[bytes] = []
    listener = socket.create_server(("127.0.0.1", 0))
    port = listener.getsockname()[1]

    def proxy() -> None:
        conn, _ = listener.accept()
        with conn:
            seen.append(conn.recv(65536))
            conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 7\r\nConnection: close\r\n\r\nproxied")

    thread = threading.Thread(target=proxy, daemon=True)
    thread.start()
    try:
        session = netconf.requests_session({"network": {"proxy": f"http://127.0.0.1:{port}"}})
        response = session.get("http://intake.invalid/ping", timeout=5)
    finally:
        listener.close()
    assert response.text == "proxied"
    assert seen and seen[0].startswith(b"GET http://intake.invalid/ping HTTP/1.1")


def test_proxy_for_honours_the_bypass_list(monkeypatch):
    monkeypatch.setenv("https_proxy", "http://proxy.corp:3128")
    monkeypatch.setenv("no_proxy", "intranet.corp,.lab.example")
    for name in ("http_proxy", "HTTP_PROXY", "all_proxy", "ALL_PROXY", "HTTPS_PROXY", "NO_PROXY"):
        monkeypatch.delenv(name, raising=False)
    config = {"network": {"proxy": "system"}}
    assert netconf.proxy_for(config, "https://www.example.com/") == "http://proxy.corp:3128"
    assert netconf.proxy_for(config, "https://intranet.corp/") is None
    assert netconf.proxy_for(config, "https://support.lab.example/") is None
    assert netconf.proxy_for(config, "http://www.example.com/") is None  # no proxy for plain HTTP
