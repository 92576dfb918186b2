"""A message to support waiting for the internet goes by itself after the computer is switched off and on again.

While one waits in the outbox (:data:`selfcheck.upload.outbox.QUEUED`), a per-user "at login" entry starts this program's
headless sending (``selfcheck outbox send-waiting``) when the person next logs in; that sending removes the entry once
nothing waits any more, as a mail program's outbox empties. The entry is the user's own, no administrator needed:

- Linux: an XDG autostart file, ``$XDG_CONFIG_HOME/autostart/selfcheck-outbox.desktop`` (``~/.config`` without it);
- macOS: a LaunchAgent, ``~/Library/LaunchAgents/org.selfcheck.outbox.plist``, run once when launchd loads it at login;
- Windows: a value of ``HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Run``; a command longer than such a value
  takes (:data:`RUN_LIMIT`: a portable copy deep in folders, with ``--home`` and ``--config``) is a scheduled task of the
  person's own instead, started when they log in (:func:`logon_task_xml`).

``system`` (default ``sys.platform``), ``home``, ``registry`` (winreg) and ``runner`` (subprocess.run) are injected so each system's entry can be
written and read back anywhere.
"""

from __future__ import annotations

import importlib
import logging
import os
import plistlib
import subprocess
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from selfcheck import buildinfo, paths
from selfcheck.config import Config
from selfcheck.history.background import TASK_NAMESPACE, command_line, task_xml_file
from selfcheck.i18n import _

log = logging.getLogger("selfcheck.upload")

ACTION = ("outbox", "send-waiting")
DESKTOP_FILE = "selfcheck-outbox.desktop"
LABEL = "org.selfcheck.outbox"
RUN_KEY = r"Software\Microsoft\Windows\CurrentVersion\Run"
RUN_VALUE = "selfcheck outbox"
#: the longest command a Run value may hold (Microsoft, "Run and RunOnce Registry Keys": 260 characters); longer, Windows
#: would not start it, so the entry is then the scheduled task :data:`TASK_NAME`
RUN_LIMIT = 260
TASK_NAME = "selfcheck outbox"

#: characters that make an Exec argument need quoting (Desktop Entry spec, "The Exec key")
_RESERVED = frozenset(" \t\n\"'\\><~|&;$*?#()`")


def command(config: Config | None = None) -> list[str]:
    """What the entry runs: this program's headless sending of the waiting messages, in the language, the folder
    (portable use) and with ``config``'s own files of now (:func:`selfcheck.history.background.command_line`): an
    admin's or a brand's support address, not where the usual files would send."""
    return command_line(*ACTION, config=config)


def _exec_argument(arg: str) -> str:
    if arg and not any(c in _RESERVED for c in arg):
        quoted = arg
    else:  # inside double quotes, ", `, $ and \ are escaped with a backslash
        quoted = '"' + "".join("\\" + c if c in '"`$\\' else c for c in arg) + '"'
    return quoted.replace("%", "%%")  # a lone % starts a field code


def _string_value(text: str) -> str:
    """``text`` escaped as a Desktop Entry string value is (\\\\, \\n, \\t, \\r)."""
    return text.replace("\\", "\\\\").replace("\n", "\\n").replace("\t", "\\t").replace("\r", "\\r")


def desktop_exec(argv: Sequence[str]) -> str:
    """The Exec value for ``argv``: each argument quoted as the Desktop Entry spec says, then escaped as any string
    value is (a backslash is written twice), so a launcher that undoes both gets ``argv`` back."""
    return _string_value(" ".join(_exec_argument(a) for a in argv))


def desktop_entry(argv: Sequence[str], name: str) -> str:
    """The autostart file's text (no translation of Name: it is the product's). TryExec names the program: once it is
    uninstalled (a package cannot reach its users' home folders to remove this file), the session skips the entry."""
    name = "".join(c for c in name if c.isprintable()) or "selfcheck"
    comment = _("Sends your message to support once the internet works, then removes itself.")
    return (
        "[Desktop Entry]\n"
        "Type=Application\n"
        f"Name={name}\n"
        f"Comment={comment}\n"
        f"TryExec={_string_value(argv[0])}\n"
        f"Exec={desktop_exec(argv)}\n"
        "Terminal=false\n"
        "NoDisplay=true\n"
        "X-GNOME-Autostart-enabled=true\n"
    )


def launchd_plist(argv: Sequence[str]) -> bytes:
    """The LaunchAgent: run once when loaded (at login), never on a schedule."""
    return plistlib.dumps({"Label": LABEL, "ProgramArguments": list(argv), "RunAtLoad": True, "ProcessType": "Background"})


def run_value(argv: Sequence[str]) -> str:
    """The Run value: one command line, quoted as CreateProcess reads it."""
    return subprocess.list2cmdline(list(argv))


def logon_task_xml(argv: Sequence[str], user: str) -> str:
    """The Task Scheduler definition of the entry when the command is too long for a Run value: ``argv`` when ``user``
    logs in, as that person, with no administrator rights (a logon trigger for one's own account needs none)."""
    who = escape(user)
    return f"""<?xml version="1.0" encoding="UTF-16"?>
<Task version="1.2" xmlns="{TASK_NAMESPACE}">
  <Triggers>
    <LogonTrigger><Enabled>true</Enabled><UserId>{who}</UserId></LogonTrigger>
  </Triggers>
  <Principals>
    <Principal id="Author"><UserId>{who}</UserId><LogonType>InteractiveToken</LogonType><RunLevel>LeastPrivilege</RunLevel></Principal>
  </Principals>
  <Settings>
    <MultipleInstancesPolicy>IgnoreNew</MultipleInstancesPolicy>
    <DisallowStartIfOnBatteries>false</DisallowStartIfOnBatteries>
    <StopIfGoingOnBatteries>false</StopIfGoingOnBatteries>
    <Enabled>true</Enabled>
  </Settings>
  <Actions Context="Author">
    <Exec>
      <Command>{escape(argv[0])}</Command>
      <Arguments>{escape(subprocess.list2cmdline(list(argv[1:])))}</Arguments>
    </Exec>
  </Actions>
</Task>
"""


