"""The customer verdict: one model (headline, cause, action, urgency, order) that every renderer shows."""

from __future__ import annotations

import re

import pytest

from checkkit import config, outcome_check, registry_of
from selfcheck import i18n
from selfcheck.api import Outcome, Status
from selfcheck.runner import Runner, Scan
from verdictkit import from_json, from_report, sample_scan, text_agrees


def test_the_report_numbers_the_steps_from_one_as_the_text_does():
    """report.html said "What to do now: <action>" then a list starting at 2. (report.png): read as a missing first step.
    The steps in one list from 1., the action first, as `selfcheck show` numbers them."""
    import html
    import re

    from selfcheck.bundle import report

    scan, _registry, _cfg = sample_scan("internet")
    v = scan.diagnosis.verdict
    page = report._verdict(scan.to_dict())
    listed = re.search(r'<ol class="steps">(.*?)</ol>', page)
    assert listed is not None and 'start="' not in page, page
    items = [html.unescape(re.sub(r"<[^>]+>", "", item)) for item in re.findall(r"<li>(.*?)</li>", listed.group(1))]
    assert items == [v.action.text, *v.action.steps], items


def test_the_symptoms_problem_leads_with_its_cause_steps_and_button():
    scan, _registry, _cfg = sample_scan("internet")
    v = scan.diagnosis.verdict
    # a warning that explains what the customer came for comes before an unrelated failure
    assert v.top.check_id == "network.names"
    assert v.headline == "Your computer cannot find websites by their name. This is probably why the internet does not work."
    assert v.cause == "Your internet box does not answer when your computer asks where a website is."
    assert (v.action.text, v.action.steps, v.action.button) == (
        "Restart your internet box.",
        ["Wait until its lights are steady.", "Check again."],
        "Open the network settings",
    )
    # the diagnosis says the same as the verdict
    assert (scan.diagnosis.headline, scan.diagnosis.action) == (v.headline, v.action.text)


def test_problems_are_grouped_by_urgency_with_a_reassurance_when_unrelated():
    scan, _registry, _cfg = sample_scan("internet")
    v = scan.diagnosis.verdict
    groups = {i.check_id: (i.group, i.urgency_text) for i in v.items}
    assert groups == {
        "network.names": ("headline", "Needs attention now"),
        "network.wifi": ("also", "Needs attention now"),  # a warning in the symptom's own checks
        "hardware.cpu": ("also", "Needs attention now"),  # a failure, even if unrelated
        "security.updates": ("later", "Can wait"),
        "os.restart": ("later", "For information"),  # the check said so
    }
    assert v.order == ["network.names", "network.wifi", "hardware.cpu", "security.updates", "os.restart"]
    cpu = next(i for i in v.items if i.check_id == "hardware.cpu")
    assert cpu.reassurance == "This is not why the internet does not work."
    assert next(i for i in v.items if i.check_id == "network.wifi").reassurance is None
    # nothing in "not urgent" belongs to the internet: folded, so the customer is not alarmed
    assert v.later_folded
    # the headline is one of the three: the line says where the two others are (repair-offer readers, send round 9)
    # send round 13: "scroll down" and "Also needs attention" were quoted: where they are, under a plain heading
    # send round 25: "… can wait: it is further down." ("where?", "now I wonder what else is wrong"): the "not urgent"
    # heading below says it; the count line tells only what needs attention now
    assert v.count_line == "This problem and 2 others need attention now: they are further down this window, under “Other problems to fix now”."


def test_without_a_symptom_failures_lead_and_nothing_is_folded():
    scan, _registry, _cfg = sample_scan(None)
    v = scan.diagnosis.verdict
    assert v.top.check_id == "hardware.cpu"
    assert v.headline == "The program Zoom is using the whole processor."
    assert v.cause is None  # no cause sentence rather than a category label
    assert [i.check_id for i in v.group("later")] == ["network.names", "network.wifi", "security.updates", "os.restart"]
    assert not v.later_folded
    assert all(i.reassurance is None for i in v.items)


