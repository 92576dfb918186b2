"""Every repair selfcheck knows, per platform (docs/repairs.md lists them for people).

Command lines are fixed here, never taken from the caller: the elevated helper
receives only a repair id and re-reads its steps from this table. The one
variable part, a network interface name, is found by the helper itself and
checked against a strict pattern.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable

from selfcheck.i18n import N_

from .model import Action, CommandAction, Env, Repair, Step
from .printing import CancelPrintJobs
from .storage import ClearTemp, EmptyRecycleBin, EmptyTrash

_IFACE_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.:@-]{0,31}$")


def main_interface(env: Env) -> str | None:
    """The interface of the default route, else the first wired/wireless interface that exists (Linux)."""
    out = env.run(["ip", "-j", "route", "show", "default"], 5)
    try:
        for route in json.loads(out.stdout or "[]"):
            dev = str(route.get("dev") or "")
            if _IFACE_RE.match(dev):
                return dev
    except ValueError:
        pass
    out = env.run(["ip", "-j", "link", "show"], 5)
    try:
        links = json.loads(out.stdout or "[]")
    except ValueError:
        return None
    for link in links:
        name = str(link.get("ifname") or "")
        if link.get("link_type") == "ether" and _IFACE_RE.match(name) and not name.startswith(("docker", "veth", "br-", "virbr")):
            return name
    return None


def default_gateways(env: Env, dev: str) -> list[str]:
    """The IPv4 default routes' gateways through this interface (Linux), checked to be addresses."""
    import ipaddress

    out = env.run(["ip", "-j", "-4", "route", "show", "default", "dev", dev], 5)
    try:
        routes = json.loads(out.stdout or "[]")
    except ValueError:
        return []
    found = []
    for route in routes if isinstance(routes, list) else []:
        try:
            found.append(str(ipaddress.IPv4Address(str(route.get("gateway") or "") if isinstance(route, dict) else "")))
        except ValueError:
            continue
    return found


def darwin_interface(env: Env) -> str:
    """The interface of macOS's default route (`route -n get default`, read by the network checks' own parser)."""
    from selfcheck.netparse import parse_route_get

    name = parse_route_get(env.run(["route", "-n", "get", "default"], 5).stdout).get("interface", "")
    return name if _IFACE_RE.match(name) else "en0"


#: the trash repair's texts, and as each system names the trash and where it shows it (verdict round 17: "on my computer
#: it's called the Recycle Bin"; wording.trash words the check's steps the same way)
TRASH_TITLE = N_("Empty the trash")
#: small-screen rounds 4-10: "deleted for good, to make room for your files": "Which files? Mine?" (the room is the
#: consent's next line, in photos): what is not touched instead
#: small-screen round 16 (en, fr): "'deleted for good' and 'Once it is done, it cannot be undone' came right next to each
#: other … it's said twice and it scared me", « c'est écrit deux fois, et ça me rend nerveuse »: said once, by the undo line
#: small-screen round 18 (en): "'The files in the Recycle Bin are deleted.' At first I read it as if they had already been deleted":
#: what will happen once they agree
TRASH_CHANGES = N_("The files in the trash will be deleted. Nothing else is touched.")
TRASH_MANUAL = N_("Open the trash (or recycle bin) on the desktop and choose “Empty”.")
_IN_THE_TRASH = {
    TRASH_TITLE: N_("Empty the Trash"),
    TRASH_CHANGES: N_("The files in the Trash will be deleted. Nothing else is touched."),
}
#: leftover files by hand: a restart clears them on Linux and macOS, not on Windows (its TEMP folder stays), whose own
#: Settings page removes them (Windows 10 and 11 alike); "Downloads" is one of its boxes, unticked until someone ticks it.
#: Send round 108: every naming of those files was quoted ("leftover files", "scrap files"): what the restart does for them,
#: in the button's own words (it makes room by itself)
CLEAR_TEMP_MANUAL = N_("Restart the computer: when it starts, it makes some room by itself.")
CLEAR_TEMP_TEXTS = {
    "windows": {
        CLEAR_TEMP_MANUAL: N_(
            "Open Settings from the Start menu, choose “System”, then “Storage”, then “Temporary files”; leave “Downloads” unticked, and choose “Remove files”."
        )
    }
}
TRASH_TEXTS = {
    "windows": {
        TRASH_TITLE: N_("Empty the Recycle Bin"),
        TRASH_CHANGES: N_("The files in the Recycle Bin will be deleted. Nothing else is touched."),
        TRASH_MANUAL: N_("Click the Recycle Bin on the desktop with the right mouse button and choose “Empty Recycle Bin”."),
    },
    "darwin": {
        **_IN_THE_TRASH,
        TRASH_MANUAL: N_("Click the Trash in the Dock while holding down the Control key, and choose “Empty Trash”."),
    },
    "linux": {**_IN_THE_TRASH, TRASH_MANUAL: N_("Open the Trash in your file manager and choose “Empty”.")},
}


