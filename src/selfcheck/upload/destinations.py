"""Where a bundle goes: the company's intake relay, Zendesk's anonymous requests, or a file to e-mail.

Each sender makes one attempt and either returns a :class:`Delivered` or
raises :class:`AttemptError` saying what went wrong and whether trying again
later can help. Nothing here logs tokens or signed URLs.
"""

from __future__ import annotations

import base64
import errno
import functools
import json
import logging
import re
import socket
import ssl
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import urlsplit

import requests
from urllib3.exceptions import ReadTimeoutError

from selfcheck.upload.outbox import Entry
from selfcheck.upload.transport import Cancelled, InsecureURL, ProgressFile, cancelled, check_url

log = logging.getLogger("selfcheck.upload")


@dataclass
class Delivered:
    reference: str  # what the customer quotes: the ticket's reference, or the bundle's code
    ticket: str | None  # the helpdesk's ticket reference, when it exists already
    pending: bool  # accepted, the ticket follows later
    status_url: str | None = None  # where to ask for the ticket later (the relay's receipt)


class AttemptError(Exception):
    """One failed attempt. ``kind`` picks the customer's message; ``permanent`` stops automatic retries; ``retry_may_help``
    False: sending the same message again cannot get it through (too big, what came with it refused), whatever is mended
    on the company's side, so the window no longer offers it (recorded on the outbox entry)."""

    def __init__(
        self,
        kind: str,
        detail: str = "",
        *,
        permanent: bool = False,
        retry_after: float | None = None,
        code: int | None = None,
        retry_may_help: bool = True,
    ) -> None:
        super().__init__(f"{kind}: {detail}" if detail else kind)
        self.kind = kind
        self.detail = detail
        self.permanent = permanent
        self.retry_may_help = retry_may_help
        self.retry_after = retry_after
        self.code = code
        self.no_such_name = False  # "offline" from a lookup the resolver answered "no such name" (see NO_SUCH_NAME)
        self.host = ""  # the name that was looked up, set by _request for such a failure


def _retry_after(response: requests.Response) -> float | None:
    value = response.headers.get("Retry-After")
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        try:
            import time

            return max(0.0, parsedate_to_datetime(value).timestamp() - time.time())
        except (TypeError, ValueError):
            return None


def _reason(response: requests.Response) -> str:
    try:
        data = response.json()
        if isinstance(data, dict):
            if data.get("error") in REQUEST_ERRORS:
                return str(data["error"])
            for key in ("reason", "description", "error", "message"):
                if isinstance(data.get(key), str):
                    return str(data[key])[:300]
    except ValueError:
        pass
    return ""


#: the relay refused what came with the bundle (the support request's code, the ticket number): retrying cannot help
REQUEST_ERRORS = ("request_unknown", "request_used", "request_expired", "bad_request_code", "bad_ticket")


def http_error(response: requests.Response) -> AttemptError:
    code = response.status_code
    reason = _reason(response)
    if code in (400, 404, 410) and reason in REQUEST_ERRORS:
        return AttemptError("request", reason, permanent=True, code=code, retry_may_help=False)
    if code == 413:
        return AttemptError("too_large", reason, permanent=True, code=code, retry_may_help=False)
    if code == 429:
        return AttemptError("busy", reason, retry_after=_retry_after(response), code=code)
    if code in (400, 409, 415, 422):
        return AttemptError("rejected", reason, permanent=True, code=code, retry_may_help=False)
    if 300 <= code < 400:  # the support address moved (redirects are not followed: see _request)
        return AttemptError("misconfigured", f"HTTP {code} redirect", permanent=True, code=code)
    if code in (401, 403, 404, 405):
        return AttemptError("misconfigured", f"HTTP {code}", permanent=True, code=code)
    if code == 503:
        return AttemptError("server", reason, retry_after=_retry_after(response), code=code)
    return AttemptError("server", reason, code=code)


def _chain(exc: BaseException) -> list[BaseException]:
    """``exc`` and every exception behind it (its cause, its context, and those urllib3 and requests keep in ``args``)."""
    seen: list[BaseException] = []
    todo = [exc]
    while todo:
        error = todo.pop(0)
        if any(error is s for s in seen):
            continue
        seen.append(error)
        todo += [e for e in (error.__cause__, error.__context__, *error.args) if isinstance(e, BaseException)]
    return seen


def _went_through(error: BaseException, function: str) -> bool:
    """Whether ``error`` was raised inside a call to ``function`` (a name in its traceback)."""
    tb = error.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_name == function:
            return True
        tb = tb.tb_next
    return False


