"""Shared helpers for the send/intake tests: test bundles, free ports, the relay as a process, the CLI."""

from __future__ import annotations

import hashlib
import io
import json
import os
import signal
import socket
import subprocess
import sys
import time
import uuid
import zipfile
from pathlib import Path
from typing import Any

import requests

from selfcheck.bundle.manifest import reference_for


def make_bundle(target: Path, files: dict[str, bytes] | None = None, *, bundle_id: str | None = None, reference: str | None = None, **manifest: Any) -> Path:
    """A bundle that follows the manifest contract (docs/bundle.md): manifest.json lists every file with size and sha256."""
    files = files if files is not None else {"report.json": json.dumps({"verdict": "ok"}).encode(), "logs/selfcheck.log": b"line one\nline two\n"}
    bundle_id = bundle_id or str(uuid.uuid4())
    data: dict[str, Any] = {
        "schema_version": 1,
        "bundle_id": bundle_id,
        "reference": reference or reference_for(bundle_id),  # docs/bundle.md: the relay recomputes it
        "created": "2026-11-25T12:00:00Z",
        "files": [{"path": name, "size": len(content), "sha256": hashlib.sha256(content).hexdigest()} for name, content in files.items()],
    }
    data.update(manifest)
    target.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("manifest.json", json.dumps(data))
        for name, content in files.items():
            zf.writestr(name, content)
    return target


def manifest_of(path: Path) -> dict[str, Any]:
    with zipfile.ZipFile(path) as zf:
        return dict(json.loads(zf.read("manifest.json")))


def zip_bytes(entries: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, content in entries.items():
            zf.writestr(name, content)
    return buf.getvalue()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, dict):  # an inline table, e.g. a text per language
        return "{" + ", ".join(f"{k} = {toml_value(v)}" for k, v in value.items()) + "}"
    return json.dumps(str(value))


def write_toml(path: Path, tables: dict[str, dict[str, Any]]) -> Path:
    lines = []
    for table, values in tables.items():
        lines.append(f"[{table}]")
        lines += [f"{k} = {toml_value(v)}" for k, v in values.items()]
        lines.append("")
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


class Relay:
    """The real relay (selfcheck-intake under uvicorn) as a separate process on a loopback port."""

    def __init__(
        self,
        workdir: Path,
        helpdesk: dict[str, Any] | None = None,
        *,
        limits: dict[str, Any] | None = None,
        storage: dict[str, Any] | None = None,
        queue: dict[str, Any] | None = None,
        port: int | None = None,
        env: dict[str, str] | None = None,
        tls: tuple[Path, Path] | None = None,
        server: dict[str, Any] | None = None,
        state: dict[str, Any] | None = None,
        requests: dict[str, Any] | None = None,
    ) -> None:
        self.workdir = workdir
        workdir.mkdir(parents=True, exist_ok=True)
        self.port = port or free_port()
        self.config = workdir / "relay.toml"
        self.log = workdir / "relay.log"
        self.env = env or {}
        self.scheme = "https" if tls else "http"
        server_tls = {"tls_cert": str(tls[0]), "tls_key": str(tls[1])} if tls else {}
        tables: dict[str, dict[str, Any]] = {
            "server": {"host": "127.0.0.1", "port": self.port, "public_url": self.url, **server_tls, **(server or {})},
            "state": {"path": str(workdir / "state"), **(state or {})},
            "storage": storage or {"kind": "local", "path": str(workdir / "bundles")},
            "helpdesk": helpdesk or {"kind": "none"},
            "limits": {"rate_per_minute": 600, "rate_burst": 100, **(limits or {})},
            "queue": {"retry_base_seconds": 0.2, "retry_max_seconds": 1, "poll_seconds": 0.2, "ticket_wait_seconds": 3, **(queue or {})},
            "agent_links": {"secret": "agent-link-test-secret"},
            **({"requests": requests} if requests else {}),
        }
        write_toml(self.config, tables)
        self.proc: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"{self.scheme}://localhost:{self.port}" if self.scheme == "https" else f"http://127.0.0.1:{self.port}"

    def start(self, wait: bool = True) -> Relay:
        env = {**os.environ, **self.env}
        with open(self.log, "ab") as log:
            self.proc = subprocess.Popen([sys.executable, "-m", "selfcheck_intake.server", "--config", str(self.config)], stdout=log, stderr=log, env=env)
        if wait:
            self.wait_ready()
        return self

    def wait_ready(self, timeout: float = 30) -> None:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            assert self.proc is not None
            if self.proc.poll() is not None:
                raise AssertionError("relay exited:\n" + self.log.read_text(errors="replace"))
            try:
                import urllib3

                urllib3.disable_warnings(urllib3.exceptions.InsecureRequestWarning)
                if requests.get(self.url + "/healthz", timeout=1, verify=False).status_code == 200:
                    return
            except requests.RequestException:
                pass
            time.sleep(0.05)
        raise AssertionError("relay did not start:\n" + self.log.read_text(errors="replace"))

    def stop(self, kill: bool = False) -> None:
        if self.proc is None:
            return
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGKILL if kill else signal.SIGTERM)
            try:
                self.proc.wait(timeout=8)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.proc = None

    def logs(self) -> list[dict[str, Any]]:
        out = []
        for line in self.log.read_text(errors="replace").splitlines():
            try:
                out.append(json.loads(line))
            except ValueError:
                pass
        return out

    def wait_ticket(self, bundle_id: str, timeout: float = 20) -> dict[str, Any]:
        end = time.monotonic() + timeout
        body: dict[str, Any] = {}
        while time.monotonic() < end:
            r = requests.get(f"{self.url}/v1/bundles/{bundle_id}", timeout=2)
            body = r.json()
            if r.status_code == 200 and body["status"] == "ticketed":
                return body
            time.sleep(0.1)
        raise AssertionError(f"no ticket for {bundle_id}: {body}\n" + self.log.read_text(errors="replace")[-3000:])


def client_config(path: Path, url: str, **support: Any) -> Path:
    """A client's [support] section for ``url``: no retry now, tiny backoffs.

    ``read_timeout`` is long (30 s): on a loaded 2-CPU machine (CI, several engineers) the relay or the test server
    may be starved for more than 5 s, and the send was then "queued" instead of "sent". A test that wants a timeout
    passes its own short ``read_timeout``; it is never reached when the server answers, so no test is slower."""
    values = {
        "kind": "intake",
        "url": url,
        "retry_now": 0,
        "retry_base_seconds": 0.05,
        "outbox_base_seconds": 0.01,
        "retry_max_seconds": 0.05,
        "read_timeout": 30,
        "connect_timeout": 2,
        **support,
    }
    return write_toml(path, {"support": values})


def run_cli(*args: str, home: Path, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "SELFCHECK_HOME": str(home), "SELFCHECK_DISABLE_PLUGIN_AUTOLOAD": "1", "LANG": "C.UTF-8"}
    env.pop("SELFCHECK_CONFIG", None)
    return subprocess.run([sys.executable, "-m", "selfcheck", *args], capture_output=True, text=True, timeout=timeout, env=env)
