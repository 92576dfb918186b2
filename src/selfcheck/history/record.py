"""Record while it happens: sample the machine once a second while the user
reproduces the problem, and mark the moment they say "it happened now".

Bounded in time (``record.max_seconds``, default 300) and so in memory (one
small sample per interval). Each sample holds CPU, memory, disk and network
throughput, the top processes, whether the support host answers (a TCP
connect, so it works without ICMP), and whether the internet box answers (a TCP
connect to it: a refusal is an answer too), and whether this computer's own link
to the network is up (the cable's carrier, the Wi-Fi's association: the OS's
own flag, read through psutil). The recording goes into the bundle with
a timeline chart (:func:`timeline_svg`) shown in report.html and in the app.
"""

from __future__ import annotations

import json
import os
import socket
import sys
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from xml.sax.saxutils import escape

from selfcheck import paths
from selfcheck.i18n import DEFAULT, N_, SUPPORTED, _, catalogue

# what a recording saw, in the customer's words, and the program names they may read: one home, the core's (re-exported)
from selfcheck.recorded import FEW_SECONDS as FEW_SECONDS
from selfcheck.recorded import MAX_SECONDS_LIMIT as MAX_SECONDS_LIMIT
from selfcheck.recorded import SAW_BUSY as SAW_BUSY
from selfcheck.recorded import SAW_BUSY_UNNAMED as SAW_BUSY_UNNAMED
from selfcheck.recorded import SAW_CUT_ONCE as SAW_CUT_ONCE
from selfcheck.recorded import SAW_CUT_ONCE_LONG as SAW_CUT_ONCE_LONG
from selfcheck.recorded import SAW_CUTS as SAW_CUTS
from selfcheck.recorded import SAW_CUTS_LONG as SAW_CUTS_LONG
from selfcheck.recorded import SAW_NOTHING as SAW_NOTHING
from selfcheck.recorded import plain_program as plain_program


@dataclass
class Recording:
    started_at: float
    interval: float
    samples: list[dict[str, Any]] = field(default_factory=list)
    marks: list[dict[str, Any]] = field(default_factory=list)
    target: str | None = None
    stopped_because: str = "stopped"
    #: the internet box as the recorder asked it each second (BoxProbe.facts): {"address", "ports"}, or {"not_asked": why} (and "looked": how many times, where it was looked for again);
    #: None when it was not asked at all (a recording made before, or a sampler of a test's own)
    box: dict[str, Any] | None = None
    #: this computer's own link to the network as the recorder read it each second (LinkProbe.facts): {"interface",
    #: "wireless"}, or {"not_recorded": why}; None when it was not read at all (a recording made before)
    link: dict[str, Any] | None = None
    #: how long it would have watched at most (Recorder.max_seconds): with ``stopped_because`` the card says how it ended,
    #: stopped by the person before its limit or by itself at it (agent round 84: "the recording was 62 seconds, but the
    #: customer's screen says watching lasts 5 minutes"); None in a recording made before
    max_seconds: float | None = None

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "started_at": self.started_at,
            "interval": self.interval,
            "target": self.target,
            "stopped_because": self.stopped_because,
            "samples": self.samples,
            "marks": self.marks,
        }
        if self.box is not None:
            data["box"] = self.box
        if self.link is not None:
            data["link"] = self.link
        if self.max_seconds is not None:
            data["max_seconds"] = self.max_seconds
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Recording:
        return cls(
            float(data["started_at"]),
            float(data.get("interval", 1.0)),
            list(data.get("samples", [])),
            list(data.get("marks", [])),
            data.get("target"),
            str(data.get("stopped_because", "stopped")),
            data["box"] if isinstance(data.get("box"), dict) else None,
            data["link"] if isinstance(data.get("link"), dict) else None,
            limit_of(data),
        )


def limit_of(recording: Mapping[str, Any]) -> float | None:
    """How long a recording (its dict: hostile) would have watched at most, as it says (``max_seconds``), or None."""
    from selfcheck.recorded import MAX_SECONDS_LIMIT

    value = number_of(recording.get("max_seconds"))
    return float(value) if value is not None and 0 < value <= MAX_SECONDS_LIMIT else None


def support_target(config: Any) -> tuple[str, int] | None:
    url = config.get("support.url") if hasattr(config, "get") else None
    if not url:
        return None
    parts = urlsplit(str(url))
    if not parts.hostname:
        return None
    return parts.hostname, parts.port or (443 if parts.scheme == "https" else 80)


def probe_tcp(target: tuple[str, int] | None, timeout: float = 0.8) -> float | None:
    """Milliseconds to open a TCP connection to the support host (None: it did not answer)."""
    if target is None:
        return None
    start = time.monotonic()
    try:
        with socket.create_connection(target, timeout=timeout):
            return round((time.monotonic() - start) * 1000, 1)
    except OSError:
        return None


class SupportProbe:
    """:func:`probe_tcp` waited for at most ``timeout`` in all, name lookup included: the system's lookup has no
    timeout of its own (5 s per try by resolv.conf's default), so a line down for 5 s was one sample that "answered in
    5113 ms" when the line came back, and no sample in between (lab, s32). One try at a time: while the last one still
    waits, the host has not answered."""

    def __init__(self, target: tuple[str, int] | None, timeout: float = 0.8) -> None:
        self.target, self.timeout = target, timeout
        self._pending: threading.Thread | None = None

    def __call__(self) -> float | None:
        if self.target is None or (self._pending is not None and self._pending.is_alive()):
            return None
        answer: list[float | None] = []
        worker = threading.Thread(target=lambda: answer.append(probe_tcp(self.target, self.timeout)), name="recorder-probe", daemon=True)
        worker.start()
        worker.join(self.timeout)
        self._pending = worker
        return answer[0] if answer else None


#: the internet box's ports asked each second, as network.gateway asks them: a connection it accepts, or one it turns
#: away at once (refused: its reset), is an answer; unprivileged ping is off on many computers (and on the lab machine),
#: and a TCP connection is answered the same way on Windows, macOS and Linux, whatever their language
BOX_PORTS = (53, 80, 443)
#: why the box was not asked (Recording.box's "not_asked")
BOX_NO_ROUTE, BOX_NOT_ALLOWED, BOX_NOT_FOUND_YET = "no_gateway", "not_allowed", "still_looking"
#: no box found (no default route: the cable pulled or the Wi-Fi gone when Start was pressed, perhaps during a cut): looked for
#: again this often, in seconds, until found (review 35b: it was looked for once, at Start)
BOX_LOOK_AGAIN = 10.0


