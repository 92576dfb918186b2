"""Zendesk (API token): upload the bundle, then a ticket whose first comment carries it.

Settings: ``subdomain`` (or ``url``), ``email`` and ``api_token`` (an agent's API
token: ``{email}/token:{api_token}``), ``attach_max_bytes`` (50 MB, Zendesk's
attachment limit; larger bundles get an agent-only link in a private comment),
``tags``. Each ticket carries ``external_id`` = the bundle id, and the connector
looks it up before creating one, so a retry after a lost answer never makes two.
API: https://developer.zendesk.com/api-reference/ticketing/tickets/tickets/
"""

from __future__ import annotations

from typing import Any

from selfcheck_intake.connectors import _common
from selfcheck_intake.connectors.base import ConnectorRejected, TicketRequest, TicketResult


class ZendeskConnector:
    name = "zendesk"

    def __init__(self, **settings: Any) -> None:
        url = str(settings.get("url") or "")
        if not url:
            sub = str(settings.get("subdomain") or "")
            if not sub:
                raise ConnectorRejected("zendesk: set helpdesk.subdomain (or helpdesk.url)")
            url = f"https://{sub}.zendesk.com"
        self.base = url.rstrip("/")
        email, token = settings.get("email"), settings.get("api_token")
        if not email or not token:
            raise ConnectorRejected("zendesk: set helpdesk.email and helpdesk.api_token")
        self.attach_max = int(settings.get("attach_max_bytes", 50 * 1024 * 1024))
        self.tags = list(settings.get("tags", ["selfcheck"]))
        self.http = _common.session(settings.get("verify", True))
        self.http.auth = (f"{email}/token", str(token))

    def _result(self, ticket_id: Any, attached: bool) -> TicketResult:
        return TicketResult(
            ticket_id=str(ticket_id), reference=f"#{ticket_id}", attached=attached, url=f"{self.base}/agent/tickets/{_common.segment(ticket_id)}"
        )

    def _upload(self, request: TicketRequest) -> str | None:
        if request.bundle_size > self.attach_max:
            return None
        with open(request.bundle_path, "rb") as body:
            r = _common.call(
                self.http,
                "POST",
                f"{self.base}/api/v2/uploads.json",
                "zendesk upload",
                params={"filename": request.attachment_name},
                data=body,
                headers={"Content-Type": "application/binary"},
            )
        return str(r.json()["upload"]["token"])

    def _existing(self, request: TicketRequest) -> Any | None:
        r = _common.call(self.http, "GET", f"{self.base}/api/v2/tickets.json", "zendesk lookup", params={"external_id": request.bundle_id})
        tickets = r.json().get("tickets") or []
        return tickets[0]["id"] if tickets else None

    def _link_note(self, ticket_id: Any, request: TicketRequest) -> None:
        if request.agent_link:
            text = f"selfcheck bundle {request.reference_code} (agents only): {request.agent_link}"
            body = {"ticket": {"comment": {"body": f"{text}\n{request.agent_link_note}".strip(), "public": False}}}
            _common.call(self.http, "PUT", f"{self.base}/api/v2/tickets/{_common.segment(ticket_id)}.json", "zendesk note", json=body)

    def create_ticket(self, request: TicketRequest) -> TicketResult:
        found = self._existing(request)
        if found is not None:  # an earlier attempt made it, and may have stopped before the note with the link
            attached = request.bundle_size <= self.attach_max
            if not attached:
                self._link_note(found, request)
            return self._result(found, attached)
        token = self._upload(request)
        comment: dict[str, Any] = {"body": _common.ticket_body(_without_link(request))}
        if token:
            comment["uploads"] = [token]
        ticket: dict[str, Any] = {"subject": request.subject, "comment": comment, "external_id": request.bundle_id, "tags": self.tags}
        if request.requester_email:
            ticket["requester"] = {"email": request.requester_email, "name": request.requester_name or request.requester_email}
        r = _common.call(
            self.http,
            "POST",
            f"{self.base}/api/v2/tickets.json",
            "zendesk ticket",
            json={"ticket": ticket},
            headers={"Idempotency-Key": request.idempotency_key},
        )
        ticket_id = r.json()["ticket"]["id"]
        if not token:
            self._link_note(ticket_id, request)
        return self._result(ticket_id, token is not None)

    def add_to_ticket(self, ticket_id: str, request: TicketRequest) -> TicketResult:
        ticket_id = ticket_id.lstrip("#")
        token = self._upload(request)
        comment: dict[str, Any] = {"body": _common.ticket_body(request if not token else _without_link(request)), "public": False}
        if token:
            comment["uploads"] = [token]
        _common.call(
            self.http, "PUT", f"{self.base}/api/v2/tickets/{_common.segment(ticket_id)}.json", "zendesk comment", json={"ticket": {"comment": comment}}
        )
        return self._result(ticket_id, token is not None)

    def health(self) -> bool:
        try:
            _common.call(self.http, "GET", f"{self.base}/api/v2/users/me.json", "zendesk health")
            return True
        except Exception:
            return False


def _without_link(request: TicketRequest) -> TicketRequest:
    """The public comment never carries the agent link (the requester can read it)."""
    from dataclasses import replace

    return replace(request, agent_link=None)


def from_settings(settings: dict[str, Any]) -> ZendeskConnector:
    return ZendeskConnector(**settings)
