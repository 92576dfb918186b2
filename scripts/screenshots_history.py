#!/usr/bin/env python3
"""Screenshots of the "what changed" card and the recording timeline (issue 8), offscreen,
into docs/screenshots/: whatchanged-en.png, whatchanged-fr.png, recording-en.png.

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/screenshots_history.py
"""

from __future__ import annotations

import itertools
import os
import sys
import tempfile
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "screenshots"
sys.path.insert(0, str(ROOT / "tests"))


def main() -> None:
    home = Path(tempfile.mkdtemp(prefix="selfcheck-shots-"))
    os.environ["SELFCHECK_HOME"] = str(home)
    (home / "system").mkdir(parents=True)
    (home / "system" / "config.toml").write_text('[checks]\ndisabled = ["network.*"]\n')
    from PySide6.QtWidgets import QApplication

    from selfcheck import history, i18n
    from selfcheck.app import App
    from selfcheck.config import from_dict
    from selfcheck.gui import theme
    from selfcheck.gui.mainwindow import MainWindow
    from selfcheck.gui.overtime import RecordDialog
    from selfcheck.history import History, record

    qapp = QApplication.instance() or QApplication([])
    theme.apply(qapp, None)
    from gui import fakechecks

    fakechecks.reset()
    from selfcheck.api import Outcome
    from selfcheck.i18n import _

    class LinkDemoCheck(fakechecks.FailCheck):
        """The fake failing check, in the real network.link's words (translated), so the French shot is all French."""

        title = "Network connection (cable or Wi-Fi)"

        def evaluate(self, facts, thresholds):  # type: ignore[no-untyped-def]
            return Outcome.fail(
                _("This computer is not connected to any network: no cable and no Wi-Fi connection."),
                advice=[
                    _("Check that the network cable is plugged in at both ends, or turn Wi-Fi on and choose your network."),
                    _("Check that airplane mode is off."),
                ],
            )

    history.install()
    # the same words whenever the pictures are made: the good scan yesterday at 15:05, this one today at 10:05, local time
    # (the card says "yesterday at 15:05" / « hier à 15 h 05 »; from the real clock it changed at every run)
    from selfcheck import runner

    today = datetime.now().astimezone().replace(hour=10, minute=5, second=0, microsecond=0)
    t0 = (today - timedelta(days=1)).replace(hour=15).astimezone(UTC)
    ticks = itertools.count()
    runner._now_iso = lambda: (today + timedelta(milliseconds=next(ticks))).astimezone(UTC).isoformat(timespec="milliseconds")  # type: ignore[attr-defined]
    good_state = {
        "dns_servers": ["192.168.1.1"],
        "software": {"windows:Zoom": ["5.17.1", None]},
        "os_version": "Windows 11 23H2",
        "proxy": {},
        "gateway": "192.168.1.254",
    }
    with History() as db:
        db.add(
            {
                "scan_id": str(uuid.uuid4()),
                "started_at": t0.isoformat(),
                "status": "pass",
                "exit_code": 0,
                "diagnosis": {"headline": "Everything we checked looks fine."},
                "results": [{"id": "fake.fail", "status": "pass", "summary": "ok"}],
            },
            good_state,
        )
    bad_state = dict(good_state, dns_servers=["10.0.0.53"], software={"windows:Zoom": ["5.17.1", None], "windows:SuperCleaner VPN": ["3.2", None]})
    # the current scan's state comes from this machine; show the recorded example instead
    from selfcheck.history import changes

    changes_collect = changes.collect_state
    changes.collect_state = lambda config=None, scan_facts=None: bad_state  # type: ignore[assignment]
    history.collect_state = changes.collect_state  # type: ignore[attr-defined]
    OUT.mkdir(parents=True, exist_ok=True)
    for lang in ("en", "fr"):
        i18n.set_language(lang)
        config = from_dict({"history": {"relevant": {"fake.*": ["dns_servers", "software"]}}})
        app = App(config, fakechecks.registry(LinkDemoCheck, fakechecks.PassCheck), None)
        window = MainWindow(app, question_handler=lambda q: None)
        window.resize(900, 760)
        window.show()
        done = []
        window.scan_shown.connect(done.append)
        window.start_scan(None)
        while not done:
            qapp.processEvents()
        qapp.processEvents()
        window.grab().save(str(OUT / f"whatchanged-{lang}.png"))
        window.threads.stop_all(2000)
        window.close()
    changes.collect_state = changes_collect  # type: ignore[assignment]
    i18n.set_language("en")
    dialog = RecordDialog(from_dict({}))
    rec = dialog.recorder.recording
    for t in range(60):
        rec.samples.append({"t": t, "cpu": 15 + (70 if 30 <= t <= 38 else 0), "mem": 48 + t / 10, "support_ms": None if 31 <= t <= 40 else 12.0})
    rec.marks.append({"t": 33, "label": "It happened now"})
    dialog.start_button.setEnabled(False)
    dialog.status.setText("Marked at 33 s. You can mark it again or stop.")
    from PySide6.QtCore import QByteArray

    dialog.chart.load(QByteArray(record.timeline_svg(rec).encode()))
    dialog.resize(760, 420)
    dialog.show()
    qapp.processEvents()
    dialog.grab().save(str(OUT / "recording-en.png"))
    print("written:", ", ".join(p.name for p in sorted(OUT.glob("whatchanged-*.png")) + [OUT / "recording-en.png"]))


if __name__ == "__main__":
    main()
