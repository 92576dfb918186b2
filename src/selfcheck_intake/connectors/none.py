"""``kind = "none"``: no helpdesk. The bundle is stored and logged, and optionally e-mailed.

Settings: ``smtp_host``, ``smtp_port`` (25), ``smtp_starttls`` (false),
``smtp_user``, ``smtp_password``, ``mail_from``, ``mail_to`` (the support
mailbox), ``attach_max_bytes`` (10 MB: larger bundles are sent as an agent link).
The customer's reference is the bundle's own reference code.
"""

from __future__ import annotations

import logging
import smtplib
import ssl
from email.message import EmailMessage
from typing import Any

from selfcheck_intake.connectors._common import ticket_body
from selfcheck_intake.connectors.base import ConnectorError, ConnectorRejected, TicketRequest, TicketResult

log = logging.getLogger("selfcheck_intake.connectors.none")


class NoneConnector:
    name = "none"

    def __init__(self, **settings: Any) -> None:
        self.smtp_host = str(settings.get("smtp_host", ""))
        self.smtp_port = int(settings.get("smtp_port", 25))
        self.starttls = bool(settings.get("smtp_starttls", False))
        self.user = settings.get("smtp_user")
        self.password = settings.get("smtp_password")
        self.mail_from = str(settings.get("mail_from", "selfcheck-intake@localhost"))
        self.mail_to = str(settings.get("mail_to", ""))
        self.attach_max = int(settings.get("attach_max_bytes", 10 * 1024 * 1024))

    def _mail(self, request: TicketRequest, subject: str) -> bool:
        if not (self.smtp_host and self.mail_to):
            return False
        msg = EmailMessage()
        msg["Subject"] = subject
        msg["From"] = self.mail_from
        msg["To"] = self.mail_to
        if request.requester_email:
            msg["Reply-To"] = request.requester_email
        attach = request.bundle_size <= self.attach_max
        msg.set_content(ticket_body(request))
        if attach:
            msg.add_attachment(request.bundle_path.read_bytes(), maintype="application", subtype="zip", filename=request.attachment_name)
        try:
            with smtplib.SMTP(self.smtp_host, self.smtp_port, timeout=30) as smtp:
                if self.starttls:
                    smtp.starttls(context=ssl.create_default_context())
                if self.user:
                    smtp.login(str(self.user), str(self.password or ""))
                smtp.send_message(msg)
        except smtplib.SMTPAuthenticationError as exc:
            raise ConnectorRejected(f"the mail server refused the login ({exc.smtp_code})") from exc
        except (OSError, smtplib.SMTPException) as exc:
            raise ConnectorError(f"cannot send the e-mail ({type(exc).__name__}: {exc})") from exc
        return attach

    def create_ticket(self, request: TicketRequest) -> TicketResult:
        attached = self._mail(request, request.subject)
        log.info("bundle stored without helpdesk", extra={"bundle_id": request.bundle_id, "reference": request.reference_code})
        return TicketResult(ticket_id=request.reference_code, reference=request.reference_code, attached=attached, note="stored")

    def add_to_ticket(self, ticket_id: str, request: TicketRequest) -> TicketResult:
        attached = self._mail(request, f"[{ticket_id}] {request.subject}")
        return TicketResult(ticket_id=ticket_id, reference=ticket_id, attached=attached, note="stored")

    def health(self) -> bool:
        return True


def from_settings(settings: dict[str, Any]) -> NoneConnector:
    return NoneConnector(**settings)
