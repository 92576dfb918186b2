"""The bundle's format: schema version, layout and the reference code.

The layout is documented in docs/bundle.md; change :data:`SCHEMA_VERSION` when
a reader of the previous version would misread a new bundle.
"""

from __future__ import annotations

import hashlib
import re

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
    for _ in range(_LENGTH):
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
