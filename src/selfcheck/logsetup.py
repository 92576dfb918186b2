"""selfcheck's own log: a rotating file in the platform's log folder.

A filter masks secrets before anything is written (tokens in URLs, password=
pairs, bearer tokens), so the log never holds them in the first place, and makes
control characters inert (shown escaped), so reading the log in a terminal is safe.

A crash of the interpreter itself (a native library that segfaults, selfcheck ended because it hung) leaves its
Python stack in the same file (:mod:`faulthandler`): the bundle redacts the log as a whole, that stack included.
"""

from __future__ import annotations

import contextlib
import faulthandler
import logging
import logging.handlers
import os
import re
from pathlib import Path
from typing import IO

from selfcheck import paths
from selfcheck.inert import inert

LOG_NAME = "selfcheck.log"

_SECRET_WORDS = r"password|passwd|pwd|passphrase|token|access_token|refresh_token|secret|client_secret|api[_-]?key|access[_-]?key|signature|sig|x-amz-signature"
_SECRET_PATTERNS = [
    # https://user:password@host
    # (the password may hold "/" or "@": it ends at the last "@" a host name follows)
    (re.compile(r"(?i)(://[^/\s:@]+:)[^\s\"'<>?#]+@(?=[a-z0-9\[][a-z0-9.\-\[\]:]*(?:[/\s\"'<>?#]|$))"), r"\1***@"),
    # password=..., ?token=... (query strings, form bodies, command lines)
    (re.compile(rf"(?i)\b({_SECRET_WORDS})=([^&\s\"',;]+)"), r"\1=***"),
    # "password": "...", 'token': '...', password: ... (JSON, dict reprs, YAML)
    (re.compile(rf"(?i)([\"']?\b(?:{_SECRET_WORDS})[\"']?\s*:\s*)([\"'])(?:(?!\2).)*\2"), r"\1\2***\2"),
    (re.compile(rf"(?i)(\b(?:{_SECRET_WORDS})\s*:\s*)(?![\"'\s])\S+"), r"\1***"),
    # Authorization / API key headers, Bearer tokens anywhere
    (re.compile(r"(?i)\b(authorization:\s*(?:bearer|token|basic|digest)\s+)\S+"), r"\1***"),
    (re.compile(r"(?i)\b((?:x-api-key|api-key|private-token|x-auth-token|cookie|set-cookie):\s*)[^\r\n]+"), r"\1***"),
    (re.compile(r"(?i)\bbearer\s+[a-z0-9._~+/=-]{8,}"), "Bearer ***"),
    # API keys with known shapes (AWS, GitHub, GitLab, Slack, Google) and JSON Web Tokens
    (
        re.compile(
            r"\b(?:AKIA|ASIA)[0-9A-Z]{16}\b|\bgh[pousr]_[A-Za-z0-9]{30,}|\bgithub_pat_\w{22,}|\bglpat-[\w-]{20,}|\bxox[abposr]-[\w-]{10,}|\bAIza[\w-]{35}"
        ),
        "***",
    ),
    (re.compile(r"\beyJ[\w-]{5,}\.eyJ[\w-]{5,}\.[\w-]*"), "***"),
    (re.compile(r"-----BEGIN [A-Z ]*PRIVATE KEY-----.*?(?:-----END [A-Z ]*PRIVATE KEY-----|\Z)", re.S), "-----PRIVATE KEY ***-----"),
]


def mask_secrets(text: str) -> str:
    for pattern, repl in _SECRET_PATTERNS:
        text = pattern.sub(repl, text)
    return text


class SecretFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:
            return True
        masked = inert(mask_secrets(message))  # a bundle's or a process's text must not drive the terminal showing the log
        if masked != message:
            record.msg, record.args = masked, None
        if record.exc_info and not record.exc_text:
            record.exc_text = inert(mask_secrets(logging.Formatter().formatException(record.exc_info)))
        elif record.exc_text:
            record.exc_text = inert(mask_secrets(record.exc_text))
        if record.stack_info:
            record.stack_info = inert(mask_secrets(record.stack_info))
        return True


class QuietRotatingFileHandler(logging.handlers.RotatingFileHandler):
    """A rotating log that never prints its own errors (a full disk, a log another
    selfcheck is rotating on Windows...): the user must never see them."""

    def handleError(self, record: logging.LogRecord) -> None:  # noqa: N802 - logging's name
        return None

    def doRollover(self) -> None:  # noqa: N802 - logging's name
        owned = _fault_file is not None
        if owned:
            _release_faulthandler()  # Windows renames no file held open elsewhere; and the stack goes to the new file
        try:
            super().doRollover()
        finally:
            if owned:
                _point_faulthandler(Path(self.baseFilename))


#: the log file as faulthandler writes to it (a file of its own: the handler's stream changes at each rotation)
_fault_file: IO[str] | None = None


def _point_faulthandler(target: Path) -> None:
    """A fatal error of the interpreter (a segfault in a native library, SIGABRT) writes every thread's Python stack
    at the end of the log. Left alone when something else enabled faulthandler first (``python -X faulthandler``, a
    test runner): it writes where they asked."""
    global _fault_file
    if faulthandler.is_enabled() and _fault_file is None:
        return
    try:
        fd = os.open(target, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)  # owner-only, like the log itself
        new = os.fdopen(fd, "a", encoding="utf-8")
        faulthandler.enable(file=new, all_threads=True)
    except (OSError, ValueError, RuntimeError):
        return
    old, _fault_file = _fault_file, new
    if old is not None:
        with contextlib.suppress(OSError):
            old.close()


def _release_faulthandler() -> None:
    global _fault_file
    if _fault_file is None:
        return
    faulthandler.disable()
    with contextlib.suppress(OSError):
        _fault_file.close()
    _fault_file = None


_configured: tuple[Path, int, int, int] | None = None

LEVELS = {"debug": logging.DEBUG, "info": logging.INFO, "warning": logging.WARNING, "error": logging.ERROR}


def level_from(name: object) -> int:
    """``[logging] level`` ("debug", "info", "warning", "error") as a logging level; info otherwise."""
    return LEVELS.get(str(name or "").lower(), logging.INFO)


def configured_path() -> Path | None:
    """The log file in use, if :func:`setup` succeeded."""
    return _configured[0] if _configured else None


def log_file() -> Path:
    return paths.user_log_dir() / LOG_NAME


def setup(level: int = logging.INFO, max_bytes: int = 1_000_000, backups: int = 3) -> Path | None:
    """Send selfcheck's logging to the rotating file; returns its path (None if unwritable)."""
    global _configured
    target = log_file()
    wanted = (target, level, max_bytes, backups)
    if _configured == wanted:
        return target
    root = logging.getLogger("selfcheck")
    root.setLevel(level)
    try:
        paths.private_dir(target.parent)
        if not target.exists():
            target.touch(mode=0o600)  # the log may name files and hosts: readable by its user only
        handler: logging.Handler = QuietRotatingFileHandler(target, maxBytes=max_bytes, backupCount=backups, encoding="utf-8")
    except OSError:
        # the log cannot be written (a disk that stopped accepting changes, a read-only home): drop the
        # messages rather than let Python print them, tracebacks included, on the customer's terminal
        if not any(isinstance(h, logging.NullHandler) for h in root.handlers):
            root.addHandler(logging.NullHandler())
        return None
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s [%(threadName)s] %(message)s"))
    handler.addFilter(SecretFilter())
    for old in list(root.handlers):
        if isinstance(old, logging.handlers.RotatingFileHandler):
            root.removeHandler(old)
            old.close()
    root.addHandler(handler)
    _configured = wanted
    _point_faulthandler(target)
    return target
