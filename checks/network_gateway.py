"""network.gateway: is there a router (default gateway), and does it answer?

Reachability is tested the least privileged way that works: an ICMP datagram
socket, else the system's ping, else TCP connections to the router and its
ARP/neighbour entry. When nothing can tell, the result says so honestly.
"""

from __future__ import annotations

from typing import Any

from selfcheck import netprobe, plainwords
from selfcheck.api import Check, Context, Facts, Fix, Outcome, Thresholds
from selfcheck.i18n import N_, _

TCP_PORTS = (53, 80, 443)


def default_routes(ctx: Context) -> list[dict[str, str]]:
    """The default routes, best first (netprobe.default_routes: the recorder finds the box the same way)."""
    return netprobe.default_routes(ctx.run, ctx.platform)


class GatewayCheck(Check):
    id = "network.gateway"
    category = "network"
    title = N_("Your internet box (router)")  # "default gateway" was quoted (round 3); "router" kept for support
    depends_on = ("network.link",)
    timeout = 5.0
    priority = 20

    def collect(self, ctx: Context) -> Facts:
        routes = default_routes(ctx)
        facts: dict[str, Any] = {"routes": routes}
        route = next((r for r in routes if r["gateway"]), None)
        facts["gateway"] = route["gateway"] if route else ""
        gateway = netprobe.box_address(routes)  # a link-local router is reached through its interface
        if not gateway:
            return facts
        count = int(ctx.thresholds["probes"])
        wait = netprobe.timeout_of(ctx.config, "ping")

        def ping() -> dict[str, Any]:
            try:
                return netprobe.icmp_ping(gateway, count=count, interval=0.1, timeout=wait)
            except OSError as exc:
                if ctx.platform == "windows" and ":" not in gateway and netprobe.allowed(gateway):  # pragma: no cover - Windows only
                    from selfcheck.platforms import windows

                    echo = windows.icmp_echo(gateway, count=min(count, 3), timeout_ms=int(wait * 1000))
                    if echo is not None:
                        return echo
                result = netprobe.system_ping(ctx.run, gateway, min(count, 3), ctx.platform)
                result["icmp_socket"] = f"not permitted ({exc.strerror or exc})"
                return result

        jobs: dict[str, Any] = {"ping": ping}
        for port in TCP_PORTS:
            jobs[f"tcp{port}"] = lambda p=port: netprobe.tcp_connect(gateway, p, wait)
        results = netprobe.parallel(jobs, wait + 0.2 * count + 1.5)
        facts["ping"] = results["ping"]
        facts["tcp"] = {str(p): results[f"tcp{p}"].get("status") for p in TCP_PORTS}
        facts["neighbour"] = netprobe.neighbour_state(facts["gateway"], ctx.run, ctx.platform)
        return facts

    def evaluate(self, facts: Facts, thresholds: Thresholds) -> Outcome:
        routes = facts.get("routes", [])
        gateway = facts.get("gateway", "")
        evidence: dict[str, Any] = {"gateway": gateway, "routes": routes}
        if not routes:
            return Outcome.fail(
                _("This computer has no way out to the internet: it does not know where your internet box is."),
                why=_("The network did not give this computer that setting when it connected, or it was set by hand and is missing."),
                advice=[
                    _("Disconnect from the network and connect again, or restart the computer."),
                    *plainwords.restart_the_box(),
                    _("If someone set a fixed address on this computer, set the network settings back to automatic."),
                ],
                evidence=evidence,
                fix=Fix("open_network_settings", _("Open the network settings")),
                repairs=["network.renew_address", "network.restart_connection"],
            )
        if not gateway:
            return Outcome.ok(_("The connection goes out directly through {name}.").format(name=routes[0].get("interface", "?")), evidence=evidence)
        ping = facts.get("ping", {})
        tcp = facts.get("tcp", {})
        neighbour = facts.get("neighbour", "unknown")
        evidence.update({"ping_method": ping.get("method"), "replies": ping.get("received"), "tcp": tcp, "neighbour": neighbour})
        if ping.get("rtts_ms"):
            rtts = sorted(ping["rtts_ms"])
            evidence["rtt_ms"] = rtts[len(rtts) // 2]
            return Outcome.ok(_("Your internet box answers quickly ({ms} ms).").format(ms=netprobe.format_ms(rtts[len(rtts) // 2])), evidence=evidence)
        if any(s in ("ok", "refused") for s in tcp.values()) or neighbour == "complete":
            return Outcome.ok(_("Your internet box is there on the network."), evidence=evidence)
        ping_tested = ping.get("method") in ("icmp", "ping")
        if neighbour == "incomplete" or ping_tested or any(s == "unreachable" for s in tcp.values()):
            return Outcome.fail(
                _("Your internet box does not answer, so nothing beyond this computer can be reached."),
                why=_("The box may be switched off, restarting, or stuck; or the cable or Wi-Fi between it and this computer does not carry anything."),
                advice=[
                    *plainwords.restart_the_box(),
                    _("Check the network cable, or disconnect from the Wi-Fi and connect again."),
                ],
                evidence=evidence,
                fix=Fix("open_network_settings", _("Open the network settings")),
                repairs=["network.renew_address", "network.restart_connection"],
            )
        return Outcome.info(
            _("Whether your internet box answers could not be tested on this computer."),
            evidence=evidence,
        )
