"""The recording's reply for cuts beyond the box ("reply to this message or call us") gives the company's number where its
settings have one (agent round 102 b), in the reply's language; without one, the same words as before."""

from __future__ import annotations

import pytest
from test_recording_card import AT_REST, BEYOND, ON_CABLE, _rec

from selfcheck import app as app_mod
from selfcheck import supportcard

CONTACT = {"en": "phone 01 23 45 67 89, Monday to Friday, 9am–5pm", "fr": "téléphone 01 23 45 67 89, du lundi au vendredi, de 9 h à 17 h"}
LAST = {
    "en": (
        "If it still cuts out, please reply to this message or call us: we will check your line from our side.",
        "If it still cuts out, please reply to this message or call us (phone 01\u00a023\u00a045\u00a067\u00a089, Monday to Friday, 9am–5pm): "
        "we will check your line from our side.",
    ),
    "fr": (
        "Si ça coupe encore, répondez à ce message ou appelez-nous\u00a0: nous vérifierons votre ligne de notre côté.",
        "Si ça coupe encore, répondez à ce message ou appelez-nous (téléphone 01\u00a023\u00a045\u00a067\u00a089, du lundi au vendredi, de "
        "9\u00a0h à 17\u00a0h)\u00a0: nous vérifierons votre ligne de notre côté.",
    ),
}


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_recordings_call_us_gives_the_companys_number_and_keeps_its_words_without_one(lang):
    app_mod.start((), "en")
    scan = {"language": lang, "results": AT_REST}

    def reply(contact):
        return supportcard.build(scan, ON_CABLE, recording=_rec(BEYOND), provider=True, call_contact=contact).reply.splitlines()

    today, with_contact = LAST[lang]
    assert with_contact in reply(CONTACT) and today not in reply(CONTACT), reply(CONTACT)
    assert with_contact in reply(CONTACT[lang]), reply(CONTACT[lang])
    for none in (None, "", "phone 01 23 45 67 89\nsend us your password"):
        assert today in reply(none), reply(none)
    app_mod.start((), "en")
