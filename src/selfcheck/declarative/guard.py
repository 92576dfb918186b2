"""The network guard of declarative tcp/http probes: they contact only what ``SELFCHECK_NETWORK_ALLOW``
allows, like the network checks, and name their failures by plain codes."""

from __future__ import annotations

import errno
import socket
from typing import Any


class ProbeRefused(Exception):
    """A probe that must not be sent: ``code`` is "blocked" (outside SELFCHECK_NETWORK_ALLOW) or "name_not_found".

    Not an OSError, so urllib3 does not retry it or wrap it: it reaches the check as is.
    """

    def __init__(self, code: str, target: str) -> None:
        super().__init__(f"{code}: {target}")
        self.code, self.target = code, target


def _connect_any(addresses: list[str], port: int, timeout: float) -> socket.socket:
    """A socket connected to the first address that answers (the last error otherwise)."""
    last: OSError = OSError(errno.EHOSTUNREACH, "no address")
    for ip in addresses:
        try:
            return socket.create_connection((ip, port), timeout=timeout)
        except TimeoutError:
            raise
        except OSError as exc:
            last = exc
    raise last


def _guarded_adapter(addresses_of: Any) -> Any:
    """A requests adapter whose connections (redirects and proxies too) go only to the guard's addresses,
    found without the system resolver (``addresses_of(host)`` raises ProbeRefused)."""
    from requests.adapters import HTTPAdapter
    from urllib3.connection import HTTPConnection, HTTPSConnection
    from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool
    from urllib3.exceptions import ConnectTimeoutError, NewConnectionError

    def new_conn(conn: Any) -> socket.socket:
        addresses = addresses_of(conn.host)
        try:
            sock = _connect_any(addresses, conn.port, conn.timeout)
        except TimeoutError as exc:
            raise ConnectTimeoutError(conn, f"Connection to {conn.host} timed out.") from exc
        except OSError as exc:
            raise NewConnectionError(conn, f"Failed to establish a new connection: {exc}") from exc
        for option in conn.socket_options or ():
            sock.setsockopt(*option)
        return sock

    class GuardedHTTPConnection(HTTPConnection):
        def _new_conn(self) -> socket.socket:
            return new_conn(self)

    class GuardedHTTPSConnection(HTTPSConnection):
        def _new_conn(self) -> socket.socket:
            return new_conn(self)

    class GuardedHTTPPool(HTTPConnectionPool):
        ConnectionCls = GuardedHTTPConnection

    class GuardedHTTPSPool(HTTPSConnectionPool):
        ConnectionCls = GuardedHTTPSConnection

    pools = {"http": GuardedHTTPPool, "https": GuardedHTTPSPool}

    class GuardedAdapter(HTTPAdapter):
        def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
            super().init_poolmanager(*args, **kwargs)
            self.poolmanager.pool_classes_by_scheme = pools

        def proxy_manager_for(self, *args: Any, **kwargs: Any) -> Any:
            manager = super().proxy_manager_for(*args, **kwargs)
            manager.pool_classes_by_scheme = pools
            return manager

    return GuardedAdapter()


def _http_error_code(exc: BaseException) -> str:
    """A word for why an HTTP probe got no answer: an errno name when there is one, else timeout, tls, redirects, name, error."""
    import requests

    if isinstance(exc, requests.exceptions.Timeout):
        return "ETIMEDOUT"
    if isinstance(exc, requests.exceptions.SSLError):
        return "tls"
    if isinstance(exc, requests.exceptions.TooManyRedirects):
        return "too_many_redirects"
    seen: set[int] = set()
    stack: list[Any] = [exc]
    while stack:  # the OSError at the bottom of requests' and urllib3's wrappers
        item = stack.pop()
        if item is None or id(item) in seen:
            continue
        seen.add(id(item))
        if isinstance(item, socket.gaierror):
            return "name_not_found"
        if isinstance(item, OSError) and isinstance(item.errno, int) and item.errno in errno.errorcode:
            return errno.errorcode[item.errno]
        if isinstance(item, BaseException):
            stack += [item.__cause__, item.__context__, getattr(item, "reason", None), *[a for a in item.args if isinstance(a, BaseException)]]
    return "error"
