"""What a recording found, and what to try about it: one analysis, two wordings.

A recording ("It happened now", :mod:`selfcheck.history.record`) is analysed once there (:func:`selfcheck.history.record.seen`,
a :class:`~selfcheck.history.record.Seen`). From that analysis this module decides what to try, in which order
(:func:`plan`): the customer's verdict (:func:`selfcheck.verdict.recorded`) and the support card's reply
(:func:`selfcheck.supportcard.recorded_cause`) both say these steps, each in its own words around them. Pure and Qt-free;
it takes the analysis, never the recording, so it does not import the history.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from selfcheck.i18n import N_, _, ngettext

#: cuts this long at most (in seconds) are "a few seconds" to the customer
FEW_SECONDS = 20.0

#: how long a recording watches at most, in seconds: ``record.max_seconds`` (the Record window's time, its intro's "up to
#: {duration}", and the verdict's "otherwise it stops by itself after"), bounded; said by :func:`watch_duration`
DEFAULT_SECONDS, MAX_SECONDS_LIMIT = 300.0, 900.0


def watch_seconds(config: Any = None, asked: float | None = None) -> float:
    """How long a recording watches at most: ``asked``, else the configuration's ``record.max_seconds``, bounded."""
    try:
        limit = float(asked if asked is not None else (config.get("record.max_seconds", DEFAULT_SECONDS) if config is not None else DEFAULT_SECONDS))
    except (TypeError, ValueError):
        limit = DEFAULT_SECONDS
    return max(1.0, min(limit, MAX_SECONDS_LIMIT))


def watch_duration(seconds: float) -> str:
    """How long a watch lasts at most (``seconds``: :func:`watch_seconds`, or a recording's own limit), as the customer reads
    it in the current language, true to the second: '5 minutes', '1 minute' (a limit of 60 s read "after 1 minutes"), '30
    seconds' (under a minute, not "1 minute"), '1 minute 30 seconds' (not "1 minute" for 90 s)."""
    minutes, rest = divmod(max(1, round(seconds)), 60)
    parts = [ngettext("{n} minute", "{n} minutes", minutes).format(n=minutes)] if minutes else []
    if rest:
        parts.append(ngettext("{n} second", "{n} seconds", rest).format(n=rest))
    return " ".join(parts)


#: the steps a recording's cuts lead to (:func:`plan`), said by :func:`step_text`
RESTART, CABLE, WIFI, DEVICE = "restart", "cable", "wifi", "device"

REC_REPLY_WIFI = N_("If this computer uses Wi-Fi: for a test, use it right next to the box, or connect it to the box with a cable if you can.")
#: agent round 55: both agents added "try a different socket on the box" to the reply (the questions ask it): in the step
#: agent round 58: "the card's reply left out the phone/TV warning for the box restart, which the other ticket's reply includes":
#: the recording's replies say it too, after the restart
REC_RESTART_PHONE = N_("A home phone or TV that goes through the box stops for a few minutes, then works again by itself.")
#: cuts round 1 (lay readers, en and fr): "sockets: the holes on the box?", « ses prises … débranchez-la de la prise : le même
#: mot sert donc pour deux choses »; "network cable: I think it's the cable from my computer to the box, but I'm not sure": the
#: cable is said, and the box's holes it plugs into are never a socket (« prise » is the power one, plainwords.RESTART_BOX)
REC_REPLY_CABLE = N_(
    "Unplug the network cable (the cable between the computer and the box) at both ends, then push it back in until it clicks. If you "
    "have another such cable, try that one, in another of the small square holes on the box where such cables plug in."
)
#: agent round 70 (both agents added it to the cable's reply: "Until it's fixed, if your computer has Wi-Fi, you could use that
#: for your video calls. It also doubles as a test"): where the cable's own link dropped, the Wi-Fi goes round it; not where
#: the computer has no Wi-Fi (agent round 72: "The bundle showed no Wi-Fi adapter on this computer": netprobe.may_have_wifi)
REC_REPLY_MEANWHILE_WIFI = N_("In the meantime, if your computer can also connect by Wi-Fi, using the Wi-Fi instead of the cable may avoid the cuts.")
#: the link held on a cable: the box first, then what may sit between
REC_REPLY_DEVICE = N_(
    "If there is a small device between the computer and the box (a switch, or a powerline adapter plugged into a wall socket): for a "
    "test, connect the computer straight to the box with its cable."
)
#: the watching window's own button (gui.overtime.RecordDialog): cuts round 2 (en and fr), "Start recording" just before a video
#: call: "will it record my call with my grandchildren?", « je pense qu'on va enregistrer mon appel »: watching, as the offer
START_WATCHING = N_("Start watching")
#: the button a verdict made from a recording shows, to watch once more after a step (Verdict.watch_button)
WATCH_AGAIN = N_("Watch again while it happens")
#: the cuts' steps: one watch after each thing tried, said right after it (cuts round 2, en: "step 3 says 'after each step'. Do I
#: have to run the watching twice, once after the cable and once after the box?"); cuts round 1: "does that mean I have to ring
#: the grandchildren every time?": how long, and that ordinary use is enough (the recorder asks the connection itself each second)
#: comes-and-goes round 3: "I closed the little window after one minute" where it said to wait 5: each watch says it may be
#: stopped as soon as the problem happens again, as the watching window says (the support card's reply says the same words)
WATCH_AFTER_STEP = N_(
    "Then click “{button}”, then “{start}”, and use the computer as usual: no need to start a video call. You can stop the watching as "
    "soon as the problem happens again; otherwise it stops by itself after {duration}. This program then tells you whether "
    "the connection still drops; if it does, go on to the next step."
)
WATCH_ONCE_MORE = N_("Then watch once more, the same way: click “{button}”, then “{start}”.")
#: a busy program's step, then one watch to see whether closing it did it, worded as the cuts' (it said "After each step, click
#: “Watch again while it happens”" without "Start watching", how long, or that one watch follows the step)
BUSY_WATCH_AFTER = N_(
    "Then click “{button}”, then “{start}”, and use the computer as you did when the problem happened. You can stop the watching "
    "as soon as the problem happens again; otherwise it stops by itself after {duration}. This program then tells you "
    "whether it still happens."
)
REC_REPLY_BUSY_KNOWN = N_("If you know “{name}” and do not need it right now, close it (or restart the computer), then see whether the problem comes back.")

