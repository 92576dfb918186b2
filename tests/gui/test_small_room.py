"""On a short window the hidden content gets room, and the "More below ↓" cue covers nothing.

Small-screen review (s33, docs/usability/small-screen-2026-12-06, round 2): on a 1366x768 laptop at 150 % (a 911x512
screen) two new lay readers still missed what was below: "I didn't see the 'More below ↓' button, or I'd think it was
an ad", "I wouldn't scroll"; the cue sat over the very line it announced (« le bouton « Suite plus bas ↓ » est posé
dessus »), and the "Support here means …" sentence, said again on every screen, took two lines of a short window ("I
started skipping it"; « à force, ça fait beaucoup de texte à lire »).
"""

from __future__ import annotations

import html

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QAccessible, QFont, QFontMetrics, QImage, QScreen, QTextDocument
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QApplication, QComboBox, QFormLayout, QLabel, QLineEdit, QPlainTextEdit, QScrollArea, QStyle, QWidget

from selfcheck import i18n, plainwords
from selfcheck.gui.support_dialog import SupportDialog
from selfcheck.gui.widgets import MoreBelow, blank_rows, lowest_words

from .conftest import label_words, run_scan
from .test_big_text import first_window, verdict_faults


@pytest.fixture(autouse=True)
def closes_what_it_opened(qtbot):
    """Each test's windows and dialogs closed, and their work stopped, whether it passed or failed: a test that failed under
    load (a scan slower than its wait) left its send dialog open and its threads running, and about 15 later tests of this
    file failed with it. The tests still close what they open themselves; this only ends what a failure left behind."""
    from PySide6.QtCore import QEvent
    from PySide6.QtWidgets import QDialog

    from selfcheck.gui.mainwindow import MainWindow

    before = set(QApplication.topLevelWidgets())
    yield
    opened = [w for w in QApplication.topLevelWidgets() if w not in before]
    for dialog in (w for w in opened if isinstance(w, QDialog) and w.isVisible()):
        dialog.reject()  # as Escape would: its own threads asked to stop, the window no longer blocked by it
    for window in (w for w in opened if isinstance(w, MainWindow)):
        if window.scan_worker is not None:
            window.scan_worker.cancel()
        window.threads.stop_all(3000)
    for widget in opened:
        widget.close()
        widget.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    QApplication.processEvents()


@pytest.fixture
def small_screen(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(QScreen, "availableGeometry", lambda self: QRect(0, 0, 911, 512))


@pytest.fixture
def font_size(request: pytest.FixtureRequest):
    """The application's font at ``request.param`` points (None: as it is), the usual one again after the test."""
    from selfcheck.gui import theme

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    usual = app.font()
    if request.param:
        bigger = QFont(usual)
        bigger.setPointSize(request.param)
        app.setFont(bigger)
    yield request.param
    app.setFont(usual)
    theme.apply(app, None)


@pytest.fixture(params=["en", "fr"])
def lang(request: pytest.FixtureRequest):
    i18n.set_language(request.param)
    yield request.param
    i18n.set_language("en")


def settle(qtbot) -> None:
    for _ in range(3):
        QApplication.processEvents()
    qtbot.wait(30)


def seen(widget: QWidget, area: QScrollArea, whole: bool = True) -> bool:
    """Shown in the part of ``area`` one sees without scrolling (whole, or at least its first line)."""
    view = area.viewport()
    top = widget.mapTo(view, QPoint(0, 0)).y()
    need = widget.height() if whole else widget.fontMetrics().lineSpacing()
    return widget.isVisible() and top >= 0 and top + need <= view.height()


def cue_covers_nothing(area: QScrollArea) -> None:
    """The cue, if shown, is not over any label, box or button of what scrolls."""
    cue = area.findChild(MoreBelow)
    shown = [w for w in (cue, cue.button if cue is not None else None) if w is not None and w.isVisible() and w.height() > 0]
    content = area.widget()
    view = area.viewport()
    for over in shown:
        box = QRect(over.mapTo(view, QPoint(0, 0)), over.size()).intersected(view.rect())
        if box.isEmpty():
            continue
        for widget in content.findChildren(QWidget):
            if not widget.isVisible() or not isinstance(widget, (QLabel, QLineEdit, QAbstractButton)):
                continue
            mine = QRect(widget.mapTo(view, QPoint(0, 0)), widget.size()).intersected(view.rect())
            assert not mine.intersects(box), (getattr(widget, "text", lambda: "")(), mine, box)


def test_the_full_disk_verdict_shows_its_steps_on_a_small_screen(qtbot, small_screen, lang):
    window = first_window(qtbot, *verdict_faults()["computer-full"])
    window.retranslate()
    run_scan(qtbot, window)
    settle(qtbot)
    page = window.results_page
    card = page.headline_card
    assert card is not None and page.short
    steps = [s for s in [card.action_text, *card.steps] if s is not None and s.isVisible()]
    assert len(steps) >= 3
    for step in steps[:-1]:
        assert seen(step, page.area), step.text()
    # step 3, "Keep your photos and videos, …", the one that says nothing is removed: whole in English and French since the
    # short verdict is tighter (test_every_step_of_the_verdict_and_its_buttons_are_in_sight_on_a_small_screen)
    assert seen(steps[-1], page.area), steps[-1].text()
    assert not page.support_who.isVisible()  # said again in the send dialog itself
    cue_covers_nothing(page.area)
    window.threads.stop_all(3000)


def test_the_start_page_shows_three_choices_on_a_small_screen(qtbot, small_screen, lang):
    window = first_window(qtbot, *verdict_faults()["computer-full"])
    settle(qtbot)
    page = window.start_page
    shown = [b for b in page.symptom_buttons.values() if seen(b, page.area)]
    assert len(shown) >= 3, [b.text() for b in shown]
    assert not page.subtitle.isVisible()
    cue_covers_nothing(page.area)
    window.threads.stop_all(3000)


def test_every_choice_and_the_check_button_are_in_sight_on_a_small_screen(qtbot, small_screen, lang):
    """Small-screen rounds 1-10 (issue 21): at 1366x768 and 150 % the start page showed its first four choices and no
    reader saw the others below ("There is a thin bar on the right edge that might mean more choices below … I didn't
    notice it and wouldn't have scrolled"). Every choice, whole, the button and the line under it are in sight without
    scrolling; the choices read down the first column, then the second, and the Down arrow goes through them so."""
    window = first_window(qtbot, *verdict_faults()["computer-full"])
    settle(qtbot)
    page = window.start_page
    assert page.short and page.area.verticalScrollBar().value() == 0
    choices = list(page.symptom_buttons.values())
    assert len(choices) >= 6  # not sure, internet, slow, a program, calls, printing
    # "An application misbehaves": "what is an application? Does my e-mail count?" (the program says "program")
    assert not [c.text() for c in choices if "application" in c.text().lower()]
    view = page.area.viewport()
    for choice in choices:
        assert seen(choice, page.area), (choice.text(), choice.mapTo(view, QPoint(0, choice.height())).y(), view.height())
        assert choice.width() >= choice.sizeHint().width(), choice.text()  # its words whole, not cut at the side
    for widget in (page.start_button, page.footnote):
        inside = QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())
        assert widget.isVisible() and window.rect().contains(inside), (widget.text(), inside, window.rect())
        assert not page.area.isAncestorOf(widget)
    # read down, then across: each choice is under the one before it, or at the top of the next column
    places = [choice.mapTo(page.box, QPoint(0, 0)) for choice in choices]
    for before, after in zip(places, places[1:], strict=False):
        assert (after.x() == before.x() and after.y() > before.y()) or (after.x() > before.x() and after.y() == places[0].y()), (before, after)
    # a screen reader reads them in that order too
    box = QAccessible.queryAccessibleInterface(page.box)
    named = [box.child(i).text(QAccessible.Text.Name) for i in range(box.childCount()) if box.child(i).role() == QAccessible.Role.RadioButton]
    assert named == [c.accessibleName() for c in choices]
    # Down goes through them in that order, from the foot of the first column to the top of the next; Right goes beside
    chosen = page.symptom_buttons[None]
    chosen.setFocus()
    for choice in choices[1:]:
        QTest.keyClick(chosen, Qt.Key.Key_Down)
        assert QApplication.focusWidget() is choice and choice.isChecked(), choice.text()
        chosen = choice
    assert page.selected_symptom() == page.symptom_ids()[-1]
    # as macOS sends them (its arrow keys carry the keypad modifier), and the keypad's arrows everywhere: the same order
    for choice in reversed(choices[:-1]):
        QTest.keyClick(chosen, Qt.Key.Key_Up, Qt.KeyboardModifier.KeypadModifier)
        assert QApplication.focusWidget() is choice and choice.isChecked(), choice.text()
        chosen = choice
    first = choices[0]
    first.click()
    first.setFocus()
    QTest.keyClick(first, Qt.Key.Key_Right)
    beside = QApplication.focusWidget()
    assert beside in choices and beside.mapTo(page.box, QPoint(0, 0)).y() == places[0].y() and beside is not first
    cue_covers_nothing(page.area)
    window.threads.stop_all(3000)


