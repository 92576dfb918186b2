"""Checks an uploaded bundle before the relay accepts it.

The zip is read from the spool file one member at a time (never whole in
memory). A bundle is accepted only if it is a zip with a ``manifest.json``
(``schema_version`` 1, ``bundle_id``, ``reference`` (recomputed from the id), ``files``) whose listed
files are all present with the listed size and sha256, with safe names, and
that does not expand beyond the limits (zip bombs). Members that are not regular files
(symbolic links, devices: their Unix mode in the zip says so) are refused: an agent who
unpacks "the customer's log" must not open a file of their own computer instead.
"""

from __future__ import annotations

import hashlib
import json
import re
import stat
import zipfile
import zlib
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from selfcheck.bundle.manifest import reference_for
from selfcheck.i18n import language
from selfcheck.wording import date_time
from selfcheck_intake.settings import Limits

MANIFEST = "manifest.json"
RESULTS = "results.json"  # the scan (with its diagnosis) in a bundle made by selfcheck
REPAIRS = "repairs.json"  # the repairs the customer already tried (selfcheck.repairs.history)
_REPAIR_ID_RE = re.compile(r"^[a-z]+\.[a-z_]{1,40}$")
_OUTCOMES = {
    "fixed": "worked (checked again)",
    "done": "done",
    "not_fixed": "done, but the problem was still there",
    "failed": "did not work",
    "declined": "declined (no administrator rights given)",
    "not_possible": "not possible on this computer or not allowed",
}
#: what the relay accepts as a bundle id (the Idempotency-Key); selfcheck sends a UUID
BUNDLE_ID = r"[A-Za-z0-9][A-Za-z0-9._-]{7,127}"
_BUNDLE_ID_RE = re.compile(rf"^{BUNDLE_ID}$")
_SHA_RE = re.compile(r"^[0-9a-f]{64}$")


class Rejected(Exception):
    """An upload the relay refuses: HTTP status, a stable error code and a plain reason."""

    def __init__(self, status: int, code: str, reason: str) -> None:
        super().__init__(reason)
        self.status = status
        self.code = code
        self.reason = reason


@dataclass
class Manifest:
    bundle_id: str
    reference: str
    data: dict[str, Any]

    @property
    def tried(self) -> list[str]:
        """One plain line per repair the customer already tried (from the bundle's repairs.json)."""
        return [str(line) for line in self.data.get("repairs_tried") or []]

    @property
    def headline(self) -> str:
        diag = self.data.get("diagnosis") or self.data.get("verdict") or {}
        if isinstance(diag, dict):
            return str(diag.get("headline") or diag.get("summary") or "")
        return str(diag) if isinstance(diag, str) else ""

    @property
    def cause(self) -> str:
        """The verdict's likely cause, in the customer's words (selfcheck.verdict), for the ticket's text."""
        diag = self.data.get("diagnosis") or {}
        verdict = diag.get("verdict") if isinstance(diag, dict) else None
        value = verdict.get("cause") if isinstance(verdict, dict) else None
        return str(value)[:1000] if isinstance(value, str) else ""


def valid_bundle_id(value: str) -> bool:
    return bool(_BUNDLE_ID_RE.match(value))


def safe_member_name(name: str) -> bool:
    """True when extracting ``name`` could not leave the bundle's folder."""
    if not name or "\x00" in name or "\\" in name or name.startswith("/") or re.match(r"^[A-Za-z]:", name):
        return False
    parts = name[:-1].split("/") if name.endswith("/") else name.split("/")
    return all(part not in ("", ".", "..") for part in parts)


def _hash_member(zf: zipfile.ZipFile, info: zipfile.ZipInfo, budget: int) -> tuple[str, int]:
    digest = hashlib.sha256()
    total = 0
    with zf.open(info) as member:
        while chunk := member.read(1024 * 1024):
            total += len(chunk)
            if total > budget:
                raise Rejected(413, "expanded_too_large", "The bundle expands to more than the relay accepts.")
            digest.update(chunk)
    return digest.hexdigest(), total


def _field(data: dict[str, Any], name: str, kind: type) -> Any:
    if name not in data:
        raise Rejected(400, "missing_field", f"The manifest has no '{name}'.")
    value = data[name]
    if not isinstance(value, kind) or isinstance(value, bool) and kind is int:
        raise Rejected(400, "bad_field", f"The manifest's '{name}' has the wrong type.")
    return value


