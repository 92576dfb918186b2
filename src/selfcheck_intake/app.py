"""The relay's HTTP API (Starlette). See docs/intake.md and /openapi.json.

``POST /v1/bundles``   the bundle as the raw request body (``application/zip``),
                       ``Idempotency-Key: <bundle id>``, optional
                       ``X-Selfcheck-Meta: base64url(JSON {email, name, description, ticket})``.
                       201: accepted and the ticket exists; 202: accepted, ticket
                       pending (the reference code is valid at once; poll
                       ``status_url`` for the helpdesk's number); 200: this
                       bundle was already accepted (same answer as the first time).
``GET /v1/bundles/{id}`` the same JSON, for a bundle already accepted (404 otherwise).
``GET /v1/info``       limits, so a client can refuse too large a bundle before sending it.
``GET /healthz``       whether this instance can reach its storage and its queue database, and whether the
                       retention sweep could delete what is past its time.
``POST /v1/requests``  (agents, ``Authorization: Bearer <requests.agent_token>``) a single-use request link
                       for a ticket; ``GET /v1/requests/{code}`` what the app shows; ``GET /r/{code}`` the
                       customer's page. See selfcheck_intake.support_requests.
"""

from __future__ import annotations

import asyncio
import base64
import binascii
import contextlib
import errno
import hashlib
import hmac
import json
import logging
import os
import re
import stat
import time
import unicodedata
import urllib.parse
from collections.abc import AsyncIterator, Iterator
from email.utils import formatdate
from pathlib import Path
from typing import Any, BinaryIO

from starlette.applications import Starlette
from starlette.background import BackgroundTask
from starlette.concurrency import run_in_threadpool
from starlette.requests import ClientDisconnect, Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response, StreamingResponse
from starlette.routing import Route

from selfcheck_intake import agent_pages, leftovers, openapi, retention, support_requests
from selfcheck_intake.connectors import load_connector
from selfcheck_intake.connectors.base import Connector
from selfcheck_intake.queue import REQUEST_OK, TICKETED, BundleQueue, QueueUnavailable, Record, request_state
from selfcheck_intake.queues import open_queue
from selfcheck_intake.ratelimit import RateLimiter
from selfcheck_intake.settings import Settings
from selfcheck_intake.storage import Storage, StorageUnavailable, open_storage
from selfcheck_intake.validate import Rejected, valid_bundle_id, validate_bundle
from selfcheck_intake.worker import Workers, attachment_name, sign_agent_link

log = logging.getLogger("selfcheck_intake.http")

#: Unicode categories no e-mail address holds: controls (C0, C1: line breaks, a terminal's escapes), format characters
#: (bidi overrides and isolates such as U+202E, zero-width characters), line and paragraph separators
NOT_IN_ADDRESSES = frozenset({"Cc", "Cf", "Zl", "Zp"})

ZIP_TYPES = {"application/zip", "application/x-zip-compressed", "application/octet-stream"}
#: 3000-01-01 UTC (epoch seconds; Windows' gmtime stops soon after): a deletion date in a receipt from then on is no date
LAST_DATE = 32503680000.0


def with_repairs_tried(description: str, tried: list[str]) -> str:
    """The customer's words, then what they already tried with selfcheck, so support does not ask again."""
    if not tried:
        return description
    block = "What the customer already tried (with selfcheck):\n" + "\n".join(f"- {line}" for line in tried)
    return f"{description.rstrip()}\n\n{block}" if description.strip() else block


