"""How long watching lasts, said as it is (stop 45): the limit is a company setting (``[record] max_seconds``), and with a limit of
one minute the customer's screen and the support card's reply read "otherwise it stops by itself after 1 minutes", the French
« au bout de 1 minutes »; a limit under a minute read "1 minutes" too, and 90 s read "1 minutes". Now: "1 minute", "5 minutes",
"30 seconds", "1 minute 30 seconds", in English and French. The card's cause for one cut at the mark said « sur 1 min
enregistrées ». Also the cuts card's short reply, as both agents of round 93 corrected it by hand: step 2 says the watching may
be stopped as soon as it drops again, step 3 to plug the box back in."""

from __future__ import annotations

import json
import time
import zipfile
from pathlib import Path

import pytest

from recordings import AT_REST, BETWEEN, ON_CABLE, busy_recording, link_down_recording, passed_results
from selfcheck import app as app_mod
from selfcheck import i18n, plainwords, supportcard, verdict
from selfcheck.history import record

#: how each limit reads, in the sentences that say it ("after …" / « au bout de … »)
SAID = {
    60: {"en": "1 minute", "fr": "1 minute"},
    300: {"en": "5 minutes", "fr": "5 minutes"},
    30: {"en": "30 seconds", "fr": "30 secondes"},
    90: {"en": "1 minute 30 seconds", "fr": "1 minute 30 secondes"},
}
#: the end of each watch sentence, around how long
AFTER = {
    "en": "otherwise it stops by itself after {d}. This program then tells you",
    "fr": "sinon, elle s’arrête toute seule au bout de {d}. Ce programme vous dit alors",
}
WRONG = ("1 minutes", "1 secondes", "1 seconds")


def _company(tmp_path: Path, lang: str, seconds: int | None):
    """The app as a company starts it, its watching limit set in its config file (or left to the default)."""
    if seconds is None:
        return app_mod.start((), lang)
    path = tmp_path / "company.toml"
    path.write_text(f"[record]\nmax_seconds = {seconds}\n", encoding="utf-8")
    app = app_mod.start((str(path),), lang)
    assert not app.config.problems, app.config.problems
    return app


