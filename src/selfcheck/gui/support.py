"""The window's one door to the bundle and upload parts (``selfcheck.bundle``, ``selfcheck.upload``).

Kept small so the dialogs do not depend on those modules' details. When
``selfcheck.upload`` is not importable (a build without it), the customer can
still "Save to a file…" and "Send" is not offered. Everything here
may block: the window calls it from workers.
"""

from __future__ import annotations

import importlib
import json
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from selfcheck.i18n import _, phone_numbers_together
from selfcheck.runner import Scan
from selfcheck.wording import support_name as support_name  # where the window and its tests have always found it

if TYPE_CHECKING:
    from selfcheck import bundle
    from selfcheck.verdict import Verdict

log = logging.getLogger("selfcheck.gui")


def __getattr__(name: str) -> Any:
    """``support.bundle`` and ``support.BundleError``, imported on first use: the window shows without them."""
    if name in ("bundle", "BundleError"):
        from selfcheck import bundle

        return bundle if name == "bundle" else bundle.BundleError
    raise AttributeError(name)


def upload_module() -> Any | None:
    try:
        mod = importlib.import_module("selfcheck.upload")
    except ImportError:
        return None
    return mod if hasattr(mod, "send_bundle") else None


def can_send() -> bool:
    """Whether this build can upload bundles (else only "Save to a file…")."""
    return upload_module() is not None


def email_needed(config: Any) -> bool:
    """Whether support can receive a message only with the customer's e-mail address (their helpdesk's requests are made
    in its name): the first page then asks for it before going on. False in a build that cannot send."""
    mod = upload_module()
    return mod is not None and bool(mod.email_needed(config))


@dataclass
class Description:
    """What the customer told us, in their words, and how to reach them."""

    what_happened: str = ""
    since_when: str = ""
    what_changed: str = ""
    email: str = ""
    name: str = ""
    answers: list[dict[str, str]] = field(default_factory=list)  # the symptom's questions, answered

    def for_bundle(self, symptom: str | None) -> bundle.Description:
        from selfcheck import bundle

        return bundle.Description(
            problem=self.what_happened.strip(),
            since=self.since_when.strip(),
            changed=self.what_changed.strip(),
            symptom=symptom,
            answers=[dict(a) for a in self.answers if a.get("answer", "").strip()],
        )

    def as_text(self) -> str:
        return self.for_bundle(None).to_text()


def save_folder(config: Any) -> Path:
    """Where "Save" proposes to put the file: where sending by saving puts it (:func:`selfcheck.paths.save_folder`:
    the company's ``support.save_folder``, else Documents), made if missing; the home folder if it cannot be."""
    from selfcheck import paths

    folder = paths.save_folder(config)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        log.warning("the folder for saved messages could not be made: %s", exc)
        return Path.home()
    return folder


def who_we_are(config: Any, *, first_sentence: bool = False) -> str:
    """Who support is, in the customer's words: "Clearline Help: the helpdesk of Clearline, your internet provider, …".

    From ``branding.about`` (text, or ``{en = "…", fr = "…"}``); without it, plain words that stay true
    for any company that hands selfcheck out. A phone number in it stays on one line (i18n.phone_numbers_together). ``first_sentence``: only the about's first sentence (who they are, "… who
    help you."), for a line where there is little room: the send dialog's first page on a short window.
    """
    from selfcheck.i18n import pick

    value = config.get("branding.about")
    about = pick(value).strip() if isinstance(value, str | dict) else ""
    if not about:
        about = _("the people who gave you this program.")
    if first_sentence:
        about = re.split(r"(?<=[.!?])\s+", about, maxsplit=1)[0]
    return _("{who}: {about}").format(who=support_name(config), about=phone_numbers_together(about))


def support_is(config: Any) -> str:
    """Beside the "Contact support" button: "Support here means Clearline Help: the helpdesk of …".

    The button keeps its name (the verdict's steps say "click “Contact support”"); this line says who that is.
    """
    from selfcheck.i18n import pick

    value = config.get("branding.about")
    about = pick(value).strip() if isinstance(value, str | dict) else ""
    if not about:
        about = _("the people who gave you this program.")
    return _("“Support” here means {who}: {about}").format(who=support_name(config, mid_sentence=True), about=phone_numbers_together(about))


