"""Windows sound devices, cameras and Bluetooth adapters, judged on the devices of two real machines
(a French Windows 7 with a webcam and Bluetooth, a Spanish Windows XP with neither), as wmic
recorded them (tests/fixtures/windows/SOURCES).

WINDOWS_SCRIPT asks WMI for the same objects (Win32_SoundDevice, and the Win32_PnPEntity of the
Bluetooth, Image and Camera classes) and prints them with ConvertTo-Json; here they come from the
recording's list format instead, with the same property names and values. The services' states
are not in the recordings: each test says which it assumes, as the printer test does."""

from __future__ import annotations

import copy

import pytest

from checkkit import judge
from real_outputs import wmic_list
from selfcheck.api import Status
from selfcheck.checks.devices_bluetooth import BluetoothCheck
from selfcheck.checks.devices_camera import CameraCheck
from selfcheck.checks.devices_sound import SoundCheck
from selfcheck.devices import pnp

ALLOWED = {"computer": "Allow", "user": "Allow", "desktop_apps": "Allow"}


def script_output(name: str, audio: str = "Running", bluetooth: str = "Running") -> dict:
    """What WINDOWS_SCRIPT prints on that machine: its PnP objects of the asked classes, its sound devices."""
    objects = wmic_list("windows", name)
    classes = {pnp.BLUETOOTH_CLASS, pnp.IMAGE_CLASS, pnp.CAMERA_CLASS}
    return {
        "audio": audio,
        "bluetooth": bluetooth,
        "devices": [o for o in objects if o.get("CreationClassName") == "Win32_PnPEntity" and o.get("ClassGuid", "").lower() in classes],
        "sound": [o for o in objects if o.get("CreationClassName") == "Win32_SoundDevice"],
    }


@pytest.fixture(scope="module")
def win7():
    return pnp.parse_windows(script_output("cim_logicaldevice_fr_win7.wmi.gz"))


@pytest.fixture(scope="module")
def winxp():
    return pnp.parse_windows(script_output("cim_logicaldevice_es_winxp.wmi.gz", bluetooth=""))


def test_the_french_windows_7_devices_are_read_right(win7):
    assert [(d["name"], d["state"], d["bluetooth"]) for d in win7["sound"]["devices"]] == [
        ("Bluetooth Audio Device", "working", True),
        ("Realtek High Definition Audio", "working", False),
        ("Périphérique audio USB", "working", False),
    ]
    # the webcam (USB video class driver), not the Bluetooth services Windows lists in other classes
    assert win7["cameras"] == [{"name": "Périphérique vidéo USB", "state": "working", "code": 0, "allowed": True, "used_by": []}]
    # the radio itself, not the "Énumérateur Microsoft Bluetooth" (BTH\) nor the services over it (BTHENUM\)
    assert win7["bluetooth"]["adapters"] == [{"name": "ASUS Bluetooth", "state": "working", "code": 0, "powered": True}]
    assert win7["bluetooth"]["service"] == "running"


def test_powershell_runs_once_per_scan_and_its_answer_with_a_byte_order_mark_is_read(win7):
    """PowerShell 5 may start its output with a byte-order mark; the device checks of one scan share one run."""
    import json

    from selfcheck.api import CommandOutput

    calls = []

    def run(args, timeout=5.0):
        calls.append(args)
        return CommandOutput(list(args), 0, "\ufeff" + json.dumps(script_output("cim_logicaldevice_fr_win7.wmi.gz")) + "\r\n", "")

    scan = {}
    assert pnp.windows_devices(run, scan) == win7
    assert pnp.windows_devices(run, scan) == win7  # the camera and Bluetooth checks of the same scan
    assert len(calls) == 1 and calls[0][0] == "powershell" and calls[0][-1] == pnp.WINDOWS_SCRIPT
    pnp.windows_devices(run, {})  # checking again after a fix asks Windows again
    assert len(calls) == 2


def test_a_powershell_that_fails_or_prints_no_json_gives_no_devices():
    from selfcheck.api import CommandOutput

    def failing(args, timeout=5.0):
        return CommandOutput(list(args), 1, "", "powershell: not found")

    def garbled(args, timeout=5.0):
        return CommandOutput(list(args), 0, "Get-CimInstance\u00a0: Accès refusé", "")

    assert pnp.windows_devices(failing, {}) is None
    assert pnp.windows_devices(garbled, {}) is None


def test_the_spanish_windows_xp_has_sound_but_no_camera_nor_bluetooth(winxp):
    assert [(d["name"], d["state"]) for d in winxp["sound"]["devices"]] == [("SoundMAX Integrated Digital Audio", "working")]
    assert winxp["cameras"] == []
    assert winxp["bluetooth"]["adapters"] == [] and winxp["bluetooth"]["service"] == "missing"


