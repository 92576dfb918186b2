"""macOS parsers on recorded outputs."""

from __future__ import annotations

import plistlib

from hwos_fixtures import ROOT, recorded
from selfcheck.platforms import macos


def test_sw_vers_with_tabs_or_spaces():
    """Catalina pasted with its columns as spaces; 10.13 tab-separated, its version without a third number."""
    from real_outputs import real

    assert macos.parse_sw_vers(real("macos", "sw_vers_10.15.5_issue.txt")) == {"ProductName": "Mac OS X", "ProductVersion": "10.15.5", "BuildVersion": "19F101"}
    assert macos.parse_sw_vers(real("macos", "sw_vers_10.13_issue.txt")) == {"ProductName": "Mac OS X", "ProductVersion": "10.13", "BuildVersion": "17A405"}


def test_ioreg_apple_silicon_battery():
    """A MacBook Pro M1 Pro on macOS 15, charging: MaxCapacity is a percentage, the real figure is AppleRawMaxCapacity."""
    from real_outputs import ioreg_rn

    bat = macos.parse_ioreg_battery(ioreg_rn("macos", "ioreg_applesmartbattery_m1pro_15.json"))
    assert bat is not None
    assert (bat["design_capacity"], bat["full_capacity"], bat["cycle_count"]) == (6075, 5704, 39)
    assert bat["percent"] == 59 and bat["status"] == "Charging" and bat["plugged"] is True


def test_ioreg_macos27_battery_health_from_battery_data():
    """macOS 27 (a MacBook Air M2) no longer prints DesignCapacity or AppleRawMaxCapacity at the top, only in
    BatteryData, and draws the registry tree's '  | ' before every line: the battery and its wear are still read."""
    from real_outputs import ioreg_rn

    for children in (True, False):
        bat = macos.parse_ioreg_battery(ioreg_rn("macos", "ioreg_applesmartbattery_m2air_27.json", has_children=children))
        assert bat is not None
        assert (bat["design_capacity"], bat["full_capacity"], bat["cycle_count"]) == (4563, 4427, 37)
        assert bat["percent"] == 34 and bat["status"] == "Charging" and bat["plugged"] is True


def test_ioreg_intel_worn_battery_not_charging():
    bat = macos.parse_ioreg_battery(recorded("macos", "ioreg_battery_intel_worn.txt"))
    assert bat is not None
    assert (bat["design_capacity"], bat["full_capacity"], bat["cycle_count"]) == (6559, 3102, 1043)
    assert bat["status"] == "Not charging" and bat["percent"] == 41


def test_ioreg_desktop_mac_has_no_battery():
    """A Mac mini M4 (macOS 26) has an AppleSmartBattery entry too, with BatteryInstalled 0."""
    from real_outputs import ioreg_rn

    assert macos.parse_ioreg_battery(ioreg_rn("macos", "ioreg_applesmartbattery_macmini_m4_26_no_battery.json")) is None


def test_socketfilterfw():
    """On in block-all mode (State = 2), in the old wording and in the newer one that no longer says 'enabled'; off."""
    from real_outputs import real

    assert macos.parse_socketfilterfw(real("macos", "socketfilterfw_getglobalstate_state2_issue.txt")) is True
    assert macos.parse_socketfilterfw(real("macos", "socketfilterfw_getglobalstate_blockall_issue.txt")) is True
    assert macos.parse_socketfilterfw(real("macos", "socketfilterfw_setglobalstate_off_issue.txt")) is False
    assert macos.parse_socketfilterfw("") is None


def test_fdesetup():
    """On, as a real Mac printed it with a second line after the verdict (munkireport-php#158); off and encrypting hand-written."""
    from real_outputs import real

    assert macos.parse_fdesetup_status(real("macos", "fdesetup_status_on_masterkeychain_issue.txt")) == {"state": "on", "percent": None}
    assert macos.parse_fdesetup_status(recorded("macos", "fdesetup_off.txt"))["state"] == "off"
    assert macos.parse_fdesetup_status(recorded("macos", "fdesetup_encrypting.txt")) == {"state": "encrypting", "percent": 34.5}


