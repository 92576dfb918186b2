"""The customer's path through the window, with controllable fake checks and with the real ones."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from selfcheck.api import Status
from selfcheck.gui.mainwindow import MainWindow
from selfcheck.gui.pages import ScanPage

from . import fakechecks
from .conftest import run_scan, shown_text


def visible_texts(widget) -> str:
    return "\n".join(lab.text() for lab in widget.findChildren(QLabel) if lab.isVisibleTo(widget))


def test_start_page_offers_one_obvious_button_and_the_symptoms(make_window):
    window = make_window(fakechecks.PassCheck)
    page = window.start_page
    assert window.stack.currentIndex() == MainWindow.START
    assert page.start_button.text() == "Check my computer"
    assert page.start_button.isDefault()
    labels = [b.text() for b in page.symptom_buttons.values()]
    assert labels[0].startswith("I’m not sure")
    assert "The internet doesn't work" in labels
    assert "A program does not work properly" in labels  # small-screen rounds: "what is an application?"
    assert page.selected_symptom() is None


def test_full_path_with_pass_warn_fail_consequence_and_crash(qtbot, make_window):
    window = make_window(fakechecks.PassCheck, fakechecks.WarnCheck, fakechecks.FailCheck, fakechecks.DependentCheck, fakechecks.CrashCheck)
    with qtbot.waitSignal(window.scan_shown, timeout=20000):
        qtbot.mouseClick(window.start_page.start_button, Qt.MouseButton.LeftButton)
    scan = window.scan
    assert window.stack.currentIndex() == MainWindow.RESULTS
    page = window.results_page
    # the headline card names the root cause and the one thing to do, and how much is urgent
    headline = page.headline_card
    assert headline.headline.text() == "This computer is not connected to any network."
    texts = visible_texts(headline)
    assert "Most likely cause" not in texts  # a category label is not a cause
    assert "Plug in the network cable." in texts
    # send round 23: "1 other thing can wait: “Updates”." (« je dois faire quelque chose ? »): where it is
    # send round 24: "…: “Updates”, further down under “Other things we noticed — not urgent”" quoted as long (en), and
    # "Updates" worried a reader whose trouble began after an update: where it is, without its title
    # send round 25: "1 other thing can wait: it is further down." ("where? is it “Other things we noticed”?", "now I wonder
    # what else is wrong"): the fold below, "Other things we noticed — not urgent", says it
    assert headline.count_line.text() == "1 problem needs attention now. 1 check could not be done."
    assert window.focusWidget() is headline.again_button  # keyboard users start at the one thing to do
    # send round 24: "I did it — check again" ("what is done?"); verdict round 23: "I did the steps above", "when there was
    # nothing for me to do myself": every reader says "then I click check again": one label
    assert headline.again_button.text() == "Check my computer again"
    assert page.rescan_button.isHidden()  # one way to check again
    # send round 23: "Back to the start": "Start of what?"; round 25 (fr): « Retour au premier écran »: « lequel ? »; round 26:
    # "Start over": "Would it wipe my computer?": what the person does there (no problem was chosen here)
    # send rounds 27-28: "Choose a problem": "what problem must I choose? I only have one": where it goes
    assert page.back_button.text() == "Back to the starting page"
    # the warning waits in the "not urgent" group, open because no symptom was chosen
    # send rounds 27, 28, 30, 31 (en): "Other things we noticed — not urgent": "what things?": how many; open, a colon over them
    assert page.later_expander is not None and page.later_expander.text() == "There is also 1 thing that can wait:"
    assert page.later_expander.isChecked()
    page.later_expander.click()  # closed: that a click shows it
    assert page.later_expander.text() == "There is also 1 thing that can wait: click to see it"
    assert not page.group_sections["later"].isVisibleTo(page)
    page.later_expander.click()
    assert "fake.warn" in [c.result.check_id for c in page.group_sections["later"].findChildren(type(page.cards["fake.warn"]))]
    # every result is there, with a status word next to its icon (never colour alone)
    assert set(page.cards) == {r.check_id for r in scan.results} - {"fake.dependent"}
    for card in page.cards.values():
        assert card.status_label.text()
    assert page.cards["fake.crash"].status_label.text() == "Could not check"
    assert page.cards["fake.warn"].status_label.text() == "Can wait"
    assert page.cards["fake.warn"].icon_name == "status-later"  # what can wait gets a calm clock, not a warning sign
    # send rounds 59-64 (en, fr): "waiting for you to add them": "add them how?", « Je ne sais pas comment les ajouter »: the
    # fold under a problem, closed, says that a click shows how; open, it is the section's name
    warn = page.cards["fake.warn"]
    # send round 99 (en): "What to do: click to see how" quoted: said as a link says it
    assert not warn.expander.isChecked() and warn.expander.text() == "Show how to do it, step by step"
    warn.expander.click()
    assert warn.expander.text() == "What to do" and warn.details.isVisibleTo(warn)
    warn.expander.click()
    assert page.cards["fake.fail"].status_label.text() == "Needs attention now" and page.cards["fake.fail"].icon_name == "status-attention"
    # the consequence is shown as such, one calm line under its cause, not as another alarm
    group = page.consequence_groups["fake.fail"]
    # they wait, they are not hidden problems (lay readers read "not done" as more things broken, and a denial
    # "this is not a sign of other problems" as a hint that there are)
    assert group.text.text() == "1 more check will be done once “Fake network link” works again."
    assert not group.expander.isChecked()
    group.expander.click()
    assert "•  Fake internet access" in visible_texts(group)
    # the cards below are closed: the headline already says what to do
    assert not page.cards["fake.fail"].expander.isChecked()
    assert not page.cards["fake.pass"].expander.isChecked()
    # technical details are collapsed and readable
    fail_card = page.cards["fake.fail"]
    assert fail_card.technical is None  # not even built until asked for
    fail_card.expander.click()
    qtbot.mouseClick(fail_card.tech_expander, Qt.MouseButton.LeftButton)
    assert fail_card.technical.isVisibleTo(fail_card)
    assert "Check: fake.fail" in fail_card.technical.toPlainText()
    # the crash never reaches the customer as a traceback
    assert "Traceback" not in visible_texts(page)


def test_results_arrive_live_with_now_checking_line(qtbot, make_window, fake_state):
    fake_state["hang_seconds"] = 0.5
    window = make_window(fakechecks.PassCheck, fakechecks.HangCheck)
    seen = []
    original = window.scan_page.on_finished

    def spy(result):
        original(result)
        seen.append((result.check_id, window.scan_page.now_checking.text(), window.stack.currentIndex()))

    window.scan_page.on_finished = spy
    run_scan(qtbot, window)
    first = next(s for s in seen if s[0] == "fake.pass")
    assert first[1] == "Now checking: Fake hanging check"
    assert first[2] == MainWindow.SCANNING
    assert "fake.pass" in window.scan_page.rows


def test_cancel_mid_scan_returns_at_once(qtbot, make_window):
    window = make_window(fakechecks.PassCheck, fakechecks.HangCheck)
    with qtbot.waitSignal(window.scan_page.progress.valueChanged, timeout=10000):
        window.start_scan()
    assert window.stack.currentIndex() == MainWindow.SCANNING
    window.scan_page.cancel_button.click()
    # no waiting for the hanging check: the start page is back right away
    assert window.stack.currentIndex() == MainWindow.START
    assert window.notice.isVisible()
    assert "stopped" in window.notice.text.text()
    assert not window.busy
    # the runner winds down by itself; its late signals change nothing on screen
    qtbot.waitUntil(lambda: window.threads.running == 0, timeout=5000)
    assert window.stack.currentIndex() == MainWindow.START
    assert window.scan is None
    # and a new scan can start
    fakechecks.STATE["hang_seconds"] = 0.1
    scan = run_scan(qtbot, window)
    assert scan.result("fake.hang").status is Status.PASS


def test_a_hanging_check_is_stopped_and_the_scan_finishes(qtbot, make_window, fake_state):
    class QuickHang(fakechecks.HangCheck):
        id = "fake.quickhang"
        timeout = 0.3

    window = make_window(fakechecks.PassCheck, QuickHang)
    scan = run_scan(qtbot, window)
    assert scan.result("fake.quickhang").status is Status.ERROR
    assert window.results_page.cards["fake.quickhang"].status_label.text() == "Could not check"


def test_check_again_reruns_the_problems_and_their_dependents(qtbot, make_window, fake_state):
    window = make_window(fakechecks.PassCheck, fakechecks.WarnCheck, fakechecks.FailCheck, fakechecks.DependentCheck)
    scan = run_scan(qtbot, window)
    assert scan.result("fake.fail").status is Status.FAIL
    assert scan.result("fake.dependent").status is Status.SKIP
    assert fakechecks.CALLS == {"fake.pass": 1, "fake.warn": 1, "fake.fail": 1}
    fake_state["broken"] = False  # the customer plugged the cable in
    with qtbot.waitSignal(window.scan_shown, timeout=20000):
        qtbot.mouseClick(window.results_page.headline_card.again_button, Qt.MouseButton.LeftButton)
    new = window.scan
    assert new.id == scan.id
    assert new.result("fake.fail").status is Status.PASS
    assert new.result("fake.dependent").status is Status.PASS
    assert fakechecks.CALLS == {"fake.pass": 1, "fake.warn": 2, "fake.fail": 2, "fake.dependent": 1}
    # the verdict moved on to the next problem
    assert new.diagnosis.root_causes == ["fake.warn"]
    assert window.results_page.headline_card.headline.text() == "The disk is nearly full."
    assert window.results_page.cards["fake.fail"].status_label.text() == "OK"


def test_fix_asks_first_then_empties_the_trash_and_checks_again(qtbot, make_window, fake_state, tmp_path, monkeypatch):
    """The check's "empty the trash" fix is done as the storage.empty_trash repair: consent dialog, then checked again."""
    from selfcheck.gui.repair_dialog import RepairDialog

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    trash = tmp_path / "data" / "Trash"
    (trash / "files").mkdir(parents=True)
    (trash / "info").mkdir()
    (trash / "files" / "old.txt").write_text("old")
    (trash / "info" / "old.txt.trashinfo").write_text("[Trash Info]")
    fake_state["fix"] = fakechecks.fix_empty_trash()
    window = make_window(fakechecks.FailCheck)
    run_scan(qtbot, window)
    window.results_page.headline_card.fix_button.click()
    dialog = window.findChild(RepairDialog)
    assert dialog is not None and dialog.windowTitle() == "Empty the Trash"
    dialog.cancel_button.click()
    assert (trash / "files" / "old.txt").exists()  # the user said no: nothing happens
    fake_state["broken"] = False
    window.results_page.headline_card.fix_button.click()
    dialog = [d for d in window.findChildren(RepairDialog) if d.isVisible()][0]
    qtbot.waitUntil(lambda: dialog.ready, timeout=10000)
    with qtbot.waitSignal(window.scan_shown, timeout=20000):
        dialog.go_button.click()
    assert not any((trash / "files").iterdir())
    assert not any((trash / "info").iterdir())
    assert fakechecks.CALLS["fake.fail"] == 2
    assert window.scan.result("fake.fail").status is Status.PASS