def test_working_machines_pass_in_english_and_french(win7, winxp):
    outcome = judge(SoundCheck(), win7["sound"])
    assert outcome.status is Status.PASS and outcome.summary == "The sound card “Realtek High Definition Audio” works."
    assert judge(SoundCheck(), winxp["sound"], "fr").summary == "La carte son «\u00a0SoundMAX Integrated Digital Audio\u00a0» fonctionne."
    camera = {"source": "windows", "privacy": ALLOWED, "cameras": win7["cameras"]}
    assert judge(CameraCheck(), camera).summary == "The camera is ready (“Périphérique vidéo USB”)."
    assert judge(CameraCheck(), camera, "fr").summary == "La caméra est prête («\u00a0Périphérique vidéo USB\u00a0»)."
    outcome = judge(BluetoothCheck(), win7["bluetooth"])
    assert outcome.status is Status.PASS and outcome.summary == "Bluetooth is on."


def test_no_camera_and_no_bluetooth_on_the_xp_machine_are_notes_not_faults(winxp):
    camera = judge(CameraCheck(), {"source": "windows", "privacy": ALLOWED, "cameras": winxp["cameras"]})
    assert camera.status is Status.INFO and camera.summary == "No camera was found."
    bluetooth = judge(BluetoothCheck(), winxp["bluetooth"], "fr")
    assert bluetooth.status is Status.INFO and bluetooth.summary == "Cet ordinateur n’a pas de Bluetooth."


def test_the_privacy_settings_come_before_a_working_camera(win7):
    outcome = judge(CameraCheck(), {"source": "windows", "privacy": {**ALLOWED, "desktop_apps": "Deny"}, "cameras": win7["cameras"]})
    assert outcome.status is Status.FAIL and outcome.summary == "The privacy settings block apps from using the camera."
    assert outcome.fix is not None and outcome.fix.action == "open_privacy_settings"


def disabled(record: dict) -> dict:
    """The same WMI object with the code Windows gives a device turned off in Device Manager."""
    return {**record, "ConfigManagerErrorCode": str(pnp.DISABLED), "Status": "Error"}


def test_a_device_turned_off_in_device_manager_is_named_with_how_to_turn_it_on():
    data = script_output("cim_logicaldevice_fr_win7.wmi.gz")
    off = copy.deepcopy(data)
    off["sound"] = [disabled(s) for s in off["sound"]]
    off["devices"] = [disabled(d) for d in off["devices"]]
    facts = pnp.parse_windows(off)
    sound = judge(SoundCheck(), facts["sound"])
    assert sound.status is Status.FAIL and sound.summary == "The sound card “Realtek High Definition Audio” is turned off on this computer."
    assert "Enable device" in sound.advice[0]
    assert judge(SoundCheck(), facts["sound"], "fr").summary == "La carte son «\u00a0Realtek High Definition Audio\u00a0» est désactivée sur cet ordinateur."
    camera = judge(CameraCheck(), {"source": "windows", "privacy": ALLOWED, "cameras": facts["cameras"]})
    assert camera.status is Status.FAIL and camera.summary == "The camera “Périphérique vidéo USB” is turned off on this computer."
    bluetooth = judge(BluetoothCheck(), facts["bluetooth"])
    assert bluetooth.status is Status.WARN and bluetooth.summary == "Bluetooth is turned off."
    assert bluetooth.fix is None, "the BlueZ repair must not be offered on Windows"


def test_a_driver_problem_and_stopped_services_are_named():
    data = script_output("cim_logicaldevice_fr_win7.wmi.gz", audio="Stopped", bluetooth="Stopped")
    facts = pnp.parse_windows(data)
    assert judge(SoundCheck(), facts["sound"]).summary == "The sound service of this computer is not running."
    assert judge(BluetoothCheck(), facts["bluetooth"]).summary == "The Bluetooth service of this computer is not running."
    broken = script_output("cim_logicaldevice_fr_win7.wmi.gz")
    broken["sound"] = [{**s, "ConfigManagerErrorCode": "10"} for s in broken["sound"]]
    outcome = judge(SoundCheck(), pnp.parse_windows(broken)["sound"], "fr")
    assert outcome.status is Status.FAIL
    assert outcome.summary == "La carte son «\u00a0Realtek High Definition Audio\u00a0» ne fonctionne pas\u00a0: Windows signale un problème."


def test_the_test_sound_answer_decides_on_windows(win7):
    heard = judge(SoundCheck(), {**win7["sound"], "test_sound": {"played": True, "heard": True}})
    assert heard.status is Status.PASS and heard.summary == "Sound works: you heard the test sound."
    missed = judge(SoundCheck(), {**win7["sound"], "test_sound": {"played": True, "heard": False}}, "fr")
    assert missed.status is Status.FAIL and missed.summary == "Vous n’avez pas entendu le son d’essai."


