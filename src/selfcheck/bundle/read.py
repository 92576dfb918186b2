"""Reading and verifying bundles, safely: a bundle may come from anywhere.

Nothing is extracted to disk; members are read into memory within limits:
at most :data:`MAX_ENTRIES` entries, :data:`MAX_MEMBER` bytes per member and
:data:`MAX_TOTAL` in all (as declared, then enforced while reading), and a
compression ratio of at most :data:`MAX_RATIO` for large members (zip bombs).
Names that are absolute, contain ``..``, backslashes or drive letters are
refused (path traversal), and so are members that are not regular files (a symbolic
link, a device: their Unix mode in the zip says so). JSON nested deeper than
:data:`MAX_DEPTH` levels, ``NaN``/``Infinity`` and a redaction report whose counts
are not whole numbers are refused too. Malformed or missing JSON, an unknown schema version
and hashes that do not match each give a :class:`BundleError` whose ``str()``
is a plain, translated message; never a traceback.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
import stat
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from selfcheck.bundle.manifest import DESCRIPTION_JSON, FACTS_DIR, MANIFEST, RESULTS, SCHEMA_VERSION, SYSTEM
from selfcheck.i18n import _, os_error_text

log = logging.getLogger(__name__)

MAX_ENTRIES = 2000
MAX_MEMBER = 64 * 1024 * 1024
MAX_TOTAL = 256 * 1024 * 1024
MAX_RATIO = 200
MAX_DEPTH = 64  # no selfcheck file nests deeper than about 10 levels
RATIO_FROM = 1024 * 1024  # small members may compress very well (a file of spaces)


class BundleError(Exception):
    """A bundle that cannot be read; ``str()`` is a plain, translated message for the user."""


@dataclass
class OpenedBundle:
    """A bundle read into memory."""

    path: Path
    manifest: dict[str, Any]
    scan: Any  # selfcheck.runner.Scan, with the facts from facts/
    description: dict[str, Any] | None
    system: dict[str, Any] | None
    files: dict[str, bytes]
    problems: list[str] = field(default_factory=list)

    @property
    def reference(self) -> str:
        return str(self.manifest.get("reference", ""))

    def text(self, path: str) -> str:
        return self.files[path].decode("utf-8", errors="replace")


_DRIVE = re.compile(r"^[A-Za-z]:")


def unsafe_name(name: str) -> bool:
    if not name or len(name) > 400 or "\x00" in name or "\\" in name:
        return True
    if name.startswith("/") or _DRIVE.match(name):
        return True
    parts = name.rstrip("/").split("/")
    return any(part in ("", ".", "..") for part in parts)


def _open_zip(path: Path) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(path)
    except FileNotFoundError as exc:
        raise BundleError(_("The file {path} does not exist.").format(path=path)) from exc
    except IsADirectoryError as exc:
        raise BundleError(_("{path} is a folder, not a diagnostic bundle.").format(path=path)) from exc
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError, NotImplementedError, RuntimeError, zlib.error) as exc:
        # NotImplementedError: a (damaged) central directory asking for a zip version Python cannot read
        raise BundleError(_("{path} is not a diagnostic bundle (it is not a zip archive, or it is damaged).").format(path=path)) from exc
    except OSError as exc:
        raise BundleError(_("The file {path} cannot be opened ({reason}).").format(path=path, reason=os_error_text(exc))) from exc


def _read_members(zf: zipfile.ZipFile) -> dict[str, bytes]:
    infos = zf.infolist()
    if len(infos) > MAX_ENTRIES:
        raise BundleError(_("This bundle holds too many files ({count}); it was not opened.").format(count=len(infos)))
    seen: set[str] = set()
    declared = 0
    for info in infos:
        if unsafe_name(info.filename):
            raise BundleError(_("This bundle contains a file with an unsafe name ({name}); it was not opened.").format(name=info.filename[:120]))
        kind = stat.S_IFMT(info.external_attr >> 16)  # 0 when the zip tool wrote no Unix mode
        if kind not in (0, stat.S_IFREG, stat.S_IFDIR):
            what = _("a symbolic link") if kind == stat.S_IFLNK else _("not a regular file")
            raise BundleError(
                _("This bundle contains {name}, which is {what}; it was not opened (unpacking it could open another file on this computer).").format(
                    name=info.filename[:120], what=what
                )
            )
        if info.filename in seen:
            raise BundleError(_("This bundle contains the file {name} twice; it was not opened.").format(name=info.filename))
        seen.add(info.filename)
        declared += info.file_size
        too_compressed = info.file_size > RATIO_FROM and info.file_size > MAX_RATIO * max(info.compress_size, 1)
        if info.file_size > MAX_MEMBER or declared > MAX_TOTAL or too_compressed:
            raise BundleError(_("This bundle would take too much space once unpacked (a “zip bomb”); it was not opened."))
    files: dict[str, bytes] = {}
    total = 0
    for info in infos:
        if info.is_dir():
            continue
        try:
            with zf.open(info) as member:
                chunks: list[bytes] = []
                size = 0
                while True:
                    chunk = member.read(1 << 20)
                    if not chunk:
                        break
                    size += len(chunk)
                    total += len(chunk)
                    if size > MAX_MEMBER or total > MAX_TOTAL:
                        raise BundleError(_("This bundle would take too much space once unpacked (a “zip bomb”); it was not opened."))
                    chunks.append(chunk)
        except BundleError:
            raise
        except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, ValueError, NotImplementedError, RuntimeError, zlib.error) as exc:
            raise BundleError(_("The file {name} in this bundle is damaged and cannot be read.").format(name=info.filename)) from exc
        files[info.filename] = b"".join(chunks)
    return files


def _json(files: dict[str, bytes], name: str, required: bool = True) -> Any:
    data = files.get(name)
    if data is None:
        if required:
            raise BundleError(_("This bundle has no {name}: it is incomplete or not a selfcheck bundle.").format(name=name))
        return None
    try:
        value = json.loads(data.decode("utf-8"), parse_constant=_no_constant)
    except (ValueError, UnicodeDecodeError, RecursionError) as exc:
        raise BundleError(_("The file {name} in this bundle is damaged (it is not valid JSON).").format(name=name)) from exc
    if _depth_over(value, MAX_DEPTH):
        raise BundleError(_("The file {name} in this bundle is nested too deeply to be read safely; the bundle was not opened.").format(name=name))
    return value


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number JSON allows")


def _depth_over(value: Any, limit: int) -> bool:
    """True when ``value`` nests lists and objects more than ``limit`` levels (iterative: no recursion)."""
    stack = [(value, 1)]
    while stack:
        node, depth = stack.pop()
        if isinstance(node, dict | list):
            if depth > limit:
                return True
            stack.extend((child, depth + 1) for child in (node.values() if isinstance(node, dict) else node))
    return False


def _check_manifest(manifest: Any) -> dict[str, Any]:
    if not isinstance(manifest, dict):
        raise BundleError(_("The file {name} in this bundle is damaged (it is not valid JSON).").format(name=MANIFEST))
    version = manifest.get("schema_version")
    if version != SCHEMA_VERSION:
        if isinstance(version, int) and not isinstance(version, bool) and version > SCHEMA_VERSION:
            raise BundleError(_("This bundle was made by a newer selfcheck (format {version}). Update selfcheck to open it.").format(version=version))
        raise BundleError(_("This bundle's format ({version}) is not one this selfcheck can read.").format(version=str(version)[:40]))
    files = manifest.get("files")
    if not isinstance(files, list) or not all(
        isinstance(f, dict) and isinstance(f.get("path"), str) and isinstance(f.get("sha256"), str) and isinstance(f.get("size"), int) for f in files
    ):
        raise BundleError(_("The manifest of this bundle is damaged (its list of files is not valid)."))
    redaction = manifest.get("redaction") or []
    if not isinstance(redaction, list) or not all(
        isinstance(r, dict) and isinstance(r.get("count", 0), int) and not isinstance(r.get("count"), bool) and r.get("count", 0) >= 0 for r in redaction
    ):
        raise BundleError(_("The manifest of this bundle is damaged (its redaction report is not valid)."))
    return manifest


def verify_members(manifest: dict[str, Any], files: dict[str, bytes]) -> list[str]:
    """Problems between the manifest's list and the zip's members (plain, translated)."""
    problems: list[str] = []
    listed = {f["path"]: f for f in manifest.get("files", [])}
    for path, entry in listed.items():
        data = files.get(path)
        if data is None:
            problems.append(_("{name} is listed in the manifest but missing from the bundle.").format(name=path))
        elif len(data) != entry["size"] or hashlib.sha256(data).hexdigest() != entry["sha256"].lower():
            problems.append(_("{name} was changed or damaged after the bundle was made (its checksum does not match).").format(name=path))
    for path in files:
        if path != MANIFEST and path not in listed:
            problems.append(_("{name} is in the bundle but not in its manifest.").format(name=path))
    return problems


def whole_bundle(path: str | Path) -> bool:
    """Whether the bundle at ``path`` is whole: a zip with a readable manifest whose files are all there, each matching
    its size and checksum, and nothing else. Raises :class:`BundleError` when it cannot be opened at all."""
    with _open_zip(Path(path)) as zf:
        files = _read_members(zf)
    return not verify_members(_check_manifest(_json(files, MANIFEST)), files)


def read_bundle(path: str | Path, *, strict: bool = True) -> OpenedBundle:
    """Open a bundle. With ``strict`` (the default) any checksum problem raises
    :class:`BundleError`; otherwise problems are listed in ``OpenedBundle.problems``."""
    from selfcheck.runner import Scan

    path = Path(path)
    with _open_zip(path) as zf:
        files = _read_members(zf)
    manifest = _check_manifest(_json(files, MANIFEST))
    problems = verify_members(manifest, files)
    for key in ("skipped", "limits_hit"):  # what was left out, and why: read as a list of objects by `show`, the card and the page
        listed = manifest.get(key)
        if listed is not None and not (isinstance(listed, list) and all(isinstance(item, dict) for item in listed)):
            manifest[key] = [item for item in listed if isinstance(item, dict)] if isinstance(listed, list) else []
            problems.append(_("The manifest of this bundle is damaged (its list of what was left out is not valid)."))
    if problems and strict:
        raise BundleError(problems[0])
    results = _json(files, RESULTS)
    if not isinstance(results, dict) or not isinstance(results.get("results"), list):
        raise BundleError(_("The file {name} in this bundle is damaged (it is not valid JSON).").format(name=RESULTS))
    facts: dict[str, Any] = {}
    for name in files:
        if name.startswith(FACTS_DIR) and name.endswith(".json"):
            try:
                item = _json(files, name)
            except BundleError as exc:
                problems.append(str(exc))
                continue
            if isinstance(item, dict) and isinstance(item.get("check_id"), str) and isinstance(item.get("facts"), dict):
                facts[item["check_id"]] = item["facts"]
            else:
                problems.append(_("The file {name} in this bundle is damaged (it is not valid JSON).").format(name=name))
    try:
        scan = Scan.from_dict(results, facts)
    except (KeyError, ValueError, TypeError, AttributeError, OverflowError) as exc:  # OverflowError: a 400-digit "duration"
        log.warning("%s cannot be read as a scan (%s)", RESULTS, type(exc).__name__)  # Python's name for it: for the log only
        raise BundleError(_("The results in this bundle are damaged or from an unknown version.")) from exc
    description = _json(files, DESCRIPTION_JSON, required=False)
    system = _json(files, SYSTEM, required=False)
    return OpenedBundle(
        path=path,
        manifest=manifest,
        scan=scan,
        description=description if isinstance(description, dict) else None,
        system=system if isinstance(system, dict) else None,
        files=files,
        problems=problems,
    )


def part_json(files: dict[str, bytes], name: str) -> dict[str, Any] | None:
    """An optional JSON object of the bundle (history.json, recording/recording.json), or None when it is
    missing, not an object, damaged, nested too deeply or holds NaN: never an error, it only helps."""
    try:
        value = _json(files, name, required=False)
    except BundleError:
        return None
    return value if isinstance(value, dict) else None


def verify_bundle(path: str | Path) -> list[str]:
    """Every problem found in a bundle (plain, translated); empty when it is intact."""
    try:
        opened = read_bundle(path, strict=False)
    except BundleError as exc:
        return [str(exc)]
    return opened.problems
