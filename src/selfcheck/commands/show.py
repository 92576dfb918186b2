"""``selfcheck show FILE``: what a diagnostic bundle says, in a terminal (support side)."""

from __future__ import annotations

import argparse
import math
import sys
from typing import Any

from selfcheck.bundle.manifest import left_out_words
from selfcheck.i18n import N_, _, ngettext, os_error_text
from selfcheck.inert import inert
from selfcheck.wording import held_together

EXIT_PROBLEMS = 1  # the bundle was shown, but it is not intact (a checksum or a member does not match)
EXIT_UNREADABLE = 3  # the bundle was refused: not a bundle, damaged, hostile (links, too deep, too large)

#: the first line of a bundle made by a wrong clock: its "made" words (manifest.made_words) say so, and come last
MADE_BY_WRONG_CLOCK_LINE = N_("Bundle {reference}, from selfcheck {version} ({platform}), made {created}")
#: a bundle whose manifest gives no date it can be read as (none, or a number that is no date): said plainly, not "made ?"
NO_DATE_LINE = N_("Bundle {reference}, from selfcheck {version} ({platform}): the date it was made is missing")


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("show", parents=[common], help=_("show what a diagnostic bundle says (and check it is intact)"))
    p.add_argument("file", metavar="FILE", help=_("the bundle (.zip)"))
    p.add_argument("--reevaluate", action="store_true", help=_("judge the bundle's facts again with this version of selfcheck"))
    p.add_argument("--report", metavar="HTML", help=_("also write the report page (with --reevaluate: the new judgement) to this file"))
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from selfcheck import app as app_mod
    from selfcheck import textreport, wording
    from selfcheck.bundle import BundleError, read_bundle, report
    from selfcheck.bundle.inventory import os_short_name
    from selfcheck.bundle.redact import KINDS
    from selfcheck.inert import InertStream

    app = app_mod.start(args.config, args.lang)
    # everything printed from here on comes from the bundle in part: made inert on its way out
    out: Any = InertStream(sys.stdout)
    err: Any = InertStream(sys.stderr)
    try:
        opened = read_bundle(args.file, strict=False)
    except BundleError as exc:
        print(str(exc), file=err)
        return EXIT_UNREADABLE
    manifest = opened.manifest
    scan = opened.scan
    if args.reevaluate:
        from selfcheck.runner import reevaluate

        scan = reevaluate(app.registry, app.config, scan)
        _tell_recording(scan, opened, app.config)  # judged again, the customer's screen says what their recording found, as it did
    os_part = (opened.system or {}).get("os")
    # as report.html's heading says them, not "2026-12-07T09:24:00Z (linux)"; agent round 100: by a wrong clock, said in
    # the line itself (the next line explained it, after a pause), selfcheck's version before the long date
    made_at = report.made_iso(manifest.get("created_at"))  # a number (older, hostile): its date, if it is one
    created = wording.date_time(made_at)
    made = report.made_words(made_at, scan.facts if isinstance(scan.facts, dict) else None)
    if made_at is None:
        line = _(NO_DATE_LINE)
    else:
        line = _("Bundle {reference}, made {created} by selfcheck {version} ({platform})") if made == created else _(MADE_BY_WRONG_CLOCK_LINE)
    print(
        line.format(
            reference=manifest.get("reference", "?"),
            created=made,
            version=manifest.get("selfcheck_version", "?"),
            platform=os_short_name(os_part if isinstance(os_part, dict) else {}, scan.platform) or "?",
        ),
        file=out,
    )
    if opened.problems:
        print("", file=out)
        print(_("Warning: this bundle is not intact:"), file=out)
        for problem in opened.problems:
            print(f"  ! {problem}", file=out)
    else:
        print(_("Integrity: every file matches its checksum."), file=out)
    if args.reevaluate:
        print(_("Judged again with selfcheck {version}.").format(version=_current_version()), file=out)
    card, card_note = _card(app, opened, scan)
    if card_note:
        print("", file=out)
        print(card_note, file=out)
    if card is not None:
        print("", file=out)
        print(card.to_text(), file=out, end="")
        print("", file=out)
        print(card.ends, file=out)  # agent rounds 29-32: what follows repeats the card, for reference
    print("", file=out)
    # the card's "for information" notes unrelated to the complaint: one folded line at the end of the list
    # and its words for a result line (an OK its cause qualifies, a consequence without advice) and for the screen's contact button
    textreport.print_scan(
        scan,
        app.config,
        color=textreport.use_color(sys.stdout),
        stream=out,
        aside=card.aside if card is not None else (),
        marks=card.marks if card is not None else None,
        screen_note=card.screen_note if card is not None else "",
        partly=card.partly if card is not None else (),
        steps_above=True,  # agent round 25: the first problem's steps, in the customer's screen just above, not twice
        titles=_card_titles(card, scan),  # agent rounds 24-30: each check as the card names it
        outside_cut=card is not None and card.outside_cut,  # agent round 56: "10 checks: 10 OK" under "it cuts out"
    )
    description = opened.description
    if description and any(str(description.get(k) or "").strip() for k in ("problem", "since", "changed")):
        print("", file=out)
        print(_("What the user wrote:"), file=out)
        # each label with its colon in the catalogue: French writes a space before it (« Problème : … »)
        for label, key in ((_("Problem: {text}"), "problem"), (_("Since: {text}"), "since"), (_("Changed recently: {text}"), "changed")):
            if str(description.get(key) or "").strip():
                print("  " + label.format(text=description[key]), file=out)
    if manifest.get("symptom"):
        print(_("Kind of problem: {symptom}").format(symptom=manifest["symptom"]), file=out)
    _print_over_time(opened, out)
    totals: dict[str, int] = {}
    for item in manifest.get("redaction") or []:
        if isinstance(item, dict):  # read_bundle refused counts that are not whole numbers
            totals[str(item.get("kind"))] = totals.get(str(item.get("kind")), 0) + int(item.get("count") or 0)
    if totals:
        print("", file=out)
        print(
            _("Removed for privacy: {items}").format(
                items=", ".join(_("{label}: {value}").format(label=_(KINDS.get(k, k)), value=n) for k, n in sorted(totals.items()))
            ),
            file=out,
        )
    print(_("Files: {count}. Left out: {skipped}.").format(count=len(opened.files), skipped=len(manifest.get("skipped") or [])), file=out)
    disk = scan.facts.get("hardware.disk") if isinstance(getattr(scan, "facts", None), dict) else None
    for item in manifest.get("skipped") or []:
        if isinstance(item, dict):  # what was left out, and why: support must not guess
            # agent round 24: the history's "disk I/O error" on a full drive, said plainly (a bundle made before says it raw)
            path, reason = left_out_words(item)  # selfcheck's own words in the reader's language, not the customer's
            reason = _left_out_full(item, disk) or reason
            print("  - " + _("{label}: {value}").format(label=inert(path, keep_lines=False), value=inert(reason, keep_lines=False)), file=out)
    if args.report:
        try:
            _write_report(args.report, opened, scan, card)
        except OSError as exc:
            print(_("The report could not be written to {path} ({reason}).").format(path=args.report, reason=os_error_text(exc)), file=err)
            return EXIT_UNREADABLE
        print(_("Report written to {path}").format(path=args.report), file=out)
    return EXIT_PROBLEMS if opened.problems else 0


