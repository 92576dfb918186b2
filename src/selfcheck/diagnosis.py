"""From results to a verdict: the root cause(s), their consequences, one headline.

Pure: reads only the results, the checks' metadata and the config, so it runs
the same in a scan, on a bundle's results and after a language switch.

- A result skipped because a dependency failed is a *consequence* of that
  dependency's root cause (the runner records ``consequence_of``).
- A problem whose ``caused_by`` (from its evaluation) or ``after`` names a check
  that failed is a consequence too: a wrong clock explains a TLS failure
  (:func:`explain`; :func:`with_consequences` records it on copies of the results).
- The remaining problems are root causes, ordered: failures before warnings,
  then the check's ``priority`` (more fundamental first), then the id.
- Checks that could not run (``error``) are listed apart: they are not causes.
- The diagnosis' status, headline and action are the customer verdict's
  (:mod:`selfcheck.verdict`, built here once): the headline problem's status
  (fail or warn); ``error`` only when nothing else went wrong but some checks
  could not run; otherwise pass or info.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from selfcheck import verdict as verdict_mod
from selfcheck.api import Result, Status, check_ids
from selfcheck.verdict import Verdict

if TYPE_CHECKING:
    from selfcheck.config import Config
    from selfcheck.discovery import Registry


@dataclass
class Diagnosis:
    status: Status
    headline: str
    action: str | None = None
    root_causes: list[str] = field(default_factory=list)
    consequences: dict[str, list[str]] = field(default_factory=dict)
    could_not_check: list[str] = field(default_factory=list)
    symptom: str | None = None
    #: what the customer reads first (selfcheck.verdict): every front end renders this
    verdict: Verdict | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "status": self.status.value,
            "headline": self.headline,
            "action": self.action,
            "root_causes": list(self.root_causes),
            "consequences": {k: list(v) for k, v in self.consequences.items()},
            "could_not_check": list(self.could_not_check),
            "symptom": self.symptom,
            "verdict": self.verdict.to_dict() if self.verdict else None,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], results: Sequence[Result] = ()) -> Diagnosis:
        status = data.get("status")
        roots = [str(c) for c in data.get("root_causes") or []]
        consequences = {k: list(v) for k, v in (data.get("consequences") or {}).items()}
        return cls(
            status=Status(status) if status else max((r.status for r in results), default=Status.PASS),
            headline=str(data.get("headline", "")),
            action=data.get("action"),
            root_causes=roots,
            consequences=consequences,
            could_not_check=list(data.get("could_not_check") or []),
            symptom=data.get("symptom"),
            verdict=_verdict_from(data, results, roots, consequences),
        )


_ORDER = {Status.FAIL: 0, Status.WARN: 1}


def explain(results: Sequence[Result], registry: Registry | None = None) -> dict[str, list[str]]:
    """For each problem (fail or warn) that another failure explains: its root cause(s).

    A problem is explained by a failed check its outcome names in ``caused_by`` or its check
    runs ``after``; chains are followed to the root, and a loop of mutual explanations keeps
    its last member as the root. Pure: the results are not changed.
    """
    by_id = {r.check_id: r for r in results}

    def explained_by(r: Result) -> list[str]:
        candidates = list(r.caused_by)
        cls = registry.get(r.check_id) if registry is not None else None
        if cls is not None:
            candidates += [a for a in cls.after if a not in candidates]
        return [c for c in candidates if c in by_id and by_id[c].status is Status.FAIL and c != r.check_id]

    decided: dict[str, list[str]] = {}

    def roots_of(cid: str, seen: frozenset[str]) -> list[str]:
        if cid in decided:
            return decided[cid]
        r = by_id[cid]
        causes = [c for c in explained_by(r) if c not in seen] if r.status in _ORDER else []
        roots: list[str] = []
        for c in causes:
            for root in roots_of(c, seen | {cid}):
                if root not in roots and root != cid:
                    roots.append(root)
        decided[cid] = roots or [cid]  # decided once, so a loop keeps one root
        return decided[cid]

    found = {r.check_id: roots_of(r.check_id, frozenset()) for r in results if r.status in _ORDER}
    return {cid: [root for root in roots if root != cid] for cid, roots in found.items() if roots != [cid]}


def with_consequences(results: Sequence[Result], registry: Registry | None = None) -> list[Result]:
    """Copies of the results whose problems carry ``consequence_of`` from :func:`explain`.

    A skipped result keeps the ``consequence_of`` the runner gave it (its dependency failed);
    a problem's is always recomputed from the current failures, so an earlier verdict never lingers.
    """
    explained = explain(results, registry)
    return [
        dataclasses.replace(r, consequence_of=list(explained.get(r.check_id, [])))
        if r.status in _ORDER and r.consequence_of != explained.get(r.check_id, [])
        else r
        for r in results
    ]


def root_of(check_id: Any, causes: Mapping[str, Any], *, below: str | None = None) -> Any:
    """The failure at the top of ``check_id``'s chain (names fail because the line is down: the line).

    ``causes``: every result's ``consequence_of`` by check id (also a bundle's: hostile, so an unknown id or a
    loop ends the walk); the first known cause is followed. ``below``: the result the chain was read from, never
    gone back to. The one walk the text report, report.html and the support card name a chain's root with."""
    if check_id == below:
        return check_id
    seen = {check_id} if below is None else {check_id, below}
    while True:
        above = [c for c in check_ids(causes.get(check_id)) if c in causes and c not in seen]
        if not above:
            return check_id
        check_id = above[0]
        seen.add(check_id)


