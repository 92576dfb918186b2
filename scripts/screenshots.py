#!/usr/bin/env python3
"""Render the window's main states into docs/screenshots/*.png (offscreen, no display needed).

    .venv/bin/python scripts/screenshots.py [--out docs/screenshots]

The built-in checks run for real once to learn this computer's facts; each
state then replays those facts with a few changed (a nearly full disk, pending
security updates...) so the pictures show every state whatever the machine.
Network checks are left out: they would reach this machine's real network.
"""

from __future__ import annotations

import argparse
import atexit
import contextlib
import copy
import itertools
import json
import os
import sys
import tempfile
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
#: the pictures' computer's home (its history, settings, bundles): never the data of whoever runs this; removed at exit
SHOTS_HOME = tempfile.mkdtemp(prefix="selfcheck-shots-")
os.environ["SELFCHECK_HOME"] = SHOTS_HOME


def _remove_shots_home(home: str = SHOTS_HOME) -> None:
    """Remove the pictures' home when the script ends (each run left one in the temporary folder). The window's settings
    store writes its gui.ini as its QSettings go, which made the folder again after it was removed: they go first."""
    import gc
    import shutil

    settings = sys.modules.get("selfcheck.gui.settings")
    if settings is not None:
        settings._settings.clear()
    gc.collect()
    shutil.rmtree(home, ignore_errors=True)


atexit.register(_remove_shots_home)  # registered first, so it runs after the atexit work of what is imported below
os.environ["SELFCHECK_DISABLE_PLUGIN_AUTOLOAD"] = "1"
os.environ["XDG_DATA_HOME"] = os.path.join(os.environ["SELFCHECK_HOME"], "share")  # no trash of this machine's user

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from PySide6.QtCore import QEventLoop, QPoint, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from selfcheck import app as app_mod  # noqa: E402
from selfcheck.app import App  # noqa: E402
from selfcheck.discovery import Registry  # noqa: E402
from selfcheck.runner import Runner  # noqa: E402

sys.path.insert(0, str(ROOT / "scripts"))
from example_brand import example_branding  # noqa: E402
from pinned_bundle import pinned_bundle  # noqa: E402

WIDTH, HEIGHT = 920, 740
#: the verdict pictures' height (scripts/screenshots_verdict.py)
VERDICT_HEIGHT = 900
GB = 1024**3


def wait(ms: int) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def wait_for(signal: Any, timeout_ms: int = 60000) -> None:
    loop = QEventLoop()
    signal.connect(loop.quit)
    QTimer.singleShot(timeout_ms, loop.quit)
    loop.exec()


def healthy(facts: dict[str, Any]) -> dict[str, Any]:
    """This computer's facts with the usual suspects made healthy."""
    f = copy.deepcopy(facts)
    cpu = f.get("hardware.cpu")
    if isinstance(cpu, dict):
        cpu.update(total_percent=7.5, load_average=[0.3, 0.4, 0.4], load5_per_core=0.2, pressure_some={"avg10": 0.5, "avg60": 0.8, "avg300": 1.0})
        cpu["processes"] = [dict(p, core_percent=2.0, percent=1.0) for p in cpu.get("processes", [])[:3]]
    fw = f.get("security.firewall")
    if isinstance(fw, dict) and "backends" in fw:
        fw["backends"] = {"nftables": {"input_chains": 1, "filtering": True, "rules": 12}}
    up = f.get("security.updates")
    if isinstance(up, dict):
        up.update(count=0, security_count=0, packages=[], security_packages=[])
    if "hardware.disk" in f:
        # the customer's Windows disk (send round 18), with room to spare: the full-disk pictures say when it filled up
        f["hardware.disk"] = windows_disk(HEALTHY_DISK_FREE)
    enc = f.get("security.encryption")
    if isinstance(enc, dict) and isinstance(enc.get("root"), dict):
        enc["root"].update(encrypted=True, chain=["vda:disk", "cryptroot:crypt"])
    mem = f.get("hardware.memory")
    if isinstance(mem, dict):
        # this build machine's memory is shared by test runs, and the system-fault lab makes real out-of-memory
        # kills here: the all-good picture said "Memory ran out 24 minutes ago, so the computer had to stop “photo-sync”"
        total = int(mem.get("total") or 16 * GB)
        mem.update(available=int(total * 0.62), percent_used=38.0, swap_used=0, swap_percent=0.0, oom_kills=[])
        for line in (mem.get("pressure") or {}).values():
            if isinstance(line, dict):
                line.update(avg10=0.0, avg60=0.0, avg300=0.0)
    crashes = f.get("os.crashes")
    if isinstance(crashes, dict) and "crashes" in crashes:
        # the same lab's crash records (a crashing "photo-editor"): no program crashed on the pictures' computer
        crashes.update(crashes=[], kernel_crashes=[], system_crashes=[])
    return with_devices(f)


DEVICE_FIXTURES = ROOT / "tests" / "fixtures" / "checks"
#: the devices as recorded in the labs (scripts/devices_fixtures.py): this machine has none
HEALTHY_DEVICES = {
    "devices.printer": "linux_ready",
    "devices.sound": "linux_speakers",
    "devices.microphone": "linux_hears_a_tone",
    "devices.camera": "linux_allowed",
    "devices.bluetooth": "linux_headset_connected",
}


#: the lab's printer queue is called "Office" (tests/devicelab.py); a home customer's printer has its make's name, as
#: the computer names it when it is added (verdict round 13: "Why is my printer called Office? I don't have an office")
LAB_PRINTER, HOME_PRINTER = "Office", "HP DeskJet 2720"


