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

# Crockford's base32: no I, L, O, U (nothing to confuse with 1, 0 or V).
ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_DECODE = {**{c: c for c in ALPHABET}, "I": "1", "L": "1", "O": "0"}


def reference_for(bundle_id: str) -> str:
    """The short code a user quotes: 8 Crockford base32 characters, shown as ``K7Q2-9XHD``.

    The first 40 bits of SHA-256(bundle id), so anyone holding the bundle can
    recompute it and two bundles practically never share one.
    """
    number = int.from_bytes(hashlib.sha256(bundle_id.encode("ascii")).digest()[:5], "big")
    chars = "".join(ALPHABET[(number >> shift) & 31] for shift in range(35, -1, -5))
    return f"{chars[:4]}-{chars[4:]}"


def normalise_reference(text: str) -> str | None:
    """A code as a person typed it (``k7q2 9xhd``, ``K7Q29XHO``) in its canonical ``K7Q2-9XHD`` form, or None."""
    chars = re.sub(r"[\s-]+", "", text or "").upper()
    if len(chars) != 8:
        return None
    try:
        decoded = "".join(_DECODE[c] for c in chars)
    except KeyError:
        return None
    return f"{decoded[:4]}-{decoded[4:]}"
