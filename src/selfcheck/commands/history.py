"""``selfcheck history``: the scans kept on this computer."""

from __future__ import annotations

import argparse
from typing import Any

from selfcheck.i18n import _, current_language
from selfcheck.inert import inert
from selfcheck.invocation import command
from selfcheck.wording import held_together, local_date_time


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("history", parents=[common], help=_("list the earlier scans kept on this computer"))
    p.add_argument("--json", action="store_true", help=_("machine-readable output"))
    p.add_argument("--limit", type=int, default=30, metavar="N", help=_("show at most N scans (default 30)"))
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from selfcheck.cli import own_stdout

    with own_stdout(args.json) as out:  # what a company plugin prints when it loads must not end up inside the JSON
        return _run(args, out)


def _run(args: argparse.Namespace, out: Any) -> int:
    from selfcheck import app as app_mod
    from selfcheck import textreport
    from selfcheck.api import Status
    from selfcheck.history import History, trends
    from selfcheck.textreport import ICONS

    app_mod.start(args.config, args.lang)
    with History() as db:
        records = db.scans(limit=args.limit)
        if args.json:
            data = {"scans": [r.to_dict() for r in records], "trends": trends.summary(db), "repairs": db.repairs(limit=args.limit)}
            print(textreport.json_for(out, data), file=out)
            return 0
        tried = db.repairs(limit=10)
        if not records and not tried:
            print(_("No scan has been saved yet. Run “{command} scan” first.").format(command=command()))
            return 0
        # each scan's moment as people write it, in this computer's time ("December 7, 2026 at 09:24", not "2026-12-07 09:24"),
        # in a column as wide as the longest, so that the verdicts stay one under the other; --json keeps the ISO moment
        whens = [local_date_time(r.started_at) for r in records]
        width = max((len(when) for when in whens), default=0)
        for r, when in zip(records, whens, strict=True):
            status = Status(r.status)
            print(
                f"{r.id[:8]}  {when:<{width}}  {ICONS[status]} {status.label:<16} {inert(r.headline_in(current_language()), keep_lines=False)}"
            )  # a check's words
        if tried:
            from selfcheck.repairs import REPAIRS
            from selfcheck.repairs import run as repair_run

            words = {
                repair_run.FIXED: _("repaired"),
                repair_run.DONE: _("done"),
                repair_run.NOT_FIXED: _("done, problem still there"),
                repair_run.FAILED: _("did not work"),
                repair_run.DECLINED: _("declined"),
                repair_run.NOT_POSSIBLE: _("not possible"),
            }
            print(_("Repairs tried:"))
            for item in tried:
                when = inert(local_date_time(item.get("started_at")), keep_lines=False)  # a damaged record's as it is
                repair = REPAIRS.get(str(item.get("repair")))
                title = repair.describe()["title"] if repair else str(item.get("repair"))
                outcome = words.get(str(item.get("outcome")), str(item.get("outcome")))
                print(f"  {when}  " + _("{repair}: {outcome}").format(repair=title, outcome=outcome))
        forecasts = trends.disk_forecasts(db)
        for volume, days in forecasts.items():
            if days < 60:
                print(held_together(_("At this rate, {volume} will be full in about {days} days.").format(volume=volume, days=max(1, round(days)))))
    return 0