def error(status: int, code: str, reason: str, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse({"error": code, "reason": reason}, status_code=status, headers=headers)


REQUEST_REFUSALS = {
    "unknown": (404, "request_unknown", "This support request code is not known to this relay."),
    "used": (410, "request_used", "This support request code was already used."),
    "expired": (410, "request_expired", "This support request code has expired."),
}


def request_refused(state: str) -> JSONResponse:
    status, code, reason = REQUEST_REFUSALS[state]
    return error(status, code, reason)


#: seconds a client waits before asking again when the queue's database is down
QUEUE_RETRY_SECONDS = 10


def queue_unavailable() -> JSONResponse:
    """The queue's database is down: nothing was accepted, the client keeps the bundle and retries."""
    return error(503, "queue_unavailable", "The relay cannot record bundles right now; try again later.", {"Retry-After": str(QUEUE_RETRY_SECONDS)})


class NotNow:
    """A request code's look-up refused for now: 429 (too many from this address) or 503 (the queue's database is down),
    with the seconds to wait. API clients (the app, ``GET /v1/requests/{code}``) get the JSON error; the customer's
    browser (``/r/{code}``) a page in their language (:func:`support_requests.not_now_page`)."""

    def __init__(self, status: int, code: str, reason: str, retry_after: int) -> None:
        self.status, self.code, self.reason, self.retry_after = status, code, reason, retry_after

    def json(self) -> JSONResponse:
        return error(self.status, self.code, self.reason, {"Retry-After": str(self.retry_after)})


class AgentRefusal:
    """An agent link's refusal: a page in the agent's language for a browser (:mod:`agent_pages`), JSON for an API client."""

    def __init__(self, request: Request) -> None:
        self.page = agent_pages.wants_page(request.headers.get("accept", ""))
        self.lang = support_requests.language(request.headers.get("accept-language", ""), request.query_params.get("lang"))

    def __call__(
        self, state: str, status: int, code: str, reason: str, headers: dict[str, str] | None = None, page: dict[str, Any] | None = None, **more: str
    ) -> Response:
        if self.page:
            text = agent_pages.page(state, self.lang, **(page or {}))
            return HTMLResponse(text, status_code=status, headers={**agent_pages.PAGE_HEADERS, "Content-Language": self.lang, **(headers or {})})
        return JSONResponse({"error": code, "reason": reason, **more}, status_code=status, headers=headers)


class Relay:
    """Everything a request handler needs: settings, storage, queue, limiter, connector."""

    def __init__(self, settings: Settings, connector: Connector | None = None) -> None:
        self.settings = settings
        settings.state_dir.mkdir(parents=True, exist_ok=True)
        settings.spool_dir.mkdir(parents=True, exist_ok=True)
        self.queue: BundleQueue = open_queue(settings)
        try:  # a missing local folder is made only while the queue records no bundle (first setup): else a disk not mounted
            self.storage: Storage = open_storage(settings.storage, first_setup=lambda: not any(self.queue.counts().values()))
        except BaseException:
            self.queue.close()
            raise
        self.limiter = RateLimiter(settings.limits.rate_per_minute, settings.limits.rate_burst)  # per instance (docs/intake.md)
        self.request_limiter = RateLimiter(settings.request_rate_per_minute, settings.request_rate_burst)
        self.connector = connector or load_connector(settings.helpdesk)
        self.workers = Workers(settings, self.queue, self.storage, self.connector)
        self.locks: dict[str, asyncio.Lock] = {}
        #: an agent link found the storage unreadable (said once in the log until a link reads it again)
        self.storage_down = False
        #: bundles past their time the storage refused to delete at the last sweep (/healthz says so)
        self.overdue = retention.Overdue()

    def client_of(self, request: Request) -> str:
        if self.settings.trust_forwarded_for:
            forwarded = request.headers.get("x-forwarded-for", "")
            if forwarded:
                return forwarded.split(",")[-1].strip()
        return request.client.host if request.client else "unknown"

    def answer(self, record: Record, status: int) -> JSONResponse:
        return JSONResponse(record.public(f"/v1/bundles/{record.bundle_id}"), status_code=status)

    def unrecorded(self, bundle_id: str, storage_key: str) -> None:
        """A bundle stored whose record the queue could not write (or whose receipt the bucket refused): removed from the
        storage with the receipt written for it, as no row will ever let the retention sweep delete it (a customer's data
        kept for ever) and a receipt without a row would answer its resend as accepted, with no ticket ever made.

        The bundle is kept when the queue has a row for this key after all (the same bundle recorded by another instance,
        an insert whose answer was lost) or cannot say (its database down): the client keeps the bundle and sends it
        again, which stores it under the same key and records it. The receipt goes first, and whatever the bundle
        becomes, unless the row is there: a queue with receipts is this instance's own (SQLite), whose statement that
        failed wrote nothing."""
        errors: list[str] = []
        try:
            row = self.queue.get(bundle_id)
        except Exception as exc:
            known = False
            errors.append(str(exc))
        else:
            known = True
            if row is not None and row.storage_key == storage_key:
                return
        if not self.queue.shared:
            try:
                self.storage.delete_receipt(bundle_id)
            except Exception as exc:
                errors.append(str(exc))
        if known:
            try:
                self.storage.delete(storage_key)
            except Exception as exc:
                errors.append(str(exc))
        if not known:
            log.warning(
                "kept a bundle the queue could not record: it cannot say now whether it has it", extra={"bundle_id": bundle_id, "error": "; ".join(errors)}
            )
        elif errors:
            log.warning("cannot remove a bundle the queue could not record", extra={"bundle_id": bundle_id, "error": "; ".join(errors)})
        else:
            log.info("removed a bundle the queue could not record", extra={"bundle_id": bundle_id})

    def deleted_elsewhere(self, record: Record) -> float | None:
        """When another instance (with a queue of its own, sharing the bucket) deleted this instance's bundle, as its
        receipt records (:func:`retention.record_deleted`); raises StorageUnavailable when the receipt cannot be read."""
        if self.queue.shared or not self.storage.receipts:
            return None
        try:
            receipt = self.storage.get_receipt(record.bundle_id)
        except Exception as exc:
            raise StorageUnavailable(f"cannot read the shared receipt: {exc}") from exc
        when = receipt.get("deleted") if receipt else None
        if isinstance(when, bool) or not isinstance(when, int | float):
            return None
        try:  # from the bucket, hostile: a time the page can write (1e300, NaN or 10**400 is no record)
            return float(when) if 0 < float(when) < LAST_DATE else None
        except OverflowError:
            return None

    def deleted(self, refuse: AgentRefusal, record: Record, when: float) -> Response:
        """410: the bundle was deleted by retention at ``when``; the reason says whether the ticket holds the file."""
        return refuse(
            "deleted",
            410,
            "deleted",
            deleted_message(self.settings, record),
            deleted_at=time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(when)),
            page={"deleted": when, "ticketed": record.updated, "attached": bool(record.attached)},
        )

    def unreadable(self, refuse: AgentRefusal, why: str) -> Response:
        """503: the storage cannot say now whether the bundle is there; logged once until it can again."""
        if not self.storage_down:
            self.storage_down = True
            log.warning("cannot read a bundle from the storage: agent links answer 503 until it can", extra={"error": why})
        return refuse("unreachable", 503, "storage_unavailable", "The relay cannot read its storage right now; try again later.", {"Retry-After": "60"})

    def readable(self) -> None:
        if self.storage_down:
            self.storage_down = False
            log.info("the storage can be read again")


