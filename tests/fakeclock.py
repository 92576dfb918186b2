"""A program whose clock is shifted (libfaketime), without the ``faketime`` wrapper command.

The wrapper makes a semaphore and a shared-memory file named after its own process id
(``/dev/shm/sem.faketime_sem_<pid>``, ``faketime_shm_<pid>``) and refuses to start when they exist
("faketime: sem_open: File exists"). They are removed only at a normal exit, so every program under
libfaketime stopped by a signal (a lab service stopped with SIGTERM, a timeout) leaves a pair behind, and a
later wrapper that happens to get that process id fails: the wrong-clock tests then made no bundle, now and
then, and more often the longer a machine had run tests (400 pairs were found on the build machine).
The library preloaded with ``FAKETIME`` set (what the wrapper does) goes on without shared files when the
name is taken; a relative offset such as ``-5h`` needs nothing shared.
"""

from __future__ import annotations

import glob
import platform

#: where distributions install the library (Debian/Ubuntu: /usr/lib/<multiarch>/faketime/)
CANDIDATES = (
    "/usr/lib/*/faketime/libfaketime.so.1",
    "/usr/lib64/faketime/libfaketime.so.1",
    "/usr/lib/faketime/libfaketime.so.1",
    "/usr/local/lib/faketime/libfaketime.so.1",
)


def library() -> str | None:
    """The libfaketime library of this machine's architecture, or None when it is not installed."""
    found = [path for pattern in CANDIDATES for path in sorted(glob.glob(pattern))]
    native = [path for path in found if f"/{platform.machine()}-" in path]
    return (native or found or [None])[0]


def variables(offset: str, *, skip: tuple[str, ...] = (), real_monotonic: bool = True) -> dict[str, str]:
    """Environment variables that shift a program's clock by ``offset`` (e.g. ``"-5h"``, ``"-45m"``).

    ``real_monotonic``: only the wall clock moves (timeouts keep the real pace); ``skip``: programs it
    runs that keep the real time.
    """
    path = library()
    if path is None:
        raise RuntimeError("libfaketime is not installed (apt install faketime, see .ci/apt.d/network.txt)")
    shifted = {"LD_PRELOAD": path, "FAKETIME": offset}
    if real_monotonic:
        shifted["FAKETIME_DONT_FAKE_MONOTONIC"] = "1"
    if skip:
        shifted["FAKETIME_SKIP_CMDS"] = ",".join(skip)
    return shifted


def env_command(offset: str, *, skip: tuple[str, ...] = ()) -> list[str]:
    """``env VAR=value ...``: put in front of a command to run it with its clock shifted."""
    return ["env", *(f"{key}={value}" for key, value in variables(offset, skip=skip).items())]