def company_symptoms(*titles: dict[str, str]) -> dict[str, dict[str, object]]:
    return {f"company-{n}": {"title": title, "effect": title, "checks": ["fake.pass"]} for n, title in enumerate(titles)}


def test_a_company_s_own_choices_are_in_sight_too_and_long_names_are_never_cut_on_a_small_screen(qtbot, small_screen, lang):
    """Companies add their own problems to choose ([symptoms]): two more still fit in two columns; names too long to sit
    side by side go one under the other, whole, and the page then scrolls with its cue, the button still in sight."""
    from . import fakechecks

    more = company_symptoms({"en": "E-mail", "fr": "Messagerie"}, {"en": "The bank's website", "fr": "Le site de la banque"})
    window = first_window(qtbot, fakechecks.PassCheck, config=fakechecks.config(symptoms=more))
    settle(qtbot)
    page = window.start_page
    choices = list(page.symptom_buttons.values())
    assert len(choices) == 8 and page.short and page.columns == 2
    for choice in choices:
        assert seen(choice, page.area), choice.text()
        assert choice.width() >= choice.sizeHint().width(), choice.text()
    window.close()

    long = company_symptoms(
        {
            "en": "The accounting program does not open the invoices any more",
            "fr": "Le logiciel de comptabilité n’ouvre plus les factures des clients",
        }
    )
    window = first_window(qtbot, fakechecks.PassCheck, config=fakechecks.config(symptoms=long))
    settle(qtbot)
    page = window.start_page
    assert page.short and page.columns == 1
    for choice in page.symptom_buttons.values():
        assert choice.width() >= choice.sizeHint().width(), choice.text()  # whole, not cut at the side
    assert seen(page.symptom_buttons[None], page.area)
    inside = QRect(page.start_button.mapTo(window, QPoint(0, 0)), page.start_button.size())
    assert page.start_button.isVisible() and window.rect().contains(inside)
    cue_covers_nothing(page.area)
    # where there is room, they are one under the other as they always were (the program's own six choices, which take two
    # columns on the small screen: the long names above are one column anyway; review of e0b28a2)
    window.threads.stop_all(3000)
    window = first_window(qtbot, *verdict_faults()["computer-full"])
    settle(qtbot)
    page = window.start_page
    assert page.short and page.columns == 2
    window.resize(920, 900)
    settle(qtbot)
    assert not page.short and page.columns == 1


#: a company's branding as it is filled in (scripts/example_brand.py): who they are, how to reach them, their address
BRANDING = {
    "en": {
        "company": "Clearline Help",
        "about": "the people at Clearline, your internet and phone company, who help you. They gave you this program, free for Clearline customers.",
        "support_contact": "phone 01 23 45 67 89, Monday to Friday, 9am–5pm",
        "response_time": "usually the next day, Monday to Friday",
        "support_email": "help@clearline-help.com",
    },
    "fr": {
        "company": "Clearline Assistance",
        "about": "les personnes de Clearline, votre compagnie d’internet et de téléphone, qui vous aident. Elles vous ont donné ce programme, gratuit pour les clients Clearline.",
        "support_contact": "téléphone 01 23 45 67 89, du lundi au vendredi, de 9 h à 17 h",
        "response_time": "en général le lendemain (sauf le samedi, le dimanche et les jours fériés)",
        "support_email": "aide@clearline-help.com",
    },
}


def test_the_send_dialog_shows_where_to_type_the_e_mail_address_and_the_number_to_write_down_on_a_small_screen(qtbot, small_screen, lang):
    """Small-screen round 3: the e-mail box was below the visible part, under the optional questions ("its box is cut off.
    I don't see where to type it"; « je vois le titre mais pas la case »), and on the last page "Write it down" was cut in
    half (« à moitié coupée, mais je l'ai devinée »); neither reader scrolled. What must not be missed is in sight, before
    what may be left unanswered (round 2 gave "What changed recently?" the room; it now comes after the address).
    """
    window = first_window(qtbot, *verdict_faults()["computer-full"])
    window.app.config.data["branding"].update(BRANDING[lang])
    run_scan(qtbot, window)
    dialog = window.contact_support()
    assert dialog is not None
    qtbot.waitExposed(dialog)
    settle(qtbot)
    assert dialog.short
    area = dialog.describe_scroll
    question = next(w for w in dialog.findChildren(QLabel) if w.text() == i18n._("Your e-mail address (so that support can answer you)"))
    assert seen(question, area) and seen(dialog.email, area)
    # small-screen round 4: grey example words in the empty box "make it look already filled in": why it is asked is in
    # the label, and the empty box shows nothing
    assert dialog.email.text() == "" and dialog.email.placeholderText() == ""
    assert ("so that support can answer you" if lang == "en" else "pour que l’assistance puisse vous répondre") in question.text()
    assert seen(dialog.what, area)
    # the questions one may leave unanswered come after it
    below = [dialog.since, dialog.changed]
    assert all(dialog.email.mapTo(area.widget(), QPoint(0, 0)).y() < w.mapTo(area.widget(), QPoint(0, 0)).y() for w in below)
    cue_covers_nothing(area)
    # the last page: the number, and "Write it down" under it, whole without scrolling
    dialog.email.setText("ann.martin@example.org")
    dialog.show_outcome("sent", i18n._("Sent. Thank you!"), dialog.after_sending_text(), "HT4-7KP-3WN")
    settle(qtbot)
    assert dialog.done_title.isVisible() and seen(dialog.done_title, dialog.done_scroll)
    assert seen(dialog.reference, dialog.done_scroll), (dialog.reference.geometry(), dialog.done_scroll.viewport().height())
    assert seen(dialog.reference_hint, dialog.done_scroll), dialog.reference_hint.text()
    cue_covers_nothing(dialog.done_scroll)
    dialog.reject()
    window.threads.stop_all(3000)


def question_of(box: QWidget, area: QScrollArea) -> QLabel:
    """The words that ask for ``box`` (the label whose buddy it is: a screen reader names the box by them too)."""
    return next(words for words in area.widget().findChildren(QLabel) if words.buddy() is box and words.isVisible())


def test_since_when_and_what_changed_are_in_sight_without_scrolling_on_a_small_screen(qtbot, small_screen, lang):
    """Small-screen rounds 11 and 12 (issue 21, item 3): the first page showed down to "Your name"; "Since when?" and "What
    changed recently?", which support reads first on the card, were below and none of the four readers scrolled ("There's a
    grey bar on the right that might mean more boxes below 'Your name'. I wouldn't have noticed that, and wouldn't know to
    scroll down"; « S'il y avait une case importante en bas, je l'ai manquée »). Each question and its box are in sight,
    under the e-mail address, without scrolling."""
    window = first_window(qtbot, *verdict_faults()["computer-full"])
    window.app.config.data["branding"].update(BRANDING[lang])
    run_scan(qtbot, window)
    dialog = window.contact_support()
    assert dialog is not None
    qtbot.waitExposed(dialog)
    settle(qtbot)
    area = dialog.describe_scroll
    assert dialog.short and area.verticalScrollBar().value() == 0
    view = area.viewport()
    for box in (dialog.what, dialog.email, dialog.name, dialog.since, dialog.changed):
        question = question_of(box, area)
        for widget in (question, box):
            assert seen(widget, area), (question.text(), widget.mapTo(view, QPoint(0, widget.height())).y(), view.height())
    assert question_of(dialog.since, area).text() == i18n._("Since when?")
    assert i18n._("What changed recently?")[:-1] in question_of(dialog.changed, area).text()
    # the e-mail address still comes before them (small-screen round 3)
    assert dialog.email.mapTo(area.widget(), QPoint(0, 0)).y() < dialog.since.mapTo(area.widget(), QPoint(0, 0)).y()
    assert dialog.questions_below() == []  # no question waits below: the line beside the buttons counts none
    pointer = dialog.more_questions
    ticks = len(dialog.ticks_below())  # a tick box may (the screen picture's, in French): the line says that instead
    # small-screen round 17 (fr): « je ne sais pas comment la trouver », « Qu'est-ce qui est coché dedans ? »: a click, and not ticked
    words = i18n.ngettext("{n} more box below, not ticked: click to see it", "{n} more boxes below, not ticked: click to see them", ticks).format(n=ticks)
    assert all(not t.box.isChecked() for t in dialog.ticks_below())
    assert pointer.isVisible() == (ticks > 0) and (not ticks or pointer.text().replace("\n", " ") == words), pointer.text()
    dialog.reject()
    window.threads.stop_all(3000)


