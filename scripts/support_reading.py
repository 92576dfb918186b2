#!/usr/bin/env python3
"""Bundles for the support-agent reading test (issue 21): real faults, made in the labs, as support receives them.

    sudo .venv/bin/python scripts/support_reading.py [--out docs/usability/support-agent]

Needs root (network namespaces, a loop-mounted volume). The customers are physical laptops: each scan runs
in its own mount namespace where this machine's virtual machine and container do not show and the DMI
strings are a real ThinkPad's (tests/laptoplab.py, tests/fixtures/laptop/SOURCES). For each fault it writes <out>/<case>/bundle.zip and
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

import fakeclock  # noqa: E402
import laptoplab  # noqa: E402
import netlab  # noqa: E402
import syslab  # noqa: E402

HOME_NAME = "martine"  # the full-home customer's account

DESCRIPTIONS = {
    "router-dns": "Since this morning no website opens. Skype said something about the connection.",
    "line-down": "Internet has stopped working, nothing loads at all.",
    "sign-in-page": "I am at the hotel and the internet does not work on my laptop.",
    "secure-sites-blocked": "My bank's website and Gmail do not open.",
    "clock-wrong": "All websites say my connection is not private.",
    "full-home": "LibreOffice says it cannot save my letter.",
    # agent rounds 49, 50: "the customer said 'every few minutes', but the recording shows every 20 seconds": the lab cuts every
    # 20 s (a minute's recording), so the customer says what the lab does
    "cuts-sometimes": "The internet keeps cutting out for a few seconds, several times a minute. It is driving me mad during my video calls.",
}

#: the describe step's answer to "Which website does not open? (its address, if you know it)" (tests/netlab.py's ZONE)
SITES = {"secure-sites-blocked": "www.mybank.example"}

#: the describe step's answer to "Where are you?" (agent round 12: "we don't know if the customer is at home")
WHERE = {"secure-sites-blocked": "home", "sign-in-page": "public", "cuts-sometimes": "home"}

#: the agents work at Clearline, an internet and phone company (scripts/example_brand.py): it sells its customers' line and
#: internet box, so the card says "we will check your line" (agent round 21: both agents rewrote "call your internet provider")
#: its branding names its support as scripts/example_brand.py does, so the customer's own steps say "call Clearline Help" where
#: a company that is not the provider's say "call your internet provider" (agent round 25: "which is us")
#: agent round 92 (secure sites: "I'd need to know who to contact and whether I'm allowed to escalate on one bundle"): the
#: company names its network team ([support] network_team), as a company deploying selfcheck would
COMPANY = '[support]\ninternet_provider = true\nnetwork_team = "the network team (NOC), ext. 4411"\n\n[branding]\ncompany = "Clearline Help"\nsupport_contact = "phone 01 23 45 67 89, Monday to Friday, 9am–5pm"\n'

#: agent round 21: "the test certificate was issued only seconds before the check, so a 5-hour error was bound to break it;
#: real sites' certificates are days or weeks old": the lab's sites get certificates begun three weeks ago (valid 90 days, as
#: real ones), and the customer's clock stopped months back, as a dead clock battery leaves it: 124 days, 7 h 12 min 41 s
#: behind (not a whole number of hours: no time zone is that far off)
CERTIFICATE_AGE_DAYS = 21
CLOCK_BEHIND_SECONDS = 124 * 86400 + 7 * 3600 + 12 * 60 + 41

NETWORK_CASES = ("router-dns", "line-down", "sign-in-page", "secure-sites-blocked", "clock-wrong")
#: issue 21: a home's box has its internet provider's router behind it (netlab.Lab(provider=True)): the secure-sites case's
#: TTL-limited attempts meet it two steps out, as at home (the other cases keep the lab they were read on)
PROVIDER_CASES = ("secure-sites-blocked",)
#: the connection cuts out now and then (s32: the card's cause from the customer's recording, fd1d631 and e0bf4fe): the line is
#: fine when the computer is checked, so the customer records while it happens ("It happened now"), as fd1d631's lab trial
#: did: the customer's cable to the box down CUT_SECONDS at each of CUTS_AT (seconds from Start), the mark pressed at MARK_AT
#: (inside the second cut), Stop at STOP_AT; then the bundle, which takes the recording. The cuts come at uneven times, as a
#: loose cable's do: exactly every 20 s (until agent round 87) made agents doubt the lab itself ("my own doubt about the
#: regular 20 s pattern": an adapter in a wall socket, the network adapter's power saving?) and check it by hand
RECORDING_CASES = ("cuts-sometimes",)
CUTS_AT = (11.0, 33.0, 49.0)
CUT_SECONDS = 5.0
MARK_AT = 35.5
STOP_AT = 63.0


def company_config(work: Path) -> Path:
    """The company's own setting, given to the customer's selfcheck (which makes the bundle) and to support's (which shows it)."""
    path = work / "company.toml"
    path.write_text(COMPANY)
    return path


