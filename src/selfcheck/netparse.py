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


# ---------------------------------------------------------------- DNS resolvers

SYSTEMD_STUBS = ("127.0.0.53", "127.0.0.54")


def parse_resolv_conf(text: str) -> dict[str, Any]:
    """/etc/resolv.conf -> {"nameservers": [...], "search": [...], "options": [...]}"""
    servers, search, options = [], [], []
    for raw in text.splitlines():
        line = raw.split("#", 1)[0].split(";", 1)[0].strip()
        parts = line.split()
        if len(parts) < 2:
            continue
        if parts[0] == "nameserver" and is_ip(parts[1]):
            servers.append(parts[1])
        elif parts[0] in ("search", "domain"):
            search.extend(parts[1:])
        elif parts[0] == "options":
            options.extend(parts[1:])
    return {"nameservers": _unique(servers), "search": search, "options": options}


def uses_systemd_resolved_stub(nameservers: list[str]) -> bool:
    return bool(nameservers) and all(ns in SYSTEMD_STUBS for ns in nameservers)


def parse_resolvectl_dns(text: str) -> list[str]:
    """`resolvectl dns`: 'Global: 1.1.1.1' / 'Link 2 (eth0): 192.168.1.1 fe80::1%2'."""
    servers: list[str] = []
    for line in text.splitlines():
        _label, sep, rest = line.partition(":")
        if sep:
            servers.extend(tok for tok in rest.split() if is_ip(tok.split("#")[0]))
    return _unique(s.split("#")[0] for s in servers)


def parse_scutil_dns(text: str) -> list[str]:
    """`scutil --dns`: nameservers of the default resolvers (those without a domain), in order."""
    servers: list[str] = []
    block: dict[str, Any] = {"ns": [], "domain": None}
    in_scoped = False

    def flush() -> None:
        if block["ns"] and not block["domain"]:
            servers.extend(block["ns"])

    for raw in text.splitlines():
        line = raw.strip()
        if line.startswith("DNS configuration (for scoped queries)"):
            flush()
            block = {"ns": [], "domain": None}
            in_scoped = True
            continue
        if line.startswith("resolver #"):
            flush()
            block = {"ns": [], "domain": None}
            continue
        if in_scoped:
            continue
        key, sep, value = line.partition(":")
        if not sep:
            continue
        key, value = key.strip(), value.strip()
        if key.startswith("nameserver[") and is_ip(value):
            block["ns"].append(value)
        elif key == "domain":
            block["domain"] = value
    if not in_scoped:
        flush()
    return _unique(servers)


def parse_ipconfig_all(text: str) -> dict[str, Any]:
    """`ipconfig /all` (any display language) -> {"dns_servers": [...], "gateways": [...]}.

    A "key . . . : value" line whose key mentions DNS lists servers, continued on
    the next lines that hold only an address; "gateway"/"passerelle" likewise.
    """
    dns: list[str] = []
    gateways: list[str] = []
    current: list[str] | None = None
    for raw in text.splitlines():
        if not raw.strip():
            current = None
            continue
        match = re.match(r"^\s*([^:]*?)[ .\u00a0]*:\s?(.*)$", raw)
        if match and re.search(r"[.]\s*[.]|\s:\s|\u00a0:", raw):
            key, value = match.group(1).lower(), match.group(2).strip()
            if "dns" in key and ("serv" in key):
                current = dns
            elif any(word in key for word in ("gateway", "passerelle", "gateway", "standardgateway", "puerta de enlace")):
                current = gateways
            else:
                current = None
            if current is not None:
                current.extend(_ips_in(value))
            continue
        if current is not None and raw.startswith(" ") and _ips_in(raw.strip()):
            current.extend(_ips_in(raw.strip()))
        else:
            current = None
    return {"dns_servers": _unique(dns), "gateways": _unique(g for g in gateways if g not in ("0.0.0.0", "::"))}


def parse_powershell_dns(data: Any) -> list[str]:
    """ConvertTo-Json of Get-DnsClientServerAddress (one object or a list)."""
    items = data if isinstance(data, list) else [data]
    servers: list[str] = []
    for item in items:
        if isinstance(item, dict):
            addresses = item.get("ServerAddresses") or []
            servers.extend(str(a) for a in (addresses if isinstance(addresses, list) else [addresses]) if is_ip(str(a)))
    return _unique(servers)


# ---------------------------------------------------------------- routes


