"""Linux sources of hardware, OS and security facts.

``read_*`` functions touch the system (files under /sys, /proc, /etc); the
``parse_*`` functions are pure and tested on recorded real outputs
(tests/fixtures/hwos/linux/).
"""

from __future__ import annotations

import json
import os
import re
import shlex
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from selfcheck.platforms.common import MAX_DESTINATIONS, MAX_SECURE_BLOCKS
from selfcheck.platforms.common import clip as _clip

# ------------------------------------------------------------------ OS identity


def parse_os_release(text: str) -> dict[str, str]:
    """/etc/os-release (KEY=value, shell quoting) -> {"ID": "debian", ...}."""
    values: dict[str, str] = {}
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#") or "=" not in line:
            continue
        key, _sep, raw = line.partition("=")
        try:
            parts = shlex.split(raw)
        except ValueError:
            parts = [raw.strip("\"'")]
        values[key.strip()] = parts[0] if parts else ""
    return values


def read_os_release() -> dict[str, str]:
    for path in ("/etc/os-release", "/usr/lib/os-release"):
        try:
            return parse_os_release(Path(path).read_text(encoding="utf-8", errors="replace"))
        except OSError:
            continue
    return {}


# ------------------------------------------------------------------ battery


def parse_uevent(text: str) -> dict[str, str]:
    """A /sys uevent file (POWER_SUPPLY_X=value lines) -> {"X": value} (prefix dropped)."""
    values: dict[str, str] = {}
    for line in text.splitlines():
        key, sep, value = line.partition("=")
        if sep:
            values[key.removeprefix("POWER_SUPPLY_").strip()] = value.strip()
    return values


def _int(value: Any) -> int | None:
    try:
        return int(str(value).strip())
    except (TypeError, ValueError):
        return None


def battery_from_uevent(values: dict[str, str]) -> dict[str, Any] | None:
    """Battery facts from a power_supply uevent; None when it is not a system battery
    (mouse and keyboard batteries have SCOPE=Device)."""
    if values.get("TYPE") != "Battery" or values.get("SCOPE") == "Device":
        return None
    if values.get("PRESENT") == "0":
        return None
    full = _int(values.get("ENERGY_FULL")) or _int(values.get("CHARGE_FULL"))
    design = _int(values.get("ENERGY_FULL_DESIGN")) or _int(values.get("CHARGE_FULL_DESIGN"))
    return {
        "name": values.get("NAME", ""),
        "status": values.get("STATUS", ""),  # Charging, Discharging, Full, Not charging, Unknown
        "percent": _int(values.get("CAPACITY")),
        "full_capacity": full,
        "design_capacity": design,
        "cycle_count": _int(values.get("CYCLE_COUNT")) or None,  # 0 means "not reported"
        "manufacturer": values.get("MANUFACTURER", ""),
        "model": values.get("MODEL_NAME", ""),
        "technology": values.get("TECHNOLOGY", ""),
        "charge_end_threshold": _int(values.get("CHARGE_CONTROL_END_THRESHOLD")),
    }


def read_power_supplies(root: str = "/sys/class/power_supply") -> dict[str, Any]:
    """Batteries and whether mains power is connected, from sysfs."""
    batteries: list[dict[str, Any]] = []
    ac_online: bool | None = None
    base = Path(root)
    if not base.is_dir():
        return {"batteries": batteries, "ac_online": None}
    for entry in sorted(base.iterdir()):
        try:
            values = parse_uevent((entry / "uevent").read_text(encoding="utf-8", errors="replace"))
        except OSError:
            continue
        values.setdefault("NAME", entry.name)
        if values.get("TYPE") == "Battery":
            try:
                values.setdefault("CHARGE_CONTROL_END_THRESHOLD", (entry / "charge_control_end_threshold").read_text().strip())
            except OSError:
                pass
            battery = battery_from_uevent(values)
            if battery:
                batteries.append(battery)
        elif values.get("TYPE") in ("Mains", "USB", "USB_C", "USB_PD") and "ONLINE" in values:
            ac_online = bool(ac_online) or values["ONLINE"] == "1"
    return {"batteries": batteries, "ac_online": ac_online}


# ------------------------------------------------------------------ pressure, throttling


def parse_psi(text: str) -> dict[str, dict[str, float]]:
    """/proc/pressure/<resource>: 'some avg10=1.00 avg60=0.50 avg300=0.10 total=123'."""
    out: dict[str, dict[str, float]] = {}
    for line in text.splitlines():
        kind, *fields = line.split()
        values = {}
        for field_ in fields:
            key, _sep, value = field_.partition("=")
            if key.startswith("avg"):
                try:
                    values[key] = float(value)
                except ValueError:
                    continue
        if values:
            out[kind] = values
    return out


def read_psi(resource: str) -> dict[str, dict[str, float]] | None:
    try:
        return parse_psi(Path(f"/proc/pressure/{resource}").read_text())
    except OSError:
        return None


def read_throttle_counts(root: str = "/sys/devices/system/cpu") -> dict[str, int] | None:
    """Times the CPU slowed itself down because of heat since start (Intel thermal_throttle)."""
    core = package = 0
    found = False
    for path in Path(root).glob("cpu[0-9]*/thermal_throttle"):
        found = True
        core += _int(_read(path / "core_throttle_count")) or 0
        package = max(package, _int(_read(path / "package_throttle_count")) or 0)
    return {"core": core, "package": package} if found else None


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8", errors="replace").strip()
    except OSError:
        return ""