@pytest.mark.parametrize("font_size", [None, 13], indirect=True, ids=["usual-font", "13pt"])
def test_a_line_beside_the_buttons_says_how_many_questions_wait_below_and_shows_them_on_a_small_screen(qtbot, small_screen, lang, font_size):
    """Where a company's own questions come first (the internet's four), "Since when?" and "What changed recently?" cannot
    be in sight too: a line in the buttons' strip, over nothing that scrolls, says how many questions wait below; a click
    shows them, the keyboard in the first one, and both are then in sight. In larger text the line takes two lines rather
    than widen the dialog past the screen's edge.

    The e-mail address and the name stay in sight above them (small-screen round 3), in larger text too: in French at 13 pt
    the dialog, 760 px wide, gave the intro and "What happened?" a line more each, and put both boxes below the part one
    sees; the line counted them among the questions to answer "if you wish" (8 autres questions)."""
    window = first_window(qtbot, *verdict_faults()["computer-full"])
    window.app.config.data["branding"].update(BRANDING[lang])
    run_scan(qtbot, window, symptom="internet")
    dialog = window.contact_support()
    assert dialog is not None
    qtbot.waitExposed(dialog)
    settle(qtbot)
    area = dialog.describe_scroll
    assert dialog.short and len(dialog.answer_widgets) == 4
    for box in (dialog.email, dialog.name):
        assert seen(box, area) and seen(question_of(box, area), area), (question_of(box, area).text(), box.mapTo(area.viewport(), QPoint(0, box.height())).y())
    pointer = dialog.more_questions
    hidden = [box for box in (*dialog.answer_widgets.values(), dialog.since, dialog.changed) if not seen(box, area)]
    assert dialog.since in hidden and dialog.changed in hidden
    assert pointer.isVisible() and not area.isAncestorOf(pointer)
    words = {"en": f"{len(hidden)} more questions below, if you wish", "fr": f"{len(hidden)} autres questions plus bas, si vous le souhaitez"}
    assert pointer.text().replace("\n", " ") == words[lang] and pointer.accessibleName() == words[lang]
    inside = QRect(pointer.mapTo(dialog, QPoint(0, 0)), pointer.size())
    assert dialog.rect().contains(inside) and pointer.width() >= pointer.sizeHint().width(), (inside, dialog.rect())
    assert dialog.width() <= 911, dialog.width()
    qtbot.mouseClick(pointer, Qt.MouseButton.LeftButton)
    settle(qtbot)
    assert dialog.focusWidget() is hidden[0] and seen(hidden[0], area)  # the keyboard where the questions start
    clicks, left = 1, len(hidden)
    while pointer.isVisible():  # in larger text a click shows the next ones, and says how many are still below
        assert len(dialog.questions_below()) < left and clicks < len(hidden), pointer.text()
        left = len(dialog.questions_below())
        qtbot.mouseClick(pointer, Qt.MouseButton.LeftButton)
        settle(qtbot)
        clicks += 1
    assert clicks == 1 or font_size  # at the usual size one click shows them all
    for box in (dialog.since, dialog.changed):
        assert seen(box, area) and seen(question_of(box, area), area), question_of(box, area).text()
    dialog.reject()
    window.threads.stop_all(3000)


def headings_alone(area: QScrollArea) -> list[str]:
    """The section headings in sight whose first tick box or box (the first one under them) is not: the last thing one sees."""
    content, view = area.widget(), area.viewport()
    alone = []
    for heading in content.findChildren(QLabel):
        if heading.objectName() != "sectionTitle" or not heading.isVisible() or not seen(heading, area, whole=False):
            continue
        bottom = heading.mapTo(content, QPoint(0, heading.height())).y()
        boxes = [box for box in content.findChildren(QWidget) if isinstance(box, (QAbstractButton, QLineEdit, QComboBox, QPlainTextEdit)) and box.isVisible()]
        under = sorted(
            (box.mapTo(content, QPoint(0, 0)).y(), box.mapTo(content, QPoint(0, 0)).x(), box) for box in boxes if box.mapTo(content, QPoint(0, 0)).y() >= bottom
        )
        first = under[0][2]
        words = [words for words in content.findChildren(QLabel) if words.buddy() is first and words.isVisible()]
        if not seen(first, area) or not all(seen(each, area, whole=False) for each in words):
            alone.append(
                f"{heading.text()} at {heading.mapTo(view, QPoint(0, 0)).y()}-{heading.mapTo(view, QPoint(0, heading.height())).y()} of {view.height()}"
            )
    return alone


@pytest.mark.parametrize("symptom", [None, "internet"])
def test_no_section_heading_of_the_send_dialog_stands_alone_at_the_bottom_on_a_small_screen(qtbot, small_screen, lang, symptom):
    """Small-screen round 13 (issue 21): under "Since when?" and "What changed recently?" the heading "Also include" was the
    last thing in sight, its two tick boxes below ("The heading 'Also include' sits at the very bottom with nothing under
    it. I think something is hidden below, but I didn't know to scroll"; "'Also include' what? It doesn't say."). A
    heading is in sight with its first tick box, or waits below with it; also once the internet's questions are shown."""
    window = first_window(qtbot, *verdict_faults()["computer-full"])
    window.app.config.data["branding"].update(BRANDING[lang])
    run_scan(qtbot, window, symptom=symptom) if symptom else run_scan(qtbot, window)
    dialog = window.contact_support()
    assert dialog is not None
    qtbot.waitExposed(dialog)
    settle(qtbot)
    area = dialog.describe_scroll
    assert dialog.short
    assert headings_alone(area) == []
    view = area.viewport()
    for tick in (dialog.include_logs, dialog.include_screenshot):  # what one agrees to send is read whole, or waits below
        assert seen(tick, area) or tick.mapTo(view, QPoint(0, 0)).y() >= view.height(), (tick.text(), tick.mapTo(view, QPoint(0, 0)).y(), view.height())
    if symptom is None:  # no company questions first: the heading in sight with its first tick box, in English both
        heading = next(words for words in area.widget().findChildren(QLabel) if words.text() == i18n._("Also include"))
        assert seen(heading, area) and seen(dialog.include_logs, area), (heading.mapTo(view, QPoint(0, 0)).y(), view.height())
        assert seen(dialog.include_screenshot, area) or lang == "fr"
    while dialog.more_questions.isVisible():  # the questions below shown, as the line beside the buttons offers
        qtbot.mouseClick(dialog.more_questions, Qt.MouseButton.LeftButton)
        settle(qtbot)
        assert headings_alone(area) == []
    for box in (dialog.since, dialog.changed):  # still in sight (008eeeec)
        assert seen(box, area) and seen(question_of(box, area), area)
    area.verticalScrollBar().setValue(area.verticalScrollBar().maximum())  # and scrolled down: the heading with both boxes
    settle(qtbot)
    assert headings_alone(area) == [] and seen(dialog.include_logs, area) and seen(dialog.include_screenshot, area)
    dialog.reject()
    window.threads.stop_all(3000)


def laid_out(text: QLabel) -> tuple[str, list[str]]:
    """What ``text`` shows, and the lines it is drawn on at its width (as QLabel lays out its words: a document
    without margin)."""
    doc = QTextDocument()
    doc.setDefaultFont(text.font())
    doc.setDocumentMargin(0)
    if text.textFormat() == Qt.TextFormat.RichText:
        doc.setHtml(text.text())
    else:
        doc.setPlainText(text.text())
    doc.setTextWidth(text.contentsRect().width())
    doc.size()  # lays it out
    lines = []
    block = doc.begin()
    while block.isValid():
        layout, words = block.layout(), block.text()
        for i in range(layout.lineCount()):
            line = layout.lineAt(i)
            lines.append(words[line.textStart() : line.textStart() + line.textLength()].replace("\xa0", " "))
        block = block.next()
    return label_words(text), lines


