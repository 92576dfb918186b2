"""Declarative checks: a support team adds checks in TOML, without Python.

A file holds one or more ``[[check]]`` tables::

    [[check]]
    id = "acme.crm"                    # dotted, unique
    kind = "http"                      # tcp | http | process | path | command
    title = { en = "ACME CRM reachable", fr = "Le CRM ACME est joignable" }
    category = "app"                   # hardware | os | network | security | app
    url = "https://crm.acme.example/health"
    status = 200                       # http: expected status
    contains = "OK"                    # http: text the page must contain
    severity = "fail"                  # status when the check does not pass: warn or fail
    help_url = "https://help.acme.example/crm"
    timeout = 5
    depends_on = ["network.https"]
    platforms = ["windows", "darwin", "linux"]
    [check.messages]                   # each a string or { en = "...", fr = "..." }
    pass = "The CRM answers."
    fail = "The CRM does not answer ({reason})."
    advice = ["Check that the VPN is connected.", "Try again in a few minutes."]

Kind-specific keys: ``tcp``: host, port; ``http``: url, status, contains;
``process``: name (or names, any of them); ``path``: path, kind ("file",
"folder" or "any"), max_age_hours; ``command``: command (a list), exit_code,
pattern (a regular expression the output must match).
Messages may use ``{reason}`` and the facts' keys in braces.
"""

from __future__ import annotations

import os
import re
import socket
import time
from pathlib import Path
from typing import Any, ClassVar

from selfcheck.api import CATEGORIES, PLATFORMS, Check, Context, Facts, Outcome, Status, Thresholds
from selfcheck.i18n import N_, _, pick

KINDS = ("tcp", "http", "process", "path", "command")
REQUIRED = {"tcp": ("host", "port"), "http": ("url",), "process": (), "path": ("path",), "command": ("command",)}

DEFAULT_MESSAGES = {
    "pass": N_("{title}: OK."),
    "fail": N_("{title}: not OK ({reason})."),
}
DEFAULT_ADVICE = N_("If this keeps happening, contact support and mention “{title}”.")


class _SafeDict(dict[str, Any]):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def _fmt(template: str, values: dict[str, Any]) -> str:
    try:
        return template.format_map(_SafeDict(values))
    except (ValueError, IndexError):
        return template


