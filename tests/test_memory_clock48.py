"""Review of 769acab1 (what the disk check's fix left): the memory check says when a program was stopped for lack of
memory "as the customer's clock showed it" (67656354), reading the zone from the scan's ``now``; but it recorded that
``now`` from the check's context, which gives UTC, so a customer in Paris whose clock showed 14:59 read "at 13:59",
and one in Tokyo "at 05:59". The disk check records ``ctx.now().astimezone()`` for the same words; the memory check now does."""

from __future__ import annotations

import time

import pytest

from selfcheck.api import Context
from selfcheck.discovery import discover


def test_the_memory_checks_scan_time_is_on_the_customers_clock_so_its_stopped_programs_times_are_too(monkeypatch):
    from selfcheck import config as config_mod

    monkeypatch.setenv("TZ", "JST-9")  # +09:00 all year, a POSIX zone: no time zone data needed
    time.tzset()
    try:
        config = config_mod.from_dict({"checks": {"autoload_plugins": False}})
        check = {c.id: c for c in discover(config)}["hardware.memory"]
        facts = check().collect(Context({}, check.thresholds_from(config), deadline=None))
    finally:
        monkeypatch.delenv("TZ")
        time.tzset()
    if "now" not in facts:
        pytest.skip("this machine's kernel log cannot be read here, so the check records no stopped programs nor their time")
    assert facts["now"].endswith("+09:00"), facts["now"]