def test_a_fix_the_company_does_not_allow_is_not_offered(qtbot, make_window, fake_state):
    fake_state["fix"] = fakechecks.fix_empty_trash()
    window = make_window(fakechecks.FailCheck, config=fakechecks.config(repairs={"denied": ["storage.empty_trash"]}))
    run_scan(qtbot, window)
    card = window.results_page.cards["fake.fail"]
    card.expander.setChecked(True)
    assert card.fix_button is None
    assert window.results_page.headline_card.fix_button is None
    window.apply_fix("fake.fail")
    assert window.notice.text.text() == "Your organisation does not allow this program to do this repair."


def test_a_check_can_ask_the_user_through_the_gui_thread(qtbot, make_window, fake_state):
    window = make_window(fakechecks.AskCheck, answer=False)
    scan = run_scan(qtbot, window)
    assert fake_state["asked_from_main_thread"] is False  # the check ran in a worker...
    assert scan.result("fake.ask").summary == "You did not hear the sound."  # ...and got the dialog's answer


def test_slots_run_on_the_gui_thread_and_qt_reports_no_thread_misuse(qtbot, make_window, monkeypatch):
    from PySide6.QtCore import qInstallMessageHandler

    messages = []
    previous = qInstallMessageHandler(lambda mode, ctx, msg: messages.append(msg))
    threads = []
    for name in ("on_started", "on_finished"):
        original = getattr(ScanPage, name)

        def spy(self, *args, _original=original):
            threads.append(threading.current_thread() is threading.main_thread())
            return _original(self, *args)

        monkeypatch.setattr(ScanPage, name, spy)
    try:
        window = make_window(fakechecks.PassCheck, fakechecks.WarnCheck, fakechecks.FailCheck, fakechecks.DependentCheck, fakechecks.CrashCheck)
        run_scan(qtbot, window)
        with qtbot.waitSignal(window.scan_shown, timeout=20000):
            window.check_again("fake.fail")
    finally:
        qInstallMessageHandler(previous)
    assert threads and all(threads)
    assert not [m for m in messages if "thread" in m.lower()]


