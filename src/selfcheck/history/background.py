"""Prevention: an opt-in light scan on a schedule that warns about new problems
and forecasts ("Your disk will be full in about 4 days").

Scheduling is left to the OS scheduler (systemd user timer, launchd agent,
Windows Task Scheduler), so nothing idles between scans; ``selfcheck
background install`` writes the unit and ``uninstall`` removes it. Storm
control (the same problem at most once a day) and quiet hours are pure logic
over an injected clock. Every notification says how to turn this off.
"""

from __future__ import annotations

import functools
import html
import importlib
import json
import logging
import os
import plistlib
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from selfcheck import buildinfo, i18n, paths
from selfcheck.config import Config, named_files
from selfcheck.i18n import _
from selfcheck.wording import held_together

log = logging.getLogger("selfcheck.background")

ONCE_PER = timedelta(days=1)
FORECAST_DAYS = 14
UNIT = "selfcheck-background"
HOME_OPTION = "--home"  # the folder SELFCHECK_HOME named, for what the OS starts (commands.background, commands.outbox)


@dataclass
class Notification:
    key: str  # what storm control counts: the same key at most once a day
    title: str
    body: str


@dataclass
class QuietHours:
    start: time
    end: time

    @classmethod
    def parse(cls, text: str | None) -> QuietHours | None:
        """'22:00-08:00' (may cross midnight); empty or invalid -> None."""
        if not text or "-" not in text:
            return None
        try:
            a, b = (datetime.strptime(p.strip(), "%H:%M").time() for p in text.split("-", 1))
        except ValueError:
            return None
        return cls(a, b)

    def contains(self, moment: datetime) -> bool:
        now = moment.time()
        if self.start <= self.end:
            return self.start <= now < self.end
        return now >= self.start or now < self.end

    def ends_after(self, moment: datetime) -> datetime:
        end = moment.replace(hour=self.end.hour, minute=self.end.minute, second=0, microsecond=0)
        return end if end > moment else end + timedelta(days=1)


class StormControl:
    """Remembers when each problem was last notified, in a small JSON file."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or paths.user_data_dir() / "notified.json"
        try:
            self._seen: dict[str, str] = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            self._seen = {}

    def allow(self, key: str, now: datetime) -> bool:
        last = self._seen.get(key)
        return last is None or now - datetime.fromisoformat(last) >= ONCE_PER

    def record(self, key: str, now: datetime) -> None:
        self._seen[key] = now.isoformat()
        try:
            paths.private_dir(self.path.parent)
            paths.write_private(self.path, json.dumps(self._seen))
        except OSError as exc:  # Windows: replacing a file another process holds open fails; the next notes still go
            log.warning("could not record a notification shown (%s): it may be shown again", exc)


def plan(scan_dict: dict[str, Any], forecasts: dict[str, float], product: str = "selfcheck") -> list[Notification]:
    """What is worth telling the user after a background scan (pure)."""
    notes: list[Notification] = []
    for r in scan_dict.get("results", []):
        if r.get("status") in ("warn", "fail") and not r.get("consequence_of"):
            key = f"problem:{r['id']}"
            title = _("{product} found a problem").format(product=product)
            notes.append(Notification(key, title, r.get("summary", "")))
    for volume, days in sorted(forecasts.items(), key=lambda kv: kv[1]):
        if days <= FORECAST_DAYS:
            notes.append(
                Notification(
                    f"forecast:disk:{volume}",
                    _("Your disk is filling up"),
                    held_together(_("At this rate, {volume} will be full in about {days} days.").format(volume=volume, days=max(1, round(days)))),
                )
            )
    return notes


def due(notes: Sequence[Notification], storm: StormControl, now: datetime, quiet: QuietHours | None) -> list[Notification]:
    """Notifications to show now: none in quiet hours, each problem at most once a day."""
    if quiet is not None and quiet.contains(now):
        return []
    return [n for n in notes if storm.allow(n.key, now)]


# --- showing a notification ------------------------------------------------------------------------


def off_hint(product: str) -> str:
    """How to stop the notifications, in the window's own words: the menu and the item to untick (the people who get them
    do not type commands; a branded build's command is not "selfcheck" either)."""
    return _("To stop these messages, open {product} and, in its {menu} menu, untick “{item}”.").format(
        product=product, menu=_("&File").replace("&", ""), item=_("Check this computer &regularly").replace("&", "")
    )


