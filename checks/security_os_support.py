"""security.os_support: does this operating system version still get security fixes? (resources/eol.toml)"""

from __future__ import annotations

from selfcheck.api import Check, Context, Facts, Outcome, Thresholds
from selfcheck.checks.os_version import os_support_facts, upgrade_advice
from selfcheck.i18n import N_, _
from selfcheck.wording import long_date


class OsSupportCheck(Check):
    id = "security.os_support"
    category = "security"
    title = N_("Security updates for the system")
    timeout = 5.0
    priority = 45
    at_risk = True  # no more security fixes: a failure gets the red cross

    def collect(self, ctx: Context) -> Facts:
        return os_support_facts(ctx)

    def evaluate(self, facts: Facts, thresholds: Thresholds) -> Outcome:
        from selfcheck.platforms.eol import assess

        state, info = assess(facts, facts.get("today"), int(thresholds["warn_days_before_end"]))
        name = info.get("name") or facts.get("pretty_name") or _("This system")
        evidence = {"system": facts.get("pretty_name"), "support": state, "security_updates_until": info.get("security_end")}
        if info.get("extended"):
            evidence["paid_extension"] = info["extended"]
        end = long_date(info.get("security_end"))
        advice = upgrade_advice(str(facts.get("system")))
        if state == "ended":
            if info.get("security_end"):
                text = _("{name} has not received security fixes since {date}: this computer is exposed to attacks found since then.").format(
                    name=name, date=end
                )
            else:
                text = _("{name} no longer gets security fixes: this computer is exposed to attacks found since then.").format(name=name)
            return Outcome.fail(
                text,
                advice=[*advice, _("Until then, be extra careful with e-mail attachments and downloads.")],
                evidence=evidence,
            )
        if state == "ending_soon":
            return Outcome.warn(_("{name} will stop getting security fixes on {date}.").format(name=name, date=end), advice=advice, evidence=evidence)
        if state == "unknown":
            return Outcome.skip(_("This program does not know until when {name} gets security fixes.").format(name=name), evidence=evidence)
        if state == "rolling" or not info.get("security_end"):
            return Outcome.ok(_("{name} still gets security fixes.").format(name=name), evidence=evidence)
        return Outcome.ok(_("{name} gets security fixes until {date}.").format(name=name, date=end), evidence=evidence)
