"""Creates helpdesk tickets for accepted bundles, in a background thread, until each has one."""

from __future__ import annotations

import hashlib
import hmac
import html
import json
import logging
import math
import re
import threading
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from selfcheck.inert import inert
from selfcheck_intake.card import read_card
from selfcheck_intake.connectors.base import Connector, ConnectorError, ConnectorRejected, TicketRequest
from selfcheck_intake.leftovers import spool_file
from selfcheck_intake.queue import BundleQueue, QueueUnavailable, Record
from selfcheck_intake.settings import Settings
from selfcheck_intake.storage import Storage

log = logging.getLogger("selfcheck_intake.worker")


def sign_agent_link(secret: str, bundle_id: str, expires: int) -> str:
    return hmac.new(secret.encode(), f"{bundle_id}:{expires}".encode(), hashlib.sha256).hexdigest()


DAY = 86400

#: how long a link that needs no end is signed for (a bundle kept for ever, no ``agent_links.days``)
_FOR_EVER = 100 * 365 * DAY


def agent_link(settings: Settings, storage: Storage, record: Record, now: float | None = None) -> tuple[str | None, str]:
    """A link to the stored bundle only agents can use (signed, expiring), or None if none is configured; and the
    sentence the ticket shows with it: until when it works, and what happens to the file then.

    The link appears only in a ticket that does not hold the bundle (over the helpdesk's attachment limit, dropped by
    it): the relay's copy is then support's only one, kept ``storage.keep_days_link_only`` days after the ticket
    (:attr:`Settings.link_only_days`; the retention sweep counts from the row's ticket time, which comes after ``now``).
    So the link works until then, or for ``agent_links.days`` when the admin set them shorter."""
    now = time.time() if now is None else now
    days = settings.link_only_days
    deleted = now + days * DAY if days else None
    if settings.agent_link_secret:
        ends = min([t for t in (deleted, now + settings.agent_link_days * DAY if settings.agent_link_days else None) if t is not None], default=None)
        expires = math.ceil(now + _FOR_EVER if ends is None else ends)
        sig = sign_agent_link(settings.agent_link_secret, record.bundle_id, expires)
        scheme = "https" if settings.tls_cert else "http"
        base = settings.public_url or f"{scheme}://{settings.host}:{settings.port}"
        return f"{base}/v1/agent/bundles/{record.bundle_id}?expires={expires}&sig={sig}", link_note(ends, deleted)
    seconds = min(settings.agent_link_days or 7, 7) * DAY  # a presigned URL works 7 days at most
    url = storage.agent_url(record.storage_key, seconds)
    return url, (link_note(now + seconds, deleted) if url else "")


def _when(t: float) -> str:
    return time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime(t))


def link_note(ends: float | None, deleted: float | None) -> str:
    """What the ticket says after the agent link: until when it works, and when the relay deletes the file."""
    if ends is not None and ends == deleted:
        return f"This link works until {_when(ends)}; after that the file is deleted, as set on this relay."
    kept = f"until {_when(deleted)}" if deleted is not None else "until its administrator deletes it"
    if ends is None:
        return f"This link works as long as this relay keeps the file: {kept}, as set on this relay."
    return f"This link works until {_when(ends)}; this relay keeps the file {kept}, as set on it: ask its administrator for it after that."


def bundle_cause(path: Path) -> str:
    """The verdict's cause from the stored bundle (validated when it was accepted); empty when it has none."""
    import zipfile

    from selfcheck_intake.validate import RESULTS, Manifest, _results_diagnosis

    try:
        with zipfile.ZipFile(path) as zf:
            if zf.getinfo(RESULTS).file_size > 4 * 1024 * 1024:
                return ""
            return Manifest(bundle_id="", reference="", data={"diagnosis": _results_diagnosis(zf, RESULTS)}).cause
    except (KeyError, OSError, zipfile.BadZipFile):
        return ""


