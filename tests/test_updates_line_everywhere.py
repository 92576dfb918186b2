"""Security updates not done yet, as each place that shows the check's line reads it. Send rounds 98-100 made the line
end "Nothing is needed today: do them within a few days, as shown below." (« comme indiqué ci-dessous »), written for the
window's card; but the same line is the whole body of the light scan's desktop notification (selfcheck background), where
nothing is below it, and a line of the "can wait" list in the terminal and in report.html, where what comes below is the
next problem; in the window itself the steps wait closed under "Show what to do". The line now says what to do and when,
and points at nothing; the steps stay where each screen has them (the card's "Show what to do", the terminal's results)."""

from __future__ import annotations

import json
import re

import pytest

from checkkit import config, outcome_check, registry_of
from selfcheck import i18n, textreport
from selfcheck.api import Outcome
from selfcheck.history import background
from selfcheck.runner import Runner, evaluate_facts
from test_checks_hwos import CLASSES, FIXTURES, defaults

SAID = {
    "en": "7 updates (small fixes for this computer's programs, sent by their makers) have not been done yet. Nothing is needed today: do them within a few days.",
    "fr": "7 mises à jour (de petites corrections pour les programmes de cet ordinateur, envoyées par leurs fabricants) n’ont pas encore été faites. Rien n’est à faire aujourd’hui\u00a0: "
    "faites-les dans les prochains jours.",
}
POINTING = ("below", "above", "ci-dessous", "ci-dessus", "shown", "indiqué")


def updates(lang: str) -> Outcome:
    """security.updates' judgement of a recorded Debian computer with 7 security updates waiting (no automatic updates)."""
    case = json.loads((FIXTURES / "security.updates" / "linux_apt_security_pending.json").read_text())
    with i18n.language(lang):
        return evaluate_facts(CLASSES["security.updates"], case["facts"], defaults("security.updates"))


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_notification_of_updates_not_done_points_at_nothing_it_does_not_show(lang):
    outcome = updates(lang)
    assert outcome.status.value == "warn" and outcome.advice  # the steps exist, on the screens that show them
    scan = {"results": [{"id": "security.updates", "status": "warn", "summary": outcome.summary}]}
    with i18n.language(lang):
        (note,) = background.plan(scan, {})
    assert note.body == SAID[lang]  # a notification: the line, and nothing under it
    assert not any(word in note.body for word in POINTING), note.body


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_terminals_can_wait_list_says_the_updates_line_without_pointing_at_the_next_problem(lang):
    """`selfcheck scan`: a full disk first, the updates in the list of what can wait, as one item; below that list comes
    "Every result", not the updates' steps."""
    said = updates(lang)
    registry = registry_of(
        outcome_check("hardware.disk", lambda: Outcome.fail("Your computer is full.", advice=["Empty the Trash."]), title="Room", priority=10),
        outcome_check("security.updates", lambda: said, title="Updates", priority=20),
    )
    with i18n.language(lang):
        scan = Runner(registry, config()).run(list(registry))
        text = textreport.format_scan(scan, symbols=False)
    listed = next(block for block in text.split("\n\n") if "7 updates" in block or "7 mises à jour" in block)  # the verdict's list
    item = re.sub(r"[ \n]+", " ", listed.split("\n", 1)[1]).strip()  # its item, unwrapped (French's no-break spaces kept)
    assert item == "i " + SAID[lang], text
    assert not any(word in item for word in POINTING), text