def _has(program: str) -> Callable[[Env], bool]:
    return lambda env: env.which(program) is not None


def _service_active(name: str, user: bool = False) -> Callable[[Env], bool]:
    def probe(env: Env) -> bool:
        if env.which("systemctl") is None:
            return False
        args = ["systemctl", *(["--user"] if user else []), "is-active", "--quiet", name]
        return env.run(args, 5).returncode == 0

    return probe


def _nm_running(env: Env) -> bool:
    return env.which("nmcli") is not None and env.run(["nmcli", "-t", "-f", "RUNNING", "general"], 5).stdout.strip() == "running"


def _both(*probes: Callable[[Env], bool]) -> Callable[[Env], bool]:
    return lambda env: all(p(env) for p in probes)


def _iface(env: Env) -> str:
    dev = main_interface(env)
    if dev is None:
        raise LookupError("no network interface")
    return dev


def _always(env: Env) -> bool:
    return True


# ---------------------------------------------------------------------------------- network

LINUX_RENEW = CommandAction(
    [
        (_nm_running, lambda env: [Step(("nmcli", "device", "connect", _iface(env)), timeout=60)]),  # activates again: a new lease
        (_service_active("systemd-networkd"), lambda env: [Step(("networkctl", "renew", _iface(env)))]),
        (
            _has("dhclient"),
            lambda env: [
                Step(
                    ("dhclient", "-1", "-pf", f"/run/dhclient.{_iface(env)}.pid", "-lf", f"/var/lib/dhcp/dhclient.{_iface(env)}.leases", _iface(env)),
                    timeout=60,
                )
            ],
        ),
    ],
    needs_admin=True,
    missing=N_("No program that manages the network connection was found on this computer."),
)

LINUX_RESTART_CONNECTION = CommandAction(
    [
        (
            _nm_running,
            lambda env: [
                Step(("nmcli", "device", "disconnect", _iface(env)), undo=("nmcli", "device", "connect", _iface(env))),
                Step(("nmcli", "device", "connect", _iface(env)), timeout=60, restores=True),
            ],
        ),
        (
            _service_active("systemd-networkd"),
            lambda env: [
                Step(("networkctl", "down", _iface(env)), undo=("networkctl", "up", _iface(env))),
                Step(("networkctl", "up", _iface(env)), restores=True),
            ],
        ),
        (
            _both(_has("ip"), _has("dhclient")),
            lambda env: [
                Step(("ip", "link", "set", "dev", _iface(env), "down"), undo=("ip", "link", "set", "dev", _iface(env), "up")),
                Step(("ip", "link", "set", "dev", _iface(env), "up"), restores=True),
                # turning the link off drops its routes: the way out is put back before asking for a new address,
                # so a DHCP server that does not answer leaves the computer as it was
                *[Step(("ip", "route", "replace", "default", "via", gw, "dev", _iface(env)), restores=True) for gw in default_gateways(env, _iface(env))],
                Step(
                    ("dhclient", "-1", "-pf", f"/run/dhclient.{_iface(env)}.pid", "-lf", f"/var/lib/dhcp/dhclient.{_iface(env)}.leases", _iface(env)),
                    timeout=60,
                ),
            ],
        ),
    ],
    needs_admin=True,
    missing=N_("No program that manages the network connection was found on this computer."),
)

