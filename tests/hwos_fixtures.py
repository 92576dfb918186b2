"""Recorded platform outputs under tests/fixtures/hwos/<os>/ (a leading '# ' header says where each comes from)."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).parent / "fixtures" / "hwos"


def recorded(os_name: str, name: str) -> str:
    """The tool's output without the fixture's header comment lines (up to a '# ---' line when the
    output itself begins with '# ', as /etc/ufw/ufw.conf does)."""
    text = (ROOT / os_name / name).read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    header = [line.startswith("# ") or line == "# ---\n" for line in lines]
    if "# ---\n" in lines and all(header[: lines.index("# ---\n")]):
        return "".join(lines[lines.index("# ---\n") + 1 :])
    while lines and lines[0].startswith("# "):
        lines.pop(0)
    return "".join(lines)


def write_recorded(out: Path, name: str, header: list[str], text: str) -> None:
    """Write a recording as :func:`recorded` reads it back: its header lines ('# ' each), a '# ---' line, then the output
    byte for byte (scripts/firewall_netns.py and scripts/network_netns.py record with it)."""
    (out / name).write_text("".join(f"# {h}\n" for h in header) + "# ---\n" + text, encoding="utf-8")
    print(f"wrote {out / name}")
