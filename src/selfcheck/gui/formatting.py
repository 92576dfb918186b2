"""Sizes and dates as the reader writes them (in the window's language): "1.5 KB" / "1,5 Ko",
"25 November 2026, 17:05"."""

from __future__ import annotations

from PySide6.QtCore import QDateTime, QLocale, Qt

from selfcheck import i18n
from selfcheck.i18n import _


def human_size(size: int) -> str:
    """1536 -> "1.5 KB" ("1,5 Ko" in French); never a count of bytes: 0 is "empty", less is "less than 1 KB"."""
    locale = QLocale(i18n.current_language())
    if size <= 0:
        return _("empty")
    if size < 1024:
        return _("less than 1 KB")
    if size < 1024 * 1024:
        return _("{n} KB").format(n=locale.toString(size / 1024, "f", 1))
    return _("{n} MB").format(n=locale.toString(size / 1024 / 1024, "f", 1))


def readable_date(iso: str) -> str:
    """An ISO timestamp in the reader's language and local time ("25 November 2026 17:05")."""
    when = QDateTime.fromString(iso.replace("Z", "+00:00"), Qt.DateFormat.ISODateWithMs)
    if not when.isValid():
        when = QDateTime.fromString(iso.replace("Z", "+00:00"), Qt.DateFormat.ISODate)
    if not when.isValid():
        return iso
    return QLocale(i18n.current_language()).toString(when.toLocalTime(), "d MMMM yyyy, HH:mm")
