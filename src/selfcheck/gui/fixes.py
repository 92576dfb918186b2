"""Safe fixes a check may offer (:class:`selfcheck.api.Fix`), done for each OS.

Every action is harmless or asked first (``fix.confirm``); the window runs
:func:`perform` in a worker and then checks again. Opening things goes through
``QDesktopServices`` or the platform's own settings program.
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from selfcheck.api import Fix, current_platform
from selfcheck.devices.actions import DEVICE_ACTIONS, device_action
from selfcheck.i18n import _
from selfcheck.verdict import CHECK_AGAIN
from selfcheck.wording import with_trash

log = logging.getLogger("selfcheck.gui")

KNOWN_ACTIONS = (
    "open_url",
    "open_network_settings",
    "open_storage_settings",
    "open_datetime_settings",
    "open_privacy_settings",
    "empty_trash",
    "open_folder",
    *DEVICE_ACTIONS,
)


@dataclass
class FixOutcome:
    ok: bool
    message: str


def _open_url(url: str) -> bool:
    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QDesktopServices

    return bool(QDesktopServices.openUrl(QUrl(url)))


def _open_folder(path: str) -> bool:
    """Show a folder (a full drive, the biggest folder) in the file manager; False when it is not there."""
    from pathlib import Path

    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QDesktopServices

    folder = Path(path).expanduser()  # "~": the person's own folder
    return folder.is_dir() and bool(QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder))))


def _start(args: list[str]) -> bool:
    """Start a program without waiting for it; False when it is not installed."""
    if not shutil.which(args[0]):
        return False
    try:
        subprocess.Popen(args, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    except OSError:
        log.exception("could not start %s", args[0])
        return False
    return True


def _first_that_starts(candidates: list[list[str]]) -> bool:
    return any(_start(args) for args in candidates)


LINUX_NETWORK_SETTINGS = [
    ["gnome-control-center", "network"],
    ["systemsettings", "kcm_networkmanagement"],
    ["kcmshell6", "kcm_networkmanagement"],
    ["kcmshell5", "kcm_networkmanagement"],
    ["xfce4-settings-manager"],
    ["nm-connection-editor"],
]
LINUX_STORAGE_TOOLS = [["baobab"], ["filelight"], ["qdirstat"]]
LINUX_DATETIME_SETTINGS = [
    ["gnome-control-center", "datetime"],
    ["systemsettings", "kcm_clock"],
    ["kcmshell6", "kcm_clock"],
    ["kcmshell5", "clock"],
    ["time-admin"],
]


def open_network_settings(platform: str) -> bool:
    if platform == "windows":
        return _open_url("ms-settings:network-status")
    if platform == "darwin":
        return _start(["open", "x-apple.systempreferences:com.apple.preference.network"])
    return _first_that_starts(LINUX_NETWORK_SETTINGS)


def open_storage_settings(platform: str) -> bool:
    if platform == "windows":
        return _open_url("ms-settings:storagesense")
    if platform == "darwin":
        return _start(["open", "x-apple.systempreferences:com.apple.settings.Storage"])
    return _first_that_starts(LINUX_STORAGE_TOOLS) or _open_url(Path.home().as_uri())


def open_datetime_settings(platform: str) -> bool:
    """Where the user sets the clock (a wrong clock breaks secure websites and sign-ins)."""
    if platform == "windows":
        return _open_url("ms-settings:dateandtime")
    if platform == "darwin":
        return _start(["open", "x-apple.systempreferences:com.apple.Date-Time-Settings.extension"])
    return _first_that_starts(LINUX_DATETIME_SETTINGS)


PRIVACY_PAGES = {
    "microphone": ("ms-settings:privacy-microphone", "Privacy_Microphone", "microphone"),
    "camera": ("ms-settings:privacy-webcam", "Privacy_Camera", "camera"),
}


def open_privacy_settings(platform: str, kind: str) -> bool:
    """The page where apps are allowed to use the microphone or the camera."""
    if kind not in PRIVACY_PAGES:
        return False
    windows, macos, gnome = PRIVACY_PAGES[kind]
    if platform == "windows":
        return _open_url(windows)
    if platform == "darwin":
        return _start(["open", f"x-apple.systempreferences:com.apple.preference.security?{macos}"])
    return _first_that_starts([["gnome-control-center", gnome], ["systemsettings", "kcm_sound"]])


def linux_trash_dirs() -> list[Path]:
    """The user's home trash (XDG trash spec); other volumes' trash is left alone."""
    data_home = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return [data_home / "Trash"]


def _remove_children(folder: Path) -> int:
    removed = 0
    if not folder.is_dir():
        return 0
    for child in folder.iterdir():
        try:
            if child.is_dir() and not child.is_symlink():
                shutil.rmtree(child)
            else:
                child.unlink()
            removed += 1
        except OSError:
            log.warning("could not remove %s from the trash", child)
    return removed


def empty_trash(platform: str) -> bool:
    if platform == "windows":  # pragma: no cover - Windows only
        import ctypes

        flags = 0x1 | 0x2 | 0x4  # no confirmation (the user agreed already), no progress, no sound
        return ctypes.windll.shell32.SHEmptyRecycleBinW(None, None, flags) in (0, -2147418113)  # type: ignore[attr-defined]
    if platform == "darwin":
        proc = subprocess.run(["osascript", "-e", 'tell application "Finder" to empty trash'], capture_output=True, timeout=120, check=False)
        return proc.returncode == 0
    for trash in linux_trash_dirs():
        for part in ("files", "info", "expunged"):
            _remove_children(trash / part)
        sizes = trash / "directorysizes"
        if sizes.exists():
            sizes.unlink(missing_ok=True)
    return True


def perform(fix: Fix, platform: str | None = None, again: str | None = None) -> FixOutcome:
    """Do the fix; returns whether it worked and a plain sentence to show (``again``: the check-again button's words on
    the verdict it was pressed on, which the sentence quotes; the usual ones by default)."""
    platform = platform or current_platform()
    again = again or _(CHECK_AGAIN)
    handlers: dict[str, Callable[[], bool]] = {
        "open_url": lambda: fix.arg.startswith(("https://", "http://")) and _open_url(fix.arg),
        "open_network_settings": lambda: open_network_settings(platform),
        "open_storage_settings": lambda: open_storage_settings(platform),
        "open_datetime_settings": lambda: open_datetime_settings(platform),
        "open_privacy_settings": lambda: open_privacy_settings(platform, fix.arg),
        "empty_trash": lambda: empty_trash(platform),
        "open_folder": lambda: _open_folder(fix.arg),
    }
    if fix.action in DEVICE_ACTIONS:
        ok, message = device_action(fix, platform)
        return FixOutcome(ok, message)
    handler = handlers.get(fix.action)
    if handler is None:
        log.warning("unknown fix action %r", fix.action)
        return FixOutcome(False, _("This version of the program cannot do this fix. Follow the advice instead."))
    try:
        ok = bool(handler())
    except Exception:
        log.exception("fix %s failed", fix.action)
        ok = False
    if fix.action == "empty_trash":
        # the texts that tell the person to press the check-again button quote it, in its words (send rounds 89-94)
        said = _("{trash} is empty.") if ok else _("{trash} could not be emptied. Empty it yourself, then click “{again}”.")
        return FixOutcome(ok, with_trash(said, platform, again=again))  # as this system names it: "the Recycle Bin" on Windows
    if ok:
        return FixOutcome(True, _("Done. When you have finished, click “{again}”.").format(again=again))
    return FixOutcome(False, _("This program could not open it on this computer. Follow the advice instead."))


def checks_again_after(fix: Fix) -> bool:
    """Fixes that change the computer at once run in a worker, then the check runs again to verify them."""
    return fix.action == "empty_trash" or fix.action in DEVICE_ACTIONS
