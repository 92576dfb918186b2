"""The command line: ``selfcheck [scan|list|...]``.

Kept light at import time (``selfcheck --version`` must be fast): commands
import what they need when they run. Each command lives in
``selfcheck.commands.<name>`` and is listed in ``selfcheck.commands.COMMANDS``.
"""

from __future__ import annotations

import argparse
import codecs
import contextlib
import importlib
import logging
import os
import re
import sys
from collections.abc import Callable, Iterator, Sequence
from typing import IO

from selfcheck import __version__, paths
from selfcheck.i18n import N_, _
from selfcheck.invocation import command

EXIT_UNKNOWN = 3


# argparse's own words (help headings, usage errors), translated like the rest: a French
# customer who mistypes an option reads French. argparse looks its ``_`` up at call time.
ARGPARSE_TEXTS = (
    N_("usage: "),
    N_("positional arguments"),
    N_("options"),
    N_("show this help message and exit"),
    N_("show program's version number and exit"),
    N_("%(prog)s: error: %(message)s\n"),
    N_("argument %(argument_name)s: %(message)s"),
    N_("unrecognized arguments: %s"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("the following arguments are required: %s"),
    N_("expected one argument"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("invalid %(type)s value: %(value)r"),
)
argparse._ = _  # type: ignore[attr-defined]

# French puts a space before « : ; ? ! » and inside « » (the terminal report holds them the same way, textreport._wrap):
# --help must not leave « at a line's end or start a line with », and its headings read « options : ». The catalogues' words
# hold no-break spaces there (i18n.french_spaces); these are for words that do not come from them.
_GLUED_SPACE = re.compile(r" (?=[:;?!»])|(?<=«) ")
_HELD = "\x00"


class _HelpFormatter(argparse.HelpFormatter):
    def _split_lines(self, text: str, width: int) -> list[str]:
        return [line.replace(_HELD, " ") for line in super()._split_lines(_GLUED_SPACE.sub(_HELD, text), width)]

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        return super()._fill_text(_GLUED_SPACE.sub(_HELD, text), width, indent).replace(_HELD, " ")

    def start_section(self, heading: str | None) -> None:
        from selfcheck.i18n import NO_BREAK_SPACE, current_language

        # argparse writes the heading's colon itself ("%s:")
        super().start_section(f"{heading}{NO_BREAK_SPACE}" if heading and current_language() == "fr" else heading)


class _Parser(argparse.ArgumentParser):
    def __init__(self, *args: object, **kwargs: object) -> None:
        kwargs.setdefault("formatter_class", _HelpFormatter)
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]


def build_parser() -> argparse.ArgumentParser:
    from selfcheck.commands import COMMANDS

    parser = _Parser(
        prog=command(),  # "usage: acme-support-check …": the command as typed (selfcheck.invocation)
        description=_("Checks this computer and says in plain language what is wrong and what to do."),
    )
    parser.add_argument("--version", action="version", version=f"selfcheck {__version__}", help=_("show program's version number and exit"))
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--config", action="append", default=[], metavar="FILE", help=_("an extra configuration file (can be repeated)"))
    common.add_argument("--lang", choices=["en", "fr"], help=_("language of the messages"))
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name in COMMANDS:
        module = importlib.import_module(f"selfcheck.commands.{name}")
        module.register(sub, common)
    return parser


def _early_language(argv: Sequence[str]) -> None:
    """Translate --help before the config is read."""
    from selfcheck import i18n

    lang = None
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            lang = argv[i + 1]
        elif arg.startswith("--lang="):
            lang = arg.split("=", 1)[1]
    i18n.set_language(lang)


def _gui_available() -> bool:
    """Whether ``selfcheck`` alone should open the window: the GUI is installed and a screen exists."""
    from selfcheck.commands import COMMANDS

    if "gui" not in COMMANDS:
        return False
    if sys.platform.startswith("linux"):
        has_display = os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
        qpa = os.environ.get("QT_QPA_PLATFORM", "")
        if not has_display and qpa.split(":")[0] in ("", "offscreen", "minimal", "xcb", "wayland"):
            return False
    import importlib.util

    try:
        return importlib.util.find_spec("PySide6") is not None and importlib.util.find_spec("selfcheck.gui") is not None
    except (ImportError, ValueError):
        return False


def _report_crash(command: str) -> None:
    """Log the traceback to the log file (never the terminal) and tell the user where it is."""
    from selfcheck import logsetup

    log = logging.getLogger("selfcheck")
    path = logsetup.setup() if logsetup.configured_path() is None else logsetup.configured_path()
    if path is None:  # no writable log: keep the traceback off the terminal anyway
        log.addHandler(logging.NullHandler())
    log.exception("unexpected error in command %s", command)
    if path is not None:
        print(_("Something went wrong in selfcheck. The details are in the log: {path}").format(path=path), file=sys.stderr)
    else:
        print(_("Something went wrong in selfcheck, and its log could not be written."), file=sys.stderr)


#: main() runs as the program itself, not in a test or a host application calling main([...])
_the_program = False


@contextlib.contextmanager
def own_stdout(enabled: bool = True) -> Iterator[IO[str]]:
    """Standard output kept for selfcheck's own document (``scan --json``: that JSON and nothing else); write it to
    the stream given. Inside, what company checks and plugins print goes to standard error: print() from any thread,
    and, when standard output is a file or a pipe, os.write(1, …) and the programs they start. In the program itself
    this stays so until it ends, for a check still running past its time limit; else it is undone on leaving."""
    real = sys.stdout
    if not enabled or real is None:
        yield real
        return
    real.flush()
    fd = saved = -1
    try:
        fd = real.fileno()
        saved = os.dup(fd)
        os.dup2(sys.stderr.fileno(), fd)
    except (AttributeError, OSError, ValueError):  # not a file (a test's capture, a host application's stream)
        if saved >= 0:
            os.close(saved)
        saved = -1
    out = real if saved < 0 else open(saved, "w", encoding=real.encoding, errors=real.errors)  # noqa: SIM115 - closed below
    sys.stdout = sys.stderr
    try:
        yield out
    finally:
        if not _the_program:
            sys.stdout = real
            if saved >= 0:
                with contextlib.suppress(OSError, ValueError):
                    real.flush()  # what checks printed, still in its buffer: to standard error
                os.dup2(saved, fd)
        if out is not real:
            out.close()  # the rest of selfcheck's document, to the real standard output (a reader that left: BrokenPipeError)


def _nearest_space(error: UnicodeError) -> tuple[str, int]:
    """The encoding error handler of selfcheck's output: a console's code page without French typography's narrow no-break
    space (cp1252, cp850: « problème ? ») gets the no-break space it has, or a plain one, rather than "?" (« problème?? »);
    any other character it cannot show becomes "?"."""
    if not isinstance(error, UnicodeEncodeError):
        raise error
    shown = []
    for char in error.object[error.start : error.end]:
        for candidate in ("\u00a0", " ", "?") if char in "\u00a0\u202f" else ("?",):
            try:
                candidate.encode(error.encoding)
            except (UnicodeEncodeError, LookupError):
                continue
            shown.append(candidate)
            break
    return "".join(shown), error.end


OUTPUT_ERRORS = "selfcheck-nearest-space"
codecs.register_error(OUTPUT_ERRORS, _nearest_space)


def main(argv: Sequence[str] | None = None, started: Callable[[], None] | None = None) -> int:
    global _the_program
    if argv is None:  # the program itself (not a test or a host application calling main([...]))
        paths.restrict_new_files()  # history, recordings, outbox, logs, bundles: their owner's only
        _the_program = True
    argv = list(sys.argv[1:] if argv is None else argv)
    for stream in (sys.stdout, sys.stderr):  # a character the console cannot show must not crash selfcheck
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            try:
                reconfigure(errors=OUTPUT_ERRORS)
            except (ValueError, OSError):
                pass
    if argv[:1] == ["_repair-helper"]:  # the elevated helper of a frozen build (selfcheck.repairs.elevation)
        from selfcheck.repairs.helper import main as helper_main

        return helper_main(argv[1:])
    if argv[:1] == ["_run-check"]:  # one check run alone, in a child, after selfcheck closed during it (selfcheck.crashwatch)
        from selfcheck.crashwatch import child_main

        return child_main(argv[1:])
    if argv[:1] == ["_pattern-match"]:  # a command check's pattern, matched in a child of a frozen build
        from selfcheck.declarative.match import main as match_main

        return match_main()
    if argv == ["--version"]:
        print(f"selfcheck {__version__}")
        return 0
    if argv and argv[0][:10].lower() == "selfcheck:":  # a request link opened from a browser (selfcheck://request/CODE)
        # The system starts `selfcheck "LINK"` (Windows: "%1", Linux: %u): the link is the whole command line.
        # Anything after it came out of the link itself (a quote in it, decoded by the browser or the shell,
        # splits it): it is never obeyed as options ("--config \\server\share\evil.toml"), only read as part
        # of the link, which is then refused as not a valid request.
        argv = ["open-request", " ".join(argv)]
    _early_language(argv)
    parser = build_parser()
    if not argv:
        if _gui_available():
            argv = ["gui"]
        else:
            parser.print_help()
            return 0
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return int(exc.code or 0) if exc.code in (0, None) else EXIT_UNKNOWN
    if not getattr(args, "func", None):
        parser.print_help()
        return 0
    try:
        if started is not None:
            started()  # Ctrl+C while starting ended the program quietly (selfcheck.entry); from here it is handled below
        code = int(args.func(args) or 0)
        sys.stdout.flush()  # a reader that left shows up here, not as a warning at exit
        return code
    except KeyboardInterrupt:
        print(_("Stopped."), file=sys.stderr)
        return 130
    except BrokenPipeError:  # `selfcheck scan --json | head`: the reader left; nothing to report
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 141
    except Exception:  # no traceback reaches the user; the log keeps it
        _report_crash(str(getattr(args, "command", "?")))
        return EXIT_UNKNOWN
