"""A verdict's page is built again for each check and each language: what watched the old one must let it go quietly.

Found by benchmarks/gui_stall.py (stop 34): after "Check again" in French, the "More below" cue (widgets.MoreBelow, stop 33)
removed its event filter from the old page body, already deleted by Qt, and raised; in the window the customer then saw
"Something went wrong in this program" (application.ExceptionReporter), once per new verdict. WholeLines had the same line.
"""

from __future__ import annotations

import pytest

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


@pytest.mark.parametrize("how", ["checked-again", "language"])
def test_a_verdict_page_deleted_while_it_is_built_again_raises_nothing(qtbot, how):
    # the page is built again on the next event-loop turn after a change of language (ResultsPage.retranslate) and its
    # cards are added one per turn (show_scan): a window deleted meanwhile (a test's window at its end, an application
    # closing) left queued turns that built the deleted page and raised "Internal C++ object already deleted", as the
    # "More below" cue did (02c0681)
    from shiboken6 import delete, isValid

    window = first_window(qtbot, *verdict_faults()["computer-full"])
    run_scan(qtbot, window)
    page = window.results_page
    built: list[object] = []
    page.ready.connect(built.append)
    assert page.scan is not None
    if how == "language":
        page.retranslate()  # the page is built again on the next turn
    else:
        page.show_scan(page.scan, page.registry)  # built again: its cards come turn by turn
    assert not built  # not all of it is there yet
    window.threads.stop_all(3000)
    delete(window)
    assert not isValid(page)
    qtbot.wait(200)  # the queued turns come: pytest-qt fails the test on an exception raised in them
    assert not built
