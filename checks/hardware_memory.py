"""hardware.memory: is the computer short of memory (RAM), and which programs use the most?"""

from __future__ import annotations

import os
import time
from datetime import datetime
from typing import Any

from selfcheck import plainwords
from selfcheck.api import Check, Context, Facts, Outcome, Thresholds
from selfcheck.i18n import N_, _, ngettext
from selfcheck.platforms.common import PROCESS_NAME_ATTRS, process_name
from selfcheck.wording import clock_time, held_together, join_names, number, size


def recent_oom_kills(facts: Facts, minutes: float) -> list[dict[str, Any]]:
    """The memory kills of the last ``minutes``, oldest first, each with ``minutes_ago``."""
    try:
        now = datetime.fromisoformat(str(facts.get("now")))
    except ValueError:
        return []
    recent = []
    for kill in facts.get("oom_kills") or []:
        try:
            ago = (now - datetime.fromisoformat(str(kill.get("time")))).total_seconds() / 60
        except (ValueError, TypeError):
            continue
        if -1 <= ago <= minutes:
            recent.append({**kill, "minutes_ago": max(1, round(ago)), "said_time": _clock_time(kill.get("time"), now)})
    return recent


def _clock_time(moment: object, now: datetime) -> str:
    """The time of day of a kill as the customer's clock showed it (the zone of the scan's ``now``, not the reader's: the
    evaluation of a bundle's facts says the same on support's computer): '09:24' / '9 h 24', not the kernel log's
    '2026-12-07T08:24:00+00:00' (issue 21)."""
    at = datetime.fromisoformat(str(moment))
    if at.tzinfo is not None and now.tzinfo is not None:
        at = at.astimezone(now.tzinfo)
    return clock_time(at)


def _proof_first(evidence: dict[str, Any], **proof: Any) -> dict[str, Any]:
    """``evidence`` with the keys that prove the result first, in the order given: the support card shows a check's first
    evidence lines only, and the proof must not be the line it leaves out (issue 21: "stopped for lack of memory" was)."""
    return {**proof, **{k: v for k, v in evidence.items() if k not in proof}}


