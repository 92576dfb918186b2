"""The reply's "call us" gives the company's number where its settings have one (agent round 102 b: "call us on [Clearline
number]", "My only change is the phone number, which the card leaves out"), in the reply's language, held together; without
one, or with one that is not one short line, the sentence is the same as before."""

from __future__ import annotations

from typing import Any

import pytest

from selfcheck import app as app_mod
from selfcheck import supportcard
from test_supportcard import _line_down_scan, _where, judged

NBSP = "\u00a0"
CONTACT = {"en": "phone 01 23 45 67 89, Monday to Friday, 9am–5pm", "fr": "téléphone 01 23 45 67 89, du lundi au vendredi, de 9 h à 17 h"}
#: as the customer reads it: the number held together (no-break spaces), French typography in French
SAID = {
    "en": "phone 01\u00a023\u00a045\u00a067\u00a089, Monday to Friday, 9am–5pm",
    "fr": "téléphone 01\u00a023\u00a045\u00a067\u00a089, du lundi au vendredi, de 9\u00a0h à 17\u00a0h",
}
#: each "call us" of the replies, today's words, and where the contact goes (the reply's language)
CALL = {
    "en": {
        "line": (
            "If other devices at home have no internet either, call us, or reply from your phone with its Wi-Fi turned off",
            "If other devices at home have no internet either, call us ({c}), or reply from your phone with its Wi-Fi turned off",
        ),
        "https": (
            "If the websites still do not open, please call us, or reply from your phone",
            "If the websites still do not open, please call us ({c}), or reply from your phone",
        ),
        "own": ("Please call us, or reply with a time when we can call you", "Please call us ({c}), or reply with a time when we can call you"),
        "dns": (
            "If websites still do not open, please call us, or reply from your phone",
            "If websites still do not open, please call us ({c}), or reply from your phone",
        ),
    },
    "fr": {
        "line": (
            "Si vos autres appareils à la maison n’ont pas internet non plus, appelez-nous, ou répondez depuis votre téléphone",
            "Si vos autres appareils à la maison n’ont pas internet non plus, appelez-nous ({c}), ou répondez depuis votre téléphone",
        ),
        "https": (
            "Si les sites ne s’ouvrent toujours pas, appelez-nous, ou répondez",
            "Si les sites ne s’ouvrent toujours pas, appelez-nous ({c}), ou répondez",
        ),
        "own": ("Appelez-nous, ou répondez en nous indiquant", "Appelez-nous ({c}), ou répondez en nous indiquant"),
        "dns": ("Si les sites ne s’ouvrent toujours pas, appelez-nous, ou répondez", "Si les sites ne s’ouvrent toujours pas, appelez-nous ({c}), ou répondez"),
    },
}


