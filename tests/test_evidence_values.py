"""Support reads a check's evidence in the window's "Technical details", report.html, `selfcheck show` and the support
card: its values, not only its keys, are in the reader's words. A code a built-in check records (a state, an answer, a
reason: "ending_soon", "cert_error", "newer-kernel-installed") has French words (selfcheck.evidence.CODED), a moment
(a certificate's 1798215910) is a date, and every other text value is declared data, shown as recorded (AS_RECORDED).
The values are found from the checks' recorded facts (tests/fixtures/checks, Windows and macOS ones made from real
recorded output) and from their real collect on this machine (tests/network/test_evidence_values_lab.py: the network's)."""

from __future__ import annotations

import copy
import json
import sys
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from selfcheck import cli, i18n, supportcard
from selfcheck.bundle import report
from selfcheck.evidence import AS_RECORDED, DATA_KEYED, code_msgid, codes, date_words, is_date
from selfcheck.runner import evaluate_facts
from test_evidence_names import BUILT_IN, CONFIG, FIXTURE_FILES, REGISTRY, real_scan

FIXTURES = Path(__file__).parent / "fixtures" / "checks"


def unsaid(check_id: str, evidence: Any) -> list[str]:
    """The text values (and moments) of ``check_id``'s evidence a French reader would read raw: a code with no French
    words ("os.version: support = ending_soon"), a moment not made a date, or a value under a key declared neither
    coded, a date, nor data ("... (undeclared)")."""
    french = i18n.catalogue("fr")
    recorded = AS_RECORDED.get(check_id, frozenset())
    missing: list[str] = []

    def value(item: Any, key: str, within: str) -> None:
        if is_date(check_id, key):
            if item is not None and date_words(item) == str(item):
                missing.append(f"{check_id}: {key} = {item} (not a date)")
            return
        if not isinstance(item, str) or item == "":
            return
        table = codes(check_id, key, within)
        if table is not None:
            known = code_msgid(table, item)
            if known is None or known[0] not in french:
                missing.append(f"{check_id}: {within if within in DATA_KEYED.get(check_id, ()) else key} = {item}")
        elif key not in recorded and within not in recorded:
            missing.append(f"{check_id}: {key} = {item[:40]} (undeclared)")

    def walk(node: Any, within: str, outer: str) -> None:
        if isinstance(node, dict):
            for key, inner in node.items():
                if isinstance(inner, dict | list):
                    walk(inner, str(key), within)
                else:
                    value(inner, str(key), within)
        elif isinstance(node, list):
            for item in node:
                if isinstance(item, dict | list):
                    walk(item, within, outer)
                else:
                    value(item, within, outer)

    walk(evidence, "", "")
    return sorted(set(missing))


@pytest.mark.parametrize("path", FIXTURE_FILES, ids=[f"{p.parent.name}/{p.stem}" for p in FIXTURE_FILES])
def test_every_coded_value_of_a_built_in_checks_recorded_evidence_has_french_words(path: Path) -> None:
    """A French window, report.html or card read « suivi par son éditeur : ending_soon », « réponse :
    cert_error », « valable jusqu’à : 1798215910 »: each code now has words, each moment is a date."""
    cls = REGISTRY.get(path.parent.name)
    assert cls is not None
    data = json.loads(path.read_text(encoding="utf-8"))
    with i18n.language("fr"):
        outcome = evaluate_facts(cls, copy.deepcopy(data["facts"]), {**cls.thresholds_from(CONFIG), **data.get("thresholds", {})})
    assert unsaid(cls.id, outcome.evidence) == []


@pytest.mark.skipif(sys.platform != "linux", reason="the checks' real collect is run on Linux here")
def test_every_coded_value_the_checks_give_on_this_computer_has_french_words() -> None:
    """The real `selfcheck scan` on this computer, every check but the network's (tests/network/test_evidence_values_lab.py),
    in French: each text value of each result's evidence is a code with words, a date, or declared data."""
    results, stderr = real_scan()
    assert {r["id"] for r in results} == {cid for cid in BUILT_IN if not cid.startswith("network.")}, stderr
    assert [line for r in results for line in unsaid(r["id"], r.get("evidence") or {})] == []


def _result(check_id: str, case: str, lang: str) -> dict[str, Any]:
    """``check_id``'s result on its recorded ``case``, judged in ``lang``, as the scan JSON has it."""
    data = json.loads((FIXTURES / check_id / f"{case}.json").read_text(encoding="utf-8"))
    cls = REGISTRY.get(check_id)
    assert cls is not None
    with i18n.language(lang):
        outcome = evaluate_facts(cls, copy.deepcopy(data["facts"]), {**cls.thresholds_from(CONFIG), **data.get("thresholds", {})})
        title = cls.translated_title()
    return {
        "id": check_id,
        "title": title,
        "category": check_id.split(".")[0],
        "status": outcome.status.value,
        "summary": outcome.summary,
        "evidence": outcome.evidence,
    }


