"""system.json: the inventory support always asks for.

OS and version, machine model, CPU, memory, disks and volumes, network
interfaces, routes, DNS servers, proxy settings, top processes by CPU and
memory, where the computer runs (virtual machine, container, remote session,
company-managed) and selfcheck's configuration without its secrets.

Every part is gathered on its own and bounded: a part that fails or runs out
of time becomes ``{"error": "..."}`` and the others are still there (a hung
network mount never blocks the bundle). Values are raw here; the bundle's
redactor runs over the whole inventory afterwards.
"""

from __future__ import annotations

import logging
import os
import platform
import re
import socket
import sys
import threading
import time
from collections.abc import Callable, Mapping
from typing import Any

from selfcheck import __version__
from selfcheck.config import without_secrets
from selfcheck.platforms.common import seconds_since_boot
from selfcheck.platforms.console import output as _run
from selfcheck.platforms.situation import detect_virt, situation

log = logging.getLogger(__name__)

#: environment variables worth knowing (never the whole environment)
ENV_KEYS = ("LANG", "LC_ALL", "LANGUAGE", "SHELL", "XDG_SESSION_TYPE", "XDG_CURRENT_DESKTOP", "DESKTOP_SESSION", "TZ")
PROXY_ENV_KEYS = ("http_proxy", "https_proxy", "ftp_proxy", "all_proxy", "no_proxy")


class _Background:
    """Runs a function in a daemon thread: a call that never returns (a hung network
    mount) is abandoned after its time is up and never keeps selfcheck from exiting."""

    def __init__(self, func: Callable[..., Any], *args: Any, name: str = "bundle-inventory") -> None:
        self._done = threading.Event()
        self._value: Any = None
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, args=(func, args), name=name, daemon=True)
        self._thread.start()

    def _run(self, func: Callable[..., Any], args: tuple[Any, ...]) -> None:
        try:
            self._value = func(*args)
        except BaseException as exc:  # reported by result()
            self._error = exc
        finally:
            self._done.set()

    def result(self, timeout: float) -> Any:
        """The value; raises ``TimeoutError`` when not done in time, or what the function raised."""
        if not self._done.wait(max(0.0, timeout)):
            raise TimeoutError
        if self._error is not None:
            raise self._error
        return self._value


def _read(path: str, limit: int = 65536) -> str:
    try:
        with open(path, encoding="utf-8", errors="replace") as handle:
            return handle.read(limit).strip()
    except OSError:
        return ""


def os_info() -> dict[str, Any]:
    info: dict[str, Any] = {
        "system": platform.system(),
        "release": platform.release(),
        "version": platform.version(),
        "architecture": platform.machine(),
        "python": platform.python_version(),
        "selfcheck": __version__,
        "frozen": bool(getattr(sys, "frozen", False)),
    }
    if sys.platform.startswith("linux"):
        try:
            release = platform.freedesktop_os_release()
            info["distribution"] = release.get("PRETTY_NAME") or release.get("NAME")
            info["distribution_id"] = release.get("ID")
            info["distribution_version"] = release.get("VERSION_ID")
        except OSError:
            pass
    elif sys.platform == "darwin":  # pragma: no cover - macOS only
        info["distribution"] = "macOS " + platform.mac_ver()[0]
    elif sys.platform.startswith("win"):  # pragma: no cover - Windows only
        info["distribution"] = " ".join(p for p in platform.win32_ver()[:2] if p)
        info["edition"] = platform.win32_edition()
    try:
        import psutil

        info["boot_time"] = psutil.boot_time()
        info["uptime_seconds"] = round(seconds_since_boot()[0])  # the boot clock, not the (maybe wrong) date
    except Exception:
        pass
    info["environment"] = {k: os.environ[k] for k in ENV_KEYS if k in os.environ}
    return info


