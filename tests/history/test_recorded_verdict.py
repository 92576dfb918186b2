"""What a recording found, as the customer's verdict (round 82, cuts-sometimes): the scan ran between two cuts, every check
passed, and the window, like the customer's screen in the bundle, said "Everything we checked looks fine" while the recording
had caught the cuts ("The customer's screen says 'Everything looks fine', which contradicts the card")."""

from __future__ import annotations

import json
import re
import time
from pathlib import Path

import pytest

from recordings import link_down_recording
from selfcheck import app as app_mod
from selfcheck import i18n, plainwords, recorded, verdict
from selfcheck.history import record

FIXTURES = Path(__file__).parent.parent / "fixtures" / "recording"
#: real recordings (`selfcheck record` in the network lab, tests/fixtures/recording): the cable to the box carrying nothing 4 s
#: at 8, 20 and 32 s; the line beyond the box cut the same way; the s32 lab's cuts and its busy minute
BEYOND, LAB = FIXTURES / "lab_box_beyond.json", FIXTURES / "lab_cuts_and_hog.json"
ON_CABLE = {"network.link": {"interfaces": [{"name": "eth0", "up": True, "ipv4": ["192.168.1.20"], "wireless": False}]}}
AT_REST = [
    {
        "id": "network.link",
        "status": "pass",
        "title": "Network connection (cable or Wi-Fi)",
        "summary": "Connected to the network by cable.",
        "category": "network",
    },
    {"id": "network.internet", "status": "pass", "title": "The internet beyond your internet box", "summary": "The internet answers.", "category": "network"},
]

SAID = {
    "en": {
        "headline": "Your internet connection keeps dropping for a few seconds at a time.",
        "seen": "While this program was watching, the connection was lost 3 times, a few seconds each time.",
        "enough": "That was enough, even if you stopped the watching early: the cuts it saw are kept.",
        "enough once": "That was enough, even if you stopped the watching early: the cut it saw is kept.",
        "where": "Each time, the network cable between this computer and your internet box stopped working too: the cable, the holes it plugs "
        "into, or the box is at fault.",
        "verify": "Then click “Watch again while it happens”, then “Start watching”, and use the computer as usual",
        "button": "Watch again while it happens",
    },
    "fr": {
        "headline": "Votre connexion internet se coupe sans cesse, quelques secondes à chaque fois.",
        "seen": "Pendant que ce programme surveillait, la connexion a été perdue 3 fois, quelques secondes à chaque fois.",
        "enough": "C’est suffisant, même si vous avez arrêté la surveillance avant la fin\u00a0: les coupures qu’elle a vues sont gardées.",
        "enough once": "C’est suffisant, même si vous avez arrêté la surveillance avant la fin\u00a0: la coupure qu’elle a vue est gardée.",
        "where": "À chaque fois, le câble réseau entre cet ordinateur et votre box internet a cessé de fonctionner lui aussi\u00a0: c’est le câble, "
        "les trous où il se branche, ou la box.",
        "verify": "Cliquez ensuite sur «\u00a0Surveiller de nouveau pendant que ça arrive\u00a0», puis sur «\u00a0Commencer à surveiller\u00a0», et utilisez "
        "l’ordinateur comme d’habitude",
        "button": "Surveiller de nouveau pendant que ça arrive",
    },
}


def all_fine(symptom: str | None = "internet") -> verdict.Verdict:
    from selfcheck.api import Result, Status

    app = app_mod.start((), i18n.current_language())
    passed = [Result(check_id=r["id"], title=r["title"], category=r["category"], outcome=_outcome(Status.PASS, r["summary"])) for r in AT_REST]
    return verdict.build(passed, [], app.config, symptom)


