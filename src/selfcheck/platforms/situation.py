"""Where this computer runs: a virtual machine, a container, a remote session, a company-managed computer.

Support reads these flags first: a "slow computer" inside a virtual machine, a
"no sound" over remote desktop or a setting a company policy enforces each change
the reply. Every flag comes from what the operating system itself says (files it
keeps, its own tools, documented registry keys) and names its source; a flag the
OS does not tell is ``None`` (unknown), never a guess.

``situation(root=..., environ=..., run=...)`` takes the file-system root, the
environment and the program runner so the tests can give it a real tree made in
a temporary folder; the default is this computer.
"""

from __future__ import annotations

import json
import os
import stat
import sys
import threading
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from selfcheck.platforms.console import output as _run

Runner = Callable[[list[str], float], str]

#: DMI vendor/product words that name a hypervisor (Linux /sys/class/dmi/id, Windows Win32_ComputerSystem)
_HYPERVISOR_WORDS = {
    "qemu": "qemu",
    "kvm": "kvm",
    "vmware": "vmware",
    "virtualbox": "virtualbox",
    "innotek": "virtualbox",
    "xen": "xen",
    "microsoft corporation virtual machine": "microsoft",
    "virtual machine": "microsoft",
    "parallels": "parallels",
    "bochs": "bochs",
    "amazon ec2": "amazon",
    "google compute engine": "google",
    "openstack": "openstack",
    "bhyve": "bhyve",
    "utm": "qemu",
    "apple virtualization": "apple",
}


def _read(root: Path, path: str, limit: int = 65536) -> str:
    try:
        with open(root / path.lstrip("/"), "rb") as f:
            return f.read(limit).decode("utf-8", "replace")
    except OSError:
        return ""


def hypervisor_from_dmi(*texts: str) -> str | None:
    """The hypervisor a machine's vendor/product strings name, or None for real hardware."""
    joined = " ".join(t.strip().lower() for t in texts if t)
    for word, name in _HYPERVISOR_WORDS.items():
        if word in joined:
            return name
    return None


#: what systemd-detect-virt prints for a container (systemd's docs, "Virtualization technology" table);
#: any other answer but "none" names a virtual machine
SYSTEMD_CONTAINERS = frozenset({"openvz", "lxc", "lxc-libvirt", "systemd-nspawn", "docker", "podman", "rkt", "wsl", "proot", "pouch", "container-other"})
_virt_lock = threading.Lock()
_virt_answer = ""


def detect_virt(run: Runner = _run) -> str:
    """``systemd-detect-virt``'s answer on this computer: a container if it runs in one, else a virtual machine,
    else "none" ("" when the tool is missing or did not answer).

    Asked once per process: the bundle's inventory (``machine.virtualisation``) and the virtual-machine flag
    both read it, from parallel threads (the second waits for the first's answer). Whether a computer is
    virtual does not change while selfcheck runs; a missing answer is asked again next time.
    """
    global _virt_answer
    if run is not _run:  # a test's runner: its own answer, nothing kept
        return run(["systemd-detect-virt"], 1.0).strip()
    with _virt_lock:
        if not _virt_answer:
            _virt_answer = _run(["systemd-detect-virt"], 1.0).strip()
        return _virt_answer


def _linux_vm(root: Path, run: Runner) -> dict[str, Any] | None:
    detected = detect_virt(run) if root == Path("/") else ""
    if detected and detected != "none" and detected not in SYSTEMD_CONTAINERS:
        return {"value": True, "kind": detected, "source": "systemd-detect-virt"}
    # in a container, systemd-detect-virt names the container: a virtual machine beneath it shows below
    dmi = hypervisor_from_dmi(_read(root, "/sys/class/dmi/id/sys_vendor"), _read(root, "/sys/class/dmi/id/product_name"))
    if dmi:
        return {"value": True, "kind": dmi, "source": "/sys/class/dmi/id"}
    hyper = _read(root, "/sys/hypervisor/type").strip()
    if hyper:
        return {"value": True, "kind": hyper, "source": "/sys/hypervisor/type"}
    for line in _read(root, "/proc/cpuinfo", 1 << 20).splitlines():
        if line.startswith("flags") and " hypervisor" in f" {line.split(':', 1)[-1]} ":
            return {"value": True, "kind": "unknown", "source": "/proc/cpuinfo (hypervisor flag)"}
    if _read(root, "/sys/class/dmi/id/sys_vendor") or _read(root, "/proc/cpuinfo", 4096):
        return {"value": False, "source": "/sys/class/dmi/id, /proc/cpuinfo"}
    return None


