"""Where the computer runs (virtual machine, container, remote session, managed): the flags support reads first."""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from selfcheck.platforms.situation import situation, true_flags


def _tree(tmp_path: Path, files: dict[str, str]) -> Path:
    for rel, text in files.items():
        p = tmp_path / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text)
    return tmp_path


@pytest.mark.skipif(shutil.which("systemd-detect-virt") is None, reason="systemd-detect-virt is not installed")
def test_container_flag_agrees_with_systemd_on_this_machine() -> None:
    said = subprocess.run(["systemd-detect-virt", "--container"], capture_output=True, text=True).stdout.strip()
    flags = situation(environ={})
    assert flags["container"] is not None
    assert flags["container"]["value"] is (said not in ("", "none")), (said, flags["container"])


def test_a_container_is_recognised_by_the_files_its_engine_leaves(tmp_path: Path) -> None:
    docker = situation(_tree(tmp_path / "d", {".dockerenv": "", "proc/1/cgroup": "0::/\n"}), environ={}, platform="linux")
    podman = situation(_tree(tmp_path / "p", {"run/.containerenv": 'engine="podman-4.3.1"\n'}), environ={}, platform="linux")
    plain = situation(_tree(tmp_path / "h", {"proc/1/cgroup": "0::/init.scope\n"}), environ={}, platform="linux")
    assert docker["container"]["kind"] == "docker" and docker["container"]["value"] is True
    assert podman["container"]["kind"] == "podman"
    assert plain["container"]["value"] is False
    assert "container" in true_flags(docker) and "container" not in true_flags(plain)


def test_a_virtual_machine_is_recognised_by_its_firmware_vendor(tmp_path: Path) -> None:
    qemu = situation(
        _tree(tmp_path / "q", {"sys/class/dmi/id/sys_vendor": "QEMU\n", "sys/class/dmi/id/product_name": "Standard PC (Q35 + ICH9, 2009)\n"}),
        environ={},
        platform="linux",
    )
    laptop = situation(
        _tree(
            tmp_path / "l",
            {"sys/class/dmi/id/sys_vendor": "LENOVO\n", "sys/class/dmi/id/product_name": "20XW0055GE\n", "proc/cpuinfo": "flags\t\t: fpu vme de pse\n"},
        ),
        environ={},
        platform="linux",
    )
    assert qemu["virtual_machine"] == {"value": True, "kind": "qemu", "source": "/sys/class/dmi/id"}
    assert laptop["virtual_machine"]["value"] is False


def test_a_remote_session_and_a_company_computer_are_flagged(tmp_path: Path) -> None:
    root = _tree(tmp_path, {"etc/sssd/sssd.conf": "[sssd]\ndomains = corp.example\n"})
    flags = situation(root, environ={"SSH_CONNECTION": "203.0.113.9 51234 192.0.2.10 22"}, platform="linux")
    assert flags["remote_session"]["value"] is True and flags["remote_session"]["kind"] == "ssh"
    assert flags["managed"]["value"] is True and "sssd" in flags["managed"]["kind"]
    home = situation(_tree(tmp_path / "home", {"etc/hostname": "pc\n"}), environ={}, platform="linux")
    assert home["managed"]["value"] is False
    assert home["remote_session"] is None  # the OS did not say: unknown, not "no"


def test_the_bundle_inventory_carries_the_flags() -> None:
    from selfcheck.bundle import inventory

    data = inventory.gather(timeout=5.0)
    assert set(data["situation"]) == {"virtual_machine", "container", "remote_session", "managed"}


