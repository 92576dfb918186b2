"""Ctrl+C while selfcheck starts: no traceback ever reaches a customer (selfcheck.entry)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="a POSIX signal sent to the program itself")

# Loaded by the child's own ``site`` (PYTHONPATH): the N-th module the program imports after its own package and entry
# (two tiny files, read before any handler can be set, like the interpreter's own start) sends the program a real SIGINT,
# as Ctrl+C does. N steps through the whole start (about 140 imports for --help): each run lands in the import window at
# a known place, with no timing.
HIT = """
import os, signal, sys

AT = int(os.environ["SELFCHECK_TEST_SIGINT_AT"])


class Hit:
    seen = -1

    def find_spec(self, name, path=None, target=None):
        if name == "selfcheck":
            Hit.seen = 0
        elif Hit.seen >= 0 and name not in ("selfcheck.__main__", "selfcheck.entry"):
            Hit.seen += 1
            if Hit.seen == AT:
                os.kill(os.getpid(), signal.SIGINT)
        return None


sys.meta_path.insert(0, Hit())
"""


def _entries() -> dict[str, list[str]]:
    script = Path(sys.executable).with_name("selfcheck")  # the console script ([project.scripts])
    found = {"python -m selfcheck (and the frozen build's entry, made from the same __main__.py)": [sys.executable, "-m", "selfcheck"]}
    if script.is_file():
        found["the selfcheck command"] = [str(script)]
    return found


@pytest.mark.parametrize("name", list(_entries()))
def test_ctrl_c_while_starting_ends_quietly_with_130(tmp_path, name):
    (tmp_path / "sitecustomize.py").write_text(HIT, encoding="utf-8")
    command = _entries()[name]
    stopped = 0
    for at in range(1, 160, 6):
        env = {**os.environ, "PYTHONPATH": str(tmp_path), "SELFCHECK_TEST_SIGINT_AT": str(at), "LANG": "C.UTF-8"}
        proc = subprocess.run([*command, "--help"], capture_output=True, text=True, env=env, timeout=60)
        assert "Traceback" not in proc.stderr, f"Ctrl+C at import {at}: {proc.stderr[-600:]}"
        assert "KeyboardInterrupt" not in proc.stderr
        if proc.returncode == 0:  # the signal came after the program's last import: it had finished
            assert "usage" in proc.stdout
            continue
        assert (proc.returncode, proc.stdout, proc.stderr) == (130, "", ""), f"Ctrl+C at import {at}"
        stopped += 1
    assert stopped >= 15  # most runs were stopped while starting (the program imports ~140 modules for --help)
