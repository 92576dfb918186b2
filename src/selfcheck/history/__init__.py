"""Over time: scan history, what changed since it last worked, trends, recordings.

:func:`record_scan` is installed as an after-scan hook (``selfcheck.hooks``) by
:func:`install`; front ends call ``install()`` once at start-up. It saves the
scan with the machine's state and metrics, prunes old scans, and never
raises into the scan.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import Any

from selfcheck.history.changes import WhatChanged, collect_state, describe, diff_states, metrics_from, relevant_kinds
from selfcheck.history.store import History, ScanRecord

log = logging.getLogger("selfcheck.history")

__all__ = ["History", "ScanRecord", "WhatChanged", "install", "record_scan", "what_changed", "summary_for_bundle", "usual"]


def _settings(config: Any) -> dict[str, Any]:
    section = config.section("history") if hasattr(config, "section") else {}
    return {
        "enabled": bool(section.get("enabled", True)),
        "max_age_days": float(section.get("max_age_days", 400)),
        "max_megabytes": float(section.get("max_megabytes", 10)),
        "relevant": section.get("relevant") or None,
    }


def _own_words(app: Any, scan: Any) -> dict[str, str]:
    """The scan's headline in its own language only (until :func:`install` is given a wording)."""
    from selfcheck import i18n

    return {scan.language or i18n.current_language(): scan.diagnosis.headline}


# how a scan's headline is worded in every language: set by install() from the front ends' start-up
# (selfcheck.app), so that this module never imports the runner or the verdict (no import circle)
_wording: Callable[[Any, Any], dict[str, str]] = _own_words


def record_scan(app: Any, scan: Any, history: History | None = None) -> str | None:
    """Save a finished scan (not a cancelled one) into the history."""
    settings = _settings(app.config)
    if not settings["enabled"] or scan.cancelled:
        return None
    state = collect_state(app.config, scan.facts)
    metrics = metrics_from(scan.facts, state)
    own = history is None
    db = history or History()
    try:
        scan_id = db.add(scan.to_dict(), state, metrics, _wording(app, scan))
        db.prune(settings["max_age_days"], int(settings["max_megabytes"] * 1024 * 1024))
        return scan_id
    finally:
        if own:
            db.close()


def _hook(app: Any, scan: Any) -> None:
    try:
        record_scan(app, scan)
    except Exception:
        log.exception("could not save the scan in the history")


def new_problems(app: Any, scan: Any) -> list[str]:
    """The scan's problems that passed in the last recorded scan (before this one is recorded)."""
    settings = _settings(app.config)
    if not settings["enabled"]:
        return []
    with History() as db:
        previous = db.scans(limit=1)
    if not previous:
        return []
    last = previous[0]
    return [r.check_id for r in scan.results if r.status.is_problem and r.status.value != "error" and last.status_of(r.check_id) in ("pass", "info")]


def install(wording: Callable[[Any, Any], dict[str, str]] | None = None) -> None:
    """Record every scan from now on (idempotent); ``wording`` words a scan's headline in every language
    (:func:`selfcheck.history.wording.headlines`)."""
    global _wording
    from selfcheck import hooks

    if wording is not None:
        _wording = wording

    if new_problems not in hooks.new_problems:
        hooks.new_problems.append(new_problems)
    if _hook not in hooks.after_scan:
        hooks.after_scan.append(_hook)
    if _bundle_parts not in hooks.bundle_parts:
        hooks.bundle_parts.append(_bundle_parts)


def _bundle_parts(app: Any, scan: Any) -> list[tuple[str, bytes]]:
    from selfcheck.history import record

    return [*summary_for_bundle(app, scan), *record.bundle_parts(app, scan)]


def what_changed(history: History, scan_dict: dict[str, Any], config: Any = None) -> list[WhatChanged]:
    """For each problem of a scan: when it started, and what changed since the last good scan."""
    settings = _settings(config) if config is not None else {"relevant": None}
    current = history.get(scan_dict["scan_id"]) or None
    now_ts = current.ts if current else time.time()
    current_state = history.state(current) if current else None
    problems = [r["id"] for r in scan_dict.get("results", []) if r.get("status") in ("warn", "fail") and not r.get("consequence_of")]
    out: list[WhatChanged] = []
    for check_id in problems:
        good = history.last_good(check_id, now_ts)
        if good is None:
            # never seen working: only worth saying when the problem is older than this sitting
            earliest = history.first_bad_after(check_id, 0.0)
            if earliest is None or current is None or current.ts - earliest.ts < 3600:
                continue
            out.append(WhatChanged(check_id, None, earliest.started_at, [], describe(WhatChanged(check_id, None, earliest.started_at))))
            continue
        first_bad: ScanRecord | None = history.first_bad_after(check_id, good.ts, None) or current
        item = WhatChanged(check_id, good.started_at if good else None, first_bad.started_at if first_bad else None)
        if good is not None and current_state is not None:
            old_state = history.state(good)
            if old_state is not None:
                item.changes = diff_states(old_state, current_state, relevant_kinds(check_id, settings["relevant"]))
        item.text = describe(item)
        out.append(item)
    return out


def summary_for_bundle(app: Any, scan: Any) -> list[tuple[str, bytes]]:
    """``history.json`` for the bundle: problems' first appearance, changes, trends (an extra bundle part)."""
    import json

    from selfcheck.history import trends

    with History() as db:
        if db.count() == 0:
            return []
        scan_dict = scan.to_dict()
        changed = [w.to_dict() for w in what_changed(db, scan_dict, app.config)]
        data = {
            "scans_kept": db.count(),
            "recent": [r.to_dict() for r in db.scans(limit=10)],
            "what_changed": changed,
            "trends": trends.summary(db),
        }
    return [("history.json", json.dumps(data, indent=2, ensure_ascii=False).encode())]


def usual(metric: str, days: float = 30, min_samples: int = 5) -> dict[str, float] | None:
    """This computer's normal for a metric (``cpu_percent``, ``mem_percent``): median and 90th percentile
    of the scans of the last ``days``; None without enough history. Checks put it in their facts so
    "slow" is judged against this machine's own normal."""
    from selfcheck.history import trends

    try:
        with History() as db:
            values = [v for _t, v in db.metric_series(metric, time.time() - days * 86400)]
    except Exception:
        return None
    return trends.baseline(values) if len(values) >= min_samples else None
