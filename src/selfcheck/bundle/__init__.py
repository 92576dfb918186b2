"""Diagnostic bundles: everything support needs, nothing private, shown before it is sent.

A bundle is a zip (layout in docs/bundle.md). The public API, used by the CLI,
the GUI and the send feature:

- :func:`plan_bundle` ``(app, scan, *, description=None, include_logs=True, screenshot_png=None, site_tries=None) -> BundlePlan``:
  every file's exact final (redacted) bytes, the manifest and the redaction
  report, in memory, so a front end can show exactly what will be sent;
  ``plan.exclude(path)`` leaves optional parts out.
- :func:`write_bundle` ``(plan, out_path=None) -> BundleInfo``: writes it atomically;
  :func:`copy_bundle` ``(source, target)`` copies a written one the same way (whole or not at all).
- :func:`make_bundle` ``(app, scan, **kw) -> BundleInfo``: both at once.
- :func:`read_bundle` ``(path) -> OpenedBundle`` and :func:`verify_bundle` ``(path) -> list[str]``:
  safe against hostile files; problems are :class:`BundleError` with a plain message.
- extra files come from :data:`selfcheck.hooks.bundle_parts` (the one registry).

Never imports Qt.
"""

from __future__ import annotations

from selfcheck.bundle.make import (
    BundleInfo,
    BundlePlan,
    BundleWriteError,
    Description,
    brand_of,
    bundles_dir,
    copy_bundle,
    default_name,
    file_name,
    make_bundle,
    plan_bundle,
    write_bundle,
)
from selfcheck.bundle.manifest import SCHEMA_VERSION, normalise_reference, reference_for
from selfcheck.bundle.read import BundleError, OpenedBundle, read_bundle, verify_bundle

__all__ = [
    "SCHEMA_VERSION",
    "BundleError",
    "BundleInfo",
    "BundlePlan",
    "BundleWriteError",
    "Description",
    "OpenedBundle",
    "brand_of",
    "bundles_dir",
    "copy_bundle",
    "default_name",
    "file_name",
    "make_bundle",
    "normalise_reference",
    "plan_bundle",
    "read_bundle",
    "reference_for",
    "verify_bundle",
    "write_bundle",
]
