"""Printers, their queues and their jobs, as facts (CUPS on Linux and macOS, over IPP).

The print service is asked with IPP (CUPS-Get-Printers, CUPS-Get-Default,
Get-Jobs), then each printer with an IPP address is asked directly
(Get-Printer-Attributes): CUPS only learns about paper, toner or a jam while a
job runs, and a printer that is switched off looks "idle" to it.
"""

from __future__ import annotations

import getpass
import ipaddress
import os
import socket
import sys
import time
from pathlib import Path
from typing import Any

from selfcheck import netprobe
from selfcheck.devices import ipp

PRINTER_ATTRIBUTES = [
    "printer-name",
    "printer-state",
    "printer-state-reasons",
    "printer-is-accepting-jobs",
    "device-uri",
    "printer-uri-supported",
    "printer-make-and-model",
    "marker-levels",
    "marker-types",
    "marker-names",
]
DIRECT_ATTRIBUTES = [
    "printer-state",
    "printer-state-reasons",
    "printer-is-accepting-jobs",
    "printer-supply",
    "printer-supply-description",
    "marker-levels",
    "marker-types",
    "marker-names",
]
JOB_ATTRIBUTES = ["job-id", "job-state", "job-state-reasons", "time-at-creation", "job-printer-uri"]
DEFAULT_SOCKETS = ["/run/cups/cups.sock", "/var/run/cups/cups.sock", "/private/var/run/cupsd"]


def cups_server() -> str:
    """Where CUPS listens, as its own clients find it: CUPS_SERVER, client.conf, the local socket, localhost."""
    server = os.environ.get("CUPS_SERVER", "").strip()
    if server:
        return server
    for conf in (Path.home() / ".cups" / "client.conf", Path("/etc/cups/client.conf")):
        try:
            for line in conf.read_text(encoding="utf-8", errors="replace").splitlines():
                words = line.split()
                if len(words) == 2 and words[0].lower() == "servername":
                    return words[1]
        except OSError:
            continue
    for path in DEFAULT_SOCKETS:
        if os.path.exists(path):
            return path
    return "localhost:631"


def user_default() -> str | None:
    """The user's own default printer (LPDEST, PRINTER, ~/.cups/lpoptions), which wins over the system's."""
    for var in ("LPDEST", "PRINTER"):
        if os.environ.get(var):
            return os.environ[var].split("/")[0]
    try:
        for line in (Path.home() / ".cups" / "lpoptions").read_text(encoding="utf-8", errors="replace").splitlines():
            words = line.split()
            if len(words) >= 2 and words[0].lower() == "default":
                return words[1].split("/")[0]
    except OSError:
        pass
    return None


def _one(attrs: dict[str, list[Any]], name: str, default: Any = None) -> Any:
    values = attrs.get(name) or []
    return values[0] if values else default


def parse_supply(text: str) -> dict[str, Any]:
    """One ``printer-supply`` value (PWG 5100.13: ``index=1;class=...;type=toner;level=5;...``)."""
    out: dict[str, Any] = {}
    for part in text.split(";"):
        key, sep, value = part.partition("=")
        if not sep:
            continue
        key = key.strip()
        if key in ("level", "maxcapacity", "index"):
            try:
                out[key] = int(value)
            except ValueError:
                continue
        elif key in ("type", "class", "unit", "colorantname"):
            out[key] = value.strip()[:40]
    return out


def _supplies(attrs: dict[str, list[Any]]) -> list[dict[str, Any]]:
    supplies = []
    descriptions = [str(d) for d in attrs.get("printer-supply-description") or []]
    for i, raw in enumerate(attrs.get("printer-supply") or []):
        if not isinstance(raw, str):
            continue
        supply = parse_supply(raw)
        if i < len(descriptions):
            supply["description"] = descriptions[i][:60]
        supplies.append(supply)
    if not supplies:  # CUPS's own marker-* attributes (from the last job)
        levels = attrs.get("marker-levels") or []
        types = attrs.get("marker-types") or []
        names = attrs.get("marker-names") or []
        for i, level in enumerate(levels):
            if isinstance(level, int):
                supplies.append(
                    {
                        "type": str(types[i]) if i < len(types) else "",
                        "level": level,
                        "maxcapacity": 100,
                        "description": str(names[i])[:60] if i < len(names) else "",
                    }
                )
    return supplies


