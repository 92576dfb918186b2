"""devices.bluetooth: Bluetooth on, and the paired headset or mouse connected with battery left.

Linux: BlueZ over D-Bus and rfkill (selfcheck.devices.bluetooth).
Windows: the Bluetooth Support service and the Bluetooth adapters in WMI (selfcheck.devices.pnp);
paired devices and their batteries are not read on Windows yet.
macOS: system_profiler's Bluetooth report (selfcheck.devices.macos), in the layout of macOS 11 and
earlier only: whether Bluetooth is on; paired devices are not read yet.
"""

from __future__ import annotations

from typing import Any

from selfcheck.api import Check, Context, Facts, Fix, Outcome, SkipCheck, Thresholds
from selfcheck.i18n import N_, _

#: kinds of paired devices whose absence people notice (BlueZ's Icon property)
PERSONAL_KINDS = ("audio-headset", "audio-headphones", "audio-card", "input-mouse", "input-keyboard", "input-tablet", "input-gaming", "phone")


class BluetoothCheck(Check):
    id = "devices.bluetooth"
    category = "devices"
    title = N_("Bluetooth (headset, mouse, keyboard)")
    platforms = ("linux", "windows", "darwin")
    timeout = 10.0
    priority = 63

    def collect(self, ctx: Context) -> Facts:
        if ctx.platform == "windows":  # pragma: no cover - Windows only
            from selfcheck.devices import pnp
            from selfcheck.platforms.windows import scan_of

            snapshot = pnp.windows_devices(ctx.run, scan_of(ctx))
            if snapshot is None:
                raise SkipCheck(_("This program could not read this computer's list of devices."))
            return dict(snapshot["bluetooth"])
        if ctx.platform == "darwin":  # pragma: no cover - macOS only
            from selfcheck.devices import macos
            from selfcheck.platforms.windows import scan_of

            mac = macos.macos_devices(ctx.run, scan_of(ctx))
            if mac is None or mac.get("bluetooth") is None:
                raise SkipCheck(_("This program could not read this computer's list of devices."))
            if mac["bluetooth"].get("layout") == "unknown":
                raise SkipCheck(_("This program cannot read Bluetooth on this version of macOS yet."))
            return dict(mac["bluetooth"])
        from selfcheck.devices import bluetooth

        facts = bluetooth.collect_bluez(ctx.run, float(ctx.thresholds["timeout_seconds"]))
        if facts.get("service") == "tool_missing" and not facts.get("radios"):
            raise SkipCheck(_("This program cannot ask this computer about Bluetooth (a system tool is missing)."))
        return facts

    def evaluate(self, facts: Facts, thresholds: Thresholds) -> Outcome:
        low = float(thresholds["warn_battery_percent"])
        radios: list[dict[str, Any]] = list(facts.get("radios") or [])
        adapters: list[dict[str, Any]] = list(facts.get("adapters") or [])
        devices: list[dict[str, Any]] = list(facts.get("devices") or [])
        evidence = {k: facts.get(k) for k in ("service", "radios", "adapters", "devices") if k in facts}
        if radios and all(r.get("hard_blocked") for r in radios):
            return Outcome.warn(
                _("Bluetooth is switched off by a key or switch on the computer."),
                advice=[_("Turn Bluetooth on with the computer's wireless key or switch (often a key with an antenna or airplane symbol).")],
                evidence=evidence,
            )
        if radios and all(r.get("soft_blocked") or r.get("hard_blocked") for r in radios):
            return Outcome.warn(
                _("Bluetooth is turned off (or airplane mode is on)."),
                advice=[_("Turn Bluetooth on in the quick settings or the Bluetooth settings, and turn airplane mode off.")],
                evidence=evidence,
            )
        if facts.get("service") != "running":
            if not radios and not adapters:
                return Outcome.info(
                    _("This computer has no Bluetooth."),
                    advice=[_("To use a Bluetooth headset, you need a computer with Bluetooth or a small Bluetooth USB adapter.")],
                    evidence=evidence,
                )
            return Outcome.fail(
                _("The Bluetooth service of this computer is not running."),
                advice=[_("Restart the computer."), _("If Bluetooth still does not work, contact support.")],
                evidence=evidence,
            )
        if not adapters:
            return Outcome.info(
                _("This computer has no Bluetooth."),
                advice=[_("To use a Bluetooth headset, you need a computer with Bluetooth or a small Bluetooth USB adapter.")],
                evidence=evidence,
            )
        if not any(a.get("powered") for a in adapters) and facts.get("source") == "windows":
            off = next((a for a in adapters if a.get("state") == "disabled"), None)
            if off:
                return Outcome.warn(
                    _("Bluetooth is turned off."),
                    advice=[
                        _("Open Device Manager, open “Bluetooth”, right-click “{name}” and choose “Enable device”.").format(name=off.get("name")),
                        _("If you cannot, contact support."),
                    ],
                    evidence=evidence,
                )
            return Outcome.fail(
                _("Bluetooth does not work: Windows reports a problem with “{name}”.").format(name=adapters[0].get("name")),
                advice=[_("Restart the computer."), _("If Bluetooth still does not work, contact support.")],
                evidence=evidence,
            )
        if not any(a.get("powered") for a in adapters) and facts.get("source") == "macos":
            return Outcome.warn(
                _("Bluetooth is turned off."),
                advice=[_("Turn Bluetooth on with the Bluetooth icon in the menu bar, or in System Preferences, Bluetooth.")],
                evidence=evidence,
            )
        if not any(a.get("powered") for a in adapters):
            return Outcome.warn(
                _("Bluetooth is turned off."),
                advice=[_("Turn Bluetooth on in the quick settings or the Bluetooth settings.")],
                evidence=evidence,
                fix=Fix("bluetooth_power_on", _("Turn Bluetooth on"), arg=str(adapters[0].get("path"))),
            )
        personal = [d for d in devices if d.get("kind") in PERSONAL_KINDS]
        away = [d for d in personal if not d.get("connected")]
        if away and not any(d.get("connected") for d in personal if d.get("kind") == away[0].get("kind")):
            name = away[0].get("name")
            return Outcome.warn(
                _("“{name}” is paired with this computer but not connected.").format(name=name),
                advice=[
                    _("Switch “{name}” on, charge it if needed, and bring it near the computer.").format(name=name),
                    _("If it still does not connect, choose it in the Bluetooth settings and click “Connect”."),
                ],
                evidence=evidence,
            )
        weak = [d for d in devices if d.get("connected") and isinstance(d.get("battery_percent"), int) and d["battery_percent"] <= low]
        if weak:
            return Outcome.warn(
                _("The battery of “{name}” is low ({percent}%).").format(name=weak[0].get("name"), percent=weak[0]["battery_percent"]),
                advice=[_("Charge “{name}” before your next call.").format(name=weak[0].get("name"))],
                evidence=evidence,
            )
        connected = [d for d in devices if d.get("connected")]
        if connected:
            return Outcome.ok(_("Bluetooth is on; “{name}” is connected.").format(name=connected[0].get("name")), evidence=evidence)
        return Outcome.ok(_("Bluetooth is on."), evidence=evidence)
