"""Repairs selfcheck can do itself, with the person's consent: find, fix, verify, record.

- :mod:`.model`: what a repair is (plain description, per-platform actions)
- :mod:`.catalog`: every repair, per platform (docs/repairs.md)
- :mod:`.policy`: the company's ``[repairs]`` settings
- :mod:`.elevation` / :mod:`.helper`: administrator rights for one action, asked of the OS
- :mod:`.run`: doing one end to end (check again, record); :mod:`.history`: the record for support

No Qt here: the window and ``selfcheck fix`` are front ends over it.
"""

from __future__ import annotations

from .catalog import REPAIRS, get
from .model import Action, ActionResult, Env, Repair
from .policy import allowed, offered
from .run import EXIT_CODES, RepairReport, perform, preview

__all__ = ["REPAIRS", "Action", "ActionResult", "EXIT_CODES", "Env", "Repair", "RepairReport", "allowed", "get", "offered", "perform", "preview"]
