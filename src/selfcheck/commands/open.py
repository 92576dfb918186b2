"""``selfcheck open FILE``: show a received diagnostic bundle in the window, read-only."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from selfcheck.i18n import _

EXIT_UNKNOWN = 3


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("open", parents=[common], help=_("show a received diagnostic bundle in the window (read only)"))
    p.add_argument("file", metavar="FILE", help=_("the diagnostic bundle (or a scan saved with “scan --json”)"))
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if not Path(args.file).is_file():
        print(_("There is no file “{path}”.").format(path=args.file), file=sys.stderr)
        return EXIT_UNKNOWN
    try:
        from selfcheck.gui import application
    except ImportError:
        print(_("The window is not installed. Install selfcheck with its “gui” extra."), file=sys.stderr)
        return EXIT_UNKNOWN
    return application.run(args.config, args.lang, args.file)
