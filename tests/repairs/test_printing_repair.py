"""Printing repair for real against the devices lab's private print service (tests/devicelab.py):
a document stuck for 45 minutes on a printer that never finishes it is cancelled by `selfcheck fix`,
and the printer check, run again, passes."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import devicelab  # noqa: E402

pytestmark = pytest.mark.timeout(120)


def test_documents_stuck_for_45_minutes_are_cancelled_and_the_printer_check_passes(tmp_path):
    missing = devicelab.have("cupsd", "lpadmin", "lp", "ippeveprinter", "dbus-daemon", "faketime")
    if missing:
        pytest.skip(f"{missing} is not installed (see .ci/apt.d/devices.txt)")
    if os.geteuid() != 0:
        pytest.skip("the private print service runs its helpers as the lp user: needs root")
    lab = devicelab.CupsLab(faketime="-45m").start()  # its clock is behind: a job made now is 45 minutes old
    busy = devicelab.IppPrinter(tmp_path / "busy", name="Busy Printer")
    busy.set_print_state("", busy=True)
    busy.start()
    try:
        lab.add_printer("Office", busy.uri, default=True)
        lab.submit("Office")
        lab.submit("Office")
        env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": str(lab.dir),
            "CUPS_SERVER": lab.socket,
            "SELFCHECK_HOME": str(tmp_path / "home"),
            "SELFCHECK_DISABLE_PLUGIN_AUTOLOAD": "1",
            "LANG": "C.UTF-8",
        }
        done = subprocess.run(
            [sys.executable, "-m", "selfcheck", "fix", "printing.cancel_jobs", "--yes", "--lang", "fr"],
            capture_output=True,
            text=True,
            env=env,
            timeout=90,
        )
        assert done.returncode == 0, done.stdout + done.stderr
        assert "2 documents attendent d’être imprimés." in done.stdout  # shown before
        assert "2 documents annulés." in done.stdout and "Ce programme a vérifié à nouveau\u00a0: le problème est résolu." in done.stdout
        assert lab.jobs().strip() == ""
    finally:
        busy.stop()
        lab.stop()