def os_name(os_part: Mapping[str, Any]) -> str:
    """The operating system of a bundle's ``system.json`` as support names it: "Windows 11 (build 22631)", not
    "10 10.0.22631" (Python before 3.12 reports release "10" on Windows 11; its build number says 11);
    elsewhere the recorded name ("Debian GNU/Linux 12 (bookworm)", "macOS 14.5")."""
    from selfcheck.i18n import _
    from selfcheck.platforms.windows import is_windows_11, windows_build

    if str(os_part.get("system") or "") == "Windows":
        release = str(os_part.get("release") or "")
        build = windows_build(str(os_part.get("version") or ""))
        if release == "10" and build is not None and is_windows_11(build):
            release = "11"
        name = " ".join(p for p in ("Windows", release) if p)
        return _("{name} (build {build})").format(name=name, build=build) if build is not None else name
    distribution = os_part.get("distribution")
    if distribution:
        return str(distribution)
    return " ".join(str(os_part.get(k)) for k in ("system", "release") if os_part.get(k))


#: the platforms as people name them (a scan's ``platform``: "linux", "windows", "darwin"), for a bundle without its system.json
PLATFORM_NAMES = {"linux": "Linux", "windows": "Windows", "darwin": "macOS"}


def os_short_name(os_part: Mapping[str, Any], scan_platform: Any = None) -> str:
    """The operating system as people name it, for a page's heading: "Windows 11", "macOS 14", "Linux" (not the scan's
    "linux"); the whole name and version are :func:`os_name`'s, under "This computer". From a bundle's ``system.json``
    "os" part, else from the scan's ``platform`` (``scan_platform``); "" when neither says (a received bundle's odd values are left out)."""
    from selfcheck.platforms.windows import is_windows_11, windows_build

    system = str(os_part.get("system") or "")
    known = PLATFORM_NAMES.get(str(scan_platform or ""), "")
    if system == "Windows" or (not system and known == "Windows"):
        release = str(os_part.get("release") or "")
        build = windows_build(str(os_part.get("version") or ""))
        if release == "10" and build is not None and is_windows_11(build):
            release = "11"
        return "Windows" + (f" {release}" if release.isdigit() and len(release) <= 4 else "")
    if system == "Darwin" or (not system and known == "macOS"):
        found = re.fullmatch(r"macOS ((?:10\.)?\d{1,3})(?:\.\d+)*", str(os_part.get("distribution") or "").strip())
        return "macOS" + (f" {found.group(1)}" if found else "")
    if system == "Linux":
        return "Linux"
    return known or (system if re.fullmatch(r"[A-Za-z][\w/ .-]{0,30}", system) else "")


def machine_info() -> dict[str, Any]:
    if sys.platform.startswith("linux"):
        base = "/sys/class/dmi/id/"
        fields = (
            "sys_vendor",
            "product_name",
            "product_version",
            "product_family",
            "board_vendor",
            "board_name",
            "bios_vendor",
            "bios_version",
            "bios_date",
            "chassis_type",
        )
        info: dict[str, Any] = {name: value for name in fields if (value := _read(base + name))}
        virt = detect_virt()  # asked once per process: the situation flags read the same answer
        if virt:
            info["virtualisation"] = virt
        return info
    if sys.platform == "darwin":  # pragma: no cover - macOS only
        return {"model": _run(["sysctl", "-n", "hw.model"], 2.0).strip()}
    if sys.platform.startswith("win"):  # pragma: no cover - Windows only
        out = _run(["powershell", "-NoProfile", "-Command", "(Get-CimInstance Win32_ComputerSystem | Select Manufacturer,Model | ConvertTo-Json)"], 4.0)
        try:
            import json

            data = json.loads(out)
            return {"vendor": data.get("Manufacturer"), "model": data.get("Model")}
        except ValueError:
            return {}
    return {}


def cpu_info() -> dict[str, Any]:
    import psutil

    info: dict[str, Any] = {
        "logical_cores": psutil.cpu_count(logical=True),
        "physical_cores": psutil.cpu_count(logical=False),
        "processor": platform.processor(),
    }
    if sys.platform.startswith("linux"):
        for line in _read("/proc/cpuinfo", 16384).splitlines():
            if line.startswith("model name"):
                info["model"] = line.split(":", 1)[1].strip()
                break
    elif sys.platform == "darwin":  # pragma: no cover - macOS only
        info["model"] = _run(["sysctl", "-n", "machdep.cpu.brand_string"], 2.0).strip()
    try:
        freq = psutil.cpu_freq()
        if freq:
            info["frequency_mhz"] = {"current": round(freq.current), "max": round(freq.max)}
    except Exception:
        pass
    try:
        info["load_average"] = [round(x, 2) for x in psutil.getloadavg()]
    except (AttributeError, OSError):
        pass
    return info