def _outcome(status, summary):
    from selfcheck.api import Outcome

    return Outcome(status=status, summary=summary)


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_recording_that_saw_the_cable_drop_turns_an_all_fine_verdict_into_the_cuts_with_the_cards_steps(lang):
    app_mod.start((), "en")
    with i18n.language(lang):
        base = all_fine()
        said = recorded.saw(record.seen(link_down_recording()))
        told = verdict.recorded(base, record.seen(link_down_recording()), ON_CABLE, app_mod.start((), lang).config)
        cable, restart = i18n._(recorded.REC_REPLY_CABLE), recorded.rec_restart_step()
    words = SAID[lang]
    assert base.headline == i18n._(verdict.ALL_GOOD_INTERNET) and base.watch_button  # it offers to watch
    assert told.headline == words["headline"] and told.recorded == "cuts", told
    assert told.cause == f"{words['seen']} {words['enough']} {words['where']}" and said == words["seen"], told.cause
    # what to do: the card's own steps for a cable whose link dropped (the cable in another socket, then the box), one at a
    # time, each followed by how to know it is fixed: watching again
    assert told.action is not None and [told.action.text, told.action.steps[1]] == [cable, restart], told.action
    assert told.action.steps[0].startswith(words["verify"]) and told.watch_button == words["button"], told.action.steps
    assert told.icon == "status-attention" and told.items == [] and told.symptom == "internet"
    for line in (told.headline, told.cause, told.action.text, *told.action.steps):
        assert plainwords.problems(line) == [], line
    # the card's reply says the same steps in the same order, each with its watch, in the screen's words (agent round 84)
    from selfcheck import supportcard

    with i18n.language(lang):
        card = supportcard.build({"language": lang, "results": AT_REST}, ON_CABLE, recording=link_down_recording())
    numbered = [line for line in card.reply.splitlines() if line[:3] in ("1. ", "2. ", "3. ", "4. ", "5. ")]
    assert numbered == [f"{n}. {step}" for n, step in enumerate([told.action.text, *told.action.steps[:3]], 1)], card.reply
    assert numbered[0] == f"1. {cable}" and numbered[2] == f"3. {restart}", card.reply
    app_mod.start((), "en")


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_after_a_watching_stopped_early_the_cuts_verdict_says_what_it_saw_was_enough(lang):
    # comes-and-goes round 3 (en and fr): both readers closed the watching window after a minute, where the first screen says
    # five, and asked whether that spoiled it ("This screen doesn't say whether that was wrong or whether the answer still
    # counts"); fr, whether three cuts were all of them. Right after how many cuts it saw, the verdict says that was enough.
    full = link_down_recording()
    # the person stopped it at 18 s, after the first cut, in which they pressed "It happened now"
    early = link_down_recording(samples=[s for s in full["samples"] if s["t"] < 19], marks=[{"t": 11.0, "label": "It happened now"}], stopped_because="stopped")
    app_mod.start((), "en")
    with i18n.language(lang):
        config = app_mod.start((), lang).config
        three = verdict.recorded(all_fine(), record.seen(full), ON_CABLE, config)
        once = verdict.recorded(all_fine(), record.seen(early), ON_CABLE, config)
        once_seen = i18n._(record.SAW_CUT_ONCE)
    words = SAID[lang]
    assert three.cause is not None and three.cause.startswith(f"{words['seen']} {words['enough']} "), three.cause
    assert once.recorded == "cuts" and once.cause is not None and once.cause.startswith(f"{once_seen} {words['enough once']} "), once.cause
    for cause in (three.cause, once.cause):
        assert plainwords.problems(cause) == [], cause
    app_mod.start((), "en")


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_beyond_the_box_the_verdict_says_the_line_and_who_checks_it(lang):
    app_mod.start((), "en")
    with i18n.language(lang):
        told = verdict.recorded(all_fine(), record.seen(json.loads(BEYOND.read_text(encoding="utf-8"))), ON_CABLE)
        restart = recorded.rec_restart_step()
    assert told.action is not None and told.action.text == restart and len(told.action.steps) == 2, told.action
    assert {"en": "your internet provider", "fr": "votre fournisseur d’accès à internet"}[lang] in told.action.steps[1]
    assert {"en": "beyond the box", "fr": "au-delà de la box"}[lang] in (told.cause or "")
    app_mod.start((), "en")


