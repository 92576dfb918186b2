"""Zammad: a ticket whose first article carries the bundle as a base64 attachment.

Settings: ``url``, ``token`` (an access token: ``Authorization: Token token=...``),
``group`` ("Users"), ``default_customer`` (e-mail used when the customer gave
none), ``attach_max_bytes`` (30 MB; larger bundles get an agent-only link in
an internal note). The JSON body is streamed, never built in memory.
API: https://docs.zammad.org/en/latest/api/ticket/index.html
"""

from __future__ import annotations

from typing import Any

from selfcheck_intake.connectors import _common
from selfcheck_intake.connectors.base import ConnectorRejected, TicketRequest, TicketResult

PLACEHOLDER = "@@selfcheck-bundle@@"


class ZammadConnector:
    name = "zammad"

    def __init__(self, **settings: Any) -> None:
        self.base = str(settings.get("url") or "").rstrip("/")
        token = settings.get("token")
        if not self.base or not token:
            raise ConnectorRejected("zammad: set helpdesk.url and helpdesk.token")
        self.group = str(settings.get("group", "Users"))
        self.default_customer = str(settings.get("default_customer") or "")
        self.attach_max = int(settings.get("attach_max_bytes", 30 * 1024 * 1024))
        self.http = _common.session(settings.get("verify", True))
        self.http.headers["Authorization"] = f"Token token={token}"

    def _article(self, request: TicketRequest, attach: bool, internal: bool) -> dict[str, Any]:
        from dataclasses import replace

        shown = replace(request, agent_link=None) if attach or not internal else request
        article: dict[str, Any] = {
            "subject": request.subject,
            "body": _common.ticket_body(shown),
            "type": "note",
            "internal": internal,
            "content_type": "text/plain",
        }
        if attach:
            article["attachments"] = [{"filename": request.attachment_name, "data": PLACEHOLDER, "mime-type": "application/zip"}]
        return article

    def _post(self, url: str, document: dict[str, Any], attach: bool, request: TicketRequest, what: str) -> Any:
        if attach:
            body = _common.JsonWithFile(document, PLACEHOLDER, request.bundle_path)
            return _common.call(self.http, "POST", url, what, data=body, headers={"Content-Type": "application/json"}).json()
        return _common.call(self.http, "POST", url, what, json=document).json()

    def create_ticket(self, request: TicketRequest) -> TicketResult:
        customer = request.requester_email or self.default_customer
        if not customer:
            raise ConnectorRejected("zammad needs a customer: the customer gave no e-mail and helpdesk.default_customer is not set")
        attach = request.bundle_size <= self.attach_max
        document = {
            "title": request.subject,
            "group": self.group,
            "customer_id": f"guess:{customer}",
            "article": self._article(request, attach, internal=False),
        }
        ticket = self._post(f"{self.base}/api/v1/tickets", document, attach, request, "zammad ticket")
        ticket_id, number = ticket["id"], ticket.get("number", ticket["id"])
        if not attach and request.agent_link:
            note = {"ticket_id": ticket_id, **self._article(request, False, internal=True)}
            self._post(f"{self.base}/api/v1/ticket_articles", note, False, request, "zammad note")
        return TicketResult(ticket_id=str(ticket_id), reference=f"#{number}", attached=attach, url=f"{self.base}/#ticket/zoom/{_common.segment(ticket_id)}")

    def add_to_ticket(self, ticket_id: str, request: TicketRequest) -> TicketResult:
        ticket_id = ticket_id.lstrip("#")
        attach = request.bundle_size <= self.attach_max
        note = {"ticket_id": int(ticket_id) if ticket_id.isdigit() else ticket_id, **self._article(request, attach, internal=True)}
        self._post(f"{self.base}/api/v1/ticket_articles", note, attach, request, "zammad article")
        return TicketResult(ticket_id=ticket_id, reference=f"#{ticket_id}", attached=attach, url=f"{self.base}/#ticket/zoom/{_common.segment(ticket_id)}")

    def health(self) -> bool:
        try:
            _common.call(self.http, "GET", f"{self.base}/api/v1/users/me", "zammad health")
            return True
        except Exception:
            return False


def from_settings(settings: dict[str, Any]) -> ZammadConnector:
    return ZammadConnector(**settings)
