"""hardware.sensors: temperatures and fans, where the operating system shares them.

Linux exposes them to every user (hwmon); Windows and macOS only to
administrators or vendor tools, so the check is skipped there with a reason.
"""

from __future__ import annotations

from typing import Any

from selfcheck import wording
from selfcheck.api import Check, Context, Facts, Outcome, SkipCheck, Thresholds
from selfcheck.i18n import N_, _
from selfcheck.wording import number


def _degrees(value: Any) -> str:
    """A temperature as the sensor gave it, in the reader's numbers: 38.9 -> '38,9' in French, 52.0 -> '52'; what is no
    number as it is."""
    return wording.decimal(float(value)) if isinstance(value, int | float) and not isinstance(value, bool) else str(value)


class SensorsCheck(Check):
    id = "hardware.sensors"
    category = "hardware"
    title = N_("Temperatures and fans")
    timeout = 4.0
    priority = 55
    at_risk = True  # overheating harms the computer: a failure gets the red cross

    def collect(self, ctx: Context) -> Facts:
        import psutil

        if ctx.platform == "darwin":
            raise SkipCheck(_("macOS shares temperature readings only with administrators, so they were not checked."))
        if ctx.platform == "windows":
            raise SkipCheck(_("Windows shares temperature readings only with administrators and vendor tools, so they were not checked."))
        temps: list[dict[str, Any]] = []
        fans: list[dict[str, Any]] = []
        try:
            for chip, entries in (psutil.sensors_temperatures() if hasattr(psutil, "sensors_temperatures") else {}).items():
                for e in entries:
                    if e.current is not None and -40 < e.current < 150:
                        temps.append({"chip": chip, "label": e.label or chip, "current": e.current, "high": e.high, "critical": e.critical})
            for chip, entries in (psutil.sensors_fans() if hasattr(psutil, "sensors_fans") else {}).items():
                for f in entries:
                    fans.append({"chip": chip, "label": f.label or chip, "rpm": f.current})
        except (OSError, RuntimeError):
            pass
        if not temps and not fans:
            raise SkipCheck(_("This computer does not report its temperatures (common in virtual machines)."))
        return {"temperatures": temps, "fans": fans}

    def evaluate(self, facts: Facts, thresholds: Thresholds) -> Outcome:
        temps = facts.get("temperatures") or []
        fans = facts.get("fans") or []
        evidence = {
            # in the reader's words and numbers: « 38,9 °C », « 2300 tr/min » in French (not "38.9", "rpm")
            "temperatures": [_("{sensor}: {degrees} °C").format(sensor=f"{t['chip']}/{t['label']}", degrees=_degrees(t["current"])) for t in temps],
            "fans": [_("{sensor}: {rpm} rpm").format(sensor=f"{f['chip']}/{f['label']}", rpm=f["rpm"]) for f in fans],
        }
        advice = [
            _("Make sure the air vents are not blocked: use the computer on a hard, flat surface."),
            _("Clean the dust from the vents, or ask support to do it."),
            _("If it stays hot, contact support: a fan may be broken."),
        ]
        warn_default = float(thresholds["warn_temperature_c"])
        fail_default = float(thresholds["fail_temperature_c"])
        worst = None
        worst_level = 0
        fail_margin = float(thresholds["fail_margin_c"])
        warn_margin = float(thresholds["warn_margin_c"])
        for t in temps:
            # a sensor's own limits, when it gives sensible ones; many chips report high = critical
            # (Intel laptops: both 100 °C), so the margin left before critical is what counts
            own_critical = t.get("critical") if t.get("critical") and 50 <= t["critical"] <= 130 else None
            critical = own_critical or fail_default
            high = t.get("high") if t.get("high") and 40 <= t["high"] <= 130 else warn_default
            fail_at = critical
            if high >= critical:  # no warning point of its own: judge by the margin left before critical
                high, fail_at = critical - warn_margin, critical - fail_margin
            level = 2 if t["current"] >= fail_at else 1 if t["current"] >= high else 0
            if level == 2 and t["current"] < critical and own_critical:
                t = {**t, "margin": round(critical - t["current"], 1)}
            if level > worst_level or (level == worst_level and worst is not None and t["current"] > worst["current"]):
                worst, worst_level = t, level
        hottest = max(temps, key=lambda t: t["current"]) if temps else None
        if worst_level == 2 and worst and "margin" in worst:
            return Outcome.fail(
                _(
                    "A part of your computer is overheating: “{sensor}” is at {degrees} °C, close to the temperature where the computer turns itself off."
                ).format(sensor=worst["label"], degrees=number(worst["current"], 0)),
                advice=advice,
                evidence={**evidence, "degrees_below_critical": worst["margin"]},
            )
        if worst_level == 2 and worst:
            return Outcome.fail(
                _("A part of your computer is overheating: “{sensor}” is at {degrees} °C.").format(sensor=worst["label"], degrees=number(worst["current"], 0)),
                advice=advice,
                evidence=evidence,
            )
        if worst_level == 1 and worst:
            return Outcome.warn(
                _("A part of your computer is very hot: “{sensor}” is at {degrees} °C.").format(sensor=worst["label"], degrees=number(worst["current"], 0)),
                advice=advice,
                evidence=evidence,
            )
        stopped = [f for f in fans if f.get("rpm") == 0]
        if stopped and hottest and hottest["current"] >= warn_default - 20:
            return Outcome.warn(
                _("A fan is not turning although the computer is warm ({degrees} °C).").format(degrees=number(hottest["current"], 0)),
                advice=advice,
                evidence=evidence,
            )
        if hottest:
            return Outcome.ok(
                _("Temperatures are normal (the warmest part is at {degrees} °C).").format(degrees=number(hottest["current"], 0)), evidence=evidence
            )
        return Outcome.ok(_("The fans are working."), evidence=evidence)
