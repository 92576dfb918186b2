"""A small IPP client (RFC 8010/8011): enough to ask the print service and a printer how they are.

The same few requests serve three purposes on every platform: asking the local
CUPS service (Linux, macOS) for its printers and jobs, asking a network printer
directly for its state, paper and toner (IPP Get-Printer-Attributes: CUPS only
learns a printer's state while a job runs), and cancelling stuck jobs.

Why not a library: pycups needs a compiler and libcups headers (no wheels; nothing
on Windows), and pyipp brings aiohttp and an event loop for four requests. IPP's
binary encoding is small and stable; this module encodes and decodes it with the
standard library, over TCP, TLS (printers' self-signed certificates: only status
is read, nothing is sent but these requests) or a local Unix socket (CUPS).
"""

from __future__ import annotations

import http.client
import socket
import ssl
import struct
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import unquote, urlsplit

# operations
GET_PRINTER_ATTRIBUTES = 0x000B
GET_JOBS = 0x000A
CANCEL_JOB = 0x0008
CUPS_GET_DEFAULT = 0x4001
CUPS_GET_PRINTERS = 0x4002

# delimiter tags
OPERATION = 0x01
JOB = 0x02
END = 0x03
PRINTER = 0x04

# value tags
INTEGER = 0x21
BOOLEAN = 0x22
ENUM = 0x23
OCTETS = 0x30
DATETIME = 0x31
BEGIN_COLLECTION = 0x34
END_COLLECTION = 0x37
MEMBER_NAME = 0x4A
TEXT_LANG = 0x35
NAME_LANG = 0x36
TEXT = 0x41
NAME = 0x42
KEYWORD = 0x44
URI = 0x45
CHARSET = 0x47
LANGUAGE = 0x48
MIME = 0x49

PRINTER_STATES = {3: "idle", 4: "processing", 5: "stopped"}
JOB_STATES = {3: "pending", 4: "held", 5: "processing", 6: "stopped", 7: "canceled", 8: "aborted", 9: "completed"}


class IppError(Exception):
    """Why a request got no usable answer. ``kind``: refused, timeout, unreachable, not_found,
    http (the server answered with an HTTP error), bad_answer, denied (IPP status)."""

    def __init__(self, kind: str, detail: str = "") -> None:
        super().__init__(f"{kind}: {detail}" if detail else kind)
        self.kind = kind
        self.detail = detail


@dataclass
class Response:
    status: int
    groups: list[tuple[int, dict[str, list[Any]]]] = field(default_factory=list)

    def group(self, tag: int) -> list[dict[str, list[Any]]]:
        return [attrs for t, attrs in self.groups if t == tag]

    def first(self, tag: int) -> dict[str, list[Any]]:
        found = self.group(tag)
        return found[0] if found else {}

    @property
    def ok(self) -> bool:
        return self.status < 0x0100


def encode(operation: int, request_id: int, attributes: list[tuple[int, str, Any]], group_attrs: list[tuple[int, str, Any]] | None = None) -> bytes:
    """An IPP 2.0 request: charset and language first, then ``attributes`` (operation group)."""
    out = bytearray(struct.pack(">BBHI", 2, 0, operation, request_id))
    out.append(OPERATION)
    items = [(CHARSET, "attributes-charset", "utf-8"), (LANGUAGE, "attributes-natural-language", "en"), *attributes]
    for tag, name, value in items:
        values = value if isinstance(value, list) else [value]
        for i, one in enumerate(values):
            key = name.encode() if i == 0 else b""
            if tag in (INTEGER, ENUM):
                raw = struct.pack(">i", int(one))
            elif tag == BOOLEAN:
                raw = b"\x01" if one else b"\x00"
            else:
                raw = str(one).encode("utf-8")
            out += struct.pack(">BH", tag, len(key)) + key + struct.pack(">H", len(raw)) + raw
    out.append(END)
    return bytes(out)


def _value(tag: int, raw: bytes) -> Any:
    if tag in (INTEGER, ENUM) and len(raw) == 4:
        return struct.unpack(">i", raw)[0]
    if tag == BOOLEAN and len(raw) == 1:
        return raw != b"\x00"
    if tag == DATETIME and len(raw) >= 8:
        year, month, day, hour, minute, second = struct.unpack(">HBBBBB", raw[:7])
        return f"{year:04d}-{month:02d}-{day:02d}T{hour:02d}:{minute:02d}:{second:02d}"
    if tag in (TEXT_LANG, NAME_LANG) and len(raw) >= 4:
        (lang_len,) = struct.unpack(">H", raw[:2])
        rest = raw[2 + lang_len :]
        return rest[2:].decode("utf-8", "replace")
    if tag < 0x10 + 0x10 and tag in (0x10, 0x12, 0x13):  # out-of-band: unsupported, unknown, no-value
        return None
    if 0x30 <= tag <= 0x5F:
        return raw.decode("utf-8", "replace")
    return raw.hex()


