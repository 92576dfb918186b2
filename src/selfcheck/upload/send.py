"""Send a bundle to support: the one entry point the CLI and the GUI call.

Every bundle goes into the outbox first and leaves it only when the
destination confirmed it; transient failures keep it queued with an
exponential, jittered backoff, and :func:`flush_outbox` (run at start-up
and when the network returns) sends it later.
"""

from __future__ import annotations

import errno
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from selfcheck import paths
from selfcheck.config import Config
from selfcheck.i18n import _, os_error_text
from selfcheck.invocation import command
from selfcheck.upload import atlogin, sent
from selfcheck.upload.destinations import AttemptError, Delivered, names_found, needs_email, send_to_intake, send_to_zendesk
from selfcheck.upload.outbox import DAMAGED, FAILED, NO_BUNDLE, QUEUED, Entry, NotABundle, Outbox, backoff, is_whole, read_bundle_info
from selfcheck.upload.transport import Cancelled, InsecureURL, Progress, cancelled, session, timeouts
from selfcheck.wording import company_name, saved_place, support_name

log = logging.getLogger("selfcheck.upload")

SENT, QUEUED_OUTCOME, SAVED, FAILED_OUTCOME = "sent", "queued", "saved", "failed"

#: the longest a server's Retry-After is honoured: a relay asking for years (or "inf") would keep a message the
#: customer was told "will be sent by itself later" from ever going
LONGEST_RETRY_AFTER = 86400.0


@dataclass
class SendOutcome:
    """What happened to one bundle: status is "sent", "queued", "saved" or "failed"; message is plain and translated."""

    status: str
    reference: str | None
    message: str
    bundle_id: str | None = None
    path: Path | None = None
    customer: str = ""  # the window's words: no status code, no "bundle"/"outbox"; message keeps the exact facts for the terminal and logs
    kept: bool = False  # it stays on this computer under its reference, to be sent later (queued) or again (refused, in the outbox)
    cancelled: bool = False  # the person stopped it: nothing was sent, and nothing is sent later
    reason: str = ""  # why it was not sent (an AttemptError kind: "offline", "busy"...), "" when sent or not known
    retry_may_help: bool = True  # False: sending the same message again cannot get it through (too big, what came with it refused)
    at_login: bool = False  # queued, and an at-login entry sends it by itself after the computer is switched off and on (atlogin)
    #: what happened, in the window's words (:func:`customer_problem`), without what comes of it: the terminal says what
    #: comes of it itself (it has no window left open to send it); "" when no try failed
    problem: str = ""


def destination_from(config: Config) -> dict[str, Any]:
    support = config.section("support")
    kind = str(support.get("kind") or "intake")
    dest: dict[str, Any] = {"kind": kind}
    if kind == "intake":
        dest["url"] = str(support.get("url") or "")
    elif kind == "zendesk":
        dest["zendesk_subdomain"] = str(support.get("zendesk_subdomain") or "")
        dest["zendesk_url"] = str(support.get("zendesk_url") or "")
    return dest


def email_needed(config: Config) -> bool:
    """Whether the configured destination can take a message only with the customer's e-mail address (:func:`needs_email`)."""
    return needs_email(destination_from(config))


def _use_current_destination(entry: Entry, config: Config) -> None:
    """Send a queued bundle where the config says now (an admin may have fixed ``[support] url``).

    A config that has nowhere to send (save mode, no url) keeps the destination
    the bundle was queued with. The idempotency key stays the bundle id.
    """
    current = destination_from(config)
    usable = (current["kind"] == "intake" and current.get("url")) or current["kind"] == "zendesk"
    if usable and current != entry.destination:
        log.info("bundle %s: destination changed in the config since it was queued; using the current one", entry.bundle_id)
        entry.destination = current