def validate_bundle(path: Path, limits: Limits) -> Manifest:
    """Raise :class:`Rejected` unless ``path`` is a well-formed bundle; return its manifest."""
    try:
        return _validate(path, limits)
    except Rejected:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, EOFError, OSError, ValueError, RuntimeError, NotImplementedError) as exc:
        # a damaged zip fails in many places of zipfile (a cut header, a seek past the end)
        raise Rejected(400, "corrupt_zip", f"The upload is a damaged zip file ({type(exc).__name__}).") from exc


def _validate(path: Path, limits: Limits) -> Manifest:
    if not zipfile.is_zipfile(path):
        raise Rejected(415, "not_a_zip", "The upload is not a zip file.")
    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError, NotImplementedError, RuntimeError, zlib.error) as exc:
        # NotImplementedError: a damaged central directory asking for a zip version Python cannot read
        raise Rejected(415, "not_a_zip", f"The upload is not a readable zip file ({type(exc).__name__}).") from exc
    with zf:
        infos = zf.infolist()
        if len(infos) > limits.max_files:
            raise Rejected(400, "too_many_files", f"The bundle holds more than {limits.max_files} files.")
        seen: dict[str, zipfile.ZipInfo] = {}
        declared = 0
        for info in infos:
            if not safe_member_name(info.filename):
                raise Rejected(400, "unsafe_path", f"The bundle holds a file with an unsafe name: {info.filename[:200]!r}.")
            kind = stat.S_IFMT(info.external_attr >> 16)  # 0 when the zip tool wrote no Unix mode
            if kind not in (0, stat.S_IFREG, stat.S_IFDIR):
                what = "a symbolic link" if kind == stat.S_IFLNK else "not a regular file"
                raise Rejected(
                    400,
                    "not_a_regular_file",
                    f"The bundle member {info.filename[:200]!r} is {what}; unpacked, it could open another file on the agent's computer.",
                )
            if info.filename in seen:
                raise Rejected(400, "duplicate_name", f"The bundle holds two files named {info.filename[:200]!r}.")
            seen[info.filename] = info
            declared += info.file_size
            if info.file_size > 1024 * 1024 and info.compress_size and info.file_size / info.compress_size > limits.max_ratio:
                raise Rejected(413, "zip_bomb", f"The bundle member {info.filename[:200]!r} expands suspiciously (a zip bomb?).")
        if declared > limits.max_expanded_bytes:
            raise Rejected(413, "expanded_too_large", "The bundle expands to more than the relay accepts.")
        if MANIFEST not in seen:
            raise Rejected(400, "no_manifest", "The bundle has no manifest.json.")
        if seen[MANIFEST].file_size > 4 * 1024 * 1024:
            raise Rejected(400, "bad_manifest", "The manifest is too large.")
        try:
            data = json.loads(zf.read(MANIFEST).decode("utf-8"))
        except (ValueError, UnicodeDecodeError, zipfile.BadZipFile, zlib.error, EOFError) as exc:
            raise Rejected(400, "bad_manifest", f"manifest.json is not valid JSON ({exc}).") from exc
        except (RuntimeError, NotImplementedError) as exc:  # encrypted or unknown compression
            raise Rejected(400, "bad_manifest", f"manifest.json cannot be read ({exc}).") from exc
        if not isinstance(data, dict):
            raise Rejected(400, "bad_manifest", "manifest.json is not a JSON object.")
        if _field(data, "schema_version", int) != 1:
            raise Rejected(400, "unsupported_schema", f"The manifest's schema_version {data['schema_version']} is not supported.")
        bundle_id = _field(data, "bundle_id", str)
        if not valid_bundle_id(bundle_id):
            raise Rejected(400, "bad_field", "The manifest's 'bundle_id' is not a valid id.")
        reference = _field(data, "reference", str)
        if reference != reference_for(bundle_id):  # docs/bundle.md: derived from the bundle id, so recomputed here
            raise Rejected(400, "bad_field", "The manifest's 'reference' is not the one its bundle id gives.")
        files = _field(data, "files", list)
        listed: set[str] = set()
        budget = limits.max_expanded_bytes
        for entry in files:
            if not isinstance(entry, dict):
                raise Rejected(400, "bad_field", "An entry of the manifest's 'files' is not an object.")
            name = _field(entry, "path", str)
            size = _field(entry, "size", int)
            sha = _field(entry, "sha256", str).lower()
            if not _SHA_RE.match(sha):
                raise Rejected(400, "bad_field", f"The sha256 of {name[:200]!r} is not a sha256.")
            if not safe_member_name(name):
                raise Rejected(400, "unsafe_path", f"The manifest lists a file with an unsafe name: {name[:200]!r}.")
            member = seen.get(name)
            if member is None:
                raise Rejected(400, "file_missing", f"The manifest lists {name[:200]!r} but the bundle does not hold it.")
            try:
                actual_sha, actual_size = _hash_member(zf, member, budget)
            except (zipfile.BadZipFile, RuntimeError, NotImplementedError, EOFError, OSError, zlib.error) as exc:
                raise Rejected(400, "corrupt_zip", f"{name[:200]!r} cannot be read from the bundle ({exc}).") from exc
            budget -= actual_size
            if actual_size != size or actual_sha != sha:
                raise Rejected(400, "hash_mismatch", f"{name[:200]!r} does not match the size or sha256 in the manifest.")
            listed.add(name)
        unlisted = [n for n in seen if n != MANIFEST and n not in listed and not n.endswith("/")]
        if unlisted:
            raise Rejected(400, "unlisted_file", f"The bundle holds files the manifest does not list: {unlisted[0][:200]!r}.")
        if REPAIRS in listed and seen[REPAIRS].file_size <= 256 * 1024:
            data["repairs_tried"] = _repairs_tried(zf, REPAIRS)
        if "diagnosis" not in data and RESULTS in listed and seen[RESULTS].file_size <= 4 * 1024 * 1024:
            data["diagnosis"] = _results_diagnosis(zf, RESULTS)  # selfcheck's bundles keep the verdict in results.json
        return Manifest(bundle_id=bundle_id, reference=reference, data=data)