def network_case(lab: netlab.Lab, out: Path, case: str, fault: str) -> None:
    faketime = None
    if fault == "router-dns":
        (lab.etc / "resolv.conf").write_text(f"nameserver {netlab.GATEWAY}\n")
    elif fault == "line-down":
        # as at home: the box is the computer's DNS server and forwards to the provider's; its line is cut (agent round 45,
        # ticket 2: resolv.conf naming the lab's public server read as "a manually set DNS on this PC")
        lab.start_dns_forwarder()
        lab.cut_line()
    elif fault == "sign-in-page":
        lab.server_mode(http="portal")
        lab.gateway_rule("tcp dport 443 drop")  # as in hotels: secure connections held back until the guest signs in
    elif fault == "secure-sites-blocked":
        lab.gateway_rule("tcp dport 443 drop")
    elif fault == "clock-wrong":
        faketime = f"-{CLOCK_BEHIND_SECONDS}"
    elif fault == "cuts-sometimes":
        record_cuts(lab, case)  # the line is fine again when the bundle's scan runs
    # a company configures the secure sites it cares about: two here, so the card can say how many were tried
    config = lab.config(https_urls=["https://www.lab.example/", "https://support.lab.example/"]) if fault == "secure-sites-blocked" else lab.config()
    if fault == "line-down":  # "the line is down" rests on two outside addresses, as a company's config names several
        config = lab.config(internet_addresses=["198.51.100.80:80", "198.51.100.81:443"])
    bundle = out / case / "bundle.zip"
    bundle.parent.mkdir(parents=True, exist_ok=True)
    bundle.unlink(missing_ok=True)  # a failed run must not leave the last round's bundle looking new
    # each customer's computer is a physical laptop (tests/laptoplab.py), not this build machine's virtual machine
    (lab.workdir / f"laptop-{case}").mkdir(exist_ok=True)
    cmd = ["ip", "netns", "exec", lab.client, *laptoplab.laptop_command(lab.workdir / f"laptop-{case}", shared=lab.workdir)]
    if faketime:
        cmd += fakeclock.env_command(faketime, skip=("ping", "ip"))  # not the faketime wrapper (tests/fakeclock.py)
    made = lab.workdir / f"{case}.zip"  # the laptop writes only in the lab's folder
    cmd += [sys.executable, "-m", "selfcheck", "bundle", "--symptom", "internet", "--no-logs", "--rescan", "-o", str(made), "--config", str(config)]
    cmd += ["--config", str(company_config(lab.workdir)), "--description", DESCRIPTIONS[case], "--lang", "en"]
    if case in WHERE:  # the describe step's "Where are you?"
        cmd += ["--where", WHERE[case]]
    if case in SITES:  # the describe step's "Which website does not open?": a name only the lab's DNS knows
        cmd += ["--site", SITES[case]]
    env = customer_env(lab, case)
    done = subprocess.run(cmd, env=env, check=False, capture_output=True, text=True, timeout=120)
    if made.exists():
        shutil.move(made, bundle)
    if not bundle.exists():
        print(f"{case}: no bundle made (exit {done.returncode}): {done.stderr[-800:]}", file=sys.stderr)
    shutil.rmtree(env["HOME"], ignore_errors=True)
    lab.reset()


def customer_env(lab: netlab.Lab, case: str) -> dict[str, str]:
    """The customer's computer's environment: its own home (history, recordings), the lab's network allowed."""
    env = lab.scan_env()
    env["HOME"] = str(lab.workdir / f"home-{case}")  # each case is another customer's computer: its own history
    env["SELFCHECK_HOME"] = str(Path(env["HOME"]) / "selfcheck")
    return env


