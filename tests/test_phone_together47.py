"""The terminal's "Need help?" line keeps a phone number on one line, as the window and the relay's pages do."""

from __future__ import annotations

import pytest

from checkkit import config, make_check, outcome_check, registry_of
from selfcheck import i18n, textreport
from selfcheck.api import Outcome
from selfcheck.runner import Runner


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_narrow_terminal_does_not_cut_the_support_phone_number(monkeypatch, lang):
    """Review of stop 46: in a 40-column terminal "Need help? Clearline Help, phone 01 23 45 67 89" was wrapped after
    "67", so the customer read "01 23 45 67" as the number; the window keeps a phone number's groups together
    (i18n.phone_numbers_together). The words around it still wrap."""
    monkeypatch.setenv("COLUMNS", "40")
    i18n.set_language(lang)
    contact = {
        "en": "Clearline Help, phone 01 23 45 67 89, Monday to Friday",
        "fr": "Clearline Help, téléphone 01 23 45 67 89, du lundi au vendredi",
    }
    cfg = config({"branding": {"support_contact": contact}})
    registry = registry_of(make_check("app.fine", title="Fine"), outcome_check("app.bad", lambda: Outcome.fail("The licence file is missing.")))
    out = textreport.format_scan(Runner(registry, cfg).run(list(registry)), cfg)
    tail = out[out.index("Need help?" if lang == "en" else "Besoin d’aide") :].splitlines()
    assert len(tail) > 1, tail  # narrow: the line wraps
    assert any("01 23 45 67 89" in line for line in tail), tail


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_terminal_number_copies_as_plain_digits_and_spaces(monkeypatch, lang):
    """Second read of f1a18fe3: the number was held together with no-break spaces that reached the terminal, so one copied
    from it into a dialler or a phone carried U+00A0 between its groups (some diallers stop there). The terminal wraps the
    text itself: the number stays held while wrapping and is printed with plain spaces, as the window's copy gives it."""
    monkeypatch.setenv("COLUMNS", "40")
    i18n.set_language(lang)
    cfg = config({"branding": {"support_contact": "Clearline Help, phone +33 1 23 45 67 89"}})
    registry = registry_of(outcome_check("app.bad", lambda: Outcome.fail("The licence file is missing.")))
    out = textreport.format_scan(Runner(registry, cfg).run(list(registry)), cfg)
    tail = out[out.index("Clearline") :]
    assert "+33 1 23 45 67 89" in tail.replace("\n", "#"), tail
    assert "\u00a0" not in tail, ascii(tail)
