"""Structured logs: one JSON object a line on stderr, secrets masked before writing."""

from __future__ import annotations

import json
import logging
import sys
import time
from typing import Any

from selfcheck.inert import inert
from selfcheck.logsetup import mask_secrets

_STANDARD = set(vars(logging.LogRecord("", 0, "", 0, "", None, None))) | {"message", "asctime", "taskName", "color_message"}


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(record.created)) + f".{int(record.msecs):03d}Z",
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": inert(mask_secrets(record.getMessage())),
        }
        for key, value in vars(record).items():
            if key not in _STANDARD and not key.startswith("_"):
                entry[key] = inert(mask_secrets(value)) if isinstance(value, str) else value
        if record.exc_info:
            entry["error"] = inert(mask_secrets(self.formatException(record.exc_info)))
        return json.dumps(entry, ensure_ascii=False, default=str)


def setup(level: str = "INFO") -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonFormatter())
    for name in ("selfcheck_intake", "uvicorn", "uvicorn.error"):
        logger = logging.getLogger(name)
        logger.handlers[:] = [handler]
        logger.propagate = False
        logger.setLevel(level.upper())
    logging.getLogger("uvicorn.access").disabled = True  # its lines carry query strings (signed links); we log our own