def find_box() -> tuple[str, str]:
    """The internet box's address as network.gateway finds it (the best default route's gateway), or "", and the interface
    that route goes through as the routing table names it ("" when it names none)."""
    from selfcheck import netprobe
    from selfcheck.api import Context, current_platform

    routes = netprobe.default_routes(Context(deadline=time.monotonic() + 10).run, current_platform())
    route = next((r for r in routes if r.get("gateway")), None)
    return netprobe.box_address(routes), str(route.get("interface") or "") if route else ""


class BoxProbe:
    """Whether the internet box answers, once a sample, bounded by ``timeout``: a TCP connection to the port that answered
    last (all of BOX_PORTS at once until one answers, and again after a silence). The box is looked for in a thread of its
    own (:meth:`find`: on Windows the routing table comes from PowerShell, seconds), never in the sampler's; until it is
    found a sample does not ask it (no ``box_ms``). As SupportProbe, one question at a time: while the last one still
    waits, the box has not answered."""

    def __init__(self, finder: Callable[[], tuple[str, str]] | None = None, ports: Sequence[int] | None = None, timeout: float = 0.8) -> None:
        self.ports, self.timeout, self._finder = tuple(ports or BOX_PORTS), timeout, finder or find_box
        self.address = ""
        self.not_asked = ""
        #: the interface the box's route goes through, as the routing table names it (LinkProbe reads its link)
        self.interface = ""
        #: the gateway as found, even where the box is not asked (LinkProbe finds the interface by it when the route names none)
        self.gateway = ""
        #: how many times it was looked for (once at Start, then every BOX_LOOK_AGAIN seconds while no route was found)
        self.looks = 0
        self._found = threading.Event()
        self._port: int | None = None
        self._pending: threading.Thread | None = None
        self._finding: threading.Thread | None = None
        self._looked_at = 0.0

    def find(self) -> None:
        if self._finding is not None and self._finding.is_alive():
            return
        self.looks += 1
        self._looked_at = time.monotonic()

        def work() -> None:
            from selfcheck import netprobe

            try:
                address, self.interface = self._finder()
            except Exception:  # a routing table that cannot be read: not asked, said so
                address = ""
            self.gateway = address
            if not address:
                self.not_asked = BOX_NO_ROUTE
            elif not netprobe.allowed(address):
                self.not_asked = BOX_NOT_ALLOWED
            else:
                self.address, self.not_asked = address, ""
            self._found.set()

        self._finding = threading.Thread(target=work, name="recorder-box-finder", daemon=True)
        self._finding.start()

    def ask(self) -> Callable[[], dict[str, Any]]:
        """Ask the box now; the call returned waits for the answer (at most ``timeout`` from now) and gives the sample's
        field: {"box_ms": milliseconds, or None when it did not answer}, or {} while the box is not known."""
        if self._found.is_set() and not self.address and self.not_asked == BOX_NO_ROUTE and time.monotonic() - self._looked_at >= BOX_LOOK_AGAIN:
            self.find()  # in its own thread, as at Start
        if not self._found.is_set() or not self.address:
            return dict
        if self._pending is not None and self._pending.is_alive():
            return lambda: {"box_ms": None}
        answer: list[float | None] = []
        begun = time.monotonic()
        worker = threading.Thread(target=lambda: answer.append(self._connect()), name="recorder-box", daemon=True)
        worker.start()
        self._pending = worker

        def wait() -> dict[str, Any]:
            worker.join(max(0.0, self.timeout - (time.monotonic() - begun)))
            return {"box_ms": answer[0] if answer else None}

        return wait

    def _connect(self) -> float | None:
        from selfcheck import netprobe

        ports = (self._port,) if self._port is not None else self.ports
        jobs = {str(p): (lambda p=p: netprobe.tcp_connect(self.address, p, self.timeout)) for p in ports}
        results = netprobe.parallel(jobs, self.timeout, enough=lambda done: any(r.get("status") in ("ok", "refused") for r in done.values()))
        answered = sorted((float(r.get("ms") or 0.0), int(p)) for p, r in results.items() if r.get("status") in ("ok", "refused"))
        self._port = answered[0][1] if answered else None
        return round(answered[0][0], 1) if answered else None

    def facts(self) -> dict[str, Any]:
        """What the recording keeps of the box: its address and the ports asked, or why it was not asked."""
        if self.address:
            return {"address": self.address, "ports": list(self.ports)}
        if self.not_asked == BOX_NO_ROUTE and self.looks > 1:
            return {"not_asked": BOX_NO_ROUTE, "looked": self.looks}
        return {"not_asked": self.not_asked or BOX_NOT_FOUND_YET}


#: why this computer's own link was not recorded (Recording.link's "not_recorded")
LINK_NO_INTERFACE, LINK_FAILED, LINK_NOT_FOUND_YET = "no_interface", "failed", "still_looking"


def link_interface(route_interface: str, gateway: str, names: Sequence[str], addresses: Mapping[str, Sequence[Any]]) -> str:
    """The interface (as psutil names it) the box's route goes through: the route's own name where psutil knows it (Linux,
    macOS, and Windows' PowerShell table: its InterfaceAlias is psutil's name); else the interface holding the address the
    route names (Windows' ``route print`` gives the interface's address); else the one whose IPv4 network holds the
    gateway (``ipconfig`` names no interface); a link-local gateway carries its interface ("fe80::1%eth0"). "" when none.
    ``addresses`` as psutil.net_if_addrs(): each item with .family, .address, .netmask."""
    import ipaddress

    if route_interface in names:
        return route_interface
    scoped = gateway.partition("%")[2]
    if scoped in names:
        return scoped
    for name in names:
        if route_interface and any(str(getattr(a, "address", "")).split("%")[0] == route_interface for a in addresses.get(name, ())):
            return name
    try:
        box = ipaddress.ip_address(gateway.split("%")[0])
    except ValueError:
        return ""
    for name in names:
        for a in addresses.get(name, ()):
            if getattr(a, "family", None) != socket.AF_INET or not getattr(a, "netmask", None):
                continue
            try:
                network = ipaddress.ip_network(f"{a.address}/{a.netmask}", strict=False)
            except ValueError:
                continue
            if box in network and network.prefixlen < 32:
                return name
    return ""


