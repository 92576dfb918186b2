"""Support-agent round 92: the two cards still at 3 minutes where the issue asks two at most. Secure sites: "the card asks for two
parallel actions (call the customer, ask the network team), and I'd need to know who to contact and whether I'm allowed to
escalate on one bundle"; "remembering to ask the network team as well as replying"; "the hop wording also takes some network
knowledge to trust". Cuts: "the 'all checks OK' list looks reassuring at first glance, until you read that the checks ran between
cuts"; "the reply is long for a customer who is already annoyed"; "About this reply: Steps 1, 2 and 3 are the same steps as on the
customer's screen" was wrong (the screen shows 5 steps). Words are counted, never time (250 a minute)."""

from __future__ import annotations

import json
import re
import time
from pathlib import Path

import pytest

from recordings import AT_REST, ON_CABLE, link_down_recording
from selfcheck import app as app_mod
from selfcheck import config as config_mod
from selfcheck import i18n, recorded, supportcard, verdict
from selfcheck.history import record
from test_supportcard import _LAB_CHECKS, _hops_card, _t, _where, judged

TEAM = "NOC, ext. 4411 / noc@example.net"
HEAD = {"en": "Support card", "fr": "Fiche support"}
END = {"en": "End of the support card", "fr": "Fin de la fiche support"}


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_secure_sites_card_of_the_lab_case_is_short_enough_to_read_in_under_two_minutes(lang) -> None:
    # the lab case's card (its checks on their lab recordings, the company the provider): 505 and 567 words before, the whole card
    # with the customer's words and the reply (the lab's show.txt: 506); 440 and 496 after
    card, _facts, _tried = _hops_card("box", lang, provider=True, also=_LAB_CHECKS)
    words = len(card.to_text().split())
    assert words <= {"en": 445, "fr": 500}[lang], (words, card.to_text())
    # what the issue asks stays: the cause and how sure, one line per proving fact, what was ruled out, what their answers tell
    keys = [key for key, _title, _lines in card.sections()]
    for key in ("cause", "order", "reply", "proof", "ruled_out", "answers"):
        assert key in keys, keys
    # round 104: the support service, failed as the other sites did, adds nothing to the proof: no line of its own
    assert card.confidence == "high" and len(card.proof) == 2 and len(card.ruled_out) == 1, card.to_text()
    app_mod.start((), "en")


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_secure_sites_card_passes_itself_on_in_one_decided_line_and_says_the_hops_in_support_words(lang) -> None:
    # "the card asks for two parallel actions … I'd need to know who to contact and whether I'm allowed to escalate on one bundle":
    # one action for the customer (phone first), one for the card (passed on now, one bundle enough, why); the router's address
    # only where the hop test shows it
    card, _facts, _tried = _hops_card("box", lang, provider=True, also=_LAB_CHECKS)
    steps = dict((key, lines) for key, _title, lines in card.sections())["order"]
    # round 93: both in one paragraph; round 96 (both paused on it): two numbered actions, the card passed on first; round 100
    # (still deciding whether to call before the restart's answer): both now, and why
    passed = {
        "en": "1. Now, without waiting for the restart's answer: pass this card to your network team; if it is our router, other customers have it too.",
        "fr": "1. Tout de suite, sans attendre ce que donne le redémarrage\u00a0: transmettez cette fiche à votre équipe réseau\u202f; si c’est notre routeur, d’autres clients ont la même panne.",
    }[lang]
    second = {"en": "2. Now too: phone the customer", "fr": "2. Tout de suite aussi\u00a0: appelez le client"}[lang]
    assert len(steps) == 2 and steps[0] == passed and steps[1].startswith(second), steps
    text = card.to_text()
    assert text.count("10.77.1.2") == 1 and text.count("10.77.0.1") == 1, text
    hops = [line for line in card.proof if "10.77.1.2" in line]
    seen = {  # rounds 95-96: one short plain line; round 99 b: no "Hop test" jargon; round 104: the trace as recorded
        "en": (
            "Trace (for the network team), secure (https) to www.lab.example (198.51.100.80): hop 1, the box (10.77.0.1), answered;",
            "Plain (http): hop 2, our router (10.77.1.2), answered; hop 3 connected.",
        ),
        "fr": (
            "Trace (pour l’équipe réseau), sécurisé (https) vers www.lab.example (198.51.100.80)\u00a0: saut 1, la box (10.77.0.1), a répondu\u202f;",
            "Simple (http)\u00a0: saut 2, notre routeur (10.77.1.2), a répondu\u202f; saut 3 connecté.",
        ),
    }[lang]
    assert len(hops) == 1 and all(words in hops[0] for words in seen), card.proof
    app_mod.start((), "en")


