"""Making a bundle: plan every file's exact bytes first, then write them atomically.

:func:`plan_bundle` gathers and redacts everything into memory and returns a
:class:`BundlePlan`: what a front end shows the user before anything leaves the
machine (every file exactly as it will be written, the manifest and the
redaction report). :meth:`BundlePlan.exclude` leaves optional parts out (logs,
screenshot, description...). :func:`write_bundle` writes the plan to a temporary
file next to the target and renames it, so no half-written zip is ever left.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import logging
import os
import re
import shutil
import tempfile
import time
import unicodedata
import uuid
import zipfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, BinaryIO

from selfcheck import __version__, hooks, logsetup, paths
from selfcheck.bundle import inventory, logs, report
from selfcheck.bundle.manifest import (
    DESCRIPTION_JSON,
    DESCRIPTION_TXT,
    EXTENSION_TITLES,
    FACTS_DIR,
    MANIFEST,
    REPORT,
    REQUIRED,
    RESULTS,
    SCHEMA_VERSION,
    SCREENSHOT,
    SYSTEM,
    reference_for,
)
from selfcheck.bundle.redact import Identity, RedactionConfig, Redactor
from selfcheck.i18n import _, current_language, os_error_text

log = logging.getLogger(__name__)

DEFAULTS = {
    "max_total_mb": 20,
    "max_file_kb": 2048,
    "max_logs_mb": 10,
    "max_screenshot_mb": 8,
    "time_budget": 20,
    "inventory_timeout": 5,
    "max_folder_entries": 10000,
    "max_log_files": 50,
}


class BundleWriteError(Exception):
    """The bundle could not be written; ``str()`` is a plain, translated message."""


@dataclass
class Description:
    """What the user wrote about the problem."""

    problem: str = ""
    since: str = ""
    changed: str = ""
    symptom: str | None = None
    #: answers to the symptom's questions: [{"id": ..., "question": ..., "answer": ...}], in the customer's words
    #: (and "value": the picked choice's language-independent value, when the config gives it one)
    answers: list[dict[str, str]] = field(default_factory=list)

    @classmethod
    def coerce(cls, value: Description | Mapping[str, Any] | str | None) -> Description | None:
        if value is None or isinstance(value, Description):
            return value
        if isinstance(value, str):
            return cls(problem=value)
        answers = [
            {"id": str(a.get("id") or ""), "question": str(a.get("question") or ""), "answer": str(a.get("answer") or "")}
            | ({"value": str(a["value"])} if isinstance(a.get("value"), str) and a["value"] else {})
            for a in value.get("answers") or []
            if isinstance(a, Mapping) and str(a.get("answer") or "").strip()
        ]
        return cls(
            problem=str(value.get("problem") or ""),
            since=str(value.get("since") or ""),
            changed=str(value.get("changed") or ""),
            symptom=value.get("symptom") or None,
            answers=answers,
        )

    @property
    def present(self) -> bool:
        return any(s.strip() for s in (self.problem, self.since, self.changed)) or bool(self.answers)

    def to_dict(self) -> dict[str, Any]:
        return {"problem": self.problem, "since": self.since, "changed": self.changed, "symptom": self.symptom, "answers": [dict(a) for a in self.answers]}

    def to_text(self) -> str:
        # only what was answered: an empty "-" reads as a field the person forgot
        asked = [(_("What is the problem?"), self.problem), (_("Since when?"), self.since), (_("What changed recently?"), self.changed)]
        asked += [(str(a["question"]), str(a["answer"])) for a in self.answers]
        lines: list[str] = []
        for question, answer in asked:
            if answer.strip():
                lines += [question, answer.strip(), ""]
        if self.symptom:
            lines.append(_("Kind of problem: {symptom}").format(symptom=self.symptom))
        return "\n".join(lines).strip() + "\n"


@dataclass
class BundleInfo:
    """A written bundle: where it is and the code the user quotes."""

    path: Path
    bundle_id: str
    reference: str
    size: int
    mapping_path: Path | None = None


def _settings(config: Any) -> dict[str, float]:
    section = config.section("bundle") if config is not None else {}
    merged: dict[str, float] = {}
    for key, default in DEFAULTS.items():
        value = section.get(key, default)
        merged[key] = float(value) if isinstance(value, int | float) and not isinstance(value, bool) and value >= 0 else float(default)
    return merged


def _json_part(data: bytes | None) -> dict[str, Any] | None:
    try:
        value = json.loads(data) if data else None
    except ValueError:
        return None
    return value if isinstance(value, dict) else None


def _json_bytes(value: Any) -> bytes:
    return (json.dumps(value, indent=2, ensure_ascii=False, sort_keys=False, default=str) + "\n").encode("utf-8")


def _safe_part_name(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "_", text).strip("._") or "check"


@dataclass
class BundlePlan:
    """Everything a bundle will hold, already redacted, before it is written.

    ``files`` maps each path in the zip to its exact bytes (``manifest.json``
    included); ``manifest`` is the manifest as a dict; ``redaction`` the
    redaction report. ``mapping`` (pseudonym -> original) never goes in the zip.
    """

    bundle_id: str
    reference: str
    created_at: str
    parts: dict[str, bytes]
    redactor: Redactor
    scan_data: dict[str, Any]
    system: dict[str, Any] | None
    description: dict[str, Any] | None
    checks: list[dict[str, Any]]
    symptom: str | None
    skipped: list[dict[str, str]] = field(default_factory=list)
    limits_hit: list[dict[str, Any]] = field(default_factory=list)
    files: dict[str, bytes] = field(default_factory=dict)
    manifest: dict[str, Any] = field(default_factory=dict)
    max_total: int = 20 * 1024 * 1024
    symptoms: dict[str, Any] = field(default_factory=dict)  # the config's [symptoms], for the support card
    provider: bool = False  # the config's [support] internet_provider, for the support card
    team_contact: str = ""  # the config's [support] network_team (supportcard.network_team), for the support card
    call_contact: Any = None  # the config's [branding] support_contact (text or per language): the card's reply says it where it says "call us"
    registry: Any = None
    card_wanted: bool = True  # False once the user leaves the support card out
    product: str = "selfcheck"  # the program's name as the company gives it, in the customer's language: report.html's heading
    brand: str = "selfcheck"  # the company's name, else the program's, in the customer's language: the file's name (default_name)

    @property
    def redaction(self) -> list[dict[str, Any]]:
        return list(self.manifest.get("redaction", []))

    @property
    def mapping(self) -> dict[str, dict[str, str]]:
        return self.redactor.mapping()

    @property
    def size(self) -> int:
        """Total of the files' sizes (before compression)."""
        return sum(len(b) for b in self.files.values())

    def paths(self) -> list[str]:
        return list(self.files)

    def optional_paths(self) -> list[str]:
        """Parts the user may leave out."""
        return [p for p in self.files if p not in REQUIRED]

    def preview(self, path: str) -> str:
        """A file as text, exactly as it will be sent (an image is described, not shown)."""
        data = self.files[path]
        if path.endswith(".png"):
            return _("(an image of {size} bytes)").format(size=len(data))
        return data.decode("utf-8", errors="replace")

    def exclude(self, path: str) -> list[str]:
        """Leave a part (or every part under a folder, like ``logs/``) out; returns what was removed.

        ``description.json`` and ``description.txt`` (or ``description``) go together.

        The manifest and report.html are rebuilt and list the parts as excluded by the user.
        Raises ``ValueError`` for a part the bundle cannot do without.
        """
        prefix = path.rstrip("/") + "/"
        if path in REQUIRED:
            raise ValueError(_("{path} is always part of a bundle.").format(path=path))
        together = {DESCRIPTION_JSON, DESCRIPTION_TXT} if path in (DESCRIPTION_JSON, DESCRIPTION_TXT, "description") else {path}
        if path in (SUPPORT_CARD_JSON, SUPPORT_CARD_TXT):
            together = {SUPPORT_CARD_JSON, SUPPORT_CARD_TXT}
            self.card_wanted = False
        removed = [p for p in self.parts if p in together or p.startswith(prefix)]
        for p in removed:
            del self.parts[p]
            self.redactor.forget(p)
            # "by": the language-independent mark the support card reads (a recording left out: its screen has no proof here)
            self.skipped.append({"path": p, "reason": _("left out by the user"), "by": "user"})
            if p == SYSTEM:
                self.system = None
            elif p in (DESCRIPTION_JSON, DESCRIPTION_TXT):
                self.description = None
        if removed:
            self.finalise()
        return removed

    def _refresh_card(self) -> None:
        """The support card, made again from the parts as they are now (what the user left out is not on it)."""
        for name in (SUPPORT_CARD_JSON, SUPPORT_CARD_TXT):
            self.parts.pop(name, None)
        if not self.card_wanted:
            return
        try:
            card = support_card_for(self)
        except Exception as exc:  # the card must never stop the bundle
            log.exception("support card failed")
            self.skipped.append({"path": SUPPORT_CARD_JSON, "reason": _("the support card could not be made ({reason})").format(reason=type(exc).__name__)})
            self.card_wanted = False
            return
        self.parts[SUPPORT_CARD_JSON] = _json_bytes(card.to_dict())
        self.parts[SUPPORT_CARD_TXT] = card.to_text().encode("utf-8")

    def finalise(self) -> None:
        """(Re)build report.html and manifest.json from the parts.

        The page is rendered from data that is already redacted; the redactor never runs over
        the rendered HTML (a keyword "Meta" or a host "main" would rewrite its markup)."""
        self.redactor.forget(REPORT)
        self._refresh_card()
        present = set(self.parts) | {REPORT, MANIFEST}
        redaction = self.redactor.report(present)
        files_for_report = [{"path": p, "size": len(b)} for p, b in self.parts.items()]
        html = report.render(
            scan=self.scan_data,
            description=self.description,
            system=self.system,
            redaction=redaction,
            files=files_for_report,
            skipped=self.skipped,
            limits_hit=self.limits_hit,
            meta={"reference": self.reference, "bundle_id": self.bundle_id, "created_at": self.created_at, "selfcheck_version": __version__},
            history=_json_part(self.parts.get("history.json")),
            timeline_svg=self.parts["recording/timeline.svg"].decode("utf-8", "replace") if "recording/timeline.svg" in self.parts else None,
            logs={p: b for p, b in self.parts.items() if p.startswith("logs/")},
            support_card=_json_part(self.parts.get(SUPPORT_CARD_JSON)),
            product=self.product,
            facts=_facts_of(self.parts),  # the computer's clock: "Created" says when it was wrong
        )
        redaction = self.redactor.report(present)
        files = dict(self.parts)
        files[REPORT] = html.encode("utf-8")
        self.manifest = {
            "schema_version": SCHEMA_VERSION,
            "selfcheck_version": __version__,
            "bundle_id": self.bundle_id,
            "reference": self.reference,
            "created_at": self.created_at,
            "language": current_language(),
            "checks": self.checks,
            "files": [{"path": p, "size": len(b), "sha256": hashlib.sha256(b).hexdigest()} for p, b in files.items()],
            "limits_hit": self.limits_hit,
            "skipped": self.skipped,
            "redaction": redaction,
            "symptom": self.symptom,
            "description_present": bool(self.description and any(str(self.description.get(k) or "").strip() for k in ("problem", "since", "changed"))),
        }
        self.files = {MANIFEST: _json_bytes(self.manifest), **files}


