"""Extension points between parts of selfcheck that must not import each other.

``after_scan``: callables ``(app, scan)`` run after every scan by the front
ends (the history records scans through it). ``bundle_parts``: extra files for
bundles (see ``selfcheck.bundle.extra_parts``, which the bundle code also reads).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

after_scan: list[Callable[[Any, Any], None]] = []

#: callables ``(app, scan) -> [(path, bytes)]`` adding files to every bundle, registered without
#: importing the bundle code (the history adds its summary and the latest recording this way)
bundle_parts: list[Callable[[Any, Any], list[tuple[str, bytes]]]] = []
