"""A message support's server refused is kept on this computer: the window sends it again, now or later.

Send rounds 5x-6x (en, fr), in nearly every round: "If it keeps it but won't try again, how do they get it?", « S'il n'est
pas parti, comment le verront-ils quand j'appellerai ? », "they will tell you how to send your message again from this
program: How?". The "Not sent" screen has a button that sends the same kept message again, and "Contact support" offers it
when it opens again. Against a real HTTP server on 127.0.0.1 speaking the relay's protocol (docs/intake.md).
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from selfcheck.gui import support
from selfcheck.gui.support_dialog import SupportDialog
from selfcheck.history.changes import when_plain
from selfcheck.i18n import _
from selfcheck.upload.outbox import FAILED, QUEUED, Outbox

from . import fakechecks
from .conftest import label_words, run_scan

TICKET = "48213"
#: what a refusing server writes in its answer: never shown to the customer
HOSTILE = "<b>Call 0900 000 000 now</b>\x1b[31m"


class Relay:
    """The relay's protocol on 127.0.0.1: it has no bundle yet (GET 404); each upload (POST) gets the next of ``answers``
    (403: refused for good, as a wrong setting is), then 200 with its receipt and ticket."""

    def __init__(self, answers: list[int]) -> None:
        self.answers = list(answers)
        self.posts: list[str] = []  # the Idempotency-Key of each upload, in order
        relay = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 (http.server's name)
                self._answer(404, {"error": "not_found"})

            def do_POST(self) -> None:  # noqa: N802
                self.rfile.read(int(self.headers.get("Content-Length") or 0))
                key = self.headers.get("Idempotency-Key", "")
                relay.posts.append(key)
                status = relay.answers.pop(0) if relay.answers else 200
                if status == 200:
                    self._answer(200, {"bundle_id": key, "reference": "ABC-DEF-GHJ", "ticket": {"reference": TICKET}})
                else:
                    self._answer(status, {"error": HOSTILE, "message": HOSTILE})

            def _answer(self, status: int, body: dict[str, Any]) -> None:
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.server.server_port}"

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def relay() -> Iterator[Any]:
    made: list[Relay] = []

    def make(answers: list[int]) -> Relay:
        made.append(Relay(answers))
        return made[-1]

    yield make
    for server in made:
        server.stop()


def _window(qtbot, make_window, url: str, lang: str = "en") -> Any:
    config = fakechecks.config(support={"kind": "intake", "url": url, "retry_now": 0, "connect_timeout": 2}, branding={"support_contact": "0800 123 456"})
    window = make_window(fakechecks.FailCheck, config=config)
    if lang == "fr":
        window.set_language("fr")
    run_scan(qtbot, window)
    return window


def _refused(qtbot, window) -> SupportDialog:
    """The person writes, sends, and support's server refuses it: the "Not sent" screen."""
    dialog = window.contact_support()
    dialog.what.setPlainText("E-mail does not arrive.")
    dialog.email.setText("ann@example.org")
    dialog.next_button.click()
    qtbot.waitUntil(lambda: dialog.stack.currentIndex() == SupportDialog.REVIEW, timeout=10000)
    dialog.send_button.click()
    qtbot.waitUntil(lambda: dialog.stack.currentIndex() == SupportDialog.DONE, timeout=20000)
    assert dialog.done_title.text() == _("Not sent"), label_words(dialog.done_text)
    return dialog


def _press(qtbot, dialog: SupportDialog, button: QPushButton) -> None:
    assert button.isVisibleTo(dialog) and button.isEnabled()
    button.click()  # shows the sending page at once, then the end screen once it is over
    assert dialog.stack.currentIndex() == SupportDialog.SENDING
    qtbot.waitUntil(lambda: dialog.stack.currentIndex() == SupportDialog.DONE, timeout=20000)


