"""network.https: do secure (HTTPS) connections work, and if not, why?

TLS handshakes to the configured addresses, trusting what the OS trusts plus
``extra_ca_file``. A failure is classified plainly: the clock is wrong, the
connection is intercepted by a program or proxy with its own certificate, the
name does not match, the handshake is refused, or port 443 is blocked.
"""

from __future__ import annotations

import functools
import threading
import time
from collections.abc import Callable, Mapping
from typing import Any

from selfcheck import netconf, netprobe, plainwords
from selfcheck.api import Check, Context, Facts, Fix, Outcome, Status, Thresholds
from selfcheck.i18n import N_, _

from .network_clock import SET_TIME_AUTOMATICALLY, describe_offset
from .network_proxy import lets_through

# OpenSSL verify codes
NOT_YET_VALID, EXPIRED = 9, 10
UNTRUSTED = {2, 18, 19, 20, 21, 27}
HOSTNAME_MISMATCH = 62


#: secure websites blocked (port 443 dropped or cut): the cause in the person's words, and what they can do.
#: Lay readers (round 2) could not take the phone's hotspot step, feared "hacked" and "your bank", and quoted
#: "security program", "network", "antivirus": one thing a person can do (restart the box), check again, ask for help.
#: The exact facts (which port, which address, a firewall or a filter) stay in the evidence and the support card.
#: round 3 (fr): "connected to the internet" beside "your internet connection does not work" (the symptom's words) read
#: as a contradiction: what still gets through is said instead
#: round 4: "some other things still get through" and "something on the way … stops them" were read as "someone blocks
#: or spies on me": said simply; the nuance (what still gets through, where it stops) is on the support card
# agent round 6: "many" and "got stuck" told another story than the facts (other sites open, only secure ones are stopped,
# beyond this computer) and than the support card: one story now: some sites, stopped at the box or beyond, restart first
BLOCKED_SUMMARY = N_("Some websites do not open.")
#: verdict round 10: "Some websites: which ones? my e-mail? video calls?" (both readers): when every site tried fails
#: on a secure connection (as almost every site uses), "most", and the one they asked about (no bank: feared, round 2)
#: verdict round 14: "Most websites: which ones still work? why some and not others?" (en, fr): no quantifier to question;
#: the sites like their e-mail (secure ones, as almost every site is) are the ones that do not open
MOST_BLOCKED_SUMMARY = N_("Websites such as your e-mail do not open.")
#: one story with the support card (agent round 3): most often the box or the network beyond it, not this computer
# verdict round 5: "why would my own box stop websites? is someone blocking me?": one plain, calm reason
# verdict round 8: "stopped on the way" / « arrêtés en chemin » and "what stops them" read as a hacker: who, and that
# it is not an attack
# verdict round 9: "not an attack" put the idea of an attack in both readers' heads; "a hiccup", "the setting at fault",
# "internet provider" quoted: where it comes from and what helps, with no mechanism (that is on the support card)
# agent round 12: the screen said flatly "your internet box or your internet company" while the card says it can be a company,
# school or hotel network: away from home it is that place's network, and the box restart is for home
# verdict round 14 (fr): « la société qui vous fournit internet : c'est bien Clearline ? » beside a footer naming the internet
# company: the line, as on the names-not-found screen
# verdict round 15: the parenthesis "(away from home, from the internet of the place where you are)" muddled both readers
# (at home), and "internet line" was quoted (en): one plain sentence true at home and away, the connection they are using
# verdict round 16: "the internet connection you are using (isn't that the box?)" (en), « connexion internet : différent de
# la box ? » (fr): the box alone, and "further away" for what lies beyond it (the provider, a place's network)
# verdict round 17: "or from further away: further away where?" (en), « plus loin où ? » (fr, "sounds serious outside"):
# where, with the two things the person knows (the box and the websites); true at home and away, and not the websites
# agent rounds 29-31: the support card says "not this computer" as far as the bundle can show (a security program on it that
# stops only secure sites beyond the box would not show): the screen as sure as the facts are, and no surer
BLOCKED_WHY = N_(
    "This most likely comes from the internet box, or from somewhere between the box and the websites, not from this computer. "
    "At home, restarting the box usually sorts it out; if not, support can look into it with you."
)
#: verdict round 16: "Websites such as your e-mail do not open: my first fear would be that my e-mails are lost" (en): they
#: are not (the e-mails wait at the e-mail company until its site opens again; nothing on this computer is touched)
EMAILS_NOT_LOST = N_("Your e-mails are not lost: they will be there once the sites open again.")
#: issue 21: this computer's own firewall stops them (security.firewall's outgoing rules, supportcard.own_stops): "not from this
#: computer" is false, and a box restart would not help; said plainly (no "firewall", "rule" or "port" for the customer), with the
#: one step that helps: support changes the setting with them
OWN_SETTING_WHY = N_("A setting on this computer stops these websites: restarting the internet box would not help.")
OWN_SETTING_STEP = N_("Ask for help with the contact button at the bottom of the window: support can change that setting with you.")
#: a failure that may pass by itself: try again, then tell support (explain's retry, and the mixed "forbidden" case)
RETRY_LATER = N_("Check again in a few minutes. If it happens again, send the results to support.")
BLOCKED_STEPS = (
    plainwords.RESTART_BOX,
    plainwords.WAIT_FOR_THE_BOX,
    plainwords.ASK_IF_WEBSITES_STILL_DO_NOT_OPEN,
)


