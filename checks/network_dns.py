"""network.dns: can websites be found by name?

Each resolver the computer uses is asked directly (never through the OS
resolver, which can hang for seconds) for each configured name, so a dead, a
dropping, a filtering and a slow resolver are told apart, one by one.
"""

from __future__ import annotations

from typing import Any

from selfcheck import netprobe
from selfcheck.api import Check, Context, Facts, Fix, Outcome, Thresholds
from selfcheck.i18n import N_, _, ngettext

SINKHOLES = ("0.0.0.0", "127.", "::", "::1")


def _sinkhole(address: str) -> bool:
    return address in ("0.0.0.0", "::", "::1") or address.startswith("127.")


def classify(per_name: dict[str, dict[str, Any]], slow_ms: float) -> str:
    """One resolver's state: good, slow, nxdomain, blocked, servfail, timeout, refused, broken."""
    statuses = [a.get("status") for a in per_name.values()]
    if not statuses:
        return "broken"
    if all(s == "timeout" for s in statuses):
        return "timeout"
    if all(s in ("refused", "unreachable", "timeout") for s in statuses) and any(s in ("refused", "unreachable") for s in statuses):
        return "refused"  # a refusal is definite; routers rate-limit the ICMP errors, so the rest time out
    answers = [a for a in per_name.values() if a.get("status") == "answer"]
    if any(a.get("rcode") == "NXDOMAIN" for a in answers):
        return "nxdomain"
    if any(a.get("addresses") and all(_sinkhole(x) for x in a["addresses"]) for a in answers):
        return "blocked"
    if any(a.get("rcode") not in ("NOERROR", None) for a in answers):
        return "servfail"
    if len(answers) < len(statuses):
        return "timeout" if any(s == "timeout" for s in statuses) else "broken"
    if any(not a.get("addresses") for a in answers):
        return "nxdomain"
    if max(a.get("ms", 0) for a in answers) > slow_ms:
        return "slow"
    return "good"