def _fake_detect_virt(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, answer: str) -> Path:
    """A systemd-detect-virt on the PATH that answers as systemd's does and counts its runs."""
    from selfcheck.platforms import situation as situation_mod

    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    calls = tmp_path / "calls"
    tool = bin_dir / "systemd-detect-virt"
    tool.write_text(f'#!/bin/sh\necho "$*" >> "{calls}"\necho {answer}\n')
    tool.chmod(0o755)
    monkeypatch.setenv("PATH", f"{bin_dir}:{os.environ['PATH']}")
    monkeypatch.setattr(situation_mod, "_virt_answer", "")
    return calls


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="systemd-detect-virt is Linux's")
def test_a_bundles_inventory_asks_systemd_detect_virt_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """system.json's machine.virtualisation and situation.virtual_machine come from one run of the tool."""
    from selfcheck.bundle import inventory

    calls = _fake_detect_virt(tmp_path, monkeypatch, "kvm")
    system = inventory.gather()
    assert calls.read_text().splitlines() == [""]  # once, without options
    assert system["machine"]["virtualisation"] == "kvm"
    assert system["situation"]["virtual_machine"] == {"value": True, "kind": "kvm", "source": "systemd-detect-virt"}


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="systemd-detect-virt is Linux's")
def test_a_container_named_by_systemd_is_not_taken_for_a_virtual_machine(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from selfcheck.bundle import inventory

    _fake_detect_virt(tmp_path, monkeypatch, "docker")
    system = inventory.gather()
    assert system["machine"]["virtualisation"] == "docker"  # the inventory's field, as before: the container first
    vm = system["situation"]["virtual_machine"]
    assert vm is None or vm["source"] != "systemd-detect-virt"  # a VM beneath shows from DMI or the CPU's flag


@pytest.fixture
def unreadable(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[..., None]]:
    """Makes folders this user may not list nor enter, as the OS answers a user who is not root (EACCES): chmod makes
    them so for real; as root (CI, and these machines), whom permissions do not stop, the OS's answers are made the same."""
    locked: list[Path] = []
    real_stat, real_scandir, real_listdir = os.stat, os.scandir, os.listdir

    def refused(path: Any, listing: bool) -> bool:
        if not isinstance(path, (str, bytes, os.PathLike)):
            return False
        p = Path(os.fsdecode(path))
        return any(f in p.parents or (listing and p == f) for f in locked)

    def stat(path: Any, *args: Any, **kwargs: Any) -> Any:
        if refused(path, listing=False):
            raise PermissionError(errno.EACCES, "Permission denied", os.fsdecode(path))
        return real_stat(path, *args, **kwargs)

    def scandir(path: Any = ".") -> Any:
        if refused(path, listing=True):
            raise PermissionError(errno.EACCES, "Permission denied", os.fsdecode(path))
        return real_scandir(path)

    def listdir(path: Any = ".") -> Any:
        if refused(path, listing=True):
            raise PermissionError(errno.EACCES, "Permission denied", os.fsdecode(path))
        return real_listdir(path)

    def lock(*folders: Path) -> None:
        for folder in folders:
            if folder.is_dir():
                folder.chmod(0)
            locked.append(folder)
        if locked and getattr(os, "geteuid", lambda: -1)() == 0:
            monkeypatch.setattr(os, "stat", stat)
            monkeypatch.setattr(os, "scandir", scandir)
            monkeypatch.setattr(os, "listdir", listdir)

    yield lock
    monkeypatch.undo()
    for folder in locked:
        if folder.is_dir():
            folder.chmod(0o755)


def test_a_policy_folder_that_cannot_be_listed_reads_as_not_known(tmp_path: Path, unreadable: Callable[..., None]) -> None:
    """A folder this user may not list (a browser's policies, Samba's private folder) is "not known", never an error:
    the bundle keeps its other flags and the disk check its verdict. A sign that can be seen still says "managed"."""
    from selfcheck.platforms.situation import managed

    root = _tree(tmp_path / "locked", {"etc/opt/chrome/policies/managed/corp.json": "{}", "etc/hostname": "pc\n"})
    samba = _tree(tmp_path / "samba", {"var/lib/samba/private/secrets.tdb": "", "etc/hostname": "pc\n"})
    joined = _tree(tmp_path / "joined", {"etc/sssd/sssd.conf": "[sssd]\n", "etc/opt/chrome/policies/managed/corp.json": "{}"})
    unreadable(root / "etc/opt/chrome/policies/managed", samba / "var/lib/samba/private", joined / "etc/opt/chrome/policies/managed")
    flags = situation(root, environ={}, platform="linux")
    assert flags["managed"] is None  # not known: neither "yes" nor "no"
    assert set(flags) == {"virtual_machine", "container", "remote_session", "managed"}
    assert managed(root, platform="linux") is None
    assert managed(samba, platform="linux") is None  # secrets.tdb inside a folder this user may not enter
    assert managed(joined, platform="linux") == {"value": True, "kind": "sssd", "source": "/etc (directory join or policy files)"}


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the Linux policy folders")
def test_the_disk_check_and_the_bundle_keep_going_when_a_policy_folder_cannot_be_listed(
    monkeypatch: pytest.MonkeyPatch, unreadable: Callable[..., None]
) -> None:
    """This computer's own policy folder, refused: the full shared folder gets the home words (the fact is not known),
    and the bundle's situation flags are all there, "managed" not known."""
    from selfcheck.api import Context, Status
    from selfcheck.bundle import inventory
    from selfcheck.runner import evaluate_facts
    from test_checks_hwos import CLASSES, defaults, judged_only

    check = CLASSES["hardware.disk"]
    module = sys.modules[check.__module__]
    share = {"mountpoint": "/mnt/Team", "device": "//files/Team", "fstype": "cifs", "role": "network", "answered": True, "total": 10**12, "free": 0}
    monkeypatch.setattr(module, "network_shares", lambda *a, **k: [share])
    unreadable(Path("/etc/opt"))  # as if root kept /etc/opt to itself: the policy folders in it cannot be looked at
    thresholds = defaults("hardware.disk", {"smart": False})
    facts = check().collect(Context({}, thresholds, deadline=None))
    assert facts["managed"] is None or facts["managed"]["value"] is True  # True only if this machine is really managed
    if facts["managed"] is None:
        outcome = evaluate_facts(check, judged_only(facts, share["mountpoint"]), thresholds)  # the share only, not this machine's mounts
        assert outcome.status is Status.FAIL and "next to your internet box" in outcome.summary, outcome.summary
    system = inventory.gather(timeout=5.0)
    assert set(system["situation"]) == {"virtual_machine", "container", "remote_session", "managed"}, system["situation"]
    assert system["situation"]["managed"] == facts["managed"]


def test_a_mac_whose_managed_preferences_cannot_be_listed_reads_as_not_known(tmp_path: Path, unreadable: Callable[..., None]) -> None:
    """macOS: device management (MDM) profiles leave their settings in /Library/Managed Preferences. A folder that
    cannot be listed said "not managed" (False), a guess the disk check then worded as a home computer's; it is "not
    known" (None), as on Linux. Only the folder's listing is faked (the test runs on Linux); the Mac's layout is its own."""
    from selfcheck.platforms.situation import managed

    def no_sysctl(args: list[str], timeout: float) -> str:  # sysctl is macOS's: not asked here
        return ""

    source = "/Library/Managed Preferences"
    bare = _tree(tmp_path / "bare", {"etc/hostname": "mac\n"})
    empty = tmp_path / "empty"
    (empty / "Library/Managed Preferences").mkdir(parents=True)
    enrolled = _tree(tmp_path / "enrolled", {"Library/Managed Preferences/com.apple.loginwindow.plist": "<plist/>"})
    locked = _tree(tmp_path / "locked", {"Library/Managed Preferences/com.apple.loginwindow.plist": "<plist/>"})
    assert managed(bare, platform="darwin") == {"value": False, "source": source}
    assert managed(empty, platform="darwin") == {"value": False, "source": source}
    assert managed(enrolled, platform="darwin") == {"value": True, "source": source}
    unreadable(locked / "Library/Managed Preferences")
    assert managed(locked, platform="darwin") is None  # not known: neither "yes" nor "no"
    flags = situation(locked, environ={}, run=no_sysctl, platform="darwin")
    assert flags["managed"] is None and flags["container"] == {"value": False, "source": "macOS desktop"}
    assert managed(enrolled, platform="darwin") == {"value": True, "source": source}  # a folder it can list still says so
