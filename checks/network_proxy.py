"""network.proxy: the proxy this computer is set to use, found and tested."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from selfcheck import netconf, netprobe
from selfcheck.api import Check, Context, Facts, Fix, Outcome, Thresholds
from selfcheck.i18n import N_, _
from selfcheck.wording import held_together


def test_answer(test: Any) -> str:
    """What the relay answered to selfcheck's own test page (network.proxy's "proxy_test"): "password" (407), "refuses" (403:
    it does not let this computer through), "broken" (5xx: it cannot reach the internet itself), "through" (it let the page
    through), or "" (no answer)."""
    if not isinstance(test, Mapping) or test.get("status") != "ok":
        return ""
    try:
        code = int(test.get("code") or 0)
    except (TypeError, ValueError):
        code = 0
    if code == 407:
        return "password"
    if code == 403:
        return "refuses"
    if code >= 500:
        return "broken"
    return "through"


def lets_through(facts: Any) -> bool:
    """network.proxy's facts: the relay let its own test page through (the check passes). Only then is a 403 it answers to a
    site its filter's decision about that site (network.https's kind "filtered"); else the relay refuses this computer."""
    return isinstance(facts, Mapping) and test_answer(facts.get("proxy_test")) == "through"


class ProxyCheck(Check):
    id = "network.proxy"
    category = "network"
    title = N_("Proxy server")
    depends_on = ("network.gateway",)
    after = ("network.dns",)
    timeout = 6.0
    priority = 35

    def collect(self, ctx: Context) -> Facts:
        settings = netconf.proxy_settings(ctx.config, platform=ctx.platform)
        facts: dict[str, Any] = {"settings": settings.to_dict()}
        proxy_url = settings.proxies.get("https") or settings.proxies.get("http")
        resolvers, known = netprobe.dns_context(ctx.facts_of, ctx.run, ctx.platform)
        wait = netprobe.timeout_of(ctx.config, "connect")
        jobs: dict[str, Any] = {}
        if proxy_url:
            host, port = netprobe.proxy_address(proxy_url)
            facts["proxy"] = {"host": host, "port": port, "url": proxy_url}

            def test_proxy() -> dict[str, Any]:
                found = netprobe.resolve(host, resolvers, netprobe.timeout_of(ctx.config, "dns"), known)
                if not found["addresses"]:
                    return {"status": "not_found", "error": found.get("error")}
                target = str(netprobe.network_settings(ctx.config).get("connectivity_url") or "http://example.com/")
                return netprobe.http_get(target, "", wait, proxy=(found["addresses"][0], port))

            jobs["proxy_test"] = test_proxy
        if settings.pac_url:
            pac_host, pac_port, _path = netprobe.url_parts(settings.pac_url)

            def fetch_pac() -> dict[str, Any]:
                found = netprobe.resolve(pac_host, resolvers, netprobe.timeout_of(ctx.config, "dns"), known)
                if not found["addresses"]:
                    return {"status": "not_found"}
                return netprobe.http_get(settings.pac_url or "", found["addresses"][0], wait)

            jobs["pac"] = fetch_pac
        facts.update(netprobe.parallel(jobs, wait + netprobe.timeout_of(ctx.config, "dns") + 0.5) if jobs else {})
        return facts

    def evaluate(self, facts: Facts, thresholds: Thresholds) -> Outcome:
        settings = facts.get("settings", {})
        proxy = facts.get("proxy")
        evidence: dict[str, Any] = {"source": settings.get("source"), "pac_url": settings.get("pac_url")}
        settings_fix = Fix("open_network_settings", _("Open the network settings"))
        turn_off = _("If you do not need it (at home, for example), turn off “Proxy” in the network settings.")
        ask_it = _("If your company set it up, tell your IT team that its web relay (proxy) does not work.")
        if proxy:
            name = f"{proxy['host']}:{proxy['port']}"
            test = facts.get("proxy_test") or {}
            status = test.get("status")
            evidence.update({"proxy": name, "status": status, "code": test.get("code")})
            if status == "ok":
                answer = test_answer(test)
                if answer == "password":
                    # it answers every request so until its settings change, and selfcheck has no way to sign in to it: secure
                    # sites, the sign-in page and support could not be tried through it (their failures follow from this one),
                    # and no message goes through it. A browser may well sign in by itself, so its pages are not said broken.
                    return Outcome.fail(
                        _("The web relay set on this computer asks for a user name and password, which this program cannot give."),
                        why=_("So this program could not test websites or the support service through it, and cannot send its results through it."),
                        advice=[
                            _(
                                "Open a web page in your web browser: if it opens, your browser signs in to the relay for you, and only this program is stopped."
                            ),
                            _("Tell your IT team that the web relay (proxy) asks this program for a password, so that they let it through."),
                        ],
                        evidence=evidence,
                    )
                if answer == "refuses":
                    # stop 31: it answered 403 to selfcheck's own test page: it lets this computer through to nothing (Squid's
                    # "http_access deny"), so every secure site it refuses follows from this, not from a filter's choice per site
                    return Outcome.fail(
                        _("Web pages cannot load: the web relay set on this computer refuses to let this computer through."),
                        why=_("It answered this program's test page with a page saying it is not allowed, so no website could be tested through it."),
                        advice=[_("If your company set it up, tell your IT team that its web relay refuses to let this computer through.")],
                        evidence=evidence,
                        fix=settings_fix,
                    )
                if answer == "broken":
                    return Outcome.warn(
                        _("The web relay set on this computer answers but cannot reach the internet itself."),
                        advice=[ask_it, turn_off],
                        evidence=evidence,
                    )
                return Outcome.ok(_("The web relay set on this computer works."), evidence=evidence)
            if status == "not_found":
                summary = _("Web pages cannot load: the web relay set on this computer cannot be found.")
            elif status in ("proxy_refused", "refused"):
                summary = _("Web pages cannot load: the web relay set on this computer refuses them.")
            elif status == "timeout" and test.get("ms"):
                # stop 31: it took the request (the connection was made) but answered too late: slow, not silent
                slow = _("The web relay set on this computer is very slow: it took the request but gave no answer within {seconds} seconds.")
                return Outcome.fail(
                    held_together(slow.format(seconds=max(1, round(float(test["ms"]) / 1000)))),
                    why=_("So web pages load slowly or not at all, and this program could not test websites through it."),
                    advice=[_("If your company set it up, tell your IT team that its web relay (proxy) is very slow."), turn_off],
                    evidence=evidence,
                    fix=settings_fix,
                    caused_by=["network.quality"],
                )
            elif status in ("proxy_timeout", "timeout"):
                summary = _("Web pages cannot load: the web relay set on this computer does not answer.")
            else:
                summary = _("Web pages cannot load: the web relay set on this computer cannot be used.")
            return Outcome.fail(summary, advice=[turn_off, ask_it], evidence=evidence, fix=settings_fix, caused_by=["network.quality"])
        pac = facts.get("pac")
        if settings.get("pac_url"):
            if pac and pac.get("status") == "ok" and int(pac.get("code") or 0) < 400:
                return Outcome.info(_("Web traffic is set to go through a relay chosen automatically; its settings can be read."), evidence=evidence)
            return Outcome.warn(
                _("Web traffic is set to go through a relay chosen automatically, but its settings cannot be read, so some pages may not load."),
                advice=[turn_off, ask_it],
                evidence=evidence,
                fix=settings_fix,
            )
        return Outcome.ok(_("This computer connects to the internet directly, with no web relay in between."), evidence=evidence)
