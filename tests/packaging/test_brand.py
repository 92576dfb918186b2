"""`packaging/build --brand packaging/brands/acme` makes "ACME Support Check" without touching code (slow)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tomllib
from pathlib import Path

import pytest
from packaging_helpers import PROBE_LINE, Build, gui_probe, json_of, run, source

from selfcheck.commands import COMMANDS

pytestmark = [pytest.mark.slow, pytest.mark.timeout(900)]  # the first test waits for the build


def test_company_check_is_listed_next_to_the_built_in_ones(acme_build: Build) -> None:
    frozen = json_of(run([acme_build.exe, "list", "--json"]))
    ids = {c["id"] for c in frozen["checks"]}
    assert "acme.vpn-client" in ids
    assert ids == {c["id"] for c in json_of(source("list", "--json"))["checks"]} | {"acme.vpn-client"}
    assert frozen["load_problems"] == [] and frozen["config_problems"] == []
    shown = run([acme_build.exe, "list", "--lang", "fr"])
    assert "Le client VPN ACME fonctionne" in shown.stdout


def test_company_check_runs(acme_build: Build) -> None:
    scan = json_of(run([acme_build.exe, "scan", "--json", "--check", "acme.vpn-client"]))
    (result,) = scan["results"]
    assert result["status"] in ("pass", "warn")
    assert "ACME VPN client" in result["summary"]


def test_brand_config_is_the_built_in_defaults_layer(acme_build: Build) -> None:
    resources = acme_build.app / "_internal" / "selfcheck" / "resources"
    layer = tomllib.loads((resources / "config" / "90-brand.toml").read_text())
    assert layer["branding"]["product_name"] == "ACME Support Check"
    assert layer["branding"]["accent_color"] == "#d9480f"
    assert layer["support"]["url"] == "https://intake.acme.example"
    info = json.loads((resources / "build-info.json").read_text())
    assert (info["brand"], info["product_name"], info["app_id"]) == ("acme", "ACME Support Check", "com.acme.SupportCheck")


def test_deb_carries_the_brand(acme_build: Build, tmp_path: Path) -> None:
    assert acme_build.deb is not None and acme_build.deb.name.startswith("acme-support-check_")
    subprocess.run(["dpkg-deb", "-x", str(acme_build.deb), str(tmp_path)], check=True)
    desktop_file = tmp_path / "usr/share/applications/com.acme.SupportCheck.desktop"
    if shutil.which("desktop-file-validate"):
        check = subprocess.run(["desktop-file-validate", str(desktop_file)], capture_output=True, text=True)
        assert check.returncode == 0 and not check.stdout.strip(), check.stdout
    desktop = desktop_file.read_text()
    assert "Name=ACME Support Check\n" in desktop and "Exec=acme-support-check %u\n" in desktop and "Icon=com.acme.SupportCheck\n" in desktop
    assert (tmp_path / "usr/share/icons/hicolor/256x256/apps/com.acme.SupportCheck.png").is_file()
    launcher = (tmp_path / "usr/bin/acme-support-check").read_text()
    assert "/opt/acme-support-check/selfcheck" in launcher
    # the command its messages tell to type is the launcher's, not the frozen program's own name, selfcheck
    unpacked = launcher.replace("/opt/", f"{tmp_path}/opt/")
    env = {**os.environ, "SELFCHECK_HOME": str(tmp_path / "home")}
    told = subprocess.run(["sh", "-c", unpacked, "acme-support-check", "outbox", "remove"], capture_output=True, text=True, timeout=60, env=env)
    assert "acme-support-check outbox remove ID" in told.stderr and "selfcheck" not in told.stderr, told.stderr
    # the unpacked app runs from wherever it is (relocatable), with the brand's checks
    listed = json_of(run([tmp_path / "opt/acme-support-check/selfcheck", "list", "--json"]))
    assert "acme.vpn-client" in {c["id"] for c in listed["checks"]}


@pytest.mark.skipif("gui" not in COMMANDS, reason="the GUI has not landed yet")
def test_window_carries_the_brand_name(acme_build: Build) -> None:
    proc = gui_probe(acme_build.exe)
    match = PROBE_LINE.search(proc.stdout)
    assert match, proc.stdout + proc.stderr[-2000:]
    assert "ACME Support Check" in json.loads(match["title"])
