"""Support-agent round 97: secure-sites-blocked read in 3 and 3-4 minutes, where the issue asks two at most. Agent b: "The
ruling that depends on the answers ('after the restart… the box; neither: our router') took a second read": one line held
both places. Words are counted, never time."""

from __future__ import annotations

import pytest

from selfcheck import app as app_mod
from test_cards_round93 import TEAM, _secure_card


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_what_the_secure_sites_answers_tell_is_one_short_line_a_place_the_box_first(selfcheck_home, tmp_path, lang) -> None:
    card = _secure_card(tmp_path, lang)
    answers = dict((key, lines) for key, _title, lines in card.sections())["answers"]
    box, router = answers  # two lines, not one holding both places
    words = {"en": ("the box.", "our router"), "fr": ("la box.", "notre routeur")}[lang]
    assert box.endswith(words[0]) and words[1] not in box, answers
    # the router last, on its own short line (the card is already with the network team: its first action)
    assert router.endswith(words[1] + ".") and len(router.split()) <= 7, answers
    assert all(len(line.split()) <= 18 for line in answers), answers
    text = card.to_text()
    assert TEAM in text, text
    app_mod.start((), "en")
