"""A clicked part of "What will be sent" shows at once what it holds, as plain lines a person reads (lay readers,
round 5: the part's description again and "click again" was not the content)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from selfcheck import i18n
from selfcheck.bundle.review import plain_lines


def test_json_becomes_named_lines_in_the_readers_language_without_braces_or_quotes():
    data = {"os": {"system": "Linux", "frozen": False}, "memory": {"total_bytes": 8_000_000_000}, "dns": {"servers": ["192.0.2.53"]}, "note": "a\nb\x1b[31m"}
    i18n.set_language("fr")
    try:
        lines, more = plain_lines(json.dumps(data), path="system.json")
    finally:
        i18n.set_language("en")
    assert more == 0
    assert lines[0] == "Système\u00a0: Linux"  # the system as support names it, first
    assert lines[1:3] == ["Windows, macOS ou Linux\u00a0:", "    Lequel\u00a0: Linux"]  # French spacing
    assert "    En tout\u00a0: 8\u00a0Go" in lines  # a size as people read it, not 8000000000
    assert "Serveurs de noms, qui trouvent les sites par leur nom (DNS)\u00a0:" in lines and "        – 192.0.2.53" in lines
    # how this program was installed is said of the program, under its own heading, not among the computer's facts
    assert lines[-2:] == ["À propos de ce programme (pour l’assistance)\u00a0:", "    Installé comme une application toute prête\u00a0: non"]
    assert not any(c in line for line in lines for c in '{}"\n')
    assert "Note\u00a0: a b [31m" in lines  # one line: the data's line break and control characters do not reach the screen


def test_long_content_is_cut_and_says_how_much_more_and_text_stays_text():
    lines, more = plain_lines(json.dumps({"items": list(range(100))}), limit=10)
    assert len(lines) == 10 and more == 91
    assert plain_lines("first line\n\n  second   line  \n") == (["first line", "second line"], 0)
    assert plain_lines(None) == ([], 0)


def test_the_inventorys_plain_names_are_not_given_to_other_files_and_a_page_shows_its_words_only():
    manifest = json.dumps({"checks": [{"id": "network.dns", "version": "1", "distribution": None}]})
    assert plain_lines(manifest, path="manifest.json")[0] == ["Checks:", "    –", "        Id: network.dns", "        Version: 1", "        Distribution: —"]
    page = "<!DOCTYPE html><html><head><title>Report</title><style>body{color:red}</style></head><body><h1>Verdict</h1><p>The disk is <b>full</b>.</p><script>x()</script><table><tr><td>Storage</td><td>Failed</td></tr></table></body></html>"
    assert plain_lines(page, path="report.html") == (["Verdict", "The disk is full.", "Storage Failed"], 0)  # no markup, style or script


def test_the_inventory_is_summed_up_in_the_few_lines_a_person_understands():
    """Lay readers, round 6: a kernel version, 'x86_64', 'LANG', 'docker' were gibberish; the kind of computer, the
    room left and how it connects are what a person can read (the rest stays folded, for support)."""
    from selfcheck.bundle.review import computer_summary

    data = {
        "os": {"system": "Windows", "release": "10", "version": "10.0.19045", "distribution": "10 10.0.19045", "edition": "Professional"},
        "disks": [{"mountpoint": "D:\\", "total_bytes": 2e12, "free_bytes": 1e12}, {"mountpoint": "C:\\", "total_bytes": 512e9, "free_bytes": 57e9}],
        "machine": {"virtualisation": "docker"},
        "environment": {"LANG": "C.UTF-8"},
    }
    assert computer_summary(json.dumps(data)) == [
        # send rounds 12-16: "Home?", "Windows 11 (the name of my computer?)", "Windows 11" quoted: the person knows "Windows"
        "Kind of computer: a PC with Windows",  # round 17: "a Windows computer (is that mine?)"
        # the system disk, not the biggest one; in the app's words, not GB (round 7: "GB" not understood); 57 GB free (11 %)
        # is room enough for the disk check: no "almost full" (readers aged 67: "it gave me a fright")
        "Room for your files: room for about 19,000 more photos",
    ]  # how it connects is said from network.link's facts only (below): none given, no guess
    i18n.set_language("fr")
    try:
        assert computer_summary(json.dumps(data))[0] == "Genre d’ordinateur\u00a0: un PC avec Windows"
    finally:
        i18n.set_language("en")
    linux = {"os": {"system": "Linux", "distribution": "Debian GNU/Linux 12 (bookworm)"}}
    i18n.set_language("fr")
    try:
        # round 7: "bookworm? I thought I had Windows!": the family's name only, and what it is
        assert computer_summary(json.dumps(linux)) == ["Genre d’ordinateur\u00a0: Linux (Debian), utilisé sur cet ordinateur à la place de Windows"]
    finally:
        i18n.set_language("en")
    assert computer_summary(json.dumps({"os": {"system": "Darwin", "distribution": "macOS 14.2"}})) == ["Kind of computer: a Mac"]
    half = {"os": {"system": "Linux", "distribution": "Ubuntu 22.04.3 LTS"}, "disks": [{"mountpoint": "/", "total_bytes": 271e9, "free_bytes": 135e9}]}
    assert computer_summary(json.dumps(half)) == [
        "Kind of computer: Linux (Ubuntu), used on this computer instead of Windows",
        "Room for your files: room for about 45,000 more photos",
    ]
    assert computer_summary("not json") == [] and computer_summary(None) == []


DISK_FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "checks" / "hardware.disk"
#: the support-reading lab's full /home beside a roomy "/" (docs/usability/support-agent/full-home): its bundle as sent
FULL_HOME = Path(__file__).resolve().parents[2] / "docs" / "usability" / "support-agent" / "full-home" / "bundle.zip"


def recorded_disk(name: str, trash_bytes: int | None = None, **first_volume: object) -> dict:
    """hardware.disk's recorded facts (tests/fixtures), the Recycle Bin counted as the check counts it on Windows."""
    from selfcheck.checks.hardware_disk import trash_size
    from test_disk_windows_recycle_bin import FakeShell32

    facts = json.loads((DISK_FIXTURES / f"{name}.json").read_text(encoding="utf-8"))["facts"]
    facts["volumes"][0].update(first_volume)
    if trash_bytes is not None:
        facts["trash"] = trash_size("windows", shell32=FakeShell32(trash_bytes))
    return facts


