"""Send round 104 (issue 21, lay readers of 67, en and fr): the updates check said "updates that keep your computer safe on
the internet" on one line since 0ab71ffe (send rounds 101-103: "The word viruses frightens me", « le mot « virus » me fait
peur »), while its other lines for the same updates (done by the computer itself, tried and failed, late) still said
"from viruses": each says it in the same words (the review's room line: tests/bundle/test_review_plain_lines.py)."""

from __future__ import annotations

import json

import pytest

from selfcheck import i18n
from selfcheck.api import Status
from selfcheck.runner import evaluate_facts
from test_checks_hwos import CLASSES, FIXTURES, defaults


def said(fixture: str, lang: str) -> tuple[Status, str]:
    case = json.loads((FIXTURES / "security.updates" / f"{fixture}.json").read_text())
    with i18n.language(lang):
        outcome = evaluate_facts(CLASSES["security.updates"], case["facts"], defaults("security.updates"))
    return outcome.status, outcome.summary


@pytest.mark.parametrize(
    ("fixture", "lang", "status", "summary"),
    [
        (
            "linux_apt_auto_recent",
            "en",
            Status.INFO,
            "7 updates (small fixes for this computer's programs, sent by their makers) will be done by the computer itself.",
        ),
        (
            "linux_apt_auto_recent",
            "fr",
            Status.INFO,
            "7 mises à jour (de petites corrections pour les programmes de cet ordinateur, envoyées par leurs fabricants) seront faites par l’ordinateur lui-même.",
        ),
        (
            "linux_apt_auto_tried",
            "en",
            Status.WARN,
            "7 updates (small fixes for this computer's programs, sent by their makers) have not been done: the computer tried to do them by itself and could not.",
        ),
        (
            "linux_apt_auto_tried",
            "fr",
            Status.WARN,
            "7 mises à jour (de petites corrections pour les programmes de cet ordinateur, envoyées par leurs fabricants) n’ont pas été faites\u00a0: l’ordinateur a essayé de les faire lui-même et n’a pas pu.",
        ),
        (
            "linux_apt_auto_stale",
            "en",
            Status.WARN,
            "7 updates (small fixes for this computer's programs, sent by their makers) have not been done, although the computer should do them by itself: "
            "it has not done so for 23 days.",
        ),
        (
            "linux_apt_auto_stale",
            "fr",
            Status.WARN,
            # bc22709a: the number held to its word by a no-break space (« 7 mises », « 23 jours »), as French typography wants
            "7\u00a0mises à jour (de petites corrections pour les programmes de cet ordinateur, envoyées par leurs fabricants) n’ont pas été faites, alors que l’ordinateur devrait les faire lui-même\u00a0: "
            "il ne l’a pas fait depuis 23\u00a0jours.",
        ),
    ],
)
def test_every_line_of_the_updates_check_says_what_they_protect_in_the_same_words(fixture, lang, status, summary):
    assert said(fixture, lang) == (status, summary)


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_no_line_of_the_updates_check_says_viruses(lang):
    """Whatever the computer's state (every recorded case), no line of the check says "viruses" / « virus »."""
    for path in sorted((FIXTURES / "security.updates").glob("*.json")):
        _status, summary = said(path.stem, lang)
        assert "virus" not in summary.lower(), (path.name, summary)
