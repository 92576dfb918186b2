"""network.captive_portal: is a Wi-Fi sign-in page (hotel, train, café) in the way?

A plain HTTP request to a test address whose answer is known (204 by
default), without following redirects: a redirect or other content means
something in the network answered instead, usually a sign-in page.
"""

from __future__ import annotations

from typing import Any

from selfcheck import netconf, netprobe, plainwords
from selfcheck.api import Check, Context, Facts, Fix, Outcome, Thresholds
from selfcheck.i18n import N_, _

DEFAULT_URL = "http://connectivitycheck.gstatic.com/generate_204"


#: where the Wi-Fi symbol is on the running system (round 3: "Windows … Mac …": the reader did not know which they have)
#: verdict round 14: "the Wi-Fi symbol: I don't know what it looks like" (en, fr): what it looks like
WIFI_SYMBOL = {
    "windows": N_(
        "If no page appears, click the Wi-Fi symbol (curved lines, like a fan) at the bottom right of the screen, next to the clock, turn the Wi-Fi off, then on again: the computer joins the same Wi-Fi by itself, with nothing to type."
    ),
    "darwin": N_(
        "If no page appears, click the Wi-Fi symbol (curved lines, like a fan) at the top right of the screen, turn the Wi-Fi off, then on again: the computer joins the same Wi-Fi by itself, with nothing to type."
    ),
    "linux": N_(
        "If no page appears, click the Wi-Fi symbol (curved lines, like a fan) in the top right corner of the screen, turn the Wi-Fi off, then on again: the computer joins the same Wi-Fi by itself, with nothing to type."
    ),
}
WIFI_SYMBOL_ANY = N_(
    "If no page appears, click the Wi-Fi symbol (curved lines, like a fan) in a corner of the screen, near the clock, turn the Wi-Fi off, then on again: the computer joins the same Wi-Fi by itself, with nothing to type."
)


#: the same sign-in page comes on a hotel's or an office's cable (round 5: a customer on a cable was told of Wi-Fi symbols)
#: round 7: "welcome page" / « page de connexion » were quoted in the headline: it names no page at all
#: round 8: "accept its conditions" ("what conditions?", a scam?): what the page is and what pressing does, as in hotels
#: round 9: "open its page" / « Se connecter » quoted in the headline: what the network wants and what it means, no page
#: round 14: « accepter ses règles : quelles règles ? » (fr): what they will actually do on its page; the headline says the
#: internet works only then, so no "This is probably why the internet does not work" follows it (nor the why's "Until you agree")
#: round 15: « dans sa page : la page de qui ? » (fr): whose page, said
#: round 16: "the Wi-Fi's own page" (en), « page du Wi-Fi » (fr) quoted: the page as they will see it, the one that opens
CABLE_TITLE = N_("On this network, the internet works only once you click “Accept” on the page that opens, as in hotels and offices.")
WIFI_TITLE = N_("On this Wi-Fi, the internet works only once you click “Accept” on the page that opens, as in hotels and cafés.")
OPEN_PAGE = N_("Open the page")
CABLE_AGAIN = N_("If no page appears, unplug the network cable from the computer, wait 10 seconds and plug it back in: the computer connects again by itself.")


