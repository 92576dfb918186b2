import json
from pathlib import Path

from selfcheck import __version__, buildinfo


def test_source_install_gets_defaults() -> None:
    info = buildinfo.get()
    assert info.version == __version__
    assert info.build_date is None and info.brand == "" and info.frozen is False
    assert info.product_name == "selfcheck"


def test_packaged_build_facts_are_read(tmp_path: Path) -> None:
    path = tmp_path / "build-info.json"
    path.write_text(
        json.dumps({"version": "9.9", "date": "2026-11-25T12:00:00Z", "brand": "acme", "product_name": "ACME Support Check", "app_id": "com.acme.X"})
    )
    info = buildinfo.from_file(path)
    assert (info.version, info.build_date, info.brand, info.product_name, info.app_id) == (
        "9.9",
        "2026-11-25T12:00:00Z",
        "acme",
        "ACME Support Check",
        "com.acme.X",
    )


def test_broken_build_info_falls_back_to_defaults(tmp_path: Path) -> None:
    path = tmp_path / "build-info.json"
    path.write_text("{not json")
    assert buildinfo.from_file(path).version == __version__
    path.write_text("[1, 2]")
    assert buildinfo.from_file(path).build_date is None


def test_privacy_notice_link() -> None:
    assert buildinfo.privacy_notice_url("https://example.com/privacy") == "https://example.com/privacy"
    url = buildinfo.privacy_notice_url(None)
    assert url.startswith("file://") and url.endswith("privacy.md")
    notice = buildinfo.privacy_notice_file()
    assert notice is not None and "Where it goes" in notice.read_text(encoding="utf-8")
