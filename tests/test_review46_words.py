"""Second review of stop 46's desktop changes: a wording changed in one place and left in its twin.

70c21197 (send round 104): the repair button "Clear away files programs left behind" became "Clear away files that programs
no longer need" ("I don't know what files a program 'leaves behind'", « faire le ménage dans les fichiers laissés par les
programmes, je ne vois pas ce que c'est »); the dialog that button opens said, while it counted, "counting the files
programs left behind…" / « compte les fichiers laissés par les programmes… », the words readers did not understand."""

from __future__ import annotations

import pytest

from selfcheck import i18n
from selfcheck.repairs import run
from selfcheck.repairs.catalog import REPAIRS


@pytest.mark.parametrize(
    ("lang", "counting"),
    [
        ("en", "One moment: this program is looking for ways to make more room…"),
        ("fr", "Un instant\u00a0: ce programme cherche comment faire de la place…"),
    ],
)
@pytest.mark.parametrize("platform", ["linux", "windows", "darwin"])
def test_the_clear_away_dialog_says_while_it_counts_the_files_in_its_buttons_words(lang, counting, platform):
    with i18n.language(lang):
        button = i18n._(REPAIRS["storage.clear_temp"].title)
        said = run.counting("storage.clear_temp", platform)
    assert said == counting
    # the button's own words, after its verb ("Clear away" / « enlever »; d3f216b9 made the French button « Laisser ce programme
    # enlever les fichiers inutiles des programmes »: the counting line follows it; send round 107 (en, fr: "which files?"):
    # « … enlever les brouillons des autres programmes », "… the scrap files of other programs", and the counting line still)
    # send round 108 (en, fr: every naming of the files quoted): what it does, "make more room" / « faire de la place »
    files = {"en": "make more room", "fr": "faire de la place"}[lang]
    assert files in button and files in said, (button, said)
    assert "left behind" not in said and "laissés" not in said
