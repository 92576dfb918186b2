"""Declarative checks: a support team adds checks in TOML, without Python.

A file holds one or more ``[[check]]`` tables::

    [[check]]
    id = "acme.crm"                    # dotted, unique
    kind = "http"                      # tcp | http | process | path | command
    title = { en = "ACME CRM reachable", fr = "Le CRM ACME est joignable" }
    category = "app"                   # hardware | os | network | security | devices | app
    url = "https://crm.acme.example/health"
    status = 200                       # http: expected status (or a list: [200, 204])
    contains = "OK"                    # http: text the page must contain
    severity = "fail"                  # status when the check does not pass: warn or fail
    at_risk = false                    # true: a failure puts files or the computer at risk (the verdict's red cross)
    help_url = "https://help.acme.example/crm"
    timeout = 5
    depends_on = ["network.https"]
    platforms = ["windows", "darwin", "linux"]
    [check.messages]                   # each a string or { en = "...", fr = "..." }
    pass = "The CRM answers."
    fail = "The CRM does not answer ({reason})."
    advice = ["Check that the VPN is connected.", "Try again in a few minutes."]

Kind-specific keys: ``tcp``: host, port; ``http``: url, status, contains;
``process``: name (or names, any of them); ``path``: path, type ("file",
"folder" or "any"), max_age_hours; ``command``: command (a list), exit_code,
pattern (a regular expression the output must match). ``http`` status may be a
list of accepted codes. Unknown keys are refused (a typo must not make a check
pass). ``after`` and ``priority`` work as for Python checks.
Messages may use ``{reason}`` and the facts' keys in braces. ``tcp`` and
``http`` probes honour ``SELFCHECK_NETWORK_ALLOW`` as the network checks do.
"""

from __future__ import annotations

import errno
import logging
import os
import re
import socket
import time
from pathlib import Path
from typing import Any, ClassVar

from selfcheck import netparse, netprobe
from selfcheck.api import PLATFORMS, Check, Context, Facts, LoadProblem, Outcome, Status, Thresholds, ids_written_in
from selfcheck.i18n import N_, _, os_error_text, pick

from . import match
from .guard import ProbeRefused, _connect_any, _guarded_adapter, _http_error_code
from .schema import _validate

log = logging.getLogger(__name__)

DEFAULT_TIMEOUT = 5.0
GRACE = 1.0  # seconds the runner adds to a declared timeout

DEFAULT_MESSAGES = {
    "pass": N_("{title}: OK."),
    "fail": N_("{title}: not OK ({reason})."),
}
DEFAULT_ADVICE = N_("If this keeps happening, contact support and mention “{title}”.")