def home_printer(printer_facts: dict[str, Any]) -> dict[str, Any]:
    """devices.printer facts recorded in the lab, with the printer named as at home (its make and model)."""
    f = copy.deepcopy(printer_facts)
    for p in [*(f.get("printers") or []), *(f.get("jobs") or [])]:
        for key in ("name", "printer"):
            if p.get(key) == LAB_PRINTER:
                p[key] = HOME_PRINTER
    if f.get("default") == LAB_PRINTER:
        f["default"] = HOME_PRINTER
    return f


def device_facts(check_id: str, case: str) -> dict[str, Any]:
    import json

    facts = dict(json.loads((DEVICE_FIXTURES / check_id / f"{case}.json").read_text(encoding="utf-8"))["facts"])
    return home_printer(facts) if check_id == "devices.printer" else facts


def with_devices(facts: dict[str, Any], **cases: str) -> dict[str, Any]:
    """Facts with the devices healthy, except the given ``check_id_with_underscores=case``."""
    f = copy.deepcopy(facts)
    for check_id, case in HEALTHY_DEVICES.items():
        if check_id in f:
            f[check_id] = device_facts(check_id, cases.get(check_id.replace(".", "_"), case))
    return f


#: the full main disk of the pictures' story (problems(), then the send and repair pictures of the same computer)
FULL_DISK_TOTAL, FULL_DISK_FREE, HEALTHY_DISK_FREE = 256 * GB, int(0.6 * GB), 96 * GB


#: what the customer's Recycle Bin holds in the repair pictures (the card's offer, the consent's preview, the end)
RECYCLE_BIN_BYTES = 1_300_000_000


def windows_disk(free: int) -> dict[str, Any]:
    """hardware.disk's facts on the customer's Windows 11 computer (recorded ``windows_ok``), its C: drive of the story's size."""
    disk = copy.deepcopy(device_facts("hardware.disk", "windows_ok"))
    for v in disk["volumes"]:
        if v.get("role") == "system":
            v["total"], v["free"] = FULL_DISK_TOTAL, free
    return disk


def windows_full_disk() -> dict[str, Any]:
    """The customer's Windows disk (windows_disk) nearly full, with its Recycle Bin holding RECYCLE_BIN_BYTES.

    Send round 18: the repair pictures were made from this Linux build machine's own disk and trash, so they said
    "Trash" and "the app you install programs with, such as “Software”" beside verdict pictures of a Windows computer
    ("on my computer it's the Recycle Bin"): the disk's words follow its facts' platform, as in screenshots_verdict.py.
    """
    disk = windows_disk(FULL_DISK_FREE)
    disk["windows_build"] = 22631  # Windows 11 23H2, as windows_customer_os(): where unused programs are removed
    disk["trash"] = {"bytes": RECYCLE_BIN_BYTES, "complete": True}
    return disk


def problems(facts: dict[str, Any]) -> dict[str, Any]:
    """Healthy facts, then a nearly full system disk (the customer's Windows one) and pending security updates."""
    f = healthy(facts)
    if "hardware.disk" in f:
        f["hardware.disk"] = windows_full_disk()
    up = f.get("security.updates")
    if isinstance(up, dict):
        pkgs = ["openssl", "libssl3", "tzdata", "firefox-esr", "libexpat1", "bash", "sudo"]
        up.update(count=9, security_count=7, packages=pkgs, security_packages=pkgs)
        # updates the person adds: on a build machine whose system adds them by itself the check says so instead
        up.pop("auto", None)
    return f


NETWORK_DOWN = {
    "interfaces": [
        {
            "name": "lo",
            "up": True,
            "operstate": "unknown",
            "loopback": True,
            "virtual": False,
            "wireless": False,
            "ipv4": ["127.0.0.1"],
            "ipv4_self_assigned": [],
            "ipv6_global": [],
            "speed_mbps": None,
            "mtu": 65536,
        },
        {
            "name": "enp3s0",
            "up": False,
            "operstate": "down",
            "loopback": False,
            "virtual": False,
            "wireless": False,
            "ipv4": [],
            "ipv4_self_assigned": [],
            "ipv6_global": [],
            "speed_mbps": None,
            "mtu": 1500,
        },
        {
            "name": "wlp2s0",
            "up": False,
            "operstate": "down",
            "loopback": False,
            "virtual": False,
            "wireless": True,
            "ipv4": [],
            "ipv4_self_assigned": [],
            "ipv6_global": [],
            "speed_mbps": None,
            "mtu": 1500,
        },
    ],
    "wifi": [],
}


#: network.link's facts on the customer's computer of the send pictures: a Windows desktop on a cable from the box
#: (psutil's adapter names there; no Wi-Fi adapter). The review says how it connects from these facts, not from names
CUSTOMER_CABLE = {
    "interfaces": [
        {
            "name": "Loopback Pseudo-Interface 1",
            "up": True,
            "operstate": None,
            "loopback": True,
            "virtual": False,
            "wireless": False,
            "ipv4": ["127.0.0.1"],
            "ipv4_self_assigned": [],
            "ipv6_global": [],
            "speed_mbps": 1073,
            "mtu": 1500,
        },
        {
            "name": "Ethernet",
            "up": True,
            "operstate": None,
            "loopback": False,
            "virtual": False,
            "wireless": False,
            "ipv4": ["192.168.1.21"],
            "ipv4_self_assigned": [],
            "ipv6_global": [],
            "speed_mbps": 1000,
            "mtu": 1500,
        },
    ],
    "wifi": [],
}


