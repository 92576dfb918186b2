"""The judgement of Windows' privacy settings for the microphone and the camera.

The registry itself is read only on Windows (selfcheck.devices.privacy.windows_consent); these
facts have the shape it returns — the consent store's documented values, Allow or Deny — and test
the evaluation only, not a recorded machine."""

from __future__ import annotations

from selfcheck import i18n
from selfcheck.api import Status
from selfcheck.checks.devices_camera import CameraCheck
from selfcheck.checks.devices_microphone import MicrophoneCheck
from selfcheck.config import load


def judge(cls, privacy, lang="en"):
    i18n.set_language(lang)
    try:
        return cls().evaluate({"source": "windows", "privacy": privacy}, cls.thresholds_from(load()))
    finally:
        i18n.set_language("en")


def test_desktop_apps_denied_the_microphone_is_named_with_the_settings_page():
    outcome = judge(MicrophoneCheck, {"computer": "Allow", "user": "Allow", "desktop_apps": "Deny"})
    assert outcome.status is Status.FAIL
    assert outcome.summary == "The privacy settings block apps from using the microphone."
    assert outcome.fix is not None and (outcome.fix.action, outcome.fix.arg) == ("open_privacy_settings", "microphone")
    assert len(outcome.advice) == 1
    assert (
        judge(MicrophoneCheck, {"desktop_apps": "Deny"}, "fr").summary == "Les réglages de confidentialité empêchent les applications d’utiliser le microphone."
    )


def test_camera_turned_off_for_the_whole_computer_points_to_the_it_desk():
    outcome = judge(CameraCheck, {"computer": "Deny", "user": "Allow", "desktop_apps": "Allow"})
    assert outcome.status is Status.FAIL and outcome.summary == "The privacy settings block apps from using the camera."
    assert any("IT desk" in a for a in outcome.advice)


def test_allowed_or_never_set_passes():
    assert judge(CameraCheck, {"computer": "Allow", "user": "Allow", "desktop_apps": "Allow"}).status is Status.PASS
    assert judge(MicrophoneCheck, {"computer": None, "user": None, "desktop_apps": None}).status is Status.PASS
