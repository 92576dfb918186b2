"""``selfcheck outbox [list|retry|remove ID|send-waiting]``: the bundles waiting to be sent.

``send-waiting`` is what the at-login entry runs (:mod:`selfcheck.upload.atlogin`): it sends the waiting messages by
itself, with a desktop notification for each one sent, and removes the entry once none waits."""

from __future__ import annotations

import argparse
import logging
import os
import sys
import time
from pathlib import Path
from typing import Any

from selfcheck.i18n import _, ngettext
from selfcheck.inert import inert
from selfcheck.invocation import command

log = logging.getLogger("selfcheck.upload")


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("outbox", parents=[common], help=_("show, retry or remove the bundles waiting to be sent"))
    p.add_argument(
        "action", nargs="?", choices=["list", "retry", "remove", "send-waiting"], default="list", help=_("list (default), retry, remove or send-waiting")
    )
    p.add_argument("id", nargs="?", metavar="ID", help=_("a bundle id (or its start) or reference"))
    # what the at-login entry adds in portable use (selfcheck.history.background.command_line): the folder SELFCHECK_HOME named
    p.add_argument("--home", metavar="FOLDER", help=argparse.SUPPRESS)
    p.set_defaults(func=run)


def _waiting(timestamp: float) -> str:
    """A waiting message's state: its next try now, or when, as people write a date (not "2026-12-07 09:24")."""
    from selfcheck.wording import local_date_time

    if timestamp <= time.time():
        return _("waiting, next try now")
    return _("waiting, next try on {when}").format(when=local_date_time(timestamp))


def _print_sent(config: Any) -> None:
    """The last messages sent, with the helpdesk's ticket once the relay has it."""
    from selfcheck.upload import sent
    from selfcheck.wording import local_date_time

    records = sent.refresh(config)[-5:]
    if not records:
        return
    print(_("Sent recently:"))
    for item in records:
        when = local_date_time(item.sent_at)
        if item.ticket and item.ticket != item.reference:
            state = _("ticket {ticket}").format(ticket=item.ticket)
        elif item.ticket:
            state = _("received by support")
        else:
            state = _("received; the ticket number is not known yet")
        print(f"  {when}  {item.reference}  {state}")
    print()


def _send_waiting(config: Any, named: list[str]) -> int:
    """Send the waiting messages by itself (at login) and say so on the screen for each one sent; 0 when none waits
    any more, 4 when some still wait (tried again at the next login).

    ``named``: the files the entry was written with (``--config``: an admin's or a brand's support address). When one
    cannot be read now (moved, deleted, a network folder not there yet), nothing is sent (it would go wherever the usual
    files say) and the entry is left as it is, to send with them at the next login; the person reads that the message
    still waits and that opening the program sends it. 1 then."""
    from selfcheck.config import picture_path
    from selfcheck.history import background
    from selfcheck.upload import Outbox
    from selfcheck.upload.outbox import QUEUED
    from selfcheck.upload.send import send_waiting

    who = background.sender(config.product_name(), picture_path(config.get("branding.icon")))
    unread = [name for name in named if str(Path(name)) not in config.sources]
    if unread:
        log.warning("at-login sending: not sent, its configuration file cannot be read: %s", ", ".join(unread))
        title = _("Your message to support has not been sent yet.")
        body = _("It still waits on this computer. Open {product} to send it.").format(product=who.name)
        background.notify(background.Notification("unsent:config", title, body), who=who, hint="")
        print(f"{title} {body}", file=sys.stderr)
        return 1

    def tell(outcome: Any) -> None:
        body = _("Your message number: {number}.").format(number=outcome.reference)
        background.notify(background.Notification(f"sent:{outcome.bundle_id}", _("Your message to support has been sent."), body), who=who, hint="")
        print(inert(outcome.message))

    send_waiting(config, on_sent=tell)
    return 4 if any(e.status == QUEUED for e in Outbox().entries()) else 0


