"""Facts about this build of selfcheck: version, build date, brand.

``packaging/build`` writes ``build-info.json`` into the frozen app's resources;
a source or wheel install has none and gets defaults (version from
``selfcheck.__version__``, no build date, no brand). The About box and the
bundle read this module; it never imports Qt.
"""

from __future__ import annotations

import json
import re
import sys
from dataclasses import asdict, dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from selfcheck import __version__

FILE_NAME = "build-info.json"
PRIVACY_FILE = "privacy.md"
DEFAULT_APP_ID = "org.selfcheck.SelfCheck"
#: the build's picture as a file (packaging/build puts it there: the brand's icon in a branded build)
ICON_FILE = "icons/app.png"
#: what Windows takes as an AppUserModelID and Inno Setup, the Linux desktop and macOS as an app id: ASCII, no
#: spaces, "Company.Product" (dot-separated), at most 128 characters (Microsoft, "Application User Model IDs")
APP_ID_RE = re.compile(r"[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+")


@dataclass(frozen=True)
class BuildInfo:
    version: str
    build_date: str | None  # ISO 8601 (UTC), None outside a packaged build
    brand: str  # brand id ("" for plain selfcheck)
    product_name: str
    app_id: str
    commit: str
    frozen: bool

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def is_frozen() -> bool:
    """True inside a PyInstaller build."""
    return bool(getattr(sys, "frozen", False))


def _read(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def shipped_file() -> Path:
    return Path(str(resources.files("selfcheck.resources"))) / FILE_NAME


@lru_cache(maxsize=1)
def get() -> BuildInfo:
    """This build's facts (read once)."""
    return from_file(shipped_file())


def from_file(path: Path) -> BuildInfo:
    """The facts recorded in ``path``; defaults for whatever it lacks (or when it is missing or unreadable)."""
    data = _read(path)
    return BuildInfo(
        version=str(data.get("version") or __version__),
        build_date=str(data["date"]) if data.get("date") else None,
        brand=str(data.get("brand") or ""),
        product_name=str(data.get("product_name") or "selfcheck"),
        app_id=str(data.get("app_id") or DEFAULT_APP_ID),
        commit=str(data.get("commit") or ""),
        frozen=is_frozen(),
    )


def app_user_model_id(info: BuildInfo | None = None) -> str:
    """The one id Windows knows this build by (its notifications, its Start-menu shortcut, its taskbar button):
    the build's app id (a brand's own, so its notifications carry its name), or selfcheck's when that is not a valid id."""
    app_id = (info or get()).app_id
    return app_id if len(app_id) <= 128 and APP_ID_RE.fullmatch(app_id) else DEFAULT_APP_ID


def app_icon_file() -> Path | None:
    """The build's icon as a picture file (frozen builds), or None."""
    shipped = shipped_file().parent / ICON_FILE  # beside build-info.json
    return shipped if shipped.is_file() else None


def privacy_notice_file() -> Path | None:
    """The privacy notice shipped with this build (frozen app), or the checkout's docs/privacy.md."""
    shipped = Path(str(resources.files("selfcheck.resources"))) / PRIVACY_FILE
    if shipped.is_file():
        return shipped
    checkout = Path(__file__).resolve().parents[2] / "docs" / PRIVACY_FILE
    return checkout if checkout.is_file() else None


def privacy_notice_url(configured: str | None = None) -> str:
    """Where the About box links for the privacy notice.

    The company's ``branding.privacy_url`` wins; otherwise the notice shipped
    with the app, as a file URL; "" when neither exists.
    """
    if configured:
        return configured
    found = privacy_notice_file()
    return found.as_uri() if found else ""
