"""The network checks' pure evaluations, on facts like the ones collected on real systems."""

from __future__ import annotations

import re

import pytest

from selfcheck import i18n, plainwords
from selfcheck.api import Status, validate_check_class
from selfcheck.checks.network_captive_portal import CaptivePortalCheck
from selfcheck.checks.network_clock import ClockCheck, describe_offset
from selfcheck.checks.network_dns import DnsCheck, classify
from selfcheck.checks.network_gateway import GatewayCheck
from selfcheck.checks.network_https import OWN_SETTING_STEP, OWN_SETTING_WHY, HttpsCheck, tls_kind
from selfcheck.checks.network_internet import InternetCheck
from selfcheck.checks.network_link import LinkCheck
from selfcheck.checks.network_proxy import ProxyCheck
from selfcheck.checks.network_quality import QualityCheck, stats
from selfcheck.checks.network_support import SupportCheck
from selfcheck.config import from_dict

ALL = (LinkCheck, GatewayCheck, InternetCheck, QualityCheck, DnsCheck, ProxyCheck, CaptivePortalCheck, ClockCheck, HttpsCheck, SupportCheck)


def thresholds(cls):
    return from_dict({}).thresholds(cls.id)


def test_metadata_and_layer_order():
    for cls in ALL:
        assert validate_check_class(cls) == [], cls.id
        assert cls.category == "network"
    from selfcheck.checks.security_firewall import FirewallCheck

    by_id = {c.id: c for c in (*ALL, FirewallCheck)}  # network.https reads the firewall's outgoing rules (issue 21)
    for cls in ALL:
        for dep in (*cls.depends_on, *cls.after):
            assert by_id[dep].priority < cls.priority, (cls.id, dep)


def test_internet_symptom_runs_the_network_checks_and_not_the_firewall():
    """“The internet doesn't work” runs every network check (and nothing else: a firewall that is
    off does not stop the internet, so it is not a cause to name there)."""
    from selfcheck.discovery import discover
    from selfcheck.runner import select

    cfg = from_dict({})
    registry = discover(cfg)
    chosen = {c.id for c in select(registry, cfg, symptom="internet")}
    network = {c.id for c in registry if c.category == "network"}
    assert network and chosen == network
    assert "security.firewall" in {c.id for c in registry} and "security.firewall" not in chosen


def iface(name, up=True, ipv4=("192.168.1.23",), self_assigned=(), **kw):
    return {
        "name": name,
        "up": up,
        "operstate": "up" if up else "down",
        "loopback": name == "lo",
        "virtual": kw.get("virtual", False),
        "wireless": kw.get("wireless", False),
        "ipv4": list(ipv4),
        "ipv4_self_assigned": list(self_assigned),
        "ipv6_global": [],
        "speed_mbps": kw.get("speed"),
        "mtu": 1500,
    }


def test_link_states():
    link = LinkCheck()
    ok = link.evaluate({"interfaces": [iface("lo", ipv4=("127.0.0.1",)), iface("eth0", speed=1000)], "wifi": []}, thresholds(LinkCheck))
    assert ok.status is Status.PASS and ok.summary == "Connected to the network by cable." and ok.evidence["active"] == ["eth0"]
    down = link.evaluate({"interfaces": [iface("eth0", up=False), iface("docker0", virtual=True)], "wifi": []}, thresholds(LinkCheck))
    assert down.status is Status.FAIL and "not connected to any network" in down.summary and down.fix.action == "open_network_settings"
    dhcp = link.evaluate({"interfaces": [iface("wlan0", ipv4=(), self_assigned=("169.254.3.4",))], "wifi": []}, thresholds(LinkCheck))
    assert dhcp.status is Status.FAIL and "the network did not let it in" in dhcp.summary and "wlan0" not in dhcp.summary
    weak = link.evaluate({"interfaces": [iface("wlan0", wireless=True)], "wifi": [{"name": "wlan0", "signal_percent": 20}]}, thresholds(LinkCheck))
    assert weak.status is Status.WARN and "20%" in weak.summary


def test_gateway_reachability_methods_and_honesty():
    gw = GatewayCheck()
    routes = [{"gateway": "192.168.1.254", "interface": "wlan0", "metric": "600"}]
    base = {"routes": routes, "gateway": "192.168.1.254"}
    pinged = gw.evaluate({**base, "ping": {"method": "icmp", "sent": 5, "received": 5, "rtts_ms": [2, 3, 2, 4, 2]}, "tcp": {}, "neighbour": "complete"}, {})
    assert pinged.status is Status.PASS and pinged.summary == "Your internet box answers quickly (2 ms)." and "10.77.0.1" not in pinged.summary
    by_tcp = gw.evaluate({**base, "ping": {"method": "unavailable"}, "tcp": {"53": "timeout", "80": "refused", "443": "timeout"}, "neighbour": "unknown"}, {})
    assert by_tcp.status is Status.PASS and "there on the network" in by_tcp.summary
    dead = gw.evaluate({**base, "ping": {"method": "ping", "sent": 3, "received": 0, "rtts_ms": []}, "tcp": {}, "neighbour": "incomplete"}, {})
    assert dead.status is Status.FAIL and "does not answer" in dead.summary
    unknown = gw.evaluate({**base, "ping": {"method": "unavailable"}, "tcp": {"53": "timeout"}, "neighbour": "unknown"}, {})
    assert unknown.status is Status.INFO and "could not be tested" in unknown.summary
    none = gw.evaluate({"routes": [], "gateway": ""}, {})
    assert none.status is Status.FAIL and "does not know where your internet box is" in none.summary


def answer(ms=10.0, addresses=("93.184.215.14",), rcode="NOERROR"):
    return {"status": "answer", "rcode": rcode, "addresses": list(addresses), "ms": ms}


def test_dns_classification_per_resolver():
    assert classify({"a": answer(), "b": answer()}, 400) == "good"
    assert classify({"a": answer(900)}, 400) == "slow"
    assert classify({"a": {"status": "timeout"}}, 400) == "timeout"
    assert classify({"a": {"status": "refused"}, "b": {"status": "timeout"}}, 400) == "refused"
    assert classify({"a": answer(addresses=(), rcode="NXDOMAIN")}, 400) == "nxdomain"
    assert classify({"a": answer(addresses=("0.0.0.0",))}, 400) == "blocked"
    assert classify({"a": answer(addresses=(), rcode="SERVFAIL")}, 400) == "servfail"


def dns_facts(per_server, names=("example.com",), gateway=None, setting=None):
    return {
        "resolvers": list(per_server),
        "source": "/etc/resolv.conf",
        "names": list(names),
        "queries": per_server,
        "gateway": gateway,
        "dns_setting": setting,
    }


