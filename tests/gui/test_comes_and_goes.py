"""A problem that comes and goes, in the window (round 82, cuts-sometimes): the verdict that found nothing offers to watch
while it happens (the recording was in the File menu only), and once the recording has caught the cuts the verdict says so."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

pytest.importorskip("PySide6")

from selfcheck import i18n  # noqa: E402

from . import fakechecks  # noqa: E402
from .conftest import run_scan  # noqa: E402

BETWEEN = Path(__file__).parent.parent / "fixtures" / "recording" / "lab_box_between.json"

WORDS = {
    "en": {
        "offer": "Does the problem come and go? This program can watch this computer while it happens, then tell you what it saw.",
        "button": "Watch while it happens",
        "headline": "Your internet connection keeps dropping for a few seconds at a time.",
        "again": "Watch again while it happens",
    },
    "fr": {
        "offer": "Le problème va et vient ? Ce programme peut surveiller cet ordinateur pendant qu’il se produit, puis vous dire ce qu’il a vu.",
        "button": "Surveiller pendant que ça arrive",
        "headline": "Votre connexion internet se coupe sans cesse, quelques secondes à chaque fois.",
        "again": "Surveiller de nouveau pendant que ça arrive",
    },
}


def link_down_recording() -> dict:
    """The lab's cable recording, this computer's own link (a cable) down in each cut where the box went silent."""
    from selfcheck.history import record

    data = {**json.loads(BETWEEN.read_text(encoding="utf-8")), "link": {"interface": "eth0", "wireless": False}}
    cuts = record.support_cuts(data["samples"])
    for s in data["samples"]:
        down = s["box_ms"] is None and any(b <= s["t"] < e for b, e in cuts)
        s["link_up"], s["link_mbps"] = not down, 0 if down else 1000
    return data


@pytest.fixture
def lang(request):
    i18n.set_language(request.param)
    yield request.param
    i18n.set_language("en")


@pytest.mark.parametrize("lang", ["en", "fr"], indirect=True)
def test_a_verdict_that_found_nothing_offers_to_watch_while_it_happens_and_the_button_opens_the_recording(make_window, qtbot, lang):
    from selfcheck.gui.overtime import RecordDialog

    window = make_window(fakechecks.PassCheck)
    run_scan(qtbot, window)
    card = window.results_page.headline_card
    words = WORDS[lang]
    assert card.watch_offer is not None and card.watch_offer.text() == words["offer"]
    assert card.watch_button is not None and card.watch_button.text() == words["button"] and card.watch_button.isVisible()
    # a visible secondary button: the page's "Check my computer again" stays the first one
    assert card.watch_button.objectName() == "secondaryAccent" and window.results_page.first_focus() is window.results_page.rescan_button
    with qtbot.waitSignal(window.record_dialog_opened, timeout=5000) as opened:
        card.watch_button.click()
    dialog = opened.args[0]
    assert isinstance(dialog, RecordDialog) and dialog.isVisible()
    dialog.reject()  # closed without recording: the verdict stays as it was
    assert window.results_page.headline_card.watch_offer is not None


def test_a_verdict_with_a_problem_does_not_offer_it(make_window, qtbot):
    window = make_window(fakechecks.FailCheck)
    run_scan(qtbot, window)
    assert window.results_page.headline_card.watch_button is None


@pytest.mark.parametrize("lang", ["en", "fr"], indirect=True)
def test_once_the_recording_caught_the_cuts_the_verdict_says_so_with_what_to_do(make_window, qtbot, lang):
    from selfcheck import recorded
    from selfcheck.history import record

    window = make_window(fakechecks.PassCheck)
    run_scan(qtbot, window)
    with qtbot.waitSignal(window.record_dialog_opened, timeout=5000) as opened:
        window.results_page.headline_card.watch_button.click()
    dialog = opened.args[0]
    # what the dialog saves when it stops (record.save), here the lab's recording of the cable dropping 3 times
    dialog.saved_path = record.save(record.Recording.from_dict({**link_down_recording(), "started_at": time.time() - 70}))
    with qtbot.waitSignal(window.scan_shown, timeout=5000):
        dialog.reject()
    card = window.results_page.headline_card
    words = WORDS[lang]
    assert card.headline.text() == words["headline"], card.headline.text()
    assert card.cause is not None and card.cause.text().startswith(record.what_it_saw(link_down_recording()))
    # the cable first (the link itself dropped), then the box, then how to know: watch again
    assert card.action_text is not None and card.action_text.text() == "1.  " + i18n._(recorded.REC_REPLY_CABLE)
    assert card.steps[0].text() == "2.  " + recorded.rec_restart_step() and words["again"] in card.steps[1].text()
    assert card.watch_button is not None and card.watch_button.text() == words["again"] and card.watch_offer is None
    assert window.results_page.first_focus() is card.watch_button
    # the scan the window sends (Contact support) carries the same verdict
    assert window.scan.diagnosis.verdict.headline == words["headline"] and window.scan.diagnosis.verdict.recorded == "cuts"
    # another language: said again in it
    other = "fr" if lang == "en" else "en"
    with qtbot.waitSignal(window.scan_shown, timeout=5000):
        window.set_language(other)
    assert window.results_page.headline_card.headline.text() == WORDS[other]["headline"]
