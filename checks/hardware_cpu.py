"""hardware.cpu: is the processor overloaded or overheating, and by what?

A quick look first (on Linux measured from when the checks were loaded, so it
costs nothing; elsewhere a 0.05 s sample), with selfcheck's own work (this
process and the commands it runs) left out: the observer is not the load. Only
when something else keeps the processor busy, and the 1-minute load average the
OS keeps agrees, does the check watch for about a second, to name the programs
causing it. The 5-minute load average (Linux, macOS) separates "busy right now"
from "busy for minutes": only the latter is a problem.
"""

from __future__ import annotations

import os
import time
from typing import Any

from selfcheck import plainwords
from selfcheck.api import Check, Context, Facts, Outcome, Status, Thresholds
from selfcheck.i18n import N_, _
from selfcheck.platforms.common import PROCESS_NAME_ATTRS, process_name
from selfcheck.wording import number

#: round 7: "fully occupied" was quoted
BUSY_WHY = N_("When programs keep the computer this busy, everything else has to wait.")

CPU_SENSOR_NAMES = ("coretemp", "k10temp", "zenpower", "cpu_thermal", "cpu-thermal", "soc_thermal", "x86_pkg_temp", "acpitz")


def own_cpu_seconds() -> float:
    """Processor time selfcheck itself used: this process and the commands it ran and waited for."""
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def _proc_stat() -> tuple[float, list[int], float] | None:
    """(monotonic time, the 'cpu' line of /proc/stat, selfcheck's own processor seconds): a free
    starting point for a measurement."""
    try:
        with open("/proc/stat", encoding="ascii") as fh:
            parts = fh.readline().split()
    except OSError:
        return None
    if not parts or parts[0] != "cpu":
        return None
    return time.monotonic(), [int(x) for x in parts[1:]], own_cpu_seconds()


def own_percent(own_seconds: float, window: float, logical: int) -> float:
    """selfcheck's share of the whole processor over ``window`` seconds."""
    return max(0.0, 100.0 * own_seconds / (max(window, 1e-3) * max(logical, 1)))


def _busy_percent(before: list[int], after: list[int]) -> float:
    """Share of time not idle between two /proc/stat readings (guest time is already in user)."""
    delta = [b - a for a, b in zip(before[:8], after[:8], strict=False)]
    total = sum(delta)
    idle = delta[3] + (delta[4] if len(delta) > 4 else 0)
    return max(0.0, min(100.0, 100.0 * (total - idle) / total)) if total > 0 else 0.0


def sample_processes(psutil: Any, ctx: Context, quick: float, busy_percent: float, longer: float, calm_load: float | None = None) -> dict[str, Any]:
    """Measure the processor's load, leaving selfcheck's own work out; only when something else keeps
    it busy (the load average agrees when the OS keeps one), watch longer and measure each process."""
    start = time.monotonic()
    logical = psutil.cpu_count() or 1
    baseline = _proc_stat() if ctx.platform == "linux" else None
    if baseline is not None:
        ctx.cancelled.wait(max(0.0, quick - (time.monotonic() - baseline[0])))
        now = _proc_stat()
        total = _busy_percent(baseline[1], now[1]) if now else 0.0
        window = (now[0] if now else time.monotonic()) - baseline[0]
        own = own_percent((now[2] if now else own_cpu_seconds()) - baseline[2], window, logical)
    else:
        own_before = own_cpu_seconds()
        psutil.cpu_percent(None)
        ctx.cancelled.wait(quick)
        total = psutil.cpu_percent(None)
        window = time.monotonic() - start
        own = own_percent(own_cpu_seconds() - own_before, window, logical)
    # the scan's own work (this process, the commands it runs) is not the computer being busy
    others = max(0.0, total - own)
    result: dict[str, Any] = {
        "total_percent": round(others, 1),
        "selfcheck_percent": round(min(own, total), 1),
        "window_seconds": round(window, 2),
        "processes": [],
        "processes_measured": False,
    }
    if others < busy_percent or ctx.cancelled.is_set():
        return result
    # The OS keeps its own longer view: when the load average says the processor has been calm,
    # a busy quick look is a passing peak, not worth a second of the customer's time to watch.
    if hasattr(os, "getloadavg") and calm_load is not None:
        load1 = os.getloadavg()[0] / logical
        result["load1_per_core"] = round(load1, 2)
        if load1 < calm_load:
            result["peak_only"] = True
            return result
    # Busy: watch for about a second to tell a peak from a sustained load, and name its causes.
    own_pid = os.getpid()
    procs = []
    for proc in psutil.process_iter([*PROCESS_NAME_ATTRS, "ppid"]):
        # 0 is Windows' "System Idle Process"; selfcheck and the commands it runs are not the cause
        if proc.pid in (0, own_pid) or proc.info.get("ppid") == own_pid:
            continue
        try:
            proc.cpu_percent(None)
            procs.append(proc)
        except psutil.Error:
            continue
    psutil.cpu_percent(None)
    long_start = time.monotonic()
    own_before = own_cpu_seconds()
    ctx.cancelled.wait(max(0.0, min(longer, ctx.remaining() - 0.5)))
    total = psutil.cpu_percent(None)
    long_window = time.monotonic() - long_start
    own_long = own_percent(own_cpu_seconds() - own_before, long_window, logical)
    total = max(0.0, total - own_long)
    usage = []
    for proc in procs:
        try:
            core_percent = proc.cpu_percent(None)
        except psutil.Error:
            continue
        if core_percent >= 0.5:
            usage.append(
                {"pid": proc.pid, "name": process_name(proc.info), "core_percent": round(core_percent, 1), "percent": round(core_percent / logical, 1)}
            )
    usage.sort(key=lambda p: p["core_percent"], reverse=True)
    result.update(total_percent=round(total, 1), window_seconds=round(long_window, 2), processes=usage, processes_measured=True)
    return result


