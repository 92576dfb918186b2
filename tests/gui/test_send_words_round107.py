"""Send round 107 (issue 21, one lay reader of 67 per language, the send, request and repair pictures; rounds 104-106 for
the persistent ones): the words they still quoted on the review, the send page's boxes, the repair offer's fold and its
dialog, and the kept and not-sent messages (tests/gui/test_support_send_again.py pins the last two)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from selfcheck import i18n
from selfcheck.gui.repair_dialog import RepairDialog
from selfcheck.gui.support_dialog import ALWAYS_SENT, SupportDialog

from . import fakechecks
from .conftest import run_scan
from .test_repair_dialog import TrashDiskCheck, full_trash  # noqa: F401 (the fixture)
from .test_send_words_round103 import MORE_ROOM, full_windows_computer


@pytest.fixture(params=["en", "fr"])
def lang(request: pytest.FixtureRequest):
    yield request.param
    i18n.set_language("en")


def _review(qtbot, make_window, lang):
    from .test_support import _to_review

    window = make_window(fakechecks.PassCheck, fakechecks.FailCheck)
    if lang == "fr":
        window.set_language("fr")
    run_scan(qtbot, window)
    return _to_review(qtbot, window)


def test_the_review_line_s_details_button_reads_as_harmless_and_still_opens_them(qtbot, make_window, lang):
    """Send rounds 104-107 (en, fr): "Show the same in detail, for technicians (you do not need it)", « Voir le détail pour
    les techniciens », quoted in most rounds by readers who then left it alone: what it shows, the same part as support
    will read it, with no "technicians"; the lines are still one click away."""
    dialog = _review(qtbot, make_window, lang)
    assert dialog.select("group", "computer")
    toggle = dialog.details_toggle
    said = {"en": "More details", "fr": "Plus de détails"}[lang]
    assert toggle.text() == said and toggle.accessibleName() == said
    assert "technici" not in said and "need" not in said and "besoin" not in said
    assert not dialog.part_details.isVisibleTo(dialog)
    toggle.click()
    assert dialog.part_details.isVisibleTo(dialog)
    dialog.close()


def test_always_sent_says_why_in_the_same_few_words(qtbot, make_window, lang):
    """Send round 107 (en): "What is wrong and what works on your computer", with "Always sent" and no little square: "Why
    can't I take that one out?": the words after its name say why (support needs it to help); the words under it do not
    say it again; the name and e-mail's line keeps "Always sent", its why under it."""
    from .test_support import _line

    dialog = _review(qtbot, make_window, lang)
    results = _line(dialog, "group", "results")
    assert results.data(0, Qt.ItemDataRole.CheckStateRole) is None  # no box, as before
    assert results.data(0, ALWAYS_SENT) == {"en": "Always sent: support needs it to help you", "fr": "Toujours envoyé\u00a0: l’assistance en a besoin"}[lang]
    assert {"en": "needs most", "fr": "le plus besoin"}[lang] not in results.text(0)
    who = _line(dialog, "contact", "")
    assert who.data(0, ALWAYS_SENT) == {"en": "Always sent", "fr": "Toujours envoyé"}[lang]
    dialog.close()


def test_the_computer_part_says_it_shows_nothing_of_who_you_are_of_itself(qtbot, make_window, lang):
    """Send round 107 (en): "Nothing that shows who you are is sent": "but it sends my name" (its own line, above): said of
    the part it is about."""
    dialog = _review(qtbot, make_window, lang)
    assert dialog.select("group", "computer")
    shown = dialog.group_info.text()
    said = {"en": "Nothing in this part shows who you are.", "fr": "Rien dans cette partie ne montre qui vous êtes."}[lang]
    assert said in shown, shown
    assert "is sent, except" not in shown and "n’est envoyé" not in shown
    dialog.close()


