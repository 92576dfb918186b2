"""A problem that comes and goes, in the window (round 82, cuts-sometimes): the verdict that found nothing offers to watch
while it happens (the recording was in the File menu only), and once the recording has caught the cuts the verdict says so."""

from __future__ import annotations

import time

import pytest

pytest.importorskip("PySide6")

from recordings import link_down_recording  # noqa: E402
from selfcheck import i18n, plainwords  # noqa: E402

from . import fakechecks  # noqa: E402
from .conftest import run_scan  # noqa: E402

WORDS = {
    "en": {
        # cuts round 1: "'watch' makes me a bit nervous. Will it look at my e-mails or my video calls?": what it never looks at
        "offer": "Does the problem come and go? This program can watch while it happens, then tell you what it saw. While it watches, it "
        "only notes whether the internet answers and how busy the computer is, and by which program. It never looks at your e-mails, "
        "calls, screen or files.",
        "button": "Watch while it happens",
        "headline": "Your internet connection keeps dropping for a few seconds at a time.",
        "again": "Watch again while it happens",
    },
    "fr": {
        "offer": "Le problème va et vient\u202f? Ce programme peut surveiller pendant qu’il se produit, puis vous dire ce qu’il a vu. Pendant "
        "qu’il surveille, il note seulement si internet répond et à quel point l’ordinateur est occupé, et par quel programme. Il ne "
        "regarde jamais vos e-mails, vos appels, votre écran ni vos fichiers.",
        "button": "Surveiller pendant que ça arrive",
        "headline": "Votre connexion internet se coupe sans cesse, quelques secondes à chaque fois.",
        "again": "Surveiller de nouveau pendant que ça arrive",
    },
}


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
    # the cable first (the link itself dropped), how to know: watch again, then the box
    assert card.action_text is not None and card.action_text.text() == "1.  " + i18n._(recorded.REC_REPLY_CABLE)
    assert words["again"] in card.steps[0].text() and card.steps[1].text() == "3.  " + recorded.rec_restart_step()
    assert card.watch_button is not None and card.watch_button.text() == words["again"] and card.watch_offer is None
    assert window.results_page.first_focus() is card.watch_button
    # the scan the window sends (Contact support) carries the same verdict
    assert window.scan.diagnosis.verdict.headline == words["headline"] and window.scan.diagnosis.verdict.recorded == "cuts"
    # another language: said again in it
    other = "fr" if lang == "en" else "en"
    with qtbot.waitSignal(window.scan_shown, timeout=5000):
        window.set_language(other)
    assert window.results_page.headline_card.headline.text() == WORDS[other]["headline"]


STEPS = {
    "en": (
        "1.  If the problem comes and goes: click “Watch while it happens”, then “Start watching”, and use the internet as you do when it "
        "happens (a video call, for example). You can stop the watching as soon as the problem has happened; otherwise it stops by itself "
        "after 5 minutes. This program then tells you what it saw.",
        "2.  If watching does not find it, or the problem does not come and go: click “Contact support” and describe what happens. The "
        "support team will get these results.",
        "While it watches, it only notes whether the internet answers and how busy the computer is, and by which program. It never looks "
        "at your e-mails, calls, screen or files.",
    ),
    "fr": (
        "1.  Si le problème va et vient\u00a0: cliquez sur «\u00a0Surveiller pendant que ça arrive\u00a0», puis sur «\u00a0Commencer à surveiller\u00a0», et "
        "utilisez internet comme quand ça arrive (un appel vidéo, par exemple). Vous pouvez arrêter la surveillance dès que le problème "
        "s’est produit\u202f; sinon, elle s’arrête toute seule au bout de 5 minutes. Ce programme vous dit alors ce qu’il a vu.",
        "2.  Si la surveillance ne le trouve pas, ou si le problème est là tout le temps\u00a0: cliquez sur «\u00a0Contacter l’assistance\u00a0» et décrivez "
        "ce qui se passe. L’assistance recevra ces résultats.",
        "Pendant qu’il surveille, il note seulement si internet répond et à quel point l’ordinateur est occupé, et par quel programme. Il ne "
        "regarde jamais vos e-mails, vos appels, votre écran ni vos fichiers.",
    ),
}


