#!/usr/bin/env python3
"""The verdict window on eight real faults, in English and French, for the lay-reader test (issue 13).

    .venv/bin/python scripts/screenshots_verdict.py [--out docs/screenshots] [--usability docs/usability/verdict-DATE]

Each fault replays recorded facts (tests/fixtures/checks/, from the network lab
and real machines) through the real checks: a healthy computer, with one thing
broken. Nothing is measured on this computer and no network is touched. The
pictures go to docs/screenshots/verdict-<fault>[-fr].png; the usability
folder gets the readers' instructions (README.md), which point at them.
"""

from __future__ import annotations

import argparse
import copy
import json
import os
import shutil
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from example_brand import example_branding  # noqa: E402
from screenshots import ROOT, VERDICT_HEIGHT, WIDTH, daytime_clock, home_printer, replay_registry, save, wait, wait_for, windows_home_account  # noqa: E402  (sets up Qt offscreen and SELFCHECK_HOME)

FIXTURES = ROOT / "tests" / "fixtures" / "checks"
GB = 1_000_000_000

#: a healthy Linux computer on a working home network, one recorded case per check
HEALTHY = {
    "hardware.cpu": "linux_idle",
    "hardware.disk": "linux_ok",
    "hardware.memory": "linux_ok",
    "os.restart_pending": "linux_nothing_pending",
    "os.uptime": "linux_restarted_this_morning",
    "os.version": "linux_debian12",
    "os.timezone": "linux_paris",
    "security.os_support": "linux_debian12",
    "security.updates": "linux_apt_up_to_date",
    "security.firewall": "linux_ufw",
    "security.encryption": "linux_luks",
    "network.link": "lab_wired",
    "network.gateway": "lab_router_answers",
    "network.dns": "lab_two_resolvers",
    "network.quality": "lab_steady",
    "network.proxy": "lab_direct",
    "network.captive_portal": "lab_open_internet",
    "network.clock": "lab_clock_right",
    "network.https": "lab_tls_ok",
    "network.internet": "lab_line_works",
    "network.support": "lab_support_reachable",
}


def recorded(check_id: str, case: str) -> dict[str, Any]:
    return json.loads((FIXTURES / check_id / f"{case}.json").read_text(encoding="utf-8"))["facts"]


def healthy() -> dict[str, Any]:
    return {cid: recorded(cid, case) for cid, case in HEALTHY.items() if (FIXTURES / cid / f"{case}.json").is_file()}


def with_disk(volume: dict[str, Any], trash_bytes: int = 0, case: str = "linux_ok") -> dict[str, Any]:
    disk = copy.deepcopy(recorded("hardware.disk", case))
    disk["volumes"] = [v for v in disk["volumes"] if v["mountpoint"] != volume["mountpoint"]] + [volume]
    disk["trash"] = {"bytes": trash_bytes, "complete": True}
    return disk


#: the biggest folders of a full home folder, as the desktop names them
HOME_FOLDERS = {"en": ("Pictures", "Videos", "Downloads"), "fr": ("Images", "Vidéos", "Téléchargements")}


def with_largest_folders(disk: dict[str, Any], mountpoint: str, root: str, lang: str) -> dict[str, Any]:
    names = HOME_FOLDERS[lang]
    folders = [{"name": n, "bytes": b * GB} for n, b in zip(names, (310, 180, 95), strict=True)]
    return {**disk, "largest_folders": {mountpoint: {"root": root, "folders": folders, "complete": True}}}


#: the English reader's computer is in English (round 2: "Why does it say French (France)? I don't speak French")
ENGLISH_LOCALE = {"abbreviation": "GMT", "utc_offset_minutes": 0, "daylight_saving": False, "zone": "Europe/London", "locale": "en_GB", "encoding": "UTF-8"}


def with_own_rule(https: dict[str, Any]) -> dict[str, Any]:
    """network.https's facts with this computer's own firewall read and one rule for every program stopping outgoing TCP 443."""
    rule = "v2.31|Action=Block|Active=TRUE|Dir=Out|Protocol=6|RPort=443|Name=Block secure web|"
    block = {"rule": rule, "where": "Block secure web", "only_to": None, "to": None, "program": None, "unread": False}
    own = {"read": True, "sources": ["windows"], "why_not": None, "default_block": False, "secure_blocks": [block], "other_firewalls": [], "more": False}
    return {**https, "own_firewall": own}