def response_time(config: Any) -> str:
    """When support usually answers (``branding.response_time``, e.g. "usually within one working day"), or ""."""
    from selfcheck.i18n import pick

    value = config.get("branding.response_time")
    return pick(value).strip() if isinstance(value, str | dict) else ""


def how_to_reach(config: Any) -> list[str]:
    """How to reach support other than by answering their e-mail: a phone number, an address (branding), else nothing.
    A phone number in the contact is kept on one line (i18n.phone_numbers_together, as on the relay's pages)."""
    found = [phone_numbers_together(config.words("branding.support_contact")), str(config.get("branding.support_email") or "").strip()]
    if not any(found):
        found = [str(config.get("support.email") or "").strip()]
    return [f for f in found if f]


EMAIL_KEYS = ("branding.support_email", "support.email")  # where support's e-mail address is set


def email_addresses(config: Any) -> set[str]:
    """What is set where support's e-mail address is set (how_to_reach() holds them as they are written)."""
    return {str(config.get(key) or "").strip() for key in EMAIL_KEYS} - {""}


def email_line(address: str, *, after_phone: bool) -> str:
    """Support's e-mail address on a line of its own, the way named (send round 52: the "·" between the phone and the
    address was not understood); the end screens keep this line whole (small-screen round 4: "help@clearline-" /
    "help.com", "I'm not sure whether the dash belongs in it")."""
    if after_phone:
        return _("or write to them by e-mail: {address}").format(address=address)
    return _("Write to them by e-mail: {address}").format(address=address)


def reach_lines(config: Any, ways: list[str], lead: Callable[[str], str], alone: str = "") -> list[str]:
    """``ways`` (from how_to_reach()) in words: ``lead(how)`` names the phone ways (a contact holding no letter is a
    phone number: "phone 01 23 45 67 89"), then each e-mail address on its line (email_line()); ``alone`` instead
    of ``lead`` when there is no phone way."""
    addresses = email_addresses(config)
    phones = [way if any(c.isalpha() for c in way) else _("phone {number}").format(number=way) for way in ways if way not in addresses]
    lines = [lead(_(", or ").join(phones))] if phones else [alone] if alone else []
    return lines + [email_line(way, after_phone=bool(phones)) for way in ways if way in addresses]


def email_lines(config: Any) -> set[str]:
    """Every line email_line() may make for this configuration: the lines the end screens keep whole."""
    return {email_line(address, after_phone=after) for address in email_addresses(config) for after in (True, False)}


def support_address(config: Any) -> str:
    """Support's e-mail address, for an e-mail the customer writes (``branding.support_email``, else ``support.email``), or ""."""
    for key in EMAIL_KEYS:
        value = str(config.get(key) or "").strip()
        if "@" in value and not any(c in value for c in "?&#/\\ \n\r"):
            return value
    return ""


def email_url(address: str, number: str) -> str:
    """A ``mailto:`` link that opens the person's e-mail program with a message to ``address``, the number in the subject."""
    from urllib.parse import quote

    subject = _("My number: {number}").format(number=number)
    body = _("Hello,\n\nMy number is {number}.\n\n").format(number=number)
    return f"mailto:{quote(address, safe='@')}?subject={quote(subject)}&body={quote(body)}"


def answer_line(config: Any, email: str = "") -> str:
    """ "They will answer you by e-mail…" with when, if the company says when."""
    when = response_time(config)
    if email:
        if when:
            return _("They will answer you by e-mail at {email}, {when}.").format(email=email, when=when)
        return _("They will answer you by e-mail at {email}.").format(email=email)
    if when:
        return _("They will answer you by e-mail, {when}.").format(when=when)
    return _("They will answer you by e-mail.")


@dataclass
class PreviewFile:
    """One file of a planned bundle, as the customer sees it before sending."""

    name: str
    size: int
    text: str | None = None
    image: bytes | None = None
    optional: bool = True


