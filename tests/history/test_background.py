"""Background scans: what is notified, storm control and quiet hours on an injected clock, OS schedules."""

from __future__ import annotations

import os
import plistlib
import re
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from real_outputs import real
from selfcheck.history import background as bg
from selfcheck.i18n import set_language

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


def test_a_record_that_cannot_be_written_loses_only_that_record(tmp_path):
    # review (stop 34): the record is now replaced whole (paths.write_private), and on Windows a file another process holds
    # open cannot be replaced: that error went up through run_once and the run's later notes were not shown
    held = tmp_path / "n.json"
    held.mkdir()  # os.replace onto it fails here as a held file does on Windows
    storm = bg.StormControl(held)
    notes = bg.plan(SCAN, {"/": 4.2})
    storm.record(notes[0].key, NOON)  # no error
    assert bg.due(notes, storm, NOON + timedelta(hours=1), None) == notes[1:]  # remembered for this run at least
    assert not list(tmp_path.glob("*.tmp")) and held.is_dir()


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
    assert sent[0][-1].startswith("Body\n")
    # how to stop them in the window's own words, not a command to type (people who get them do not open terminals)
    assert sent[0][-1].endswith("To stop these messages, open selfcheck and, in its File menu, untick “Check this computer regularly”.")
    # final read of stop 31: the words end the options ("--") and the body's markup is shown as written, not drawn
    sent.clear()
    assert bg.notify(bg.Notification("k", "-t 0", "<b>“Firefox” & co</b>"), runner=lambda args, **kw: sent.append(args)) is True
    assert sent[0][sent[0].index("--") + 1] == "-t 0" and sent[0][-1].startswith("&lt;b&gt;“Firefox” &amp; co&lt;/b&gt;\n")
    # the sender a company branded ("Clearline Check"), as Windows shows it (4c0d2b2), not "selfcheck"
    sent.clear()
    branded = bg.Sender("com.clearline.Check", "Clearline Check", "")
    assert bg.notify(note, runner=lambda args, **kw: sent.append(args), who=branded) is True
    assert "--app-name=Clearline Check" in sent[0] and not any("selfcheck" in a for a in sent[0][: sent[0].index("--")]), sent[0]
    assert "selfcheck" not in sent[0][-1] and "open Clearline Check and" in sent[0][-1]  # the brand's name, no command
    set_language("fr")
    try:
        sent.clear()
        assert bg.notify(note, runner=lambda args, **kw: sent.append(args), who=branded) is True
        assert sent[0][-1].endswith("ouvrez Clearline Check et, dans son menu Fichier, décochez «\u00a0Vérifier cet ordinateur régulièrement\u00a0».")
    finally:
        set_language("en")
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
    path = bg.install(6, runner=lambda args, **kw: calls.append(args) or subprocess.CompletedProcess(args, 0, "", ""), home=tmp_path)
    assert path.exists() and path.name == "selfcheck-background.timer"
    assert ["systemctl", "--user", "enable", "--now", "selfcheck-background.timer"] in calls
    bg.uninstall(runner=lambda args, **kw: calls.append(args) or subprocess.CompletedProcess(args, 0, "", ""), home=tmp_path)
    assert not path.exists()


def test_run_once_scans_records_and_notifies(selfcheck_home, tmp_path):
    from selfcheck import app as app_mod
    from selfcheck.history import History

    # one quick check that always finds a problem (as test_history_language's), not every check of this machine
    config = tmp_path / "one-problem.toml"
    config.write_text('[checks]\nenabled = ["os.uptime"]\n\n[thresholds."os.uptime"]\nwarn_days = 0\n', encoding="utf-8")
    app = app_mod.start([config])
    shown = []
    bg.run_once(app, NOON, notifier=lambda n: shown.append(n) or True)
    with History() as db:
        assert db.count() == 1
    bg.run_once(app, NOON + timedelta(minutes=5), notifier=lambda n: shown.append(n) or True)
    keys = [n.key for n in shown]
    assert keys == ["problem:os.uptime"]  # notified once, not again within the day


