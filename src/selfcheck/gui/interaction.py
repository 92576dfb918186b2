"""Questions from checks to the user, asked on the GUI thread (apport's HookUI idea).

A check runs in a worker thread and calls ``ctx.ask.yes_no(...)``; the question
travels to the GUI thread through a queued signal, a dialog shows it, and the
check's thread waits for the answer (bounded, so a user who walks away does
not hang the scan forever: the check's own timeout still applies).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QObject, Qt, QThread, Signal, Slot
from PySide6.QtWidgets import QDialog, QInputDialog, QLabel, QWidget

from selfcheck.api import Interaction
from selfcheck.i18n import _

from .widgets import ask_yes_no, tell


@dataclass
class Question:
    kind: str  # "info", "yes_no" or "choice"
    text: str
    options: list[str] = field(default_factory=list)
    default: Any = None
    answer: Any = None
    answered: threading.Event = field(default_factory=threading.Event)


class _Bridge(QObject):
    asked = Signal(object)

    def __init__(self, show: Callable[[Question], None]) -> None:
        super().__init__()
        self._show = show
        self.asked.connect(self._on_asked, Qt.ConnectionType.QueuedConnection)

    @Slot(object)
    def _on_asked(self, question: Question) -> None:
        try:
            self._show(question)
        finally:
            question.answered.set()


def ask_with_dialogs(parent: Callable[[], QWidget | None]) -> Callable[[Question], None]:
    """Answer questions with standard, translated Qt dialogs."""

    def show(q: Question) -> None:
        # a check's words are shown as written: Qt's own information/question/getItem guess markup, so a company's
        # check asking about "<b>AT&T</b> &lt;2" showed "AT&T" in bold and "<2"
        title = _("A check needs your help")
        if q.kind == "info":
            tell(parent(), title, q.text)
            q.answer = None
        elif q.kind == "yes_no":
            q.answer = ask_yes_no(parent(), title, q.text, default=bool(q.default))
        else:
            dialog = QInputDialog(parent())
            dialog.setWindowTitle(title)
            dialog.setLabelText(q.text)
            dialog.setComboBoxItems(q.options)
            dialog.setComboBoxEditable(False)
            if q.options:
                dialog.setTextValue(q.options[min(max(int(q.default or 0), 0), len(q.options) - 1)])
            for text_label in dialog.findChildren(QLabel):
                text_label.setTextFormat(Qt.TextFormat.PlainText)
            ok = dialog.exec() == QDialog.DialogCode.Accepted
            item = dialog.textValue()
            q.answer = q.options.index(item) if ok and item in q.options else q.default

    return show


class GuiInteraction(Interaction):
    """An :class:`~selfcheck.api.Interaction` whose questions are shown by the GUI thread.

    Create it on the GUI thread. ``wait_limit`` bounds how long a check waits for an answer.
    """

    interactive = True

    def __init__(self, show: Callable[[Question], None], wait_limit: float = 600.0) -> None:
        self._bridge = _Bridge(show)
        self.wait_limit = wait_limit

    def _ask(self, question: Question) -> Any:
        if QThread.currentThread() is self._bridge.thread():
            self._bridge._on_asked(question)
        else:
            self._bridge.asked.emit(question)
            if not question.answered.wait(self.wait_limit):
                return question.default
        return question.answer if question.answer is not None else question.default

    def info(self, message: str) -> None:
        self._ask(Question("info", message))

    def yes_no(self, question: str, default: bool = False) -> bool:
        return bool(self._ask(Question("yes_no", question, default=default)))

    def choice(self, question: str, options: Sequence[str], default: int = 0) -> int:
        return int(self._ask(Question("choice", question, list(options), default)))
