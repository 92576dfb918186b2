"""Issue 21, b0bdaf66's leftovers: the window's read-only bundle view shows what `selfcheck show` and report.html show.

1. A recording's bundle: the customer's screen as the bundle holds it ("Your internet connection keeps dropping…"), not the
   facts judged again ("Everything we checked works right now, so we could not see the problem.", which the card's last line
   contradicts), also after a language switch; the network checks' heading says they passed between the cuts, not "All OK".
2. The recording's chart is drawn in the reader's language (its legend), from the bundle's recording, not the bundle's own
   drawing (made in the customer's language).
3. Under a support card, each check as the card names it ("Network sign-in page", not "Wi-Fi welcome page"), as `show` and
   report.html name it (supportcard.list_titles: one rule).
"""

from __future__ import annotations

import time

import pytest

pytest.importorskip("PySide6")

from PySide6.QtWidgets import QLabel  # noqa: E402

from recordings import AT_REST, ON_CABLE, link_down_recording  # noqa: E402
from selfcheck import app as app_mod  # noqa: E402
from selfcheck import i18n  # noqa: E402
from selfcheck.history import record  # noqa: E402

from . import fakechecks  # noqa: E402

#: the screen the customer saw once their recording caught the cuts (verdict.recorded), in the bundle's language
DROPPING = {
    "en": "Your internet connection keeps dropping for a few seconds at a time.",
    "fr": "Votre connexion internet se coupe sans cesse, quelques secondes à chaque fois.",
}
#: the facts judged alone: what the window said before, and what it still says of a bundle without a recording
NOT_SEEN = {
    "en": "Everything we checked works right now, so we could not see the problem.",
    "fr": "Tout ce que nous avons vérifié fonctionne en ce moment\u00a0: nous n’avons donc pas pu voir le problème.",
}
BETWEEN_HEADING = {"en": "OK between the cuts", "fr": "OK entre les coupures"}
#: a network check for information only: it keeps its own card under its category's heading
PROXY = {"id": "network.proxy", "status": "info", "title": "Proxy server", "summary": "No proxy is set.", "category": "network"}
#: the captive portal's check as the bundle names it (its own title) and as the support card names it
PORTAL = {"id": "network.captive_portal", "status": "pass", "title": "Wi-Fi welcome page", "summary": "No page in the way.", "category": "network"}
WARN = {"id": "security.firewall", "status": "warn", "title": "Firewall", "summary": "The firewall is turned off.", "category": "security"}
CARD_NAME = {"en": "Network sign-in page", "fr": "Page de connexion du réseau"}
LEGEND = {
    "en": ("Processor", "Memory", "Support server answers", "No answer"),
    "fr": ("Processeur", "Mémoire", "Le serveur de l’assistance répond", "Pas de réponse"),
}


def _bundle(tmp_path, lang: str, results: list[dict], recorded: bool, name: str):
    """A customer's bundle made in ``lang``: ``results`` made between the cuts their recording caught (``recorded``), or with
    no recording."""
    from selfcheck.bundle import plan_bundle, write_bundle
    from selfcheck.runner import Scan

    app = app_mod.start((), lang)
    if recorded:
        record.save(record.Recording.from_dict({**link_down_recording(), "started_at": time.time() - 70}))
    scan = Scan.from_dict({"results": results, "symptom": "internet", "language": lang}, facts=ON_CABLE)
    path = write_bundle(plan_bundle(app, scan, include_logs=False), tmp_path / f"{name}-{lang}.zip").path
    for old in record.recordings_dir().glob("*.json") if recorded else ():
        old.unlink()  # the next bundle made here carries none
    i18n.set_language("en")
    return path


def _open(qtbot, window, path):
    with qtbot.waitSignal(window.results_page.ready, timeout=20000):
        window.open_bundle(path)
    return window.results_page