def problem_text(error: AttemptError) -> str:
    """One plain sentence for each way an attempt can fail."""
    texts = {
        "offline": _("This computer could not reach the support server; it seems to be offline."),
        "refused": _("The support server refused the connection; it may be down for a moment."),
        "unreachable": _("This computer could not reach the support server."),
        "timeout": _("The support server did not answer in time."),
        "interrupted": _("The connection was cut during the upload."),
        "proxy": _(
            "This computer is set to go through another server to reach the internet (often set by a company or a security program), and that server did not let your message through."
        ),
        "tls": _("The support server's identity could not be checked (a certificate problem)."),
        "server": _("The support server had a problem."),
        "busy": _("The support server is busy."),
        "too_large": _("The bundle is too large for the support server."),
        "rejected": _("The support server refused the bundle."),
        "misconfigured": _("Sending to support is not set up correctly on this computer."),
        "needs_email": _("Support needs your e-mail address to answer you: add it and send again."),
        "insecure": _("The support address is not secure (it must start with https://)."),
        # issue: a mistyped support address was "offline" on every computer while their internet worked: the name that
        # was not found is said, for whoever reads the terminal or the log and fixes the settings
        # review of 74b4ba8: a name known only inside the company network (or on its VPN) is "not found" the same way while
        # the computer is outside it: both causes said, and it is tried again (it goes once the computer is on that network)
        "wrong_address": _(
            "The support server's name {host} is not found, though this computer finds other names: either the support address in the settings ([support] url) is mistyped, or the name is known only inside the company network (then it goes once this computer is on that network). It is tried again by itself, at a slow pace."
        ).format(host=error.detail or "?"),
    }
    if error.kind == "request":
        from selfcheck.upload.request import refusal

        refused = refusal(error.detail)
        if refused is not None:
            return refused.message
    text = texts.get(error.kind, _("The bundle could not be sent."))
    if error.code:
        text += " " + _("(error {code})").format(code=error.code)
    return text


def customer_problem(error: AttemptError, who: str = "") -> str:
    """What happened, for the customer's window: plain words, no status code (that stays in the log and the terminal).

    ``who`` is the company's name from the branding (``branding.company``, in the current language); without it, "your support team".
    """
    # send round 12: « le support n'a pas pu être joint » (« joignable »?): what did not happen, in everyday words
    unreachable = _("Your message could not get through just now.")
    # send round 10: "not set up correctly" read as "did I do something wrong?": say whose it is to fix
    # round 12: "support must change something on their side": what does that mean? say plainly where the problem is
    # send round 66 (fr): « le problème se trouve chez Clearline Assistance, pas sur votre ordinateur » : « Mon ordinateur a bien un
    # problème, c'est pour ça que j'écris ! »: which problem (the message's), and where it was stopped
    # send round 67 (en, fr): "stopped at Clearline Help's end": "whose end? stopped by whom?", "sounds as if they blocked or
    # refused me on purpose", « qui l'a arrêté, et pourquoi ? Ai-je fait une bêtise ? »: what failed, where, and that their
    # computer did nothing wrong
    not_set_up = _("This is not your fault: sending failed because of a problem at {who}; your computer did nothing wrong.").format(
        who=who or _("your support team")
    )
    texts = {
        "offline": _("This computer is not connected to the internet right now."),
        "refused": unreachable,
        "unreachable": unreachable,  # not shown to be this computer's internet: said as "refused" and "timeout" are
        "timeout": unreachable,
        "interrupted": _("The connection was cut while sending."),
        # issue 21: a proxy that refused, could not be reached or wanted a password was "refused" ("The support server
        # refused the connection") or "could not get through": support's server blamed for this computer's own relay
        "proxy": _(
            "This computer is set to go through another server to reach the internet (often set by a company or a security program), and that server did not let your message through."
        ),
        "server": _("Support's service has a problem at the moment."),
        "busy": _("Support's service is very busy at the moment."),
        "too_large": _("What you send is too big for support's service."),
        "tls": not_set_up,
        "rejected": not_set_up,
        "misconfigured": not_set_up,
        "insecure": not_set_up,
        # a mistyped support address: not "not connected to the internet" (they would wait for an internet that works)
        # review of 74b4ba8: "seems to be wrong" was false for a name known only on the company's network (the computer
        # outside it): what is true in both cases, without the network's jargon
        "wrong_address": _("This program could not find {who}'s address, though this computer is connected to the internet. This is not your fault.").format(
            who=who or _("your support team")
        ),
    }
    if error.kind in ("request", "needs_email"):
        return problem_text(error)
    return texts.get(error.kind, _("It could not be sent."))


