"""Upload limits in front of the relay's app: no slow or numerous uploads take it down.

An ASGI middleware around ``POST /v1/bundles`` (and every upload path) that:

- caps the uploads in progress, overall (``503`` + ``Retry-After``) and per client
  (``429`` + ``Retry-After``), answered before the body is read and with
  ``Connection: close``, so a refused sender holds no socket;
- gives each upload a whole-upload deadline and a minimum average rate after a grace
  period: a sender trickling 2 bytes a second is cut off with ``408 too_slow`` (the
  idle limit alone only bounded the gap between two chunks);
- keeps a descriptor budget: each upload holds a socket and a spool file, so the cap
  is lowered to what the process's open-file limit allows, with a reserve that keeps
  ``/healthz``, the queue and the storage answering.

:class:`RateLimitedLog` keeps a flood of identical errors (``Too many open files`` from
the accept loop) from writing megabytes of tracebacks: a few per minute per message,
then one line saying how many were left out.
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import sys
import threading
import time
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from selfcheck_intake.settings import Settings

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

log = logging.getLogger("selfcheck_intake.http")

DESCRIPTORS_PER_UPLOAD = 3  # the socket, the spool file, one more while it is stored
RESERVED_DESCRIPTORS = 64  # /healthz, the queue database, storage, the worker, logs


def open_file_limit() -> int:
    """The process's open-file limit, raised to its hard limit when allowed (POSIX)."""
    if sys.platform == "win32":  # no such limit on sockets
        return 1 << 20
    import resource

    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if hard != resource.RLIM_INFINITY and soft < hard:
        try:
            resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
            soft = hard
        except (ValueError, OSError):
            pass
    return int(soft) if soft != resource.RLIM_INFINITY else 1 << 20


def upload_budget(configured: int, nofile: int) -> int:
    """Uploads that may run at once within the descriptor budget (at least one)."""
    return max(1, min(configured, (nofile - RESERVED_DESCRIPTORS) // DESCRIPTORS_PER_UPLOAD))


class UploadGuard:
    """The middleware; ``paths`` are the upload routes (POST)."""

    def __init__(self, app: ASGIApp, settings: Settings, *, nofile: int | None = None, paths: tuple[str, ...] = ("/v1/bundles",)) -> None:
        self.app = app
        self.settings = settings
        lim = settings.limits
        self.max_uploads = upload_budget(lim.max_concurrent_uploads, nofile if nofile is not None else open_file_limit())
        self.per_client = max(1, lim.max_uploads_per_client)
        self.deadline = float(lim.upload_deadline_seconds)
        self.min_rate = float(lim.min_upload_bytes_per_second)
        self.grace = float(lim.min_rate_grace_seconds)
        self.paths = paths
        self.active = 0
        self.by_client: dict[str, int] = {}

    def client_of(self, scope: Scope) -> str:
        if self.settings.trust_forwarded_for:
            for name, value in scope.get("headers") or []:
                if name == b"x-forwarded-for" and value:
                    return value.decode("latin-1").split(",")[-1].strip()
        client = scope.get("client")
        return str(client[0]) if client else "unknown"

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope.get("method") != "POST" or scope.get("path") not in self.paths:
            await self.app(scope, receive, send)
            return
        client = self.client_of(scope)
        retry = str(int(max(5.0, min(self.deadline, 60.0))))
        if self.by_client.get(client, 0) >= self.per_client:
            log.info("too many uploads at once from one client", extra={"client": client, "limit": self.per_client})
            await _refuse(send, 429, "too_many_uploads", "Too many uploads from this address at once; try again later.", retry)
            return
        if self.active >= self.max_uploads:
            log.warning("upload refused: the relay is at its limit of uploads at once", extra={"client": client, "limit": self.max_uploads})
            await _refuse(send, 503, "busy", "The relay is receiving too many bundles right now; try again later.", retry)
            return
        self.active += 1
        self.by_client[client] = self.by_client.get(client, 0) + 1
        try:
            await self._guarded(scope, receive, send, client)
        finally:
            self.active -= 1
            left = self.by_client.get(client, 1) - 1
            if left > 0:
                self.by_client[client] = left
            else:
                self.by_client.pop(client, None)

    async def _guarded(self, scope: Scope, receive: Receive, send: Send, client: str) -> None:
        start = time.monotonic()
        received = 0
        too_slow = False

        async def guarded_receive() -> Message:
            nonlocal received, too_slow
            if too_slow:
                return {"type": "http.disconnect"}
            by_rate = start + self.grace + (received / self.min_rate if self.min_rate > 0 else float("inf"))
            limit = min(start + self.deadline, by_rate)
            wait = limit - time.monotonic()
            if wait <= 0:
                too_slow = True
                return {"type": "http.disconnect"}
            try:
                message = await asyncio.wait_for(receive(), timeout=wait)
            except TimeoutError:
                too_slow = True
                log.info(
                    "upload too slow: dropped",
                    extra={"client": client, "bytes": received, "seconds": round(time.monotonic() - start, 1)},
                )
                return {"type": "http.disconnect"}
            if message.get("type") == "http.request":
                received += len(message.get("body") or b"")
            return message

        replaced = False

        async def guarded_send(message: Message) -> None:
            nonlocal replaced
            if too_slow:  # the app saw a disconnect: say why, and close the connection
                if message["type"] == "http.response.start" and not replaced:
                    replaced = True
                    await _refuse(
                        send,
                        408,
                        "too_slow",
                        f"The upload was too slow (at least {int(self.min_rate)} bytes a second, {int(self.deadline)} seconds in all).",
                        None,
                    )
                return
            await send(message)

        await self.app(scope, guarded_receive, guarded_send)


async def _refuse(send: Send, status: int, code: str, reason: str, retry_after: str | None) -> None:
    body = json.dumps({"error": code, "reason": reason}).encode()
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()), (b"connection", b"close")]
    if retry_after:
        headers.append((b"retry-after", retry_after.encode()))
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