def _linux_container(root: Path) -> dict[str, Any] | None:
    if (root / ".dockerenv").exists():
        return {"value": True, "kind": "docker", "source": "/.dockerenv"}
    if (root / "run/.containerenv").exists():
        return {"value": True, "kind": "podman", "source": "/run/.containerenv"}
    kind = _read(root, "/run/systemd/container").strip()
    if kind:
        return {"value": True, "kind": kind, "source": "/run/systemd/container"}
    if (root / "proc/vz").exists() and not (root / "proc/bc").exists():
        return {"value": True, "kind": "openvz", "source": "/proc/vz"}
    if "WSL" in _read(root, "/proc/sys/kernel/osrelease") or "microsoft" in _read(root, "/proc/sys/kernel/osrelease").lower():
        return {"value": True, "kind": "wsl", "source": "/proc/sys/kernel/osrelease"}
    cgroup = _read(root, "/proc/1/cgroup")
    for word in ("docker", "kubepods", "containerd", "lxc", "libpod"):
        if f"/{word}" in cgroup:
            return {"value": True, "kind": word, "source": "/proc/1/cgroup"}
    if cgroup:
        return {"value": False, "source": "/proc/1/cgroup"}
    return None


def _remote_from_environ(environ: Mapping[str, str]) -> dict[str, Any] | None:
    if environ.get("SSH_CONNECTION") or environ.get("SSH_CLIENT") or environ.get("SSH_TTY"):
        return {"value": True, "kind": "ssh", "source": "SSH_CONNECTION"}
    session = environ.get("SESSIONNAME", "")
    if session.upper().startswith("RDP-"):
        return {"value": True, "kind": "remote-desktop", "source": "SESSIONNAME"}
    if session.upper() == "CONSOLE":
        return {"value": False, "source": "SESSIONNAME"}
    return None


def _linux_managed(root: Path) -> dict[str, Any] | None:
    """Joined to a directory (sssd/winbind/realmd), or browsers under company policy."""
    signs = [
        ("etc/sssd/sssd.conf", "sssd"),
        ("etc/krb5.keytab", "kerberos"),
        ("var/lib/samba/private/secrets.tdb", "winbind"),
        ("etc/opt/chrome/policies/managed", "chrome-policy"),
        ("etc/chromium/policies/managed", "chromium-policy"),
        ("etc/firefox/policies/policies.json", "firefox-policy"),
        ("etc/landscape/client.conf", "landscape"),
        ("etc/opt/microsoft/mdatp", "defender-for-endpoint"),
        ("opt/microsoft/intune", "intune"),
    ]
    found, unknown = [], False
    for path, name in signs:
        present = _sign_present(root / path)
        if present:
            found.append(name)
        unknown = unknown or present is None
    if found:
        return {"value": True, "kind": ",".join(found), "source": "/etc (directory join or policy files)"}
    if unknown:  # a sign this user may not see (e.g. /var/lib/samba/private is root's): the OS did not say
        return None
    return {"value": False, "source": "/etc (no directory join or policy files)"}


def _sign_present(path: Path) -> bool | None:
    """A file, or a folder with something in it, is there; ``None`` when it cannot be looked at (a folder this user may
    not list or enter): unknown, never an error in the disk check or the bundle's flags."""
    try:
        mode = path.stat().st_mode
        if stat.S_ISREG(mode):
            return True
        if not stat.S_ISDIR(mode):
            return False
        with os.scandir(path) as entries:
            return next(entries, None) is not None
    except (FileNotFoundError, NotADirectoryError):
        return False
    except OSError:
        return None


def windows_from_cim(data: Mapping[str, Any]) -> dict[str, Any]:
    """Flags from one ``Get-CimInstance Win32_ComputerSystem | ConvertTo-Json`` answer (language-independent)."""
    flags: dict[str, Any] = {}
    hypervisor = hypervisor_from_dmi(str(data.get("Manufacturer") or ""), str(data.get("Model") or ""))
    flags["virtual_machine"] = {"value": bool(hypervisor), "source": "Win32_ComputerSystem", **({"kind": hypervisor} if hypervisor else {})}
    if "PartOfDomain" in data:
        flags["managed"] = {
            "value": bool(data.get("PartOfDomain")),
            "source": "Win32_ComputerSystem.PartOfDomain",
            **({"kind": "domain"} if data.get("PartOfDomain") else {}),
        }
    return flags


_cim_lock = threading.Lock()
_cim_answer: dict[str, Any] = {}


def _windows_cim(run: Runner) -> dict[str, Any]:  # pragma: no cover - Windows only
    """Win32_ComputerSystem's answer, asked once per process (PowerShell takes a second or more to start): the bundle's
    situation flags and the disk check's shared folders both read it; an empty answer is asked again next time."""
    global _cim_answer
    with _cim_lock:
        if run is _run and _cim_answer:
            return _cim_answer
        out = run(
            [
                "powershell",
                "-NoProfile",
                "-NonInteractive",
                "-Command",
                "Get-CimInstance Win32_ComputerSystem | Select-Object Manufacturer,Model,PartOfDomain | ConvertTo-Json -Compress",
            ],
            4.0,
        )
        try:
            data = json.loads(out) if out.strip() else {}
        except ValueError:
            data = {}
        data = data if isinstance(data, dict) else {}
        if run is _run:
            _cim_answer = data
        return data