def box_not_cleared(facts: Facts) -> bool:
    """Whether the facts point at this computer for stopped secure connections: it did not even reach the internet box's
    own secure port (network.gateway's TCP 443: no answer, where a box answers or refuses). A security program or firewall
    on this computer that drops secure connections stops those too (the support card's lab case), so "not from this
    computer" is not said then. Unknown (no gateway facts, an older bundle): as before."""
    return str(facts.get("box_tcp_443") or "ok") not in ("ok", "refused", "blocked")  # blocked: not tried (outside the allowed addresses)


def own_setting_stops(facts: Facts, failed: list[Any]) -> bool:
    """This computer's own firewall (security.firewall's outgoing rules, copied as "own_firewall") stops the secure sites that
    failed: an explicit rule that stops secure connections to them, every condition of it read, and nothing seen leaving
    this computer against it (supportcard.own_stops). A default block alone is not enough: the screen keeps the box first."""
    from selfcheck.supportcard import own_firewall, own_stops

    addresses = [str(r.get("address")) for r in failed if isinstance(r, dict) and r.get("address")]
    return own_stops(own_firewall(facts.get("own_firewall")), addresses, facts)


def outbound_rules(ctx: Context) -> Any:
    """What this computer's own firewall does to outgoing connections: security.firewall's "outbound" facts when it ran; else
    (the internet symptom does not run it: a firewall that is off does not stop the internet) read here as it reads them."""
    firewall = ctx.facts_of("security.firewall")
    if firewall is not None:
        return firewall.get("outbound")
    from .security_firewall import read_outbound

    return read_outbound(ctx)


#: issue 21: the TTL-limited connection attempts (netprobe.ttl_probe) that tell the internet box from what lies beyond it: the
#: secure port one step out (the box answers "time exceeded": the probe works and names the box), then plain and secure two and
#: three steps out (the supportcard reads them: supportcard.hops_settle)
HOP_PROBES = ((443, 1), (80, 2), (443, 2), (80, 3), (443, 3))
#: seconds before the secure attempt two steps out is sent again (issue 21 review: routers limit their ICMP answers per second)
HOP_AGAIN_PAUSE = 0.3


