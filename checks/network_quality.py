"""network.quality: latency, jitter and packet loss, to the router and to the support host.

The router's figures come from the gateway check's probes; the support host
is probed with TCP connections (no privileges needed), started a few
milliseconds apart. On Linux a tracepath-like per-hop view (UDP probes, ICMP
errors read with IP_RECVERR) shows where a slow or lossy path goes; elsewhere
it is reported as unavailable. An optional download test is off by default.
"""

from __future__ import annotations

import functools
import threading
import time
from typing import Any

from selfcheck import netconf, netprobe, plainwords
from selfcheck.api import Check, Context, Facts, Outcome, Thresholds
from selfcheck.i18n import N_, _


def stats(sent: int, rtts: list[float]) -> dict[str, Any]:
    """Loss (%), median latency and jitter (mean difference between consecutive probes)."""
    if not sent:
        return {}
    ordered = sorted(rtts)
    jitter = sum(abs(a - b) for a, b in zip(rtts, rtts[1:], strict=False)) / (len(rtts) - 1) if len(rtts) > 1 else 0.0
    return {
        "sent": sent,
        "received": len(rtts),
        "loss_percent": round(100 * (sent - len(rtts)) / sent),
        "latency_ms": round(ordered[len(ordered) // 2], 1) if ordered else None,
        "jitter_ms": round(jitter, 1),
    }


class QualityCheck(Check):
    id = "network.quality"
    category = "network"
    title = N_("How steady your connection is")  # "lost data" frightened (round 3)
    depends_on = ("network.gateway",)
    after = ("network.internet",)  # a line that is down explains the loss beyond the router
    timeout = 7.0
    priority = 25

    def collect(self, ctx: Context) -> Facts:
        facts: dict[str, Any] = {}
        gateway = ctx.facts_of("network.gateway") or {}
        ping = gateway.get("ping") or {}
        # a router that ignores ping is common: only replies say something about quality
        if ping.get("method") in ("icmp", "ping") and ping.get("received"):
            facts["gateway"] = {"address": gateway.get("gateway"), "sent": ping.get("sent", 0), "rtts_ms": ping.get("rtts_ms", [])}
        elif gateway.get("gateway"):  # not measured (no ping allowed, or a box that ignores it): where it is, for its name service
            facts["gateway"] = {"address": gateway.get("gateway")}
        wait = netprobe.timeout_of(ctx.config, "ping")
        # loss to the DNS servers needs no name: measured at once, answers counted (not their speed,
        # which is the DNS check's business); a server that never answers is blocked, not lossy
        resolvers = netprobe.find_resolvers(ctx.run, ctx.platform)["servers"][:2]
        names = [str(n) for n in netprobe.network_settings(ctx.config).get("dns_names", ["example.com"])][:1] or ["example.com"]
        dns_wait = netprobe.timeout_of(ctx.config, "dns")
        per_resolver = int(ctx.thresholds["dns_probes"])

        def dns_probe(server: str, i: int) -> dict[str, Any]:
            threading.Event().wait(i * 0.03)
            return netprobe.dns_query(server, names[0], timeout=dns_wait, resend=dns_wait + 1)

        dns_jobs: dict[str, Any] = {f"{s}|{i}": functools.partial(dns_probe, s, i) for s in resolvers for i in range(per_resolver)}
        dns_results: dict[str, Any] = {}
        dns_thread = threading.Thread(target=lambda: dns_results.update(netprobe.parallel(dns_jobs, dns_wait + per_resolver * 0.03 + 0.3)), daemon=True)
        dns_thread.start()
        try:
            self._support_probes(ctx, facts, wait)
        finally:
            dns_thread.join(dns_wait + per_resolver * 0.03 + 0.5)
        resolver_facts = {}
        for server in resolvers:
            statuses = [dns_results.get(f"{server}|{i}", {}).get("status") for i in range(per_resolver)]
            # a server that refuses says so with an ICMP error, and routers (a home box's Linux, IPv6 above all) send at most
            # a few of those a second: the rest of its refusals never come. Those are not data lost on the way
            counted = ("answer", "refused") if "refused" in statuses else ("answer", "refused", "timeout", "unreachable")
            resolver_facts[server] = {
                "sent": sum(1 for st in statuses if st in counted),
                "received": sum(1 for st in statuses if st in ("answer", "refused")),
            }
        facts["resolvers"] = resolver_facts
        facts.update(plainwords.provider_fact(ctx.config))  # whether "tell your internet provider" means the company itself
        return facts

    def _support_probes(self, ctx: Context, facts: dict[str, Any], wait: float) -> None:
        support = ctx.config.get("support") or {}
        url = str(support.get("url") or "") if isinstance(support, dict) else ""
        # without a support address, the first secure address to test stands in for it
        url = url or next((str(u) for u in netprobe.network_settings(ctx.config).get("https_urls", [])), "")
        if not url:
            return
        host, port, _path = netprobe.url_parts(url)
        if netconf.proxy_for(ctx.config, url):
            facts["support"] = {"host": host, "status": "behind_proxy"}
            return
        resolvers, known = netprobe.dns_context(ctx.facts_of, ctx.run, ctx.platform)
        found = netprobe.resolve(host, resolvers, netprobe.timeout_of(ctx.config, "dns"), known)
        if not found["addresses"]:
            facts["support"] = {"host": host, "status": "not_found"}
            return
        ip = found["addresses"][0]
        count = int(ctx.thresholds["probes"])

        # alternate two ports: a port a firewall drops gets no answer at all and is
        # left out (that is a block, for the HTTPS checks), not counted as loss
        ports = [port, 80 if port != 80 else 443]

        def delayed_connect(i: int) -> dict[str, Any]:
            threading.Event().wait(i * 0.03)  # not time.sleep: it fails under libfaketime, used by the lab
            return netprobe.tcp_connect(ip, ports[i % 2], wait)

        jobs: dict[str, Any] = {f"p{i}": (lambda i=i: delayed_connect(i)) for i in range(count)}
        if ctx.platform == "linux" and ctx.thresholds["per_hop"]:
            jobs["hops"] = lambda: netprobe.udp_hops(ip, int(ctx.thresholds["max_hops"]), wait)
        speed_url = str(netprobe.network_settings(ctx.config).get("speedtest_url") or "")
        if speed_url:
            jobs["speed"] = lambda: self._download(ctx, speed_url)
        results = netprobe.parallel(jobs, wait + count * 0.03 + 0.5 + (6.0 if speed_url else 0))
        answered = {p: [] for p in ports}  # type: dict[int, list[float]]
        sent = {p: 0 for p in ports}
        errors = set()
        for i in range(count):
            probe = results[f"p{i}"]
            if probe.get("status") in ("ok", "refused"):
                sent[ports[i % 2]] += 1
                answered[ports[i % 2]].append(probe["ms"])
            elif probe.get("status") in ("timeout", "unreachable", "reset"):
                sent[ports[i % 2]] += 1
                errors.add(str(probe.get("status")))
            else:  # a local error (no socket, a bug) says nothing about the network
                errors.add(str(probe.get("status")))
        # a port with no answer while the other port answered well is blocked, not lossy
        open_ports = [p for p in ports if answered[p] or not any(len(answered[q]) >= 0.75 * sent[q] for q in ports if q != p)]
        facts["support"] = {
            "host": host,
            "address": ip,
            "sent": sum(sent[p] for p in open_ports),
            "rtts_ms": [ms for p in open_ports for ms in answered[p]],
            "silent_ports": [p for p in ports if not answered[p]],
            "errors": sorted(errors),
        }
        if "hops" in results:
            facts["hops"] = results["hops"]
        else:
            facts["hops"] = {"status": "unsupported"}
        if speed_url:
            facts["speed"] = results["speed"]

    @staticmethod
    def _download(ctx: Context, url: str) -> dict[str, Any]:
        """Download for at most five seconds; the rate in Mbit/s."""
        session = netconf.requests_session(ctx.config)
        start = time.monotonic()
        received = 0
        try:
            with session.get(url, stream=True, timeout=netprobe.timeout_of(ctx.config, "connect")) as response:
                for chunk in response.iter_content(65536):
                    received += len(chunk)
                    if time.monotonic() - start > 5:
                        break
        except Exception as exc:
            return {"status": "error", "error": str(exc)[:200]}
        seconds = max(0.001, time.monotonic() - start)
        return {"status": "ok", "bytes": received, "mbit_s": round(received * 8 / seconds / 1e6, 1)}

    def evaluate(self, facts: Facts, thresholds: Thresholds) -> Outcome:
        loss_warn = float(thresholds["warn_loss_percent"])
        loss_fail = float(thresholds["fail_loss_percent"])
        lat_warn = float(thresholds["warn_latency_ms"])
        lat_fail = float(thresholds["fail_latency_ms"])
        jitter_warn = float(thresholds["warn_jitter_ms"])
        measured = {}
        for target in ("gateway", "support"):
            data = facts.get(target) or {}
            if data.get("sent"):
                measured[target] = stats(int(data["sent"]), list(data.get("rtts_ms", [])))
        gateway_ip = (facts.get("gateway") or {}).get("address")
        probed = dict(measured)  # each path's own probes: pings to the box, connections beyond it
        partly: dict[str, dict[str, int]] = {}
        for server, counts in (facts.get("resolvers") or {}).items():
            sent, received = int(counts.get("sent", 0)), int(counts.get("received", 0))
            if sent and received:  # no answer at all: blocked or dead (the DNS check says so), not lossy
                # a link-local server (fe80::1%eth0, a box's name service over IPv6) is on this computer's own network
                target = "gateway" if server == gateway_ip or server.lower().startswith("fe80") else "support"
                loss = round(100 * (sent - received) / sent)
                if received < sent:
                    partly[server] = {"sent": sent, "received": received, "loss_percent": loss}
                # the path's own probes: pings to the box; where the box was not pinged (no ping allowed, a box that
                # ignores it), the connections beyond it, which pass through it too
                own = probed.get(target) or (probed.get("support") if target == "gateway" else None)
                if own:
                    # what the line loses, its own probes say (a lost one counts there): the questions a name service left
                    # unanswered are its own fault (the DNS check judges it), kept for support below. Only where the path
                    # has no probe of its own (no ping allowed and no support address) is the name service its measure.
                    # Review of 45fabbb: counted when a probe was lost, one lost connection of 16 (6 %, below the warning)
                    # made a name service answering half its questions "62 % lost", and with the box not pinged its
                    # unanswered questions read as the line to the box while every connection through it was answered
                    continue
                if loss > measured.get(target, {}).get("loss_percent", -1):
                    kept = measured.get(target, {})
                    measured[target] = {
                        **kept,
                        "sent": sent,
                        "received": received,
                        "loss_percent": loss,
                        "latency_ms": kept.get("latency_ms"),
                        "jitter_ms": kept.get("jitter_ms", 0.0),
                    }
        evidence: dict[str, Any] = {k: v for k, v in measured.items()}
        if partly:  # what support reads: the name servers that left some of their questions unanswered, lost or not
            evidence["resolvers_partly_answered"] = partly
        hops = facts.get("hops") or {}
        evidence["path"] = [h.get("address") or "*" for h in hops.get("hops", [])] if hops.get("status") == "ok" else _("per-hop view not available here")
        if facts.get("speed", {}).get("status") == "ok":
            evidence["download_mbit_s"] = facts["speed"]["mbit_s"]
        if not measured:
            return Outcome.skip(_("The connection quality could not be measured."), evidence=evidence)
        near = {"gateway": _("between this computer and your internet box"), "support": _("on the way to the internet")}
        advice_near = [
            _("If you use Wi-Fi, move closer to your internet box or connect with a network cable."),
            *plainwords.restart_the_box(),
        ]
        advice_far = [
            *plainwords.restart_the_box(),
            plainwords.to_provider(plainwords.LINE_LOSES_DATA, facts),
        ]
        worst_loss = max(measured, key=lambda k: measured[k]["loss_percent"])
        loss = measured[worst_loss]["loss_percent"]
        where = near[worst_loss]
        advice = advice_near if worst_loss == "gateway" else advice_far
        if loss >= loss_fail:
            # nothing at all reaches the support host while the DNS servers answer: the address
            # it was given may be wrong (a lying DNS server), which the DNS check verifies
            resolvers_answer = any(int(c.get("received", 0)) for c in (facts.get("resolvers") or {}).values())
            wrong_address = worst_loss == "support" and loss == 100 and resolvers_answer
            return Outcome.fail(
                _("The connection loses a lot of data ({percent}% lost {where}), so pages load slowly or fail.").format(percent=loss, where=where),
                advice=advice,
                evidence=evidence,
                caused_by=["network.dns"] if wrong_address else [],
            )
        latencies = {k: v["latency_ms"] for k, v in measured.items() if v.get("latency_ms") is not None}
        slowest = max(latencies, key=lambda k: latencies[k]) if latencies else None
        if slowest and latencies[slowest] >= lat_fail:
            return Outcome.fail(
                _("The connection is very slow to respond ({ms} ms {where}), so everything online feels slow.").format(
                    ms=f"{latencies[slowest]:.0f}", where=near[slowest]
                ),
                advice=advice_near if slowest == "gateway" else advice_far,
                evidence=evidence,
            )
        if loss >= loss_warn:
            return Outcome.warn(
                _("The connection loses some data ({percent}% lost {where}).").format(percent=loss, where=where),
                advice=advice,
                evidence=evidence,
            )
        if slowest and latencies[slowest] >= lat_warn:
            return Outcome.warn(
                _("The connection is slow to respond ({ms} ms {where}).").format(ms=f"{latencies[slowest]:.0f}", where=near[slowest]),
                advice=advice_near if slowest == "gateway" else advice_far,
                evidence=evidence,
            )
        jittery = [k for k, v in measured.items() if v["jitter_ms"] >= jitter_warn]
        if jittery:
            return Outcome.warn(
                _("The connection is unsteady {where}: response times vary a lot, which disturbs calls and video.").format(where=near[jittery[0]]),
                advice=advice_near if jittery[0] == "gateway" else advice_far,
                evidence=evidence,
            )
        best = min(latencies.values()) if latencies else 0
        worst = max(latencies.values()) if latencies else 0
        # "no data lost" only when it is true of every probe: a name server that answered none or only some of its
        # questions is left out of the loss (the DNS check judges it) but is not "no data lost"
        silent = sorted(server for server, c in (facts.get("resolvers") or {}).items() if int(c.get("sent", 0)) and not int(c.get("received", 0)))
        if silent:
            evidence["silent_resolvers"] = silent
        if "support" not in measured:  # nothing beyond the box could be measured: say how far this goes
            return Outcome.ok(
                _("The connection to your internet box is steady: {ms} ms to respond.").format(ms=netprobe.format_ms(worst or best)), evidence=evidence
            )
        if loss == 0 and not silent and not partly:
            return Outcome.ok(_("The connection is steady: {ms} ms to respond, no data lost.").format(ms=netprobe.format_ms(worst or best)), evidence=evidence)
        return Outcome.ok(_("The connection is steady: {ms} ms to respond.").format(ms=netprobe.format_ms(worst or best)), evidence=evidence)