def healthy_in(lang: str, base: dict[str, Any]) -> dict[str, Any]:
    """The healthy computer as the reader of ``lang`` would have it: its time zone and language."""
    return {**base, "os.timezone": ENGLISH_LOCALE} if lang == "en" and "os.timezone" in base else base


def faults(lang: str = "en") -> list[tuple[str, str | None, dict[str, Any]]]:
    """(name, symptom, facts changed from healthy) for each fault shown to the readers (folder names as the
    desktop names them in that language)."""
    # verdict round 17: "trash: on my computer it's called the Recycle Bin": the words follow the computer's system, so
    # the full files' space is a Windows computer's, as the other pictures are (its user folders on their own drive)
    home_full = {
        "mountpoint": "D:\\",
        "device": "D:\\",
        "fstype": "ntfs",
        "role": "home",
        "total": 700 * GB,
        "free": int(0.4 * GB),
        "readonly": False,
        "removable": False,
    }
    family = "Famille" if lang == "fr" else "Family"  # the share's name as a French family would name it
    # round 13 (fr): « Backup : c'est de l'anglais »: a French family names its copies drive in French
    backup = "Sauvegarde" if lang == "fr" else "Backup"
    backup_full = {
        "mountpoint": f"/media/marie/{backup}",
        "device": "/dev/sdb1",
        "fstype": "exfat",
        "role": "other",
        "total": 64 * GB,
        "free": 0,
        "readonly": False,
        "removable": True,
    }
    return [
        ("home-full", None, {"hardware.disk": with_largest_folders(with_disk(home_full, 0, "windows_ok"), "D:\\", "D:\\Users\\marie", lang)}),
        ("backup-drive-full", None, {"hardware.disk": with_disk(backup_full)}),
        ("busy-processor", "slow-computer", {"hardware.cpu": recorded("hardware.cpu", "linux_busy_firefox")}),
        # verdict round 9: the French reader looked for the power symbol "at the bottom, on my computer": most customers
        # are on Windows, so the restart is shown as a Windows computer's (its recorded facts), as the send pictures do
        ("restart-pending", None, {"os.restart_pending": recorded("os.restart_pending", "windows_update_waiting")}),
        ("sign-in-page", "internet", {"network.captive_portal": recorded("network.captive_portal", "lab_sign_in_redirect")}),
        # recorded before network.dns read whether its servers were set by hand; the lab's are not (as a home's, from the box)
        ("names-not-found", "internet", {"network.dns": {**recorded("network.dns", "lab_resolvers_dropping"), "dns_setting": "automatic"}}),
        (
            "wrong-clock",
            "internet",
            {"network.clock": recorded("network.clock", "lab_clock_5_hours_behind"), "network.https": recorded("network.https", "lab_clock_wrong")},
        ),
        (
            "secure-sites-blocked",
            "internet",
            {"network.https": recorded("network.https", "lab_port_443_dropped"), "network.support": recorded("network.support", "lab_port_443_dropped")},
        ),
        # issue 21: this computer's own outgoing rule stops the secure sites (security.firewall's "outbound", copied by
        # network.https as "own_firewall"; the rule string in the Windows registry's grammar): the screen sends to support
        (
            "own-rule",
            "internet",
            {
                "network.https": with_own_rule(recorded("network.https", "lab_port_443_dropped")),
                "network.support": recorded("network.support", "lab_port_443_dropped"),
            },
        ),
        # a shared folder of another computer (a NAS at home): making room here does not help; round 9: a share the
        # family shares ("Family"), as on many home NAS boxes: a share called "Documents" made both readers ask "where are my papers?"
        (
            "shared-folder-full",
            None,
            {
                "hardware.disk": {
                    **recorded("hardware.disk", "linux_ok"),
                    "network_shares": [
                        {
                            "mountpoint": f"/mnt/{family}",
                            "device": f"//nas/{family}",
                            "fstype": "cifs",
                            "role": "network",
                            "answered": True,
                            "total": 2000 * GB,
                            "free": 0,
                        }
                    ],
                }
            },
        ),
        # easy, harmless problems: a calm icon and "Easy to fix", not a red cross (lay readers, round 2)
        ("sound-off", "calls", {"devices.sound": recorded("devices.sound", "linux_muted")}),
        ("printer-no-paper", "printing", {"devices.printer": home_printer(recorded("devices.printer", "linux_out_of_paper"))}),
    ]


