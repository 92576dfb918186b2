"""Real system faults, seen by the real ``selfcheck scan`` (tests/syslab.py).

Each test makes one fault, runs the scan in English and French at the same time
and checks what a customer reads first: the first root cause, its status, the
headline and advice that fits.
"""

from __future__ import annotations

from typing import Any

import pytest

pytestmark = [pytest.mark.syslab]

LAB_CHECKS = ["hardware.disk", "hardware.battery", "hardware.sensors"]


def result(scan: dict[str, Any], check_id: str) -> dict[str, Any]:
    return next(r for r in scan["results"] if r["id"] == check_id)


def assert_root(scans: dict[str, Any], check_id: str, status: str, english: str, french: str) -> None:
    en, fr = scans["en"], scans["fr"]
    assert en["diagnosis"]["root_causes"][:1] == [check_id], [(r["id"], r["status"], r["summary"]) for r in en["results"]]
    assert fr["diagnosis"]["root_causes"][:1] == [check_id]
    assert result(en, check_id)["status"] == status, result(en, check_id)["summary"]
    assert english in result(en, check_id)["summary"], result(en, check_id)["summary"]
    assert french in result(fr, check_id)["summary"], result(fr, check_id)["summary"]
    assert en["diagnosis"]["headline"].startswith(result(en, check_id)["summary"][:30]), en["diagnosis"]["headline"]
    assert fr["diagnosis"]["headline"].startswith(result(fr, check_id)["summary"][:30]), fr["diagnosis"]["headline"]
    assert result(en, check_id)["advice"] and result(fr, check_id)["advice"] != result(en, check_id)["advice"]
    for lang in ("en", "fr"):
        assert "Traceback" not in scans["stderr"][lang], scans["stderr"][lang]


def healthy_trees(lab) -> dict[str, Any]:
    return {"power_supply": lab.battery(80, "Charging", ac_online=True), "hwmon": lab.hwmon(48), "thermal": lab.empty_dir()}


def kernel_log_is_clean() -> bool:
    """No crash or memory kill in the kernel's log yet (true on a fresh machine, before the scenarios below)."""
    import subprocess

    text = subprocess.run(["dmesg"], capture_output=True, text=True).stdout
    return "segfault at" not in text and "Killed process" not in text


def test_healthy_machine_raises_no_false_alarm(syslab_lab):
    # first in this file: the crash and memory scenarios below leave real lines in the kernel's log
    checks = LAB_CHECKS + (["os.crashes", "hardware.memory"] if kernel_log_is_clean() else [])
    image, device = syslab_lab.home_volume()
    scans = syslab_lab.scan(checks, sysclass=healthy_trees(syslab_lab), home_device=device)
    en = scans["en"]
    assert {r["id"]: r["status"] for r in en["results"]} == dict.fromkeys(checks, "pass"), [(r["id"], r["summary"]) for r in en["results"]]
    assert en["diagnosis"]["root_causes"] == []
    assert en["diagnosis"]["headline"] == "Everything we checked looks fine."
    assert scans["fr"]["diagnosis"]["headline"] == "Tout ce que nous avons vérifié semble correct."
    assert "Traceback" not in scans["stderr"]["en"]


def test_battery_almost_empty_on_battery_power(syslab_lab):
    trees = {**healthy_trees(syslab_lab), "power_supply": syslab_lab.battery(4, "Discharging", ac_online=False)}
    scans = syslab_lab.scan(LAB_CHECKS, sysclass=trees)
    assert_root(scans, "hardware.battery", "fail", "The battery is almost empty (4%)", "La batterie est presque vide (4\u202f%)")
    assert "Plug the computer in now" in result(scans["en"], "hardware.battery")["advice"][0]


def test_battery_low_but_charging_is_fine(syslab_lab):
    trees = {**healthy_trees(syslab_lab), "power_supply": syslab_lab.battery(4, "Charging", ac_online=True)}
    scans = syslab_lab.scan(["hardware.battery"], sysclass=trees)
    assert result(scans["en"], "hardware.battery")["status"] == "pass"


def test_temperature_judged_by_its_margin_to_critical(syslab_lab):
    # Intel laptops often report high = critical = 100 °C: 97 °C is 3 degrees from shutting down
    trees = {**healthy_trees(syslab_lab), "hwmon": syslab_lab.hwmon(97, high_c=100, crit_c=100)}
    scans = syslab_lab.scan(LAB_CHECKS, sysclass=trees)
    assert_root(scans, "hardware.sensors", "fail", "is at 97 °C, close to the temperature", "est à 97\u00a0°C, tout près de la température")
    assert "air vents" in result(scans["en"], "hardware.sensors")["advice"][0]


def test_home_folder_made_read_only_by_a_disk_error(syslab_lab):
    # ext4 shut down as after a disk error: every write fails while /proc/mounts still says "rw"
    image, device = syslab_lab.home_volume()
    scans = syslab_lab.scan(LAB_CHECKS, sysclass=healthy_trees(syslab_lab), home_device=device, shutdown_home=True)
    assert_root(
        scans,
        "hardware.disk",
        "fail",
        "The space for your files on this computer has stopped accepting changes after an error",
        "L’espace de vos fichiers sur cet ordinateur n’accepte plus de modifications après une erreur",
    )
    disk = result(scans["en"], "hardware.disk")
    assert "Save your open work on a USB stick or online storage" in disk["advice"][0]
    assert "enough free space" not in scans["en"]["diagnosis"]["headline"]
    assert disk["evidence"]["write_test"].startswith("failed")


