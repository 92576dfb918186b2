"""Reading bundles safely: each hostile or damaged file gives its own plain message, never a traceback."""

from __future__ import annotations

import io
import json
import zipfile

import pytest
from bundle_helpers import IDENTITY

from selfcheck import bundle, cli
from selfcheck.bundle import read as read_mod


@pytest.fixture
def good_bundle(app_and_scan, tmp_path):
    app, scan = app_and_scan
    return bundle.make_bundle(app, scan, identity=IDENTITY, out_path=tmp_path / "good.zip").path


def rewrite(source, target, change=None, add=None, drop=()):
    """A copy of a bundle with members changed, added or dropped."""
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zout:
        for name in zin.namelist():
            if name in drop:
                continue
            data = zin.read(name)
            if change and name in change:
                data = change[name](data)
            zout.writestr(name, data)
        for name, data in (add or {}).items():
            zout.writestr(name, data)
    return target


def zip_of(path, members):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return path


def manifest_with(version):
    return json.dumps({"schema_version": version, "files": []})


def expect_error(path, fragment, capsys):
    with pytest.raises(bundle.BundleError) as err:
        bundle.read_bundle(path)
    message = str(err.value)
    assert fragment in message
    assert "Traceback" not in message
    assert bundle.verify_bundle(path) and fragment in bundle.verify_bundle(path)[0]
    # and the CLI says the same, plainly, with exit code 3
    assert cli.main(["show", str(path)]) == 3
    captured = capsys.readouterr()
    assert fragment in captured.err and "Traceback" not in captured.err + captured.out
    return message


def test_path_traversal_name_is_refused(tmp_path, capsys):
    path = zip_of(tmp_path / "t.zip", {"manifest.json": manifest_with(1), "../../etc/evil": b"x"})
    expect_error(path, "unsafe name", capsys)


def test_absolute_and_windows_names_are_refused(tmp_path, capsys):
    expect_error(zip_of(tmp_path / "a.zip", {"manifest.json": manifest_with(1), "/etc/passwd": b"x"}), "unsafe name", capsys)
    expect_error(zip_of(tmp_path / "w.zip", {"manifest.json": manifest_with(1), "C:/Windows/evil.dll": b"x"}), "unsafe name", capsys)
    expect_error(zip_of(tmp_path / "b.zip", {"manifest.json": manifest_with(1), "logs\\..\\evil": b"x"}), "unsafe name", capsys)


def test_zip_bomb_by_ratio_is_refused(tmp_path, capsys):
    path = zip_of(tmp_path / "bomb.zip", {"manifest.json": manifest_with(1), "results.json": b"\0" * (8 * 1024 * 1024)})
    expect_error(path, "zip bomb", capsys)


