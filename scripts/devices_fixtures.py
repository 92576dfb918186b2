#!/usr/bin/env python3
"""Record the devices.* checks' conformance fixtures from the real services of tests/devicelab.py.

    sudo .venv/bin/python scripts/devices_fixtures.py

Each fixture's facts are what ``collect()`` returned against a private print
service and a simulated printer, or a private sound server, on this machine
(the note says which lab state).
"""

from __future__ import annotations

import json
import os
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

import devicelab  # noqa: E402
from selfcheck.api import Context  # noqa: E402
from selfcheck.checks.devices_printer import PrinterCheck  # noqa: E402
from selfcheck.config import load  # noqa: E402

OUT = ROOT / "tests" / "fixtures" / "checks"


def record(check_id: str, case: str, facts: dict, expect: str, note: str) -> None:
    folder = OUT / check_id
    folder.mkdir(parents=True, exist_ok=True)
    data = {"platform": "linux", "expect": expect, "note": note, "facts": facts}
    (folder / f"{case}.json").write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(folder / f"{case}.json")


def printer_facts(clock=None) -> dict:
    thresholds = PrinterCheck.thresholds_from(load())
    return PrinterCheck().collect(Context(thresholds=thresholds, clock=clock, platform="linux"))


def printers() -> None:
    import tempfile

    lab = devicelab.CupsLab().start()
    device = devicelab.IppPrinter(Path(tempfile.mkdtemp(prefix="selfcheck-printer-"))).start()
    os.environ.update(lab.env)
    os.environ["HOME"] = str(lab.dir)
    where = "private cupsd 2.4 (Debian bookworm) and ippeveprinter on loopback, tests/devicelab.py"
    try:
        record("devices.printer", "linux_no_printer", printer_facts(), "fail", f"{where}: no queue")
        lab.add_printer("Office", device.uri, default=True)
        record("devices.printer", "linux_ready", printer_facts(), "pass", f"{where}: one IPP Everywhere printer, idle")
        device.web_form("supplies", supply0=25, supply1=4)
        record("devices.printer", "linux_toner_low", printer_facts(), "warn", f"{where}: toner at 4 % (the printer's /supplies form)")
        device.web_form("supplies", supply0=25, supply1=75)
        device.set_paper(0)
        record("devices.printer", "linux_out_of_paper", printer_facts(), "fail", f"{where}: main tray empty (the printer's /media form)")
        device.set_paper(250)
        device.kill()
        lab.submit("Office")
        time.sleep(1)
        later = datetime.now(UTC) + timedelta(minutes=45)
        record(
            "devices.printer",
            "linux_switched_off_job_waiting",
            printer_facts(lambda: later),
            "fail",
            f"{where}: printer stopped, a job sent, checked 45 minutes later",
        )
        os.environ["CUPS_SERVER"] = str(lab.dir / "absent.sock")
        record("devices.printer", "linux_service_not_running", printer_facts(), "fail", f"{where}: CUPS_SERVER names a socket nobody listens on")
    finally:
        device.stop()
        lab.stop()


def sounds() -> None:
    from selfcheck.checks.devices_microphone import MicrophoneCheck
    from selfcheck.checks.devices_sound import SoundCheck

    lab = devicelab.SoundLab().start()
    os.environ.update(lab.env)
    where = "PipeWire 0.3.65 + WirePlumber + pipewire-pulse (Debian bookworm) in a private session, tests/devicelab.py"

    def facts(cls):
        return cls().collect(Context(thresholds=cls.thresholds_from(load()), platform="linux"))

    try:
        record("devices.sound", "linux_dummy_output_only", facts(SoundCheck), "fail", f"{where}: no device, only the dummy output")
        record(
            "devices.microphone",
            "linux_monitor_only",
            facts(MicrophoneCheck),
            "fail",
            f"{where}: no device; the input falls back to the dummy output's monitor",
        )
        lab.add_speakers("speakers", "Speakers")
        lab.add_microphone("headset", "Headset", feed="tone")
        lab.set_default("source", "headset")
        record("devices.sound", "linux_speakers", facts(SoundCheck), "pass", f"{where}: a null sink as speakers, volume 100 %")
        record("devices.microphone", "linux_hears_a_tone", facts(MicrophoneCheck), "pass", f"{where}: a pipe source fed a 440 Hz tone")
        lab.pactl("set-sink-mute", "speakers", "1")
        record("devices.sound", "linux_muted", facts(SoundCheck), "fail", f"{where}: pactl set-sink-mute speakers 1")
        lab.pactl("set-sink-mute", "speakers", "0")
        lab.pactl("set-sink-volume", "speakers", "8%")
        record("devices.sound", "linux_volume_low", facts(SoundCheck), "warn", f"{where}: pactl set-sink-volume speakers 8%")
        lab.add_microphone("webcam", "Webcam", feed="silence")
        lab.set_default("source", "webcam")
        record("devices.microphone", "linux_hears_silence", facts(MicrophoneCheck), "fail", f"{where}: a pipe source fed silence")
    finally:
        lab.stop()


