"""Recorded platform outputs under tests/fixtures/hwos/<os>/ (a leading '# ' header says where each comes from)."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).parent / "fixtures" / "hwos"


def recorded(os_name: str, name: str) -> str:
    """The tool's output without the fixture's header comment lines."""
    text = (ROOT / os_name / name).read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    while lines and lines[0].startswith("# "):
        lines.pop(0)
    return "".join(lines)
