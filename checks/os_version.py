"""os.version: which operating system version this is, and whether it is still supported (resources/eol.toml; the security-fix date is security.os_support's job)."""

from __future__ import annotations

from typing import Any

from selfcheck.api import Check, Context, Facts, Outcome, Thresholds
from selfcheck.i18n import N_, _


def os_support_facts(ctx: Context) -> dict[str, Any]:
    """OS identity plus what the end-of-life judgement needs (today, a company's corrections)."""
    from selfcheck.platforms.osinfo import os_facts

    facts = os_facts(ctx)
    facts["today"] = ctx.now().date().isoformat()
    override = ctx.config.get("eol") if hasattr(ctx.config, "get") else None
    if override:
        facts["eol_override"] = _jsonable(override)
    return facts


def _jsonable(value: Any) -> Any:
    """TOML dates become ISO strings so the facts can be saved in a bundle."""
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def upgrade_advice(system: str) -> list[str]:
    if system == "windows":
        return [
            _("Open Settings, then Windows Update, and install the newest version of Windows offered there."),
            _("If this computer cannot install a newer version, ask support about your options."),
        ]
    if system == "darwin":
        return [
            _("Open System Settings, then General, then Software Update, and install the newest macOS offered there."),
            _("If this Mac cannot install a newer macOS, ask support about your options."),
        ]
    return [_("Upgrade to the newest version of your system, or ask support to do it.")]


class OsVersionCheck(Check):
    id = "os.version"
    category = "os"
    title = N_("Operating system version")
    timeout = 5.0
    priority = 45

    def collect(self, ctx: Context) -> Facts:
        return os_support_facts(ctx)

    def evaluate(self, facts: Facts, thresholds: Thresholds) -> Outcome:
        from selfcheck.platforms.eol import assess

        state, info = assess(facts, facts.get("today"), int(thresholds["warn_days_before_end"]))
        name = info.get("name") or facts.get("pretty_name") or _("an unidentified system")
        evidence = {
            k: facts.get(k) for k in ("pretty_name", "product_version", "version_id", "build", "display_version", "edition_id", "kernel") if facts.get(k)
        }
        evidence |= {"support": state, "security_updates_until": info.get("security_end")}
        system_advice = upgrade_advice(str(facts.get("system")))
        if state == "ended":
            return Outcome.warn(
                _("This computer runs {name}, a version that is no longer supported.").format(name=name), advice=system_advice, evidence=evidence
            )
        if state == "ending_soon":
            return Outcome.warn(
                _("This computer runs {name}, a version whose support ends soon: plan to move to a newer one.").format(name=name),
                advice=system_advice,
                evidence=evidence,
            )
        if state == "rolling":
            return Outcome.ok(_("This computer runs {name}, which stays up to date as long as you install its updates.").format(name=name), evidence=evidence)
        if state == "unknown":
            return Outcome.info(
                _("This computer runs {name}; this program does not know whether this version is still supported.").format(name=name), evidence=evidence
            )
        return Outcome.ok(_("This computer runs {name}, a version that is still supported.").format(name=name), evidence=evidence)
