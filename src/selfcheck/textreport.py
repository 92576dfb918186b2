"""Terminal output: a progress line while scanning and a readable report."""

from __future__ import annotations

import json
import os
import re
import shutil
import sys
import textwrap
from collections.abc import Collection, Mapping
from typing import IO, Any

from selfcheck.api import CATEGORIES, CATEGORY_TITLES, Result, Status
from selfcheck.diagnosis import chain_roots
from selfcheck.i18n import N_, _, ngettext, phone_numbers_together
from selfcheck.inert import InertStream, inert, inert_json
from selfcheck.verdict import ALSO, LATER, Verdict, icon_status
from selfcheck.verdict import of_scan as verdict_of

ICONS = {Status.PASS: "✔", Status.INFO: "ℹ", Status.WARN: "⚠", Status.FAIL: "✖", Status.ERROR: "?", Status.SKIP: "–"}
#: for terminals and files that cannot show those (a Windows console redirected to a cp1252 file)
ASCII_ICONS = {Status.PASS: "+", Status.INFO: "i", Status.WARN: "!", Status.FAIL: "x", Status.ERROR: "?", Status.SKIP: "-"}
COLORS = {Status.PASS: "32", Status.INFO: "36", Status.WARN: "33", Status.FAIL: "31", Status.ERROR: "35", Status.SKIP: "90"}


def use_color(stream: IO[str]) -> bool:
    return stream.isatty() and not os.environ.get("NO_COLOR") and os.environ.get("TERM") != "dumb"


def _paint(text: str, code: str, color: bool) -> str:
    return f"\033[{code}m{text}\033[0m" if color else text


class Progress:
    """``[#####-----] 5/12 Checking: Storage`` on stderr, when it is a terminal."""

    def __init__(self, total: int, enabled: bool, stream: IO[str] | None = None) -> None:
        self.total, self.done, self.enabled = max(total, 1), 0, enabled
        self.stream = stream or sys.stderr
        self.current = ""

    def event(self, event: str, check_id: str, payload: Any) -> None:
        if event == "started":  # a company check's title: inert, as the report's lines
            self.current = inert(payload, keep_lines=False)
        elif event == "finished":
            self.done += 1
        else:
            return
        self._draw()

    def _draw(self) -> None:
        if not self.enabled:
            return
        width = 24
        filled = int(width * min(self.done, self.total) / self.total)
        line = f"[{'#' * filled}{'-' * (width - filled)}] {self.done}/{self.total} " + _("Checking: {what}").format(what=self.current)
        cols = shutil.get_terminal_size((80, 20)).columns
        self.stream.write("\r" + line[: cols - 1].ljust(cols - 1))
        self.stream.flush()

    def close(self) -> None:
        """Clear the line (once: later calls do nothing)."""
        if self.enabled:
            self.enabled = False
            cols = shutil.get_terminal_size((80, 20)).columns
            self.stream.write("\r" + " " * (cols - 1) + "\r")
            self.stream.flush()


# French puts a space before « : ; ? ! » and inside « »: a line must never start with
# that punctuation or end with an opening quote, so those spaces are held while wrapping.
_GLUED_SPACE = re.compile(r" (?=[:;?!»])|(?<=«) ")
_HELD = "\x00"


def _wrap(text: str, indent: str, subsequent: str | None = None) -> str:
    width = min(100, shutil.get_terminal_size((100, 20)).columns)
    held = _GLUED_SPACE.sub(_HELD, text)
    wrapped = textwrap.fill(held, width=width, initial_indent=indent, subsequent_indent=indent if subsequent is None else subsequent, break_on_hyphens=False)
    return wrapped.replace(_HELD, " ")


def _notes(n: int, aside: int) -> str:
    """“1 note”, or with notes folded at the end: “1 note (unrelated, at the end)”, “3 notes (2 unrelated, at the end)”."""
    if aside and aside >= n:
        return ngettext("{n} note (unrelated, at the end)", "{n} notes (unrelated, at the end)", n)
    if aside:
        return ngettext("{n} note ({m} unrelated, at the end)", "{n} notes ({m} unrelated, at the end)", n)
    return ngettext("{n} note", "{n} notes", n)


