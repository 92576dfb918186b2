"""Evidence as readable text for the window's "Technical details". No Qt here.

Which checks "Check my computer again" re-runs and how a re-scan is merged live in :mod:`selfcheck.scan`."""

from __future__ import annotations

from selfcheck import evidence as evidence_words
from selfcheck.i18n import _


def evidence_text(evidence: object, indent: str = "", check_id: str = "") -> str:
    """Evidence as readable lines ("key: value", nested keys indented), for "Technical details"; each colon as the reader's
    language writes it (French: « clé : valeur »), and the keys of ``check_id``'s evidence in its words
    (:func:`selfcheck.evidence.evidence_name`: « programmes les plus gourmands », not "top processes")."""
    out: list[str] = []
    for line in evidence_words.lines(evidence, check_id):
        at = indent + "    " * line.depth
        if line.label is None:
            out.append((f"{at}-" if line.value is None else f"{at}- {line.value}") if line.item else f"{at}{line.value}")
        elif line.value is None:
            out.append(at + _("{label}:").format(label=line.label))
        else:
            out.append(at + _("{label}: {value}").format(label=line.label, value=line.value))
    return "\n".join(out)
