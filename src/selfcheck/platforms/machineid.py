"""What tells this computer from another: the operating system's own machine id, kept only as a hash.

The history stamps every scan with :func:`machine_key` so that a history copied from another computer
(a restored backup, a copied home folder) is not compared with this one. The raw id never leaves this
module: the key is a salted hash, not the id, and no bundle carries either.
"""

from __future__ import annotations

import functools
import hashlib
import re
from pathlib import Path

from selfcheck.api import Context

#: Linux (systemd, and D-Bus's older copy where systemd is absent)
LINUX_FILES = (Path("/etc/machine-id"), Path("/var/lib/dbus/machine-id"))


#: the macOS command; its console text names the id as '"IOPlatformUUID" = "CE3A2773-..."'
IOREG = ["ioreg", "-rd1", "-c", "IOPlatformExpertDevice"]
#: the Windows value (HKLM), written by Windows setup
CRYPTOGRAPHY_KEY, MACHINE_GUID = r"SOFTWARE\Microsoft\Cryptography", "MachineGuid"


def _raw_id(ctx: Context | None = None) -> str | None:
    """The OS's machine id: /etc/machine-id, IOPlatformUUID (macOS), MachineGuid (Windows); None if unreadable.

    ``ctx`` runs the macOS command and says the platform, as a check's context does (tests give it recorded output)."""
    ctx = ctx or Context()
    if ctx.platform == "linux":
        for path in LINUX_FILES:
            try:
                found = path.read_text(encoding="ascii", errors="replace").strip()
            except OSError:
                continue
            if found and found.strip("0"):  # an empty or all-zero id (a fresh image) tells nothing apart
                return found
        return None
    if ctx.platform == "darwin":
        out = ctx.run(IOREG, timeout=3)  # never raises: a missing ioreg or a timeout gives no text
        match = re.search(r'"IOPlatformUUID"\s*=\s*"([^"]+)"', out.stdout)
        return match.group(1) if match else None
    if ctx.platform == "windows":
        from selfcheck.platforms import windows

        value = windows.read_registry_values(CRYPTOGRAPHY_KEY, [MACHINE_GUID]).get(MACHINE_GUID)
        text = str(value).strip() if value is not None else ""
        return text or None  # missing or empty: no key, and the history then reads every scan as this computer's
    return None


def key_of(raw: str | None) -> str | None:
    """16 hex digits of a salted SHA-256 of a machine id; None without one."""
    if not raw:
        return None
    return hashlib.sha256(b"selfcheck history machine\0" + raw.encode()).hexdigest()[:16]


@functools.cache
def machine_key() -> str | None:
    """A stable, privacy-safe key for this computer (16 hex digits of a salted SHA-256), or None."""
    return key_of(_raw_id())