def _windows_user() -> str:
    user = os.environ.get("USERNAME", "")
    domain = os.environ.get("USERDOMAIN", "")
    return f"{domain}\\{user}" if domain and user else user


def _create_logon_task(argv: Sequence[str], runner: Callable[..., Any]) -> None:
    """Register :func:`logon_task_xml` with schtasks (/XML: its Command and Arguments have no such limit); OSError when
    it is not registered (schtasks refused or missing: its words go to the log)."""
    xml_file = task_xml_file(logon_task_xml(argv, _windows_user()), "selfcheck-outbox-")
    try:
        done = runner(["schtasks", "/Create", "/F", "/TN", TASK_NAME, "/XML", str(xml_file)], capture_output=True, text=True, errors="replace", check=False)
    finally:
        xml_file.unlink(missing_ok=True)
    if done.returncode != 0:
        raise OSError(f"schtasks /Create exited {done.returncode}: {(done.stderr or done.stdout or '').strip()[:500]}")


def _task_exists(runner: Callable[..., Any]) -> bool:
    try:
        return runner(["schtasks", "/Query", "/TN", TASK_NAME], capture_output=True, check=False).returncode == 0
    except OSError:
        return False


def _autostart_file(home: Path) -> Path:
    return Path(os.environ.get("XDG_CONFIG_HOME") or home / ".config") / "autostart" / DESKTOP_FILE


def _plist_file(home: Path) -> Path:
    return home / "Library" / "LaunchAgents" / f"{LABEL}.plist"


def install(
    config: Config | None = None, *, system: str | None = None, home: Path | None = None, registry: Any = None, runner: Callable[..., Any] | None = None
) -> bool:
    """Write the at-login entry (again: the command may have moved since) to send with ``config``'s own files
    (:func:`command`). False, logged, when it could not be (then nothing promises a sending after a restart)."""
    system = system or sys.platform
    home = home or Path.home()
    argv = command(config)
    try:
        if system == "win32":
            winreg = registry or importlib.import_module("winreg")
            value = run_value(argv)
            if len(value) > RUN_LIMIT:  # Windows would not start it: the person's own task at logon instead
                _create_logon_task(argv, runner or subprocess.run)
                _delete_run_value(winreg)  # an older, shorter one would send from the folder it named
                return True
            with winreg.CreateKeyEx(winreg.HKEY_CURRENT_USER, RUN_KEY, 0, winreg.KEY_SET_VALUE) as key:
                winreg.SetValueEx(key, RUN_VALUE, 0, winreg.REG_SZ, value)
            _delete_logon_task(runner or subprocess.run)  # an older, longer one would send from the folder it named
            return True
        if system == "darwin":  # read by launchd at the next login; not loaded now (it would send at once, twice)
            path = _plist_file(home)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(launchd_plist(argv))
            return True
        path = _autostart_file(home)
        path.parent.mkdir(parents=True, exist_ok=True)
        paths.remove_left_aside(path.parent, path.name)  # a copy a stopped selfcheck left; never another program's file
        paths.write_private(path, desktop_entry(argv, buildinfo.get().product_name))
        return True
    except Exception:  # a read-only profile, a policy: the message still goes while the program is open
        log.warning("could not add the at-login sending of waiting messages", exc_info=True)
        return False


def _delete_logon_task(runner: Callable[..., Any]) -> None:
    if _task_exists(runner):
        runner(["schtasks", "/Delete", "/F", "/TN", TASK_NAME], capture_output=True, check=False)


def _delete_run_value(winreg: Any) -> None:
    try:
        with winreg.OpenKey(winreg.HKEY_CURRENT_USER, RUN_KEY, 0, winreg.KEY_SET_VALUE) as key:
            winreg.DeleteValue(key, RUN_VALUE)
    except FileNotFoundError:
        pass


def is_installed(*, system: str | None = None, home: Path | None = None, registry: Any = None, runner: Callable[..., Any] | None = None) -> bool:
    """Whether the at-login entry is there (on Windows, the Run value or the task at logon)."""
    system = system or sys.platform
    home = home or Path.home()
    if system == "win32":
        try:
            winreg = registry or importlib.import_module("winreg")
            with winreg.OpenKey(winreg.HKEY_CURRENT_USER, RUN_KEY, 0, winreg.KEY_QUERY_VALUE) as key:
                winreg.QueryValueEx(key, RUN_VALUE)
            return True
        except (OSError, ImportError):
            return _task_exists(runner or subprocess.run)
    return (_plist_file(home) if system == "darwin" else _autostart_file(home)).exists()


def uninstall(*, system: str | None = None, home: Path | None = None, registry: Any = None, runner: Callable[..., Any] | None = None) -> None:
    """Remove the at-login entry (nothing waits any more); nothing to do when it is not there."""
    system = system or sys.platform
    home = home or Path.home()
    try:
        if system == "win32":
            winreg = registry or importlib.import_module("winreg")
            _delete_run_value(winreg)
            _delete_logon_task(runner or subprocess.run)
            return
        (_plist_file(home) if system == "darwin" else _autostart_file(home)).unlink(missing_ok=True)
    except FileNotFoundError:
        pass
    except Exception:
        log.warning("could not remove the at-login sending of waiting messages", exc_info=True)
