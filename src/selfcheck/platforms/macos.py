"""macOS sources of hardware, OS and security facts.

Pure ``parse_*`` functions, tested on recorded real outputs
(tests/fixtures/hwos/macos/). The tools used here print English whatever the
user's language (sw_vers, ioreg, socketfilterfw, fdesetup, pmset).
"""

from __future__ import annotations

import json
import plistlib
import re
from datetime import UTC, datetime
from typing import Any
from xml.parsers.expat import ExpatError


def parse_sw_vers(text: str) -> dict[str, str]:
    """``sw_vers`` -> {"ProductName": "macOS", "ProductVersion": "14.4.1", "BuildVersion": "23E224"}."""
    out = {}
    for line in text.splitlines():
        key, sep, value = line.partition(":")
        if sep:
            out[key.strip()] = value.strip()
    return out


def _ioreg_value(raw: str) -> Any:
    """One value as ``ioreg`` prints it: Yes/No, a number, a "string", <data>, or an inline
    {"key"=value,...} dictionary / (a,b) array (read whole, so BatteryData's keys are reachable)."""
    raw = raw.strip()
    try:
        value, end = _ioreg_inline(raw, 0)
    except (IndexError, ValueError):
        return raw
    return value if end == len(raw) else raw


def _ioreg_inline(s: str, i: int) -> tuple[Any, int]:
    if s[i] in "{(":
        close = "}" if s[i] == "{" else ")"
        items: list[Any] = []
        pairs: dict[str, Any] = {}
        i += 1
        while s[i] != close:
            if close == "}":
                key, i = _ioreg_inline(s, i)
                if s[i] != "=":
                    raise ValueError(s[i])
                pairs[str(key)], i = _ioreg_inline(s, i + 1)
            else:
                item, i = _ioreg_inline(s, i)
                items.append(item)
            if s[i] not in ("," + close):
                raise ValueError(s[i:])
            if s[i] == ",":
                i += 1
        return (pairs if close == "}" else items), i + 1
    if s[i] == '"':
        end = s.index('"', i + 1)
        return s[i + 1 : end], end + 1
    if s[i] == "<":
        end = s.index(">", i)
        return s[i : end + 1], end + 1
    m = re.compile(r"[^,=}\)]*").match(s, i)
    word = m.group(0).strip() if m else ""
    end = m.end() if m else i
    if word in ("Yes", "No"):
        return word == "Yes", end
    # a value ioreg could not print is left empty ('"AdapterPower"=,', charlie0129/batt#124)
    return (int(word) if re.fullmatch(r"-?\d+", word) else word or None), end


def _ioreg_properties(text: str) -> dict[str, Any]:
    """The properties of the first object ``ioreg -rn NAME`` prints. When the object has children
    in the registry (AppleSmartBattery on macOS 27), every line of its block starts with '  | '."""
    props: dict[str, Any] = {}
    inside = False
    for line in text.splitlines():
        body = line.lstrip(" |")
        if not inside:
            inside = body.rstrip() == "{"
            continue
        if body.rstrip() == "}":
            break
        m = re.match(r'^"([^"]+)" = (.*)$', body)
        if m and m.group(1) not in props:
            props[m.group(1)] = _ioreg_value(m.group(2))
    return props


def _capacity(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) and value > 0 else None


def parse_ioreg_battery_plist(data: str | bytes) -> dict[str, Any] | None:
    """``ioreg -arn AppleSmartBattery`` (ioreg's XML property list: an array of the matching entries'
    properties, typed) -> battery facts as :func:`parse_ioreg_battery`; None when there is no battery or
    the output is not a property list. What the check reads: no console text to parse."""
    if isinstance(data, str):
        data = data.encode("utf-8")
    try:
        entries = plistlib.loads(data)
    except (plistlib.InvalidFileException, ValueError, TypeError, AttributeError, IndexError, ExpatError):
        return None
    entry = entries[0] if isinstance(entries, list) and entries else entries
    return battery_facts(entry) if isinstance(entry, dict) else None


def parse_ioreg_battery(text: str) -> dict[str, Any] | None:
    """``ioreg -rn AppleSmartBattery`` (console text) -> battery facts; None when there is no battery.
    Kept for the layouts the project has only as text or converted recordings (Intel, macOS 27's tree
    bars); the check reads :func:`parse_ioreg_battery_plist`."""
    return battery_facts(_ioreg_properties(text))


