"""Send round 109 (issue 21, one lay reader of 67 per language, the send, request and repair pictures of b6a36e26): the
words still quoted in the window. The review's computer part said « à quel point il est plein » (« plein de quoi ? »,
quoted twice); the make-room way's brackets said only what it never touches ("I wouldn't want it deciding on its own what to
remove", « qu'est-ce qu'il enlèverait ? »); "1 other thing we noticed, nothing urgent:" was not understood (rounds 108 and
109); the kept message's "(it takes very little room)" worried both readers ("my computer is almost full") and was not
true with a picture of the screen (a few megabytes). The request page: tests/test_send_words_round109.py."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QLabel

from selfcheck import i18n

from . import fakechecks
from .conftest import run_scan
from .test_send_words_round103 import full_windows_computer
from .test_support_send_again import _refused, _window, relay  # noqa: F401 (the fixture)


@pytest.fixture(params=["en", "fr"])
def lang(request: pytest.FixtureRequest):
    yield request.param
    i18n.set_language("en")


def test_the_french_review_says_the_room_for_photos_not_how_full(qtbot, make_window):
    """Send rounds 108-109 (fr): « le genre d'ordinateur et à quel point il est plein » : « plein de quoi ? »: the room for
    photos, as the send page says it (« la place pour vos photos », understood); the English says how much room is left."""
    from .test_support import _to_review

    window = make_window(fakechecks.PassCheck, fakechecks.FailCheck)
    window.set_language("fr")
    try:
        run_scan(qtbot, window)
        dialog = _to_review(qtbot, window)
        assert "Votre ordinateur\u00a0: quel genre, et la place pour vos photos" in dialog.overview.text(), dialog.overview.text()
        assert dialog.select("group", "computer")
        said = " ".join(words.text() for words in dialog.findChildren(QLabel))
        assert "Quel genre d’ordinateur c’est (par exemple «\u00a0un PC avec Windows\u00a0»), la place pour vos photos, et si internet y marche." in said, said
        assert "plein" not in dialog.overview.text() and "à quel point" not in said
        dialog.close()
    finally:
        i18n.set_language("en")


def test_the_make_room_way_says_it_asks_first(qtbot, lang):
    """Send round 109 (en, fr): "let this program make more room by itself": "I wouldn't want it deciding on its own what to
    remove", « qu'est-ce qu'il enlèverait ? »: its dialog asks first and says how much room (it deletes nothing before the
    blue button). Said in the fold's closed line until send rounds 110-111 quoted it again ("I don't know what it would
    remove"): the line beside the button, inside the fold, says what it deletes and that it asks first."""
    window = full_windows_computer(qtbot, lang)
    card = window.results_page.headline_card
    assert card is not None and card.more_expander is not None
    card.more_expander.click()
    said = [words.text() for words in card.more_expander.target.findChildren(QLabel) if words.isVisible()]
    asks = {"en": "It asks you first and says how much room that makes.", "fr": "Il vous demande d’abord votre accord et dit combien de place cela fera."}[lang]
    assert any(asks in words for words in said), said
    window.threads.stop_all(3000)


def test_the_fold_below_the_problem_says_there_is_more_that_can_wait(qtbot, lang):
    """Send rounds 108-109 (en): "1 other thing we noticed, nothing urgent:" not understood: there is also one thing, and
    it can wait (as its card says); closed, that a click shows it; plural forms in both languages."""
    window = full_windows_computer(qtbot, lang)
    page = window.results_page
    later = page.later_expander
    assert later is not None
    opened, closed = {
        "en": ("There is also 1 thing that can wait:", "There is also 1 thing that can wait: click to see it"),
        "fr": ("Il y a aussi 1 chose qui peut attendre\u00a0:", "Il y a aussi 1 chose qui peut attendre\u00a0: cliquez pour la voir"),
    }[lang]
    was_open = later.isChecked()
    assert later.text() == (opened if was_open else closed), later.text()
    later.click()
    assert later.text() == (closed if was_open else opened), later.text()
    assert "noticed" not in later.text() and "remarque" not in later.text()
    window.threads.stop_all(3000)
    with i18n.language(lang):
        many = i18n.ngettext("There is also {n} thing that can wait:", "There are also {n} things that can wait:", 7).format(n=7)
    assert many == {"en": "There are also 7 things that can wait:", "fr": "Il y a aussi 7 choses qui peuvent attendre\u00a0:"}[lang]


def test_the_kept_message_no_longer_says_how_little_room_it_takes(qtbot, make_window, relay, lang):  # noqa: F811
    """Send round 109 (en, fr): "(it takes very little room)", « il prend très peu de place » : "my computer is almost full"
    (both readers), and a few megabytes with a picture of the screen: who keeps it, and until when, no size."""
    server = relay([403])
    window = _window(qtbot, make_window, server.url, lang)
    first = _refused(qtbot, window)
    first.close()
    dialog = window.contact_support()
    assert dialog.kept_banner.isVisibleTo(dialog)
    words = dialog.kept_words.text()
    kept = {
        "en": "the old message is not sent, and this program keeps it until you send it or delete it.",
        "fr": "l’ancien message n’est pas envoyé, et ce programme le garde jusqu’à ce que vous l’envoyiez ou le supprimiez.",
    }[lang]
    assert kept in words, words
    for gone in ("room", "place"):
        assert gone not in words, words
    dialog.close()