def _results_diagnosis(zf: zipfile.ZipFile, name: str) -> dict[str, Any]:
    """The scan's diagnosis (headline, status) from the bundle's results.json; empty if it has none."""
    try:
        diagnosis = json.loads(zf.read(name).decode("utf-8")).get("diagnosis")
    except (ValueError, UnicodeDecodeError, AttributeError, zipfile.BadZipFile, RuntimeError, NotImplementedError, zlib.error, EOFError, OSError):
        return {}
    return diagnosis if isinstance(diagnosis, dict) else {}


def _moment_words(moment: str) -> str:
    """A repair's start as the support card says it (:func:`selfcheck.wording.date_time`, in English as the rest of the
    ticket: 'November 25, 2026 at 11:58 UTC', was '2026-11-25 11:58 UTC'); '?' for what is no such moment."""
    if not re.match(r"^\d{4}-\d\d-\d\dT\d\d:\d\d", moment):
        return "?"
    try:
        datetime.fromisoformat(moment.replace("Z", "+00:00")).astimezone(UTC)  # as date_time reads it: else its raw text
    except (ValueError, OverflowError):
        return "?"
    with language("en"):  # the ticket is the agents', in English, whatever language the relay's process runs in
        return date_time(moment)


def _repairs_tried(zf: zipfile.ZipFile, name: str) -> list[str]:
    """'Empty the trash (storage.empty_trash), November 14, 2026 at 10:02 UTC: worked (checked again)' per repair, newest
    first.

    The file comes from the customer's computer: only known shapes are kept, texts are cut short, a title's
    line breaks become spaces (one line per repair), never more than 20 lines. The lines go into the ticket
    with the customer's description, which the worker makes inert (C1 controls, bidi overrides).
    """
    try:
        items = json.loads(zf.read(name).decode("utf-8")).get("repairs")
    except (ValueError, UnicodeDecodeError, AttributeError, zipfile.BadZipFile, RuntimeError, NotImplementedError, zlib.error, EOFError, OSError):
        return []
    lines: list[str] = []
    for item in items if isinstance(items, list) else []:
        if not isinstance(item, dict):
            continue
        rid, outcome = str(item.get("repair") or ""), str(item.get("outcome") or "")
        if not _REPAIR_ID_RE.match(rid) or outcome not in _OUTCOMES:
            continue
        title = re.sub(r"[\x00-\x1f\x7f]+", " ", str(item.get("title") or ""))[:80].strip()
        when = _moment_words(str(item.get("started_at") or ""))
        lines.append(f"{title + ' (' + rid + ')' if title else rid}, {when}: {_OUTCOMES[outcome]}")
        if len(lines) == 20:
            break
    return lines
