"""Wall time of ``selfcheck scan --category devices --json``: healthy, with every device service
missing, and with every device service hung (it accepts the connection and never answers).

    sudo .venv/bin/python benchmarks/devices_scan.py [--repeat 5]

Healthy = the labs of tests/devicelab.py: a private print service with a ready network printer,
a private sound server with speakers and a microphone that hears a tone, and the BlueZ stand-in
with a connected headset. Target (issue 18): at most 1.5 s healthy; never hangs when a service is
missing or stuck. Prints the figures and each check's own duration; asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

import devicelab  # noqa: E402


def scan(env: dict[str, str]) -> tuple[float, dict]:
    script = Path(sys.executable).with_name("selfcheck")
    start = time.perf_counter()
    out = subprocess.run([str(script), "scan", "--category", "devices", "--json"], capture_output=True, text=True, env=env, timeout=120)
    seconds = time.perf_counter() - start
    try:
        return seconds, json.loads(out.stdout)
    except ValueError:
        return seconds, {}


def report(name: str, env: dict[str, str], repeat: int) -> None:
    scan(env)  # warm the file cache
    runs = [scan(env) for _ in range(repeat)]
    walls = [w for w, _ in runs]
    inside = [d.get("duration", 0) for _, d in runs if d]
    print(
        f"{name}: whole process median {statistics.median(walls):.3f} s (best {min(walls):.3f}); scan inside the process median {statistics.median(inside):.3f} s"
    )
    last = runs[-1][1]
    for r in sorted(last.get("results", []), key=lambda r: -r["duration"]):
        print(f"    {r['id']:22} {r['status']:5} {r['duration']:.3f} s  {r['summary']}")


def silent_unix_server(path: str) -> None:
    """A service that accepts connections and never answers."""
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(path)
    server.listen(16)
    held = []

    def serve() -> None:
        while True:
            try:
                held.append(server.accept()[0])
            except OSError:
                return

    threading.Thread(target=serve, daemon=True).start()


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    base = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    with tempfile.TemporaryDirectory() as home:
        base["SELFCHECK_HOME"] = home
        base["HOME"] = home
        cups = devicelab.CupsLab().start()
        printer = devicelab.IppPrinter(Path(tempfile.mkdtemp(prefix="selfcheck-printer-"))).start()
        sound = devicelab.SoundLab().start()
        bluez = devicelab.BluezStandIn().start()
        try:
            cups.add_printer("Office", printer.uri, default=True)
            sound.add_speakers("speakers", "Speakers")
            sound.add_microphone("headset", "Headset", feed="tone")
            sound.set_default("source", "headset")
            bluez.mock_call("AddAdapter", "ss", "hci0", "my-computer")
            bluez.mock_call("AddDevice", "sss", "hci0", "00:11:22:33:44:55", "Headset")
            bluez.mock_call("PairDevice", "ssu", "hci0", "00:11:22:33:44:55", "2360324")
            bluez.mock_call("ConnectDevice", "ss", "hci0", "00:11:22:33:44:55")
            healthy = {**base, **cups.env, **sound.env, **bluez.env}
            report("healthy (printer, speakers, microphone, Bluetooth headset)", healthy, args.repeat)
            missing_dir = tempfile.mkdtemp(prefix="selfcheck-none-")
            missing = {
                **base,
                "CUPS_SERVER": f"{missing_dir}/cups.sock",
                "XDG_RUNTIME_DIR": missing_dir,
                "PULSE_SERVER": f"unix:{missing_dir}/pulse",
                "DBUS_SYSTEM_BUS_ADDRESS": f"unix:path={missing_dir}/bus",
            }
            report("every device service missing", missing, args.repeat)
            hung_dir = tempfile.mkdtemp(prefix="selfcheck-hung-")
            for name in ("cups.sock", "pulse", "bus"):
                silent_unix_server(f"{hung_dir}/{name}")
            hung = {
                **base,
                "CUPS_SERVER": f"{hung_dir}/cups.sock",
                "XDG_RUNTIME_DIR": hung_dir,
                "PULSE_SERVER": f"unix:{hung_dir}/pulse",
                "DBUS_SYSTEM_BUS_ADDRESS": f"unix:path={hung_dir}/bus",
            }
            report("every device service hung (accepts, never answers)", hung, max(1, args.repeat // 2))
        finally:
            bluez.stop()
            sound.stop()
            printer.stop()
            cups.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