def plan_bundle(
    app: Any,
    scan: Any,
    *,
    description: Description | Mapping[str, Any] | str | None = None,
    include_logs: bool = True,
    screenshot_png: bytes | None = None,
    identity: Identity | None = None,
    site_tries: dict[tuple[str, str], dict[str, Any] | None] | None = None,
) -> BundlePlan:
    """Gather and redact everything a bundle of ``scan`` holds, in memory.

    ``app`` is a :class:`selfcheck.app.App` (its config and registry are used);
    ``description`` what the user wrote; ``screenshot_png`` the PNG bytes of a
    screenshot, only when the user asked for one. ``identity`` overrides the
    user/host names to redact (tests). ``site_tries``: what the site the customer named gave
    at an earlier plan of the same bundle request (the caller keeps it across re-plans), reused rather
    than tried again (:func:`selfcheck.namedsite.tried_once`).
    """
    started = time.monotonic()
    config = app.config
    settings = _settings(config)
    deadline = started + settings["time_budget"]
    redaction_settings = RedactionConfig.from_section(config.section("redaction"))
    for problem in redaction_settings.problems:
        log.warning("redaction config: %s", problem)
    redactor = Redactor(identity, redaction_settings)
    bundle_id = str(uuid.uuid4())
    created_at = datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")
    parts: dict[str, bytes] = {}
    skipped: list[dict[str, str]] = []
    limits_hit: list[dict[str, Any]] = []
    max_total = int(settings["max_total_mb"] * 1024 * 1024)

    def skip(path: str, reason: str, **extra: str) -> None:
        """``extra``: language-independent fields (``part``: which module's part; ``error``: the failure) the card reads."""
        skipped.append(
            {"path": redactor.text(path, MANIFEST), "reason": redactor.text(reason, MANIFEST), **{k: redactor.text(v, MANIFEST) for k, v in extra.items()}}
        )

    raw_system: dict[str, Any] | None = None
    system_error: Exception | None = None
    try:
        raw_system = inventory.gather(config.data, timeout=max(0.5, min(settings["inventory_timeout"], deadline - time.monotonic())))
    except Exception as exc:  # the inventory must never stop the bundle
        log.exception("inventory failed")
        system_error = exc
    raw_scan = scan.to_dict(include_traceback=True)
    redactor.learn([config.data, scan.facts, raw_system, [r.get("evidence") for r in raw_scan.get("results", [])]])

    scan_data = redactor.json(raw_scan, RESULTS)
    parts[RESULTS] = _json_bytes(scan_data)
    for check_id, facts in sorted(scan.facts.items()):
        name = f"{FACTS_DIR}{_safe_part_name(check_id)}.json"
        parts[name] = _json_bytes(redactor.json({"check_id": check_id, "facts": facts}, name))

    system = None
    if raw_system is not None:
        system = redactor.json(raw_system, SYSTEM)
        parts[SYSTEM] = _json_bytes(system)
    else:
        skip(SYSTEM, _("the inventory could not be gathered ({reason})").format(reason=type(system_error).__name__))

    desc = Description.coerce(description)
    symptom = (desc.symptom if desc else None) or scan.symptom
    desc_data = None
    if desc is not None:
        if desc.symptom is None:
            desc = dataclasses.replace(desc, symptom=symptom)
        desc_data = redactor.json(desc.to_dict(), DESCRIPTION_JSON)
        parts[DESCRIPTION_JSON] = _json_bytes(desc_data)
        parts[DESCRIPTION_TXT] = redactor.text(desc.to_text(), DESCRIPTION_TXT).encode("utf-8")

    # the website the customer named (the describe step's question): tried now as the secure-sites check tries its own
    if desc is not None:
        from selfcheck import namedsite

        answer = namedsite.answer_of(desc)
        tried = namedsite.tried_once(app, scan, answer, site_tries) if answer else None
        if tried is not None:
            parts[namedsite.PART] = _json_bytes(redactor.json(tried, namedsite.PART))

    # files other parts add (selfcheck.hooks.bundle_parts: the history, repairs), redacted like the rest;
    # one that fails is logged and listed in the manifest's ``skipped``
    for extension in list(hooks.bundle_parts):
        module = getattr(extension, "__module__", "")
        name = _(EXTENSION_TITLES[module]) if module in EXTENSION_TITLES else getattr(extension, "__qualname__", repr(extension))
        try:
            produced = extension(app, scan) or []
            for path, data in produced:
                if not isinstance(path, str) or not path or path in parts or path in REQUIRED or path.startswith(("/", "..")) or ".." in path.split("/"):
                    raise ValueError(f"bad part name {path!r}")
                parts[path] = _redact_bytes(redactor, path, bytes(data))
        except Exception as exc:
            log.exception("bundle extension %s failed", name)
            # the reason in words support can use ("database or disk is full" says a lot on a full disk)
            reason = f"{type(exc).__name__}: {str(exc)[:120]}" if str(exc) else type(exc).__name__
            if module in EXTENSION_TITLES:
                from selfcheck.supportcard import left_out_full

                # agent round 24: on a full drive, said plainly; the raw error stays in the manifest's "error"
                full = left_out_full({"part": module, "error": reason}, scan.facts.get("hardware.disk"))
                skip(name, full or _("could not be added ({reason})").format(reason=reason), part=module, error=reason)
            else:
                skip(name, _("an extension of the bundle failed ({reason})").format(reason=reason))
    _redraw_timeline(parts)
    _screen_after_recording(scan_data, parts, scan.facts, config, redactor)

    core_size = sum(len(b) for b in parts.values())
    if include_logs:
        patterns = _app_log_patterns(config)
        own = [logsetup.log_file(), logsetup.log_file().with_name(logsetup.LOG_NAME + ".1")]
        room = max(0, min(int(settings["max_logs_mb"] * 1024 * 1024), max_total - 2 * core_size - 256 * 1024))
        gathered = logs.gather(
            own,
            patterns,
            per_file=int(settings["max_file_kb"] * 1024),
            total=room,
            max_entries=int(settings["max_folder_entries"]),
            deadline=deadline,
            max_files=int(settings["max_log_files"]),
        )
        for item in gathered.files:
            if time.monotonic() > deadline:  # redacting counts in the time budget too
                skip(item.source, _("left out: the time allowed for gathering logs ran out"))
                continue
            text = item.data.decode("utf-8", errors="replace")
            if Path(item.source).name.startswith(logsetup.LOG_NAME):
                text = mark_this_bundle(text, getattr(scan, "started_at", "") or "")
            name = redactor.text(item.name, MANIFEST)
            parts[name] = redactor.text(text, name).encode("utf-8")
        for s in gathered.skipped:
            skip(s.path, s.reason)
        for limit in gathered.limits_hit:
            limits_hit.append(redactor.json(limit, MANIFEST))
    else:
        skip("logs/", _("left out: logs were not asked for"))

    if screenshot_png is not None:
        if not screenshot_png.startswith(b"\x89PNG\r\n\x1a\n"):
            skip(SCREENSHOT, _("the screenshot is not a PNG image"))
        elif len(screenshot_png) > settings["max_screenshot_mb"] * 1024 * 1024 or core_size + len(screenshot_png) > max_total:
            skip(SCREENSHOT, _("left out: the screenshot is larger than the size limit"))
        else:
            parts[SCREENSHOT] = bytes(screenshot_png)

    if time.monotonic() > deadline:
        limits_hit.append({"limit": "time_budget", "path": "", "detail": _("Making the bundle took longer than allowed; some parts may be missing.")})

    checks = [
        {"id": cid, "version": str(info.get("version", "")), "distribution": info.get("distribution")} for cid, info in sorted((scan.checks or {}).items())
    ]
    plan = BundlePlan(
        bundle_id=bundle_id,
        reference=reference_for(bundle_id),
        created_at=created_at,
        parts=parts,
        redactor=redactor,
        scan_data=scan_data,
        system=system,
        description=desc_data,
        checks=redactor.json(checks, MANIFEST),
        symptom=symptom,
        skipped=skipped,
        limits_hit=limits_hit,
        max_total=max_total,
        symptoms=dict(config.section("symptoms")),
        provider=config.get("support.internet_provider") is True,
        team_contact=_network_team(config),
        call_contact=config.get("branding.support_contact"),
        registry=getattr(app, "registry", None),
        product=config.product_name(),
        brand=brand_of(config),
    )
    plan.finalise()
    log.info("bundle %s planned: %d files, %d bytes, %.2f s", plan.reference, len(plan.files), plan.size, time.monotonic() - started)
    return plan


