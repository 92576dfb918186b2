"""What the hardware checks see on this real machine: full, read-only and inode-starved
volumes made with real mounts (root only), and a real CPU hog."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import stat
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from selfcheck import config as config_mod
from selfcheck.api import Context, Status
from selfcheck.checks.hardware_cpu import CpuCheck
from selfcheck.checks.hardware_disk import DiskCheck
from selfcheck.runner import evaluate_facts

needs_root = pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="mounting test volumes needs root")


def thresholds(check_id: str, **overrides: object) -> dict:
    return {**config_mod.load(include_system=False).thresholds(check_id), **overrides}


@contextlib.contextmanager
def mounted(target: Path, *args: str) -> Iterator[Path]:
    """mount ... target; always unmounted afterwards, even when the test fails."""
    target.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(["mount", *args, str(target)], capture_output=True, text=True, check=False)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a test volume here: {done.stderr.strip()}")
    try:
        yield target
    finally:
        if subprocess.run(["umount", str(target)], capture_output=True, check=False).returncode != 0:
            subprocess.run(["umount", "-l", str(target)], capture_output=True, check=False)


def scan_disks(volume: Path) -> tuple[dict, object]:
    """The disk check's facts on this machine, and its judgement of ``volume`` alone (a full mount left meanwhile by
    another test or engineer is judged first otherwise, and its sentence replaces this volume's)."""
    from test_checks_hwos import judged_only

    check = DiskCheck()
    t = thresholds("hardware.disk", smart=False)
    facts = check.collect(Context({}, t))
    return facts, evaluate_facts(DiskCheck, judged_only(facts, volume), t)


@needs_root
def test_nearly_full_tmpfs_warns_and_names_the_volume(tmp_path):
    with mounted(tmp_path / "photos", "-t", "tmpfs", "-o", "size=4m", "tmpfs") as vol:
        (vol / "big.bin").write_bytes(os.urandom(3_900_000))
        facts, outcome = scan_disks(vol)
        ours = next(v for v in facts["volumes"] if v["mountpoint"] == str(vol))
        assert ours["free"] < 400_000
        assert outcome.status is Status.WARN
        assert f"“{Path(vol).name}” is almost full" in outcome.summary
        assert outcome.advice and outcome.advice[0].startswith("Make room on")  # a side volume: not “uninstall programs”, never a general “delete files”
    facts, _after = scan_disks(vol)
    assert str(vol) not in [v["mountpoint"] for v in facts["volumes"]]  # unmounted: no longer reported


@needs_root
def test_read_only_volume_is_reported(tmp_path):
    if not shutil.which("mkfs.ext4"):
        pytest.skip("mkfs.ext4 (e2fsprogs) is not installed")
    image = tmp_path / "usb.img"
    with open(image, "wb") as fh:
        fh.truncate(16 * 1024 * 1024)
    subprocess.run(["mkfs.ext4", "-q", "-F", str(image)], check=True, capture_output=True)
    # a disk image opened read-only (mount -o loop: an .img, an .iso) is a file, not a failing disk: not warned (e8ddcf7)
    with mounted(tmp_path / "image", "-o", "loop,ro", str(image)) as vol:
        facts, outcome = scan_disks(vol)
        ours = next(v for v in facts["volumes"] if v["mountpoint"] == str(vol))
        assert ours["readonly"] is True and ours["device"].startswith("/dev/loop")
        assert "can only be read" not in outcome.summary and not any("damaged" in a for a in outcome.advice), outcome
    # the same file system from a disk's own device node, as a USB stick's /dev/sdb1 is mounted (no device-mapper here: a
    # node with the loop device's numbers under another name, which the kernel's mount table shows as given)
    loop = subprocess.run(["losetup", "-f", "--show", str(image)], capture_output=True, text=True, check=False).stdout.strip()
    if not loop:
        pytest.skip("no free loop device")
    node = Path(f"/dev/selfcheck-test-usb{os.getpid()}")
    try:
        rdev = os.stat(loop).st_rdev
        os.mknod(node, 0o600 | stat.S_IFBLK, os.makedev(os.major(rdev), os.minor(rdev)))
        with mounted(tmp_path / "usb", "-o", "ro", str(node)) as vol:
            facts, outcome = scan_disks(vol)
            ours = next(v for v in facts["volumes"] if v["mountpoint"] == str(vol))
            assert ours["readonly"] is True and ours["device"] == str(node)
            assert outcome.status is Status.WARN
            assert f"“{Path(vol).name}” can only be read" in outcome.summary
    finally:
        node.unlink(missing_ok=True)
        subprocess.run(["losetup", "-d", loop], capture_output=True, check=False)


