"""Starting the desktop app: one instance per user, translations, error handling."""

from __future__ import annotations

import hashlib
import logging
import os
import sys
import threading
from collections.abc import Sequence
from pathlib import Path
from types import TracebackType
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QFileOpenEvent, QGuiApplication, QIcon
from PySide6.QtNetwork import QLocalServer, QLocalSocket
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from selfcheck import buildinfo, i18n, logsetup, paths
from selfcheck.i18n import _

from . import probe, resources, theme
from .qt_translations import install_qt_translations
from .settings import settings

log = logging.getLogger("selfcheck.gui")


# ---------------------------------------------------------------- single instance


def instance_key() -> str:
    """One window per user (and per SELFCHECK_HOME, so tests and portable copies do not clash)."""
    seed = f"{os.environ.get('USER') or os.environ.get('USERNAME') or ''}|{paths.user_config_dir()}"
    return "selfcheck-" + hashlib.sha1(seed.encode()).hexdigest()[:12]


def ask_running_instance(message: str, key: str | None = None, timeout_ms: int = 800) -> bool:
    """Hand ``message`` to a window already running; True when there is one."""
    socket = QLocalSocket()
    socket.connectToServer(key or instance_key())
    if not socket.waitForConnected(timeout_ms):
        return False
    socket.write(message.encode("utf-8") + b"\n")
    socket.waitForBytesWritten(timeout_ms)
    socket.disconnectFromServer()
    return True


class SingleInstance(QObject):
    """Listens for later launches; they send "activate" or "open <path>"."""

    message = Signal(str)

    def __init__(self, key: str | None = None) -> None:
        super().__init__()
        self.key = key or instance_key()
        self.server = QLocalServer(self)
        self.server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        if not self.server.listen(self.key):
            QLocalServer.removeServer(self.key)  # a stale socket left by a crash
            self.server.listen(self.key)
        self.server.newConnection.connect(self._on_connection)

    @Slot()
    def _on_connection(self) -> None:
        while self.server.hasPendingConnections():
            socket = self.server.nextPendingConnection()
            if socket is None:
                break
            if not socket.canReadLine():
                socket.waitForReadyRead(500)  # the other launch writes at once; a short, rare wait
            data = bytes(socket.readAll().data()).decode("utf-8", "replace")
            socket.disconnectFromServer()
            socket.deleteLater()
            for line in data.splitlines():
                if line.strip():
                    self.message.emit(line.strip())


def bring_to_front(window: QWidget) -> None:
    window.setWindowState((window.windowState() & ~Qt.WindowState.WindowMinimized) | Qt.WindowState.WindowActive)
    window.show()
    window.raise_()
    window.activateWindow()


# ---------------------------------------------------------------- uncaught errors