LINUX_FLUSH_DNS = CommandAction(
    [
        (_service_active("systemd-resolved"), lambda env: [Step(("resolvectl", "flush-caches"))]),
        (_service_active("nscd"), lambda env: [Step(("nscd", "--invalidate=hosts"))]),
        (_service_active("dnsmasq"), lambda env: [Step(("systemctl", "reload-or-restart", "dnsmasq"))]),
    ],
    needs_admin=True,
    missing=N_("This computer keeps no list of names to clear (it asks the network every time)."),
)

WINDOWS_RENEW = CommandAction([(_always, lambda env: [Step(("ipconfig", "/renew"), timeout=60)])], needs_admin=True)
WINDOWS_FLUSH_DNS = CommandAction([(_always, lambda env: [Step(("ipconfig", "/flushdns"))])], needs_admin=False)
WINDOWS_RESTART_CONNECTION = CommandAction(
    [
        (
            _always,
            lambda env: [
                Step(
                    ("powershell.exe", "-NoProfile", "-NonInteractive", "-Command", "Get-NetAdapter -Physical | Restart-NetAdapter -Confirm:$false"),
                    timeout=60,
                )
            ],
        )
    ],
    needs_admin=True,
)
DARWIN_RENEW = CommandAction([(_always, lambda env: [Step(("ipconfig", "set", darwin_interface(env), "DHCP"), timeout=60)])], needs_admin=True)
DARWIN_FLUSH_DNS = CommandAction([(_always, lambda env: [Step(("dscacheutil", "-flushcache")), Step(("killall", "-HUP", "mDNSResponder"))])], needs_admin=True)
DARWIN_RESTART_CONNECTION = CommandAction(
    [
        (
            _always,
            lambda env: [
                Step(("ifconfig", darwin_interface(env), "down"), undo=("ifconfig", darwin_interface(env), "up")),
                Step(("ifconfig", darwin_interface(env), "up"), restores=True),
            ],
        )
    ],
    needs_admin=True,
)

# ---------------------------------------------------------------------------------- time


def _timedated(env: Env) -> bool:
    """timedatectl needs systemd's time service (absent in containers and some minimal systems)."""
    return env.which("timedatectl") is not None and env.run(["timedatectl", "show", "-p", "NTP"], 5).returncode == 0


def _automatic_time_on(env: Env) -> Step:
    """Turn automatic time on; when a later step fails it is turned off again only if it was off before."""
    if env.run(["timedatectl", "show", "-p", "NTP", "--value"], 5).stdout.strip() == "no":
        return Step(("timedatectl", "set-ntp", "true"), undo=("timedatectl", "set-ntp", "false"))
    return Step(("timedatectl", "set-ntp", "true"), restores=True)  # already on: asking again changes nothing


LINUX_TIME = CommandAction(
    [
        (
            _both(_timedated, _has("chronyc")),
            lambda env: [_automatic_time_on(env), Step(("chronyc", "-a", "makestep"))],
        ),
        (
            _timedated,
            lambda env: [_automatic_time_on(env), Step(("systemctl", "restart", "systemd-timesyncd"), ok_codes=(0, 5))],
        ),
    ],
    needs_admin=True,
    missing=N_("This computer's clock is not set by a service this program can turn on."),
)
WINDOWS_TIME = CommandAction(
    [
        (
            _always,
            lambda env: [
                Step(("sc.exe", "config", "w32time", "start=", "auto")),
                Step(("net.exe", "start", "w32time"), ok_codes=(0, 2)),  # 2: it was already running
                Step(("w32tm.exe", "/config", "/syncfromflags:domhier,manual", "/update")),
                Step(("w32tm.exe", "/resync", "/force"), timeout=60),
            ],
        )
    ],
    needs_admin=True,
)
DARWIN_TIME = CommandAction(
    [(_always, lambda env: [Step(("systemsetup", "-setusingnetworktime", "on")), Step(("sntp", "-sS", "time.apple.com"), timeout=60)])],
    needs_admin=True,
)

# ---------------------------------------------------------------------------------- printing