def test_icons_follow_the_urgency_a_red_cross_only_for_what_needs_attention_now():
    """A warning sign beside "Nothing needs attention now" read as a contradiction (lay readers, round 1)."""
    scan, _registry, _cfg = sample_scan("internet")
    icons = {i.check_id: i.icon for i in scan.diagnosis.verdict.items}
    assert icons == {
        "network.names": "status-attention",  # a warning that needs attention now (it explains the symptom)
        "network.wifi": "status-attention",
        # a busy processor needs attention now, but nothing is at risk: the calm "needs your attention" sign, not a
        # red cross (round 3: "a red cross makes me think something is broken, when it is only slow")
        "hardware.cpu": "status-attention",
        "security.updates": "status-later",  # can wait: a calm clock, not an alarm
        "os.restart": "status-info",
    }
    registry = registry_of(outcome_check("os.restart_pending", lambda: Outcome.warn("Updates were installed but only take effect after a restart.")))
    alone = Runner(registry, config()).run(list(registry)).diagnosis.verdict
    assert (alone.icon, alone.count_line) == ("status-later", "Nothing is urgent. 1 thing can wait.")
    assert from_json(Runner(registry, config()).run(list(registry)))["headline"] == alone.headline


def test_red_cross_only_where_files_or_the_computer_are_at_risk():
    """One scheme for window, terminal and report.html: a failure that needs attention now is red only for what puts
    files or the computer at risk (no firewall); a wrong clock or a busy processor gets the calm amber sign."""
    from selfcheck import textreport
    from selfcheck.bundle import report

    firewall = outcome_check(
        "security.firewall", lambda: Outcome.fail("Nothing protects this computer from attacks.", urgency="now"), priority=10, at_risk=True
    )
    clock = outcome_check("network.clock", lambda: Outcome.fail("The computer's clock is 5 hours slow.", urgency="now"), priority=20)
    for check, icon, status in ((firewall, "status-fail", Status.FAIL), (clock, "status-attention", Status.WARN)):
        registry = registry_of(check)
        scan = Runner(registry, config()).run(list(registry))
        v = scan.diagnosis.verdict
        assert (v.icon, v.top.urgency_text) == (icon, "Needs attention now")
        assert textreport.format_scan(scan).startswith(textreport.ICONS[status] + " ")
        assert f'<section class="verdict s-{status.value}"' in report._verdict(scan.to_dict())


AT_RISK_TOML = """
[[check]]
id = "app.acme-backup-agent"
kind = "path"
title = "ACME backup"
path = "{folder}/backup-agent.conf"
at_risk = true
[check.messages]
fail = "The ACME backup has stopped: your new files are not copied."
advice = ["Call the IT desk."]

[[check]]
id = "app.acme-wallpaper"
kind = "path"
title = "ACME wallpaper"
path = "{folder}/wallpaper.png"
priority = 10
[check.messages]
fail = "The ACME wallpaper is missing."
advice = ["Call the IT desk."]
"""


def test_a_company_check_says_its_failure_puts_files_at_risk_and_gets_the_red_cross(tmp_path):
    """The stakes are the check's to declare (``at_risk``), as its category is: a company's TOML check that says so gets
    the red cross, one that does not the calm amber sign, whatever its id; carried in the scan JSON and the bundle."""
    from selfcheck.discovery import Registry, load_folder

    folder = tmp_path / "company-checks"
    folder.mkdir()
    (folder / "acme.toml").write_text(AT_RISK_TOML.format(folder=folder.as_posix()), encoding="utf-8")
    registry = Registry()
    load_folder(registry, folder)
    assert registry.problems == [], [p.message for p in registry.problems]
    scan = Runner(registry, config()).run(list(registry))
    v = scan.diagnosis.verdict
    icons = {i.check_id: (i.icon, i.urgency_text) for i in v.items}
    assert icons == {
        "app.acme-backup-agent": ("status-fail", "Needs attention now"),
        "app.acme-wallpaper": ("status-attention", "Needs attention now"),
    }
    # read back from the JSON a bundle carries: the declaration travels with the result
    again = Scan.from_dict(scan.to_dict())
    assert {r.check_id: r.at_risk for r in again.results} == {"app.acme-backup-agent": True, "app.acme-wallpaper": False}
    # a file made before checks declared it: not at risk (its verdict keeps the icons the customer saw)
    old = scan.to_dict()
    for result in old["results"]:
        del result["at_risk"]
    assert not any(r.at_risk for r in Scan.from_dict(old).results)
    assert Scan.from_dict(old).diagnosis.verdict.items[0].icon == v.items[0].icon