NOTE_TITLE_VAR = "SELFCHECK_NOTE_TITLE"
NOTE_BODY_VAR = "SELFCHECK_NOTE_BODY"
NOTE_APP_VAR = "SELFCHECK_NOTE_APP"
#: osascript -e lines: the notification's words are the run handler's arguments (argv), never part of the script
OSASCRIPT_NOTIFY = ("-e", "on run argv", "-e", "display notification (item 2 of argv) with title (item 1 of argv)", "-e", "end run")
#: a fixed script: the words and the app's id come from the environment ($env:… is read as a value, never run)
POWERSHELL_NOTIFY = (
    "[Windows.UI.Notifications.ToastNotificationManager, Windows.UI.Notifications, ContentType = WindowsRuntime] > $null;"
    "$t = [Windows.UI.Notifications.ToastNotificationManager]::GetTemplateContent([Windows.UI.Notifications.ToastTemplateType]::ToastText02);"
    f"$t.GetElementsByTagName('text')[0].AppendChild($t.CreateTextNode($env:{NOTE_TITLE_VAR})) > $null;"
    f"$t.GetElementsByTagName('text')[1].AppendChild($t.CreateTextNode($env:{NOTE_BODY_VAR})) > $null;"
    f"[Windows.UI.Notifications.ToastNotificationManager]::CreateToastNotifier($env:{NOTE_APP_VAR}).Show([Windows.UI.Notifications.ToastNotification]::new($t))"
)
#: where Windows looks up an AppUserModelID's name and picture (per user; no administrator rights needed)
APP_IDS_KEY = r"Software\Classes\AppUserModelId"


@dataclass(frozen=True)
class Sender:
    """Who a notification comes from, as Windows shows it above the words."""

    app_id: str  # the AppUserModelID (the installer gives the Start-menu shortcut the same)
    name: str
    icon: str = ""  # a picture file, or ""


def sender(product: str | None = None, icon: str | None = None) -> Sender:
    """This build's id, with the product's name (a brand's own) and its icon: ``icon`` if that file exists, else the
    build's shipped picture."""
    name = "".join(c for c in (product or buildinfo.get().product_name) if c.isprintable()).strip() or "selfcheck"
    picture = icon if icon and Path(icon).is_file() else buildinfo.app_icon_file()
    return Sender(buildinfo.app_user_model_id(), name, str(picture or ""))


def register_sender(who: Sender, registry: Any = None) -> bool:
    """Make the id known to Windows for the current user: since Windows 10 1709 a toast from an id Windows does not
    know is dropped without an error. HKCU\\Software\\Classes\\AppUserModelId\\<id> gets DisplayName (and IconUri),
    written only when missing or different. ``registry`` is winreg (tests pass a fake). False, logged, on failure."""
    try:
        winreg = registry or importlib.import_module("winreg")
        wanted = {"DisplayName": who.name, **({"IconUri": who.icon} if who.icon else {})}
        access = winreg.KEY_QUERY_VALUE | winreg.KEY_SET_VALUE
        with winreg.CreateKeyEx(winreg.HKEY_CURRENT_USER, f"{APP_IDS_KEY}\\{who.app_id}", 0, access) as key:
            for name, value in wanted.items():
                try:
                    current = winreg.QueryValueEx(key, name)[0]
                except OSError:
                    current = None
                if current != value:
                    winreg.SetValueEx(key, name, 0, winreg.REG_SZ, value)
        return True
    except Exception:  # a locked-down profile, a policy: the notification is still tried
        log.warning("could not register %s for notifications", who.app_id, exc_info=True)
        return False


