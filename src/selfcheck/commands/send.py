"""``selfcheck send [FILE]``: send a diagnostic bundle to support and print the reference."""

from __future__ import annotations

import argparse
import sys
import threading
from pathlib import Path
from typing import Any

from selfcheck.i18n import _
from selfcheck.inert import inert
from selfcheck.invocation import command

EXIT_QUEUED = 4
EXIT_FAILED = 1


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("send", parents=[common], help=_("send a diagnostic bundle to support"))
    p.add_argument("file", nargs="?", metavar="FILE", help=_("the bundle to send (by default a new one is made)"))
    p.add_argument("--email", metavar="ADDR", help=_("your e-mail address, so support can answer you"))
    p.add_argument("--name", metavar="NAME", help=_("your name"))
    p.add_argument("--description", metavar="TEXT", help=_("what is wrong, in your own words"))
    p.add_argument("--ticket", metavar="ID", help=_("add the bundle to this existing ticket"))
    p.add_argument("--request", metavar="CODE", help=_("answer support's request: the code or link support sent you"))
    p.set_defaults(func=run)


class _Bar:
    """A one-line progress display on stderr when it is a terminal."""

    def __init__(self) -> None:
        self.enabled = sys.stderr.isatty()
        self.last = -1

    def __call__(self, fraction: float) -> None:
        if not self.enabled:
            return
        percent = int(fraction * 100)
        if percent != self.last:
            self.last = percent
            print("\r" + _("Sending… {percent}%").format(percent=percent), end="", file=sys.stderr, flush=True)

    def done(self) -> None:
        if self.enabled and self.last >= 0:
            print(file=sys.stderr)


def _make_bundle(app: Any, description: str | None) -> Path:
    """Scan (or reuse a scan of the last minutes) and write a fresh bundle, as ``selfcheck bundle`` does."""
    from selfcheck import bundle, textreport
    from selfcheck.bundle import cache
    from selfcheck.runner import select
    from selfcheck.scan import run_scan

    reuse = float(app.config.get("bundle.reuse_scan_minutes", 5) or 0)
    selection = select(app.registry, app.config)
    scan = cache.recent_scan(reuse, None, wanted=[c.id for c in selection])
    if scan is not None:  # said as `selfcheck bundle` says it: what is sent is what was found then, not now
        from selfcheck.wording import local_time

        print(_("Using the scan finished at {time}.").format(time=local_time(scan.finished_at)), file=sys.stderr)
    else:
        progress = textreport.Progress(len(selection), enabled=sys.stderr.isatty())
        try:
            scan = run_scan(app, selection, progress.event)  # recorded in the history and cached
        finally:
            progress.close()
    described = bundle.Description(problem=description) if description else None
    info = bundle.make_bundle(app, scan, description=described)
    print(_("What this program found is saved in a file.") + "\n" + _("The file: {path}").format(path=info.path), file=sys.stderr)
    return Path(info.path)


def waiting_text(outcome: Any, config: Any) -> str:
    """A message that waits (queued), said as the window's "Not sent yet" screen says it, in its words and order: what
    happened and that nothing is lost, when it goes (by itself at the next login where the at-login entry was written;
    else when the program is opened again: no window stays open to send it), its number; then how to send it now, and
    the exact reason last, for support (an admin's day one: the server's refusal came first, "bundle", and "the next
    time Clearline Check opens" where the at-login entry sends it by itself)."""
    lines = [_("Not sent yet")]
    if outcome.problem and not outcome.at_login:
        opened = _("Nothing is lost: your message waits on this computer and goes the next time you open {product} with the internet working.")
        lines.append(outcome.problem + " " + opened.format(product=config.product_name()))
    else:
        lines.append(outcome.customer)
    if outcome.problem and outcome.at_login:
        if outcome.reason == "wrong_address":  # it may never go by itself: tried again, not promised
            lines.append(_("It is tried again by itself the next time the computer is switched on, and a message on your screen tells you when it is sent."))
        else:
            lines.append(
                _(
                    "It goes by itself the next time the computer is switched on with the internet working, and a message on your screen tells you when it is sent."
                )
            )
    if outcome.reference:
        lines.append(_("This is your message number, to give when you call or write to support:") + " " + outcome.reference)
    if outcome.problem:
        lines.append(_("To send it now: “{command} outbox retry”.").format(command=command()))
    if outcome.message:
        lines.append(_("For support: {reason}").format(reason=outcome.message))
    return "\n".join(line for line in lines if line)


