"""A message waiting for the internet goes by itself after the computer is switched off and on again.

Send rounds 76-85 (en, fr): "does it go by itself, or do I have to open the program? It says both", « Si j'éteins
l'ordinateur, est-ce que je dois rouvrir le programme moi-même ? Je ne saurais pas l'ouvrir. » While a message waits, an
at-login entry of the user's runs ``selfcheck outbox send-waiting``; it sends the message, says so on the screen, and
removes the entry. Only 127.0.0.1 is ever reached.
"""

from __future__ import annotations

import errno
import json
import os
import plistlib
import shlex
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from selfcheck.config import Config, from_dict
from selfcheck.upload import atlogin
from selfcheck.upload import send as upload_send
from selfcheck.upload.outbox import FAILED, QUEUED, Outbox
from sendkit import Relay, client_config, free_port, make_bundle, manifest_of, run_cli, write_toml


def autostart_file() -> Path:
    return Path(os.environ["XDG_CONFIG_HOME"]) / "autostart" / "selfcheck-outbox.desktop"


def desktop_values(path: Path) -> dict[str, str]:
    """The [Desktop Entry] group's keys, each value read back as a launcher reads a string (\\s, \\n, \\t, \\r, \\\\)."""
    values = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if "=" in line and not line.startswith(("#", "[")):
            key, raw = line.split("=", 1)
            out, i = [], 0
            while i < len(raw):
                if raw[i] == "\\" and i + 1 < len(raw):
                    out.append({"s": " ", "n": "\n", "t": "\t", "r": "\r", "\\": "\\"}.get(raw[i + 1], raw[i + 1]))
                    i += 2
                else:
                    out.append(raw[i])
                    i += 1
            values[key] = "".join(out)
    return values


def exec_argv(value: str) -> list[str]:
    """The Exec value as the spec reads it: %% is a %, then the quoted arguments (a shell's double quotes)."""
    return shlex.split(value.replace("%%", "%"))


def test_linux_the_autostart_file_is_the_owners_and_runs_the_sending(monkeypatch):
    odd = "/opt/My Apps/py\"th'on\\3 100%"  # a space, both quotes, a backslash and a percent sign in the program's path
    monkeypatch.setattr(sys, "executable", odd)
    portable = "/media/ann/Clé USB/100% selfcheck"  # non-ASCII and a percent sign in the portable folder too
    monkeypatch.setenv("SELFCHECK_HOME", portable)
    assert not atlogin.is_installed(system="linux")
    assert atlogin.install(system="linux") is True
    path = autostart_file()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    values = desktop_values(path)
    assert exec_argv(values["Exec"]) == [odd, "-m", "selfcheck", "outbox", "send-waiting", "--lang", "en", "--home", portable] == atlogin.command()
    assert values["Type"] == "Application" and values["NoDisplay"] == "true" and values["X-GNOME-Autostart-enabled"] == "true"
    assert atlogin.is_installed(system="linux")
    atlogin.uninstall(system="linux")
    assert not path.exists() and not atlogin.is_installed(system="linux")
    atlogin.uninstall(system="linux")  # nothing there: nothing to do, no error


def test_linux_once_the_program_is_uninstalled_the_session_skips_the_entry_left_behind(tmp_path, monkeypatch):
    """A package cannot reach its users' home folders, so uninstalling leaves the autostart file of a message still
    waiting: its TryExec names the program it runs, and a session skips an entry whose TryExec is not an executable
    file (Desktop Entry spec), instead of trying to start a program that is gone at every login."""
    program = tmp_path / "opt" / "acme support" / "selfcheck"
    program.parent.mkdir(parents=True)
    program.write_text("#!/bin/sh\n", encoding="utf-8")
    program.chmod(0o755)
    monkeypatch.setattr(sys, "executable", str(program))
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    assert atlogin.install(system="linux") is True
    values = desktop_values(autostart_file())

    def started_at_login() -> bool:
        return os.path.isabs(values["TryExec"]) and os.path.isfile(values["TryExec"]) and os.access(values["TryExec"], os.X_OK)

    assert exec_argv(values["Exec"])[0] == values["TryExec"] == str(program) and started_at_login()
    program.unlink()  # the package removed
    assert not started_at_login()


def test_macos_a_launch_agent_run_once_at_login(tmp_path, monkeypatch):
    monkeypatch.setattr(sys, "executable", "/Applications/ACME Support.app/Contents/MacOS/selfcheck")
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.delenv("SELFCHECK_HOME")  # installed, not portable
    assert atlogin.install(system="darwin", home=tmp_path) is True
    path = tmp_path / "Library" / "LaunchAgents" / "org.selfcheck.outbox.plist"
    agent = plistlib.loads(path.read_bytes())
    assert agent["Label"] == "org.selfcheck.outbox" and agent["RunAtLoad"] is True and "StartInterval" not in agent
    assert agent["ProgramArguments"] == ["/Applications/ACME Support.app/Contents/MacOS/selfcheck", "outbox", "send-waiting", "--lang", "en"]
    assert atlogin.is_installed(system="darwin", home=tmp_path)
    atlogin.uninstall(system="darwin", home=tmp_path)
    assert not path.exists() and not atlogin.is_installed(system="darwin", home=tmp_path)


