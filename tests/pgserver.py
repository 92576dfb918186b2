"""A real PostgreSQL server for the relay's tests and benchmarks, from Debian's `postgresql` package.

``initdb`` and ``pg_ctl`` run in a temporary folder, as an unprivileged user (PostgreSQL refuses to run as
root: under root the server runs as ``nobody``), listening only on a Unix socket in that folder (no TCP port,
so parallel test runs never collide). Nothing in /etc changes. `.ci/apt.d/relay-pg.txt` installs the package;
``./scripts/test`` installs it when missing.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import subprocess
import tempfile
import uuid
from pathlib import Path


def pg_bindir() -> Path | None:
    """The newest installed PostgreSQL's binaries (Debian keeps them out of PATH)."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"), key=lambda p: int(Path(p).parts[-3]) if Path(p).parts[-3].isdigit() else 0)
    if found:
        return Path(found[-1]).parent
    on_path = shutil.which("pg_ctl")
    return Path(on_path).resolve().parent if on_path else None


def unavailable_reason() -> str | None:
    if pg_bindir() is None:
        return "PostgreSQL is not installed (apt-get install postgresql; .ci/apt.d/relay-pg.txt)"
    try:
        import psycopg  # noqa: F401
    except ImportError:
        return "psycopg is not installed (pip install 'selfcheck[intake]')"
    return None


class PostgresServer:
    """One PostgreSQL cluster in a temporary folder; ``url(db)`` gives the relay's ``[state] database``."""

    def __init__(self) -> None:
        bindir = pg_bindir()
        assert bindir is not None, unavailable_reason()
        self.bindir = bindir
        self.root = Path(tempfile.mkdtemp(prefix="selfcheck-pg-"))
        self.data = self.root / "data"
        self.log = self.root / "server.log"
        self.user = "relay"
        self.port = 5432  # the socket's name only: listen_addresses is empty
        self.as_user: list[str] = []
        if os.geteuid() == 0:
            nobody = pwd.getpwnam("nobody")
            os.chown(self.root, nobody.pw_uid, nobody.pw_gid)
            self.as_user = ["runuser", "-u", "nobody", "--"]

    def _run(self, *args: str, check: bool = True, timeout: float = 60) -> subprocess.CompletedProcess[str]:
        return subprocess.run([*self.as_user, *args], capture_output=True, text=True, timeout=timeout, check=check, cwd=self.root)

    def init(self) -> PostgresServer:
        self._run(str(self.bindir / "initdb"), "-D", str(self.data), "-U", self.user, "--auth=trust", "-E", "UTF8", "--no-sync", "--locale=C.UTF-8")
        extra = (
            "listen_addresses = ''\n"
            f"unix_socket_directories = '{self.root}'\n"
            f"port = {self.port}\n"
            "max_connections = 200\n"
            "fsync = off\n"  # a test cluster: the server is stopped cleanly or thrown away, never an OS crash
            "full_page_writes = off\n"
            "log_min_messages = warning\n"
        )
        with open(self.data / "postgresql.conf", "a", encoding="utf-8") as fh:
            fh.write(extra)
        return self

    def start(self) -> PostgresServer:
        proc = self._run(str(self.bindir / "pg_ctl"), "-D", str(self.data), "-l", str(self.log), "-w", "-t", "60", "start", check=False)
        if proc.returncode != 0:
            raise AssertionError(f"PostgreSQL did not start: {proc.stdout}{proc.stderr}\n{self.log_text()}")
        return self

    def stop(self, mode: str = "fast") -> None:
        self._run(str(self.bindir / "pg_ctl"), "-D", str(self.data), "-m", mode, "-w", "stop", check=False)

    def log_text(self) -> str:
        try:
            return self.log.read_text(errors="replace")[-3000:]
        except OSError:
            return ""

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://{self.user}@/{database}?host={self.root}&port={self.port}"

    def create_database(self, name: str | None = None) -> str:
        """A new, empty database on this server; returns its URL."""
        import psycopg

        name = name or "relay_" + uuid.uuid4().hex[:10]
        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def cleanup(self) -> None:
        self.stop("immediate")
        shutil.rmtree(self.root, ignore_errors=True)
