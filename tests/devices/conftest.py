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


@pytest.fixture(scope="module")
def sound_lab():
    missing = devicelab.have("pipewire", "wireplumber", "pipewire-pulse", "pactl", "parec", "dbus-run-session")
    if missing:
        pytest.skip(f"{missing} is not installed (apt-get install pipewire wireplumber pipewire-pulse pulseaudio-utils; see .ci/apt.d/devices.txt)")
    lab = devicelab.SoundLab().start()
    yield lab
    lab.stop()


@pytest.fixture
def sound(sound_lab, monkeypatch):
    """The sound lab, emptied (only the dummy output left) before each test, selfcheck pointed at it."""
    for key, value in sound_lab.env.items():
        monkeypatch.setenv(key, value)
    sound_lab.remove_all_devices()
    return sound_lab
