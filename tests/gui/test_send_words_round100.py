"""Send rounds 98-100 (issue 21, two lay readers, en and fr, the send and repair pictures): the window's words they still
quoted, on the full Windows computer of the pictures (recorded facts, tests/fixtures/checks) and on "Contact support"."""

from __future__ import annotations

import pytest

from selfcheck import i18n
from selfcheck.gui.support_dialog import SupportDialog

from . import fakechecks
from .conftest import run_scan
from .test_big_text import first_window, recorded


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_screen_picture_tick_says_when_it_is_taken_and_what_it_shows_and_it_is_taken_then(qtbot, make_window, monkeypatch, lang):
    """Send round 100 (en): "a picture of everything on your screen a moment ago" ("has it already taken one?"), "other
    windows you had open" ("I only use the one screen"; fr 99: « je ne suis pas sûre de ce qu'est une fenêtre »): it says
    when it is taken and what it shows; and it is taken then, as the page opens, not when the box is ticked."""
    from selfcheck.gui.mainwindow import MainWindow

    grabbed: list[int] = []
    monkeypatch.setattr(MainWindow, "grab_screen_png", lambda self: grabbed.append(1) or b"\x89PNG picture")
    window = make_window(fakechecks.FailCheck)
    if lang == "fr":
        window.set_language("fr")
    run_scan(qtbot, window)
    dialog = window.contact_support()
    assert isinstance(dialog, SupportDialog) and grabbed == [1]  # taken as the page opened
    said = dialog.include_screenshot.text()
    assert (
        said
        == {
            "en": "a picture of your screen as it was when you opened this page, which shows whatever was on it, such as your e-mails if they were open: sent only if ticked. Without a tick, no one sees it and it is not kept.",
            "fr": "une image de votre écran tel qu’il était quand vous avez ouvert cette page, qui montre tout ce qui y était, "
            "par exemple vos e-mails s’ils étaient ouverts\u00a0: envoyée seulement si cochée. Sans coche, personne ne la voit"
            " et elle n’est pas gardée.",
        }[lang]
    )
    assert not any(gone in said for gone in ("moment ago", "window", "il y a un instant", "fenêtre"))
    dialog.include_screenshot.setChecked(True)
    assert dialog.screenshot() == b"\x89PNG picture" and grabbed == [1]  # ticking takes no new picture
    dialog.close()


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_review_s_technical_box_says_what_it_is_and_that_the_customer_does_not_need_it(qtbot, make_window, lang):
    """Send rounds 99-100 (en, fr): "Show what support receives, word for word": "I don't know what clicking would show me",
    "I don't need it, so I wouldn't click", « je ne sais pas qu'il faut cliquer sur ce petit triangle gris »: a link that says
    "Show", what it shows, and that they do not need it; closed again by the same words' counterpart."""
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
    assert toggle.text() == show and toggle.objectName() == "expanderLink"
    toggle.click()
    assert toggle.text() == hide and dialog.part_details.isVisibleTo(dialog)
    dialog.close()


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_repair_offer_names_the_bin_as_the_reader_knows_it_and_says_the_room_as_what_emptying_makes(qtbot, lang):
    """Send rounds 99-100 (en, fr) on the full Windows computer: "Recycle Bin" ("I know the little wastebasket, but I'm not
    sure that's the same thing"; « je connais celle des e-mails »): its first naming says it is the wastebasket on the
    desktop; "Empty the Recycle Bin (room for about 430 more photos)" was read as deleting 430 photos: the room after the
    action; "2 more ways to make room: click to see them", "What to do: click to see how" quoted: what the folds are."""
    from selfcheck.checks.hardware_disk import DiskCheck
    from selfcheck.checks.security_updates import UpdatesCheck

    i18n.set_language(lang)
    try:
        # the Recycle Bin of the pictures (scripts/screenshots.py, RECYCLE_BIN_BYTES): room for about 430 more photos
        full = recorded(DiskCheck, "windows_c_full", trash={"bytes": 1_300_000_000, "complete": True, "drives": {"C:\\": 1_300_000_000}})
        window = first_window(qtbot, full, recorded(UpdatesCheck, "linux_apt_security_pending"))
        window.retranslate()
        run_scan(qtbot, window)
        card = window.results_page.headline_card
        assert card is not None and card.action_text is not None and card.fix_button is not None
        first = {
            "en": "1.  Empty the Recycle Bin (the wastebasket picture on your screen) with the blue button: it holds the files you deleted.",
            "fr": "1.  Videz la corbeille (la petite poubelle dessinée sur votre écran) avec le bouton bleu\u00a0:",
        }[lang]
        assert card.action_text.text().startswith(first), card.action_text.text()
        later = " ".join(step.text() for step in card.steps)
        assert "wastebasket" not in later and "poubelle" not in later  # said once, where it is first named
        button = card.fix_button.text()
        action, _colon, gain = button.partition(":")
        assert action.strip() == {"en": "Empty the Recycle Bin", "fr": "Vider la corbeille"}[lang] and "(" not in button
        assert gain.strip().startswith({"en": "this makes room for about", "fr": "cela fait de la place pour environ"}[lang]), button
        # send rounds 109-111: the fold says there are more ways, step by step (test_repair_words_round111)
        assert card.more_expander is not None and card.more_expander.text().startswith(
            {"en": "Need more room? ", "fr": "Besoin de plus de place\u202f? "}[lang]
        )
        updates = window.results_page.cards["security.updates"]
        assert updates.expander.text() == {"en": "Show how to do it, step by step", "fr": "Voir comment faire, étape par étape"}[lang]
    finally:
        i18n.set_language("en")
