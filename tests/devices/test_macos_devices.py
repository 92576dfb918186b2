"""macOS sound devices, microphones, cameras and Bluetooth, judged on the system_profiler reports of
real Macs (macOS 10.15.3 in a VMware virtual machine, and a Mac OS X 10.7.5 report in older layouts;
tests/fixtures/macos/SOURCES).

The recording holds each data type's ``system_profiler -json`` object under its own key; put
together they are what MACOS_COMMAND prints (one object, a member per data type). The faults
(no output, no input, Bluetooth off, a report in another layout) are that same report with a
part taken away or one documented value changed: no recorded Mac shows them."""

from __future__ import annotations

import json
import plistlib

import pytest

from checkkit import judge
from real_outputs import real
from selfcheck.api import Status
from selfcheck.checks.devices_bluetooth import BluetoothCheck
from selfcheck.checks.devices_camera import CameraCheck
from selfcheck.checks.devices_microphone import MicrophoneCheck
from selfcheck.checks.devices_sound import SoundCheck
from selfcheck.devices import macos

RECORDING = "system_profiler_devices_10.15.3_vm.txt"


def recorded_report() -> dict:
    """The recording's three members (an excerpt of a larger JSON object) as system_profiler prints them together."""
    members = json.loads("{" + real("macos", RECORDING).rstrip().rstrip(",") + "}")
    return {**members["SPAudio"], **members["SPBluetooth"], **members["SPCamera"]}


def recorded_xml_report(name: str) -> dict:
    """Elements of a recorded ``system_profiler -xml`` array as ``-json`` prints the same data types:
    each data type's ``_items`` under its name (the keys are the same in both formats)."""
    fragment = real("macos", name)
    elements = plistlib.loads(f'<?xml version="1.0" encoding="UTF-8"?><plist version="1.0"><array>{fragment}</array></plist>'.encode())
    return {element["_dataType"]: element["_items"] for element in elements}


@pytest.fixture(scope="module")
def mac():
    return macos.parse_macos(recorded_report())


def test_the_command_asks_the_three_data_types_as_json():
    assert macos.MACOS_COMMAND[:2] == ["/usr/sbin/system_profiler", "-json"]
    assert set(macos.MACOS_COMMAND[2:]) == set(recorded_report()) == {"SPAudioDataType", "SPBluetoothDataType", "SPCameraDataType"}


def test_system_profiler_runs_once_per_scan_and_a_failure_is_shared_too(mac):
    from selfcheck.api import CommandOutput

    calls = []
    answers = iter([CommandOutput(macos.MACOS_COMMAND, 0, json.dumps(recorded_report()), ""), CommandOutput(macos.MACOS_COMMAND, None, "", "", timed_out=True)])

    def run(args, timeout=5.0):
        calls.append(args)
        return next(answers)

    scan = {}
    assert macos.macos_devices(run, scan) == mac
    assert macos.macos_devices(run, scan) == mac  # the other device checks of the same scan
    assert calls == [macos.MACOS_COMMAND]
    next_scan = {}
    assert macos.macos_devices(run, next_scan) is None  # system_profiler timed out this time
    assert macos.macos_devices(run, next_scan) is None
    assert len(calls) == 2


def test_the_recorded_mac_is_read_right(mac):
    sound = mac["sound"]
    assert [o["name"] for o in sound["outputs"]] == ["Built-in Output", "Built-in Line Output", "Built-in Digital Output"]
    # the built-in output had switched to its headphone jack: the person knows it as the headphones
    assert sound["default_output"] == "Built-in Output" and sound["outputs"][0]["description"] == "Headphones"
    assert sound["outputs"][0]["transport"] == "builtin"
    microphone = mac["microphone"]
    assert [s["name"] for s in microphone["sources"]] == ["Built-in Line Input", "Built-in Digital Input"]
    assert microphone["default_source"] == "Built-in Digital Input"
    assert mac["cameras"] == []
    bluetooth = mac["bluetooth"]
    assert bluetooth["layout"] == "local_device_title" and bluetooth["service"] == "running"
    assert bluetooth["adapters"] == [{"name": "Abdul’s Mac", "powered": True, "power": "attrib_on"}]
    assert bluetooth["devices"] == []


def test_the_recorded_mac_passes_in_english_and_french(mac):
    sound = judge(SoundCheck(), mac["sound"])
    assert sound.status is Status.PASS and sound.summary == "Sound plays on the headphones."
    assert judge(SoundCheck(), mac["sound"], "fr").summary == "Le son est joué sur le casque."
    microphone = judge(MicrophoneCheck(), mac["microphone"])
    assert microphone.status is Status.PASS and microphone.summary == "Your microphone “Digital In” is ready."
    assert judge(MicrophoneCheck(), mac["microphone"], "fr").summary == "Votre microphone «\u00a0Digital In\u00a0» est prêt."
    bluetooth = judge(BluetoothCheck(), mac["bluetooth"])
    assert bluetooth.status is Status.PASS and bluetooth.summary == "Bluetooth is on."
    assert judge(BluetoothCheck(), mac["bluetooth"], "fr").status is Status.PASS