@dataclass
class OpenedBundle:
    """A received bundle (or a saved scan) as the window shows it."""

    manifest: dict[str, Any]
    scan: Scan
    description: str
    system: dict[str, Any]
    files: dict[str, bytes] = field(default_factory=dict)
    card: Any = None  # selfcheck.supportcard.SupportCard: what support reads first
    card_note: str = ""  # said above it when it could not be made again (the saved one shown), or instead of it


def plan(
    app: Any,
    scan: Scan,
    description: Description,
    *,
    include_logs: bool,
    screenshot_png: bytes | None,
    site_tries: dict[tuple[str, str], Any] | None = None,
) -> bundle.BundlePlan:
    """Plan a bundle in memory (redacted): nothing is written until the customer agrees.

    ``site_tries``: kept by the dialog for one request, so planning again does not try the customer's site again."""
    from selfcheck import bundle

    return bundle.plan_bundle(
        app, scan, description=description.for_bundle(scan.symptom), include_logs=include_logs, screenshot_png=screenshot_png, site_tries=site_tries
    )


def preview_files(files: dict[str, bytes], optional: set[str] | None = None) -> list[PreviewFile]:
    previews = []
    for name, data in files.items():
        is_optional = optional is None or name in optional
        if name.lower().endswith(".png"):
            previews.append(PreviewFile(name, len(data), image=data, optional=is_optional))
            continue
        try:
            text: str | None = data.decode("utf-8")
        except UnicodeDecodeError:
            text = None
        previews.append(PreviewFile(name, len(data), text=text, optional=is_optional))
    return previews


def preview(planned: bundle.BundlePlan) -> list[PreviewFile]:
    """Every file that will be sent, with its exact content, for the review step."""
    return preview_files(planned.files, set(planned.optional_paths()))


def exclude(planned: bundle.BundlePlan, name: str) -> None:
    """Leave a part out (raises ValueError with a plain message for a required part)."""
    planned.exclude(name)


def write(planned: bundle.BundlePlan, target: Path | None = None) -> bundle.BundleInfo:
    """Write the reviewed bundle (to ``target`` or the bundles folder)."""
    from selfcheck import bundle

    return bundle.write_bundle(planned, target)


@dataclass
class SendOutcome:
    status: str  # "sent", "queued", "saved" or "failed"
    reference: str
    message: str  # the exact facts (status code, outbox reference): for the log, not the window
    customer: str = ""  # plain words for the window, true to what happened
    kept: bool = False  # it stays on this computer under its reference (sent later, or again on support's word)
    cancelled: bool = False  # the person stopped it: nothing was sent, nothing is sent later
    reason: str = ""  # why it was not sent ("offline": this computer has no internet), "" when sent or not known
    bundle_id: str = ""  # the message's id on this computer: what "Try sending again" sends again
    #: False: sending the same message again cannot get it through (too big; its support request, its ticket number or the
    #: e-mail address given with it refused): no "Try sending again", and it is not offered later
    retry_may_help: bool = True
    at_login: bool = False  # queued, and the at-login entry sends it after the computer is switched off and on again
    path: Path | None = None  # "saved" (sending by saving): the file, named below the words that say where it is


def send(
    path: Path, config: Any, description: Description, *, progress: Callable[[float], None] | None = None, cancel: Any = None, request: str | None = None
) -> SendOutcome:
    mod = upload_module()
    if mod is None:
        return SendOutcome("saved", "", "")
    extra = {"request": request} if request else {}
    outcome = mod.send_bundle(
        path, config, email=description.email, name=description.name, description=description.as_text(), progress=progress, cancel=cancel, **extra
    )
    log.info("send outcome %s: %s", outcome.status, getattr(outcome, "message", ""))
    return _window_outcome(outcome)


def _window_outcome(outcome: Any) -> SendOutcome:
    return SendOutcome(
        str(outcome.status),
        str(getattr(outcome, "reference", "") or ""),
        str(getattr(outcome, "message", "") or ""),
        str(getattr(outcome, "customer", "") or ""),
        bool(getattr(outcome, "kept", False)),
        bool(getattr(outcome, "cancelled", False)),
        str(getattr(outcome, "reason", "") or ""),
        str(getattr(outcome, "bundle_id", "") or ""),
        bool(getattr(outcome, "retry_may_help", True)),
        bool(getattr(outcome, "at_login", False)),
        getattr(outcome, "path", None) if outcome.status == "saved" and isinstance(getattr(outcome, "path", None), Path) else None,
    )


