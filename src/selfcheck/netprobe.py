"""Network probes for the network checks: short, bounded, never the OS resolver.

Every probe returns a plain dict (facts) with a ``status`` word and never
raises for network trouble. Names are resolved by querying the configured
resolvers directly (dnspython wire format, resends, a hard deadline), because
the OS resolver can hang for ten seconds on a resolver that drops queries.
"""

from __future__ import annotations

import errno
import functools
import ipaddress
import os
import re
import select
import socket
import ssl
import struct
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from typing import Any
from urllib.parse import urlsplit

from selfcheck import netparse

NTP_EPOCH_OFFSET = 2208988800

#: comma-separated networks probes may reach (unset: any). The test suite sets it
#: to loopback and its lab networks so no test can touch a real network.
ALLOW_ENV = "SELFCHECK_NETWORK_ALLOW"


def allowed(ip: str) -> bool:
    """Whether probes may send to ``ip`` (see ``SELFCHECK_NETWORK_ALLOW``)."""
    spec = os.environ.get(ALLOW_ENV)
    if not spec:
        return True
    try:
        address = ipaddress.ip_address(ip.split("%")[0])
    except ValueError:
        return False
    for item in spec.split(","):
        try:
            if item.strip() and address in ipaddress.ip_network(item.strip(), strict=False):
                return True
        except ValueError:
            continue
    return False


def blocked(ip: str) -> dict[str, Any]:
    return {"status": "blocked", "error": f"{ip} is outside {ALLOW_ENV}"}


def format_ms(ms: float) -> str:
    """'<1', '12', '1204': milliseconds for people."""
    return "<1" if ms < 1 else f"{ms:.0f}"


def ms_since(start: float) -> float:
    return round((time.monotonic() - start) * 1000, 1)


def parallel(jobs: Mapping[str, Callable[[], Any]], timeout: float, enough: Callable[[dict[str, Any]], bool] | None = None) -> dict[str, Any]:
    """Run the jobs at once in daemon threads; a job still running at ``timeout`` gives {"status": "timeout"}.

    ``enough(results_so_far)`` may end the wait early (the rest give {"status": "not_needed"}).
    """
    results: dict[str, Any] = {}
    lock = threading.Lock()
    changed = threading.Condition(lock)

    def work(key: str, job: Callable[[], Any]) -> None:
        try:
            value = job()
        except Exception as exc:  # a probe bug must not lose the others
            value = {"status": "error", "error": f"{type(exc).__name__}: {exc}"}
        with changed:
            results[key] = value
            changed.notify_all()

    for key, job in jobs.items():
        threading.Thread(target=work, args=(key, job), daemon=True, name=f"probe:{key}").start()
    end = time.monotonic() + timeout
    with changed:
        while len(results) < len(jobs):
            if enough is not None and enough(dict(results)):
                return {k: results.get(k, {"status": "not_needed"}) for k in jobs}
            left = end - time.monotonic()
            if left <= 0:
                break
            changed.wait(min(left, 0.1) if enough is not None else left)  # ``enough`` may depend on the time
        return {k: results.get(k, {"status": "timeout"}) for k in jobs}


#: Windows' WSAEACCES: a connection this computer itself forbids (Python raises PermissionError, errno 13, for it)
WSAEACCES = 10013


def forbidden(exc: BaseException) -> bool:
    """This computer itself refused the connection attempt, at once, before anything left it: the system answered "access
    forbidden". Seen on Windows as WinError 10013 ("An attempt was made to access a socket in a way forbidden by its access
    permissions") when a firewall rule or a security program blocks an outgoing connection (public reports: tartube #475,
    pesterchum #87); on Linux as EPERM or EACCES from a cgroup or security-module hook on connect. A local firewall that
    drops (a timeout) or rejects (EHOSTUNREACH, as a router's reject) is not this: those stay as they are."""
    return isinstance(exc, OSError) and (
        isinstance(exc, PermissionError) or exc.errno in (errno.EACCES, errno.EPERM) or getattr(exc, "winerror", None) == WSAEACCES
    )


def forbidden_facts(exc: OSError) -> dict[str, Any]:
    """The "forbidden" status with the system's own numbers (errno, and winerror on Windows), no text: the message is the
    system's, in its language, and says nothing more than the number."""
    facts: dict[str, Any] = {"status": "forbidden"}
    if isinstance(exc.errno, int):
        facts["errno"] = exc.errno
    if isinstance(getattr(exc, "winerror", None), int):
        facts["winerror"] = exc.winerror  # type: ignore[attr-defined]
    return facts


def _failure(exc: OSError, start: float | None = None, prefix: str = "") -> dict[str, Any]:
    """A failed connection attempt's facts: its status (``prefix`` + _errno_status), the error's text and the time taken; a
    forbidden one (see ``forbidden``) with the system's numbers instead of the text."""
    facts: dict[str, Any] = forbidden_facts(exc) if forbidden(exc) else {"status": _errno_status(exc), "error": str(exc)}
    facts["status"] = prefix + facts["status"]
    if start is not None:
        facts["ms"] = ms_since(start)
    return facts


def _errno_status(exc: OSError) -> str:
    if isinstance(exc, ConnectionRefusedError) or exc.errno == errno.ECONNREFUSED:
        return "refused"
    if isinstance(exc, TimeoutError | socket.timeout):
        return "timeout"
    if exc.errno in (errno.ENETUNREACH, errno.EHOSTUNREACH, errno.EHOSTDOWN, errno.EADDRNOTAVAIL):
        return "unreachable"
    if isinstance(exc, ConnectionResetError):
        return "reset"
    return "error"


def _family(ip: str) -> socket.AddressFamily:
    return socket.AF_INET6 if ":" in ip else socket.AF_INET


