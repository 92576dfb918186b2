"""devices.printer: can this computer print? The print service, the printer, its paper and toner, stuck documents.

Linux and macOS: CUPS over IPP, and each network printer asked directly
(selfcheck.devices.printing). Windows: Win32_Printer, Win32_PrintJob and the
Print Spooler service in one PowerShell JSON call.
"""

from __future__ import annotations

import json
from typing import Any

from selfcheck.api import Check, Context, Facts, Fix, Outcome, Thresholds
from selfcheck.i18n import N_, _, ngettext

NO_ANSWER = ("refused", "timeout", "unreachable", "not_found")
CONSUMABLE_TYPES = ("toner", "ink", "inkCartridge", "tonerCartridge", "inkRibbon", "ribbonWax")


def _base(reason: str) -> str:
    for suffix in ("-report", "-warning", "-error"):
        if reason.endswith(suffix):
            return reason[: -len(suffix)]
    return reason


class PrinterCheck(Check):
    id = "devices.printer"
    category = "devices"
    title = N_("Printer")
    timeout = 8.0
    priority = 60

    def collect(self, ctx: Context) -> Facts:
        from selfcheck.devices import printing

        t = ctx.thresholds
        now = ctx.now().timestamp()
        if ctx.platform == "windows":
            out = ctx.run(["powershell", "-NoProfile", "-NonInteractive", "-Command", printing.WINDOWS_SCRIPT], timeout=float(t["timeout_seconds"]) + 4)
            try:
                return printing.parse_windows(json.loads(out.stdout or "{}"), now)
            except ValueError:
                return {"source": "wmi", "service": "no_answer", "error": "bad_output"}
        return printing.collect_cups(
            now,
            timeout=float(t["timeout_seconds"]),
            direct_timeout=float(t["printer_timeout_seconds"]),
            max_direct=int(t["max_printers_asked"]),
        )

    def evaluate(self, facts: Facts, thresholds: Thresholds) -> Outcome:
        stuck_after = float(thresholds["warn_job_minutes"])
        low_supply = float(thresholds["warn_supply_percent"])
        evidence: dict[str, Any] = {k: facts[k] for k in ("service", "default", "printers", "jobs", "error") if k in facts}
        if facts.get("service") != "running":
            return Outcome.fail(
                _("The printing service of this computer is not running."),
                advice=[_("Restart the computer, then try to print again."), _("If it happens again, contact support.")],
                evidence=evidence,
            )
        printers: list[dict[str, Any]] = list(facts.get("printers") or [])
        if not printers:
            return Outcome.fail(
                _("No printer is set up on this computer."),
                advice=[
                    _("Switch the printer on, then add it in the computer's printer settings."),
                    _("If the printer is shared at work, ask your IT desk how to add it."),
                ],
                evidence=evidence,
            )
        now = float(facts.get("now") or 0)
        stuck = [
            j
            for j in facts.get("jobs") or []
            if j.get("state") in ("pending", "processing", "stopped")
            and isinstance(j.get("created"), int | float)
            and now - float(j["created"]) >= stuck_after * 60
        ]
        fix = None
        if stuck:
            count = len(stuck)
            one = count == 1  # (not ngettext: the one-document sentences have no number to show)
            fix = Fix(
                "cancel_print_jobs",
                _("Cancel the waiting document") if one else _("Cancel the {n} waiting documents").format(n=count),
                arg=",".join(str(int(j["id"])) for j in stuck if isinstance(j.get("id"), int)),
                confirm=_("Cancel the document waiting to print? It will not be printed; you can print it again afterwards.")
                if one
                else _("Cancel the {n} documents waiting to print? They will not be printed; you can print them again afterwards.").format(n=count),
            )
            evidence["stuck_jobs"] = [j.get("id") for j in stuck]
        default = facts.get("default")
        chosen = [p for p in printers if p.get("name") == default] or (printers if len(printers) == 1 else [])
        for printer in chosen or printers:
            outcome = self._printer_problem(printer, low_supply, stuck, fix, evidence)
            if outcome is not None:
                return outcome
        if stuck:
            oldest = max(now - float(j["created"]) for j in stuck) / 60
            return Outcome.warn(
                (
                    _("A document has been waiting to print for {age}.")
                    if len(stuck) == 1
                    else _("{n} documents have been waiting to print, the oldest for {age}.")
                ).format(n=len(stuck), age=_age(oldest)),
                advice=[_("Cancel the waiting documents, then print again."), _("If it happens again, switch the printer off and on.")],
                evidence=evidence,
                fix=fix,
            )
        if not chosen:
            return Outcome.warn(
                _("No printer is chosen as the one to use first."),
                advice=[_("In the computer's printer settings, choose the printer you use most and make it the default.")],
                evidence=evidence,
            )
        return Outcome.ok(_("The printer “{name}” is ready.").format(name=chosen[0].get("name")), evidence=evidence)

    @staticmethod
    def _printer_problem(printer: dict[str, Any], low_supply: float, stuck: list[Any], fix: Fix | None, evidence: dict[str, Any]) -> Outcome | None:
        name = str(printer.get("name") or "")
        direct = printer.get("direct") or {}
        reasons = {_base(r) for r in [*(printer.get("reasons") or []), *(direct.get("reasons") or [])]}
        waiting = [_("Then cancel the waiting documents and print them again.")] if stuck else []
        if direct.get("status") in NO_ANSWER or "offline" in reasons:
            return Outcome.fail(
                _("The printer “{name}” does not answer: it may be switched off or disconnected.").format(name=name),
                advice=[
                    _("Check that the printer is switched on and shows no error on its screen."),
                    _("Check that it is connected: the same Wi-Fi or network as this computer, or its cable."),
                    *waiting,
                ],
                evidence=evidence,
                fix=fix,
            )
        if "media-jam" in reasons:
            return Outcome.fail(
                _("Paper is stuck in the printer “{name}”.").format(name=name),
                advice=[_("Open the printer as its screen or manual shows, gently pull out the stuck paper, and close it again."), *waiting],
                evidence=evidence,
                fix=fix,
                urgency="easy",  # simple and harmless: a red cross read as an emergency (lay readers, round 2)
            )
        if reasons & {"media-empty", "media-needed"}:
            return Outcome.fail(
                _("The printer named “{name}” is out of paper.").format(name=name),
                advice=[_("Put paper in the printer, where the blank sheets go (often a drawer at the front or a slot at the back)."), *waiting],
                evidence=evidence,
                fix=fix,
                urgency="easy",  # simple and harmless: a red cross read as an emergency (lay readers, round 2)
            )
        if reasons & {"door-open", "cover-open"}:
            return Outcome.fail(
                _("A door or cover of the printer “{name}” is open.").format(name=name),
                advice=[_("Close every door and cover of the printer."), *waiting],
                evidence=evidence,
                fix=fix,
                urgency="easy",  # simple and harmless: a red cross read as an emergency (lay readers, round 2)
            )
        supplies = [
            s
            for s in direct.get("supplies") or printer.get("supplies") or []
            if s.get("class", "supplyThatIsConsumed") == "supplyThatIsConsumed" or s.get("type") in CONSUMABLE_TYPES
        ]
        levels = [_percent(s) for s in supplies]
        known = [lv for lv in levels if lv is not None]
        if reasons & {"toner-empty", "marker-supply-empty"} or (known and min(known) <= 0):
            return Outcome.fail(
                _("The printer “{name}” is out of ink or toner.").format(name=name),
                advice=[_("Replace the empty ink cartridge or toner, as the printer's screen or manual shows."), *waiting],
                evidence=evidence,
                fix=fix,
                urgency="easy",  # simple and harmless: a red cross read as an emergency (lay readers, round 2)
            )
        if printer.get("state") == "stopped":
            return Outcome.fail(
                _("Printing is paused on the printer “{name}”.").format(name=name),
                advice=[_("Open the list of documents waiting for this printer and resume printing."), _("If you cannot, contact support.")],
                evidence=evidence,
                fix=fix,
                urgency="easy",  # simple and harmless: a red cross read as an emergency (lay readers, round 2)
            )
        if not printer.get("accepting", True) or direct.get("accepting") is False:
            return Outcome.fail(
                _("The printer “{name}” does not take new documents.").format(name=name),
                advice=[_("Contact support: the printer has been set to refuse documents on this computer.")],
                evidence=evidence,
                fix=fix,
            )
        if reasons & {"toner-low", "marker-supply-low"} or (known and min(known) <= low_supply):
            lowest = min(known) if known else None
            return Outcome.warn(
                (
                    _("The printer “{name}” is low on ink or toner ({percent}% left).")
                    if lowest is not None
                    else _("The printer “{name}” is low on ink or toner.")
                ).format(name=name, percent=lowest),
                advice=[_("Get a new ink cartridge or toner soon.")],
                evidence=evidence,
                fix=fix,
            )
        if "media-low" in reasons:
            return Outcome.warn(
                _("The printer named “{name}” is almost out of paper.").format(name=name),
                advice=[_("Put paper in the printer, where the blank sheets go (often a drawer at the front or a slot at the back).")],
                evidence=evidence,
                fix=fix,
            )
        return None


def _percent(supply: dict[str, Any]) -> int | None:
    level, top = supply.get("level"), supply.get("maxcapacity")
    if not isinstance(level, int) or level < 0:  # -2 unknown, -3 "some left"
        return None
    if isinstance(top, int) and top > 0:
        return round(100 * level / top)
    return None


def _age(minutes: float) -> str:
    if minutes < 120:
        n = int(minutes)
        return ngettext("{n} minute", "{n} minutes", n).format(n=n)
    hours = int(minutes // 60)
    if hours < 48:
        return ngettext("{n} hour", "{n} hours", hours).format(n=hours)
    days = hours // 24
    return ngettext("{n} day", "{n} days", days).format(n=days)
