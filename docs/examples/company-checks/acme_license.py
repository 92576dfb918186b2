"""app.acme-license: is ACME Studio's licence file present and still valid?

A company check in Python (see docs/checks.md). Put this file in a folder listed
in ``[checks] folders``; its French strings are in ``locale/fr/acme.po`` next to it.
Its settings come from ``[thresholds."app.acme-license"]`` (defaults below).
"""

from __future__ import annotations

import json
import os
from datetime import date
from pathlib import Path

from selfcheck.api import Check, Context, Facts, Outcome, SkipCheck, Thresholds
from selfcheck.i18n import N_, _, ngettext


class AcmeLicenseCheck(Check):
    id = "app.acme-license"
    category = "app"
    title = N_("ACME Studio licence")
    timeout = 3.0
    help_url = "https://intranet.acme.example/help/licence"
    default_thresholds = {"license_file": "~/.acme/license.json", "warn_days_left": 30}

    def collect(self, ctx: Context) -> Facts:
        """Raw facts only: where the file is, what it says, and today's date (so evaluate stays pure)."""
        path = Path(os.path.expandvars(os.path.expanduser(str(ctx.thresholds["license_file"]))))
        if not path.parent.exists():
            raise SkipCheck(_("ACME Studio is not installed on this computer."))
        facts: Facts = {"path": str(path), "today": ctx.now().date().isoformat()}
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {**facts, "found": False}
        except (OSError, ValueError) as exc:
            return {**facts, "found": True, "readable": False, "reason": type(exc).__name__}
        return {**facts, "found": True, "readable": True, "expires": data.get("expires"), "seats": data.get("seats")}

    def evaluate(self, facts: Facts, thresholds: Thresholds) -> Outcome:
        call_it = _("Call the IT desk and ask for a new ACME Studio licence file.")
        if not facts.get("found"):
            return Outcome.fail(_("The ACME Studio licence file is missing."), advice=[call_it], evidence=facts)
        if not facts.get("readable") or not facts.get("expires"):
            return Outcome.fail(_("The ACME Studio licence file is damaged."), advice=[call_it], evidence=facts)
        days_left = (date.fromisoformat(facts["expires"]) - date.fromisoformat(facts["today"])).days
        evidence = {**facts, "days_left": days_left}
        if days_left < 0:
            return Outcome.fail(_("The ACME Studio licence has expired."), advice=[call_it], evidence=evidence)
        if days_left < int(thresholds["warn_days_left"]):
            summary = ngettext("The ACME Studio licence ends in {days} day.", "The ACME Studio licence ends in {days} days.", days_left)
            return Outcome.warn(summary.format(days=days_left), advice=[call_it], evidence=evidence)
        return Outcome.ok(_("The ACME Studio licence is valid until {date}.").format(date=facts["expires"]), evidence=evidence)