def button_label(facts: dict) -> str:
    """The blue button the verdict shows for these facts (hardware.disk's own judgement)."""
    from selfcheck.runner import evaluate_facts
    from test_checks_hwos import CLASSES, defaults

    fix = evaluate_facts(CLASSES["hardware.disk"], facts, defaults("hardware.disk")).fix
    return fix.label if fix is not None else ""


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_room_line_says_the_room_now_and_what_emptying_adds_and_no_sum(lang):
    """Send round 104 (en): "The numbers are a lot to take in: 'about 210 more photos now', 'about 430 more photos', 'about
    640 more photos once it is emptied'", and on repair-done (that made room for about 430 more photos) "I did half expect
    640, because an earlier screen mentioned it" (send round 103 (fr): « j'ai dû relire pour comprendre le calcul »): the
    line says the two facts, the room now and what emptying adds, in the blue button's and repair-done's number, and no
    sum (send-review-line). Support's numbers stay in the parts' details (free bytes, the trash's bytes)."""
    from selfcheck.bundle.review import computer_summary

    windows = {"os": {"system": "Windows"}, "disks": [{"mountpoint": "C:\\", "total_bytes": 256e9, "free_bytes": 630e6}]}
    disk = recorded_disk("windows_ok", 1_290_000_000, free=630_000_000)
    i18n.set_language(lang)
    try:
        line = computer_summary(json.dumps(windows), disk=disk)[-1]
    finally:
        i18n.set_language("en")
    end = {
        "en": "with room for about 210 more photos now; emptying the Recycle Bin (the wastebasket picture on your screen), which holds the files you "
        "deleted, adds room for about 430 more photos",
        "fr": "avec la place pour environ 210 photos de plus maintenant\u202f; vider la corbeille (la petite poubelle dessinée sur votre écran), "
        "où sont les fichiers que vous avez supprimés, ajoute la place pour environ 430 photos de plus",
    }[lang]
    assert line.endswith(end), line
    assert "640" not in line and "in all" not in line and "en tout" not in line


def test_the_room_left_says_what_emptying_the_trash_adds_so_the_two_numbers_are_not_read_as_one():
    """Small-screen rounds 16-17 and send rounds 62-63 (en, fr): the review's "room for about 210 more photos" beside the repair
    button's "room for about 430 more photos": "Which is right? Did I empty the bin or not?", « j'ai bien vidé la corbeille
    ou pas ? »; round 66: « 210 ou 430, alors ? »). The room line says the room now, then what emptying gives in the button's words, from hardware.disk's facts (the trash's size, as the button's
    number comes from); without those facts, or with an empty trash, the room left alone."""
    from selfcheck.bundle.review import computer_summary

    windows = {"os": {"system": "Windows"}, "disks": [{"mountpoint": "C:\\", "total_bytes": 256e9, "free_bytes": 630e6}]}
    # a Windows computer with one drive: all its Recycle Bin is on C:
    disk = recorded_disk("windows_ok", 1_290_000_000, free=630_000_000)
    assert button_label(disk) == "Empty the Recycle Bin: this makes room for about 430 more photos"
    assert computer_summary(json.dumps(windows), disk=disk)[-1] == (
        "Room for your files: the computer is almost full, with room for about 210 more photos now; emptying the Recycle Bin (the wastebasket picture on your screen), which holds the files you deleted, adds room for about 430 more photos"
    )
    mac = recorded_disk("macos_data_almost_full")  # the Trash (3.2 GB) is in the home folder, on the Data volume (14 GB free)
    assert computer_summary(json.dumps({**windows, "os": {"system": "Darwin"}}), disk=mac)[-1] == (
        "Room for your files: the computer is almost full, with room for about 4,700 more photos now; emptying the Trash, which holds the files you deleted, adds room for about 1,100 more photos"
    )
    i18n.set_language("fr")
    try:
        assert computer_summary(json.dumps(windows), disk=disk)[-1] == (
            "Place pour vos fichiers\u00a0: l’ordinateur est presque plein, avec la place pour environ 210 photos de plus maintenant\u202f; vider la corbeille (la petite poubelle dessinée sur votre écran), où sont les fichiers que vous avez supprimés, ajoute la place pour environ 430 photos de plus"
        )
    finally:
        i18n.set_language("en")
    # a roomy computer: the room now and what emptying adds, no judgement of how full
    roomy = recorded_disk("windows_ok", 1_290_000_000, free=57_000_000_000, total=256_000_000_000)
    assert computer_summary(json.dumps(windows), disk=roomy)[-1].endswith(
        "about 19,000 more photos now; emptying the Recycle Bin (the wastebasket picture on your screen), which holds the files you deleted, adds room for about 430 more photos"
    )
    for none in (None, {}, {"trash": None}, {"trash": {"bytes": 0}}, {"trash": {"bytes": "lots"}}, {"trash": {"bytes": True}}):
        assert computer_summary(json.dumps(windows), disk=none)[-1] == "Room for your files: the computer is almost full, with room for about 210 more photos"
    for empty in ({"bytes": 0, "complete": True}, None):
        assert computer_summary(json.dumps(windows), disk={**disk, "trash": empty})[-1] == (
            "Room for your files: the computer is almost full, with room for about 210 more photos"
        )


def test_the_room_line_speaks_of_the_full_part_that_holds_the_files_and_adds_its_own_trash():
    """Review of the room line: on the lab's full /home beside a roomy "/", the line spoke of "/" (the inventory's biggest
    disk: "about three quarters full, … 24,000 more photos") and added home's Trash to it ("about 24,470 in all"), while the
    verdict said the space for the files is full. It speaks of the part the disk check judged, holding the files and the Trash."""
    import zipfile

    from selfcheck.bundle.review import computer_summary, facts_of

    with zipfile.ZipFile(FULL_HOME) as sent:
        system, disk = sent.read("system.json").decode(), facts_of(sent.read("facts/hardware.disk.json").decode())
    assert disk is not None
    assert computer_summary(system, disk=disk)[-1] == (
        "Room for your files: the computer is full, with room for less than one more photo now; emptying the Trash, which holds the files you deleted, adds room for about 470 more photos"
    )
    # without the disk check's facts (its part left out), the inventory's main disk, and no trash it cannot place (the lab's
    # "/" is this machine's own disk when the bundle was made: its room read from the bundle, not written here)
    import json

    from selfcheck.wording import room_of

    root = max(json.loads(system)["disks"], key=lambda d: d["total_bytes"])  # the inventory's biggest disk (no "/" in the lab)
    assert root["mountpoint"] != "/home"
    free, total = root["free_bytes"], root["total_bytes"]
    assert free > 0.2 * total  # roomy for the disk check: the full part is home's
    assert computer_summary(system, disk={"trash": disk["trash"]})[-1] == f"Room for your files: {room_of(free)}"


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_recycle_bin_that_may_be_on_another_drive_is_not_added_to_this_ones_room(lang):
    """Windows counts one Recycle Bin over every drive (SHQueryRecycleBinW, as the button and the repair): on a full C: beside
    a roomy D:, part of it may be on D: and emptying it gives C: no room there: no sum; the button's number, as at most."""
    from selfcheck.bundle.review import computer_summary

    windows = {"os": {"system": "Windows"}, "disks": [{"mountpoint": "C:\\", "total_bytes": 237.9e9, "free_bytes": 600e6}]}
    disk = recorded_disk("windows_c_full", 1_290_000_000)
    assert [v["mountpoint"] for v in disk["volumes"]] == ["C:\\", "D:\\"]
    i18n.set_language(lang)
    try:
        line = computer_summary(json.dumps(windows), disk=disk)[-1]
    finally:
        i18n.set_language("en")
    assert line == (
        "Room for your files: the computer is almost full, with room for about 200 more photos now; emptying the Recycle Bin (the wastebasket picture on your screen), which holds the files you deleted, adds room for about "
        "430 more photos at most, as some of them may come from another drive"
        if lang == "en"
        else "Place pour vos fichiers\u00a0: l’ordinateur est presque plein, avec la place pour environ 200 photos de plus maintenant\u202f; vider la corbeille (la petite poubelle dessinée sur votre écran), "
        "où sont les fichiers que vous avez supprimés, ajoute au plus la place pour environ 430 photos de plus, car certains peuvent venir d’un autre disque"
    )
    # a removable drive keeps no Recycle Bin: the whole bin is on C:, and what emptying it adds is said without "at most"
    disk["volumes"][1]["removable"] = True
    assert computer_summary(json.dumps(windows), disk=disk)[-1].endswith("which holds the files you deleted, adds room for about 430 more photos")


