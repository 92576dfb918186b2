"""Background scans: what is notified, storm control and quiet hours on an injected clock, OS schedules."""

from __future__ import annotations

import plistlib
from datetime import datetime, timedelta

from selfcheck.history import background as bg

SCAN = {
    "results": [
        {"id": "hardware.disk", "status": "warn", "summary": "Your disk is almost full."},
        {"id": "network.https", "status": "skip", "summary": "Not checked", "consequence_of": ["network.dns"]},
        {"id": "os.uptime", "status": "pass", "summary": "ok"},
    ]
}
NOON = datetime(2026, 11, 25, 12, 0)


def test_problems_and_near_forecasts_are_worth_a_notification():
    notes = bg.plan(SCAN, {"/": 4.2, "/data": 200.0}, "ACME Check")
    assert [n.key for n in notes] == ["problem:hardware.disk", "forecast:disk:/"]
    assert notes[0].title == "ACME Check found a problem"
    assert notes[1].body == "At this rate, / will be full in about 4 days."


def test_the_same_problem_is_notified_at_most_once_a_day(tmp_path):
    storm = bg.StormControl(tmp_path / "n.json")
    notes = bg.plan(SCAN, {})
    assert bg.due(notes, storm, NOON, None) == notes
    storm.record(notes[0].key, NOON)
    assert bg.due(notes, storm, NOON + timedelta(hours=6), None) == []
    again = bg.StormControl(tmp_path / "n.json")  # remembered across runs
    assert bg.due(notes, again, NOON + timedelta(hours=23), None) == []
    assert bg.due(notes, again, NOON + timedelta(hours=24), None) == notes


def test_nothing_is_shown_in_quiet_hours_even_across_midnight(tmp_path):
    quiet = bg.QuietHours.parse("22:00-08:00")
    storm = bg.StormControl(tmp_path / "n.json")
    notes = bg.plan(SCAN, {})
    assert bg.due(notes, storm, NOON.replace(hour=23), quiet) == []
    assert bg.due(notes, storm, NOON.replace(hour=7, minute=59), quiet) == []
    assert bg.due(notes, storm, NOON.replace(hour=8), quiet) == notes
    assert bg.QuietHours.parse("nonsense") is None


def test_every_notification_says_how_to_turn_it_off(monkeypatch):
    """Linux path, with notify-send found or not (CI has none: the branch must run anyway)."""
    sent = []
    note = bg.Notification("k", "Title", "Body")
    monkeypatch.setattr(bg.sys, "platform", "linux")
    monkeypatch.setattr(bg.shutil, "which", lambda name: f"/usr/bin/{name}" if name == "notify-send" else None)
    assert bg.notify(note, runner=lambda args, **kw: sent.append(args)) is True
    assert sent and sent[0][0] == "notify-send" and "Title" in sent[0]
    assert sent[0][-1].startswith("Body\n") and "selfcheck background off" in sent[0][-1]
    # final read of stop 31: the words end the options ("--") and the body's markup is shown as written, not drawn
    sent.clear()
    assert bg.notify(bg.Notification("k", "-t 0", "<b>“Firefox” & co</b>"), runner=lambda args, **kw: sent.append(args)) is True
    assert sent[0][sent[0].index("--") + 1] == "-t 0" and sent[0][-1].startswith("&lt;b&gt;“Firefox” &amp; co&lt;/b&gt;\n")
    monkeypatch.setattr(bg.shutil, "which", lambda name: None)
    sent.clear()
    assert bg.notify(note, runner=lambda args, **kw: sent.append(args)) is False and sent == []


def test_os_schedules_run_the_light_scan_at_the_interval():
    units = bg.systemd_units(6, ["/opt/selfcheck/selfcheck", "background", "run-once"])
    assert "OnUnitActiveSec=360min" in units["selfcheck-background.timer"]
    assert "ExecStart=/opt/selfcheck/selfcheck background run-once" in units["selfcheck-background.service"]
    plist = plistlib.loads(bg.launchd_plist(6, ["/Applications/selfcheck.app/Contents/MacOS/selfcheck", "background", "run-once"]))
    assert plist["StartInterval"] == 21600 and plist["ProgramArguments"][-1] == "run-once"
    args = bg.schtasks_args(6, [r"C:\Users\a b\AppData\Local\selfcheck\selfcheck.exe", "background", "run-once"])
    assert args[args.index("/MO") + 1] == "6" and '"C:\\Users\\a b\\AppData\\Local\\selfcheck\\selfcheck.exe"' in args[-1]