def customer_words(error: AttemptError, *, queued: bool, who: str = "") -> str:
    """The Not-sent screen's sentence: what happened, that nothing is lost, and whether it goes by itself (queued)."""
    if queued and error.kind == "wrong_address":  # it may never go by itself (a mistyped address): tried, not promised
        return customer_problem(error, who) + " " + _("Nothing is lost: your message waits on this computer and is tried again by itself.")
    if queued:
        return customer_problem(error, who) + " " + _("Nothing is lost: it stays on this computer and will be sent by itself later.")
    # send round 31 (en): "it stays on this computer": "where? Could I find it?": who keeps it (the outbox, as FAILED), and
    # what for; the line below says support tells them how to send it again from this program
    return customer_problem(error, who) + " " + _("Nothing is lost: this program keeps your message.")


def _no_room(error: BaseException | None) -> bool:
    """Whether ``error`` (or what caused it) is a full disk."""
    while error is not None:
        if isinstance(error, OSError) and error.errno in (errno.ENOSPC, errno.EDQUOT):
            return True
        error = error.__cause__
    return False


def not_kept_words(error: BaseException | None, *, saving: bool = False) -> str:
    """The window's words when the message could not even be kept on this computer (a full disk, a folder it cannot write).

    Never "nothing is lost": it was not sent, and it is not kept to be sent later. ``saving``: the
    company's setting is to save it for the customer (``support.kind = "save"``), not to send it.
    """
    full = _no_room(error)
    if saving:
        if full:
            return _("Your message could not be saved on this computer: there is no room left on it.")
        return _("Your message could not be saved on this computer.")
    if full:
        return _("Your message could not be kept on this computer to be sent: there is no room left on it. Nothing was sent.")
    return _("Your message could not be kept on this computer to be sent. Nothing was sent.")


def _still_waiting(entry: Entry, error: OSError) -> SendOutcome:
    """The message was in the outbox already and could not be queued again (a full disk): nothing is sent this time, and
    the copy from before waits as it was: by itself later when it was queued, else kept (refused, or another version's)."""
    first = (
        _("There is no room left on this computer, so nothing was sent this time.")
        if _no_room(error)
        else _("This program could not prepare your message again, so nothing was sent this time.")
    )
    message = _("The bundle could not be prepared for sending: {reason}").format(reason=os_error_text(error))
    message += " " + _("The copy queued before is still in the outbox, as it was (reference {ref}; see “{command} outbox”).").format(
        ref=entry.reference, command=command()
    )
    if entry.status == QUEUED:
        if entry.last_error.startswith("wrong_address"):  # it may never go by itself: tried again, not promised
            then = _("Nothing is lost: your message waits on this computer and is tried again by itself.")
        else:
            then = _("Nothing is lost: it stays on this computer and will be sent by itself later.")
        return SendOutcome(QUEUED_OUTCOME, entry.reference, message, entry.bundle_id, entry.bundle_path, first + " " + then, kept=True)
    words = first + " " + _("Nothing is lost: this program keeps your message.")
    return SendOutcome(
        FAILED_OUTCOME, entry.reference, message, entry.bundle_id, entry.bundle_path, words, kept=True, retry_may_help=sending_again_may_help(entry)
    )


def save_copy(path: Path, config: Config, reference: str, created_at: str | None = None) -> Path:
    """Copy the bundle where the customer can find it (:func:`selfcheck.paths.save_folder`), under the name the window's
    "Save" proposes and ``selfcheck bundle`` writes (:func:`selfcheck.bundle.file_name`: the company's name, the reference,
    the day the bundle was made, ``created_at``); a reference that is not one this program gives (a received file's
    manifest) is left out of the name, never a folder of it.

    Through :func:`selfcheck.bundle.copy_bundle`: the file appears whole or not at all (a copy stopped by a full disk
    leaves no half file in the customer's folder), readable by its owner only. Raises the :class:`OSError` that stopped it.
    """
    from selfcheck.bundle.make import BundleWriteError, brand_of, copy_bundle, file_name

    folder = paths.save_folder(config)
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / file_name(brand_of(config), reference, created_at)
    if target.resolve() != path.resolve():
        try:
            copy_bundle(path, target)
        except BundleWriteError as exc:
            cause = exc.__cause__
            if isinstance(cause, OSError):
                raise cause from None  # the caller's words read its errno (a full disk, no permission)
            raise OSError(str(exc)) from exc
    return target