THIS_BUNDLE_MARK = "----- selfcheck: the lines below were written for this bundle (its scan and its making); the lines above come from earlier runs -----"
_LOG_TIME = re.compile(r"^(\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2})")


def mark_this_bundle(text: str, scan_started_at: str) -> str:
    """selfcheck's own log with one marker line before the first line written since this bundle's scan started
    (support must not read another run's reference or error as this one's). Log times are local."""
    try:
        since = datetime.fromisoformat(scan_started_at.replace("Z", "+00:00")).astimezone().replace(tzinfo=None, microsecond=0)
    except ValueError:
        return text
    lines = text.splitlines(keepends=True)
    for i, line in enumerate(lines):
        m = _LOG_TIME.match(line)
        if m and datetime.strptime(m.group(1), "%Y-%m-%d %H:%M:%S") >= since:
            return "".join(lines[:i]) + THIS_BUNDLE_MARK + "\n" + "".join(lines[i:])
    return text + ("" if text.endswith("\n") or not text else "\n") + THIS_BUNDLE_MARK + "\n"


SUPPORT_CARD_JSON = "support-card.json"
SUPPORT_CARD_TXT = "support-card.txt"


def _facts_of(parts: Mapping[str, bytes]) -> dict[str, Any]:
    """The facts of each check, as the bundle's parts hold them (already redacted)."""
    facts: dict[str, Any] = {}
    for name, data in parts.items():
        if name.startswith(FACTS_DIR):
            item = _json_part(data)
            if item and isinstance(item.get("facts"), dict):
                facts[str(item.get("check_id"))] = item["facts"]
    return facts


