"""A short record of bundles sent, so the customer can see the ticket number once it exists.

When the relay answered 202 (ticket not created yet), the receipt's status
URL is kept; :func:`refresh` asks it again and fills in the helpdesk's ticket
reference. Kept in ``<data>/outbox/sent.json``, the last :data:`KEEP` sends.
"""

from __future__ import annotations

import json
import logging
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from selfcheck import paths
from selfcheck.config import Config

log = logging.getLogger("selfcheck.upload")
KEEP = 50


@dataclass
class SentBundle:
    bundle_id: str
    reference: str  # the bundle's code
    ticket: str | None  # the helpdesk's reference, when known
    status_url: str | None
    sent_at: float


def _file() -> Path:
    return paths.user_data_dir() / "outbox" / "sent.json"


def load() -> list[SentBundle]:
    try:
        data = json.loads(_file().read_text(encoding="utf-8"))
        return [
            SentBundle(str(i["bundle_id"]), str(i["reference"]), i.get("ticket"), i.get("status_url"), float(i.get("sent_at") or 0))
            for i in data
            if isinstance(i, dict) and "bundle_id" in i and "reference" in i
        ]
    except (OSError, ValueError, TypeError, KeyError):
        return []


def _save(items: list[SentBundle]) -> None:
    target = _file()
    paths.private_dir(target.parent)
    # its own temporary file (owner-only), as the outbox's: two processes recording a send at once shared "sent.tmp",
    # one moved the other's away or in half written, and a damaged sent.json reads as no send at all
    paths.write_private(target, json.dumps([asdict(i) for i in items[-KEEP:]], indent=2, ensure_ascii=False))


def record(bundle_id: str, reference: str, ticket: str | None, status_url: str | None) -> None:
    items = [i for i in load() if i.bundle_id != bundle_id]
    items.append(SentBundle(bundle_id, reference, ticket, status_url if ticket is None else None, time.time()))
    try:
        _save(items)
    except OSError as exc:
        log.warning("cannot record the sent bundle: %s", exc)


def refresh(config: Config, session_factory: Any = None) -> list[SentBundle]:
    """Ask the relay for the tickets still pending; returns every record, updated."""
    from selfcheck.upload.destinations import ticket_from_status
    from selfcheck.upload.transport import session as make_session

    items = load()
    pending = [i for i in items if i.ticket is None and i.status_url]
    if not pending:
        return items
    http = (session_factory or make_session)(config)
    try:
        for item in pending:
            ticket = ticket_from_status(http, str(item.status_url), (5.0, 10.0))
            if ticket:
                item.ticket, item.status_url = ticket, None
    finally:
        http.close()
    try:
        _save(items)
    except OSError as exc:
        log.warning("cannot update the sent bundles: %s", exc)
    return items
