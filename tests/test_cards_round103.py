"""Support-agent round 103 (stop 48, three new agents, cards of 80cc78e6): cuts-sometimes 2-3, 2 and 3 minutes; line-down
2-3 and 2-3 (outage check apart); secure-sites-blocked 3, 3 and 3, where the issue asks two at most. What slowed them, in
their words, and what the card said that was not so:

1. secure sites (two agents of three): "(the support service: the same fault, so this bundle was sent later or another way)":
   "I wondered for a moment how the bundle reached us at all"; "The card answers it in brackets, but I read it twice". The
   bundle is sealed when it is made: how it travelled next is in none of its files, so the card names our support service
   plainly among the sites and says how the bundle still came in one short sentence of its own;
2. line-down, "Ruled out": "How steady your connection is: The connection to your internet box is steady: <1 ms to respond."
   (the check's title and its summary, a capital letter mid-line, the same idea twice, and on a French card in English): one
   plain sentence each, in the reader's words;
3. line-down, "Ask the customer next": "If they have a home phone that goes through the box: does it work? Dead too points to
   the line.", yet a box that lost its line silences that phone too: what a dead phone truly tells.

Words are counted, never time."""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path
from typing import Any

import pytest

from selfcheck import app as app_mod
from selfcheck import i18n, supportcard
from test_cards_round102 import _flat, _shown
from test_supportcard import _hops_card, _where, judged

SUPPORT_SITES = {
    "en": "No secure (https) answer from the customer's www.mybank.example, www.lab.example, support.lab.example (our support service). "
    "This bundle came later, once it could be sent, or as a file. “Gmail”, not tried, uses https too.",
    "fr": "Aucune réponse en sécurisé (https) de www.mybank.example (celui du client), www.lab.example, support.lab.example (notre service "
    "d’assistance). Ce dossier est arrivé plus tard, une fois l’envoi possible, ou sous forme de fichier. «\u00a0Gmail\u00a0», pas essayé, "
    "est aussi en https.",
}
#: what the lab's quality check measured on line-down: the box answered its pings, nothing beyond it could be measured (the
#: support server's name not found), the box's name service silent (so not "nothing lost")
BOX_ONLY = {"support": {"host": "support.lab.example", "status": "not_found"}, "resolvers": {"10.77.0.1": {"sent": 8, "received": 0}}}
STEADY = {
    ("box", "en"): "The connection to the box is steady: under 1 ms to respond.",
    ("box", "fr"): "La connexion jusqu’à la box est stable\u00a0: moins de 1\u00a0ms de temps de réponse.",
    ("all", "en"): "The connection is steady: under 1 ms to respond, nothing lost.",
    ("all", "fr"): "La connexion est stable\u00a0: moins de 1\u00a0ms de temps de réponse, rien de perdu.",
}
PHONE = {
    "en": "If they have a home phone that goes through the box: does it work? Dead too: the box has no line, not just this computer.",
    "fr": "S’il a un téléphone fixe qui passe par la box\u00a0: fonctionne-t-il\u202f? Muet lui aussi\u00a0: la box n’a plus de ligne, ce n’est pas "
    "que cet ordinateur.",
}


