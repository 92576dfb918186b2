"""The .deb installs, shows up in the menu, runs headless, and uninstalls without a trace (root, slow)."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from packaging_helpers import LOCAL_CATEGORIES, PROBE_LINE, Build, gui_probe, run

from selfcheck.commands import COMMANDS

pytestmark = [
    pytest.mark.slow,
    pytest.mark.timeout(900),
    pytest.mark.skipif(os.geteuid() != 0 or shutil.which("dpkg") is None, reason="installing a .deb needs root and dpkg"),
]


def dpkg(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["dpkg", *map(str, args)], capture_output=True, text=True, timeout=300, env=dict(os.environ, DEBIAN_FRONTEND="noninteractive"))


def installed(package: str) -> bool:
    proc = subprocess.run(["dpkg-query", "-W", "-f=${Status}", package], capture_output=True, text=True)
    return "install ok installed" in proc.stdout


def control_field(deb: Path, field: str) -> str:
    return subprocess.run(["dpkg-deb", "-f", str(deb), field], capture_output=True, text=True, check=True).stdout.strip()


def test_control_file_declares_the_qt_runtime_libraries(plain_build: Build) -> None:
    assert plain_build.deb is not None
    depends = {d.strip() for d in control_field(plain_build.deb, "Depends").split(",")}
    assert {"libc6", "libdbus-1-3", "libegl1", "libfontconfig1", "libxkbcommon0"} <= depends
    assert control_field(plain_build.deb, "Package") == "selfcheck"
    # computed from the libraries of this system: every one is an installed package here
    known = subprocess.run(["dpkg-query", "-W", "-f=${Package}\n", *sorted(depends)], capture_output=True, text=True)
    assert known.returncode == 0, known.stderr


def test_install_run_and_remove_leaves_nothing(plain_build: Build, tmp_path: Path) -> None:
    deb, package, command = plain_build.deb, plain_build.package, plain_build.command
    assert deb is not None
    if installed(package):
        dpkg("--purge", package)
    try:
        proc = dpkg("-i", deb)
        assert proc.returncode == 0, proc.stdout + proc.stderr
        files = [Path(line) for line in dpkg("-L", package).stdout.splitlines() if line.strip()]
        assert Path(f"/opt/{package}/selfcheck") in files

        # in the applications menu, with its icon
        desktop = Path(f"/usr/share/applications/{plain_build.app_id}.desktop")
        assert desktop.is_file()
        entry = desktop.read_text()
        assert f"Name={plain_build.name}\n" in entry and f"Exec={command} %u\n" in entry
        assert "MimeType=x-scheme-handler/selfcheck;\n" in entry  # support's request links open the app
        if shutil.which("xdg-mime") and Path("/usr/share/applications/mimeinfo.cache").is_file():
            handler = subprocess.run(["xdg-mime", "query", "default", "x-scheme-handler/selfcheck"], capture_output=True, text=True)
            assert handler.stdout.strip() == desktop.name, handler.stdout + handler.stderr
        if shutil.which("desktop-file-validate"):
            check = subprocess.run(["desktop-file-validate", str(desktop)], capture_output=True, text=True)
            assert check.returncode == 0 and not check.stdout.strip(), check.stdout
        assert Path(f"/usr/share/icons/hicolor/256x256/apps/{plain_build.app_id}.png").is_file()

        # administrator rights for one repair: its polkit action (valid for polkit's DTD) names its own script,
        # which starts the installed app's helper for that repair alone
        policy = Path("/usr/share/polkit-1/actions/org.selfcheck.repair.policy")
        assert policy.is_file() and "/usr/libexec/selfcheck/repair/network.flush_dns</annotate>" in policy.read_text()
        dtd = Path("/usr/share/polkit-1/policyconfig-1.dtd")
        if shutil.which("xmllint") and dtd.is_file():
            valid = subprocess.run(["xmllint", "--noout", "--dtdvalid", str(dtd), str(policy)], capture_output=True, text=True)
            assert valid.returncode == 0, valid.stderr
        helper = run(["/usr/libexec/selfcheck/repair/network.flush_dns"], timeout=60, cwd=tmp_path)
        answer = json.loads(helper.stdout.strip().splitlines()[-1])
        assert set(answer) >= {"ok", "unchanged", "steps"}, helper.stdout + helper.stderr

        # the installed command, headless
        launcher = shutil.which(command)
        assert launcher == f"/usr/bin/{command}"
        version = run([launcher, "--version"])
        assert version.returncode == 0 and version.stdout.startswith("selfcheck "), version.stderr
        scan = run([launcher, "scan", "--json", *LOCAL_CATEGORIES], timeout=180, cwd=tmp_path)
        data = json.loads(scan.stdout)
        assert data["results"] and data["exit_code"] == scan.returncode
        if "gui" in COMMANDS:
            window = gui_probe(launcher)
            assert window.returncode == 0 and PROBE_LINE.search(window.stdout), window.stdout + window.stderr[-2000:]
    finally:
        removed = dpkg("-r", package)
        purged = dpkg("-P", package)
    assert removed.returncode == 0, removed.stdout + removed.stderr
    assert purged.returncode == 0, purged.stdout + purged.stderr
    assert not installed(package)
    left = [str(f) for f in files if f.exists() and not f.is_dir()]
    assert not left, f"files left after dpkg -P: {left}"
    assert not Path(f"/opt/{package}").exists(), sorted(str(p) for p in Path(f"/opt/{package}").rglob("*"))[:20]
    assert not Path(f"/usr/bin/{command}").exists()
    assert not list(Path("/var/lib/dpkg/info").glob(f"{package}.*"))
    assert not re.search(rf"^{re.escape(package)}\s", dpkg("-l").stdout, re.M)
