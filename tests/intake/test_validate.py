"""Bundle validation without a server: the cases a hostile or broken zip can take."""

from __future__ import annotations

import json
import warnings
import zipfile

import pytest

from selfcheck_intake.settings import Limits
from selfcheck_intake.validate import Rejected, safe_member_name, validate_bundle
from sendkit import make_bundle, manifest_of, zip_bytes


def code_of(path, limits=None) -> str:
    with pytest.raises(Rejected) as info:
        validate_bundle(path, limits or Limits())
    return info.value.code


@pytest.mark.parametrize("name", ["a.txt", "logs/app/x.log", "facts/os.uptime.json"])
def test_safe_names(name):
    assert safe_member_name(name)


@pytest.mark.parametrize("name", ["../x", "a/../../x", "/abs", "C:\\x", "c:/x", "a\\b", "a//b", "./a", "a\x00b", ""])
def test_unsafe_names(name):
    assert not safe_member_name(name)


def test_a_good_bundle_passes_and_gives_its_manifest(tmp_path):
    bundle = make_bundle(tmp_path / "b.zip")
    manifest = validate_bundle(bundle, Limits())
    assert manifest.bundle_id == manifest_of(bundle)["bundle_id"]
    assert manifest.reference == manifest_of(bundle)["reference"]


def test_duplicate_names_are_refused(tmp_path):
    path = make_bundle(tmp_path / "b.zip", {"a.txt": b"one"})
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with zipfile.ZipFile(path, "a") as zf:
            zf.writestr("a.txt", b"two")
    assert code_of(path) == "duplicate_name"


def test_too_many_files_and_too_large_expansion_are_refused(tmp_path):
    path = make_bundle(tmp_path / "b.zip", {f"f{i}.txt": b"x" for i in range(20)})
    assert code_of(path, Limits(max_files=10)) == "too_many_files"
    assert code_of(path, Limits(max_expanded_bytes=100)) == "expanded_too_large"


def test_wrong_schema_version_and_bad_types_are_refused(tmp_path):
    assert code_of(make_bundle(tmp_path / "a.zip", schema_version=2)) == "unsupported_schema"
    assert code_of(make_bundle(tmp_path / "b.zip", bundle_id="not a valid id!")) == "bad_field"
    manifest = manifest_of(make_bundle(tmp_path / "c.zip"))
    manifest["files"] = "all"
    (tmp_path / "d.zip").write_bytes(zip_bytes({"manifest.json": json.dumps(manifest).encode()}))
    assert code_of(tmp_path / "d.zip") == "bad_field"


def test_a_manifest_that_is_not_json_is_refused(tmp_path):
    path = tmp_path / "b.zip"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("manifest.json", b"{not json")
    assert code_of(path) == "bad_manifest"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("manifest.json", json.dumps([1, 2]))
    assert code_of(path) == "bad_manifest"


def test_a_truncated_zip_is_not_a_zip(tmp_path):
    path = make_bundle(tmp_path / "b.zip")
    path.write_bytes(path.read_bytes()[:-30])
    assert code_of(path) == "not_a_zip"
