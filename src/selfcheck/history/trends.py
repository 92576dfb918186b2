"""Trends from the history: disk fill rate and the day it will be full, battery
health over time, and this machine's normal CPU and memory use.

The maths are pure functions over (timestamp, value) series so they are
tested on synthetic series with known answers.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

DAY = 86400.0


@dataclass
class Fit:
    slope_per_day: float  # value units per day
    intercept: float  # value at t=0 of the series' own time axis (seconds since the first point)
    points: int


def linear_fit(series: Sequence[tuple[float, float]]) -> Fit | None:
    """Least-squares line through (ts, value); None with fewer than 3 points or no time spread."""
    if len(series) < 3:
        return None
    t0 = series[0][0]
    xs = [(t - t0) / DAY for t, _v in series]
    ys = [v for _t, v in series]
    mean_x, mean_y = statistics.fmean(xs), statistics.fmean(ys)
    sxx = sum((x - mean_x) ** 2 for x in xs)
    if sxx == 0:
        return None
    slope = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True)) / sxx
    return Fit(slope, mean_y - slope * mean_x, len(series))


def days_until(series: Sequence[tuple[float, float]], floor: float = 0.0, now: float | None = None) -> float | None:
    """Days from ``now`` until a falling series reaches ``floor`` (None if it is not falling)."""
    fit = linear_fit(series)
    if fit is None or fit.slope_per_day >= 0:
        return None
    now = now if now is not None else series[-1][0]
    current = fit.intercept + fit.slope_per_day * (now - series[0][0]) / DAY
    if current <= floor:
        return 0.0
    return (current - floor) / -fit.slope_per_day


def baseline(values: Sequence[float]) -> dict[str, float] | None:
    """This machine's normal: median and 90th percentile."""
    if len(values) < 5:
        return None
    ordered = sorted(values)
    p90 = ordered[min(len(ordered) - 1, int(round(0.9 * (len(ordered) - 1))))]
    return {"median": statistics.median(ordered), "p90": p90, "samples": float(len(ordered))}


#: a forecast needs scans spread over at least this long: a big download between two scans
#: minutes apart must not announce "full in 0 days"
MIN_FORECAST_SPAN_DAYS = 1.0


#: a file system without a UUID (another system than Linux, a ZFS dataset) is known by its total size: within this share
#: of it (a ZFS dataset's size moves with its pool's free space), it is the same volume
SAME_TOTAL = 0.01


def _same_volume(a: tuple[float | None, float | None], b: tuple[float | None, float | None]) -> bool:
    (total_a, id_a), (total_b, id_b) = a, b
    if id_a is not None and id_b is not None:
        return id_a == id_b
    return total_a is not None and total_b is not None and abs(total_a - total_b) <= SAME_TOTAL * max(total_a, total_b)


def volume_series(rows: Sequence[tuple[float, float, float | None, float | None]]) -> list[tuple[float, float]]:
    """(timestamp, free) of the scans of the volume mounted now: a 64 GB stick then an 8 GB one on the same mount point
    are not one volume losing 56 GB. Scans saved without the volume's size (by an older selfcheck) count only while the
    newest has none either (a history all from before reads as it did)."""
    if not rows:
        return []
    newest = rows[-1][2:]
    if newest == (None, None):
        return [(ts, free) for ts, free, *_identity in rows]
    return [(ts, free) for ts, free, *identity in rows if _same_volume((identity[0], identity[1]), newest)]


def disk_forecasts(history: Any, window_days: float = 30, now: float | None = None, min_span_days: float = MIN_FORECAST_SPAN_DAYS) -> dict[str, float]:
    """Volume -> days until full, for volumes filling up (only from scans of the volume mounted now, spread over
    ``min_span_days`` or more)."""
    now = now or time.time()
    since = now - window_days * DAY
    out = {}
    for key in _metric_keys(history, "disk_free:"):
        series = volume_series(history.volume_series(key.split(":", 1)[1], since))
        if len(series) < 2 or (series[-1][0] - series[0][0]) < min_span_days * DAY:
            continue
        days = days_until(series, 0.0, now)
        if days is not None:
            out[key.split(":", 1)[1]] = round(days, 1)
    return out


def _metric_keys(history: Any, prefix: str) -> list[str]:
    keys: set[str] = set()
    for record in history.scans(limit=20):
        keys.update(k for k in record.metrics if k.startswith(prefix))
    return sorted(keys)


def summary(history: Any, now: float | None = None) -> dict[str, Any]:
    now = now or time.time()
    battery = history.metric_series("battery_health", now - 365 * DAY)
    fit = linear_fit(battery)
    return {
        "disk_days_until_full": disk_forecasts(history, now=now),
        "battery_health": {
            "latest": battery[-1][1] if battery else None,
            "change_per_month": round(fit.slope_per_day * 30, 2) if fit else None,
        },
        "cpu_baseline": baseline([v for _t, v in history.metric_series("cpu_percent", now - 30 * DAY)]),
        "memory_baseline": baseline([v for _t, v in history.metric_series("mem_percent", now - 30 * DAY)]),
    }
