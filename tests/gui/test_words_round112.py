"""Send round 112 (issue 21, one lay reader of 67 per language, the send, request and repair pictures of main after
760fbba5 and 01d2aec9): the words still quoted in the window. The detail view's link "For the curious: the exact text
support receives (technical)" / « Pour les curieux : le texte technique que reçoit l'assistance » (both readers: "The word
'technical' tells me to keep away", « Je ne sais pas ce qu'est ce texte technique »), as every wording before it; the
verdict page's back button "Back to the page where you started the check" ("Which page is that?"); in French, the verdict
page's « lors de la vérification faite » (quoted on another screen in round 111). The request page's fold:
tests/test_words_round112.py."""

from __future__ import annotations

import html
from datetime import datetime, timedelta

import pytest

from selfcheck import i18n
from selfcheck.gui.overtime import WhatChangedCard

from .test_send_review_words111 import _review
from .test_send_words_round103 import full_windows_computer


@pytest.fixture(params=["en", "fr"])
def lang(request: pytest.FixtureRequest):
    yield request.param
    i18n.set_language("en")


MORE = {"en": "More details", "fr": "Plus de détails"}
HEADING = {"en": "The exact text support receives:", "fr": "Le texte technique que reçoit l’assistance\u00a0:"}


def test_the_detail_link_says_more_details_and_its_heading_says_what_it_opened(qtbot, make_window, lang):
    """Send rounds 96-112 (en, fr): every wording of the link that opens a part's exact text was quoted, the last one for its
    "technical" / « texte technique »: the words every e-mail and web user knows for such a link; once open, its heading
    still says honestly what it shows, and the link closes it again."""
    dialog = _review(qtbot, make_window, lang)
    assert dialog.select("group", "computer")
    toggle = dialog.details_toggle
    assert toggle.isVisibleTo(dialog)
    assert toggle.text() == MORE[lang] == toggle.accessibleName()
    for quoted in ("technical", "technique", "curious", "curieux"):
        assert quoted not in toggle.text()
    assert not dialog.part_details.isVisibleTo(dialog)
    toggle.click()
    assert dialog.part_details.isVisibleTo(dialog) and dialog.part_details.toPlainText()
    assert dialog.details_heading.text() == f"<b>{html.escape(HEADING[lang])}</b>"
    toggle.click()
    assert not dialog.part_details.isVisibleTo(dialog) and toggle.text() == MORE[lang]
    dialog.close()


def test_the_back_button_says_it_goes_back_to_the_starting_page_as_the_french_does(qtbot):
    """Send round 112 (en): "Back to the page where you started the check": "Which page is that?" (round 111: "Back to the
    first page": "which first page?"; round 23: "Back to the start": "Start of what?"); the French « Revenir à la page de
    départ » was not quoted: the English says the same, and the button still brings back the page where a check starts."""
    try:
        for lang, words in (("en", "Back to the starting page"), ("fr", "Revenir à la page de départ")):
            window = full_windows_computer(qtbot, lang)
            page = window.results_page
            assert page.back_button.text() == words
            page.back_button.click()
            assert window.stack.currentWidget() is window.start_page
            window.threads.stop_all(3000)
    finally:
        i18n.set_language("en")


def test_the_first_seen_sentence_says_when_the_computer_was_checked_as_a_person_would(qtbot):
    """Send round 111 (fr): « lors de la vérification » quoted (on the computer part, now « quand l'ordinateur a été
    vérifié »); the verdict page's "When this started" card said « … pour la première fois lors de la vérification faite hier
    à … »: the same everyday words. The English is unchanged."""
    seen = (datetime.now().astimezone() - timedelta(days=1)).isoformat()
    begins = {
        "en": "We first saw this when this computer was checked yesterday at ",
        "fr": "Nous l’avons vu pour la première fois quand l’ordinateur a été vérifié hier à ",
    }
    try:
        for lang in ("en", "fr"):
            i18n.set_language(lang)
            card = WhatChangedCard([{"check_id": "hardware.disk", "text": "first seen", "first_bad": seen}], {}, plain=True)
            qtbot.addWidget(card)
            [said] = card.texts
            assert said.startswith(begins[lang]), said
            assert "lors de" not in said and "vérification faite" not in said
    finally:
        i18n.set_language("en")