@dataclass
class KeptMessage:
    """A message support's server refused, kept on this computer: the window offers to send it again."""

    bundle_id: str
    reference: str
    written: float  # when it was first sent (a timestamp)
    email: str  # the address they gave with it ("" none): the Sent screen says whether support can answer by e-mail
    words: str = ""  # the start of what they wrote (their answer to the first question), one line; "" when none
    can_send: bool = True  # False: refused for good (too big...), kept for their call to support: only deleting it is offered


def first_words(description: str | None, limit: int = 70) -> str:
    """The start of what the person wrote, from a kept message's description (``Description.to_text``: a question, its
    answer, a blank line, ...): the first answer, on one line, cut at a word near ``limit`` with "…"; "" when the first
    block is not a question and its answer. Made inert (it comes from a file on disk)."""
    from selfcheck.inert import inert

    block = (description or "").strip().split("\n\n", 1)[0].splitlines()
    if len(block) < 2 or not block[0].rstrip().endswith("?"):
        return ""
    text = " ".join(" ".join(block[1:]).split())
    text = inert(text, keep_lines=False)
    if len(text) > limit:
        text = text[:limit].rsplit(" ", 1)[0].rstrip(",;:.") + "…"
    return text


def kept_message() -> KeptMessage | None:
    """The newest message support's server refused and this computer keeps (None: none, or this build cannot send): one
    that may go if sent again first; else the newest a new try cannot get through (``can_send`` False)."""
    mod = upload_module()
    if mod is None or not hasattr(mod, "kept_messages"):
        return None
    try:
        kept, can_send = mod.kept_messages(), True
        if not kept and hasattr(mod, "refused_for_good"):
            kept, can_send = mod.refused_for_good(), False
    except OSError as exc:  # an outbox folder it cannot read: nothing offered, the window goes on
        log.warning("cannot read the outbox: %s", exc)
        return None
    if not kept:
        return None
    newest = kept[0]
    return KeptMessage(newest.bundle_id, newest.reference, newest.created, newest.email or "", first_words(newest.description), can_send)


def forget_kept(bundle_id: str) -> bool:
    """Delete a kept message because the person chose not to send it (False: it could not be, it is being sent)."""
    mod = upload_module()
    if mod is None or not hasattr(mod, "forget_kept"):
        return False
    try:
        return bool(mod.forget_kept(bundle_id))
    except OSError as exc:
        log.warning("cannot remove the kept message %s: %s", bundle_id, exc)
        return False


def send_again(bundle_id: str, config: Any, *, progress: Callable[[float], None] | None = None, cancel: Any = None) -> SendOutcome:
    """Send a kept message again (the same one: support's server never makes a second ticket of it)."""
    mod = upload_module()
    if mod is None:
        return SendOutcome("failed", "", "")
    outcome = mod.send_again(bundle_id, config, progress=progress, cancel=cancel)
    log.info("send again outcome %s: %s", outcome.status, getattr(outcome, "message", ""))
    return _window_outcome(outcome)


def not_kept(error: BaseException | None) -> str:
    """The window's words when the message could not be written on this computer before sending (a full disk...)."""
    mod = upload_module()
    if mod is None:
        return _("Your message could not be kept on this computer to be sent. Nothing was sent.")
    return str(mod.not_kept_words(error))


def description_text(value: dict[str, Any] | None, symptom: str | None = None) -> str:
    """The customer's description as plain text for support staff; ``symptom``: the problem chosen, when the description
    does not say it (the scan's)."""
    if not value:
        return ""
    # a bundle's description.json may hold anything (a number, a list): read as text, as `selfcheck show` and the card do
    problem, since, changed = (str(value.get(key) or "").strip() for key in ("problem", "since", "changed"))
    parts = [problem]
    if since:
        parts.append(f"{_('Since when?')} {since}")
    if changed:
        parts.append(f"{_('What changed recently?')} {changed}")
    # the describe step's questions ("Where are you?", the site that does not open): the window leaves out the card's
    # "The customer says", so they are said here, in the customer's words, bounded as on the card (hostile input), and as
    # the card says it, that they did not say where they are (review 38: only the window left "Not answered." out)
    from selfcheck.supportcard import customer_said, inert

    parts += [inert(line) for line in customer_said(value, value.get("symptom") or symptom)]
    return "\n".join(p for p in parts if p)