def memory_info() -> dict[str, Any]:
    import psutil

    vm = psutil.virtual_memory()
    swap = psutil.swap_memory()
    return {
        "total_bytes": vm.total,
        "available_bytes": vm.available,
        "used_percent": vm.percent,
        "swap_total_bytes": swap.total,
        "swap_used_percent": swap.percent,
    }


def disks_info(timeout: float = 2.0) -> list[dict[str, Any]]:
    """Mounted volumes with their usage; a volume that does not answer is reported, not waited for."""
    import psutil

    volumes = []
    parts = psutil.disk_partitions(all=False)
    pending = {p.mountpoint: _Background(psutil.disk_usage, p.mountpoint, name="bundle-disk") for p in parts}
    deadline = time.monotonic() + timeout
    for part in parts:
        entry: dict[str, Any] = {"device": part.device, "mountpoint": part.mountpoint, "fstype": part.fstype, "options": part.opts}
        try:
            usage = pending[part.mountpoint].result(deadline - time.monotonic())
            entry.update(total_bytes=usage.total, free_bytes=usage.free, used_percent=usage.percent)
        except TimeoutError:
            entry["error"] = "no answer in time"
        except OSError as exc:
            entry["error"] = exc.strerror or str(exc)
        volumes.append(entry)
    return volumes


def interfaces_info() -> list[dict[str, Any]]:
    import psutil

    families = {socket.AF_INET: "ipv4", socket.AF_INET6: "ipv6"}
    link = getattr(psutil, "AF_LINK", None)
    stats = psutil.net_if_stats()
    result = []
    for name, addrs in sorted(psutil.net_if_addrs().items()):
        entry: dict[str, Any] = {"name": name, "addresses": []}
        for addr in addrs:
            if addr.family == link:
                entry["mac"] = addr.address
            elif addr.family in families:
                entry["addresses"].append({"family": families[addr.family], "address": addr.address, "netmask": addr.netmask})
        st = stats.get(name)
        if st is not None:
            entry.update(up=st.isup, speed_mbps=st.speed, mtu=st.mtu)
        result.append(entry)
    return result


def routes_info() -> list[dict[str, Any]] | dict[str, Any]:
    if sys.platform.startswith("linux"):
        routes: list[dict[str, Any]] = []
        lines = _read("/proc/net/route").splitlines()[1:]
        for line in lines:
            cols = line.split()
            if len(cols) < 8:
                continue
            routes.append(
                {
                    "interface": cols[0],
                    "destination": socket.inet_ntoa(int(cols[1], 16).to_bytes(4, "little")),
                    "gateway": socket.inet_ntoa(int(cols[2], 16).to_bytes(4, "little")),
                    "netmask": socket.inet_ntoa(int(cols[7], 16).to_bytes(4, "little")),
                    "metric": int(cols[6]),
                }
            )
        for line in _read("/proc/net/ipv6_route").splitlines():
            cols = line.split()
            if len(cols) < 10 or cols[9] == "lo":
                continue
            dest = ":".join(cols[0][i : i + 4] for i in range(0, 32, 4))
            gateway = ":".join(cols[4][i : i + 4] for i in range(0, 32, 4))
            routes.append(
                {"interface": cols[9], "destination": f"{_compress6(dest)}/{int(cols[1], 16)}", "gateway": _compress6(gateway), "metric": int(cols[5], 16)}
            )
        return routes
    if sys.platform == "darwin":  # pragma: no cover - macOS only
        return {"netstat": _run(["netstat", "-rn"], 3.0)[:20000]}
    if sys.platform.startswith("win"):  # pragma: no cover - Windows only
        return {"route_print": _run(["route", "print"], 3.0)[:20000]}
    return []


def _compress6(text: str) -> str:
    import ipaddress

    try:
        return str(ipaddress.IPv6Address(text))
    except ValueError:
        return text