def chain_roots(starts: Iterable[Any] | None, causes: Mapping[str, Any], *, below: str | None = None) -> list[str]:
    """:func:`root_of` each of ``starts`` (a result's ``consequence_of``, read from result ``below``), once each, in order."""
    roots: list[str] = []
    for first in check_ids(starts):
        root = root_of(first, causes, below=below)
        if root not in roots:
            roots.append(root)
    return roots


def _roots(r: Result, explained: Mapping[str, list[str]]) -> list[str]:
    return explained.get(r.check_id, []) if r.status in _ORDER else r.consequence_of


def diagnose(
    results: Sequence[Result],
    registry: Registry | None = None,
    config: Config | None = None,
    symptom: str | None = None,
    new_problems: Iterable[str] = (),
    admin_prompt: str | None = None,
) -> Diagnosis:
    """Name the root causes (in order), their consequences and one headline. Pure: changes nothing.

    A problem another failure explains (:func:`explain`) is a consequence, like a check skipped
    because its dependency failed; :func:`with_consequences` writes that onto the results.
    """
    explained = explain(results, registry)

    def priority(cid: str) -> int:
        cls = registry.get(cid) if registry is not None else None
        return cls.priority if cls is not None else 50

    problems = [r for r in results if r.status in _ORDER and r.check_id not in explained]
    problems.sort(key=lambda r: (_ORDER[r.status], priority(r.check_id), r.check_id))
    roots = [r.check_id for r in problems]
    consequences: dict[str, list[str]] = {}
    for r in results:
        for root in _roots(r, explained):
            consequences.setdefault(root, []).append(r.check_id)
    errors = [r.check_id for r in results if r.status is Status.ERROR]
    told = verdict_mod.build(with_consequences(results, registry), roots, config, symptom, consequences, new_problems=new_problems, admin_prompt=admin_prompt)
    action = told.action.text if told.action else None
    return Diagnosis(told.status, told.headline, action, roots, consequences, errors, symptom, told)


def _verdict_from(data: Mapping[str, Any], results: Sequence[Result], roots: list[str], consequences: dict[str, list[str]]) -> Verdict | None:
    """The verdict the file carries (what the customer saw), else one built from its results (an older file).

    An older file keeps its own headline and action: they are what the customer read.
    """
    try:
        if data.get("verdict"):
            return Verdict.from_dict(data["verdict"])
    except (KeyError, TypeError, ValueError):
        pass
    if not results:
        return None
    if not roots:
        problems = [r for r in results if r.status in _ORDER and not r.consequence_of]
        roots = [r.check_id for r in sorted(problems, key=lambda r: _ORDER[r.status])]
    told = verdict_mod.build(results, roots, None, data.get("symptom"), consequences)
    if isinstance(data.get("headline"), str) and data["headline"].strip():
        told.headline = data["headline"]
    if isinstance(data.get("action"), str) and told.action is not None:
        told.action.text = data["action"]
    return told