def _through_proxy(exc: BaseException) -> bool:
    """Whether the failure was this computer's proxy: requests' ProxyError (the proxy refused, could not be reached,
    or answered the CONNECT with an error such as 407 or 403), or the proxy closing the connection while it was asked
    to open the way (http.client's and urllib3's ``_tunnel``: requests then raises a plain ConnectionError)."""
    if isinstance(exc, requests.exceptions.ProxyError):
        return True
    return any(_went_through(error, "_tunnel") for error in _chain(exc))


def _certificate_refused(exc: BaseException) -> bool:
    """Whether this computer refused the server's certificate: not from an authority it trusts (self-signed, unknown),
    expired or not yet valid, or for another name (ssl's check, or urllib3's own name check)."""
    try:  # urllib3 2.x; 1.26's older releases kept it under packages/ (requests allows both): never an ImportError here
        from urllib3.util.ssl_match_hostname import CertificateError
    except ImportError:  # pragma: no cover - only with an old urllib3
        try:
            from urllib3.packages.ssl_match_hostname import CertificateError  # type: ignore[no-redef]
        except ImportError:
            CertificateError = ssl.CertificateError  # type: ignore[misc, assignment]

    return any(isinstance(e, ssl.SSLCertVerificationError | CertificateError) for e in _chain(exc))


#: OpenSSL 3's reason for "the other side closed in the middle of the exchange" (raised as SSLEOFError by Python 3.10
#: and later; older ones may give a plain SSLError holding it): a code, not the message
CUT_REASONS = frozenset({"UNEXPECTED_EOF_WHILE_READING"})


def _cut(error: BaseException) -> bool:
    """Whether ``error`` is the connection closed or reset by the other side (or by something on the way), by its type,
    its errno or OpenSSL's reason code, never its message (translated on Windows)."""
    if isinstance(error, ssl.SSLEOFError | ssl.SSLZeroReturnError):
        return True
    if isinstance(error, ssl.SSLError):  # its errno is OpenSSL's error number, not the system's
        return getattr(error, "reason", None) in CUT_REASONS
    if isinstance(error, ConnectionResetError | ConnectionAbortedError | BrokenPipeError):
        return True
    return isinstance(error, OSError) and error.errno in (errno.ECONNRESET, errno.ECONNABORTED, errno.EPIPE)


def _cut_in_handshake(exc: BaseException) -> BaseException | None:
    """The error behind ``exc`` that shows the connection was cut during the secure handshake (raised inside ssl's
    ``do_handshake``), unless the certificate was refused; None otherwise."""
    if _certificate_refused(exc):
        return None
    return next((e for e in _chain(exc) if _cut(e) and _went_through(e, "do_handshake")), None)


#: getaddrinfo's numbers for "the resolver answered: this name does not exist" (or has no address), per system: Linux
#: EAI_NONAME -2 and EAI_NODATA -5, macOS EAI_NONAME 8 and EAI_NODATA 7, Windows WSAHOST_NOT_FOUND 11001 and WSANO_DATA
#: 11004. Numbers, not the message (translated on Windows). Every other number (Linux EAI_AGAIN -3 "Temporary failure in
#: name resolution", macOS EAI_AGAIN 2, Windows WSATRY_AGAIN 11002, no resolver reached) is "no answer". An offline macOS
#: or Windows says "no such name" too, so this alone never makes support's address wrong (see names_found).
NO_SUCH_NAME = frozenset({-2, -5, 7, 8, 11001, 11004, socket.EAI_NONAME})


def _look_up(name: str) -> bool:
    try:
        return bool(socket.getaddrinfo(name, 443, type=socket.SOCK_STREAM))
    except (OSError, UnicodeError):
        return False


def names_found(names: Iterable[str], timeout: float = 3.0) -> bool:
    """Whether this computer can look up at least one of ``names`` right now (the system's resolver, as sending uses).

    The names are looked up at once (getaddrinfo has no time limit of its own): the first found ends the wait, and
    none found costs ``timeout`` once, not once per name."""
    from selfcheck.netprobe import parallel

    jobs = {name: functools.partial(_look_up, name) for name in [n for n in names if n][:2]}
    return any(found is True for found in parallel(jobs, timeout, enough=lambda done: True in done.values()).values())


