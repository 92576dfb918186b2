"""Send rounds 101-103 (issue 21, lay readers of 67, en and fr): the words they quoted outside the window's own widgets:
the relay's request page's fold, and the French admin repair's « box internet » (the review's room sum:
tests/bundle/test_review_plain_lines.py)."""

from __future__ import annotations

import pytest

from selfcheck import i18n


@pytest.fixture(params=["en", "fr"])
def lang(request: pytest.FixtureRequest):
    i18n.set_language(request.param)
    yield request.param
    i18n.set_language("en")


def test_the_request_page_s_fold_is_an_option_instead_of_calling_and_says_what_it_holds(lang):
    """Send rounds 101-103 (en, fr): "If nothing happens and you are used to computers: 3 steps to fix it yourself" ("I
    understand it isn't meant for me"; fr 101 « Je ne comprends pas pourquoi le bouton ne marcherait pas »): the fold
    says it is instead of the call above it, for people used to computers, and what its steps do: get the program here."""
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
    # after the call line it is the option to
    assert page.index("01\u00a023\u00a045\u00a067\u00a089") < page.index("<summary>")


def test_the_french_admin_repair_glosses_the_internet_box_where_it_first_says_it():
    """Send round 103 (fr): « box internet » : « je ne connaissais pas bien ce mot » (repair-consent-admin-fr): the first
    sentence that says it glosses it, as the French screens say whose box it is; the English is unchanged."""
    from selfcheck.repairs.catalog import REPAIRS

    english = REPAIRS["network.renew_address"].describe()["fixes"]
    assert english == "This can help when this computer no longer gets onto the internet through your internet box."
    i18n.set_language("fr")
    try:
        said = REPAIRS["network.renew_address"].describe()
    finally:
        i18n.set_language("en")
    assert said["fixes"] == (
        "Cela peut aider quand cet ordinateur n’arrive plus à aller sur internet par votre box internet (l’appareil de votre compagnie d’internet)."
    )
    assert "boîtier" not in said["fixes"]  # send round 16: « boîtier » quoted (tests/gui/test_repair_dialog.py)
