"""A company check's evidence key that is data (a path, a host, a program) reads exactly as recorded in the window,
report.html and the support card; a key that is a name written with "_" still reads with spaces (review of 7efb1303)."""

from __future__ import annotations

import html

import pytest

from selfcheck import i18n, supportcard
from selfcheck.bundle import report
from selfcheck.gui.scanstate import evidence_text

EVIDENCE = {
    "C:\\Temp\\old_files": 3,
    "/mnt/backup_disk": "full",
    "db_1.corp.example": "no answer",
    "sync_tool.exe": "stopped",
    "latency_ms": 12,
}
DATA = ["C:\\Temp\\old_files", "/mnt/backup_disk", "db_1.corp.example", "sync_tool.exe"]


@pytest.fixture(params=["en", "fr"])
def lang(request):
    i18n.set_language(request.param)
    yield request.param
    i18n.set_language("en")


def test_the_window_shows_data_keys_as_recorded(lang):
    text = evidence_text(EVIDENCE, check_id="acme.backup")
    for key in DATA:
        assert key in text, text
    assert "latency ms" in text and "latency_ms" not in text, text


def test_report_html_shows_data_keys_as_recorded(lang):
    page = html.unescape(report._evidence(EVIDENCE, "acme.backup"))
    for key in DATA:
        assert key in page, page
        assert key.replace("_", " ") not in page, page
    assert "latency ms" in page, page


def test_the_card_shows_data_keys_as_recorded(lang):
    lines = "\n".join(supportcard._generic_lines(EVIDENCE, "acme.backup"))
    for key in DATA:
        assert key in lines, lines
    assert "latency ms" in lines, lines


def test_data_keys_nested_under_a_company_key_stay_as_recorded(lang):
    text = evidence_text({"folders": {"D:\\Shared\\team_docs": "missing"}}, check_id="acme.share")
    assert "D:\\Shared\\team_docs" in text, text