def plain_answered(internet: Any, addresses: Any) -> tuple[str, int] | None:
    """An address of a secure site tried that answered a plain connection (network.internet's "addresses", "ip:port" ->
    result), as the support card's "What proves it" finds it: (address, port), the lowest address first; None when none did."""
    probes = internet.get("addresses") if isinstance(internet, Mapping) else None
    found = []
    for key, result in probes.items() if isinstance(probes, Mapping) else ():
        host, _sep, port = str(key).rpartition(":")
        if isinstance(result, Mapping) and result.get("status") in ("ok", "refused") and host.strip("[]") in addresses and port.isdigit() and port != "443":
            found.append((host.strip("[]"), int(port)))
    return min(found) if found else None


def hop_probes(ctx: Context, results: Mapping[str, Any]) -> dict[str, Any] | None:
    """Issue 21: where every secure site tried got no answer (timeouts) and one of their addresses answered a plain connection
    (network.internet), the TTL-limited attempts of HOP_PROBES to that address, at once, bounded by the connect timeout:
    {"address", "plain_port", "probes": {"443@1": ttl_probe's result, ...}}. None otherwise (nothing run). Where the secure
    attempt two steps out got nothing while the plain one was answered by a router, it is sent once more after a pause
    (HOP_AGAIN_PAUSE), kept as "443@2 again": a router that limits how often it answers may skip one of two sent at once, and
    the card settles "the box stops them" only when both got nothing (supportcard.hops_settle)."""
    tried = [r for r in results.values() if isinstance(r, Mapping)]
    if not tried or not all(r.get("status") == "timeout" for r in tried):
        return None
    found = plain_answered(ctx.facts_of("network.internet"), {str(r.get("address")) for r in tried if r.get("address")})
    if found is None:
        return None
    address, plain = found
    wait = netprobe.timeout_of(ctx.config, "connect")
    jobs: dict[str, Callable[[], Any]] = {
        f"{port}@{ttl}": functools.partial(netprobe.ttl_probe, address, plain if port == 80 else port, ttl, wait) for port, ttl in HOP_PROBES
    }
    probes = netprobe.parallel(jobs, wait + 0.5)
    first, plain_two = probes.get("443@2"), probes.get("80@2")
    if isinstance(first, Mapping) and first.get("status") == "silent" and isinstance(plain_two, Mapping) and plain_two.get("status") == "time_exceeded":
        time.sleep(HOP_AGAIN_PAUSE)
        probes["443@2 again"] = netprobe.ttl_probe(address, 443, 2, wait)
    return {"address": address, "plain_port": plain, "probes": probes}


def blocked_advice() -> list[str]:
    return [_(step) for step in BLOCKED_STEPS]


def tls_kind(result: dict[str, Any], relay_lets_through: bool = False) -> str:
    """A failure's kind: ok, clock, expired, not_yet_valid, untrusted, mismatch, certificate,
    refused_handshake, cut, blocked, refused, unreachable, forbidden, filtered, proxy, not_found, error.
    ``relay_lets_through``: the relay let its own test page through (network_proxy.lets_through, kept in the facts by
    probe_urls): only then is its 403 the company's filter deciding about this site ("filtered"); else it is the relay's."""
    status = result.get("status")
    if status == "ok":
        return "ok"
    if status == "not_found":
        return "not_found"
    if status == "proxy_refused" and result.get("proxy_code") == 403 and relay_lets_through:
        return "filtered"  # the company's web filter answered with its block page: its decision, not a fault (stop 31)
    if str(status).startswith("proxy_"):
        return "proxy"
    if status == "cert_error":
        code = result.get("verify_code")
        message = str(result.get("verify_message", "")).lower()
        if code in (NOT_YET_VALID, EXPIRED) or "expired" in message or "not yet valid" in message:
            return "not_yet_valid" if code == NOT_YET_VALID or "not yet" in message else "expired"
        if code == HOSTNAME_MISMATCH or "hostname" in message or "doesn't match" in message:
            return "mismatch"
        if code in UNTRUSTED or "issuer" in message or "self-signed" in message or "self signed" in message or "untrusted" in message:
            return "untrusted"
        return "certificate"
    if status == "tls_error":
        return "refused_handshake"
    if status == "handshake_reset":
        return "cut"
    if status in ("timeout", "handshake_timeout"):
        return "blocked"
    if status == "refused":
        return "refused"
    if status == "unreachable":
        return "unreachable"
    if status == "forbidden":  # this computer refused to open it itself (netprobe.forbidden)
        return "forbidden"
    return "error"


