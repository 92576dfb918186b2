"""The desktop app (PySide6): the only part of selfcheck that imports Qt.

Thin views over the core: :mod:`selfcheck.runner` runs the checks inside a
worker thread (:mod:`.workers`), the window (:mod:`.mainwindow`) only shows
what the workers report. Start it with :func:`selfcheck.gui.application.run`.
"""
