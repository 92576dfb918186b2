"""A symptom the user can pick ("internet", "slow-computer"...): the checks it covers and the
effect the verdict names. Read from ``[symptoms.<name>]`` in the config; used by the runner
(which checks to run) and the diagnosis (whether the headline may say "this is probably why").
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from fnmatch import fnmatchcase
from typing import TYPE_CHECKING, Any

from selfcheck.i18n import pick

if TYPE_CHECKING:
    from selfcheck.config import Config


def chosen(symptom: str | None) -> bool:
    """Whether a problem was picked: not none, not "I'm not sure — check everything" ("everything")."""
    return bool(symptom) and symptom != "everything"


def patterns(config: Config, symptom: str | None) -> list[str] | None:
    """The check-id patterns of a symptom, or None for everything. Raises KeyError for an unknown symptom."""
    if not chosen(symptom):
        return None
    spec = config.section("symptoms").get(str(symptom))
    if not isinstance(spec, dict):
        raise KeyError(symptom)
    return patterns_of(spec)


def patterns_of(spec: Mapping[str, Any]) -> list[str]:
    """A ``[symptoms.<name>]`` table's check-id patterns: its checks, and every check of its categories."""
    return [str(p) for p in spec.get("checks", [])] + [f"{c}.*" for c in spec.get("categories", [])]


def matches(spec: Mapping[str, Any], check_id: str) -> bool:
    """Whether a symptom's table (as a bundle carries it) covers the check."""
    return any(fnmatchcase(check_id, p) for p in patterns_of(spec))


def covers(config: Config | None, symptom: str | None, check_id: str) -> bool:
    """Whether the check is one of the symptom's own (False without a symptom, or for "everything")."""
    if config is None:
        return False
    try:
        found = patterns(config, symptom)
    except KeyError:
        return False
    return found is not None and any(fnmatchcase(check_id, p) for p in found)


def effect(config: Config | None, symptom: str | None) -> str | None:
    """What the user notices ("you cannot print"), translated, when the config names it."""
    if not symptom or config is None:
        return None
    spec = config.section("symptoms").get(symptom)
    if isinstance(spec, dict) and spec.get("effect"):
        # a company's words, given once or per language, set as its other words are (i18n.pick: « de 9 h à 17 h » kept whole)
        return pick(spec["effect"]) or None
    return None


#: the describe step's "Where are you?" ([[symptoms.internet.questions]] id "where"): its choices' values, which the
#: support card reads (the answer's text is in the customer's language; the value is not)
WHERE_QUESTION = "where"
WHERE_VALUES = ("home", "work", "public", "other")


@dataclass
class Question:
    """A question the support team asks for one kind of problem ([symptoms.X] questions in the config)."""

    id: str
    text: str
    choices: list[str] = field(default_factory=list)  # empty: answered in the person's own words
    placeholder: str = ""
    #: each choice's language-independent value (``value = "home"`` in the config), "" where it has none
    values: list[str] = field(default_factory=list)

    def answer(self, choice: int) -> dict[str, str]:
        """The answer to keep for the choice at ``choice`` (0-based): the question and choice as the customer read them,
        and the choice's value when it has one (what the support card reads, whatever the customer's language)."""
        kept = {"id": self.id, "question": self.text, "answer": self.choices[choice]}
        if choice < len(self.values) and self.values[choice]:
            kept["value"] = self.values[choice]
        return kept


def questions(config: Config, symptom: str | None) -> list[Question]:
    """The questions of a symptom, in the reader's language (a malformed entry is left out, never an error)."""
    spec = config.section("symptoms").get(symptom or "") if symptom else None
    found = []
    for item in (spec.get("questions") if isinstance(spec, dict) else None) or []:
        if not isinstance(item, dict) or not item.get("id") or not item.get("text"):
            continue
        choices: list[tuple[str, str]] = []
        for c in item.get("choices") or []:
            if isinstance(c, dict):  # { value = "home", en = "At home", fr = "À la maison" }: the value is no language
                text = pick({k: v for k, v in c.items() if k != "value"})
                value = c.get("value")
                choices.append((text, str(value) if isinstance(value, str) else ""))
            elif isinstance(c, str):
                choices.append((c, ""))
        choices = [(text, value) for text, value in choices if text]
        found.append(
            Question(
                str(item["id"]),
                pick(item["text"]),
                [text for text, _value in choices],
                pick(item.get("placeholder")) if item.get("placeholder") else "",
                [value for _text, value in choices],
            )
        )
    return found