def _flat(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").replace("\u202f", " ").split())


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_watch_offer_and_the_verdict_after_a_recording_say_the_companys_limit_in_the_right_number(selfcheck_home, tmp_path, lang):
    for seconds in (60, None, 30, 90):  # one minute, the default (5 minutes, as before), under a minute, a minute and a half
        _said_with(tmp_path, lang, seconds)


def _said_with(tmp_path: Path, lang: str, seconds: int | None) -> None:
    app = _company(tmp_path, lang, seconds)
    said = _flat(AFTER[lang].format(d=SAID[seconds or 300][lang]))
    with i18n.language(lang):
        internet = verdict.build(passed_results(), [], app.config, "internet")
        slow = verdict.build(passed_results(), [], app.config, "slow-computer")
        cuts = verdict.recorded(internet, record.seen(link_down_recording()), ON_CABLE, app.config)
        busy = verdict.recorded(internet, record.seen(busy_recording()), ON_CABLE, app.config)
    # the offer on the page that found nothing (the internet's and another problem's): watch first, how long at most
    for page in (internet, slow):
        assert page.action is not None and said in _flat(page.action.text), page.action.text
    # what the customer reads once a recording caught the cuts, or a busy program: the first watch after a step
    assert cuts.action is not None and busy.action is not None
    watches = [s for s in (cuts.action.text, *cuts.action.steps, *busy.action.steps) if said in _flat(s)]
    assert len(watches) == 2, (cuts.action, busy.action)
    for line in [page.action.text for page in (internet, slow)] + [*cuts.action.steps, *busy.action.steps]:
        assert not any(wrong in _flat(line) for wrong in WRONG), line
        assert plainwords.problems(line) == [], line
    app_mod.start((), "en")


def _bundle(app, tmp_path: Path, lang: str, seconds: float | None, facts: dict = ON_CABLE) -> tuple[list[str], dict]:
    """The bundle a customer on a cable sends once the watching (its limit ``seconds``, as their window set it) caught the cuts:
    the customer's screen's steps (its verdict) and the support card."""
    from selfcheck.bundle import plan_bundle, write_bundle
    from selfcheck.runner import Scan

    scan = Scan.from_dict({"results": AT_REST, "symptom": "internet", "language": lang}, facts)
    made = link_down_recording(**({"max_seconds": seconds} if seconds else {}))
    record.save(record.Recording.from_dict({**made, "started_at": time.time() - 70}))
    path = write_bundle(plan_bundle(app, scan, include_logs=False), tmp_path / "cuts.zip").path
    with zipfile.ZipFile(path) as z:
        told = json.loads(z.read("results.json"))["diagnosis"]["verdict"]["action"]
        return [told["text"], *told["steps"]], json.loads(z.read("support-card.json"))


#: the cuts card's short reply, steps 2 and 3 (agent round 93: both agents added to them by hand)
REPLY = {
    "en": (
        "2. Then click “Watch again while it happens”, then “Start watching”, and use the computer as usual (no need to start a video call). "
        "You can stop it as soon as it drops again; otherwise it stops after {d}. Then it tells you whether it still drops.",
        "3. If it still drops, unplug your internet box (the one with the Wi-Fi name on its label, not the TV box) from the power for 30 "
        "seconds, then plug it back in; a home phone or TV through it stops for a few minutes. Then watch once more.",
    ),
    "fr": (
        "2. Cliquez ensuite sur «\u00a0Surveiller de nouveau pendant que ça arrive\u00a0», puis sur «\u00a0Commencer à surveiller\u00a0», et utilisez "
        "l’ordinateur comme d’habitude (inutile de lancer un appel vidéo). Vous pouvez arrêter la surveillance dès que ça coupe de nouveau\u202f; "
        "sinon, elle s’arrête au bout de {d}. Ce programme vous dit alors si ça coupe encore.",
        "3. Si ça coupe encore, débranchez votre box internet (celle qui porte le nom du Wi-Fi sur son étiquette, pas le boîtier de la "
        "télé) de la prise pendant 30\u00a0secondes, puis rebranchez-la\u202f; un téléphone fixe ou une télévision qui passe par elle s’arrête "
        "quelques minutes. Surveillez ensuite encore une fois.",
    ),
}


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("seconds", [60, None])
def test_the_cuts_card_and_the_screen_in_its_bundle_say_the_watching_limit_and_the_reply_says_each_step_whole(selfcheck_home, tmp_path, lang, seconds):
    app = _company(tmp_path, lang, seconds)
    screen, card = _bundle(app, tmp_path, lang, seconds)
    duration = SAID[seconds or 300][lang]
    # the customer's screen: the watch after the cable step
    assert _flat(AFTER[lang].format(d=duration)) in _flat(screen[1]), screen
    # the card's reply: its watch step in the same number, that it may be stopped as soon as it drops again; the restart with
    # plugging the box back in
    numbered = [line for line in card["reply"].splitlines() if line[:1].isdigit()]
    watch, restart = REPLY[lang]
    assert _flat(numbered[1]) == _flat(watch.format(d=duration)) and _flat(numbered[2]) == _flat(restart), numbered
    assert not any(wrong in _flat(card["reply"]) for wrong in WRONG), card["reply"]
    app_mod.start((), "en")


def _one_cut(seconds_after: float) -> dict:
    """The lab's cable recording cut short after its first cut (the customer's mark in it), then ``seconds_after`` calm seconds."""
    data = link_down_recording()
    start, end = record.support_cuts(data["samples"])[0]
    samples = [s for s in data["samples"] if s["t"] < end + 3]
    calm = samples[-1]
    samples += [{**calm, "t": calm["t"] + n} for n in range(1, int(seconds_after))]
    return {**data, "samples": samples, "marks": [{"t": start + 1.0, "label": "It happened now"}], "max_seconds": 300}


def test_one_cut_at_the_mark_says_the_minutes_recorded_in_the_right_number():
    for lang, after, said in (
        ("fr", 50, "pendant environ 5\u00a0s, sur 1\u00a0min enregistrée"),
        ("fr", 280, "pendant environ 5\u00a0s, sur 5\u00a0min enregistrées"),
        ("en", 50, "for about 5 s, in 1 min recorded"),
    ):
        with i18n.language(lang):
            card = supportcard.build({"language": lang, "results": AT_REST}, ON_CABLE, recording=_one_cut(after))
        assert card.cause.endswith(said), (lang, card.cause)


def test_a_recording_under_a_minute_says_its_seconds_in_the_cards_cause():
    """A recording of 16 s read "in 1 min recorded" on the card, and the lab's 43 s with 3 cuts "3 times in 1 min": rounded
    up to a minute. Under a minute, the seconds recorded, as recorded.watch_duration says a watch's limit."""
    lab = json.loads(BETWEEN.read_text(encoding="utf-8"))  # the lab's 3 cuts of the line, as recorded: 43 s
    for lang, recording, said in (
        ("en", _one_cut(0), "The connection cut out at the customer's mark: for about 5 s, in 16 s recorded"),
        ("fr", _one_cut(0), "pendant environ 5\u00a0s, sur 16\u00a0s enregistrées"),
        ("en", lab, "Settled: the whole connection cuts out, 3 times in 43 s, about 6 s each"),
        ("fr", lab, "Établi\u00a0: toute la connexion se coupe, 3 fois en 43\u00a0s, environ 6\u00a0s chaque fois"),
    ):
        with i18n.language(lang):
            card = supportcard.build({"language": lang, "results": AT_REST}, ON_CABLE, recording=recording)
        assert said in card.cause, (lang, card.cause)
        assert "1 min" not in card.cause.replace("\u00a0", " "), card.cause


#: a laptop on a cable: its Wi-Fi adapter listed, not connected
LAPTOP_ON_CABLE = {"network.link": {"interfaces": [*ON_CABLE["network.link"]["interfaces"], {"name": "wlan0", "up": False, "wireless": True}]}}
NOTE = {
    "en": "The customer's screen gives the same steps, in more words, then says to contact support.",
    "fr": "L’écran du client donne les mêmes étapes, plus longuement, puis dit de contacter le support.",
}


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_on_a_laptop_on_a_cable_the_note_counts_the_wifi_meanwhile_as_in_the_reply_and_names_no_step_number(selfcheck_home, tmp_path, lang):
    # agent round 93: "Steps 1 to 3 are the screen's steps 1 to 4 … Its step 5 is in the reply too, after the steps. Its step 6,
    # the last, is to contact support." sent both agents to the screen to check the numbers
    from selfcheck import recorded

    app = _company(tmp_path, lang, None)
    screen, card = _bundle(app, tmp_path, lang, None, LAPTOP_ON_CABLE)
    with i18n.language(lang):
        meanwhile = i18n._(recorded.REC_REPLY_MEANWHILE_WIFI)
    assert len(screen) == 6 and screen[4] == meanwhile and meanwhile in card["reply"].splitlines(), (screen, card["reply"])
    # round 100 (stop 47): "the screen gives the same steps, in more words" no agent of rounds 97-100 used: said only where the
    # screen has a step the reply leaves out (below)
    assert card["reply_note"] == [] and NOTE[lang] not in card["reply"], card["reply_note"]
    app_mod.start((), "en")


def test_a_screen_step_the_reply_leaves_out_is_said_without_its_number():
    # a screen made elsewhere (another version, other facts): its Wi-Fi step after the first four is not in this reply
    app_mod.start((), "en")
    with i18n.language("en"):
        internet = verdict.build(passed_results(), [], None, "internet")
        laptop = verdict.recorded(internet, record.seen(link_down_recording()), LAPTOP_ON_CABLE)
    screen = {
        "language": "en",
        "results": AT_REST,
        "diagnosis": {"verdict": {"recorded": "cuts", "action": {"text": laptop.action.text, "steps": laptop.action.steps}}},
    }
    card = supportcard.build(screen, ON_CABLE, recording=link_down_recording())
    assert (
        card.reply_note[0]
        == "The customer's screen gives the same steps, in more words, then says to contact support. It also has 1 step this reply leaves out."
    )
    assert not any(ch.isdigit() for ch in card.reply_note[0].replace("1 step", "")), card.reply_note