def _tell_recording(scan: Any, opened: Any, config: Any) -> None:
    """The verdict of a bundle's scan judged again says what the bundle's recording found (history.record.tell_in_verdict)."""
    import logging

    from selfcheck.bundle.read import part_json
    from selfcheck.history.record import tell_in_verdict

    try:
        tell_in_verdict(scan, part_json(opened.files, "recording/recording.json"), config)
    except Exception:  # noqa: BLE001 - a hostile bundle's recording never stops the bundle from showing
        logging.getLogger(__name__).exception("recording")


def _left_out_full(item: Any, disk: Any) -> str:
    """Why a part of selfcheck's own was left out, when the drive holding it is full (supportcard.left_out_full); else ""."""
    from selfcheck import supportcard

    try:
        return supportcard.left_out_full(item, disk)
    except Exception:  # noqa: BLE001 - a hostile bundle's odd facts never stop the bundle from showing
        return ""


def _card_titles(card: Any, scan: Any) -> dict[str, str]:
    """The card's name for the checks that have one, for the list under the card (supportcard.list_titles)."""
    from selfcheck import supportcard

    return supportcard.list_titles(card, (r.check_id for r in scan.results))


def _current_version() -> str:
    from selfcheck import __version__

    return __version__


def _card(app: Any, opened: Any, scan: Any) -> tuple[Any, str]:
    """The support card, computed now in the reader's language, and a note when it could not be (supportcard.for_reading)."""
    import dataclasses

    from selfcheck import supportcard

    return supportcard.for_reading(
        dataclasses.replace(opened, scan=scan),
        app.registry,
        app.config.section("symptoms"),
        app.config.get("support.internet_provider") is True,
        supportcard.network_team(app.config.get("support.network_team")),
        app.config.get("branding.support_contact"),
    )


