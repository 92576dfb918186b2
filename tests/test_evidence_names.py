"""Support reads a check's evidence in the window's "Technical details", report.html and the support card: every key a
built-in check gives has a name in French (selfcheck.evidence.EVIDENCE_NAMES), found from the checks' recorded facts
(tests/fixtures/checks, Windows and macOS ones made from real recorded output) and from their real collect on this
machine; report.html and the card's evidence lines say those names, the key itself kept for the technician."""

from __future__ import annotations

import copy
import functools
import json
import os
import shutil
import subprocess
import sys
import tempfile
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from selfcheck import config as config_mod
from selfcheck import i18n, supportcard
from selfcheck.bundle import report
from selfcheck.discovery import discover
from selfcheck.evidence import EVIDENCE_NAMES, is_named
from selfcheck.runner import evaluate_facts

FIXTURES = Path(__file__).parent / "fixtures" / "checks"
FIXTURE_FILES = sorted(FIXTURES.glob("*/*.json"))
CONFIG = config_mod.from_dict({"checks": {"autoload_plugins": False}})
REGISTRY = discover(CONFIG)
BUILT_IN = sorted(c.id for c in REGISTRY if c.source == "builtin")


def unnamed(check_id: str, evidence: Any) -> list[str]:
    """The keys of ``check_id``'s evidence that a French reader would read as the key: named nowhere, or named in words
    with no French ("network.dns: resolvers" for a key, "network.dns: resolvers/…" for the path to it)."""
    french = i18n.catalogue("fr")
    missing: list[str] = []

    def walk(value: Any, within: str, path: str) -> None:
        if isinstance(value, dict):
            for key, inner in value.items():
                named = EVIDENCE_NAMES.get(check_id, {}).get(str(key))
                if not is_named(check_id, str(key), within) or (named is not None and named not in french):
                    missing.append(f"{check_id}: {path}{key}")
                walk(inner, str(key), f"{path}{key}/")
        elif isinstance(value, list):
            for item in value:
                walk(item, within, path)

    walk(evidence, "", "")
    return sorted(set(missing))


@pytest.mark.parametrize("path", FIXTURE_FILES, ids=[f"{p.parent.name}/{p.stem}" for p in FIXTURE_FILES])
def test_every_key_of_a_built_in_checks_recorded_evidence_has_a_french_name(path: Path) -> None:
    """A French window, report.html or card read "second resolver status", "installs by itself", "program crashes",
    "port available": about 200 keys of the network, os, security and devices checks had no name of their own."""
    cls = REGISTRY.get(path.parent.name)
    assert cls is not None
    data = json.loads(path.read_text(encoding="utf-8"))
    with i18n.language("fr"):
        outcome = evaluate_facts(cls, copy.deepcopy(data["facts"]), {**cls.thresholds_from(CONFIG), **data.get("thresholds", {})})
    assert unnamed(cls.id, outcome.evidence) == []


@functools.cache
def real_scan() -> tuple[list[dict[str, Any]], str]:
    """The real `selfcheck scan --json --lang fr` on this computer, every check but the network's, run once for the names'
    and the values' walks (tests/test_evidence_values.py): its results and the end of its stderr."""
    home = Path(tempfile.mkdtemp(prefix="selfcheck-evidence-"))
    try:
        env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin:/usr/sbin:/sbin"),
            "HOME": str(home),
            "SELFCHECK_HOME": str(home / "selfcheck"),
            "SELFCHECK_DISABLE_PLUGIN_AUTOLOAD": "1",
            "SELFCHECK_NETWORK_ALLOW": "127.0.0.0/8,::1",  # a printer's own address is never asked from here
            "LANG": "C.UTF-8",
        }
        categories = sorted({cid.split(".")[0] for cid in BUILT_IN} - {"network"})
        command = [sys.executable, "-m", "selfcheck", "scan", "--json", "--lang", "fr"]
        for category in categories:
            command += ["--category", category]
        done = subprocess.run(command, capture_output=True, text=True, env=env, timeout=300, check=False)
    finally:
        shutil.rmtree(home, ignore_errors=True)
    return json.loads(done.stdout)["results"], done.stderr[-2000:]


@pytest.mark.skipif(sys.platform != "linux", reason="the checks' real collect is run on Linux here")
def test_every_key_of_the_evidence_the_checks_give_on_this_computer_has_a_french_name() -> None:
    """The real `selfcheck scan` on this computer, every check but the network's (they reach the network: they run in the
    network lab, tests/network/test_evidence_names_lab.py), in French: each key of each result's evidence is named."""
    results, stderr = real_scan()
    assert {r["id"] for r in results} == {cid for cid in BUILT_IN if not cid.startswith("network.")}, stderr
    assert [line for r in results for line in unnamed(r["id"], r.get("evidence") or {})] == []


def _memory_result() -> dict[str, Any]:
    """hardware.memory's result as the scan JSON has it, judged in French: its programs stopped for lack of memory."""
    facts = json.loads((FIXTURES / "hardware.memory" / "linux_thrashing.json").read_text(encoding="utf-8"))["facts"]
    facts = {**facts, "now": "2026-12-07T09:30:00+01:00", "oom_kills": [{"time": "2026-12-07T09:24:00+01:00", "program": "firefox", "pid": 8811}]}
    cls = REGISTRY.get("hardware.memory")
    assert cls is not None
    outcome = evaluate_facts(cls, facts, cls.thresholds_from(CONFIG))
    assert "oom_kills" in outcome.evidence  # the key as the scan JSON and results.json keep it
    return {
        "id": "hardware.memory",
        "title": cls.translated_title(),
        "category": "hardware",
        "status": outcome.status.value,
        "summary": outcome.summary,
        "evidence": outcome.evidence,
    }


