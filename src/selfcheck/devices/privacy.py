"""Whether the operating system lets apps use the microphone and the camera (privacy settings).

Windows keeps the choices of Settings > Privacy in the CapabilityAccessManager
consent store: ``...\\ConsentStore\\microphone`` (``webcam``) ``Value`` is
``Allow`` or ``Deny`` — under HKLM for the whole computer ("Let apps access",
set by the administrator or policy), under HKCU for this user, and its
``NonPackaged`` sub-key for desktop apps (Teams, Zoom and browsers installed
the classic way). The values are the same words in every language.
"""

from __future__ import annotations

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


def blocked_by(consent: dict[str, Any]) -> str | None:
    """Which setting blocks apps ("computer", "user", "desktop_apps"), or None."""
    for level in ("computer", "user", "desktop_apps"):
        if str(consent.get(level) or "").lower() == "deny":
            return level
    return None
