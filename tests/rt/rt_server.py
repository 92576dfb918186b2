"""A real Request Tracker 5 on loopback, for tests.

Installs Debian's RT packages when they are missing (as root, without prompts), then runs an RT instance
entirely inside a temporary folder: its site config (``RT_SITE_CONFIG`` / ``RT_SITE_CONFIG_DIR``, so /etc
stays untouched), an SQLite database, Mason caches, mail written to an mbox instead of being sent, and the
web server (``rt-server --server Starlet``) bound to 127.0.0.1 on a free port.

A database is initialised once (``rt-setup-database-5``) with a queue, two ticket custom fields and an API
token for root; more instances (other attachment settings) start from a copy of it, which takes a second
instead of the full set-up.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import requests

#: Debian packages for RT 5 with SQLite and the standalone server; msmtp-mta satisfies the mail-transport
#: dependency without running a daemon, dbconfig-no-thanks keeps dbconfig from asking about a database.
RT_PACKAGES = ["request-tracker5", "rt5-db-sqlite", "rt5-standalone", "msmtp-mta", "dbconfig-no-thanks"]
RT_LIB = Path("/usr/share/request-tracker5/lib")
RT_SERVER = Path("/usr/share/request-tracker5/libexec/rt-server")
RT_SETUP_DATABASE = "rt-setup-database-5"

QUEUE = "Selfcheck Support"
REFERENCE_FIELD = "Selfcheck reference"
DIAGNOSIS_FIELD = "Selfcheck diagnosis"

# Creates the queue, the ticket custom fields (applied to that queue) and an API token for root; prints the token.
_PROVISION_PERL = r"""
use strict; use warnings;
use RT; RT::LoadConfig(); RT::Init();
my ($queue_name, @fields) = @ARGV;
my $root = RT::User->new(RT->SystemUser); $root->Load('root') or die "no root user\n";
my $queue = RT::Queue->new(RT->SystemUser);
my ($ok, $msg) = $queue->Create(Name => $queue_name, CorrespondAddress => '', CommentAddress => '');
die "queue: $msg\n" unless $ok;
for my $name (@fields) {
    my $cf = RT::CustomField->new(RT->SystemUser);
    ($ok, $msg) = $cf->Create(Name => $name, Type => 'FreeformSingle', LookupType => 'RT::Queue-RT::Ticket');
    die "custom field $name: $msg\n" unless $ok;
    ($ok, $msg) = $cf->AddToObject($queue);
    die "custom field $name on queue: $msg\n" unless $ok;
}
my $token = RT::AuthToken->new(RT->SystemUser);
my ($id, $text, $secret) = $token->Create(Owner => $root->id, Description => 'selfcheck tests');
die "token: $text\n" unless $id;
print "TOKEN=$secret\n";
"""


class RTUnavailable(Exception):
    """RT cannot be installed or started here; the message says why (tests skip with it)."""


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def rt_installed() -> bool:
    return RT_SERVER.exists() and shutil.which(RT_SETUP_DATABASE) is not None and (RT_LIB / "RT.pm").exists()


def ensure_installed(timeout: float = 900) -> None:
    """Install RT from Debian's packages when missing (root only); raise RTUnavailable otherwise."""
    if rt_installed():
        return
    if os.geteuid() != 0 or shutil.which("apt-get") is None:
        raise RTUnavailable(f"Request Tracker 5 is not installed (as root: apt-get install --no-install-recommends {' '.join(RT_PACKAGES)})")
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive", DEBCONF_NONINTERACTIVE_SEEN="true")
    apt = ["apt-get", "-o", "DPkg::Lock::Timeout=300", "-y", "-q"]
    install = apt + ["install", "--no-install-recommends", *RT_PACKAGES]
    proc = subprocess.run(install, env=env, capture_output=True, text=True, timeout=timeout)
    if proc.returncode != 0:  # package lists may be stale or absent on a fresh machine
        subprocess.run(apt + ["update"], env=env, capture_output=True, text=True, timeout=timeout)
        proc = subprocess.run(install, env=env, capture_output=True, text=True, timeout=timeout)
    if proc.returncode != 0 or not rt_installed():
        raise RTUnavailable(f"could not install Request Tracker 5: {(proc.stderr or proc.stdout).strip()[-500:]}")


