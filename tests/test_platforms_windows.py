"""Windows parsers on recorded outputs, in English and French where Windows translates them."""

from __future__ import annotations

import json

import pytest

from hwos_fixtures import recorded
from real_outputs import real, wmic_list
from selfcheck.platforms import windows


def test_netsh_english_all_profiles_on():
    parsed = windows.parse_netsh_firewall(recorded("windows", "netsh_allprofiles_en.txt"))
    assert (parsed["domain"], parsed["private"], parsed["public"]) == (True, True, True)


def test_netsh_french_public_profile_off():
    parsed = windows.parse_netsh_firewall(recorded("windows", "netsh_allprofiles_fr.txt"))
    assert (parsed["domain"], parsed["private"], parsed["public"]) == (True, True, False)
    assert parsed["headers"][2].startswith("Paramètres Profil public")


def test_netsh_garbage_gives_unknown_not_off():
    parsed = windows.parse_netsh_firewall("The following command was not found: advfirewall show allprofiles.")
    assert (parsed["domain"], parsed["private"], parsed["public"]) == (None, None, None)


def test_wevtutil_english_application_crashes():
    events = windows.parse_wevtutil_text(recorded("windows", "wevtutil_application_en.txt"))
    assert [e["event_id"] for e in events] == [1000, 1002, 1000]
    assert [e["program"] for e in events] == ["OUTLOOK.EXE", "Teams.exe", "OUTLOOK.EXE"]
    assert events[0]["source"] == "Application Error"
    assert events[0]["time"] == "2024-03-12T09:41:27.5230000Z"


def test_wevtutil_french_labels_and_description():
    events = windows.parse_wevtutil_text(recorded("windows", "wevtutil_application_fr.txt"))
    assert len(events) == 1
    assert events[0]["event_id"] == 1000
    assert events[0]["program"] == "EXCEL.EXE"
    assert events[0]["time"].startswith("2024-03-12T10:03:44")


def test_wevtutil_system_stops():
    events = windows.parse_wevtutil_text(recorded("windows", "wevtutil_system_en.txt"))
    assert [(e["event_id"], e["source"]) for e in events] == [(41, "Microsoft-Windows-Kernel-Power"), (6008, "EventLog")]


def test_wevtutil_no_events():
    assert windows.parse_wevtutil_text("") == []


def test_wevtutil_xml_of_a_real_windows_error_report():
    # a real Application-log event as Windows renders it for wevtutil qe /f:xml (tests/fixtures/windows/SOURCES):
    # unnamed and empty <Data>, a Qualifiers attribute, CRLF line breaks inside one value, no program named
    (event,) = windows.parse_wevtutil_xml(real("windows", "wevtutil_xml_application_wer1001.xml"))
    assert (event["log"], event["source"], event["event_id"]) == ("Application", "Windows Error Reporting", 1001)
    assert event["time"] == "2020-02-18T02:52:37.1211986Z"
    assert event["program"] == ""  # a servicing report names no program: no crash is pinned on one
    assert event["summary"].startswith("0 | WindowsWcpOtherFailure3")


def test_manage_bde_english_on():
    parsed = windows.parse_manage_bde_status(recorded("windows", "manage_bde_status_en.txt"))
    (vol,) = parsed["volumes"]
    assert vol["drive"] == "C:"
    assert vol["percent_encrypted"] == 100.0
    assert vol["protection_on"] is True
    assert parsed["access_denied"] is False


def test_manage_bde_french_off():
    parsed = windows.parse_manage_bde_status(recorded("windows", "manage_bde_status_fr.txt"))
    (vol,) = parsed["volumes"]
    assert vol["percent_encrypted"] == 0.0
    assert vol["protection_on"] is False  # "Protection désactivée" must not read as "activée"


@pytest.mark.parametrize("name", ["manage_bde_denied_en.txt", "manage_bde_denied_fr.txt"])
def test_manage_bde_without_admin_rights(name):
    parsed = windows.parse_manage_bde_status(recorded("windows", name))
    assert parsed == {"volumes": [], "access_denied": True}


def test_battery_report_xml_of_a_real_laptop():
    # a Dell Inspiron 5593's own report (tests/fixtures/windows/SOURCES): UTF-8 with a BOM, the runtime
    # estimates' <DesignCapacity><Capacity> beside the battery's, and a cycle count of 0 (not counted)
    (bat,) = windows.parse_battery_report_xml(real("windows", "batteryreport_xml_inspiron5593_aged.xml.gz"))
    assert (bat["name"], bat["design_capacity"], bat["full_capacity"]) == ("DELL 0FJMK02", 41998, 26551)
    assert bat["cycle_count"] is None  # "0" means the battery does not count them, not a new battery


