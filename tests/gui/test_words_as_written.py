"""A check's and the company's words are shown as written: Qt guesses markup in message boxes and labels ("<b>" made
bold, "&lt;" became "<") and reads "&" in buttons as a shortcut's mark ("AT&T" read "ATT", Alt+T pressed it)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QInputDialog, QLabel, QMessageBox, QWidget

from selfcheck.api import Fix
from selfcheck.gui.widgets import no_mnemonic

from . import fakechecks
from .conftest import run_scan

WORDS = "<b>AT&T</b> &lt;2"


def shown(text: str) -> str:
    """What Qt draws for a button's text ("&&" is one "&", a lone "&" marks the shortcut and is not drawn)."""
    return QAction(text).iconText()


def when_shown(kind: type[QWidget], do: Callable[[QWidget], None]) -> None:
    """Once the dialog ``kind`` is on screen (its own event loop runs), the person reads it and answers (``do``)."""

    def answer() -> None:
        do(next(w for w in QApplication.topLevelWidgets() if isinstance(w, kind) and w.isVisible()))

    QTimer.singleShot(50, answer)


def test_a_check_s_fix_is_named_and_asked_as_written(qtbot, make_window, fake_state):
    fake_state["fix"] = Fix("open_url", f"Open {WORDS}", arg="", confirm=f"Open {WORDS} now?")
    window = make_window(fakechecks.FailCheck)
    run_scan(qtbot, window)
    headline_button = window.results_page.headline_card.fix_button
    assert shown(headline_button.text()) == f"Open {WORDS}" and headline_button.shortcut().isEmpty()
    card = window.results_page.cards["fake.fail"]
    card.expander.setChecked(True)
    assert shown(card.fix_button.text()) == f"Open {WORDS}" and card.fix_button.shortcut().isEmpty()
    asked = []

    def say_no(box: QWidget) -> None:
        assert isinstance(box, QMessageBox)
        asked.append((box.textFormat(), box.text()))
        box.button(QMessageBox.StandardButton.No).click()

    when_shown(QMessageBox, say_no)
    card.fix_button.click()
    assert asked == [(Qt.TextFormat.PlainText, f"Open {WORDS} now?")]


def test_a_check_s_questions_are_shown_as_written(qtbot):
    """ctx.ask.info, yes_no and choice: a company's check asking about "<b>AT&T</b> &lt;2" showed "AT&T" in bold and "<2"."""
    from selfcheck.gui.interaction import Question, ask_with_dialogs

    show = ask_with_dialogs(lambda: None)
    seen = []

    def click(button: QMessageBox.StandardButton) -> Callable[[QWidget], None]:
        def do(box: QWidget) -> None:
            assert isinstance(box, QMessageBox)
            seen.append((box.textFormat(), box.text()))
            box.button(button).click()

        return do

    yes_no = Question("yes_no", f"Is {WORDS} plugged in?")
    when_shown(QMessageBox, click(QMessageBox.StandardButton.Yes))
    show(yes_no)
    when_shown(QMessageBox, click(QMessageBox.StandardButton.Ok))
    show(Question("info", f"Plug {WORDS} in."))
    assert yes_no.answer is True
    assert seen == [(Qt.TextFormat.PlainText, f"Is {WORDS} plugged in?"), (Qt.TextFormat.PlainText, f"Plug {WORDS} in.")]

    def choose(dialog: QWidget) -> None:
        assert isinstance(dialog, QInputDialog)
        seen.append([(lab.textFormat(), lab.text()) for lab in dialog.findChildren(QLabel) if lab.text()])
        dialog.setTextValue("<i>C</i>")
        dialog.accept()

    choice = Question("choice", f"Which {WORDS}?", ["A&B", "<i>C</i>"], default=0)
    when_shown(QInputDialog, choose)
    show(choice)
    assert seen[-1] == [(Qt.TextFormat.PlainText, f"Which {WORDS}?")]
    assert choice.answer == 1


def test_the_company_s_questions_for_a_problem_are_shown_as_written(qtbot, make_window):
    """[symptoms] questions are the company's words: the describe step's form guessed markup and read "&" as a shortcut."""
    symptoms = {"printing": {"title": "Printing", "checks": ["fake.pass"], "questions": [{"id": "which", "text": f"Which {WORDS} printer?"}]}}
    window = make_window(fakechecks.PassCheck, config=fakechecks.config(symptoms=symptoms))
    run_scan(qtbot, window, symptom="printing")
    dialog = window.contact_support()
    asked = [lab for lab in dialog.findChildren(QLabel) if "printer?" in lab.text()]
    # plain text above its box (its buddy, so the question and the box are kept together on a small screen), each "&"
    # doubled: drawn as written, and no Alt shortcut made of it
    assert [(lab.textFormat(), lab.text()) for lab in asked] == [(Qt.TextFormat.PlainText, no_mnemonic(f"Which {WORDS} printer?"))]
    assert QKeySequence.mnemonic(asked[0].text()).isEmpty()
    assert dialog.answer_widgets["which"].accessibleName() == f"Which {WORDS} printer?"
    dialog.reject()