def test_real_checks_full_scan(qtbot, tmp_path):
    from selfcheck import app as app_mod
    from selfcheck.gui.mainwindow import MainWindow

    # network checks would reach this machine's real network: left out (they have their own lab tests)
    config = tmp_path / "no-network.toml"
    config.write_text('[checks]\ndisabled = ["network.*"]\n')
    window = MainWindow(app_mod.start([config], "en"))
    qtbot.addWidget(window)
    window.show()
    scan = run_scan(qtbot, window, timeout=90000)
    assert scan.results
    assert window.results_page.headline_card.headline.text() == scan.diagnosis.headline
    assert "os.uptime" in window.results_page.cards
    assert not [cid for cid in window.results_page.cards if cid.startswith("network.")]
    for card in window.results_page.cards.values():
        assert card.status_label.text() and card.title_label.text()
    window.threads.stop_all()


def test_symptom_choice_narrows_the_scan_and_is_recorded(qtbot, make_window):
    symptoms = {
        "fakenet": {"title": {"en": "No network", "fr": "Pas de réseau"}, "effect": {"en": "nothing loads", "fr": "rien ne charge"}, "checks": ["fake.fail"]}
    }
    config = fakechecks.config(symptoms=symptoms)
    window = make_window(fakechecks.PassCheck, fakechecks.WarnCheck, fakechecks.FailCheck, fakechecks.DependentCheck, config=config)
    assert window.start_page.symptom_buttons["fakenet"].text() == "No network"
    window.start_page.symptom_buttons["fakenet"].setChecked(True)
    with qtbot.waitSignal(window.scan_shown, timeout=20000):
        window.start_page.start_button.click()
    scan = window.scan
    assert scan.symptom == "fakenet"
    assert {r.check_id for r in scan.results} == {"fake.fail"}
    assert "This is probably why nothing loads." in window.results_page.headline_card.headline.text()