def _case(check_id: str, key: str, value: Any) -> str:
    """The first recorded case of ``check_id`` whose evidence holds ``value`` under ``key``, anywhere in it."""

    def holds(node: Any) -> bool:
        if isinstance(node, dict):
            found = node.get(key)
            return found == value or (isinstance(found, list) and value in found) or any(holds(v) for v in node.values())
        return isinstance(node, list) and any(holds(v) for v in node)

    for path in sorted((FIXTURES / check_id).glob("*.json")):
        if holds(_result(check_id, path.stem, "en")["evidence"]):
            return path.stem
    raise AssertionError(f"no recorded case of {check_id} with {key} = {value}")


class _Values(HTMLParser):
    """The text of report.html's evidence blocks, and the tooltip (title) of each value's words."""

    def __init__(self) -> None:
        super().__init__()
        self.inside = False
        self.text: list[str] = []
        self.codes: dict[str, str] = {}
        self._title: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "pre" and found.get("class") == "evidence":
            self.inside = True
        if self.inside and tag == "span" and found.get("class") == "code":
            self._title = found.get("title")

    def handle_endtag(self, tag: str) -> None:
        if tag == "pre":
            self.inside = False

    def handle_data(self, data: str) -> None:
        if self.inside:
            self.text.append(data)
            if self._title is not None:
                self.codes[data] = self._title
                self._title = None


CERTIFICATE = ("network.https", "not_after", 1798215910)
#: (check, key, code, English words, French words) that report.html, the window and `selfcheck show` say
SAID = [
    ("os.version", "support", "ending_soon", "ending soon", "bientôt terminé"),
    ("network.https", "status", "cert_error", "certificate refused", "certificat refusé"),
    ("os.restart_pending", "reasons", "newer-kernel-installed", "a newer kernel is installed", "un noyau plus récent est installé"),
]


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_report_html_says_each_code_in_the_readers_words_the_code_as_their_tooltip(lang: str) -> None:
    """report.html read « suivi par son éditeur : ending_soon », « réponse : cert_error », « valable jusqu’à :
    1798215910 »: the words now, in the reader's language, the code kept as their tooltip for the technician."""
    results = []
    for check_id, key, code, _en, _fr in [*SAID, (*CERTIFICATE, "", "")]:
        result = _result(check_id, _case(check_id, key, code), lang)
        if result not in results:
            results.append(result)
    with i18n.language(lang):
        page = report.render(
            scan={"results": results, "diagnosis": {}}, description=None, system=None, redaction=[], files=[], skipped=[], limits_hit=[], meta={}
        )
    parser = _Values()
    parser.feed(page)
    for _check, _key, code, english, french in SAID:
        words = english if lang == "en" else french
        assert parser.codes.get(words) == code, (words, parser.codes)
    date = {"en": "December 25, 2026 at", "fr": "25 décembre 2026 à"}[lang]
    assert [title for words, title in parser.codes.items() if words.startswith(date)] == ["1798215910"], parser.codes
    text = "".join(parser.text)
    assert not [code for _c, _k, code, _e, _f in SAID if code in text.replace(f'"{code}"', "")], text
    assert "1798215910" not in text


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_windows_technical_details_say_each_code_in_the_readers_words(lang: str) -> None:
    """A French window's « Détails techniques » read « réponse : cert_error », « raisons … : newer-kernel-installed »."""
    from selfcheck.gui.scanstate import evidence_text

    for check_id, key, code, english, french in SAID:
        result = _result(check_id, _case(check_id, key, code), lang)
        with i18n.language(lang):
            text = evidence_text(result["evidence"], check_id=check_id)
        assert (english if lang == "en" else french) in text, text
        assert code not in text, text
    result = _result(CERTIFICATE[0], _case(*CERTIFICATE), lang)
    with i18n.language(lang):
        text = evidence_text(result["evidence"], check_id=CERTIFICATE[0])
    assert {"en": "valid until: December 25, 2026 at", "fr": "valable jusqu’à\u00a0: 25 décembre 2026 à"}[lang] in text, text
    assert "1798215910" not in text


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_show_says_the_cards_evidence_values_in_the_readers_words(selfcheck_home: Path, tmp_path: Path, capsys: Any, lang: str) -> None:
    """`selfcheck show` of a bundle whose cause is a system whose support ends soon: the card's evidence lines said
    « suivi par son éditeur : ending_soon » on a French card; now its words."""
    from selfcheck import app as app_mod
    from selfcheck.bundle import plan_bundle, write_bundle
    from selfcheck.runner import Scan

    result = _result("security.os_support", _case("security.os_support", "support", "ending_soon"), lang)
    with i18n.language(lang):
        card = supportcard.build({"results": [result], "diagnosis": {"root_causes": ["security.os_support"]}}, {})
    assert card.proof, "the card falls back to its generic evidence lines for this check"
    app = app_mod.start((), lang)
    scan = Scan.from_dict({"results": [result], "diagnosis": {"root_causes": ["security.os_support"]}, "language": lang}, facts={})
    path = write_bundle(plan_bundle(app, scan, include_logs=False), tmp_path / f"support-{lang}.zip").path
    capsys.readouterr()
    assert cli.main(["show", str(path), "--lang", lang]) == 0
    out = capsys.readouterr().out
    said = {"en": "support by its maker: ending soon", "fr": "suivi par son éditeur\u00a0: bientôt terminé"}[lang]
    assert said in out, out
    assert "ending_soon" not in out, out
