"""Fixtures for the window's tests: a MainWindow over fake or real checks, offscreen."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6")

from selfcheck.app import App  # noqa: E402

from . import fakechecks  # noqa: E402


@pytest.fixture(scope="session", autouse=True)
def gc_on_gui_thread(qapp):
    """As in the app: cycles (which may hold widgets) are collected on the GUI thread only."""
    from selfcheck.gui.gcguard import GuiThreadGarbageCollector

    collector = GuiThreadGarbageCollector()
    yield collector
    collector.stop()


@pytest.fixture(autouse=True)
def fake_state():
    fakechecks.reset()
    yield fakechecks.STATE
    fakechecks.STATE["hang_seconds"] = 0  # let a left-over hanging check finish at once


@pytest.fixture
def make_window(qtbot):
    from selfcheck.gui import theme
    from selfcheck.gui.mainwindow import MainWindow

    made = []

    def make(*classes, config=None, answer=True, **kw):
        app = App(config or fakechecks.config(), fakechecks.registry(*classes), None)

        def handler(question):
            question.answer = answer

        theme.apply(qtbot_app(), None)
        window = MainWindow(app, question_handler=handler, **kw)
        qtbot.addWidget(window)
        window.resize(900, 700)
        window.show()
        made.append(window)
        return window

    yield make
    for window in made:
        window.threads.stop_all(3000)


def qtbot_app():
    from PySide6.QtWidgets import QApplication

    return QApplication.instance()


def run_scan(qtbot, window, symptom=None, timeout=20000):
    with qtbot.waitSignal(window.scan_shown, timeout=timeout):
        window.start_scan(symptom)
    return window.scan


def shown_text(box) -> str:
    """The words a text box (or a document) shows, lines and French typography's no-break spaces as they are drawn: Qt's
    toPlainText() makes the no-break spaces ordinary ones."""
    doc = box.document() if hasattr(box, "document") else box
    return doc.toRawText().translate({0x2029: "\n", 0x2028: "\n", 0xFDD0: "\n", 0xFDD1: "\n"})


def label_words(label) -> str:
    """The words a label shows, as a reader sees them, also when it is rich text."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QTextDocument

    if label.textFormat() != Qt.TextFormat.RichText:
        return label.text()
    # the words' own no-break spaces (French typography) kept apart from those Qt makes of the spaces of a line it must not
    # break (white-space: nowrap), which are drawn as the spaces they are
    doc = QTextDocument()
    doc.setHtml(label.text().replace("\u00a0", "\ue000"))
    return doc.toPlainText().replace("\ue000", "\u00a0")