def test_dns_headline_follows_the_facts():
    """Round 5: the box named only when the server asked IS the box; a refusal is not 'no answer'."""
    dns, t = DnsCheck(), thresholds(DnsCheck)
    refused = dns.evaluate(dns_facts({"10.77.0.1": {"example.com": {"status": "refused"}}}, gateway="10.77.0.1"), t)
    assert refused.summary == "Your internet box answers your computer but refuses to find websites for it, so websites do not open."
    # agent round 6: "back to automatic: on the computer or on the box?": this computer already asks the box, the step names the box
    assert refused.advice[-1].startswith("If websites still do not open, and someone changed the settings of your internet box")
    assert refused.fix is None and "DNS" not in refused.advice[-1]
    silent = dns.evaluate(dns_facts({"10.77.0.1": {"example.com": {"status": "timeout"}}}, gateway="10.77.0.1"), t)
    assert silent.summary == "Your internet box does not answer your computer, so websites do not open."
    # a server that is not the router (set by hand, or the provider's), even at an address that looks private, is not "your box"
    for server in ("198.51.100.53", "192.168.1.53"):
        other = dns.evaluate(dns_facts({server: {"example.com": {"status": "timeout"}}}, gateway="10.77.0.1", setting="automatic"), t)
        # round 13: "fault outside this computer" quoted: what is not the cause, and where the trouble is, in the reader's words
        # round 14 (fr): long, and "your internet company" beside a footer naming the internet company ("which one?"): the line
        # round 15: "internet line" quoted (en): the box, what helps, and what is not the cause
        assert other.summary == "Websites do not open. Your computer is not the cause: restarting your internet box usually sorts it out."
        assert other.says_symptoms == ["internet"]  # no "This is probably why the internet does not work" after it
        assert "DNS" not in other.summary and "fault" not in other.summary and "line" not in other.summary
        # round 9: "online address book" and "internet provider" quoted by both readers: no mechanism; round 15: the headline
        # says the restart, so no why repeats it
        assert other.why is None
    other_refused = dns.evaluate(dns_facts({"198.51.100.53": {"example.com": {"status": "refused"}}}, gateway="10.77.0.1"), t)
    assert other_refused.summary == "Websites do not open: your computer is refused when it asks where they are."
    assert other_refused.advice[-1] == "If someone set the DNS servers by hand, set them back to automatic."


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_silent_dns_servers_set_by_hand_are_this_computers_own_setting(lang):
    """Review: "Your computer is not the cause" only when the servers came from the network; typed in by hand (an old
    company server, a public one now blocked), the computer's own setting is the cause and restarting the box does nothing."""
    dns, t = DnsCheck(), thresholds(DnsCheck)
    silent = {"203.0.113.53": {"example.com": {"status": "timeout"}}}
    with i18n.language(lang):
        hand = dns.evaluate({**dns_facts(silent, gateway="10.77.0.1", setting="hand"), "dns_by_hand": ["203.0.113.53"]}, t)
        unknown = dns.evaluate(dns_facts(silent, gateway="10.77.0.1"), t)
        automatic = dns.evaluate(dns_facts(silent, gateway="10.77.0.1", setting="automatic"), t)
        not_the_cause = i18n._("Websites do not open. Your computer is not the cause: restarting your internet box usually sorts it out.")
        restart = i18n._(plainwords.RESTART_BOX)
    assert automatic.summary == not_the_cause
    # set by hand: the headline says so, the first step sets them back to automatic with the settings button, no box restart
    assert hand.status == Status.FAIL and hand.summary != not_the_cause
    assert restart not in hand.advice and hand.fix is not None and hand.fix.action == "open_network_settings"
    assert hand.evidence["dns_by_hand"] == ["203.0.113.53"]  # the technical details carry the exact servers
    # unknown: no claim that the computer is not the cause, the box's restart first, and the step for servers set by hand
    assert unknown.summary != not_the_cause and restart in unknown.advice and unknown.fix is not None
    if lang == "en":
        assert hand.summary == "Websites do not open: someone set this computer by hand to ask a service that no longer answers where websites are."
        assert hand.why == "Restarting your internet box will not help: the setting that stops websites from opening is on this computer."
        assert hand.advice[0].startswith("Open the network settings with the button below and set the way websites are found back to automatic")
        assert unknown.summary == "Websites do not open. Restarting your internet box usually sorts it out."
        assert "If someone set the DNS servers by hand, set them back to automatic." in unknown.advice
    else:
        assert hand.summary.startswith("Les sites internet ne s’ouvrent pas\u00a0: quelqu’un a réglé cet ordinateur à la main")
        assert hand.advice[0].startswith("Ouvrez les réglages réseau avec le bouton ci-dessous")
        assert unknown.summary == "Les sites internet ne s’ouvrent pas. Redémarrer votre box suffit le plus souvent."
        assert "n’y est pour rien" not in unknown.summary


def test_dns_outcomes():
    dns = DnsCheck()
    t = thresholds(DnsCheck)
    assert dns.evaluate(dns_facts({}), t).status is Status.FAIL
    ok = dns.evaluate(dns_facts({"192.168.1.254": {"example.com": answer(12)}}), t)
    assert ok.status is Status.PASS and "12 ms" in ok.summary
    one = dns.evaluate(dns_facts({"1.1.1.1": {"example.com": {"status": "timeout"}}, "9.9.9.9": {"example.com": answer()}}), t)
    assert one.status is Status.WARN and "One of the two services" in one.summary and one.evidence["resolvers"]["1.1.1.1"] == "timeout"
    hijack = dns.evaluate(dns_facts({"192.168.1.254": {"example.com": answer(addresses=("0.0.0.0",))}}), t)
    assert hijack.status is Status.FAIL and "said not to exist" in hijack.summary and hijack.evidence["said_not_to_exist"] == ["example.com"]
    slow = dns.evaluate(dns_facts({"192.168.1.254": {"example.com": answer(800)}}), t)
    assert slow.status is Status.WARN and slow.caused_by == ["network.quality"]
    # one answer seconds late while another came at once (a question resent over a line that loses data): a failure the
    # measured loss explains; every answer seconds late is the server's own slowness, which a slow line does not explain
    resent = dns.evaluate(dns_facts({"192.168.1.254": {"example.com": answer(2600), "example.org": answer(30)}}, names=("example.com", "example.org")), t)
    assert resent.status is Status.FAIL and "very slow" in resent.summary and resent.caused_by == ["network.quality"]
    server = dns.evaluate(dns_facts({"192.168.1.254": {"example.com": answer(3000), "example.org": answer(3010)}}, names=("example.com", "example.org")), t)
    assert server.status is Status.FAIL and "very slow" in server.summary and server.caused_by == []
    # names the upper checks need are recorded but not judged
    extra = dns_facts({"192.168.1.254": {"example.com": answer(), "ntp.example": {"status": "timeout"}}})
    assert dns.evaluate(extra, t).status is Status.PASS


def test_dns_messages_in_french():
    i18n.set_language("fr")
    out = DnsCheck().evaluate(dns_facts({"192.168.1.254": {"example.com": {"status": "timeout"}}}, gateway="192.168.1.254"), thresholds(DnsCheck))
    assert out.summary == "Votre box internet ne répond pas à votre ordinateur\u00a0: les sites ne s’ouvrent pas."  # the box asked (round 4)
    assert out.why == "Avant d’ouvrir un site, votre ordinateur demande à la box où se trouve ce site\u202f; la box ne répond plus."


def test_round15_words_in_french():
    """Verdict round 15's quoted words, in French too: the box and what helps (no « ligne »), whose page, one sentence for
    home and away (no parenthesis), why a clock stops websites, and a switch one clicks (« activez le bouton » quoted)."""
    i18n.set_language("fr")
    try:
        names = DnsCheck().evaluate(
            dns_facts({"198.51.100.53": {"example.com": {"status": "timeout"}}}, gateway="10.77.0.1", setting="automatic"), thresholds(DnsCheck)
        )
        base = {"url": "http://connectivity.example/generate_204", "expected": 204}
        page = CaptivePortalCheck().evaluate({**base, "response": {"status": "ok", "code": 302, "headers": {"location": "http://hotel.example/login"}}}, {})
        blocked = HttpsCheck().evaluate(https_facts({"status": "handshake_timeout"}), {})
        clock = ClockCheck().evaluate({"platform": "windows", "ntp": {"pool": {"status": "ok", "offset_s": 18000}}}, thresholds(ClockCheck))
    finally:
        i18n.set_language("en")
    assert names.summary == "Les sites internet ne s’ouvrent pas. Votre ordinateur n’y est pour rien\u00a0: redémarrer votre box suffit le plus souvent."
    assert names.why is None
    # round 16: « page du Wi-Fi » quoted: the page that opens
    assert "dans la page qui s’ouvre" in page.summary and "sa page" not in page.summary and "page du Wi-Fi" not in page.summary
    # round 16: « connexion internet : différent de la box ? »: the box, or further away
    # round 17: « ou de plus loin : plus loin où ? »: where, between the two things the person knows
    assert (blocked.why or "").startswith(
        "Vos e-mails ne sont pas perdus\u00a0: ils seront là dès que les sites s’ouvriront à nouveau. "
        "Cela vient très probablement de la box, ou d’un endroit entre la box et les sites, pas de cet ordinateur."
    )
    assert "plus loin" not in (blocked.why or "")
    assert "connexion" not in (blocked.why or "")
    assert "(" not in (blocked.why or "") and "hors de chez vous" not in (blocked.why or "")
    # round 16: « refusent un ordinateur dont l’horloge est fausse : pourquoi ? »: why the date matters
    # round 17: « une sorte de carte d’identité » quoted (en, fr): the check itself, no image
    assert clock.why == (
        "Votre ordinateur se sert de son horloge pour vérifier les sites comme celui de vos e-mails avant de les ouvrir\u00a0: "
        "avec une horloge fausse, cette vérification échoue, et ils ne s’ouvrent donc pas."
    )
    # round 4: « un interrupteur dans l’écran ? »; round 15: « comment on active un bouton ? »: what to do and what it looks like
    assert "cliquez sur le petit bouton qui glisse, placé sous «\u00a0Régler l’heure automatiquement\u00a0», pour l’allumer" in clock.advice[0]
    assert "activez le bouton" not in clock.advice[0]