class FakeWinreg:
    """winreg as atlogin uses it (the OS boundary; no Windows here): values kept per key path, calls recorded."""

    HKEY_CURRENT_USER = "HKCU"
    KEY_QUERY_VALUE, KEY_SET_VALUE, REG_SZ = 1, 2, 1

    def __init__(self) -> None:
        self.keys: dict[str, dict[str, object]] = {}
        self.calls: list[tuple[str, ...]] = []

    def _key(self, path):
        class Key:
            def __enter__(self):
                return path

            def __exit__(self, *exc):
                return False

        return Key()

    def CreateKeyEx(self, root, path, reserved=0, access=0):  # noqa: N802 - winreg's name
        assert root == "HKCU" and access & self.KEY_SET_VALUE
        self.keys.setdefault(path, {})
        return self._key(path)

    def OpenKey(self, root, path, reserved=0, access=0):  # noqa: N802
        assert root == "HKCU"
        if path not in self.keys:
            raise FileNotFoundError(2, "The system cannot find the file specified")
        return self._key(path)

    def QueryValueEx(self, key, name):  # noqa: N802
        if name not in self.keys[key]:
            raise FileNotFoundError(2, "The system cannot find the file specified")
        return self.keys[key][name], self.REG_SZ

    def SetValueEx(self, key, name, reserved, kind, value):  # noqa: N802
        assert kind == self.REG_SZ
        self.keys[key][name] = value
        self.calls.append(("SetValueEx", key, name, value))

    def DeleteValue(self, key, name):  # noqa: N802
        if name not in self.keys[key]:
            raise FileNotFoundError(2, "The system cannot find the file specified")
        del self.keys[key][name]
        self.calls.append(("DeleteValue", key, name))


def test_windows_a_run_value_of_the_users_own_quoted_for_create_process(monkeypatch):
    monkeypatch.setattr(sys, "executable", r"C:\Users\Ann Martin\AppData\Local\Programs\ACME\selfcheck.exe")
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.delenv("SELFCHECK_HOME")  # installed, not portable
    registry = FakeWinreg()
    assert not atlogin.is_installed(system="win32", registry=registry)
    assert atlogin.install(system="win32", registry=registry) is True
    run = r"Software\Microsoft\Windows\CurrentVersion\Run"
    assert registry.calls == [
        ("SetValueEx", run, "selfcheck outbox", r'"C:\Users\Ann Martin\AppData\Local\Programs\ACME\selfcheck.exe" outbox send-waiting --lang en')
    ]
    assert atlogin.is_installed(system="win32", registry=registry)
    atlogin.uninstall(system="win32", registry=registry)
    assert registry.calls[-1] == ("DeleteValue", run, "selfcheck outbox") and not atlogin.is_installed(system="win32", registry=registry)
    atlogin.uninstall(system="win32", registry=registry)  # gone already: no error
    assert len(registry.calls) == 2


class FakeSchtasks:
    """schtasks as recorded: the task definitions it was given (read while the file is there) and the tasks it holds;
    ``refusal``: what it answers /Create with instead (exit 1)."""

    def __init__(self, refusal: str = "") -> None:
        self.refusal, self.tasks, self.definitions = refusal, set(), []

    def __call__(self, args, **kw):
        name = args[args.index("/TN") + 1]
        if args[1] == "/Create":
            if self.refusal:
                return subprocess.CompletedProcess(args, 1, "", self.refusal)
            self.definitions.append(Path(args[args.index("/XML") + 1]).read_text(encoding="utf-16"))
            self.tasks.add(name)
        elif args[1] == "/Delete":
            self.tasks.discard(name)
        elif name not in self.tasks:  # /Query
            return subprocess.CompletedProcess(args, 1, "", "ERROR: The system cannot find the file specified.")
        return subprocess.CompletedProcess(args, 0, "SUCCESS", "")


#: where a portable copy may be, and what the at-login entry must then be: a Run value (260 characters at most, Microsoft's
#: "Run and RunOnce Registry Keys") while the command fits, else the person's own task at logon
PORTABLE_COPIES = {
    "near the top": (r"E:\selfcheck", "run value"),
    "deep in folders, with an admin's file": (
        r"E:\Support tools\For the whole office 2026\Copies handed out at the front desk\selfcheck portable",
        "logon task",
    ),
}