@pytest.mark.parametrize("points", [None, 15], ids=["usual-font", "15pt"])
@pytest.mark.parametrize("kind", ["sent", "failed"])
def test_the_end_screens_name_each_way_to_reach_support_and_never_break_an_address_on_a_small_screen(qtbot, small_screen, lang, kind, points):
    """Send round 52: "The little dot “·” between the phone number and the e-mail address" was not understood (send done,
    request done); small-screen rounds 1 and 4: the address broke at its hyphen ("help@clearline-" / "help.com": "I'm not
    sure whether the dash belongs in it. I'd probably copy it wrong"). Each way is named in words, and neither the phone
    number nor the address is ever split over two lines, also in a bigger font."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    usual = app.font()
    if points:
        bigger = QFont(usual)
        bigger.setPointSize(points)
        app.setFont(bigger)
    window = first_window(qtbot, *verdict_faults()["computer-full"])
    brand = BRANDING[lang]
    window.app.config.data["branding"].update(brand)
    run_scan(qtbot, window)
    dialog = window.contact_support()
    assert dialog is not None
    qtbot.waitExposed(dialog)
    dialog.email.setText("ann.martin@example.org")
    if kind == "sent":
        dialog.show_outcome("sent", i18n._("Sent. Thank you!"), dialog.after_sending_text(), "HT4-7KP-3WN")
    else:
        dialog.show_outcome("failed", i18n._("Not sent"), i18n._("It could not be sent."), "R9M-C7F-6JX")
    settle(qtbot)
    shown, lines = laid_out(dialog.done_text)
    assert "·" not in shown, shown
    address = brand["support_email"]
    # the phone, as the company words it ("phone …"), its « 9 h » kept together in French (one string: as written, spaced)
    contact = i18n.french_spaces(brand["support_contact"]) if lang == "fr" else brand["support_contact"]
    contact = i18n.phone_numbers_together(contact)  # its number on one line (7c1b3f06's rule, the relay's pages' too)
    assert f": {contact}\n" in shown, shown
    # a line of its own (the last on "Not sent", which shows no number since send round 75)
    assert f"\n{i18n._('or write to them by e-mail: {address}').format(address=address)}\n" in shown + "\n", shown
    for whole in ("01 23 45 67 89", address):
        assert any(whole in line for line in lines), lines
    view = dialog.done_scroll.viewport()
    assert dialog.done_text.mapTo(view, QPoint(dialog.done_text.width(), 0)).x() <= view.width()  # and nothing cut at the side
    dialog.reject()
    window.threads.stop_all(3000)
    app.setFont(usual)


def ink_rows(widget: QWidget) -> tuple[float, list[bool]]:
    """For each row of the screen's pixels ``widget`` draws: whether something is drawn across it (not one colour)."""
    image = widget.grab().toImage().convertToFormat(QImage.Format.Format_ARGB32)
    scale = image.devicePixelRatio() or 1.0
    rows = []
    for y in range(image.height()):
        first = image.pixel(0, y)
        rows.append(any(image.pixel(x, y) != first for x in range(image.width())))
    return scale, rows


def no_line_cut_at_the_bottom(area: QScrollArea) -> list[str]:
    """The words and buttons the bottom edge of ``area``'s visible part goes through a line of (none: every line seen is whole)."""
    view = area.viewport()
    edge = view.height()
    cut = []
    for widget in area.widget().findChildren(QWidget):
        if not widget.isVisible() or any(isinstance(c, QWidget) and c.isVisible() for c in widget.children()):
            continue
        top = widget.mapTo(view, QPoint(0, 0)).y()
        if not top < edge < top + widget.height():
            continue
        if isinstance(widget, QAbstractButton):
            cut.append(widget.text())
        elif isinstance(widget, QLabel) and widget.text():
            scale, rows = ink_rows(widget)
            at = int((edge - top) * scale)  # the first row out of sight: a line goes on there from the last row in sight
            if 0 < at < len(rows) and rows[at - 1] and rows[at]:
                cut.append(f"{widget.text()} (at {at} of {len(rows)})")
    return cut


def test_the_review_names_every_part_whole_and_cuts_no_line_of_its_explanations_on_a_small_screen(qtbot, small_screen, lang):
    """Small-screen round 4: the parts' names, wrapped at a fixed 46 letters, were cut at the list's right edge ("what
    works on your compute"), and the explanations on the right ended in a half line ("a sentence starts with “N…” and I
    can't read it … something important about my privacy"; « Le texte de droite continue plus bas, il est coupé »)."""
    window = first_window(qtbot, *verdict_faults()["computer-full"])
    window.app.config.data["branding"].update(BRANDING[lang])
    run_scan(qtbot, window)
    dialog = window.contact_support()
    assert dialog is not None
    qtbot.waitExposed(dialog)
    dialog.what.setPlainText("The computer is very slow since the update.")
    dialog.email.setText("ann.martin@example.org")
    dialog.next_button.click()
    qtbot.waitUntil(lambda: dialog.stack.currentIndex() == SupportDialog.REVIEW, timeout=10000)
    settle(qtbot)
    assert dialog.short
    tree = dialog.file_tree
    view = tree.viewport()
    style = tree.style()
    box = style.pixelMetric(QStyle.PixelMetric.PM_IndicatorWidth) + 2 * (style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin) + 1)
    lines = [tree.topLevelItem(i) for i in range(tree.topLevelItemCount())]
    lines += [top.child(j) for top in lines if top.isExpanded() for j in range(top.childCount())]
    for item in lines:
        rect = tree.visualItemRect(item)
        room = view.width() - rect.left() - box
        metrics = QFontMetrics(item.font(0).resolve(tree.font()))
        words = metrics.boundingRect(QRect(0, 0, room, 10_000), Qt.TextFlag.TextWordWrap, item.text(0))
        assert words.width() <= room and words.height() <= rect.height(), (item.text(0), words, room, rect)
    # no letter reaches the list's right edge (cut there)
    picture = view.grab().toImage()
    right = picture.width() - 2
    assert len({picture.pixel(right, y) for y in range(picture.height())}) == 1
    # the explanations on the right: what is never sent and the address they answer at in sight, no line cut at the bottom
    area = dialog.review_scroll
    assert seen(dialog.overview, area, whole=False)
    assert no_line_cut_at_the_bottom(area) == []
    # small-screen rounds 5, 8, 9: the sentence that reassured (what is never sent) was on the right, below the visible part
    # ("I'd like that sentence higher up where I'd see it first"): said at the top, in sight without scrolling
    never = {"en": "Never what is in your letters, photos or other files, and never your passwords.", "fr": "Jamais ce qu’il y a dans vos lettres"}[lang]
    assert never in dialog.review_intro.text() and seen(dialog.review_intro, area), dialog.review_intro.text()
    dialog.reject()
    window.threads.stop_all(3000)


def test_no_step_of_the_verdict_is_cut_through_a_line_on_a_small_screen(qtbot, small_screen, lang):
    """Small-screen round 4: step 3, the one saying photos are kept, was cut mid-sentence at the bottom (« Le point 3 est
    coupé en bas … je ne sais pas copier quoi »), and the fold link under the steps was half cut ("I could hardly read it")."""
    window = first_window(qtbot, *verdict_faults()["computer-full"])
    window.retranslate()
    run_scan(qtbot, window)
    settle(qtbot)
    page = window.results_page
    assert page.short and page.area.verticalScrollBar().maximum() > 0
    assert no_line_cut_at_the_bottom(page.area) == []
    window.threads.stop_all(3000)