def on_a_cable(facts: dict[str, Any]) -> dict[str, Any]:
    """The same story, with network.link's facts of the customer's computer, and the internet answering beyond the box
    (network.internet's facts recorded in the network lab, tests/fixtures/checks/network.internet/lab_line_works.json: the
    review's "On the internet when checked" says what that check found); the network checks never run here."""
    f = dict(facts)
    f["network.link"] = copy.deepcopy(CUSTOMER_CABLE)
    works = ROOT / "tests" / "fixtures" / "checks" / "network.internet" / "lab_line_works.json"
    f["network.internet"] = json.loads(works.read_text(encoding="utf-8"))["facts"]
    return f


def no_network(facts: dict[str, Any], registry: Registry) -> dict[str, Any]:
    """Healthy facts, and no cable nor Wi-Fi: every other network check follows from it (none of them runs)."""
    f = healthy(facts)
    for cls in registry:
        if cls.id.startswith("network."):
            f[cls.id] = {"never": "used: skipped because the link is down"}
    f["network.link"] = copy.deepcopy(NETWORK_DOWN)
    return f


def full_disk_inventory() -> None:
    """The bundle's inventory (system.json) tells the same story as the verdict: the main disk is the full one.

    Round 8's readers read "about three quarters full" in the review beside "the disk is full" in the verdict
    (this build machine's real disk beside the story's): the review's disk is now the story's, as the checks' facts are.
    """
    from selfcheck.bundle import inventory

    real = inventory.PARTS["disks"]

    def disks() -> list[dict[str, Any]]:
        volumes = real()
        for v in volumes:
            if v.get("mountpoint") == "/":
                v.update(total_bytes=FULL_DISK_TOTAL, free_bytes=FULL_DISK_FREE, used_percent=round(100 * (1 - FULL_DISK_FREE / FULL_DISK_TOTAL), 1))
        return volumes

    inventory.PARTS["disks"] = disks


def windows_customer_os() -> Any:
    """The bundle's system line as most customers' computers give it: Windows 11 Home, not this Linux build machine.

    Send round 11: both readers stopped at "Linux (Debian)" ("I thought I had Windows!"). Most customers are on
    Windows or macOS; the pictures show the review as they see it. The record is what ``inventory.os_info`` collects
    on Windows 11 23H2 with Python 3.11 (``platform.win32_ver()`` gives release "10" and build 10.0.22631 there,
    ``platform.win32_edition()`` gives "Core" for Home); the versions of selfcheck stay this machine's.

    Send round 91 (en, fr): the rest of the part leaked this Linux build machine, which runs in a docker container ("This
    system runs in a container … made with docker": "Is somebody else inside mine?", « Allumé le : 2026-12-06 04:57 » : « je
    ne l'ai pas allumé à 5 heures du matin ! », "Model: AMD EPYC"): the whole part is one laptop's, as the installed app
    (WindowsSys: frozen) records it there:
    - the processor as py-cpuinfo recorded a real laptop's on Windows (workhorsy/py-cpuinfo, tests/test_windows_10_x86_64.py
      at 0435a5ae466552a7170c9ac806116857215d7efb, MIT: uname 'Intel64 Family 6 Model 69 Stepping 1, GenuineIntel', which
      ``platform.processor()`` gives; 4 processors counted; registry ~MHz 2494, the speed psutil.cpu_freq() reads there;
      wmic Name "Intel(R) Core(TM) i5-4300U CPU @ 1.90GHz", 2 cores by Intel's own sheet); on Windows the inventory records
      no model name, and psutil.getloadavg() answers (0.0, 0.0, 0.0) on its first call (psutil's docs);
    - no virtual machine, no container, no remote session, no company (situation's Windows flags, windows_from_cim of a
      Win32_ComputerSystem answer without a hypervisor's maker and PartOfDomain false); Win32_ComputerSystem's maker and
      model are not in that recording: left out, as the inventory leaves them when PowerShell gives no answer;
    - switched on this morning (BOOT_TIME) on the picture's day: the scans run at STORY_TIME.

    Send round 92 (fr): « Périphérique : /dev/vda », « lecteur ou dossier : / » and this machine's 25 GB of memory (« Mémoire…
    Libre : 16,3 Go ») still leaked: the memory and disks are the laptop's too, as inventory.memory_info and disks_info
    record them there:
    - memory: a laptop sold with 8 GB, of which Windows shows 7.88 GB usable (psutil.virtual_memory().total reads what
      Windows calls usable), about two thirds in use; no swap file counted (psutil's swap total 0, as the laptop recorded in
      tests/bundle/test_review_plain_lines.py WINDOWS_LAPTOP);
    - disks: one drive, C:, as psutil.disk_partitions() gives it on Windows (psutil's docs, disk_partitions: device and
      mountpoint are "the drive letter (e.g. "C:\\")", fstype "NTFS" on Windows; opts "rw,fixed", psutil's
      arch/windows/disk.c: read-write, then the drive type of GetDriveType DRIVE_FIXED), of the story's almost full size
      (FULL_DISK_TOTAL, FULL_DISK_FREE: the verdict's disk).
    """
    from selfcheck.bundle import inventory
    from selfcheck.platforms.situation import windows_from_cim

    real = {part: inventory.PARTS[part] for part in ("os", "machine", "cpu", "situation", "memory", "disks")}

    def os_info() -> dict[str, Any]:
        info = real["os"]()
        for key in ("distribution_id", "distribution_version"):
            info.pop(key, None)
        today = datetime.now().astimezone()
        boot = today.replace(hour=BOOT_TIME[0], minute=BOOT_TIME[1], second=0, microsecond=0)
        story = today.replace(hour=STORY_TIME[0], minute=STORY_TIME[1], second=0, microsecond=0)
        info.update(
            system="Windows",
            release="10",
            version="10.0.22631",
            architecture="AMD64",
            frozen=True,
            distribution="10 10.0.22631",
            edition="Core",
            environment={},
            boot_time=boot.timestamp(),
            uptime_seconds=round((story - boot).total_seconds()),
        )
        return info

    def cpu_info() -> dict[str, Any]:
        return {
            "logical_cores": 4,
            "physical_cores": 2,
            "processor": "Intel64 Family 6 Model 69 Stepping 1, GenuineIntel",
            "frequency_mhz": {"current": 2494, "max": 2494},
            "load_average": [0.0, 0.0, 0.0],
        }

    def situation() -> dict[str, Any]:
        flags: dict[str, Any] = {"virtual_machine": None, "container": None, "remote_session": None, "managed": None}
        flags.update(windows_from_cim({"PartOfDomain": False}))
        flags["remote_session"] = {"value": False, "source": "GetSystemMetrics(SM_REMOTESESSION)"}
        flags["container"] = {"value": False, "source": "Windows desktop"}
        return flags

    def memory_info() -> dict[str, Any]:
        total = 8_460_000_000  # 7.88 GiB usable of 8 GB
        available = 2_890_000_000
        return {
            "total_bytes": total,
            "available_bytes": available,
            "used_percent": round(100 * (1 - available / total), 1),
            "swap_total_bytes": 0,
            "swap_used_percent": 0.0,
        }

    def disks_info() -> list[dict[str, Any]]:
        used = round(100 * (1 - FULL_DISK_FREE / FULL_DISK_TOTAL), 1)
        return [
            {
                "device": "C:\\",
                "mountpoint": "C:\\",
                "fstype": "NTFS",
                "options": "rw,fixed",
                "total_bytes": FULL_DISK_TOTAL,
                "free_bytes": FULL_DISK_FREE,
                "used_percent": used,
            }
        ]

    customer = {"os": os_info, "machine": dict, "cpu": cpu_info, "situation": situation, "memory": memory_info, "disks": disks_info}

    def use(windows: bool) -> None:
        """Windows for the customer's pictures; this machine's real system for support's picture of the bundle."""
        inventory.PARTS.update(customer if windows else real)

    use(True)
    return use


