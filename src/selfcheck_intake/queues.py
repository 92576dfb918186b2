"""Which queue a relay uses: ``[state] database`` names a PostgreSQL URL, else the SQLite file in the state folder.

Its own module so that the SQLite queue (``queue``) and the PostgreSQL one (``queue_pg``, which shares the
queue's states and record) import one way only.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from selfcheck_intake.queue import BundleQueue, Queue

if TYPE_CHECKING:
    from selfcheck_intake.settings import Settings


def open_queue(settings: Settings, *, check: bool = True) -> BundleQueue:
    """The queue ``[state] database`` names: a PostgreSQL URL, else the SQLite file in the state folder. ``check``: read
    the SQLite file whole first, as the relay's start does (:class:`Queue`); the admin's commands leave it to the relay."""
    if settings.database.startswith(("postgresql://", "postgres://")):
        from selfcheck_intake.queue_pg import PostgresQueue

        return PostgresQueue(settings.database, lease_seconds=settings.lease_seconds, connect_seconds=settings.connect_seconds)
    return Queue(settings.db_path, check=check)
