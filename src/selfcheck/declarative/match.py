"""A ``command`` check's ``pattern``, matched against the command's output in a child process.

Python's ``re`` keeps the interpreter's lock while it searches: a pattern that backtracks without end
(``^(a+)+$`` against a long line of ``a`` and one other character) froze every thread of selfcheck, so the
check's timeout, the scan's budget and the window all stopped with it. The child process is stopped at the
check's deadline like any command (``Context.run``); the check then says the output could not be checked.
"""

from __future__ import annotations

import json
import re
import sys

#: the argument a frozen build's executable takes to do only this (``selfcheck.cli.main``)
HELPER_ARG = "_pattern-match"

# the child of a source install: no site, no selfcheck import, so it starts in a few hundredths of a second
_INLINE = "import json,re,sys;d=json.loads(sys.stdin.read());print(1 if re.search(d['pattern'],d['text']) else 0)"


def command() -> list[str]:
    """The child's command line; it reads ``{"pattern": ..., "text": ...}`` and prints 1 (found) or 0."""
    if getattr(sys, "frozen", False):
        return [sys.executable, HELPER_ARG]
    return [sys.executable, "-I", "-S", "-c", _INLINE]


def request(pattern: str, text: str) -> str:
    return json.dumps({"pattern": pattern, "text": text})


def main() -> int:
    """The frozen build's child (``selfcheck _pattern-match``)."""
    data = json.loads(sys.stdin.read())
    print(1 if re.search(data["pattern"], data["text"]) else 0)
    return 0
