"""The bundle carries the history summary and the recording; `selfcheck show` prints them; the report shows them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import zipfile


def run(*args, home):
    env = {**os.environ, "SELFCHECK_HOME": str(home)}
    return subprocess.run([sys.executable, "-m", "selfcheck", *args], capture_output=True, text=True, env=env, timeout=180)


def test_bundle_has_history_and_recording_and_show_prints_them(selfcheck_home, tmp_path):
    from selfcheck.history import record

    assert run("scan", "--check", "os.uptime", home=selfcheck_home).returncode in (0, 1)
    rec = record.Recording(time.time(), 1.0, [{"t": t, "cpu": 10, "mem": 30, "support_ms": None} for t in range(4)], [{"t": 2, "label": "It happened now"}])
    os.environ["SELFCHECK_HOME"] = str(selfcheck_home)
    record.save(rec)
    out = tmp_path / "b.zip"
    # one quick check, as the scan before it: the history and the recording are what the bundle must carry
    config = tmp_path / "c.toml"
    config.write_text('[checks]\nenabled = ["os.uptime"]\n', encoding="utf-8")
    made = run("bundle", "-o", str(out), "--no-logs", "--config", str(config), home=selfcheck_home)
    assert made.returncode == 0, made.stderr
    with zipfile.ZipFile(out) as z:
        names = set(z.namelist())
        assert {"history.json", "recording/recording.json", "recording/timeline.svg"} <= names
        history = json.loads(z.read("history.json"))
        assert history["scans_kept"] >= 1
        report = z.read("report.html").decode()
        assert "Recording while the problem happened" in report and "<svg" in report
        manifest = json.loads(z.read("manifest.json"))
        assert "history.json" in {f["path"] for f in manifest["files"]}
    shown = run("show", str(out), home=selfcheck_home)
    assert "A recording of 3 s is included; the user marked 1 moment." in shown.stdout
