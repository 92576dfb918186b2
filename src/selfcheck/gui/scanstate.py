"""Evidence as readable text for the window's "Technical details". No Qt here.

Which checks "Check my computer again" re-runs and how a re-scan is merged live in :mod:`selfcheck.scan`."""

from __future__ import annotations

from selfcheck import wording
from selfcheck.i18n import _


def evidence_text(evidence: object, indent: str = "", check_id: str = "") -> str:
    """Evidence as readable lines ("key: value", nested keys indented), for "Technical details"; each colon as the reader's
    language writes it (French: « clé : valeur »), and the keys of ``check_id``'s evidence in its words
    (:func:`selfcheck.wording.evidence_name`: « programmes les plus gourmands », not "top processes")."""
    lines: list[str] = []
    if isinstance(evidence, dict):
        for key, value in evidence.items():
            label = wording.evidence_name(check_id, str(key))
            if isinstance(value, dict | list) and value:
                lines.append(indent + _("{label}:").format(label=label))
                lines.append(evidence_text(value, indent + "    ", check_id))
            else:
                lines.append(indent + _("{label}: {value}").format(label=label, value=_scalar(value)))
    elif isinstance(evidence, list):
        for item in evidence:
            if isinstance(item, dict | list):
                lines.append(f"{indent}-")
                lines.append(evidence_text(item, indent + "    ", check_id))
            else:
                lines.append(f"{indent}- {_scalar(item)}")
    else:
        lines.append(f"{indent}{_scalar(evidence)}")
    return "\n".join(line for line in lines if line)


def _scalar(value: object) -> str:
    """One value in the reader's language: « oui », « 1,5 » in French (not "yes", "1.5"), as report.html and the review say them."""
    if value is None:
        return "—"
    if isinstance(value, bool):
        return wording.yes_no(value)
    if isinstance(value, float):
        return wording.decimal(value)
    if isinstance(value, dict | list):
        return "—"
    return str(value)
