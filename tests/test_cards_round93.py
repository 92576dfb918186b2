"""Support-agent round 93: secure-sites-blocked read in 3-4 and 3-4 minutes, full-home in 2-3 and 2-3, where the issue asks two
at most. Agents read the whole card and check every claim it makes, so each line costs time, and a line that only says the card
agrees with the customer's screen sends them to check it. Secure sites: "this card asks for two actions (phone first, escalate
to the NOC now) rather than just a reply. I had to decide whether to escalate now or wait for the restart result" (both
agents). Full home: "Only the length of 'What proves it' slowed me down" (634 words). Words are counted, never time."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import pytest

from selfcheck import app as app_mod
from selfcheck import supportcard
from test_cards_round92 import _opened
from test_supportcard import _t, judged

#: the lab company's own settings (scripts/support_reading.py's COMPANY): it is its customers' internet provider and names its
#: network team
COMPANY = '[support]\ninternet_provider = true\nnetwork_team = "the network team (NOC), ext. 4411"\n\n[branding]\ncompany = "Clearline Help"\n'
TEAM = "the network team (NOC), ext. 4411"

#: the disk check's facts as the support-reading lab recorded them on its full /home (scripts/support_reading.py --case
#: full-home, bundle G9N-E69-KXM's facts/hardware.disk.json; its third volume, the lab's own bind mount, left out)
LAB_DISK: dict[str, Any] = {
    "platform": "linux",
    "volumes": [
        {"mountpoint": "/", "device": "overlay", "fstype": "overlay", "role": "system", "total": 265170116608, "free": 79189569536, "readonly": False},
        {"mountpoint": "/home", "device": "/dev/loop0", "fstype": "ext4", "role": "home", "total": 256480833536, "free": 0, "readonly": False},
    ],
    "network_shares": [],
    "trash": {"bytes": 1400000000, "complete": True},
    "largest_folders": {
        "/home": {
            "root": "/home/user-1",
            "folders": [
                {"name": "Videos", "bytes": 155096722944},
                {"name": "Pictures", "bytes": 64680000000},
                {"name": "Downloads", "bytes": 23400000000},
                {"name": "Music", "bytes": 9240000000},
                {"name": ".cache", "bytes": 2400000000},
            ],
            "complete": True,
            "listed_all": True,
            "unreadable": [],
        }
    },
    "smart": {"available": False, "reason": "smartctl is not installed"},
    "write_test": {"result": "failed", "errno": "ENOSPC", "error": "No space left on device", "folder": "/home/user-1"},
    "kernel_log": "dmesg",
    "fs_errors": [],
}
#: what the lab's bundle left out: selfcheck's own files on the full drive could not be written
LAB_SKIPPED = [
    {"path": "The computer's history (earlier results, what changed)", "part": "selfcheck.history", "error": "OperationalError: database or disk is full"},
    {"path": "The repairs tried lately", "part": "selfcheck.repairs.history", "error": "OperationalError: database or disk is full"},
]
HEAD = {"en": "Support card", "fr": "Fiche support"}


def _app(tmp_path: Path, lang: str) -> Any:
    config = tmp_path / "company.toml"
    config.write_text(COMPANY, encoding="utf-8")
    app = app_mod.start((str(config),), lang)
    assert not app.config.problems, app.config.problems
    return app


def _secure_card(tmp_path: Path, lang: str) -> supportcard.SupportCard:
    """The secure-sites lab case's card as support's `selfcheck show` makes it (its checks on their lab recordings), with the
    customer's words as the lab's customer gave them."""
    from selfcheck.commands import show

    opened = _opened(lang)
    said = {
        "problem": "My bank's website and Gmail do not open.",
        "symptom": "internet",
        "answers": [
            {"id": "where", "question": "Where are you?", "answer": "At home", "value": "home"},
            {"id": "site", "question": "Which website does not open? (its address, if you know it)", "answer": "www.mybank.example"},
        ],
    }
    opened = dataclasses.replace(opened, description=said)
    card, note = show._card(_app(tmp_path, lang), opened, opened.scan)
    assert not note and card is not None
    return card


def _full_home_card(tmp_path: Path, lang: str, disk: dict[str, Any] | None = None) -> supportcard.SupportCard:
    """The full-home lab case's card as support's `selfcheck show` makes it: the disk check on the lab's facts, the system's
    checks that passed there (on their recordings), the customer's words, what the bundle left out."""
    from selfcheck.bundle.read import OpenedBundle
    from selfcheck.commands import show
    from selfcheck.runner import Scan

    picks = {
        "hardware.disk": "linux_ok",
        "os.version": "linux_debian12",
        "os.restart_pending": "linux_nothing_pending",
        "os.uptime": "linux_restarted_this_morning",
        "os.timezone": "linux_paris",
    }
    scan, facts = judged(app_mod.start((), "en"), picks, "app", more={"hardware.disk": disk or LAB_DISK})  # the customer's screen in English
    said = {"problem": "LibreOffice says it cannot save my letter.", "symptom": "app", "answers": []}
    manifest = {"reference": "G9N-E69-KXM", "skipped": LAB_SKIPPED}
    opened = OpenedBundle(Path("lab.zip"), manifest, Scan.from_dict(scan, facts), said, None, {})
    card, note = show._card(_app(tmp_path, lang), opened, opened.scan)
    assert not note and card is not None and card.cause_id == "hardware.disk", card
    return card


