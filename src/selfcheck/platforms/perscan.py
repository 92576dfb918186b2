"""One slow command per scan, whichever check asks first (PowerShell, system_profiler).

Several checks read the same snapshot of the computer (the network adapters, the Plug and Play
devices): the first check of a scan to ask runs the command, the others of the same scan wait for
it and reuse its answer, a failure included. ``scan`` is the object every check of one scan shares
(:func:`selfcheck.platforms.windows.scan_of`); without one, the command runs every time.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from typing import Any, Generic, TypeVar

T = TypeVar("T")


class OncePerScan(Generic[T]):
    """The answer of the last scan that asked, kept until another scan asks."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._last: tuple[object, T] | None = None

    def get(self, scan: object | None, compute: Callable[[], T]) -> T:
        with self._lock:
            if scan is not None and self._last is not None and self._last[0] is scan:
                return self._last[1]
            value = compute()
            self._last = (scan, value)
            return value


def parsed_json(out: Any, parse: Callable[[Any], T]) -> T | None:
    """``parse`` of a command's JSON output (PowerShell may start it with a byte-order mark; no
    output is ``null``); None when the command failed or printed something that is not JSON."""
    if not out.ok:
        return None
    try:
        data = json.loads((out.stdout or "").strip().lstrip("\ufeff") or "null")
    except ValueError:
        return None
    return parse(data)