def notify(note: Notification, runner: Callable[..., Any] = subprocess.run, who: Sender | None = None, registry: Any = None, hint: str | None = None) -> bool:
    """Show a desktop notification with a way to turn the feature off. False if none could be shown.

    ``who``: the sender Windows shows (default: this build's, :func:`sender`); ``registry``: winreg (tests fake it);
    ``hint``: the line under the words (default: how to stop the light scans' notifications, :func:`off_hint`; "" none)."""
    who = who or sender()
    hint = off_hint(who.name) if hint is None else hint
    body = note.body + ("\n" + hint if hint else "")
    try:
        # The title and body carry problem summaries, which may name programs other people control (a process name): they
        # are never written into the script's text. PowerShell would expand "$(…)" inside a double-quoted string, and
        # AppleScript does not read JSON's "\u00e9": osascript gets them as the run handler's arguments, PowerShell
        # reads them from its environment (branding review, stop 31).
        if sys.platform == "darwin":
            runner(["osascript", *OSASCRIPT_NOTIFY, note.title, body], check=False, timeout=10)
            return True
        if sys.platform == "win32":
            register_sender(who, registry)
            env = {**os.environ, NOTE_TITLE_VAR: note.title, NOTE_BODY_VAR: body, NOTE_APP_VAR: who.app_id}
            runner(["powershell", "-NoProfile", "-NonInteractive", "-Command", POWERSHELL_NOTIFY], check=False, timeout=15, env=env)
            return True
        if shutil.which("notify-send"):
            # "--" ends the options (a summary may begin with "-"); the body is escaped: notification servers read
            # <b>, <a href> and &amp; in it (the Desktop Notifications spec's body markup)
            # the sender's name as on Windows (a brand's own, not "selfcheck"), and its picture when the build has one
            icon = [f"--icon={who.icon}"] if who.icon else []
            runner(["notify-send", f"--app-name={who.name}", *icon, "--", note.title, html.escape(body, quote=False)], check=False, timeout=10)
            return True
    except (OSError, subprocess.SubprocessError):
        log.warning("could not show a notification")
    return False


# --- the OS scheduler ------------------------------------------------------------------------------


def command_line(*action: str, config: Config | None = None) -> list[str]:
    """How the OS starts this program to do ``action`` by itself, at login or on a schedule (the light scans, the
    at-login sending of waiting messages), as the person uses it now: the OS starts it with none of their settings.

    - the program: a frozen build is its own executable. On Windows it has two (packaging/selfcheck.spec): the console
      one and its windowed twin beside it, named with "-gui"; the console one opens a console window on the person's
      screen for as long as it runs, the windowed twin, where it is there, opens none;
    - ``--lang``: the language the person reads now (the one picked in the window is the window's own setting, not in
      the config what is started reads);
    - ``--home``: in portable use, this program's folder (``SELFCHECK_HOME``, absolute): without it, it would read and
      write the usual folders (another history, no waiting messages);
    - ``--config``: each file ``config`` was read from beyond the usual ones (``--config``, ``$SELFCHECK_CONFIG``: an
      admin's or a brand's settings), absolute."""
    if getattr(sys, "frozen", False):
        argv = [windowed_twin(sys.executable, sys.platform), *action]
    else:
        argv = [sys.executable, "-m", "selfcheck", *action]
    language = i18n.current_language()
    if language in i18n.SUPPORTED:
        argv += ["--lang", language]
    home = os.environ.get("SELFCHECK_HOME")
    if home:
        argv += [HOME_OPTION, str(Path(home).absolute())]
    for file in named_files(config) if config is not None else []:
        argv += ["--config", str(file)]
    return argv


