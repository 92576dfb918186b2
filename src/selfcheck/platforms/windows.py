"""Windows sources of hardware, OS and security facts.

The ``parse_*`` functions are pure and tested on recorded real outputs in
several display languages (tests/fixtures/hwos/windows/): netsh, wevtutil and
manage-bde print translated labels, so the parsers rely on the layout (the
order of the lines, numbers, program names) rather than on English words.
``read_*`` functions use the registry and only import ``winreg`` on Windows.
"""

from __future__ import annotations

import codecs
import json
import re
import sys
import xml.etree.ElementTree as ET
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from selfcheck.platforms.common import MAX_DESTINATIONS, MAX_SECURE_BLOCKS
from selfcheck.platforms.common import clip as _clip
from selfcheck.platforms.perscan import OncePerScan

# Word stems meaning "off"/"on" in the display languages we have seen; checked "off" first
# (French "désactivé" contains "activé"). Stems, not whole words, because console output
# decoded with the wrong code page turns "é" into another character.
_OFF = re.compile(r"\boff\b|inacti|d.?sactiv|\baus\b|deaktiv|disattiv|\buit\b|disabled", re.IGNORECASE)
_ON = re.compile(r"\bon\b|acti[fv]|\bein\b|aktiv|attiv|\baan\b|enabled", re.IGNORECASE)


def on_off(value: str) -> bool | None:
    if _OFF.search(value):
        return False
    if _ON.search(value):
        return True
    return None


# ------------------------------------------------------------------ console code page


def code_page_encoding(code_page: int) -> str | None:
    """The Python codec of a Windows code page (866 -> 'cp866', 65001 -> 'utf-8'); None if unknown."""
    name = "utf-8" if code_page == 65001 else f"cp{code_page}"
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def console_encoding() -> str | None:
    """How console programs started by selfcheck encode their output; None off Windows.

    Programs started without a window (CREATE_NO_WINDOW) get a console of their
    own, whose code page is the OEM one (cp850 in France, cp866 in Russia, 65001
    when "UTF-8 for worldwide language support" is on), not the ANSI code page
    Python assumes for pipes (cp1252, cp1251): reading Russian ipconfig with the
    latter garbles every label."""
    if sys.platform != "win32":
        return None
    import ctypes

    try:
        return code_page_encoding(int(ctypes.windll.kernel32.GetOEMCP()))
    except (AttributeError, OSError, ValueError):  # pragma: no cover - Windows only
        return None


# ------------------------------------------------------------------ firewall


def parse_netsh_firewall(text: str) -> dict[str, Any]:
    """``netsh advfirewall show allprofiles`` -> {"domain": bool|None, "private": ..., "public": ...}.

    Each profile is a header line, a line of dashes, then its settings; the first
    setting is always the state ("State ON", "État Actif"). The three profiles
    always come in the order domain, private, public."""
    lines = text.splitlines()
    states: list[bool | None] = []
    names: list[str] = []
    for i, line in enumerate(lines):
        if re.fullmatch(r"-{10,}", line.strip()) and i > 0:
            names.append(lines[i - 1].strip().rstrip(":").strip())
            first = next((ln for ln in lines[i + 1 :] if ln.strip()), "")
            value = re.split(r"\s{2,}", first.strip(), maxsplit=1)
            states.append(on_off(value[1]) if len(value) == 2 else None)
    keys = ("domain", "private", "public")
    out: dict[str, Any] = {k: states[n] if n < len(states) else None for n, k in enumerate(keys)}
    out["headers"] = names
    return out


FIREWALL_LOCAL_KEY = r"SYSTEM\CurrentControlSet\Services\SharedAccess\Parameters\FirewallPolicy"
FIREWALL_POLICY_KEY = r"SOFTWARE\Policies\Microsoft\WindowsFirewall"
#: profile -> (local key name, group-policy key names): the private profile is "Standard" locally
FIREWALL_PROFILES = {
    "domain": ("DomainProfile", ("DomainProfile",)),
    "private": ("StandardProfile", ("PrivateProfile", "StandardProfile")),
    "public": ("PublicProfile", ("PublicProfile",)),
}


def firewall_from_registry(local: dict[str, Any], policy: dict[str, Any]) -> dict[str, bool | None]:
    """EnableFirewall per profile (DWORD 1/0), a group policy's value winning over the local one.

    ``local``/``policy`` map a registry key name (``DomainProfile``...) to its EnableFirewall value
    (missing when the key or value does not exist). Numbers, the same in every language."""
    states: dict[str, bool | None] = {}
    for profile, (local_key, policy_keys) in FIREWALL_PROFILES.items():
        value = next((policy[k] for k in policy_keys if policy.get(k) is not None), local.get(local_key))
        states[profile] = bool(int(value)) if isinstance(value, int) else None
    return states


def read_firewall_registry() -> dict[str, bool | None]:  # pragma: no cover - Windows only
    """The firewall's state per profile from the registry (no process, no translated text)."""
    local = {k: read_registry_values(rf"{FIREWALL_LOCAL_KEY}\{k}", ["EnableFirewall"]).get("EnableFirewall") for k, _p in FIREWALL_PROFILES.values()}
    policy = {
        k: read_registry_values(rf"{FIREWALL_POLICY_KEY}\{k}", ["EnableFirewall"]).get("EnableFirewall")
        for _l, keys in FIREWALL_PROFILES.values()
        for k in keys
    }
    return firewall_from_registry(local, policy)


