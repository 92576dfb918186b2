"""Record while it happens: sample the machine once a second while the user
reproduces the problem, and mark the moment they say "it happened now".

Bounded in time (``record.max_seconds``, default 300) and so in memory (one
small sample per interval). Each sample holds CPU, memory, disk and network
throughput, the top processes, and whether the support host answers (a TCP
connect, so it works without ICMP). The recording goes into the bundle with
a timeline chart (:func:`timeline_svg`) shown in report.html and in the app.
"""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from xml.sax.saxutils import escape

from selfcheck import paths
from selfcheck.i18n import _

MAX_SECONDS_LIMIT = 900


@dataclass
class Recording:
    started_at: float
    interval: float
    samples: list[dict[str, Any]] = field(default_factory=list)
    marks: list[dict[str, Any]] = field(default_factory=list)
    target: str | None = None
    stopped_because: str = "stopped"

    def to_dict(self) -> dict[str, Any]:
        return {
            "started_at": self.started_at,
            "interval": self.interval,
            "target": self.target,
            "stopped_because": self.stopped_because,
            "samples": self.samples,
            "marks": self.marks,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Recording:
        return cls(
            float(data["started_at"]),
            float(data.get("interval", 1.0)),
            list(data.get("samples", [])),
            list(data.get("marks", [])),
            data.get("target"),
            str(data.get("stopped_because", "stopped")),
        )


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
        limit = float(max_seconds if max_seconds is not None else (config.get("record.max_seconds", 300) if config is not None else 300))
        self.max_seconds = max(1.0, min(limit, MAX_SECONDS_LIMIT))
        self.interval = max(0.05, interval)
        self.clock = clock
        # offsets (samples and marks) by the steady clock: the wall clock may be set while recording (a time server
        # correcting it by hours put a mark hours away from the samples); ``clock`` only dates the start
        self.monotonic = monotonic
        self._begin = monotonic()
        self.target = support_target(config) if config is not None else None
        self._probe = SupportProbe(self.target)
        self._sampler = sampler or self._sample
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._last_io: tuple[float, Any, Any] | None = None
        self.recording = Recording(clock(), self.interval, target=f"{self.target[0]}:{self.target[1]}" if self.target else None)

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
        return {
            "cpu": psutil.cpu_percent(interval=None),
            "mem": psutil.virtual_memory().percent,
            **{k: round(v) for k, v in rates.items()},
            "top": [{"name": n, "cpu": round(c, 1)} for c, n in top[:3]],
            "support_ms": self._probe(),
        }

    def start(self) -> None:
        # the recording starts here, not when the window that offers it opened: marks were late by the time the customer
        # took to press Start (their offsets counted from the dialog's opening, the samples' from Start)
        self._begin = self.monotonic()
        self.recording.started_at = self.clock()
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
        self._stop.set()

    def mark(self, label: str = "") -> float:
        """The user says "it happened now"; returns the mark's offset in seconds."""
        offset = round(self.monotonic() - self._begin, 2)
        self.recording.marks.append({"t": offset, "label": label or _("It happened now")})
        return offset

    def stop(self) -> Recording:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=5)
        return self.recording

    def wait(self, timeout: float | None = None) -> bool:
        return self._stop.wait(timeout)

    @property
    def started(self) -> bool:
        return self._thread is not None

    @property
    def running(self) -> bool:
        return not self._stop.is_set()


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
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(recording.to_dict()), encoding="utf-8")
    paths.private_file(tmp)
    tmp.replace(path)
    return path


def latest(max_age_seconds: float = 6 * 3600) -> Recording | None:
    folder = recordings_dir()
    if not folder.is_dir():
        return None
    files = sorted(folder.glob("recording-*.json"), key=_number)  # by number: "recording-999…" sorted after "recording-1000…" by name
    if not files or time.time() - files[-1].stat().st_mtime > max_age_seconds:
        return None
    try:
        return Recording.from_dict(json.loads(files[-1].read_text(encoding="utf-8")))
    except (OSError, ValueError, KeyError):
        return None


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
        parts.append(f'<text x="{x(m["t"]) + 3:.1f}" y="{pad_t + 12}" fill="#ea580c">{escape(str(m.get("label", "")))}</text>')
    legend = [("#2563eb", _("Processor")), ("#9333ea", _("Memory")), ("#16a34a", _("Support server answers")), ("#dc2626", _("No answer"))]
    lx = pad_l
    for colour, label in legend:
        parts.append(f'<rect x="{lx}" y="{height - 12}" width="10" height="8" fill="{colour}"/>')
        parts.append(f'<text x="{lx + 14}" y="{height - 4}" fill="#334155">{escape(label)}</text>')
        lx += 30 + 7 * len(label)
    parts.append(f'<text x="{width - pad_r}" y="{pad_t - 6}" text-anchor="end" fill="#475569">{escape(_("{seconds} s").format(seconds=int(duration)))}</text>')
    parts.append("</svg>")
    return "".join(parts)


def bundle_parts(app: Any, scan: Any) -> list[tuple[str, bytes]]:
    """The latest recording (if recent) for the bundle: recording.json and recording.svg."""
    found = latest()
    if found is None:
        return []
    return [("recording/recording.json", json.dumps(found.to_dict(), indent=1).encode()), ("recording/timeline.svg", timeline_svg(found).encode())]
