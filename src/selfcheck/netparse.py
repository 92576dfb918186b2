"""Pure parsers of the network settings each operating system reports.

Every function takes the text a command printed (or values read from the
registry) and returns plain data, so they are tested on recorded outputs from
Windows (English and French), macOS and Linux without running there.
Localised Windows output is handled by shape (key/value layout, addresses),
not by the words of one language.
"""

from __future__ import annotations

import fnmatch
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


def _short_range(entry: str) -> str:
    """macOS' exceptions write a range with its zero parts left out ("169.254/16", "10/8"): written whole."""
    base, slash, bits = entry.partition("/")
    parts = base.split(".")
    if slash and bits.isdigit() and 0 < len(parts) < 4 and all(p.isdigit() for p in parts):
        return ".".join(parts + ["0"] * (4 - len(parts))) + "/" + bits
    return entry


def bypasses_proxy(url: str, no_proxy: str | None) -> bool:
    """True when ``url`` goes straight, not through the proxy, under the ``no_proxy`` list, as curl, requests and
    browsers read it: "*" (every site), a name and every name under it ("example.com", ".example.com" and
    "*.example.com" all take www.example.com), "name:port" (that port only), an address or a range ("10.0.0.0/8",
    macOS' "169.254/16"), Windows' and macOS' wildcards ("10.*", "192.168.*") and Windows' "<local>" (names without a
    dot, and this computer)."""
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    host = (parts.hostname or "").lower().rstrip(".")
    try:
        port = parts.port or {"https": 443, "http": 80}.get(parts.scheme)
    except ValueError:
        port = None
    if not host:
        return False
    try:
        address: ipaddress.IPv4Address | ipaddress.IPv6Address | None = ipaddress.ip_address(host)
    except ValueError:
        address = None
    for entry in parse_bypass_list(no_proxy or ""):
        entry = entry.lower()
        if entry == "*":
            return True
        if entry == "<local>":  # Windows' ProxyOverride: every name without a dot, and this computer itself
            if (address is None and "." not in host) or host == "localhost" or (address is not None and address.is_loopback):
                return True
            continue
        if "*" in entry.lstrip("*") or "?" in entry:  # Windows' and macOS' wildcards: "10.*", "192.168.*", "*.corp.*"
            if fnmatch.fnmatchcase(host, entry):
                return True
            continue
        entry = _short_range(entry)
        name, wanted_port = entry, None
        if entry.startswith("["):  # [::1]:8080
            name, _sep, rest = entry[1:].partition("]")
            wanted_port = rest[1:] if rest.startswith(":") else None
        elif entry.count(":") == 1:
            name, _sep, wanted_port = entry.partition(":")
        if wanted_port and (not wanted_port.isdigit() or int(wanted_port) != port):
            continue
        if address is not None:
            try:
                if address in ipaddress.ip_network(name, strict=False):
                    return True
            except ValueError:
                pass
            continue
        name = name.lstrip("*").lstrip(".").rstrip(".")
        if name and (host == name or host.endswith("." + name)):
            return True
    return False


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


#: WinHttpSettings' flags (the third DWORD): 1 direct, 2 a named proxy; 4 (PAC) and 8 (auto-detect) are read as "not known"
_WINHTTP_DIRECT, _WINHTTP_PROXY = 1, 2
_WINHTTP_MAX_STRING = 32768