def parse_meta(header: str | None, limit: int) -> dict[str, str | None]:
    """The customer's contact details and description, sent as base64url JSON in a header."""
    meta: dict[str, str | None] = {"email": None, "name": None, "description": "", "ticket": None, "request": None}
    if not header:
        return meta
    if len(header) > limit:
        raise Rejected(400, "bad_meta", "X-Selfcheck-Meta is too long.")
    try:
        data = json.loads(base64.urlsafe_b64decode(header + "=" * (-len(header) % 4)).decode("utf-8"))
    except (binascii.Error, ValueError, UnicodeDecodeError) as exc:
        raise Rejected(400, "bad_meta", "X-Selfcheck-Meta is not base64url-encoded JSON.") from exc
    if not isinstance(data, dict):
        raise Rejected(400, "bad_meta", "X-Selfcheck-Meta is not a JSON object.")
    for key in meta:
        value = data.get(key)
        if value is not None and not isinstance(value, str):
            raise Rejected(400, "bad_meta", f"X-Selfcheck-Meta field '{key}' must be text.")
        if value is not None:
            meta[key] = value.strip()[:8000]
    email = meta["email"]
    if email and ("@" not in email or len(email) > 254 or any(c in " <>" or unicodedata.category(c) in NOT_IN_ADDRESSES for c in email)):
        raise Rejected(400, "bad_meta", "The e-mail address is not valid.")  # refused, not escaped: it becomes the ticket's requester
    if meta["ticket"]:  # before any connector builds a request path from it (support_requests.valid_ticket)
        meta["ticket"] = support_requests.valid_ticket(meta["ticket"])
        if meta["ticket"] is None:
            raise Rejected(400, "bad_ticket", "The ticket must be a ticket number.")
    else:
        meta["ticket"] = None
    return meta


async def receive_to_file(request: Request, target: Path, cap: int, idle_seconds: float = 60.0) -> tuple[str, int]:
    """Stream the body into ``target`` (never whole in memory); returns (sha256, size).

    A client that sends nothing for ``idle_seconds`` is dropped (a stalled or hostile upload
    must not hold a connection and a spool file for ever).
    """
    digest = hashlib.sha256()
    size = 0
    chunks = request.stream().__aiter__()
    with open(target, "wb") as fh:
        while True:
            try:
                chunk = await asyncio.wait_for(chunks.__anext__(), timeout=idle_seconds)
            except StopAsyncIteration:
                break
            except TimeoutError as exc:
                raise Rejected(408, "too_slow", "The upload stalled.") from exc
            if not chunk:
                continue
            size += len(chunk)
            if size > cap:
                raise Rejected(413, "too_large", f"The bundle is larger than the relay accepts ({cap} bytes).")
            digest.update(chunk)
            fh.write(chunk)
    return digest.hexdigest(), size


def _days(days: float) -> str:
    return f"{days:g} day" + ("" if days == 1 else "s")


def deleted_message(settings: Settings, record: Record) -> str:
    """The 410 an agent link to a deleted bundle answers: whether the ticket holds the bundle (its attachment remains)
    or only this link (the relay's copy was support's only one: gone after the time set on the relay, which the
    ticket's text gave with the link)."""
    if record.attached:
        kept = f"this relay keeps a bundle {_days(settings.keep_days)} once its ticket exists (storage.keep_days)"
        return f"This bundle was deleted: {kept if settings.keep_days else 'not by this relay, which keeps bundles for ever'}. The ticket's attachment remains."
    if settings.link_only_days:
        kept = (
            f"this relay keeps such a bundle {_days(settings.link_only_days)} after its ticket (storage.keep_days_link_only), "
            "as the ticket's text said with the link"
        )
    else:
        kept = "not by this relay, which keeps such bundles for ever"
    return f"This bundle was deleted: {kept}. The ticket holds only this link, not the file; the relay has no other copy."


def open_stored(path: Path) -> BinaryIO:
    """A stored bundle, opened for an agent link (a regular file); raises FileNotFoundError when it is not there."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0))
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise OSError(errno.EINVAL, "not a regular file")
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def read_stored(bundle: BinaryIO, start: int, end: int) -> Iterator[bytes]:
    """Bytes ``start`` to ``end`` (excluded) of the open bundle in chunks (never whole in memory); closed at the end, or by
    the answer's background task."""
    with bundle:
        bundle.seek(start)
        while start < end and (chunk := bundle.read(min(64 * 1024, end - start))):
            start += len(chunk)
            yield chunk


