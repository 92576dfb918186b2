"""What a recording found, as the customer's verdict (round 82, cuts-sometimes): the scan ran between two cuts, every check
passed, and the window, like the customer's screen in the bundle, said "Everything we checked looks fine" while the recording
had caught the cuts ("The customer's screen says 'Everything looks fine', which contradicts the card")."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from selfcheck import app as app_mod
from selfcheck import i18n, plainwords, recorded, verdict
from selfcheck.history import record

FIXTURES = Path(__file__).parent.parent / "fixtures" / "recording"
#: real recordings (`selfcheck record` in the network lab, tests/fixtures/recording): the cable to the box carrying nothing 4 s
#: at 8, 20 and 32 s; the line beyond the box cut the same way; the s32 lab's cuts and its busy minute
BETWEEN, BEYOND, LAB = FIXTURES / "lab_box_between.json", FIXTURES / "lab_box_beyond.json", FIXTURES / "lab_cuts_and_hog.json"
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
        "where": "Each time, the cable between this computer and your internet box stopped working too: the cable, its sockets or the box is at fault.",
        "verify": "After each step, click “Watch again while it happens” and use the computer as you did when the problem happened",
        "button": "Watch again while it happens",
    },
    "fr": {
        "headline": "Votre connexion internet se coupe sans cesse, quelques secondes à chaque fois.",
        "seen": "Pendant que ce programme surveillait, la connexion a été perdue 3 fois, quelques secondes à chaque fois.",
        "where": "À chaque fois, le câble entre cet ordinateur et votre box internet a cessé de fonctionner lui aussi : c’est le câble, ses prises ou la box.",
        "verify": "Après chaque étape, cliquez sur « Surveiller de nouveau pendant que ça arrive » et utilisez l’ordinateur comme au moment du problème",
        "button": "Surveiller de nouveau pendant que ça arrive",
    },
}


def link_down_recording() -> dict:
    """The lab's cable recording as the recorder now writes it: this computer's own link (eth0, a cable) down in each of the 3
    cuts where the box went silent, up elsewhere (as tests/history/test_recording_card.py builds it)."""
    data = {**json.loads(BETWEEN.read_text(encoding="utf-8")), "link": {"interface": "eth0", "wireless": False}}
    cuts = record.support_cuts(data["samples"])
    for s in data["samples"]:
        down = s["box_ms"] is None and any(b <= s["t"] < e for b, e in cuts)
        s["link_up"], s["link_mbps"] = not down, 0 if down else 1000
    return data


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
    assert base.headline.startswith(i18n._(verdict.ALL_GOOD_WITH_SYMPTOM).split("{")[0]) and base.watch_button  # it offers the recording
    assert told.headline == words["headline"] and told.recorded == "cuts", told
    assert told.cause == f"{words['seen']} {words['where']}" and said == words["seen"], told.cause
    # what to do: the card's own steps for a cable whose link dropped (the cable in another socket, then the box), one at a
    # time, then how to know it is fixed: watching again
    assert told.action is not None and [told.action.text, *told.action.steps[:1]] == [cable, restart], told.action
    assert told.action.steps[1].startswith(words["verify"]) and told.watch_button == words["button"], told.action.steps
    assert told.icon == "status-attention" and told.items == [] and told.symptom == "internet"
    for line in (told.headline, told.cause, told.action.text, *told.action.steps):
        assert plainwords.problems(line) == [], line
    # the card's reply says the same steps in the same order (one analysis, two wordings)
    from selfcheck import supportcard

    with i18n.language(lang):
        card = supportcard.build({"language": lang, "results": AT_REST}, ON_CABLE, recording=link_down_recording())
    assert [line for line in card.reply.splitlines() if line[:3] in ("1. ", "2. ")] == [f"1. {cable}", f"2. {restart}"], card.reply
    app_mod.start((), "en")


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_beyond_the_box_the_verdict_says_the_line_and_who_checks_it(lang):
    app_mod.start((), "en")
    with i18n.language(lang):
        told = verdict.recorded(all_fine(), record.seen(json.loads(BEYOND.read_text(encoding="utf-8"))), ON_CABLE)
        restart = recorded.rec_restart_step()
    assert told.action is not None and told.action.text == restart and len(told.action.steps) == 2, told.action
    assert {"en": "your internet provider", "fr": "votre fournisseur d’accès à internet"}[lang] in told.action.steps[0]
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
    scan = Scan.from_dict({"results": AT_REST, "symptom": "internet", "language": lang, "facts": ON_CABLE})
    record.save(record.Recording.from_dict({**link_down_recording(), "started_at": time.time() - 70}))
    info = make_bundle(app, scan, out_path=tmp_path / "cuts.zip", include_logs=False)
    fine = all_fine().headline  # what the screen said before: "Everything we checked looks fine, so …"
    capsys.readouterr()
    assert cli.main(["show", str(info.path), "--lang", lang, "--report", str(tmp_path / "r.html")]) == 0
    out = capsys.readouterr().out
    words = SAID[lang]
    card_end = out.index({"en": "End of the support card", "fr": "Fin de la fiche support"}[lang])
    screen = " ".join(out[card_end:].split())
    # the customer's screen below the card says what the recording found, its steps and how to check again
    assert words["headline"] in screen and words["seen"] in screen and words["where"] in screen, screen
    assert fine not in out, out
    # the card no longer explains an "everything looks fine" screen; it still says the checks ran between the cuts
    fine_why = {"en": "Why the customer's screen says everything looks fine", "fr": "Pourquoi l’écran du client dit que tout semble en ordre"}[lang]
    between = {"en": "When the computer was checked, outside a cut, all 2 network checks passed", "fr": "hors coupure"}[lang]
    assert fine_why not in out and between in out[:card_end], out
    assert {"en": "what their recording found", "fr": "ce que son enregistrement a trouvé"}[lang] in out, out
    # report.html shows the same screen
    html = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert esc(words["headline"]) in html and esc(fine) not in html
    # judged again (--reevaluate), the screen still says what the recording found
    assert cli.main(["show", str(info.path), "--lang", lang, "--reevaluate"]) == 0
    again = capsys.readouterr().out
    assert words["headline"] in " ".join(again.split()) and fine not in again, again
    # and the bundle's own results.json carries it (what `selfcheck open` shows)
    import zipfile

    with zipfile.ZipFile(info.path) as z:
        told = json.loads(z.read("results.json"))["diagnosis"]["verdict"]
    assert told["headline"] == words["headline"] and told["recorded"] == "cuts", told
    app_mod.start((), "en")