def test_crash_loop_names_the_program(syslab_lab):
    # six real segmentation faults of one program; apport would keep one report, the kernel logs all six
    syslab_lab.crash("photo-editor", 6)
    scans = syslab_lab.scan(["os.crashes", *LAB_CHECKS], sysclass=healthy_trees(syslab_lab))
    assert_root(
        scans,
        "os.crashes",
        "fail",
        "The program “photo-editor” keeps crashing: it closed unexpectedly",
        "Le programme «\u00a0photo-editor\u00a0» plante sans arrêt",
    )
    assert result(scans["en"], "os.crashes")["evidence"]["crash_loop"]["crashes"] >= 6  # more when the lab ran earlier today


def test_program_stopped_because_memory_ran_out(syslab_lab):
    # a real out-of-memory kill, in a memory-limited cgroup, a moment ago
    try:
        syslab_lab.oom_kill("photo-sync")
    except (RuntimeError, OSError) as exc:
        pytest.skip(f"cannot limit a program's memory here: {exc}")
    scans = syslab_lab.scan(["hardware.memory", *LAB_CHECKS], sysclass=healthy_trees(syslab_lab))
    assert_root(scans, "hardware.memory", "fail", "so the computer had to stop “photo-sync”", "l’ordinateur a dû arrêter «\u00a0photo-sync\u00a0»")
    assert "Memory ran out 1 minute ago" in result(scans["en"], "hardware.memory")["summary"]


def test_failing_usb_disk_is_named_by_model_size_and_connection(syslab_lab):
    # a real failing disk's recorded answer (smartctl_exporter's testdata, tests/fixtures/linux/SOURCES),
    # replayed for a disk the kernel found on a USB bus (an NVMe disk in a USB case)
    from real_outputs import real

    trees = {**healthy_trees(syslab_lab), "block": syslab_lab.block_devices("sdc", "ATA", "SAMSUNG MZWLL3T2", 6251233968, usb=True)}
    tool = syslab_lab.smartctl("/dev/sdc", real("linux", "smartctl_j_nvme_failed_samsung_mzwll3t2.json").replace("/dev/nvme0", "/dev/sdc"))
    scans = syslab_lab.scan(LAB_CHECKS, sysclass=trees, path_first=tool)
    assert_root(
        scans,
        "hardware.disk",
        "fail",
        "The disk “SAMSUNG MZWLL3T2HAJQ-00005” (3.2 TB, connected by USB) reports that it is failing.",
        "Le disque «\u00a0SAMSUNG MZWLL3T2HAJQ-00005\u00a0» (3,2\u00a0To, branché en USB) signale",
    )
    disk = result(scans["en"], "hardware.disk")
    assert "/dev/sdc" not in disk["summary"] and "/dev/sdc" not in scans["en"]["diagnosis"]["headline"]
    assert disk["advice"][0].startswith("Copy the files on this USB disk to another disk")


def test_saturated_disk_names_the_program_doing_the_io(syslab_lab):
    import time
    from pathlib import Path

    def io_pressure() -> tuple[float, int]:
        """/proc/pressure/io's "some" line: its 10-second average (%) and its total (microseconds programs waited)."""
        some = Path("/proc/pressure/io").read_text().splitlines()[0].split()
        fields = dict(field.split("=") for field in some[1:])
        return float(fields["avg10"]), int(fields["total"])

    # two programs writing to a disk that takes four writes a second: they wait for it most of the time
    stalled = io_pressure()[1]
    try:
        writers, group = syslab_lab.saturate_disk("photo-backup")
    except (RuntimeError, OSError) as exc:
        pytest.skip(f"cannot throttle a disk here: {exc}")
    try:
        # the kernel's 10-second pressure average rises (the check looks closer from 10 %; the kernel updates it every 2 s
        # and it only rises while the writers wait): until it is 15 % and programs have waited a second in all since the
        # writers started (not another test's pressure), at most 30 s (it was a fixed 6 s here; it takes about 2)
        end = time.monotonic() + 30
        while time.monotonic() < end and (io_pressure()[0] < 15 or io_pressure()[1] - stalled < 1_000_000):
            time.sleep(0.1)
        scans = syslab_lab.scan(LAB_CHECKS, sysclass=healthy_trees(syslab_lab))
    finally:
        syslab_lab.stop_saturation(writers, group)
    assert_root(
        scans,
        "hardware.disk",
        "warn",
        "The disk is so busy that programs keep waiting for it, mostly because of “photo-backup”",
        "Le disque est tellement occupé que les programmes l’attendent sans cesse, surtout à cause de «\u00a0photo-backup\u00a0»",
    )
    disk = result(scans["en"], "hardware.disk")
    assert "If “photo-backup” is copying, backing up or updating" in disk["advice"][0]
    assert disk["evidence"]["io_activity"]["waiting_percent"] >= 40
