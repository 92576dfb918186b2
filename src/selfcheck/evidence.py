"""A check's evidence as support reads it: each key's name in the reader's language, each value in its words, for the
window's "Technical details", report.html and the support card's evidence lines (one naming for the three). The
evidence keeps its keys: the scan JSON and the bundle's results.json are read by scripts and by ``reevaluate``."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

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


def value_words(value: object) -> str:
    """One value in the reader's language: « oui », « 1,5 » in French (not "yes", "1.5"); nothing, or what has lines of
    its own, as "—"."""
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


def lines(evidence: object, check_id: str = "", depth: int = 0, within: str = "") -> Iterator[Line]:
    """A check's evidence as lines, nested keys one level deeper, each key named in the reader's language."""
    if depth > DEPTH:
        yield Line(depth, None, None, "…")
    elif isinstance(evidence, dict):
        for key, value in evidence.items():
            label = evidence_name(check_id, str(key), within)
            if isinstance(value, dict | list) and value:
                yield Line(depth, str(key), label, None)
                yield from lines(value, check_id, depth + 1, str(key))
            else:
                yield Line(depth, str(key), label, value_words(value))
    elif isinstance(evidence, list):
        for item in evidence:
            if isinstance(item, dict | list):
                yield Line(depth, None, None, None, item=True)
                yield from lines(item, check_id, depth + 1, within)
            else:
                yield Line(depth, None, None, value_words(item), item=True)
    else:
        yield Line(depth, None, None, value_words(evidence))