def _opened(lang: str):
    """The lab case's bundle as support's selfcheck opens it (read_bundle's OpenedBundle), for ``selfcheck show``'s card."""
    from selfcheck.bundle.read import OpenedBundle
    from selfcheck.runner import Scan

    picks = {
        "network.link": "lab_wired",
        "network.gateway": "lab_router_answers",
        "network.internet": "lab_line_works",
        "network.proxy": "lab_direct",
        "network.https": "lab_port_443_dropped",
        **_LAB_CHECKS,
    }
    silent, past = {"status": "silent"}, {"status": "time_exceeded", "from": "10.77.1.2"}
    probes = {"443@1": {"status": "time_exceeded", "from": "10.77.0.1"}, "80@2": past, "443@2": silent, "443@2 again": silent, "443@3": silent}
    hops = {"address": "198.51.100.80", "plain_port": 80, "probes": probes}
    scan, facts = judged(app_mod.start((), lang), picks, "internet", more={"network.https": {"hops": hops}})
    tried = {"host": "www.mybank.example", "address": "198.51.100.90", "status": "timeout", "ms": 1500.0}
    files = {"named-site.json": json.dumps(tried).encode()}
    return OpenedBundle(Path("lab.zip"), {"reference": "P3H-7JJ-J73"}, Scan.from_dict(scan, facts), _where("home", lang), None, files)


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_companys_network_team_is_named_where_the_card_is_passed_on(selfcheck_home, tmp_path, lang) -> None:
    # [support] network_team: who support passes the card to, in the line that says to (selfcheck show's card, support's config)
    from selfcheck.commands import show

    opened = _opened(lang)
    with_team = _write(tmp_path / "team.toml", f'[support]\ninternet_provider = true\nnetwork_team = "{TEAM}"\n')
    app = app_mod.start((str(with_team),), lang)
    assert not app.config.problems, app.config.problems
    card, note = show._card(app, opened, opened.scan)
    assert not note and card is not None
    passed = {
        "en": f"1. Now, without waiting for the restart's answer: pass this card to {TEAM}; if it is our router, other customers have it too.",
        "fr": f"1. Tout de suite, sans attendre ce que donne le redémarrage\u00a0: transmettez cette fiche à {TEAM}\u202f; si c’est notre routeur, d’autres clients ont la même panne.",
    }[lang]
    assert card.order[0] == passed, card.to_text()
    # not set: the company's own network team, unnamed
    without = _write(tmp_path / "provider.toml", "[support]\ninternet_provider = true\n")
    app = app_mod.start((str(without),), lang)
    card, _note = show._card(app, opened, opened.scan)
    unnamed = _t(lang, supportcard.ORDER_HTTPS_BOX_OURS_NOW).format(team=_t(lang, supportcard.YOUR_NETWORK_TEAM))
    assert card is not None and card.order == [unnamed, _t(lang, supportcard.ORDER_HTTPS_BOX_OURS_PHONE)], card.to_text()
    app_mod.start((), "en")


