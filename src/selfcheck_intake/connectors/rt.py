"""Request Tracker 5 connector, over RT's REST 2 API (``/REST/2.0/``, ``Authorization: token …``).

A new bundle opens a ticket in the configured queue with the customer as requestor, the bundle attached,
and the bundle's reference code and diagnosis headline in ticket custom fields. A later bundle for the same
ticket is added as correspondence (or as an internal comment). RT's ticket number is the reference.

Retrying is safe: before creating a ticket the connector searches for one that already carries the
bundle's reference code, and before adding a bundle to a ticket it looks for the same file there.

RT can be configured to drop or truncate attachments over ``$MaxAttachmentSize`` and still answers
"201 Created". So after every upload the connector reads the attachment back and compares its size and
SHA-256 with the bundle's; when RT kept something else, it adds an internal comment with the agent-only
link to the stored bundle and reports ``attached=False``.

Each token-authenticated request costs RT a bcrypt check (about a quarter of a second), so the connector
keeps its calls few: a ticket with the bundle verified takes four.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import logging
import re
import uuid
from collections.abc import Iterable, Iterator, Mapping
from email.utils import formataddr
from typing import Any, BinaryIO
from urllib.parse import quote

import requests

from .base import ConnectorError, ConnectorRejected, TicketRequest, TicketResult

log = logging.getLogger(__name__)

#: how a bundle is added to an existing ticket: "correspond" (visible to the requestor) or "comment" (agents only)
FOLLOWUP_KINDS = ("correspond", "comment")


class RTConnector:
    """Opens and updates Request Tracker tickets; see the module docstring."""

    name = "rt"

    def __init__(
        self,
        url: str,
        token: str,
        queue: str = "General",
        reference_field: str = "",
        diagnosis_field: str = "",
        followup: str = "correspond",
        timeout: float = 60.0,
        verify_tls: bool | str = True,
        session: requests.Session | None = None,
    ) -> None:
        if not url:
            raise ConnectorRejected("rt: 'url' is required (the address of RT, e.g. https://rt.example.com)")
        if not token:
            raise ConnectorRejected("rt: 'token' is required (an RT auth token of a user who may create tickets in the queue)")
        if followup not in FOLLOWUP_KINDS:
            raise ConnectorRejected(f"rt: 'followup' must be one of {', '.join(FOLLOWUP_KINDS)}, not {followup!r}")
        base = url.rstrip("/")
        if base.endswith("/REST/2.0"):
            base = base[: -len("/REST/2.0")]
        self.base_url = base
        self.api = f"{base}/REST/2.0"
        self.queue = queue
        self.reference_field = reference_field
        self.diagnosis_field = diagnosis_field
        self.followup = followup
        self.timeout = timeout
        self._session = session or requests.Session()
        self._session.headers["Authorization"] = f"token {token}"
        self._session.verify = verify_tls
        self._queue_checked = False

    @classmethod
    def from_config(cls, options: Mapping[str, Any]) -> RTConnector:
        """Build from a relay config section (keys as in docs/intake.md, "RT")."""
        known = {"url", "token", "queue", "reference_field", "diagnosis_field", "followup", "timeout", "verify_tls"}
        unknown = sorted(set(options) - known - {"kind", "type", "name", "connector"})
        if unknown:
            raise ConnectorRejected(f"rt: unknown setting(s) {', '.join(unknown)}; known: {', '.join(sorted(known))}")
        kwargs = {key: options[key] for key in known if key in options}
        return cls(**kwargs)

    # -- the Connector protocol --

    def health(self) -> bool:
        """True when RT answers, the token is accepted and the queue (with its custom fields) exists."""
        try:
            self._check_queue(force=True)
        except (ConnectorError, ConnectorRejected) as exc:
            log.warning("rt: not healthy: %s", exc)
            return False
        return True

    def create_ticket(self, request: TicketRequest) -> TicketResult:
        self._check_queue()
        found = self._find_ticket(request)
        if found is None:
            ticket_id = self._create(request)
            log.info("rt: created ticket %s for bundle %s", ticket_id, request.bundle_id)
            return self._finish(ticket_id, request)
        ticket_id, attachments = found
        log.info("rt: bundle %s already has ticket %s (retry); not creating another", request.bundle_id, ticket_id)
        return self._finish(ticket_id, request, attachments)

    def add_to_ticket(self, ticket_id: str, request: TicketRequest) -> TicketResult:
        number = _ticket_number(ticket_id)
        self._request("GET", f"ticket/{number}", what=f"ticket {number}", not_found=f"RT has no ticket {number}")
        attachments = self._attachments(number)
        if self._verified(attachments, request) is not None:
            log.info("rt: bundle %s is already on ticket %s (retry); not adding it again", request.bundle_id, number)
            return self._result(number, attached=True)
        payload = {"Subject": self._subject(request), "Content": self._body(request, followup=True), "ContentType": "text/plain"}
        with request.bundle_path.open("rb") as bundle:
            self._post_multipart(f"ticket/{number}/{self.followup}", payload, request, bundle, what=f"ticket {number}")
        log.info("rt: added bundle %s to ticket %s as %s", request.bundle_id, number, self.followup)
        return self._finish(number, request)

    # -- steps --

    def _check_queue(self, force: bool = False) -> None:
        """Fail early and clearly when the queue or a configured custom field does not exist (one call, once)."""
        if self._queue_checked and not force:
            return
        queue = self._request("GET", f"queue/{quote(self.queue, safe='')}", what=f"queue {self.queue!r}", not_found=f"RT has no queue {self.queue!r}")
        names = {cf.get("name") for cf in queue.get("TicketCustomFields", [])}
        for field in (self.reference_field, self.diagnosis_field):
            if field and field not in names:
                raise ConnectorRejected(
                    f"rt: the ticket custom field {field!r} is not applied to queue {self.queue!r} (it has: {', '.join(sorted(n for n in names if n)) or 'none'})"
                )
        self._queue_checked = True

    def _find_ticket(self, request: TicketRequest) -> tuple[str, list[dict[str, Any]]] | None:
        """The ticket an earlier attempt opened for this bundle, with its attachments; None if there is none.

        Found by the reference custom field (else the code in the subject), then confirmed by the bundle's
        SHA-256, which the first message names: two bundles sharing a reference code (40 bits) must never
        share a ticket.
        """
        code = request.reference_code or request.bundle_id
        if self.reference_field:
            query = f"'CF.{{{self.reference_field}}}' = '{_sql_quote(code)}'"
        else:
            query = f"Queue = '{_sql_quote(self.queue)}' AND Subject LIKE '{_sql_quote(code)}'"
        found = self._request("GET", "tickets", params={"query": query, "fields": "id", "orderby": "id", "order": "ASC", "per_page": 20}, what="ticket search")
        for item in found.get("items") or []:
            ticket_id = str(item["id"])
            attachments = self._attachments(ticket_id)
            texts = sorted((a for a in attachments if a.get("ContentType") == "text/plain" and not a.get("Filename")), key=lambda a: int(a["id"]))
            if texts and request.bundle_sha256.lower() in self._text(texts[0]["id"]).lower():
                return ticket_id, attachments
            log.warning("rt: ticket %s carries reference %s but not bundle %s; not reusing it", ticket_id, code, request.bundle_id)
        return None

    def _create(self, request: TicketRequest) -> str:
        payload: dict[str, Any] = {
            "Queue": self.queue,
            "Subject": self._subject(request),
            "Content": self._body(request, followup=False),
            "ContentType": "text/plain",
        }
        if request.requester_email:
            payload["Requestor"] = formataddr((request.requester_name or "", request.requester_email))
        custom: dict[str, str] = {}
        if self.reference_field:
            custom[self.reference_field] = request.reference_code or request.bundle_id
        if self.diagnosis_field and request.diagnosis_headline:
            custom[self.diagnosis_field] = request.diagnosis_headline
        if custom:
            payload["CustomFields"] = custom
        with request.bundle_path.open("rb") as bundle:
            created = self._post_multipart("ticket", payload, request, bundle, what=f"new ticket in queue {self.queue!r}")
        if not isinstance(created, dict) or not created.get("id"):
            raise ConnectorError(f"rt: ticket creation answered without a ticket id: {str(created)[:200]}")
        return str(created["id"])

    def _finish(self, ticket_id: str, request: TicketRequest, attachments: list[dict[str, Any]] | None = None) -> TicketResult:
        """Read the ticket's attachments back; if RT did not keep the bundle intact, leave the agent link instead."""
        if attachments is None:
            attachments = self._attachments(ticket_id)
        if self._verified(attachments, request) is not None:
            return self._result(ticket_id, attached=True)
        names = self._names(request)
        kept = [a for a in attachments if any(_is_bundle_part(a, name) for name in names)]
        what = "cut short" if any(a.get("Filename") in names for a in kept) else "dropped"
        log.warning("rt: ticket %s: RT %s bundle %s (%d bytes); using the agent link", ticket_id, what, request.bundle_id, request.bundle_size)
        note_subject = f"selfcheck bundle {request.reference_code or request.bundle_id} not attached"
        if not any(a.get("Subject") == note_subject for a in attachments):
            self._request(
                "POST",
                f"ticket/{ticket_id}/comment",
                json={"Subject": note_subject, "Content": self._fallback_note(request, what), "ContentType": "text/plain"},
                what=f"note on ticket {ticket_id}",
            )
        return self._result(ticket_id, attached=False, note=f"RT {what} the bundle; the ticket has the agent link instead")

    def _verified(self, attachments: list[dict[str, Any]], request: TicketRequest) -> str | None:
        """The id of an attachment on the ticket that is byte-for-byte this bundle, or None."""
        names = self._names(request)
        for item in attachments:
            if item.get("Filename") not in names or str(item.get("ContentLength", "")) not in (str(request.bundle_size), ""):
                continue
            resp = self._send("GET", f"attachment/{item['id']}", what=f"attachment {item['id']}", stream=True)
            with resp:
                kept = _content_digest(resp.iter_content(1 << 16))
            if kept == (request.bundle_size, request.bundle_sha256.lower()):
                return str(item["id"])
        return None

    def _text(self, attachment_id: str) -> str:
        data = self._request("GET", f"attachment/{attachment_id}", what=f"attachment {attachment_id}")
        try:
            return base64.b64decode(data.get("Content") or "").decode("utf-8", "replace")
        except (binascii.Error, ValueError):
            return ""

    def _attachments(self, ticket_id: str) -> list[dict[str, Any]]:
        fields = "Filename,ContentType,ContentLength,Subject"
        found = self._request(
            "GET", f"ticket/{ticket_id}/attachments", params={"fields": fields, "per_page": 100, "orderby": "id", "order": "DESC"}, what=f"ticket {ticket_id}"
        )
        return list(found.get("items") or [])

    # -- texts --

    def _file_name(self, request: TicketRequest) -> str:
        """The attachment's name: the one the customer's own copy has, as the other helpdesks get it
        (:attr:`TicketRequest.file_name`), else ``selfcheck-<reference>.zip``; only letters, digits, ``.``, ``_`` and
        ``-`` (it goes into the multipart header as it is)."""
        named = re.sub(r"[^\w.-]+", "-", request.file_name).strip("-.")
        return named if named.endswith(".zip") else self._earlier_name(request)

    def _names(self, request: TicketRequest) -> tuple[str, str]:
        return self._file_name(request), self._earlier_name(request)

    def _earlier_name(self, request: TicketRequest) -> str:
        """The name earlier relays gave every attachment: the bundle of a ticket one of them made is still found by it."""
        code = re.sub(r"[^A-Za-z0-9._-]+", "-", request.reference_code or request.bundle_id).strip("-.") or request.bundle_id
        return f"selfcheck-{code}.zip"

    def _subject(self, request: TicketRequest) -> str:
        """The relay's subject, with the reference code added when it does not already carry it."""
        subject = request.subject or "selfcheck diagnostic bundle"
        code = request.reference_code or request.bundle_id
        return subject if code in subject else f"{subject} [{code}]"

    def _body(self, request: TicketRequest, followup: bool) -> str:
        lines = [request.description.strip(), ""] if request.description.strip() else []
        if followup:
            lines.append("Another diagnostic bundle for this ticket.")
        lines += [
            f"Reference: {request.reference_code or request.bundle_id}",
            *([f"Diagnosis: {request.diagnosis_headline}"] if request.diagnosis_headline else []),
            *([f"Likely cause: {request.diagnosis_cause}"] if request.diagnosis_cause and not request.support_card else []),
            f"Bundle: {self._file_name(request)} ({request.bundle_size} bytes, SHA-256 {request.bundle_sha256})",
        ]
        if request.support_card:  # the verdict as support reads it (headline, cause, what changed), made inert by the relay
            lines += ["", *request.support_card.splitlines()]
        return "\n".join(lines)

    def _fallback_note(self, request: TicketRequest, what: str) -> str:
        where = f"Download it here (agents only): {request.agent_link}" if request.agent_link else "The relay keeps it; ask its administrator for it."
        if request.agent_link and request.agent_link_note:
            where += f"\n{request.agent_link_note}"
        return (
            f"The diagnostic bundle {self._file_name(request)} ({request.bundle_size} bytes, SHA-256 {request.bundle_sha256}) "
            f"could not be attached: RT {what} it (attachment size limit).\n{where}\n"
        )

    def _result(self, ticket_id: str, attached: bool, note: str = "") -> TicketResult:
        return TicketResult(ticket_id=ticket_id, reference=ticket_id, attached=attached, url=f"{self.base_url}/Ticket/Display.html?id={ticket_id}", note=note)

    # -- HTTP --

    def _post_multipart(self, path: str, payload: dict[str, Any], request: TicketRequest, bundle: BinaryIO, what: str) -> Any:
        body = _MultipartBody(json.dumps(payload), self._file_name(request), bundle, request.bundle_size)
        return self._request("POST", path, data=body, headers={"Content-Type": body.content_type}, what=what)

    def _request(self, method: str, path: str, what: str, not_found: str = "", **kwargs: Any) -> Any:
        """One API call answered with JSON."""
        resp = self._send(method, path, what, not_found, **kwargs)
        try:
            return resp.json()
        except ValueError as exc:
            raise ConnectorError(f"rt: {what}: answer is not JSON (HTTP {resp.status_code})") from exc

    def _send(self, method: str, path: str, what: str, not_found: str = "", **kwargs: Any) -> requests.Response:
        """One API call; transient failures become ConnectorError, the rest ConnectorRejected (token never logged)."""
        url = f"{self.api}/{path}"
        try:
            resp = self._session.request(method, url, timeout=self.timeout, **kwargs)
        except requests.RequestException as exc:
            raise ConnectorError(f"rt: cannot reach {self.base_url} ({what}): {type(exc).__name__}") from exc
        status = resp.status_code
        if status in (200, 201):
            return resp
        message = _message(resp)
        if status >= 500 or status in (408, 429):
            raise ConnectorError(f"rt: {what}: HTTP {status} {message}")
        if status == 401:
            raise ConnectorRejected(f"rt: the token was refused (HTTP 401) for {what}")
        if status == 403:
            raise ConnectorRejected(f"rt: not allowed (HTTP 403) for {what}: {message}")
        if status == 404:
            raise ConnectorRejected(f"rt: {not_found or what + ': not found'} (HTTP 404)")
        raise ConnectorRejected(f"rt: {what}: HTTP {status} {message}")