def _probe_error_text(facts: Facts) -> str:
    """Plain, translated words for a failed tcp or http probe."""
    code = str(facts.get("error") or "")
    if code == "blocked":
        return _("{address} is outside the networks this program may test here (SELFCHECK_NETWORK_ALLOW)").format(address=facts.get("address"))
    if code == "name_not_found":
        return _("the name {host} could not be found").format(host=facts.get("address") or facts.get("host"))
    if code == "tls":
        return _("the server's identity could not be checked (a certificate problem)")
    if code == "too_many_redirects":
        return _("it sends the browser round in circles (too many redirections)")
    return os_error_text(code, _("the connection failed"))


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

    def _limit(self, ctx: Context) -> float:
        """Seconds the probe may take: the declared timeout, within what the scan has left.

        The runner gives the check a little more (``GRACE``), so a slow probe
        ends as this check's plain "not OK" rather than as a runner timeout.
        """
        declared = float(self.spec.get("timeout", DEFAULT_TIMEOUT))
        return max(0.05, min(declared, ctx.remaining() - GRACE / 2))

    def collect(self, ctx: Context) -> Facts:
        collector = getattr(self, f"_collect_{self.kind}")
        facts: Facts = collector(ctx)
        facts["kind"] = self.kind
        return facts

    def _addresses(self, host: str, ctx: Context) -> list[str] | None:
        """The addresses a probe may use for ``host`` under ``SELFCHECK_NETWORK_ALLOW``; None when no guard is set.

        With a guard, names are never given to the system resolver (as in the
        network checks): the hosts file, then the resolvers asked directly (each
        of them guarded too). Raises ProbeRefused when nothing may be reached.
        """
        if not os.environ.get(netprobe.ALLOW_ENV):
            return None
        if netparse.is_ip(host.strip("[]")):
            found = [host.strip("[]")]
        else:
            resolvers, known = netprobe.dns_context(ctx.facts_of, ctx.run, ctx.platform)
            answer = netprobe.resolve(host, resolvers, min(self._limit(ctx), netprobe.timeout_of(ctx.config, "dns")), known)
            found = list(answer.get("addresses") or [])
            if not found:
                raise ProbeRefused("name_not_found", host)
        usable = [ip for ip in found if netprobe.allowed(ip)]
        if not usable:
            raise ProbeRefused("blocked", found[0])
        return usable

    def _collect_tcp(self, ctx: Context) -> Facts:
        host, port = str(self.spec["host"]), int(self.spec["port"])
        start = time.monotonic()
        try:
            addresses = self._addresses(host, ctx)
            if addresses is None:
                with socket.create_connection((host, port), timeout=self._limit(ctx)):
                    pass
            else:
                _connect_any(addresses, port, self._limit(ctx)).close()
        except ProbeRefused as refused:
            return {"host": host, "port": port, "ok": False, "reason": refused.code, "error": refused.code, "address": refused.target}
        except OSError as exc:
            return {
                "host": host,
                "port": port,
                "ok": False,
                "reason": exc.strerror or type(exc).__name__,
                "error": "ETIMEDOUT" if isinstance(exc, TimeoutError) else errno.errorcode.get(exc.errno or 0, ""),
            }
        return {"host": host, "port": port, "ok": True, "seconds": round(time.monotonic() - start, 4)}

    def _collect_http(self, ctx: Context) -> Facts:
        import requests

        url = str(self.spec["url"])
        http = requests.Session()
        if os.environ.get(netprobe.ALLOW_ENV):
            adapter = _guarded_adapter(lambda host: self._addresses(host, ctx) or [])
            http.mount("http://", adapter)
            http.mount("https://", adapter)
        try:
            with http, http.get(url, timeout=self._limit(ctx), allow_redirects=True, stream=True) as response:
                body = response.raw.read(200_000, decode_content=True) or b""
        except ProbeRefused as refused:
            return {"url": url, "ok": False, "status": None, "error": refused.code, "address": refused.target}
        except Exception as exc:  # requests, urllib3 and socket errors alike: no usable answer
            return {"url": url, "ok": False, "status": None, "error": _http_error_code(exc), "detail": f"{type(exc).__name__}: {exc}"[:500]}
        text = body.decode(response.encoding or "utf-8", errors="replace")
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
        from selfcheck.platforms.common import PROCESS_NAME_ATTRS, process_name

        for proc in psutil.process_iter(PROCESS_NAME_ATTRS):
            name = process_name(proc.info).lower()
            if name in wanted_lower or name.removesuffix(".exe") in wanted_lower:
                found.add(name)
            elif len(name) == 15:  # the kernel's name of a longer program name (its executable was not readable)
                found.update(w for w in wanted_lower if len(w) > 15 and w.startswith(name))
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
        out = ctx.run([str(a) for a in self.spec["command"]], timeout=self._limit(ctx))
        facts: Facts = {
            "command": out.args,
            "exit_code": out.returncode,
            "missing": out.missing,
            "timed_out": out.timed_out,
            "output": (out.stdout + out.stderr)[-4000:],
        }
        pattern = self.spec.get("pattern")
        if pattern and not out.missing and not out.timed_out:
            facts["matched"] = self._match(ctx, str(pattern), facts["output"])
        return facts

    def _match(self, ctx: Context, pattern: str, text: str) -> bool | None:
        """Whether ``pattern`` is found in ``text``, searched in a child process stopped at the check's deadline
        (see :mod:`selfcheck.declarative.match`); None when it could not say in time."""
        found = ctx.run(match.command(), timeout=max(0.05, ctx.remaining() - GRACE / 4), input_text=match.request(pattern, text))
        answer = found.stdout.strip()
        if answer in ("0", "1"):
            return answer == "1"
        why = "it took too long" if found.timed_out else f"it ended with code {found.returncode}: {found.stderr.strip()[-300:]}"
        log.warning("check %s: its pattern %r could not be matched against the output (%s)", self.id, pattern, why)
        return None

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
                else _("cannot connect to {host} port {port}: {why}").format(
                    host=facts.get("host"),
                    port=facts.get("port"),
                    why=_probe_error_text(facts)
                    if facts.get("error") in ("blocked", "name_not_found")
                    else os_error_text(facts.get("error"), str(facts.get("reason", "?"))),
                )
            )
        if self.kind == "http":
            if facts.get("status") is None:
                return _("no answer from {url}: {why}").format(url=facts.get("url"), why=_probe_error_text(facts))
            wanted = spec.get("status", 200)
            expected = [int(c) for c in wanted] if isinstance(wanted, list) else [int(wanted)]
            if facts["status"] not in expected:
                shown = _(" or ").join(str(c) for c in expected)
                return _("the answer was {got} instead of {expected}").format(got=facts["status"], expected=shown)
            if facts.get("contains") is False:
                return _("the page does not contain the expected text")
            return None
        if self.kind == "process":
            return None if facts.get("running") else _("the program {name} is not running").format(name=", ".join(facts.get("wanted", [])))
        if self.kind == "path":
            if not facts.get("exists"):
                return _("{path} does not exist").format(path=facts.get("path"))
            kind = spec.get("type", "any")
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
            if spec.get("pattern"):
                matched = facts.get("matched")  # searched by collect, in a child process (None: it could not say)
                if matched is None:
                    return _("the command's output could not be checked")
                if not matched:
                    return _("the command's output is not as expected")
            return None
        return _("unknown kind")