@dataclass
class RTInstance:
    """One RT server: its folder, port, database and API token. ``start``/``stop`` can be repeated."""

    workdir: Path
    token: str
    port: int = field(default_factory=free_port)
    queue: str = QUEUE
    reference_field: str = REFERENCE_FIELD
    diagnosis_field: str = DIAGNOSIS_FIELD
    #: extra RT settings written to the site config, e.g. {"MaxAttachmentSize": 65536, "DropLongAttachments": 1}
    settings: dict[str, Any] = field(default_factory=dict)
    process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def api(self) -> str:
        return f"{self.url}/REST/2.0"

    @property
    def database(self) -> Path:
        return self.workdir / "rt.db"

    @property
    def var_dir(self) -> Path:
        """RT's $VarPath: where the mbox files of the mail RT would have sent are written."""
        return self.workdir / "var"

    def outgoing_mail(self) -> str:
        return "".join(p.read_text(errors="replace") for p in sorted(self.var_dir.glob("*.mbox")))

    @property
    def log_file(self) -> Path:
        return self.workdir / "rt-server.log"

    def env(self) -> dict[str, str]:
        return dict(os.environ, RT_SITE_CONFIG=str(self.workdir / "RT_SiteConfig.pm"), RT_SITE_CONFIG_DIR=str(self.workdir / "RT_SiteConfig.d"))

    def write_site_config(self) -> None:
        for sub in ("RT_SiteConfig.d", "mason", "sessions", "log", "var"):
            (self.workdir / sub).mkdir(parents=True, exist_ok=True)
        settings: dict[str, Any] = {
            "rtname": "selfcheck-test",
            "Organization": "selfcheck.test",
            "WebDomain": "127.0.0.1",
            "WebPort": self.port,
            "WebPath": "",
            "WebBaseURL": self.url,
            "DatabaseType": "SQLite",
            "DatabaseName": str(self.database),
            "MailCommand": "mbox",  # outgoing mail is appended to var/<time>.mbox files, nothing is sent
            "LogDir": str(self.workdir / "log"),
            "LogToSyslog": None,
            "LogToSTDERR": "warning",
            "CorrespondAddress": "rt@selfcheck.test",
            "CommentAddress": "rt-comment@selfcheck.test",
            "Timezone": "UTC",
            # By default RT keeps attachments of any size; tests that need limits pass their own settings.
            "MaxAttachmentSize": 1024 * 1024 * 1024,
            # RT checks the API token with bcrypt on every request (cost 12: ~0.26 s each). Tests use the lowest
            # cost so a test run is not dominated by it; the token is hashed with it when the template is made.
            "BcryptCost": 4,
            **self.settings,
        }
        lines = [f"Set(${name}, {_perl(value)});" for name, value in settings.items()]
        lines += [f"$RT::VarPath = {_perl(str(self.var_dir))};"]
        lines += [f"$RT::MasonDataDir = {_perl(str(self.workdir / 'mason'))};", f"$RT::MasonSessionDir = {_perl(str(self.workdir / 'sessions'))};", "1;"]
        (self.workdir / "RT_SiteConfig.pm").write_text("\n".join(lines) + "\n")

    def start(self, timeout: float = 60) -> None:
        """Start rt-server and wait until the REST API answers."""
        if self.process is not None and self.process.poll() is None:
            return
        self.write_site_config()
        log = self.log_file.open("ab")
        cmd = [str(RT_SERVER), "--server", "Starlet", "--host", "127.0.0.1", "--port", str(self.port), "--max-workers", "2"]
        self.process = subprocess.Popen(cmd, env=self.env(), cwd=self.workdir, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        log.close()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RTUnavailable(f"rt-server exited with {self.process.returncode}: {self.log_tail()}")
            try:
                requests.get(f"{self.api}/rt", timeout=2)  # 401 without a token: the server is up
                return
            except requests.RequestException:
                time.sleep(0.1)
        self.stop()
        raise RTUnavailable(f"rt-server did not answer on {self.url} within {timeout:.0f} s: {self.log_tail()}")

    def stop(self) -> None:
        """Stop rt-server and its workers (its own process group)."""
        proc, self.process = self.process, None
        if proc is None or proc.poll() is not None:
            return
        try:
            os.killpg(proc.pid, signal.SIGTERM)
        except ProcessLookupError:
            return
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=5)
        # Starlet workers leave with their parent; wait until the port is free for a restart on it.
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
                if sock.connect_ex(("127.0.0.1", self.port)) != 0:
                    return
            time.sleep(0.1)

    def log_tail(self, chars: int = 1500) -> str:
        try:
            return self.log_file.read_text(errors="replace")[-chars:]
        except OSError:
            return ""

    # -- helpers for assertions (each token-authenticated call costs ~0.26 s of bcrypt in RT) --

    def get(self, path: str, **params: Any) -> Any:
        resp = requests.get(f"{self.api}/{path.lstrip('/')}", params=params, headers={"Authorization": f"token {self.token}"}, timeout=30)
        resp.raise_for_status()
        return resp.json()

    def search(self, query: str, fields: str = "Subject,Queue,Status") -> list[dict[str, Any]]:
        return list(self.get("tickets", query=query, fields=fields, per_page=100)["items"])

    def attachments(self, ticket_id: str | int) -> list[dict[str, Any]]:
        return list(self.get(f"ticket/{ticket_id}/attachments", fields="Filename,ContentType,ContentLength,Subject,TransactionId", per_page=100)["items"])

    def attachment_bytes(self, attachment_id: str | int) -> bytes:
        import base64

        return base64.b64decode(self.get(f"attachment/{attachment_id}")["Content"])

    def attachment_text(self, ticket_id: str | int) -> str:
        """All text parts of a ticket (correspondence, comments) joined: what an agent reads."""
        texts = []
        for item in self.attachments(ticket_id):
            if item["ContentType"] == "text/plain" and not item.get("Filename"):
                texts.append(self.attachment_bytes(item["id"]).decode("utf-8", "replace"))
        return "\n".join(texts)


