"""The support card a bundle carries (support-card.txt), read for the ticket's text.

The bundle is hostile input: the card is read only from a regular zip member of
bounded size, decoded leniently, and made inert (control characters other than
line breaks and tabs shown escaped) before it goes into a helpdesk comment.
"""

from __future__ import annotations

import stat
import zipfile
from pathlib import Path

from selfcheck.inert import inert

CARD_MEMBER = "support-card.txt"
MAX_BYTES = 32 * 1024


def read_card(bundle: Path) -> str:
    """The card's text, or "" when the bundle has none (older selfcheck) or it cannot be read safely."""
    try:
        with zipfile.ZipFile(bundle) as zf:
            info = zf.getinfo(CARD_MEMBER)
            mode = info.external_attr >> 16
            kind = stat.S_IFMT(mode)  # 0 when the zip tool wrote no file type (Python's writestr)
            if info.file_size > MAX_BYTES or (kind and kind != stat.S_IFREG) or info.is_dir():
                return ""
            with zf.open(info) as f:
                data = f.read(MAX_BYTES + 1)
    except (KeyError, OSError, zipfile.BadZipFile, RuntimeError, NotImplementedError, ValueError):
        return ""
    if len(data) > MAX_BYTES:
        return ""
    return inert(data.decode("utf-8", errors="replace")).strip()