def test_ips_headers():
    """A real app crash report (.ips, bug_type 309) of a Mac mini on macOS 12.4: a program with no version and no
    bundleID; the time is read with its +0900 offset. Panic and diagnostic headers are hand-written."""
    from real_outputs import real

    crash = macos.parse_ips_header(real("macos", "ips_309_crashingtest_12.4_macmini.ips").splitlines()[0], "single-target-crash.ips")
    assert crash == {"kind": "crash", "program": "CrashingTest", "time": "2022-08-03T11:36:47+00:00", "version": "", "os_version": "macOS 12.4 (21F79)"}
    panic = macos.parse_ips_header(recorded("macos", "ips_panic.txt").splitlines()[0])
    assert panic is not None and panic["kind"] == "panic"
    assert macos.parse_ips_header(recorded("macos", "ips_diagnostic.txt").splitlines()[0]) is None
    assert macos.parse_ips_header("not json") is None


def test_softwareupdate_plist_recorded_on_a_mac():
    """The binary com.apple.SoftwareUpdate.plist of a real Mac on OS X 10.9.1: one recommended update that is not macOS
    itself, and no AutomaticCheckEnabled key at all (the Mac's default was never changed)."""
    from real_outputs import ROOT as REAL

    parsed = macos.parse_softwareupdate_plist(plistlib.loads((REAL / "macos" / "softwareupdate_plist_10.9.1_one_update.plist").read_bytes()))
    assert parsed == {
        "count": 1,
        "updates": ["Digital Camera RAW Compatibility Update 5.03"],
        "security_count": 0,
        "os_update_pending": False,
        "last_check": "2014-01-06T17:43:48+00:00",
        "automatic_check": None,
        "auto_install_macos": None,
        "auto_download": None,
        "auto_install_security": None,
        "auto_install_data": None,
    }


def test_softwareupdate_plist_says_what_the_mac_installs_by_itself():
    """A real Big Sur 11.2.3 Mac's plist (feature23/plist-dot-net): "Install macOS updates" switched on, the other
    switches never changed (no key: macOS' defaults), macOS 11.3 waiting."""
    from real_outputs import ROOT as REAL

    parsed = macos.parse_softwareupdate_plist(plistlib.loads((REAL / "macos" / "softwareupdate_plist_11.2.3_auto_macos_update.plist").read_bytes()))
    assert parsed["auto_install_macos"] is True
    assert parsed["auto_download"] is None and parsed["auto_install_security"] is None and parsed["auto_install_data"] is None
    assert parsed["os_update_pending"] is True and parsed["updates"] == ["macOS Big Sur 11.3 11.3"]
    assert parsed["last_check"] == "2021-04-27T22:38:23+00:00"
    # `defaults write ... -int 0` writes an integer where System Settings writes a boolean
    assert macos.parse_softwareupdate_plist({"CriticalUpdateInstall": 0, "ConfigDataInstall": 1})["auto_install_security"] is False
    assert macos.parse_softwareupdate_plist({"CriticalUpdateInstall": 0, "ConfigDataInstall": 1})["auto_install_data"] is True


def test_softwareupdate_plist():
    data = plistlib.loads((ROOT / "macos" / "softwareupdate.plist").read_bytes())
    parsed = macos.parse_softwareupdate_plist(data)
    assert parsed["count"] == 2
    assert parsed["os_update_pending"] is True
    assert parsed["updates"] == ["macOS Sonoma 14.4 14.4", "Safari 17.4"]
    assert parsed["last_check"] == "2024-03-12T07:58:31+00:00"


def test_pmset_therm():
    """A slowed-down Intel Mac (hand-written: no public recording found); an Intel Mac at full speed; Apple silicon, which has no CPU power status."""
    from real_outputs import real

    assert macos.parse_pmset_therm(recorded("macos", "pmset_therm_hot.txt"))["CPU_Speed_Limit"] == 74
    full_speed = macos.parse_pmset_therm(real("macos", "pmset_therm_cpu_power_notify_issue.txt"))
    assert (full_speed["CPU_Speed_Limit"], full_speed["CPU_Available_CPUs"], full_speed["thermal_warning"]) == (100, 12, False)
    apple_silicon = macos.parse_pmset_therm(real("macos", "pmset_therm_12.1_apple_silicon_issue.txt"))
    assert apple_silicon == {"thermal_warning": False}


