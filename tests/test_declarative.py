"""Declarative TOML checks of every kind, against real things on loopback."""

from __future__ import annotations

import http.server
import json
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from checkkit import config
from selfcheck import i18n
from selfcheck.api import Status
from selfcheck.declarative import GRACE, load_file
from selfcheck.discovery import Registry
from selfcheck.runner import Runner

pytestmark = pytest.mark.timeout(60)


def run_toml(tmp_path: Path, text: str):
    path = tmp_path / "checks.toml"
    path.write_text(text, encoding="utf-8")
    problems: list = []
    classes = load_file(path, problems)
    assert problems == [], [p.message for p in problems]
    registry = Registry()
    for cls in classes:
        assert registry.register_class(cls, str(path)), registry.problems
    return Runner(registry, config()).run(list(registry))


def toml_str(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


@pytest.fixture(autouse=True)
def no_proxy(monkeypatch):
    """Loopback requests must never go through a proxy from the environment."""
    for var in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")


@pytest.fixture
def listener():
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    sock.listen(8)
    yield sock.getsockname()[1]
    sock.close()


@pytest.fixture
def closed_port():
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()
    return port


class _Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        if self.path == "/away":  # a redirect to a loopback address the guard test leaves outside SELFCHECK_NETWORK_ALLOW
            self.send_response(302)
            self.send_header("Location", "http://127.0.0.2:9/")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        status, body = {"/health": (200, b"status: OK"), "/broken": (500, b"oops"), "/empty": (204, b"")}.get(self.path, (404, b"no"))
        self.send_response(status)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def web():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


# --- tcp -------------------------------------------------------------------------------------


def test_tcp_pass_and_fail_with_messages_per_language(tmp_path, listener, closed_port):
    text = f"""
    [[check]]
    id = "app.crm-open"
    kind = "tcp"
    title = {{ en = "CRM server", fr = "Serveur CRM" }}
    host = "127.0.0.1"
    port = {listener}
    [check.messages]
    pass = {{ en = "The CRM server answers on port {{port}}.", fr = "Le serveur CRM répond sur le port {{port}}." }}

    [[check]]
    id = "app.crm-closed"
    kind = "tcp"
    title = {{ en = "CRM server", fr = "Serveur CRM" }}
    host = "127.0.0.1"
    port = {closed_port}
    help_url = "https://help.example/crm"
    [check.messages]
    fail = {{ en = "The CRM server does not answer ({{reason}}).", fr = "Le serveur CRM ne répond pas ({{reason}})." }}
    advice = [{{ en = "Connect the VPN.", fr = "Connectez le VPN." }}]
    """
    scan = run_toml(tmp_path, text)
    ok, closed = scan.result("app.crm-open"), scan.result("app.crm-closed")
    assert (ok.status, ok.summary) == (Status.PASS, f"The CRM server answers on port {listener}.")
    assert closed.status is Status.FAIL
    assert closed.summary.startswith(f"The CRM server does not answer (cannot connect to 127.0.0.1 port {closed_port}:")
    assert closed.advice == ["Connect the VPN."] and closed.help_url == "https://help.example/crm"
    assert closed.title == "CRM server"

    i18n.set_language("fr")
    scan = run_toml(tmp_path, text)
    assert scan.result("app.crm-open").summary == f"Le serveur CRM répond sur le port {listener}."
    assert (
        scan.result("app.crm-closed").summary
        == f"Le serveur CRM ne répond pas (connexion impossible à 127.0.0.1 sur le port {closed_port}\u00a0: la connexion a été refusée)."
    )
    assert scan.result("app.crm-closed").advice == ["Connectez le VPN."]
    assert scan.result("app.crm-closed").title == "Serveur CRM"


def test_default_messages_when_the_file_gives_none(tmp_path, closed_port):
    scan = run_toml(tmp_path, f'[[check]]\nid = "app.db"\nkind = "tcp"\ntitle = "Database"\nhost = "127.0.0.1"\nport = {closed_port}\nseverity = "warn"\n')
    result = scan.result("app.db")
    assert result.status is Status.WARN
    assert result.summary.startswith("Database: not OK (cannot connect to 127.0.0.1")
    assert result.advice == ["If this keeps happening, contact support and mention “Database”."]


# --- http ------------------------------------------------------------------------------------


def test_http_status_and_text(tmp_path, web, closed_port):
    scan = run_toml(
        tmp_path,
        f"""
        [[check]]
        id = "app.health"
        kind = "http"
        title = "Health page"
        url = "{web}/health"
        contains = "status: OK"

        [[check]]
        id = "app.health-text"
        kind = "http"
        title = "Health page says ready"
        url = "{web}/health"
        contains = "READY"

        [[check]]
        id = "app.broken"
        kind = "http"
        title = "Broken page"
        url = "{web}/broken"

        [[check]]
        id = "app.empty"
        kind = "http"
        title = "Empty answer"
        url = "{web}/empty"
        status = [200, 204]

        [[check]]
        id = "app.down"
        kind = "http"
        title = "Server down"
        url = "http://127.0.0.1:{closed_port}/"
        """.replace("\n        ", "\n"),
    )
    assert scan.result("app.health").status is Status.PASS
    assert scan.result("app.health-text").status is Status.FAIL
    assert "does not contain the expected text" in scan.result("app.health-text").summary
    assert scan.result("app.broken").status is Status.FAIL
    assert "the answer was 500 instead of 200" in scan.result("app.broken").summary
    assert scan.result("app.empty").status is Status.PASS
    assert scan.result("app.down").status is Status.FAIL
    assert f"no answer from http://127.0.0.1:{closed_port}/: the connection was refused" in scan.result("app.down").summary
    assert scan.facts["app.broken"]["status"] == 500


def test_tcp_and_http_probes_refuse_targets_outside_the_allowed_networks(tmp_path, web, monkeypatch):
    """SELFCHECK_NETWORK_ALLOW binds declarative probes as it binds the network checks: nothing is sent
    outside it, redirects included, and names never go to the system resolver (only loopback is used here:
    127.0.0.2 listens, but is left outside the allowed networks)."""
    monkeypatch.setenv("SELFCHECK_NETWORK_ALLOW", "127.0.0.1/32,::1/128")
    outside = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    outside.bind(("127.0.0.2", 0))
    outside.listen(8)
    asked: list[str] = []
    real_getaddrinfo = socket.getaddrinfo

    def numeric_only_getaddrinfo(host, *args, **kwargs):
        asked.append(str(host))
        if not str(host).replace(".", "").isdigit() and ":" not in str(host):
            raise socket.gaierror(socket.EAI_NONAME, "the system resolver must not be asked")
        return real_getaddrinfo(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", numeric_only_getaddrinfo)
    try:
        scan = run_toml(
            tmp_path,
            f"""
            [[check]]
            id = "app.far-tcp"
            kind = "tcp"
            host = "127.0.0.2"
            port = {outside.getsockname()[1]}
            [[check]]
            id = "app.far-http"
            kind = "http"
            url = "http://127.0.0.2:{outside.getsockname()[1]}/health"
            [[check]]
            id = "app.redirected"
            kind = "http"
            url = "{web}/away"
            [[check]]
            id = "app.unknown-name"
            kind = "http"
            url = "http://selfcheck-probe.invalid/"
            [[check]]
            id = "app.local-name"
            kind = "http"
            url = "{web.replace("127.0.0.1", "localhost")}/health"
            """.replace("\n            ", "\n"),
        )
        for check_id in ("app.far-tcp", "app.far-http", "app.redirected"):
            result = scan.result(check_id)
            assert result.status is Status.FAIL, check_id
            assert "127.0.0.2 is outside the networks this program may test here" in result.summary, result.summary
            assert scan.facts[check_id]["error"] == "blocked"
        assert "the name selfcheck-probe.invalid could not be found" in scan.result("app.unknown-name").summary
        assert scan.result("app.local-name").status is Status.PASS, scan.result("app.local-name").summary  # the hosts file still works
        assert not [h for h in asked if not h.replace(".", "").isdigit() and ":" not in h], asked
        i18n.set_language("fr")
        try:
            scan = run_toml(tmp_path, f'[[check]]\nid = "app.far"\nkind = "tcp"\nhost = "127.0.0.2"\nport = {outside.getsockname()[1]}\n')
        finally:
            i18n.set_language("en")
        assert "127.0.0.2 est en dehors des réseaux" in scan.result("app.far").summary
    finally:
        outside.close()


def test_http_failure_reason_is_plain_words_not_an_exception_name(tmp_path, closed_port):
    i18n.set_language("fr")
    try:
        scan = run_toml(tmp_path, f'[[check]]\nid = "app.down"\nkind = "http"\nurl = "http://127.0.0.1:{closed_port}/"\n')
    finally:
        i18n.set_language("en")
    summary = scan.result("app.down").summary
    assert "aucune réponse de" in summary and "la connexion a été refusée" in summary, summary
    assert "ConnectionError" not in summary


# --- process ---------------------------------------------------------------------------------


def test_process_running_and_not(tmp_path):
    sleeper = tmp_path / "scsleep4821"
    shutil.copy(shutil.which("sleep") or "/bin/sleep", sleeper)
    proc = subprocess.Popen([str(sleeper), "30"])
    try:
        scan = run_toml(
            tmp_path,
            """
            [[check]]
            id = "app.agent"
            kind = "process"
            title = "Backup agent"
            names = ["scsleep4821", "scsleep4821-old"]

            [[check]]
            id = "app.absent"
            kind = "process"
            title = "Antivirus agent"
            name = "no-such-agent-7731"
            """.replace("\n            ", "\n"),
        )
    finally:
        proc.kill()
        proc.wait()
    assert scan.result("app.agent").status is Status.PASS
    assert scan.facts["app.agent"]["running"] == ["scsleep4821"]
    assert scan.result("app.absent").status is Status.FAIL
    assert "the program no-such-agent-7731 is not running" in scan.result("app.absent").summary


# --- path ------------------------------------------------------------------------------------


def test_path_exists_type_and_age(tmp_path):
    fresh, old, folder = tmp_path / "fresh.txt", tmp_path / "old-backup.txt", tmp_path / "folder"
    fresh.write_text("x")
    old.write_text("x")
    folder.mkdir()
    two_days_ago = time.time() - 48 * 3600
    os.utime(old, (two_days_ago, two_days_ago))
    checks = {
        "app.fresh": f"path = {toml_str(str(fresh))}\ntype = 'file'\nmax_age_hours = 24",
        "app.old": f"path = {toml_str(str(old))}\nmax_age_hours = 24",
        "app.missing": f"path = {toml_str(str(tmp_path / 'nothing'))}",
        "app.not-file": f"path = {toml_str(str(folder))}\ntype = 'file'",
        "app.not-folder": f"path = {toml_str(str(fresh))}\ntype = 'folder'",
        "app.folder": f"path = {toml_str(str(folder))}\ntype = 'folder'",
    }
    text = "".join(f'\n[[check]]\nid = "{cid}"\nkind = "path"\ntitle = "{cid}"\n{body}\n' for cid, body in checks.items())
    scan = run_toml(tmp_path, text)
    status = {cid: scan.result(cid).status for cid in checks}
    assert status == {
        "app.fresh": Status.PASS,
        "app.old": Status.FAIL,
        "app.missing": Status.FAIL,
        "app.not-file": Status.FAIL,
        "app.not-folder": Status.FAIL,
        "app.folder": Status.PASS,
    }
    assert f"{old} has not been updated for 48 hours" in scan.result("app.old").summary
    assert "does not exist" in scan.result("app.missing").summary
    assert "is a folder, not a file" in scan.result("app.not-file").summary


def test_path_expands_the_home_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path))
    (tmp_path / "notes.txt").write_text("x")
    scan = run_toml(tmp_path, '[[check]]\nid = "app.notes"\nkind = "path"\ntitle = "Notes"\npath = "~/notes.txt"\n')
    assert scan.result("app.notes").status is Status.PASS