def test_every_step_of_the_verdict_and_its_buttons_are_in_sight_on_a_small_screen(qtbot, small_screen, lang):
    """Small-screen rounds 1-10 (issue 21): step 3 of the full disk, "Keep your photos and videos…", the one that says
    nothing is removed unless one removes it oneself, was cut at the visible part's bottom edge and every reader missed it
    (round 10, fr: the headline in big type on two lines, large margins, step 2 on four lines). On a short window the
    verdict takes less room: every step to its last line and the buttons that do it are in sight without scrolling, and
    the headline still stands out over the steps."""
    window = first_window(qtbot, *verdict_faults()["computer-full"])
    window.retranslate()
    run_scan(qtbot, window)
    settle(qtbot)
    page = window.results_page
    card = page.headline_card
    assert card is not None and page.short and page.area.verticalScrollBar().value() == 0
    steps = [s for s in [card.action_text, *card.steps] if s is not None and s.isVisible()]
    assert len(steps) == 3
    view = page.area.viewport()
    for step in steps:
        assert seen(step, page.area), (step.text(), step.mapTo(view, QPoint(0, step.height())).y(), view.height())
    buttons = [*card.main_buttons(), page.back_button, page.support_button]
    assert card.fix_button in buttons
    for button in buttons:
        inside = QRect(button.mapTo(window, QPoint(0, 0)), button.size())
        assert button.isVisible() and window.rect().contains(inside), (button.text(), inside, window.rect())
        assert not page.area.isAncestorOf(button) or seen(button, page.area), button.text()
    assert card.headline.font().pointSizeF() > steps[0].font().pointSizeF()
    assert no_line_cut_at_the_bottom(page.area) == []
    # where there is room the verdict is as it always was (the verdict pictures)
    short_headline = card.headline.font().pointSizeF()
    window.resize(920, 900)
    settle(qtbot)
    assert not page.short and card.headline.font().pointSizeF() > short_headline
    window.threads.stop_all(3000)


def form_rows(area: QScrollArea) -> list[tuple[QLabel, QWidget]]:
    """Each visible box of what ``area`` scrolls, with the question shown for it (beside it in a form, or its buddy)."""
    rows = []
    for form in area.widget().findChildren(QFormLayout):
        for row in range(form.rowCount()):
            question = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
            box = form.itemAt(row, QFormLayout.ItemRole.FieldRole)
            if question is not None and box is not None and isinstance(question.widget(), QLabel) and box.widget() is not None:
                rows.append((question.widget(), box.widget()))
    rows += [(words, words.buddy()) for words in area.widget().findChildren(QLabel) if isinstance(words.buddy(), (QLineEdit, QPlainTextEdit, QComboBox))]
    return [(question, box) for question, box in rows if box.isVisible()]


def test_no_question_of_the_send_dialog_is_cut_at_the_bottom_and_no_box_looks_filled_in_on_a_small_screen(qtbot, small_screen, lang):
    """Small-screen rounds 4 and 5: the box under "Since when?" was cut in half at the bottom ("There may be more questions
    below that I'd never see"; « Sous « Depuis quand ? », la case est coupée en bas de l'écran : je ne la vois presque
    pas »): a question and its box are in sight together, or wait together below. Round 5: the grey example words in the
    empty "What happened?" box "look as if something is already written there, so I might not type over it" (« m'a aussi
    fait croire un instant qu'elle était déjà remplie »): the boxes are empty, the example is in the question."""
    window = first_window(qtbot, *verdict_faults()["computer-full"])
    window.app.config.data["branding"].update(BRANDING[lang])
    run_scan(qtbot, window)
    dialog = window.contact_support()
    assert dialog is not None
    qtbot.waitExposed(dialog)
    settle(qtbot)
    assert dialog.short
    area = dialog.describe_scroll
    bar = area.verticalScrollBar()
    rows = form_rows(area)
    assert {box for _, box in rows} >= {dialog.what, dialog.email, dialog.name, dialog.since, dialog.changed}
    # where the page is taller than the dialog (French) its bottom edge is among the questions; where it fits (English, since
    # round 16: no empty strip below to scroll to) every question is in sight with its box
    assert bar.maximum() > 0 or all(seen(question, area) and seen(box, area) for question, box in rows)
    for scrolled in (0, 2 * bar.singleStep(), bar.maximum() // 2):
        bar.setValue(scrolled)
        settle(qtbot)
        view = area.viewport()
        for question, box in rows:
            top = min(question.mapTo(view, QPoint(0, 0)).y(), box.mapTo(view, QPoint(0, 0)).y())
            bottom = max(question.mapTo(view, QPoint(0, question.height())).y(), box.mapTo(view, QPoint(0, box.height())).y())
            # in sight with its box, or waiting below with it: never cut by the bottom edge
            assert bottom <= view.height() or top >= view.height(), (scrolled, question.text(), top, bottom, view.height())
    # the boxes are empty and show no grey words; the example is in the question
    for box in (dialog.what, dialog.changed):
        assert box.placeholderText() == ""
    questions = {box: question.text() for question, box in rows}
    happened = "websites do not open, but e-mail still works" if lang == "en" else "les sites web ne s’ouvrent pas, mais les e-mails fonctionnent"
    changed = (
        "an update, a new internet box, a new program"
        if lang == "en"
        else "une mise à jour, un nouveau programme, une nouvelle box internet (l’appareil avec des petites lumières)"
    )
    assert happened in questions[dialog.what] and changed in questions[dialog.changed], questions
    dialog.reject()
    window.threads.stop_all(3000)


def test_support_s_request_shows_an_empty_box_with_its_example_in_the_question(qtbot, small_screen, lang):
    """The request variant of the same box ("Anything to add? (if you wish)") had the grey words "For example: the printer is on now."."""
    from selfcheck.upload.request import SupportRequest

    window = first_window(qtbot, *verdict_faults()["computer-full"])
    run_scan(qtbot, window)
    dialog = window.contact_support(request=SupportRequest(code="7K2QD-9XHMA", ticket="123", note=""))
    assert dialog is not None
    qtbot.waitExposed(dialog)
    settle(qtbot)
    questions = {box: question.text() for question, box in form_rows(dialog.describe_scroll)}
    assert dialog.what.placeholderText() == ""
    assert ("it got worse this morning" if lang == "en" else "c’est pire depuis ce matin") in questions[dialog.what], questions
    assert ("if you wish" if lang == "en" else "si vous le souhaitez") in questions[dialog.what]
    dialog.reject()
    window.threads.stop_all(3000)


@pytest.mark.parametrize("read_only", [True, False])
def test_a_text_to_read_low_in_the_view_shows_its_first_lines_and_a_box_to_fill_in_waits_whole(qtbot, read_only):
    """Code review: the review's file preview (read-only, scrolling in its own frame) counted as a box to fill in: with its
    top in the view's last third, the bottom of the view was left empty and the preview's first lines were hidden. A box
    to type in still waits whole below."""
    from PySide6.QtWidgets import QVBoxLayout

    from selfcheck.gui.widgets import WholeLines

    content = QWidget()
    column = QVBoxLayout(content)
    column.setContentsMargins(0, 0, 0, 0)
    column.setSpacing(0)
    above = QWidget()
    above.setFixedHeight(240)
    column.addWidget(above)
    box = QPlainTextEdit("\n".join(f"line {n}" for n in range(40)))
    box.setReadOnly(read_only)
    box.setFixedHeight(300)
    column.addWidget(box)
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setWidget(content)
    area.resize(400, 300)
    lines = WholeLines(area)
    qtbot.addWidget(area)
    area.show()
    qtbot.waitExposed(area)
    settle(qtbot)
    assert content.height() > area.viewport().height()  # the box goes on below the view's edge
    if read_only:
        assert lines.trimmed == 0 and seen(box, area, whole=False)  # its first line is in sight
    else:
        assert lines.trimmed > 0 and not seen(box, area, whole=False)  # the box waits whole below the edge


def test_the_send_dialog_says_who_support_is_in_one_line_in_sight_on_a_small_screen(qtbot, small_screen, lang):
    """Small-screen round 15 (en, fr): the first page named "Clearline Help" without saying who they are (the line that
    says it was hidden for room): "“Clearline Help”: is that my internet company, or someone else? This screen doesn't
    say", « « Clearline Assistance » : qui est-ce exactement ? On ne me l'explique pas encore ici ». It says so, in the end
    screen's words (their first sentence), on one line in sight; "Tell us what happens…", which the first question asks
    again, gives it its room, so the questions and "Also include" stay in sight as before."""
    window = first_window(qtbot, *verdict_faults()["computer-full"])
    window.app.config.data["branding"].update(BRANDING[lang])
    run_scan(qtbot, window)
    dialog = window.contact_support()
    assert dialog is not None
    qtbot.waitExposed(dialog)
    settle(qtbot)
    area = dialog.describe_scroll
    assert dialog.short and area.verticalScrollBar().value() == 0
    who = dialog.describe_who
    first = BRANDING[lang]["about"].split(". ")[0] + "."
    company = BRANDING[lang]["company"]
    assert who.text() == i18n._("{who}: {about}").format(who=company, about=first)
    assert seen(who, area), (who.mapTo(area.viewport(), QPoint(0, who.height())).y(), area.viewport().height())
    assert who.height() < 2 * who.fontMetrics().lineSpacing()  # one line
    assert who.mapTo(area.widget(), QPoint(0, 0)).y() < dialog.what.mapTo(area.widget(), QPoint(0, 0)).y()  # before the first question
    # the end screen says the same words (who_we_are), the first page only their first sentence
    dialog.email.setText("ann.martin@example.org")
    whole = i18n._("{who}: {about}").format(who=company, about=BRANDING[lang]["about"])
    assert whole in dialog.after_sending_text().splitlines()
    intro = dialog.describe_intro.text()
    assert intro.startswith(company) and seen(dialog.describe_intro, area), intro
    for box in (dialog.what, dialog.email, dialog.name, dialog.since, dialog.changed, dialog.include_logs):
        assert seen(box, area), box.accessibleName()
    assert seen(dialog.include_screenshot, area) or lang == "fr"  # as before (test_no_section_heading_…)
    # where there is room, the whole sentence as before, and the intro's invitation
    dialog.resize(dialog.width(), 700)
    settle(qtbot)
    assert not dialog.short and who.isVisible() and who.text() == whole
    assert dialog.describe_intro.text().startswith("Tell us what happens" if lang == "en" else "Décrivez-nous ce qui se passe")
    dialog.reject()
    window.threads.stop_all(3000)


def right_hand_words(dialog: SupportDialog) -> str:
    """What the review's right-hand side says (its words, markup taken out)."""
    return dialog.group_info.text() + "\n" + label_words(dialog.overview)


def test_the_review_says_a_part_s_words_once_and_shows_what_it_holds_in_sight_when_clicked_on_a_small_screen(qtbot, small_screen, lang):
    """Small-screen rounds 1-15: on a short window the review's right-hand side said every part's words again, beside the
    list that names them, and went on below the visible part, cut mid-sentence (round 15: "The left and right sides seem
    to say the same things twice, which is a lot of reading for me"; « Deux colonnes côte à côte, c'est beaucoup à lire
    pour moi »; "I can't read everything I'm agreeing to", round 14). There, until a part's name is clicked, it says only
    how to tick and see, and the address they answer at, all in sight; a click on a name shows what that part holds, in
    sight, without the why the list already says under it. A tall window keeps every part's words."""
    window = first_window(qtbot, *verdict_faults()["computer-full"])
    window.app.config.data["branding"].update(BRANDING[lang])
    run_scan(qtbot, window)
    dialog = window.contact_support()
    assert dialog is not None
    qtbot.waitExposed(dialog)
    dialog.what.setPlainText("The computer is very slow since the update.")
    dialog.email.setText("ann.martin@example.org")
    dialog.name.setText("Ann Martin")
    dialog.next_button.click()
    qtbot.waitUntil(lambda: dialog.stack.currentIndex() == SupportDialog.REVIEW, timeout=10000)
    settle(qtbot)
    assert dialog.short
    area, tree = dialog.review_scroll, dialog.file_tree
    words = right_hand_words(dialog)
    # no part's words said again beside the list
    for group in dialog.groups:
        assert group.title not in words and group.holds not in words and group.cost not in words, (group.title, words)
    assert i18n._("So that support can answer you. Change them on the previous page.") not in words
    # what it does say is whole, in sight, with the address to check
    assert i18n._("They will answer at: {email}").format(email="ann.martin@example.org") in words
    assert seen(dialog.group_info, area) and seen(dialog.overview, area), (
        dialog.overview.mapTo(area.viewport(), QPoint(0, dialog.overview.height())).y(),
        area.viewport().height(),
    )
    assert area.verticalScrollBar().maximum() == 0  # nothing below to scroll to
    # a part's name clicked, as a person does: what it holds, its first lines in sight
    for i in range(tree.topLevelItemCount()):
        item = tree.topLevelItem(i)
        kind, key = item.data(0, Qt.ItemDataRole.UserRole)
        rect = tree.visualItemRect(item)
        QTest.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(rect.right() - 10, rect.top() + 8))
        settle(qtbot)
        assert tree.currentItem() is item
        shown = right_hand_words(dialog)
        assert seen(dialog.group_info, area, whole=False) and seen(dialog.overview, area, whole=False), (key, shown)
        if kind == "contact":
            assert "ann.martin@example.org" in dialog.overview.text() and "Ann Martin" in dialog.overview.text()
            assert i18n._("So that support can answer you. Change them on the previous page.") not in shown  # said under its name
            continue
        group = next(g for g in dialog.groups if g.key == key)
        assert dialog.group_info.text().startswith(group.title) and group.holds in shown
        # the content itself, not the part's words again: its first line in sight, under them
        assert dialog.overview.text() and seen(dialog.overview, area, whole=False)
        if group.optional:
            assert group.cost in shown  # what leaving it out costs: said nowhere else on this window
        else:
            assert group.cost not in shown, shown  # why it is always sent is after its name ("Always sent: support needs it…")
    # a tall window: every part's words again, readable without a click (as scripts/screenshots.py shows it)
    tree.setCurrentItem(None)
    dialog.resize(dialog.width(), 720)
    settle(qtbot)
    assert not dialog.short
    words = right_hand_words(dialog)
    # (the why of the part always sent is under its name on the left, not said again there either: send round 113)
    assert all(g.title in words and (g.cost in words) == g.optional for g in dialog.groups), words
    dialog.reject()
    window.threads.stop_all(3000)