def counts_line(results: list[Result], aside: int = 0, partly: int = 0) -> str:
    """“15 checks: 9 OK, 1 note, 3 warnings, 1 problem, 1 failing only because of it, 1 not checked.”

    A problem that only follows from another is counted apart, so the problems here are the ones “… need attention
    now” counts above (agent round 3 stopped at “2 problems (1 of them caused by another)” beside “1 problem”).
    ``aside``: how many of the notes are folded at the end as unrelated to the complaint: said so (agent round 16: the
    “1 note” counted was not to be seen among the results). ``partly``: how many OKs the support card's cause qualifies
    (shown “◐ partly”): counted apart from the OKs, as the list shows them."""
    following = [r for r in results if r.status in (Status.WARN, Status.FAIL) and r.consequence_of]
    own = [r for r in results if r not in following]
    counts = {status: sum(1 for r in own if r.status is status) for status in Status}
    roots = counts[Status.WARN] + counts[Status.FAIL]
    partly = min(partly, counts[Status.PASS])
    parts = [
        (counts[Status.PASS] - partly, _("{n} OK")),
        (partly, ngettext("{n} partly", "{n} partly", partly)),
        (counts[Status.INFO], _notes(counts[Status.INFO], aside)),
        (counts[Status.WARN], ngettext("{n} warning", "{n} warnings", counts[Status.WARN])),
        (counts[Status.FAIL], ngettext("{n} problem", "{n} problems", counts[Status.FAIL])),
        (
            len(following),
            ngettext("{n} failing only because of it", "{n} failing only because of it", len(following))
            if roots == 1
            else ngettext("{n} failing only because of another", "{n} failing only because of others", len(following)),
        ),
        (counts[Status.ERROR], ngettext("{n} could not be checked", "{n} could not be checked", counts[Status.ERROR])),
        (counts[Status.SKIP], ngettext("{n} not checked", "{n} not checked", counts[Status.SKIP])),
    ]
    detail = _(", ").join(text.format(n=n, m=aside) for n, text in parts if n)
    return ngettext("{n} check: {detail}.", "{n} checks: {detail}.", len(results)).format(n=len(results), detail=detail)


_DISPLAY_ORDER = {Status.FAIL: 0, Status.ERROR: 1, Status.WARN: 2, Status.INFO: 3, Status.PASS: 3, Status.SKIP: 4}


def can_show_symbols(stream: IO[str]) -> bool:
    """Whether the stream's encoding can write the status symbols and arrows."""
    try:
        "".join(ICONS.values()).encode(getattr(stream, "encoding", None) or "utf-8")
        "→“”«»".encode(getattr(stream, "encoding", None) or "utf-8")
    except (UnicodeEncodeError, LookupError):
        return False
    return True


def json_for(stream: IO[str], data: Any) -> str:
    """JSON text for ``stream``: readable UTF-8 when it can take it, \\u escapes otherwise (never "?")."""
    encoding = (getattr(stream, "encoding", None) or "utf-8").lower().replace("-", "").replace("_", "")
    return inert_json(json.dumps(data, indent=2, ensure_ascii=not encoding.startswith("utf")))


#: support's view (selfcheck show) of a scan made between the cuts a recording shows: said before the results, on its own line
BETWEEN_CUTS_FIRST = N_("These checks ran between the cuts, while the connection worked: an OK here says nothing about the cuts.")
#: support's view (selfcheck show): the first problem's steps, already under "What to do now" above, not printed twice
STEPS_ABOVE = N_("The steps above, under “What to do now”.")


def format_verdict(v: Verdict, icons: dict[Status, str], arrow: str, color: bool, screen_note: str = "") -> list[str]:
    """The verdict as the customer reads it first: headline, cause, the one action, then the problems by urgency.
    ``screen_note``: support's note under the steps (what the contact button they name reads)."""
    lines: list[str] = []
    status = icon_status(v.icon)
    lines.append(_paint(_wrap(f"{icons[status]} {v.headline}", "", "  "), "1;" + COLORS[status], color))
    if v.cause:
        lines.append(_wrap(_("Why: {cause}").format(cause=v.cause), "  "))
    if v.action:
        if v.action.steps:  # several steps: numbered from 1, the first one included
            lines.append(_wrap(_("What to do now:"), "  "))
            for number, step in enumerate([v.action.text, *v.action.steps], 1):
                lines.append(_wrap(f"{number}. {step}", "    ", "       "))
        else:
            lines.append(_wrap(_("What to do now: {action}").format(action=v.action.text), "  "))
        note = v.action.button_note()
        if note:
            lines.append(_wrap(note, "  "))
        if screen_note:
            lines.append(_wrap(screen_note, "  "))
    if v.count_line:
        lines.append(_paint(_wrap(v.count_line, "  "), "2", color))
    for group in (ALSO, LATER):
        items = v.group(group)
        if not items:
            continue
        lines.append("")
        lines.append(_paint(_("{title}:").format(title=v.group_title(group)), "1", color))
        for item in items:
            lines.append(_wrap(f"{icons[icon_status(item.icon)]} {item.summary}", "  ", "    "))  # the stakes, as the window
            if item.reassurance:
                lines.append(_wrap(item.reassurance, "    "))
    return lines