def test_the_contact_step_says_to_whom_it_sends():
    """Verdict round 16 (fr): « il envoie ce que cette vérification a trouvé : envoyer quoi, à qui ? »: to support, the word the
    line beside the contact button explains (the company's name is the branding's, shown there)."""
    facts = dns_facts({"198.51.100.53": {"example.com": {"status": "timeout"}}}, gateway="10.77.0.1")
    said = {}
    for lang in ("en", "fr"):
        i18n.set_language(lang)
        try:
            said[lang] = DnsCheck().evaluate(facts, thresholds(DnsCheck)).advice[-1]
        finally:
            i18n.set_language("en")
    assert "it sends your message to support with what this check found (not your files, e-mails or photos)" in said["en"], said["en"]
    assert "il envoie votre message à l’assistance, avec ce que cette vérification a trouvé" in said["fr"], said["fr"]


def test_proxy_outcomes():
    proxy = ProxyCheck()
    assert proxy.evaluate({"settings": {"source": "direct"}}, {}).status is Status.PASS
    configured = {"settings": {"source": "config"}, "proxy": {"host": "proxy.lan", "port": 3128, "url": "http://proxy.lan:3128"}}
    assert proxy.evaluate({**configured, "proxy_test": {"status": "ok", "code": 204}}, {}).status is Status.PASS
    auth = proxy.evaluate({**configured, "proxy_test": {"status": "ok", "code": 407}}, {})
    assert auth.status is Status.FAIL and "user name and password" in auth.summary  # the cause: selfcheck cannot sign in (stop 31)
    dead = proxy.evaluate({**configured, "proxy_test": {"status": "proxy_timeout"}}, {})
    assert dead.status is Status.FAIL and "does not answer" in dead.summary and dead.evidence["proxy"] == "proxy.lan:3128"
    pac = proxy.evaluate({"settings": {"source": "direct", "pac_url": "http://wpad/wpad.dat"}, "pac": {"status": "timeout"}}, {})
    assert pac.status is Status.WARN and "cannot be read" in pac.summary and pac.evidence["pac_url"].endswith("wpad.dat")


def test_captive_portal_outcomes():
    portal = CaptivePortalCheck()
    base = {"url": "http://connectivity.example/generate_204", "expected": 204}
    assert portal.evaluate({**base, "response": {"status": "ok", "code": 204}}, {}).status is Status.PASS
    redirect = portal.evaluate({**base, "response": {"status": "ok", "code": 302, "headers": {"location": "http://hotel.example/login"}}}, {})
    assert redirect.status is Status.FAIL and redirect.fix.action == "open_url" and redirect.fix.arg == "http://hotel.example/login"
    # not "sign-in" (which password?) nor "blocking" (who?), lay readers round 2
    # round 7: "welcome page" was quoted in the headline: it names no page; the button says what it does
    # round 8: "accept its conditions" ("what conditions?", a scam?): the page and what to press, as in hotels
    # round 9: "open its page" / « Se connecter » quoted in the headline: what the Wi-Fi wants; the why says until when
    # round 14: « accepter ses règles : quelles règles ? »: what they will do on the page
    # round 15: « dans sa page : la page de qui ? » (fr): whose page
    # round 16: "the Wi-Fi's own page" quoted (en, fr): the page as they will see it, the one that opens
    assert redirect.summary == "On this Wi-Fi, the internet works only once you click “Accept” on the page that opens, as in hotels and cafés."
    assert redirect.why == "If the page asks for money, a code or your room number, ask the staff first (at reception, in a hotel)."
    assert redirect.says_symptoms == ["internet"]  # the headline says it: no "This is probably why the internet does not work"
    assert redirect.fix.label == "Open the page" and "press its “Accept” or “Connect” button" in redirect.advice[0]
    # at home there is no hotel page: the fallback a person at home can follow (lay readers, round 1)
    # round 9 (a reader in a hotel): "At home, restart your internet box" in the why confused her: home only in its own step
    assert redirect.advice[-1].startswith("At home only: restart your internet box (unplug it from the power")
    assert "At home" not in (redirect.why or "") and "payment" not in (redirect.why or "")
    # round 3: "accept its conditions" feared as a scam at home; what such pages are, and what not to do at home
    # round 7: "At home this is unusual" made both readers fear someone was on their internet
    assert "accept its conditions" not in " ".join(redirect.advice) and "unusual" not in (redirect.why or "") and "bank" not in (redirect.why or "")
    # round 4: "do not give bank details" read as "it's a scam" at home: what a real page asks, said positively
    # round 9: "if it asks for a payment or a code" feared as a trick: why a hotel may ask, and whom to ask
    # round 13: "Some hotels charge for Wi-Fi: will I be charged without knowing?": what to do if it asks, no charging said
    assert (redirect.why or "").endswith("If the page asks for money, a code or your room number, ask the staff first (at reception, in a hotel).")
    assert "charge" not in (redirect.why or "")
    # only the running system's place for the Wi-Fi symbol ("Windows … Mac …": which one do I have?)
    for platform, place in (("windows", "bottom right of the screen"), ("darwin", "top right of the screen"), (None, "near the clock")):
        step = portal.evaluate({**base, "platform": platform, "response": {"status": "ok", "code": 302, "headers": {}}}, {}).advice[1]
        # verdict round 14: "the Wi-Fi symbol: I don't know what it looks like" (en, fr)
        assert place in step and "(curved lines, like a fan)" in step and "Windows" not in step and "Mac" not in step, step
    # on a cable the words are the cable's, not Wi-Fi's (round 5: "which Wi-Fi symbol? I am on a cable")
    cable = portal.evaluate({**base, "platform": "windows", "wired": True, "response": {"status": "ok", "code": 302, "headers": {}}}, {})
    assert cable.summary.startswith("On this network, the internet works only once you click “Accept” on the page that opens") and "Wi-Fi" not in " ".join(
        [cable.summary, cable.why or "", *cable.advice]
    )
    assert cable.advice[1].startswith("If no page appears, unplug the network cable from the computer")
    page = portal.evaluate({**base, "response": {"status": "ok", "code": 200, "headers": {}}}, {})
    assert page.status is Status.FAIL and page.fix.arg == base["url"]
    odd = portal.evaluate({**base, "response": {"status": "ok", "code": 403}}, {})
    assert odd.status is Status.WARN


