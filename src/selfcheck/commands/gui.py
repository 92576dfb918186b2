"""``selfcheck gui``: open the window (also what ``selfcheck`` alone does on a desktop)."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from selfcheck.i18n import _
from selfcheck.invocation import command

EXIT_UNKNOWN = 3


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("gui", parents=[common], help=_("open the window"))
    p.set_defaults(func=run, open_file=None)


def run(args: argparse.Namespace) -> int:
    try:
        from selfcheck.gui import application
    except ImportError:
        print(_("The window is not installed. Install selfcheck with its “gui” extra, or use “{command} scan”.").format(command=command()), file=sys.stderr)
        return EXIT_UNKNOWN
    return application.run(args.config, args.lang, getattr(args, "open_file", None))