def attachment_name(path: Path | BinaryIO, reference: str, company: str) -> str:
    """The bundle's name in the helpdesk and from its agent link, the one the customer's own copy has
    (selfcheck.bundle.file_name: the company's name, the reference, the day it was made, from the stored bundle's
    manifest, ``path`` or the open file): the agent and the customer read the same name. The relay knows the company's
    name as its request page says it ([requests] company), in one language."""
    import zipfile

    from selfcheck.bundle.make import file_name

    created_at = None
    try:
        with zipfile.ZipFile(path) as zf:
            if zf.getinfo("manifest.json").file_size <= 4 * 1024 * 1024:
                value = json.loads(zf.read("manifest.json")).get("created_at")
                created_at = value if isinstance(value, str) else None
    except (KeyError, OSError, ValueError, AttributeError, zipfile.BadZipFile):
        pass
    return file_name(company or "selfcheck", reference, created_at)


def subject_for(record: Record) -> str:
    """The ticket's subject: one inert line (a hostile headline's line break would reach a mail header)."""
    summary = record.headline or (record.description.strip().splitlines() or [""])[0]
    summary = inert(summary, keep_lines=False)[:120]
    return inert(f"selfcheck {record.reference}", keep_lines=False) + (f": {summary}" if summary else "")


def without_customer(text: str, record: Record) -> str:
    """``text`` (a helpdesk's error, which may quote what it was sent) without the customer's e-mail address or name, as
    sent, JSON- or HTML-escaped: the relay's log is kept by journald or the container's runtime, for as long as they
    keep it, out of reach of the retention sweep."""
    for value, mask, flags in ((record.requester_email, "[the customer's e-mail]", re.I), (record.requester_name, "[the customer's name]", 0)):
        if value and value.strip():
            for form in sorted({value, json.dumps(value)[1:-1], html.escape(value)}, key=len, reverse=True):
                text = re.sub(rf"(?<!\w){re.escape(form)}(?!\w)", mask, text, flags=flags)
    return text


def write_receipt(queue: BundleQueue, storage: Storage, bundle_id: str) -> None:
    """Update a ticketed bundle's shared receipt (instances with queues of their own answer a resend from it, and the
    retention sweep of each deletes the bundle by it), then note it written. Raises when the bucket refuses.

    Written again by the sweep (a first write the bucket took but whose answer was lost), the receipt may already record
    that another instance's sweep deleted the bundle by it (``deleted``, when: this instance's agent link reads it there,
    :meth:`app.Relay.deleted_elsewhere`, to answer 410): that record is kept.

    Only the ticket workers and the sweep call it: the record is read as the rest of their work, waiting for a lock as
    long (``patient``), not in the line of what answers a person, which gives up within seconds."""
    record = queue.get(bundle_id, patient=True)
    if record is not None:
        receipt = record.shared()
        try:
            earlier = storage.get_receipt(bundle_id)
        except ValueError:  # not JSON (cut short, hostile): nothing in it to keep
            earlier = None
        when = earlier.get("deleted") if earlier else None
        if isinstance(when, int | float) and not isinstance(when, bool):
            receipt["deleted"] = when
        storage.put_receipt(bundle_id, receipt)
        queue.receipt_written(bundle_id)