def network_error(exc: BaseException) -> AttemptError:
    """Offline, refused, timed out, cut, a certificate problem, the proxy, or not reached for a reason it does not show:
    all worth another try later, except a proxy that answered 407 (wants a password) or 403 (forbids the way): permanent.

    "tls" only for a certificate this computer refused; a connection cut during the secure handshake is the proxy when
    it went through one (its tunnel was open, then closed), else "interrupted".

    "offline" only when the error shows this computer has no way out (no route, network down, a name that cannot be
    looked up); "proxy" when this computer goes through a proxy (the system's, HTTPS_PROXY or ``network.proxy``) and
    the proxy did not let it through: refused, not reached, closed, or answered an error (its code kept: 407 is a proxy
    that wants a password); any other failure to connect (support's side, anything else) is "unreachable", never said
    to be this computer's internet.
    """
    if _through_proxy(exc):
        if any(getattr(e, "errno", None) in (errno.ENETUNREACH, errno.ENETDOWN) for e in _chain(exc)):
            return AttemptError("offline", type(exc).__name__)  # no route at all: not the proxy's doing
        answered = re.search(r"Tunnel connection failed: (\d{3})", str(exc))
        code = int(answered.group(1)) if answered else None
        # the proxy answered that it wants a password (407) or forbids the way (403): trying again changes nothing until
        # someone changes its settings, so it is not retried by itself (review of stop 28: "goes by itself as soon as it
        # can" was untrue for them); refused, not reached or closed may pass later and is retried
        return AttemptError("proxy", type(exc).__name__, code=code, permanent=code in (403, 407))
    # issue: a connection cut during the secure handshake was "tls", told to the customer and support as a certificate
    # problem (support then looked at their certificate): a proxy that answers CONNECT and then closes, or something on
    # the way (a middlebox, a security program, the server) cutting it. Only a refused certificate is "tls" now.
    cut = _cut_in_handshake(exc)
    if cut is not None:
        detail = f"{type(cut).__name__} during the secure handshake"
        if _went_through(cut, "_prepare_proxy"):  # urllib3 was opening the way through the proxy (its CONNECT tunnel)
            return AttemptError("proxy", detail)  # it may let it through later: retried
        return AttemptError("interrupted", detail)
    if isinstance(exc, requests.exceptions.SSLError):
        return AttemptError("tls", type(exc).__name__)
    # a stall after the answer began (its body never came) is raised by requests as a ConnectionError around urllib3's
    # ReadTimeoutError: told apart by that type, it is "did not answer in time", not "could not reach the support server"
    if isinstance(exc, requests.exceptions.Timeout) or any(isinstance(e, ReadTimeoutError) for e in _chain(exc)):
        return AttemptError("timeout", type(exc).__name__)
    seen: set[int] = set()
    cause: BaseException | None = exc
    text = str(exc)
    while cause is not None and id(cause) not in seen:
        seen.add(id(cause))
        if isinstance(cause, ConnectionRefusedError) or getattr(cause, "errno", None) == errno.ECONNREFUSED:
            return AttemptError("refused", type(exc).__name__)
        if isinstance(cause, ConnectionResetError | BrokenPipeError) or getattr(cause, "errno", None) in (errno.ECONNRESET, errno.EPIPE):
            return AttemptError("interrupted", type(exc).__name__)
        if getattr(cause, "errno", None) in (errno.ENETUNREACH, errno.EHOSTUNREACH, errno.ENETDOWN):
            return AttemptError("offline", type(exc).__name__)
        if isinstance(cause, socket.gaierror):  # the name could not be looked up (the message differs with the system)
            error = AttemptError("offline", "name resolution")
            error.no_such_name = cause.errno in NO_SUCH_NAME
            return error
        cause = cause.__cause__ or cause.__context__ or (cause.args[0] if cause.args and isinstance(cause.args[0], BaseException) else None)
    if "Name or service not known" in text or "NameResolution" in text or "getaddrinfo" in text or "Temporary failure in name resolution" in text:
        return AttemptError("offline", "name resolution")
    if "Connection refused" in text:
        return AttemptError("refused", type(exc).__name__)
    if "reset" in text.lower() or "aborted" in text.lower() or "RemoteDisconnected" in text:
        return AttemptError("interrupted", type(exc).__name__)
    return AttemptError("unreachable", type(exc).__name__)


def _request(session: requests.Session, method: str, url: str, **kwargs: Any) -> requests.Response:
    try:
        # never follows a redirect: it could lead to another host or to plain http (check_url vets only the first
        # address), carrying the bundle and the customer's e-mail and words; http_error says a redirect is "misconfigured"
        return session.request(method, url, allow_redirects=False, **kwargs)
    except Cancelled:
        raise
    except (requests.RequestException, OSError) as exc:
        error = network_error(exc)
        if error.no_such_name:
            error.host = urlsplit(url).hostname or ""
        raise error from exc