def test_the_send_page_s_boxes_say_what_they_are_and_that_they_go_only_with_a_tick(qtbot, make_window, lang):
    """Send rounds 102 and 107 (en): "the list of what this program checked on your computer, and when": "a list of what? I
    don't know what it checks"; rounds 104-107 (en, fr): "a picture of your screen, taken when you opened this page": "Has it
    already taken a picture of my e-mails?": what each is, and that it goes only if its box is ticked (the picture, not
    ticked, is not kept); the list's box on one line still, in sight on a small screen (tests/gui/test_small_room.py)."""
    window = make_window(fakechecks.FailCheck)
    if lang == "fr":
        window.set_language("fr")
    run_scan(qtbot, window)
    dialog = window.contact_support()
    assert isinstance(dialog, SupportDialog)
    logs, picture = dialog.include_logs.text(), dialog.include_screenshot.text()
    said = {
        "en": "the list of what this program checked on your computer, such as the room left for photos, and when: sent only if ticked",
        "fr": "la liste de ce que ce programme a vérifié, par exemple la place pour vos photos, et quand\u00a0: envoyée seulement si cochée",
    }
    assert logs == said[lang]
    only = {"en": "sent only if ticked", "fr": "envoyée seulement si cochée"}[lang]
    assert only in logs and only in picture, (logs, picture)
    assert {"en": "Without a tick, no one sees it and it is not kept.", "fr": "Sans coche, personne ne la voit et elle n’est pas gardée."}[lang] in picture
    assert "taken when" not in picture and "prise quand" not in picture
    assert dialog.include_logs.isChecked() and not dialog.include_screenshot.isChecked()
    dialog.close()


BUTTON = {
    "en": "Let this program make more room by itself",
    "fr": "Laisser ce programme faire de la place tout seul",
}


def test_the_fold_s_second_way_says_which_files_and_that_they_are_never_the_person_s_own(qtbot, lang):
    """Send rounds 104-107 (en, fr): "let this program find and clear away files that programs no longer need": "which
    files? I wouldn't touch it", « enlever les fichiers inutiles des programmes » (« quels fichiers ? »): the fold's title
    says what they are and that they are never the person's photos, letters or documents; its button, in the same words."""
    window = full_windows_computer(qtbot, lang)
    card = window.results_page.headline_card
    assert card is not None and card.more_expander is not None and len(card.repair_buttons) == 1
    closed = card.more_expander.text()
    # send rounds 109-111: the closed fold names no way (each was asked about before it was opened); the line beside the
    # button, inside, says what it deletes and that the person's photos and documents stay
    assert closed == MORE_ROOM[lang], closed
    assert "no longer need" not in closed and "inutiles" not in closed
    card.more_expander.click()
    assert card.repair_buttons[0].isVisible() and card.repair_buttons[0].text() == BUTTON[lang]
    window.threads.stop_all(3000)


def test_the_clear_away_dialog_says_which_files_in_its_button_s_words(qtbot, make_window, full_trash, lang):  # noqa: F811
    """The repair's own dialog, opened by that button: its blue button has the button's words, and it says what the files
    are and that the person's own photos, letters and documents are never touched."""
    window = make_window(TrashDiskCheck)
    run_scan(qtbot, window)
    if lang == "fr":
        with qtbot.waitSignal(window.scan_shown, timeout=10000):
            window.set_language("fr")
    dialog = window.offer_repair("hardware.disk", "storage.clear_temp")
    assert isinstance(dialog, RepairDialog)
    assert dialog.go_button.text() == BUTTON[lang]
    words = "\n".join(w.text() for w in dialog.findChildren(QLabel))
    said = {
        # send round 108: no files named (the scrap files, « brouillons », were quoted in turn)
        "en": "This program deletes only what other programs kept for a while and have not used for a day."
        " Your own photos, letters and documents are never touched.",
        "fr": "Ce programme supprime seulement ce que les autres programmes ont gardé un moment et n’ont pas utilisé depuis un jour."
        " Vos propres photos, lettres et documents ne sont jamais touchés.",
    }[lang]
    assert said in words, words
    assert "left behind" not in words and "laissés" not in words
    dialog.close()