@needs_root
def test_inode_exhaustion_on_a_small_tmpfs_fails(tmp_path):
    with mounted(tmp_path / "cache", "-t", "tmpfs", "-o", "size=8m,nr_inodes=40", "tmpfs") as vol:
        made = 0
        with contextlib.suppress(OSError):
            for n in range(100):
                (vol / f"f{n}").touch()
                made += 1
        assert made < 100  # the file system really ran out of inodes
        facts, outcome = scan_disks(vol)
        ours = next(v for v in facts["volumes"] if v["mountpoint"] == str(vol))
        assert ours["inodes_free"] == 0 and ours["free"] > 7_000_000
        assert outcome.status is Status.FAIL
        assert f"“{Path(vol).name}” cannot hold any more files" in outcome.summary


def start_hog() -> int:
    """A busy process that is not selfcheck's child (the check leaves its own children out)."""
    out = subprocess.run(["sh", "-c", f"'{sys.executable}' -c 'while True: pass' >/dev/null 2>&1 & echo $!"], capture_output=True, text=True, check=True)
    return int(out.stdout.strip())


def test_cpu_hog_is_named_among_the_top_processes():
    hog_pid = start_hog()
    try:
        time.sleep(0.3)
        # calm_load_ratio 0: watch even though the load average has not had time to rise
        t = thresholds("hardware.cpu", busy_percent=0, quick_sample_seconds=0.2, sample_seconds=1.0, calm_load_ratio=0, background_model_lookup=False)
        facts = CpuCheck().collect(Context({}, t))
        pids = [p["pid"] for p in facts["processes"]]
        assert hog_pid in pids, facts["processes"]
        mine = next(p for p in facts["processes"] if p["pid"] == hog_pid)
        assert mine["core_percent"] > 5  # measured, not a placeholder (it shares 2 cores with whatever else runs here: 19 % was seen under load)
        assert facts["processes_measured"] and facts["window_seconds"] >= 0.9
        outcome = evaluate_facts(CpuCheck, facts, t)
        assert "python" in " ".join(outcome.evidence["top_processes"])
    finally:
        os.kill(hog_pid, signal.SIGKILL)


def test_cpu_check_leaves_selfchecks_own_work_out():
    """The scan's own work (here: a thread of this process spinning) is not the computer being
    busy: the check measures it apart, as the operating system counts it, and leaves it out."""
    import threading

    from selfcheck.checks import hardware_cpu

    stop = threading.Event()

    def spin() -> None:
        while not stop.is_set():
            pass

    worker = threading.Thread(target=spin, daemon=True)
    worker.start()
    try:
        t = thresholds("hardware.cpu", busy_percent=101, quick_sample_seconds=0.8, background_model_lookup=False)
        before, started = hardware_cpu.own_cpu_seconds(), time.monotonic()
        facts = CpuCheck().collect(Context({}, t))
        own = hardware_cpu.own_percent(hardware_cpu.own_cpu_seconds() - before, time.monotonic() - started, facts["logical_cpus"])
    finally:
        stop.set()
        worker.join()
    assert own > 1  # the thread did run
    assert abs(facts["selfcheck_percent"] - own) <= max(10.0, own / 2), facts
    assert not facts["processes_measured"]


