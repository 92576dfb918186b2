"""A clicked part of "What will be sent" shows at once what it holds, as plain lines a person reads (lay readers,
round 5: the part's description again and "click again" was not the content)."""

from __future__ import annotations

import json

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
    assert lines[:3] == ["Windows, macOS ou Linux :", "    Lequel : Linux", "    Installé en un seul paquet : non"]  # French spacing
    assert "    En tout : 8 Go" in lines  # a size as people read it, not 8000000000
    assert "Dns :" in lines and "        – 192.0.2.53" in lines
    assert not any(c in line for line in lines for c in '{}"\n')
    assert lines[-1] == "Note : a b [31m"  # one line: the data's line break and control characters do not reach the screen


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
        "network_interfaces": [
            {"name": "Wi-Fi", "up": True, "addresses": [{"family": "ipv4", "address": "192.168.1.20"}]},
            {"name": "Ethernet", "up": False, "addresses": [{"family": "ipv4", "address": "10.0.0.2"}]},
            {"name": "Loopback Pseudo-Interface 1", "up": True, "addresses": [{"family": "ipv4", "address": "127.0.0.1"}]},
        ],
        "machine": {"virtualisation": "docker"},
        "environment": {"LANG": "C.UTF-8"},
    }
    assert computer_summary(json.dumps(data)) == [
        "Kind of computer: a Windows computer (Windows 10)",  # send round 12: "Home? what is Home?": the edition stays in the exact details
        # the system disk, not the biggest one; in the app's words, not GB (round 7: "GB" not understood)
        "Room for your files: the computer is almost full, with room for about 19,000 more photos",
        "How it connects to the internet: by Wi-Fi",  # the cable that is unplugged and the computer's own loopback are not ways out
    ]
    # Windows 11 Home as Python 3.11 reports it there (release "10", edition "Core"): "Windows 11", no "Home"
    # (send round 12: "what is Home?"); on a cable only, which way it is not (round 12: "by cable: which cable?")
    eleven = {
        "os": {"system": "Windows", "release": "10", "version": "10.0.22631", "edition": "Core"},
        "network_interfaces": [{"name": "Ethernet", "up": True, "addresses": [{"family": "ipv4", "address": "192.168.1.21"}]}],
    }
    assert computer_summary(json.dumps(eleven)) == [
        "Kind of computer: a Windows computer (Windows 11)",
        "How it connects to the internet: with a cable (usually from your internet box), not by Wi-Fi",
    ]
    i18n.set_language("fr")
    try:
        assert computer_summary(json.dumps(eleven)) == [
            "Genre d’ordinateur : un ordinateur Windows (Windows 11)",
            "Comment il se connecte à internet : avec un câble (en général depuis votre box), pas par le Wi-Fi",
        ]
    finally:
        i18n.set_language("en")
    linux = {"os": {"system": "Linux", "distribution": "Debian GNU/Linux 12 (bookworm)"}, "network_interfaces": []}
    i18n.set_language("fr")
    try:
        assert computer_summary(json.dumps(linux)) == [
            # round 7: "bookworm? I thought I had Windows!": the family's name only, and what it is
            "Genre d’ordinateur : Linux (Debian), utilisé sur cet ordinateur à la place de Windows",
            "Comment il se connecte à internet : il n’est pas connecté",
        ]
    finally:
        i18n.set_language("en")
    mac = {
        "os": {"system": "Darwin", "distribution": "macOS 14.2"},
        "network_interfaces": [{"name": "en0", "up": True, "addresses": [{"family": "ipv4", "address": "192.168.1.9"}]}],
    }
    assert computer_summary(json.dumps(mac)) == [
        "Kind of computer: a Mac",
        "How it connects to the internet: through a network connection",
    ]  # en0 may be its Wi-Fi
    half = {"os": {"system": "Linux", "distribution": "Ubuntu 22.04.3 LTS"}, "disks": [{"mountpoint": "/", "total_bytes": 271e9, "free_bytes": 135e9}]}
    assert computer_summary(json.dumps(half)) == [
        "Kind of computer: Linux (Ubuntu), used on this computer instead of Windows",
        "Room for your files: the computer is about half full, with room for about 45,000 more photos",
    ]
    assert computer_summary("not json") == [] and computer_summary(None) == []
