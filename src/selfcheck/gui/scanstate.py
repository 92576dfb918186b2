"""Pure helpers over scans for the window: which checks to re-run, and merging
a partial re-scan ("Check again") into the scan on screen. No Qt here."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable

from selfcheck.api import Result, Status
from selfcheck.config import Config
from selfcheck.diagnosis import diagnose
from selfcheck.discovery import Registry
from selfcheck.runner import Scan


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


def rediagnose(scan: Scan, results: list[Result], registry: Registry, config: Config) -> Scan:
    """A copy of ``scan`` with ``results`` and a fresh diagnosis."""
    for r in results:
        if r.status in (Status.FAIL, Status.WARN):
            r.consequence_of = []  # recomputed by diagnose from the current failures
    diagnosis = diagnose(results, registry, config, scan.symptom)
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
    merged = dataclasses.replace(base, facts=facts, checks={**base.checks, **partial.checks})
    return rediagnose(merged, results, registry, config)


def problem_count(scan: Scan) -> int:
    """How many root problems the verdict names (consequences are not counted twice)."""
    return len(scan.diagnosis.root_causes)


def evidence_text(evidence: object, indent: str = "") -> str:
    """Evidence as readable lines ("key: value", nested keys indented), for "Technical details"."""
    lines: list[str] = []
    if isinstance(evidence, dict):
        for key, value in evidence.items():
            label = str(key).replace("_", " ")
            if isinstance(value, dict | list) and value:
                lines.append(f"{indent}{label}:")
                lines.append(evidence_text(value, indent + "    "))
            else:
                lines.append(f"{indent}{label}: {_scalar(value)}")
    elif isinstance(evidence, list):
        for item in evidence:
            if isinstance(item, dict | list):
                lines.append(f"{indent}-")
                lines.append(evidence_text(item, indent + "    "))
            else:
                lines.append(f"{indent}- {_scalar(item)}")
    else:
        lines.append(f"{indent}{_scalar(evidence)}")
    return "\n".join(line for line in lines if line)


def _scalar(value: object) -> str:
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, dict | list):
        return "—"
    return str(value)
