"""Send round 112 (issue 21, lay readers of 67, en and fr), the words outside the window: the request page's English fold
"If the program did not open: the same help, written here in 3 steps" ("Which program, and what are the 3 steps?") says
what the French says, which was not quoted (« Si le programme ne s'ouvre pas : les 3 étapes à suivre »). The window:
tests/gui/test_words_round112.py."""

from __future__ import annotations


def _summary(lang: str) -> str:
    from selfcheck_intake import support_requests

    contact = {"en": "phone 01 23 45 67 89", "fr": "téléphone 01 23 45 67 89"}[lang]
    who = {"en": "Clearline Help", "fr": "Clearline Assistance"}[lang]
    page = support_requests.page("7K2QD-9XHMA", "ok", lang, None, "https://support.example.com/get", who, "", {lang: contact}, "Clearline SA")
    return page[page.index("<summary>") + len("<summary>") : page.index("</summary>")]


def test_the_request_page_s_fold_says_in_english_what_the_french_says():
    """Send round 112 (en): the fold quoted; said as the French, in the present and without "the same help, written here"."""
    en = _summary("en")
    assert en == "If the program does not open: 3 steps to follow", en
    assert "same help" not in en and "did not" not in en
    assert _summary("fr") == "Si le programme ne s’ouvre pas\u00a0: les 3\u00a0étapes à suivre"
