"""``selfcheck scan``: run the checks and print the verdict (or JSON)."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from selfcheck.api import CATEGORIES
from selfcheck.i18n import _
from selfcheck.invocation import command

EXIT_UNKNOWN = 3


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("scan", parents=[common], help=_("check this computer and print what is wrong"))
    p.add_argument("--json", action="store_true", help=_("print the results as JSON (see docs/scan-json.md)"))
    p.add_argument("--check", action="append", default=[], metavar="ID", help=_("only this check (can be repeated; * allowed)"))
    p.add_argument("--category", action="append", default=[], choices=CATEGORIES, metavar="C", help=_("only this category (can be repeated)"))
    p.add_argument("--symptom", metavar="S", help=_("only the checks for this problem: internet, slow-computer, app, calls, printing, everything"))
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from selfcheck.cli import own_stdout

    with own_stdout(args.json) as out:  # what a company check prints must not end up inside the JSON
        return _run(args, out)


def _say_load_problems(app: Any, patterns: list[str]) -> None:
    """An admin trying a check of theirs by id (``--check app.clearline-mail``) whose file could not be loaded: which
    file, and why (the line when it is known), on standard error; not a silent "no check matches". When every pattern
    matches checks that loaded (``--check 'app.clearline*'``), the files that could not be loaded and write a check id
    a pattern matches are said all the same: the scan leaves them out."""
    import fnmatch

    from selfcheck.inert import inert

    def asked(check_id: str) -> bool:
        return any(fnmatch.fnmatchcase(check_id, p) for p in patterns)

    unmatched = [p for p in patterns if not any(fnmatch.fnmatchcase(c.id, p) for c in app.registry)]
    if unmatched:
        problems = list(app.registry.problems)
    else:
        problems = [problem for problem in app.registry.problems if any(asked(i) for i in problem.check_ids)]
    if not problems:
        return
    print(_("Some check files could not be loaded; what you asked for may be in one of them:"), file=sys.stderr)
    for problem in problems:
        print("  " + inert(_("Could not load: {source}: {message}").format(source=problem.source, message=problem.message)), file=sys.stderr)


def _run(args: argparse.Namespace, out: Any) -> int:
    from selfcheck import app as app_mod
    from selfcheck import textreport
    from selfcheck.runner import select
    from selfcheck.scan import run_scan

    app = app_mod.start(args.config, args.lang)
    try:
        selection = select(app.registry, app.config, check_ids=args.check, categories=args.category, symptom=args.symptom)
    except KeyError:
        names = ", ".join(["everything", *app.config.section("symptoms")])
        print(_("Unknown problem type “{name}”. Choose one of: {names}.").format(name=args.symptom, names=names), file=sys.stderr)
        return EXIT_UNKNOWN
    if not selection and (args.check or not app.registry.problems):
        print(_("No check matches what you asked for. “{command} list” shows the checks.").format(command=command()), file=sys.stderr)
        _say_load_problems(app, args.check)
        return EXIT_UNKNOWN
    _say_load_problems(app, args.check)
    # asking for given checks by id leaves out the others' load problems
    with_load_problems = not args.check
    total = len(selection) + (len(app.registry.problems) if with_load_problems else 0)
    progress = textreport.Progress(total, enabled=not args.json and sys.stderr.isatty())

    def on_event(event: str, check_id: str, payload: Any) -> None:
        progress.event(event, check_id, payload)
        if event == "scanned":  # before the after-scan hooks: the user reads the verdict while the history records it
            progress.close()
            if args.json:
                print(textreport.json_for(out, payload.to_dict()), file=out)
            else:
                textreport.print_scan(payload, app.config, color=textreport.use_color(out), stream=out)
            out.flush()

    try:
        scan = run_scan(app, selection, on_event, symptom=args.symptom, include_load_problems=with_load_problems)
    finally:
        progress.close()
    return scan.exit_code()