def sockaddr(ip: str, port: int) -> tuple[Any, ...]:
    """The address to give a socket's connect(): a link-local IPv6 address with its interface ("fe80::1%eth0", as a home
    box's name service is listed on many computers) becomes (address, port, 0, interface index); connect() refuses the
    plain string with EINVAL. Every other address is given as it is (socket.create_connection already does this)."""
    if "%" not in ip:
        return (ip, port)
    try:
        return tuple(socket.getaddrinfo(ip, port, socket.AF_INET6, socket.SOCK_DGRAM, 0, socket.AI_NUMERICHOST)[0][4])
    except (socket.gaierror, IndexError):  # an interface this computer does not have: connect() then says so
        return (ip, port)


def route_source(ip: str) -> str | None:
    """The address this computer would send from to ``ip``, or None when it has no route there. A UDP socket's connect()
    sends nothing: the system only picks the route and the source address (an IPv6 target from a computer with no IPv6
    default route fails here at once, ENETUNREACH; one with only a link-local address answers fe80::...)."""
    try:
        with socket.socket(_family(ip), socket.SOCK_DGRAM) as sock:
            sock.connect(sockaddr(ip, 9))
            return str(sock.getsockname()[0]).split("%")[0]
    except OSError:
        return None


def routed(ip: str) -> bool:
    """Whether this computer can send to ``ip`` from an address that reaches beyond its own network: IPv4 always counts as
    before; an IPv6 target needs an IPv6 route and a source address that is not link-local (no global IPv6: not routed)."""
    if ":" not in ip:
        return True
    source = route_source(ip)
    if not source:
        return False
    try:
        address = ipaddress.ip_address(source)
    except ValueError:
        return False
    return not (address.is_link_local or address.is_loopback or address.is_unspecified or address.is_multicast)


# ---------------------------------------------------------------- DNS


def dns_query(server: str, name: str, rdtype: str = "A", timeout: float = 2.0, resend: float = 0.6) -> dict[str, Any]:
    """Ask one resolver directly over UDP, resending every ``resend`` seconds until ``timeout``."""
    import dns.flags
    import dns.message
    import dns.rcode
    import dns.rdatatype

    if not allowed(server):
        return blocked(server)
    query = dns.message.make_query(name, rdtype)
    query.flags |= dns.flags.RD
    wire = query.to_wire()
    start = time.monotonic()
    deadline, next_send, sent = start + timeout, start, 0
    try:
        sock = socket.socket(_family(server), socket.SOCK_DGRAM)
    except OSError as exc:
        return {"status": "error", "error": str(exc)}
    with sock:
        try:
            sock.connect(sockaddr(server, 53))  # a link-local server keeps its %scope
        except OSError as exc:
            return _failure(exc, start)
        while True:
            now = time.monotonic()
            if now >= deadline:
                return {"status": "timeout", "sent": sent, "ms": ms_since(start)}
            try:
                if now >= next_send:
                    sock.send(wire)
                    sent += 1
                    next_send = now + resend
                sock.settimeout(max(0.001, min(deadline, next_send) - time.monotonic()))
                data = sock.recv(65535)
            except TimeoutError:
                continue
            except OSError as exc:
                return {"status": _errno_status(exc), "error": str(exc), "sent": sent, "ms": ms_since(start)}
            try:
                reply = dns.message.from_wire(data)
            except Exception:
                continue
            if reply.id != query.id:
                continue
            addresses = [rr.to_text() for rrset in reply.answer if rrset.rdtype in (dns.rdatatype.A, dns.rdatatype.AAAA) for rr in rrset]
            return {"status": "answer", "rcode": dns.rcode.to_text(reply.rcode()), "addresses": addresses, "ms": ms_since(start), "sent": sent}


def _read(path: str) -> str | None:
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            return f.read()
    except OSError:
        return None


def find_resolvers(run: Callable[..., Any], platform: str) -> dict[str, Any]:
    """The resolvers this computer uses: {"servers": [...], "source": "..."}.

    ``run`` is ``Context.run``. On Linux the systemd-resolved stub is replaced by
    its real upstream servers.
    """
    if platform == "windows":  # pragma: no cover - Windows only
        # the scan's one PowerShell snapshot (language-independent JSON); ipconfig /all when it failed
        from selfcheck.platforms import windows

        snapshot = windows.network_snapshot(run, windows.scan_of(run))
        if snapshot and snapshot["dns_servers"]:
            return {"servers": snapshot["dns_servers"], "source": "Get-DnsClientServerAddress"}
        out = run(["ipconfig", "/all"], 4.0)
        servers = netparse.parse_ipconfig_all(out.stdout)["dns_servers"] if out.ok else []
        return {"servers": servers, "source": "ipconfig /all"}
    if platform == "darwin":  # pragma: no cover - macOS only
        out = run(["scutil", "--dns"], 3.0)
        return {"servers": netparse.parse_scutil_dns(out.stdout) if out.ok else [], "source": "scutil --dns"}
    text = _read("/etc/resolv.conf") or ""
    servers = netparse.parse_resolv_conf(text)["nameservers"]
    if netparse.uses_systemd_resolved_stub(servers):
        upstream = netparse.parse_resolv_conf(_read("/run/systemd/resolve/resolv.conf") or "")["nameservers"]
        if not upstream:
            out = run(["resolvectl", "dns"], 3.0)
            upstream = netparse.parse_resolvectl_dns(out.stdout) if out.ok else []
        if upstream:
            return {"servers": upstream, "source": "systemd-resolved", "stub": servers}
    return {"servers": servers, "source": "/etc/resolv.conf"}


WINDOWS_INTERFACES_KEY = r"SYSTEM\CurrentControlSet\Services\Tcpip\Parameters\Interfaces"