#: where Windows keeps its firewall rules as strings ("v2.30|Action=Block|Dir=Out|...|"): the local store and group policy's
FIREWALL_RULE_KEYS = (rf"{FIREWALL_LOCAL_KEY}\FirewallRules", rf"{FIREWALL_POLICY_KEY}\FirewallRules")
#: other firewalls registered with Windows Security Center (Windows' own is not among them)
FIREWALL_PRODUCTS_QUERY = "Get-CimInstance -Namespace root/SecurityCenter2 -ClassName FirewallProduct | Select-Object displayName | ConvertTo-Json"
#: the line security.firewall's one PowerShell call prints between Security Center's firewalls and its antivirus products
SECURITY_CENTER_SPLIT = "selfcheck-antivirus"
#: Microsoft's own antivirus as Security Center names it: its shield is not a third party's that may drop secure connections
MICROSOFT_ANTIVIRUS = ("windows defender", "microsoft defender")


def parse_firewall_rule(text: str) -> dict[str, list[str]]:
    """One rule string of the registry ([MS-GPFAS] 2.2.2.19 "Firewall Rule and the Firewall Rule Grammar Rule"):
    "v2.30|Action=Block|Active=TRUE|Dir=Out|Protocol=6|RPort=443|Name=...|" -> {"Action": ["Block"], ...};
    a key may repeat (RPort, RA4, Profile), so each holds a list. The version before the first "|" is left out."""
    fields: dict[str, list[str]] = {}
    for part in str(text).split("|")[1:]:
        key, sep, value = part.partition("=")
        if sep:
            fields.setdefault(key, []).append(value)
    return fields


def _port_admits(values: list[str], port: int) -> bool:
    for value in values:
        low, sep, high = value.partition("-")
        try:
            if (sep and int(low) <= port <= int(high)) or (not sep and int(value) == port):
                return True
        except ValueError:
            continue  # keywords (RPC, IPHTTPSOut…): not counted
    return False


def _file_name(path: str) -> str:
    """A program's file name without its folder (a folder may hold a user's name)."""
    return re.split(r"[\\/]", path.strip())[-1]


#: a rule's Profile= value -> our profile name
_RULE_PROFILES = {"domain": "domain", "private": "private", "public": "public"}
#: the fields of a rule string read here ([MS-GPFAS] 2.2.2.19): what it blocks (protocol, remote ports and addresses, the
#: program) and what only names or describes it; any other (Svc, IF, IFType, LA4, LUAuth, Security…) is a condition not read
_RULE_READ = frozenset(("Action", "Active", "Dir", "Protocol", "RPort", "RPort2_10", "RA4", "RA6", "RA42", "RA62", "App", "PFN", "Name", "Desc", "EmbedCtxt"))
#: Windows' dynamic port range (every outgoing connection's local port by default): a LPort condition holding it all is no
#: condition for a browser
_DYNAMIC_PORTS = (49152, 65535)


def _holds_dynamic(value: str) -> bool:
    low, sep, high = value.partition("-")
    try:
        return bool(sep) and int(low) <= _DYNAMIC_PORTS[0] and int(high) >= _DYNAMIC_PORTS[1]
    except ValueError:
        return False


def _unread_conditions(f: dict[str, list[str]]) -> bool:
    """A rule string holds a condition not read here: a field outside _RULE_READ, some profiles only (which one this
    computer's network has is not read), local ports not holding the whole dynamic range."""
    for key, values in f.items():
        if key in _RULE_READ:
            continue
        if key == "Profile" and {v.lower() for v in values} >= set(_RULE_PROFILES):
            continue
        if key in ("LPort", "LPort2_10") and any(_holds_dynamic(v) for v in values):
            continue
        return True
    return False


def secure_block_of_rule(name: str, text: str, enabled: dict[str, bool | None] | None = None) -> dict[str, Any] | None:
    """The rule as a "secure_blocks" entry when it blocks outgoing TCP to port 443, else None.

    It must be active (Active=FALSE rules are ignored), Action=Block and Dir=Out; no Protocol or Protocol=6
    (TCP); no remote port condition, or one (RPort, or RPort2_10 written with ranges) that takes in 443.
    A rule whose profiles all have their firewall off does not count; one with other conditions (some profiles only,
    interfaces, services, local ports) is marked "unread": it may never meet the browser's connection. RA4/RA6 (remote
    addresses) are kept as its destination, App= as its program's file name."""
    f = parse_firewall_rule(text)
    first = lambda key: (f.get(key) or [""])[0]  # noqa: E731
    if first("Action").lower() != "block" or first("Dir").lower() != "out" or first("Active").upper() == "FALSE":
        return None
    if f.get("Protocol") and first("Protocol") != "6":
        return None
    ports = (f.get("RPort") or []) + (f.get("RPort2_10") or [])
    if ports and not _port_admits(ports, 443):
        return None
    profiles = [_RULE_PROFILES.get(p.lower()) for p in f.get("Profile") or []]
    if enabled and profiles and all(enabled.get(p) is False for p in profiles if p):
        return None
    remote = list(dict.fromkeys(v for key in ("RA4", "RA6", "RA42", "RA62") for v in f.get(key) or []))
    # the program it holds for: App= (its file name), else a Store app's package (PFN=, as Windows' own
    # "block everything else this app sends" rules have it); None: every program, a browser too
    app = _file_name(first("App")) or first("PFN") or None
    shown = re.sub(r"App=[^|]*", lambda m: "App=" + _file_name(m.group(0)[4:]), str(text))
    label = first("Name")
    return {
        "rule": _clip(shown, 160),
        # Name= as written; one starting "@" points into a resource file ("@FirewallAPI.dll,-28502"): the
        # registry value's own name ("RemoteAssistance-Out-TCP") says more
        "where": _clip(name if not label or label.startswith("@") else label, 80),
        "only_to": _clip(", ".join(remote), 80) if remote else None,
        # the destination, whole (only_to is clipped for reading): each value an address, a subnet, a range "a-b" or a
        # keyword ([MS-GPFAS] 2.2.2.13); None: every address. Read by the support card (supportcard.block_reach)
        "to": (remote[:MAX_DESTINATIONS] + (["?"] if len(remote) > MAX_DESTINATIONS else [])) if remote else None,
        "program": _clip(app, 80) if app else None,
        **({"unread": True} if _unread_conditions(f) else {}),
    }


