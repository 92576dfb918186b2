"""Send rounds 101-103 (issue 21, lay readers of 67, en and fr, the send, request and repair pictures): what they still
quoted was mostly a link or a fold whose content they could not guess ("I wouldn't know what's behind them", "I wouldn't
dare click it"): each one's own words now say what is behind it, on the full Windows computer of the pictures (recorded
facts, tests/fixtures/checks) and on "Contact support"."""

from __future__ import annotations

import re

import pytest
from PySide6.QtWidgets import QLabel, QScrollArea, QVBoxLayout, QWidget

from selfcheck import i18n
from selfcheck.api import Fix
from selfcheck.gui import fixes
from selfcheck.gui.widgets import MoreBelow

from . import fakechecks
from .conftest import run_scan
from .test_big_text import first_window, recorded


@pytest.fixture(params=["en", "fr"])
def lang(request: pytest.FixtureRequest):
    yield request.param
    i18n.set_language("en")


#: the closed fold of the full computer's other ways (send rounds 109-111: it named the ways, and each was asked about
#: before the fold was opened; tests/gui/test_repair_words_round111.py)
MORE_ROOM = {"en": "Need more room? 2 other ways, step by step", "fr": "Besoin de plus de place\u202f? 2 autres façons, pas à pas"}
#: the line beside the make-room button, inside the fold: what it deletes, that it asks first, and that the photos stay
MAKE_ROOM_SAYS = {
    "en": "“Let this program make more room by itself” deletes only what other programs kept for a while and have not used for a day."
    " It asks you first and says how much room that makes. Your photos and documents in their folders are not touched.",
    "fr": "«\u00a0Laisser ce programme faire de la place tout seul\u00a0» supprime seulement ce que les autres programmes ont gardé un moment"
    " et n’ont pas utilisé depuis un jour. Il vous demande d’abord votre accord et dit combien de place cela fera. Vos photos et vos"
    " documents, dans leurs dossiers, ne sont pas touchés.",
}


def full_windows_computer(qtbot, lang: str):
    """The repair offer of the pictures (scripts/screenshots.py): a full Windows computer, its Recycle Bin, 7 updates."""
    from selfcheck.checks.hardware_disk import DiskCheck
    from selfcheck.checks.security_updates import UpdatesCheck

    i18n.set_language(lang)
    full = recorded(DiskCheck, "windows_c_full", trash={"bytes": 1_300_000_000, "complete": True, "drives": {"C:\\": 1_300_000_000}})
    window = first_window(qtbot, full, recorded(UpdatesCheck, "linux_apt_security_pending"))
    window.retranslate()
    run_scan(qtbot, window)
    return window


def test_each_review_part_s_link_says_it_is_for_reading_what_the_part_sends(qtbot, make_window, lang):
    """Send rounds 102-103 (en): "See what is in this part": "I would guess it shows more, but I wouldn't dare click it"
    (send-review, request-review): the link says what a click shows, something to read, what the part sends."""
    from .test_support import _to_review

    window = make_window(fakechecks.FailCheck)
    if lang == "fr":
        window.set_language("fr")
    run_scan(qtbot, window)
    dialog = _to_review(qtbot, window)
    links = [re.sub("<[^>]*>", "", words) for words in re.findall(r'<a href="part:[^"]*">(.*?)</a>', dialog.overview.text())]
    assert len(links) == len(dialog.groups) >= 3
    # send round 113: "What is in it?" quoted again, as every wording: the part's name is the link (test_send_review_names48.py)
    assert links == [g.title for g in dialog.groups], links
    dialog.close()


def test_the_review_s_closed_box_says_what_it_holds_in_lay_words(qtbot, make_window, lang):
    """Send rounds 96-103 (en, fr): "Show the technical text (you do not need it)", quoted in every wording ("I don't know
    what it is", "what secret text is in there", « je ne sais pas ce qu'il y a dedans »): it says it is the same part, in
    detail, for the technicians its heading names, and still that the reader does not need it."""
    from .test_support import _to_review

    window = make_window(fakechecks.FailCheck)
    if lang == "fr":
        window.set_language("fr")
    run_scan(qtbot, window)
    dialog = _to_review(qtbot, window)
    assert dialog.select("group", "computer")
    toggle = dialog.details_toggle
    show, hide = {
        "en": ("More details", "Hide these lines again"),
        "fr": ("Plus de détails", "Cacher de nouveau ces lignes"),
    }[lang]
    # send round 111: the readers feared "computer gibberish" behind the same part's words: "technical" says so honestly, for
    # the curious; still no "(you do not need it)" ("what secret text is in there")
    assert toggle.text() == show and "need" not in show and "besoin" not in show
    toggle.click()
    assert toggle.text() == hide and dialog.part_details.isVisibleTo(dialog)
    dialog.close()


