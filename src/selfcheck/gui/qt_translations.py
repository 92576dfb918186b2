"""Qt's own translations (the Yes/No/Cancel of its dialogs, file dialogs) for the chosen language."""

from __future__ import annotations

from PySide6.QtCore import QLibraryInfo, QLocale, QObject, QTranslator
from PySide6.QtWidgets import QApplication


def install_qt_translations(owner: QObject, lang: str) -> None:
    """Translate Qt's own dialogs (buttons like Yes/No/Cancel, file dialogs) with qtbase_<lang>.qm."""
    app = QApplication.instance()
    if app is None:
        return
    for old in getattr(owner, "qt_translators", []):
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
    QLocale.setDefault(QLocale(lang))
