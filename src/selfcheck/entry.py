"""The program's way in (the ``selfcheck`` command, ``python -m selfcheck``, the frozen build): Ctrl+C while it starts
ends it quietly.

Importing the rest takes a tenth of a second or more; Ctrl+C in that time raised KeyboardInterrupt inside an import,
before :func:`selfcheck.cli.main` could catch it, and the customer read a Python traceback. Until the command itself
runs (cli.main calls :func:`quiet_start_over`, handing Ctrl+C back to Python), Ctrl+C ends the program at once:
no output, exit 130. This module imports nothing of selfcheck's before its handler is in place.
"""

from __future__ import annotations

import os
import signal
import sys

#: the exit status of a program stopped by Ctrl+C (128 + SIGINT), as cli.main returns it
STOPPED = 130


def _quiet(signum: int, frame: object) -> None:
    os._exit(STOPPED)  # no command has run yet: nothing to save or clean up


def quiet_start_over() -> None:
    """From here Ctrl+C raises KeyboardInterrupt again (cli.main says "Stopped." and returns 130)."""
    if signal.getsignal(signal.SIGINT) is _quiet:
        signal.signal(signal.SIGINT, signal.default_int_handler)


def quiet_start() -> None:
    """From here Ctrl+C ends the program at once, quietly (also called first thing by the frozen build's runtime hook:
    PySide6's and PyInstaller's own hooks run before the entry and take most of a frozen start)."""
    signal.signal(signal.SIGINT, _quiet)


def main() -> int:
    quiet_start()
    from selfcheck import invocation

    invocation.remember(sys.argv[0] if sys.argv else "")  # the command the terminal's messages tell to type
    from selfcheck.cli import main as cli_main

    return cli_main(started=quiet_start_over)