def test_diskutil_smart_status():
    """diskutil info -plist of a real internal NVMe disk (Verified) and of a real USB stick (SMART 'Not Supported': no verdict, not a failure)."""
    from real_outputs import ROOT as REAL

    data = plistlib.loads((REAL / "macos" / "diskutil_info_disk0_intel_nvme.plist").read_bytes())
    assert macos.parse_diskutil_smart(data) == {"device": "/dev/disk0", "model": "INTEL SSDPEKNW512G8", "passed": True, "smart_status": "Verified"}
    assert macos.parse_diskutil_smart(plistlib.loads((REAL / "macos" / "diskutil_info_usb_stick_not_supported.plist").read_bytes())) is None
    assert macos.parse_diskutil_smart({**data, "SMARTStatus": "Failing"})["passed"] is False
    assert macos.parse_diskutil_smart({**data, "SMARTStatus": "Not Supported"}) is None


def test_airport_signal_in_dbm_and_percent():
    from real_outputs import real

    info = macos.parse_airport_info(real("macos", "airport_I_10.14.6.txt"))
    assert info == {"rssi_dbm": -66, "noise_dbm": -90, "signal_percent": 68, "state": "running"}
    assert macos.dbm_to_percent(-90) == 20
    assert macos.dbm_to_percent(-40) == 100
    assert macos.parse_airport_info("AirPort: Off\n") is None


def test_wifi_adapters_are_what_system_profiler_lists_with_their_signal():
    """A Mac whose Wi-Fi is en1 (en0 is its Ethernet port); a Mac on 15.5; Wi-Fi off; not joined."""
    from real_outputs import real

    def read(version):
        return macos.parse_airport_data_type(real("macos", f"system_profiler_airport_{version}.json"))

    assert read("10.15.7") == [{"name": "en1", "signal_percent": 90, "rssi_dbm": -55}]
    assert read("15.5")[0] == {"name": "en0", "signal_percent": 100, "rssi_dbm": -40}
    assert read("15.5-wifi-disabled") == [{"name": "en0", "signal_percent": None, "rssi_dbm": None}]
    assert read("12.7.2-no-AP") == [{"name": "en0", "signal_percent": None, "rssi_dbm": None}]
    assert macos.parse_airport_data_type("not json") == []


def test_ioreg_archive_battery_read_as_a_property_list():
    """A MacBook's own `ioreg -rw0 -c AppleSmartBattery -a` (narumiruna/powerflow, tests/fixtures/macos/SOURCES): on a
    70 W charger, not charging at 86 %, a new battery (7 cycles) whose full charge is above its design."""
    from real_outputs import real

    bat = macos.parse_ioreg_battery_plist(real("macos", "ioreg_a_applesmartbattery_charger_held.plist"))
    assert bat is not None
    assert (bat["design_capacity"], bat["full_capacity"], bat["cycle_count"]) == (4629, 4745, 7)
    assert (bat["percent"], bat["status"], bat["plugged"]) == (86, "Not charging", True)
    assert bat["name"] == "bq40z651" and bat["permanent_failure"] is False
    # ioreg's console text is not a property list: nothing is guessed from it
    assert macos.parse_ioreg_battery_plist(recorded("macos", "ioreg_battery_intel_worn.txt")) is None


def test_the_battery_check_asks_ioreg_for_its_property_list(monkeypatch):
    """hardware.battery on a Mac runs `ioreg -a` and reads the recorded property list: the battery and its wear are
    in the facts (before, it ran the console form and read nothing from this output)."""
    import psutil

    from real_outputs import real
    from selfcheck.api import CommandOutput
    from selfcheck.checks import MODULES

    recording = real("macos", "ioreg_a_applesmartbattery_charger_held.plist")
    asked: list[list[str]] = []

    class Mac:
        platform = "darwin"

        def run(self, args, timeout=5.0, **_):
            asked.append(list(args))
            is_archive = args[:1] == ["ioreg"] and any(a.startswith("-") and "a" in a for a in args[1:])
            return CommandOutput(list(args), 0, recording if is_archive else "", "")

    monkeypatch.setattr(psutil, "sensors_battery", lambda: None, raising=False)
    module = next(m for m in MODULES if m.endswith("hardware_battery"))
    import importlib

    check_class = importlib.import_module(module).BatteryCheck
    facts = check_class().collect(Mac())
    assert asked == [["ioreg", "-arn", "AppleSmartBattery"]]
    assert facts["batteries"][0]["design_capacity"] == 4629 and facts["plugged"] is True
    assert facts["health_percent"] == 100.0