def parse_winhttp_settings(blob: bytes | bytearray | None) -> dict[str, Any] | None:
    """The machine-wide WinHTTP proxy as Windows stores it, language-independent.

    HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Internet Settings\\Connections,
    value WinHttpSettings (REG_BINARY, what ``netsh winhttp set/reset/import proxy``
    writes): little-endian DWORDs: a header (0x18 or 0x28 in recordings), a counter,
    flags (1 direct, 2 proxy); then a DWORD length and that many ASCII bytes of proxy
    server(s), and the same for the bypass list.

    Returns what :func:`parse_netsh_winhttp_proxy` returns, or None when the bytes
    do not read as that structure (truncated, lengths past the end, not ASCII,
    flags this parser does not know): "not known", never "direct".
    """
    if not isinstance(blob, (bytes, bytearray)) or len(blob) < 12 or len(blob) > 2 * _WINHTTP_MAX_STRING + 64:
        return None
    data = bytes(blob)
    flags = int.from_bytes(data[8:12], "little")
    if flags & _WINHTTP_PROXY:
        strings: list[str] = []
        offset = 12
        for _ in range(2):
            if offset + 4 > len(data):
                return None
            length = int.from_bytes(data[offset : offset + 4], "little")
            offset += 4
            if length > _WINHTTP_MAX_STRING or offset + length > len(data):
                return None
            raw = data[offset : offset + length]
            offset += length
            if any(b < 0x20 or b > 0x7E for b in raw):
                return None
            strings.append(raw.decode("ascii"))
        proxies = parse_proxy_server_string(strings[0])
        if not proxies:
            return None
        return {"proxies": proxies, "bypass": parse_bypass_list(strings[1]), "direct": False}
    if flags == _WINHTTP_DIRECT:
        return {"proxies": {}, "bypass": [], "direct": True}
    return None


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


def parse_nmcli_dns_setting(text: str) -> list[str] | None:
    """`nmcli -t -f ipv4.dns,ipv4.ignore-auto-dns connection show <id>` (terse: the same in every language):
    the IPv4 DNS servers typed into that connection by hand ([] when it takes them from the network), None when unread."""
    values = {}
    for line in text.splitlines():
        key, sep, value = line.partition(":")
        if sep and key in ("ipv4.dns", "ipv4.ignore-auto-dns"):
            values[key] = value.strip()
    if "ipv4.dns" not in values:
        return None
    return _unique(s.strip() for s in values["ipv4.dns"].split(",") if is_ip(s.strip()))


def parse_networksetup_dns(text: str) -> list[str] | None:
    """macOS `networksetup -getdnsservers <service>`: the servers set by hand on that service, one a line, or a
    fixed English sentence (not localised) when there are none ([]); None when the output is neither."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if lines and all(is_ip(line) for line in lines):
        return _unique(lines)
    if len(lines) == 1 and lines[0].startswith("There aren't any DNS Servers set on"):
        return []
    return None


def parse_networksetup_services(text: str) -> list[str]:
    """macOS `networksetup -listallnetworkservices`: the services, without the note on its first line and without
    the disabled ones (an asterisk before the name)."""
    return [line.strip() for line in text.splitlines() if line.strip() and not line.startswith(("An asterisk", "*"))]


def windows_dns_by_hand(interfaces: Iterable[Mapping[str, Any]]) -> list[str]:
    """Each interface's registry values (Tcpip\\Parameters\\Interfaces\\{GUID}): "NameServer" holds the DNS servers set
    by hand (empty when automatic; "DhcpNameServer" holds those the network gave), comma- or space-separated."""
    return _unique(s for values in interfaces for s in re.split(r"[,\s]+", str(values.get("NameServer") or "")) if is_ip(s))


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


#: Windows puts these site-local addresses (deprecated since RFC 3879) in the DNS list of an
#: adapter that has no DNS server (VMware, VirtualBox, Hyper-V, Tailscale adapters): nothing answers there.
WINDOWS_PLACEHOLDER_DNS = ("fec0:0:0:ffff::1", "fec0:0:0:ffff::2", "fec0:0:0:ffff::3")


def is_placeholder_dns(address: str) -> bool:
    """Whether ``address`` is one of Windows' "no DNS server configured" placeholders (any %zone)."""
    try:
        return str(ipaddress.ip_address(address.split("%")[0])) in {str(ipaddress.ip_address(a)) for a in WINDOWS_PLACEHOLDER_DNS}
    except ValueError:
        return False


def real_dns_servers(servers: Iterable[str]) -> list[str]:
    """The servers worth asking: unique, in order, without Windows' placeholders."""
    return _unique(s for s in servers if not is_placeholder_dns(s))


_IPCONFIG_FIELD = re.compile(r"^(\s+)(\S.*?)(?:[ .\u00a0]*):\s?(.*)$")