def test_the_built_in_checks_that_declare_their_failure_at_risk():
    """The eight built-ins whose failure puts files or the computer at risk say so themselves (no list in the verdict)."""
    from selfcheck.discovery import Registry, load_builtin

    registry = Registry()
    load_builtin(registry)
    assert sorted(c.id for c in registry if c.at_risk) == [
        "hardware.battery",
        "hardware.sensors",
        "os.crashes",
        "security.antivirus",
        "security.encryption",
        "security.firewall",
        "security.os_support",
        "security.updates",
    ]


def test_easy_harmless_problems_get_a_calm_icon_and_words_not_a_red_cross():
    """A red cross and "Needs attention now" for "no paper" or "sound off" read as an emergency (lay readers, round 2)."""
    muted = outcome_check("devices.sound", lambda: Outcome.fail("The sound is turned off.", urgency="easy"), priority=10)
    registry = registry_of(muted)
    alone = Runner(registry, config()).run(list(registry)).diagnosis.verdict
    assert (alone.icon, alone.top.urgency_text, alone.count_line) == ("status-easy", "Easy to fix", "1 easy thing to fix.")
    # beside a problem that needs attention now, the easy one comes after it, in "Also needs attention"
    busy = outcome_check("hardware.memory", lambda: Outcome.fail("The memory is full: programs are being stopped.", urgency="now"), priority=20)
    both = registry_of(muted, busy)
    v = Runner(both, config()).run(list(both)).diagnosis.verdict
    assert [(i.check_id, i.group, i.icon) for i in v.items] == [("hardware.memory", "headline", "status-attention"), ("devices.sound", "also", "status-easy")]
    assert v.count_line == "1 problem needs attention now. 1 easy thing to fix."
    # the terminal and report.html draw the same stakes as the window: a calm sign, the urgency words, no red cross
    from selfcheck import textreport
    from selfcheck.bundle import report

    scan = Runner(registry, config()).run(list(registry))
    assert textreport.format_scan(scan).startswith(f"{textreport.ICONS[Status.INFO]} The sound is turned off.")
    page = report._verdict(scan.to_dict())
    assert '<section class="verdict s-info"' in page and "Easy to fix" in page and "s-fail" not in page
    both_page = report._verdict(Runner(both, config()).run(list(both)).to_dict())
    assert '<li data-check-id="devices.sound"><span class="st s-info">' in both_page
    i18n.set_language("fr")
    try:
        fr = Runner(registry, config()).run(list(registry)).diagnosis.verdict
        assert (fr.top.urgency_text, fr.count_line) == ("Facile à régler", "1 chose facile à régler.")
    finally:
        i18n.set_language("en")


