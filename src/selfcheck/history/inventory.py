"""Installed software, with install or update dates, on each platform.

Feeds "what changed": software installed or updated since the last good scan.
Collectors are cheap (no package-manager network refresh, ever); parsers are
pure functions tested on recorded real outputs.

Each item: ``{"name", "version", "source", "installed": epoch seconds or None}``.
"""

from __future__ import annotations

import os
import plistlib
import re
import sys
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path
from typing import Any

from selfcheck.platforms.console import output as _run

Item = dict[str, Any]

DPKG_STATUS = Path("/var/lib/dpkg/status")
DPKG_INFO = Path("/var/lib/dpkg/info")


def parse_dpkg_status(text: str) -> list[Item]:
    """Installed packages from /var/lib/dpkg/status."""
    items: list[Item] = []
    for block in text.split("\n\n"):
        fields: dict[str, str] = {}
        for line in block.splitlines():
            if line and not line[0].isspace() and ":" in line:
                key, _sep, value = line.partition(":")
                fields[key] = value.strip()
        if fields.get("Status", "").endswith(" installed") and "Package" in fields:
            name = fields["Package"]
            arch = fields.get("Architecture", "")
            items.append({"name": name, "version": fields.get("Version", ""), "source": "dpkg", "installed": None, "arch": arch})
    return items


def dpkg_installed_dates(items: list[Item], info_dir: Path = DPKG_INFO) -> None:
    """Install/upgrade time of each package: the mtime of its .list file (dpkg rewrites it on every upgrade)."""
    for item in items:
        for candidate in (f"{item['name']}:{item.get('arch', '')}.list", f"{item['name']}.list"):
            try:
                item["installed"] = int((info_dir / candidate).stat().st_mtime)
                break
            except OSError:
                continue


def parse_rpm_qa(text: str) -> list[Item]:
    """``rpm -qa --queryformat '%{NAME}\\t%{VERSION}-%{RELEASE}\\t%{INSTALLTIME}\\n'``."""
    items = []
    for line in text.splitlines():
        parts = line.split("\t")
        if len(parts) == 3 and parts[2].isdigit():
            items.append({"name": parts[0], "version": parts[1], "source": "rpm", "installed": int(parts[2])})
    return items


def parse_flatpak_list(text: str) -> list[Item]:
    """``flatpak list --app --columns=application,version``."""
    items = []
    for line in text.splitlines():
        parts = line.split("\t")
        if parts and parts[0] and "." in parts[0]:
            items.append({"name": parts[0], "version": parts[1] if len(parts) > 1 else "", "source": "flatpak", "installed": None})
    return items


def parse_snap_list(text: str) -> list[Item]:
    """``snap list`` (header line, then Name Version Rev Tracking Publisher Notes)."""
    items = []
    for line in text.splitlines()[1:]:
        parts = line.split()
        if len(parts) >= 2:
            items.append({"name": parts[0], "version": parts[1], "source": "snap", "installed": None})
    return items


def parse_windows_uninstall(entries: Iterable[dict[str, Any]]) -> list[Item]:
    """Values read from the Uninstall registry keys (DisplayName, DisplayVersion, InstallDate=YYYYMMDD)."""
    items = []
    for entry in entries:
        name = entry.get("DisplayName")
        if not name or entry.get("SystemComponent") == 1:
            continue
        installed = None
        date = str(entry.get("InstallDate") or "")
        if re.fullmatch(r"\d{8}", date):
            try:
                installed = int(datetime.strptime(date, "%Y%m%d").timestamp())
            except ValueError:
                installed = None
        items.append({"name": str(name), "version": str(entry.get("DisplayVersion") or ""), "source": "windows", "installed": installed})
    return items


def parse_windows_hotfixes(text: str) -> list[Item]:
    """``Get-HotFix | Select HotFixID,InstalledOn | ConvertTo-Csv -NoTypeInformation`` (dates M/D/YYYY or D/M/YYYY)."""
    items = []
    for line in text.splitlines()[1:]:
        cells = [c.strip('"') for c in line.strip().split('","')]
        if len(cells) < 2 or not cells[0].startswith("KB"):
            continue
        installed = None
        date_part = cells[1].split(" ")[0]
        for fmt in ("%m/%d/%Y", "%d/%m/%Y", "%Y-%m-%d"):
            try:
                installed = int(datetime.strptime(date_part, fmt).timestamp())
                break
            except ValueError:
                continue
        items.append({"name": cells[0], "version": "", "source": "windows-update", "installed": installed})
    return items