@pytest.mark.parametrize("value", ['"NOC\\nsecond line"', '"' + "x" * 121 + '"', '"NOC \\u001b[2J"', "4411"])
def test_a_broken_network_team_setting_is_reported_in_the_readers_language_and_the_card_and_scan_go_on(selfcheck_home, tmp_path, capsys, value) -> None:
    # a setting of two lines, too long to say in a sentence, with a control character or not text: a translated settings problem
    # (file, line, key), the default used (the card says "your network team"), the scan and the card made as ever
    from selfcheck import cli
    from selfcheck.commands import show

    bad = _write(tmp_path / "bad.toml", f"[support]\ninternet_provider = true\nnetwork_team = {value}\n")
    i18n.set_language("fr")
    loaded = config_mod.load([bad], include_system=False)
    problems = [p for p in loaded.problems if p.key == "support.network_team"]
    assert len(problems) == 1 and problems[0].line == 3, loaded.problems
    expected = "la valeur doit être du texte" if value == "4411" else "la valeur doit tenir sur une ligne d’au plus 120 caractères"
    assert str(problems[0]).startswith(f"{bad}, ligne 3, clé support.network_team\u00a0: {expected}"), str(problems[0])
    app = app_mod.start((str(bad),), "fr")
    assert loaded.get("support.network_team") == app.config.get("support.network_team") == "", loaded.get("support.network_team")
    opened = _opened("fr")
    card, note = show._card(app, opened, opened.scan)
    unnamed = _t("fr", supportcard.ORDER_HTTPS_BOX_OURS_NOW).format(team=_t("fr", supportcard.YOUR_NETWORK_TEAM))
    assert not note and card is not None and card.order == [unnamed, _t("fr", supportcard.ORDER_HTTPS_BOX_OURS_PHONE)], card.to_text()
    capsys.readouterr()
    assert cli.main(["scan", "--config", str(bad), "--check", "os.uptime", "--lang", "fr"]) in (0, 1)
    out = re.sub(r"[^\S\u00a0\u202f]+", " ", capsys.readouterr().out)
    assert "clé support.network_team" in out and expected in out and "Traceback" not in out, out
    # a card made with a broken value some other way (an older config layer, another caller) names no one: never a broken line
    assert supportcard.network_team("NOC\nsecond line") == supportcard.network_team("x" * 121) == supportcard.network_team(4411) == ""
    assert supportcard.network_team(f"  {TEAM}  ") == TEAM and config_mod.short_line(TEAM, 120)
    app_mod.start((), "en")


