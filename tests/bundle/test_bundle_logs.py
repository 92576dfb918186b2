"""Bounds when gathering logs: huge files, links out of the folder, devices and fifos, huge folders."""

from __future__ import annotations

import os
import time

import pytest
from bundle_helpers import IDENTITY

from selfcheck import bundle
from selfcheck.bundle import logs


def gather(patterns, **kw):
    settings = {"per_file": 64 * 1024, "total": 1024 * 1024, "max_entries": 10000, "deadline": time.monotonic() + 30}
    settings.update(kw)
    return logs.gather([], patterns, **settings)


def test_huge_log_keeps_only_its_newest_part(tmp_path):
    folder = tmp_path / "logs"
    folder.mkdir()
    huge = folder / "huge.log"
    tail = b"".join(f"2026-11-20 line {i:05d} something happened\n".encode() for i in range(4000))
    with open(huge, "wb") as handle:
        handle.truncate(4 * 1024**3)  # a sparse 4 GB file: nothing is read but its tail
        handle.seek(4 * 1024**3 - len(tail))
        handle.write(tail)
    out = gather([str(folder / "*.log")], per_file=64 * 1024)
    [item] = out.files
    assert len(item.data) <= 64 * 1024 and item.truncated and item.size == 4 * 1024**3
    text = item.data.decode()
    assert text.endswith("line 03999 something happened\n")  # the newest content is kept
    assert text.startswith("2026-11-20 line ")  # cut at a line start
    assert any(limit["limit"] == "file_size" for limit in out.limits_hit)


def test_links_out_of_the_folder_devices_and_fifos_are_skipped(tmp_path):
    folder = tmp_path / "logs"
    folder.mkdir()
    (folder / "good.log").write_text("fine\n")
    (folder / "root.log").symlink_to("/")
    (folder / "zero.log").symlink_to("/dev/zero")
    (folder / "passwd.log").symlink_to("/etc/passwd")
    (folder / "inside.log").symlink_to(folder / "good.log")
    os.mkfifo(folder / "pipe.log")
    (folder / "real").mkdir()
    (folder / "real" / "x.log").write_text("in a sub-folder\n")
    (folder / "linked").symlink_to("/var/log")
    out = gather([str(folder / "*.log"), str(folder / "*" / "*.log")])
    names = sorted(os.path.basename(f.source) for f in out.files)
    assert names == ["good.log", "x.log"]  # inside.log is the same file as good.log; linked/ is not followed
    reasons = {os.path.basename(s.path): s.reason for s in out.skipped}
    assert "outside the configured folder" in reasons["root.log"]
    assert "outside the configured folder" in reasons["zero.log"]
    assert "outside the configured folder" in reasons["passwd.log"]
    assert "not a regular file" in reasons["pipe.log"]


def test_recursive_pattern_does_not_follow_linked_folders(tmp_path):
    folder = tmp_path / "logs"
    (folder / "a" / "b").mkdir(parents=True)
    (folder / "a" / "b" / "deep.log").write_text("deep\n")
    (folder / "loop").symlink_to(folder)
    (folder / "etc").symlink_to("/etc")
    out = gather([str(folder / "**" / "*.log")])
    assert [os.path.basename(f.source) for f in out.files] == ["deep.log"]


def test_folder_with_very_many_files_is_looked_at_within_a_limit(tmp_path):
    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(3000):
        (folder / f"f{i:05d}.log").write_bytes(b"x\n")
    out = gather([str(folder / "*.log")], max_entries=500, max_files=40)
    assert any(limit["limit"] == "folder_entries" for limit in out.limits_hit)
    assert any(limit["limit"] == "log_files" for limit in out.limits_hit)
    assert len(out.files) == 40
    [rest] = [s for s in out.skipped if "at most 40 log files" in s.reason]
    assert rest.path == "460 older log files"  # one line in the manifest, not 460


def test_total_cap_and_newest_files_first(tmp_path):
    folder = tmp_path / "logs"
    folder.mkdir()
    now = time.time()
    for i in range(5):
        path = folder / f"app{i}.log"
        path.write_bytes(f"file {i}\n".encode() * 1000)  # 7 KB each
        os.utime(path, (now - 1000 + i * 100, now - 1000 + i * 100))
    out = gather([str(folder / "*.log")], per_file=10_000, total=20_000)
    assert [os.path.basename(f.source) for f in out.files] == ["app4.log", "app3.log", "app2.log"]
    assert out.files[2].truncated and out.files[2].data.endswith(b"file 2\n")  # the newest part of what fits
    assert sum(len(f.data) for f in out.files) <= 20_000
    assert {os.path.basename(s.path) for s in out.skipped} >= {"app0.log", "app1.log"}


def test_binary_files_are_skipped(tmp_path):
    (tmp_path / "core.log").write_bytes(b"\x7fELF\x00\x00binary")
    out = gather([str(tmp_path / "*.log")])
    assert not out.files and "not a text file" in out.skipped[0].reason


def test_skipped_items_are_listed_in_the_manifest(make_app, tmp_path):
    folder = tmp_path / "applogs"
    folder.mkdir()
    (folder / "ok.log").write_text("hello from the app\n")
    (folder / "evil.log").symlink_to("/dev/zero")
    app = make_app(f'[app_logs]\nlinux = ["{folder}/*.log"]\n')
    from bundle_helpers import run_scan

    plan = bundle.plan_bundle(app, run_scan(app, ("os.uptime",)), identity=IDENTITY)
    assert any(p.startswith("logs/app/") and p.endswith("ok.log") for p in plan.files)
    assert any(s["path"].endswith("evil.log") and "outside" in s["reason"] for s in plan.manifest["skipped"])


@pytest.mark.parametrize("pattern,base,rest", [("/var/log/app/*.log", "/var/log/app", ["*.log"]), ("/var/log/app.log", "/var/log", ["app.log"])])
def test_split_pattern(pattern, base, rest):
    found_base, found_rest = logs.split_pattern(pattern)
    assert str(found_base) == base and found_rest == rest