def read(path: Path, provider: bool = False, team_contact: str = "", call_contact: Any = None) -> OpenedBundle:
    """Open a received bundle (or a ``scan --json`` file) for support staff; ``provider``: ``[support] internet_provider``;
    ``team_contact``: ``[support] network_team`` (supportcard.network_team); ``call_contact``: ``[branding] support_contact``."""
    path = Path(path)
    if path.suffix.lower() == ".json":
        return _read_scan_json(path)
    from selfcheck import bundle

    opened = bundle.read_bundle(path)
    from selfcheck import supportcard

    card, card_note = supportcard.for_reading(
        opened, provider=provider, team_contact=team_contact, call_contact=call_contact
    )  # never raises: the card never stops the bundle opening
    return OpenedBundle(
        dict(opened.manifest or {}),
        opened.scan,
        description_text(opened.description, getattr(opened.scan, "symptom", None)),
        dict(opened.system or {}),
        dict(opened.files or {}),
        card,
        card_note,
    )


def _read_scan_json(path: Path) -> OpenedBundle:
    from selfcheck.bundle import BundleError

    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        facts = data.get("facts") or {}
        return OpenedBundle({}, Scan.from_dict(data, facts), "", {}, {path.name: path.read_bytes()})
    except OSError as exc:
        from selfcheck.i18n import os_error_text

        raise BundleError(_("The file cannot be read ({reason}).").format(reason=os_error_text(exc))) from exc
    except (KeyError, ValueError, TypeError, AttributeError) as exc:
        log.warning("cannot open %s: %s", path, exc)
        raise BundleError(_("This file is not a selfcheck diagnostic bundle, or it is damaged.")) from exc


# ---------------------------------------------------------------- a received bundle, for support staff
def recorded_screen(scan: Scan | None) -> Verdict | None:
    """The customer's screen a received scan holds (its verdict, as the bundle has it) where that screen said what their
    recording found (verdict.recorded, the card's screen_recorded), else None: the window shows that one, as `selfcheck
    show` and report.html do, not the facts judged again."""
    diagnosis = getattr(scan, "diagnosis", None)
    told = getattr(diagnosis, "verdict", None)
    return told if told is not None and told.recorded else None


def computer_summary(system: dict[str, Any]) -> str:
    """ "Debian GNU/Linux 12 (bookworm), x86_64, 16 GB of memory" from a bundle's system.json."""
    raw_os, raw_memory = system.get("os"), system.get("memory")
    os_part: dict[str, Any] = raw_os if isinstance(raw_os, dict) else {}
    from selfcheck.bundle.inventory import os_name

    name = os_name(os_part)  # sendwords2: a real Windows 11 bundle read "10 10.0.22631"
    parts = [str(name)] if name else []
    if os_part.get("architecture"):
        parts.append(str(os_part["architecture"]))
    memory: dict[str, Any] = raw_memory if isinstance(raw_memory, dict) else {}
    total = memory.get("total_bytes") or memory.get("total")
    if isinstance(total, int | float) and 0 < total < 2**64:  # a 400-digit "total_bytes" is no memory size
        parts.append(_("{n} GB of memory").format(n=f"{total / 1024**3:.0f}"))
    return ", ".join(parts)


def over_time_parts(files: dict[str, bytes]) -> dict[str, Any]:
    """The history summary and recording a bundle carries, for the "what changed" card: the recording as data, drawn by the
    card in the reader's language (history.record.drawn), never the bundle's own drawing (in the customer's language, and a
    received SVG could hold anything)."""

    from selfcheck.bundle.read import part_json

    parts: dict[str, Any] = {}
    history = part_json(files, "history.json")  # an object, or None when damaged or nested too deeply to read
    if history is not None:
        parts["history"] = history
    recording = part_json(files, "recording/recording.json")
    if isinstance(recording, dict):
        parts["recording"] = recording
    return parts
