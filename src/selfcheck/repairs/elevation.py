"""Administrator rights for one repair, asked of the operating system, never of selfcheck.

The window and the terminal never run as administrator. For a repair that needs
it, the OS's own prompt starts selfcheck's small helper (``selfcheck.repairs.helper``)
for that one repair: polkit's ``pkexec`` on Linux, UAC ("runas") on Windows, the
authorization prompt (``do shell script … with administrator privileges``) on
macOS. selfcheck never sees, stores or logs a password: the OS asks for it. The
helper receives only the repair's id and prints the result as JSON.
"""

from __future__ import annotations

import json
import os
import shlex
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from selfcheck.api import CommandOutput, Context

from .model import ActionResult, Env

#: installed by the .deb (packaging/build): one script per repair, each named by its own polkit action
LINUX_HELPER_DIR = "/usr/libexec/selfcheck/repair"

#: the person dismissed the prompt; the system refused (password not accepted, or its rules say no); it could not ask at all
DECLINED, REFUSED, UNAVAILABLE = "declined", "refused", "unavailable"


@dataclass
class Elevated:
    """What came back from the elevated helper."""

    result: ActionResult | None
    problem: str | None = None  # DECLINED, REFUSED or UNAVAILABLE
    detail: str = ""


def helper_argv() -> list[str]:
    """How to start the helper: the installed one, the frozen app, or this Python."""
    override = os.environ.get("SELFCHECK_REPAIR_HELPER")
    if override:
        return shlex.split(override)
    if getattr(sys, "frozen", False):
        return [sys.executable, "_repair-helper"]
    return [sys.executable, "-m", "selfcheck.repairs.helper"]


def _run_prompted(env: Env, argv: list[str], timeout: float) -> CommandOutput:
    """Run the prompt and the helper with their own time limit (the person may take a while to answer)."""
    if env.runner is not None:
        return env.runner(argv, timeout)
    return Context(deadline=time.monotonic() + timeout, platform=env.platform).run(argv, timeout)


def _unanswered(out: CommandOutput) -> bool:
    """The prompt was still waiting when the time was up: nobody gave the rights."""
    return out.timed_out and not out.stdout.strip()


# ---------------------------------------------------------------------------------- Linux


def pkexec_command(repair_id: str, helper: list[str] | None = None, helper_dir: str = LINUX_HELPER_DIR) -> list[str]:
    """The installed script of this one repair (its own polkit action and message), else the helper with the id."""
    installed = Path(helper_dir) / repair_id
    if helper is None and not os.environ.get("SELFCHECK_REPAIR_HELPER") and installed.is_file():
        return ["pkexec", str(installed)]
    return ["pkexec", *(helper or helper_argv()), repair_id]


# pkexec's exit codes (polkit 122, seen with a real polkitd in tests/repairs/test_declined_elevation.py):
# 126 "Request dismissed": the person cancelled the system's password dialog; 127 either "Not authorized"
# (the password was not accepted, the agent gave up, or a polkit rule says no) or no authorization could
# be asked at all (no authentication agent, polkit not running). pkexec prints these in English only.
PKEXEC_DECLINED, PKEXEC_UNAVAILABLE = 126, 127
PKEXEC_NOT_AUTHORIZED = "Not authorized"


def parse_helper_output(stdout: str) -> ActionResult | None:
    for line in reversed(stdout.strip().splitlines()):
        line = line.strip()
        if line.startswith("{"):
            try:
                data = json.loads(line)
            except ValueError:
                return None
            return ActionResult.from_dict(data) if isinstance(data, dict) else None
    return None


def elevate_linux(env: Env, repair_id: str, timeout: float) -> Elevated:
    if env.which("pkexec") is None:
        return Elevated(None, UNAVAILABLE, "pkexec is not installed")
    out = _run_prompted(env, pkexec_command(repair_id), timeout)
    result = parse_helper_output(out.stdout)
    if result is not None:
        return Elevated(result)
    if _unanswered(out):
        return Elevated(None, DECLINED, "the administrator prompt was not answered in time")
    if out.returncode == PKEXEC_DECLINED:
        return Elevated(None, DECLINED, (out.stderr or "").strip()[:300])
    if out.returncode == PKEXEC_UNAVAILABLE and PKEXEC_NOT_AUTHORIZED in (out.stderr or ""):
        return Elevated(None, REFUSED, (out.stderr or "").strip()[:300])
    if out.returncode == PKEXEC_UNAVAILABLE or out.missing:
        return Elevated(None, UNAVAILABLE, (out.stderr or "").strip()[:300])
    what = "timed out" if out.timed_out else f"exit {out.returncode}"
    return Elevated(ActionResult(False, "", unchanged=False, steps=[f"pkexec helper {what}: {(out.stderr or '').strip()[:300]}"]))


# ---------------------------------------------------------------------------------- macOS