def dns_info() -> dict[str, Any]:
    """The name servers, found the one way the DNS check and the history find them
    (:func:`selfcheck.netprobe.find_resolvers`: systemd-resolved's real upstream servers, Windows'
    and macOS' own answers), and the search domains."""
    from selfcheck import netprobe
    from selfcheck.api import Context, current_platform

    info: dict[str, Any] = {}
    try:
        found = netprobe.find_resolvers(Context().run, current_platform())
        info["servers"], info["source"] = list(found.get("servers") or []), found.get("source")
        import dns.resolver

        info["search"] = [str(d) for d in dns.resolver.Resolver(configure=True).search]
    except Exception as exc:  # no resolv.conf, no registry key
        info["error"] = f"{type(exc).__name__}: {exc}"
    if sys.platform.startswith("linux"):
        try:
            info["resolv_conf_link"] = os.readlink("/etc/resolv.conf")
        except OSError:
            pass
    return info


def proxy_info(config: Any = None) -> dict[str, Any]:
    """Proxy settings as selfcheck finds them (selfcheck.netconf: config, environment, OS) and the environment's."""
    info: dict[str, Any] = {}
    try:
        from selfcheck import netconf
    except ImportError:
        netconf = None  # type: ignore[assignment]
    if netconf is not None and hasattr(netconf, "proxy_settings"):
        try:
            info["system"] = netconf.proxy_settings(config).to_dict()
        except Exception as exc:
            info["system_error"] = f"{type(exc).__name__}: {exc}"
    else:
        import urllib.request

        info["system"] = dict(urllib.request.getproxies())
    info["environment"] = {k: v for k, v in os.environ.items() if k.lower() in PROXY_ENV_KEYS}
    return info


def top_processes(count: int = 10, sample: float = 0.1) -> dict[str, Any]:
    """The processes using the most CPU (over ``sample`` seconds) and memory; names only, never command lines."""
    import psutil

    first: dict[int, tuple[float, Any]] = {}
    from selfcheck.platforms.common import PROCESS_NAME_ATTRS, process_name

    for proc in psutil.process_iter([*PROCESS_NAME_ATTRS, "username", "memory_info"]):
        try:
            times = proc.cpu_times()
            first[proc.pid] = (times.user + times.system, proc)
        except (psutil.Error, OSError):
            continue
    start = time.monotonic()
    time.sleep(sample)
    elapsed = max(time.monotonic() - start, 1e-3)
    rows = []
    for pid, (before, proc) in first.items():
        try:
            times = proc.cpu_times()
            cpu = (times.user + times.system - before) / elapsed * 100
            mem = proc.info["memory_info"].rss if proc.info.get("memory_info") else 0
            rows.append(
                {"pid": pid, "name": process_name(proc.info), "user": proc.info.get("username") or "", "cpu_percent": round(cpu, 1), "memory_bytes": mem}
            )
        except (psutil.Error, OSError, AttributeError):
            continue
    by_cpu = sorted(rows, key=lambda r: -r["cpu_percent"])[:count]
    by_mem = sorted(rows, key=lambda r: -r["memory_bytes"])[:count]
    return {"count": len(rows), "by_cpu": by_cpu, "by_memory": by_mem, "sample_seconds": sample}


PARTS: dict[str, Callable[..., Any]] = {
    "os": os_info,
    "machine": machine_info,
    "cpu": cpu_info,
    "memory": memory_info,
    "disks": disks_info,
    "network_interfaces": interfaces_info,
    "routes": routes_info,
    "dns": dns_info,
    "proxies": proxy_info,
    "processes": top_processes,
    "situation": situation,
}


def gather(config_data: Mapping[str, Any] | None = None, timeout: float = 5.0) -> dict[str, Any]:
    """The whole inventory; each part runs in parallel and is bounded by ``timeout`` seconds."""
    inventory: dict[str, Any] = {}
    pending = {name: _Background(func, config_data) if name == "proxies" else _Background(func) for name, func in PARTS.items()}
    deadline = time.monotonic() + timeout
    for name, job in pending.items():
        try:
            inventory[name] = job.result(deadline - time.monotonic())
        except TimeoutError:
            inventory[name] = {"error": f"no answer within {timeout:g} s"}
        except Exception as exc:
            log.warning("inventory part %s failed: %s", name, exc)
            inventory[name] = {"error": f"{type(exc).__name__}: {exc}"}
    inventory["selfcheck_config"] = without_secrets(config_data or {})
    return inventory