def test_clock_outcomes_and_amounts():
    clock = ClockCheck()
    t = thresholds(ClockCheck)
    assert clock.evaluate({"ntp": {"pool": {"status": "ok", "offset_s": 0.2}}}, t).status is Status.PASS
    behind = clock.evaluate({"ntp": {"pool": {"status": "ok", "offset_s": 18000}}}, t)
    assert behind.status is Status.FAIL and "5 hours behind" in behind.summary
    # no worry about accounts or batteries: the readers feared for their bank and for opening the computer
    assert "check websites such as your e-mail" in (behind.why or "") and "sign-ins" not in behind.summary
    # round 3: "how can a clock break the internet?": one sentence why
    # round 8: "why would e-mail care about the date?": the date keeps the connection safe (no "your accounts are safe")
    # round 9: "keep your connection safe" quoted by both readers: fewer words
    # round 15: "how can a clock break the internet?" (en, fr): what the websites do with the date
    # round 16: "refuse a computer whose clock is wrong: why?" (en, fr): why the date matters, no "certificate"
    # round 17: "a kind of identity card: does my computer have one?" (en, fr): the check itself, no image
    assert behind.why == (
        "Your computer uses its clock to check websites such as your e-mail before it opens them: with a wrong clock, that check fails, so they do not open."
    )
    assert "identity card" not in (behind.why or "")
    assert "certificate" not in (behind.why or "") and "refuse a computer" not in (behind.why or "")
    assert "safe" not in (behind.why or "")
    assert "account" not in (behind.why or "")
    # round 3: "where is the switch?": named as the running system labels it, when the system is known
    on_windows = clock.evaluate({"platform": "windows", "ntp": {"pool": {"status": "ok", "offset_s": 18000}}}, t)
    # round 9: "the switch called" / « petit bouton à côté de » quoted: the label alone, in fewer words
    assert on_windows.advice[0] == "Click “Open the date and time settings”, then turn on the switch under “Set time automatically” in the window that opens."
    on_mac = clock.evaluate({"platform": "darwin", "ntp": {"pool": {"status": "ok", "offset_s": 18000}}}, t)
    assert "“Set time and date automatically”" in on_mac.advice[0]
    # no reassurance that raises a fear (accounts), no repair-shop part (lay readers, round 2)
    words = " ".join([behind.why or "", *behind.advice])
    for worrying in ("accounts", "battery", "part keeps", "repair"):
        assert worrying not in words, worrying
    # off by whole hours: most often a wrong time zone with the time then set by hand; the customer checks the zone in
    # the same window (agent round 3: the support card suspected the zone, the customer's steps did not say it)
    assert "turn on the switch that sets the time automatically" in behind.advice[0]
    assert behind.advice[1].startswith("In the same window, check that the time zone (or city) shown is where you are")
    assert "contact button" in behind.advice[2]
    # off by a drift, not whole hours: the zone is not the cause (the clock is compared in universal time): not asked
    drifted = clock.evaluate({"ntp": {"pool": {"status": "ok", "offset_s": 17000}}}, t)
    assert not any("time zone" in step for step in drifted.advice) and len(drifted.advice) == 2
    ahead = clock.evaluate({"ntp": {}, "http_offset_s": -120}, t)
    assert ahead.status is Status.WARN and "2 minutes ahead" in ahead.summary
    assert clock.evaluate({"ntp": {"pool": {"status": "timeout"}}}, t).status is Status.SKIP
    assert describe_offset(3 * 86400) == "3 days" and describe_offset(1) == "1 second"


def test_a_large_clock_offset_is_claimed_only_when_a_second_source_does_not_contradict_it():
    """Agent round 22 trusted "124 days behind" because "both the time server and a web server's date confirm this"."""
    clock = ClockCheck()
    t = thresholds(ClockCheck)
    behind = {"pool": {"status": "ok", "offset_s": 10739561.0}}
    # both sources: the web server's date agrees (within agree_seconds): the offset is claimed, and the evidence says by what
    both = clock.evaluate({"ntp": behind, "http_offset_s": 10739561.5}, t)
    assert both.status is Status.FAIL and "124 days behind" in both.summary
    assert both.evidence["confirmation"] == {"status": "agree", "source": "ntp:pool", "offset_s": 10739561.0, "by": "http", "by_offset_s": 10739561.5}
    # a second time server from the config confirms it as well
    two_servers = clock.evaluate({"ntp": {**behind, "other": {"status": "ok", "offset_s": 10739560.2}}}, t)
    assert two_servers.status is Status.FAIL and two_servers.evidence["confirmation"]["status"] == "agree"
    # one source only: claimed as before, and the evidence says nothing confirmed it
    one = clock.evaluate({"ntp": behind}, t)
    assert one.status is Status.FAIL and one.evidence["confirmation"] == {"status": "none", "source": "ntp:pool", "offset_s": 10739561.0}
    # the two disagree: no "124 days behind"; the customer compares with a phone, the evidence keeps both
    for facts in ({"ntp": behind, "http_offset_s": 0.5}, {"ntp": {**behind, "other": {"status": "ok", "offset_s": 0.2}}, "http_offset_s": 0.5}):
        torn = clock.evaluate({**facts, "platform": "windows"}, t)
        assert torn.status is Status.WARN, facts
        assert torn.summary == "This computer's clock could not be checked: two sources of the right time on the internet do not agree."
        assert "124 days" not in torn.summary and not torn.repairs
        assert torn.advice[0].startswith("Compare the date and time shown on this computer with a phone's.")
        assert "“Set time automatically”" in torn.advice[1]
        assert torn.evidence["confirmation"]["status"] == "disagree" and torn.evidence["confirmation"]["by_offset_s"] in (0.5, 0.2)
    # beyond agree_seconds is a disagreement, within it not; the threshold is the config's
    assert clock.evaluate({"ntp": behind, "http_offset_s": 10739561.0 - 31}, t).status is Status.WARN
    assert clock.evaluate({"ntp": behind, "http_offset_s": 10739561.0 - 31}, {**t, "agree_seconds": 60}).status is Status.FAIL
    # a right clock is not questioned by a stray web server's date
    assert clock.evaluate({"ntp": {"pool": {"status": "ok", "offset_s": 0.2}}, "http_offset_s": 9000.0}, t).status is Status.PASS
    i18n.set_language("fr")
    try:
        fr = clock.evaluate({"ntp": behind, "http_offset_s": 0.5}, t)
        assert fr.summary.startswith("L’horloge de cet ordinateur n’a pas pu être vérifiée"), fr.summary
    finally:
        i18n.set_language("en")


@pytest.mark.parametrize(
    ("result", "kind"),
    [
        ({"status": "ok"}, "ok"),
        ({"status": "cert_error", "verify_code": 9, "verify_message": "certificate is not yet valid"}, "not_yet_valid"),
        ({"status": "cert_error", "verify_code": 10, "verify_message": "certificate has expired"}, "expired"),
        ({"status": "cert_error", "verify_code": 20, "verify_message": "unable to get local issuer certificate"}, "untrusted"),
        ({"status": "cert_error", "verify_code": 62, "verify_message": "Hostname mismatch, certificate is not valid for 'x'."}, "mismatch"),
        ({"status": "tls_error", "reason": "SSLV3_ALERT_HANDSHAKE_FAILURE"}, "refused_handshake"),
        ({"status": "handshake_reset"}, "cut"),
        ({"status": "timeout"}, "blocked"),
        ({"status": "proxy_refused"}, "proxy"),
        ({"status": "not_found"}, "not_found"),
    ],
)
def test_tls_failure_kinds(result, kind):
    assert tls_kind(result) == kind


def https_facts(result, clock_offset=None):
    return {"urls": ["https://www.example.com/"], "results": {"https://www.example.com/": result}, "clock_offset_s": clock_offset, "ca_problems": []}


