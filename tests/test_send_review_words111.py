"""Send round 111 (issue 21, lay readers of 67, en and fr), the words outside the window: the request page's French fold
(« Si le programme ne s'est pas ouvert : voici ce qu'il faut faire, en 3 étapes », quoted) shorter and plainer. The
language menu (« English (anglais) », listed) is left as it is: a language menu names each language in its own tongue, the
reader's word for it beside it. The window:
tests/gui/test_send_review_words111.py."""

from __future__ import annotations


def _page(lang: str) -> str:
    from selfcheck_intake import support_requests

    contact = {"en": "phone 01 23 45 67 89", "fr": "téléphone 01 23 45 67 89"}[lang]
    who = {"en": "Clearline Help", "fr": "Clearline Assistance"}[lang]
    return support_requests.page("7K2QD-9XHMA", "ok", lang, None, "https://support.example.com/get", who, "", {lang: contact}, "Clearline SA")


def _summary(page: str) -> str:
    return page[page.index("<summary>") + len("<summary>") : page.index("</summary>")]


def test_the_french_request_page_s_fold_is_short_and_in_the_words_people_say():
    """Send round 111 (fr): the fold quoted: when the program does not open, the steps to follow, in a few words (the call
    line above it says what to do first); the English, not quoted since round 109, unchanged."""
    fr = _summary(_page("fr"))
    assert fr == "Si le programme ne s’ouvre pas\u00a0: les 3\u00a0étapes à suivre", fr
    assert "voici ce qu’il faut faire" not in fr and "s’est pas ouvert" not in fr
    assert _summary(_page("en")) == "If the program does not open: 3 steps to follow"
