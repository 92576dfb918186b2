"""docs/configuration.md says what the window shows a company's customers beside "Contact support" (stop 43): it said that
with branding.company set "the contact button reads "Contact <company>"", which no code does since the button kept its name
for the verdict's steps ("click “Contact support”"); the line beside it says who support is."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

pytest.importorskip("PySide6")

from selfcheck import i18n  # noqa: E402

from . import fakechecks  # noqa: E402
from .conftest import run_scan  # noqa: E402

DOC = Path(__file__).resolve().parents[2] / "docs" / "configuration.md"
BRANDING = {"company": "Clearline Help", "about": "the helpdesk of Clearline, your internet provider."}


def test_the_configuration_doc_quotes_the_contact_button_and_the_line_beside_it_as_a_company_sees_them(make_window, qtbot):
    i18n.set_language("en")
    window = make_window(fakechecks.PassCheck, fakechecks.FailCheck, config=fakechecks.config(branding=BRANDING))
    run_scan(qtbot, window)
    page = window.results_page
    button, beside = page.support_button.text(), page.support_who.text()
    assert beside.startswith("“Support” here means Clearline Help: the helpdesk of Clearline"), beside
    row = next(line for line in DOC.read_text(encoding="utf-8").splitlines() if line.startswith("| `branding.about`"))
    # every button the row names is the one the window shows, and the line beside it is quoted as the window begins it
    named = re.findall(r"button (?:reads|keeps its name,) \"([^\"]+)\"", row)
    assert named == [button], (named, button)
    assert beside.split(",")[0] in row, row