def test_after_scan_hooks_run_off_the_gui_thread(qtbot, make_window, monkeypatch):
    from selfcheck import hooks

    seen = []
    monkeypatch.setattr(hooks, "after_scan", [lambda app, scan: seen.append((scan.id, threading.current_thread() is threading.main_thread()))])
    window = make_window(fakechecks.PassCheck, fakechecks.FailCheck)
    scan = run_scan(qtbot, window)
    assert seen == [(scan.id, False)]
    with qtbot.waitSignal(window.scan_shown, timeout=20000):
        window.check_again("fake.fail")
    qtbot.waitUntil(lambda: len(seen) == 2, timeout=5000)
    assert seen[1] == (scan.id, False)  # the updated scan is recorded too


def test_a_failure_explained_by_another_says_so_instead_of_alarming(qtbot, make_window):
    window = make_window(fakechecks.FailCheck, fakechecks.FollowerCheck)
    scan = run_scan(qtbot, window)
    assert scan.diagnosis.root_causes == ["fake.fail"]
    card = window.results_page.cards["fake.follower"]
    assert card.status_label.text() == "Follows from another problem"
    assert "Because of: “Fake network link”" in visible_texts(card)
    assert not card.expander.isChecked()  # only the root cause opens on its advice
    assert window.results_page.headline_card.headline.text() == "This computer is not connected to any network."