def cpu_temperatures(psutil: Any) -> list[dict[str, Any]]:
    if not hasattr(psutil, "sensors_temperatures"):
        return []
    try:
        sensors = psutil.sensors_temperatures()
    except (OSError, RuntimeError):
        return []
    found = []
    for name in CPU_SENSOR_NAMES:
        for entry in sensors.get(name, []):
            if entry.current is not None and entry.current > 0:
                found.append({"sensor": name, "label": entry.label or name, "current": entry.current, "high": entry.high, "critical": entry.critical})
        if found and name != "acpitz":
            break
    return found


class CpuCheck(Check):
    id = "hardware.cpu"
    category = "hardware"
    title = N_("How busy your computer is")  # "Processor" was quoted on every screen (round 3)
    timeout = 6.0
    priority = 40

    def collect(self, ctx: Context) -> Facts:
        import psutil

        from selfcheck.platforms import cpumodel

        t = ctx.thresholds
        sample = sample_processes(
            psutil,
            ctx,
            float(t["quick_sample_seconds"]),
            float(t["busy_percent"]),
            float(t["sample_seconds"]),
            float(t["calm_load_ratio"]),
        )
        logical = psutil.cpu_count() or 1
        facts: dict[str, Any] = {
            **sample,
            "processes": sample["processes"][: int(t["top_processes"])],
            "logical_cpus": logical,
            "physical_cpus": psutil.cpu_count(logical=False),
            "model": cpumodel.cheap_model(ctx.run),
        }
        if ctx.platform != "windows" and hasattr(os, "getloadavg"):
            load1, load5, load15 = os.getloadavg()
            facts["load_average"] = [round(load1, 2), round(load5, 2), round(load15, 2)]
            facts["load5_per_core"] = round(load5 / logical, 2)
        try:
            freq = psutil.cpu_freq()
        except (OSError, NotImplementedError, RuntimeError):
            freq = None
        if freq:
            facts["frequency_mhz"] = {"current": round(freq.current), "max": round(freq.max) if freq.max else None}
        facts["temperatures"] = cpu_temperatures(psutil)
        if ctx.platform == "linux":
            from selfcheck.platforms.linux import read_psi, read_throttle_counts

            facts["throttle_counts"] = read_throttle_counts()
            psi = read_psi("cpu")
            if psi and "some" in psi:
                facts["pressure_some"] = psi["some"]
        elif ctx.platform == "darwin":
            from selfcheck.platforms.macos import parse_pmset_therm

            out = ctx.run(["pmset", "-g", "therm"], timeout=2)
            if out.ok:
                facts["thermal"] = parse_pmset_therm(out.stdout)
        details = cpumodel.cached()
        if details:
            facts["model_details"] = {k: details.get(k) for k in ("brand", "vendor", "arch", "hz_advertised", "l2_cache")}
            facts["model"] = details.get("brand") or facts["model"]
        elif t["background_model_lookup"]:
            facts["model_lookup_started"] = cpumodel.refresh_in_background()
        if facts["total_percent"] >= float(t["warn_percent"]):
            normal = ctx.usual("cpu_percent")
            if normal is not None:
                facts["usual_percent"] = round(normal["median"], 1)
        return facts

    def evaluate(self, facts: Facts, thresholds: Thresholds) -> Outcome:
        total = float(facts.get("total_percent") or 0)
        logical = int(facts.get("logical_cpus") or 1)
        procs = facts.get("processes") or []
        model = str(facts.get("model") or "").strip()
        evidence: dict[str, Any] = {
            "busy_percent": total,
            "model": model,
            "cores": facts.get("physical_cpus"),
            "threads": logical,
            # "firefox (12.5%)" / « firefox (12,5 %) », as the support card names a busy program (not an English "12.5 %" in French)
            "top_processes": [_("{name} ({cpu}%)").format(name=p["name"], cpu=number(p["percent"])) for p in procs],
        }
        if facts.get("load_average"):
            evidence["load_average"] = facts["load_average"]
        warn_at = float(thresholds["warn_percent"])
        fail_at = float(thresholds["fail_percent"])
        calm = float(thresholds["calm_load_ratio"])
        load_ratio = facts.get("load5_per_core")
        by_program: dict[str, float] = {}
        for p in procs:  # a program's processes together (a browser runs many)
            known_as = plainwords.program_name(p["name"])  # “chrome.exe” is “Google Chrome” to the person
            by_program[known_as] = by_program.get(known_as, 0.0) + float(p.get("percent", 0))
        ranked = sorted(by_program.items(), key=lambda kv: kv[1], reverse=True)
        culprits = [name for name, share in ranked if share >= 100 / logical / 4][:2]

        findings: list[Outcome] = []
        if total >= warn_at:
            # the headline says what the person knows (their web browser, a program by name), not "processor" or a percentage
            because = (
                _("Your computer is very busy, mostly because of {programs}.").format(programs=plainwords.program_phrases(culprits))
                if culprits
                else _("Your computer is very busy: some programs keep it fully occupied.")
            )
            # round 3: "if I close Firefox, do I lose my e-mail?": closing loses nothing already saved, said first
            advice = [
                _(
                    "Close the programs you are not using. Closing a program loses nothing already saved: your e-mails and favourite "
                    "websites are still there when you open it again."
                )
            ]
            if culprits:
                # not "completely" (is closing not enough?); what is being written is saved first (round 2); the program
                # named, not "that program" (round 3: "close every window of that program" was quoted)
                # round 9: "each of its windows, if it has several" quoted by both ("how do I tell?"): dropped
                advice.append(
                    _("If it stays slow, save what you are writing, close {program}, then open it again; if that does not help, restart the computer.").format(
                        program=_("“{name}”").format(name=culprits[0])
                    )
                )
            else:  # said once: the step above already ends with the restart
                advice.append(_("If the computer is still slow afterwards, restart it."))
            usual_percent = facts.get("usual_percent")
            if isinstance(usual_percent, int | float) and usual_percent < warn_at:
                because += " " + _("Usually it is much less busy.")
                evidence["usual_percent"] = usual_percent
            if facts.get("peak_only") or load_ratio is not None and float(load_ratio) < calm:
                findings.append(
                    Outcome.info(
                        because + " " + _("It has been calm over the last few minutes, so this is probably a short peak."),
                        advice=[_("If the computer feels slow, wait a minute and check again.")],
                    )
                )
            # round 9: "1 problem needs attention now" beside an amber "!" alarmed a reader for a slow computer: closing a
            # program is easy and harmless, as the sound and the printer's paper are
            elif total >= fail_at:
                findings.append(Outcome.fail(because, advice=advice, why=_(BUSY_WHY), urgency="easy"))
            else:
                findings.append(Outcome.warn(because, advice=advice, why=_(BUSY_WHY), urgency="easy"))

        heat = self._heat(facts, thresholds, evidence)
        if heat is not None:
            findings.append(heat)

        if findings:
            worst = max(findings, key=lambda o: o.status.rank)
            worst.evidence = evidence
            if worst.status is not Status.INFO:
                for other in findings:
                    if other is not worst and other.status.is_problem:
                        worst.advice += [a for a in other.advice if a not in worst.advice]
            return worst
        evidence["model"] = model
        evidence["cores"] = facts.get("physical_cpus")
        return Outcome.ok(_("Your processor is working normally ({percent}% busy).").format(percent=number(total, 0)), evidence=evidence)

    @staticmethod
    def _heat(facts: Facts, thresholds: Thresholds, evidence: dict[str, Any]) -> Outcome | None:
        temps = facts.get("temperatures") or []
        advice = [
            _("Make sure the air vents are not blocked: use the computer on a hard, flat surface."),
            _("Clean the dust from the vents, or ask support to do it."),
        ]
        if temps:
            hottest = max(temps, key=lambda s: s["current"])
            evidence["temperature_c"] = hottest["current"]
            fail_at = hottest.get("critical") or float(thresholds["fail_temperature_c"])
            warn_at = hottest.get("high") or float(thresholds["warn_temperature_c"])
            if warn_at >= fail_at:  # high = critical (Intel laptops): judge by the margin left before critical
                warn_at = fail_at - float(thresholds["warn_margin_c"])
                fail_at = fail_at - float(thresholds["fail_margin_c"])
            if hottest["current"] >= fail_at:
                return Outcome.fail(_("Your processor is overheating ({degrees} °C).").format(degrees=number(hottest["current"], 0)), advice=advice)
            if hottest["current"] >= warn_at:
                return Outcome.warn(_("Your processor is very hot ({degrees} °C).").format(degrees=number(hottest["current"], 0)), advice=advice)
        limit = (facts.get("thermal") or {}).get("CPU_Speed_Limit")
        if isinstance(limit, int) and limit < 100:
            evidence["speed_limit_percent"] = limit
            return Outcome.warn(_("Your processor is slowed down to {percent}% of its speed because it is too hot.").format(percent=limit), advice=advice)
        counts = facts.get("throttle_counts") or {}
        if counts:
            evidence["throttle_counts"] = counts
            if max(counts.get("core", 0), counts.get("package", 0)) >= int(thresholds["warn_throttle_count"]):
                return Outcome.warn(_("Your processor has often slowed itself down because it was too hot."), advice=advice)
        return None