#: the parts other modules add, named as support reads them in the list of what was left out
def support_card_for(plan: BundlePlan) -> Any:
    """The support card of a bundle being made, from its parts (already redacted: the card holds nothing they do not)."""
    from selfcheck import supportcard

    return supportcard.build(
        plan.scan_data,
        _facts_of(plan.parts),
        description=plan.description,
        system=plan.system,
        history=_json_part(plan.parts.get("history.json")),
        repairs=_json_part(plan.parts.get("repairs.json")),
        reference=plan.reference,
        registry=plan.registry,
        symptoms=plan.symptoms,
        missing=plan.skipped,
        named_site=_json_part(plan.parts.get("named-site.json")),
        provider=plan.provider,
        recording=_json_part(plan.parts.get(RECORDING)),
        team_contact=plan.team_contact,
        call_contact=plan.call_contact,
    )


TIMELINE = "recording/timeline.svg"
RECORDING = "recording/recording.json"


def _redraw_timeline(parts: dict[str, bytes]) -> None:
    """The recording's chart drawn again from the redacted recording: redacting the drawn SVG as
    text would rewrite its markup (a keyword "text" or a user named "rect"), as with report.html."""
    if TIMELINE not in parts or RECORDING not in parts:
        return
    from selfcheck.history.record import Recording, timeline_svg

    try:
        parts[TIMELINE] = timeline_svg(Recording.from_dict(json.loads(parts[RECORDING]))).encode("utf-8")
    except (ValueError, TypeError, KeyError, AttributeError):
        del parts[TIMELINE]  # never the unredacted drawing