def test_a_recording_that_saw_nothing_or_a_verdict_with_a_problem_is_left_alone():
    app_mod.start((), "en")
    base = all_fine()
    quiet = json.loads(LAB.read_text(encoding="utf-8"))
    quiet["samples"] = [{**s, "support_ms": s.get("support_ms") or 2.0} for s in quiet["samples"]]
    quiet["marks"] = []
    assert record.what_it_saw(quiet) == i18n._(record.SAW_NOTHING)  # it watched, and the connection held
    assert verdict.recorded(base, record.seen(quiet), ON_CABLE) is base
    assert verdict.recorded(base, None, ON_CABLE) is base  # no recording
    from selfcheck.api import Result, Status

    failing = Result(check_id="network.link", title="Network", category="network", outcome=_outcome(Status.FAIL, "Not connected."))
    problem = verdict.build([failing], ["network.link"], None, "internet")
    assert verdict.recorded(problem, record.seen(link_down_recording()), ON_CABLE) is problem  # the scan's own cause first


def test_a_program_keeping_the_computer_busy_at_the_mark_is_said_with_what_to_do():
    app_mod.start((), "en")
    data = json.loads(LAB.read_text(encoding="utf-8"))
    busy = {**data, "samples": [{**s, "support_ms": s.get("support_ms") or 2.0} for s in data["samples"]], "marks": [{"t": 48.01, "label": "x"}]}
    told = verdict.recorded(all_fine(), record.seen(busy), ON_CABLE)
    assert told.recorded == "busy" and told.headline == "Another program was keeping this computer very busy when the problem happened.", told
    assert told.cause == i18n._(record.SAW_BUSY).format(name="yes")
    assert told.action is not None and told.action.text.startswith("If you know “yes”"), told.action


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_bundle_made_after_the_recording_shows_the_same_customer_screen_and_the_card_agrees(selfcheck_home, tmp_path, capsys, lang):
    from selfcheck import cli
    from selfcheck.bundle import make_bundle
    from selfcheck.bundle.report import esc
    from selfcheck.runner import Scan

    app = app_mod.start((), lang)
    scan = Scan.from_dict({"results": AT_REST, "symptom": "internet", "language": lang}, ON_CABLE)
    record.save(record.Recording.from_dict({**link_down_recording(), "started_at": time.time() - 70}))
    info = make_bundle(app, scan, out_path=tmp_path / "cuts.zip", include_logs=False)
    fine = all_fine().headline  # what the screen said before: "Everything we checked looks fine, so …"
    capsys.readouterr()
    assert cli.main(["show", str(info.path), "--lang", lang, "--report", str(tmp_path / "r.html")]) == 0
    out = capsys.readouterr().out
    words = SAID[lang]
    card_end = out.index({"en": "End of the support card", "fr": "Fin de la fiche support"}[lang])
    screen = re.sub(r"[^\S\u00a0\u202f]+", " ", out[card_end:]).strip()
    # the customer's screen below the card says what the recording found, its steps and how to check again
    assert words["headline"] in screen and words["seen"] in screen and words["where"] in screen, screen
    assert fine not in out, out
    # the card no longer explains an "everything looks fine" screen; round 92: that the checks ran between the cuts is said
    # where they are listed (every result); round 100 (stop 47; agents still paused at "10 checks: 10 OK"): first in the card's
    # own line about the time between the cuts, then in the results' heading only (its note under the heading not printed)
    fine_why = {"en": "Why the customer's screen says everything looks fine", "fr": "Pourquoi l’écran du client dit que tout semble en ordre"}[lang]
    between = {"en": "These checks ran between the cuts", "fr": "Ces vérifications ont été faites entre les coupures"}[lang]  # round 96
    ran_then = {
        "en": "The checks below ran then, so they found nothing wrong.",
        "fr": "Les vérifications plus bas ont été faites alors\u00a0: elles n’ont donc rien trouvé.",
    }[lang]
    assert fine_why not in out and between not in out and re.sub(r"[^\S\u00a0\u202f]+", " ", out[:card_end]).count(ran_then) == 1, out
    # the card ends on the plain line, its screen below it
    ends = {"en": "the customer's screen and every result.", "fr": "l’écran du client et tous les résultats."}[lang]
    heading = {"en": "Every result, between the cuts — ", "fr": "Tous les résultats, entre les coupures — "}[lang]
    assert out[card_end:].splitlines()[0].endswith(ends) and out[card_end:].count(heading) == 1, out
    # report.html shows the same screen
    html = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert esc(words["headline"]) in html and esc(fine) not in html
    # judged again (--reevaluate), the screen still says what the recording found
    assert cli.main(["show", str(info.path), "--lang", lang, "--reevaluate"]) == 0
    again = capsys.readouterr().out
    assert words["headline"] in re.sub(r"[^\S\u00a0\u202f]+", " ", again).strip() and fine not in again, again
    # and the bundle's own results.json carries it (what `selfcheck open` shows)
    import zipfile

    with zipfile.ZipFile(info.path) as z:
        told = json.loads(z.read("results.json"))["diagnosis"]["verdict"]
    assert told["headline"] == words["headline"] and told["recorded"] == "cuts", told
    app_mod.start((), "en")


