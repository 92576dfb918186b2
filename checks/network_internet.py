"""network.internet: does the internet answer beyond the router, without looking up any name?

The question that decides a support reply when websites cannot be found: is the
line to the internet down, or only the service that finds websites by name?
The computer opens a TCP connection to a few configured addresses (numbers, so
no name is looked up) and asks a second, configured DNS server for a name. A
company can point both at its own servers, or turn them off with empty values.
The shipped addresses come in IPv4 and IPv6: an IPv6 one is tried only when this
computer has IPv6 to the internet (netprobe.routed), so a home without it waits
for nothing more, and the internet answers when any address tried answers.
"""

from __future__ import annotations

import functools
import ipaddress
from typing import Any

from selfcheck import netprobe, plainwords
from selfcheck.api import Check, Context, Facts, Outcome, SkipCheck, Thresholds
from selfcheck.i18n import N_, _


def parse_targets(values: Any) -> tuple[list[tuple[str, int]], list[str]]:
    """``["1.1.1.1:443", "[2606:4700::1111]:443"]`` -> (address, port) pairs, and the entries that are not numbers."""
    targets: list[tuple[str, int]] = []
    bad: list[str] = []
    for raw in values if isinstance(values, list) else []:
        text = str(raw).strip()
        host, _sep, port = text.rpartition(":")
        host = host.strip("[]")
        try:
            ipaddress.ip_address(host)
            targets.append((host, int(port)))
        except ValueError:
            bad.append(text)
    return targets, bad


def shown(ip: str, port: int) -> str:
    """``1.1.1.1:443``, ``[2606:4700:4700::1111]:443``: an address with its port, as written in the configuration."""
    return f"[{ip}]:{port}" if ":" in ip else f"{ip}:{port}"


class InternetCheck(Check):
    id = "network.internet"
    category = "network"
    title = N_("The internet beyond your internet box")
    depends_on = ("network.gateway",)
    timeout = 6.5
    priority = 22

    def collect(self, ctx: Context) -> Facts:
        settings = netprobe.network_settings(ctx.config)
        targets, bad = parse_targets(settings.get("internet_addresses", []))
        second = str(settings.get("second_resolver") or "").strip()
        if not targets and not second:
            raise SkipCheck(_("This test is turned off in the configuration."))
        # long enough for a lost SYN to be sent again (Linux resends after 1 s, then 3 s): on a lossy line one
        # lost packet must not read as "no internet"; a dead line costs these seconds only when it is dead
        wait = max(netprobe.timeout_of(ctx.config, "connect"), float(ctx.thresholds["patience_seconds"]))
        attempts = max(1, int(ctx.thresholds["attempts"]))

        def staggered(i: int, ip: str, port: int) -> dict[str, Any]:
            ctx.cancelled.wait(i * 0.2)  # a moment apart: a burst of loss must not take them all
            return netprobe.tcp_connect(ip, port, wait)

        def reach(ip: str, port: int) -> dict[str, Any]:
            # a few connections side by side: on a lossy line one lost packet must not read as "no internet"
            tries = netprobe.parallel(
                {str(i): functools.partial(staggered, i, ip, port) for i in range(attempts)},
                wait + attempts * 0.2 + 0.5,
                enough=lambda done: any(isinstance(v, dict) and v.get("status") in ("ok", "refused") for v in done.values()),
            )
            answers: list[dict[str, Any]] = [dict(v) for v in tries.values() if isinstance(v, dict)]
            good = sorted((v for v in answers if v.get("status") in ("ok", "refused")), key=lambda v: float(v.get("ms") or 0))
            return good[0] if good else (answers[0] if answers else {"status": "timeout"})

        # an IPv6 address is tried only from a computer that has IPv6 to the internet (a route and a global address): most
        # homes have none, and there it is neither waited for nor counted as failing
        unrouted = [(ip, port) for ip, port in targets if not netprobe.routed(ip)]
        jobs: dict[str, Any] = {shown(ip, port): (lambda ip=ip, port=port: reach(ip, port)) for ip, port in targets if (ip, port) not in unrouted}
        names = [str(n) for n in settings.get("dns_names", ["example.com"])][:1] or ["example.com"]
        if second:
            jobs["second_resolver"] = lambda: netprobe.dns_query(second, names[0], timeout=max(netprobe.timeout_of(ctx.config, "dns"), wait))
        results = netprobe.parallel(jobs, wait + attempts * 0.2 + 1.0)
        facts: dict[str, Any] = {"addresses": {k: v for k, v in results.items() if k != "second_resolver"}, "ignored": bad}
        if unrouted:
            facts["not_tried_no_route"] = [shown(ip, port) for ip, port in unrouted]
        facts.update(plainwords.provider_fact(ctx.config))  # whether "call your internet provider" means the company itself
        if second:
            answer: dict[str, Any] = results.get("second_resolver") or {"status": "timeout"}
            facts["second_resolver"] = {"server": second, "name": names[0], **answer}
        return facts

    def evaluate(self, facts: Facts, thresholds: Thresholds) -> Outcome:
        probes = facts.get("addresses") or {}
        reached = sorted(a for a, p in probes.items() if isinstance(p, dict) and p.get("status") in ("ok", "refused"))
        second = facts.get("second_resolver") or {}
        names_work = second.get("status") == "answer" and bool(second.get("addresses"))
        evidence = {"reached": reached, "tried": sorted(probes), "second_resolver": second.get("server"), "second_resolver_status": second.get("status")}
        if reached or names_work:
            return Outcome.ok(_("The internet answers beyond your internet box."), evidence=evidence)
        tested = [p for p in probes.values() if isinstance(p, dict) and p.get("status") != "blocked"]
        if not tested and not second:
            return Outcome.skip(_("This test was not allowed to reach the internet from here."), evidence=evidence)
        return Outcome.fail(
            _("Nothing on the internet answers: the connection stops at your internet box."),
            advice=[
                _("Look at the lights of your internet box: a red or blinking light often means the line is down."),
                _(plainwords.INTERNET_UNPLUG_STEP),  # the support card's draft quotes it
                plainwords.to_provider(plainwords.LINE_MAY_BE_CUT, facts),
            ],
            evidence=evidence,
        )  # no button: nothing on this computer mends a line that stops at the box
