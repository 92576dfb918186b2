"""Extension points between parts of selfcheck that must not import each other.

``after_scan``: callables ``(app, scan)`` run after every scan by the front
ends (the history records scans through it). ``bundle_parts``: extra files for
bundles: the one registry of them (the bundle code reads only this list).
:func:`add_after_scan_lazy` registers a hook by name, imported only when a scan
finishes, so commands that never scan (``list``, ``--version``) stay fast.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

after_scan: list[Callable[[Any, Any], None]] = []

#: callables ``(app, scan) -> [check ids]``: the scan's problems that were fine in the previous scan
#: (the history provides it). A problem that has just appeared outranks a standing one of the same urgency.
new_problems: list[Callable[[Any, Any], list[str]]] = []

#: callables ``(app, scan) -> [(path, bytes)]`` adding files to every bundle, registered without
#: importing the bundle code (the history adds its summary and the latest recording this way)
bundle_parts: list[Callable[[Any, Any], list[tuple[str, bytes]]]] = []


class LazyHook:
    """``"package.module:function"``, imported at its first call."""

    def __init__(self, target: str) -> None:
        self.target = target

    def __call__(self, app: Any, scan: Any) -> None:
        module, _sep, attr = self.target.partition(":")
        getattr(importlib.import_module(module), attr)(app, scan)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, LazyHook) and other.target == self.target

    def __hash__(self) -> int:
        return hash(self.target)

    def __repr__(self) -> str:
        return f"LazyHook({self.target!r})"


def add_after_scan_lazy(target: str) -> None:
    """Register ``"module:function"`` as an after-scan hook (once)."""
    hook = LazyHook(target)
    if hook not in after_scan:
        after_scan.append(hook)
