"""The company's phone number in who support is (branding.about) stays on one line, as on the window's end screen and
the relay's pages (i18n.phone_numbers_together)."""

from __future__ import annotations

import re

import pytest

from . import fakechecks
from .conftest import run_scan


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_phone_number_in_who_support_is_has_no_breakable_space(qtbot, make_window, lang):
    """Review of stop 46: the line beside "Contact support" and the send dialog's "who we are" quote branding.about as
    written, so "call 01 23 45 67 89" in it was cut in the middle on a narrow window, where the customer reads it to dial;
    the rest of the window keeps a phone number's groups together. The same rule now, in English and French."""
    about = {
        "en": "the helpdesk of Clearline, your internet provider: call 01 23 45 67 89, Monday to Friday.",
        "fr": "le service d’aide de Clearline, votre fournisseur d’internet : appelez le 01 23 45 67 89, du lundi au vendredi.",
    }
    config = fakechecks.config(branding={"company": "Clearline Help", "about": about})
    window = make_window(fakechecks.PassCheck, fakechecks.FailCheck, config=config)
    run_scan(qtbot, window)
    window.set_language(lang)
    dialog = window.contact_support()
    for line in (window.results_page.support_who.text(), dialog.describe_who.text()):
        assert "01\u00a023\u00a045\u00a067\u00a089" in line, line
        assert not re.search(r"\d[ \u200b]\d", line), line  # no breakable space between two of its groups
        assert ("Monday to Friday" if lang == "en" else "du lundi au vendredi") in line, line  # the words still wrap
    dialog.close()
