"""Labs with the real device services, private to a test session (not a test module).

- :class:`CupsLab`: a private ``cupsd`` (its own ServerRoot, StateDir, CacheDir,
  a loopback port and a socket in its folder; never /etc/cups), clients pointed
  at it with ``CUPS_SERVER``.
- :class:`IppPrinter`: a simulated network printer, ``ippeveprinter`` on
  loopback, with a private system D-Bus (``DBUS_SYSTEM_BUS_ADDRESS``). Its web
  forms set toner and paper; its print command can report a paper jam.
- :class:`SoundLab`: PipeWire + WirePlumber + pipewire-pulse in a private
  ``XDG_RUNTIME_DIR`` with a private session bus.

Other engineers' tests may use these (the repairs engineer does): each lab
stops everything it started, by process id, in ``stop()``.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import fakeclock


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_for(predicate, timeout: float = 10.0, what: str = "") -> None:  # type: ignore[no-untyped-def]
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if predicate():
            return
        time.sleep(0.05)
    raise TimeoutError(f"lab: gave up waiting for {what}")


def _port_open(port: int) -> bool:
    with socket.socket() as s:
        s.settimeout(0.2)
        return s.connect_ex(("127.0.0.1", port)) == 0


def _stop(proc: subprocess.Popen[bytes] | None) -> None:
    if proc is None or proc.poll() is not None:
        return
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGTERM)
    try:
        proc.wait(5)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(5)


CUPSD_CONF = """\
Listen 127.0.0.1:{port}
Listen {socket}
LogLevel warn
Browsing No
DefaultAuthType None
WebInterface No
JobRetryInterval 1
<Location />
  Order allow,deny
  Allow all
</Location>
<Policy default>
  JobPrivateAccess all
  JobPrivateValues none
  SubscriptionPrivateAccess all
  SubscriptionPrivateValues none
  <Limit All>
    Order deny,allow
  </Limit>
