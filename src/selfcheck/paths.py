"""Where selfcheck keeps its files on each platform (platformdirs conventions).

``SELFCHECK_HOME`` puts every folder under one directory (tests, portable use).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP = "selfcheck"


def _home_override() -> Path | None:
    value = os.environ.get("SELFCHECK_HOME")
    return Path(value) if value else None


def user_config_dir() -> Path:
    if (home := _home_override()) is not None:
        return home / "config"
    import platformdirs

    return Path(platformdirs.user_config_dir(APP, appauthor=False))


def user_data_dir() -> Path:
    if (home := _home_override()) is not None:
        return home / "data"
    import platformdirs

    return Path(platformdirs.user_data_dir(APP, appauthor=False))


def user_log_dir() -> Path:
    if (home := _home_override()) is not None:
        return home / "logs"
    import platformdirs

    return Path(platformdirs.user_log_dir(APP, appauthor=False))


def user_cache_dir() -> Path:
    if (home := _home_override()) is not None:
        return home / "cache"
    import platformdirs

    return Path(platformdirs.user_cache_dir(APP, appauthor=False))


def user_documents_dir() -> Path:
    """Where a bundle is saved for the customer to e-mail: their Documents folder (under SELFCHECK_HOME when set)."""
    if (home := _home_override()) is not None:
        return home / "documents"
    import platformdirs

    return Path(platformdirs.user_documents_dir())


def system_config_file() -> Path:
    """The machine-wide config an administrator deploys."""
    if (home := _home_override()) is not None:
        return home / "system" / "config.toml"
    if sys.platform.startswith("win"):
        return Path(os.environ.get("PROGRAMDATA", r"C:\ProgramData")) / APP / "config.toml"
    if sys.platform == "darwin":
        return Path("/Library/Application Support") / APP / "config.toml"
    return Path("/etc") / APP / "config.toml"


def user_config_file() -> Path:
    return user_config_dir() / "config.toml"