def _words(card: supportcard.SupportCard) -> int:
    """The words from the card's title to its last line ("End of the support card. …"), as the lab's count reads show.txt."""
    return len(card.to_text().split()) + len(card.ends.split())


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_secure_sites_lab_card_is_read_in_about_380_words(selfcheck_home, tmp_path, lang) -> None:
    # the lab case (scripts/support_reading.py --case secure-sites-blocked, selfcheck show): 470 and 526 words before, 408 and
    # 452 after; this card on the same checks' recordings: 473 and 530 before, 411 and 456 after. Of what is left, the customer's
    # words (38) and the reply they get (155, the customer's screen's steps) are not the card's to shorten
    card = _secure_card(tmp_path, lang)
    words = _words(card)
    # round 94: the cause says what is settled first and what tells the two places apart (+4 words; agent b of round 94)
    # round 101 b: the line on how far connections get says what it means, the block in the box or at our router (+10, +12)
    assert words <= {"en": 420, "fr": 475}[lang], (words, card.to_text())
    # what the issue asks stays: the cause and how sure, one line per proving fact, what was ruled out, the reply, what answers tell
    keys = [key for key, _title, _lines in card.sections()]
    assert all(key in keys for key in ("cause", "order", "reply", "proof", "ruled_out", "answers")), keys
    # round 104: the support service, failed as the other sites did, adds nothing to the proof: no line of its own
    assert card.confidence == "high" and len(card.proof) == 2 and len(card.ruled_out) == 1, card.to_text()
    app_mod.start((), "en")


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_secure_sites_card_settles_the_order_and_the_timing_before_the_reply(selfcheck_home, tmp_path, lang) -> None:
    # "I had to decide whether to escalate now or wait for the restart result" (both agents): decided before the reply, the card
    # passed on now, to the team the company names, and the customer phoned
    card = _secure_card(tmp_path, lang)
    # round 96 (both paused on that paragraph): two numbered actions in the order an agent does them (test_cards_round96.py)
    [passed, phone] = dict((key, lines) for key, _title, lines in card.sections())["order"]
    assert passed.startswith("1. ") and TEAM in passed and phone.startswith("2. "), (passed, phone)
    assert not card.reach and not card.decide, card.to_text()
    # no line that only says the reply is the customer's screen ("Steps 1 and 2 are the same steps as on the customer's screen")
    text = card.to_text()
    assert "reply_note" not in [key for key, _title, _lines in card.sections()], text
    assert not any(words in text for words in ("same steps as on the customer's screen", "mêmes que sur l’écran du client")), text
    # what the answers tell, in one line: the card is with the network team whatever they answer (no "step 2 above")
    assert card.answers == [_t(lang, supportcard.HTTPS_TELLS_OURS_BOX), _t(lang, supportcard.HTTPS_TELLS_OURS_ROUTER)], card.answers
    assert not any(words in text for words in ("step 2 above", "étape 2 ci-dessus")), text
    # the hop test's line stays as plain (round 104: the trace as recorded), the customer's other site in fewer words
    hops = {"en": "hop 1, the box (10.77.0.1), answered", "fr": "saut 1, la box (10.77.0.1), a répondu"}[lang]
    gmail = {"en": "“Gmail”, not tried, uses https too.", "fr": "«\u00a0Gmail\u00a0», pas essayé, est aussi en https."}[lang]
    assert hops in card.proof[1] and card.proof[0].endswith(gmail), card.proof
    app_mod.start((), "en")


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_full_home_lab_card_is_read_in_about_480_words(selfcheck_home, tmp_path, lang) -> None:
    # the lab case (scripts/support_reading.py --case full-home, selfcheck show): 634 and 707 words before, 479 and 536 after;
    # this card on the lab's facts: 634 and 707 before, 479 and 536 after
    card = _full_home_card(tmp_path, lang)
    words = _words(card)
    assert words <= {"en": 480, "fr": 540}[lang], (words, card.to_text())
    keys = [key for key, _title, _lines in card.sections()]
    assert all(key in keys for key in ("cause", "reply", "proof", "ruled_out", "not_tested", "next_question")), keys
    assert card.confidence == "high", card.to_text()
    app_mod.start((), "en")


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_full_home_card_says_only_what_could_have_stopped_the_save_and_the_gaps_that_could_change_the_reply(selfcheck_home, tmp_path, lang) -> None:
    # "Ruled out" listed the system's version, no restart waiting and a recent restart (none rules anything out about a full
    # drive), the failing disk was under "What proves it", "Not tested" said the memory check was not part of the scan
    card = _full_home_card(tmp_path, lang)
    text = card.to_text()
    ruled_out = {
        "en": "A failing disk or a locked folder: the kernel's log has no disk error on the full drive (/home), and a test write in the "
        "customer's folder failed only for want of room.",
        "fr": "Un disque en panne ou un dossier verrouillé\u00a0: le journal du noyau n’a aucune erreur de disque sur le disque plein (/home), et "
        "un essai d’écriture dans le dossier du client n’a échoué que faute de place.",
    }[lang]
    assert card.ruled_out == [ruled_out], text
    assert not any(("failing disk" in line or "panne" in line) for line in card.proof), card.proof
    # what was not tested and could change the reply: what changed lately, the disk's own health report; nothing of the memory
    assert len(card.not_tested) == 2 and not any(("Memory" in line or "mémoire" in line) for line in card.not_tested), card.not_tested
    assert any("SMART" in line for line in card.not_tested) and not any("stand in" in line or "tiennent lieu" in line for line in card.not_tested)
    # under the reply, only why it differs from the customer's screen; the reply's own question is not asked again; round 102:
    # why, said in the reply where it names the drive, so no note under it
    assert card.reply_note == [], text
    assert not any(words in text for words in ("in the customer's window", "in the same words", "dans la fenêtre du client", "mêmes mots")), text
    assert "Videos" in card.next_question and not any(word in card.next_question for word in ("trash", "corbeille")), card.next_question
    app_mod.start((), "en")


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_full_drive_is_not_said_to_rule_out_a_failing_disk_beyond_its_facts(selfcheck_home, tmp_path, lang) -> None:
    # the test write failed for another reason than room, or the kernel's log has errors on the full drive: nothing ruled out
    # about the disk, the doubt said where it was (the proof); a check of the complaint's not in a scan that found no cause: said
    failed = {**LAB_DISK, "write_test": {"result": "failed", "errno": "EIO", "error": "Input/output error", "folder": "/home/user-1"}}
    error = [{"time": "2026-12-05T08:45:19+00:00", "device": "loop0", "text": "EXT4-fs error (device loop0): ext4_find_entry: reading directory lblock 0"}]
    for disk in (failed, {**LAB_DISK, "fs_errors": error}):
        card = _full_home_card(tmp_path, lang, disk)
        assert not card.ruled_out, card.to_text()
        health = {"en": ("no sign of a failing disk", "Disk errors"), "fr": ("aucun signe de panne", "Erreurs de disque")}[lang]
        assert any(line.startswith(health[1]) or health[0] in line for line in card.proof), card.to_text()
    # nothing found: the complaint's check that was not part of the scan (the memory's) may be where it is, so it is said
    app = app_mod.start((), lang)
    scan, facts = judged(app, {"hardware.disk": "linux_ok", "os.version": "linux_debian12"}, "app")
    card = supportcard.build(scan, facts, description={"problem": "It cannot save", "symptom": "app"}, symptoms=app.config.section("symptoms"))
    memory = {"en": "Memory for open programs: not part of this scan", "fr": "La mémoire des programmes ouverts\u00a0: ne fait pas partie"}[lang]
    assert card.cause_id is None and any(line.startswith(memory) for line in card.not_tested), card.to_text()
    app_mod.start((), "en")


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_secure_sites_cause_says_what_is_settled_before_the_two_places_it_leaves_open(selfcheck_home, tmp_path, lang) -> None:
    # agent round 94 (b, 3 minutes): "The heading says 'Settled' but names two places. I had to read 'What proves it' and 'What
    # their answers tell' to see that the two options are deliberate": what is settled first, then the two places and what
    # tells them apart, within the word budget above
    card = _secure_card(tmp_path, lang)
    settled, places = {
        "en": ("Settled: not this computer, not the websites. ", "at the internet box or at our router right behind it: the customer's answers tell which."),
        "fr": (
            "Établi\u00a0: ni cet ordinateur, ni les sites. ",
            "à la box internet ou à notre routeur juste derrière elle\u00a0: les réponses du client diront lequel.",
        ),
    }[lang]
    assert card.cause.startswith(settled) and card.cause.endswith(places), card.cause
    app_mod.start((), "en")
