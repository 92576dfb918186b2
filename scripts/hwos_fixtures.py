"""Regenerates tests/fixtures/checks/<id>/<case>.json for the hardware, OS and security checks.

Windows and macOS facts are built by parsing the recorded outputs in
tests/fixtures/hwos/ with the same parsers collect() uses. Run:
.venv/bin/python scripts/hwos_fixtures.py
"""

import json
import plistlib
import sys
from pathlib import Path

ROOT_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT_DIR / "tests"))
from hwos_fixtures import ROOT as HROOT  # noqa: E402 - after the sys.path change
from hwos_fixtures import recorded  # noqa: E402 - after the sys.path change
from real_outputs import format_list_as_json, format_table_as_json, ioreg_rn, real  # noqa: E402 - after the sys.path change
from selfcheck.platforms import linux, macos, windows  # noqa: E402 - after the sys.path change

OUT = ROOT_DIR / "tests" / "fixtures" / "checks"
GENERATED_BY = "scripts/hwos_fixtures.py: edit the script and run it again, not this file"


def case(check, name, platform, expect, facts, thresholds=None):
    d = OUT / check
    d.mkdir(parents=True, exist_ok=True)
    data = {"generated_by": GENERATED_BY, "platform": platform, "expect": expect, "facts": facts}
    if thresholds:
        data["thresholds"] = thresholds
    (d / f"{name}.json").write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


GB = 1_000_000_000
# ---------------- hardware.cpu
base_cpu = {"logical_cpus": 4, "physical_cpus": 2, "model": "Intel(R) Core(TM) i5-8350U CPU @ 1.70GHz", "window_seconds": 0.1, "temperatures": []}
case(
    "hardware.cpu",
    "linux_idle",
    "linux",
    "pass",
    {
        **base_cpu,
        "total_percent": 6.3,
        "processes": [{"pid": 1822, "name": "gnome-shell", "core_percent": 9.8, "percent": 2.5}],
        "load_average": [0.41, 0.35, 0.3],
        "load5_per_core": 0.09,
        "throttle_counts": {"core": 12, "package": 12},
    },
)
case(
    "hardware.cpu",
    "linux_busy_firefox",
    "linux",
    "fail",
    {
        **base_cpu,
        "window_seconds": 1.0,
        "total_percent": 99.1,
        "processes": [
            {"pid": 8811, "name": "firefox", "core_percent": 287.0, "percent": 71.8},
            {"pid": 9120, "name": "Isolated Web Co", "core_percent": 96.0, "percent": 24.0},
        ],
        "load_average": [6.1, 5.2, 3.9],
        "load5_per_core": 1.3,
    },
)
case(
    "hardware.cpu",
    "linux_short_peak",
    "linux",
    "info",
    {
        **base_cpu,
        "window_seconds": 1.0,
        "total_percent": 91.0,
        "processes": [{"pid": 4410, "name": "packagekitd", "core_percent": 350.0, "percent": 87.5}],
        "load_average": [1.2, 0.6, 0.4],
        "load5_per_core": 0.15,
    },
)
case(
    "hardware.cpu",
    "linux_overheating",
    "linux",
    "fail",
    {
        **base_cpu,
        "total_percent": 35.0,
        "processes": [],
        "load5_per_core": 0.4,
        "temperatures": [{"sensor": "coretemp", "label": "Package id 0", "current": 101.0, "high": 84.0, "critical": 100.0}],
    },
)
case(
    "hardware.cpu",
    "macos_throttled",
    "darwin",
    "warn",
    {
        **base_cpu,
        "logical_cpus": 8,
        "physical_cpus": 4,
        "model": "Intel(R) Core(TM) i7-8569U CPU @ 2.80GHz",
        "total_percent": 41.0,
        "processes": [{"pid": 712, "name": "kernel_task", "core_percent": 210.0, "percent": 26.3}],
        "load5_per_core": 0.6,
        "thermal": macos.parse_pmset_therm(recorded("macos", "pmset_therm_hot.txt")),
    },
)
case(
    "hardware.cpu",
    "windows_defender_scan",
    "windows",
    "warn",
    {
        **base_cpu,
        "logical_cpus": 8,
        "physical_cpus": 4,
        "model": "11th Gen Intel(R) Core(TM) i5-1145G7 @ 2.60GHz",
        "window_seconds": 1.0,
        "total_percent": 88.4,
        "processes": [
            {"pid": 4012, "name": "MsMpEng.exe", "core_percent": 410.0, "percent": 51.3},
            {"pid": 9920, "name": "chrome.exe", "core_percent": 150.0, "percent": 18.8},
        ],
    },
)
# ---------------- hardware.memory
mem = {
    "total": 16 * GB,
    "swap_total": 2 * GB,
    "swap_used": 0,
    "swap_percent": 0.0,
    "processes": [{"pid": 8811, "name": "firefox", "rss": 2_100_000_000}, {"pid": 1822, "name": "gnome-shell", "rss": 410_000_000}],
}
case(
    "hardware.memory",
    "linux_ok",
    "linux",
    "pass",
    {**mem, "available": 9 * GB, "percent_used": 43.7, "pressure": linux.parse_psi(recorded("linux", "psi_memory_idle.txt"))},
)
case(
    "hardware.memory",
    "linux_thrashing",
    "linux",
    "fail",
    {
        **mem,
        "total": 4 * GB,
        "available": int(0.5 * GB),
        "percent_used": 87.5,
        "swap_used": int(1.9 * GB),
        "swap_percent": 95.0,
        "pressure": linux.parse_psi(real("linux", "psi_memory_thrashing_issue.txt")),
    },
)
case(
    "hardware.memory",
    "windows_low",
    "windows",
    "warn",
    {
        **mem,
        "total": 8 * GB,
        "available": int(0.6 * GB),
        "percent_used": 92.5,
        "processes": [{"pid": 9920, "name": "chrome.exe", "rss": 1_900_000_000}, {"pid": 4012, "name": "Teams.exe", "rss": 800_000_000}],
    },
)
case(
    "hardware.memory",
    "macos_swapping",
    "darwin",
    "warn",
    {
        **mem,
        "total": 8 * GB,
        "available": int(1.2 * GB),
        "percent_used": 85.0,
        "swap_total": 4 * GB,
        "swap_used": int(3.5 * GB),
        "swap_percent": 87.5,
        "processes": [{"pid": 511, "name": "Google Chrome Helper (Renderer)", "rss": 1_400_000_000}],
    },
)