def test_battery_report_of_a_desktop_has_no_battery():
    # a real desktop's report: no <Battery>, only the runtime estimates' zero capacities
    assert windows.parse_battery_report_xml(real("windows", "batteryreport_xml_desktop_no_battery.xml")) == []


def test_battery_report_broken_xml():
    assert windows.parse_battery_report_xml("<BatteryReport><Batteries>") == []


def test_antivirus_defender_on():
    from real_outputs import format_list_as_json

    # Windows 10 22H2 (19045.4046), Defender alone: productState 397568 = 0x61100, real-time protection on, up to date
    (av,) = windows.parse_antivirus_json(format_list_as_json("windows", "antivirus_getciminstance_en_defender.txt"))
    assert (av["name"], av["state"], av["enabled"], av["up_to_date"]) == ("Windows Defender", 397568, True, True)


def test_antivirus_all_off():
    products = windows.parse_antivirus_json(recorded("windows", "antivirus_off.json"))
    assert [(p["name"], p["enabled"], p["up_to_date"]) for p in products] == [("Windows Defender", False, True), ("Norton 360", False, False)]


def test_hotfix_last_installed_date():
    from real_outputs import format_table_as_json

    # Get-HotFix on a German Windows 11 22H2 (tests/fixtures/windows/SOURCES): two updates on the same last day,
    # printed in the table's dd.MM.yyyy form; the program asks for ConvertTo-Json of the same objects
    parsed = windows.parse_hotfix_json(format_table_as_json("windows", "get_hotfix_table_de_win11_issue.txt", {"InstalledOn": "%d.%m.%Y %H:%M:%S"}))
    assert parsed == {"count": 4, "last_installed": "2023-05-12"}


def test_windows_11_is_recognised_by_build():
    facts = windows.windows_version_facts(
        {"ProductName": "Windows 10 Pro", "DisplayVersion": "23H2", "CurrentBuild": "22631", "UBR": 3155, "EditionID": "Professional"}
    )
    assert facts["pretty_name"] == "Windows 11 Pro 23H2"
    assert facts["build"] == 22631


def _as_convertto_json(objects: list[dict[str, str]]) -> str:
    """What ``Get-PhysicalDisk | Select-Object FriendlyName,MediaType,HealthStatus,OperationalStatus |
    ConvertTo-Json`` prints for the same MSFT_PhysicalDisk values that wmic lists as text (numbers stay
    numbers, an array ``{2}`` a list): the recording is wmic's, the program reads PowerShell's JSON."""

    def value(text: str):
        if text.startswith("{") and text.endswith("}"):
            return [value(v) for v in text[1:-1].split(",") if v]
        return int(text) if text.isdigit() else text

    keep = ("FriendlyName", "MediaType", "HealthStatus", "OperationalStatus")
    return json.dumps([{k: value(o[k]) for k in keep} for o in objects])


def test_physical_disk_health_of_a_real_laptop():
    # a Dell Latitude 7480's NVMe disk as glpi-agent recorded MSFT_PhysicalDisk (tests/fixtures/windows/SOURCES)
    (ok,) = windows.parse_physical_disks_json(_as_convertto_json(wmic_list("windows", "msft_physicaldisk_latitude7480.wmi")))
    assert (ok["model"], ok["health"], ok["passed"], ok["bad_sectors"]) == ("PC300 NVMe SK hynix 512GB", "healthy", True, 0)


def test_physical_disk_warning_is_not_a_pass():
    # hand-written (no public recording of a Warning disk found: see the file's header)
    ssd, hdd = windows.parse_physical_disks_json(recorded("windows", "physicaldisk_warning.json"))
    assert (ssd["health"], ssd["passed"]) == ("healthy", True)
    assert (hdd["health"], hdd["passed"], hdd["bad_sectors"]) == ("warning", None, 1)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("ON", True),
        ("OFF", False),
        ("Actif", True),
        ("Inactif", False),
        ("Protection activée", True),
        ("Protection désactivée", False),
        ("Protection d‚sactiv‚e", False),  # French read with the wrong code page (cp850 bytes as cp1252)
        ("Protection activ‚e", True),
        ("Protection On (1 reboots left)", True),
        ("Schutz aktiviert", True),
        ("Schutz deaktiviert", False),
        ("Unknown", None),
    ],
)
def test_on_off_words(value, expected):
    assert windows.on_off(value) is expected


def test_manage_bde_german_quoted_volume_decimal_comma_protection_off():
    from real_outputs import real

    parsed = windows.parse_manage_bde_status(real("windows", "manage_bde_status_de.txt"))
    assert parsed["access_denied"] is False
    (volume,) = parsed["volumes"]
    assert volume["drive"] == "C:"
    assert volume["percent_encrypted"] == 0.0
    assert volume["protection_on"] is False


