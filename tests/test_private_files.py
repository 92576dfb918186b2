"""Every file selfcheck leaves on the customer's computer is readable by its owner only (issue 12 item 6).

History and recordings hold raw facts, the outbox the customer's description, e-mail and name,
the mapping files the real names behind the pseudonyms. After a scan, a bundle, a send that
queues, a recording and a look at the history, every folder is 0700 and every file 0600.
"""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from sendkit import client_config, free_port, make_bundle, run_cli

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX modes; on Windows the profile's ACL applies (see selfcheck.paths)")


def modes(home: Path, skip: set[Path]) -> dict[str, str]:
    found = {}
    for path in sorted(home.rglob("*")):
        if path in skip or any(s in path.parents for s in skip):
            continue
        found[str(path.relative_to(home)) + ("/" if path.is_dir() else "")] = oct(stat.S_IMODE(path.lstat().st_mode))
    return found


def test_scan_bundle_send_record_history_leave_only_owner_only_files(tmp_path, selfcheck_home):
    before = os.umask(0o022)  # the usual default: files 644, folders 755
    try:
        home = tmp_path / "home"
        (home / "system").mkdir(parents=True)
        (home / "system" / "config.toml").write_text((selfcheck_home / "system" / "config.toml").read_text(), encoding="utf-8")  # the network guard
        # what an older selfcheck left behind, readable by everyone
        (home / "data").mkdir()
        old = home / "data" / "history-old.json"
        old.write_text("{}", encoding="utf-8")
        os.chmod(old, 0o644)
        cfg = client_config(tmp_path / "client.toml", f"http://127.0.0.1:{free_port()}/")  # nobody listens: the send is queued
        steps = [
            ("scan", "--category", "os"),
            ("bundle", "--description", "my password is --password=Hunter2"),
            ("record", "--seconds", "1"),
            ("history",),
        ]
        for args in steps:
            proc = run_cli(*args, home=home, timeout=120)
            assert proc.returncode in (0, 1, 2), (args, proc.stderr)
        bundles = sorted((home / "data" / "bundles").glob("*.zip"))
        assert bundles, "the bundle was not saved in the data folder"
        sent = run_cli("send", str(bundles[0]), "--config", str(cfg), "--email", "ann@example.org", "--name", "Ann", "--description", "Wi-Fi", home=home)
        assert sent.returncode == 4, sent.stderr  # queued in the outbox
        found = modes(home, {home / "system"})
        kinds = "\n".join(found)
        for expected in ("history.sqlite3", "recordings/", "outbox/", "state.json", ".mapping.json", "bundles/", "selfcheck.log"):
            assert expected in kinds, f"{expected} was not made, so its mode proves nothing:\n{kinds}"
        loose = {name: mode for name, mode in found.items() if mode != ("0o700" if name.endswith("/") else "0o600")}
        assert not loose, f"readable by other local users: {loose}"
    finally:
        os.umask(before)


def test_library_use_without_the_cli_still_writes_owner_only(tmp_path, monkeypatch, selfcheck_home):
    """A front end that imports the core (the GUI's workers, a company's script) gets the same modes."""
    from selfcheck.history.record import Recording, save
    from selfcheck.history.store import History

    before = os.umask(0o022)
    try:
        history = History()
        history.close()
        path = save(Recording(started_at=1_700_000_000.0, interval=1.0))
    finally:
        os.umask(before)
    for item in (selfcheck_home / "data", selfcheck_home / "data" / "history.sqlite3", path.parent, path):
        mode = stat.S_IMODE(item.stat().st_mode)
        assert mode & 0o077 == 0, f"{item} is {oct(mode)}"


# What each writer of a private file writes, run twice (``NAME`` "first", then "second" over what the first left).
WRITERS = {
    "record of sends": "from selfcheck.upload import sent\nsent.record(NAME, 'REF-' + NAME, '1000', None)",
    "outbox entry": (
        "from selfcheck.upload.outbox import Outbox\n"
        "entry = Outbox().add(BUNDLE, {'kind': 'relay', 'url': 'http://127.0.0.1:9/'}, email='ann@example.org', description=NAME)\n"
        "entry.attempts += 1\n"
        "Outbox().save(entry)"
    ),
    "crashed checks": (
        "from selfcheck import crashwatch\n"
        "crashwatch.watch.begin()\n"
        "crashwatch.watch.started(NAME)\n"
        "crashwatch.innocent(NAME)\n"
        "crashwatch.watch.finished(NAME)\n"
        "crashwatch.watch.end()"
    ),
    "recording": "from selfcheck.history.record import Recording, save\nsave(Recording(started_at=1_700_000_000.0, interval=1.0, target=NAME))",
    "notifications": "from datetime import datetime\nfrom selfcheck.history.background import StormControl\nStormControl().record(NAME, datetime.now())",
}

