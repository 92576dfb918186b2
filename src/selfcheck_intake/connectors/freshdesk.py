"""Freshdesk: a ticket created as multipart form data with the bundle attached.

Settings: ``domain`` (``<domain>.freshdesk.com``) or ``url``, ``api_key``
(Basic auth ``api_key:X``), ``default_email`` (Freshdesk needs a requester),
``attach_max_bytes`` (20 MB, Freshdesk's limit for a ticket's attachments:
larger bundles get an agent-only link in a private note).
API: https://developers.freshdesk.com/api/#create_ticket
"""

from __future__ import annotations

from typing import Any

from selfcheck_intake.connectors import _common
from selfcheck_intake.connectors.base import ConnectorRejected, TicketRequest, TicketResult

LIMIT = 20 * 1024 * 1024


class FreshdeskConnector:
    name = "freshdesk"

    def __init__(self, **settings: Any) -> None:
        url = str(settings.get("url") or "")
        if not url:
            domain = str(settings.get("domain") or "")
            if not domain:
                raise ConnectorRejected("freshdesk: set helpdesk.domain (or helpdesk.url)")
            url = f"https://{domain}.freshdesk.com"
        self.base = url.rstrip("/")
        key = settings.get("api_key")
        if not key:
            raise ConnectorRejected("freshdesk: set helpdesk.api_key")
        self.default_email = str(settings.get("default_email") or "")
        self.attach_max = min(int(settings.get("attach_max_bytes", LIMIT)), LIMIT)
        self.http = _common.session(settings.get("verify", True))
        self.http.auth = (str(key), "X")

    def _result(self, ticket_id: Any, attached: bool) -> TicketResult:
        return TicketResult(ticket_id=str(ticket_id), reference=f"#{ticket_id}", attached=attached, url=f"{self.base}/a/tickets/{_common.segment(ticket_id)}")

    def _private_note(self, ticket_id: Any, request: TicketRequest, attach: bool) -> None:
        body = _common.ticket_body(request, html=True)
        fields = {"body": body, "private": "true"}
        if attach:
            with open(request.bundle_path, "rb") as fh:
                files = [("attachments[]", (request.attachment_name, fh, "application/zip"))]
                _common.call(self.http, "POST", f"{self.base}/api/v2/tickets/{_common.segment(ticket_id)}/notes", "freshdesk note", data=fields, files=files)
        else:
            _common.call(
                self.http, "POST", f"{self.base}/api/v2/tickets/{_common.segment(ticket_id)}/notes", "freshdesk note", json={"body": body, "private": True}
            )

    def create_ticket(self, request: TicketRequest) -> TicketResult:
        email = request.requester_email or self.default_email
        if not email:
            raise ConnectorRejected("freshdesk needs a requester: the customer gave no e-mail and helpdesk.default_email is not set")
        attach = request.bundle_size <= self.attach_max
        public = _common.ticket_body(_without_link(request), html=True)
        fields = {"email": email, "subject": request.subject, "description": public, "status": "2", "priority": "1", "tags[]": "selfcheck"}
        if request.requester_name:
            fields["name"] = request.requester_name
        url = f"{self.base}/api/v2/tickets"
        if attach:
            with open(request.bundle_path, "rb") as fh:
                files = [("attachments[]", (request.attachment_name, fh, "application/zip"))]
                r = _common.call(self.http, "POST", url, "freshdesk ticket", data=fields, files=files)
        else:
            r = _common.call(self.http, "POST", url, "freshdesk ticket", json={**fields, "status": 2, "priority": 1, "tags": ["selfcheck"]})
        ticket_id = r.json()["id"]
        if not attach and request.agent_link:
            self._private_note(ticket_id, request, attach=False)
        return self._result(ticket_id, attach)

    def add_to_ticket(self, ticket_id: str, request: TicketRequest) -> TicketResult:
        ticket_id = ticket_id.lstrip("#")
        attach = request.bundle_size <= self.attach_max
        self._private_note(ticket_id, request if not attach else _without_link(request), attach)
        return self._result(ticket_id, attach)

    def health(self) -> bool:
        try:
            _common.call(self.http, "GET", f"{self.base}/api/v2/ticket_fields", "freshdesk health")
            return True
        except Exception:
            return False


def _without_link(request: TicketRequest) -> TicketRequest:
    from dataclasses import replace

    return replace(request, agent_link=None)


def from_settings(settings: dict[str, Any]) -> FreshdeskConnector:
    return FreshdeskConnector(**settings)
