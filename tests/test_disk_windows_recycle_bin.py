"""hardware.disk on Windows: a nearly full computer is offered "Empty the Recycle Bin" when the bin holds enough.

The disk check measured the trash on Linux and macOS only (trash_size returned None on Windows), so a Windows customer
never got the button the pictures show (docs/screenshots/problems.png, from recorded facts with the bin filled in).
Windows cannot run here: the shell's SHQueryRecycleBinW is faked at its boundary, as the repair's own test does
(tests/repairs/test_platform_commands.py), filling the caller's SHQUERYRBINFO as documented."""

from __future__ import annotations

import json
import sys

import pytest

from selfcheck import i18n
from selfcheck.platforms.windows import recycle_bin_bytes
from selfcheck.repairs.storage import EmptyRecycleBin
from selfcheck.runner import evaluate_facts
from test_checks_hwos import CLASSES, FIXTURES, defaults

BIN_BYTES = 1_300_000_000  # what send round 19's picture holds: "room for about 430 more photos"


class FakeShell32:
    """SHQueryRecycleBinW as documented: fills i64Size (every drive's bin with root None) and returns S_OK."""

    def __init__(self, held: int | None) -> None:
        self.held = held

    def SHQueryRecycleBinW(self, root, info):  # noqa: N802 - the Windows API's name
        if self.held is None:
            return -2147467259  # E_FAIL: Windows does not say
        info._obj.i64Size = self.held
        return 0


def collected_disk(held: int | None) -> dict:
    """The recorded Windows disk, nearly full (3 GB left of 476 GB), with the trash facts the check collects."""
    check = CLASSES["hardware.disk"]
    module = sys.modules[check.__module__]
    facts = json.loads((FIXTURES / "hardware.disk" / "windows_ok.json").read_text())["facts"]
    facts["volumes"][0]["free"] = 3_000_000_000
    facts["trash"] = module.trash_size("windows", shell32=FakeShell32(held))
    return facts


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_full_windows_computer_is_offered_to_empty_its_recycle_bin(lang):
    facts = collected_disk(BIN_BYTES)
    assert facts["trash"] == {"bytes": BIN_BYTES, "complete": True}
    i18n.set_language(lang)
    try:
        outcome = evaluate_facts(CLASSES["hardware.disk"], facts, defaults("hardware.disk"))
    finally:
        i18n.set_language("en")
    assert outcome.fix is not None and outcome.fix.action == "empty_trash"
    assert outcome.fix.label == (
        "Empty the Recycle Bin: this makes room for about 430 more photos"
        if lang == "en"
        else "Vider la corbeille\u00a0: cela fait de la place pour environ 430 photos de plus"
    )
    assert "storage.empty_trash" in outcome.repairs


@pytest.mark.parametrize("held", [0, None])
def test_an_empty_or_unknown_recycle_bin_gets_no_empty_button(held):
    facts = collected_disk(held)
    outcome = evaluate_facts(CLASSES["hardware.disk"], facts, defaults("hardware.disk"))
    assert outcome.fix is None or outcome.fix.action != "empty_trash"


def test_the_check_and_the_repair_count_the_bin_the_same_way():
    """One query for both: the button's photos and the repair's "makes room for about …" come from the same number."""
    shell = FakeShell32(BIN_BYTES)
    assert recycle_bin_bytes(shell) == BIN_BYTES == EmptyRecycleBin(shell).query()
    assert recycle_bin_bytes(FakeShell32(None)) is None
