"""The window after a company check made selfcheck close: that check is "could not check", with the plain reason."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from .conftest import run_scan

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="os._exit as on Linux and macOS")

CRASHER = """
import os
from selfcheck.api import Check, Outcome


class Crasher(Check):
    id = "app.licence"
    category = "app"
    title = "Licence server"

    def collect(self, ctx):
        os._exit(3)

    def evaluate(self, facts, thresholds):
        return Outcome.ok("fine")
"""

WORDS = {
    "en": ("Could not check", "This check made this program close, so it is left out until it is updated."),
    "fr": ("Vérification impossible", "Cette vérification a fait se fermer ce programme\u00a0: elle est laissée de côté jusqu’à sa mise à jour."),
}


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_window_after_a_crash_shows_the_check_set_aside_and_the_others(qtbot, tmp_path, lang):
    from selfcheck import app as app_mod
    from selfcheck.gui.mainwindow import MainWindow

    folder = tmp_path / "company"
    folder.mkdir()
    (folder / "licence.py").write_text(CRASHER, encoding="utf-8")
    (folder / "ok.toml").write_text(f'[[check]]\nid = "app.ok"\nkind = "path"\ntitle = "Shared folder"\npath = "{tmp_path.as_posix()}"\n')
    config = tmp_path / "company.toml"
    config.write_text(f'[checks]\nfolders = ["{folder.as_posix()}"]\nenabled = ["app.licence", "app.ok"]\n', encoding="utf-8")
    crashed = subprocess.run(
        [sys.executable, "-m", "selfcheck", "scan", "--config", str(config)], capture_output=True, text=True, timeout=60, env=dict(os.environ)
    )
    assert crashed.returncode == 3 and crashed.stdout == ""  # closed by the check: not a verdict

    window = MainWindow(app_mod.start([config], lang))
    qtbot.addWidget(window)
    window.show()
    scan = run_scan(qtbot, window, timeout=60000)
    status, reason = WORDS[lang]
    card = window.results_page.cards["app.licence"]
    assert card.status_label.text() == status
    assert card.summary_label.text() == reason
    assert scan.result("app.ok").status.value == "pass" and "app.ok" in window.results_page.cards
    window.threads.stop_all()