def test_a_broken_scan_comes_back_as_a_calm_notice(qtbot, make_window, monkeypatch):
    from selfcheck.runner import Runner

    def broken(self, *args, **kwargs):
        raise RuntimeError("the runner itself broke")

    monkeypatch.setattr(Runner, "run", broken)
    window = make_window(fakechecks.PassCheck)
    window.start_scan(None)
    qtbot.waitUntil(lambda: window.notice.isVisible(), timeout=10000)
    assert window.notice.text.text() == "The check could not be completed."
    assert window.stack.currentIndex() == MainWindow.START
    assert not window.busy


class _SecondFailCheck(fakechecks.WarnCheck):
    id = "fake.fail2"
    title = "Fake second failure"

    def evaluate(self, facts, thresholds):
        from selfcheck.api import Outcome

        return Outcome.fail("The disk is full.", advice=["Empty the trash."])


def test_the_count_line_points_at_the_other_problems_and_they_are_in_sight(qtbot, make_window):
    # repair-offer readers (send round 9): "3 problems need attention now" beside one problem: "where are the others?"
    window = make_window(fakechecks.FailCheck, _SecondFailCheck, fakechecks.WarnCheck)
    run_scan(qtbot, window)
    page = window.results_page
    # send round 25: "1 other thing can wait: it is further down." ("where?"): the "not urgent" fold below says it
    assert (
        page.headline_card.count_line.text()
        == "This problem and 1 other need attention now: it is further down this window, under “Other problems to fix now”."
    )
    # the other problem is on the page under "Also needs attention", not folded away in a list or an expander
    also = page.group_sections["also"]
    assert also.isVisibleTo(window)
    cards = {c.result.check_id for c in also.findChildren(type(page.cards["fake.fail2"]))}
    assert cards == {"fake.fail2"}
    assert page.cards["fake.fail2"].isVisibleTo(window)
    assert "Other problems to fix now" in visible_texts(page)


