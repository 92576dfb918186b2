"""scripts/screenshots.py points SELFCHECK_HOME at a temporary folder of its own when it is imported (by itself and by
screenshots_verdict.py and screenshots_scale.py): each run left that folder, with its history, settings and bundles, in the
temporary folder. It is removed when the script ends, also after the window's settings were written there."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("PySide6")

SCRIPTS = Path(__file__).resolve().parents[2] / "scripts"

#: what a run does to its home, in short: the window's settings store and a bundle written there, then the script ends
RUN = """
import os, sys
from pathlib import Path
sys.path.insert(0, {scripts!r})
import screenshots
home = Path(os.environ["SELFCHECK_HOME"])
from selfcheck.gui import settings
settings.settings().setValue("contact/email", "someone@example.com")
(home / "received.zip").write_bytes(b"PK")
print(home)
"""


def test_the_pictures_home_is_removed_when_the_script_ends(tmp_path):
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in ("SELFCHECK_HOME", "XDG_DATA_HOME")}
    env.update(TMPDIR=str(tmp), QT_QPA_PLATFORM="offscreen")
    done = subprocess.run([sys.executable, "-c", RUN.format(scripts=str(SCRIPTS))], env=env, cwd=str(tmp_path), capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    home = Path(done.stdout.strip().splitlines()[-1])
    assert home.parent == tmp and home.name.startswith("selfcheck-shots-"), home
    assert not home.exists() and list(tmp.iterdir()) == [], list(tmp.iterdir())