class DeclarativeCheck(Check):
    """Base of the classes made from TOML; ``spec`` holds the table."""

    spec: ClassVar[dict[str, Any]] = {}
    kind: ClassVar[str] = ""

    @classmethod
    def translated_title(cls) -> str:
        return pick(cls.spec.get("title")) or cls.id

    # --- collect: one function per kind -------------------------------------------------

    def collect(self, ctx: Context) -> Facts:
        collector = getattr(self, f"_collect_{self.kind}")
        facts: Facts = collector(ctx)
        facts["kind"] = self.kind
        return facts

    def _collect_tcp(self, ctx: Context) -> Facts:
        host, port = str(self.spec["host"]), int(self.spec["port"])
        start = time.monotonic()
        try:
            with socket.create_connection((host, port), timeout=min(float(self.timeout), ctx.remaining() or 1)):
                pass
        except OSError as exc:
            return {"host": host, "port": port, "ok": False, "reason": exc.strerror or type(exc).__name__}
        return {"host": host, "port": port, "ok": True, "seconds": round(time.monotonic() - start, 4)}

    def _collect_http(self, ctx: Context) -> Facts:
        import requests

        url = str(self.spec["url"])
        try:
            response = requests.get(url, timeout=min(float(self.timeout), ctx.remaining() or 1), allow_redirects=True)
        except requests.RequestException as exc:
            return {"url": url, "ok": False, "status": None, "reason": type(exc).__name__}
        text = response.text[:200_000]
        needle = self.spec.get("contains")
        return {
            "url": url,
            "status": response.status_code,
            "contains": (needle in text) if needle else None,
            "seconds": round(response.elapsed.total_seconds(), 4),
        }

    def _collect_process(self, ctx: Context) -> Facts:
        import psutil

        wanted = self.spec.get("names") or [self.spec.get("name", "")]
        wanted_lower = {str(w).lower() for w in wanted}
        found = set()
        for proc in psutil.process_iter(["name"]):
            name = (proc.info.get("name") or "").lower()
            if name in wanted_lower or name.removesuffix(".exe") in wanted_lower:
                found.add(name)
        return {"wanted": sorted(wanted_lower), "running": sorted(found)}

    def _collect_path(self, ctx: Context) -> Facts:
        raw = str(self.spec["path"])
        path = Path(os.path.expandvars(os.path.expanduser(raw)))
        try:
            st = path.stat()
        except OSError:
            return {"path": raw, "exists": False}
        age_hours = (time.time() - st.st_mtime) / 3600
        return {"path": raw, "exists": True, "is_dir": path.is_dir(), "age_hours": round(age_hours, 3)}

    def _collect_command(self, ctx: Context) -> Facts:
        out = ctx.run([str(a) for a in self.spec["command"]], timeout=float(self.timeout))
        return {
            "command": out.args,
            "exit_code": out.returncode,
            "missing": out.missing,
            "timed_out": out.timed_out,
            "output": (out.stdout + out.stderr)[-4000:],
        }

    # --- evaluate: pure -------------------------------------------------------------------

    def evaluate(self, facts: Facts, thresholds: Thresholds) -> Outcome:
        reason = self._failure_reason(facts)
        messages = self.spec.get("messages") or {}
        values = {**facts, "title": self.translated_title(), "reason": reason or ""}
        help_url = self.spec.get("help_url")
        if reason is None:
            template = pick(messages.get("pass")) or _(DEFAULT_MESSAGES["pass"])
            return Outcome(Status.PASS, _fmt(template, values), help_url=help_url, evidence=dict(facts))
        template = pick(messages.get("fail")) or _(DEFAULT_MESSAGES["fail"])
        advice = [_fmt(pick(a), values) for a in messages.get("advice") or []] or [_fmt(_(DEFAULT_ADVICE), values)]
        severity = Status.WARN if self.spec.get("severity") == "warn" else Status.FAIL
        return Outcome(severity, _fmt(template, values), advice=advice, help_url=help_url, evidence=dict(facts))

    def _failure_reason(self, facts: Facts) -> str | None:
        spec = self.spec
        if self.kind == "tcp":
            return (
                None
                if facts.get("ok")
                else _("cannot connect to {host} port {port}: {why}").format(host=facts.get("host"), port=facts.get("port"), why=facts.get("reason", "?"))
            )
        if self.kind == "http":
            if facts.get("status") is None:
                return _("no answer from {url}").format(url=facts.get("url"))
            expected = int(spec.get("status", 200))
            if facts["status"] != expected:
                return _("the answer was {got} instead of {expected}").format(got=facts["status"], expected=expected)
            if facts.get("contains") is False:
                return _("the page does not contain the expected text")
            return None
        if self.kind == "process":
            return None if facts.get("running") else _("the program {name} is not running").format(name=", ".join(facts.get("wanted", [])))
        if self.kind == "path":
            if not facts.get("exists"):
                return _("{path} does not exist").format(path=facts.get("path"))
            kind = spec.get("kind", "any")
            if kind == "file" and facts.get("is_dir"):
                return _("{path} is a folder, not a file").format(path=facts.get("path"))
            if kind == "folder" and not facts.get("is_dir"):
                return _("{path} is not a folder").format(path=facts.get("path"))
            max_age = spec.get("max_age_hours")
            if max_age is not None and float(facts.get("age_hours", 0)) > float(max_age):
                return _("{path} has not been updated for {hours} hours").format(path=facts.get("path"), hours=int(facts["age_hours"]))
            return None
        if self.kind == "command":
            if facts.get("missing"):
                return _("the program {name} is not installed").format(name=(facts.get("command") or ["?"])[0])
            if facts.get("timed_out"):
                return _("the command did not finish in time")
            expected_code = int(spec.get("exit_code", 0))
            if facts.get("exit_code") != expected_code:
                return _("the command ended with code {code}").format(code=facts.get("exit_code"))
            pattern = spec.get("pattern")
            if pattern and not re.search(pattern, facts.get("output") or ""):
                return _("the command's output is not as expected")
            return None
        return _("unknown kind")