def test_a_mac_without_a_camera_says_so_in_english_and_french(mac):
    outcome = judge(CameraCheck(), {"source": "macos", "cameras": mac["cameras"]})
    assert outcome.status is Status.INFO and outcome.summary == "No camera was found."
    assert judge(CameraCheck(), {"source": "macos", "cameras": mac["cameras"]}, "fr").summary == "Aucune caméra n’a été trouvée."


def test_the_test_sound_decides_when_it_was_played(mac):
    not_heard = judge(SoundCheck(), {**mac["sound"], "test_sound": {"played": True, "heard": False}})
    assert not_heard.status is Status.FAIL and not_heard.summary == "You did not hear the test sound."
    assert "menu bar" in not_heard.advice[0]  # the Mac's sound icon, not Windows' clock
    heard = judge(SoundCheck(), {**mac["sound"], "test_sound": {"played": True, "heard": True}}, "fr")
    assert heard.status is Status.PASS and heard.summary == "Le son fonctionne\u00a0: vous avez entendu le son d’essai."


def test_a_mac_without_outputs_or_inputs_says_so():
    report = recorded_report()
    devices = report["SPAudioDataType"][0]["_items"]
    report["SPAudioDataType"][0]["_items"] = [d for d in devices if "coreaudio_device_input" in d]  # the inputs only
    facts = macos.parse_macos(report)
    outcome = judge(SoundCheck(), facts["sound"])
    assert outcome.status is Status.FAIL and outcome.summary == "No speakers or headphones were found."
    report["SPAudioDataType"][0]["_items"] = [d for d in devices if "coreaudio_device_output" in d]  # the outputs only
    outcome = judge(MicrophoneCheck(), macos.parse_macos(report)["microphone"], "fr")
    assert outcome.status is Status.FAIL and outcome.summary == "Aucun microphone n’a été trouvé."


def test_bluetooth_turned_off_is_said_without_a_linux_repair(mac):
    report = recorded_report()
    report["SPBluetoothDataType"][0]["local_device_title"]["general_power"] = "attrib_Off"
    facts = macos.parse_macos(report)["bluetooth"]
    assert facts["adapters"][0]["powered"] is False
    outcome = judge(BluetoothCheck(), facts)
    assert outcome.status is Status.WARN and outcome.summary == "Bluetooth is turned off."
    assert outcome.fix is None and "menu bar" in outcome.advice[0]
    assert "barre des menus" in judge(BluetoothCheck(), facts, "fr").advice[0]


def test_a_report_in_another_layout_or_without_a_data_type_is_not_guessed():
    report = recorded_report()
    entry = report["SPBluetoothDataType"][0]
    del entry["local_device_title"]  # what remains is no layout this code knows
    assert macos.parse_macos(report)["bluetooth"]["layout"] == "unknown"
    assert macos.parse_macos({}) == {"sound": None, "microphone": None, "cameras": None, "bluetooth": None}
    assert macos.parse_macos(None)["sound"] is None


def test_an_older_mac_s_report_in_layouts_not_known_is_not_judged():
    """Mac OS X 10.7 listed its sound card's jacks (hda_device_*), not sound devices; at the mini detail
    level its Bluetooth report has no power state. Read as devices, it would say “no speakers”."""
    report = recorded_xml_report("system_profiler_xml_audio_bluetooth_10.7.5_mini.txt")
    assert set(report) == {"SPAudioDataType", "SPBluetoothDataType"}
    assert report["SPAudioDataType"][0]["_name"] == "hda_compatible_hardware"
    facts = macos.parse_macos(report)
    assert facts["sound"] is None and facts["microphone"] is None  # the sound check plays the test sound only
    assert facts["bluetooth"]["layout"] == "unknown"  # the Bluetooth check skips
    assert facts["cameras"] is None  # not asked in that report


def test_without_the_device_list_the_sound_check_falls_back_to_the_test_sound():
    outcome = judge(SoundCheck(), {"source": "macos", "server": "running"})
    assert outcome.status is Status.SKIP


def test_the_test_sound_is_played_with_afplay_and_then_deleted():
    from pathlib import Path

    from selfcheck.api import CommandOutput
    from selfcheck.devices import sound

    seen = []

    def run(args, timeout=5.0):
        seen.append((args[0], Path(args[1]).exists(), Path(args[1])))
        return CommandOutput(list(args), 0, "", "")

    assert sound.play_test_sound_macos(run) is True
    assert [(player, there) for player, there, _path in seen] == [("/usr/bin/afplay", True)]
    assert not seen[0][2].exists()  # deleted once played
