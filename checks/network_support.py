"""network.support: can the support service (intake relay or helpdesk) be reached?"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from selfcheck import netprobe
from selfcheck.api import Check, Context, Facts, Outcome, SkipCheck, Thresholds
from selfcheck.i18n import N_, _

from .network_https import explain, probe_urls, proxy_needed, tls_kind


class SupportCheck(Check):
    id = "network.support"
    category = "network"
    title = N_("Support service")
    depends_on = ("network.dns", "network.proxy")
    after = ("network.clock",)
    timeout = 8.0
    priority = 60

    @classmethod
    def needs(cls, config: Mapping[str, Any]) -> tuple[str, ...]:
        support = config.get("support") or {}
        url = str(support.get("url") or "").strip() if isinstance(support, dict) else ""
        return cls.depends_on if proxy_needed(config, [url]) else tuple(d for d in cls.depends_on if d != "network.proxy")

    def collect(self, ctx: Context) -> Facts:
        support = ctx.config.get("support") or {}
        url = str(support.get("url") or "").strip() if isinstance(support, dict) else ""
        if not url:
            raise SkipCheck(_("No support address is configured."))
        if url.startswith("http://"):  # a relay on loopback or a lab: plain HTTP
            facts: dict[str, Any] = {"results": {url: self._plain_http(ctx, url)}}
        else:
            facts = probe_urls(ctx, [url], with_request=True)
        facts["url"] = url
        clock = ctx.facts_of("network.clock")
        if clock:
            from .network_clock import best_offset

            facts["clock_offset_s"] = best_offset(clock)[0]
        return facts

    @staticmethod
    def _plain_http(ctx: Context, url: str) -> dict[str, Any]:
        host, _port, _path = netprobe.url_parts(url)
        resolvers, known = netprobe.dns_context(ctx.facts_of, ctx.run, ctx.platform)
        found = netprobe.resolve(host, resolvers, netprobe.timeout_of(ctx.config, "dns"), known)
        if not found["addresses"]:
            return {"status": "not_found"}
        answer = netprobe.http_get(url, found["addresses"][0], netprobe.timeout_of(ctx.config, "http"))
        if answer.get("status") == "ok":
            return {"status": "ok", "http_code": answer.get("code")}
        return answer

    def evaluate(self, facts: Facts, thresholds: Thresholds) -> Outcome:
        url = facts.get("url", "")
        result = facts.get("results", {}).get(url, {})
        host = netprobe.url_parts(url)[0]
        kind = tls_kind(result, bool(facts.get("relay_lets_through")))
        evidence: dict[str, Any] = {"url": url, "kind": kind, "status": result.get("status"), "http_code": result.get("http_code")}
        if kind == "ok":
            code = result.get("http_code")
            if code is not None and int(code) >= 500:
                return Outcome.warn(
                    _("The support service answers but has a problem on its side. Try again later."),
                    advice=[_("Try again in an hour. If it lasts, call or e-mail your support team.")],
                    evidence=evidence,
                )
            return Outcome.ok(_("The support service can be reached."), evidence=evidence)
        summary, advice, caused_by = explain(kind, host, result, facts.get("clock_offset_s"), 300.0)
        return Outcome.fail(
            _("The support service cannot be reached. {reason}").format(reason=summary),
            advice=advice,
            evidence=evidence,
            caused_by=[*caused_by, "network.https", "network.captive_portal"],
        )