#: « Dernière analyse : 7 décembre 2026 à 9 h 24 »: a moment as French writes it (`background status` printed "2026-12-07 09:24")
FRENCH_LAST_SCAN = r"Dernière analyse\u00a0: (?:1er|[12]?\d|3[01]) (?:janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre) \d{4} à (?:1?\d|2[0-3])\u00a0h\u00a0[0-5]\d"


def test_status_gives_the_last_scan_as_people_write_a_moment_not_an_iso_timestamp(selfcheck_home, capsys, tmp_path):
    """The last scan in this computer's time, as `selfcheck outbox` and `history` say a moment: "December 7, 2026 at 09:24"
    / « 7 décembre 2026 à 9 h 24 » (it printed "2026-12-07 09:24")."""
    import re

    from selfcheck import cli

    assert cli.main(["background", "status"]) == 0
    assert capsys.readouterr().out.strip() == "Last scan: never"
    from selfcheck import app as app_mod

    config = tmp_path / "one-check.toml"
    config.write_text('[checks]\nenabled = ["os.uptime"]\n', encoding="utf-8")  # any scan sets the time; every check of this machine took seconds
    bg.run_once(app_mod.start([config]), NOON, notifier=lambda n: True)
    assert cli.main(["background", "status", "--lang", "fr"]) == 0
    out = capsys.readouterr().out.strip()
    assert re.fullmatch(FRENCH_LAST_SCAN, out), out
    assert cli.main(["background", "status"]) == 0
    english = r"Last scan: (?:January|February|March|April|May|June|July|August|September|October|November|December) [1-3]?\d, \d{4} at [0-2]\d:[0-5]\d"
    assert re.fullmatch(english, capsys.readouterr().out.strip())


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


class FakeWinreg:
    """winreg as notify uses it (the OS boundary; no Windows here): keys are paths under HKCU, values are kept."""

    HKEY_CURRENT_USER = "HKCU"
    KEY_QUERY_VALUE, KEY_SET_VALUE, REG_SZ = 1, 2, 1

    def __init__(self, refuse: bool = False) -> None:
        self.keys: dict[str, dict[str, object]] = {}
        self.writes: list[tuple[str, str, object]] = []
        self.refuse = refuse

    def CreateKeyEx(self, root, path, reserved=0, access=0):  # noqa: N802 - winreg's name
        if self.refuse:
            raise PermissionError(5, "Access is denied")
        assert root == "HKCU" and access & self.KEY_SET_VALUE
        self.keys.setdefault(path, {})

        class Key:
            def __enter__(self):
                return path

            def __exit__(self, *exc):
                return False

        return Key()

    def QueryValueEx(self, key, name):  # noqa: N802
        if name not in self.keys[key]:
            raise FileNotFoundError(2, "The system cannot find the file specified")
        return self.keys[key][name], self.REG_SZ

    def SetValueEx(self, key, name, reserved, kind, value):  # noqa: N802
        assert kind == self.REG_SZ and isinstance(value, str)
        self.keys[key][name] = value
        self.writes.append((key, name, value))


