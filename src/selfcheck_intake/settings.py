"""The relay's configuration: one TOML file given with ``--config``.

Secrets may be written as ``"env:NAME"`` (read from the environment) or
``"file:/path"`` (read from a file), so the TOML itself can be world-readable.
"""

from __future__ import annotations

import math
import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


class SettingsError(Exception):
    """The relay's configuration is unusable; the message says which key and why."""


def resolve_secret(value: Any) -> Any:
    """``env:NAME`` and ``file:/path`` indirections for secrets."""
    if isinstance(value, str) and value.startswith("env:"):
        name = value[4:]
        if name not in os.environ:
            raise SettingsError(f"the environment variable {name} is not set")
        return os.environ[name]
    if isinstance(value, str) and value.startswith("file:"):
        try:
            return Path(value[5:]).read_text(encoding="utf-8").strip()
        except OSError as exc:
            raise SettingsError(f"cannot read secret file {value[5:]}: {exc.strerror}") from exc
    return value


@dataclass
class Limits:
    max_bundle_bytes: int = 200 * 1024 * 1024
    max_expanded_bytes: int = 1024 * 1024 * 1024
    max_files: int = 5000
    max_ratio: int = 1000  # expanded-to-compressed ratio above which a member over 1 MB counts as a zip bomb (deflate tops out near 1030)
    rate_per_minute: float = 6.0  # uploads per client and minute, sustained
    rate_burst: int = 10  # uploads a client may make at once
    max_meta_bytes: int = 16 * 1024
    idle_seconds: float = 60.0  # an upload that sends nothing this long is dropped
    upload_deadline_seconds: float = 900.0  # a whole upload takes at most this long (20 MB at 180 kbit/s)
    min_upload_bytes_per_second: float = 1024.0  # on average, once the grace period is over
    min_rate_grace_seconds: float = 30.0
    max_concurrent_uploads: int = 256  # overall (503 beyond), also capped by the open-file limit
    max_uploads_per_client: int = 4  # from one address at once (429 beyond)


@dataclass
class Settings:
    host: str = "127.0.0.1"
    port: int = 8080
    public_url: str = ""  # how agents reach the relay (agent links)
    trust_forwarded_for: bool = False  # behind a reverse proxy: take the client from X-Forwarded-For
    state_dir: Path = Path("/var/lib/selfcheck-intake")
    storage: dict[str, Any] = field(default_factory=lambda: {"kind": "local"})
    keep_days: float = 30.0  # [storage] keep_days: stored bundles older than this are deleted once their ticket exists; 0 keeps them
    #: [storage] keep_days_link_only: the same for a bundle its ticket does not hold (only the agent link): support's only copy
    keep_days_link_only: float = 180.0
    helpdesk: dict[str, Any] = field(default_factory=lambda: {"kind": "none"})
    limits: Limits = field(default_factory=Limits)
    retry_base_seconds: float = 30.0
    retry_max_seconds: float = 3600.0
    poll_seconds: float = 2.0
    ticket_wait_seconds: float = 10.0  # how long an upload waits for the ticket before answering 202
    workers: int = 1  # ticket workers (threads) in this instance
    database: str = ""  # "" = SQLite in the state folder; "postgresql://…" = a database several instances share
    lease_seconds: float = 60.0  # a claimed row whose instance stopped renewing it for this long is taken over
    connect_seconds: float = 30.0  # at start, how long to wait for the database before giving up
    shutdown_seconds: float = 30.0  # on SIGTERM, how long uploads in progress may take to finish
    request_agent_token: str = ""  # [requests] agent_token: lets agents create request links over HTTP
    request_days: float = 7.0  # a request link expires after this
    request_rate_per_minute: float = 10.0  # request-link look-ups and pages per client address
    request_rate_burst: int = 20
    download_url: str = ""  # where customers get selfcheck (shown on the request page)
    company: str = ""  # [requests] company: who asks, named on the request page ("Clearline Help")
    contact: str | dict[str, str] = ""  # [requests] contact: how customers call them (text, or by language), first on the request page
    publisher: str = ""  # [requests] publisher: the name the installer's signature shows, for the computer's "allow?" question
    about: str | dict[str, str] = ""  # [requests] about: who they are, in the customer's words (text, or {en = "…", fr = "…"})
    agent_link_secret: str = ""
    agent_link_days: int = 0  # [agent_links] days: at most this long; 0 (default): as long as the relay keeps the bundle
    log_level: str = "INFO"
    tls_cert: str = ""  # serve HTTPS directly (PEM files); usually a reverse proxy does TLS
    tls_key: str = ""

    @property
    def link_only_days(self) -> float:
        """How long a bundle whose ticket holds only the agent link is kept after its ticket, 0 for ever: never shorter
        than any bundle (``keep_days``), as ``keep_days_link_only`` says otherwise."""
        if self.keep_days <= 0 or self.keep_days_link_only <= 0:
            return 0.0
        return max(self.keep_days, self.keep_days_link_only)

    @property
    def spool_dir(self) -> Path:
        return self.state_dir / "spool"

    @property
    def db_path(self) -> Path:
        return self.state_dir / "queue.sqlite3"