def _windows_managed(flags: dict[str, Any]) -> dict[str, Any] | None:  # pragma: no cover - Windows only
    """The domain flag of Win32_ComputerSystem, or else an MDM (Intune and others) enrolment."""
    if sys.platform == "win32" and not flags.get("managed", {}).get("value"):
        # MDM (Intune and others) enrolments leave a key per enrolment with a provider id
        try:
            import winreg

            with winreg.OpenKey(winreg.HKEY_LOCAL_MACHINE, r"SOFTWARE\Microsoft\Enrollments") as key:
                i = 0
                while True:
                    try:
                        sub = winreg.EnumKey(key, i)
                    except OSError:
                        break
                    i += 1
                    try:
                        with winreg.OpenKey(key, sub) as k:
                            provider, _ = winreg.QueryValueEx(k, "ProviderID")
                    except OSError:
                        continue
                    if provider:
                        return {"value": True, "kind": f"mdm:{provider}", "source": r"HKLM\SOFTWARE\Microsoft\Enrollments"}
        except OSError:
            pass
    return flags.get("managed")


def _windows(run: Runner) -> dict[str, Any]:  # pragma: no cover - Windows only
    flags = windows_from_cim(_windows_cim(run))
    flags["managed"] = _windows_managed(flags)
    if sys.platform == "win32":
        import ctypes

        try:
            remote = bool(ctypes.windll.user32.GetSystemMetrics(0x1000))  # SM_REMOTESESSION
            flags["remote_session"] = {"value": remote, "source": "GetSystemMetrics(SM_REMOTESESSION)", **({"kind": "remote-desktop"} if remote else {})}
        except (AttributeError, OSError):
            pass
    flags["container"] = {"value": False, "source": "Windows desktop"}
    return flags


def _darwin_managed(root: Path = Path("/")) -> dict[str, Any] | None:
    """Profiles from device management (MDM) leave their settings in /Library/Managed Preferences. ``None`` (not
    known) when that folder cannot be listed, as on Linux: a refusal is not an answer."""
    present = _sign_present(root / "Library/Managed Preferences")
    if present is None:
        return None
    return {"value": present, "source": "/Library/Managed Preferences"}


def _darwin(run: Runner, root: Path = Path("/")) -> dict[str, Any]:  # pragma: no cover - macOS only
    flags: dict[str, Any] = {}
    vmm = run(["sysctl", "-n", "kern.hv_vmm_present"], 1.0).strip()
    if vmm in ("0", "1"):
        flags["virtual_machine"] = {"value": vmm == "1", "source": "sysctl kern.hv_vmm_present"}
    flags["managed"] = _darwin_managed(root)
    flags["container"] = {"value": False, "source": "macOS desktop"}
    return flags


def situation(root: str | Path = "/", environ: Mapping[str, str] | None = None, run: Runner = _run, platform: str | None = None) -> dict[str, Any]:
    """The four flags, each ``{"value": bool, "kind": ..., "source": ...}`` or ``None`` when the OS does not say."""
    platform = platform or sys.platform
    environ = os.environ if environ is None else environ
    root = Path(root)
    flags: dict[str, Any] = {"virtual_machine": None, "container": None, "remote_session": None, "managed": None}
    if platform.startswith("linux"):
        flags["virtual_machine"] = _linux_vm(root, run)
        flags["container"] = _linux_container(root)
        flags["managed"] = _linux_managed(root)
    elif platform.startswith("win"):  # pragma: no cover - Windows only
        flags.update(_windows(run))
    elif platform == "darwin":  # pragma: no cover - macOS only
        flags.update(_darwin(run, root))
    remote = _remote_from_environ(environ)
    if remote is not None or flags["remote_session"] is None:
        flags["remote_session"] = remote if remote is not None else flags["remote_session"]
    return flags


def managed(root: str | Path = "/", run: Runner = _run, platform: str | None = None) -> dict[str, Any] | None:
    """The "managed" flag alone, as :func:`situation` gives it: whether a company manages this computer (joined to a
    directory or a domain, enrolled in device management, policies installed). ``None`` when the OS does not say.

    For a check that words its verdict by it (a full shared folder is the organisation's server, not a box at home).
    On Windows it reads the same Win32_ComputerSystem answer as the bundle's situation flags, asked once per process.
    """
    platform = platform or sys.platform
    if platform.startswith("linux"):
        return _linux_managed(Path(root))
    if platform.startswith("win"):  # pragma: no cover - Windows only
        return _windows_managed(windows_from_cim(_windows_cim(run)))
    if platform == "darwin":
        return _darwin_managed(Path(root))
    return None


def true_flags(flags: Mapping[str, Any] | None) -> list[str]:
    """The names of the flags that are set, in a fixed order (for the support card)."""
    order = ("virtual_machine", "container", "remote_session", "managed")
    return [name for name in order if isinstance((flags or {}).get(name), Mapping) and flags[name].get("value")]  # type: ignore[index]