def _screen_after_recording(scan_data: dict[str, Any], parts: dict[str, bytes], facts: Any, config: Any, redactor: Redactor) -> None:
    """The customer's screen (results.json's verdict) says what the bundle's recording found, as the window does once the
    recording stops (verdict.recorded): a scan that found nothing, made between the cuts, and a recording that caught them
    (round 82: "The customer's screen says 'Everything looks fine', which contradicts the card"). The recording the bundle
    carries is the one the window read (history.record.latest); a screen that says it already is left as it is."""
    if RECORDING not in parts:
        return
    from selfcheck.history.record import seen, worth_keeping
    from selfcheck.verdict import Verdict, recorded

    diagnosis = scan_data.get("diagnosis")
    told = diagnosis.get("verdict") if isinstance(diagnosis, dict) else None
    try:
        data = json.loads(parts[RECORDING])
        base = Verdict.from_dict(told) if isinstance(told, dict) else None
    except ValueError:
        return
    if base is None or not isinstance(data, dict) or not worth_keeping(data):
        return
    screen = recorded(base, seen(data), facts if isinstance(facts, dict) else {}, config)
    if screen is base or not isinstance(diagnosis, dict):
        return
    diagnosis["verdict"] = redactor.json(screen.to_dict(), RESULTS)
    diagnosis["headline"] = diagnosis["verdict"]["headline"]
    diagnosis["action"] = (diagnosis["verdict"].get("action") or {}).get("text")
    parts[RESULTS] = _json_bytes(scan_data)