def _windows_interfaces(winreg: Any) -> list[dict[str, Any]]:
    """Each network interface's "NameServer" and "DhcpNameServer" registry values."""
    found: list[dict[str, Any]] = []
    with winreg.OpenKey(winreg.HKEY_LOCAL_MACHINE, WINDOWS_INTERFACES_KEY) as key:
        for i in range(winreg.QueryInfoKey(key)[0]):
            values: dict[str, Any] = {}
            try:
                with winreg.OpenKey(key, winreg.EnumKey(key, i)) as sub:
                    for name in ("NameServer", "DhcpNameServer"):
                        try:
                            values[name] = winreg.QueryValueEx(sub, name)[0]
                        except OSError:
                            pass
            except OSError:
                continue
            found.append(values)
    return found


def dns_set_by_hand(run: Callable[..., Any], platform: str, winreg: Any = None) -> list[str] | None:
    """The DNS servers someone typed into this computer's network settings ([] when every one comes from the
    network automatically), from the system's own settings, never from a command's sentences; None when unknown.
    Windows: the registry; Linux: NetworkManager's active connections; macOS: each network service's setting."""
    try:
        if platform == "windows":
            if winreg is None:  # pragma: no cover - Windows only
                import winreg  # type: ignore[import-not-found,no-redef,unused-ignore]
            return netparse.windows_dns_by_hand(_windows_interfaces(winreg))
        if platform == "darwin":
            out = run(["networksetup", "-listallnetworkservices"], 3.0)
            if not out.ok:
                return None
            hand: list[str] = []
            read = 0
            for service in netparse.parse_networksetup_services(out.stdout):
                got = run(["networksetup", "-getdnsservers", service], 3.0)
                servers = netparse.parse_networksetup_dns(got.stdout) if got.ok else None
                if servers is not None:  # a service that cannot be read is left out; none read at all: unknown
                    read += 1
                    hand += servers
            return netparse._unique(hand) if read else None
        out = run(["nmcli", "-g", "UUID", "connection", "show", "--active"], 3.0)
        if not out.ok or not out.stdout.strip():
            return None
        hand = []
        for uuid in out.stdout.split():
            got = run(["nmcli", "-t", "-f", "ipv4.dns,ipv4.ignore-auto-dns", "connection", "show", "uuid", uuid], 3.0)
            servers = netparse.parse_nmcli_dns_setting(got.stdout) if got.ok else None
            if servers is None:
                return None
            hand += servers
        return netparse._unique(hand)
    except (OSError, ImportError):
        return None


def dns_setting(servers: Sequence[str], hand: list[str] | None) -> str | None:
    """Whether the DNS servers asked were "hand" set on this computer or came "automatic"ally from the network;
    None when unknown (nothing read, or servers set by hand elsewhere than those asked)."""
    if hand is None or not servers:
        return None
    if any(s in hand for s in servers):
        return "hand"
    return "automatic" if not hand else None


def hosts_file_lookup(name: str) -> list[str]:
    path = os.path.join(os.environ.get("SystemRoot", r"C:\Windows"), "System32", "drivers", "etc", "hosts") if sys.platform.startswith("win") else "/etc/hosts"
    text = _read(path) or ""
    found = []
    for line in text.splitlines():
        parts = line.split("#", 1)[0].split()
        if len(parts) >= 2 and name.lower() in (p.lower() for p in parts[1:]) and netparse.is_ip(parts[0]):
            found.append(parts[0])
    return found


