"""Support asked for a bundle: the request link or code, checked, and what the relay says about it.

A link carries only a code; selfcheck sends only to the support address in its own configuration
(``[support] url``). So a link can never make it send anywhere else:

- ``selfcheck://request/<code>`` (what the relay's page opens) names no server at all; so do the forms
  systems pass it on in (``selfcheck:request/<code>``, ``selfcheck:<code>``, a trailing slash, capitals,
  the code percent-encoded once);
- ``https://<host>/r/<code>`` (the link itself, pasted) is accepted only when its host is the configured
  relay's; another host is refused with a plain message;
- a bare code (``7K2QD-9XHMA``) is looked up on the configured relay.

Anything else (another scheme, a path that is not just a code, traversal, an over-long text, control
characters) is refused before any network traffic. The code is then looked up on the relay (``GET
/v1/requests/<code>``): the ticket number and the agent's note, or why the code cannot be used.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

import requests

from selfcheck.config import Config
from selfcheck.i18n import _
from selfcheck.upload.transport import InsecureURL, check_url, session, timeouts

log = logging.getLogger("selfcheck.upload")

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford's base32, as the relay makes them (no I, L, O, U)
LENGTH = 10
MAX_LINK = 300
_PERCENT = re.compile(r"(?:[^%]|%[0-9A-Fa-f]{2})*")  # well-formed percent-encoding only
_TYPED = str.maketrans({"O": "0", "I": "1", "L": "1"})


class BadRequest(Exception):
    """A link or code that cannot be used; ``message`` is plain and translated, ``kind`` is for tests and logs."""

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind
        self.message = message


@dataclass
class SupportRequest:
    code: str
    ticket: str | None = None  # None when the relay could not be asked (offline): the bundle waits with the code
    note: str = ""
    reachable: bool = True

    def headline(self, company: str = "") -> str:
        """Who asks for what: the company's name when the branding gives one (readers asked who was asking).

        Send round 12: "request number: 123 vs the file number: the same?": it says this is the one number to give.
        Send round 24 (fr, as round 23): « le seul numéro à lui donner pour ce problème »: "are there other numbers I must not
        give?": said plainly, as the number to give if they call or write.
        Send rounds 27-28 (en): "request number": "Is that the same thing as the 'message number' from the other days? Those had
        letters in them.": what it is, the number support gave this problem (the ticket).
        """
        # send round 40 (en): the number in brackets was "muddled": it has its own sentence
        if company and self.ticket:
            return _(
                "{who} asks you to check this computer and send them the results, for the problem you told them about. Your request number for this problem is {ticket}: give it to them if you call or write to them."
            ).format(who=company, ticket=self.ticket)
        if company:
            return _("{who} asks you to check this computer and send them the results.").format(who=company)
        if self.ticket:
            return _(
                "Support asks you to check this computer and send them the results, for the problem you told them about. Your request number for this problem is {ticket}: give it to them if you call or write to them."
            ).format(ticket=self.ticket)
        return _("Support asks you to check this computer and send them the results.")


def normalize_code(text: str) -> str | None:
    """``XXXXX-XXXXX`` from a code as linked or typed (lower case, O/I/L for 0/1/1, spaces and dashes), else None."""
    raw = text.strip().upper().replace("-", "").replace(" ", "").translate(_TYPED)
    if len(raw) != LENGTH or any(c not in ALPHABET for c in raw):
        return None
    return f"{raw[:5]}-{raw[5:]}"


def ticket_number(text: str) -> str | None:
    """A ticket as a person gives it (``123``, ``#123``) without its ``#``, or None if the relay would refuse it
    (selfcheck_intake.support_requests.valid_ticket: ASCII digits, at most 20)."""
    value = str(text).strip().lstrip("#")
    return value if value.isascii() and value.isdigit() and 0 < len(value) <= 20 else None


def _malformed() -> BadRequest:
    return BadRequest("malformed", _("This link is not a valid support request. Ask your support team to send it again."))


def _refuse_control_characters(text: str) -> None:
    if any(ord(c) < 32 or ord(c) == 127 or 0x80 <= ord(c) < 0xA0 for c in text):
        raise BadRequest("control", _("This link contains invisible characters and was refused. Ask your support team to send it again."))


def parse_link(text: str, config: Config) -> str:
    """The code in a request link (or a bare code), checked against this computer's support address."""
    if not isinstance(text, str) or len(text) > MAX_LINK:
        raise BadRequest("too_long", _("This link is too long to be a support request. Ask your support team to send it again."))
    _refuse_control_characters(text)
    text = text.strip()
    if "://" not in text and not text.lower().startswith("selfcheck:"):
        code = normalize_code(text)
        if code is None:
            raise _malformed()
        return code
    parts = urlsplit(text)
    scheme = parts.scheme.lower()
    if scheme == "selfcheck":
        # selfcheck://request/CODE, as the relay's page opens it, and the forms systems pass it on in:
        # selfcheck:request/CODE and selfcheck:CODE (no "//"), a trailing slash (Internet Explorer and
        # the Windows shell add one), SELFCHECK: in capitals, the code percent-encoded (decoded once below)
        host = (parts.netloc or "").lower()
        path = parts.path
        if not host and path.lower().startswith("request/"):
            host, path = "request", path[len("request") :]
        elif not host and "/" not in path.rstrip("/"):
            host = "request"
        if host != "request" or parts.query or parts.fragment:
            raise _malformed()
        return _code_from_path(path)
    if scheme in ("https", "http"):
        support = str(config.get("support.url") or "")
        ours = urlsplit(support)
        if not support or (parts.hostname or "").lower() != (ours.hostname or "").lower() or parts.port != ours.port or scheme != ours.scheme:
            raise BadRequest(
                "other_host",
                _(
                    "This link comes from another support service than the one this computer sends to, so nothing will be sent. Ask your own support team for a link."
                ),
            )
        base = ours.path.rstrip("/")
        if not parts.path.startswith(base + "/r/") or parts.query or parts.fragment:
            raise _malformed()
        return _code_from_path(parts.path[len(base) + 2 :])
    raise _malformed()


def _code_from_path(path: str) -> str:
    value = path[1:] if path.startswith("/") else path
    if value.endswith("/") and not value.endswith("//"):
        value = value[:-1]
    if "%" in value:  # percent-encoded once by a browser or the shell; what is left after decoding must be a code
        try:
            value = unquote(value, errors="strict") if _PERCENT.fullmatch(value) else "%"
        except UnicodeDecodeError:
            raise _malformed() from None
        _refuse_control_characters(value)
    if "/" in value or "%" in value or "\\" in value or ".." in value:
        raise _malformed()
    code = normalize_code(value)
    if code is None:
        raise _malformed()
    return code


def refusal(error: str) -> BadRequest | None:
    """The plain message for a relay's refusal of a code (``request_used``...), None for other errors."""
    texts = {
        "request_unknown": _(
            "Your support service does not know this request. It may come from another company's support, or be mistyped: ask your support team for a new link."
        ),
        "request_used": _("This request was already answered: a diagnostic was sent with it. If support needs another one, they will send you a new link."),
        "request_expired": _("This request has expired. Ask your support team for a new link."),
        "bad_request_code": _("This link is not a valid support request. Ask your support team to send it again."),
        # s31: the relay refuses a ticket that is not a number (it builds its calls to the helpdesk from it)
        "bad_ticket": _(
            "Your support service did not accept the ticket number sent with your message: a ticket number has only digits, such as 1234. Check the number your support team gave you, or send without it."
        ),
    }
    return BadRequest(error, texts[error]) if error in texts else None


def look_up(code: str, config: Config) -> SupportRequest:
    """What the configured relay says about the code. Unreachable: a request without its ticket (the bundle will wait)."""
    support = str(config.get("support.url") or "")
    if str(config.get("support.kind") or "intake") != "intake" or not support:
        raise BadRequest("not_configured", _("This computer is not set up to send diagnostics to a support service, so it cannot answer this request."))
    try:
        base = check_url(support).rstrip("/")
    except InsecureURL as exc:
        raise BadRequest("insecure", _("The support address is not secure (it must start with https://).")) from exc
    http = session(config)
    try:
        response = http.get(f"{base}/v1/requests/{code}", timeout=timeouts(config))
    except requests.RequestException as exc:
        log.warning("cannot look the support request up: %s", type(exc).__name__)
        return SupportRequest(code=code, reachable=False)
    finally:
        http.close()
    try:
        data = response.json()
    except ValueError:
        data = {}
    if not isinstance(data, dict):
        data = {}
    if response.status_code == 200:
        ticket = data.get("ticket")
        note = data.get("note")
        return SupportRequest(
            code=code,
            ticket=str(ticket)[:20] if isinstance(ticket, str | int) and str(ticket).isdigit() else None,
            note=_inert(note)[:500] if isinstance(note, str) else "",
        )
    refused = refusal(str(data.get("error") or ""))
    if refused is not None:
        raise refused
    if response.status_code == 404:  # a relay without request links: the same as an unknown code for the customer
        raise refusal("request_unknown")  # type: ignore[misc]
    log.warning("the relay answered %s to a request look-up", response.status_code)
    return SupportRequest(code=code, reachable=False)


def _inert(text: str) -> str:
    """The agent's note as plain text: no control characters (it came over the network)."""
    return "".join(c if c == "\n" or (ord(c) >= 32 and not 0x7F <= ord(c) < 0xA0) else " " for c in text).strip()