def test_the_recycle_bins_part_on_the_full_drive_is_added_when_the_check_asked_for_it():
    """The check asks Windows for the full drive's own part of the Recycle Bin (SHQueryRecycleBinW given "C:\\"): that part,
    the one the blue button now says, is what emptying adds to C:'s room; the part on D: is not."""
    from selfcheck.bundle.review import computer_summary
    from test_disk_trash_on_full_volume import windows_c_full

    windows = {"os": {"system": "Windows"}, "disks": [{"mountpoint": "C:\\", "total_bytes": 237.9e9, "free_bytes": 600e6}]}
    disk = windows_c_full({"C:\\": 300_000_000, "D:\\": 2_000_000_000})
    assert computer_summary(json.dumps(windows), disk=disk)[-1] == (
        "Room for your files: the computer is almost full, with room for about 200 more photos now; emptying the Recycle Bin (the wastebasket picture on your screen), which holds the files you deleted, adds room for about "
        "100 more photos"
    )


# send rounds 99-100: Windows' Recycle Bin named, where it is first named, as the wastebasket on the desktop
@pytest.mark.parametrize(
    "system, name", [("Windows", "the Recycle Bin (the wastebasket picture on your screen)"), ("Darwin", "the Trash"), ("Linux", "the Trash")]
)
def test_the_room_line_says_what_the_trash_holds_under_each_systems_name_for_it(system, name):
    """Send round 75 (en): "Recycle Bin. I know the little bin picture on my screen, but not really what emptying it does.":
    the room line says what it holds, the files the person deleted, beside each system's name for it (and in French)."""
    from selfcheck.bundle.review import computer_summary

    inventory = {"os": {"system": system}, "disks": [{"mountpoint": "C:\\", "total_bytes": 256e9, "free_bytes": 630e6}]}
    disk = recorded_disk("windows_ok", 1_290_000_000, free=630_000_000)
    assert (
        f"now; emptying {name}, which holds the files you deleted, adds room for about 430 more photos"
        in computer_summary(json.dumps(inventory), disk=disk)[-1]
    )
    i18n.set_language("fr")
    try:
        line = computer_summary(json.dumps(inventory), disk=disk)[-1]
    finally:
        i18n.set_language("en")
    named = "la corbeille (la petite poubelle dessinée sur votre écran)" if system == "Windows" else "la corbeille"
    assert f"maintenant\u202f; vider {named}, où sont les fichiers que vous avez supprimés, ajoute la place pour environ 430 photos" in line, line


def test_the_room_line_from_the_disk_checks_facts_on_this_computer():
    """The disk check's facts as it collects them here: the line speaks of the volume holding the home folder, not of the
    inventory's disk (a made-up half-full one here), and adds the Trash, which is in the home folder."""
    from selfcheck.api import Context
    from selfcheck.bundle.review import computer_summary, how_full
    from selfcheck.platforms.volumes import files_volume, room_short
    from selfcheck.wording import room_of
    from test_checks_hwos import CLASSES, defaults

    disk = CLASSES["hardware.disk"]().collect(Context({}, {**defaults("hardware.disk"), "smart": False}))
    files = files_volume(disk["volumes"])
    assert files is not None and files["mountpoint"] in ("/", "/home")
    inventory = {"os": {"system": "Linux"}, "disks": [{"mountpoint": "/", "total_bytes": 1e12, "free_bytes": 5e11}]}
    short = room_short(files, disk["volumes"], disk["platform"], defaults("hardware.disk"))
    room = f"the computer is {how_full(short, files['free'])}, with {room_of(files['free'])}" if short else room_of(files["free"])
    assert computer_summary(json.dumps(inventory), disk=disk)[-1] == f"Room for your files: {room}"
    disk["trash"] = {"bytes": 1_290_000_000, "complete": True}
    assert computer_summary(json.dumps(inventory), disk=disk)[-1].startswith(
        f"Room for your files: {room} now; emptying the Trash, which holds the files you deleted, adds room for about 430"
    )


def disk_verdict(facts: dict, thresholds: dict | None = None) -> str:
    """hardware.disk's own judgement of these facts (its status), with the shipped thresholds or these."""
    from selfcheck.runner import evaluate_facts
    from test_checks_hwos import CLASSES, defaults

    return evaluate_facts(CLASSES["hardware.disk"], facts, defaults("hardware.disk", thresholds)).status.value


def test_the_room_line_says_almost_full_only_where_the_disk_check_does_with_the_scans_thresholds():
    """Issue 21: the review said "almost full" from 85 % used, so a 2 TB disk with 150 GB free, fine for the disk check and
    not in the verdict, read "the computer is almost full" (readers aged 67: "it gave me a fright"). It says how full only
    as the check judged it, with the thresholds the scan used (system.json's), and else the room alone."""
    from selfcheck.bundle.review import computer_summary

    linux = {"os": {"system": "Linux"}}
    roomy = recorded_disk("linux_readonly_system", readonly=False, total=2_000_000_000_000, free=150_000_000_000)
    assert disk_verdict(roomy) == "pass"
    assert computer_summary(json.dumps(linux), disk=roomy)[-1] == "Room for your files: room for about 50,000 more photos"
    # the same without the check's facts: the inventory's "/" is judged by the same rule
    inventory = {**linux, "disks": [{"mountpoint": "/", "total_bytes": 2e12, "free_bytes": 150e9}]}
    assert computer_summary(json.dumps(inventory))[-1] == "Room for your files: room for about 50,000 more photos"
    # the Trash beside it: what emptying adds, still no judgement
    with_trash = {**roomy, "trash": {"bytes": 1_290_000_000, "complete": True}}
    assert computer_summary(json.dumps(linux), disk=with_trash)[-1] == (
        "Room for your files: room for about 50,000 more photos now; emptying the Trash, which holds the files you deleted, adds room for about 430 more photos"
    )
    i18n.set_language("fr")
    try:
        line = computer_summary(json.dumps(linux), disk=roomy)[-1]
    finally:
        i18n.set_language("en")
    assert line.startswith("Place pour vos fichiers\u00a0: la place pour environ 50") and "plein" not in line
    # 15 GB free of 2 TB: the check warns, and the review says it, as the verdict does
    short = recorded_disk("linux_readonly_system", readonly=False, total=2_000_000_000_000, free=15_000_000_000)
    assert disk_verdict(short) == "warn"
    assert computer_summary(json.dumps(linux), disk=short)[-1] == "Room for your files: the computer is almost full, with room for about 5,000 more photos"
    # a company's own thresholds (recorded in system.json, as the scan used them) move the line with the check's judgement
    company = {"warn_free_percent": 10, "warn_free_gb": 200}
    assert disk_verdict(roomy, company) == "warn"
    recorded = {**linux, "selfcheck_config": {"thresholds": {"hardware.disk": company}}}
    assert computer_summary(json.dumps(recorded), disk=roomy)[-1] == "Room for your files: the computer is almost full, with room for about 50,000 more photos"
    assert computer_summary(json.dumps({**recorded, "disks": inventory["disks"]}))[-1].startswith("Room for your files: the computer is almost full")


FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
#: network.internet's facts recorded in the network lab (tests/netlab.py): the line beyond the box up, then down
LINE_WORKS = json.loads((FIXTURES / "checks" / "network.internet" / "lab_line_works.json").read_text(encoding="utf-8"))["facts"]
LINE_DOWN = json.loads((FIXTURES / "checks" / "network.internet" / "lab_line_down.json").read_text(encoding="utf-8"))["facts"]


def _interface(name: str, up: bool, ipv4: str = "", *, loopback: bool = False, wireless: bool = False) -> dict:
    """One adapter as network.link records it (psutil's names: the ones the person's Windows or Mac gives)."""
    from selfcheck.checks.network_link import VIRTUAL_PREFIXES

    return {
        "name": name,
        "up": up,
        "loopback": loopback,
        "virtual": name.lower().startswith(VIRTUAL_PREFIXES),
        "wireless": wireless,
        "ipv4": [ipv4] if ipv4 else [],
        "ipv4_self_assigned": [],
        "ipv6_global": [],
    }


def _link(interfaces: list[dict], wifi: list[dict]) -> dict:
    """network.link's facts as the check makes them: the adapters the OS lists as Wi-Fi are marked wireless."""
    from selfcheck.checks.network_link import mark_wireless

    mark_wireless(interfaces, wifi)
    return {"interfaces": interfaces, "wifi": wifi}


def test_whether_it_is_on_the_internet_comes_from_the_adapters_up_never_from_their_names_nor_says_how():
    """Review finding: the review guessed Wi-Fi or cable from adapter names, which the person's Windows localises
    ("WLAN", « Connexion au réseau local ») and a Mac does not say (en0 is often its Wi-Fi). It now reads network.link's
    facts (the OS's own Wi-Fi adapters: netsh wlan on Windows, system_profiler on macOS), as the support card does;
    here on outputs recorded on real machines (tests/fixtures/*/SOURCES). Send rounds 59-64 (en, fr): "by a cable" / "without a
    cable": "I don't know if my computer uses a cable": the line says whether it was on the internet, not how."""
    from selfcheck import netparse
    from selfcheck.bundle.review import computer_summary
    from selfcheck.platforms import macos

    mac = json.dumps({"os": {"system": "Darwin", "distribution": "macOS 15.5"}})
    # macOS 15.5: system_profiler -json SPAirPortDataType names en0 its Wi-Fi (a name-based guess said "a network connection")
    airport = macos.parse_airport_data_type((FIXTURES / "macos" / "system_profiler_airport_15.5.json").read_text(encoding="utf-8"))
    link = _link([_interface("lo0", True, "127.0.0.1", loopback=True), _interface("en0", True, "192.168.1.9")], airport)
    assert computer_summary(mac, link, LINE_WORKS)[-1] == "Internet: working when checked"
    # macOS 10.15.7: the Wi-Fi is en1 (en0 is the Ethernet port, unplugged)
    airport = macos.parse_airport_data_type((FIXTURES / "macos" / "system_profiler_airport_10.15.7.json").read_text(encoding="utf-8"))
    link = _link([_interface("en0", False), _interface("en1", True, "192.168.1.9")], airport)
    assert computer_summary(mac, link, LINE_WORKS)[-1] == "Internet: working when checked"
    windows = json.dumps({"os": {"system": "Windows", "release": "10", "version": "10.0.22631"}})
    # a German Windows 11 (ipconfig /all: "Ethernet" unplugged, "WLAN" with the address; netsh wlan names "WLAN")
    wlan = netparse.parse_netsh_wlan_interfaces((FIXTURES / "windows" / "netsh_wlan_interfaces_de.txt").read_text(encoding="utf-8"))
    link = _link(
        [_interface("Ethernet", False), _interface("vEthernet (WSL (Hyper-V firewall))", True, "172.22.0.1"), _interface("WLAN", True, "192.168.0.23")], wlan
    )
    assert computer_summary(windows, link, LINE_WORKS)[-1] == "Internet: working when checked"
    # a French Windows on a cable whose adapter has the old local name; its Wi-Fi adapter (netsh: "Wi-Fi") is off
    wlan = netparse.parse_netsh_wlan_interfaces((FIXTURES / "windows" / "netsh_wlan_interfaces_fr.txt").read_text(encoding="utf-8"))
    link = _link([_interface("Connexion au réseau local", True, "192.168.1.21"), _interface("Wi-Fi", False)], wlan)
    i18n.set_language("fr")
    try:
        # a Wi-Fi adapter the OS lists: not "a cable, not by Wi-Fi" (the card's rule), and no guess from the name
        assert computer_summary(windows, link, LINE_WORKS)[-1] == "Internet\u00a0: marchait quand l’ordinateur a été vérifié"
        link = _link([_interface("Connexion au réseau local", True, "192.168.1.21")], [])
        assert computer_summary(windows, link, LINE_WORKS)[-1] == "Internet\u00a0: marchait quand l’ordinateur a été vérifié"
        link = _link([_interface("Connexion au réseau local", False), _interface("Wi-Fi", False)], wlan)
        assert computer_summary(windows, link, LINE_WORKS)[-1] == "Internet\u00a0: ne marchait pas quand l’ordinateur a été vérifié"
        assert not any(w in " ".join(computer_summary(windows, link, LINE_WORKS)) for w in ("câble", "Wi-Fi", "réseau"))
    finally:
        i18n.set_language("en")