@pytest.mark.parametrize("where", PORTABLE_COPIES)
def test_windows_a_command_too_long_for_a_run_value_is_a_task_at_logon_of_the_persons_own(where, monkeypatch, tmp_path):
    """A Run value holds at most 260 characters: with --home and --config, a portable copy deep in folders made a longer
    one, which Windows would not start, while the window promised the message would go after a restart. Now such a command
    is a scheduled task started when this person logs in, with the same program and arguments."""
    import xml.etree.ElementTree as ET

    folder, expected = PORTABLE_COPIES[where]
    monkeypatch.setattr(sys, "executable", folder + r"\selfcheck.exe")
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setenv("SELFCHECK_HOME", folder)
    monkeypatch.setenv("USERDOMAIN", "OFFICE")
    monkeypatch.setenv("USERNAME", "ann")
    admins = folder + r"\settings\the company's support settings for this office.toml"
    monkeypatch.setattr(
        atlogin, "command", lambda config=None: [sys.executable, "outbox", "send-waiting", "--lang", "en", "--home", folder, "--config", admins]
    )
    registry, schtasks = FakeWinreg(), FakeSchtasks()
    argv = atlogin.command()
    assert atlogin.install(system="win32", registry=registry, runner=schtasks) is True
    assert atlogin.is_installed(system="win32", registry=registry, runner=schtasks)
    run = registry.keys.get(r"Software\Microsoft\Windows\CurrentVersion\Run", {})
    if expected == "run value":
        assert run == {"selfcheck outbox": atlogin.run_value(argv)} and schtasks.definitions == []
    else:
        assert len(atlogin.run_value(argv)) > 260 and run == {}
        (definition,) = schtasks.definitions
        ns = {"t": "http://schemas.microsoft.com/windows/2004/02/mit/task"}
        task = ET.fromstring(definition.encode("utf-16"))
        assert task.find("t:Triggers/t:LogonTrigger/t:UserId", ns).text == r"OFFICE\ann"
        assert task.find("t:Actions/t:Exec/t:Command", ns).text == argv[0]
        assert task.find("t:Actions/t:Exec/t:Arguments", ns).text == subprocess.list2cmdline(argv[1:])
    atlogin.uninstall(system="win32", registry=registry, runner=schtasks)
    assert not atlogin.is_installed(system="win32", registry=registry, runner=schtasks)


def test_windows_when_the_task_at_logon_is_refused_nothing_promises_a_sending_after_a_restart(monkeypatch, tmp_path):
    """schtasks refuses the task (a policy): the entry is not there, install says so (False, the screen then promises no
    sending after a restart: its words are those for a message the program sends when it is open), no traceback."""
    folder = "E:\\" + "\\".join(["a folder with a long name"] * 12)
    monkeypatch.setattr(atlogin, "command", lambda config=None: [folder + r"\selfcheck.exe", "outbox", "send-waiting", "--home", folder])
    registry, schtasks = FakeWinreg(), FakeSchtasks(refusal="ERROR: Access is denied.")
    assert atlogin.install(system="win32", registry=registry, runner=schtasks) is False
    assert not atlogin.is_installed(system="win32", registry=registry, runner=schtasks)


def fake_notify_send(tmp_path: Path, monkeypatch) -> Path:
    """A notify-send on PATH that writes down what it was asked to show (the desktop's notifications, here)."""
    folder = tmp_path / "bin"
    folder.mkdir()
    shown = tmp_path / "shown.json"
    script = folder / "notify-send"
    script.write_text(f"#!{sys.executable}\nimport json, sys\nopen({str(shown)!r}, 'a').write(json.dumps(sys.argv[1:]) + '\\n')\n", encoding="utf-8")
    script.chmod(0o755)
    monkeypatch.setenv("PATH", f"{folder}{os.pathsep}{os.environ['PATH']}")
    return shown


def outbox_states(home: Path) -> dict[str, dict]:
    folder = home / "data" / "outbox"
    return {p.name: json.loads((p / "state.json").read_text()) for p in folder.iterdir() if (p / "state.json").exists()} if folder.is_dir() else {}


def test_queued_while_offline_it_goes_by_itself_at_the_next_login_and_says_so(tmp_path, monkeypatch):
    shown = fake_notify_send(tmp_path, monkeypatch)
    relay = Relay(tmp_path / "relay", port=free_port())  # not started: the connection is refused
    bundle = make_bundle(tmp_path / "b.zip")
    m = manifest_of(bundle)
    cfg = client_config(tmp_path / "c.toml", relay.url)
    home = tmp_path / "home"
    down = run_cli("send", str(bundle), "--config", str(cfg), home=home)
    assert down.returncode == 4, down.stdout + down.stderr
    assert outbox_states(home)[m["bundle_id"]]["status"] == "queued"
    assert exec_argv(desktop_values(autostart_file())["Exec"])[-8:] == [
        "outbox",
        "send-waiting",
        "--lang",
        "en",
        "--home",
        str(home),
        "--config",
        str(cfg),
    ]  # added when queued
    relay.start()
    try:
        proc = run_cli("outbox", "send-waiting", "--config", str(cfg), home=home)  # what the entry runs at login
        assert proc.returncode == 0, proc.stdout + proc.stderr
        assert (relay.workdir / "bundles" / f"{m['bundle_id']}.zip").read_bytes() == bundle.read_bytes()
    finally:
        relay.stop()
    assert outbox_states(home) == {}
    notes = [json.loads(line) for line in shown.read_text().splitlines()]
    assert len(notes) == 1
    args = notes[0]
    title, body = args[args.index("--") + 1 :]
    assert title == "Your message to support has been sent." and body == f"Your message number: {m['reference']}."  # no "To stop these…"
    assert "--app-name=selfcheck" in args
    assert not autostart_file().exists()  # nothing waits any more: the entry removed itself


