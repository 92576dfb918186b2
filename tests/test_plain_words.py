"""Every headline a built-in check can produce is in plain words (docs/checks.md, “Words the customer reads”).

Each check is judged on each of its recorded fixtures (tests/fixtures/checks/),
in English and in French; the summary (the headline when it leads), the cause
(``why``) and the first thing to do are linted by :mod:`selfcheck.plainwords`.
"""

from __future__ import annotations

import pytest

from selfcheck import i18n, plainwords
from selfcheck.api import Status
from selfcheck.runner import evaluate_facts
from test_conformance import CONFIG, FIXTURE_FILES, REGISTRY, fixture_id, load_fixture

SHOWN = {Status.PASS, Status.INFO, Status.WARN, Status.FAIL}


def read_first(path) -> list[tuple[str, str]]:
    """(what, text) the customer reads first for this fixture, in the current language."""
    cls = REGISTRY.get(path.parent.name)
    data = load_fixture(path)
    outcome = evaluate_facts(cls, data["facts"], {**cls.thresholds_from(CONFIG), **data.get("thresholds", {})})
    if outcome.status not in SHOWN:
        return []
    texts = [("summary", outcome.summary)]
    if outcome.why:
        texts.append(("cause (why)", outcome.why))
    if outcome.status.is_problem and outcome.advice:
        texts.append(("first thing to do (advice[0])", outcome.advice[0]))
    return texts


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_every_headline_summary_and_action_is_in_plain_words(lang):
    i18n.set_language(lang)
    failures = []
    try:
        for path in FIXTURE_FILES:
            for what, text in read_first(path):
                for why in plainwords.problems(text):
                    failures.append(f"{fixture_id(path)} [{lang}] {what}: {text!r}\n    {why}")
    finally:
        i18n.set_language("en")
    assert not failures, "Not in plain words yet (see docs/checks.md, “Words the customer reads”):\n" + "\n".join(failures)


@pytest.mark.parametrize(
    ("text", "broken"),
    [
        ("The DNS server (10.77.0.1) does not answer.", 2),
        ("The volume “backup” is full: only 0 bytes left of 57.4 MB.", 2),
        ("rt-server.exe is using the whole processor.", 1),
        ("Cannot reach updates.example.com.", 1),
        ("Le proxy ne répond pas.", 1),
        ("Connected to the network through enp3s0 (1000 Mbit/s).", 1),
        ("Websites cannot be found by name: your internet box does not answer.", 0),
        ("The USB drive called Backup is full: about 57 MB, all used.", 0),
        ("The sound volume is turned down.", 0),
        ("The program Zoom is using the whole processor.", 0),
        ("The clock is 60 days ahead.", 0),
        ("Delete files you no longer need, starting with large videos and old downloads.", 1),
        ("Supprimez les fichiers dont vous n’avez plus besoin.", 1),
        ("Remove downloads you no longer need: the “Downloads” folder holds copies of what you fetched.", 0),
    ],
)
def test_the_lint_catches_jargon_and_lets_plain_words_through(text, broken):
    assert len(plainwords.problems(text)) == broken, plainwords.problems(text)