def test_the_review_s_hint_on_a_small_screen_names_the_small_square_as_on_a_tall_window(qtbot, small_screen, lang):
    """Send rounds 81-82 (en, twice): "Click a part's box to leave it out or put it back": "I wasn't sure which box was
    meant, because 'Your name and e-mail' has no box" (a "box" is also the internet box here). The tall window's hint now
    names the small square beside a part's name; the short window, which keeps the click on a name to see a part, said
    "a part's box" still, to the readers with the smallest screens. Both name the square and what its click does; the
    short one then the name's click, in sight with the address they answer at."""
    window = first_window(qtbot, *verdict_faults()["computer-full"])
    window.app.config.data["branding"].update(BRANDING[lang])
    run_scan(qtbot, window)
    dialog = window.contact_support()
    assert dialog is not None
    qtbot.waitExposed(dialog)
    dialog.what.setPlainText("The computer is very slow since the update.")
    dialog.email.setText("ann.martin@example.org")
    dialog.next_button.click()
    qtbot.waitUntil(lambda: dialog.stack.currentIndex() == SupportDialog.REVIEW, timeout=10000)
    settle(qtbot)
    assert dialog.short
    short = dialog.group_info.text()
    square = {"en": "To leave a part out, click the small square beside its name to take the tick away.", "fr": "cliquez sur sa case pour enlever la coche."}
    name = {"en": "To see what is in a part, click its name.", "fr": "Pour voir ce que contient une partie, cliquez sur son nom"}
    assert square[lang] in short and name[lang] in short, short
    assert lang == "fr" or "box" not in short.lower(), short
    assert seen(dialog.group_info, dialog.review_scroll) and dialog.review_scroll.verticalScrollBar().maximum() == 0
    dialog.resize(dialog.width(), 720)
    settle(qtbot)
    assert not dialog.short and square[lang] in dialog.group_info.text()  # the tall window's words for the same click
    dialog.reject()
    window.threads.stop_all(3000)


def empty_strip_below(area: QScrollArea) -> int:
    """How far ``area`` scrolls past the last thing it shows (words, a box, a button): an empty strip one can scroll to."""
    below = max(0, lowest_words(area.widget()) - area.viewport().height())
    return area.verticalScrollBar().maximum() - below


