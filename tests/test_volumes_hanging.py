"""A mount whose file system never answers (a FUSE share of a switched-off NAS, a cloud drive whose program hung) blocks
``statfs`` for as long as it stays mounted: the volumes' listing must not wait for it, or the disk check ran out of its
time and the history, which lists the volumes itself when the disk check gave none, kept the scan from ever finishing."""

from __future__ import annotations

import contextlib
import ctypes
import os
import shutil
import subprocess
import threading
import time
from types import SimpleNamespace

import pytest

from selfcheck.platforms.volumes import list_volumes


class HangingPsutil:
    """psutil's answers in its own shapes; the FUSE mount at /media/nas never answers."""

    def __init__(self) -> None:
        self.gone = threading.Event()

    def disk_partitions(self, all=False):  # noqa: A002 - psutil's own parameter name
        part = SimpleNamespace
        return [
            part(device="/dev/nvme0n1p2", mountpoint="/", fstype="ext4", opts="rw,relatime"),
            part(device="nas:/share", mountpoint="/media/nas", fstype="fuse", opts="rw,nosuid,nodev,relatime,user_id=1000,group_id=1000"),
        ]

    def disk_usage(self, path):
        if path == "/media/nas":
            self.gone.wait(10)  # the real call waits as long as the mount stays
        return SimpleNamespace(total=512 * 10**9, free=40 * 10**9)


def test_a_mount_that_never_answers_is_left_out_in_time_and_named_for_support():
    psutil = HangingPsutil()
    unanswered: list[dict] = []
    start = time.monotonic()
    try:
        volumes = list_volumes(psutil, "linux", 1_000_000, wait=0.3, unanswered=unanswered)
    finally:
        psutil.gone.set()
    assert time.monotonic() - start < 3
    assert [v["mountpoint"] for v in volumes] == ["/"]
    assert volumes[0]["free"] == 40 * 10**9
    assert unanswered == [{"mountpoint": "/media/nas", "device": "nas:/share", "fstype": "fuse"}]


def test_the_history_does_not_wait_for_a_mount_that_never_answers(monkeypatch):
    """The disk check ran out of its time on the hanging mount, so it left no volumes: the history listed them again,
    in the scan's own thread, and the scan (the window's, the command's) never finished."""
    import psutil as real_psutil

    from selfcheck.history.changes import _volumes

    fake = HangingPsutil()
    monkeypatch.setattr(real_psutil, "disk_partitions", fake.disk_partitions)
    monkeypatch.setattr(real_psutil, "disk_usage", fake.disk_usage)
    monkeypatch.setattr("selfcheck.api.current_platform", lambda: "linux")
    start = time.monotonic()
    try:
        volumes = _volumes(None)
    finally:
        fake.gone.set()
    assert time.monotonic() - start < 5
    assert [v["mountpoint"] for v in volumes] == ["/"]


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0 or not os.path.exists("/dev/fuse"), reason="mounting a FUSE file system needs root")
def test_a_real_fuse_mount_that_never_answers_costs_only_the_wait(tmp_path, monkeypatch):
    """A real FUSE mount whose program never answers (mounted on /dev/fuse, the request never read): statfs on it hangs."""
    import psutil

    target = tmp_path / "nas"
    target.mkdir()
    fd = os.open("/dev/fuse", os.O_RDWR)
    libc = ctypes.CDLL(None, use_errno=True)
    options = f"fd={fd},rootmode=40000,user_id=0,group_id=0".encode()
    if libc.mount(b"nas:/share", str(target).encode(), b"fuse", 0, options) != 0:
        os.close(fd)
        pytest.skip(f"cannot mount a FUSE file system here: {os.strerror(ctypes.get_errno())}")
    try:
        monkeypatch.setenv("HOME", str(tmp_path))
        unanswered: list[dict] = []
        start = time.monotonic()
        volumes = list_volumes(psutil, "linux", 1, wait=0.5, unanswered=unanswered)
        assert time.monotonic() - start < 3
        assert "/" in [v["mountpoint"] for v in volumes]
        assert str(target) not in [v["mountpoint"] for v in volumes]
        assert str(target) in [u["mountpoint"] for u in unanswered]
    finally:
        os.close(fd)  # the connection is aborted: the abandoned statfs returns at once
        with contextlib.suppress(OSError):
            subprocess.run([shutil.which("umount") or "umount", "-l", str(target)], capture_output=True, check=False)
