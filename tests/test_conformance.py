"""Conformance of every registered check (the sos-report idea): one test walks them all.

For each check in the real registry (built-ins, through the same discovery a
company's checks use): valid metadata, a title translated into French, an id
matching its category and file, and ``evaluate()`` correct on recorded facts:
``tests/fixtures/checks/<check-id>/<case>.json`` (format in docs/checks.md),
judged with the default thresholds from config merged with the fixture's,
in English and in French.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from selfcheck import config as config_mod
from selfcheck import i18n
from selfcheck.api import CATEGORIES, PLATFORMS, Check, Status, validate_check_class
from selfcheck.discovery import discover
from selfcheck.runner import evaluate_facts

FIXTURES = Path(__file__).parent / "fixtures" / "checks"
FIXTURE_KEYS = {"facts", "thresholds", "expect", "platform", "note", "generated_by"}
PASSING = {Status.PASS, Status.INFO}
NOT_PASSING = {Status.WARN, Status.FAIL}

CONFIG = config_mod.from_dict({"checks": {"autoload_plugins": False}})
REGISTRY = discover(CONFIG)
CHECKS = sorted(REGISTRY, key=lambda c: c.id)
CHECK_IDS = [c.id for c in CHECKS]
FIXTURE_FILES = sorted(FIXTURES.glob("*/*.json"))


def fixture_id(path: Path) -> str:
    return f"{path.parent.name}/{path.stem}"


def load_fixture(path: Path) -> dict[str, Any]:
    data = json.loads(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict), f"{path}: a fixture is a JSON object"
    unknown = set(data) - FIXTURE_KEYS
    assert not unknown, f"{path}: unknown keys {sorted(unknown)} (allowed: {sorted(FIXTURE_KEYS)})"
    assert isinstance(data.get("facts"), dict), f"{path}: 'facts' must be an object"
    assert data.get("expect") in {s.value for s in Status if s is not Status.ERROR}, f"{path}: 'expect' must be pass, info, warn, fail or skip"
    assert data.get("platform", "linux") in PLATFORMS, f"{path}: 'platform' must be one of {PLATFORMS}"
    assert isinstance(data.get("thresholds", {}), dict), f"{path}: 'thresholds' must be an object"
    return data


def expectations(check_id: str) -> set[Status]:
    return {Status(load_fixture(p)["expect"]) for p in FIXTURE_FILES if p.parent.name == check_id}


def test_the_registry_loads_without_problems():
    assert REGISTRY.problems == [], [f"{p.source}: {p.message}" for p in REGISTRY.problems]
    assert "os.uptime" in CHECK_IDS


@pytest.mark.parametrize("cls", CHECKS, ids=CHECK_IDS)
def test_metadata_is_valid(cls: type[Check]):
    assert validate_check_class(cls) == []
    assert cls.category in CATEGORIES
    assert cls.id.split(".")[0] == cls.category, "the id starts with the category: 'hardware.disk'"
    assert isinstance(cls.priority, int)
    for other in (*cls.depends_on, *cls.after):
        assert other in REGISTRY.checks, f"{cls.id} refers to {other!r}, which is not a check id"
    if cls.source == "builtin":
        stem = cls.__module__.rsplit(".", 1)[-1]
        assert stem == cls.id.replace(".", "_").replace("-", "_") or stem.startswith(cls.category + "_"), (
            f"{cls.id} lives in {stem}.py: name the file after the id (checks/{cls.id.replace('.', '_')}.py)"
        )


@pytest.mark.parametrize("cls", CHECKS, ids=CHECK_IDS)
def test_title_is_translated_into_french(cls: type[Check]):
    english = cls.translated_title()
    i18n.set_language("fr")
    french = cls.translated_title()
    assert cls.title in i18n.catalogue("fr"), f"no French for the title {cls.title!r} of {cls.id}"
    assert french and french != english


@pytest.mark.parametrize("cls", CHECKS, ids=CHECK_IDS)
def test_has_a_passing_and_a_not_passing_fixture(cls: type[Check]):
    found = expectations(cls.id)
    folder = FIXTURES / cls.id
    assert found & PASSING, f"{cls.id}: add a fixture expecting pass or info in {folder}/ (see docs/checks.md)"
    assert found & NOT_PASSING, f"{cls.id}: add a fixture expecting warn or fail in {folder}/ (see docs/checks.md)"


def test_every_fixture_folder_names_a_registered_check():
    orphans = sorted({p.parent.name for p in FIXTURE_FILES} - set(CHECK_IDS))
    assert not orphans, f"fixtures for checks that are not registered: {orphans}"


def _judge(cls: type[Check], data: dict[str, Any]):
    thresholds = {**cls.thresholds_from(CONFIG), **data.get("thresholds", {})}
    facts = copy.deepcopy(data["facts"])
    outcome = evaluate_facts(cls, facts, thresholds)
    assert facts == data["facts"], f"{cls.id}: evaluate() changed the facts it was given (it must be pure)"
    return outcome


@pytest.mark.parametrize("path", FIXTURE_FILES, ids=[fixture_id(p) for p in FIXTURE_FILES])
def test_evaluate_on_recorded_facts(path: Path):
    cls = REGISTRY.get(path.parent.name)
    if cls is None:
        pytest.fail(f"{path}: no registered check {path.parent.name!r}")
    data = load_fixture(path)
    english = _judge(cls, data)
    assert english.status is not Status.ERROR, f"{fixture_id(path)}: evaluate failed: {english.evidence.get('error')}"
    assert english.status.value == data["expect"], f"{fixture_id(path)}: expected {data['expect']}, got {english.status.value}: {english.summary}"
    assert english.summary.strip(), "every outcome says something"
    if english.status in NOT_PASSING:
        assert english.advice, f"{fixture_id(path)}: a {english.status.value} must tell the user what to do (advice)"
    json.dumps(english.evidence)

    i18n.set_language("fr")
    french = _judge(cls, data)
    assert french.status is english.status
    if english.summary:
        assert french.summary != english.summary, f"{fixture_id(path)}: the summary is not translated: {english.summary!r}"
    assert len(french.advice) == len(english.advice)
    for fr_step, en_step in zip(french.advice, english.advice, strict=True):
        assert fr_step != en_step, f"{fixture_id(path)}: advice not translated: {en_step!r}"


def test_every_built_in_check_has_recorded_facts_for_a_pass_and_a_problem():
    """Derived from the registry: a new built-in check without fixtures fails here, by name."""
    root = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "checks"
    for cls in (c for c in REGISTRY if c.source == "builtin"):
        expects = {json.loads(p.read_text(encoding="utf-8")).get("expect") for p in (root / cls.id).glob("*.json")}
        assert expects & {"pass", "info"} and expects - {"pass", "info", None}, f"{cls.id}: tests/fixtures/checks/{cls.id}/ needs a passing and a problem case"


def test_the_new_check_checklist_names_real_files_and_tests():
    """docs/checks.md's checklist stays true: every file, folder and test it names exists."""
    import re

    root = Path(__file__).resolve().parents[1]
    text = (root / "docs" / "checks.md").read_text(encoding="utf-8")
    checklist = text[text.index("## New built-in check checklist") : text.index("## Declarative checks")]
    named = set(re.findall(r"`((?:checks|src|resources|tests|scripts)/[^`\s:]+)", checklist))
    named |= {m.split("::")[0] for m in re.findall(r"(tests/[\w/]+\.py(?:::\w+)?)", checklist)}
    assert {"checks/__init__.py", "scripts/hwos_fixtures.py", "tests/test_thresholds.py"} <= named
    for path in named:
        example = "mycheck" in path
        target = root / (path.replace("os.mycheck", "os.uptime").replace("os_mycheck", "os_uptime") if example else path)
        assert target.exists(), path
    assert "test_the_new_check_checklist_names_real_files_and_tests" in checklist
    from selfcheck.checks import MODULES

    assert "selfcheck.checks.os_uptime" in MODULES  # step 2: the list the checklist names is the one discovery reads