# ---------------- hardware.disk
def vol(mp, role, total, free, fstype="ext4", device="/dev/nvme0n1p2", **kw):
    return {"mountpoint": mp, "device": device, "fstype": fstype, "role": role, "total": total, "free": free, "readonly": False, "removable": False, **kw}


no_smart = {"available": False, "reason": "smartctl is not installed"}
case(
    "hardware.disk",
    "linux_ok",
    "linux",
    "pass",
    {
        "platform": "linux",
        "volumes": [
            vol("/", "system", 250 * GB, 120 * GB, inodes_total=15_000_000, inodes_free=14_000_000),
            vol("/home", "home", 700 * GB, 300 * GB, device="/dev/nvme0n1p3"),
        ],
        "smart": {"available": True, "disks": [linux.parse_smartctl_json(real("linux", "smartctl_j_nvme_ok_samsung_970_evo_plus.json"))]},
    },
)
case(
    "hardware.disk",
    "linux_nearly_full_tmpfs",
    "linux",
    "warn",
    {
        "platform": "linux",
        "volumes": [vol("/", "system", 250 * GB, 120 * GB), vol("/tmp", "other", 8 * GB, int(0.3 * GB), fstype="tmpfs", device="tmpfs")],
        "smart": no_smart,
    },
)
case(
    "hardware.disk",
    "linux_readonly_system",
    "linux",
    "fail",
    {"platform": "linux", "volumes": [vol("/", "system", 250 * GB, 120 * GB, readonly=True)], "smart": no_smart}
    | {"volumes": [dict(vol("/", "system", 250 * GB, 120 * GB), readonly=True)]},
)
case(
    "hardware.disk",
    "linux_inodes_exhausted",
    "linux",
    "fail",
    {"platform": "linux", "volumes": [vol("/", "system", 250 * GB, 80 * GB, inodes_total=15_000_000, inodes_free=1200)], "smart": no_smart},
)
case(
    "hardware.disk",
    "linux_smart_failing",
    "linux",
    "fail",
    {
        "platform": "linux",
        "volumes": [vol("/", "system", 3200 * GB, 400 * GB, device="/dev/nvme0n1p2")],
        "smart": {"available": True, "disks": [linux.parse_smartctl_json(real("linux", "smartctl_j_nvme_failed_samsung_mzwll3t2.json"))]},
    },
)
case(
    "hardware.disk",
    "linux_smart_bad_sectors",
    "linux",
    "warn",
    {
        "platform": "linux",
        "volumes": [vol("/", "system", 1000 * GB, 400 * GB, device="/dev/sdd2")],
        "smart": {"available": True, "disks": [linux.parse_smartctl_json(real("linux", "smartctl_j_ata_bad_sectors_hgst.json"))]},
    },
)
case(
    "hardware.disk",
    "windows_c_full",
    "windows",
    "fail",
    {
        "platform": "windows",
        "volumes": [
            vol("C:\\", "system", int(237.9 * GB), int(0.6 * GB), fstype="ntfs", device="C:\\"),
            vol("D:\\", "other", 1000 * GB, 640 * GB, fstype="ntfs", device="D:\\"),
        ],
        "smart": no_smart,
        "trash": None,
    },
)
case(
    "hardware.disk",
    "windows_ok",
    "windows",
    "pass",
    {"platform": "windows", "volumes": [vol("C:\\", "system", int(476 * GB), int(212 * GB), fstype="ntfs", device="C:\\")], "smart": no_smart},
)
case(
    "hardware.disk",
    "macos_sealed_system_ok",
    "darwin",
    "pass",
    {
        "platform": "darwin",
        "volumes": [
            dict(vol("/", "system", 494 * GB, 211 * GB, fstype="apfs", device="/dev/disk3s1s1"), readonly=True),
            vol("/System/Volumes/Data", "home", 494 * GB, 211 * GB, fstype="apfs", device="/dev/disk3s5"),
        ],
        "smart": no_smart,
    },
)
case(
    "hardware.disk",
    "macos_data_almost_full",
    "darwin",
    "warn",
    {
        "platform": "darwin",
        "volumes": [
            dict(vol("/", "system", 245 * GB, int(14 * GB), fstype="apfs", device="/dev/disk3s1s1"), readonly=True),
            vol("/System/Volumes/Data", "home", 245 * GB, int(14 * GB), fstype="apfs", device="/dev/disk3s5"),
        ],
        "smart": no_smart,
        "trash": {"bytes": 3_200_000_000, "complete": True},
    },
)