def attachment_name(entry: Entry, config: Config) -> str:
    """The name a helpdesk shows the attached file under: the one the customer's own copy has (the window's "Save",
    ``selfcheck bundle``, sending by saving), so an agent and the customer match it by eye."""
    from selfcheck.bundle.make import brand_of, file_name

    try:
        created_at = read_bundle_info(entry.bundle_path).created_at
    except (NotABundle, OSError):
        created_at = None
    return file_name(brand_of(config), entry.reference, created_at)


def _saved_message(config: Config, target: Path, reference: str) -> str:
    email = str(config.get("support.email") or config.get("branding.support_email") or "")
    place = saved_place(target.parent)
    if email:
        return _("What this program found is saved in a file {place}. Please e-mail it to {email} and quote the reference {ref}.").format(
            place=place, email=email, ref=reference
        )
    return _("What this program found is saved in a file {place}. Please send it to your support contact and quote the reference {ref}.").format(
        place=place, ref=reference
    )


def _attempt(entry: Entry, config: Config, progress: Progress | None, cancel: Any) -> Delivered:
    kind = entry.destination.get("kind")
    http = session(config)
    try:
        if kind == "intake":
            return send_to_intake(entry, http, timeouts(config), progress, cancel)
        if kind == "zendesk":
            return send_to_zendesk(entry, http, timeouts(config), progress, cancel, filename=attachment_name(entry, config))
        raise AttemptError("misconfigured", f"unknown support.kind {kind!r}", permanent=True)
    except InsecureURL as exc:
        raise AttemptError("insecure", permanent=True) from exc
    except AttemptError as error:
        if error.no_such_name and error.host and names_found(_test_names(config, error.host)):
            # support's name is not found while this computer looks the DNS check's names up right now (an offline computer
            # says "no such name" too, and then finds none of them: "offline"): the address in the settings is mistyped, or
            # the name is known only inside the company network (a VPN that is off). DNS cannot tell them apart, so it is
            # no stop: tried again, never sooner than the longest usual wait (support.retry_max_seconds), with the config
            # of that time (deliver's _use_current_destination: a corrected address is used)
            log.warning(
                "support's server name %s is not found, though this computer finds other names: [support] url is mistyped, or the "
                "name is known only inside the company network (it then goes once this computer is on it); tried again later",
                error.host,
            )
            raise AttemptError("wrong_address", error.host, retry_after=float(config.get("support.retry_max_seconds", 3600))) from error
        raise
    finally:
        http.close()


def _test_names(config: Config, host: str) -> list[str]:
    """The DNS check's names (``network.dns_names``), but support's own."""
    names = config.get("network.dns_names") or []
    return [str(n) for n in (names if isinstance(names, list) else [names]) if str(n).strip() and str(n).lower() != host.lower()]


def _sent_message(delivered: Delivered) -> str:
    if delivered.pending:
        return _("Sent. Your reference is {ref}; support will open a ticket with it shortly.").format(ref=delivered.reference)
    return _("Sent. Your ticket reference is {ref}.").format(ref=delivered.reference)


def _being_sent(entry: Entry, config: Config) -> SendOutcome:
    """Another process holds the entry's lock: it is sending it now."""
    return SendOutcome(
        QUEUED_OUTCOME,
        entry.reference,
        _("This bundle is being sent by another {product} window.").format(product=config.product_name()),
        entry.bundle_id,
        customer=_("It is being sent from another window of this program. Nothing is lost: it stays on this computer until it has gone."),
        kept=True,
    )


