"""The "what changed" card under the verdict and the Record dialog, in the real window."""

from __future__ import annotations

import json
import time
import uuid
from datetime import UTC, datetime, timedelta

import pytest

pytest.importorskip("PySide6")

from recordings import lab_replayed  # noqa: E402
from selfcheck import history, plainwords  # noqa: E402
from selfcheck.config import from_dict  # noqa: E402
from selfcheck.history import History  # noqa: E402
from selfcheck.history.changes import _dns_servers  # noqa: E402

from . import fakechecks  # noqa: E402
from .conftest import run_scan  # noqa: E402


def seed_good_scan(dns: list[str]) -> None:
    when = datetime.now(UTC) - timedelta(days=1)
    with History() as db:
        db.add(
            {
                "scan_id": str(uuid.uuid4()),
                "started_at": when.isoformat(),
                "status": "pass",
                "exit_code": 0,
                "diagnosis": {"headline": "Everything we checked looks fine."},
                "results": [{"id": "fake.fail", "status": "pass", "summary": "Connected to the network."}],
            },
            {"dns_servers": dns, "software": {}, "os_version": ""},
        )


def heading(card) -> str:
    from PySide6.QtWidgets import QLabel

    return card.findChildren(QLabel)[0].text()


def card_texts(window) -> list[str]:
    from selfcheck.gui.overtime import WhatChangedCard

    cards = window.results_page.findChildren(WhatChangedCard)
    return [t for c in cards for t in c.texts]


def test_the_verdict_says_the_dns_server_changed_since_the_last_good_scan(make_window, qtbot):
    from selfcheck.gui.overtime import WhatChangedCard

    history.install()
    seed_good_scan(["192.0.2.53"])
    config = from_dict({"history": {"relevant": {"fake.*": ["dns_servers"]}}})
    window = make_window(fakechecks.FailCheck, config=config)
    run_scan(qtbot, window)
    texts = card_texts(window)
    assert len(texts) == 1
    # titled by what it holds ("What changed since it last worked" above "nothing changed" read as broken, round 2)
    assert heading(window.results_page.findChildren(WhatChangedCard)[0]) == "When this started"
    # the customer reads it in their words: when, as they say it, and what changed, without the addresses
    # one problem, the one told above: no check title in front of it ("Processor:" was quoted as jargon, round 3)
    assert texts[0].startswith("When this program checked this computer yesterday at ")
    assert "When it checked today at " in texts[0]
    assert "The way this computer finds websites changed (a setting of your network or internet box)." in texts[0]
    assert "192.0.2.53" not in texts[0] and not plainwords.problems(texts[0])
    # the exact facts stay for support (the bundle's history.json, the support card)
    now_dns = ", ".join(_dns_servers()) or "none"
    from selfcheck.gui.overtime import changes_for_scan

    technical = changes_for_scan(window.scan, from_dict({"history": {"relevant": {"fake.*": ["dns_servers"]}}}))
    assert f"Your DNS server changed from 192.0.2.53 to {now_dns}." in technical[0]["text"]


def test_no_card_without_an_earlier_good_scan(make_window, qtbot):
    history.install()
    window = make_window(fakechecks.FailCheck)
    run_scan(qtbot, window)
    assert card_texts(window) == []


def test_an_opened_bundle_shows_its_history_and_recording(make_window, qtbot):
    from selfcheck.gui.overtime import WhatChangedCard
    from selfcheck.gui.support import over_time_parts
    from selfcheck.history.record import Recording, timeline_svg

    window = make_window(fakechecks.FailCheck)
    scan = run_scan(qtbot, window)
    recording = Recording(0, 1, [{"t": 0, "cpu": 5, "mem": 5, "support_ms": 1.0}], [])
    files = {
        "history.json": b'{"what_changed": [{"check_id": "fake.fail", "text": "This started between A and B. Since then: Your DNS server changed from 1.1.1.1 to 10.0.0.53."}]}',
        "recording/recording.json": json.dumps(recording.to_dict()).encode(),
        "recording/timeline.svg": b'<svg xmlns="http://www.w3.org/2000/svg"><text>the bundle\'s own drawing</text></svg>',
    }
    window.show_scan(scan, read_only=True, bundle_info={"facts": [], "description": None, "path": "b.zip", **over_time_parts(files)})
    cards = window.results_page.findChildren(WhatChangedCard)
    assert len(cards) == 1 and "10.0.0.53" in cards[0].texts[0]
    assert heading(cards[0]) == "What changed since it last worked"  # support's precise title
    # the chart drawn here from the recording, never the bundle's own drawing
    assert cards[0].chart is not None and cards[0].chart_svg == timeline_svg(recording)


