"""Software inventory parsers on recorded real outputs of each platform."""

from __future__ import annotations

from pathlib import Path

import pytest

from selfcheck.history import inventory

FIX = Path(__file__).parent.parent / "fixtures" / "history"


def test_dpkg_status_lists_installed_packages_with_versions():
    items = inventory.parse_dpkg_status((FIX / "dpkg-status.txt").read_text())
    names = {i["name"]: i["version"] for i in items}
    assert {"bash", "coreutils", "libc6"} <= names.keys()
    assert all(v for v in names.values())


def test_dpkg_install_dates_come_from_the_package_file_lists(tmp_path):
    import os

    (tmp_path / "bash.list").write_text("/bin/bash\n")
    (tmp_path / "libc6:amd64.list").write_text("/lib/x86_64-linux-gnu/libc.so.6\n")  # multi-arch packages name the arch
    os.utime(tmp_path / "bash.list", (1_700_000_000, 1_700_000_000))
    os.utime(tmp_path / "libc6:amd64.list", (1_650_000_000, 1_650_000_000))
    items = [{"name": "bash", "arch": "amd64"}, {"name": "libc6", "arch": "amd64"}, {"name": "ghost", "arch": "amd64"}]
    inventory.dpkg_installed_dates(items, tmp_path)
    assert items[0]["installed"] == 1_700_000_000
    assert items[1]["installed"] == 1_650_000_000
    assert "installed" not in items[2]  # no file list: no date rather than a wrong one


def test_rpm_flatpak_snap():
    rpm = inventory.parse_rpm_qa((FIX / "rpm-qa.txt").read_text())
    assert {"name": "firefox", "version": "125.0.3-1.fc40", "source": "rpm", "installed": 1715617302} in rpm
    flat = inventory.parse_flatpak_list((FIX / "flatpak-list.txt").read_text())
    assert [f["name"] for f in flat] == ["org.mozilla.firefox", "org.gimp.GIMP"]
    snaps = inventory.parse_snap_list((FIX / "snap-list.txt").read_text())
    assert [s["name"] for s in snaps] == ["core22", "firefox", "snapd"] and snaps[1]["version"] == "125.0.3-1"


def test_windows_uninstall_entries_and_hotfixes():
    items = inventory.parse_windows_uninstall(
        [
            {"DisplayName": "Zoom Workplace", "DisplayVersion": "6.0.2", "InstallDate": "20241120"},
            {"DisplayName": "Hidden", "SystemComponent": 1},
            {"DisplayVersion": "no name"},
        ]
    )
    assert len(items) == 1 and items[0]["name"] == "Zoom Workplace" and items[0]["installed"] is not None
    fixes = inventory.parse_windows_hotfixes((FIX / "get-hotfix.csv").read_text())
    assert [f["name"] for f in fixes] == ["KB5034441", "KB5036893"] and all(f["installed"] for f in fixes)


def test_macos_pkgutil_and_app_plist():
    info = inventory.parse_pkgutil_info((FIX / "pkgutil-pkg-info.txt").read_text())
    assert info == {"name": "com.microsoft.teams2", "version": "24074.2321.2810.3500", "source": "pkgutil", "installed": 1712829600}
    import plistlib

    item = inventory.parse_app_info_plist(plistlib.dumps({"CFBundleShortVersionString": "17.4"}), "Safari", 1700000000.0)
    assert item["version"] == "17.4" and item["name"] == "Safari"


def test_this_machine_lists_its_software():
    """On Debian (CI and these machines), bash is listed with dpkg's own version and a date."""
    import shutil
    import subprocess

    if not Path("/var/lib/dpkg/status").exists() or not shutil.which("dpkg-query"):
        pytest.skip("not a dpkg system: this test reads the real package database")
    real = subprocess.run(["dpkg-query", "-W", "-f", "${Version}", "bash"], capture_output=True, text=True, check=True).stdout
    bash = next((i for i in inventory.collect() if i["name"] == "bash"), None)
    assert bash is not None and bash["version"] == real
    assert isinstance(bash.get("installed"), int) and bash["installed"] > 0
