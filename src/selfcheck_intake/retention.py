"""How long the relay keeps customers' bundles and their data, and the sweep that enforces it with the leftovers' one.

A stored bundle holds a customer's diagnostic data (names, addresses, logs): the relay keeps it no longer than it needs
it (storage limitation). Once the helpdesk has the ticket, the helpdesk keeps its own copy (the attachment) for as long
as the ticket lives, by its own rules; the relay's copy only serves agent links and a resend. So a bundle stored more
than ``storage.keep_days`` ago (default 30, a month for a resend or a late look; 0 keeps bundles for ever) is deleted
once its ticket exists; one still waiting for its ticket (helpdesk down, settings refused) is kept until it has one,
and one with no record of its ticket (a database restored from an older backup, a file the relay did not store) is
never deleted. A
ticket that does not hold the bundle (over the helpdesk's attachment limit, dropped by it, no helpdesk) has only the
agent link: the relay's copy is then support's only one, kept ``storage.keep_days_link_only`` after the ticket (default
180, never less than keep_days; 0 for ever), until the date the ticket gives with the link. The queue's row of a
ticketed bundle past keep_days loses, in the same sweep, what the customer gave (e-mail, name, words, address: see
``queue.FORGET``) and keeps what answers a resend of the same bundle as the first time (its ticket, never a second).

:func:`sweep` runs when the relay starts and every ``leftovers.SWEEP_SECONDS``: the half-written files of a killed
relay (:mod:`selfcheck_intake.leftovers`), the shared receipts a bucket refused to update (instances with queues of
their own answer from them and delete by them), the unfinished S3 uploads a killed instance left (a day old, as the
half-written files), then the bundles past their time and their rows' personal data. Each says in the log how many, never
which or what. Each deletion is recorded just before it is made, and the record cleared if the storage keeps the bundle
(:func:`record_deleted`): an agent link answers 410 deleted only on that record once the bundle is gone, 503 when the
storage cannot give a bundle it has no record of deleting.
"""

from __future__ import annotations

import asyncio
import logging
import re
import time
from collections.abc import Callable
from typing import Any

from selfcheck import paths
from selfcheck_intake import leftovers
from selfcheck_intake.queue import TICKETED, BundleQueue, QueueUnavailable
from selfcheck_intake.settings import Settings
from selfcheck_intake.storage import Storage
from selfcheck_intake.worker import write_receipt

log = logging.getLogger("selfcheck_intake.retention")

DAY = 86400.0


def expire(settings: Settings, storage: Storage, queue: BundleQueue, before: float, now: float) -> tuple[list[str], list[str], int, list[str]]:
    """Delete the stored bundles written before ``before`` whose ticket exists, those whose ticket holds only the agent
    link once their own period is over too (:attr:`Settings.link_only_days` after the ticket); returns the keys that
    went, the keys it deleted or tried to (a bucket may refuse one; the next sweep tries again), how many it kept, and
    the keys the storage refused to delete (a folder whose permissions refuse it: past their time, :class:`Overdue`).

    Each deletion is recorded (at ``now``) before it is made: a record that cannot be written deletes nothing (a bundle
    gone without one would answer 503 for good, and no later sweep lists it to record it); the record of a bundle the
    storage kept (refused to delete) is cleared, that of one whose delete was not answered (a timeout) stands.

    Only on a record that the ticket was made: the queue's row of exactly that key, or for instances with queues of their
    own sharing a bucket another instance's receipt. A bundle without one is kept: a database restored from an older
    backup lacks rows whose tickets may never have been made, and a file or object the relay did not store (a name in
    the folder or under the prefix that looks like a bundle's) has none."""
    old = storage.stored_before(before)
    if not old:
        return [], [], 0, []
    ticketed = queue.ticketed_keys(sorted({bundle_id for key in old for bundle_id in _bundle_ids(storage, key)}))
    days = settings.link_only_days
    linked = queue.link_only_keys(before - (days - settings.keep_days) * DAY if days else None)  # support's only copy, in its time
    expired: list[str] = []
    elsewhere: dict[str, dict[str, Any]] = {}
    for key in old:
        if key in linked:
            continue
        receipt = None if key in ticketed else _ticketed_elsewhere(storage, queue, key)
        if key in ticketed or receipt is not None:
            expired.append(key)
        if receipt is not None:
            elsewhere[key] = receipt
    if not expired:
        return [], expired, len(old), []
    recorded = record_deleted(storage, queue, expired, elsewhere, now)
    # a delete the storage did not answer (a timeout) may have gone through: its record stands (an agent link then answers
    # 410 once the bundle is gone, and gives it while it is there), and the next sweep deletes it again if it is listed
    deleted, stayed, untried = storage.delete_stored(recorded) if recorded else ([], [], [])
    if stayed or untried:
        try:
            record_deleted(storage, queue, stayed + untried, elsewhere, None)
        except Exception as exc:  # their links give them all the same: the storage still has them
            if not _said(exc):
                log.warning("cannot clear the deletion record of bundles the storage kept: %s", exc)
    return deleted, expired, len(old) - len(expired), stayed


