"""The command a person types in a terminal to run this program again: what the terminal's messages tell them to type
("… or now with “acme-support-check outbox retry”").

A company brands the program, and on Linux its package installs the command under the package's name
(``/usr/bin/acme-support-check``, packaging/build): a customer told to type "selfcheck" is told a command that does not
exist on their computer. So the command is the one the program was started as (:func:`remember`, called by
:func:`selfcheck.entry.main`, the way in of every start):

- the console script or the frozen executable: the name it was started as (``sys.argv[0]``'s last part, without
  Windows' ``.exe``), so a copy installed or linked under another name says its own; the frozen windowed
  ``selfcheck-gui`` has no terminal, and the console one beside it drops the ``-gui``;
- a branded Linux package: its launcher is a shell script running ``/opt/<package>/selfcheck`` (``sh`` cannot pass its
  own name on as ``argv[0]``), so it names itself in ``SELFCHECK_COMMAND``, which wins;
- ``python -m selfcheck``: "python -m selfcheck" with the interpreter's own name as typed on most systems ("python3"),
  not its full path (a folder path in a customer's sentence, and what was typed was rarely one);
- not started through the way in (the program used as a library, in-process tests): "selfcheck".
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import PurePath, PurePosixPath, PureWindowsPath

DEFAULT = "selfcheck"
#: set by a branded Linux package's launcher (packaging/build) to the command it installs
ENV = "SELFCHECK_COMMAND"

_started_as: str | None = None


def _name(path: str) -> str:
    """The last part of a path written either way ("C:\\Program Files\\ACME\\selfcheck.exe" or "/usr/bin/selfcheck")."""
    pure: PurePath = PureWindowsPath(path) if "\\" in path else PurePosixPath(path)
    return pure.name


def _printable(text: str) -> str:
    return "".join(c for c in text if c.isprintable()).strip()


def started_as(argv0: str, *, executable: str = "", frozen: bool = False, environ: dict[str, str] | None = None) -> str:
    """The command that started this program, from how it was started (see the module's description)."""
    env = os.environ if environ is None else environ
    named = _printable(env.get(ENV, ""))
    if named:
        return named
    name = _printable(_name(argv0 or ""))
    if not frozen and name == "__main__.py":  # python -m selfcheck
        interpreter = _printable(_name(executable)) or "python3"
        if interpreter.lower().endswith(".exe"):
            interpreter = interpreter[:-4]
        return f"{interpreter} -m selfcheck"
    if name.lower().endswith(".exe"):
        name = name[:-4]
    if frozen and name.endswith("-gui"):
        name = name[: -len("-gui")]
    if not name or name.endswith(".py") or name.startswith("-"):
        return DEFAULT
    return f'"{name}"' if re.search(r"\s", name) else name


def remember(argv0: str) -> None:
    """Note how this program was started (:func:`selfcheck.entry.main`)."""
    global _started_as
    _started_as = started_as(argv0, executable=sys.executable or "", frozen=bool(getattr(sys, "frozen", False)))


def command() -> str:
    """What to type for this program in a terminal: "selfcheck", "acme-support-check", "python3 -m selfcheck"."""
    return _started_as or DEFAULT