def _get(table: dict[str, Any], key: str, kind: type | tuple[type, ...], default: Any) -> Any:
    value = table.get(key, default)
    if value is default:
        return default
    if not isinstance(value, kind) or (isinstance(value, bool) and kind in (int, float, (int, float))):
        raise SettingsError(f"{key} has the wrong type ({type(value).__name__})")
    return value


def keep_days(value: Any, key: str = "keep_days") -> float:
    """``storage.keep_days``: how long the relay keeps a customer's bundle once its ticket exists (the helpdesk keeps
    its own attachment), ``storage.keep_days_link_only`` one its ticket does not hold; a number of days, 0 keeping
    bundles for ever."""
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value) or value < 0:
        raise SettingsError(f"storage.{key} must be a number of days, 0 or more (0 keeps bundles for ever), not {value!r}")
    return float(value)


def rate_per_minute(value: float, table: str) -> float:
    """``limits.rate_per_minute`` or ``requests.rate_per_minute``: how many a client may make a minute once its burst is
    spent; 0 sets no limit (a client is never told to wait)."""
    if not math.isfinite(value) or value < 0:
        raise SettingsError(f"{table}.rate_per_minute must be a number, 0 or more (0 sets no limit), not {value!r}")
    return float(value)


def from_dict(data: dict[str, Any], base_dir: Path | None = None) -> Settings:
    """Build settings from parsed TOML; relative paths are taken from ``base_dir``."""
    base_dir = base_dir or Path.cwd()
    server = data.get("server", {})
    limits_t = data.get("limits", {})
    queue = data.get("queue", {})
    links = data.get("agent_links", {})
    s = Settings()
    s.host = _get(server, "host", str, s.host)
    s.port = _get(server, "port", int, s.port)
    s.public_url = _get(server, "public_url", str, s.public_url).rstrip("/")
    s.trust_forwarded_for = _get(server, "trust_forwarded_for", bool, s.trust_forwarded_for)
    s.log_level = _get(server, "log_level", str, s.log_level)
    for name in ("tls_cert", "tls_key"):
        value = _get(server, name, str, "")
        setattr(s, name, str((base_dir / value).resolve()) if value else "")
    state_t = data.get("state", {})
    state = _get(state_t, "path", str, None)
    if state:
        s.state_dir = (base_dir / state).resolve()
    s.database = str(resolve_secret(_get(state_t, "database", str, "")))
    if s.database and not s.database.startswith(("postgresql://", "postgres://")):
        raise SettingsError("state.database must be a PostgreSQL URL (postgresql://user@host/db), or left out for SQLite")
    s.lease_seconds = float(_get(state_t, "lease_seconds", (int, float), s.lease_seconds))
    s.connect_seconds = float(_get(state_t, "connect_seconds", (int, float), s.connect_seconds))
    if s.lease_seconds < 1:
        raise SettingsError("state.lease_seconds must be at least 1")
    s.shutdown_seconds = float(_get(server, "shutdown_seconds", (int, float), s.shutdown_seconds))
    s.storage = dict(data.get("storage", {"kind": "local"}))
    s.storage.setdefault("kind", "local")
    s.keep_days = keep_days(s.storage.pop("keep_days", s.keep_days))
    s.keep_days_link_only = keep_days(s.storage.pop("keep_days_link_only", s.keep_days_link_only), "keep_days_link_only")
    if s.storage["kind"] == "local":
        s.storage["path"] = str((base_dir / s.storage.get("path", str(s.state_dir / "bundles"))).resolve())
    elif s.storage["kind"] != "s3":
        raise SettingsError(f"storage.kind must be 'local' or 's3', not {s.storage['kind']!r}")
    s.helpdesk = {k: resolve_secret(v) for k, v in data.get("helpdesk", {"kind": "none"}).items()}
    s.helpdesk.setdefault("kind", "none")
    s.storage = {k: resolve_secret(v) for k, v in s.storage.items()}
    lim = Limits()
    for name in ("max_bundle_bytes", "max_expanded_bytes", "max_files", "max_ratio", "rate_burst", "max_meta_bytes"):
        setattr(lim, name, _get(limits_t, name, int, getattr(lim, name)))
    lim.rate_per_minute = rate_per_minute(_get(limits_t, "rate_per_minute", (int, float), lim.rate_per_minute), "limits")
    lim.idle_seconds = float(_get(limits_t, "idle_seconds", (int, float), lim.idle_seconds))
    for name in ("upload_deadline_seconds", "min_upload_bytes_per_second", "min_rate_grace_seconds"):
        setattr(lim, name, float(_get(limits_t, name, (int, float), getattr(lim, name))))
    for name in ("max_concurrent_uploads", "max_uploads_per_client"):
        setattr(lim, name, _get(limits_t, name, int, getattr(lim, name)))
    if lim.upload_deadline_seconds <= 0 or lim.min_upload_bytes_per_second < 0 or lim.max_concurrent_uploads < 1 or lim.max_uploads_per_client < 1:
        raise SettingsError("limits: upload_deadline_seconds must be > 0, min_upload_bytes_per_second >= 0, max_*_uploads >= 1")
    s.limits = lim
    s.retry_base_seconds = float(_get(queue, "retry_base_seconds", (int, float), s.retry_base_seconds))
    s.retry_max_seconds = float(_get(queue, "retry_max_seconds", (int, float), s.retry_max_seconds))
    s.poll_seconds = float(_get(queue, "poll_seconds", (int, float), s.poll_seconds))
    s.ticket_wait_seconds = float(_get(queue, "ticket_wait_seconds", (int, float), s.ticket_wait_seconds))
    s.workers = max(1, _get(queue, "workers", int, s.workers))
    req = data.get("requests", {})
    s.request_agent_token = str(resolve_secret(_get(req, "agent_token", str, "")))
    s.request_days = float(_get(req, "days", (int, float), s.request_days))
    s.request_rate_per_minute = rate_per_minute(_get(req, "rate_per_minute", (int, float), s.request_rate_per_minute), "requests")
    s.request_rate_burst = _get(req, "rate_burst", int, s.request_rate_burst)
    s.download_url = _get(req, "download_url", str, s.download_url)
    s.company = _get(req, "company", str, s.company)
    s.about = _get(req, "about", (str, dict), s.about)
    if isinstance(s.about, dict) and not all(isinstance(v, str) for v in s.about.values()):
        raise SettingsError("requests.about must be text, or a table of texts by language")
    s.contact = _get(req, "contact", (str, dict), s.contact)
    if isinstance(s.contact, dict) and not all(isinstance(v, str) for v in s.contact.values()):
        raise SettingsError("requests.contact must be text, or a table of texts by language")
    s.publisher = _get(req, "publisher", str, s.publisher)
    if s.download_url and not s.download_url.startswith(("https://", "http://")):
        raise SettingsError("requests.download_url must be an http(s) address")
    s.agent_link_secret = str(resolve_secret(_get(links, "secret", str, "")))
    s.agent_link_days = _get(links, "days", int, s.agent_link_days)
    if s.agent_link_days < 0:
        raise SettingsError("agent_links.days must be a number of days, or 0 (a link works as long as the relay keeps its bundle)")
    return s


def load(path: Path) -> Settings:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise SettingsError(f"cannot read {path}: {exc.strerror}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise SettingsError(f"{path} is not valid TOML: {exc}") from exc
    return from_dict(data, path.parent)