def test_network_snapshot_picks_the_best_route_its_dns_and_the_wireless_adapters():
    """The shape is the script's own projection (Select-Object ... | ConvertTo-Json); the real output is
    compared with ipconfig/route print on the Windows CI runner (tests/test_platforms_native.py)."""
    import json

    data = {
        "adapters": [
            {"Name": "Ethernet", "InterfaceIndex": 12, "Status": "Up", "NdisPhysicalMedium": 14, "Virtual": False, "HardwareInterface": True},
            {"Name": "Беспроводная сеть", "InterfaceIndex": 7, "Status": "Up", "NdisPhysicalMedium": 9, "Virtual": False, "HardwareInterface": True},
            {"Name": "vEthernet (WSL)", "InterfaceIndex": 40, "Status": "Up", "NdisPhysicalMedium": 14, "Virtual": True, "HardwareInterface": False},
        ],
        "routes": [
            {"DestinationPrefix": "0.0.0.0/0", "NextHop": "192.168.1.1", "InterfaceIndex": 12, "InterfaceAlias": "Ethernet", "RouteMetric": 0},
            {"DestinationPrefix": "0.0.0.0/0", "NextHop": "192.168.43.1", "InterfaceIndex": 7, "InterfaceAlias": "Беспроводная сеть", "RouteMetric": 0},
            {"DestinationPrefix": "::/0", "NextHop": "::", "InterfaceIndex": 40, "InterfaceAlias": "vEthernet (WSL)", "RouteMetric": 256},
        ],
        "metrics": [{"InterfaceIndex": 12, "AddressFamily": 2, "InterfaceMetric": 25}, {"InterfaceIndex": 7, "AddressFamily": 2, "InterfaceMetric": 35}],
        "dns": [
            {"InterfaceAlias": "vEthernet (WSL)", "InterfaceIndex": 40, "AddressFamily": 23, "ServerAddresses": ["fec0:0:0:ffff::1", "fec0:0:0:ffff::2"]},
            {"InterfaceAlias": "Беспроводная сеть", "InterfaceIndex": 7, "AddressFamily": 2, "ServerAddresses": ["192.168.43.1"]},
            {"InterfaceAlias": "Ethernet", "InterfaceIndex": 12, "AddressFamily": 2, "ServerAddresses": "192.168.1.1"},
        ],
    }
    text = json.dumps(data)  # ConvertTo-Json's \\uXXXX escapes, as the script makes them
    snapshot = windows.parse_network_snapshot(text)
    assert [r["gateway"] for r in snapshot["routes"]] == ["192.168.1.1", "192.168.43.1"]  # 0+25 before 0+35; on-link :: left out
    assert snapshot["dns_servers"] == ["192.168.1.1", "192.168.43.1"]  # the best route's adapter first, no placeholders
    assert [a["name"] for a in snapshot["adapters"] if a["wireless"]] == ["Беспроводная сеть"]
    assert [a["name"] for a in snapshot["adapters"] if a["virtual"]] == ["vEthernet (WSL)"]
    assert windows.parse_network_snapshot("Get-NetRoute : The term is not recognized") is None


def test_network_snapshot_starts_powershell_once_per_scan():
    from selfcheck.api import CommandOutput

    calls = []

    def run(args, timeout=5.0):
        calls.append(args[0])
        return CommandOutput(list(args), 1, "", "powershell: not found")

    scan, next_scan = {}, {}
    assert windows.network_snapshot(run, scan) is None
    assert windows.network_snapshot(run, scan) is None  # the other checks of the scan reuse the answer
    assert calls == ["powershell"]
    windows.network_snapshot(run, next_scan)  # checking again after a fix reads the system again
    assert calls == ["powershell", "powershell"]


def test_firewall_state_from_the_registry_numbers_group_policy_first():
    local = {"DomainProfile": 1, "StandardProfile": 1, "PublicProfile": 0}
    assert windows.firewall_from_registry(local, {}) == {"domain": True, "private": True, "public": False}
    # a company's group policy turning the public profile on wins over the local setting
    assert windows.firewall_from_registry(local, {"PublicProfile": 1, "PrivateProfile": None})["public"] is True
    assert windows.firewall_from_registry({}, {}) == {"domain": None, "private": None, "public": None}


def test_this_windows_build_is_the_structured_build_number_not_platform_version(monkeypatch):
    """hardware.disk's Windows 10/11 step reads the build from sys.getwindowsversion(): platform.version() runs
    `cmd /c ver` on Python 3.11 (console text, outside the check's deadline) and is never called."""
    import platform
    import sys
    from types import SimpleNamespace

    from selfcheck.platforms.windows import this_windows_build

    assert this_windows_build() is None or sys.platform == "win32"
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setattr(sys, "getwindowsversion", lambda: SimpleNamespace(major=10, minor=0, build=22631), raising=False)
    monkeypatch.setattr(platform, "version", lambda: pytest.fail("platform.version() runs cmd /c ver"))
    assert this_windows_build() == 22631