def _visible_buttons(dialog: SupportDialog) -> list[str]:
    return [b.text() for b in dialog.findChildren(QPushButton) if b.isVisibleTo(dialog)]


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_not_sent_offers_to_try_again_and_sends_the_same_message_once(qtbot, make_window, relay, lang):
    server = relay([403])
    window = _window(qtbot, make_window, server.url, lang)
    dialog = _refused(qtbot, window)
    bundle_id = dialog.bundle.bundle_id
    assert server.posts == [bundle_id]
    text = label_words(dialog.done_text)
    # the way to send it again is on the screen, now or later, and whom to call if it still does not go
    assert dialog.retry_button.text() == _("Try sending again") and _("Try sending again") in _visible_buttons(dialog)
    assert dialog.retry_button.objectName() == "primary" and dialog.close_button.objectName() != "primary"  # the one to press, in blue
    assert (
        _(
            "It does not try again by itself: click “Try sending again” below. You can also do it later: when you click “Contact support” again, this program offers to send your message."
        )
        in text
    ), text
    assert (
        _(
            "If it still does not go, call {who} and tell them what is wrong, as you wrote it (there is no message number this time, and you do not need one): {how}"
        ).format(who=_("your support team"), how=_("phone {number}").format(number="0800\u00a0123\u00a0456"))
        in text
    ), text
    assert _("Nothing is lost: this program keeps your message.") in text and HOSTILE not in text and "0900" not in text
    assert Outbox().get(bundle_id).status == FAILED
    # send round 75 (en): "Your message number: support can look it up once your message has been sent": "Why give me a number
    # they can't look up yet?": no number, nor "Write it down", nor an e-mail or copy link that carries one; the words stay
    assert not any(w.isVisibleTo(dialog) for w in (dialog.reference, dialog.reference_hint, dialog.email_opened, dialog.copy_button))
    assert (
        dialog.bundle.reference not in text
        and _("Nothing is lost: this program keeps your message.") + " " + _("You will not have to write your message again.") in text
    ), text

    _press(qtbot, dialog, dialog.retry_button)
    # the same message, once more, under the same key: support's server makes no second ticket of it
    assert server.posts == [bundle_id, bundle_id]
    assert dialog.done_title.text() == _("Sent. Thank you!"), label_words(dialog.done_text)
    assert dialog.reference.text() == TICKET and dialog.reference.isVisibleTo(dialog)
    assert _("{who} received your message and what this program found on this computer.").format(who=_("Your support team")) in label_words(dialog.done_text)
    assert not dialog.retry_button.isVisibleTo(dialog) and dialog.close_button.objectName() == "primary"
    assert Outbox().get(bundle_id) is None  # it left the outbox: nothing more is offered
    dialog.close()
    assert window.contact_support().kept is None


def test_refused_again_says_it_is_still_not_sent_and_still_offers_the_button(qtbot, make_window, relay):
    server = relay([403, 403])
    window = _window(qtbot, make_window, server.url)
    dialog = _refused(qtbot, window)
    bundle_id = dialog.bundle.bundle_id
    _press(qtbot, dialog, dialog.retry_button)
    assert server.posts == [bundle_id, bundle_id]
    text = label_words(dialog.done_text)
    assert dialog.done_title.text() == "Still not sent", text
    assert (
        "It is still not sent. Call your support team and tell them what is wrong, as you wrote it (there is no message number this time, and you do not need one): phone 0800\u00a0123\u00a0456"
        in text
    ), text
    assert (
        "You can also try again later: click “Try sending again” below, or click “Contact support” again and this program offers to send your message." in text
    )
    assert "You will not have to write your message again." in text, text
    assert HOSTILE not in text and "0900" not in text and "403" not in text
    # send round 75 (en): "Why give me a number they can't look up yet?": none shown; the kept message keeps its own for the next try
    assert not dialog.reference.isVisibleTo(dialog) and dialog.kept_reference == dialog.bundle.reference and dialog.retry_button.isVisibleTo(dialog)
    assert Outbox().get(bundle_id).status == FAILED  # still kept, for later


def test_no_answer_at_the_retry_shows_the_queued_screen(qtbot, make_window, relay):
    server = relay([403])
    window = _window(qtbot, make_window, server.url)
    dialog = _refused(qtbot, window)
    server.stop()  # nothing listens there any more: it cannot get through now
    _press(qtbot, dialog, dialog.retry_button)
    assert dialog.done_title.text() == "Not sent yet", label_words(dialog.done_text)
    assert "Nothing is lost: it stays on this computer and will be sent by itself later." in label_words(dialog.done_text)
    assert not dialog.retry_button.isVisibleTo(dialog)  # it goes by itself now
    assert Outbox().get(dialog.bundle.bundle_id).status == QUEUED