def _support_among_sites_card(lang: str, support_status: str | None = None) -> supportcard.SupportCard:
    """The secure-sites lab case as scripts/support_reading.py makes it: the company's secure sites to test are www.lab.example
    and its support server, support.lab.example; every secure site stops at the box (the hops settle it), the support service too
    (``support_status``: how the support check's own try ended instead)."""
    from test_supportcard import FIXTURES

    support = json.loads((FIXTURES / "network.support" / "lab_port_443_dropped.json").read_text())["facts"]["results"]
    www = json.loads((FIXTURES / "network.https" / "lab_port_443_dropped.json").read_text())["facts"]["results"]
    _card, hops_facts, tried = _hops_card("box", lang)  # the hops that settle the box, and the customer's site tried
    app = app_mod.start((), lang)
    picks = {
        "network.link": "lab_wired",
        "network.gateway": "lab_router_answers",
        "network.internet": "lab_line_works",
        "network.proxy": "lab_direct",
        "network.https": "lab_port_443_dropped",
        "network.support": "lab_port_443_dropped",
    }
    https = {"hops": hops_facts["network.https"]["hops"], "results": {**www, **support}}
    own = {"network.support": {"results": {url: {**r, "status": support_status} for url, r in support.items()}}} if support_status else {}
    scan, facts = judged(app, picks, "internet", more={"network.https": https, **own})
    return supportcard.build(scan, facts, description=_where("home", lang), symptoms=app.config.section("symptoms"), named_site=tried, provider=True)


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_secure_sites_card_names_our_support_service_among_the_sites_and_says_how_the_bundle_came_in_a_sentence_of_its_own(lang) -> None:
    # 1. round 103 (two of three stopped at the brackets): the support server named plainly, last of the sites tried; how the
    # bundle still came right after them, once, out of brackets. Round 104: only where its own try failed otherwise (turned
    # away here) than the other sites (tests/test_cards_round104.py: where they failed alike, neither it nor the note is said)
    card = _support_among_sites_card(lang, support_status="refused")
    text = card.to_text()
    assert card.cause_id == "network.https" and card.proof[0] == SUPPORT_SITES[lang], text
    assert text.count("support.lab.example") == 1 and "(the support service:" not in text and "(le service d’assistance" not in text, text
    assert text.count({"en": "This bundle came later", "fr": "Ce dossier est arrivé plus tard"}[lang]) == 1, text
    app_mod.start((), "en")


def _line_down_judged(app: Any) -> tuple[dict[str, Any], dict[str, Any]]:
    """The line-down lab case's checks on their recordings: the box answers, nothing beyond it, the connection to the box steady."""
    picks = {
        "network.link": "lab_wired",
        "network.gateway": "lab_router_answers",
        "network.internet": "lab_line_down",
        "network.quality": "lab_steady",
        "network.proxy": "lab_direct",
    }
    return judged(app, picks, "internet", more={"network.quality": BOX_ONLY})