def test_the_repair_that_does_it_for_you_is_the_first_button_and_the_settings_the_fallback(qtbot, make_window):
    # verdict round 5, wrong clock: "two buttons, which one?"
    from checkkit import outcome_check
    from selfcheck.api import Fix, Outcome

    clock = outcome_check(
        "network.clock",
        lambda: Outcome.fail(
            "This computer's clock is 5 hours behind the right time.",
            advice=["Click “Open the date and time settings”, then turn on the switch."],
            fix=Fix("open_datetime_settings", "Open the date and time settings"),
            repairs=["time.resync"],
        ),
        title="Date and time",
    )
    window = make_window(clock)
    run_scan(qtbot, window)
    card = window.results_page.headline_card
    assert card.fix_button.text() == "Set the clock automatically" and card.fix_button.objectName() == "primary"
    assert card.fallback_button is not None and card.fallback_button.text() == "Open the date and time settings"
    assert card.fallback_button.objectName() != "primary"
    assert card.repair_buttons == []  # not offered twice
    # verdict round 15 (fr): "4 steps and two buttons for a simple clock": the repair's step and button show; the settings
    # by hand (and their button) wait folded behind one line, opened in one click
    more = card.more_expander
    assert more is not None and more.text() == "More ways to fix it" and not more.isChecked()
    assert card.action_text.isVisibleTo(window) and card.action_text.text().startswith("1.  Click “Set the clock automatically”")
    assert card.steps and not any(step.isVisibleTo(window) for step in card.steps) and not card.fallback_button.isVisibleTo(window)
    more.click()
    assert all(step.isVisibleTo(window) for step in card.steps) and card.fallback_button.isVisibleTo(window)
    assert card.steps[0].text() == "2.  If that does not put it right: click “Open the date and time settings”, then turn on the switch."
    # support reading the bundle sees every step at once (no repair button there, so nothing to fold behind)
    from selfcheck.gui.pages import HeadlineCard

    read_only = HeadlineCard(window.scan, None, read_only=True)
    assert read_only.more_expander is None and read_only.steps and all(step.isVisibleTo(read_only) for step in read_only.steps)
    read_only.deleteLater()
    with qtbot.waitSignal(card.repair_requested) as asked:
        card.fix_button.click()
    assert asked.args == ["network.clock", "time.resync"]
    with qtbot.waitSignal(card.fix_requested) as opened:
        card.fallback_button.click()
    assert opened.args == ["network.clock"]


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_results_page_button_that_goes_back_names_what_the_person_does_there(qtbot, make_window, lang):
    """Send round 23: "Back to the start" ("Start of what?"); round 25 (fr): « Retour au premier écran » (« lequel ? »); then
    "Start over" / « Recommencer »: verdict en r24 "Would it wipe my computer? I wouldn't touch it.", fr r24 « la différence
    entre « Recommencer » et « Vérifier à nouveau » », send fr r26 « Recommencer quoi ? ». The button brings back "What's the
    problem?", its choices and "Check my computer". Then "Choose a problem" / « Choisir un problème » (send rounds 27-28: "what
    problem must I choose? I only have one", « quel problème dois-je choisir ? ») and "Choose another problem" (verdict rounds
    25-26: do they differ?): one label, whether a problem was chosen or not, saying where it goes."""
    window = make_window(fakechecks.FailCheck)
    if lang == "fr":
        window.set_language("fr")
    page = window.results_page
    labels = {
        "en": ("Back to the starting page", "Back to the starting page", "Check my computer again"),
        "fr": (
            "Revenir à la page de départ",
            "Revenir à la page de départ",
            "Vérifier mon ordinateur à nouveau",
        ),
    }[lang]
    run_scan(qtbot, window, symptom="internet")
    assert page.back_button.text() == labels[0]
    page.back_button.click()
    start = window.start_page
    assert window.stack.currentIndex() == MainWindow.START and start.start_button.isVisibleTo(window)
    assert start.question.isVisibleTo(window) and len(start.symptom_buttons) > 1  # the problems to choose from are there
    run_scan(qtbot, window)  # "I'm not sure — check everything": no problem was chosen, the same label
    assert page.back_button.text() == labels[1]
    # and it no longer sounds like the card's check-again button beside it
    assert page.headline_card is not None and page.headline_card.again_button is not None
    assert page.headline_card.again_button.text() == labels[2]


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_check_again_button_says_it_checks_the_computer_and_the_texts_that_name_it_quote_it(qtbot, make_window, monkeypatch, lang):
    """Send rounds 89, 92, 93, 94 (en): "'Check again': check what, exactly?"; small-screen round 29 (fr): « « Vérifier à
    nouveau » : je ne vois pas pourquoi je le ferais ». The button says what it checks, in the first button's words, on the
    verdict card (something wrong) and at the page's bottom (nothing wrong); the sentences that tell the person to press
    it, after a fix the window opened or a trash it could not empty, quote it word for word."""
    from selfcheck.api import Fix
    from selfcheck.gui import fixes

    words = {"en": ("Check my computer", "Check my computer again"), "fr": ("Vérifier mon ordinateur", "Vérifier mon ordinateur à nouveau")}
    first, again = words[lang]
    quoted = f"“{again}”" if lang == "en" else f"«\u00a0{again}\u00a0»"
    window = make_window(fakechecks.FailCheck)
    if lang == "fr":
        window.set_language("fr")
    assert window.start_page.start_button.text() == first
    run_scan(qtbot, window)
    card = window.results_page.headline_card
    assert card is not None and card.again_button is not None
    assert card.again_button.text() == again and card.again_button.accessibleName() == again
    fine = make_window(fakechecks.PassCheck)
    if lang == "fr":
        fine.set_language("fr")
    run_scan(qtbot, fine)
    assert fine.results_page.headline_card.again_button is None
    assert fine.results_page.rescan_button.text() == again
    monkeypatch.setattr(fixes, "open_network_settings", lambda platform: True)
    done = fixes.perform(Fix("open_network_settings", "x"), platform="linux")
    assert done.ok and quoted in done.message, done.message
    monkeypatch.setattr(fixes, "empty_trash", lambda platform: False)
    failed = fixes.perform(Fix("empty_trash", "x"), platform="windows")
    assert not failed.ok and quoted in failed.message, failed.message