def test_a_refused_message_is_never_sent_by_the_login_sending(tmp_path, monkeypatch):
    shown = fake_notify_send(tmp_path, monkeypatch)
    relay = Relay(tmp_path / "relay").start()
    try:
        cfg = client_config(tmp_path / "c.toml", relay.url)
        home = tmp_path / "home"
        refused = Outbox(home / "data" / "outbox").add(make_bundle(tmp_path / "b.zip"), {"kind": "intake", "url": relay.url})
        refused.status = FAILED
        Outbox(home / "data" / "outbox").save(refused)
        atlogin.install()  # left from when it was queued
        proc = run_cli("outbox", "send-waiting", "--config", str(cfg), home=home)
        assert proc.returncode == 0, proc.stdout + proc.stderr
        assert not (relay.workdir / "bundles" / f"{refused.bundle_id}.zip").exists()
    finally:
        relay.stop()
    assert outbox_states(home)[refused.bundle_id]["status"] == "failed"  # kept for the person to send again
    assert not shown.exists()
    assert not atlogin.is_installed()  # nothing waits (a refused one is sent only when the person asks)


def test_with_no_internet_it_tries_the_configured_times_then_stops_quietly(tmp_path):
    port = free_port()  # nothing listens: refused
    cfg = write_toml(
        tmp_path / "c.toml",
        {
            "support": {
                "kind": "intake",
                "url": f"http://127.0.0.1:{port}",
                "retry_now": 0,
                "connect_timeout": 2,
                "send_waiting_every_seconds": 0.05,
                "send_waiting_for_minutes": 0.002,
            }
        },
    )
    home = tmp_path / "home"
    entry = Outbox(home / "data" / "outbox").add(make_bundle(tmp_path / "b.zip"), {"kind": "intake", "url": f"http://127.0.0.1:{port}"})
    proc = run_cli("outbox", "send-waiting", "--config", str(cfg), home=home)
    assert proc.returncode == 4  # still waiting
    assert "Traceback" not in proc.stdout + proc.stderr and proc.stderr == ""
    state = outbox_states(home)[entry.bundle_id]
    assert state["status"] == "queued" and state["attempts"] == 3  # 0.12 s of tries every 0.05 s: the first, then two more
    assert atlogin.is_installed()  # it tries again at the next login


def loopback_config(**support: object) -> Config:
    return from_dict({"support": {"kind": "intake", "url": "http://127.0.0.1:9", "retry_now": 0, **support}})


def test_the_tries_follow_the_config_and_stop_when_it_has_gone(tmp_path, monkeypatch):
    outbox = Outbox()
    entry = outbox.add(make_bundle(tmp_path / "b.zip"), {"kind": "intake", "url": "http://127.0.0.1:9"})
    tries: list[str] = []

    def offline_three_times(e, config, progress, cancel):
        tries.append(e.bundle_id)
        if len(tries) <= 3:
            raise upload_send.AttemptError("offline")
        return upload_send.Delivered(reference=e.reference, ticket="48213", pending=False)

    monkeypatch.setattr(upload_send, "_attempt", offline_three_times)
    slept: list[float] = []
    told: list[str] = []
    done = upload_send.send_waiting(
        loopback_config(send_waiting_every_seconds=60, send_waiting_for_minutes=30), on_sent=lambda o: told.append(o.reference), sleep=slept.append
    )
    assert slept == [60.0, 60.0, 60.0] and tries == [entry.bundle_id] * 4  # a minute apart, and no more once it has gone
    assert [o.reference for o in done] == told == [entry.reference]
    assert not any(outbox.entries())


def test_it_gives_up_after_the_configured_time(tmp_path, monkeypatch):
    Outbox().add(make_bundle(tmp_path / "b.zip"), {"kind": "intake", "url": "http://127.0.0.1:9"})

    def offline(e, config, progress, cancel):
        raise upload_send.AttemptError("offline")

    monkeypatch.setattr(upload_send, "_attempt", offline)
    slept: list[float] = []
    assert upload_send.send_waiting(loopback_config(send_waiting_every_seconds=60, send_waiting_for_minutes=3), sleep=slept.append) == []
    assert slept == [60.0] * 3  # four tries in three minutes, then it stops
    assert [e.status for e in Outbox().entries()] == [QUEUED]