def test_an_address_from_the_box_is_not_the_internet():
    """Review finding: the line said "Internet: working when checked" for any adapter up with an address, so a person
    whose internet box had lost the line (why most people write to support) read that their computer was on the internet.
    It now says what network.internet found (recorded in the network lab: tests/fixtures/checks/network.internet), and
    nothing where that was not tested."""
    from selfcheck.bundle.review import computer_summary

    windows = json.dumps({"os": {"system": "Windows", "release": "10", "version": "10.0.22631"}})
    link = _link([_interface("Ethernet", True, "192.168.1.21")], [])
    assert computer_summary(windows, link, LINE_DOWN)[-1] == "Internet: not working when checked"
    assert computer_summary(windows, link, LINE_WORKS)[-1] == "Internet: working when checked"
    # not tested (the check skipped, or its facts not in the bundle): not said either way (review: this looked for the line's
    # words of before, "On the internet", which no line says any more: it passed whatever the line said)
    said = ("Internet: working when checked", "Internet: not working when checked")
    assert not any(line in said for line in computer_summary(windows, link)), computer_summary(windows, link)
    assert not any(line in said for line in computer_summary(windows, link, {"addresses": {}}))
    assert not any(line in said for line in computer_summary(windows, link, {"addresses": {"a": {"status": "blocked"}}}))
    i18n.set_language("fr")
    try:
        assert computer_summary(windows, link, LINE_DOWN)[-1] == "Internet\u00a0: ne marchait pas quand l’ordinateur a été vérifié"
    finally:
        i18n.set_language("en")


def test_a_virtual_computer_is_said_with_the_program_that_runs_it_not_this_program():
    """Review finding: "Runs in a virtual computer made by this program (not unusual)": "this program" reads as selfcheck."""
    from selfcheck.bundle.review import plain_lines

    system = {"os": {"system": "Windows", "release": "10", "version": "10.0.22631"}, "machine": {"virtualisation": "oracle"}}
    lines, _more = plain_lines(json.dumps(system), path="system.json")
    # the version the customer's line leaves out is here, for support: Windows 11, not Python's "10"
    assert lines[0] == "System: Windows 11 (build 22631)"
    assert "    This computer is a virtual one, run inside another computer by VirtualBox" in lines
    assert not any("this program" in line.lower() for line in lines)
    system["machine"] = {"virtualisation": "docker"}
    i18n.set_language("fr")
    try:
        lines, _more = plain_lines(json.dumps(system), path="system.json")
    finally:
        i18n.set_language("en")
    assert "    Ce système tourne dans un conteneur (une partie isolée d’un autre ordinateur), fait avec docker" in lines


def test_what_it_found_says_found_not_measured_in_both_languages():
    """Send round 18: "what it measured for each check (measured what?)" (en, fr): the results group says what it found."""
    from selfcheck.bundle.review import GROUPS, RESULTS_GROUP

    holds = GROUPS[RESULTS_GROUP][1]
    try:
        for lang, expected, quoted in (
            ("en", "What it found for each thing it checked on this computer (never what is in your letters", "measured"),
            ("fr", "Ce qu’il a trouvé pour chaque chose qu’il a vérifiée sur cet ordinateur (jamais ce qu’il y a dans vos lettres", "mesuré"),
        ):
            i18n.set_language(lang)
            text = i18n._(holds)
            assert text.startswith(expected) and quoted not in text
    finally:
        i18n.set_language("en")


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_watchings_line_in_what_will_be_sent_says_what_it_noted_while_it_watched(lang):
    """Cuts round 2: the verdict offers "Watch while it happens" and its window says watching, never recording ("will it
    record my call?"): its line in the review says the same idea, what it noted (the verdict's words), not "measured"."""
    from selfcheck.bundle.review import label_of

    i18n.set_language(lang)
    try:
        said = label_of("recording/recording.json")
    finally:
        i18n.set_language("en")
    assert said == {"en": "What this program noted while it watched", "fr": "Ce que ce programme a noté pendant qu’il surveillait"}[lang]


def test_the_part_always_sent_quotes_the_first_words_of_what_the_check_told_the_customer_or_says_it_plainly():
    """Send rounds 73-75 (en): "What is wrong and what works on your computer": "That's a bit vague: what exactly do they look
    at?": the part quotes the verdict's headline from the results it sends, up to its first colon or full stop (the words
    the customer read first, big, on the window); without results.json, or without a headline, its plain words as before."""
    from selfcheck.bundle import review

    full = "Your computer is almost full: very little space is left on it. This is probably why your computer is slow."
    assert review.told_of(json.dumps({"diagnosis": {"headline": full}})) == "Your computer is almost full"
    assert review.told_of(json.dumps({"diagnosis": {"verdict": {"headline": "Everything we checked looks fine."}}})) == "Everything we checked looks fine"
    plein = "Votre ordinateur est presque plein\u00a0: il reste très peu de place."
    assert review.told_of(json.dumps({"diagnosis": {"headline": plein}})) == "Votre ordinateur est presque plein"
    assert review.told_of(json.dumps({"diagnosis": {"headline": "Wi-Fi\x1b[31m is off\nnow"}})) == "Wi-Fi [31m is off now"  # one line, inert
    for none in (None, "", "not json", "[]", "{}", json.dumps({"diagnosis": {"headline": None}}), json.dumps({"diagnosis": []})):
        assert review.told_of(none) == "", none
    files = [("results.json", 1, False), ("report.html", 1, False), ("system.json", 1, True)]
    told = review.group_files(files, told="Your computer is almost full")
    assert told[0].told_line == "What this program told you: “Your computer is almost full”."
    assert told[0].holds == (
        "What it found for each thing it checked on this computer, such as “Your computer is almost full” (never what is in your letters, photos or other files)."
    )
    assert told[1].told_line == "" and "Your computer is almost full" not in told[1].holds  # the other parts say their own words
    plain = review.group_files(files)
    assert plain[0].told_line == "" and plain[0].holds.startswith("What it found for each thing it checked on this computer (never")
    i18n.set_language("fr")
    try:
        assert told[0].told_line == "Ce que ce programme vous a dit\u00a0: «\u00a0Your computer is almost full\u00a0»."
    finally:
        i18n.set_language("en")


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_part_always_sent_quotes_a_printers_name_whole_even_with_a_colon_or_full_stop_in_it(lang):
    """Review of 550b6495: the quote ends at the headline's first colon or full stop, but not at one inside a name the
    headline quotes (a printer's, as the person named it): “The printer “Dept” was quoted, half a name and an open quote."""
    from selfcheck.bundle import review

    with i18n.language(lang):  # the printer check's own headline, as the window showed it
        headline = i18n._("The printer “{name}” does not answer: it may be switched off or disconnected.").format(name="Dept. B: Floor 2")
    told = review.told_of(json.dumps({"diagnosis": {"headline": headline}}))
    assert told == {"en": "The printer “Dept. B: Floor 2” does not answer", "fr": "L’imprimante «\u00a0Dept. B: Floor 2\u00a0» ne répond pas"}[lang], told
    # a quote never closed (a name holding one): nothing cut at all rather than cut inside it
    assert review.told_of(json.dumps({"diagnosis": {"headline": "The printer “Dept. B does not answer: off."}})) == "The printer “Dept. B does not answer: off."


def test_a_virtual_computer_name_from_the_bundle_reaches_the_screen_on_one_line_without_control_characters():
    """Review finding: machine.virtualisation (another process's output, from a bundle) went into its line raw, where
    every other value goes through the same cleaning: a line break or terminal escape in it reached the screen."""
    system = {"os": {"system": "Linux"}, "machine": {"virtualisation": "odd\nmaker\x1b[31m"}}
    lines, _more = plain_lines(json.dumps(system), path="system.json")
    assert "    This computer is a virtual one, run inside another computer by odd maker [31m" in lines
    assert not any(ch in line for line in lines for ch in "\n\x1b")


