"""Support-agent round 102 (line-down, both agents read the "Not settled" line twice): the window's read-only bundle view shows
the open cases as `selfcheck show`, the relay's ticket and report.html do: the head, then each case on a line of its own under
it (tests/test_cards_round102.py)."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6")

from PySide6.QtWidgets import QLabel  # noqa: E402

from selfcheck import i18n  # noqa: E402
from test_cards_round102 import CASES, _line_down_bundle  # noqa: E402

from . import fakechecks  # noqa: E402


def _plain(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").replace("\u202f", " ").split())


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_bundle_view_shows_the_line_down_cases_one_a_line_under_their_head(qtbot, make_window, tmp_path, lang):
    path = _line_down_bundle(tmp_path, lang, "[support]\ninternet_provider = true\n")
    window = make_window(fakechecks.PassCheck)
    if lang == "fr":
        window.set_language("fr")
    with qtbot.waitSignal(window.results_page.ready, timeout=20000):
        window.open_bundle(path)
    texts = [_plain(lab.text()) for lab in window.results_page.area.widget().findChildren(QLabel)]
    head, *cases = (_plain(line) for line in CASES[lang])
    at = texts.index(f"• {head}")
    assert texts[at + 1 : at + 4] == [f"◦ {case}" for case in cases], texts
    i18n.set_language("en")
