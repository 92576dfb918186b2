"""What reviews of 8e84074c left, read as support and the customer read it: the disk check's kernel errors timed in the
reader's words like the memory check's stopped programs (on the kernel's own lines, tests/fixtures/kernellog), and the
printer's state agreeing with its French name « état » (on the printer check's recorded facts)."""

from __future__ import annotations

import sys
import time
from datetime import UTC, datetime
from typing import Any

import pytest

from selfcheck import evidence, i18n
from selfcheck.api import Context
from selfcheck.platforms import kernellog, linux
from selfcheck.runner import evaluate_facts
from test_checks_hwos import CLASSES, defaults
from test_evidence_card48 import FIXTURES, judged, recorded

NBSP = "\u00a0"


@pytest.fixture
def paris(monkeypatch: pytest.MonkeyPatch) -> Any:
    """This computer's clock set to UTC+1 (a POSIX zone: no time zone database needed), put back afterwards."""
    monkeypatch.setenv("TZ", "CET-1")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def disk_facts(monkeypatch: pytest.MonkeyPatch, scanned_at: datetime) -> dict[str, Any]:
    """The disk check's own collect on the recorded log of a failing stick found again under another name (errors at
    19:04:50 UTC on loop0, the stick now mounted from loop1 on /media/me/A), at ``scanned_at``."""
    module = sys.modules[CLASSES["hardware.disk"].__module__]
    lines = kernellog.parse_dmesg_iso((FIXTURES / "kernellog" / "dmesg_iso_media_renamed.txt").read_text(encoding="utf-8"))
    drive = {"fstype": "ext4", "role": "other", "total": 64 * 10**6, "free": 50 * 10**6, "readonly": False, "removable": True}
    monkeypatch.setattr(module, "list_volumes", lambda *a, **k: [{**drive, "mountpoint": "/media/me/A", "device": "/dev/loop1"}])
    monkeypatch.setattr(module, "network_shares", lambda *a, **k: [])
    monkeypatch.setattr(module, "write_test", lambda folder: {"result": "ok"})
    monkeypatch.setattr(linux, "read_psi", lambda kind: None)
    monkeypatch.setattr(kernellog, "read", lambda run, since, timeout=3.0: {"source": "dmesg", "lines": lines[:7]})
    context = Context({}, defaults("hardware.disk", {"smart": False}), platform="linux", clock=lambda: scanned_at)
    return dict(CLASSES["hardware.disk"]().collect(context))


def kernel_errors(facts: dict[str, Any], lang: str) -> list[str]:
    with i18n.language(lang):
        return list(evaluate_facts(CLASSES["hardware.disk"], facts, defaults("hardware.disk")).evidence.get("kernel_fs_errors", []))


SHUT_DOWN = "EXT4-fs (loop0): shut down requested (2)"
WHERE_EN = "(on /media/me/A, logged under the name loop0, now loop1)"


def test_the_disks_kernel_errors_say_their_time_as_the_customers_clock_showed_it(monkeypatch, paris) -> None:
    """They began with the kernel log's '2026-12-05T19:04:50+00:00' where the memory check's stopped programs say « à 14 h
    59 »: the same day, the time of day on the customer's clock (UTC+1 here: 20:04), in the reader's language."""
    facts = disk_facts(monkeypatch, datetime(2026, 12, 5, 21, 30, tzinfo=UTC))
    english, french = kernel_errors(facts, "en"), kernel_errors(facts, "fr")
    assert english[0] == f"{SHUT_DOWN} {WHERE_EN} at 20:04", english
    assert french[0].startswith(SHUT_DOWN) and french[0].endswith(f" à 20{NBSP}h{NBSP}04"), french
    assert not [line for line in english + french if "2026-12-05" in line or "+00:00" in line]


def test_a_kernel_error_of_an_earlier_day_says_its_day(monkeypatch, paris) -> None:
    """The kernel's log is read a day back: an error of yesterday evening is not told as « à 20 h 04 » of today."""
    facts = disk_facts(monkeypatch, datetime(2026, 12, 6, 9, 15, tzinfo=UTC))
    assert kernel_errors(facts, "en")[0] == f"{SHUT_DOWN} {WHERE_EN} on December 5, 2026 at 20:04"
    assert kernel_errors(facts, "fr")[0].endswith(f" le 5 décembre 2026 à 20{NBSP}h{NBSP}04")


def test_an_older_bundles_kernel_errors_say_their_time_in_utc(monkeypatch, paris) -> None:
    """Facts of a selfcheck before this one have no scan moment, so no customer's clock: the day and time in UTC, said so."""
    facts = disk_facts(monkeypatch, datetime(2026, 12, 5, 21, 30, tzinfo=UTC))
    del facts["now"]
    assert kernel_errors(facts, "en")[0] == f"{SHUT_DOWN} {WHERE_EN} on December 5, 2026 at 19:04 UTC"


@pytest.mark.parametrize("fixture", ["linux_ready.json", "windows_print_to_pdf.json"])
def test_the_printers_state_agrees_with_its_french_name(fixture: str) -> None:
    """« état : prête » agreed with « imprimante », not with its name « état »: « prêt » (Windows' own printer queue says
    « Prêt »); English as before. The printer check's recorded facts (CUPS, and Windows' Print to PDF)."""
    lines = {}
    for lang in ("en", "fr"):
        result = judged("devices.printer", recorded("devices.printer", fixture), lang)
        with i18n.language(lang):
            lines[lang] = [f"{line.label}: {line.value}" for line in evidence.lines(result["evidence"], "devices.printer") if line.key == "state"]
    assert lines["en"] and set(lines["en"]) == {"state: ready"}
    assert lines["fr"] and set(lines["fr"]) == {"état: prêt"}