# --- command ---------------------------------------------------------------------------------


def test_command_exit_code_output_pattern_missing_program_and_timeout(tmp_path):
    py = toml_str(sys.executable)
    checks = {
        "app.version": f"command = [{py}, '-c', 'print(\"agent version 3.2\")']\npattern = 'version 3\\.\\d'",
        "app.old-version": f"command = [{py}, '-c', 'print(\"agent version 2.9\")']\npattern = 'version 3\\.\\d'",
        "app.exit": f"command = [{py}, '-c', 'import sys; sys.exit(2)']",
        "app.exit-expected": f"command = [{py}, '-c', 'import sys; sys.exit(2)']\nexit_code = 2",
        "app.missing": "command = ['no-such-program-5512', '--version']",
        "app.slow": f"command = [{py}, '-c', 'import time; time.sleep(20)']\ntimeout = 0.5",
    }
    text = "".join(f'\n[[check]]\nid = "{cid}"\nkind = "command"\ntitle = "{cid}"\n{body}\n' for cid, body in checks.items())
    scan = run_toml(tmp_path, text)
    status = {cid: scan.result(cid).status for cid in checks}
    assert status == {
        "app.version": Status.PASS,
        "app.old-version": Status.FAIL,
        "app.exit": Status.FAIL,
        "app.exit-expected": Status.PASS,
        "app.missing": Status.FAIL,
        "app.slow": Status.FAIL,
    }
    assert "the command's output is not as expected" in scan.result("app.old-version").summary
    assert "the command ended with code 2" in scan.result("app.exit").summary
    assert "the program no-such-program-5512 is not installed" in scan.result("app.missing").summary
    assert "did not finish in time" in scan.result("app.slow").summary
    assert scan.facts["app.version"]["output"].strip() == "agent version 3.2"


