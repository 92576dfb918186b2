"""packaging/build's own pieces: brand files, the generated config layer, icons (fast, no PyInstaller)."""

from __future__ import annotations

import struct
import tomllib
from pathlib import Path

import pytest
from packaging_helpers import ACME, ROOT, load_build_script

build = load_build_script()


def test_version_comes_from_the_package() -> None:
    from selfcheck import __version__

    assert build.project_version() == __version__


def test_acme_brand_folder_is_complete() -> None:
    brand = build.load_brand(ACME)
    assert (brand.name, brand.package, brand.app_id, brand.id) == ("ACME Support Check", "acme-support-check", "com.acme.SupportCheck", "acme")
    assert brand.icon is not None and build.png_size(brand.icon) == (512, 512)
    assert brand.checks is not None and list(brand.checks.glob("*.toml"))


def test_brand_config_layer_keeps_the_company_settings_and_adds_its_checks() -> None:
    layer = tomllib.loads(build.brand_config(build.load_brand(ACME)))
    assert layer["branding"]["product_name"] == "ACME Support Check"
    assert layer["branding"]["support_email"] == "it-support@acme.example"
    assert layer["support"] == {"kind": "intake", "url": "https://intake.acme.example"}
    assert layer["checks"]["folders"] == ["$SELFCHECK_APP_DIR/brand/checks"]


def test_the_example_brands_support_url_is_the_relay_not_its_upload_path() -> None:
    """An admin copying packaging/brands/acme got [support] url = "https://intake.acme.example/api/v1/bundles": selfcheck
    adds /v1/bundles to the relay's address (docs/intake.md), so every send asked …/api/v1/bundles/v1/bundles. Tried
    against selfcheck-intake on 127.0.0.1 with that path: "Sending to support is not set up correctly on this computer.
    (error 404)", the bundle held in the outbox "refused, retry by hand"."""
    from urllib.parse import urlsplit

    url = tomllib.loads(build.brand_config(build.load_brand(ACME)))["support"]["url"]
    assert urlsplit(url).path in ("", "/"), url


def test_brand_config_layer_is_valid_for_selfcheck() -> None:
    from selfcheck.config import validate

    problems: list = []
    validate(tomllib.loads(build.brand_config(build.load_brand(ACME))), "90-brand.toml", problems)
    assert problems == []


def test_toml_writer_round_trips() -> None:
    data = {"a": 1, "b": 'x "quoted" é', "c": [1, 2.5, True], "t": {"k": "v", "thresholds": {"os.uptime": {"warn_days": 3}}}, "e": {}}
    assert tomllib.loads(build.toml_dumps(data)) == data


def test_bad_brand_folders_are_refused_with_a_reason(tmp_path: Path) -> None:
    with pytest.raises(SystemExit, match="cannot read"):
        build.load_brand(tmp_path)
    (tmp_path / "brand.toml").write_text('[brand]\nname = "X"\npackage = "Not Valid"\n')
    with pytest.raises(SystemExit, match="Debian package name"):
        build.load_brand(tmp_path)
    (tmp_path / "brand.toml").write_text('[brand]\nname = "X"\npackage = "x-check"\nicon = "missing.png"\n')
    with pytest.raises(SystemExit, match="does not exist"):
        build.load_brand(tmp_path)


def test_windows_and_macos_icons_hold_the_png_images(tmp_path: Path) -> None:
    pngs = build.rasterise(ACME / "icon.png", tmp_path / "icons", (16, 32, 48, 128, 256, 512))
    assert build.png_size(pngs[48]) == (48, 48)
    ico = tmp_path / "app.ico"
    build.write_ico(pngs, ico)
    data = ico.read_bytes()
    reserved, kind, count = struct.unpack("<HHH", data[:6])
    assert (reserved, kind, count) == (0, 1, 5)  # 512 px is too big for .ico
    width, _h, _c, _r, _planes, _bpp, size, offset = struct.unpack("<BBBBHHII", data[6:22])
    assert width == 16 and data[offset : offset + 8] == b"\x89PNG\r\n\x1a\n" and size == pngs[16].stat().st_size
    icns = tmp_path / "app.icns"
    build.write_icns(pngs, icns)
    raw = icns.read_bytes()
    assert raw[:4] == b"icns" and struct.unpack(">I", raw[4:8])[0] == len(raw)
    assert {raw[i : i + 4] for i in (8,)} == {b"ic07"} and b"ic08" in raw and b"ic09" in raw


def test_default_icon_is_drawn_from_the_app_svg(tmp_path: Path) -> None:
    source = build.DEFAULT_ICON if build.DEFAULT_ICON.is_file() else build.FALLBACK_ICON
    pngs = build.rasterise(source, tmp_path, (64,))
    assert build.png_size(pngs[64]) == (64, 64)


def test_spec_freezes_every_built_in_check_and_command() -> None:
    """The frozen app imports checks and commands by name, so the spec must list them all: it reads
    the project's own lists (run here on the real files) and puts them in hiddenimports."""
    import ast
    import importlib

    spec_tree = ast.parse((ROOT / "packaging" / "selfcheck.spec").read_text())
    listed = next(n for n in spec_tree.body if isinstance(n, ast.FunctionDef) and n.name == "_listed")
    namespace: dict = {"ast": ast, "Path": Path}
    exec(compile(ast.Module(body=[listed], type_ignores=[]), "selfcheck.spec", "exec"), namespace)
    check_modules = namespace["_listed"](ROOT / "checks" / "__init__.py", "MODULES")
    commands = namespace["_listed"](ROOT / "src" / "selfcheck" / "commands" / "__init__.py", "COMMANDS")
    files = {f"selfcheck.checks.{p.stem}" for p in (ROOT / "checks").glob("*.py") if p.stem != "__init__"}
    assert set(check_modules) == files  # a check file left out of MODULES would be missing from the installers
    assert set(commands) == set(importlib.import_module("selfcheck.commands").COMMANDS)
    assert {f"{p.stem}" for p in (ROOT / "src" / "selfcheck" / "commands").glob("*.py") if p.stem != "__init__"} <= set(commands)
    hidden = next(n for n in spec_tree.body if isinstance(n, ast.Assign) and any(getattr(t, "id", "") == "hiddenimports" for t in n.targets))
    spliced = {e.value.id for e in hidden.value.elts if isinstance(e, ast.Starred) and isinstance(e.value, ast.Name)}
    assert {"check_modules", "commands"} <= spliced


def test_spec_and_packaging_files_are_in_place() -> None:
    spec = (ROOT / "packaging" / "selfcheck.spec").read_text()
    assert "onefile" not in spec.lower().replace("one-file", "")
    for path in ("packaging/windows/selfcheck.iss", "packaging/macos/build-dmg", ".github/workflows/build.yml", "docs/packaging.md", "docs/privacy.md"):
        assert (ROOT / path).is_file(), path


def test_appimage_request_explains_why_it_is_skipped(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(build.shutil, "which", lambda name: None)
    reason = build.appimage_unavailable()
    assert reason.startswith("AppImage: skipped") and "Debian or PyPI" in reason