def cpu_model_from_cpuinfo(text: str) -> str:
    """/proc/cpuinfo 'model name' (x86) or 'Model'/'Hardware' (ARM boards)."""
    for key in ("model name", "Model", "Hardware", "cpu model"):
        for line in text.splitlines():
            name, sep, value = line.partition(":")
            if sep and name.strip() == key and value.strip():
                return value.strip()
    return ""


# ------------------------------------------------------------------ crashes


_COREDUMPCTL_LINE = re.compile(
    r"^\s*(?:\w{3}\s+)?(?P<date>\d{4}-\d{2}-\d{2}\s+\d{2}:\d{2}:\d{2})(?:\s+\S+)?\s+(?P<pid>\d+)\s+(?P<uid>\d+)\s+(?P<gid>\d+)\s+"
    r"(?P<sig>\S+)\s+(?P<corefile>\S+)\s+(?P<exe>\S+)"
)


def parse_coredumpctl_list(text: str) -> list[dict[str, Any]]:
    """``coredumpctl list --no-pager`` table -> crashes (newest last, as printed)."""
    crashes = []
    for line in _TERMINAL_ESCAPES.sub("", text).splitlines():
        m = _COREDUMPCTL_LINE.match(line)
        if m:
            crashes.append(
                {
                    "time": m["date"],
                    "pid": int(m["pid"]),
                    "signal": m["sig"],
                    "program": os.path.basename(m["exe"]),
                    "path": m["exe"],
                }
            )
    return crashes


# systemd's terminal decorations, written even into a pipe when SYSTEMD_COLORS=1 or SYSTEMD_URLIFY=1 is set (recorded
# with systemd 252, journal_coredumps_colors.txt): colours, and before the message the catalog's documentation link as a
# terminal hyperlink around "[🡕]" ("[LNK]" without UTF-8), src/shared/logs-show.c output_short() and glyph-util.c
_TERMINAL_ESCAPES = re.compile(r"\x1b\[[0-9;]*[A-Za-z]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)")
_JOURNAL_COREDUMP = re.compile(
    r"^(?P<time>\S+)\s+\S+\s+systemd-coredump\[\d+\]:\s+(?:\[(?:🡕|LNK)\]\s+)?Process (?P<pid>\d+) \((?P<name>[^)]*)\) of user (?P<uid>\d+) dumped core"
)


def parse_journal_coredumps(text: str) -> list[dict[str, Any]]:
    """``journalctl -o short-iso`` lines from systemd-coredump -> crashes."""
    crashes = []
    for line in _TERMINAL_ESCAPES.sub("", text).splitlines():
        m = _JOURNAL_COREDUMP.match(line)
        if m:
            crashes.append({"time": m["time"], "pid": int(m["pid"]), "program": m["name"], "uid": int(m["uid"])})
    return crashes


def _usec_iso(value: Any) -> str | None:
    try:
        return datetime.fromtimestamp(int(value) / 1_000_000, UTC).isoformat(timespec="seconds")
    except (TypeError, ValueError, OverflowError, OSError):
        return None


# Linux's numbers of the signals that dump core (signal(7)): not the host's signal module, which differs elsewhere
_CORE_SIGNALS = {3: "SIGQUIT", 4: "SIGILL", 5: "SIGTRAP", 6: "SIGABRT", 7: "SIGBUS", 8: "SIGFPE", 11: "SIGSEGV", 24: "SIGXCPU", 25: "SIGXFSZ", 31: "SIGSYS"}


def _signal_name(value: Any) -> str:
    if isinstance(value, int) and not isinstance(value, bool):
        return _CORE_SIGNALS.get(value, str(value))
    return str(value or "")


def parse_coredumpctl_json(text: str) -> list[dict[str, Any]] | None:
    """``coredumpctl list --json=short`` (systemd 246+: an array of {"time" µs, "pid", "uid", "gid", "sig",
    "corefile", "exe", "size"}, the columns of src/coredump/coredumpctl.c) -> crashes, None when not that JSON."""
    try:
        rows = json.loads(text)
    except ValueError:
        return None
    if not isinstance(rows, list):
        return None
    crashes = []
    for row in rows:
        if not isinstance(row, dict):
            continue
        exe = str(row.get("exe") or "")
        crashes.append(
            {
                "time": _usec_iso(row.get("time")),
                "pid": row.get("pid") if isinstance(row.get("pid"), int) else None,
                "signal": _signal_name(row.get("sig")),
                "program": os.path.basename(exe) or "?",
                "path": exe,
            }
        )
    return crashes


def parse_journal_coredumps_json(text: str) -> list[dict[str, Any]] | None:
    """``journalctl -o json`` entries of systemd-coredump (one object a line, every value a string; a long or
    binary one null or a list of bytes) -> crashes, None when the output is not that JSON."""
    crashes = []
    for line in text.splitlines():
        if not line.strip():
            continue
        try:
            entry = json.loads(line)
        except ValueError:
            return None
        if not isinstance(entry, dict):
            return None
        field = {k: v for k, v in entry.items() if isinstance(v, str)}
        program = os.path.basename(field.get("COREDUMP_EXE", "")) or field.get("COREDUMP_COMM")
        if not program:
            continue
        when = next((t for k in ("COREDUMP_TIMESTAMP", "_SOURCE_REALTIME_TIMESTAMP", "__REALTIME_TIMESTAMP") if (t := _usec_iso(field.get(k)))), None)
        pid, uid = field.get("COREDUMP_PID", ""), field.get("COREDUMP_UID", "")
        crashes.append(
            {
                "time": when,
                "pid": int(pid) if pid.isdecimal() else None,  # not isdigit(): "²" is a digit int() refuses
                "program": program,
                "uid": int(uid) if uid.isdecimal() else None,
                "signal": field.get("COREDUMP_SIGNAL_NAME", ""),
            }
        )
    return crashes