def format_scan(
    scan: Any,
    config: Any = None,
    color: bool = False,
    symbols: bool = True,
    aside: Collection[str] = (),
    marks: Mapping[str, str] | None = None,
    screen_note: str = "",
    partly: Collection[str] = (),
    steps_above: bool = False,
    titles: Mapping[str, str] | None = None,
    outside_cut: bool = False,
) -> str:
    """The report: the verdict and what to do first, other problems, then every result by category. Support's view, from
    the support card: ``aside``, ids of "for information" results unrelated to the complaint: one line at the end;
    ``marks``, a result's line in the card's words in place of its own summary (an OK the card's cause qualifies, a
    consequence's summary without its own advice); ``screen_note``, a line under the customer's steps; ``partly``, ids of OKs
    the card's cause contradicts (secure sites stopped beyond an "OK" internet): a neutral “◐ partly”, not the green tick;
    ``steps_above``, the first problem's steps, printed under "What to do now", not printed again in the list; ``titles``, a
    result's title as the card names it (supportcard.card_titles), so the card and the list agree; ``outside_cut``, the
    results were made outside the cuts the customer's recording shows: the list's heading says so (agent round 56)."""
    d = scan.diagnosis

    def title(r: Result) -> str:
        return (titles or {}).get(r.check_id) or r.title

    icons, arrow = (ICONS, "→") if symbols else (ASCII_ICONS, "->")
    lines: list[str] = []
    by_id = {r.check_id: r for r in scan.results}
    causes = {r.check_id: r.consequence_of for r in scan.results}
    verdict = verdict_of(scan)
    lines.extend(format_verdict(verdict, icons, arrow, color, screen_note))
    # the first problem's steps as the summary gives them (a button that does it first), so the list and the summary agree
    first = verdict.action if verdict.action is not None and verdict.action.check_id else None
    folded = [r for r in scan.results if r.check_id in aside and r.status is Status.INFO]
    # agent rounds 14-17: an OK the card's cause contradicts read as a contradiction: a neutral mark, "partly"
    half = {r.check_id for r in scan.results if r.check_id in partly and r.status is Status.PASS}
    half_label = f"{'◐' if symbols else '~'} {_('partly')}"
    if scan.results:
        lines.append("")
        counts = counts_line(scan.results, len(folded), len(half))
        # agent round 83: "seeing '10 checks OK' and needing the card's note to know why that doesn't matter": said here; agent
        # round 88: ", made between the cuts: none can see them" read "awkwardly worded": said plainly, as report.html says it;
        # round 92 ("the 'all checks OK' list looks reassuring at first glance, until you read that the checks ran between cuts"):
        # what they are worth, said here once (the card's cause no more says it)
        # agent round 98 (cuts-sometimes: "the '10 checks: 10 OK' line briefly looks reassuring, until you read the note"):
        # the heading itself says when they ran, next to the count
        heading = _("Every result, between the cuts — {counts}") if outside_cut else _("Every result — {counts}")
        lines.append(_paint(_wrap(heading.format(counts=counts), ""), "2", color))
    # agent round 96 (cuts-sometimes: "the 10 green checks: for a moment they look like nothing is wrong, until you read the
    # note that they ran between the cuts"): the OKs named in one line, no tick each; a result that is not OK keeps its own
    # lines below. Agent rounds 98-100 still paused there: the card's own line about the time between the cuts now says the
    # checks ran then (supportcard.CHECKS_RAN_THEN), and the heading says "between the cuts": the note under it, which said the
    # same a second time (BETWEEN_CUTS_FIRST, still report.html's and the window's only words for it), is not printed
    compact = [r for r in scan.results if outside_cut and r.status is Status.PASS and r.check_id not in half and r not in folded]
    if compact:
        lines.append(_wrap(_("OK: {checks}.").format(checks=_(", ").join(title(r) for r in compact)), "  ", "    "))
    groups: dict[str, list[Result]] = {}
    for r in scan.results:
        if r not in folded and r not in compact:
            groups.setdefault(r.category, []).append(r)
    # the status column fits the longest label in this language ("Vérification impossible")
    label_width = max([18, len(half_label) + 1] + [len(f"{icons[r.status]} {r.status.label}") + 1 for r in scan.results])
    body = " " * (label_width + 3)
    for category in [c for c in CATEGORIES if c in groups] + [c for c in groups if c not in CATEGORIES]:
        lines.append("")
        lines.append(_paint(_(CATEGORY_TITLES.get(category, category)), "1", color))
        for r in sorted(groups[category], key=lambda r: _DISPLAY_ORDER[r.status]):  # problems first, stable otherwise
            # the failures at the top of r's chain (names fail because the line is down: the line), as the support card names them
            roots = ", ".join(title(by_id[c]) for c in chain_roots(r.consequence_of, causes, below=r.check_id) if c in by_id)
            follows = bool(r.consequence_of) and r.status.is_problem and bool(roots)
            # a failure that only follows from another is not a second fault: its own mark, so a glance counts one
            label = (f"↳ {_('Because of it')}" if symbols else f"> {_('Because of it')}") if follows else f"{icons[r.status]} {r.status.label}"
            label = half_label if r.check_id in half else label
            neutral = follows or r.check_id in half
            lines.append(f"  {_paint(label.ljust(label_width), '90' if neutral else COLORS[r.status], color)} {title(r)}")
            if r.consequence_of and r.status is Status.SKIP and roots:  # the root of the chain, as the card names it
                lines.append(_wrap(_("Not checked, because of the problem found by {checks}.").format(checks=_("“{name}”").format(name=roots)), body))
            else:
                lines.append(_wrap((marks or {}).get(r.check_id) or r.summary, body))
            if follows:
                lines.append(_wrap(_("(follows from “{roots}”: not a separate problem)").format(roots=roots), body))
            elif r.status.is_problem and not r.consequence_of:
                steps = [first.text, *first.steps] if first is not None and first.check_id == r.check_id else r.advice
                if steps_above and first is not None and first.check_id == r.check_id:
                    # agent round 25: "the same advice appears three times (the reply, the ⚠ box and the list of results)"
                    steps = [_(STEPS_ABOVE)]
                for step in steps:
                    lines.append(_wrap(f"{arrow} " + step, body))
                if r.help_url:
                    lines.append(_wrap(_("More help: {url}").format(url=r.help_url), body))
    if folded:  # agent rounds 12-14: a note unrelated to the complaint read as noise: named, folded, in full in report.html
        folded_titles = _(", ").join(title(r) for r in folded)
        line = _("For information, unrelated to the complaint (in full in report.html): {titles}.").format(titles=folded_titles)
        lines.append("")
        lines.append(_paint(_wrap(f"{icons[Status.INFO]} {line}", "", "  "), "2", color))
    if scan.config_problems:
        lines.append("")
        lines.append(_("Settings problems (defaults were used):"))
        for p in scan.config_problems:
            where = (
                p["file"]
                + (_(", line {line}").format(line=p["line"]) if p.get("line") else "")
                + (_(", key {key}").format(key=p["key"]) if p.get("key") else "")
            )
            lines.append(_wrap(_("{where}: {message}").format(where=where, message=p["message"]), "  "))
    if scan.cancelled:
        lines.append("")
        lines.append(_("The scan was cancelled; some checks were not done."))
    contact = config.words("branding.support_contact") if config is not None else ""
    if contact and (d.root_causes or d.could_not_check):
        lines.append("")
        # a narrow terminal cut "01 23 45 67 / 89" where the customer reads it to dial: held together, as in the window
        # held while wrapping, printed with plain spaces: a number copied from the terminal into a phone or a dialler
        # keeps no no-break space (the window's copy turns them into plain spaces too)
        lines.append(_wrap(_("Need help? {contact}").format(contact=phone_numbers_together(contact, space=_HELD)), ""))
    return "\n".join(lines)


def print_scan(
    scan: Any,
    config: Any = None,
    color: bool = False,
    stream: IO[str] | None = None,
    aside: Collection[str] = (),
    marks: Mapping[str, str] | None = None,
    screen_note: str = "",
    partly: Collection[str] = (),
    steps_above: bool = False,
    titles: Mapping[str, str] | None = None,
    outside_cut: bool = False,
) -> None:
    out = stream or sys.stdout
    symbols = can_show_symbols(out)
    text = format_scan(
        scan,
        config,
        color,
        symbols=symbols,
        aside=aside,
        marks=marks,
        screen_note=screen_note,
        partly=partly,
        steps_above=steps_above,
        titles=titles,
        outside_cut=outside_cut,
    )
    # the summaries, advice and titles are the checks' words (a company check's may quote a command's output): inert
    print(text, file=InertStream(out, colors=color))
