"""Outputs recorded on real machines by other people (tests/fixtures/<windows|macos>/, provenance in SOURCES)."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).parent / "fixtures"


def real(platform: str, name: str, encoding: str = "utf-8") -> str:
    """The recorded output as a program reading it would get it (line ends normalised)."""
    return (ROOT / platform / name).read_bytes().decode(encoding)


def sources(platform: str) -> dict[str, list[str]]:
    """SOURCES rows by fixture file name."""
    rows = {}
    for line in (ROOT / platform / "SOURCES").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            cells = [c.strip() for c in line.split("|")]
            rows[cells[0]] = cells
    return rows
