"""The labs' wrong clock (tests/fakeclock.py): shifted as asked, and not stopped by what an earlier run left.

The wrong-clock support-card tests failed now and then with "faketime: sem_open: File exists": the faketime
wrapper names shared files after its process id, a program stopped by a signal leaves them behind, and a later
wrapper that gets the same id refuses to start. The labs now preload libfaketime themselves, which goes on
without shared files when the name is taken.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

import fakeclock

pytestmark = pytest.mark.skipif(fakeclock.library() is None, reason="libfaketime is not installed (apt install faketime)")

SHARED = Path("/dev/shm")  # where glibc keeps named semaphores and shared memory


def test_the_clock_is_shifted_and_timeouts_keep_the_real_pace() -> None:
    code = "import time; print(time.time(), time.monotonic())"
    shifted = subprocess.run([*fakeclock.env_command("-5h"), sys.executable, "-c", code], capture_output=True, text=True, timeout=30, check=True)
    wall, monotonic = (float(x) for x in shifted.stdout.split())
    assert abs((time.time() - wall) - 5 * 3600) < 60, shifted.stdout
    assert abs(time.monotonic() - monotonic) < 60, shifted.stdout  # not shifted: waits and timeouts stay real


def test_a_leftover_of_an_earlier_run_with_the_same_process_id_does_not_stop_the_program() -> None:
    # what failed the wrong-clock tests: a program stopped by a signal leaves /dev/shm/sem.faketime_sem_<pid>, and the
    # faketime wrapper refuses to start when its own process id has such a leftover. A new process-id namespace
    # makes the id certain (1); without one the test cannot arrange the collision
    if shutil.which("unshare") is None or subprocess.run(["unshare", "--pid", "--fork", "true"], capture_output=True, timeout=30).returncode != 0:
        pytest.skip("no new process-id namespace here (unshare --pid needs root)")
    made = []
    for name in ("sem.faketime_sem_1", "faketime_shm_1"):
        leftover = SHARED / name
        if not leftover.exists():
            leftover.write_bytes(bytes(32))
            made.append(leftover)
    try:
        code = "import os, time; print(os.getpid(), time.time())"
        run = subprocess.run(
            ["unshare", "--pid", "--fork", *fakeclock.env_command("-5h"), sys.executable, "-c", code], capture_output=True, text=True, timeout=30
        )
    finally:
        for leftover in made:
            leftover.unlink(missing_ok=True)
    assert run.returncode == 0, run.stderr
    pid, wall = run.stdout.split()
    assert pid == "1" and abs((time.time() - float(wall)) - 5 * 3600) < 60, run.stdout