def _redact_bytes(redactor: Redactor, path: str, data: bytes) -> bytes:
    if path.endswith(".json"):
        try:
            return _json_bytes(redactor.json(json.loads(data.decode("utf-8")), path))
        except (ValueError, UnicodeDecodeError):
            pass
    if path.endswith((".png", ".jpg", ".jpeg")):
        return data
    return redactor.text(data.decode("utf-8", errors="replace"), path).encode("utf-8")


def _app_log_patterns(config: Any) -> list[str]:
    from selfcheck.api import current_platform

    section = config.section("app_logs")
    value = section.get(current_platform()) or []
    return [str(v) for v in value] if isinstance(value, list) else []


def bundles_dir() -> Path:
    """Where bundles are saved by default: <user data folder>/bundles."""
    return paths.user_data_dir() / "bundles"


def _network_team(config: Any) -> str:
    """``[support] network_team`` as the support card names it ("" where it is not set or broken)."""
    from selfcheck.supportcard import network_team

    return network_team(config.get("support.network_team"))


def brand_of(config: Any) -> str:
    """Whose file it is, as its customers call it: the company (``branding.company``), else the program's name
    (``branding.product_name``, "selfcheck"), in the current language."""
    from selfcheck.wording import company_name

    if config is None:
        return "selfcheck"
    return company_name(config) or config.product_name()


