"""Bluetooth as facts (Linux: BlueZ over the system D-Bus, and rfkill in sysfs).

BlueZ is asked once, with ``busctl --json`` (systemd's D-Bus client) calling
ObjectManager.GetManagedObjects: adapters, paired devices, connections and
batteries in one structured answer, with a timeout, and no D-Bus library in
the installers. (``bluetoothctl`` is never used: it waits forever when no
adapter is there.)
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from selfcheck.api import CommandOutput

Run = Callable[..., CommandOutput]


def rfkill(root: str = "/sys/class/rfkill") -> list[dict[str, Any]]:
    """Bluetooth radios and whether they are switched off in software (airplane mode) or by a switch."""
    radios = []
    for entry in sorted(Path(root).glob("rfkill*")):
        try:
            if (entry / "type").read_text().strip() != "bluetooth":
                continue
            radios.append({"soft_blocked": (entry / "soft").read_text().strip() == "1", "hard_blocked": (entry / "hard").read_text().strip() == "1"})
        except OSError:
            continue
    return radios


def _value(prop: Any) -> Any:
    return prop.get("data") if isinstance(prop, dict) else prop


def parse_objects(data: Any) -> dict[str, Any]:
    """Adapters and devices from GetManagedObjects as busctl --json prints it."""
    objects = {}
    if isinstance(data, dict) and isinstance(data.get("data"), list) and data["data"]:
        objects = data["data"][0] if isinstance(data["data"][0], dict) else {}
    adapters, devices = [], []
    for path, interfaces in sorted(objects.items()):
        if not isinstance(interfaces, dict):
            continue
        adapter = interfaces.get("org.bluez.Adapter1")
        if isinstance(adapter, dict):
            adapters.append(
                {
                    "path": path,
                    "powered": bool(_value(adapter.get("Powered"))),
                    "name": str(_value(adapter.get("Alias")) or _value(adapter.get("Name")) or "")[:60],
                }
            )
        device = interfaces.get("org.bluez.Device1")
        if isinstance(device, dict) and _value(device.get("Paired")):
            battery = interfaces.get("org.bluez.Battery1")
            devices.append(
                {
                    "name": str(_value(device.get("Alias")) or _value(device.get("Name")) or "")[:60],
                    "kind": str(_value(device.get("Icon")) or "")[:30],
                    "connected": bool(_value(device.get("Connected"))),
                    "battery_percent": _value(battery.get("Percentage")) if isinstance(battery, dict) else None,
                    "adapter": str(_value(device.get("Adapter")) or "")[:40],
                }
            )
    return {"adapters": adapters, "devices": devices}


def collect_bluez(run: Run, timeout: float = 2.0) -> dict[str, Any]:
    facts: dict[str, Any] = {"source": "bluez", "radios": rfkill()}
    out = run(
        ["busctl", "--system", "--json=short", f"--timeout={timeout}", "call", "org.bluez", "/", "org.freedesktop.DBus.ObjectManager", "GetManagedObjects"],
        timeout=timeout + 1,
    )
    if out.missing:
        facts["service"] = "tool_missing"
        return facts
    if out.timed_out:
        facts["service"] = "no_answer"
        return facts
    if out.returncode != 0:
        facts["service"] = "not_running"
        facts["error"] = (out.stderr or "").strip()[:160]
        return facts
    try:
        facts.update(parse_objects(json.loads(out.stdout)))
    except ValueError:
        facts["service"] = "bad_output"
        return facts
    facts["service"] = "running"
    return facts


def power_on(adapter_path: str, timeout: float = 5.0) -> bool:
    import subprocess

    if not adapter_path.startswith("/org/bluez/"):
        return False
    try:
        proc = subprocess.run(
            ["busctl", "--system", f"--timeout={timeout}", "set-property", "org.bluez", adapter_path, "org.bluez.Adapter1", "Powered", "b", "true"],
            capture_output=True,
            timeout=timeout + 1,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return False
    return proc.returncode == 0