class MemoryCheck(Check):
    id = "hardware.memory"
    category = "hardware"
    title = N_("Memory for open programs")  # "Memory" alone was quoted (round 3)
    timeout = 5.0
    priority = 40

    def collect(self, ctx: Context) -> Facts:
        import psutil

        vm = psutil.virtual_memory()
        sw = psutil.swap_memory()
        own = os.getpid()
        # one line per program: a browser's twenty processes count as one browser
        programs: dict[str, dict[str, Any]] = {}
        for proc in psutil.process_iter([*PROCESS_NAME_ATTRS, "memory_info"]):
            info = proc.info
            mem = info.get("memory_info")
            if mem is None or proc.pid in (0, own):
                continue
            name = process_name(info)
            entry = programs.setdefault(name, {"name": name, "rss": 0, "processes": 0, "pid": proc.pid})
            entry["rss"] += int(mem.rss)
            entry["processes"] += 1
        procs = sorted(programs.values(), key=lambda p: p["rss"], reverse=True)
        facts: dict[str, Any] = {
            "total": int(vm.total),
            "available": int(vm.available),
            "percent_used": float(vm.percent),
            "swap_total": int(sw.total),
            "swap_used": int(sw.used),
            "swap_percent": float(sw.percent),
            "processes": procs[: int(ctx.thresholds["top_processes"])],
        }
        if ctx.platform == "linux":
            from selfcheck.platforms.linux import read_psi

            psi = read_psi("memory")
            if psi:
                facts["pressure"] = psi
            # programs the kernel stopped because memory ran out (Windows: resource-exhaustion
            # events, macOS: jetsam reports would go here)
            from selfcheck.platforms import kernellog

            hours = float(ctx.thresholds["oom_hours"])
            log = kernellog.read(ctx.run, time.time() - hours * 3600, timeout=min(3.0, max(0.5, ctx.remaining() - 1)))
            if log.get("source"):
                facts["oom_kills"] = kernellog.oom_kills(log["lines"])[-20:]
                facts["now"] = ctx.now().astimezone().isoformat(timespec="seconds")  # the customer's clock: its zone says the kills' times
        return facts

    def evaluate(self, facts: Facts, thresholds: Thresholds) -> Outcome:
        total = int(facts.get("total") or 0)
        available = int(facts.get("available") or 0)
        avail_pct = available * 100 / total if total else 100.0
        procs = facts.get("processes") or []
        swap_total = int(facts.get("swap_total") or 0)
        swap_pct = float(facts.get("swap_percent") or 0)
        pressure = ((facts.get("pressure") or {}).get("some") or {}).get("avg60")
        # the programs before the swap: the card shows the first six lines (supportcard._generic_lines), and a failure's
        # proof goes before them all (_proof_first)
        evidence: dict[str, Any] = {
            "total": size(total),
            "available": size(available),
            "available_percent": round(avail_pct, 1),
            # in the reader's words ("processes" read in English on a French card): "firefox (1.2 GB, 8 processes)"
            "top_processes": [
                _("{name} ({size}, {n} processes)").format(name=p["name"], size=size(p["rss"]), n=p["processes"])  # two or more
                if p.get("processes", 1) > 1
                else _("{name} ({size})").format(name=p["name"], size=size(p["rss"]))
                for p in procs
            ],
            "swap_used": size(facts.get("swap_used") or 0),
            "swap_percent": swap_pct,
        }
        if pressure is not None:
            evidence["pressure_avg60"] = pressure
        big = [p["name"] for p in procs[:2]]
        advice = [
            _("Close the programs and browser tabs you are not using."),
            _("Restart the computer: this frees memory that programs have kept."),
            _("If this happens often, the computer may need more memory: ask support."),
        ]
        if big:
            advice.insert(
                0, _("The programs using the most memory are {programs}.").format(programs=join_names(dict.fromkeys(plainwords.program_name(n) for n in big)))
            )
        fail_pct = float(thresholds["fail_available_percent"])
        warn_pct = float(thresholds["warn_available_percent"])
        p_warn = float(thresholds["warn_pressure_percent"])
        p_fail = float(thresholds["fail_pressure_percent"])
        kills = recent_oom_kills(facts, float(thresholds["fail_oom_minutes"]))
        if kills:
            # named as the facts name them, under the name "stopped for lack of memory"; each line in the reader's words, its time
            # as the customer's clock showed it (« firefox (processus 8811) à 9 h 24 »); first: the card shows a check's first
            # evidence lines, and these prove the failure (issue 21)
            evidence = _proof_first(
                evidence,
                oom_kills=[_("{program} (process {pid}) at {time}").format(program=k["program"], pid=k["pid"], time=k["said_time"]) for k in kills],
            )
            last = kills[-1]
            names = list(dict.fromkeys(plainwords.program_name(k["program"]) for k in reversed(kills)))
            return Outcome.fail(
                held_together(
                    ngettext(
                        "Memory ran out {minutes} minute ago, so the computer had to stop {programs}.",
                        "Memory ran out {minutes} minutes ago, so the computer had to stop {programs}.",
                        last["minutes_ago"],
                    ).format(minutes=last["minutes_ago"], programs=join_names(names[:3]))
                ),
                advice=[
                    _("Open {program} again if you need it: work not saved in it may be lost.").format(program=join_names(names[:1])),
                    *advice,
                ],
                evidence=evidence,
                urgency="now",  # programs are being stopped, work lost
            )
        if pressure is not None and pressure >= p_warn:
            evidence = _proof_first(evidence, available_percent=evidence["available_percent"], pressure_avg60=pressure)
        if avail_pct < fail_pct or (pressure is not None and pressure >= p_fail):
            return Outcome.fail(
                _("Your computer is almost out of memory: only {free} of {total} is free.").format(free=size(available), total=size(total)),
                advice=advice,
                evidence=evidence,
            )
        if avail_pct < warn_pct or (pressure is not None and pressure >= p_warn):
            return Outcome.warn(
                _("Your computer is short of memory: only {free} of {total} is free, which slows it down.").format(free=size(available), total=size(total)),
                advice=advice,
                evidence=evidence,
            )
        if swap_total and swap_pct >= float(thresholds["warn_swap_percent"]) and avail_pct < 2 * warn_pct:
            evidence = _proof_first(evidence, swap_used=evidence["swap_used"], swap_percent=swap_pct)
            return Outcome.warn(
                _("Your computer is using its disk as extra memory ({percent}% of it), which slows it down.").format(percent=number(swap_pct, 0)),
                advice=advice,
                evidence=evidence,
            )
        return Outcome.ok(
            _("There is enough free memory: {free} of {total}.").format(free=size(available), total=size(total)),
            evidence=evidence,
        )
