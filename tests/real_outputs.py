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


def format_table_as_json(platform: str, name: str, date_columns: dict[str, str]) -> str:
    """A recorded PowerShell ``Format-Table`` output (a header line, a line of dashes under each column,
    one object a line) as Windows PowerShell 5.1's ``... | ConvertTo-Json`` would give the same objects.
    ``date_columns`` names the DateTime columns and the format the recording's locale printed them in
    (``{"InstalledOn": "%d.%m.%Y %H:%M:%S"}``); ConvertTo-Json writes a DateTime as
    ``{"value": "/Date(ms)/", "DateTime": ...}``. The recording does not say its time zone: the printed
    time is taken as UTC."""
    import json
    import re
    from datetime import UTC, datetime

    lines = [line for line in real(platform, name).replace("\r\n", "\n").split("\n") if line.strip()]
    header, dashes, rows = lines[0], lines[1], lines[2:]
    spans = [(m.start(), m.end()) for m in re.finditer(r"-+", dashes)]
    starts = [start for start, _ in spans] + [None]
    names = [header[starts[i] : starts[i + 1]].strip() for i in range(len(spans))]
    objects = []
    for row in rows:
        obj: dict[str, object] = {}
        for i, key in enumerate(names):
            text = row[starts[i] : starts[i + 1]].strip()
            if key in date_columns:
                when = datetime.strptime(text, date_columns[key]).replace(tzinfo=UTC)
                obj[key] = {"value": f"/Date({int(when.timestamp() * 1000)})/", "DateTime": text}
            else:
                obj[key] = text
        objects.append(obj)
    return json.dumps(objects[0] if len(objects) == 1 else objects)


def ioreg_rn(platform: str, name: str, class_name: str = "AppleSmartBattery", has_children: bool = False) -> str:
    """A recorded IORegistry entry kept as JSON (``ioreg -arw0 -c CLASS | plutil -convert json``, or a
    tree dump its collector turned into the same JSON) printed the way the program's own
    ``ioreg -rn CLASS`` shows it: one ``"Key" = value`` a line, nested dictionaries inline as
    ``{"k"=v,...}``, arrays as ``(a,b)``. The same properties, another wrapping; the JSON's 0/1 flags
    stay numbers (ioreg would print Yes/No). ``has_children``: the entry has children in the
    registry, so ioreg draws the tree's '  | ' in front of every line of its block (macOS 27,
    js4jiang5/BatteryOptimizer_for_Mac#88)."""
    import json

    def inline(value) -> str:
        if isinstance(value, bool):
            return "Yes" if value else "No"
        if isinstance(value, dict):
            return "{" + ",".join(f'"{k}"={inline(v)}' for k, v in value.items()) + "}"
        if isinstance(value, list):
            return "(" + ",".join(inline(v) for v in value) + ")"
        if isinstance(value, str):
            return f'"{value}"'
        return str(value)

    pad = "  | " if has_children else "    "
    lines = [f"+-o {class_name}  <class {class_name}, registered, matched, active, busy 0 (0 ms), retain 11>", pad + "{"]
    lines += [f'{pad}  "{key}" = {inline(value)}' for key, value in json.loads(real(platform, name)).items()]
    lines.append(pad + "}")
    return "\n".join(lines) + "\n"


def registry_binary(platform: str, name: str) -> bytes:
    """The bytes of a recorded REG_BINARY value: either a ``reg query`` output (``Name    REG_BINARY    0A0B...``)
    or a hex dump (``0000  28 00 ...  |(...|``: an offset, up to 16 bytes in hex, the ASCII column)."""
    import re

    text = real(platform, name)
    m = re.search(r"\sREG_BINARY\s+([0-9A-Fa-f]*)\s*$", text, re.M)
    if m:
        return bytes.fromhex(m.group(1))
    out = bytearray()
    for line in text.splitlines():
        hex_part = line.split("|", 1)[0].split()
        if hex_part:
            out += bytes(int(b, 16) for b in hex_part[1:17])
    return bytes(out)