@pytest.mark.parametrize(("check_id", "case"), [("devices.sound", "linux_muted"), ("devices.printer", "linux_out_of_paper")])
def test_the_sound_turned_off_and_a_printer_out_of_paper_are_easy_to_fix(check_id, case):
    """On recorded facts: the check says it is easy, so the window shows the calm icon and "Easy to fix"."""
    import json
    from pathlib import Path

    from selfcheck.checks import devices_printer, devices_sound

    cls = {"devices.sound": devices_sound.SoundCheck, "devices.printer": devices_printer.PrinterCheck}[check_id]
    fixture = json.loads((Path(__file__).parent / "fixtures" / "checks" / check_id / f"{case}.json").read_text(encoding="utf-8"))
    thresholds = {**getattr(cls, "default_thresholds", {}), **config().thresholds(check_id)}
    said = cls().evaluate(fixture["facts"], thresholds)
    assert said.status is Status.FAIL and said.urgency == "easy", said


def test_one_way_to_check_again_per_state():
    scan, _registry, _cfg = sample_scan("internet")
    assert scan.diagnosis.verdict.action is not None
    # send round 24: "I did it": "what is done?"; round 25 / verdict round 23: "I did the steps above", "when there was
    # nothing for me to do myself": every reader says "then I click check again": one label
    assert scan.diagnosis.verdict.check_again == "Check my computer again"
    assert scan.diagnosis.verdict.check_again_ids == scan.diagnosis.verdict.order
    registry = registry_of(outcome_check("app.fine", lambda: Outcome.ok("Fine.")))
    fine = Runner(registry, config()).run(list(registry)).diagnosis.verdict
    assert (fine.headline, fine.check_again, fine.check_again_ids, fine.count_line) == (
        "Everything we checked looks fine.",
        "Check my computer again",
        [],
        "1 check done.",
    )


def test_an_invalid_urgency_is_an_error_of_the_check_not_a_crash():
    registry = registry_of(outcome_check("app.odd", lambda: Outcome.fail("Odd.", urgency="tomorrow")))
    scan = Runner(registry, config()).run(list(registry))
    assert scan.results[0].status is Status.ERROR
    assert "urgency" in (scan.results[0].traceback or "") + str(scan.results[0].evidence)


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_terminal_json_and_report_agree_on_headline_cause_action_and_order(lang):
    i18n.set_language(lang)
    try:
        for symptom in ("internet", None):
            scan, _registry, cfg = sample_scan(symptom)
            expected = from_json(scan)
            assert expected["order"] and expected["headline"]
            text_agrees(scan, cfg, expected)
            assert from_report(scan) == expected
    finally:
        i18n.set_language("en")


def test_a_bundles_verdict_survives_the_round_trip_and_an_older_file_gets_one_from_its_results():
    scan, _registry, _cfg = sample_scan("internet")
    data = scan.to_dict()
    assert Scan.from_dict(data).diagnosis.verdict == scan.diagnosis.verdict  # what the customer saw
    data["diagnosis"]["verdict"] = {"headline": 3}  # broken, or written before the verdict existed
    rebuilt = Scan.from_dict(data).diagnosis.verdict
    assert set(rebuilt.order) == set(scan.diagnosis.verdict.order)
    assert rebuilt.headline == scan.diagnosis.headline  # an older file keeps the headline the customer read


def _clock_scan(policy: dict, first: str = "Click “Open the date and time settings”, then turn on the switch.") -> Scan:
    from selfcheck.api import Fix

    check = outcome_check(
        "network.clock",
        lambda: Outcome.fail(
            "This computer's clock is 5 hours behind the right time.",
            advice=[first, "Ask for help if it happens again."],
            fix=Fix("open_datetime_settings", "Open the date and time settings"),
            repairs=["time.resync"],
        ),
        title="Date and time",
    )
    registry = registry_of(check)
    return Runner(registry, config(policy)).run(list(registry))


