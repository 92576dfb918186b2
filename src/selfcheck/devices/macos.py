"""Sound devices, microphones, cameras and Bluetooth on macOS, from ``system_profiler -json``.

One call per scan (:data:`MACOS_COMMAND`, shared by the sound, microphone, camera and Bluetooth
checks) prints the three data types as JSON. What is judged is language-independent: the keys
(``coreaudio_default_audio_output_device``, ``coreaudio_device_output``, ...) and the token values
(``spaudio_yes``, ``attrib_On``); only the devices' names are in the Mac's language, and they are
only shown.

Proven on recorded reports of real Macs (tests/fixtures/macos/SOURCES): macOS 10.15, whose Bluetooth
report has the pre-macOS 12 layout (``local_device_title``), and Mac OS X 10.7, whose sound report has
an older layout that is not read. The Bluetooth layout of macOS 12 and later (``controller_properties``,
``device_connected``) has no recorded report we could cite yet, so it is not read either: a layout this
code does not know gives no facts (sound, microphone) or ``layout: unknown`` (Bluetooth), and the
checks fall back or skip rather than guess.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from selfcheck.platforms.perscan import OncePerScan, parsed_json

MACOS_COMMAND = ["/usr/sbin/system_profiler", "-json", "SPAudioDataType", "SPBluetoothDataType", "SPCameraDataType"]

#: an output or input source that is not a name of its own
_DEFAULT_SOURCE = "spaudio_default"


def _list(value: Any) -> list[dict[str, Any]]:
    return [i for i in value if isinstance(i, dict)] if isinstance(value, list) else []


def _count(value: Any) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0


def _yes(value: Any) -> bool:
    return str(value or "").lower() == "spaudio_yes"


def _audio_devices(report: dict[str, Any]) -> list[dict[str, Any]] | None:
    """The devices under SPAudioDataType's ``coreaudio_device`` group; None when the type is missing
    or in another layout (Mac OS X 10.7 listed the Intel HDA codec's jacks, ``hda_device_*``, with no
    ``coreaudio_*`` keys: read as devices, that report would say “no speakers”)."""
    groups = [g for g in _list(report.get("SPAudioDataType")) if g.get("_name") == "coreaudio_device"]
    if not groups:
        return None
    return [item for group in groups for item in _list(group.get("_items"))]


def _described(item: dict[str, Any], source_key: str) -> dict[str, Any]:
    """A device as the sound checks name it: a built-in output that switched to its headphone jack is
    “Built-in Output” with source “Headphones”, and the person knows it by its source."""
    name = str(item.get("_name") or "")[:80]
    source = str(item.get(source_key) or "")
    builtin = str(item.get("coreaudio_device_transport") or "") == "coreaudio_device_type_builtin"
    description = source[:80] if builtin and source and source != _DEFAULT_SOURCE else name
    return {"name": name, "description": description, "transport": str(item.get("coreaudio_device_transport") or "").removeprefix("coreaudio_device_type_")}


def _sound(devices: list[dict[str, Any]] | None) -> dict[str, Any] | None:
    if devices is None:
        return None
    outputs = [d for d in devices if _count(d.get("coreaudio_device_output")) > 0 or _yes(d.get("coreaudio_default_audio_output_device"))]
    default = next((d for d in outputs if _yes(d.get("coreaudio_default_audio_output_device"))), None)
    return {
        "source": "macos",
        "server": "running",
        "outputs": [_described(d, "coreaudio_output_source") for d in outputs],
        "default_output": str(default.get("_name") or "") if default else None,
    }


def _microphone(devices: list[dict[str, Any]] | None) -> dict[str, Any] | None:
    """In the shape of the pulse protocol's sources, so the Linux evaluation judges them (mute,
    volume and level are not in the report: absent, not guessed)."""
    if devices is None:
        return None
    inputs = [d for d in devices if _count(d.get("coreaudio_device_input")) > 0 or _yes(d.get("coreaudio_default_audio_input_device"))]
    default = next((d for d in inputs if _yes(d.get("coreaudio_default_audio_input_device"))), None)
    return {
        "source": "macos",
        "server": "running",
        "sources": [{**_described(d, "coreaudio_input_source"), "monitor": False} for d in inputs],
        "default_source": str(default.get("_name") or "") if default else None,
    }


def _cameras(report: dict[str, Any]) -> list[dict[str, Any]] | None:
    items = report.get("SPCameraDataType")
    if not isinstance(items, list):
        return None
    return [{"name": str(c.get("_name") or "")[:80], "state": "working", "allowed": True, "used_by": []} for c in _list(items) if c.get("_name")]


def _bluetooth(report: dict[str, Any]) -> dict[str, Any] | None:
    entries = report.get("SPBluetoothDataType")
    if not isinstance(entries, list):
        return None
    facts: dict[str, Any] = {"source": "macos", "service": "running", "radios": [], "adapters": [], "devices": [], "layout": "unknown"}
    for entry in _list(entries):
        local = entry.get("local_device_title")
        if isinstance(local, dict) and "general_power" in local:  # macOS 11 and earlier
            facts["layout"] = "local_device_title"
            power = str(local.get("general_power") or "").lower()
            facts["adapters"].append({"name": str(local.get("general_name") or "")[:80], "powered": power == "attrib_on", "power": power})
    return facts


def parse_macos(report: Any) -> dict[str, Any]:
    """The JSON of :data:`MACOS_COMMAND` -> the facts of the sound, microphone, camera and Bluetooth
    checks, in the shapes their Linux and Windows collectors give; None for a data type the report lacks."""
    report = report if isinstance(report, dict) else {}
    devices = _audio_devices(report)
    return {"sound": _sound(devices), "microphone": _microphone(devices), "cameras": _cameras(report), "bluetooth": _bluetooth(report)}


_ONCE: OncePerScan[dict[str, Any] | None] = OncePerScan()


def macos_devices(run: Callable[..., Any], scan: object | None, timeout: float = 8.0) -> dict[str, Any] | None:
    """The parsed :data:`MACOS_COMMAND` of this scan: system_profiler runs once, for whichever device
    check asks first; the others reuse its answer (a failure included: None)."""
    return _ONCE.get(scan, lambda: parsed_json(run(MACOS_COMMAND, timeout=timeout), parse_macos))