def windows_outbound(
    rules: dict[str, str],
    default_outbound: dict[str, Any],
    enabled: dict[str, bool | None],
    products: list[str],
    other_security: list[str] | None = None,
) -> dict[str, Any]:
    """The "outbound" facts from the registry's rule strings ({value name: rule}), DefaultOutboundAction per
    profile (1 = block; group policy's value first) and whether each profile's firewall is on; ``products``: Security
    Center's firewalls, ``other_security``: its antivirus products other than Microsoft's own (other_security_products),
    whose web shield may drop secure connections where no rule shows it.

    Rules that hold for every program come first: they stop a browser too; then those of a web browser (browsers.py),
    then those of another program, which cannot stop the customer's browser: only these are left out past the bound.
    "more": a rule that may stop a browser was left out."""
    from selfcheck.browsers import is_browser

    blocks = [b for name, text in rules.items() if isinstance(text, str) and (b := secure_block_of_rule(name, text, enabled))]
    blocks.sort(key=lambda b: 0 if b["program"] is None else 1 if is_browser(b["program"]) else 2)
    more = any(b["program"] is None or is_browser(b["program"]) for b in blocks[MAX_SECURE_BLOCKS:])
    default_block = any(enabled.get(p) is not False and default_outbound.get(p) == 1 for p in ("domain", "private", "public"))
    return {
        "read": True,
        "sources": ["windows"],
        "why_not": None,
        "default_block": default_block,
        "secure_blocks": blocks[:MAX_SECURE_BLOCKS],
        "more": more,
        "other_firewalls": [n for n in products if "windows" not in n.lower()][:5],
        "other_security": list(other_security or [])[:5],
    }


def parse_firewall_products_json(text: str) -> list[str]:
    """``Get-CimInstance root/SecurityCenter2 FirewallProduct | Select displayName | ConvertTo-Json`` -> names."""
    return [_clip(str(item["displayName"]), 80) for item in _json_list(text) if item.get("displayName")]


def split_security_center(text: str) -> tuple[str, str]:
    """security.firewall's one PowerShell call -> (FirewallProduct's answer, AntiVirusProduct's answer), split at
    SECURITY_CENTER_SPLIT's line; no such line: the antivirus products were not answered."""
    lines = text.splitlines(keepends=True)
    at = next((i for i, line in enumerate(lines) if line.strip() == SECURITY_CENTER_SPLIT), None)
    return ("".join(lines), "") if at is None else ("".join(lines[:at]), "".join(lines[at + 1 :]))


def other_security_products(products: list[dict[str, Any]]) -> list[str]:
    """parse_antivirus_json's products -> the names of those not Microsoft's own (Windows Defender, Microsoft Defender
    Antivirus), on or off (Security Center's state says nothing of a web shield), at most 5."""
    names = [_clip(str(p.get("name") or ""), 80) for p in products]
    return list(dict.fromkeys(n for n in names if n.strip() and not n.lower().startswith(MICROSOFT_ANTIVIRUS)))[:5]


def read_firewall_outbound(products: list[str], other_security: list[str] | None = None) -> dict[str, Any]:  # pragma: no cover - Windows only
    """The outgoing rules, default outbound actions and profile states from the registry."""
    rules: dict[str, str] = {}
    for key in FIREWALL_RULE_KEYS:
        for value_name, text in read_registry_all_values(key).items():
            if isinstance(text, str):
                rules[value_name if value_name not in rules else f"{value_name} (policy)"] = text
    enabled = read_firewall_registry()
    default_outbound: dict[str, Any] = {}
    for profile, (local_key, policy_keys) in FIREWALL_PROFILES.items():
        values = [read_registry_values(rf"{FIREWALL_POLICY_KEY}\{k}", ["DefaultOutboundAction"]).get("DefaultOutboundAction") for k in policy_keys]
        values.append(read_registry_values(rf"{FIREWALL_LOCAL_KEY}\{local_key}", ["DefaultOutboundAction"]).get("DefaultOutboundAction"))
        default_outbound[profile] = next((v for v in values if isinstance(v, int)), None)
    if not rules and all(v is None for v in enabled.values()):
        return {**windows_outbound({}, {}, {}, products, other_security), "read": False, "sources": [], "why_not": "unreadable"}
    return windows_outbound(rules, default_outbound, enabled, products, other_security)


