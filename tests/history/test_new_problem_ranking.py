"""A problem that appeared since the last scan outranks a standing one in the headline (issue 19).

Two company checks, both failures of the same urgency: "standing" has failed all along and, by
its priority, would come first; "new" passed in the previous scan. The real CLI scans twice with
the history on; the second headline is the new problem, in English and French.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

CHECKS = """
[[check]]
id = "app.standing"
kind = "path"
path = "{missing}"
title = "Standing"
priority = 5
[check.messages]
pass = "The standing thing is fine."
fail = {{ en = "The standing thing has been broken for a long time.", fr = "La chose ancienne est cassée depuis longtemps." }}

[[check]]
id = "app.new"
kind = "path"
path = "{present}"
title = "New"
priority = 90
[check.messages]
pass = "The new thing is fine."
fail = {{ en = "The new thing has just broken.", fr = "La nouvelle chose vient de casser." }}
"""


def scan(config: Path, lang: str = "en") -> dict:
    out = subprocess.run(
        [sys.executable, "-m", "selfcheck", "scan", "--json", "--category", "app", "--config", str(config), "--lang", lang],
        capture_output=True,
        text=True,
        env=os.environ,
        timeout=60,
    )
    return json.loads(out.stdout)


HEADLINES = {
    "en": ("The standing thing has been broken for a long time.", "The new thing has just broken."),
    "fr": ("La chose ancienne est cassée depuis longtemps.", "La nouvelle chose vient de casser."),
}


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_problem_new_since_the_last_scan_comes_before_a_standing_one(tmp_path, lang):
    standing, new = HEADLINES[lang]
    folder = tmp_path / "checks"
    folder.mkdir()
    present = tmp_path / "present"
    present.write_text("here")
    (folder / "acme.toml").write_text(CHECKS.format(missing=tmp_path / "never-there", present=present))
    config = tmp_path / "config.toml"
    config.write_text(f'[checks]\nfolders = ["{folder}"]\n')

    first = scan(config, lang)
    assert first["diagnosis"]["headline"] == standing

    present.unlink()  # the new fault appears between the two scans
    second = scan(config, lang)
    assert {r["id"]: r["status"] for r in second["results"]} == {"app.standing": "fail", "app.new": "fail"}
    assert second["diagnosis"]["headline"] == new
    assert [i["id"] for i in second["diagnosis"]["verdict"]["items"]] == ["app.new", "app.standing"]

    third = scan(config, lang)  # broken in the previous scan too: no longer new, the usual order again
    assert third["diagnosis"]["headline"] == standing
