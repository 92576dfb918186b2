"""What a ``[[check]]`` table may hold: its kinds, required and allowed keys, and the validation that
refuses unknown keys (a typo must not make a check pass)."""

from __future__ import annotations

import re
from typing import Any

from selfcheck.api import CATEGORIES, PLATFORMS
from selfcheck.i18n import _

KINDS = ("tcp", "http", "process", "path", "command")
REQUIRED = {"tcp": ("host", "port"), "http": ("url",), "process": (), "path": ("path",), "command": ("command",)}

COMMON_KEYS = {
    "id",
    "kind",
    "title",
    "category",
    "severity",
    "help_url",
    "timeout",
    "depends_on",
    "after",
    "priority",
    "platforms",
    "messages",
    "version",
    "at_risk",
}
KIND_KEYS = {
    "tcp": {"host", "port"},
    "http": {"url", "status", "contains"},
    "process": {"name", "names"},
    "path": {"path", "type", "max_age_hours"},
    "command": {"command", "exit_code", "pattern"},
}
MESSAGE_KEYS = {"pass", "fail", "advice"}


def _is_text(value: Any) -> bool:
    """A message: a string or a table of strings per language."""
    return isinstance(value, str) or (isinstance(value, dict) and bool(value) and all(isinstance(v, str) for v in value.values()))


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _validate(spec: dict[str, Any]) -> list[str]:
    """What is wrong with one ``[[check]]`` table (empty when it is usable)."""
    problems = []
    kind = spec.get("kind")
    if kind not in KINDS:
        problems.append(_("kind must be one of {kinds}").format(kinds=", ".join(KINDS)))
        return problems
    for key in REQUIRED[kind]:
        if key not in spec:
            problems.append(_("the key {key} is missing").format(key=key))
    unknown = sorted(set(spec) - COMMON_KEYS - KIND_KEYS[kind])
    if unknown:
        problems.append(_("unknown keys: {keys}").format(keys=", ".join(unknown)))
    if kind == "process" and not (spec.get("name") or spec.get("names")):
        problems.append(_("the key {key} is missing").format(key="name"))
    if kind == "command" and not (isinstance(spec.get("command"), list) and spec["command"]):
        problems.append(_('command must be a list, like ["program", "argument"]'))
    if kind == "tcp" and "port" in spec and not (isinstance(spec["port"], int) and not isinstance(spec["port"], bool) and 0 < spec["port"] < 65536):
        problems.append(_("port must be a whole number between 1 and 65535"))
    if kind == "http" and "url" in spec and not (isinstance(spec["url"], str) and spec["url"].startswith(("http://", "https://"))):
        problems.append(_("url must start with http:// or https://"))
    if kind == "http" and "status" in spec:
        codes = spec["status"] if isinstance(spec["status"], list) else [spec["status"]]
        if not codes or not all(isinstance(c, int) and not isinstance(c, bool) for c in codes):
            problems.append(_("status must be a number, like 200, or a list of numbers"))
    if kind == "path" and spec.get("type", "any") not in ("file", "folder", "any"):
        problems.append(_("type must be file, folder or any"))
    for key in ("timeout", "max_age_hours"):
        if key in spec and not (_is_number(spec[key]) and spec[key] >= 0 and (key != "timeout" or spec[key] > 0)):
            problems.append(_("{key} must be a positive number").format(key=key))
    if "exit_code" in spec and not (isinstance(spec["exit_code"], int) and not isinstance(spec["exit_code"], bool)):
        problems.append(_("{key} must be a whole number").format(key="exit_code"))
    if "priority" in spec and not (isinstance(spec["priority"], int) and not isinstance(spec["priority"], bool)):
        problems.append(_("{key} must be a whole number").format(key="priority"))
    if spec.get("category", "app") not in CATEGORIES:
        problems.append(_("category must be one of {values}").format(values=", ".join(CATEGORIES)))
    platforms = spec.get("platforms", PLATFORMS)
    if not isinstance(platforms, list | tuple) or not platforms or not set(platforms) <= set(PLATFORMS):
        problems.append(_("platforms must be among {values}").format(values=", ".join(PLATFORMS)))
    for key in ("depends_on", "after"):
        if key in spec and not (isinstance(spec[key], list) and all(isinstance(x, str) for x in spec[key])):
            problems.append(_("{key} must be a list of check ids").format(key=key))
    if not isinstance(spec.get("at_risk", False), bool):
        problems.append(_("{key} must be true or false").format(key="at_risk"))
    if spec.get("severity", "fail") not in ("warn", "fail"):
        problems.append(_("severity must be warn or fail"))
    if "title" in spec and not _is_text(spec["title"]):
        problems.append(_("{key} must be a text, or a table of texts per language").format(key="title"))
    messages = spec.get("messages", {})
    if not isinstance(messages, dict):
        problems.append(_("messages must be a table"))
    else:
        for key in sorted(set(messages) - MESSAGE_KEYS):
            problems.append(_("unknown keys: {keys}").format(keys=f"messages.{key}"))
        for key in ("pass", "fail"):
            if key in messages and not _is_text(messages[key]):
                problems.append(_("{key} must be a text, or a table of texts per language").format(key=f"messages.{key}"))
        advice = messages.get("advice", [])
        if not isinstance(advice, list) or not all(_is_text(a) for a in advice):
            problems.append(_("messages.advice must be a list of texts"))
    pattern = spec.get("pattern")
    if pattern is not None and not isinstance(pattern, str):
        problems.append(_("{key} must be a text").format(key="pattern"))
    elif pattern is not None:
        try:
            re.compile(str(pattern))
        except re.error as exc:
            problems.append(_("pattern is not a valid regular expression ({reason})").format(reason=exc))
    return problems
