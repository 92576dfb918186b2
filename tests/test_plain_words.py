"""Every headline a built-in check can produce is in plain words (docs/checks.md, “Words the customer reads”).

Each check is judged on each of its recorded fixtures (tests/fixtures/checks/),
in English and in French; the summary (the headline when it leads), the cause
(``why``), the first thing to do, a fix's button and the question it asks before
it runs are linted by :mod:`selfcheck.plainwords`.
"""

from __future__ import annotations

import pytest

from selfcheck import i18n, plainwords
from selfcheck.api import Status
from selfcheck.runner import evaluate_facts
from test_conformance import CONFIG, FIXTURE_FILES, REGISTRY, fixture_id, load_fixture

SHOWN = {Status.PASS, Status.INFO, Status.WARN, Status.FAIL}


def read_first(path) -> list[tuple[str, str]]:
    """(what, text) the customer reads first for this fixture, in the current language."""
    cls = REGISTRY.get(path.parent.name)
    data = load_fixture(path)
    outcome = evaluate_facts(cls, data["facts"], {**cls.thresholds_from(CONFIG), **data.get("thresholds", {})})
    if outcome.status not in SHOWN:
        return []
    texts = [("summary", outcome.summary)]
    if outcome.why:
        texts.append(("cause (why)", outcome.why))
    if outcome.status.is_problem and outcome.advice:
        texts.append(("first thing to do (advice[0])", outcome.advice[0]))
    if outcome.fix is not None:
        texts.append(("button (fix.label)", outcome.fix.label))
        if outcome.fix.confirm:
            texts.append(("question (fix.confirm)", outcome.fix.confirm))
    return texts


LINT = {"button": plainwords.label_problems, "question": plainwords.confirm_problems}


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_every_headline_summary_and_action_is_in_plain_words(lang):
    i18n.set_language(lang)
    failures = []
    try:
        for path in FIXTURE_FILES:
            for what, text in read_first(path):
                for why in LINT.get(what.split()[0], plainwords.problems)(text):
                    failures.append(f"{fixture_id(path)} [{lang}] {what}: {text!r}\n    {why}")
    finally:
        i18n.set_language("en")
    assert not failures, "Not in plain words yet (see docs/checks.md, “Words the customer reads”):\n" + "\n".join(failures)


@pytest.mark.parametrize(
    ("text", "broken"),
    [
        ("The DNS server (10.77.0.1) does not answer.", 2),
        ("The volume “backup” is full: only 0 bytes left of 57.4 MB.", 2),
        ("rt-server.exe is using the whole processor.", 1),
        ("Cannot reach updates.example.com.", 1),
        ("Le proxy ne répond pas.", 1),
        ("Connected to the network through enp3s0 (1000 Mbit/s).", 1),
        ("Websites cannot be found by name: your internet box does not answer.", 0),
        ("The USB drive called Backup is full: about 57 MB, all used.", 0),
        ("The sound volume is turned down.", 0),
        ("The program Zoom is using the whole processor.", 0),
        ("The clock is 60 days ahead.", 0),
        ("Delete files you no longer need, starting with large videos and old downloads.", 1),
        ("Supprimez les fichiers dont vous n’avez plus besoin.", 1),
        ("Remove downloads you no longer need: the “Downloads” folder holds copies of what you fetched.", 0),
        ("selfcheck does not know until when Gentoo Linux gets security fixes.", 1),
        ("Votre organisation ne permet pas à selfcheck de faire cette réparation.", 1),
        ("This program does not know until when Gentoo Linux gets security fixes.", 0),
        # send rounds 41-50: the review's hint says what a tick means, not the control's name
        ("Clear a part's check box to leave it out.", 1),
        ("Décochez la case à cocher d’une partie pour la garder.", 1),
        # small-screen rounds 6-10: the padlock read as "private": the lines say it in words
        ("Always sent", 0),
        # stop 42: a crashed check told the customer to "send the diagnostic bundle to support"; the button is "Contact support"
        ("Try again. If it happens again, send the diagnostic bundle to support.", 1),
        ("Réessayez. Si cela se reproduit, envoyez le dossier de diagnostic à l’assistance.", 1),
        ("Try again. If it happens again, contact support: what this program sends them says what went wrong.", 0),
        ("Toujours envoyé", 0),
        (
            "Parts with a tick, and those marked “Always sent”, are sent. To leave a part out, click the small square beside its name to take the tick away."
            " To see what is in a part, click its name.",
            0,
        ),
        (
            "Les parties avec une coche sont envoyées. Pour ne pas envoyer une partie, cliquez sur sa case pour enlever la coche. Pour voir ce que contient une partie, cliquez sur son nom\u00a0: cela n’enlève rien.",
            0,
        ),
    ],
)
def test_the_lint_catches_jargon_and_lets_plain_words_through(text, broken):
    assert len(plainwords.problems(text)) == broken, plainwords.problems(text)


