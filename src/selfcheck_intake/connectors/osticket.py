"""osTicket: the ticket API with the bundle as a data-URL attachment.

Settings: ``url`` (the osTicket root), ``api_key`` (``X-API-Key``; osTicket ties
it to the relay's IP address), ``default_email``/``default_name`` (osTicket needs
both), ``attach_max_bytes`` (10 MB; larger bundles get the agent link in the
message, since osTicket's API has no internal notes), ``topic_id``.
The JSON body is streamed, never built in memory.
API: https://docs.osticket.com/en/latest/Developer%20Documentation/API/Tickets.html
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from selfcheck_intake.connectors import _common
from selfcheck_intake.connectors.base import ConnectorRejected, TicketRequest, TicketResult

PLACEHOLDER = "@@selfcheck-bundle@@"


class OsTicketConnector:
    name = "osticket"

    def __init__(self, **settings: Any) -> None:
        self.base = str(settings.get("url") or "").rstrip("/")
        key = settings.get("api_key")
        if not self.base or not key:
            raise ConnectorRejected("osticket: set helpdesk.url and helpdesk.api_key")
        self.default_email = str(settings.get("default_email") or "")
        self.default_name = str(settings.get("default_name") or "selfcheck user")
        self.attach_max = int(settings.get("attach_max_bytes", 10 * 1024 * 1024))
        self.topic_id = settings.get("topic_id")
        self.http = _common.session(settings.get("verify", True))
        self.http.headers["X-API-Key"] = str(key)

    def _create(self, request: TicketRequest, subject: str) -> TicketResult:
        email = request.requester_email or self.default_email
        if not email:
            raise ConnectorRejected("osticket needs an e-mail: the customer gave none and helpdesk.default_email is not set")
        attach = request.bundle_size <= self.attach_max
        from dataclasses import replace

        text = _common.ticket_body(replace(request, agent_link=None) if attach else request)
        document: dict[str, Any] = {
            "alert": True,
            "autorespond": True,
            "source": "API",
            "name": request.requester_name or self.default_name,
            "email": email,
            "subject": subject,
            "message": "data:text/plain;charset=utf-8," + quote(text),
        }
        if self.topic_id is not None:
            document["topicId"] = self.topic_id
        url = f"{self.base}/api/tickets.json"
        if attach:
            document["attachments"] = [{request.attachment_name: PLACEHOLDER}]
            body = _common.JsonWithFile(document, PLACEHOLDER, request.bundle_path, prefix=b"data:application/zip;base64,")
            r = _common.call(self.http, "POST", url, "osticket ticket", data=body, headers={"Content-Type": "application/json"})
        else:
            r = _common.call(self.http, "POST", url, "osticket ticket", json=document)
        number = r.text.strip()
        if not number:
            raise ConnectorRejected("osticket answered without a ticket number")
        return TicketResult(ticket_id=number, reference=f"#{number}", attached=attach)

    def create_ticket(self, request: TicketRequest) -> TicketResult:
        return self._create(request, request.subject)

    def add_to_ticket(self, ticket_id: str, request: TicketRequest) -> TicketResult:
        # osTicket's API cannot add to a ticket: a new one names the earlier one.
        return self._create(request, f"[#{ticket_id.lstrip('#')}] {request.subject}")

    def health(self) -> bool:
        return True  # osTicket's API has no read endpoint to probe


def from_settings(settings: dict[str, Any]) -> OsTicketConnector:
    return OsTicketConnector(**settings)