def test_one_message_is_never_sent_twice_by_the_window_and_the_login_sending(tmp_path, monkeypatch):
    """The other sender (the window's timer) holds the message, or refused it a moment after it was listed here."""
    outbox = Outbox()
    held = outbox.add(make_bundle(tmp_path / "held.zip"), {"kind": "intake", "url": "http://127.0.0.1:9"})
    listed = outbox.add(make_bundle(tmp_path / "listed.zip"), {"kind": "intake", "url": "http://127.0.0.1:9"})
    assert outbox.lock(held)  # being sent by the window right now
    sent: list[str] = []
    monkeypatch.setattr(
        upload_send, "_attempt", lambda e, *a: sent.append(e.bundle_id) or upload_send.Delivered(reference=e.reference, ticket=None, pending=True)
    )
    claim = Outbox.lock

    def refused_meanwhile(self, entry):
        if entry.bundle_id == listed.bundle_id:  # the window was refused it between the listing and the claim
            now = Outbox().get(entry.bundle_id)
            assert now is not None
            now.status = FAILED
            Outbox().save(now)
        return claim(self, entry)

    monkeypatch.setattr(Outbox, "lock", refused_meanwhile)
    upload_send.send_waiting(loopback_config(send_waiting_every_seconds=0, send_waiting_for_minutes=0))
    assert sent == []
    assert {e.bundle_id: e.status for e in outbox.entries()} == {held.bundle_id: QUEUED, listed.bundle_id: FAILED}


@pytest.mark.parametrize("enabled", [True, False])
def test_the_entry_is_added_when_a_message_is_queued_unless_the_config_says_not(tmp_path, monkeypatch, enabled):
    monkeypatch.setattr(upload_send, "_attempt", lambda *a: (_ for _ in ()).throw(upload_send.AttemptError("offline")))
    outcome = upload_send.send_bundle(make_bundle(tmp_path / "b.zip"), loopback_config(send_at_login=enabled))
    assert outcome.status == "queued" and outcome.at_login is enabled and atlogin.is_installed() is enabled


def test_the_login_sending_finds_a_portable_copys_message_and_speaks_the_language_it_was_queued_in(tmp_path, monkeypatch):
    """Portable use (SELFCHECK_HOME) and French picked in the window: the login starts the entry with neither setting
    (a fresh session, another working folder), and the message still goes, its notification in French."""
    shown = fake_notify_send(tmp_path, monkeypatch)
    relay = Relay(tmp_path / "relay", port=free_port())  # not started yet: no internet when it is queued
    portable = Path(os.path.relpath(tmp_path / "usb stick" / "selfcheck", Path.cwd()))  # as typed: relative
    monkeypatch.setenv("SELFCHECK_HOME", str(portable))
    from selfcheck import i18n

    i18n.set_language("fr")  # picked in the window (its own setting, not the config)
    bundle = make_bundle(tmp_path / "b.zip")
    outcome = upload_send.send_bundle(bundle, from_dict({"support": {"kind": "intake", "url": relay.url, "retry_now": 0, "connect_timeout": 2}}))
    i18n.set_language("en")
    assert outcome.status == "queued" and outcome.at_login
    argv = exec_argv(desktop_values(autostart_file())["Exec"])
    session = tmp_path / "session"  # the login's own: its home, no SELFCHECK_HOME, another working folder
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SELFCHECK_HOME", "LANG", "LC_"))}
    env.update(HOME=str(session), XDG_DATA_HOME=str(session / "data"), XDG_STATE_HOME=str(session / "state"), XDG_CACHE_HOME=str(session / "cache"))
    session.mkdir()
    relay.start()
    try:
        import subprocess

        proc = subprocess.run(argv, cwd=session, env=env, capture_output=True, text=True, timeout=60)
        assert proc.returncode == 0, proc.stdout + proc.stderr
        assert (relay.workdir / "bundles" / f"{outcome.bundle_id}.zip").read_bytes() == bundle.read_bytes()
    finally:
        relay.stop()
    assert not (session / "data" / "selfcheck").exists()  # it looked in the portable folder, not the usual one
    args = json.loads(shown.read_text().splitlines()[0])
    assert args[args.index("--") + 1 :] == ["Votre message à l’assistance a été envoyé.", f"Votre numéro de dossier\u00a0: {outcome.reference}."]
    assert not autostart_file().exists()


