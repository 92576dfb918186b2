"""Repairs in the window: the card offers the repair the company allows, the consent dialog says what
changes, whether an administrator password is needed, how long and the undo; the repair runs, the check
runs again and the verdict on screen is updated."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtWidgets import QPushButton

from selfcheck.api import Check, Context, Facts, Outcome, Thresholds
from selfcheck.gui.repair_dialog import RepairDialog

from .conftest import run_scan
from .fakechecks import config


def trash_files() -> Path:
    return Path(os.environ["XDG_DATA_HOME"]) / "Trash" / "files"


class TrashDiskCheck(Check):
    """Stands in for hardware.disk in the window (the real one is tested on a loop volume): full while the trash holds files."""

    id = "hardware.disk"
    category = "hardware"
    title = "Storage"

    def collect(self, ctx: Context) -> Facts:
        return {"in_trash": len(list(trash_files().iterdir())) if trash_files().is_dir() else 0}

    def evaluate(self, facts: Facts, thresholds: Thresholds) -> Outcome:
        if facts["in_trash"]:
            return Outcome.fail("The disk holding your files is full.", advice=["Empty the trash."], repairs=["storage.empty_trash", "storage.clear_temp"])
        return Outcome.ok("There is enough free space on your disks.")


@pytest.fixture
def full_trash(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "share"))
    monkeypatch.setenv("TMPDIR", str(tmp_path / "tmp"))
    (tmp_path / "tmp").mkdir()
    trash_files().mkdir(parents=True)
    (trash_files() / "old-video.mp4").write_bytes(b"\0" * 2_100_000)
    (trash_files().parent / "info").mkdir()
    return trash_files()


def repair_buttons_of(window) -> list[QPushButton]:
    card = window.results_page.cards["hardware.disk"]
    card.expander.setChecked(True)
    return card.repair_buttons


def test_the_card_offers_the_repair_and_the_dialog_asks_then_repairs_and_checks_again(qtbot, make_window, full_trash):
    window = make_window(TrashDiskCheck)
    run_scan(qtbot, window)
    assert window.scan.result("hardware.disk").status.value == "fail"
    buttons = repair_buttons_of(window)
    assert [b.text() for b in buttons] == ["Empty the trash", "Delete old temporary files"]

    buttons[0].click()
    dialog = window.findChild(RepairDialog)
    assert dialog is not None and dialog.isVisible()
    texts = [w.text() for w in (*dialog.preview_labels, dialog.admin_label, dialog.time_label, dialog.undo_label)]
    assert texts == [
        "The trash holds 2.1 MB; emptying it frees that space.",
        "No administrator password is needed.",
        "It takes up to 2 minutes.",
        "This cannot be undone.",
    ]
    assert (full_trash / "old-video.mp4").exists(), "nothing happens before the person agrees"

    with qtbot.waitSignal(dialog.repaired, timeout=20000) as got:
        dialog.go_button.click()
    report = got.args[0]
    assert report.outcome == "fixed" and report.before == {"hardware.disk": "fail"} and report.after == {"hardware.disk": "pass"}
    assert list(full_trash.iterdir()) == []
    qtbot.waitUntil(lambda: window.scan.result("hardware.disk").status.value == "pass", timeout=5000)
    assert dialog.status_label.text() == "The trash is empty: 2.1 MB freed. Checked again: the problem is solved."
    assert dialog.close_button.isVisible() and not dialog.cancel_button.isVisible()


def test_a_repair_the_company_does_not_allow_is_not_offered(qtbot, make_window, full_trash):
    window = make_window(TrashDiskCheck, config=config(repairs={"allowed": ["storage.*"], "denied": ["storage.empty_trash"]}))
    run_scan(qtbot, window)
    assert [b.text() for b in repair_buttons_of(window)] == ["Delete old temporary files"]


def test_the_dialog_in_french_and_cancel_changes_nothing(qtbot, make_window, full_trash):
    window = make_window(TrashDiskCheck)
    run_scan(qtbot, window)
    window.set_language("fr")
    window.offer_repair("hardware.disk", "storage.empty_trash")
    dialog = window.findChild(RepairDialog)
    assert dialog.windowTitle() == "Vider la corbeille"
    assert dialog.admin_label.text() == "Aucun mot de passe d’administrateur n’est nécessaire."
    assert dialog.undo_label.text() == "Cela ne peut pas être annulé."
    dialog.cancel_button.click()
    assert (full_trash / "old-video.mp4").exists()