def resolve(name: str, resolvers: Sequence[str], timeout: float = 2.0, known: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """Addresses for ``name``: an IP literal, the hosts file, addresses the DNS check
    already found (``known``; a name it asked for without an answer is not asked
    again), or a direct query to every resolver at once."""
    host = name.strip("[]")
    if netparse.is_ip(host):
        return {"addresses": [host], "via": "literal"}
    from_hosts = hosts_file_lookup(host)
    if from_hosts:
        return {"addresses": from_hosts, "via": "hosts"}
    if known and host in known:
        if known[host]:
            return {"addresses": list(known[host]), "via": "dns"}
        return {"addresses": [], "via": "dns", "error": "not_found"}
    if not resolvers:
        return {"addresses": [], "via": "dns", "error": "no_resolver"}
    jobs: dict[str, Callable[[], Any]] = {server: functools.partial(dns_query, server, host, timeout=timeout) for server in resolvers}
    answers = parallel(jobs, timeout + 0.2)
    for server in resolvers:
        answer = answers[server]
        if answer.get("status") == "answer" and answer.get("addresses"):
            return {"addresses": answer["addresses"], "via": "dns", "server": server}
    statuses = sorted({a.get("rcode") or a.get("status") for a in answers.values()})
    return {"addresses": [], "via": "dns", "error": ",".join(str(s) for s in statuses)}


# ---------------------------------------------------------------- TCP, HTTP, TLS


def tcp_connect(ip: str, port: int, timeout: float) -> dict[str, Any]:
    if not allowed(ip):
        return blocked(ip)
    start = time.monotonic()
    try:
        with socket.create_connection((ip, port), timeout=timeout):
            return {"status": "ok", "ms": ms_since(start)}
    except OSError as exc:
        return _failure(exc, start)


def proxy_address(proxy_url: str) -> tuple[str, int]:
    parts = urlsplit(proxy_url if "://" in proxy_url else f"http://{proxy_url}")
    return parts.hostname or "", parts.port or (443 if parts.scheme == "https" else 1080 if parts.scheme.startswith("socks") else 8080)


def _read_http_head(sock: socket.socket, limit: int = 65536) -> tuple[int | None, dict[str, str], bytes]:
    data = b""
    while b"\r\n\r\n" not in data and len(data) < limit:
        chunk = sock.recv(4096)
        if not chunk:
            break
        data += chunk
    head, _sep, body = data.partition(b"\r\n\r\n")
    lines = head.decode("iso-8859-1", errors="replace").split("\r\n")
    match = re.match(r"HTTP/\d(?:\.\d)?\s+(\d{3})", lines[0] if lines else "")
    headers = {}
    for line in lines[1:]:
        key, sep, value = line.partition(":")
        if sep:
            headers[key.strip().lower()] = value.strip()
    return (int(match.group(1)) if match else None), headers, body


def _open(ip: str, port: int, timeout: float, proxy: tuple[str, int] | None, target: str) -> tuple[socket.socket | None, dict[str, Any]]:
    """A connected socket to ip:port, or through an HTTP proxy with CONNECT."""
    start = time.monotonic()
    address = proxy or (ip, port)
    if not allowed(address[0]):
        return None, blocked(address[0])
    try:
        sock = socket.create_connection(address, timeout=timeout)
    except OSError as exc:
        return None, _failure(exc, start, "proxy_" if proxy else "")
    if proxy:
        try:
            sock.sendall(f"CONNECT {target} HTTP/1.1\r\nHost: {target}\r\n\r\n".encode())
            code, _headers, _body = _read_http_head(sock)
        except OSError as exc:
            sock.close()
            return None, {"status": "proxy_" + _errno_status(exc), "error": str(exc), "ms": ms_since(start)}
        if code != 200:
            sock.close()
            return None, {"status": "proxy_refused", "proxy_code": code, "ms": ms_since(start)}
    return sock, {"connect_ms": ms_since(start)}


def http_get(url: str, ip: str, timeout: float, proxy: tuple[str, int] | None = None, method: str = "GET") -> dict[str, Any]:
    """One plain HTTP request without following redirects."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    port = parts.port or 80
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    start = time.monotonic()
    if not allowed((proxy or (ip, port))[0]):
        return blocked((proxy or (ip, port))[0])
    try:
        sock = socket.create_connection(proxy or (ip, port), timeout=timeout)
    except OSError as exc:
        return _failure(exc, start, "proxy_" if proxy else "")
    with sock:
        target = url if proxy else path
        host_header = host if port == 80 else f"{host}:{port}"
        request = f"{method} {target} HTTP/1.1\r\nHost: {host_header}\r\nUser-Agent: selfcheck\r\nAccept: */*\r\nConnection: close\r\n\r\n"
        try:
            sock.settimeout(max(0.05, timeout - (time.monotonic() - start)))  # one deadline for the whole exchange
            sock.sendall(request.encode())
            code, headers, body = _read_http_head(sock)
            if method != "HEAD" and len(body) < 512:
                sock.settimeout(max(0.05, timeout - (time.monotonic() - start)))
                try:
                    body += sock.recv(512)
                except OSError:
                    pass
        except OSError as exc:
            return {"status": _errno_status(exc), "error": str(exc), "ms": ms_since(start)}
    if code is None:
        return {"status": "bad_answer", "ms": ms_since(start)}
    keep = ("location", "date", "content-type", "content-length", "server", "via", "proxy-authenticate")
    return {
        "status": "ok",
        "code": code,
        "headers": {k: v[:300] for k, v in headers.items() if k in keep},
        "body_start": body[:200].decode("utf-8", errors="replace"),
        "ms": ms_since(start),
    }


def decode_certificate(der: bytes) -> dict[str, Any]:
    """Issuer, subject, validity and names of a DER certificate (no extra dependency).

    The ssl module decodes only a file (``SSLContext.get_ca_certs`` skips a server's own certificate, which is no CA):
    a file of one use, owner-only (mkstemp), named ``selfcheck-cert-<random>.pem`` so that ``paths.remove_leftovers``
    removes one a killed selfcheck left."""
    pem = ssl.DER_cert_to_PEM_cert(der)
    handle, path = tempfile.mkstemp(prefix="selfcheck-cert-", suffix=".pem")
    try:
        with os.fdopen(handle, "w") as f:
            f.write(pem)
        decoded = ssl._ssl._test_decode_cert(path)  # type: ignore[attr-defined]
    except Exception:
        return {}
    finally:
        try:
            os.unlink(path)
        except OSError:
            pass
    return summarise_certificate(decoded)


def _name(rdns: Any) -> dict[str, str]:
    out: dict[str, str] = {}
    for rdn in rdns or ():
        for key, value in rdn:
            out[key] = value
    return out


def summarise_certificate(cert: Mapping[str, Any]) -> dict[str, Any]:
    issuer, subject = _name(cert.get("issuer")), _name(cert.get("subject"))
    not_before = cert.get("notBefore")
    not_after = cert.get("notAfter")
    return {
        "issuer": issuer.get("commonName") or issuer.get("organizationName") or "",
        "issuer_org": issuer.get("organizationName", ""),
        "subject": subject.get("commonName", ""),
        "names": [v for k, v in cert.get("subjectAltName", ()) if k in ("DNS", "IP Address")][:20],
        "not_before": ssl.cert_time_to_seconds(not_before) if not_before else None,
        "not_after": ssl.cert_time_to_seconds(not_after) if not_after else None,
        "self_signed": bool(issuer) and issuer == subject,
    }


def tls_probe(
    host: str,
    port: int,
    ip: str,
    context: ssl.SSLContext,
    timeout: float,
    proxy: tuple[str, int] | None = None,
    path: str | None = None,
) -> dict[str, Any]:
    """A TLS handshake to host:port (at ``ip``, or through ``proxy``), then an optional HEAD of ``path``.

    Verification failures keep OpenSSL's code and, from a second unverified
    handshake, the certificate actually presented (issuer, validity, names).
    """
    start = time.monotonic()
    sock, info = _open(ip, port, timeout, proxy, f"{host}:{port}")
    if sock is None:
        return info
    result: dict[str, Any] = dict(info)
    try:
        sock.settimeout(max(0.05, timeout - (time.monotonic() - start)))
        with context.wrap_socket(sock, server_hostname=host) as tls:
            result.update({"status": "ok", "version": tls.version(), "handshake_ms": ms_since(start)})
            peer = tls.getpeercert()
            if peer:
                result["certificate"] = summarise_certificate(peer)
            if path is not None:
                tls.sendall(f"HEAD {path} HTTP/1.1\r\nHost: {host}\r\nUser-Agent: selfcheck\r\nConnection: close\r\n\r\n".encode())
                code, headers, _body = _read_http_head(tls)
                result["http_code"] = code
                if headers.get("date"):
                    result["date"] = headers["date"]
            result["ms"] = ms_since(start)
            return result
    except ssl.SSLCertVerificationError as exc:
        result.update({"status": "cert_error", "verify_code": exc.verify_code, "verify_message": str(exc.verify_message or exc)[:300]})
    except ssl.SSLError as exc:
        result.update({"status": "tls_error", "reason": str(exc.reason or exc)[:200]})
    except OSError as exc:
        status = _errno_status(exc)
        result.update({"status": "handshake_" + status if status in ("timeout", "reset") else status, "error": str(exc)[:200]})
    finally:
        sock.close()
    result["ms"] = ms_since(start)
    if result["status"] == "cert_error":
        result["certificate"] = fetch_certificate(host, port, ip, max(0.3, timeout - (time.monotonic() - start)), proxy)
    return result


def fetch_certificate(host: str, port: int, ip: str, timeout: float, proxy: tuple[str, int] | None = None) -> dict[str, Any]:
    """The certificate a server presents, without judging it (for explaining a failure)."""
    sock, _info = _open(ip, port, timeout, proxy, f"{host}:{port}")
    if sock is None:
        return {}
    loose = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    loose.check_hostname = False
    loose.verify_mode = ssl.CERT_NONE
    try:
        with loose.wrap_socket(sock, server_hostname=host) as tls:
            der = tls.getpeercert(binary_form=True)
    except (OSError, ssl.SSLError):
        return {}
    finally:
        sock.close()
    return decode_certificate(der) if der else {}


# ---------------------------------------------------------------- time


def ntp_seconds(packet: bytes, offset: int) -> float:
    """The NTP timestamp at ``offset`` of a packet, as Unix seconds."""
    whole, frac = struct.unpack("!II", packet[offset : offset + 8])
    return whole - NTP_EPOCH_OFFSET + frac / 2**32


def sntp_query(ip: str, timeout: float = 1.5, now: Callable[[], float] = time.time, resend: float = 0.5) -> dict[str, Any]:
    """One SNTP exchange: the clock offset (server minus this computer), in seconds."""
    if not allowed(ip):
        return blocked(ip)
    start = time.monotonic()
    deadline, next_send = start + timeout, start
    try:
        sock = socket.socket(_family(ip), socket.SOCK_DGRAM)
    except OSError as exc:
        return {"status": "error", "error": str(exc)}
    with sock:
        try:
            sock.connect(sockaddr(ip, 123))
        except OSError as exc:
            return _failure(exc)
        t1 = 0.0
        while True:
            current = time.monotonic()
            if current >= deadline:
                return {"status": "timeout", "ms": ms_since(start)}
            try:
                if current >= next_send:
                    t1 = now()
                    seconds = t1 + NTP_EPOCH_OFFSET
                    packet = b"\x1b" + 39 * b"\0" + struct.pack("!II", int(seconds), int((seconds % 1) * 2**32))
                    sock.send(packet)
                    sent_at = time.monotonic()
                    next_send = current + resend
                sock.settimeout(max(0.001, min(deadline, next_send) - time.monotonic()))
                data = sock.recv(512)
            except TimeoutError:
                continue
            except OSError as exc:
                return {"status": _errno_status(exc), "error": str(exc)}
            t4 = now()
            if len(data) < 48 or data[1] == 0 or (data[0] & 0x7) not in (4, 5):
                return {"status": "bad_answer"}

            t2, t3 = (ntp_seconds(data, offset) for offset in (32, 40))
            return {
                "status": "ok",
                "offset_s": round(((t2 - t1) + (t3 - t4)) / 2, 3),
                "rtt_ms": round((time.monotonic() - sent_at) * 1000, 1),
                "stratum": data[1],
            }


# ---------------------------------------------------------------- reachability


def icmp_ping(ip: str, count: int = 3, interval: float = 0.1, timeout: float = 1.0) -> dict[str, Any]:
    """Echo requests over an unprivileged ICMP datagram socket (Linux, macOS).

    Raises PermissionError (or OSError) when the system does not allow it.
    """
    if not allowed(ip):
        raise PermissionError(f"{ip} is outside {ALLOW_ENV}")
    v6 = ":" in ip
    sock = socket.socket(socket.AF_INET6 if v6 else socket.AF_INET, socket.SOCK_DGRAM, socket.IPPROTO_ICMPV6 if v6 else socket.IPPROTO_ICMP)
    sent: dict[int, float] = {}
    rtts: dict[int, float] = {}
    with sock:
        sock.connect(sockaddr(ip, 0))
        start = time.monotonic()
        end = start + interval * (count - 1) + timeout
        next_send, seq = start, 0
        while time.monotonic() < end and len(rtts) < count:
            now = time.monotonic()
            if seq < count and now >= next_send:
                header = struct.pack("!BBHHH", 128 if v6 else 8, 0, 0, 0, seq)
                try:
                    sock.send(header + b"selfcheck")
                except OSError:
                    pass
                sent[seq] = now
                seq += 1
                next_send = now + interval
            wait = min(end, next_send if seq < count else end) - time.monotonic()
            ready, _w, _x = select.select([sock], [], [], max(0.0, wait))
            if not ready:
                continue
            try:
                data = sock.recv(1024)
            except OSError:
                continue
            if len(data) >= 8 and data[0] in (0, 129):
                reply_seq = struct.unpack("!H", data[6:8])[0]
                if reply_seq in sent and reply_seq not in rtts:
                    rtts[reply_seq] = round((time.monotonic() - sent[reply_seq]) * 1000, 2)
    return {"method": "icmp", "sent": count, "received": len(rtts), "rtts_ms": [rtts[s] for s in sorted(rtts)]}


def parse_ping_output(text: str, platform: str) -> dict[str, Any]:
    """Replies and round-trip times from the system ping's output (any language): see netparse."""
    return netparse.parse_ping_output(text)


def system_ping(run: Callable[..., Any], ip: str, count: int, platform: str) -> dict[str, Any]:
    """The system's ping; {"method": "unavailable"} when it is missing or not permitted."""
    if not allowed(ip):
        return {"method": "unavailable", "detail": blocked(ip)["error"]}
    if platform == "windows":
        args = ["ping", "-n", str(count), "-w", "1000", ip]
    elif platform == "darwin":
        args = ["ping", "-n", "-c", str(count), "-i", "0.2", "-W", "1000", ip]
    else:
        args = ["ping", "-n", "-c", str(count), "-i", "0.2", "-W", "1", "-w", "2", ip]  # -w: give up after 2 s in all
    out = run(args, 1.5 + 0.2 * count)
    text = (out.stdout or "") + (out.stderr or "")
    parsed = parse_ping_output(out.stdout or "", platform)
    if out.missing or (not parsed["received"] and re.search(r"not permitted|permission denied|socket: |must be root", text, re.I)):
        return {"method": "unavailable", "detail": text.strip()[:200]}
    return {"method": "ping", "sent": count, **parsed}


def neighbour_state(ip: str, run: Callable[..., Any], platform: str) -> str:
    """'complete', 'incomplete' or 'unknown': whether the gateway answered ARP/NDP."""
    if platform == "linux":
        out = run(["ip", "neigh", "show", ip], 2.0)
        if out.ok:
            text = out.stdout.upper()
            if not text.strip():
                return "unknown"
            if "FAILED" in text or "INCOMPLETE" in text:
                return "incomplete"
            if "LLADDR" in text:
                return "complete"
        arp = _read("/proc/net/arp") or ""
        for line in arp.splitlines()[1:]:
            parts = line.split()
            if parts and parts[0] == ip:
                return "complete" if parts[2] != "0x0" else "incomplete"
        return "unknown"
    out = run(["arp", "-a", ip] if platform == "windows" else ["arp", "-n", ip], 2.0)
    if not out.ok:
        return "unknown"
    if re.search(r"([0-9a-f]{1,2}[:-]){5}[0-9a-f]{1,2}", out.stdout, re.I):
        return "complete"
    return "incomplete" if "incomplete" in out.stdout.lower() else "unknown"


# ---------------------------------------------------------------- per-hop path

IP_RECVERR = getattr(socket, "IP_RECVERR", 11)
MSG_ERRQUEUE = 0x2000


def udp_hops(ip: str, max_hops: int = 8, timeout: float = 1.0, base_port: int = 33434) -> dict[str, Any]:
    """A tracepath-like view without privileges (Linux): one UDP probe per TTL,
    ICMP errors read from the socket error queue (IP_RECVERR)."""
    if not sys.platform.startswith("linux") or ":" in ip:
        return {"status": "unsupported"}
    if not allowed(ip):
        return blocked(ip)
    socks = []
    try:
        for ttl in range(1, max_hops + 1):
            s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
            s.setsockopt(socket.IPPROTO_IP, IP_RECVERR, 1)
            s.setsockopt(socket.IPPROTO_IP, socket.IP_TTL, ttl)
            s.setblocking(False)
            s.connect((ip, base_port + ttl))
            socks.append(s)
        sent_at = {}
        for ttl, s in enumerate(socks, start=1):
            try:
                s.send(b"selfcheck-path")
            except OSError:
                pass
            sent_at[ttl] = time.monotonic()
        hops: dict[int, dict[str, Any]] = {}
        poller = select.poll()
        by_fd = {s.fileno(): (ttl, s) for ttl, s in enumerate(socks, start=1)}
        for fd in by_fd:
            poller.register(fd, select.POLLERR | select.POLLIN)
        end = time.monotonic() + timeout
        reached_at: int | None = None
        while time.monotonic() < end:
            if reached_at is not None and all(t in hops for t in range(1, reached_at + 1)):
                break
            events = poller.poll(max(0, int((end - time.monotonic()) * 1000)))
            for fd, _event in events:
                ttl, s = by_fd[fd]
                try:
                    _data, ancdata, _flags, _addr = s.recvmsg(512, 512, MSG_ERRQUEUE)
                except OSError:
                    poller.unregister(fd)
                    continue
                poller.unregister(fd)
                for level, kind, payload in ancdata:
                    if level != socket.IPPROTO_IP or kind != IP_RECVERR or len(payload) < 16 + 8:
                        continue
                    _err, origin, icmp_type, icmp_code = struct.unpack("=IBBB", payload[:7])
                    offender = socket.inet_ntoa(payload[16 + 4 : 16 + 8])
                    hop = {"ttl": ttl, "address": offender, "rtt_ms": round((time.monotonic() - sent_at[ttl]) * 1000, 1)}
                    if origin == 2 and icmp_type == 3:
                        hop["reached"] = icmp_code == 3
                        if reached_at is None or ttl < reached_at:
                            reached_at = ttl
                    hops[ttl] = hop
        last = reached_at or max_hops
        path = [hops.get(t, {"ttl": t, "address": None}) for t in range(1, last + 1)]
        return {"status": "ok", "reached": reached_at is not None, "hops": path}
    except OSError as exc:
        return {"status": "error", "error": str(exc)}
    finally:
        for s in socks:
            s.close()


#: struct sock_extended_err's ee_origin for an ICMP message (linux/errqueue.h), and the ICMP types a TTL probe meets
SO_EE_ORIGIN_ICMP = 2
ICMP_DEST_UNREACH, ICMP_TIME_EXCEEDED = 3, 11


def parse_icmp_error(level: int, kind: int, payload: bytes) -> dict[str, Any] | None:
    """One control message of recvmsg(MSG_ERRQUEUE) on an IPv4 socket with IP_RECVERR: struct sock_extended_err (ee_errno u32,
    ee_origin, ee_type, ee_code, ee_pad u8, ee_info, ee_data u32), then the offender's struct sockaddr_in (family, port, address).
    {"icmp_type", "icmp_code", "errno", "from"} for an ICMP message; None for anything else (another origin, too short)."""
    if level != socket.IPPROTO_IP or kind != IP_RECVERR or len(payload) < 16 + 8:
        return None
    err, origin, icmp_type, icmp_code = struct.unpack("=IBBB", payload[:7])
    if origin != SO_EE_ORIGIN_ICMP:
        return None
    family = struct.unpack("=H", payload[16:18])[0]
    offender = socket.inet_ntoa(payload[20:24]) if family == socket.AF_INET else None
    return {"icmp_type": icmp_type, "icmp_code": icmp_code, "errno": err, "from": offender}


def ttl_probe(ip: str, port: int, ttl: int, wait: float) -> dict[str, Any]:
    """One TCP connection attempt to ``ip``:``port`` whose packets live ``ttl`` router steps (tracepath's idea, for one port):
    the router that many steps away answers with ICMP "time exceeded", unless the site is reached first.

    Outcomes (``status``): "time_exceeded" (``from``: the router that answered), "unreachable" (an ICMP "unreachable",
    ``from``), "answered" (``how``: "connected" or "refused": the site, or whatever stands in its place, answered), "silent"
    (nothing within ``wait``), "forbidden" (this computer refused the attempt itself: see ``forbidden``; ``errno``),
    "not_supported", "error", "blocked" (outside ``SELFCHECK_NETWORK_ALLOW``).

    Linux only, without privileges: IP_RECVERR puts the ICMP error on the socket's error queue (read with MSG_ERRQUEUE).
    Windows and macOS give an unprivileged program no ICMP error of a TCP connection (the attempt would only time out),
    so there, and for IPv6, it is "not_supported": nothing is guessed."""
    if not sys.platform.startswith("linux") or ":" in ip:
        return {"status": "not_supported"}
    if not allowed(ip):
        return blocked(ip)
    start = time.monotonic()
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        sock.setsockopt(socket.IPPROTO_IP, IP_RECVERR, 1)
        sock.setsockopt(socket.IPPROTO_IP, socket.IP_TTL, ttl)
        sock.setblocking(False)
        code = sock.connect_ex((ip, port))
        if code in (errno.EACCES, errno.EPERM):  # this computer refused the attempt itself (see ``forbidden``)
            return {"status": "forbidden", "errno": code, "ms": ms_since(start)}
        if code not in (0, errno.EINPROGRESS):
            return {"status": "error", "error": os.strerror(code), "ms": ms_since(start)}
        poller = select.poll()
        poller.register(sock.fileno(), select.POLLOUT | select.POLLERR)
        if code == errno.EINPROGRESS and not poller.poll(max(0, int(wait * 1000))):
            return {"status": "silent", "ms": ms_since(start)}
        ms = ms_since(start)
        failure = sock.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR)
        if failure == 0:
            return {"status": "answered", "how": "connected", "ms": ms}
        try:
            _data, ancdata, _flags, _addr = sock.recvmsg(512, 512, MSG_ERRQUEUE)
        except OSError:
            ancdata = []
        for level, kind, payload in ancdata:
            icmp = parse_icmp_error(level, kind, payload)
            if icmp is None:
                continue
            if icmp["icmp_type"] == ICMP_TIME_EXCEEDED:
                return {"status": "time_exceeded", "from": icmp["from"], "ms": ms}
            if icmp["icmp_type"] == ICMP_DEST_UNREACH:
                return {"status": "unreachable", "from": icmp["from"], "code": icmp["icmp_code"], "ms": ms}
        if failure == errno.ECONNREFUSED:
            return {"status": "answered", "how": "refused", "ms": ms}
        if failure in (errno.EACCES, errno.EPERM):
            return {"status": "forbidden", "errno": failure, "ms": ms}
        return {"status": "error", "error": os.strerror(failure), "ms": ms}
    except OSError as exc:
        return _failure(exc, start) if forbidden(exc) else {"status": "error", "error": str(exc), "ms": ms_since(start)}
    finally:
        sock.close()


def _adapters(link: Any) -> list[Mapping[str, Any]]:
    """network.link's network adapters, loopback and virtual ones left out; none where its facts are not what the check
    writes (review 39b: a number for the list, from a hostile bundle, stopped the support card)."""
    listed = link.get("interfaces") if isinstance(link, Mapping) else None
    return [i for i in (listed if isinstance(listed, list) else []) if isinstance(i, Mapping) and not i.get("loopback") and not i.get("virtual")]


def wired_only(link: Any) -> bool:
    """The computer is on the network by cable only (an interface up with an address, none wireless): from
    network.link's facts (the customer's steps and the support card both decide cable or Wi-Fi with it)."""
    if not isinstance(link, Mapping):
        return False
    used = [i for i in _adapters(link) if i.get("up") and i.get("ipv4")]
    return bool(used) and not any(i.get("wireless") for i in used) and not link.get("wifi")


def may_have_wifi(link: Any) -> bool:
    """Whether this computer may have Wi-Fi, from network.link's facts: False only where they list its network adapters and
    none is wireless (a desktop on a cable alone), True where one is (even switched off) or where they are not known."""
    if not isinstance(link, Mapping) or link.get("wifi"):
        return True
    adapters = _adapters(link)
    return not adapters or any(i.get("wireless") is not False for i in adapters)


# ---------------------------------------------------------------- the internet box (default gateway)


def default_routes(run: Callable[..., Any], platform: str) -> list[dict[str, str]]:
    """The default routes, best first: Windows' routing table through PowerShell (as JSON, once per
    scan), else `route print`/`ipconfig`; macOS' `route -n get default`, else `netstat -rn`; Linux' /proc.
    ``run`` is a Context's (network.gateway's, or the recorder's: it asks the box each second)."""
    if platform == "windows":  # pragma: no cover - Windows only
        from selfcheck.platforms import windows

        snapshot = windows.network_snapshot(run, windows.scan_of(run))
        if snapshot and snapshot["routes"]:
            return [{k: r[k] for k in ("gateway", "interface", "metric")} for r in snapshot["routes"]]
        out = run(["route", "print", "-4"], 4.0)
        routes = netparse.parse_route_print(out.stdout) if out.ok else []
        if not routes:
            out = run(["ipconfig", "/all"], 4.0)
            gateways = netparse.parse_ipconfig_all(out.stdout)["gateways"] if out.ok else []
            routes = [{"gateway": g, "interface": "", "metric": "0"} for g in gateways if "." in g]
        return routes
    if platform == "darwin":  # pragma: no cover - macOS only
        out = run(["route", "-n", "get", "default"], 2.0)
        route = netparse.parse_route_get(out.stdout) if out.ok else {}
        if route.get("gateway"):
            return [{"gateway": route["gateway"], "interface": route.get("interface", ""), "metric": "0"}]
        out = run(["netstat", "-rn", "-f", "inet"], 3.0)
        return netparse.parse_netstat_rn(out.stdout) if out.ok else []
    routes = netparse.parse_proc_net_route(_read("/proc/net/route") or "")
    if not routes:
        routes = netparse.parse_proc_ipv6_route(_read("/proc/net/ipv6_route") or "")
    return routes


def box_address(routes: Sequence[Mapping[str, str]]) -> str:
    """The address to reach the internet box at (the best default route's gateway), a link-local one with its interface
    ("fe80::1%eth0": it is reached through it); "" when no route has a gateway."""
    route = next((r for r in routes if r.get("gateway")), None)
    gateway = str(route["gateway"]) if route else ""
    if gateway.lower().startswith("fe80") and "%" not in gateway and route and route.get("interface"):
        gateway = f"{gateway}%{route['interface']}"
    return gateway


# ---------------------------------------------------------------- shared by the checks

DEFAULT_TIMEOUTS = {"dns": 1.5, "connect": 1.5, "ping": 1.0, "ntp": 1.5, "http": 2.0}


def network_settings(config: Mapping[str, Any]) -> dict[str, Any]:
    section = config.get("network") if isinstance(config, Mapping) else None
    return dict(section) if isinstance(section, Mapping) else {}


def timeout_of(config: Mapping[str, Any], key: str) -> float:
    """A probe timeout in seconds from [network.timeouts] (bounded to 0.1-10 s)."""
    timeouts = network_settings(config).get("timeouts")
    value = timeouts.get(key) if isinstance(timeouts, Mapping) else None
    try:
        seconds = float(value) if value is not None else DEFAULT_TIMEOUTS[key]
    except (TypeError, ValueError):
        seconds = DEFAULT_TIMEOUTS[key]
    return min(10.0, max(0.1, seconds))


def dns_context(facts_of: Callable[[str], Any], run: Callable[..., Any], platform: str) -> tuple[list[str], dict[str, list[str]]]:
    """(resolvers worth asking, addresses already found) from the DNS check's facts.

    Without DNS facts the resolvers are looked up; with them, only the resolvers
    that answered are used, so a dead resolver costs no second wait.
    """
    facts = facts_of("network.dns")
    if not facts or "resolvers" not in facts:
        return find_resolvers(run, platform)["servers"], {}
    working = [s for s in facts.get("resolvers", []) if any(q.get("status") == "answer" for q in facts.get("queries", {}).get(s, {}).values())]
    known: dict[str, list[str]] = {}
    for per_name in facts.get("queries", {}).values():
        for name, answer in per_name.items():
            known.setdefault(name, [])
            if answer.get("addresses") and answer.get("rcode") == "NOERROR" and not known[name]:
                known[name] = list(answer["addresses"])
    return working, known


def hosts_to_resolve(config: Mapping[str, Any]) -> list[str]:
    """Every host name the upper network checks will need (resolved once, by the DNS check)."""
    settings = network_settings(config)
    urls = [str(settings.get("connectivity_url") or ""), *[str(u) for u in settings.get("https_urls", [])]]
    support = config.get("support") if isinstance(config, Mapping) else None
    if isinstance(support, Mapping):
        urls.append(str(support.get("url") or ""))
    hosts = [url_parts(u)[0] for u in urls if u]
    hosts += [str(s) for s in settings.get("ntp_servers", [])]
    proxy = str(settings.get("proxy") or "")
    if proxy and proxy.lower() not in ("system", "none"):
        hosts.append(proxy_address(proxy)[0])
    return netparse._unique(h for h in hosts if h and not netparse.is_ip(h))


def url_parts(url: str) -> tuple[str, int, str]:
    """(host, port, path) of an http(s) URL."""
    parts = urlsplit(url)
    default = 443 if parts.scheme == "https" else 80
    return parts.hostname or "", parts.port or default, (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