# ------------------------------------------------------------------ event log


_EVENT_HEADER = re.compile(r"^\S+\[(\d+)\]:?\s*$")


def parse_wevtutil_text(text: str) -> list[dict[str, Any]]:
    """``wevtutil qe <log> /f:text`` -> events with source, date, id, program.

    Labels are translated ("Event ID:" / "ID de l'événement :"); their order is not,
    so fields are taken by position: log name, source, date, event id, task, level.
    The program is the first '*.exe' name in the description."""
    events: list[dict[str, Any]] = []
    current: list[str] | None = None

    def flush(block: list[str] | None) -> None:
        if not block:
            return
        fields: list[str] = []
        desc_start = len(block)
        for n, line in enumerate(block):
            if line.startswith("  ") and not line.startswith("   "):
                # the label ends at the first colon (French puts a space before it);
                # the value may hold colons too (a time)
                m = re.match(r"^(.*?)\s?:\s?(.*)$", line.strip())
                fields.append(m.group(2).strip() if m else "")
                if len(fields) >= 12:  # Description is the 12th field; its text follows
                    desc_start = n + 1
                    break
        description = "\n".join(block[desc_start:]).strip()
        exe = re.search(r"([^\s\\/:,]+\.exe)\b", description, re.IGNORECASE)
        event_id = re.search(r"\d+", fields[3]) if len(fields) > 3 else None
        events.append(
            {
                "log": fields[0] if fields else "",
                "source": fields[1] if len(fields) > 1 else "",
                "time": fields[2] if len(fields) > 2 else "",
                "event_id": int(event_id.group()) if event_id else None,
                "program": exe.group(1) if exe else "",
                "summary": description.splitlines()[0][:200] if description else "",
            }
        )

    for line in text.splitlines():
        if _EVENT_HEADER.match(line):
            flush(current)
            current = []
        elif current is not None:
            current.append(line)
    flush(current)
    return events


def parse_wevtutil_xml(text: str) -> list[dict[str, Any]] | None:
    """``wevtutil qe <log> /f:xml`` -> the same event dicts as :func:`parse_wevtutil_text`; None if not XML.

    The XML holds no translated words: provider, event id and time are attributes and
    numbers; the program is the AppName value (Windows 11 24H2 names it) or the first
    value (older versions list them in order) of Application Error 1000 / Hang 1002."""
    body = text.strip().lstrip("\ufeff")
    if not body:
        return []
    if not body.startswith("<"):
        return None
    try:
        root = ET.fromstring(f"<Events>{body}</Events>")
    except ET.ParseError:
        return None

    def local(tag: str) -> str:
        return tag.rsplit("}", 1)[-1]

    events: list[dict[str, Any]] = []
    for event in root:
        system = {local(child.tag): child for child in next((c for c in event if local(c.tag) == "System"), [])}
        provider = system.get("Provider")
        created = system.get("TimeCreated")
        event_id = (system["EventID"].text or "").strip() if "EventID" in system else ""
        data = [d for section in event if local(section.tag) in ("EventData", "UserData") for d in section.iter() if local(d.tag) == "Data"]
        named = {d.get("Name"): (d.text or "").strip() for d in data if d.get("Name")}
        values = [(d.text or "").strip() for d in data]
        program = named.get("AppName") or named.get("ApplicationName") or ""
        if not program and event_id in ("1000", "1002") and values:
            program = values[0]
        if not re.search(r"\.exe$", program, re.IGNORECASE):
            program = next((v for v in values if re.fullmatch(r"[^\\/:]+\.exe", v, re.IGNORECASE)), program if program.lower().endswith(".exe") else "")
        events.append(
            {
                "log": (system["Channel"].text or "").strip() if "Channel" in system else "",
                "source": (provider.get("Name") or "") if provider is not None else "",
                "time": (created.get("SystemTime") or "") if created is not None else "",
                "event_id": int(event_id) if event_id.isdigit() else None,
                "program": program,
                "summary": " | ".join(v for v in values[:4] if v)[:200],
            }
        )
    return events


# ------------------------------------------------------------------ BitLocker


def parse_manage_bde_status(text: str) -> dict[str, Any]:
    """``manage-bde -status`` -> {"volumes": [{"drive", "percent", "protection_on", ...}], "access_denied"}.

    Per volume, values come in a fixed order: size, BitLocker version, conversion
    status, percentage encrypted, encryption method, protection status, lock
    status. Percentages use ',' as decimal mark in French."""
    denied = bool(re.search(r"(0x80070005|access.*denied|accès.*refusé|refusée|Zugriff verweigert|administrat)", text, re.IGNORECASE))
    volumes: list[dict[str, Any]] = []
    current: dict[str, Any] | None = None
    for line in text.splitlines():
        m = re.match(r'^(?:\w+\s+)?"?([A-Z]):"?\s*(\[.*\])?\s*$', line.strip())
        if m and line.strip():
            current = {"drive": f"{m.group(1)}:", "label": (m.group(2) or "").strip("[]"), "values": []}
            volumes.append(current)
            continue
        if current is not None and line.strip():
            # the volume's fields are the first indented "label: value" lines; key protectors
            # below them are indented further and not read
            indent = len(line) - len(line.lstrip())
            label_value = re.split(r":\s+", line.strip(), maxsplit=1)
            if len(label_value) == 2 and current.get("indent") in (None, indent):
                current["indent"] = indent
                current["values"].append(label_value[1].strip())
    out = []
    for vol in volumes:
        values = vol.pop("values")
        vol.pop("indent", None)
        percent = None
        if len(values) > 3:
            pm = re.search(r"(\d+(?:[.,]\d+)?)\s*%", values[3])
            percent = float(pm.group(1).replace(",", ".")) if pm else None
        protection = on_off(values[5]) if len(values) > 5 else None
        out.append({**vol, "percent_encrypted": percent, "protection_on": protection, "conversion": values[2] if len(values) > 2 else ""})
    return {"volumes": out, "access_denied": denied and not out}