def _is_netmask(value: str) -> bool:
    """'255.255.255.0' yes; '192.168.1.10' no (ones then zeros, from /8 up)."""
    try:
        n = int(ipaddress.IPv4Address(value.split("(")[0].strip()))
    except ValueError:
        return False
    host = n ^ 0xFFFFFFFF
    return n >> 24 == 255 and host & (host + 1) == 0


def _ipconfig_blocks(text: str) -> list[list[tuple[str, list[str]]]]:
    """Adapters of ``ipconfig [/all]`` as lists of (label, values) in printed order.

    A field is an indented "label . . . : value" line; lines indented further with
    only a value continue the field before (several DNS servers, gateways). An
    unindented line (an adapter's title, a prompt) starts a new block."""
    blocks: list[list[tuple[str, list[str]]]] = [[]]
    field_indent = None
    for raw in text.splitlines():
        line = raw.rstrip("\r")
        if not line.strip():
            continue
        if not line[0].isspace():
            blocks.append([])
            field_indent = None
            continue
        indent = len(line) - len(line.lstrip())
        match = _IPCONFIG_FIELD.match(line)
        if blocks[-1] and field_indent is not None and indent > field_indent + 4:
            blocks[-1][-1][1].append(line.strip())  # a continuation: value only, aligned under the values
            continue
        if match:
            field_indent = indent
            blocks[-1].append((match.group(2).strip(), [match.group(3).strip()] if match.group(3).strip() else []))
    return [b for b in blocks if b]


def _address(value: str) -> str | None:
    """'192.168.1.1', 'fe80::1%12' or '10.0.0.2(Preferred)' / '(Bevorzugt)' -> the address; None otherwise."""
    token = re.split(r"[\s(]", value.strip(), maxsplit=1)[0] if value.strip() else ""
    return token if token and is_ip(token) else None


def parse_ipconfig_all(text: str) -> dict[str, Any]:
    """`ipconfig /all` or `ipconfig` in any display language -> {"dns_servers": [...], "gateways": [...]}.

    Labels are translated ("Default Gateway", "Standardgateway", "Oletusyhdyskäytävä",
    "Основной шлюз"), so fields are found by the layout, which is the same in every
    language: in each adapter the gateway is the first field after the subnet mask
    whose value is an address or nothing (lease dates come in between); DNS servers
    are the fields whose label holds the acronym "DNS", which no translation changes,
    and whose values are addresses (the DNS suffix fields hold names). Windows'
    placeholder servers (fec0:0:0:ffff::1-3) are left out."""
    dns: list[str] = []
    gateways: list[str] = []
    for block in _ipconfig_blocks(text):
        after_mask = False
        gateway_seen = False
        for label, values in block:
            addresses = [a for a in (_address(v) for v in values) if a]
            if values and _is_netmask(values[0]):
                after_mask = True
                continue
            if after_mask and not gateway_seen and (not values or addresses):
                gateways.extend(addresses)
                gateway_seen = True
                continue
            if "dns" in label.lower() and addresses:
                dns.extend(addresses)
    return {"dns_servers": real_dns_servers(dns), "gateways": _unique(g for g in gateways if g not in ("0.0.0.0", "::"))}


def parse_powershell_dns(data: Any) -> list[str]:
    """ConvertTo-Json of Get-DnsClientServerAddress (one object or a list)."""
    items = data if isinstance(data, list) else [data]
    servers: list[str] = []
    for item in items:
        if isinstance(item, dict):
            addresses = item.get("ServerAddresses") or []
            servers.extend(str(a) for a in (addresses if isinstance(addresses, list) else [addresses]) if is_ip(str(a)))
    return real_dns_servers(servers)


# ---------------------------------------------------------------- ping

_NOT_TIME = re.compile(r"\b(?:ttl|hlim|icmp_seq|seq)\s?=\s?\d+", re.IGNORECASE)
_NUMBER_AFTER = re.compile(r"[=<]\s?(\d+(?:[.,]\d+)?)")