case(
    "hardware.disk",
    "windows_disk_health_warning",
    "windows",
    "warn",
    {
        "platform": "windows",
        "volumes": [vol("C:\\", "system", int(476 * GB), int(212 * GB), fstype="ntfs", device="C:\\")],
        "smart": {
            "available": True,
            "source": "Get-PhysicalDisk",
            "disks": windows.parse_physical_disks_json(recorded("windows", "physicaldisk_warning.json")),
        },
    },
)
case(
    "hardware.disk",
    "macos_diskutil_verified",
    "darwin",
    "pass",
    {
        "platform": "darwin",
        "volumes": [vol("/System/Volumes/Data", "home", 494 * GB, 211 * GB, fstype="apfs", device="/dev/disk3s5")],
        "smart": {
            "available": True,
            "source": "diskutil",
            "disks": [
                macos.parse_diskutil_smart(plistlib.loads((ROOT_DIR / "tests" / "fixtures" / "macos" / "diskutil_info_disk0_intel_nvme.plist").read_bytes()))
            ],
        },
    },
)


# ---------------- hardware.battery
def lbat(name):
    return linux.battery_from_uevent(linux.parse_uevent(recorded("linux", name)))


case(
    "hardware.battery",
    "linux_thinkpad_charge_threshold",
    "linux",
    "pass",
    {"platform": "linux", "percent": 78.0, "plugged": True, "batteries": [lbat("uevent_BAT0_thinkpad.txt")]},
)
case(
    "hardware.battery",
    "linux_worn_hp",
    "linux",
    "warn",
    {"platform": "linux", "percent": 55.0, "plugged": False, "batteries": [lbat("uevent_BAT1_charge.txt")]},
)
case(
    "hardware.battery",
    "macos_apple_silicon_good",
    "darwin",
    "pass",
    {
        "platform": "darwin",
        "percent": 59,
        "plugged": True,
        "batteries": [macos.parse_ioreg_battery(ioreg_rn("macos", "ioreg_applesmartbattery_m1pro_15.json"))],
    },
)
case(
    "hardware.battery",
    "macos27_apple_silicon_good",
    "darwin",
    "pass",
    {
        "platform": "darwin",
        "percent": 34,
        "plugged": True,
        "batteries": [macos.parse_ioreg_battery(ioreg_rn("macos", "ioreg_applesmartbattery_m2air_27.json", has_children=True))],
    },
)
case(
    "hardware.battery",
    "macos_intel_worn_not_charging",
    "darwin",
    "warn",
    {"platform": "darwin", "percent": 41, "plugged": True, "batteries": [macos.parse_ioreg_battery(recorded("macos", "ioreg_battery_intel_worn.txt"))]},
)
case(
    "hardware.battery",
    "windows_battery_report_aged",
    "windows",
    "info",
    {
        "platform": "windows",
        "percent": 90,
        "plugged": True,
        # a real Dell Inspiron 5593's report (tests/fixtures/windows/SOURCES): 63 % of its design capacity
        "batteries": windows.parse_battery_report_xml(real("windows", "batteryreport_xml_inspiron5593_aged.xml.gz")),
    },
)
case(
    "hardware.battery",
    "linux_not_charging_plugged",
    "linux",
    "warn",
    {
        "platform": "linux",
        "percent": 35.0,
        "plugged": True,
        "batteries": [
            {
                "name": "BAT0",
                "status": "Not charging",
                "percent": 35,
                "full_capacity": 45000000,
                "design_capacity": 50000000,
                "cycle_count": 150,
                "charge_end_threshold": None,
            }
        ],
    },
)