def test_powershell_prints_a_lone_object_and_nulls_and_they_are_read():
    data = script_output("cim_logicaldevice_es_winxp.wmi.gz")
    lone = {"audio": "Running", "bluetooth": None, "devices": None, "sound": data["sound"][0]}
    facts = pnp.parse_windows(lone)
    assert [d["name"] for d in facts["sound"]["devices"]] == ["SoundMAX Integrated Digital Audio"]
    assert facts["cameras"] == [] and facts["bluetooth"]["adapters"] == []
    assert pnp.parse_windows(None)["sound"]["devices"] == []


def test_on_a_mac_the_test_sound_answer_is_the_verdict():
    """macOS facts are the test sound alone (afplay's exit status and the person's answer)."""
    assert judge(SoundCheck(), {"source": "macos", "server": "running", "test_sound": {"played": True, "heard": True}}).status is Status.PASS
    missed = judge(SoundCheck(), {"source": "macos", "server": "running", "test_sound": {"played": True, "heard": False}})
    assert missed.status is Status.FAIL and "menu bar" in missed.advice[0]
    failed = judge(SoundCheck(), {"source": "macos", "server": "running", "test_sound": {"played": False, "heard": None}}, "fr")
    assert failed.status is Status.FAIL and failed.summary == "Le son d’essai n’a pas pu être joué."
    untested = judge(SoundCheck(), {"source": "macos", "server": "running"})
    assert untested.status is Status.SKIP and "test sound" in untested.summary


def test_the_microphone_on_windows_needs_the_sound_service_before_the_privacy_settings():
    from selfcheck.checks.devices_microphone import MicrophoneCheck

    stopped = pnp.parse_windows(script_output("cim_logicaldevice_fr_win7.wmi.gz", audio="Stopped"))["sound"]
    facts = {"source": "windows", "privacy": ALLOWED, "server": stopped["server"], "sound_cards": stopped["sound_cards"]}
    assert judge(MicrophoneCheck(), facts, "fr").summary == "Le service de son de cet ordinateur ne fonctionne pas."
    running = pnp.parse_windows(script_output("cim_logicaldevice_fr_win7.wmi.gz"))["sound"]
    facts.update(server=running["server"], privacy={**ALLOWED, "user": "Deny"})
    assert judge(MicrophoneCheck(), facts).summary == "The privacy settings block apps from using the microphone."


def test_the_test_sound_is_played_by_windows_own_player_and_then_deleted():
    """SoundPlayer plays the chime to the end; the file exists while it plays and is gone after, played or not."""
    import re
    from pathlib import Path

    from selfcheck.api import CommandOutput
    from selfcheck.devices import sound

    seen = []

    def run(args, timeout=5.0, code=0):
        path = Path(re.fullmatch(r"\(New-Object System\.Media\.SoundPlayer '(.+)'\)\.PlaySync\(\)", args[-1]).group(1).replace("''", "'"))
        seen.append((args[:4], path, path.stat().st_size > 44))  # a WAV with sound in it, not an empty header
        return CommandOutput(list(args), code, "", "")

    assert sound.play_test_sound_windows(run) is True
    assert sound.play_test_sound_windows(lambda args, timeout=5.0: run(args, timeout, code=1)) is False
    assert [(argv, full) for argv, _path, full in seen] == [(["powershell", "-NoProfile", "-NonInteractive", "-Command"], True)] * 2
    assert not any(path.exists() for _argv, path, _full in seen)


def test_a_device_whose_state_windows_does_not_give_is_not_called_faulty():
    """No ConfigManagerErrorCode (WMI left it empty): the state is unknown, which is no reason to say the
    account may not use the camera, or that Windows reports a problem with the sound card or Bluetooth;
    a turned-off camera beside it is still left out."""
    data = script_output("cim_logicaldevice_fr_win7.wmi.gz")
    unknown = copy.deepcopy(data)
    unknown["devices"] = [{k: v for k, v in d.items() if k != "ConfigManagerErrorCode"} for d in unknown["devices"]]
    unknown["sound"] = [{k: v for k, v in d.items() if k != "ConfigManagerErrorCode"} for d in unknown["sound"]]
    facts = pnp.parse_windows(unknown)
    sound = judge(SoundCheck(), facts["sound"])
    assert sound.status is Status.PASS and sound.summary == "The sound card “Realtek High Definition Audio” works.", sound.summary
    bluetooth = judge(BluetoothCheck(), facts["bluetooth"])
    assert bluetooth.status is Status.PASS and bluetooth.summary == "Bluetooth is on.", bluetooth.summary
    cameras = facts["cameras"]
    assert [(c["state"], c["code"]) for c in cameras] == [("unknown", None)]
    turned_off = pnp.parse_windows({**data, "devices": [disabled(d) for d in data["devices"]]})["cameras"]
    for shown in (cameras, [*turned_off, *cameras]):
        outcome = judge(CameraCheck(), {"source": "windows", "privacy": ALLOWED, "cameras": shown})
        assert outcome.status is Status.PASS and outcome.summary == "The camera is ready (“Périphérique vidéo USB”).", outcome.summary
