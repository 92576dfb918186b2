"""The processor model: cheap now, py-cpuinfo's answer cached for later scans."""

from __future__ import annotations

import json
import os
import time

from selfcheck import paths
from selfcheck.platforms import cpumodel


def test_cheap_model_on_this_machine():
    assert cpumodel.cheap_model()


def test_refresh_saves_a_cache_the_next_scan_reads():
    assert cpumodel.cached() is None
    data = cpumodel.refresh_now()
    assert data is not None and data["brand"]
    cached = cpumodel.cached()
    assert cached is not None and cached["brand"] == data["brand"]


def test_stale_or_foreign_cache_is_ignored():
    path = paths.user_cache_dir() / cpumodel.CACHE_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"key": "another-machine", "saved": time.time(), "brand": "X"}))
    assert cpumodel.cached() is None
    path.write_text(json.dumps({"key": cpumodel.machine_key(), "saved": time.time() - cpumodel.MAX_AGE - 10, "brand": "X"}))
    assert cpumodel.cached() is None


def test_background_refresh_starts_once_and_fills_the_cache():
    assert cpumodel.refresh_in_background() is True
    assert cpumodel.refresh_in_background() is False  # one is already on its way
    deadline = time.monotonic() + 60
    while cpumodel.cached() is None and time.monotonic() < deadline:
        time.sleep(0.1)
    assert cpumodel.cached() is not None, os.listdir(paths.user_cache_dir())