def apport_crash_program(filename: str) -> str:
    """'_usr_bin_gnome-shell.1000.crash' -> 'gnome-shell' (apport's /var/crash naming)."""
    stem = filename.removesuffix(".crash")
    path = stem.rsplit(".", 1)[0] if re.search(r"\.\d+$", stem) else stem
    return path.replace("_", "/").rsplit("/", 1)[-1]


# ------------------------------------------------------------------ restart pending


def parse_reboot_required_pkgs(text: str) -> list[str]:
    return sorted({line.strip() for line in text.splitlines() if line.strip()})


def kernel_restart_needed(running: str, installed: list[str]) -> bool:
    """True when the running kernel's modules are gone (the kernel was upgraded
    and the old one removed): new drivers cannot load until a restart."""
    return bool(installed) and running not in installed


def _kernel_key(version: str) -> tuple[tuple[int, ...], str]:
    """'6.1.0-18-amd64' -> ((6, 1, 0, 18, 64), 'amd'): numbers to compare, and the flavour."""
    return tuple(int(n) for n in re.findall(r"\d+", version)), re.sub(r"[\d.\-_+~]+", "", version)


def newer_kernel_installed(running: str, installed: list[str]) -> bool:
    """True when a newer kernel of the same flavour is installed but not running yet
    (Debian and Fedora keep the old one, so only a restart brings the fixes in)."""
    numbers, flavour = _kernel_key(running)
    return any(_kernel_key(v)[1] == flavour and _kernel_key(v)[0] > numbers for v in installed)


# ------------------------------------------------------------------ updates


def parse_apt_simulate(text: str) -> dict[str, Any]:
    """``apt-get -s upgrade`` output -> pending upgrades, security ones apart.

    'Inst libc6 [2.36-9] (2.36-9+deb12u4 Debian-Security:12/stable-security [amd64])'
    """
    packages, security = [], []
    for line in text.splitlines():
        if not line.startswith("Inst "):
            continue
        name = line.split()[1]
        packages.append(name)
        origin = line[line.find("(") :] if "(" in line else ""
        if re.search(r"securi", origin, re.IGNORECASE):
            security.append(name)
    return {"count": len(packages), "security_count": len(security), "packages": packages[:50], "security_packages": security[:50]}


def parse_apt_config_dump(text: str) -> dict[str, str]:
    """``apt-config dump`` -> {key: value} for its single values ('APT::Periodic::Unattended-Upgrade "1";').

    The dump is apt's own structured form, the same in every language: one 'Key "value";' a line,
    list items written 'Key:: "value";' (left out here: none of the keys read is a list)."""
    values = {}
    for line in text.splitlines():
        m = re.match(r'^(\S+) "(.*)";$', line.strip())
        if m and not m.group(1).endswith("::"):
            values[m.group(1)] = m.group(2)
    return values


def apt_automatic_settings(dump: str) -> dict[str, str | None]:
    """The settings of ``apt-config dump`` that say whether apt.systemd.daily runs unattended-upgrade."""
    values = parse_apt_config_dump(dump)
    return {
        "unattended_upgrade": values.get("APT::Periodic::Unattended-Upgrade"),
        "update_package_lists": values.get("APT::Periodic::Update-Package-Lists"),
        "periodic_enable": values.get("APT::Periodic::Enable"),
    }


def apt_periodic_on(value: str | None) -> bool | None:
    """An APT::Periodic interval (apt.systemd.daily: days, or a number with s/m/h/d, or "always"):
    on, off ("0", or no value: the default is off), None when apt would not understand it."""
    if value is None:
        return False
    value = value.strip().lower()
    if value == "always":
        return True
    m = re.fullmatch(r"(\d+)([smhd]?)", value)
    return None if m is None else int(m.group(1)) > 0


def apt_periodic_days(value: str | None) -> float | None:
    """An APT::Periodic interval in days, as apt.systemd.daily reads it ("14" every 14 days, "12h", "always": each run of
    its timer, 0 here); None when off or not understood."""
    if not apt_periodic_on(value):
        return None
    m = re.fullmatch(r"(\d+)([smhd]?)", str(value).strip().lower())
    if m is None:  # "always"
        return 0.0
    return int(m.group(1)) / {"s": 86400, "m": 1440, "h": 24, "d": 1, "": 1}[m.group(2)]


def parse_dnf_automatic_conf(text: str) -> dict[str, str]:
    """/etc/dnf/automatic.conf (INI) -> its [commands] settings (apply_updates, upgrade_type...)."""
    import configparser

    parser = configparser.ConfigParser(interpolation=None, strict=False)
    try:
        parser.read_string(text)
    except configparser.Error:
        return {}
    return dict(parser["commands"]) if parser.has_section("commands") else {}


