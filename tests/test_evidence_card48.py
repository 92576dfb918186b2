"""Issue 21: the support card gives the cause and its proof on its own, in English and French. Each case is a built-in
check's real evaluation of its recorded facts (tests/fixtures/checks, and the kernel's own log lines recorded in
tests/fixtures/kernellog), read as support reads it: the card's evidence lines, the window's and report.html's."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from selfcheck import config as config_mod
from selfcheck import evidence, i18n, supportcard
from selfcheck.discovery import discover
from selfcheck.platforms import kernellog
from selfcheck.runner import evaluate_facts

FIXTURES = Path(__file__).parent / "fixtures"
CONFIG = config_mod.from_dict({"checks": {"autoload_plugins": False}})
REGISTRY = discover(CONFIG)


def recorded(check_id: str, name: str) -> dict[str, Any]:
    return json.loads((FIXTURES / "checks" / check_id / name).read_text(encoding="utf-8"))["facts"]


def judged(check_id: str, facts: dict[str, Any], lang: str) -> dict[str, Any]:
    """``check_id``'s result on ``facts`` as the scan JSON has it, judged in ``lang``."""
    cls = REGISTRY.get(check_id)
    assert cls is not None
    with i18n.language(lang):
        outcome = evaluate_facts(cls, facts, cls.thresholds_from(CONFIG))
        return {
            "id": check_id,
            "title": cls.translated_title(),
            "category": cls.category,
            "status": outcome.status.value,
            "summary": outcome.summary,
            "evidence": outcome.evidence,
        }


def card_proof(result: dict[str, Any], lang: str) -> list[str]:
    with i18n.language(lang):
        card = supportcard.build({"results": [result], "diagnosis": {"root_causes": [result["id"]]}}, {})
    assert card.cause_id == result["id"]
    return card.proof


def memory_ran_out() -> dict[str, Any]:
    """A computer short of memory (the thrashing fixture) whose kernel stopped a program for lack of memory: the kill line
    the kernel wrote on the project's build machine (dmesg_iso_loop0_new_medium.txt, 13:59:52 UTC), read by the check's
    own parser, judged five minutes later on a computer whose clock is set to Paris time (UTC+1)."""
    log = kernellog.parse_dmesg_iso((FIXTURES / "kernellog" / "dmesg_iso_loop0_new_medium.txt").read_text(encoding="utf-8"))
    kills = kernellog.oom_kills(log)
    assert [(k["program"], k["pid"]) for k in kills] == [("photo-sync", 19496)]
    return {**recorded("hardware.memory", "linux_thrashing.json"), "oom_kills": kills, "now": "2026-12-05T15:05:00+01:00"}


@pytest.mark.parametrize(
    ("lang", "line"),
    [
        ("en", "stopped for lack of memory: photo-sync (process 19496) at 14:59"),
        ("fr", "arrêtés faute de mémoire\u00a0: photo-sync (processus 19496) à 14\u00a0h\u00a059"),
    ],
)
def test_a_memory_failure_by_lack_of_memory_shows_the_stopped_programs_on_the_card(lang: str, line: str) -> None:
    """Items 1 and 2: the card kept the memory's first six evidence lines, so "stopped for lack of memory", the line that
    proves the failure, was the one cut; and its time was the kernel log's "2026-12-05T13:59:52+00:00". The proof comes
    first now, its time as the customer's clock showed it (« à 14 h 59 »), in the reader's language."""
    result = judged("hardware.memory", memory_ran_out(), lang)
    assert result["status"] == "fail"
    proof = card_proof(result, lang)
    assert line in proof, proof
    assert proof.index(line) == 0, proof  # the cause's proof first, then the amounts
    assert not [shown for shown in proof if "2026-12-05" in shown or "+00:00" in shown], proof


@pytest.mark.parametrize(("lang", "line"), [("en", "waiting for memory (% of the last minute): 68.52"), ("fr", "68,52")])
def test_a_memory_failure_by_waiting_for_memory_shows_the_wait_on_the_card(lang: str, line: str) -> None:
    """The same rule for the other proof the memory check gives: the thrashing fixture fails because programs wait for
    memory (68.52 % of the last minute, over the 40 % limit), and that line was the seventh, cut from the card."""
    result = judged("hardware.memory", recorded("hardware.memory", "linux_thrashing.json"), lang)
    assert result["status"] == "fail"
    proof = card_proof(result, lang)
    assert [shown for shown in proof if line in shown], proof


def test_the_paid_extension_of_security_updates_reads_in_the_readers_language() -> None:
    """Item 3: security.os_support's "paid extension" was resources/eol.toml's English sentence ("Paid (or enrolled)
    Extended Security Updates may continue until 2026-10-13 for consumers.") on a French card. The check says it in the
    reader's words now, dated as the card dates the rest (and ended once that day is past: this scan ran 2026-11-25)."""
    facts = recorded("security.os_support", "windows10_22h2_ended.json")
    english = card_proof(judged("security.os_support", facts, "en"), "en")
    french = card_proof(judged("security.os_support", facts, "fr"), "fr")
    assert "paid extension: Extended Security Updates (ESU): ended on October 13, 2026" in english, english
    assert "extension payante\u00a0: mises à jour de sécurité étendues (ESU)\u00a0: fin le 13 octobre 2026" in french, french
    assert not [line for line in french if "Paid" in line or "Extended" in line or "until" in line], french


def test_a_year_alone_is_said_as_a_year() -> None:
    """Ubuntu gives its paid extension's end as a year: « jusqu’en 2034 »."""
    facts = recorded("security.os_support", "ubuntu2404_ending_soon.json")
    assert judged("security.os_support", facts, "en")["evidence"]["paid_extension"] == "Ubuntu Pro (ESM) until 2034"
    assert judged("security.os_support", facts, "fr")["evidence"]["paid_extension"] == "Ubuntu Pro (ESM) jusqu’en 2034"


def evidence_line(check_id: str, name: str, key: str, lang: str) -> list[str]:
    """``key``'s lines in ``check_id``'s evidence on the recorded ``name``, as the window and report.html say them."""
    result = judged(check_id, recorded(check_id, name), lang)
    with i18n.language(lang):
        return [f"{line.label}: {line.value}" for line in evidence.lines(result["evidence"], check_id) if line.key == key]


@pytest.mark.parametrize(
    ("check_id", "name", "key", "english", "french"),
    [
        ("devices.printer", "linux_ready.json", "colorantname", "colour: unknown", "couleur: inconnue"),
        ("devices.bluetooth", "macos_10.15_vm_bluetooth.json", "power", "power: on", "alimentation: activée"),
    ],
)
def test_a_shared_value_word_agrees_with_a_feminine_name_in_french(check_id: str, name: str, key: str, english: str, french: str) -> None:
    """Item 4: the words a code shares with other keys were masculine whatever the key (« couleur : inconnu », « alimentation
    : activé »): a key whose French name is feminine gets them agreeing; English, which has no genders, says them as before."""
    assert english in evidence_line(check_id, name, key, "en")
    assert french in evidence_line(check_id, name, key, "fr")


def test_a_masculine_name_keeps_the_shared_word() -> None:
    """The same word under a masculine name stays masculine (a device's « état : inconnu »)."""
    with i18n.language("fr"):
        assert evidence.coded_words("unknown", "devices.camera", "state") == ("inconnu", "unknown")
        assert evidence.coded_words("unknown", "devices.printer", "colorantname") == ("inconnue", "unknown")
