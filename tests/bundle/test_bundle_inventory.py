"""system.json: every part is there, and a part that hangs or fails does not hold the bundle back."""

from __future__ import annotations

import threading
import time

from bundle_helpers import IDENTITY

from selfcheck import bundle, cli
from selfcheck.bundle import inventory


def test_inventory_has_every_section_support_asks_for():
    data = inventory.gather({"intake": {"token": "abc-secret-123"}, "branding": {"product_name": "Acme Check"}})
    for key in ("os", "machine", "cpu", "memory", "disks", "network_interfaces", "routes", "dns", "proxies", "processes", "selfcheck_config"):
        assert key in data, key
    assert data["os"]["system"] == "Linux" and data["memory"]["total_bytes"] > 0
    assert any(i["name"] == "lo" for i in data["network_interfaces"])
    assert any(d["mountpoint"] == "/" for d in data["disks"])
    assert data["processes"]["by_cpu"] and "cmdline" not in data["processes"]["by_cpu"][0]
    assert data["selfcheck_config"]["intake"]["token"] == "***"
    assert data["selfcheck_config"]["branding"]["product_name"] == "Acme Check"


def test_a_hanging_or_failing_part_is_reported_not_waited_for(monkeypatch):
    def hangs():
        time.sleep(5)
        return {}

    def fails():
        raise RuntimeError("no such thing")

    monkeypatch.setitem(inventory.PARTS, "routes", hangs)
    monkeypatch.setitem(inventory.PARTS, "dns", fails)
    start = time.monotonic()
    data = inventory.gather({}, timeout=0.5)
    assert time.monotonic() - start < 3
    assert "no answer" in data["routes"]["error"]
    assert "no such thing" in data["dns"]["error"]
    assert data["memory"]["total_bytes"] > 0
    # the abandoned call never keeps selfcheck from exiting
    hung = [t for t in threading.enumerate() if t.name.startswith("bundle-") and t.is_alive()]
    assert hung and all(t.daemon for t in hung)


def test_time_budget_spent_logs_are_listed_as_skipped(make_app):
    from bundle_helpers import run_scan

    from selfcheck import logsetup

    logsetup.log_file().parent.mkdir(parents=True, exist_ok=True)
    logsetup.log_file().write_text("line\n", encoding="utf-8")
    app = make_app("[bundle]\ntime_budget = 0\n")
    plan = bundle.plan_bundle(app, run_scan(app, ("os.uptime",)), identity=IDENTITY)
    assert not [p for p in plan.files if p.startswith("logs/")]
    assert any("time allowed" in s["reason"] for s in plan.manifest["skipped"])
    assert any(limit["limit"] == "time_budget" for limit in plan.manifest["limits_hit"])


def test_screenshot_that_is_not_png_or_too_big_is_left_out_with_a_reason(make_app):
    from bundle_helpers import run_scan

    app = make_app("[bundle]\nmax_screenshot_mb = 0.001\n")
    scan = run_scan(app, ("os.uptime",))
    plan = bundle.plan_bundle(app, scan, screenshot_png=b"GIF89a...", identity=IDENTITY)
    assert "screenshot.png" not in plan.files and any("not a PNG" in s["reason"] for s in plan.manifest["skipped"])
    plan = bundle.plan_bundle(app, scan, screenshot_png=b"\x89PNG\r\n\x1a\n" + b"\0" * 5000, identity=IDENTITY)
    assert "screenshot.png" not in plan.files and any("larger than the size limit" in s["reason"] for s in plan.manifest["skipped"])


def test_unknown_symptom_gives_the_list(capsys):
    assert cli.main(["bundle", "--symptom", "toaster", "--no-logs"]) == 3
    err = capsys.readouterr().err
    assert "toaster" in err and "internet" in err and "Traceback" not in err


def test_the_bundle_names_the_name_servers_the_dns_check_uses(monkeypatch):
    """One way to find this computer's DNS servers: the bundle asks netprobe like the check and the history."""
    from selfcheck import netprobe

    monkeypatch.setattr(netprobe, "find_resolvers", lambda run, platform: {"servers": ["192.0.2.53", "2001:db8::53"], "source": "stand-in"})
    info = inventory.dns_info()
    assert info["servers"] == ["192.0.2.53", "2001:db8::53"] and info["source"] == "stand-in"
