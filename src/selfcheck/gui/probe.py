"""Start-up probe for the packaging tests and benchmarks (off unless asked for).

``SELFCHECK_EXIT_AFTER_PAINT=1``: when the main window is first painted and the
event loop has then turned once (the window answers), print one line and quit::

    selfcheck-probe painted=<epoch s> responsive=<epoch s> rss_kb=<n> title=<JSON string>

``SELFCHECK_EXIT_AFTER_PAINT=scan``: after the first paint, run a full scan,
wait until the window has been idle for two seconds, print the same line
(``rss_kb`` then measured after the scan) and quit. The benchmark reads the
times against its own clock; the frozen-app tests only need the line.
``SELFCHECK_PROBE_SCREENSHOT=FILE.png`` also saves the window as it is then.
"""

from __future__ import annotations

import json
import os
import sys
import time
from typing import Any

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget

ENV = "SELFCHECK_EXIT_AFTER_PAINT"
SCREENSHOT_ENV = "SELFCHECK_PROBE_SCREENSHOT"  # also save the window as this PNG before quitting
IDLE_SECONDS = 2.0


def rss_kb() -> int:
    try:
        import psutil

        return int(psutil.Process().memory_info().rss // 1024)
    except Exception:
        return -1


class FirstPaintProbe(QObject):
    def __init__(self, window: QWidget, mode: str) -> None:
        super().__init__(window)
        self.window, self.mode = window, mode
        self.painted: float | None = None

    def eventFilter(self, obj: Any, event: Any) -> bool:  # noqa: N802 - Qt's name
        if self.painted is None and event.type() == QEvent.Type.Paint and isinstance(obj, QWidget) and obj.window() is self.window:
            self.painted = time.time()
            QTimer.singleShot(0, self._responsive)
        return False

    def _responsive(self) -> None:
        responsive = time.time()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        if self.mode == "scan" and hasattr(self.window, "start_scan"):
            self.window.start_scan()  # type: ignore[attr-defined]
            self._wait_for_scan(responsive)
            return
        self._report(responsive)

    def _wait_for_scan(self, responsive: float) -> None:
        if getattr(self.window, "busy", False):
            QTimer.singleShot(100, lambda: self._wait_for_scan(responsive))
            return
        QTimer.singleShot(int(IDLE_SECONDS * 1000), lambda: self._report(responsive))

    def _report(self, responsive: float) -> None:
        shot = os.environ.get(SCREENSHOT_ENV)
        if shot:
            self.window.grab().save(shot)
        title = json.dumps(self.window.windowTitle(), ensure_ascii=False)
        print(f"selfcheck-probe painted={self.painted:.6f} responsive={responsive:.6f} rss_kb={rss_kb()} title={title}", flush=True)
        sys.stdout.flush()
        app = QApplication.instance()
        if app is not None:
            app.quit()


def install(window: QWidget) -> None:
    """Arm the probe for ``window`` when ``SELFCHECK_EXIT_AFTER_PAINT`` is set; otherwise do nothing."""
    mode = os.environ.get(ENV, "").strip().lower()
    app = QApplication.instance()
    if not mode or mode in ("0", "false", "no") or app is None:
        return
    probe = FirstPaintProbe(window, mode)
    app.installEventFilter(probe)
    window._startup_probe = probe  # type: ignore[attr-defined]  # kept alive with the window
