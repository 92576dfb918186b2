"""scripts/screenshots_verdict.py, as whoever makes the pictures runs it: it never touches that person's own selfcheck data
(each picture is a computer of its own, in a home the script makes and removes), and ``--only`` (one picture made again)
leaves the readers' usability folder alone: it created an empty docs/usability/verdict-<date> each time."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("PySide6")

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "screenshots_verdict.py"


@pytest.mark.parametrize("own_home", [False, True])
def test_one_picture_made_again_writes_no_usability_folder_and_leaves_the_persons_data_alone(tmp_path, own_home):
    person = tmp_path / "person"  # whoever runs the script: their history and a recording of their own
    data = person / "selfcheck" / "data" if own_home else person / ".local" / "share" / "selfcheck"
    (data / "recordings").mkdir(parents=True)
    mine = [data / "history.sqlite3", data / "recordings" / "recording-1796000000.json"]
    for path in mine:
        path.write_text("theirs", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k not in ("SELFCHECK_HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME")}
    env.update(HOME=str(person), TMPDIR=str(tmp_path / "tmp"), QT_QPA_PLATFORM="offscreen")
    if own_home:  # a person who keeps selfcheck's data in a folder of their choosing
        env["SELFCHECK_HOME"] = str(person / "selfcheck")
    (tmp_path / "tmp").mkdir()
    out, usability = tmp_path / "shots", tmp_path / "usability" / "verdict-today"
    done = subprocess.run(
        [sys.executable, str(SCRIPT), "--only", "cuts-recorded", "--out", str(out), "--usability", str(usability)],
        env=env,
        cwd=str(tmp_path),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert sorted(p.name for p in out.iterdir()) == ["verdict-cuts-recorded-fr.png", "verdict-cuts-recorded.png"]
    assert not usability.exists() and not usability.parent.exists(), "--only makes no usability folder"
    assert all(path.read_text(encoding="utf-8") == "theirs" for path in mine)  # nothing of theirs deleted or changed
    assert sorted(p.name for p in (data / "recordings").iterdir()) == ["recording-1796000000.json"]
    # the pictures' own homes are gone with the script (its gui.ini, written as the window's settings go, made one again),
    # also the one scripts/screenshots.py makes when it is imported (each run left a selfcheck-shots-* folder behind)
    assert not [p.name for p in (tmp_path / "tmp").iterdir() if p.name.startswith(("selfcheck-verdict-shots-", "selfcheck-shots-"))]