def decode(data: bytes) -> Response:
    """Decode an IPP response; collections are skipped (nothing here needs them)."""
    if len(data) < 9:
        raise IppError("bad_answer", "too short")
    _major, _minor, status, _request_id = struct.unpack(">BBHI", data[:8])
    response = Response(status)
    pos = 8
    current: dict[str, list[Any]] | None = None
    last_name = ""
    depth = 0
    try:
        while pos < len(data):
            tag = data[pos]
            pos += 1
            if tag == END:
                break
            if tag < 0x10:  # a new group
                current = {}
                response.groups.append((tag, current))
                continue
            (name_len,) = struct.unpack(">H", data[pos : pos + 2])
            name = data[pos + 2 : pos + 2 + name_len].decode("utf-8", "replace")
            pos += 2 + name_len
            (value_len,) = struct.unpack(">H", data[pos : pos + 2])
            raw = data[pos + 2 : pos + 2 + value_len]
            if len(raw) != value_len:
                raise IppError("bad_answer", "truncated")
            pos += 2 + value_len
            if tag == BEGIN_COLLECTION:
                depth += 1
                if depth == 1 and name and current is not None:
                    last_name = name
                    current.setdefault(name, []).append({})
                continue
            if tag == END_COLLECTION:
                depth = max(0, depth - 1)
                continue
            if depth or current is None:
                continue
            if name:
                last_name = name
                current.setdefault(name, []).append(_value(tag, raw))
            elif last_name:
                current.setdefault(last_name, []).append(_value(tag, raw))
    except struct.error as exc:
        raise IppError("bad_answer", "truncated") from exc
    return response


class _UnixConnection(http.client.HTTPConnection):
    def __init__(self, path: str, timeout: float) -> None:
        super().__init__("localhost", timeout=timeout)
        self._path = path

    def connect(self) -> None:
        family = getattr(socket, "AF_UNIX", None)  # (not on older Windows; CUPS never runs there)
        if family is None:
            raise FileNotFoundError(self._path)
        sock = socket.socket(family, socket.SOCK_STREAM)
        sock.settimeout(self.timeout)
        try:
            sock.connect(self._path)
        except OSError:
            sock.close()
            raise
        self.sock = sock


@dataclass
class Endpoint:
    """Where to send IPP: a Unix socket path, or a host and port (with TLS or not)."""

    host: str
    port: int = 631
    path: str = "/"
    tls: bool = False
    socket_path: str | None = None

    @classmethod
    def from_uri(cls, uri: str) -> Endpoint:
        parts = urlsplit(uri)
        scheme = parts.scheme.lower()
        if scheme not in ("ipp", "ipps", "http", "https"):
            raise ValueError(f"not an IPP address: {scheme}")
        tls = scheme in ("ipps", "https")
        port = parts.port or (443 if scheme == "https" else 80 if scheme == "http" else 631)
        return cls(parts.hostname or "localhost", port, parts.path or "/", tls)

    @classmethod
    def cups_server(cls, server: str) -> Endpoint:
        """A CUPS server as CUPS_SERVER spells it: ``/path/to/socket``, ``host`` or ``host:port``."""
        if server.startswith("/"):
            return cls("localhost", socket_path=server)
        host, _, port = server.rpartition(":") if server.count(":") == 1 else (server, "", "")
        return cls(host or server, int(port) if port.isdigit() else 631)


def request(endpoint: Endpoint, body: bytes, timeout: float) -> Response:
    """POST an IPP request; an :class:`IppError` says plainly why there is no answer."""
    conn: http.client.HTTPConnection
    if endpoint.socket_path:
        conn = _UnixConnection(endpoint.socket_path, timeout)
    elif endpoint.tls:
        context = ssl.create_default_context()
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE  # printers use self-signed certificates; only their status is read
        conn = http.client.HTTPSConnection(endpoint.host, endpoint.port, timeout=timeout, context=context)
    else:
        conn = http.client.HTTPConnection(endpoint.host, endpoint.port, timeout=timeout)
    try:
        conn.request(
            "POST", endpoint.path, body=body, headers={"Content-Type": "application/ipp", "Host": "localhost" if endpoint.socket_path else endpoint.host}
        )
        answer = conn.getresponse()
        data = answer.read(4 * 1024 * 1024)
        if answer.status != 200:
            raise IppError("http", str(answer.status))
        return decode(data)
    except FileNotFoundError as exc:
        raise IppError("not_found", str(exc)) from exc
    except ConnectionRefusedError as exc:
        raise IppError("refused", str(exc)) from exc
    except TimeoutError as exc:
        raise IppError("timeout", str(exc)) from exc
    except socket.gaierror as exc:
        raise IppError("not_found", str(exc)) from exc
    except (OSError, http.client.HTTPException) as exc:
        raise IppError("unreachable", str(exc)) from exc
    finally:
        conn.close()


def printer_uri(endpoint: Endpoint) -> str:
    if endpoint.socket_path:
        return "ipp://localhost/"
    host = f"[{endpoint.host}]" if ":" in endpoint.host else endpoint.host
    return f"{'ipps' if endpoint.tls else 'ipp'}://{host}:{endpoint.port}{endpoint.path}"


def uri_host(uri: str) -> str | None:
    try:
        return unquote(urlsplit(uri).hostname or "") or None
    except ValueError:
        return None
