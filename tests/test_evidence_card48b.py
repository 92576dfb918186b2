"""Issue 21, what 67656354 left: the support card gives the cause and its proof on its own, in English and French. Each case
is a built-in check's real evaluation of its recorded facts (tests/fixtures/checks, the kernel's own log lines recorded in
tests/fixtures/kernellog) or selfcheck's own record, read as support reads it: the card's lines, the window's and
report.html's evidence lines, the bundle review's lines."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from selfcheck import evidence, i18n, supportcard
from selfcheck.api import Context
from selfcheck.bundle.review import plain_lines
from selfcheck.checks.devices_camera import CameraCheck
from selfcheck.checks.devices_microphone import MicrophoneCheck
from selfcheck.config import from_dict
from selfcheck.devices.printing import collect_cups
from selfcheck.devices.privacy import gnome_consent
from selfcheck.platforms import kernellog
from selfcheck.repairs.run import RepairReport
from test_evidence_card48 import FIXTURES, card_proof, judged, recorded

NBSP = "\u00a0"


def twenty_programs_stopped() -> dict[str, Any]:
    """A computer short of memory (the thrashing fixture) whose kernel stopped twenty programs for lack of memory: the
    kill lines the kernel wrote on the project's build machine (dmesg_iso_oom_20_kills.txt, 22:08:23 to 22:08:25 UTC, the
    lab's photo-sync-01 to photo-sync-20), read by the check's own parser and kept as its collect keeps them (the last 20),
    judged two minutes later on a computer whose clock is set to Paris time (UTC+1)."""
    log = kernellog.parse_dmesg_iso((FIXTURES / "kernellog" / "dmesg_iso_oom_20_kills.txt").read_text(encoding="utf-8"))
    kills = kernellog.oom_kills(log)[-20:]
    assert [k["program"] for k in kills] == [f"photo-sync-{n:02d}" for n in range(1, 21)]
    return {**recorded("hardware.memory", "linux_thrashing.json"), "oom_kills": kills, "now": "2026-12-07T23:10:00+01:00"}


@pytest.mark.parametrize(
    ("lang", "line"),
    [
        (
            "en",
            "stopped for lack of memory: photo-sync-20 (process 8355) at 23:08, photo-sync-19 (process 8354) at 23:08, "
            "photo-sync-18 (process 8320) at 23:08, photo-sync-17 (process 8317) at 23:08, photo-sync-16 (process 8315) at 23:08, "
            "photo-sync-15 (process 8300) at 23:08 and 14 earlier",
        ),
        (
            "fr",
            f"arrêtés faute de mémoire{NBSP}: photo-sync-20 (processus 8355) à 23{NBSP}h{NBSP}08, photo-sync-19 (processus 8354) à "
            f"23{NBSP}h{NBSP}08, photo-sync-18 (processus 8320) à 23{NBSP}h{NBSP}08, photo-sync-17 (processus 8317) à 23{NBSP}h{NBSP}08, "
            f"photo-sync-16 (processus 8315) à 23{NBSP}h{NBSP}08, photo-sync-15 (processus 8300) à 23{NBSP}h{NBSP}08 et 14 autres avant",
        ),
    ],
)
def test_twenty_programs_stopped_for_lack_of_memory_show_the_most_recent_on_the_card(lang: str, line: str) -> None:
    """Item 1: the card's line showed a list's first six items, and the memory check lists its kills oldest first: of
    twenty, support read the six oldest (photo-sync-01 to 06), not the ones that just happened. The most recent first now,
    and how many came before."""
    result = judged("hardware.memory", twenty_programs_stopped(), lang)
    assert result["status"] == "fail"
    proof = card_proof(result, lang)
    assert proof[0] == line, proof
    assert not [shown for shown in proof if "photo-sync-01 " in shown or "photo-sync-14 " in shown], proof


@pytest.mark.parametrize(
    ("lang", "line"),
    [
        ("en", "packages: base-files, bash, login, sed, libgcrypt20-dev, libgcrypt20 and 14 more"),
        ("fr", f"paquets{NBSP}: base-files, bash, login, sed, libgcrypt20-dev, libgcrypt20 et 14 autres"),
    ],
)
def test_a_list_the_card_cuts_says_how_many_more_there_are(lang: str, line: str) -> None:
    """A list in its check's own order (apt's twenty packages waiting) keeps its first six, and says the rest are there:
    before, "libgcrypt20" ended the line as if it were the last."""
    result = judged("security.updates", recorded("security.updates", "linux_apt_security_pending.json"), lang)
    assert result["status"] == "warn"
    assert line in card_proof(result, lang)


@pytest.mark.parametrize(
    ("lang", "line"),
    [
        ("en", "Empty the trash — done, but the problem was still there (November 24, 2026 at 09:12 UTC)"),
        ("fr", f"Vider la corbeille — fait, mais le problème était toujours là (24 novembre 2026 à 9{NBSP}h{NBSP}12 UTC)"),
    ],
)
def test_a_repair_the_customer_tried_is_dated_in_the_readers_words(lang: str, line: str) -> None:
    """Item 2: "Empty the trash — … (2026-11-24 09:12)", a time in no one's words that did not say it was UTC. The record
    as selfcheck writes it (RepairReport.to_dict, its start in UTC), read as the card reads a bundle's repairs.json."""
    record = RepairReport("storage.empty_trash", "not_fixed", "", started_at="2026-11-24T09:12:44+00:00").to_dict()
    with i18n.language(lang):
        card = supportcard.build({"results": []}, {}, repairs={"repairs": [{**record, "title": "Empty the trash"}]})
    assert card.tried == [line]