# BitLocker status as the Shell reports it without admin rights
# (System.Volume.BitLockerProtection): 1 on, 2 off, 3 encrypting, 4 decrypting,
# 5 suspended, 6 on (locked), 0/None not encryptable.
SHELL_BITLOCKER = {1: "on", 2: "off", 3: "encrypting", 4: "decrypting", 5: "suspended", 6: "on"}


# ------------------------------------------------------------------ battery


def parse_battery_report_xml(text: str) -> list[dict[str, Any]]:
    """``powercfg /batteryreport /xml`` -> [{"design_capacity", "full_capacity", "cycle_count", ...}] (mWh)."""
    try:
        root = ET.fromstring(text.lstrip("\ufeff"))
    except ET.ParseError:
        return []
    batteries = []
    for node in root.iter():
        if node.tag.rsplit("}", 1)[-1] != "Battery":
            continue
        fields = {child.tag.rsplit("}", 1)[-1]: (child.text or "").strip() for child in node}

        def num(key: str, fields: dict[str, str] = fields) -> int | None:
            try:
                return int(fields.get(key, ""))
            except ValueError:
                return None

        batteries.append(
            {
                "name": fields.get("Id", ""),
                "manufacturer": fields.get("Manufacturer", ""),
                "chemistry": fields.get("Chemistry", ""),
                "design_capacity": num("DesignCapacity"),
                "full_capacity": num("FullChargeCapacity"),
                "cycle_count": num("CycleCount") or None,
            }
        )
    return batteries


# ------------------------------------------------------------------ antivirus


def decode_product_state(state: int) -> dict[str, bool]:
    """Security Center productState: 0x1000 = real-time protection on; 0x10 = signatures out of date."""
    return {"enabled": bool(state & 0x1000), "up_to_date": not bool(state & 0x10)}


def _json_list(text: str) -> list[dict[str, Any]]:
    """PowerShell's ConvertTo-Json: one object, a list, or nothing."""
    text = text.strip().lstrip("\ufeff")
    if not text:
        return []
    try:
        data = json.loads(text)
    except ValueError:
        return []
    return [d for d in (data if isinstance(data, list) else [data]) if isinstance(d, dict)]


def parse_antivirus_json(text: str) -> list[dict[str, Any]]:
    """``Get-CimInstance -Namespace root/SecurityCenter2 AntiVirusProduct | ConvertTo-Json``."""
    products = []
    for item in _json_list(text):
        try:
            state = int(item.get("productState") or "")
        except (TypeError, ValueError):
            continue
        products.append({"name": str(item.get("displayName", "")), "state": state, **decode_product_state(state)})
    return products


# ------------------------------------------------------------------ updates


def _ps_date(value: Any) -> str | None:
    """PowerShell 5 JSON dates: '/Date(1710236487000)/' or {"value": ..., "DateTime": ...}."""
    if isinstance(value, dict):
        value = value.get("value") or value.get("DateTime")
    if not isinstance(value, str):
        return None
    m = re.search(r"/Date\((-?\d+)", value)
    if m:
        return datetime.fromtimestamp(int(m.group(1)) / 1000, UTC).date().isoformat()
    m2 = re.search(r"(\d{4}-\d{2}-\d{2})", value)
    return m2.group(1) if m2 else None


def parse_hotfix_json(text: str) -> dict[str, Any]:
    """``Get-CimInstance Win32_QuickFixEngineering | Select HotFixID,InstalledOn | ConvertTo-Json``
    -> {"count", "last_installed": ISO date or None}."""
    dates = []
    items = _json_list(text)
    for item in items:
        d = _ps_date(item.get("InstalledOn"))
        if d:
            dates.append(d)
    return {"count": len(items), "last_installed": max(dates) if dates else None}


# ------------------------------------------------------------------ registry (Windows only)


def read_registry_values(path: str, names: list[str]) -> dict[str, Any]:  # pragma: no cover - Windows only
    """Values under HKLM\\<path>; missing ones are left out."""
    import winreg  # type: ignore[import-not-found,unused-ignore]

    out: dict[str, Any] = {}
    try:
        with winreg.OpenKey(winreg.HKEY_LOCAL_MACHINE, path) as key:  # type: ignore[attr-defined,unused-ignore]
            for name in names:
                try:
                    out[name] = winreg.QueryValueEx(key, name)[0]  # type: ignore[attr-defined,unused-ignore]
                except OSError:
                    continue
    except OSError:
        pass
    return out