class Worker(threading.Thread):
    """One thread taking due bundles from the queue and making their tickets."""

    def __init__(
        self,
        settings: Settings,
        queue: BundleQueue,
        storage: Storage,
        connector: Connector,
        name: str = "ticket-worker",
        down: threading.Event | None = None,
        recovered: threading.Event | None = None,
        recovering: threading.Lock | None = None,
    ) -> None:
        super().__init__(name=name, daemon=True)
        self.settings = settings
        self.queue = queue
        self.storage = storage
        self.connector = connector
        self._halt = threading.Event()
        #: the queue cannot be used (shared by the instance's workers): said once, not by each worker at each poll
        self._down = down if down is not None else threading.Event()
        #: the bundles accepted before this start are due again (:meth:`BundleQueue.recover`, shared by the workers)
        self._recovered = recovered if recovered is not None else threading.Event()
        self._recovering = recovering if recovering is not None else threading.Lock()  # one worker at a time does it

    def _unavailable(self, exc: Exception, what: str, extra: dict[str, object] | None = None) -> None:
        """Log that the queue cannot be used, once until it can again (:meth:`_available`); other errors every time."""
        if not isinstance(exc, QueueUnavailable):
            log.warning("cannot %s, will retry: %s", what, exc, extra=extra)
        elif not self._down.is_set():
            self._down.set()
            log.warning("the ticket workers wait for the queue database; they try again every few seconds, with no restart: %s", exc, extra=extra)

    def _available(self) -> None:
        if self._down.is_set():
            self._down.clear()
            log.info("the ticket workers use the queue database again")

    def stop(self) -> None:
        self._halt.set()
        self.queue.wakeup.set()

    def _recover(self) -> None:
        """Once, before any claim: the bundles accepted before this start (waiting, mid-attempt when the relay stopped, held
        for the admin) are due again. In the worker, not at the start: a queue locked by another program then holds
        back neither the relay's start nor its pages, and is tried again until it can be written."""
        with self._recovering:
            if self._recovered.is_set():
                return
            count = self.queue.recover()
            self._recovered.set()
        if count:
            log.info("resuming ticket creation for bundles accepted earlier", extra={"count": count})

    def run(self) -> None:
        while not self._halt.is_set():
            try:
                self._recover()
                record = self.queue.claim_due()
                due = self.queue.next_due() if record is None else None
            except Exception as exc:  # the database is down: wait and try again, never die
                self._unavailable(exc, "read the queue")
                self._halt.wait(max(self.settings.poll_seconds, 1.0))
                continue
            self._available()
            if record is None:
                wait = self.settings.poll_seconds if due is None else max(0.05, min(self.settings.poll_seconds, due - time.time()))
                self.queue.wakeup.wait(wait)
                self.queue.wakeup.clear()
                continue
            self.process(record)

    def _record(self, what: str, action: Callable[[], object], extra: dict[str, object]) -> bool:
        """Write an outcome to the queue, retrying while the database is unreachable (until the relay stops)."""
        delay = 0.2
        while True:
            try:
                action()
                self._available()
                return True
            except Exception as exc:
                if self._halt.is_set():
                    log.error("stopping before the queue could record %s; another attempt will follow: %s", what, exc, extra=extra)
                    return False
                self._unavailable(exc, f"record {what} in the queue", extra)
                self._halt.wait(delay)
                delay = min(delay * 2, 5.0)

    def process(self, record: Record) -> None:
        extra = {"bundle_id": record.bundle_id, "reference": record.reference, "attempt": record.attempts + 1}
        tmp: Path | None = None
        try:
            path = self.storage.local_path(record.storage_key)
            if path is None:
                self.settings.spool_dir.mkdir(parents=True, exist_ok=True)
                tmp = spool_file(self.settings.spool_dir, "ticket")
                self.storage.fetch(record.storage_key, tmp)
                path = tmp
            link, link_until = agent_link(self.settings, self.storage, record)
            request = TicketRequest(
                bundle_path=path,
                bundle_sha256=record.sha256,
                bundle_size=record.size,
                bundle_id=record.bundle_id,
                # what the customer's computer sent (the manifest's reference, the customer's name, the describe step's words
                # and answers with the repairs tried, the verdict it read) is hostile input: inert before any connector puts
                # it in a ticket, as the card is (read_card)
                reference_code=inert(record.reference, keep_lines=False),
                requester_email=record.requester_email,
                requester_name=inert(record.requester_name, keep_lines=False) if record.requester_name else record.requester_name,
                subject=subject_for(record),
                description=inert(record.description),
                diagnosis_headline=inert(record.headline, keep_lines=False),
                diagnosis_cause=inert(bundle_cause(path), keep_lines=False),
                agent_link=link,
                agent_link_note=link_until,
                support_card=read_card(path),
                file_name=attachment_name(path, record.reference, self.settings.company),
            )
            if record.existing_ticket:
                result = self.connector.add_to_ticket(record.existing_ticket, request)
            else:
                result = self.connector.create_ticket(request)
        except ConnectorRejected as exc:
            settings, reason = self.settings, without_customer(str(exc), record)
            self._record(
                "the refusal",
                lambda: self.queue.mark_failed(record.bundle_id, reason, settings.retry_base_seconds, settings.retry_max_seconds, hold=True),
                extra,
            )
            log.error("the helpdesk refused the ticket (check the [helpdesk] settings); retried hourly and at the next restart: %s", reason, extra=extra)
            return
        except Exception as exc:  # helpdesk down (ConnectorError), a connector bug or storage trouble: keep the bundle and retry
            error = without_customer(str(exc) if isinstance(exc, ConnectorError) else f"{type(exc).__name__}: {exc}", record)
            settings = self.settings
            when: list[float] = []
            self._record(
                "the failed attempt",
                lambda: when.append(self.queue.mark_failed(record.bundle_id, error, settings.retry_base_seconds, settings.retry_max_seconds)),
                extra,
            )
            wait = (when[0] - time.time()) if when else 0.0
            if isinstance(exc, ConnectorError):
                log.warning("ticket creation failed, will retry in %.0f s: %s", wait, error, extra=extra)
            else:
                trace = without_customer(traceback.format_exc(), record)
                log.error("unexpected error creating the ticket; will retry", extra={**extra, "error": trace})
            return
        finally:
            if tmp is not None:
                tmp.unlink(missing_ok=True)
        receipt_due = not self.queue.shared and self.storage.receipts  # other instances answer from it, and delete by it
        if not self._record(
            "the ticket",
            lambda: self.queue.mark_ticketed(record.bundle_id, result.ticket_id, result.reference, result.url, result.attached, receipt_due=receipt_due),
            extra,
        ):
            return
        if receipt_due:
            try:
                write_receipt(self.queue, self.storage, record.bundle_id)
            except Exception as exc:
                log.warning("cannot update the shared receipt; the hourly sweep tries again: %s", exc, extra=extra)
        log.info("ticket ready", extra={**extra, "ticket_id": result.ticket_id, "ticket_reference": result.reference, "attached": result.attached})