def test_command_failure_in_french(tmp_path):
    i18n.set_language("fr")
    scan = run_toml(tmp_path, "[[check]]\nid = 'app.missing'\nkind = 'command'\ntitle = 'Agent'\ncommand = ['no-such-program-5512']\n")
    assert scan.result("app.missing").summary == "Agent\u00a0: problème (le programme no-such-program-5512 n’est pas installé)."
    assert scan.result("app.missing").advice == ["Si le problème persiste, contactez l’assistance en mentionnant «\u00a0Agent\u00a0»."]


# --- metadata --------------------------------------------------------------------------------


def test_declared_metadata_reaches_the_check_class(tmp_path):
    path = tmp_path / "meta.toml"
    path.write_text(
        '[[check]]\nid = "network.acme-vpn"\nkind = "tcp"\ntitle = "VPN"\ncategory = "network"\nhost = "127.0.0.1"\nport = 1\n'
        'depends_on = ["network.link"]\nafter = ["os.time"]\npriority = 15\ntimeout = 2\nplatforms = ["windows", "darwin"]\nversion = "3"\n'
    )
    problems: list = []
    (cls,) = load_file(path, problems)
    assert (cls.id, cls.category, cls.depends_on, cls.after, cls.priority, cls.timeout - GRACE, cls.platforms, cls.version) == (
        "network.acme-vpn",
        "network",
        ("network.link",),
        ("os.time",),
        15,
        2.0,
        ("windows", "darwin"),
        "3",
    )


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("kind = 'tcp'\nhost = 'h'\nport = 70000", "port must be a whole number between 1 and 65535"),
        ("kind = 'http'\nurl = 'ftp://x'", "url must start with http:// or https://"),
        ("kind = 'http'\nurl = 'http://x'\nstatus = 'ok'", "status must be a number"),
        ("kind = 'path'\npath = '/'\ntype = 'pipe'", "type must be file, folder or any"),
        ("kind = 'path'\npath = '/'\nseverity = 'panic'", "severity must be warn or fail"),
        ("kind = 'path'\npath = '/'\ncategory = 'kitchen'", "category must be one of"),
        ("kind = 'path'\npath = '/'\nplatforms = ['amiga']", "platforms must be among"),
        ("kind = 'path'\npath = '/'\ntimeout = -1", "timeout must be a positive number"),
        ("kind = 'path'\npath = '/'\ndepends_on = 'network.link'", "depends_on must be a list of check ids"),
        ("kind = 'path'\npath = '/'\nmessages = { pass = 3 }", "messages.pass must be a text"),
        ("kind = 'path'\npath = '/'\nmessages = { advice = 'one string' }", "messages.advice must be a list of texts"),
        ("kind = 'command'\ncommand = 'ls -l'", "command must be a list"),
        ("kind = 'process'", "the key name is missing"),
        ("kind = 'path'\npath = '/'\nat_risk = 'yes'", "at_risk must be true or false"),
        ("kind = 'command'\ncommand = ['true']\npattern = 5", "pattern must be a text"),  # judged an error at every scan before
    ],
)
def test_invalid_declarations_are_refused_with_a_plain_reason(tmp_path, body, expected):
    path = tmp_path / "bad.toml"
    path.write_text(f"[[check]]\nid = 'app.bad'\n{body}\n")
    problems: list = []
    assert load_file(path, problems) == []
    (problem,) = problems
    assert expected in problem.message and "bad.toml" in problem.message