class _SlowFailCheck(fakechecks.FailCheck):
    """The fake network check, taking a third of a second as a real one may (its time taken has decimals)."""

    def collect(self, ctx):
        import time

        time.sleep(0.3)
        return super().collect(ctx)


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_exact_details_say_the_time_taken_as_the_reader_writes_numbers(qtbot, make_window, lang):
    """French review (s32): the window's exact details said "Durée: 0.30 s", an English decimal point and no space before
    the colon. Now « Durée : 0,30 s » and each label's colon as French writes it; English as it was."""
    import re

    window = make_window(_SlowFailCheck)
    if lang == "fr":
        window.set_language("fr")
    run_scan(qtbot, window)
    card = window.results_page.cards["fake.fail"]
    card.expander.click()
    qtbot.mouseClick(card.tech_expander, Qt.MouseButton.LeftButton)
    lines = shown_text(card.technical).splitlines()
    check, status, taken = {
        "en": ("Check: fake.fail", "Status: fail", r"Time taken: 0\.[3-9]\d? s"),
        "fr": ("Vérification\u00a0: fake.fail", "État\u00a0: fail", r"Durée\u00a0: 0,[3-9]\d?\u00a0s"),
    }[lang]
    assert lines[:2] == [check, status], lines
    assert re.fullmatch(taken, lines[2]), lines


class _NoBatteryCheck(fakechecks.PassCheck):
    """A check that does not apply here, saying why in its collect (as the real battery check says it on a desktop)."""

    id = "fake.battery"
    category = "hardware"

    def collect(self, ctx):
        from selfcheck.api import SkipCheck
        from selfcheck.i18n import _

        raise SkipCheck(_("This computer has no battery."))


class _NoSupportDatesCheck(fakechecks.PassCheck):
    """A check whose evaluate skips (the real support-dates check on Gentoo Linux)."""

    id = "fake.os-support"
    category = "security"

    def collect(self, ctx):
        return {"name": "Gentoo Linux"}

    def evaluate(self, facts, thresholds):
        from selfcheck.api import Outcome
        from selfcheck.i18n import _

        return Outcome.skip(_("This program does not know until when {name} gets security fixes.").format(name=facts["name"]))


class _OtherSystemCheck(fakechecks.PassCheck):
    """A check made for another operating system than this one (the runner skips it)."""

    id = "fake.elsewhere"
    platforms = tuple(p for p in ("linux", "windows", "darwin") if p != __import__("selfcheck.api").api.current_platform())


