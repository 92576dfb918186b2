"""network.link: is this computer connected to a network at all (cable or Wi-Fi)?"""

from __future__ import annotations

import os
import socket
from typing import Any

from selfcheck import netparse, plainwords
from selfcheck.api import Check, Context, Facts, Fix, Outcome, Thresholds
from selfcheck.i18n import N_, _

VIRTUAL_PREFIXES = ("docker", "veth", "virbr", "br-", "vmnet", "vboxnet", "lxc", "lxd", "cni", "flannel", "podman", "zt", "dummy", "ifb", "sit", "tunl", "gre")


def _read(path: str) -> str | None:
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            return f.read().strip()
    except OSError:
        return None


def usable_interfaces(interfaces: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Interfaces that are up and have a real (not self-assigned) address."""
    return [i for i in interfaces if not i["loopback"] and not i["virtual"] and i["up"] and (i["ipv4"] or i["ipv6_global"])]


def wifi_adapters(ctx: Context) -> list[dict[str, Any]]:  # pragma: no cover - Windows and macOS only
    """The adapters the OS itself calls wireless, with their signal: WLAN service on Windows,
    the AirPort data type (then ``airport -I`` on macOS before 14.4) on macOS."""
    if ctx.platform == "windows":
        from selfcheck.platforms import windows

        # which adapters are wireless: their physical medium (802.11), from the scan's PowerShell snapshot;
        # their signal: the WLAN service (netsh wlan, read by layout in any language)
        out = ctx.run(["netsh", "wlan", "show", "interfaces"], 3.0)
        wifi = netparse.parse_netsh_wlan_interfaces(out.stdout) if out.ok else []
        snapshot = windows.network_snapshot(ctx.run, windows.scan_of(ctx))
        known = {w["name"] for w in wifi}
        for adapter in (snapshot or {}).get("adapters", []):
            if adapter["wireless"] and adapter["name"] not in known:
                wifi.append({"name": adapter["name"], "signal_percent": None, "rates_mbps": []})
        return wifi
    from selfcheck.platforms import macos

    out = ctx.run(["system_profiler", "-json", "SPAirPortDataType"], 6.0)
    wifi = macos.parse_airport_data_type(out.stdout) if out.ok else []
    if not any(w["signal_percent"] is not None for w in wifi):
        airport = "/System/Library/PrivateFrameworks/Apple80211.framework/Versions/Current/Resources/airport"
        info = macos.parse_airport_info(ctx.run([airport, "-I"], 1.5).stdout or "")
        if info:
            name = wifi[0]["name"] if len(wifi) == 1 else ""
            wifi = [w for w in wifi if w["name"] != name] + [{"name": name, **info}]
    return wifi


def mark_wireless(interfaces: list[dict[str, Any]], wifi: list[dict[str, Any]]) -> None:
    """An interface is wireless when the OS lists it among its Wi-Fi adapters (not by its name)."""
    names = {w.get("name") for w in wifi if w.get("name")}
    for interface in interfaces:
        interface["wireless"] = interface["wireless"] or interface["name"] in names


class LinkCheck(Check):
    id = "network.link"
    category = "network"
    title = N_("Network connection (cable or Wi-Fi)")
    timeout = 8.0  # the OS's own Wi-Fi sources are slow: system_profiler (macOS), PowerShell (Windows)
    priority = 10

    def collect(self, ctx: Context) -> Facts:
        import psutil

        stats = psutil.net_if_stats()
        addrs = psutil.net_if_addrs()
        interfaces = []
        for name, st in sorted(stats.items()):
            families = addrs.get(name, [])
            ipv4 = [a.address for a in families if a.family == socket.AF_INET]
            ipv6 = [a.address.split("%")[0] for a in families if a.family == socket.AF_INET6]
            loopback = name in ("lo", "lo0") or "loopback" in str(getattr(st, "flags", "")) or (bool(ipv4) and all(a.startswith("127.") for a in ipv4))
            operstate = _read(f"/sys/class/net/{name}/operstate") if ctx.platform == "linux" else None
            up = bool(st.isup) and (operstate in (None, "up", "unknown"))
            interfaces.append(
                {
                    "name": name,
                    "up": up,
                    "operstate": operstate,
                    "loopback": loopback,
                    "virtual": name.lower().startswith(VIRTUAL_PREFIXES),
                    "wireless": os.path.isdir(f"/sys/class/net/{name}/wireless") if ctx.platform == "linux" else False,
                    "ipv4": [a for a in ipv4 if not a.startswith("169.254.")],
                    "ipv4_self_assigned": [a for a in ipv4 if a.startswith("169.254.")],
                    "ipv6_global": [a for a in ipv6 if not a.lower().startswith("fe80") and a != "::1"],
                    "speed_mbps": st.speed or None,
                    "mtu": st.mtu,
                }
            )
        wifi: list[dict[str, Any]] = []
        if ctx.platform == "linux":
            for name, values in netparse.parse_proc_net_wireless(_read("/proc/net/wireless") or "").items():
                wifi.append({"name": name, "signal_percent": round(min(100.0, values["quality"] / 70 * 100)), "level_dbm": values["level_dbm"]})
        elif ctx.platform in ("windows", "darwin"):  # pragma: no cover - Windows and macOS only
            wifi = wifi_adapters(ctx)
        mark_wireless(interfaces, wifi)
        return {"interfaces": interfaces, "wifi": wifi}

    def evaluate(self, facts: Facts, thresholds: Thresholds) -> Outcome:
        interfaces = facts.get("interfaces", [])
        usable = usable_interfaces(interfaces)
        evidence: dict[str, Any] = {
            "interfaces": [{k: i[k] for k in ("name", "up", "operstate", "speed_mbps", "wireless")} for i in interfaces if not i["loopback"]]
        }
        settings_fix = Fix("open_network_settings", _("Open the network settings"))
        if not usable:
            self_assigned = [i for i in interfaces if i["up"] and not i["loopback"] and not i["virtual"] and i["ipv4_self_assigned"]]
            if self_assigned:
                return Outcome.fail(
                    _("This computer is connected to a network, but the network did not let it in (it gave it no address)."),
                    advice=[
                        *plainwords.restart_the_box(),
                        _("If the problem stays, disconnect from the network and connect again."),
                    ],
                    evidence=evidence,
                    fix=settings_fix,
                    repairs=["network.renew_address", "network.restart_connection"],
                )
            return Outcome.fail(
                _("This computer is not connected to any network: no cable and no Wi-Fi connection."),
                advice=[
                    _("Check that the network cable is plugged in at both ends, or turn Wi-Fi on and choose your network."),
                    _("Check that airplane mode is off."),
                    _("If other devices cannot connect either, restart your internet box: unplug it, wait 30 seconds, plug it back in."),
                ],
                evidence=evidence,
                fix=settings_fix,
                repairs=["network.restart_connection"],  # a connection turned off (or stuck) comes back
            )
        main = usable[0]
        evidence["active"] = [i["name"] for i in usable]
        weak = int(thresholds["warn_signal_percent"])
        usable_names, all_names = {i["name"] for i in usable}, {i["name"] for i in interfaces}
        for w in facts.get("wifi", []):
            signal = w.get("signal_percent")
            if signal is None or (w.get("name") not in usable_names and w.get("name") in all_names):
                continue
            evidence["wifi_signal_percent"] = signal
            if signal < weak:
                return Outcome.warn(
                    _("The Wi-Fi signal is weak ({percent}%), so the connection may be slow or drop.").format(percent=signal),
                    advice=[_("Move closer to your internet box, or connect with a network cable.")],
                    evidence=evidence,
                )
        # the connection as the person knows it (Wi-Fi or cable), not the adapter's name (enp3s0)
        summary = _("Connected to the network by Wi-Fi.") if main.get("wireless") else _("Connected to the network by cable.")
        return Outcome.ok(summary, evidence=evidence)
