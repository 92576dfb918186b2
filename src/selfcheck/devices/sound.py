"""Speakers and microphones as facts (Linux: PulseAudio or PipeWire through the pulse protocol).

The sound server is asked with ``pactl -f json`` (pulseaudio-utils; PipeWire
answers it through pipewire-pulse): structured, language-independent output,
and a sound server that hangs cannot hang selfcheck (the program has a
timeout). pulsectl (ctypes over libpulse) would avoid the program but runs the
protocol in our own process, where a stuck server blocks a thread we cannot
stop. The microphone's level is measured by recording two seconds with
``parec`` (same package) and computing the loudness here: no audio library in
the installers.
"""

from __future__ import annotations

import json
import math
import os
import struct
import subprocess
import tempfile
import threading
import wave
from collections.abc import Callable
from pathlib import Path
from typing import Any

from selfcheck.api import CommandOutput

Run = Callable[..., CommandOutput]

DUMMY_SINKS = ("auto_null",)


def _percent(volume: Any) -> int | None:
    """The loudest channel's volume, in percent (pactl: {"front-left": {"value_percent": "40%"}})."""
    values = []
    if isinstance(volume, dict):
        for channel in volume.values():
            if isinstance(channel, dict):
                text = str(channel.get("value_percent", "")).rstrip("%")
                if text.isdigit():
                    values.append(int(text))
    return max(values) if values else None


def _port_available(device: dict[str, Any]) -> str:
    active = device.get("active_port")
    for port in device.get("ports") or []:
        if isinstance(port, dict) and port.get("name") == active:
            return str(port.get("availability") or "unknown").replace(" ", "_")
    return "unknown"


def _device(raw: dict[str, Any]) -> dict[str, Any]:
    props = raw.get("properties") or {}
    return {
        "name": str(raw.get("name") or "")[:120],
        "description": str(raw.get("description") or "")[:80],
        "mute": bool(raw.get("mute")),
        "volume_percent": _percent(raw.get("volume")),
        "state": str(raw.get("state") or "").lower(),
        "port": str(raw.get("active_port") or "")[:60],
        "port_available": _port_available(raw),
        "bus": str(props.get("device.bus") or "")[:20],
        "form": str(props.get("device.form_factor") or "")[:20],
        "monitor": props.get("device.class") == "monitor" or str(raw.get("name", "")).endswith(".monitor"),
    }


def _json(run: Run, args: list[str], timeout: float) -> tuple[Any, str | None]:
    out = run(["pactl", "-f", "json", *args], timeout=timeout)
    if out.missing:
        return None, "tool_missing"
    if out.timed_out:
        return None, "no_answer"
    if out.returncode != 0:
        text = (out.stderr or "").lower()
        return None, "not_running" if ("connection" in text or "refused" in text or "access" in text) else "error"
    try:
        return json.loads(out.stdout or "null"), None
    except ValueError:
        return None, "bad_output"


def collect_pulse(run: Run, timeout: float = 2.0) -> dict[str, Any]:
    """Output and input devices, the defaults and the apps recording now."""
    info, problem = _json(run, ["info"], timeout)
    if problem or not isinstance(info, dict):
        return {"source": "pulse", "server": problem or "bad_output", "server_socket": server_socket_present(), "sound_cards": sound_cards()}
    facts: dict[str, Any] = {
        "source": "pulse",
        "server": "running",
        "server_name": str(info.get("server_name") or "")[:60],
        "default_sink": info.get("default_sink_name"),
        "default_source": info.get("default_source_name"),
    }
    sinks, _problem = _json(run, ["list", "sinks"], timeout)
    sources, _problem = _json(run, ["list", "sources"], timeout)
    outputs, _problem = _json(run, ["list", "source-outputs"], timeout)
    facts["sinks"] = [_device(s) for s in sinks or [] if isinstance(s, dict)]
    facts["sources"] = [_device(s) for s in sources or [] if isinstance(s, dict)]
    recording = []
    for out in outputs or []:
        props = out.get("properties") or {} if isinstance(out, dict) else {}
        name = props.get("application.name") or props.get("application.process.binary")
        if name and str(props.get("application.process.id")) != str(os.getpid()):
            recording.append(str(name)[:60])
    facts["recording_apps"] = sorted(set(recording))
    return facts