def darwin_carrier(output: str, interface: str) -> bool | None:
    """The carrier of ``interface`` as macOS's ``ifconfig`` prints it ("status: active" / "status: inactive", not translated;
    on its own line, or after "media:" on older systems), from ``ifconfig <interface>`` or ``ifconfig -a``; None where it
    prints no status (a VPN's utun) or not that interface."""
    import re

    block: list[str] = []
    for line in output.splitlines():
        if line[:1] not in (" ", "\t"):  # an interface's first line: "en1: flags=8963<UP,…,RUNNING,…> mtu 1500"
            if block:
                break
            if line.startswith(f"{interface}: flags="):
                block.append(line)
        elif block:
            block.append(line)
    found = re.search(r"\bstatus: (active|inactive)\b", "\n".join(block[1:]))
    return found.group(1) == "active" if found else None


def read_ifconfig(interface: str, timeout: float) -> str:
    """``ifconfig <interface>``'s output (macOS), or "" (missing, timed out: bounded by ``timeout``)."""
    from selfcheck.api import Context

    done = Context(deadline=time.monotonic() + timeout).run(["/sbin/ifconfig", interface], timeout=timeout)
    return done.stdout if done.ok else ""


class LinkProbe:
    """Whether this computer's own link to the network is up, once a sample (agent round 54: "I wanted to know whether the
    cable's link itself dropped during the cuts … The recording doesn't track that"): psutil.net_if_stats()'s ``isup`` and
    ``speed`` of the interface the box's route goes through (found with the box, :class:`BoxProbe`). ``isup`` is the OS's own
    flag in any language: the carrier on a cable (IFF_RUNNING on Linux and macOS, the adapter's operational status on Windows),
    on Wi-Fi the association with the access point (connected to the Wi-Fi, not that its signal carries data). Read in a
    thread of its own, bounded by ``timeout``: on some Linux Wi-Fi drivers the speed's ethtool query stalls (psutil #2133) or
    fails; a read still under way, or one that failed, leaves the sample without ``link_up`` (not known, never "down").
    On macOS ``isup`` stays set with the cable pulled (IFF_RUNNING, psutil #805, open; the lab's en1-en4 in
    tests/fixtures/macos/ifconfig_10.14.6_thunderbolt_inactive.txt): the carrier is read from ``ifconfig <interface>``
    (:func:`darwin_carrier`, a few milliseconds, in the same thread and bound); where it prints no status, not known."""

    def __init__(self, box: BoxProbe, timeout: float = 0.5, platform: str = sys.platform) -> None:
        self.box, self.timeout, self.platform = box, timeout, platform
        self.interface = ""
        self.wireless: bool | None = None
        self.read = self.failed = 0
        self._looked = False
        self._looked_for: tuple[str, str] = ("", "")
        self._pending: threading.Thread | None = None

    def ask(self) -> Callable[[], dict[str, Any]]:
        """Read the link now; the call returned waits for it (at most ``timeout`` from now) and gives the sample's fields:
        {"link_up": bool, "link_mbps": int (0: not known)}, or {} while not known."""
        if self._looked and not self.interface and (self.box.interface, self.box.gateway) != self._looked_for:
            self._looked = False  # the box's route found since (looked for again, BOX_LOOK_AGAIN): its interface too
        if not self.box._found.is_set() or (self._looked and not self.interface):
            return dict
        if self._pending is not None and self._pending.is_alive():
            return dict
        answer: list[dict[str, Any]] = []
        begun = time.monotonic()
        worker = threading.Thread(target=lambda: answer.append(self._read()), name="recorder-link", daemon=True)
        worker.start()
        self._pending = worker

        def wait() -> dict[str, Any]:
            worker.join(max(0.0, self.timeout - (time.monotonic() - begun)))
            return answer[0] if answer else {}

        return wait

    def _read(self) -> dict[str, Any]:
        import psutil

        try:
            stats = psutil.net_if_stats()
            if not self._looked:
                self._looked, self._looked_for = True, (self.box.interface, self.box.gateway)
                self.interface = link_interface(self.box.interface, self.box.gateway, list(stats), psutil.net_if_addrs())
                if self.interface and self.platform.startswith("linux"):  # elsewhere the card asks the scan's network.link
                    self.wireless = os.path.isdir(f"/sys/class/net/{self.interface}/wireless")
            if not self.interface:
                return {}
        except Exception:  # the OS would not say (psutil's OSError, an unknown platform): not known, said at the end
            self.failed += 1
            return {}
        found = stats.get(self.interface)  # an adapter gone (a USB one pulled out, Windows' Wi-Fi turned off) is down
        up = bool(found.isup) if found else False
        if found and self.platform == "darwin":  # isup is IFF_RUNNING there, kept with the cable pulled (psutil #805)
            carrier = darwin_carrier(read_ifconfig(self.interface, self.timeout), self.interface)
            if carrier is None:  # not known: never "up" from a flag that cannot say otherwise
                self.failed += 1
                return {}
            up = carrier
        self.read += 1
        return {"link_up": up, "link_mbps": int(found.speed or 0) if found else 0}

    def facts(self) -> dict[str, Any]:
        """What the recording keeps of the link: the interface read (and whether it is Wi-Fi, where cheaply known), or why
        it was not read."""
        if self.interface and self.read:
            return {"interface": self.interface, "wireless": self.wireless}
        if self.failed:
            return {"not_recorded": LINK_FAILED}
        if self._looked:
            return {"not_recorded": LINK_NO_INTERFACE}
        return {"not_recorded": LINK_NOT_FOUND_YET}