def record_deleted(storage: Storage, queue: BundleQueue, keys: list[str], elsewhere: dict[str, dict[str, Any]], when: float | None) -> list[str]:
    """Record that these bundles are deleted at ``when`` (None: clear the record, the storage kept them): in the queue's
    rows, or for another instance's bundle (instances with queues of their own) in its receipt, which that instance
    reads when its agent link finds no bundle; returns the keys recorded (a receipt the bucket refuses: that bundle is
    kept until a sweep can record it). An agent link answers 410 deleted, with the date, only on such a record; without
    one a missing bundle is storage that cannot be read now (an unmounted folder), answered 503."""
    queue.mark_deleted([(bundle_id, key) for key in keys if key not in elsewhere for bundle_id in _bundle_ids(storage, key)], when)
    recorded = [key for key in keys if key not in elsewhere]
    refused: Exception | None = None
    for key in keys:
        if key in elsewhere:
            receipt = {k: v for k, v in elsewhere[key].items() if k != "deleted"}
            try:
                storage.put_receipt(key[len(storage.prefix) : -len(".zip")], receipt if when is None else {**receipt, "deleted": when})
                recorded.append(key)
            except Exception as exc:
                refused = exc
    if refused is not None:
        if when is None:
            raise refused
        log.warning("cannot record the deletion of bundles older than storage.keep_days (kept until a sweep can): %s", refused)
    return recorded


def _bundle_ids(storage: Storage, key: str) -> list[str]:
    """The bundle ids a stored key may be of: ``<id>.zip``, or ``<id>.<16 hex>.zip`` (an id may hold dots itself)."""
    name = key[len(storage.prefix) : -len(".zip")]
    versioned = re.fullmatch(r"(.+)\.[0-9a-f]{16}", name)
    return [name, versioned.group(1)] if versioned else [name]


def write_receipts(storage: Storage, queue: BundleQueue) -> int:
    """Update the shared receipts a bucket refused to update when the ticket came (or a relay stopped before); returns how
    many. Until then, instances with queues of their own answered that bundle pending, and kept it for ever."""
    if queue.shared or not storage.receipts:
        return 0
    written = 0
    for bundle_id in queue.receipts_due():
        write_receipt(queue, storage, bundle_id)
        written += 1
    return written


def _ticketed_elsewhere(storage: Storage, queue: BundleQueue, key: str) -> dict[str, Any] | None:
    """Instances with queues of their own share only the bucket: another one's bundle goes once its receipt (returned)
    says its ticket holds it. No receipt (or one this cannot read) is no record of a ticket: kept (None)."""
    if queue.shared or storage.local_path(key) is not None or not (key.startswith(storage.prefix) and key.endswith(".zip")):
        return None
    bundle_id = key[len(storage.prefix) : -len(".zip")]  # such instances name objects without a version
    try:
        if queue.get(bundle_id, patient=True) is not None:
            return None  # this instance's own: its row said (ticketed_keys)
        receipt = storage.get_receipt(bundle_id)
    except Exception:
        return None  # cannot tell: kept until the next sweep
    if receipt is None:
        return None
    ticket = receipt.get("ticket")
    # a ticket with only the link: its instance deletes it in its time (the receipt does not say when the ticket came)
    attached = receipt.get("status") == TICKETED and isinstance(ticket, dict) and ticket.get("attached") is True
    return receipt if attached else None


