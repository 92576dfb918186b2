"""Qt's own translations (the Yes/No/Cancel of its dialogs, file dialogs) for the chosen language."""

from __future__ import annotations

from PySide6.QtCore import QLibraryInfo, QLocale, QObject, QTranslator
from PySide6.QtWidgets import QApplication

_installed: list[QTranslator] = []


def install_qt_translations(owner: QObject, lang: str) -> None:
    """Translate Qt's own dialogs (buttons like Yes/No/Cancel, file dialogs) with qtbase_<lang>.qm."""
    app = QApplication.instance()
    if app is None:
        return
    # Qt's translators belong to the application, not to one window: a window closed while in French (the request
    # window, a test's window) must not leave Qt's dialogs in French after the language is switched back
    global _installed
    for old in [*_installed, *getattr(owner, "qt_translators", [])]:
        app.removeTranslator(old)
    installed: list[QTranslator] = []
    if lang != "en":
        folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        for name in ("qtbase", "qt"):
            translator = QTranslator(app)
            if translator.load(f"{name}_{lang}", folder):
                app.installTranslator(translator)
                installed.append(translator)
                break
    owner.qt_translators = installed  # type: ignore[attr-defined]
    _installed = installed
    QLocale.setDefault(QLocale(lang))