def from_settings(settings: Mapping[str, Any]) -> RTConnector:
    """The relay's entry point: ``[helpdesk] kind = "rt"`` and the rest of that table (secrets resolved)."""
    return RTConnector.from_config(settings)


class _MultipartBody:
    """A multipart/form-data body (a JSON field and one file) streamed from disk with a known length.

    RT's REST 2 takes the ticket or message as a ``JSON`` form field and files as ``Attachments``; streaming
    keeps the relay's memory flat for large bundles, where base64 in JSON would hold 1.33× the bundle.
    """

    def __init__(self, json_text: str, file_name: str, file: BinaryIO, file_size: int, chunk: int = 1 << 20) -> None:
        boundary = uuid.uuid4().hex
        self.content_type = f"multipart/form-data; boundary={boundary}"
        self._head = (
            f'--{boundary}\r\nContent-Disposition: form-data; name="JSON"\r\n\r\n{json_text}\r\n'
            f'--{boundary}\r\nContent-Disposition: form-data; name="Attachments"; filename="{file_name}"\r\n'
            "Content-Type: application/zip\r\n\r\n"
        ).encode()
        self._tail = f"\r\n--{boundary}--\r\n".encode()
        self._file = file
        self._size = len(self._head) + file_size + len(self._tail)
        self._chunk = chunk
        self._parts = self._generate()
        self._buffer = b""

    def __len__(self) -> int:
        return self._size

    def _generate(self) -> Iterator[bytes]:
        yield self._head
        while block := self._file.read(self._chunk):
            yield block
        yield self._tail

    def __iter__(self) -> Iterator[bytes]:
        if self._buffer:
            yield self._buffer
            self._buffer = b""
        yield from self._parts

    def read(self, size: int = -1) -> bytes:
        while size < 0 or len(self._buffer) < size:
            part = next(self._parts, None)
            if part is None:
                break
            self._buffer += part
        if size < 0:
            out, self._buffer = self._buffer, b""
        else:
            out, self._buffer = self._buffer[:size], self._buffer[size:]
        return out