class DnsCheck(Check):
    id = "network.dns"
    category = "network"
    title = N_("Finding websites by name (DNS)")
    depends_on = ("network.gateway",)
    timeout = 6.0
    priority = 30

    def collect(self, ctx: Context) -> Facts:
        found = netprobe.find_resolvers(ctx.run, ctx.platform)
        names = [str(n) for n in netprobe.network_settings(ctx.config).get("dns_names", ["example.com"])]
        wait = netprobe.timeout_of(ctx.config, "dns")
        servers = found["servers"][: int(ctx.thresholds.get("max_resolvers", 4))]
        # the names the upper checks need are resolved here too, once, within this check's time
        others = [h for h in netprobe.hosts_to_resolve(ctx.config) if h not in names]
        jobs = {f"{s}|{n}": (lambda s=s, n=n: netprobe.dns_query(s, n, "A", timeout=wait)) for s in servers for n in [*names, *others]}
        results = netprobe.parallel(jobs, wait + 0.5) if jobs else {}
        queries: dict[str, dict[str, Any]] = {s: {} for s in servers}
        for key, answer in results.items():
            server, name = key.split("|", 1)
            queries[server][name] = answer
        return {"resolvers": servers, "source": found.get("source"), "stub": found.get("stub"), "names": names, "other_names": others, "queries": queries}

    def evaluate(self, facts: Facts, thresholds: Thresholds) -> Outcome:
        servers = facts.get("resolvers", [])
        queries = facts.get("queries", {})
        names = facts.get("names", [])
        slow_ms = float(thresholds.get("slow_ms", 400))
        states = {s: classify({n: a for n, a in queries.get(s, {}).items() if n in names}, slow_ms) for s in servers}
        evidence: dict[str, Any] = {"resolvers": states, "source": facts.get("source")}
        settings_fix = Fix("open_network_settings", _("Open the network settings"))
        if not servers:
            return Outcome.fail(
                _("No DNS server is set, so websites cannot be found by name."),
                advice=[
                    _("Disconnect from the network and connect again, or restart the computer."),
                    _("If someone set the DNS servers by hand, set them back to automatic."),
                ],
                evidence=evidence,
                fix=settings_fix,
            )
        good = [s for s, state in states.items() if state in ("good", "slow")]
        bad = [s for s in servers if s not in good]
        listing = ", ".join(bad)
        if not good:
            kinds = {states[s] for s in bad}
            bad_names = sorted(
                {
                    n
                    for s in bad
                    for n, a in queries.get(s, {}).items()
                    if a.get("rcode") == "NXDOMAIN" or a.get("addresses") and all(_sinkhole(x) for x in a["addresses"])
                }
            )
            restart = _("Restart your internet box or router, wait two minutes, then check again.")
            if kinds <= {"timeout"}:
                return Outcome.fail(
                    ngettext(
                        "The DNS server ({servers}) does not answer, so websites cannot be found by name.",
                        "The DNS servers ({servers}) do not answer, so websites cannot be found by name.",
                        len(bad),
                    ).format(servers=listing),
                    advice=[restart, _("If it happens again, tell your internet provider that their DNS server does not answer.")],
                    evidence=evidence,
                    caused_by=["network.quality"],
                )
            if kinds <= {"refused"}:
                return Outcome.fail(
                    ngettext(
                        "The DNS server ({servers}) refuses connections: it is not running or is blocked, so websites cannot be found by name.",
                        "The DNS servers ({servers}) refuse connections: they are not running or are blocked, so websites cannot be found by name.",
                        len(bad),
                    ).format(servers=listing),
                    advice=[restart, _("If someone set the DNS servers by hand, set them back to automatic.")],
                    evidence=evidence,
                    fix=settings_fix,
                )
            if kinds & {"nxdomain", "blocked"}:
                return Outcome.fail(
                    ngettext(
                        "The DNS server ({servers}) says that {names} does not exist, although it does: it is filtering or redirecting websites.",
                        "The DNS servers ({servers}) say that {names} does not exist, although it does: they are filtering or redirecting websites.",
                        len(bad),
                    ).format(servers=listing, names=", ".join(bad_names) or ", ".join(names)),
                    advice=[
                        _("If you use a parental control, ad blocker or security filter, check that it does not block this site."),
                        _("Otherwise set the DNS servers back to automatic, or tell your internet provider."),
                    ],
                    evidence=evidence,
                    fix=settings_fix,
                )
            return Outcome.fail(
                ngettext(
                    "The DNS server ({servers}) has a problem and cannot find websites by name.",
                    "The DNS servers ({servers}) have a problem and cannot find websites by name.",
                    len(bad),
                ).format(servers=listing),
                advice=[restart],
                evidence=evidence,
                caused_by=["network.quality"],
            )
        if bad:
            return Outcome.warn(
                _("One of your DNS servers ({bad}) does not work; the other ({good}) does, so websites may load slowly or fail at times.").format(
                    bad=listing, good=", ".join(good)
                ),
                advice=[
                    _("Restart your internet box or router."),
                    _("If someone set the DNS servers by hand, remove the one that does not work or set them back to automatic."),
                ],
                evidence=evidence,
                fix=settings_fix,
                caused_by=["network.quality"] if all(states[s] == "timeout" for s in bad) else [],
            )
        times = [a.get("ms", 0) for s in good for n, a in queries.get(s, {}).items() if n in names and a.get("status") == "answer"]
        slowest = max(times, default=0)
        evidence["slowest_ms"] = slowest
        if slowest > slow_ms:
            return Outcome.warn(
                _("Finding websites by name is slow ({ms} ms), so every new page starts late.").format(ms=f"{slowest:.0f}"),
                advice=[_("Restart your internet box or router. If it stays slow, tell your internet provider that their DNS is slow.")],
                evidence=evidence,
                caused_by=["network.quality"],
            )
        return Outcome.ok(_("Websites are found by name quickly ({ms} ms).").format(ms=netprobe.format_ms(slowest)), evidence=evidence)
