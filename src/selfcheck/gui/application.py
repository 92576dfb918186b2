"""Starting the desktop app: one instance per user, translations, error handling."""

from __future__ import annotations

import hashlib
import logging
import os
import sys
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any
from urllib.parse import quote

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, QUrl, Signal, Slot
from PySide6.QtGui import QDesktopServices, QFileOpenEvent, QGuiApplication, QIcon
from PySide6.QtNetwork import QLocalServer, QLocalSocket
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from selfcheck import buildinfo, i18n, logsetup, paths
from selfcheck.config import picture_path
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


def one_line(link: str) -> str:
    """A link handed to the running window on one line: a character that would end the line there (CR, NEL,
    U+2028...) is percent-encoded, so a crafted link cannot add a command ("open FILE") of its own, and
    the window refuses it as it would have here (invisible characters)."""
    return "".join(c if c.isprintable() else quote(c, safe="") for c in link)


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
            box.setWindowTitle(_("Something went wrong in this program"))
            box.setText(_("Something went wrong in this program."))
            box.setInformativeText(_("You can go on using it. If it happens again, tell your support team and give them the log: {path}").format(path=log_path))
            box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            box.finished.connect(self._closed)
            self.box = box  # keep it alive while it is shown
            box.open()
        except Exception:
            self._showing = False


# ---------------------------------------------------------------- start


class RequestLinkCatcher(QObject):
    """Support's request links that macOS hands over as events, not as arguments.

    A clicked ``selfcheck:`` link reaches a Mac app as an Apple Event (``kAEGetURL``; the scheme is
    claimed by ``CFBundleURLTypes`` in the app's Info.plist). Qt's Cocoa plugin gives it first to the
    URL handler registered for the scheme with ``QDesktopServices.setUrlHandler`` (Qt 6:
    ``QCocoaServices::handleUrl``), and sends a ``QFileOpenEvent`` to the application when no handler
    takes it (and in Qt versions without that step). The catcher takes both ways, so the link arrives
    once whichever the Qt in the build does.

    It can come while the window is open, and also on a cold start while the app is still starting:
    so the catcher is made as soon as the ``QApplication`` exists; links caught before the window is
    ready wait, and are handed over when it is. A link is handed on as text and checked like one from
    the command line (``parse_link``).
    """

    SCHEME = "selfcheck"

    def __init__(self, app: QApplication) -> None:
        super().__init__(app)
        self.waiting: list[str] = []
        self.handler: Callable[[str], None] | None = None
        app.installEventFilter(self)
        QDesktopServices.setUrlHandler(self.SCHEME, self, "take_url")  # type: ignore[arg-type]  # PySide6 takes the name as str (bytes raise)

    def close(self) -> None:
        """Stop taking links (the handler Qt keeps must not outlive this object)."""
        QDesktopServices.unsetUrlHandler(self.SCHEME)
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)

    def deliver_to(self, handler: Callable[[str], None]) -> None:
        """From now on, links go to ``handler``; those caught before go first, in order."""
        self.handler = handler
        waiting, self.waiting = self.waiting, []
        for link in waiting:
            handler(link)

    @Slot(QUrl)
    def take_url(self, url: QUrl) -> None:
        """What Qt calls for a ``selfcheck:`` URL opened through QDesktopServices (the Apple Event on macOS)."""
        self._take(url)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() != QEvent.Type.FileOpen or not isinstance(event, QFileOpenEvent):
            return False
        url = event.url()
        if url.scheme().lower() != self.SCHEME:
            return False  # a file dropped on the Dock icon: not ours to take here
        self._take(url)
        return True

    def _take(self, url: QUrl) -> None:
        link = url.toString(QUrl.ComponentFormattingOption.FullyEncoded)  # ASCII: control characters stay visible as %XX
        log.info("the system handed over a request link")
        if self.handler is None:
            self.waiting.append(link)
        else:
            self.handler(link)


def create_qapplication(argv: Sequence[str] | None = None) -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    QGuiApplication.setHighDpiScaleFactorRoundingPolicy(Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
    if sys.platform == "win32":  # pragma: no cover - Windows only
        # before any window: the taskbar then groups it under the Start-menu shortcut's id (its name and icon, pinning)
        import ctypes

        if ctypes.windll.shell32.SetCurrentProcessExplicitAppUserModelID(ctypes.c_wchar_p(buildinfo.app_user_model_id())) != 0:
            log.warning("could not set the taskbar's app id")
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


@dataclass
class Started:
    """What :func:`start` made: the window, and what feeds it links and files from outside."""

    window: Any
    instance: SingleInstance
    links: RequestLinkCatcher
    reporter: ErrorReporter


def start(config_files: Sequence[str] = (), lang: str | None = None, open_path: str | None = None, request_link: str | None = None) -> Started | None:
    """Make and show the window, or hand over to the one already open (then None).

    ``request_link``: support's request link (selfcheck://request/CODE) the window opens on, as Windows
    and Linux desktops pass it (an argument); macOS sends it as an event (:class:`RequestLinkCatcher`).
    """
    from selfcheck import app as app_mod

    qapp = create_qapplication()
    links = RequestLinkCatcher(qapp)  # first: on macOS the link of a cold start comes as an event
    message = f"open {Path(open_path).resolve()}" if open_path else "activate"
    if request_link:
        message = "request " + one_line(request_link[:300])
    if ask_running_instance(message):
        return None
    instance = SingleInstance()
    from . import gcguard

    gcguard.install(qapp)
    reporter = ErrorReporter()
    reporter.install()
    sapp = app_mod.start(config_files, lang)
    i18n.set_language(chosen_language(lang, sapp.config.get("language")))
    theme.apply(qapp, sapp.config.get("branding.accent_color"))
    brand_icon = picture_path(sapp.config.get("branding.icon"))
    if brand_icon and Path(brand_icon).is_file():  # a branded build's own icon
        qapp.setWindowIcon(QIcon(brand_icon))

    from .mainwindow import MainWindow

    window = MainWindow(sapp)
    install_qt_translations(i18n.current_language())
    window.retranslate()

    def answer_link(link: str) -> None:
        bring_to_front(window)
        window.open_request_link(link)

    def on_message(text: str) -> None:
        log.info("another launch asked: %s", text)
        bring_to_front(window)
        if text.startswith("open "):
            window.open_bundle(Path(text[5:]))
        elif text.startswith("request "):
            answer_link(text[8:])

    instance.message.connect(on_message)
    theme.Follower(window, sapp.config.get("branding.accent_color"))  # a new text size, light or dark: no restart
    window.show()
    probe.install(window)  # SELFCHECK_EXIT_AFTER_PAINT only (packaging tests and benchmarks)
    if open_path:
        window.open_bundle(Path(open_path))
    if request_link:
        window.open_request_link(request_link)
    links.deliver_to(answer_link)
    QTimer.singleShot(2000, window.flush_outbox)  # after the first paint: it imports the upload stack (requests...)
    outbox_timer = QTimer(window)
    outbox_timer.timeout.connect(window.flush_outbox)
    outbox_timer.start(10 * 60 * 1000)
    return Started(window, instance, links, reporter)


def run(config_files: Sequence[str] = (), lang: str | None = None, open_path: str | None = None, request_link: str | None = None) -> int:
    """Open the window (or hand over to the one already open) and run it. Returns the exit code."""
    started = start(config_files, lang, open_path, request_link)
    if started is None:
        return 0
    code = QApplication.instance().exec()  # type: ignore[union-attr]
    started.instance.server.close()
    return int(code)