def test_stopped_secure_sites_are_said_not_to_come_from_this_computer_only_where_the_facts_allow_it():
    """Review: the customer's why says "This comes from your internet box or from your internet line …, not from this
    computer" for every stopped secure site, though a security program on this computer that drops them stops the box's
    own secure port too (the support card's lab case, where the card says "by this computer or …")."""
    https = HttpsCheck()
    silent = {"status": "handshake_timeout"}
    for box in ("ok", "refused", None):  # the box answered on its secure port (or it was not tried): as before
        facts = https_facts(silent) | ({"box_tcp_443": box} if box else {})
        said = https.evaluate(facts, {})
        # agent rounds 29-31: the card says "not this computer" only as far as the bundle can show: the screen as sure, no surer
        assert said.why is not None and said.why.endswith(
            "This most likely comes from the internet box, or from somewhere between the box and the websites, not from this computer. "
            "At home, restarting the box usually sorts it out; if not, support can look into it with you."
        ), (box, said.why)
    for box in ("timeout", "unreachable", "error"):  # this computer did not even reach the box's secure port
        said = https.evaluate(https_facts(silent) | {"box_tcp_443": box}, {})
        # verdict round 16: that the e-mails are not lost stays true wherever they are stopped
        assert said.why == "Your e-mails are not lost: they will be there once the sites open again.", (box, said.why)
        # what is true stays: the headline, the steps, and that it is only part of "the internet does not work"
        assert said.summary == "Websites such as your e-mail do not open." and said.partial and len(said.advice) == 3


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_secure_sites_stopped_by_this_computers_own_firewall_are_not_said_to_come_from_the_box(lang):
    """Issue 21: where security.firewall read a rule of this computer's own firewall that stops outgoing secure connections
    (its "outbound" facts, copied as "own_firewall"), the screen said "not from this computer" and had them restart the box
    for nothing: a setting on it, said plainly, and the one step that helps (support changes it with them)."""
    from selfcheck import i18n, plainwords

    https = HttpsCheck()
    silent = {"status": "timeout", "address": "198.51.100.80"}
    rule = {"rule": "ip daddr 198.51.100.0/24 tcp dport 443 drop", "where": "inet selfcheck_block out", "only_to": "198.51.100.0/24", "program": None}
    own = {"read": True, "sources": ["nftables"], "why_not": None, "default_block": False, "secure_blocks": [rule], "other_firewalls": []}
    with i18n.language(lang):
        said = https.evaluate(https_facts(silent) | {"box_tcp_443": "refused", "own_firewall": own}, {})
        assert (
            said.why
            == {
                "en": "Your e-mails are not lost: they will be there once the sites open again. "
                "A setting on this computer stops these websites: restarting the internet box would not help.",
                "fr": "Vos e-mails ne sont pas perdus\u00a0: ils seront là dès que les sites s’ouvriront à nouveau. "
                "Un réglage de cet ordinateur bloque ces sites\u00a0: redémarrer la box internet n’y changerait rien.",
            }[lang]
        ), said.why
        assert said.advice == [
            {
                "en": "Ask for help with the contact button at the bottom of the window: support can change that setting with you.",
                "fr": "Demandez de l’aide avec le bouton de contact en bas de la fenêtre\u00a0: l’assistance peut modifier ce réglage avec vous.",
            }[lang]
        ], said.advice
        assert not [why for line in (said.summary, said.why, *said.advice) for why in plainwords.problems(line)]
        assert not re.search(r"\b(?:firewall|pare-feu|rules?|règles?|ports?)\b", f"{said.why} {said.advice}", re.IGNORECASE), said
        # one for a web browser only (issue 21: the customer's browser is what does not open them): the same
        browser = {**own, "secure_blocks": [{**rule, "only_to": None, "program": "chrome.exe"}]}
        assert https.evaluate(https_facts(silent) | {"box_tcp_443": "refused", "own_firewall": browser}, {}).advice == said.advice
        # a rule only to other addresses, one for another program only (Windows' own svchost.exe), none, or not read: as
        # before (the box first). Issue 21 review: so are outgoing connections blocked by default (an accept rule, not
        # read, may let them out: a VPN's kill switch) and a rule with a condition not read ("ct state invalid drop")
        for other, more in (
            ({**own, "secure_blocks": [{**rule, "only_to": "203.0.113.0/24"}]}, {}),
            ({**own, "secure_blocks": [{**rule, "only_to": None, "program": "svchost.exe"}]}, {}),
            ({**own, "secure_blocks": []}, {}),
            ({**own, "read": False, "why_not": "not_root", "secure_blocks": []}, {}),
            ({**own, "secure_blocks": [], "default_block": True}, {}),
            ({**own, "secure_blocks": [{**rule, "rule": "ct state invalid drop", "only_to": None, "unread": True}]}, {}),
            # the rule names the sites, but a secure attempt to one of them reached the box (one step out): it left this computer
            (own, {"hops": {"address": "198.51.100.80", "probes": {"443@1": {"status": "time_exceeded", "from": "10.77.0.1"}}}}),
        ):
            before = https.evaluate(https_facts(silent) | {"box_tcp_443": "refused", "own_firewall": other} | more, {})
            assert (
                len(before.advice) == 3
                and before.why is not None
                and before.why.endswith(https.evaluate(https_facts(silent) | {"box_tcp_443": "refused"}, {}).why or "?")
            ), (other, before.why)


def test_https_outcomes_name_the_cause():
    https = HttpsCheck()
    assert https.evaluate(https_facts({"status": "ok"}), {}).status is Status.PASS
    clock = https.evaluate(https_facts({"status": "cert_error", "verify_code": 9}, clock_offset=-7200), {})
    assert clock.status is Status.FAIL and "clock is wrong (by 2 hours)" in clock.summary and "network.clock" in clock.caused_by
    expired = https.evaluate(https_facts({"status": "cert_error", "verify_code": 10}, clock_offset=0.3), {})
    assert "has expired" in expired.summary
    intercepted = https.evaluate(https_facts({"status": "cert_error", "verify_code": 20, "certificate": {"issuer": "Avast Web/Mail Shield Root"}}), {})
    assert "“Avast Web/Mail Shield Root”" in intercepted.summary
    mismatch = https.evaluate(https_facts({"status": "cert_error", "verify_code": 62, "certificate": {"names": ["hotspot.example"]}}), {})
    assert "another name" in mismatch.summary and "hotspot.example" not in mismatch.summary
    blocked = https.evaluate(https_facts({"status": "handshake_timeout"}), {})
    # verdict round 10: "some websites: which ones?": every site tried fails, so "most", and which kind
    assert blocked.summary == "Websites such as your e-mail do not open." and "network.quality" in blocked.caused_by
    # one thing a person can do (restart the box), check again, then ask for help: no jargon, no fear of being
    # hacked or for the bank, no button to a settings window (lay readers, rounds 1 and 2)
    for lang in ("en", "fr"):
        i18n.set_language(lang)
        try:
            said = https.evaluate(https_facts({"status": "handshake_timeout"}), {})
        finally:
            i18n.set_language("en")
        words = " ".join([said.summary, said.why or "", *said.advice]).lower()
        for scary in ("firewall", "pare-feu", "it team", "informatique", "hack", "pirat", "bank", "banque", "hotspot", "partage de connexion"):
            assert scary not in words, (lang, scary)
        for jargon in ("security program", "programme de sécurité", "antivirus", "parental", "network", "réseau", "secure", "sécurisé"):
            assert jargon not in words, (lang, jargon)
        assert said.fix is None and len(said.advice) <= 3
        assert ("unplug it from the power, wait 30 seconds" in said.advice[0]) if lang == "en" else ("attendez 30 secondes" in said.advice[0])
        # the contact button's label follows the branding: said by where it is
        assert ("contact button at the bottom" in said.advice[-1]) if lang == "en" else ("bouton de contact en bas" in said.advice[-1])
    cut = https.evaluate(https_facts({"status": "handshake_reset"}), {})
    assert cut.summary == blocked.summary and cut.advice == blocked.advice
    partly = HttpsCheck().evaluate(
        {
            "urls": ["https://a.example/", "https://b.example/"],
            "results": {"https://a.example/": {"status": "ok"}, "https://b.example/": {"status": "refused"}},
        },
        {},
    )
    assert partly.status is Status.WARN and "refused the connection" in partly.summary


def test_support_outcomes():
    support = SupportCheck()
    url = "https://support.example.com/"
    ok = support.evaluate({"url": url, "results": {url: {"status": "ok", "http_code": 404}}}, {})
    assert ok.status is Status.PASS and ok.summary == "The support service can be reached." and "support.example.com" in ok.evidence["url"]
    broken = support.evaluate({"url": url, "results": {url: {"status": "ok", "http_code": 503}}}, {})
    assert broken.status is Status.WARN
    down = support.evaluate({"url": url, "results": {url: {"status": "timeout"}}}, {})
    assert down.status is Status.FAIL and "network.https" in down.caused_by and down.summary.startswith("The support service cannot be reached.")


def test_quality_statistics_and_outcomes():
    assert stats(4, [10, 30, 10, 30]) == {"sent": 4, "received": 4, "loss_percent": 0, "latency_ms": 30, "jitter_ms": 20.0}
    quality = QualityCheck()
    t = thresholds(QualityCheck)
    good = quality.evaluate(
        {"gateway": {"sent": 5, "rtts_ms": [1, 1, 2, 1, 1]}, "support": {"sent": 16, "rtts_ms": [20] * 16}, "hops": {"status": "ok", "hops": []}}, t
    )
    assert good.status is Status.PASS
    lossy = quality.evaluate({"support": {"sent": 16, "rtts_ms": [20] * 6}}, t)
    assert lossy.status is Status.FAIL and "62% lost on the way to the internet" in lossy.summary
    wifi = quality.evaluate({"gateway": {"sent": 10, "rtts_ms": [3] * 8}, "support": {"sent": 16, "rtts_ms": [20] * 16}}, t)
    assert wifi.status is Status.WARN and "between this computer and your internet box" in wifi.summary
    slow = quality.evaluate({"support": {"sent": 16, "rtts_ms": [520] * 16}}, t)
    assert slow.status is Status.FAIL and "520 ms" in slow.summary
    assert quality.evaluate({}, t).status is Status.SKIP