def quiet_sampler():
    """A recorder's sampler of the test's own (as tests/gui/test_watch_words.py's): nothing is sent anywhere, the support
    server answering, the computer idle."""
    return {"cpu": 3.0, "mem": 40.0, "top": [], "support_ms": 2.0}


@pytest.fixture
def no_box_looked_for(monkeypatch):
    """The internet box the real recorder asks each second is this build machine's real gateway: a test never looks it up
    (house rule: no test sends or tries traffic beyond loopback and the lab's namespaces); the look-ups tried are listed."""
    from selfcheck.history import record

    looked: list[str] = []
    monkeypatch.setattr(record, "find_box", lambda: looked.append("gateway") or ("", ""))
    return looked


def own_recorder(dialog, max_seconds: float, interval: float = 0.1) -> None:
    """The dialog's recorder, with a sampler of the test's own (the window's recorder otherwise asks the real box)."""
    from selfcheck.history import record

    dialog.recorder = record.Recorder(None, interval=interval, max_seconds=max_seconds, sampler=quiet_sampler)


def test_record_dialog_samples_marks_and_saves_for_the_next_bundle(qtbot, selfcheck_home, no_box_looked_for):
    from selfcheck.gui.overtime import RecordDialog
    from selfcheck.history import record

    dialog = RecordDialog(from_dict({}), interval=0.1, max_seconds=1.0)
    own_recorder(dialog, max_seconds=1.0)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.start_button.click()
    qtbot.waitUntil(lambda: len(dialog.recorder.recording.samples) >= 3, timeout=5000)
    dialog.mark_button.click()
    assert "Marked at" in dialog.status.text()
    qtbot.waitUntil(lambda: dialog.saved_path is not None, timeout=5000)  # stops by itself at its limit
    # send round 12: no "bundle"; cuts round 2: watching, not recording, and « envoyé avec », not « part avec »
    assert dialog.status.text() == "Done. If you contact support, what this program saw is sent with your message."
    assert not dialog.mark_button.isEnabled()
    saved = record.latest()
    assert saved is not None and len(saved.marks) == 1 and saved.samples
    assert time.time() - saved.started_at < 60
    assert no_box_looked_for == [], no_box_looked_for  # this machine's gateway never looked up, never asked


def test_escape_just_after_the_time_limit_keeps_the_recording(qtbot, selfcheck_home, no_box_looked_for):
    # the recorder stops itself at its limit; the window looks at it once a second: Escape (or Close) in between lost the
    # whole recording (Close saved only while the recorder still ran)
    from PySide6.QtCore import Qt

    from selfcheck.gui.overtime import RecordDialog
    from selfcheck.history import record

    dialog = RecordDialog(from_dict({}), interval=0.1, max_seconds=0.5)
    own_recorder(dialog, max_seconds=0.5)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.start_button.click()
    dialog.mark_button.click()
    assert dialog.recorder.wait(5)  # the limit is reached while the window's own timer has not looked yet (its loop is busy here)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    saved = record.latest()
    assert saved is not None and saved.stopped_because == "time limit" and len(saved.marks) == 1 and saved.samples
    assert no_box_looked_for == [], no_box_looked_for


def test_regular_checks_are_turned_on_only_after_the_user_agrees_and_off_again(make_window, monkeypatch, tmp_path):
    from PySide6.QtCore import Qt, QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    from selfcheck.history import background

    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "cfg"))
    calls = []

    def run(args, **kw):  # the OS tool (systemctl) answering as it does when all is well (4074a1cb reads its answer)
        calls.append(args)
        return background.subprocess.CompletedProcess(args, 0, "", "")

    monkeypatch.setattr(background.subprocess, "run", run)
    window = make_window(fakechecks.PassCheck, config=fakechecks.config(branding={"product_name": "AT&T <b>Check</b> &lt; 2"}))
    asked = []

    def answer_with(button: QMessageBox.StandardButton) -> None:
        """The person reads the question shown, then clicks ``button``."""

        def click() -> None:
            box = next(w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible())
            asked.append((box.textFormat(), box.text()))
            box.button(button).click()

        QTimer.singleShot(50, click)

    action = window.background_action
    assert not action.isChecked()
    answer_with(QMessageBox.StandardButton.No)
    action.trigger()  # the user says No
    assert not action.isChecked() and not background.is_installed()
    answer_with(QMessageBox.StandardButton.Yes)
    action.trigger()  # the user says Yes
    assert action.isChecked() and background.is_installed()
    # the company's product name is shown as written, not as markup ("<b>" made it bold, "&lt;" a "<")
    (shown_as, text), _again = asked
    assert shown_as == Qt.TextFormat.PlainText and text.startswith("AT&T <b>Check</b> &lt; 2 will do a short check every 6 hours")
    assert ["systemctl", "--user", "enable", "--now", "selfcheck-background.timer"] in calls
    action.trigger()  # off again, no question
    assert not action.isChecked() and not background.is_installed()


