"""The frozen one-folder app does what the source install does (slow: builds it once per session)."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest
from packaging_helpers import LOCAL_CATEGORIES, PROBE_LINE, Build, gui_probe, json_of, run, source

from selfcheck import __version__
from selfcheck.checks import MODULES
from selfcheck.commands import COMMANDS

pytestmark = [pytest.mark.slow, pytest.mark.timeout(900)]  # the first test waits for the build


def test_version_comes_from_the_package(plain_build: Build) -> None:
    proc = run([plain_build.exe, "--version"])
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == f"selfcheck {__version__}"


def test_build_info_and_privacy_notice_are_shipped(plain_build: Build) -> None:
    resources = plain_build.app / "_internal" / "selfcheck" / "resources"
    info = json.loads((resources / "build-info.json").read_text())
    assert info["version"] == __version__
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", info["date"])
    assert info["brand"] == "" and info["product_name"] == "selfcheck"
    assert "What is sent" in (resources / "privacy.md").read_text()


def test_lists_the_same_checks_as_the_source_install(plain_build: Build, tmp_path: Path) -> None:
    every_check = tmp_path / "every-check.toml"  # listing runs nothing: the network checks may be listed here
    every_check.write_text("[checks]\nenabled = []\ndisabled = []\n")
    frozen = json_of(run([plain_build.exe, "list", "--json", "--config", every_check]))
    from_source = json_of(source("list", "--json", "--config", str(every_check)))
    frozen_ids = sorted(c["id"] for c in frozen["checks"])
    assert frozen_ids == sorted(c["id"] for c in from_source["checks"])
    assert frozen["load_problems"] == [], "a built-in check module is missing from the frozen app"
    modules = {c["id"].split(".")[0] + "_" for c in frozen["checks"]}  # every area of selfcheck.checks.MODULES is there
    assert {name.rsplit(".", 1)[1].split("_")[0] + "_" for name in MODULES} <= modules


def test_scan_gives_the_same_results_as_the_source_install(plain_build: Build) -> None:
    frozen = json_of(run([plain_build.exe, "scan", "--json", *LOCAL_CATEGORIES], timeout=180))
    from_source = json_of(source("scan", "--json", *LOCAL_CATEGORIES, timeout=180))
    frozen_status = {r["id"]: r["status"] for r in frozen["results"]}
    source_status = {r["id"]: r["status"] for r in from_source["results"]}
    assert set(frozen_status) == set(source_status)
    assert frozen_status, "the scan ran no check"
    # a check that errors only when frozen lacks a module or a data file
    frozen_only_errors = {cid for cid, status in frozen_status.items() if status == "error" and source_status[cid] != "error"}
    assert not frozen_only_errors, [r for r in frozen["results"] if r["id"] in frozen_only_errors]


@pytest.mark.parametrize("command", COMMANDS)
def test_every_cli_command_is_inside_the_frozen_app(plain_build: Build, command: str) -> None:
    name = command.replace("_", "-")  # the module open_request is the command open-request
    proc = run([plain_build.exe, name, "--help"])
    assert proc.returncode == 0, proc.stderr
    assert name in proc.stdout


def test_french_translations_are_shipped(plain_build: Build) -> None:
    frozen = run([plain_build.exe, "list", "--lang", "fr"])
    assert frozen.returncode == 0, frozen.stderr
    assert frozen.stdout == source("list", "--lang", "fr").stdout
    assert "L’ordinateur lui-même" in frozen.stdout or "Système d’exploitation" in frozen.stdout  # the categories' French names (33c51d6 renamed them)


@pytest.mark.skipif("gui" not in COMMANDS, reason="the GUI has not landed yet")
def test_window_opens_offscreen(plain_build: Build) -> None:
    proc = gui_probe(plain_build.exe)
    assert proc.returncode == 0, proc.stderr[-3000:]
    match = PROBE_LINE.search(proc.stdout)
    assert match, f"the window never painted: {proc.stdout[-1000:]} {proc.stderr[-2000:]}"
    assert "selfcheck" in json.loads(match["title"]).lower()


@pytest.mark.skipif(not {"bundle", "show"} <= set(COMMANDS), reason="selfcheck bundle/show have not landed yet")
def test_bundle_then_show(plain_build: Build, tmp_path: Path) -> None:
    config = tmp_path / "local-only.toml"
    config.write_text('[checks]\nenabled = ["os.*", "hardware.*"]\n')
    target = tmp_path / "bundle.zip"
    made = run([plain_build.exe, "bundle", "--config", config, "-o", target], timeout=180)
    assert made.returncode in (0, 1, 2), made.stderr[-3000:]
    assert target.is_file(), made.stdout + made.stderr
    shown = run([plain_build.exe, "show", target])
    assert shown.returncode == 0, shown.stderr[-3000:]
    assert shown.stdout.strip()


def _elf_has_symbols(path: Path) -> bool:
    proc = subprocess.run(["readelf", "-S", "-W", str(path)], capture_output=True, text=True, timeout=30)
    return " .symtab " in proc.stdout


def test_only_the_needed_qt_parts_are_shipped_and_binaries_are_stripped(plain_build: Build) -> None:
    internal = plain_build.app / "_internal"
    names = {p.name for p in internal.rglob("*")}
    for unwanted in (
        "libQt6Qml.so.6",
        "libQt6Quick.so.6",
        "libQt6Pdf.so.6",
        "libQt6WebEngineCore.so.6",
        "libQt6VirtualKeyboard.so.6",
        "libqgtk3.so",
        "libqeglfs.so",
        "libqvnc.so",
    ):
        assert unwanted not in names, f"{unwanted} is shipped"
    platforms = internal / "PySide6" / "Qt" / "plugins" / "platforms"
    if platforms.is_dir():
        assert {p.name for p in platforms.iterdir()} <= {"libqoffscreen.so", "libqxcb.so", "libqwayland.so", "libqminimal.so"}
        assert "libqxcb.so" in {p.name for p in platforms.iterdir()}
    translations = internal / "PySide6" / "Qt" / "translations"
    if translations.is_dir():
        assert all(re.search(r"_(fr|en)\.qm$", p.name) for p in translations.iterdir())
    libs = [p for p in internal.rglob("*.so*") if p.is_file() and not p.is_symlink()][:60]
    assert libs
    unstripped = [p.name for p in libs if _elf_has_symbols(p)]
    assert not unstripped, f"not stripped: {unstripped}"


def test_a_company_check_that_closes_the_frozen_app_closes_it_once(plain_build: Build, tmp_path: Path) -> None:
    """The frozen build runs a suspect check alone through its own executable (``selfcheck _run-check``): the first scan
    dies with the check, the second finishes with it set aside, as from source (tests/test_crashwatch.py)."""
    folder = tmp_path / "company"
    folder.mkdir()
    (folder / "licence.py").write_text(
        "import os\n"
        "from selfcheck.api import Check, Outcome\n\n\n"
        "class Crasher(Check):\n"
        '    id = "app.licence"\n'
        '    category = "app"\n'
        '    title = "Licence server"\n\n'
        "    def collect(self, ctx):\n"
        "        os._exit(3)\n\n"
        "    def evaluate(self, facts, thresholds):\n"
        '        return Outcome.ok("fine")\n',
        encoding="utf-8",
    )
    config = tmp_path / "company.toml"
    config.write_text(f'[checks]\nfolders = ["{folder.as_posix()}"]\n', encoding="utf-8")
    scan = [plain_build.exe, "scan", "--json", "--config", config, "--check", "app.licence", "--check", "os.version"]
    first = run(scan, timeout=180)
    assert first.returncode == 3 and not first.stdout.strip(), first.stderr[-2000:]
    second = json_of(run(scan, timeout=180))
    got = {r["id"]: r for r in second["results"]}
    assert got["os.version"]["status"] in ("pass", "warn", "info"), got["os.version"]
    assert got["app.licence"]["status"] == "error"
    assert got["app.licence"]["summary"] == "This check made this program close, so it is left out until it is updated."
