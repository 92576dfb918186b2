"""Sound devices, cameras and Bluetooth adapters on Windows, from the Plug and Play devices in WMI.

One PowerShell call per scan (:data:`WINDOWS_SCRIPT`, shared by the sound, camera and
Bluetooth checks) returns, as JSON: the Windows Audio and Bluetooth Support services'
states, ``Win32_SoundDevice`` and the ``Win32_PnPEntity`` objects of the Bluetooth, Image
and Camera setup classes. Everything judged is language-independent: the class GUIDs,
``ConfigManagerErrorCode`` (0 = working, 22 = disabled in Device Manager, any other = a
driver or hardware problem), the driver service name and the ``PNPDeviceID`` prefix; only
the devices' names are in the computer's language, and they are only shown.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from selfcheck.platforms.perscan import OncePerScan, parsed_json

#: Windows device setup classes (the GUIDs are fixed by Microsoft; the class names shown are localised)
BLUETOOTH_CLASS = "{e0cbf06c-cd8b-4647-bb8a-263b43f0f974}"
IMAGE_CLASS = "{6bdd1fc6-810f-11d0-bec7-08002be2092f}"  # webcams up to Windows 8, and scanners
CAMERA_CLASS = "{ca3e7ab9-b4c3-4ae6-8251-579ef933890f}"  # webcams from Windows 10
#: ConfigManagerErrorCode of a device turned off in Device Manager (CM_PROB_DISABLED)
DISABLED = 22

#: WQL compares strings without regard to case; the filter makes WMI skip every other device
_CLASS_FILTER = " OR ".join(f"ClassGuid='{guid}'" for guid in (BLUETOOTH_CLASS, IMAGE_CLASS, CAMERA_CLASS))
WINDOWS_SCRIPT = r"""
$ErrorActionPreference = 'SilentlyContinue'
$devices = @(Get-CimInstance Win32_PnPEntity -Filter "FILTER" | Select-Object Name, ClassGuid, ConfigManagerErrorCode, Status, Service, PNPDeviceID)
$sound = @(Get-CimInstance Win32_SoundDevice | Select-Object Name, ConfigManagerErrorCode, Status, PNPDeviceID)
[pscustomobject]@{ audio = [string](Get-Service -Name Audiosrv).Status; bluetooth = [string](Get-Service -Name bthserv).Status; devices = $devices; sound = $sound } | ConvertTo-Json -Depth 3 -Compress
""".replace("FILTER", _CLASS_FILTER)


def _items(value: Any) -> list[dict[str, Any]]:
    """ConvertTo-Json prints one object, a list, or null for the same property."""
    items = value if isinstance(value, list) else [value] if value else []
    return [i for i in items if isinstance(i, dict)]


def _code(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _state(item: dict[str, Any]) -> str:
    """working, disabled (turned off in Device Manager) or problem (a driver or hardware error)."""
    code = _code(item.get("ConfigManagerErrorCode"))
    if code == 0:
        return "working"
    if code == DISABLED:
        return "disabled"
    return "problem" if code is not None else "unknown"


def faulty(device: dict[str, Any]) -> bool:
    """Turned off in Device Manager or reported failing; a state WMI did not give ("unknown") is no fault."""
    return device.get("state") in ("disabled", "problem")


def _device(item: dict[str, Any]) -> dict[str, Any]:
    return {"name": str(item.get("Name") or "")[:80], "state": _state(item), "code": _code(item.get("ConfigManagerErrorCode"))}


def _service(status: Any) -> str:
    """Get-Service's status name (Running, Stopped ...: the same words in every language)."""
    text = str(status or "").strip().lower()
    return "running" if text == "running" else "not_running" if text else "missing"


def _is_camera(item: dict[str, Any]) -> bool:
    guid = str(item.get("ClassGuid") or "").lower()
    if guid == CAMERA_CLASS:
        return True
    # the Image class also holds scanners: a webcam there runs the USB video class driver
    return guid == IMAGE_CLASS and str(item.get("Service") or "").lower() == "usbvideo"


def _is_bluetooth_adapter(item: dict[str, Any]) -> bool:
    """The radio itself (USB\\, PCI\\, ACPI\\ ...), not what Windows enumerates over it
    (BTH\\ enumerators, BTHENUM\\ services and paired devices, BTHLE\\ ...)."""
    return str(item.get("ClassGuid") or "").lower() == BLUETOOTH_CLASS and not str(item.get("PNPDeviceID") or "").upper().startswith("BTH")


def parse_windows(data: Any) -> dict[str, Any]:
    """The JSON of :data:`WINDOWS_SCRIPT` -> the facts of the sound, camera and Bluetooth checks,
    in the shapes their Linux collectors give (so one evaluation judges both)."""
    data = data if isinstance(data, dict) else {}
    devices = _items(data.get("devices"))
    sound = [{**_device(s), "bluetooth": str(s.get("PNPDeviceID") or "").upper().startswith("BTHENUM")} for s in _items(data.get("sound"))]
    audio = _service(data.get("audio"))
    bluetooth = _service(data.get("bluetooth"))
    return {
        "sound": {"source": "windows", "server": audio, "sound_cards": len(sound), "devices": sound},
        "cameras": [{**_device(c), "allowed": True, "used_by": []} for c in devices if _is_camera(c)],
        "bluetooth": {
            "source": "windows",
            "service": bluetooth,
            "radios": [],
            "adapters": [{**_device(a), "powered": not faulty(_device(a))} for a in devices if _is_bluetooth_adapter(a)],
            "devices": [],
        },
    }


_ONCE: OncePerScan[dict[str, Any] | None] = OncePerScan()


def windows_devices(run: Callable[..., Any], scan: object | None, timeout: float = 8.0) -> dict[str, Any] | None:
    """The parsed :data:`WINDOWS_SCRIPT` of this scan: PowerShell starts once, for whichever device
    check asks first; the others reuse its answer (a failure included: None)."""
    command = ["powershell", "-NoProfile", "-NonInteractive", "-ExecutionPolicy", "Bypass", "-Command", WINDOWS_SCRIPT]
    return _ONCE.get(scan, lambda: parsed_json(run(command, timeout=timeout), parse_windows))
