"""A scan with every part of the customer verdict, and how each renderer shows it (not a test module)."""

from __future__ import annotations

import html
import re
from typing import Any

from checkkit import config, outcome_check, registry_of
from selfcheck import textreport
from selfcheck.api import Fix, Outcome
from selfcheck.bundle import report
from selfcheck.runner import Runner, Scan
from selfcheck.verdict import icon_status

SYMPTOMS = {
    "symptoms": {
        "internet": {
            "title": {"en": "The internet doesn't work", "fr": "Internet ne fonctionne pas"},
            "effect": {"en": "the internet does not work", "fr": "votre connexion à internet ne fonctionne pas"},
            "categories": ["network"],
        }
    }
}


def checks() -> list[Any]:
    """Five problems: one the symptom explains (with a cause, steps and a button), urgent and standing ones beside it."""
    return [
        outcome_check(
            "network.names",
            lambda: Outcome.warn(
                "Your computer cannot find websites by their name.",
                advice=["Restart your internet box.", "Wait until its lights are steady.", "Check again."],
                why="Your internet box does not answer when your computer asks where a website is.",
                fix=Fix("open_network_settings", "Open the network settings"),
            ),
            title="Finding websites",
            priority=10,
        ),
        outcome_check(
            "network.wifi", lambda: Outcome.warn("Your Wi-Fi signal is weak.", advice=["Move closer to your internet box."]), title="Wi-Fi", priority=20
        ),
        outcome_check(
            "hardware.cpu", lambda: Outcome.fail("The program Zoom is using the whole processor.", advice=["Close Zoom."]), title="Processor", priority=30
        ),
        outcome_check("security.updates", lambda: Outcome.warn("Updates are waiting to be installed.", advice=["Install the updates."]), title="Updates"),
        outcome_check("os.restart", lambda: Outcome.warn("A restart is needed.", urgency="info", advice=["Restart when convenient."]), title="Restart"),
    ]


def sample_scan(symptom: str | None = "internet") -> tuple[Scan, Any, Any]:
    registry = registry_of(*checks())
    cfg = config(SYMPTOMS)
    return Runner(registry, cfg).run(list(registry), symptom=symptom), registry, cfg


def from_json(scan: Scan) -> dict[str, Any]:
    v = scan.to_dict()["diagnosis"]["verdict"]
    return {"headline": v["headline"], "cause": v["cause"], "action": v["action"]["text"] if v["action"] else None, "order": v["order"]}


def text_agrees(scan: Scan, cfg: Any, expected: dict[str, Any]) -> None:
    """The terminal report says the same headline, cause and action, and lists the problems in the same order."""
    from selfcheck.i18n import _

    out = textreport.format_scan(scan, cfg)
    top = " ".join(line.strip() for line in out.split("\n\n" + _("Every result — {counts}").split(" ")[0], 1)[0].splitlines())
    icon = textreport.ICONS[icon_status(scan.diagnosis.verdict.icon)] if scan.diagnosis.verdict.items else ""
    assert top.startswith(f"{icon} {expected['headline']}"), top
    if expected["cause"]:
        assert _("Why: {cause}").format(cause=expected["cause"]) in top
    else:
        assert _("Why: {cause}").split(" ")[0] not in top
    if expected["action"]:
        # one step: "What to do now: <action>"; several: "What to do now:" then "1. <action>", "2. ..."
        one = _("What to do now: {action}").format(action=expected["action"])
        numbered = _("What to do now:") + f" 1. {expected['action']}"
        assert one in top or numbered in top, top
    summaries = {r.check_id: r.summary for r in scan.results}
    after_headline = top[len(expected["headline"]) + 2 :]
    positions = [after_headline.find(summaries[cid]) for cid in expected["order"][1:]]
    assert -1 not in positions and positions == sorted(positions), (expected["order"], top)


def from_report(scan: Scan) -> dict[str, Any]:
    page = report._verdict(scan.to_dict())

    def span(cls: str) -> str | None:
        m = re.search(rf'<span class="{cls}">(.*?)</span>', page)
        return html.unescape(m.group(1)) if m else None

    return {
        "headline": span("headline-text"),
        "cause": span("cause-text"),
        "action": span("action-text"),
        "order": [html.unescape(x) for x in re.findall(r'data-check-id="([^"]+)"', page)],
    }
