"""The support-agent reading lab's customers are physical laptops (tests/laptoplab.py): what selfcheck's
context probe and bundle inventory read inside the lab's namespace is a real ThinkPad's, and this build
machine's virtual machine and container do not show; outside it, nothing changed."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import laptoplab  # noqa: E402

PROBE = (
    "import json, os, subprocess\n"
    "from selfcheck.platforms.situation import situation, true_flags\n"
    "from selfcheck.bundle.inventory import machine_info\n"
    "print(json.dumps({'flags': true_flags(situation()), 'machine': machine_info(), 'net': sorted(os.listdir('/sys/class/net')),"
    " 'lo': open('/sys/class/net/lo/address').read().strip(), 'cwd': os.getcwd(),"
    " 'virt': (lambda p: [p.stdout.strip(), p.returncode])(subprocess.run(['systemd-detect-virt'], capture_output=True, text=True)),"
    " 'root_free': os.statvfs('/').f_bavail * os.statvfs('/').f_frsize, 'localtime': os.path.realpath('/etc/localtime'),"
    " 'timezone': open('/etc/timezone').read().strip() if os.path.exists('/etc/timezone') else ''}))\n"
)


def test_the_recorded_laptops_dmi_strings_are_what_the_kernel_would_show() -> None:
    files = laptoplab.dmi_files(laptoplab.FIXTURE.read_text())
    assert files["sys_vendor"] == "LENOVO" and files["product_version"] == "ThinkPad 13 2nd Gen"
    assert files["chassis_type"] == "10"  # "Notebook" in SMBIOS's table
    assert files["bios_version"] == "R0JET45W (1.30 )" and files["board_name"] == "20J1004EFR"


@pytest.mark.skipif(os.geteuid() != 0 or not shutil.which("unshare") or not shutil.which("chroot"), reason="needs root, unshare and chroot")
def test_a_scan_in_the_lab_sees_a_physical_laptop_and_the_machine_is_untouched(tmp_path: Path) -> None:
    cwd = Path(__file__).resolve().parent
    done = subprocess.run([*laptoplab.laptop_command(tmp_path), sys.executable, "-c", PROBE], capture_output=True, text=True, timeout=60, cwd=cwd)
    assert done.returncode == 0, done.stderr[-2000:]
    seen = json.loads(done.stdout)
    assert seen["flags"] == [], seen  # neither a virtual machine nor a container
    assert seen["machine"]["sys_vendor"] == "LENOVO" and seen["machine"]["chassis_type"] == "10"
    assert seen["virt"] == ["none", 1] and "virtualisation" not in seen["machine"]  # as systemd-detect-virt on bare metal
    assert seen["net"] == sorted(os.listdir("/sys/class/net")) and seen["lo"] == "00:00:00:00:00:00"  # sysfs links still resolve
    assert seen["cwd"] == str(cwd)
    assert seen["root_free"] > 0.5 * os.statvfs("/").f_bavail * os.statvfs("/").f_frsize  # the system disk shows this machine's room
    # a real place's time zone, as selfcheck's clock facts read it (agent round 13: the card shows it)
    assert seen["localtime"].endswith("/zoneinfo/Europe/London") and seen["timezone"] == "Europe/London", seen
    # this machine itself is as it was: its own flags, no DMI strings made up outside the lab's namespace, its own zone
    outside = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, timeout=60, cwd=cwd)
    assert json.loads(outside.stdout)["machine"].get("sys_vendor") != "LENOVO"
    assert json.loads(outside.stdout)["localtime"] == os.path.realpath("/etc/localtime")
