"""Send round 105 (issue 21, one new lay reader of 67 per language, the send, request and repair pictures of 70c21197):
what they still quoted: the admin repair's window ("It doesn't say what the window will say or who is asking"), the
French check-again button (« Place faite autrement ? Revérifier »), the fold's second way (en, fr: "I don't know which
files programs no longer need") and the French request words (« tel qu'il est maintenant », « un peu flou »)."""

from __future__ import annotations

import pytest

from selfcheck import i18n
from selfcheck.gui.repair_dialog import RepairDialog
from selfcheck.gui.support_dialog import SupportDialog

from .conftest import run_scan
from .test_repair_dialog import TrashDiskCheck, full_trash  # noqa: F401 (the fixture)
from .test_send_words_round103 import MORE_ROOM, full_windows_computer


@pytest.fixture(params=["en", "fr"])
def lang(request: pytest.FixtureRequest):
    yield request.param
    i18n.set_language("en")


def test_the_admin_repair_says_who_asks_and_what_windows_window_says(qtbot, make_window, full_trash, monkeypatch, lang):  # noqa: F811
    """Send round 105 (en): "a window comes up in the middle, asking if you agree": "It doesn't say what the window will
    say or who is asking, so I might hesitate": Windows asks, in the words its window shows (English and French
    Windows), with what its "app" and "device" are here, and "Yes" to click."""
    from selfcheck.platforms import adminprompt
    from selfcheck.repairs import model

    monkeypatch.setattr(model, "running_as_admin", lambda: False)
    monkeypatch.setattr(adminprompt, "admin_prompt", lambda *a, **k: adminprompt.CONSENT)
    window = make_window(TrashDiskCheck)
    run_scan(qtbot, window)
    window.set_language(lang)
    dialog = window.offer_repair("hardware.disk", "network.renew_address")
    assert isinstance(dialog, RepairDialog)
    text = dialog.admin_label.text()
    said = {
        "en": (
            "Windows asks, in a window in the middle: “Do you want to allow this app to make changes to your device?”",
            "(the app is this program, the device is this computer)",
            "Click “Yes”: that is normal, and no password is needed.",
        ),
        "fr": (
            "Windows vous demandera, dans une fenêtre au milieu\u00a0: «\u00a0Voulez-vous autoriser cette application à apporter des modifications"
            " à votre appareil\u202f?\u00a0»",
            "(l’application, c’est ce programme\u202f; l’appareil, c’est cet ordinateur)",
            "Cliquez sur «\u00a0Oui\u00a0»\u00a0: c’est normal, et aucun mot de passe n’est demandé.",
        ),
    }[lang]
    assert all(words in text for words in said), text
    assert "asking if you agree" not in text and "votre accord" not in text
    dialog.close()


def test_the_fold_s_second_way_says_this_program_finds_the_files(qtbot, lang):
    """Send rounds 104-105 (en, fr): "or clear away files that programs no longer need": "I don't know which files programs
    no longer need, so I wouldn't touch that": the person need not know which, this program finds them; the fold's title
    and its button say so in the same words."""
    window = full_windows_computer(qtbot, lang)
    card = window.results_page.headline_card
    assert card is not None and card.more_expander is not None and len(card.repair_buttons) == 1
    button = {
        "en": "Let this program make more room by itself",
        "fr": "Laisser ce programme faire de la place tout seul",
    }[lang]
    assert card.more_expander.text() == MORE_ROOM[lang]  # send rounds 109-111: the ways are named inside, one click later
    card.more_expander.click()
    assert card.repair_buttons[0].isVisible() and card.repair_buttons[0].text() == button
    window.threads.stop_all(3000)


def test_the_french_check_again_button_says_it_as_the_person_would(qtbot):
    """Send round 105 (fr): « Place faite autrement ? Revérifier » not understood: what the person has done, then what
    the button does."""
    window = full_windows_computer(qtbot, "fr")
    try:
        card = window.results_page.headline_card
        assert card is not None and card.again_button is not None
        assert card.again_button.text() == "Après avoir fait de la place\u00a0: revérifier" == card.again_button.accessibleName()
        window.threads.stop_all(3000)
    finally:
        i18n.set_language("en")


def test_the_request_words_say_the_computer_is_checked_now_in_plain_words(qtbot, make_window, lang):
    """Send round 105 (fr): « ce programme vérifie cet ordinateur tel qu'il est maintenant » (« un peu flou »): it checks
    this computer now; the English in step."""
    from selfcheck.upload.request import SupportRequest

    from . import fakechecks

    window = make_window(fakechecks.PassCheck)
    window.set_language(lang)
    run_scan(qtbot, window)
    dialog = window.contact_support(request=SupportRequest(code="7K2QD-9XHMA", ticket="48213", note="Please do the check."))
    assert isinstance(dialog, SupportDialog)
    text = dialog.describe_intro.text()
    now = {"en": "this program checks this computer now, and shows you", "fr": "ce programme vérifie cet ordinateur maintenant, puis vous montre"}
    assert now[lang] in text, text
    assert "as it is now" not in text and "tel qu’il est" not in text
    dialog.close()
    window.threads.stop_all(3000)