@pytest.mark.parametrize("given_by", ["--config", "SELFCHECK_CONFIG"])
def test_the_login_sending_goes_where_the_window_would_send_with_the_configuration_it_was_started_with(tmp_path, monkeypatch, given_by):
    """The window started with an admin's file (``--config``, or ``$SELFCHECK_CONFIG``) naming the company's relay over
    the machine-wide one: the login, started with neither, still sends there, and names the product as the window does."""
    import subprocess

    shown = fake_notify_send(tmp_path, monkeypatch)
    relay = Relay(tmp_path / "relay", port=free_port())  # not started yet: no internet when it is queued
    home = tmp_path / "home"
    (home / "system").mkdir(parents=True)  # the machine-wide file: another address, where nothing may arrive
    elsewhere = {"url": f"http://127.0.0.1:{free_port()}", "send_waiting_every_seconds": 0.05, "send_waiting_for_minutes": 0.002}
    write_toml(home / "system" / "config.toml", {"support": elsewhere})
    admin = Path(os.path.relpath(tmp_path / "admin.toml", Path.cwd()))  # as typed: relative
    write_toml(admin, {"support": {"url": relay.url, "retry_now": 0, "connect_timeout": 2}, "branding": {"product_name": "ACME Help"}})
    bundle = make_bundle(tmp_path / "b.zip")
    env = {**os.environ, "SELFCHECK_HOME": str(home), "SELFCHECK_DISABLE_PLUGIN_AUTOLOAD": "1", "LANG": "C.UTF-8"}
    args = ["send", str(bundle), "--config", str(admin)] if given_by == "--config" else ["send", str(bundle)]
    if given_by == "SELFCHECK_CONFIG":
        env["SELFCHECK_CONFIG"] = str(admin)
    down = subprocess.run([sys.executable, "-m", "selfcheck", *args], capture_output=True, text=True, timeout=60, env=env)
    assert down.returncode == 4, down.stdout + down.stderr
    argv = exec_argv(desktop_values(autostart_file())["Exec"])
    session = tmp_path / "session"  # the login's own: no SELFCHECK_CONFIG, no SELFCHECK_HOME, another working folder
    session.mkdir()
    login = {k: v for k, v in os.environ.items() if k not in ("SELFCHECK_CONFIG", "SELFCHECK_HOME")}
    relay.start()
    try:
        proc = subprocess.run(argv, cwd=session, env=login, capture_output=True, text=True, timeout=60)
        assert proc.returncode == 0, proc.stdout + proc.stderr
        assert (relay.workdir / "bundles" / f"{manifest_of(bundle)['bundle_id']}.zip").read_bytes() == bundle.read_bytes()
    finally:
        relay.stop()
    assert "--app-name=ACME Help" in json.loads(shown.read_text().splitlines()[0])
    assert not autostart_file().exists()


def test_when_the_configuration_file_it_was_given_is_gone_the_login_sends_nothing_elsewhere_and_says_it_still_waits(tmp_path, monkeypatch):
    """The admin's file the entry names is moved or deleted (or a network folder is not there yet at login): the message
    is not sent where the machine-wide file says, the entry keeps naming the admin's file (not rewritten without it), the
    person reads that the message still waits and how to send it, with no traceback; once the file is back, it goes."""
    import subprocess

    shown = fake_notify_send(tmp_path, monkeypatch)
    home = tmp_path / "home"
    (home / "system").mkdir(parents=True)
    elsewhere = Relay(tmp_path / "elsewhere").start()  # the machine-wide address: nothing may arrive there
    relay = Relay(tmp_path / "relay", port=free_port())  # the admin's: not started yet, no internet when it is queued
    try:
        write_toml(home / "system" / "config.toml", {"support": {"url": elsewhere.url, "retry_now": 0, "send_waiting_for_minutes": 0}})
        admin = tmp_path / "IT dept" / "réglages 100%.toml"
        admin.parent.mkdir()
        write_toml(admin, {"support": {"url": relay.url, "retry_now": 0, "connect_timeout": 2, "send_waiting_for_minutes": 0}})
        bundle = make_bundle(tmp_path / "b.zip")
        assert run_cli("send", str(bundle), "--config", str(admin), home=home).returncode == 4
        argv = exec_argv(desktop_values(autostart_file())["Exec"])
        moved = admin.rename(tmp_path / "moved.toml")
        login = {k: v for k, v in os.environ.items() if k not in ("SELFCHECK_CONFIG", "SELFCHECK_HOME")} | {"LANG": "C.UTF-8"}
        proc = subprocess.run(argv, env=login, capture_output=True, text=True, timeout=60)
        assert proc.returncode == 1 and "Traceback" not in proc.stdout + proc.stderr
        assert not (elsewhere.workdir / "bundles").exists() or not any((elsewhere.workdir / "bundles").iterdir())
        assert outbox_states(home)[manifest_of(bundle)["bundle_id"]]["status"] == "queued"  # still waits
        assert exec_argv(desktop_values(autostart_file())["Exec"]) == argv  # still names the admin's file
        args = json.loads(shown.read_text().splitlines()[0])
        assert args[args.index("--") + 1 :] == ["Your message to support has not been sent yet.", "It still waits on this computer. Open selfcheck to send it."]
        moved.rename(admin)  # back: the next login sends it where the admin said
        relay.start()
        assert subprocess.run(argv, env=login, capture_output=True, text=True, timeout=60).returncode == 0
        assert (relay.workdir / "bundles" / f"{manifest_of(bundle)['bundle_id']}.zip").read_bytes() == bundle.read_bytes()
    finally:
        relay.stop()
        elsewhere.stop()
    assert not autostart_file().exists()