#: the customer's own time zone and language, as each reader's computer has them
CUSTOMER_LOCALES = {"en": ("Europe/London", 0, "GMT", "en_GB"), "fr": ("Europe/Paris", 60, "CET", "fr_FR")}


def customer_time_zone(facts: dict[str, Any], lang: str) -> None:
    """The time zone card says the customer's zone and language, not this build machine's.

    This machine is set to "Etc/UTC" and US English, so all-good-fr.png read « Fuseau horaire : Etc/UTC (UTC+00:00) ;
    langue et formats : anglais (États-Unis) » to a French customer.
    """
    tz = facts.get("os.timezone")
    if isinstance(tz, dict) and "zone" in tz:
        zone, minutes, abbreviation, locale = CUSTOMER_LOCALES[lang]
        tz.update(zone=zone, utc_offset_minutes=minutes, abbreviation=abbreviation, locale=locale, daylight_saving=False)


#: each day's own file number in the pictures (send round 11: "the same number as the day it worked?"), made of the
#: reference alphabet only (no 0/O, 1/I, 5/S…)
SENT_REFERENCE, NOT_SENT_REFERENCE, NOT_SENT_YET_REFERENCE, REQUEST_REFERENCE = "HT4-7KP-3WN", "R9M-C7F-6JX", "P4G-X7A-9TE", "K7H-94W-XCM"
#: support's request (ticket) number on the request pictures: send round 23 (fr) « « 123 », ça paraît trop simple pour être
#: un vrai numéro »: a number as a helpdesk that has answered many requests gives it
REQUEST_TICKET = "48213"


def replay_registry(real: Registry, facts: dict[str, Any], delay: float = 0.0) -> Registry:
    """The real checks, collecting the given facts instead of reading this computer (the n-th after n * delay seconds)."""
    reg = Registry()
    for index, cls in enumerate(real):
        if cls.id not in facts:
            continue
        data = facts[cls.id]

        def collect(self: Any, ctx: Any, data: Any = data, delay: float = delay * (index + 1)) -> Any:
            from selfcheck.api import SkipCheck
            from selfcheck.i18n import gettext

            if delay:
                time.sleep(delay)
            if isinstance(data, dict) and set(data) == {"skipped"}:
                # learnt once in English: said again in the picture's language, as the check itself would say it
                # (bundle-fr.png's "Non testé" lines read "This computer has no battery.")
                raise SkipCheck(gettext(data["skipped"]))
            return copy.deepcopy(data)

        replay = type(cls.__name__, (cls,), {"collect": collect, "__module__": cls.__module__})
        reg.register_class(replay, cls.source)
    return reg


