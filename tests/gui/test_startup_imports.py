"""The window starts without loading what only some views need (review finding: the support card, 2,300 lines,
was loaded at every start for one call in the read-only bundle view)."""

from __future__ import annotations

import os
import subprocess
import sys


def test_the_main_window_starts_without_loading_the_support_card():
    code = "import sys, selfcheck.gui.mainwindow; print('selfcheck.supportcard' in sys.modules)"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True, timeout=120)
    assert out.stdout.strip() == "False"