def explain(kind: str, host: str, result: dict[str, Any], clock_offset: float | None, clock_fail_s: float) -> tuple[str, list[str], list[str]]:
    """(summary, advice, caused_by) for a failed secure connection to ``host``."""
    cert = result.get("certificate") or {}
    retry = _(RETRY_LATER)
    if kind in ("not_yet_valid", "expired"):
        clock_advice = _(SET_TIME_AUTOMATICALLY)
        if clock_offset is not None and abs(clock_offset) >= clock_fail_s:
            return (
                _("Secure websites are refused because this computer's clock is wrong (by {amount}).").format(amount=describe_offset(clock_offset)),
                [clock_advice],
                ["network.clock"],
            )
        if kind == "expired":
            return (_("The website’s security certificate has expired."), [clock_advice, retry], ["network.clock"])
        return (
            _("The website’s security certificate is not valid yet: this computer’s date may be wrong."),
            [clock_advice, retry],
            ["network.clock"],
        )
    if kind == "untrusted":
        issuer = cert.get("issuer") or _("an unknown issuer")
        return (
            _(
                "Secure websites are intercepted by something this computer does not trust (it calls itself “{issuer}”). "
                "The web protection of an antivirus or a company web filter usually does this."
            ).format(issuer=issuer),
            [
                _("If your company inspects web traffic, ask your IT team to install its certificate on this computer."),
                _("Otherwise, turn off “HTTPS scanning” or “web protection” in your antivirus, then check again."),
            ],
            [],
        )
    if kind == "mismatch":
        return (
            _("The website answered with a certificate for another name: the network may be redirecting secure websites."),
            [_("If you are on public Wi-Fi, sign in to it first, then check again."), retry],
            ["network.captive_portal"],
        )
    if kind == "certificate":
        return (_("The website’s security certificate is not accepted."), [retry], [])
    if kind == "refused_handshake":
        return (
            _("The website refused to set up a secure connection. A filter or an old security setting may be the cause."),
            [retry, _("If you use a company network or a VPN, tell its IT team.")],
            [],
        )
    if kind in ("cut", "blocked"):
        # a sign-in page (hotel, café) holds secure connections back until the person signs in: its consequence then
        return (
            _(BLOCKED_SUMMARY),
            blocked_advice(),
            ["network.captive_portal", "network.quality", "security.firewall"] if kind == "blocked" else ["network.captive_portal", "network.quality"],
        )
    if kind == "forbidden":  # issue 21: the system said "access forbidden" at once; the screen is decided in evaluate
        return (_(BLOCKED_SUMMARY), [retry], [])
    if kind == "refused":
        return (_("The website refused the connection."), [retry], [])
    if kind == "unreachable":
        return (_("The website cannot be reached from this network."), [retry], ["network.gateway", "network.quality"])
    if kind == "filtered":
        return (
            _("Your company's web filter blocks this site: the relay your company set up for web traffic answered with a page saying the site is not allowed."),
            [_("This is a choice made by your company, not a fault: if you need this site, ask your IT team to let it through.")],
            [],
        )
    if kind == "proxy":
        return (_("Secure websites fail at the web relay set in this computer’s network settings."), [retry], ["network.proxy", "network.quality"])
    if kind == "not_found":
        return (_("The website cannot be found by its name."), [retry], ["network.dns", "network.quality"])
    return (_("The secure connection failed."), [retry], ["network.quality"])