def test_the_send_dialog_scrolls_into_no_empty_strip_and_says_when_a_box_to_tick_waits_below_on_a_small_screen(qtbot, small_screen, lang):
    """Small-screen round 16 (en, fr): on the first page a scroll bar showed, its handle three quarters of its track, and
    both readers wondered what was below "Also include" and did not scroll ("There are two scroll bars on the right and a
    little arrow near the bottom, so I wonder whether there are more boxes below 'Also include' that I can't see"; « il y
    avait peut-être d'autres cases sous « Envoyer aussi ». Je ne l'ai pas vu et je n'ai pas fait descendre »). In English
    nothing was below but an empty strip (88 px): no scroll bar now. In French the screen picture's tick box waits below:
    the line beside the buttons says so, and shows it when clicked. A part of the review clicked scrolled into nothing too
    (review36): 15 px in English, 70 in French."""
    window = first_window(qtbot, *verdict_faults()["computer-full"])
    window.app.config.data["branding"].update(BRANDING[lang])
    run_scan(qtbot, window)
    dialog = window.contact_support()
    assert dialog is not None
    qtbot.waitExposed(dialog)
    settle(qtbot)
    assert dialog.short
    area, pointer = dialog.describe_scroll, dialog.more_questions
    bar = area.verticalScrollBar()
    assert empty_strip_below(area) <= 2, (bar.maximum(), lowest_words(area.widget()), area.viewport().height())
    hidden = [tick for tick in (dialog.include_logs, dialog.include_screenshot) if not seen(tick, area)]
    if lang == "en":  # all of it in sight: nothing to scroll, no scroll bar to wonder about
        assert hidden == [] and bar.maximum() == 0 and not bar.isVisible()
        assert not pointer.isVisible()
    else:  # the screen picture's tick box below: said beside the buttons, over nothing that scrolls
        assert hidden == [dialog.include_screenshot] and dialog.questions_below() == []
        assert pointer.isVisible() and not area.isAncestorOf(pointer)
        # small-screen round 17 (fr): « je ne sais pas comment la trouver », « Qu'est-ce qui est coché dedans sans que je le
        # sache ? »: that a click shows it, and that it is not ticked
        assert (
            pointer.text().replace("\n", " ") == "1 autre case plus bas, non cochée\u00a0: cliquez pour la voir" == pointer.accessibleName().replace("\n", " ")
        )
        qtbot.mouseClick(pointer, Qt.MouseButton.LeftButton)
        settle(qtbot)
        assert seen(dialog.include_screenshot, area) and seen(dialog.include_screenshot.words, area)
        assert dialog.focusWidget() is dialog.include_screenshot.box  # Space ticks it
        assert not pointer.isVisible()
        for box in (dialog.since, dialog.changed):  # the questions above still in sight
            assert seen(box, area)
    # what will be sent: each part clicked, the page scrolls only as far as what it says
    dialog.what.setPlainText("The computer is very slow since the update.")
    dialog.email.setText("ann.martin@example.org")
    dialog.name.setText("Ann Martin")
    dialog.next_button.click()
    qtbot.waitUntil(lambda: dialog.stack.currentIndex() == SupportDialog.REVIEW, timeout=10000)
    settle(qtbot)
    tree, area = dialog.file_tree, dialog.review_scroll
    assert empty_strip_below(area) <= 2
    for i in range(tree.topLevelItemCount()):
        item = tree.topLevelItem(i)
        rect = tree.visualItemRect(item)
        QTest.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(rect.right() - 10, rect.top() + 8))
        settle(qtbot)
        assert tree.currentItem() is item
        assert empty_strip_below(area) <= 2, (item.text(0), area.verticalScrollBar().maximum(), lowest_words(area.widget()), area.viewport().height())
        if item.data(0, Qt.ItemDataRole.UserRole) == ("group", "computer"):  # the part the pictures show: its plain lines in sight
            # send rounds 91-95, small-screen round 31: every line of the part in a box under them, closed, its button in sight
            text, toggle = dialog.overview, dialog.details_toggle
            assert text.mapTo(area.viewport(), QPoint(0, text.height())).y() <= area.viewport().height()
            assert not dialog.part_details.isVisibleTo(dialog) and seen(toggle, area)
    dialog.reject()
    window.threads.stop_all(3000)


#: the line, with the fold's own words ("3 more ways to make room", as its line says them)
POINTER = {
    "en": "Further down this page: {fold} and why it happens. Click to see them.",
    "fr": "Plus bas dans la page\u00a0: {fold} et pourquoi cela arrive. Cliquez pour les voir.",
}


def test_what_waits_under_the_verdict_s_steps_is_named_beside_the_buttons_on_a_small_screen(qtbot, small_screen, lang, monkeypatch):
    """Small-screen rounds 1-19 (18 readers, en and fr, none scrolled): under the full disk's steps, the grey "2 more ways to
    make room" at the view's bottom edge and why it matters below it were never seen. A line beside the buttons, outside
    what scrolls, names them as the send dialog names its hidden box; a click brings them into sight and the line goes."""
    # a screen a few lines shorter (a taller taskbar): step 2's shorter words (send rounds 59-80) brought why it matters
    # just into sight at 512 px in English, and this is about what is out of sight
    monkeypatch.setattr(QScreen, "availableGeometry", lambda self: QRect(0, 0, 911, 470))
    window = first_window(qtbot, *verdict_faults()["computer-full"])
    window.retranslate()
    run_scan(qtbot, window)
    settle(qtbot)
    page = window.results_page
    card = page.headline_card
    assert card is not None and page.short and card.more_expander is not None and card.cause is not None
    assert not seen(card.cause, page.area)  # why it matters: under the visible part
    pointer = page.below_pointer
    assert pointer.isVisible() and not page.area.isAncestorOf(pointer)
    # send rounds 102-103 (en, fr): "Other ways to make room (2)": "Two what?": the fold names its ways; the line names it
    # by what they are for, with no count
    fold = {"en": "other ways to make room", "fr": "d’autres façons de faire de la place"}[lang]
    # send rounds 109-111: the fold, closed, says how many other ways to make more room (not which, asked about before opening)
    assert {"en": "other ways", "fr": "autres façons"}[lang] in card.more_expander.text() and {"en": "more room", "fr": "plus de place"}[
        lang
    ] in card.more_expander.text()
    assert pointer.text().replace("\n", " ") == POINTER[lang].format(fold=fold) == pointer.accessibleName()
    assert not plainwords.problems(pointer.accessibleName())
    inside = QRect(pointer.mapTo(window, QPoint(0, 0)), pointer.size())
    assert window.rect().contains(inside)  # whole in the window, its words not cut at the side
    qtbot.mouseClick(pointer, Qt.MouseButton.LeftButton)
    settle(qtbot)
    for widget in (card.more_expander, card.cause, card.count_line):
        assert seen(widget, page.area), widget.text()
    assert QApplication.focusWidget() is card.more_expander  # Space opens the other ways
    assert not pointer.isVisible()
    page.area.verticalScrollBar().setValue(0)  # back at the top: said again
    settle(qtbot)
    assert pointer.isVisible()
    bar = page.area.verticalScrollBar()
    bar.setValue(bar.maximum())  # scrolled down by hand: all of it in sight, the line goes at once
    settle(qtbot)
    assert seen(card.cause, page.area) or card.cause.mapTo(page.area.viewport(), QPoint(0, 0)).y() < 0
    assert not pointer.isVisible()
    # where the window has room, the page is as it always was: no line
    window.resize(920, 900)
    settle(qtbot)
    assert not page.short and not pointer.isVisible()
    window.threads.stop_all(3000)


def test_the_line_beside_the_buttons_names_the_one_other_thing_noticed(qtbot, small_screen, lang):
    """Small-screen round 23 (en): "'1 other thing we noticed, nothing urgent' makes me curious and a little uneasy, because
    it doesn't say what the thing is": where there is one, the line names it by its title, as its card below does."""
    from selfcheck.checks.security_updates import UpdatesCheck

    from .test_big_text import recorded

    window = first_window(qtbot, *verdict_faults()["computer-full"], recorded(UpdatesCheck, "windows_stale"))
    window.retranslate()
    run_scan(qtbot, window)
    settle(qtbot)
    page = window.results_page
    card = page.headline_card
    later = card.verdict.group("later") if card is not None else []
    assert page.short and len(later) == 1, [i.check_id for i in card.verdict.items] if card else None
    title = later[0].title
    # send round 111: the words of the fold it points to ("There is also 1 thing that can wait:"), tests/gui/test_repair_words_round111.py
    named = {"en": f"1 thing that can wait, about “{title}”", "fr": f"1 chose qui peut attendre, sur «\u00a0{title}\u00a0»"}[lang]
    assert any(name == named for _widget, name, _n in page.things_below()) or not page.things_below(), page.things_below()
    page.area.verticalScrollBar().setValue(0)
    settle(qtbot)
    said = page.below_pointer.text().replace("\n", " ")
    assert page.below_pointer.isVisible() and named in said, said
    assert title in said and not plainwords.problems(page.below_pointer.accessibleName())
    window.threads.stop_all(3000)