class Overdue:
    """The bundles past their time the storage refused to delete at the last sweep (a folder whose permissions refuse it,
    credentials without s3:DeleteObject): customers' data kept longer than the relay's settings say, which each sweep
    tries again. ``/healthz`` says so (``"retention": false``, ``"overdue"``); the log says it (which folder or bucket,
    and what to do) at the first sweep that meets the refusal, then once every :data:`OVERDUE_WARN_SECONDS` while it
    lasts, as the sweep runs hourly, and once when the storage deletes them again."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self.clock = clock
        #: how many bundles past their time the storage kept at the last sweep
        self.count = 0
        self._warned: float | None = None

    def refused(self, storage: Storage, count: int, keep_days: float) -> None:
        self.count = count
        now = self.clock()
        if self._warned is not None and now - self._warned < OVERDUE_WARN_SECONDS:
            return
        self._warned = now
        log.warning(
            f"cannot delete bundles older than storage.keep_days: {storage.cannot_delete()}. Customers' data stays past its "
            'time until then; the sweep tries again every hour, /healthz says "retention": false meanwhile, and this is said '
            "again once a day while it lasts",
            extra={"count": count, "keep_days": keep_days},
        )

    def cleared(self) -> None:
        if self.count:
            log.info("the storage deletes the bundles older than storage.keep_days again", extra={"count": self.count})
        self.count = 0
        self._warned = None


#: a storage that keeps refusing to delete is said again in the log after this long (a day), not at every hourly sweep
OVERDUE_WARN_SECONDS = DAY


def sweep_storage(settings: Settings, storage: Storage, queue: BundleQueue, now: float | None = None, overdue: Overdue | None = None) -> None:
    """Write the receipts still due, abort the stale unfinished uploads, delete the bundles past their time and clear
    their rows' personal data, said in the log; never raises. ``overdue`` keeps, from one sweep to the next, what the
    storage refused to delete (a new one, said in the log at once, when not given)."""
    now = time.time() if now is None else now
    overdue = Overdue() if overdue is None else overdue
    try:
        written = write_receipts(storage, queue)
    except Exception as exc:  # the bucket is down or refuses: the next sweep tries again
        if not _said(exc):
            log.warning("cannot update the shared receipts of bundles whose ticket exists: %s", exc)
    else:
        if written:
            log.info("updated the shared receipts of bundles whose ticket exists", extra={"count": written})
    try:
        aborted = storage.abort_stale_uploads(now - paths.LEFTOVER_AGE)
    except Exception as exc:  # the bucket is down or the credentials lack the right: the next sweep tries again
        log.warning("cannot abort the unfinished uploads a stopped relay left: %s", exc)
    else:
        if aborted:
            log.info("aborted unfinished uploads a stopped relay left", extra={"count": aborted})
    if settings.keep_days <= 0:
        return
    before = now - settings.keep_days * DAY
    expired: list[str] = []
    try:  # a storage that cannot be read (listing or deleting) or a queue that cannot record the deletions deletes nothing
        deleted, expired, kept, refused = expire(settings, storage, queue, before, now)
    except Exception as exc:
        if not _said(exc):
            log.warning("cannot delete the bundles older than storage.keep_days: %s", exc)
    else:
        if refused:
            overdue.refused(storage, len(refused), settings.keep_days)
        elif deleted or not expired:  # none deleted of those due: the storage failed, which says nothing of refusals
            overdue.cleared()
        if deleted:
            log.info("deleted bundles older than storage.keep_days", extra={"count": len(deleted), "keep_days": settings.keep_days})
        if kept:  # waiting for their ticket, support's only copy in its time, or no record of a ticket (kept for good)
            log.info("kept bundles older than storage.keep_days", extra={"count": kept, "keep_days": settings.keep_days})
    try:
        cleared = queue.forget(before, expired)
    except Exception as exc:
        if not _said(exc):
            log.warning("cannot clear the customers' data of the bundles older than storage.keep_days: %s", exc)
    else:
        if cleared:
            log.info("cleared the customers' data of bundles older than storage.keep_days", extra={"count": cleared, "keep_days": settings.keep_days})


def _said(exc: Exception) -> bool:
    """Whether the queue has said this in the log already (the SQLite queue names its file and what to do, once, until it
    can be used again): the sweep adds no line of its own, at this sweep or the next."""
    return isinstance(exc, QueueUnavailable) and exc.said


def sweep(settings: Settings, storage: Storage, queue: BundleQueue, overdue: Overdue | None = None) -> None:
    """The whole sweep: half-written files, receipts still due, unfinished uploads, bundles and their data past their time."""
    leftovers.sweep(settings)
    sweep_storage(settings, storage, queue, overdue=overdue)


async def sweep_periodically(settings: Settings, storage: Storage, queue: BundleQueue, overdue: Overdue | None = None) -> None:
    """At start-up the storage's part (the half-written files were swept before ``/healthz`` answered), then
    :func:`sweep` every ``leftovers.SWEEP_SECONDS``, each in a thread, until cancelled. A bucket's listing takes
    seconds, so it does not hold the relay's start back."""
    overdue = Overdue() if overdue is None else overdue
    await asyncio.to_thread(sweep_storage, settings, storage, queue, None, overdue)
    while True:
        await asyncio.sleep(leftovers.SWEEP_SECONDS)
        await asyncio.to_thread(sweep, settings, storage, queue, overdue)
