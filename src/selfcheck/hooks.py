"""Extension points between parts of selfcheck that must not import each other.

``after_scan``: callables ``(app, scan)`` run after every scan by the front
ends (the history records scans through it).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

after_scan: list[Callable[[Any, Any], None]] = []
