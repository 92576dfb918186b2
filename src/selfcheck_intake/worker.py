"""Creates helpdesk tickets for accepted bundles, in a background thread, until each has one."""

from __future__ import annotations

import hashlib
import hmac
import logging
import tempfile
import threading
import time
from pathlib import Path

from selfcheck_intake.connectors.base import Connector, ConnectorError, ConnectorRejected, TicketRequest
from selfcheck_intake.queue import Queue, Record
from selfcheck_intake.settings import Settings
from selfcheck_intake.storage import Storage

log = logging.getLogger("selfcheck_intake.worker")


def sign_agent_link(secret: str, bundle_id: str, expires: int) -> str:
    return hmac.new(secret.encode(), f"{bundle_id}:{expires}".encode(), hashlib.sha256).hexdigest()


def agent_link(settings: Settings, storage: Storage, record: Record) -> str | None:
    """A link to the stored bundle only agents can use (signed, expiring); None if none is configured."""
    if settings.agent_link_secret:
        expires = int(time.time()) + settings.agent_link_days * 86400
        sig = sign_agent_link(settings.agent_link_secret, record.bundle_id, expires)
        scheme = "https" if settings.tls_cert else "http"
        base = settings.public_url or f"{scheme}://{settings.host}:{settings.port}"
        return f"{base}/v1/agent/bundles/{record.bundle_id}?expires={expires}&sig={sig}"
    return storage.agent_url(record.storage_key, min(settings.agent_link_days, 7) * 86400)


def subject_for(record: Record) -> str:
    summary = record.headline or (record.description.strip().splitlines() or [""])[0]
    summary = summary[:120]
    return f"selfcheck {record.reference}" + (f": {summary}" if summary else "")


class Worker(threading.Thread):
    def __init__(self, settings: Settings, queue: Queue, storage: Storage, connector: Connector) -> None:
        super().__init__(name="ticket-worker", daemon=True)
        self.settings = settings
        self.queue = queue
        self.storage = storage
        self.connector = connector
        self._halt = threading.Event()

    def stop(self) -> None:
        self._halt.set()
        self.queue.wakeup.set()

    def run(self) -> None:
        while not self._halt.is_set():
            try:
                record = self.queue.claim_due()
            except Exception:
                log.exception("cannot read the queue")
                record = None
            if record is None:
                due = self.queue.next_due()
                wait = self.settings.poll_seconds if due is None else max(0.05, min(self.settings.poll_seconds, due - time.time()))
                self.queue.wakeup.wait(wait)
                self.queue.wakeup.clear()
                continue
            self.process(record)

    def process(self, record: Record) -> None:
        extra = {"bundle_id": record.bundle_id, "reference": record.reference, "attempt": record.attempts + 1}
        tmp: Path | None = None
        try:
            path = self.storage.local_path(record.storage_key)
            if path is None:
                self.settings.spool_dir.mkdir(parents=True, exist_ok=True)
                fd, name = tempfile.mkstemp(prefix="ticket-", suffix=".zip", dir=self.settings.spool_dir)
                import os

                os.close(fd)
                tmp = Path(name)
                self.storage.fetch(record.storage_key, tmp)
                path = tmp
            request = TicketRequest(
                bundle_path=path,
                bundle_sha256=record.sha256,
                bundle_size=record.size,
                bundle_id=record.bundle_id,
                reference_code=record.reference,
                requester_email=record.requester_email,
                requester_name=record.requester_name,
                subject=subject_for(record),
                description=record.description,
                diagnosis_headline=record.headline,
                agent_link=agent_link(self.settings, self.storage, record),
            )
            if record.existing_ticket:
                result = self.connector.add_to_ticket(record.existing_ticket, request)
            else:
                result = self.connector.create_ticket(request)
        except ConnectorRejected as exc:
            self.queue.mark_failed(record.bundle_id, str(exc), self.settings.retry_base_seconds, self.settings.retry_max_seconds, hold=True)
            log.error("the helpdesk refused the ticket (check the [helpdesk] settings); retried hourly and at the next restart: %s", exc, extra=extra)
            return
        except ConnectorError as exc:
            next_try = self.queue.mark_failed(record.bundle_id, str(exc), self.settings.retry_base_seconds, self.settings.retry_max_seconds)
            log.warning("ticket creation failed, will retry in %.0f s: %s", next_try - time.time(), exc, extra=extra)
            return
        except Exception as exc:  # a connector bug or storage trouble: keep the bundle and retry
            next_try = self.queue.mark_failed(
                record.bundle_id, f"{type(exc).__name__}: {exc}", self.settings.retry_base_seconds, self.settings.retry_max_seconds
            )
            log.exception("unexpected error creating the ticket; will retry", extra=extra)
            return
        finally:
            if tmp is not None:
                tmp.unlink(missing_ok=True)
        self.queue.mark_ticketed(record.bundle_id, result.ticket_id, result.reference, result.url, result.attached)
        updated = self.queue.get(record.bundle_id)
        if updated is not None:
            try:
                self.storage.put_receipt(record.bundle_id, updated.shared())
            except Exception:
                log.warning("cannot update the shared receipt", extra=extra)
        log.info("ticket ready", extra={**extra, "ticket_id": result.ticket_id, "ticket_reference": result.reference, "attached": result.attached})