def test_quality_counts_loss_to_the_dns_servers_but_not_silence():
    quality = QualityCheck()
    t = thresholds(QualityCheck)
    gateway = {"address": "192.168.1.254", "sent": 5, "rtts_ms": [1, 1, 1, 1, 1]}
    lossy = quality.evaluate({"gateway": gateway, "resolvers": {"198.51.100.53": {"sent": 8, "received": 3}}}, t)
    assert lossy.status is Status.FAIL and "62% lost on the way to the internet" in lossy.summary
    silent = quality.evaluate({"gateway": gateway, "resolvers": {"198.51.100.53": {"sent": 8, "received": 0}}}, t)
    assert silent.status is Status.PASS  # a DNS server that never answers is the DNS check's finding
    # the box's name service loses half its questions while the box answers every ping: not the line's data (see below)
    at_router = quality.evaluate({"gateway": gateway, "resolvers": {"192.168.1.254": {"sent": 8, "received": 4}}}, t)
    assert at_router.status is Status.PASS
    lossy_box = {**gateway, "rtts_ms": [1, 1, 1, 1]}  # one ping of five lost too: the line to the box loses data, as its pings say
    at_router = quality.evaluate({"gateway": lossy_box, "resolvers": {"192.168.1.254": {"sent": 8, "received": 4}}}, t)
    assert at_router.status is Status.WARN and "(20% lost between this computer and your internet box)" in at_router.summary


def test_a_name_service_that_answers_only_some_questions_while_every_probe_is_answered_is_not_data_lost():
    """Recorded in the lab with the name servers' answers dropped half the time: the box answered its 3 pings and the support
    host its 16 connections, the name servers 3 of 8 questions each. The line loses nothing: "The connection loses a lot of
    data (62% lost on the way to the internet)" blamed it and hid the name service (the DNS check's to judge). Neither is it
    "no data lost": what the name servers left unanswered stays in the technical details for support."""
    import json
    from pathlib import Path

    fixture = json.loads((Path(__file__).parent / "fixtures/checks/network.quality/lab_name_servers_half_answered.json").read_text())
    t = thresholds(QualityCheck)
    outcome = QualityCheck().evaluate(fixture["facts"], t)
    assert outcome.status is Status.PASS and "lost" not in outcome.summary, outcome.summary
    assert outcome.summary.startswith("The connection is steady: ")
    assert outcome.evidence["support"]["loss_percent"] == 0 and outcome.evidence["support"]["sent"] == 16
    assert outcome.evidence["resolvers_partly_answered"] == {
        "198.51.100.53": {"sent": 8, "received": 3, "loss_percent": 62},
        "198.51.100.54": {"sent": 8, "received": 3, "loss_percent": 62},
    }
    with i18n.language("fr"):
        french = QualityCheck().evaluate(fixture["facts"], t).summary
    assert french.startswith("La connexion est stable") and "perd" not in french, french  # neither « perd » nor « aucune donnée perdue »
    # the connections beyond the box lost some too: what the line loses is what they lost, not the name servers' 62 % (review
    # of 45fabbb: one lost connection of 16, below the warning, made it "62 % lost" again and the root cause)
    one = {**fixture["facts"], "support": {**fixture["facts"]["support"], "rtts_ms": fixture["facts"]["support"]["rtts_ms"][:15]}}
    assert QualityCheck().evaluate(one, t).status is Status.PASS
    lossy = {**fixture["facts"], "support": {**fixture["facts"]["support"], "rtts_ms": fixture["facts"]["support"]["rtts_ms"][:12]}}
    outcome = QualityCheck().evaluate(lossy, t)
    assert outcome.status is Status.WARN and "(25% lost on the way to the internet)" in outcome.summary, outcome.summary
    assert outcome.evidence["resolvers_partly_answered"]["198.51.100.53"]["loss_percent"] == 62  # still there for support


def test_a_box_name_service_losing_questions_is_the_only_measure_of_the_line_to_the_box_where_nothing_else_was_probed():
    """Where neither an ICMP socket nor the system's ping is allowed (network.gateway's ping method "unavailable"), or the box
    ignores pings, the connections beyond the box measure the line through it (review of 45fabbb: a box answering half its
    name questions read "62 % lost between this computer and your internet box" while 16 of 16 connections through it were
    answered, and sent the customer after their Wi-Fi); with nothing probed beyond it either, the box's own name service is
    the only probe of the line to it: its unanswered questions count there."""
    t = thresholds(QualityCheck)
    support = {"host": "support.example.com", "address": "203.0.113.10", "sent": 16, "rtts_ms": [20.0] * 16, "silent_ports": [], "errors": []}
    facts = {"gateway": {"address": "192.168.1.254"}, "support": support, "resolvers": {"192.168.1.254": {"sent": 8, "received": 4}}}
    outcome = QualityCheck().evaluate(facts, t)
    assert outcome.status is Status.PASS and "lost" not in outcome.summary, outcome.summary
    assert outcome.evidence["resolvers_partly_answered"] == {"192.168.1.254": {"sent": 8, "received": 4, "loss_percent": 50}}
    alone = QualityCheck().evaluate({"gateway": {"address": "192.168.1.254"}, "resolvers": {"192.168.1.254": {"sent": 8, "received": 4}}}, t)
    assert alone.status is Status.FAIL and "(50% lost between this computer and your internet box)" in alone.summary
    # and with no support address (nothing beyond the box probed), a provider's name server is the only measure beyond it
    far = QualityCheck().evaluate({"gateway": {"address": "192.168.1.254"}, "resolvers": {"198.51.100.53": {"sent": 8, "received": 4}}}, t)
    assert far.status is Status.FAIL and "(50% lost on the way to the internet)" in far.summary


def test_quality_knows_the_box_it_could_not_ping(monkeypatch):
    """collect() with no ping allowed (network.gateway's facts as on a Linux without ping_group_range nor a ping that may
    run): the box's address is kept, so its name service's unanswered questions are the line to the box's, not beyond it."""
    from types import SimpleNamespace

    from selfcheck import netprobe

    box = "192.168.1.254"
    gateway = {"gateway": box, "ping": {"method": "unavailable", "detail": "ping: socket: Operation not permitted"}, "tcp": {"53": "ok"}}
    monkeypatch.setattr(netprobe, "find_resolvers", lambda run, platform: {"servers": [box], "source": "test"})
    asked = iter(range(100))
    answer = {"status": "answer", "rcode": "NOERROR", "addresses": ["203.0.113.10"], "ms": 2.0}
    monkeypatch.setattr(netprobe, "dns_query", lambda s, n, timeout=2.0, resend=0.6: dict(answer) if next(asked) % 2 else {"status": "timeout", "ms": 900.0})
    t = thresholds(QualityCheck)
    ctx = SimpleNamespace(run=None, platform="linux", config={}, thresholds=t, facts_of=lambda check_id: gateway if check_id == "network.gateway" else None)
    facts = QualityCheck().collect(ctx)
    assert facts["gateway"] == {"address": box} and facts["resolvers"] == {box: {"sent": 8, "received": 4}}
    outcome = QualityCheck().evaluate(facts, t)
    assert outcome.status is Status.FAIL and "(50% lost between this computer and your internet box)" in outcome.summary, outcome.summary


def test_wifi_is_what_the_os_lists_as_wireless_not_a_name_pattern():
    """macOS' en0 and a Windows adapter renamed "Büro" are Wi-Fi because the OS says so; their weak signal warns."""
    from real_outputs import real
    from selfcheck.checks.network_link import mark_wireless
    from selfcheck.platforms import macos

    interfaces = [iface("en0"), iface("en5")]
    info = macos.parse_airport_info(real("macos", "airport_I_10.14.6.txt"))
    wifi = [{"name": "en0", **info}]
    mark_wireless(interfaces, wifi)
    assert [i["wireless"] for i in interfaces] == [True, False]
    weak = LinkCheck().evaluate({"interfaces": interfaces, "wifi": wifi}, {**thresholds(LinkCheck), "warn_signal_percent": 70})
    assert weak.status is Status.WARN and "68%" in weak.summary
    office = [iface("Büro")]
    mark_wireless(office, [{"name": "Büro", "signal_percent": 30}])
    assert office[0]["wireless"] is True


