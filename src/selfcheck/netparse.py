"""Pure parsers of the network settings each operating system reports.

Every function takes the text a command printed (or values read from the
registry) and returns plain data, so they are tested on recorded outputs from
Windows (English and French), macOS and Linux without running there.
Localised Windows output is handled by shape (key/value layout, addresses),
not by the words of one language.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Iterable, Mapping
from typing import Any

# ---------------------------------------------------------------- addresses


def is_ip(text: str) -> bool:
    try:
        ipaddress.ip_address(text.split("%")[0])
    except ValueError:
        return False
    return True


def _ips_in(text: str) -> list[str]:
    found = []
    for token in re.findall(r"[0-9A-Fa-f:.%]+", text):
        token = token.strip(".")
        if ("." in token or ":" in token) and is_ip(token):
            found.append(token.split("%")[0] if ":" not in token else token)
    return found


def _unique(items: Iterable[str]) -> list[str]:
    seen: list[str] = []
    for item in items:
        if item and item not in seen:
            seen.append(item)
    return seen


# ---------------------------------------------------------------- proxies


def normalise_proxy_url(value: str, scheme: str = "http") -> str:
    """'proxy:8080' -> 'http://proxy:8080'; URLs are kept as they are."""
    value = value.strip()
    if not value:
        return ""
    if "://" not in value:
        value = f"{scheme}://{value}"
    return value


def parse_proxy_server_string(value: str) -> dict[str, str]:
    """Windows' ProxyServer value: 'host:port' or 'http=h:p;https=h:p;socks=h:p'.

    Returns requests-style proxies ({"http": url, "https": url}).
    """
    value = value.strip()
    if not value:
        return {}
    if "=" not in value:
        url = normalise_proxy_url(value)
        return {"http": url, "https": url}
    proxies: dict[str, str] = {}
    for part in value.split(";"):
        key, _sep, server = part.partition("=")
        key, server = key.strip().lower(), server.strip()
        if not server:
            continue
        if key in ("http", "https"):
            proxies[key] = normalise_proxy_url(server)
        elif key == "socks" and "https" not in proxies:
            proxies.setdefault("socks", normalise_proxy_url(server, "socks4"))
    return proxies


def parse_bypass_list(value: str) -> list[str]:
    """'<local>;*.corp.example' or 'localhost,127.0.0.1' -> a list of patterns."""
    return [p.strip() for p in re.split(r"[;,\s]+", value or "") if p.strip()]


def proxies_from_environment(environ: Mapping[str, str]) -> dict[str, str]:
    """The proxies the usual environment variables ask for (lower case wins, like curl)."""
    proxies: dict[str, str] = {}
    for scheme in ("http", "https", "all"):
        value = environ.get(f"{scheme}_proxy") or environ.get(f"{scheme.upper()}_PROXY")
        if value:
            proxies[scheme] = normalise_proxy_url(value)
    if "all" in proxies:
        every = proxies.pop("all")
        proxies.setdefault("http", every)
        proxies.setdefault("https", every)
    no_proxy = environ.get("no_proxy") or environ.get("NO_PROXY")
    if no_proxy and proxies:
        proxies["no_proxy"] = ",".join(parse_bypass_list(no_proxy))
    return proxies


def proxies_from_internet_settings(values: Mapping[str, Any]) -> dict[str, Any]:
    """Windows HKCU\\...\\Internet Settings values -> {"proxies", "bypass", "pac_url", "auto_detect"}."""
    enabled = bool(int(values.get("ProxyEnable", 0) or 0))
    proxies = parse_proxy_server_string(str(values.get("ProxyServer") or "")) if enabled else {}
    bypass = parse_bypass_list(str(values.get("ProxyOverride") or "")) if enabled else []
    pac = str(values.get("AutoConfigURL") or "").strip() or None
    return {"proxies": proxies, "bypass": bypass, "pac_url": pac, "auto_detect": bool(int(values.get("AutoDetect", 0) or 0))}


def parse_netsh_winhttp_proxy(text: str) -> dict[str, Any]:
    """`netsh winhttp show proxy` in any display language.

    Direct access prints one sentence and no "key : value" line; a proxy prints
    two: the server(s), then the bypass list.
    """
    pairs = []
    for line in text.splitlines():
        if " : " in line or re.search(r"\S\s*:\s+\S", line):
            key, _sep, value = line.partition(":")
            value = value.strip()
            if key.strip() and value and not key.strip().endswith(("WinHTTP", "WinHTTP ")):
                pairs.append((key.strip(), value))
    if not pairs:
        return {"proxies": {}, "bypass": [], "direct": True}
    server = pairs[0][1]
    bypass = parse_bypass_list(pairs[1][1]) if len(pairs) > 1 else []
    bypass = [b for b in bypass if b.lower() not in ("(none)", "(aucun)", "(aucune)", "(keine)")]
    return {"proxies": parse_proxy_server_string(server), "bypass": bypass, "direct": False}


def parse_scutil_dict(text: str) -> dict[str, Any]:
    """The nested ``<dictionary> { key : value }`` text of macOS scutil."""
    root: dict[str, Any] = {}
    stack: list[Any] = [root]
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("<dictionary> {") and len(stack) == 1 and not root:
            continue
        if line == "}":
            if len(stack) > 1:
                stack.pop()
            continue
        key, sep, value = line.partition(" : ")
        if not sep:
            continue
        key, value = key.strip(), value.strip()
        container = stack[-1]
        if value in ("<array> {", "<dictionary> {"):
            child: Any = [] if value.startswith("<array>") else {}
            if isinstance(container, dict):
                container[key] = child
            else:
                container.append(child)
            stack.append(child)
            continue
        if isinstance(container, dict):
            container[key] = value
        else:
            container.append(value)
    return root


def proxies_from_scutil(text: str) -> dict[str, Any]:
    """`scutil --proxy` -> {"proxies", "bypass", "pac_url", "auto_detect"}."""
    data = parse_scutil_dict(text)
    proxies: dict[str, str] = {}
    for scheme, prefix in (("http", "HTTP"), ("https", "HTTPS")):
        if data.get(f"{prefix}Enable") == "1" and data.get(f"{prefix}Proxy"):
            port = data.get(f"{prefix}Port")
            proxies[scheme] = normalise_proxy_url(f"{data[f'{prefix}Proxy']}:{port}" if port else data[f"{prefix}Proxy"])
    if data.get("SOCKSEnable") == "1" and data.get("SOCKSProxy") and not proxies:
        port = data.get("SOCKSPort")
        proxies["socks"] = normalise_proxy_url(f"{data['SOCKSProxy']}:{port}" if port else data["SOCKSProxy"], "socks5")
    exceptions = data.get("ExceptionsList")
    bypass = [str(e) for e in exceptions] if isinstance(exceptions, list) else []
    pac = data.get("ProxyAutoConfigURLString") if data.get("ProxyAutoConfigEnable") == "1" else None
    return {"proxies": proxies, "bypass": bypass, "pac_url": pac or None, "auto_detect": data.get("ProxyAutoDiscoveryEnable") == "1"}
