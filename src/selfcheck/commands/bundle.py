"""``selfcheck bundle``: scan (or reuse a fresh scan), make a diagnostic bundle, print where it is."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any

from selfcheck.i18n import _
from selfcheck.symptoms import WHERE_QUESTION, WHERE_VALUES
from selfcheck.wording import local_time, number, size, support_name

EXIT_UNKNOWN = 3


def output_folder(given: str) -> Path | None:
    """Where ``-o`` puts the bundle, as cp and tar read a target: a name ending with a path separator, or a folder that is
    there, is a folder (made when missing) that gets the proposed name (bundle.file_name); a name ending with .zip is the
    file itself (None). Raises ValueError for a new name without .zip: a file the customer's mail program and support
    would not open, or a folder mistyped; the docs promise a FILE (.zip) or a folder, so neither is guessed."""
    separators = tuple(sep for sep in (os.sep, os.altsep, "/") if sep)
    if given.endswith(separators) or Path(given).is_dir():
        return Path(given)
    if Path(given).suffix.casefold() == ".zip":
        return None
    raise ValueError(given)


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("bundle", parents=[common], help=_("make a diagnostic bundle for the support team"))
    p.add_argument("-o", "--output", metavar="FILE", help=_("where to save the bundle (a file or a folder)"))
    p.add_argument("--description", metavar="TEXT", help=_("what the problem is, in your own words"))
    p.add_argument("--since", metavar="TEXT", help=_("since when the problem happens"))
    p.add_argument("--changed", metavar="TEXT", help=_("what changed recently on this computer"))
    p.add_argument("--site", metavar="ADDRESS", help=_("the website that does not open (its address), tried again for the support team"))
    p.add_argument(
        "--where",
        choices=WHERE_VALUES,
        help=_("where you are: home, work (or school), public (a hotel, a café, other public Wi-Fi) or other; for an internet problem"),
    )
    p.add_argument("--symptom", metavar="S", help=_("the kind of problem: internet, slow-computer, app, calls, printing, everything"))
    p.add_argument("--no-logs", action="store_true", help=_("leave the log files out"))
    p.add_argument("--rescan", action="store_true", help=_("always scan again, even when a recent scan exists"))
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from selfcheck import app as app_mod
    from selfcheck import bundle, textreport
    from selfcheck.bundle import cache
    from selfcheck.bundle.redact import KINDS
    from selfcheck.runner import select
    from selfcheck.scan import run_scan

    app = app_mod.start(args.config, args.lang)
    folder = None
    if args.output:
        try:  # before the scan: a target refused after a minute's wait is a minute lost
            folder = output_folder(args.output)
        except ValueError:
            print(
                _(
                    "Nothing was saved: “{name}” is not a folder and does not end with .zip. Give a file name ending with .zip, or a folder ending with {sep}."
                ).format(name=args.output, sep=os.sep),
                file=sys.stderr,
            )
            return EXIT_UNKNOWN
    symptom = args.symptom if args.symptom != "everything" else None
    if symptom and symptom not in app.config.section("symptoms"):
        names = ", ".join(["everything", *app.config.section("symptoms")])
        print(_("Unknown problem type “{name}”. Choose one of: {names}.").format(name=args.symptom, names=names), file=sys.stderr)
        return EXIT_UNKNOWN
    where = where_answer(app.config, symptom, args.where) if args.where else []
    site = site_answer(app.config, symptom, args.site) if args.site else []
    # An answer the describe step would not ask for this kind of problem is left out, and said so, before the scan
    # (without --symptom, every kind of problem's questions were searched: none asks it in this configuration)
    if args.where and not where:
        if symptom:
            print(_("“--where” is left out: the questions for this kind of problem do not ask where you are."), file=sys.stderr)
        else:
            print(_("“--where” is left out: no question in this configuration asks where you are."), file=sys.stderr)
    if args.site and args.site.strip() and not site:
        if symptom:
            print(_("“--site” is left out: the questions for this kind of problem do not ask which website does not open."), file=sys.stderr)
        else:
            print(_("“--site” is left out: no question in this configuration asks which website does not open."), file=sys.stderr)
    reuse = float(app.config.get("bundle.reuse_scan_minutes", 5) or 0)
    selection = select(app.registry, app.config, symptom=symptom)
    scan = None if args.rescan else cache.recent_scan(reuse, symptom, wanted=[c.id for c in selection])
    if scan is not None:
        # the customer's clock as they write it: « terminée à 15 h 54 » in French, not « à 15:54 »
        print(_("Using the scan finished at {time}.").format(time=local_time(scan.finished_at)), file=sys.stderr)
    else:
        progress = textreport.Progress(len(selection), enabled=sys.stderr.isatty())
        try:
            scan = run_scan(app, selection, progress.event, symptom=symptom)  # recorded in the history and cached
        finally:
            progress.close()
    description = None
    if args.description or args.since or args.changed or symptom or args.site or args.where:
        description = bundle.Description(problem=args.description or "", since=args.since or "", changed=args.changed or "", symptom=symptom)
        # as the describe step records them: the questions and choice in the config's words
        description.answers += where + site
    try:
        plan = bundle.plan_bundle(app, scan, description=description, include_logs=not args.no_logs)
        info = bundle.write_bundle(plan, folder / bundle.default_name(plan) if folder is not None else args.output)
    except bundle.BundleWriteError as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_UNKNOWN
    # the window's words for the same file ("Saved"), not support's "bundle" (an admin's day one: "Diagnostic bundle saved");
    # what happened first, in plain words, then the file on a line of its own, as `selfcheck send` and the Saved screen say it
    who = support_name(app.config, mid_sentence=True)
    if description is not None and description.problem:
        print(_("Your message and what this program found are saved in a file. Give it to {who} when they ask for it.").format(who=who))
    else:
        print(_("What this program found is saved in a file. Give it to {who} when they ask for it.").format(who=who))
    print(_("The file: {path}").format(path=info.path))
    print(_("Reference to quote to support: {reference}").format(reference=info.reference))
    totals: dict[str, int] = {}
    for item in plan.redaction:
        totals[item["kind"]] = totals.get(item["kind"], 0) + int(item["count"])
    if totals:
        print(_("Removed to protect your privacy:"))
        for kind, count in sorted(totals.items()):
            # one sentence to translate, as selfcheck show says it (the French « : », not ":" glued in code)
            print("  " + _("{label}: {value}").format(label=_(KINDS.get(kind, kind)), value=number(count, 0)))
    else:
        print(_("Nothing personal needed to be removed."))
    skipped = plan.manifest.get("skipped") or []
    if skipped:
        print(_("Left out ({count}): the report inside the file lists them.").format(count=len(skipped)))
    # the file's size is support's (a byte count is not for the customer): last, after "For support:", as send's reason
    print(_("For support: the file is {size}.").format(size=size(info.size)))
    return 0


def where_answer(config: Any, symptom: str | None, value: str) -> list[dict[str, str]]:
    """The describe step's "Where are you?" answered with ``value``, as the window records it; nothing when the
    symptom's questions (the config's) do not ask it or have no such choice. Without ``--symptom``, the question of the
    symptom that asks it (as ``--site``): the person answered it, so it is not dropped."""
    from selfcheck import symptoms

    for name in [symptom] if symptom else list(config.section("symptoms")):
        for question in symptoms.questions(config, name):
            if question.id == WHERE_QUESTION and value in question.values:
                return [question.answer(question.values.index(value))]
    return []


def site_answer(config: Any, symptom: str | None, address: str) -> list[dict[str, str]]:
    """The describe step's "Which website does not open?" answered with ``address``, as the window records it: the
    question in the config's words and language (``[[symptoms.internet.questions]]`` id ``site``), the chosen
    symptom's first, else the one of the symptom that asks it (``--site`` is taken without ``--symptom`` too); nothing
    when the config asks it nowhere, as the window would not."""
    from selfcheck import namedsite, symptoms

    names = [symptom] if symptom else []
    names += [name for name in config.section("symptoms") if name != symptom]
    for name in names:
        for question in symptoms.questions(config, name):
            if question.id == namedsite.QUESTION_ID and address.strip():
                return [{"id": question.id, "question": question.text, "answer": address.strip()}]
    return []
