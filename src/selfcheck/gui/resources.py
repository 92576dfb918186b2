"""Icons and other files shipped in ``selfcheck.resources`` (works in wheels and frozen builds)."""

from __future__ import annotations

from functools import cache
from importlib import resources as importlib_resources
from pathlib import Path

from PySide6.QtCore import QSize
from PySide6.QtGui import QIcon, QPixmap

from selfcheck.api import Result, Status


def resource_dir() -> Path:
    return Path(str(importlib_resources.files("selfcheck.resources")))


def icon_path(name: str) -> Path:
    return resource_dir() / "icons" / f"{name}.svg"


@cache
def icon(name: str) -> QIcon:
    return QIcon(str(icon_path(name)))


def pixmap(name: str, size: int, ratio: float = 1.0) -> QPixmap:
    """A crisp pixmap of an icon at ``size`` logical pixels (HiDPI aware)."""
    pm = icon(name).pixmap(QSize(size, size), ratio)
    return pm


def status_icon_name(status: Status) -> str:
    return f"status-{status.value}"


def result_icon_name(result: Result) -> str:
    """Consequences get a calm "follows from" icon instead of another alarm."""
    if result.consequence_of:
        return "status-consequence"
    if result.status.is_problem and result.status is not Status.ERROR:
        from selfcheck.verdict import problem_icon, urgency_of

        return problem_icon(result.status, urgency_of(result), result.at_risk)  # a problem that can wait is no alarm
    return status_icon_name(result.status)


def app_icon() -> QIcon:
    return icon("app")
