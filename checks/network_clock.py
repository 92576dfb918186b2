"""network.clock: is this computer's clock right?

Compared with time servers (SNTP) and with the Date header of a web server.
A wrong clock breaks secure websites (certificates look expired or not yet
valid) and sign-ins, so it is named as the cause of those failures.
"""

from __future__ import annotations

import time
from email.utils import parsedate_to_datetime
from typing import Any

from selfcheck import netconf, netprobe
from selfcheck.api import Check, Context, Facts, Fix, Outcome, Thresholds
from selfcheck.i18n import N_, _, ngettext
from selfcheck.plainwords import CLOCK_WHY
from selfcheck.platforms.common import time_zone, whole_hours


def describe_offset(seconds: float) -> str:
    """'5 hours', '12 minutes', '40 seconds' (translated)."""
    amount = abs(seconds)
    if amount >= 2 * 86400:
        days = round(amount / 86400)
        return ngettext("{n} day", "{n} days", days).format(n=days)
    if amount >= 5400:
        hours = round(amount / 3600)
        return ngettext("{n} hour", "{n} hours", hours).format(n=hours)
    if amount >= 90:
        minutes = round(amount / 60)
        return ngettext("{n} minute", "{n} minutes", minutes).format(n=minutes)
    secs = round(amount)
    return ngettext("{n} second", "{n} seconds", secs).format(n=secs)


#: the support card names the zone the clock is set to only when the time servers put the clock this far off (supportcard's
#: clock lines and its whole-hours proof, "abs(behind) >= 120" and whole_hours): below it the zone is not collected
ZONE_NEEDED_SECONDS = 120


