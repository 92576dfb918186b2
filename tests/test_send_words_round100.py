"""Send rounds 98-100 (issue 21, two lay readers, en and fr, the send and repair pictures): the words they still quoted on the
repair offer and the review line, said so that a reader with no word for computers reads them right.

The computer is the recorded Windows disk of the pictures (tests/fixtures/hardware.disk/windows_ok.json), nearly full, its
Recycle Bin counted as the check counts it on Windows (test_disk_windows_recycle_bin.FakeShell32)."""

from __future__ import annotations

import json

import pytest

from selfcheck import i18n
from selfcheck.runner import evaluate_facts
from test_checks_hwos import CLASSES, FIXTURES, defaults
from test_disk_windows_recycle_bin import BIN_BYTES, collected_disk


def judged_disk(lang: str, free: int | None = None):
    """hardware.disk's judgement of the pictures' computer (``free``: the room left on C:, as the pictures' 630 MB)."""
    facts = collected_disk(BIN_BYTES)
    if free is not None:
        facts["volumes"][0]["free"] = free
    with i18n.language(lang):
        return evaluate_facts(CLASSES["hardware.disk"], facts, defaults("hardware.disk"))


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_empty_button_says_the_room_after_the_action_as_what_it_makes(lang):
    """Send round 99 (en): "Empty the Recycle Bin (room for about 430 more photos)": "At first I read it as if it would delete
    430 photos!" (send round 20 in French: « 430 de mes photos effacées ? »): the photos come after the action, as what
    emptying makes, never in brackets after "Empty"."""
    fix = judged_disk(lang).fix
    assert fix is not None and fix.action == "empty_trash"
    assert (
        fix.label
        == {
            "en": "Empty the Recycle Bin: this makes room for about 430 more photos",
            "fr": "Vider la corbeille\u00a0: cela fait de la place pour environ 430 photos de plus",
        }[lang]
    )
    action, _colon, gain = fix.label.partition(":")
    assert "(" not in fix.label and "430" not in action and "430" in gain


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_why_a_full_computer_matters_says_saving_work_not_running(lang):
    """Send round 100 (en): "Programs need free space to save your work and to run" ("to run"?): what the person knows of it."""
    outcome = judged_disk(lang, free=630_000_000)  # "very little space is left on it", as the pictures
    assert outcome.status.value == "fail"
    why = outcome.why
    assert (
        why
        == {
            "en": "Programs need free space to save your work. Your files are not lost: only the room for new ones is running out.",
            "fr": "Les programmes ont besoin de place libre pour enregistrer votre travail. Vos fichiers ne sont pas perdus\u00a0: "
            "c’est seulement la place pour les nouveaux qui vient à manquer.",
        }[lang]
    )


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_updates_not_done_yet_say_what_the_person_does_and_when(lang):
    """Send rounds 98-100 (en, fr): "Updates, and what 'have not been done yet' means I should do", "(how do I do them?)":
    nothing today, within a few days; the steps are the outcome's advice, under the card's "Show what to do" (the line itself
    points at no place: test_updates_line_everywhere)."""
    case = json.loads((FIXTURES / "security.updates" / "linux_apt_security_pending.json").read_text())
    with i18n.language(lang):
        outcome = evaluate_facts(CLASSES["security.updates"], case["facts"], defaults("security.updates"))
    said = {
        "en": "Nothing is needed today: do them within a few days.",
        "fr": "Rien n’est à faire aujourd’hui\u00a0: faites-les dans les prochains jours.",
    }[lang]
    assert outcome.summary.endswith(said), outcome.summary
    assert outcome.advice  # what "Show what to do" shows


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_much_less_space_since_then_says_it_can_happen_without_the_person_doing_anything(lang):
    """Send round 100 (en): "Much less space is free on this computer than before" ("why? I did nothing")."""
    from selfcheck.history.changes import GB, diff_states

    with i18n.language(lang):
        (change,) = diff_states({"free_space": {"C:\\": 80 * GB}}, {"free_space": {"C:\\": 2 * GB}}, ["free_space"])
    assert (
        change.plain
        == {
            "en": "Much less space is free on this computer than before. This is common: a computer fills up little by little as it is used.",
            "fr": "Il reste beaucoup moins de place libre sur cet ordinateur qu’avant. C’est courant\u00a0: un ordinateur se remplit peu à peu "
            "quand on s’en sert.",
        }[lang]
    )
    assert "C:" in change.text  # support's sentence keeps the drive and the figures


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_review_line_names_the_recycle_bin_as_the_reader_knows_it_and_the_trash_as_its_own(lang):
    """Send rounds 99-100 (en): "Recycle Bin. I know the little wastebasket, but I'm not sure that's the same thing"; (fr)
    « corbeille : je connais celle des e-mails, je suppose que c'est pareil »: where the review line first names Windows'
    Recycle Bin, it says it is the wastebasket on the desktop; a Mac's Trash keeps its own name."""
    from selfcheck.bundle.review import computer_summary

    windows = {"os": {"system": "Windows"}, "disks": [{"mountpoint": "C:\\", "total_bytes": 476e9, "free_bytes": 3e9}]}
    with i18n.language(lang):
        line = computer_summary(json.dumps(windows), disk=collected_disk(BIN_BYTES))[-1]
        mac = computer_summary(json.dumps({**windows, "os": {"system": "Darwin"}}), disk={**collected_disk(BIN_BYTES), "platform": "darwin"})
    named = {
        "en": "emptying the Recycle Bin (the wastebasket picture on your screen), which holds the files you deleted, adds room for about 430 more photos",
        "fr": "vider la corbeille (la petite poubelle dessinée sur votre écran), où sont les fichiers que vous avez supprimés, ajoute",
    }[lang]
    assert named in line, line
    assert "wastebasket" not in " ".join(mac) and "poubelle" not in " ".join(mac), mac
