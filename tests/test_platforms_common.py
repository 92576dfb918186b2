"""Dates and numbers as a customer reads them, in English and French."""

from __future__ import annotations

import pytest

from selfcheck import i18n
from selfcheck.wording import locale_name, long_date


@pytest.fixture(autouse=True)
def _english_afterwards():
    yield
    i18n.set_language("en")


@pytest.mark.parametrize(
    ("lang", "iso", "text"),
    [
        ("en", "2026-06-01", "June 1, 2026"),
        ("en", "2025-10-14", "October 14, 2025"),
        ("fr", "2026-06-01", "1er juin 2026"),
        ("fr", "2025-10-14", "14 octobre 2025"),
        ("fr", "2026-01-02", "2 janvier 2026"),
    ],
)
def test_long_date_reads_naturally(lang, iso, text):
    i18n.set_language(lang)
    assert long_date(iso) == text


def test_long_date_keeps_what_it_cannot_read():
    assert long_date("someday") == "someday"
    assert long_date(None) == "?"


@pytest.mark.parametrize(
    ("lang", "code", "text"),
    [
        ("en", "en_US", "English (United States)"),
        ("fr", "en_US", "anglais (États-Unis)"),
        ("en", "fr_FR.UTF-8", "French (France)"),
        ("fr", "fr_CA", "français (Canada)"),
        ("fr", "de-CH", "allemand (Suisse)"),
        ("fr", "English_United States", "anglais (États-Unis)"),
        ("en", "nl", "Dutch"),
        ("fr", "xx_YY", "xx_YY"),
        ("fr", "fr_ZZ", "fr_ZZ"),
        ("en", "C.UTF-8", "C.UTF-8"),
        ("en", "", ""),
    ],
)
def test_locale_codes_become_names_in_the_current_language(lang, code, text):
    i18n.set_language(lang)
    assert locale_name(code) == text
