import json
import subprocess
import sys


def test_scan_json_runs_builtin_checks_and_reports_exit_code():
    proc = subprocess.run([sys.executable, "-m", "selfcheck", "scan", "--json", "--check", "os.uptime"], capture_output=True, text=True, timeout=60)
    data = json.loads(proc.stdout)
    assert [r["id"] for r in data["results"]] == ["os.uptime"]
    assert data["exit_code"] == proc.returncode
    assert data["results"][0]["status"] in ("pass", "warn")
