"""The id Windows shows the app's notifications under, as the installer and the build give it (files read; no Windows).

Microsoft, ToastNotificationManager.CreateToastNotifier: "For a desktop app to display a toast, the app must have a
shortcut on the Start screen. The shortcut must have an AppUserModelID." Inno Setup help, [Icons] section:
AppUserModelID "Specifies the Windows 7 (or later) Application User Model ID for the shortcut".
"""

from __future__ import annotations

from pathlib import Path

import pytest
from packaging_helpers import ACME, ROOT, load_build_script
from test_url_scheme import expand, inno_params, iss_section

from selfcheck import buildinfo

build = load_build_script()


def test_the_start_menu_shortcut_carries_the_id_the_app_notifies_under():
    shortcuts = [inno_params(line) for line in iss_section("Icons")]
    start_menu = [s for s in shortcuts if s["Name"].startswith("{autoprograms}")]
    assert start_menu and all(expand(s.get("AppUserModelID", "")) == buildinfo.app_user_model_id() == "org.selfcheck.SelfCheck" for s in start_menu)
    assert all(s.get("AppUserModelID") == "{#AppId}" for s in shortcuts)  # the desktop one too: one id per build
    # a branded build's id reaches the installer as AppId (build.ps1 passes the build's app_id)
    assert '"/DAppId=$($info.app_id)"' in (ROOT / "packaging" / "windows" / "build.ps1").read_text(encoding="utf-8")


def test_a_brand_id_windows_would_not_take_is_refused_and_the_build_ships_its_icon(tmp_path: Path):
    for bad in ("ACME Support Check", "acme", "com.acme.Support{app}", "com.acme." + "x" * 128, "com.acmé.Check"):
        (tmp_path / "brand.toml").write_text(f'[brand]\nname = "X"\npackage = "x-check"\napp_id = "{bad}"\n', encoding="utf-8")
        with pytest.raises(SystemExit, match="app_id must be a reverse-DNS id"):
            build.load_brand(tmp_path)
    brand = build.load_brand(ACME)
    assert buildinfo.app_user_model_id(buildinfo.BuildInfo("1", None, "acme", brand.name, brand.app_id, "", True)) == "com.acme.SupportCheck"
    icons = build.rasterise(brand.icon, tmp_path / "icons", (48, 256))
    build.stage_files(brand, "1.0", "2026-12-06T00:00:00Z", tmp_path / "stage", icons)
    shipped = tmp_path / "stage" / "selfcheck" / "resources" / "icons" / "app.png"
    assert shipped.read_bytes() == icons[256].read_bytes()  # the picture beside build-info.json that the app registers