#: cuts round 1 (two lay readers, en and fr, the pictures verdict-comes-and-goes and verdict-cuts-recorded), word for word
NOTHING_FOUND = {
    "en": {
        # "The grey box called 'What to do now' tells me to click 'Contact support' instead, and I don't know which one comes first"
        "watch": "If the problem comes and goes: click “Watch while it happens”, then “Start watching”, and use the internet as you do when "
        "it happens (a video call, for example). You can stop the watching as soon as the problem has happened; otherwise it stops by "
        "itself after 5 minutes. This program then tells you what it saw.",
        "contact": "If watching does not find it, or the problem does not come and go: click “Contact support” and describe what happens. "
        "The support team will get these results.",
        # "'watch' makes me a bit nervous. Will it look at my e-mails or my video calls with the grandchildren?"
        "privacy": "While it watches, it only notes whether the internet answers and how busy the computer is, and by which program. It never "
        "looks at your e-mails, calls, screen or files.",
        "offer": "Does the problem come and go? This program can watch while it happens, then tell you what it saw.",
    },
    "fr": {
        "watch": "Si le problème va et vient\u00a0: cliquez sur «\u00a0Surveiller pendant que ça arrive\u00a0», puis sur «\u00a0Commencer à surveiller\u00a0», et "
        "utilisez internet comme quand ça arrive (un appel vidéo, par exemple). Vous pouvez arrêter la surveillance dès que le problème "
        "s’est produit\u202f; sinon, elle s’arrête toute seule au bout de 5 minutes. Ce programme vous dit alors ce qu’il a vu.",
        "contact": "Si la surveillance ne le trouve pas, ou si le problème est là tout le temps\u00a0: cliquez sur «\u00a0Contacter l’assistance\u00a0» et "
        "décrivez ce qui se passe. L’assistance recevra ces résultats.",
        "privacy": "Pendant qu’il surveille, il note seulement si internet répond et à quel point l’ordinateur est occupé, et par quel "
        "programme. Il ne regarde jamais vos e-mails, vos appels, votre écran ni vos fichiers.",
        "offer": "Le problème va et vient\u202f? Ce programme peut surveiller pendant qu’il se produit, puis vous dire ce qu’il a vu.",
    },
}


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_verdict_that_found_nothing_says_to_watch_first_then_contact_support_and_what_watching_never_looks_at(lang):
    app_mod.start((), "en")
    with i18n.language(lang):
        chosen, unchosen = all_fine(), all_fine(None)
    words = NOTHING_FOUND[lang]
    # a problem chosen: what to do now watches first, support after it; what it watches beside its button, the page's main one
    assert chosen.action is not None and [chosen.action.text, *chosen.action.steps] == [words["watch"], words["contact"]], chosen.action
    assert chosen.watch == words["privacy"] and chosen.watch_main, chosen
    for line in (chosen.action.text, *chosen.action.steps, chosen.watch):
        assert plainwords.problems(line) == [], line
    # nothing chosen (nothing to do): the offer alone, with what it never looks at, its button not the main one
    assert unchosen.action is None and unchosen.watch == f"{words['offer']} {words['privacy']}" and not unchosen.watch_main, unchosen
    app_mod.start((), "en")