#: the customer's sentence once a recording stops (the window's, the reply's first line, the verdict's why)
SAW_CUTS = N_("While this program was watching, the connection was lost {count} times, a few seconds each time.")
SAW_CUTS_LONG = N_("While this program was watching, the connection was lost {count} times, for a while each time.")
SAW_CUT_ONCE = N_("While this program was watching, the connection was lost for a few seconds just when you pressed “It happened now”.")
SAW_CUT_ONCE_LONG = N_("While this program was watching, the connection was lost for a while just when you pressed “It happened now”.")
SAW_BUSY = N_("While this program was watching, a program called “{name}” was keeping the computer very busy when you pressed “It happened now”.")
SAW_BUSY_UNNAMED = N_("While this program was watching, another program was keeping the computer very busy when you pressed “It happened now”.")
SAW_NOTHING = N_("While this program was watching, the connection did not drop.")


def rec_restart_step() -> str:
    """The box restart as a recording's steps say it: the restart, then what it does to a home phone or TV (in the current language)."""
    from selfcheck.plainwords import RESTART_BOX

    return f"{_(RESTART_BOX)} {_(REC_RESTART_PHONE)}"


def step_text(step: str) -> str:
    """One of :func:`plan`'s steps in the current language, as the customer reads it (their verdict, the card's reply)."""
    if step == RESTART:
        return rec_restart_step()
    return _({CABLE: REC_REPLY_CABLE, WIFI: REC_REPLY_WIFI, DEVICE: REC_REPLY_DEVICE}[step])


def plain_program(name: str) -> str:
    """A recorded program's name as a customer may read it (“chrome.exe” → “Google Chrome”), or "" when it cannot be
    shown as it is: control or format characters, too long, or words the plain-words lint refuses (an address)."""
    from selfcheck.inert import inert
    from selfcheck.plainwords import problems, program_name

    named = program_name(" ".join(name.split()))
    if not named or len(named) > 40 or inert(named, keep_lines=False) != named or problems(f"“{named}”"):
        return ""
    return named


def few_seconds(found: Any) -> bool:
    """Whether every cut a recording saw (``found``: its Seen) lasted a few seconds at most (FEW_SECONDS): "a few seconds
    each time" rather than "for a while"."""
    return all(e is not None and e - b <= FEW_SECONDS for b, e in found.cuts)


def saw(found: Any) -> str:
    """What a recording saw (``found``: its :class:`~selfcheck.history.record.Seen`) in one plain sentence (no address, no
    figure but a count of cuts), or "" when it saw too little to say."""
    if found is None:
        return ""
    if found.cut_out:
        few = few_seconds(found)
        if len(found.cuts) == 1:
            return _(SAW_CUT_ONCE if few else SAW_CUT_ONCE_LONG)
        return _(SAW_CUTS if few else SAW_CUTS_LONG).format(count=len(found.cuts))
    if found.busy:
        name = plain_program(found.busy_name)
        return _(SAW_BUSY).format(name=name) if name else _(SAW_BUSY_UNNAMED)
    if (not found.cuts or found.traffic == "went_on") and found.measured and found.seconds >= 5:  # the connection itself held
        return _(SAW_NOTHING)
    return ""


