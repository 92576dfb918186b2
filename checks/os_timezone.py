"""os.timezone: the time zone, clock offset and language settings (facts for support)."""

from __future__ import annotations

import locale
import os
from typing import Any

from selfcheck.api import Check, Context, Facts, Outcome, Thresholds
from selfcheck.i18n import N_, _
from selfcheck.platforms.common import time_zone, utc_offset_text
from selfcheck.wording import locale_name


class TimezoneCheck(Check):
    id = "os.timezone"
    category = "os"
    title = N_("Time zone and language")
    timeout = 3.0
    priority = 70

    def collect(self, ctx: Context) -> Facts:
        facts: dict[str, Any] = time_zone(ctx.run, ctx.platform)
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
        offset = utc_offset_text(minutes)
        evidence = {k: facts.get(k) for k in ("zone", "abbreviation", "locale", "encoding", "daylight_saving")} | {"utc_offset": offset}
        loc = locale_name(str(facts.get("locale") or "")) or _("not set")
        if not zone:
            return Outcome.warn(
                _("The computer's time zone is not set, so times may be shown wrongly (now {offset}).").format(offset=offset or "UTC"),
                advice=[_("Open the date and time settings and choose your time zone, or turn on “Set time zone automatically”.")],
                evidence=evidence,
            )
        return Outcome.info(_("Time zone: {zone} ({offset}); language and formats: {locale}.").format(zone=zone, offset=offset, locale=loc), evidence=evidence)
