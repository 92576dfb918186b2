"""“Contact support” on a small laptop screen (a11y review, stop 31).

A 1920x1080 laptop at Windows' usual 150% is a 1280x720 screen for Qt: under its task bar and the window's title bar
about 640 px are left. The send dialog asked 835x737 (996x737 in French) at the usual font, so “Next” was below the
screen's edge, and it was as wide as its longest tick-box line, which never wrapped.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QAccessible, QFont
from PySide6.QtWidgets import QAbstractScrollArea, QApplication, QPushButton, QSplitter, QWidget

from selfcheck.gui.support_dialog import SupportDialog
from selfcheck.upload.request import SupportRequest

from . import fakechecks
from .conftest import run_scan

#: a 1280x720 screen less a task bar and the window's title bar, with a little to spare
SMALL = (1240, 640)

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


@pytest.fixture(params=[None, 15], ids=["usual-font", "15pt"])
def font_size(request: pytest.FixtureRequest) -> Iterator[int | None]:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    old = app.font()
    if request.param:
        bigger = QFont(old)
        bigger.setPointSize(request.param)
        app.setFont(bigger)
    yield request.param
    app.setFont(old)


def open_dialog(qtbot, make_window, lang: str, request: SupportRequest | None = None) -> SupportDialog:
    config = fakechecks.config(support={"kind": "intake", "url": "http://127.0.0.1:9"}, branding=BRANDING[lang])
    window = make_window(fakechecks.PassCheck, fakechecks.FailCheck, fakechecks.WarnCheck, config=config)
    if lang == "fr":
        window.set_language("fr")
    run_scan(qtbot, window)
    dialog = window.contact_support(request=request) if request is not None else window.contact_support()
    assert isinstance(dialog, SupportDialog)
    qtbot.waitExposed(dialog)
    return dialog


def on_small_screen(dialog: SupportDialog) -> None:
    hint = dialog.minimumSizeHint()
    assert hint.width() <= SMALL[0] and hint.height() <= SMALL[1], hint
    dialog.resize(*SMALL)
    QApplication.processEvents()
    assert (dialog.width(), dialog.height()) == SMALL


def in_sight(dialog: SupportDialog, widget: QWidget) -> None:
    """Shown, whole, inside the window: not below its edge, nor scrolled away."""
    assert widget.isVisible(), widget
    top_left = widget.mapTo(dialog, QPoint(0, 0))
    assert top_left.x() >= 0 and top_left.y() >= 0, (widget, top_left)
    assert top_left.x() + widget.width() <= dialog.width() and top_left.y() + widget.height() <= dialog.height(), (widget, top_left, dialog.size())
    if isinstance(widget, QPushButton):
        assert widget.width() >= widget.sizeHint().width(), widget.text()  # its words not cut


def no_sideways_scrolling(scroll) -> None:
    content, viewport = scroll.widget(), scroll.viewport()
    assert content.width() <= viewport.width(), (content.width(), viewport.width())
    assert not scroll.horizontalScrollBar().isVisible()


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_contact_support_fits_a_small_laptop_screen_with_its_buttons_in_sight(qtbot, make_window, font_size, lang):
    dialog = open_dialog(qtbot, make_window, lang)
    on_small_screen(dialog)
    # what to fill in scrolls up and down, never sideways; Cancel and Next stay in sight
    in_sight(dialog, dialog.next_button)
    cancel = next(b for b in dialog.stack.widget(SupportDialog.DESCRIBE).findChildren(QPushButton) if b is not dialog.next_button and b.isVisible())
    in_sight(dialog, cancel)
    scroll = dialog.describe_scroll
    no_sideways_scrolling(scroll)
    # the last tick box, at the bottom of what scrolls, can be scrolled into sight, its words whole and wrapped in the window
    for box in (dialog.include_logs, dialog.include_screenshot):
        scroll.ensureWidgetVisible(box)
        QApplication.processEvents()
        in_sight(dialog, box.words)
        assert box.words.mapTo(scroll.viewport(), QPoint(0, 0)).y() >= 0
        assert box.words.mapTo(scroll.viewport(), QPoint(0, box.words.height())).y() <= scroll.viewport().height()
    if font_size:  # large text: more than the window's height, so it scrolls, and the long line wraps
        assert scroll.verticalScrollBar().maximum() > 0
        # the long line wraps rather than being cut or widening the window (send round 98 made it shorter: it may fit one line)
        words = dialog.include_screenshot.words
        assert words.height() >= words.heightForWidth(words.width()) > 0 and words.width() <= scroll.viewport().width()
    # at the narrowest the window can be, the long tick-box line wraps rather than widening it
    dialog.resize(dialog.minimumSizeHint().width(), SMALL[1])
    QApplication.processEvents()
    no_sideways_scrolling(scroll)
    in_sight(dialog, dialog.next_button)
    dialog.resize(*SMALL)
    # what will be sent: Back and Send in sight
    dialog.what.setPlainText("Nothing opens.")
    dialog.email.setText("ann@example.org")
    dialog.next_button.click()
    qtbot.waitUntil(lambda: dialog.stack.currentIndex() == SupportDialog.REVIEW, timeout=10000)
    QApplication.processEvents()
    in_sight(dialog, dialog.send_button)
    no_sideways_scrolling(dialog.review_scroll)
    # not sent yet: the longest outcome, with its number; Close in sight, what it says scrolls
    dialog.show_outcome("queued", "Not sent yet", "Nothing is lost: it stays on this computer and will be sent by itself later.", "HT4-7KP-3WN", offline=True)
    QApplication.processEvents()
    in_sight(dialog, dialog.close_button)
    no_sideways_scrolling(dialog.done_scroll)
    text = dialog.done_text
    assert text.mapTo(dialog.done_scroll.viewport(), QPoint(text.width(), 0)).x() <= dialog.done_scroll.viewport().width()  # its lines whole
    dialog.done_scroll.ensureWidgetVisible(dialog.reference)
    QApplication.processEvents()
    in_sight(dialog, dialog.reference)
    # not sent, kept: "Try sending again" and "Close" both in sight, side by side
    dialog.show_outcome("failed", "Not sent", "Nothing is lost: this program keeps your message.", "R9M-C7F-6JX", kept_id="kept")
    QApplication.processEvents()
    in_sight(dialog, dialog.retry_button)
    in_sight(dialog, dialog.close_button)
    no_sideways_scrolling(dialog.done_scroll)
    dialog.close()


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_request_link_window_fits_a_small_laptop_screen_too(qtbot, make_window, font_size, lang):
    """Support's request link opens the same window under support's yellow box: it fits too."""
    note = "Merci de faire la vérification avec l’imprimante allumée." if lang == "fr" else "Please do the check with the printer switched on."
    dialog = open_dialog(qtbot, make_window, lang, SupportRequest(code="7K2QD-9XHMA", ticket="48213", note=note))
    on_small_screen(dialog)
    in_sight(dialog, dialog.request_headline)
    in_sight(dialog, dialog.next_button)
    no_sideways_scrolling(dialog.describe_scroll)
    dialog.describe_scroll.ensureWidgetVisible(dialog.include_screenshot)
    QApplication.processEvents()
    in_sight(dialog, dialog.include_screenshot.words)
    dialog.show_outcome("sent", "Sent. Thank you!", dialog.after_sending_text(), "HT4-7KP-3WN")
    QApplication.processEvents()
    in_sight(dialog, dialog.close_button)
    dialog.close()


def test_the_tick_boxes_tick_by_a_click_on_their_words_and_by_space_and_are_named_by_them(qtbot, make_window):
    dialog = open_dialog(qtbot, make_window, "en")
    logs, shot = dialog.include_logs, dialog.include_screenshot
    assert logs.isChecked() and not shot.isChecked()
    # a screen reader names each box by its words
    for box in (logs, shot):
        named = QAccessible.queryAccessibleInterface(box.box)
        assert named is not None and named.text(QAccessible.Text.Name) == box.text()
        assert named.role() == QAccessible.Role.CheckBox
    assert shot.text().startswith("a picture of your screen as it was when you opened this page")
    # a click on the words ticks the box, as on a tick box's own text, and gives it the keyboard focus
    qtbot.mouseClick(shot.words, Qt.MouseButton.LeftButton)
    assert shot.isChecked() and dialog.focusWidget() is shot.box
    qtbot.mouseClick(shot.words, Qt.MouseButton.LeftButton)
    assert not shot.isChecked()
    # by keyboard: Tab reaches the box, Space ticks it (from the last question above it: the name and e-mail come first)
    dialog.changed.setFocus()
    dialog.focusNextChild()
    assert dialog.focusWidget() is logs.box
    qtbot.keyClick(logs.box, Qt.Key.Key_Space)
    assert not logs.isChecked()
    dialog.focusNextChild()
    assert dialog.focusWidget() is shot.box
    qtbot.keyClick(shot.box, Qt.Key.Key_Space)
    assert shot.isChecked()
    # what is ticked is what is sent: the picture of the screen is in the message, the list of checks is not
    dialog.next_button.click()
    qtbot.waitUntil(lambda: dialog.stack.currentIndex() == SupportDialog.REVIEW, timeout=10000)
    names = [f.name for f in dialog.files]
    assert any(n.endswith(".png") for n in names), names
    dialog.close()


def inner_scroll_bars(dialog: SupportDialog) -> list[QAbstractScrollArea]:
    """Scroll areas inside the review's right-hand column that scroll now: a scroll bar inside the page's own. Not the box of
    a part's every line (send rounds 81-90), under its plain lines and its heading: hundreds of lines, in a box of their own."""
    right = dialog.overview.parentWidget()
    while right is not None and not isinstance(right.parentWidget(), QSplitter):
        right = right.parentWidget()
    assert right is not None
    boxes = [a for a in right.findChildren(QAbstractScrollArea) if a.isVisibleTo(dialog) and a.verticalScrollBar().maximum() > 0]
    return [a for a in boxes if a is not dialog.part_details]