def server_socket_present() -> bool:
    """Whether a sound server's socket is there (a server that died leaves it; a computer without one has none)."""
    server = os.environ.get("PULSE_SERVER", "")
    if server.startswith("unix:"):
        return os.path.exists(server[5:])
    runtime = os.environ.get("XDG_RUNTIME_DIR") or f"/run/user/{getattr(os, 'getuid', lambda: 0)()}"
    return any(os.path.exists(os.path.join(runtime, name)) for name in ("pulse/native", "pipewire-0"))


def sound_cards() -> int | None:
    """Sound cards the kernel knows (/proc/asound/cards); None when it cannot tell."""
    try:
        text = Path("/proc/asound/cards").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return 0 if not os.path.exists("/dev/snd") else None
    return sum(1 for line in text.splitlines() if line[:4].strip().isdigit())


def measure_level(source: str, seconds: float = 2.0, rate: int = 16000) -> dict[str, Any]:
    """Record ``seconds`` from ``source`` and say how loud it was (dBFS; -inf for digital silence)."""
    try:
        proc = subprocess.Popen(
            ["parec", f"--device={source}", "--raw", "--format=s16le", f"--rate={rate}", "--channels=1", "--latency-msec=50"],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )
    except FileNotFoundError:
        return {"status": "tool_missing"}
    except OSError as exc:
        return {"status": "error", "error": str(exc)[:100]}
    wanted = int(seconds * rate) * 2
    data = bytearray()

    def read() -> None:
        assert proc.stdout is not None
        while len(data) < wanted:
            chunk = proc.stdout.read(min(4096, wanted - len(data)))
            if not chunk:
                return
            data.extend(chunk)

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    reader.join(seconds + 1.5)  # a source that gives nothing must not hold the check
    proc.kill()
    proc.wait(2)
    reader.join(1)
    samples = len(data) // 2
    if samples < rate // 4:
        return {"status": "no_data", "seconds": round(samples / rate, 2)}
    values = struct.unpack(f"<{samples}h", bytes(data[: samples * 2]))
    peak = max(abs(v) for v in values)
    rms = math.sqrt(sum(v * v for v in values) / samples)
    return {"status": "ok", "seconds": round(samples / rate, 2), "peak_dbfs": _dbfs(peak), "rms_dbfs": _dbfs(rms)}


def _dbfs(value: float) -> float:
    return round(20 * math.log10(value / 32768), 1) if value > 0 else -120.0


def test_tone(seconds: float = 1.2, rate: int = 44100) -> Path:
    """A gentle two-note chime as a WAV file (deleted by the caller)."""
    handle, name = tempfile.mkstemp(prefix="selfcheck-sound-", suffix=".wav")
    os.close(handle)
    frames = bytearray()
    for i in range(int(seconds * rate)):
        t = i / rate
        freq = 660 if t < seconds / 2 else 880
        fade = min(1.0, t * 20, (seconds - t) * 20)
        frames += struct.pack("<h", int(0.3 * fade * 32767 * math.sin(2 * math.pi * freq * t)))
    with wave.open(name, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(bytes(frames))
    return Path(name)


def _play_tone(run: Run, command: Callable[[str], list[str]], timeout: float) -> bool:
    """Write the chime, play it with ``command(path)`` to the end, delete it; True when the player succeeded."""
    tone = test_tone()
    try:
        return run(command(str(tone)), timeout=timeout).returncode == 0
    finally:
        tone.unlink(missing_ok=True)


def play_test_sound(run: Run, sink: str | None) -> bool:
    """Play the chime on ``sink`` (the default output when None); True when it played to the end."""
    return _play_tone(run, lambda path: ["paplay", *([f"--device={sink}"] if sink else []), path], 5)


def play_test_sound_windows(run: Run) -> bool:
    """Windows: play the chime on the default output (System.Media.SoundPlayer, to the end)."""
    script = "(New-Object System.Media.SoundPlayer '{}').PlaySync()"
    return _play_tone(run, lambda path: ["powershell", "-NoProfile", "-NonInteractive", "-Command", script.format(path.replace("'", "''"))], 10)


def play_test_sound_macos(run: Run) -> bool:
    """macOS: play the chime on the current output with afplay (part of every macOS), to the end."""
    return _play_tone(run, lambda path: ["/usr/bin/afplay", path], 5)


def pactl(*args: str, timeout: float = 5.0) -> bool:
    """Change a sound setting (the fixes); True when the server accepted it."""
    try:
        return subprocess.run(["pactl", *args], capture_output=True, timeout=timeout, check=False).returncode == 0
    except (OSError, subprocess.TimeoutExpired):
        return False