def parse_dnf_check_update(text: str, returncode: int | None) -> dict[str, Any] | None:
    """``dnf -C -q check-update``: exit 100 with one 'name.arch version repo' line per
    update, 0 when none; anything else is unknown (None)."""
    if returncode == 0:
        return {"count": 0, "security_count": None, "packages": []}
    if returncode != 100:
        return None
    packages = []
    for line in text.splitlines():
        parts = line.split()
        if len(parts) == 3 and "." in parts[0] and not line.startswith(" "):
            if parts[0].lower().startswith(("obsoleting", "security:")):
                continue
            packages.append(parts[0].rsplit(".", 1)[0])
    return {"count": len(packages), "security_count": None, "packages": packages[:50]}


# ------------------------------------------------------------------ firewall


def parse_nft_ruleset(text: str) -> dict[str, Any]:
    """``nft list ruleset`` -> does anything filter incoming traffic?

    Counts base chains hooked on input (or forward) and whether their policy
    drops, or they hold drop/reject rules."""
    chains = []
    current: dict[str, Any] | None = None
    depth = 0
    table = ""
    for raw in text.splitlines():
        line = raw.strip()
        if line.startswith("table "):
            table = line.split()[-2] if line.endswith("{") else line.split()[-1]
        if line.startswith("chain ") and line.endswith("{"):
            current = {"table": table, "name": line.split()[1], "hook": None, "policy": None, "drop_rules": 0, "rules": 0}
            depth = 1
            chains.append(current)
            continue
        if current is None:
            continue
        depth += line.count("{") - line.count("}")
        if depth <= 0:
            current = None
            continue
        m = re.search(r"type filter hook (\w+).*?(?:policy (\w+))?;", line)
        if m:
            current["hook"] = m.group(1)
            pm = re.search(r"policy (\w+)", line)
            current["policy"] = pm.group(1) if pm else "accept"
            continue
        if line and not line.startswith("#"):
            current["rules"] += 1
            if re.search(r"\b(drop|reject)\b", line):
                current["drop_rules"] += 1
    inputs = [c for c in chains if c["hook"] == "input"]
    filtering = any(c["policy"] == "drop" or c["drop_rules"] for c in inputs)
    return {"input_chains": len(inputs), "filtering": filtering, "rules": sum(c["rules"] for c in inputs)}


def parse_iptables_s(text: str) -> dict[str, Any]:
    """``iptables -S INPUT`` -> policy and whether rules drop/reject incoming traffic."""
    policy = None
    rules = drops = 0
    for line in text.splitlines():
        parts = line.split()
        if parts[:2] == ["-P", "INPUT"] and len(parts) > 2:
            policy = parts[2]
        elif parts[:1] == ["-A"]:
            rules += 1
            if re.search(r"-j (DROP|REJECT)\b", line) or re.search(r"-j ufw-|-j IN_|-j f2b-", line):
                drops += 1
    return {"policy": policy, "rules": rules, "filtering": policy in ("DROP", "REJECT") or drops > 0}


def parse_ufw_conf(text: str) -> bool | None:
    """/etc/ufw/ufw.conf ENABLED=yes|no."""
    for line in text.splitlines():
        key, sep, value = line.partition("=")
        if sep and key.strip() == "ENABLED":
            return value.strip().strip("\"'").lower() == "yes"
    return None


def parse_ufw_status(text: str) -> bool | None:
    """``ufw status`` first line: 'Status: active' / 'Status: inactive' (English only: security.firewall asks it in the C locale)."""
    m = re.search(r"Status:\s*(\w+)", text)
    return None if not m else m.group(1).lower() == "active"


# ------------------------------------------------------------------ encryption


def parse_lsblk_inverse(text: str) -> dict[str, dict[str, Any]]:
    """``lsblk -J -s -o NAME,TYPE,FSTYPE,MOUNTPOINT`` (inverse tree: each mounted
    device with its ancestors as children) -> {mountpoint: {"encrypted": bool, "chain": [...]}}."""
    try:
        data = json.loads(text)
    except ValueError:
        return {}
    found: dict[str, dict[str, Any]] = {}

    def ancestors(node: dict[str, Any]) -> list[dict[str, Any]]:
        chain = [node]
        for child in node.get("children") or []:
            chain += ancestors(child)
        return chain

    for top in data.get("blockdevices") or []:
        mounts = [m for m in ([top.get("mountpoint")] + list(top.get("mountpoints") or [])) if m]
        if not mounts:
            continue
        chain = ancestors(top)
        encrypted = any(n.get("type") == "crypt" or n.get("fstype") == "crypto_LUKS" for n in chain)
        for mount in mounts:
            found[mount] = {"encrypted": encrypted, "chain": [f"{n.get('name')}:{n.get('type')}" for n in chain]}
    return found


# ------------------------------------------------------------------ disks


