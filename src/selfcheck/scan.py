"""The one way to run a scan, whoever asks: the CLI, the window, the background, bundle and send.

:func:`run_scan` runs a selection of checks with a :class:`~selfcheck.runner.Runner`,
optionally merges the result into an earlier scan ("Check my computer again" re-runs a few
checks), then fires the after-scan hooks (:data:`selfcheck.hooks.after_scan`:
the history, the scan cache) so that every scan, from every front end, reaches
the history and "what changed". :class:`ScanJob` is the same with a
``cancel()`` for front ends that stop a scan from another thread.

Events go to ``on_event(event, check_id, payload)`` (see
:data:`selfcheck.runner.EventCallback`), plus ``scanned`` (check_id ``""``,
payload: the :class:`~selfcheck.runner.Scan`) once the scan is complete and
before the hooks run: the terminal prints its verdict then, so the user reads
it while the history records it. A cancelled scan fires no hook.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Iterable
from typing import Any

from selfcheck import hooks, paths
from selfcheck.api import Check, Interaction, Result
from selfcheck.config import Config
from selfcheck.diagnosis import diagnose, with_consequences
from selfcheck.discovery import Registry
from selfcheck.runner import EventCallback, Runner, Scan

log = logging.getLogger(__name__)


class ScanJob:
    """One scan of ``selection`` for ``app`` (an :class:`selfcheck.app.App`); ``cancel()`` from any thread."""

    def __init__(
        self,
        app: Any,
        selection: Iterable[type[Check]],
        on_event: EventCallback | None = None,
        *,
        symptom: str | None = None,
        include_load_problems: bool = True,
        interaction: Interaction | None = None,
        into: Scan | None = None,
    ) -> None:
        self.app = app
        self.selection = list(selection)
        self.on_event = on_event
        self.symptom = symptom
        self.include_load_problems = include_load_problems
        self.into = into
        usual = _usual_from_history if app.config.get("history.enabled", True) else None
        self.runner = Runner(app.registry, app.config, on_event=on_event, interaction=interaction, usual=usual)

    def cancel(self) -> None:
        self.runner.cancel()

    @property
    def cancelled(self) -> bool:
        return self.runner.cancelled

    def run(self) -> Scan:
        """Remove what a selfcheck stopped halfway left behind, run the checks, merge into ``into`` when given, tell
        ``on_event``, then fire the hooks."""
        remove_leftovers(self.app)
        scan = self.runner.run(self.selection, symptom=self.symptom, include_load_problems=self.include_load_problems)
        if self.into is not None and not scan.cancelled:
            scan = merge_rescan(self.into, scan, self.app.registry, self.app.config)
        elif not scan.cancelled:
            scan = rank_new_problems(self.app, scan)
        if self.on_event is not None:
            self.on_event("scanned", "", scan)  # a front end's failure to show the scan is its own (as before the hooks)
        if not scan.cancelled:
            after_scan(self.app, scan)
        return scan


def remove_leftovers(app: Any) -> None:
    """Files a selfcheck stopped between writing and renaming them left behind a day ago or more
    (:func:`selfcheck.paths.remove_leftovers`): removed before the checks measure the disk. Logged, never raised."""
    try:
        removed = paths.remove_leftovers(paths.save_folder(getattr(app, "config", None)))
    except Exception:
        log.exception("could not remove the files left behind")
        return
    if removed:
        log.info("removed %d file(s) left behind by a selfcheck stopped halfway: %s", len(removed), ", ".join(p.name for p in removed[:20]))


def run_scan(
    app: Any,
    selection: Iterable[type[Check]],
    on_event: EventCallback | None = None,
    *,
    symptom: str | None = None,
    include_load_problems: bool = True,
    interaction: Interaction | None = None,
    into: Scan | None = None,
) -> Scan:
    """Run a scan and fire the after-scan hooks (see the module's docstring). Ctrl-C cancels the checks."""
    job = ScanJob(app, selection, on_event, symptom=symptom, include_load_problems=include_load_problems, interaction=interaction, into=into)
    try:
        return job.run()
    except KeyboardInterrupt:
        job.cancel()
        raise


def _usual_from_history(metric: str) -> Any:
    """The checks' ``ctx.usual``: this computer's usual value of a metric, from the history."""
    from selfcheck.history import usual

    return usual(metric)


def after_scan(app: Any, scan: Scan) -> None:
    """Run every after-scan hook; one that fails is logged and never changes the scan."""
    for hook in list(hooks.after_scan):
        try:
            hook(app, scan)
        except Exception:
            log.exception("after-scan hook failed")


def rank_new_problems(app: Any, scan: Scan) -> Scan:
    """The scan diagnosed again knowing which problems appeared since the last scan (see
    :data:`selfcheck.hooks.new_problems`): those come first among problems of the same urgency."""
    new: list[str] = []
    for provider in list(hooks.new_problems):
        try:
            new += [c for c in provider(app, scan) if c not in new]
        except Exception:
            log.warning("could not compare with the previous scan", exc_info=True)
    if not new:
        return scan
    return rediagnose(scan, list(scan.results), app.registry, app.config, new_problems=new)


def dependents(registry: Registry, check_ids: Iterable[str]) -> list[str]:
    """The given checks plus every check that depends on (or runs after) them, transitively."""
    wanted = list(dict.fromkeys(check_ids))
    changed = True
    while changed:
        changed = False
        for cls in registry:
            if cls.id in wanted:
                continue
            if any(dep in wanted for dep in (*cls.depends_on, *cls.after)):
                wanted.append(cls.id)
                changed = True
    return wanted


def rediagnose(scan: Scan, results: list[Result], registry: Registry, config: Config, new_problems: Iterable[str] = ()) -> Scan:
    """A copy of ``scan`` with ``results`` and a fresh diagnosis."""
    results = with_consequences(results, registry)
    diagnosis = diagnose(results, registry, config, scan.symptom, new_problems=new_problems, admin_prompt=scan.admin_prompt)
    return dataclasses.replace(scan, results=results, diagnosis=diagnosis)


def merge_rescan(base: Scan, partial: Scan, registry: Registry, config: Config) -> Scan:
    """``base`` with the results and facts of ``partial`` (a re-run of some checks) put in place."""
    fresh = {r.check_id: r for r in partial.results}
    results = [fresh.pop(r.check_id, r) for r in base.results]
    results.extend(fresh.values())
    facts = dict(base.facts)
    for r in partial.results:
        facts.pop(r.check_id, None)
    facts.update(partial.facts)
    merged = dataclasses.replace(base, facts=facts, checks={**base.checks, **partial.checks}, admin_prompt=partial.admin_prompt)
    return rediagnose(merged, results, registry, config)
