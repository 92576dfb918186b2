"""The customer's recording ("It happened now") read by support: the card, ``selfcheck show`` and report.html."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from selfcheck import app as app_mod
from selfcheck import supportcard
from selfcheck.history import record

LAB = Path(__file__).parent.parent / "fixtures" / "recording" / "lab_cuts_and_hog.json"

SAYS = {
    "en": [
        "Recorded while it happened:",
        "The customer recorded 65 s while making the problem happen (66 measurements, about one a second).",
        "The support server (support.lab.example:443) stopped answering 3 times: for about 5 s from 16 s; for about 6 s from 35 s; for about 6 s from 55 s.",
        "The customer pressed “It happened now” at 38 s: the support server was not answering then (the cut from 35 s).",
        "The customer pressed “It happened now” at 48 s: the support server was answering then. At that moment the processor was 100% busy; "
        "busiest programs: yes (66%), yes (58%), python (3%).",
    ],
    "fr": [
        "Enregistré pendant que c’est arrivé :",
        "Le client a enregistré 65 s pendant qu’il provoquait le problème (66 mesures, environ une par seconde).",
        "Le serveur du support (support.lab.example:443) a cessé de répondre 3 fois : pendant environ 5 s à partir de 16 s ; "
        "pendant environ 6 s à partir de 35 s ; pendant environ 6 s à partir de 55 s.",
        "Le client a appuyé sur « C'est arrivé maintenant » à 38 s : le serveur du support ne répondait pas à ce moment-là (la coupure à partir de 35 s).",
        "à 48 s : le serveur du support répondait à ce moment-là. À ce moment-là, le processeur était occupé à 100 % ; "
        "programmes les plus actifs : yes (66 %), yes (58 %), python (3 %).",
    ],
}


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_card_says_how_often_the_support_server_stopped_answering_and_where_the_marks_fell(selfcheck_home, tmp_path, capsys, lang):
    # s32 lab: the line cut 5 s every 20 s, the customer's mark in the second cut, 'yes' on both cores at the second mark; the
    # bundle carried the recording and its chart, but the card said "No cause found" and nothing of it
    from selfcheck import cli
    from selfcheck.bundle import make_bundle
    from selfcheck.runner import Scan

    data = json.loads(LAB.read_text(encoding="utf-8"))
    record.save(record.Recording.from_dict({**data, "started_at": time.time() - 70}))
    app = app_mod.start((), "en")
    info = make_bundle(app, Scan.from_dict({"results": []}), out_path=tmp_path / "b.zip", include_logs=False)
    capsys.readouterr()
    assert cli.main(["show", str(info.path), "--lang", lang, "--report", str(tmp_path / "r.html")]) == 0
    out = " ".join(capsys.readouterr().out.split())
    for line in SAYS[lang]:
        assert line in out, out
    assert out.index(SAYS[lang][0]) < out.index(SAYS[lang][4]) < out.index({"en": "End of the support card", "fr": "Fin de la fiche support"}[lang])
    html = " ".join((tmp_path / "r.html").read_text(encoding="utf-8").split())
    assert "yes (66" in html and "<svg" in html  # the card and the chart, in report.html
    app_mod.start((), "en")


def test_the_cards_recording_lines_keep_a_hostile_program_name_inert_and_bounded():
    app_mod.start((), "en")
    hostile = "evil\x1b[2J\u202e" + "x" * 500
    lines = supportcard.recording_lines(
        {
            "target": "support.example:443",
            "samples": [{"t": 0, "cpu": 97, "support_ms": 2.0, "top": [{"name": hostile, "cpu": 190.0}]}, {"t": 1, "cpu": "NaN", "support_ms": None}],
            "marks": [{"t": 0.2, "label": "It happened now"}, {"t": "soon"}],
        }
    )
    assert lines[1] == "The support server (support.example:443) stopped answering once: from 1 s to the end of the recording."
    busy = lines[2]
    assert busy.startswith("The customer pressed “It happened now” at 0 s: the support server was answering then. At that moment the processor was 97% busy")
    assert "\x1b" not in busy and "\u202e" not in busy and len(busy) < 300, busy
    assert len(lines) == 3  # the mark with no number is left out
