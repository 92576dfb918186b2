"""The same bundle at every run of the picture scripts: its id (so its reference) and the moment it was made are pinned.

From the real clock and a new id, bundle.png and report.png showed this run's date and reference, so a committed picture
was never made again the same (two runs a minute apart differed).
"""

from __future__ import annotations

import contextlib
import itertools
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any


@contextlib.contextmanager
def pinned_bundle(bundle_id: str, hour: int, minute: int) -> Iterator[None]:
    """Bundles planned meanwhile (selfcheck.bundle.make.plan_bundle) get ``bundle_id`` and are made today at hour:minute
    local time; everything else keeps the real clock."""
    from selfcheck.bundle import make

    made = datetime.now().astimezone().replace(hour=hour, minute=minute, second=0, microsecond=0)

    class PinnedClock(datetime):
        @classmethod
        def now(cls, tz: Any = None) -> Any:  # type: ignore[override]
            return made.astimezone(tz)

    class PinnedIds:
        UUID = uuid.UUID

        @staticmethod
        def uuid4() -> uuid.UUID:
            return uuid.UUID(bundle_id)

    real_clock, real_ids = make.datetime, make.uuid
    make.datetime, make.uuid = PinnedClock, PinnedIds  # type: ignore[assignment,misc]
    try:
        yield
    finally:
        make.datetime, make.uuid = real_clock, real_ids  # type: ignore[misc]


def scans_at(hour: int, minute: int, step: timedelta = timedelta(seconds=2)) -> None:
    """Scans start today at hour:minute local time, ``step`` apart (scripts/screenshots.py daytime_clock, for scripts that
    do not open a window)."""
    from selfcheck import runner

    start = datetime.now().astimezone().replace(hour=hour, minute=minute, second=0, microsecond=0)
    ticks = itertools.count()
    runner._now_iso = lambda: (start + step * next(ticks)).astimezone(UTC).isoformat(timespec="milliseconds")  # type: ignore[attr-defined]