</Policy>
"""

CUPS_FILES_CONF = """\
ServerRoot {dir}/root
StateDir {dir}/state
CacheDir {dir}/cache
RequestRoot {dir}/spool
TempDir {dir}/spool
ServerBin /usr/lib/cups
DataDir /usr/share/cups
AccessLog {dir}/log/access_log
ErrorLog {dir}/log/error_log
PageLog {dir}/log/page_log
User lp
Group lp
SystemGroup root
"""


class CupsLab:
    """A private CUPS print service (``cupsd -f``) for one test session."""

    def __init__(self, *, faketime: str | None = None) -> None:
        """``faketime``: run the service with its clock shifted (libfaketime, e.g. ``"-45m"``).

        Its folder is a fresh one in /tmp, not pytest's: cupsd's helpers run as the lp user and
        must reach the spooled documents (pytest's folders are private to root)."""
        self.faketime = faketime
        self.dir = Path(tempfile.mkdtemp(prefix="selfcheck-cups-"))
        self.dir.chmod(0o755)
        self.socket = str(self.dir / "cups.sock")
        self.port = free_port()
        self.proc: subprocess.Popen[bytes] | None = None

    @property
    def env(self) -> dict[str, str]:
        return {"CUPS_SERVER": self.socket}

    def start(self) -> CupsLab:
        for sub in ("root", "state", "cache", "spool", "log"):
            (self.dir / sub).mkdir(exist_ok=True)
        (self.dir / "cupsd.conf").write_text(CUPSD_CONF.format(port=self.port, socket=self.socket))
        (self.dir / "cups-files.conf").write_text(CUPS_FILES_CONF.format(dir=self.dir))
        # libfaketime preloaded, not the faketime wrapper: stopping the service (SIGTERM) would leave the wrapper's
        # shared files behind, and a later wrapper with the same process id would refuse to start (tests/fakeclock.py)
        clock = fakeclock.variables(self.faketime, real_monotonic=False) if self.faketime else {}
        self.proc = subprocess.Popen(
            ["cupsd", "-f", "-c", str(self.dir / "cupsd.conf"), "-s", str(self.dir / "cups-files.conf")],
            env={**os.environ, **clock},
            stdout=subprocess.DEVNULL,
            stderr=open(self.dir / "log" / "cupsd.out", "wb"),  # noqa: SIM115 - closed with the process
            start_new_session=True,
        )
        wait_for(lambda: os.path.exists(self.socket) and _port_open(self.port), what="cupsd")
        return self

    def stop(self) -> None:
        _stop(self.proc)
        shutil.rmtree(self.dir, ignore_errors=True)

    def run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        """Run a CUPS client program (lpadmin, lp, cupsdisable...) against this service."""
        return subprocess.run(list(args), env={**os.environ, **self.env}, capture_output=True, text=True, timeout=20, check=check)

    def add_printer(self, name: str, uri: str, *, default: bool = False) -> None:
        # a raw queue (no driver): the lab's printers take any document as is
        self.run("lpadmin", "-p", name, "-v", uri, "-E", "-o", "printer-error-policy=retry-current-job")
        if default:
            self.run("lpadmin", "-d", name)

    def submit(self, printer: str, text: str = "hello\n") -> int:
        out = subprocess.run(
            ["lp", "-d", printer, "-o", "document-format=text/plain"],
            input=text,
            env={**os.environ, **self.env},
            capture_output=True,
            text=True,
            timeout=20,
            check=True,
        )
        # "request id is Office-3 (1 file(s))"
        return int(out.stdout.split()[3].rsplit("-", 1)[1])

    def jobs(self) -> str:
        return self.run("lpstat", "-o", check=False).stdout


class IppPrinter:
    """A simulated IPP Everywhere printer (``ippeveprinter``) on loopback."""

    def __init__(self, folder: Path, name: str = "Office Printer") -> None:
        self.dir = folder
        self.dir.mkdir(parents=True, exist_ok=True)
        self.name = name
        self.port = free_port()
        self.proc: subprocess.Popen[bytes] | None = None
        self.bus: subprocess.Popen[bytes] | None = None
        self.command = self.dir / "print-command.sh"
        self.set_print_state("")

    @property
    def uri(self) -> str:
        return f"ipp://localhost:{self.port}/ipp/print"

    def set_print_state(self, state: str, *, busy: bool = False) -> None:
        """What the printer reports while printing, e.g. ``+media-jam`` (a paper jam); ``busy``: it never finishes a job."""
        line = f'echo "STATE: {state}" >&2\n' if state else ""
        wait = "sleep 600\n" if busy else ""
        self.command.write_text(f"#!/bin/sh\n{line}cat > /dev/null\n{wait}exit 0\n")
        self.command.chmod(0o755)

    def start(self) -> IppPrinter:
        bus_path = self.dir / "system_bus"
        if self.bus is None:
            self.bus = subprocess.Popen(
                ["dbus-daemon", "--session", f"--address=unix:path={bus_path}", "--nofork"],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                start_new_session=True,
            )
            wait_for(bus_path.exists, what="dbus-daemon")
        spool = self.dir / "spool"
        spool.mkdir(exist_ok=True)
        env = {**os.environ, "DBUS_SYSTEM_BUS_ADDRESS": f"unix:path={bus_path}"}
        for _attempt in range(3):  # a free port may be taken by someone else before the printer binds it
            log = open(self.dir / "ippeveprinter.log", "wb")  # noqa: SIM115 - closed with the process
            self.proc = subprocess.Popen(
                [
                    "ippeveprinter",
                    "-r",
                    "off",
                    "-f",
                    "text/plain,application/pdf,image/jpeg,image/pwg-raster",
                    "-n",
                    "localhost",
                    "-p",
                    str(self.port),
                    "-d",
                    str(spool),
                    "-c",
                    str(self.command),
                    self.name,
                ],
                stdout=subprocess.DEVNULL,
                stderr=log,
                env=env,
                start_new_session=True,
            )
            log.close()
            try:
                wait_for(lambda: _port_open(self.port) or self.proc is None or self.proc.poll() is not None, timeout=20, what="ippeveprinter")
            except TimeoutError:
                pass
            if self.proc.poll() is None and _port_open(self.port):
                return self
            _stop(self.proc)
            self.port = free_port()
        raise TimeoutError("lab: ippeveprinter did not start: " + (self.dir / "ippeveprinter.log").read_text(errors="replace")[-500:])

    def kill(self) -> None:
        """The printer is switched off."""
        _stop(self.proc)

    def stop(self) -> None:
        _stop(self.proc)
        _stop(self.bus)

    def print_directly(self, text: str = "hello\n") -> None:
        """Send a document straight to the printer (as another computer would), with ipptool."""
        doc = self.dir / "document.txt"
        doc.write_text(text)
        subprocess.run(["ipptool", "-t", "-f", str(doc), "-d", "filetype=text/plain", self.uri, "print-job.test"], capture_output=True, timeout=20, check=True)

    def set_paper(self, sheets: int) -> None:
        """Sheets in the main tray (0: out of paper); the other trays keep what they have."""
        import re

        with urllib.request.urlopen(f"http://localhost:{self.port}/media", timeout=5) as answer:  # noqa: S310 - loopback lab
            page = answer.read().decode()
        values: dict[str, str | int] = {}
        for name, body in re.findall(r'<select name="([^"]+)">(.*?)</select>', page, re.S):
            chosen = re.search(r"<option(?: value=\"([^\"]*)\")? selected>([^<]*)<", body)
            values[name] = (chosen.group(1) if chosen.group(1) is not None else chosen.group(2)) if chosen else ""
        values["level1"] = sheets
        self.web_form("media", **values)

    def web_form(self, page: str, **values: str | int) -> None:
        """Fill one of the printer's web forms (``supplies``: supply0=..., ``media``: level1=...)."""
        query = urllib.parse.urlencode(values)
        with urllib.request.urlopen(f"http://localhost:{self.port}/{page}?{query}", timeout=5) as answer:  # noqa: S310 - loopback lab
            answer.read()


@contextlib.contextmanager
def cups_lab() -> Iterator[CupsLab]:
    lab = CupsLab().start()
    try:
        yield lab
    finally:
        lab.stop()


def have(*programs: str) -> str | None:
    """The first missing program, or None."""
    return next((p for p in programs if shutil.which(p) is None), None)


SOUND_SESSION = """\
pipewire &
for i in $(seq 50); do [ -e "$XDG_RUNTIME_DIR/pipewire-0" ] && break; sleep 0.05; done
wireplumber &
pipewire-pulse &
wait
"""


class SoundLab:
    """PipeWire + WirePlumber + pipewire-pulse with a private runtime folder and session bus.

    ``env`` points pactl (and selfcheck) at it. Speakers are null sinks; a microphone is a
    pipe source fed a tone, silence, or nothing, from a thread of this process.
    """

    def __init__(self) -> None:
        self.dir = Path(tempfile.mkdtemp(prefix="selfcheck-sound-"))
        self.proc: subprocess.Popen[bytes] | None = None
        self._feeders: dict[str, tuple[threading.Event, threading.Thread]] = {}

    @property
    def env(self) -> dict[str, str]:
        return {"XDG_RUNTIME_DIR": str(self.dir), "PULSE_SERVER": f"unix:{self.dir}/pulse/native"}

    def start(self) -> SoundLab:
        env = {**os.environ, "XDG_RUNTIME_DIR": str(self.dir), "HOME": str(self.dir)}
        env.pop("PULSE_SERVER", None)
        env.pop("DBUS_SESSION_BUS_ADDRESS", None)
        self.proc = subprocess.Popen(
            ["dbus-run-session", "--", "sh", "-c", SOUND_SESSION],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=open(self.dir / "session.log", "wb"),  # noqa: SIM115 - closed with the process
            start_new_session=True,
        )
        wait_for(lambda: self.pactl("info", check=False).returncode == 0, timeout=15, what="the sound server")
        wait_for(lambda: "auto_null" in self.pactl("list", "short", "sinks", check=False).stdout, timeout=10, what="the session manager")
        return self

    def stop(self) -> None:
        for stop, _thread in self._feeders.values():
            stop.set()
        _stop(self.proc)
        shutil.rmtree(self.dir, ignore_errors=True)

    def stop_server(self) -> None:
        """The sound server crashes (killed outright: its socket stays behind)."""
        for stop, _thread in self._feeders.values():
            stop.set()
        if self.proc is not None and self.proc.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait(5)

    def pactl(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        return subprocess.run(["pactl", *args], env={**os.environ, **self.env}, capture_output=True, text=True, timeout=10, check=check)

    def set_default(self, kind: str, name: str) -> None:
        """Make ``name`` the default ``sink`` or ``source`` and wait until the session manager has applied it."""
        self.pactl(f"set-default-{kind}", name)
        wait_for(lambda: self.pactl(f"get-default-{kind}").stdout.strip() == name, what=f"the default {kind} {name}")

    def add_speakers(self, name: str, description: str) -> None:
        """Speakers named ``description`` (one word: the pulse module arguments split on spaces)."""
        self.pactl("load-module", "module-null-sink", f"sink_name={name}", f"sink_properties=device.description={description}")
        wait_for(lambda: name in self.pactl("list", "short", "sinks").stdout, what=f"speakers {name}")

    def add_microphone(self, name: str, description: str, feed: str = "tone") -> None:
        """A microphone that hears ``feed``: "tone" (someone speaking), "silence", or "nothing" (no data at all)."""
        fifo = self.dir / f"{name}.fifo"
        self.pactl(
            "load-module",
            "module-pipe-source",
            f"source_name={name}",
            f"file={fifo}",
            "format=s16le",
            "rate=16000",
            "channels=1",
            f"source_properties=device.description={description}",
        )
        wait_for(lambda: name in self.pactl("list", "short", "sources").stdout, what=f"microphone {name}")
        if feed != "nothing":
            stop = threading.Event()
            thread = threading.Thread(target=_feed, args=(fifo, feed, stop), daemon=True)
            thread.start()
            self._feeders[name] = (stop, thread)

    def remove_all_devices(self) -> None:
        for stop, _thread in self._feeders.values():
            stop.set()
        self._feeders.clear()
        for line in self.pactl("list", "short", "modules").stdout.splitlines():
            fields = line.split("\t")
            if len(fields) > 1 and fields[1] in ("module-null-sink", "module-pipe-source"):
                self.pactl("unload-module", fields[0], check=False)
        wait_for(lambda: "auto_null" in self.pactl("list", "short", "sinks", check=False).stdout, what="the dummy output")


def _feed(fifo: Path, feed: str, stop: threading.Event) -> None:
    import math
    import struct

    rate = 16000
    chunk = bytearray()
    for i in range(rate // 10):  # 100 ms: a 440 Hz tone at about -12 dBFS, or zeros
        value = int(8000 * math.sin(2 * math.pi * 440 * i / rate)) if feed == "tone" else 0
        chunk += struct.pack("<h", value)
    try:
        fd = os.open(fifo, os.O_WRONLY)
    except OSError:
        return
    try:
        while not stop.is_set():
            os.write(fd, bytes(chunk))
            time.sleep(0.09)
    except OSError:
        pass
    finally:
        os.close(fd)


CAMERA_PROBE = (
    "import json, os, sys; import selfcheck.devices.camera, selfcheck.devices.privacy; from selfcheck.checks.devices_camera import CameraCheck; from selfcheck.api import Context\n"
    "from selfcheck.config import from_dict; ctx = Context({}, from_dict({}).thresholds('devices.camera'))\n"
    "if len(sys.argv) > 1:\n"
    "    import pwd; who = pwd.getpwnam(sys.argv[1]); os.setgroups([]); os.setgid(who.pw_gid); os.setuid(who.pw_uid)\n"
    "print(json.dumps(CameraCheck().collect(ctx)))"
)


def camera_facts_in_namespace(folder: Path, setup: str, user: str | None = None) -> dict:
    """The camera check's facts, collected in a private mount namespace whose /dev holds only what
    ``setup`` (shell lines) makes there, as ``user`` (root when None: the probe imports selfcheck
    first, then becomes that user, so the project may sit in a folder only root can read). Needs
    root and unshare."""
    import json
    import shlex
    import sys

    folder.chmod(0o755)
    probe = [sys.executable, "-c", CAMERA_PROBE, *([user] if user else [])]
    script = "\n".join(["set -e", "mount -t tmpfs tmpfs /dev", "mknod -m 666 /dev/null c 1 3", setup, "exec " + shlex.join(probe)])
    out = subprocess.run(["unshare", "--mount", "--propagation", "private", "sh", "-c", script], capture_output=True, text=True, timeout=30, cwd=folder)
    if out.returncode != 0:
        raise RuntimeError(out.stderr)
    return dict(json.loads(out.stdout))


class BluezStandIn:
    """A STAND-IN for BlueZ (no Bluetooth hardware or driver here): python-dbusmock's bluez5
    template on a private system bus. It answers BlueZ's D-Bus API as bluetoothd does, which is
    what selfcheck reads; the tests that use it say so."""

    def __init__(self) -> None:
        self.dir = Path(tempfile.mkdtemp(prefix="selfcheck-bluez-"))
        self.bus: subprocess.Popen[bytes] | None = None
        self.mock: subprocess.Popen[bytes] | None = None

    @property
    def env(self) -> dict[str, str]:
        return {"DBUS_SYSTEM_BUS_ADDRESS": f"unix:path={self.dir}/system_bus"}

    def start(self) -> BluezStandIn:
        self.bus = subprocess.Popen(
            ["dbus-daemon", "--session", f"--address=unix:path={self.dir}/system_bus", "--nofork"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        wait_for((self.dir / "system_bus").exists, what="dbus-daemon")
        self.mock = subprocess.Popen(
            ["/usr/bin/python3", "-m", "dbusmock", "--system", "--template", "bluez5"],
            env={**os.environ, **self.env},
            stdout=subprocess.DEVNULL,
            stderr=open(self.dir / "mock.log", "wb"),  # noqa: SIM115 - closed with the process
            start_new_session=True,
        )
        # (not "busctl status": it asks the bus for credentials, which fails in containers)
        wait_for(
            lambda: self.busctl("call", "org.bluez", "/", "org.freedesktop.DBus.ObjectManager", "GetManagedObjects", check=False).returncode == 0,
            what="the BlueZ stand-in",
        )
        return self

    def busctl(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            ["busctl", "--system", "--timeout=3", *args], env={**os.environ, **self.env}, capture_output=True, text=True, timeout=10, check=check
        )

    def mock_call(self, method: str, signature: str, *args: str) -> None:
        self.busctl("call", "org.bluez", "/org/bluez", "org.bluez.Mock", method, signature, *args)

    def stop(self) -> None:
        _stop(self.mock)
        _stop(self.bus)
        shutil.rmtree(self.dir, ignore_errors=True)
