"""The contract between the relay and a helpdesk connector.

The relay has already stored and validated the bundle when it calls a
connector. A connector must be safe to call again after a failure: the relay
retries ``create_ticket`` until it succeeds and passes the same
``idempotency_key`` (the bundle id) every time; a connector that can look a
ticket up by that key should do so before creating a second one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol


@dataclass
class TicketRequest:
    bundle_path: Path  # the stored zip, readable by the connector
    bundle_sha256: str
    bundle_size: int
    bundle_id: str  # UUID from the manifest; also the idempotency key
    reference_code: str  # the short code the customer quotes (manifest "reference")
    requester_email: str | None
    requester_name: str | None
    subject: str
    description: str  # what the customer wrote, plus the diagnosis summary
    diagnosis_headline: str = ""
    diagnosis_cause: str = ""  # the verdict's likely cause, when the bundle has one
    #: an agent-only link to the stored bundle, used when the helpdesk cannot hold the file
    agent_link: str | None = None
    #: said right after the link: until when it works, and when the relay deletes the file (support's only copy)
    agent_link_note: str = ""
    #: the support card the bundle carries (plain text, already made inert), shown in the ticket's text
    support_card: str = ""
    extra: dict[str, Any] = field(default_factory=dict)
    #: the attached file's name, the one the customer's own copy has (selfcheck.bundle.file_name: company-REF-day.zip)
    file_name: str = ""

    @property
    def idempotency_key(self) -> str:
        return self.bundle_id

    @property
    def attachment_name(self) -> str:
        """The name the helpdesk shows the bundle under (``selfcheck-REF.zip`` when no :attr:`file_name` was given)."""
        return self.file_name or f"selfcheck-{self.reference_code}.zip"


@dataclass
class TicketResult:
    ticket_id: str  # the helpdesk's own id (number)
    reference: str  # what the customer is shown (e.g. "#1234" or the helpdesk's display id)
    attached: bool  # the bundle is attached to the ticket (False: the agent link was used)
    url: str | None = None  # link to the ticket for agents
    note: str = ""


class ConnectorError(Exception):
    """A failure the relay should retry later (helpdesk down, 5xx, timeout)."""


class ConnectorRejected(Exception):
    """A failure retrying cannot fix (bad credentials, unknown queue): logged and surfaced to the admin."""


class Connector(Protocol):
    name: str

    def create_ticket(self, request: TicketRequest) -> TicketResult: ...

    def add_to_ticket(self, ticket_id: str, request: TicketRequest) -> TicketResult: ...

    def health(self) -> bool: ...
