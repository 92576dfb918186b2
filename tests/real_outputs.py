"""Outputs recorded on real machines by other people (tests/fixtures/<windows|macos|linux>/, provenance in SOURCES)."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).parent / "fixtures"


def real(platform: str, name: str, encoding: str = "utf-8") -> str:
    """The recorded output as a program reading it would get it (line ends normalised); a ``.gz``
    file is the recorded bytes gzip-compressed."""
    import gzip

    data = (ROOT / platform / name).read_bytes()
    return (gzip.decompress(data) if name.endswith(".gz") else data).decode(encoding)


def sources(platform: str) -> dict[str, list[str]]:
    """SOURCES rows by fixture file name."""
    rows = {}
    for line in (ROOT / platform / "SOURCES").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            cells = [c.strip() for c in line.split("|")]
            rows[cells[0]] = cells
    return rows


def wmic_list(platform: str, name: str) -> list[dict[str, str]]:
    """The objects of a recorded ``wmic ... /format:list`` output (UTF-16, one ``Property=value`` a line,
    a blank line between objects, values XML-escaped as wmic's list style prints them); a ``.gz``
    file is the recorded bytes gzip-compressed."""
    import gzip
    import html

    data = (ROOT / platform / name).read_bytes()
    text = (gzip.decompress(data) if name.endswith(".gz") else data).decode("utf-16")
    objects = []
    for block in text.replace("\r\n", "\n").split("\n\n"):
        pairs = [line.split("=", 1) for line in block.splitlines() if "=" in line]
        if pairs:
            objects.append({key: html.unescape(value) for key, value in pairs})
    return objects


def format_list_as_json(platform: str, name: str) -> str:
    """A recorded PowerShell ``Format-List`` output (``Get-CimInstance ...`` typed at a prompt: one
    ``Property : value`` a line, a blank line between objects) as the program's own
    ``... | ConvertTo-Json`` would give the same objects: the same WMI class and properties, another wrapping."""
    import json

    objects = []
    for block in real(platform, name).replace("\r\n", "\n").split("\n\n"):
        pairs = [line.split(" : ", 1) if " : " in line else [line.rstrip(" :"), ""] for line in block.splitlines() if line.strip()]
        if pairs:
            objects.append({key.strip(): value.strip() for key, value in pairs})
    return json.dumps(objects[0] if len(objects) == 1 else objects)
