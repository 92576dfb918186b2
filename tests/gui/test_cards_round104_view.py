"""Support-agent round 104: the window's read-only bundle view shows the secure-sites card as `selfcheck show`, the relay's
ticket and report.html do (tests/test_cards_round104.py): the trace for the network team, and no note on how the bundle came
where the support server adds nothing."""

from __future__ import annotations

import re

import pytest

pytest.importorskip("PySide6")

from PySide6.QtWidgets import QLabel  # noqa: E402

from selfcheck import i18n  # noqa: E402
from test_cards_round104 import CAME_LATER, TRACE, _secure_bundle  # noqa: E402

from . import fakechecks  # noqa: E402


def _plain(text: str) -> str:
    """The label's words, without the markup that holds a number and its unit together."""
    return " ".join(re.sub(r"<[^>]+>", "", text).replace("\u00a0", " ").replace("\u202f", " ").split())


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_bundle_view_shows_the_trace_for_the_network_team(qtbot, make_window, tmp_path, lang):
    path = _secure_bundle(tmp_path, lang)
    window = make_window(fakechecks.PassCheck)
    if lang == "fr":
        window.set_language("fr")
    with qtbot.waitSignal(window.results_page.ready, timeout=20000):
        window.open_bundle(path)
    texts = [_plain(lab.text()) for lab in window.results_page.area.widget().findChildren(QLabel)]
    # the window runs without the company's setting that it is the internet provider: the router is the provider's
    trace = TRACE[lang].replace("our router", "the provider's router").replace("notre routeur", "le routeur du fournisseur")
    assert f"• {_plain(trace)}" in texts, texts
    assert not any(CAME_LATER[lang] in t for t in texts), texts
    i18n.set_language("en")