class ErrorReporter(QObject):
    """Logs uncaught exceptions (any thread) and tells the user calmly, once at a time."""

    report = Signal(str)

    def __init__(self) -> None:
        super().__init__()
        self.report.connect(self._show, Qt.ConnectionType.QueuedConnection)
        self._showing = False
        self.count = 0

    def install(self) -> None:
        sys.excepthook = self.excepthook
        threading.excepthook = self.thread_excepthook

    def excepthook(self, exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            QApplication.quit()
            return
        log.error("uncaught exception", exc_info=(exc_type, exc, tb))
        self.count += 1
        self.report.emit(str(logsetup.log_file()))

    def thread_excepthook(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_type is SystemExit:
            return
        log.error("uncaught exception in thread %s", getattr(args.thread, "name", "?"), exc_info=(args.exc_type, args.exc_value, args.exc_traceback))  # type: ignore[arg-type]
        self.count += 1
        self.report.emit(str(logsetup.log_file()))

    @Slot(int)
    def _closed(self, _result: int) -> None:
        self._showing = False

    @Slot(str)
    def _show(self, log_path: str) -> None:
        if self._showing:
            return
        self._showing = True
        try:
            box = QMessageBox(QApplication.activeWindow())
            box.setIcon(QMessageBox.Icon.Warning)
            box.setWindowTitle(_("Something went wrong in selfcheck"))
            box.setText(_("Something went wrong in selfcheck."))
            box.setInformativeText(_("You can go on using it. If it happens again, tell your support team and give them the log: {path}").format(path=log_path))
            box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            box.finished.connect(self._closed)
            self.box = box  # keep it alive while it is shown
            box.open()
        except Exception:
            self._showing = False


# ---------------------------------------------------------------- start


class RequestLinkOpener(QObject):
    """macOS delivers a clicked selfcheck:// link as a file-open event (CFBundleURLTypes in the app's Info.plist)."""

    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.window = window

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.FileOpen:
            url = event.url() if isinstance(event, QFileOpenEvent) else None
            if url is not None and url.scheme().lower() == "selfcheck":
                self.window.open_request_link(url.toString())
                return True
        return False


def create_qapplication(argv: Sequence[str] | None = None) -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    QGuiApplication.setHighDpiScaleFactorRoundingPolicy(Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
    app = QApplication(list(argv or [sys.argv[0] if sys.argv else "selfcheck"]))
    app.setApplicationName("selfcheck")
    app.setOrganizationName("selfcheck")
    app.setDesktopFileName(buildinfo.get().app_id)  # matches the installed .desktop file (Wayland icons)
    app.setWindowIcon(resources.app_icon())
    return app


def chosen_language(explicit: str | None, config_language: Any) -> str:
    """--lang, then the language picked in the window last time, then config, then the OS."""
    saved = settings().value("language")
    return i18n.normalise(explicit) or i18n.normalise(str(saved) if saved else None) or i18n.normalise(config_language) or i18n.system_language()


def run(config_files: Sequence[str] = (), lang: str | None = None, open_path: str | None = None, request_link: str | None = None) -> int:
    """Open the window (or hand over to the one already open). Returns the exit code.

    ``request_link``: support's request link (selfcheck://request/CODE) the window opens on.
    """
    from selfcheck import app as app_mod

    qapp = create_qapplication()
    message = f"open {Path(open_path).resolve()}" if open_path else "activate"
    if request_link:
        message = "request " + request_link[:300].replace("\n", " ")
    if ask_running_instance(message):
        return 0
    instance = SingleInstance()
    from . import gcguard

    gcguard.install(qapp)
    reporter = ErrorReporter()
    reporter.install()
    sapp = app_mod.start(config_files, lang)
    i18n.set_language(chosen_language(lang, sapp.config.get("language")))
    theme.apply(qapp, sapp.config.get("branding.accent_color"))
    brand_icon = os.path.expandvars(str(sapp.config.get("branding.icon") or ""))
    if brand_icon and Path(brand_icon).is_file():  # a branded build's own icon
        qapp.setWindowIcon(QIcon(brand_icon))

    from .mainwindow import MainWindow

    window = MainWindow(sapp)
    install_qt_translations(window, i18n.current_language())
    window.retranslate()

    def on_message(text: str) -> None:
        log.info("another launch asked: %s", text)
        bring_to_front(window)
        if text.startswith("open "):
            window.open_bundle(Path(text[5:]))
        elif text.startswith("request "):
            window.open_request_link(text[8:])

    instance.message.connect(on_message)
    hints = QGuiApplication.styleHints()
    if hasattr(hints, "colorSchemeChanged"):
        hints.colorSchemeChanged.connect(lambda _s: theme.apply(qapp, sapp.config.get("branding.accent_color")))
    window.show()
    probe.install(window)  # SELFCHECK_EXIT_AFTER_PAINT only (packaging tests and benchmarks)
    if open_path:
        window.open_bundle(Path(open_path))
    if request_link:
        window.open_request_link(request_link)
    url_opener = RequestLinkOpener(window)  # macOS hands links over as events, not arguments
    qapp.installEventFilter(url_opener)
    QTimer.singleShot(2000, window.flush_outbox)  # after the first paint: it imports the upload stack (requests...)
    outbox_timer = QTimer(window)
    outbox_timer.timeout.connect(window.flush_outbox)
    outbox_timer.start(10 * 60 * 1000)
    code = qapp.exec()
    instance.server.close()
    return int(code)
