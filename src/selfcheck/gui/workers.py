"""Workers: QObjects living in QThreads that run the core and report by signals.

They never touch widgets (vorta's rule): the window connects to their signals,
which Qt delivers on the GUI thread.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable
from typing import Any

from PySide6.QtCore import QObject, QThread, Signal, Slot

from selfcheck.api import Check, Interaction
from selfcheck.runner import Scan
from selfcheck.scan import ScanJob

log = logging.getLogger("selfcheck.gui")


class ScanWorker(QObject):
    """Runs :class:`selfcheck.scan.ScanJob` (the scan, then the after-scan hooks, off the GUI thread);
    ``cancel()`` may be called from any thread."""

    started = Signal(str, str)  # check_id, title
    finished = Signal(object)  # Result
    done = Signal(object)  # Scan (merged into ``into`` when given)
    failed = Signal(str)  # plain message (the details are in the log)

    def __init__(
        self,
        app: Any,
        selection: Iterable[type[Check]],
        *,
        symptom: str | None = None,
        interaction: Interaction | None = None,
        include_load_problems: bool = True,
        into: Scan | None = None,
    ) -> None:
        super().__init__()
        self.job = ScanJob(app, selection, self._on_event, symptom=symptom, interaction=interaction, include_load_problems=include_load_problems, into=into)

    def _on_event(self, event: str, check_id: str, payload: Any) -> None:
        if event == "started":
            self.started.emit(check_id, str(payload))
        elif event == "finished":
            self.finished.emit(payload)

    @Slot()
    def run(self) -> None:
        try:
            scan = self.job.run()
        except Exception:
            log.exception("the scan failed")
            from selfcheck.i18n import _

            self.failed.emit(_("The check could not be completed."))
            return
        self.done.emit(scan)

    def cancel(self) -> None:
        self.job.cancel()


class TaskWorker(QObject):
    """Runs one function (build a bundle, upload it, empty the trash...) off the GUI thread.

    The function gets ``progress(fraction)`` and a ``cancel`` event as keyword
    arguments when it accepts them (see :func:`start_task`).
    """

    progress = Signal(float)
    succeeded = Signal(object)
    failed = Signal(object)  # the exception

    def __init__(self, func: Callable[..., Any]) -> None:
        super().__init__()
        self.func = func
        self.cancel_event = threading.Event()

    @Slot()
    def run(self) -> None:
        try:
            value = self.func(self.progress.emit, self.cancel_event)
        except Exception as exc:
            log.exception("background task failed")
            self.failed.emit(exc)
            return
        self.succeeded.emit(value)

    def cancel(self) -> None:
        self.cancel_event.set()


_STILL_RUNNING: list[tuple[QThread, QObject]] = []


class ThreadKeeper:
    """Keeps (thread, worker) pairs alive until their thread ends, then frees them."""

    def __init__(self) -> None:
        self._live: list[tuple[QThread, QObject]] = []

    def start(self, worker: QObject, entry: Callable[[], None], *, finished_signals: Iterable[Any]) -> QThread:
        thread = QThread()
        worker.moveToThread(thread)
        thread.started.connect(entry)
        for signal in finished_signals:
            signal.connect(thread.quit)
        pair = (thread, worker)
        self._live.append(pair)

        def forget() -> None:
            if pair in self._live:
                self._live.remove(pair)
            worker.deleteLater()
            thread.deleteLater()

        thread.finished.connect(forget)
        thread.start()
        return thread

    @property
    def running(self) -> int:
        return len(self._live)

    def stop_all(self, wait_ms: int = 2000) -> None:
        """Ask every worker to stop and wait a little (used when the window closes)."""
        for _thread, worker in list(self._live):
            cancel = getattr(worker, "cancel", None)
            if cancel is not None:
                cancel()
        for pair in list(self._live):
            thread = pair[0]
            thread.quit()
            if not thread.wait(wait_ms):
                # still busy (a slow after-scan hook...): keep it referenced until it ends, because a
                # QThread destroyed while running aborts the whole process
                _STILL_RUNNING.append(pair)
                thread.finished.connect(lambda pair=pair: _STILL_RUNNING.remove(pair) if pair in _STILL_RUNNING else None)


class GuiCallback(QObject):
    """Calls ``func`` on the thread this object lives in (the GUI thread).

    Signals from workers connected to plain Python functions would run them
    in the worker's thread; connecting to this object's slot makes Qt queue
    the call to the GUI thread instead.
    """

    def __init__(self, func: Callable[[Any], None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.func = func

    @Slot(object)
    def call(self, value: Any) -> None:
        self.func(value)

    @Slot(float)
    def call_float(self, value: float) -> None:
        self.func(value)
