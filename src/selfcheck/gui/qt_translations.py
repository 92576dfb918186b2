"""Qt's own translations (the Yes/No/Cancel of its dialogs, file dialogs) for the chosen language."""

from __future__ import annotations

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication
from shiboken6 import isValid

#: the translators this module installed: they belong to the application, not to one window (a window closed while
#: in French, the request window or a test's, must not leave Qt's dialogs in French after switching back)
_installed: list[QTranslator] = []


def install_qt_translations(lang: str) -> None:
    """Translate Qt's own dialogs (buttons like Yes/No/Cancel, file dialogs) with qtbase_<lang>.qm, replacing the last ones.

    The replaced translators are deleted, not only removed: each switch of language loaded another catalogue, and
    every one ever loaded stayed in memory as long as the program ran."""
    app = QApplication.instance()
    if app is None:
        return
    global _installed
    for old in _installed:
        if isValid(old):  # gone with an earlier application (tests make several)
            app.removeTranslator(old)
            old.deleteLater()
    installed: list[QTranslator] = []
    if lang != "en":
        folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        for name in ("qtbase", "qt"):
            translator = QTranslator(app)
            if translator.load(f"{name}_{lang}", folder):
                app.installTranslator(translator)
                installed.append(translator)
                break
            translator.deleteLater()
    _installed = installed
    QLocale.setDefault(QLocale(lang))
