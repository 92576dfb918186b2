"""``selfcheck show FILE``: what a diagnostic bundle says, in a terminal (support side)."""

from __future__ import annotations

import argparse
import re
import sys
from typing import Any

from selfcheck.i18n import _, os_error_text

EXIT_PROBLEMS = 1
EXIT_UNREADABLE = 3


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("show", parents=[common], help=_("show what a diagnostic bundle says (and check it is intact)"))
    p.add_argument("file", metavar="FILE", help=_("the bundle (.zip)"))
    p.add_argument("--reevaluate", action="store_true", help=_("judge the bundle's facts again with this version of selfcheck"))
    p.add_argument("--report", metavar="HTML", help=_("also write the report page (with --reevaluate: the new judgement) to this file"))
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from selfcheck import app as app_mod
    from selfcheck import textreport
    from selfcheck.bundle import BundleError, read_bundle
    from selfcheck.bundle.redact import KINDS

    app = app_mod.start(args.config, args.lang)
    try:
        opened = read_bundle(args.file, strict=False)
    except BundleError as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_UNREADABLE
    _defuse(opened.scan, opened)
    manifest = opened.manifest
    scan = opened.scan
    if args.reevaluate:
        from selfcheck.runner import reevaluate

        scan = reevaluate(app.registry, app.config, scan)
    out = sys.stdout
    print(
        _("Bundle {reference}, made {created} by selfcheck {version} ({platform})").format(
            reference=manifest.get("reference", "?"),
            created=manifest.get("created_at", "?"),
            version=manifest.get("selfcheck_version", "?"),
            platform=scan.platform or "?",
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
    card = _card(app, opened, scan)
    if card is not None:
        print("", file=out)
        print(card.to_text(), file=out, end="")
    print("", file=out)
    textreport.print_scan(scan, app.config, color=textreport.use_color(out), stream=out)
    description = opened.description
    if description and any(str(description.get(k) or "").strip() for k in ("problem", "since", "changed")):
        print("", file=out)
        print(_("What the user wrote:"), file=out)
        for label, key in ((_("Problem"), "problem"), (_("Since"), "since"), (_("Changed recently"), "changed")):
            if str(description.get(key) or "").strip():
                print(f"  {label}: {description[key]}", file=out)
    if manifest.get("symptom"):
        print(_("Kind of problem: {symptom}").format(symptom=manifest["symptom"]), file=out)
    _print_over_time(opened, out)
    totals: dict[str, int] = {}
    for item in manifest.get("redaction") or []:
        if isinstance(item, dict):
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
    if args.report:
        try:
            _write_report(args.report, opened, scan, card)
        except OSError as exc:
            print(_("The report could not be written to {path} ({reason}).").format(path=args.report, reason=os_error_text(exc)), file=sys.stderr)
            return EXIT_UNREADABLE
        print(_("Report written to {path}").format(path=args.report), file=out)
    return EXIT_PROBLEMS if opened.problems else 0


def _current_version() -> str:
    from selfcheck import __version__

    return __version__


def _card(app: Any, opened: Any, scan: Any) -> Any:
    """The support card, computed now in the reader's language (from the bundle's own card if that fails)."""
    import dataclasses
    import logging

    from selfcheck import supportcard

    try:
        return supportcard.from_bundle(dataclasses.replace(opened, scan=scan), app.registry, app.config.section("symptoms"))
    except Exception:
        logging.getLogger(__name__).exception("support card")
        raw = opened.files.get("support-card.json")
        try:
            import json

            data = json.loads(raw.decode("utf-8", "replace")) if raw else None
        except ValueError:
            data = None
        return supportcard.SupportCard.from_dict(data) if isinstance(data, dict) else None


def _write_report(path: str, opened: Any, scan: Any, card: Any = None) -> None:
    from pathlib import Path

    from selfcheck.bundle import report

    manifest = opened.manifest
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
    )
    Path(path).write_text(html, encoding="utf-8")


def _print_over_time(opened: Any, out: Any) -> None:
    """The history summary and recording the bundle carries (when the problem started, what changed)."""
    import json

    try:
        history = json.loads(opened.files["history.json"]) if "history.json" in opened.files else None
        recording = json.loads(opened.files["recording/recording.json"]) if "recording/recording.json" in opened.files else None
    except ValueError:
        return
    if history:
        changed = [w for w in history.get("what_changed") or [] if isinstance(w, dict) and w.get("text")]
        if changed:
            print("", file=out)
            print(_("Over time:"), file=out)
            for item in changed:
                print(f"  {item.get('check_id')}: {item['text']}", file=out)
        for volume, days in sorted(((history.get("trends") or {}).get("disk_days_until_full") or {}).items()):
            print("  " + _("At this rate, {volume} will be full in about {days} days.").format(volume=volume, days=max(1, round(days))), file=out)
    if recording:
        samples, marks = recording.get("samples") or [], recording.get("marks") or []
        seconds = int(samples[-1].get("t", 0)) if samples else 0
        print(_("A recording of {seconds} s is included; the user marked {marks} moment(s).").format(seconds=seconds, marks=len(marks)), file=out)


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _clean(value: Any) -> Any:
    """A bundle's text as safe terminal output: control characters (escape sequences) become "?"."""
    if isinstance(value, str):
        return _CONTROL.sub("?", value)
    if isinstance(value, list):
        return [_clean(v) for v in value]
    if isinstance(value, dict):
        return {_clean(k): _clean(v) for k, v in value.items()}
    return value


def _defuse(scan: Any, opened: Any) -> None:
    """A hostile bundle must not drive the support person's terminal: clean every text shown."""
    for result in scan.results:
        for name in ("title", "summary", "advice", "help_url", "check_id"):
            setattr(result, name, _clean(getattr(result, name)))
    diagnosis = scan.diagnosis
    diagnosis.headline = _clean(diagnosis.headline)
    diagnosis.action = _clean(diagnosis.action)
    if diagnosis.verdict is not None:
        from selfcheck.verdict import Verdict

        diagnosis.verdict = Verdict.from_dict(_clean(diagnosis.verdict.to_dict()))
    scan.platform = _clean(scan.platform)
    scan.config_problems = _clean(scan.config_problems)
    opened.manifest = _clean(opened.manifest)
    if opened.description:
        opened.description = _clean(opened.description)
