"""From results to a verdict: the root cause(s), their consequences, one headline.

Pure: reads only the results, the checks' metadata and the config, so it runs
the same in a scan, on a bundle's results and after a language switch.

- A result skipped because a dependency failed is a *consequence* of that
  dependency's root cause (the runner records ``consequence_of``).
- A problem whose ``caused_by`` (from its evaluation) or ``after`` names a check
  that failed is a consequence too: a wrong clock explains a TLS failure.
- The remaining problems are root causes, ordered: failures before warnings,
  then the check's ``priority`` (more fundamental first), then the id.
- Checks that could not run (``error``) are listed apart: they are not causes.
- The diagnosis' status is the headline's: the worst root cause (fail or
  warn); ``error`` only when nothing else went wrong but some checks could not
  run; otherwise pass or info.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from selfcheck.api import Result, Status
from selfcheck.i18n import N_, _, pick

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

    def to_dict(self) -> dict[str, Any]:
        return {
            "status": self.status.value,
            "headline": self.headline,
            "action": self.action,
            "root_causes": list(self.root_causes),
            "consequences": {k: list(v) for k, v in self.consequences.items()},
            "could_not_check": list(self.could_not_check),
            "symptom": self.symptom,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], results: Sequence[Result] = ()) -> Diagnosis:
        status = data.get("status")
        return cls(
            status=Status(status) if status else max((r.status for r in results), default=Status.PASS),
            headline=str(data.get("headline", "")),
            action=data.get("action"),
            root_causes=list(data.get("root_causes") or []),
            consequences={k: list(v) for k, v in (data.get("consequences") or {}).items()},
            could_not_check=list(data.get("could_not_check") or []),
            symptom=data.get("symptom"),
        )


_ORDER = {Status.FAIL: 0, Status.WARN: 1}
SYMPTOM_LINK = N_("{problem} This is probably why {effect}.")
ALL_GOOD = N_("Everything we checked looks fine.")
ALL_GOOD_WITH_SYMPTOM = N_("Everything we checked looks fine, so we could not find why {effect}.")
ALL_GOOD_SYMPTOM_ACTION = N_("Click “Contact support” and describe what happens: the support team will get these results.")
ONLY_ERRORS = N_("We found no problem, but some checks could not be done.")
NOTHING_APPLIED = N_("None of these checks could be done on this computer.")


def _symptom_effect(config: Config | None, symptom: str | None) -> str | None:
    if not symptom or config is None:
        return None
    spec = config.section("symptoms").get(symptom)
    if isinstance(spec, dict) and spec.get("effect"):
        effect = spec["effect"]
        return pick(effect) if isinstance(effect, dict) else _(str(effect))
    return None


def _in_symptom(config: Config | None, symptom: str | None, check_id: str) -> bool:
    from fnmatch import fnmatchcase

    if not symptom or config is None:
        return False
    spec = config.section("symptoms").get(symptom)
    if not isinstance(spec, dict):
        return False
    patterns = [*spec.get("checks", []), *(f"{c}.*" for c in spec.get("categories", []))]
    return any(fnmatchcase(check_id, p) for p in patterns)


def diagnose(results: Sequence[Result], registry: Registry | None = None, config: Config | None = None, symptom: str | None = None) -> Diagnosis:
    """Name the root causes (in order), their consequences and one headline.

    Sets ``consequence_of`` on problems explained by another failure (their
    ``caused_by`` or the check's ``after``), following chains to the root; a
    loop of mutual explanations leaves its last member as the root.
    """
    by_id = {r.check_id: r for r in results}

    def priority(cid: str) -> int:
        cls = registry.get(cid) if registry is not None else None
        return cls.priority if cls is not None else 50

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
        if r.consequence_of:
            return list(r.consequence_of)
        causes = [c for c in explained_by(r) if c not in seen] if r.status in _ORDER else []
        roots: list[str] = []
        for c in causes:
            for root in roots_of(c, seen | {cid}):
                if root not in roots and root != cid:
                    roots.append(root)
        decided[cid] = roots or [cid]  # decided once, so a loop keeps one root
        return decided[cid]

    found = {r.check_id: roots_of(r.check_id, frozenset()) for r in results if r.status in _ORDER and not r.consequence_of}
    for cid, roots in found.items():
        if roots != [cid]:
            by_id[cid].consequence_of = [root for root in roots if root != cid]

    problems = [r for r in results if r.status in _ORDER and not r.consequence_of]
    problems.sort(key=lambda r: (_ORDER[r.status], priority(r.check_id), r.check_id))
    roots = [r.check_id for r in problems]
    consequences: dict[str, list[str]] = {}
    for r in results:
        for root in r.consequence_of:
            consequences.setdefault(root, []).append(r.check_id)
    errors = [r.check_id for r in results if r.status is Status.ERROR]
    effect = _symptom_effect(config, symptom)

    if problems:
        top = problems[0]
        status = top.status
        headline = top.summary
        if effect and _in_symptom(config, symptom, top.check_id):
            headline = _(SYMPTOM_LINK).format(problem=top.summary.rstrip(), effect=effect)
        action = top.advice[0] if top.advice else None
    elif errors:
        status = Status.ERROR
        headline, action = _(ONLY_ERRORS), by_id[errors[0]].advice[0] if by_id[errors[0]].advice else None
    elif results and all(r.status is Status.SKIP for r in results):
        # nothing ran (no battery, another OS, cancelled at once): say so rather than "all fine"
        status = Status.SKIP
        headline, action = (results[0].summary if len(results) == 1 else _(NOTHING_APPLIED)), None
    else:
        status = max((r.status for r in results if r.status is not Status.SKIP), default=Status.PASS)
        if effect:
            headline, action = _(ALL_GOOD_WITH_SYMPTOM).format(effect=effect), _(ALL_GOOD_SYMPTOM_ACTION)
        else:
            headline, action = _(ALL_GOOD), None
    return Diagnosis(status, headline, action, roots, consequences, errors, symptom)