def test_the_fold_of_other_ways_to_make_room_says_what_its_number_counts(qtbot, lang):
    """Send rounds 102-103 (en, fr): "Other ways to make room (2)": "Two what?", « je ne sais pas ce que veut dire le
    (2) », "I wouldn't know what's behind it" (round 99's "2 more ways to make room: click to see them" was quoted too):
    no bare number. The closed fold named the two ways until send rounds 109-111, where both names were asked about before
    it was opened ("I wouldn't know which programs I can remove"): it says how many ways, of what, shown step by step."""
    window = full_windows_computer(qtbot, lang)
    card = window.results_page.headline_card
    assert card is not None and card.more_expander is not None and len(card.repair_buttons) == 1
    closed = card.more_expander.text()
    assert not re.search(r"\(\d+\)", closed), closed
    assert closed == MORE_ROOM[lang]
    # its words wrap at the card's width, within the steps' box it sits in (in French they were wider than the window)
    box = card.action_box
    assert box is not None and card.more_expander.geometry().right() < box.width()
    # what it counts is what it holds: the folded step, then the button
    card.more_expander.click()
    assert card.more_expander.text() == {"en": "Other ways to make room:", "fr": "Autres façons de faire de la place\u00a0:"}[lang]
    assert card.steps[-1].isVisible() and card.steps[-1].text().split("  ", 1)[1].startswith({"en": "Programs you know", "fr": "Les programmes"}[lang])
    button = card.repair_buttons[0]
    assert button.isVisible()
    window.threads.stop_all(3000)


def test_the_updates_line_says_what_its_fold_holds_and_no_viruses(qtbot, lang):
    """Send rounds 101-103 (en, fr): "Show what to do" ("I wouldn't know what's behind it") and "7 updates that protect your
    computer from viruses" (point 4 of every reader: "The word viruses frightens me", « le mot « virus » me fait peur »):
    the fold says it shows how, step by step; the line says from what they protect without the alarming word."""
    window = full_windows_computer(qtbot, lang)
    updates = window.results_page.cards["security.updates"]
    assert updates.expander.text() == {"en": "Show how to do it, step by step", "fr": "Voir comment faire, étape par étape"}[lang]
    line = updates.summary_label.text()
    assert "virus" not in line.lower()
    assert line.startswith(
        {
            "en": "7 updates (small fixes for this computer's programs, sent by their makers) have not been done yet.",
            "fr": "7 mises à jour (de petites corrections pour les programmes de cet ordinateur, envoyées par leurs fabricants) n’ont pas encore été faites.",
        }[lang]
    ), line
    window.threads.stop_all(3000)


def test_the_full_computer_s_check_again_button_says_when_it_is_for(qtbot, lang):
    """Send round 103 (fr): « Vérifier mon ordinateur à nouveau » under the blue button: « je ne sais pas pourquoi je
    devrais le faire »: on a computer short of room its words say when (the blue button's repair checks again by
    itself); the line of a fix that could not empty the bin quotes the button as it reads there."""
    window = full_windows_computer(qtbot, lang)
    card = window.results_page.headline_card
    assert card is not None and card.again_button is not None
    words = {
        "en": "After making room: check my computer again",
        "fr": "Après avoir fait de la place\u00a0: revérifier",
    }[lang]
    assert card.again_button.text() == words and card.again_button.accessibleName() == words
    window.threads.stop_all(3000)


def test_a_fix_s_line_quotes_the_check_again_button_on_screen(monkeypatch):
    """The trash fix that could not empty it says "Empty it yourself, then click “…”": the button as the verdict names it."""
    monkeypatch.setattr(fixes, "empty_trash", lambda platform: False)
    said = fixes.perform(Fix(action="empty_trash", label="Empty the Trash"), "linux", again="After making room: check my computer again")
    assert not said.ok and said.message.endswith("then click “After making room: check my computer again”.")


def test_the_scroll_cue_says_it_shows_the_rest_of_this_page(qtbot, lang):
    """Send rounds 102-103 (en): "More below ↓": "I wouldn't know what's behind it" (repair-offer): it says what a click
    shows, the rest of this page."""
    i18n.set_language(lang)
    area = QScrollArea()
    area.setWidgetResizable(True)
    page = QWidget()
    column = QVBoxLayout(page)
    for n in range(60):
        column.addWidget(QLabel(f"line {n}"))
    area.setWidget(page)
    cue = MoreBelow(area)
    qtbot.addWidget(area)
    area.resize(400, 700)
    area.show()
    qtbot.waitExposed(area)
    qtbot.waitUntil(lambda: cue.button is not None and cue.button.isVisible())
    assert cue.button is not None
    words = {"en": "See the rest of this page ↓", "fr": "Voir la suite, plus bas ↓"}[lang]
    assert cue.button.text() == words and cue.button.accessibleName() == words.rstrip(" ↓")
