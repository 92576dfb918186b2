"""Send round 111 (issue 21, one lay reader of 67 per language, the repair pictures of main at cc3daf76, with rounds 109
and 110): what the readers still quoted on the repair offer, the full Windows computer of the pictures (recorded facts,
tests/fixtures/checks). The fold's closed line named ways a reader cannot judge before opening it ("I wouldn't know which
programs I can remove", "I don't know what it would remove", « je ne sais pas lesquels ni comment »); "Back to the first
page" ("which first page?"); the line beside the buttons said the fold below differently from the fold ("1 other thing we
noticed, nothing urgent:", round 109); the updates line's "keep your computer safe on the internet" worried every reader
(« qui protègent votre ordinateur sur internet »); and, in French, « Après votre ménage : revérifier », « mettez à la
corbeille » (« je ne sais pas comment on fait ») and « Voir le reste de cette page »."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect
from PySide6.QtGui import QScreen
from PySide6.QtWidgets import QApplication, QLabel

from selfcheck import i18n

from .test_send_words_round103 import full_windows_computer


@pytest.fixture(params=["en", "fr"])
def lang(request: pytest.FixtureRequest):
    yield request.param
    i18n.set_language("en")


def settle(qtbot) -> None:
    for _ in range(3):
        QApplication.processEvents()
    qtbot.wait(30)


def test_the_closed_fold_says_only_that_there_are_two_more_ways_shown_step_by_step(qtbot, lang):
    """Send rounds 109-111 (en, fr): the closed line named both ways ("remove programs you no longer use, or let this
    program make more room by itself"), and each was asked about before the fold was opened. Closed, it says what a reader
    needs to decide to open it; open, the steps say which programs and how, and what the make-room button deletes."""
    window = full_windows_computer(qtbot, lang)
    card = window.results_page.headline_card
    assert card is not None and card.more_expander is not None and not card.more_expander.isChecked()
    closed = {
        "en": "Need more room? 2 other ways, step by step",
        "fr": "Besoin de plus de place\u202f? 2 autres façons, pas à pas",
    }[lang]
    assert card.more_expander.text() == closed == card.more_expander.accessibleName()
    for unjudged in ("programs", "programmes", "by itself", "tout seul"):
        assert unjudged not in card.more_expander.text()
    card.more_expander.click()
    settle(qtbot)
    inside = " ".join(w.text() for w in card.findChildren(QLabel) if w.isVisible())
    how, removes = {
        "en": (
            "click “…” beside the program and choose “Uninstall”",
            "“Let this program make more room by itself” deletes only what other programs kept for a while and have not used for a day."
            " It asks you first and says how much room that makes. Your photos and documents in their folders are not touched.",
        ),
        "fr": (
            "cliquez sur «\u00a0…\u00a0» à côté du programme et choisissez «\u00a0Désinstaller\u00a0»",
            "«\u00a0Laisser ce programme faire de la place tout seul\u00a0» supprime seulement ce que les autres programmes ont gardé un moment"
            " et n’ont pas utilisé depuis un jour. Il vous demande d’abord votre accord et dit combien de place cela fera. Vos photos et vos"
            " documents, dans leurs dossiers, ne sont pas touchés.",
        ),
    }[lang]
    assert how in inside and removes in inside, inside
    window.threads.stop_all(3000)


def test_the_back_button_names_the_page_it_goes_back_to(qtbot, lang):
    """Send round 111 (en): "Back to the first page": "which first page?": the page where the person started the check
    (what's the problem, "Check my computer"), which it shows."""
    window = full_windows_computer(qtbot, lang)
    page = window.results_page
    words = {"en": "Back to the starting page", "fr": "Revenir à la page de départ"}[lang]
    assert page.back_button.text() == words
    page.back_button.click()
    assert window.stack.currentWidget() is window.start_page
    window.threads.stop_all(3000)


def test_the_line_beside_the_buttons_says_the_fold_below_as_the_fold_says_it(qtbot, lang, monkeypatch):
    """Send rounds 108-109 (en): "1 other thing we noticed, nothing urgent:" was not understood; the fold below says "There
    is also 1 thing that can wait:" since, and the line that points to it on a small screen (1366x768 at 150 %) still said
    "1 other thing we noticed, about “…”, nothing urgent": the same words as the fold, and its card's title."""
    monkeypatch.setattr(QScreen, "availableGeometry", lambda self: QRect(0, 0, 911, 512))
    window = full_windows_computer(qtbot, lang)
    settle(qtbot)
    page = window.results_page
    assert page.short and page.later_expander is not None
    page.area.verticalScrollBar().setValue(0)
    settle(qtbot)
    fold, named = {
        "en": ("There is also 1 thing that can wait", "1 thing that can wait, about “Updates for this computer”"),
        "fr": ("Il y a aussi 1 chose qui peut attendre", "1 chose qui peut attendre, sur «\u00a0Mises à jour de cet ordinateur\u00a0»"),
    }[lang]
    assert page.later_expander.text().startswith(fold), page.later_expander.text()
    said = page.below_pointer.accessibleName()
    assert page.below_pointer.isVisible() and named in said, said
    assert "noticed" not in said and "remarque" not in said and "urgent" not in said
    window.threads.stop_all(3000)


def test_the_updates_line_says_what_updates_are_and_that_they_can_wait_without_fear_words(qtbot, lang):
    """Send rounds 110-111: "7 updates that keep your computer safe on the internet have not been done yet" ("sounds like I'm
    unsafe, even though it says it can wait"), « qui protègent votre ordinateur sur internet » (« me fait peur »), and
    "Updates" ("I know the word a little, but not what it does"): what they are, in plain words, and when to do them."""
    window = full_windows_computer(qtbot, lang)
    card = window.results_page.cards["security.updates"]
    said = " ".join(w.text() for w in card.findChildren(QLabel))
    line = {
        "en": "7 updates (small fixes for this computer's programs, sent by their makers) have not been done yet. Nothing is needed today:"
        " do them within a few days.",
        "fr": "7 mises à jour (de petites corrections pour les programmes de cet ordinateur, envoyées par leurs fabricants) n’ont pas encore"
        " été faites. Rien n’est à faire aujourd’hui\u00a0: faites-les dans les prochains jours.",
    }[lang]
    assert line in said, said
    for fear in ("safe", "protect", "protèg", "virus", "danger", "risk", "risque"):
        assert fear not in said.lower(), said
    window.threads.stop_all(3000)


def test_the_french_check_again_button_and_step_two_say_it_in_everyday_words(qtbot):
    """Send round 111 (fr): « Après votre ménage : revérifier » and « mettez à la corbeille » (« je ne sais pas comment on
    fait ») quoted: when the button is for, said plainly; how files go in the Recycle Bin, as Windows users do it."""
    window = full_windows_computer(qtbot, "fr")
    try:
        card = window.results_page.headline_card
        assert card is not None and card.again_button is not None
        assert card.again_button.text() == "Après avoir fait de la place\u00a0: revérifier" == card.again_button.accessibleName()
        step_two = card.steps[0].text()
        # send round 114 (fr): « faites glisser » (« je ne sais pas bien comment on fait »): how, in Windows' words (words48d)
        assert step_two.startswith("2.  Ensuite, s’il faut plus de place\u00a0: mettez dans la corbeille seulement les fichiers"), step_two
        assert "ménage" not in card.again_button.text() and "mettez à la corbeille" not in step_two and "glisser" not in step_two
        window.threads.stop_all(3000)
    finally:
        i18n.set_language("en")


def test_the_french_link_to_the_rest_of_the_page_says_it_is_further_down(qtbot, monkeypatch):
    """Send round 111 (fr): « Voir le reste de cette page » quoted: what a click shows, the rest, further down."""
    from selfcheck.gui.widgets import MoreBelow

    monkeypatch.setattr(QScreen, "availableGeometry", lambda self: QRect(0, 0, 1920, 1040))
    window = full_windows_computer(qtbot, "fr")
    try:
        window.resize(920, 740)  # the pictures' size: the page goes on below what one sees
        settle(qtbot)
        area = window.results_page.area
        area.verticalScrollBar().setValue(0)
        settle(qtbot)
        cue = area.findChild(MoreBelow)
        assert cue is not None and cue.button is not None and cue.button.isVisible()
        assert cue.button.text() == "Voir la suite, plus bas ↓" and cue.button.accessibleName() == "Voir la suite, plus bas"
        window.threads.stop_all(3000)
    finally:
        i18n.set_language("en")