# ---------------- hardware.sensors
def t(chip, label, cur, high=None, crit=None):
    return {"chip": chip, "label": label, "current": cur, "high": high, "critical": crit}


case(
    "hardware.sensors",
    "linux_normal",
    "linux",
    "pass",
    {
        "temperatures": [t("coretemp", "Package id 0", 52.0, 100.0, 100.0), t("nvme", "Composite", 38.9, 84.8, 84.8), t("acpitz", "acpitz", 27.8)],
        "fans": [{"chip": "thinkpad", "label": "thinkpad", "rpm": 2300}],
    },
)
case(
    "hardware.sensors",
    "linux_nvme_hot",
    "linux",
    "warn",
    {"temperatures": [t("coretemp", "Package id 0", 61.0, 100.0, 100.0), t("nvme", "Composite", 79.9, 74.8, 84.8)], "fans": []},
)
case(
    "hardware.sensors",
    "linux_cpu_critical",
    "linux",
    "fail",
    {"temperatures": [t("k10temp", "Tctl", 99.5, None, 95.0)], "fans": [{"chip": "dell_smm", "label": "Processor Fan", "rpm": 0}]},
)


# ---------------- os.version / security.os_support
def iptables_s_input(full):
    """What `iptables -S INPUT` prints: the -P INPUT / -A INPUT lines of a recorded full `iptables -S`."""
    return "".join(line for line in full.splitlines(keepends=True) if line.split()[1:2] == ["INPUT"])


def rel(name):
    r = linux.parse_os_release(recorded("linux", name) if name == "os-release_debian12.txt" else real("linux", name))
    return {
        "system": "linux",
        "id": r["ID"],
        "id_like": r.get("ID_LIKE", "").split(),
        "version_id": r.get("VERSION_ID", ""),
        "codename": r.get("VERSION_CODENAME", ""),
        "pretty_name": r["PRETTY_NAME"],
        "kernel": "6.1.0-18-amd64",
    }


def mac(name):
    v = macos.parse_sw_vers(real("macos", name) if name.endswith("_issue.txt") else recorded("macos", name))
    return {
        "system": "darwin",
        "pretty_name": f"{v['ProductName']} {v['ProductVersion']}",
        "product_version": v["ProductVersion"],
        "build": v["BuildVersion"],
        "kernel": "23.4.0",
    }


win10 = windows.windows_version_facts({"ProductName": "Windows 10 Home", "DisplayVersion": "22H2", "CurrentBuild": "19045", "UBR": 4170, "EditionID": "Core"})
win11 = windows.windows_version_facts(
    {"ProductName": "Windows 10 Pro", "DisplayVersion": "25H2", "CurrentBuild": "26200", "UBR": 7171, "EditionID": "Professional"}
)
for check, ended in (("os.version", "warn"), ("security.os_support", "fail")):
    case(check, "linux_debian12", "linux", "pass", {**rel("os-release_debian12.txt"), "today": "2026-11-25"})
    case(check, "linux_fedora42_ended", "linux", ended, {**rel("os-release_fedora42.txt"), "today": "2026-11-25"})
    case(check, "windows10_22h2_ended", "windows", ended, {**win10, "today": "2026-11-25"})
    case(check, "windows11_25h2", "windows", "pass", {**win11, "today": "2026-11-25"})
    case(check, "macos1015_ended", "darwin", ended, {**mac("sw_vers_10.15.5_issue.txt"), "today": "2026-11-25"})
    case(check, "macos14_supported", "darwin", "pass", {**mac("sw_vers_14.txt"), "today": "2026-01-10"})
    case(check, "ubuntu2404_ending_soon", "linux", "warn", {**rel("os-release_ubuntu2404.txt"), "today": "2029-03-15"})
