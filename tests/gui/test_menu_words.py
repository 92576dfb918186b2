"""The window's menus in the window's words (stop 43): the File menu said support's "Save diagnostic bundle…" and "Open
diagnostic bundle…" where the save screen says "Your message and what this program found are saved in this file". Every menu
title and item passes the plain-words lint, their keyboard letters (&) stay unique in each menu, in both languages; and the
File menu's saving saves: its item reached "Contact support" with triggered's True/False as a support request, and broke."""

from __future__ import annotations

import re

import pytest

pytest.importorskip("PySide6")

from selfcheck import i18n, plainwords  # noqa: E402

from . import fakechecks  # noqa: E402
from .conftest import run_scan  # noqa: E402

FILE_MENU = {
    "en": ("&Open a file made by this program…", "&Save what this program found to a file…"),
    "fr": ("&Ouvrir un fichier créé par ce programme…", "&Enregistrer ce que ce programme a trouvé dans un fichier…"),
}


def mnemonic(text: str) -> str:
    """The letter after a lone & (&& is a written ampersand), lower-cased, or ""."""
    found = re.search(r"(?<!&)&([^&\s])", text.replace("&&", ""))
    return found.group(1).casefold() if found else ""


def menu_texts(window) -> list[tuple[str, list[str]]]:
    """(menu title, its items' texts) for each menu of the window's menu bar."""
    return [(a.text(), [i.text() for i in a.menu().actions() if not i.isSeparator()]) for a in window.menuBar().actions() if a.menu()]


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_every_menu_text_is_in_plain_words_with_unique_keyboard_letters(make_window, qtbot, lang):
    window = make_window(fakechecks.PassCheck)
    window.set_language(lang)
    run_scan(qtbot, window)
    menus = menu_texts(window)
    assert (window.open_action.text(), window.save_action.text()) == FILE_MENU[lang]
    titles = [title for title, _items in menus]
    for texts in (titles, *(items for _title, items in menus)):
        letters = [mnemonic(t) for t in texts if mnemonic(t)]
        assert len(letters) == len(set(letters)), texts
    product = window.app.config.product_name()  # "About selfcheck": the company's own name where it brands it
    for text in [*titles, *(t for _title, items in menus for t in items)]:
        words = text.replace("&&", "&").replace("&", "").rstrip("…").replace(product, "this program")
        assert plainwords.problems(words) == [], text
    i18n.set_language("en")


def test_the_file_menus_saving_opens_the_review_that_saves_to_a_file(make_window, qtbot, monkeypatch, tmp_path):
    from PySide6.QtWidgets import QApplication, QFileDialog

    from selfcheck.gui import support
    from selfcheck.gui.support_dialog import SupportDialog

    assert support.can_send()  # this build sends: "Contact support" ends on "Send"
    window = make_window(fakechecks.PassCheck, fakechecks.FailCheck)
    run_scan(qtbot, window)
    window.save_action.trigger()
    QApplication.processEvents()
    dialogs = [w for w in QApplication.topLevelWidgets() if isinstance(w, SupportDialog) and w.isVisible()]
    assert len(dialogs) == 1, dialogs
    dialog = dialogs[0]
    dialog.what.setPlainText("Websites do not open.")
    dialog.next_button.click()
    qtbot.waitUntil(lambda: dialog.stack.currentIndex() == SupportDialog.REVIEW, timeout=10000)
    assert dialog.save_button.isVisibleTo(dialog) and not dialog.send_button.isVisibleTo(dialog)
    target = tmp_path / "for-support.zip"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    dialog.save_button.click()
    qtbot.waitUntil(lambda: dialog.done_title.text() == "Saved", timeout=10000)
    assert support.read(target).scan.result("fake.fail") is not None
    dialog.close()