def cameras() -> None:
    import shutil
    import tempfile

    from selfcheck.checks.devices_camera import CameraCheck

    here = "Debian bookworm VM without a camera driver"
    record("devices.camera", "linux_no_camera", CameraCheck().collect(Context(platform="linux")), "info", f"{here}: no /dev/video*")
    folder = Path(tempfile.mkdtemp(prefix="selfcheck-camera-"))
    shutil.copy("/bin/sleep", folder / "teams")
    lab = f"{here}, private mount namespace (tests/devicelab.py camera_facts_in_namespace)"
    held = f"touch /dev/video0\n{folder}/teams 10 < /dev/video0 > /dev/null 2>&1 &\nsleep 0.2"
    record("devices.camera", "linux_in_use", devicelab.camera_facts_in_namespace(folder, held), "warn", f"{lab}: a program named teams holds /dev/video0 open")
    record(
        "devices.camera",
        "linux_not_allowed",
        devicelab.camera_facts_in_namespace(folder, "mknod -m 600 /dev/video0 c 81 0", "nobody"),
        "fail",
        f"{lab}: root-only node, checked as nobody",
    )
    record(
        "devices.camera",
        "linux_allowed",
        devicelab.camera_facts_in_namespace(folder, "mknod -m 666 /dev/video0 c 81 0", "nobody"),
        "pass",
        f"{lab}: node open to all, checked as nobody",
    )
    shutil.rmtree(folder, ignore_errors=True)


def bluetooth() -> None:
    import tempfile

    from selfcheck.checks.devices_bluetooth import BluetoothCheck

    def facts():
        return BluetoothCheck().collect(Context(thresholds=BluetoothCheck.thresholds_from(load()), platform="linux"))

    here = "Debian bookworm VM without Bluetooth hardware"
    os.environ["DBUS_SYSTEM_BUS_ADDRESS"] = f"unix:path={tempfile.mkdtemp()}/no_bus"
    record("devices.bluetooth", "linux_no_bluetooth", facts(), "info", f"{here}: no radio, no bluetoothd")
    lab = devicelab.BluezStandIn().start()
    os.environ.update(lab.env)
    where = "STAND-IN for BlueZ: python-dbusmock bluez5 template on a private system bus (tests/devicelab.py BluezStandIn)"
    try:
        lab.mock_call("AddAdapter", "ss", "hci0", "my-computer")
        lab.mock_call("AddDevice", "sss", "hci0", "00:11:22:33:44:55", "Jabra Evolve")
        lab.busctl(
            "call",
            "org.bluez",
            "/org/bluez/hci0/dev_00_11_22_33_44_55",
            "org.freedesktop.DBus.Properties",
            "Set",
            "ssv",
            "org.bluez.Device1",
            "Icon",
            "s",
            "audio-headset",
        )
        lab.mock_call("PairDevice", "ssu", "hci0", "00:11:22:33:44:55", "2360324")
        lab.mock_call("DisconnectDevice", "ss", "hci0", "00:11:22:33:44:55")
        record("devices.bluetooth", "linux_headset_not_connected", facts(), "warn", f"{where}: a paired headset, disconnected")
        lab.mock_call("ConnectDevice", "ss", "hci0", "00:11:22:33:44:55")
        record("devices.bluetooth", "linux_headset_connected", facts(), "pass", f"{where}: the headset connected")
    finally:
        lab.stop()