def test_each_parts_line_names_taking_it_out_only_where_it_can_be_and_says_always_sent_elsewhere():
    """Send rounds 30-31 (en): "Without it, support has to ask you to let this program check your computer again": "without
    what? Can I leave parts out?", "I didn't see how I'd leave a part out". Each part's line names the part and taking it out,
    and only where that is possible (results.json, report.html and manifest.json are always sent, all three in the results
    part since send rounds 36-39: the record part is taken out whole, as the others are, and there is none without its lines)."""
    from selfcheck.bundle import review

    def costs(*extra: tuple[str, int, bool]) -> dict[str, str]:
        files = [("description.txt", 1, True), ("results.json", 1, False), ("report.html", 1, False), ("system.json", 1, True)]
        return {g.key: g.cost for g in review.group_files([*files, ("manifest.json", 1, False), *extra])}

    with_history = costs(("history.json", 1, True), ("logs/selfcheck.log", 1, True))
    assert with_history == {
        "wrote": "If you take this part out, support does not know what you see.",
        "results": "This part is always sent: it is what support needs most to help you.",
        "computer": "If you take this part out, support can still help you, but may have to ask you questions about your computer.",
        "record": "If you take this part out, support can still help you, but may not see when the problem started.",
    }
    assert "record" not in costs()  # the table of contents alone is not a part of its own: it is in the results part


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_inventorys_lines_leave_out_what_says_nothing_and_windows_11_is_not_called_10(lang):
    """Send round 91 (en, fr): "it says 'Windows 11' at the top and then 'Version number: 10' just below. Which is it?",
    « Langue et réglages : — », « Au plus : 0 »: lines that say nothing, or the opposite of the system line, are left out of
    the readable lines; the file sent keeps them all."""
    # what inventory.os_info and cpu_info record on Windows 11 23H2 (platform.win32_ver(): release "10", build 10.0.22631;
    # platform.processor() empty where Windows gave no identifier; psutil.cpu_freq() max 0 where the OS gave none,
    # psutil.getloadavg()'s first answer (0.0, 0.0, 0.0))
    data = {
        "os": {"system": "Windows", "release": "10", "version": "10.0.22631", "distribution": "10 10.0.22631", "edition": "Core", "environment": {}},
        "cpu": {"logical_cores": 8, "processor": "", "frequency_mhz": {"current": 2419, "max": 0}, "load_average": [0.0, 0.0, 0.0]},
        "machine": {"vendor": None, "model": "Unknown"},
        "memory": {"swap_used_percent": 0.0},
        "disks": [{"mountpoint": "C:\\", "free_bytes": 0}],
    }
    i18n.set_language(lang)
    try:
        lines, _more = plain_lines(json.dumps(data), limit=10**6, path="system.json")
    finally:
        i18n.set_language("en")
    text = "\n".join(lines)
    system, release, now, highest, busy, settings, free, used = {
        "en": (
            "System: Windows 11 (build 22631)",
            "Version number",
            "Now: 2.4 GHz (2419 MHz)",
            "Highest",
            "How busy",
            "Language and settings",
            "Free: 0 bytes",
            "Extra memory on the disk in use (%): 0",
        ),
        "fr": (
            "Système\u00a0: Windows 11 (build 22631)",
            "Numéro de version",
            "Maintenant\u00a0: 2,4\u00a0GHz (2\u202f419\u00a0MHz)",
            "Au plus",
            "occupé",
            "Langue et réglages",
            "Libre\u00a0: 0\u00a0octet",
            "Mémoire en plus sur le disque utilisée (%)\u00a0: 0",
        ),
    }[lang]
    assert lines[0] == system, lines[:3]
    assert release not in text and " 10" not in text and "10.0." not in text, text  # Windows 11 said once, never "10"
    assert "—" not in text and settings not in text and "Unknown" not in text, text  # empty and unknown values say nothing
    assert now in text and highest not in text and busy not in text, text  # a speed of 0 and a load of 0, 0, 0 say nothing
    assert free in text and used in text, text  # a 0 that is a fact (a full disk) stays


def test_windows_10_keeps_its_version_number_and_a_load_with_a_number_in_it_is_kept():
    data = {"os": {"system": "Windows", "release": "10", "version": "10.0.19045"}, "cpu": {"load_average": [0.5, 0.0, 0.25]}}
    lines, _more = plain_lines(json.dumps(data), limit=10**6, path="system.json")
    assert lines[0] == "System: Windows 10 (build 19045)"
    assert "    Version number: 10" in lines  # the same as the system line: it says something
    assert ["        – 0.5", "        – 0", "        – 0.25"] == lines[-3:]  # one 0 among others still says how busy it was


#: what inventory.os_info and cpu_info record on a Windows 11 23H2 laptop (as scripts/screenshots.py windows_customer_os):
#: platform.machine() "AMD64", platform.win32_edition() "Core" (Home), the processor as py-cpuinfo recorded a real laptop's
#: (workhorsy/py-cpuinfo tests/test_windows_10_x86_64.py @0435a5ae: 'Intel64 Family 6 Model 69 Stepping 1, GenuineIntel',
#: registry ~MHz 2494); on for 6 h 30 min; no swap file (psutil's swap total 0)
WINDOWS_LAPTOP = {
    "os": {
        "system": "Windows",
        "release": "10",
        "version": "10.0.22631",
        "architecture": "AMD64",
        "python": "3.11.7",
        "selfcheck": "0.1.0",
        "frozen": True,
        "distribution": "10 10.0.22631",
        "edition": "Core",
        "uptime_seconds": 23400,
    },
    "cpu": {
        "logical_cores": 4,
        "physical_cores": 2,
        "processor": "Intel64 Family 6 Model 69 Stepping 1, GenuineIntel",
        "frequency_mhz": {"current": 2494, "max": 2494},
    },
    "memory": {"total_bytes": 8_000_000_000, "swap_total_bytes": 0, "swap_used_percent": 0.0},
}


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_windows_laptops_lines_say_its_facts_plainly_and_keep_the_recorded_value_where_support_needs_it(lang):
    """Lay readers (67), round 91: "Kind of processor: AMD64" (on an Intel chip), "On for (seconds): 71378", "Edition: Core",
    "Speed (MHz)", "Parts of the processor that work at the same time (real ones)", raw "Swap total bytes: 0 bytes", and
    "Version of the language this program is written in" / "Installed as one package" read as facts about their computer."""
    with i18n.language(lang):
        lines, _more = plain_lines(json.dumps(WINDOWS_LAPTOP), limit=10**6, path="system.json")
    expected = {
        "en": [
            "    Kind of processor: 64-bit, Intel or AMD (AMD64)",
            "    On for: 6 hours 30 minutes",
            "    Edition of Windows: Home (Windows calls it Core)",
            "    Tasks it can do at the same time (threads): 4",
            "    Working parts inside it (cores): 2",
            "    Processor: made by Intel (Intel64 Family 6 Model 69 Stepping 1, GenuineIntel)",
            "        Now: 2.5 GHz (2494 MHz)",
            "    Room on the disk used as extra memory (swap): none set aside",
        ],
        "fr": [
            "    Genre de processeur\u00a0: 64\u00a0bits, Intel ou AMD (AMD64)",
            "    Allumé depuis\u00a0: 6\u00a0heures 30\u00a0minutes",  # each number held to its unit (issue 21)
            "    Édition de Windows\u00a0: Famille (Windows l’appelle Core)",
            "    Tâches qu’il peut faire en même temps (threads)\u00a0: 4",
            "    Parties qui travaillent à l’intérieur (cœurs)\u00a0: 2",
            "    Processeur\u00a0: fabriqué par Intel (Intel64 Family 6 Model 69 Stepping 1, GenuineIntel)",
            "        Maintenant\u00a0: 2,5\u00a0GHz (2\u202f494\u00a0MHz)",  # French groups digits by a narrow space
            "    Place sur le disque servant de mémoire en plus (swap)\u00a0: aucune",
        ],
    }[lang]
    for line in expected:
        assert line in lines, (line, lines)
    # this program's own make-up, last, under a heading that says it is the program's, not among the computer's facts
    program = {
        "en": [
            "About this program (for support):",
            "    Version of this program: 0.1.0",
            "    Version of Python, the language it is written in: 3.11.7",
            "    Installed as a ready-made app: yes",
        ],
        "fr": [
            "À propos de ce programme (pour l’assistance)\u00a0:",
            "    Version de ce programme\u00a0: 0.1.0",
            "    Version de Python, le langage dans lequel il est écrit\u00a0: 3.11.7",
            "    Installé comme une application toute prête\u00a0: oui",
        ],
    }[lang]
    assert lines[-4:] == program, lines
    assert WINDOWS_LAPTOP["os"]["uptime_seconds"] == 23400  # the data keeps its value: only the readable line changed