class NetworkLink(fakechecks.PassCheck):
    """A network check the internet's problem runs (its checks are network.*), passing."""

    id = "network.fakelink"
    category = "network"
    title = "Fake network link"


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_with_a_problem_chosen_what_to_do_now_watches_first_then_contact_support_and_watching_is_the_main_button(make_window, qtbot, lang):
    """Cuts round 1 (en and fr): "What to do now: Click “Contact support”" above "Watch while it happens", and a focused "Check my
    computer again": "I don't know which one comes first", « je ne sais pas lequel des trois est le bon »."""
    window = make_window(NetworkLink)
    if lang == "fr":
        window.set_language("fr")
    run_scan(qtbot, window, symptom="internet")
    page = window.results_page
    card = page.headline_card
    first, then, privacy = STEPS[lang]
    assert card.action_text is not None and card.action_text.text() == first, card.action_text.text()
    assert [step.text() for step in card.steps] == [then]
    assert card.watch_offer is not None and card.watch_offer.text() == privacy and card.watch_offer.isVisible()
    # the page's main button, where the keyboard starts: not "Check my computer again"
    assert card.watch_button is not None and card.watch_button.objectName() == "primary" and card.watch_button.isVisible()
    assert page.first_focus() is card.watch_button and page.rescan_button.objectName() != "primary"


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_once_the_cuts_are_recorded_the_network_checks_heading_says_ok_between_the_cuts_not_all_ok(make_window, qtbot, lang):
    """Cuts round 1 (fr): under the orange « Votre connexion internet se coupe sans cesse », « Internet et réseau : Tout va bien »
    with green ticks: « Alors, est-ce que ça va ou pas ? Je ne sais plus quoi croire. »"""
    from selfcheck.gui.widgets import CategorySection
    from selfcheck.history import record

    window = make_window(NetworkLink)
    if lang == "fr":
        window.set_language("fr")
    run_scan(qtbot, window, symptom="internet")
    all_ok = {"en": "All OK", "fr": "Tout va bien"}[lang]

    def network() -> list[CategorySection]:  # the page's sections as they are now (one card per turn of the event loop)
        return [s for s in window.results_page.findChildren(CategorySection) if s.category == "network" and s.isVisibleTo(window)]

    qtbot.waitUntil(lambda: len(network()) == 1, timeout=5000)
    assert network()[0].count_label.text() == all_ok  # nothing recorded yet: as before
    with qtbot.waitSignal(window.record_dialog_opened, timeout=5000) as opened:
        window.results_page.headline_card.watch_button.click()
    dialog = opened.args[0]
    dialog.saved_path = record.save(record.Recording.from_dict({**link_down_recording(), "started_at": time.time() - 70}))
    with qtbot.waitSignal(window.results_page.ready, timeout=5000):
        dialog.reject()
    card = window.results_page.headline_card
    assert card.verdict.recorded == "cuts"
    qtbot.waitUntil(lambda: len(network()) == 1, timeout=5000)
    assert network()[0].count_label.text() == {"en": "OK between the cuts", "fr": "OK entre les coupures"}[lang]
    assert (
        card.count_line.text()
        == {
            "en": "The checks below were made while the connection worked, between two cuts: that is why they show no problem.",
            "fr": "Les vérifications ci-dessous ont été faites pendant que la connexion marchait, entre deux coupures\u00a0: c’est pour cela qu’elles "
            "ne montrent aucun problème.",
        }[lang]
    )


#: the watching window's first line and the page's first step, with the company's limit (stop 45: a limit of 60 s read "for up
#: to 1 minutes" and "it stops by itself after 1 minutes", « pendant 1 minutes au plus », « au bout de 1 minutes »)
LIMIT_SAID = {
    ("en", 60): ("for up to 1 minute while you make the problem happen", "otherwise it stops by itself after 1 minute. This program"),
    ("fr", 60): ("pendant 1 minute au plus, le temps que vous reproduisiez le problème", "au bout de 1 minute. Ce programme"),
    ("en", None): ("for up to 5 minutes while you make the problem happen", "otherwise it stops by itself after 5 minutes. This program"),
    ("fr", None): ("pendant 5 minutes au plus, le temps que vous reproduisiez le problème", "au bout de 5 minutes. Ce programme"),
}


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_page_and_the_watching_window_say_the_companys_watching_limit_in_the_right_number(make_window, qtbot, lang):
    for seconds in (60, None):  # one minute, and the default (5 minutes, as before)
        _limit_said(make_window, qtbot, lang, seconds)


def _limit_said(make_window, qtbot, lang: str, seconds: int | None) -> None:
    window = make_window(NetworkLink, config=fakechecks.config(**({"record": {"max_seconds": seconds}} if seconds else {})))
    if lang == "fr":
        window.set_language("fr")
    run_scan(qtbot, window, symptom="internet")
    intro, step = LIMIT_SAID[(lang, seconds)]
    card = window.results_page.headline_card
    assert card.action_text is not None and step in card.action_text.text(), card.action_text.text()
    with qtbot.waitSignal(window.record_dialog_opened, timeout=5000) as opened:
        card.watch_button.click()
    dialog = opened.args[0]
    assert intro in dialog.intro.text() and "1 minutes" not in dialog.intro.text(), dialog.intro.text()
    assert plainwords.problems(dialog.intro.text()) == [], dialog.intro.text()
    dialog.reject()
    i18n.set_language("en")
