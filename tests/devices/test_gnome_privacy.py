"""GNOME's Privacy switches for the camera and the microphone, set and read with the real gsettings
(GLib's keyfile backend in a private folder, never this machine's own settings)."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from checkkit import judge
from selfcheck.api import Context, Status
from selfcheck.checks.devices_camera import CameraCheck
from selfcheck.checks.devices_microphone import MicrophoneCheck
from selfcheck.config import from_dict
from selfcheck.devices.privacy import gnome_consent

pytestmark = pytest.mark.skipif(
    shutil.which("gsettings") is None or subprocess.run(["gsettings", "list-keys", "org.gnome.desktop.privacy"], capture_output=True).returncode != 0,
    reason="needs gsettings and the GNOME privacy schema (.ci/apt.d/devices.txt)",
)


@pytest.fixture
def gnome(tmp_path, monkeypatch):
    """A GNOME session's settings in a private folder; returns a setter for a privacy key."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    monkeypatch.setenv("GSETTINGS_BACKEND", "keyfile")
    monkeypatch.setenv("XDG_CURRENT_DESKTOP", "ubuntu:GNOME")

    def switch(key: str, value: str) -> None:
        subprocess.run(["gsettings", "set", "org.gnome.desktop.privacy", key, value], check=True, timeout=10)

    return switch


def context() -> Context:
    return Context({}, from_dict({}).thresholds("devices.camera"), platform="linux")


def test_camera_access_turned_off_in_gnome_is_read_and_named(gnome):
    gnome("disable-camera", "true")
    consent = gnome_consent(context().run, "camera")
    assert consent == {"user": "Deny", "settings": "gnome"}
    # the camera check's own collection on this machine (no /dev/video*), with a camera there
    facts = CameraCheck().collect(context())
    assert facts["privacy"] == consent
    facts["cameras"] = [{"node": "/dev/video0", "name": "Integrated Camera", "allowed": True, "used_by": []}]
    outcome = judge(CameraCheck(), facts)
    assert outcome.status is Status.FAIL and outcome.summary == "The privacy settings block apps from using the camera."
    assert outcome.advice[0] == "Open Settings, then Privacy, then Camera, and turn on “Camera access”."
    assert outcome.fix is not None and (outcome.fix.action, outcome.fix.arg) == ("open_privacy_settings", "camera")
    assert judge(CameraCheck(), facts, "fr").advice[0] == "Ouvrez Paramètres, puis Confidentialité, puis Caméra, et activez «\u00a0Accès à la caméra\u00a0»."


def test_no_camera_comes_before_the_switch(gnome):
    gnome("disable-camera", "true")
    facts = CameraCheck().collect(context())
    assert facts["cameras"] == [] and judge(CameraCheck(), facts).summary == "No camera was found."


def test_switch_on_or_another_desktop_blocks_nothing(gnome, monkeypatch):
    gnome("disable-camera", "false")
    assert gnome_consent(context().run, "camera") == {"user": "Allow", "settings": "gnome"}
    gnome("disable-microphone", "true")
    monkeypatch.setenv("XDG_CURRENT_DESKTOP", "KDE")
    assert gnome_consent(context().run, "microphone") is None, "KDE does not obey GNOME's switches"


def test_microphone_access_turned_off_comes_before_the_sound_settings(gnome):
    gnome("disable-microphone", "true")
    consent = gnome_consent(context().run, "microphone")
    facts = {
        "source": "pulse",
        "server": "running",
        "default_source": "alsa_input.usb-headset",
        "sources": [
            {"name": "alsa_input.usb-headset", "description": "Headset", "mute": True, "volume_percent": 40, "monitor": False, "port_available": "available"}
        ],
        "privacy": consent,
    }
    outcome = judge(MicrophoneCheck(), facts)
    assert outcome.status is Status.FAIL and outcome.summary == "The privacy settings block apps from using the microphone."
    assert outcome.advice == ["Open Settings, then Privacy, then Microphone, and turn on “Microphone access”."]
    facts["privacy"] = {"user": "Allow", "settings": "gnome"}
    assert judge(MicrophoneCheck(), facts).summary == "Your microphone “Headset” is turned off (muted)."