def parse_smartctl_json(text: str) -> dict[str, Any]:
    """``smartctl -j -H -A /dev/X`` -> health facts (smartmontools >= 7 JSON)."""
    try:
        data = json.loads(text)
    except ValueError:
        return {"error": "unreadable output"}
    status = data.get("smart_status") or {}
    messages = [m.get("string", "") for m in (data.get("smartctl") or {}).get("messages") or []]
    out: dict[str, Any] = {
        "size_bytes": (data.get("user_capacity") or {}).get("bytes"),
        "device": (data.get("device") or {}).get("name"),
        "model": data.get("model_name") or data.get("model_family") or "",
        "passed": status.get("passed"),
        "exit_status": (data.get("smartctl") or {}).get("exit_status"),
        "messages": messages[:3],
        "temperature": (data.get("temperature") or {}).get("current"),
        "power_on_hours": (data.get("power_on_time") or {}).get("hours"),
    }
    nvme = data.get("nvme_smart_health_information_log") or {}
    if nvme:
        out["percentage_used"] = nvme.get("percentage_used")
        out["media_errors"] = nvme.get("media_errors")
    for attr in (data.get("ata_smart_attributes") or {}).get("table") or []:
        if attr.get("id") in (5, 197, 198):  # reallocated, pending, offline-uncorrectable sectors
            out.setdefault("bad_sectors", 0)
            out["bad_sectors"] += int((attr.get("raw") or {}).get("value") or 0)
    return out


def block_device_info(device: str, sys_block: str = "/sys/class/block") -> dict[str, Any]:
    """A disk's model, size and connection from sysfs: {"model", "size_bytes", "connection": "usb" | "internal"}.

    The connection comes from where the kernel found the disk (a USB bus in its device path).
    """
    name = os.path.basename(device.rstrip("/"))
    base = Path(sys_block) / name
    if not base.exists():
        return {}
    info: dict[str, Any] = {}
    vendor, model = _read(base / "device" / "vendor"), _read(base / "device" / "model")
    if model:
        info["model"] = f"{vendor} {model}".strip() if vendor and vendor.upper() not in ("ATA", "NVME") and not model.startswith(vendor) else model
    sectors = _int(_read(base / "size"))
    if sectors:
        info["size_bytes"] = sectors * 512  # the kernel counts 512-byte sectors whatever the disk's own
    real = os.path.realpath(base)
    info["connection"] = "usb" if "/usb" in real else "internal"
    return info


# ------------------------------------------------------------------ outgoing firewall rules (secure sites, port 443)

SECURE_PORT = 443
_NOT_TCP = {"udp", "udplite", "sctp", "dccp", "icmp", "icmpv6", "esp", "ah", "gre"}
_TCP_NAMES = ("tcp", 6, "6")


def _nft_value(right: Any) -> str:
    """An nft JSON right-hand side as ``nft list ruleset`` writes it."""
    if isinstance(right, dict):
        if "set" in right:
            return "{ " + ", ".join(_nft_value(v) for v in (right["set"] if isinstance(right["set"], list) else [right["set"]])) + " }"
        if "range" in right and isinstance(right["range"], list) and len(right["range"]) == 2:
            return f"{_nft_value(right['range'][0])}-{_nft_value(right['range'][1])}"
        if "prefix" in right and isinstance(right["prefix"], dict):
            return f"{right['prefix'].get('addr')}/{right['prefix'].get('len')}"
        if "elem" in right and isinstance(right["elem"], dict):
            return _nft_value(right["elem"].get("val"))
        return "…"
    if isinstance(right, list):
        return "{ " + ", ".join(_nft_value(v) for v in right) + " }"
    return str(right)


def _nft_left(left: Any) -> tuple[str, str]:
    """(protocol-or-"meta", field) of a match's left side; ("", "") when it is something else."""
    if isinstance(left, dict):
        if isinstance(left.get("payload"), dict):
            return str(left["payload"].get("protocol", "")), str(left["payload"].get("field", ""))
        if isinstance(left.get("meta"), dict):
            return "meta", str(left["meta"].get("key", ""))
    return "", ""


def _nft_values(right: Any) -> list[Any] | None:
    """The single values and (low, high) ranges a right side holds; None when it cannot be told (a named set "@x")."""
    if isinstance(right, dict):
        if "set" in right:
            inner = right["set"]
            out: list[Any] = []
            for v in inner if isinstance(inner, list) else [inner]:
                got = _nft_values(v)
                if got is None:
                    return None
                out += got
            return out
        if "range" in right and isinstance(right["range"], list) and len(right["range"]) == 2:
            return [tuple(right["range"])]
        if "elem" in right and isinstance(right["elem"], dict):
            return _nft_values(right["elem"].get("val"))
        return None
    if isinstance(right, list):
        return _nft_values({"set": right})
    if isinstance(right, str) and right.startswith("@"):
        return None  # a named set: its content is not resolved here
    return [right]


def _admits(values: list[Any] | None, wanted: Any, numbers: bool) -> bool | None:
    if values is None:
        return None
    for v in values:
        if isinstance(v, tuple):
            try:
                if int(v[0]) <= int(wanted) <= int(v[1]):
                    return True
            except (TypeError, ValueError):
                continue
        elif numbers:
            try:
                if int(v) == int(wanted):
                    return True
            except (TypeError, ValueError):
                if str(v) in ("https",):  # nft may name the port
                    return True
        elif str(v) in [str(w) for w in (wanted if isinstance(wanted, tuple) else (wanted,))]:
            return True
    return False


def _nft_destination(right: Any, negate: bool) -> list[str]:
    """A daddr match's values as the "to" of a secure block: addresses, prefixes "a/len", ranges "a-b"; "?" for what cannot
    be read here (a named set "@x", a negation, an expression)."""
    if negate or (isinstance(right, str) and right.startswith("@")):
        return ["?"]
    inner = right["set"] if isinstance(right, dict) and "set" in right else right if isinstance(right, list) else [right]
    values = [_nft_value(v) for v in (inner if isinstance(inner, list) else [inner])]
    return [v if v and "…" not in v and not v.startswith("@") else "?" for v in values]