class CaptivePortalCheck(Check):
    id = "network.captive_portal"
    category = "network"
    title = N_("Wi-Fi welcome page")  # "sign-in page" was quoted in a headline (round 2): sign in with what?
    depends_on = ("network.dns", "network.proxy")
    timeout = 6.0
    priority = 40

    def collect(self, ctx: Context) -> Facts:
        settings = netprobe.network_settings(ctx.config)
        url = str(settings.get("connectivity_url") or DEFAULT_URL)
        expected = int(settings.get("connectivity_status", 204))
        host, port, _path = netprobe.url_parts(url)
        facts: dict[str, Any] = {"url": url, "expected": expected, "platform": ctx.platform}
        if netprobe.wired_only(ctx.facts_of("network.link")):
            facts["wired"] = True  # the customer's words speak of the cable, not of Wi-Fi
        proxy_url = netconf.proxy_for(ctx.config, url)
        resolvers, known = netprobe.dns_context(ctx.facts_of, ctx.run, ctx.platform)
        dns_wait = netprobe.timeout_of(ctx.config, "dns")
        wait = netprobe.timeout_of(ctx.config, "http")
        if proxy_url:
            proxy_host, proxy_port = netprobe.proxy_address(proxy_url)
            found = netprobe.resolve(proxy_host, resolvers, dns_wait, known)
            if not found["addresses"]:
                facts["response"] = {"status": "proxy_not_found"}
                return facts
            facts["via_proxy"] = True
            facts["response"] = netprobe.http_get(url, "", wait, proxy=(found["addresses"][0], proxy_port))
            return facts
        found = netprobe.resolve(host, resolvers, dns_wait, known)
        if not found["addresses"]:
            facts["response"] = {"status": "not_found", "error": found.get("error")}
            return facts
        facts["address"] = found["addresses"][0]
        facts["response"] = netprobe.http_get(url, found["addresses"][0], wait)
        return facts

    def evaluate(self, facts: Facts, thresholds: Thresholds) -> Outcome:
        response = facts.get("response", {})
        expected = int(facts.get("expected", 204))
        url = facts.get("url", DEFAULT_URL)
        status = response.get("status")
        code = response.get("code")
        location = (response.get("headers") or {}).get("location")
        evidence: dict[str, Any] = {"url": url, "status": status, "code": code, "location": location}
        if status == "ok" and code == expected:
            return Outcome.ok(_("No Wi-Fi welcome page is in the way."), evidence=evidence)
        if status == "ok" and (code in (301, 302, 303, 307, 308) or code == 200 and expected != 200):
            portal = location if location and location.startswith(("http://", "https://")) else url
            evidence["portal"] = portal
            wired = bool(facts.get("wired"))
            return Outcome.fail(
                # round 2: "sign-in" read as "my e-mail or bank password?", "blocking" as someone doing it on purpose
                _(CABLE_TITLE) if wired else _(WIFI_TITLE),
                advice=[
                    # the button opens the page: no "browser" to find; "accept its conditions" was feared as a scam at
                    # home (round 3): what the page asks is said, and that nothing is paid for at home
                    # round 4: a reader at home skipped this step ("the big blue button is for hotels"): it is for everyone, no "code"
                    _(plainwords.PORTAL_SCREEN_STEP),  # the support card's draft says where the button is
                    # only the running system's place for the symbol: "Windows … Mac …" left a reader unsure which they have
                    _(CABLE_AGAIN) if wired else _(WIFI_SYMBOL.get(str(facts.get("platform") or ""), WIFI_SYMBOL_ANY)),
                    _(plainwords.AT_HOME_RESTART_BOX),  # a reader at home was puzzled: the box can show such a page too
                ],
                evidence=evidence,
                fix=Fix("open_url", _(OPEN_PAGE), arg=portal),  # the headline says what the page is and what to press (round 8)
                # the cause line, so the headline stays short; a reader at home was puzzled by "hotel, train, café";
                # round 7: "At home this is unusual" made both readers fear someone was on their internet: dropped
                # round 8: "a code the place gave you" and "what conditions?": until when, whose page, and what to do
                # if it asks for more than a press (money, a code), said calmly
                # round 9 (a reader in a hotel): "if it asks for a payment or a code" feared as a trick, and "At home,
                # restart your internet box" confused her: why a hotel may ask, and whom to ask; home only in its own step
                # round 13: "Some hotels charge for Wi-Fi: will I be charged without knowing?" (en), "my bank card?" (fr): no
                # charging put in their heads, only what to do if the page asks for more than a press
                why=_("If the page asks for money, a code or your room number, ask the staff first (at reception, in a hotel)."),
                says_symptoms=["internet"],
            )
        if status == "ok":
            return Outcome.warn(
                _("The internet test page gave an unexpected answer ({code}): a filter or firewall may be in the way.").format(code=code),
                advice=[_("If you are on a company or school network, ask its IT team whether the internet is filtered.")],
                evidence=evidence,
                # through a web relay, its own answer (407: it wants a password) is the relay's doing, told by network.proxy
                caused_by=["network.proxy"] if facts.get("via_proxy") else [],
            )
        if status == "not_found":
            return Outcome.warn(
                _("The internet test address could not be found by name, so a sign-in page could not be looked for."),
                advice=[_("Check again in a minute. If it happens again, send the results to support.")],
                evidence=evidence,
                caused_by=["network.dns", "network.quality"],
            )
        return Outcome.warn(
            _("The internet test page could not be reached, so a sign-in page could not be looked for."),
            advice=plainwords.restart_the_box(),
            evidence=evidence,
            caused_by=["network.proxy", "network.quality"],
        )