def best_offset(facts: Facts) -> tuple[float | None, str]:
    """The offset to trust (server time minus this computer's), and where it comes from."""
    ntp = [r["offset_s"] for r in facts.get("ntp", {}).values() if r.get("status") == "ok"]
    if ntp:
        ntp.sort()
        return ntp[len(ntp) // 2], "ntp"
    http = facts.get("http_offset_s")
    if http is not None:
        return float(http), "http"
    return None, ""


def confirmation(facts: Facts, agree_seconds: float) -> dict[str, Any]:
    """Whether a second, independent source confirms the offset :func:`best_offset` trusts.

    {"status": "agree" | "disagree", "source", "offset_s", "by", "by_offset_s"} where ``source`` and ``by`` are "http" (the web
    server's Date header) or "ntp:<server>"; {"status": "none", "source", "offset_s"} when no other source answered; {} when none did.
    Agreeing means within ``agree_seconds``; the web server's date is compared first (another kind of source).
    """
    ntp = sorted(
        (
            (f"ntp:{k}", float(r["offset_s"]))
            for k, r in (facts.get("ntp") or {}).items()
            if r.get("status") == "ok" and isinstance(r.get("offset_s"), int | float)
        ),
        key=lambda item: item[1],
    )
    http = facts.get("http_offset_s")
    web = [("http", float(http))] if isinstance(http, int | float) and not isinstance(http, bool) else []
    if ntp:
        primary = ntp[len(ntp) // 2]
        others = web + [item for item in ntp if item is not primary]
    elif web:
        primary, others = web[0], []
    else:
        return {}
    if not others:
        return {"status": "none", "source": primary[0], "offset_s": primary[1]}
    agreeing = [item for item in others if abs(item[1] - primary[1]) <= agree_seconds]
    second = (agreeing or others)[0]
    return {"status": "agree" if agreeing else "disagree", "source": primary[0], "offset_s": primary[1], "by": second[0], "by_offset_s": second[1]}


#: round 22 (agent b trusted the card because "Both the time server and a web server's date confirm this"): a large offset
#: is claimed only when a second source does not contradict it; when they disagree, the customer compares with a phone
SOURCES_DISAGREE = N_("This computer's clock could not be checked: two sources of the right time on the internet do not agree.")
COMPARE_WITH_A_PHONE = N_(
    "Compare the date and time shown on this computer with a phone's. If they are the same, nothing needs to be done; if not, do the next step."
)


#: where the switch is, in words, rather than a label ("Set time automatically") each system names its own way;
#: no time zone or city: the clock is compared in universal time, so the zone cannot be the cause (round 2)
SET_TIME_AUTOMATICALLY = N_("Click “Open the date and time settings”, then, in the window that opens, turn on the switch that sets the time automatically.")
#: round 3: "where is the switch?": named as the running system labels it (its own words, in the person's language)
#: round 9: "the switch called …" / « le petit bouton à côté de … » quoted by both: fewer words, the system's own label
#: round 10: « allumez “Date et heure automatiques” » (allumer quoi ?): the switch, and where it is
SET_TIME_SWITCH = N_("Click “Open the date and time settings”, then turn on the switch under “{switch}” in the window that opens.")
SWITCH_NAMES = {
    "windows": N_("Set time automatically"),
    "darwin": N_("Set time and date automatically"),
    "linux": N_("Automatic Date & Time"),
}
#: a clock off by whole hours is most often a wrong time zone with the time then set by hand (agent round 3: the
#: support card said so, the customer's steps did not): the zone is checked in the same window
CHECK_THE_ZONE = N_("In the same window, check that the time zone (or city) shown is where you are, and choose the right one if it is not.")
IF_WRONG_AGAIN = N_("If the clock is wrong again the next time you turn the computer on, ask for help with the contact button at the bottom of the window.")


class ClockCheck(Check):
    id = "network.clock"
    category = "network"
    title = N_("Date and time")
    depends_on = ("network.gateway",)
    after = ("network.dns",)
    timeout = 5.0
    priority = 45

    def collect(self, ctx: Context) -> Facts:
        settings = netprobe.network_settings(ctx.config)
        servers = [str(s) for s in settings.get("ntp_servers", ["pool.ntp.org"])][:4]
        resolvers, known = netprobe.dns_context(ctx.facts_of, ctx.run, ctx.platform)
        dns_wait = netprobe.timeout_of(ctx.config, "dns")
        ntp_wait = netprobe.timeout_of(ctx.config, "ntp")

        def now() -> float:
            return ctx.now().timestamp()

        def ask(server: str) -> dict[str, Any]:
            found = netprobe.resolve(server, resolvers, dns_wait, known)
            if not found["addresses"]:
                return {"status": "not_found"}
            return {"address": found["addresses"][0], **netprobe.sntp_query(found["addresses"][0], ntp_wait, now)}

        url = str(settings.get("connectivity_url") or "")

        def http_date() -> dict[str, Any]:
            if not url or netconf.proxy_for(ctx.config, url):
                return {"status": "skipped"}
            host, _port, _path = netprobe.url_parts(url)
            found = netprobe.resolve(host, resolvers, dns_wait, known)
            if not found["addresses"]:
                return {"status": "not_found"}
            answer = netprobe.http_get(url, found["addresses"][0], min(ntp_wait, netprobe.timeout_of(ctx.config, "http")), method="HEAD")
            answer["local_time"] = now()
            return answer

        jobs: dict[str, Any] = {f"ntp:{s}": (lambda s=s: ask(s)) for s in servers}
        jobs["http"] = http_date
        right_s = float(ctx.thresholds["warn_seconds"])
        confirm_wait = float(ctx.thresholds["confirm_wait_seconds"])
        first_large: list[float] = []  # when a time server first said the clock is off

        def enough(done: dict[str, Any]) -> bool:
            """One time server's answer is enough when the clock is right; an offset to claim waits (confirm_wait at most)
            for a second source: the web server's Date or another time server (agent round 22)."""
            answers = [
                v["offset_s"] for k, v in done.items() if k.startswith("ntp:") and v.get("status") == "ok" and isinstance(v.get("offset_s"), int | float)
            ]
            if not answers:
                return False
            if any(abs(a) < right_s for a in answers):
                return True
            if len(answers) > 1 or (done.get("http", {}).get("headers") or {}).get("date"):
                return True
            first_large[:1] = first_large[:1] or [time.monotonic()]
            return time.monotonic() - first_large[0] >= confirm_wait

        results = netprobe.parallel(jobs, ntp_wait + dns_wait + 0.3, enough=enough)
        facts: dict[str, Any] = {"local_time": now(), "ntp": {s: results[f"ntp:{s}"] for s in servers}, "platform": ctx.platform}
        http = results["http"]
        date = (http.get("headers") or {}).get("date")
        if date:
            try:
                facts["http_offset_s"] = round(parsedate_to_datetime(date).timestamp() + 0.5 - http["local_time"], 1)
                facts["http_date"] = date
            except (TypeError, ValueError, KeyError):
                pass
        # both sources, and whether they agree (the card says it; the evaluation claims an offset only when not contradicted)
        facts["confirmation"] = confirmation(facts, float(ctx.thresholds["agree_seconds"]))
        # a clock off by whole hours is most often a wrong time zone: support needs the zone it is set to (agent round 13).
        # The card reads it only for a clock off by ZONE_NEEDED_SECONDS or more (on Windows it costs a second `tzutil /g`)
        offset, _source = best_offset(facts)
        if offset is not None and abs(offset) >= ZONE_NEEDED_SECONDS:
            facts["time_zone"] = time_zone(ctx.run, ctx.platform)
        return facts

    def evaluate(self, facts: Facts, thresholds: Thresholds) -> Outcome:
        offset, source = best_offset(facts)
        evidence: dict[str, Any] = {"offset_seconds": offset, "source": source, "ntp": {k: v.get("status") for k, v in facts.get("ntp", {}).items()}}
        if offset is None:
            return Outcome.skip(_("The clock could not be compared with a time server."), evidence=evidence)
        warn_s = float(thresholds["warn_seconds"])
        fail_s = float(thresholds["fail_seconds"])
        confirmed = confirmation(facts, float(thresholds["agree_seconds"]))
        evidence["confirmation"] = confirmed
        switch = SWITCH_NAMES.get(str(facts.get("platform") or ""))
        first = _(SET_TIME_SWITCH).format(switch=_(switch)) if switch else _(SET_TIME_AUTOMATICALLY)
        fix = Fix("open_datetime_settings", _("Open the date and time settings"))
        if abs(offset) >= warn_s and confirmed.get("status") == "disagree":  # one source says it is off, another does not agree
            return Outcome.warn(_(SOURCES_DISAGREE), advice=[_(COMPARE_WITH_A_PHONE), first], evidence=evidence, fix=fix)
        amount = describe_offset(offset)
        # offset = server - local: positive means this computer is behind
        if abs(offset) >= warn_s:
            summary = (
                _("This computer's clock is {amount} behind the right time.") if offset > 0 else _("This computer's clock is {amount} ahead of the right time.")
            ).format(amount=amount)
            # the cause line, not the headline (a short headline; the reassurance right under it)
            # no "your accounts are fine" (it raised the fear it meant to calm) and no "a small part keeps the time"
            # (read as "it needs repairing"): the worn clock battery is for support, in the evidence (round 2)
            # round 3: "how can a clock break the internet? has someone tampered with my computer?": one sentence why
            why = _(CLOCK_WHY) if abs(offset) >= fail_s else None  # the support card's draft says the same words
            # a time zone is never a day or more off (a clock months behind by a whole number of hours: a stopped clock)
            advice = [first, *([_(CHECK_THE_ZONE)] if whole_hours(offset) else []), _(IF_WRONG_AGAIN)]
            if abs(offset) >= fail_s:
                return Outcome.fail(summary, advice=advice, evidence=evidence, fix=fix, repairs=["time.resync"], why=why)
            return Outcome.warn(summary, advice=advice, evidence=evidence, fix=fix, repairs=["time.resync"])
        return Outcome.ok(_("The clock is right (within {amount}).").format(amount=describe_offset(max(1.0, abs(offset)))), evidence=evidence)
