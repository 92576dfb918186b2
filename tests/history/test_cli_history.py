"""`selfcheck history` and `selfcheck diff` as a user runs them."""

from __future__ import annotations

import json
import os
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
