"""Safe fixes done per OS (Linux for real; other platforms' commands are only chosen)."""

from __future__ import annotations

from selfcheck.api import Fix
from selfcheck.gui import fixes


def test_empty_trash_empties_the_users_trash_only(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    (tmp_path / "Trash" / "files" / "folder").mkdir(parents=True)
    (tmp_path / "Trash" / "files" / "folder" / "a.txt").write_text("a")
    (tmp_path / "Trash" / "info").mkdir()
    (tmp_path / "Trash" / "info" / "folder.trashinfo").write_text("x")
    keep = tmp_path / "keep.txt"
    keep.write_text("mine")
    outcome = fixes.perform(Fix("empty_trash", "Empty"), platform="linux")
    assert outcome.ok and outcome.message == "The Trash is empty."  # as Linux desktops name it ("the Recycle Bin" on Windows)
    assert list((tmp_path / "Trash" / "files").iterdir()) == []
    assert list((tmp_path / "Trash" / "info").iterdir()) == []
    assert keep.read_text() == "mine"


def test_unknown_action_and_unsafe_url_are_refused():
    assert not fixes.perform(Fix("format_disk", "Format")).ok
    assert not fixes.perform(Fix("open_url", "Open", arg="file:///etc/passwd")).ok


def test_network_settings_on_linux_tries_the_desktops_tools(monkeypatch):
    started = []
    monkeypatch.setattr(fixes.shutil, "which", lambda name: "/usr/bin/" + name if name == "nm-connection-editor" else None)
    monkeypatch.setattr(fixes.subprocess, "Popen", lambda args, **kw: started.append(args))
    assert fixes.perform(Fix("open_network_settings", "Open network settings"), platform="linux").ok
    assert started == [["nm-connection-editor"]]


def test_windows_settings_pages_open_through_the_desktop(monkeypatch):
    opened = []
    monkeypatch.setattr(fixes, "_open_url", lambda url: opened.append(url) or True)
    assert fixes.perform(Fix("open_network_settings", "x"), platform="windows").ok
    assert fixes.perform(Fix("open_storage_settings", "x"), platform="windows").ok
    assert opened == ["ms-settings:network-status", "ms-settings:storagesense"]


def test_a_wrong_clock_opens_the_date_and_time_settings(monkeypatch):
    opened, started = [], []
    monkeypatch.setattr(fixes, "_open_url", lambda url: opened.append(url) or True)
    monkeypatch.setattr(fixes.shutil, "which", lambda name: "/usr/bin/" + name if name == "gnome-control-center" else None)
    monkeypatch.setattr(fixes.subprocess, "Popen", lambda args, **kw: started.append(args))
    assert fixes.perform(Fix("open_datetime_settings", "Open the date and time settings"), platform="windows").ok
    assert fixes.perform(Fix("open_datetime_settings", "Open the date and time settings"), platform="linux").ok
    assert opened == ["ms-settings:dateandtime"]
    assert started == [["gnome-control-center", "datetime"]]


def test_every_fix_a_builtin_check_offers_is_known_to_the_window():
    import ast
    from pathlib import Path

    offered = set()
    for file in (Path(__file__).parents[2] / "checks").glob("*.py"):
        for node in ast.walk(ast.parse(file.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "Fix" and node.args and isinstance(node.args[0], ast.Constant):
                offered.add(node.args[0].value)
    assert offered and offered <= set(fixes.KNOWN_ACTIONS)


def test_open_folder_refuses_a_folder_that_is_not_there(tmp_path):
    """The full drive may have been unplugged since the check: a plain message, nothing opened."""
    from selfcheck.api import Fix

    outcome = fixes.perform(Fix("open_folder", "Open “Photos”", arg=str(tmp_path / "unplugged")))
    assert not outcome.ok and "could not open it" in outcome.message


def test_a_fix_that_opens_a_folder_opens_it_from_the_windows_thread(qtbot, make_window, tmp_path, monkeypatch):
    """QDesktopServices must be called on the GUI thread: only fixes that change the computer go to a worker."""
    import threading

    from PySide6.QtGui import QDesktopServices

    from selfcheck.api import Fix

    from . import fakechecks
    from .conftest import run_scan

    opened: list[tuple[str, bool]] = []
    monkeypatch.setattr(
        QDesktopServices, "openUrl", lambda url: opened.append((url.toLocalFile(), threading.current_thread() is threading.main_thread())) or True
    )
    fakechecks.STATE["fix"] = Fix("open_folder", "Open “Photos”", arg=str(tmp_path))
    window = make_window(fakechecks.FailCheck)
    run_scan(qtbot, window)
    window.apply_fix("fake.fail")
    assert opened == [(str(tmp_path), True)]
