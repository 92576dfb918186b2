"""``selfcheck list``: the checks this installation knows."""

from __future__ import annotations

import argparse
from typing import Any

from selfcheck.i18n import _
from selfcheck.inert import inert


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("list", parents=[common], help=_("list the available checks"))
    p.add_argument("--json", action="store_true", help=_("machine-readable output"))
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from selfcheck.cli import own_stdout

    with own_stdout(args.json) as out:  # what a company plugin prints when it loads must not end up inside the JSON
        return _run(args, out)


def _run(args: argparse.Namespace, out: Any) -> int:
    from selfcheck import app as app_mod
    from selfcheck.api import CATEGORY_TITLES, current_platform

    app = app_mod.start(args.config, args.lang)
    checks = sorted(app.registry, key=lambda c: (c.category, c.id))
    if args.json:
        data = {
            "checks": [c.describe() for c in checks],
            "load_problems": [p.to_dict() for p in app.registry.problems],
            "config_problems": [p.to_dict() for p in app.config.problems],
        }
        from selfcheck import textreport

        print(textreport.json_for(out, data), file=out)
        return 0
    here = current_platform()
    category = None
    for cls in checks:
        if cls.category != category:
            category = cls.category
            print(f"\n{_(CATEGORY_TITLES.get(category, category))}")
        note = "" if here in cls.platforms else "  " + _("(not on this system)")
        print(f"  {cls.id:<28} {inert(cls.translated_title(), keep_lines=False)}{note}")  # a company check's words: inert
    for problem in app.registry.problems:
        print("\n" + inert(_("Could not load: {source}: {message}").format(source=problem.source, message=problem.message)))
    return 0