def test_quality_never_says_no_data_lost_when_name_servers_answered_nothing():
    """Recorded in the lab with the name servers' packets dropped: the line is steady, but 0 of 8 questions were answered."""
    import json
    from pathlib import Path

    fixture = json.loads((Path(__file__).parent / "fixtures/checks/network.quality/lab_name_servers_silent.json").read_text())
    outcome = QualityCheck().evaluate(fixture["facts"], thresholds(QualityCheck))
    assert outcome.status.value == "pass"
    assert "no data lost" not in outcome.summary
    assert outcome.evidence["silent_resolvers"] == ["198.51.100.53", "198.51.100.54"]
    steady = json.loads((Path(__file__).parent / "fixtures/checks/network.quality/lab_steady.json").read_text())
    assert "no data lost" in QualityCheck().evaluate(steady["facts"], thresholds(QualityCheck)).summary


def test_dns_asks_whether_servers_were_set_by_hand_only_when_none_answered(monkeypatch):
    """The 1+N nmcli/networksetup runs (3 s each at worst) only when no server answered every name: only then does
    the verdict (and the support card, through its evidence) read the setting."""
    from types import SimpleNamespace

    from selfcheck import netprobe

    asked: list[str] = []
    monkeypatch.setattr(netprobe, "find_resolvers", lambda run, platform: {"servers": ["192.0.2.53", "192.0.2.54"], "source": "test"})
    monkeypatch.setattr(netprobe, "dns_set_by_hand", lambda run, platform: asked.append(platform) or ["192.0.2.53"])
    ctx = SimpleNamespace(run=None, platform="linux", config={}, thresholds=thresholds(DnsCheck), remaining=lambda: 10.0, facts_of=lambda check_id: None)
    answer = {"status": "answer", "rcode": "NOERROR", "addresses": ["93.184.216.34"], "ms": 20.0}
    # one server answers every name, the other is silent: not asked, and the scan's facts are the same as before
    monkeypatch.setattr(netprobe, "dns_query", lambda s, n, rdtype="A", timeout=2.0: dict(answer) if s == "192.0.2.53" else {"status": "timeout", "ms": 900.0})
    facts = DnsCheck().collect(ctx)
    assert asked == [] and "dns_setting" not in facts
    assert DnsCheck().evaluate(facts, thresholds(DnsCheck)).status is not Status.FAIL
    # neither answers: asked once, and the verdict says the setting typed in by hand is the cause
    monkeypatch.setattr(netprobe, "dns_query", lambda s, n, rdtype="A", timeout=2.0: {"status": "timeout", "ms": 900.0})
    facts = DnsCheck().collect(ctx)
    assert asked == ["linux"] and facts["dns_setting"] == "hand" and facts["dns_by_hand"] == ["192.0.2.53"]
    assert DnsCheck().evaluate(facts, thresholds(DnsCheck)).evidence["dns_setting"] == "hand"


@pytest.mark.parametrize(("offset", "zone_read"), [(0.4, False), (119.0, False), (-120.0, True), (3 * 3600.0, True)])
def test_the_clock_reads_its_time_zone_only_when_off_enough_for_the_card_to_name_it(monkeypatch, offset, zone_read):
    """The zone (a second `tzutil /g` on Windows) is collected only for a clock 120 s or more off: the card names it only then."""
    import datetime as dt
    from types import SimpleNamespace

    from selfcheck import netprobe
    from selfcheck.checks import network_clock

    zone = {"zone": "Europe/London", "utc_offset_minutes": 0}
    asked: list[str] = []
    monkeypatch.setattr(network_clock, "time_zone", lambda run, platform: asked.append(platform) or dict(zone))
    monkeypatch.setattr(netprobe, "dns_context", lambda facts_of, run, platform: ([], {}))
    monkeypatch.setattr(netprobe, "resolve", lambda host, resolvers, wait, known: {"addresses": ["192.0.2.123"]})
    monkeypatch.setattr(netprobe, "sntp_query", lambda address, wait, now: {"status": "ok", "offset_s": offset})
    ctx = SimpleNamespace(
        run=None,
        platform="linux",
        config={"network": {"ntp_servers": ["time.example"], "connectivity_url": ""}},
        thresholds=thresholds(ClockCheck),
        remaining=lambda: 10.0,
        facts_of=lambda check_id: None,
        now=lambda: dt.datetime.now(dt.UTC),
    )
    facts = ClockCheck().collect(ctx)
    assert (asked == ["linux"]) is zone_read
    assert facts.get("time_zone") == (zone if zone_read else None)


#: the company IS the customer's internet provider ([support] internet_provider), named by its branding
CLEARLINE = {"support": {"internet_provider": True}, "branding": {"company": "Clearline Help"}}


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_steps_that_send_the_customer_to_their_provider_name_the_company_when_it_is_their_provider(lang, monkeypatch):
    # agent rounds 23 and 25: "The customer-facing ⚠ text says “call your internet provider”, which is us, so I'd say
    # “call us” instead": with [support] internet_provider = true, every such step names the company's support; recorded when
    # the check collects (the evaluation reads no config, so support re-judging the bundle reads the same words)
    from types import SimpleNamespace

    from selfcheck import netprobe

    i18n.set_language(lang)
    line = {
        "en": ("call your internet provider: the line may be cut.", "call Clearline Help: they can check your line from their side."),
        "fr": ("appelez votre fournisseur d’accès\u00a0: la ligne est peut-être coupée.", "appelez Clearline Help, qui peut vérifier votre ligne de son côté."),
    }[lang]
    slow = {
        "en": ("tell your internet provider that their DNS is slow.", "tell Clearline Help: finding websites by name is slow on their side."),
        "fr": (
            "signalez à votre fournisseur d’accès que son «\u00a0DNS\u00a0» est lent.",
            "prévenez Clearline Help\u00a0: la recherche des sites par leur nom est lente de son côté.",
        ),
    }[lang]
    monkeypatch.setattr(netprobe, "find_resolvers", lambda run, platform: {"servers": ["192.0.2.53"], "source": "test"})
    monkeypatch.setattr(
        netprobe, "dns_query", lambda s, n, rdtype="A", timeout=2.0, **kw: {"status": "answer", "rcode": "NOERROR", "addresses": ["192.0.2.80"], "ms": 800.0}
    )
    monkeypatch.setattr(netprobe, "tcp_connect", lambda ip, port, wait: {"status": "timeout"})  # the line is cut: nothing answers
    monkeypatch.setattr(netprobe, "network_allowed", lambda *a, **kw: True, raising=False)

    def collected(cls, config):
        ctx = SimpleNamespace(
            run=None, platform="linux", config=config, thresholds=thresholds(cls), remaining=lambda: 10.0, facts_of=lambda check_id: None,
            cancelled=SimpleNamespace(wait=lambda s: None),
        )  # fmt: skip
        network = {"internet_addresses": ["192.0.2.80:443"], "second_resolver": "", "dns_names": ["example.com"]}
        return cls().evaluate(cls().collect(SimpleNamespace(**{**vars(ctx), "config": {**config, "network": network}})), thresholds(cls))

    for config, said in (({}, 0), ({"support": {"internet_provider": False}, "branding": {"company": "Clearline Help"}}, 0), (CLEARLINE, 1)):
        down = collected(InternetCheck, config)
        assert down.status is Status.FAIL and down.advice[-1].endswith(line[said]), down.advice
        dns = collected(DnsCheck, config)
        assert dns.status is Status.WARN and dns.advice[-1].endswith(slow[said]), dns.advice
        assert not (said and any(word in " ".join(dns.advice + down.advice) for word in ("provider", "fournisseur"))), dns.advice + down.advice
        assert not (said and (plainwords.problems(dns.advice[-1]) or plainwords.problems(down.advice[-1])))  # no “DNS” for the customer
    # no company in the branding: the support team, as the window names it
    unnamed = {"en": "call your support team: they can check your line", "fr": "appelez votre assistance, qui peut vérifier votre ligne"}[lang]
    assert unnamed in collected(InternetCheck, {"support": {"internet_provider": True}}).advice[-1]
    # the other steps of the kind, judged from facts that say so (the quality check's collect needs the lab: tests/network)
    ours = plainwords.provider_fact(CLEARLINE)
    lossy = {"support": {"sent": 16, "rtts_ms": [20] * 6}}
    lost = {
        "en": ("tell your internet provider: their line loses data or is slow.", "tell Clearline Help: your line loses data or is slow, and they can check"),
        "fr": (
            "prévenez votre fournisseur d’accès\u00a0: sa ligne perd des données ou est lente.",
            "prévenez Clearline Help, qui peut vérifier votre ligne de son côté",
        ),
    }[lang]
    assert lost[0] in QualityCheck().evaluate(lossy, thresholds(QualityCheck)).advice[-1]
    assert lost[1] in QualityCheck().evaluate({**lossy, **ours}, thresholds(QualityCheck)).advice[-1]
    for facts, step in (
        (
            dns_facts({"192.0.2.53": {"example.com": answer(3000)}}),
            {"en": "tell Clearline Help: finding websites", "fr": "prévenez Clearline Help\u00a0: la recherche"},
        ),
        (dns_facts({"192.0.2.53": {"example.com": answer(addresses=("0.0.0.0",))}}), {"en": "or tell Clearline Help.", "fr": "ou prévenez Clearline Help."}),
    ):
        theirs, mine = (DnsCheck().evaluate({**facts, **extra}, thresholds(DnsCheck)).advice for extra in ({}, ours))
        assert any(step[lang] in a for a in mine) and not any(step[lang] in a for a in theirs), mine
        assert [a for a in theirs if a not in mine] == [a for a in theirs if "provider" in a or "fournisseur" in a], theirs


