"""Support-agent round 103: the window's read-only bundle view shows the card as `selfcheck show`, the relay's ticket and
report.html do (tests/test_cards_round103.py): "Ruled out" one plain sentence a check, in the reader's words, and what a dead
home phone tells on line-down."""

from __future__ import annotations

import re

import pytest

pytest.importorskip("PySide6")

from PySide6.QtWidgets import QLabel  # noqa: E402

from selfcheck import i18n  # noqa: E402
from test_cards_round103 import PHONE, STEADY, _line_down_bundle  # noqa: E402

from . import fakechecks  # noqa: E402


def _plain(text: str) -> str:
    """The label's words, without the markup that holds a number and its unit together."""
    return " ".join(re.sub(r"<[^>]+>", "", text).replace("\u00a0", " ").replace("\u202f", " ").split())


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_bundle_view_shows_the_round_103_lines(qtbot, make_window, tmp_path, lang):
    path = _line_down_bundle(tmp_path, lang)
    window = make_window(fakechecks.PassCheck)
    if lang == "fr":
        window.set_language("fr")
    with qtbot.waitSignal(window.results_page.ready, timeout=20000):
        window.open_bundle(path)
    texts = [_plain(lab.text()) for lab in window.results_page.area.widget().findChildren(QLabel)]
    assert f"• {_plain(STEADY[('box', lang)])}" in texts, texts
    assert f"• {_plain(PHONE[lang])}" in texts, texts
    assert not any("How steady your connection is:" in t or "La stabilité de votre connexion :" in t for t in texts), texts
    i18n.set_language("en")