def _cuts_card(app, tmp_path: Path, lang: str, capsys) -> tuple[str, list[str]]:
    """What `selfcheck show` prints of the card of the bundle a customer on a cable sends after the watching caught the cuts (up
    to where the card ends, its Context block left out: the test machine's, not the lab laptop's), the customer's screen's steps
    (the bundle's verdict)."""
    import zipfile

    from selfcheck import cli
    from selfcheck.bundle import plan_bundle, write_bundle
    from selfcheck.runner import Scan

    data = link_down_recording()
    second = record.support_cuts(data["samples"])[1]
    data = {**data, "marks": [{"t": second[0] + 1.0, "label": "It happened now"}]}
    scan = Scan.from_dict({"results": AT_REST, "symptom": "internet", "language": lang}, facts=ON_CABLE)
    record.save(record.Recording.from_dict({**data, "started_at": time.time() - 70}))
    path = write_bundle(plan_bundle(app, scan, include_logs=False), tmp_path / f"cuts-{lang}.zip").path
    with zipfile.ZipFile(path) as z:
        told = json.loads(z.read("results.json"))["diagnosis"]["verdict"]["action"]
    capsys.readouterr()
    assert cli.main(["show", str(path), "--lang", lang]) == 0
    out = capsys.readouterr().out
    card = out[out.index(HEAD[lang]) : out.index(END[lang])]
    context = {"en": "\nContext:\n", "fr": "\nContexte\u00a0:\n"}[lang]
    return (card[: card.index(context)] if context in card else card), [told["text"], *told["steps"]]


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_cuts_card_of_the_lab_recording_is_short_enough_to_read_in_under_two_minutes(selfcheck_home, tmp_path, capsys, lang) -> None:
    # the card above "End of the support card", on the lab's cable recording: 569 and 668 words before (the lab case: 593 and 667
    # in show.txt); the reply in fewer words, the cut facts said once (the timeline), the checks between the cuts labelled once
    # where they are listed
    app = app_mod.start((), lang)
    card, _screen = _cuts_card(app, tmp_path, lang, capsys)
    # round 94: the reply's "If you already did this and it did not help, just tell us." after its steps, as every other
    # card's (agent b added it by hand: "nothing says whether they tried them"): 13 words more
    # round 101 a: that line names the screen's "Contact support" too (+6 and +8 words)
    assert len(card.split()) <= {"en": 495, "fr": 585}[lang], (len(card.split()), card)
    checks = {"en": "network checks passed between the cuts", "fr": "étaient bonnes entre les coupures"}[lang]
    assert checks not in card, card
    # what the issue asks stays: the cause and how sure, what is open and why, the proof, what their answers tell
    said = {
        "en": ("(confidence: high)", "Which part, not known yet: ", "The customer's answers tell (below).", "What proves it:", "What their answers tell:"),
        "fr": (
            "(confiance\u00a0: élevée)",
            "Quelle pièce, pas encore su\u00a0: ",
            "Les réponses du client le diront (plus bas).",
            "Ce qui le prouve\u00a0:",
            "Ce que ses réponses indiquent\u00a0:",
        ),
    }[lang]
    for words in said:
        assert card.count(words) == 1, (words, card)
    # the reply: three steps, the phone and TV warning kept (round 91: both agents put it back when it was left out)
    reply = [line.strip() for line in card.splitlines() if line.startswith("    ")]
    numbered = [line for line in reply if re.match(r"\d\. ", line)]
    warning = {"en": "a home phone or TV through it stops", "fr": "un téléphone fixe ou une télévision qui passe par elle s’arrête"}[lang]
    assert len(numbered) == 3 and warning in numbered[2], reply
    # round 93: 192 and 217 words before; both agents put back by hand that the watching may be stopped as soon as it drops
    # again, and plugging the box back in: 211 and 234 with them
    # round 94: "If you already did this …", 224 and 249; round 101 a ("the customer's screen says 'click Contact support' while
    # the reply says 'just tell us'. I checked that they don't conflict"): both in one phrase, 230 and 257
    assert len(" ".join(reply).split()) <= {"en": 230, "fr": 257}[lang], reply
    already = {
        "en": "If you already did this, or it still drops after that, click “Contact support” or just tell us.",
        "fr": "Si vous l’avez déjà fait, ou si ça se coupe encore après cela, cliquez sur «\u00a0Contacter l’assistance\u00a0» ou dites-le-nous simplement.",
    }[lang]
    assert reply.index(already) == reply.index(numbered[2]) + 1, reply  # right after the steps, as the other cards say it
    app_mod.start((), "en")


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_cuts_cards_notes_on_the_reply_say_no_step_number_and_not_that_the_screen_gives_the_same_steps(selfcheck_home, tmp_path, capsys, lang) -> None:
    # round 92: "Steps 1, 2 and 3 are the same steps as on the customer's screen" where the screen shows 5 steps; round 93: its
    # replacement, "Steps 1 to 3 are the screen's steps 1 to 4 in fewer words (its 3 and 4 in one). Its step 5, the last, is to
    # contact support.", made both agents stop and check it against the screen; rounds 97-100 (the card's length named): no
    # agent used "The customer's screen gives the same steps, in more words, then says to contact support.": not said where the
    # screen has no step the reply leaves out (tests/history/test_watch_limit_said.py: where it has one, said)
    app = app_mod.start((), lang)
    card, screen = _cuts_card(app, tmp_path, lang, capsys)
    with i18n.language(lang):
        restart, once_more = recorded.rec_restart_step(), i18n._(recorded.WATCH_ONCE_MORE).split("{", 1)[0]
        contact = i18n._(verdict.CUTS_STILL_STEP)
    # the screen, as the bundle's verdict lists it: the cable, its watch, the restart, one more watch, then contacting support
    assert len(screen) == 5 and screen[2] == restart and screen[3].startswith(once_more) and screen[4] == contact, screen
    flat = re.sub(r"[^\S\u00a0\u202f]+", " ", card)
    assert "The customer's screen gives the same steps" not in flat and "L’écran du client donne les mêmes étapes" not in flat, card
    about = flat[flat.index({"en": "About this reply", "fr": "À propos de cette réponse"}[lang]) :]
    about = about[: about.index({"en": "What proves it", "fr": "Ce qui le prouve"}[lang])]
    no_wifi = {"en": "No Wi-Fi to offer meanwhile", "fr": "Pas de Wi-Fi à proposer en attendant"}[lang]
    assert about.count(" - ") == 1 and no_wifi in about and not re.search(r"\d", about), about  # what agents used: no Wi-Fi
    assert "Steps 1 to 3" not in flat and "Les étapes 1 à 3" not in flat, card
    app_mod.start((), "en")