def test_the_line_beside_the_buttons_says_the_updates_are_this_computers(qtbot, small_screen, lang):
    """Small-screen rounds 24-25: "1 other thing we noticed, about “Updates”": "Updates to what?". The updates check is
    named for what it updates, and the line still fits between the buttons of a small screen, on whole lines."""
    from selfcheck.checks.security_updates import UpdatesCheck

    from .test_big_text import recorded

    window = first_window(qtbot, *verdict_faults()["computer-full"], recorded(UpdatesCheck, "windows_stale"))
    window.retranslate()
    run_scan(qtbot, window)
    settle(qtbot)
    page = window.results_page
    page.area.verticalScrollBar().setValue(0)
    settle(qtbot)
    pointer = page.below_pointer
    named = {
        "en": "1 thing that can wait, about “Updates for this computer”",
        "fr": "1 chose qui peut attendre, sur «\u00a0Mises à jour de cet ordinateur\u00a0»",
    }[lang]
    assert pointer.isVisible() and named in pointer.text().replace("\n", " "), pointer.text()
    widest = max(pointer.fontMetrics().horizontalAdvance(line) for line in pointer.text().split("\n"))
    assert widest <= pointer.width() and pointer.geometry().right() <= page.width(), (widest, pointer.width(), page.width())
    window.threads.stop_all(3000)


def test_the_line_beside_the_buttons_keeps_french_quotes_with_the_title_they_quote(qtbot, small_screen):
    """Review of e0f85e39: the line names the one other thing « Mises à jour » (now « Mises à jour de cet ordinateur »); wrapped by hand, at some widths it ended a
    line with « and began the next with the title (« sur « » / « Mises à jour », »): the quotes stay with their words, as a
    colon stays with the word before it, at every width."""
    from selfcheck.checks.security_updates import UpdatesCheck

    from .test_big_text import recorded

    i18n.set_language("fr")
    try:
        window = first_window(qtbot, *verdict_faults()["computer-full"], recorded(UpdatesCheck, "windows_stale"))
        window.retranslate()
        run_scan(qtbot, window)
        settle(qtbot)
        page = window.results_page
        quoted = 0
        for width in range(640, 1000, 10):
            window.resize(width, window.height())
            settle(qtbot)
            page.area.verticalScrollBar().setValue(0)
            settle(qtbot)
            if not page.below_pointer.isVisible():
                continue
            lines = page.below_pointer.text().split("\n")
            quoted += "«\u00a0Mises à jour de cet ordinateur\u00a0»" in " ".join(lines)
            assert not any(line.endswith("«") or line.startswith(("»", ":", ";", "?", "!")) for line in lines), (width, lines)
        assert quoted, "the line never named the one other thing"
        window.threads.stop_all(3000)
    finally:
        i18n.set_language("en")


def blank_below_the_verdict(area: QScrollArea) -> int:
    """How far the verdict page scrolls past the end of its last card, line or fold (the column's lowest widget, its
    frame included): a blank strip one can scroll to."""
    body = area.widget()
    column = body.layout().itemAt(1).widget()  # centered_column: a stretch, the column, a stretch
    shown = [w for w in column.findChildren(QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly) if w.isVisibleTo(body)]
    last = max(w.mapTo(body, QPoint(0, w.height())).y() for w in shown)
    return area.verticalScrollBar().maximum() + area.viewport().height() - last


def test_the_verdict_page_ends_at_its_last_line_on_a_small_screen(qtbot, small_screen, lang):
    """On a 1366x768 laptop at 150 % the verdict page scrolled about 410 px past its last line into a blank page (the
    scaled pictures' 3-verdict-bottom showed nothing but the buttons): a customer who scrolls down to see the rest might
    think the page broke. Scrolled to its end it ends at its last line, as the other pages do; with the full list opened too."""
    window = first_window(qtbot, *verdict_faults()["computer-full"])
    window.retranslate()
    run_scan(qtbot, window)
    settle(qtbot)
    page = window.results_page
    area = page.area
    bar = area.verticalScrollBar()
    assert page.short and bar.maximum() > 0  # the verdict goes on below the view: something to scroll to
    assert blank_below_the_verdict(area) <= 6, (blank_below_the_verdict(area), bar.maximum(), area.viewport().height())
    bar.setValue(bar.maximum())
    settle(qtbot)
    expander = page.everything_expander
    assert expander is not None and seen(expander, area)  # the last lines in sight at the end
    expander.setChecked(True)  # the full list opened: longer, still no blank strip under it
    settle(qtbot)
    assert blank_below_the_verdict(area) <= 6, (blank_below_the_verdict(area), bar.maximum(), area.viewport().height())
    window.threads.stop_all(3000)


def test_the_computer_part_keeps_the_page_s_title_in_sight_and_its_box_opens_in_sight_on_a_small_screen(qtbot, small_screen, lang):
    """Small-screen round 30 (en, fr): clicked, "Your computer: what kind, and how much room is left" showed its plain lines
    and, at the window's bottom edge, one line of the box of every line it sends cut in half (en) or only the box's heading,
    cut (fr), read as hidden; round 31, with the page scrolled to show the box's first lines, its title went out of view
    ("so I felt a bit lost"; « le titre a disparu, ça me déroute un peu »). Clicked as a person clicks it, the part shows the
    page's title, its words, its plain lines and the button that opens the box, all in sight without scrolling; the button
    clicked, the box's heading and at least its first four lines come into sight, the page's top edge through no line."""
    window = first_window(qtbot, *verdict_faults()["computer-full"])
    window.app.config.data["branding"].update(BRANDING[lang])
    run_scan(qtbot, window)
    dialog = window.contact_support()
    assert dialog is not None
    qtbot.waitExposed(dialog)
    dialog.what.setPlainText("The computer is very slow since the update.")
    dialog.email.setText("ann.martin@example.org")
    dialog.name.setText("Ann Martin")
    dialog.next_button.click()
    qtbot.waitUntil(lambda: dialog.stack.currentIndex() == SupportDialog.REVIEW, timeout=10000)
    settle(qtbot)
    assert dialog.short
    tree, area = dialog.file_tree, dialog.review_scroll
    item = next(
        tree.topLevelItem(i) for i in range(tree.topLevelItemCount()) if tree.topLevelItem(i).data(0, Qt.ItemDataRole.UserRole) == ("group", "computer")
    )
    rect = tree.visualItemRect(item)
    QTest.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(rect.right() - 10, rect.top() + 8))
    settle(qtbot)
    assert tree.currentItem() is item
    words, box, view = dialog.overview, dialog.part_details, area.viewport()
    assert seen(dialog.review_title, area), (dialog.review_title.mapTo(view, QPoint(0, 0)).y(), area.verticalScrollBar().value())  # the title
    toggle = dialog.details_toggle
    assert seen(dialog.group_info, area)  # the part's name and words
    assert seen(words, area), (words.mapTo(view, QPoint(0, 0)).y(), words.height(), view.height())  # its plain lines whole
    assert seen(toggle, area) and not box.isVisible()  # the box one click away, closed
    # send rounds 96-97: the button's words say what it shows ("The same, in the technical words support reads"); a button does
    # not wrap, and one wider than the part's words widened their column, which narrowed again once it was clicked (the page
    # scrolled to a line cut in half): its words fit the column as it is once the box is open
    closed = toggle.sizeHint().width()
    heading = i18n._("The exact text support receives:")
    assert heading not in right_hand_words(dialog).replace("\n", " ")
    qtbot.mouseClick(toggle, Qt.MouseButton.LeftButton)
    settle(qtbot)
    assert closed <= words.width(), (closed, words.width())
    assert seen(dialog.details_heading, area) and dialog.details_heading.text() == f"<b>{html.escape(heading)}</b>"
    # the box's lines one reads without scrolling: from its first line to the window's edge (or the box's own)
    first = box.viewport().mapTo(view, QPoint(0, 0)).y() + int(box.document().documentMargin())
    last = min(view.height(), box.viewport().mapTo(view, QPoint(0, box.viewport().height())).y())
    assert box.isVisible() and first >= 0 and box.verticalScrollBar().value() == 0
    assert (last - first) // box.fontMetrics().lineSpacing() >= 4, (first, last, box.fontMetrics().lineSpacing())
    assert box.toPlainText().count("\n") > 4  # more lines than that: the box scrolls in itself
    # the page scrolled for it, its top edge through no line of the title and intro above (the rule of its bottom edge)
    for above in (dialog.review_title, dialog.review_intro):
        top = above.mapTo(view, QPoint(0, 0)).y()
        if top < 0 < top + above.height():
            scale, rows = blank_rows(above)
            assert rows[int(-top * scale)], (above.text(), -top)
    dialog.reject()
    window.threads.stop_all(3000)