def record_cuts(lab: netlab.Lab, case: str) -> None:
    """A real recording on the customer's laptop in the lab (the core's Recorder, which the window's Record button uses,
    run by ``--record``), saved where the customer's next bundle takes it, while the customer's cable to the box is
    taken down (the box's end, as lab.unplug) CUT_SECONDS at each of CUTS_AT; "It happened now" is pressed at MARK_AT."""
    import time

    (lab.workdir / f"laptop-{case}").mkdir(exist_ok=True)
    cmd = ["ip", "netns", "exec", lab.client, *laptoplab.laptop_command(lab.workdir / f"laptop-{case}", shared=lab.workdir)]
    cmd += [sys.executable, str(Path(__file__).resolve()), "--record", str(lab.config()), str(company_config(lab.workdir))]
    recorder = subprocess.Popen(cmd, env=customer_env(lab, case), cwd=str(ROOT), stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert recorder.stdin is not None and recorder.stdout is not None
    try:
        for line in recorder.stdout:  # the laptop's setup first (quiet), then the recorder says it started
            if line.strip() == "started":
                break
        else:
            raise RuntimeError(f"the recording did not start (exit {recorder.wait()})")
        begin = time.monotonic()
        events = sorted([(t, "down") for t in CUTS_AT] + [(t + CUT_SECONDS, "up") for t in CUTS_AT] + [(MARK_AT, "mark"), (STOP_AT, "stop")])
        for at, what in events:
            time.sleep(max(0.0, begin + at - time.monotonic()))
            if what == "down":
                lab.unplug()
            elif what == "up":
                lab.plug()
            else:  # the customer presses "It happened now", then Stop
                recorder.stdin.write(what + "\n")
                recorder.stdin.flush()
        saved = recorder.stdout.readline().strip()
        recorder.wait(timeout=30)
        print(f"{case}: recorded {STOP_AT:.0f} s, saved {saved}")
    finally:
        if recorder.poll() is None:
            recorder.kill()
        netlab._run(["ip", "-n", lab.gw, "link", "set", "lan0", "up"], check=False)
    lab.wait_until_ready()


def record(configs: list[str]) -> int:
    """``--record``, on the customer's laptop: the core's Recorder as the window's Record dialog makes it; "mark" on stdin is
    the "It happened now" button, "stop" the Stop button (the recording saved as the dialog saves it)."""
    from selfcheck import app as app_mod
    from selfcheck.history import record as rec

    app = app_mod.start(tuple(configs), "en")
    recorder = rec.Recorder(app.config)
    recorder.start()
    print("started", flush=True)
    for line in sys.stdin:
        if line.strip() == "mark":
            recorder.mark()
        elif line.strip() == "stop":
            break
    print(rec.save(recorder.stop()), flush=True)
    return 0


#: the home folder of the full-home case: (folder, files, size of each in GB); the rest of the volume is filled into Videos
HOME_VOLUME_GB = 240
HOME_FOLDERS = (
    ("Videos/Holidays 2025", 18, 3.9),
    ("Pictures/Phone import 2026-11", 180, 0.19),
    ("Pictures/Wedding Julie", 140, 0.21),
    ("Pictures/Scans", 90, 0.012),
    ("Downloads", 9, 2.6),
    ("Music", 220, 0.042),
    (".cache/mozilla", 4, 0.6),
    (".local/share/Trash/files", 2, 0.7),
    ("Documents", 60, 0.004),
    ("Desktop", 3, 0.002),
)


def fill_home(home: Path) -> None:
    """The home folder of a person whose disk is full: real-looking folders of fallocate'd files (no data is
    written: on ext4 the blocks are reserved, so a 240 GB volume costs a few MB of the image), then the last
    free blocks filled until the file system says it is full."""
    import os

    for folder, count, gb in HOME_FOLDERS:
        where = home / folder
        where.mkdir(parents=True, exist_ok=True)
        ext = {"Videos": "mp4", "Pictures": "jpg", "Music": "mp3", "Downloads": "zip", "Documents": "odt"}.get(folder.split("/")[0], "bin")
        for i in range(count):
            with (where / f"{where.name.split()[0]}-{i + 1:03d}.{ext}").open("wb") as fh:
                os.posix_fallocate(fh.fileno(), 0, int(gb * 1e9))
    # the rest: the phone's videos, copied over the last weeks, until the volume is full
    backup = home / "Videos" / "Phone backup 2026"
    backup.mkdir(parents=True, exist_ok=True)
    n = 0
    while True:
        st = os.statvfs(home)
        free = st.f_bfree * st.f_frsize
        n += 1
        with (backup / f"VID_2026{n:04d}.mp4").open("ab") as fh:  # appending: real zeros only after the reserved blocks
            if free > (4 << 30):
                os.posix_fallocate(fh.fileno(), 0, int(3.4e9))
                continue
            os.posix_fallocate(fh.fileno(), 0, max(0, free - (64 << 20)))
            chunk = b"\0" * (1 << 20)
            try:
                for _ in range(256):  # at most 256 MB of real data, whatever the file system says
                    fh.write(chunk)
                    fh.flush()
            except OSError:
                pass  # no space left on device: as on the customer's computer
            break


def full_home_case(work: Path, out: Path) -> None:
    """A computer whose /home volume (its own partition, as the Debian installer offers) is full; the system
    disk has room. The volume is a sparse ext4 image on a loop device, mounted on /home in a private mount
    namespace (the machine's own /home is untouched)."""
    lab = syslab.SysLab(work)
    try:
        image = work / "home.img"
        with image.open("wb") as fh:
            fh.truncate(HOME_VOLUME_GB * 1024**3)
        mkfs = ["mkfs.ext4", "-q", "-F", "-L", "home", "-T", "largefile", "-m", "0", "-E", "lazy_itable_init=1,lazy_journal_init=1", str(image)]
        subprocess.run(mkfs, check=True, capture_output=True)
        device = subprocess.run(["losetup", "--find", "--show", str(image)], check=True, capture_output=True, text=True).stdout.strip()
        lab.loops.append(device)
        home = Path("/home") / HOME_NAME
        bundle = out / "full-home" / "bundle.zip"
        bundle.parent.mkdir(parents=True, exist_ok=True)
        bundle.unlink(missing_ok=True)  # a failed run must not leave the last round's bundle looking new
        conf = work / "lab.toml"
        # memory kills and crashes on this shared machine come from other labs' tests, not from this customer's computer
        conf.write_text('[checks]\ndisabled = ["network.*", "os.crashes", "hardware.memory"]\n')
        made = work / "bundle.zip"  # the laptop writes only in the lab's folder
        cmd = [sys.executable, "-m", "selfcheck", "bundle", "--symptom", "app", "--no-logs", "--rescan", "-o", str(made), "--config", str(conf)]
        cmd += ["--config", str(company_config(work)), "--description", DESCRIPTIONS["full-home"], "--lang", "en"]
        script = "\n".join(
            [
                "set -e",
                f"mount -t ext4 {shlex.quote(device)} /home",
                f"mkdir -p {shlex.quote(str(home))}",
                f"{shlex.quote(sys.executable)} {shlex.quote(str(Path(__file__).resolve()))} --fill-home {shlex.quote(str(home))}",
                "sync",
                f"{shlex.join(cmd)} > /dev/null",
            ]
        )
        # a physical laptop (tests/laptoplab.py), not this build machine's virtual machine and container
        laptop = [*laptoplab.laptop_command(work), "sh", "-c", script]
        subprocess.run(laptop, env=lab.env(home), cwd=str(ROOT), timeout=300, check=False)
        if made.exists():
            shutil.move(made, bundle)
        print(f"home image: {image.stat().st_blocks * 512 / 1e6:.0f} MB on disk for a {HOME_VOLUME_GB} GB volume")
    finally:
        lab.close()


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", default=str(ROOT / "docs" / "usability" / "support-agent"))
    parser.add_argument("--case", action="append", choices=[*NETWORK_CASES, *RECORDING_CASES, "full-home"], help="only this case (repeatable)")
    parser.add_argument("--fill-home", help=argparse.SUPPRESS)  # run inside the full-home case's mount namespace
    parser.add_argument("--record", nargs="+", metavar="CONFIG", help=argparse.SUPPRESS)  # run on the cuts-sometimes case's laptop
    args = parser.parse_args()
    if args.fill_home:
        fill_home(Path(args.fill_home))
        return 0
    if args.record:
        return record(args.record)
    out = Path(args.out)
    cases = args.case or [*NETWORK_CASES, *RECORDING_CASES, "full-home"]
    work = Path(tempfile.mkdtemp(prefix="support-reading-"))
    if any(case in (*NETWORK_CASES, *RECORDING_CASES) for case in cases):
        (work / "net").mkdir()
        lab = netlab.Lab(work / "net", certificate_age_days=CERTIFICATE_AGE_DAYS).build()
        try:
            for case in (c for c in (*NETWORK_CASES, *RECORDING_CASES) if c in cases and c not in PROVIDER_CASES):
                network_case(lab, out, case, case)
        finally:
            lab.close()
    for case in (c for c in NETWORK_CASES if c in cases and c in PROVIDER_CASES):  # a lab of its own, with the provider's router
        (work / case).mkdir()
        lab = netlab.Lab(work / case, certificate_age_days=CERTIFICATE_AGE_DAYS, provider=True).build()
        try:
            network_case(lab, out, case, case)
        finally:
            lab.close()
    if "full-home" in cases:
        (work / "sys").mkdir()
        full_home_case(work / "sys", out)
    for folder in sorted(out / case for case in cases if (out / case / "bundle.zip").exists()):
        show = subprocess.run(
            [sys.executable, "-m", "selfcheck", "show", str(folder / "bundle.zip"), "--config", str(company_config(work)), "--lang", "en"],
            capture_output=True,
            text=True,
            cwd=str(ROOT),
        )
        (folder / "show.txt").write_text(show.stdout)
        print(f"wrote {folder}")
    shutil.rmtree(work, ignore_errors=True)
    missing = [case for case in cases if not (out / case / "bundle.zip").exists()]
    if missing:
        print(f"no bundle for: {', '.join(missing)}", file=sys.stderr)
    return 1 if missing else 0


if __name__ == "__main__":
    raise SystemExit(main())