def test_a_retry_that_breaks_says_only_not_sent(qtbot, make_window, relay, monkeypatch):
    server = relay([403])
    window = _window(qtbot, make_window, server.url)
    dialog = _refused(qtbot, window)

    def breaks(*args: object, **kwargs: object) -> None:
        raise RuntimeError('Traceback (most recent call last):\n  File "/opt/selfcheck/send.py", line 1')

    monkeypatch.setattr(support, "send_again", breaks)
    _press(qtbot, dialog, dialog.retry_button)
    text = label_words(dialog.done_text)
    assert dialog.done_title.text() == "Not sent" and text.startswith("It could not be sent. Nothing is lost: this program keeps your message."), text
    assert "Traceback" not in text and "send.py" not in text
    assert not dialog.reference.isVisibleTo(dialog) and dialog.kept_reference == dialog.bundle.reference and dialog.retry_button.isVisibleTo(dialog)


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_contact_support_opened_again_offers_the_kept_message_and_sends_it(qtbot, make_window, relay, lang):
    server = relay([403])
    window = _window(qtbot, make_window, server.url, lang)
    first = _refused(qtbot, window)
    bundle_id, reference = first.bundle.bundle_id, first.bundle.reference
    first.close()

    dialog = window.contact_support()  # later: the person opens "Contact support" again
    assert dialog.stack.currentIndex() == SupportDialog.DESCRIBE
    assert dialog.kept_banner.isVisibleTo(dialog), "the kept message is not offered"
    words = dialog.kept_words.text()
    written = when_plain(Outbox().get(bundle_id).created)  # "today at 14:02", « aujourd’hui à 14 h 02 »
    # send round 65 (en, fr): the empty form under the offer ("made me think my message was gone", « J'ai eu peur que mon texte
    # soit perdu ») and "whether it sends straight away or shows me first": their own words, sent as they are, not the form
    said = _("Your message written {when} was not sent: “{words}”. This program still has it.").format(when=written, words="E-mail does not arrive.")
    # send round 90 (en), 89 (fr): "Write a new message instead": "Does that throw away the old one, or are both kept?": kept
    # send round 96 (fr): « celui-ci est gardé ici, sans être envoyé »: « je ne sais pas si « celui-ci » veut dire l'ancien message
    # ou le nouveau »: the old one, named
    assert words == said + " " + _(
        "“Send it now” sends it as it is. To write about something else, choose “Write a new message instead”: the old message is not sent, and this program keeps it until you send it or delete it. “Not now, keep it” keeps it here and offers it again the next time you click “Contact support”."
    )
    # send round 100 (en): "the old message is kept here, not sent": "does the old one stay forever? Will it ever go?": until
    # they send it or delete it
    kept = {
        "en": "“Write a new message instead”: the old message is not sent, and this program keeps it until you send it or delete it.",
        "fr": "«\u00a0Écrire plutôt un nouveau message\u00a0»\u00a0: l’ancien message n’est pas envoyé, et ce programme le garde"
        " jusqu’à ce que vous l’envoyiez ou le supprimiez.",
    }
    assert kept[lang] in words and "this one" not in words and "celui-ci" not in words, words
    assert ("Votre message écrit" if lang == "fr" else "Your message written") in words
    assert dialog.kept_button.text() == _("Send it now")
    dialog.kept_new_button.click()
    assert dialog.kept_words.text() == said + " " + _("“Send it now” sends it as it is: you do not need to fill in the form below for it.")
    assert Outbox().get(bundle_id) is not None and server.posts == [bundle_id]  # "the old message is not sent, and stays on this computer"
    dialog.what.setPlainText("The printer does not print either.")  # a new message begun, before the old one is sent
    _press(qtbot, dialog, dialog.kept_button)  # from the band above the form
    assert server.posts == [bundle_id, bundle_id]  # the kept message, not a new one
    assert dialog.done_title.text() == _("Sent. Thank you!"), label_words(dialog.done_text)
    assert dialog.reference.text() == TICKET
    # the e-mail address given with the kept message, not this dialog's empty box
    assert "ann@example.org" in label_words(dialog.done_text) and _("You left no e-mail address") not in label_words(dialog.done_text)
    assert not dialog.kept_banner.isVisibleTo(dialog)
    assert Outbox().get(bundle_id) is None and reference
    dialog.close()
    reopened = window.contact_support()
    assert reopened.kept is None  # sent: offered no more
    assert reopened.what.toPlainText() == "The printer does not print either."  # the new message they began is still there


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_kept_message_whose_record_is_damaged_is_still_offered_with_the_day_it_was_written(qtbot, make_window, relay, lang):
    """Its state.json cut short (switched off while it was written, a damaged disk): it is never sent by itself (it may
    have been refused, or meant elsewhere), so without the offer the window would never say it has not gone. It is
    offered as any kept message, written on the day its bundle was (not "just now"), and "Send it now" sends it."""
    import os
    import time

    server = relay([403])
    window = _window(qtbot, make_window, server.url, lang)
    first = _refused(qtbot, window)
    bundle_id = first.bundle.bundle_id
    first.close()
    entry = Outbox().get(bundle_id)
    (entry.folder / "state.json").write_text('{"bundle_id": "' + bundle_id[:5], encoding="utf-8")
    written = time.time() - 3 * 86400
    os.utime(entry.folder / "bundle.zip", (written, written))

    dialog = window.contact_support()
    assert dialog.kept is not None and dialog.kept_banner.isVisibleTo(dialog), "the damaged message is not offered"
    said = _("Your message written {when} was not sent. This program still has it.").format(when=when_plain(written))
    assert dialog.kept_words.text().startswith(said + " ")
    _press(qtbot, dialog, dialog.kept_button)
    assert server.posts == [bundle_id, bundle_id]  # the same message, sent because the person asked
    assert dialog.done_title.text() == _("Sent. Thank you!"), label_words(dialog.done_text)
    assert Outbox().get(bundle_id) is None
    dialog.close()