#: longest a file name's brand part gets (a company's long name would push the reference and the date out of sight)
_BRAND_CHARS = 40


def file_name(brand: str, reference: str | None = None, created_at: str | None = None) -> str:
    """A bundle's file name that the customer and the support agent match by eye: the brand, the reference the customer
    quotes and the day it was made (this computer's), ``clearline-help-HT4-7KP-3WN-2026-12-07.zip``. Only letters, digits
    and ``-``: Windows refuses ``< > : " / \\ | ? *``, macOS' Finder shows ``:`` as ``/``; accents are taken off the brand,
    which never ends with a dot or a space (Windows drops those)."""
    letters = "".join(c for c in unicodedata.normalize("NFKD", brand) if not unicodedata.combining(c) and c not in "'’")
    slug = re.sub(r"[^\w]+|_+", "-", letters.casefold()).strip("-")
    if len(slug) > _BRAND_CHARS:
        slug = slug[:_BRAND_CHARS].rsplit("-", 1)[0] if "-" in slug[:_BRAND_CHARS] else slug[:_BRAND_CHARS]
    parts = [slug or "selfcheck"]
    if reference and re.fullmatch(r"[A-Z0-9-]{1,32}", reference):  # a received manifest's may be anything: then left out
        parts.append(reference)
    try:
        made = datetime.fromisoformat(created_at.replace("Z", "+00:00")) if created_at else datetime.now(UTC)
        parts.append(made.astimezone().date().isoformat())
    except (ValueError, OverflowError):  # OverflowError: a received manifest's year 1 or 9999, moved to this time zone
        pass
    return "-".join(parts) + ".zip"


def default_name(plan: BundlePlan) -> str:
    """The name :func:`write_bundle` gives a bundle in a folder (``selfcheck bundle``, the window's "Save"): :func:`file_name`."""
    return file_name(plan.brand, plan.reference, plan.created_at)


