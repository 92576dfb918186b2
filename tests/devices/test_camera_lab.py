"""devices.camera on this machine (no camera: the "none found" case is real) and in a private
mount namespace with a camera device node: a program holding it open, and an account that
may not open it."""

from __future__ import annotations

import os
import shutil

import pytest

import devicelab
from selfcheck import i18n
from selfcheck.api import Context, Status
from selfcheck.checks.devices_camera import CameraCheck
from selfcheck.config import from_dict, load


def judge(facts, lang="en"):
    i18n.set_language(lang)
    try:
        return CameraCheck().evaluate(facts, CameraCheck.thresholds_from(load()))
    finally:
        i18n.set_language("en")


def in_namespace(tmp_path, setup: str, user: str | None = None) -> dict:
    if os.geteuid() != 0 or not shutil.which("unshare"):
        pytest.skip("a private mount namespace needs root and unshare")
    return devicelab.camera_facts_in_namespace(tmp_path, setup, user)


def test_no_camera_here_is_real():
    if [p for p in os.listdir("/dev") if p.startswith("video")]:
        pytest.skip("this machine has a camera")
    facts = CameraCheck().collect(Context({}, from_dict({}).thresholds("devices.camera"), platform="linux"))
    assert facts["cameras"] == []
    outcome = judge(facts)
    assert outcome.status is Status.INFO and outcome.summary == "No camera was found."
    assert judge(facts, "fr").summary == "Aucune caméra n’a été trouvée."


def test_camera_held_open_by_another_program_is_named(tmp_path):
    # no camera driver here: a file stands in for the device node, so a program can hold it open
    shutil.copy("/bin/sleep", tmp_path / "teams")
    facts = in_namespace(tmp_path, f"touch /dev/video0\n{tmp_path}/teams 10 < /dev/video0 > /dev/null 2>&1 &\nsleep 0.2")
    assert facts["cameras"][0]["used_by"] == ["teams"]
    outcome = judge(facts)
    assert outcome.status is Status.WARN
    assert outcome.summary == "The camera is being used by another program (“teams”)."
    assert judge(facts, "fr").summary == "La caméra est utilisée par un autre programme («\u00a0teams\u00a0»)."


def test_camera_the_account_may_not_open(tmp_path):
    facts = in_namespace(tmp_path, "mknod -m 600 /dev/video0 c 81 0", user="nobody")
    assert facts["cameras"] == [{"node": "/dev/video0", "name": "", "allowed": False, "used_by": []}]
    outcome = judge(facts)
    assert outcome.status is Status.FAIL and outcome.summary == "Your account is not allowed to use the camera."


def test_camera_free_and_allowed(tmp_path):
    facts = in_namespace(tmp_path, "mknod -m 666 /dev/video0 c 81 0", user="nobody")
    outcome = judge(facts)
    assert outcome.status is Status.PASS and outcome.summary == "The camera is ready."
