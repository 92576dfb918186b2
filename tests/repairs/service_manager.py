"""STAND-IN for systemd's service manager (org.freedesktop.systemd1) on the time lab's private system bus.

Run with the system's Python (python3-dbus, python3-gi) as root inside the lab's mount namespace:

    service_manager.py NETNS STATE_FILE

This machine's PID 1 is not systemd, and the real one cannot run inside a test, so this small program answers
the calls the real systemd-timedated and systemctl make to it for ``systemd-timesyncd.service``: the unit's
LoadState/ActiveState/UnitFileState, EnableUnitFiles, DisableUnitFiles, Reload, StartUnit, StopUnit,
RestartUnit, GetUnit, LoadUnit, Subscribe, and a JobRemoved signal for each job. Starting the unit starts the
REAL systemd-timesyncd in the network namespace NETNS as its own account ``systemd-timesync`` with CAP_SYS_TIME
removed from its bounding set: it really asks the lab's NTP server, and the kernel refuses it any change to this
machine's clock. Every call is appended to STATE_FILE (JSON lines) for the test to read.
"""

from __future__ import annotations

import json
import subprocess
import sys

import dbus
import dbus.mainloop.glib
import dbus.service
from gi.repository import GLib

MANAGER_PATH = "/org/freedesktop/systemd1"
MANAGER = "org.freedesktop.systemd1.Manager"
UNIT = "org.freedesktop.systemd1.Unit"
PROPS = "org.freedesktop.DBus.Properties"
TIMESYNCD = "systemd-timesyncd.service"
# the bounding set decides what even root could get back: without CAP_SYS_TIME nothing it starts can set the clock
NO_CLOCK = ["setpriv", "--reuid=systemd-timesync", "--regid=systemd-timesync", "--clear-groups", "--bounding-set=-sys_time", "--inh-caps=-all"]


def unit_path(name: str) -> str:
    """systemd's escaping of a unit name into an object path (unit_dbus_path_from_name)."""
    out = []
    for ch in name:
        out.append(ch if ch.isalnum() else f"_{ord(ch):02x}")
    return f"{MANAGER_PATH}/unit/{''.join(out)}"


class Unit(dbus.service.Object):
    def __init__(self, bus: dbus.Bus, name: str) -> None:
        super().__init__(bus, unit_path(name))
        self.props = {"Id": name, "LoadState": "loaded", "ActiveState": "inactive", "SubState": "dead", "UnitFileState": "disabled", "NeedDaemonReload": False}

    @dbus.service.method(PROPS, in_signature="ss", out_signature="v")
    def Get(self, interface, prop):  # noqa: N802
        return self.props[str(prop)]

    @dbus.service.method(PROPS, in_signature="s", out_signature="a{sv}")
    def GetAll(self, interface):  # noqa: N802
        return dbus.Dictionary({k: v for k, v in self.props.items()}, signature="sv")


class Manager(dbus.service.Object):
    def __init__(self, bus: dbus.Bus, netns: str, state: str) -> None:
        super().__init__(bus, MANAGER_PATH)
        self.netns, self.state = netns, state
        self.unit = Unit(bus, TIMESYNCD)
        self.proc: subprocess.Popen[bytes] | None = None
        self.jobs = 0

    def note(self, **what) -> None:
        with open(self.state, "a", encoding="utf-8") as fh:
            fh.write(json.dumps(what) + "\n")

    def _known(self, name: str) -> None:
        if str(name) != TIMESYNCD:
            raise dbus.exceptions.DBusException(f"Unit {name} not found.", name="org.freedesktop.systemd1.NoSuchUnit")

    def _job(self, name: str) -> dbus.ObjectPath:
        self.jobs += 1
        job, path = self.jobs, dbus.ObjectPath(f"{MANAGER_PATH}/job/{self.jobs}")
        GLib.timeout_add(100, lambda: (self.JobRemoved(dbus.UInt32(job), path, name, "done"), False)[1])
        return path

    def _start(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            return
        cmd = ["ip", "netns", "exec", self.netns, *NO_CLOCK, "/lib/systemd/systemd-timesyncd"]
        self.proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=open(self.state + ".timesyncd.log", "ab"))
        self.unit.props.update(ActiveState="active", SubState="running")
        self.note(started=self.proc.pid)

    def _stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait(10)
        self.proc = None
        self.unit.props.update(ActiveState="inactive", SubState="dead")

    @dbus.service.signal(MANAGER, signature="uoss")
    def JobRemoved(self, job, path, unit, result):  # noqa: N802
        pass

    @dbus.service.method(MANAGER, in_signature="", out_signature="")
    def Subscribe(self):  # noqa: N802
        pass

    @dbus.service.method(MANAGER, in_signature="", out_signature="")
    def Reload(self):  # noqa: N802
        self.note(call="Reload")

    @dbus.service.method(MANAGER, in_signature="s", out_signature="o")
    def GetUnit(self, name):  # noqa: N802
        self._known(name)
        return dbus.ObjectPath(unit_path(TIMESYNCD))

    @dbus.service.method(MANAGER, in_signature="s", out_signature="o")
    def LoadUnit(self, name):  # noqa: N802
        return self.GetUnit(name)

    @dbus.service.method(MANAGER, in_signature="asbb", out_signature="ba(sss)")
    def EnableUnitFiles(self, names, runtime, force):  # noqa: N802
        for name in names:
            self._known(name)
        self.unit.props["UnitFileState"] = "enabled"
        self.note(call="EnableUnitFiles", units=[str(n) for n in names])
        return (True, dbus.Array([], signature="(sss)"))

    @dbus.service.method(MANAGER, in_signature="asb", out_signature="a(sss)")
    def DisableUnitFiles(self, names, runtime):  # noqa: N802
        self.unit.props["UnitFileState"] = "disabled"
        self.note(call="DisableUnitFiles", units=[str(n) for n in names])
        return dbus.Array([], signature="(sss)")

    @dbus.service.method(MANAGER, in_signature="ss", out_signature="o")
    def StartUnit(self, name, mode):  # noqa: N802
        self._known(name)
        self.note(call="StartUnit", unit=str(name))
        self._start()
        return self._job(name)

    @dbus.service.method(MANAGER, in_signature="ss", out_signature="o")
    def RestartUnit(self, name, mode):  # noqa: N802
        self._known(name)
        self.note(call="RestartUnit", unit=str(name))
        self._stop()
        self._start()
        return self._job(name)

    @dbus.service.method(MANAGER, in_signature="ss", out_signature="o")
    def StopUnit(self, name, mode):  # noqa: N802
        self._known(name)
        self.note(call="StopUnit", unit=str(name))
        self._stop()
        return self._job(name)


def main() -> int:
    netns, state = sys.argv[1], sys.argv[2]
    dbus.mainloop.glib.DBusGMainLoop(set_as_default=True)
    bus = dbus.SystemBus()
    manager = Manager(bus, netns, state)
    _name = dbus.service.BusName("org.freedesktop.systemd1", bus)
    print("ready", flush=True)
    try:
        GLib.MainLoop().run()
    finally:
        manager._stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