@pytest.mark.parametrize(
    ("label", "broken"),
    [
        ("Empty the Recycle Bin (frees 1.3 GB)", 1),  # the label send round 19's readers quoted ("what is a GB?")
        ("Vider la corbeille (libère 1,3 Go)", 1),
        ("Empty the Trash (frees 500 MB)", 1),
        ("Free 2\u202f048 KiB", 2),
        ("Empty the Recycle Bin: this makes room for about 430 more photos", 0),
        ("Vider la corbeille\u00a0: cela fait de la place pour environ 430 photos de plus", 0),
        ("Show the largest folders", 0),
        ("Restart the computer", 0),
    ],
)
def test_a_button_label_never_carries_a_byte_count(label, broken):
    assert len(plainwords.label_problems(label)) == broken, plainwords.label_problems(label)


def test_the_full_disk_button_says_the_room_in_photos_in_both_languages():
    """The empty-trash button of a recorded full Windows system disk: the lint passes it, and would fail the old label."""
    paths = [p for p in FIXTURE_FILES if p.parent.name == "hardware.disk"]
    labels = {}
    for lang in ("en", "fr"):
        i18n.set_language(lang)
        try:
            for path in paths:
                cls = REGISTRY.get(path.parent.name)
                data = load_fixture(path)
                outcome = evaluate_facts(cls, data["facts"], {**cls.thresholds_from(CONFIG), **data.get("thresholds", {})})
                if outcome.fix is not None and outcome.fix.action == "empty_trash":
                    labels.setdefault(lang, []).append(outcome.fix.label)
        finally:
            i18n.set_language("en")
    assert labels.get("en") and labels.get("fr"), "no recorded fixture offers to empty the trash"
    for label in labels["en"]:
        assert "more photo" in label and not plainwords.label_problems(label), label
    for label in labels["fr"]:
        assert "photo" in label and not plainwords.label_problems(label), label


@pytest.mark.parametrize(
    ("question", "broken"),
    [
        ("Empty the Trash? The 3.2 GB of files in it will be deleted for good.", 1),  # the question a reviewer flagged
        ("Vider la corbeille\u202f? Les 3,2 Go de fichiers qu’elle contient seront supprimés définitivement.", 1),
        ("Empty the Recycle Bin? Everything in it will be deleted for good: you cannot get it back afterwards.", 0),
        ("Vider la corbeille\u202f? Tout ce qu’elle contient sera supprimé définitivement\u00a0: vous ne pourrez pas le récupérer ensuite.", 0),
        ("Cancel the document waiting to print? It will not be printed; you can print it again afterwards.", 0),
    ],
)
def test_a_fix_question_never_carries_a_byte_count(question, broken):
    assert len(plainwords.confirm_problems(question)) == broken, plainwords.confirm_problems(question)


def test_the_empty_trash_question_says_what_goes_without_a_size_in_both_languages():
    """The question box before the trash is emptied (a recorded full disk): everything in it goes for good, no size."""
    paths = [p for p in FIXTURE_FILES if p.parent.name == "hardware.disk"]
    questions: dict[str, set[str]] = {}
    for lang in ("en", "fr"):
        i18n.set_language(lang)
        try:
            for path in paths:
                cls = REGISTRY.get(path.parent.name)
                data = load_fixture(path)
                outcome = evaluate_facts(cls, data["facts"], {**cls.thresholds_from(CONFIG), **data.get("thresholds", {})})
                if outcome.fix is not None and outcome.fix.action == "empty_trash":
                    questions.setdefault(lang, set()).add(outcome.fix.confirm or "")
        finally:
            i18n.set_language("en")
    assert questions.get("en") and questions.get("fr"), "no recorded fixture offers to empty the trash"
    assert questions["en"] <= {
        f"Empty {trash}? Everything in it will be deleted for good: you cannot get it back afterwards." for trash in ("the Trash", "the Recycle Bin")
    }, questions["en"]
    assert questions["fr"] == {
        "Vider la corbeille\u202f? Tout ce qu’elle contient sera supprimé définitivement\u00a0: vous ne pourrez pas le récupérer ensuite."
    }, questions["fr"]
    assert not any(plainwords.confirm_problems(q) for qs in questions.values() for q in qs)


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_what_a_check_that_failed_to_run_tells_the_customer_is_in_plain_words(lang):
    """A check that crashed, took too long, could not be judged or made the program close: the customer read "send the
    diagnostic bundle to support" (stop 42), support's word for the file, where the window's button is "Contact support"."""
    from selfcheck import runner

    i18n.set_language(lang)
    try:
        said = {name: i18n._(getattr(runner, name)) for name in ("TRY_AGAIN", "COULD_NOT_JUDGE", "SET_ASIDE_BUILTIN")}
    finally:
        i18n.set_language("en")
    assert all(not plainwords.problems(text) for text in said.values()), {k: plainwords.problems(v) for k, v in said.items()}
    assert all(("contact support" if lang == "en" else "contactez l’assistance") in text.lower() for text in said.values()), said