def _write_report(path: str, opened: Any, scan: Any, card: Any = None) -> None:
    from pathlib import Path

    from selfcheck.bundle import report
    from selfcheck.bundle.read import part_json

    manifest = opened.manifest
    history: Any = part_json(opened.files, "history.json")
    html = report.render(
        scan=scan.to_dict(include_traceback=True),
        description=opened.description,
        system=opened.system,
        redaction=manifest.get("redaction") or [],
        files=[{"path": f.get("path"), "size": f.get("size")} for f in manifest.get("files") or [] if isinstance(f, dict)],
        skipped=manifest.get("skipped") or [],
        limits_hit=manifest.get("limits_hit") or [],
        meta={k: manifest.get(k) for k in ("reference", "bundle_id", "created_at", "selfcheck_version")},
        support_card=card.to_dict() if card is not None else None,
        facts=scan.facts if isinstance(scan.facts, dict) else None,
        # s32: the page this wrote left out what the bundle's own report.html shows: the history and the recording's chart
        history=history if isinstance(history, dict) else None,
        timeline_svg=_timeline(opened),
    )
    Path(path).write_text(html, encoding="utf-8")


def _timeline(opened: Any) -> str | None:
    """The recording's chart drawn here from the bundle's recording.json (the bundle's own drawing is never put in the page:
    a received bundle's SVG could hold anything), or None."""
    from selfcheck.bundle.read import part_json
    from selfcheck.history.record import drawn

    return drawn(part_json(opened.files, "recording/recording.json"))


def _print_over_time(opened: Any, out: Any) -> None:
    """The history summary and recording the bundle carries (when the problem started, what changed)."""
    from selfcheck.bundle.read import part_json

    history: Any = part_json(opened.files, "history.json")
    recording: Any = part_json(opened.files, "recording/recording.json")
    if history:
        changed = [w for w in history.get("what_changed") or [] if isinstance(w, dict) and w.get("text")]
        if changed:
            print("", file=out)
            print(_("Over time:"), file=out)
            for item in changed:
                print(f"  {item.get('check_id')}: {item['text']}", file=out)
        trends: Any = history.get("trends") if isinstance(history.get("trends"), dict) else {}
        forecasts: Any = trends.get("disk_days_until_full") if isinstance(trends.get("disk_days_until_full"), dict) else {}
        for volume, days in sorted(forecasts.items(), key=lambda kv: str(kv[0])):
            if _finite(days) is not None:
                print(
                    "  " + held_together(_("At this rate, {volume} will be full in about {days} days.").format(volume=volume, days=max(1, round(days)))),
                    file=out,
                )
    if recording:
        samples, marks = recording.get("samples"), recording.get("marks")
        samples, marks = samples if isinstance(samples, list) else [], marks if isinstance(marks, list) else []
        last = samples[-1] if samples and isinstance(samples[-1], dict) else {}
        seconds = int(_finite(last.get("t")) or 0)
        told = ngettext(
            "A recording of {seconds} s is included; the user marked {marks} moment.",
            "A recording of {seconds} s is included; the user marked {marks} moments.",
            len(marks),
        )
        print(told.format(seconds=seconds, marks=len(marks)), file=out)


def _finite(value: Any) -> float | None:
    """A number from a bundle, or None when it is not a finite number ("NaN", "Infinity", text)."""
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        return None
    return float(value)