def _after_address(line: str) -> str | None:
    """What follows the first IP address named in ``line``; None when it names none."""
    for match in re.finditer(r"[0-9A-Fa-f:.%]*[:.][0-9A-Fa-f:.%]*", line):
        token = match.group().rstrip(":.,")
        if ("." in token or ":" in token) and is_ip(token):
            return line[match.start() + len(token) :]
    return None


def parse_ping_output(text: str) -> dict[str, Any]:
    """Replies and round-trip times from any system ping's output, in any language.

    A reply line names an address followed by "label=number" pairs; the round trip is
    the last of them once the TTL, hop limit and sequence number are set aside. That holds for "time=3ms
    TTL=64", "Zeit<1ms TTL=64", "время=1мс TTL=64", "時間 <1ms TTL=64", for IPv6
    replies that print no TTL at all ("Reply from ::1: time<1ms") and for Unix pings
    ("icmp_seq=1 ttl=57 time=8.42 ms"). Header, error and summary lines have no
    address with such pairs, or no pair at all."""
    rtts = []
    for line in text.splitlines():
        rest = _after_address(line)
        if rest is None:
            continue
        numbers = _NUMBER_AFTER.findall(_NOT_TIME.sub(" ", rest))
        if not numbers:
            continue
        value = float(numbers[-1].replace(",", "."))
        if value < 60000:  # a wrong clock can make ping print nonsense
            rtts.append(value)
    return {"received": len(rtts), "rtts_ms": rtts}


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
    """macOS `netstat -rn` (-f inet or both families): the 'default' lines.

    The columns changed between versions (Refs/Use, then Mtu, then neither), so the
    interface is read from the column the header names "Netif", not from a position."""
    routes = []
    netif = None
    for line in text.splitlines():
        parts = line.split()
        if parts and parts[0] == "Destination":
            netif = parts.index("Netif") if "Netif" in parts else None
            continue
        if len(parts) >= 4 and parts[0] == "default" and is_ip(parts[1].split("%")[0]) and "G" in parts[2]:
            if netif is not None and netif < len(parts):
                interface = parts[netif]
            else:  # no header: the first name after the flags that is not a number
                interface = next((p for p in parts[3:] if not p.isdigit() and p != "-"), "")
            routes.append({"gateway": parts[1].split("%")[0], "interface": interface, "metric": "0"})
    return routes


def parse_route_get(text: str) -> dict[str, str]:
    """macOS `route -n get default` -> {"gateway", "interface"} (labels are not translated)."""
    found: dict[str, str] = {}
    for line in text.splitlines():
        key, sep, value = line.partition(":")
        key, value = key.strip(), value.strip()
        if sep and key == "gateway" and is_ip(value.split("%")[0]):
            found["gateway"] = value.split("%")[0]
        elif sep and key == "interface" and value:
            found["interface"] = value
    return found


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
    """`netsh wlan show interfaces` in any display language: signal % and rates, never the SSID.

    Each interface is a run of indented "label : value" lines whose first value is
    its name ("Name", "Nom", "Nombre", "Nome"...). The signal is the value ending in
    '%', the radio type the value starting with "802.11", the rates the values of the
    labels in Mbps (receive first, then transmit, in every language). The hosted
    network's one-line block that follows is not an interface."""
    interfaces: list[dict[str, Any]] = []
    block: list[tuple[str, str]] = []

    def flush() -> None:
        if len(block) < 4:
            return
        current: dict[str, Any] = {"name": block[0][1], "signal_percent": None, "rates_mbps": []}
        for key, value in block[1:]:
            percent = re.fullmatch(r"(\d{1,3})\s?%", value.replace("\u00a0", " "))
            if percent and current["signal_percent"] is None:
                current["signal_percent"] = int(percent.group(1))
            elif re.search(r"\(mbps\)|\(mbits?/s\)", key.lower()):
                try:
                    current["rates_mbps"].append(float(value.replace(",", ".")))
                except ValueError:
                    pass
            elif value.startswith("802.11"):
                current["radio"] = value
        interfaces.append(current)

    for line in text.splitlines():
        key, sep, value = line.partition(":")
        if not sep or not line[:1].isspace() or not key.strip():
            flush()
            block = []
            continue
        block.append((key.strip(), value.strip()))
    flush()
    return interfaces
