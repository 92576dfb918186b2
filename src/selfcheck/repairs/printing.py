"""Printing repairs on Linux and macOS (CUPS): the documents waiting are found and cancelled through
the print service's own protocol (IPP), the same code the printer check uses (``selfcheck.devices.printing``)."""

from __future__ import annotations

from selfcheck.i18n import _, ngettext

from .model import Action, ActionResult, Env


def _waiting() -> list[int]:
    from selfcheck.devices import ipp, printing

    return printing._open_job_ids(ipp.Endpoint.cups_server(printing.cups_server()), 5.0)


class CancelPrintJobs(Action):
    """The person's documents not yet printed are cancelled; waits until they have left the queue."""

    def counting(self, env: Env) -> str:
        return _("One moment: this program is counting the documents waiting to print…")

    def preview(self, env: Env) -> list[str]:
        n = len(_waiting())
        if not n:
            return [_("No document is waiting to print.")]
        return [ngettext("{n} document is waiting to print.", "{n} documents are waiting to print.", n).format(n=n)]

    def run(self, env: Env) -> ActionResult:
        from selfcheck.devices.printing import cancel_jobs

        ids = _waiting()
        if not ids:
            return ActionResult(True, _("No document was waiting to print."), steps=["no open job"])
        ok = cancel_jobs(ids, timeout=min(10.0, max(1.0, env.remaining())))
        left = _waiting() if not ok else []
        steps = [f"cancelled jobs {ids}" + (f", still open: {left}" if left else "")]
        if ok:
            return ActionResult(True, ngettext("{n} document cancelled.", "{n} documents cancelled.", len(ids)).format(n=len(ids)), steps=steps)
        return ActionResult(False, _("The waiting documents could not all be cancelled."), unchanged=set(left) == set(ids), steps=steps)
