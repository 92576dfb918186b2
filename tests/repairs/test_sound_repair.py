"""Sound repair for real against the devices lab's private PipeWire session (tests/devicelab.py):
muted speakers are turned back on by `selfcheck fix`, and the sound check, run again, passes."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import devicelab  # noqa: E402

pytestmark = pytest.mark.timeout(120)


def test_muted_speakers_are_turned_back_on_and_the_sound_check_passes(tmp_path):
    missing = devicelab.have("pipewire", "wireplumber", "pipewire-pulse", "pactl", "dbus-run-session")
    if missing:
        pytest.skip(f"{missing} is not installed (see .ci/apt.d/devices.txt)")
    lab = devicelab.SoundLab().start()
    try:
        lab.add_speakers("speakers", "Speakers")
        lab.pactl("set-sink-mute", "speakers", "1")
        env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": str(tmp_path),
            **lab.env,
            "SELFCHECK_HOME": str(tmp_path / "home"),
            "SELFCHECK_DISABLE_PLUGIN_AUTOLOAD": "1",
            "LANG": "C.UTF-8",
        }
        done = subprocess.run([sys.executable, "-m", "selfcheck", "fix", "sound.unmute", "--yes"], capture_output=True, text=True, env=env, timeout=90)
        assert done.returncode == 0, done.stdout + done.stderr
        assert "Turn the sound back on" in done.stdout and "This program checked again: the problem is solved." in done.stdout
        assert "Mute: no" in lab.pactl("get-sink-mute", "speakers").stdout
    finally:
        lab.stop()
