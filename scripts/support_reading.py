#!/usr/bin/env python3
"""Bundles for the support-agent reading test (issue 21): real faults, made in the labs, as support receives them.

    sudo .venv/bin/python scripts/support_reading.py [--out docs/usability/support-agent]

Needs root (network namespaces, a loop-mounted volume). For each fault it writes <out>/<case>/bundle.zip and
<out>/<case>/show.txt (what ``selfcheck show`` prints: the support card first). A reader playing a first-line
agent gets only these files; their answers and times go in <out>/README.md.
"""

from __future__ import annotations

import argparse
import shlex
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

import netlab  # noqa: E402
import syslab  # noqa: E402

DESCRIPTIONS = {
    "router-dns": "Since this morning no website opens. Skype said something about the connection.",
    "line-down": "Internet has stopped working, nothing loads at all.",
    "sign-in-page": "I am at the hotel and the internet does not work on my laptop.",
    "secure-sites-blocked": "My bank's website and Gmail do not open, but some other sites do.",
    "clock-wrong": "All websites say my connection is not private.",
    "full-home": "Word says it cannot save my letter.",
}


def network_case(lab: netlab.Lab, out: Path, case: str, fault: str) -> None:
    faketime = None
    if fault == "router-dns":
        (lab.etc / "resolv.conf").write_text(f"nameserver {netlab.GATEWAY}\n")
    elif fault == "line-down":
        lab.gateway_rule("ip daddr 198.51.100.0/24 drop")
    elif fault == "sign-in-page":
        lab.server_mode(http="portal")
    elif fault == "secure-sites-blocked":
        lab.gateway_rule("tcp dport 443 drop")
    elif fault == "clock-wrong":
        faketime = "-5h"
    config = lab.config()
    bundle = out / case / "bundle.zip"
    bundle.parent.mkdir(parents=True, exist_ok=True)
    cmd = ["ip", "netns", "exec", lab.client]
    if faketime:
        cmd += ["env", "FAKETIME_DONT_FAKE_MONOTONIC=1", "FAKETIME_SKIP_CMDS=ping,ip", "faketime", "-f", faketime]
    cmd += [sys.executable, "-m", "selfcheck", "bundle", "--symptom", "internet", "--no-logs", "--rescan", "-o", str(bundle), "--config", str(config)]
    cmd += ["--description", DESCRIPTIONS[case], "--lang", "en"]
    env = lab.scan_env()
    env["HOME"] = str(out.parent / f".home-{case}")  # each case is another customer's computer: its own history
    env["SELFCHECK_HOME"] = str(Path(env["HOME"]) / "selfcheck")
    subprocess.run(cmd, env=env, check=False, capture_output=True, timeout=120)
    shutil.rmtree(env["HOME"], ignore_errors=True)
    lab.reset()


def full_home_case(work: Path, out: Path) -> None:
    lab = syslab.SysLab(work)
    try:
        _image, device = lab.home_volume(size_mb=48)
        home = work / "home"
        home.mkdir()
        bundle = out / "full-home" / "bundle.zip"
        bundle.parent.mkdir(parents=True, exist_ok=True)
        conf = work / "lab.toml"
        conf.write_text('[checks]\ndisabled = ["network.*"]\n')
        cmd = [sys.executable, "-m", "selfcheck", "bundle", "--symptom", "app", "--no-logs", "--rescan", "-o", str(bundle), "--config", str(conf)]
        cmd += ["--description", DESCRIPTIONS["full-home"], "--lang", "en"]
        script = "\n".join(
            [
                "set -e",
                f"mount -t ext4 {shlex.quote(device)} {shlex.quote(str(home))}",
                f"mkdir -p {shlex.quote(str(home / 'Videos'))} {shlex.quote(str(home / 'Documents'))}",
                f"dd if=/dev/zero of={shlex.quote(str(home / 'Videos' / 'holiday.mp4'))} bs=1M status=none || true",
                "sync",
                f"{shlex.join(cmd)} > /dev/null",
                f"umount -l {shlex.quote(str(home))}",
            ]
        )
        subprocess.run(["unshare", "--mount", "--propagation", "private", "sh", "-c", script], env=lab.env(home), cwd=str(ROOT), timeout=120, check=False)
    finally:
        lab.close()


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", default=str(ROOT / "docs" / "usability" / "support-agent"))
    args = parser.parse_args()
    out = Path(args.out)
    work = Path(tempfile.mkdtemp(prefix="support-reading-"))
    lab = netlab.Lab(work / "net").build() if (work / "net").mkdir() is None else None
    try:
        for case in ("router-dns", "line-down", "sign-in-page", "secure-sites-blocked", "clock-wrong"):
            network_case(lab, out, case, case)
    finally:
        lab.close()
    full_home_case(work / "sys", out) if (work / "sys").mkdir() is None else None
    for folder in sorted(p for p in out.iterdir() if (p / "bundle.zip").exists()):
        show = subprocess.run(
            [sys.executable, "-m", "selfcheck", "show", str(folder / "bundle.zip"), "--lang", "en"], capture_output=True, text=True, cwd=str(ROOT)
        )
        (folder / "show.txt").write_text(show.stdout)
        print(f"wrote {folder}")
    shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
