"""The window shows the same verdict as the terminal, the scan JSON and report.html."""

from __future__ import annotations

import pytest

from selfcheck import i18n
from selfcheck.app import App
from verdictkit import from_json, from_report, sample_scan, text_agrees


def window_verdict(window) -> dict:
    page = window.results_page
    card = page.headline_card
    action = card.action_text.text() if card.action_text else None
    if action and card.steps:
        action = action.split(".  ", 1)[1]  # "1.  Restart your internet box."
    order = [card.verdict.top.check_id] if card.verdict.top else []
    for group in ("also", "later"):
        section = page.group_sections.get(group)
        if section is not None:
            cards = [section.cards_layout.itemAt(i).widget() for i in range(section.cards_layout.count())]
            order += [c.result.check_id for c in cards if c is not None and hasattr(c, "result")]
    return {"headline": card.headline.text(), "cause": card.cause.text() if card.cause else None, "action": action, "order": order}


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_window_terminal_json_and_report_give_the_same_verdict(qtbot, lang):
    from selfcheck.gui import theme
    from selfcheck.gui.mainwindow import MainWindow

    i18n.set_language(lang)
    try:
        for symptom in ("internet", None):
            scan, registry, cfg = sample_scan(symptom)
            window = MainWindow(App(cfg, registry, None))
            qtbot.addWidget(window)
            with qtbot.waitSignal(window.scan_shown, timeout=10000):
                window.show_scan(scan)
            expected = from_json(scan)
            assert window_verdict(window) == expected
            assert from_report(scan) == expected
            text_agrees(scan, cfg, expected)
            page = window.results_page
            # the unrelated, not urgent things wait folded when the customer chose a symptom
            assert page.later_expander.isChecked() is (symptom is None)
            assert page.rescan_button.isHidden() and page.headline_card.again_button is not None
            assert page.headline_card.fix_button is not None if symptom else page.headline_card.fix_button is None
            # round 8: steps 2+ in smaller print were "hard to read" at 67: every step as large as step 1
            card = page.headline_card
            card.setStyleSheet(theme.stylesheet(theme.accent_color(None), False))  # the style the application sets
            for widget in (card.action_text, *card.steps):
                widget.ensurePolished()
            assert card.action_text.font().pointSizeF() >= 11 and (card.steps or symptom is None)
            assert all(s.font().pointSizeF() == card.action_text.font().pointSizeF() for s in card.steps)
            window.threads.stop_all(2000)
    finally:
        i18n.set_language("en")


def test_an_easy_problem_shows_a_calm_headline_not_a_red_one(qtbot):
    """The sound turned off: a teal arrow, "Easy to fix" and a teal edge, not a red cross (lay readers, round 2)."""
    from checkkit import config, outcome_check, registry_of
    from selfcheck.api import Outcome
    from selfcheck.gui.mainwindow import MainWindow
    from selfcheck.runner import Runner

    registry = registry_of(outcome_check("devices.sound", lambda: Outcome.fail("The sound is turned off.", urgency="easy")))
    cfg = config()
    scan = Runner(registry, cfg).run(list(registry))
    window = MainWindow(App(cfg, registry, None))
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.scan_shown, timeout=10000):
        window.show_scan(scan)
    card = window.results_page.headline_card
    assert card.property("severity") == "easy"
    assert card.icon.accessibleName() == "Easy to fix"
    assert window.results_page.cards["devices.sound"].icon_name == "status-easy"
    window.threads.stop_all(2000)


def test_a_category_whose_problems_can_wait_says_so_not_one_problem(qtbot):
    """ "1 problem" above a restart that can wait contradicted "Nothing is wrong" (lay readers, round 2)."""
    from checkkit import config, outcome_check, registry_of
    from selfcheck.api import Outcome
    from selfcheck.gui.widgets import CategorySection
    from selfcheck.runner import Runner

    restart = outcome_check("os.restart_pending", lambda: Outcome.warn("Updates only take effect after a restart."))
    crashes = outcome_check("os.crashes", lambda: Outcome.fail("Programs keep stopping.", urgency="now"))
    only_restart = Runner(registry_of(restart), config()).run()
    section = CategorySection("os", "Operating system", only_restart.results)
    qtbot.addWidget(section)
    assert section.count_label.text() == "1 thing can wait"
    both = Runner(registry_of(restart, crashes), config()).run()
    section = CategorySection("os", "Operating system", both.results)
    qtbot.addWidget(section)
    assert section.count_label.text() == "2 problems"


def test_with_a_verdict_the_full_list_folds_behind_one_plain_line(qtbot):
    """Category names, measures and "OK"s of the full list were most of the words lay readers quoted on every
    screen (round 3): with a problem to tell, they wait behind "Everything else we checked is fine — show the list"."""
    from PySide6.QtWidgets import QLabel

    from checkkit import config, outcome_check, registry_of
    from selfcheck.api import Outcome
    from selfcheck.gui.mainwindow import MainWindow
    from selfcheck.runner import Runner

    clock = outcome_check("network.clock", lambda: Outcome.fail("The computer's clock is 5 hours slow.", urgency="now"), priority=10)
    fine = outcome_check("hardware.memory", lambda: Outcome.ok("There is enough memory."), priority=20)
    registry = registry_of(clock, fine)
    cfg = config()
    scan = Runner(registry, cfg).run(list(registry))
    window = MainWindow(App(cfg, registry, None))
    qtbot.addWidget(window)
    window.show()
    with qtbot.waitSignal(window.scan_shown, timeout=10000):
        window.show_scan(scan)
    page = window.results_page
    expander = page.everything_expander
    assert expander is not None and expander.text() == "Everything else we checked is fine — show the list"
    assert not expander.isChecked() and not page.cards["hardware.memory"].isVisible()
    shown = [lab.text() for lab in page.findChildren(QLabel) if lab.isVisible()]
    assert "There is enough memory." not in shown and "Everything we checked" not in shown
    expander.setChecked(True)
    assert page.cards["hardware.memory"].isVisible()
    # a calm "needs your attention" sign for a wrong clock, not a red cross: nothing is at risk
    assert page.headline_card.icon.accessibleName() == "Needs attention now" and page.headline_card.verdict.icon == "status-attention"
    window.threads.stop_all(2000)


def test_a_company_check_at_risk_shows_the_red_cross_in_the_window_and_its_list(qtbot):
    """The stakes are the check's to declare (``at_risk``): the window's verdict and its full results list draw a
    company's own at-risk failure with the red cross, and another company failure with the calm amber sign."""
    from checkkit import config, outcome_check, registry_of
    from selfcheck.api import Outcome
    from selfcheck.gui.mainwindow import MainWindow
    from selfcheck.runner import Runner

    backup = outcome_check("app.acme-backup", lambda: Outcome.fail("The ACME backup has stopped.", urgency="now"), priority=10, at_risk=True)
    wallpaper = outcome_check("app.acme-wallpaper", lambda: Outcome.fail("The ACME wallpaper is missing.", urgency="now"), priority=20)
    registry = registry_of(backup, wallpaper)
    cfg = config()
    scan = Runner(registry, cfg).run(list(registry))
    window = MainWindow(App(cfg, registry, None))
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.scan_shown, timeout=10000):
        window.show_scan(scan)
    page = window.results_page
    assert page.headline_card.verdict.icon == "status-fail"
    assert {cid: page.cards[cid].icon_name for cid in ("app.acme-backup", "app.acme-wallpaper")} == {
        "app.acme-backup": "status-fail",
        "app.acme-wallpaper": "status-attention",
    }
    window.threads.stop_all(2000)