def link_down_recording() -> dict[str, Any]:
    """A recording that caught the cuts (round 82, cuts-sometimes): the lab's (tests/fixtures/recording/lab_box_between.json,
    the cable to the box carrying nothing 4 s at 8, 20 and 32 s, the box silent then), this computer's own link down in each
    cut, as the recorder now writes it (tests/history/test_recorded_verdict.py builds it the same way)."""
    from selfcheck.history import record

    data = json.loads((ROOT / "tests" / "fixtures" / "recording" / "lab_box_between.json").read_text(encoding="utf-8"))
    data["link"] = {"interface": "eth0", "wireless": False}
    cuts = record.support_cuts(data["samples"])
    for s in data["samples"]:
        down = s["box_ms"] is None and any(b <= s["t"] < e for b, e in cuts)
        s["link_up"], s["link_mbps"] = not down, 0 if down else 1000
    return data


#: a problem that comes and goes (round 82): the healthy computer, the internet chosen; the verdict offers to watch while it
#: happens; then the same verdict once a recording caught the cuts (name, symptom, whether a recording is saved first)
RECORDING_SHOTS = (("comes-and-goes", "internet", False), ("cuts-recorded", "internet", True))


QUESTIONS = """# Lay-reader test of the verdict window ({date})

Persona: you are 67. You use your computer for e-mail and video calls with your
grandchildren. You have never heard of DNS, proxies or volumes. A program
called "selfcheck" checked your computer and showed you the screen below.

Look only at the picture. For each screen, answer in the screen's language:

1. What is wrong with your computer? (in your own words)
2. What will you do now? (what will you click or do, in order)
3. Which words or sentences did you not understand? (quote them exactly)
4. Is anything on the screen worrying you that should not? (quote it)

Screens (in docs/screenshots/; give English readers the files without “-fr”, French readers those with it): {screens}

Scoring per screen (filled in by the person running the test):
- cause understood (0/1): the answer to 1 matches the fault's cause;
- right action (0/1): the answer to 2 is the first thing the screen asks;
- jargon quoted: the words from 3 (a headline word quoted here fails the screen).

The faults behind the screens (not shown to the readers): {faults}

## En français (pour le lecteur francophone)

Vous avez 67 ans. Vous utilisez votre ordinateur pour vos e-mails et les appels vidéo
avec vos petits-enfants. Vous n’avez jamais entendu parler de DNS, de proxy ni de volumes.
Un programme appelé « selfcheck » a vérifié votre ordinateur et vous montre l’écran ci-joint.

Regardez seulement l’image. Pour chaque écran :

1. Qu’est-ce qui ne va pas sur votre ordinateur ? (avec vos mots)
2. Que faites-vous maintenant ? (sur quoi cliquez-vous, que faites-vous, dans l’ordre)
3. Quels mots ou quelles phrases n’avez-vous pas compris ? (citez-les exactement)
4. Quelque chose sur l’écran vous inquiète-t-il sans raison ? (citez-le)

## Answers and scores

Not run yet: this session could not start reader sessions of its own. Whoever runs the
readers adds, per screen and language, the reader's answers verbatim and the three scores
here (or in answers-en.md / answers-fr.md next to this file), then iterates on the
messages until every screen scores full marks with no headline word quoted.
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", default=str(ROOT / "docs" / "screenshots"))
    parser.add_argument("--usability", default=str(ROOT / "docs" / "usability" / f"verdict-{datetime.now(UTC):%Y-%m-%d}"))
    parser.add_argument("--only", action="append", metavar="NAME", help="only this picture (verdict-NAME), repeatable; the readers' README is left as it is")
    args = parser.parse_args()
    out, usability = Path(args.out), Path(args.usability)
    out.mkdir(parents=True, exist_ok=True)  # the usability folder only when its README is written (not with --only)
    # every picture is a computer of its own, with a home of its own made here (its history, its recordings): never the data
    # of whoever runs this, whatever SELFCHECK_HOME says
    homes = Path(tempfile.mkdtemp(prefix="selfcheck-verdict-shots-"))
    try:
        return _pictures(args, out, usability, homes)
    finally:
        import gc

        from selfcheck.gui import settings

        settings._settings.clear()  # each home's gui.ini, written as its store goes (at exit, it made the folder again)
        gc.collect()
        shutil.rmtree(homes, ignore_errors=True)


def _pictures(args: argparse.Namespace, out: Path, usability: Path, homes: Path) -> int:
    os.environ["SELFCHECK_HOME"] = str(homes / "start")

    from PySide6.QtWidgets import QApplication

    from selfcheck import app as app_mod
    from selfcheck import i18n
    from selfcheck.app import App
    from selfcheck.gui import gcguard, theme
    from selfcheck.gui.application import create_qapplication, install_qt_translations
    from selfcheck.gui.mainwindow import MainWindow

    daytime_clock()
    windows_home_account()  # an administrator with UAC on: the wrong clock's repair says "click “Yes”"
    qapp = create_qapplication()
    gcguard.install(qapp)
    real = app_mod.start([], "en")
    theme.apply(qapp, real.config.get("branding.accent_color"))
    base = healthy()
    shots: list[str] = []
    for lang in ("en", "fr"):
        i18n.set_language(lang)
        suffix = "" if lang == "en" else "-fr"
        real.config.data["branding"].update(example_branding(lang))  # who "Contact …" reaches, beside the button
        shows = [(name, symptom, changed, False) for name, symptom, changed in faults(lang)]
        shows += [(name, symptom, {}, saved) for name, symptom, saved in RECORDING_SHOTS]
        for name, symptom, changed, with_recording in shows:
            if args.only and name not in args.only:
                continue
            # each picture is its own computer, checked for the first time, in a new home: the history of the faults shown
            # before it (and of the other language's run) made "When this started" appear on some pictures only
            os.environ["SELFCHECK_HOME"] = str(homes / f"{name}{suffix}")
            from selfcheck.history import record

            if with_recording:
                record.save(record.Recording.from_dict({**link_down_recording(), "started_at": datetime.now(UTC).timestamp() - 70}))
            facts = {**copy.deepcopy(healthy_in(lang, base)), **copy.deepcopy(changed)}
            # verdict round 10: one platform across the pictures, Windows, as most customers (and both readers) have:
            # the restart picture showed the Start button at the bottom left, the sign-in picture a Wi-Fi symbol "in the
            # top right corner" (Linux), and both readers noticed ("on my computer the symbols are at the bottom")
            for cid in ("network.clock", "network.captive_portal"):
                if cid in facts:
                    facts[cid]["platform"] = "windows"
            window = MainWindow(App(real.config, replay_registry(real.registry, facts), None))
            install_qt_translations(lang)
            window.retranslate()
            window.resize(WIDTH, VERDICT_HEIGHT)
            window.show()
            QApplication.processEvents()
            window.start_scan(symptom)
            wait_for(window.scan_shown)
            window.results_page.area.verticalScrollBar().setValue(0)
            wait(50)
            save(window, out, f"verdict-{name}{suffix}")
            shots.append(f"verdict-{name}{suffix}.png")
            window.threads.stop_all(2000)
            window.close()
    i18n.set_language("en")
    if args.only:
        return 0
    described = ", ".join(f"{n} ({s or 'no symptom chosen'})" for n, s, _c in faults())
    usability.mkdir(parents=True, exist_ok=True)
    readme = usability / "README.md"
    text = QUESTIONS.format(date=f"{datetime.now(UTC):%Y-%m-%d}", screens=", ".join(shots), faults=described)
    marker = "## Answers and scores"
    if readme.is_file() and marker in (before := readme.read_text(encoding="utf-8")):
        # the readers' answers and scores recorded there are kept; only the instructions are written again
        text = before.split(marker, 1)[0].split("\n", 1)[0] + "\n" + text.split(marker, 1)[0].split("\n", 1)[1] + marker + before.split(marker, 1)[1]
    readme.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
