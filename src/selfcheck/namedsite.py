"""The website the customer named: tried the way the secure-sites check tries its own (issue 21, agent round 8).

The describe step asks, for an internet problem, "Which website does not open? (its address, if you know it)"
(question id ``site``). When it is answered, the bundle tries that site once, as ``network.https`` tries its
configured sites: a name lookup (with the DNS servers the scan found working), then TCP 443 and a TLS
handshake, with the check's timeouts and proxy. What happened goes in the bundle as ``named-site.json``; the
support card says it under "What proves it" (agents could not trust a reply built on other sites).

The answer is hostile input: only a host name (or the host of a web address) is kept, length-bounded; a
path, a query, a user name or a port is never sent anywhere; an IP address, or a name found at an address,
of a private range is not tried unless ``support.named_site_private`` allows it (a company's own sites);
``support.named_site = false`` turns the probe off. It runs only when the scan ran the secure-sites check
(a company that turned the network checks off gets no probe either).
"""

from __future__ import annotations

import ipaddress
import logging
import re
import sys
import time
import unicodedata
from collections.abc import Mapping
from typing import Any
from urllib.parse import urlsplit

from selfcheck import netparse

log = logging.getLogger(__name__)

QUESTION_ID = "site"
PART = "named-site.json"
MAX_ANSWER = 300  # characters of the customer's answer looked at; longer is not an address
_LABEL = re.compile(r"^(?!-)[a-z0-9-]{1,63}(?<!-)$")


def host_of(text: str, allow_private: bool = False) -> str | None:
    """The host name (or public IP address) in what the customer typed, or None when it is not a web address.

    'www.mybank.example', 'https://www.mybank.example/login?x=1', 'mybank.example/account' give
    'www.mybank.example' / 'mybank.example'; 'my bank', 'localhost', '192.168.1.1' (unless allowed), a
    control character or a non-web scheme give None."""
    text = (text or "").strip()
    if not text or len(text) > MAX_ANSWER or any(ch.isspace() or unicodedata.category(ch)[0] == "C" for ch in text):
        return None
    if "://" in text:
        try:
            parts = urlsplit(text)
            host = parts.hostname or ""
        except ValueError:
            return None
        if parts.scheme.lower() not in ("http", "https"):
            return None
    else:
        host = re.split(r"[/?#\\]", text, maxsplit=1)[0]
        host = host.rsplit("@", 1)[-1]
        if host.count(":") == 1:  # name:port: the port is not the customer's problem, 443 is tried
            host = host.split(":", 1)[0]
    host = host.strip("[]").rstrip(".").lower()
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        address = None
    if address is not None:
        return str(address) if address.is_global or allow_private else None
    try:
        host = host.encode("idna").decode("ascii")
    except UnicodeError:
        return None
    labels = host.split(".")
    if len(host) > 253 or len(labels) < 2 or not all(_LABEL.match(label) for label in labels) or labels[-1].isdigit():
        return None
    return host


def answer_of(description: Any) -> str | None:
    """The customer's answer to the site question, as they wrote it (None when not answered)."""
    answers = getattr(description, "answers", None) if not isinstance(description, Mapping) else description.get("answers")
    for answer in answers or []:
        if isinstance(answer, Mapping) and answer.get("id") == QUESTION_ID and str(answer.get("answer") or "").strip():
            return str(answer["answer"]).strip()[:MAX_ANSWER]
    return None


def enabled(config: Any) -> tuple[bool, bool]:
    """(probe the named site at all, private addresses allowed), from the [support] section."""
    section = config.section("support") if hasattr(config, "section") else (config or {}).get("support") or {}
    return section.get("named_site", True) is True, section.get("named_site_private", False) is True


def _private(ip: str) -> bool:
    try:
        return not ipaddress.ip_address(ip.split("%")[0]).is_global
    except ValueError:
        return True


def try_site(app: Any, scan: Any, answer: str) -> dict[str, Any] | None:
    """Try the site the customer named, once, as network.https tries its own; None when nothing is to be tried
    (turned off, or the scan did not run the secure-sites check). Never raises."""
    on, allow_private = enabled(app.config)
    facts = getattr(scan, "facts", None) or {}
    if not on or "network.https" not in facts:
        return None
    host = host_of(answer, allow_private=True)
    if host is None:
        return {"status": "invalid"}
    if not allow_private and netparse.is_ip(host) and _private(host):  # an address inside a network: never tried from a customer's answer
        return {"status": "private_address", "address": host}
    cls = app.registry.get("network.https") if getattr(app, "registry", None) is not None else None
    probe_urls = getattr(sys.modules.get(cls.__module__), "probe_urls", None) if cls is not None else None
    if probe_urls is None:
        return None
    from selfcheck import netprobe
    from selfcheck.api import Context

    url = f"https://{host}/"
    ctx = Context(app.config.data, facts=facts, platform=getattr(scan, "platform", None) or None)
    if not allow_private:  # a name the DNS gives a private address for: not tried (a customer's answer must not reach inside the network)
        resolvers, known = netprobe.dns_context(ctx.facts_of, ctx.run, ctx.platform)
        found = netprobe.resolve(host, resolvers, netprobe.timeout_of(ctx.config, "dns"), known)
        private = [a for a in found.get("addresses") or [] if _private(a)]
        if private:
            return {"host": host, "status": "private_address", "address": private[0]}
        # the probe connects to the addresses just checked: no second lookup, and no other answer in between
        pinned = {host: found["addresses"]} if found.get("addresses") else {}
    else:
        pinned = {}
    started = time.monotonic()
    try:
        result = dict((probe_urls(ctx, [url], pinned=pinned).get("results") or {}).get(url) or {"status": "error"})
    except Exception as exc:  # noqa: BLE001 - the customer's site never stops the bundle
        log.warning("the named site could not be tried: %s", type(exc).__name__)
        return {"host": host, "status": "error"}
    log.info("named site tried: %s in %.2f s", result.get("status"), time.monotonic() - started)
    keep = ("status", "address", "ms", "handshake_ms", "version", "verify_code", "verify_message", "error", "reason")
    return {"host": host, **{k: result[k] for k in keep if k in result}}


def tried_once(app: Any, scan: Any, answer: str, tries: dict[tuple[str, str], dict[str, Any] | None] | None) -> dict[str, Any] | None:
    """:func:`try_site`, once per bundle request: ``tries`` (kept by the caller across re-plans: the customer goes
    back to the describe step and on again) holds what was already tried, by answer and scan, so a re-plan does
    not reach the customer's site again. A new answer, or a new scan (the computer checked again), is tried anew."""
    if tries is None:
        return try_site(app, scan, answer)
    key = (answer, str(getattr(scan, "started_at", "") or id(scan)))
    if key not in tries:
        tries[key] = try_site(app, scan, answer)
    found = tries[key]
    return dict(found) if found is not None else None