class Recorder:
    """Samples in a background thread; :meth:`mark` and :meth:`stop` from any thread."""

    def __init__(
        self,
        config: Any = None,
        *,
        interval: float = 1.0,
        max_seconds: float | None = None,
        clock: Callable[[], float] = time.time,
        monotonic: Callable[[], float] = time.monotonic,
        sampler: Callable[[], dict[str, Any]] | None = None,
    ) -> None:
        from selfcheck.recorded import watch_seconds

        self.max_seconds = watch_seconds(config, max_seconds)
        self.interval = max(0.05, interval)
        self.clock = clock
        # offsets (samples and marks) by the steady clock: the wall clock may be set while recording (a time server
        # correcting it by hours put a mark hours away from the samples); ``clock`` only dates the start
        self.monotonic = monotonic
        self._begin = monotonic()
        self.target = support_target(config) if config is not None else None
        self._probe = SupportProbe(self.target)
        # the internet box, asked each second beside the support server (agent round 53: "it only tested the support server,
        # never the box, so it couldn't show where the drop happens"); not with a sampler of a test's own
        self._box: BoxProbe | None = BoxProbe() if sampler is None else None
        # this computer's own link, read each second on the box's route (agent round 54: "whether the cable's link itself
        # dropped during the cuts … The recording doesn't track that")
        self._link: LinkProbe | None = LinkProbe(self._box) if self._box is not None else None
        self._sampler = sampler or self._sample
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._last_io: tuple[float, Any, Any] | None = None
        self.recording = Recording(clock(), self.interval, target=f"{self.target[0]}:{self.target[1]}" if self.target else None, max_seconds=self.max_seconds)

    @property
    def max_samples(self) -> int:
        return int(self.max_seconds / self.interval) + 1

    def _sample(self) -> dict[str, Any]:
        import psutil

        now = time.monotonic()
        disk, net = psutil.disk_io_counters(), psutil.net_io_counters()
        rates: dict[str, float] = {}
        if self._last_io is not None and disk is not None and net is not None:
            then, d0, n0 = self._last_io
            span = max(now - then, 1e-3)
            rates = {
                "disk_read_bps": (disk.read_bytes - d0.read_bytes) / span,
                "disk_write_bps": (disk.write_bytes - d0.write_bytes) / span,
                "net_sent_bps": (net.bytes_sent - n0.bytes_sent) / span,
                "net_recv_bps": (net.bytes_recv - n0.bytes_recv) / span,
            }
        self._last_io = (now, disk, net)
        top = []
        from selfcheck.platforms.common import PROCESS_NAME_ATTRS, process_name

        for proc in psutil.process_iter([*PROCESS_NAME_ATTRS, "cpu_percent"]):
            cpu = proc.info.get("cpu_percent") or 0.0
            if cpu > 0:
                top.append((cpu, process_name(proc.info)))
        top.sort(reverse=True)
        box = self._box.ask() if self._box is not None else dict  # asked at the same moment as the support server
        link = self._link.ask() if self._link is not None else dict
        return {
            "cpu": psutil.cpu_percent(interval=None),
            "mem": psutil.virtual_memory().percent,
            **{k: round(v) for k, v in rates.items()},
            "top": [{"name": n, "cpu": round(c, 1)} for c, n in top[:3]],
            "support_ms": self._probe(),
            **box(),
            **link(),
        }

    def start(self) -> None:
        # the recording starts here, not when the window that offers it opened: marks were late by the time the customer
        # took to press Start (their offsets counted from the dialog's opening, the samples' from Start)
        self._begin = self.monotonic()
        self.recording.started_at = self.clock()
        if self._box is not None:
            self._box.find()
        self._thread = threading.Thread(target=self._loop, name="recorder", daemon=True)
        self._thread.start()

    def _loop(self) -> None:
        begin = self._begin
        while not self._stop.is_set():
            offset = self.monotonic() - begin
            if offset > self.max_seconds or len(self.recording.samples) >= self.max_samples:
                self.recording.stopped_because = "time limit"
                break
            try:
                sample = self._sampler()
            except Exception as exc:  # a failing sampler ends the recording, keeping what it has
                self.recording.stopped_because = f"error: {type(exc).__name__}"
                break
            sample["t"] = round(offset, 2)
            self.recording.samples.append(sample)
            self._stop.wait(max(0.0, self.interval - (self.monotonic() - begin - offset)))
        self._note_box()
        self._stop.set()

    def _note_box(self) -> None:
        if self._box is not None:
            self.recording.box = self._box.facts()
        if self._link is not None:
            self.recording.link = self._link.facts()

    def mark(self, label: str = "") -> float:
        """The user says "it happened now"; returns the mark's offset in seconds."""
        offset = round(self.monotonic() - self._begin, 2)
        self.recording.marks.append({"t": offset, "label": label or _(MARK)})
        return offset

    def stop(self) -> Recording:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=5)
        self._note_box()
        return self.recording

    def wait(self, timeout: float | None = None) -> bool:
        return self._stop.wait(timeout)

    @property
    def started(self) -> bool:
        return self._thread is not None

    @property
    def running(self) -> bool:
        return not self._stop.is_set()


#: a recording stopped by the person with fewer samples than this (about five seconds) and no mark is not kept
MIN_SAMPLES = 5


def worth_keeping(recording: Recording | Mapping[str, Any]) -> bool:
    """Whether a recording is saved for the next bundle. Start then Stop (or Close) at once, with no "It happened now",
    made a recording of 0 or 1 sample that became the one the next bundle offers, hiding the person's earlier real
    recording: one they stopped before it could show anything is not kept. A mark, or the time limit reached, always is.

    The same rule reads a recording already saved (before the rule, or by ``selfcheck record``: :func:`latest`) or in a
    bundle (a mapping, the support card's): a near-empty one is not offered, nor shown to support."""
    if isinstance(recording, Recording):
        return bool(recording.marks) or recording.stopped_because != "stopped" or len(recording.samples) >= MIN_SAMPLES
    marks, samples = recording.get("marks"), recording.get("samples")
    return (
        isinstance(marks, list)
        and any(isinstance(m, Mapping) for m in marks)
        or recording.get("stopped_because", "stopped") != "stopped"
        or isinstance(samples, list)
        and len(samples) >= MIN_SAMPLES
    )


def recordings_dir() -> Path:
    return paths.user_data_dir() / "recordings"


def _number(path: Path) -> int:
    try:
        return int(path.stem.removeprefix("recording-"))
    except ValueError:
        return -1