def fit_whole(dialog: QWidget, width: int = 780) -> None:
    """``width`` wide and as tall as its page needs: the picture shows all of it (a short screen scrolls it instead)."""
    dialog.resize(width, 640)
    QApplication.processEvents()
    dialog.resize(width, max(640, dialog.sizeHint().height()))
    QApplication.processEvents()


def save(widget: QWidget, out: Path, name: str) -> None:
    QApplication.processEvents()
    widget.grab().save(str(out / f"{name}.png"))
    print("wrote", out / f"{name}.png")


#: the moment the pictures say the checks ran: readers shown "checked today at 00:12" (when the pictures
#: were made) asked who used their computer at midnight (verdict round 2); the repair offer said 03:16 (round 7)
DAYTIME = (10, 30)


def daytime_clock(hour: int = DAYTIME[0], minute: int = DAYTIME[1], step: timedelta = timedelta(milliseconds=1), days_before: int = 0) -> None:
    """Scans in these pictures start at hour:minute local time, today or ``days_before`` days before, ``step`` apart (so
    they stay in order); the real clock is untouched outside these scripts."""
    from selfcheck import runner

    start = datetime.now().astimezone().replace(hour=hour, minute=minute, second=0, microsecond=0) - timedelta(days=days_before)
    ticks = itertools.count()
    runner._now_iso = lambda: (start + step * next(ticks)).astimezone(UTC).isoformat(timespec="milliseconds")  # type: ignore[attr-defined]


class HomeAdministratorToken:
    """ctypes' Windows DLLs as a Windows home PC's first account answers: an administrator with UAC on (the limited
    half of a split token), no UAC policy changed. Only the token's questions are answered: nothing else is asked."""

    def __init__(self) -> None:
        self.advapi32 = self.kernel32 = self.shell32 = self

    def GetCurrentProcess(self) -> int:  # noqa: N802 - the Windows API's names
        return -1

    def OpenProcessToken(self, process: Any, access: int, token: Any) -> int:  # noqa: N802
        token._obj.value = 4
        return 1

    def GetTokenInformation(self, token: Any, kind: int, info: Any, size: int, needed: Any) -> int:  # noqa: N802
        from selfcheck.platforms.adminprompt import ELEVATION_LIMITED

        info._obj.value = ELEVATION_LIMITED
        return 1

    def CloseHandle(self, handle: Any) -> int:  # noqa: N802
        return 1

    def IsUserAnAdmin(self) -> int:  # noqa: N802 - the limited token holds Administrators for deny only
        return 0


def windows_home_account() -> None:
    """The pictures' computer is the customer's Windows home PC (windows_customer_os): its scans record what its
    administrator prompt asks its first account, an administrator with UAC on ("click “Yes”"), from the real reading
    of the token (selfcheck.platforms.adminprompt) given that PC's answers; this machine's own account is not asked."""
    from selfcheck.platforms import adminprompt

    adminprompt.admin_prompt = lambda *a, **k: adminprompt.windows_prompt(HomeAdministratorToken(), policy=lambda name: None)


#: the story's afternoon: every picture's own scan runs today from 15:10, 2 s apart
STORY_TIME = (15, 10)
#: when the customer switched the laptop on, the pictures' day: the morning before the afternoon's scans (send round 91
#: (fr): this machine's own boot time, « Allumé le : … 04:57 » : « je ne l'ai pas allumé à 5 heures du matin ! »)
BOOT_TIME = (8, 40)

#: the customer's check before the trouble began: some days before the pictures, at an ordinary hour. Send rounds 19-21
#: (en) read "It was still fine when this computer was checked today at 15:10, and no longer today at 15:11" on the
#: "When this started" card ("it filled up in one minute? … something is eating my computer"): every scan of the
#: pictures ran in the same minute, one story's healthy scan just before another's full disk
EARLIER_CHECK = (4, 9, 40)  # days before, hour, minute


#: when the customer's bundle of support's picture (bundle.png) was made: the story's afternoon, just after its scan. From
#: the real clock, bundle.png's "Date" and "Reference" changed at every run, so a committed picture could never be made again
BUNDLE_TIME = (15, 14)
#: that bundle's id, so its reference (derived from it) is the same at every run: "Reference: WTN-79G-3MF"
BUNDLE_ID = "5d2c8a41-7e0b-4c9f-9a36-2f1e8b7c4d10"


