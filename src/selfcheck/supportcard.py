"""The support card: what a support agent reads first about a bundle.

Computed once from what a bundle holds (the scan's results and diagnosis, each
check's facts, the customer's description, the inventory and the history) and
rendered by ``selfcheck show``, report.html, the window's bundle view and the
ticket text the relay writes. It answers, in this order, the questions an agent
asks before replying: who and what (the reference, the customer's own words and
answers), the most likely cause and how sure we are, the facts that prove it
(one line each), what was ruled out, what was *not* tested and why, the next
question to ask the customer, and what else was found but is unrelated to the
complaint, with where the computer runs (virtual machine, remote session…).

Pure: reads only its arguments (plain dicts, as in a bundle), so it runs the same
when the bundle is made, when support opens it with a newer selfcheck, and in the
relay. The lines are for support staff: exact facts (addresses, sizes, figures)
belong here, unlike in the customer's verdict.
"""

from __future__ import annotations

import logging
import re
import sys
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeGuard

from selfcheck import evidence as evidence_words
from selfcheck import wording
from selfcheck.diagnosis import root_of
from selfcheck.i18n import N_, _, language, ngettext, pick
from selfcheck.inert import inert_name
from selfcheck.platforms.adminprompt import ADMIN_PASSWORD, ANSWERS, CONSENT, NONE, OWN_PASSWORD
from selfcheck.platforms.common import DAY, whole_hours
from selfcheck.platforms.volumes import disk_thresholds, files_volume, room_short, same_space, trash_on
from selfcheck.recorded import (  # the steps a recording leads to, said to the customer too (their verdict)
    REC_REPLY_BUSY_KNOWN as REC_REPLY_BUSY_KNOWN,
)
from selfcheck.recorded import REC_REPLY_CABLE as REC_REPLY_CABLE
from selfcheck.recorded import REC_REPLY_DEVICE as REC_REPLY_DEVICE
from selfcheck.recorded import REC_REPLY_MEANWHILE_WIFI as REC_REPLY_MEANWHILE_WIFI
from selfcheck.recorded import REC_REPLY_WIFI as REC_REPLY_WIFI
from selfcheck.recorded import REC_RESTART_PHONE as REC_RESTART_PHONE
from selfcheck.recorded import rec_restart_step as rec_restart_step

log = logging.getLogger(__name__)

#: the card's sections, in reading order, with their translated titles
SECTIONS = (
    ("customer", N_("The customer says")),
    ("cause", N_("Most likely cause")),
    ("order", N_("What to do")),
    ("decide", N_("Before you reply")),
    ("reply", N_("Reply you can send")),
    ("reply_note", N_("About this reply")),
    ("proof", N_("What proves it")),
    ("recording", N_("Recorded while it happened")),
    ("ruled_out", N_("Ruled out")),
    ("not_tested", N_("Not tested")),
    ("answers", N_("What their answers tell")),
    ("next_question", N_("Ask the customer next")),
    ("changed", N_("What changed")),
    ("tried", N_("Already tried by the customer")),
    ("unrelated", N_("Found, but unrelated to the complaint")),
    ("context", N_("Context")),
)

#: agent rounds 29-32: "the same finding appears three times (card, customer screen, results list)", and agents read the
#: customer's ⚠ block and every result after the card to check they agree: where the card ends, and what follows is for
CARD_ENDS = N_("End of the support card. Below, for reference: the customer's screen and every result.")
#: agent rounds 58 and 60 (cuts-sometimes): "the green 'everything fine' customer screen below the card looks like it contradicts
#: the card until you read the line explaining it was checked between drops": said where the card ends, before the screen
CARD_ENDS_OUTSIDE_CUT = N_(
    "End of the support card. Below, for reference: the customer's screen and every result, made between the cuts, when the "
    "connection worked: that is why they look fine."
)

CONFIDENCE = {"high": N_("high"), "medium": N_("medium"), "low": N_("low")}

_PROBLEM = ("warn", "fail")


@dataclass
class SupportCard:
    reference: str | None = None
    customer: list[str] = field(default_factory=list)
    cause: str | None = None
    cause_id: str | None = None
    confidence: str = "low"
    #: what the confidence is about when part of the cause stays open (line-down: high that it stops at the box)
    confidence_scope: str = ""
    #: what the confidence leaves open, on its own short line under the cause (agent round 10: one line read awkwardly)
    cause_note: str = ""
    #: what the cause leaves open, on a line of its own under ``cause_note`` where that says what is settled (agent round 83)
    cause_open: str = ""
    #: each case the cause leaves open, a short line each (SUB_ITEM: under ``cause_note``, its head), with what settles it
    #: (agent round 102, line-down: "the 'Not settled' line with its two possible causes and a note in brackets took a second
    #: read")
    cause_cases: list[str] = field(default_factory=list)
    #: why the customer's screen said everything looks fine though the cause is real: the computer was checked between the
    #: recorded cuts (agent round 53: "What slowed me down was the 'everything looks fine' screen"); under the cause
    at_rest: str = ""
    #: the scan's results were made between the cuts a recording shows, where the customer's screen says what the recording
    #: found: the results' heading says so once (agent round 92: "the 'all checks OK' list looks reassuring at first glance, until
    #: you read that the checks ran between cuts"), the cause no more (``at_rest`` empty)
    between_cuts: bool = False
    #: what the agent decides before sending, right under the cause, before the reply (at most three short lines; the way to
    #: reach the customer, ``reach``, follows them): send now or check something first, and when to pass it on (agent round
    #: 56, secure sites 4-5 minutes: "most of the time went on two decisions", whose answers came only after the reply)
    decide: list[str] = field(default_factory=list)
    #: the agent's order of work where the cause leaves a question open that the reply settles in part ("1. Send the reply
    #: below now …", "2. Then …"), then why that order, in place of ``decide``; the way to reach the customer (``reach``)
    #: goes under the step that phones or sends the reply, ``reach_at`` (agent rounds 74-82, secure sites 4 minutes where the
    #: other cases take 2: "I had to think about 'the box or our router' before accepting that the reply is safe either way",
    #: "I had to believe the note")
    order: list[str] = field(default_factory=list)
    #: which step of ``order`` phones or sends the reply, the way to reach the customer under it: the first, or the second where
    #: the card is passed to the network team first (round 96 follow-up: the note sat under "1. Now: pass this card to …")
    reach_at: int = 0
    #: a draft reply to the customer, in the customer's language (the bundle's): what to do now, then the deciding question
    reply: str = ""
    #: for the agent, right under the reply: why it can be sent before the open question is settled, and (a recording's card
    #: only, agent round 93) which of its steps are the customer's on-screen steps (agent rounds 29-31: "the same advice appears three times … I had to confirm they
    #: said the same thing"; secure sites 4-5 minutes following the proof before sending; line-down's outage look-up first);
    #: last, what waits until it is sent (agent rounds 65-68: the provider's router "doesn't hold up the reply")
    reply_note: list[str] = field(default_factory=list)
    #: how the reply reaches a customer who cannot open web pages on that computer (their webmail with them), or "": the last
    #: line of "Before you reply"
    reach: str = ""
    follows: list[str] = field(default_factory=list)
    proof: list[str] = field(default_factory=list)
    #: the customer's recording ("It happened now"): how often the support server stopped answering, and the marked moments
    recording: list[str] = field(default_factory=list)
    ruled_out: list[str] = field(default_factory=list)
    not_tested: list[str] = field(default_factory=list)
    next_question: str = ""
    #: where the reply asks the questions (a recording's cuts): what each answer tells, in place of asking them again under
    #: "Ask the customer next" (agent round 84: "I had to match the 'Ask the customer next' section against the questions
    #: already in the reply")
    answers: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    tried: list[str] = field(default_factory=list)
    unrelated: list[str] = field(default_factory=list)
    context: list[str] = field(default_factory=list)
    #: the ids of "for information" results unrelated to the complaint: ``selfcheck show`` folds them into one line at the end
    #: of its results list (agent rounds 12-14: the time zone beside a full disk). Not in the card's text or JSON: a view's choice
    aside: list[str] = field(default_factory=list)
    #: a result's line in ``selfcheck show``'s list, in the card's words in place of its summary (a view's choice, as aside):
    #: agent round 15: "The internet answers" OK beside secure sites blocked read as a contradiction; a consequence's own
    #: advice ("restarting your internet box usually sorts it out") beside a line outage read as more hopeful than the cause
    marks: dict[str, str] = field(default_factory=dict)
    #: the ids of OKs the card's cause contradicts, shown "◐ partly" in ``selfcheck show``'s list, not with a green tick
    #: (agent rounds 14-17: "The internet beyond your internet box ✔ OK" under "secure sites beyond the box are stopped")
    partly: list[str] = field(default_factory=list)
    #: under the customer's steps in ``selfcheck show``: what "the contact button at the bottom of the window" reads
    #: (agent round 15: "I'd need to know what that button is")
    screen_note: str = ""
    #: the customer's screen says what their recording found (verdict.recorded), not "Everything we checked looks fine"
    screen_recorded: bool = False

    @property
    def outside_cut(self) -> bool:
        """The scan's results were made outside the cuts a recording shows (``at_rest`` says why its checks passed): the
        heading of every result below the card says so (agent round 56: "the contradiction between '10 checks OK' and 'cuts
        out'")."""
        return bool(self.at_rest) or self.between_cuts

    @property
    def ends(self) -> str:
        """The line after the card, before the customer's screen and every result (in the current language). Round 82: the
        customer's screen says what their recording found (verdict.recorded), as the card does: the plain line (agent rounds
        82-85, cuts-sometimes, 3-4 minutes: the card's cause says the checks ran between the cuts, and the results' heading;
        not a third time here)."""
        if self.outside_cut and not self.screen_recorded:
            return _(CARD_ENDS_OUTSIDE_CUT)
        return _(CARD_ENDS)

    def to_dict(self) -> dict[str, Any]:
        return {
            "reference": self.reference,
            "customer": list(self.customer),
            "cause": self.cause,
            "cause_id": self.cause_id,
            "confidence": self.confidence,
            "confidence_scope": self.confidence_scope,
            "cause_note": self.cause_note,
            "cause_open": self.cause_open,
            "cause_cases": list(self.cause_cases),
            "at_rest": self.at_rest,
            "between_cuts": self.between_cuts,
            "screen_recorded": self.screen_recorded,
            "decide": list(self.decide),
            "order": list(self.order),
            "reach_at": self.reach_at,
            "reply": self.reply,
            "reply_note": list(self.reply_note),
            "reach": self.reach,
            "follows": list(self.follows),
            "proof": list(self.proof),
            "recording": list(self.recording),
            "ruled_out": list(self.ruled_out),
            "not_tested": list(self.not_tested),
            "next_question": self.next_question,
            "answers": list(self.answers),
            "changed": list(self.changed),
            "tried": list(self.tried),
            "unrelated": list(self.unrelated),
            "context": list(self.context),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> SupportCard:
        """A card read back from a bundle's support-card.json (hostile input: only known fields, only text)."""

        def texts(key: str) -> list[str]:
            value = data.get(key)
            return [str(v) for v in value if isinstance(v, str | int | float)][:50] if isinstance(value, list) else []

        def text(key: str) -> str | None:
            value = data.get(key)
            return str(value) if isinstance(value, str | int | float) else None

        confidence = text("confidence")
        reach_at = data.get("reach_at")
        return cls(
            reference=text("reference"),
            customer=texts("customer"),
            cause=text("cause"),
            cause_id=text("cause_id"),
            confidence=confidence if confidence in CONFIDENCE else "low",
            confidence_scope=(text("confidence_scope") or "")[:300],
            cause_note=(text("cause_note") or "")[:300],
            cause_open=(text("cause_open") or "")[:300],
            cause_cases=[SUB_ITEM + line.strip()[:300] for line in texts("cause_cases")[:4] if line.strip()],
            at_rest=(text("at_rest") or "")[:300],
            between_cuts=data.get("between_cuts") is True,
            screen_recorded=data.get("screen_recorded") is True,
            decide=texts("decide")[:3],
            order=texts("order")[:4],
            reach_at=reach_at if type(reach_at) is int and 0 <= reach_at < 4 else 0,
            reply=(text("reply") or "")[:3000],
            reply_note=texts("reply_note")[:6],
            reach=(text("reach") or "")[:300],
            follows=texts("follows"),
            proof=texts("proof"),
            recording=texts("recording")[:20],  # a row per cut (at most CUT_ROWS_SHOWN and one more) with the lines around them
            ruled_out=texts("ruled_out"),
            not_tested=texts("not_tested"),
            next_question=text("next_question") or "",
            answers=texts("answers")[:6],
            changed=texts("changed"),
            tried=texts("tried"),
            unrelated=texts("unrelated"),
            context=texts("context"),
        )

    def sections(self) -> list[tuple[str, str, list[str]]]:
        """(key, translated title, lines) for every non-empty section, in reading order; every line inert
        (control characters shown escaped: a line may quote what a customer's computer said)."""
        return [(key, title, [inert(line) for line in lines]) for key, title, lines in self._sections()]

    def _sections(self) -> list[tuple[str, str, list[str]]]:
        out: list[tuple[str, str, list[str]]] = []
        for key, title in SECTIONS:
            if key == "cause":
                lines = (
                    [_("{cause} (confidence: {level})").format(cause=self.cause, level=self.confidence_scope or _(CONFIDENCE[self.confidence]))]
                    if self.cause
                    else [_("No cause found.")]
                )
                if self.cause_note:
                    lines.append(self.cause_note)
                    lines += self.cause_cases
                if self.cause_open:
                    lines.append(self.cause_open)
                if self.at_rest:
                    lines.append(self.at_rest)
                if self.follows:
                    lines.append(_("Failing because of it, not separate problems: {checks}.").format(checks=", ".join(self.follows)))
            elif key == "next_question":  # short lines, in the order to ask them (agent round 8: one run-on sentence)
                lines = [line for line in self.next_question.splitlines() if line.strip()][:8]
            elif key == "reply":  # agent round 10: replies took the time; a draft, the agent edits it
                lines = [line for line in self.reply.splitlines() if line.strip()][:12]
            elif key == "order":  # the steps in order, how to reach the customer under the one that phones or sends the reply
                reach = [SUB_ITEM + self.reach] if self.reach else []
                at = min(self.reach_at, len(self.order) - 1) + 1
                lines = [*self.order[:at], *reach, *self.order[at:]] if self.order else []
            elif key == "decide":  # how the reply reaches the customer, then what the agent decides, in the order they act
                # agent rounds 60-61 (secure-sites, 4-5 minutes): "decide between phone and email", "choosing a way to reach the
                # customer" after the send-now and after-sending lines: the first thing they do is reach them
                lines = [*([self.reach] if self.reach and not self.order else []), *self.decide]
            else:
                lines = list(getattr(self, key))
            if lines:
                out.append((key, _(title), lines))
        return out

    def to_text(self) -> str:
        """Plain text (terminal, ticket comment): a title line, then one block per section (an entry under a heading indented)."""
        head = inert(_("Support card — reference {reference}").format(reference=self.reference) if self.reference else _("Support card"))
        blocks = [head, "=" * len(head)]
        for key, title, lines in self.sections():
            blocks.append("")
            blocks.append(_("{title}:").format(title=title))
            if key == "reply":  # a letter, not a list: indented, no dashes
                blocks += [f"    {line}" for line in lines]
                continue
            blocks += [
                f"      - {line.lstrip()}" if is_sub_item(line) else f"  {line}" if is_numbered(line) else f"  - {line}" for line in lines
            ]  # "1. …" needs no dash
        return "\n".join(blocks) + "\n"


_NUMBERED = re.compile(r"^\d{1,2}\. ")
#: a line that is an entry of the line above (the sites tried under "selfcheck's own test sites tried"): it starts so,
#: and each renderer indents it under its heading (agent round 14: "the entries sit at the heading's indent")
SUB_ITEM = "  "


def is_sub_item(line: str) -> bool:
    return line.startswith(SUB_ITEM) and bool(line.strip())


def is_numbered(line: str) -> bool:
    """A numbered step ("1. …", the questions to ask in their order): it carries its number, so no renderer puts a bullet or a
    dash before it (review 38: report.html and the window showed "• 1. Did they restart…" where `show` printed "1. …")."""
    return bool(_NUMBERED.match(line))


def inert(text: str) -> str:
    """One line of the card, inert: control and format characters shown escaped, line breaks too."""
    from selfcheck.inert import inert as _inert

    return _inert(text, keep_lines=False)


# --- facts that prove a cause, per check ----------------------------------------------------------------


def _fmt_ms(value: Any) -> str:
    """'12 ms', '2.9 ms', and 'under 1 ms' (not '0.0 ms', read as 'broken')."""
    try:
        ms = float(value)
    except (TypeError, ValueError):
        return "?"
    if ms < 1:
        return _("under 1 ms")
    return _("{ms} ms").format(ms=wording.number(ms, 0 if ms >= 10 else 1))


def _size(n: Any) -> str:
    """A size as the customer's verdict writes it (wording.size: '155 GB', '1,4 Go'), so the card and the verdict agree."""
    from selfcheck.wording import size

    try:
        return size(float(n))
    except (TypeError, ValueError):
        return "?"


def _gateway_lines(facts: Mapping[str, Any]) -> list[str]:
    """One line about the router: pings, TCP ports, and its hardware address only when the computer could not learn it."""
    gw = facts.get("gateway")
    if not gw:
        return [_("No default route (no router set) on this computer.")]
    ping = facts.get("ping") or {}
    parts = []
    sent, received = ping.get("sent"), ping.get("received")
    if sent:
        rtts = sorted(float(x) for x in ping.get("rtts_ms") or [] if isinstance(x, int | float))
        median = _fmt_ms(rtts[len(rtts) // 2]) if rtts else "-"
        parts.append(_("{received} of {sent} pings answered (median {median})").format(received=received, sent=sent, median=median))
        if not received:  # agent round 6: "0 of 3 pings, yet ruled out?": said where it is read
            parts[-1] = _("no answer to pings (many boxes ignore them)")
    tcp = facts.get("tcp") or {}
    if isinstance(tcp, Mapping) and tcp:
        answered = [p for p, s in tcp.items() if s in ("ok", "refused")]
        if answered and sent and not received:  # agent round 16: "no answer … it is on and working" made the agent wonder: one line
            parts[-1] = _("does not answer pings (many boxes don't), but answers connections: it is on")
        elif answered:  # agent round 7: "answers on TCP ports 443, 53, 80" was jargon: what answered, in words
            # agent round 13: "it answers when this computer connects to it" read awkwardly
            # agent round 20: "it is on and working" beside a card that suspects the box read as clearing it: the fact only
            parts.append(_("this computer can connect to it"))
        elif not received:
            parts.append(_("no answer on TCP ports {ports}").format(ports=", ".join(sorted(tcp))))
    if facts.get("neighbour") and facts["neighbour"] == "incomplete":
        parts.append(_("its hardware address is unknown to this computer ({state})").format(state=facts["neighbour"]))
    return [_("Router {address}: {facts}.").format(address=gw, facts=_("; ").join(parts))] if parts else []


def _dns_lines(facts: Mapping[str, Any]) -> list[str]:
    lines = []
    queries = facts.get("queries") or {}
    for server, per_name in queries.items() if isinstance(queries, Mapping) else ():
        if not isinstance(per_name, Mapping):
            continue
        router = bool(facts.get(GATEWAY_KEY)) and str(server) == str(facts.get(GATEWAY_KEY))
        shown = _(DNS_IS_THE_ROUTER).format(server=server) if router else server  # agent round 13: "DNS server 10.77.0.1", "Router 10.77.0.1": same?
        statuses = [a.get("status") for a in per_name.values() if isinstance(a, Mapping)]
        replies = {a.get("rcode") for a in per_name.values() if isinstance(a, Mapping)}
        answered = sum(1 for s in statuses if s == "answer")
        tries = max((int(a.get("sent") or 1) for a in per_name.values() if isinstance(a, Mapping)), default=1)
        if not answered and statuses and len(set(statuses)) == 1 and statuses[0] in ("refused", "timeout"):
            # agent rounds 23 and 26: "says no to every name" read a refused connection (nothing takes the question: the
            # status "refused", netprobe's ECONNREFUSED) as a server that answers and declines: the two are told apart
            refused = DNS_CONNECTION_REFUSED_BOX if router else DNS_CONNECTION_REFUSED
            lines.append(
                (_(refused) if statuses[0] == "refused" else _("DNS server {server}: no answer to any of the {n} names ({tries} tries each).")).format(
                    server=shown, n=len(statuses), tries=tries
                )
            )
        elif answered == len(statuses) and replies == {"REFUSED"}:  # it answers, and its answer is a refusal
            lines.append(_(DNS_SAYS_NO).format(server=shown, n=len(statuses)))
        elif answered == len(statuses):
            ms = max((float(a.get("ms") or 0) for a in per_name.values() if isinstance(a, Mapping)), default=0)
            rcodes = sorted({str(a.get("rcode")) for a in per_name.values() if isinstance(a, Mapping) and a.get("rcode")})
            lines.append(
                _("DNS server {server}: answered {n} of {n} names (slowest {ms}; {codes}).").format(
                    server=shown, n=len(statuses), ms=_fmt_ms(ms), codes=", ".join(rcodes) or "-"
                )
            )
        else:
            kinds = sorted({str(s) for s in statuses if s != "answer"})
            lines.append(
                _("DNS server {server}: answered {answered} of {n} names (the others: {kinds}).").format(
                    server=shown, answered=answered, n=len(statuses), tries=tries, kinds=", ".join(kinds)
                )
            )
    # where the DNS servers are set (a file name) is not on the card (round 5: noise on the first screen); it stays in the facts
    return lines


def _address_lines(facts: Mapping[str, Any]) -> list[str]:
    """What the addresses beyond the router, reached by their numbers, did (network.internet's facts)."""
    return _internet_lines({k: v for k, v in facts.items() if k != "second_resolver"})


#: an address tried when network.internet tried both IPv4 and IPv6 ones: the family is named, so that "IPv4 cut, IPv6
#: works" (or the reverse) is read at a glance
ADDRESS_OF_FAMILY = N_("{address} (over {family})")
#: the same, inside the brackets of a line that says first what the address is (_internet_lines)
ADDRESS_OF_FAMILY_INNER = N_("{address} over {family}")


def _named_addresses(addresses: Any, inner: bool = False) -> dict[str, str]:
    """network.internet's addresses as the card writes them: each with its family (IPv4, IPv6) when both were tried;
    ``inner``: as said inside brackets (ADDRESS_OF_FAMILY_INNER)."""
    keys = [str(a) for a in addresses] if isinstance(addresses, Mapping) else []
    family = {a: "IPv6" if a.startswith("[") or a.count(":") > 1 else "IPv4" for a in keys}  # "[v6]:port", "v4:port"
    if len(set(family.values())) < 2:
        return {a: a for a in keys}
    return {a: _(ADDRESS_OF_FAMILY_INNER if inner else ADDRESS_OF_FAMILY).format(address=a, family=family[a]) for a in keys}


def _internet_lines(facts: Mapping[str, Any], named: Mapping[str, str] | None = None) -> list[str]:
    """What network.internet's addresses (reached by number) and its comparison DNS server did. Agent round 99 (line-down,
    both agents: "The raw addresses in 'What proves it' (198.51.100.x) mean nothing to me"): a line for the addresses that did
    not answer says first what they are, in plain words, the addresses and how the tries ended in brackets; those that ended
    the same way in one line."""
    lines = []
    named = named if named is not None else _named_addresses(facts.get("addresses"))
    inner = _named_addresses(facts.get("addresses"), inner=True)
    silent: dict[str, list[str]] = {}  # the addresses that did not answer, by how the try ended: one line each way
    places: dict[int, str] = {}  # where each of those lines goes (where its first address was)
    for address, probe in (facts.get("addresses") or {}).items():
        if not isinstance(probe, Mapping):
            continue
        if probe.get("status") in ("ok", "refused"):
            lines.append(
                _("Reached {address} on the internet by its number, no name needed ({status}, {ms}).").format(
                    address=named.get(address, address), status=probe.get("status"), ms=_fmt_ms(probe.get("ms"))
                )
            )
        else:
            status = str(probe.get("status"))
            if status not in silent:
                silent[status] = []
                places[len(lines)] = status
                lines.append("")  # its place, said below
            silent[status].append(inner.get(address, address))
    for at, status in places.items():
        addresses = silent[status]
        lines[at] = ngettext(
            "A server on the internet, tried by its number ({address}): no answer ({status}).",
            "Servers on the internet, tried by their numbers ({address}): no answer ({status}).",
            len(addresses),
        ).format(address=_(", ").join(addresses), status=status)
    second = facts.get("second_resolver") or {}
    if isinstance(second, Mapping) and second.get("server"):
        own = str(second["server"]) in {str(s) for s in facts.get(OWN_RESOLVERS) or ()}
        if second.get("addresses") and own:
            pass  # the computer's own server answering says nothing the DNS lines do not
        elif second.get("addresses"):
            lines.append(_(COMPARISON_FOUND).format(server=second["server"], name=second.get("name"), addresses=", ".join(second["addresses"][:3])))
        else:
            if not own and second.get("status") in ("timeout", "unreachable"):
                lines.append(_(COMPARISON_SILENT).format(server=second["server"], status=second.get("status")))
            elif not own:
                lines.append(_(COMPARISON_STATUS).format(server=second["server"], status=second.get("status") or "-"))
            elif second.get("status") in ("timeout", "unreachable"):
                lines.append(_(COMPARISON_OWN_STATUS).format(server=second["server"], status=second.get("status")))
    return lines


#: the key under which build() hands _internet_lines this computer's own DNS servers (from network.dns's facts)
OWN_RESOLVERS = "_own_resolvers"
#: the key under which build() hands _dns_lines the router's address (network.gateway's facts)
GATEWAY_KEY = "_gateway"
#: stop 31: network.https's own kind of each site (its evidence, "results" -> url -> "kind"), put in its facts by the card:
#: whether a relay's 403 is the company's filter deciding ("filtered") is the check's rule, read here, not written again
HTTPS_KINDS = "_kinds"
DNS_IS_THE_ROUTER = N_("{server} (the router: the internet box itself)")
#: agent rounds 23 and 26: "says no to every name" was "slightly loose" where each query's connection was refused ("which
#: means the box's name service isn't answering at all, not that it declines names"): a refused connection, and a
#: server that answers "REFUSED", in their own words
DNS_CONNECTION_REFUSED_BOX = N_(
    "DNS server {server}: its name service is not answering at all: the box turns the connection away "
    "({n} test names, each “connection refused”), so that part of the box has stopped."
)
DNS_CONNECTION_REFUSED = N_(
    "DNS server {server}: its name service is not answering at all: the server turns the connection away ({n} test names, each “connection refused”)."
)
DNS_SAYS_NO = N_("DNS server {server}: it answers, but says no to every name it is asked to find ({n} test names, all refused).")
COMPARISON_FOUND = N_("A public DNS server asked only for comparison ({server}, not one this computer uses) found {name} at {addresses}.")
COMPARISON_STATUS = N_("A public DNS server asked only for comparison ({server}, not one this computer uses): {status}.")
#: ed41919 (line-down as a real home, the box its DNS server): ": timeout." ended the line bare, where the old card said
#: "did not answer either (timeout)": a server that stays silent is said to
COMPARISON_SILENT = N_("A public DNS server asked only for comparison ({server}, not one this computer uses) did not answer ({status}).")
COMPARISON_OWN_STATUS = N_("This computer's own DNS server {server} did not answer either ({status}).")


def _quality_lines(facts: Mapping[str, Any]) -> list[str]:
    lines = []
    for key, value in facts.items():
        if isinstance(value, Mapping) and "sent" in value:
            rtts = value.get("rtts_ms") or []
            received = value.get("received", len(rtts))
            lines.append(_("{target}: {received} of {sent} probes answered.").format(target=key, received=received, sent=value.get("sent")))
    return lines


#: agent round 12: "265 GB" (the system's part) beside "256 GB" (the files' part) read as a typo: the system's size says nothing here
DISK_PARTS = {
    "system": N_("The part of the disk that holds the system ({mount}): {free} free."),
    "home": N_("The part of the disk that holds the customer's files ({mount}): {free} free of {total}."),
}


#: a review: Fedora's "/" and /home (btrfs subvolumes of one device), Ubuntu's ZFS datasets of one pool, read as two full parts
#: of the disk, each with the same few MB free: one space, one line
SHARED_SPACE = N_("The disk's space, shared by the system ({system}) and the customer's files ({home}): {free} free of {total}.")


def _short_of_room(volume: Mapping[str, Any], facts: Mapping[str, Any], thresholds: Mapping[str, Any] | None) -> bool:
    """Whether the disk check judged ``volume`` (one of its ``facts``' volumes) almost full or full, by its own rule with
    the scan's ``thresholds`` (:func:`disk_thresholds`; None: the shipped ones): platforms.volumes.room_short."""
    try:
        return room_short(volume, facts.get("volumes"), facts.get("platform"), thresholds or disk_thresholds(None)) > 0
    except (TypeError, ValueError, OverflowError):
        return False


def _disk_lines(facts: Mapping[str, Any], thresholds: Mapping[str, Any] | None = None) -> list[str]:
    """The disk check's facts as support reads them; a volume is said nearly full as the check judged it with the scan's
    ``thresholds`` (:func:`disk_thresholds`; None: the shipped ones)."""
    lines = []
    roles = [v.get("role") for v in facts.get("volumes") or [] if isinstance(v, Mapping)]
    files = files_volume(facts.get("volumes"))
    # the system's part listed apart from the files' but drawing on their space (platforms.volumes.same_space)
    sharing = [
        v
        for v in facts.get("volumes") or []
        if isinstance(v, Mapping) and v is not files and v.get("role") == "system" and files is not None and same_space(v, files)
    ]
    # the customer's files on their own part of the disk: say which part is which
    separate = "home" in roles and "system" in roles and not sharing
    volumes = list(facts.get("volumes") or [])
    if separate:  # agent round 13: "49.7 GB free" first was confusing: the customer's files' part first
        volumes.sort(key=lambda v: 0 if isinstance(v, Mapping) and v.get("role") == "home" else 1)
    for volume in volumes:
        if not isinstance(volume, Mapping):
            continue
        total, free = volume.get("total"), volume.get("free")
        if not total or any(volume is v for v in sharing):
            continue
        if sharing and volume is files:
            lines.append(
                _(SHARED_SPACE).format(system=sharing[0].get("mountpoint") or "?", home=volume.get("mountpoint") or "?", free=_size(free), total=_size(total))
            )
            continue
        nearly_full = _short_of_room(volume, facts, thresholds)
        mount = str(volume.get("mountpoint") or "")
        scratch = str(volume.get("fstype") or "") in ("tmpfs", "devtmpfs", "squashfs", "overlay") or mount.startswith(
            ("/tmp/", "/dev/", "/run/", "/snap/", "/var/lib/docker")
        )
        if volume.get("role") not in ("system", "home") and scratch and not nearly_full:
            continue  # a roomy scratch or system-internal volume says nothing here
        device = str(volume.get("device") or "")
        if volume.get("role") not in ("system", "home") and volume.get("readonly") and (not device.startswith("/dev/") or device.startswith("/dev/loop")):
            # read-only and no disk of its own (a read-only tmpfs, a packaged app's image, a disk image mounted with
            # mount -o loop): full by design, and the check judges it so; a computer with two hundred of them (snap-like
            # app images) put two hundred lines here
            continue
        part = DISK_PARTS.get(str(volume.get("role"))) if separate else None
        if part is not None and not volume.get("removable"):  # agent round 8: "/ (system)" is developer words
            lines.append(_(part).format(mount=volume.get("mountpoint") or "?", free=_size(free), total=_size(total)))
            continue
        lines.append(
            _("{mount} ({role}{removable}): {free} free of {total}.").format(
                mount=volume.get("mountpoint") or volume.get("device") or "?",
                role=volume.get("role") or "other",
                removable=", removable" if volume.get("removable") else "",
                free=_size(free),
                total=_size(total),
            )
        )
    trash = facts.get("trash")
    if isinstance(trash, Mapping) and "bytes" in trash:
        lines.append(_(TRASH_HOLDS).format(size=_size(trash["bytes"])))
        lines += _trash_not_on_full(facts, thresholds)
    largest = facts.get("largest_folders") or {}
    # the disk check keeps, per full volume, {"root", "folders": [{"name", "bytes", "at_least"?}], "complete", "listed_all",
    # "unreadable": [{"name", "bytes": None}], "loose_files"?, "error"?} (checks/hardware_disk.py largest_folders)
    for mountpoint, info in largest.items() if isinstance(largest, Mapping) else ():
        counted = [f for f in (info.get("folders") or []) if isinstance(f, Mapping)] if isinstance(info, Mapping) else []
        # a folder only partly read is listed whatever was counted in it: what could not be read may make it the biggest
        folders = counted[:6] + [f for f in counted[6:] if f.get("at_least")]
        root = info.get("root") or mountpoint if isinstance(info, Mapping) else mountpoint
        # folders closed to the customer's account (another user's): counted as nothing, one of them was the biggest (s33)
        closed = [inert_name(f.get("name")) for f in (info.get("unreadable") or [] if isinstance(info, Mapping) else []) if isinstance(f, Mapping)]
        if closed:
            closed_line = ngettext(
                "{folders} could not be read: its size is unknown, it may be the largest.",
                "{folders} could not be read: their sizes are unknown, one of them may be the largest.",
                len(closed),
            ).format(folders=", ".join(closed))
        loose_line = _loose_files_line(info, root, counted[:6]) if isinstance(info, Mapping) else ""
        if not folders:
            if loose_line:
                lines.append(loose_line)
            if isinstance(info, Mapping) and info.get("error"):
                # the folder itself could not be listed (closed to this account): not a lack of time
                lines.append(_("Largest folders in {root} (on {volume}): not known, it could not be read.").format(root=root, volume=mountpoint))
            elif isinstance(info, Mapping) and info.get("listed_all") is False:
                # time ran out while the folder itself was listed (300,000 files in a home): said, not left out silently
                lines.append(_("Largest folders in {root} (on {volume}): not known, the time ran out while listing it.").format(root=root, volume=mountpoint))
            elif closed:
                lines.append(_("Largest folders in {root} (on {volume}): not known.").format(root=root, volume=mountpoint) + " " + closed_line)
            continue
        listed = ", ".join(f"{inert_name(f.get('path') or f.get('name'))} {_folder_size(f)}" for f in folders)  # names from the disk
        line = _("Largest folders in {root} (on {volume}): {folders}.").format(root=root, volume=mountpoint, folders=listed)
        if info.get("listed_all") is False:
            line += " " + _("(counting stopped early: other folders were not counted and may be bigger)")
        elif info.get("complete") is False:
            line += " " + _("(counting stopped early: at least these sizes)")
        # a closed folder inside one of them (another account's, in "Pictures"): its size is a minimum, and, listed below
        # another, it may be the biggest (s33: "Documents" 5 MB was read as the biggest beside "Pictures" 3 MB + 8 MB closed)
        partly = [f for f in folders if f.get("at_least")]
        if partly:
            line += " " + ngettext(
                "Some folders inside {folders} could not be read: it holds more than counted.",
                "Some folders inside {folders} could not be read: they hold more than counted.",
                len(partly),
            ).format(folders=", ".join(inert_name(f.get("name")) for f in partly))
            if any(f is not folders[0] for f in partly):
                line += " " + ngettext("It may be the largest.", "One of them may be the largest.", len(partly))
        if closed:
            line += " " + closed_line
        lines.append(line)
        if loose_line:
            lines.append(loose_line)
        caches = [f for f in folders if str(f.get("name") or "").lower() in CACHE_FOLDERS]
        if caches:  # round 5: the agent saw .cache among the largest and nothing about it in the customer's steps
            lines.append(_(CACHE_SAFE).format(folder=inert_name(caches[0].get("name")), size=_size(caches[0].get("bytes"))))
    return lines


TRASH_HOLDS = N_("Trash holds {size}.")
#: a review: a full "/" beside a roomy /home was offered to empty the Trash (in the home folder, on /home), and a full C: the
#: Recycle Bin's part on D:; the check now offers only the part on the full volume: said, so the agent knows why there was no offer
TRASH_NOT_ON_FULL = N_(
    "The trash is all on another part of the disk than the full one ({mount}): emptying it would make no room there, so the customer "
    "was not offered to empty it."
)
TRASH_PART_ON_FULL = N_(
    "Of that, {part} is on the full drive ({mount}): emptying the rest makes no room there, so the customer's screen weighs the offer to empty it "
    "by that part only."
)


def _trash_not_on_full(facts: Mapping[str, Any], thresholds: Mapping[str, Any] | None = None) -> list[str]:
    """For each volume of the system or the customer's files the disk check judged nearly full (with the scan's
    ``thresholds``), when the trash is not (all) on it: why the customer was not offered to empty it, or was offered only
    the part on it (platforms.volumes.trash_on, as the disk check counts it)."""
    held = (facts.get("trash") or {}).get("bytes")
    if not isinstance(held, int | float) or isinstance(held, bool) or held <= 0:
        return []
    lines = []
    for volume in facts.get("volumes") or []:
        if not isinstance(volume, Mapping) or volume.get("role") not in ("system", "home"):
            continue
        # a Mac's sealed "/" is not judged (the check judges the Data volume, whose space it shares): never nearly full here
        if not _short_of_room(volume, facts, thresholds):
            continue
        here = trash_on(facts, volume)
        if here is None or here >= held:
            continue
        mount = volume.get("mountpoint") or "?"
        lines.append(_(TRASH_NOT_ON_FULL).format(mount=mount) if here == 0 else _(TRASH_PART_ON_FULL).format(part=_size(here), mount=mount))
    return lines


def _folder_size(folder: Mapping[str, Any]) -> str:
    """A counted folder's size, said as a minimum when folders inside it could not be read (``at_least``)."""
    return _("at least {size}").format(size=_size(folder.get("bytes"))) if folder.get("at_least") else _size(folder.get("bytes"))


def _loose_files_line(info: Mapping[str, Any], root: Any, folders: Sequence[Mapping[str, Any]]) -> str:
    """The files kept directly in a full volume's counted folder (a camera import dumped there), when they weigh as much as
    a folder listed: their size and number, and the file that makes most of it (what the agent can name), or ""."""
    loose = info.get("loose_files")
    if not isinstance(loose, Mapping) or not isinstance(loose.get("bytes"), int | float) or loose["bytes"] <= 0:
        return ""
    sized = [float(f["bytes"]) for f in folders if isinstance(f.get("bytes"), int | float)]
    if sized and loose["bytes"] < min(sized):
        return ""  # a home's few small files beside big folders: nothing to tell
    count = int(loose.get("count") or 0)
    largest = loose.get("largest")
    if count == 1 and isinstance(largest, Mapping):
        return _("One file directly in {root}, in no folder: {name} ({size}).").format(
            root=root, name=inert_name(largest.get("name")), size=_size(loose["bytes"])
        )
    line = ngettext(
        "Files directly in {root}, in no folder: {size} in {n} file.", "Files directly in {root}, in no folder: {size} in {n} files.", count
    ).format(root=root, size=_size(loose["bytes"]), n=count)
    # one file that makes most of it (a film, a disk image) is named: 200 photos of 40 kB are not, one of them says nothing
    if isinstance(largest, Mapping) and isinstance(largest.get("bytes"), int | float) and largest["bytes"] * 2 >= loose["bytes"]:
        line += " " + _("Most of it is {name} ({size}).").format(name=inert_name(largest.get("name")), size=_size(largest["bytes"]))
    return line


#: folders of programs' caches (Linux, macOS, Windows): safe to clear, the programs make them again
CACHE_FOLDERS = {".cache", "caches", "cache", "temp", "inetcache"}
#: agent round 93 (full drive: "Only the length of 'What proves it' slowed me down"): in fewer words
CACHE_SAFE = N_("{folder} ({size}): programs' caches, safe to clear with the programs closed; hidden, so not in the customer's steps.")


def _clock_lines(facts: Mapping[str, Any]) -> list[str]:
    lines = []
    for server, r in (facts.get("ntp") or {}).items():
        if isinstance(r, Mapping) and r.get("status") == "ok" and isinstance(r.get("offset_s"), int | float):
            offset = float(r["offset_s"])
            lines.append(
                (
                    _("Time server {server} ({address}): this computer is {seconds} s ({duration}) {direction}.")
                    if abs(offset) >= 120
                    else _("Time server {server} ({address}): this computer is {seconds} s {direction}.")
                ).format(
                    server=server,
                    address=r.get("address") or "?",
                    seconds=wording.number(abs(offset), 0),
                    duration=_duration(round(abs(offset) / 60) * 60),
                    direction=_("behind") if offset > 0 else _("ahead"),
                )
            )
        elif isinstance(r, Mapping):
            lines.append(_("Time server {server}: {status}.").format(server=server, status=r.get("status") or "?"))
    lines += _second_source_lines(facts)
    zone = _zone(facts)
    behind = clock_offset({"network.clock": facts})
    if zone and behind is not None and abs(behind) >= 120:  # agent round 13: "which time zone to pick?": the one it is set to, first
        seasonal = zone_offset_by_date(facts, behind)
        lines.append(_(CLOCK_ZONE_SET).format(zone=zone) if not seasonal else _(CLOCK_ZONE_SET_SEASON).format(zone=zone, **seasonal))
    return lines


#: agent round 22 b trusted the card because "Both the time server and a web server's date confirm this": the check now
#: waits for a second source when the offset is large and records whether it agrees (facts' "confirmation"); the card says
#: "agrees" only when it does, and says so when it does not
WEB_DATE_AGREES = N_("A web server's date header agrees: {seconds} s off.")
WEB_DATE = N_("A web server's date header: this computer is {seconds} s {direction}.")
WEB_DATE_DISAGREES = N_(
    "A web server's date header does not agree: by it, this computer is {amount} {direction}. Which one is right is not known, so the check claims no offset."
)
TIME_SERVERS_DISAGREE = N_(
    "The time servers do not agree with each other ({server} differs by {amount}). Which one is right is not known, so the check claims no offset."
)
NO_SECOND_SOURCE = N_("Nothing else confirmed this offset: no second source (a web server's date, another time server) answered.")


def _seconds_and_duration(seconds: float) -> str:
    """'10739561 s (124 days)', '42 s' (the duration from two minutes on, as the time servers' lines)."""
    amount = abs(seconds)
    if amount >= 120:
        return _("{seconds} s ({duration})").format(seconds=wording.number(amount, 0), duration=_duration(round(amount / 60) * 60))
    return _("{seconds} s").format(seconds=wording.number(amount, 0))


def _is_number(value: Any) -> TypeGuard[int | float]:
    """An int or a float, not a bool (a bundle's value may be anything)."""
    return isinstance(value, int | float) and not isinstance(value, bool)


def _second_source_lines(facts: Mapping[str, Any]) -> list[str]:
    """The web server's date, and whether the second source agrees with the time the check trusted (facts' "confirmation")."""
    confirmed = facts.get("confirmation")
    confirmed = confirmed if isinstance(confirmed, Mapping) else {}
    status, by = confirmed.get("status"), str(confirmed.get("by") or "")
    lines = []
    web = facts.get("http_offset_s")
    if isinstance(web, int | float) and not isinstance(web, bool):
        seconds = wording.number(abs(float(web)), 0)
        direction = _("behind") if web > 0 else _("ahead")
        if by == "http" and status == "agree":
            lines.append(_(WEB_DATE_AGREES).format(seconds=seconds))
        elif by == "http" and status == "disagree":
            lines.append(_(WEB_DATE_DISAGREES).format(amount=_seconds_and_duration(float(web)), direction=direction))
        else:  # no comparison recorded (a bundle made before it was), or another source was the one compared
            lines.append(_(WEB_DATE).format(seconds=seconds, direction=direction))
    by_s, own_s = confirmed.get("by_offset_s"), confirmed.get("offset_s")
    if status == "disagree" and by.startswith("ntp:") and _is_number(by_s) and _is_number(own_s):  # a bundle is hostile input
        apart = abs(float(by_s) - float(own_s))
        lines.append(_(TIME_SERVERS_DISAGREE).format(server=inert(by[4:84]), amount=_seconds_and_duration(apart)))
    offset = confirmed.get("offset_s")
    if status == "none" and isinstance(offset, int | float) and abs(float(offset)) >= 120:
        lines.append(_(NO_SECOND_SOURCE))
    return lines


#: agent round 22: "Europe/London (UTC+01:00)" for a December bundle whose clock read August: the offset is the one for the
#: computer's (wrong) date, summer time there; said when the zone's rules show the offset differs at the true date
CLOCK_ZONE_SET_SEASON = N_("Time zone this computer is set to: {zone}, {season} at the wrong date its clock showed ({date}); at the true date: {true_offset}.")
ZONE_SUMMER = N_("summer time")
ZONE_OFFSET_OF_DATE = N_("the offset")


def zone_offset_by_date(clock: Mapping[str, Any], behind: float) -> dict[str, str]:
    """When the clock's recorded UTC offset is its zone's offset at the computer's (wrong) date and differs from the zone's
    offset at the true time (``behind`` seconds later): {season, date, true_offset}; {} when the facts (or this computer's time
    zone rules) do not allow the comparison."""
    import datetime as dt
    import zoneinfo

    from selfcheck.platforms.common import utc_offset_text

    tz = clock.get("time_zone")
    local = clock.get("local_time")
    if not isinstance(tz, Mapping) or not isinstance(local, int | float) or isinstance(local, bool):
        return {}
    name, minutes = tz.get("zone"), tz.get("utc_offset_minutes")
    if not isinstance(name, str) or not isinstance(minutes, int) or isinstance(minutes, bool):
        return {}
    try:
        rules = zoneinfo.ZoneInfo(name.strip())
        then = dt.datetime.fromtimestamp(float(local), rules)
        now = dt.datetime.fromtimestamp(float(local) + behind, rules)
    except (ValueError, OSError, OverflowError, zoneinfo.ZoneInfoNotFoundError):
        return {}
    offset_then, offset_now, summer = then.utcoffset(), now.utcoffset(), then.dst()
    if offset_then is None or offset_now is None or round(offset_then.total_seconds() / 60) != minutes or offset_then == offset_now:
        return {}
    return {
        "season": _(ZONE_SUMMER) if summer and summer > dt.timedelta(0) else _(ZONE_OFFSET_OF_DATE),
        "date": wording.long_date(then.date().isoformat()),  # "August 3, 2026" / « 3 août 2026 », not "2026-08-03" (issue 21)
        "true_offset": utc_offset_text(round(offset_now.total_seconds() / 60)),
    }


#: agent round 13: "the card doesn't say where the customer is, so I can't tell them which time zone to pick"
CLOCK_ZONE_SET = N_("Time zone this computer is set to: {zone}.")
CLOCK_RIGHT_AT = N_(
    "The time it shows is right for {offset}: if the customer is in that time zone, their time zone setting is the wrong one "
    "(and the time was set by hand to match)."
)


def _zone(clock: Mapping[str, Any], offset_too: bool = True) -> str:
    """'Europe/London (UTC+00:00)' from the clock check's facts (hostile input: text only, short), or ''; the name alone
    without ``offset_too`` (the customer's reply)."""
    from selfcheck.platforms.common import utc_offset_text

    tz = clock.get("time_zone") if isinstance(clock, Mapping) else None
    if not isinstance(tz, Mapping) or not isinstance(tz.get("zone"), str) or not tz["zone"].strip():
        return ""
    offset = utc_offset_text(tz.get("utc_offset_minutes"))
    zone = inert(tz["zone"].strip()[:60])
    return f"{zone} ({offset})" if offset and offset_too else zone


def _right_at(clock: Mapping[str, Any], offset: float) -> str:
    """The UTC offset at which a clock ``offset`` seconds behind, in the zone it is set to, shows the right time."""
    from selfcheck.platforms.common import utc_offset_text

    tz = clock.get("time_zone") if isinstance(clock, Mapping) else None
    minutes = tz.get("utc_offset_minutes") if isinstance(tz, Mapping) else None
    if not isinstance(minutes, int) or isinstance(minutes, bool):
        return ""
    right = minutes - round(offset / 60)
    return utc_offset_text(right) if -14 * 60 <= right <= 14 * 60 else ""


#: stop 31 proxy review: the company's relay answering its own block page read "https://www.lab.example/ (?): proxy_refused"
HTTPS_FILTER_BLOCK_PAGE = N_("{url}: the company's web filter answered with its block page (403) instead of opening the way to this site.")
HTTPS_RELAY_REFUSED = N_("{url}: the web relay (proxy) refused to open the way to this site (it answered {code}).")


def _https_lines(facts: Mapping[str, Any]) -> list[str]:
    lines = []
    kinds = _mapping_of(facts, HTTPS_KINDS)
    for url, r in (facts.get("results") or {}).items():
        if isinstance(r, Mapping) and r.get("status") == "proxy_refused" and _is_number(r.get("proxy_code")):
            code = int(r["proxy_code"])
            line = HTTPS_FILTER_BLOCK_PAGE if kinds.get(url) == "filtered" else HTTPS_RELAY_REFUSED
            lines.append(_(line).format(url=inert(str(url)[:200]), code=code))
        elif isinstance(r, Mapping):
            detail = r.get("error") or r.get("issuer") or r.get("http_code") or ""
            if str(r.get("status")) == "timeout" and str(detail) in ("timed out", "timeout"):
                detail = ""  # "timeout timed out" says it twice
            lines.append(
                _("{url} ({address}): {status} {detail}").format(url=url, address=r.get("address") or "?", status=r.get("status") or "?", detail=detail).strip()
            )
    return lines


def _portal_lines(facts: Mapping[str, Any]) -> list[str]:
    response = facts.get("response") or {}
    if not isinstance(response, Mapping):
        return []
    headers = response.get("headers") or {}
    location = headers.get("location") if isinstance(headers, Mapping) else None
    line = _("{url} answered {code} (expected {expected})").format(
        url=facts.get("url"), code=response.get("code") or response.get("status"), expected=facts.get("expected")
    )
    return [line + (_(", sent to {location}").format(location=location) if location else "") + "."]


def _duration(seconds: float) -> str:
    """'124 days', '2 h 5 min', '5 min'; in French each number held to its unit (« 124 jours » never cut, issue 21)."""
    if seconds >= 86400:
        said = _("{n} days").format(n=wording.number(seconds / 86400, 0))
    elif seconds >= 3600:
        said = _("{n} h {m} min").format(n=int(seconds // 3600), m=int(seconds % 3600 // 60))
    else:
        said = _("{n} min").format(n=int(seconds // 60))
    return wording.held_together(said)


def _generic_lines(evidence: Mapping[str, Any], check_id: str = "") -> list[str]:
    """A check's evidence as "name: value" lines, where the card has no words of its own for that check (a company's, or
    a built-in's without them: hardware.memory's "oom_kills" read as the key), each key named in the reader's language as
    the window and report.html name it, each value in its words (selfcheck.evidence: « oui », « 14,2 », a code's words).
    The first six lines only, in the evidence's order: a check puts the keys that prove its result first (hardware.memory's
    programs stopped for lack of memory, issue 21), so the line left out is never the proof."""
    lines = []
    for key, value in evidence.items():
        label = evidence_words.evidence_name(check_id, str(key))
        if isinstance(value, str | int | float | bool) and value not in ("", None):
            lines.append(_("{label}: {value}").format(label=label, value=evidence_words.value_words(value, check_id, str(key))))
        elif isinstance(value, list) and value and all(isinstance(v, str | int | float) for v in value):
            lines.append(_("{label}: {value}").format(label=label, value=_list_words(value, check_id, str(key))))
        if len(lines) >= 6:
            break
    return lines


#: how many items of one evidence list the card's generic lines show
LIST_ITEMS = 6


def _list_words(values: Sequence[str | int | float], check_id: str, key: str) -> str:
    """One evidence list as the card's generic line says it: its first LIST_ITEMS items, and how many more; a list in the
    order things happened (evidence.BY_TIME: the memory's programs stopped, oldest first) from its most recent, with how
    many came before (issue 21: the card showed the six oldest of twenty, the recent ones cut): "thunderbird (process 8811)
    at 09:24, … and 14 earlier" / « … et 14 autres avant »."""
    recent_first = evidence_words.by_time(check_id, key)
    shown = list(reversed(values))[:LIST_ITEMS] if recent_first else list(values[:LIST_ITEMS])
    # decimals apart by « ; » (French « 1,5 ; 2,25 », not « 1,5, 2,25 »), other values by « , »
    apart = _("; ") if any(isinstance(v, float) for v in shown) else _(", ")
    said = apart.join(evidence_words.value_words(v, check_id, key) for v in shown)
    left = len(values) - len(shown)
    if left <= 0:
        return said
    more = (
        ngettext("{items} and {n} earlier", "{items} and {n} earlier", left) if recent_first else ngettext("{items} and {n} more", "{items} and {n} more", left)
    )
    # the count as the reader writes numbers (review 48: a company check's 1,500 files read « et 1494 autres » in French)
    return more.format(items=said, n=wording.number(left, 0))


#: stop 31 proxy review: the relay's card read "source: config / status: ok / code: 407": which relay, set where, what it answered
PROXY_SET_IN = {
    "config": N_("Web relay (proxy) {relay}, set in selfcheck's own settings (the [network] proxy setting)."),
    "environment": N_("Web relay (proxy) {relay}, set in the environment (HTTPS_PROXY or HTTP_PROXY)."),
    "windows-user": N_("Web relay (proxy) {relay}, set in the Windows settings (Internet Options, for this user)."),
    "winhttp": N_("Web relay (proxy) {relay}, set in the Windows system-wide settings (WinHTTP)."),
    "macos": N_("Web relay (proxy) {relay}, set in the macOS network settings."),
}
PROXY_SET = N_("Web relay (proxy) {relay}, set on this computer.")
PROXY_ANSWERED_407 = N_(
    "It answered 407: it needs a user name and password before it lets anything through, and selfcheck cannot give one (it keeps no passwords)."
)
PROXY_ANSWERED_403 = N_("It answered 403 with its block page: it does not let selfcheck's test page through.")
PROXY_ANSWERED_5XX = N_("It answered {code}: it took the request but could not reach the internet itself.")
PROXY_ANSWERED_OK = N_("It answered {code}: it let selfcheck's test page through.")
PROXY_SLOW = N_("It took the request but gave no answer within {seconds} s: it is very slow.")
PROXY_SILENT = N_("It did not answer: no connection to it could be made.")
PROXY_REFUSED = N_("It refused the connection.")
PROXY_NOT_FOUND = N_("Its name ({host}) could not be found, so it could not be tried.")
PROXY_UNUSABLE = N_("It could not be used ({status}).")
PROXY_PAC = N_("The relay is chosen automatically by the settings file {url}: {state}.")
PROXY_PAC_READ = N_("it can be read")
PROXY_PAC_UNREAD = N_("it cannot be read")


def _mapping_of(facts: Mapping[str, Any], key: str) -> Mapping[str, Any]:
    """``facts[key]`` when it is a mapping, else {} (a bundle is hostile input)."""
    value = facts.get(key)
    return value if isinstance(value, Mapping) else {}


def _proxy_lines(facts: Mapping[str, Any]) -> list[str]:
    """network.proxy's facts for the agent: which relay, set where, what it answered (a bundle is hostile input)."""
    settings, proxy = _mapping_of(facts, "settings"), _mapping_of(facts, "proxy")
    lines = []
    if proxy:
        relay = inert(f"{proxy.get('host') or '?'}:{proxy.get('port') or '?'}"[:120])
        lines.append(_(PROXY_SET_IN.get(str(settings.get("source")), PROXY_SET)).format(relay=relay))
        test = _mapping_of(facts, "proxy_test")
        status, code = test.get("status"), test.get("code")
        code = int(code) if _is_number(code) else 0
        if status == "ok" and code == 407:
            lines.append(_(PROXY_ANSWERED_407))
        elif status == "ok" and code == 403:
            lines.append(_(PROXY_ANSWERED_403))
        elif status == "ok" and code >= 500:
            lines.append(_(PROXY_ANSWERED_5XX).format(code=code))
        elif status == "ok" and code:
            lines.append(_(PROXY_ANSWERED_OK).format(code=code))
        elif status == "timeout" and _is_number(test.get("ms")):  # the connection was made, the answer came late (efad383)
            lines.append(_(PROXY_SLOW).format(seconds=max(1, round(float(test["ms"]) / 1000))))
        elif status in ("proxy_timeout", "timeout"):
            lines.append(_(PROXY_SILENT))
        elif status in ("proxy_refused", "refused"):
            lines.append(_(PROXY_REFUSED))
        elif status == "not_found":
            lines.append(_(PROXY_NOT_FOUND).format(host=inert(str(proxy.get("host") or "?")[:100])))
        elif status:
            lines.append(_(PROXY_UNUSABLE).format(status=inert(str(status)[:40])))
    pac_url = settings.get("pac_url")
    if isinstance(pac_url, str) and pac_url:
        pac = _mapping_of(facts, "pac")
        code = pac.get("code")
        read = pac.get("status") == "ok" and _is_number(code) and int(code) < 400
        lines.append(_(PROXY_PAC).format(url=inert(pac_url[:200]), state=_(PROXY_PAC_READ if read else PROXY_PAC_UNREAD)))
    return lines


#: support-facing fact lines per check (facts → lines); others fall back to their evidence
FACT_LINES: dict[str, Callable[[Mapping[str, Any]], list[str]]] = {
    "network.gateway": _gateway_lines,
    "network.dns": _dns_lines,
    "network.internet": _internet_lines,
    "network.quality": _quality_lines,
    "network.clock": _clock_lines,
    "network.https": _https_lines,
    "network.captive_portal": _portal_lines,
    "network.proxy": _proxy_lines,
    "hardware.disk": _disk_lines,
}

#: the next question to ask, per cause (check id), then per category
NEXT_QUESTION = {
    "network.link": N_("Is the Wi-Fi turned on (or the cable plugged in), and does the computer show the right network name?"),
    "network.gateway": N_(
        "Is the internet box switched on with its usual lights, and is the computer on the home network (not a neighbour's or a guest network)?"
    ),
    # agent round 17: "never says what to do if the other devices DO work": that branch, in one line (the box answers this
    # computer, nothing beyond it does for this computer)
    # agent round 103: "Dead too points to the line", yet a box that lost its line silences a phone through it as well: a dead
    # phone tells only that the box has no line (lost or out, the restart tells which), so it is not this computer alone; a
    # phone that works tells nothing sure (its calls may go on while the box's internet is down)
    "network.internet": N_(
        "Are the internet box's lights normal (no red or blinking light)?\nDo other devices have internet?\n"
        "If they have a home phone that goes through the box: does it work? Dead too: the box has no line, not just this computer.\n"
        "If other devices do have internet: the box stops only this computer (parental control, a blocked or paused device in the box's settings) "
        "or this computer's own settings do (a VPN or security program): ask whether anyone set such a control on the box lately, "
        "and whether a VPN or security program was put on this computer.\n"
        "Check yourself (not a question for the customer): has their internet provider announced an outage in their area?"
    ),
    "network.dns": N_(
        "The customer was told to restart the internet box first: ask whether they did and what happened. "
        "If it was restarted and names still fail: do other devices at home have internet, and did someone set the DNS servers by hand?"
    ),
    "network.quality": N_("Does the problem come and go, and does it improve close to the internet box or with a cable?"),
    "network.captive_portal": N_(
        "Did “Open the page” show the network's page, and does the internet work once they accepted it? "
        "If the page asks for a code or a payment: the hotel's reception (or whoever runs the network) gives it."
    ),
    "network.clock": N_("Are the date and time shown on the computer right? Was the battery of the computer empty recently?"),
    "network.https": N_("Is there a security program, parental control or company network that filters secure websites?"),
    "network.proxy": N_("Does the customer use a company network or a proxy setting that an IT department set up?"),
    "network.support": N_("Can the customer open other websites? If so, is our service blocked by their network?"),
    "hardware.disk": N_("Which program showed the message, in which folder do they save, and what did the message say exactly?"),
    "hardware.memory": N_("Which programs are open when it gets slow, and how many browser tabs?"),
    "hardware.cpu": N_("Is the computer slow all the time or only with one program open?"),
    "hardware.battery": N_("How long does the battery last now, and does it charge when plugged in?"),
    "os.crashes": N_("Which program closes by itself, and what was the customer doing when it happened?"),
}
NEXT_QUESTION_BY_CATEGORY = {
    "network": N_("Do other devices at the same place have internet, and since when exactly does it fail?"),
    "hardware": N_("Since when does it happen, and was a device added or an update installed just before?"),
    "os": N_("Since when does it happen, and was an update installed just before?"),
    "security": N_("Is the computer managed by a company IT department that sets these protections?"),
}
NOTHING_FOUND_QUESTION = N_("Nothing wrong was found: ask what exactly happens, in which program, and the exact words of any message.")

#: agent round 6: "DNS back to automatic: on the computer or on the box?": when this computer asks the box, say where
#: agent round 8: one run-on sentence: short numbered lines, in the order to ask them
#: review: servers typed in by hand that do not answer: the customer was told to set them back to automatic, not to restart the box
DNS_HAND_QUESTION = N_(
    "The customer was told to set the DNS servers back to automatic on this computer: those typed in by hand ({servers}) do not answer. "
    "Ask whether they did and whether websites open now; if a company set those servers on purpose, its IT staff decide which to use."
)
DNS_BOX_QUESTION = N_(
    "1. Did they restart the internet box, and what happened?\n"
    "2. If websites still fail: nothing changes on this computer (it already asks the box). Did someone change the box's own settings "
    "(its DNS servers or a filter)? If so, the customer puts them back in the box's settings page.\n"
    "3. Still failing: if the box comes from the internet provider (most do), the provider can check it and restart it from their side "
    "(the customer calls them); a box the customer bought themselves can, as a last resort, be put back to its factory settings: "
    "this wipes its own settings, its Wi-Fi name and password too (its maker's instructions say how)."
)
#: agent round 32: "a reset can wipe the customer's own box settings": a restart where a restart is meant; the factory
#: reset only for a box the customer bought, said as what it is (a last resort that wipes the box's settings)
#: agent round 21: "Clearline is the provider, so the 'call your provider' step becomes 'come back to us'": with
#: ``[support] internet_provider = true`` (the company is its customers' internet provider) the card says so, not "call them"
#: agent round 32: "a reset can wipe the customer's own box settings, and I'd rather not promise it before checking": a restart,
#: what a provider does from its side and what a stopped name service needs
DNS_BOX_STEP_OURS = N_("3. Still failing: check the box and restart it from your side (your company is their internet provider).")
REPLY_CALL_US_LINE = N_(
    "If other devices at home have no internet either, call us, or reply from your phone with its Wi-Fi turned off: we will check your line and your internet box from our side."
)
REPLY_CALL_US_LINE_CONTACT = N_(
    "If other devices at home have no internet either, call us ({contact}), or reply from your phone with its Wi-Fi turned off: we will check your line and your internet box from our side."
)
#: agent round 12: "reached beyond the router without names" read as techy
#: agent round 20: what reached it, by its number, is said once, under "Ruled out"
INTERNET_LINE_WORKS = N_("The internet line works (see Ruled out): the fault is in finding names, at the router's DNS.")
INTERNET_LINE_WORKS_OTHER_DNS = N_(
    "The internet line works (see Ruled out): the fault is in finding names, at the DNS server this computer asks "
    "(not the router: set by hand, or by a program or the provider)."
)


def _dns_is_the_box(facts: Mapping[str, Mapping[str, Any]]) -> bool:
    """This computer asks the router itself for names (as the DNS check names 'your internet box' only then)."""
    servers = (facts.get("network.dns") or {}).get("resolvers") or []
    gateway = str((facts.get("network.gateway") or {}).get("gateway") or (facts.get("network.dns") or {}).get("gateway") or "")
    return bool(servers) and bool(gateway) and all(str(s) == gateway for s in servers)


#: agent round 12: the customer's "Skype said something about the connection" was left unanswered
DNS_EVERY_PROGRAM = N_(
    "Every program that goes on the internet (the browser, e-mail, Skype, video calls) finds its servers by name: they all fail the same way, "
    "so what another program says about the connection is this same fault."
)
INTERNET_LINE_ANSWERS = N_("The internet line works: reached beyond the router without looking up a name.")
#: agent round 7: the part the facts cannot settle, and its question, first: the reply writes itself
INTERNET_LINE_DOWN_BOX_ALIVE = N_("Settled: the internet box answers, but nothing beyond it does, even without names.")
#: agent round 8: the warning and "Settled" on one line were read twice: the open part on its own line, and the confidence scoped
INTERNET_LINE_DOWN_OPEN = N_("Not settled from here: a line outage, or a box that lost its line. The questions below tell which.")
#: agent round 10: "high that it stops at the box; which of the two, ask" read awkwardly: two short lines
#: agent rounds 28 and 29: "the confidence line is qualified (“high that the signal goes no further than the box”) and then
#: says line versus box is “not known yet”, so it took a second read to see what was settled and what wasn't": the cause
#: says what is settled (its confidence plain), the line under it what is not and what settles it; the proof's own
#: "Settled" / "Not settled" lines then go (said once: the cause uses INTERNET_LINE_DOWN_BOX_ALIVE)
#: agent round 44: "the 'Most likely cause' block (settled, not settled, 'failing because of it') needed a second read": the
#: open part first, then the unlikely case in a sentence of its own instead of a bracket inside it
INTERNET_LINE_DOWN_OPEN_PART = N_(
    "a line outage, or a box that lost its line: the customer's answers below settle which. (If their other devices have "
    "internet, it is neither: something stops only this computer.)"
)
#: the line under a cause that says what is settled: what is not (line-down, secure sites)
NOT_SETTLED = N_("Not settled: {open}")
#: agent round 33: "the 'Not settled' line made me stop to confirm the reply was safe in both cases": where the reply is the
#: line-down draft (not away from home), the line says so itself
NOT_SETTLED_COVERED = N_("Not settled (the reply covers each): {open}")
#: agent round 102 (line-down, both agents: "the 'Not settled' line with its two possible causes and a note in brackets took a
#: second read"): where the reply covers each case, a short head, then one line per case with what settles it, no aside
LINE_DOWN_OPEN_HEAD = N_("Not settled, and the reply covers each case:")
LINE_DOWN_CASES = (
    N_("A box that lost its line: the restart brings the internet back."),
    N_("A line outage: after the restart, their other devices still have no internet."),
    N_("Neither, if their other devices have internet: something stops only this computer."),
)


def _settled_cause(card: SupportCard, settled: str, open_part: str, covered: bool) -> None:
    """The cause says what is settled, its confidence plain after it; the line under it, what is not, and whether the reply
    covers each (agent rounds 28, 29 and 33, line-down; round 37, secure sites: "'Confidence: high' next to 'cannot tell the box
    from the line' read as a contradiction until I worked out that 'high' refers to the symptom")."""
    card.cause = settled
    card.cause_note = _(NOT_SETTLED_COVERED if covered else NOT_SETTLED).format(open=open_part)


#: agent round 7: "Ruled out: your internet box" beside "the fault is in the box's DNS" read as a contradiction: only what was ruled out
#: agent round 20: "off or out of reach: it answers" read as clearing the box the card suspects: only "switched off" is
GATEWAY_RULED_OUT = N_("The internet box switched off: it answers.")
#: agent round 18: "The internet beyond your internet box: The internet answers beyond your internet box." said it twice
INTERNET_RULED_OUT = N_("The internet beyond your internet box: it answers.")


#: agent round 24 (secure sites, 3-4 minutes): "I read every line of the evidence and the “ruled out” list": each item ruled
#: out is one line with the figure that proves it; the sub-items that only gave its numbers are folded in (a failed server,
#: an address not reached, anything else the line does not say stays as a sub-item)
#: agent round 55 (secure sites: "'Ruled out' has 8 lines some of which say the obvious at length"): what, then the one fact
GATEWAY_RULED_OUT_PINGS = N_("The internet box switched off: it answered {received} of {sent} pings ({address}).")
INTERNET_RULED_OUT_REACHED = N_("The internet beyond your internet box: it answers ({addresses} reached by number, no name needed).")
HTTPS_INTERNET_PARTLY_REACHED = N_("The internet line cut: plain (http) sites beyond the box open ({addresses}, by number).")
DNS_RULED_OUT_ONE = N_("{title}: DNS server {server} found all {n} test names (slowest {ms}).")
DNS_RULED_OUT_MANY = N_("{title}: DNS servers {servers} each found all {n} test names (slowest {ms}).")
CLOCK_RULED_OUT = N_("{title}: right within {seconds} s (time server {server}).")


def _one_ruled_out_line(check_id: str, head: str, title: str, facts: Mapping[str, Any], lines: list[str]) -> tuple[str, list[str]] | None:
    """A "Ruled out" line (``head``) and its sub-items (``lines``, from FACT_LINES) as one line with the decisive figure, and
    the sub-items it does not say (kept); None when the facts do not fold (the line and its sub-items stay as they are)."""
    if check_id == "network.gateway":
        ping = facts.get("ping") or {}
        received, sent = ping.get("received"), ping.get("sent")
        if not (_is_number(received) and _is_number(sent) and received > 0) or facts.get("neighbour") == "incomplete" or len(lines) != 1:
            return None
        return _(GATEWAY_RULED_OUT_PINGS).format(address=facts.get("gateway"), received=received, sent=sent), []
    if check_id == "network.internet":
        probes = facts.get("addresses") or {}
        reached = [str(a) for a, p in probes.items() if isinstance(p, Mapping) and p.get("status") in ("ok", "refused")] if isinstance(probes, Mapping) else []
        if not reached:
            return None
        named = _named_addresses(probes)
        said = set(_internet_lines({"addresses": {a: probes[a] for a in reached}}, named))
        partly = head == _(HTTPS_INTERNET_PARTLY)
        if not partly and head != _(INTERNET_RULED_OUT):
            return None
        line = _(HTTPS_INTERNET_PARTLY_REACHED if partly else INTERNET_RULED_OUT_REACHED).format(addresses=_(", ").join(named[a] for a in reached[:3]))
        return line, [x for x in lines if x not in said]
    if check_id == "network.dns":
        queries = facts.get("queries") or {}
        whole: list[str] = []
        rest: list[str] = []
        slowest, n = 0.0, 0
        for server, per_name in queries.items() if isinstance(queries, Mapping) else ():
            answers = [a for a in per_name.values() if isinstance(a, Mapping)] if isinstance(per_name, Mapping) else []
            if answers and all(a.get("status") == "answer" for a in answers) and n in (0, len(answers)):
                n = len(answers)
                shown = _(DNS_IS_THE_ROUTER).format(server=server) if facts.get(GATEWAY_KEY) and str(server) == str(facts[GATEWAY_KEY]) else str(server)
                whole.append(shown)
                slowest = max([slowest, *(float(a["ms"]) for a in answers if _is_number(a.get("ms")))])
            else:
                rest += _dns_lines({"queries": {server: per_name}, GATEWAY_KEY: facts.get(GATEWAY_KEY)})
        if not whole:
            return None
        said = set(lines) - set(rest)
        listed = _(", ").join(whole)
        line = _(DNS_RULED_OUT_ONE if len(whole) == 1 else DNS_RULED_OUT_MANY).format(title=title, server=listed, servers=listed, n=n, ms=_fmt_ms(slowest))
        return line, [x for x in lines if x not in said]
    if check_id == "network.clock":
        servers = facts.get("ntp") or {}
        right = [
            (str(s), float(r["offset_s"]))
            for s, r in (servers.items() if isinstance(servers, Mapping) else ())
            if isinstance(r, Mapping) and r.get("status") == "ok" and _is_number(r.get("offset_s"))
        ]
        if not right or abs(right[0][1]) >= 120:
            return None
        server, offset = right[0]
        timed = _clock_lines({"ntp": {server: servers[server]}})
        web = facts.get("http_offset_s")
        confirmed = facts.get("confirmation")
        if _is_number(web) and abs(web) < 120 and not (isinstance(confirmed, Mapping) and confirmed.get("status") == "disagree"):  # it agrees
            timed += _second_source_lines({"http_offset_s": web, "confirmation": confirmed})
        line = _(CLOCK_RULED_OUT).format(title=title, seconds=max(1, round(abs(offset))), server=server)
        return line, [x for x in lines if x not in timed]
    return None


#: agent round 52 ("This card is the longest"): "Proxy server: This computer connects to the internet directly, with no web
#: relay in between." said the title again in the customer's words: what was found, in a few words
PROXY_RULED_OUT_DIRECT = N_("{title}: none set.")
#: the same for the connection ("Network connection (cable or Wi-Fi): Connected to the network by cable."), in the agent's
#: language where the bundle's summary is in the customer's
LINK_RULED_OUT = {False: N_("{title}: connected by cable."), True: N_("{title}: connected by Wi-Fi.")}


#: agent round 103 (line-down: "How steady your connection is: The connection to your internet box is steady: <1 ms to
#: respond."): the generic "{title}: {summary}" put the check's title before its summary, a capital letter mid-line and the same
#: idea twice, and the summary in the customer's language on a card in the agent's. The lab cases' checks that passed say one
#: plain sentence each, in the reader's words, from what the check measured (its evidence)
QUALITY_RULED_OUT_BOX = N_("The connection to the box is steady: {ms} to respond.")
QUALITY_RULED_OUT_NONE_LOST = N_("The connection is steady: {ms} to respond, nothing lost.")
QUALITY_RULED_OUT = N_("The connection is steady: {ms} to respond.")
CLOCK_RULED_OUT_NO_SERVER = N_("{title}: right within {seconds} s.")
PORTAL_RULED_OUT = N_("No network sign-in page: web requests reach the internet unchanged.")


def _quality_ruled_out(evidence: Mapping[str, Any]) -> str | None:
    """How steady the connection is, as "Ruled out" says it (the check's own measure: the slowest path's usual response
    time), or None when its evidence does not say it (the generic line then)."""
    measured = [evidence[k] for k in ("gateway", "support") if isinstance(evidence.get(k), Mapping) and _is_number(evidence[k].get("latency_ms"))]
    if not measured:
        return None
    ms = _fmt_ms(max(float(m["latency_ms"]) for m in measured))
    if not (isinstance(evidence.get("support"), Mapping) and _is_number(evidence["support"].get("latency_ms"))):
        return _(QUALITY_RULED_OUT_BOX).format(ms=ms)  # nothing beyond the box measured: said for the box only, as the check does
    lost = any(m.get("loss_percent") != 0 for m in measured) or evidence.get("silent_resolvers") or evidence.get("resolvers_partly_answered")
    return _(QUALITY_RULED_OUT if lost else QUALITY_RULED_OUT_NONE_LOST).format(ms=ms)


def _clock_ruled_out(title: str, evidence: Mapping[str, Any]) -> str | None:
    """The clock that is right, as "Ruled out" says it where its facts are not folded in (CLOCK_RULED_OUT): by how much, and
    the time server when one alone answered; None when its evidence does not say it."""
    offset = evidence.get("offset_seconds")
    if not _is_number(offset) or abs(offset) >= 120:
        return None
    seconds = max(1, round(abs(offset)))
    servers = evidence.get("ntp")
    answered = [str(s) for s, status in servers.items() if status == "ok"] if isinstance(servers, Mapping) else []
    if evidence.get("source") == "ntp" and len(answered) == 1:
        return _(CLOCK_RULED_OUT).format(title=title, seconds=seconds, server=answered[0])
    return _(CLOCK_RULED_OUT_NO_SERVER).format(title=title, seconds=seconds)


def _ruled_out_line(r: Mapping[str, Any]) -> str:
    """A result that works, as "Ruled out" says it: one plain sentence, said once (the lab's checks in their own words,
    from their evidence; any other: its title and summary)."""
    if r.get("id") == "network.internet" and r.get("status") == "pass":  # it answered beyond the box: nothing more to say
        return _(INTERNET_RULED_OUT)
    evidence = r.get("evidence")
    if r.get("id") == "network.captive_portal" and r.get("status") == "pass":
        return _(PORTAL_RULED_OUT)
    if r.get("id") == "network.quality" and r.get("status") == "pass" and isinstance(evidence, Mapping):
        steady = _quality_ruled_out(evidence)
        if steady:
            return steady
    if r.get("id") == "network.clock" and r.get("status") == "pass" and isinstance(evidence, Mapping):
        right = _clock_ruled_out(_title(r), evidence)
        if right:
            return right
    if r.get("id") == "network.proxy" and r.get("status") == "pass" and isinstance(evidence, Mapping):
        if not evidence.get("proxy") and not evidence.get("pac_url"):  # none set (a relay that works is named: its line stays)
            return _(PROXY_RULED_OUT_DIRECT).format(title=_title(r))
    if r.get("id") == "network.link" and r.get("status") == "pass" and isinstance(evidence, Mapping):
        active, interfaces = evidence.get("active"), evidence.get("interfaces")
        main = active[0] if isinstance(active, list) and active else None  # the one the check's summary names (its first usable)
        wireless = [i.get("wireless") for i in interfaces if isinstance(i, Mapping) and i.get("name") == main] if isinstance(interfaces, list) else []
        if len(wireless) == 1 and isinstance(wireless[0], bool):
            return _(LINK_RULED_OUT[wireless[0]]).format(title=_title(r))
    return _("{title}: {summary}").format(title=_title(r), summary=_summary(r))


#: agent round 7: "the support service cannot be reached", yet the agent holds the bundle: what that failure is
#: agent round 14: "this bundle reached you later, or was sent another way" is strange wording: said plainly
#: agent round 30: the note "took some parsing": what it adds to the line it is on ("failing because of it"), said once
#: agent round 74 (secure sites: "'Support service: failing because of it' made me stop and work out how the bundle reached
#: us at all"; "the bundle clearly arrived, so it doesn't matter"): not in the cause block, where the agent settles the cause,
#: but once under the reply ("About this reply"), last: that it is the same fault, nothing to do, and how the bundle came
SUPPORT_FOLLOWS_NOTE = N_(
    "“{title}” failed too: the same fault, not another problem, and nothing to do. The bundle still reached you: sent afterwards, "
    "or another way (such as by e-mail)."
)
#: agent round 82 (secure sites, both agents: "The 'Support service failed too' line made me pause until the card said it's the
#: same fault", "also made me stop for a moment"): where secure sites are the cause, the support service is one more secure
#: site stopped: one short line where the sites tried are, under "What proves it", not a note under the reply; how the bundle
#: still came is left out (round 74: "the bundle clearly arrived, so it doesn't matter"; rounds 75-82 stopped at it all the same)
SUPPORT_FAILED_SAME = N_("“{title}” failed the same way: the same fault.")
#: agent round 7: the customer's screen offers a button the Problem row's steps do not list
CLOCK_BUTTON_LINE = N_(
    "The customer's screen offers a “Set the clock automatically” button (its first step; it may ask for the password or PIN they use to start the computer)."
)
#: issue 21: the customer's screen now says what their computer's administrator prompt asks (Scan.admin_prompt,
#: selfcheck.platforms.adminprompt); the card says the same, and CLOCK_BUTTON_LINE's hedge only when the bundle does not say
CLOCK_BUTTON_PROMPT_LINE = {
    CONSENT: N_("The customer's screen offers a “Set the clock automatically” button (its first step; their computer then asks them to click “Yes”)."),
    OWN_PASSWORD: N_(
        "The customer's screen offers a “Set the clock automatically” button (its first step; their computer then asks for the password or PIN they "
        "use to start it)."
    ),
    ADMIN_PASSWORD: N_(
        "The customer's screen offers a “Set the clock automatically” button (its first step; their computer then asks for the password of the "
        "person who manages it, not theirs: if they do not have it, their screen tells them to call you)."
    ),
    #: d274692: no prompt comes (root, an elevated or UAC-off Windows administrator, ConsentPromptBehaviorAdmin 0): the
    #: screen's step and consent window say so ("with no password to type", "nothing else is asked"); the agent lab's
    #: customer scans as root, and this line kept the hedge "it may ask for the password or PIN" beside that step
    NONE: N_(
        "The customer's screen offers a “Set the clock automatically” button (its first step; a window then opens whose blue button sets the clock "
        "at once: no password, nothing else is asked)."
    ),
}


def _admin_prompt(scan: Mapping[str, Any]) -> str | None:
    """What the customer's administrator prompt asks ("none": no prompt comes), as their scan recorded it; None for a
    bundle from before or a computer whose prompt is not known."""
    prompt = scan.get("admin_prompt")
    return prompt if isinstance(prompt, str) and prompt in ANSWERS else None


#: agent round 7: the customer's steps end with "If you are at home, restart your internet box", at a hotel
#: agent round 8: "where is the Open the page button on their screen?"
PORTAL_BUTTON = N_("The customer's “{button}” button is the blue button under the headline of their window.")
#: verdict round 9: the customer's step now reads "At home only: restart your internet box …"
#: the customer answered "Where are you?": said for where they are
PORTAL_AWAY_STEP = N_("The customer is {where}: their last step (“At home only”: restart the internet box) does not apply: skip it.")
PORTAL_AT_HOME = N_(
    "The customer says they are at home: there a sign-in page comes from the internet box or the internet provider; their last step "
    "(restart the internet box) applies."
)
PORTAL_HOME_STEP = N_("The customer's last step (“At home only”: restart the internet box) does not apply at a hotel, café or office: skip it.")
INTERNET_LINE_DOWN = N_("Nothing beyond the router answers, even without names: the internet line (or the box's connection to it) is down.")

REPAIR_OUTCOMES = {
    "fixed": N_("it worked: checked again, the problem was gone"),
    "not_fixed": N_("done, but the problem was still there"),
    "failed": N_("it did not work"),
    "declined": N_("the customer declined"),
    "not_possible": N_("not possible on this computer or not allowed"),
    "done": N_("done"),
}


def tried_lines(repairs: Any) -> list[str]:
    """'Empty the trash — it worked … (November 24, 2026 at 09:12 UTC)' per repair in a bundle's repairs.json: its start in
    the reader's words, in UTC as recorded (issue 21: it read "2026-11-24 09:12", neither the card's words nor said UTC)."""
    items = repairs.get("repairs") if isinstance(repairs, Mapping) else None
    lines = []
    for item in items if isinstance(items, list) else []:
        if not isinstance(item, Mapping) or not isinstance(item.get("title") or item.get("repair"), str):
            continue
        outcome = REPAIR_OUTCOMES.get(str(item.get("outcome")))
        when = _moment_words(item.get("started_at"))
        lines.append(_("{repair} — {outcome} ({when})").format(repair=_repair_title(item), outcome=_(outcome) if outcome else "?", when=when))
    return lines[:20]


def _moment_words(moment: Any) -> str:
    """A moment a bundle records (an ISO moment, selfcheck writes them in UTC; naive: read as UTC) as the card says dates:
    'November 24, 2026 at 09:12 UTC' / « 24 novembre 2026 à 9 h 12 UTC »; what is no such moment (a hostile or damaged
    file's) as its first 16 characters, nothing as '?'."""
    import datetime as dt

    text = moment if isinstance(moment, str) else ""
    if not text:
        return "?"
    try:
        dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except (ValueError, OverflowError):
        return text[:16]
    return wording.date_time(text)


def _repair_title(item: Mapping[str, Any]) -> str:
    """The repair's title in the reader's language when this selfcheck knows the repair, else as recorded
    (the bundle keeps the English title, so the ticket reads the same whatever the customer's language)."""
    from selfcheck.repairs.catalog import REPAIRS

    repair = REPAIRS.get(str(item.get("repair")))
    return _(repair.title) if repair is not None else str(item.get("title") or item.get("repair"))


#: where secure connections are stopped, from what the checks saw (see https_block_lines)
#: network.gateway's port 443 is a plain connection, accepted or refused by the box (no secure page is opened): said as that
HTTPS_BLOCK_NETWORK = N_(
    "Where the block is: most likely on the network (the internet box or beyond), not on this computer: "
    "the internet box answers it on its secure port, so this computer lets secure connections out; and {address} answers on port 80 but not on 443."
)
HTTPS_BLOCK_SAME_SERVER = N_("{address} answers on port 80 but not on the secure port 443: secure connections are stopped on the way, not by the website.")
#: agent round 14: "The internet beyond your internet box: OK" beside "websites don't open" read as a contradiction: what was OK
#: agent round 20: "Ruled out: the internet beyond your internet box" listed the failing part as cleared: what is ruled out
HTTPS_INTERNET_PARTLY = N_("The internet line cut: plain (http) sites beyond the box open.")
#: agent round 15: the same check's line in show's results list ("The internet answers", a green tick) read as a contradiction
#: agent round 17 (the fourth time): still a contradiction beside its ✔: the row shown "◐ partly", led by what is stopped
HTTPS_INTERNET_ROW = N_("Secure (https) sites stopped; reached by its number and plain (http) sites OK (see the support card above).")
#: agent round 15: "I had to trust that giving up after 1.5 seconds means blocked": what the wait shows
#: agent round 22: its own long line ("gave up" versus "refused" took a minute): said in a few words where the sites are listed
HTTPS_TRIED_GAVE_UP = N_(
    "selfcheck's own test sites tried ({n}), what each did (“gave up”: not answered at all, not even refused, while plain (http) "
    "ones to the same server, {address}, answered at once: stopped silently on the way, as a slow or broken site would still answer):"
)
HTTPS_NO_INSPECTION = N_(
    "No program in between showed its own certificate: no antivirus web protection or company HTTPS inspection was seen (they answer with their own certificate)."
)
#: agent round 8: "if restarting the box did not help", but did they restart it? That first, on its own line
#: agent round 10: "home network or not" decides restart-the-box against the network's IT: asked first
#: agent round 11: the customer's screen says restart the box first: the card and the reply ask in the same order
HTTPS_ASK_RESTART = N_(
    "First ask: did they restart the internet box, and did that help?\n"
    "If it did not help: is this their home network (their own internet box), or a company, school or hotel network? Not home: that network's IT "
    "or front desk lets these sites through."
)
#: agent round 10: the customer's screen says "Most websites do not open", the proof says plain http works: said in one line
#: agent round 11: "most websites" is more than two test sites: said what the customer's words rest on
#: verdict round 14: the screen says "Websites such as your e-mail do not open" ("most: which ones still work?"), quoted as it reads
HTTPS_CUSTOMER_SEES = N_(
    "The customer's screen says websites such as their e-mail do not open: every secure (https) site tried failed, including the one the customer named "
    "if they named one; plain (http) ones answered. Most sites today are secure, e-mail and banks among them."
)
#: only some secure sites stopped (issue 21 item 6): "every secure site tried failed" sat right above "b.example: opened
#: normally": what the screen says (one of selfcheck's sites opened: "Some websites do not open") and what is true
HTTPS_CUSTOMER_SEES_SOME = N_(
    "The customer's screen says some websites do not open: some secure (https) sites tried failed, others opened (each below); plain (http) ones answered."
)
#: selfcheck's own sites all stopped (the screen's headline rests on them), the site the customer named opened
HTTPS_CUSTOMER_SEES_THEIRS_OPENED = N_(
    "The customer's screen says websites such as their e-mail do not open: each of selfcheck's own secure (https) test sites failed, "
    "while the site the customer named opened (below); plain (http) ones answered. Most sites today are secure, e-mail and banks among them."
)
#: agent round 12: "No:" / "Yes:" lines read as separate points: each says which answer to the phone question it follows
HTTPS_QUESTION_NETWORK = N_(
    "If it did not help: do {sites} open {phone}?\n"
    "If they do not open on the phone either: ask whether the box has parental control or a site filter on (turn it off or allow those sites), "
    "or whether this is a company, school or hotel network (its IT or front desk).\n"
    "If they open on the phone: only then, since they open on the same network, look at this computer's security program after all."
)
HTTPS_QUESTION_UNSETTLED = N_(
    "If it did not help: do {sites} open {phone}?\n"
    "If they open on the phone: a security program on this computer blocks them.\n"
    "If they do not open on the phone either: the network does (a filter in the internet box, or a company, school or hotel network)."
)
#: agent round 12: the customer's screen now says what the card says; verdict round 17: "the internet box, or somewhere between the box and the websites", quoted as it reads
HTTPS_CAUSE_NETWORK = N_(
    "Secure connections (https) to the sites tried are stopped on the network (the internet box or beyond), not by this computer "
    "and not by the websites: most often a filter in the box (parental control, site filter) or the network's (company, school, hotel), "
    "sometimes a box that needs a restart. The customer's screen says the same (the internet box, or somewhere between the box "
    "and the websites, not this computer) and has them restart the box first."
)
#: the customer answered "At home": the home branch only (verdict round 17: the screen says "the internet box, or somewhere between the box and the websites": quoted so)
HTTPS_CAUSE_HOME = N_(
    "Secure connections (https) to the sites tried are stopped on the network, not by this computer and not by the websites; the customer "
    "is at home, so most often a filter in their internet box (parental control, site filter), sometimes a box that needs a restart, "
    "else the internet company. The customer's screen says the same (the internet box, or somewhere between the box and the websites, not this computer) "
    "and has them restart the box first."
)
#: agent round 14: "parental control blocking a bank seems unlikely; I'd expect the internet company": when every secure site
#: tried was stopped (the customer's own too, if tried), the causes in the order the facts make likely (the screen quoted as
#: verdict round 17 words it)
#: agent round 30: "The card says 'box, else line' without saying which is more likely": nothing in the bundle tells the box
#: from the line (both lie beyond what this computer can see), so said plainly, with what does tell them apart; "not by this
#: computer" as sure as "What proves it" is (a program on it that stops only secure sites beyond the box would not show)
#: agent round 33: "The 'Most likely cause' sentence is dense and had to be read twice": in the order an agent thinks (what
#: happens, where, how sure); what "About this reply" says (the restart and its questions tell which) and "What proves it"
#: says (why not this computer) not again
HTTPS_CAUSE_HOME_ALL = N_(
    "Every secure (https) site tried gets no answer: something on the way to the websites drops them, most likely the internet box "
    "(a fault or a setting) or the line, less likely this computer; the bundle cannot tell the box from the line."
)
#: review of agent round 33's sentence: "gets no answer … drops them" is what the sites' lines say only when none answered (a
#: timeout, or no answer to the secure greeting); a connection cut during the greeting is an answer ("the connection was cut",
#: under "What proves it"): then the same sentence without "no answer"
HTTPS_CAUSE_HOME_ALL_CUT = N_(
    "Every secure (https) site tried is stopped on the way to the websites, most likely by the internet box (a fault or a setting) "
    "or the line, less likely by this computer; the bundle cannot tell the box from the line."
)
#: agent round 37 (3-4 minutes): "'Confidence: high' next to 'cannot tell the box from the line' read as a contradiction until
#: I worked out that 'high' refers to the symptom": where the confidence is high, said as line-down's card says it (agents read
#: it well): what is settled, its confidence after it, then what is not, and that the reply covers each
HTTPS_SETTLED_HOME_ALL = N_(
    "Settled: every secure (https) site tried gets no answer: they are dropped on the way, not by the websites, and most likely not by this computer."
)
HTTPS_SETTLED_HOME_ALL_CUT = N_("Settled: every secure (https) site tried is stopped on the way, not by the websites, and most likely not by this computer.")
HTTPS_OPEN_PART_HOME_ALL = N_("the internet box (a fault or a setting) or the line.")
#: issue 21 (agent rounds 38-39: "I had to read the 'What proves it' section twice to be comfortable with 'most likely not this
#: computer'"): where this computer's own firewall was read and stops no secure connection going out (own_clear), the facts
#: settle it: said without "most likely"
HTTPS_SETTLED_HOME_ALL_OWN = N_(
    "Settled: every secure (https) site tried gets no answer: they are dropped on the way, not by the websites and not by this computer."
)
HTTPS_SETTLED_HOME_ALL_CUT_OWN = N_("Settled: every secure (https) site tried is stopped on the way, not by the websites and not by this computer.")
HTTPS_CAUSE_HOME_ALL_OWN = N_(
    "Every secure (https) site tried gets no answer: something on the way to the websites drops them, the internet box "
    "(a fault or a setting) or the line, not this computer; the bundle cannot tell the box from the line."
)
HTTPS_CAUSE_HOME_ALL_CUT_OWN = N_(
    "Every secure (https) site tried is stopped on the way to the websites, by the internet box (a fault or a setting) "
    "or the line, not by this computer; the bundle cannot tell the box from the line."
)
#: issue 21: this computer's own firewall stops the secure sites tried (own_firewall_stops): settled, named under "What proves it"
HTTPS_OWN_CAUSE = N_(
    "Settled: this computer's own firewall stops secure (https) connections to the sites tried before they leave it "
    "(the rule is under “What proves it”): not the internet box, the line or the websites."
)
#: issue 21: every secure site tried was refused by this computer itself (netprobe's "forbidden": WinError 10013 on Windows,
#: EPERM or EACCES on Linux, at once, before anything left it): settled by the system's own answer, whatever rule did it
HTTPS_FORBIDDEN_CAUSE = N_(
    "Settled: every secure (https) site tried failed because this computer refused to open them itself: the system answered "
    "“access forbidden”, as it does for a firewall rule or a security program's block; not the internet box, the line or the websites."
)
HTTPS_CAUSE_UNSETTLED = N_(
    "Secure connections (https) to the sites tried are stopped before they reach the websites: by this computer or by the network, "
    "the question below tells which. The customer's screen has them restart the internet box first."
)
HTTPS_NAMED_NOT_TRIED = N_(
    "Not tried: the sites the customer named ({named}); selfcheck tries only the sites above, set in its configuration. "
    "Confidence is medium until the question below is answered for their sites."
)
#: the customer's sites, when the description names none that the card can quote
HTTPS_THEIR_SITES = N_("the sites that fail on this computer")
HTTPS_NAMED_SITES = N_("the sites the customer named ({named})")
#: agent round 7: "a phone on the same Wi-Fi" for a computer on a cable: the phone joins the same box's Wi-Fi
HTTPS_PHONE_WIFI = N_("on a phone on the same Wi-Fi (mobile data off)")
HTTPS_PHONE_CABLE = N_("on a phone connected to the same internet box's Wi-Fi (mobile data off; this computer is on a cable)")
_HTTPS_SILENT = ("timeout", "handshake_timeout", "handshake_reset")
#: of those, the ones where nothing answered (a reset during the secure greeting is an answer: the connection was cut)
_HTTPS_UNANSWERED = ("timeout", "handshake_timeout")


HTTPS_TRIED = N_("selfcheck's own test sites tried ({n}), what each did:")
HTTPS_SITE = N_("{host} ({address}): {outcome}.")
HTTPS_OUTCOMES = {
    "timeout": N_("no answer on port 443"),
    "handshake_timeout": N_("connected on port 443, then no answer to the secure greeting"),
    "handshake_reset": N_("connected on port 443, then the connection was cut during the secure greeting"),
    "ok": N_("opened normally"),
    "cert_error": N_("refused its certificate ({message})"),
    "refused": N_("port 443 refused the connection"),
    "unreachable": N_("not reachable from this network"),
    #: issue 21: netprobe.forbidden (Windows' WinError 10013, Linux's EPERM or EACCES on connect)
    "forbidden": N_("refused by this computer itself before anything left it (the system answered “access forbidden”)"),
}


def _host(url: str) -> str:
    from urllib.parse import urlsplit

    try:
        return urlsplit(url).hostname or url
    except ValueError:
        return url


def _https_site_lines(results: Mapping[str, Any]) -> list[str]:
    """One line per secure site tried: its host name, address and what it did (so no reader opens the facts to learn which)."""
    lines = []
    for url, r in list(results.items())[:6]:
        if not isinstance(r, Mapping):
            continue
        status = str(r.get("status") or "?")
        words = HTTPS_OUTCOMES.get(status)
        outcome = _(words).format(message=r.get("verify_message") or r.get("error") or "?") if words else status
        if status in ("timeout", "handshake_timeout") and _is_number(r.get("ms")) and r["ms"] > 0:
            outcome += " " + _("(gave up after {seconds} s)").format(seconds=wording.number(float(r["ms"]) / 1000))
        lines.append(SUB_ITEM + _(HTTPS_SITE).format(host=_host(str(url)), address=r.get("address") or "?", outcome=outcome))
    return lines


def _https_tried_line(results: Mapping[str, Any]) -> str:
    """The heading of the sites tried (how many, and that they are the configuration's, not the customer's)."""
    return _(HTTPS_TRIED).format(n=sum(1 for r in results.values() if isinstance(r, Mapping)))


#: agent round 8: the site the customer named, tried by the bundle (selfcheck.namedsite) as the secure sites above
NAMED_SITE_LINE = N_("The site the customer named, {host}: {outcome}.")
NAMED_SITE_OUTCOMES = {
    "not_found": N_("its name was not found"),
    "private_address": N_("not tried: its name leads to a private network address ({address}), which the configuration does not allow"),
    "blocked": N_("not tried: its address is outside the networks this computer may test"),
    "invalid": N_("not tried: the customer's answer is not a web address"),
    "error": N_("could not be tried"),
}
NAMED_SITE_BLOCKED_TOO = N_("blocked the same way as the sites above, so the block concerns their site too")
NAMED_SITE_OPENS = N_("it opened normally from this computer at the time of the bundle: what the customer saw may be elsewhere (ask what the browser says)")


def named_site_line(tried: Mapping[str, Any] | None) -> tuple[str, bool]:
    """(the line that says what happened to the site the customer named, whether it was stopped silently as the
    secure-sites block stops sites); ("", False) when the bundle did not try one. Hostile input: the bundle's."""
    if not isinstance(tried, Mapping) or not isinstance(tried.get("status"), str):
        return "", False
    status = str(tried["status"])
    from selfcheck import namedsite
    from selfcheck.netparse import is_ip

    host = namedsite.host_of(str(tried.get("host") or ""), allow_private=True) or "?"
    address = str(tried.get("address") or "")
    address = address if is_ip(address) else ""
    if status in NAMED_SITE_OUTCOMES:
        outcome = _(NAMED_SITE_OUTCOMES[status]).format(address=address or "?")
        if status == "invalid":
            host = _("(no web address)")
    elif status == "ok":
        outcome = _(NAMED_SITE_OPENS)
    else:
        words = HTTPS_OUTCOMES.get(status)
        outcome = (
            _(words).format(message=str(tried.get("verify_message") or tried.get("error") or "?")[:200])
            if words
            else _("failed ({status})").format(status=status[:40])
        )
        if status in ("timeout", "handshake_timeout") and isinstance(tried.get("ms"), int | float) and tried["ms"] > 0:
            outcome += " " + _("(gave up after {seconds} s)").format(seconds=wording.number(float(tried["ms"]) / 1000))
        if status in _HTTPS_SILENT:
            outcome += _(", ") + _(NAMED_SITE_BLOCKED_TOO)
    if address and status not in ("private_address", "invalid"):
        host = f"{host} ({address})"
    return _(NAMED_SITE_LINE).format(host=host, outcome=outcome), status in _HTTPS_SILENT


CERT_CLOCK = N_(
    "The secure site {host} ({address}) was refused because of the clock: “{message}”. Its certificate is valid from {start} to {end}; "
    "this computer's clock showed {now}, {when}."
)
#: agent round 21: a certificate seconds old was refused by a clock 5 hours behind, and the card said flatly "That is what breaks
#: secure websites": a clock off by a day or more refuses ordinary certificates (days or weeks old); under a day, only the newest
CERT_CLOCK_BREAKS = N_("That is what breaks secure websites.")
CERT_CLOCK_UNDER_A_DAY = N_(
    "A clock off by less than a day refuses only certificates that began (or end) within that error: most websites' certificates "
    "are days or weeks old and still open with it. If every website fails, look for another cause too."
)


def _utc(timestamp: float) -> str:
    """A certificate's date (a POSIX timestamp) as the card says dates, in UTC: 'December 5, 2026 at 02:03 UTC' / « 5 décembre
    2026 à 2 h 03 UTC » (issue 21: it read "2026-12-05 02:03 UTC")."""
    return evidence_words.date_words(timestamp)


def cert_clock_lines(https: Mapping[str, Any], clock_read: str | None, offset: float | None = None) -> list[str]:
    """For a wrong clock: the secure sites' certificate errors, with the certificate's dates against this computer's clock
    (the proof that the offset breaks websites, not only that the clock is off); ``offset`` the clock's error in seconds:
    under a day, what such a clock refuses is said, not that it breaks secure websites."""
    import datetime as dt

    now = None
    try:
        now = dt.datetime.fromisoformat(str(clock_read)).timestamp() if clock_read else None
    except ValueError:
        now = None
    lines = []
    results = https.get("results") or {}
    for url, r in results.items() if isinstance(results, Mapping) else ():
        cert = r.get("certificate") if isinstance(r, Mapping) else None
        if not isinstance(r, Mapping) or r.get("status") != "cert_error" or not isinstance(cert, Mapping):
            continue
        start, end = cert.get("not_before"), cert.get("not_after")
        if not isinstance(start, int | float) or not isinstance(end, int | float) or now is None:
            continue
        if now < start:
            when = _("before the certificate's first day")
        elif now > end:
            when = _("after the certificate's last day")
        else:
            continue  # the dates agree with the clock: this error is not the clock's
        lines.append(
            _(CERT_CLOCK).format(
                host=_host(str(url)),
                address=r.get("address") or "?",
                message=r.get("verify_message") or r.get("error") or "?",
                start=_utc(start),
                end=_utc(end),
                now=_utc(now),
                when=when,
            )
            + " "
            + _(CERT_CLOCK_UNDER_A_DAY if offset is not None and abs(offset) < DAY else CERT_CLOCK_BREAKS)
        )
    return lines[:3]


#: words by which a customer names particular sites (a web address, their bank, their e-mail), in English and French
NAMED_SITE = re.compile(r"\b[a-z0-9-]+\.(?:com|org|net|fr|be|ch|ca|de|uk|io|eu)\b|\b(?:bank|banque|gmail|e-?mails?|mail|courriel|webmail|outlook|hotmail)\b")


def _named_sites(description: Mapping[str, Any] | None) -> list[str]:
    """The customer's own words for the sites they named ("bank", "Gmail"), as written, once each."""
    text = " ".join(str(v) for k, v in (description or {}).items() if k != "symptom" and isinstance(v, str))
    named: list[str] = []
    for match in NAMED_SITE.finditer(text.lower()):
        word = text[match.start() : match.end()]
        if word.lower() not in (n.lower() for n in named):
            named.append(word)
    return named[:4]


def _quoted(words: list[str]) -> str:
    return _(", ").join(_("“{word}”").format(word=inert(w)) for w in words)


HTTPS_NAMED_ALSO = N_("The customer also named {named}: not tried by name, but every secure site tried was stopped the same way, so theirs very likely is too.")


def _named_also(description: Mapping[str, Any] | None, named_site: Mapping[str, Any] | None, https: Mapping[str, Any]) -> list[str]:
    """The sites the customer named in their words ("Gmail") that neither the site tried for them nor the configured sites are,
    when every configured site was stopped silently (so the block is general); else []."""
    results = [r for r in (https.get("results") or {}).values() if isinstance(r, Mapping)] if isinstance(https.get("results"), Mapping) else []
    if not results or not all(r.get("status") in _HTTPS_SILENT for r in results):
        return []
    tried = [str((named_site or {}).get("host") or "").lower(), *(_host(str(url)).lower() for url in https.get("results") or {})]
    return [word for word in _named_sites(description) if not any(word.lower() in host for host in tried)]


def _named_not_tried(description: Mapping[str, Any] | None, https: Mapping[str, Any]) -> bool:
    """The customer named sites (their bank, their e-mail, a web address) and none of the secure sites tried is one of them:
    the check proved a block for the configuration's sites, not for the ones they named."""
    text = " ".join(str(v) for k, v in (description or {}).items() if k != "symptom" and isinstance(v, str)).lower()
    if not NAMED_SITE.search(text):
        return False
    results = https.get("results") or {}
    hosts = [_host(str(url)).lower() for url in results] if isinstance(results, Mapping) else []
    words = {part for host in hosts for part in host.split(".") if len(part) > 3 and part not in ("www", "example")}
    return not any(host in text for host in hosts) and not any(word in text for word in words)


def https_cause(facts: Mapping[str, Mapping[str, Any]], where: str | None = None, named_site: Mapping[str, Any] | None = None) -> str:
    """The cause of a secure-sites block in the words the facts allow (not the symptom 'websites do not open'); empty when
    secure connections were not silently stopped (a certificate problem says its own cause)."""
    lines, _question, on_network = _https_block(facts, None)
    if not lines:
        return ""
    if on_network and where == "home":
        if not every_secure_site_stopped(facts, named_site):
            return _(HTTPS_CAUSE_HOME)
        if own_settled(facts, named_site):  # issue 21: its own firewall read, stopping none: "not this computer", not "less likely"
            return _(HTTPS_CAUSE_HOME_ALL_OWN if _https_unanswered(facts, named_site) else HTTPS_CAUSE_HOME_ALL_CUT_OWN)
        return _(HTTPS_CAUSE_HOME_ALL if _https_unanswered(facts, named_site) else HTTPS_CAUSE_HOME_ALL_CUT)
    if on_network:
        return _(HTTPS_CAUSE_NETWORK)
    return _(HTTPS_CAUSE_UNSETTLED)


def _https_unanswered(facts: Mapping[str, Mapping[str, Any]], named_site: Mapping[str, Any] | None) -> bool:
    """Nothing answered any secure site tried, the customer's own too when tried (not a connection cut during the greeting)."""
    theirs = named_site.get("status") if isinstance(named_site, Mapping) else None
    return all(r.get("status") in _HTTPS_UNANSWERED for r in _https_tried(facts)) and theirs in (None, *_HTTPS_UNANSWERED)


def _https_tried(facts: Mapping[str, Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    """network.https's tries of the secure sites, each a mapping (anything else in a bundle's facts is left out)."""
    results = (facts.get("network.https") or {}).get("results") or {}
    return [r for r in results.values() if isinstance(r, Mapping)] if isinstance(results, Mapping) else []


def every_secure_site_stopped(facts: Mapping[str, Mapping[str, Any]], named_site: Mapping[str, Any] | None = None) -> bool:
    """Every secure site tried was stopped silently, the customer's own too when the bundle tried it (a block on all secure
    traffic, not a filter on chosen sites), while the box answers this computer on its secure port and plain sites answer."""
    tried = _https_tried(facts)
    if not tried or not all(r.get("status") in _HTTPS_SILENT for r in tried) or not _https_block(facts, None)[2]:
        return False
    status = named_site.get("status") if isinstance(named_site, Mapping) else None
    return status is None or status in _HTTPS_SILENT


#: agent round 23: "This card has the most evidence to read": when every secure site tried was stopped and this computer is
#: cleared, "What proves it" is one fact a line (the sites under theirs), no line saying the cause or "Ask next" again
#: agent round 27: "I had to weigh how much “not this computer” rests on a single fact (the router's secure page opens)";
#: round 28: "What took time was deciding how far “not this computer” holds": every fact the bundle has on it, under the line,
#: each for what it proves; what none of them can show (a program on this computer that silently stops only secure sites
#: beyond the box) is said, with the question that settles it. The box's port 443 is a plain connection (no secure page
#: was opened: the lab's box refuses it), so "reaches the box's own secure page" is not said.
#: agent rounds 30 and 31 (4-5 minutes): "the dense “What proves it” part … takes networking knowledge to follow", "I had to
#: follow the “not this computer” argument (the router's refusal on the secure port, no certificate substitution) before I
#: trusted it": a short head, each fact in plain words first (the technical detail in brackets), what none can show last
HTTPS_ALL_CLEARED = N_("Not this computer, most likely:")
#: agent round 34 (3-4 minutes): "'refused, the box has no secure page' is jargon", the reasoning "takes some careful reading":
#: the fact in an agent's words first (the box itself answered one, so they leave this computer), the port last
HTTPS_CLEARED_BOX_ACCEPTED = N_("Secure connections do leave this computer: the box itself answered one and accepted it (port 443).")
HTTPS_CLEARED_BOX_REFUSED = N_(
    "Secure connections do leave this computer: the box itself answered one, turning it away as a box without a secure page does (port 443)."
)
HTTPS_CLEARED_NO_CERTIFICATE = N_(
    "No security program or company inspection reads its secure connections (no program answered with its own certificate, as they do)."
)
HTTPS_CLEARED_NO_RELAY = N_("No web relay is set on it (proxy).")
HTTPS_CLEARED_UNSEEN = N_("Would not show here: a security program on it that stops only secure sites beyond the box (the phone question settles that).")
#: issue 21: its own outgoing rules read (security.firewall's "outbound"), none stops a secure connection: settled, no "most
#: likely", and nothing left that "would not show here"
HTTPS_CLEARED = N_("Not this computer:")
HTTPS_CLEARED_OWN_RULES = N_("Its own firewall was read and stops no secure connection going out ({source}).")
#: issue 21: its own outgoing rules read, some listed, none can stop a web browser reaching the sites tried (block_reach: a
#: rule of another program, to local addresses only, to other addresses): Windows' own rules (svchost.exe, Store apps) and
#: firewalld's (IPv6 forms of private ranges) are on every such computer
HTTPS_CLEARED_OWN_BROWSER = N_("Its own firewall was read and stops no secure connection of a web browser to the sites tried ({source}).")
#: issue 21: the rule of this computer's own firewall that stops them, as the firewall shows it (other process's text: inert, bounded)
HTTPS_OWN_HEAD = N_("This computer's own firewall stops them (read from {source}):")
HTTPS_OWN_RULE = N_("Rule “{rule}”, in {where}.")
HTTPS_OWN_RULE_NOWHERE = N_("Rule “{rule}”.")
HTTPS_OWN_ONLY_TO = N_("It stops only secure connections to {only_to}, where the sites tried are.")
HTTPS_OWN_DEFAULT = N_("It stops outgoing connections it was not told to let through (its default for connections going out).")
HTTPS_ALL_SILENT = N_(
    "Every secure (https) site tried got no answer at all, while plain (http) on the same server ({address}) answered at once: stopped silently on the way."
)
#: a site cut during the secure greeting, or plain (http) slow to answer: only what the sites' lines below say
HTTPS_ALL_STOPPED = N_(
    "Every secure (https) site tried was stopped (each below), while plain (http) on the same server ({address}) answered: stopped on the way."
)
HTTPS_SITE_THEIRS = N_("{host} ({address}), the site the customer named: {outcome}.")
#: agent round 52 ("This card is the longest"): where every site tried, theirs too, got no answer on port 443, that is said once,
#: in the head with how long selfcheck waited, and each site's line names the site only (it said "no answer on port 443 (gave
#: up after 1.5 s)" once a site, after the head had said "no answer at all")
#: agent round 55: the finding first, then the figures
HTTPS_ALL_SILENT_WAITED = N_(
    "Stopped silently on the way: every secure (https) site tried got no answer at all on port 443 (selfcheck gave up on each after "
    "{seconds} s), while plain (http) on the same server ({address}) answered at once."
)
HTTPS_WAITED_RANGE = N_("{low} to {high}")
HTTPS_SITE_ONLY = N_("{host} ({address}).")
HTTPS_SITE_THEIRS_ONLY = N_("{host} ({address}), the site the customer named.")
#: agent round 60 (secure-sites, 4 minutes): "Then I had to notice that Gmail was named by the customer but never tested": what
#: follows for it said with it (this line is written only where every secure site tried was stopped, theirs too)
#: agent round 89 stopped on "surely" (HTTPS_BOX_ALSO): why it is the same
HTTPS_ALSO_NOT_TRIED = N_("Also named by the customer, not tried: {named}; it uses secure (https) connections too, and every one tried was stopped.")


def _silent_outcome(r: Mapping[str, Any]) -> str:
    """What a silently stopped secure site did, with how long selfcheck waited ("no answer on port 443 (gave up after 1.5 s)")."""
    status = str(r.get("status"))
    outcome = _(HTTPS_OUTCOMES[status]) if status in HTTPS_OUTCOMES else status[:40]
    if status in ("timeout", "handshake_timeout") and _is_number(r.get("ms")) and r["ms"] > 0:
        outcome += " " + _("(gave up after {seconds} s)").format(seconds=wording.number(float(r["ms"]) / 1000))
    return outcome


def _not_this_computer(cleared: list[str], settled: bool = False) -> list[str]:
    """The "Not this computer, most likely:" head with each fact the bundle has on it under it (_cleared_lines); ``settled``
    (its own firewall read, stopping no secure connection: own_clear): "Not this computer:"."""
    return [_(HTTPS_CLEARED if settled else HTTPS_ALL_CLEARED), *(SUB_ITEM + line for line in cleared)]


def _own_lines(facts: Mapping[str, Mapping[str, Any]], named_site: Mapping[str, Any] | None = None) -> list[str]:
    """ "What proves it" where this computer's own firewall stops the secure sites tried (own_firewall_stops): the head with
    its source, each rule that stops them under it (as the firewall shows it: another process's text, bounded and inert),
    or its default block."""
    own = _own(facts) or {}
    lines = [_(HTTPS_OWN_HEAD).format(source=_own_sources(own) or "?")]
    addresses = _forbidden_addresses(facts, named_site) if own_refusal(facts, named_site) else _stopped_addresses(facts, named_site)
    for block in own_blocks(own, addresses)[:3]:
        where = block.get("where")
        rule = _(HTTPS_OWN_RULE).format(rule=block["rule"], where=where) if where else _(HTTPS_OWN_RULE_NOWHERE).format(rule=block["rule"])
        lines.append(SUB_ITEM + rule)
        if block.get("only_to"):
            lines.append(SUB_ITEM + _(HTTPS_OWN_ONLY_TO).format(only_to=block["only_to"]))
    if own.get("default_block"):
        lines.append(SUB_ITEM + _(HTTPS_OWN_DEFAULT))
    return lines


def _all_stopped_lines(
    facts: Mapping[str, Mapping[str, Any]], description: Mapping[str, Any] | None, named_site: Mapping[str, Any] | None, relay_said: bool = False
) -> list[str]:
    """ "What proves it" when every secure site tried was stopped silently beyond the box (every_secure_site_stopped): the
    stop, with each site (the customer's marked) under it; their other names not tried. Each line one fact. This computer
    cleared (_not_this_computer) comes after all that was seen."""
    from selfcheck import namedsite
    from selfcheck.netparse import is_ip

    https = facts.get("network.https") or {}
    results = {url: r for url, r in (https.get("results") or {}).items() if isinstance(r, Mapping)}
    address, waited, stop = _silent_stop(facts, named_site)
    theirs_silent = isinstance(named_site, Mapping) and named_site.get("status") in _HTTPS_SILENT
    lines = [_(HTTPS_ALL_SILENT_WAITED).format(address=address, seconds=waited) if waited else _(stop).format(address=address)]
    if theirs_silent and named_site is not None:
        host = namedsite.host_of(str(named_site.get("host") or ""), allow_private=True) or "?"
        theirs = str(named_site.get("address") or "")
        shown = theirs if is_ip(theirs) else "?"
        if waited:
            lines.append(SUB_ITEM + _(HTTPS_SITE_THEIRS_ONLY).format(host=host, address=shown))
        else:
            lines.append(SUB_ITEM + _(HTTPS_SITE_THEIRS).format(host=host, address=shown, outcome=_silent_outcome(named_site)))
    if waited:
        lines += [SUB_ITEM + _(HTTPS_SITE_ONLY).format(host=_host(str(url)), address=r.get("address") or "?") for url, r in list(results.items())[:6]]
    else:
        lines += _https_site_lines(results)
    if isinstance(named_site, Mapping) and named_site.get("status") in _HTTPS_SILENT:
        also = _named_also(description, named_site, https)
        if also:  # agent round 12: "Gmail (in the customer's words) is not in the sites tested"
            lines.append(_(HTTPS_ALSO_NOT_TRIED).format(named=_quoted(also)))
    elif _named_not_tried(description, https):  # none of theirs tried: confidence medium, said why
        lines.append(_(HTTPS_NAMED_NOT_TRIED).format(named=_quoted(_named_sites(description))))
    return lines


def _silent_stop(facts: Mapping[str, Mapping[str, Any]], named_site: Mapping[str, Any] | None) -> tuple[str, str, str]:
    """How every secure site tried was stopped: (the plain (http) server that answered on one of their addresses, or "?"; how
    long selfcheck waited for each, where none answered and plain answered at once (_waited), else ""; HTTPS_ALL_SILENT
    where nothing answered any and plain answered at once, else HTTPS_ALL_STOPPED)."""
    results = [r for r in ((facts.get("network.https") or {}).get("results") or {}).values() if isinstance(r, Mapping)]
    addresses = {str(r.get("address")) for r in results if r.get("address")}
    probes = (facts.get("network.internet") or {}).get("addresses") or {}
    plain = sorted(
        (a.rsplit(":", 1)[0].strip("[]"), r)
        for a, r in (probes.items() if isinstance(probes, Mapping) else ())
        if isinstance(r, Mapping) and r.get("status") in ("ok", "refused") and a.rsplit(":", 1)[0].strip("[]") in addresses
    )
    address, probe = plain[0] if plain else ("?", {})
    at_once = _is_number(probe.get("ms")) and probe["ms"] < 1000
    all_unanswered = all(r.get("status") == "timeout" for r in results)
    stop = HTTPS_ALL_SILENT if at_once and all_unanswered else HTTPS_ALL_STOPPED
    theirs_silent = isinstance(named_site, Mapping) and named_site.get("status") in _HTTPS_SILENT
    waited = _waited([*results, *([named_site] if theirs_silent and named_site is not None else [])]) if stop == HTTPS_ALL_SILENT else ""
    return address, waited, stop


def _waited(tried: Sequence[Mapping[str, Any]]) -> str:
    """How long selfcheck waited for the secure sites ``tried`` ("1.5", or "1.5 to 1.6" s), where each got no answer on port 443
    ("timeout") after a known wait; "" otherwise (their lines then say each site's outcome)."""
    if not tried or not all(r.get("status") == "timeout" and _is_number(r.get("ms")) and r["ms"] > 0 for r in tried):
        return ""
    said = sorted({float(r["ms"]) / 1000 for r in tried})
    low, high = wording.number(said[0]), wording.number(said[-1])
    return low if low == high else _(HTTPS_WAITED_RANGE).format(low=low, high=high)


def _customer_sees(facts: Mapping[str, Mapping[str, Any]], named_site: Mapping[str, Any] | None) -> str:
    """What the customer's screen says when only some secure sites are stopped, and what of it the sites tried bear out: one of
    selfcheck's own sites opened (the screen says "Some websites do not open"), or only the site the customer named did."""
    tried = _https_tried(facts)
    if any(r.get("status") == "ok" for r in tried):
        return _(HTTPS_CUSTOMER_SEES_SOME)
    if isinstance(named_site, Mapping) and named_site.get("status") == "ok":
        return _(HTTPS_CUSTOMER_SEES_THEIRS_OPENED)
    return _(HTTPS_CUSTOMER_SEES)


def _cleared_lines(
    facts: Mapping[str, Mapping[str, Any]],
    named_site: Mapping[str, Any] | None = None,
    relay_said: bool = False,
    own_site: Mapping[str, Any] | None = None,
) -> list[str]:
    """What the bundle has on "not this computer", one fact a line, each for what it proves: the box's secure port (a plain
    connection, accepted or refused by the box: every_secure_site_stopped needs one), no program's own certificate (only when
    no secure site tried answered with a certificate at all: one that opened may have been answered by an inspecting program
    this computer trusts), no web relay set (the proxy check, when it ran; not when ``relay_said``: agent round 32, "the card
    is longer": "Ruled out" says it, in the proxy check's own line). Its own firewall's outgoing rules (security.firewall's
    "outbound", issue 21), read and stopping none of the secure sites tried (own_settled; ``own_site``: the customer's own,
    when not ``named_site``): said, in place of what would not show; where it lists rules, that they stop no web browser's
    secure connection to the sites tried (a rule of another program, to local addresses only or to other addresses)."""
    tcp = (facts.get("network.gateway") or {}).get("tcp") or {}
    box = tcp.get("443") if isinstance(tcp, Mapping) else None
    lines = [_(HTTPS_CLEARED_BOX_ACCEPTED if box == "ok" else HTTPS_CLEARED_BOX_REFUSED)] if box in ("ok", "refused") else []
    tried = _https_tried(facts)
    if isinstance(named_site, Mapping):
        tried.append(named_site)
    if not any(r.get("status") == "ok" or r.get("certificate") for r in tried):
        lines.append(_(HTTPS_CLEARED_NO_CERTIFICATE))
    settings = (facts.get("network.proxy") or {}).get("settings")
    no_relay = isinstance(settings, Mapping) and not settings.get("proxies") and not settings.get("pac_url") and not settings.get("auto_detect")
    if no_relay and not relay_said:
        lines.append(_(HTTPS_CLEARED_NO_RELAY))
    own = _own(facts)
    if own_settled(facts, named_site or own_site):  # issue 21: read, and it stops none: settled, nothing left unseen
        said = HTTPS_CLEARED_OWN_BROWSER if (own or {}).get("secure_blocks") else HTTPS_CLEARED_OWN_RULES
        return [*lines, _(said).format(source=_own_sources(own or {}))]
    return [*lines, _(HTTPS_CLEARED_UNSEEN)] if lines else lines


#: agent round 23: "The customer says Gmail doesn't open, so they may not be able to read an e-mail reply on that computer"
#: ("took extra thought"): said where it is true; agent round 56 ("how to reach the customer, since email may fail for them"
#: was decided after reading past the reply): the last line of "Before you reply", what to do first
REACH_BY_PHONE = N_("Phone them if you can, or expect them to read the reply on their phone: their webmail may not open on that computer.")
#: agent round 36 (line-down): "I'd phone their mobile, not the landline: if the landline goes through the box it's probably
#: dead too. The card's 'phone them if you can' doesn't warn about this": said where nothing beyond the box answers (a home
#: phone through the box works when only the box's name service or secure sites fail: not said there)
REACH_BY_MOBILE = N_(
    "Phone their mobile if you can, or expect them to read the reply on it: their webmail may not open on that "
    "computer, and a home phone through the box is likely down too."
)
#: agent round 39 (router DNS): "they need to read this on their phone using mobile data, because a phone on the home Wi-Fi
#: goes through the same broken box. The card only says 'on their phone'": said where a phone on the same network meets the
#: same fault (the box, its name service, its secure sites, a sign-in page, a line down away from home); not for this
#: computer's own connection or its clock
REACH_BY_PHONE_DATA = N_(
    "Phone them if you can, or expect them to read the reply on their phone's mobile data: their webmail may not "
    "open on that computer, nor on a phone on the same Wi-Fi."
)
#: causes where a phone on the same network meets the same fault
_SHARED_NETWORK_CAUSES = ("network.gateway", "network.internet", "network.captive_portal", "network.dns", "network.https")
#: causes whose failure means no web page opens on that computer (network.dns only when no name was found at all)
_NO_WEB_CAUSES = ("network.link", "network.gateway", "network.internet", "network.captive_portal", "network.dns")


def web_pages_down(cause_id: str | None, status: Any, facts: Mapping[str, Mapping[str, Any]], named_site: Mapping[str, Any] | None = None) -> bool:
    """The cause means the customer cannot open web pages on that computer (so not their webmail either): every secure site
    tried was stopped silently (the customer's own too, when tried), or no connection, no box, no line, a sign-in page in the
    way, or no website's name found by any DNS server. False when some web works (one site down, slow names, a certificate)."""
    if cause_id == "network.https":
        tried = _https_tried(facts)
        theirs = named_site.get("status") if isinstance(named_site, Mapping) else None
        if own_refusal(facts, named_site):  # issue 21: this computer refuses every one itself
            return True
        return bool(tried) and all(r.get("status") in _HTTPS_SILENT for r in tried) and (theirs is None or theirs in _HTTPS_SILENT)
    if status != "fail" or cause_id not in _NO_WEB_CAUSES:
        return False
    if cause_id == "network.dns":  # any answer (a slow one, one server of two, a name said not to exist): names may still be found
        queries = (facts.get("network.dns") or {}).get("queries") or {}
        servers = [server for server in queries.values() if isinstance(server, Mapping)] if isinstance(queries, Mapping) else []
        return not any(isinstance(q, Mapping) and q.get("status") == "answer" for server in servers for q in server.values())
    return True


def _clock_breaks_web(cause_id: str | None, facts: Mapping[str, Mapping[str, Any]], scan: Mapping[str, Any]) -> bool:
    """The clock is the cause and far enough off that secure sites refuse it (the card's certificate lines say "That is what
    breaks secure websites"): their webmail will not open on that computer either (agent round 24). Not a clock minutes off."""
    if cause_id != "network.clock":
        return False
    offset = clock_offset(facts)
    return (offset is None or abs(offset) >= DAY) and bool(cert_clock_lines(facts.get("network.https") or {}, scan.get("started_at"), offset))


def https_block_lines(facts: Mapping[str, Mapping[str, Any]], description: Mapping[str, Any] | None = None) -> tuple[list[str], str]:
    """For secure websites that fail without any certificate (dropped or cut): what the facts settle about
    where the block is, and the one question that settles the rest, about the sites the customer named
    (agent round 6: the next step for their sites, in one line). Empty when nothing applies."""
    lines, question, _on_network = _https_block(facts, description)
    return lines, question


def _https_block(facts: Mapping[str, Mapping[str, Any]], description: Mapping[str, Any] | None) -> tuple[list[str], str, bool]:
    results = (facts.get("network.https") or {}).get("results") or {}
    silent = [r for r in results.values() if isinstance(r, Mapping) and r.get("status") in _HTTPS_SILENT] if isinstance(results, Mapping) else []
    if not silent:
        return [], "", False
    addresses = {str(r.get("address")) for r in silent if r.get("address")}
    probes = (facts.get("network.internet") or {}).get("addresses") or {}
    plain_ok = (
        sorted(
            a.rsplit(":", 1)[0].strip("[]")
            for a, r in probes.items()
            if isinstance(r, Mapping) and r.get("status") in ("ok", "refused") and a.rsplit(":", 1)[0].strip("[]") in addresses
        )
        if isinstance(probes, Mapping)
        else []
    )
    tcp = (facts.get("network.gateway") or {}).get("tcp") or {}
    router_443 = isinstance(tcp, Mapping) and tcp.get("443") in ("ok", "refused")
    waited = [r for r in silent if r.get("status") == "timeout" and isinstance(r.get("ms"), int | float) and r["ms"] > 0]
    tried = _https_tried_line(results)
    if plain_ok and waited:  # a site line says "(gave up after 1.5 s)": what that wait shows (agent rounds 15 and 22)
        tried = _(HTTPS_TRIED_GAVE_UP).format(n=sum(1 for r in results.values() if isinstance(r, Mapping)), address=plain_ok[0])
    lines: list[str] = [tried, *_https_site_lines(results)]
    if plain_ok and router_443:
        lines.append(_(HTTPS_BLOCK_NETWORK).format(address=plain_ok[0]))
        question = HTTPS_QUESTION_NETWORK
    else:
        if plain_ok:
            lines.append(_(HTTPS_BLOCK_SAME_SERVER).format(address=plain_ok[0]))
        question = HTTPS_QUESTION_UNSETTLED
    if not any(isinstance(r, Mapping) and r.get("status") == "cert_error" for r in results.values()):  # a site's own certificate refused: not said
        lines.append(_(HTTPS_NO_INSPECTION))
    sites, phone = _sites_and_phone(facts, description)
    return lines, _(question).format(sites=sites, phone=phone), question == HTTPS_QUESTION_NETWORK


def _sites_and_phone(facts: Mapping[str, Mapping[str, Any]], description: Mapping[str, Any] | None) -> tuple[str, str]:
    """The sites the questions are about (the customer's own words when they named some) and the phone to try them on."""
    named = _named_sites(description)
    sites = _(HTTPS_NAMED_SITES).format(named=_quoted(named)) if named else _(HTTPS_THEIR_SITES)
    phone = _(HTTPS_PHONE_CABLE) if _wired_only(facts.get("network.link") or {}) else _(HTTPS_PHONE_WIFI)
    return sites, phone


# --- the internet box or beyond it: TTL-limited connection attempts (issue 21) ---------------------------------------
#: agent round 40 (secure sites, after "not this computer" was settled): "What slowed me down was the unsettled box-or-line
#: question. I had to convince myself that one reply is right either way": network.https's "hops" (netprobe.ttl_probe, Linux)
#: settle it where they can. The box itself does not pass secure connections on (plain ones pass it, secure ones get no answer
#: two steps out): what is left is a fault or a setting of the box, which the restart and the parental-control question tell apart.
#: agent round 42 (4-5 minutes): "'Settled… the box itself' says a bit more than its evidence shows. The test shows secure traffic
#: dies somewhere between the box and our router … It doesn't fully prove which end": true (a router that drops them at its door
#: answers nothing either): settled is where they stop, the box or the provider's router right behind it; the box the likelier
#: agent round 74 (4 minutes each: "The 'Not settled' line and the hop test … are dense. I had to read them twice"): short
#: sentences, one fact each
#: agent round 93 (3-4 minutes each: "agents read the whole card and verify every claim it makes"): fewer words, the same facts
#: (that they leave this computer is what "not this computer" says; that plain (http) ones go through, the hop test's line)
HTTPS_SETTLED_BOX = N_(
    "Settled: not this computer, not the websites. Secure (https) connections stop at the internet box or at the provider's router right behind it: the customer's answers tell which."
)
#: agent round 76 (3-4 minutes each, both reread "the note that 10.77.1.2 is our router … to make sure I wasn't blaming the
#: customer for something on our side"): where the company is the provider (provider=True, as for
#: REPLY_NOTE_HTTPS_BOX_ROUTER_OURS), that router is named theirs, with its address, from its first mention: here, the "Not
#: settled" line and the hop test (the *_OURS forms); "the provider's router" stays where it is not known to be theirs
#: agent round 77 (4 and 4-5 minutes): "your router" was read "as the customer's own second router. Only the note 'tell the
#: customer the fault is on your side' made it clear that it means Clearline's equipment": "your company's router"; agent round 78: that too
#: ("made me stop and work out that it means our router, not the customer's employer's"): "the router on your side of the
#: line", in the words of the note that made it clear in round 77 ("the fault is on your side"); agent round 79: that too ("is
#: it the customer's side or ours? … the checks list further down is written to the customer"); round 80, the company's
#: branding name ("Clearline Help's router": "is that ours, or something at the customer's? It's ours, but 'our router'
#: would read faster"; "I had to work out that it means our own equipment"): "our router", as every agent says it and as
#: the reply says "from our side"
#: agent round 92 (secure sites, 3 and 4 minutes: "the hop wording also takes some network knowledge to trust"): the router's
#: address is said where the hop test shows it ("What proves it"), not in the cause nor in the order of work; agent round 94
#: ("The heading says 'Settled' but names two places"): what is settled first, then the two places and what tells them apart
HTTPS_SETTLED_BOX_OURS = N_(
    "Settled: not this computer, not the websites. Secure (https) connections stop at the internet box or at our router right behind it: the customer's answers tell which."
)
#: agent round 44 (3-4 minutes): "The card doesn't say in plain words why the box is the likelier place", and "the unsettled
#: 'box or our router' question, because the router is ours. In real life I'd glance at our outage board": the reason, in
#: the words of that look-up (a router serves many homes; what stops one home only is that home's box)
#: agent rounds 65-68 (3-5 minutes, "the box-or-router question slowed me a little"): the reason in half the words, as they said it
#: agent rounds 69-72 (3-5 minutes; each read the hop lines twice "to see that 'not settled' means our router versus the box",
#: "why the box is only 'likelier'"): why both stay open, in plain words, here where the question is
#: agent round 74 (4 minutes each: "The 'Not settled' line … dense. I had to read them twice"): one fact a sentence: the two
#: places (that router by its address, which agents quote), why the hop test leaves both open, why the box is likelier
#: agent rounds 74-82 (4 minutes each, where every other case takes 2): "I had to think about 'the box or our router' before
#: accepting that the reply is safe either way", "I had to believe the note saying to send the reply before checking the
#: router": the card said the open question in the cause ("Not settled (the reply covers each): …"), the order before the
#: reply ("Send it now, before checking that router: …") and the router's check under it ("For later, once the reply is
#: sent: …"). Now said once, as an order of work ("What to do", right under the cause): send the reply (what its restart
#: and its question test), then the router; the open question only as the reason for that order, after it: why the hop
#: test leaves both open is its last step's line under "What proves it" ("So they stop in the box or in that router")
#: round 86: what each of its tests tells is said under "What their answers tell" (HTTPS_SETTING_TELLS): here only that it tests the box
ORDER_HTTPS_BOX_SEND = N_("1. Send the reply below now: it tests the box.")
#: agent round 89 (secure sites, 3-4 minutes: "choosing a phone call over email" was one of "the two extra actions the card
#: asks of me"): one decided first action, where their webmail may not open on that computer nor on their Wi-Fi (REACH_BY_PHONE_DATA)
#: agent round 92 (3 and 4 minutes, the card's length): the same decision in fewer words, the customer first
ORDER_HTTPS_BOX_PHONE = N_(
    "1. Phone the customer first and read them the reply below: it tests the box. No answer: send it; they can read it on their phone with its Wi-Fi off."
)
#: the company is the provider (provider=True): that router is its own, checked from its side (agent rounds 46-47: "the card
#: doesn't say how to check it from our side or whether to raise it with the network team"), after sending (agent rounds
#: 65-68: "it doesn't hold up the reply"), by its address (agents quote it)
#: agent round 89 ("checking the other homes behind our router" the other extra action, and when: "I'd check the other homes right
#: away rather than wait for the customer"): meanwhile, in one line; agent round 90 ("a first-line agent may not have a tool
#: for that"): asked of the network team
#: agent round 92 (3 and 4 minutes: "the card asks for two parallel actions (call the customer, ask the network team), and I'd
#: need to know who to contact and whether I'm allowed to escalate on one bundle"; "remembering to ask the network team as well
#: as replying"): one decided line, with who (the company's [support] network_team, else "your network team") and why one
#: bundle is enough; the order's "Why this order" line goes with the order (both happen now)
#: agent round 93 (3-4 minutes each: "this card asks for two actions (phone first, escalate to the NOC now) rather than just a
#: reply. I had to decide whether to escalate now or wait for the restart result"): one paragraph, the order and the timing
#: decided in it: the customer first, the card passed on at once, not after the restart (``team``: the company's
#: [support] network_team, else YOUR_NETWORK_TEAM)
#: agent round 96 (3 and 3 minutes: "the only pause was the two-part action", "phone the customer and hand to the NOC right
#: away"): two short numbered actions in the order an agent does them: the card passed on first (it takes a moment and waits for
#: nothing), then the customer reached
#: agent round 100 (3-4 and 3 minutes: "deciding whether to call the NOC before the customer had restarted the box"; "working
#: out that the card wants two actions (escalate and reply), and deciding that a box restart is harmless even if the fault
#: turns out to be our router"): both decisions made on the card: both actions now, neither waiting for the restart's answer;
#: why the network team now (our router serves other customers); the restart harmless if the fault is ours
ORDER_HTTPS_BOX_OURS_NOW = N_("1. Now, without waiting for the restart's answer: pass this card to {team}; if it is our router, other customers have it too.")
ORDER_HTTPS_BOX_OURS_PHONE = N_(
    "2. Now too: phone the customer, read them the reply (the restart does no harm if the fault is ours); no answer: send it (they can read it on their phone, Wi-Fi off)."
)
ORDER_HTTPS_BOX_OURS_SEND = N_("2. Now too: send the reply below: it tests the box, and the restart does no harm if the fault is ours.")
YOUR_NETWORK_TEAM = N_("your network team")


def network_team(value: Any) -> str:
    """The company's network team as the card names it (``[support] network_team``, e.g. "NOC, ext. 4411"), or "" where it is
    not set or is not one short line of text: a broken setting never breaks the card, which then says "your network team"."""
    from selfcheck.config import SHORT_LINES, short_line

    return value.strip() if isinstance(value, str) and short_line(value, SHORT_LINES["support.network_team"]) else ""


#: the company is not the provider: the reply itself sends them to their provider if the restart does not help
ORDER_HTTPS_BOX_PROVIDER = N_(
    "2. If the restart does not help, the reply sends them to their internet provider (if that is your company, check the line and the box from your side)."
)
#: agent round 90 ("What slowed me was working out why the test can't tell the box from our router"): why, in a few words
ORDER_HTTPS_BOX_WHY = N_(
    "Why this order: the tests cannot tell the box from the provider's router ({router}). The box is likelier: a fault in "
    "that router would hit every home behind it."
)
#: agent round 41 (secure sites, 3-4 minutes): "I read the 'What proves it' evidence inside the card twice, because the
#: hop-by-hop wording ('answered one sent two steps out') is technical", "Lines like 'turning it away as a box without a secure
#: page does' took a second read before I was sure they clear the computer and point at the box", "The 'Not settled' line
#: also made me stop until I saw the reply deliberately covers both possibilities": where the box is settled, one line says
#: what was seen in an agent's words (they leave this computer, reach the box and stop there; plain ones go on), the routers
#: and steps in brackets; it clears this computer too (a secure attempt to the site's own address reached the box), so the
#: "Not this computer" lines and the "Not settled" line go ("About this reply" says what the reply settles: a fault or a setting)
#: agent round 42: "the line about attempts sent 'one step / two steps'. I had to read it twice": what each test connection
#: was set to do (expire at the box, or one router further) and who answered, in that order
#: agent round 43 (4 minutes): "The line about test connections 'set to expire at the box… one router further' is dense, and I
#: needed it to see why our own router is a suspect at all": what it shows first, then how it was seen
#: agent round 44: "I did re-read the 'What proves it' section twice … It's dense, and I mostly trusted the card's conclusion":
#: "How this was seen:" says where the conclusion ends and the method starts
#: agent round 52 (4-5 minutes): "This card is the longest, and I reread the section on where the traffic stops to make sure it
#: isn't the computer's firewall" (as rounds 43-49 read it twice): one plain sentence, what was seen and what it settles in the
#: order they follow, naming this computer's own firewall where it is cleared (the secure test connections reached the box), so
#: "Ruled out" no longer says it again (b13b4ce's line, HTTPS_RULED_OUT_OWN_*); with its rules' source where they were read
#: and stop none (own_settled)
#: agent round 55 (secure sites, 3-4 minutes: "a long 'Where they stop' sentence"): the finding first (where they stop, and
#: that this computer lets them out), then what was seen, the addresses after
#: agent round 56 (4-5 minutes): "I also had to check for myself that 'this computer's firewall blocks nothing' really rules
#: out the PC": this computer's firewall is said under "Ruled out", on its own line (HTTPS_RULED_OUT_FIREWALL*), not in here
#: agent round 57: "'reached the box … at that router a plain one was answered': I had to read it twice to see that it doesn't
#: clear the box" (and opened the facts to check): said that reaching the box does not clear it
#: agent round 64 (4 and 7-8 minutes; one opened facts/network.https.json: "The hop test shows a secure test at the first step
#: got an answer from the box. At the second step, plain http was answered by 10.77.1.2 and secure got silence … the card's
#: wording didn't let me see that for myself"): the hop test as he read it, the finding in one short line, then one line per
#: step out (HTTPS_HOPS_STEP_*): who answered what, and what that step shows
#: agent rounds 65-68 (3-5 minutes: "The hop-test paragraph is dense … and I read it twice"): its finding said what the cause's
#: "Settled" line says right above: said once, there; the head names what the test shows, box and beyond cases alike
HTTPS_HOPS_HEAD = N_("The hop test (how far secure connections get):")
#: one step out, both cases: secure test connections reach the box, so this computer lets them out (the box not cleared)
#: agent rounds 65-68 ("I read it twice"): one short sentence, who answered, then what it shows
#: agent round 69 (4 minutes: "The hop test says the box 'answered a secure test connection', yet the card says the box is the
#: likelier cause. I had to work out that the block could be in how the box passes traffic on"): where the box is not cleared,
#: its step said that passing them on is not shown by it (HTTPS_HOPS_STEP_BOX_ITSELF); review 39: "made to the box itself" is
#: not what was sent (a test connection to the site, set to go one step and no further); agent round 74 ("answered a secure
#: test connection set to stop there" read twice): a short sentence each
#: agent round 75 (both read it twice again: "'The box answered a secure connection' sounded at first like the box was cleared,
#: until I saw it only proves the computer lets https out"): what reached where, not who "answered"; the same step where the box
#: is settled (HTTPS_HOPS_STEP_BOX_ITSELF, merged: its "This does not show that the box passes them on" goes, the next step says
#: where they stop) and where it passes them on
HTTPS_HOPS_STEP_BOX = N_("One step out: secure test connections reach the internet box ({box}), so this computer lets them out.")
#: two steps out where the box is settled (hops_settle: 80@2 answered, 443@2, 443@2 again and 443@3 silent)
#: agent round 68 ("'one step out… two steps out… sent twice, and once three steps out' … I read it twice"): the three tries
#: counted, not described; what it settles is the cause's "Settled" line, not said again
#: agent round 74 ("The hop-test wording needs a careful second read"): who was reached, then what answered, in short sentences
#: agent round 75 ("'A secure test connection got there, and the box answered… this does not show that the box passes them on'
#: is precise but dense"): what did not get there first, the plain one that did after; the conclusion once, last, naming both
HTTPS_HOPS_STEP_SILENT = N_(
    "Two steps out: no secure one got an answer from the provider's router ({router}), in three tries, while a plain (http) one did. "
    "So they stop in the box or in that router."
)
HTTPS_HOPS_STEP_SILENT_OURS = N_(
    "Two steps out: no secure one got an answer from our router ({router}), in three tries, while a plain (http) one did. "
    "So they stop in the box or in that router."
)
#: agent rounds 41-83 (about sixty readings, 3-5 minutes where every other case takes 2; rounds 82-83: 4, 4, 4 and 4-5, the
#: reading time following the card's length, about 700 words): where the box is settled and nothing answered any secure site
#: while plain (http) answered at once (_short_proof), "What proves it" is three short lines, what the agents quoted of it:
#: the secure sites tried (the customer's among them, their other names not tried), the plain one that answered, the hop
#: test's result with both addresses (round 92: the plain one in it). Each site's address and selfcheck's wait are in the bundle's facts
#: agent round 89: "I also stopped briefly on 'Gmail not tried: surely the same' before accepting it": why it is the same
#: agent round 93 (3-4 minutes, each line checked): in fewer words
HTTPS_BOX_ALSO = N_("{named}, not tried, uses https too.")
#: agent round 92 ("the hop wording also takes some network knowledge to trust"): what was seen in support's words (secure
#: connections stop after the box, plain ones go on), the addresses here only, with the plain (http) try of one of those
#: servers (it answered at once: _short_proof), which was a line of its own
#: agent rounds 95-96 (read it twice): one short plain line, where secure ones stop and where plain ones pass
#: agent round 99 b ("Jargon under 'What proves it' and 'Ruled out' ('Hop test', 'read from nftables'). I skipped it"): what
#: the test saw, in plain words, the addresses in brackets
#: agent round 101 b ("working out the line 'https gets as far as the box, http gets past our router'. It means the blockage could
#: be in the box or in the next hop"): what it means, on the same line. A plain one sent two steps out got its answer from that
#: router, the secure ones none (hops_settle): they reach it, and the block is in the box or at it
#: agent rounds 101, 103 and 104 (3 minutes on the card, then 2-3 more opening facts/network.https.json and network.internet.json
#: "because the card has me bring in the network team before the customer has confirmed anything"): the trace as recorded,
#: the network team's proof, on the card: each try by its hop, who answered, the secure ones silent past the box; it replaces
#: the line saying where they stop, which the cause's "Settled" line says (hops_settle: 443@1 from the box, 443@2, 443@2 again
#: and 443@3 silent, 80@2 from the router; 80@3 "hop 3 connected" only where it connected)
HTTPS_TRACE_SECURE = N_("Trace (for the network team), secure (https) to {site}: hop 1, the box ({box}), answered; hops 2 and 3 silent (hop 2 tried twice).")
HTTPS_TRACE_PLAIN = {
    (False, False): N_("Plain (http): hop 2, the provider's router ({router}), answered."),
    (True, False): N_("Plain (http): hop 2, our router ({router}), answered."),
    (False, True): N_("Plain (http): hop 2, the provider's router ({router}), answered; hop 3 connected."),
    (True, True): N_("Plain (http): hop 2, our router ({router}), answered; hop 3 connected."),
}


def _trace_line(https: Any, settled: Mapping[str, Any], ours: bool) -> str:
    """ "What proves it" where the hops settle the box and nothing answered (_short_proof): the trace as network.https recorded
    it (HTTPS_TRACE_*), the site's address only as an IP."""
    from selfcheck.netparse import is_ip

    hops = https.get("hops") if isinstance(https, Mapping) else None
    hops = hops if isinstance(hops, Mapping) else {}
    site = str(hops.get("address") or "")
    site = site if len(site) <= 45 and is_ip(site) else "?"
    results = https.get("results") if isinstance(https, Mapping) else None
    named = [_host(str(url)) for url, r in (results.items() if isinstance(results, Mapping) else ()) if isinstance(r, Mapping) and r.get("address") == site]
    site = f"{named[0]} ({site})" if site != "?" and named and named[0] else site
    probes = hops.get("probes")
    third = probes.get("80@3") if isinstance(probes, Mapping) else None
    connected = isinstance(third, Mapping) and third.get("status") == "answered" and third.get("how") == "connected"
    secure = _(HTTPS_TRACE_SECURE).format(site=site, box=settled.get("box") or "?")
    return f"{secure} {_(HTTPS_TRACE_PLAIN[ours, connected]).format(router=settled.get('router') or '?')}"


#: how many secure sites "What proves it" names (more: counted, the customer's among them)
SITES_NAMED = 4
SITES_NO_ANSWER_THEIRS = N_("No secure (https) answer from the customer's {host}, {sites}.")
SITES_NO_ANSWER = N_("No secure (https) answer from {sites}.")
#: round 96 follow-up: the support server among the sites named, said there (not again on a line of its own, SUPPORT_FAILED_SAME)
#: agent round 99 b ("the card says the support service can't be reached, yet the bundle got to us"): how, as far as the
#: bundle knows it: made where the support service could not be reached, it was sent once it could be (the outbox) or as a
#: file (`selfcheck send` saving it, `selfcheck bundle`). The bundle is sealed when it is made (its manifest's checksums): how
#: it then travelled is in no file of it, so the card says no more than that
#: agent round 103 (two agents of three: "I wondered for a moment how the bundle reached us at all", "I read it twice", in the
#: brackets "(the support service: the same fault, so this bundle was sent later or another way)"): the support service named
#: plainly, last of the sites, and how the bundle came in one short sentence of its own right after them
SITES_SUPPORT_NAMED = N_("{host} (our support service)")
BUNDLE_CAME_LATER = N_("This bundle came later, once it could be sent, or as a file.")


def _short_sites_line(
    facts: Mapping[str, Mapping[str, Any]],
    description: Mapping[str, Any] | None,
    named_site: Mapping[str, Any] | None,
    support: str = "",
    leave_out: str = "",
) -> str:
    """ "No secure (https) answer from the customer's www.mybank.example, support.lab.example, www.lab.example." (more
    than SITES_NAMED: "… (the customer's www.mybank.example among them): no answer."), and the sites they named in
    their own words that none of those is ("“Gmail”, not tried, uses https too."). ``support``: the support server's host,
    which failed the same way: where it is named, it is last and says so ("support.lab.example (our support service)"), and
    how this bundle still came follows the list (BUNDLE_CAME_LATER). ``leave_out``: a host not named nor counted (the support
    server where it adds nothing, _support_adds_nothing)."""
    from selfcheck import namedsite

    https = facts.get("network.https") or {}
    results = https.get("results")
    hosts = {_host(str(url)).lower() for url, r in results.items() if isinstance(r, Mapping)} if isinstance(results, Mapping) else set()
    hosts.discard(leave_out)
    host = namedsite.host_of(str(named_site.get("host") or ""), allow_private=True) if isinstance(named_site, Mapping) else None
    n = len(hosts | {host.lower()}) if host else len(hosts)
    # agent round 95 ("the card says '3 sites', and I briefly looked for the third one"): a few sites are named, the customer's first
    others = sorted(h for h in hosts if not host or h != host.lower())
    ours = bool(support) and support in others
    if 1 < n <= SITES_NAMED and all(others):
        named = [h for h in others if not ours or h != support] + ([_(SITES_SUPPORT_NAMED).format(host=support)] if ours else [])
        sites = _(", ").join(named)
        line = _(SITES_NO_ANSWER_THEIRS).format(host=host, sites=sites) if host else _(SITES_NO_ANSWER).format(sites=sites)
        if ours:
            line = f"{line} {_(BUNDLE_CAME_LATER)}"
    elif host:
        line = ngettext(
            "Secure (https) to {n} site, the customer's {host}: no answer.", "Secure (https) to {n} sites (the customer's {host} among them): no answer.", n
        ).format(n=n, host=host)
    else:
        line = ngettext("Secure (https) to {n} site: no answer.", "Secure (https) to {n} sites: no answer.", n).format(n=n)
    also = _named_also(description, named_site, https) if host else []
    return f"{line} {_(HTTPS_BOX_ALSO).format(named=_quoted(also))}" if also else line


def _support_among_sites(
    card: SupportCard, facts: Mapping[str, Mapping[str, Any]], description: Mapping[str, Any] | None, named_site: Mapping[str, Any] | None
) -> bool:
    """Where "What proves it"'s first line names the support server among the sites with no answer, that line says it is the
    support service, the same fault (True); else nothing is changed (False) and SUPPORT_FAILED_SAME says it on its own line.
    Round 96 follow-up: "“Support service” failed the same way" under "No secure (https) answer from …, support.lab.example, …"
    said the same server twice."""
    url = (facts.get("network.support") or {}).get("url")
    host = _host(url).lower() if isinstance(url, str) and url else ""
    if not host or not card.proof or card.proof[0] != _short_sites_line(facts, description, named_site):
        return False
    if _support_adds_nothing(facts, named_site, host):
        card.proof[0] = _short_sites_line(facts, description, named_site, leave_out=host)
        return True
    said = _short_sites_line(facts, description, named_site, support=host)
    if said == card.proof[0]:
        return False
    card.proof[0] = said
    return True


def _support_adds_nothing(facts: Mapping[str, Mapping[str, Any]], named_site: Mapping[str, Any] | None, support: str) -> bool:
    """The support server ``support`` adds nothing to "What proves it": other secure sites tried (the customer's among them
    where they named one) failed, and the support check's own try failed as they did (the same status). Agent rounds 103-104
    paused on every wording of how the bundle still came ("This bundle came later, once it could be sent, or as a file"):
    where another site is the proof, neither the support server nor that note is said. Where it is the only site that failed,
    or its own try failed otherwise (refused where the others got no answer), it is named, with the note."""
    from selfcheck import namedsite

    results = (facts.get("network.https") or {}).get("results")
    others = [r for url, r in (results.items() if isinstance(results, Mapping) else ()) if isinstance(r, Mapping) and _host(str(url)).lower() != support]
    theirs = namedsite.host_of(str(named_site.get("host") or ""), allow_private=True) if isinstance(named_site, Mapping) else None
    if theirs and theirs.lower() != support and named_site is not None and named_site.get("status") in _HTTPS_SILENT:
        others.append(named_site)
    if not others or not all(r.get("status") in _HTTPS_SILENT for r in others):
        return False
    own = (facts.get("network.support") or {}).get("results")
    tried = [r for r in (own.values() if isinstance(own, Mapping) else ()) if isinstance(r, Mapping)]
    statuses = {r.get("status") for r in others}
    return bool(tried) and all(r.get("status") in statuses for r in tried)


def _short_proof(facts: Mapping[str, Mapping[str, Any]], named_site: Mapping[str, Any] | None) -> bool:
    """The box settled by the hops, and every secure site tried (the customer's too, when tried) got no answer at all while
    plain (http) to one of their servers answered at once: "What proves it" in three short lines (HTTPS_BOX_*)."""
    return hops_where(facts, named_site) == "box" and bool(_silent_stop(facts, named_site)[1])


def _not_alone(ruled_out: list[str], results: Mapping[str, Mapping[str, Any]]) -> list[str]:
    """ "Ruled out" without the lines of the checks that passed and cannot stop secure sites alone (the link, the box switched on,
    steadiness, a sign-in page); a line with entries under it, or one not worded as this card words it, stays. Agent round 83 read
    nine "Ruled out" lines; round 89, one "Also fine: …" line for these; round 92 (3 and 4 minutes, the card's length): none,
    their OK is in every result below the card."""
    kept = list(ruled_out)
    for check_id in ("network.link", "network.gateway", "network.quality", "network.captive_portal"):
        r = results.get(check_id)
        if r is None or r.get("status") != "pass":
            continue
        if check_id == "network.gateway":
            pings = _(GATEWAY_RULED_OUT_PINGS).split("{", 1)[0]
            at = next((i for i, line in enumerate(kept) if line == _(GATEWAY_RULED_OUT) or line.startswith(pings)), None)
        else:
            said = _ruled_out_line(r)
            at = kept.index(said) if said in kept else None
        if at is None or (at + 1 < len(kept) and is_sub_item(kept[at + 1])):
            continue
        del kept[at]
    return kept


#: agent round 89 (secure sites, 3-4 minutes: the card's length, 564 words): what could stop secure sites on its own and was
#: found fine (names, the proxy, the clock, the line, this computer's firewall), one short line without figures (they are in
#: the results under the card and in the bundle); "Also fine" stays the other line
NONE_STOPS_THEM = N_("Checked, none stops them: {parts}.")
NONE_STOPS_PARTS = {
    "network.dns": N_("finding websites by name"),
    "network.proxy": N_("the proxy"),
    "network.clock": N_("the date and time"),
    "network.internet": N_("the line"),  # agent round 93: the hop test's line says that plain (http) ones go through
}
#: agent round 99 b ("read from nftables" was jargon, skipped): where its rules were read, the firewall is named alone; where
#: they were read from is in the bundle's facts (network.https's own_firewall)
NONE_STOPS_FIREWALL_READ = N_("this computer's firewall")
NONE_STOPS_FIREWALL = N_("this computer's firewall (secure test connections reach the box)")


def _none_stops(
    ruled_out: list[str], results: Mapping[str, Mapping[str, Any]], facts: Mapping[str, Mapping[str, Any]], named_site: Mapping[str, Any] | None
) -> list[str]:
    """ "Ruled out" where the box is settled and said short (_short_proof): the lines of the checks that passed and could stop
    secure sites on their own (names, proxy, clock, the line) and this computer's firewall's line folded into one NONE_STOPS_THEM
    line, where the first of them was; a line with entries under it, or one not worded as this card words it, stays."""
    kept = list(ruled_out)
    parts: list[str] = []
    first: int | None = None

    def fold(line: str, part: str) -> None:
        nonlocal first
        at = kept.index(line)
        if at + 1 < len(kept) and is_sub_item(kept[at + 1]):
            return
        first = at if first is None else min(first, at)
        kept[at] = ""
        parts.append(part)

    for check_id, part in NONE_STOPS_PARTS.items():
        r = results.get(check_id)
        if r is None or r.get("status") != "pass":
            continue
        head = (
            _(HTTPS_INTERNET_PARTLY_REACHED).split("{", 1)[0] if check_id == "network.internet" else _("{title}: {summary}").format(title=_title(r), summary="")
        )
        line = next((x for x in kept if x.startswith(head)), None)
        if line is not None:
            fold(line, _(part))
    firewall = _firewall_ruled_out(facts, named_site)
    if firewall in kept:
        own = _own(facts) or {}
        read = firewall == _(HTTPS_RULED_OUT_FIREWALL_READ).format(source=_own_sources(own))
        fold(firewall, _(NONE_STOPS_FIREWALL_READ) if read else _(NONE_STOPS_FIREWALL))
    if first is None:
        return ruled_out
    kept[first] = _(NONE_STOPS_THEM).format(parts=_(", ").join(parts))
    return [line for line in kept if line]


#: "Ruled out", where the hops settle the box: this computer's own firewall lets them out (its outgoing rules read and
#: listing none: where from; else: the secure test connections themselves reached the box)
HTTPS_RULED_OUT_FIREWALL_READ = N_("This computer's firewall: stops nothing going out (read from {source}).")
HTTPS_RULED_OUT_FIREWALL = N_("This computer's firewall: lets secure connections out (secure test connections reached the box, {box}).")
#: the box passes them on (a router beyond it answered a secure one): stopped on the line or at the internet provider; a box
#: restart would not help, so the reply asks for none: the line is checked, and whether other devices fail too
HTTPS_SETTLED_BEYOND = N_(
    "Settled: the internet box passes secure (https) connections on; they are stopped beyond it, on the line or at the internet provider. "
    "Not the box, not the websites."
)
HTTPS_OPEN_PART_BEYOND = N_("where beyond the box; checking the line tells.")
#: the router past the box that answered a secure one (hops_settle's "steps": two or three steps out)
#: agent rounds 65-68 (the box case's steps made shorter): the same form as the box's step
#: agent round 75 (the box case's steps said what reached where): the same shape, so the two read alike
HTTPS_HOPS_STEP_PASSED = {
    2: N_("Two steps out: a secure one reaches a router beyond the box ({router}) too, so the box passes them on."),
    3: N_("Three steps out: a secure one reaches a router beyond the box ({router}) too, so the box passes them on."),
}
HTTPS_BEYOND_ASK = N_(
    "Sites fail on their other devices at home too: as the facts say, the line or the provider; check the line.\n"
    "They open on another device: the line stops only this computer's connections; say so to whoever checks the line."
)
REPLY_BEYOND = N_(
    "Your internet box passes these websites on: they are stopped further on, on the line. Restarting the box would not help, "
    "so there is no need to do it, even if the check window suggests it."
)
REPLY_BEYOND_OURS = N_("We are checking your line from our side and will tell you as soon as it is sorted out.")
REPLY_BEYOND_PROVIDER = N_("Please call your internet provider: they can check your line from their side.")
REPLY_BEYOND_QUESTION = (N_("do these websites fail on your other devices at home too, such as a phone on your home Wi-Fi with its mobile data turned off?"),)
#: agent round 43: "Deciding whether to check our router (10.77.1.2) before replying, since it's Clearline equipment … A stricter
#: colleague might check first": the order said, as for line-down's outage look-up; agent rounds 46-47: what settles that
#: router, after sending; agent rounds 65-68: "it doesn't hold up the reply"; rounds 74-82: said as an order of work
#: (ORDER_HTTPS_BOX_*, above)
REPLY_NOTE_HTTPS_BEYOND = N_(
    "Send it now: the facts settle that the box passes them on, so it asks for no box restart (the customer's screen still suggests one)."
)
REPLY_NOTE_HTTPS_BEYOND_OURS = N_("Check the line from your side now.")
REPLY_NOTE_HTTPS_BEYOND_LINE = N_("It sends them to their internet provider (if that is your company, check the line from your side now).")


def hops_settle(https: Any, gateway: Any = None) -> dict[str, Any] | None:
    """What network.https's TTL-limited attempts ("hops": netprobe.ttl_probe's results to a site's address) settle: {"where":
    "box" | "beyond", "box", "router", "steps"}, or None (not settled: not run, not Linux, the site itself two steps out,
    nothing answered, an older bundle). The box is the router that answered the secure attempt sent one step; "beyond" when a
    router past it (neither the box nor the site) answered a secure one sent two or three steps; "box" when such a router
    answered a plain one two steps out while the secure ones two and three steps out got no answer, and the secure one two steps
    out sent once more after a pause ("443@2 again": a router that limits its answers may skip one of two sent at once) got
    none either. Where ``gateway`` (network.gateway's router address) is known, the router one step out must be it: another
    one (a second router on the way) is not the box (issue 21 review). Addresses only as IPs."""
    from selfcheck.netparse import is_ip

    hops = https.get("hops") if isinstance(https, Mapping) else None
    probes = hops.get("probes") if isinstance(hops, Mapping) else None
    if not isinstance(hops, Mapping) or not isinstance(probes, Mapping):
        return None
    site = str(hops.get("address") or "")

    def seen(key: str) -> Mapping[str, Any]:
        result = probes.get(key)
        return result if isinstance(result, Mapping) else {}

    def router(key: str, other_than: tuple[str, ...]) -> str | None:
        result = seen(key)
        address = result.get("from")
        ok = result.get("status") == "time_exceeded" and isinstance(address, str) and len(address) <= 15 and is_ip(address)
        return str(address) if ok and ":" not in str(address) and address not in other_than else None

    box = router("443@1", (site,))
    if box is None:
        return None
    known = str(gateway).split("%", 1)[0] if isinstance(gateway, str) and gateway else ""
    if known and known != box:
        return None  # the router one step out is not this computer's gateway: the box is not known
    for key, steps in (("443@2", 2), ("443@2 again", 2), ("443@3", 3)):
        past = router(key, (box, site))
        if past:
            return {"where": "beyond", "box": box, "router": past, "steps": steps}
    past = router("80@2", (box, site))
    if past and all(seen(key).get("status") == "silent" for key in ("443@2", "443@2 again", "443@3")):
        return {"where": "box", "box": box, "router": past, "steps": 2}
    return None


def _hops_settled(
    card: SupportCard,
    facts: Mapping[str, Mapping[str, Any]],
    named_site: Mapping[str, Any] | None,
    ours: bool = False,
    description: Mapping[str, Any] | None = None,
) -> bool:
    """Where the hops settle box or beyond (every secure site stopped, at home, high confidence): the cause and what is left
    (_settled_cause), the lines saying what the hops saw at the end of what was seen (before "Not this computer"), and "Ask next"
    for beyond the box (no restart asked). ``ours``: the company is the provider, so the router behind the box is its own.
    True where "What proves it" is said in three short lines (_short_proof: the box, nothing answered)."""
    where = hops_where(facts, named_site)
    if where is None:
        return False
    box = where == "box"
    heads = (_(HTTPS_ALL_CLEARED), _(HTTPS_CLEARED))
    at = next((i for i, line in enumerate(card.proof) if line in heads), len(card.proof))
    stopped = _all_stopped_lines(facts, description, named_site)  # the sites tried, each under the stop (build)
    if box and _short_proof(facts, named_site) and card.proof[: len(stopped)] == stopped:
        settled = hops_settle(facts.get("network.https"), _gateway_of(facts)) or {}
        card.cause = _(HTTPS_SETTLED_BOX_OURS if ours else HTTPS_SETTLED_BOX).format(router=settled.get("router") or "?")
        card.cause_note = ""
        end = at + 1 if at < len(card.proof) else at
        while end < len(card.proof) and card.proof[end].startswith(SUB_ITEM):
            end += 1
        card.proof = [
            _short_sites_line(facts, description, named_site),
            _trace_line(facts.get("network.https"), settled, ours),
            *card.proof[len(stopped) : at],  # what else was seen; not the "Not this computer" head and its lines
            *card.proof[end:],
        ]
        card.ruled_out.append(_firewall_ruled_out(facts, named_site))
        return True
    if box:  # agent round 41: the hops line clears this computer: no "Not this computer"; round 42: the box or the router behind it
        router = (hops_settle(facts.get("network.https"), _gateway_of(facts)) or {}).get("router") or "?"
        # what is open (the box or that router) is the reason for the order of work under the cause (ORDER_HTTPS_BOX_*):
        # no "Not settled" line of its own (agent rounds 74-82)
        card.cause = _(HTTPS_SETTLED_BOX_OURS if ours else HTTPS_SETTLED_BOX).format(router=router)
        card.cause_note = ""
        end = at + 1 if at < len(card.proof) else at
        while end < len(card.proof) and card.proof[end].startswith(SUB_ITEM):
            end += 1
        del card.proof[at:end]  # the "Not this computer" head and its lines
    else:
        _settled_cause(card, _(HTTPS_SETTLED_BEYOND), _(HTTPS_OPEN_PART_BEYOND), covered=True)
    card.proof[at:at] = _hops_lines(facts, named_site, ours)
    if box:  # appended: the folds of "Ruled out" (build) hold their lines' places
        card.ruled_out.append(_firewall_ruled_out(facts, named_site))
    else:
        card.next_question = _(HTTPS_BEYOND_ASK)
    return False


def hops_where(facts: Mapping[str, Mapping[str, Any]], named_site: Mapping[str, Any] | None = None) -> str | None:
    """ "box" or "beyond" where every secure site tried was stopped silently and the hops settle where (hops_settle); else None."""
    if not every_secure_site_stopped(facts, named_site):
        return None
    settled = hops_settle(facts.get("network.https"), _gateway_of(facts))
    return str(settled["where"]) if settled else None


def _gateway_of(facts: Mapping[str, Mapping[str, Any]]) -> Any:
    """network.gateway's router address (the box), or None."""
    return (facts.get("network.gateway") or {}).get("gateway")


def _hops_lines(facts: Mapping[str, Mapping[str, Any]], named_site: Mapping[str, Any] | None = None, ours: bool = False) -> list[str]:
    """ "What proves it": the hop test's head (what it settles is the cause's "Settled" line: not said again), then one line
    under it per step out (the box, then the router past it): what reached where, and what that step shows (``ours``: that
    router is the company's own)."""
    settled = hops_settle(facts.get("network.https"), _gateway_of(facts)) or {}
    box = SUB_ITEM + _(HTTPS_HOPS_STEP_BOX).format(box=settled.get("box") or "?")
    if settled.get("where") == "box":
        silent = HTTPS_HOPS_STEP_SILENT_OURS if ours else HTTPS_HOPS_STEP_SILENT
        return [_(HTTPS_HOPS_HEAD), box, SUB_ITEM + _(silent).format(router=settled["router"])]
    if settled.get("where") == "beyond":
        passed = HTTPS_HOPS_STEP_PASSED.get(int(settled["steps"]), HTTPS_HOPS_STEP_PASSED[2])
        return [_(HTTPS_HOPS_HEAD), box, SUB_ITEM + _(passed).format(router=settled["router"])]
    return []


def _firewall_ruled_out(facts: Mapping[str, Mapping[str, Any]], named_site: Mapping[str, Any] | None = None) -> str:
    """ "Ruled out" where the hops settle the box: this computer's own firewall lets secure connections out, with its rules'
    source where they were read and list none, else by the secure test connections that reached the box."""
    settled = hops_settle(facts.get("network.https"), _gateway_of(facts)) or {}
    own = _own(facts)
    if own_settled(facts, named_site) and own is not None and not own.get("secure_blocks") and own.get("sources"):
        return _(HTTPS_RULED_OUT_FIREWALL_READ).format(source=_own_sources(own))
    return _(HTTPS_RULED_OUT_FIREWALL).format(box=settled.get("box") or "?")


# --- this computer's own firewall on outgoing secure connections (issue 21) ------------------------------------------
#: security.firewall's "outbound" facts (the outgoing rules, read from nftables' JSON, iptables' rule syntax or the Windows
#: registry), which network.https copies as its "own_firewall": what they settle about "not this computer". A bundle is
#: hostile input and the rules come from another process: everything bounded, every text inert.
OWN_SOURCES = {"nftables": "nftables", "iptables": "iptables", "windows": N_("Windows Firewall")}
_OWN_WHY_NOT = ("not_root", "missing", "unreadable", "not_supported")


def own_firewall(outbound: Any) -> dict[str, Any] | None:
    """A bounded copy of security.firewall's "outbound" facts (the shape in checks/security_firewall.py), or None when there
    are none (macOS, an older bundle): at most 10 blocks, each text cut to its bound, only known sources."""
    if not isinstance(outbound, Mapping):
        return None

    def text(value: Any, bound: int) -> str | None:
        return inert(value)[:bound] if isinstance(value, str) and value.strip() else None

    sources = outbound.get("sources")
    blocks = outbound.get("secure_blocks")
    others = outbound.get("other_firewalls")
    security = outbound.get("other_security")
    why_not = outbound.get("why_not")
    return {
        "read": outbound.get("read") is True,
        "sources": [s for s in sources if s in OWN_SOURCES][:3] if isinstance(sources, list) else [],
        "why_not": why_not if why_not in _OWN_WHY_NOT else None,
        "default_block": outbound.get("default_block") is True,
        "secure_blocks": [
            {
                "rule": text(b.get("rule"), 160) or "?",
                "where": text(b.get("where"), 80),
                "only_to": text(b.get("only_to"), 80),
                "to": _own_to(b),
                # a file name only: a folder may hold the user's name
                "program": (text(b.get("program"), 80) or "").replace("\\", "/").rsplit("/", 1)[-1] or None,
                # a condition the reader could not read (ct state, an interface, a user, a service), or a rule before it
                # that may let the connection out: whether it meets the browser's connection is not known
                "unread": b.get("unread") is True,
            }
            for b in (blocks[:10] if isinstance(blocks, list) else [])
            if isinstance(b, Mapping)
        ],
        "more": outbound.get("more") is True,
        "other_firewalls": [t for t in (text(o, 80) for o in others[:5]) if t] if isinstance(others, list) else [],
        # antivirus products other than Microsoft's own (Security Center): a web shield may drop secure connections unseen
        "other_security": [t for t in (text(o, 80) for o in security[:5]) if t] if isinstance(security, list) else [],
    }


def _own_to(block: Mapping[str, Any]) -> list[str] | None:
    """A block's destination values, bounded and inert ("to", checks/security_firewall.read_outbound): None for every
    address. An older bundle has only "only_to" (as written, clipped): its values when it reads whole, else "?"."""
    if "to" in block:
        to = block["to"]
        if to is None:
            return None
        if not isinstance(to, list) or not to:
            return ["?"]
        return [inert(v)[:50] if isinstance(v, str) and v.strip() else "?" for v in to[:64]] + (["?"] if len(to) > 64 else [])
    only_to = block.get("only_to")
    if not isinstance(only_to, str) or not only_to.strip():
        return None
    if any(mark in only_to for mark in ("…", "!", "@")):
        return ["?"]
    return [v for v in re.split(r"[\s,{}]+", only_to) if v][:64] or ["?"]


#: [MS-GPFAS] 2.2.2.13 "Address Keyword Rules" (a Windows rule's RA4/RA6/RA42/RA62): the keywords that name only addresses of
#: the local network ([MS-FASP] 2.2.21 FW_ADDRESS_KEYWORD: the local subnet, the DNS, DHCP and WINS servers, the default
#: gateway, the intranet, the remote-access intranet, Play To renderers); PowerShell's names of them too, and a "4"/"6" after
#: one limits it to IPv4/IPv6. "IntErnet" (every address beyond the intranet), "CaptivePortal" and any other word are not
#: known to be local: a rule to them is undecided
LOCAL_ADDRESS_KEYWORDS = frozenset(
    k.lower()
    for k in (
        "LocalSubnet", "DNS", "DHCP", "WINS", "DefaultGateway", "IntrAnet", "RmtIntrAnet", "Ply2Renders",
        "Intranet", "IntranetRemoteAccess", "PlayToDevice",
    )
)  # fmt: skip


def block_reach(block: Mapping[str, Any], addresses: Iterable[str]) -> str:
    """Whether a listed outgoing block of this computer's own firewall stops what the customer complains of, their web
    browser reaching the secure sites tried (at ``addresses``): "yes", "no", or "?" (undecided: the card keeps "most likely").

    A rule for one program stops it only when that program is a web browser (browsers.py); a rule for every program (or a
    browser's) stops it when its destination is every address, or holds one of ``addresses`` (an address, a network, a range
    "a-b"; IPv4 and IPv6 apart: a rule on one does not touch the other). A destination of Windows keywords for local
    addresses only (LOCAL_ADDRESS_KEYWORDS) does not stop public sites; one that cannot be read here (a named set, a
    negation, "IntErnet", an unknown keyword), or ranges with no site address known, is undecided. So is one that would stop
    them but has conditions the reader did not read ("unread": ct state invalid, an interface, a user, a service, or after a
    rule that may let the connection out first): it may never meet the browser's connection (issue 21 review)."""
    reach = _block_reach(block, addresses)
    return "?" if reach == "yes" and block.get("unread") is True else reach


def _block_reach(block: Mapping[str, Any], addresses: Iterable[str]) -> str:
    import ipaddress

    from selfcheck.browsers import is_browser

    if block.get("program") and not is_browser(block["program"]):
        return "no"
    to = block.get("to") if "to" in block else _own_to(block)
    if to is None:
        return "yes"
    wanted = []
    for a in addresses:
        try:
            wanted.append(ipaddress.ip_address(str(a)))
        except ValueError:
            continue
    undecided = False
    for value in to:
        word = str(value).strip()
        if word.lower() in ("*", "any"):
            return "yes"
        if word.lower() in LOCAL_ADDRESS_KEYWORDS or (word[-1:] in ("4", "6") and word[:-1].lower() in LOCAL_ADDRESS_KEYWORDS):
            continue
        try:
            if "-" in word:
                low, high = (ipaddress.ip_address(p.strip()) for p in word.split("-", 1))
                if type(low) is not type(high):
                    raise ValueError(word)
                hit = any(type(a) is type(low) and low <= a <= high for a in wanted)  # type: ignore[operator]
            else:
                net = ipaddress.ip_network(word, strict=False)
                hit = any(a.version == net.version and a in net for a in wanted)
        except ValueError:
            undecided = True
            continue
        if hit:
            return "yes"
        undecided |= not wanted  # no site address to compare with
    return "?" if undecided else "no"


def own_blocks(own: Mapping[str, Any] | None, addresses: Iterable[str]) -> list[dict[str, Any]]:
    """The rules of this computer's own firewall that stop the customer's web browser reaching the secure sites tried at
    ``addresses`` (block_reach "yes"): the ones the card names."""
    if not own:
        return []
    addresses = list(addresses)
    return [b for b in own.get("secure_blocks") or [] if block_reach(b, addresses) == "yes"]


def own_stops(own: Mapping[str, Any] | None, addresses: Iterable[str], https: Mapping[str, Any] | None = None) -> bool:
    """This computer's own firewall stops the secure connections tried: an explicit drop or reject rule whose port and
    destination hold the sites and whose every condition was read (own_blocks). A default block is not enough (an accept
    rule, not read, may let them out: a VPN's kill switch, an allow-list). ``https`` (network.https's facts) may prove a rule
    for every program wrong (selfcheck's own attempts are not a browser's): a secure attempt to a site's own address left
    this computer (the box answered the one sent one step, "hops" 443@1), or, for one to every address, a secure
    connection to the box did ("box_tcp_443")."""
    blocks = own_blocks(own, addresses)
    if isinstance(https, Mapping):
        hops = https.get("hops")
        probes = hops.get("probes") if isinstance(hops, Mapping) else None
        first = probes.get("443@1") if isinstance(probes, Mapping) else None
        if isinstance(first, Mapping) and first.get("status") == "time_exceeded":  # it left this computer for the box
            blocks = [b for b in blocks if b.get("program")]
        if str(https.get("box_tcp_443")) in ("ok", "refused"):  # such a rule would have stopped that one too
            blocks = [b for b in blocks if b.get("program") or b.get("to") is not None]
    return bool(blocks)


def own_clear(own: Mapping[str, Any] | None, addresses: Iterable[str]) -> bool:
    """Every source of outgoing rules this system has was read, and none can stop a web browser reaching the secure sites
    tried at ``addresses``: each listed rule settled "no" (block_reach: another program's, to local addresses only, to other
    addresses), none left out that might ("more"), no default block, no other firewall registered (whose rules cannot be read),
    no antivirus other than Microsoft's own (whose web shield may drop secure connections where no rule shows it)."""
    if not own:
        return False
    addresses = list(addresses)
    return (
        own.get("read") is True
        and bool(own.get("sources"))
        and all(block_reach(b, addresses) == "no" for b in own.get("secure_blocks") or [])
        and not any(own.get(key) for key in ("more", "default_block", "other_firewalls", "other_security"))
    )


def own_settled(facts: Mapping[str, Mapping[str, Any]], named_site: Mapping[str, Any] | None = None) -> bool:
    """The bundle read this computer's own firewall, and it cannot stop the secure sites that were stopped (own_clear)."""
    return own_clear(_own(facts), _stopped_addresses(facts, named_site))


def _own(facts: Mapping[str, Mapping[str, Any]]) -> dict[str, Any] | None:
    return own_firewall((facts.get("network.https") or {}).get("own_firewall"))


def _addresses_of(facts: Mapping[str, Mapping[str, Any]], named_site: Mapping[str, Any] | None, statuses: Iterable[str]) -> list[str]:
    """The addresses of the secure sites tried (the customer's own too, when tried) whose outcome is one of ``statuses``."""
    tried = [*_https_tried(facts), *([named_site] if isinstance(named_site, Mapping) else [])]
    wanted = tuple(statuses)
    return [str(r.get("address")) for r in tried if r.get("status") in wanted and r.get("address")]


def _forbidden_addresses(facts: Mapping[str, Mapping[str, Any]], named_site: Mapping[str, Any] | None = None) -> list[str]:
    """The addresses of the secure sites tried that this computer refused itself (own_refusal)."""
    return _addresses_of(facts, named_site, ("forbidden",))


def _stopped_addresses(facts: Mapping[str, Mapping[str, Any]], named_site: Mapping[str, Any] | None = None) -> list[str]:
    """The addresses of the secure sites tried that were stopped silently (the customer's own too, when tried)."""
    return _addresses_of(facts, named_site, _HTTPS_SILENT)


def own_refusal(facts: Mapping[str, Mapping[str, Any]], named_site: Mapping[str, Any] | None = None) -> bool:
    """Every secure site tried (the customer's own too, when tried) was refused by this computer itself: the system answered
    "access forbidden" (netprobe.forbidden), as for a firewall rule or a security program's block, before anything left it."""
    tried = _https_tried(facts)
    theirs = named_site.get("status") if isinstance(named_site, Mapping) else None
    return bool(tried) and all(r.get("status") == "forbidden" for r in tried) and theirs in (None, "forbidden")


def own_setting(facts: Mapping[str, Mapping[str, Any]], named_site: Mapping[str, Any] | None = None) -> bool:
    """Something on this computer itself stops the secure sites, settled: its own firewall's rule (own_firewall_stops) or the
    system's "access forbidden" for every one (own_refusal)."""
    return own_refusal(facts, named_site) or own_firewall_stops(facts, named_site)


def own_firewall_stops(facts: Mapping[str, Mapping[str, Any]], named_site: Mapping[str, Any] | None = None) -> bool:
    """The bundle read this computer's own firewall, and it stops the secure sites that were stopped (the card names it;
    own_stops: an explicit rule, nothing in the bundle against it)."""
    addresses = _stopped_addresses(facts, named_site)
    https = dict(facts.get("network.https") or {})
    tcp = (facts.get("network.gateway") or {}).get("tcp")
    if "box_tcp_443" not in https and isinstance(tcp, Mapping) and tcp.get("443"):
        https["box_tcp_443"] = str(tcp["443"])
    return bool(addresses) and own_stops(_own(facts), addresses, https)


def _own_sources(own: Mapping[str, Any]) -> str:
    return _(", ").join(_(OWN_SOURCES[s]) for s in own.get("sources") or [])


def _full(volume: Mapping[str, Any]) -> bool:
    try:
        free, total = float(volume.get("free") or 0), float(volume.get("total") or 0)
    except (TypeError, ValueError):
        return False
    return total > 0 and (free < 0.01 * total or free < 50e6)


def _home_volume(facts: Mapping[str, Any]) -> Mapping[str, Any] | None:
    """The volume holding the customer's home folder (and selfcheck's history): a separate 'home' one, else the system's."""
    return files_volume(facts.get("volumes"))


#: agent round 13: "seeing '49.7 GB free' first was briefly confusing": after the full part, the other part's room and why it does not help
#: agent round 15: "51.2 GB free" still made the agent wonder first: "cannot be used" right with the figure
#: agent round 93 (the length of "What proves it"): in fewer words, "cannot use" still with the figure
SEPARATE_HOME = N_("The system's part of the disk ({system}) has {free} free that the customer's files cannot use: they are on their own part ({home}).")
#: agent round 8: "OperationalError: disk I/O error" alarmed the agent: said first, in one line, what it is
#: agent round 11: "this program" read as the customer's program: named (selfcheck's own history file)
#: agent round 22: "disk I/O error" and "Aborting journal" still made the agent rule out a dying disk first, over three lines:
#: one line, first, says what each is (DISK_HEALTH); the disk's own health report, when not read, is said under "Not tested"
DISK_HEALTH = N_("The full drive ({mount}) shows no sign of a failing disk: {parts}.")
DISK_IO_FULL = N_("the “disk I/O error” in this bundle is selfcheck's own (its history file could not be written on the full space)")
KERNEL_ERRORS_NONE = N_("the kernel's log has no disk error on it")
KERNEL_ERRORS_OTHER_DRIVE = N_("the kernel's log has disk errors on another drive, {mount}: {errors}")
KERNEL_ERRORS_NOT_HERE = N_(
    "its disk errors {errors} are on a device that holds none of the drives listed here (another program's disk image, or on Ubuntu a snap package)"
)
#: agent round 21: "EXT4-fs (loop1): shut down requested" in the facts, from a device that holds none of the listed drives (another
#: program's disk image; on Ubuntu, a snap package), cost "not a failing disk" 3-4 minutes of doubt: each error said with its drive
KERNEL_ERRORS_ON = N_("Disk errors in the kernel's log on {mount}: {errors}.")
KERNEL_ERRORS_ELSEWHERE = N_(
    "Disk errors in the kernel's log on a device that holds none of the drives listed here (another program's disk image, "
    "or on Ubuntu a snap package), not about the customer's files: {errors}."
)
#: agent round 35: "Two lines on the card would have let me send it in 3 minutes: 'write test on the customer's folder: OK after
#: these errors' and 'drive not read-only'": beside errors on the full drive, what the scan saw after them, from the disk check's facts
SCAN_AFTER_ERRORS = N_("After these errors, during this scan: {facts}.")
SCAN_DURING_ERRORS = N_("During this scan: {facts}.")
SCAN_WRITE_OK = N_("a test write in the customer's folder worked")
SCAN_WRITE_NO_ROOM = N_("a test write in the customer's folder failed for want of room")
SCAN_WRITE_FAILED = N_("a test write in the customer's folder failed: “{error}”")
SCAN_NOT_READ_ONLY = N_("the drive ({mount}) is not mounted read-only")
SCAN_READ_ONLY = N_("the drive ({mount}) is mounted read-only: nothing can be saved on it")
#: the disk check's reasons for not reading the disks' own health report (checks/hardware_disk.py, recorded in English):
#: their words are wording.SMART_REASONS, which the check's evidence says too
SMART_NOT_READ = N_("The disk's own health report (SMART): not read: {reason}.")


#: agent round 23: "SMART not read" sent the agent to the facts to rule out a failing disk: what stands in for it, when "Ruled out" says so
SMART_NOT_READ_STOOD_IN = N_(
    "The disk's own health report (SMART): not read: {reason}; the test write and the kernel's log stand in for it here (see “Ruled out”)."
)


def smart_not_read_line(facts: Mapping[str, Any], stood_in: bool = False) -> str:
    """When the disk check could not read the disks' own health report (SMART): that, and why; "" when it read it or did not say.
    ``stood_in``: "Ruled out" rules out a failing disk from the test write and the kernel's log (failing_disk_lines): said so."""
    smart = facts.get("smart")
    if not isinstance(smart, Mapping) or smart.get("available") is not False:
        return ""
    reason = str(smart.get("reason") or "")
    said = wording.smart_reason(reason) if reason in wording.SMART_REASONS else inert(reason)[:120] or "?"
    return _(SMART_NOT_READ_STOOD_IN if stood_in else SMART_NOT_READ).format(reason=said)


def _error_volume(error: Mapping[str, Any], volumes: Sequence[Any]) -> str | None:
    """The drive a kernel disk error concerns: the disk check's own answer, else the device's name against the listed volumes."""
    from selfcheck.platforms.kernellog import volume_of

    if "volume" in error:
        return str(error["volume"]) if error["volume"] else None
    return volume_of(str(error.get("device_now") or error.get("device") or ""), [v for v in volumes if isinstance(v, dict)])


def _full_drive(facts: Mapping[str, Any]) -> Mapping[str, Any] | None:
    """The full drive the card speaks of: the one holding the customer's files when it is full, else the first full one."""
    volume = _home_volume(facts)
    if volume is None or not _full(volume):
        volume = next((v for v in facts.get("volumes") or [] if isinstance(v, Mapping) and _full(v)), None)
    return volume


def _fs_errors(facts: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    raw = facts.get("fs_errors")
    return [e for e in raw if isinstance(e, Mapping)] if isinstance(raw, list) else []


#: agent rounds 21-23: "disk I/O error" plus "SMART not read" sent the agent to facts/hardware.disk.json every time (3-4 minutes
#: against a bar of two) to rule out a failing disk, and what settled it was there: a test write to the home folder worked, and
#: the kernel's errors were on another device. Said in one place, "Ruled out", only when the facts say so
DISK_RULED_OUT = N_(
    "A failing disk: a test write in the customer's folder worked during this scan, and the kernel's log has no disk error on the full drive ({mount})."
)


DISK_RULED_OUT_ANY = N_(
    "A failing disk: a test write in the customer's folder worked during this scan, and the kernel's log has no disk error on the full "
    "drive ({mount}) or on any other drive listed here."
)


#: agent round 93 (full drive: "Ruled out" listed checks that rule out nothing about a full drive): what else could stop a save,
#: where the disk check's test write in the customer's folder failed for want of room (ENOSPC, or their quota), not for a
#: folder closed to them or a drive made read-only: said with the disk's health, in one line
DISK_RULED_OUT_ROOM = N_(
    "A failing disk or a locked folder: the kernel's log has no disk error on the full drive ({mount}), and a test write in the customer's "
    "folder failed only for want of room."
)
DISK_RULED_OUT_ROOM_ANY = N_(
    "A failing disk or a locked folder: the kernel's log has no disk error on the full drive ({mount}) or on any other drive listed here, "
    "and a test write in the customer's folder failed only for want of room."
)


def _write_worked(facts: Mapping[str, Any]) -> bool:
    """The disk check's test write in the customer's folder, on the full drive, worked during this scan."""
    written = facts.get("write_test")
    volume = _full_drive(facts)
    return volume is not None and volume is _home_volume(facts) and isinstance(written, Mapping) and written.get("result") == "ok"


def failing_disk_lines(facts: Mapping[str, Any]) -> list[str]:
    """For a full drive, "A failing disk" for "Ruled out", only when the disk check's facts support it: the test write in the
    customer's folder, on the full drive, worked during this scan, or failed only for want of room (then a locked or read-only
    folder is ruled out with it); the kernel's log was read and has no disk error on any listed drive; no disk's own health
    report (SMART) says otherwise. One line; errors on devices holding none of the listed drives are not named on it (they stay
    in the facts). Else [] (the doubt stays where kernel_error_lines and "Not tested" say it)."""
    volume = _full_drive(facts)
    written = facts.get("write_test")
    if volume is None or volume is not _home_volume(facts) or not isinstance(written, Mapping):
        return []
    room_only = written.get("result") == "failed" and written.get("errno") in ("ENOSPC", "EDQUOT")
    if written.get("result") != "ok" and not room_only:
        return []
    if facts.get("kernel_log") not in ("dmesg", "journal"):
        return []
    smart = facts.get("smart")
    if isinstance(smart, Mapping) and smart.get("available"):
        disks = smart.get("disks")
        for d in disks if isinstance(disks, list) else []:  # a disk that says it is failing, or has damaged areas (the check's words)
            if (
                not isinstance(d, Mapping)
                or d.get("passed") is False
                or any(not _is_number(d.get(k) or 0) or (d.get(k) or 0) > 0 for k in ("bad_sectors", "media_errors"))
            ):
                return []
    volumes = list(facts.get("volumes") or [])
    if any(_error_volume(error, volumes) is not None for error in _fs_errors(facts)):
        return []  # an error on a listed drive: not cleared here
    if any(not str(error.get("device") or "").startswith("loop") for error in _fs_errors(facts)):
        # a disk the listed drives were not matched to may still hold them: under an encrypted or LVM drive (/dev/mapper/…)
        # the kernel names the disk (nvme0n1, sda), not the drive; only a loop device (a disk image, a snap) is surely elsewhere
        return []
    mount = volume.get("mountpoint") or "?"
    if not _fs_errors(facts):
        return [_(DISK_RULED_OUT_ROOM if room_only else DISK_RULED_OUT).format(mount=mount)]
    # agent round 25: "“loop1, a device that holds none of the drives listed here” [...] too technical for first-line staff
    # and made me stop to make sure the disk wasn't failing": only what decides it; the devices stay in the bundle's facts
    return [_(DISK_RULED_OUT_ROOM_ANY if room_only else DISK_RULED_OUT_ANY).format(mount=mount)]


def _epoch(stamp: Any) -> float | None:
    from datetime import datetime

    try:
        return datetime.fromisoformat(str(stamp)).timestamp()
    except (ValueError, OSError, OverflowError):  # Windows: a naive time before 1970 is OSError (as in zone_offset_by_date)
        return None


def scan_after_errors_line(facts: Mapping[str, Any], errors: Sequence[Mapping[str, Any]], checked_at: Any = None) -> str:
    """Beside kernel errors on the full drive: what the disk check saw of it during this scan, only what its facts say: the test
    write in the customer's folder (when that folder is on the full drive) and whether the drive is mounted read-only. "After
    these errors" only when each was logged before the disk check started (``checked_at``, ISO); "" when the facts say neither."""
    volume = _full_drive(facts)
    if volume is None:
        return ""
    mount = inert(str(volume.get("mountpoint") or "?"))[:80]
    parts = []
    written = facts.get("write_test")
    if volume is _home_volume(facts) and isinstance(written, Mapping):
        if written.get("result") == "ok":
            parts.append(_(SCAN_WRITE_OK))
        elif written.get("result") == "failed":
            if written.get("errno") in ("ENOSPC", "EDQUOT"):
                parts.append(_(SCAN_WRITE_NO_ROOM))
            else:
                parts.append(_(SCAN_WRITE_FAILED).format(error=inert(str(written.get("error") or written.get("errno") or "?"))[:80]))
    if volume.get("readonly") is False:
        parts.append(_(SCAN_NOT_READ_ONLY).format(mount=mount))
    elif volume.get("readonly") is True:
        parts.append(_(SCAN_READ_ONLY).format(mount=mount))
    if not parts:
        return ""
    start = _epoch(checked_at)
    times = [_epoch(error.get("time")) for error in errors]
    # the log's times are whole seconds: an error in the second the check started may have come after it
    after = start is not None and bool(times) and all(t is not None and t + 1 <= start for t in times)
    return _(SCAN_AFTER_ERRORS if after else SCAN_DURING_ERRORS).format(facts=_("; ").join(parts))


def kernel_error_lines(facts: Mapping[str, Any], io_full: bool = False, checked_at: Any = None) -> tuple[list[str], bool]:
    """For a full drive: what the disk's health rests on. When no kernel disk error is about the full drive, one line: no sign
    of a failing disk, with the history's "disk I/O error" (``io_full``) and the kernel's errors on other devices said for what
    they are; else each error with the drive it concerns, and True (the full drive is not cleared of a disk fault), the full
    drive's followed by what the scan saw of it (scan_after_errors_line; ``checked_at``: when the disk check started)."""
    volume = _full_drive(facts)
    errors = _fs_errors(facts)
    if volume is None:
        return [], False
    log_read = bool(errors) or facts.get("kernel_log") in ("dmesg", "journal")
    volumes = list(facts.get("volumes") or [])
    by_volume: dict[str | None, list[Mapping[str, Any]]] = {}
    for error in errors:
        by_volume.setdefault(_error_volume(error, volumes), []).append(error)
    mount = str(volume.get("mountpoint") or "?")

    def listed(on_it: list[Mapping[str, Any]]) -> str:  # each message once (the same error comes back at each shutdown of that device)
        distinct = list(dict.fromkeys(f"“{inert(str(error.get('text') or ''))[:160]}”" for error in on_it))
        return ", ".join(distinct[:3]) + (" …" if len(distinct) > 3 else "")

    if mount in by_volume:
        lines = []
        for where, on_it in by_volume.items():
            lines.append(_(KERNEL_ERRORS_ON if where else KERNEL_ERRORS_ELSEWHERE).format(mount=where, errors=listed(on_it)))
            if where == mount:
                lines += [line for line in [scan_after_errors_line(facts, on_it, checked_at)] if line]
        return lines, True
    parts = [_(DISK_IO_FULL)] if io_full else []
    if log_read:
        parts.append(_(KERNEL_ERRORS_NONE))
    parts += [_(KERNEL_ERRORS_NOT_HERE).format(errors=listed(on_it)) for where, on_it in by_volume.items() if not where]
    parts += [_(KERNEL_ERRORS_OTHER_DRIVE).format(mount=where, errors=listed(on_it)) for where, on_it in by_volume.items() if where]
    return ([_(DISK_HEALTH).format(mount=mount, parts=_("; ").join(parts))] if parts else []), False


#: agent round 8: the card never said to keep the program open so the unsaved document is not lost
KEEP_OPEN = N_(
    "First tell the customer to keep the program that cannot save open (do not close it), so the unsaved document is not lost: save again once there is room."
)
#: agent round 23: the raw "OperationalError: disk I/O error" here made the agent doubt the disk: said plainly (the raw words stay
#: in the bundle's files and in the "Left out" list at the end of ``selfcheck show``)
HISTORY_NOT_WRITTEN_FULL = N_("What changed on this computer lately: unknown: its history could not be saved on the full drive ({mount}).")


#: agent round 24: "“disk I/O error” next to the missing history files look[s] alarming": in the list of what the bundle left
#: out (``selfcheck show``, report.html), said plainly when the drive holding them is full; the computer's own error stays in
#: the manifest's ``error``
LEFT_OUT_FULL = N_("could not be added: the drive holding it ({mount}) is full")
#: the parts selfcheck keeps in its own files, in the customer's folder (bundle.manifest.EXTENSION_TITLES)
OWN_PARTS = ("selfcheck.history", "selfcheck.repairs.history")
#: the systems' words for a file that could not be written for want of room (SQLite says "disk I/O error" when it cannot
#: write its journal on a full disk)
FULL_ERRORS = ("disk i/o error", "database or disk is full", "no space left on device", "errno 28", "not enough space on the disk", "winerror 112")


def left_out_full(item: Any, disk: Any) -> str:
    """Why a part of selfcheck's own (the history, the repairs) was left out of a bundle, in plain words, when its error is
    one a full drive gives and the drive holding the customer's folder (and selfcheck's files) is full; else "" (the
    manifest's own words stand). ``item``: a manifest's ``skipped`` entry; ``disk``: the disk check's facts (hostile input)."""
    if not isinstance(item, Mapping) or item.get("part") not in OWN_PARTS or not isinstance(item.get("error"), str):
        return ""
    if not any(words in item["error"].lower() for words in FULL_ERRORS):
        return ""
    holder = _home_volume(disk) if isinstance(disk, Mapping) else None
    if holder is None or not _full(holder):
        return ""
    return _(LEFT_OUT_FULL).format(mount=inert(str(holder.get("mountpoint") or "?"))[:80])


def separate_home_line(facts: Mapping[str, Any]) -> str:
    """When a full /home is its own partition while the system disk has room: say once what that means for the reply."""
    volumes = [v for v in facts.get("volumes") or [] if isinstance(v, Mapping)]
    home = next((v for v in volumes if v.get("role") == "home"), None)
    system = next((v for v in volumes if v.get("role") == "system"), None)
    if home is None or system is None or same_space(home, system) or not _full(home) or _full(system):
        return ""
    return _(SEPARATE_HOME).format(home=home.get("mountpoint"), system=system.get("mountpoint"), free=_size(system.get("free")))


FULL_VOLUME_QUESTION = N_("The biggest folder is {folder} ({size}): does the customer have an external drive or online storage it can be moved to?")
FULL_VOLUME_TRASH = N_("And does saving work again once the trash ({trash}) is emptied?")
FULL_VOLUME_TRASH_PART = N_("And does saving work again once the trash is emptied ({part} of it is on the full drive, {mount})?")


def _biggest_folder(facts: Mapping[str, Any]) -> Mapping[str, Any] | None:
    """The biggest of the disk check's largest folders (name, bytes), or None when the facts do not say."""
    largest = facts.get("largest_folders") or {}
    counted = [info for info in (largest.values() if isinstance(largest, Mapping) else ()) if isinstance(info, Mapping)]
    if any(info.get("unreadable") or info.get("listed_all") is False for info in counted):
        return None  # a folder not counted (closed to the customer's account, not reached in time) may be the biggest
    folders = [f for info in counted for f in info.get("folders") or [] if isinstance(f, Mapping) and isinstance(f.get("bytes"), int | float)]
    loose = [float(info["loose_files"].get("bytes") or 0) for info in counted if isinstance(info.get("loose_files"), Mapping)]
    if folders and loose and max(loose) > max(float(f["bytes"]) for f in folders):
        return None  # the files kept directly in the folder, in no folder of their own, weigh more than the biggest folder
    biggest = max(folders, key=lambda f: float(f["bytes"])) if folders else None
    if any(f.get("at_least") and f is not biggest for f in folders):
        return None  # another folder holds folders that could not be read: it may be bigger than the one counted biggest
    return biggest


def full_volume_question(facts: Mapping[str, Any], ask_trash: bool = True) -> str:
    """For a full volume whose biggest folders are known, the question that moves the case on: where can the
    biggest folder go (and, ``ask_trash``, does emptying a non-empty trash already help)? Empty when the facts do not say."""
    biggest = _biggest_folder(facts)
    if biggest is None:
        return ""
    question = _(FULL_VOLUME_QUESTION).format(folder=inert_name(biggest.get("name")), size=_folder_size(biggest))
    trash = facts.get("trash") or {}
    if not ask_trash or not isinstance(trash, Mapping) or float(trash.get("bytes") or 0) < 100e6:
        return question
    # the part of the trash on the full volume, as the "Trash holds …" line and the customer's button weigh it (a review of
    # 1607458: a full C: whose Recycle Bin was mostly on D: was asked about emptying all of it, which makes no room there)
    largest = facts.get("largest_folders") or {}
    mount = next((mp for mp, info in largest.items() if isinstance(info, Mapping) and biggest in (info.get("folders") or [])), None)
    volume = next((v for v in facts.get("volumes") or [] if isinstance(v, Mapping) and v.get("mountpoint") == mount), None)
    here = trash_on(facts, volume) if volume is not None else None
    if here is None or here >= float(trash["bytes"]):
        question += " " + _(FULL_VOLUME_TRASH).format(trash=_size(trash["bytes"]))
    elif here >= 100e6:
        question += " " + _(FULL_VOLUME_TRASH_PART).format(part=_size(here), mount=mount)
    return question


#: agent round 10: "how much room does the letter need?": a document needs very little, so the trash is enough for now
#: agent round 11: the trash is in the customer's own folder, so on the full part ({home}): said, not left to assume
#: agent round 22: "Trash holds 1.4 GB." and this line said the trash twice: one line, in place of the trash's own
#: agent round 93 (the length of "What proves it"): in fewer words
LITTLE_ROOM = N_("Trash holds {trash}, on the full part ({home}): emptying it is enough to save a letter or another document now; more room can wait.")


def little_room_line(facts: Mapping[str, Any]) -> str:
    """When the files' space is full and the trash holds 100 MB or more: that this is enough to save a document now."""
    home = _home_volume(facts)
    trash = facts.get("trash") or {}
    if home is None or not _full(home) or not isinstance(trash, Mapping):
        return ""
    try:
        size = float(trash.get("bytes") or 0)
    except (TypeError, ValueError):
        return ""
    here = trash_on(facts, home)
    size = size if here is None else here  # Windows: only the Recycle Bin's part on that drive makes room there
    return _(LITTLE_ROOM).format(trash=_size(size), home=home.get("mountpoint") or "?") if size >= 100e6 else ""


# The draft reply (agent round 10: the time went on composing a branching reply). In the customer's language, in plain
# words (selfcheck.plainwords): what to do now, from the customer's own steps in the bundle, then the one question
# whose answer decides the next step. The agent edits it and sends it.
REPLY_HELLO = N_("Hello,")
REPLY_DO_NOW = N_("Please do this now:")
#: agent round 75 (router-dns, "Where are you?" not answered): "I added a line at the top because the customer didn't say where
#: they are, and the card's reply tells them to restart 'your internet box' while only asking about location at the end": where
#: the customer did not say and a step restarts the box, the steps are for home, said before them (REPLY_WHERE_QUESTION stays)
REPLY_DO_NOW_AT_HOME = N_("If you are at home, please do this now:")
REPLY_THEN = N_("Then please tell us: {question}")
#: agent rounds 32 and 34 ("The card's reply puts three questions in one dense paragraph, so I broke them up"): a draft that
#: asks more than one question says "Then please tell us:" on a line of its own, then each question on its own line ("- …")
REPLY_THEN_LIST = N_("Then please tell us:")
REPLY_ASKED = "- {question}"
#: the questions of each draft: one is asked on the "Then please tell us:" line (lower case), more each on its own line
REPLY_WEBSITES_NOW = N_("Do websites open now?")
REPLY_AFTER_RESTART = N_("Do the websites open after the restart?")
REPLY_QUESTIONS: dict[str, tuple[str, ...]] = {
    # agent round 24: "for a phone company 'does your home phone work?' is a useful clue" (asked of anyone: not every company sells phones)
    "network.internet": (
        N_("Do your other devices at home, such as a phone on the Wi-Fi, have internet?"),
        N_("If you have a home phone that goes through the box, does it work?"),
        N_("Was a light on your internet box red or blinking?"),
    ),
    "network.dns": (REPLY_WEBSITES_NOW, N_("If not, did someone change the settings of your internet box lately?")),
    "network.captive_portal": (
        N_(
            "did the network's page open, and does the internet work now? If the page asks for a code or a payment, ask the place "
            "that runs the network (the hotel's reception, for example)."
        ),
    ),
    # agent round 11: in the order of the customer's screen: the restart first, then where they are, then the phone
    "network.https": (
        REPLY_AFTER_RESTART,
        N_("If not: are you at work, at school or in a hotel? Then that network stops these websites: please ask the people who run it to let them through."),
        N_("At home: do they open on your phone, on the same Wi-Fi, with mobile data off?"),
    ),
    "network.clock": (N_("does your computer show the right time now, and do websites open again?"),),
    "hardware.disk": (N_("can you save your work now?"),),
}
#: ``[support] internet_provider = true``, the box's name service down (agent round 26: "The only pause was adding “we'll check
#: from our side” to the reply, since that step is only in “Ask next”"): the draft ends as the secure-sites and line-down ones do
REPLY_DNS_STILL_OURS = N_(
    "If websites still do not open, please call us, or reply from your phone with its Wi-Fi turned off: we will check your internet box and restart it from our side."
)
REPLY_DNS_STILL_OURS_CONTACT = N_(
    "If websites still do not open, please call us ({contact}), or reply from your phone with its Wi-Fi turned off: we will check your internet box and restart it from our side."
)
REPLY_HTTPS_HOME = (REPLY_AFTER_RESTART, N_("If not: do they open on your phone, on the same Wi-Fi, with mobile data off?"))
REPLY_QUESTION_OTHER = (N_("does it work now?"),)
#: the customer's time-zone step (checks/network_clock.py words it; the same words, so the same translation)
CLOCK_ZONE_STEP = N_("In the same window, check that the time zone (or city) shown is where you are, and choose the right one if it is not.")
#: agent rounds 29, 30, 32 and 33 each added this line by hand (the card's "Ask next" about the battery, and the customer's step
#: "If the clock is wrong again the next time you turn the computer on"): a clock that keeps losing its time is the battery's
REPLY_CLOCK_AGAIN = N_(
    "If the clock is wrong again the next time you turn the computer on, please tell us, and whether the computer's battery had run completely empty."
)
REPLY_CLOCK_ZONE = (
    N_("Does your computer show the right time now?"),
    N_("If not, which city or time zone does it show in its date and time settings?"),
)
#: agent round 34 added it by hand: with a wrong clock the browser's certificate warnings say nothing (a real attack looks the
#: same), so none is to be clicked past until the clock is right
REPLY_CLOCK_WARNINGS = N_(
    "Until the clock is right, please do not click past the browser's warnings, such as “Your connection is not private”, especially on your bank's website."
)
#: agent round 15: a wrong time zone is likely (whole hours): the city asked; agent round 16 ("mixes a question with steps"):
#: as the draft's last line, on its own
REPLY_CLOCK_CITY_FIRST = N_("And which city are you in? Your computer is set to {city}.")
REPLY_CLOCK_ZONE_FIRST = N_("And which city are you in? Your computer is set to the time zone {zone}.")
#: agent rounds 66 a and 67 b (line-down, "Where are you?" not answered): both added "If you are not at home, skip steps 1 and 2
#: and tell us where you are" / "Were you at home when this happened? If not, where were you?": the box restart is for home
#: only; where the customer did not say, the reply asks, last
REPLY_WHERE_QUESTION = N_("Were you at home when this happened? If not, where were you?")
#: a full files' space: keep the program open first, then the trash (a document needs very little room)
REPLY_KEEP_OPEN = N_("Keep the program that cannot save open: do not close it, so your work is not lost.")
#: agent round 16: "the reply and the customer's own on-screen steps don't match": the screen's step quoted as it reads, and
#: the card's own advice first, said as an addition to it
#: agent round 17: "on your screen" assumed selfcheck's window still open: what to do now is written out (the later steps, for
#: more room, are pointed at: agent rounds 23-24 found the whole list too long)
#: agent round 22: "One thing to add to selfcheck's steps" and "(the same steps as selfcheck showed you)" were "selfcheck jargon"
#: in a reply the customer reads: said to the customer only
REPLY_KEEP_OPEN_ADDED = N_("First, keep the program that cannot save open (do not close it), so your work is not lost.")
#: agent rounds 63 and 66: the agents wrote "keep LibreOffice open" and "your letter" in place of "the program that cannot save"
#: ("adding only … 'LibreOffice' where the card says 'the program'"): where the customer answered "Which program does it happen
#: in?" (the describe step's which_program), the reply names it, in their words
REPLY_KEEP_OPEN_NAMED = N_("Keep {program} open: do not close it, so your work is not lost.")
REPLY_KEEP_OPEN_ADDED_NAMED = N_("First, keep {program} open (do not close it), so your work is not lost.")
PROGRAM_QUESTION = "which_program"


def _keep_open(program: str | None) -> tuple[str, str]:
    """The reply's "keep the program open" line, naming the customer's ``program`` where they gave it (customer_program): as
    one of its steps, and as said before the screen's own step (REPLY_KEEP_OPEN_ADDED)."""
    if program:
        return _(REPLY_KEEP_OPEN_NAMED).format(program=program), _(REPLY_KEEP_OPEN_ADDED_NAMED).format(program=program)
    return _(REPLY_KEEP_OPEN), _(REPLY_KEEP_OPEN_ADDED)


def customer_program(description: Mapping[str, Any] | None) -> str | None:
    """The customer's answer to "Which program does it happen in?" (selfcheck.symptoms, id which_program), on one line and at
    most 40 characters, inert (a bundle is hostile input), or None when not answered."""
    answers = (description or {}).get("answers") if isinstance(description, Mapping) else None
    for answer in answers if isinstance(answers, list) else []:
        if isinstance(answer, Mapping) and answer.get("id") == PROGRAM_QUESTION and isinstance(answer.get("answer"), str):
            # review 38c: "Word." read "keep Word. open", "In Word" "keep In Word open", "I don't know" "keep I don't know open":
            # the end's punctuation and a leading "in" dropped; what is no name (a sentence, a doubt) gives the plain words
            said = " ".join(answer["answer"].split()).strip(" .,;:!")
            said = _LEADING_IN.sub("", said)
            if said and len(said) <= 40 and len(said.split()) <= 4 and not _NOT_A_NAME.search(said):
                return inert_name(said, 40)
    return None


#: "in Word", "dans Word", "with Outlook": the program's name after them
_LEADING_IN = re.compile(r"^(?:in|on|with|using|dans|sur|avec|sous)\s+(?:the\s+|le\s+|la\s+|l[’']\s*)?", re.IGNORECASE)
#: a doubt or a question, not a program's name ("I don't know", « je ne sais pas », "not sure?", « aucune idée »)
_NOT_A_NAME = re.compile(r"\?|\bknow\b|\bsure\b|\bidea\b|\bsais\b|\bidée\b|\bpas\b|\bnot\b|\bno\b|\bnone\b|\baucun", re.IGNORECASE)


#: agent rounds 23 and 24: "I also trimmed the card's reply, which is a bit long for a stressed customer" (about 190 words):
#: the screen's first step, quoted as it reads, and saving again; the other steps, still on the customer's screen, pointed at
REPLY_OTHER_STEPS = N_("The check window's other steps are for more room later.")
#: agent round 19: "the customer's window says a memory stick while the card says an external drive": one sentence to the
#: customer for the big folder, after the steps
#: agent round 76: "'move Videos to an external drive' could be read as 'delete Videos'" (the agent added "copy it there first, and
#: delete nothing until you have checked the copy opens"): copy first, delete only once the copy opens
#: agent round 83: "once the copy opens" is vague (the agent wrote "check that the videos play from the drive"): what to check
#: agent round 102 (both paused on the screen's memory stick against the reply's external drive "until I read the card's 'About
#: this reply' note"): why, to the customer, where the drive is named (used only past what a stick holds: STICK_BYTES)
REPLY_BIG_FOLDER = N_(
    "Your {folder} folder is very large ({size}), too big for a memory stick: an external drive (a box that plugs into the computer) is the best place for it. "
    "Copy it there first, check that its files open from the drive, and only then delete it from the computer."
)
#: more than a memory stick holds (64 GB sticks are common, bigger ones rare in a customer's drawer)
STICK_BYTES = 64e9
#: verdict round 17: the trash as the customer's own system names it ("on my computer it's called the Recycle Bin"): {trash}
REPLY_TRASH = N_(
    "Look in {trash} first: emptying it cannot be undone. If nothing there is needed, empty it, then save again: your work needs very "
    "little room, so that is enough for now."
)
#: agent round 14: the reply takes the screen's step, in its words; agent round 15: the screen's step says to look first
REPLY_TRASH_BUTTON = N_("In the check window, the button “{button}” does just that.")
REPLY_SAVE_AGAIN = N_("Then save again: your work needs very little room.")
#: the sign-in page's first step (plainwords.PORTAL_SCREEN_STEP), with where its button is. Agent round 25: "The card's reply
#: says “Click 'Open the page'” without saying where that button is. I found it in “What proves it” (the blue button under the
#: headline) and added it to the reply"
REPLY_PORTAL_STEP = N_(
    "Click “Open the page” (the blue button under the headline of the check window) and press its “Accept” or “Connect” button, then check again."
)
#: agent round 14: "step 1 spends a lot of words on the password": one clause (the customer's screen says it in full)
#: agent round 18: one name for the password, the screen's ("password or PIN")
REPLY_CLOCK_BUTTON = N_("Click “{button}” (your computer may ask for the password or PIN you use to start it).")
#: issue 21: REPLY_CLOCK_BUTTON (kept for a bundle that does not say) told a Windows administrator, whom the screen tells to
#: click "Yes", about a password: the one clause says what the customer's screen says (verdict.PROMPT_STEP)
REPLY_BUTTON_PROMPT = {
    CONSENT: N_("Click “{button}” (your computer then asks you to click “Yes” to allow it: that is normal)."),
    OWN_PASSWORD: N_("Click “{button}” (your computer then asks for the password or PIN you type to start it: that is normal)."),
    ADMIN_PASSWORD: N_(
        "Click “{button}” (your computer then asks for the password of the person who manages it, for example whoever set it up: if you do not "
        "have it, tell us)."
    ),
}
#: agent round 14: "step 2 is one long sentence with a long bracket": the box's wait, in short sentences
REPLY_WAIT_FOR_THE_BOX = N_(
    "Wait until its lights stop blinking: this takes a few minutes. Then open a website to see if it works again. A home phone or TV that goes through the box "
    "stops for those few minutes only, then works again by itself."
)
#: after the line-down screen's restart step (plainwords.INTERNET_UNPLUG_STEP), quoted as it reads; agent round 24 added by hand
#: what router-dns's reply says (REPLY_WAIT_FOR_THE_BOX): a home phone or TV through the box goes off meanwhile (not "works again
#: by itself": with the line down it may not)
REPLY_BOX_PHONE_OFF = N_("A home phone or TV that goes through the box is off during those few minutes.")
#: agent rounds 23, 24, 26 and 27 (clock, full drive, sign-in page) added by hand to the step that names a button of the check
#: window: "If you closed selfcheck, open it again and let it check the computer; the button comes back". True as the window
#: works: opened again, it shows the start page, whose "Check my computer" checks again, and the verdict shows the button
#: while the problem is still there. (Round 17 had moved it to "Ask next"; the agents put it back in the reply.) The window
#: by the words the drafts already use for it: the bundle does not say the branding's product name.
REPLY_REOPEN = N_("If you closed the check window, open it again and click “{check}”: the button comes back while the problem is still there.")
REPLY_NOTHING = N_("The check found nothing wrong on your computer. Please tell us what exactly happens, in which program, and the exact words of any message.")


def _then(questions: Sequence[str]) -> list[str]:
    """The draft's closing question: one on the "Then please tell us:" line; more, each on its own line under it, as a
    sentence of its own (review of b56799f9: "does it work now?", worded for the line's end, stood in lower case in a list
    once "Were you at home …" joined it)."""
    if len(questions) == 1:
        return [_(REPLY_THEN).format(question=_(questions[0]))]
    asked = [_(q) for q in questions]
    return [_(REPLY_THEN_LIST), *(REPLY_ASKED.format(question=q[:1].upper() + q[1:]) for q in asked)]


def _verdict_action(scan: Mapping[str, Any]) -> tuple[str, list[str]]:
    """The customer's first action and its steps as the bundle's verdict words them (in the customer's language)."""
    raw_diagnosis = scan.get("diagnosis")
    diagnosis: Mapping[str, Any] = raw_diagnosis if isinstance(raw_diagnosis, Mapping) else {}
    raw_verdict = diagnosis.get("verdict")
    verdict: Mapping[str, Any] = raw_verdict if isinstance(raw_verdict, Mapping) else {}
    action = verdict.get("action") if isinstance(verdict.get("action"), Mapping) else diagnosis.get("action")
    if not isinstance(action, Mapping):
        return "", []
    text = str(action.get("text") or "") if isinstance(action.get("text"), str) else ""
    steps = [str(s) for s in action.get("steps") or [] if isinstance(s, str)] if isinstance(action.get("steps"), list) else []
    return _bounded(text), [_bounded(s) for s in steps]


#: at most this many characters of a quoted step (hostile input: a bundle may say anything); a real step of our checks
#: is up to about 500 (a full Windows computer's in French), and a step cut at 400 left the reply mid-word
MAX_STEP = 1000


#: white space a line is folded at: every kind but French typography's no-break spaces (str.split() folds them too)
_FOLDED = re.compile(r"[^\S\u00a0\u202f]+")


def _one_line(text: str) -> str:
    """``text`` on one line, its no-break spaces kept (« Cliquez sur « Vérifier à nouveau » » never breaks at them)."""
    return _FOLDED.sub(" ", text).strip(" ")


def _bounded(text: str) -> str:
    """A step on one line; past MAX_STEP, cut at a word and marked with "…"."""
    folded = _one_line(text)
    return folded if len(folded) <= MAX_STEP else folded[: MAX_STEP - 1].rsplit(" ", 1)[0] + "…"


#: the words the checks' steps use for the window's contact button (checks/network_dns.py, network_https.py, network_clock.py,
#: hardware_disk.py): the button itself reads "Contact support" (gui/pages.py)
CONTACT_BUTTON_WORDS = N_("the contact button at the bottom of the window")
SCREEN_CONTACT_NOTE = N_("(The contact button at the bottom of the customer's window reads “{button}”.)")


def contact_note(scan: Mapping[str, Any]) -> str:
    """Support's note under the customer's steps when one names the contact button: what the button reads, in the
    customer's language (agent round 15: "I'd need to know what that button is"); "" when no step names it."""

    text, steps = _verdict_action(scan)
    lang = str(scan.get("language") or "") or "en"
    with language(lang):
        words, button = _(CONTACT_BUTTON_WORDS), _("Contact support")
    if not any(words in step or CONTACT_BUTTON_WORDS in step for step in (text, *steps)):
        return ""
    return _(SCREEN_CONTACT_NOTE).format(button=button)


def first_sentence(text: str) -> str:
    """The first sentence of a check's summary (its headline, before any advice): "Websites do not open." """
    parts = re.split(r"(?<=[.!?])\s+(?=[A-ZÀ-ÖØ-Ý«“])", text.strip(), maxsplit=1)
    return parts[0] if parts and parts[0] else text


def _verdict_button(scan: Mapping[str, Any]) -> str:
    """The label of the button the customer's first action names ("Set the clock automatically"), or ""."""
    diagnosis = scan.get("diagnosis")
    verdict = diagnosis.get("verdict") if isinstance(diagnosis, Mapping) else None
    action = verdict.get("action") if isinstance(verdict, Mapping) else None
    button = action.get("button") if isinstance(action, Mapping) else None
    return button if isinstance(button, str) else ""


#: stop 31 proxy review: the company's web filter answered its block page (network.https's kind "filtered"); the draft asked
#: "Do the websites open after the restart?" though no restart was asked: its decision is said, and who decides
REPLY_FILTERED = N_("Your company's web filter blocks this site on purpose: this is your company's choice, not a fault of your computer or of your internet.")
REPLY_FILTERED_IT = N_("Your company's IT team decides which sites the filter lets through: if you need this site, please ask them to let it through.")
REPLY_FILTERED_STILL = N_("If your IT team says their filter does not block it, please reply to this message and we will look further.")


def company_filter_blocks(facts: Mapping[str, Mapping[str, Any]]) -> bool:
    """Every secure site that failed is of network.https's kind "filtered" (the company's relay, which let its own test page
    through, answered its block page: the check's rule, tls_kind), and at least one did."""
    https = facts.get("network.https")
    kinds = _mapping_of(https, HTTPS_KINDS) if isinstance(https, Mapping) else {}
    failed = [k for k in kinds.values() if k != "ok"]
    return bool(failed) and all(k == "filtered" for k in failed)


def reply_draft(
    scan: Mapping[str, Any],
    cause_id: str | None,
    facts: Mapping[str, Mapping[str, Any]],
    where: str | None = None,
    named_site: Mapping[str, Any] | None = None,
    provider: bool = False,
    program: str | None = None,
    where_unsaid: bool = False,
    call_contact: Any = None,
) -> str:
    """A short draft reply to the customer in the bundle's language: the first things to do (the verdict's action and
    its first step, as the customer's screen words them), then the question whose answer decides the next step.
    ``where`` is the customer's answer to "Where are you?" (selfcheck.symptoms.WHERE_VALUES): away from home, a fault
    of the network is for whoever runs it, not for a box restart; ``named_site`` the bundle's try of the customer's site;
    ``provider``: the company is the customer's internet provider (``[support] internet_provider``), so "call us", not "call your provider"; ``call_contact``: ``[branding] support_contact``, given where the reply says
    "call us" (call_contact_words)."""
    from selfcheck.plainwords import CLOCK_WHY, INTERNET_UNPLUG_STEP, PORTAL_SCREEN_STEP, RESTART_BOX, WAIT_FOR_THE_BOX

    lang = str(scan.get("language") or "") or "en"
    with language(lang):
        contact = call_contact_words(call_contact)
        if cause_id is None:
            return "\n".join([_(REPLY_HELLO), _(REPLY_NOTHING)])
        if cause_id == "network.https" and company_filter_blocks(facts):  # stop 31: the company's decision: no restart, no retry
            return "\n".join([_(REPLY_HELLO), _(REPLY_FILTERED), _(REPLY_FILTERED_IT), _(REPLY_FILTERED_STILL)])
        if cause_id == "network.https" and own_setting(facts, named_site):  # issue 21: a setting on it, changed together
            return "\n".join([_(REPLY_HELLO), _(REPLY_OWN_SETTING), _call_us(REPLY_OWN_CALL, contact), *_then(REPLY_OWN_QUESTION)])
        if cause_id == "network.https" and where == "home" and hops_where(facts, named_site) == "beyond":  # issue 21: no restart for nothing
            return "\n".join([_(REPLY_HELLO), _(REPLY_BEYOND), _(REPLY_BEYOND_OURS if provider else REPLY_BEYOND_PROVIDER), *_then(REPLY_BEYOND_QUESTION)])
        if _away(where) and _box_cause(cause_id, facts):
            return "\n".join(
                [
                    _(REPLY_HELLO),
                    _(REPLY_AWAY_HTTPS if cause_id == "network.https" else REPLY_AWAY),
                    _(REPLY_AWAY_ASK).format(who=_(WHO_RUNS_IT[str(where)])),
                    *_then(REPLY_AWAY_QUESTION_HTTPS if cause_id == "network.https" else REPLY_AWAY_QUESTION),
                ]
            )
        text, steps = _verdict_action(scan)
        disk = facts.get("hardware.disk") or {}
        keep_open = ""
        big_folder = ""
        other_steps = ""
        if cause_id == "hardware.disk" and _full(_home_volume(disk) or {}):  # the unsaved work first; the trash only when it holds room
            named = wording.trash(disk.get("platform"))  # as the customer's system names it (checks/hardware_disk.py does the same)
            from selfcheck.plainwords import EMPTY_THE_TRASH

            screen = text == _(EMPTY_THE_TRASH).format(trash=named)  # the screen's step (checks/hardware_disk.py), quoted as it reads
            if screen and little_room_line(disk):  # agent round 16: the screen's steps in its order, the card's "keep it open" said as an addition
                keep_open = _keep_open(program)[1]
                big = _biggest_folder(disk)
                if big is not None and float(big.get("bytes") or 0) > STICK_BYTES:  # more than a memory stick holds
                    big_folder = _(REPLY_BIG_FOLDER).format(folder=inert_name(big.get("name") or ""), size=_folder_size(big))
                button = _verdict_button(scan)  # agent rounds 20 and 21: "the easiest way for the customer is that button"
                said = f" {_(REPLY_TRASH_BUTTON).format(button=button)}" if button else ""
                todo = [f"{text}{said} {_(REPLY_SAVE_AGAIN)}"]
                other_steps = _(REPLY_OTHER_STEPS) if steps else ""
            else:
                trash = _(REPLY_TRASH).format(trash=named)
                keep = _keep_open(program)[0]
                todo = [keep, trash] if little_room_line(disk) else [keep, *(steps[:1] or [text])]
        else:
            todo = [t for t in (text, *steps[:1]) if t]
        if cause_id == "network.internet":  # agent round 13: the screen says to call the provider if other devices fail too: so does the draft
            todo += [_call_us(REPLY_CALL_US_LINE, contact)] if provider and steps[1:2] else steps[1:2]
            todo = [f"{t} {_(REPLY_BOX_PHONE_OFF)}" if t == _(INTERNET_UNPLUG_STEP) else t for t in todo]
        if cause_id == "network.clock":  # agent round 11: the screen's time-zone step belongs in the reply too
            todo += [t for t in steps[1:] if t == _(CLOCK_ZONE_STEP)]
            from selfcheck.verdict import is_repair_first_admin

            button = _verdict_button(scan)
            # the password in one clause; "none" (no prompt) is worded as a repair without rights, so its step stays as the screen's
            if todo and button and is_repair_first_admin(todo[0], button):
                prompt = _admin_prompt(scan)
                todo[0] = _(REPLY_BUTTON_PROMPT.get(prompt or "", REPLY_CLOCK_BUTTON)).format(button=button)
            # agent round 20: the customer sees the draft and the screen: step 2 as the screen words it ("If that does not put it right")
        todo = [_(REPLY_WAIT_FOR_THE_BOX) if t == _(WAIT_FOR_THE_BOX) else t for t in todo]
        if cause_id == "network.captive_portal":  # where its button is, as "What proves it" says (PORTAL_BUTTON)
            todo = [_(REPLY_PORTAL_STEP) if t == _bounded(_(PORTAL_SCREEN_STEP)) else t for t in todo]  # as quoted (spaces folded)
        question = REPLY_QUESTIONS.get(cause_id, REPLY_QUESTION_OTHER)
        still = ""  # after the questions: who checks from their side if nothing helped
        if cause_id == "network.https" and where == "home":  # agent round 12: one branch, no "are you at work, school or a hotel?"
            question = REPLY_HTTPS_HOME if not every_secure_site_stopped(facts, named_site) else REPLY_HTTPS_HOME_ALL
            if every_secure_site_stopped(facts, named_site):
                still = _call_us(REPLY_HTTPS_STILL_OURS, contact) if provider else _(REPLY_HTTPS_STILL)
                if own_settled(facts, named_site) or hops_where(facts, named_site):  # issue 21: this computer settled: no phone question
                    question = tuple(q for q in question if q != REPLY_HTTPS_PHONE)
        if cause_id == "network.dns" and provider and _dns_is_the_box(facts):  # agent round 26: "Ask next" checks the box from our side
            still = _call_us(REPLY_DNS_STILL_OURS, contact)
        city_question = ""
        battery_line = ""
        if cause_id == "network.clock":
            offset = clock_offset(facts)
            if offset is None or not whole_hours(offset):  # a clock that lost its time, not a time zone: it may lose it again
                battery_line = _(REPLY_CLOCK_AGAIN)
            else:
                zone = _zone(facts.get("network.clock") or {}, offset_too=False)
                question = REPLY_CLOCK_ZONE
                if zone:  # agent round 15: the city first, then the steps; the closing question the usual one
                    # a city only where the zone names one (Europe/London), not Etc/UTC nor a Windows zone's name
                    city = zone.rsplit("/", 1)[-1].replace("_", " ") if "/" in zone and not zone.startswith("Etc/") else ""
                    city_question = _(REPLY_CLOCK_CITY_FIRST).format(city=city) if city else _(REPLY_CLOCK_ZONE_FIRST).format(zone=zone)
                    question = REPLY_QUESTIONS["network.clock"]
        button = _verdict_button(scan)
        names = next((i for i, t in enumerate(todo) if button and button in t), None)  # the step that names the window's button
        if names is not None:  # right after the sentence that names it (full drive: before "Then save again")
            step = todo[names]
            end = re.compile(r"[.!?](?=\s|$)").search(step, step.index(button) + len(button))
            at = end.end() if end else len(step)
            todo[names] = f"{step[:at]} {_(REPLY_REOPEN).format(check=_('Check my computer'))}{step[at:]}"
        lines = [_(REPLY_HELLO)]
        if keep_open:
            lines.append(keep_open)
        if cause_id == "network.clock":
            lines.append(_(CLOCK_WHY))  # the screen's own why (network.clock), the same words
        if keep_open:  # the screen's first step on its own line, unnumbered: the screen's own numbers stay the screen's
            lines += todo
        elif todo:
            restarts = any(t.startswith((_(RESTART_BOX), _(INTERNET_UNPLUG_STEP))) for t in todo)  # the box, restarted by a step
            lines.append(_(REPLY_DO_NOW_AT_HOME if where_unsaid and restarts else REPLY_DO_NOW))
            lines += [f"{n}. {t}" for n, t in enumerate(todo, 1)]
        if other_steps or big_folder:  # agent round 19: after the screen's steps, to the customer, once
            lines.append(" ".join(t for t in (other_steps, big_folder) if t))
        if cause_id == "network.clock":  # agent round 34: after the steps, before the questions
            lines.append(_(REPLY_CLOCK_WARNINGS))
        # unanswered (``where`` is None); agent round 102 a ("'where were you?' seemed odd for a computer plugged in by cable"):
        # not asked of a computer on a cable with no Wi-Fi at all (a desktop: it stays where it is)
        if where_unsaid and _box_cause(cause_id, facts) and cause_id != "network.https" and _may_move(facts):
            question = (*question, REPLY_WHERE_QUESTION)
        lines += _then(question)
        if still:
            lines.append(still)
        if battery_line:  # after the question, as the agents added it (the customer's step 3, the card's "Ask next")
            if len(question) == 1 and not still:
                lines[-1] += f" {battery_line}"
            else:
                lines.append(battery_line)
        if city_question:  # agent round 16: the city question last, on its own line, not mixed with the steps
            lines.append(city_question)
        return "\n".join(lines)


# For the agent (the card's language): "Before you reply" (why it can go now, what to check and when to pass it on) and "About
# this reply", under the draft (which of its steps are the customer's on-screen steps, what it leaves unsaid)
#: agent round 31 (secure sites, 4-5 minutes): "I had to follow the “not this computer” argument … before I trusted it enough
#: to tell a customer their computer is fine": the draft does not rest on it (the restart, the phone and the box's settings
#: questions tell box, line and this computer apart), so it can go before the proof is read
REPLY_NOTE_HTTPS = N_(
    "Send it now: it is right whether the fault is in the box, the line or, less likely, this computer; the restart and its questions tell which."
)
#: agent round 38 (secure sites, 4 minutes): "I had to read the 'What proves it' section twice to be comfortable with 'most
#: likely not this computer' … The reply is safe whichever it is, and that is what let me send it": the draft
#: (REPLY_HTTPS_HOME_ALL, REPLY_HTTPS_STILL(_OURS), the screen's restart steps) never says whether this computer is at fault
REPLY_NOTE_HTTPS_NOT_SAID = N_("It does not say whether this computer is at fault: you need not settle that before sending.")
#: issue 21 (agent round 39: "I had to read 'About this reply' to be sure sending now was right"): this computer settled
#: (own_clear): what no longer holds is not said
REPLY_NOTE_HTTPS_SETTLED = N_("Send it now: it is right whether the fault is in the box or the line; the restart and its questions tell which.")
REPLY_NOTE_HTTPS_OWN = N_("Send it now: the facts settle that this computer stops the sites, so it asks for no box restart.")
#: agent round 32: "I had to decide whether to check our line first or send the restart" (said in "Ask next" before): here
REPLY_NOTE_HTTPS_LINE_OURS = N_("Check the line and the box from your side only if the restart does not help.")
REPLY_NOTE_HTTPS_LINE = N_(
    "If the restart does not help, the reply sends them to their internet provider (if that is your company, check the line and the box from your side)."
)
#: agent rounds 23-31 (line-down, 3-4 minutes "including the outage look-up"): "Check first: outage in the area?" had them
#: look before sending, and re-read "Not settled" to check the reply covers each possibility (the look-up is ours only when
#: the company is the customer's internet provider: else "Ask next" asks whether the provider announced one)
#: agent round 32: "before sending, I check our outage map": in the order an agent acts, short (the order stays theirs)
#: agent round 33: "Not settled" now says the reply covers each case: not again here; one form for every note ("Send it now:")
REPLY_NOTE_LINE_DOWN = N_("Send it now: it is right with or without an outage.")
REPLY_NOTE_LINE_DOWN_OURS = N_("Send it now: it is right with or without an outage. Then look for an outage in their area and tell them if there is one.")
#: agent rounds 29 and 30: "the same advice appears three times (the reply, the ⚠ block and the list of results), so I had
#: to confirm they said the same thing": said, where the strings show it (see screen_steps_note); agent round 93 (a line that
#: asserts the reply matches the screen sends agents to check it): on a recording's card only, no more on the others (build)
REPLY_NOTE_SAME_STEP = N_("Step {numbers} is the same step as on the customer's screen.")
REPLY_NOTE_SAME_STEPS = N_("Steps {numbers} are the same steps as on the customer's screen.")
#: agent round 61 (secure-sites, 4-5 minutes): "I noticed the suggested reply repeats the on-screen steps, so I added the line for
#: a customer who has already restarted": in the draft, after its numbered steps, where one of them is the screen's
REPLY_ALREADY_DONE = N_("If you already did this and it did not help, just tell us.")
#: agent round 101 a (cuts): "the customer's screen says 'click Contact support' while the reply says 'just tell us'. I checked
#: that they don't conflict": the recorded cuts' draft says both in one phrase, the button as the screen names it
#: (verdict.CUTS_STILL_STEP)
REC_REPLY_ALREADY_DONE = N_("If you already did this, or it still drops after that, click “Contact support” or just tell us.")
REPLY_NOTE_HAS_STEP = N_("It has step {numbers} of the customer's screen in the same words.")
REPLY_NOTE_HAS_STEPS = N_("It has steps {numbers} of the customer's screen in the same words.")


def screen_steps_note(scan: Mapping[str, Any], reply: str) -> str:
    """Which of the draft's steps are the customer's on-screen steps (the bundle's verdict: its action, then its steps), found
    by comparing the strings: a numbered step of the draft is the screen's step of the same number when it is that step as
    the screen words it, or as the draft rewords it (its short sentences for the box's wait, where the sign-in page's button
    is), with or without sentences the draft adds after it (how to get the window's button back, a phone through the box);
    an unnumbered draft (the full drive's) has a screen step when one of its lines starts with it. "" when none is."""
    from selfcheck.plainwords import PORTAL_SCREEN_STEP, WAIT_FOR_THE_BOX

    text, steps = _verdict_action(scan)
    screen = [t for t in (text, *steps) if t]
    if not screen or not reply:
        return ""
    with language(str(scan.get("language") or "") or "en"):
        reworded = {_(WAIT_FOR_THE_BOX): _(REPLY_WAIT_FOR_THE_BOX), _bounded(_(PORTAL_SCREEN_STEP)): _(REPLY_PORTAL_STEP)}

    def starts_with(line: str, step: str) -> bool:
        return any(line == form or line.startswith(form + " ") for form in (step, reworded.get(step)) if form)

    numbered = [m.groups() for m in (re.match(r"(\d{1,2})\. (.*)", line) for line in reply.splitlines()) if m]
    if numbered:
        same = [int(n) for n, line in numbered if 0 < int(n) <= len(screen) and starts_with(line, screen[int(n) - 1])]
        one, many = REPLY_NOTE_SAME_STEP, REPLY_NOTE_SAME_STEPS
    else:
        same = [i for i, step in enumerate(screen, 1) if any(line.startswith(step) for line in reply.splitlines())]
        one, many = REPLY_NOTE_HAS_STEP, REPLY_NOTE_HAS_STEPS
    if not same:
        return ""
    numbers = [str(n) for n in same]
    joined = numbers[0] if len(numbers) == 1 else _("{first} and {last}").format(first=", ".join(numbers[:-1]), last=numbers[-1])
    return _(one if len(same) == 1 else many).format(numbers=joined)


def _already_done(reply: str, lang: str) -> str:
    """The draft with REPLY_ALREADY_DONE (in the customer's language) after its last numbered step, where it has any."""

    lines = reply.splitlines()
    numbered = [i for i, line in enumerate(lines) if re.match(r"\d{1,2}\. ", line)]
    if not numbered:
        return reply
    with language(lang):
        said = _(REPLY_ALREADY_DONE)
    return "\n".join([*lines[: numbered[-1] + 1], said, *lines[numbered[-1] + 1 :]])


# "Where are you?" (the describe step, selfcheck.symptoms.WHERE_QUESTION; agent round 12: "we don't know if the customer is
# at home, so 'restart the box' may not apply"): at home, the box restart; elsewhere, whoever runs that network
#: where the customer is, for the agent (the card's language)
WHERE_AWAY = {
    "work": N_("at work or at school"),
    "public": N_("in a hotel, a café or on other public Wi-Fi"),
    "other": N_("somewhere else than at home"),
}
#: who can fix a network away from home, for the customer (their language)
WHO_RUNS_IT = {
    "work": N_("the people who look after the computers at your work or school"),
    "public": N_("the staff of the place (at a hotel, the reception)"),
    "other": N_("the person whose internet you are using there"),
}
REPLY_AWAY = N_("Your computer is fine: the internet of the place where you are does not work properly at the moment.")
REPLY_AWAY_HTTPS = N_("Your computer is fine: the internet connection of the place where you are stops websites such as your e-mail.")
REPLY_AWAY_ASK = N_("Please ask {who} to look at it: it is their internet connection, so they can put it right.")
REPLY_AWAY_QUESTION = (REPLY_WEBSITES_NOW, N_("Do other devices there, such as your phone on the same Wi-Fi, have internet?"))
REPLY_AWAY_QUESTION_HTTPS = (N_("do the websites open now, once they have looked at it?"),)
#: the first line of "Ask next" away from home
AWAY_NO_BOX = N_(
    "The customer is {where}, not on their own internet box: the box restart on their screen does not apply; whoever runs that network can fix it."
)
AWAY_QUESTION = N_("1. Did the people who run that network look at it, and do websites open now?\n2. Do other devices on the same network have internet?")
AWAY_QUESTION_HTTPS = N_(
    "1. Did the people who run that network let these sites through, and do {sites} open now?\n"
    "2. If they say nothing is blocked: do {sites} open {phone}? If not, that network still stops them; "
    "if they do, only then look at this computer's security program."
)
#: at home: the box restart and the phone test, without the company, school or hotel branch
HTTPS_QUESTION_HOME = N_(
    "If it did not help: do {sites} open {phone}?\n"
    "If they do not open on the phone either: the box has parental control or a site filter on (turn it off or allow those sites), or else "
    "the internet company stops them.\nIf they open on the phone: only then look at this computer's security program."
)
HTTPS_ASK_RESTART_HOME = N_("First ask: did they restart their internet box, and did that help?")
#: agent round 14: "I'm not sure what comes after the restart": every secure site stopped, this computer cleared: one next step;
#: agent round 16: "a hint about the box's parental-control or firewall settings before the provider": the facts of this branch
#: (every secure site stopped silently beyond the box, at home behind the customer's own box) allow a setting of that box
#: agent round 25: "The card only says “most likely the box, else the line”, so I had to decide myself whether to ask for a
#: restart first or check our line first. I did both.": the order said; agent round 32 (3-4 minutes): "I had to decide whether
#: to check our line first or send the restart": said under the reply, where the agent decides (REPLY_NOTE_HTTPS_LINE*)
#: agent round 27, 4 minutes: "I had to weigh how much “not this computer” rests on a single fact (the router's secure page
#: opens)"; it added "Does your bank's site open on your phone when the phone is on your home Wi-Fi?": asked with the restart
#: agent rounds 23 to 29: every agent folded the phone question and the box-settings question into the first reply by hand
#: ("to save a round trip"): the draft asks the restart, the phone and the box's settings; agent round 32 ("the card is
#: longer"): "Ask next" only says what each answer means, one short line each (not the same questions twice)
HTTPS_RESTART_ANSWER_HOME_ALL = N_("Sites open after the restart: it was the box, nothing more to do.")
HTTPS_PHONE_ANSWER_HOME_ALL = N_("Sites open on a phone or tablet on the home Wi-Fi (mobile data off): this computer after all; if not, the box or the line.")
HTTPS_SETTING_ANSWER = N_(
    "Parental control or a firewall turned on in the box: turning it off for a test settles it; if not, and the restart did not help, the line."
)
#: agent round 53 (and the card's review): where the hops settled "the box or the router right behind it", this line alone
#: still ended "the line" ("the card's last line says 'the line' where everything above it says box or router")
#: agent round 84 (cuts card: "I had to match the 'Ask the customer next' section against the questions already in the reply"):
#: the reply asks both questions; "What their answers tell", one short line each, that router last
HTTPS_SETTING_TELLS = N_("Parental control or a firewall on in the box: turning it off for a test settles it.")
#: agent round 93 (3-4 minutes, the card's length): where that router is ours, the card is passed on at once (ORDER_HTTPS_BOX_OURS_*):
#: what the answers tell, in one line; agent round 97 ("The ruling that depends on the answers ('after the restart… the box;
#: neither: our router') took a second read"): one line a place, the box first (what the reply asks), then our router (the
#: network team already has the card: its first action)
HTTPS_TELLS_OURS_BOX = N_("Sites open after the restart, or the box's parental control or firewall was on: the box.")
HTTPS_TELLS_OURS_ROUTER = N_("Neither: our router.")
HTTPS_NEITHER_TELLS = N_("Neither: the provider's router; the reply sends them to their provider.")
REPLY_HTTPS_PHONE = N_("If they still do not: do they open on a phone or tablet connected to your home Wi-Fi, with its mobile data turned off?")
REPLY_HTTPS_HOME_ALL = (
    REPLY_AFTER_RESTART,
    REPLY_HTTPS_PHONE,
    N_("Has anyone turned on parental control or a firewall in your internet box's settings?"),
)
#: issue 21: this computer's own firewall stops the secure sites tried (own_firewall_stops): a box restart would not help; what
#: a first-line agent sends is a call (or a remote session) to change the setting together, and the one question that tells
#: whether a program put it there (it may put it back)
REPLY_OWN_SETTING = N_("The websites are stopped by a setting on your computer itself, not by your internet box: restarting the box would not help.")
REPLY_OWN_CALL = N_(
    "Please call us, or reply with a time when we can call you: we will change that setting with you on the phone, "
    "or by connecting to your computer from here if you allow it. It takes a few minutes."
)
REPLY_OWN_CALL_CONTACT = N_(
    "Please call us ({contact}), or reply with a time when we can call you: we will change that setting with you on the phone, "
    "or by connecting to your computer from here if you allow it. It takes a few minutes."
)
REPLY_OWN_QUESTION = (N_("did you, or someone who helps you with the computer, install a security program or change its settings lately?"),)
HTTPS_OWN_ASK = N_(
    "Did they, or someone who helps them, install a security program or change the firewall lately? If a program made the rule, "
    "change it in that program, or it may come back.\n"
    "After changing it together (on the phone or in a remote session): do the sites open now?"
)
#: after the questions, on its own line: who checks the line and the box if nothing helped
REPLY_HTTPS_STILL = N_("If the websites still do not open, please call your internet provider: they can check your line and your internet box from their side.")
#: agent round 63 (both agents): "reply to this message" where their webmail may not open at home (the card's own "Before
#: you reply" says so): "reply from your phone or call us"; the same where the line is down and where the box's names fail
REPLY_HTTPS_STILL_OURS = N_(
    "If the websites still do not open, please call us, or reply from your phone with its Wi-Fi turned off: we will check your line and your internet box from our side."
)
REPLY_HTTPS_STILL_OURS_CONTACT = N_(
    "If the websites still do not open, please call us ({contact}), or reply from your phone with its Wi-Fi turned off: we will check your line and your internet box from our side."
)
#: agent round 102 b ("My only change is the phone number, which the card leaves out"): each "call us" of the reply, with
#: the company's ``[branding] support_contact`` where it gives one (call_contact), the same words where it gives none
CALL_US_CONTACT = {
    REPLY_CALL_US_LINE: REPLY_CALL_US_LINE_CONTACT,
    REPLY_DNS_STILL_OURS: REPLY_DNS_STILL_OURS_CONTACT,
    REPLY_OWN_CALL: REPLY_OWN_CALL_CONTACT,
    REPLY_HTTPS_STILL_OURS: REPLY_HTTPS_STILL_OURS_CONTACT,
}
#: the longest contact the reply quotes: a phone number and opening hours; a longer one (or more than one line) is left out
CALL_CONTACT_LIMIT = 120


def call_contact_words(value: Any) -> str:
    """The company's ``[branding] support_contact`` (a text or one per language) as a reply quotes it, in the current
    language: one short line with its phone numbers held together (i18n.phone_numbers_together, as the window and the
    relay's pages hold them), or "" where it is not set, too long, or holds a line break or a control character."""
    from selfcheck.config import short_line
    from selfcheck.i18n import phone_numbers_together, pick

    words = pick(value).strip() if isinstance(value, str | dict) else ""
    return phone_numbers_together(words) if words and short_line(words, CALL_CONTACT_LIMIT) else ""


def _call_us(message: str, contact: str) -> str:
    """A reply sentence that says "call us", with the company's contact where there is one (call_contact_words)."""
    with_contact = CALL_US_CONTACT.get(message)
    return _(with_contact).format(contact=contact) if contact and with_contact else _(message)


#: the internet's "Where are you?" left unanswered (the reply then covers home and elsewhere where the cause allows it)
WHERE_NOT_ANSWERED = N_("Where are you? Not answered.")


def customer_where(description: Mapping[str, Any] | None) -> str | None:
    """The customer's answer to "Where are you?" (home, work, public, other), or None when not answered (hostile input:
    only a known value counts)."""
    from selfcheck.symptoms import WHERE_QUESTION, WHERE_VALUES

    for answer in (description or {}).get("answers") or []:
        if isinstance(answer, Mapping) and answer.get("id") == WHERE_QUESTION and answer.get("value") in WHERE_VALUES:
            return str(answer["value"])
    return None


def _where_answered(description: Mapping[str, Any]) -> bool:
    """Whether the customer answered "Where are you?" at all: a choice of no value the card knows (a company's own, or a
    bundle of a version that kept none) is an answer too, shown as such among their answers (review of 5585b65)."""
    from selfcheck.symptoms import WHERE_QUESTION

    answers = description.get("answers")
    return customer_where(description) is not None or any(
        isinstance(a, Mapping) and a.get("id") == WHERE_QUESTION and str(a.get("answer") or "").strip() for a in (answers if isinstance(answers, list) else [])
    )


def _away(where: str | None) -> bool:
    return where in WHERE_AWAY


def _may_move(facts: Mapping[str, Mapping[str, Any]]) -> bool:
    """Whether this computer may be away from home: not where network.link's facts show it on a cable with no Wi-Fi adapter
    at all (a desktop), as netprobe.may_have_wifi decides it (unknown facts: it may)."""
    from selfcheck.netprobe import may_have_wifi

    link = facts.get("network.link")
    return not (_wired_only(link or {}) and not may_have_wifi(link))


def _box_cause(cause_id: str | None, facts: Mapping[str, Mapping[str, Any]]) -> bool:
    """A cause whose customer's steps restart the internet box: the network's fault, not this computer's."""
    if cause_id == "network.dns":
        return _dns_is_the_box(facts)
    if cause_id == "network.https" and own_setting(facts):  # issue 21: this computer's own firewall (or the system) stops them
        return False
    return cause_id in ("network.gateway", "network.internet", "network.https")


PORTAL_BY_CABLE = N_(
    "Connected by cable, not Wi-Fi: the same sign-in page comes on a hotel's or an office's cable; "
    "the customer's screen told them to unplug the network cable and plug it back in if no page appears."
)


def _may_have_wifi(link: Any) -> bool:
    """Whether this computer may have Wi-Fi (agent round 72: "The bundle showed no Wi-Fi adapter on this computer, so the
    Wi-Fi tip may not apply"): netprobe.may_have_wifi, beside the cable-only rule it shares its adapters with."""
    from selfcheck.netprobe import may_have_wifi

    return may_have_wifi(link)


def _wired_only(link: Mapping[str, Any]) -> bool:
    """Cable only, decided as the customer's steps decide it (network.captive_portal)."""
    from selfcheck.netprobe import wired_only

    return wired_only(link)


CLOCK_ZONE_QUESTION = N_(
    "The clock is off by whole hours: which city or time zone does the computer's date and time setting show, and is the switch “{switch}” on?"
)
CLOCK_ZONE_KNOWN_QUESTION = N_(
    "The clock is off by whole hours and the computer is set to the time zone {zone}: in which city is the customer? If it is not in that "
    "time zone, they choose their own city in the date and time settings; and is the switch “{switch}” on?"
)
#: the switch's name when the platform is not known (agent round 7: one name everywhere; the customer's steps use the system's own)
CLOCK_SWITCH_ANY = N_("Set time automatically")

HISTORY_MISSING = N_("What changed on this computer, and since when: unknown, its history could not be read ({error}).")

#: causes for which a virtual machine or container bears on the reply: what it means, said in full under the flags
CONTEXT_MATTERS = {
    # agent round 6: "could the router be the virtual machine's own network?": what the facts settle, what they do not, the question
    "network.internet": N_(
        "For this cause it matters. Settled: this computer reaches the router {gateway} and nothing beyond it. Not settled: whether "
        "{gateway} is the customer's internet box or the virtual network of the computer this one runs on (the host). "
        "Ask whether the host computer itself has internet: if it does, the line is fine and the fault is in the virtual machine's "
        "network setting; if not, the line (or the box) is down as said above."
    ),
    "network.gateway": N_(
        "For this cause it matters: the router {gateway} may be the virtual network of the computer this one runs on (the host), "
        "not the customer's internet box. Ask whether the host computer itself has internet."
    ),
    "network.dns": N_(
        "For this cause it matters only if restarting the box does not help: the router {gateway} may then be the virtual network "
        "of the computer this one runs on (the host), not the internet box. Ask whether the host computer itself opens websites."
    ),
    "network.clock": N_(
        "For this cause it matters: a virtual machine's clock follows the computer running it: "
        "if turning on automatic time does not hold, the host's clock is the one to fix."
    ),
}
#: the flags in a few words, for the one short line when they change nothing for the cause
CONTEXT_SHORT = {
    "virtual_machine": N_("runs in a virtual machine"),
    "container": N_("in a container"),
    "remote_session": N_("used through a remote session"),
    "managed": N_("managed by a company"),
}
HOST_QUESTION = N_("This computer runs in a virtual machine: also ask whether the computer it runs on (the host) has internet (see Context).")
CONTEXT_NOTHING = N_("{flags}: this changes nothing for this cause.")

#: checks that work but say nothing about a cause (agent round 8: the time zone beside a full disk was noise)
RULED_OUT_NOISE = {"hardware.disk": ("os.timezone",)}
#: causes whose "Ruled out" says only what could have been another cause of the same trouble, from the cause's own facts (a
#: full drive: a failing disk, a locked or read-only folder): the complaint's other checks that work rule out nothing about it
#: (agent round 93, full drive: "Ruled out" listed the system's version, no restart waiting and a recent restart)
RULED_OUT_OWN_ONLY = ("hardware.disk",)
#: notes that bear on a cause although outside its complaint's checks (a wrong clock and the time zone)
RELATED_NOTES = {"network.clock": ("os.timezone",)}
CARD_SUMMARIES = {
    ("network.captive_portal", "fail"): N_("web requests are sent to a sign-in page first: the internet works only once the customer accepts it."),
    # agent round 20: "the connection stops at your internet box" read as "the box is broken": where the signal ends, no blame
    ("network.internet", "fail"): N_("Nothing on the internet answers: the signal reaches the internet box and goes no further."),
}
#: the card's name for a check where the check's own does not fit every case (agent round 20: "Wi-Fi welcome page" for a
#: laptop on a cable)
CARD_TITLES = {"network.captive_portal": N_("Network sign-in page")}

CONTEXT_WORDS = {
    "virtual_machine": N_("A virtual machine ({kind}): its network, disks and clock are those another computer gives it."),
    "container": N_("Inside a container ({kind}): its network and disks are those the computer running it gives it."),
    "remote_session": N_("Used through a remote session ({kind})."),
    "managed": N_("Managed by a company ({kind})."),
}


# --- building ----------------------------------------------------------------------------------------


def _results(scan: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    return [r for r in scan.get("results") or [] if isinstance(r, Mapping) and isinstance(r.get("id"), str)]


def _title(r: Mapping[str, Any]) -> str:
    """The check's title in the reader's language when this selfcheck knows the check, else as recorded."""
    if str(r.get("id")) in CARD_TITLES:
        return _(CARD_TITLES[str(r.get("id"))])
    cls = _builtin(str(r.get("id")))
    if cls is not None and getattr(cls, "title", None):
        return _(str(cls.title))
    return str(r.get("title") or r.get("id"))


def card_titles(check_ids: Iterable[str]) -> dict[str, str]:
    """The card's name for each of these checks that has one (CARD_TITLES), in the reader's language: a support view's list of
    every result titles them so, as the card does (agent rounds 24-30: the card's "Network sign-in page" above, the list's
    "Wi-Fi welcome page" below, for a laptop on a cable). The customer's own screens keep the check's title."""
    return {str(c): _(CARD_TITLES[str(c)]) for c in check_ids if str(c) in CARD_TITLES}


def list_titles(card: SupportCard | Mapping[str, Any] | None, check_ids: Iterable[str]) -> dict[str, str]:
    """The names every result under ``card`` goes by, where they are not the check's own title: the card's (card_titles), so
    the card and the list below it agree; none where there is no card. The one rule of support's three views: `selfcheck
    show`, report.html and the window's bundle view (round 97: the window's cards said "Wi-Fi welcome page" under a card and
    beside `show`'s "Network sign-in page"). The customer's own screen and the verdict keep the check's title."""
    return card_titles(check_ids) if card else {}


def _summary(r: Mapping[str, Any]) -> str:
    words = CARD_SUMMARIES.get((str(r.get("id")), str(r.get("status"))))
    return _(words) if words else str(r.get("summary", ""))


def _ancestors(check_id: str, graph: Mapping[str, Sequence[str]]) -> list[str]:
    seen: list[str] = []
    stack = list(graph.get(check_id, ()))
    while stack:
        cid = stack.pop(0)
        if cid not in seen and cid != check_id:
            seen.append(cid)
            stack.extend(graph.get(cid, ()))
    return seen


_BUILTINS: Any = None


def _clock_switch(clock: Mapping[str, Any]) -> str:
    """The date-and-time switch as the customer's steps name it (the clock check's words for their system)."""
    cls = _builtin("network.clock")
    names = getattr(sys.modules.get(cls.__module__), "SWITCH_NAMES", {}) if cls is not None else {}
    name = names.get(str(clock.get("platform") or "")) if isinstance(names, Mapping) else None
    return _(name) if isinstance(name, str) else _(CLOCK_SWITCH_ANY)


def _builtin(check_id: str) -> Any:
    """A built-in check's class, whatever the viewer's config turns off (support may disable checks the customer ran)."""
    global _BUILTINS
    if _BUILTINS is None:
        from selfcheck.discovery import Registry, load_builtin

        _BUILTINS = Registry()
        load_builtin(_BUILTINS)
    return _BUILTINS.get(check_id)


def _graph(results: Iterable[Mapping[str, Any]], registry: Any) -> dict[str, list[str]]:
    graph: dict[str, list[str]] = {}
    for r in results:
        cid = str(r["id"])
        cls = (registry.get(cid) if registry is not None else None) or _builtin(cid)
        deps = [*getattr(cls, "depends_on", ()), *getattr(cls, "after", ())] if cls is not None else [*(r.get("depends_on") or []), *(r.get("after") or [])]
        graph[cid] = [str(d) for d in deps]
    return graph


#: the most of the customer's words one line of the card quotes, and the most answers it lists: a bundle is hostile input
#: (one 200,000-character answer would flood the agent's terminal and push the card past what the relay puts in a ticket);
#: the whole text stays in description.json
MAX_SAID = 2000
MAX_ANSWERS = 20


def _said(text: Any) -> str:
    """The customer's words on one line, at most MAX_SAID characters."""
    folded = _one_line(str(text))
    return folded if len(folded) <= MAX_SAID else folded[: MAX_SAID - 1].rstrip() + "…"


def customer_answers(description: Mapping[str, Any] | None) -> list[str]:
    """The describe step's questions as the customer answered them, one line each ("Where are you? At home"), at most
    MAX_ANSWERS lines of at most about 2 × MAX_SAID characters (hostile input: a bundle may say anything)."""
    answers = (description or {}).get("answers")
    return [
        f"{_said(_without_hint(str(answer['question'])))} {_said(answer['answer'])}"
        for answer in (answers if isinstance(answers, list) else [])[:MAX_ANSWERS]
        if isinstance(answer, Mapping) and answer.get("question") and str(answer.get("answer") or "").strip()
    ]


#: a question's hint to the customer at its end, in brackets: "Which website does not open? (its address, if you know it)"
_HINT = re.compile(r"\s*\([^()]*\)\s*$")


def _without_hint(question: str) -> str:
    """The question as the card shows it beside the answer: without the hint in brackets at its end, which read stuck to the
    answer ("Which website does not open? (its address, if you know it) www.mybank.example", noticed reading the cards of
    agent round 93); a question that is only brackets stays as written."""
    short = _HINT.sub("", question)
    return short if short.strip() else question


def customer_said(description: Mapping[str, Any] | None, symptom: str | None) -> list[str]:
    """The customer's answers to the describe step's questions (customer_answers), then, for the internet, that they did not
    say where they are when they did not: the card's "The customer says" and the window's description of an opened bundle
    (which leaves that section out) say the same."""
    d = description or {}
    lines = customer_answers(d)
    if symptom == "internet" and not _where_answered(d):
        # agent round 57: "the customer didn't answer 'Where are you?', so the card assumes a home box … nothing on the card
        # saying it was unanswered" (the agent opened description.json to find out): said
        lines.append(_(WHERE_NOT_ANSWERED))
    return lines


#: agent round 19: "the card never says what LibreOffice's error message actually was": no check records a program's
#: message, so when the customer's words quote none, the card says so
NO_PROGRAM_MESSAGE = N_("The program's own message was not recorded: only the customer's words above.")
#: the marks a customer's words quote a message with (an apostrophe is not one: "can't")
QUOTE_MARKS = ('"', "“", "”", "«", "»", "„")


def quotes_a_message(description: Mapping[str, Any] | None) -> bool:
    """Whether the customer's words quote a message (its words in quote marks)."""
    d = description or {}
    return any(mark in str(d.get(key) or "") for key in ("problem", "since", "changed") for mark in QUOTE_MARKS)


def _customer_lines(description: Mapping[str, Any] | None, symptom: str | None, symptom_title: str | None) -> list[str]:
    lines = []
    if symptom_title or symptom:
        lines.append(_("Chose: {symptom}").format(symptom=_said(symptom_title or symptom)))
    d = description or {}
    for key, label in (("problem", N_("Problem: {text}")), ("since", N_("Since: {text}")), ("changed", N_("What changed: {text}"))):
        text = str(d.get(key) or "").strip()
        if text:
            lines.append(_(label).format(text=_said(text)))
    lines += customer_said(d, symptom)
    if not lines:
        lines.append(_("The customer wrote nothing."))
    return lines


def _in_symptom(check_id: str, spec: Mapping[str, Any] | None) -> bool:
    from selfcheck import symptoms

    return symptoms.matches(spec, check_id) if spec else True


def build(
    scan: Mapping[str, Any],
    facts: Mapping[str, Mapping[str, Any]] | None = None,
    *,
    description: Mapping[str, Any] | None = None,
    system: Mapping[str, Any] | None = None,
    history: Mapping[str, Any] | None = None,
    reference: str | None = None,
    registry: Any = None,
    symptoms: Mapping[str, Any] | None = None,
    repairs: Mapping[str, Any] | None = None,
    missing: Sequence[Any] | None = None,
    named_site: Mapping[str, Any] | None = None,
    provider: bool = False,
    recording: Mapping[str, Any] | None = None,
    team_contact: str = "",
    call_contact: Any = None,
) -> SupportCard:
    """The card for one scan. ``facts`` maps check ids to their raw facts; ``symptoms`` is the
    config's ``[symptoms]`` section (which checks a symptom concerns, its title); ``missing`` is the
    manifest's ``skipped`` list (a history that could not be read is a gap in the evidence: said); ``named_site``
    the bundle's try of the website the customer named (selfcheck.namedsite); ``provider``: the company is its customers'
    internet provider (``[support] internet_provider``): the card says to check the line and the box from its side;
    ``team_contact``: who support passes a card to when the fault may be in the company's network (``[support] network_team``);
    ``call_contact``: ``[branding] support_contact`` (a text or one per language), said where the reply says "call us"."""
    facts = dict(facts or {})
    # the disk's lines say which volume is nearly full by the check's rule, with the thresholds this scan used
    room = disk_thresholds(system)
    fact_lines = {**FACT_LINES, "hardware.disk": lambda disk: _disk_lines(disk, room)}
    own_dns = (facts.get("network.dns") or {}).get("resolvers")
    if "network.internet" in facts and isinstance(own_dns, list):  # the comparison server is said to be one of them when it is
        facts["network.internet"] = {**facts["network.internet"], OWN_RESOLVERS: [str(a) for a in own_dns]}
    gateway = (facts.get("network.gateway") or {}).get("gateway")
    if "network.dns" in facts and isinstance(gateway, str) and gateway:  # a DNS server that is the router: said so
        facts["network.dns"] = {**facts["network.dns"], GATEWAY_KEY: gateway}
    results = _results(scan)
    by_id = {str(r["id"]): r for r in results}
    https_evidence = (by_id.get("network.https") or {}).get("evidence")
    https_results = https_evidence.get("results") if isinstance(https_evidence, Mapping) else None
    if "network.https" in facts and isinstance(https_results, Mapping):  # the check's kind of each site (HTTPS_KINDS)
        kinds = {str(u): str(v.get("kind")) for u, v in https_results.items() if isinstance(v, Mapping) and isinstance(v.get("kind"), str)}
        facts["network.https"] = {**facts["network.https"], HTTPS_KINDS: kinds}
    diagnosis = scan.get("diagnosis") or {}
    symptom = (description or {}).get("symptom") or diagnosis.get("symptom") or scan.get("symptom")
    spec = (symptoms or {}).get(symptom) if symptom else None
    spec = spec if isinstance(spec, Mapping) else None
    symptom_title = None
    if spec and spec.get("title"):
        title = spec["title"]
        symptom_title = _pick(title) if isinstance(title, Mapping) else pick(str(title))  # a company's words, as i18n.pick sets them
    card = SupportCard(reference=reference)
    card.customer = _customer_lines(description, symptom, symptom_title)
    support_note = ""  # the support service failing because of the cause: said under the reply (SUPPORT_FOLLOWS_NOTE)
    short_proof = False  # the secure sites stopped at the box or the router behind it: "What proves it" in three short lines
    from selfcheck.history.record import worth_keeping

    if isinstance(recording, Mapping) and not worth_keeping(recording):
        recording = None  # a Start then Stop at once, in a bundle made before such recordings were kept out: nothing to say
    card.recording = recording_lines(recording)
    card.tried = tried_lines(repairs)

    graph = _graph(results, registry)
    roots = [c for c in diagnosis.get("root_causes") or [] if c in by_id and by_id[c].get("status") in _PROBLEM]
    related_roots = [c for c in roots if _in_symptom(c, spec)] if spec else roots
    cause_id = (related_roots or roots or [None])[0]
    consequences = diagnosis.get("consequences") or {}

    if cause_id is not None:
        r = by_id[cause_id]
        card.cause_id = cause_id
        card.cause = f"{_title(r)} — {_summary(r)}".strip(" —")
        lines_of = fact_lines.get(cause_id)
        card.proof = lines_of(facts.get(cause_id) or {}) if lines_of else []
        if not card.proof:
            card.proof = _generic_lines(r.get("evidence") or {}, cause_id)
        if cause_id == "network.clock":
            card.proof += cert_clock_lines(facts.get("network.https") or {}, scan.get("started_at"), clock_offset(facts))
        ancestors = _ancestors(cause_id, graph)
        passed = [a for a in ancestors if by_id.get(a, {}).get("status") in ("pass", "info")]
        folds: list[tuple[str, int, Mapping[str, Any], list[str]]] = []
        for a in passed:
            if a == "network.gateway":  # the box may still be where it fails (its DNS, its line, a filter): only "off" is ruled out
                card.ruled_out.append(_(GATEWAY_RULED_OUT))
            else:
                card.ruled_out.append(_ruled_out_line(by_id[a]))
            extra = fact_lines.get(a)
            if extra:
                shown = facts.get(a) or {}
                if a == "network.dns":  # where the DNS servers come from matters when DNS is the cause, not when it works
                    shown = {k: v for k, v in shown.items() if k != "source"}
                cleared = extra(shown)
                if a == "network.internet" and cause_id == "network.dns":  # the comparison server's answer proves the cause
                    addresses = _address_lines(shown)
                    card.proof += [line for line in cleared if line not in addresses]
                    cleared = addresses
                # agent round 20: facts that only clear a suspect sit under its "Ruled out" line, said once, not in the proof
                if a in ("network.gateway", "network.internet", "network.dns", "network.clock") and by_id[a].get("status") == "pass":
                    folds.append((a, len(card.ruled_out) - 1, shown, cleared))  # one line each, once the lines are settled
                card.ruled_out += [SUB_ITEM + line for line in cleared]
        for r2 in results if cause_id not in RULED_OUT_OWN_ONLY else ():  # the rest of the complaint's scope that works (ruled out too)
            other = str(r2["id"])
            same_scope = _in_symptom(other, spec) if spec else other.split(".", 1)[0] == cause_id.split(".", 1)[0]
            if other in RULED_OUT_NOISE.get(cause_id, ()):
                continue
            if other != cause_id and other not in passed and same_scope and r2.get("status") in ("pass", "info"):
                card.ruled_out.append(_ruled_out_line(r2))
        untested_below = [a for a in ancestors if a in by_id and by_id[a].get("status") in ("skip", "error")]
        if r.get("status") == "fail" and not untested_below:
            card.confidence = "high"
        elif r.get("status") in _PROBLEM:
            card.confidence = "medium"
        # the usual next question for the internet: is the line beyond the router alive?
        internet = by_id.get("network.internet")
        if cause_id.startswith("network.") and cause_id not in ("network.link", "network.gateway", "network.internet"):
            said = {line.strip() for line in card.ruled_out} | set(card.proof)
            if internet is not None and internet.get("status") in ("pass", "info"):
                works = INTERNET_LINE_WORKS if _dns_is_the_box(facts) else INTERNET_LINE_WORKS_OTHER_DNS
                if cause_id == "network.dns":
                    card.proof.insert(0, _(works))
                elif _(INTERNET_RULED_OUT) not in card.ruled_out:  # agent round 20: else "Ruled out" says it, with its figures
                    card.proof.insert(0, _(INTERNET_LINE_ANSWERS))
            elif internet is not None and internet.get("status") == "fail":
                card.proof.insert(0, _(INTERNET_LINE_DOWN))
            card.proof += [line for line in _internet_lines(facts.get("network.internet") or {}) if line not in said]
            if cause_id == "network.dns" and r.get("status") == "fail":
                card.proof.insert(1, _(DNS_EVERY_PROGRAM))
        elif cause_id == "network.internet" and by_id.get("network.gateway", {}).get("status") in ("pass", "info"):
            if card.confidence == "high":  # settled, then not settled, in the cause (agent rounds 28 and 29)
                # agent round 33: not away from home, the reply is the line-down draft: the line says it covers each case
                covered = not _away(customer_where(description))
                _settled_cause(card, _(INTERNET_LINE_DOWN_BOX_ALIVE), _(INTERNET_LINE_DOWN_OPEN_PART), covered)
                if covered:  # agent round 102: one short line per case, what settles it after
                    card.cause_note = _(LINE_DOWN_OPEN_HEAD)
                    card.cause_cases = [SUB_ITEM + _(line) for line in LINE_DOWN_CASES]
            else:
                card.proof[:0] = [_(INTERNET_LINE_DOWN_BOX_ALIVE), _(INTERNET_LINE_DOWN_OPEN)]
        question = NEXT_QUESTION.get(cause_id) or NEXT_QUESTION_BY_CATEGORY.get(cause_id.split(".", 1)[0])
        card.next_question = _(question) if question else _(NEXT_QUESTION_BY_CATEGORY["os"])
        if cause_id == "network.dns" and _dns_is_the_box(facts):
            card.next_question = _(DNS_BOX_QUESTION)
            if provider:  # its last step, "the customer calls the provider", is for us
                card.next_question = "\n".join([*card.next_question.splitlines()[:-1], _(DNS_BOX_STEP_OURS)])
        if cause_id == "network.dns" and (r.get("evidence") or {}).get("dns_setting") == "hand":
            from selfcheck.netparse import is_ip

            # a bundle is hostile input: only addresses, and a few (a string would be joined letter by letter, a number raise)
            typed = (r.get("evidence") or {}).get("dns_by_hand")
            typed = [t for t in typed if isinstance(t, str) and is_ip(t)][:4] if isinstance(typed, list | tuple) else []
            card.next_question = _(DNS_HAND_QUESTION).format(servers=", ".join(typed))
        if cause_id == "network.internet" and provider:  # its last line asked about "their provider": our own look-up is under the reply
            card.next_question = "\n".join(card.next_question.splitlines()[:-1])
        if cause_id == "hardware.disk":
            card.next_question = full_volume_question(facts.get("hardware.disk") or {}) or card.next_question
            if _full(_home_volume(facts.get("hardware.disk") or {}) or {}):
                card.next_question = f"{_(KEEP_OPEN)}\n{card.next_question}"
            little = little_room_line(facts.get("hardware.disk") or {})
            if little:  # agent round 10: does emptying the trash do for now? in place of the trash's own line (agent round 22)
                trash_line = _(TRASH_HOLDS).split("{", 1)[0]
                at = next((i for i, line in enumerate(card.proof) if line.startswith(trash_line)), len(card.proof))
                card.proof[at : at + 1 if at < len(card.proof) else at] = [little]
            separate = separate_home_line(facts.get("hardware.disk") or {})
            if separate:  # in place of the system part's own line: its room, and that the customer's files cannot use it
                system_part, home_part = (_(DISK_PARTS[role]).split("{", 1)[0] for role in ("system", "home"))
                card.proof = [line for line in card.proof if not line.startswith(system_part)]
                at = next((i + 1 for i, line in enumerate(card.proof) if line.startswith(home_part)), 0)
                card.proof.insert(at, separate)
        if cause_id == "network.captive_portal" and _wired_only(facts.get("network.link") or {}):
            card.proof.append(_(PORTAL_BY_CABLE))
        if cause_id == "network.captive_portal":
            card.proof.append(_(PORTAL_BUTTON).format(button=_("Open the page")))
            card.proof.append(_(PORTAL_HOME_STEP))
        if cause_id == "network.clock" and r.get("status") in _PROBLEM:
            prompt = _admin_prompt(scan)
            card.proof.append(_(CLOCK_BUTTON_PROMPT_LINE[prompt] if prompt else CLOCK_BUTTON_LINE))
        if cause_id == "network.https":
            where, question = https_block_lines(facts, description)
            if where:  # its "Tried: …" line says what each site did: not twice
                per_site = _https_lines(facts.get("network.https") or {})
                card.proof = [line for line in card.proof if line not in per_site]
            every_site = bool(where) and every_secure_site_stopped(facts, named_site)
            # issue 21: what this computer's own firewall does to outgoing secure connections (security.firewall's facts)
            own_stop = bool(where) and own_firewall_stops(facts, named_site)
            settled_here = own_settled(facts, named_site)
            # agent round 32 ("the card is longer"): no web relay, said once: by the proxy check's line under "Ruled out"
            relay_said = "network.proxy" in by_id and _ruled_out_line(by_id["network.proxy"]) in card.ruled_out
            card.proof[:0] = _all_stopped_lines(facts, description, named_site, relay_said) if every_site else where
            if every_site and not own_stop:  # agent round 38: what was seen first, then "Not this computer" (as when only some sites are stopped)
                card.proof += _not_this_computer(_cleared_lines(facts, relay_said=relay_said, own_site=named_site), settled_here)
            if isinstance(named_site, Mapping) and named_site.get("status") == "cert_error":  # theirs answered with a refused certificate
                card.proof = [line for line in card.proof if line != _(HTTPS_NO_INSPECTION)]
            place = customer_where(description)
            at_home = place == "home"
            if question and at_home and every_site:  # agent round 14: one clear next step
                # issue 21: this computer settled (own_clear, or the box settled by the hops): the phone's answer no longer
                # tells anything the restart's does not
                phone_answer = () if settled_here or hops_where(facts, named_site) else (HTTPS_PHONE_ANSWER_HOME_ALL,)
                if hops_where(facts, named_site) == "box":  # the reply asks both: what each answer tells, not asked again
                    tells = (
                        (HTTPS_TELLS_OURS_BOX, HTTPS_TELLS_OURS_ROUTER)
                        if provider
                        else (HTTPS_RESTART_ANSWER_HOME_ALL, HTTPS_SETTING_TELLS, HTTPS_NEITHER_TELLS)
                    )
                    card.answers = [_(line) for line in tells]
                    card.next_question = ""
                else:
                    answers = (HTTPS_RESTART_ANSWER_HOME_ALL, *phone_answer, HTTPS_SETTING_ANSWER)
                    card.next_question = "\n".join(_(line) for line in answers)
            elif question and at_home:  # one branch: their own box, no company or hotel network
                named_sites, phone = _sites_and_phone(facts, description)
                card.next_question = f"{_(HTTPS_ASK_RESTART_HOME)}\n{_(HTTPS_QUESTION_HOME).format(sites=named_sites, phone=phone)}"
            elif question:
                card.next_question = f"{_(HTTPS_ASK_RESTART)}\n{question}"
            if question:
                card.cause = https_cause(facts, place, named_site) or card.cause
            site_line, site_blocked = named_site_line(named_site)
            if every_site:  # their site and the names not tried: in the lines above; none of theirs tried: not high
                if not site_blocked and _named_not_tried(description, facts.get("network.https") or {}) and card.confidence == "high":
                    card.confidence = "medium"
                if at_home and card.confidence == "high":  # settled, then not settled, as line-down's (agent round 37)
                    settled = HTTPS_SETTLED_HOME_ALL if _https_unanswered(facts, named_site) else HTTPS_SETTLED_HOME_ALL_CUT
                    if settled_here:  # issue 21: its own firewall read, stopping none: no "most likely"
                        settled = HTTPS_SETTLED_HOME_ALL_OWN if settled == HTTPS_SETTLED_HOME_ALL else HTTPS_SETTLED_HOME_ALL_CUT_OWN
                    _settled_cause(card, _(settled), _(HTTPS_OPEN_PART_HOME_ALL), covered=True)
                    short_proof = _hops_settled(card, facts, named_site, ours=provider, description=description)
            elif where and site_line:  # agent round 8: the customer's own site, tried: the confidence follows it
                sites = _https_site_lines((facts.get("network.https") or {}).get("results") or {})
                card.proof.insert(1 + len(sites), site_line)  # right after what the configured sites did
                also = _named_also(description, named_site, facts.get("network.https") or {}) if site_blocked else []
                if also:  # agent round 12: "Gmail (in the customer's words) is not in the sites tested"
                    card.proof.insert(2 + len(sites), _(HTTPS_NAMED_ALSO).format(named=_quoted(also)))
                if not site_blocked and card.confidence == "high":
                    card.confidence = "medium"
            elif where and _named_not_tried(description, facts.get("network.https") or {}) and card.confidence == "high":
                card.confidence = "medium"
                card.proof.insert(
                    len(where), _(HTTPS_NAMED_NOT_TRIED).format(named=_quoted(_named_sites(description)))
                )  # where "some sites open" was: after what was tried
            if where and _https_block(facts, None)[2]:  # plain http answers, secure does not: what the customer's screen means
                # agent round 20: "Where the block is" said the first line again (the port-80 figure stays under Ruled out)
                card.proof = [line for line in card.proof if not line.startswith(_(HTTPS_BLOCK_NETWORK).split("{", 1)[0])]
                if not every_site:  # agent round 23: "the customer's screen says" repeated the cause: every site stopped says it
                    card.proof.insert(0, _customer_sees(facts, named_site))
                    # agent round 13: read twice to be sure the computer was cleared; rounds 27 and 28: "how far “not this
                    # computer” holds": each fact under it, for what it proves (as when every site is stopped), said once;
                    # agent round 38: "I had to read the 'What proves it' section twice to be comfortable with 'most likely
                    # not this computer'": after all that was seen (the sites and their answers, the plain http that answered)
                    cleared = _cleared_lines(facts, named_site, relay_said)
                    if _(HTTPS_CLEARED_NO_CERTIFICATE) in cleared:
                        card.proof = [line for line in card.proof if line != _(HTTPS_NO_INSPECTION)]
                    if not own_stop:
                        card.proof += _not_this_computer(cleared, settled_here)
                if "network.internet" in by_id:  # agent round 14: its "OK" beside "websites do not open": what was OK, what not
                    beyond = _ruled_out_line(by_id["network.internet"])
                    partly = _(HTTPS_INTERNET_PARTLY)
                    card.ruled_out = [partly if line == beyond else line for line in card.ruled_out]
                    if by_id["network.internet"].get("status") == "pass":
                        card.marks["network.internet"] = _(HTTPS_INTERNET_ROW)
                        card.partly.append("network.internet")
            if own_stop:  # issue 21: this computer's own firewall stops them: settled and named; no box restart, no phone test
                card.proof = [line for line in card.proof if not line.startswith(_(HTTPS_BLOCK_NETWORK).split("{", 1)[0])]
                card.proof += _own_lines(facts, named_site)
                card.cause = _(HTTPS_OWN_CAUSE)
                card.cause_note = ""
                card.next_question = _(HTTPS_OWN_ASK)
            if own_refusal(facts, named_site):  # issue 21: the system refused every one itself ("access forbidden"): settled
                refused = (facts.get("network.https") or {}).get("results")
                refused = refused if isinstance(refused, Mapping) else {}
                card.proof = [_https_tried_line(refused), *_https_site_lines(refused)]
                site_line, _blocked = named_site_line(named_site)
                if site_line:
                    card.proof.append(site_line)
                if own_blocks(_own(facts), _forbidden_addresses(facts, named_site)):  # the rule, when its own firewall names one
                    card.proof += _own_lines(facts, named_site)
                card.cause = _(HTTPS_FORBIDDEN_CAUSE)
                card.cause_note = ""
                card.next_question = _(HTTPS_OWN_ASK)
        if cause_id != "network.https" and cause_id.startswith("network."):
            site_line, _blocked = named_site_line(named_site)
            if site_line:
                card.proof.append(site_line)
        for a, at, shown, cleared in reversed(folds):  # agent round 24: each item ruled out in one line, with its figure
            one = _one_ruled_out_line(a, card.ruled_out[at], _title(by_id[a]), shown, cleared)
            if one is not None:
                line, kept = one
                card.ruled_out[at : at + 1 + len(cleared)] = [line, *(SUB_ITEM + x for x in kept)]
        if short_proof:  # what could stop secure sites in one line, the rest in another (agent round 89)
            card.ruled_out = _none_stops(_not_alone(card.ruled_out, by_id), by_id, facts, named_site)
        card.aside = [
            str(r2["id"])
            for r2 in results
            if r2.get("status") == "info"
            and str(r2["id"]) != cause_id
            and str(r2["id"]) not in RELATED_NOTES.get(cause_id, ())
            and ((spec is not None and not _in_symptom(str(r2["id"]), spec)) or str(r2["id"]) in RULED_OUT_NOISE.get(cause_id, ()))
        ]
        # their row in show's list: the summary's first sentence, without its own advice (the cause's steps are the ones)
        for c in consequences.get(cause_id) or []:
            if c in by_id and by_id[c].get("status") in _PROBLEM:
                first = first_sentence(_summary(by_id[c]))
                if first != _summary(by_id[c]):
                    card.marks[str(c)] = first
        card.screen_note = contact_note(scan)
        # failing because of it: only those that failed (the ones it stopped from running are under "Not tested"); the
        # support service said under the reply instead (agent round 74: SUPPORT_FOLLOWS_NOTE)
        failed = [c for c in consequences.get(cause_id) or [] if c in by_id and by_id[c].get("status") in _PROBLEM]
        card.follows = [_title(by_id[c]) for c in failed if c != "network.support"]
        if "network.support" in failed and short_proof:  # in the sites' line where it names it, else right after the three lines
            if not _support_among_sites(card, facts, description, named_site):
                card.proof.insert(3, _(SUPPORT_FAILED_SAME).format(title=_title(by_id["network.support"])))
        elif "network.support" in failed and cause_id == "network.https" and card.proof:  # agent round 82: after the sites tried
            at = 1
            while at < len(card.proof) and is_sub_item(card.proof[at]):
                at += 1
            card.proof.insert(at, _(SUPPORT_FAILED_SAME).format(title=_title(by_id["network.support"])))
        elif "network.support" in failed:
            support_note = _(SUPPORT_FOLLOWS_NOTE).format(title=_title(by_id["network.support"]))
    else:
        card.next_question = _(NOTHING_FOUND_QUESTION)
        site_line, _blocked = named_site_line(named_site)
        card.proof = [site_line] if site_line else []
        card.ruled_out = [_ruled_out_line(r) for r in results if r.get("status") in ("pass", "info")][:12]

    # not tested, and why
    cause_category = cause_id.split(".", 1)[0] if cause_id else None
    stopped_by: dict[str, list[str]] = {}  # checks not run because one failure stopped them: one line per failure
    causes = {cid: r.get("consequence_of") for cid, r in by_id.items()}  # each named by its chain's root (the line, not the names)
    for r in results:
        status = r.get("status")
        if status == "skip":
            reason = _skip_reason(r, facts)
            follows = r.get("consequence_of") or []
            concerned = _in_symptom(str(r["id"]), spec) if spec else str(r["id"]).startswith(f"{cause_category}.")
            if not follows and not concerned:
                continue  # does not apply here (no battery, another system's check): not a gap in the evidence
            failed_below = [a for a in _ancestors(str(r["id"]), graph) if by_id.get(a, {}).get("status") in _PROBLEM]
            if follows:
                stopped_by.setdefault(_title(by_id.get(root_of(follows[0], causes), {"id": follows[0]})), []).append(_title(r))
                continue
            unfound = _names_not_found(facts.get(str(r["id"])) or {}) if str(r["id"]) == "network.clock" else []
            if failed_below and unfound:  # agent round 13: "probably because" while the facts say it: the name was not found
                reason = _(CLOCK_NAME_NOT_FOUND).format(
                    reason=reason.rstrip("."), server=", ".join(unfound[:2]), cause=_title(by_id[root_of(failed_below[0], causes)])
                )
            elif failed_below:
                reason = _("{reason} (probably because “{cause}” failed)").format(
                    reason=reason.rstrip("."), cause=_title(by_id[root_of(failed_below[0], causes)])
                )
            card.not_tested.append(_("{title}: {summary}").format(title=_title(r), summary=reason))
        elif status == "error":
            card.not_tested.append(_("{title}: could not run ({reason})").format(title=_title(r), reason=r.get("summary", "")))
    for cause, titles in stopped_by.items():
        card.not_tested.insert(
            0, _("{title}: {summary}").format(title=_(", ").join(titles), summary=_("not tested because “{cause}” failed").format(cause=cause))
        )
    io_full = False  # selfcheck's own history could not be written on the full drive ("disk I/O error")
    for item in missing or []:
        if isinstance(item, Mapping) and item.get("part") == "selfcheck.history" and isinstance(item.get("error"), str):
            holder = _home_volume(facts.get("hardware.disk") or {})
            # SQLite says 'disk I/O error' when it cannot write on a full disk: "because the drive is full" only for an error a
            # full drive gives, as the "Left out" list says it (a locked or damaged history on a full drive keeps its own words)
            if holder is not None and left_out_full(item, facts.get("hardware.disk")):
                card.not_tested.append(_(HISTORY_NOT_WRITTEN_FULL).format(mount=holder.get("mountpoint") or "?"))
                io_full = io_full or "I/O" in item["error"]
            else:
                card.not_tested.append(_(HISTORY_MISSING).format(error=item["error"][:160]))
    disk = facts.get("hardware.disk") or {}
    kernel, on_drive = kernel_error_lines(disk, io_full, by_id.get("hardware.disk", {}).get("started_at") or scan.get("started_at"))
    cleared = failing_disk_lines(disk) if card.cause_id == "hardware.disk" or io_full else []
    if cleared:  # agent round 23: "is the disk failing?" settled in one place, first under "Ruled out"
        card.ruled_out[0:0] = cleared
    elif card.cause_id == "hardware.disk" or (io_full and not on_drive):  # the disk's health first, in one line (agent round 22)
        at = len(card.proof) if on_drive else 0  # errors on the full drive itself: with its figures, no "no sign"
        card.proof[at:at] = kernel
    # the test write stands in for the disk's own health report only where it worked (not where it failed for want of room)
    smart = smart_not_read_line(disk, stood_in=bool(cleared) and _write_worked(disk)) if card.cause_id == "hardware.disk" else ""
    if smart:  # agent round 22: was the disk's own health checked? Said once, where the gaps are
        card.not_tested.append(smart)
    # agent round 93 (full drive: "Memory for open programs: not part of this scan"): a check of the complaint's that was not part
    # of the scan could be its cause only where none is settled: said then, not beside a cause found with high confidence
    if spec and card.confidence != "high":
        wanted = [str(c) for c in spec.get("checks", []) if "*" not in str(c)]
        for cid in wanted:
            if cid not in by_id:
                cls = _builtin(cid)
                name = _(str(cls.title)) if cls is not None and getattr(cls, "title", None) else cid
                card.not_tested.append(_("{id}: not part of this scan (turned off, or not for this system).").format(id=name))
    place = customer_where(description)
    program = customer_program(description)
    unsaid = not _where_answered(description or {})
    card.reply = reply_draft(scan, card.cause_id, facts, place, named_site, provider, program, unsaid, call_contact)
    own_stop = card.cause_id == "network.https" and own_setting(facts, named_site)
    order_by_phone = ""  # the order's first step where the customer is best phoned (REACH_BY_PHONE_DATA)
    # agent round 56 (secure sites, 4-5 minutes: "most of the time went on two decisions": send now or check that router
    # first, and how to reach the customer): what the agent decides goes before the reply ("Before you reply", with the way
    # to reach them); what only explains the draft stays under it ("About this reply")
    if own_stop:  # issue 21: this computer's own firewall stops them: settled, nothing of the box to weigh
        card.decide.append(_(REPLY_NOTE_HTTPS_OWN))
    elif card.cause_id == "network.https" and place == "home" and hops_where(facts, named_site) == "beyond":  # issue 21
        card.decide += [_(REPLY_NOTE_HTTPS_BEYOND), _(REPLY_NOTE_HTTPS_BEYOND_OURS if provider else REPLY_NOTE_HTTPS_BEYOND_LINE)]
    elif card.cause_id == "network.https" and place == "home" and every_secure_site_stopped(facts, named_site):
        line_note = _(REPLY_NOTE_HTTPS_LINE_OURS if provider else REPLY_NOTE_HTTPS_LINE)
        if hops_where(facts, named_site) == "box":  # issue 21: the box, or the provider's router behind it, settled by the hops
            # agent rounds 74-82: the order of work, once, then why (in place of "Before you reply" and a note for later)
            router = (hops_settle(facts.get("network.https"), _gateway_of(facts)) or {}).get("router") or "?"
            if provider:  # agent rounds 92-96: that router is ours: passed on first, to whom the company says, then the reply
                team = network_team(team_contact) or _(YOUR_NETWORK_TEAM)
                card.order = [_(ORDER_HTTPS_BOX_OURS_NOW).format(team=team), _(ORDER_HTTPS_BOX_OURS_SEND)]
                card.reach_at = 1  # the reply is the second action: how to reach the customer goes with it
                order_by_phone = _(ORDER_HTTPS_BOX_OURS_PHONE)
            else:
                card.order = [_(ORDER_HTTPS_BOX_SEND), _(ORDER_HTTPS_BOX_PROVIDER), _(ORDER_HTTPS_BOX_WHY).format(router=router)]
                order_by_phone = _(ORDER_HTTPS_BOX_PHONE)
        elif own_settled(facts, named_site):  # issue 21: this computer settled: the reply is right for the box or the line
            card.decide += [_(REPLY_NOTE_HTTPS_SETTLED), line_note]
        else:
            card.decide += [_(REPLY_NOTE_HTTPS), line_note]
            card.reply_note.append(_(REPLY_NOTE_HTTPS_NOT_SAID))
    line_down = card.cause_id == "network.internet" and by_id.get("network.gateway", {}).get("status") in ("pass", "info")
    if line_down and not _away(place):  # the "Not settled" line (the cause's note, or the proof's) says the rest
        card.decide.append(_(REPLY_NOTE_LINE_DOWN_OURS if provider else REPLY_NOTE_LINE_DOWN))
    # the restart is safe (a home phone or TV through the box stops only for those few minutes): the draft's own wait says it
    # (REPLY_WAIT_FOR_THE_BOX), so no note says it again (agent round 56: the card shorter to read before replying)
    # agent round 93 (3-4 minutes where two are asked: "agents read the whole card and verify every claim it makes"): a note
    # that only says the reply matches the customer's screen (its steps, the buttons it names) sent both agents to check it
    # below the card: not said; the draft still answers a customer who already did the screen's steps
    if screen_steps_note(scan, card.reply):
        card.reply = _already_done(card.reply, str(scan.get("language") or "") or "en")
    if support_note:  # agent round 74: last, once the cause and the reply are settled (no reply: under "Context")
        (card.reply_note if card.reply else card.context).append(support_note)
    cause_status = by_id[card.cause_id].get("status") if card.cause_id in by_id else None
    card.reach = _(REACH_BY_PHONE) if web_pages_down(card.cause_id, cause_status, facts, named_site) or _clock_breaks_web(card.cause_id, facts, scan) else ""
    if card.reach and line_down and not _away(place):  # nothing beyond their own box answers: a home phone through it neither
        card.reach = _(REACH_BY_MOBILE)
    elif card.reach and card.cause_id in _SHARED_NETWORK_CAUSES and not own_stop:  # a phone on the same Wi-Fi meets the same fault
        card.reach = _(REACH_BY_PHONE_DATA)
    if card.order and order_by_phone and card.reach == _(REACH_BY_PHONE_DATA):  # agent round 89: decided, in the reply's step
        card.order[card.reach_at], card.reach = order_by_phone, ""
    if card.cause_id == "hardware.disk" and _full(_home_volume(facts.get("hardware.disk") or {}) or {}) and not quotes_a_message(description):
        card.customer.append(_(NO_PROGRAM_MESSAGE))  # the program that cannot save: what it said, if known
    with language(str(scan.get("language") or "") or "en"):  # the reply is in the customer's language, the card in the agent's
        keep_open_said = _keep_open(program)
    if any(said in card.reply for said in keep_open_said):  # agent round 18: "keep the program open", said once
        card.next_question = "\n".join(line for line in card.next_question.splitlines() if line != _(KEEP_OPEN))
    if card.cause_id == "hardware.disk":  # agent round 93: whether saving works once the trash is emptied, the reply asks already
        with language(str(scan.get("language") or "") or "en"):
            save_asked = _(REPLY_QUESTIONS["hardware.disk"][0])
        asked_twice = full_volume_question(facts.get("hardware.disk") or {})
        if asked_twice and save_asked in card.reply:
            asked_once = full_volume_question(facts.get("hardware.disk") or {}, ask_trash=False)
            card.next_question = "\n".join(asked_once if line == asked_twice else line for line in card.next_question.splitlines())
    if _away(place) and _box_cause(card.cause_id, facts):  # one branch: whoever runs that network, no box restart
        if card.cause_id == "network.https":
            named_sites, phone = _sites_and_phone(facts, description)
            question = _(AWAY_QUESTION_HTTPS).format(sites=named_sites, phone=phone)
        else:
            question = _(AWAY_QUESTION)
        card.next_question = f"{_(AWAY_NO_BOX).format(where=_(WHERE_AWAY[str(place)]))}\n{question}"
    elif place == "home" and card.cause_id == "network.captive_portal":
        card.proof = [line for line in card.proof if line != _(PORTAL_HOME_STEP)] + [_(PORTAL_AT_HOME)]
    elif _away(place) and card.cause_id == "network.captive_portal":
        card.proof = [_(PORTAL_AWAY_STEP).format(where=_(WHERE_AWAY[str(place)])) if line == _(PORTAL_HOME_STEP) else line for line in card.proof]
    network_cause = cause_id is not None and cause_id.startswith("network.")
    if (network_cause or (spec and "network" in (spec.get("categories") or []))) and "network.internet" not in by_id:
        card.not_tested.append(_("Whether the internet works beyond the router without names: that test is turned off in this configuration."))

    # what else was found, apart
    for cid in roots:
        if cid == cause_id:
            continue
        r = by_id[cid]
        if spec and not _in_symptom(cid, spec):
            card.unrelated.append(_("{title}: {summary}").format(title=_title(r), summary=r.get("summary", "")))
        else:
            card.unrelated.append(_("{title}: {summary} (another problem, not the cause named above)").format(title=_title(r), summary=r.get("summary", "")))

    # what changed (from the history kept on the computer)
    for item in (history or {}).get("what_changed") or []:
        if isinstance(item, Mapping) and item.get("text"):
            card.changed.append(_one_line(str(item["text"])))

    # a wrong clock makes every time in the bundle wrong too: say so once
    clock = facts.get("network.clock") or {}
    offset = clock_offset(facts)
    if offset is not None:
        if whole_hours(offset):
            card.proof.append(_("The clock is off by a whole number of hours: often a wrong time zone rather than a drifting clock."))
            zone = _zone(clock)
            right_at = _right_at(clock, offset) if zone else ""
            if right_at:
                card.proof.append(_(CLOCK_RIGHT_AT).format(offset=right_at))
            if card.cause_id == "network.clock" and zone:
                card.next_question = _(CLOCK_ZONE_KNOWN_QUESTION).format(zone=zone, switch=_clock_switch(clock))
            elif card.cause_id == "network.clock":
                card.next_question = _(CLOCK_ZONE_QUESTION).format(switch=_clock_switch(clock))
        if abs(offset) >= 120:
            card.context.append(
                _("This computer's clock was {amount} {direction}: the times in this bundle are by that clock.").format(
                    amount=_duration(round(abs(offset) / 60) * 60), direction=_("behind") if offset > 0 else _("ahead")
                )
            )

    # where the computer runs: in full only where it bears on the cause (a virtual machine's clock), else one short line at the end
    situation = (system or {}).get("situation") or {}
    flags: list[tuple[str, str]] = []
    for name in CONTEXT_WORDS:
        flag = situation.get(name) if isinstance(situation, Mapping) else None
        if isinstance(flag, Mapping) and flag.get("value"):
            kind = str(flag.get("kind") or "")
            flags.append((name, kind if kind and kind not in ("unknown", "?") else ""))
    hosted = any(name in ("virtual_machine", "container") for name, _kind in flags)
    matters = cause_id in CONTEXT_MATTERS and not (cause_id == "network.dns" and not _dns_is_the_box(facts))  # another server: no router
    if flags and (cause_id is None or (hosted and matters)):  # no cause to weigh them against, or they bear on it
        for name, kind in flags:
            card.context.append(_(CONTEXT_WORDS[name]).format(kind=kind or _("which kind is not known")))
        if cause_id is not None:
            gateway = str((facts.get("network.gateway") or {}).get("gateway") or "?")
            card.context.append(_(CONTEXT_MATTERS[cause_id]).format(gateway=inert(gateway)))
            if cause_id in ("network.internet", "network.gateway"):  # the question that settles it, where the agent looks for questions
                card.next_question = f"{card.next_question} {_(HOST_QUESTION)}".strip()
    elif flags:
        names = _(" and ").join(_(CONTEXT_SHORT[name]) for name, _kind in flags)
        card.context.append(_(CONTEXT_NOTHING).format(flags=names[:1].upper() + names[1:]))
    if cause_id is None:  # the scan at rest found nothing: what the customer's recording saw, if it saw the problem
        recorded_cause(card, recording, scan, facts, provider, call_contact)
        if recording is None and _screen_recorded(scan) and left_out_by_customer(missing, RECORDING_PART):
            recording_left_out(card, scan)
    return card


RECORDING_PART = "recording/recording.json"
#: 7d34d507's report: the customer left the recording out in the send review; results.json still carries the screen made from
#: it (the cuts, their steps), and the card said "No cause found" and "The check found nothing wrong on your computer": the
#: screen is what they saw; the card says why nothing here proves it, and the reply asks for the recording
REC_LEFT_OUT = N_(
    "The customer left their recording out of this bundle. Their screen below was made from it, so nothing here proves what it "
    "says; the checks ran when the problem did not show."
)
REC_SCREEN_LEFT_OUT = N_("For support: this screen was made from the customer's recording, which they left out of this bundle.")
REC_REPLY_LEFT_OUT = N_(
    "What this program noted while it watched was not sent with your message, so we cannot see what it found. If you agree, please "
    "click “Contact support” again and leave “What this program noted while it watched” ticked."
)


#: the customer's screen said cuts (verdict.recorded) and they left the recording out: the network checks passed between the
#: cuts they saw, so "Ruled out" does not list them (the card listed "Network connection: connected by cable", "The internet
#: beyond your internet box: it answers" as if they ruled the cuts out); said once, under the cause, where the recording's
#: card says it (REC_AT_REST), and the results' heading says they were made between the cuts
REC_LEFT_OUT_CUTS = N_("The customer left their recording out of this bundle. Their screen below was made from it, so nothing here proves what it says.")
REC_LEFT_OUT_AT_REST = N_("All {count} network checks passed. They ran between the cuts the customer saw, so they do not rule them out.")
REC_LEFT_OUT_AT_REST_ONE = N_("The network check passed. It ran between the cuts the customer saw, so it does not rule them out.")


def left_out_by_customer(missing: Sequence[Any] | None, path: str) -> bool:
    """Whether the manifest's ``skipped`` list (hostile) says the customer left ``path`` out in the send review (``"by":
    "user"``, bundle.make.BundlePlan.exclude; a bundle made before said it only in words, and says nothing here)."""
    return any(isinstance(item, Mapping) and item.get("path") == path and item.get("by") == "user" for item in missing or [])


def recording_left_out(card: SupportCard, scan: Mapping[str, Any]) -> None:
    """The card of a bundle whose customer's screen says what their recording found (verdict.recorded) while they left the
    recording out: said under the cause and under their screen; the reply asks for it, in place of "nothing wrong"."""
    from selfcheck.verdict import WATCH_PRIVACY

    card.cause_note = _(REC_LEFT_OUT)
    card.screen_note = _(REC_SCREEN_LEFT_OUT)
    diagnosis = scan.get("diagnosis")
    told = diagnosis.get("verdict") if isinstance(diagnosis, Mapping) else None
    at_rest = _network_passed(scan) if isinstance(told, Mapping) and told.get("recorded") == "cuts" else []
    if at_rest:  # they ran between the cuts the customer's screen speaks of: they rule nothing out
        _not_ruled_out(card, at_rest)
        card.cause_note = _(REC_LEFT_OUT_CUTS)
        card.at_rest = _(REC_LEFT_OUT_AT_REST_ONE) if len(at_rest) == 1 else _(REC_LEFT_OUT_AT_REST).format(count=len(at_rest))
    with language(str(scan.get("language") or "") or "en"):
        card.reply = "\n".join([_(REPLY_HELLO), _(REC_REPLY_LEFT_OUT), _(WATCH_PRIVACY)])
    card.reply_note = []
    card.next_question = ""  # the reply asks for the recording


#: the customer's recording (selfcheck.history.record): s32 lab, the line to the support server cut 5 s every 20 s, the mark
#: pressed during a cut; the card said nothing of the recording ("No cause found", "ask what exactly happens")
RECORDED_STOPPED = {
    "time limit": N_("The recording stopped at its time limit."),
    "error": N_("The recording stopped by itself: a measurement failed."),
}
#: agent round 84: "the recording was 62 seconds, but the customer's screen says watching lasts 5 minutes. I took it that the
#: customer stopped the first recording early": said, from the recording (stopped_because, and its limit where it has one)
RECORDED_STOPPED_BY_CUSTOMER = N_("The customer stopped it themselves, before its {limit} limit.")
RECORDED_STOPPED_BY_CUSTOMER_NO_LIMIT = N_("The customer stopped it themselves.")
#: agent rounds 97-100 (cuts-sometimes, 3 minutes each, the card's length named): what they used of the first line is how long
#: the recording was (and round 84's question, why not 5 minutes); how many measurements it holds none quoted: in the recording
RECORDED_SHORT = N_("The customer recorded {seconds} s while making the problem happen.")
RECORDED_SHORT_STOPPED = N_("The customer recorded {seconds} s while making the problem happen, and stopped it before its {limit} limit.")
SUPPORT_ALWAYS_ANSWERED = N_("The support server ({server}) answered every time it was tried ({count} tries): no cut seen.")
#: agent rounds 61-63 (cuts-sometimes, 3 minutes against 2): "I wanted to see the cuts myself" (recording.json opened: "the link
#: shows down at 16–19 s, 36–39 s and 55–59 s, and the mark is at 37.5 s"): the cuts' times were one long sentence; now the line
#: ends on the count and each cut follows as a row of its own (CUT_ROW), with what went down in it and the mark
SUPPORT_STOPPED = N_("The support server ({server}) stopped answering {count} times:")
SUPPORT_STOPPED_ONCE = N_("The support server ({server}) stopped answering once:")
SUPPORT_STOPPED_EVERY = N_("The support server ({server}) stopped answering {count} times, about every {every} s:")
CUT_ROW = N_("{start}–{end} s: {what}")
CUT_ROW_TO_END = N_("{start} s to the end: {what}")
CUT_ROW_MARK = N_("{row}; the customer pressed “It happened now” at {t} s")
#: agent round 71 ("I also had to check that 'link down' really meant the computer-to-box link and not our line"): where the
#: recording says which link it read (a cable's or the Wi-Fi's), each cut names it. Agent round 88 (cuts-sometimes, 3-4 and 3
#: minutes: "4–5 s versus 5 s versus 6 s"): what went down in a cut, without seconds of its own (the cut's length says it)
CUT_LINK_WENT_DOWN = N_("the link went down")
CUT_LINK_STAYED_UP = N_("the link stayed up")
CUT_CABLE_WENT_DOWN = N_("the cable's link went down")
CUT_CABLE_STAYED_UP = N_("the cable's link stayed up")
CUT_WIFI_WENT_DOWN = N_("the Wi-Fi link went down")
CUT_WIFI_STAYED_UP = N_("the Wi-Fi link stayed up")
#: the box and the support server, named together where both went silent ("the box and the support server went silent"); the
#: support server with its address where no line above names it (the cuts said in one line)
CUT_BOX_AND_SUPPORT_SILENT = N_("the box and the support server went silent")
CUT_BOX_AND_SUPPORT_NAMED_SILENT = N_("the box and the support server ({server}) went silent")
CUT_BOX_KEPT_ANSWERING = N_("the box kept answering")
CUT_SUPPORT_SILENT = N_("the support server went silent")
CUT_SUPPORT_NAMED_SILENT = N_("the support server ({server}) went silent")
#: _cut_parts' keys for the box and the support server in a cut (said by _cut_what)
BOX_SILENT, BOX_ANSWERING, SUPPORT_SILENT = "box silent", "box answering", "support silent"
#: the rows listed (the cuts the customer's marks fell in among them); after them, one line says how many more and when
CUT_ROWS_SHOWN = 8
#: agent rounds 82-85 (cuts-sometimes, 3-4 minutes: "the card's length and the cuts' timeline"): three rows word for word the
#: same: cuts where the same things went down, for as long give or take CUTS_ALIKE_SPREAD seconds, are said once, with when
#: each began (_cuts_alike). Agent round 88 ("I had to read them twice to be sure the drops really are the link and not the
#: line"): one length for them all, the cause's (their usual length, so the two agree), then what went down in each
CUTS_ALIKE = N_("{count} cuts of about {seconds} s, at {starts} s: in each, {what}")
CUTS_ALIKE_EVERY = N_("{count} cuts of about {seconds} s, at {starts} s (about every {every} s): in each, {what}")
CUTS_ALIKE_SPREAD = 2
#: agent round 100 b ("checked the marked moment against the cut times"; round 98 a read 36 s as "just after the cut at 33 s",
#: inside it): the cut the customer's mark fell in, computed, where the cuts are said in one line by their starts
#: (said in _cuts_alike, by the number of cuts the marks fell in)
#: a mark outside the cuts: how far from the nearest cut, after its end or before its start
MARK_NEAR_CUT = N_("The customer pressed “It happened now” at {t} s, {when}: the support server was answering then.")
MARK_AFTER_CUT = N_("{seconds} s after the cut at {start} s ended")
MARK_BEFORE_CUT = N_("{seconds} s before the cut at {start} s")
SUPPORT_NOT_SET = N_("No support server is set in this configuration: whether the connection held was not measured.")
MARK_ANSWERING = N_("The customer pressed “It happened now” at {t} s: the support server was answering then.")
MARK_AT = N_("The customer pressed “It happened now” at {t} s.")
MARK_BUSY = N_("At that moment the processor was {cpu}% busy; busiest programs: {programs}.")
MARK_BUSY_NONE = N_("At that moment the processor was {cpu}% busy.")
MARK_NONE = N_("The customer did not press “It happened now”.")
PROGRAM_CPU = N_("{name} ({cpu}%)")
#: agent round 49 (cuts-sometimes; both agents unzipped recording.json, 4-5 minutes more): "The card only says the support
#: server stopped answering … If our own server was the only thing watched, a hiccup on our side could look like a cut at
#: the customer's end … all of the PC's network traffic also fell to about zero during each cut … The card could simply say
#: that": this computer's own traffic in the cuts against between them, one line saying which it was
TRAFFIC_FELL = N_(
    "This computer's own network traffic also fell to almost nothing during the cuts (about {inside} a second during them, "
    "{outside} a second between them): the whole connection was lost, not only the support server."
)
TRAFFIC_WENT_ON = N_(
    "This computer's own network traffic went on during the cuts (about {inside} a second during them, {outside} a second "
    "between them): only the support server stopped answering, not the whole connection."
)
#: the same, where the recorder asked the box too: its own questions are not counted (record.BOX_ANSWERED_BYTES), said so, as
#: an agent who opens the recording reads them in its figures
TRAFFIC_FELL_BOX = N_(
    "This computer's own network traffic also fell to almost nothing during the cuts (about {inside} a second during them, "
    "{outside} a second between them, not counting selfcheck's questions to the box): the whole connection was lost, not only the support server."
)
TRAFFIC_WENT_ON_BOX = N_(
    "This computer's own network traffic went on during the cuts (about {inside} a second during them, {outside} a second "
    "between them, not counting selfcheck's questions to the box): only the support server stopped answering, not the whole connection."
)
#: agent round 53 (cuts-sometimes, 8-10 minutes with the recording): "it only tested the support server, never the box, so it
#: couldn't show where the drop happens": the recorder asks the internet box at the same moments (record.BoxProbe), and one line
#: says what it did during the cuts against between them (record.box_verdict)
BOX_BEYOND = N_(
    "The internet box ({address}), asked at the same moments, answered {between} of {between_asked} times between the cuts and "
    "{during} of {during_asked} during them: the cut is beyond the box, on the line or at the provider."
)
#: review 35b: where this computer's own traffic went on during the cuts (TRAFFIC_WENT_ON, "only the support server stopped
#: answering"), the box answering in them is not a cut "on the line": only the way to the support server failed
BOX_BEYOND_WENT_ON = N_(
    "The internet box ({address}), asked at the same moments, answered {between} of {between_asked} times between the cuts and "
    "{during} of {during_asked} during them: the box and the line held, as this computer's other traffic did; only the way to the "
    "support server failed."
)
BOX_BETWEEN = N_(
    "The internet box ({address}), asked at the same moments, answered {between} of {between_asked} times between the cuts and went "
    "silent in every cut too (for about {seconds} s of each): the cut is between this computer and the box."
)
BOX_UNSETTLED = N_(
    "The internet box ({address}), asked at the same moments, answered {between} of {between_asked} times between the cuts and "
    "{during} of {during_asked} during them: that does not show where it cuts."
)
#: the processor's use (percent) from which the busiest programs are named at a marked moment: below it the computer was
#: not busy, and the names are the system's own background (an agent read "process_api", "memfd:sealed-91" as noise)
BUSY_NAMES_FROM = 50


def _busy_at(samples: Sequence[Mapping[str, Any]], t: float) -> tuple[str, bool]:
    """The processor and its busiest programs at the sample nearest to ``t`` (names inert, bounded), or "", and whether
    programs are named (the processor busy)."""
    from selfcheck.history.record import nearest_sample, number_of

    sample = nearest_sample(samples, t)
    if sample is None:
        return "", False
    cpu = number_of(sample.get("cpu"))
    if cpu is None:
        return "", False
    if cpu < BUSY_NAMES_FROM:  # s32 cuts case: "busiest programs: python (1%), process_api (1%), memfd:sealed-91 (1%)" at 8%
        return _(MARK_BUSY_NONE).format(cpu=round(cpu)), False
    listed = sample.get("top")
    top: list[Any] = listed if isinstance(listed, list) else []
    programs = ", ".join(
        _(PROGRAM_CPU).format(name=inert(" ".join(item["name"].split())[:40]), cpu=round(float(item["cpu"])))
        for item in top[:3]
        if isinstance(item, Mapping) and isinstance(item.get("name"), str) and number_of(item.get("cpu")) is not None and float(item["cpu"]) >= 1
    )  # a program's share as the computer counts it, of one processor core (two cores busy: up to 200%)
    if programs:
        return _(MARK_BUSY).format(cpu=round(cpu), programs=programs), True
    return _(MARK_BUSY_NONE).format(cpu=round(cpu)), False


def _traffic_lines(samples: Sequence[Mapping[str, Any]], cuts: Sequence[tuple[float, float | None]]) -> list[str]:
    """What this computer's own traffic did during the cuts against between them (traffic_verdict: TRAFFIC_FELL,
    TRAFFIC_WENT_ON; nothing when it cannot tell)."""
    from selfcheck.history.record import traffic_verdict

    verdict, during, between = traffic_verdict(samples, cuts)
    if verdict is None:
        return []
    figures = {"inside": _size(during), "outside": _size(between)}
    if any("box_ms" in s for s in samples):
        return [_(TRAFFIC_FELL_BOX if verdict == "fell" else TRAFFIC_WENT_ON_BOX).format(**figures)]
    return [_(TRAFFIC_FELL if verdict == "fell" else TRAFFIC_WENT_ON).format(**figures)]


def _regular_every(cuts: Sequence[tuple[float, float | None]]) -> int | None:
    """The seconds between the starts of three or more cuts begun at even intervals (agent round 49: "the cuts came exactly
    every 20 s, but the customer said 'every few minutes'"), or None."""
    import statistics

    starts = [b for b, _e in cuts]
    gaps = [later - earlier for earlier, later in zip(starts, starts[1:], strict=False)]
    if len(starts) >= 3 and min(gaps) >= 2 and max(gaps) - min(gaps) <= 2:
        return round(statistics.median(gaps))
    return None


def _and_list(items: Sequence[str]) -> str:
    """``items`` as one list in the reader's language: "a, b and c"."""
    if len(items) <= 1:
        return "".join(items)
    return _(", ").join(items[:-1]) + _(" and ") + items[-1]


def _during(cut: tuple[float, float | None], t: float) -> bool:
    """Whether the moment ``t`` (seconds into a recording) fell in ``cut`` (its start, and its end or None: still cut at the end)."""
    return cut[0] <= t and (cut[1] is None or t < cut[1])


def _cut_parts(
    recording: Mapping[str, Any], samples: Sequence[Mapping[str, Any]], cuts: Sequence[tuple[float, float | None]], interval: float
) -> list[list[tuple[str, int | None]]]:
    """What went down in each cut, as recorded in it: (the row's words, its seconds or None) for this computer's link, the
    internet box and the support server, in that order (the support server's seconds None where the cut lasted to the end)."""
    from selfcheck.history.record import box_verdict, link_verdict, number_of

    # review 38: a box that never answered, not even between the cuts ("Not tested" says so), was "silent" in every row, as
    # if it went silent with the cut: its silence tells nothing, so the rows leave it out
    box_tells = not box_verdict(recording, samples, cuts, interval).not_asked
    # review 39b: a recording whose link was not read (its "link" not the recorder's, no interface, or why not said) had its
    # samples' readings in every row, named "the Wi-Fi link" even, while "Not tested" said the link was not recorded: the
    # rows read the link as link_verdict does, and say nothing of it where it was not recorded
    read = link_verdict(recording, samples, cuts, interval)
    link_down, link_up = {
        False: (CUT_CABLE_WENT_DOWN, CUT_CABLE_STAYED_UP),
        True: (CUT_WIFI_WENT_DOWN, CUT_WIFI_STAYED_UP),
        None: (CUT_LINK_WENT_DOWN, CUT_LINK_STAYED_UP),
    }[read.wireless]
    parts: list[list[tuple[str, int | None]]] = []
    for b, e in cuts:
        inside = [s for s in samples if _during((b, e), float(s["t"]))]
        what: list[tuple[str, int | None]] = []
        link = [] if read.not_recorded else [s["link_up"] for s in inside if isinstance(s.get("link_up"), bool)]
        if link and not all(link):
            what.append((link_down, max(1, round(link.count(False) * interval))))
        elif link:
            what.append((link_up, None))
        box = [number_of(s.get("box_ms")) is None for s in inside if "box_ms" in s and box_tells]
        if any(box):
            what.append((BOX_SILENT, max(1, round(sum(box) * interval))))
        elif box:
            what.append((BOX_ANSWERING, None))
        what.append((SUPPORT_SILENT, max(1, round(e - b)) if e is not None else None))
        parts.append(what)
    return parts


def _cut_what(parts: Sequence[tuple[str, int | None]], server: str = "") -> str:
    """What went down in a cut (one of _cut_parts' lists) in the reader's language, without seconds (agent round 88): "the
    cable's link went down and the box and the support server went silent"; ``server``: the support server's name, where no
    line above names it."""
    keys = [key for key, _n in parts]
    said = [_(key) for key in keys if key not in (BOX_SILENT, BOX_ANSWERING, SUPPORT_SILENT)]  # the link's
    if BOX_ANSWERING in keys:
        said.append(_(CUT_BOX_KEPT_ANSWERING))
    if BOX_SILENT in keys:
        said.append(_(CUT_BOX_AND_SUPPORT_NAMED_SILENT).format(server=server) if server else _(CUT_BOX_AND_SUPPORT_SILENT))
    else:
        said.append(_(CUT_SUPPORT_NAMED_SILENT).format(server=server) if server else _(CUT_SUPPORT_SILENT))
    return _and_list(said)


def _cut_rows(
    recording: Mapping[str, Any], samples: Sequence[Mapping[str, Any]], cuts: Sequence[tuple[float, float | None]], marks: Sequence[float], interval: float
) -> list[str]:
    """One row per cut (SUB_ITEM): its start and end, what went down in it (this computer's link, the internet box, the support
    server: each as recorded in it, down or silent for how long), and the customer's marks that fell in it; at most
    CUT_ROWS_SHOWN (every cut a mark fell in among them), then how many more."""
    # review 38: a mark in a cut past the first CUT_ROWS_SHOWN was said nowhere (its row not listed, no line after them):
    # the cuts it fell in are listed in place of the last unmarked ones
    marked = {i for i, cut in enumerate(cuts) if any(_during(cut, t) for t in marks)}
    listed = set(range(min(len(cuts), CUT_ROWS_SHOWN)))
    for i in sorted(marked - listed):
        spare = max((j for j in listed if j not in marked), default=None)
        if spare is not None:
            listed = (listed - {spare}) | {i}
    parts = _cut_parts(recording, samples, cuts, interval)
    rows: list[str] = []
    for i in sorted(listed):
        b, e = cuts[i]
        what = _cut_what(parts[i])
        row = _(CUT_ROW).format(start=round(b), end=round(e), what=what) if e is not None else _(CUT_ROW_TO_END).format(start=round(b), what=what)
        pressed = [t for t in marks if _during((b, e), t)]
        if pressed:
            row = _(CUT_ROW_MARK).format(row=row, t=_and_list([str(round(t)) for t in pressed]))
        rows.append(SUB_ITEM + row)
    unlisted = [cut for i, cut in enumerate(cuts) if i not in listed]
    if unlisted:  # review 38: "and 1 more cuts"; then "and 2 more cuts" said not when (the rows may skip them: 65-68 then 95-98)
        start, end = round(unlisted[0][0]), unlisted[-1][1]
        if end is None:
            more = ngettext("and {count} more cut, from {start} s to the end", "and {count} more cuts, from {start} s to the end", len(unlisted))
        else:
            more = ngettext("and {count} more cut, from {start} s to {end} s", "and {count} more cuts, from {start} s to {end} s", len(unlisted))
        rows.append(SUB_ITEM + more.format(count=len(unlisted), start=start, end=None if end is None else round(end)))
    return rows


def _cuts_alike(
    recording: Mapping[str, Any], samples: Sequence[Mapping[str, Any]], cuts: Sequence[tuple[float, float | None]], marks: Sequence[float], interval: float
) -> str | None:
    """The cuts in one line where they went alike (CUTS_ALIKE: their usual length and their starts, then what went down in
    each, where each part's seconds differ by CUTS_ALIKE_SPREAD at most, and the marks that fell in them), or None: one cut,
    more than CUT_ROWS_SHOWN, one lasting to the end, or cuts where different things went down (then a row a cut)."""
    if not 2 <= len(cuts) <= CUT_ROWS_SHOWN or any(e is None for _b, e in cuts):
        return None
    parts = _cut_parts(recording, samples, cuts, interval)
    if any([words for words, _n in what] != [words for words, _n in parts[0]] for what in parts):
        return None
    for n in range(len(parts[0])):
        counts = [what[n][1] or 0 for what in parts]
        if max(counts) - min(counts) > CUTS_ALIKE_SPREAD:
            return None
    lengths = sorted(e - b for b, e in cuts if e is not None)
    seconds = round(max(1.0, lengths[len(lengths) // 2]))  # their usual length, as the cause says it (record.Seen.typical_cut)
    target = recording.get("target")
    what = _cut_what(parts[0], inert(target[:80]) if isinstance(target, str) else "")  # what was asked, named where its silences are
    every = _regular_every(cuts)  # agent round 49: "the cuts came exactly every 20 s", said as before
    starts = _and_list([str(round(b)) for b, _e in cuts])
    line = _(CUTS_ALIKE_EVERY if every else CUTS_ALIKE).format(count=len(cuts), seconds=seconds, starts=starts, every=every, what=what)
    pressed = [t for t in marks if any(_during(cut, t) for cut in cuts)]
    if pressed:  # agent round 100 b "checked the marked moment against the cut times": the cut it fell in, said
        fell_in = sorted({round(next(b for b, e in cuts if _during((b, e), t))) for t in pressed})
        line = ngettext(
            "{row}; the customer pressed “It happened now” at {t} s, during the cut at {starts} s",
            "{row}; the customer pressed “It happened now” at {t} s, during the cuts at {starts} s",
            len(fell_in),
        ).format(row=line, t=_and_list([str(round(t)) for t in pressed]), starts=_and_list([str(b) for b in fell_in]))
    return f"{line}."


def _mark_near(t: float, cuts: Sequence[tuple[float, float | None]]) -> str:
    """Where a mark outside ``cuts`` fell against the nearest of them, computed from the recording: "13 s after the cut at 11 s
    ended", "2 s before the cut at 33 s" (MARK_AFTER_CUT, MARK_BEFORE_CUT); "" without a cut."""
    after = [(t - e, b) for b, e in cuts if e is not None and e <= t]
    before = [(b - t, b) for b, _e in cuts if b > t]
    nearest = min([(gap, b, True) for gap, b in after] + [(gap, b, False) for gap, b in before], default=None)
    if nearest is None:
        return ""
    gap, start, is_after = nearest
    seconds = wording.number(gap, 0 if gap >= 1 else 1)
    return _(MARK_AFTER_CUT if is_after else MARK_BEFORE_CUT).format(seconds=seconds, start=round(start))


def _mark_time(t: float, cuts: Sequence[tuple[float, float | None]]) -> str:
    """When a mark outside the cuts was pressed, as the card says it: in whole seconds, or with a decimal where the whole
    second is a cut row's start or end (review 38: pressed at 14.6 s, just before a cut from 14.9 s, read "at 15 s: the support
    server was answering then" under the row "15–21 s")."""
    for decimals in (0, 1, 2):
        shown = round(t, decimals)
        if not any(round(b) <= shown and (e is None or shown <= round(e)) for b, e in cuts):
            break
    return wording.number(t, decimals)


#: agent round 55 (cuts-sometimes, 3 and 3-4 minutes: "a long evidence list"; "I read it twice to be sure that 'the link went
#: down' and 'the box went silent' are two separate pieces of evidence pointing the same way"): what this computer's traffic,
#: the internet box and this computer's own link did in the cuts, in one line with where that puts the cut, then what each did
#: between them (each figure once); the parts joined as a list in the reader's language
IN_EVERY_CUT = N_("In every cut: {during}: {verdict}. Between the cuts: {between}.")
CUT_TRAFFIC_FELL = N_("this computer's traffic fell to about {inside} a second")
#: agent rounds 61-63: how long, in each cut's own row (CUT_ROW), not again here
CUT_BOX_SILENT = N_("the internet box ({address}) went silent")
CUT_BOX_ANSWERED = N_("the internet box ({address}) kept answering ({during} of {during_asked} times)")
CUT_LINK_UP = N_("this computer's own link ({interface}) stayed up ({up} of {asked} readings)")
CUT_WHERE_LINK_UP = N_("the box went silent while the link held, between this computer and the box")
CUT_WHERE_BETWEEN = N_("the cut is between this computer and the box")
CUT_WHERE_BEYOND = N_("the whole connection was lost beyond the box, on the line or at the provider")
#: agent round 67 b: "the aside '(less selfcheck's questions to the box)' meant nothing to me": what is left out, plainly
BETWEEN_TRAFFIC = N_("traffic {outside} a second (not counting selfcheck's own test messages to the box)")
BETWEEN_BOX = N_("the box answered {between} of {between_asked} times")
#: agent round 69 b: "63 measurements, three drops of about 6 seconds, yet '37 of 37' measurements between drops. I couldn't make
#: that add up": the box's and the link's counts leave out the second either side of a cut (box_verdict, link_verdict): said
BETWEEN_EDGES = N_("(these counts leave out the second before and after each cut)")
#: agent rounds 82-85 (cuts-sometimes, 3-4 minutes: "the card's length"): where the link went down in every cut, the cause says
#: where that puts them and the cuts' line what went down in each. Agent round 88 (3-4 and 3 minutes: "I had to read them twice
#: to be sure the drops really are the link and not the line"; "40 of 40, … the seconds around each cut left out"): this line
#: says only what the cuts' line cannot, that the link and the box held between the cuts. The box's count stays: it shows the
#: box was asked and answered, so its silence in the cuts is the cut, not a box that ignores the test. The traffic (the cause
#: settles the whole connection without it: everything goes through the box) and the left-out seconds stay in the recording.
BETWEEN_CUTS_LINK_DOWN = N_("Between the cuts: {between}.")
BETWEEN_LINK_STAYED_UP = N_("the link ({interface}) stayed up")
#: agent round 89 ("the box 'answered 36 of 36' between cuts, which seemed low next to 63 measurements"): every time, no count
#: (the seconds either side of each cut are left out of it; the figures stay in the recording)
BETWEEN_BOX_EVERY_TIME = N_("the box ({address}) answered every time")
BETWEEN_BOX_AT = N_("the box ({address}) answered {between} of {between_asked} times")
BETWEEN_LINK_AT = N_("the link ({interface}) was up {up} of {asked} times")
#: review of f2fa042b: where the box's answers are the only figure between the cuts (no traffic read, the link not read or
#: not down), "these counts" looked for a second one: the one count, said as one
BETWEEN_EDGES_ONE = N_("(this count leaves out the second before and after each cut)")
#: agent rounds 98-100 (cuts-sometimes: each paused at "10 checks: 10 OK" below the card "until I saw the note that they ran
#: between the cuts"): where every result below the card passed and ran between the cuts, the card's own line about the time
#: between the cuts says it first; the results' heading below says "between the cuts" once more, without a note
CHECKS_RAN_THEN = N_("The checks below ran then, so they found nothing wrong.")
CHECKS_RAN_BETWEEN = N_("The checks below ran between the cuts, while the connection worked, so they found nothing wrong.")


def _checks_ran_between(lines: list[str]) -> list[str]:
    """``lines`` (the recording's, for "What proves it") with CHECKS_RAN_THEN after the line that says what held between the
    cuts (BETWEEN_CUTS_LINK_DOWN, else IN_EVERY_CUT), or CHECKS_RAN_BETWEEN last where no line says it."""
    for head in (_(BETWEEN_CUTS_LINK_DOWN).split("{", 1)[0], _(IN_EVERY_CUT).split("{", 1)[0]):
        at = next((i for i, line in enumerate(lines) if line.startswith(head)), None)
        if at is not None:
            return [*lines[:at], f"{lines[at]} {_(CHECKS_RAN_THEN)}", *lines[at + 1 :]]
    return [*lines, _(CHECKS_RAN_BETWEEN)]


def _in_every_cut(recording: Mapping[str, Any], samples: Sequence[Mapping[str, Any]], cuts: Sequence[tuple[float, float | None]]) -> list[str] | None:
    """IN_EVERY_CUT where the box's answers settle where it cuts (between this computer and the box; or beyond it, the whole
    connection fallen), with what the link did where it held in every cut (in some cuts only: LINK_MIXED after it); where it
    went down in every cut, BETWEEN_CUTS_LINK_DOWN (the cause says where that puts the cuts); None otherwise (then the traffic's and
    the box's own lines say what they saw)."""
    from selfcheck.history.record import box_verdict, link_verdict, recording_interval, traffic_verdict

    box = box_verdict(recording, samples, cuts, recording_interval(recording))
    traffic, inside, outside = traffic_verdict(samples, cuts)
    if box.not_asked or box.where not in ("between", "beyond") or traffic == "went_on" or (box.where == "beyond" and traffic != "fell"):
        return None
    address = inert(box.address)
    during = [_(CUT_TRAFFIC_FELL).format(inside=_size(inside))] if traffic == "fell" else []
    between = [_(BETWEEN_TRAFFIC).format(outside=_size(outside))] if traffic == "fell" else []
    between.append(_(BETWEEN_BOX).format(between=box.between[0], between_asked=box.between[1]))
    after: list[str] = []
    if box.where == "beyond":
        during.append(_(CUT_BOX_ANSWERED).format(address=address, during=box.during[0], during_asked=box.during[1]))
        where = _(CUT_WHERE_BEYOND)
    else:
        during.append(_(CUT_BOX_SILENT).format(address=address))
        where = _(CUT_WHERE_BETWEEN)
        link = link_verdict(recording, samples, cuts, recording_interval(recording))
        interface = inert(link.interface)
        if link.verdict == "down":  # agent rounds 82-88: where the cause says it, that the link and the box held between the cuts
            up, asked = link.between
            answered, tried = box.between
            held = [
                _(BETWEEN_LINK_STAYED_UP).format(interface=interface)
                if asked and up == asked
                else _(BETWEEN_LINK_AT).format(interface=interface, up=up, asked=asked),
                _(BETWEEN_BOX_EVERY_TIME if tried and answered == tried else BETWEEN_BOX_AT).format(address=address, between=answered, between_asked=tried),
            ]
            return [_(BETWEEN_CUTS_LINK_DOWN).format(between=_and_list(held))]
        if link.verdict == "up":
            during.append(_(CUT_LINK_UP).format(interface=interface, up=link.during[0], asked=link.during[1]))
            where = _(CUT_WHERE_LINK_UP)
        elif link.verdict == "mixed":
            after.append(_(LINK_MIXED).format(interface=interface, count=link.cuts, down=link.cuts_down))
    between_said = f"{_and_list(between)} {_(BETWEEN_EDGES if len(between) > 1 else BETWEEN_EDGES_ONE)}"
    return [_(IN_EVERY_CUT).format(during=_and_list(during), verdict=where, between=between_said), *after]


def _box_lines(recording: Mapping[str, Any], samples: Sequence[Mapping[str, Any]], cuts: Sequence[tuple[float, float | None]]) -> list[str]:
    """What the internet box did during the cuts against between them (BOX_BEYOND, BOX_BETWEEN, BOX_UNSETTLED), or nothing
    when it was not asked or never answered (then "Not tested" says why)."""
    from selfcheck.history.record import box_verdict, recording_interval, traffic_verdict

    box = box_verdict(recording, samples, cuts, recording_interval(recording))
    if box.not_asked:
        return []
    figures = {
        "address": inert(box.address),
        "between": box.between[0],
        "between_asked": box.between[1],
        "during": box.during[0],
        "during_asked": box.during[1],
    }
    if box.where == "between":
        return [_(BOX_BETWEEN).format(seconds=round(box.silent_seconds), **figures), *_link_lines(recording, samples, cuts)]
    if box.where == "beyond":
        return [_(BOX_BEYOND_WENT_ON if traffic_verdict(samples, cuts)[0] == "went_on" else BOX_BEYOND).format(**figures)]
    return [_(BOX_UNSETTLED).format(**figures)]


def _link_lines(recording: Mapping[str, Any], samples: Sequence[Mapping[str, Any]], cuts: Sequence[tuple[float, float | None]]) -> list[str]:
    """Where the box went silent: what this computer's own link did in the cuts (LINK_DOWN, LINK_UP, LINK_MIXED), or nothing
    when it was not read (then "Not tested" says why)."""
    from selfcheck.history.record import link_verdict, recording_interval

    link = link_verdict(recording, samples, cuts, recording_interval(recording))
    if link.verdict is None:
        return []
    figures = {"interface": inert(link.interface), "count": link.cuts, "down": link.cuts_down, "up": link.during[0], "asked": link.during[1]}
    if link.verdict == "down":
        return [_(LINK_DOWN).format(**{**figures, "up": link.between[0], "asked": link.between[1]}, seconds=round(link.down_seconds))]
    return [_(LINK_UP if link.verdict == "up" else LINK_MIXED).format(**figures)]


def recording_lines(recording: Mapping[str, Any] | None) -> list[str]:
    """The card's lines for the bundle's recording (hostile input: numbers checked, names inert), or []."""
    from selfcheck.history.record import limit_of, number_of, recording_interval, support_cuts

    if not isinstance(recording, Mapping) or not isinstance(recording.get("samples"), list):
        return []
    samples = [s for s in recording["samples"][:5000] if isinstance(s, Mapping) and number_of(s.get("t")) is not None]
    marked = recording.get("marks")
    marks = [m for m in (marked if isinstance(marked, list) else [])[:20] if isinstance(m, Mapping) and number_of(m.get("t")) is not None]
    if not samples:
        return []
    end = max(float(s["t"]) for s in samples)
    first = [_(RECORDED_SHORT).format(seconds=round(end))]
    stopped = str(recording.get("stopped_because") or "")
    if stopped in RECORDED_STOPPED or stopped.startswith("error"):
        first.append(_(RECORDED_STOPPED["error" if stopped.startswith("error") else stopped]))
    elif stopped == "stopped":  # Stop, Close or Ctrl+C: the person who recorded
        limit = limit_of(recording)
        if limit is None:  # a recording made before it said its limit
            first.append(_(RECORDED_STOPPED_BY_CUSTOMER_NO_LIMIT))
        else:
            said = _duration(limit) if limit >= 60 and limit % 60 == 0 else _("{seconds} s").format(seconds=round(limit))
            first = [_(RECORDED_SHORT_STOPPED).format(seconds=round(end), limit=said)]
    target = recording.get("target")
    cuts = support_cuts(samples) if isinstance(target, str) and target else []
    seen: list[str] = []  # what was seen in the cuts, after the first line
    rows: list[str] = []  # one per cut, under the first line (ending on the count of cuts)
    if not (isinstance(target, str) and target):
        first.append(_(SUPPORT_NOT_SET))
    elif not cuts:
        first.append(_(SUPPORT_ALWAYS_ANSWERED).format(server=inert(target[:80]), count=len(samples)))
    else:
        alike = _cuts_alike(recording, samples, cuts, [float(m["t"]) for m in marks[:5]], recording_interval(recording))
        if alike is not None:  # agent rounds 82-85: the cuts that went alike in one line of their own, not a row each
            rows = [alike]
        else:
            every = _regular_every(cuts)
            figures = {"server": inert(target[:80]), "count": len(cuts), "every": every}
            first.append(_(SUPPORT_STOPPED_ONCE if len(cuts) == 1 else SUPPORT_STOPPED_EVERY if every else SUPPORT_STOPPED).format(**figures))
            rows = _cut_rows(recording, samples, cuts, [float(m["t"]) for m in marks[:5]], recording_interval(recording))
        in_cuts = _in_every_cut(recording, samples, cuts)
        seen = in_cuts if in_cuts is not None else [*_traffic_lines(samples, cuts), *_box_lines(recording, samples, cuts)]
    after = first if not rows else []  # the marks outside the cuts: after the rows where the first line ends on them
    if not marks:
        after.append(_(MARK_NONE))
    busy_marks: list[str] = []  # a mark with the programs keeping the processor busy: a line of its own
    for m in marks[:5]:
        t = float(m["t"])
        if any(_during(cut, t) for cut in cuts):  # said in its cut's row; the processor in a cut, where the
            continue  # connection was lost, decides nothing (the cuts-sometimes lab, its machine loaded: "96% busy; busiest programs: python (3%)")
        near = _mark_near(t, cuts)
        if not (isinstance(target, str) and target):
            line = _(MARK_AT).format(t=round(t))
        elif near:  # agent round 100 b: where it fell against the cuts, computed, not left to the agent
            line = _(MARK_NEAR_CUT).format(t=_mark_time(t, cuts), when=near)
        else:
            line = _(MARK_ANSWERING).format(t=_mark_time(t, cuts))
        busy, named = _busy_at(samples, t)
        if named:
            busy_marks.append(f"{line} {busy}")
        elif busy:  # the connection held: how busy the processor was tells something
            after.append(f"{line} {busy}")
        else:
            after.append(line)
    return [" ".join(first), *rows, *([" ".join(after)] if rows and after else []), *seen, *busy_marks]


#: s32: the scan at rest found nothing (the usual case for "it cuts out sometimes") while the customer's recording held 3
#: cuts of the line, their mark in one: the card still said "No cause found" and its reply "The check found nothing wrong"
REC_CUTS_CAUSE_MARKED = N_(
    "The connection cuts out: recorded {count} times, about {seconds} s each, in {length}; the customer pressed “It happened now” during one of them"
)
REC_CUTS_CAUSE = N_("The connection cuts out: recorded {count} times, about {seconds} s each, in {length}")
#: agent round 50 (cuts-sometimes, 3-4 minutes): "the 'medium' confidence made me pause": where this computer's whole traffic
#: fell with the support server (traffic_verdict "fell") the cuts are settled, as line-down's "Settled / Not settled";
#: where it cuts stays under "Not settled"
#: agent rounds 82-85 (3-4 minutes, "the card's length"): the same facts in fewer words
REC_CUTS_SETTLED_MARKED = N_(
    "Settled: the whole connection cuts out, {count} times in {length}, about {seconds} s each, one as the customer pressed “It happened now”"
)
REC_CUTS_SETTLED = N_("Settled: the whole connection cuts out, {count} times in {length}, about {seconds} s each")
#: agent rounds 82-85: the cause, then "Settled too: it cuts between this computer and the box. The cable's link itself went down
#: in every cut.", then what is open, then the checks: where the link went down in every cut, the one line the agent needs
#: leads, what cuts and where (REC_CUTS_AND_WHERE); what is open under it
REC_CUTS_AND_WHERE = N_("{cuts}; {where}")
#: agent round 92 (cuts-sometimes, 3 minutes each: reading "Settled", "What proves it" and "Between the cuts", "which say similar
#: things"): where the cable's link went down in every cut and the whole connection fell, the cause says that, once; how many
#: cuts, how long, when and the customer's mark are the timeline's line under "What proves it"
#: agent round 97 ("'Settled' and 'Not settled' sit together under 'Most likely cause', and it took a second read to see that the
#: cause is only half settled"): the cause says what happened, with no "Settled:"; the line under it says which part is not known
#: yet and what tells
REC_CUTS_LINK_DOWN_CABLE_SETTLED = N_("The cable's link between this computer and the box went down in every cut, taking the whole connection")
REC_WHERE_LINK_DOWN_WIFI = N_("this computer dropped off the Wi-Fi in every cut, and the box went silent: between this computer and the box")
REC_BUSY_CAUSE = N_(
    "The program “{name}” kept the processor {cpu}% busy when the customer pressed “It happened now” ({share}% of one core); the connection held"
)
REC_BUSY_CAUSE_UNMEASURED = N_("The program “{name}” kept the processor {cpu}% busy when the customer pressed “It happened now” ({share}% of one core)")
REC_CONFIDENCE = N_("medium — the scan at rest found nothing; a recording is one window of time")
REC_CUTS_OPEN = N_(
    "Not settled: where it cuts (the internet box or the line, the Wi-Fi, or this computer). The reply does not say which: its steps and the questions below tell them apart."
)
#: s32 reading lab (cuts-sometimes): the computer on a cable (network.link) was still sent "If this computer uses Wi-Fi…" and the
#: agent asked "Wi-Fi or cable?", which the card already knew: on a cable, the cable and the box's socket are what to try
#: s32 reading lab (cuts-sometimes): under that "Not settled: where it cuts (…the cable, or this computer)", "Ruled out" listed the
#: network checks that passed at rest: the cable, the box, the internet beyond it, even "How steady your connection is: The connection
#: is steady": a cut that comes and goes does not show between cuts, so they rule none of it out; said once, with the recording
#: agent round 83: "seeing '10 checks OK' and needing the card's note to know why that doesn't matter": short, and what it means
#: agent rounds 84-85: "took a minute to see that 'all checks passed' and 'the connection cuts out' don't contradict each other":
#: why they passed, in a few words, the cause's last line
REC_AT_REST = N_("All {count} network checks passed between the cuts, when the connection worked.")
REC_AT_REST_ONE = N_("The network check passed between the cuts, when the connection worked.")
REC_CUTS_OPEN_CABLE = N_(
    "Not settled: where it cuts (the internet box or the line, the cable, or this computer). The reply does not say which: its steps and the questions below tell them apart."
)
#: agent round 53: "the card not saying that the box was never tested during the drops": where the recorder asked the box
#: (record.box_verdict), the place is settled, or said to be open because the box was not tested
REC_CUTS_BETWEEN = N_(
    "Settled too: it cuts between this computer and the internet box: the box went silent during the cuts too. Not settled: the Wi-Fi "
    "(or cable) or the box itself; the reply's steps and the questions below tell them apart."
)
REC_CUTS_BETWEEN_CABLE = N_(
    "Settled too: it cuts between this computer and the internet box: the box went silent during the cuts too. Not settled: the cable or "
    "the box itself; the reply's steps and the questions below tell them apart."
)
REC_CUTS_BEYOND = N_(
    "Settled too: it cuts beyond the internet box, on the line or at the provider: the box kept answering this computer all through "
    "every cut. Not this computer, nor its cable or Wi-Fi."
)
REC_CUTS_OPEN_UNTESTED = N_(
    "Not settled: where it cuts (the internet box or the line, the Wi-Fi, or this computer): the box itself was not tested during the "
    "cuts (see Not tested). The reply does not say which: its steps and the questions below tell them apart."
)
REC_CUTS_OPEN_UNTESTED_CABLE = N_(
    "Not settled: where it cuts (the internet box or the line, the cable, or this computer): the box itself was not tested during the "
    "cuts (see Not tested). The reply does not say which: its steps and the questions below tell them apart."
)
#: agent round 53: "What slowed me down was the 'everything looks fine' screen": said under the cause, and under that screen
REC_AT_REST_WHY = N_(
    "Why the customer's screen says everything looks fine: the computer was checked outside a cut, and all {count} network checks "
    "passed then; a cut that comes and goes does not show then."
)
REC_AT_REST_WHY_ONE = N_(
    "Why the customer's screen says everything looks fine: the computer was checked outside a cut, and the network check passed then; "
    "a cut that comes and goes does not show then."
)
REC_SCREEN_NOTE = N_(
    "For support: this screen was made outside a cut, when the connection worked; what happened during the cuts is in the card above, "
    "from the customer's recording."
)
#: "Not tested" (issue 21: the card always says what was not): why the box tells nothing of the cuts, or what the box's answers
#: leave untested
REC_BOX_NOT_ASKED = N_("The internet box during the cuts: not asked, because {why}; so the recording does not show where it cuts.")
REC_BOX_WHY = {
    "not_recorded": N_("this recording was made by an earlier version of selfcheck, which asked only the support server"),
    # review 35b: looked for at Start only (recordings made before), perhaps during a cut: said as seen
    "no_gateway": N_("no internet box (router) was set on this computer when selfcheck looked for it, as the recording started"),
    "not_allowed": N_("this configuration does not let selfcheck reach it"),
    "still_looking": N_("the recording ended before the box's address was found"),
}
#: looked for again every record.BOX_LOOK_AGAIN seconds, and never found
REC_BOX_NO_ROUTE_AGAIN = N_("no internet box (router) was set on this computer any of the {count} times selfcheck looked for it while it recorded")
REC_BOX_NEVER = N_(
    "The internet box during the cuts: asked every second ({address}), it never answered, not even between the cuts (it ignores test "
    "connections on ports {ports}); so the recording does not show where it cuts."
)
REC_BOX_UNSETTLED = N_("Where it cuts: the box answered during some cuts and not during others (see What proves it), so the recording does not settle it.")
#: review 35b: "some cuts and not others" only where that is what it did (record.BoxSeen.unsettled)
REC_BOX_UNSETTLED_WHY = {
    "unasked": N_(
        "Where it cuts: no cut was recorded with the box asked all through it (selfcheck found the box only later, or the cuts "
        "were too short), so the recording does not settle it."
    ),
    "unsteady": N_("Where it cuts: the box did not answer steadily even between the cuts (see What proves it), so its silences during them do not settle it."),
    "lone": N_(
        "Where it cuts: in a cut where the box otherwise answered, it missed one answer, which can be a lost try (see What proves "
        "it), so the recording does not settle it."
    ),
}
REC_UNTESTED_BETWEEN = N_(
    "Which of the two, the Wi-Fi or the box itself: from this computer both look the same (the box silent), and other devices at home were not recorded."
)
REC_UNTESTED_BETWEEN_CABLE = N_(
    "Which of the two, the cable or the box itself: from this computer both look the same (the box silent), and other devices at home were not recorded."
)
REC_UNTESTED_BEYOND = N_(
    "The line itself: from this computer, the line and the provider's network beyond the box look the same; the box's own record of "
    "its line (its lights, its log) was not read."
)
#: the draft to the customer (their language): what they can try at home, then what tells the box from the Wi-Fi
REC_REPLY_TRY = N_("Please try this:")
#: agent round 65: "I ask them to report after each step. If they do both steps at once and the drops stop, I won't know
#: whether the cable or the restart fixed it": two steps, one at a time, and which one stopped it
#: agent rounds 82-85 ("the card's length"): "and after each, see whether it still cuts out" said again what each step's own
#: watch says right after it ("This program then tells you whether the connection still drops")
REC_REPLY_TRY_EACH = N_("Please try these one at a time:")
REC_REPLY_ASK = (
    N_("Did it stop cutting out, and after which step?"),
    N_("Do your other devices, such as a phone on the Wi-Fi, lose the connection at the same moments?"),
)
#: the cable's link dropped: the reply asks what "Ask the customer next" needs (agent rounds 58-59: "it also asks me to get the
#: switch/powerline question without putting it in the reply, so I had to add it"; both round 59 agents added the box's lights)
REC_REPLY_ASK_LINK_DOWN_CABLE = (
    REC_REPLY_ASK[0],
    # agent round 92 ("the reply is long for a customer who is already annoyed"): in fewer words, as both agents asked them
    N_("Do other devices, such as a phone on the Wi-Fi, drop at the same moments? Do the box's lights go out then?"),
    N_("Does the computer's cable go straight into the internet box, or through another small box (such as an adapter in a wall socket)?"),
)
#: beyond the box: the restart, then the questions that tell the box losing its line from the line itself
REC_REPLY_ASK_BEYOND = (
    N_("Does the connection still cut out after restarting the box?"),
    N_("When it cuts out, does a light on your internet box turn red or start blinking?"),
)
REC_REPLY_LINE = N_("If it still cuts out, please call your internet provider: they can check your line from their side.")
REC_REPLY_LINE_OURS = N_("If it still cuts out, please reply to this message or call us: we will check your line from our side.")
REC_REPLY_LINE_OURS_CONTACT = N_("If it still cuts out, please reply to this message or call us ({contact}): we will check your line from our side.")
CALL_US_CONTACT[REC_REPLY_LINE_OURS] = REC_REPLY_LINE_OURS_CONTACT
#: agent round 89 (cuts-sometimes, 3 and 4 minutes: "The reply is long, so I read it through once to make sure it doesn't ask the
#: customer to do anything risky"): where the customer's screen says the cable step, its watch, then the box's restart, the
#: reply says the first two, then the restart and one more watch in one step (agent round 90, both agents: a pointer to "step 3
#: in this program's window" sent the customer back to the program to learn what to do; both rewrote it as that one step), with
#: the screen's warning about a phone or TV (round 91: both agents put it back, "the customer's screen has it")
#: agent round 89: "I had to decide on my own to add the Wi-Fi workaround for the customer's calls" (REC_REPLY_MEANWHILE_WIFI
#: is said where the computer may have Wi-Fi): where network.link lists its adapters and none is Wi-Fi, said to the agent
REPLY_NOTE_NO_WIFI = N_("No Wi-Fi to offer meanwhile: this computer has no Wi-Fi adapter.")
#: agent round 92 (cuts-sometimes, 3 minutes each: "the reply is long for a customer who is already annoyed"): where the
#: customer's screen says the cable step, its watch, the box's restart and one more watch, the reply says them in three short
#: steps: the watch in one sentence, the restart in two with the screen's warning about a phone or TV (round 91: both agents
#: put it back when it was left out)
REC_REPLY_CABLE_SHORT = N_(
    "Unplug the cable between the computer and the box at both ends and push it back in until it clicks; or try another such cable, "
    "in another of the box's small square holes."
)
#: agent round 93 (both agents put them back by hand): that the watching may be stopped as soon as it drops again, as the
#: customer's screen says (the screen's watch steps, recorded.WATCH_AFTER_STEP); {duration} is recorded.watch_duration's
REC_REPLY_WATCH_SHORT = N_(
    "Then click “{button}”, then “{start}”, and use the computer as usual (no need to start a video call). You can stop it as soon as it "
    "drops again; otherwise it stops after {duration}. Then it tells you whether it still drops."
)
#: agent round 93: "unplug … for 30 seconds" said nothing of plugging it back in (the screen's restart does: plainwords.RESTART_BOX)
REC_REPLY_RESTART_SHORT = N_(
    "If it still drops, unplug your internet box (the one with the Wi-Fi name on its label, not the TV box) from the power for 30 "
    "seconds, then plug it back in; a home phone or TV through it stops for a few minutes. Then watch once more."
)
#: agent round 92: "About this reply: Steps 1, 2 and 3 are the same steps as on the customer's screen" was wrong (their screen
#: shows 5 steps; the reply's step 3 joins its 3 and 4 and leaves out “Contact support”); round 93: its replacement, "Steps 1
#: to 3 are the screen's steps 1 to 4 in fewer words (its 3 and 4 in one). Its step 5, the last, is to contact support.", made
#: both agents stop and check it against the screen: one line, no number to check, and what the screen has that the reply
#: has not (its last step, to contact support; one the reply leaves out)
REPLY_NOTE_SCREEN_SAME_STEPS = N_("The customer's screen gives the same steps, in more words.")
REPLY_NOTE_SCREEN_SAME_STEPS_CONTACT = N_("The customer's screen gives the same steps, in more words, then says to contact support.")
REC_REPLY_BUSY_HELP = N_("If you do not know what it is, leave it and reply to this message: we will help you find out.")
#: agent round 84 (cuts-sometimes, 4 minutes): "I had to match the 'Ask the customer next' section against the questions already
#: in the reply, and work out that the answers tell us which part is at fault": the reply asks them (which step stopped it, the
#: other devices), so the card does not ask them again: it says what each answer tells (SupportCard.answers), one line a question
TELLS_OTHERS_BOX_OR_LINE_WIFI = N_("Other devices drop at the same moments: the box or the line; if not: this computer or its Wi-Fi.")
TELLS_OTHERS_BOX_OR_LINE_CABLE = N_("Other devices drop at the same moments: the box or the line; if not: this computer or its cable.")
TELLS_OTHERS_BOX_WIFI = N_("Other devices drop at the same moments: the box itself; if not: this computer or its Wi-Fi.")
TELLS_OTHERS_BOX_CABLE = N_("Other devices drop at the same moments: the box itself; if not: this computer or its cable.")
TELLS_CUTS = (
    N_(
        "Stopped after the restart: the box; after the Wi-Fi step (next to the box, or on a cable): the Wi-Fi. Still cutting out after "
        "both, on every device: the line (the times recorded are above)."
    ),
    TELLS_OTHERS_BOX_OR_LINE_WIFI,
)
TELLS_CUTS_CABLE = (
    N_(
        "Stopped after the restart: the box; after the cable step: the cable or that socket. Still cutting out after both, on every "
        "device: the line (the times recorded are above)."
    ),
    TELLS_OTHERS_BOX_OR_LINE_CABLE,
)
#: the box answered through the cuts: the line is what is left (the cable, the Wi-Fi and the other devices need no question)
TELLS_BEYOND = (
    N_("Still cutting out after the restart: the line or the provider (the times recorded are above)."),
    N_("A light on the box turns red or blinks when it cuts: the box loses the line."),
)
#: the box went silent too: the line is not in question; the other devices tell the box from this computer's cable or Wi-Fi
TELLS_BETWEEN = (N_("Stopped after the Wi-Fi step (next to the box, or on a cable): the Wi-Fi; after the restart: the box."), TELLS_OTHERS_BOX_WIFI)
TELLS_BETWEEN_CABLE = (N_("Stopped after the cable step: the cable or that socket; after the restart: the box."), TELLS_OTHERS_BOX_CABLE)
#: agent round 54 (cuts-sometimes, 3 of 5 minutes "lost digging in the recording for link status that wasn't there"): "I
#: wanted to know whether the cable's link itself dropped during the cuts, because that would point to the cable rather than
#: the box. The recording doesn't track that": the recorder reads this computer's own link each second (record.LinkProbe),
#: and where the box went silent the card says what the link did: one line of figures under What proves it
LINK_DOWN = N_(
    "This computer's own link to the network ({interface}), read each second, went down in every cut ({count} of {count}, for about "
    "{seconds} s of each) and was up {up} of {asked} times between them: the link itself dropped."
)
LINK_UP = N_(
    "This computer's own link to the network ({interface}), read each second, stayed up all through every cut ({up} of {asked} "
    "readings during them): it held while the box was silent."
)
LINK_MIXED = N_(
    "This computer's own link to the network ({interface}), read each second, went down in {down} of {count} cuts and stayed up "
    "in the others: it dropped in some cuts only."
)
#: the cause's second line where the box went silent, by what the link did (a cable's carrier; on Wi-Fi, being connected to it)
#: agent round 55: "The very regular 20-second rhythm also makes me wonder about the computer's own network card, which the card
#: doesn't list as a suspect": a link going down can be this computer's own network adapter as much as the cable or the box's
#: end: named with them, and the questions tell it apart (another cable and socket; the other devices)
#: agent round 83 (cuts-sometimes, 3 minutes each): "the 'Settled too / Not settled' line is dense": one fact a sentence, and
#: what is open on a line of its own (SupportCard.cause_open)
REC_CUTS_LINK_DOWN_CABLE = N_("Settled too: it cuts between this computer and the box. The cable's link itself went down in every cut.")
#: agent rounds 82-85 ("the card's length"): what tells which is the card's "What their answers tell", right below: not said here
#: agent round 89 (3 and 4 minutes: "I had to read both the 'Not settled' list and the 'What their answers tell' section"): what
#: is open and why no fact tells it (once "Not tested"), in one place
#: agent round 96 ("I had to be sure the steps cover every candidate"): the parts in the order the reply's steps test them, as
#: "What their answers tell" (TELLS_LINK_DOWN_CABLE) names them, one line each
REC_OPEN_LINK_DOWN_CABLE = N_(
    "Which part, not known yet: the cable or its sockets, the box (its port or power), or this computer's network adapter. The customer's answers tell (below)."
)
REC_CUTS_LINK_DOWN_WIFI = N_(
    "Settled too: it cuts between this computer and the box. This computer dropped off the Wi-Fi in every cut, and the box went silent."
)
REC_OPEN_LINK_DOWN_WIFI = N_("Which part, not known yet: the signal, this computer's Wi-Fi, or the box's Wi-Fi or power. The customer's answers tell (below).")
REC_CUTS_LINK_UP_CABLE = N_(
    "Settled too: it cuts between this computer and the internet box, and the cable's link stayed up all through every cut while the box "
    "went silent: the box itself stopped answering, or a device between them on the same cable (a switch, a powerline adapter). Most "
    "likely not the cable: its link held."
)
REC_CUTS_LINK_UP_WIFI = N_(
    "Settled too: it cuts between this computer and the internet box, and this computer stayed connected to the Wi-Fi all through every "
    "cut while the box went silent: most likely the box itself. Not settled: a weak signal can lose everything without dropping off the "
    "Wi-Fi; the reply's steps and the questions below tell them apart."
)
#: "Not tested": what the link leaves open, or why it was not read
#: agent rounds 82-85 ("the card's length"): the parts that may be at fault are named once, on the cause's "Not settled" line;
#: on a cable, why they stay open too (agent round 89: REC_OPEN_LINK_DOWN_CABLE)
REC_UNTESTED_LINK_DOWN_WIFI = N_(
    "Why the Wi-Fi dropped: the signal (distance, walls, interference), this computer's Wi-Fi, or the box's Wi-Fi or power look the same "
    "from here; the signal's strength during the cuts was not recorded, nor other devices at home."
)
REC_UNTESTED_LINK_UP_CABLE = N_(
    "The box itself, or a device between it and this computer on the same cable (a switch, a powerline adapter): from this computer both "
    "look the same (its link up, the box silent), and other devices at home were not recorded."
)
REC_UNTESTED_LINK_UP_WIFI = N_(
    "Whether the Wi-Fi signal carried data during the cuts: staying connected to the Wi-Fi does not show it, and the signal's strength "
    "was not recorded, nor other devices at home."
)
REC_UNTESTED_LINK_MIXED = N_(
    "Which of the two, the cable or Wi-Fi or the box itself: this computer's own link went down in some cuts and not in others (see What "
    "proves it), so both may be at fault."
)
REC_LINK_NOT_RECORDED = N_("Whether this computer's own link (its cable or Wi-Fi connection) went down during the cuts: not recorded, because {why}.")
REC_LINK_WHY = {
    "not_recorded": N_("this recording was made by an earlier version of selfcheck, which did not read it"),
    "no_interface": N_("the connection the internet box is reached through was not found among this computer's network connections"),
    "failed": N_("this computer's system did not give its connections' state"),
    "still_looking": N_("the recording ended before the connection was found"),
    "no_reading": N_("it was not read during the cuts"),
}
#: what each of the reply's questions tells, by what the link did (what it settled needs no question)
#: agent rounds 82-85 ("the card's length"): the same answers and what each tells, in fewer words
#: agent round 89 (cuts-sometimes, 3 and 4 minutes: the card's length): the reply says the cable step and points to the box's
#: restart on the customer's screen; what each answer tells, in fewer words (the parts left are the open line's, above)
#: agent round 92 (3 minutes each, the card's length): the same answers in fewer words
#: agent round 96 (4 minutes: "the 'not settled' part (I had to be sure the steps cover every candidate, and they do)"): one
#: line a candidate of the cause's "Not settled" line, in its order, which is the reply's steps' ({cable}, {restart}: their numbers)
TELLS_LINK_DOWN_CABLE = (
    N_("Stopped after step {cable} (the cable): the cable or its sockets."),
    N_("Stopped after step {restart} (the restart), or other devices drop too, or the box's lights go out: the box (its port or power)."),
    N_("Still cutting out after both, with another cable, other devices fine: this computer's network adapter."),
    # agent round 57: "If there's a device in between, the link is actually going down at that device": the link read on this
    # computer is its link to whatever its cable plugs into
    N_("Through another small box (a switch, a powerline adapter): that device may be what drops."),
)
TELLS_LINK_DOWN_WIFI = (
    N_("Stopped after the Wi-Fi step (next to the box, or on a cable): the Wi-Fi signal; after the restart: the box."),
    N_("Other devices drop at the same moments: the box's Wi-Fi or power; if not: this computer's Wi-Fi or where it is."),
)
TELLS_LINK_UP_CABLE = (
    N_(
        "Stopped after the restart: the box; after connecting the computer straight to the box: the device that was between them (a switch, a powerline adapter)."
    ),
    N_("Other devices drop at the same moments: the box itself; if not: a device between them, or this computer."),
)
TELLS_LINK_UP_WIFI = (
    N_("Stopped after the restart: the box; after the Wi-Fi step (next to the box, or on a cable): the Wi-Fi signal, though it stayed connected."),
    N_("Other devices drop at the same moments: the box itself; if not: this computer's Wi-Fi."),
)
REC_ASK_BUSY = (
    N_("Does the customer know the program “{name}”, and did they start it (a backup, an update, a game)?"),
    N_("Does the problem happen only while that program runs?"),
)


def _network_passed(scan: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    """The network checks of ``scan`` (its results, hostile) that passed: where a recording saw cuts, they ran between them."""
    listed = scan.get("results")
    return [
        r
        for r in (listed if isinstance(listed, list) else [])
        if isinstance(r, Mapping) and str(r.get("id") or "").startswith("network.") and r.get("status") in ("pass", "info")
    ]


def _not_ruled_out(card: SupportCard, passed: Sequence[Mapping[str, Any]]) -> None:
    """``card``'s "Ruled out" without the lines of the checks in ``passed`` (each check's line, as "Ruled out" words it, and
    the lines under it with it): checks that ran between cuts do not rule them out."""
    heads = tuple(_("{title}: {summary}").format(title=_title(r), summary="") for r in passed)
    worded = {_ruled_out_line(r) for r in passed}
    kept: list[str] = []
    dropping = False
    for line in card.ruled_out:
        if not line.startswith(SUB_ITEM):
            dropping = line.startswith(heads) or line in worded
        if not dropping:
            kept.append(line)
    card.ruled_out = kept


def _screen_recorded(scan: Mapping[str, Any]) -> bool:
    """Whether the customer's screen in ``scan`` (its diagnosis' verdict) says what their recording found (verdict.recorded)."""
    diagnosis = scan.get("diagnosis")
    told = diagnosis.get("verdict") if isinstance(diagnosis, Mapping) else None
    return isinstance(told, Mapping) and told.get("recorded") in ("cuts", "busy")


def recorded_cause(
    card: SupportCard,
    recording: Mapping[str, Any] | None,
    scan: Mapping[str, Any],
    facts: Mapping[str, Any] | None = None,
    provider: bool = False,
    call_contact: Any = None,
) -> None:
    """Where the scan found no cause: the recording's, when it saw one (the connection cut out, or a program keeping the
    processor busy at the customer's mark with the connection fine), with its reply and questions; else the card is left.
    A computer on a cable only (``facts``' network.link) is sent the cable's step and asked about it, not the Wi-Fi's. Where
    the recorder asked the internet box (record.box_verdict), the cuts' place is settled: between this computer and the box
    (the cable or Wi-Fi, or the box) or beyond it (the line); the steps and questions follow, and "Not tested" says what the
    recording leaves open, or why the box was not asked."""
    from selfcheck import recorded
    from selfcheck.history.record import limit_of, seen

    found = seen(recording) if isinstance(recording, Mapping) else None
    todo = recorded.plan(found, facts)  # what to try, in which order: the customer's verdict says the same steps
    if found is None or not todo.kind:
        return
    traffic = found.traffic  # agent round 49: only the support server stopped ("went_on"): not cut_out, "Recorded" says it
    # how long it recorded, as recorded.watch_duration says a watch's limit: under a minute in seconds ("16 s", not "1 min")
    recorded_seconds = max(1, round(found.seconds))
    amount = recorded_seconds if recorded_seconds < 60 else round(recorded_seconds / 60)
    length = (_("{n} s") if recorded_seconds < 60 else _("{n} min")).format(n=amount)
    cable = todo.cable
    where = todo.where  # where the cuts are, by the internet box's answers (record.box_verdict)
    link = found.link  # what this computer's own link did in the cuts (record.link_verdict)
    link_asked: tuple[str, ...] = ()  # what the reply's questions tell by it, where it settles cable (or Wi-Fi) against box
    wifi = todo.wifi
    settled = False  # the cuts settled (the whole connection fell): high confidence
    if found.cut_out:
        box = found.box
        typical = found.typical_cut
        if typical is None:  # one cut, the mark in it, not over when the recording ended
            # one cut at the mark: "1 min recorded" is « 1 min enregistrée » in French, 5 « enregistrées »: plural entries
            card.cause = ngettext(
                "The connection cut out at the customer's mark, and was not back when the recording ended ({length} recorded)",
                "The connection cut out at the customer's mark, and was not back when the recording ended ({length} recorded)",
                amount,
            ).format(length=length)
        elif len(found.cuts) == 1:
            card.cause = ngettext(
                "The connection cut out at the customer's mark: for about {seconds} s, in {length} recorded",
                "The connection cut out at the customer's mark: for about {seconds} s, in {length} recorded",
                amount,
            ).format(seconds=round(typical), length=length)
        elif traffic == "fell" or (where == "between" and traffic != "went_on"):
            # agent round 50: "the 'medium' confidence made me pause": the whole connection fell, settled; a box gone silent
            # with the support server is the whole connection too (everything goes through it)
            words = REC_CUTS_SETTLED_MARKED if found.marked_cut else REC_CUTS_SETTLED
            card.cause = _(words).format(count=len(found.cuts), seconds=round(typical), length=length)
            settled = True
        else:
            words = REC_CUTS_CAUSE_MARKED if found.marked_cut else REC_CUTS_CAUSE
            card.cause = _(words).format(count=len(found.cuts), seconds=round(typical), length=length)
        card.cause_id = "recording.cuts"
        if todo.link is not None:  # agent round 54: where the box went silent, the link settles which
            by_link = {
                ("down", False): (REC_CUTS_LINK_DOWN_CABLE, "", TELLS_LINK_DOWN_CABLE),
                ("down", True): (REC_CUTS_LINK_DOWN_WIFI, REC_UNTESTED_LINK_DOWN_WIFI, TELLS_LINK_DOWN_WIFI),
                ("up", False): (REC_CUTS_LINK_UP_CABLE, REC_UNTESTED_LINK_UP_CABLE, TELLS_LINK_UP_CABLE),
                ("up", True): (REC_CUTS_LINK_UP_WIFI, REC_UNTESTED_LINK_UP_WIFI, TELLS_LINK_UP_WIFI),
            }
            note, untested, link_asked = by_link[(todo.link, wifi)]
            where_said = {("down", True): REC_WHERE_LINK_DOWN_WIFI}.get((todo.link, wifi))  # on a cable: its own settled line
            if settled and (todo.link, wifi) == ("down", False):  # agent round 92: where, once; the figures under What proves it
                card.cause = _(REC_CUTS_LINK_DOWN_CABLE_SETTLED)
            elif settled and where_said:  # agent rounds 82-85: one line leads, what cuts and where the link puts it
                card.cause = _(REC_CUTS_AND_WHERE).format(cuts=card.cause, where=_(where_said))
            else:
                card.cause_note = _(note)
            still_open = {("down", False): REC_OPEN_LINK_DOWN_CABLE, ("down", True): REC_OPEN_LINK_DOWN_WIFI}.get((todo.link, wifi))
            card.cause_open = _(still_open) if still_open else ""
            if untested:  # on a cable, said on the open line (agent round 89)
                card.not_tested.append(_(untested))
        elif where == "between":
            card.cause_note = _(REC_CUTS_BETWEEN_CABLE if cable else REC_CUTS_BETWEEN)
            if link is not None and link.verdict == "mixed":
                card.not_tested.append(_(REC_UNTESTED_LINK_MIXED))
            else:
                card.not_tested.append(_(REC_UNTESTED_BETWEEN_CABLE if cable else REC_UNTESTED_BETWEEN))
                why = (link.not_recorded if link is not None else "") or "no_reading"
                card.not_tested.append(_(REC_LINK_NOT_RECORDED).format(why=_(REC_LINK_WHY.get(why, REC_LINK_WHY["not_recorded"]))))
        elif where == "beyond":
            card.cause_note = _(REC_CUTS_BEYOND)
            card.not_tested.append(_(REC_UNTESTED_BEYOND))
        elif box is not None and box.not_asked:
            card.cause_note = _(REC_CUTS_OPEN_UNTESTED_CABLE if cable else REC_CUTS_OPEN_UNTESTED)
            if box.not_asked == "never_answered":
                ports = ", ".join(str(p) for p in box.ports)
                card.not_tested.append(_(REC_BOX_NEVER).format(address=inert(box.address), ports=ports or "?"))
            else:
                why = _(REC_BOX_WHY.get(box.not_asked, REC_BOX_WHY["not_recorded"]))
                if box.not_asked == "no_gateway" and box.looks > 1:
                    why = _(REC_BOX_NO_ROUTE_AGAIN).format(count=box.looks)
                card.not_tested.append(_(REC_BOX_NOT_ASKED).format(why=why))
        else:  # asked, and its answers do not agree (or too few between the cuts): the figures are under What proves it
            card.cause_note = _(REC_CUTS_OPEN_CABLE if cable else REC_CUTS_OPEN)
            card.not_tested.append(_(REC_BOX_UNSETTLED_WHY.get(box.unsettled, REC_BOX_UNSETTLED) if box is not None else REC_BOX_UNSETTLED))
        listed = scan.get("results")
        at_rest = _network_passed(scan)
        if at_rest:  # they passed between cuts: not "Ruled out"
            _not_ruled_out(card, at_rest)
            everything_fine = all(r.get("status") in ("pass", "info") for r in (listed if isinstance(listed, list) else []) if isinstance(r, Mapping))
            if everything_fine and _screen_recorded(scan):
                # round 82: the customer's screen says what the recording found (verdict.recorded); only the results were
                # made between the cuts: round 92, their heading says so, once (between_cuts), not the cause
                card.between_cuts = True
                card.screen_recorded = True
                card.recording = _checks_ran_between(card.recording)
            elif everything_fine:  # the customer's screen said "Everything we checked looks fine": why, under the cause
                card.at_rest = _(REC_AT_REST_WHY_ONE) if len(at_rest) == 1 else _(REC_AT_REST_WHY).format(count=len(at_rest))
                card.screen_note = card.screen_note or _(REC_SCREEN_NOTE)
            else:
                card.at_rest = _(REC_AT_REST_ONE) if len(at_rest) == 1 else _(REC_AT_REST).format(count=len(at_rest))
        tells: tuple[str, ...]  # what each of the reply's questions tells (the reply asks them: not asked again)
        if where == "beyond":
            tells = TELLS_BEYOND
        elif link_asked:
            tells = link_asked
        elif where == "between":
            tells = TELLS_BETWEEN_CABLE if cable else TELLS_BETWEEN
        else:
            tells = TELLS_CUTS_CABLE if cable else TELLS_CUTS
        card.answers = [_(t) for t in tells]
        if tells is TELLS_LINK_DOWN_CABLE:  # the reply says each of the plan's steps, then a watch: step 1, 3…
            numbers = {step: 2 * n + 1 for n, step in enumerate(todo.steps)}
            card.answers = [line.format(cable=numbers.get(recorded.CABLE, 1), restart=numbers.get(recorded.RESTART, 3)) for line in card.answers]
        card.next_question = ""
    else:
        name = inert(" ".join(found.busy_name.split())[:40])
        card.cause = _(REC_BUSY_CAUSE if found.measured else REC_BUSY_CAUSE_UNMEASURED).format(
            name=name, cpu=round(found.busy_cpu or 0), share=round(found.busy_share)
        )
        card.cause_id = "recording.busy"
        card.next_question = "\n".join(_(q).format(name=name) for q in REC_ASK_BUSY)
    card.confidence = "high" if settled else "medium"
    card.confidence_scope = "" if settled else _(REC_CONFIDENCE)
    card.proof = [*card.recording, *card.proof]  # what proves it is the recording: said there, not twice
    card.recording = []
    # the customer's screen's watching lasts as long as this recording's could (its limit, as their window's Record dialog
    # had it): the reply's watch steps say the same limit (recorded.watch_duration: "1 minute", "5 minutes", "30 seconds")
    seconds_watched = (limit_of(recording) if isinstance(recording, Mapping) else None) or recorded.watch_seconds()
    restart_at = 0  # the box's restart's number among the customer's screen's steps, where the reply says them short (below)
    with language(str(scan.get("language") or "") or "en"):  # the reply in the customer's language, as reply_draft's
        said = recorded.saw(found)
        # agent round 84 (both agents added the screen's "click 'Watch again while it happens'" by hand): each step, then the
        # watch that tells whether it did it, as the customer's screen says them (recorded.watched_steps)
        to_say = recorded.watched_steps(todo, seconds_watched) if found.cut_out else []
        steps = [f"{n}. {text}" for n, text in enumerate(to_say, 1)]
        if found.cut_out and where == "beyond":  # the line: the restart, what the box's lights do, then who checks the line
            line = _call_us(REC_REPLY_LINE_OURS, call_contact_words(call_contact)) if provider else _(REC_REPLY_LINE)
            reply = [_(REPLY_HELLO), said, _(REC_REPLY_TRY), *steps, *_then(REC_REPLY_ASK_BEYOND), line]
        elif found.cut_out and todo.link == "down":  # the link dropped: the cable or the Wi-Fi first, then the box
            meanwhile = [_(REC_REPLY_MEANWHILE_WIFI)] if todo.meanwhile_wifi else []
            asked = _then(REC_REPLY_ASK if wifi else REC_REPLY_ASK_LINK_DOWN_CABLE)
            restart_at = 0 if wifi else _screen_step(scan, to_say, recorded.rec_restart_step())
            if restart_at == 3:  # agent rounds 89-92: the cable step, its watch, then the box's restart and one more watch, short
                watch = _(REC_REPLY_WATCH_SHORT).format(
                    button=_(recorded.WATCH_AGAIN), start=_(recorded.START_WATCHING), duration=recorded.watch_duration(seconds_watched)
                )
                short = [f"1. {_(REC_REPLY_CABLE_SHORT)}", f"2. {watch}", f"3. {_(REC_REPLY_RESTART_SHORT)}"]
                # agent round 94 (b added "If you already did these steps, just tell us": "The customer's screen already gave
                # the same steps, and nothing says whether they tried them"): as the other cards' drafts say it
                reply = [_(REPLY_HELLO), said, _(REC_REPLY_TRY), *short, _(REC_REPLY_ALREADY_DONE), *meanwhile, *asked]
            else:
                reply = [_(REPLY_HELLO), said, _(REC_REPLY_TRY_EACH), *steps, *meanwhile, *asked]
        elif found.cut_out:  # one at a time, in the plan's order, then which one stopped it
            reply = [_(REPLY_HELLO), said, _(REC_REPLY_TRY_EACH), *steps, *_then(REC_REPLY_ASK)]
        else:
            named = recorded.plain_program(found.busy_name)  # a name a customer can read, or none (then "another program", nothing to close)
            reply = [_(REPLY_HELLO), said, _(REC_REPLY_BUSY_KNOWN).format(name=named) if named else "", _(REC_REPLY_BUSY_HELP)]
        card.reply = "\n".join(line for line in reply if line)
    # the notes were the reply's that found no cause: now which of the customer's screen's steps this one carries
    card.reply_note = [note for note in [_fewer_words_note(scan, card.reply) if restart_at == 3 else screen_steps_note(scan, card.reply)] if note]
    if found.cut_out and todo.link == "down" and not wifi and not todo.meanwhile_wifi:  # agent round 89 added "use the Wi-Fi meanwhile"
        card.reply_note.append(_(REPLY_NOTE_NO_WIFI))


def _fewer_words_note(scan: Mapping[str, Any], reply: str) -> str:
    """For a reply whose three steps say the customer's screen's first four (the cable step, its watch, the box's restart and
    one more watch): that the screen gives the same steps in more words, in one line with no step number for the agent to
    check (agent round 93), then what the screen has that the reply has not: its last step, to contact support, and how many
    of its other steps after the first four the reply leaves out (a line the reply has after its steps, using the Wi-Fi
    meanwhile, is not left out), as the bundle's verdict lists them."""
    from selfcheck.verdict import CUTS_STILL_STEP

    text, listed = _verdict_action(scan)
    screen = [t for t in (text, *listed) if t]
    with language(str(scan.get("language") or "") or "en"):
        contact = _(CUTS_STILL_STEP)
    lines = {line.strip() for line in reply.splitlines()}
    later = screen[4:]
    ends_on_contact = bool(later) and later[-1] == contact
    left_out = sum(1 for step in (later[:-1] if ends_on_contact else later) if step not in lines)
    if not left_out:  # agent rounds 97-100: no agent used "the same steps, in more words, then says to contact support"
        return ""
    said = [_(REPLY_NOTE_SCREEN_SAME_STEPS_CONTACT if ends_on_contact else REPLY_NOTE_SCREEN_SAME_STEPS)]
    said.append(
        ngettext("It also has {count} step this reply leaves out.", "It also has {count} steps this reply leaves out.", left_out).format(count=left_out)
    )
    return " ".join(said)


def _screen_step(scan: Mapping[str, Any], steps: Sequence[str], step: str) -> int:
    """The number of ``step`` (its start, in the customer's language) among the customer's screen's steps (the bundle's verdict),
    where the screen says ``steps`` in the same words and order; 0 where it does not (an older screen, another plan)."""
    text, listed = _verdict_action(scan)
    screen = [t for t in (text, *listed) if t]
    if not steps or screen[: len(steps)] != list(steps):
        return 0
    return next((n for n, said in enumerate(steps, 1) if said.startswith(step)), 0)


CLOCK_NAME_NOT_FOUND = N_("{reason}: the time server's name ({server}) could not be found, because “{cause}” failed")
#: network.clock's one "could not check" sentence (checks/network_clock.py: no time server answered, and no website's date)
CLOCK_NOT_COMPARED = N_("The clock could not be compared with a time server.")


def _skip_reason(result: Mapping[str, Any], facts: Mapping[str, Any]) -> str:
    """Why a check did not conclude, as "Not tested" says it: its summary as recorded (the customer's language), but the date
    and time check's, which its facts tell (it asked time servers and none gave the time), in the reader's words: review 48, a
    French card of the line-down case read « Date et heure : The clock could not be compared with a time server : le nom du
    serveur de temps … »."""
    clock = facts.get("network.clock")
    if result.get("id") == "network.clock" and isinstance(clock, Mapping) and isinstance(clock.get("ntp"), Mapping) and clock["ntp"]:
        return _(CLOCK_NOT_COMPARED)
    return str(result.get("summary") or "")


def _names_not_found(clock: Mapping[str, Any]) -> list[str]:
    """The time servers whose names could not be found, when no time server was reached at all (else [])."""
    ntp = clock.get("ntp") if isinstance(clock, Mapping) else None
    if not isinstance(ntp, Mapping) or not ntp or isinstance(clock.get("http_offset_s"), int | float):
        return []
    statuses = {str(k): (r.get("status") if isinstance(r, Mapping) else None) for k, r in ntp.items()}
    return [inert(k[:80]) for k in statuses] if all(v == "not_found" for v in statuses.values()) else []


def clock_offset(facts: Mapping[str, Any]) -> float | None:
    """How far behind (positive) this computer's clock was, by the time servers asked (their median), or None."""
    clock = facts.get("network.clock") or {}
    ntp = clock.get("ntp") if isinstance(clock, Mapping) else None
    offsets = [
        float(r["offset_s"])
        for r in (ntp.values() if isinstance(ntp, Mapping) else ())
        if isinstance(r, Mapping) and isinstance(r.get("offset_s"), int | float)
    ]
    return sorted(offsets)[len(offsets) // 2] if offsets else None


def _pick(texts: Mapping[str, Any]) -> str:
    from selfcheck.i18n import pick

    return pick({str(k): str(v) for k, v in texts.items()})


#: a card that cannot be made again from a bundle (a fault in this version, facts it does not expect): support is told, not
#: shown an older card as if it were this version's (the cuts engineer of stop 43 saw `show` print the saved card silently)
CARD_SAVED_INSTEAD = N_(
    "This version of selfcheck could not make the support card again from this bundle (the reason is in its log). "
    "Below is the card saved in the bundle when it was made, perhaps in the customer's language."
)
CARD_NONE = N_(
    "This version of selfcheck could not make the support card from this bundle (the reason is in its log). "
    "The customer's screen and every result below are complete."
)


def for_reading(
    opened: Any,
    registry: Any = None,
    symptoms: Mapping[str, Any] | None = None,
    provider: bool = False,
    team_contact: str = "",
    call_contact: Any = None,
) -> tuple[SupportCard | None, str]:
    """The card support reads: made now from the bundle (note ""); if that fails, the card saved in the bundle with a note
    saying so; if there is none (or it is damaged), None with a note. Never raises: the card never stops a bundle opening."""
    try:
        return from_bundle(opened, registry, symptoms, provider, team_contact, call_contact), ""
    except Exception:
        log.exception("support card")
    from selfcheck.bundle.read import part_json

    try:
        data = part_json(opened.files or {}, "support-card.json")  # read as every other optional part: damaged, none
        saved = SupportCard.from_dict(data) if isinstance(data, dict) else None
    except Exception:
        log.exception("saved support card")
        saved = None
    return (saved, _(CARD_SAVED_INSTEAD)) if saved is not None else (None, _(CARD_NONE))


def from_bundle(
    opened: Any,
    registry: Any = None,
    symptoms: Mapping[str, Any] | None = None,
    provider: bool = False,
    team_contact: str = "",
    call_contact: Any = None,
) -> SupportCard:
    """The card of an opened bundle (:class:`selfcheck.bundle.read.OpenedBundle`), computed from what it holds."""
    from selfcheck.bundle.read import part_json

    scan = opened.scan.to_dict() if opened.scan is not None else {}
    facts = {str(k): v for k, v in (getattr(opened.scan, "facts", None) or {}).items() if isinstance(v, Mapping)}

    def part(name: str) -> Mapping[str, Any] | None:
        return part_json(opened.files or {}, name)  # damaged, too deep, NaN: None (a help, never a reason to fail)

    return build(
        scan,
        facts,
        description=opened.description,
        system=opened.system,
        history=part("history.json"),
        repairs=part("repairs.json"),
        reference=str(opened.manifest.get("reference") or "") or None,
        registry=registry,
        symptoms=symptoms,
        missing=opened.manifest.get("skipped") if isinstance(opened.manifest.get("skipped"), list) else None,
        named_site=part("named-site.json"),
        provider=provider,
        recording=part("recording/recording.json"),
        team_contact=team_contact,
        call_contact=call_contact,
    )