def _perl(value: Any) -> str:
    if value is None:
        return "undef"
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, int):
        return str(value)
    return "'" + str(value).replace("\\", "\\\\").replace("'", "\\'") + "'"


def create_template(workdir: Path, timeout: float = 120, settings: dict[str, Any] | None = None) -> RTInstance:
    """Install RT if needed, initialise a database with a queue, custom fields and token; return a stopped instance."""
    ensure_installed()
    workdir.mkdir(parents=True, exist_ok=True)
    instance = RTInstance(workdir=workdir, token="", settings=dict(settings or {}))
    instance.write_site_config()
    env = instance.env()
    setup = subprocess.run(
        [RT_SETUP_DATABASE, "--action", "init", "--skip-create"], env=env, cwd=workdir, capture_output=True, text=True, timeout=timeout, input=""
    )
    if setup.returncode != 0:
        raise RTUnavailable(f"rt-setup-database failed: {(setup.stderr or setup.stdout).strip()[-800:]}")
    provision = subprocess.run(
        ["perl", f"-I{RT_LIB}", "-e", _PROVISION_PERL, QUEUE, REFERENCE_FIELD, DIAGNOSIS_FIELD],
        env=env,
        cwd=workdir,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    token = next((line.split("=", 1)[1] for line in provision.stdout.splitlines() if line.startswith("TOKEN=")), "")
    if provision.returncode != 0 or not token:
        raise RTUnavailable(f"could not provision RT (queue, custom fields, token): {provision.stderr.strip()[-800:]}")
    instance.token = token
    return instance


def clone(template: RTInstance, workdir: Path, settings: dict[str, Any] | None = None) -> RTInstance:
    """A new, stopped instance on its own port with a copy of the template's database (same queue, fields, token)."""
    workdir.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(template.database, workdir / "rt.db")
    return RTInstance(workdir=workdir, token=template.token, settings=dict(settings or {}))
