"""The lab's "internet": DNS, HTTP, HTTPS and NTP servers on the lab's addresses.

Run inside the servers' network namespace by tests/netlab.py:
    python labservers.py SPEC.json
SPEC gives the addresses, the DNS zone and the certificates. The process prints
"ready" once every socket listens, then reads one JSON object per line on
stdin to change behaviour ({"dns": "slow"}, {"dns": "veryslow"}, {"dns": "lie", "dns_liars":
"198.51.100.53"}, {"http": "portal"}, {"tls": "intercept"})
and answers "ok" to each.
"""

from __future__ import annotations

import json
import socket
import ssl
import struct
import sys
import threading
import time
from email.utils import formatdate

import dns.flags
import dns.message
import dns.rcode
import dns.rrset

MODES = {"dns": "ok", "http": "ok", "tls": "good", "dns_liars": "", "ntp_offset": "0", "proxy": "ok", "proxy_blocks": "", "proxy_delay": "0"}
# ntp_offset: seconds the time server is off; proxy: "ok", or "password" (it answers 407 to every request, as a company
# proxy that wants a sign-in), or "deny" (its 403 page to every request, as Squid's "http_access deny"); proxy_blocks:
# names it answers with its own 403 page; proxy_delay: seconds it waits first
NTP_EPOCH_OFFSET = 2208988800


def udp(address: str, port: int) -> socket.socket:
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.bind((address, port))
    return sock


def serve_dns(sock: socket.socket, zone: dict[str, str], slow_seconds: float, very_slow_seconds: float = 3.0, lie_address: str = "198.51.100.99") -> None:
    own_address = sock.getsockname()[0]

    def answer(data: bytes, peer: tuple[str, int]) -> None:
        try:
            query = dns.message.from_wire(data)
        except Exception:
            return
        mode = MODES["dns"]
        if mode == "slow":
            time.sleep(slow_seconds)
        elif mode == "veryslow":
            time.sleep(very_slow_seconds)
        liars = [a for a in MODES.get("dns_liars", "").split(",") if a]
        lying = mode in ("lie", "stale") and (not liars or own_address in liars)
        reply = dns.message.make_response(query)
        reply.flags |= dns.flags.RA
        question = query.question[0]
        name = question.name.to_text().rstrip(".").lower()
        if lying and question.rdtype == 1:
            # "lie": every name leads to one address where nothing answers; "stale": each name to an
            # address of its own where nothing answers any more (an out-of-date company resolver)
            address = lie_address if mode == "lie" else f"198.51.100.{200 + sum(name.encode()) % 50}"
            reply.answer.append(dns.rrset.from_text(question.name, 60, "IN", "A", address))
        elif mode == "nxdomain" and name == zone.get("_nxdomain_name"):
            reply.set_rcode(dns.rcode.NXDOMAIN)
        elif name in zone and question.rdtype == 1:
            reply.answer.append(dns.rrset.from_text(question.name, 60, "IN", "A", zone[name]))
        elif name not in zone:
            reply.set_rcode(dns.rcode.NXDOMAIN)
        sock.sendto(reply.to_wire(), peer)

    while True:
        data, peer = sock.recvfrom(4096)
        threading.Thread(target=answer, args=(data, peer), daemon=True).start()


def serve_ntp(sock: socket.socket) -> None:
    while True:
        data, peer = sock.recvfrom(512)
        wrong = float(MODES.get("ntp_offset") or 0)  # a time server that gives a wrong time
        received = time.time() + NTP_EPOCH_OFFSET + wrong
        if len(data) < 48:
            continue

        def stamp(t: float) -> bytes:
            return struct.pack("!II", int(t), int((t % 1) * 2**32))

        transmit = time.time() + NTP_EPOCH_OFFSET + wrong
        reply = bytes([0x24, 2, data[2], 0xEC]) + b"\0" * 8 + b"LAB\0" + stamp(received) + data[40:48] + stamp(received) + stamp(transmit)
        sock.sendto(reply, peer)


def http_response(code: int, reason: str, body: bytes = b"", extra: str = "") -> bytes:
    head = f"HTTP/1.1 {code} {reason}\r\nDate: {formatdate(usegmt=True)}\r\nContent-Length: {len(body)}\r\nConnection: close\r\n{extra}\r\n"
    return head.encode() + body


def handle_http(conn: socket.socket) -> None:
    with conn:
        conn.settimeout(5)
        try:
            request = conn.recv(65536).decode("latin-1")
        except OSError:
            return
        path = request.split(" ")[1] if " " in request else "/"
        if MODES["http"] == "portal":
            conn.sendall(http_response(302, "Found", b"", "Location: http://portal.lab.example/login?continue=1\r\n"))
        elif path.endswith("/generate_204"):
            conn.sendall(http_response(204, "No Content"))
        else:
            conn.sendall(http_response(200, "OK", b"<html>lab</html>", "Content-Type: text/html\r\n"))


