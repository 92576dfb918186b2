"""os.timezone: the time zone, clock offset and language settings (facts for support)."""

from __future__ import annotations

import locale
import os
import time
from datetime import datetime
from pathlib import Path
from typing import Any

from selfcheck.api import Check, Context, Facts, Outcome, Thresholds
from selfcheck.i18n import N_, _
from selfcheck.wording import locale_name


def zone_name_from_link(target: str) -> str:
    """'/usr/share/zoneinfo/Europe/Paris' or '/var/db/timezone/zoneinfo/Europe/Paris' -> 'Europe/Paris'."""
    marker = "zoneinfo/"
    return target.split(marker, 1)[1] if marker in target else ""


class TimezoneCheck(Check):
    id = "os.timezone"
    category = "os"
    title = N_("Time zone and language")
    timeout = 3.0
    priority = 70

    def collect(self, ctx: Context) -> Facts:
        now = datetime.now().astimezone()
        offset = now.utcoffset()
        facts: dict[str, Any] = {
            "abbreviation": now.tzname() or "",
            "utc_offset_minutes": int(offset.total_seconds() // 60) if offset is not None else None,
            "daylight_saving": bool(time.localtime().tm_isdst > 0),
            "zone": os.environ.get("TZ", "").lstrip(":"),
        }
        if not facts["zone"]:
            if ctx.platform == "windows":  # pragma: no cover - Windows only
                out = ctx.run(["tzutil", "/g"], timeout=2)
                facts["zone"] = out.stdout.strip() if out.ok else ""
            else:
                try:
                    facts["zone"] = zone_name_from_link(os.path.realpath("/etc/localtime"))
                except OSError:
                    pass
                if not facts["zone"]:
                    try:
                        facts["zone"] = Path("/etc/timezone").read_text().strip()
                    except OSError:
                        pass
        try:
            lang, encoding = locale.getlocale()
        except ValueError:
            lang, encoding = None, None
        facts["locale"] = lang or os.environ.get("LC_ALL") or os.environ.get("LANG") or ""
        facts["encoding"] = encoding or locale.getpreferredencoding(False)
        return facts

    def evaluate(self, facts: Facts, thresholds: Thresholds) -> Outcome:
        zone = str(facts.get("zone") or "")
        minutes = facts.get("utc_offset_minutes")
        offset = ""
        if isinstance(minutes, int):
            sign = "+" if minutes >= 0 else "-"
            offset = f"UTC{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"
        evidence = {k: facts.get(k) for k in ("zone", "abbreviation", "locale", "encoding", "daylight_saving")} | {"utc_offset": offset}
        loc = locale_name(str(facts.get("locale") or "")) or _("not set")
        if not zone:
            return Outcome.warn(
                _("The computer's time zone is not set, so times may be shown wrongly (now {offset}).").format(offset=offset or "UTC"),
                advice=[_("Open the date and time settings and choose your time zone, or turn on “Set time zone automatically”.")],
                evidence=evidence,
            )
        return Outcome.info(_("Time zone: {zone} ({offset}); language and formats: {locale}.").format(zone=zone, offset=offset, locale=loc), evidence=evidence)
