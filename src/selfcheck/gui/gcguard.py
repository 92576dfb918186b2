"""Python's garbage collector runs on the GUI thread only.

CPython collects reference cycles in whichever thread happens to allocate when
a threshold is crossed, often a worker. If a cycle holds a Qt widget, that
widget is then destroyed outside the GUI thread, and Qt crashes. The usual
cure (pyqtgraph, Spyder): switch automatic collection off and collect, by
generation as CPython would, from a timer on the GUI thread.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer


class GuiThreadGarbageCollector(QObject):
    def __init__(self, interval_ms: int = 500, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.thresholds = gc.get_threshold()
        self.was_enabled = gc.isenabled()
        gc.disable()
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.check)
        self.timer.start(interval_ms)

    def check(self) -> None:
        counts = gc.get_count()
        for generation in (2, 1, 0):
            if counts[generation] > self.thresholds[generation]:
                gc.collect(generation)
                break

    def stop(self) -> None:
        """Give collection back to Python (tests, shutdown)."""
        self.timer.stop()
        gc.collect()
        if self.was_enabled:
            gc.enable()


_installed: GuiThreadGarbageCollector | None = None


def install(parent: QObject | None = None) -> GuiThreadGarbageCollector:
    """Start collecting on the GUI thread (idempotent); call from the GUI thread."""
    global _installed
    if _installed is None:
        _installed = GuiThreadGarbageCollector(parent=parent)
    return _installed