def windows() -> None:
    from selfcheck.devices.printing import parse_windows

    recorded = json.loads((ROOT / "tests" / "fixtures" / "windows" / "win32_printer_msi.json").read_text(encoding="utf-8"))
    facts = parse_windows({"spooler": "Running", "printers": recorded, "jobs": []}, now=1_700_000_000.0)
    note = "parse_windows on the recorded Win32_Printer of a real machine (tests/fixtures/windows/SOURCES), Spooler running, no jobs"
    folder = OUT / "devices.printer"
    data = {"platform": "windows", "expect": "pass", "note": note, "facts": facts}
    (folder / "windows_print_to_pdf.json").write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    windows_devices()


def windows_devices() -> None:
    """The sound, camera and Bluetooth facts of two real Windows machines' recorded device lists."""
    from real_outputs import wmic_list
    from selfcheck.devices import pnp

    classes = {pnp.BLUETOOTH_CLASS, pnp.IMAGE_CLASS, pnp.CAMERA_CLASS}
    allowed = {"computer": "Allow", "user": "Allow", "desktop_apps": "Allow"}
    machines = {
        "fr_win7": ("cim_logicaldevice_fr_win7.wmi.gz", "French Windows 7", "Running"),
        "es_winxp": ("cim_logicaldevice_es_winxp.wmi.gz", "Spanish Windows XP", ""),
    }
    for key, (name, machine, bluetooth_service) in machines.items():
        objects = wmic_list("windows", name)
        output = {
            "audio": "Running",
            "bluetooth": bluetooth_service,
            "devices": [o for o in objects if o.get("CreationClassName") == "Win32_PnPEntity" and o.get("ClassGuid", "").lower() in classes],
            "sound": [o for o in objects if o.get("CreationClassName") == "Win32_SoundDevice"],
        }
        facts = pnp.parse_windows(output)
        note = (
            f"pnp.parse_windows on the recorded device list of a real {machine} machine (tests/fixtures/windows/SOURCES,"
            f" {name}); the services' states are assumed: Audiosrv Running, bthserv {bluetooth_service or 'absent'}"
        )
        cases = [
            ("devices.sound", f"windows_{key}_sound", facts["sound"], "pass"),
            (
                "devices.camera",
                f"windows_{key}_camera",
                {"source": "windows", "privacy": allowed, "cameras": facts["cameras"]},
                "pass" if facts["cameras"] else "info",
            ),
            ("devices.bluetooth", f"windows_{key}_bluetooth", facts["bluetooth"], "pass" if facts["bluetooth"]["adapters"] else "info"),
        ]
        for check_id, case, case_facts, expect in cases:
            data = {"platform": "windows", "expect": expect, "note": note, "facts": case_facts}
            (OUT / check_id / f"{case}.json").write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def macos() -> None:
    """The sound, microphone, camera and Bluetooth facts of a real Mac's recorded system_profiler report."""
    from real_outputs import real
    from selfcheck.devices.macos import parse_macos

    name = "system_profiler_devices_10.15.3_vm.txt"
    members = json.loads("{" + real("macos", name).rstrip().rstrip(",") + "}")
    facts = parse_macos({**members["SPAudio"], **members["SPBluetooth"], **members["SPCamera"]})
    note = f"macos.parse_macos on the recorded system_profiler report of a real macOS 10.15.3 virtual machine (tests/fixtures/macos/SOURCES, {name})"
    cases = [
        ("devices.sound", "macos_10.15_vm_sound", facts["sound"], "pass"),
        ("devices.microphone", "macos_10.15_vm_microphone", facts["microphone"], "pass"),
        ("devices.camera", "macos_10.15_vm_no_camera", {"source": "macos", "cameras": facts["cameras"]}, "info"),
        ("devices.bluetooth", "macos_10.15_vm_bluetooth", facts["bluetooth"], "pass"),
    ]
    for check_id, case, case_facts, expect in cases:
        data = {"platform": "darwin", "expect": expect, "note": note, "facts": case_facts}
        (OUT / check_id / f"{case}.json").write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


if __name__ == "__main__":
    parts = {"printers": printers, "sounds": sounds, "cameras": cameras, "bluetooth": bluetooth, "windows": windows, "macos": macos}
    for name in sys.argv[1:] or parts:
        parts[name]()