def _reasons(attrs: dict[str, list[Any]]) -> list[str]:
    return [str(r) for r in attrs.get("printer-state-reasons") or [] if r and r != "none"][:20]


def ask_printer(uri: str, timeout: float) -> dict[str, Any]:
    """The printer's own view (Get-Printer-Attributes), or why it did not answer."""
    try:
        endpoint = ipp.Endpoint.from_uri(uri.split("?")[0])
    except ValueError:
        return {"status": "not_asked"}
    host = endpoint.host
    try:
        addresses = [host] if _is_ip(host) else sorted({str(a[4][0]) for a in socket.getaddrinfo(host, endpoint.port, proto=socket.IPPROTO_TCP)})
    except (OSError, UnicodeError):
        return {"status": "not_found"}
    if not addresses:
        return {"status": "not_found"}
    if not all(netprobe.allowed(a) for a in addresses):
        return {"status": "blocked"}
    body = ipp.encode(ipp.GET_PRINTER_ATTRIBUTES, 1, [(ipp.URI, "printer-uri", uri.split("?")[0]), (ipp.KEYWORD, "requested-attributes", DIRECT_ATTRIBUTES)])
    try:
        answer = ipp.request(endpoint, body, timeout)
    except ipp.IppError as exc:
        return {"status": exc.kind}
    if not answer.ok:
        return {"status": "error", "ipp_status": answer.status}
    attrs = answer.first(ipp.PRINTER)
    return {
        "status": "ok",
        "state": ipp.PRINTER_STATES.get(_one(attrs, "printer-state"), "unknown"),
        "reasons": _reasons(attrs),
        "accepting": _one(attrs, "printer-is-accepting-jobs", True),
        "supplies": _supplies(attrs),
    }


def _is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


def uri_kind(uri: str) -> str:
    """The kind of connection, without the address (for the bundle): ipp, usb, dnssd, socket..."""
    return uri.split(":", 1)[0].lower()[:20] if ":" in uri else "unknown"