def keep_at_login(config: Config, outbox: Outbox) -> bool:
    """The at-login entry (:mod:`selfcheck.upload.atlogin`) there while a message waits (QUEUED) and ``support.send_at_login``
    is on, gone otherwise. Whether it is there now."""
    try:
        waiting = any(e.status == QUEUED for e in outbox.entries())
    except OSError as exc:  # an outbox folder it cannot read: the entry is left as it is
        log.warning("cannot read the outbox: %s", exc)
        return atlogin.is_installed()
    if waiting and config.get("support.send_at_login", True):
        return atlogin.install(config)
    if atlogin.is_installed():
        log.info("no message waits to be sent any more: the at-login sending is removed")
        atlogin.uninstall()
    return False


def deliver(
    entry: Entry, config: Config, outbox: Outbox, *, progress: Progress | None = None, cancel: Any = None, retries_now: int = 0, locked: bool = False
) -> SendOutcome:
    """Try to send one outbox entry now (with a few quick retries); update or clear the entry; then add the at-login
    sending while a message waits, or remove it when none does (:func:`keep_at_login`). ``locked``: the caller holds
    the entry's lock (:meth:`Outbox.lock`), released here."""
    outcome = _deliver(entry, config, outbox, progress=progress, cancel=cancel, retries_now=retries_now, locked=locked)
    at_login = keep_at_login(config, outbox)
    if outcome.status == QUEUED_OUTCOME:
        outcome.at_login = at_login
    return outcome


def _deliver(entry: Entry, config: Config, outbox: Outbox, *, progress: Progress | None, cancel: Any, retries_now: int, locked: bool) -> SendOutcome:
    if not locked and not outbox.lock(entry):
        return _being_sent(entry, config)
    try:
        _use_current_destination(entry, config)
        base_now = float(config.get("support.retry_base_seconds", 2))
        attempt = 0
        while True:
            attempt += 1
            try:
                log.info("sending bundle %s (%s, attempt %d)", entry.bundle_id, entry.destination.get("kind"), entry.attempts + 1)
                delivered = _attempt(entry, config, progress, cancel)
            except Cancelled:
                raise
            except AttemptError as error:
                if cancelled(cancel):  # the person pressed Cancel while it failed: stopped, not queued to go later without them
                    raise Cancelled() from error
                entry.attempts += 1
                entry.last_error = error.kind + (f" ({error.code})" if error.code else "") + (f" {error.detail}" if error.kind == "wrong_address" else "")
                entry.retry_may_help = error.retry_may_help
                log.warning("bundle %s not sent: %s", entry.bundle_id, error)
                if not error.permanent and attempt <= retries_now:
                    delay = error.retry_after if error.retry_after is not None else backoff(attempt, base_now, 30)
                    if delay <= 30:
                        _sleep(delay, cancel)
                        if cancelled(cancel):  # pressed while it waited to try again: stopped too, not queued
                            raise Cancelled() from error
                        continue
                if error.permanent:
                    entry.status = FAILED
                    _write_down(outbox, entry)
                    message = problem_text(error) + " " + _("The bundle is kept in the outbox (reference {ref}).").format(ref=entry.reference)
                    words = customer_words(error, queued=False, who=company_name(config))
                    return SendOutcome(
                        FAILED_OUTCOME,
                        entry.reference,
                        message,
                        entry.bundle_id,
                        entry.bundle_path,
                        words,
                        kept=True,
                        reason=error.kind,
                        retry_may_help=error.retry_may_help,
                    )
                base = float(config.get("support.outbox_base_seconds", 60))
                cap = float(config.get("support.retry_max_seconds", 3600))
                wait = backoff(entry.attempts, base, cap)
                if error.retry_after is not None:  # the server's Retry-After, up to a day (it may say years, or "inf")
                    wait = max(wait, min(error.retry_after, LONGEST_RETRY_AFTER))
                entry.status = QUEUED
                entry.next_try = time.time() + wait
                _write_down(outbox, entry)
                who = company_name(config)
                # the exact reason (support's server refused, its status code): for support, said last by the terminal
                # (selfcheck.commands.send.waiting_text), which first says what the window says
                return SendOutcome(
                    QUEUED_OUTCOME,
                    entry.reference,
                    problem_text(error),
                    entry.bundle_id,
                    entry.bundle_path,
                    customer_words(error, queued=True, who=who),
                    kept=True,
                    reason=error.kind,
                    retry_may_help=error.retry_may_help,
                    problem=customer_problem(error, who),
                )
            outbox.remove(entry.bundle_id)  # with its lock: no other process claims it between the two
            sent.record(entry.bundle_id, entry.reference, delivered.ticket, delivered.status_url)
            log.info("bundle %s delivered: %s", entry.bundle_id, delivered.reference)
            return SendOutcome(SENT, delivered.reference, _sent_message(delivered), entry.bundle_id)
    finally:
        outbox.unlock(entry)


