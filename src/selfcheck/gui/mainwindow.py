"""The main window: header, notice bar, and the start / scanning / verdict pages.

It owns the scan state and starts workers; pages and cards only display and
emit what the user asked for.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QObject, QSize, Qt, Signal, Slot
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QDragEnterEvent, QDropEvent, QGuiApplication, QKeySequence, QPixmap, QShortcut
from PySide6.QtWidgets import QComboBox, QDialog, QFileDialog, QFrame, QHBoxLayout, QLabel, QMainWindow, QMessageBox, QStackedWidget, QVBoxLayout, QWidget

from selfcheck import buildinfo, i18n
from selfcheck.app import App
from selfcheck.config import picture_path
from selfcheck.i18n import _
from selfcheck.runner import Scan, reevaluate, select
from selfcheck.scan import dependents, merge_rescan
from selfcheck.verdict import Verdict
from selfcheck.wording import held_together

from . import fixes, repair_dialog, repair_offer, resources, support
from .formatting import readable_date
from .interaction import GuiInteraction, ask_with_dialogs
from .overtime import with_recording
from .pages import ResultsPage, ScanPage, StartPage
from .privacy import privacy_notice
from .qt_translations import install_qt_translations
from .settings import settings
from .support_dialog import TITLE_BAR, SupportDialog
from .widgets import NoticeBar, ask_yes_no, label, no_mnemonic
from .workers import GuiCallback, ScanWorker, TaskWorker, ThreadKeeper

log = logging.getLogger("selfcheck.gui")

#: the window's size the first time it opens, and the smallest it can be made, where the screen has room for them
FIRST_SIZE, MINIMUM_SIZE = QSize(900, 740), QSize(640, 520)

LANGUAGES = (("en", "English"), ("fr", "Français"))


class _ScanRelay(QObject):
    """Receives one scan worker's signals on the GUI thread and tags them with the worker.

    Signals from a cancelled or replaced worker are then simply ignored.
    """

    def __init__(self, window: MainWindow, worker: ScanWorker) -> None:
        super().__init__(window)
        self.window, self.worker = window, worker
        worker.started.connect(self.on_started)
        worker.finished.connect(self.on_finished)
        worker.done.connect(self.on_done)
        worker.failed.connect(self.on_failed)

    @Slot(str, str)
    def on_started(self, check_id: str, title: str) -> None:
        self.window._scan_started(self.worker, check_id, title)

    @Slot(object)
    def on_finished(self, result: Any) -> None:
        self.window._scan_result(self.worker, result)

    @Slot(object)
    def on_done(self, scan: Any) -> None:
        self.window._scan_done(self.worker, scan)
        self.deleteLater()

    @Slot(str)
    def on_failed(self, message: str) -> None:
        self.window._scan_failed(self.worker, message)
        self.deleteLater()


class MainWindow(QMainWindow):
    START, SCANNING, RESULTS = range(3)
    #: emitted after every change of the scan on screen (tests and screenshots wait on it)
    scan_shown = Signal(object)
    language_changed = Signal(str)
    #: emitted with the support dialog opened on support's request (tests wait on it)
    request_opened = Signal(object)
    record_dialog_opened = Signal(object)  # the Record dialog, as it opens (tests, screenshots)

    def __init__(self, app: App, *, question_handler: Any = None) -> None:
        super().__init__()
        self.app = app
        self.threads = ThreadKeeper()
        self.scan: Scan | None = None
        self.read_only = False
        self.support_draft: dict[str, Any] | None = None  # what the person typed before closing "Contact support" unsent
        self.bundle_info: dict[str, Any] | None = None
        self.scan_worker: ScanWorker | None = None
        self.rescan_worker: ScanWorker | None = None
        #: called with the scan once a whole re-check ends (recheck_then)
        self.after_rescan: Callable[[Scan | None], None] | None = None
        self.pending_request: Any = None  # support's request (selfcheck.upload.request.SupportRequest) waiting for the scan
        self.interaction = GuiInteraction(question_handler or ask_with_dialogs(lambda: self))
        self.setWindowIcon(resources.app_icon())
        self.setAcceptDrops(True)
        self.setMinimumSize(MINIMUM_SIZE)

        central = QWidget()
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self._header())
        self.notice = NoticeBar()
        self.notice.details_requested.connect(self._notice_details)
        column.addWidget(self.notice)
        self.stack = QStackedWidget()
        self.start_page = StartPage(app.config)
        self.start_page.start_requested.connect(self.start_scan)
        self.scan_page = ScanPage(app.registry)
        self.scan_page.cancel_requested.connect(self.cancel_scan)
        self.results_page = ResultsPage()
        self.results_page.config = self.app.config
        self.results_page.check_again.connect(self.check_again)
        self.results_page.watch_requested.connect(self.record_problem)
        self.results_page.fix_requested.connect(self.apply_fix)
        self.results_page.repair_requested.connect(self.offer_repair)
        repair_offer.use_config(app.config)
        self.results_page.rescan_requested.connect(self.rescan_all)
        self.results_page.support_requested.connect(self.contact_support)
        self.results_page.start_over.connect(self.go_start)
        self.results_page.ready.connect(self.scan_shown)
        self.results_page.files_requested.connect(self.show_bundle_files)
        self.results_page.tab_after = self.language_box  # the actions before the language box (focusNextPrevChild)
        for page in (self.start_page, self.scan_page, self.results_page):
            self.stack.addWidget(page)
        column.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self._menus()
        self.retranslate()
        self._show_load_problems()
        self.restore_geometry()
        self.start_page.start_button.setFocus()

    # ---------------------------------------------------------------- layout
    def _header(self) -> QFrame:
        header = QFrame()
        header.setObjectName("header")
        row = QHBoxLayout(header)
        row.setContentsMargins(20, 10, 16, 10)
        row.setSpacing(10)
        logo = QLabel()
        logo_path = picture_path(self.app.config.get("branding.logo"))  # $SELFCHECK_APP_DIR in branded builds
        pm = QPixmap(logo_path) if logo_path and Path(logo_path).is_file() else QPixmap()
        ratio = self.devicePixelRatioF()
        if pm.isNull():
            pm = resources.pixmap("app", 32, ratio)
        else:
            pm = pm.scaledToHeight(int(32 * ratio), Qt.TransformationMode.SmoothTransformation)
            pm.setDevicePixelRatio(ratio)
        logo.setPixmap(pm)
        logo.setAccessibleName(self.app.config.product_name())
        self.product_logo = logo
        row.addWidget(logo)
        self.product_label = label(self.app.config.product_name(), "productName", wrap=False)
        row.addWidget(self.product_label)
        row.addStretch(1)
        self.language_box = QComboBox()
        for code, name in LANGUAGES:
            self.language_box.addItem(name, code)
        self.language_box.setCurrentIndex(max(0, [c for c, _n in LANGUAGES].index(i18n.current_language()) if i18n.current_language() in ("en", "fr") else 0))
        self.language_box.currentIndexChanged.connect(lambda i: self.set_language(self.language_box.itemData(i)))
        row.addWidget(self.language_box)
        for keys in ("Shift+Tab", "Backtab", "Shift+Backtab"):  # back to the verdict page's last button (ResultsPage._tab)
            back = QShortcut(QKeySequence(keys), self.language_box)
            back.setContext(Qt.ShortcutContext.WidgetShortcut)
            back.activated.connect(lambda: self.results_page.focus_last() or self.focusNextPrevChild(False))
        return header

    def _menus(self) -> None:
        bar = self.menuBar()
        self.file_menu = bar.addMenu("")
        self.open_action = QAction(self)
        self.open_action.setShortcut(QKeySequence.StandardKey.Open)
        self.open_action.triggered.connect(self.choose_bundle)
        self.save_action = QAction(self)
        self.save_action.setShortcut(QKeySequence.StandardKey.Save)
        self.save_action.triggered.connect(self.save_what_was_found)
        self.quit_action = QAction(self)
        self.quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        self.quit_action.triggered.connect(self.close)
        self.file_menu.addActions([self.open_action, self.save_action])
        self.record_action = QAction(self)
        self.record_action.triggered.connect(self.record_problem)
        self.file_menu.addAction(self.record_action)
        self.background_action = QAction(self, checkable=True)
        self.background_action.triggered.connect(self.set_background_scans)
        self.file_menu.addAction(self.background_action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.quit_action)
        self.language_menu = bar.addMenu("")
        group = QActionGroup(self)
        self.language_actions: dict[str, QAction] = {}
        for code, name in LANGUAGES:
            action = QAction(name, self, checkable=True)
            action.triggered.connect(lambda _c=False, code=code: self.set_language(code))
            group.addAction(action)
            self.language_menu.addAction(action)
            self.language_actions[code] = action
        self.help_menu = bar.addMenu("")
        self.about_action = QAction(self)
        self.about_action.triggered.connect(self.show_about)
        self.help_menu.addAction(self.about_action)

    def retranslate(self) -> None:
        product = self.app.config.product_name()  # a company may name it per language (branding.product_name)
        self.setWindowTitle(product)
        self.product_label.setText(product)
        self.product_logo.setAccessibleName(product)
        self.file_menu.setTitle(_("&File"))
        # the menu in the window's words, not support's "diagnostic bundle": the save screen's "Your message and what this
        # program found are saved in this file"; opening is support's (a file a customer sent or saved) and the customer's
        # own (the file they saved): a file this program made, whoever reads it
        self.open_action.setText(_("&Open a file made by this program…"))
        self.save_action.setText(_("&Save what this program found to a file…"))
        self.quit_action.setText(_("&Quit"))
        self.record_action.setText(_("&Watch while the problem happens…"))
        self.background_action.setText(_("Check this computer &regularly"))
        self.background_action.setChecked(self._background_on())
        self.language_menu.setTitle(_("&Language"))
        self.help_menu.setTitle(_("&Help"))
        self.about_action.setText(_("&About {product}").format(product=no_mnemonic(product)))
        self.language_box.setAccessibleName(_("Language"))
        self.language_box.setToolTip(_("Language"))
        lang = i18n.current_language()
        if lang in self.language_actions:
            self.language_actions[lang].setChecked(True)
        self.notice.retranslate()
        self.start_page.retranslate()
        self.scan_page.retranslate()
        self.results_page.retranslate()
        self._update_actions()

    def _update_actions(self) -> None:
        self.save_action.setEnabled(self.scan is not None and not self.read_only)

    # ---------------------------------------------------------------- notices
    def _show_load_problems(self) -> None:
        config_problems = list(self.app.config.problems)
        load_problems = list(self.app.registry.problems)
        if not config_problems and not load_problems:
            return
        lines = [str(p) for p in config_problems] + [f"{p.source}: {p.message}" for p in load_problems]
        if config_problems and load_problems:
            text = _("Some settings and some company checks could not be loaded. This program works anyway with what it could load.")
        elif config_problems:
            text = _("Some settings could not be read, so the usual values are used. Everything else works.")
        else:
            text = _("A check added by your company could not be loaded. The other checks work normally.")
        self.notice.show_notice(text, "\n".join(lines))

    def _notice_details(self) -> None:
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Information)
        box.setWindowTitle(_("Details"))
        box.setText(self.notice.text.text())
        box.setInformativeText(_("Tell your IT or support team. These details help them:"))
        box.setDetailedText(self.notice.detail_text)
        box.open()

    # ---------------------------------------------------------------- scanning
    @property
    def busy(self) -> bool:
        return self.scan_worker is not None or self.rescan_worker is not None

    def start_scan(self, symptom: str | None = None) -> None:
        """Run the checks of ``symptom`` (all when None) in a worker."""
        if self.busy:
            return
        self.read_only, self.bundle_info = False, None
        if not self.app.config.problems and not self.app.registry.problems:
            self.notice.hide()
        try:
            selection = select(self.app.registry, self.app.config, symptom=symptom)
        except KeyError:
            selection, symptom = select(self.app.registry, self.app.config), None
        worker = ScanWorker(self.app, selection, symptom=symptom, interaction=self.interaction)
        self.scan_worker = worker
        _ScanRelay(self, worker)
        self.scan_page.reset(len(selection))
        self.stack.setCurrentIndex(self.SCANNING)
        self.scan_page.cancel_button.setFocus()
        self.threads.start(worker, worker.run, finished_signals=[worker.done, worker.failed])

    def _scan_started(self, worker: ScanWorker, check_id: str, title: str) -> None:
        if worker is self.scan_worker:
            self.scan_page.on_started(check_id, title)

    def _scan_result(self, worker: ScanWorker, result: Any) -> None:
        if worker is self.scan_worker:
            self.scan_page.on_finished(result)
        elif worker is self.rescan_worker:
            self.results_page.set_busy(_("Checking “{check}” again…").format(check=result.title))

    def _scan_done(self, worker: ScanWorker, scan: Scan) -> None:
        if worker is self.scan_worker:
            self.scan_worker = None
            self.show_scan(scan)
            if self.pending_request is not None and not scan.cancelled:
                asked, self.pending_request = self.pending_request, None
                self.contact_support(request=asked)
                return
            self.results_page.first_focus().setFocus()  # keyboard users start at the one thing to do
        elif worker is self.rescan_worker:
            self.rescan_worker = None
            self.results_page.set_busy("")
            if self.scan is not None and not scan.cancelled:
                self.show_scan(scan)  # already merged into the scan on screen, and recorded
            then, self.after_rescan = self.after_rescan, None
            if then is not None:
                then(None if scan.cancelled else scan)

    def _scan_failed(self, worker: ScanWorker, message: str) -> None:
        if worker is self.scan_worker:
            self.scan_worker = None
            self.go_start()
            self.notice.show_notice(message)
        elif worker is self.rescan_worker:
            self.rescan_worker = None
            self.results_page.set_busy("")
            self.notice.show_notice(message)
            then, self.after_rescan = self.after_rescan, None
            if then is not None:
                then(None)

    def show_scan(self, scan: Scan, *, read_only: bool = False, bundle_info: dict[str, Any] | None = None) -> None:
        if not read_only:
            with_recording(scan, self.app.config)
        self.scan, self.read_only, self.bundle_info = scan, read_only, bundle_info
        self.results_page.show_scan(scan, self.app.registry, read_only=read_only, bundle_info=bundle_info)
        self.stack.setCurrentIndex(self.RESULTS)
        self._update_actions()

    def cancel_scan(self) -> None:
        """Stop at once: the runner winds down in its thread, the window does not wait for it."""
        worker, self.scan_worker = self.scan_worker, None
        if worker is not None:
            worker.cancel()
        self.go_start()
        self.notice.show_notice(_("The check was stopped. Nothing was changed on your computer."))

    def go_start(self) -> None:
        if self.read_only:
            self.scan, self.read_only, self.bundle_info = None, False, None
            self.results_page.scan = None
        self.stack.setCurrentIndex(self.START)
        self.start_page.start_button.setFocus()
        self._update_actions()

    def check_again(self, check_ids: str | list[str]) -> None:
        """Re-run some checks (one id or a list; an empty list: all) and those depending on them, then update the verdict."""
        if self.scan is None or self.read_only or self.busy:
            return
        wanted = [check_ids] if isinstance(check_ids, str) else list(check_ids)
        if not wanted:
            self.rescan_all()
            return
        ids = dependents(self.app.registry, wanted)
        selection = select(self.app.registry, self.app.config, check_ids=ids)
        if not selection:
            return
        worker = ScanWorker(self.app, selection, symptom=self.scan.symptom, interaction=self.interaction, include_load_problems=False, into=self.scan)
        self.rescan_worker = worker
        _ScanRelay(self, worker)
        if len(wanted) == 1:
            result = self.scan.result(wanted[0])
            self.results_page.set_busy(_("Checking “{check}” again…").format(check=result.title if result else wanted[0]))
        else:
            self.results_page.set_busy(_("Checking again…"))
        self.threads.start(worker, worker.run, finished_signals=[worker.done, worker.failed])

    def recheck_then(self, then: Callable[[Scan | None], None]) -> None:
        """Check the whole computer again (as the first scan did), show it, then call ``then`` with the new scan (None: it failed).

        A support request's window uses it once the person has done what support asked ("switch the printer on").
        """
        if self.scan is None or self.read_only or self.busy:
            then(None)
            return
        symptom = self.scan.symptom
        try:
            selection = select(self.app.registry, self.app.config, symptom=symptom)
        except KeyError:
            selection, symptom = select(self.app.registry, self.app.config), None
        worker = ScanWorker(self.app, selection, symptom=symptom, interaction=self.interaction)
        self.rescan_worker = worker
        self.after_rescan = then
        _ScanRelay(self, worker)
        self.results_page.set_busy(_("Checking again…"))
        self.threads.start(worker, worker.run, finished_signals=[worker.done, worker.failed])

    def rescan_all(self) -> None:
        self.start_scan(self.scan.symptom if self.scan else None)

    # ---------------------------------------------------------------- fixes
    def apply_fix(self, check_id: str) -> None:
        """Do a check's safe fix after the user agrees, then check again."""
        result = self.scan.result(check_id) if self.scan else None
        if result is None or result.fix is None or self.read_only:
            return
        fix = result.fix
        route, repair_id = repair_offer.fix_route(fix)
        if route == "refused":
            self.notice.show_notice(_("Your organisation does not allow this program to do this repair."))
            return
        if route == "repair" and repair_id:
            self.offer_repair(check_id, repair_id)
            return
        if fix.confirm:
            if not ask_yes_no(self, fix.label or _("Fix it"), fix.confirm):  # the check's words, shown as written
                return
        # the words of the check-again button on screen, which the fix's sentence quotes ("… then click “{again}”")
        card = self.results_page.headline_card
        again = card.verdict.check_again if card is not None and card.verdict.check_again else None
        if fixes.checks_again_after(fix):
            task = TaskWorker(lambda progress, cancel: fixes.perform(fix, again=again))
            task.succeeded.connect(GuiCallback(lambda outcome: self._fix_done(check_id, outcome, recheck=True), self).call)
            task.failed.connect(GuiCallback(lambda exc: self._fix_done(check_id, fixes.FixOutcome(False, _("The fix did not work.")), False), self).call)
            self.results_page.set_busy(_("Working…"))
            self.threads.start(task, task.run, finished_signals=[task.succeeded, task.failed])
        else:
            self._fix_done(check_id, fixes.perform(fix, again=again), recheck=False)

    def offer_repair(self, check_id: str, repair_id: str) -> repair_dialog.RepairDialog | None:
        """Ask consent for a repair a card offers; once done, show the checks it ran again."""
        if self.scan is None or self.read_only or self.busy:
            return None
        dialog = repair_dialog.RepairDialog(self.app, repair_id, self.scan, self.threads, self, check_id=check_id)
        dialog.repaired.connect(self._repaired)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def _repaired(self, report: Any) -> None:
        after = getattr(report, "after_scan", None)
        if self.scan is not None and after is not None and not after.cancelled:
            self.show_scan(merge_rescan(self.scan, after, self.app.registry, self.app.config))
        self.notice.show_notice(report.message)

    def _fix_done(self, check_id: str, outcome: fixes.FixOutcome, recheck: bool) -> None:
        self.results_page.set_busy("")
        self.notice.show_notice(outcome.message)
        if outcome.ok and recheck:
            self.check_again(check_id)

    # ---------------------------------------------------------------- language
    def set_language(self, lang: str) -> None:
        """Switch language at once: texts, Qt's own dialogs, and the verdict (judged again from the facts)."""
        if lang == i18n.current_language() and self.language_box.currentData() == lang:
            return
        i18n.set_language(lang)
        install_qt_translations(lang)
        index = self.language_box.findData(lang)
        if index >= 0 and index != self.language_box.currentIndex():
            self.language_box.blockSignals(True)
            self.language_box.setCurrentIndex(index)
            self.language_box.blockSignals(False)
        settings().setValue("language", lang)
        if self.scan is not None:
            try:
                if self.read_only:  # a bundle: the customer's screen stays theirs where it said what their recording found
                    self.scan = self._judged_again(self.scan, (self.bundle_info or {}).get("screen"))
                else:
                    self.scan = reevaluate(self.app.registry, self.app.config, self.scan)
                    with_recording(self.scan, self.app.config)  # what the recording found, said again in this language
            except Exception:
                log.exception("could not judge the results again in %s", lang)
            self.results_page.scan = self.scan
        self.retranslate()
        self.language_changed.emit(lang)

    # ---------------------------------------------------------------- bundles
    def choose_bundle(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self, _("Open a file made by this program"), str(Path.home()), _("Files made by this program (*.zip *.tar.gz *.scbundle *.json);;All files (*)")
        )
        if path:
            self.open_bundle(Path(path))

    def _background_on(self) -> bool:
        from selfcheck.history import background

        try:
            return background.is_installed()
        except Exception:
            return False

    def set_background_scans(self, on: bool) -> None:
        """Opt in to (or out of) light scans on a schedule, after saying plainly what it does."""
        from selfcheck.history import background

        hours = float(self.app.config.get("background.interval_hours", 6))
        if on:
            agreed = ask_yes_no(  # plain text: the product's name is the company's (branding)
                self,
                _("Check this computer regularly"),
                held_together(
                    _(
                        "{product} will do a short check every {hours} hours, also after the computer starts, and tell you "
                        "about new problems (at most once a day each, never at night). Nothing is sent anywhere. "
                        "You can turn this off here at any time."
                    ).format(product=self.app.config.product_name(), hours=f"{hours:g}")
                ),
            )
            if not agreed:
                self.background_action.setChecked(False)
                return
        try:
            background.install(hours, config=self.app.config) if on else background.uninstall()
        except background.UnscheduleError as exc:  # the OS refused: they go on, and the switch stays on (below)
            log.warning("light scans not taken off the schedule: %s", exc)
            self.notice.show_notice(_("The regular checks could not be turned off on this computer: they are still on."))
        except Exception:
            log.exception("could not change the scheduled scans")
            self.notice.show_notice(_("The regular checks could not be changed on this computer."))
        self.background_action.setChecked(self._background_on())

    def record_problem(self) -> QDialog:
        """Sample the computer while the user makes the problem happen (goes into the next bundle); once it is saved, the
        verdict on screen says what it found (verdict.recorded), as the bundle's will."""
        from selfcheck.gui.overtime import RecordDialog

        dialog = RecordDialog(self.app.config, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda _code: self._recorded(dialog.saved_path))
        self.record_dialog_opened.emit(dialog)
        dialog.open()
        return dialog

    def _recorded(self, saved: Any) -> None:
        if saved is not None and self.scan is not None and not self.read_only and not self.busy:
            self.show_scan(self.scan)

    def open_bundle(self, path: Path) -> None:
        """Show a received bundle read-only (read in a worker)."""
        if self.busy:
            return
        from selfcheck.supportcard import network_team

        provider = self.app.config.get("support.internet_provider") is True
        team = network_team(self.app.config.get("support.network_team"))
        contact = self.app.config.get("branding.support_contact")  # the card's "call us" says it, as the bundle's own card does
        task = TaskWorker(lambda progress, cancel: support.read(Path(path), provider, team, contact))
        task.succeeded.connect(GuiCallback(lambda opened: self._bundle_opened(Path(path), opened), self).call)
        task.failed.connect(GuiCallback(lambda exc: self._bundle_failed(Path(path), exc), self).call)
        self.threads.start(task, task.run, finished_signals=[task.succeeded, task.failed])

    def _judged_again(self, scan: Scan, screen: Verdict | None) -> Scan:
        """A bundle's ``scan`` judged again in the reader's language, its customer's screen kept where it said what their
        recording found (``screen``: that verdict as the bundle holds it, support.recorded_screen): the screen `selfcheck
        show` and report.html show, and the one the card's last line announces. The facts judged alone were made between the
        cuts and say "we could not see the problem" (round 97, cuts-sometimes)."""
        judged = reevaluate(self.app.registry, self.app.config, scan)
        if screen is not None:
            judged.diagnosis = dataclasses.replace(
                judged.diagnosis, verdict=screen, headline=screen.headline, action=screen.action.text if screen.action else None
            )
        return judged

    @staticmethod
    def _made_date(created: Any, scan: Any) -> str:
        """When the bundle was made, in the reader's language and time; by a wrong clock, said so with the right time, in
        UTC as `selfcheck show` and report.html say it (agent round 100: "made August 5, 2026" made the agent pause)."""
        from selfcheck.bundle.report import made_iso, made_words

        created = made_iso(created)  # a number (an older or hostile bundle's): its date, when it is one
        plain = readable_date(str(created or scan.finished_at or ""))
        facts = scan.facts if isinstance(scan.facts, dict) else None
        if not isinstance(created, str) or made_words(created, facts) == made_words(created, None):
            return plain
        return made_words(created, facts)

    def _bundle_opened(self, path: Path, opened: support.OpenedBundle) -> None:
        scan = opened.scan
        screen = support.recorded_screen(scan)
        try:
            scan = self._judged_again(scan, screen)
        except Exception:
            log.exception("could not judge the bundle's facts again")
        manifest, system = opened.manifest, opened.system
        symptom = scan.symptom
        symptom_spec = self.app.config.section("symptoms").get(symptom or "")
        symptom_title = i18n.pick(symptom_spec.get("title")) if isinstance(symptom_spec, dict) else (symptom or "")
        facts = [
            (_("File"), path.name),
            (_("Date"), self._made_date(manifest.get("created_at"), opened.scan)),
            (_("Reference"), str(manifest.get("reference") or "")),
            (_("Computer"), support.computer_summary(system) or scan.platform),
            (_("Problem chosen by the customer"), symptom_title),
            (_("selfcheck version"), scan.version),
        ]
        over_time = support.over_time_parts(opened.files)
        bundle_info = {
            "facts": facts,
            "description": opened.description,
            "path": str(path),
            "files": opened.files,
            "support_card": opened.card,
            "support_card_note": opened.card_note,
            "screen": screen,
            **over_time,
        }
        self.show_scan(scan, read_only=True, bundle_info=bundle_info)
        self.notice.hide()

    def show_bundle_files(self) -> QWidget | None:
        """Every file of the open bundle (logs, system facts...), for support staff."""
        if not self.read_only or not self.bundle_info or not self.bundle_info.get("files"):
            return None
        from .bundle_view import BundleFilesDialog

        dialog = BundleFilesDialog(Path(str(self.bundle_info.get("path", ""))).name, self.bundle_info["files"], self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def _bundle_failed(self, path: Path, exc: object) -> None:
        message = str(exc) if isinstance(exc, support.BundleError) else _("This file could not be opened.")
        self.notice.show_notice(_("“{name}” could not be opened: {reason}").format(name=path.name, reason=message))

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls() and any(u.isLocalFile() for u in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        files = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        if files:
            event.acceptProposedAction()
            self.open_bundle(Path(files[0]))

    # ---------------------------------------------------------------- support
    def grab_screen_png(self) -> bytes | None:
        """A picture of the screen (or of this window when the screen cannot be read)."""
        screen = self.screen() or QGuiApplication.primaryScreen()
        pm = screen.grabWindow(0) if screen is not None else QPixmap()
        if pm.isNull() or pm.width() < 2:
            pm = self.grab()
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        pm.save(buffer, "PNG")
        buffer.close()
        return bytes(data.data()) or None

    def save_what_was_found(self) -> SupportDialog | None:
        """The File menu's saving: "Contact support" with its review ending on "Save to a file…", not "Send" (support may
        ask for a file). Its own method: the menu item's triggered(bool) reached contact_support as its ``request``."""
        return self.contact_support(save_only=True)

    def contact_support(self, request: Any = None, save_only: bool = False) -> SupportDialog | None:
        if self.scan is None or self.read_only:
            return None
        shot = self.grab_screen_png()
        recheck = self.recheck_then if request is not None else None
        dialog = SupportDialog(self.app, self.scan, self.threads, lambda: shot, self, request=request, recheck=recheck, save_only=save_only)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        if request is None:
            if self.support_draft is not None:
                dialog.restore_draft(self.support_draft)
            dialog.finished.connect(self._keep_support_draft)
        dialog.open()
        if request is not None:
            self.request_opened.emit(dialog)
        return dialog

    def _keep_support_draft(self) -> None:
        """Escape (or Cancel) on "Contact support" keeps what the person typed for the next time it opens.

        Keyboard review (s33): Escape pressed by mistake after a description was typed closed the dialog, and opening
        it again showed empty boxes; a person with a tremor typed it all again. Once the last page was reached (sent, saved, or why not) it is not kept.
        A message kept from an earlier time sent from the first page ("Send it now") is not what they typed: that is kept.
        """
        dialog = self.sender()
        if isinstance(dialog, SupportDialog):
            unsent = dialog.stack.currentIndex() in (SupportDialog.DESCRIBE, SupportDialog.REVIEW) or not dialog.own_message_done
            self.support_draft = dialog.draft() if unsent else None

    # ---------------------------------------------------------------- support's request link
    def open_request_link(self, link: str) -> None:
        """Support's request link: checked here (it may be hostile), looked up on our own relay, then answered.

        The window checks this computer, then opens "Contact support" on the request: what support asks, the
        preview of exactly what will be sent, and one button.
        """
        from selfcheck.upload.request import BadRequest, look_up, parse_link

        try:
            code = parse_link(link, self.app.config)
        except BadRequest as exc:
            self._request_refused(exc)
            return
        config = self.app.config
        task = TaskWorker(lambda progress, cancel: look_up(code, config))
        task.succeeded.connect(GuiCallback(self._request_found, self).call)
        task.failed.connect(GuiCallback(self._request_refused, self).call)
        self.threads.start(task, task.run, finished_signals=[task.succeeded, task.failed])

    def _request_found(self, asked: Any) -> None:
        if self.isMinimized():
            self.showNormal()
        self.raise_()
        self.activateWindow()
        if self.scan is not None and not self.read_only and not self.busy:
            self.contact_support(request=asked)
            return
        self.pending_request = asked
        if not self.busy:
            self.start_scan()

    def _request_refused(self, exc: object) -> None:
        message = getattr(exc, "message", None) or _("This link is not a valid support request. Ask your support team to send it again.")
        box = QMessageBox(QMessageBox.Icon.Warning, _("Support request"), str(message), QMessageBox.StandardButton.Ok, self)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.setObjectName("requestRefused")
        box.open()

    def flush_outbox(self) -> None:
        """Send bundles queued while offline (at start-up, then now and then), quietly, in a worker."""
        mod = support.upload_module()
        if mod is None or not hasattr(mod, "flush_outbox"):
            return
        config = self.app.config
        task = TaskWorker(lambda progress, cancel: mod.flush_outbox(config, cancel=cancel))
        task.succeeded.connect(GuiCallback(self._outbox_flushed, self).call)
        self.threads.start(task, task.run, finished_signals=[task.succeeded, task.failed])

    def _outbox_flushed(self, outcomes: Any) -> None:
        sent = [o for o in outcomes or [] if getattr(o, "status", "") == "sent"]
        if sent:
            refs = ", ".join(str(o.reference) for o in sent)
            # the promise of the "Not sent yet" screen kept: said in its words, the number is the one it showed
            self.notice.show_notice(_("What was waiting on this computer has now been sent to support. Your number: {refs}.").format(refs=refs))

    # ---------------------------------------------------------------- about, geometry
    def show_about(self) -> QMessageBox:
        """Version, build date (when the build recorded one) and the privacy notice."""
        import html

        product = html.escape(self.app.config.product_name())
        info = buildinfo.get()
        lines = [f"<h3>{product}</h3>", html.escape(_("Version {version}").format(version=info.version))]
        if info.build_date:
            lines.append(html.escape(_("Built on {date}").format(date=readable_date(info.build_date))))
        lines.append(html.escape(_("Checks this computer and says in plain language what is wrong and what to do.")))
        lines.append(
            f'<a href="selfcheck:privacy">{html.escape(_("Privacy notice: what {product} collects and sends").format(product=self.app.config.product_name()))}</a>'
        )
        box = QMessageBox(self)
        box.setWindowTitle(_("About {product}").format(product=self.app.config.product_name()))
        box.setIconPixmap(resources.pixmap("app", 64, self.devicePixelRatioF()))
        box.setTextFormat(Qt.TextFormat.RichText)
        box.setText("<br>".join(lines))
        label = box.findChild(QLabel, "qt_msgbox_label")
        if label is not None:
            label.setOpenExternalLinks(False)
            label.linkActivated.connect(lambda _link: self.show_privacy())
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        return box

    def show_privacy(self) -> QMessageBox | None:
        """The company's privacy page when configured, else selfcheck's own short notice."""
        url = str(self.app.config.get("branding.privacy_url") or "")
        if url.startswith(("https://", "http://")):
            from PySide6.QtCore import QUrl
            from PySide6.QtGui import QDesktopServices

            QDesktopServices.openUrl(QUrl(url))
            return None
        shipped = buildinfo.privacy_notice_file()  # the full notice shipped with the app (Markdown)
        if shipped is not None:
            from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser

            dialog = QDialog(self)
            dialog.setWindowTitle(_("Privacy notice"))
            dialog.resize(640, 560)
            browser = QTextBrowser()
            browser.setOpenExternalLinks(True)
            browser.setAccessibleName(_("Privacy notice"))
            try:
                browser.setMarkdown(shipped.read_text(encoding="utf-8"))
            except OSError:
                browser.setPlainText(privacy_notice())
            buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
            buttons.rejected.connect(dialog.reject)
            column = QVBoxLayout(dialog)
            column.addWidget(browser)
            column.addWidget(buttons)
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            dialog.open()
            self.privacy_dialog = dialog
            return None
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Information)
        box.setWindowTitle(_("Privacy notice"))
        box.setText(_("What {product} collects and sends").format(product=self.app.config.product_name()))
        box.setInformativeText(privacy_notice())
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        return box

    def restore_geometry(self) -> None:
        """The size the person last gave the window; the first time FIRST_SIZE, or all the screen has room for.

        Big-text review (s33): a 1920x1080 laptop at Windows' 150 % is a 1280x720 screen for Qt (1366x768 at 150 % is
        911x512), and the window opened 900x740: its bottom, with "Contact support" and the start page's button, was below
        the screen's edge, and its minimum height (520) was taller than the smaller screen. It opens inside the screen's
        free area (under the title bar, above the task bar) and what does not fit scrolls, as the send dialog does.
        """
        screen = self.screen() or QGuiApplication.primaryScreen()
        free = screen.availableGeometry()
        room = free.size() - QSize(0, TITLE_BAR)
        self.setMinimumSize(MINIMUM_SIZE.boundedTo(room))
        saved = settings().value("geometry")
        if isinstance(saved, QByteArray | bytes) and self.restoreGeometry(QByteArray(saved)):
            return
        size = FIRST_SIZE.boundedTo(room)
        self.resize(size)
        self.move(free.x() + (free.width() - size.width()) // 2, free.y() + (room.height() - size.height()) // 2)

    def closeEvent(self, event: QCloseEvent) -> None:
        settings().setValue("geometry", self.saveGeometry())
        if self.scan_worker is not None:
            self.scan_worker.cancel()
        self.threads.stop_all(1500)
        super().closeEvent(event)
