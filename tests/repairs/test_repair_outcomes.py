"""What the customer reads when a repair went through but its check again could not say (skipped, crashed, or the
checking itself failed), and when the trash changed under the repair (another window, the file manager): the truth."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from selfcheck.api import Check, Outcome, SkipCheck  # noqa: E402
from selfcheck.app import App  # noqa: E402
from selfcheck.repairs import history, run  # noqa: E402
from selfcheck.repairs.model import Env  # noqa: E402
from selfcheck.repairs.storage import EmptyTrash  # noqa: E402

HOW = {"after": "fail"}


def trash_files() -> Path:
    return Path(os.environ["XDG_DATA_HOME"]) / "Trash" / "files"


class DiskCheck(Check):
    """Full while the trash holds files; once it is empty, it answers as the test says (skipped, crashed)."""

    id = "hardware.disk"
    category = "hardware"
    title = "Storage"
    timeout = 2.0

    def collect(self, ctx):
        held = len(list(trash_files().iterdir()))
        if not held and HOW["after"] == "skip":
            raise SkipCheck("The disks could not be read.")
        if not held and HOW["after"] == "crash":
            raise RuntimeError("the disk check broke")
        return {"held": held}

    def evaluate(self, facts, thresholds):
        return Outcome.fail("Full.", repairs=["storage.empty_trash"]) if facts["held"] else Outcome.ok("Room enough.")


@pytest.fixture
def app(tmp_path, monkeypatch):
    from gui import fakechecks

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "share"))
    trash_files().mkdir(parents=True)
    (trash_files().parent / "info").mkdir()
    (trash_files() / "old-video.mp4").write_bytes(b"\0" * 100_000)
    return App(fakechecks.config(), fakechecks.registry(DiskCheck), None)


@pytest.mark.parametrize("after", ["skip", "crash"])
def test_a_check_again_that_sees_nothing_never_says_solved_nor_still_there(app, after):
    HOW["after"] = after
    report = run.perform(app, "storage.empty_trash")
    assert list(trash_files().iterdir()) == []  # the trash was emptied
    assert report.before == {"hardware.disk": "fail"} and report.after == {"hardware.disk": "skip" if after == "skip" else "error"}
    assert (
        report.message == "The Trash is empty: that made room for less than one more photo. This program could not check again whether the problem is solved."
    )
    assert report.outcome == "done" and history.recent()[-1]["outcome"] == "done"  # support reads "done", not "it worked"


def test_when_checking_again_breaks_the_customer_still_reads_that_the_trash_was_emptied(app, monkeypatch):
    HOW["after"] = "fail"
    calls = []
    real = run.run_checks

    def breaks_the_second_time(*args, **kwargs):
        calls.append(1)
        if len(calls) > 1:
            raise OSError("the history could not be written")
        return real(*args, **kwargs)

    monkeypatch.setattr(run, "run_checks", breaks_the_second_time)
    report = run.perform(app, "storage.empty_trash", record=False)
    assert list(trash_files().iterdir()) == []
    assert report.outcome == "done" and "did not work" not in report.message
    assert report.message.startswith("The Trash is empty: that made room") and report.message.endswith("could not check again whether the problem is solved.")


def test_a_file_already_gone_from_the_trash_does_not_stop_the_others_being_deleted(tmp_path):
    """The file manager (or a second selfcheck window) emptied part of the trash between the look and the emptying."""
    env = Env(platform="linux", environ={"XDG_DATA_HOME": str(tmp_path / "share"), "HOME": str(tmp_path), "PATH": ""})
    files = tmp_path / "share" / "Trash" / "files"
    files.mkdir(parents=True)
    (files.parent / "info").mkdir()
    for name in ("a.jpg", "b.jpg", "c.jpg"):
        (files / name).write_bytes(b"\0" * 50_000)
    action = EmptyTrash()
    items = action.items(env)
    (files / "b.jpg").unlink()  # gone meanwhile
    action.items = lambda env: items  # type: ignore[method-assign]  # as it was listed
    result = action.run(env)
    assert result.ok and list(files.iterdir()) == []
    assert result.message.startswith("The Trash is empty: that made room")
    assert result.freed_bytes == sum(i.bytes for i in items if i.path.name != "b.jpg")  # the room this repair made, not the one gone before
    assert not [p for p in files.parent.iterdir() if p.name.startswith(".selfcheck")]
