"""Small helpers shared by the hardware, OS and security checks."""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from selfcheck.i18n import N_, _, current_language


def number(value: float, decimals: int = 1) -> str:
    """12.5 -> '12.5' in English, '12,5' in French."""
    text = f"{value:.{decimals}f}"
    if decimals and text.endswith("0" * decimals):
        text = text[: -(decimals + 1)]
    return text.replace(".", ",") if current_language() == "fr" else text


def size(n_bytes: float | None) -> str:
    """A size in plain words: '1.2 GB' / '1,2 Go'."""
    if n_bytes is None:
        return "?"
    n = float(n_bytes)
    for unit, limit in ((_("{n} TB"), 1e12), (_("{n} GB"), 1e9), (_("{n} MB"), 1e6), (_("{n} KB"), 1e3)):
        if n >= limit:
            return unit.format(n=number(n / limit, 1 if n / limit < 100 else 0))
    return _("{n} bytes").format(n=int(n))


def thresholds_get(thresholds: Mapping[str, Any], key: str, default: Any) -> Any:
    """A threshold with a fallback, so an incomplete company config still works."""
    value = thresholds.get(key, default)
    return default if value is None else value


def join_names(names: Iterable[str]) -> str:
    """'a', 'b', 'c' -> '“a”, “b” and “c”' (translated 'and')."""
    quoted = [_("“{name}”").format(name=n) for n in names]
    if len(quoted) <= 1:
        return "".join(quoted)
    return _("{first} and {last}").format(first=", ".join(quoted[:-1]), last=quoted[-1])


def process_name(info: Mapping[str, Any]) -> str:
    name = str(info.get("name") or "")
    if not name:
        exe = str(info.get("exe") or "")
        name = os.path.basename(exe) if exe else f"pid {info.get('pid')}"
    return name


_MONTHS = (
    N_("January"), N_("February"), N_("March"), N_("April"), N_("May"), N_("June"),
    N_("July"), N_("August"), N_("September"), N_("October"), N_("November"), N_("December"),
)  # fmt: skip


def long_date(iso: str | None) -> str:
    """'2025-10-14' -> 'October 14, 2025' / '14 octobre 2025' ('1er juin 2026': French writes the first of a month as an ordinal)."""
    if not iso:
        return "?"
    try:
        d = date.fromisoformat(str(iso)[:10])
    except ValueError:
        return str(iso)
    day = "1er" if d.day == 1 and current_language() == "fr" else str(d.day)
    return _("{month} {day}, {year}").format(month=_(_MONTHS[d.month - 1]), day=day, year=d.year)
