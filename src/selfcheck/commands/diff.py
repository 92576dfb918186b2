"""``selfcheck diff [SCAN_A] [SCAN_B]``: what changed between two scans."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from selfcheck.i18n import _
from selfcheck.invocation import command


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("diff", parents=[common], help=_("show what changed on this computer between two scans"))
    p.add_argument(
        "scan_a",
        nargs="?",
        default="previous",
        help=_("the older scan: an id (or its start) from “{command} history”; default: the previous scan").format(command=command()),
    )
    p.add_argument("scan_b", nargs="?", default="latest", help=_("the newer scan; default: the latest scan"))
    p.add_argument("--json", action="store_true", help=_("machine-readable output"))
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from selfcheck.cli import own_stdout

    with own_stdout(args.json) as out:  # what a company plugin prints when it loads must not end up inside the JSON
        return _run(args, out)


def _run(args: argparse.Namespace, out: Any) -> int:
    from selfcheck import app as app_mod
    from selfcheck import textreport
    from selfcheck.history import History, diff_states

    app_mod.start(args.config, args.lang)
    with History() as db:
        a, b = db.get(args.scan_a), db.get(args.scan_b)
        for ref, found in ((args.scan_a, a), (args.scan_b, b)):
            if found is None:
                print(_("No saved scan matches “{ref}”. “{command} history” lists them.").format(ref=ref, command=command()), file=sys.stderr)
                return 3
        assert a is not None and b is not None
        if a.ts > b.ts:
            a, b = b, a
        state_a, state_b = db.state(a) or {}, db.state(b) or {}
    changes = diff_states(state_a, state_b)
    results = []
    for check_id in sorted(set(a.results) | set(b.results)):
        before, after = a.status_of(check_id), b.status_of(check_id)
        if before != after:
            results.append({"id": check_id, "before": before, "after": after})
    if args.json:
        data = {"from": a.to_dict(), "to": b.to_dict(), "changes": [c.to_dict() for c in changes], "results": results}
        print(textreport.json_for(out, data), file=out)
        return 0
    print(_("From {a} to {b}:").format(a=a.started_at[:16].replace("T", " "), b=b.started_at[:16].replace("T", " ")))
    if not changes and not results:
        print("  " + _("Nothing we track changed."))
    for change in changes:
        print("  • " + change.text)
    for r in results:
        print("  • " + _("{check}: {before} → {after}").format(check=r["id"], before=_label(r["before"]), after=_label(r["after"])))
    return 0


def _label(status: str | None) -> str:
    """The plain, translated word for a stored status ("—" when the check did not run then)."""
    from selfcheck.api import Status

    try:
        return Status(status).label if status else "—"
    except ValueError:
        return str(status)
