"""os.crashes: programs that crashed and unexpected system stops in the last days.

Windows: the event log (Application Error / Hang; Kernel-Power 41, EventLog 6008,
BugCheck 1001) through wevtutil (XML, else its text by the order of the fields). macOS: DiagnosticReports (.ips). Linux:
coredumpctl or the journal's systemd-coredump entries, and apport's /var/crash.
"""

from __future__ import annotations

import glob
import os
import time
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from selfcheck import plainwords
from selfcheck.api import Check, Context, Facts, Outcome, SkipCheck, Thresholds
from selfcheck.i18n import N_, _, ngettext
from selfcheck.wording import join_names

MAX_ITEMS = 100
COREDUMP_MESSAGE_ID = "fc2e22bc6ee647b6b90729ab34a250b1"


def _journal_present() -> bool:
    return any(any(Path(d).glob("*/*.journal")) or any(Path(d).glob("*.journal")) for d in ("/var/log/journal", "/run/log/journal") if Path(d).is_dir())


def _key(program: str) -> str:
    return program[:15]  # the kernel keeps the first 15 characters of a program's name


def _instant(value: Any) -> datetime | None:
    """A crash's time when it says its zone (JSON records, the kernel's log), else None: an older systemd's table prints
    local time without one, which cannot be set against the kernel's."""
    try:
        when = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        return None
    return when if when.tzinfo is not None else None


def _within_a_minute(record: dict[str, Any], kernel: dict[str, Any]) -> bool:
    when, seen = _instant(record.get("time")), _instant(kernel.get("time"))
    return when is not None and seen is not None and abs((when - seen).total_seconds()) <= 60


def _same_process(record: dict[str, Any], kernel: dict[str, Any]) -> bool:
    """The crash record (core dump, journal) and the kernel's line are one crash: the same process id, within a minute
    (process ids are used again)."""
    pid = record.get("pid")
    return isinstance(pid, int) and pid == kernel.get("pid") and _within_a_minute(record, kernel)


def _same_name(record: dict[str, Any], kernel: dict[str, Any]) -> bool:
    """One crash too: the same name within a minute (a thread's crash: the kernel gives the thread's id)."""
    return _key(str(record.get("program") or "?")) == _key(str(kernel.get("program") or "?")) and _within_a_minute(record, kernel)


def every_crash(facts: Facts) -> list[dict[str, Any]]:
    """Every crash once. A crash record (core dump, journal) and the kernel's line with its process id and time are one
    crash, named as the record names it: by the program's file ("firefox"), where the kernel names the process, cut to
    15 characters ("Isolated Web Co"). The kernel's other lines, by name, against the records that carry no process id
    and time to match (apport's one report per program; an older systemd's table): per program, the source that saw the
    most (the kernel's log sees every segfault; core dumps may be off)."""
    crashes = list(facts.get("crashes") or [])
    kernel = list(facts.get("kernel_crashes") or [])
    if not kernel:
        return crashes
    matched: set[int] = set()
    known: dict[str, str] = {}  # the kernel's name of a process -> its program, learnt from the crashes both saw
    unpaired: list[dict[str, Any]] = []
    for k in kernel:
        same = next((i for i, c in enumerate(crashes) if i not in matched and _same_process(c, k)), None)
        if same is None:
            unpaired.append(k)
            continue
        matched.add(same)
        if crashes[same].get("program") and k.get("program"):
            known.setdefault(_key(str(k["program"])), str(crashes[same]["program"]))
    rest: list[dict[str, Any]] = []
    for k in unpaired:  # a thread's crash: the kernel gives the thread's id, the record its process's
        same = next((i for i, c in enumerate(crashes) if i not in matched and _same_name(c, k)), None)
        if same is None:
            rest.append(k)
        else:
            matched.add(same)
    # the records with a process id and time the kernel's other lines are not: other crashes
    kept = {i for i, c in enumerate(crashes) if i in matched or (isinstance(c.get("pid"), int) and _instant(c.get("time")))}
    merged = [c for i, c in enumerate(crashes) if i in kept]
    by_source: dict[str, list[dict[str, Any]]] = {}
    for c in (c for i, c in enumerate(crashes) if i not in kept):
        by_source.setdefault(_key(str(c.get("program") or "?")), []).append(c)
    for c in rest:
        program = known.get(_key(str(c.get("program") or "?")), str(c.get("program") or "?"))
        by_source.setdefault("kernel:" + _key(program), []).append({**c, "program": program})
    for key in {k.removeprefix("kernel:") for k in by_source}:
        others, seen = by_source.get(key, []), by_source.get("kernel:" + key, [])
        best = seen if len(seen) > len(others) else others
        names = [str(c.get("program")) for c in others + seen if c.get("program")]
        name = max(names, key=len) if names else "?"
        merged += [{**c, "program": name} for c in best]
    return merged