def save(recording: Recording) -> Path:
    """Saved as recording-<n>.json, n the start's second, or one past the last saved when the clock went back (set right
    by hours between two recordings) or two started in the same second: a number never taken, the newest the highest."""
    folder = recordings_dir()
    paths.private_dir(folder)
    last = max((_number(f) for f in folder.glob("recording-*.json")), default=-1)
    path = folder / f"recording-{max(int(recording.started_at), last + 1)}.json"
    paths.write_private(path, json.dumps(recording.to_dict()))
    return path


def latest(max_age_seconds: float = 6 * 3600) -> Recording | None:
    """The newest recent recording worth offering: a near-empty one saved before :func:`worth_keeping` kept it out (or by
    ``selfcheck record``) is passed over, so it neither goes with the next bundle nor hides the real one made before it."""
    folder = recordings_dir()
    if not folder.is_dir():
        return None
    files = sorted(folder.glob("recording-*.json"), key=_number)  # by number: "recording-999…" sorted after "recording-1000…" by name
    for path in reversed(files):
        try:
            if time.time() - path.stat().st_mtime > max_age_seconds:
                return None
            found = Recording.from_dict(json.loads(path.read_text(encoding="utf-8")))
        except (OSError, ValueError, KeyError):
            return None
        if worth_keeping(found):
            return found
    return None


#: the button the customer presses while recording, and the mark it leaves on the chart
MARK = N_("It happened now")


def mark_words(label: object) -> str:
    """A mark's label as the chart's reader reads it: the button's words, which the recording keeps in the customer's
    language ("C’est arrivé maintenant"), in the reader's; any other label as it was given."""
    text = str(label or "")
    if not text or any(text == (MARK if lang == DEFAULT else catalogue(lang).get(MARK)) for lang in SUPPORTED):
        return _(MARK)
    return text


def timeline_svg(recording: Recording, width: int = 720, height: int = 200) -> str:
    """A self-contained SVG chart: CPU and memory lines, support-host reachability, the user's marks."""
    pad_l, pad_r, pad_t, pad_b = 40, 10, 20, 36
    plot_w, plot_h = width - pad_l - pad_r, height - pad_t - pad_b
    duration = max([s["t"] for s in recording.samples] + [m["t"] for m in recording.marks] + [1.0])

    def x(t: float) -> float:
        return pad_l + plot_w * t / duration

    def y(pct: float) -> float:
        return pad_t + plot_h * (1 - max(0.0, min(100.0, pct)) / 100)

    def line(key: str) -> str:
        pts = " ".join(f"{x(s['t']):.1f},{y(float(s.get(key) or 0)):.1f}" for s in recording.samples)
        return pts

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="{escape(_("Timeline of the recording"))}" font-family="sans-serif" font-size="11">',
        f'<rect x="{pad_l}" y="{pad_t}" width="{plot_w}" height="{plot_h}" fill="#f8fafc" stroke="#cbd5e1"/>',
    ]
    for pct in (0, 50, 100):
        parts.append(f'<text x="{pad_l - 4}" y="{y(pct) + 4:.1f}" text-anchor="end" fill="#475569">{pct}%</text>')
    parts.append(f'<polyline fill="none" stroke="#2563eb" stroke-width="2" points="{line("cpu")}"/>')
    parts.append(f'<polyline fill="none" stroke="#9333ea" stroke-width="2" stroke-dasharray="5 3" points="{line("mem")}"/>')
    for s in recording.samples:
        reachable = s.get("support_ms") is not None
        colour = "#16a34a" if reachable else "#dc2626"
        parts.append(f'<rect x="{x(s["t"]) - 2:.1f}" y="{height - pad_b + 6}" width="4" height="8" fill="{colour}"/>')
    for m in recording.marks:
        parts.append(f'<line x1="{x(m["t"]):.1f}" x2="{x(m["t"]):.1f}" y1="{pad_t}" y2="{height - pad_b}" stroke="#ea580c" stroke-width="2"/>')
        parts.append(f'<text x="{x(m["t"]) + 3:.1f}" y="{pad_t + 12}" fill="#ea580c">{escape(mark_words(m.get("label")))}</text>')
    legend = [("#2563eb", _("Processor")), ("#9333ea", _("Memory")), ("#16a34a", _("Support server answers")), ("#dc2626", _("No answer"))]
    lx = pad_l
    for colour, label in legend:
        parts.append(f'<rect x="{lx}" y="{height - 12}" width="10" height="8" fill="{colour}"/>')
        parts.append(f'<text x="{lx + 14}" y="{height - 4}" fill="#334155">{escape(label)}</text>')
        lx += 30 + 7 * len(label)
    parts.append(f'<text x="{width - pad_r}" y="{pad_t - 6}" text-anchor="end" fill="#475569">{escape(_("{seconds} s").format(seconds=int(duration)))}</text>')
    parts.append("</svg>")
    return "".join(parts)


def drawn(recording: Any) -> str | None:
    """A received bundle's recording (its recording.json: hostile) drawn here in the reader's language (:func:`timeline_svg`),
    or None where it cannot be read. Support's views draw it so (`selfcheck show --report`, the window's bundle view), never
    the bundle's own drawing: a received SVG could hold anything, and its words are the customer's language."""
    if not isinstance(recording, Mapping):
        return None
    try:
        return timeline_svg(Recording.from_dict(dict(recording)))
    except (ValueError, TypeError, KeyError, AttributeError, OverflowError):
        return None


def bundle_parts(app: Any, scan: Any) -> list[tuple[str, bytes]]:
    """The latest recording (if recent) for the bundle: recording.json and recording.svg."""
    found = latest()
    if found is None:
        return []
    return [("recording/recording.json", json.dumps(found.to_dict(), indent=1).encode()), ("recording/timeline.svg", timeline_svg(found).encode())]


# --- what a recording saw: the support card's cause and the customer's sentence (s32: the card said "No cause found"
# and the window showed only the chart, while the lab recording held 3 cuts of the line, the customer's mark in one)

#: at a mark, the processor this busy (in %) with the connection answering: a program keeping the computer busy
BUSY_CPU = 90.0
#: and its busiest program using at least this much of one core (in %): the one named
BUSY_PROGRAM_CPU = 50.0


