"""What tells this computer from another: the operating system's own machine id, kept only as a hash.

The history stamps every scan with :func:`machine_key` so that a history copied from another computer
(a restored backup, a copied home folder) is not compared with this one. The raw id never leaves this
module: the key is a salted hash, not the id, and no bundle carries either.
"""

from __future__ import annotations

import functools
import hashlib
import re
import subprocess
import sys
from pathlib import Path

#: Linux (systemd, and D-Bus's older copy where systemd is absent)
LINUX_FILES = (Path("/etc/machine-id"), Path("/var/lib/dbus/machine-id"))


def _raw_id() -> str | None:
    """The OS's machine id: /etc/machine-id, IOPlatformUUID (macOS), MachineGuid (Windows); None if unreadable."""
    try:
        if sys.platform.startswith("linux"):
            for path in LINUX_FILES:
                try:
                    found = path.read_text(encoding="ascii", errors="replace").strip()
                except OSError:
                    continue
                if found and found.strip("0"):  # an empty or all-zero id (a fresh image) tells nothing apart
                    return found
            return None
        if sys.platform == "darwin":  # pragma: no cover - macOS only
            out = subprocess.run(["ioreg", "-rd1", "-c", "IOPlatformExpertDevice"], capture_output=True, text=True, timeout=3, check=False)
            match = re.search(r'"IOPlatformUUID"\s*=\s*"([^"]+)"', out.stdout)
            return match.group(1) if match else None
        if sys.platform == "win32":  # pragma: no cover - Windows only
            from selfcheck.platforms.windows import read_registry_values

            value = read_registry_values(r"SOFTWARE\Microsoft\Cryptography", ["MachineGuid"]).get("MachineGuid")
            return str(value) if value else None
    except (OSError, subprocess.SubprocessError):
        return None
    return None


@functools.cache
def machine_key() -> str | None:
    """A stable, privacy-safe key for this computer (16 hex digits of a salted SHA-256), or None."""
    raw = _raw_id()
    if not raw:
        return None
    return hashlib.sha256(b"selfcheck history machine\0" + raw.encode()).hexdigest()[:16]