class _Keys(HTMLParser):
    """The text of report.html's evidence blocks, and each named key's title."""

    def __init__(self) -> None:
        super().__init__()
        self.inside = False
        self.text: list[str] = []
        self.titles: dict[str, str] = {}
        self._title: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "pre" and found.get("class") == "evidence":
            self.inside = True
        if self.inside and tag == "span":
            self._title = found.get("title")

    def handle_endtag(self, tag: str) -> None:
        if tag == "pre":
            self.inside = False

    def handle_data(self, data: str) -> None:
        if self.inside:
            self.text.append(data)
            if self._title is not None:
                self.titles[data] = self._title
                self._title = None


def test_report_html_names_the_evidence_in_the_readers_language_the_key_as_its_tooltip() -> None:
    """A French report.html showed hardware.memory's evidence as JSON: « "oom_kills": [...] », « "top_processes" »,
    « "available_percent": 96.5 ». It now reads as the window's "Technical details": the names in French, the numbers as
    French writes them; each key as recorded is its name's tooltip (title), for the technician who looks in results.json."""
    with i18n.language("fr"):
        result = _memory_result()
        page = report.render(
            scan={"results": [result], "diagnosis": {}}, description=None, system=None, redaction=[], files=[], skipped=[], limits_hit=[], meta={}
        )
    parser = _Keys()
    parser.feed(page)
    text = "".join(parser.text)
    assert "arrêtés faute de mémoire\u00a0:" in text and "programmes qui utilisent le plus de mémoire\u00a0:" in text, text
    assert parser.titles["arrêtés faute de mémoire"] == "oom_kills"
    assert parser.titles["mémoire disponible (%)"] == "available_percent"
    assert not [key for key in result["evidence"] if key in text or key.replace("_", " ") in text], text
    assert '"' not in text and "{" not in text  # no JSON left


def test_the_cards_evidence_lines_name_a_built_in_checks_evidence_in_the_readers_language() -> None:
    """Where the card has no words of its own for a check (the memory's), its evidence lines read « oom_kills : … »,
    « top_processes : … » on a French card: now the names the window and report.html say."""
    with i18n.language("fr"):
        result = _memory_result()
        card = supportcard.build({"results": [result], "diagnosis": {"root_causes": ["hardware.memory"]}}, {})
    assert card.cause_id == "hardware.memory"
    labels = [line.split("\u00a0:")[0] for line in card.proof]
    assert "mémoire en tout" in labels and "programmes qui utilisent le plus de mémoire" in labels, card.proof
    assert not [label for label in labels if label in result["evidence"] or label.replace(" ", "_") in result["evidence"]], card.proof


@pytest.mark.parametrize(
    "case, where, english, french",
    [
        ("windows_c_full", 1, "D:\\ (ntfs, other)", "D:\\ (ntfs, autre)"),
        ("macos_data_almost_full", 0, "/System/Volumes/Data (apfs, home)", "/System/Volumes/Data (apfs, dossiers personnels)"),
        ("linux_ok", 0, "/ (ext4, system)", "/ (ext4, système)"),
    ],
)
def test_the_disks_evidence_says_each_drives_role_in_the_readers_language(case: str, where: int, english: str, french: str) -> None:
    """The French disk evidence read « D:\\ (ntfs, other) : 180 Go libres sur 500 Go »: the role of each drive (the
    system's, the one holding the home folders, another) is said in the reader's words; the file system as recorded."""
    data = json.loads((FIXTURES / "hardware.disk" / f"{case}.json").read_text(encoding="utf-8"))
    cls = REGISTRY.get("hardware.disk")
    assert cls is not None
    said = {}
    for lang in ("en", "fr"):
        with i18n.language(lang):
            said[lang] = evaluate_facts(cls, copy.deepcopy(data["facts"]), {**cls.thresholds_from(CONFIG), **data.get("thresholds", {})}).evidence
    assert said["en"]["volumes"][where].startswith(english + ": "), said["en"]["volumes"]
    assert said["fr"]["volumes"][where].startswith(french + "\u00a0: "), said["fr"]["volumes"]


def test_the_technical_details_name_each_key_and_show_data_as_recorded() -> None:
    """A French window's « Détails techniques » of the crashes check read « program crashes : », « photo editor : 3 »
    (a program called photo_editor): the name is now French, and a key that is data (a program, an address, a port) is
    shown as recorded, its "_" kept."""
    from selfcheck.gui.scanstate import evidence_text

    evidence = {"days": 7, "program_crashes": {"photo_editor": 3}, "system_stops": 0}
    with i18n.language("fr"):
        text = evidence_text(evidence, check_id="os.crashes")
    assert text.splitlines() == [
        "jours examinés\u00a0: 7",
        "plantages de programmes\u00a0:",
        "    photo_editor\u00a0: 3",
        "arrêts inattendus de l’ordinateur\u00a0: 0",
    ]