def _nft_rule_blocks_secure(expr: list[Any]) -> tuple[bool, str | None]:
    """Does this output rule drop or reject outgoing TCP to port 443? -> (blocks, destination condition).

    Only a drop/reject verdict counts. Every match on tcp/th dport must admit 443 (a "!=" must not name it);
    a match on another transport (udp, icmp…) or an l4proto/protocol match that leaves tcp out excludes it.
    Other conditions (oifname, skuid, ct state, marks…) are not destinations: the rule still counts, since it
    stops 443 for whatever it matches. A named set ("@blocked") cannot be resolved here: the rule counts."""
    verdict = any(isinstance(e, dict) and ("drop" in e or "reject" in e) for e in expr)
    if not verdict:
        return False, None
    only_to: list[str] = []
    for e in expr:
        m = e.get("match") if isinstance(e, dict) else None
        if not isinstance(m, dict):
            continue
        op = str(m.get("op", "=="))
        proto, field = _nft_left(m.get("left"))
        right = m.get("right")
        negate = op == "!="
        if proto in _NOT_TCP:
            return False, None
        if proto in ("tcp", "th") and field == "dport":
            got = _admits(_nft_values(right), SECURE_PORT, numbers=True)
            if got is not None and got == negate:
                return False, None
        elif (proto, field) in (("meta", "l4proto"), ("ip", "protocol"), ("ip6", "nexthdr")):  # not "meta protocol": ip/ip6
            got = _admits(_nft_values(right), _TCP_NAMES, numbers=False)
            if got is not None and got == negate:
                return False, None
        elif field == "daddr" and proto in ("ip", "ip6"):
            only_to.append(("!= " if negate else "") + _nft_value(right))
    return True, (_clip(", ".join(only_to), 80) if only_to else None)


def _nft_rule_to(expr: list[Any]) -> list[str] | None:
    """The destination of a rule that stops secure connections, whole (only_to is clipped for reading), read by the support
    card (supportcard.block_reach): None when it has no daddr match (every address); ["?"] when it has several (each must
    hold: not read here)."""
    matches = [e["match"] for e in expr if isinstance(e, dict) and isinstance(e.get("match"), dict)]
    daddr = [m for m in matches if _nft_left(m.get("left")) in (("ip", "daddr"), ("ip6", "daddr"))]
    if not daddr:
        return None
    if len(daddr) > 1:
        return ["?"]
    values = _nft_destination(daddr[0].get("right"), str(daddr[0].get("op", "==")) == "!=")
    return values[:MAX_DESTINATIONS] + (["?"] if len(values) > MAX_DESTINATIONS else [])


def _nft_rule_text(expr: list[Any]) -> str:
    """A rule's expressions written back the way ``nft list ruleset`` shows them (the common ones; "…" for others)."""
    words: list[str] = []
    for e in expr:
        if not isinstance(e, dict) or not e:
            continue
        key = next(iter(e))
        if key == "match" and isinstance(e["match"], dict):
            m = e["match"]
            proto, field = _nft_left(m.get("left"))
            op = str(m.get("op", "=="))
            left = f"{proto} {field}" if proto else "…"
            words.append(f"{left} {'' if op in ('==', 'in') else op + ' '}{_nft_value(m.get('right'))}".replace("  ", " "))
        elif key in ("drop", "accept", "return"):
            words.append(key)
        elif key == "reject":
            words.append("reject")
        elif key in ("jump", "goto") and isinstance(e[key], dict):
            words.append(f"{key} {e[key].get('target')}")
        elif key == "counter":
            words.append("counter")
        else:
            words.append(key)
    return _clip(" ".join(words), 160)


#: expressions of a rule that match nothing and decide nothing (they count, log or give a verdict)
_NFT_NO_CONDITION = {"counter", "log", "drop", "reject", "accept", "jump", "goto", "queue", "return", "continue", "match"}


def _nft_ct_state(m: dict[str, Any]) -> bool | None:
    """Whether a "ct state" match lets a new connection's first packet through (True/False); None: not a ct state match, or
    one that cannot be told (a named set)."""
    left = m.get("left")
    if not (isinstance(left, dict) and isinstance(left.get("ct"), dict) and left["ct"].get("key") == "state"):
        return None
    values = _nft_values(m.get("right"))
    if values is None:
        return None
    has_new = "new" in [str(v) for v in values]
    return has_new != (str(m.get("op", "==")) == "!=")


def _nft_unread(expr: list[Any]) -> bool:
    """A rule has conditions not read here (ct state, oifname, skuid, marks, limits, a port in a named set, an
    iptables extension…): what it matches cannot be told, so whether it stops the browser is undecided
    (supportcard.block_reach). Read: the transport (tcp, l4proto), the destination port and the destination address."""
    for e in expr:
        if not isinstance(e, dict) or not e:
            continue
        key = next(iter(e))
        if key not in _NFT_NO_CONDITION:
            return True  # limit, xt, vmap, meta set…: not read here
        m = e.get("match")
        if key != "match" or not isinstance(m, dict):
            continue
        proto, field = _nft_left(m.get("left"))
        if proto in _NOT_TCP:
            continue  # excludes tcp: the rule is not a block at all (_nft_rule_blocks_secure)
        if proto in ("tcp", "th") and field == "dport" or (proto, field) in (("meta", "l4proto"), ("ip", "protocol"), ("ip6", "nexthdr")):
            if _nft_values(m.get("right")) is None:
                return True  # a named set: not resolved here
            continue
        if field == "daddr" and proto in ("ip", "ip6"):
            continue  # the destination ("to"): read by the card
        return True
    return False