#: the windowed executable's name when a build names it no other way (packaging/selfcheck.spec's SELFCHECK_GUI_EXE_NAME
#: default; the installer's shortcuts start it, packaging/windows/selfcheck.iss GuiExe): kept whatever the console one is named
GUI_EXECUTABLE = "selfcheck-gui"


def windowed_twin(executable: str, system: str) -> str:
    """``executable``'s windowed twin on Windows when that file exists beside it: its own name with "-gui"
    ("acme.exe" -> "acme-gui.exe"), else the build's usual windowed one (:data:`GUI_EXECUTABLE`: a build whose console
    executable was given another name keeps it); else ``executable`` itself (other systems, a build without one, or
    already the twin)."""
    if system != "win32":
        return executable
    path = Path(executable)
    if path.stem.lower().endswith("-gui"):
        return executable
    for twin in (path.with_name(f"{path.stem}-gui{path.suffix}"), path.with_name(f"{GUI_EXECUTABLE}{path.suffix}")):
        if twin.is_file():
            return str(twin)
    return executable


def _command(config: Config | None = None) -> list[str]:
    return command_line("background", "run-once", config=config)


def systemd_units(interval_hours: float, command: Sequence[str]) -> dict[str, str]:
    exec_line = " ".join(_quote_systemd(c) for c in command)
    service = f"[Unit]\nDescription=selfcheck light scan\n\n[Service]\nType=oneshot\nNice=10\nExecStart={exec_line}\n"
    timer = (
        "[Unit]\nDescription=selfcheck light scan on a schedule\n\n[Timer]\n"
        f"OnBootSec=15min\nOnUnitActiveSec={int(interval_hours * 60)}min\nRandomizedDelaySec=10min\nPersistent=true\n\n"
        "[Install]\nWantedBy=timers.target\n"
    )
    return {f"{UNIT}.service": service, f"{UNIT}.timer": timer}


def _quote_systemd(arg: str) -> str:
    return '"' + arg.replace("\\", "\\\\").replace('"', '\\"') + '"' if any(c in arg for c in ' "\\') else arg


def launchd_plist(interval_hours: float, command: Sequence[str]) -> bytes:
    return plistlib.dumps(
        {
            "Label": AGENT_LABEL,
            "ProgramArguments": list(command),
            "StartInterval": int(interval_hours * 3600),
            "RunAtLoad": False,
            "ProcessType": "Background",
            "LowPriorityIO": True,
        }
    )


TASK_NAME = "selfcheck background"
AGENT_LABEL = "org.selfcheck.background"
#: ``launchctl print gui/<uid>/<label>`` of an agent not loaded in the session ("Could not find service …"): its exit code,
#: the same in every language (tests/fixtures/macos/launchctl_print_not_loaded_issue.txt)
LAUNCHD_NOT_LOADED = 113
#: the longest command schtasks takes after /TR ("Value for '/tr' option cannot be more than 261 character(s)"); a longer
#: one (a portable copy deep in folders, with --home and --config) is given in a task definition instead (:func:`task_xml`)
TR_LIMIT = 261
TASK_NAMESPACE = "http://schemas.microsoft.com/windows/2004/02/mit/task"


class ScheduleError(Exception):
    """The OS did not register the scheduled light scan (its scheduler refused or is missing); the text is for the log."""


class UnscheduleError(ScheduleError):
    """The OS did not take the scheduled light scan away (its scheduler refused): it still runs, and what registers it
    is kept (``kept``: its file, None for a Windows task) so that ``status`` and the window's switch show it on."""

    def __init__(self, message: str, kept: Path | None = None) -> None:
        super().__init__(message)
        self.kept = kept


def _task_run(command: Sequence[str]) -> str:
    return " ".join(f'"{c}"' if " " in c else c for c in command)