def battery_facts(props: dict[str, Any]) -> dict[str, Any] | None:
    """An AppleSmartBattery entry's properties -> battery facts; None when there is no battery.

    Apple silicon reports MaxCapacity as a percentage and the real figure in
    AppleRawMaxCapacity (mAh); Intel Macs report MaxCapacity in mAh. macOS 27 dropped
    AppleRawMaxCapacity, DesignCapacity and NominalChargeCapacity from the top level: they are
    read from the BatteryData dictionary (FullChargeCapacity, DesignCapacity). A desktop Mac
    (Mac mini, Mac Studio) has an AppleSmartBattery entry too, with BatteryInstalled = 0."""
    nested = props.get("BatteryData")
    data: dict[str, Any] = nested if isinstance(nested, dict) else {}
    if not props or props.get("BatteryInstalled") in (False, 0):
        return None
    design = _capacity(props.get("DesignCapacity")) or _capacity(data.get("DesignCapacity"))
    if design is None:
        return None
    max_cap = props.get("MaxCapacity")
    full = (
        _capacity(props.get("AppleRawMaxCapacity"))
        or (max_cap if isinstance(max_cap, int) and max_cap > 100 else None)
        or _capacity(data.get("FullChargeCapacity"))
        or _capacity(props.get("NominalChargeCapacity"))
        or _capacity(data.get("NominalChargeCapacity"))
    )
    current = props.get("CurrentCapacity")
    percent = current if isinstance(current, int) and isinstance(max_cap, int) and max_cap == 100 else None
    if percent is None and isinstance(current, int) and isinstance(max_cap, int) and max_cap > 0:
        percent = round(current * 100 / max_cap)
    plugged = props.get("ExternalConnected")
    charging = props.get("IsCharging")
    fully = props.get("FullyCharged")
    status = "Full" if fully else "Charging" if charging else "Not charging" if plugged else "Discharging"
    cycles = props.get("CycleCount")
    return {
        "name": str(props.get("DeviceName") or "AppleSmartBattery"),
        "status": status,
        "percent": percent,
        "full_capacity": full,
        "design_capacity": design,
        "cycle_count": cycles if isinstance(cycles, int) and not isinstance(cycles, bool) else None,
        "plugged": None if plugged is None else bool(plugged),
        "permanent_failure": bool(props.get("PermanentFailureStatus")),
        # macOS 10.15.5+ may hold the charge at 80 % to protect the battery
        "optimized_charging": bool(props.get("ChargerInhibitReason") or props.get("NotChargingReason")),
    }


def parse_socketfilterfw(text: str) -> bool | None:
    """``socketfilterfw --getglobalstate``: 'Firewall is enabled. (State = 1)'; state 2 = block all."""
    m = re.search(r"State = (\d)", text)
    if m:
        return m.group(1) != "0"
    if re.search(r"\bis enabled\b", text):
        return True
    if re.search(r"\bis disabled\b", text):
        return False
    return None


def parse_fdesetup_status(text: str) -> dict[str, Any]:
    """``fdesetup status`` -> {"state": "on"|"off"|"encrypting"|"decrypting"|None, "percent": float|None}."""
    percent = None
    m = re.search(r"Percent completed = ([\d.]+)", text)
    if m:
        percent = float(m.group(1))
    if re.search(r"Encryption in progress", text):
        state = "encrypting"
    elif re.search(r"Decryption in progress", text):
        state = "decrypting"
    elif re.search(r"FileVault is On", text):
        state = "on"
    elif re.search(r"FileVault is Off", text):
        state = "pending" if "will be enabled" in text else "off"
    else:
        state = None
    return {"state": state, "percent": percent}


def parse_ips_header(first_line: str, filename: str = "") -> dict[str, Any] | None:
    """First line of a DiagnosticReports ``.ips`` file (a JSON header) -> crash facts.

    bug_type 309 is an app crash, 109 an older-style crash, 210 a kernel panic,
    298/211 hangs and other reports we do not count."""
    try:
        header = json.loads(first_line)
    except ValueError:
        return None
    if not isinstance(header, dict):
        return None
    bug_type = str(header.get("bug_type", ""))
    kind = {"309": "crash", "109": "crash", "210": "panic", "288": "panic"}.get(bug_type)
    if kind is None:
        return None
    when = header.get("timestamp", "")
    iso = None
    m = re.match(r"(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2})(?:\.\d+)? ([+-]\d{4})", str(when))
    if m:
        iso = datetime.strptime(f"{m.group(1)} {m.group(2)} {m.group(3)}", "%Y-%m-%d %H:%M:%S %z").astimezone(UTC).isoformat()
    return {
        "kind": kind,
        "program": header.get("app_name") or header.get("name") or filename.split("-")[0],
        "time": iso,
        "version": header.get("app_version", ""),
        "os_version": header.get("os_version", ""),
    }


def parse_softwareupdate_plist(data: dict[str, Any]) -> dict[str, Any]:
    """/Library/Preferences/com.apple.SoftwareUpdate.plist (the result of the last
    automatic check: no network needed) -> pending updates."""
    recommended = data.get("RecommendedUpdates") or []
    names = [str(u.get("Display Name", "")) + (f" {u.get('Display Version')}" if u.get("Display Version") else "") for u in recommended if isinstance(u, dict)]
    last = data.get("LastSuccessfulDate") or data.get("LastFullSuccessfulDate")
    return {
        "count": int(data.get("LastRecommendedUpdatesAvailable", len(recommended)) or 0),
        "updates": names[:20],
        "security_count": sum(1 for n in names if re.search(r"secur|background|xprotect|rapid", n, re.IGNORECASE)),
        "os_update_pending": any(re.search(r"macOS", n) for n in names),
        "last_check": last.astimezone(UTC).isoformat()
        if isinstance(last, datetime) and last.tzinfo
        else last.replace(tzinfo=UTC).isoformat()
        if isinstance(last, datetime)
        else None,
        "automatic_check": _flag(data.get("AutomaticCheckEnabled")),
        # the switches of Software Update's "Automatic updates" (MDM payload com.apple.SoftwareUpdate); None: never
        # changed, macOS' own default applies (on for the last three, drata/drata-agent#27; the first one varies)
        "auto_install_macos": _flag(data.get("AutomaticallyInstallMacOSUpdates")),
        "auto_download": _flag(data.get("AutomaticDownload")),
        "auto_install_security": _flag(data.get("CriticalUpdateInstall")),
        "auto_install_data": _flag(data.get("ConfigDataInstall")),
    }