def test_the_settings_step_after_the_repair_keeps_a_name_and_a_language_s_capitals(monkeypatch):
    # the step is put after "If that does not put it right: " and its first letter lowered ("click …"): a company's
    # own clock check whose step starts with a name read "wi-Fi …" / "hP …"
    for first in ("Wi-Fi must stay on: open the date and time settings.", "HP Smart: open the date and time settings."):
        steps = _clock_scan({}, first).diagnosis.verdict.action.steps
        assert steps[0] == f"If that does not put it right: {first}"
    # a language that starts the sentence after a colon with a capital (German: "Wenn das nicht hilft: Klicken Sie …")
    # keeps the step as translated
    from selfcheck import verdict

    monkeypatch.setattr(verdict, "current_language", lambda: "de")
    steps = _clock_scan({}, "Klicken Sie auf „Datum und Uhrzeit öffnen“.").diagnosis.verdict.action.steps
    assert steps[0].endswith(": Klicken Sie auf „Datum und Uhrzeit öffnen“.")


def test_a_repair_that_does_the_settings_step_for_the_person_comes_first(monkeypatch):
    # verdict round 5, wrong clock: two buttons side by side, "which one?": the repair first, the settings as the fallback
    from selfcheck.platforms import adminprompt

    monkeypatch.setattr(adminprompt, "admin_prompt", lambda *a, **k: None)  # a computer whose prompt is not known (the suite runs as root)
    v = _clock_scan({}).diagnosis.verdict
    assert v.action.repair == "time.resync" and v.action.button == "Set the clock automatically"
    # round 7: "after asking you" read as "asking me what? my password?": whose password, when one is needed
    assert v.action.text == (
        # round 9: the password said once, as the computer's usual question for any change to its settings
        # round 13: the same one as to start the computer, and what happens to a person who types none
        "Click “Set the clock automatically”. Your computer then asks for the same password or PIN code you type to start it, as it does for any "
        "change to its settings; if you type none to start it, it only asks you to click “Yes”."
    )
    assert v.action.steps[0] == "If that does not put it right: click “Open the date and time settings”, then turn on the switch."
    assert v.action.fallback_button == "Open the date and time settings"
    # a company that does not allow the repair keeps the settings as the one thing to do
    denied = _clock_scan({"repairs": {"denied": ["time.*"]}}).diagnosis.verdict
    assert denied.action.repair is None and denied.action.button == "Open the date and time settings"
    assert denied.action.text.startswith("Click “Open the date and time settings”")


ASKS = {
    # a Windows administrator with UAC on (most home PCs' first account): UAC asks only for "Yes", no password
    # verdict round 20: "My grandson always tells me never to click Yes on boxes that pop up"; send round 21: « je ne sais
    # pas qui pose la question, ni s'il y aura aussi un mot de passe »: Windows asks, in its own window, and no password
    # verdict round 21 (both readers): Windows' question quoted ("allow this app to make changes to your device", "app",
    # "device"; « application », « appareil ») and "settings" not understood: only what they understood and kept
    "consent": {
        # send round 25 (every round): "in its own window": "what will that window look like, and what will it say?": what
        # Windows 10 and 11 show by default; review of stop 46: "asking whether to allow it" ("Allow what?", send rounds
        # 39-40): Windows' question in its own words, with what its "app" and "device" are, as the repair dialog says it
        "en": "Click “Set the clock automatically”. Windows then darkens the rest of the screen and asks, in a window in the middle: “Do you want"
        " to allow this app to make changes to your device?” (the app is this program, the device is this computer). Click “Yes”: that is normal,"
        " and no password is needed.",
        "fr": "Cliquez sur «\u00a0Régler l’horloge automatiquement\u00a0». Windows assombrit alors le reste de l’écran et vous demande, dans une"
        " fenêtre au milieu\u00a0: «\u00a0Voulez-vous autoriser cette application à apporter des modifications à votre appareil\u202f?\u00a0»"
        " (l’application, c’est ce programme\u202f; l’appareil, c’est cet ordinateur). Cliquez sur «\u00a0Oui\u00a0»\u00a0: c’est normal, et aucun"
        " mot de passe n’est demandé.",
    },
    # an administrator on macOS or Linux (or a Windows policy that asks for credentials): their own password
    "own_password": {
        "en": "Click “Set the clock automatically”. Your computer then asks for the password or PIN you type to start it: that is normal."
        " Only your computer checks it: this program never sees it.",
        "fr": "Cliquez sur «\u00a0Régler l’horloge automatiquement\u00a0». Votre ordinateur vous demande alors le mot de passe ou le code que vous tapez"
        " pour l’allumer\u00a0: c’est normal. Seul votre ordinateur le vérifie\u00a0: ce programme ne le voit jamais.",
    },
    # a standard account: their own password is refused, someone who manages the computer types theirs
    "admin_password": {
        "en": "Click “Set the clock automatically”. Your computer then asks for the password of the person who manages it (for example"
        " whoever set it up): that is normal. Only your computer checks it: this program never sees it. If you do not have it, call Clearline Help.",
        "fr": "Cliquez sur «\u00a0Régler l’horloge automatiquement\u00a0». Votre ordinateur vous demande alors le mot de passe de la personne qui s’en"
        " occupe (par exemple celle qui l’a installé)\u00a0: c’est normal. Seul votre ordinateur le vérifie\u00a0: ce programme ne le voit jamais."
        " Si vous ne l’avez pas, appelez Clearline Help.",
    },
    # no prompt at all (root, an elevated or UAC-off Windows administrator, a policy that elevates without asking): the
    # agent lab's customer, root, read the hedge about a password or PIN and "click Yes" for a prompt that never comes
    "none": {
        "en": "Click “Set the clock automatically”: this computer does it for you once you say yes, with no password to type.",
        "fr": "Cliquez sur «\u00a0Régler l’horloge automatiquement\u00a0»\u00a0: cet ordinateur le fait pour vous une fois que vous avez dit oui, sans mot de passe à taper.",
    },
}


