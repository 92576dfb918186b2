"""A verdict's page is built again for each check and each language: what watched the old one must let it go quietly.

Found by benchmarks/gui_stall.py (stop 34): after "Check again" in French, the "More below" cue (widgets.MoreBelow, stop 33)
removed its event filter from the old page body, already deleted by Qt, and raised; in the window the customer then saw
"Something went wrong in this program" (application.ExceptionReporter), once per new verdict. WholeLines had the same line.
"""

from __future__ import annotations

from .conftest import run_scan
from .test_big_text import first_window, verdict_faults


def test_switching_language_and_checking_again_raises_nothing(qtbot):
    # pytest-qt fails the test on any exception raised in a slot (as the customer's window would show it)
    window = first_window(qtbot, *verdict_faults()["computer-full"])
    window.resize(920, 740)
    for _ in range(3):
        window.set_language("en")
        window.go_start()
        qtbot.wait(500)
        run_scan(qtbot, window)
        window.set_language("fr")
        qtbot.wait(60)
        first = window.scan.results[-1].check_id
        with qtbot.waitSignal(window.scan_shown, timeout=20000):
            window.check_again(first)
    window.threads.stop_all(3000)
