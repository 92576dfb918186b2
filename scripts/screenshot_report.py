#!/usr/bin/env python3
"""Render a demo bundle's report.html in headless Chromium: docs/screenshots/report.png.

    .venv/bin/python scripts/screenshot_report.py [--out docs/screenshots/report.png] [--lang en]

The demo scan comes from small synthetic checks (a broken network link that
explains a DNS failure, a nearly full disk, passing checks) run by the real
runner, then bundled by the real code with a fixed identity to redact.
Needs Debian's ``chromium`` (see .ci/apt.d/bundle.txt).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def chromium_binary() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


def screenshot(html_file: Path, png: Path, width: int = 1200, height: int = 2200, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    """Headless Chromium, no network, a throwaway profile."""
    binary = chromium_binary()
    if binary is None:
        raise FileNotFoundError("chromium is not installed (apt install chromium)")
    with tempfile.TemporaryDirectory(prefix="selfcheck-chromium-") as profile:
        args = [
            binary,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--hide-scrollbars",
            f"--user-data-dir={profile}",
            f"--window-size={width},{height}",
            f"--screenshot={png}",
            html_file.resolve().as_uri(),
        ]
        return subprocess.run(args, capture_output=True, text=True, timeout=timeout, check=False)


def demo_plan(lang: str = "en"):  # type: ignore[no-untyped-def]
    """A bundle plan of a realistic scan (synthetic checks, real runner and bundle code)."""
    from selfcheck import app as app_mod
    from selfcheck.api import Check, Outcome
    from selfcheck.bundle import plan_bundle
    from selfcheck.bundle.redact import Identity
    from selfcheck.runner import Runner

    class Link(Check):
        id, category, title, priority = "network.link", "network", "Network connection", 10

        def collect(self, ctx):  # type: ignore[no-untyped-def]
            return {"interface": "wlan0", "ssid": "Livebox-Dupont", "carrier": False, "mac": "3c:22:fb:9a:41:7e"}

        def evaluate(self, facts, thresholds):  # type: ignore[no-untyped-def]
            return Outcome.fail(
                "This computer is not connected to any network.",
                advice=["Check that Wi-Fi is turned on (the key with an antenna, or the icon near the clock).", "Choose your network and type its password."],
                evidence={"interface": facts["interface"], "wifi": facts["ssid"], "carrier": facts["carrier"]},
            )

    class Dns(Check):
        id, category, title, depends_on = "network.dns", "network", "Name lookup (DNS)", ("network.link",)

        def collect(self, ctx):  # type: ignore[no-untyped-def]
            return {}

        def evaluate(self, facts, thresholds):  # type: ignore[no-untyped-def]
            return Outcome.ok("Names are found.")

    class Disk(Check):
        id, category, title = "hardware.disk", "hardware", "Free disk space"

        def collect(self, ctx):  # type: ignore[no-untyped-def]
            return {"mount": "/home/jdupont", "free_percent": 6.5, "free_gb": 14.2}

        def evaluate(self, facts, thresholds):  # type: ignore[no-untyped-def]
            return Outcome.warn(
                "The disk is almost full (6.5% free).",
                advice=["Empty the recycle bin.", "Move photos and videos to an external disk."],
                evidence={"mount": facts["mount"], "free_gb": facts["free_gb"]},
            )

    class Memory(Check):
        id, category, title = "hardware.memory", "hardware", "Memory"

        def collect(self, ctx):  # type: ignore[no-untyped-def]
            return {"total_gb": 16, "used_percent": 41}

        def evaluate(self, facts, thresholds):  # type: ignore[no-untyped-def]
            return Outcome.ok("Memory use is normal (41%).", evidence=facts)

    class Firewall(Check):
        id, category, title = "security.firewall", "security", "Firewall"

        def collect(self, ctx):  # type: ignore[no-untyped-def]
            return {"active": True}

        def evaluate(self, facts, thresholds):  # type: ignore[no-untyped-def]
            return Outcome.ok("The firewall is on.")

    home = Path(tempfile.mkdtemp(prefix="selfcheck-demo-"))
    os.environ["SELFCHECK_HOME"] = str(home)
    os.environ["SELFCHECK_DISABLE_PLUGIN_AUTOLOAD"] = "1"
    config = home / "demo.toml"
    config.write_text('[checks]\nenabled = ["os.uptime", "network.*", "hardware.*", "security.*"]\n', encoding="utf-8")
    app = app_mod.start([config], lang)
    for cls in (Link, Dns, Disk, Memory, Firewall):
        cls.source = "demo"
        app.registry.checks[cls.id] = cls  # the demo stands in for the real checks of the same id
    wanted = {"os.uptime", "network.link", "network.dns", "hardware.disk", "hardware.memory", "security.firewall"}
    sys.path.insert(0, str(ROOT / "scripts"))
    from pinned_bundle import pinned_bundle, scans_at

    scans_at(*SCAN_TIME)
    scan = Runner(app.registry, app.config).run([c for c in app.registry if c.id in wanted], symptom="internet")
    description = {
        "problem": "Since this morning the internet does not work on my laptop. My phone works on the same Wi-Fi.",
        "since": "This morning, after the computer restarted for updates.",
        "changed": "Windows updates were installed last night.",
        "symptom": "internet",
    }
    from selfcheck.bundle import inventory

    inventory.PARTS["situation"] = laptop_situation
    with pinned_bundle(BUNDLE_ID, *BUNDLE_TIME):
        return plan_bundle(app, scan, description=description, identity=Identity(user="jdupont", home="/home/jdupont", host="PC-JDUPONT-42"))


#: the demo scan runs this morning at 9:20 and the bundle is made at 9:24 ("since this morning"), with the same id (so the
#: same reference) at every run: from the real clock the report's "Reference" and "Created" changed at every run
SCAN_TIME, BUNDLE_TIME = (9, 20), (9, 24)
BUNDLE_ID = "0b7e4f2a-93c1-4d58-8e6a-5f2d1c9b7a30"


def laptop_situation() -> dict[str, object]:
    """The demo laptop's situation flags, as Linux's inventory answers on a laptop of its own (selfcheck.platforms.situation):
    not a virtual machine, not in a container, no remote session, no company. This build machine's own (a docker container
    in a virtual machine) made the card's Context read "Runs in a virtual machine and in a container" on PC-JDUPONT-42."""
    return {
        "virtual_machine": {"value": False, "source": "/sys/class/dmi/id, /proc/cpuinfo"},
        "container": {"value": False, "source": "/proc/1/cgroup"},
        "remote_session": None,
        "managed": {"value": False, "source": "/etc (no directory join or policy files)"},
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(ROOT / "docs" / "screenshots" / "report.png"))
    parser.add_argument("--lang", default="en")
    parser.add_argument("--height", type=int, default=2200)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT / "src"))
    plan = demo_plan(args.lang)
    with tempfile.TemporaryDirectory() as tmp:
        page = Path(tmp) / "report.html"
        page.write_bytes(plan.files["report.html"])
        out = Path(args.out)
        out.parent.mkdir(parents=True, exist_ok=True)
        proc = screenshot(page, out, height=args.height)
    if proc.returncode != 0 or not out.exists():
        print(proc.stderr[-2000:], file=sys.stderr)
        return 1
    print(f"{out} ({out.stat().st_size} bytes), reference {plan.reference}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