def test_a_kept_message_half_written_when_the_computer_stopped_is_offered_only_when_its_bundle_is_whole(qtbot, make_window, relay):
    """The computer stopped between Outbox.add's two renames: bundle.zip is there, state.json is not. Before, the message
    was listed nowhere and never offered. It is offered as a damaged kept message, but only once its bundle's own
    checksums say it is whole: a broken one is not offered to be sent (it would go for nothing)."""
    import io
    import zipfile

    server = relay([403])
    window = _window(qtbot, make_window, server.url)
    first = _refused(qtbot, window)
    bundle_id = first.bundle.bundle_id
    first.close()
    entry = Outbox().get(bundle_id)
    (entry.folder / "state.json").unlink()
    whole = entry.bundle_path.read_bytes()
    broken = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(whole)) as source, zipfile.ZipFile(broken, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            target.writestr(info, data + b" " if info.filename == "results.json" else data)  # changed after it was made
    entry.bundle_path.write_bytes(broken.getvalue())

    dialog = window.contact_support()
    assert dialog.kept is None, "a broken bundle is offered to be sent"
    dialog.close()

    entry.bundle_path.write_bytes(whole)
    dialog = window.contact_support()
    assert dialog.kept is not None and dialog.kept_banner.isVisibleTo(dialog), "the half-written message is not offered"
    _press(qtbot, dialog, dialog.kept_button)
    assert server.posts == [bundle_id, bundle_id]  # the same message, sent because the person asked
    assert dialog.done_title.text() == _("Sent. Thank you!"), label_words(dialog.done_text)
    assert Outbox().get(bundle_id) is None
    dialog.close()


def test_the_offer_shows_on_the_first_page_only_and_not_on_a_support_request(qtbot, make_window, relay):
    from selfcheck.upload.request import SupportRequest

    server = relay([403])
    window = _window(qtbot, make_window, server.url)
    _refused(qtbot, window).close()
    dialog = window.contact_support()
    dialog.kept_new_button.click()
    dialog.what.setPlainText("The printer does not print.")
    dialog.next_button.click()
    qtbot.waitUntil(lambda: dialog.stack.currentIndex() == SupportDialog.REVIEW, timeout=10000)
    assert not dialog.kept_banner.isVisibleTo(dialog)  # on the review, what is shown is what goes
    dialog.close()
    asked = window.contact_support(request=SupportRequest(code="7K2QD-9XHMA", ticket="123", note=""))
    assert asked.kept is None and not hasattr(asked, "kept_banner")
    asked.close()


def test_the_offer_quotes_the_start_of_what_they_wrote_on_one_line_and_inert():
    """Send round 65: the offer quotes their own first words (a kept message's description, as the bundle's description.txt
    is written: a question, its answer, a blank line…), on one line, cut at a word; a file on disk is hostile input: control
    characters never reach the window as such; no words when the description does not start with an answered question."""
    from selfcheck.gui.support import first_words

    assert first_words("What is the problem?\nE-mail does not arrive.\n\nSince when?\nYesterday\n") == "E-mail does not arrive."
    long = "What is the problem?\nThe computer is very slow since the update, and I cannot save\nmy letters any more, it says the disk is full.\n"
    cut = first_words(long)
    assert cut.startswith("The computer is very slow since the update, and I cannot save") and cut.endswith("…") and "\n" not in cut
    assert len(cut) <= 71 and not cut[:-1].endswith(" ")
    hostile = first_words("Quel est le problème\u202f?\nPlus d’internet\x1b]0;PWNED\x07 du tout\u202e\n")
    assert "\x1b" not in hostile and "\u202e" not in hostile and hostile.startswith("Plus d’internet")
    assert first_words("Since when?\n\n") == "" and first_words("") == "" and first_words(None) == ""
    assert first_words("Kind of problem: internet\n") == ""


@pytest.mark.parametrize("status", [413, 400])  # too big for support's server; what came with it refused (an e-mail address)
def test_a_message_refused_for_good_is_not_offered_again_and_the_way_is_a_call(qtbot, make_window, relay, status):
    """Review of the offer: a message a new try cannot get through (413: too big; 400: the relay refuses the e-mail address
    given with it) was offered "Try sending again", then "Send it now" each time Contact support opened, for ever."""
    server = relay([status, status])
    window = _window(qtbot, make_window, server.url)
    dialog = _refused(qtbot, window)
    bundle_id = dialog.bundle.bundle_id
    text = label_words(dialog.done_text)
    assert not dialog.retry_button.isVisibleTo(dialog) and dialog.close_button.objectName() == "primary"
    assert "This program will not try again by itself, so call your support team: phone 0800\u00a0123\u00a0456" in text, text
    assert "Try sending again" not in text and "offers to send your message" not in text
    # send round 75 (en): "Why give me a number they can't look up yet?": support cannot look up a message it never received
    assert not dialog.reference.isVisibleTo(dialog) and "You will not have to write your message again." in text, text
    assert Outbox().get(bundle_id).status == FAILED  # kept on this computer, as the screen says
    dialog.close()
    reopened = window.contact_support()
    assert not reopened.offering and not reopened.kept_button.isVisibleTo(reopened) and _("Send it now") not in _visible_buttons(reopened)
    assert reopened.what.isVisibleTo(reopened) and reopened.focusWidget() is reopened.what  # the form, not an offer to send it
    assert server.posts == [bundle_id]


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_message_refused_for_good_can_be_deleted_from_the_window(qtbot, make_window, relay, lang):
    """It stayed on this computer for ever, in no list of the window: only "selfcheck outbox remove" removed it. Contact
    support, opened again, shows it above the form with "Delete it without sending" only, asking once, Keep it the default."""
    server = relay([413])
    window = _window(qtbot, make_window, server.url, lang)
    first = _refused(qtbot, window)
    bundle_id = first.bundle.bundle_id
    first.close()
    dialog = window.contact_support()
    assert dialog.kept is not None and dialog.kept.bundle_id == bundle_id and dialog.kept_banner.isVisibleTo(dialog)
    words = dialog.kept_words.text()
    assert words.endswith(_("It cannot be sent. If you no longer need it for your call to {who}, you can delete it.").format(who=_("your support team")))
    assert "E-mail does not arrive." in words and "413" not in words and HOSTILE not in words  # their own words, never the server's
    assert [b for b in _visible_buttons(dialog) if b in (_("Send it now"), _("Delete it without sending"))] == [_("Delete it without sending")]
    assert dialog.kept_forget_button.accessibleDescription() == words

    box = _confirm_box(qtbot, dialog)
    assert box.defaultButton().text() == _("Keep it") and box.escapeButton() is box.defaultButton()
    box.defaultButton().click()
    qtbot.waitUntil(lambda: not box.isVisible())
    assert Outbox().get(bundle_id).status == FAILED and dialog.kept_banner.isVisibleTo(dialog)

    box = _confirm_box(qtbot, dialog)
    next(b for b in box.buttons() if b.text() == _("Delete")).click()
    qtbot.waitUntil(lambda: not dialog.kept_banner.isVisibleTo(dialog))
    assert Outbox().get(bundle_id) is None and list(Outbox().entries()) == []
    assert dialog.what.isVisibleTo(dialog) and dialog.focusWidget() is dialog.what
    assert server.posts == [bundle_id]  # deleted, never sent again
    dialog.close()
    assert window.contact_support().kept is None


def _confirm_box(qtbot, dialog: SupportDialog) -> Any:
    from PySide6.QtWidgets import QMessageBox

    dialog.kept_forget_button.click()
    qtbot.waitUntil(lambda: dialog.findChild(QMessageBox, "forgetKept") is not None and dialog.findChild(QMessageBox, "forgetKept").isVisible())
    return dialog.findChild(QMessageBox, "forgetKept")


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_do_not_send_it_asks_once_then_deletes_the_kept_message_and_it_is_offered_no_more(qtbot, make_window, relay, lang):
    from PySide6.QtCore import Qt

    server = relay([403])
    window = _window(qtbot, make_window, server.url, lang)
    first = _refused(qtbot, window)
    bundle_id = first.bundle.bundle_id
    first.close()
    dialog = window.contact_support()
    assert dialog.kept_banner.isVisibleTo(dialog)
    forget = dialog.kept_forget_button
    assert forget.text() == _("Delete it without sending") and forget.isVisibleTo(dialog) and forget.focusPolicy() & Qt.FocusPolicy.TabFocus
    assert forget.accessibleDescription() == dialog.kept_words.text()  # a screen reader hears which message

    box = _confirm_box(qtbot, dialog)
    assert box.text() == _("The message will be deleted from this computer. {who} will not get it.").format(who=_("Your support team"))
    assert box.defaultButton().text() == _("Keep it") and box.escapeButton() is box.defaultButton()  # Return or Escape keeps it
    box.defaultButton().click()  # "Keep it"
    qtbot.waitUntil(lambda: not box.isVisible())
    assert dialog.kept_banner.isVisibleTo(dialog) and dialog.kept is not None
    assert Outbox().get(bundle_id).status == FAILED

    box = _confirm_box(qtbot, dialog)
    delete = next(b for b in box.buttons() if b.text() == _("Delete"))
    delete.click()
    qtbot.waitUntil(lambda: not dialog.kept_banner.isVisibleTo(dialog))
    assert Outbox().get(bundle_id) is None and dialog.kept is None
    # the offer was the page: the form to write a new message takes its place, the keyboard in its first box
    assert dialog.what.isVisibleTo(dialog) and dialog.next_button.isVisibleTo(dialog) and dialog.focusWidget() is dialog.what
    assert server.posts == [bundle_id]  # deleted, never sent
    dialog.close()
    assert window.contact_support().kept is None  # offered no more


def _form_boxes(dialog: SupportDialog) -> list[Any]:
    return [dialog.what, dialog.email, dialog.name, dialog.since, dialog.changed, dialog.include_logs, dialog.include_screenshot]


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_kept_message_is_offered_as_the_page_without_the_empty_form_until_they_choose_to_write_a_new_one(qtbot, make_window, relay, lang):
    """Send rounds 65-66 (en, fr): all four readers were unsettled by the empty form under the offer ("The empty box under
    'What happened?' made me think my message was gone", "Do I fill it in as well?", « J'ai eu peur que mon texte soit perdu »):
    the offer is the page, "Send it now" its blue button (Return sends it), and "Write a new message instead" shows the form,
    the keyboard in its first box, the offer still above it."""
    server = relay([403])
    window = _window(qtbot, make_window, server.url, lang)
    _refused(qtbot, window).close()
    dialog = window.contact_support()
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.kept_words.isVisibleTo(dialog) and "E-mail does not arrive." in dialog.kept_words.text()
    assert [box for box in _form_boxes(dialog) if box.isVisibleTo(dialog)] == []
    assert not dialog.next_button.isVisibleTo(dialog)
    send, forget, new = dialog.kept_button, dialog.kept_forget_button, dialog.kept_new_button
    # send round 72 (fr): « Annuler » read as perhaps deleting the message: beside it, the button that closes says it keeps it
    assert sorted(_visible_buttons(dialog)) == sorted(
        [_("Send it now"), _("Delete it without sending"), _("Not now, keep it"), _("Write a new message instead")]
    )
    assert dialog.describe_cancel.text() == ("Pas maintenant, le garder" if lang == "fr" else "Not now, keep it")
    assert new.text() == ("Écrire plutôt un nouveau message" if lang == "fr" else "Write a new message instead")
    assert send.objectName() == "primary" and send.isDefault() and not dialog.next_button.isDefault()
    assert dialog.focusWidget() is send
    # the keyboard's order as they are seen: the message's two buttons, the new message, Cancel
    order = [send]
    while len(order) < 4:
        order.append(order[-1].nextInFocusChain())
        while not (order[-1].isVisibleTo(dialog) and order[-1].focusPolicy() & Qt.FocusPolicy.TabFocus):
            order[-1] = order[-1].nextInFocusChain()
    assert order == [send, forget, new, dialog.describe_cancel]

    new.click()
    assert all(box.isVisibleTo(dialog) for box in _form_boxes(dialog))
    assert dialog.focusWidget() is dialog.what and dialog.what.toPlainText() == ""
    assert dialog.next_button.isVisibleTo(dialog) and dialog.next_button.isDefault() and not new.isVisibleTo(dialog)
    assert dialog.describe_cancel.text() == _("Cancel")  # under a new message's form, it cancels that
    # the offer stays above the form, its button no longer the page's blue one
    assert dialog.kept_banner.isVisibleTo(dialog) and send.isVisibleTo(dialog) and forget.isVisibleTo(dialog)
    assert send.objectName() != "primary" and not send.isDefault()
    assert send.accessibleDescription() == dialog.kept_words.text()
    assert len(server.posts) == 1  # nothing sent by choosing
    dialog.close()


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_later_beside_the_kept_message_closes_and_keeps_it(qtbot, make_window, relay, lang):
    """Send round 72 (fr): « Annuler » beside the kept message: « je ne sais pas si « Annuler » efface mon message ou s'il le
    garde »: the button says "Later", and the message is still there, offered the next time."""
    server = relay([403])
    window = _window(qtbot, make_window, server.url, lang)
    first = _refused(qtbot, window)
    bundle_id = first.bundle.bundle_id
    first.close()
    dialog = window.contact_support()
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.describe_cancel.text() == _("Not now, keep it")
    dialog.describe_cancel.click()
    assert not dialog.isVisible() and server.posts == [bundle_id]  # closed, nothing sent again
    assert Outbox().get(bundle_id) is not None
    again = window.contact_support()
    assert again.kept is not None  # offered again
    assert "E-mail does not arrive." in again.kept_words.text()
    again.close()


def test_a_new_message_they_had_begun_opens_on_the_form_with_the_offer_above(qtbot, make_window, relay):
    """Words typed in a new message, then Cancel: opened again, the form with their words is the page (the offer in its
    band above), not the offer with their words out of sight."""
    server = relay([403])
    window = _window(qtbot, make_window, server.url)
    _refused(qtbot, window).close()
    dialog = window.contact_support()
    dialog.kept_new_button.click()
    dialog.what.setPlainText("The printer does not print.")
    dialog.reject()
    again = window.contact_support()
    assert again.what.isVisibleTo(again) and again.what.toPlainText() == "The printer does not print."
    assert again.kept_banner.isVisibleTo(again) and again.kept_button.isVisibleTo(again) and again.next_button.isDefault()
    again.close()


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_delete_it_without_sending_says_so_when_it_cannot_delete_it(qtbot, make_window, relay, lang):
    """Review of fdd21bb: "Delete", answered while the kept message is being sent by another window of this program (its
    lock held), did nothing at all: the offer stayed as it was and nothing said why, as if the click was lost."""
    server = relay([403])
    window = _window(qtbot, make_window, server.url, lang)
    first = _refused(qtbot, window)
    bundle_id = first.bundle.bundle_id
    first.close()
    outbox = Outbox()
    assert outbox.lock(outbox.get(bundle_id))  # another window sends it right now
    dialog = window.contact_support()
    box = _confirm_box(qtbot, dialog)
    next(b for b in box.buttons() if b.text() == _("Delete")).click()
    qtbot.waitUntil(lambda: not box.isVisible())
    assert outbox.get(bundle_id) is not None and dialog.kept is not None and dialog.kept_banner.isVisibleTo(dialog)
    said = _("Your message could not be deleted just now: it is being sent at this moment. Close this window and look again in a moment.")
    assert dialog.describe_error.isVisibleTo(dialog) and dialog.describe_error.text() == said
    assert ("Votre message" if lang == "fr" else "Your message") in said
    outbox.unlock(outbox.get(bundle_id))
    box = _confirm_box(qtbot, dialog)  # free again: deleted, and the words go with it
    next(b for b in box.buttons() if b.text() == _("Delete")).click()
    qtbot.waitUntil(lambda: outbox.get(bundle_id) is None)
    assert dialog.describe_error.text() == "" and dialog.focusWidget() is dialog.what
    dialog.close()