def run(args: argparse.Namespace) -> int:
    from selfcheck import app as app_mod
    from selfcheck import wording
    from selfcheck.upload import Outbox, flush_outbox
    from selfcheck.upload.destinations import AttemptError
    from selfcheck.upload.outbox import DAMAGED, FAILED, NO_BUNDLE, QUEUED, is_whole
    from selfcheck.upload.send import keep_at_login, problem_text

    if args.home:  # before anything reads a folder of selfcheck's
        os.environ["SELFCHECK_HOME"] = args.home
    app = app_mod.start(args.config, args.lang)
    if args.action == "send-waiting":
        return _send_waiting(app.config, list(args.config or []))
    outbox = Outbox()
    entry = None
    if args.id:
        entry = outbox.find(args.id)
        if entry is None:
            print(_("No message {id} in the outbox.").format(id=args.id), file=sys.stderr)
            return 1
    if args.action == "list":
        entries = [entry] if entry else list(outbox.entries())
        if not args.id:
            _print_sent(app.config)
        if not entries:
            print(_("The outbox is empty: every message has been sent."))
            return 0
        for e in entries:
            if e.status == QUEUED:
                state = _waiting(e.next_try)
            elif e.status == FAILED:
                state = _("refused, retry by hand")
            elif e.status == NO_BUNDLE:
                state = _("cannot be sent: the message itself is no longer on this computer; “{command} outbox remove {ref}” removes it from this list").format(
                    command=command(), ref=e.reference
                )
            elif e.status == DAMAGED and not is_whole(e):
                state = _("damaged, the message itself too: it cannot be sent; “{command} outbox remove {ref}” deletes it").format(
                    command=command(), ref=e.reference
                )
            elif e.status == DAMAGED:
                state = _(
                    "damaged: what this computer noted about it cannot be read, so it is not sent by itself; “{command} outbox retry {ref}” sends it, “{command} outbox remove {ref}” deletes it"
                ).format(command=command(), ref=e.reference)
            else:  # another version's state: left as it is, never sent by itself (docs/intake.md, "The client side")
                state = _("left as another version of {product} set it (“{status}”): not sent by itself; “{command} outbox retry {ref}” sends it").format(
                    product=app.config.product_name(), status=inert(e.status, keep_lines=False), command=command(), ref=e.reference
                )
            # the reference the customer was given first, its state in plain words; the id last (for support)
            print(f"{e.reference}  {state}  " + ngettext("{n} attempt", "{n} attempts", e.attempts).format(n=e.attempts) + f"  ({e.bundle_id})")
            # support's line under it: why the last try failed, then the file's size (a byte count is not the customer's,
            # and "too large for the support server" is read with it), as `selfcheck bundle` says it "For support:"
            details = []
            if e.last_error:
                kind, _space, rest = e.last_error.partition(" ")
                details.append(problem_text(AttemptError(kind, rest if kind == "wrong_address" else "")))  # names the host not found
            details.append(_("The file is {size}.").format(size=wording.size(e.size)))
            print("    " + _("For support: {reason}").format(reason=" ".join(details)))
        return 0
    if args.action == "remove":
        if entry is None:
            print(_("Say which message to remove: {command} outbox remove ID").format(command=command()), file=sys.stderr)
            return 1
        outbox.remove(entry.bundle_id)
        keep_at_login(app.config, outbox)  # the last one waiting: the at-login sending goes with it
        print(_("Removed {ref} from the outbox; it will not be sent.").format(ref=entry.reference))
        return 0
    if entry is not None and (entry.status == NO_BUNDLE or (entry.status == DAMAGED and not is_whole(entry))):
        print(
            _("{ref} cannot be sent: the message itself is damaged or no longer on this computer. “{command} outbox remove {ref}” removes it.").format(
                ref=entry.reference, command=command()
            ),
            file=sys.stderr,
        )
        return 1
    outcomes = flush_outbox(app.config, force=True, only=entry.bundle_id if entry else None)
    if not outcomes and any(outbox.entries()):  # only refused ones, or another version's: each waits for its own retry
        print(
            _("Nothing was sent: the messages in the outbox are sent only one by one, with “{command} outbox retry ID” (see “{command} outbox list”).").format(
                command=command()
            )
        )
    elif not outcomes:
        print(_("The outbox is empty: every message has been sent."))
    from selfcheck.commands.send import say_outcome

    for outcome in outcomes:
        say_outcome(outcome, app.config, sys.stdout)  # a waiting one as the window says it; may quote the server's answer
    return 0 if all(o.status == "sent" for o in outcomes) else 4