LINUX_RESTART_PRINTING = CommandAction(
    [(_has("systemctl"), lambda env: [Step(("systemctl", "restart", "cups"), timeout=60)])],
    needs_admin=True,
    missing=N_("No printing system was found on this computer."),
)
WINDOWS_CANCEL = CommandAction(
    [
        (
            _always,
            lambda env: [
                Step(
                    (
                        "powershell.exe",
                        "-NoProfile",
                        "-NonInteractive",
                        "-Command",
                        "Get-Printer | ForEach-Object { Get-PrintJob -PrinterObject $_ } | Remove-PrintJob",
                    )
                )
            ],
        )
    ],
    needs_admin=False,
)
WINDOWS_RESTART_PRINTING = CommandAction(
    [
        (
            _always,
            lambda env: [
                Step(("net.exe", "stop", "spooler"), undo=("net.exe", "start", "spooler"), timeout=60, ok_codes=(0, 2)),
                Step(("net.exe", "start", "spooler"), timeout=60, restores=True),
            ],
        )
    ],
    needs_admin=True,
)
DARWIN_RESTART_PRINTING = CommandAction(
    [(_always, lambda env: [Step(("launchctl", "kickstart", "-k", "system/org.cups.cupsd"), timeout=60)])], needs_admin=True
)

# ---------------------------------------------------------------------------------- sound

LINUX_UNMUTE = CommandAction(
    [
        (_has("wpctl"), lambda env: [Step(("wpctl", "set-mute", "@DEFAULT_AUDIO_SINK@", "0"))]),
        (_has("pactl"), lambda env: [Step(("pactl", "set-sink-mute", "@DEFAULT_SINK@", "0"))]),
    ],
    needs_admin=False,
    missing=N_("No sound system was found on this computer."),
)
DARWIN_UNMUTE = CommandAction([(_always, lambda env: [Step(("osascript", "-e", "set volume without output muted"))])], needs_admin=False)
LINUX_RESTART_SOUND = CommandAction(
    [
        (
            _service_active("pipewire", user=True),
            lambda env: [Step(("systemctl", "--user", "restart", "pipewire", "pipewire-pulse", "wireplumber"), timeout=30, ok_codes=(0, 5))],
        ),
        (_service_active("pulseaudio", user=True), lambda env: [Step(("systemctl", "--user", "restart", "pulseaudio"), timeout=30)]),
    ],
    needs_admin=False,
    missing=N_("No sound service this program can restart was found on this computer."),
)
WINDOWS_RESTART_SOUND = CommandAction(
    [
        (
            _always,
            lambda env: [
                Step(("powershell.exe", "-NoProfile", "-NonInteractive", "-Command", "Restart-Service -Name Audiosrv,AudioEndpointBuilder -Force"), timeout=60)
            ],
        )
    ],
    needs_admin=True,
)
DARWIN_RESTART_SOUND = CommandAction([(_always, lambda env: [Step(("killall", "coreaudiod"))])], needs_admin=True)

# ---------------------------------------------------------------------------------- security

LINUX_FIREWALL = CommandAction(
    [
        (_has("ufw"), lambda env: [Step(("ufw", "--force", "enable"))]),
        (_has("firewall-cmd"), lambda env: [Step(("systemctl", "enable", "--now", "firewalld"), timeout=60)]),
    ],
    needs_admin=True,
    missing=N_("No firewall this program knows how to turn on was found on this computer."),
)
WINDOWS_FIREWALL = CommandAction([(_always, lambda env: [Step(("netsh.exe", "advfirewall", "set", "allprofiles", "state", "on"))])], needs_admin=True)
DARWIN_FIREWALL = CommandAction(
    [(_always, lambda env: [Step(("/usr/libexec/ApplicationFirewall/socketfilterfw", "--setglobalstate", "on"))])], needs_admin=True
)

# ---------------------------------------------------------------------------------- the table

_MANUAL_NETWORK = (
    N_("Turn the Wi-Fi (or unplug the network cable) off and on again."),
    N_("If that does not help, restart the computer and the internet box."),
)