def test_regular_checks_the_computer_would_not_turn_off_stay_shown_on(make_window, monkeypatch, tmp_path):
    """Turning the regular checks off where systemctl cannot reach the person's session (after su or sudo: "Failed to
    connect to bus", recorded in tests/fixtures/linux/SOURCES): the timer's files were removed and the switch showed
    them off, while systemd went on running them. Now the switch stays on and the window says they are still on."""
    from real_outputs import real
    from selfcheck.history import background

    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "cfg"))
    refusal = real("linux", "systemctl_user_no_bus_issue.txt")
    refuse = False

    def run(args, **kw):
        failing = refuse and args[0] == "systemctl"
        return background.subprocess.CompletedProcess(args, 1 if failing else 0, "", refusal if failing else "")

    monkeypatch.setattr(background.subprocess, "run", run)
    monkeypatch.setattr(background.sys, "platform", "linux")
    background.install(6)
    window = make_window(fakechecks.PassCheck)
    action = window.background_action
    assert action.isChecked()
    refuse = True
    action.trigger()  # off: no question asked
    assert action.isChecked() and background.is_installed()
    assert window.notice.isVisible() and window.notice.text.text() == "The regular checks could not be turned off on this computer: they are still on."
    assert "bus" not in window.notice.text.text()
    refuse = False
    action.trigger()  # off again, where the computer takes it away
    assert not action.isChecked() and not background.is_installed()