class Workers:
    """The instance's ticket workers, and (with a shared queue) the heartbeat that keeps their claims."""

    def __init__(self, settings: Settings, queue: BundleQueue, storage: Storage, connector: Connector) -> None:
        self.queue = queue
        down, recovered, recovering = threading.Event(), threading.Event(), threading.Lock()
        self.threads = [
            Worker(settings, queue, storage, connector, name=f"ticket-worker-{i}", down=down, recovered=recovered, recovering=recovering)
            for i in range(settings.workers)
        ]
        self._halt = threading.Event()
        self._heartbeat = threading.Thread(target=self._renew, name="lease-heartbeat", daemon=True)
        self.interval = max(0.2, getattr(queue, "lease_seconds", 60.0) / 3)

    def start(self) -> None:
        for thread in self.threads:
            thread.start()
        if self.queue.shared:
            self._heartbeat.start()

    def _renew(self) -> None:
        while not self._halt.wait(self.interval):
            try:
                self.queue.renew()
            except Exception as exc:
                log.warning("cannot renew this instance's claims: %s", exc)

    def stop(self, deadline: float) -> bool:
        """Stop taking work, let attempts in progress finish until ``deadline`` (monotonic), then release what is still claimed.

        Returns False when an attempt was still running at the deadline: its row is left to its lease, which
        then runs out, so no other instance works on it at the same time.
        """
        for thread in self.threads:
            thread.stop()
        for thread in self.threads:
            if thread.is_alive():
                thread.join(timeout=max(0.0, deadline - time.monotonic()))
        finished = not any(thread.is_alive() for thread in self.threads)
        self._halt.set()
        if finished:
            try:
                released = self.queue.release()
                if released:
                    log.info("released claimed bundles for the other instances", extra={"count": released})
            except Exception as exc:  # the queue said it already (a file it cannot write): no second line
                if not (isinstance(exc, QueueUnavailable) and exc.said):
                    later = "they expire with their lease" if self.queue.shared else "the next start takes them up again"
                    log.warning("cannot release this instance's claims (%s): %s", later, exc)
        else:
            log.warning("a ticket attempt was still running at shutdown; its claim expires with its lease")
        return finished
