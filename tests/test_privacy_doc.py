"""docs/privacy.md lists every kind of data the redactor handles, and what happens to it, truly.

The table's rows and the redactor's kinds are the same set; each row's example, run through the
redactor, disappears and is counted under that kind, replaced as the row says.
"""

from __future__ import annotations

import re
from pathlib import Path

from selfcheck.bundle.redact import KINDS, PREFIX, Identity, RedactionConfig, Redactor

DOC = Path(__file__).resolve().parents[1] / "docs" / "privacy.md"


def rows() -> dict[str, tuple[str, str, str]]:
    text = DOC.read_text(encoding="utf-8")
    section = text.split("### Every kind of personal data, and what happens to it", 1)[1].split("\n## ", 1)[0]
    found = {}
    for line in section.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        match = re.fullmatch(r"`(\w+)`", cells[0]) if len(cells) == 4 else None
        if match:
            found[match.group(1)] = (cells[1], cells[2].strip("`"), cells[3])
    return found


def test_the_privacy_notice_lists_exactly_the_redactors_kinds_with_their_labels():
    table = rows()
    assert set(table) == set(KINDS), f"only in the doc: {set(table) - set(KINDS)}; only in the redactor: {set(KINDS) - set(table)}"
    for kind, (label, _example, _happens) in table.items():
        assert label == KINDS[kind], f"{kind}: the doc says {label!r}, the redaction report says {KINDS[kind]!r}"


def test_each_example_of_the_notice_is_replaced_as_it_says():
    for kind, (_label, example, happens) in rows().items():
        value = example
        if kind == "private_key":
            value = f"{example}\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7\n-----END PRIVATE KEY-----"
        redactor = Redactor(
            Identity(user="jdupont", home="/home/jdupont", host="PC-JDUPONT-42"),
            RedactionConfig(keywords=["Projet-Orion"], patterns=[re.compile(r"CUST-\d{6}")]),
        )
        out = redactor.text(f"log line: {value} end", "logs/app.log")
        report = {item["kind"]: item["count"] for item in redactor.report()}
        assert report.get(kind), f"{kind}: the example {example!r} was not counted as {kind} ({report}, {out!r})"
        if kind in PREFIX:
            placeholder = f"{PREFIX[kind]}-1"
            assert placeholder in out and f"`{placeholder}`" in happens, (kind, out)
        else:
            placeholder = "[redacted-custom]" if kind == "custom" else "[redacted]"
            assert placeholder in out and f"`{placeholder}`" in happens, (kind, out)
        sensitive = {"user": "jdupont", "serial": "C02XK1ABJGH5", "wifi": "Livebox-Dupont", "secret": "S3cr3t-Pa55", "private_key": "MIIEvQIBADAN"}.get(
            kind, example
        )
        assert sensitive not in out, (kind, out)
