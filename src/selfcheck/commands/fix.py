"""``selfcheck fix ID [--yes]``: describe a repair, ask, do it, check again.

Exit codes: 0 repaired (the checks now pass), 1 done but the problem is still
there, 2 the repair did not work, 3 not possible here (unknown, not allowed by
the company, not on this computer), 4 declined (by the person, or at the
administrator prompt). ``selfcheck fix`` alone lists the repairs offered here.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from selfcheck.i18n import _
from selfcheck.invocation import command

EXIT_NOT_POSSIBLE, EXIT_DECLINED = 3, 4


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("fix", parents=[common], help=_("repair a problem (asks first), then check again"))
    p.add_argument("repair", nargs="?", metavar="ID", help=_("the repair to do; without it, the list of repairs"))
    p.add_argument("--yes", action="store_true", help=_("do not ask: the repair is agreed to"))
    p.set_defaults(func=run)


def _describe(repair: Any, preview: list[str]) -> str:
    d = repair.describe()
    lines = [d["title"], "", d["changes"], *preview, ""]
    lines.append(_("Administrator rights: {answer}").format(answer=_("needed (your computer will ask for them)") if d["admin"] else _("not needed")))
    lines.append(_("Time: {duration}").format(duration=d["duration"]))
    lines.append(d["undo"])  # a whole sentence: "Once it is done, it cannot be undone." / "Nothing to undo: …"
    return "\n".join(lines)


def _list(app: Any) -> int:
    from selfcheck.repairs import REPAIRS, policy
    from selfcheck.repairs.model import Env

    shown = 0
    for rid, repair in REPAIRS.items():
        if policy.offerable(app.config, rid):
            action = repair.action()
            notes = [_("(administrator rights)")] if repair.needs_admin() else []
            if action is not None and action.unavailable(Env()):
                notes.append(_("(not possible on this computer)"))
            print(f"{rid:<28} {repair.describe()['title']}" + "".join("  " + n for n in notes))
            shown += 1
    if not shown:
        print(_("No repair is offered on this computer."))
    return 0


def run(args: argparse.Namespace) -> int:
    from selfcheck import app as app_mod
    from selfcheck.repairs import REPAIRS, run

    app = app_mod.start(args.config, args.lang)
    if not args.repair:
        return _list(app)
    repair = REPAIRS.get(args.repair)
    if repair is None:
        print(_("Unknown repair “{name}”. “{command} fix” lists the repairs.").format(name=args.repair, command=command()), file=sys.stderr)
        return EXIT_NOT_POSSIBLE
    reason = run.not_possible_reason(app, repair, run.Env().platform)
    if reason:
        print(reason, file=sys.stderr)
        _print_manual(repair.describe()["manual"], sys.stderr)
        report = run.perform(app, repair.id)  # records "not possible" for support, changes nothing
        return report.exit_code
    print(_describe(repair, run.preview(app, repair.id)))
    print()
    if not args.yes:
        if not sys.stdin.isatty():
            print(_("Nothing was changed. Add --yes to agree without being asked."), file=sys.stderr)
            return EXIT_DECLINED
        answer = input(_("Do it now? [y/N] ")).strip().lower()
        if answer not in ("y", "yes", "o", "oui"):
            print(_("Nothing was changed."))
            return EXIT_DECLINED
    report = run.perform(app, repair.id, progress=lambda text: print(text, file=sys.stderr, flush=True))
    print(report.message)
    if report.outcome in (run.FAILED, run.DECLINED, run.NOT_POSSIBLE, run.NOT_FIXED):
        _print_manual(report.manual, sys.stdout)
    return report.exit_code


def _print_manual(steps: list[str], stream: Any) -> None:
    if steps:
        print(_("You can also do it yourself:"), file=stream)
        for step in steps:
            print(f"  - {step}", file=stream)
