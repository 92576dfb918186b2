"""A console program's output for the inventories: its standard output, or "" when it is missing, fails or hangs."""

from __future__ import annotations

import subprocess

from selfcheck.platforms.windows import console_encoding  # OEM code page of console programs on Windows; None elsewhere


def output(args: list[str], timeout: float = 5.0) -> str:
    """Standard output of ``args`` decoded in the console's code page; "" on a missing program, an error exit or a timeout."""
    try:
        proc = subprocess.run(
            args, capture_output=True, text=True, encoding=console_encoding(), errors="replace", timeout=timeout, check=False, stdin=subprocess.DEVNULL
        )
    except (OSError, subprocess.SubprocessError):
        return ""
    return proc.stdout if proc.returncode == 0 else ""