def clock_card(lang: str) -> list[str]:
    """The card of the network lab's clock case: its clock 5 hours behind (network.clock's recorded facts), and the secure
    site refused for it (network.https's), the scan started by that clock."""
    clock = recorded("network.clock", "lab_clock_5_hours_behind.json")
    https = recorded("network.https", "lab_clock_wrong.json")
    results = [judged("network.clock", clock, lang), judged("network.https", https, lang)]
    scan = {
        "results": results,
        "diagnosis": {"root_causes": ["network.clock"]},
        "started_at": datetime.fromtimestamp(clock["local_time"], UTC).isoformat(),
    }
    with i18n.language(lang):
        return supportcard.build(scan, {"network.clock": clock, "network.https": https}).proof


@pytest.mark.parametrize(
    ("lang", "dates"),
    [
        (
            "en",
            "Its certificate is valid from November 25, 2026 at 16:25 UTC to December 25, 2026 at 16:25 UTC; "
            "this computer's clock showed November 25, 2026 at 11:25 UTC, before the certificate's first day.",
        ),
        (
            "fr",
            f"Son certificat est valable du 25 novembre 2026 à 16{NBSP}h{NBSP}25 UTC au 25 décembre 2026 à 16{NBSP}h{NBSP}25 UTC\u202f; "
            f"l’horloge de cet ordinateur indiquait le 25 novembre 2026 à 11{NBSP}h{NBSP}25 UTC, avant le premier jour du certificat.",
        ),
    ],
)
def test_a_certificates_dates_on_a_wrong_clock_card_are_said_as_dates(lang: str, dates: str) -> None:
    """Item 2: the certificate's dates against the clock were "2026-11-25 16:25 UTC": in the reader's words now, still UTC."""
    proof = clock_card(lang)
    assert [line for line in proof if dates in line], proof
    assert not [line for line in proof if "2026-11-25" in line], proof


def test_how_long_the_computer_was_on_holds_each_number_to_its_unit_in_french() -> None:
    """Item 3: wording.duration said « 3 jours 1 heure » with plain spaces, so a line could end on « 3 » and the next start
    with « jours ». What the uptime check recorded on Windows (262800 s), as the bundle's review shows the computer; English
    as before."""
    uptime = recorded("os.uptime", "windows_three_days.json")["uptime_seconds"]
    for lang, words in (("en", "On for: 3 days 1 hour"), ("fr", f"Allumé depuis{NBSP}: 3{NBSP}jours 1{NBSP}heure")):
        with i18n.language(lang):
            lines, _more = plain_lines(json.dumps({"os": {"uptime_seconds": uptime}}), path="system.json")
        assert [line for line in lines if line.strip() == words], lines


def test_time_servers_that_disagree_by_days_hold_the_amount_together() -> None:
    """Item 3: « (124 jours) » in the time servers' line on the card: the network.clock check's own comparison of two time
    servers 124 days apart (the reading lab's clock-wrong offset), read as the card reads it; English as before."""
    from selfcheck.checks.network_clock import confirmation

    clock: dict[str, Any] = {
        "ntp": {
            "ntp.lab.example": {"address": "198.51.100.123", "status": "ok", "offset_s": 10739561.0},
            "other.example": {"address": "198.51.100.124", "status": "ok", "offset_s": 0.3},
        }
    }
    clock["confirmation"] = confirmation(clock, 30)
    for lang, amount in (("en", "(124 days)"), ("fr", f"(124{NBSP}jours)")):
        result = judged("network.clock", clock, lang)
        with i18n.language(lang):
            proof = supportcard.build({"results": [result], "diagnosis": {"root_causes": ["network.clock"]}}, {"network.clock": clock}).proof
        servers = [line for line in proof if line.startswith(("The time servers", "Les serveurs de temps"))]
        assert servers and f"{amount})." in servers[0], proof
        assert amount in proof[0], proof  # the first time server's own line: « en retard de 10 739 561 s (124 jours) »
        assert not [line for line in proof if "124 jours" in line], proof


def evidence_lines(check_id: str, facts: dict[str, Any], lang: str, key: str) -> list[str]:
    """``key``'s lines in ``check_id``'s evidence on ``facts``, as the window and report.html say them."""
    result = judged(check_id, facts, lang)
    with i18n.language(lang):
        return [f"{line.label}: {line.value}" for line in evidence.lines(result["evidence"], check_id) if line.key == key]