def _nft_may_let_through(expr: list[Any], base: bool) -> bool:
    """A rule that may let a browser's new secure connection out before a later rule drops it: an accept (or a return in a
    base chain, whose policy then decides; or a verdict map, not read) unless a condition read here leaves it out: another
    transport, ports without 443, the loopback interface, ct states without "new"."""
    verdicts = [next(iter(e)) for e in expr if isinstance(e, dict) and e]
    if not ("accept" in verdicts or "vmap" in verdicts or (base and "return" in verdicts)):
        return False
    for e in expr:
        m = e.get("match") if isinstance(e, dict) else None
        if not isinstance(m, dict):
            continue
        proto, field = _nft_left(m.get("left"))
        negate = str(m.get("op", "==")) == "!="
        if proto in _NOT_TCP:
            return False
        if proto in ("tcp", "th") and field == "dport":
            got = _admits(_nft_values(m.get("right")), SECURE_PORT, numbers=True)
            if got is not None and got == negate:
                return False
        elif (proto, field) in (("meta", "l4proto"), ("ip", "protocol"), ("ip6", "nexthdr")):
            got = _admits(_nft_values(m.get("right")), _TCP_NAMES, numbers=False)
            if got is not None and got == negate:
                return False
        elif proto == "meta" and field in ("oifname", "oif") and m.get("right") == "lo" and not negate:
            return False  # the loopback interface: no website is reached through it
        elif _nft_ct_state(m) is False:
            return False  # established, related, invalid…: never a new connection's first packet
    return True


def parse_nft_json_outbound(text: str) -> dict[str, Any] | None:
    """``nft -j list ruleset`` -> what this computer's own firewall does to outgoing secure (443) connections.

    Base chains hooked on "output" in the inet, ip and ip6 families count, and the regular chains they jump or
    go to, in rule order. A block with a condition not read here (_nft_unread), or after a rule that may let the
    connection out first (_nft_may_let_through, in its chain or the chains before the jump), or in a chain jumped to
    on such a condition, is marked "unread": it may never meet the browser's connection (the card leaves it undecided).
    A verdict map ("vmap") is not followed. A "queue" rule hands packets to a program that decides (OpenSnitch): "more"
    (what it stops is not read here). None when the output is not nft's JSON."""
    try:
        data = json.loads(text)
    except ValueError:
        return None
    items = data.get("nftables") if isinstance(data, dict) else None
    if not isinstance(items, list):
        return None
    chains: dict[tuple[str, str, str], dict[str, Any]] = {}
    rules: dict[tuple[str, str, str], list[list[Any]]] = {}
    for item in items:
        if not isinstance(item, dict):
            continue
        if isinstance(item.get("chain"), dict):
            c = item["chain"]
            chains[(str(c.get("family")), str(c.get("table")), str(c.get("name")))] = c
        elif isinstance(item.get("rule"), dict):
            r = item["rule"]
            expr = r.get("expr")
            if isinstance(expr, list):
                rules.setdefault((str(r.get("family")), str(r.get("table")), str(r.get("chain"))), []).append(expr)
    default_block = False
    bases = []
    for key, c in chains.items():
        if c.get("hook") == "output" and key[0] in ("inet", "ip", "ip6"):
            bases.append(key)
            if c.get("policy") == "drop":
                default_block = True

    def targets(key: tuple[str, str, str], expr: list[Any]) -> list[tuple[str, str, str]]:
        return [(key[0], key[1], str(e[j].get("target"))) for e in expr if isinstance(e, dict) for j in ("jump", "goto") if isinstance(e.get(j), dict)]

    lets: dict[tuple[str, str, str], bool] = {}

    def may_let_through(key: tuple[str, str, str], stack: frozenset[tuple[str, str, str]]) -> bool:
        """A chain jumped to may let the connection out (an accept in it or in a chain it jumps to); a loop: it may."""
        if key in stack:
            return True
        if key not in lets:
            lets[key] = any(
                _nft_may_let_through(expr, False) or any(may_let_through(t, stack | {key}) for t in targets(key, expr)) for expr in rules.get(key, [])
            )
        return lets[key]

    seen: set[tuple[str, str, str]] = set()
    blocks: list[dict[str, Any]] = []
    handed_off = False  # a rule hands packets to a program that decides (queue: OpenSnitch's "ct state new queue")
    todo = [(key, False) for key in bases]  # (chain, reached after something that may let the connection out or on a condition)
    while todo:
        key, unread = todo.pop(0)
        if key in seen:
            continue
        seen.add(key)
        for expr in rules.get(key, []):
            handed_off |= any(isinstance(e, dict) and "queue" in e for e in expr)
            jumps = targets(key, expr)
            todo += [(t, unread or _nft_unread(expr)) for t in jumps]
            stops, only_to = _nft_rule_blocks_secure(expr) if not jumps else (False, None)
            if stops:
                block = {"rule": _nft_rule_text(expr), "where": _clip(f"{key[0]} {key[1]} {key[2]}", 80), "only_to": only_to}
                blocks.append({**block, "to": _nft_rule_to(expr), "program": None, **({"unread": True} if unread or _nft_unread(expr) else {})})
            if _nft_may_let_through(expr, key in bases) or any(may_let_through(t, frozenset({key})) for t in jumps):
                unread = True  # what comes after may never see the connection
    # a rule left out may stop the sites; so may the program a queue rule hands them to (its rules are not read here)
    more = len(blocks) > MAX_SECURE_BLOCKS or handed_off
    return {"default_block": default_block, "secure_blocks": blocks[:MAX_SECURE_BLOCKS], "more": more, "output_chains": len(seen)}