def _once_more(attempt: Callable[[], requests.Response], what: str, cancel: Any = None) -> requests.Response:
    """``attempt()``, made a second time if its connection was cut before an answer came ("interrupted").

    Only for a request that may safely arrive twice: a GET, one carrying an Idempotency-Key (the relay and Zendesk
    make one ticket of both), or Zendesk's file upload (a second upload token no request uses is dropped). The usual cause is a kept-alive connection the server closed while it was idle, just as
    this request went out on it (seen on loopback under load, and what proxies and load balancers do to idle
    connections): the message was queued for later ("interrupted") although a new connection would have carried it at
    once. Go's HTTP client retries the same requests in the same case. A second cut is the customer's connection, and
    is told as before. Nor after the customer pressed Cancel while the first waited: stopped, not sent again. Nor when
    the answer had begun before the cut (its body broke off: requests' ChunkedEncodingError): the server had made the
    ticket, and Zendesk documents its Idempotency-Key for its Tickets API only, not for these end-user requests."""
    try:
        return attempt()
    except AttemptError as error:
        if error.kind != "interrupted" or isinstance(error.__cause__, requests.exceptions.ChunkedEncodingError | requests.exceptions.ContentDecodingError):
            raise
        if cancelled(cancel):
            raise Cancelled() from error
        log.info("%s: the connection was cut before an answer (%s); trying once more on a new connection", what, error.detail)
        return attempt()


def _meta_header(entry: Entry) -> str:
    meta = {"email": entry.email, "name": entry.name, "description": (entry.description or "")[:4000], "ticket": entry.ticket, "request": entry.request}
    raw = json.dumps({k: v for k, v in meta.items() if v}, ensure_ascii=False).encode("utf-8")
    return base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")


#: the longest reference a customer is told to quote (the relay's codes and helpdesks' numbers are far shorter)
LONGEST_REFERENCE = 64


def usable_reference(value: Any) -> str | None:
    """``value`` when it can be told to the customer as a reference: text, at most :data:`LONGEST_REFERENCE` characters,
    printable (no control or format character, no line break), no space around it; else None."""
    if not isinstance(value, str) or not value or len(value) > LONGEST_REFERENCE or value.strip() != value or not value.isprintable():
        return None
    return value


def _receipt(response: requests.Response, entry: Entry, base: str = "") -> Delivered:
    """The relay's receipt for ``entry`` (docs/intake.md: a JSON object with this ``bundle_id`` and a ``reference``).

    Any other answer (a web page, JSON of something else) is no proof the relay has the bundle: an
    :class:`AttemptError` "server", tried again later, never "sent". A reference that cannot be shown (control
    characters, far too long) gives way to the bundle's own code, which the relay knows the ticket by.
    """
    try:
        data = response.json()
    except ValueError:
        data = None
    if not isinstance(data, dict) or data.get("bundle_id") != entry.bundle_id or not isinstance(data.get("reference"), str):
        raise AttemptError("server", f"HTTP {response.status_code} without the relay's receipt")
    ticket = data.get("ticket") if isinstance(data.get("ticket"), dict) else None
    ticket_ref = usable_reference(ticket.get("reference")) if ticket else None
    code = usable_reference(data["reference"]) or entry.reference
    status_url = data.get("status_url")
    status = f"{base}{status_url}" if base and isinstance(status_url, str) and status_url.startswith("/") else None
    return Delivered(reference=ticket_ref or code, ticket=ticket_ref, pending=ticket_ref is None, status_url=status)


def send_to_intake(entry: Entry, session: requests.Session, timeout: tuple[float, float], progress: Any = None, cancel: Any = None) -> Delivered:
    """The relay's API (docs/intake.md): ask whether it has the bundle already, else upload it."""
    base = check_url(str(entry.destination.get("url", ""))).rstrip("/")
    known = _once_more(lambda: _request(session, "GET", f"{base}/v1/bundles/{entry.bundle_id}", timeout=timeout), "asking the relay", cancel)
    if known.status_code == 200:
        log.info("the relay already has bundle %s", entry.bundle_id)
        return _receipt(known, entry, base)
    if known.status_code != 404:
        raise http_error(known)
    limit = known.headers.get("X-Max-Bundle-Bytes", "")
    if limit.isdigit() and entry.size > int(limit):
        raise AttemptError("too_large", f"{entry.size} > {limit}", permanent=True, retry_may_help=False)
    headers = {
        "Content-Type": "application/zip",
        "Idempotency-Key": entry.bundle_id,
        "X-Selfcheck-Meta": _meta_header(entry),
    }

    def upload() -> requests.Response:
        with ProgressFile(entry.bundle_path, progress, cancel) as body:  # from its start again, if sent twice
            return _request(session, "POST", f"{base}/v1/bundles", data=body, headers=headers, timeout=timeout)

    response = _once_more(upload, "sending to the relay", cancel)
    if response.status_code in (200, 201, 202):
        return _receipt(response, entry, base)
    raise http_error(response)


