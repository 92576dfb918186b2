"""PyInstaller runtime hook: runs in the frozen app before selfcheck starts.

- ``SELFCHECK_APP_DIR`` names the folder holding the app's bundled files, so a
  brand's built-in config can point at the company checks shipped with it
  (``folders = ["$SELFCHECK_APP_DIR/brand/checks"]``).
- Ctrl+C while the app starts ends it quietly (exit 130, no traceback): the handler is set here, before PyInstaller's
  and PySide6's own runtime hooks (custom hooks run first), which take most of a frozen start (selfcheck.entry).
- No ``__pycache__`` is written next to company check files: the app's folder
  belongs to the package manager, and an uninstall must leave nothing behind.
"""

import os
import sys

from selfcheck.entry import quiet_start

quiet_start()

os.environ["SELFCHECK_APP_DIR"] = getattr(sys, "_MEIPASS", os.path.dirname(sys.executable))
sys.dont_write_bytecode = True