_watched: list[tuple[Path, dict[str, str]]] = []  # (folder, what was seen readable by others) while a test watches
_in_hook = False


def _look_at_files(event: str, args: tuple[object, ...]) -> None:
    """At every file system step Python audits (open, chmod, rename, remove...), before it happens: the mode of every
    file in the watched folder at that moment."""
    global _in_hook
    if not _watched or _in_hook or not event.startswith(("open", "os.", "tempfile.", "shutil.")):
        return
    _in_hook = True
    try:
        folder, loose = _watched[-1]
        for path in folder.rglob("*"):
            try:
                info = path.lstat()
            except OSError:
                continue
            if stat.S_ISREG(info.st_mode) and info.st_mode & 0o077:
                loose.setdefault(str(path.relative_to(folder)), f"{oct(stat.S_IMODE(info.st_mode))} before {event}")
    finally:
        _in_hook = False


_hooked: list[bool] = []


@pytest.mark.parametrize("writer", sorted(WRITERS))
def test_a_private_file_is_never_readable_by_others_while_it_is_written(tmp_path, selfcheck_home, writer):
    """Another user of a shared computer polling the data folder never finds the customer's words readable, not even
    between the first byte written and the end of the write: the file is owner-only from its creation, whatever the
    umask of the program that imports selfcheck (0 here: every file is readable by everyone unless made otherwise)."""
    if not _hooked:
        sys.addaudithook(_look_at_files)  # audit hooks stay for the process: inert unless a test watches
        _hooked.append(True)
    data = selfcheck_home / "data"
    bundle = make_bundle(tmp_path / "b.zip", bundle_id="6f1c0a52-8a4d-4c55-9d40-0a6b4f3e2b11")
    loose: dict[str, str] = {}
    before = os.umask(0)
    _watched.append((data, loose))
    try:
        for name in ("first", "second"):
            exec(WRITERS[writer], {"NAME": name, "BUNDLE": bundle})  # noqa: S102 - the writers above
    finally:
        _watched.pop()
        os.umask(before)
    made = [p for p in data.rglob("*") if p.is_file()]
    assert made, "nothing was written, so the modes prove nothing"
    assert not loose, f"readable by other local users while being written: {loose}"
    assert all(stat.S_IMODE(p.stat().st_mode) == 0o600 for p in made)


@pytest.mark.parametrize("writer", ["record of sends", "crashed checks", "recording", "notifications"])
def test_a_write_that_cannot_finish_keeps_the_previous_file_and_leaves_no_temporary_file(selfcheck_home, writer):
    """A write cut short (a full disk; here a file size limit, which fails a write the same way) leaves the file as it
    was, whole, and no half-written temporary file beside it: the record of sends still lists the earlier send."""
    exec(WRITERS[writer], {"NAME": "first"})  # noqa: S102 - the writers above
    data = selfcheck_home / "data"
    before = {str(p.relative_to(data)): p.read_bytes() for p in data.rglob("*") if p.is_file()}
    child = (
        "import resource, signal\n"
        "signal.signal(signal.SIGXFSZ, signal.SIG_IGN)\n"
        "resource.setrlimit(resource.RLIMIT_FSIZE, (16, resource.getrlimit(resource.RLIMIT_FSIZE)[1]))\n"
        "NAME = 'second'\n"
        "try:\n" + "".join(f"    {line}\n" for line in WRITERS[writer].splitlines()) + "except OSError:\n"
        "    pass\n"
    )
    proc = subprocess.run([sys.executable, "-c", child], capture_output=True, text=True, timeout=60, env={**os.environ, "SELFCHECK_HOME": str(selfcheck_home)})
    assert proc.returncode == 0, proc.stderr
    after = {str(p.relative_to(data)): p.read_bytes() for p in data.rglob("*") if p.is_file()}
    assert after == before
