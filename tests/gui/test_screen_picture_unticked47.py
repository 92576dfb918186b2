"""The picture of the screen goes only if ticked (ba84305d's words: "Without a tick, no one sees it and it is not kept"):
a tick taken away while the message is being prepared keeps it out of the message."""

from __future__ import annotations

from selfcheck.bundle.manifest import SCREENSHOT
from selfcheck.gui.support_dialog import SupportDialog

from . import fakechecks
from .conftest import run_scan


def test_a_picture_unticked_while_preparing_is_not_in_the_message(qtbot, make_window):
    """The first page, its boxes with it, stays in sight while "Preparing…": a person who takes the picture's tick away
    then (a second thought on reading "such as your e-mails") got a message holding the picture."""
    window = make_window(fakechecks.PassCheck, fakechecks.FailCheck)
    run_scan(qtbot, window)
    dialog = window.contact_support()
    dialog.what.setPlainText("Websites do not open since this morning.")
    dialog.include_screenshot.setChecked(True)
    qtbot.waitUntil(lambda: dialog.next_button.isEnabled())
    dialog.next_button.click()
    assert dialog.stack.currentIndex() != SupportDialog.REVIEW and dialog.include_screenshot.isVisible()
    dialog.include_screenshot.setChecked(False)  # before the plan made in the background comes back
    qtbot.waitUntil(lambda: dialog.stack.currentIndex() == SupportDialog.REVIEW, timeout=10000)
    assert SCREENSHOT not in dialog.planned.files
    assert not any(f.name.endswith(".png") for f in dialog.files)
