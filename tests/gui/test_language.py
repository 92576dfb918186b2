"""Switching language at runtime re-translates the window and judges the results again."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent

from selfcheck import i18n
from selfcheck.checks.os_uptime import UptimeCheck

from . import fakechecks
from .conftest import run_scan


def test_language_switch_changes_visible_texts_to_french(qtbot, make_window):
    window = make_window(UptimeCheck, fakechecks.FailCheck)
    scan = run_scan(qtbot, window)
    assert window.results_page.cards["os.uptime"].title_label.text() == "Time since the last restart"
    with qtbot.waitSignal(window.scan_shown, timeout=10000):  # the verdict is rebuilt in French
        window.language_box.setCurrentIndex(window.language_box.findData("fr"))
    assert i18n.current_language() == "fr"
    assert window.start_page.start_button.text() == "Vérifier mon ordinateur"
    assert window.results_page.support_button.text() == "Contacter l’assistance"
    card = window.results_page.cards["os.uptime"]
    assert card.title_label.text() == "Temps écoulé depuis le dernier redémarrage"
    # judged again from the facts, in French
    assert "redémarré" in card.summary_label.text()
    assert window.scan.id == scan.id
    assert window.file_menu.title() == "&Fichier"
    # Qt's own dialogs: qtbase_fr is loaded
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Annuler"
    # and back
    with qtbot.waitSignal(window.scan_shown, timeout=10000):
        window.set_language("en")
    assert window.start_page.start_button.text() == "Check my computer"
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Cancel"


def test_switching_language_again_and_again_keeps_one_catalogue_of_qt_in_memory(qtbot, make_window):
    # each switch to French loaded Qt's French catalogue again and kept every earlier one alive (removed, never
    # deleted): a customer trying the languages made the program bigger each time
    from PySide6.QtCore import QTranslator
    from PySide6.QtWidgets import QApplication

    window = make_window(fakechecks.PassCheck)
    app = QApplication.instance()

    def alive() -> list[QTranslator]:
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)  # what the event loop does between clicks
        return app.findChildren(QTranslator)

    for _round in range(4):
        window.set_language("fr")
        assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Annuler"
        assert len(alive()) == 1
        window.set_language("en")
        assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Cancel"
        assert alive() == []


def test_language_follows_the_os_when_nothing_is_chosen(monkeypatch):
    from selfcheck.gui.application import chosen_language

    monkeypatch.setenv("LANG", "fr_CA.UTF-8")
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    monkeypatch.delenv("LANGUAGE", raising=False)
    assert chosen_language(None, None) == "fr"
    assert chosen_language("en", None) == "en"
