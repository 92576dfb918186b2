"""Second read of the "made by a wrong clock" words (8bfb0019): they follow what the date and time check judged, and a
damaged or hostile bundle's clock facts give the plain date, never a traceback or an absurd amount."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from bundle_helpers import IDENTITY
from test_made_by_wrong_clock import BEHIND_124_DAYS, said, show, wrong_clock_scan

from selfcheck import bundle, i18n
from selfcheck.bundle.report import made_words
from selfcheck.runner import Scan

FIXTURES = Path(__file__).parent.parent / "fixtures" / "checks" / "network.clock"
CREATED = "2026-08-05T11:42:00Z"
PLAIN = "August 5, 2026 at 11:42 UTC"


def clock_facts(**changes: object) -> dict[str, object]:
    facts = json.loads((FIXTURES / "lab_clock_5_hours_behind.json").read_text())["facts"]
    facts["ntp"] = {k: {**v, "offset_s": BEHIND_124_DAYS} for k, v in facts["ntp"].items()}
    facts["http_offset_s"] = BEHIND_124_DAYS
    facts.update(changes)
    return {"network.clock": facts}


def test_a_clock_judged_by_the_web_servers_date_alone_is_said_too():
    """Time servers blocked (a firewall shutting UDP 123 is common) and the web server's date 124 days ahead: the date and
    time check says the clock is 124 days behind (its best_offset), so the first line says it too."""
    facts = clock_facts(ntp={"pool.ntp.org": {"status": "timeout", "ms": 1500}})
    assert said("en", "124 days", "behind") in made_words(CREATED, facts)


def test_no_wrong_clock_is_claimed_when_the_two_sources_disagree():
    """The check claims no offset when a second source contradicts the first (agent round 22: it asks the customer to
    compare with a phone): the first line must not say the clock was 124 days behind either."""
    facts = clock_facts(
        http_offset_s=0.4, confirmation={"status": "disagree", "source": "ntp:ntp.lab.example", "offset_s": BEHIND_124_DAYS, "by": "http", "by_offset_s": 0.4}
    )
    assert made_words(CREATED, facts) == PLAIN


@pytest.mark.parametrize(
    "offset",
    [
        100 * 365 * 86400.0 - 86400,  # "36499 days behind": a right time in 2126
        -40 * 365 * 86400.0,  # 40 years ahead: the right time would be 1986, before selfcheck existed
    ],
)
def test_a_hostile_clock_offset_gives_the_plain_date(offset):
    facts = clock_facts(ntp={"s": {"status": "ok", "offset_s": offset}}, http_offset_s=offset)
    assert made_words(CREATED, facts) == PLAIN


@pytest.mark.parametrize(("lang", "amount"), [("en", "26 years"), ("fr", "26\u00a0ans")])
def test_a_clock_gone_back_years_says_years_not_thousands_of_days(lang, amount):
    """A computer whose clock battery died starts in 2000: "9648 days behind" is no amount a person says."""
    created = "2000-01-01T00:03:00Z"
    real = dt.datetime(2026, 6, 1, 9, 0, tzinfo=dt.UTC)
    offset = (real - dt.datetime(2000, 1, 1, 0, 3, tzinfo=dt.UTC)).total_seconds()
    i18n.set_language(lang)
    try:
        words = made_words(created, clock_facts(ntp={"s": {"status": "ok", "offset_s": offset}}))
    finally:
        i18n.set_language("en")
    assert said(lang, amount, "behind") in words, words


def test_a_hostile_bundle_shows_with_the_plain_date(make_app, tmp_path):
    """`selfcheck show` on a bundle whose clock facts say 100 years behind: one first line with the plain date."""
    scan = wrong_clock_scan(100 * 365 * 86400.0 - 86400)
    path = bundle.write_bundle(bundle.plan_bundle(make_app(), scan, identity=IDENTITY, include_logs=False), tmp_path / "hostile.zip").path
    first = show(path, "en").splitlines()[0]
    assert "clock" not in first and "days" not in first, first
    assert isinstance(scan, Scan)
