"""The support card on a bundle made on a computer whose home folder is really full (a loop-mounted ext4).

Support must see at once which drive is full (the home folder's, not the main disk), that the
main disk has room, and what to ask the customer next — from the card alone.
"""

from __future__ import annotations

import json
import shlex
import subprocess
import sys
import zipfile

import pytest

from selfcheck import supportcard
from selfcheck.bundle.read import read_bundle

pytestmark = [pytest.mark.slow]


def test_a_full_home_folder_card(syslab_lab, tmp_path):
    image, device = syslab_lab.home_volume(size_mb=48)
    home = tmp_path / "home"
    home.mkdir()
    out = tmp_path / "full.zip"
    conf = tmp_path / "lab.toml"
    conf.write_text('[checks]\ndisabled = ["network.*"]\n')
    bundle = [sys.executable, "-m", "selfcheck", "bundle", "--symptom", "app", "--no-logs", "--rescan", "-o", str(out), "--config", str(conf)]
    bundle += ["--description", "Word says the document cannot be saved"]
    script = "\n".join(
        [
            "set -e",
            f"mount -t ext4 {shlex.quote(device)} {shlex.quote(str(home))}",
            f"mkdir -p {shlex.quote(str(home / 'Videos'))}",
            # fill the volume for real, with a folder support will want to see
            f"dd if=/dev/zero of={shlex.quote(str(home / 'Videos' / 'holiday.mp4'))} bs=1M status=none || true",
            "sync",
            f"{shlex.join(bundle)} > /dev/null",
            f"umount -l {shlex.quote(str(home))}",
        ]
    )
    proc = subprocess.run(
        ["unshare", "--mount", "--propagation", "private", "sh", "-c", script], capture_output=True, text=True, timeout=120, env=syslab_lab.env(home)
    )
    assert out.exists(), proc.stderr[-2000:]
    from selfcheck import app as app_mod

    app = app_mod.start((), "en")
    card = supportcard.from_bundle(read_bundle(out), app.registry, app.config.section("symptoms"))
    assert card.cause_id == "hardware.disk", card.to_text()
    # the drive that is full, named by where it is mounted (agent round 8: said as the part that holds the customer's files)
    home_line = next(line for line in card.proof if line.startswith("The part of the disk that holds the customer's files ("))
    assert f"({home}): " in home_line, home_line
    # and the main disk's room right after it, saying the customer's files cannot use it (agent round 13: "49.7 GB free" first confused)
    other = card.proof.index(home_line) + 1
    # agent round 15: "cannot be used" right with the figure (round 93: in fewer words)
    assert card.proof[other].startswith("The system's part of the disk (/) has ") and " free that the customer's files cannot use" in card.proof[other]
    assert not any("(other" in line and "free of" in line and line.split(":")[1].split()[0] != "0" for line in card.proof)  # no roomy side volumes
    # the next question moves the case on: where can the biggest folder go (the trash is empty: not asked)
    # (agent round 18: "keep the program open" said once, in the draft below, not again here)
    assert "keep the program" not in card.next_question.lower(), card.next_question
    assert card.next_question.splitlines()[0].startswith("The biggest folder is Videos ("), card.next_question
    assert "external drive or online storage" in card.next_question and "trash" not in card.next_question
    assert "Problem: Word says the document cannot be saved" in card.customer
    # agent round 10: the draft reply keeps the unsaved work first, then the trash, then asks whether saving works
    reply = next(lines for key, _title, lines in card.sections() if key == "reply")
    assert reply[2] == "1. Keep the program that cannot save open: do not close it, so your work is not lost.", reply
    # the trash is empty here: the reply does not promise that emptying it is enough (the customer's next step instead)
    assert not any("empty the trash" in line.lower() for line in reply), reply  # "the Trash" here (Linux), as the screen says
    assert reply[-1] == "Then please tell us: can you save your work now?", reply
    # what fills it, in one line: the folders under the home folder, biggest first
    assert any(line.startswith(f"Largest folders in {home} (on {home}): Videos ") for line in card.proof), card.to_text()
    with zipfile.ZipFile(out) as zf:
        assert zf.read("support-card.txt").decode().startswith("Support card — reference")
        manifest = json.loads(zf.read("manifest.json"))
    # the history lives on the full disk too: what is missing is named as support reads it, with the reason
    missing = {item["path"]: item for item in manifest["skipped"]}
    assert "The computer's history (earlier results, what changed)" in missing, missing
    # agent round 24: "“disk I/O error” next to the missing history files look[s] alarming": said plainly; the raw error kept
    history = missing["The computer's history (earlier results, what changed)"]
    assert history["reason"] == f"could not be added: the drive holding it ({home}) is full", history
    assert history["error"].startswith("OperationalError: "), history
    # and the card says what that costs: no "what changed", and why in plain words (the drive is full); agent round 23: the raw
    # "OperationalError: disk I/O error" on the card made the agent doubt the disk: it stays in the manifest (above), off the card
    assert f"What changed on this computer lately: unknown: its history could not be saved on the full drive ({home})." in card.not_tested, card.to_text()
    assert "OperationalError" not in card.to_text(), card.to_text()


def test_the_history_kept_before_the_home_folder_went_read_only_is_still_read(syslab_lab, tmp_path):
    """A drive with errors is mounted again read-only (ext4's errors=remount-ro): SQLite could not make its
    shared-memory file beside the history, so the scans kept could no longer be read ('selfcheck history' said
    'Something went wrong', the window lost "It was still fine when this program checked this computer…", the
    bundle support reads lost its history) just when support needs to know since when."""
    _image, device = syslab_lab.home_volume(size_mb=48)
    home = tmp_path / "home"
    home.mkdir()
    out = tmp_path / "ro.zip"
    conf = tmp_path / "lab.toml"
    conf.write_text('[checks]\nenabled = ["os.uptime"]\n')
    selfcheck = [sys.executable, "-m", "selfcheck"]
    script = "\n".join(
        [
            "set -e",
            f"mount -t ext4 {shlex.quote(device)} {shlex.quote(str(home))}",
            f"{shlex.join([*selfcheck, 'scan', '--check', 'os.uptime'])} > /dev/null || true",
            f"mount -o remount,ro {shlex.quote(str(home))}",
            f"{shlex.join([*selfcheck, 'history', '--json'])} > {shlex.quote(str(tmp_path / 'history.json'))} || echo history failed >&2",
            f"{shlex.join([*selfcheck, 'bundle', '--no-logs', '--rescan', '--config', str(conf), '-o', str(out)])} > /dev/null || echo bundle failed >&2",
            f"umount -l {shlex.quote(str(home))}",
        ]
    )
    proc = subprocess.run(
        ["unshare", "--mount", "--propagation", "private", "sh", "-c", script], capture_output=True, text=True, timeout=120, env=syslab_lab.env(home)
    )
    assert "failed" not in proc.stderr, proc.stderr[-2000:]
    scans = json.loads((tmp_path / "history.json").read_text())["scans"]
    assert len(scans) == 1 and set(scans[0]["results"]) == {"os.uptime"}
    with zipfile.ZipFile(out) as zf:
        assert json.loads(zf.read("history.json"))["scans_kept"] == 1