def test_zip_bomb_by_size_is_refused(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(read_mod, "MAX_TOTAL", 1024 * 1024)
    path = zip_of(tmp_path / "big.zip", {"manifest.json": manifest_with(1), "a.bin": bytes(range(256)) * 5000})
    expect_error(path, "zip bomb", capsys)


def test_too_many_entries_is_refused(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(read_mod, "MAX_ENTRIES", 50)
    path = zip_of(tmp_path / "many.zip", {f"f{i}.txt": b"" for i in range(60)})
    expect_error(path, "too many files", capsys)


def test_not_a_zip_and_missing_file(tmp_path, capsys):
    junk = tmp_path / "junk.zip"
    junk.write_bytes(b"this is not a zip at all" * 10)
    expect_error(junk, "not a diagnostic bundle", capsys)
    expect_error(tmp_path / "nowhere.zip", "does not exist", capsys)


def test_missing_manifest(good_bundle, tmp_path, capsys):
    expect_error(rewrite(good_bundle, tmp_path / "m.zip", drop={"manifest.json"}), "has no manifest.json", capsys)


def test_malformed_manifest_json(good_bundle, tmp_path, capsys):
    expect_error(rewrite(good_bundle, tmp_path / "m.zip", change={"manifest.json": lambda d: d[:40]}), "not valid JSON", capsys)


def test_newer_schema_version(good_bundle, tmp_path, capsys):
    def bump(data):
        manifest = json.loads(data)
        manifest["schema_version"] = 7
        return json.dumps(manifest).encode()

    expect_error(rewrite(good_bundle, tmp_path / "v.zip", change={"manifest.json": bump}), "newer selfcheck", capsys)


def test_unknown_schema_version(tmp_path, capsys):
    expect_error(zip_of(tmp_path / "v.zip", {"manifest.json": manifest_with("one")}), "is not one this selfcheck can read", capsys)


def test_damaged_results(good_bundle, tmp_path, capsys):
    def breaks(data):
        return b'{"results": [{"id": "x", "status": "exploded"}]}'

    path = rewrite(good_bundle, tmp_path / "r.zip", change={"results.json": breaks})
    # the checksum no longer matches: strict reading refuses it
    with pytest.raises(bundle.BundleError, match="checksum does not match"):
        bundle.read_bundle(path)
    # non-strict reading goes on and finds the results unusable
    with pytest.raises(bundle.BundleError, match="results in this bundle are damaged"):
        bundle.read_bundle(path, strict=False)


def test_hash_mismatch_is_reported_and_show_warns(good_bundle, tmp_path, capsys):
    def tamper(data):
        return data.replace(b"Move closer", b"Move further")

    path = rewrite(good_bundle, tmp_path / "h.zip", change={"results.json": tamper}, add={"extra.exe": b"MZ"})
    problems = bundle.verify_bundle(path)
    assert any("results.json was changed or damaged" in p for p in problems)
    assert any("extra.exe is in the bundle but not in its manifest" in p for p in problems)
    with pytest.raises(bundle.BundleError, match="results.json was changed"):
        bundle.read_bundle(path)
    assert cli.main(["show", str(path)]) == 1
    out = capsys.readouterr().out
    assert "not intact" in out and "results.json was changed" in out and "Move further" in out


def test_missing_member_listed_in_manifest(good_bundle, tmp_path):
    path = rewrite(good_bundle, tmp_path / "d.zip", drop={"system.json"})
    assert any("system.json is listed in the manifest but missing" in p for p in bundle.verify_bundle(path))


def test_good_bundle_verifies_and_french_messages(good_bundle, tmp_path, capsys):
    from selfcheck import i18n

    assert bundle.verify_bundle(good_bundle) == []
    junk = tmp_path / "junk.zip"
    junk.write_bytes(b"nope")
    i18n.set_language("fr")
    try:
        with pytest.raises(bundle.BundleError) as err:
            bundle.read_bundle(junk)
    finally:
        i18n.set_language("en")
    assert "n’est pas un dossier de diagnostic" in str(err.value)


def test_reader_does_not_trust_declared_sizes(tmp_path):
    """A member whose header lies about its size is caught while reading."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as zf:
        zf.writestr("manifest.json", manifest_with(1))
        zf.writestr("results.json", b"A" * 1000)
    data = bytearray(buffer.getvalue())
    # corrupt the stored data: the CRC check fails while reading
    index = data.find(b"A" * 1000)
    data[index : index + 10] = b"B" * 10
    path = tmp_path / "crc.zip"
    path.write_bytes(bytes(data))
    with pytest.raises(bundle.BundleError, match="damaged"):
        bundle.read_bundle(path)


def forge(path, members):
    """A bundle with a correct manifest around arbitrary (hostile) members."""
    import hashlib

    files = [{"path": n, "size": len(d), "sha256": hashlib.sha256(d).hexdigest()} for n, d in members.items()]
    manifest = {"schema_version": 1, "reference": "AAAA-AAAA", "files": files, "redaction": [], "skipped": []}
    return zip_of(path, {"manifest.json": json.dumps(manifest), **members})


def test_terminal_escape_sequences_in_a_bundle_are_defused(tmp_path, capsys):
    evil = "\x1b]0;pwned\x07\x1b[2J"
    results = {
        "schema_version": 1,
        "platform": "linux" + evil,
        "diagnosis": {"status": "fail", "headline": "Headline" + evil, "action": "Act" + evil},
        "results": [{"id": "x.y", "title": "T" + evil, "category": "os", "status": "fail", "summary": "S" + evil, "advice": ["A" + evil]}],
    }
    path = forge(tmp_path / "evil.zip", {"results.json": json.dumps(results).encode(), "description.json": json.dumps({"problem": "P" + evil}).encode()})
    assert bundle.verify_bundle(path) == []
    assert cli.main(["show", str(path)]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\x07" not in out
    assert "Headline\\x1b]0;pwned\\x07\\x1b[2J" in out and "P\\x1b]0;pwned" in out  # shown escaped, readable