def _network_headings(window) -> list[str]:
    from selfcheck.gui.widgets import CategorySection

    page = window.results_page
    return [s.count_label.text() for s in page.area.widget().findChildren(CategorySection) if s.category == "network" and s.isVisibleTo(window)]


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_recordings_bundle_shows_the_customers_screen_as_they_saw_it_not_the_facts_judged_again(qtbot, make_window, tmp_path, lang):
    recorded = _bundle(tmp_path, lang, [*AT_REST, PROXY], recorded=True, name="cuts")
    plain = _bundle(tmp_path, lang, [*AT_REST, PROXY], recorded=False, name="plain")
    window = make_window(fakechecks.PassCheck)
    if lang == "fr":
        window.set_language("fr")
    page = _open(qtbot, window, recorded)
    assert window.bundle_info["support_card"].screen_recorded  # the card says the customer's screen follows
    assert page.headline_card.headline.text() == DROPPING[lang]
    # the network checks passed between the cuts: their heading says so, as the customer's own screen did
    assert _network_headings(window) == [BETWEEN_HEADING[lang]]
    # another language for the window: the customer's screen stays the one they saw
    other = "fr" if lang == "en" else "en"
    with qtbot.waitSignal(page.ready, timeout=20000):
        window.set_language(other)
    assert window.results_page.headline_card.headline.text() == DROPPING[lang]
    # a bundle without a recording: the window judges its facts again, as before, and the heading is the usual one
    page = _open(qtbot, window, plain)
    assert page.headline_card.headline.text() == NOT_SEEN[other]
    assert _network_headings(window) == [{"en": "All OK", "fr": "Tout va bien"}[other]]
    i18n.set_language("en")


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_where_only_the_card_says_the_checks_ran_between_the_cuts_their_network_heading_says_so_too(qtbot, make_window, tmp_path, lang):
    """A warning found besides: the customer's screen told it (not the recording), and the card says the network checks passed
    between the cuts (at_rest): the heading under its note does not say "All OK"."""
    path = _bundle(tmp_path, lang, [*AT_REST, PROXY, WARN], recorded=True, name="warn")
    window = make_window(fakechecks.PassCheck)
    if lang == "fr":
        window.set_language("fr")
    _open(qtbot, window, path)
    card = window.bundle_info["support_card"]
    assert card.outside_cut and not card.screen_recorded
    assert _network_headings(window) == [BETWEEN_HEADING[lang]]
    i18n.set_language("en")


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_recordings_chart_in_a_bundle_view_is_drawn_in_the_readers_language(qtbot, make_window, tmp_path, lang):
    from PySide6.QtCore import QByteArray
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer
    from PySide6.QtSvgWidgets import QSvgWidget

    from selfcheck.bundle.read import part_json
    from selfcheck.gui import support

    other = "fr" if lang == "en" else "en"
    path = _bundle(tmp_path, other, [*AT_REST, PROXY], recorded=True, name="chart")  # the customer speaks the other language
    recording = part_json(support.read(path).files, "recording/recording.json")
    window = make_window(fakechecks.PassCheck)
    if lang == "fr":
        window.set_language("fr")
    _open(qtbot, window, path)
    charts = [w for w in window.results_page.area.widget().findChildren(QSvgWidget) if w.isVisibleTo(window)]
    assert len(charts) == 1

    def looks(renderer: QSvgRenderer) -> QImage:
        """What a chart draws, at the size the page gives it."""
        image = QImage(charts[0].size(), QImage.Format.Format_ARGB32)
        image.fill(0)
        painter = QPainter(image)
        renderer.render(painter)
        painter.end()
        return image

    def legend_in(words: str) -> str:
        i18n.set_language(words)
        try:
            svg = record.timeline_svg(record.Recording.from_dict(recording))
        finally:
            i18n.set_language(lang)
        assert all(f">{word}<" in svg for word in LEGEND[words])
        return svg

    shown = looks(charts[0].renderer())
    assert shown == looks(QSvgRenderer(QByteArray(legend_in(lang).encode())))  # "Processeur", "Mémoire"… for a French reader
    assert shown != looks(QSvgRenderer(QByteArray(legend_in(other).encode())))  # not the customer's language
    i18n.set_language("en")


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_under_a_support_card_the_windows_results_name_each_check_as_the_card_does(qtbot, make_window, tmp_path, lang):
    from selfcheck import supportcard

    path = _bundle(tmp_path, lang, [*AT_REST, PORTAL, PROXY], recorded=False, name="names")
    window = make_window(fakechecks.PassCheck)
    if lang == "fr":
        window.set_language("fr")
    page = _open(qtbot, window, path)
    assert window.bundle_info["support_card"] is not None
    card = page.cards["network.captive_portal"]
    assert card.title_label.text() == CARD_NAME[lang]
    # show and report.html name it so too: the one rule
    assert supportcard.list_titles(window.bundle_info["support_card"], ["network.captive_portal", "network.link"]) == {
        "network.captive_portal": CARD_NAME[lang]
    }
    assert supportcard.list_titles(None, ["network.captive_portal"]) == {}
    texts = [lab.text() for lab in page.area.widget().findChildren(QLabel)]
    assert not any("Wi-Fi welcome page" in t or "Page de connexion du Wi-Fi" in t for t in texts), texts
    i18n.set_language("en")


#: the mark the customer's button leaves on the chart, as each language writes it
MARK = {"en": "It happened now", "fr": "C’est arrivé maintenant"}


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_charts_it_happened_now_mark_is_in_the_readers_language(qtbot, make_window, tmp_path, lang):
    """Review of stop 46: the chart of a bundle was drawn in the reader's language (its legend, its seconds) but the mark
    kept the words the customer's button had ("C’est arrivé maintenant" on an English reader's chart): the recording keeps
    the label of the moment. The button's own mark is now said in the reader's language, in the window's bundle view and
    in every drawing made for support (record.drawn)."""
    from selfcheck.bundle.read import part_json
    from selfcheck.gui import support

    other = "fr" if lang == "en" else "en"
    recording = {**link_down_recording(), "started_at": time.time() - 70}
    recording["marks"] = [{"t": 48.01, "label": MARK[other]}]  # pressed by a customer who reads the other language
    app_mod.start((), other)
    record.save(record.Recording.from_dict(recording))
    from selfcheck.bundle import plan_bundle, write_bundle
    from selfcheck.runner import Scan

    scan = Scan.from_dict({"results": [*AT_REST, PROXY], "symptom": "internet", "language": other}, facts=ON_CABLE)
    path = write_bundle(plan_bundle(app_mod.start((), other), scan, include_logs=False), tmp_path / f"mark-{other}.zip").path
    for old in record.recordings_dir().glob("*.json"):
        old.unlink()
    i18n.set_language("en")
    window = make_window(fakechecks.PassCheck)
    if lang == "fr":
        window.set_language("fr")
    _open(qtbot, window, path)
    from selfcheck.gui.overtime import WhatChangedCard

    (card,) = [c for c in window.results_page.area.widget().findChildren(WhatChangedCard) if c.chart is not None]
    assert f">{MARK[lang]}</text>" in (card.chart_svg or ""), card.chart_svg
    assert MARK[other] not in (card.chart_svg or "")
    # what `selfcheck show --report` draws from the same recording says it so too; a label of another kind stays as given
    drawn = record.drawn(part_json(support.read(path).files, "recording/recording.json")) or ""
    assert f">{MARK[lang]}</text>" in drawn and MARK[other] not in drawn
    assert ">outage</text>" in record.timeline_svg(record.Recording.from_dict({**recording, "marks": [{"t": 5.0, "label": "outage"}]}))
    i18n.set_language("en")