def collect_cups(now: float, timeout: float = 2.0, direct_timeout: float = 2.0, max_direct: int = 3) -> dict[str, Any]:
    """Facts about printers from CUPS (Linux, macOS); ``now`` is the check's clock (UNIX time)."""
    server = cups_server()
    endpoint = ipp.Endpoint.cups_server(server)
    facts: dict[str, Any] = {"source": "cups", "server": "socket" if endpoint.socket_path else f"{endpoint.host}:{endpoint.port}", "now": now}
    body = ipp.encode(ipp.CUPS_GET_PRINTERS, 1, [(ipp.KEYWORD, "requested-attributes", PRINTER_ATTRIBUTES)])
    try:
        answer = ipp.request(endpoint, body, timeout)
    except ipp.IppError as exc:
        facts["service"] = "not_running" if exc.kind in ("refused", "not_found") else "no_answer"
        facts["error"] = exc.kind
        return facts
    facts["service"] = "running"
    printers = []
    for attrs in answer.group(ipp.PRINTER):
        name = str(_one(attrs, "printer-name", ""))
        device = str(_one(attrs, "device-uri", ""))
        printers.append(
            {
                "name": name[:80],
                "state": ipp.PRINTER_STATES.get(_one(attrs, "printer-state"), "unknown"),
                "reasons": _reasons(attrs),
                "accepting": bool(_one(attrs, "printer-is-accepting-jobs", True)),
                "connection": uri_kind(device),
                "device_uri": device,
                "supplies": _supplies(attrs),
            }
        )
    facts["printers"] = printers
    default = user_default()
    if default is None:
        try:
            got = ipp.request(endpoint, ipp.encode(ipp.CUPS_GET_DEFAULT, 2, [(ipp.KEYWORD, "requested-attributes", ["printer-name"])]), timeout)
            default = _one(got.first(ipp.PRINTER), "printer-name") if got.ok else None
        except ipp.IppError:
            default = None
    facts["default"] = default if default and any(p["name"] == default for p in printers) else None
    if default and facts["default"] is None:
        facts["default_missing"] = True
    try:
        jobs = ipp.request(
            endpoint,
            ipp.encode(
                ipp.GET_JOBS,
                3,
                [
                    (ipp.URI, "printer-uri", "ipp://localhost/"),
                    (ipp.KEYWORD, "which-jobs", "not-completed"),
                    (ipp.KEYWORD, "requested-attributes", JOB_ATTRIBUTES),
                ],
            ),
            timeout,
        )
        facts["jobs"] = [
            {
                "id": _one(j, "job-id"),
                "printer": str(_one(j, "job-printer-uri", "")).rstrip("/").rsplit("/", 1)[-1][:80],
                "state": ipp.JOB_STATES.get(_one(j, "job-state"), "unknown"),
                "reasons": [str(r) for r in j.get("job-state-reasons") or []][:10],
                "created": _one(j, "time-at-creation"),
            }
            for j in jobs.group(ipp.JOB)
        ]
    except ipp.IppError as exc:
        facts["jobs_error"] = exc.kind
    # ask the printers that matter directly: the default first, then the others
    ordered = sorted(printers, key=lambda p: p["name"] != facts["default"])
    asked = [p for p in ordered if p["connection"] in ("ipp", "ipps", "http", "https")][:max_direct]
    if asked:
        from concurrent.futures import ThreadPoolExecutor

        with ThreadPoolExecutor(max_workers=len(asked)) as pool:
            answers = list(pool.map(lambda p: ask_printer(p["device_uri"], direct_timeout), asked))
        for printer, direct in zip(asked, answers, strict=True):
            printer["direct"] = direct
    for printer in printers:
        printer.pop("device_uri", None)
        printer.setdefault("direct", {"status": "not_asked"})
    return facts


def cancel_jobs(job_ids: list[int], timeout: float = 5.0) -> bool:
    """Cancel print jobs (after the user agreed); True when every one is gone."""
    if sys.platform.startswith("win"):  # pragma: no cover - Windows only
        return _cancel_windows(job_ids)
    endpoint = ipp.Endpoint.cups_server(cups_server())
    done = True
    for job_id in job_ids:
        body = ipp.encode(
            ipp.CANCEL_JOB,
            10 + int(job_id),
            [(ipp.URI, "printer-uri", "ipp://localhost/"), (ipp.INTEGER, "job-id", int(job_id)), (ipp.NAME, "requesting-user-name", getpass.getuser())],
        )
        try:
            answer = ipp.request(endpoint, body, timeout)
        except ipp.IppError:
            return False
        done = done and (answer.ok or answer.status == 0x0407)  # not-possible: it ended meanwhile
    # a job being printed stops at the next safe point: wait (briefly) until it has left the queue
    deadline = time.monotonic() + timeout
    while done and time.monotonic() < deadline:
        if not set(job_ids) & set(_open_job_ids(endpoint, timeout)):
            return True
        time.sleep(0.1)
    return False


def _open_job_ids(endpoint: ipp.Endpoint, timeout: float) -> list[int]:
    body = ipp.encode(
        ipp.GET_JOBS,
        4,
        [(ipp.URI, "printer-uri", "ipp://localhost/"), (ipp.KEYWORD, "which-jobs", "not-completed"), (ipp.KEYWORD, "requested-attributes", ["job-id"])],
    )
    try:
        return [int(_one(j, "job-id", 0)) for j in ipp.request(endpoint, body, timeout).group(ipp.JOB)]
    except ipp.IppError:
        return []