def parse_pkgutil_info(text: str) -> Item | None:
    """``pkgutil --pkg-info ID`` (package-id, version, install-time)."""
    fields = dict(line.split(": ", 1) for line in text.splitlines() if ": " in line)
    if "package-id" not in fields:
        return None
    when = fields.get("install-time", "")
    return {"name": fields["package-id"], "version": fields.get("version", ""), "source": "pkgutil", "installed": int(when) if when.isdigit() else None}


def parse_app_info_plist(data: bytes, app_name: str, mtime: float | None) -> Item:
    try:
        info = plistlib.loads(data)
    except Exception:
        info = {}
    version = str(info.get("CFBundleShortVersionString") or info.get("CFBundleVersion") or "")
    return {"name": app_name, "version": version, "source": "app", "installed": int(mtime) if mtime else None}


def _linux() -> list[Item]:
    items: list[Item] = []
    if DPKG_STATUS.exists():
        try:
            items = parse_dpkg_status(DPKG_STATUS.read_text(encoding="utf-8", errors="replace"))
            dpkg_installed_dates(items)
        except OSError:
            items = []
    elif any(Path(p).exists() for p in ("/usr/bin/rpm", "/bin/rpm")):
        items = parse_rpm_qa(_run(["rpm", "-qa", "--queryformat", "%{NAME}\t%{VERSION}-%{RELEASE}\t%{INSTALLTIME}\n"]))
    if Path("/usr/bin/flatpak").exists():
        items += parse_flatpak_list(_run(["flatpak", "list", "--app", "--columns=application,version"]))
    if Path("/usr/bin/snap").exists():
        items += parse_snap_list(_run(["snap", "list"]))
    return items


def _windows() -> list[Item]:  # pragma: no cover - Windows only
    if sys.platform != "win32":
        return []
    import winreg

    entries: list[dict[str, Any]] = []
    roots = [
        (winreg.HKEY_LOCAL_MACHINE, r"SOFTWARE\Microsoft\Windows\CurrentVersion\Uninstall"),
        (winreg.HKEY_LOCAL_MACHINE, r"SOFTWARE\WOW6432Node\Microsoft\Windows\CurrentVersion\Uninstall"),
        (winreg.HKEY_CURRENT_USER, r"Software\Microsoft\Windows\CurrentVersion\Uninstall"),
    ]
    for root, path in roots:
        try:
            key = winreg.OpenKey(root, path)
        except OSError:
            continue
        for i in range(winreg.QueryInfoKey(key)[0]):
            try:
                sub = winreg.OpenKey(key, winreg.EnumKey(key, i))
            except OSError:
                continue
            entry: dict[str, Any] = {}
            for value in ("DisplayName", "DisplayVersion", "InstallDate", "SystemComponent"):
                try:
                    entry[value] = winreg.QueryValueEx(sub, value)[0]
                except OSError:
                    pass
            entries.append(entry)
    items = parse_windows_uninstall(entries)
    items += parse_windows_hotfixes(
        _run(["powershell", "-NoProfile", "-Command", "Get-HotFix | Select-Object HotFixID,InstalledOn | ConvertTo-Csv -NoTypeInformation"], 15)
    )
    return items


def _macos() -> list[Item]:  # pragma: no cover - macOS only
    items: list[Item] = []
    for folder in (Path("/Applications"), Path.home() / "Applications"):
        if not folder.is_dir():
            continue
        for app in folder.glob("*.app"):
            plist = app / "Contents" / "Info.plist"
            try:
                items.append(parse_app_info_plist(plist.read_bytes(), app.stem, plist.stat().st_mtime))
            except OSError:
                continue
    for pkg in _run(["pkgutil", "--pkgs"]).split()[:400]:
        if pkg.startswith("com.apple.pkg.") and not pkg.startswith(("com.apple.pkg.MRT", "com.apple.pkg.XProtect", "com.apple.pkg.macOS")):
            continue
        info = parse_pkgutil_info(_run(["pkgutil", "--pkg-info", pkg], 2))
        if info:
            items.append(info)
    return items


def collect() -> list[Item]:
    """Installed software on this machine (empty when it cannot be listed)."""
    if sys.platform.startswith("win"):
        return _windows()
    if sys.platform == "darwin":
        return _macos()
    if os.name == "posix":
        return _linux()
    return []