def earlier_check(config: Any, registry: Registry, facts: dict[str, Any]) -> None:
    """A story's history as a real customer's would be: only one earlier check, everything fine then, EARLIER_CHECK
    before today; the story's own scan then runs today at STORY_TIME."""
    from selfcheck import history, paths
    from selfcheck.history.store import DB_NAME

    for old in paths.user_data_dir().glob(DB_NAME + "*"):  # the other stories' scans (and the database's -wal, -shm)
        old.unlink()
    days, hour, minute = EARLIER_CHECK
    daytime_clock(hour, minute, timedelta(seconds=2), days_before=days)
    before = App(config, replay_registry(registry, with_devices(healthy(facts))), None)
    history.record_scan(before, Runner(before.registry, before.config).run())
    daytime_clock(*STORY_TIME, timedelta(seconds=2))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", default=str(ROOT / "docs" / "screenshots"))
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)

    from selfcheck import i18n
    from selfcheck.gui import support, theme
    from selfcheck.gui.application import create_qapplication
    from selfcheck.gui.mainwindow import MainWindow
    from selfcheck.gui.qt_translations import install_qt_translations
    from selfcheck.gui.support_dialog import SupportDialog
    from selfcheck.i18n import _

    daytime_clock(*STORY_TIME, timedelta(seconds=2))  # an ordinary afternoon, whenever the pictures are made
    windows_home_account()
    qapp = create_qapplication()
    from selfcheck.gui import gcguard

    gcguard.install(qapp)
    config_file = Path(os.environ["SELFCHECK_HOME"]) / "shots.toml"
    config_file.write_text('[checks]\ndisabled = ["network.*"]\n\n[support]\nkind = "intake"\nurl = "https://support.example.com"\n')
    real = app_mod.start([config_file], "en")
    # the network checks are only replayed (never run here); every one of them depends on network.link
    with_network = app_mod.start([], "en").registry
    theme.apply(qapp, real.config.get("branding.accent_color"))
    print("learning this computer's facts…")
    live = Runner(real.registry, real.config).run()
    facts = {cid: live.facts.get(cid, {"skipped": r.summary}) for cid, r in ((r.check_id, r) for r in live.results)}
    for r in live.results:
        if r.status.value == "skip" and r.check_id not in live.facts:
            facts[r.check_id] = {"skipped": r.summary}

    full_disk_inventory()
    customer_os = windows_customer_os()
    for lang in ("en", "fr"):
        suffix = "" if lang == "en" else "-fr"
        i18n.set_language(lang)
        customer_time_zone(facts, lang)
        # as a company hands it out: who support is, when they answer, how to reach them (the branding settings)
        real.config.data["branding"].update(example_branding(lang))

        def window_for(scenario: dict[str, Any], delay: float = 0.0, lang: str = lang, registry: Registry | None = None, earlier: bool = True) -> MainWindow:
            app = App(real.config, replay_registry(registry or real.registry, scenario, delay), None)
            if earlier:  # the customer's last check, days before this one (not before the healthy start: it shows no history)
                earlier_check(real.config, registry or real.registry, facts)
            window = MainWindow(app)
            install_qt_translations(lang)
            window.retranslate()
            window.resize(WIDTH, HEIGHT)
            window.show()
            QApplication.processEvents()
            return window

        window = window_for(healthy(facts), delay=0.25, earlier=False)
        save(window, out, f"start{suffix}")
        window.start_page.symptom_buttons[None].setChecked(True)
        window.start_scan(None)
        wait(int(0.25 * 1000 * 5.5))
        save(window, out, f"scanning{suffix}")
        wait_for(window.scan_shown)
        save(window, out, f"all-good{suffix}")
        window.close()

        window = window_for(problems(facts))
        window.start_scan(None)
        wait_for(window.scan_shown)
        save(window, out, f"problems{suffix}")
        repair_shots(window, out, suffix)

        window.close()
        window = window_for(no_network(facts, with_network), registry=with_network)
        window.start_page.symptom_buttons["internet"].setChecked(True)
        window.start_scan("internet")
        wait_for(window.scan_shown)
        cards = window.results_page.cards
        if "network.link" in cards:
            cards["network.link"].expander.setChecked(False)  # its advice is in the headline; show the consequences below
        wait(50)
        window.results_page.area.verticalScrollBar().setValue(0)  # the headline first, as the customer sees it
        wait(50)
        save(window, out, f"no-internet{suffix}")
        window.close()

        for symptom, name, cases in (
            ("printing", "printing", {"devices_printer": "linux_out_of_paper"}),
            ("calls", "calls", {"devices_microphone": "linux_hears_silence"}),
            ("calls", "calls-muted", {"devices_sound": "linux_muted"}),
        ):
            window = window_for(with_devices(healthy(facts), **cases))
            window.start_page.symptom_buttons[symptom].setChecked(True)
            window.start_scan(symptom)
            wait_for(window.scan_shown)
            wait(50)
            window.results_page.area.verticalScrollBar().setValue(0)
            wait(50)
            save(window, out, f"{name}{suffix}")
            window.close()

        window = window_for(problems(facts))
        window.start_scan(None)
        wait_for(window.scan_shown)
        if lang == "en":  # the same verdict with the system in dark mode
            theme.apply(qapp, real.config.get("branding.accent_color"), dark=True)
            wait(50)
            save(window, out, "problems-dark")
            theme.apply(qapp, real.config.get("branding.accent_color"), dark=False)
            wait(50)

        # the send pictures: the same story, and how the customer's computer connects (the review says it from
        # network.link's facts); support's picture of the bundle (below) stays this machine's own, from this window
        story = window
        window = window_for(on_a_cable(problems(facts)), registry=with_network)
        window.start_scan(None)
        wait_for(window.scan_shown)
        dialog = window.contact_support()
        assert isinstance(dialog, SupportDialog)
        dialog.what.setPlainText(
            "Le PC est très lent depuis la mise à jour, et je ne peux plus enregistrer de fichiers."
            if lang == "fr"
            else "The computer is very slow since the update, and I cannot save files any more."
        )
        dialog.since.setCurrentIndex(3)
        dialog.changed.setText("Une mise à jour" if lang == "fr" else "An update")
        dialog.email.setText("ann.martin@example.org")
        dialog.name.setText("Ann Martin")
        fit_whole(dialog)
        save(dialog, out, f"send-dialog{suffix}")
        dialog.next_button.click()
        deadline = time.monotonic() + 30
        while dialog.stack.currentIndex() != SupportDialog.REVIEW and time.monotonic() < deadline:
            wait(50)
        # as the window grows for the review where the screen has room (SupportDialog.grow_to_fit; this offscreen screen is
        # 800x600, smaller than the picture): as tall as the review needs, never shorter than the first page
        for _settle in range(3):  # the explanations take their height once laid out at their width
            QApplication.processEvents()
            dialog.resize(dialog.width(), max(dialog.height(), dialog.sizeHint().height()))
        QApplication.processEvents()
        save(dialog, out, f"send-review{suffix}")  # nothing chosen: what each group holds, readable without a click
        dialog.select("group", "computer")
        save(dialog, out, f"send-review-line{suffix}")
        dialog.show_outcome("sent", support_title_sent(), dialog.after_sending_text(), SENT_REFERENCE)
        save(dialog, out, f"send-done{suffix}")
        # sending failed (issue 21 item 8): the window's words from the real code, for a refusal (403) and for no answer
        from selfcheck.upload.destinations import AttemptError
        from selfcheck.upload.send import customer_words

        refused = AttemptError("misconfigured", "HTTP 403", permanent=True, code=403)
        from selfcheck.wording import company_name

        brand_company = company_name(dialog.app.config)
        dialog.show_outcome("failed", _("Not sent"), customer_words(refused, queued=False, who=brand_company), NOT_SENT_REFERENCE, kept_id="kept")
        save(dialog, out, f"send-not-sent{suffix}")
        with as_windows():  # where to open it again, as the installed app says it on the customer's Windows
            dialog.show_outcome(
                "queued", _("Not sent yet"), customer_words(AttemptError("offline"), queued=True), NOT_SENT_YET_REFERENCE, offline=True, at_login=True
            )
        save(dialog, out, f"send-not-sent-yet{suffix}")
        # support's picture of the bundle (bundle.png) stays a real bundle of this Linux machine: its disks, connections
        # and checks' facts are this machine's, and a Windows name beside them would tell support a story no computer told
        customer_os(False)
        with pinned_bundle(BUNDLE_ID, *BUNDLE_TIME):
            planned = support.plan(story.app, story.scan, dialog.description(), include_logs=dialog.include_logs.isChecked(), screenshot_png=None)
        customer_os(True)
        written = dialog.description().as_text()  # what they wrote, kept with the message as the window keeps it
        dialog.close()

        # a message support's server refused yesterday, kept on this computer: "Contact support" offers to send it
        from selfcheck.upload.outbox import FAILED, Outbox

        kept = support.write(planned)
        entry = Outbox().add(kept.path, {"kind": "intake", "url": "https://support.example.com"}, email="ann.martin@example.org", description=written)
        entry.status = FAILED
        entry.created = (datetime.now().replace(hour=16, minute=20, second=0, microsecond=0) - timedelta(days=1)).timestamp()
        Outbox().save(entry)
        window.support_draft = None  # another day: nothing typed yet (the end screens above were shown, not sent)
        dialog = window.contact_support()
        assert isinstance(dialog, SupportDialog)
        dialog.resize(780, dialog.sizeHint().height())  # the offer is the page, as tall as it needs (send rounds 65-66)
        save(dialog, out, f"send-kept{suffix}")
        dialog.kept_new_button.click()  # "Write a new message instead": the form, the offer above it
        fit_whole(dialog)
        save(dialog, out, f"send-kept-new{suffix}")
        dialog.close()
        # the same message refused for good (too big): shown above the form, only to be deleted
        entry.retry_may_help = False
        Outbox().save(entry)
        dialog = window.contact_support()
        assert isinstance(dialog, SupportDialog)
        fit_whole(dialog)
        save(dialog, out, f"send-kept-refused{suffix}")
        dialog.close()
        Outbox().remove(entry.bundle_id)

        # support's request link (issue 16): the window opens "Contact support" on the request, at the preview
        from selfcheck.upload.request import SupportRequest

        # send round 80 (en): a request about the printer, whose review quoted the scan's "Your computer is almost full": "Why
        # doesn't it say anything about the printer?" (the check found no printer fault). Support's request follows the call
        # this computer's story is about: the room left
        note = (
            "Merci de faire la vérification : nous verrons ce qui prend la place sur votre ordinateur."
            if lang == "fr"
            else "Please do the check, so that we can see what is taking up the room on your computer."
        )
        dialog = window.contact_support(request=SupportRequest(code="7K2QD-9XHMA", ticket=REQUEST_TICKET, note=note))
        assert isinstance(dialog, SupportDialog)
        dialog.what.setPlainText("Il me dit que l’ordinateur est presque plein." if lang == "fr" else "It tells me the computer is almost full.")
        fit_whole(dialog)
        save(dialog, out, f"request-words{suffix}")
        dialog.next_button.click()
        deadline = time.monotonic() + 30
        while dialog.stack.currentIndex() != SupportDialog.REVIEW and time.monotonic() < deadline:
            wait(50)
        # request round 48: the support banner above the review made it taller than the first page: its text was cut in
        # a scroll box of its own. As tall as the review needs; then (send round 14: "the text on the right is cut off at
        # the bottom": nothing was cut, but it ended on the list's edge) a little more room below it, as a person would give it
        fit_whole(dialog)
        dialog.resize(dialog.width(), dialog.height() + 60)
        QApplication.processEvents()
        save(dialog, out, f"request-review{suffix}")
        dialog.show_outcome("sent", support_title_sent(), dialog.after_sending_text(), REQUEST_REFERENCE)
        save(dialog, out, f"request-done{suffix}")
        dialog.close()

        window.close()
        window = story
        info = support.write(planned, Path(os.environ["SELFCHECK_HOME"]) / f"received{suffix}.zip")
        window.go_start()
        window.open_bundle(info.path)
        wait_for(window.scan_shown)
        save(window, out, f"bundle{suffix}")
        window.close()
    i18n.set_language("en")
    return 0


