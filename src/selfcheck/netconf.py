"""Network settings shared by the network checks and the upload client.

One place decides which proxy to use and which certificates to trust, so the
checks test exactly what an upload will do:

- :func:`proxy_settings` / :func:`system_proxies`: ``[network] proxy`` is
  ``"system"`` (environment variables, then the Windows user settings and
  WinHTTP, or macOS' system configuration), ``"none"``, or a proxy URL. A PAC
  (auto-config) URL is reported where the system sets one; it is not run.
- :func:`ssl_context`: the operating system's trust store (``truststore``:
  the Windows and macOS stores, where company CAs are installed) plus
  ``[network] extra_ca_file``.
- :func:`requests_session`: a ``requests.Session`` using both.

Reading settings never raises: a failure is logged and reported in
``ProxySettings.problems``.
"""

from __future__ import annotations

import logging
import os
import ssl
import subprocess
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from selfcheck import netparse

log = logging.getLogger(__name__)

INTERNET_SETTINGS_KEY = r"Software\Microsoft\Windows\CurrentVersion\Internet Settings"
#: HKLM: the machine-wide WinHTTP proxy, value WinHttpSettings (REG_BINARY, netparse.parse_winhttp_settings)
WINHTTP_CONNECTIONS_KEY = INTERNET_SETTINGS_KEY + r"\Connections"


def _network_section(config: Any) -> Mapping[str, Any]:
    data = getattr(config, "data", config)
    section = data.get("network") if isinstance(data, Mapping) else None
    return section if isinstance(section, Mapping) else {}


@dataclass
class ProxySettings:
    """The proxy in force and where it came from."""

    #: requests-style: {"http": url, "https": url, "no_proxy": "a,b"}; empty = direct
    proxies: dict[str, str] = field(default_factory=dict)
    #: "config", "none", "environment", "windows-user", "winhttp", "macos", "direct"
    source: str = "direct"
    pac_url: str | None = None
    auto_detect: bool = False
    bypass: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "proxies": dict(self.proxies),
            "source": self.source,
            "pac_url": self.pac_url,
            "auto_detect": self.auto_detect,
            "bypass": list(self.bypass),
            "problems": list(self.problems),
        }


def _run(args: list[str], timeout: float = 3.0) -> str | None:
    kwargs: dict[str, Any] = {}
    if sys.platform.startswith("win"):  # pragma: no cover - Windows only
        from selfcheck.platforms.windows import console_encoding

        kwargs["creationflags"] = getattr(subprocess, "CREATE_NO_WINDOW", 0)
        kwargs["encoding"] = console_encoding()
    try:
        proc = subprocess.run(args, capture_output=True, text=True, errors="replace", timeout=timeout, stdin=subprocess.DEVNULL, check=False, **kwargs)
    except (OSError, subprocess.SubprocessError) as exc:
        log.info("could not run %s: %s", args[0], exc)
        return None
    return proc.stdout if proc.returncode == 0 else None


def _windows_internet_settings() -> dict[str, Any]:  # pragma: no cover - Windows only
    import winreg  # type: ignore[import-not-found,unused-ignore]

    values: dict[str, Any] = {}
    with winreg.OpenKey(winreg.HKEY_CURRENT_USER, INTERNET_SETTINGS_KEY) as key:  # type: ignore[attr-defined,unused-ignore]
        for name in ("ProxyEnable", "ProxyServer", "ProxyOverride", "AutoConfigURL", "AutoDetect"):
            try:
                values[name] = winreg.QueryValueEx(key, name)[0]  # type: ignore[attr-defined,unused-ignore]
            except OSError:
                pass
    return values


def _windows_winhttp_settings() -> bytes | None:  # pragma: no cover - Windows only
    """The WinHttpSettings blob, from the 64-bit registry view WinHTTP's services read; None when absent."""
    import winreg  # type: ignore[import-not-found,unused-ignore]

    access = winreg.KEY_READ | winreg.KEY_WOW64_64KEY  # type: ignore[attr-defined,unused-ignore]
    try:
        with winreg.OpenKey(winreg.HKEY_LOCAL_MACHINE, WINHTTP_CONNECTIONS_KEY, 0, access) as key:  # type: ignore[attr-defined,unused-ignore]
            value, kind = winreg.QueryValueEx(key, "WinHttpSettings")  # type: ignore[attr-defined,unused-ignore]
    except FileNotFoundError:
        return None
    return bytes(value) if kind == winreg.REG_BINARY and isinstance(value, (bytes, bytearray)) else None  # type: ignore[attr-defined,unused-ignore]


def _winhttp_proxy() -> dict[str, Any] | None:
    """The machine-wide WinHTTP proxy: the registry value, or netsh's text when the value is missing or unreadable."""
    try:
        found = netparse.parse_winhttp_settings(_windows_winhttp_settings())
    except OSError as exc:
        log.info("could not read WinHttpSettings: %s", exc)
        found = None
    if found is None:
        out = _run(["netsh", "winhttp", "show", "proxy"])
        found = netparse.parse_netsh_winhttp_proxy(out) if out else None
    return found


def _apply_bypass(settings: ProxySettings) -> ProxySettings:
    if settings.proxies and settings.bypass and "no_proxy" not in settings.proxies:
        # "*.corp.example" reads as ".corp.example"; other wildcards ("10.*") and "<local>" are kept for netparse.bypasses_proxy
        patterns = [b.replace("*.", ".", 1) if b.startswith("*.") and "*" not in b[2:] else b for b in settings.bypass]
        if patterns:
            settings.proxies["no_proxy"] = ",".join(netparse._unique(patterns))
    return settings