def test_a_pattern_that_backtracks_without_end_stops_only_its_check(tmp_path):
    """Python's re keeps the interpreter lock while it searches: '^(a+)+$' against 3,000 'a' and a '!' froze every
    thread of selfcheck, so neither the check's timeout nor the scan's budget could end it ('selfcheck scan' still
    running after 60 s, killed). The pattern is now matched in a child process stopped at the check's deadline."""
    py = toml_str(sys.executable)
    folder = tmp_path / "company"
    folder.mkdir()
    (folder / "agent.toml").write_text(
        f"""
[[check]]
id = "app.agent-banner"
kind = "command"
title = {{ en = "ACME agent", fr = "Agent ACME" }}
timeout = 2
command = [{py}, "-c", "print('a' * 3000 + '!')"]
pattern = "^(a+)+$"

[[check]]
id = "app.agent-version"
kind = "command"
title = "ACME agent version"
command = [{py}, "-c", "print('agent version 3.2')"]
pattern = 'version 3\\.\\d'
""",
        encoding="utf-8",
    )
    cfg = tmp_path / "company.toml"
    cfg.write_text(f"[checks]\nfolders = [{toml_str(str(folder))}]\nautoload_plugins = false\n", encoding="utf-8")
    env = {**os.environ, "SELFCHECK_HOME": str(tmp_path / "home")}
    reasons = {"en": "the command's output could not be checked", "fr": "ce qu’a affiché la commande n’a pas pu être vérifié"}
    procs = {  # the English and the French scans at the same time: each waits for the check's deadline
        lang: subprocess.Popen(
            [sys.executable, "-m", "selfcheck", "scan", "--json", "--lang", lang, "--config", str(cfg), "--check", "app.agent-*"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        for lang in reasons
    }
    try:
        outputs = {lang: proc.communicate(timeout=25)[0] for lang, proc in procs.items()}  # the guard: it hung before
    finally:
        for proc in procs.values():
            if proc.poll() is None:
                proc.kill()
                proc.wait()
    for lang, reason in reasons.items():
        results = {r["id"]: r for r in json.loads(outputs[lang])["results"]}
        assert results["app.agent-banner"]["status"] == "fail"
        assert reason in results["app.agent-banner"]["summary"]
        assert results["app.agent-version"]["status"] == "pass"  # a pattern that matches still passes
    log = (tmp_path / "home" / "logs" / "selfcheck.log").read_text(encoding="utf-8")
    # the admin reads which pattern, and that the check's own time limit stopped it (not the scan's, not a crash)
    assert "app.agent-banner: its pattern '^(a+)+$' could not be matched against the output (it took too long)" in log


def test_escape_codes_in_a_command_s_output_reach_the_terminal_inert(tmp_path):
    """A message quoting {output} put the command's escape codes on the customer's terminal raw: ESC [2J cleared
    the screen, OSC 8 made a link to anywhere, OSC 0 retitled the window, the C1 byte CSI (\\x9b) began a sequence.
    `selfcheck scan` and `selfcheck list` now show them escaped; `scan --json` keeps them, as valid JSON escapes."""
    py = toml_str(sys.executable)
    hostile = "\x1b[2J\x1b]8;;https://evil.example/\x07click here\x1b]8;;\x07 \x9b31m \x1b[0m\x1b]0;PWNED\x07"
    folder = tmp_path / "company"
    folder.mkdir()
    (folder / "agent.toml").write_text(
        f"""
[[check]]
id = "app.agent-banner"
kind = "command"
title = "ACME agent\\u001b]0;PWNED\\u0007"
command = [{py}, "-c", {toml_str(f"import sys; sys.stdout.write({hostile!a})")}]
pattern = "all good"
[check.messages]
fail = "The ACME agent says: {{output}}"
advice = ["Tell support: {{output}}"]
""",
        encoding="utf-8",
    )
    cfg = tmp_path / "company.toml"
    cfg.write_text(f"[checks]\nfolders = [{toml_str(str(folder))}]\nautoload_plugins = false\n", encoding="utf-8")
    env = {**os.environ, "SELFCHECK_HOME": str(tmp_path / "home"), "PYTHONIOENCODING": "utf-8"}
    selfcheck = [sys.executable, "-m", "selfcheck"]
    common = ["--lang", "en", "--config", str(cfg)]
    text = subprocess.run([*selfcheck, "scan", *common, "--check", "app.agent-*"], capture_output=True, timeout=30, env=env).stdout
    listed = subprocess.run([*selfcheck, "list", *common], capture_output=True, timeout=30, env=env).stdout
    for shown in (text.decode("utf-8"), listed.decode("utf-8")):
        assert "\x1b" not in shown and "\x07" not in shown and not any("\x80" <= ch <= "\x9f" for ch in shown)
        assert "ACME agent\\x1b]0;PWNED\\x07" in shown  # the customer still reads what it says
    assert "The ACME agent says: \\x1b[2J\\x1b]8;;https://evil.example/\\x07click here" in text.decode("utf-8")
    assert "Tell support: \\x1b[2J" in text.decode("utf-8")
    raw = subprocess.run([*selfcheck, "scan", "--json", *common, "--check", "app.agent-*"], capture_output=True, timeout=30, env=env).stdout
    assert b"\x1b" not in raw and b"\xc2\x9b" not in raw  # JSON writes them as \u escapes
    (result,) = json.loads(raw)["results"]
    assert result["summary"] == f"The ACME agent says: {hostile}"  # the same words, for a program reading it


def test_a_mistake_in_a_check_table_names_the_line_to_look_at(tmp_path):
    """An admin's typo (``max_age_hour``) or a value of the wrong type was reported with the file and the check but no
    line: in a file of several checks the admin had to hunt for it. The message names the line of the key at fault."""
    path = tmp_path / "clearline.toml"
    path.write_text(
        "# Clearline's checks\n"
        '[[check]]\nid = "app.clearline-box"\nkind = "tcp"\nhost = "127.0.0.1"\nport = 8080\n\n'
        '[[check]]\nid = "app.clearline-mail"\nkind = "path"\npath = "~/.clearline/mail.conf"\nmax_age_hour = 720\n\n'
        '[[check]]\nid = "app.clearline-tv"\nkind = "tcp"\nhost = "127.0.0.1"\nport = "eighty"\n',
        encoding="utf-8",
    )
    problems: list = []
    (box,) = load_file(path, problems)
    assert box.id == "app.clearline-box"
    assert [p.message for p in problems] == [
        "The check app.clearline-mail in clearline.toml, line 12, is not valid: unknown keys: max_age_hour.",
        "The check app.clearline-tv in clearline.toml, line 18, is not valid: port must be a whole number between 1 and 65535.",
    ]
    assert [p.source for p in problems] == [str(path)] * 2
