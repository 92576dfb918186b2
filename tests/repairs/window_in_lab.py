"""Run inside the network lab's client namespace: the real window (offscreen) scans the network,
a card offers the repair, the consent dialog is accepted, and what happened is printed as JSON.

    window_in_lab.py CONFIG [CHECK_ID]   (the card of CHECK_ID, network.link by default; its first repair button)
"""

from __future__ import annotations

import json
import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEventLoop, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402


def wait_for(signal, timeout_ms: int = 60000) -> list:  # type: ignore[no-untyped-def]
    loop = QEventLoop()
    got: list = []
    signal.connect(lambda *args: (got.extend(args), loop.quit()))
    QTimer.singleShot(timeout_ms, loop.quit)
    loop.exec()
    return got


def main() -> int:
    from selfcheck import app as app_mod
    from selfcheck.gui.mainwindow import MainWindow
    from selfcheck.gui.repair_dialog import RepairDialog

    qapp = QApplication([])
    from selfcheck.gui import gcguard

    gcguard.install(qapp)  # as the application does: cycles are collected on the GUI thread only
    app = app_mod.start([sys.argv[1]], "en")
    window = MainWindow(app)
    window.show()
    window.start_scan("internet")
    wait_for(window.scan_shown)
    check_id = sys.argv[2] if len(sys.argv) > 2 else "network.link"
    headline = window.results_page.headline_card
    if headline.verdict.action is not None and headline.verdict.action.check_id == check_id:
        # the headline problem's repairs are in the verdict's card; one that does the settings step for the person
        # is its first button (verdict round 5)
        first = [headline.fix_button] if headline.verdict.action.repair and headline.fix_button is not None else []
        buttons = first + headline.repair_buttons
    else:
        card = window.results_page.cards[check_id]
        card.expander.setChecked(True)
        buttons = card.repair_buttons
    out = {"before": window.scan.result(check_id).status.value, "buttons": [b.text() for b in buttons]}
    out["step"] = headline.verdict.action.text if headline.verdict.action is not None else None  # the verdict's first step
    buttons[0].click()
    dialog = window.findChild(RepairDialog)
    while not dialog.ready:  # the count runs in a worker (QApplication.processEvents(...) leaks a reference to None in PySide6 6.12)
        QEventLoop().processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents, 100)
    out["admin"] = dialog.admin_label.text()
    dialog.go_button.click()
    report = wait_for(dialog.repaired)[0]
    qapp.processEvents()
    out.update(outcome=report.outcome, message=dialog.status_label.text(), after=window.scan.result(check_id).status.value)
    print(json.dumps(out))
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
