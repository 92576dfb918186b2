"""Send rounds 113-114 (issue 21, lay readers of 67, en and fr, the repair offer of the pictures): step 2 said to put files
in the trash without saying how (« faites glisser dans la corbeille » : « je ne sais pas bien comment on fait », round 111
« mettez à la corbeille » the same way): it says how, in the words of the reader's own system; and the English check-again
button "After making room yourself: check my computer again" ("I'm not sure when I'd use that", "clumsy to read") says
what the unquoted French says, « Après avoir fait de la place : revérifier »."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from selfcheck import i18n
from selfcheck.runner import evaluate_facts
from test_checks_hwos import CLASSES, defaults

from .test_send_words_round103 import full_windows_computer

FIXTURES = Path(__file__).parent.parent / "fixtures" / "checks" / "hardware.disk"

HOW = {
    ("windows", "en"): "(click a file, then press the Delete key)",
    ("windows", "fr"): "(cliquez sur un fichier, puis appuyez sur la touche Suppr)",
    ("darwin", "en"): "(right-click a file, then choose “Move to Trash”)",
    ("darwin", "fr"): "(cliquez sur un fichier avec le bouton droit, puis choisissez «\u00a0Placer dans la corbeille\u00a0»)",
    ("linux", "en"): "(click a file, then press the Delete key)",
    ("linux", "fr"): "(cliquez sur un fichier, puis appuyez sur la touche Suppr)",
}


@pytest.fixture(params=["en", "fr"])
def lang(request: pytest.FixtureRequest):
    yield request.param
    i18n.set_language("en")


def test_the_repair_offer_says_how_to_put_a_file_in_the_recycle_bin_and_when_the_button_is_for(qtbot, lang):
    """The repair offer of the pictures (a full Windows computer): step 2 says how a file goes in the Recycle Bin, as Windows
    does it, and the check-again button says when it is for in as few words as the French."""
    window = full_windows_computer(qtbot, lang)
    try:
        card = window.results_page.headline_card
        assert card is not None and card.again_button is not None
        step_two = card.steps[0].text()
        expected = {
            "en": "2.  Then, if you need more room: put in the Recycle Bin only files you know you no longer need "
            "(click a file, then press the Delete key), and empty the Recycle Bin again.",
            "fr": "2.  Ensuite, s’il faut plus de place\u00a0: mettez dans la corbeille seulement les fichiers dont vous savez que vous "
            "n’avez plus besoin (cliquez sur un fichier, puis appuyez sur la touche Suppr), puis videz à nouveau la corbeille.",
        }[lang]
        assert step_two.startswith(expected), step_two
        assert "glisser" not in step_two and "drag" not in step_two
        again = {"en": "After making room: check my computer again", "fr": "Après avoir fait de la place\u00a0: revérifier"}[lang]
        assert card.again_button.text() == again == card.again_button.accessibleName()
    finally:
        window.threads.stop_all(3000)


@pytest.mark.parametrize("fixture", ["windows_c_full", "macos_data_almost_full", "linux_backup_drive_full"])
def test_step_two_says_how_a_file_goes_in_the_trash_in_the_words_of_each_system(fixture, lang):
    """Windows and the Linux file managers put a clicked file in the trash with the Delete key (« Suppr »); a Mac's Finder
    with its right-click menu, “Move to Trash” (« Placer dans la corbeille »), the words each system shows."""
    facts = json.loads((FIXTURES / f"{fixture}.json").read_text())["facts"]
    platform = facts["platform"]
    where = {"windows": "C:\\", "darwin": "/System/Volumes/Data", "linux": "/"}[platform]
    computer = next(v for v in facts["volumes"] if v["mountpoint"] == where)
    computer.update(free=int(computer["total"]) // 200)  # almost full
    facts["trash"] = {"bytes": 0, "complete": True}
    i18n.set_language(lang)
    outcome = evaluate_facts(CLASSES["hardware.disk"], facts, defaults("hardware.disk"))
    step = next(a for a in outcome.advice if a.startswith(("Put in", "Mettez dans")))
    assert HOW[platform, lang] in step, step
    others = {text for (system, language), text in HOW.items() if language == lang and text != HOW[platform, lang]}
    assert not any(text in step for text in others), step
