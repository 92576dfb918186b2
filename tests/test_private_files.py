"""Every file selfcheck leaves on the customer's computer is readable by its owner only (issue 12 item 6).

History and recordings hold raw facts, the outbox the customer's description, e-mail and name,
the mapping files the real names behind the pseudonyms. After a scan, a bundle, a send that
queues, a recording and a look at the history, every folder is 0700 and every file 0600.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from sendkit import client_config, free_port, run_cli

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