def read_registry_all_values(path: str, limit: int = 5000) -> dict[str, Any]:  # pragma: no cover - Windows only
    """Every value under HKLM\\<path> (at most ``limit``): {name: data}; {} when the key does not exist."""
    import winreg  # type: ignore[import-not-found,unused-ignore]

    out: dict[str, Any] = {}
    try:
        with winreg.OpenKey(winreg.HKEY_LOCAL_MACHINE, path) as key:  # type: ignore[attr-defined,unused-ignore]
            for index in range(limit):
                try:
                    name, data, _kind = winreg.EnumValue(key, index)  # type: ignore[attr-defined,unused-ignore]
                except OSError:
                    break
                out[name] = data
    except OSError:
        pass
    return out


def registry_key_exists(path: str) -> bool:  # pragma: no cover - Windows only
    import winreg  # type: ignore[import-not-found,unused-ignore]

    try:
        with winreg.OpenKey(winreg.HKEY_LOCAL_MACHINE, path):  # type: ignore[attr-defined,unused-ignore]
            return True
    except OSError:
        return False


#: Windows 11's first build: Windows 11 still says "10" in places (the registry's ProductName, Python before 3.12's
#: platform.release()); its build number does not
WINDOWS_11_FIRST_BUILD = 22000


def volume_label(root: str, kernel32: Any = None) -> str | None:
    """A drive's label, the name File Explorer shows it by ("Backup" in "Backup (E:)"), from the Win32 API
    GetVolumeInformationW: the name the person gave the drive, whatever the system's language, with no text to parse.
    None when there is none or Windows does not say. ``kernel32`` is the API (tests pass a fake one)."""
    import ctypes

    if kernel32 is None:  # pragma: no cover - Windows only
        kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)  # type: ignore[attr-defined]
    root = str(root or "")
    if not root:
        return None
    buffer = ctypes.create_unicode_buffer(261)  # MAX_PATH + 1: the documented size of the name buffer
    try:
        ok = kernel32.GetVolumeInformationW(ctypes.c_wchar_p(root if root.endswith("\\") else root + "\\"), buffer, len(buffer), None, None, None, None, 0)
    except (OSError, AttributeError, TypeError, ctypes.ArgumentError):
        return None
    # another program's data: only printable characters, bounded (NTFS allows 32 characters, FAT 11)
    label = "".join(c for c in buffer.value if c.isprintable()).strip()[:64]
    return label if ok and label else None


def recycle_bin_bytes(shell32: Any = None, root: str | None = None) -> int | None:
    """What the Recycle Bin holds on every drive, in bytes, from the shell's own SHQueryRecycleBinW (the number the
    Recycle Bin's properties show, in no language); with ``root`` ("C:\\"), only what it holds on that drive (the same
    call, given the drive); None when Windows does not say. ``shell32`` is the API (tests pass a fake one). Read by
    hardware.disk (whether to offer emptying it, and the room it makes on a full drive) and by the repair that empties it."""
    import ctypes

    class SHQUERYRBINFO(ctypes.Structure):
        _fields_ = [("cbSize", ctypes.c_uint32), ("i64Size", ctypes.c_int64), ("i64NumItems", ctypes.c_int64)]

    info = SHQUERYRBINFO(ctypes.sizeof(SHQUERYRBINFO), 0, 0)
    try:
        if shell32 is None:  # pragma: no cover - Windows only
            shell32 = ctypes.windll.shell32  # type: ignore[attr-defined]
        if shell32.SHQueryRecycleBinW(root or None, ctypes.byref(info)) != 0:  # S_OK
            return None
    except (OSError, AttributeError, TypeError, ctypes.ArgumentError):
        return None
    return max(0, int(info.i64Size))


def is_windows_11(build: int | str) -> bool:
    """Whether a Windows build number ("22631", 22631) is Windows 11's: the one place that rule is written."""
    return str(build).isdigit() and int(build) >= WINDOWS_11_FIRST_BUILD


def windows_build(version: str) -> int | None:
    """Windows' build number from a version string as ``platform.version()`` gives it ('10.0.22631' -> 22631; with the update
    revision, '10.0.22631.3155', the same), or None when it is not one (Linux's and macOS's ``platform.version()``, a tampered
    bundle's). The one parser of that string: a bundle's system.json (bundle.inventory.os_name) reads it here; a scan asks
    :func:`this_windows_build`, a structured API, rather than parse text."""
    found = re.fullmatch(r"\d+\.\d+\.(\d+)(?:\.\d+)?", str(version or "").strip())
    return int(found.group(1)) if found else None


def this_windows_build() -> int | None:
    """This Windows' build number (22631) from ``sys.getwindowsversion()``, a structured API; None off Windows.

    Not ``platform.version()``: on Python 3.11 it runs ``cmd /c ver`` and parses its console text, outside ``ctx.run``'s deadline."""
    if sys.platform != "win32":
        return None
    return int(sys.getwindowsversion().build)


