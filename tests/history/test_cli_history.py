"""`selfcheck history` and `selfcheck diff` as a user runs them."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys


def run(*args: str, home) -> subprocess.CompletedProcess:
    env = {**os.environ, "SELFCHECK_HOME": str(home)}
    return subprocess.run([sys.executable, "-m", "selfcheck", *args], capture_output=True, text=True, env=env, timeout=120)


def test_every_scan_is_kept_and_listed(selfcheck_home):
    assert "No scan has been saved yet" in run("history", home=selfcheck_home).stdout
    for _ in range(2):
        run("scan", "--check", "os.uptime", home=selfcheck_home)
    data = json.loads(run("history", "--json", home=selfcheck_home).stdout)
    assert len(data["scans"]) == 2
    assert data["scans"][0]["results"]["os.uptime"]["status"] in ("pass", "warn")
    text = run("history", home=selfcheck_home).stdout
    assert text.count(data["scans"][0]["id"][:8]) == 1


def test_diff_between_two_scans_and_an_unknown_scan(selfcheck_home):
    for _ in range(2):
        run("scan", "--check", "os.uptime", home=selfcheck_home)
    out = run("diff", home=selfcheck_home)
    assert out.returncode == 0 and out.stdout.startswith("From ")
    data = json.loads(run("diff", "--json", home=selfcheck_home).stdout)
    assert data["from"]["id"] != data["to"]["id"]
    bad = run("diff", "nosuchscan", home=selfcheck_home)
    assert bad.returncode == 3 and "No saved scan matches" in bad.stderr and "Traceback" not in bad.stderr


def test_history_can_be_turned_off(selfcheck_home, tmp_path):
    cfg = tmp_path / "c.toml"
    cfg.write_text("[history]\nenabled = false\n")
    run("scan", "--check", "os.uptime", "--config", str(cfg), home=selfcheck_home)
    assert json.loads(run("history", "--json", home=selfcheck_home).stdout)["scans"] == []


def test_scans_made_by_bundle_and_send_are_kept_too(selfcheck_home, tmp_path):
    """Every front end scans through selfcheck.scan.run_scan, which fires the history hook."""
    cfg = tmp_path / "c.toml"
    # no quick retries: the relay's port is closed, every try is refused at once (two more waited 5 s and made no scan)
    cfg.write_text('[checks]\nenabled = ["os.uptime"]\n\n[bundle]\nreuse_scan_minutes = 0\n\n[support]\nretry_now = 0\n')
    made = run("bundle", "--config", str(cfg), "-o", str(tmp_path), home=selfcheck_home)
    assert made.returncode == 0, made.stderr
    sent = run("send", "--config", str(cfg), home=selfcheck_home)  # the loopback relay is closed: the bundle is queued
    assert "Traceback" not in sent.stderr
    scans = json.loads(run("history", "--json", home=selfcheck_home).stdout)["scans"]
    assert len(scans) == 2
    assert all(set(s["results"]) == {"os.uptime"} for s in scans)


def test_a_damaged_history_is_set_aside_and_scans_are_kept_again(selfcheck_home):
    """A history cut short or overwritten stopped every later scan from being saved, for ever (only the log
    said so), and `selfcheck history` said 'Something went wrong'."""
    run("scan", "--check", "os.uptime", home=selfcheck_home)
    path = selfcheck_home / "data" / "history.sqlite3"
    path.write_bytes(path.read_bytes()[:3000])  # cut short (a full disk, a crash while copying a backup)
    for suffix in ("-wal", "-shm"):
        path.with_name(path.name + suffix).unlink(missing_ok=True)
    listed = run("history", home=selfcheck_home)
    assert listed.returncode == 0 and "Something went wrong" not in listed.stdout + listed.stderr
    run("scan", "--check", "os.uptime", home=selfcheck_home)
    scans = json.loads(run("history", "--json", home=selfcheck_home).stdout)["scans"]
    assert len(scans) == 1 and set(scans[0]["results"]) == {"os.uptime"}
    aside = path.with_name("history.sqlite3.damaged")
    assert aside.read_bytes()[:16] == b"SQLite format 3\0"  # kept, not deleted
    if os.name == "posix":
        assert aside.stat().st_mode & 0o777 == 0o600


def test_history_says_when_each_scan_and_repair_was_as_people_write_it(selfcheck_home, capsys):
    """`selfcheck history` printed "2026-12-07 09:24" for each scan and repair tried, as `selfcheck outbox` did before
    de22435b: now "December 7, 2026 at 09:24" / « 7 décembre 2026 à 9 h 24 », in this computer's own time, the verdicts
    still one under the other; --json keeps the recorded ISO moment for scripts."""
    from datetime import datetime

    from selfcheck import cli
    from selfcheck.history import History

    morning = datetime(2026, 12, 7, 9, 24).astimezone()  # this computer's time zone, whichever it is
    evening = datetime(2026, 12, 12, 17, 5).astimezone()
    with History() as db:
        for scan_id, when, headline in (("a1" * 16, morning, "Your disk is almost full."), ("b2" * 16, evening, "Everything looks fine.")):
            db.add({"scan_id": scan_id, "started_at": when.isoformat(), "status": "warn", "diagnosis": {"headline": headline}, "results": []})
        db.add_repair({"repair": "disk.empty_trash", "outcome": "fixed", "started_at": morning.isoformat()})
    for lang, said_morning, said_evening in (
        ("en", "December 7, 2026 at 09:24", "December 12, 2026 at 17:05"),
        ("fr", "7 décembre 2026 à 9\u00a0h\u00a024", "12 décembre 2026 à 17\u00a0h\u00a005"),
    ):
        capsys.readouterr()
        assert cli.main(["history", "--lang", lang]) == 0
        lines = capsys.readouterr().out.splitlines()
        (first,) = [line for line in lines if line.startswith("b2b2b2b2")]
        (second,) = [line for line in lines if line.startswith("a1a1a1a1")]
        assert first.startswith(f"b2b2b2b2  {said_evening}  "), first
        assert second.startswith(f"a1a1a1a1  {said_morning}  "), second
        assert first.index("Everything") == second.index("Your disk")  # the verdicts in one column
        assert any(line.startswith(f"  {said_morning}  ") for line in lines), lines  # the repair tried
        assert not [line for line in lines if re.search(r"\d{4}-\d\d-\d\d", line)], lines
    assert cli.main(["history", "--json"]) == 0
    assert [s["started_at"] for s in json.loads(capsys.readouterr().out)["scans"]] == [evening.isoformat(), morning.isoformat()]