def parse_proc_net_route(text: str) -> list[dict[str, str]]:
    """Linux /proc/net/route -> the IPv4 default routes [{"gateway", "interface", "metric"}]."""
    routes = []
    for line in text.splitlines()[1:]:
        parts = line.split()
        if len(parts) < 8 or parts[1] != "00000000" or parts[7] != "00000000":
            continue
        flags = int(parts[3], 16)
        if not flags & 0x1:  # RTF_UP
            continue
        gateway = ipaddress.IPv4Address(bytes.fromhex(parts[2])[::-1])
        routes.append({"gateway": str(gateway) if flags & 0x2 else "", "interface": parts[0], "metric": parts[6]})
    return sorted(routes, key=lambda r: int(r["metric"]))


def parse_proc_ipv6_route(text: str) -> list[dict[str, str]]:
    """Linux /proc/net/ipv6_route -> the IPv6 default routes with a next hop."""
    routes = []
    for line in text.splitlines():
        parts = line.split()
        if len(parts) < 10 or parts[0] != "0" * 32 or parts[1] != "00":
            continue
        nexthop = parts[4]
        if nexthop == "0" * 32 or parts[9] == "lo":
            continue
        gateway = ipaddress.IPv6Address(bytes.fromhex(nexthop))
        routes.append({"gateway": str(gateway), "interface": parts[9], "metric": str(int(parts[5], 16))})
    return sorted(routes, key=lambda r: int(r["metric"]))


def parse_route_print(text: str) -> list[dict[str, str]]:
    """Windows `route print -4` (any language): 0.0.0.0 0.0.0.0 <gateway> <interface> <metric> lines."""
    routes = []
    for line in text.splitlines():
        parts = line.split()
        if len(parts) >= 5 and parts[0] == "0.0.0.0" and parts[1] == "0.0.0.0" and is_ip(parts[2]) and parts[4].isdigit():
            routes.append({"gateway": parts[2], "interface": parts[3], "metric": parts[4]})
    unique = {r["gateway"]: r for r in routes}
    return sorted(unique.values(), key=lambda r: int(r["metric"]))


def parse_netstat_rn(text: str) -> list[dict[str, str]]:
    """macOS `netstat -rn` (-f inet or both families): the 'default' lines."""
    routes = []
    for line in text.splitlines():
        parts = line.split()
        if len(parts) >= 4 and parts[0] == "default" and is_ip(parts[1].split("%")[0]) and "G" in parts[2]:
            routes.append({"gateway": parts[1].split("%")[0], "interface": parts[3], "metric": "0"})
    return routes


def parse_networksetup_info(text: str) -> dict[str, str]:
    """macOS `networksetup -getinfo <service>` -> {"ip", "router", "subnet"} (labels are English on every locale)."""
    info: dict[str, str] = {}
    for line in text.splitlines():
        key, sep, value = line.partition(":")
        value = value.strip()
        if not sep or not value or value == "none":
            continue
        key = key.strip().lower()
        if key == "ip address":
            info["ip"] = value
        elif key == "router":
            info["router"] = value
        elif key == "subnet mask":
            info["subnet"] = value
    return info


# ---------------------------------------------------------------- Wi-Fi


def parse_proc_net_wireless(text: str) -> dict[str, dict[str, float]]:
    """Linux /proc/net/wireless -> {iface: {"quality": 0-70, "level_dbm": -50}}."""
    found: dict[str, dict[str, float]] = {}
    for line in text.splitlines()[2:]:
        name, sep, rest = line.partition(":")
        parts = rest.split()
        if not sep or len(parts) < 3:
            continue
        try:
            found[name.strip()] = {"quality": float(parts[1].rstrip(".")), "level_dbm": float(parts[2].rstrip("."))}
        except ValueError:
            continue
    return found


def parse_netsh_wlan_interfaces(text: str) -> list[dict[str, Any]]:
    """`netsh wlan show interfaces` (English, French...): signal % and rates, never the SSID.

    The signal line is the one whose value ends in '%'; rates are the values in
    Mbps (receive first, then transmit, in every language).
    """
    interfaces: list[dict[str, Any]] = []
    current: dict[str, Any] | None = None
    for line in text.splitlines():
        key, sep, value = line.partition(":")
        if not sep:
            continue
        key_l, value = key.strip().lower(), value.strip()
        if key_l in ("name", "nom"):
            current = {"name": value, "signal_percent": None, "rates_mbps": []}
            interfaces.append(current)
            continue
        if current is None:
            continue
        percent = re.fullmatch(r"(\d{1,3})\s?%", value.replace("\u00a0", " "))
        if percent:
            current["signal_percent"] = int(percent.group(1))
        elif re.search(r"\(mbps\)|\(mbits/s\)|\(mbit/s\)", key_l):
            try:
                current["rates_mbps"].append(float(value.replace(",", ".")))
            except ValueError:
                pass
        elif key_l in ("radio type", "type de radio"):
            current["radio"] = value
    return interfaces