class Unsatisfiable(Exception):
    """A byte range that starts past the bundle's end (416)."""


#: one byte range: "bytes=100-199", "bytes=100-" (from 100 on: a download resumed), "bytes=-22" (the last 22: a zip's end)
#: at most 18 digits each (no file is bigger): a longer number, as a hostile client may send, is no valid range (the whole file),
#: where int() of over 4,300 digits raised ValueError, a 500
_ONE_RANGE = re.compile(r"\s*bytes\s*=\s*(\d{0,18})\s*-\s*(\d{0,18})\s*", re.IGNORECASE)


def byte_range(header: str | None, size: int) -> tuple[int, int] | None:
    """The part of a ``size``-byte file a Range header asks for, as (start, end excluded); None for the whole file: no
    Range, several ranges or one that is not valid (RFC 9110 lets a server answer those whole). Raises
    :class:`Unsatisfiable` for a range that starts past the end."""
    found = _ONE_RANGE.fullmatch(header or "")
    if found is None or not (found[1] or found[2]):
        return None
    if not found[1]:  # the last n bytes
        suffix = int(found[2])
        if suffix == 0 or size == 0:
            raise Unsatisfiable
        return max(0, size - suffix), size
    start = int(found[1])
    if found[2] and int(found[2]) < start:
        return None
    if start >= size:
        raise Unsatisfiable
    return start, size if not found[2] else min(int(found[2]) + 1, size)


def content_disposition(filename: str) -> str:
    """``attachment`` under ``filename``: as is when it is plain ASCII (:func:`selfcheck.bundle.file_name` gives letters,
    digits and ``-``), else also in UTF-8 (RFC 6266 ``filename*``: a company's name in Greek or Cyrillic), the ASCII
    name without its other letters for a client that reads only that."""
    plain = re.sub(r"[^A-Za-z0-9.-]+", "-", filename).strip("-") or "bundle.zip"
    if plain == filename:
        return f'attachment; filename="{filename}"'
    return f"attachment; filename=\"{plain}\"; filename*=UTF-8''{urllib.parse.quote(filename, safe='')}"


def bundle_answer(request: Request, bundle: BinaryIO, filename: str) -> Response:
    """The open bundle as the agent's client asks for it: whole, or the one byte range it asks for (a browser's "Resume"
    of a download cut off, ``curl -C -``, ``wget -c``, a zip reader reading the end first), with Accept-Ranges and the
    validators (ETag, Last-Modified) a client resumes by; a range of another file than the one it began (If-Range) is
    answered whole. HEAD: the headers alone. Read from the file opened before the answer, as the sweep may delete it."""
    info = os.fstat(bundle.fileno())
    size = info.st_size
    # as Starlette's FileResponse, which answered these links before, made them: a download begun then still resumes
    tag = '"' + hashlib.md5(f"{info.st_mtime}-{size}".encode(), usedforsecurity=False).hexdigest() + '"'
    modified = formatdate(info.st_mtime, usegmt=True)
    headers = {"Content-Disposition": content_disposition(filename), "Accept-Ranges": "bytes", "ETag": tag, "Last-Modified": modified}
    asked = request.headers.get("range")
    if_range = request.headers.get("if-range")
    part: tuple[int, int] | None = None
    try:
        if asked is not None and (if_range is None or if_range.strip() in (tag, modified)):
            part = byte_range(asked, size)
    except Unsatisfiable:
        bundle.close()
        return Response(status_code=416, headers={**headers, "Content-Range": f"bytes */{size}"})
    start, end = part or (0, size)
    if part is not None:
        headers["Content-Range"] = f"bytes {start}-{end - 1}/{size}"
    headers["Content-Length"] = str(end - start)
    status = 206 if part is not None else 200
    if request.method == "HEAD":
        bundle.close()
        return Response(status_code=status, headers=headers, media_type="application/zip")
    return StreamingResponse(
        read_stored(bundle, start, end), status_code=status, media_type="application/zip", headers=headers, background=BackgroundTask(bundle.close)
    )