#: a message's record as a switched-off computer or a damaged disk leaves it: cut short; valid JSON without where the
#: message goes nor whether it was refused (before, taken as a waiting message and sent wherever the settings said)
DAMAGED_RECORDS = {
    "cut short": lambda bundle_id: '{"bundle_id": "' + bundle_id[:5],
    "without its fields": lambda bundle_id: json.dumps({"bundle_id": bundle_id, "attempts": 1}),
}


@pytest.mark.parametrize("record", DAMAGED_RECORDS)
def test_a_damaged_message_is_never_sent_at_login_nor_keeps_the_at_login_sending_and_is_listed_plainly(tmp_path, monkeypatch, record):
    """One message's record cut short or emptied of its fields (switched off while it was written): the other waiting one
    still goes, the damaged one is not sent blindly (it may have been refused, or meant for elsewhere), nothing is left
    to start at every login, and "outbox list" says what it is and what to do, in the person's language."""
    shown = fake_notify_send(tmp_path, monkeypatch)
    relay = Relay(tmp_path / "relay").start()
    try:
        cfg = client_config(tmp_path / "c.toml", relay.url)
        home = tmp_path / "home"
        outbox = Outbox(home / "data" / "outbox")
        damaged = outbox.add(make_bundle(tmp_path / "damaged.zip"), {"kind": "intake", "url": relay.url})
        (damaged.folder / "state.json").write_text(DAMAGED_RECORDS[record](damaged.bundle_id), encoding="utf-8")
        waiting = outbox.add(make_bundle(tmp_path / "waiting.zip"), {"kind": "intake", "url": relay.url})
        atlogin.install()  # left from when they were queued
        proc = run_cli("outbox", "send-waiting", "--config", str(cfg), home=home)
        assert proc.returncode == 0, proc.stdout + proc.stderr
        assert (relay.workdir / "bundles" / f"{waiting.bundle_id}.zip").exists()
        assert not (relay.workdir / "bundles" / f"{damaged.bundle_id}.zip").exists()
    finally:
        relay.stop()
    assert len(shown.read_text().splitlines()) == 1
    assert not atlogin.is_installed()
    assert [e.bundle_id for e in outbox.entries()] == [damaged.bundle_id]  # kept: the person decides
    listed = run_cli("outbox", "list", "--config", str(cfg), home=home)
    assert listed.returncode == 0 and "Traceback" not in listed.stdout + listed.stderr
    (line,) = [x for x in listed.stdout.splitlines() if damaged.reference in x]
    assert "damaged" in line and "not sent by itself" in line and f"outbox remove {damaged.reference}" in line
    french = run_cli("outbox", "list", "--lang", "fr", "--config", str(cfg), home=home).stdout
    (line,) = [x for x in french.splitlines() if damaged.reference in x]
    assert "abîmé" in line and "damaged" not in line


def _crash_between_the_renames(outbox: Outbox, bundle: Path, destination: dict, monkeypatch) -> None:
    """Outbox.add stopped after bundle.zip was moved into place, before state.json was (the computer switched off)."""
    real = os.replace

    def replace(source, target):  # type: ignore[no-untyped-def]
        if Path(target).name == "state.json":
            raise OSError(errno.EIO, "switched off")
        return real(source, target)

    with monkeypatch.context() as m:
        m.setattr(os, "replace", replace)
        with pytest.raises(OSError):
            outbox.add(bundle, destination)