def text_whole_or_page_scrolls(qtbot, dialog: SupportDialog) -> None:
    """The review's right-hand text is whole on screen, or the page's scroll bar (the only one) shows there is more."""
    qtbot.wait(100)  # the window lays itself out again at its new size, as it does on screen
    text, scroll = dialog.overview, dialog.review_scroll
    assert text.isVisibleTo(dialog)
    assert not inner_scroll_bars(dialog)
    # all of its lines are laid out: the label is as tall as its words at its width
    assert text.height() >= text.heightForWidth(text.width()), (text.height(), text.heightForWidth(text.width()))
    bottom = text.mapTo(scroll.viewport(), QPoint(0, text.height())).y()
    if bottom > scroll.viewport().height():  # below the window's edge: the page scrolls, and says so
        bar = scroll.verticalScrollBar()
        assert bar.isVisible() and bar.maximum() > 0, (bottom, scroll.viewport().height())
        bar.setValue(bar.maximum())
        QApplication.processEvents()
        assert text.mapTo(scroll.viewport(), QPoint(0, text.height())).y() <= scroll.viewport().height()
    else:  # whole, inside the window
        in_sight(dialog, text)
    in_sight(dialog, dialog.send_button)


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_request_review_text_is_whole_or_the_page_scrolls_never_a_scroll_bar_inside_it(qtbot, make_window, font_size, lang):
    """Round 48 (en) of request-review.png: "The writing on the right is cut off at the bottom ('from the…'). I didn't
    notice at first that I could scroll down": it scrolled inside the page, cut mid-sentence."""
    note = "Merci de faire la vérification avec l’imprimante allumée." if lang == "fr" else "Please do the check with the printer switched on."
    dialog = open_dialog(qtbot, make_window, lang, SupportRequest(code="7K2QD-9XHMA", ticket="48213", note=note))
    dialog.what.setPlainText("The printer is on now.")
    dialog.email.setText("ann.martin@example.org")
    dialog.name.setText("Ann Martin")
    # as scripts/screenshots.py makes the picture: 780 wide and as tall as the page needs (at least 640)
    dialog.resize(780, 640)
    QApplication.processEvents()
    dialog.resize(780, max(640, dialog.sizeHint().height()))
    dialog.next_button.click()
    qtbot.waitUntil(lambda: dialog.stack.currentIndex() == SupportDialog.REVIEW, timeout=10000)
    QApplication.processEvents()
    text_whole_or_page_scrolls(qtbot, dialog)  # the window as it was on the first page
    dialog.resize(780, max(640, dialog.sizeHint().height()))
    text_whole_or_page_scrolls(qtbot, dialog)  # and as tall as the review asks
    dialog.resize(*SMALL)  # a small laptop screen
    text_whole_or_page_scrolls(qtbot, dialog)
    dialog.resize(780, 480)  # shorter still: the page scrolls
    text_whole_or_page_scrolls(qtbot, dialog)
    assert dialog.review_scroll.verticalScrollBar().isVisible()
    # scrolled down to the end of the text, a part chosen on the left: what it holds shows from its first words
    assert dialog.review_scroll.verticalScrollBar().value() > 0
    assert dialog.select("group", dialog.groups[-1].key)
    qtbot.wait(100)
    assert dialog.group_info.mapTo(dialog.review_scroll.viewport(), QPoint(0, 0)).y() >= 0
    assert dialog.group_info.text().startswith(dialog.groups[-1].title)
    text_whole_or_page_scrolls(qtbot, dialog)
    dialog.close()


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_offer_of_a_kept_message_fits_a_small_laptop_screen(qtbot, make_window, font_size, lang, tmp_path):
    """A message support's server refused earlier, offered as the first page: its words, "Send it now", "Delete it without sending"
    and "Write a new message instead" in sight; once a new message is chosen, the offer above the form, and "Next" in sight."""
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from selfcheck.upload.outbox import FAILED, Outbox
    from sendkit import make_bundle

    entry = Outbox().add(make_bundle(tmp_path / "b.zip"), {"kind": "intake", "url": "http://127.0.0.1:9"})
    entry.status = FAILED
    Outbox().save(entry)
    dialog = open_dialog(qtbot, make_window, lang)
    on_small_screen(dialog)
    in_sight(dialog, dialog.kept_words)
    in_sight(dialog, dialog.kept_button)
    in_sight(dialog, dialog.kept_forget_button)
    in_sight(dialog, dialog.kept_new_button)
    dialog.kept_new_button.click()
    QApplication.processEvents()
    for seen in (dialog.kept_words, dialog.kept_button, dialog.kept_forget_button, dialog.what, dialog.next_button):
        in_sight(dialog, seen)
    no_sideways_scrolling(dialog.describe_scroll)
    dialog.close()