case(
    "os.version",
    "linux_unknown_distribution",
    "linux",
    "info",
    {"system": "linux", "id": "gentoo", "version_id": "2.15", "pretty_name": "Gentoo Linux", "today": "2026-11-25"},
)
case(
    "security.os_support",
    "linux_unknown_distribution",
    "linux",
    "skip",
    {"system": "linux", "id": "gentoo", "version_id": "2.15", "pretty_name": "Gentoo Linux", "today": "2026-11-25"},
)
# ---------------- os.restart_pending
case(
    "os.restart_pending",
    "linux_nothing_pending",
    "linux",
    "pass",
    {"platform": "linux", "reasons": [], "running_kernel": "6.1.0-18-amd64", "installed_kernels": ["6.1.0-17-amd64", "6.1.0-18-amd64"]},
)
case(
    "os.restart_pending",
    "linux_reboot_required",
    "linux",
    "warn",
    {
        "platform": "linux",
        "reasons": ["reboot-required"],
        "packages": ["linux-image-6.5.0-26-generic", "libc6"],
        "running_kernel": "6.5.0-25-generic",
        "installed_kernels": ["6.5.0-25-generic", "6.5.0-26-generic"],
    },
)
case(
    "os.restart_pending",
    "linux_debian_newer_kernel",
    "linux",
    "warn",
    {
        "platform": "linux",
        "reasons": ["newer-kernel-installed"],
        "running_kernel": "6.1.0-17-amd64",
        "installed_kernels": ["6.1.0-17-amd64", "6.1.0-18-amd64"],
    },
)
case("os.restart_pending", "windows_update_waiting", "windows", "warn", {"platform": "windows", "reasons": ["windows_update"]})
case(
    "os.restart_pending",
    "macos_update_ready",
    "darwin",
    "info",
    {
        "platform": "darwin",
        "reasons": ["macos-update-waiting"],
        "updates": macos.parse_softwareupdate_plist(plistlib.loads((HROOT / "macos" / "softwareupdate.plist").read_bytes()))["updates"],
    },
)
# ---------------- os.crashes
case(
    "os.crashes",
    "linux_coredumps",
    "linux",
    "warn",
    {"days": 7, "crashes": linux.parse_coredumpctl_json(recorded("linux", "coredumpctl_list.json")), "system_crashes": [], "sources": ["coredumpctl"]},
)
case(
    "os.crashes",
    "linux_one_crash",
    "linux",
    "pass",
    {
        "days": 7,
        "crashes": (linux.parse_journal_coredumps_json(recorded("linux", "journal_coredumps.json")) or [])[:1],
        "system_crashes": [],
        "sources": ["journal"],
    },
)
wapp = [
    {"program": e["program"] or e["source"], "time": e["time"], "event_id": e["event_id"]}
    for e in windows.parse_wevtutil_text(recorded("windows", "wevtutil_application_en.txt"))
]
case(
    "os.crashes",
    "windows_app_crashes",
    "windows",
    "warn",
    {"days": 7, "crashes": wapp, "system_crashes": [], "sources": ["eventlog:Application", "eventlog:System"]},
)
wsys = [
    {"kind": {41: "power_loss", 6008: "unexpected_shutdown"}[e["event_id"]], "time": e["time"]}
    for e in windows.parse_wevtutil_text(recorded("windows", "wevtutil_system_en.txt"))
]
case(
    "os.crashes",
    "windows_power_loss",
    "windows",
    "warn",
    {"days": 7, "crashes": [], "system_crashes": wsys, "sources": ["eventlog:Application", "eventlog:System"]},
)
wfr = [
    {"program": e["program"], "time": e["time"], "event_id": e["event_id"]}
    for e in windows.parse_wevtutil_text(recorded("windows", "wevtutil_application_fr.txt"))
]
case(
    "os.crashes",
    "windows_french_one_crash",
    "windows",
    "pass",
    {"days": 7, "crashes": wfr, "system_crashes": [], "sources": ["eventlog:Application", "eventlog:System"]},
)
case(
    "os.crashes",
    "macos_kernel_panic",
    "darwin",
    "warn",
    {
        "days": 7,
        "crashes": [macos.parse_ips_header(real("macos", "ips_309_crashingtest_12.4_macmini.ips").splitlines()[0], "single-target-crash.ips")],
        "system_crashes": [macos.parse_ips_header(recorded("macos", "ips_panic.txt").splitlines()[0])],
        "sources": ["/Users/marie/Library/Logs/DiagnosticReports", "/Library/Logs/DiagnosticReports"],
    },
)
case(
    "os.crashes", "macos_quiet", "darwin", "pass", {"days": 7, "crashes": [], "system_crashes": [], "sources": ["/Users/marie/Library/Logs/DiagnosticReports"]}
)
# ---------------- os.timezone
case(
    "os.timezone",
    "linux_paris",
    "linux",
    "info",
    {"abbreviation": "CET", "utc_offset_minutes": 60, "daylight_saving": False, "zone": "Europe/Paris", "locale": "fr_FR", "encoding": "UTF-8"},
)
case(
    "os.timezone",
    "windows_romance",
    "windows",
    "info",
    {
        "abbreviation": "Romance Standard Time",
        "utc_offset_minutes": 60,
        "daylight_saving": False,
        "zone": "Romance Standard Time",
        "locale": "fr_FR",
        "encoding": "cp1252",
    },
)
case(
    "os.timezone",
    "zone_not_set",
    "linux",
    "warn",
    {"abbreviation": "UTC", "utc_offset_minutes": 0, "daylight_saving": False, "zone": "", "locale": "", "encoding": "UTF-8"},
)
# ---------------- security.firewall
case(
    "security.firewall",
    "windows_english_on",
    "windows",
    "pass",
    {"platform": "windows", "profiles": windows.parse_netsh_firewall(recorded("windows", "netsh_allprofiles_en.txt"))},
)
case(
    "security.firewall",
    "windows_french_public_off",
    "windows",
    "warn",
    {"platform": "windows", "profiles": windows.parse_netsh_firewall(recorded("windows", "netsh_allprofiles_fr.txt"))},
)
case(
    "security.firewall",
    "macos_on",
    "darwin",
    "pass",
    {
        "platform": "darwin",
        "enabled": macos.parse_socketfilterfw(real("macos", "socketfilterfw_getglobalstate_blockall_issue.txt")),
        "output": real("macos", "socketfilterfw_getglobalstate_blockall_issue.txt").strip(),
    },
)
case(
    "security.firewall",
    "macos_off",
    "darwin",
    "warn",
    {
        "platform": "darwin",
        "enabled": macos.parse_socketfilterfw(real("macos", "socketfilterfw_setglobalstate_off_issue.txt")),
        "output": real("macos", "socketfilterfw_setglobalstate_off_issue.txt").strip(),
    },
)
case(
    "security.firewall",
    "macos_off_company_policy_fail",
    "darwin",
    "fail",
    {"platform": "darwin", "enabled": False, "output": "Firewall is disabled. (State = 0)"},
    {"off_status": "fail"},
)
case(
    "security.firewall",
    "linux_firewalld",
    "linux",
    "pass",
    {"platform": "linux", "root": True, "backends": {"firewalld": True, "nftables": linux.parse_nft_ruleset(real("linux", "nft_list_ruleset_firewalld.nft"))}},
)
case(
    "security.firewall",
    "linux_ufw",
    "linux",
    "pass",
    {
        "platform": "linux",
        "root": True,
        "backends": {"ufw_configured": True, "ufw": True, "iptables": linux.parse_iptables_s(iptables_s_input(real("linux", "iptables_S_ufw_f2b_issue.txt")))},
    },
)
case(
    "security.firewall",
    "linux_ufw_debian12",
    "linux",
    "pass",
    {
        "platform": "linux",
        "root": True,
        "backends": {
            "ufw_configured": linux.parse_ufw_conf(recorded("linux", "ufw_conf_enabled.txt")),
            "ufw": linux.parse_ufw_status(recorded("linux", "ufw_status_active.txt")),
            "nftables": linux.parse_nft_ruleset(recorded("linux", "nft_list_ruleset_ufw.txt")),
            "iptables": linux.parse_iptables_s(recorded("linux", "iptables_S_INPUT_ufw.txt")),
        },
    },
)
case(
    "security.firewall",
    "linux_nothing",
    "linux",
    "warn",
    {
        "platform": "linux",
        "root": True,
        "backends": {
            "nftables": linux.parse_nft_ruleset(real("linux", "nft_list_ruleset_docker_nat_issue.txt")),
            "iptables": linux.parse_iptables_s(recorded("linux", "iptables_S_INPUT_open.txt")),
        },
    },
)
case("security.firewall", "linux_needs_root", "linux", "skip", {"platform": "linux", "root": False, "backends": {}, "unreadable": ["nft", "iptables"]})
# ---------------- security.updates
case(
    "security.updates",
    "linux_apt_security_pending",
    "linux",
    "warn",
    {
        "platform": "linux",
        "today": "2026-11-25",
        "manager": "apt",
        **linux.parse_apt_simulate(recorded("linux", "apt_simulate_debian12.txt")),
        "info_age_days": 0.4,
    },
)
case(
    "security.updates",
    "linux_apt_up_to_date",
    "linux",
    "pass",
    {
        "platform": "linux",
        "today": "2026-11-25",
        "manager": "apt",
        "count": 0,
        "security_count": 0,
        "packages": [],
        "security_packages": [],
        "info_age_days": 1.2,
    },
)
case(
    "security.updates",
    "linux_apt_lists_stale",
    "linux",
    "warn",
    {
        "platform": "linux",
        "today": "2026-11-25",
        "manager": "apt",
        "count": 0,
        "security_count": 0,
        "packages": [],
        "security_packages": [],
        "info_age_days": 63.0,
    },
)
case(
    "security.updates",
    "linux_dnf_pending",
    "linux",
    "info",
    {
        "platform": "linux",
        "today": "2026-11-25",
        "manager": "dnf",
        **linux.parse_dnf_check_update("firefox.x86_64  124.0-1.fc40  updates\n", 100),
        "info_age_days": 0.5,
    },
)
# Get-HotFix of a real German Windows 11 (tests/fixtures/windows/SOURCES), pasted on 2023-05-19, last updates 2023-05-12
hot = windows.parse_hotfix_json(format_table_as_json("windows", "get_hotfix_table_de_win11_issue.txt", {"InstalledOn": "%d.%m.%Y %H:%M:%S"}))
case("security.updates", "windows_recent", "windows", "pass", {"platform": "windows", "today": "2023-05-19", "manager": "windows_update", **hot})
case("security.updates", "windows_stale", "windows", "warn", {"platform": "windows", "today": "2023-07-01", "manager": "windows_update", **hot})
case(
    "security.updates",
    "macos_update_pending",
    "darwin",
    "warn",
    {
        "platform": "darwin",
        "today": "2024-03-12",
        "manager": "softwareupdate",
        **macos.parse_softwareupdate_plist(plistlib.loads((HROOT / "macos" / "softwareupdate.plist").read_bytes())),
    },
)
case(
    "security.updates",
    "macos_one_update_10_9",
    "darwin",
    "info",
    {
        "platform": "darwin",
        "today": "2014-01-06",
        "manager": "softwareupdate",
        **macos.parse_softwareupdate_plist(
            plistlib.loads((ROOT_DIR / "tests" / "fixtures" / "macos" / "softwareupdate_plist_10.9.1_one_update.plist").read_bytes())
        ),
    },
)
# The system adds updates by itself. unattended-upgrades on: the apt-config dump of a Debian 13 desktop (ROCm/ROCm#5619,
# tests/fixtures/linux/SOURCES), the program installed and apt-daily-upgrade.timer enabled, as that package leaves them; the
# waiting updates are this project's recorded Debian 12 apt-get -s (7 that protect the computer).
apt_pending = linux.parse_apt_simulate(recorded("linux", "apt_simulate_debian12.txt"))
apt_auto_on = {"read": True, **linux.apt_automatic_settings(real("linux", "apt_config_dump_grep_APT_trixie_issue.txt")), "program": True, "timer": "enabled"}
apt_base = {"platform": "linux", "today": "2026-11-25", "manager": "apt", **apt_pending, "info_age_days": 0.4}
# the lists brought these updates after the last unattended run (lists_changed_days 0.4, run 0.6): the next run adds them
case("security.updates", "linux_apt_auto_recent", "linux", "info", {**apt_base, "auto": apt_auto_on, "auto_last_run_days": 0.6, "lists_changed_days": 0.4})
# the lists are fresh (apt-daily runs) but the unattended run has not happened for 23 days (apt-daily-upgrade failing)
case("security.updates", "linux_apt_auto_stale", "linux", "warn", {**apt_base, "auto": apt_auto_on, "auto_last_run_days": 23.0, "lists_changed_days": 0.4})
# the unattended run (0.2 days ago) came after the lists last brought something new (1.4 days ago; refreshed since, 0.4,
# with nothing new): it saw these updates and left them (held back, an archive it does not take, an error)
case("security.updates", "linux_apt_auto_tried", "linux", "warn", {**apt_base, "auto": apt_auto_on, "auto_last_run_days": 0.2, "lists_changed_days": 1.4})
# the same Debian 13 settings with the run every 14 days (APT::Periodic::Unattended-Upgrade "14", apt's "every n-days"): 12 days
# after its last run, with updates that arrived since, it is on time
apt_auto_fortnightly = {
    **apt_auto_on,
    **linux.apt_automatic_settings(real("linux", "apt_config_dump_grep_APT_trixie_issue.txt").replace('Unattended-Upgrade "1"', 'Unattended-Upgrade "14"')),
}
case(
    "security.updates",
    "linux_apt_auto_fortnightly",
    "linux",
    "info",
    {**apt_base, "auto": apt_auto_fortnightly, "auto_last_run_days": 12.0, "lists_changed_days": 0.4},
)
# off: this project's CI machine (Debian 12), whose apt-config dump has no APT::Periodic key and no unattended-upgrade program
apt_auto_off = {"read": True, **linux.apt_automatic_settings(recorded("linux", "apt_config_dump_APT_debian12.txt")), "program": False, "timer": "enabled"}
case("security.updates", "linux_apt_auto_off", "linux", "warn", {**apt_base, "auto": apt_auto_off, "auto_last_run_days": None})
# dnf-automatic: /etc/dnf/automatic.conf as shipped (apply_updates = no), with dnf-automatic-install.timer enabled (it installs
# whatever that file says), or with only dnf-automatic.timer enabled (it then only downloads)
dnf_conf = linux.parse_dnf_automatic_conf(real("linux", "dnf_automatic_conf_shipped.conf"))
dnf_settings = {"apply_updates": dnf_conf.get("apply_updates"), "upgrade_type": dnf_conf.get("upgrade_type")}
dnf_install = {**dnf_settings, "timers": {"dnf-automatic-install.timer": "enabled", "dnf-automatic.timer": "disabled", "dnf5-automatic.timer": None}}
dnf_download = {**dnf_settings, "timers": {"dnf-automatic-install.timer": "disabled", "dnf-automatic.timer": "enabled", "dnf5-automatic.timer": None}}
dnf_base = {
    "platform": "linux",
    "today": "2026-11-25",
    "manager": "dnf",
    **linux.parse_dnf_check_update("firefox.x86_64  124.0-1.fc40  updates\n", 100),
}
case("security.updates", "linux_dnf_auto_recent", "linux", "info", {**dnf_base, "info_age_days": 0.5, "auto": dnf_install})
case("security.updates", "linux_dnf_auto_stale", "linux", "warn", {**dnf_base, "info_age_days": 12.0, "auto": dnf_install})
case("security.updates", "linux_dnf_auto_off", "linux", "info", {**dnf_base, "info_age_days": 0.5, "auto": dnf_download})
# a Mac with "Install macOS updates" on (feature23/plist-dot-net's real Big Sur 11.2.3 plist, tests/fixtures/macos/SOURCES): the
# day after its last check, then 23 days after it
mac_auto = macos.parse_softwareupdate_plist(
    plistlib.loads((ROOT_DIR / "tests" / "fixtures" / "macos" / "softwareupdate_plist_11.2.3_auto_macos_update.plist").read_bytes())
)
case("security.updates", "macos_auto_recent", "darwin", "info", {"platform": "darwin", "today": "2021-04-28", "manager": "softwareupdate", **mac_auto})
case("security.updates", "macos_auto_stale", "darwin", "warn", {"platform": "darwin", "today": "2021-05-20", "manager": "softwareupdate", **mac_auto})
# ---------------- security.encryption
case(
    "security.encryption",
    "windows_english_bitlocker_on",
    "windows",
    "pass",
    {"platform": "windows", "system_drive": "C:", "manage_bde": windows.parse_manage_bde_status(recorded("windows", "manage_bde_status_en.txt"))},
)
case(
    "security.encryption",
    "windows_french_bitlocker_off",
    "windows",
    "warn",
    {"platform": "windows", "system_drive": "C:", "manage_bde": windows.parse_manage_bde_status(recorded("windows", "manage_bde_status_fr.txt"))},
)
case(
    "security.encryption",
    "windows_no_admin_shell_on",
    "windows",
    "pass",
    {
        "platform": "windows",
        "system_drive": "C:",
        "manage_bde": windows.parse_manage_bde_status(recorded("windows", "manage_bde_denied_fr.txt")),
        "shell_state": "on",
    },
)
case(
    "security.encryption",
    "windows_no_admin_unknown",
    "windows",
    "skip",
    {
        "platform": "windows",
        "system_drive": "C:",
        "manage_bde": windows.parse_manage_bde_status(recorded("windows", "manage_bde_denied_en.txt")),
        "shell_state": None,
    },
)
case(
    "security.encryption",
    "macos_filevault_on",
    "darwin",
    "pass",
    {
        "platform": "darwin",
        "filevault": macos.parse_fdesetup_status(real("macos", "fdesetup_status_on_masterkeychain_issue.txt")),
        "output": real("macos", "fdesetup_status_on_masterkeychain_issue.txt").strip()[:300],
    },
)
case(
    "security.encryption",
    "macos_filevault_off",
    "darwin",
    "warn",
    {"platform": "darwin", "filevault": macos.parse_fdesetup_status(recorded("macos", "fdesetup_off.txt")), "output": "FileVault is Off."},
)
case(
    "security.encryption",
    "macos_encrypting",
    "darwin",
    "info",
    {
        "platform": "darwin",
        "filevault": macos.parse_fdesetup_status(recorded("macos", "fdesetup_encrypting.txt")),
        "output": "FileVault is On.\nEncryption in progress: Percent completed = 34.5",
    },
)
luks = linux.parse_lsblk_inverse(recorded("linux", "lsblk_inverse_luks.json"))
plain = linux.parse_lsblk_inverse(recorded("linux", "lsblk_inverse_plain.json"))
case("security.encryption", "linux_luks", "linux", "pass", {"platform": "linux", "root": luks["/"], "home_mount": "/", "home_ecryptfs": False})
case("security.encryption", "linux_plain", "linux", "warn", {"platform": "linux", "root": plain["/"], "home_mount": "/", "home_ecryptfs": False})
# ---------------- security.antivirus
case(
    "security.antivirus",
    "windows_defender_on",
    "windows",
    "pass",
    {"products": windows.parse_antivirus_json(format_list_as_json("windows", "antivirus_getciminstance_en_defender.txt"))},
)
case("security.antivirus", "windows_all_off", "windows", "fail", {"products": windows.parse_antivirus_json(recorded("windows", "antivirus_off.json"))})
case(
    "security.antivirus",
    "windows_out_of_date",
    "windows",
    "warn",
    {"products": windows.parse_antivirus_json('{"displayName": "Windows Defender", "productState": 397584}')},
)
print("ok")
