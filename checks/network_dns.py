"""network.dns: can websites be found by name?

Each resolver the computer uses is asked directly (never through the OS
resolver, which can hang for seconds) for each configured name, so a dead, a
dropping, a filtering and a slow resolver are told apart, one by one.
"""

from __future__ import annotations

import time
from typing import Any

from selfcheck import netprobe, plainwords
from selfcheck.api import Check, Context, Facts, Fix, Outcome, Thresholds
from selfcheck.i18n import N_, _
from selfcheck.wording import held_together


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


#: the headlines that end "so websites do not open" already say the "internet" symptom: no "this is probably why" after them
SAYS_INTERNET = ("internet",)
REFERENCE = "reference "  # how a company's reference resolver is told apart from this computer's in the facts


def known_addresses(config: Any) -> dict[str, list[str]]:
    """[network.known_addresses]: host -> the addresses it really has (a company's support server)."""
    table = netprobe.network_settings(config).get("known_addresses")
    if not isinstance(table, dict):
        return {}
    return {str(h).lower(): [str(a) for a in v] for h, v in table.items() if isinstance(v, list) and v}


def _answered(answer: dict[str, Any]) -> list[str]:
    if answer.get("status") != "answer" or answer.get("rcode") != "NOERROR":
        return []
    return sorted(a for a in answer.get("addresses") or [] if not _sinkhole(a))


def suspicious_answers(queries: dict[str, dict[str, Any]], known: dict[str, list[str]]) -> dict[str, list[str]]:
    """Resolvers whose answers look made up, with why: ``known`` (a host's known addresses
    are not among them), ``disagree`` (another resolver gives other addresses for the same
    name), ``same`` (three or more different names all lead to one single address)."""
    found: dict[str, list[str]] = {}
    for server, per_name in queries.items():
        reasons = []
        answers = {n: _answered(a) for n, a in per_name.items() if _answered(a)}
        if any(n.lower() in known and not set(addrs) & set(known[n.lower()]) for n, addrs in answers.items()):
            reasons.append("known")
        for other, other_names in queries.items():
            if other != server and any(
                _answered(other_names.get(n, {})) and not set(addrs) & set(_answered(other_names.get(n, {}))) for n, addrs in answers.items()
            ):
                reasons.append("disagree")
                break
        if len(answers) >= 3 and len({tuple(a) for a in answers.values()}) == 1 and len(next(iter(answers.values()))) == 1:
            reasons.append("same")
        if reasons:
            found[server] = reasons
    return found


def lying_resolvers(facts: Facts) -> list[str]:
    """Resolvers proven to lie: their doubtful answers lead to addresses that accept no
    connection, while what they are compared with does (or every name leads to one dead address)."""
    reachable = facts.get("reachable") or {}
    queries = facts.get("queries") or {}
    liars = []
    for server, reasons in (facts.get("suspicions") or {}).items():
        given = {a for answer in queries.get(server, {}).values() for a in _answered(answer)}
        if not given or any(reachable.get(a) != "dead" for a in given):
            continue
        others = {a for a, state in reachable.items() if a not in given and state == "open"}
        if others or "same" in reasons:
            liars.append(server)
    return liars


def _seconds(ms: float) -> str:
    from selfcheck.i18n import current_language

    text = f"{ms / 1000:.1f}"
    return text.replace(".", ",") if current_language() == "fr" else text


#: the step for servers that may have been typed in by hand (no servers at all, unknown whether set by hand, refused)
SET_DNS_BACK_TO_AUTOMATIC = N_("If someone set the DNS servers by hand, set them back to automatic.")

#: the box refuses to find names while this computer asks it, automatically: the last step names the box, not this computer
DNS_BOX_SETTINGS_STEP = N_(
    "If websites still do not open, and someone changed the settings of your internet box, ask them to put them back; "
    "otherwise ask for help with the contact button at the bottom of the window. Nothing needs changing on this computer."
)


