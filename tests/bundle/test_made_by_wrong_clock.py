"""A bundle made by a computer whose clock was wrong says so where it says when it was made: the first line of `selfcheck
show`, report.html's "Created" (the bundle's own and `show --report`'s) and the window's bundle view (tests/gui)."""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
import sys
from html import unescape
from pathlib import Path

import pytest
from bundle_helpers import IDENTITY

from selfcheck import bundle, i18n
from selfcheck.runner import Scan

FIXTURES = Path(__file__).parent.parent / "fixtures" / "checks" / "network.clock"

#: the lab's wrong clock (tests/netlab.py, scenario 'clock'), as far behind as the support-reading lab's clock-wrong case
BEHIND_124_DAYS = 10_739_561.0

#: the words of the first line (show) and of "Created" (report.html), in the reader's language
SAID = {
    "en": ("by the computer's clock, which was {amount} {way} (the right time was about ", {"behind": "behind", "ahead": "ahead"}),
    "fr": ("selon l’horloge de l’ordinateur, qui {way} de {amount} (il était en réalité environ le ", {"behind": "retardait", "ahead": "avançait"}),
}


def wrong_clock_scan(offset: float) -> Scan:
    facts = json.loads((FIXTURES / "lab_clock_5_hours_behind.json").read_text())["facts"]
    facts["ntp"] = {k: {**v, "offset_s": offset} for k, v in facts["ntp"].items()}
    facts["http_offset_s"] = offset
    results = [{"id": "network.clock", "title": "Date and time", "status": "fail", "summary": "This computer's clock is wrong.", "category": "network"}]
    return Scan.from_dict({"results": results, "symptom": "internet"}, {"network.clock": facts})


def by_the_wrong_clock(created_at: str, offset: float) -> str:
    """When a computer whose clock is ``offset`` seconds behind dates a bundle made now (a right time after now is a
    damaged bundle's: report.made_words gives the plain date then)."""
    made = dt.datetime.fromisoformat(created_at.replace("Z", "+00:00")) - dt.timedelta(seconds=offset)
    return made.isoformat(timespec="seconds").replace("+00:00", "Z")


def said(lang: str, amount: str, way: str) -> str:
    words, ways = SAID[lang]
    return words.format(amount=amount, way=ways[way])


def show(path: Path, lang: str, *extra: str) -> str:
    done = subprocess.run([sys.executable, "-m", "selfcheck", "show", str(path), "--lang", lang, *extra], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout


def created(page: str) -> str:
    found = re.search(r"<dt>(?:Created|Créé le)</dt><dd>(.*?)</dd>", page)
    assert found, page[:2000]
    return unescape(found.group(1))


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_first_line_says_the_bundle_was_dated_by_a_wrong_clock(make_app, tmp_path, lang):
    """Agent round 100 (clock-wrong, a): "The first line ("made August 5, 2026") made me pause for a few seconds until
    the next line explained it was the wrong clock's date". The first line says it itself, with how far off and the right
    time; report.html's "Created" too."""
    app = make_app()
    i18n.set_language(lang)
    try:
        plan = bundle.plan_bundle(app, wrong_clock_scan(BEHIND_124_DAYS), identity=IDENTITY, include_logs=False)
        plan.created_at = by_the_wrong_clock(plan.created_at, BEHIND_124_DAYS)
        plan.finalise()  # report.html and the manifest dated so
        amount = {"en": "124 days", "fr": "124\u00a0jours"}[lang]
        assert said(lang, amount, "behind") in created(plan.files["report.html"].decode())  # the bundle's own page
    finally:
        i18n.set_language("en")
    path = bundle.write_bundle(plan, tmp_path / "clock.zip").path
    for reader in ("en", "fr"):  # support reads it in either language
        amount = {"en": "124 days", "fr": "124\u00a0jours"}[reader]
        first, second = show(path, reader).splitlines()[:2]
        assert first.startswith({"en": "Bundle ", "fr": "Dossier de diagnostic "}[reader]), first
        assert said(reader, amount, "behind") in first and first.endswith(")"), first
        assert "selfcheck" in first.split(said(reader, amount, "behind"))[0], first  # the long date comes last
        assert not second.startswith("  "), second  # no line to explain it below
        page = tmp_path / f"report-{reader}.html"
        show(path, reader, "--report", str(page))
        assert said(reader, amount, "behind") in created(page.read_text(encoding="utf-8"))


def test_a_clock_ahead_or_right_is_said_as_it_is(make_app, tmp_path):
    """Ahead is said "ahead", by minutes under a day; a clock within two minutes of the time servers' gives the date alone."""
    app = make_app()
    ahead = bundle.write_bundle(bundle.plan_bundle(app, wrong_clock_scan(-18_000.0), identity=IDENTITY, include_logs=False), tmp_path / "ahead.zip")
    first = show(ahead.path, "en").splitlines()[0]
    assert said("en", "5 hours", "ahead") in first, first
    right = bundle.write_bundle(bundle.plan_bundle(app, wrong_clock_scan(0.4), identity=IDENTITY, include_logs=False), tmp_path / "right.zip")
    first = show(right.path, "en").splitlines()[0]
    assert re.fullmatch(r"Bundle [^ ]+, made .* UTC by selfcheck [^ ]+ \(.*\)", first) and "clock" not in first, first
