"""The bundle's format: schema version, layout and the reference code.

The layout is documented in docs/bundle.md; change :data:`SCHEMA_VERSION` when
a reader of the previous version would misread a new bundle.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from typing import Any

from selfcheck.i18n import DEFAULT, N_, SUPPORTED, _, catalogue, french_spaces

SCHEMA_VERSION = 1

MANIFEST = "manifest.json"
RESULTS = "results.json"
SYSTEM = "system.json"
DESCRIPTION_JSON = "description.json"
DESCRIPTION_TXT = "description.txt"
SCREENSHOT = "screenshot.png"
REPORT = "report.html"
FACTS_DIR = "facts/"
LOGS_DIR = "logs/"

#: parts a bundle always has (they cannot be excluded)
REQUIRED = frozenset({MANIFEST, RESULTS, REPORT})

# The reference is read aloud on the phone and copied by hand: no two characters that look or sound
# alike (no 0/O/D/Q, 1/I/L, 2/Z, 5/S, 8/B, U/V; M and N, both kept, differ enough in print and in speech).
ALPHABET = "34679ACEFGHJKMNPRTWXY"
_LENGTH = 9  # 21**9 ≈ 2**39.5 codes: two bundles practically never share one


def reference_for(bundle_id: str) -> str:
    """The short code a user quotes: 9 characters without look-alikes, shown in three groups: ``K7H-94W-XCM``.

    Derived from SHA-256(bundle id), so anyone holding the bundle can recompute it.
    """
    number = int.from_bytes(hashlib.sha256(bundle_id.encode("ascii")).digest()[:8], "big")
    chars = []
    for _digit in range(_LENGTH):
        number, digit = divmod(number, len(ALPHABET))
        chars.append(ALPHABET[digit])
    code = "".join(chars)
    return f"{code[:3]}-{code[3:6]}-{code[6:]}"


def normalise_reference(text: str) -> str | None:
    """A code as a person typed it (``k7h 94w xcm``, ``K7H94WXCM``) in its canonical ``K7H-94W-XCM`` form, or None."""
    chars = re.sub(r"[\s-]+", "", text or "").upper()
    if len(chars) != _LENGTH or any(c not in ALPHABET for c in chars):
        return None
    return f"{chars[:3]}-{chars[3:6]}-{chars[6:]}"


#: the reasons selfcheck itself gives for a part it left out (bundle.make, bundle.logs): written in the customer's language
#: when the bundle is made, said again in the reader's when it is read (a French agent read an English customer's
#: "logs/: left out: logs were not asked for"); any other reason (a system's error, a company's words) stays as written
LEFT_OUT_REASONS = (
    N_("left out by the user"),
    N_("left out: logs were not asked for"),
    N_("left out: the time allowed for gathering logs ran out"),
    N_("left out: the bundle's size limit for logs was reached"),
    N_("left out: the screenshot is larger than the size limit"),
    N_("the screenshot is not a PNG image"),
    N_("not a text file"),
    N_("not a regular file (a device, a pipe or a folder)"),
    N_("a link leading outside the configured folder (not followed)"),
)
#: a part of selfcheck's own that failed: its reason holds the computer's error (the manifest's ``error``)
NOT_ADDED = N_("could not be added ({reason})")


def _in_any_language(text: str, msgid: str, **values: str) -> bool:
    """Whether ``text`` is ``msgid`` (filled with ``values``) as one of selfcheck's languages writes it (French as written
    before its no-break spaces too: a bundle made by an older version)."""
    for lang in SUPPORTED:
        words = msgid if lang == DEFAULT else catalogue(lang).get(msgid)
        if not isinstance(words, str) or not words:
            continue
        written = words.format(**values) if values else words
        if written == text or (lang == "fr" and french_spaces(written) == french_spaces(text)):
            return True
    return False


#: the parts selfcheck's own extensions add (the history, the repairs), by the extension's module: their names in the
#: manifest and the review (bundle.make), read back in the reader's language (left_out_words)
EXTENSION_TITLES = {
    "selfcheck.history": N_("The computer's history (earlier results, what changed)"),
    "selfcheck.repairs.history": N_("The repairs tried lately"),
}


def left_out_words(item: Mapping[str, Any]) -> tuple[str, str]:
    """A manifest's ``skipped`` entry as (what, why) in the reader's language, where the words are selfcheck's own: the
    name of one of its parts (``part``) and the reasons it gives; the rest as the bundle wrote it."""
    path, reason = str(item.get("path") or "?"), str(item.get("reason") or "?")
    part, error = item.get("part"), item.get("error")
    if isinstance(part, str) and part in EXTENSION_TITLES:
        if _in_any_language(path, EXTENSION_TITLES[part]):
            path = _(EXTENSION_TITLES[part])
        if isinstance(error, str) and _in_any_language(reason, NOT_ADDED, reason=error):
            return path, _(NOT_ADDED).format(reason=error)
    known = next((msgid for msgid in LEFT_OUT_REASONS if _in_any_language(reason, msgid)), None)
    return path, _(known) if known else reason