def test_watching_first_lasts_as_long_as_the_recording_watches_and_another_problem_uses_the_computer():
    from selfcheck.api import Result, Status
    from selfcheck.config import from_dict

    config = app_mod.start((), "en").config
    config.data.setdefault("record", {})["max_seconds"] = 120  # the Record window's own time (its intro says "up to 2 minutes")

    passed = [Result(check_id="os.uptime", title="Restarted lately", category="os", outcome=_outcome(Status.PASS, "Restarted lately."))]
    slow = verdict.build(passed, [], config, "slow-computer")
    assert slow.action is not None and slow.action.text == (
        "If the problem comes and goes: click “Watch while it happens”, then “Start watching”, and use the computer as you do when it "
        "happens. You can stop the watching as soon as the problem has happened; otherwise it stops by itself after 2 minutes. This "
        "program then tells you what it saw."
    ), slow.action
    assert recorded.watch_seconds(from_dict({"record": {"max_seconds": "soon"}})) == 300  # a wrong value: the default, no traceback
    app_mod.start((), "en")


CUTS_END = {
    "en": (
        # "does that mean I have to ring the grandchildren every time just to test it?": how long, and no call needed
        "Then click “Watch again while it happens”, then “Start watching”, and use the computer as usual: no need to start a video call. You "
        "can stop the watching as soon as the problem happens again; otherwise it stops by itself after 5 minutes. This program then "
        "tells you whether the connection still drops; if it does, go on to the next step.",
        # "If it still cuts out, I don't know what to do. The steps don't say."
        "If it still drops after that, click “Contact support”: what this program saw is sent with your message.",
    ),
    "fr": (
        "Cliquez ensuite sur «\u00a0Surveiller de nouveau pendant que ça arrive\u00a0», puis sur «\u00a0Commencer à surveiller\u00a0», et utilisez "
        "l’ordinateur comme d’habitude\u00a0: inutile de lancer un appel vidéo. Vous pouvez arrêter la surveillance dès que le problème se reproduit\u202f; "
        "sinon, elle s’arrête toute seule au bout de 5 minutes. Ce programme vous dit alors si la connexion se coupe encore\u202f; si c’est le "
        "cas, passez à l’étape suivante.",
        "Si ça se coupe encore après cela, cliquez sur «\u00a0Contacter l’assistance\u00a0»\u00a0: ce que ce programme a vu est envoyé avec votre message.",
    ),
}


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_cuts_verdict_says_how_long_to_watch_again_that_no_call_is_needed_and_ends_with_what_to_do_if_it_still_drops(lang):
    app_mod.start((), "en")
    with i18n.language(lang):
        told = verdict.recorded(all_fine(), record.seen(link_down_recording()), ON_CABLE, app_mod.start((), lang).config)
    assert told.action is not None and [told.action.steps[0], told.action.steps[-1]] == list(CUTS_END[lang]), told.action.steps
    assert len(told.action.steps) == 4, told.action.steps  # the cable, watching, the box, watching once more, then support
    for line in told.action.steps:
        assert plainwords.problems(line) == [], line
    app_mod.start((), "en")


