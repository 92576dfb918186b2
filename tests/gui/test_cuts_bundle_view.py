"""The window's read-only view of a bundle whose card says its results ran between the cuts (agent round 96, cuts-sometimes:
the ten green results after the card "look like nothing is wrong, until you read the note"): as `selfcheck show` and
report.html say it (tests/test_cards_round96.py), the note comes first, on its own line, and the OK results fold into one
line of names, each one click away; a result that is not OK keeps its own card."""

from __future__ import annotations

import time

import pytest

pytest.importorskip("PySide6")

from PySide6.QtWidgets import QLabel, QWidget  # noqa: E402

from recordings import AT_REST, ON_CABLE, link_down_recording  # noqa: E402
from selfcheck import app as app_mod  # noqa: E402
from selfcheck import i18n  # noqa: E402
from selfcheck.gui.widgets import Expander  # noqa: E402
from selfcheck.history import record  # noqa: E402

from . import fakechecks  # noqa: E402
from .conftest import label_words  # noqa: E402

FIRST = {
    "en": "These checks ran between the cuts, while the connection worked: an OK here says nothing about the cuts.",
    "fr": "Ces vérifications ont été faites entre les coupures, quand la connexion marchait\u00a0: un OK ici ne dit rien des coupures.",
}
OKS = {
    "en": "OK: Network connection (cable or Wi-Fi), The internet beyond your internet box.",
    "fr": "OK\u00a0: Network connection (cable or Wi-Fi), The internet beyond your internet box.",  # the bundle's titles
}
WARN = {"id": "security.firewall", "status": "warn", "title": "Firewall", "summary": "The firewall is turned off.", "category": "security"}


def _bundle(tmp_path, lang: str, recorded: bool):
    """The bundle a customer on a cable sends, its scan (two OKs and a warning) made between the cuts the watching caught
    (``recorded``), or with no recording at all."""
    from selfcheck.bundle import plan_bundle, write_bundle
    from selfcheck.runner import Scan

    app = app_mod.start((), lang)
    if recorded:
        record.save(record.Recording.from_dict({**link_down_recording(), "started_at": time.time() - 70}))
    scan = Scan.from_dict({"results": [*AT_REST, WARN], "symptom": "internet", "language": lang}, facts=ON_CABLE)
    path = write_bundle(plan_bundle(app, scan, include_logs=False), tmp_path / f"cuts-{lang}-{recorded}.zip").path
    i18n.set_language("en")
    return path


def _opened(qtbot, make_window, path, lang: str):
    window = make_window(fakechecks.PassCheck)
    if lang == "fr":
        window.set_language("fr")
    with qtbot.waitSignal(window.results_page.ready, timeout=20000):
        window.open_bundle(path)
    return window


def _top(widget: QWidget, page: QWidget) -> int:
    return widget.mapTo(page, widget.rect().topLeft()).y()


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_bundle_view_says_first_that_the_results_ran_between_the_cuts_and_folds_the_oks_into_one_line(qtbot, make_window, tmp_path, lang):
    plain = _bundle(tmp_path, lang, recorded=False)  # before the watching: nothing said of cuts
    window = _opened(qtbot, make_window, _bundle(tmp_path, lang, recorded=True), lang)
    page = window.results_page
    assert window.bundle_info["support_card"].outside_cut  # the flag `show` and report.html read
    body = page.area.widget()
    shown = [lab for lab in body.findChildren(QLabel) if lab.isVisibleTo(window)]
    note = [lab for lab in shown if label_words(lab) == FIRST[lang]]
    line = [lab for lab in shown if label_words(lab) == OKS[lang]]
    assert len(note) == 1 and len(line) == 1, [label_words(lab) for lab in shown]
    # the OKs are not a green card each: named in the one line, their cards one click away
    oks = [page.cards[r["id"]] for r in AT_REST]
    assert not any(card.isVisibleTo(window) for card in oks)
    fold = next(w for w in body.findChildren(Expander) if w.target.isAncestorOf(oks[0]))
    assert not fold.isChecked() and fold.isVisibleTo(window)
    fold.click()
    assert all(card.isVisibleTo(window) for card in oks)
    # the warning keeps its own card, with its summary; the note comes before every result
    warn = page.cards["security.firewall"]
    assert warn.isVisibleTo(window) and warn.summary_label.text() == "The firewall is turned off."
    assert _top(note[0], body) < _top(line[0], body) < _top(oks[0], body)
    assert all(_top(note[0], body) < _top(card, body) for card in page.cards.values())
    # the same results with no recording: no note, each OK its own card, as before
    with qtbot.waitSignal(page.ready, timeout=20000):
        window.open_bundle(plain)
    assert not window.bundle_info["support_card"].outside_cut
    texts = [label_words(lab) for lab in page.area.widget().findChildren(QLabel)]
    assert FIRST[lang] not in texts and OKS[lang] not in texts, texts
    assert all(page.cards[r["id"]].isVisibleTo(window) for r in AT_REST)
    i18n.set_language("en")