class WindowsSys:
    """``sys`` as selfcheck.api and selfcheck.buildinfo read it in the app installed on Windows (``sys.platform``
    "win32", ``sys.frozen``: the installer's one-folder app), everything else this machine's own."""

    platform = "win32"
    frozen = True

    def __getattr__(self, name: str) -> Any:
        return getattr(sys, name)


class RecordedRecycleBin:
    """The shell API's answer on the customer's computer: a Recycle Bin holding RECYCLE_BIN_BYTES (never emptied here)."""

    def SHQueryRecycleBinW(self, root: Any, info: Any) -> int:  # noqa: N802 - the Windows API's name
        info._obj.i64Size = RECYCLE_BIN_BYTES
        return 0


@contextlib.contextmanager
def as_windows() -> Iterator[None]:
    """The repair pictures as the customer's Windows computer shows them (send round 18: "it's the Recycle Bin").

    The repair words follow the platform selfcheck runs on (Repair.platform_texts, wording.trash): only Linux runs
    here, so selfcheck.api is told it is on Windows while the pictures are made, and the Recycle Bin's size is the
    shell API's answer at its boundary (as tests/repairs/test_platform_commands.py gives it). Nothing is run.
    """
    from selfcheck import api, buildinfo
    from selfcheck.repairs import REPAIRS

    bin_action = REPAIRS["storage.empty_trash"].actions["windows"]
    real_sys, real_shell = api.sys, getattr(bin_action, "_shell32", None)
    api.sys = buildinfo.sys = WindowsSys()  # type: ignore[assignment]
    bin_action._shell32 = RecordedRecycleBin()  # type: ignore[attr-defined]
    try:
        yield
    finally:
        api.sys = buildinfo.sys = real_sys
        bin_action._shell32 = real_shell  # type: ignore[attr-defined]