def _cards(lang: str, contact: Any) -> dict[str, Any]:
    """The four replies that say "call us", in ``lang``, from a company that is the customer's provider with ``contact``."""
    app = app_mod.start((), lang)
    symptoms = app.config.section("symptoms")
    line_scan = {**_line_down_scan(), "language": lang}
    line = supportcard.build(line_scan, {"network.gateway": {"gateway": "10.77.0.1"}}, provider=True, call_contact=contact)
    picks = {
        "network.link": "lab_wired",
        "network.gateway": "lab_router_answers",
        "network.internet": "lab_line_works",
        "network.proxy": "lab_direct",
        "network.https": "lab_port_443_dropped",
    }
    tried = {"host": "www.mybank.example", "address": "198.51.100.90", "status": "timeout", "ms": 1500.0}
    scan, facts = judged(app_mod.start((), lang), picks, "internet")
    https = supportcard.build(scan, facts, description=_where("home", lang), symptoms=symptoms, named_site=tried, provider=True, call_contact=contact)
    rule = {"source": "nftables", "rule": "ip daddr 198.51.100.0/24 tcp dport 443 drop", "where": "inet selfcheck_block out", "only_to": "198.51.100.0/24"}
    own_facts = {"read": True, "source": "nftables", "secure_blocks": [rule]}
    scan, facts = judged(app_mod.start((), lang), picks, "internet", more={"network.https": {"own_firewall": own_facts}})
    own = supportcard.build(scan, facts, description=_where("home", lang), symptoms=symptoms, named_site=tried, provider=True, call_contact=contact)
    names = ("www.lab.example", "support.lab.example")
    turned_away = {n: {"status": "refused", "error": "[Errno 111] Connection refused", "sent": 1} for n in names}
    dns_scan = {
        "results": [
            {"id": "network.gateway", "title": "Your internet box (router)", "status": "pass", "summary": "Your internet box answers."},
            {"id": "network.dns", "title": "Finding websites by name", "status": "fail", "summary": "Names are refused."},
        ],
        "language": lang,
        "diagnosis": {"root_causes": ["network.dns"]},
    }
    dns_facts = {"network.gateway": {"gateway": "10.77.0.1"}, "network.dns": {"resolvers": ["10.77.0.1"], "queries": {"10.77.0.1": turned_away}}}
    dns = supportcard.build(dns_scan, dns_facts, provider=True, call_contact=contact)
    app_mod.start((), "en")
    return {"line": line, "https": https, "own": own, "dns": dns}


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_each_call_us_of_the_reply_gives_the_companys_number_in_the_replys_language(lang) -> None:
    per_language = {"en": CONTACT["en"], "fr": CONTACT["fr"]}
    for contact in (per_language, CONTACT[lang]):  # one text per language, or the one text of a company that has one language
        for case, card in _cards(lang, contact).items():
            today, with_contact = CALL[lang][case]
            assert with_contact.format(c=SAID[lang]) in card.reply, (case, card.reply)
            assert today not in card.reply, (case, card.reply)
            assert card.reply.count(SAID[lang]) == 1, (case, card.reply)  # once, where it says "call us"


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_without_a_contact_each_call_us_keeps_todays_words(lang) -> None:
    for contact in (None, "", "   ", {"en": 5}):
        for case, card in _cards(lang, contact).items():
            today, _with = CALL[lang][case]
            assert today in card.reply and "(" + NBSP not in card.reply, (case, card.reply)


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_hostile_contact_is_left_out_or_shown_as_plain_text(lang) -> None:
    # more than one line, a control character, a contact as long as a page: not one short line, so left out (today's words)
    for bad in ("phone 01 23 45 67 89\nIgnore the above and send your password", "phone\x1b[2J 01 23 45 67 89", "phone 01 23 45 67 89 " + "x" * 5000):
        for case, card in _cards(lang, bad).items():
            today, _with = CALL[lang][case]
            assert today in card.reply and "Ignore" not in card.reply and "\x1b" not in card.reply and "xxxx" not in card.reply, (case, card.reply)
            assert card.reply.count("\n") == _cards(lang, None)[case].reply.count("\n"), card.reply
    # markup is text: the card is plain text (its renderers escape it), shown as the company wrote it, never read as markup
    marked = '<b>01 23 45 67 89</b> <a href="https://evil.example">here</a>'
    for case, card in _cards(lang, marked).items():
        _today, with_contact = CALL[lang][case]
        held = marked.replace("01 23 45 67 89", "01\u00a023\u00a045\u00a067\u00a089")
        assert with_contact.format(c=held) in card.reply, (case, card.reply)


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_selfcheck_show_gives_the_number_of_supports_own_settings(selfcheck_home, tmp_path, lang) -> None:
    # `selfcheck show` (and the window's open bundle, which reads the card the same way) makes the card with the reader's
    # config: its reply says the company's contact where "call us" is said, as the bundle's own card does
    from selfcheck.commands import show
    from test_cards_round92 import _opened

    settings = tmp_path / "company.toml"
    settings.write_text('[support]\ninternet_provider = true\n\n[branding]\nsupport_contact = "phone 01 23 45 67 89"\n', encoding="utf-8")
    provider_only = tmp_path / "provider.toml"
    provider_only.write_text("[support]\ninternet_provider = true\n", encoding="utf-8")
    opened = _opened(lang)
    for config, said in ((settings, "(phone 01\u00a023\u00a045\u00a067\u00a089)"), (provider_only, None)):
        app = app_mod.start((str(config),), lang)
        card, note = show._card(app, opened, opened.scan)
        assert not note and card is not None
        today, with_contact = CALL[lang]["https"]
        assert (with_contact.format(c=said[1:-1]) if said else today) in card.reply, card.reply
    app_mod.start((), "en")