def _flag(value: Any) -> bool | None:
    """A Software Update switch as macOS writes it: a boolean, or 0/1 when written with ``defaults write -int``."""
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, int):
        return value != 0
    if isinstance(value, str) and value.strip().lower() in ("1", "0", "yes", "no", "true", "false"):
        return value.strip().lower() in ("1", "yes", "true")
    return None


def parse_pmset_therm(text: str) -> dict[str, Any]:
    """``pmset -g therm``: 'CPU_Speed_Limit = 100' (lower: slowed down for heat)."""
    out: dict[str, Any] = {}
    for key in ("CPU_Speed_Limit", "CPU_Scheduler_Limit", "CPU_Available_CPUs"):
        m = re.search(rf"{key}\s*=\s*(\d+)", text)
        if m:
            out[key] = int(m.group(1))
    out["thermal_warning"] = "No thermal warning level has been recorded" not in text and bool(re.search(r"thermal warning level", text, re.IGNORECASE))
    return out


def parse_diskutil_smart(data: dict[str, Any]) -> dict[str, Any] | None:
    """``diskutil info -plist disk0`` (as a dict) -> SMART verdict: 'Verified', 'Failing', or 'Not Supported' (None)."""
    status = str(data.get("SMARTStatus") or "")
    if not status or status.lower().startswith("not supported"):
        return None
    return {
        "device": "/dev/" + str(data.get("DeviceIdentifier") or "disk0"),
        "model": str(data.get("MediaName") or data.get("IORegistryEntryName") or ""),
        "passed": status.lower() == "verified",
        "smart_status": status,
    }


# ------------------------------------------------------------------ Wi-Fi


def dbm_to_percent(dbm: float) -> int:
    """A received signal in dBm as the 0-100 % scale Windows shows: -100 dBm or less is 0 %, -50 or more 100 %."""
    return int(max(0, min(100, round(2 * (dbm + 100)))))


def parse_airport_info(text: str) -> dict[str, Any] | None:
    """``airport -I`` (macOS up to 14.3) -> {"rssi_dbm", "noise_dbm", "signal_percent", "state"}; None when not associated.

    Keys are fixed identifiers (agrCtlRSSI...), not translated."""
    values: dict[str, str] = {}
    for line in text.splitlines():
        key, sep, value = line.partition(":")
        if sep:
            values[key.strip()] = value.strip()
    try:
        rssi = int(values["agrCtlRSSI"])
    except (KeyError, ValueError):
        return None
    if rssi == 0:  # Wi-Fi on but not joined to a network
        return None
    noise = values.get("agrCtlNoise", "")
    return {
        "rssi_dbm": rssi,
        "noise_dbm": int(noise) if noise.lstrip("-").isdigit() else None,
        "signal_percent": dbm_to_percent(rssi),
        "state": values.get("state", ""),
    }


def parse_airport_data_type(text: str) -> list[dict[str, Any]]:
    """``system_profiler -json SPAirPortDataType`` -> [{"name": "en0", "signal_percent", "rssi_dbm"}].

    Every Wi-Fi interface the system knows is listed (macOS' own notion of a wireless
    adapter, whatever its name); the signal is read from the current network's
    "-46 dBm / -96 dBm" value when it is joined to one. Keys are not translated."""
    try:
        data = json.loads(text)
    except ValueError:
        return []
    found: list[dict[str, Any]] = []
    sections = data.get("SPAirPortDataType") if isinstance(data, dict) else None
    for section in sections if isinstance(sections, list) else []:
        interfaces = section.get("spairport_airport_interfaces") if isinstance(section, dict) else None
        for item in interfaces if isinstance(interfaces, list) else []:
            if not isinstance(item, dict) or not item.get("_name"):
                continue
            entry: dict[str, Any] = {"name": str(item["_name"]), "signal_percent": None, "rssi_dbm": None}
            current = item.get("spairport_current_network_information")
            signal = current.get("spairport_signal_noise") if isinstance(current, dict) else None
            match = re.match(r"\s*(-\d+)\s*dBm", str(signal or ""))
            if match:
                entry["rssi_dbm"] = int(match.group(1))
                entry["signal_percent"] = dbm_to_percent(int(match.group(1)))
            found.append(entry)
    return found
