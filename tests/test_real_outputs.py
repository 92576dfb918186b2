"""Every recorded output under tests/fixtures/windows, tests/fixtures/macos and tests/fixtures/linux says where it comes from."""

from __future__ import annotations

import re

import pytest

from real_outputs import ROOT, sources


@pytest.mark.parametrize("platform", ["windows", "macos", "linux"])
def test_every_fixture_has_a_source_line_and_every_line_a_fixture(platform):
    rows = sources(platform)
    files = {p.name for p in (ROOT / platform).iterdir() if p.name != "SOURCES"}
    assert files == set(rows), "a fixture without provenance, or provenance without its fixture"
    for name, cells in rows.items():
        assert len(cells) == 7, name
        _file, language, repository, path, commit, licence, what = cells
        assert re.fullmatch(r"[\w.-]+/[\w.-]+", repository), name
        from_issue = re.fullmatch(rf"https://github\.com/{re.escape(repository)}/(?:issues|pull)/\d+", path) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", commit)
        assert re.fullmatch(r"[0-9a-f]{40}", commit) or from_issue, name
        assert language and path and licence and what, name
