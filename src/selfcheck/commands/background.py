"""``selfcheck background on|off|run-once|status``: opt-in scans on a schedule."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from typing import Any

from selfcheck.i18n import _
from selfcheck.inert import inert
from selfcheck.invocation import command

log = logging.getLogger("selfcheck.background")


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("background", parents=[common], help=_("turn light scans on a schedule on or off"))
    p.add_argument("action", choices=["on", "off", "run-once", "status"], help=_("on, off, run-once or status"))
    # what the schedule adds in portable use (selfcheck.history.background.command_line): the folder SELFCHECK_HOME named
    p.add_argument("--home", metavar="FOLDER", help=argparse.SUPPRESS)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from selfcheck import app as app_mod
    from selfcheck.history import background

    if args.home:  # before anything reads a folder of selfcheck's
        os.environ["SELFCHECK_HOME"] = args.home
    app = app_mod.start(args.config, args.lang)
    hours = float(app.config.get("background.interval_hours", 6))
    if args.action == "on":
        try:
            where = background.install(hours, config=app.config)
        except background.ScheduleError as exc:
            log.warning("light scans not scheduled: %s", exc)
            print(_("Light scans could not be turned on: this computer did not accept the schedule. Nothing was changed."), file=sys.stderr)
            return 1
        print(_("Light scans will run every {hours} hours. Turn them off with “{command} background off”.").format(hours=f"{hours:g}", command=command()))
        if where:
            print(_("Schedule written to {path}").format(path=where))
    elif args.action == "off":
        try:
            background.uninstall()
        except background.UnscheduleError as exc:
            log.warning("light scans not taken off the schedule: %s", exc)
            print(_("Light scans could not be turned off: this computer did not accept the change. They are still on."), file=sys.stderr)
            if exc.kept:
                print(_("The schedule stays in {path}").format(path=exc.kept), file=sys.stderr)
            return 1
        print(_("Scheduled scans are off."))
    elif args.action == "run-once":
        shown = background.run_once(app)
        for note in shown:
            print(inert(f"{note.title}: {note.body}"))  # the problems' summaries: a check's words
    else:
        from selfcheck.history import History

        with History() as db:
            last = db.scans(limit=1)
        from selfcheck.wording import local_date_time

        # as people write a moment, in this computer's time: "December 7, 2026 at 09:24" / « 7 décembre 2026 à 9 h 24 »
        when = inert(local_date_time(last[0].started_at), keep_lines=False) if last else _("never")
        print(_("Last scan: {when}").format(when=when))
    return 0
