"""Support-agent round 104 (stop 48; rounds 101 and 103 alike): on secure-sites-blocked, agents read the card in 3 minutes and
then opened facts/network.https.json and network.internet.json (2-3 minutes more) before passing the card to the network team,
"because the card has me bring in the network team before the customer has confirmed anything … if the card is wrong I'm
wasting the network team's time", and read the trace for themselves: "Secure traffic got a reply from 10.77.0.1 at the first
hop, then nothing at later hops, tried twice. Plain traffic got a reply from 10.77.1.2 at the second hop and connected at the
third". And: "The line 'This bundle came later, once it could be sent, or as a file' is cryptic … it made me stop and reread"
(round 103's two b agents paused on its earlier wording).

1. the trace as network.https recorded it, compact, on the card: what they went to the files for; it replaces the line saying
   where secure connections stop (the cause's "Settled" line says it);
2. where other secure sites failed the same way, the support server adds nothing to the proof: neither it nor how the bundle
   still came is said; where its own try failed otherwise, it stays, with that note.

Words are counted, never time."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path
from typing import Any

import pytest

from selfcheck import app as app_mod
from selfcheck import i18n, supportcard
from test_cards_round102 import _flat, _shown
from test_cards_round103 import SUPPORT_SITES
from test_supportcard import FIXTURES, _hops_card, _where, judged

TRACE = {
    "en": "Trace (for the network team), secure (https) to www.lab.example (198.51.100.80): hop 1, the box (10.77.0.1), answered; hops 2 and 3 "
    "silent (hop 2 tried twice). Plain (http): hop 2, our router (10.77.1.2), answered; hop 3 connected.",
    "fr": "Trace (pour l’équipe réseau), sécurisé (https) vers www.lab.example (198.51.100.80)\u00a0: saut 1, la box (10.77.0.1), a répondu\u202f; "
    "sauts 2 et 3 muets (saut 2 essayé deux fois). Simple (http)\u00a0: saut 2, notre routeur (10.77.1.2), a répondu\u202f; saut 3 connecté.",
}
#: the sites' line where the support server adds nothing (the customer's site and www.lab.example failed as it did)
SITES = {
    "en": "No secure (https) answer from the customer's www.mybank.example, www.lab.example. “Gmail”, not tried, uses https too.",
    "fr": "Aucune réponse en sécurisé (https) de www.mybank.example (celui du client), www.lab.example. «\u00a0Gmail\u00a0», pas essayé, est aussi en https.",
}
CAME_LATER = {"en": "This bundle came later", "fr": "Ce dossier est arrivé plus tard"}
OLD_STOP_LINE = {"en": "get as far as the box", "fr": "vont jusqu’à la box"}


def _facts(support_status: str = "timeout") -> tuple[dict[str, str], dict[str, Any]]:
    """The secure-sites lab case's checks and facts (scripts/support_reading.py): the company's secure sites www.lab.example and
    support.lab.example, each stopped at the box (the lab's recordings, the hops that settle the box); ``support_status``: how the
    support check's own try of its server ended (the lab's: no answer)."""
    support = json.loads((FIXTURES / "network.support" / "lab_port_443_dropped.json").read_text())["facts"]
    www = json.loads((FIXTURES / "network.https" / "lab_port_443_dropped.json").read_text())["facts"]["results"]
    _card, hops_facts, _tried = _hops_card("box", "en")
    own = {url: {**r, "status": support_status} for url, r in support["results"].items()}
    picks = {
        "network.link": "lab_wired",
        "network.gateway": "lab_router_answers",
        "network.internet": "lab_line_works",
        "network.proxy": "lab_direct",
        "network.https": "lab_port_443_dropped",
        "network.support": "lab_port_443_dropped",
    }
    more = {"network.https": {"hops": hops_facts["network.https"]["hops"], "results": {**www, **support["results"]}}, "network.support": {"results": own}}
    return picks, more


def _card(lang: str, support_status: str = "timeout") -> supportcard.SupportCard:
    picks, more = _facts(support_status)
    _c, _f, tried = _hops_card("box", lang)
    app = app_mod.start((), lang)
    scan, facts = judged(app, picks, "internet", more=more)
    return supportcard.build(scan, facts, description=_where("home", lang), symptoms=app.config.section("symptoms"), named_site=tried, provider=True)


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_secure_sites_card_gives_the_network_team_the_trace_as_recorded(lang) -> None:
    # 1. rounds 101, 103, 104: the agents opened the facts to see the trace before paging the network team: on the card now
    card = _card(lang)
    text = card.to_text()
    assert card.cause_id == "network.https" and card.proof[1] == TRACE[lang], text
    assert OLD_STOP_LINE[lang] not in text, text  # where they stop: the cause's "Settled" line, said once
    app_mod.start((), "en")


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_support_service_is_left_out_where_other_sites_failed_the_same_way_and_kept_where_its_own_fault_differs(lang) -> None:
    # 2. round 104 b ("cryptic … it made me stop and reread"): the support server adds nothing where the others failed as it did
    card = _card(lang)
    text = card.to_text()
    assert card.proof[0] == SITES[lang], text
    assert "support.lab.example" not in text and CAME_LATER[lang] not in text, text
    assert not any(line.startswith(("“Support service”", "«\u00a0Service d’assistance\u00a0»")) for line in card.proof), card.proof
    # its own try turned away (refused) where the others got no answer: another fault, named with how the bundle still came
    card = _card(lang, support_status="refused")
    assert card.proof[0] == SUPPORT_SITES[lang], card.to_text()
    app_mod.start((), "en")


def _secure_bundle(tmp_path: Path, lang: str) -> Path:
    """The secure-sites case's bundle made as the app makes it (plan_bundle, write_bundle), in ``lang``, the company the provider."""
    from selfcheck.bundle import plan_bundle, write_bundle
    from selfcheck.runner import Scan

    config = tmp_path / "company.toml"
    config.write_text("[support]\ninternet_provider = true\n", encoding="utf-8")
    app = app_mod.start((str(config),), lang)
    picks, more = _facts()
    judged_scan, facts = judged(app, picks, "internet", more=more)
    scan = Scan.from_dict({**judged_scan, "language": lang}, facts)
    said = {
        "symptom": "internet",
        "problem": "My bank's website and Gmail do not open.",
        "answers": [
            {"id": "where", "question": "Where are you?", "answer": "At home", "value": "home"},
            {"id": "site", "question": "Which website does not open? (its address, if you know it)", "answer": "www.mybank.example"},
        ],
    }
    # the customer's site as the lab's bundle tried it (named-site.json), given rather than tried on this machine's network
    _c, _f, tried = _hops_card("box", lang)
    tries = {("www.mybank.example", str(scan.started_at or id(scan))): tried}
    plan = plan_bundle(app, scan, description=said, include_logs=False, site_tries=tries)
    assert plan.parts.get("named-site.json"), sorted(plan.parts)
    path = write_bundle(plan, tmp_path / f"secure-{lang}.zip").path
    i18n.set_language("en")
    return Path(path)


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_real_secure_sites_bundle_shows_the_trace_in_show_the_relays_ticket_and_report_html(selfcheck_home, tmp_path, capsys, lang) -> None:
    # the three support views share the card: `selfcheck show`, the bundle's support-card.txt (the relay's ticket), report.html
    path = _secure_bundle(tmp_path, lang)
    shown = _shown(path, lang, capsys, config=tmp_path / "company.toml")
    with zipfile.ZipFile(path) as z:
        ticket = z.read("support-card.txt").decode()
        html = z.read("report.html").decode().replace("&#x27;", "'").replace("&#39;", "'")
    for text in (shown, ticket, html):
        flat = _flat(text)
        assert _flat(TRACE[lang]) in flat, text[:4000]
        assert CAME_LATER[lang] not in flat and OLD_STOP_LINE[lang] not in flat, text[:4000]