#: what the readers of verdict round 21 and send round 22 quoted as not understood in the "consent" step, en and fr
CONSENT_NOT_UNDERSTOOD = ("app", "device", "changes", "settings", "application", "appareil", "modifications", "réglages")


@pytest.mark.parametrize("prompt", sorted(ASKS))
@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_repair_step_says_what_this_computer_s_administrator_prompt_asks(monkeypatch, prompt, lang):
    """The clock repair's step promised every customer "the same password or PIN code you type to start it": a
    Windows administrator with UAC on is only asked to click "Yes", a standard account needs someone else's. The
    scan records what this account's prompt asks, and the step says that, in the scan's file too."""
    from selfcheck.platforms import adminprompt

    monkeypatch.setattr(adminprompt, "admin_prompt", lambda *a, **k: prompt)
    i18n.set_language(lang)
    try:
        scan = _clock_scan({"branding": {"company": "Clearline Help"}})
        assert scan.admin_prompt == prompt
        assert scan.diagnosis.verdict.action.text == ASKS[prompt][lang]
        again = Scan.from_dict(scan.to_dict())  # a bundle replays the account's answer
        assert again.admin_prompt == prompt
        # the consent names a password only to say none is needed, and never a PIN or code
        consent = ASKS["consent"][lang]
        assert consent.count("password") + consent.count("mot de passe") == 1 and "PIN" not in consent and "code" not in consent
        if prompt == "consent":  # the words readers did not understand (verdict round 21, send round 22) only in Windows' own
            # question, quoted as its window shows it, and the bracket right after it that says what its "app" and "device" are
            text = scan.diagnosis.verdict.action.text.lower()
            quoted = re.search(r"[“«].*(?:device|appareil).*?[”»] \(.*?\)", text)
            assert quoted is not None, text
            assert [w for w in CONSENT_NOT_UNDERSTOOD if w in text.replace(quoted.group(0), "")] == [], text
    finally:
        i18n.set_language("en")
    older = scan.to_dict()
    del older["admin_prompt"]
    assert Scan.from_dict(older).admin_prompt is None  # a file from before: not known