def crash_loop(crashes: list[dict[str, Any]], now: Any, hours: float) -> tuple[str, int] | None:
    """(program, crashes) of the program that crashed most in the last ``hours``, or None."""
    try:
        end = datetime.fromisoformat(str(now))
    except ValueError:
        return None
    recent: Counter[str] = Counter()
    for c in crashes:
        try:
            when = datetime.fromisoformat(str(c.get("time")).replace("Z", "+00:00"))
        except ValueError:
            continue
        if when.tzinfo is None:
            when = when.replace(tzinfo=UTC)
        if 0 <= (end - when).total_seconds() <= hours * 3600 + 60:
            recent[str(c.get("program") or "?")] += 1
    return recent.most_common(1)[0] if recent else None


class CrashesCheck(Check):
    id = "os.crashes"
    category = "os"
    title = N_("Crashes")
    timeout = 8.0
    priority = 50
    at_risk = True  # programs crashing lose unsaved work: a failure gets the red cross

    def collect(self, ctx: Context) -> Facts:
        days = int(ctx.thresholds["days"])
        facts: dict[str, Any] = {"days": days, "crashes": [], "system_crashes": [], "sources": []}
        since = time.time() - days * 86400
        if ctx.platform == "linux":
            self._linux(ctx, facts, days, since)
        elif ctx.platform == "darwin":
            self._macos(facts, since)
        elif ctx.platform == "windows":  # pragma: no cover - Windows only
            self._windows(ctx, facts, days)
        if not facts["sources"]:
            raise SkipCheck(_("This computer keeps no crash records that this program can read."))
        facts["crashes"] = facts["crashes"][:MAX_ITEMS]
        facts["now"] = ctx.now().isoformat(timespec="seconds")
        return facts

    @staticmethod
    def _linux(ctx: Context, facts: dict[str, Any], days: int, since: float) -> None:
        from selfcheck.platforms import linux

        # structured first (coredumpctl --json, systemd 246+; journalctl -o json), the console text for older systemd;
        # no colours nor links: SYSTEMD_COLORS=1 in someone's environment writes them even into a pipe, JSON too
        env = {**os.environ, "SYSTEMD_COLORS": "0", "SYSTEMD_URLIFY": "0"}
        crashes = None
        out = ctx.run(["coredumpctl", "list", "--json=short", "--no-pager", f"--since=-{days}d"], timeout=3, env=env)
        if out.returncode is not None and not out.missing and "No journal files" not in out.stderr:
            crashes = linux.parse_coredumpctl_json(out.stdout) if out.stdout.strip() else ([] if "No coredumps found" in out.stderr else None)
            if crashes is None:  # systemd before 246: no --json
                out = ctx.run(["coredumpctl", "list", "--no-pager", "--no-legend", f"--since=-{days}d"], timeout=3, env=env)
                crashes = linux.parse_coredumpctl_list(out.stdout)
            facts["sources"].append("coredumpctl")
        elif _journal_present():
            query = ["journalctl", "-q", "--no-pager", f"--since=-{days}d", f"MESSAGE_ID={COREDUMP_MESSAGE_ID}"]
            out = ctx.run([*query, "-o", "json"], timeout=3, env=env)
            if out.ok:
                crashes = linux.parse_journal_coredumps_json(out.stdout)
                if crashes is None:
                    out = ctx.run([*query, "-o", "short-iso"], timeout=3, env=env)
                    crashes = linux.parse_journal_coredumps(out.stdout) if out.ok else []
                facts["sources"].append("journal")
        facts["crashes"] += crashes or []
        # apport keeps one report per program and the journal may be off: the kernel logs every crash
        from selfcheck.platforms import kernellog

        log = kernellog.read(ctx.run, since, timeout=min(3.0, max(0.5, ctx.remaining() - 1)))
        if log.get("source"):
            facts["sources"].append(f"kernel log ({log['source']})")
            facts["kernel_crashes"] = kernellog.segfaults(log["lines"])[-MAX_ITEMS:]
        if os.path.isdir("/var/crash"):
            facts["sources"].append("/var/crash")
            for path in glob.glob("/var/crash/*.crash"):
                try:
                    mtime = os.path.getmtime(path)
                except OSError:
                    continue
                if mtime >= since:
                    facts["crashes"].append(
                        {"program": linux.apport_crash_program(os.path.basename(path)), "time": datetime.fromtimestamp(mtime, UTC).isoformat()}
                    )

    @staticmethod
    def _macos(facts: dict[str, Any], since: float) -> None:
        from selfcheck.platforms.macos import parse_ips_header

        for folder in (Path.home() / "Library/Logs/DiagnosticReports", Path("/Library/Logs/DiagnosticReports")):
            if not folder.is_dir():
                continue
            facts["sources"].append(str(folder))
            try:
                entries = list(folder.iterdir())
            except OSError:
                continue
            for path in entries:
                if path.suffix not in (".ips", ".panic", ".crash"):
                    continue
                try:
                    if path.stat().st_mtime < since:
                        continue
                    with path.open(encoding="utf-8", errors="replace") as fh:
                        first = fh.readline()
                except OSError:
                    continue
                info = parse_ips_header(first, path.name)
                if info is None and path.suffix == ".panic":
                    info = {"kind": "panic", "program": "kernel", "time": None}
                if info is None:
                    continue
                (facts["system_crashes"] if info["kind"] == "panic" else facts["crashes"]).append(info)

    @staticmethod
    def _windows(ctx: Context, facts: dict[str, Any], days: int) -> None:  # pragma: no cover - Windows only
        from selfcheck.platforms.windows import parse_wevtutil_text, parse_wevtutil_xml

        ms = days * 86400 * 1000

        def query(log: str, ids: str, count: int) -> list[dict[str, Any]] | None:
            """The events as XML (no translated words), else as text read by the order of its fields."""
            for fmt in ("xml", "text"):
                out = ctx.run(
                    ["wevtutil", "qe", log, f"/q:*[System[({ids}) and TimeCreated[timediff(@SystemTime) <= {ms}]]]", f"/f:{fmt}", "/rd:true", f"/c:{count}"],
                    timeout=4,
                )
                if not out.ok:
                    continue
                events = parse_wevtutil_xml(out.stdout) if fmt == "xml" else parse_wevtutil_text(out.stdout)
                if events is not None:
                    facts["sources"].append(f"eventlog:{log}:{fmt}")
                    return events
            return None

        app = query("Application", "EventID=1000 or EventID=1002", MAX_ITEMS)
        if app is not None:
            facts["crashes"] += [{"program": e["program"] or e["source"], "time": e["time"], "event_id": e["event_id"]} for e in app]
        system = query("System", "EventID=41 or EventID=6008 or EventID=1001", 50)
        for e in system or []:
            if e["event_id"] == 1001 and "WER" not in e["source"] and "BugCheck" not in e["source"]:
                continue
            facts["system_crashes"].append(
                {"kind": {41: "power_loss", 6008: "unexpected_shutdown", 1001: "bugcheck"}.get(e["event_id"] or 0, "system"), "time": e["time"]}
            )

    def evaluate(self, facts: Facts, thresholds: Thresholds) -> Outcome:
        days = int(facts.get("days") or thresholds["days"])
        system = facts.get("system_crashes") or []
        crashes = every_crash(facts)
        counts = Counter(str(c.get("program") or "?") for c in crashes)
        evidence: dict[str, Any] = {"days": days, "program_crashes": dict(counts.most_common(10)), "system_stops": len(system), "sources": facts.get("sources")}
        top = [name for name, _n in counts.most_common(2)]
        if len(system) >= int(thresholds["warn_system_crashes"]):
            return Outcome.warn(
                ngettext(
                    "Your computer stopped unexpectedly {n} time in the last {days} days.",
                    "Your computer stopped unexpectedly {n} times in the last {days} days.",
                    len(system),
                ).format(n=len(system), days=days),
                advice=[
                    _("Install the pending system updates, then restart the computer."),
                    _("If the computer shuts down when it is hot or busy, make sure its air vents are free."),
                    _("If it happens again, contact support."),
                ],
                evidence=evidence,
            )
        loop = crash_loop(crashes, facts.get("now"), float(thresholds["loop_hours"]))
        if loop and loop[1] >= int(thresholds["fail_loop_count"]):
            raw, times = loop
            program = plainwords.program_name(raw)  # as people know it (OUTLOOK.EXE: Outlook)
            evidence["crash_loop"] = {"program": raw, "crashes": times, "hours": float(thresholds["loop_hours"])}
            return Outcome.fail(
                _("The program “{program}” keeps crashing: it closed unexpectedly {n} times in the last day.").format(program=program, n=times),
                advice=[
                    _("Save your work in “{program}” often, and update it or reinstall it.").format(program=program),
                    _("Restart the computer."),
                    _("If it keeps crashing, contact support."),
                ],
                evidence=evidence,
                urgency="now",  # work is being lost again and again
            )
        n = len(crashes)
        advice = [
            _("Update the programs that crash, or reinstall them."),
            _("Restart the computer."),
            _("If they keep crashing, contact support."),
        ]
        if n >= int(thresholds["fail_count"]):
            return Outcome.fail(
                _("Programs crashed {n} times in the last {days} days, most often {programs}.").format(
                    n=n, days=days, programs=join_names(dict.fromkeys(plainwords.program_name(n) for n in top))
                ),
                advice=advice,
                evidence=evidence,
            )
        if n >= int(thresholds["warn_count"]):
            return Outcome.warn(
                _("Programs crashed {n} times in the last {days} days, most often {programs}.").format(
                    n=n, days=days, programs=join_names(dict.fromkeys(plainwords.program_name(n) for n in top))
                ),
                advice=advice,
                evidence=evidence,
            )
        if n:
            return Outcome.ok(
                ngettext(
                    "Only {n} program crash in the last {days} days: nothing worrying.",
                    "Only {n} program crashes in the last {days} days: nothing worrying.",
                    n,
                ).format(n=n, days=days),
                evidence=evidence,
            )
        return Outcome.ok(_("No crash in the last {days} days.").format(days=days), evidence=evidence)