REPAIRS: dict[str, Repair] = {
    r.id: r
    for r in (
        Repair(
            "network.renew_address",
            "network",
            # send rounds 59, 61-63 (en): "Reconnect" ("I think it means connect again"), "disconnects" and "reconnects" ("I half
            # understand them", "I had to read those twice"): the French words' way, in everyday English
            # send round 73 (en): "Connect again to the internet box": "I understood it, but it's odd English": the usual order
            N_("Connect to the internet box again"),
            # send round 24 (en): "Your computer stops using your internet box" and "like unplugging a cable and plugging it back
            # in" ("made me think I had to crawl under the desk"): it disconnects for a few seconds and reconnects by itself
            N_(
                "For a few seconds, your computer is not connected to your internet box (the box with lights that brings the internet into your home),"
                " then it connects again by itself: there is nothing to unplug. A video call may be cut off, and you can call back right after."
            ),
            ("network.link", "network.gateway"),
            _MANUAL_NETWORK,
            60,
            N_("Nothing is deleted, and nothing else changes on your computer."),
            {"linux": LINUX_RENEW, "windows": WINDOWS_RENEW, "darwin": DARWIN_RENEW},
            fixes=N_("This can help when this computer no longer gets onto the internet through your internet box."),
        ),
        Repair(
            "network.restart_connection",
            "network",
            N_("Restart the network connection"),
            N_(
                "The internet connection is turned off and on again."
                " The internet stops for a few seconds: a video call may be cut off, and you can call back right after."
            ),
            ("network.link", "network.gateway", "network.dns"),
            _MANUAL_NETWORK,
            60,
            N_("Nothing is deleted, and nothing else changes on your computer."),
            {"linux": LINUX_RESTART_CONNECTION, "windows": WINDOWS_RESTART_CONNECTION, "darwin": DARWIN_RESTART_CONNECTION},
            fixes=N_("This can help when the internet stopped working on this computer."),
        ),
        Repair(
            "network.flush_dns",
            "network",
            N_("Forget the remembered website addresses"),
            N_("Your computer forgets the addresses of websites it remembered, and asks for them again. Nothing else changes."),
            ("network.dns",),
            (N_("Restart the computer: it forgets the remembered addresses too."),),
            15,
            N_("Nothing to undo: the addresses are remembered again as you browse."),
            {"linux": LINUX_FLUSH_DNS, "windows": WINDOWS_FLUSH_DNS, "darwin": DARWIN_FLUSH_DNS},
        ),
        Repair(
            "time.resync",
            "time",
            N_("Set the clock automatically"),
            N_("Your computer sets its clock automatically from the internet from now on, and corrects it now."),
            ("network.clock",),
            (N_("Open the date and time settings and turn on “Set time automatically”."),),
            60,
            N_("You can turn “Set time automatically” off again in the date and time settings."),
            {"linux": LINUX_TIME, "windows": WINDOWS_TIME, "darwin": DARWIN_TIME},
            does_for_you="open_datetime_settings",
        ),
        Repair(
            "printing.cancel_jobs",
            "printing",
            N_("Cancel the documents waiting to print"),
            N_("Documents waiting to be printed are removed from the queue. You will need to print them again."),
            ("devices.printer",),
            (N_("Open the printer's queue in the settings and cancel the waiting documents."),),
            15,
            None,
            {"linux": CancelPrintJobs(), "darwin": CancelPrintJobs(), "windows": WINDOWS_CANCEL},
        ),
        Repair(
            "printing.restart_service",
            "printing",
            N_("Restart the printing service"),
            N_("The part of your computer that sends documents to printers is restarted. Documents being printed may need to be printed again."),
            ("devices.printer",),
            (N_("Restart the computer, then print again."),),
            60,
            N_("Nothing to undo: the printing service starts again with its usual settings."),
            {"linux": LINUX_RESTART_PRINTING, "windows": WINDOWS_RESTART_PRINTING, "darwin": DARWIN_RESTART_PRINTING},
        ),
        Repair(
            "sound.unmute",
            "sound",
            N_("Turn the sound back on"),
            N_("The sound of your computer's speakers or headphones is turned back on (it was muted)."),
            ("devices.sound",),
            (N_("Click the loudspeaker symbol next to the clock and turn the sound on."),),
            15,
            N_("You can mute the sound again with the loudspeaker symbol next to the clock."),
            {"linux": LINUX_UNMUTE, "darwin": DARWIN_UNMUTE},
        ),
        Repair(
            "sound.restart_service",
            "sound",
            N_("Restart the sound service"),
            N_("The part of your computer that plays sound is restarted. Sound stops for a moment; calls and videos may need to be started again."),
            ("devices.sound",),
            (N_("Restart the computer."),),
            30,
            N_("Nothing to undo: the sound service starts again with its usual settings."),
            {"linux": LINUX_RESTART_SOUND, "windows": WINDOWS_RESTART_SOUND, "darwin": DARWIN_RESTART_SOUND},
        ),
        Repair(
            "storage.empty_trash",
            "storage",
            TRASH_TITLE,
            TRASH_CHANGES,
            ("hardware.disk",),
            (TRASH_MANUAL,),
            120,
            None,
            {"linux": EmptyTrash(), "darwin": EmptyTrash(), "windows": EmptyRecycleBin()},
            platform_texts=TRASH_TEXTS,
        ),
        Repair(
            "storage.clear_temp",
            "storage",
            # "which files? my photos?" (round 5): which ones, and that the person's own are not touched
            # send round 9: "Delete files programs left behind" still frightened: name it by what it removes
            # send round 11: "temporary files" was quoted: what they are; verdict round 7: the reassurance is said beside
            # the button, in the verdict card (gui.repair_offer.what_they_remove), and in the consent dialog (changes)
            # small-screen rounds 4-10: "to make room for your files": "which files are 'my files'?" (the room is said on the
            # next line, in photos)
            # send round 104 (en, fr): "I don't know what files a program 'leaves behind'", « je ne vois pas ce que c'est »
            # (and send round 13: "files from programs? left behind where?"): what they are to the person, files programs
            # kept for themselves and no longer need (their temporary files, not that word: quoted in rounds 1-11)
            # send rounds 104-105 (en, fr): "I don't know which files programs no longer need, so I wouldn't touch that": the
            # person need not know which: this program finds them (the fold's title names the way by these words)
            # send rounds 104-107 (en, fr): "let this program find and clear away files that programs no longer need": "which
            # files? I wouldn't touch it", « enlever les fichiers inutiles des programmes » (« quels fichiers ? sont-ils vraiment
            # inutiles ? »): what they are, as a person knows them (scrap, « brouillons »: what a program jots down for itself
            # while it works), and that they are never the person's own (said in full in the fold's title until send round
            # 111, and here in the dialog); short enough for the card's button at 14 pt in French
            # send round 108 (en, fr): "scrap files of other programs (files they make for themselves while they work…)",
            # « brouillons des autres programmes », quoted as every naming of those files has been: the customer need not know
            # which files (this program finds them, and its dialog says the room before it deletes): named by what it does for
            # them, and that their own things are never touched (the fold's title, until send round 111, and here)
            N_("Let this program make more room by itself"),
            N_(
                "This program deletes only what other programs kept for a while and have not used for a day. Your own photos, letters and documents are never touched."
            ),
            ("hardware.disk",),
            (CLEAR_TEMP_MANUAL,),
            120,
            None,
            {"linux": ClearTemp(), "darwin": ClearTemp(), "windows": ClearTemp()},
            platform_texts=CLEAR_TEMP_TEXTS,
        ),
        Repair(
            "security.firewall_on",
            "security",
            N_("Turn the firewall back on"),
            N_("The firewall, which blocks unwanted connections from the network, is turned back on."),
            ("security.firewall",),
            (N_("Open the security settings and turn the firewall on."),),
            30,
            N_("Your IT team can turn the firewall off again if a program needs it."),
            {"linux": LINUX_FIREWALL, "windows": WINDOWS_FIREWALL, "darwin": DARWIN_FIREWALL},
        ),
    )
}


def get(repair_id: str) -> Repair | None:
    return REPAIRS.get(repair_id)


def action_for(repair_id: str, platform: str) -> Action | None:
    repair = REPAIRS.get(repair_id)
    return repair.action(platform) if repair else None