def test_idle_cpu_check_takes_a_quick_look_only():
    t = thresholds("hardware.cpu", busy_percent=101, background_model_lookup=False)
    facts = CpuCheck().collect(Context({}, t))
    assert not facts["processes_measured"] and facts["processes"] == []
    assert facts["logical_cpus"] >= 1 and facts["model"]


def test_failing_disk_reported_by_smartctl(tmp_path, monkeypatch):
    """The real collect path with a stand-in smartctl replaying a recorded failing disk
    (this machine's virtual disk has no SMART data)."""
    from real_outputs import real

    payload = tmp_path / "sda.json"
    payload.write_text(real("linux", "smartctl_j_nvme_failed_samsung_mzwll3t2.json"))
    fake = tmp_path / "bin" / "smartctl"
    fake.parent.mkdir()
    fake.write_text(
        f'#!/bin/sh\nif [ "$1" = "--scan" ]; then echo \'{{"devices": [{{"name": "/dev/sda", "type": "sat"}}]}}\'; exit 0; fi\ncat "{payload}"; exit 24\n'
    )
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", f"{fake.parent}:{os.environ['PATH']}")
    t = thresholds("hardware.disk")
    facts = DiskCheck().collect(Context({}, t))
    assert facts["smart"]["available"] is True
    outcome = evaluate_facts(DiskCheck, facts, t)
    assert outcome.status is Status.FAIL
    assert outcome.summary.startswith("The disk “SAMSUNG MZWLL3T2HAJQ-00005” reports that it is failing.")
    assert "Back up your important files now" in outcome.advice[0]


def test_smart_part_skipped_with_a_reason_without_smartctl(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))  # no smartctl anywhere
    facts = DiskCheck().collect(Context({}, thresholds("hardware.disk")))
    assert facts["smart"] == {"available": False, "reason": "smartctl is not installed"}


def collect_as_another_account(home: Path) -> dict:
    """The disk check's facts as an ordinary account whose home is ``home`` collects them (root reads every folder), about
    that home's volume only (another test's full volume, mounted meanwhile, is not this test's)."""
    import json

    from repairs.polkitlab import unprivileged_python

    python = unprivileged_python() if shutil.which("setpriv") else None
    if python is None:
        pytest.skip("selfcheck cannot be run from this checkout by an unprivileged account (or setpriv is missing)")
    code = (
        "import json; from selfcheck import config; from selfcheck.api import Context; from selfcheck.checks.hardware_disk import DiskCheck\n"
        "t = {**config.load(include_system=False).thresholds('hardware.disk'), 'smart': False}\n"
        "print(json.dumps(DiskCheck().collect(Context({}, t))))\n"
    )
    as_nobody = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "sh", "-c", 'exec "$@"', "sh"]
    env = {**os.environ, **python[1], "HOME": str(home), "SELFCHECK_HOME": str(home.parent / "selfcheck")}
    done = subprocess.run([*as_nobody, *python[0], "-c", code], capture_output=True, text=True, env=env, timeout=60, cwd="/")
    assert done.returncode == 0, done.stderr[-3000:]
    from test_checks_hwos import judged_only

    return judged_only(json.loads(done.stdout), home)


def in_french(what, *args):
    from selfcheck import i18n

    i18n.set_language("fr")
    try:
        return what(*args)
    finally:
        i18n.set_language("en")