def number_of(value: Any) -> float | None:
    """A number read from a recording (a bundle's: hostile), or None (a bool, NaN, a text, a huge value)."""
    ok = isinstance(value, int | float) and not isinstance(value, bool) and value == value and abs(value) < 1e9
    return float(value) if ok else None


def nearest_sample(samples: Sequence[Any], t: float, within: float = 2.5) -> dict[str, Any] | None:
    """The sample taken nearest to ``t`` (seconds into the recording), at most ``within`` seconds away, or None."""
    near = [s for s in samples if isinstance(s, dict) and (at := number_of(s.get("t"))) is not None and abs(at - t) <= within]
    return min(near, key=lambda s: abs(float(s["t"]) - t)) if near else None


def support_cuts(samples: list[Any]) -> list[tuple[float, float | None]]:
    """(start, end) of each run of samples where the support server did not answer; end None: still not at the end."""
    cuts: list[tuple[float, float | None]] = []
    start: float | None = None
    for s in samples:
        t = number_of(s.get("t")) if isinstance(s, dict) else None
        if t is None:
            continue
        if s.get("support_ms") is None:
            start = t if start is None else start
        elif start is not None:
            cuts.append((start, t))
            start = None
    if start is not None:
        cuts.append((start, None))
    return cuts


#: the recorder's own question to the box, in bytes both ways (headers included), left out of this computer's traffic: a
#: connection the box accepts and closes is about 480, one it turns away about 130; unanswered, a try on each of BOX_PORTS,
#: about 220 (lab, Linux). Without it a line cut 4 s showed 128 bytes a second during the cuts (the box's "refused") against
#: 867 between them, and the whole connection's fall was missed
BOX_ANSWERED_BYTES, BOX_SILENT_BYTES = 500, 250


def traffic_verdict(samples: Sequence[Any], cuts: Sequence[tuple[float, float | None]]) -> tuple[str | None, float, float]:
    """("fell" | "went_on" | None, traffic during the cuts, between them): this computer's own traffic (net_sent_bps +
    net_recv_bps, counted over the second before each sample; bytes a second, the medians) during the support server's cuts
    against between them, less the recorder's own questions to the box (BOX_ANSWERED_BYTES); None when the recording cannot
    tell. A sample within a second of a cut's edge counts for neither."""
    import statistics

    def traffic(s: dict[str, Any]) -> float | None:
        sent, recv = number_of(s.get("net_sent_bps")), number_of(s.get("net_recv_bps"))
        if sent is None or recv is None or sent < 0 or recv < 0:
            return None
        if "box_ms" not in s:
            return sent + recv
        return max(0.0, sent + recv - (BOX_ANSWERED_BYTES if number_of(s.get("box_ms")) is not None else BOX_SILENT_BYTES))

    inside: list[float] = []
    outside: list[float] = []
    ends = [(b, e if e is not None else float("inf")) for b, e in cuts]
    for s in samples:
        if not isinstance(s, dict) or number_of(s.get("t")) is None:
            continue
        t, amount = float(s["t"]), traffic(s)
        if amount is None:
            continue
        if any(b + 1 <= t < e for b, e in ends):
            inside.append(amount)
        elif not any(b - 1 <= t <= e + 1 for b, e in ends):
            outside.append(amount)
    if len(inside) < 2 or len(outside) < 3:
        return None, 0.0, 0.0
    during, between = statistics.median(inside), statistics.median(outside)
    if between > 0 and during <= 0.1 * between:
        return "fell", during, between
    if between > 0 and during >= 0.5 * between:
        return "went_on", during, between
    return None, during, between


#: why the box tells nothing of the cuts, beside Recording.box's "not_asked": a recording made before the recorder asked it,
#: and a box that never answered, not even between the cuts (one that ignores connections on BOX_PORTS)
BOX_NOT_RECORDED, BOX_NEVER_ANSWERED = "not_recorded", "never_answered"
#: why the box's answers do not settle where it cuts (BoxSeen.unsettled): no cut where it was asked all through (it was found
#: only after, or answered only at a cut's end); it did not answer steadily between the cuts; a cut with a lone silence (a lost
#: try, or a cut too short to tell); some cuts where it answered and some where it went silent
BOX_UNSETTLED_UNASKED, BOX_UNSETTLED_UNSTEADY, BOX_UNSETTLED_LONE, BOX_UNSETTLED_MIXED = "unasked", "unsteady", "lone", "mixed"
#: the box answering in a cut's last seconds is the line back already (the support server's answer comes a second or two
#: after the box's, its name looked up again: lab, lab_box_between.json, answers 2 s and 1 s before the cut's end): left out
BOX_CUT_END = 2.5
#: between the cuts, the box answering at least this share of the times it was asked: steady enough that its silence in a
#: cut means something
BOX_STEADY = 0.8


@dataclass
class BoxSeen:
    """What the internet box did during the support server's cuts (:func:`box_verdict`)."""

    #: "between": it stopped answering in the cuts too (the cut is between this computer and the box: the cable or Wi-Fi, or
    #: the box itself); "beyond": it answered all through every cut (the line or the provider); None: not settled
    where: str | None = None
    address: str = ""
    #: why it was not asked, or never answered (BOX_NOT_RECORDED, BOX_NO_ROUTE, BOX_NOT_ALLOWED, BOX_NOT_FOUND_YET,
    #: BOX_NEVER_ANSWERED); "" when its answers are in the recording
    not_asked: str = ""
    #: (answered, asked) during the cuts, and between them (a sample within a second of a cut's edge counts for neither)
    during: tuple[int, int] = (0, 0)
    between: tuple[int, int] = (0, 0)
    #: for "between": how long it was silent in a cut, usually (the median over the cuts), in seconds
    silent_seconds: float = 0.0
    #: the ports it was asked on (as recorded: at most 5, each a port number)
    ports: tuple[int, ...] = ()
    #: where it was asked but "where" is None, why (BOX_UNSETTLED_UNASKED, BOX_UNSETTLED_UNSTEADY, BOX_UNSETTLED_LONE,
    #: BOX_UNSETTLED_MIXED)
    unsettled: str = ""
    #: for BOX_NO_ROUTE, how many times the recorder looked for it (1: at Start only, as recordings made before review 35b)
    looks: int = 1


