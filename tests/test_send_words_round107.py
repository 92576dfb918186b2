"""Send round 107 (issue 21, lay readers of 67, en and fr; rounds 104-106 for the persistent ones), the words outside the
window: the request page's fold ("Instead of calling, for people used to computers: get the program here in 3 steps":
"I'm not one of those, so I'd leave it") and the review's computer part ("Nothing that shows who you are is sent": "but
it sends my name"), as the relay and selfcheck.bundle.review say them (the window: tests/gui/test_send_words_round107.py)."""

from __future__ import annotations

import re

import pytest

from selfcheck import i18n


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_request_page_s_fold_says_whom_it_is_for_without_people_used_to_computers(lang):
    """The fold is for whoever pressed the button to no effect (the call line's own words above it), and holds the call's
    help, written: its title says so, short, with no "people used to computers" and no question."""
    from selfcheck_intake import support_requests

    contact = {"en": "phone 01 23 45 67 89", "fr": "téléphone 01 23 45 67 89"}
    who = {"en": "Clearline Help", "fr": "Clearline Assistance"}[lang]
    page = support_requests.page("7K2QD-9XHMA", "ok", lang, None, "https://support.example.com/get", who, "", contact, "Clearline SA")
    summary = page[page.index("<summary>") + len("<summary>") : page.index("</summary>")]
    assert (
        summary
        == {
            "en": "If the program does not open: 3 steps to follow",
            "fr": "Si le programme ne s’ouvre pas\u00a0: les 3\u00a0étapes à suivre",
        }[lang]
    )
    assert not any(gone in summary for gone in ("used to computers", "habitude", "?", "rather", "préférez")), summary
    call = {"en": "Nothing happens when you press the button?", "fr": "Rien ne se passe quand vous appuyez sur le bouton"}[lang]
    assert page.index(call) < page.index("<summary>")  # the call line says the same "nothing happens" first
    assert len(re.findall(r"\w+", summary)) <= 18


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_computer_part_says_of_itself_that_it_shows_nothing_of_who_you_are(lang):
    from selfcheck.bundle import review

    with i18n.language(lang):
        holds = review.ReviewGroup(review.COMPUTER).holds
    said = {"en": "Nothing in this part shows who you are.", "fr": "Rien dans cette partie ne montre qui vous êtes."}[lang]
    assert holds.endswith(said), holds
    assert "except the name" not in holds and "sauf le nom" not in holds