@pytest.mark.parametrize(
    "fixture, said",
    # tests/fixtures/checks/os.uptime: what the uptime check recorded on Windows (262800 s) and Linux (14400 s)
    [("windows_three_days", ("3 days 1 hour", "3\u00a0jours 1\u00a0heure")), ("linux_restarted_this_morning", ("4 hours", "4\u00a0heures"))],
)
def test_how_long_the_computer_has_been_on_is_said_in_days_hours_and_minutes(fixture, said):
    from selfcheck.wording import duration

    facts = json.loads((Path(__file__).resolve().parents[1] / "fixtures" / "checks" / "os.uptime" / f"{fixture}.json").read_text())["facts"]
    for lang, words in zip(("en", "fr"), said, strict=True):
        with i18n.language(lang):
            assert duration(facts["uptime_seconds"]) == words
    assert duration(71378) == "19 hours 49 minutes"  # round 91's "On for (seconds): 71378"
    assert (duration(60), duration(3600), duration(59)) == ("1 minute", "1 hour", "0 minutes")


def test_windows_editions_are_named_as_windows_shows_them_and_processor_kinds_say_64_bit_first():
    from selfcheck.bundle.review import architecture_words, edition_words

    assert edition_words("Professional") == "Pro (Windows calls it Professional)"
    assert edition_words("Enterprise") == "Enterprise"  # the same name: said once
    assert edition_words("SomethingNew") == "SomethingNew"  # an id not known here: as Windows recorded it
    with i18n.language("fr"):
        assert edition_words("Enterprise") == "Entreprise (Windows l’appelle Enterprise)"
    assert architecture_words("x86_64") == "64-bit, Intel or AMD (x86_64)"
    assert architecture_words("arm64") == "64-bit, ARM (arm64)"
    assert architecture_words("i686") == "32-bit, Intel or AMD (i686)"
    assert architecture_words("riscv64") == "riscv64"


def test_every_key_of_a_recorded_inventory_is_said_in_words_and_the_programs_settings_keep_their_names():
    """The engineer's list, round 91: "Swap total bytes", "Swap used percent" were printed from the key's name. On the
    support-reading lab's bundle (a whole inventory as the app sends it), no line of the computer's part is a key's name
    made into words; this program's settings, under its heading, keep their names as its configuration files write them."""
    import zipfile

    with zipfile.ZipFile(FULL_HOME) as sent:
        system = sent.read("system.json").decode()
    keys: set[str] = set()

    def walk(value: object) -> None:
        if isinstance(value, dict):
            for key, item in value.items():
                if key != "selfcheck_config":
                    keys.add(key)
                    walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(json.loads(system))
    assert {"swap_total_bytes", "mountpoint", "by_cpu", "virtual_machine", "auto_detect"} <= keys  # a whole inventory
    # in French, a label printed from a key's name shows as that name in English words ("Swap total bytes"); the plain
    # words are French. "Options" is both.
    with i18n.language("fr"):
        lines, _more = plain_lines(system, limit=10**6, path="system.json")
    heading = lines.index("À propos de ce programme (pour l’assistance)\u00a0:")
    raw = {key.replace("_", " ").replace(".", " ").strip().capitalize() for key in keys} - {"Options"}
    labels = [line.strip().split("\u00a0:")[0] for line in lines[:heading] if "\u00a0:" in line]
    assert "Place sur le disque servant de mémoire en plus (swap)" in labels
    assert not [label for label in labels if label in raw], labels
    assert "        checks\u00a0:" in lines[heading:] and "        branding\u00a0:" in lines[heading:]  # the settings' own names