_CONTENT_KEY = re.compile(rb'(?<!\\)"Content"\s*:\s*"')


def _content_digest(chunks: Iterable[bytes]) -> tuple[int, str] | None:
    """Size and SHA-256 of the ``Content`` (base64) of an RT attachment, read from the JSON as it streams in.

    RT answers an attachment as one JSON object with the file base64-encoded inside; decoding it piece by
    piece keeps a large bundle out of memory. None when the answer has no content.
    """
    digest, size = hashlib.sha256(), 0
    buffer, pending = b"", b""
    inside = False
    for chunk in chunks:
        buffer += chunk
        if not inside:
            match = _CONTENT_KEY.search(buffer)
            if match is None:
                buffer = buffer[-32:]
                continue
            buffer, inside = buffer[match.end() :], True
        end = buffer.find(b'"')
        text = buffer if end < 0 else buffer[:end]
        keep = b"\\" if end < 0 and text.endswith(b"\\") and not text.endswith(b"\\\\") else b""
        if keep:
            text = text[:-1]
        text = pending + text.replace(b"\\n", b"").replace(b"\\r", b"").replace(b"\\/", b"/")
        usable = len(text) - len(text) % 4
        try:
            data = base64.b64decode(text[:usable], validate=True)
        except binascii.Error:
            return None
        digest.update(data)
        size += len(data)
        pending, buffer = text[usable:], keep
        if end >= 0:
            if pending:
                return None  # not valid base64
            return size, digest.hexdigest()
    return None


def _is_bundle_part(item: Mapping[str, Any], file_name: str) -> bool:
    return item.get("Filename") in (file_name, f"{file_name}.txt")  # RT renames a dropped file to NAME.txt


def _sql_quote(value: str) -> str:
    return value.replace("\\", "\\\\").replace("'", "\\'")


def _ticket_number(ticket_id: str) -> str:
    """RT ticket numbers: accept "123", "#123" or "RT #123" as the customer may type them."""
    match = re.fullmatch(r"\s*(?:RT)?\s*#?\s*(\d+)\s*", str(ticket_id), flags=re.IGNORECASE)
    if not match or int(match.group(1)) == 0:
        raise ConnectorRejected(f"rt: {ticket_id!r} is not an RT ticket number")
    return str(int(match.group(1)))


def _message(resp: requests.Response) -> str:
    try:
        data = resp.json()
    except ValueError:
        return resp.text[:200]
    if isinstance(data, dict) and "message" in data:
        return str(data["message"])[:200]
    return str(data)[:200]