def serve_http(sock: socket.socket) -> None:
    while True:
        conn, _peer = sock.accept()
        threading.Thread(target=handle_http, args=(conn,), daemon=True).start()


def serve_https(sock: socket.socket, contexts: dict[str, ssl.SSLContext]) -> None:

    def handle(conn: socket.socket) -> None:
        conn.settimeout(5)
        try:
            with contexts[MODES["tls"]].wrap_socket(conn, server_side=True) as tls:
                tls.recv(65536)
                tls.sendall(http_response(200, "OK", b"ok"))
        except (OSError, ssl.SSLError):
            pass
        finally:
            conn.close()

    while True:
        conn, _peer = sock.accept()
        threading.Thread(target=handle, args=(conn,), daemon=True).start()


def pipe(src: socket.socket, dst: socket.socket) -> None:
    try:
        while data := src.recv(65536):
            dst.sendall(data)
    except OSError:
        pass
    finally:
        for sock in (src, dst):
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass


def serve_proxy(sock: socket.socket, zone: dict[str, str]) -> None:
    """A small HTTP proxy: CONNECT tunnels and absolute-URI GETs to the lab's names."""

    def handle(conn: socket.socket) -> None:
        conn.settimeout(5)
        try:
            head = b""
            while b"\r\n\r\n" not in head:
                chunk = conn.recv(4096)
                if not chunk:
                    return
                head += chunk
            method, target = head.split(b" ")[:2]
            time.sleep(float(MODES.get("proxy_delay") or 0))
            host = target.decode().rpartition(":")[0] if method == b"CONNECT" else target.decode().split("/")[2].split(":")[0]
            if MODES.get("proxy") == "password":
                page = b"<html><body>Proxy Authentication Required</body></html>"
                conn.sendall(
                    http_response(407, "Proxy Authentication Required", page, 'Proxy-Authenticate: Basic realm="ACME proxy"\r\nContent-Type: text/html\r\n')
                )
                conn.close()
                return
            if MODES.get("proxy") == "deny" or host in [h for h in MODES.get("proxy_blocks", "").split(",") if h]:
                page = b"<html><body><h1>Access denied</h1>This site is blocked by your company's policy.</body></html>"
                conn.sendall(http_response(403, "Forbidden", page, "Content-Type: text/html\r\n"))
                conn.close()
                return
            if method == b"CONNECT":
                host, _sep, port = target.decode().rpartition(":")
                upstream = socket.create_connection((zone.get(host, host), int(port)), timeout=5)
                conn.sendall(b"HTTP/1.1 200 Connection established\r\n\r\n")
            else:
                host = target.decode().split("/")[2].split(":")[0]
                upstream = socket.create_connection((zone.get(host, host), 80), timeout=5)
                upstream.sendall(head)
            conn.settimeout(None)
            upstream.settimeout(None)
            threading.Thread(target=pipe, args=(upstream, conn), daemon=True).start()
            pipe(conn, upstream)
        except (OSError, ValueError, IndexError):
            conn.close()

    while True:
        conn, _peer = sock.accept()
        threading.Thread(target=handle, args=(conn,), daemon=True).start()


def main() -> None:
    spec = json.loads(open(sys.argv[1]).read())
    contexts = {}
    for mode, (cert, key) in spec["certs"].items():
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        ctx.load_cert_chain(cert, key)
        contexts[mode] = ctx
    workers = [
        threading.Thread(
            target=serve_dns, args=(udp(a, 53), spec["zone"], spec.get("dns_slow_seconds", 0.9), spec.get("dns_very_slow_seconds", 3.0)), daemon=True
        )
        for a in spec["dns"]
    ]
    workers += [threading.Thread(target=serve_http, args=(socket.create_server((a, 80)),), daemon=True) for a in spec["http"]]
    workers += [threading.Thread(target=serve_https, args=(socket.create_server((a, 443)), contexts), daemon=True) for a in spec["https"]]
    workers += [threading.Thread(target=serve_ntp, args=(udp(a, 123),), daemon=True) for a in spec["ntp"]]
    workers += [threading.Thread(target=serve_proxy, args=(socket.create_server((a, 3128)), spec["zone"]), daemon=True) for a in spec.get("proxy", [])]
    for w in workers:
        w.start()
    print("ready", flush=True)
    for line in sys.stdin:
        if line.strip():
            MODES.update(json.loads(line))
            print("ok", flush=True)


if __name__ == "__main__":
    main()