def test_the_customer_card_shows_only_what_a_person_can_use(qtbot, monkeypatch):
    """Round 4: "first seen today at 10:30" alone, and "no program was installed … no setting changed" beside a
    pending restart's "updates were installed", puzzled both readers: the card shows a change or when it started."""
    from types import SimpleNamespace

    from selfcheck.gui import overtime

    now = datetime.now().astimezone()
    scan = SimpleNamespace(results=[])
    first_seen = {"check_id": "os.restart_pending", "text": "This was first seen …", "first_bad": now.isoformat()}
    same_check = {**first_seen, "last_good": now.isoformat()}
    monkeypatch.setattr(overtime, "changes_for_scan", lambda scan, config: [first_seen, same_check])
    assert overtime.over_time_card(scan, from_dict({})) is None
    started = {**first_seen, "last_good": (now - timedelta(days=1)).isoformat()}
    monkeypatch.setattr(overtime, "changes_for_scan", lambda scan, config: [first_seen, started])
    card = overtime.over_time_card(scan, from_dict({}))
    assert card is not None
    qtbot.addWidget(card)
    assert len(card.texts) == 1 and card.texts[0].startswith("When this program checked this computer yesterday at ")
    assert "no setting changed" not in card.texts[0]
    # an opened bundle (support) keeps every item
    assert overtime.over_time_card(scan, from_dict({}), read_only=True, bundle_info={"history": {"what_changed": [first_seen]}}) is not None


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_customer_card_tells_when_the_urgent_problem_started_not_what_can_wait(qtbot, monkeypatch, lang):
    """Send round 23: beside the urgent full computer, "Updates: It was still fine when this computer was checked on
    Tuesday…" (en r22, r23; fr « Mises à jour ») was told as the problem was, though it can wait. The customer's card tells
    when the problem that needs attention now started; support's opened bundle still shows both."""
    from types import SimpleNamespace

    from selfcheck import i18n
    from selfcheck.api import Status
    from selfcheck.gui import overtime

    i18n.set_language(lang)
    try:
        now = datetime.now().astimezone()
        scan = SimpleNamespace(
            results=[
                SimpleNamespace(check_id="hardware.disk", title=i18n._("Room on this computer"), status=Status.FAIL, urgency=None),
                SimpleNamespace(check_id="security.updates", title=i18n._("Updates"), status=Status.WARN, urgency=None),
            ]
        )
        started = {"text": "…", "first_bad": now.isoformat(), "last_good": (now - timedelta(days=1)).isoformat()}
        items = [{**started, "check_id": "hardware.disk"}, {**started, "check_id": "security.updates"}]
        monkeypatch.setattr(overtime, "changes_for_scan", lambda scan, config: items)
        card = overtime.over_time_card(scan, from_dict({}))
        assert card is not None
        qtbot.addWidget(card)
        # one item: the one told above, without its check's title ("Room on this computer:"), and no "Updates:" line
        assert len(card.texts) == 1, card.texts
        assert i18n._("Updates") not in card.texts[0] and i18n._("Room on this computer") not in card.texts[0], card.texts
        # nothing urgent: what can wait is still told
        calm = SimpleNamespace(results=[scan.results[1]])
        monkeypatch.setattr(overtime, "changes_for_scan", lambda scan, config: items[1:])
        card = overtime.over_time_card(calm, from_dict({}))
        assert card is not None and len(card.texts) == 1
        qtbot.addWidget(card)
        # support's opened bundle keeps every item
        both = overtime.over_time_card(scan, from_dict({}), read_only=True, bundle_info={"history": {"what_changed": items}})
        assert both is not None and len(both.texts) == 2
        qtbot.addWidget(both)
    finally:
        i18n.set_language("en")


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_after_recording_the_window_says_in_words_what_it_saw(qtbot, selfcheck_home, lang):
    # s32 lab: the recording held 3 cuts of the line, the customer's mark in one; once stopped, the window showed the chart
    # and "Recording saved." only: nothing said in words. The lab's samples replayed through the dialog's own recorder.
    import json
    from pathlib import Path

    from selfcheck import i18n
    from selfcheck.gui.overtime import RecordDialog

    lab = json.loads((Path(__file__).parent.parent / "fixtures" / "recording" / "lab_cuts_and_hog.json").read_text(encoding="utf-8"))
    said = {
        "en": "While this program was watching, the connection was lost 3 times, a few seconds each time.",
        "fr": "Pendant que ce programme surveillait, la connexion a été perdue 3 fois, quelques secondes à chaque fois.",
    }
    i18n.set_language(lang)
    try:
        dialog = RecordDialog(from_dict({}), interval=0.01, max_seconds=60)
        qtbot.addWidget(dialog)
        dialog.recorder = lab_replayed(lab)  # as a configured support server makes it (no probe: the samples are the lab's)
        dialog.show()
        assert not dialog.saw.isVisible()
        dialog.start_button.click()
        qtbot.waitUntil(lambda: len(dialog.recorder.recording.samples) >= len(lab["samples"]), timeout=10000)
        dialog.stop_button.click()
        assert dialog.saw.isVisible() and dialog.saw.text() == said[lang]
        assert plainwords.problems(dialog.saw.text()) == []
        assert "support.lab.example" not in dialog.saw.text()
    finally:
        i18n.set_language("en")


@pytest.mark.parametrize(("lang", "how"), [("en", "stop"), ("fr", "stop"), ("en", "close")])
def test_start_then_stop_at_once_keeps_the_earlier_recording_for_the_next_message(qtbot, selfcheck_home, lang, how):
    # Start then Stop (or Close) at once: 0 or 1 sample, no mark, saved as "Recording saved. It goes with the next
    # message": the next bundle offered it, not the customer's real recording made just before
    from PySide6.QtCore import Qt

    from selfcheck import i18n
    from selfcheck.gui.overtime import RecordDialog
    from selfcheck.history import record

    said = {
        "en": "The watching was stopped too soon to see anything, so nothing was kept.",
        "fr": "La surveillance a été arrêtée trop tôt pour voir quoi que ce soit\u00a0: rien n’a été gardé.",
    }
    real = record.Recording(time.time() - 600, 1.0, [{"t": t, "cpu": 5, "mem": 5, "support_ms": 2.0} for t in range(30)], [{"t": 12, "label": "x"}])
    record.save(real)
    i18n.set_language(lang)
    try:
        dialog = RecordDialog(from_dict({}), interval=1.0, max_seconds=60)
        qtbot.addWidget(dialog)
        dialog.show()
        dialog.start_button.click()
        if how == "stop":
            dialog.stop_button.click()
            assert dialog.status.text() == said[lang]
            assert plainwords.problems(dialog.status.text()) == []
            assert not dialog.mark_button.isEnabled() and not dialog.stop_button.isEnabled()
        else:
            qtbot.keyClick(dialog, Qt.Key.Key_Escape)
            assert not dialog.isVisible()
    finally:
        i18n.set_language("en")
    assert dialog.saved_path is None
    offered = record.latest()
    assert offered is not None and len(offered.samples) == 30 and offered.marks