def schtasks_args(interval_hours: float, command: Sequence[str], xml_file: Path | None = None) -> list[str]:
    """The schtasks command that registers the light scan: the command after /TR while it fits (:data:`TR_LIMIT`),
    else the task definition in ``xml_file`` (/XML: its Command and Arguments have no such limit)."""
    if xml_file is not None:
        return ["schtasks", "/Create", "/F", "/TN", TASK_NAME, "/XML", str(xml_file)]
    return ["schtasks", "/Create", "/F", "/TN", TASK_NAME, "/SC", "HOURLY", "/MO", str(max(1, int(interval_hours))), "/TR", _task_run(command)]


def needs_task_xml(command: Sequence[str]) -> bool:
    """Whether the command is too long for schtasks /TR (:data:`TR_LIMIT`)."""
    return len(_task_run(command)) > TR_LIMIT


def task_xml(interval_hours: float, command: Sequence[str], start: datetime) -> str:
    """The Task Scheduler definition (its XML schema) of what :func:`schtasks_args` registers with /SC HOURLY: the
    command every ``interval_hours`` hours from ``start``, as the person, with no window of its own."""
    program, arguments = command[0], subprocess.list2cmdline(list(command[1:]))
    return f"""<?xml version="1.0" encoding="UTF-16"?>
<Task version="1.2" xmlns="{TASK_NAMESPACE}">
  <Triggers>
    <TimeTrigger>
      <StartBoundary>{start.strftime("%Y-%m-%dT%H:%M:%S")}</StartBoundary>
      <Repetition><Interval>PT{max(1, int(interval_hours))}H</Interval></Repetition>
      <Enabled>true</Enabled>
    </TimeTrigger>
  </Triggers>
  <Principals>
    <Principal id="Author"><LogonType>InteractiveToken</LogonType><RunLevel>LeastPrivilege</RunLevel></Principal>
  </Principals>
  <Settings>
    <MultipleInstancesPolicy>IgnoreNew</MultipleInstancesPolicy>
    <DisallowStartIfOnBatteries>false</DisallowStartIfOnBatteries>
    <StopIfGoingOnBatteries>false</StopIfGoingOnBatteries>
    <StartWhenAvailable>true</StartWhenAvailable>
    <Enabled>true</Enabled>
  </Settings>
  <Actions Context="Author">
    <Exec>
      <Command>{escape(program)}</Command>
      <Arguments>{escape(arguments)}</Arguments>
    </Exec>
  </Actions>
</Task>
"""


def task_xml_file(xml: str, prefix: str) -> Path:
    """A temporary file holding a Task Scheduler definition for ``schtasks /Create /XML`` (the caller removes it)."""
    fd, name = tempfile.mkstemp(prefix=prefix, suffix=".xml")
    path = Path(name)
    try:
        with os.fdopen(fd, "w", encoding="utf-16") as out:  # with its byte order mark, as schtasks reads it
            out.write(xml)
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    return path


def _schtasks_create(interval_hours: float, command: Sequence[str], runner: Callable[..., Any]) -> None:
    """Register the light scan with schtasks; :class:`ScheduleError` when it is not registered."""
    xml_file = None
    try:
        if needs_task_xml(command):
            xml_file = task_xml_file(task_xml(interval_hours, command, datetime.now().replace(microsecond=0)), "selfcheck-task-")
        done = runner(schtasks_args(interval_hours, command, xml_file), capture_output=True, text=True, errors="replace", check=False)
    except OSError as exc:  # schtasks missing, the temporary folder full
        raise ScheduleError(f"schtasks could not be run: {exc}") from exc
    finally:
        if xml_file is not None:
            xml_file.unlink(missing_ok=True)
    if done.returncode != 0:
        raise ScheduleError(f"schtasks /Create exited {done.returncode}: {(done.stderr or done.stdout or '').strip()[:500]}")