def applescript_quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def osascript_command(repair_id: str, helper: list[str] | None = None) -> list[str]:
    """``osascript`` showing the system's authorization prompt for the helper alone."""
    shell = " ".join(shlex.quote(a) for a in [*(helper or helper_argv()), repair_id])
    return ["osascript", "-e", f"do shell script {applescript_quote(shell)} with administrator privileges"]


def elevate_darwin(env: Env, repair_id: str, timeout: float) -> Elevated:
    out = _run_prompted(env, osascript_command(repair_id), timeout)
    result = parse_helper_output(out.stdout)
    if result is not None:
        return Elevated(result)
    if _unanswered(out):
        return Elevated(None, DECLINED, "the authorization dialog was not answered in time")
    if "(-128)" in out.stderr:  # errAEUserCanceled: "User canceled." in every language
        return Elevated(None, DECLINED, out.stderr.strip()[:300])
    if "(-60005)" in out.stderr:  # errAuthorizationDenied: the password was not accepted
        return Elevated(None, REFUSED, out.stderr.strip()[:300])
    if "(-60007)" in out.stderr:  # errAuthorizationInteractionNotAllowed
        return Elevated(None, UNAVAILABLE, out.stderr.strip()[:300])
    if "(-1713)" in out.stderr:  # errAENoUserInteraction: no one at the screen to ask (a background session)
        return Elevated(None, UNAVAILABLE, out.stderr.strip()[:300])
    if out.missing:
        return Elevated(None, UNAVAILABLE, "osascript is missing")
    return Elevated(ActionResult(False, "", steps=[f"osascript exit {out.returncode}: {out.stderr.strip()[:300]}"]))


# ---------------------------------------------------------------------------------- Windows

ERROR_CANCELLED = 1223  # the person answered No to UAC


def windows_parameters(repair_id: str, out_file: str, helper: list[str] | None = None) -> tuple[str, str]:
    """(program, parameters) for ShellExecuteExW "runas": the helper and the one repair id."""
    import subprocess

    argv = [*(helper or helper_argv()), repair_id, "--out", out_file]
    return argv[0], subprocess.list2cmdline(argv[1:])


def elevate_windows(env: Env, repair_id: str, timeout: float, shell: object | None = None) -> Elevated:  # pragma: no cover - Windows only
    import ctypes
    from ctypes import wintypes

    class SHELLEXECUTEINFOW(ctypes.Structure):
        _fields_ = [
            ("cbSize", wintypes.DWORD),
            ("fMask", ctypes.c_ulong),
            ("hwnd", wintypes.HWND),
            ("lpVerb", wintypes.LPCWSTR),
            ("lpFile", wintypes.LPCWSTR),
            ("lpParameters", wintypes.LPCWSTR),
            ("lpDirectory", wintypes.LPCWSTR),
            ("nShow", ctypes.c_int),
            ("hInstApp", wintypes.HINSTANCE),
            ("lpIDList", ctypes.c_void_p),
            ("lpClass", wintypes.LPCWSTR),
            ("hkeyClass", wintypes.HKEY),
            ("dwHotKey", wintypes.DWORD),
            ("hIconOrMonitor", wintypes.HANDLE),
            ("hProcess", wintypes.HANDLE),
        ]

    folder = tempfile.mkdtemp(prefix="selfcheck-repair-")
    out_file = os.path.join(folder, "result.json")
    program, params = windows_parameters(repair_id, out_file)
    info = SHELLEXECUTEINFOW()
    info.cbSize = ctypes.sizeof(info)
    info.fMask = 0x00000040 | 0x00000100  # SEE_MASK_NOCLOSEPROCESS | SEE_MASK_NOASYNC
    info.lpVerb, info.lpFile, info.lpParameters, info.nShow = "runas", program, params, 0  # SW_HIDE
    shell32 = ctypes.windll.shell32  # type: ignore[attr-defined]
    kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
    if not shell32.ShellExecuteExW(ctypes.byref(info)):
        error = ctypes.GetLastError()  # type: ignore[attr-defined]
        return Elevated(None, DECLINED if error == ERROR_CANCELLED else UNAVAILABLE, f"ShellExecuteExW error {error}")
    try:
        kernel32.WaitForSingleObject(info.hProcess, int(timeout * 1000))
    finally:
        kernel32.CloseHandle(info.hProcess)
    try:
        data = json.loads(Path(out_file).read_text(encoding="utf-8"))
        return Elevated(ActionResult.from_dict(data))
    except (OSError, ValueError):
        return Elevated(ActionResult(False, "", steps=["the elevated helper wrote no result"]))
    finally:
        import shutil

        shutil.rmtree(folder, ignore_errors=True)


def elevate(env: Env, repair_id: str, timeout: float) -> Elevated:
    """Run one repair through the OS's own administrator prompt."""
    if env.platform == "windows":
        return elevate_windows(env, repair_id, timeout)
    if env.platform == "darwin":
        return elevate_darwin(env, repair_id, timeout)
    return elevate_linux(env, repair_id, timeout)
