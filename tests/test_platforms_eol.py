"""End-of-life lookups over resources/eol.toml."""

from __future__ import annotations

from datetime import date

import pytest

from selfcheck.platforms import eol


@pytest.mark.parametrize(
    ("facts", "today", "state", "end"),
    [
        ({"system": "linux", "id": "debian", "version_id": "12"}, "2026-11-25", "supported", "2028-06-30"),
        ({"system": "linux", "id": "debian", "version_id": "10"}, "2026-11-25", "ended", "2024-06-30"),
        ({"system": "linux", "id": "ubuntu", "version_id": "22.04"}, "2027-03-01", "ending_soon", "2027-04-30"),
        ({"system": "linux", "id": "arch", "version_id": ""}, "2026-11-25", "rolling", None),
        ({"system": "linux", "id": "gentoo", "version_id": "2.15"}, "2026-11-25", "unknown", None),
        ({"system": "windows", "build": 19045, "edition_id": "Professional"}, "2026-11-25", "ended", "2025-10-14"),
        ({"system": "windows", "build": 19044, "edition_id": "EnterpriseS"}, "2026-11-25", "ending_soon", "2027-01-12"),
        ({"system": "windows", "build": 22631, "edition_id": "Core"}, "2026-11-25", "ended", "2025-11-11"),
        ({"system": "windows", "build": 22631, "edition_id": "Enterprise"}, "2026-10-01", "ending_soon", "2026-11-10"),
        ({"system": "windows", "build": 26200, "edition_id": "Professional"}, "2026-11-25", "supported", "2027-10-12"),
        ({"system": "windows", "build": 10240, "edition_id": "Professional"}, "2026-11-25", "ended", "2017-05-09"),
        ({"system": "windows", "build": 6002, "edition_id": "Professional"}, "2026-11-25", "ended", None),
        ({"system": "darwin", "product_version": "12.7.4"}, "2026-11-25", "ended", "2024-07-29"),
        ({"system": "darwin", "product_version": "14.4.1"}, "2026-01-10", "supported", None),
        ({"system": "darwin", "product_version": "10.14.6"}, "2026-01-10", "ended", None),
    ],
)
def test_support_state(facts, today, state, end):
    info = eol.support_info(facts, eol.eol_data())
    assert eol.support_state(info, date.fromisoformat(today), 60) == state
    assert info.get("security_end") == end


def test_macos_three_newest_rule_ends_a_version_once_three_newer_exist():
    data = eol.eol_data({"macos": {"versions": {"27": {"name": "macOS 27", "released": "2026-09-15"}}}})
    info = eol.support_info({"system": "darwin", "product_version": "14.8"}, data)
    assert info["security_end"] == "2026-09-15"
    assert eol.support_state(info, date(2026, 11, 25), 60) == "ended"


def test_company_override_adds_a_distribution():
    data = eol.eol_data({"linux": {"mint": {"versions": {"21.3": {"name": "Linux Mint 21.3", "security_end": "2027-04-30"}}}}})
    state, info = "", eol.support_info({"system": "linux", "id": "mint", "version_id": "21.3"}, data)
    state = eol.support_state(info, date(2026, 1, 1), 60)
    assert (state, info["name"]) == ("supported", "Linux Mint 21.3")