def build_app(settings: Settings, connector: Connector | None = None) -> Starlette:
    relay = Relay(settings, connector)

    async def upload(request: Request) -> Response:
        client = relay.client_of(request)
        started = time.monotonic()
        wait = relay.limiter.take(client)
        if wait > 0:
            log.info("rate limited", extra={"client": client})
            return error(429, "rate_limited", "Too many uploads from this address; try again later.", {"Retry-After": str(int(wait) + 1)})
        content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if content_type not in ZIP_TYPES:
            return error(415, "unsupported_media_type", "Send the bundle as the request body with Content-Type: application/zip.")
        key = request.headers.get("idempotency-key", "").strip()
        if not key:
            return error(400, "missing_idempotency_key", "The Idempotency-Key header (the bundle id) is missing.")
        if not valid_bundle_id(key):
            return error(400, "bad_idempotency_key", "The Idempotency-Key header is not a valid bundle id.")
        try:
            meta = parse_meta(request.headers.get("x-selfcheck-meta"), settings.limits.max_meta_bytes)
        except Rejected as exc:
            return error(exc.status, exc.code, exc.reason)
        declared = request.headers.get("content-length")
        if declared is not None:
            if not declared.isdigit():
                return error(400, "bad_content_length", "Content-Length is not a number.")
            if int(declared) > settings.limits.max_bundle_bytes:
                return error(413, "too_large", f"The bundle is larger than the relay accepts ({settings.limits.max_bundle_bytes} bytes).")
        claimed_sha = request.headers.get("x-bundle-sha256", "").lower()
        try:
            existing = await run_in_threadpool(relay.queue.get, key)
        except QueueUnavailable:
            return queue_unavailable()
        request_hash = None
        if meta["request"] and existing is None:  # a bundle support asked for: check the code before reading the body
            code = support_requests.normalize(meta["request"])
            if code is None:
                return error(400, "bad_request_code", "The support request code is not valid.")
            request_hash = support_requests.code_hash(code)
            try:
                asked = await run_in_threadpool(relay.queue.get_request, request_hash)
            except QueueUnavailable:
                return queue_unavailable()
            state = request_state(asked, key, time.time())
            if state != REQUEST_OK:
                log.info("upload with a support request refused", extra={"client": client, "bundle_id": key, "error": state})
                return request_refused(state)
        if existing is not None and claimed_sha:
            if claimed_sha != existing.sha256:
                return error(409, "idempotency_conflict", "A different bundle was already sent with this id.")
            return relay.answer(existing, 200)
        try:
            spool = leftovers.spool_file(settings.spool_dir, "upload")
        except OSError:
            log.exception("cannot create a spool file")
            return error(503, "storage_unavailable", "The relay cannot store bundles right now; try again later.", {"Retry-After": "60"})
        try:
            try:
                sha, size = await receive_to_file(request, spool, settings.limits.max_bundle_bytes, settings.limits.idle_seconds)
                if size == 0:
                    raise Rejected(400, "empty_body", "The request has no bundle in its body.")
                manifest = await run_in_threadpool(validate_bundle, spool, settings.limits)
                if manifest.bundle_id != key:
                    raise Rejected(400, "idempotency_mismatch", "The Idempotency-Key does not match the bundle id in the manifest.")
            except OSError:
                log.exception("cannot write the spool file", extra={"client": client})
                return error(503, "storage_unavailable", "The relay cannot store bundles right now; try again later.", {"Retry-After": "60"})
            except ClientDisconnect:
                log.info("client went away during the upload", extra={"client": client, "bundle_id": key})
                return error(400, "incomplete", "The upload was cut off.")
            except Rejected as exc:
                log.info("upload rejected", extra={"client": client, "error": exc.code, "reason": exc.reason, "status": exc.status})
                return error(exc.status, exc.code, exc.reason)
            lock = relay.locks.setdefault(key, asyncio.Lock())
            async with lock:
                try:
                    existing = await run_in_threadpool(relay.queue.get, key)
                except QueueUnavailable:
                    return queue_unavailable()
                if existing is not None:
                    if existing.sha256 != sha:
                        return error(409, "idempotency_conflict", "A different bundle was already sent with this id.")
                    log.info("duplicate upload answered from the record", extra={"bundle_id": key, "client": client})
                    return relay.answer(existing, 200)
                ticket = meta["ticket"]
                if request_hash is not None:
                    try:
                        state, asked = await run_in_threadpool(relay.queue.use_request, request_hash, key)
                    except QueueUnavailable:
                        return queue_unavailable()
                    if state != REQUEST_OK or asked is None:
                        return request_refused(state)
                    ticket = str(asked["ticket"])  # the follow-up goes to the ticket support asked from
                if not relay.queue.shared:  # instances with their own queues share only the bucket and its receipts
                    try:
                        shared = await run_in_threadpool(relay.storage.get_receipt, key)
                    except Exception:
                        log.exception("cannot read the shared receipt", extra={"bundle_id": key})
                        return error(503, "storage_unavailable", "The relay cannot store bundles right now; try again later.", {"Retry-After": "60"})
                    if shared is not None:
                        if shared.get("sha256") != sha:
                            return error(409, "idempotency_conflict", "A different bundle was already sent with this id.")
                        log.info("duplicate upload answered from another instance's receipt", extra={"bundle_id": key, "client": client})
                        return JSONResponse({k: v for k, v in shared.items() if k not in ("sha256", "deleted")}, status_code=200)
                receipt = {
                    "sha256": sha,
                    "bundle_id": key,
                    "reference": manifest.reference,
                    "status": "pending",
                    "ticket": None,
                    "status_url": f"/v1/bundles/{key}",
                }
                # named as the ticket's attachment and the customer's own copy: an agent link to a bucket downloads it so
                named = content_disposition(await run_in_threadpool(attachment_name, spool, manifest.reference, settings.company))
                storage_key = ""
                try:
                    # spooled and checked above; now the shared copy, then the record that points to it
                    storage_key = await run_in_threadpool(relay.storage.put, spool, key, sha[:16] if relay.queue.shared else "", named)
                    if not relay.queue.shared:
                        # written before the queue row, so the worker's "ticketed" receipt always comes after it
                        await run_in_threadpool(relay.storage.put_receipt, key, receipt)
                except Exception:  # disk full, object store down: the client keeps the bundle and retries
                    log.exception("cannot store the bundle", extra={"bundle_id": key, "client": client})
                    if storage_key:  # stored, its receipt refused: not kept without a record
                        await run_in_threadpool(relay.unrecorded, key, storage_key)
                    return error(503, "storage_unavailable", "The relay cannot store bundles right now; try again later.", {"Retry-After": "60"})
                try:
                    record, created = await run_in_threadpool(
                        lambda: relay.queue.insert(
                            bundle_id=key,
                            sha256=sha,
                            size=size,
                            reference=manifest.reference,
                            storage_key=storage_key,
                            requester_email=meta["email"],
                            requester_name=meta["name"],
                            description=with_repairs_tried(meta["description"] or "", manifest.tried),
                            headline=manifest.headline,
                            existing_ticket=ticket,
                            client=client,
                        )
                    )
                except Exception as exc:  # the database down, full or read-only: nothing kept that no row records
                    if isinstance(exc, QueueUnavailable):
                        log.warning("cannot record the bundle: the queue database is unreachable", extra={"bundle_id": key, "client": client})
                    else:
                        log.exception("cannot record the bundle", extra={"bundle_id": key, "client": client})
                    await run_in_threadpool(relay.unrecorded, key, storage_key)
                    return queue_unavailable()
                if not created:  # another instance recorded this bundle in the same instant: the database decided
                    if record.storage_key != storage_key:  # a different bundle under this id: its copy has no row, removed
                        try:
                            await run_in_threadpool(relay.storage.delete, storage_key)
                        except Exception as exc:  # the storage refuses or is down: as any storage error, the client asks again
                            log.warning(
                                "cannot remove a bundle stored under an id another instance recorded first: no row records it, so "
                                "the retention sweep never deletes it; remove it from the storage yourself",
                                extra={"bundle_id": key, "storage_key": storage_key, "client": client, "error": str(exc)},
                            )
                            return error(503, "storage_unavailable", "The relay cannot store bundles right now; try again later.", {"Retry-After": "60"})
                    if record.sha256 != sha:
                        return error(409, "idempotency_conflict", "A different bundle was already sent with this id.")
                    log.info("duplicate upload answered from the record (simultaneous)", extra={"bundle_id": key, "client": client})
                    return relay.answer(record, 200)
            relay.locks.pop(key, None)
            log.info(
                "bundle accepted",
                extra={"bundle_id": key, "reference": record.reference, "size": size, "client": client, "seconds": round(time.monotonic() - started, 3)},
            )
        finally:
            spool.unlink(missing_ok=True)
        deadline = time.monotonic() + settings.ticket_wait_seconds
        while record.status != TICKETED and time.monotonic() < deadline:
            await asyncio.sleep(0.05)
            try:
                latest: Record | None = await run_in_threadpool(relay.queue.get, key)
            except QueueUnavailable:
                break  # accepted all the same: the ticket follows, the client polls status_url
            record = latest or record
        return relay.answer(record, 201 if record.status == TICKETED else 202)

    async def status(request: Request) -> Response:
        key = request.path_params["bundle_id"]
        if not valid_bundle_id(key):
            return error(404, "not_found", "No bundle with this id was accepted.", {"X-Max-Bundle-Bytes": str(settings.limits.max_bundle_bytes)})
        try:
            record = await run_in_threadpool(relay.queue.get, key)
        except QueueUnavailable:
            return queue_unavailable()
        if record is not None:
            return relay.answer(record, 200)
        if relay.queue.shared:
            return error(404, "not_found", "No bundle with this id was accepted.", {"X-Max-Bundle-Bytes": str(settings.limits.max_bundle_bytes)})
        try:
            shared = await run_in_threadpool(relay.storage.get_receipt, key)
        except Exception:
            log.exception("cannot read the shared receipt", extra={"bundle_id": key})
            return error(503, "storage_unavailable", "The relay cannot read its storage right now; try again later.", {"Retry-After": "60"})
        if shared is not None:
            return JSONResponse({k: v for k, v in shared.items() if k not in ("sha256", "deleted")}, status_code=200)
        return error(404, "not_found", "No bundle with this id was accepted.", {"X-Max-Bundle-Bytes": str(settings.limits.max_bundle_bytes)})

    async def info(request: Request) -> Response:
        lim = settings.limits
        return JSONResponse(
            {"api": 1, "max_bundle_bytes": lim.max_bundle_bytes, "max_expanded_bytes": lim.max_expanded_bytes, "helpdesk": relay.connector.name}
        )

    async def health(request: Request) -> Response:
        storage_ok = await run_in_threadpool(relay.storage.health)
        database_ok = await run_in_threadpool(relay.queue.health)
        healthy = storage_ok and database_ok
        counts: dict[str, int] = {}
        if database_ok:
            try:
                counts = await run_in_threadpool(relay.queue.counts)
            except QueueUnavailable:
                healthy = database_ok = False
        body: dict[str, Any] = {"status": "ok" if healthy else "degraded", "storage": storage_ok, "database": database_ok, "queue": counts}
        # customers' data kept past its time (the storage refuses the sweep's deletes): said, but the instance still
        # serves, so no 503 that would take it out of a load balancer
        body["retention"] = relay.overdue.count == 0
        if relay.overdue.count:
            body["overdue"] = relay.overdue.count
        if request.query_params.get("deep"):
            try:
                body["helpdesk"] = bool(await run_in_threadpool(relay.connector.health))
            except Exception:
                body["helpdesk"] = False
        return JSONResponse(body, status_code=200 if healthy else 503, headers=None if healthy else {"Retry-After": "10"})

    async def agent_download(request: Request) -> Response:
        """The bundle for an agent link, or why not: a page or JSON as the request's Accept and Accept-Language say, so a
        cache between the agent and the relay keeps one answer per pair (Vary)."""
        response = await give_bundle(request)
        response.headers["Vary"] = "Accept, Accept-Language"
        return response

    async def give_bundle(request: Request) -> Response:
        key = request.path_params["bundle_id"]
        refuse = AgentRefusal(request)
        secret = settings.agent_link_secret
        try:
            expires = int(request.query_params.get("expires", "0"))
        except ValueError:
            expires = 0
        sig = request.query_params.get("sig", "")

        def forbidden() -> Response:
            return refuse("forbidden", 403, "forbidden", "This link is not valid or has expired.")

        if not secret or not hmac.compare_digest(sig.encode(), sign_agent_link(secret, key, expires).encode()):
            return forbidden()
        # the link a ticket holds ends when the sweep deletes its bundle (worker.agent_link signs it until then): past its end,
        # the page says that the bundle was deleted, and when, where the sweep recorded it; else only that the link expired
        expired = expires < time.time()
        try:
            record = await run_in_threadpool(relay.queue.get, key)
        except QueueUnavailable:
            return refuse("busy", 503, "queue_unavailable", "The relay cannot record bundles right now; try again later.", {"Retry-After": "10"})
        if record is None:
            return refuse("unknown", 404, "not_found", "No bundle with this id was accepted.")
        deleted = record.deleted  # the sweep's record, written just before it deletes: the storage says whether it went
        try:
            there = await run_in_threadpool(relay.storage.exists, record.storage_key)
            if not there and deleted is None:
                deleted = await run_in_threadpool(relay.deleted_elsewhere, record)
        except StorageUnavailable as exc:
            if deleted is None:
                return forbidden() if expired else relay.unreadable(refuse, str(exc))
            there = False  # recorded deleted: the record stands while the storage cannot be read
        if deleted is not None and not there:
            return relay.deleted(refuse, record, deleted)
        if expired:
            return forbidden()
        if not there:  # no record of its deletion: an unmounted folder (empty), a bucket that lost it; never "deleted"
            return relay.unreadable(refuse, "the storage does not hold a bundle the queue has no record of deleting (is the storage folder mounted?)")
        path = relay.storage.local_path(record.storage_key)
        if path is not None:
            try:  # opened before answering: the sweep may delete it now, the open file is still read whole
                bundle = await run_in_threadpool(open_stored, path)
            except FileNotFoundError:  # the sweep deleted it since the check above, after recording it: as deleted
                try:
                    record = await run_in_threadpool(relay.queue.get, key) or record
                except QueueUnavailable:
                    return refuse("busy", 503, "queue_unavailable", "The relay cannot record bundles right now; try again later.", {"Retry-After": "10"})
                if record.deleted is not None:
                    return relay.deleted(refuse, record, record.deleted)
                return relay.unreadable(refuse, "the storage does not hold a bundle the queue has no record of deleting (is the storage folder mounted?)")
            except OSError as exc:
                return relay.unreadable(refuse, f"cannot read the stored bundle: {exc.strerror or exc}")
            relay.readable()
            # as the ticket's attachment and the customer's own copy are named: support sees one name everywhere
            try:
                name = await run_in_threadpool(attachment_name, bundle, record.reference, settings.company)
            except BaseException:
                bundle.close()
                raise
            return bundle_answer(request, bundle, name)
        relay.readable()
        url = relay.storage.agent_url(record.storage_key, 300)
        return RedirectResponse(url or "/", status_code=302)

    async def create_request(request: Request) -> Response:
        client = relay.client_of(request)
        token = settings.request_agent_token
        given = request.headers.get("authorization", "")
        if not token:
            return error(404, "not_enabled", "Support request links are not enabled on this relay ([requests] agent_token).")
        if not given.startswith("Bearer ") or not hmac.compare_digest(given[7:].strip().encode(), token.encode()):
            wait = relay.request_limiter.take(client)  # wrong tokens count against the address
            log.warning("support request refused: bad agent token", extra={"client": client})
            return error(401, "unauthorized", "The agent token is missing or wrong.", {"Retry-After": str(int(wait) + 1)} if wait else None)
        try:
            doc = json.loads(await request.body())
        except ValueError:
            doc = None
        if not isinstance(doc, dict) or not isinstance(doc.get("ticket"), str | int):
            return error(400, "bad_request", 'Send JSON {"ticket": "123", "note": "…"}.')
        note = doc.get("note") or ""
        days = doc.get("days", settings.request_days)
        if not isinstance(note, str) or not isinstance(days, int | float) or isinstance(days, bool) or not 0 < days <= 90:
            return error(400, "bad_request", "note must be text and days a number from 1 to 90.")
        base = settings.public_url or str(request.base_url).rstrip("/")
        try:
            created = await run_in_threadpool(support_requests.create, relay.queue, base, str(doc["ticket"]), note, float(days))
        except ValueError:
            return error(400, "bad_ticket", "The ticket must be a ticket number.")
        except QueueUnavailable:
            return queue_unavailable()
        log.info("support request created", extra={"ticket": created.ticket, "client": client})
        return JSONResponse(created.public(), status_code=201)

    async def lookup(request: Request) -> tuple[str | None, str, dict[str, Any] | None] | NotNow:
        """The code in the path (None when it cannot be one: unknown), its state and its row; or why it cannot be
        looked up now (rate limit, the queue's database down)."""
        client = relay.client_of(request)
        wait = relay.request_limiter.take(client)
        if wait > 0:
            return NotNow(429, "rate_limited", "Too many requests from this address; try again later.", int(wait) + 1)
        code = support_requests.normalize(request.path_params["code"])
        if code is None:
            return None, support_requests.UNKNOWN, None
        try:
            row = await run_in_threadpool(relay.queue.get_request, support_requests.code_hash(code))
        except QueueUnavailable:
            return NotNow(503, "queue_unavailable", "The relay cannot record bundles right now; try again later.", QUEUE_RETRY_SECONDS)
        return code, request_state(row, None, time.time()), row

    async def request_info(request: Request) -> Response:
        found = await lookup(request)
        if isinstance(found, NotNow):
            return found.json()
        _code, state, row = found
        if state != REQUEST_OK or row is None:
            return request_refused(state)
        return JSONResponse({"ticket": row["ticket"], "note": row["note"], "expires": int(row["expires"])}, headers={"Cache-Control": "no-store"})

    async def request_page(request: Request) -> Response:
        """The customer's page, in the language Accept-Language asks (or ``?lang=``): every answer says so (Vary), so a
        cache between the customers and the relay (a company's proxy) never gives one reader the page in another's
        language, as the agent link's answers say too."""
        response = await customer_page(request)
        response.headers["Vary"] = "Accept-Language"
        return response

    async def customer_page(request: Request) -> Response:
        lang = support_requests.language(request.headers.get("accept-language", ""), request.query_params.get("lang"))
        headers = {**support_requests.PAGE_HEADERS, "Content-Language": lang}
        found = await lookup(request)
        if isinstance(found, NotNow):  # a browser's reader gets words, not the API's JSON; the status and its wait kept
            text = support_requests.not_now_page(lang, found.retry_after, settings.company, settings.contact)
            return HTMLResponse(text, status_code=found.status, headers={**headers, "Retry-After": str(found.retry_after)})
        code, state, row = found
        text = support_requests.page(
            code or "",
            state,
            lang,
            row["expires"] if row else None,
            settings.download_url,
            settings.company,
            settings.about,
            settings.contact,
            settings.publisher,
        )
        status = 200 if state == REQUEST_OK else REQUEST_REFUSALS[state][0]
        return HTMLResponse(text, status_code=status, headers=headers)

    async def openapi_doc(request: Request) -> Response:
        return JSONResponse(openapi.document())

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        leftovers.sweep(settings)  # before /healthz answers: what a killed relay left half-written, a day old or more
        # then, without holding the start back: unfinished S3 uploads, bundles past storage.keep_days; and all of it hourly
        sweeping = asyncio.create_task(retention.sweep_periodically(settings, relay.storage, relay.queue, relay.overdue))
        relay.workers.start()  # their first work: the bundles accepted before this start are due again (Worker._recover)
        log.info(
            "relay ready",
            extra={
                "helpdesk": relay.connector.name,
                "storage": settings.storage.get("kind"),
                "keep_days": settings.keep_days or "for ever",
                "database": "postgresql" if relay.queue.shared else "sqlite",
                "instance": getattr(relay.queue, "instance", ""),
            },
        )
        yield
        sweeping.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await sweeping
        # uvicorn has stopped listening and waited for the uploads in progress (server.shutdown_seconds)
        relay.workers.stop(deadline=time.monotonic() + settings.shutdown_seconds)
        relay.queue.close()
        log.info("relay stopped")

    routes = [
        Route("/v1/bundles", upload, methods=["POST"]),
        Route("/v1/bundles/{bundle_id}", status, methods=["GET"]),
        Route("/v1/info", info, methods=["GET"]),
        Route("/v1/agent/bundles/{bundle_id}", agent_download, methods=["GET"]),
        Route("/healthz", health, methods=["GET"]),
        Route("/v1/requests", create_request, methods=["POST"]),
        Route("/v1/requests/{code}", request_info, methods=["GET"]),
        Route("/r/{code}", request_page, methods=["GET"]),
        Route("/openapi.json", openapi_doc, methods=["GET"]),
    ]
    app = Starlette(routes=routes, lifespan=lifespan)
    app.state.relay = relay
    return app