def ticket_from_status(session: requests.Session, status_url: str, timeout: tuple[float, float]) -> str | None:
    """The helpdesk's ticket reference from a relay receipt, once the ticket exists (None: not yet or unreachable)."""
    try:
        response = session.get(check_url(status_url), timeout=timeout, allow_redirects=False)
        data = response.json() if response.status_code == 200 else {}
    except (requests.RequestException, ValueError, InsecureURL):
        return None
    ticket = data.get("ticket") if isinstance(data, dict) else None
    return usable_reference(ticket.get("reference")) if isinstance(ticket, dict) else None


def zendesk_base(destination: dict[str, Any]) -> str:
    url = str(destination.get("zendesk_url") or "")
    if not url:
        sub = str(destination.get("zendesk_subdomain") or "")
        if not sub:
            raise AttemptError("misconfigured", "support.zendesk_subdomain is empty", permanent=True)
        url = f"https://{sub}.zendesk.com"
    return check_url(url).rstrip("/")


def needs_email(destination: dict[str, Any]) -> bool:
    """Whether ``destination`` (``send.destination_from``) takes a message only with the customer's e-mail address:
    Zendesk's anonymous requests are made in its name (:func:`send_to_zendesk`); the relay and a saved file do without.
    The window and ``selfcheck send`` ask for the address before anything is sent, not after a refusal."""
    return destination.get("kind") == "zendesk"


def send_to_zendesk(
    entry: Entry, session: requests.Session, timeout: tuple[float, float], progress: Any = None, cancel: Any = None, *, filename: str = ""
) -> Delivered:
    """Zendesk's anonymous requests: upload the file, then a request with the upload token (no secret here).

    ``filename``: the attachment's name, the one the customer's own copy has (:func:`selfcheck.bundle.file_name`)."""
    if not entry.email:
        raise AttemptError("needs_email", permanent=True, retry_may_help=False)
    base = zendesk_base(entry.destination)
    filename = filename or f"selfcheck-{entry.reference}.zip"

    def upload() -> requests.Response:
        with ProgressFile(entry.bundle_path, progress, cancel) as body:  # from its start again, if sent twice
            return _request(
                session,
                "POST",
                f"{base}/api/v2/uploads.json",
                params={"filename": filename},
                data=body,
                headers={"Content-Type": "application/binary"},
                timeout=timeout,
            )

    # an upload made twice is harmless: Zendesk drops an upload token no request uses after a while
    response = _once_more(upload, "uploading the file to Zendesk", cancel)
    if response.status_code not in (200, 201):
        raise http_error(response)
    try:
        token = response.json()["upload"]["token"]
    except (ValueError, KeyError, TypeError) as exc:
        raise AttemptError("server", "no upload token in Zendesk's answer") from exc
    subject = f"selfcheck {entry.reference}"
    if entry.ticket:
        subject += f" (about #{entry.ticket.lstrip('#')})"
    body_text = (entry.description or "").strip() or "(no description)"
    body_text += f"\n\nselfcheck reference: {entry.reference}\nBundle id: {entry.bundle_id}"
    if entry.ticket:
        body_text += f"\nFollow-up to ticket #{entry.ticket.lstrip('#')}"
    document = {
        "request": {
            "requester": {"name": entry.name or entry.email, "email": entry.email},
            "subject": subject,
            "comment": {"body": body_text, "uploads": [token]},
        }
    }
    response = _once_more(
        lambda: _request(session, "POST", f"{base}/api/v2/requests.json", json=document, headers={"Idempotency-Key": entry.bundle_id}, timeout=timeout),
        "making the Zendesk request",
        cancel,
    )
    if response.status_code not in (200, 201):
        raise http_error(response)
    try:
        request_id = str(response.json()["request"]["id"])
    except (ValueError, KeyError, TypeError) as exc:
        raise AttemptError("server", "no request id in Zendesk's answer") from exc
    return Delivered(reference=f"#{request_id}", ticket=f"#{request_id}", pending=False)
