"""Issue 21: when a bundle was made, as support reads it on the card's first line. A manifest whose ``created_at`` is a
number (an older or a hostile bundle's) printed "made ?"; a French "124 jours" could end one line and start the next."""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from bundle_helpers import IDENTITY
from test_made_by_wrong_clock import BEHIND_124_DAYS, by_the_wrong_clock, said, wrong_clock_scan

from selfcheck import bundle, i18n
from selfcheck.bundle.report import made_words


def with_created_at(path: Path, created_at: object) -> Path:
    """The bundle at ``path`` with its manifest's ``created_at`` replaced (the manifest lists the other files' checksums,
    not its own: the bundle stays intact)."""
    with zipfile.ZipFile(path) as zf:
        members = [(info, zf.read(info)) for info in zf.infolist()]
    target = path.with_name(f"dated-{path.name}")
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zf:
        for info, data in members:
            if info.filename == "manifest.json":
                manifest = json.loads(data)
                manifest["created_at"] = created_at
                data = json.dumps(manifest).encode()
            zf.writestr(info, data)
    return target


def first_line(path: Path, lang: str) -> str:
    done = subprocess.run([sys.executable, "-m", "selfcheck", "show", str(path), "--lang", lang], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr  # intact
    return done.stdout.splitlines()[0]


@pytest.fixture
def made(make_app, tmp_path) -> Path:
    app = make_app()
    return bundle.write_bundle(bundle.plan_bundle(app, wrong_clock_scan(0.4), identity=IDENTITY, include_logs=False), tmp_path / "b.zip").path


@pytest.mark.parametrize(
    ("lang", "words"),
    [("en", ", made December 7, 2026 at 09:24 UTC by selfcheck "), ("fr", ", créé le 7 décembre 2026 à 9\u00a0h\u00a024 UTC par selfcheck ")],
)
def test_a_bundle_dated_by_a_posix_time_says_its_date(made: Path, lang: str, words: str) -> None:
    """A ``created_at`` of 1796635440 (an older bundle's, or one rewritten) is December 7, 2026 at 09:24 UTC: said so."""
    line = first_line(with_created_at(made, 1_796_635_440), lang)
    assert words in line and "?" not in line, line


@pytest.mark.parametrize("created_at", [-5, 1e30, 17_966_354_400_000, True, None, "", [2026]])
@pytest.mark.parametrize(("lang", "words"), [("en", ": the date it was made is missing"), ("fr", "\u00a0: la date de sa création manque")])
def test_a_bundle_with_no_date_says_plainly_that_it_is_missing(made: Path, created_at: object, lang: str, words: str) -> None:
    """A number no date can be made of (negative, huge, milliseconds), a yes/no, nothing at all: "made ?" before."""
    line = first_line(with_created_at(made, created_at), lang)
    assert line.endswith(words) and "?" not in line, line
    assert line.startswith({"en": "Bundle ", "fr": "Dossier de diagnostic "}[lang]), line


def test_the_missing_date_is_said_in_report_html_too() -> None:
    assert made_words(1_796_635_440, None) == "December 7, 2026 at 09:24 UTC"
    assert made_words(-5, None) == "the date it was made is missing"
    with i18n.language("fr"):
        assert made_words(1e30, None) == "la date de sa création manque"


def test_french_holds_the_days_of_a_wrong_clock_to_their_number() -> None:
    """Item 6: « qui retardait de 124 jours » could break between « 124 » and « jours »: held by a no-break space, as
    French holds « 38 s » and « 256 Go »; English as before."""
    created = by_the_wrong_clock("2026-12-07T09:24:00Z", BEHIND_124_DAYS)
    facts = wrong_clock_scan(BEHIND_124_DAYS).facts
    with i18n.language("fr"):
        assert said("fr", "124\u00a0jours", "behind") in made_words(created, facts)
    assert said("en", "124 days", "behind") in made_words(created, facts)
    with i18n.language("fr"):  # minutes under a day, and both parts of "5 h" said in words
        assert said("fr", "5\u00a0heures", "ahead") in made_words(created, wrong_clock_scan(-18_000.0).facts)
