"""The company's phone number on the window's last screen stays on one line, as on the relay's pages (7c1b3f06)."""

from __future__ import annotations

import re

import pytest

from . import fakechecks
from .conftest import run_scan


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_contact_lines_phone_number_has_no_breakable_space(qtbot, make_window, lang):
    """Review of 7c1b3f06: the relay's pages hold a phone number's groups together with no-break spaces, but the window's
    "To reach them yourself: phone 01 23 45 67 89" kept ordinary ones, so a narrow window (a large font, a small screen)
    cut the number in the middle, where the customer reads it to dial. The same rule now, in English and French; the
    words around it still wrap."""
    contact = {
        "en": "phone 01 23 45 67 89, Monday to Friday, or +1 (555) 123 4567 from abroad",
        "fr": "téléphone 01 23 45 67 89, du lundi au vendredi, ou +1 (555) 123 4567 depuis l’étranger",
    }
    window = make_window(fakechecks.PassCheck, config=fakechecks.config(branding={"company": "Acme IT", "support_contact": contact}))
    run_scan(qtbot, window)
    window.set_language(lang)
    dialog = window.contact_support()
    dialog.email.setText("ann@example.org")
    lead = {"en": "To reach them yourself: ", "fr": "Pour les joindre vous-même"}[lang]
    line = next(line for line in dialog.after_sending_text().splitlines() if line.startswith(lead))
    for number in ("01 23 45 67 89", "+1 (555) 123 4567"):
        assert number.replace(" ", "\u00a0") in line, line
        assert not re.search(r"\d[ \u200b]\(?\d", line), line  # no breakable space between two of its groups
    assert ("Monday to Friday" if lang == "en" else "du lundi au vendredi") in line, line  # the words still wrap
    dialog.close()