def test_the_repair_declares_which_settings_window_it_does_for_the_person(monkeypatch):
    """No table in the verdict pairs a settings window with a repair: the repair says which window's change it makes
    (``does_for_you``), so any check whose fix opens that window and offers it (a company's too) gets the repair first."""
    import dataclasses

    from selfcheck.api import Fix
    from selfcheck.repairs.catalog import REPAIRS

    assert {r.id: r.does_for_you for r in REPAIRS.values() if r.does_for_you} == {"time.resync": "open_datetime_settings"}
    check = outcome_check(
        "app.acme-vpn",
        lambda: Outcome.fail(
            "The ACME VPN is not connected.",
            advice=["Click “Open the network settings”, then turn the network off and on."],
            fix=Fix("open_network_settings", "Open the network settings"),
            repairs=["network.renew_address"],
        ),
    )
    registry = registry_of(check)
    # the repair does not say it does that window's job: the settings stay the one thing to do
    plain = Runner(registry, config()).run(list(registry)).diagnosis.verdict
    assert (plain.action.repair, plain.action.button) == (None, "Open the network settings")
    monkeypatch.setitem(REPAIRS, "network.renew_address", dataclasses.replace(REPAIRS["network.renew_address"], does_for_you="open_network_settings"))
    v = Runner(registry, config()).run(list(registry)).diagnosis.verdict
    assert (v.action.repair, v.action.button, v.action.fallback_button) == (
        "network.renew_address",
        "Connect to the internet box again",
        "Open the network settings",
    )
    assert v.action.steps[0] == "If that does not put it right: click “Open the network settings”, then turn the network off and on."


def test_a_headline_that_already_says_the_symptom_is_not_followed_by_it_again():
    """Round 14: "Websites do not open: … This is probably why the internet does not work." said it twice (fr: read twice);
    the link stays for another symptom the headline does not say (a custom "e-mail" symptom covering the same check)."""
    cfg = config(
        {
            "symptoms": {
                "internet": {"effect": "the internet does not work", "checks": ["network.*"]},
                "mail": {"effect": "your e-mail does not work", "checks": ["network.dns"]},
            }
        }
    )
    dns = outcome_check("network.dns", lambda: Outcome.fail("Websites do not open.", urgency="now", says_symptoms=["internet"]))
    registry = registry_of(dns)
    for symptom, headline in (
        ("internet", "Websites do not open."),
        ("mail", "Websites do not open. This is probably why your e-mail does not work."),
    ):
        scan = Runner(registry, cfg).run(list(registry), symptom=symptom)
        assert scan.diagnosis.verdict.headline == headline
        assert from_json(scan)["headline"] == headline  # the mark travels in the JSON and the bundle


def test_a_problem_that_is_only_part_of_the_symptom_stands_alone_in_the_headline():
    """Round 8: "Some websites do not open. This is probably why the internet does not work." contradicted itself;
    round 9: "This is probably what you noticed" was quoted by both readers ("what if I didn't notice anything?")."""
    cfg = config({"symptoms": {"internet": {"effect": "the internet does not work", "checks": ["network.*"]}}})
    some = outcome_check("network.https", lambda: Outcome.fail("Some websites do not open.", urgency="now", partial=True))
    whole = outcome_check("network.dns", lambda: Outcome.fail("Websites cannot be found.", urgency="now"))
    for check, headline in (
        (some, "Some websites do not open."),
        (whole, "Websites cannot be found. This is probably why the internet does not work."),
    ):
        registry = registry_of(check)
        scan = Runner(registry, cfg).run(list(registry), symptom="internet")
        assert scan.diagnosis.verdict.headline == headline
        assert from_json(scan)["headline"] == headline  # the partial mark travels in the JSON and the bundle
    i18n.set_language("fr")
    try:
        registry = registry_of(some)
        assert Runner(registry, cfg).run(list(registry), symptom="internet").diagnosis.verdict.headline == "Some websites do not open."
    finally:
        i18n.set_language("en")