def make_check(spec: dict[str, Any]) -> type[Check]:
    title = spec.get("title") or spec["id"]
    attrs = {
        "id": spec["id"],
        "kind": spec["kind"],
        "spec": spec,
        "title": pick(title) or str(spec["id"]),  # a company's words: French spacing whether given once or per language
        "category": spec.get("category", "app"),
        "platforms": tuple(spec.get("platforms", PLATFORMS)),
        "depends_on": tuple(spec.get("depends_on", ())),
        "after": tuple(spec.get("after", ())),
        "priority": int(spec.get("priority", 50)),
        "timeout": float(spec.get("timeout", DEFAULT_TIMEOUT)) + GRACE,
        "help_url": spec.get("help_url"),
        "at_risk": spec.get("at_risk") is True,
        "version": str(spec.get("version", "1")),
    }
    name = "Declarative_" + re.sub(r"\W", "_", spec["id"])
    return type(name, (DeclarativeCheck,), attrs)


_TABLE_RE = re.compile(r"^[ \t]*\[\[[ \t]*check[ \t]*\]\]", re.M)


def problem_line(text: str | None, index: int, spec: dict[str, Any], spec_problems: list[str]) -> int | None:
    """The line an admin should look at for the ``index``-th ``[[check]]`` table (1-based) of a file: where the first key
    its problems name is set, else where the table starts; None when the file's tables cannot be told apart (written
    as an inline array)."""
    if not text:
        return None
    starts = [m.start() for m in _TABLE_RE.finditer(text)]
    if len(starts) < index:
        return None
    begin, end = starts[index - 1], starts[index] if index < len(starts) else len(text)
    named = [key for key in spec if any(re.search(r"(?<![\w.])" + re.escape(key) + r"(?![\w.])", p) for p in spec_problems)]
    found = [m.start() for key in named for m in [re.compile(r"^[ \t]*" + re.escape(key) + r"[ \t]*=", re.M).search(text, begin, end)] if m]
    return text.count("\n", 0, min(found) if found else begin) + 1


def load_file(path: Path, problems: list[Any]) -> list[type[Check]]:
    """Check classes from one TOML file; problems are appended as LoadProblems."""
    from selfcheck.config import ConfigProblem, parse_toml_file, read_text

    parse_problems: list[ConfigProblem] = []
    data = parse_toml_file(path, parse_problems)
    for p in parse_problems:
        problem = _("The check file {file} could not be read: {problem}").format(file=path.name, problem=str(p))
        problems.append(LoadProblem(str(path), problem, check_ids=ids_written_in(path)))
    if data is None:
        return []
    tables = data.get("check")
    if not isinstance(tables, list) or not tables:
        problems.append(LoadProblem.said(str(path), N_("The check file {file} has no [[check]] table."), file=path.name))
        return []
    made: list[type[Check]] = []
    for index, spec in enumerate(tables, start=1):
        if not isinstance(spec, dict) or not isinstance(spec.get("id"), str):
            problems.append(LoadProblem.said(str(path), N_("Check number {n} in {file} has no id."), n=str(index), file=path.name))
            continue
        spec_problems = _validate(spec)
        if spec_problems:
            line = problem_line(read_text(path), index, spec, spec_problems)
            words = _("; ").join(spec_problems)  # French: « … ; … »
            if line is None:
                message = _("The check {id} in {file} is not valid: {problems}.").format(id=spec["id"], file=path.name, problems=words)
            else:
                message = _("The check {id} in {file}, line {line}, is not valid: {problems}.").format(id=spec["id"], file=path.name, line=line, problems=words)
            problems.append(LoadProblem(str(path), message, check_ids=[spec["id"]]))
            continue
        made.append(make_check(spec))
    return made