def _cancel_windows(job_ids: list[int]) -> bool:  # pragma: no cover - Windows only
    import subprocess

    ids = ",".join(str(int(i)) for i in job_ids)
    script = f"Get-CimInstance Win32_PrintJob | Where-Object {{ @({ids}) -contains $_.JobId }} | Remove-CimInstance"
    proc = subprocess.run(
        ["powershell", "-NoProfile", "-NonInteractive", "-Command", script],
        capture_output=True,
        timeout=30,
        check=False,
        creationflags=getattr(subprocess, "CREATE_NO_WINDOW", 0),
    )
    return proc.returncode == 0


WINDOWS_SCRIPT = r"""
$ErrorActionPreference = 'SilentlyContinue'
$spooler = Get-Service -Name Spooler
$printers = @(Get-CimInstance Win32_Printer | Select-Object Name, Default, WorkOffline, PrinterStatus, DetectedErrorState, ExtendedPrinterStatus, ExtendedDetectedErrorState, PortName, Network, Local)
$jobs = @(Get-CimInstance Win32_PrintJob | Select-Object JobId, Name, StatusMask, @{n='Submitted';e={[int64](($_.TimeSubmitted.ToUniversalTime()) - [datetime]'1970-01-01').TotalSeconds}})
[pscustomobject]@{ spooler = [string]$spooler.Status; printers = $printers; jobs = $jobs } | ConvertTo-Json -Depth 4 -Compress
"""

#: Win32_Printer.DetectedErrorState -> the IPP printer-state-reasons keyword it means
WINDOWS_ERROR_REASONS = {
    3: "media-low",
    4: "media-empty",
    5: "toner-low",
    6: "toner-empty",
    7: "door-open",
    8: "media-jam",
    9: "offline-report",
    11: "output-area-full",
}


def parse_windows(data: dict[str, Any], now: float) -> dict[str, Any]:
    """Facts from the Win32_Printer / Win32_PrintJob / Spooler JSON of :data:`WINDOWS_SCRIPT`."""
    spooler = str(data.get("spooler") or "")
    facts: dict[str, Any] = {"source": "wmi", "now": now}
    if spooler and spooler.lower() != "running":
        facts["service"] = "not_running"
        facts["service_state"] = spooler[:20]
        return facts
    facts["service"] = "running"
    raw_printers = data.get("printers") or []
    if isinstance(raw_printers, dict):
        raw_printers = [raw_printers]
    printers = []
    default = None
    for p in raw_printers:
        if not isinstance(p, dict):
            continue
        name = str(p.get("Name") or "")[:80]
        reasons = []
        error = WINDOWS_ERROR_REASONS.get(int(p.get("DetectedErrorState") or 0))
        if error:
            reasons.append(error)
        if p.get("WorkOffline") or int(p.get("PrinterStatus") or 0) == 7:
            reasons.append("offline-report")
        printers.append(
            {
                "name": name,
                "state": {3: "idle", 4: "processing", 6: "stopped"}.get(int(p.get("PrinterStatus") or 0), "unknown"),
                "reasons": sorted(set(reasons)),
                "accepting": True,
                "connection": "network" if p.get("Network") else "local",
                "supplies": [],
                "direct": {"status": "not_asked"},
            }
        )
        if p.get("Default"):
            default = name
    facts["printers"] = printers
    facts["default"] = default
    raw_jobs = data.get("jobs") or []
    if isinstance(raw_jobs, dict):
        raw_jobs = [raw_jobs]
    jobs: list[dict[str, Any]] = []
    for j in raw_jobs:
        if not isinstance(j, dict):
            continue
        printer = str(j.get("Name") or "").rsplit(",", 1)[0][:80]  # "Office Printer, 12"
        mask = int(j.get("StatusMask") or 0)  # language-independent, unlike JobStatus
        jobs.append(
            {
                "id": j.get("JobId"),
                "printer": printer,
                "state": "stopped" if mask & (1 | 2 | 32 | 64 | 1024) else "processing" if mask & 16 else "pending",
                "reasons": [],
                "created": j.get("Submitted"),
            }
        )
    facts["jobs"] = jobs
    return facts