#: cuts round 1: "sockets: the holes on the box?"; « ses prises … débranchez-la de la prise » (the power one): the box's holes
#: for the cable, never a socket; "network cable: I think it's the cable from my computer to the box, but I'm not sure"
CABLE_WORDS = {
    "en": (
        "Unplug the network cable (the cable between the computer and the box) at both ends, then push it back in until it clicks. If you "
        "have another such cable, try that one, in another of the small square holes on the box where such cables plug in.",
        "Each time, the network cable between this computer and your internet box stopped working too: the cable, the holes it plugs "
        "into, or the box is at fault.",
        "socket",
    ),
    "fr": (
        "Débranchez le câble réseau (le câble entre l’ordinateur et la box) aux deux bouts, puis renfoncez-le jusqu’au déclic. Si vous avez "
        "un autre câble de ce genre, essayez-le, dans un autre des petits trous carrés de la box où se branchent ces câbles.",
        "À chaque fois, le câble réseau entre cet ordinateur et votre box internet a cessé de fonctionner lui aussi\u00a0: c’est le câble, les "
        "trous où il se branche, ou la box.",
        "prise",
    ),
}


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_boxs_holes_for_the_cable_are_never_called_a_socket_and_the_network_cable_is_said_in_the_verdict_and_the_reply(lang):
    from selfcheck import supportcard

    app_mod.start((), "en")
    with i18n.language(lang):
        told = verdict.recorded(all_fine(), record.seen(link_down_recording()), ON_CABLE, app_mod.start((), lang).config)
        restart = recorded.rec_restart_step()
        card = supportcard.build({"language": lang, "results": AT_REST}, ON_CABLE, recording=link_down_recording())
    step, where, power_word = CABLE_WORDS[lang]
    assert told.action is not None and told.action.text == step and told.cause is not None and told.cause.endswith(where), told
    # the only socket the customer reads of is the power one: the box's restart (« débranchez-la de la prise »), an adapter in
    # the wall's; never the box's holes (the verdict's lines and the reply's)
    power = (restart, {"en": "wall socket", "fr": "prise de courant"}[lang])
    customer = [told.cause, told.action.text, *told.action.steps, *card.reply.splitlines()]
    assert all(any(p in line for p in power) for line in customer if power_word in line.lower()), customer
    assert not any(power_word in line.lower() for line in (step, where)), (step, where)
    assert f"1. {step}" in card.reply.splitlines(), card.reply  # one wording, from the one analysis
    app_mod.start((), "en")


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_where_a_recording_caught_the_cuts_the_network_checks_are_not_said_all_ok_and_the_line_under_says_why(lang):
    app_mod.start((), "en")
    with i18n.language(lang):
        base = all_fine()
        told = verdict.recorded(base, record.seen(link_down_recording()), ON_CABLE, app_mod.start((), lang).config)
        heading, other, before = told.group_status("network"), told.group_status("hardware"), base.group_status("network")
    # « Internet et réseau : Tout va bien », under the cuts: « Alors, est-ce que ça va ou pas ? »
    assert heading == {"en": "OK between the cuts", "fr": "OK entre les coupures"}[lang] and other == "" and before == "", heading
    # « je ne comprends pas bien à quoi ça sert de me dire ça »: what it explains, the green ticks below
    assert (
        told.count_line
        == {
            "en": "The checks below were made while the connection worked, between two cuts: that is why they show no problem.",
            "fr": "Les vérifications ci-dessous ont été faites pendant que la connexion marchait, entre deux coupures\u00a0: c’est pour cela qu’elles "
            "ne montrent aucun problème.",
        }[lang]
    ), told.count_line
    app_mod.start((), "en")


#: cuts round 2 (en and fr, verdict-comes-and-goes): "we could not find why the internet does not work": "it sounds as if my
#: internet is broken right now, but it was working"; « votre connexion à internet ne fonctionne pas », « alors qu’elle fonctionne
#: en ce moment. Pendant un instant, j’ai cru que c’était complètement cassé »: what is true, everything works at this moment
WORKS_NOW = {
    "en": ("Everything we checked works right now, so we could not see the problem.", "does not work"),
    "fr": ("Tout ce que nous avons vérifié fonctionne en ce moment\u00a0: nous n’avons donc pas pu voir le problème.", "ne fonctionne pas"),
}


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_with_the_internet_chosen_and_nothing_found_the_headline_says_it_works_right_now_not_that_it_does_not_work(lang):
    app_mod.start((), "en")
    with i18n.language(lang):
        headline = all_fine().headline
    works, broken = WORKS_NOW[lang]
    assert headline == works and broken not in headline, headline
    assert plainwords.problems(headline) == []
    app_mod.start((), "en")