def _write_down(outbox: Outbox, entry: Entry) -> None:
    """Save the entry's new state after a failed try. A full disk (or an unwritable folder) leaves the state it was
    queued with: the bundle is in the outbox whole already, so it still waits there and is tried again, never lost."""
    try:
        outbox.save(entry)
    except OSError as exc:
        log.warning("bundle %s: cannot write down its next try (%s); it stays in the outbox as it was", entry.bundle_id, exc)


def _sleep(seconds: float, cancel: Any) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end and not cancelled(cancel):
        time.sleep(max(0.0, min(0.1, end - time.monotonic())))


def send_bundle(
    path: str | Path,
    config: Config,
    *,
    email: str | None = None,
    name: str | None = None,
    description: str | None = None,
    ticket: str | None = None,
    request: str | None = None,
    progress: Progress | None = None,
    cancel: Any = None,
) -> SendOutcome:
    """Send one bundle to the configured destination, queueing it when that is not possible now.

    ``progress(fraction)`` (0.0 to 1.0) is called as the upload goes;
    ``cancel`` is a ``threading.Event`` (or a callable) that stops it. A
    cancelled bundle is taken out of the outbox: nothing is sent later.
    """
    path = Path(path)
    try:
        info = read_bundle_info(path)
    except (NotABundle, OSError):
        log.warning("not a bundle: %s", path)
        return SendOutcome(
            FAILED_OUTCOME, None, _("{path} is not a {product} bundle.").format(path=path, product=config.product_name()), customer=not_kept_words(None)
        )
    destination = destination_from(config)
    if destination["kind"] == "save" or (destination["kind"] == "intake" and not destination.get("url")):
        try:
            target = save_copy(path, config, info.reference, info.created_at)
        except OSError as exc:
            log.warning("cannot save bundle: %s", exc)
            return SendOutcome(
                FAILED_OUTCOME,
                info.reference,
                _("The bundle could not be saved: {reason}").format(reason=os_error_text(exc)),
                info.bundle_id,
                customer=not_kept_words(exc, saving=True),
            )
        log.info("bundle %s saved for the customer: %s", info.reference, target)
        saved_words = _("Your message and what this program found are saved in a file {place}. Give it to {who} when they ask for it.").format(
            place=saved_place(target.parent), who=support_name(config, mid_sentence=True)
        )
        return SendOutcome(SAVED, info.reference, _saved_message(config, target, info.reference), info.bundle_id, target, saved_words, kept=True)
    outbox = Outbox()
    try:
        entry = outbox.add(path, destination, email=email, name=name, description=description, ticket=ticket, request=request)
    except OSError as exc:
        log.warning("cannot queue bundle: %s", exc)
        before = outbox.get(info.bundle_id)
        if before is not None:  # queued before (Send pressed again): that copy still waits as it was, and says so
            return _still_waiting(before, exc)
        return SendOutcome(
            FAILED_OUTCOME,
            info.reference,
            _("The bundle could not be prepared for sending: {reason}").format(reason=os_error_text(exc)),
            info.bundle_id,
            customer=not_kept_words(exc),
        )
    try:
        return deliver(entry, config, outbox, progress=progress, cancel=cancel, retries_now=int(config.get("support.retry_now", 2)))
    except Cancelled:
        outbox.remove(entry.bundle_id)
        keep_at_login(config, outbox)  # it waited from an earlier try, and was the last one: nothing is sent at login
        log.info("sending bundle %s cancelled", entry.bundle_id)
        return SendOutcome(
            FAILED_OUTCOME,
            info.reference,
            _("Sending was cancelled; nothing was sent."),
            info.bundle_id,
            customer=_("You stopped the sending: nothing was sent, and it will not go later by itself."),
            cancelled=True,
        )