def _write_whole(target: Path, fill: Callable[[BinaryIO], None]) -> None:
    """Write ``target`` through a temporary file in its folder, then rename: it appears whole or not at all (the person,
    their mail program or support never finds half a zip), readable by its owner only. Raises :class:`BundleWriteError`."""
    tmp_name = None
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".partial", dir=target.parent)
        with os.fdopen(fd, "wb") as raw:
            fill(raw)
            raw.flush()
            os.fsync(raw.fileno())
        os.replace(tmp_name, target)
        tmp_name = None
    except OSError as exc:
        raise BundleWriteError(_("The bundle could not be saved to {path} ({reason}).").format(path=target, reason=os_error_text(exc))) from exc
    finally:
        if tmp_name is not None:
            try:
                os.unlink(tmp_name)
            except OSError:
                pass


def copy_bundle(source: Path, target: Path) -> Path:
    """Copy a written bundle to ``target`` as :func:`write_bundle` writes one: whole or not at all, owner-only.

    Raises :class:`BundleWriteError` with a plain message when it cannot be copied there."""

    def fill(raw: BinaryIO) -> None:
        with open(source, "rb") as original:
            shutil.copyfileobj(original, raw)

    _write_whole(target, fill)
    return target


def write_bundle(plan: BundlePlan, out_path: str | Path | None = None) -> BundleInfo:
    """Write the plan as a zip, atomically (temporary file, then rename).

    The pseudonym mapping is saved as ``<bundle name>.mapping.json`` in the
    bundles folder of the user's data folder, never in the zip. Raises
    :class:`BundleWriteError` with a plain message when the file cannot be written.
    """
    target = Path(out_path) if out_path else bundles_dir() / default_name(plan)
    if target.is_dir():
        target = target / default_name(plan)
    folder = target.parent
    try:
        if folder == bundles_dir():
            paths.private_dir(folder)
        else:
            folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise BundleWriteError(_("The folder {folder} cannot be created ({reason}).").format(folder=folder, reason=os_error_text(exc))) from exc
    stamp = _zip_time(plan.created_at)

    def fill(raw: BinaryIO) -> None:
        with zipfile.ZipFile(raw, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as zf:
            for path, data in plan.files.items():
                info = zipfile.ZipInfo(path, date_time=stamp)
                info.compress_type = zipfile.ZIP_STORED if path.endswith(".png") else zipfile.ZIP_DEFLATED
                info.external_attr = 0o644 << 16
                zf.writestr(info, data)

    _write_whole(target, fill)
    size = target.stat().st_size
    mapping_path = _save_mapping(plan, target)
    log.info("bundle %s written: %s (%d bytes)", plan.reference, target, size)
    return BundleInfo(target, plan.bundle_id, plan.reference, size, mapping_path)


def _zip_time(created_at: str) -> tuple[int, int, int, int, int, int]:
    try:
        when = datetime.fromisoformat(created_at.replace("Z", "+00:00"))
    except ValueError:
        when = datetime.now(UTC)
    return (max(when.year, 1980), when.month, when.day, when.hour, when.minute, when.second)


def _save_mapping(plan: BundlePlan, target: Path) -> Path | None:
    name = target.name if plan.reference in target.name else f"{target.stem}-{plan.reference}{target.suffix}"
    mapping_path = bundles_dir() / f"{name}.mapping.json"
    data = {"bundle_id": plan.bundle_id, "reference": plan.reference, "bundle": str(target), "created_at": plan.created_at, "pseudonyms": plan.mapping}
    try:
        paths.private_dir(mapping_path.parent)
    except OSError as exc:
        log.warning("could not save the pseudonym mapping %s: %s", mapping_path, exc)
        return None

    def fill(raw: BinaryIO) -> None:
        raw.write(json.dumps(data, indent=2, ensure_ascii=False).encode("utf-8"))

    try:  # as the bundle: whole or not at all, owner-only (a full disk left an empty .mapping.json.partial behind)
        _write_whole(mapping_path, fill)
    except BundleWriteError as exc:
        log.warning("could not save the pseudonym mapping %s: %s", mapping_path, exc.__cause__ or exc)
        return None
    return mapping_path


def make_bundle(app: Any, scan: Any, *, out_path: str | Path | None = None, **kw: Any) -> BundleInfo:
    """plan_bundle() then write_bundle(): the whole bundle in one call."""
    return write_bundle(plan_bundle(app, scan, **kw), out_path)
