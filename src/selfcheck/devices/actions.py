"""The device fixes a check may offer (:class:`selfcheck.api.Fix` actions), done after the user agreed.

Front ends call :func:`device_action`; the check then runs again to verify
the fix worked. Qt-free, so the CLI and the coming repair model can use them.
"""

from __future__ import annotations

import logging

from selfcheck.api import Fix
from selfcheck.i18n import _

log = logging.getLogger("selfcheck.devices")

DEVICE_ACTIONS = ("cancel_print_jobs",)


def device_action(fix: Fix, platform: str) -> tuple[bool, str]:
    """Do ``fix``; whether it worked and a plain sentence to show."""
    try:
        if fix.action == "cancel_print_jobs":
            from selfcheck.devices.printing import cancel_jobs

            ids = [int(i) for i in fix.arg.split(",") if i.strip().isdigit()]
            ok = bool(ids) and cancel_jobs(ids)
            return ok, _("The waiting documents are cancelled.") if ok else _(
                "The waiting documents could not be cancelled. Switch the printer off and on, then check again."
            )
    except Exception:
        log.exception("device fix %s failed", fix.action)
        return False, _("The fix did not work.")
    return False, _("This version of selfcheck cannot do this fix. Follow the advice instead.")