def _windows_disk_record() -> dict[str, object]:
    """The customer's C: drive as inventory.disks_info records it on Windows, from the hardware.disk fixture recorded there
    (psutil.disk_partitions() gives the drive letter "C:\\" as device and mountpoint both)."""
    recorded = json.loads((Path(__file__).resolve().parents[1] / "fixtures" / "checks" / "hardware.disk" / "windows_ok.json").read_text())
    volume = next(v for v in recorded["facts"]["volumes"] if v["role"] == "system")
    return {
        "device": volume["device"],
        "mountpoint": volume["mountpoint"],
        "fstype": volume["fstype"],
        "options": "rw,fixed",
        "total_bytes": volume["total"],
        "free_bytes": volume["free"],
        "used_percent": round(100 * (1 - volume["free"] / volume["total"]), 1),
    }


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_windows_10_laptops_memory_is_not_read_as_room_for_files_and_its_drive_is_named_as_windows_names_it(lang):
    """Lay readers (67), round 92 (fr): « Mémoire… Libre : 16,3 Go » : « il reste de la place libre alors qu'on me dit que
    l'ordinateur est presque plein ? », « Périphérique : … », « lecteur ou dossier : / »; and on Windows 10 "Edition: 10
    10.0.19045" beside "Edition of Windows". The file sent keeps every value."""
    data = {
        # inventory.os_info on Windows 10 22H2: platform.win32_ver()'s release and version, joined as "distribution"
        "os": {"system": "Windows", "release": "10", "version": "10.0.19045", "distribution": "10 10.0.19045", "edition": "Professional"},
        "memory": {"total_bytes": 8_460_000_000, "available_bytes": 2_890_000_000, "used_percent": 65.8},
        "disks": [_windows_disk_record()],
    }
    with i18n.language(lang):
        lines, _more = plain_lines(json.dumps(data), limit=10**6, path="system.json")
    memory, free, drive, edition, device = {
        "en": ("Memory (used by open programs; not the room for your files):", "    Free for programs now: 2.9 GB", "        Drive: C:", "Edition: ", "Device"),
        "fr": (
            "Mémoire (celle des programmes ouverts\u202f; ce n’est pas la place pour vos fichiers)\u00a0:",
            "    Libre pour les programmes en ce moment\u00a0: 2,9\u00a0Go",
            "        Lecteur\u00a0: C:",
            "Édition\u00a0: ",
            "Périphérique",
        ),
    }[lang]
    text = "\n".join(lines)
    assert memory in lines and free in lines, text
    assert drive in lines and "C:\\" not in text and device not in text, text  # the drive said once, as Windows names it
    assert edition not in text and "10 10.0.19045" not in text, text  # the edition is said once, by its name
    assert ("    Version number: 10" if lang == "en" else "    Numéro de version\u00a0: 10") in lines  # Windows 10's own number stays
    assert data["disks"][0]["device"] == "C:\\" and data["os"]["distribution"] == "10 10.0.19045"  # the data keeps every value


def test_a_connection_without_addresses_or_a_known_speed_says_nothing_of_them():
    """Round 92: "Addresses: —" and "Speed (Mbit/s): 0" of a connection (psutil's net_if_stats gives 0 where it cannot read
    a speed) were read as something wrong; the support-reading lab's bundle has such connections (ifb0, ifb1)."""
    import zipfile

    with zipfile.ZipFile(FULL_HOME) as sent:
        system = sent.read("system.json").decode()
    recorded = [i for i in json.loads(system)["network_interfaces"] if i["addresses"] == [] and i["speed_mbps"] == 0]
    assert recorded  # the fixture has them
    lines, _more = plain_lines(system, limit=10**6, path="system.json")
    assert not [line for line in lines if line.strip() in ("Addresses: —", "Speed (Mbit/s): 0")], lines
    assert "        Name: ifb0" in lines and "        Largest piece of data sent at once (MTU): 1500" in lines  # the rest of it stays
    assert "                Address: 192.0.2.2" in lines  # a connection's real addresses stay


def test_a_decimal_number_is_written_as_the_reader_writes_it_to_the_digits_recorded():
    """Review of round 92: the French box read « Utilisé (%) : 65.8 » and a load of « – 1.67 », a point where French writes a
    comma; support reads the same lines and needs the value as recorded (every digit of it)."""
    data = {
        "cpu": {"load_average": [1.67, 0.5, 0.0]},
        "memory": {"total_bytes": 8_460_000_000, "used_percent": 65.8, "swap_used_percent": 12.25},
    }
    said = {}
    for lang in ("en", "fr"):
        with i18n.language(lang):
            said[lang] = plain_lines(json.dumps(data), limit=10**6, path="system.json")[0]
    assert "    Used (%): 65.8" in said["en"] and "        – 1.67" in said["en"], said["en"]
    assert "    Utilisé (%)\u00a0: 65,8" in said["fr"], said["fr"]
    assert ["        – 1,67", "        – 0,5", "        – 0"] == [line for line in said["fr"] if line.startswith("        – ")], said["fr"]
    assert any(line.endswith("\u00a0: 12,25") for line in said["fr"]), said["fr"]  # two decimals recorded, two said
    assert not [line for line in said["fr"] if re.search(r"\d\.\d", line)], said["fr"]


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_route_without_gateway_no_relay_and_no_swap_are_said_plainly(lang):
    """Review of round 92, on the support-reading lab's bundle: a route with no gateway read "Internet box: 0.0.0.0" (or "::"),
    which support could take for a router's address; with no relay set, "Read from: direct" (« Lu dans : direct »); and with
    no swap set aside, "Extra memory on the disk in use (%): 0" under the line that says none is. The file keeps every value."""
    import zipfile

    with zipfile.ZipFile(FULL_HOME) as sent:
        system = sent.read("system.json").decode()
    recorded = json.loads(system)
    no_gateway = [r for r in recorded["routes"] if r["gateway"] in ("0.0.0.0", "::")]
    assert len(no_gateway) > 1 and recorded["proxies"]["system"]["source"] == "direct"  # the fixture has them
    assert recorded["memory"]["swap_total_bytes"] == 0 and "swap_used_percent" in recorded["memory"]
    with i18n.language(lang):
        lines, _more = plain_lines(system, limit=10**6, path="system.json")
    box, straight, router, no_relay, read_from, swap, swap_used = {
        "en": (
            "Internet box: ",
            "        Internet box: none (straight onto the local network)",
            "        Internet box: 192.0.2.1",
            "        No relay (proxy) is set",
            "Read from: direct",
            "    Room on the disk used as extra memory (swap): none set aside",
            "Extra memory on the disk in use",
        ),
        "fr": (
            "Box internet\u00a0: ",
            "        Box internet\u00a0: aucune (directement sur le réseau local)",
            "        Box internet\u00a0: 192.0.2.1",
            "        Aucun relais (proxy) n’est réglé",
            "Lu dans\u00a0: direct",
            "    Place sur le disque servant de mémoire en plus (swap)\u00a0: aucune",
            "Mémoire en plus sur le disque utilisée",
        ),
    }[lang]
    gateways = [line.strip() for line in lines if line.strip().startswith(box)]
    assert gateways.count(straight.strip()) == len(no_gateway), gateways
    assert not [g for g in gateways if g.endswith((": 0.0.0.0", ": ::"))], gateways
    assert router in lines and any(g.endswith("fd00::1") for g in gateways)  # a real gateway keeps its address
    assert no_relay in lines and not [line for line in lines if read_from in line], lines
    assert swap in lines and not [line for line in lines if swap_used in line], lines


def test_a_system_relay_found_by_a_setup_file_is_not_said_to_be_none():
    """ "No relay (proxy) is set" only where none is: netconf records "direct" also beside a setup file (PAC) it did not read."""
    data = {
        "os": {"system": "Windows"},
        "proxies": {"system": {"proxies": {}, "source": "direct", "pac_url": "http://wpad.example/wpad.dat", "auto_detect": False}},
    }
    lines, _more = plain_lines(json.dumps(data), limit=10**6, path="system.json")
    assert "        No relay (proxy) is set" not in lines and "        Address of its setup file (PAC): http://wpad.example/wpad.dat" in lines, lines
    data["proxies"]["system"]["pac_url"] = None
    lines, _more = plain_lines(json.dumps(data), limit=10**6, path="system.json")
    assert "        No relay (proxy) is set" in lines, lines