def both(check_id: str, facts: dict[str, Any], key: str) -> tuple[list[str], list[str]]:
    return evidence_lines(check_id, facts, "en", key), evidence_lines(check_id, facts, "fr", key)


def test_a_printer_that_refused_to_be_asked_says_it_in_the_feminine_of_its_answer() -> None:
    """Item 4: « réponse : refusé ». The printer lab's switched-off printer (linux_switched_off_job_waiting), asked directly;
    English as before."""
    english, french = both("devices.printer", recorded("devices.printer", "linux_switched_off_job_waiting.json"), "status")
    assert "answer: refused" in english
    assert "réponse: refusée" in french


def test_a_printing_service_that_refused_the_connection_says_so_in_the_feminine_of_its_error(tmp_path: Path) -> None:
    """Item 4, the printer's other feminine name: « erreur ». A real refused connection: CUPS_SERVER names a socket nobody
    listens on any more (its file left behind), collected by the printer check's own collect."""
    path = tmp_path / "cups.sock"
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(str(path))
    listener.close()
    previous = os.environ.get("CUPS_SERVER")
    os.environ["CUPS_SERVER"] = str(path)
    try:
        facts = collect_cups(1796424468.0, timeout=2.0)
    finally:
        if previous is None:
            del os.environ["CUPS_SERVER"]
        else:
            os.environ["CUPS_SERVER"] = previous
    assert facts["error"] == "refused", facts
    english, french = both("devices.printer", facts, "error")
    assert "error: refused" in english
    assert "erreur: refusée" in french


def test_a_firewalls_default_policy_agrees_with_its_french_name() -> None:
    """Item 4: « politique par défaut : jeté ». ufw's iptables, as the firewall check recorded it (linux_ufw)."""
    english, french = both("security.firewall", recorded("security.firewall", "linux_ufw.json"), "policy")
    assert "default policy: dropped" in english
    assert "politique par défaut: jetée" in french


gsettings = pytest.mark.skipif(
    shutil.which("gsettings") is None or subprocess.run(["gsettings", "list-keys", "org.gnome.desktop.privacy"], capture_output=True).returncode != 0,
    reason="needs gsettings and the GNOME privacy schema (.ci/apt.d/devices.txt)",
)


@pytest.fixture
def gnome(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Any:
    """A GNOME session's settings in a private folder (GLib's keyfile backend, never this machine's own); returns a setter
    for a privacy key."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    monkeypatch.setenv("GSETTINGS_BACKEND", "keyfile")
    monkeypatch.setenv("XDG_CURRENT_DESKTOP", "ubuntu:GNOME")

    def switch(key: str, value: str) -> None:
        subprocess.run(["gsettings", "set", "org.gnome.desktop.privacy", key, value], check=True, timeout=10)

    return switch


def privacy_words(check: Any, fixture: str, lang: str) -> list[str]:
    """The privacy settings' lines of ``check`` on its recorded ``fixture`` (a camera, a microphone that hears a tone) and
    GNOME's switch as its collect reads it on this computer."""
    consent = gnome_consent(Context({}, from_dict({}).thresholds(check.id), platform="linux").run, check.id.removeprefix("devices."))
    assert consent is not None and consent["settings"] == "gnome", consent
    return evidence_lines(check.id, {**recorded(check.id, fixture), "privacy": consent}, lang, "user")


@gsettings
def test_the_cameras_privacy_setting_agrees_with_the_camera(gnome: Any) -> None:
    """Item 4: the camera's privacy words mixed « autorisée » (the camera's, la caméra) and « refusé »: both feminine now."""
    said = {}
    for switch in ("true", "false"):
        gnome("disable-camera", switch)
        said[switch] = (privacy_words(CameraCheck, "linux_allowed.json", "en"), privacy_words(CameraCheck, "linux_allowed.json", "fr"))
    assert said["true"] == (["for this user: refused"], ["pour cet utilisateur: refusée"])
    assert said["false"] == (["for this user: allowed"], ["pour cet utilisateur: autorisée"])


@gsettings
def test_the_microphones_privacy_setting_agrees_with_the_microphone(gnome: Any) -> None:
    """Item 4: the microphone (le micro) was « autorisée », the camera's word: masculine now, as its « refusé »."""
    said = {}
    for switch in ("true", "false"):
        gnome("disable-microphone", switch)
        said[switch] = (
            privacy_words(MicrophoneCheck, "linux_hears_a_tone.json", "en"),
            privacy_words(MicrophoneCheck, "linux_hears_a_tone.json", "fr"),
        )
    assert said["true"] == (["for this user: refused"], ["pour cet utilisateur: refusé"])
    assert said["false"] == (["for this user: allowed"], ["pour cet utilisateur: autorisé"])
