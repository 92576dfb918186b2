"""The record of repairs tried: kept in the history, put in the next bundle (``repairs.json``)
and, by the relay, in the ticket text as "what the customer already tried"."""

from __future__ import annotations

import json
import time
from typing import Any

BUNDLE_PART = "repairs.json"
#: repairs older than this are not put in a bundle (support cares about the recent ones)
BUNDLE_DAYS = 14


def add(app: Any, report: Any) -> None:
    config = getattr(app, "config", None)
    if config is not None and not config.get("history.enabled", True):
        return
    from selfcheck.history import History

    with History() as db:
        db.add_repair(report.to_dict())


def recent(days: float = BUNDLE_DAYS) -> list[dict[str, Any]]:
    from selfcheck.history import History

    with History() as db:
        return db.repairs(since=time.time() - days * 86400)


def bundle_parts(app: Any, scan: Any) -> list[tuple[str, bytes]]:
    """``repairs.json`` for the bundle: the repairs tried lately (nothing when none was)."""
    tried = recent()
    if not tried:
        return []
    from .catalog import REPAIRS

    for item in tried:  # the repair's English title, so the ticket reads the same whatever the customer's language
        repair = REPAIRS.get(str(item.get("repair")))
        item["title"] = repair.title if repair else item.get("repair")
    return [(BUNDLE_PART, json.dumps({"repairs": tried}, indent=2, ensure_ascii=False).encode())]


def install() -> None:
    """Put the record in every bundle (idempotent)."""
    from selfcheck import hooks

    if bundle_parts not in hooks.bundle_parts:
        hooks.bundle_parts.append(bundle_parts)
