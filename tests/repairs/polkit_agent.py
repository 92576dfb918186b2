"""A polkit authentication agent for the tests: the person who clicks "Cancel" in the system's password dialog.

Run with the system's Python (python3-dbus, python3-gi) inside a private polkit (polkitlab.py) as root:

    polkit_agent.py PID LOCALE

It registers with the real polkitd for the process PID (pkexec asks on behalf of its parent), in LOCALE
(the language a desktop's agent announces), prints ``ready``, then for every authentication polkitd asks
for prints what the dialog would show (action id and message, as JSON) and answers the way the desktop
agents' Cancel button does (polkit-gnome, KDE's polkit agent): the D-Bus error
``org.freedesktop.PolicyKit1.Error.Cancelled``, which polkitd reports to pkexec as "dismissed" (exit 126).

pkttyagent cannot stand in for this: at a closed terminal it aborts ("Got unexpected EOF"), which polkitd
reports as "not authorized" (pkexec exit 127), never as dismissed.
"""

from __future__ import annotations

import json
import sys

import dbus
import dbus.mainloop.glib
import dbus.service
from gi.repository import GLib

AGENT_PATH = "/org/selfcheck/TestAgent"


class CancellingAgent(dbus.service.Object):
    @dbus.service.method("org.freedesktop.PolicyKit1.AuthenticationAgent", in_signature="sssa{ss}sa(sa{sv})", out_signature="")
    def BeginAuthentication(self, action_id, message, icon_name, details, cookie, identities):  # noqa: N802 - the D-Bus name
        print(json.dumps({"action_id": str(action_id), "message": str(message)}), flush=True)
        raise dbus.exceptions.DBusException("The person clicked Cancel", name="org.freedesktop.PolicyKit1.Error.Cancelled")

    @dbus.service.method("org.freedesktop.PolicyKit1.AuthenticationAgent", in_signature="s", out_signature="")
    def CancelAuthentication(self, cookie):  # noqa: N802
        pass


def start_time(pid: int) -> int:
    with open(f"/proc/{pid}/stat", encoding="ascii") as fh:
        return int(fh.read().rpartition(")")[2].split()[19])


def main() -> int:
    pid, locale = int(sys.argv[1]), sys.argv[2]
    dbus.mainloop.glib.DBusGMainLoop(set_as_default=True)
    bus = dbus.SystemBus()
    CancellingAgent(bus, AGENT_PATH)
    with open(f"/proc/{pid}/status", encoding="ascii") as fh:
        uid = next(int(line.split()[1]) for line in fh if line.startswith("Uid:"))
    subject = ("unix-process", {"pid": dbus.UInt32(pid), "start-time": dbus.UInt64(start_time(pid)), "uid": dbus.Int32(uid)})
    authority = dbus.Interface(bus.get_object("org.freedesktop.PolicyKit1", "/org/freedesktop/PolicyKit1/Authority"), "org.freedesktop.PolicyKit1.Authority")
    authority.RegisterAuthenticationAgent(subject, locale, AGENT_PATH)
    print("ready", flush=True)
    GLib.MainLoop().run()
    return 0


if __name__ == "__main__":
    sys.exit(main())
