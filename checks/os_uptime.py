"""os.uptime: a computer that has not restarted for weeks often runs badly."""

from __future__ import annotations

from selfcheck.api import Check, Context, Facts, Outcome, Thresholds
from selfcheck.i18n import N_, _, ngettext
from selfcheck.platforms.common import seconds_since_boot
from selfcheck.wording import held_together


class UptimeCheck(Check):
    id = "os.uptime"
    category = "os"
    title = N_("Time since the last restart")
    timeout = 3.0
    priority = 60

    def collect(self, ctx: Context) -> Facts:
        import psutil

        # from the boot clock: a wrong date must not change how long the computer has been on
        seconds, source = seconds_since_boot()
        return {"boot_time": psutil.boot_time(), "uptime_seconds": round(seconds), "uptime_source": source}

    def evaluate(self, facts: Facts, thresholds: Thresholds) -> Outcome:
        days = int(facts["uptime_seconds"] // 86400)
        evidence = {"uptime_days": round(facts["uptime_seconds"] / 86400, 2)}
        # in French « depuis 12 jours » never ends a line with « 12 » (held_together)
        if days >= int(thresholds["warn_days"]):
            return Outcome.warn(
                held_together(
                    ngettext(
                        "This computer has not been restarted for {days} day.",
                        "This computer has not been restarted for {days} days.",
                        days,
                    ).format(days=days)
                ),
                advice=[_("Save your work, then restart the computer. Many problems go away after a restart.")],
                evidence=evidence,
            )
        return Outcome.ok(
            held_together(ngettext("The computer was restarted {days} day ago.", "The computer was restarted {days} days ago.", days).format(days=days))
            if days
            else _("The computer was restarted less than a day ago."),
            evidence=evidence,
        )