def _validate(spec: dict[str, Any]) -> list[str]:
    problems = []
    kind = spec.get("kind")
    if kind not in KINDS:
        problems.append(_("kind must be one of {kinds}").format(kinds=", ".join(KINDS)))
        return problems
    for key in REQUIRED[kind]:
        if key not in spec:
            problems.append(_("the key {key} is missing").format(key=key))
    if kind == "process" and not (spec.get("name") or spec.get("names")):
        problems.append(_("the key {key} is missing").format(key="name"))
    if kind == "command" and not (isinstance(spec.get("command"), list) and spec["command"]):
        problems.append(_('command must be a list, like ["program", "argument"]'))
    if spec.get("category", "app") not in CATEGORIES:
        problems.append(_("category must be one of {values}").format(values=", ".join(CATEGORIES)))
    if not set(spec.get("platforms", PLATFORMS)) <= set(PLATFORMS):
        problems.append(_("platforms must be among {values}").format(values=", ".join(PLATFORMS)))
    if spec.get("severity", "fail") not in ("warn", "fail"):
        problems.append(_("severity must be warn or fail"))
    pattern = spec.get("pattern")
    if pattern:
        try:
            re.compile(pattern)
        except re.error as exc:
            problems.append(_("pattern is not a valid regular expression ({reason})").format(reason=exc))
    return problems


def make_check(spec: dict[str, Any]) -> type[Check]:
    title = spec.get("title") or spec["id"]
    attrs = {
        "id": spec["id"],
        "kind": spec["kind"],
        "spec": spec,
        "title": pick(title) if isinstance(title, dict) else str(title),
        "category": spec.get("category", "app"),
        "platforms": tuple(spec.get("platforms", PLATFORMS)),
        "depends_on": tuple(spec.get("depends_on", ())),
        "timeout": float(spec.get("timeout", 5)),
        "help_url": spec.get("help_url"),
        "version": str(spec.get("version", "1")),
    }
    name = "Declarative_" + re.sub(r"\W", "_", spec["id"])
    return type(name, (DeclarativeCheck,), attrs)


def load_file(path: Path, problems: list[Any]) -> list[type[Check]]:
    """Check classes from one TOML file; problems are appended as LoadProblems."""
    from selfcheck.config import ConfigProblem, parse_toml_file
    from selfcheck.discovery import LoadProblem

    parse_problems: list[ConfigProblem] = []
    data = parse_toml_file(path, parse_problems)
    for p in parse_problems:
        problems.append(LoadProblem(str(path), _("The check file {file} could not be read: {problem}").format(file=path.name, problem=str(p))))
    if data is None:
        return []
    tables = data.get("check")
    if not isinstance(tables, list) or not tables:
        problems.append(LoadProblem(str(path), _("The check file {file} has no [[check]] table.").format(file=path.name)))
        return []
    made: list[type[Check]] = []
    for index, spec in enumerate(tables, start=1):
        if not isinstance(spec, dict) or not isinstance(spec.get("id"), str):
            problems.append(LoadProblem(str(path), _("Check number {n} in {file} has no id.").format(n=index, file=path.name)))
            continue
        spec_problems = _validate(spec)
        if spec_problems:
            problems.append(
                LoadProblem(
                    str(path), _("The check {id} in {file} is not valid: {problems}.").format(id=spec["id"], file=path.name, problems="; ".join(spec_problems))
                )
            )
            continue
        made.append(make_check(spec))
    return made
