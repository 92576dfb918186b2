"""security.antivirus: is real-time virus protection on? (Windows Security Center)"""

from __future__ import annotations

from selfcheck.api import Check, Context, Facts, Outcome, SkipCheck, Thresholds
from selfcheck.i18n import N_, _

QUERY = "Get-CimInstance -Namespace root/SecurityCenter2 -ClassName AntiVirusProduct | Select-Object displayName,productState | ConvertTo-Json"


class AntivirusCheck(Check):
    id = "security.antivirus"
    category = "security"
    title = N_("Virus protection")
    timeout = 10.0
    priority = 50
    at_risk = True  # no protection against viruses: a failure gets the red cross

    def collect(self, ctx: Context) -> Facts:
        if ctx.platform != "windows":
            raise SkipCheck(_("Virus protection is only checked on Windows."))
        from selfcheck.platforms.windows import parse_antivirus_json

        out = ctx.run(["powershell", "-NoProfile", "-NonInteractive", "-Command", QUERY], timeout=8)
        if not out.ok:
            # Windows Server has no Security Center
            raise SkipCheck(_("Windows did not say which virus protection is installed."))
        return {"products": parse_antivirus_json(out.stdout)}

    def evaluate(self, facts: Facts, thresholds: Thresholds) -> Outcome:
        products = facts.get("products") or []
        evidence = {"products": [f"{p['name']}: {'on' if p['enabled'] else 'off'}, {'up to date' if p['up_to_date'] else 'out of date'}" for p in products]}
        on = [p for p in products if p.get("enabled")]
        if not products:
            return Outcome.fail(
                _("No virus protection is installed."),
                advice=[_("Open Windows Security and turn on “Virus & threat protection”, or ask support.")],
                evidence=evidence,
            )
        if not on:
            return Outcome.fail(
                _("Virus protection is turned off."),
                advice=[
                    _("Open Windows Security, then “Virus & threat protection”, and turn on real-time protection."),
                    _("If your company installed its own antivirus, contact support."),
                ],
                evidence=evidence,
            )
        stale = [p for p in on if not p.get("up_to_date")]
        if stale:
            return Outcome.warn(
                _("{name} is on but out of date, so it may miss new viruses.").format(name=stale[0]["name"]),
                advice=[_("Open {name} and update it, or restart the computer while connected to the internet.").format(name=stale[0]["name"])],
                evidence=evidence,
            )
        return Outcome.ok(_("Virus protection is on ({name}).").format(name=on[0]["name"]), evidence=evidence)