def proxy_settings(config: Any = None, *, platform: str | None = None, environ: Mapping[str, str] | None = None) -> ProxySettings:
    """The proxy to use, following ``[network] proxy``."""
    from selfcheck.api import current_platform

    wanted = str(_network_section(config).get("proxy", "system") or "system").strip()
    if wanted.lower() == "none":
        return ProxySettings(source="none")
    if wanted.lower() != "system":
        url = netparse.normalise_proxy_url(wanted)
        return ProxySettings({"http": url, "https": url}, source="config")
    env = os.environ if environ is None else environ
    from_env = netparse.proxies_from_environment(env)
    if from_env:
        return ProxySettings(from_env, source="environment")
    platform = platform or current_platform()
    settings = ProxySettings()
    if platform == "windows":
        try:
            found = netparse.proxies_from_internet_settings(_windows_internet_settings())
        except OSError as exc:
            settings.problems.append(f"registry: {exc}")
            found = {"proxies": {}, "bypass": [], "pac_url": None, "auto_detect": False}
        settings.pac_url, settings.auto_detect = found["pac_url"], found["auto_detect"]
        if found["proxies"]:
            settings.proxies, settings.bypass, settings.source = found["proxies"], found["bypass"], "windows-user"
            return _apply_bypass(settings)
        winhttp = _winhttp_proxy()
        if winhttp and winhttp["proxies"]:
            settings.proxies, settings.bypass, settings.source = winhttp["proxies"], winhttp["bypass"], "winhttp"
            return _apply_bypass(settings)
    elif platform == "darwin":  # pragma: no cover - macOS only
        out = _run(["scutil", "--proxy"])
        if out:
            found = netparse.proxies_from_scutil(out)
            settings.pac_url, settings.auto_detect = found["pac_url"], found["auto_detect"]
            if found["proxies"]:
                settings.proxies, settings.bypass, settings.source = found["proxies"], found["bypass"], "macos"
                return _apply_bypass(settings)
    return settings


def system_proxies(config: Any = None) -> dict[str, str]:
    """requests-style proxies for ``config`` (empty: connect directly)."""
    return dict(proxy_settings(config).proxies)


def proxy_for(config: Any, url: str) -> str | None:
    """The proxy URL to use for ``url`` (None: connect directly), honouring the bypass list."""
    from urllib.parse import urlsplit

    proxies = system_proxies(config)
    proxy = proxies.get(urlsplit(url).scheme or "http")
    if not proxy or netparse.bypasses_proxy(url, proxies.get("no_proxy")):
        return None
    return proxy


def ssl_context(config: Any = None, problems: list[str] | None = None) -> ssl.SSLContext:
    """A client TLS context trusting the OS store plus ``[network] extra_ca_file``.

    A missing or unreadable extra CA file is logged (and appended to
    ``problems``): the OS store alone is used.
    """
    try:
        import truststore

        ctx: ssl.SSLContext = truststore.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    except Exception as exc:  # truststore missing or unsupported OS version
        log.warning("truststore unavailable (%s); using Python's default trust", exc)
        ctx = ssl.create_default_context()
    extra = str(_network_section(config).get("extra_ca_file") or "").strip()
    if extra:
        try:
            ctx.load_verify_locations(cafile=os.path.expanduser(extra))
        except (OSError, ssl.SSLError, ValueError) as exc:
            log.warning("extra_ca_file %s not loaded: %s", extra, exc)
            if problems is not None:
                problems.append(f"extra_ca_file {extra}: {exc}")
    return ctx


def _adapter_class() -> type:
    from requests.adapters import HTTPAdapter

    class ContextAdapter(HTTPAdapter):
        """An HTTPAdapter using our SSLContext (OS trust store + extra CA), not certifi."""

        def __init__(self, context: ssl.SSLContext, **kwargs: Any) -> None:
            self._context = context
            super().__init__(**kwargs)

        def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
            kwargs["ssl_context"] = self._context
            super().init_poolmanager(*args, **kwargs)

        def send(self, request: Any, stream: bool = False, timeout: Any = None, verify: Any = True, cert: Any = None, proxies: Any = None) -> Any:
            # the session does not read the environment (trust_env is off), so requests would not apply the bypass
            # list ("no_proxy") kept among the proxies: sites on it go straight, as in a browser (stop 31)
            if proxies and netparse.bypasses_proxy(request.url, proxies.get("no_proxy")):
                proxies = {}
            return super().send(request, stream=stream, timeout=timeout, verify=verify, cert=cert, proxies=proxies)

        def proxy_manager_for(self, proxy: str, **kwargs: Any) -> Any:
            kwargs["ssl_context"] = self._context
            return super().proxy_manager_for(proxy, **kwargs)

        def cert_verify(self, conn: Any, url: str, verify: Any, cert: Any) -> None:
            if verify is True:
                # keep our context's trust: do not load certifi's bundle into it
                conn.cert_reqs = "CERT_REQUIRED"
                conn.ca_certs = None
                conn.ca_cert_dir = None
                return
            super().cert_verify(conn, url, verify, cert)

    return ContextAdapter


def requests_session(config: Any = None) -> Any:
    """A ``requests.Session`` with the configured proxy and trust (for uploads and probes)."""
    import requests

    session = requests.Session()
    session.trust_env = False  # proxies are decided here, from config and the OS
    adapter = _adapter_class()(ssl_context(config))
    session.mount("https://", adapter)
    session.mount("http://", adapter)
    session.proxies = system_proxies(config)
    return session
