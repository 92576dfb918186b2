"""HTTP plumbing for uploads: the session (OS proxies and trust store), URL policy, streamed bodies."""

from __future__ import annotations

import ipaddress
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import requests

from selfcheck.config import Config

#: called with the fraction sent so far, 0.0 to 1.0 (a Qt signal's ``emit`` fits)
Progress = Callable[[float], None]


class Cancelled(Exception):
    """The user cancelled the upload."""


class InsecureURL(Exception):
    """Only HTTPS is allowed, except to this computer itself (loopback)."""


def is_loopback(host: str) -> bool:
    host = host.strip("[]").lower()
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def check_url(url: str) -> str:
    parts = urlsplit(url)
    if parts.scheme == "https" and parts.hostname:
        return url
    if parts.scheme == "http" and parts.hostname and is_loopback(parts.hostname):
        return url
    raise InsecureURL(url)


def session(config: Config) -> requests.Session:
    """A requests session with the OS proxy settings and trust store (plus network.extra_ca_file)."""
    from selfcheck import netconf

    session: requests.Session = netconf.requests_session(config)
    return session


def timeouts(config: Config) -> tuple[float, float]:
    connect = config.get("support.connect_timeout", 10)
    read = config.get("support.read_timeout", 60)
    return float(connect), float(read)


def cancelled(cancel: Any) -> bool:
    """``cancel`` may be None, a callable returning True, or an object with ``is_set()`` (threading.Event)."""
    if cancel is None:
        return False
    if hasattr(cancel, "is_set"):
        return bool(cancel.is_set())
    return bool(cancel())


class ProgressFile:
    """A file read in chunks by requests, reporting progress and honouring cancel (never whole in memory)."""

    def __init__(self, path: Path, progress: Progress | None = None, cancel: Any = None) -> None:
        self._fh = open(path, "rb")  # noqa: SIM115 - closed by close()
        self.total = path.stat().st_size
        self.sent = 0
        self._progress = progress
        self._reported = 0.0
        self._cancel = cancel

    def __len__(self) -> int:
        return self.total

    def read(self, size: int = -1) -> bytes:
        if cancelled(self._cancel):
            raise Cancelled()
        chunk = self._fh.read(65536 if size is None or size < 0 else size)
        self.sent += len(chunk)
        if self._progress is not None and self.total > 0:
            fraction = self.sent / self.total
            if fraction - self._reported >= 0.005 or (fraction >= 1.0 and self._reported < 1.0):
                self._reported = fraction
                try:
                    self._progress(fraction)
                except Exception:
                    pass
        return chunk

    def close(self) -> None:
        self._fh.close()

    def __enter__(self) -> ProgressFile:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
