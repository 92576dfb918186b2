"""Device labs: a private CUPS and a simulated printer per test module (tests/devicelab.py)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import devicelab  # noqa: E402


@pytest.fixture(scope="module")
def cups(tmp_path_factory):
    missing = devicelab.have("cupsd", "lpadmin", "lp", "cupsdisable")
    if missing:
        pytest.skip(f"{missing} is not installed (apt-get install cups-daemon cups-client; see .ci/apt.d/devices.txt)")
    if os.geteuid() != 0:
        pytest.skip("the private print service runs its helpers as the lp user: needs root")
    lab = devicelab.CupsLab().start()
    yield lab
    lab.stop()


@pytest.fixture(scope="module")
def printer(cups, tmp_path_factory):
    missing = devicelab.have("ippeveprinter", "dbus-daemon")
    if missing:
        pytest.skip(f"{missing} is not installed (apt-get install cups-ipp-utils dbus-daemon)")
    device = devicelab.IppPrinter(tmp_path_factory.mktemp("printer")).start()
    yield device
    device.stop()
