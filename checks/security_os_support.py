"""security.os_support: does this operating system version still get security fixes? (resources/eol.toml)"""

from __future__ import annotations

from selfcheck.api import Check, Context, Facts, Outcome, Thresholds
from selfcheck.checks.os_version import os_support_facts, upgrade_advice
from selfcheck.i18n import N_, _
from selfcheck.wording import long_date

#: the paid extensions of security updates resources/eol.toml names by a code ("extended"), in the reader's language
EXTENSIONS = {"esu": N_("Extended Security Updates (ESU)"), "ubuntu_pro": N_("Ubuntu Pro (ESM)")}


def extension_words(code: str, until: object, today: object) -> str:
    """A paid extension as its reader says it: "esu" until 2026-10-13 -> 'Extended Security Updates (ESU) until October 13,
    2026' / « … jusqu’au 13 octobre 2026 », 'ended on …' once that day is past; a year alone ('until 2028' / « jusqu’en
    2028 »). A French card read eol.toml's English sentence before (issue 21). A company's own words (an [eol] override
    that is no code) are shown as written."""
    if code not in EXTENSIONS:
        return code
    program = _(EXTENSIONS[code])
    until = str(until or "")
    if len(until) == 4 and until.isdigit():
        ended = str(today or "")[:4].isdigit() and str(today)[:4] > until
        return (_("{program}: ended in {year}") if ended else _("{program} until {year}")).format(program=program, year=until)
    if len(until) == 10:
        ended = bool(today) and str(today)[:10] > until
        return (_("{program}: ended on {date}") if ended else _("{program} until {date}")).format(program=program, date=long_date(until))
    return program


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
            evidence["paid_extension"] = extension_words(str(info["extended"]), info.get("extended_until"), facts.get("today"))
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