def built_as(monkeypatch, tmp_path, info: dict, icon: bool = False):
    """This process as a frozen build whose resources hold ``info`` as build-info.json (and the build's icon)."""
    import json

    from selfcheck import buildinfo

    (tmp_path / "res" / "icons").mkdir(parents=True)
    (tmp_path / "res" / "build-info.json").write_text(json.dumps(info), encoding="utf-8")
    if icon:
        (tmp_path / "res" / "icons" / "app.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    shipped = tmp_path / "res" / "build-info.json"
    monkeypatch.setattr(buildinfo, "shipped_file", lambda: shipped)
    monkeypatch.setattr(buildinfo, "get", lambda: buildinfo.from_file(shipped))  # read as get() reads it, not cached


def windows_toast(monkeypatch, registry, **kw):
    """notify() on Windows with the runner and winreg faked: the PowerShell command, its environment, and whether the
    id was registered before PowerShell ran."""
    calls = []
    monkeypatch.setattr(bg.sys, "platform", "win32")
    runner = lambda args, **k: calls.append((args, k, {p: dict(v) for p, v in registry.keys.items()}))  # noqa: E731
    assert bg.notify(bg.Notification("k", "selfcheck found a problem", "Your disk is almost full."), runner=runner, registry=registry, **kw) is True
    args, k, registered = calls.pop()
    return args[args.index("-Command") + 1], k["env"], registered


def test_windows_toasts_come_from_the_app_id_registered_for_the_user(monkeypatch, tmp_path):
    """Since Windows 10 1709 a toast from an AppUserModelID Windows does not know is dropped silently; the script asked
    for CreateToastNotifier('selfcheck'), an id nothing registers, so no customer on Windows saw a notification."""
    built_as(monkeypatch, tmp_path, {"product_name": "selfcheck", "app_id": "org.selfcheck.SelfCheck"}, icon=True)
    registry = FakeWinreg()
    command, env, registered = windows_toast(monkeypatch, registry)
    assert "CreateToastNotifier('selfcheck')" not in command and "CreateToastNotifier($env:SELFCHECK_NOTE_APP)" in command
    assert env["SELFCHECK_NOTE_APP"] == "org.selfcheck.SelfCheck"
    icon = str(tmp_path / "res" / "icons" / "app.png")
    # registered before PowerShell runs, for this user, with the product's name and the build's picture
    assert registered == {r"Software\Classes\AppUserModelId\org.selfcheck.SelfCheck": {"DisplayName": "selfcheck", "IconUri": icon}}
    # written only when missing or different: the next notification writes nothing
    registry.writes.clear()
    windows_toast(monkeypatch, registry)
    assert registry.writes == []
    registry.keys[r"Software\Classes\AppUserModelId\org.selfcheck.SelfCheck"]["DisplayName"] = "old name"
    windows_toast(monkeypatch, registry)
    assert registry.writes == [(r"Software\Classes\AppUserModelId\org.selfcheck.SelfCheck", "DisplayName", "selfcheck")]


def test_a_branded_build_notifies_under_its_own_id_and_name(monkeypatch, tmp_path):
    built_as(monkeypatch, tmp_path, {"brand": "acme", "product_name": "ACME Support Check", "app_id": "com.acme.SupportCheck"})
    registry = FakeWinreg()
    _command, env, registered = windows_toast(monkeypatch, registry)
    assert env["SELFCHECK_NOTE_APP"] == "com.acme.SupportCheck"
    assert registered == {r"Software\Classes\AppUserModelId\com.acme.SupportCheck": {"DisplayName": "ACME Support Check"}}  # no picture shipped: none named
    # the name run_once passes (the config's branding.product_name) and a branding.icon file win
    picture = tmp_path / "logo.png"
    picture.write_bytes(b"\x89PNG\r\n\x1a\n")
    _command, env, registered = windows_toast(monkeypatch, FakeWinreg(), who=bg.sender("ACME Helpdesk", str(picture)))
    assert registered == {r"Software\Classes\AppUserModelId\com.acme.SupportCheck": {"DisplayName": "ACME Helpdesk", "IconUri": str(picture)}}


def test_a_hostile_product_name_or_id_never_enters_the_script(monkeypatch, tmp_path):
    hostile_name = "ACME'); Remove-Item -Recurse $HOME; ('\u202e\n$(calc)"
    built_as(monkeypatch, tmp_path, {"product_name": hostile_name, "app_id": "x'); Remove-Item $HOME; ('"})
    registry = FakeWinreg()
    command, env, registered = windows_toast(monkeypatch, registry)
    assert command == bg.POWERSHELL_NOTIFY and "Remove-Item" not in command and "calc" not in command and "ACME" not in command
    assert env["SELFCHECK_NOTE_APP"] == "org.selfcheck.SelfCheck"  # not a valid id: selfcheck's own, never the text
    # the name is a registry value (data, never run), without the control characters
    assert registered == {r"Software\Classes\AppUserModelId\org.selfcheck.SelfCheck": {"DisplayName": "ACME'); Remove-Item -Recurse $HOME; ('$(calc)"}}


def test_a_registry_refusal_is_logged_and_the_toast_still_tried(monkeypatch, tmp_path, caplog):
    built_as(monkeypatch, tmp_path, {"product_name": "selfcheck"})
    command, env, _registered = windows_toast(monkeypatch, FakeWinreg(refuse=True))
    assert command == bg.POWERSHELL_NOTIFY and env["SELFCHECK_NOTE_APP"] == "org.selfcheck.SelfCheck"
    assert "could not register org.selfcheck.SelfCheck for notifications" in caplog.text


def test_the_os_starts_the_windowed_twin_on_windows_so_no_console_window_opens(tmp_path):
    """Review of 99c07a04: on Windows the login entry (a waiting message) and the light scans' schedule ran the console
    executable, which opens a console window on the person's screen for as long as it runs; the windowed twin beside it
    ("-gui", packaging/selfcheck.spec) opens none. Where there is no twin, the executable itself."""
    from selfcheck.history.background import windowed_twin

    console = tmp_path / "selfcheck.exe"
    console.write_bytes(b"MZ")
    assert windowed_twin(str(console), "win32") == str(console)  # no twin beside it
    twin = tmp_path / "selfcheck-gui.exe"
    twin.write_bytes(b"MZ")
    assert windowed_twin(str(console), "win32") == str(twin)
    assert windowed_twin(str(twin), "win32") == str(twin)  # already the windowed one
    assert windowed_twin(str(console), "linux") == str(console)  # one executable elsewhere


def test_a_console_executable_named_otherwise_still_starts_the_windowed_one_beside_it(tmp_path):
    """A build whose console executable is named by its maker (packaging/selfcheck.spec's SELFCHECK_EXE_NAME, "ACME
    Support Check.exe") keeps the usual windowed "selfcheck-gui.exe" (SELFCHECK_GUI_EXE_NAME unset, the installer's
    GuiExe): the login entry and the schedule start that one, and no console window opens on the person's screen."""
    from selfcheck.history.background import windowed_twin

    console = tmp_path / "ACME Support Check.exe"
    console.write_bytes(b"MZ")
    (tmp_path / "selfcheck-gui.exe").write_bytes(b"MZ")
    assert windowed_twin(str(console), "win32") == str(tmp_path / "selfcheck-gui.exe")
    (tmp_path / "ACME Support Check-gui.exe").write_bytes(b"MZ")  # its own twin, where the build made one
    assert windowed_twin(str(console), "win32") == str(tmp_path / "ACME Support Check-gui.exe")
    root = Path(__file__).resolve().parents[2]  # the name the build and the installer give the windowed one
    assert f'env("SELFCHECK_GUI_EXE_NAME") or "{bg.GUI_EXECUTABLE}"' in (root / "packaging" / "selfcheck.spec").read_text(encoding="utf-8")
    assert f'#define GuiExe "{bg.GUI_EXECUTABLE}.exe"' in (root / "packaging" / "windows" / "selfcheck.iss").read_text(encoding="utf-8")


def test_the_scheduled_scan_uses_the_folder_language_and_settings_it_was_turned_on_with(tmp_path, monkeypatch, selfcheck_home):
    """A portable copy (SELFCHECK_HOME) read in French, started with an admin's file: the OS starts the light scan with
    none of these, and it used to keep its history in the usual folder, speak English and read other settings. It now
    records in the portable folder, and a look at it there is in French."""
    import shlex
    import subprocess

    from selfcheck import config as config_mod

    portable = tmp_path / "usb stick" / "selfcheck"
    (portable / "system").mkdir(parents=True)
    (portable / "system" / "config.toml").write_text((selfcheck_home / "system" / "config.toml").read_text(encoding="utf-8"), encoding="utf-8")
    monkeypatch.setenv("SELFCHECK_HOME", os.path.relpath(portable, Path.cwd()))  # as typed: relative
    admin = tmp_path / "admin.toml"
    admin.write_text('[background]\ncategories = ["admin-only"]\n', encoding="utf-8")  # no check of that category: a quick scan
    set_language("fr")  # picked in the window
    bg.install(6, runner=lambda args, **kw: subprocess.CompletedProcess(args, 0, "", ""), home=tmp_path, config=config_mod.load([admin]))
    set_language("en")
    service = (Path(os.environ["XDG_CONFIG_HOME"]) / "systemd" / "user" / "selfcheck-background.service").read_text(encoding="utf-8")
    argv = shlex.split(next(line for line in service.splitlines() if line.startswith("ExecStart=")).removeprefix("ExecStart="))
    session = tmp_path / "session"  # what the OS starts it with: its own home, no SELFCHECK_HOME, another working folder
    session.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SELFCHECK_HOME", "LANG", "LC_"))}
    env.update(HOME=str(session), XDG_DATA_HOME=str(session / "data"), XDG_STATE_HOME=str(session / "state"), XDG_CACHE_HOME=str(session / "cache"))
    run = subprocess.run(argv, cwd=session, env=env, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stdout + run.stderr
    assert not (session / "data" / "selfcheck").exists()  # the portable folder's history, not the usual one
    status = subprocess.run(
        [*argv[: argv.index("run-once")], "status", *argv[argv.index("run-once") + 1 :]], cwd=session, env=env, capture_output=True, text=True, timeout=60
    )
    assert re.fullmatch(FRENCH_LAST_SCAN, status.stdout.strip()), status.stdout + status.stderr
    from selfcheck.history import History

    with History() as db:  # the portable folder's (SELFCHECK_HOME here)
        (scan,) = db.scans()
    assert scan.results == {}  # the admin's file was read: only its categories, none of this computer's checks


def _long_windows_setup(monkeypatch, tmp_path):
    """A portable copy deep in a company's folders, with an admin's settings beside it: the command the task runs is
    longer than schtasks /TR takes (261 characters)."""
    from selfcheck import config as config_mod

    deep = "C:\\Users\\Anne-Sophie Dupont-Lefebvre\\OneDrive - Établissements Martin & Fils\\Support informatique\\Outils portables"
    monkeypatch.setattr(bg.sys, "executable", deep + "\\selfcheck\\python\\python.exe")
    monkeypatch.setenv("SELFCHECK_HOME", deep + "\\selfcheck\\données")
    admin = tmp_path / "Réglages de l'administrateur (ne pas déplacer)" / "selfcheck-entreprise.toml"
    admin.parent.mkdir()
    admin.write_text("[background]\ninterval_hours = 4\n", encoding="utf-8")
    return config_mod.load([admin]), admin


def test_windows_a_command_too_long_for_schtasks_tr_is_given_as_a_task_definition(tmp_path, monkeypatch):
    """schtasks /TR takes at most 261 characters; with --home and --config the command passed it and the task was
    never created. A longer one now goes in a task definition (/XML), whose Command and Arguments have no such limit;
    read back, it runs the same program with the same arguments, every 4 hours."""
    import xml.etree.ElementTree as ET

    config, admin = _long_windows_setup(monkeypatch, tmp_path)
    command = bg.command_line("background", "run-once", config=config)
    assert len(" ".join(command)) > bg.TR_LIMIT
    seen = {}

    def schtasks(args, **kw):
        import subprocess

        seen["args"] = args
        seen["xml"] = Path(args[args.index("/XML") + 1]).read_bytes() if "/XML" in args else None
        return subprocess.CompletedProcess(args, 0, "", "")

    assert bg.install(4, runner=schtasks, home=tmp_path, config=config, system="win32") is None
    assert "/TR" not in seen["args"] and seen["args"][:6] == ["schtasks", "/Create", "/F", "/TN", "selfcheck background", "/XML"]
    assert not Path(seen["args"][-1]).exists()  # the definition is not left behind in the temporary folder
    assert seen["xml"].startswith(b"\xff\xfe")  # UTF-16 with its byte order mark
    ns = {"t": bg.TASK_NAMESPACE}
    task = ET.fromstring(seen["xml"].decode("utf-16"))  # decoded: the declaration says UTF-16, the text is now a str
    assert task.findtext("t:Actions/t:Exec/t:Command", namespaces=ns) == command[0]
    arguments = task.findtext("t:Actions/t:Exec/t:Arguments", namespaces=ns)
    assert arguments.startswith("-m selfcheck background run-once --lang en --home ")
    assert f'"{Path(os.environ["SELFCHECK_HOME"]).absolute()}"' in arguments and f'"{admin}"' in arguments
    assert task.findtext("t:Triggers/t:TimeTrigger/t:Repetition/t:Interval", namespaces=ns) == "PT4H"


def test_windows_a_short_command_still_goes_after_tr(tmp_path, monkeypatch):
    import subprocess

    monkeypatch.setattr(bg.sys, "executable", "C:\\selfcheck\\selfcheck.exe")
    monkeypatch.delenv("SELFCHECK_HOME", raising=False)
    calls = []
    bg.install(6, runner=lambda args, **kw: calls.append(args) or subprocess.CompletedProcess(args, 0), home=tmp_path, system="win32")
    ((*_create, option, run),) = calls
    assert option == "/TR" and run.startswith("C:\\selfcheck\\selfcheck.exe -m selfcheck background run-once") and len(run) <= bg.TR_LIMIT


def test_windows_background_on_says_plainly_when_the_task_is_not_created(selfcheck_home, tmp_path, monkeypatch, capsys):
    """schtasks was run with check=False: a refused task (too long, a policy) left "Light scans will run every 6 hours"
    on the screen and exit 0. Now the person reads that it was not turned on (en, fr), no traceback, exit 1."""
    import functools
    import subprocess

    from selfcheck import cli

    refused = functools.partial(bg.install, system="win32", runner=lambda args, **kw: subprocess.CompletedProcess(args, 1, "", "ERROR: Access is denied."))
    monkeypatch.setattr(bg, "install", refused)
    assert cli.main(["background", "on"]) == 1
    out = capsys.readouterr()
    assert "will run every" not in out.out and "Traceback" not in out.out + out.err
    assert "Light scans could not be turned on" in out.err and "Access is denied" not in out.err  # schtasks' words: the log only
    assert cli.main(["background", "on", "--lang", "fr"]) == 1
    err = capsys.readouterr().err
    assert "n’ont pas pu être activées" in err and "could not" not in err


#: what the OS tools print when they do not take the schedule, recorded from real machines: systemctl --user with no user
#: session bus (after su or sudo, in a container: exit 1, github.com/OpenVoiceOS/ovos-installer/issues/326); launchctl
#: load of an agent it refuses, which says so yet exits 0 (github.com/sparkfabrik/sparkdock/issues/151: "it's not
#: currently detected")
TOOL_REFUSALS = {
    "linux": ("systemctl", 1, "Failed to connect to bus: No such file or directory\n"),
    "darwin": ("launchctl", 0, "Load failed: 5: Input/output error\nTry running `launchctl bootstrap` as root for richer errors.\n"),
}


@pytest.mark.parametrize("system", TOOL_REFUSALS)
def test_background_on_says_plainly_when_systemd_or_launchd_does_not_take_the_schedule(system, selfcheck_home, tmp_path, monkeypatch, capsys):
    """systemctl and launchctl were run without a look at what they answered: the person read "Light scans will run every
    6 hours" (exit 0) and the switch stayed on, while nothing would ever run. Now they read that it was not turned on
    (en, fr), the tool's words go to the log only, exit 1, and nothing is left that looks turned on."""
    import functools

    from selfcheck import cli

    tool, code, words = TOOL_REFUSALS[system]
    ran = []

    def runner(args, **kw):
        ran.append(args)
        return subprocess.CompletedProcess(args, code if args[0] == tool else 0, "", words if args[0] == tool else "")

    monkeypatch.setattr(bg, "install", functools.partial(bg.install, system=system, runner=runner, home=tmp_path))
    assert cli.main(["background", "on"]) == 1
    out = capsys.readouterr()
    assert ran and all(args[0] == tool for args in ran)
    assert "will run every" not in out.out and "Traceback" not in out.out + out.err
    assert "Light scans could not be turned on" in out.err and words.split(":")[0] not in out.out + out.err  # the tool's words: the log only
    unit = Path(os.environ["XDG_CONFIG_HOME"]) / "systemd" / "user" / "selfcheck-background.timer"
    assert not unit.exists() and not (tmp_path / "Library/LaunchAgents/org.selfcheck.background.plist").exists()
    assert cli.main(["background", "on", "--lang", "fr"]) == 1
    err = capsys.readouterr().err
    assert "n’ont pas pu être activées" in err and "could not" not in err


@pytest.mark.parametrize("system", TOOL_REFUSALS)
def test_background_on_refused_keeps_light_scans_that_were_already_on(system, selfcheck_home, tmp_path, monkeypatch, capsys):
    """Light scans turned on in the person's session, then "background on" again where the OS tool refuses (after su or
    sudo: no user session bus): it says "Nothing was changed", so the schedule already there stays, word for word; it
    was removed, leaving the light scans off at the next login (and systemd's enabled link pointing at nothing)."""
    import functools

    from selfcheck import cli

    tool, code, words = TOOL_REFUSALS[system]
    refuse = False

    def runner(args, **kw):
        failing = refuse and args[0] == tool
        return subprocess.CompletedProcess(args, code if failing else 0, "", words if failing else "")

    monkeypatch.setattr(bg, "install", functools.partial(bg.install, system=system, runner=runner, home=tmp_path))
    assert cli.main(["background", "on"]) == 0
    folder = Path(os.environ["XDG_CONFIG_HOME"]) / "systemd" / "user"
    written = [folder / "selfcheck-background.timer", folder / "selfcheck-background.service"]
    if system == "darwin":
        written = [tmp_path / "Library/LaunchAgents/org.selfcheck.background.plist"]
    on = {path: path.read_bytes() for path in written}
    capsys.readouterr()
    refuse = True
    assert cli.main(["background", "on"]) == 1
    assert "Nothing was changed" in capsys.readouterr().err
    assert {path: path.read_bytes() if path.exists() else None for path in written} == on


#: what the OS tools print when they refuse to take the schedule away, recorded from real machines (tests/fixtures/*/SOURCES):
#: systemctl --user with no user session bus (exit 1); launchctl unload of a user agent it would not unload, which says so
#: yet exits 0; schtasks refused by the Task Scheduler (exit 1), the task still there (schtasks /Query finds it: exit 0)
REMOVAL_REFUSALS = {
    "linux": ("systemctl", 1, real("linux", "systemctl_user_no_bus_issue.txt")),
    "darwin": ("launchctl", 0, real("macos", "launchctl_unload_failed_issue.txt")),
    "win32": ("schtasks", 1, real("windows", "schtasks_access_denied_issue.txt")),
}


@pytest.mark.parametrize("system", REMOVAL_REFUSALS)
def test_background_off_says_plainly_when_the_os_does_not_take_the_schedule_away(system, selfcheck_home, tmp_path, monkeypatch, capsys):
    """``background off`` ran systemctl, launchctl or schtasks without a look at what they answered, then removed the
    schedule's files: "Scheduled scans are off." (exit 0) while the light scans went on running (systemd's timer in the
    person's own session, launchd's agent, the task). Now the person reads that they are still on (en, fr), the tool's
    words go to the log only, exit 1, and what schedules them stays, so ``status`` and the window show them on."""
    import functools

    from selfcheck import cli

    tool, code, words = REMOVAL_REFUSALS[system]
    refuse, tasks = False, set()

    def runner(args, **kw):
        if args[0] == "schtasks":  # Windows' Task Scheduler: the task is there once created, until it is deleted
            if args[1] == "/Create":
                tasks.add(bg.TASK_NAME)
            elif args[1] == "/Delete" and not refuse:
                tasks.discard(bg.TASK_NAME)
            elif args[1] == "/Query":
                return subprocess.CompletedProcess(args, 0 if bg.TASK_NAME in tasks else 1, "", "")
        failing = refuse and args[0] == tool and args[1] != "/Query"
        return subprocess.CompletedProcess(args, code if failing else 0, "", words if failing else "")

    other = {} if system == sys.platform else {"system": system}  # this computer's own: as the command runs it
    monkeypatch.setattr(bg, "install", functools.partial(bg.install, system=system, runner=runner, home=tmp_path))
    monkeypatch.setattr(bg, "uninstall", functools.partial(bg.uninstall, runner=runner, home=tmp_path, **other))
    monkeypatch.setattr(bg, "is_installed", functools.partial(bg.is_installed, runner=runner, home=tmp_path, **other))
    assert cli.main(["background", "on"]) == 0
    folder = Path(os.environ["XDG_CONFIG_HOME"]) / "systemd" / "user"
    written = {"linux": [folder / "selfcheck-background.timer", folder / "selfcheck-background.service"]}.get(system, [])
    written += [tmp_path / "Library/LaunchAgents/org.selfcheck.background.plist"] if system == "darwin" else []
    kept = {path: path.read_bytes() for path in written}
    capsys.readouterr()

    refuse = True
    assert cli.main(["background", "off"]) == 1
    out = capsys.readouterr()
    assert "Scheduled scans are off" not in out.out + out.err and "Traceback" not in out.out + out.err
    assert "Light scans could not be turned off: this computer did not accept the change. They are still on." in out.err
    assert words.split(":")[0].strip() not in out.out + out.err  # the tool's words: the log only
    assert {path: path.read_bytes() for path in written} == kept and bg.is_installed()
    if written:  # what still schedules them, for support (after the plain sentence)
        assert out.err.splitlines()[-1].startswith("The schedule stays in ") and out.err.rstrip().endswith(written[0].name)
    assert cli.main(["background", "off", "--lang", "fr"]) == 1
    err = capsys.readouterr().err
    assert "n’ont pas pu être désactivées" in err and "could not" not in err

    refuse = False  # the person's own session: the OS takes it away, and it says so
    assert cli.main(["background", "off"]) == 0
    assert "Scheduled scans are off." in capsys.readouterr().out
    assert not bg.is_installed() and not any(path.exists() for path in written)


def test_background_off_on_a_mac_turns_off_an_agent_launchd_did_not_hold(selfcheck_home, tmp_path, monkeypatch, capsys):
    """launchctl says "Unload failed: 5: Input/output error" (exit 0) also for an agent that was not loaded in the session
    (a plist written while launchd would not load it, or already unloaded). Kept as "still on", the person could never turn
    the light scans off: the plist stayed, and launchd loaded it again at the next login. ``launchctl print`` of the agent,
    exit 113 as recorded on a real Mac, says it is not loaded: the plist goes, and ``off`` says so."""
    import functools

    from selfcheck import cli

    unload_failed = real("macos", "launchctl_unload_failed_issue.txt")
    not_loaded = real("macos", "launchctl_print_not_loaded_issue.txt")
    asked = []

    def runner(args, **kw):
        asked.append(args[:2])
        if args[:2] == ["launchctl", "unload"]:
            return subprocess.CompletedProcess(args, 0, "", unload_failed)
        if args[:2] == ["launchctl", "print"]:
            assert args[2].endswith("/" + bg.AGENT_LABEL) and args[2].startswith("gui/")
            return subprocess.CompletedProcess(args, 113, "", not_loaded)
        return subprocess.CompletedProcess(args, 0, "", "")

    plist = tmp_path / "Library/LaunchAgents/org.selfcheck.background.plist"
    monkeypatch.setattr(bg, "install", functools.partial(bg.install, system="darwin", runner=runner, home=tmp_path))
    monkeypatch.setattr(bg, "uninstall", functools.partial(bg.uninstall, runner=runner, home=tmp_path, system="darwin"))
    monkeypatch.setattr(bg, "is_installed", functools.partial(bg.is_installed, runner=runner, home=tmp_path, system="darwin"))
    assert cli.main(["background", "on"]) == 0 and plist.exists()
    capsys.readouterr()
    assert cli.main(["background", "off"]) == 0
    out = capsys.readouterr()
    assert "Scheduled scans are off." in out.out and "could not" not in out.err
    assert not plist.exists() and not bg.is_installed()
    assert ["launchctl", "print"] in asked