def _iptables_ports_admit(spec: str, port: int) -> bool:
    """iptables' port syntax: "443", "https", "400:500", "80,443" (multiport), a "!" before it negates."""
    for part in spec.split(","):
        low, sep, high = part.partition(":")
        try:
            if (sep and int(low or 0) <= port <= int(high or 65535)) or (not sep and (part == "https" or int(part) == port)):
                return True
        except ValueError:
            continue
    return False


#: iptables match modules that only load the options above (or a comment)
_IPTABLES_PLAIN_MODULES = {"tcp", "multiport", "comment"}


def _iptables_rule_reads(parts: list[str]) -> tuple[bool, bool, bool]:
    """One "-A OUTPUT …" rule -> (it may match outgoing TCP 443, every condition of it is read here, it may let a new
    connection out first): another protocol or ports without 443 leave it out; "-o lo" and a --ctstate/--state without NEW
    never let a website's new connection out; every other option (-o, --uid-owner, -m conntrack…) is a condition not read."""
    admits, read, new_or_public = True, True, True
    options: list[list[Any]] = []  # [option, negated, values], up to the target (-j: its own options are not conditions)
    negate = False
    for token in parts[2:]:
        if token == "!":
            negate = True
        elif token.startswith("-") and not token[1:].isdigit():
            if token in ("-j", "--jump"):
                break
            options.append([token, negate, []])
            negate = False
        elif options:
            options[-1][1] |= negate
            options[-1][2].append(token)
            negate = False
    for word, negated, values in options:
        value = values[0] if values else ""
        if word in ("-p", "--protocol"):
            if (value.lower() in ("tcp", "6", "all")) == negated:
                admits = False
        elif word in ("--dport", "--dports", "--destination-port", "--destination-ports"):
            if _iptables_ports_admit(value, SECURE_PORT) == negated:
                admits = False
        elif word in ("-d", "--destination", "--comment") or (word == "-m" and value in _IPTABLES_PLAIN_MODULES):
            pass
        elif word in ("-o", "--out-interface") and value == "lo" and not negated:
            new_or_public, read = False, False
        elif word in ("--ctstate", "--state"):
            read = False
            if ("NEW" in value.upper().split(",")) == negated:
                new_or_public = False
        else:
            read = False
    return admits, read, admits and new_or_public


def parse_iptables_s_output(text: str) -> dict[str, Any]:
    """``iptables -S OUTPUT`` (rule syntax, not translated) -> default_block and the rules that stop outgoing 443.

    A DROP/REJECT rule counts unless it names another protocol (-p udp…) or ports that leave 443 out
    (--dport, --dports, ranges, "!" negations). -d is kept as its destination. One with another condition (-o,
    --uid-owner, --ctstate INVALID…) or after a rule that may let the connection out (-j ACCEPT, or a jump to a chain
    not read here, unless it is for the loopback or for established connections only) is marked "unread": it may never
    meet the browser's connection. A rule handing packets to a program (-j NFQUEUE, QUEUE) sets "more": what that
    program stops is not read here."""
    default_block = handed_off = let_through = False
    blocks: list[dict[str, Any]] = []
    for line in text.splitlines():
        try:
            parts = shlex.split(line)
        except ValueError:
            parts = line.split()
        if parts[:2] == ["-P", "OUTPUT"] and len(parts) > 2:
            default_block = parts[2] == "DROP"
            continue
        if parts[:2] != ["-A", "OUTPUT"]:
            continue
        target = next((parts[i + 1] for i in range(len(parts) - 1) if parts[i] in ("-j", "--jump")), None)
        if target in ("NFQUEUE", "QUEUE"):
            handed_off = True  # a program decides (its rules are not read here)
            continue
        stops, read, may_let = _iptables_rule_reads(parts)
        if target not in ("DROP", "REJECT"):
            let_through |= may_let and target not in ("LOG", "NFLOG", "MARK", "CONNMARK", "AUDIT", None)
            continue
        if not stops:
            continue
        only_to, to = None, None
        for i, word in enumerate(parts[:-1]):
            if word in ("-d", "--destination"):
                negate = i > 0 and parts[i - 1] == "!"
                value = parts[i + 1]
                only_to = _clip(("! " if negate else "") + value, 80)
                to = ["?"] if negate else [v for v in value.split(",") if v][:MAX_DESTINATIONS] or ["?"]
        block = {"rule": _clip(line, 160), "where": "OUTPUT", "only_to": only_to, "to": to, "program": None}
        blocks.append({**block, **({"unread": True} if let_through or not read else {})})
    return {"default_block": default_block, "secure_blocks": blocks[:MAX_SECURE_BLOCKS], "more": len(blocks) > MAX_SECURE_BLOCKS or handed_off}
