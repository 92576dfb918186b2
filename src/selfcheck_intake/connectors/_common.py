"""Pieces the HTTP connectors share: a session, error mapping, streamed base64 bodies."""

from __future__ import annotations

import base64
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import requests

from selfcheck_intake.connectors.base import ConnectorError, ConnectorRejected, TicketRequest

USER_AGENT = "selfcheck-intake"
TIMEOUT = (10.0, 120.0)


def session(verify: bool | str = True) -> requests.Session:
    s = requests.Session()
    s.headers["User-Agent"] = USER_AGENT
    s.verify = verify
    return s


def segment(value: Any) -> str:
    """``value`` as one segment of a request path: a ticket an upload named (checked at intake to be digits) can never
    turn the relay's call, made with its own helpdesk credentials, into another endpoint (``1/../../users/5``, ``1.json?x=``)."""
    return quote(str(value), safe="")


def check(response: requests.Response, what: str) -> requests.Response:
    """Map a helpdesk answer to the contract: 5xx/429/408 retry later, other 4xx need the admin."""
    code = response.status_code
    if code < 400:
        return response
    detail = response.text[:300].replace("\n", " ")
    if code >= 500 or code in (408, 409, 423, 429):
        raise ConnectorError(f"{what}: the helpdesk answered {code}: {detail}")
    raise ConnectorRejected(f"{what}: the helpdesk refused with {code}: {detail}")


def call(s: requests.Session, method: str, url: str, what: str, **kwargs: Any) -> requests.Response:
    kwargs.setdefault("timeout", TIMEOUT)
    try:
        return check(s.request(method, url, **kwargs), what)
    except requests.RequestException as exc:
        raise ConnectorError(f"{what}: cannot reach the helpdesk ({type(exc).__name__})") from exc


def base64_chunks(path: Path, chunk: int = 3 * 256 * 1024) -> Iterator[bytes]:
    """The file's base64 text in pieces (a multiple of 3 bytes at a time, so pieces concatenate)."""
    with open(path, "rb") as fh:
        while data := fh.read(chunk):
            yield base64.b64encode(data)


class JsonWithFile:
    """A JSON body where the string ``placeholder`` becomes ``prefix`` + the file in base64.

    Iterated by requests in pieces, with an exact length (so a Content-Length,
    not chunked encoding): a large attachment never sits in memory.
    """

    def __init__(self, document: dict[str, Any], placeholder: str, path: Path, prefix: bytes = b"") -> None:
        text = json.dumps(document, ensure_ascii=False)
        head, sep, tail = text.partition(json.dumps(placeholder))
        if not sep:
            raise ValueError("placeholder not in document")
        self.head = head.encode("utf-8") + b'"' + prefix
        self.tail = b'"' + tail.encode("utf-8")
        self.path = path
        size = path.stat().st_size
        self.length = len(self.head) + 4 * ((size + 2) // 3) + len(self.tail)

    def __len__(self) -> int:
        return self.length

    def __iter__(self) -> Iterator[bytes]:
        yield self.head
        yield from base64_chunks(self.path)
        yield self.tail


def ticket_body(request: TicketRequest, *, html: bool = False) -> str:
    """The text of the ticket: what the customer wrote, the diagnosis, the reference and the agent link."""
    # review 38b: the customer's several lines came out as one in an HTML ticket (only the list's lines got a <br>)
    lines = (request.description.strip() or "(no description)").splitlines()
    if request.diagnosis_headline:
        lines += ["", f"Diagnosis: {request.diagnosis_headline}"]
    if request.diagnosis_cause and not request.support_card:
        lines += [f"Likely cause: {request.diagnosis_cause}"]
    if request.support_card:
        lines += ["", *request.support_card.splitlines()]
    lines += [
        "",
        f"selfcheck reference: {request.reference_code}",
        f"Bundle id: {request.bundle_id}",
        f"Bundle size: {request.bundle_size} bytes, sha256 {request.bundle_sha256}",
    ]
    if request.agent_link:
        lines += [f"Bundle (agents only): {request.agent_link}", *([request.agent_link_note] if request.agent_link_note else [])]
    if html:
        import html as html_mod

        # review 38: a helpdesk shows HTML with its runs of spaces collapsed: the card's entries under a finding (the sites
        # tried, the hop test's steps, each recorded cut) came out at their finding's edge, the letter's lines too
        return "<br>".join("&nbsp;" * (len(line) - len(line.lstrip(" "))) + html_mod.escape(line.lstrip(" ")) for line in lines)
    return "\n".join(lines)
