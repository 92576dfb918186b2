"""Send round 109 (issue 21, lay readers of 67), the request page: "Only if the button did nothing: the same help, written
here in 3 steps": "I didn't understand how a button could 'do nothing'" (en). The button opens the program: the fold says
what the person sees. The window: tests/gui/test_send_words_round109.py."""

from __future__ import annotations


def test_the_request_page_s_fold_says_what_the_person_sees():
    from selfcheck_intake import support_requests

    contact = {"en": "phone 01 23 45 67 89", "fr": "téléphone 01 23 45 67 89"}
    summaries = {}
    for lang, who in (("en", "Clearline Help"), ("fr", "Clearline Assistance")):
        page = support_requests.page("7K2QD-9XHMA", "ok", lang, None, "https://support.example.com/get", who, "", contact, "Clearline SA")
        summaries[lang] = page[page.index("<summary>") + len("<summary>") : page.index("</summary>")]
    assert summaries["en"] == "If the program does not open: 3 steps to follow"
    assert summaries["fr"] == "Si le programme ne s’ouvre pas\u00a0: les 3\u00a0étapes à suivre"
    for summary in summaries.values():
        assert "did nothing" not in summary and "rien fait" not in summary and "?" not in summary, summary