def box_verdict(recording: Mapping[str, Any], samples: Sequence[Any], cuts: Sequence[tuple[float, float | None]], interval: float = 1.0) -> BoxSeen:
    """Where the cuts are, from the box's answers (``box_ms`` of each sample, asked at the same moment as the support server).
    A cut where the box answered every time: beyond it; one where it was silent twice or more (or in the cut's only sample):
    between this computer and it; one lone silence: neither (a lost try). The support server's own answer comes back a
    second or two after the box's when a cut ends (its name is looked up again), so the box answering in a cut's last
    BOX_CUT_END seconds is no answer during it (left out); a cut where the box was not asked yet (not found yet: on Windows
    the routing table takes seconds) tells nothing. Settled only when every cut told agrees and the box answered steadily
    between the cuts."""
    box = recording.get("box")
    if not isinstance(box, Mapping):
        return BoxSeen(not_asked=BOX_NOT_RECORDED)
    address = box.get("address")
    if not isinstance(address, str) or not address:
        why, looked = box.get("not_asked"), box.get("looked")
        looks = looked if isinstance(looked, int) and not isinstance(looked, bool) and 1 < looked < 100000 else 1
        return BoxSeen(not_asked=why if why in (BOX_NO_ROUTE, BOX_NOT_ALLOWED, BOX_NOT_FOUND_YET) else BOX_NOT_RECORDED, looks=looks)
    listed = box.get("ports")
    ports = tuple(p for p in (listed if isinstance(listed, list) else [])[:5] if isinstance(p, int) and not isinstance(p, bool) and 0 < p < 65536)
    out = BoxSeen(address=address[:60], ports=ports)
    ends = [(b, e if e is not None else float("inf")) for b, e in cuts]
    silences: list[list[bool]] = [[] for _cut in ends]  # per cut, each asked sample: was the box silent
    unasked = [False for _cut in ends]  # per cut: a sample in it where the box was not asked yet (not found yet)
    between = [0, 0]
    for s in samples:
        t = number_of(s.get("t")) if isinstance(s, dict) else None
        if t is None:
            continue
        inside = next((i for i, (b, e) in enumerate(ends) if b <= t < e), None)
        if "box_ms" not in s:
            if inside is not None:
                unasked[inside] = True
            continue
        answered = number_of(s.get("box_ms")) is not None
        if inside is not None:
            if not (answered and t >= ends[inside][1] - BOX_CUT_END):  # an answer at the cut's end: the line back already
                silences[inside].append(not answered)
        elif not any(b - 1 <= t <= e + 1 for b, e in ends):
            between[0] += answered
            between[1] += 1
    asked = [c for c, late in zip(silences, unasked, strict=True) if c and not late]  # a cut the box was asked all through
    out.during = (sum(c.count(False) for c in asked), sum(len(c) for c in asked))
    out.between = (between[0], between[1])
    if between[1] and not between[0]:
        out.not_asked = BOX_NEVER_ANSWERED
        return out
    told = ["beyond" if not any(c) else "between" if sum(c) >= min(2, len(c)) else None for c in asked]
    if not asked:
        out.unsettled = BOX_UNSETTLED_UNASKED
    elif not between[1] or between[0] < BOX_STEADY * between[1]:
        out.unsettled = BOX_UNSETTLED_UNSTEADY
    elif None in told:
        out.unsettled = BOX_UNSETTLED_LONE
    elif len(set(told)) > 1:
        out.unsettled = BOX_UNSETTLED_MIXED
    else:
        out.where = told[0]
    if out.where == "between":
        quiet = sorted(sum(c) for c in asked)
        out.silent_seconds = max(1.0, quiet[len(quiet) // 2] * interval)
    return out


#: why the link tells nothing of the cuts, beside Recording.link's "not_recorded": a recording made before the recorder read it
LINK_NOT_RECORDED = "not_recorded"


@dataclass
class LinkSeen:
    """What this computer's own link did during the support server's cuts (:func:`link_verdict`)."""

    #: "down": it went down in every cut told; "up": it stayed up all through every cut told; "mixed": down in some, up in
    #: others; None: no cut told (no reading in any)
    verdict: str | None = None
    interface: str = ""
    #: whether it is Wi-Fi, as the recorder knew it (None: not known there; the card asks the scan's network.link)
    wireless: bool | None = None
    #: why it was not read (LINK_NOT_RECORDED, LINK_NO_INTERFACE, LINK_FAILED, LINK_NOT_FOUND_YET); "" when it was
    not_recorded: str = ""
    #: cuts told, and those where it went down
    cuts: int = 0
    cuts_down: int = 0
    #: (up, read) during the cuts, and between them (a sample within a second of a cut's edge counts for neither)
    during: tuple[int, int] = (0, 0)
    between: tuple[int, int] = (0, 0)
    #: for "down" and "mixed": how long it was down in a cut where it went down, usually (the median), in seconds
    down_seconds: float = 0.0


def link_verdict(recording: Mapping[str, Any], samples: Sequence[Any], cuts: Sequence[tuple[float, float | None]], interval: float = 1.0) -> LinkSeen:
    """What this computer's own link did in the support server's cuts (``link_up`` of each sample, read at the same moment):
    a cut with one reading or more where it was down, down; one where every reading was up, up. One reading is enough: the
    OS's flag is not a question that can get lost on the way, as the box's answer can."""
    link = recording.get("link")
    if not isinstance(link, Mapping):
        return LinkSeen(not_recorded=LINK_NOT_RECORDED)
    interface = link.get("interface")
    if not isinstance(interface, str) or not interface:
        why = link.get("not_recorded")
        return LinkSeen(not_recorded=why if why in (LINK_NO_INTERFACE, LINK_FAILED, LINK_NOT_FOUND_YET) else LINK_NOT_RECORDED)
    wireless = link.get("wireless")
    out = LinkSeen(interface=interface[:40], wireless=wireless if isinstance(wireless, bool) else None)
    ends = [(b, e if e is not None else float("inf")) for b, e in cuts]
    ups: list[list[bool]] = [[] for _cut in ends]
    between = [0, 0]
    for s in samples:
        t = number_of(s.get("t")) if isinstance(s, dict) else None
        up = s.get("link_up") if isinstance(s, dict) else None
        if t is None or not isinstance(up, bool):
            continue
        inside = next((i for i, (b, e) in enumerate(ends) if b <= t < e), None)
        if inside is not None:
            ups[inside].append(up)
        elif not any(b - 1 <= t <= e + 1 for b, e in ends):
            between[0] += up
            between[1] += 1
    told = [c for c in ups if c]
    out.during = (sum(c.count(True) for c in told), sum(len(c) for c in told))
    out.between = (between[0], between[1])
    out.cuts, out.cuts_down = len(told), sum(not all(c) for c in told)
    if not told:
        return out
    out.verdict = "down" if out.cuts_down == out.cuts else "up" if not out.cuts_down else "mixed"
    if out.cuts_down:
        down = sorted(c.count(False) for c in told if not all(c))
        out.down_seconds = max(1.0, down[len(down) // 2] * interval)
    return out


@dataclass
class Seen:
    """What a recording saw, for the support card's cause and the customer's sentence (computed here, rendered there)."""

    #: how long it recorded, in seconds
    seconds: float = 0.0
    #: whether the connection was measured (a support server set)
    measured: bool = False
    #: the support server's cuts: (start, end), end None when it was still not answering at the end
    cuts: list[tuple[float, float | None]] = field(default_factory=list)
    #: a "It happened now" mark fell in a cut
    marked_cut: bool = False
    #: at a mark, the processor busy and the connection answering: the processor's % and its busiest program's name
    #: and share of one core (the name as recorded: hostile, the caller makes it inert or leaves it out)
    busy_cpu: float | None = None
    busy_name: str = ""
    busy_share: float = 0.0
    #: this computer's own traffic during the cuts (traffic_verdict): "fell" (the whole connection), "went_on" (only the
    #: support server stopped answering), None (the recording cannot tell)
    traffic: str | None = None
    #: what the internet box did during the cuts (box_verdict), None when no cut was seen
    box: BoxSeen | None = None
    #: what this computer's own link did during the cuts (link_verdict), None when no cut was seen
    link: LinkSeen | None = None

    @property
    def cut_out(self) -> bool:
        """The connection cut out: the support server stopped answering twice or more, or once at a marked moment, and this
        computer's own traffic did not go on meanwhile (then only the support server stopped: agent round 49)."""
        return (len(self.cuts) >= 2 or (len(self.cuts) == 1 and self.marked_cut)) and self.traffic != "went_on"

    @property
    def busy(self) -> bool:
        return self.busy_cpu is not None and bool(self.busy_name)

    @property
    def typical_cut(self) -> float | None:
        """The cuts' usual length (the median of those that ended), in seconds, or None when none ended."""
        lengths = sorted(e - b for b, e in self.cuts if e is not None)
        return max(1.0, lengths[len(lengths) // 2]) if lengths else None


def recording_interval(data: Mapping[str, Any]) -> float:
    """The seconds between a recording's samples as it says (hostile: bounded), else 1."""
    interval = number_of(data.get("interval"))
    return interval if interval and 0 < interval <= 60 else 1.0


def seen(recording: Any) -> Seen | None:
    """What ``recording`` (a :class:`Recording` or its dict, as in a bundle: hostile) saw, or None when it holds no sample."""
    data = recording.to_dict() if isinstance(recording, Recording) else recording
    if not isinstance(data, dict) or not isinstance(data.get("samples"), list):
        return None
    samples = [s for s in data["samples"][:5000] if isinstance(s, dict) and number_of(s.get("t")) is not None]
    if not samples:
        return None
    marked = data.get("marks")
    marks = [float(m["t"]) for m in (marked if isinstance(marked, list) else [])[:20] if isinstance(m, dict) and number_of(m.get("t")) is not None]
    target = data.get("target")
    out = Seen(seconds=max(float(s["t"]) for s in samples), measured=isinstance(target, str) and bool(target))
    out.cuts = support_cuts(samples) if out.measured else []
    out.traffic = traffic_verdict(samples, out.cuts)[0] if out.cuts else None
    interval = recording_interval(data)
    out.box = box_verdict(data, samples, out.cuts, interval) if out.cuts else None
    out.link = link_verdict(data, samples, out.cuts, interval) if out.cuts else None
    for t in marks:
        if any(b <= t and (e is None or t < e) for b, e in out.cuts):
            out.marked_cut = True
            continue
        sample = nearest_sample(samples, t)
        cpu = number_of(sample.get("cpu")) if sample is not None else None
        listed = sample.get("top") if sample is not None else None
        top = [
            (float(p["cpu"]), p["name"])
            for p in (listed if isinstance(listed, list) else [])[:10]
            if isinstance(p, dict) and isinstance(p.get("name"), str) and number_of(p.get("cpu")) is not None
        ]
        if cpu is not None and cpu >= BUSY_CPU and top and out.busy_cpu is None:
            share, name = max(top, key=lambda p: p[0])
            if share >= BUSY_PROGRAM_CPU and name.strip():
                out.busy_cpu, out.busy_name, out.busy_share = cpu, name, share
    return out


def what_it_saw(recording: Any) -> str:
    """One plain sentence for the customer's window once a recording stops: what it saw (no address, no figure but a
    count of cuts), or "" when it saw too little to say (the words: selfcheck.recorded.saw)."""
    from selfcheck.recorded import saw

    return saw(seen(recording))


def tell_in_verdict(scan: Any, recording: Any, config: Any = None) -> bool:
    """The verdict of ``scan`` (a runner.Scan, changed in place) says what ``recording`` (a Recording, or its dict as in a
    bundle: hostile) found, where the scan found nothing (verdict.recorded: a problem that comes and goes passes every check
    made between two of its times); True when it changed. A near-empty recording (:func:`worth_keeping`) tells nothing."""
    import dataclasses

    from selfcheck.verdict import of_scan, recorded

    if recording is None or not isinstance(recording, Recording | Mapping) or not worth_keeping(recording):
        return False
    before = of_scan(scan)
    told = recorded(before, seen(recording), scan.facts if isinstance(scan.facts, Mapping) else {}, config)
    if told is before:
        return False
    scan.diagnosis = dataclasses.replace(scan.diagnosis, verdict=told, headline=told.headline, action=told.action.text if told.action else None)
    return True