def test_install_and_uninstall_write_and_remove_the_user_timer(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "cfg"))
    calls = []
    path = bg.install(6, runner=lambda args, **kw: calls.append(args), home=tmp_path)
    assert path.exists() and path.name == "selfcheck-background.timer"
    assert ["systemctl", "--user", "enable", "--now", "selfcheck-background.timer"] in calls
    bg.uninstall(runner=lambda args, **kw: calls.append(args), home=tmp_path)
    assert not path.exists()


def test_run_once_scans_records_and_notifies(selfcheck_home):
    from selfcheck import app as app_mod
    from selfcheck.history import History

    app = app_mod.start()
    shown = []
    bg.run_once(app, NOON, notifier=lambda n: shown.append(n) or True)
    with History() as db:
        assert db.count() == 1
    bg.run_once(app, NOON + timedelta(minutes=5), notifier=lambda n: shown.append(n) or True)
    keys = [n.key for n in shown]
    assert len(keys) == len(set(keys))  # nothing notified twice within the day


def test_status_gives_the_last_scan_as_a_clock_time_not_an_iso_timestamp(selfcheck_home, capsys):
    import re

    from selfcheck import cli

    assert cli.main(["background", "status"]) == 0
    assert capsys.readouterr().out.strip() == "Last scan: never"
    from selfcheck import app as app_mod

    bg.run_once(app_mod.start(), NOON, notifier=lambda n: True)
    assert cli.main(["background", "status", "--lang", "fr"]) == 0
    out = capsys.readouterr().out.strip()
    assert re.fullmatch(r"Dernière analyse : \d{4}-\d\d-\d\d \d\d:\d\d", out), out


HOSTILE = 'Firefox"; $(Remove-Item -Recurse $HOME) `"; do shell script "touch /tmp/owned" -- é'


def test_notification_words_never_become_part_of_a_script(monkeypatch):
    """Branding review (stop 31): the body carries problem summaries, which can name a program another person started.
    On Windows the words went into PowerShell's double-quoted strings (json.dumps), where "$(…)" runs; on macOS into an
    AppleScript literal, which does not read JSON's "\\u00e9". Now the script text is fixed and the words travel as
    osascript's arguments and PowerShell's environment. (Fakes the runner: neither osascript nor PowerShell runs here.)"""
    note = bg.Notification("k", "Problème trouvé", HOSTILE)
    calls = []
    monkeypatch.setattr(bg.sys, "platform", "darwin")
    assert bg.notify(note, runner=lambda args, **kw: calls.append((args, kw))) is True
    args, _kw = calls.pop()
    script = [args[i + 1] for i, a in enumerate(args) if a == "-e"]
    assert args[0] == "osascript" and script == ["on run argv", "display notification (item 2 of argv) with title (item 1 of argv)", "end run"]
    assert args[-2] == "Problème trouvé" and args[-1].startswith(HOSTILE + "\n")  # the words, as they are, as arguments
    monkeypatch.setattr(bg.sys, "platform", "win32")
    assert bg.notify(note, runner=lambda args, **kw: calls.append((args, kw))) is True
    args, kw = calls.pop()
    command = args[args.index("-Command") + 1]
    assert command == bg.POWERSHELL_NOTIFY and "Remove-Item" not in command and "Problème" not in command
    assert "$env:SELFCHECK_NOTE_TITLE" in command and "$env:SELFCHECK_NOTE_BODY" in command
    assert kw["env"]["SELFCHECK_NOTE_TITLE"] == "Problème trouvé" and kw["env"]["SELFCHECK_NOTE_BODY"].startswith(HOSTILE)
    assert kw["env"].get("PATH") == bg.os.environ.get("PATH")  # the rest of the environment is kept