class RateLimitedLog(logging.Filter):
    """At most ``burst`` records per ``window`` seconds for each (logger, message); then one
    record saying how many were left out. Keeps a flood of errors from filling the disk."""

    def __init__(self, burst: int = 5, window: float = 60.0, clock: Callable[[], float] = time.monotonic) -> None:
        super().__init__()
        self.burst, self.window, self.clock = burst, window, clock
        self._seen: dict[tuple[str, str], list[float]] = {}
        self._dropped: dict[tuple[str, str], int] = {}
        self._lock = threading.Lock()

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno < logging.WARNING:
            return True
        key = (record.name, str(record.msg)[:200])
        now = self.clock()
        with self._lock:
            if len(self._seen) > 10_000:
                self._seen.clear()
            window_start, count = self._seen.get(key, [now, 0])
            if now - window_start >= self.window:
                window_start, count = now, 0
            if count >= self.burst:
                self._seen[key] = [window_start, count]
                self._dropped[key] = self._dropped.get(key, 0) + 1
                return False
            self._seen[key] = [window_start, count + 1]
            dropped = self._dropped.pop(key, 0)
        if dropped:
            record.suppressed_before = dropped  # the JSON log shows how many like it were left out
        return True


def install_log_limits(handler_owner: str = "selfcheck_intake") -> None:
    """Rate-limit the relay's error logs, and send asyncio's (the accept loop's) through them too."""
    handlers = logging.getLogger(handler_owner).handlers
    limiter = RateLimitedLog()
    for handler in handlers:
        handler.addFilter(limiter)
    asyncio_log = logging.getLogger("asyncio")
    asyncio_log.handlers[:] = list(handlers)
    asyncio_log.propagate = False


def descriptor_note(guard: UploadGuard) -> dict[str, int]:
    """What the relay logs at start: the limits in force."""
    return {"max_uploads": guard.max_uploads, "per_client": guard.per_client, "pid": os.getpid()}
