"""A check's evidence as support reads it: each key's name in the reader's language, each value in its words, for the
window's "Technical details", report.html and the support card's evidence lines (one naming for the three). The
evidence keeps its keys: the scan JSON and the bundle's results.json are read by scripts and by ``reevaluate``."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime

from selfcheck import wording
from selfcheck.i18n import N_, _

#: the fields of a sound output or input as the sound service lists them (devices.sound's sinks, devices.microphone's
#: sources), and of a device as Windows' Device Manager lists it (sound, camera, Bluetooth)
_SOUND_DEVICE = {
    "name": N_("name"),
    "description": N_("shown as"),
    "mute": N_("sound cut (muted)"),
    "volume_percent": N_("volume (%)"),
    "state": N_("state"),
    "port": N_("connector"),
    "port_available": N_("something plugged into the connector"),
    "bus": N_("connection"),
    "transport": N_("connection"),
    "form": N_("kind of device"),
    "monitor": N_("a copy of an output, not a microphone"),
    "code": N_("Device Manager code"),
}
_PRIVACY = {
    "privacy": N_("privacy settings"),
    "computer": N_("for the whole computer"),
    "user": N_("for this user"),
    "desktop_apps": N_("for desktop programs"),
    "settings": N_("set in"),
}
_SYSTEM_SUPPORT = {
    "support": N_("support by its maker"),
    "security_updates_until": N_("security updates until"),
}
_ANSWERED = {
    "status": N_("answer"),
    "code": N_("HTTP answer code"),
    "http_code": N_("HTTP answer code"),
    "kind": N_("what it means"),
}

#: the names of each built-in check's evidence, in the reader's language; a key is named wherever it sits in its check's
#: evidence ("name" in a battery, a printer). A key not named here is shown as it is, its "_" as spaces (a company check's)
EVIDENCE_NAMES: dict[str, dict[str, str]] = {
    "hardware.battery": {
        "percent": N_("charge (%)"),
        "plugged_in": N_("plugged in"),
        "batteries": N_("each battery"),
        "name": N_("name"),
        "status": N_("state"),
        "full_capacity": N_("capacity when full"),
        "design_capacity": N_("capacity when new"),
        "cycle_count": N_("charge cycles"),
        "health_percent": N_("health (%)"),
    },
    "hardware.cpu": {
        "busy_percent": N_("busy (%)"),
        "usual_percent": N_("usually busy (%)"),
        "model": N_("model"),
        "cores": N_("cores"),
        "threads": N_("threads"),
        "top_processes": N_("busiest programs"),
        "load_average": N_("load average"),
        "temperature_c": N_("temperature (°C)"),
        "speed_limit_percent": N_("speed limit (%)"),
        "throttle_counts": N_("times slowed down by heat"),
        "core": N_("one core"),
        "package": N_("the whole processor"),
    },
    "hardware.disk": {
        "volumes": N_("drives"),
        "network_shares": N_("network shares"),
        "smart": N_("disk health (SMART)"),
        "write_test": N_("test write"),
        "kernel_fs_errors": N_("file system errors in the kernel's log"),
        "largest_folders": N_("largest folders"),
        "io_pressure_some_avg10": N_("waiting for the disk (% of the last 10 s)"),
        "io_activity": N_("disk activity"),
    },
    "hardware.memory": {
        "total": N_("memory in all"),
        "available": N_("memory available"),
        "available_percent": N_("memory available (%)"),
        "swap_used": N_("disk used as memory (swap)"),
        "swap_percent": N_("swap (%)"),
        "top_processes": N_("programs using the most memory"),
        "pressure_avg60": N_("waiting for memory (% of the last minute)"),
        "oom_kills": N_("stopped for lack of memory"),
    },
    "hardware.sensors": {"temperatures": N_("temperatures"), "fans": N_("fans"), "degrees_below_critical": N_("degrees below the danger level")},
    "devices.bluetooth": {
        "service": N_("Bluetooth service"),
        "radios": N_("Bluetooth radios"),
        "soft_blocked": N_("switched off in the settings"),
        "hard_blocked": N_("switched off by a key or switch"),
        "adapters": N_("Bluetooth adapters"),
        "path": N_("system path"),
        "powered": N_("switched on"),
        "power": N_("power"),
        "devices": N_("paired devices"),
        "kind": N_("kind of device"),
        "connected": N_("connected"),
        "battery_percent": N_("battery (%)"),
        "adapter": N_("adapter"),
        **{k: v for k, v in _SOUND_DEVICE.items() if k in ("name", "state", "code")},
    },
    "devices.camera": {
        "cameras": N_("cameras"),
        "node": N_("device file"),
        "allowed": N_("allowed"),
        "used_by": N_("in use by"),
        **{k: v for k, v in _SOUND_DEVICE.items() if k in ("name", "state", "code")},
        **_PRIVACY,
    },
    "devices.microphone": {
        "default_source": N_("default microphone"),
        "sources": N_("microphones and inputs"),
        "level": N_("sound level recorded"),
        "status": N_("result"),
        "seconds": N_("seconds recorded"),
        "peak_dbfs": N_("loudest (dBFS)"),
        "rms_dbfs": N_("average (dBFS)"),
        "recording_apps": N_("programs recording"),
        "server": N_("sound service"),
        "sound_cards": N_("sound cards"),
        **_SOUND_DEVICE,
        **_PRIVACY,
    },
    "devices.printer": {
        "service": N_("printing service"),
        "default": N_("default printer"),
        "printers": N_("printers"),
        "jobs": N_("print jobs"),
        "stuck_jobs": N_("stuck print jobs"),
        "error": N_("error"),
        "name": N_("name"),
        "state": N_("state"),
        "reasons": N_("reasons it gives"),
        "accepting": N_("accepting print jobs"),
        "connection": N_("connection"),
        "supplies": N_("ink and toner"),
        "direct": N_("asked directly"),
        "status": N_("answer"),
        "index": N_("number"),
        "class": N_("kind of supply"),
        "type": N_("supply"),
        "unit": N_("unit"),
        "maxcapacity": N_("when full"),
        "level": N_("level"),
        "colorantname": N_("colour"),
        "description": N_("shown as"),
        "id": N_("number"),
        "printer": N_("printer"),
        "created": N_("sent at"),
    },
    "devices.sound": {
        "server": N_("sound service"),
        "server_name": N_("sound service"),
        "sound_cards": N_("sound cards"),
        "default_sink": N_("default output"),
        "default_output": N_("default output"),
        "sinks": N_("outputs"),
        "outputs": N_("outputs"),
        "devices": N_("sound devices"),
        "bluetooth": N_("through Bluetooth"),
        "test_sound": N_("test sound"),
        "played": N_("played"),
        "heard": N_("heard"),
        **_SOUND_DEVICE,
    },
    "network.link": {
        "interfaces": N_("network adapters"),
        "active": N_("in use"),
        "name": N_("name"),
        "up": N_("switched on"),
        "operstate": N_("link state"),
        "speed_mbps": N_("speed (Mbit/s)"),
        "wireless": N_("wireless"),
        "wifi_signal_percent": N_("Wi-Fi signal (%)"),
    },
    "network.gateway": {
        "gateway": N_("internet box (gateway)"),
        "routes": N_("routes"),
        "interface": N_("network adapter"),
        "metric": N_("priority (metric)"),
        "ping_method": N_("how it was pinged"),
        "replies": N_("replies"),
        "tcp": N_("connections tried (by port)"),
        "neighbour": N_("address resolution (ARP)"),
        "rtt_ms": N_("answer time (ms)"),
    },
    "network.internet": {
        "reached": N_("reached"),
        "tried": N_("tried"),
        "second_resolver": N_("second DNS server tried"),
        "second_resolver_status": N_("its answer"),
    },
    "network.quality": {
        "gateway": N_("to the internet box"),
        "support": N_("to the support server"),
        "sent": N_("sent"),
        "received": N_("answered"),
        "loss_percent": N_("lost (%)"),
        "latency_ms": N_("answer time (ms)"),
        "jitter_ms": N_("jitter (ms)"),
        "path": N_("path (each step)"),
        "resolvers_partly_answered": N_("DNS servers that answered only some questions"),
        "silent_resolvers": N_("DNS servers that did not answer"),
        "download_mbit_s": N_("download speed (Mbit/s)"),
    },
    "network.dns": {
        "resolvers": N_("DNS servers"),
        "source": N_("where they are set"),
        "dns_setting": N_("DNS setting"),
        "dns_by_hand": N_("DNS servers set by hand"),
        "said_not_to_exist": N_("names said not to exist"),
        "slowest_ms": N_("slowest answer (ms)"),
        "wrong_answers_from": N_("wrong answers from"),
        "suspicions": N_("doubtful answers"),
        "reachable": N_("addresses tried"),
    },
    "network.proxy": {
        "source": N_("set in"),
        "pac_url": N_("settings file (PAC)"),
        "proxy": N_("web relay (proxy)"),
        **{k: v for k, v in _ANSWERED.items() if k in ("status", "code")},
    },
    "network.captive_portal": {
        "url": N_("test address"),
        "location": N_("sent on to"),
        "portal": N_("welcome page"),
        **{k: v for k, v in _ANSWERED.items() if k in ("status", "code")},
    },
    "network.clock": {
        "offset_seconds": N_("clock off by (s)"),
        "source": N_("compared with"),
        "ntp": N_("time servers"),
        "confirmation": N_("second source"),
        "status": N_("result"),
        "offset_s": N_("clock off by (s)"),
        "by": N_("checked with"),
        "by_offset_s": N_("off by, by that source (s)"),
    },
    "network.https": {
        "results": N_("secure sites tried"),
        "certificate": N_("certificate"),
        "issuer": N_("issued by"),
        "subject": N_("issued to"),
        "names": N_("names it covers"),
        "not_before": N_("valid from"),
        "not_after": N_("valid until"),
        **{k: v for k, v in _ANSWERED.items() if k in ("status", "kind")},
    },
    "network.support": {"url": N_("support address"), **{k: v for k, v in _ANSWERED.items() if k in ("status", "kind", "http_code")}},
    "os.crashes": {
        "days": N_("days looked at"),
        "program_crashes": N_("program crashes"),
        "system_stops": N_("unexpected stops of the computer"),
        "sources": N_("read from"),
        "crash_loop": N_("crashing again and again"),
        "program": N_("program"),
        "crashes": N_("crashes"),
        "hours": N_("in hours"),
    },
    "os.restart_pending": {
        "reasons": N_("why a restart is waiting"),
        "running_kernel": N_("kernel running"),
        "installed_kernels": N_("kernels installed"),
        "packages": N_("updated packages"),
        "updates": N_("updates waiting"),
    },
    "os.timezone": {
        "zone": N_("time zone"),
        "abbreviation": N_("short name"),
        "locale": N_("language and region"),
        "encoding": N_("text encoding"),
        "daylight_saving": N_("summer time"),
        "utc_offset": N_("difference from UTC"),
    },
    "os.uptime": {"uptime_days": N_("days since the last restart")},
    "os.version": {
        "pretty_name": N_("system"),
        "version_id": N_("version number"),
        "product_version": N_("version number"),
        "display_version": N_("version name"),
        "build": N_("build number"),
        "edition_id": N_("edition"),
        "kernel": N_("kernel"),
        **_SYSTEM_SUPPORT,
    },
    "security.os_support": {"system": N_("system"), "paid_extension": N_("paid extension"), **_SYSTEM_SUPPORT},
    "security.antivirus": {"products": N_("protection programs")},
    "security.encryption": {
        "system": N_("the system's disk (its layers)"),
        "home": N_("the home folders' disk (its layers)"),
        "home_ecryptfs": N_("home folder encrypted by eCryptfs"),
        "fdesetup": N_("FileVault says"),
        "volume": N_("the system's drive"),
        "drive": N_("drive"),
        "label": N_("drive name"),
        "percent_encrypted": N_("encrypted (%)"),
        "protection_on": N_("protection on"),
        "conversion": N_("encryption state"),
        "shell_state": N_("state Windows shows"),
    },
    "security.firewall": {
        "backends": N_("firewall programs"),
        "unreadable": N_("could not be read"),
        "ufw_configured": N_("ufw set up"),
        "input_chains": N_("chains for incoming traffic"),
        "filtering": N_("filters"),
        "rules": N_("rules"),
        "policy": N_("default policy"),
        "state": N_("macOS says"),
        "profiles": N_("Windows network profiles"),
        "domain": N_("domain network"),
        "private": N_("private network"),
        "public": N_("public network"),
    },
    "security.updates": {
        "manager": N_("update program"),
        "count": N_("updates waiting"),
        "security_count": N_("security updates waiting"),
        "packages": N_("packages"),
        "updates": N_("updates"),
        "info_age_days": N_("days since the list of updates was read"),
        "lists_changed_days": N_("days since the lists changed"),
        "installs_by_itself": N_("installs updates by itself"),
        "days_since_automatic_round": N_("days since it last installed by itself"),
        "last_check": N_("last looked for updates"),
        "last_installed": N_("last installed"),
        "days_since_last_update": N_("days since the last update"),
    },
}

#: the evidence of each built-in check whose keys are data, not names: a mount point, an address, a port, a site, a time
#: server, a program. They are shown as recorded (an "_" in a program's name stays); what is under them is named again
DATA_KEYED: dict[str, frozenset[str]] = {
    "hardware.disk": frozenset({"largest_folders"}),
    "network.clock": frozenset({"ntp"}),
    "network.dns": frozenset({"resolvers", "suspicions", "reachable"}),
    "network.gateway": frozenset({"tcp"}),
    "network.https": frozenset({"results"}),
    "network.quality": frozenset({"resolvers_partly_answered"}),
    "os.crashes": frozenset({"program_crashes"}),
    "security.firewall": frozenset({"backends"}),
}

#: the words of a service's or a device's coded state, shared by the devices checks
_SERVICE_STATE = {
    "running": N_("running"),
    "not_running": N_("not running"),
    "missing": N_("not installed"),
    "no_answer": N_("did not answer"),
}
_DEVICE_STATE = {
    "working": N_("working"),
    "disabled": N_("turned off in Device Manager"),
    "problem": N_("has a problem"),
    "unknown": N_("unknown"),
    "running": N_("in use"),
    "idle": N_("ready, not in use"),
    "suspended": N_("asleep (not in use)"),
}
_PLUGGED = {"available": N_("yes"), "not_available": N_("no"), "unknown": N_("unknown")}
_TRANSPORT = {"builtin": N_("built in"), "usb": N_("USB"), "bluetooth": N_("Bluetooth"), "hdmi": N_("HDMI"), "pci": N_("internal card (PCI)")}
_ALLOW = {"Allow": N_("allowed"), "Deny": N_("refused"), "Prompt": N_("asks each time")}
#: the privacy settings' keys whose values are _ALLOW's (Windows' consent store, GNOME's switch: "user")
_PRIVACY_VALUES = frozenset({"computer", "user", "desktop_apps"})
_SUPPORT = {
    "supported": N_("supported"),
    "ending_soon": N_("ending soon"),
    "ended": N_("ended"),
    "unknown": N_("unknown"),
}
#: what a connection tried by selfcheck answered (selfcheck.netprobe's statuses, as the network checks keep them)
_CONNECTION = {
    "ok": N_("answered normally"),
    "answer": N_("answered normally"),
    "answered": N_("answered normally"),
    "timeout": N_("no answer in time"),
    "refused": N_("connection refused"),
    "unreachable": N_("cannot be reached"),
    "not_found": N_("name not found"),
    "forbidden": N_("not allowed by selfcheck's settings"),
    "error": N_("failed"),
    "cert_error": N_("certificate refused"),
    "tls_error": N_("secure connection refused"),
    "handshake_reset": N_("cut while setting up the secure connection"),
    "handshake_timeout": N_("no answer while setting up the secure connection"),
    "proxy_refused": N_("refused by the web relay (proxy)"),
    "proxy_not_found": N_("web relay (proxy) not found"),
    "proxy_timeout": N_("no answer from the web relay (proxy) in time"),
    "proxy_error": N_("the web relay (proxy) failed"),
    "behind_proxy": N_("behind a web relay (proxy): not tried"),
    "open": N_("open"),
    "dead": N_("no connection accepted"),
    "skipped": N_("not tried"),
    "none": N_("none"),
}
#: what a secure site's failure means (checks/network_https.py tls_kind, network_support.py)
_SITE_KIND = {
    "ok": N_("works"),
    "clock": N_("refused because of the clock"),
    "expired": N_("certificate expired"),
    "not_yet_valid": N_("certificate not yet valid"),
    "untrusted": N_("certificate not trusted"),
    "mismatch": N_("certificate for another name"),
    "certificate": N_("certificate refused"),
    "refused_handshake": N_("secure connection refused"),
    "cut": N_("cut while connecting"),
    "blocked": N_("blocked (no answer)"),
    "refused": N_("connection refused"),
    "unreachable": N_("cannot be reached"),
    "forbidden": N_("not allowed by selfcheck's settings"),
    "filtered": N_("stopped by the company's web filter"),
    "proxy": N_("the web relay (proxy) failed"),
    "not_found": N_("name not found"),
    "error": N_("failed"),
}
#: the IPP words a printer says about itself (RFC 8011), without their "-report", "-warning" or "-error"
_PRINTER_REASON = {
    "none": N_("nothing to report"),
    "job-printing": N_("printing"),
    "media-empty": N_("out of paper"),
    "media-needed": N_("needs paper"),
    "media-jam": N_("paper jam"),
    "toner-low": N_("toner low"),
    "toner-empty": N_("toner empty"),
    "marker-supply-low": N_("ink or toner low"),
    "marker-supply-empty": N_("ink or toner empty"),
    "marker-waste-almost-full": N_("waste toner almost full"),
    "marker-waste-full": N_("waste toner full"),
    "door-open": N_("a door is open"),
    "cover-open": N_("a cover is open"),
    "input-tray-missing": N_("a paper tray is missing"),
    "offline": N_("offline"),
    "paused": N_("paused"),
    "shutdown": N_("switched off"),
    "connecting-to-device": N_("connecting to the printer"),
    "cups-missing-filter": N_("its driver is missing a part"),
    "other": N_("another reason"),
}

#: the evidence values of each built-in check that are codes (a state, an answer, a reason), each with its words in the
#: reader's language; the code stays in the scan JSON and results.json, and is the words' tooltip in report.html. Under a
#: key of DATA_KEYED (an address under network.dns's "resolvers"), the codes are those of the key holding them. A code this
#: version does not know (a newer bundle's) is shown as recorded.
CODED: dict[str, dict[str, dict[str, str]]] = {
    "hardware.battery": {
        "status": {
            "Charging": N_("charging"),
            "Discharging": N_("running on battery"),
            "Not charging": N_("plugged in, not charging"),
            "Full": N_("full"),
            "Unknown": N_("unknown"),
        }
    },
    "devices.bluetooth": {
        "service": _SERVICE_STATE,
        "state": _DEVICE_STATE,
        "power": {"attrib_on": N_("on"), "attrib_off": N_("off")},
        "kind": {
            "audio-headset": N_("headset"),
            "audio-headphones": N_("headphones"),
            "audio-card": N_("speaker or sound device"),
            "input-keyboard": N_("keyboard"),
            "input-mouse": N_("mouse"),
            "input-tablet": N_("drawing tablet"),
            "input-gaming": N_("game controller"),
            "phone": N_("phone"),
            "computer": N_("computer"),
        },
    },
    "devices.camera": {"state": _DEVICE_STATE, "computer": _ALLOW, "user": _ALLOW, "desktop_apps": _ALLOW},
    "devices.microphone": {
        "server": _SERVICE_STATE,
        "state": _DEVICE_STATE,
        "port_available": _PLUGGED,
        "transport": _TRANSPORT,
        "bus": _TRANSPORT,
        "status": {"ok": N_("sound recorded"), "silent": N_("silence"), "tool_missing": N_("no recording tool"), "error": N_("failed")},
        "level": {"ok": N_("sound recorded"), "silent": N_("silence")},
        "computer": _ALLOW,
        "user": _ALLOW,
        "desktop_apps": _ALLOW,
    },
    "devices.sound": {
        "server": _SERVICE_STATE,
        "state": _DEVICE_STATE,
        "port_available": _PLUGGED,
        "transport": _TRANSPORT,
        "bus": _TRANSPORT,
    },
    "devices.printer": {
        "service": _SERVICE_STATE,
        "state": {"idle": N_("ready"), "processing": N_("printing"), "stopped": N_("stopped")},
        "status": {"ok": N_("answered normally"), "not_asked": N_("not asked"), "refused": N_("refused"), "timeout": N_("no answer in time")},
        "error": {"not_found": N_("not found"), "refused": N_("refused"), "bad_output": N_("unreadable answer"), "timeout": N_("no answer in time")},
        "connection": {
            "local": N_("on this computer"),
            "usb": N_("USB cable"),
            "ipp": N_("network (IPP)"),
            "ipps": N_("network (IPP, secure)"),
            "socket": N_("network (direct)"),
            "lpd": N_("network (LPD)"),
            "smb": N_("shared by another computer"),
            "dnssd": N_("network (found by itself)"),
        },
        "reasons": _PRINTER_REASON,
        "class": {"supplyThatIsConsumed": N_("used up as it prints"), "receptacleThatIsFilled": N_("fills up as it prints")},
        "type": {
            "toner": N_("toner"),
            "wasteToner": N_("waste toner"),
            "ink": N_("ink"),
            "inkCartridge": N_("ink cartridge"),
            "tonerCartridge": N_("toner cartridge"),
            "wasteInk": N_("waste ink"),
            "opc": N_("drum"),
            "fuser": N_("fuser"),
            "other": N_("other"),
        },
        "unit": {"percent": N_("percent")},
        "colorantname": {
            "black": N_("black"),
            "cyan": N_("cyan"),
            "magenta": N_("magenta"),
            "yellow": N_("yellow"),
            "unknown": N_("unknown"),
        },
    },
    "network.link": {
        "operstate": {
            "up": N_("connected"),
            "down": N_("not connected"),
            "dormant": N_("waiting to connect"),
            "lowerlayerdown": N_("not connected"),
            "notpresent": N_("not present"),
            "unknown": N_("unknown"),
        }
    },
    "network.gateway": {
        "tcp": _CONNECTION,
        "neighbour": {"complete": N_("found"), "incomplete": N_("not found"), "unknown": N_("unknown")},
        "ping_method": {"ping": N_("ping"), "icmp": N_("ping (ICMP)"), "tcp": N_("connections (TCP)"), "none": N_("not pinged")},
    },
    "network.internet": {"second_resolver_status": _CONNECTION},
    "network.dns": {
        "resolvers": {
            "good": N_("answers well"),
            "slow": N_("answers slowly"),
            "timeout": N_("no answer in time"),
            "refused": N_("refused"),
            "unreachable": N_("cannot be reached"),
            "nxdomain": N_("says the names do not exist"),
            "blocked": N_("answers with a blocking address"),
            "servfail": N_("answers with an error"),
            "broken": N_("answers only some questions"),
        },
        "reachable": _CONNECTION,
        "suspicions": {
            "known": N_("a well-known site at an address not its own"),
            "disagree": N_("other answers than another DNS server"),
            "same": N_("many names at one address"),
        },
        "dns_setting": {"hand": N_("set by hand"), "automatic": N_("automatic")},
    },
    "network.proxy": {
        "source": {
            "config": N_("selfcheck's own settings"),
            "environment": N_("the environment (HTTPS_PROXY, HTTP_PROXY)"),
            "windows-user": N_("the Windows settings (this user)"),
            "winhttp": N_("the Windows system-wide settings (WinHTTP)"),
            "macos": N_("the macOS network settings"),
            "direct": N_("no relay: direct"),
        },
        "status": _CONNECTION,
    },
    "network.captive_portal": {"status": _CONNECTION},
    "network.clock": {
        "source": {"ntp": N_("time servers"), "http": N_("a web server's date")},
        "by": {"ntp": N_("time servers"), "http": N_("a web server's date")},
        "status": {
            "agree": N_("agrees"),
            "disagree": N_("does not agree"),
            "none": N_("no second source answered"),
            "not_found": N_("name not found"),
            "skipped": N_("not tried"),
        },
        "ntp": _CONNECTION,
    },
    "network.https": {"status": _CONNECTION, "kind": _SITE_KIND},
    "network.support": {"status": _CONNECTION, "kind": _SITE_KIND},
    "os.restart_pending": {
        "reasons": {
            "reboot-required": N_("the system asks for a restart after updates"),
            "kernel-updated": N_("the kernel was updated"),
            "newer-kernel-installed": N_("a newer kernel is installed"),
            "windows_update": N_("Windows Update is waiting for a restart"),
            "component_servicing": N_("Windows components are waiting for a restart"),
            "updates-downloaded": N_("updates downloaded, waiting to be installed"),
            "macos-update-waiting": N_("a macOS update is waiting"),
        }
    },
    "os.version": {"support": _SUPPORT},
    "security.os_support": {"support": _SUPPORT},
    "security.encryption": {
        "shell_state": {
            "on": N_("on"),
            "off": N_("off"),
            "encrypting": N_("encrypting"),
            "decrypting": N_("decrypting"),
            "suspended": N_("paused"),
        }
    },
    "security.firewall": {"policy": {"ACCEPT": N_("let through"), "DROP": N_("dropped"), "REJECT": N_("refused")}},
    "security.updates": {
        "installs_by_itself": {"all": N_("all updates"), "security": N_("security updates only")},
        "manager": {
            "apt": N_("apt (Debian, Ubuntu)"),
            "dnf": N_("dnf (Fedora)"),
            "softwareupdate": N_("macOS Software Update"),
            "windows_update": N_("Windows Update"),
        },
    },
}

#: the coded keys of each built-in check whose name is feminine in French (« couleur », « alimentation », « réponse »,
#: « résolution d’adresse »): the words their codes share with other keys agree with it there (« couleur : inconnue », not
#: « inconnu », the masculine every key got before, issue 21). English has no genders and says the word itself
FEMININE: dict[str, frozenset[str]] = {
    "devices.bluetooth": frozenset({"power"}),
    # the camera's privacy settings say whether « la caméra » is allowed (its own "allowed" is « autorisée »): « refusée »
    "devices.camera": _PRIVACY_VALUES,
    # « réponse », « erreur » (« réponse : refusée », not « refusé », issue 21)
    "devices.printer": frozenset({"colorantname", "status", "error"}),
    "network.gateway": frozenset({"neighbour"}),
    "network.internet": frozenset({"second_resolver_status"}),
    "network.proxy": frozenset({"status"}),
    "network.captive_portal": frozenset({"status"}),
    "network.https": frozenset({"status"}),
    "network.support": frozenset({"status"}),
    # « politique par défaut » (« jetée », not « jeté »; « laissé passer » stays: a « laissé » before an infinitive is
    # invariable)
    "security.firewall": frozenset({"policy"}),
}

#: the shared words as said of a feminine name (FEMININE): msgids of their own, whose English is never shown (a language
#: with no such entry says the shared word)
FEMININE_WORDS = {
    "unknown": N_("unknown (said of a feminine name)"),
    "none": N_("none (said of a feminine name)"),
    "on": N_("on (said of a feminine name)"),
    "off": N_("off (said of a feminine name)"),
    "refused": N_("refused (said of a feminine name)"),
    "dropped": N_("dropped (said of a feminine name)"),
}

#: the coded keys of each built-in check whose name is masculine in French where a shared word is said feminine: the
#: microphone's privacy settings say whether « le micro » is allowed, and "allowed" is « autorisée » (the camera's, whose
#: « autorisée » and « refusé » sat side by side before, issue 21)
MASCULINE: dict[str, frozenset[str]] = {
    "devices.microphone": _PRIVACY_VALUES,
    # the printer's « état » (« état : prêt », « arrêté », as Windows' own printer queue says; it read « prête », « arrêtée »)
    "devices.printer": frozenset({"state"}),
}

#: the shared words as said of a masculine name (MASCULINE), as FEMININE_WORDS
MASCULINE_WORDS = {
    "allowed": N_("allowed (said of a masculine name)"),
    "ready": N_("ready (said of a masculine name)"),
    "stopped": N_("stopped (said of a masculine name)"),
}


def agreeing(msgid: str, check_id: str = "", key: str = "") -> str:
    """A code's words (``msgid``) in the reader's language, agreeing with ``key``'s name: devices.printer's colorantname
    "unknown" -> « inconnue » (« couleur » is feminine), 'unknown' in English; the microphone's "Allow" -> « autorisé »;
    the shared word elsewhere."""
    if key in FEMININE.get(check_id, ()):
        agreed = FEMININE_WORDS.get(msgid)
    else:
        agreed = MASCULINE_WORDS.get(msgid) if key in MASCULINE.get(check_id, ()) else None
    if agreed and (said := _(agreed)) != agreed:
        return said
    return _(msgid)


#: the evidence values of each built-in check that are moments (a POSIX timestamp, an ISO date or moment): shown as dates
#: in the reader's language, in UTC as recorded
DATES: dict[str, frozenset[str]] = {
    "network.https": frozenset({"not_before", "not_after"}),
    "devices.printer": frozenset({"created"}),
    "os.version": frozenset({"security_updates_until"}),
    "security.os_support": frozenset({"security_updates_until"}),
    "security.updates": frozenset({"last_check", "last_installed"}),
}

#: the evidence lists of each built-in check in the order things happened, oldest first, as the kernel logged them (the
#: memory's programs stopped for lack of memory, up to 20; the disk's errors, up to 10): where a list is cut, the most recent
#: are the ones to show (issue 21: the support card showed the memory's six oldest). Others are in their check's order of
#: importance (the busiest programs first) or as listed
BY_TIME: dict[str, frozenset[str]] = {
    "hardware.memory": frozenset({"oom_kills"}),
    "hardware.disk": frozenset({"kernel_fs_errors"}),
}


def by_time(check_id: str, key: str) -> bool:
    """Whether ``key``'s list in ``check_id``'s evidence is in the order things happened, oldest first (BY_TIME)."""
    return key in BY_TIME.get(check_id, ())


#: the evidence keys of each built-in check whose text values are data, shown exactly as recorded: names, addresses, paths,
#: versions, and the sentences a check writes in the reader's language (tests/test_evidence_values.py: every text value of a
#: built-in check's evidence sits under a key of CODED, DATES or here)
AS_RECORDED: dict[str, frozenset[str]] = {
    "hardware.battery": frozenset({"name"}),
    "hardware.cpu": frozenset({"model", "top_processes"}),
    "hardware.disk": frozenset({"volumes", "network_shares", "smart", "write_test", "kernel_fs_errors", "largest_folders", "io_activity"}),
    "hardware.memory": frozenset({"total", "available", "swap_used", "top_processes", "oom_kills"}),
    "hardware.sensors": frozenset({"temperatures", "fans"}),
    "devices.bluetooth": frozenset({"name", "adapter", "path", "adapters", "devices", "radios"}),
    "devices.camera": frozenset({"name", "node", "used_by", "settings"}),
    "devices.microphone": frozenset({"default_source", "description", "name", "form", "port", "recording_apps", "settings"}),
    "devices.printer": frozenset({"default", "description", "name", "printer", "id"}),
    "devices.sound": frozenset({"default_output", "default_sink", "description", "name", "form", "port", "server_name"}),
    "network.link": frozenset({"active", "name"}),
    "network.gateway": frozenset({"gateway", "interface", "metric"}),
    "network.internet": frozenset({"reached", "tried", "second_resolver"}),
    "network.quality": frozenset({"path", "silent_resolvers", "resolvers_partly_answered"}),
    "network.dns": frozenset({"source", "dns_by_hand", "wrong_answers_from", "said_not_to_exist"}),
    "network.proxy": frozenset({"proxy", "pac_url"}),
    "network.captive_portal": frozenset({"url", "location", "portal"}),
    "network.https": frozenset({"issuer", "subject", "names"}),
    "network.support": frozenset({"url"}),
    "os.crashes": frozenset({"sources", "program"}),
    "os.restart_pending": frozenset({"running_kernel", "installed_kernels", "packages", "updates"}),
    "os.timezone": frozenset({"zone", "abbreviation", "locale", "encoding", "utc_offset"}),
    "os.version": frozenset({"pretty_name", "version_id", "product_version", "display_version", "build", "edition_id", "kernel"}),
    "security.os_support": frozenset({"system", "paid_extension"}),
    "security.antivirus": frozenset({"products"}),
    "security.encryption": frozenset({"system", "home", "fdesetup", "volume", "drive", "label", "conversion"}),
    "security.firewall": frozenset({"unreadable", "state"}),
    "security.updates": frozenset({"packages", "updates"}),
}


def codes(check_id: str, key: str, within: str = "") -> dict[str, str] | None:
    """The codes ``key``'s values may hold in ``check_id``'s evidence, with their words (None: not a coded key); under a
    key that is data (``within`` in DATA_KEYED: an address under "resolvers"), the codes of the key holding it."""
    coded = CODED.get(check_id, {})
    if within and within in DATA_KEYED.get(check_id, ()):
        return coded.get(within)
    return coded.get(key)


def is_date(check_id: str, key: str) -> bool:
    """Whether ``key``'s values in ``check_id``'s evidence are moments, shown as dates."""
    return key in DATES.get(check_id, ())


def date_words(value: object) -> str:
    """A moment of the evidence as its reader writes it: a POSIX timestamp (a certificate's 1798215910) or an ISO moment
    as 'December 25, 2026 at 16:25 UTC' / '25 décembre 2026 à 16 h 25 UTC', an ISO date as 'October 14, 2025'; what no date
    can be made of as recorded."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        try:
            return wording.date_time(datetime.fromtimestamp(value, UTC).isoformat())
        except (ValueError, OverflowError, OSError):
            return str(value)
    text = str(value)
    if len(text) == 10:
        return wording.long_date(text)
    return wording.date_time(text)


#: deeper than this, a received bundle's evidence is not walked (the runner refuses a check's deeper than 32)
DEPTH = 32


def is_named(check_id: str, key: str, within: str = "") -> bool:
    """Whether ``key`` (found under ``within``, the key of the dict or list holding it) has a name of its own in
    ``check_id``'s evidence, or is data shown as recorded."""
    return key in EVIDENCE_NAMES.get(check_id, {}) or within in DATA_KEYED.get(check_id, ())


def evidence_name(check_id: str, key: str, within: str = "") -> str:
    """One key of a check's evidence in the reader's language: hardware.memory's "top_processes" -> 'programs using the
    most memory' / « programmes qui utilisent le plus de mémoire »; under a key whose keys are data (``within``: an address
    under network.dns's "resolvers") as recorded; a key it does not know (a company check's) as it is, "_" as spaces
    when it is a name (:func:`looks_like_a_name`)."""
    named = EVIDENCE_NAMES.get(check_id, {}).get(key)
    if named:
        return _(named)
    return key if within in DATA_KEYED.get(check_id, ()) or not looks_like_a_name(key) else key.replace("_", " ")


def looks_like_a_name(key: str) -> bool:
    """Whether a key no table names is a name written with "_" ("latency_ms"), not data: a path ("C:\\old_files", "/mnt/
    backup_disk"), an address or a host ("db_1.corp.example"), a program ("my_tool.exe") keep every character as recorded
    (review of 7efb1303: a company check's folder read "C:\\Temp\\old files", a folder that does not exist)."""
    return key[:1].isalpha() and key.replace("_", "").isalnum()


#: how IPP ends a printer's reason, said by its words alone (the code as recorded is their tooltip)
_SEVERITIES = ("-report", "-warning", "-error")


def code_msgid(table: dict[str, str], value: str) -> tuple[str, str] | None:
    """The words (msgid) of the code ``value`` in ``table``, and what follows the code ("ntp:time.example": its server);
    an IPP reason with its "-report" as the reason; None for a code ``table`` does not know."""
    if value in table:
        return table[value], ""
    for ending in _SEVERITIES:
        if value.endswith(ending) and value.removesuffix(ending) in table:
            return table[value.removesuffix(ending)], ""
    head, colon, rest = value.partition(":")
    if colon and head in table:
        return table[head], rest
    return None


def coded_words(value: object, check_id: str = "", key: str = "", within: str = "") -> tuple[str, str | None]:
    """One value of ``check_id``'s evidence under ``key`` in the reader's words, and the code it was recorded as where the
    words replace one (None where the value is shown as recorded): network.https's "cert_error" -> ('certificate
    refused', 'cert_error') / « certificat refusé »; a certificate's 1798215910 -> a date; a code this version does not
    know as recorded; "ntp:time.example" as 'time servers (time.example)'."""
    if value is None or isinstance(value, bool | dict | list):
        return value_words(value), None
    if is_date(check_id, key):
        said = date_words(value)
        return said, (str(value) if said != str(value) else None)
    table = codes(check_id, key, within) if isinstance(value, str) else None
    known = code_msgid(table, value) if table and isinstance(value, str) else None
    if known is not None:
        msgid, rest = known
        said = agreeing(msgid, check_id, key) if not (within and within in DATA_KEYED.get(check_id, ())) else _(msgid)
        return (f"{said} ({rest})" if rest else said), str(value)
    return value_words(value), None


def value_words(value: object, check_id: str = "", key: str = "", within: str = "") -> str:
    """One value in the reader's language: « oui », « 1,5 » in French (not "yes", "1.5"); a code of a built-in check's
    evidence (CODED) in its words, a moment (DATES) as a date; nothing, or what has lines of its own, as "—"."""
    if check_id and key:
        return coded_words(value, check_id, key, within)[0]
    if value is None:
        return "—"
    if isinstance(value, bool):
        return wording.yes_no(value)
    if isinstance(value, float):
        return wording.decimal(value)
    if isinstance(value, dict | list):
        return "—"
    return str(value)


@dataclass(frozen=True)
class Line:
    """One line of a check's evidence: ``depth`` levels in; ``key`` as recorded and ``label`` its name (None for an item of
    a list, ``item``); ``value`` in the reader's words, None where the lines below it are its value."""

    depth: int
    key: str | None
    label: str | None
    value: str | None
    item: bool = False
    #: the value as recorded, where ``value`` is its words (a code, a timestamp): report.html's tooltip for technicians
    code: str | None = None


def lines(evidence: object, check_id: str = "", depth: int = 0, within: str = "", outer: str = "") -> Iterator[Line]:
    """A check's evidence as lines, nested keys one level deeper, each key named in the reader's language and each value
    in its words (``within``: the key holding ``evidence``, ``outer``: the key holding that one)."""
    if depth > DEPTH:
        yield Line(depth, None, None, "…")
    elif isinstance(evidence, dict):
        for key, value in evidence.items():
            label = evidence_name(check_id, str(key), within)
            if isinstance(value, dict | list) and value:
                yield Line(depth, str(key), label, None)
                yield from lines(value, check_id, depth + 1, str(key), within)
            else:
                said, code = coded_words(value, check_id, str(key), within)
                yield Line(depth, str(key), label, said, code=code)
    elif isinstance(evidence, list):
        for item in evidence:
            if isinstance(item, dict | list):
                yield Line(depth, None, None, None, item=True)
                yield from lines(item, check_id, depth + 1, within, outer)
            else:
                said, code = coded_words(item, check_id, within, outer)
                yield Line(depth, None, None, said, item=True, code=code)
    else:
        yield Line(depth, None, None, value_words(evidence))