@needs_root
def test_a_folder_closed_to_the_person_is_not_counted_as_nothing_in_a_full_home():
    """Tried for real: a full home (tmpfs) holding "Secret" (8 MB, another account's, chmod 000) and "Pictures" (3 MB),
    scanned by its owner. The count was marked complete, the person was told the most space was taken by “Pictures”, and
    support's details did not mention “Secret”. Now the facts name it as not read (size unknown), the card says it may be
    the largest, and the person is shown the system's own view instead of a folder that may not be the biggest."""
    import tempfile

    from selfcheck import supportcard

    lab = Path(tempfile.mkdtemp(prefix="selfcheck-closed-"))  # pytest's own folders are closed to other accounts
    lab.chmod(0o755)
    home = lab / "marie"
    try:
        with mounted(home, "-t", "tmpfs", "-o", "size=11m,mode=0777", "tmpfs"):
            (home / "Secret").mkdir()
            (home / "Secret" / "vault.bin").write_bytes(b"x" * 8_000_000)
            (home / "Secret").chmod(0)  # root's: closed to the person
            (home / "Pictures").mkdir()
            (home / "Pictures" / "holiday.jpg").write_bytes(b"x" * 3_000_000)
            os.chown(home / "Pictures", 65534, 65534)
            facts = collect_as_another_account(home)
            counted = facts["largest_folders"][str(home)]
            assert counted["folders"] == [{"name": "Pictures", "bytes": 3_000_000}]
            assert counted["unreadable"] == [{"name": "Secret", "bytes": None}]
            t = thresholds("hardware.disk", smart=False)
            outcome = evaluate_facts(DiskCheck, facts, t)
            assert outcome.evidence["largest_folders"][str(home)] == ["Pictures: 3 MB", "Secret: could not be read, size unknown"]
            # not told that “Pictures” takes the most space: the system's own view of what does
            assert outcome.fix is not None and outcome.fix.action == "open_storage_settings", outcome.fix
            assert outcome.advice[0] == "Click “Show what takes the most room”: it only shows, it removes nothing."
            french = in_french(evaluate_facts, DiskCheck, facts, t)
            assert not any("Pictures" in a for a in [*outcome.advice, *french.advice]), (outcome.advice, french.advice)
            assert french.advice[0] == "Cliquez sur «\u00a0Montrer ce qui prend le plus de place\u00a0»\u00a0: cela montre seulement, sans rien supprimer."
            assert f"Largest folders in {home} (on {home}): Pictures 3 MB. Secret could not be read: its size is unknown, it may be the largest." in (
                supportcard._disk_lines(facts)
            )
            assert (
                f"Plus gros dossiers de {home} (sur {home})\u00a0: Pictures 3\u00a0Mo. Secret n’a pas pu être lu\u00a0: sa taille est inconnue, c’est peut-être le plus gros."
                in in_french(supportcard._disk_lines, facts)
            )
            assert supportcard.full_volume_question(facts) == ""  # not "The biggest folder is Pictures (3 MB)"
            # the home itself closed to the person: it could not be read, the time did not run out
            home.chmod(0)
            facts = collect_as_another_account(home)
            assert facts["largest_folders"][str(home)]["error"] == "Permission denied"
            outcome = evaluate_facts(DiskCheck, facts, t)
            assert outcome.evidence["largest_folders"][str(home)] == ["(could not be read: Permission denied)"]
            assert f"Largest folders in {home} (on {home}): not known, it could not be read." in supportcard._disk_lines(facts)
            assert f"Plus gros dossiers de {home} (sur {home})\u00a0: inconnus, le dossier n’a pas pu être lu." in in_french(supportcard._disk_lines, facts)
    finally:
        shutil.rmtree(lab, ignore_errors=True)