def probe_urls(ctx: Context, urls: list[str], with_request: bool = False, pinned: Mapping[str, list[str]] | None = None) -> dict[str, Any]:
    """TLS probes to every URL at once, through the configured proxy; ``pinned``: names already looked up (their
    addresses are the ones connected to)."""
    problems: list[str] = []
    context = netconf.ssl_context(ctx.config, problems)
    resolvers, known = netprobe.dns_context(ctx.facts_of, ctx.run, ctx.platform)
    known = {**known, **(pinned or {})}
    dns_wait = netprobe.timeout_of(ctx.config, "dns")
    wait = netprobe.timeout_of(ctx.config, "connect")

    def probe(url: str) -> dict[str, Any]:
        host, port, path = netprobe.url_parts(url)
        proxy = None
        proxy_url = netconf.proxy_for(ctx.config, url)
        if proxy_url:
            proxy_host, proxy_port = netprobe.proxy_address(proxy_url)
            found = netprobe.resolve(proxy_host, resolvers, dns_wait, known)
            if not found["addresses"]:
                return {"status": "proxy_not_found"}
            proxy = (found["addresses"][0], proxy_port)
            ip = ""
        else:
            found = netprobe.resolve(host, resolvers, dns_wait, known)
            if not found["addresses"]:
                return {"status": "not_found"}
            ip = found["addresses"][0]
        result = netprobe.tls_probe(host, port, ip, context, wait, proxy=proxy, path=path if with_request else None)
        result["address"] = ip
        return result

    jobs: dict[str, Callable[[], Any]] = {url: functools.partial(probe, url) for url in urls}
    results = netprobe.parallel(jobs, dns_wait + 2 * wait + 0.5)
    # stop 31: a relay's 403 is the company's filter deciding about one site only where the relay let its test page through
    return {"results": results, "ca_problems": problems, "relay_lets_through": lets_through(ctx.facts_of("network.proxy"))}


def proxy_needed(config: Mapping[str, Any], urls: list[str]) -> bool:
    """Does any of ``urls`` go through the proxy? Sites on its bypass list (NO_PROXY) go straight: a failing proxy does
    not stop them being tried (stop 31)."""
    return any(url.startswith("https://") and netconf.proxy_for(config, url) for url in urls)


