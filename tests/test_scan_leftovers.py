"""Files a selfcheck stopped halfway (killed, crashed, the computer switched off) left between writing them aside and
renaming them into place: before, they stayed for ever, filling the person's folders over months with raw facts, half
bundles and what the person wrote. A scan now removes those a day old or more; a young one (a second selfcheck may be
writing it now) stays, owner-only, and no other file is ever touched."""

from __future__ import annotations

import os
import stat
import tempfile
import time
from pathlib import Path

DAY = 86400


def _aside(folder: Path, name: str, suffix: str, days: float | None = None, mode: int | None = None) -> Path:
    """A file named as selfcheck's writer names it while it writes (mkstemp: ``<name>.<8 characters><suffix>``)."""
    folder.mkdir(parents=True, exist_ok=True)
    fd, made = tempfile.mkstemp(prefix=name + ".", suffix=suffix, dir=folder)
    os.write(fd, b'{"facts": "raw"}')
    os.close(fd)
    return _aged(Path(made), days, mode)


def _aged(path: Path, days: float | None, mode: int | None = None) -> Path:
    if mode is not None:
        os.chmod(path, mode)
    if days is not None:
        then = time.time() - days * DAY
        os.utime(path, (then, then))
    return path


def test_a_scan_removes_what_a_stopped_selfcheck_left_a_day_ago_and_nothing_else(selfcheck_home, tmp_path, monkeypatch, capsys):
    from selfcheck import cli

    temp = tmp_path / "temp"
    temp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    data, documents = selfcheck_home / "data", selfcheck_home / "documents"
    old = [
        _aside(data, "sent.json", ".tmp", days=2),  # write_private
        _aside(data / "recordings", "recording-1.json", ".tmp", days=30),
        _aside(data / "bundles", ".selfcheck-20260101T090000-K7Q2M.zip", ".partial", days=2),  # bundle.make
        _aside(documents, ".selfcheck-20260101T090000-K7Q2M.zip", ".partial", days=2),  # saved for the person to send
        _aside(documents, ".clearline-help-HT4-7KP-3WN-2026-01-01.zip", ".partial", days=2),  # the window's "Save", as it names it
        _aged(_write(selfcheck_home / "cache" / "cpuinfo.tmp"), days=3),  # an older version's fixed name
    ]
    copy = Path(tempfile.mkdtemp(prefix="selfcheck-history-", dir=temp))  # the history copied to be read: raw facts
    _aged(_write(copy / "history.sqlite3"), days=2)
    _aged(copy, days=2)
    young = [
        _aside(data, "sent.json", ".tmp", days=0.5),
        _aside(data / "bundles", ".selfcheck-20260102T090000-Z9Z9Z.zip", ".partial", mode=0o644),  # an older version's mode
    ]
    others = [
        _aged(_write(data / "sent.json"), days=2),
        _aged(_write(data / "bundles" / "selfcheck-20260101T090000-K7Q2M.zip"), days=2),
        _aged(_write(data / "notes.json.tmp"), days=2),  # not a name selfcheck writes aside
        _aged(_write(documents / "holidays.zip.abcdefgh.partial"), days=2),  # the person's folder: only selfcheck's bundles
        _aged(_write(documents / "report.docx"), days=2),
        _aged(_write(temp / "tmpk2j4h5g6.pem"), days=2),  # another program's
        _aged(_write(temp / "selfcheck-sound-abcd1234.wav"), days=2),  # selfcheck's name, another user's file
    ]
    os.chown(others[-1], 65534, 65534) if os.geteuid() == 0 else others.pop()
    before = {path: path.read_bytes() for path in others}

    assert cli.main(["scan", "--check", "os.uptime"]) in (0, 1)
    capsys.readouterr()
    assert [path for path in [*old, copy] if path.exists()] == []
    assert all(path.exists() and stat.S_IMODE(path.stat().st_mode) == 0o600 for path in young)
    assert {path: path.read_bytes() for path in others} == before


def _write(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"kept")
    return path


# netprobe.decode_certificate, killed while the certificate it was explaining sits in the temporary folder
CERTIFICATE_KILLED = """
import os, signal, ssl, sys
ssl._ssl._test_decode_cert = lambda path: os.kill(os.getpid(), signal.SIGKILL)
from selfcheck import netprobe
netprobe.decode_certificate(b"0\\x82\\x01\\x0a a server's certificate")
"""


def test_the_certificate_a_killed_network_check_was_reading_is_swept_a_day_later(tmp_path, monkeypatch):
    """The network check writes the certificate of a site that failed the TLS check to the temporary folder to read it
    (Python has no other way to decode one); a selfcheck killed then left tmpXXXX.pem, a name the sweep cannot tell
    from another program's. Now it is a selfcheck file of one use, owner-only, removed a day later."""
    import signal
    import subprocess
    import sys

    from selfcheck import paths

    temp = tmp_path / "temp"
    temp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    env = {**os.environ, "TMPDIR": str(temp)}
    for _ in range(2):
        killed = subprocess.run([sys.executable, "-c", CERTIFICATE_KILLED], env=env, capture_output=True, text=True, timeout=60)
        assert killed.returncode == -signal.SIGKILL, killed.stderr
    left = sorted(temp.iterdir())
    assert len(left) == 2 and all(stat.S_IMODE(p.stat().st_mode) == 0o600 for p in left), left
    old, young = _aged(left[0], days=2), left[1]
    another = _aged(_write(temp / "tmpk2j4h5g6.pem"), days=2)  # another program's certificate

    paths.remove_leftovers()
    assert not old.exists()
    assert young.exists()  # maybe a second selfcheck reading it now
    assert another.read_bytes() == b"kept"