def test_a_message_half_written_when_the_computer_stopped_is_listed_never_sent_at_login_and_one_without_its_bundle_can_be_removed(tmp_path, monkeypatch):
    """A crash between Outbox.add's two renames left a folder with only bundle.zip: before, it was listed nowhere, never
    sent and never cleaned up. Now it is a damaged message (listed, not sent blindly, no at-login entry kept for it); a
    folder whose state.json is there but whose bundle.zip is gone is listed as such and "outbox remove" removes it."""
    shown = fake_notify_send(tmp_path, monkeypatch)
    relay = Relay(tmp_path / "relay").start()
    try:
        cfg = client_config(tmp_path / "c.toml", relay.url)
        home = tmp_path / "home"
        outbox = Outbox(home / "data" / "outbox")
        half_bundle = make_bundle(tmp_path / "half.zip")
        half = manifest_of(half_bundle)
        _crash_between_the_renames(outbox, half_bundle, {"kind": "intake", "url": relay.url}, monkeypatch)
        assert (outbox.root / half["bundle_id"] / "bundle.zip").is_file() and not (outbox.root / half["bundle_id"] / "state.json").exists()
        lost = outbox.add(make_bundle(tmp_path / "lost.zip"), {"kind": "intake", "url": relay.url})
        lost.bundle_path.unlink()
        waiting = outbox.add(make_bundle(tmp_path / "waiting.zip"), {"kind": "intake", "url": relay.url})
        atlogin.install()  # left from when they were queued
        proc = run_cli("outbox", "send-waiting", "--config", str(cfg), home=home)
        assert proc.returncode == 0, proc.stdout + proc.stderr
        assert (relay.workdir / "bundles" / f"{waiting.bundle_id}.zip").exists()
        assert not (relay.workdir / "bundles" / f"{half['bundle_id']}.zip").exists()
    finally:
        relay.stop()
    assert len(shown.read_text().splitlines()) == 1
    assert not atlogin.is_installed()
    assert sorted(e.bundle_id for e in outbox.entries()) == sorted([half["bundle_id"], lost.bundle_id])  # kept: the person decides
    listed = run_cli("outbox", "list", "--config", str(cfg), home=home)
    assert listed.returncode == 0 and "Traceback" not in listed.stdout + listed.stderr
    (line,) = [x for x in listed.stdout.splitlines() if half["reference"] in x]
    assert "damaged" in line and "not sent by itself" in line and f"outbox remove {half['reference']}" in line
    (line,) = [x for x in listed.stdout.splitlines() if lost.reference in x]
    assert "no longer on this computer" in line and f"outbox remove {lost.reference}" in line and "retry" not in line
    french = run_cli("outbox", "list", "--lang", "fr", "--config", str(cfg), home=home).stdout
    (line,) = [x for x in french.splitlines() if half["reference"] in x]
    assert "abîmé" in line and "damaged" not in line
    (line,) = [x for x in french.splitlines() if lost.reference in x]
    assert "n’est plus sur cet ordinateur" in line and "no longer" not in line
    retried = run_cli("outbox", "retry", lost.reference, "--config", str(cfg), home=home)
    assert retried.returncode == 1 and "Traceback" not in retried.stdout + retried.stderr
    assert "no longer on this computer" in retried.stdout + retried.stderr
    removed = run_cli("outbox", "remove", lost.reference, "--config", str(cfg), home=home)
    assert removed.returncode == 0, removed.stdout + removed.stderr
    assert [e.bundle_id for e in outbox.entries()] == [half["bundle_id"]]
    assert not (outbox.root / lost.bundle_id).exists()


def test_removing_the_last_waiting_message_by_hand_removes_the_at_login_sending(tmp_path):
    """`outbox remove`: nothing waits any more, so nothing is left to start at the next login."""
    relay = Relay(tmp_path / "relay", port=free_port())  # never started: queued
    cfg = client_config(tmp_path / "c.toml", relay.url)
    home = tmp_path / "home"
    first, second = (manifest_of(make_bundle(tmp_path / f"{n}.zip")) for n in ("one", "two"))
    for n in ("one", "two"):
        assert run_cli("send", str(tmp_path / f"{n}.zip"), "--config", str(cfg), home=home).returncode == 4
    assert autostart_file().exists()
    assert run_cli("outbox", "remove", first["reference"], "--config", str(cfg), home=home).returncode == 0
    assert autostart_file().exists()  # the other one still waits
    assert run_cli("outbox", "remove", second["reference"], "--config", str(cfg), home=home).returncode == 0
    assert outbox_states(home) == {} and not autostart_file().exists()


def test_stopping_the_sending_again_of_the_last_waiting_message_removes_the_at_login_sending(tmp_path, monkeypatch):
    """Sent again from the window and stopped by the person: it will not go later by itself, at login neither."""
    bundle = make_bundle(tmp_path / "b.zip")
    monkeypatch.setattr(upload_send, "_attempt", lambda *a: (_ for _ in ()).throw(upload_send.AttemptError("offline")))
    assert upload_send.send_bundle(bundle, loopback_config()).status == "queued" and atlogin.is_installed()
    monkeypatch.setattr(upload_send, "_attempt", lambda *a: (_ for _ in ()).throw(upload_send.Cancelled()))
    outcome = upload_send.send_bundle(bundle, loopback_config())
    assert outcome.cancelled and not any(Outbox().entries())
    assert not atlogin.is_installed()


def test_windows_a_portable_copy_moved_near_the_top_leaves_no_task_sending_from_its_old_folder(monkeypatch, tmp_path):
    """A copy deep in folders had its at-login sending as a task at logon; moved near the top, its command fits a Run
    value again. The old task stayed beside the new Run value: at the next login both started, one from the folder the
    copy left (with that folder's messages and settings), and "uninstall" of the entry was needed twice over."""
    deep, near = PORTABLE_COPIES["deep in folders, with an admin's file"][0], PORTABLE_COPIES["near the top"][0]
    registry, schtasks = FakeWinreg(), FakeSchtasks()
    for folder in (deep, near):
        admins = folder + r"\settings\the company's support settings for this office.toml"
        argv = [folder + r"\selfcheck.exe", "outbox", "send-waiting", "--lang", "en", "--home", folder, "--config", admins]
        monkeypatch.setattr(atlogin, "command", lambda config=None, argv=argv: argv)
        assert atlogin.install(system="win32", registry=registry, runner=schtasks) is True
    assert schtasks.tasks == set()
    assert registry.keys[r"Software\Microsoft\Windows\CurrentVersion\Run"] == {"selfcheck outbox": atlogin.run_value(argv)}
