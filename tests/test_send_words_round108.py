"""Send round 108 (issue 21, lay readers of 67, en and fr), the words outside the window: the request page's French fold
(« Seulement si le bouton n'a rien fait : la même aide, écrite ici en 3 étapes », quoted) and the make-room repair's words
as `selfcheck fix` and the repair's dialog say them (counting, preview, result, the manual step), no longer naming the
files it clears (scrap files, « brouillons », quoted in both languages as every naming for several rounds). The window:
tests/gui/test_send_words_round108.py."""

from __future__ import annotations

import os
import time

import pytest

from selfcheck import i18n
from selfcheck.repairs import run
from selfcheck.repairs.catalog import CLEAR_TEMP_MANUAL, REPAIRS
from selfcheck.repairs.model import Env
from selfcheck.repairs.storage import ClearTemp


def test_the_french_request_page_s_fold_says_plainly_what_it_holds():
    """Send round 108 (fr): « la même aide, écrite ici en 3 étapes » quoted: for when the button did nothing, what to do, in
    3 steps; the English, not quoted, unchanged."""
    from selfcheck_intake import support_requests

    contact = {"en": "phone 01 23 45 67 89", "fr": "téléphone 01 23 45 67 89"}
    summaries = {}
    for lang, who in (("en", "Clearline Help"), ("fr", "Clearline Assistance")):
        page = support_requests.page("7K2QD-9XHMA", "ok", lang, None, "https://support.example.com/get", who, "", contact, "Clearline SA")
        summaries[lang] = page[page.index("<summary>") + len("<summary>") : page.index("</summary>")]
    assert summaries["fr"] == "Si le programme ne s’ouvre pas\u00a0: les 3\u00a0étapes à suivre"
    assert "même aide" not in summaries["fr"] and "écrite ici" not in summaries["fr"]
    assert summaries["en"] == "If the program does not open: 3 steps to follow"


@pytest.mark.parametrize(
    ("lang", "counting", "words"),
    [
        ("en", "One moment: this program is looking for ways to make more room…", "make more room"),
        ("fr", "Un instant\u00a0: ce programme cherche comment faire de la place…", "faire de la place"),
    ],
)
@pytest.mark.parametrize("platform", ["linux", "windows", "darwin"])
def test_the_make_room_dialog_says_while_it_counts_what_its_button_says(lang, counting, words, platform):
    with i18n.language(lang):
        button = i18n._(REPAIRS["storage.clear_temp"].title)
        said = run.counting("storage.clear_temp", platform)
    assert said == counting and words in button and words in said, (button, said)
    assert "scrap" not in said and "brouillon" not in said


def test_the_manual_step_says_a_restart_makes_room_in_the_same_plain_words():
    """The manual step ("Restart the computer: many leftover files are deleted when it starts") named the files too."""
    with i18n.language("en"):
        en = i18n._(CLEAR_TEMP_MANUAL)
    with i18n.language("fr"):
        fr = i18n._(CLEAR_TEMP_MANUAL)
    assert en == "Restart the computer: when it starts, it makes some room by itself."
    assert fr == "Redémarrez l’ordinateur\u00a0: en démarrant, il fait un peu de place tout seul."


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_what_the_make_room_repair_says_before_and_after_names_no_scrap_files(tmp_path, lang):
    """Its preview and its result, as the dialog and `selfcheck fix` show them: the room it makes, no file's kind named."""
    old = time.time() - 3 * 86400
    (tmp_path / "cache").write_bytes(b"\0" * 2_100_000)
    os.utime(tmp_path / "cache", (old, old))
    env = Env(platform="linux", environ={"TMPDIR": str(tmp_path)})
    with i18n.language(lang):
        before = ClearTemp().preview(env)
        done = ClearTemp().run(env)
        nothing = ClearTemp().preview(env)
        again = ClearTemp().run(env)
    said = {
        "en": (
            "This makes room for",
            "Done: that made room for",
            "There is nothing this program can clear away by itself.",
            "There was nothing to clear away.",
        ),
        "fr": (
            "Cela libère la place pour",
            "C’est fait\u00a0: cela a libéré la place pour",
            "Il n’y a rien que ce programme puisse enlever tout seul.",
            "Il n’y avait rien à enlever.",
        ),
    }[lang]
    assert len(before) == 1 and before[0].startswith(said[0]), before
    assert done.ok and done.message.startswith(said[1]), done.message
    assert nothing == [said[2]] and again.message == said[3]
    for words in (*before, done.message, *nothing, again.message):
        assert "scrap" not in words.lower() and "brouillon" not in words.lower(), words
