"""hardware.battery: battery wear (full vs design capacity), cycle count, and a
battery that does not charge while plugged in. No battery: skipped, never an alarm."""

from __future__ import annotations

import os
from typing import Any

from selfcheck.api import Check, Context, Facts, Outcome, SkipCheck, Thresholds
from selfcheck.i18n import N_, _
from selfcheck.wording import number

NO_BATTERY = N_("This computer has no battery.")


class BatteryCheck(Check):
    id = "hardware.battery"
    category = "hardware"
    title = N_("Battery")
    timeout = 8.0
    priority = 60
    at_risk = True  # a failing battery can stop the computer at any moment: a failure gets the red cross

    def collect(self, ctx: Context) -> Facts:
        import psutil

        facts: dict[str, Any] = {"platform": ctx.platform}
        try:
            status = psutil.sensors_battery() if hasattr(psutil, "sensors_battery") else None
        except (OSError, RuntimeError):
            status = None
        if status is not None:
            facts["percent"] = round(status.percent, 1) if status.percent is not None else None
            facts["plugged"] = status.power_plugged
        batteries: list[dict[str, Any]] = []
        if ctx.platform == "linux":
            from selfcheck.platforms.linux import read_power_supplies

            supplies = read_power_supplies()
            batteries = supplies["batteries"]
            if facts.get("plugged") is None:
                facts["plugged"] = supplies["ac_online"]
        elif ctx.platform == "darwin":
            from selfcheck.platforms.macos import parse_ioreg_battery_plist

            # -a: ioreg's XML property list (typed keys and values), not its console text
            out = ctx.run(["ioreg", "-arn", "AppleSmartBattery"], timeout=3)
            info = parse_ioreg_battery_plist(out.stdout) if out.ok else None
            if info:
                batteries = [info]
                if facts.get("plugged") is None:
                    facts["plugged"] = info.get("plugged")
        elif ctx.platform == "windows" and status is not None:
            batteries = self._windows_report(ctx)
        if status is None and not batteries:
            raise SkipCheck(_(NO_BATTERY))
        facts["batteries"] = batteries
        healths = [round(b["full_capacity"] * 100 / b["design_capacity"], 1) for b in batteries if b.get("full_capacity") and b.get("design_capacity")]
        if healths:
            facts["health_percent"] = min(min(healths), 100.0)  # kept by the scan history for trends
        return facts

    @staticmethod
    def _windows_report(ctx: Context) -> list[dict[str, Any]]:  # pragma: no cover - Windows only
        import tempfile

        from selfcheck.platforms.windows import parse_battery_report_xml

        fd, path = tempfile.mkstemp(suffix=".xml", prefix="selfcheck-battery-")
        os.close(fd)
        try:
            out = ctx.run(["powercfg", "/batteryreport", "/xml", "/output", path], timeout=6)
            if not out.ok:
                return []
            with open(path, encoding="utf-8", errors="replace") as fh:
                return parse_battery_report_xml(fh.read())
        except OSError:
            return []
        finally:
            try:
                os.unlink(path)
            except OSError:
                pass

    def evaluate(self, facts: Facts, thresholds: Thresholds) -> Outcome:
        batteries = facts.get("batteries") or []
        percent = facts.get("percent")
        plugged = facts.get("plugged")
        evidence: dict[str, Any] = {"percent": percent, "plugged_in": plugged, "batteries": []}
        findings: list[Outcome] = []
        health_values = []
        for bat in batteries:
            full, design = bat.get("full_capacity"), bat.get("design_capacity")
            health = round(full * 100 / design, 1) if full and design else None
            if health is not None:
                health = min(health, 100.0)
                health_values.append(health)
            evidence["batteries"].append(
                {k: bat.get(k) for k in ("name", "status", "full_capacity", "design_capacity", "cycle_count")} | {"health_percent": health}
            )
            cycles = bat.get("cycle_count")
            replace = [
                _("Keep the computer plugged in when you can."),
                _("Ask support about replacing the battery."),
            ]
            if bat.get("permanent_failure"):
                findings.append(Outcome.fail(_("The battery has failed and needs to be replaced."), advice=[_("Ask support about replacing the battery.")]))
            elif health is not None and health < float(thresholds["warn_health_percent"]):
                findings.append(
                    Outcome.warn(
                        _("The battery is worn out: it now holds only {percent}% of its original charge.").format(percent=number(health, 0)), advice=replace
                    )
                )
            elif cycles and cycles >= int(thresholds["warn_cycles"]):
                findings.append(
                    Outcome.warn(_("The battery has been charged {cycles} times and is near the end of its life.").format(cycles=cycles), advice=replace)
                )
            elif health is not None and health < float(thresholds["info_health_percent"]):
                findings.append(
                    Outcome.info(
                        _("The battery has aged: it holds {percent}% of its original charge, so it runs out sooner than when new.").format(
                            percent=number(health, 0)
                        ),
                        advice=[_("This is normal after a few years. If it no longer lasts long enough for you, ask support about a new battery.")],
                    )
                )
            status = str(bat.get("status") or "")
            level = bat.get("percent") if bat.get("percent") is not None else percent
            at_limit = bat.get("charge_end_threshold") and level is not None and level >= int(bat["charge_end_threshold"]) - 3
            if (
                plugged
                and status in ("Discharging", "Not charging")
                and level is not None
                and level < float(thresholds["not_charging_below_percent"])
                and not at_limit
                and not bat.get("optimized_charging")
            ):
                findings.append(
                    Outcome.warn(
                        _("The battery is not charging although the computer is plugged in ({percent}% charged).").format(percent=number(level, 0)),
                        advice=[
                            _("Check that the charger is firmly plugged into the wall and the computer."),
                            _("Try another power socket, and the charger that came with the computer."),
                            _("If it still does not charge, contact support: the charger or the battery may be faulty."),
                        ],
                    )
                )
        level = percent if percent is not None else next((b.get("percent") for b in batteries if b.get("percent") is not None), None)
        discharging = plugged is False or (plugged is None and any(str(b.get("status") or "") == "Discharging" for b in batteries))
        if discharging and level is not None:
            # a nearly empty battery on battery power stops the computer within minutes: say it now
            save = [
                _("Plug the computer in now, or save your work: it will turn itself off soon."),
                _("If it is plugged in and still runs down, check that the charger is firmly connected at both ends."),
            ]
            if level <= float(thresholds["fail_charge_percent"]):
                findings.append(
                    Outcome.fail(
                        _("The battery is almost empty ({percent}%) and the computer is not plugged in.").format(percent=number(level, 0)),
                        advice=save,
                        urgency="now",  # it turns off within minutes
                    )
                )
            elif level <= float(thresholds["warn_charge_percent"]):
                findings.append(
                    Outcome.warn(_("The battery is low ({percent}%) and the computer is not plugged in.").format(percent=number(level, 0)), advice=save)
                )
        if findings:
            worst = max(findings, key=lambda o: o.status.rank)
            worst.evidence = evidence
            return worst
        if health_values:
            return Outcome.ok(
                _("The battery is in good health ({health}% of its original charge); it is {percent}% charged.").format(
                    health=number(min(health_values), 0), percent=number(percent if percent is not None else 0, 0)
                ),
                evidence=evidence,
            )
        return Outcome.ok(_("The battery is working ({percent}% charged).").format(percent=number(percent if percent is not None else 0, 0)), evidence=evidence)