def _one_plain_sentence(line: str) -> bool:
    """No word with a capital letter (an acronym aside: DNS) after a colon or a full stop inside the line: not a title then a
    sentence, not two sentences."""
    return not re.search(r"[.:][\s\u00a0\u202f]+[A-ZÀ-Ý][a-zà-ÿ]", line.rstrip("."))


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_ruled_out_says_one_plain_sentence_a_check_in_the_readers_words(lang) -> None:
    # 2. round 103: line-down's "How steady your connection is: The connection to your internet box is steady: <1 ms to respond."
    scan, facts = _line_down_judged(app_mod.start((), "en"))  # the customer's screen in English, the agent's card in ``lang``
    app = app_mod.start((), lang)
    card = supportcard.build(
        scan, facts, description={"symptom": "internet", "problem": "No internet.", "answers": []}, symptoms=app.config.section("symptoms")
    )
    assert card.cause_id == "network.internet", card.to_text()
    assert STEADY[("box", lang)] in card.ruled_out, card.ruled_out
    assert all(_one_plain_sentence(line) for line in card.ruled_out), card.ruled_out
    assert not any("steady" in line or "<1 ms" in line for line in card.ruled_out) if lang == "fr" else True, card.ruled_out
    # the sign-in page case (the clock not folded into its own facts there) and the wrong clock (no sign-in page): every line
    # of "Ruled out" one plain sentence too
    picks = {
        "network.link": "lab_wired",
        "network.gateway": "lab_router_answers",
        "network.internet": "lab_line_works",
        "network.dns": "lab_two_resolvers",
        "network.quality": "lab_steady",
        "network.proxy": "lab_direct",
    }
    for cause, more in (("network.captive_portal", {"network.captive_portal": "lab_sign_in_redirect", "network.clock": "lab_clock_right"}),):
        scan, facts = judged(app_mod.start((), "en"), {**picks, **more}, "internet")
        app = app_mod.start((), lang)
        card = supportcard.build(
            scan, facts, description={"symptom": "internet", "problem": "No internet.", "answers": []}, symptoms=app.config.section("symptoms")
        )
        assert card.cause_id == cause, card.to_text()
        assert STEADY[("all", lang)] in card.ruled_out, card.ruled_out
        clock = {
            "en": "Date and time: right within 1 s (time server ntp.lab.example).",
            "fr": "Date et heure\u00a0: à l’heure à 1\u00a0s près (serveur de temps ntp.lab.example).",
        }
        assert clock[lang] in card.ruled_out, card.ruled_out
        assert all(_one_plain_sentence(line) for line in card.ruled_out), card.ruled_out
    scan, facts = judged(
        app_mod.start((), "en"), {**picks, "network.captive_portal": "lab_open_internet", "network.clock": "lab_clock_5_hours_behind"}, "internet"
    )
    app = app_mod.start((), lang)
    card = supportcard.build(
        scan, facts, description={"symptom": "internet", "problem": "No internet.", "answers": []}, symptoms=app.config.section("symptoms")
    )
    assert card.cause_id == "network.clock", card.to_text()
    portal = {
        "en": "No network sign-in page: web requests reach the internet unchanged.",
        "fr": "Pas de page de connexion du réseau\u00a0: les requêtes web atteignent internet sans changement.",
    }
    assert portal[lang] in card.ruled_out and all(_one_plain_sentence(line) for line in card.ruled_out), card.ruled_out
    app_mod.start((), "en")


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_line_down_card_says_only_what_a_dead_home_phone_tells(lang) -> None:
    # 3. round 103: "Dead too points to the line", yet a box that lost its line silences the phone through it too: a dead phone
    # says the box has no line (lost or out: the restart tells which), so not this computer alone
    scan, facts = _line_down_judged(app_mod.start((), "en"))
    app = app_mod.start((), lang)
    card = supportcard.build(
        scan, facts, description={"symptom": "internet", "problem": "No internet.", "answers": []}, symptoms=app.config.section("symptoms")
    )
    asked = card.next_question.splitlines()
    assert PHONE[lang] in asked, asked
    assert "points to the line" not in card.to_text() and "désigne la ligne" not in card.to_text(), card.to_text()
    app_mod.start((), "en")


def _line_down_bundle(tmp_path: Path, lang: str) -> Path:
    """The line-down case's bundle made as the app makes it (plan_bundle, write_bundle), in ``lang``."""
    from selfcheck.bundle import plan_bundle, write_bundle
    from selfcheck.runner import Scan

    config = tmp_path / "company.toml"
    config.write_text("[support]\ninternet_provider = true\n", encoding="utf-8")
    app = app_mod.start((str(config),), lang)
    judged_scan, facts = _line_down_judged(app)
    scan = Scan.from_dict({**judged_scan, "language": lang}, facts)
    said = {"symptom": "internet", "problem": "Internet has stopped working, nothing loads at all.", "answers": []}
    path = write_bundle(plan_bundle(app, scan, description=said, include_logs=False), tmp_path / f"line-down-{lang}.zip").path
    i18n.set_language("en")
    return Path(path)


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_real_line_down_bundle_says_the_new_lines_in_show_the_relays_ticket_and_report_html(selfcheck_home, tmp_path, capsys, lang) -> None:
    # the three support views share the card: `selfcheck show`, the bundle's support-card.txt (the relay's ticket) and report.html
    path = _line_down_bundle(tmp_path, lang)
    shown = _shown(path, lang, capsys)
    with zipfile.ZipFile(path) as z:
        ticket = z.read("support-card.txt").decode()
        html = z.read("report.html").decode().replace("&#x27;", "'").replace("&#39;", "'")
    for text in (shown, ticket, html):
        flat = _flat(text)
        assert _flat(STEADY[("box", lang)]) in flat and _flat(PHONE[lang]) in flat, text[:4000]
        assert "How steady your connection is:" not in text and "La stabilité de votre connexion :" not in _flat(text), text[:4000]