def flush_outbox(config: Config, *, progress: Progress | None = None, cancel: Any = None, force: bool = False, only: str | None = None) -> list[SendOutcome]:
    """Send the queued bundles that are due (every queued one with ``force``; ``only``: that one, whatever its state).

    An entry in a state this version does not know (another version's) is left as it is, as a refused one is: sent
    only when asked for by its id (``only``), never by itself: this version cannot tell whether sending it is right."""
    outbox = Outbox()
    outcomes: list[SendOutcome] = []
    longest = max(1.5 * float(config.get("support.retry_max_seconds", 3600)), LONGEST_RETRY_AFTER)  # the longest wait deliver sets
    entries = list(outbox.entries()) if (force or only) else outbox.due(longest=longest)
    for entry in entries:
        if only and entry.bundle_id != only:
            continue
        if entry.status != QUEUED and not only:  # refused, or another version's state
            continue
        if entry.status == NO_BUNDLE:  # nothing to send: "outbox list" says so, "outbox remove" removes it
            continue
        if cancelled(cancel):
            break
        claimed = not only
        if claimed:  # claimed, then read again: listed a moment ago, it may have been sent or refused since (another process)
            if not outbox.lock(entry):
                outcomes.append(_being_sent(entry, config))
                continue
            current = outbox.get(entry.bundle_id)
            if current is None or current.status != QUEUED:
                outbox.unlock(entry)
                continue
            entry = current
        try:
            outcomes.append(deliver(entry, config, outbox, progress=progress, cancel=cancel, locked=claimed))
        except Cancelled:
            stopped = _("Sending was stopped; the bundle stays in the outbox.")
            words = _("Nothing is lost: it stays on this computer and will be sent by itself later.")
            outcomes.append(SendOutcome(QUEUED_OUTCOME, entry.reference, stopped, entry.bundle_id, customer=words, kept=True))
            break
    return outcomes