def say_outcome(outcome: Any, config: Any, stream: Any) -> None:
    """What came of sending one message, on ``stream``: a waiting one as :func:`waiting_text` says it; one that failed in
    the window's words first, the exact reason last, for support (it said "The bundle could not be sent." alone); the others
    in their own words (they may quote the server's answer: made inert)."""
    if outcome.status == "queued":
        text = waiting_text(outcome, config)
    elif outcome.status == "failed" and outcome.customer:
        text = outcome.customer + "\n" + _("For support: {reason}").format(reason=outcome.message)
    elif outcome.status == "saved" and outcome.path is not None:
        # the plain place first (no path in what the customer reads first), the exact file after it, to attach it
        text = outcome.message + "\n" + _("The file: {path}").format(path=outcome.path)
    else:
        text = outcome.message
    print(inert(text), file=stream)


def report_flushed(outcomes: list[Any]) -> None:
    for outcome in outcomes:
        if outcome.status == "sent":
            print(_("A message that was waiting on this computer has been sent: {message}").format(message=inert(outcome.message)))


def run(args: argparse.Namespace) -> int:
    from selfcheck import app as app_mod
    from selfcheck.upload import flush_outbox, send_bundle

    app = app_mod.start(args.config, args.lang)
    if args.ticket is not None and not getattr(args, "request", None):
        from selfcheck.upload.request import ticket_number

        if ticket_number(args.ticket) is None:  # the relay refuses it: said before a scan and a bundle are made for nothing
            print(_("The ticket must be a ticket number, only digits, such as 1234: “{ticket}” is not one.").format(ticket=inert(args.ticket)), file=sys.stderr)
            return EXIT_FAILED
    if not (args.email or "").strip():
        from selfcheck.upload import email_needed

        if email_needed(app.config):  # refused after the scan and the upload otherwise, and kept where it cannot be added
            print(
                _(
                    "Support can receive your message only with your e-mail address: add it with --email, for example “{command} send --email name@example.com”."
                ).format(command=command()),
                file=sys.stderr,
            )
            return EXIT_FAILED
    code = None
    if getattr(args, "request", None):
        from selfcheck.upload.request import BadRequest, look_up, parse_link

        try:
            asked = look_up(parse_link(args.request, app.config), app.config)
        except BadRequest as exc:
            print(exc.message, file=sys.stderr)
            return EXIT_FAILED
        code = asked.code
        from selfcheck.wording import company_name

        company = company_name(app.config)
        print(inert(asked.headline(company)))  # the relay's words: made inert before the terminal
        if asked.note:
            print(_("Message from support: {note}").format(note=inert(asked.note)))
        if not asked.reachable:
            print(_("The support service cannot be reached right now; the diagnostic will wait on this computer and leave with the request when it can."))
    report_flushed(flush_outbox(app.config))
    if args.file:
        path = Path(args.file)
        if not path.is_file():
            print(_("There is no file {path}.").format(path=path), file=sys.stderr)
            return EXIT_FAILED
    else:
        from selfcheck.bundle import BundleWriteError

        try:
            path = _make_bundle(app, args.description)
        except BundleWriteError as exc:
            print(str(exc), file=sys.stderr)
            return EXIT_FAILED
    bar = _Bar()
    cancel = threading.Event()
    try:
        outcome = send_bundle(
            path,
            app.config,
            email=args.email,
            name=args.name,
            description=args.description,
            ticket=None if code else args.ticket,
            request=code,
            progress=bar,
            cancel=cancel,
        )
    except KeyboardInterrupt:
        cancel.set()
        raise
    finally:
        bar.done()
    say_outcome(outcome, app.config, sys.stdout if outcome.status in ("sent", "saved", "queued") else sys.stderr)
    return {"sent": 0, "saved": 0, "queued": EXIT_QUEUED}.get(outcome.status, EXIT_FAILED)
