"""Whether the operating system lets apps use the microphone and the camera (privacy settings).

Windows keeps the choices of Settings > Privacy in the CapabilityAccessManager
consent store: ``...\\ConsentStore\\microphone`` (``webcam``) ``Value`` is
``Allow`` or ``Deny`` — under HKLM for the whole computer ("Let apps access",
set by the administrator or policy), under HKCU for this user, and its
``NonPackaged`` sub-key for desktop apps (Teams, Zoom and browsers installed
the classic way). The values are the same words in every language.

GNOME keeps its Privacy switches ("Camera access", "Microphone access") as
``org.gnome.desktop.privacy disable-camera`` / ``disable-microphone`` in
GSettings; apps that reach the camera or microphone through the desktop portal
(Flatpak apps, and browsers that use the portal) obey them. ``gsettings get``
prints ``true`` or ``false`` in every language. They are read only on a GNOME
desktop (``XDG_CURRENT_DESKTOP``): another desktop does not obey them.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any

CONSENT_STORE = r"Software\Microsoft\Windows\CurrentVersion\CapabilityAccessManager\ConsentStore"
KINDS = {"microphone": "microphone", "camera": "webcam"}


def _value(hive: Any, path: str) -> str | None:  # pragma: no cover - Windows only
    import winreg  # type: ignore[import-not-found,unused-ignore]

    try:
        with winreg.OpenKey(hive, path) as key:  # type: ignore[attr-defined,unused-ignore]
            value, _type = winreg.QueryValueEx(key, "Value")  # type: ignore[attr-defined,unused-ignore]
    except OSError:
        return None
    return str(value)[:10]


def windows_consent(kind: str) -> dict[str, Any]:  # pragma: no cover - Windows only
    """``{"computer": "Allow"|"Deny"|None, "user": ..., "desktop_apps": ...}`` for "microphone" or "camera"."""
    import winreg  # type: ignore[import-not-found,unused-ignore]

    path = f"{CONSENT_STORE}\\{KINDS[kind]}"
    return {
        "computer": _value(winreg.HKEY_LOCAL_MACHINE, path),  # type: ignore[attr-defined,unused-ignore]
        "user": _value(winreg.HKEY_CURRENT_USER, path),  # type: ignore[attr-defined,unused-ignore]
        "desktop_apps": _value(winreg.HKEY_CURRENT_USER, path + "\\NonPackaged"),  # type: ignore[attr-defined,unused-ignore]
    }


GNOME_KEYS = {"microphone": "disable-microphone", "camera": "disable-camera"}


def gnome_consent(run: Callable[..., Any], kind: str, timeout: float = 2.0) -> dict[str, Any] | None:
    """``{"user": "Deny"|"Allow", "settings": "gnome"}`` from GNOME's privacy switch for "microphone" or
    "camera"; None off GNOME, or when the setting cannot be read (no gsettings, no such schema)."""
    if "gnome" not in os.environ.get("XDG_CURRENT_DESKTOP", "").lower():
        return None
    out = run(["gsettings", "get", "org.gnome.desktop.privacy", GNOME_KEYS[kind]], timeout=timeout)
    value = (out.stdout or "").strip() if out.returncode == 0 and not out.timed_out else ""
    if value not in ("true", "false"):
        return None
    return {"user": "Deny" if value == "true" else "Allow", "settings": "gnome"}


def blocked_by(consent: dict[str, Any]) -> str | None:
    """Which setting blocks apps ("computer", "user", "desktop_apps"), or None."""
    for level in ("computer", "user", "desktop_apps"):
        if str(consent.get(level) or "").lower() == "deny":
            return level
    return None
