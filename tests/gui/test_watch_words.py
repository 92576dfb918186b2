"""The window the verdict's "Watch while it happens" opens says watching, never recording (cuts round 2, en and fr, just before
a video call: "Start recording": "will it record my call with my grandchildren?"; « Commencer l’enregistrement » : « le mot
« enregistrement » me fait peur, je pense qu’on va enregistrer mon appel avec ma petite-fille »), from its title and buttons to
what it says once it stops, and the File menu's way to it. While watching, it says it may be stopped as soon as the problem has
happened (comes-and-goes round 3, en and fr: whether closing it after one minute, where the first screen says five, spoiled it)."""

from __future__ import annotations

import re

import pytest

pytest.importorskip("PySide6")

from selfcheck import i18n, plainwords  # noqa: E402

from . import fakechecks  # noqa: E402
from .conftest import run_scan  # noqa: E402

WORDS = {
    "en": {
        "title": "Watch while it happens",
        "menu": "&Watch while the problem happens…",
        "idle": "Not watching yet.",
        "start": "Start watching",
        "stop": "Stop watching",
        "running": r"Watching… \d+ s\. You can stop it as soon as the problem has happened; otherwise it stops by itself\.",
        "saved": "Done. If you contact support, what this program saw is sent with your message.",
        "too soon": "The watching was stopped too soon to see anything, so nothing was kept.",
    },
    "fr": {
        "title": "Surveiller pendant que ça arrive",
        "menu": "&Surveiller pendant que le problème arrive…",
        "idle": "La surveillance n’a pas commencé.",
        "start": "Commencer à surveiller",
        "stop": "Arrêter de surveiller",
        "running": r"Surveillance… \d+\u00a0s\. Vous pouvez l’arrêter dès que le problème s’est produit\u202f; sinon, elle s’arrête toute seule\.",
        "saved": "Terminé. Si vous contactez l’assistance, ce que ce programme a vu est envoyé avec votre message.",
        "too soon": "La surveillance a été arrêtée trop tôt pour voir quoi que ce soit\u00a0: rien n’a été gardé.",
    },
}

#: the word that frightened both readers, in either language (the support card, the bundle's files and `selfcheck record` keep it)
RECORDING = re.compile(r"(?i)record|enregistr")


def shown(dialog) -> list[str]:
    """Every word the Record window shows or says to a screen reader: its title, labels, buttons and accessible names."""
    from PySide6.QtWidgets import QAbstractButton, QLabel, QWidget

    texts = [dialog.windowTitle()]
    texts += [w.text() for w in dialog.findChildren(QLabel) if w.isVisible()]
    texts += [b.text() for b in dialog.findChildren(QAbstractButton) if b.isVisible()]
    texts += [w.accessibleName() for w in dialog.findChildren(QWidget) if w.isVisible() and w.accessibleName()]
    return [t for t in texts if t]


def quiet_sampler():
    """A recorder's sampler of the test's own (no probe sent anywhere): the computer idle, the support server answering."""
    return {"cpu": 3.0, "mem": 40.0, "top": [], "support_ms": 2.0}


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_window_the_verdict_opens_says_watching_from_its_title_to_what_it_kept_never_recording(make_window, qtbot, selfcheck_home, lang):
    from selfcheck.history import record

    window = make_window(fakechecks.PassCheck)
    if lang == "fr":
        window.set_language("fr")
    run_scan(qtbot, window, symptom="internet")
    words = WORDS[lang]
    assert window.record_action.text() == words["menu"]
    offer = window.results_page.headline_card.watch_button
    with qtbot.waitSignal(window.record_dialog_opened, timeout=5000) as opened:
        offer.click()
    dialog = opened.args[0]
    # the window is called what the button that opened it says
    assert dialog.windowTitle() == offer.text() == words["title"]
    assert (dialog.start_button.text(), dialog.stop_button.text(), dialog.status.text()) == (words["start"], words["stop"], words["idle"])
    seen = shown(dialog)
    dialog.recorder = record.Recorder(None, interval=0.05, max_seconds=60, sampler=quiet_sampler)
    dialog.start_button.click()
    assert re.fullmatch(words["running"], dialog.status.text()), dialog.status.text()
    seen += shown(dialog)
    qtbot.waitUntil(lambda: len(dialog.recorder.recording.samples) >= record.MIN_SAMPLES, timeout=10000)
    dialog.stop_button.click()
    assert dialog.saved_path is not None and dialog.status.text() == words["saved"]
    seen += shown(dialog)
    for text in seen:
        assert not RECORDING.search(text), text
        assert plainwords.problems(text) == [], text
    with qtbot.waitSignal(window.scan_shown, timeout=5000):
        dialog.reject()
    i18n.set_language("en")


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_stopped_at_once_the_window_says_the_watching_was_stopped_too_soon(qtbot, selfcheck_home, lang):
    from selfcheck.config import from_dict
    from selfcheck.gui.overtime import RecordDialog
    from selfcheck.history import record

    i18n.set_language(lang)
    try:
        dialog = RecordDialog(from_dict({}), interval=1.0, max_seconds=60)
        qtbot.addWidget(dialog)
        dialog.recorder = record.Recorder(None, interval=1.0, max_seconds=60, sampler=quiet_sampler)
        dialog.show()
        dialog.start_button.click()
        dialog.stop_button.click()
        assert dialog.saved_path is None and dialog.status.text() == WORDS[lang]["too soon"]
        for text in shown(dialog):
            assert not RECORDING.search(text), text
    finally:
        i18n.set_language("en")