class DnsCheck(Check):
    id = "network.dns"
    category = "network"
    title = N_("Finding websites by name")
    depends_on = ("network.gateway",)
    after = ("network.internet",)  # a line that is down explains names not found
    timeout = 6.0
    priority = 30

    def collect(self, ctx: Context) -> Facts:
        found = netprobe.find_resolvers(ctx.run, ctx.platform)
        names = [str(n) for n in netprobe.network_settings(ctx.config).get("dns_names", ["example.com"])]
        wait = netprobe.timeout_of(ctx.config, "dns")
        # a resolver that answers after several seconds is slow, not dead: when nothing has
        # answered within the usual wait, keep listening a little longer (leaving time to verify)
        patience = max(wait, min(float(ctx.thresholds["patience_seconds"]), ctx.remaining() - 1.5))
        servers = found["servers"][: int(ctx.thresholds["max_resolvers"])]
        # the names the upper checks need are resolved here too, once, within this check's time
        others = [h for h in netprobe.hosts_to_resolve(ctx.config) if h not in names]
        jobs = {f"{s}|{n}": (lambda s=s, n=n: netprobe.dns_query(s, n, "A", timeout=patience)) for s in servers for n in [*names, *others]}
        # resolvers a company trusts, to compare answers with ([network] reference_resolvers; none by default)
        references = [str(r) for r in netprobe.network_settings(ctx.config).get("reference_resolvers") or [] if str(r) not in servers][:2]
        jobs.update({f"{REFERENCE}{r}|{n}": (lambda r=r, n=n: netprobe.dns_query(r, n, "A", timeout=wait)) for r in references for n in [*names, *others]})
        start = time.monotonic()

        all_names = [*names, *others]
        complete_at: list[float] = []

        def enough(so_far: dict[str, Any]) -> bool:
            # stop waiting once the usual wait is over and one resolver has answered every name
            # (half a second ago, so a late resolver answering at the same moment is not cut off)
            now = time.monotonic()
            if not complete_at and any(all(so_far.get(f"{s}|{n}", {}).get("status") == "answer" for n in all_names) for s in servers):
                complete_at.append(now)
            return bool(complete_at) and now - start >= wait and now - complete_at[0] >= 0.5

        results = netprobe.parallel(jobs, patience + 0.3, enough) if jobs else {}
        queries: dict[str, dict[str, Any]] = {s: {} for s in servers}
        reference: dict[str, dict[str, Any]] = {}
        for key, answer in results.items():
            server, name = key.split("|", 1)
            if answer.get("status") == "not_needed":  # still unanswered when another resolver had answered
                answer = {"status": "timeout", "ms": netprobe.ms_since(start)}
            if server.startswith(REFERENCE):
                reference.setdefault(server, {})[name] = answer
            else:
                queries[server][name] = answer
        facts: Facts = {
            "gateway": (ctx.facts_of("network.gateway") or {}).get("gateway"),
            "resolvers": servers,
            "source": found.get("source"),
            "stub": found.get("stub"),
            "names": names,
            "other_names": others,
            "queries": queries,
        }
        # the internet check's second resolver (asked anyway, to tell a dead line from dead DNS) is a reference too
        second = (ctx.facts_of("network.internet") or {}).get("second_resolver") or {}
        if second.get("status") == "answer" and second.get("server") and second.get("name") and str(second["server"]) not in servers:
            reference.setdefault(f"{REFERENCE}{second['server']}", {}).setdefault(str(second["name"]), dict(second))
        if reference:
            facts["reference"] = reference
        beyond = ctx.facts_of("network.internet")
        if beyond:  # whether anything beyond the box answered (a box cut from its line cannot find names either)
            probes = beyond.get("addresses") or {}
            facts["internet_answers"] = any(isinstance(p, dict) and p.get("status") in ("ok", "refused") for p in probes.values()) or bool(
                second.get("status") == "answer" and second.get("addresses")
            )
        known = known_addresses(ctx.config)
        suspicions = {s: r for s, r in suspicious_answers({**queries, **reference}, known).items() if s in queries}
        if suspicions:
            facts["suspicions"] = suspicions
            facts["known_addresses"] = known
            facts["reachable"] = self._reachability(ctx, {**queries, **reference}, known, suspicions)
        # whether these servers were typed in by hand on this computer or came from the network (None: unknown); read last,
        # so the probes above keep their time. Only evaluate's branch where no server answered reads it (a server that
        # answered every name is never "timeout"), so a scan where one did skips the 1+N nmcli/networksetup runs
        if not any(all(queries.get(s, {}).get(n, {}).get("status") == "answer" for n in names) for s in servers):
            hand = netprobe.dns_set_by_hand(ctx.run, ctx.platform)
            facts["dns_setting"] = netprobe.dns_setting(servers, hand)
            if hand:
                facts["dns_by_hand"] = hand
        facts.update(plainwords.provider_fact(ctx.config))  # whether "tell your internet provider" means the company itself
        return facts

    @staticmethod
    def _reachability(ctx: Context, queries: dict[str, dict[str, Any]], known: dict[str, list[str]], suspicions: dict[str, list[str]]) -> dict[str, str]:
        """Whether the doubtful addresses, and those to compare them with, accept connections (ports 443 or 80)."""
        doubtful = list(dict.fromkeys(a for s in suspicions for answer in queries.get(s, {}).values() for a in _answered(answer)))
        compare = [a for addresses in known.values() for a in addresses]
        compare += [a for per_name in queries.values() for answer in per_name.values() for a in _answered(answer)]
        compare = [a for a in dict.fromkeys(compare) if a not in doubtful]
        addresses = [*doubtful[:5], *compare[:3]]
        limit = min(netprobe.timeout_of(ctx.config, "connect"), max(0.3, ctx.remaining() - 0.3))
        jobs = {f"{a}|{port}": (lambda a=a, port=port: netprobe.tcp_connect(a, port, limit)) for a in addresses for port in (443, 80)}
        probes = netprobe.parallel(jobs, limit + 0.2) if jobs else {}
        states: dict[str, str] = {}
        for a in addresses:
            got = [probes.get(f"{a}|{port}", {}).get("status") for port in (443, 80)]
            states[a] = "open" if "ok" in got else "blocked" if all(g == "blocked" for g in got) else "dead"
        return states

    def evaluate(self, facts: Facts, thresholds: Thresholds) -> Outcome:
        servers = facts.get("resolvers", [])
        queries = facts.get("queries", {})
        names = facts.get("names", [])
        slow_ms = float(thresholds["warn_answer_ms"])
        states = {s: classify({n: a for n, a in queries.get(s, {}).items() if n in names}, slow_ms) for s in servers}
        evidence: dict[str, Any] = {"resolvers": states, "source": facts.get("source")}
        settings_fix = Fix("open_network_settings", _("Open the network settings"))
        if not servers:
            return Outcome.fail(
                _("Websites cannot be opened: this computer has nobody to ask where websites are."),
                why=_("The network did not give this computer that setting when it connected, or it was removed by hand."),
                advice=[
                    _("Disconnect from the network and connect again, or restart the computer."),
                    _(SET_DNS_BACK_TO_AUTOMATIC),
                ],
                evidence=evidence,
                fix=settings_fix,
                repairs=["network.renew_address"],  # the router gives the DNS servers with the address
            )
        liars = lying_resolvers(facts)
        if liars:
            evidence["wrong_answers_from"] = liars
            evidence["suspicions"] = facts.get("suspicions")
            evidence["reachable"] = facts.get("reachable")
            gateway = str(facts.get("gateway") or "")
            if liars == [gateway]:
                summary = _("Websites cannot be reached because your internet box gives wrong directions to them. The connection itself works.")
            elif len(liars) == len([s for s in servers if states[s] in ("good", "slow")]):
                summary = _(
                    "Websites cannot be reached because the service this computer asks for directions to websites gives wrong ones. The connection itself works."
                )
            else:
                summary = _("One of the services this computer asks for directions to websites gives wrong ones, so some websites do not open at times.")
            return Outcome.fail(
                summary,
                advice=[
                    *plainwords.restart_the_box(),
                    plainwords.to_provider(plainwords.DNS_BACK_OR_PROVIDER, facts),
                    _("Run a full virus scan: some harmful programs change where websites are looked up."),
                ],
                evidence=evidence,
                fix=settings_fix,
            )
        good = [s for s, state in states.items() if state in ("good", "slow")]
        bad = [s for s in servers if s not in good]
        # "your internet box" only when the server asked IS the router (round 5: a hand-set or provider server, even at a
        # private-looking address such as 198.51.100.53, is not the box, and the customer would be sent to the wrong device)
        box = bool(bad) and bool(facts.get("gateway")) and all(s == facts.get("gateway") for s in bad)
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
            restart = plainwords.restart_the_box()
            # round 4: "find websites by their name" was still not understood in both headlines: when the box is the one
            # asked, the headline says what a person can picture (the box does not answer); the name idea stays in the why
            # round 5: the headline follows the facts: no answer vs a refusal, and the box only when the box is the one asked
            headline = (
                _("Your internet box does not find websites for your computer, so websites do not open.")
                if box
                else _("Your computer cannot find websites by their name, so websites do not open.")
            )
            setting = facts.get("dns_setting")
            contact = _(
                # round 13: "sends the results of this check: what exactly gets sent?" (en, fr): what, and what not
                # round 16 (fr): « envoyer quoi, à qui ? »: to support, the word the line beside the button explains
                # (the company's name lives in the branding, which the window shows there)
                "If it happens again, ask for help with the contact button at the bottom of the window: it sends your message "
                "to support with what this check found (not your files, e-mails or photos), and you see it before anything is "
                "sent, so you do not have to explain it."
            )
            if kinds <= {"timeout"} and not box and setting == "hand":
                # review: servers typed in by hand (an old company server, a public one now blocked) make this computer's own
                # setting the cause: restarting the box does nothing, setting them back to automatic does
                evidence["dns_setting"] = setting
                evidence["dns_by_hand"] = facts.get("dns_by_hand")
                return Outcome.fail(
                    _("Websites do not open: someone set this computer by hand to ask a service that no longer answers where websites are."),
                    why=_("Restarting your internet box will not help: the setting that stops websites from opening is on this computer."),
                    advice=[
                        _("Open the network settings with the button below and set the way websites are found back to automatic (the “DNS” setting)."),
                        _(plainwords.ASK_IF_WEBSITES_STILL_DO_NOT_OPEN),
                    ],
                    evidence=evidence,
                    fix=settings_fix,
                    says_symptoms=list(SAYS_INTERNET),
                )
            if kinds <= {"timeout"} and not box and setting != "automatic":
                # unknown whether they were set by hand: the box's restart helps most often, but "your computer is not the
                # cause" is not known, and the hand-set case gets its own step
                evidence["dns_setting"] = setting
                return Outcome.fail(
                    _("Websites do not open. Restarting your internet box usually sorts it out."),
                    advice=[*restart, _(SET_DNS_BACK_TO_AUTOMATIC), contact],
                    evidence=evidence,
                    fix=settings_fix,
                    caused_by=["network.quality"],
                    says_symptoms=list(SAYS_INTERNET),
                )
            # a home whose box is its DNS and whose line is down: the box answers (network.gateway says so) but its name
            # service has nobody to ask; "does not answer your computer" beside "your internet box answers" read as a contradiction
            line_down = box and facts.get("internet_answers") is False
            if kinds <= {"timeout"}:
                return Outcome.fail(
                    _("Your internet box does not find websites for your computer, so websites do not open.")
                    if line_down
                    else _("Your internet box does not answer your computer, so websites do not open.")
                    if box
                    # rounds 10-11: "your computer cannot find where they are" quoted in en and fr ("a site is not a place",
                    # "the sites are lost?"); round 12: "connected" beside "the internet does not work" read as a contradiction (en, fr):
                    # the headline says what the person sees and that the fault is outside this computer (not "box": the server asked is not the box)
                    # round 13: "fault outside this computer" quoted (en): what is not the cause and where the trouble is, in the
                    # reader's words (the servers asked are the provider's, reached through the box)
                    # round 14 (fr): long, read twice, and "your internet company" beside a footer that says support IS the
                    # internet company ("Clearline or someone else?"): shorter, and the line, not the company
                    # round 15: "internet line" quoted (en): the one thing the person has and can act on, the box and its restart
                    # (the servers asked are reached through it; the why said so), and what is not the cause
                    else _("Websites do not open. Your computer is not the cause: restarting your internet box usually sorts it out."),
                    # the headline already says the box does not answer: the why says what that answer is for
                    # round 7: "asks where it is; what it asks has stopped answering" made no sense to either reader
                    why=_("Before opening a website, your computer asks the box where that website is; the box has stopped answering.")
                    if box and not line_down
                    # round 8: "the service it asks" (what service?): the servers asked are not the box
                    # round 9: "online address book" and "internet provider" quoted by both readers: where it comes from,
                    # with no mechanism (the servers asked and their silence are in the technical details)
                    # round 13: the headline says where (the box or the internet company): the why only what helps most often
                    # round 15: the headline says it now: no why to repeat it
                    else None,
                    advice=[
                        *restart,
                        contact,
                    ],
                    evidence=evidence,
                    caused_by=["network.quality"],
                    says_symptoms=list(SAYS_INTERNET),
                )
            if kinds <= {"refused"}:
                return Outcome.fail(
                    _("Your internet box answers your computer but refuses to find websites for it, so websites do not open.")
                    if box
                    else _("Websites do not open: your computer is refused when it asks where they are."),
                    why=_("Your internet box refuses when your computer asks where a website is: that part of the box has stopped.")
                    if box
                    else _("The service your computer asks where websites are refuses to answer: it has stopped or something blocks it."),
                    # agent round 6: "back to automatic: on the computer or on the box?": when the box is the one asked, this
                    # computer's setting is already automatic (nothing to change here): the step says where, the box's settings
                    advice=[*restart, _(DNS_BOX_SETTINGS_STEP)] if box else [*restart, _(SET_DNS_BACK_TO_AUTOMATIC)],
                    evidence=evidence,
                    fix=None if box else settings_fix,
                    says_symptoms=list(SAYS_INTERNET),
                )
            if kinds & {"nxdomain", "blocked"}:
                evidence["said_not_to_exist"] = bad_names or list(names)
                return Outcome.fail(
                    _("Websites are said not to exist, although they do: something on this network filters or redirects them."),
                    advice=[
                        _("If you use a parental control, ad blocker or security filter, check that it does not block this site."),
                        plainwords.to_provider(plainwords.FILTER_DNS_OR_PROVIDER, facts),
                    ],
                    evidence=evidence,
                    fix=settings_fix,
                )
            return Outcome.fail(
                headline,
                why=_("The service your computer asks where websites are has a problem."),
                advice=[*restart],
                evidence=evidence,
                caused_by=["network.quality"],
                says_symptoms=list(SAYS_INTERNET),
            )
        if bad:
            return Outcome.warn(
                _("One of the two services your computer asks where websites are does not work, so websites may load slowly or fail at times."),
                advice=[
                    *plainwords.restart_the_box(),
                    _("If someone set the DNS servers by hand, remove the one that does not work or set them back to automatic."),
                ],
                evidence=evidence,
                fix=settings_fix,
                caused_by=["network.quality"] if all(states[s] == "timeout" for s in bad) else [],
            )
        times = [a.get("ms", 0) for s in good for n, a in queries.get(s, {}).items() if n in names and a.get("status") == "answer"]
        slowest = max(times, default=0)
        evidence["slowest_ms"] = slowest
        if slowest >= float(thresholds["fail_answer_ms"]):
            return Outcome.fail(
                held_together(
                    _("Finding websites by name is very slow ({seconds} seconds each time), so websites take several seconds to start loading.").format(
                        seconds=_seconds(slowest)
                    )
                ),
                advice=[
                    *plainwords.restart_the_box(),
                    plainwords.to_provider(plainwords.DNS_SLOW_OR_AUTOMATIC, facts),
                ],
                evidence=evidence,
                fix=settings_fix,
                # a line that loses much of its data makes a question wait for its resend (a second or more) while others are
                # answered at once: then the slow answers follow from what network.quality measured, and the line is the cause
                # to tell. A server slow on every name is a slow server, whatever the line (review: a line merely slow to
                # respond, 450 ms, hid a name service answering every name after 3 s)
                caused_by=["network.quality"] if min(times) <= slow_ms else [],
            )
        if slowest > slow_ms:
            return Outcome.warn(
                _("Finding websites by name is slow ({ms} ms), so every new page starts late.").format(ms=f"{slowest:.0f}"),
                advice=[*plainwords.restart_the_box(), plainwords.to_provider(plainwords.DNS_SLOW, facts)],
                evidence=evidence,
                caused_by=["network.quality"],
            )
        return Outcome.ok(_("Websites are found by name quickly ({ms} ms).").format(ms=netprobe.format_ms(slowest)), evidence=evidence)
