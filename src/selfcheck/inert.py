"""Untrusted text made inert before it reaches a terminal or a log.

A bundle, an upload or another process may hold escape sequences (``\\x1b]0;PWNED\\x07``
retitles a terminal, ``\\x1b[2J`` clears it), bidi overrides or NUL bytes. Before such text
is printed or logged, every control or format character is shown escaped (``\\x1b``,
``\\u202e``); line breaks and tabs are kept.
"""

from __future__ import annotations

import json
import re
from typing import IO, Any

# control (Cc) and format (Cf) characters, and lone surrogates (from JSON's \\ud800 escapes)
_UNSAFE = re.compile(
    r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u206f\ud800-\udfff\ufeff\ufff9-\ufffb\U000e0000-\U000e007f]"
)
# the only sequences selfcheck itself writes to a terminal: SGR colours and bold/dim/reset
_OWN_SGR = re.compile(r"\x1b\[(?:0|1|2|22|1;3[0-7]|3[0-7]|90|1;90)m")


def _escape(match: re.Match[str]) -> str:
    ch = match.group(0)
    return f"\\x{ord(ch):02x}" if ord(ch) < 0x100 else f"\\u{ord(ch):04x}" if ord(ch) < 0x10000 else f"\\U{ord(ch):08x}"


def inert(text: Any, keep_lines: bool = True) -> str:
    """``text`` with control and format characters shown escaped (line breaks and tabs kept)."""
    text = str(text)
    out = _UNSAFE.sub(_escape, text)
    if not keep_lines:
        out = out.replace("\n", "\\n").replace("\t", "\\t")
    return out


def inert_json(text: str) -> str:
    """JSON text (``json.dumps(..., ensure_ascii=False)``) with the same characters written as ``\\u`` escapes: still
    the same JSON, but a C1 control (``\\x9b`` starts a sequence as ESC [ does) no longer reaches a terminal raw."""
    return _UNSAFE.sub(lambda match: json.dumps(match.group(0))[1:-1], text)


class InertStream:
    """A text stream that makes everything written to it inert, except selfcheck's own colours (``colors``: when
    selfcheck writes none, none is let through: a check's ``\\x1b[0m`` is shown escaped too)."""

    def __init__(self, stream: IO[str], colors: bool = True) -> None:
        self._stream = stream
        self._colors = colors

    def write(self, text: str) -> int:
        parts = []
        pos = 0
        for match in _OWN_SGR.finditer(text) if self._colors else ():
            parts.append(inert(text[pos : match.start()]))
            parts.append(match.group(0))
            pos = match.end()
        parts.append(inert(text[pos:]))
        self._stream.write("".join(parts))
        return len(text)

    def flush(self) -> None:
        self._stream.flush()

    def isatty(self) -> bool:
        return self._stream.isatty()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


def inert_name(name: Any, limit: int = 80) -> str:
    """A name read from the disk (a folder's, a file's) as it can be shown on one line: bytes that are no text in
    UTF-8 (kept by Python as lone surrogates, ``\\udcff``) shown as the byte (``\\xff``), then :func:`inert` with line
    breaks shown too, and at most ``limit`` characters (``…`` at the end when cut). Showing it twice changes nothing."""
    text = str(name)
    try:
        text = text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    except UnicodeEncodeError:  # a surrogate that is no undecodable byte (from JSON's \\ud800): inert() escapes it
        pass
    out = inert(text, keep_lines=False)
    return out if len(out) <= limit else out[: limit - 1] + "…"