def test_secure_attempt_two_steps_out_is_sent_again_when_only_it_got_no_answer(monkeypatch):
    """Issue 21 review: 80@2 and 443@2 go out at the same moment; a router that limits its ICMP answers may answer one and not
    the other, a false "the box stops them". The secure one is sent once more after a pause and kept; the card settles the
    box only when both got nothing, and only when the router one step out is this computer's gateway."""
    from selfcheck import netprobe, supportcard
    from selfcheck.api import Context
    from selfcheck.checks import network_https

    sent: list[tuple[int, int]] = []
    again = {"status": "time_exceeded", "from": "10.77.1.2"}

    def ttl_probe(ip, port, ttl, wait):
        sent.append((port, ttl))
        if ttl == 1:
            return {"status": "time_exceeded", "from": "10.77.0.1"}
        if port == 80 and ttl == 2:
            return {"status": "time_exceeded", "from": "10.77.1.2"}
        return again if sent.count((443, 2)) == 2 else {"status": "silent"}

    monkeypatch.setattr(netprobe, "ttl_probe", ttl_probe)
    monkeypatch.setattr(network_https.time, "sleep", lambda seconds: None)
    internet = {"addresses": {"198.51.100.80:80": {"status": "ok", "ms": 3.0}}}
    ctx = Context(facts={"network.internet": internet})
    results = {"https://www.lab.example/": {"status": "timeout", "address": "198.51.100.80"}}
    hops = network_https.hop_probes(ctx, results)
    assert hops is not None and sent.count((443, 2)) == 2 and hops["probes"]["443@2 again"] == again, hops
    # the second one was answered beyond the box: the box passes them on
    assert supportcard.hops_settle({"hops": hops}, "10.77.0.1") == {"where": "beyond", "box": "10.77.0.1", "router": "10.77.1.2", "steps": 2}
    # silent twice: the box
    hops["probes"]["443@2 again"] = {"status": "silent"}
    assert (supportcard.hops_settle({"hops": hops}, "10.77.0.1") or {}).get("where") == "box"
    # a bundle with no second attempt: not settled
    del hops["probes"]["443@2 again"]
    assert supportcard.hops_settle({"hops": hops}, "10.77.0.1") is None
    hops["probes"]["443@2 again"] = {"status": "silent"}
    # the router one step out is not this computer's gateway (network.gateway's): not the box; unknown gateway: as before
    assert supportcard.hops_settle({"hops": hops}, "192.168.1.1") is None
    assert supportcard.hops_settle({"hops": hops}, "10.77.0.1%eth0") is not None and supportcard.hops_settle({"hops": hops}) is not None
    # when both went unanswered by nobody but the plain one got no router answer, nothing is sent again
    sent.clear()
    monkeypatch.setattr(netprobe, "ttl_probe", lambda ip, port, ttl, wait: sent.append((port, ttl)) or {"status": "silent"})
    assert "443@2 again" not in (network_https.hop_probes(ctx, results) or {})["probes"] and sent.count((443, 2)) == 1


def test_outgoing_rules_are_read_while_the_sites_are_tried(monkeypatch):
    """Issue 21 review: in an internet-symptom scan network.https reads the outgoing rules itself (nft, iptables; on Windows a
    PowerShell call and every registry rule); it did so after the site probes, inside its 8 s. Now the read runs while the
    sites are tried, with the same facts."""
    import threading

    from selfcheck.api import Context
    from selfcheck.checks import network_https

    started = threading.Event()
    seen: dict[str, bool] = {}
    rules = {"read": True, "sources": ["nftables"], "why_not": None, "default_block": False, "secure_blocks": [], "other_firewalls": []}

    def read(ctx):
        started.set()
        return rules

    def probes(ctx, urls, *args, **kwargs):
        seen["reading"] = started.wait(2.0)  # the read began while the sites were being tried
        return {"results": {u: {"status": "ok", "address": "192.0.2.1"} for u in urls}, "ca_problems": []}

    monkeypatch.setattr(network_https, "outbound_rules", read)
    monkeypatch.setattr(network_https, "probe_urls", probes)
    facts = HttpsCheck().collect(Context({"network": {"https_urls": ["https://www.example.com/"]}}))
    assert seen == {"reading": True}
    assert facts["own_firewall"]["read"] is True and facts["own_firewall"]["sources"] == ["nftables"], facts


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_secure_sites_this_computer_refuses_itself_get_the_own_setting_screen(lang):
    """Issue 21: a firewall rule or a security program that blocks outgoing connections makes Windows answer "access
    forbidden" at once (WinError 10013; tartube #475, pesterchum #87): netprobe's "forbidden". The screen said "The secure
    connection failed."; the OS said outright that this computer refused: the own-setting screen, no box restart."""
    https = HttpsCheck()
    refused = {"status": "forbidden", "winerror": 10013, "errno": 13, "ms": 0.4, "address": "198.51.100.80"}
    with i18n.language(lang):
        said = https.evaluate(https_facts(refused), {})
        emails, setting, step = (
            i18n._(text) for text in ("Your e-mails are not lost: they will be there once the sites open again.", OWN_SETTING_WHY, OWN_SETTING_STEP)
        )
        assert said.status is Status.FAIL and said.summary == i18n._("Websites such as your e-mail do not open."), said.summary
        assert said.why == f"{emails} {setting}" and said.advice == [step] and said.fix is None and said.partial, said
        assert setting.startswith({"en": "A setting on this computer stops", "fr": "Un réglage de cet ordinateur bloque"}[lang])
        # only some sites tried refused so, the others open: "some", the same why and step
        two = {
            "urls": ["https://www.example.com/", "https://www.example.org/"],
            "results": {"https://www.example.com/": refused, "https://www.example.org/": {"status": "ok"}},
            "ca_problems": [],
        }
        some = https.evaluate(two, {})
        assert (some.status, some.summary, some.why, some.advice) == (Status.WARN, i18n._("Some websites do not open."), setting, [step]), some
        # one refused so, the other silent: which a setting here stops is not known: the headline, no why, no box restart
        mixed = https.evaluate({**two, "results": {**two["results"], "https://www.example.org/": {"status": "timeout"}}}, {})
        assert mixed.summary == i18n._("Websites such as your e-mail do not open.") and mixed.why == emails, mixed
        assert mixed.advice == [i18n._("Check again in a few minutes. If it happens again, send the results to support.")], mixed.advice
        for line in (said.summary, said.why, *said.advice, mixed.why, *mixed.advice):
            assert not plainwords.problems(line), line
