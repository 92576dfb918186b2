"""What the window says about privacy, in one place (shown by the window's privacy dialogs)."""

from __future__ import annotations

from selfcheck.i18n import _


def privacy_notice() -> str:
    """What this program sends, to whom and when, translated when asked (it names no product: a company's branding
    gives the window its own name, and the customer may never have heard of selfcheck)."""
    return _(
        "This program checks this computer without sending anything anywhere. Only when you choose "
        "“Contact support” does it put together a diagnostic bundle: the results of the checks, "
        "facts about this computer (system, disks, memory, network settings), your description and, "
        "if you tick them, this program’s log and a picture of your screen. Names of people and "
        "computers, user accounts and addresses are masked before anything leaves your computer, "
        "and you see every file before it is sent. The bundle goes only to the support service "
        "your organisation has set up."
    )
