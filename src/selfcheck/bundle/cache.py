"""The most recent scan, cached as JSON in the data folder so `selfcheck bundle`
(and the GUI) can reuse a scan finished a few minutes ago instead of scanning again.

The cache stays on the user's machine; it holds the raw facts (not redacted).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from selfcheck import paths

log = logging.getLogger(__name__)


def cache_file() -> Path:
    return paths.user_data_dir() / "last-scan.json"


def remember_scan(scan: Any) -> None:
    """Save a finished scan (with its facts); failures are logged, never raised."""
    if getattr(scan, "cancelled", False):
        return
    target = cache_file()
    try:  # whole or not at all, owner-only, through its own temporary file (removed when it cannot be moved in)
        paths.private_dir(target.parent)
        paths.write_private(target, json.dumps({"scan": scan.to_dict(include_traceback=True), "facts": scan.facts}, ensure_ascii=False, default=str))
    except (OSError, TypeError, ValueError) as exc:
        log.warning("could not cache the scan: %s", exc)


def recent_scan(max_age_minutes: float, symptom: str | None = None, now: datetime | None = None, wanted: Iterable[str] | None = None) -> Any | None:
    """The cached scan if it finished less than ``max_age_minutes`` ago (and was for the same symptom).

    ``wanted``: the ids of the checks the bundle needs; a scan without one of them (``selfcheck scan --check X`` or
    ``--category C``, or a check the company added since) is not reused: support would get a bundle of one check
    whose card reads "no problem found"."""
    from selfcheck.runner import Scan

    if max_age_minutes <= 0:
        return None
    try:
        data = json.loads(cache_file().read_text(encoding="utf-8"))
        scan = Scan.from_dict(data["scan"], data.get("facts") or {})
        finished = datetime.fromisoformat(scan.finished_at.replace("Z", "+00:00"))
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None
    now = now or datetime.now(UTC)
    if finished.tzinfo is None:
        finished = finished.replace(tzinfo=UTC)
    if not timedelta(0) <= now - finished <= timedelta(minutes=max_age_minutes):
        return None
    if (symptom or None) != (scan.symptom or None):
        return None
    if wanted is not None and not set(wanted) <= {r.check_id for r in scan.results}:
        return None
    return scan


def _hook(app: Any, scan: Any) -> None:
    remember_scan(scan)


def install() -> None:
    """Cache every finished scan from now on (idempotent): front ends call hooks.after_scan."""
    from selfcheck import hooks

    if _hook not in hooks.after_scan:
        hooks.after_scan.append(_hook)