def windows_version_facts(values: dict[str, Any]) -> dict[str, Any]:
    """HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion values -> OS facts.

    ProductName still says "Windows 10" on Windows 11: the build decides (:func:`is_windows_11`)."""
    try:
        build = int(values.get("CurrentBuild") or values.get("CurrentBuildNumber") or 0)
    except ValueError:
        build = 0
    product = str(values.get("ProductName") or "Windows")
    if is_windows_11(build):
        product = product.replace("Windows 10", "Windows 11")
    display = str(values.get("DisplayVersion") or values.get("ReleaseId") or "")
    return {
        "system": "windows",
        "pretty_name": f"{product} {display}".strip(),
        "product_name": product,
        "display_version": display,
        "build": build,
        "ubr": values.get("UBR"),
        "edition_id": str(values.get("EditionID") or ""),
    }


# MSFT_PhysicalDisk.HealthStatus (Storage module): numbers in raw CIM output, words once formatted.
_DISK_HEALTH = {0: "healthy", 1: "warning", 2: "unhealthy", 5: "unknown"}


def parse_physical_disks_json(text: str) -> list[dict[str, Any]]:
    """``Get-PhysicalDisk | Select-Object FriendlyName,MediaType,HealthStatus,OperationalStatus | ConvertTo-Json``
    -> [{"model", "health": healthy|warning|unhealthy|unknown, "passed": bool|None}] (no admin rights needed)."""
    disks = []
    for item in _json_list(text):
        raw = item.get("HealthStatus")
        health = _DISK_HEALTH.get(raw, "unknown") if isinstance(raw, int) else str(raw or "unknown").strip().lower()
        disks.append(
            {
                "device": str(item.get("FriendlyName", "")),
                "model": str(item.get("FriendlyName", "")),
                "media": str(item.get("MediaType", "")),
                "health": health,
                "passed": True if health == "healthy" else False if health == "unhealthy" else None,
                "bad_sectors": 1 if health == "warning" else 0,
            }
        )
    return disks


# ------------------------------------------------------------------ network (one PowerShell call per scan)

#: Adapters, default routes, interface metrics and DNS servers in one PowerShell start, as JSON.
#: Property names and the numeric NdisPhysicalMedium/AddressFamily values are the same in every
#: display language; the JSON is made pure ASCII (\\uXXXX) so no console code page can garble a
#: localised adapter name ("Беспроводная сеть").
NETWORK_SNAPSHOT_PS = (
    "$ErrorActionPreference='SilentlyContinue';"
    "$a=@(Get-NetAdapter|Select-Object Name,InterfaceIndex,InterfaceDescription,Status,NdisPhysicalMedium,Virtual,HardwareInterface);"
    "$r=@(Get-NetRoute -DestinationPrefix '0.0.0.0/0','::/0'|Select-Object DestinationPrefix,NextHop,InterfaceIndex,InterfaceAlias,RouteMetric);"
    "$m=@(Get-NetIPInterface|Select-Object InterfaceIndex,AddressFamily,InterfaceMetric);"
    "$d=@(Get-DnsClientServerAddress|Select-Object InterfaceAlias,InterfaceIndex,AddressFamily,ServerAddresses);"
    "$j=[pscustomobject]@{adapters=$a;routes=$r;metrics=$m;dns=$d}|ConvertTo-Json -Depth 4 -Compress;"
    "[regex]::Replace($j,'[^\\x00-\\x7F]',{param($c) '\\u{0:x4}' -f [int][char]$c.Value})"
)

#: NDIS_PHYSICAL_MEDIUM values of wireless LAN adapters (NdisPhysicalMediumWirelessLan, Native802_11).
WIRELESS_MEDIA = (1, 9)


def _items(value: Any) -> list[dict[str, Any]]:
    """PowerShell gives one object or a list (or null) for the same property."""
    items = value if isinstance(value, list) else [value] if value else []
    return [i for i in items if isinstance(i, dict)]


def _number(value: Any, default: int = 0) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


def parse_network_snapshot(text: str) -> dict[str, Any] | None:
    """The JSON of :data:`NETWORK_SNAPSHOT_PS` -> {"adapters", "routes", "dns_servers"}; None if unreadable.

    Routes are the default routes with a next hop, best first (route metric + interface metric,
    as Windows chooses). DNS servers are those of the adapters that are up, the adapter of the
    best route first, without Windows' placeholders (fec0:0:0:ffff::1-3)."""
    from selfcheck import netparse

    text = text.strip().lstrip("\ufeff")
    try:
        data = json.loads(text) if text else None
    except ValueError:
        return None
    if not isinstance(data, dict):
        return None
    adapters = []
    up: set[int] = set()
    for item in _items(data.get("adapters")):
        index = _number(item.get("InterfaceIndex"), -1)
        is_up = str(item.get("Status", "")).lower() == "up"
        if is_up:
            up.add(index)
        adapters.append(
            {
                "name": str(item.get("Name") or ""),
                "index": index,
                "description": str(item.get("InterfaceDescription") or ""),
                "up": is_up,
                "wireless": _number(item.get("NdisPhysicalMedium"), -1) in WIRELESS_MEDIA,
                "virtual": bool(item.get("Virtual")) or item.get("HardwareInterface") is False,
            }
        )
    metrics = {(_number(m.get("InterfaceIndex"), -1), _number(m.get("AddressFamily"))): _number(m.get("InterfaceMetric")) for m in _items(data.get("metrics"))}
    routes: list[dict[str, Any]] = []
    for item in _items(data.get("routes")):
        hop = str(item.get("NextHop") or "")
        if not netparse.is_ip(hop) or hop in ("0.0.0.0", "::"):
            continue
        index = _number(item.get("InterfaceIndex"), -1)
        family = 23 if ":" in hop else 2
        metric = _number(item.get("RouteMetric")) + metrics.get((index, family), 0)
        routes.append({"gateway": hop, "interface": str(item.get("InterfaceAlias") or ""), "metric": str(metric), "index": index})
    routes.sort(key=lambda r: (int(r["metric"]), ":" in r["gateway"]))
    best: list[int] = [r["index"] for r in routes]
    dns_items = [d for d in _items(data.get("dns")) if not up or _number(d.get("InterfaceIndex"), -1) in up]
    dns_items.sort(key=lambda d: best.index(_number(d.get("InterfaceIndex"), -1)) if _number(d.get("InterfaceIndex"), -1) in best else len(best))
    servers: list[str] = []
    for item in dns_items:
        addresses = item.get("ServerAddresses") or []
        servers.extend(str(a) for a in (addresses if isinstance(addresses, list) else [addresses]) if netparse.is_ip(str(a)))
    return {"adapters": adapters, "routes": routes, "dns_servers": netparse.real_dns_servers(servers)}