@pytest.mark.parametrize(("first", "then"), [("en", "fr"), ("fr", "en")])
def test_a_skipped_checks_reason_is_said_in_the_language_the_window_is_switched_to(qtbot, make_window, first, then):
    """Brand review (s32): on a Gentoo machine the reason "This program does not know until when Gentoo Linux gets
    security fixes" stayed English after the window was switched to French: re-judging left skipped results alone. The
    reasons a check gives in collect (no battery), in evaluate (Gentoo) and the runner's own now follow the switch."""
    words = {
        "en": {
            "fake.battery": "This computer has no battery.",
            "fake.os-support": "This program does not know until when Gentoo Linux gets security fixes.",
            "fake.elsewhere": "This check does not apply to this operating system.",
        },
        "fr": {
            "fake.battery": "Cet ordinateur n’a pas de batterie.",
            "fake.os-support": "Ce programme ne sait pas jusqu’à quand Gentoo Linux recevra des correctifs de sécurité.",
            "fake.elsewhere": "Cette vérification ne s’applique pas à ce système d’exploitation.",
        },
    }
    window = make_window(fakechecks.PassCheck, _NoBatteryCheck, _NoSupportDatesCheck, _OtherSystemCheck)
    window.set_language(first)
    run_scan(qtbot, window)
    page = window.results_page
    qtbot.waitUntil(lambda: all(cid in page.cards for cid in words[first]), timeout=5000)
    assert {cid: page.cards[cid].summary_label.text() for cid in words[first]} == words[first]
    window.set_language(then)
    qtbot.waitUntil(lambda: all(cid in page.cards and page.cards[cid].summary_label.text() == words[then][cid] for cid in words[then]), timeout=5000)
    assert window.scan.result("fake.battery").status is Status.SKIP


_let_go = threading.Event()


class _SlowCheck(fakechecks.PassCheck):
    """A check that takes longer than it may (0.3 seconds): the runner stops it."""

    id = "fake.slow"
    timeout = 0.3

    def collect(self, ctx):
        _let_go.wait(10)
        return {}


@pytest.mark.parametrize(("first", "then"), [("en", "fr"), ("fr", "en")])
def test_a_could_not_check_reason_and_its_advice_follow_the_language_switch(qtbot, make_window, first, then):
    """A check stopped for taking too long and one that crashed kept their reason and advice in the language of the scan
    when the window was switched to another: "This check did not finish in time (0.3 seconds) and was stopped." and
    "Try again. …" in English among French words. Now said again, the seconds kept."""
    words = {
        "en": {
            "fake.slow": "This check did not finish in time (0.3 seconds) and was stopped.",
            "fake.crash": "This check stopped because of an internal error.",
        },
        "fr": {
            "fake.slow": "Cette vérification ne s’est pas terminée à temps (0.3 secondes) et a été arrêtée.",
            "fake.crash": "Cette vérification s’est arrêtée à cause d’une erreur interne.",
        },
    }
    advice = {  # fakechecks' checks come from a file, as a company's do: their IT team's to mend
        "en": ["Tell your IT or support team: one of the checks they added is broken. The other checks still ran."],
        "fr": [
            "Prévenez votre service informatique ou l’assistance\u00a0: une des vérifications qu’ils ont ajoutées ne fonctionne pas. Les autres vérifications ont bien été faites."
        ],
    }
    _let_go.clear()
    window = make_window(fakechecks.PassCheck, _SlowCheck, fakechecks.CrashCheck)
    window.set_language(first)
    try:
        run_scan(qtbot, window)
    finally:
        _let_go.set()
    page = window.results_page
    qtbot.waitUntil(lambda: all(cid in page.cards for cid in words[first]), timeout=5000)
    assert {cid: (page.cards[cid].summary_label.text(), page.cards[cid].result.advice) for cid in words[first]} == {
        cid: (said, advice[first]) for cid, said in words[first].items()
    }
    window.set_language(then)
    qtbot.waitUntil(lambda: all(cid in page.cards and page.cards[cid].summary_label.text() == words[then][cid] for cid in words[then]), timeout=5000)
    assert [page.cards[cid].result.advice for cid in words[then]] == [advice[then]] * 2
    assert window.scan.result("fake.slow").status is Status.ERROR
