"""security.firewall: is a firewall filtering incoming connections?

Its facts also say what this computer's own firewall does to OUTGOING secure (port 443) connections
("outbound", read by the support card and network.https): the rules are read from structured sources only
(``nft -j``, ``iptables -S`` rule syntax, the registry's rule strings), never from translated text.

Linux: firewalld / ufw / nftables / iptables, read without root where the tool
allows it; Windows: the registry's EnableFirewall per profile (group policy first), else
``netsh advfirewall show allprofiles`` (translated output, read by layout);
macOS: the application firewall (``socketfilterfw --getglobalstate``).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from selfcheck.api import Check, Context, Facts, Outcome, SkipCheck, Status, Thresholds
from selfcheck.i18n import N_, _

SOCKETFILTERFW = "/usr/libexec/ApplicationFirewall/socketfilterfw"


def ufw_env() -> dict[str, str]:
    """The environment ``ufw status`` is asked in: this one in the C locale. ufw translates its answer (« État : inactif »
    where its French catalogue is found) and is Python, whose gettext reads LANGUAGE first; ctx.run's env replaces the
    whole environment, so it starts from this one."""
    return {**os.environ, "LC_ALL": "C", "LANG": "C", "LANGUAGE": "C"}


# firewall-cmd(1), EXIT CODES: --state "Returns an exit code 0 if it is active, RUNNING_BUT_FAILED if failure occurred on
# startup, NOT_RUNNING otherwise" (NOT_RUNNING is 252: any code but these two is not filtering)
FIREWALLD_RUNNING_BUT_FAILED = 251


def firewalld_running(returncode: int | None, stdout: str) -> bool:
    """Whether firewalld filters, from ``firewall-cmd --state``'s exit code (the same in every language; running but
    failed on startup still filters), its printed word only when no code came back (it did not answer in time)."""
    if returncode is None:
        return stdout.strip() == "running"
    return returncode in (0, FIREWALLD_RUNNING_BUT_FAILED)


def not_read(why_not: str | None) -> dict[str, Any]:
    """The "outbound" facts when the outgoing rules were not read: the shape the support card and network.https read."""
    return {
        "read": False,
        "sources": [],
        "why_not": why_not,
        "default_block": False,
        "secure_blocks": [],
        "more": False,
        "other_firewalls": [],
        "other_security": [],
    }


def _add_source(result: dict[str, Any], source: str, parsed: Mapping[str, Any]) -> None:
    """Adds one source's outgoing rules (parse_nft_json_outbound, parse_iptables_s_output) to ``result`` (read_outbound's)."""
    result["sources"].append(source)
    result["default_block"] |= parsed["default_block"]
    result["secure_blocks"] += parsed["secure_blocks"]
    result["more"] |= bool(parsed.get("more"))


def read_outbound(ctx: Context, root: bool | None = None) -> dict[str, Any]:
    """What this computer's own firewall does to OUTGOING secure (port 443) connections: security.firewall's "outbound"
    facts, read here for security.firewall and for network.https (which reads them itself when the internet symptom does
    not run security.firewall). ``root``: whether this process runs as root (Linux; looked up when None).

    {"read": bool, "sources": ["nftables" | "iptables" | "windows"], "why_not": None | "not_root" | "missing" | "unreadable"
    | "not_supported", "default_block": outgoing connections blocked unless a rule lets them through, "secure_blocks":
    [{"rule": as the firewall shows it, "where": its chain or name, "only_to": its destination as written (clipped), "to":
    that destination's values, whole (None: every address), "program": the one program it holds for (None: every one)}],
    at most 10, those that may stop a web browser first, "more": one of those was left out, "other_firewalls": [names],
    "other_security": [names of antivirus products other than Microsoft's own, whose web shield may drop connections]}.
    Which of them stop the sites a customer's browser tried is decided by the support card (supportcard.block_reach).
    Linux: nftables' output chains (JSON) and legacy iptables' OUTPUT chain; Windows: the registry's rule strings and
    Security Center's other firewalls and antivirus products; macOS: not read (not_supported)."""
    if ctx.platform == "windows":  # pragma: no cover - Windows only
        return FirewallCheck._windows_outbound(ctx)
    if ctx.platform == "linux":
        return FirewallCheck._linux_outbound(ctx, (hasattr(os, "geteuid") and os.geteuid() == 0) if root is None else root)
    # macOS: the application firewall filters incoming connections only, and pf's rules (pfctl -sr) need administrator rights
    return not_read("not_supported")


class FirewallCheck(Check):
    id = "security.firewall"
    category = "security"
    title = N_("Firewall")
    timeout = 6.0
    priority = 50
    at_risk = True  # no protection against attacks: a failure gets the red cross

    def collect(self, ctx: Context) -> Facts:
        if ctx.platform == "windows":
            from selfcheck.platforms.windows import parse_netsh_firewall, read_firewall_registry

            states = read_firewall_registry()  # EnableFirewall per profile: numbers, no text
            outbound = read_outbound(ctx)
            if any(v is not None for v in states.values()):
                return {"platform": "windows", "profiles": states, "source": "registry", "outbound": outbound}
            out = ctx.run(["netsh", "advfirewall", "show", "allprofiles"], timeout=4)
            if not out.ok:
                raise SkipCheck(_("Windows did not say whether its firewall is on."))
            return {"platform": "windows", "profiles": parse_netsh_firewall(out.stdout), "outbound": outbound}
        if ctx.platform == "darwin":
            from selfcheck.platforms.macos import parse_socketfilterfw

            out = ctx.run([SOCKETFILTERFW, "--getglobalstate"], timeout=3)
            state = parse_socketfilterfw(out.stdout) if out.ok else None
            if state is None:
                raise SkipCheck(_("macOS did not say whether its firewall is on."))
            outbound = read_outbound(ctx)  # not_supported
            return {"platform": "darwin", "enabled": state, "output": out.stdout.strip()[:200], "outbound": outbound}
        return self._linux(ctx)

    @staticmethod
    def _windows_outbound(ctx: Context) -> dict[str, Any]:
        from selfcheck.platforms import windows

        from .security_antivirus import QUERY as ANTIVIRUS_QUERY

        try:
            # Security Center's other firewalls and its antivirus products, in one call (each PowerShell start costs a second)
            query = f"{windows.FIREWALL_PRODUCTS_QUERY}; '{windows.SECURITY_CENTER_SPLIT}'; {ANTIVIRUS_QUERY}"
            out = ctx.run(["powershell", "-NoProfile", "-NonInteractive", "-Command", query], timeout=6)
            firewalls, antivirus = windows.split_security_center(out.stdout)  # Windows Server has no Security Center: nothing
            products = windows.parse_firewall_products_json(firewalls)
            other_security = windows.other_security_products(windows.parse_antivirus_json(antivirus))
            return windows.read_firewall_outbound(products, other_security)
        except (OSError, ValueError):  # pragma: no cover - Windows only
            return not_read("unreadable")

    @staticmethod
    def _linux_outbound(ctx: Context, root: bool) -> dict[str, Any]:
        """nftables' output chains (JSON) and legacy iptables' OUTPUT chain (rule syntax)."""
        from selfcheck.platforms.linux import MAX_SECURE_BLOCKS, parse_iptables_s_output, parse_nft_json_outbound

        result = {**not_read(None), "read": True}
        failed: list[str] = []
        nft = ctx.run(["nft", "-j", "list", "ruleset"], timeout=3)
        parsed = parse_nft_json_outbound(nft.stdout) if nft.ok else None
        if parsed is not None:
            _add_source(result, "nftables", parsed)
        elif not nft.missing:
            failed.append("nftables")
        # iptables-nft keeps its rules in nftables, where nft -j has already read them; only legacy iptables is read
        version = ctx.run(["iptables", "-V"], timeout=3)
        legacy = version.ok and "nf_tables" not in version.stdout
        if legacy or (not version.missing and parsed is None):
            ipt = ctx.run(["iptables", "-S", "OUTPUT"], timeout=3)
            if ipt.ok:
                _add_source(result, "iptables", parse_iptables_s_output(ipt.stdout))
            elif not ipt.missing:
                failed.append("iptables")
        result["more"] |= len(result["secure_blocks"]) > MAX_SECURE_BLOCKS
        result["secure_blocks"] = result["secure_blocks"][:MAX_SECURE_BLOCKS]
        if failed:
            result["read"] = False
            result["why_not"] = "unreadable" if root else "not_root"
        elif not result["sources"]:
            result["read"], result["why_not"] = False, "missing"
        return result

    @staticmethod
    def _linux(ctx: Context) -> dict[str, Any]:
        from selfcheck.platforms.linux import parse_iptables_s, parse_nft_ruleset, parse_ufw_conf, parse_ufw_status

        facts: dict[str, Any] = {"platform": "linux", "backends": {}, "root": hasattr(os, "geteuid") and os.geteuid() == 0}
        backends = facts["backends"]
        fw = ctx.run(["firewall-cmd", "--state"], timeout=3)
        if not fw.missing:
            backends["firewalld"] = firewalld_running(fw.returncode, fw.stdout)
        try:
            ufw_conf = parse_ufw_conf(Path("/etc/ufw/ufw.conf").read_text())
        except OSError:
            ufw_conf = None
        if ufw_conf is not None:
            backends["ufw_configured"] = ufw_conf
            if facts["root"]:
                st = ctx.run(["ufw", "status"], timeout=3, env=ufw_env())
                if st.ok:
                    backends["ufw"] = parse_ufw_status(st.stdout)
        nft = ctx.run(["nft", "list", "ruleset"], timeout=3)
        if nft.ok:
            backends["nftables"] = parse_nft_ruleset(nft.stdout)
        elif not nft.missing:
            facts.setdefault("unreadable", []).append("nft")
        ipt = ctx.run(["iptables", "-S", "INPUT"], timeout=3)
        if ipt.ok:
            backends["iptables"] = parse_iptables_s(ipt.stdout)
        elif not ipt.missing:
            facts.setdefault("unreadable", []).append("iptables")
        facts["outbound"] = read_outbound(ctx, facts["root"])
        return facts

    def evaluate(self, facts: Facts, thresholds: Thresholds) -> Outcome:
        off_status = Status.FAIL if str(thresholds["off_status"]) == "fail" else Status.WARN
        platform = facts.get("platform")
        if platform == "windows":
            profiles = facts.get("profiles") or {}
            states = {k: profiles.get(k) for k in ("domain", "private", "public")}
            evidence: dict[str, Any] = {"profiles": states}
            off = [k for k, v in states.items() if v is False]
            if all(v is None for v in states.values()):
                return Outcome.skip(_("Windows did not say whether its firewall is on."), evidence=evidence)
            if off:
                names = {"domain": _("work (domain)"), "private": _("private"), "public": _("public")}
                return Outcome(
                    off_status,
                    _("The Windows firewall is off for {networks} networks.").format(networks=", ".join(names[k] for k in off)),
                    advice=[
                        _("Open Windows Security, then “Firewall & network protection”, and turn the firewall on for every network."),
                        _("If your company manages this computer, contact support before changing it."),
                    ],
                    evidence=evidence,
                    repairs=["security.firewall_on"],
                    urgency="later",  # a standing risk, not something stopping the computer now
                )
            return Outcome.ok(_("The Windows firewall is on."), evidence=evidence)
        if platform == "darwin":
            evidence = {"state": facts.get("output")}
            if facts.get("enabled"):
                return Outcome.ok(_("The macOS firewall is on."), evidence=evidence)
            return Outcome(
                off_status,
                _("The macOS firewall is off."),
                advice=[_("Open System Settings, then Network, then Firewall, and turn the firewall on.")],
                evidence=evidence,
                repairs=["security.firewall_on"],
                urgency="later",  # a standing risk, not something stopping the computer now
            )
        backends = facts.get("backends") or {}
        evidence = {"backends": backends, "unreadable": facts.get("unreadable") or []}
        active = []
        if backends.get("firewalld"):
            active.append("firewalld")
        if backends.get("ufw") or (backends.get("ufw") is None and backends.get("ufw_configured")):
            active.append("ufw")
        if (backends.get("nftables") or {}).get("filtering"):
            active.append("nftables")
        if (backends.get("iptables") or {}).get("filtering"):
            active.append("iptables")
        if active:
            return Outcome.ok(_("A firewall is filtering incoming connections ({names}).").format(names=", ".join(active)), evidence=evidence)
        if facts.get("unreadable") and not facts.get("root"):
            return Outcome.skip(_("Whether a firewall is on can only be seen with administrator rights."), evidence=evidence)
        return Outcome(
            off_status,
            _("No firewall is filtering incoming connections to this computer."),
            advice=[
                _("Turn on the firewall your system provides (for example “ufw” on Ubuntu: sudo ufw enable), or ask support to do it."),
                _("On a company computer, contact support first."),
            ],
            evidence=evidence,
            repairs=["security.firewall_on"],
            urgency="later",  # a standing risk, not something stopping the computer now
        )
