"""Process names never carry a command line (issue 12 item 2).

psutil's ``name()`` replaces a kernel name cut at 15 characters by the first argument of the
command line, which a program sets to anything (``exec -a``, setproctitle). A real process
started that way (``"selfcheckleakprog -p S3cretLeak"``) must reach no fact, result, recording
or inventory with its argument: only its executable's name.
"""

from __future__ import annotations

import importlib
import json
import shutil
import subprocess
import sys
import time

import psutil
import pytest

from selfcheck.api import Context
from selfcheck.config import from_dict
from selfcheck.platforms.common import process_name

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="exec -a and /proc are Linux's")

SECRET = "S3cretLeak"
PROGRAM = "selfcheckleakprog"  # 17 characters: the kernel keeps "selfcheckleakpr"


@pytest.fixture(scope="module")
def leaky_process(tmp_path_factory):
    folder = tmp_path_factory.mktemp("leak")
    binary = folder / PROGRAM
    shutil.copy2(shutil.which("yes") or "/usr/bin/yes", binary)  # busy, so it shows among the processes using the processor
    pid_file = folder / "pid"
    # started by a shell that exits at once, so it is not a child of this process (the processor
    # check leaves out selfcheck's own children); a second argument keeps psutil from splitting argv[0]
    subprocess.run(["bash", "-c", f"(exec -a '{PROGRAM} -p {SECRET}' '{binary}' y > /dev/null) & echo $! > '{pid_file}'"], check=True, timeout=10)
    pid = int(pid_file.read_text())
    try:
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline and not psutil.Process(pid).name().startswith(PROGRAM[:15]):
            time.sleep(0.02)
        # normal priority: at the lowest one, on a loaded machine, it gets too little processor time to be listed
        yield pid
    finally:
        try:
            psutil.Process(pid).kill()
        except psutil.Error:
            pass


def test_psutil_alone_gives_the_argument_away(leaky_process):
    """The premise: without care, the name holds the argument (else the other tests prove nothing)."""
    assert SECRET in psutil.Process(leaky_process).name()


def test_the_name_is_the_executable_or_the_kernel_name(leaky_process):
    info = psutil.Process(leaky_process).as_dict(["pid", "name", "exe"])
    assert process_name(info) == PROGRAM
    assert process_name({**info, "exe": None}) == PROGRAM[:15]  # another user's process: its executable is not readable
    assert process_name({"pid": 4, "name": "a-fifteen-chars"}) == "a-fifteen-chars"
    assert process_name({"pid": 4, "name": "", "exe": "C:\\Program Files\\App\\app.exe"}) == "app.exe"


def test_no_collector_lets_the_argument_through(leaky_process):
    from selfcheck.bundle import inventory
    from selfcheck.checks import hardware_cpu
    from selfcheck.history.record import Recorder

    memory = importlib.import_module("selfcheck.checks.hardware_memory")
    memory_check = next(c for c in vars(memory).values() if isinstance(c, type) and getattr(c, "id", "") == "hardware.memory")
    seen = {
        "inventory": inventory.top_processes(count=100_000, sample=0.3),
        "memory facts": memory_check().collect(Context({}, {**from_dict({}).thresholds("hardware.memory"), "top_processes": 100_000})),
        "cpu facts": hardware_cpu.sample_processes(psutil, Context({}, {}), 0.05, 0.0, 0.5),
    }
    recorder = Recorder(interval=0.2, max_seconds=2)
    recorder._sample()
    time.sleep(0.3)
    seen["recording"] = recorder._sample()
    for where, data in seen.items():
        text = json.dumps(data)
        assert SECRET not in text, f"the command line reached the {where}"
    assert PROGRAM in json.dumps(seen["inventory"]) and PROGRAM in json.dumps(seen["memory facts"])
    assert PROGRAM in json.dumps(seen["cpu facts"])


def test_a_company_process_check_still_finds_the_program(leaky_process):
    from selfcheck import declarative

    check = declarative.make_check({"id": "acme.leak", "title": "Leak", "kind": "process", "name": PROGRAM})()
    facts = check.collect(Context({}, {}))  # a company check: no thresholds
    assert facts["running"] == [PROGRAM]