@needs_root
def test_a_folder_closed_inside_a_home_folder_makes_its_size_a_minimum():
    """Tried for real: a full home (tmpfs) whose "Pictures" (3 MB) holds "Private" (8 MB, another account's, chmod 000)
    beside "Documents" (5 MB), scanned by its owner. "Private" was skipped without a word: "Pictures" was counted as 3 MB,
    the person was told the most space was taken by “Documents”, then “Pictures”, and support read "Documents 5 MB,
    Pictures 3 MB" and was asked where "the biggest folder, Documents (5 MB)" could go. Now "Pictures" is "at least 3 MB",
    the card says folders inside it could not be read and it may be the largest, and the person is shown the system's own
    view; once "Pictures" is the biggest counted anyway, the person is told its name first again."""
    import tempfile

    from selfcheck import supportcard

    lab = Path(tempfile.mkdtemp(prefix="selfcheck-closed-inside-"))  # pytest's own folders are closed to other accounts
    lab.chmod(0o755)
    home = lab / "marie"
    try:
        with mounted(home, "-t", "tmpfs", "-o", "size=16m,mode=0777", "tmpfs"):
            for folder, name, size in (("Pictures", "holiday.jpg", 3_000_000), ("Documents", "report.pdf", 4_500_000), ("Documents", "notes.odt", 500_000)):
                (home / folder).mkdir(exist_ok=True)
                (home / folder / name).write_bytes(b"x" * size)
                os.chown(home / folder, 65534, 65534)
            (home / "Pictures" / "Private").mkdir()
            (home / "Pictures" / "Private" / "vault.bin").write_bytes(b"x" * 8_000_000)
            (home / "Pictures" / "Private").chmod(0)  # root's: closed to the person
            facts = collect_as_another_account(home)
            counted = facts["largest_folders"][str(home)]
            assert counted["folders"] == [{"name": "Documents", "bytes": 5_000_000}, {"name": "Pictures", "bytes": 3_000_000, "at_least": True}]
            t = thresholds("hardware.disk", smart=False)
            outcome = evaluate_facts(DiskCheck, facts, t)
            assert outcome.evidence["largest_folders"][str(home)] == ["Documents: 5 MB", "Pictures: at least 3 MB (some folders inside could not be read)"]
            # not told that “Documents” takes the most space: the system's own view of what does
            assert outcome.fix is not None and outcome.fix.action == "open_storage_settings", outcome.fix
            assert outcome.advice[0] == "Click “Show what takes the most room”: it only shows, it removes nothing."
            french = in_french(evaluate_facts, DiskCheck, facts, t)
            assert french.advice[0] == "Cliquez sur «\u00a0Montrer ce qui prend le plus de place\u00a0»\u00a0: cela montre seulement, sans rien supprimer."
            assert not any("Documents" in a for a in [*outcome.advice, *french.advice]), (outcome.advice, french.advice)
            assert (
                f"Largest folders in {home} (on {home}): Documents 5 MB, Pictures at least 3 MB. "
                "Some folders inside Pictures could not be read: it holds more than counted. It may be the largest."
            ) in supportcard._disk_lines(facts)
            assert (
                f"Plus gros dossiers de {home} (sur {home})\u00a0: Documents 5\u00a0Mo, Pictures au moins 3\u00a0Mo. "
                "Des dossiers à l’intérieur de Pictures n’ont pas pu être lus\u00a0: il contient plus que ce qui a été compté. C’est peut-être le plus gros."
            ) in in_french(supportcard._disk_lines, facts)
            assert supportcard.full_volume_question(facts) == ""  # not "The biggest folder is Documents (5 MB)"
            # the report moved into "Pictures": counted the biggest, whatever the closed folder holds; named first again
            (home / "Documents" / "report.pdf").rename(home / "Pictures" / "report.pdf")
            facts = collect_as_another_account(home)
            outcome = evaluate_facts(DiskCheck, facts, t)
            assert outcome.advice[0] == "Click “Show the largest folders” to see what takes the most space: “Pictures”, “Documents”.", outcome.advice
            assert outcome.fix is not None and (outcome.fix.action, outcome.fix.arg) == ("open_folder", str(home))
            assert (
                f"Largest folders in {home} (on {home}): Pictures at least 7.5 MB, Documents 500 KB. Some folders inside Pictures could not be read: it holds more than counted."
                in (supportcard._disk_lines(facts))
            )
            assert supportcard.full_volume_question(facts).startswith("The biggest folder is Pictures (at least 7.5 MB):")
            assert in_french(supportcard.full_volume_question, facts).startswith("Le plus gros dossier est Pictures (au moins 7,5\u00a0Mo)\u00a0:")
    finally:
        shutil.rmtree(lab, ignore_errors=True)