def link_is_wifi(link: Any, facts: Mapping[str, Any], cable: bool) -> bool:
    """Whether the link the recorder read is Wi-Fi: as the recorder knew it (Linux), else as the scan's network.link marks that
    interface (the OS's own list of Wi-Fi adapters on Windows and macOS), else not on a cable only."""
    if link.wireless is not None:
        return bool(link.wireless)
    listed = (facts.get("network.link") or {}).get("interfaces") if isinstance(facts.get("network.link"), Mapping) else None
    for interface in listed if isinstance(listed, list) else []:
        if isinstance(interface, Mapping) and interface.get("name") == link.interface:
            return bool(interface.get("wireless"))
    return not cable


@dataclass(frozen=True)
class Plan:
    """What a recording found and what to try, in order (:func:`plan`)."""

    #: "cuts" (the connection cut out), "busy" (a program kept the computer very busy at the mark), "" (nothing to act on)
    kind: str = ""
    #: where the cuts are, by the internet box's answers: "between" (this computer and the box), "beyond" (the line), None
    where: str | None = None
    #: what this computer's own link did in the cuts, where the box went silent and it settles which: "down", "up", None
    link: str | None = None
    #: the computer is on a cable only (the scan's network.link)
    cable: bool = False
    #: the link that matters is Wi-Fi
    wifi: bool = True
    #: the steps to try, one at a time, in this order (RESTART, CABLE, WIFI, DEVICE)
    steps: tuple[str, ...] = ()
    #: the cable's own link dropped and the computer may have Wi-Fi: using the Wi-Fi meanwhile may avoid the cuts
    meanwhile_wifi: bool = False


def plan(found: Any, facts: Mapping[str, Any] | None = None) -> Plan:
    """What to try about what a recording found (``found``: its Seen; ``facts``: the scan's, for network.link): the cuts'
    place settles the order (the cable or the Wi-Fi first where the link itself dropped, the box first where it held or the
    box kept answering), a computer on a cable is never sent the Wi-Fi's step."""
    from selfcheck.netprobe import may_have_wifi, wired_only

    if found is None or not (found.cut_out or found.busy):
        return Plan()
    if not found.cut_out:
        return Plan(kind="busy")
    facts = facts or {}
    link_facts = facts.get("network.link")
    cable = wired_only(link_facts if isinstance(link_facts, Mapping) else {})
    where = found.box.where if found.box is not None else None
    link = found.link.verdict if where == "between" and found.link is not None and found.link.verdict in ("down", "up") else None
    wifi = link_is_wifi(found.link, facts, cable) if link else not cable
    meanwhile = False
    if where == "beyond":
        steps: tuple[str, ...] = (RESTART,)
    elif link == "up":  # the link held while the box was silent: the box first, then what may sit between or the Wi-Fi's test
        steps = (RESTART, WIFI if wifi else DEVICE)
    elif link == "down":  # the link dropped: the cable or the Wi-Fi first, then the box
        steps = (WIFI if wifi else CABLE, RESTART)
        meanwhile = not wifi and may_have_wifi(link_facts)
    elif where == "between":  # the cable or the Wi-Fi first (the likelier, and no phone cut), then the box
        steps = (CABLE if cable else WIFI, RESTART)
    else:
        steps = (RESTART, CABLE if cable else WIFI)
    return Plan(kind="cuts", where=where, link=link, cable=cable, wifi=wifi, steps=steps, meanwhile_wifi=meanwhile)


def watched_steps(todo: Plan, seconds: float) -> list[str]:
    """:func:`plan`'s cut steps in the current language, each followed by one watch to see whether it did it (the first says
    how long, ``seconds`` at most, and to go on if it still drops, the next "watch once more"): the customer's screen's steps
    and the support card's reply's alike, so the reply carries the screen's steps in the same words."""
    watch = _(WATCH_AFTER_STEP).format(button=_(WATCH_AGAIN), start=_(START_WATCHING), duration=watch_duration(seconds))
    once_more = _(WATCH_ONCE_MORE).format(button=_(WATCH_AGAIN), start=_(START_WATCHING))
    steps: list[str] = []
    for n, step in enumerate(todo.steps):
        steps += [step_text(step), once_more if n else watch]
    return steps
