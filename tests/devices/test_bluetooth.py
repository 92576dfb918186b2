"""devices.bluetooth. This machine has no Bluetooth hardware: "no Bluetooth" is real here; the
other states run against a STAND-IN for BlueZ (python-dbusmock's bluez5 template on a private
system bus), which answers BlueZ's D-Bus API as bluetoothd does."""

from __future__ import annotations

import os
import shutil

import pytest

import devicelab
from selfcheck import i18n
from selfcheck.api import Context, Status
from selfcheck.checks.devices_bluetooth import BluetoothCheck
from selfcheck.config import load
from selfcheck.devices.actions import device_action

HEADSET = "00:11:22:33:44:55"


def run():
    thresholds = BluetoothCheck.thresholds_from(load())
    facts = BluetoothCheck().collect(Context(thresholds=thresholds, platform="linux"))
    return facts, BluetoothCheck().evaluate(facts, thresholds)


def french(facts):
    i18n.set_language("fr")
    try:
        return BluetoothCheck().evaluate(facts, BluetoothCheck.thresholds_from(load())).summary
    finally:
        i18n.set_language("en")


@pytest.fixture
def bluez(monkeypatch):
    """The stand-in (see the module docstring)."""
    if not os.path.exists("/usr/bin/python3") or devicelab.have("busctl", "dbus-daemon"):
        pytest.skip("busctl or dbus-daemon missing")
    import subprocess

    if subprocess.run(["/usr/bin/python3", "-c", "import dbusmock"], capture_output=True, check=False).returncode != 0:
        pytest.skip("python3-dbusmock is not installed (see .ci/apt.d/devices.txt)")
    lab = devicelab.BluezStandIn().start()
    for key, value in lab.env.items():
        monkeypatch.setenv(key, value)
    yield lab
    lab.stop()


def test_no_bluetooth_here_is_real(tmp_path, monkeypatch):
    """The real machine: no adapter, and no bluetoothd on a bus nobody serves. Never hangs."""
    if not shutil.which("busctl"):
        pytest.skip("busctl is not installed")
    if os.path.exists("/sys/class/rfkill") and any(p.startswith("rfkill") for p in os.listdir("/sys/class/rfkill")):
        pytest.skip("this machine has a radio")
    monkeypatch.setenv("DBUS_SYSTEM_BUS_ADDRESS", f"unix:path={tmp_path}/no_bus")
    facts, outcome = run()
    assert facts["service"] == "not_running" and facts["radios"] == []
    assert outcome.status is Status.INFO and outcome.summary == "This computer has no Bluetooth."
    assert french(facts) == "Cet ordinateur n’a pas de Bluetooth."


def test_stand_in_without_adapter(bluez):
    facts, outcome = run()
    assert facts["service"] == "running" and facts["adapters"] == []
    assert outcome.status is Status.INFO


def test_stand_in_headset_paired_but_not_connected_then_connected(bluez):
    bluez.mock_call("AddAdapter", "ss", "hci0", "my-computer")
    bluez.mock_call("AddDevice", "sss", "hci0", HEADSET, "Jabra Evolve")
    bluez.busctl(
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
    bluez.mock_call("PairDevice", "ssu", "hci0", HEADSET, "2360324")
    bluez.mock_call("DisconnectDevice", "ss", "hci0", HEADSET)
    facts, outcome = run()
    assert facts["devices"][0]["kind"] == "audio-headset" and not facts["devices"][0]["connected"]
    assert outcome.status is Status.WARN
    assert outcome.summary == "“Jabra Evolve” is paired with this computer but not connected."
    assert french(facts) == "«\u00a0Jabra Evolve\u00a0» est associé à cet ordinateur mais pas connecté."
    bluez.mock_call("ConnectDevice", "ss", "hci0", HEADSET)
    facts, outcome = run()
    assert outcome.status is Status.PASS and outcome.summary == "Bluetooth is on; “Jabra Evolve” is connected."


def test_stand_in_adapter_off_is_turned_on_after_consent(bluez):
    bluez.mock_call("AddAdapter", "ss", "hci0", "my-computer")
    bluez.busctl("set-property", "org.bluez", "/org/bluez/hci0", "org.bluez.Adapter1", "Powered", "b", "false")
    facts, outcome = run()
    assert outcome.status is Status.WARN and outcome.summary == "Bluetooth is turned off."
    assert outcome.fix is not None and outcome.fix.arg == "/org/bluez/hci0"
    assert device_action(outcome.fix, "linux")[0]
    assert run()[1].summary == "Bluetooth is on."


def test_stand_in_connected_headset_with_a_low_battery(bluez):
    bluez.mock_call("AddAdapter", "ss", "hci0", "my-computer")
    bluez.mock_call("AddDevice", "sss", "hci0", HEADSET, "Jabra Evolve")
    bluez.mock_call("PairDevice", "ssu", "hci0", HEADSET, "2360324")
    bluez.mock_call("ConnectDevice", "ss", "hci0", HEADSET)
    device = "/org/bluez/hci0/dev_00_11_22_33_44_55"
    bluez.busctl("call", "org.bluez", device, "org.freedesktop.DBus.Mock", "AddProperty", "ssv", "org.bluez.Battery1", "Percentage", "y", "12")
    facts, outcome = run()
    assert facts["devices"][0]["battery_percent"] == 12
    assert outcome.status is Status.WARN and outcome.summary == "The battery of “Jabra Evolve” is low (12%)."
    assert french(facts) == "La batterie de «\u00a0Jabra Evolve\u00a0» est faible (12\u202f%)."