_NETWORK_SNAPSHOT: OncePerScan[dict[str, Any] | None] = OncePerScan()


def network_snapshot(run: Callable[..., Any], scan: object | None = None, timeout: float = 6.0) -> dict[str, Any] | None:
    """The network snapshot of this scan: PowerShell is started once per scan, whichever check asks first.

    ``run`` is ``Context.run``; ``scan`` is an object shared by the checks of one scan (the
    facts mapping every check's Context holds); the others wait for the first and reuse its
    answer, a failure included (they then read the console tools instead)."""

    def read() -> dict[str, Any] | None:
        out = run(["powershell", "-NoProfile", "-NonInteractive", "-ExecutionPolicy", "Bypass", "-Command", NETWORK_SNAPSHOT_PS], timeout)
        return parse_network_snapshot(out.stdout or "") if out.ok else None

    return _NETWORK_SNAPSHOT.get(scan, read)


def scan_of(run_or_ctx: Any) -> object | None:
    """The object shared by every check of one scan (see :func:`network_snapshot`)."""
    ctx = getattr(run_or_ctx, "__self__", run_or_ctx)
    return getattr(ctx, "_facts", None)


# ------------------------------------------------------------------ ICMP echo without administrator rights


def icmp_echo(ip: str, count: int = 3, timeout_ms: int = 1000) -> dict[str, Any] | None:
    """Echo requests through the IP Helper API (IcmpSendEcho): no administrator rights, no console
    text to read in the user's language. IPv4 only; None off Windows or when the API fails."""
    if sys.platform != "win32":
        return None
    import ctypes
    import socket

    class IpOptionInformation(ctypes.Structure):
        _fields_ = [
            ("Ttl", ctypes.c_ubyte),
            ("Tos", ctypes.c_ubyte),
            ("Flags", ctypes.c_ubyte),
            ("OptionsSize", ctypes.c_ubyte),
            ("OptionsData", ctypes.c_void_p),
        ]

    class IcmpEchoReply(ctypes.Structure):
        _fields_ = [
            ("Address", ctypes.c_ulong),
            ("Status", ctypes.c_ulong),
            ("RoundTripTime", ctypes.c_ulong),
            ("DataSize", ctypes.c_ushort),
            ("Reserved", ctypes.c_ushort),
            ("Data", ctypes.c_void_p),
            ("Options", IpOptionInformation),
        ]

    try:
        address = int.from_bytes(socket.inet_aton(ip), "little")  # IPAddr: network byte order in memory
        iphlpapi = ctypes.WinDLL("iphlpapi.dll")
        iphlpapi.IcmpCreateFile.restype = ctypes.c_void_p
        iphlpapi.IcmpSendEcho.argtypes = [
            ctypes.c_void_p,
            ctypes.c_ulong,
            ctypes.c_void_p,
            ctypes.c_ushort,
            ctypes.c_void_p,
            ctypes.c_void_p,
            ctypes.c_ulong,
            ctypes.c_ulong,
        ]
        iphlpapi.IcmpCloseHandle.argtypes = [ctypes.c_void_p]
        handle = iphlpapi.IcmpCreateFile()
        if not handle or handle == ctypes.c_void_p(-1).value:
            return None
    except (OSError, AttributeError, ValueError):
        return None
    payload = ctypes.create_string_buffer(b"selfcheck", 9)
    reply = ctypes.create_string_buffer(ctypes.sizeof(IcmpEchoReply) + len(payload) + 8 + 64)
    rtts: list[float] = []
    try:
        for _ in range(count):
            if iphlpapi.IcmpSendEcho(handle, address, payload, len(payload), None, reply, len(reply), timeout_ms):
                echo = IcmpEchoReply.from_buffer_copy(reply.raw[: ctypes.sizeof(IcmpEchoReply)])
                if echo.Status == 0:  # IP_SUCCESS
                    rtts.append(float(echo.RoundTripTime))
    finally:
        iphlpapi.IcmpCloseHandle(handle)
    return {"method": "icmp", "api": "IcmpSendEcho", "sent": count, "received": len(rtts), "rtts_ms": rtts}