def repair_shots(window: Any, out: Path, suffix: str) -> None:
    """The disk card's repair offer, the consent dialog, and how it ends (the repair itself is not run here)."""
    with as_windows():
        windows_repair_shots(window, out, suffix)


def windows_repair_shots(window: Any, out: Path, suffix: str) -> None:
    from selfcheck.gui.repair_dialog import RepairDialog
    from selfcheck.i18n import _
    from selfcheck.wording import room_of

    card = window.results_page.cards.get("hardware.disk")
    if card is None:
        return
    card.expander.setChecked(True)
    # the repairs wait folded under "More ways to make room", as the customer first sees them (send round 13: "Clear
    # away files programs left behind" unfolded lost both readers; the consent screen says what it does)
    more = window.results_page.headline_card.more_expander
    # verdict round 13: the French offer's last line ("Depuis quand") was cut at the window's bottom edge: the window is
    # made as tall as what sits above the "not urgent" fold (the offer and the card under it), and shows it from the top
    page = window.results_page
    last = page.later_expander or more or card
    # send round 33 (en, fr): "1 other thing we noticed, nothing urgent: what thing?": the fold is open on this screen (a
    # thing related to the problem), so what it holds is shown too, as the person sees it by scrolling
    if page.later_expander is not None and page.later_expander.isChecked():
        last = next((s for g, s in page.group_sections.items() if g != "also"), last)
    window.resize(WIDTH, VERDICT_HEIGHT)
    wait(50)
    page.area.verticalScrollBar().setValue(0)
    wait(50)
    bottom = last.mapTo(page.area.widget(), QPoint(0, last.height())).y() + 16
    window.resize(WIDTH, max(HEIGHT, window.height() + bottom - page.area.contentsRect().height()))  # the whole view (WholeLines may leave its bottom empty)
    wait(50)
    page.area.verticalScrollBar().setValue(0)
    wait(50)
    save(window, out, f"repair-offer{suffix}")
    window.resize(WIDTH, HEIGHT)
    dialog = window.offer_repair("hardware.disk", "storage.empty_trash")
    assert isinstance(dialog, RepairDialog)
    while not dialog.ready:
        wait(50)
    wait(50)
    save(dialog, out, f"repair-consent{suffix}")
    # the repair's own words for what it did (storage.EmptyTrash.run): the room the trash held, the consent's number
    from selfcheck.api import current_platform
    from selfcheck.wording import with_trash

    done = with_trash(_("{trash} is empty: that made {room}."), current_platform(), room=room_of(RECYCLE_BIN_BYTES))
    done += " " + _("This program checked again: the problem is solved.")
    dialog.progress.hide()
    dialog._show_end(done, [])
    wait(50)
    save(dialog, out, f"repair-done{suffix}")
    dialog.close()
    from selfcheck.repairs import model

    model.running_as_admin = lambda: False  # as a customer sees it (these shots may be made as root)
    admin = window.offer_repair("hardware.disk", "network.renew_address")  # one that needs administrator rights
    assert isinstance(admin, RepairDialog)
    while not admin.ready:
        wait(50)
    wait(50)
    save(admin, out, f"repair-consent-admin{suffix}")
    admin.close()


def support_title_sent() -> str:
    from selfcheck.i18n import _

    return _("Sent. Thank you!")


if __name__ == "__main__":
    raise SystemExit(main())