def _register(runner: Callable[..., Any], args: Sequence[str]) -> None:
    """Run the OS tool that registers the light scan; :class:`ScheduleError` when it fails. ``launchctl load`` may say
    "Load failed: 5: Input/output error" and still exit 0, so its words are read too."""
    try:
        done = runner(list(args), capture_output=True, text=True, errors="replace", check=False)
    except OSError as exc:  # the tool missing (no systemd, a container)
        raise ScheduleError(f"{args[0]} could not be run: {exc}") from exc
    words = f"{done.stderr or ''} {done.stdout or ''}".strip()
    if done.returncode != 0 or (args[0] == "launchctl" and "failed" in words.lower()):
        raise ScheduleError(f"{' '.join(args)} exited {done.returncode}: {words[:500]}")


def _kept(files: set[Path]) -> dict[Path, bytes | None]:
    """What ``files`` hold before :func:`install` writes them (None: not there), for :func:`_put_back`."""
    return {path: path.read_bytes() if path.is_file() else None for path in files}


def _put_back(before: dict[Path, bytes | None]) -> None:
    """The files as they were before a schedule the OS refused: a new one's removed, the light scans already turned on
    kept as they were (``background on`` then says "Nothing was changed")."""
    for path, content in before.items():
        if content is None:
            path.unlink(missing_ok=True)
        else:
            path.write_bytes(content)


def _plist(home: Path) -> Path:
    return home / "Library/LaunchAgents/org.selfcheck.background.plist"


def _units_folder(home: Path) -> Path:
    return Path(os.environ.get("XDG_CONFIG_HOME") or home / ".config") / "systemd" / "user"


def install(
    interval_hours: float, runner: Callable[..., Any] | None = None, home: Path | None = None, config: Config | None = None, system: str | None = None
) -> Path | None:
    """Register the scheduled light scan with the OS, to run with the language, folder and ``config``'s own files of
    now (:func:`command_line`); returns the file written, if any. :class:`ScheduleError` when the OS does not take it
    (schtasks, systemctl or launchctl refused or missing): the files written are removed again, so the window's switch
    shows it off, and ``background on`` and the window say so."""
    runner = runner or subprocess.run
    home = home or Path.home()
    command = _command(config)
    system = system or sys.platform
    if system == "darwin":
        path = _plist(home)
        path.parent.mkdir(parents=True, exist_ok=True)
        before = _kept({path})
        path.write_bytes(launchd_plist(interval_hours, command))
        try:
            _register(runner, ["launchctl", "load", "-w", str(path)])
        except ScheduleError:
            _put_back(before)
            raise
        return path
    if system == "win32":
        _schtasks_create(interval_hours, command, runner)
        return None
    folder = _units_folder(home)
    folder.mkdir(parents=True, exist_ok=True)
    units = systemd_units(interval_hours, command)
    before = _kept({folder / name for name in units})
    for name, text in units.items():
        (folder / name).write_text(text, encoding="utf-8")
    try:
        _register(runner, ["systemctl", "--user", "daemon-reload"])
        _register(runner, ["systemctl", "--user", "enable", "--now", f"{UNIT}.timer"])
    except ScheduleError:  # e.g. "Failed to connect to bus" (no user session bus: su, sudo, a container)
        _put_back(before)
        raise
    return folder / f"{UNIT}.timer"


def is_installed(home: Path | None = None, runner: Callable[..., Any] = subprocess.run, system: str | None = None) -> bool:
    """Whether the scheduled light scan is registered with the OS."""
    home = home or Path.home()
    system = system or sys.platform
    if system == "darwin":
        return _plist(home).exists()
    if system == "win32":
        try:
            return runner(["schtasks", "/Query", "/TN", TASK_NAME], capture_output=True, check=False).returncode == 0
        except OSError:
            return False
    return (_units_folder(home) / f"{UNIT}.timer").exists()


def _refused(runner: Callable[..., Any], args: Sequence[str]) -> str | None:
    """What the OS tool said when it refused to take the light scan away (an exit code other than 0; launchctl's
    "Unload failed: 5: Input/output error", said with exit code 0), for the log; None when it did it. A tool that is not
    on this computer (OSError) runs nothing: None too."""
    try:
        done = runner(list(args), capture_output=True, text=True, errors="replace", check=False)
    except OSError:
        return None
    words = f"{done.stderr or ''} {done.stdout or ''}".strip()
    if done.returncode != 0 or (args[0] == "launchctl" and "failed" in words.lower()):
        return f"{' '.join(args)} exited {done.returncode}: {words[:500]}"
    return None