class HttpsCheck(Check):
    id = "network.https"
    category = "network"
    # what the customer reads: "HTTPS" is a protocol word (round 1), "Secure websites" was not understood (round 2)
    title = N_("Opening websites")
    depends_on = ("network.dns", "network.proxy")
    after = ("network.clock", "security.firewall")
    timeout = 8.0
    priority = 55  # after security.firewall (50), whose outgoing rules it reads; before network.support (60)

    @classmethod
    def needs(cls, config: Mapping[str, Any]) -> tuple[str, ...]:
        urls = [str(u) for u in netprobe.network_settings(config).get("https_urls", ["https://www.example.com/"])][:5]
        return cls.depends_on if proxy_needed(config, urls) else tuple(d for d in cls.depends_on if d != "network.proxy")

    def collect(self, ctx: Context) -> Facts:
        urls = [str(u) for u in netprobe.network_settings(ctx.config).get("https_urls", ["https://www.example.com/"])][:5]
        # issue 21 review: reading the outgoing rules (nft, iptables; on Windows a PowerShell call and every registry rule)
        # runs while the sites are tried, not after them, inside the check's time
        read: dict[str, Any] = {}

        def read_rules() -> None:
            try:
                read["rules"] = outbound_rules(ctx)
            except Exception as exc:  # raised in collect, as when it ran there
                read["error"] = exc

        reader = threading.Thread(target=read_rules, daemon=True, name="https:outbound")
        reader.start()
        facts = probe_urls(ctx, urls)
        facts["urls"] = urls
        clock = ctx.facts_of("network.clock")
        if clock:
            from .network_clock import best_offset

            facts["clock_offset_s"] = best_offset(clock)[0]
        facts["clock_fail_seconds"] = float((ctx.config.get("thresholds") or {}).get("network.clock", {}).get("fail_seconds", 300))
        tcp = (ctx.facts_of("network.gateway") or {}).get("tcp")
        if isinstance(tcp, dict) and tcp.get("443"):  # whether this computer reaches the box's own secure port (see box_not_cleared)
            facts["box_tcp_443"] = str(tcp["443"])
        from selfcheck.supportcard import own_firewall

        reader.join(ctx.remaining())
        if "error" in read:
            raise read["error"]
        own = own_firewall(read.get("rules"))  # not read within the check's time: as when not read
        if own is not None:  # what this computer's own firewall does to outgoing secure connections (issue 21), bounded
            facts["own_firewall"] = own
        hops = hop_probes(ctx, facts.get("results") or {})
        if hops is not None:  # issue 21: does the internet box pass secure connections on? (supportcard.hops_settle)
            facts["hops"] = hops
        return facts

    def evaluate(self, facts: Facts, thresholds: Thresholds) -> Outcome:
        urls = facts.get("urls", [])
        results = facts.get("results", {})
        kinds = {url: tls_kind(results.get(url, {}), bool(facts.get("relay_lets_through"))) for url in urls}
        evidence: dict[str, Any] = {"results": {u: {"kind": k, "status": results.get(u, {}).get("status")} for u, k in kinds.items()}}
        for url in urls:
            cert = results.get(url, {}).get("certificate")
            if cert and kinds[url] != "ok":
                evidence["results"][url]["certificate"] = {k: cert.get(k) for k in ("issuer", "subject", "names", "not_before", "not_after")}
        if not urls:
            return Outcome.skip(_("No secure address is configured to test."))
        failed = [u for u in urls if kinds[u] != "ok"]
        if not failed:
            if facts.get("ca_problems"):
                return Outcome.warn(
                    _("Secure websites work, but the extra certificate file set by your company could not be read."),
                    advice=[_("Tell your IT team: the file set in “extra_ca_file” is missing or damaged.")],
                    evidence={**evidence, "ca_problems": facts["ca_problems"]},
                )
            return Outcome.ok(_("Secure websites work."), evidence=evidence)
        first = failed[0]
        host = netprobe.url_parts(first)[0]
        summary, advice, caused_by = explain(
            kinds[first], host, results.get(first, {}), facts.get("clock_offset_s"), float(facts.get("clock_fail_seconds", 300))
        )
        fix = Fix("open_datetime_settings", _("Open the date and time settings")) if "network.clock" in caused_by else None
        # no button when blocked: the first step is the box, and nothing on the computer mends it
        blocked = kinds[first] in ("cut", "blocked")
        # the why says "not from this computer": only where the facts do not point at this computer (see box_not_cleared)
        why = _(BLOCKED_WHY) if blocked and not box_not_cleared(facts) else None
        if blocked and own_setting_stops(facts, [results.get(u, {}) for u in failed]):  # issue 21: a setting on it, not the box
            why, advice = _(OWN_SETTING_WHY), [_(OWN_SETTING_STEP)]
        # issue 21: this computer refused to open them itself (Windows' WinError 10013, a security program's or a firewall
        # rule's block): the own-rule screen where every site that failed failed so; where others failed otherwise, the
        # headline only (which of them a setting here stops, and whether the box is in it too, is not known): no why, no box
        forbidden = [u for u in failed if kinds[u] == "forbidden"]
        if forbidden:
            blocked, summary, caused_by, fix = True, _(BLOCKED_SUMMARY), [], None
            why, advice = _(OWN_SETTING_WHY), [_(OWN_SETTING_STEP)]
            if len(forbidden) < len(failed):
                why, advice = None, [_(RETRY_LATER)]
        status = Status.FAIL if len(failed) == len(urls) else Status.WARN
        if blocked and status is Status.FAIL:
            summary = _(MOST_BLOCKED_SUMMARY)
            # the headline names the e-mail: that the e-mails are not lost comes first (true wherever it is stopped)
            why = " ".join(w for w in (_(EMAILS_NOT_LOST), why) if w)
        # a sign-in page in the way breaks secure connections too
        return Outcome(
            status,
            summary,
            advice=advice,
            evidence=evidence,
            caused_by=[*caused_by, "network.captive_portal"],
            fix=fix,
            why=why,
            partial=blocked,  # "some websites do not open" is only part of "the internet does not work"
        )