#: cuts round 2 (en): "I only saw 2 things to try, but step 3 says 'after each step'. Do I have to run the watching twice, once
#: after the cable and once after the box?": one watch after each thing tried, said where it is done; (fr) « ce que ce programme
#: a vu part avec votre message : part où, et comment ? »: sent with it
WATCH_AFTER_EACH = {
    "en": {
        "watch": "Then click “Watch again while it happens”, then “Start watching”, and use the computer as usual: no need to start a "
        "video call. You can stop the watching as soon as the problem happens again; otherwise it stops by itself after 5 minutes. This program "
        "then tells you whether the connection still drops; if it does, go on to the next step.",
        "again": "Then watch once more, the same way: click “Watch again while it happens”, then “Start watching”.",
        "contact": "If it still drops after that, click “Contact support”: what this program saw is sent with your message.",
    },
    "fr": {
        "watch": "Cliquez ensuite sur «\u00a0Surveiller de nouveau pendant que ça arrive\u00a0», puis sur «\u00a0Commencer à surveiller\u00a0», et utilisez "
        "l’ordinateur comme d’habitude\u00a0: inutile de lancer un appel vidéo. Vous pouvez arrêter la surveillance dès que le problème se reproduit\u202f; "
        "sinon, elle s’arrête toute seule au bout de 5 minutes. Ce programme vous dit alors si la connexion se coupe encore\u202f; si c’est le "
        "cas, passez à l’étape suivante.",
        "again": "Surveillez ensuite encore une fois, de la même façon\u00a0: cliquez sur «\u00a0Surveiller de nouveau pendant que ça arrive\u00a0», puis "
        "sur «\u00a0Commencer à surveiller\u00a0».",
        "contact": "Si ça se coupe encore après cela, cliquez sur «\u00a0Contacter l’assistance\u00a0»\u00a0: ce que ce programme a vu est envoyé avec votre message.",
    },
}


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_cuts_steps_say_one_watch_after_each_thing_tried_and_what_becomes_of_what_it_saw(lang):
    app_mod.start((), "en")
    with i18n.language(lang):
        config = app_mod.start((), lang).config
        told = verdict.recorded(all_fine(), record.seen(link_down_recording()), ON_CABLE, config)
        beyond = verdict.recorded(all_fine(), record.seen(json.loads(BEYOND.read_text(encoding="utf-8"))), ON_CABLE, config)
        cable, restart = i18n._(recorded.REC_REPLY_CABLE), recorded.rec_restart_step()
        line = i18n._(verdict.CUTS_LINE_STEP).format(who=i18n._("your internet provider"))
    words = WATCH_AFTER_EACH[lang]
    assert told.action is not None and [told.action.text, *told.action.steps] == [cable, words["watch"], restart, words["again"], words["contact"]]
    # beyond the box: one thing to try, one watch, then who checks the line
    assert beyond.action is not None and [beyond.action.text, *beyond.action.steps] == [restart, words["watch"], line], beyond.action
    for step in (*told.action.steps, *beyond.action.steps):
        assert plainwords.problems(step) == [], step
        assert "record" not in step.lower() and "enregistr" not in step.lower(), step
    app_mod.start((), "en")


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_nothing_found_the_steps_name_the_watch_windows_start_watching_button(lang):
    """Cuts round 2: "Then click 'Start recording'": "will it record my call with my grandchildren?"; « Commencer
    l’enregistrement » : « je pense qu’on va enregistrer mon appel »."""
    app_mod.start((), "en")
    with i18n.language(lang):
        chosen = all_fine()
    assert chosen.action is not None
    start = {"en": "then “Start watching”", "fr": "puis sur «\u00a0Commencer à surveiller\u00a0»"}[lang]
    assert start in chosen.action.text and not any("record" in s.lower() or "enregistr" in s.lower() for s in [chosen.action.text, chosen.watch])
    app_mod.start((), "en")


def test_in_french_the_box_to_restart_is_told_from_le_boitier_de_la_tele_in_the_steps_and_the_cards_reply():
    """Cuts round 2 (fr): « décodeur » : « je pense que c’est le boîtier de la télé, mais je n’en suis pas sûre »: the English's
    words, the TV box."""
    from selfcheck import plainwords as pw
    from selfcheck import supportcard

    app_mod.start((), "en")
    with i18n.language("fr"):
        told = verdict.recorded(all_fine(), record.seen(link_down_recording()), ON_CABLE, app_mod.start((), "fr").config)
        card = supportcard.build({"language": "fr", "results": AT_REST}, ON_CABLE, recording=link_down_recording())
        unplug = i18n._(pw.INTERNET_UNPLUG_STEP)
    assert told.action is not None
    restart = told.action.steps[1]
    for text in (restart, card.reply, unplug):
        assert "décodeur" not in text, text
    assert "(celle qui porte le nom du Wi-Fi sur son étiquette, pas le boîtier de la télé)" in restart
    assert restart in card.reply, card.reply
    assert "(celle qui porte le nom du Wi-Fi sur son étiquette, pas le boîtier de la télé)" in unplug
    app_mod.start((), "en")