def _agent_loaded(runner: Callable[..., Any]) -> bool:
    """Whether launchd still holds the light scans' agent in this session. launchctl says "Unload failed: 5: Input/output
    error" both when it would not unload a loaded agent and when the agent was not loaded at all (a plist never loaded in
    this session, or already unloaded): only the first keeps the light scans running; the second, kept as "still on",
    would leave a person unable ever to turn them off. ``launchctl print gui/<uid>/<label>`` tells them apart by its
    exit code (113: not loaded); anything else, or no answer, counts as loaded (the refusal stands)."""
    uid = os.getuid() if hasattr(os, "getuid") else 0
    try:
        done = runner(["launchctl", "print", f"gui/{uid}/{AGENT_LABEL}"], capture_output=True, text=True, errors="replace", check=False)
    except OSError:
        return True
    return bool(done.returncode != LAUNCHD_NOT_LOADED)


def uninstall(runner: Callable[..., Any] | None = None, home: Path | None = None, system: str | None = None) -> None:
    """Take the scheduled light scan away from the OS. :class:`UnscheduleError` when the OS refused (systemctl with no
    user session bus after su or sudo, launchctl's "Unload failed", schtasks' "Access is denied" with the task still
    there): the light scans go on running, so what registers them is kept as it is, and ``background off`` and the
    window say they are still on."""
    runner = runner or subprocess.run
    home = home or Path.home()
    system = system or sys.platform
    if system == "darwin":
        path = _plist(home)
        refused = _refused(runner, ["launchctl", "unload", "-w", str(path)])
        if refused and path.exists() and _agent_loaded(runner):
            raise UnscheduleError(refused, path)
        path.unlink(missing_ok=True)
        return
    if system == "win32":
        refused = _refused(runner, ["schtasks", "/Delete", "/F", "/TN", TASK_NAME])
        if refused and is_installed(home=home, runner=runner, system=system):  # asked again: the answer's words are in the person's language
            raise UnscheduleError(refused)
        return
    folder = _units_folder(home)
    timer = folder / f"{UNIT}.timer"
    refused = _refused(runner, ["systemctl", "--user", "disable", "--now", timer.name])
    if refused and timer.exists():  # e.g. "Failed to connect to bus": the timer goes on in the person's own session
        raise UnscheduleError(refused, timer)
    for name in (f"{UNIT}.service", timer.name):
        (folder / name).unlink(missing_ok=True)
    _refused(runner, ["systemctl", "--user", "daemon-reload"])  # the timer is already stopped: only tidies systemd's list


def run_once(app: Any, now: datetime | None = None, notifier: Callable[[Notification], bool] | None = None) -> list[Notification]:
    """One light scan: run, record (history hook), and notify what is due."""
    from selfcheck.config import picture_path
    from selfcheck.history import History, trends
    from selfcheck.runner import select
    from selfcheck.scan import run_scan

    now = now or datetime.now().astimezone()
    categories = app.config.get("background.categories") or ["hardware", "os", "security"]
    scan = run_scan(app, select(app.registry, app.config, categories=categories), include_load_problems=False)
    with History() as db:
        forecasts = trends.disk_forecasts(db)
    storm = StormControl()
    notifier = notifier or functools.partial(notify, who=sender(app.config.product_name(), picture_path(app.config.get("branding.icon"))))
    shown = []
    for note in due(plan(scan.to_dict(), forecasts, app.config.product_name()), storm, now, QuietHours.parse(app.config.get("background.quiet_hours"))):
        if notifier(note):
            storm.record(note.key, now)
            shown.append(note)
    return shown
