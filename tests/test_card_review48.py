"""Second engineer's review of the support card changes of stop 48 (67656354, 8e84074c, 80cc78e6, 4929b4fd), by reading the
lab's cards in both languages and bundles made hostile:

1. the line-down card read by a French agent said "Not tested" in the customer's language, the very fault round 103 fixed
   under "Ruled out": « Date et heure : The clock could not be compared with a time server : le nom du serveur de temps
   (ntp.lab.example) n'a pas pu être trouvé … »;
2. a list the card cuts said how many more there were with the count's bare digits: a company check's 1,500 files read
   « et 1494 autres » on a French card, where French groups a number's digits (« 1 494 », as every other count it reads)."""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

import pytest

from selfcheck import app as app_mod
from selfcheck.api import Check, Context, Facts, Outcome, Thresholds
from selfcheck.bundle import plan_bundle, write_bundle
from selfcheck.runner import Runner, Scan
from test_cards_round102 import _shown
from test_supportcard import judged

#: the line-down lab case as the customer's computer recorded it (scripts/support_reading.py, 2026-12-07): the box answers,
#: nothing beyond it, its name service silent, so the time server's name is not found
LINE_DOWN = {
    "network.link": "lab_wired",
    "network.gateway": "lab_router_answers",
    "network.internet": "lab_line_down",
    "network.dns": "lab_line_down",
    "network.clock": "lab_line_down_name_not_found",
}

CLOCK_LINE = {
    "en": "Date and time: The clock could not be compared with a time server: the time server's name (ntp.lab.example) could not "
    "be found, because “The internet beyond your internet box” failed",
    "fr": "Date et heure\u00a0: L’horloge n’a pas pu être comparée à un serveur de temps\u00a0: le nom du serveur de temps (ntp.lab.example) "
    "n’a pas pu être trouvé, parce que «\u00a0Internet au-delà de votre box\u00a0» a échoué",
}


def _card_shown(path: Path, lang: str, capsys: pytest.CaptureFixture[str]) -> list[str]:
    """The lines of the support card `selfcheck show` prints of the bundle at ``path`` in ``lang``."""
    return [line.strip() for line in _shown(path, lang, capsys).splitlines()]


def test_the_line_down_card_says_why_the_clock_was_not_tested_in_the_readers_language(tmp_path: Path, capsys) -> None:
    """The customer's computer made its bundle in English; support reads its card in French (or English): the clock's "Not
    tested" line is all in the reader's words in `selfcheck show`; the card the relay's ticket carries, as made, in English."""
    app = app_mod.start((), "en")
    scan, facts = judged(app, LINE_DOWN, "internet")
    assert {r["id"]: r["status"] for r in scan["results"]}["network.clock"] == "skip"
    said = {"symptom": "internet", "problem": "Internet has stopped working, nothing loads at all.", "answers": []}
    path = write_bundle(plan_bundle(app, Scan.from_dict({**scan, "language": "en"}, facts), description=said, include_logs=False), tmp_path / "b.zip").path
    french = _card_shown(Path(path), "fr", capsys)
    assert f"- {CLOCK_LINE['fr']}" in french, french
    assert not [line for line in french if "The clock" in line], french
    assert f"- {CLOCK_LINE['en']}" in _card_shown(Path(path), "en", capsys)
    with zipfile.ZipFile(path) as bundle:
        assert CLOCK_LINE["en"] in bundle.read("support-card.txt").decode()


class CompanyBackupCheck(Check):
    """A company's own check (as a company ships one) whose evidence is a long list: the files its backup missed."""

    id = "acme.backup"
    category = "app"
    title = "Backup of your files"
    version = "1"

    def collect(self, ctx: Context) -> Facts:
        return {"missed": [f"Documents/letter-{n:04d}.odt" for n in range(1500)]}

    def evaluate(self, facts: Facts, thresholds: Thresholds) -> Outcome:
        return Outcome.fail("The last backup missed files.", evidence={"missed": facts["missed"]})


#: how the card ends the line of the company check's 1,500 files: French groups a count's digits by a narrow no-break space
#: (« 1 494 »), English writes a count as it always did
MORE = {"fr": " et 1\u202f494 autres", "en": " and 1494 more"}


def test_a_long_list_cut_on_the_card_says_how_many_more_as_the_reader_writes_numbers(tmp_path: Path, capsys) -> None:
    """A company check's 1,500 files: the card shows six, then how many more, the count as the card's other counts say it
    (French: never « 1494 »)."""
    app = app_mod.start((), "en")
    app.registry.register_class(CompanyBackupCheck, "test")
    results = Runner(app.registry, app.config).run([c for c in app.registry if c.id == CompanyBackupCheck.id])
    scan: Any = Scan.from_dict({**results.to_dict(), "diagnosis": {"root_causes": ["acme.backup"]}}, results.facts)
    path = write_bundle(plan_bundle(app, scan, include_logs=False), tmp_path / "b.zip").path
    for lang in ("fr", "en"):
        proof = [line for line in _card_shown(Path(path), lang, capsys) if "letter-" in line]
        assert len(proof) == 1 and proof[0].endswith(f"Documents/letter-0005.odt{MORE[lang]}"), proof
