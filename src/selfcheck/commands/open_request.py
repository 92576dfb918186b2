"""``selfcheck open-request LINK``: answer support's request link in the window (what a click on the link runs).

``selfcheck selfcheck://request/CODE`` (how desktops and Windows pass a link on) is the same command.
Without the window, it says what support asks and how to answer from a terminal.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from selfcheck.i18n import _
from selfcheck.invocation import command

EXIT_FAILED = 1


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("open-request", parents=[common], help=_("answer a support request link in the window"))
    p.add_argument("link", metavar="LINK", help=_("the link support sent you (or its code)"))
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from selfcheck.cli import _gui_available

    if _gui_available():
        from selfcheck.gui import application

        return application.run(args.config, args.lang, request_link=args.link)
    from selfcheck import app as app_mod
    from selfcheck.upload.request import BadRequest, parse_link

    app = app_mod.start(args.config, args.lang)
    try:
        code = parse_link(args.link, app.config)
    except BadRequest as exc:
        print(exc.message, file=sys.stderr)
        return EXIT_FAILED
    print(
        _("The window cannot open here. To answer support's request from a terminal, run: {command} send --request {code}").format(command=command(), code=code)
    )
    return 0
