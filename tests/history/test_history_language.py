"""`selfcheck history` speaks its reader's language, whatever the language each scan was made in.

A French-speaking customer's scans, read by an English-speaking support agent at the same computer (or
the other way round), used to show each line in the language of the scan.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

from selfcheck import i18n

STALE = '[thresholds."os.uptime"]\nwarn_days = 0\n'  # any computer "has not been restarted for N days": a problem to word
FR_PROBLEM = "Cet ordinateur n’a pas été redémarré depuis"
EN_PROBLEM = "This computer has not been restarted for"


def run(*args: str, home) -> subprocess.CompletedProcess:
    env = {**os.environ, "SELFCHECK_HOME": str(home)}
    return subprocess.run([sys.executable, "-m", "selfcheck", *args], capture_output=True, text=True, env=env, timeout=120)


def history_lines(home, lang: str) -> list[str]:
    out = run("history", "--lang", lang, home=home)
    assert out.returncode == 0, out.stderr
    return [line for line in out.stdout.splitlines() if line[:8].isalnum()]


def test_history_reads_in_its_readers_language_whatever_the_scans_language(selfcheck_home, tmp_path):
    cfg = tmp_path / "stale.toml"
    cfg.write_text(STALE)
    assert run("scan", "--check", "os.uptime", "--lang", "fr", "--config", str(cfg), home=selfcheck_home).returncode == 1
    fresh = tmp_path / "fresh.toml"
    fresh.write_text('[thresholds."os.uptime"]\nwarn_days = 100000\n')
    assert run("scan", "--check", "os.uptime", "--lang", "en", "--config", str(fresh), home=selfcheck_home).returncode == 0

    english = history_lines(selfcheck_home, "en")
    assert len(english) == 2
    assert "Everything we checked looks fine." in english[0]  # the English scan
    assert EN_PROBLEM in english[1] and FR_PROBLEM not in english[1]  # the French scan, read in English

    french = history_lines(selfcheck_home, "fr")
    assert FR_PROBLEM in french[1]
    assert EN_PROBLEM not in french[0] and "Everything we checked" not in french[0]
    assert i18n.catalogue("fr")["Everything we checked looks fine."] in french[0]

    data = json.loads(run("history", "--json", home=selfcheck_home).stdout)
    assert data["scans"][1]["headline"].startswith(FR_PROBLEM)  # what the customer read, kept as it was
    assert set(data["scans"][1]["headlines"]) == {"en", "fr"}


def test_the_other_language_is_worded_in_the_scanning_thread_only(selfcheck_home):
    """The window's thread keeps its language while the history words a headline in another one."""
    import threading

    i18n.set_language("fr")
    seen: dict[str, str] = {}

    def other_thread() -> None:
        with i18n.language("en"):
            seen["worker"] = i18n._("Everything we checked looks fine.")
            barrier.wait(5)
            barrier.wait(5)

    barrier = threading.Barrier(2)
    worker = threading.Thread(target=other_thread)
    worker.start()
    barrier.wait(5)
    seen["gui"] = i18n._("Everything we checked looks fine.")  # while the worker is inside its block
    barrier.wait(5)
    worker.join(5)
    assert seen["worker"] == "Everything we checked looks fine."
    assert seen["gui"] == i18n.catalogue("fr")["Everything we checked looks fine."]
    assert i18n.current_language() == "fr"


def test_a_history_saved_by_an_older_selfcheck_still_opens(selfcheck_home, tmp_path):
    import sqlite3

    from selfcheck.history.store import History

    old = tmp_path / "old.sqlite3"
    with sqlite3.connect(old) as db:
        db.executescript(
            "CREATE TABLE scans (id TEXT PRIMARY KEY, ts REAL NOT NULL, started_at TEXT NOT NULL, status TEXT NOT NULL,"
            " exit_code INTEGER NOT NULL, headline TEXT NOT NULL, symptom TEXT, version TEXT, results TEXT NOT NULL,"
            " metrics TEXT NOT NULL, state_hash TEXT);"
        )
        db.execute("INSERT INTO scans VALUES ('a1', 1.0, '2026-01-01T00:00:00+00:00', 'warn', 1, 'Ancien titre', NULL, '0.1', '{}', '{}', NULL)")
    with History(old) as history:
        (record,) = history.scans()
    assert record.headline_in("en") == "Ancien titre"  # its own words: nothing else was kept
