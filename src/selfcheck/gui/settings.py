"""The window's own settings store (geometry, language, the contact typed last time): gui.ini
next to selfcheck's config. Its own module so every window and dialog can use it without
importing another window."""

from __future__ import annotations

from PySide6.QtCore import QSettings

from selfcheck import paths

_settings: dict[str, QSettings] = {}


def settings() -> QSettings:
    """The window's own settings (geometry, language), next to selfcheck's config."""
    path = str(paths.user_config_dir() / "gui.ini")
    if path not in _settings:
        _settings[path] = QSettings(path, QSettings.Format.IniFormat)
    return _settings[path]


def remembered_contact() -> tuple[str, str]:
    """The e-mail address and name typed last time (kept on this computer only)."""
    values = settings()
    return str(values.value("support/email") or ""), str(values.value("support/name") or "")


def remember_contact(email: str, name: str) -> None:
    values = settings()
    values.setValue("support/email", email)
    values.setValue("support/name", name)