def send_waiting(
    config: Config, *, on_sent: Callable[[SendOutcome], Any] = lambda outcome: None, sleep: Callable[[float], Any] = time.sleep
) -> list[SendOutcome]:
    """What the at-login entry runs: send the waiting messages (QUEUED; never a refused one), and while some still wait
    (no internet yet), try again every ``support.send_waiting_every_seconds`` for up to ``support.send_waiting_for_minutes``,
    then stop. ``on_sent`` is told of each one sent. The at-login entry goes once none waits (:func:`keep_at_login`)."""
    every = max(0.0, float(config.get("support.send_waiting_every_seconds", 60)))
    tries = 1 + (int(float(config.get("support.send_waiting_for_minutes", 30)) * 60 // every) if every else 0)
    outbox = Outbox()
    done: list[SendOutcome] = []
    for attempt in range(tries):
        if attempt:
            sleep(every)
        for outcome in flush_outbox(config, force=True):
            if outcome.status == SENT:
                done.append(outcome)
                on_sent(outcome)
        if not any(e.status == QUEUED for e in outbox.entries()):
            break
    keep_at_login(config, outbox)
    return done


#: the refusals that sending the same message again cannot mend, by the kind an older version wrote first in an outbox
#: entry's last_error ("too_large (413)"): read only for its entries, which do not record retry_may_help (an outbox on a
#: customer's disk outlives an upgrade). It is too big, the support request's code or the ticket number sent with it is
#: refused (expired, unknown, used), what came with it is refused (the person's e-mail address, a conflicting id), or an
#: e-mail address is needed and none came with it. The others (support's address or a proxy refused it, it is not
#: secure) are mended on the company's side, and the message then goes as it is (deliver uses the current settings)
REFUSED_FOR_GOOD = frozenset({"too_large", "request", "rejected", "needs_email"})


def sending_again_may_help(entry: Entry) -> bool:
    """Whether sending a kept message again later may get it through: what its last failure recorded
    (:attr:`AttemptError.retry_may_help`); for an entry written by an older version, its last_error's kind."""
    if entry.retry_may_help is not None:
        return entry.retry_may_help
    return (entry.last_error.split(" ", 1)[0] if entry.last_error else "") not in REFUSED_FOR_GOOD


def kept_messages() -> list[Entry]:
    """The messages support's server refused (FAILED), kept in the outbox to be sent again when the person asks, newest
    first; not those whose refusal a new try cannot mend (:func:`sending_again_may_help`): offered, they would be refused again
    each time (:func:`refused_for_good`; "outbox list" shows them, "outbox remove" removes them). With them, the damaged
    ones (DAMAGED: never sent by itself, so without this offer the window would never say that it has not gone) whose
    bundle is whole (:func:`~selfcheck.upload.outbox.is_whole`: its own checksums; a broken one would be sent for nothing)."""
    return _refused(may_help=True)


def refused_for_good() -> list[Entry]:
    """The refused messages (FAILED) a new try cannot get through, newest first: kept for the person's call to support
    (its number), never offered to be sent; the window offers only to delete them (:func:`forget_kept`)."""
    return _refused(may_help=False)


def _refused(*, may_help: bool) -> list[Entry]:
    """The outbox's refused messages (FAILED) whose sending again may help, or may not, newest first."""
    kept = (
        e for e in Outbox().entries() if (e.status == FAILED and sending_again_may_help(e) == may_help) or (may_help and e.status == DAMAGED and is_whole(e))
    )
    return sorted(kept, key=lambda e: e.created, reverse=True)


def forget_kept(bundle_id: str) -> bool:
    """Delete a kept message from this computer because the person chose not to send it: never offered again, and
    support never gets it. False when it is being sent right now (another window): it is left as it is."""
    outbox = Outbox()
    entry = outbox.get(bundle_id)
    if entry is None:
        return True  # gone already (sent, or removed from the command line)
    if not outbox.lock(entry):
        return False
    log.info("bundle %s: the person chose not to send it; removed from the outbox", bundle_id)
    return outbox.remove(bundle_id)  # the lock goes with its folder


def send_again(bundle_id: str, config: Config, *, progress: Progress | None = None, cancel: Any = None) -> SendOutcome:
    """Send a kept message again now, because the person asked (the window's "Try sending again", or its offer when
    "Contact support" opens again): the same outbox entry, so the same idempotency key, and never a second ticket.

    Refused again: kept as it was (FAILED). Not reachable: queued, it then goes by itself. Stopped: kept as it was."""
    outbox = Outbox()
    entry = outbox.get(bundle_id)
    if entry is None:
        done = next((s for s in reversed(sent.load()) if s.bundle_id == bundle_id), None)
        if done is not None:  # sent meanwhile (from the command line, or another window)
            return SendOutcome(
                SENT, done.ticket or done.reference, _("Sent. Your ticket reference is {ref}.").format(ref=done.ticket or done.reference), bundle_id
            )
        log.warning("bundle %s: asked to send it again, but it is no longer in the outbox", bundle_id)
        return SendOutcome(
            FAILED_OUTCOME,
            None,
            _("This bundle is no longer in the outbox."),
            bundle_id,
            customer=_("This program no longer has this message, so it could not send it again."),
        )
    try:
        return deliver(entry, config, outbox, progress=progress, cancel=cancel, retries_now=int(config.get("support.retry_now", 2)))
    except Cancelled:
        log.info("sending bundle %s again: stopped", entry.bundle_id)
        return SendOutcome(
            FAILED_OUTCOME,
            entry.reference,
            _("Sending was stopped; the bundle stays in the outbox."),
            entry.bundle_id,
            entry.bundle_path,
            _("You stopped the sending: nothing was sent.") + " " + _("Nothing is lost: this program keeps your message."),
            kept=True,
            cancelled=True,
        )
