"""French typography in what a French reader is shown: a no-break space inside « » and before « : », a narrow one before
« ; ! ? », so that no line ends with « nor starts with » : ; ! ? (the French verdict pictures ended a line with « puis sur « »
and began the next with the button's name). The catalogues are typed with ordinary spaces; the rule is applied where French
words are read (i18n.french_spaces)."""

from __future__ import annotations

import os
import re
import string
import subprocess
import sys
from pathlib import Path

from selfcheck import i18n, wording
from selfcheck.i18n import _, language, ngettext, parse_po

ROOT = Path(__file__).resolve().parent.parent

#: an ordinary space where French typography has a no-break one: inside « », before : ; ! ?, around the « h » of a time
#: (« 9 h 40 »), before the « % » of a number (« 100 % ») and between a number and its unit (« 38 s », « 256 Go »)
UNITS = r"(?:[mµ]?s|min|tr/min|[KMGT]i?o(?:/s)?|octets?|°C|[kMG]?Hz|[kMG]bit/s|[kMG]b/s|bits)(?![\w'’/])"
ORDINARY = re.compile(rf"« | [»:;!?]|(?<=[\d}}]) (?:%|h(?!\w)|{UNITS})|(?<=[\d}}] h) (?=[\d{{])")
#: Enregistrez votre travail, cliquez sur la pomme …, puis sur « Redémarrer… » : un redémarrage …
RESTART = "Save your work, click the apple at the top left of the screen, then “Restart…”: a restart finishes the updates at once."


def _said_in_french() -> dict[str, list[str]]:
    """Every French catalogue sentence as a French reader gets it (through _ and ngettext), by msgid."""
    said = {}
    with language("fr"):
        for msgid, words in i18n.catalogue("fr").items():
            said[msgid] = [_(msgid)] if isinstance(words, str) else [ngettext(msgid, msgid, 1), ngettext(msgid, msgid, 2)]
    return said


def test_every_french_sentence_keeps_guillemets_and_punctuation_with_their_words():
    said = _said_in_french()
    offenders = [form for forms in said.values() for form in forms if ORDINARY.search(form)]
    assert not offenders, f"{len(offenders)} French texts with an ordinary space at « » : ; ! ?, a time, a percentage or a unit:\n" + "\n".join(offenders[:20])
    with language("fr"):
        assert _(RESTART) == (
            "Enregistrez votre travail, cliquez sur la pomme en haut à gauche de l’écran, puis sur «\u00a0Redémarrer…\u00a0»\u00a0: "
            "un redémarrage termine les mises à jour tout de suite."
        )
        assert _("What is the problem?") == "Quel est le problème\u202f?"
        # « 5 h » / « 0 min » never cut at a line's end (the support card's clock), nor « 4 » from its « % » (the verdict's battery)
        assert _("{n} h {m} min").format(n=5, m=0) == "5\u00a0h\u00a00\u00a0min"
        assert _("The battery is almost empty ({percent}%) and the computer is not plugged in.").format(percent=4) == (
            "La batterie est presque vide (4\u202f%) et l’ordinateur n’est pas branché."
        )
    # nor a number from its unit, wherever it is written: a sentence's (« 38 s »), a size's (wording.size), report.html's
    with language("fr"):
        assert _("{seconds} s").format(seconds="38") == "38\u00a0s"
        assert wording.size(256e9) == "256\u00a0Go" and wording.size(2.8e6) == "2,8\u00a0Mo" and wording.size(512) == "512\u00a0octets"
        assert not [m for m in ("{n} min", "{ms} ms", "{n} KB", "{ghz} GHz ({mhz} MHz)") if ORDINARY.search(_(m))]
    # English keeps ordinary spaces, and writes a percentage without one (report.html's table cells read "13 %")
    assert _("{seconds} s").format(seconds="38") == "38 s" and wording.size(256e9) == "256 GB" and wording.percent("13") == "13%"
    with language("fr"):
        assert wording.percent("12,5") == "12,5\u202f%"
    # nothing but those spaces changed: the words, the placeholders ({ref}) and their order are the catalogue's own
    typed: dict[str, str | list[str]] = {}
    for po in sorted((ROOT / "resources" / "locale" / "fr").glob("*.po")):
        typed.update(parse_po(po.read_text(encoding="utf-8")))
    # every sentence of ours is said; a company's catalogue loaded earlier in the same process (the ACME brand's checks)
    # is said too, and checked above, but is not ours to compare with resources/locale
    assert typed.keys() <= said.keys()
    quoted = 0
    for msgid in typed:
        forms = said[msgid]
        written = typed[msgid] if isinstance(typed[msgid], list) else [typed[msgid]]
        for shown, as_typed in zip(forms, written, strict=True):
            assert shown.replace("\u00a0", " ").replace("\u202f", " ") == as_typed.replace("\u00a0", " ").replace("\u202f", " "), msgid
            assert [f[1:] for f in string.Formatter().parse(shown)] == [f[1:] for f in string.Formatter().parse(as_typed)], msgid
            quoted += "«" in shown
    assert quoted > 200


def test_the_built_in_settings_french_questions_keep_their_question_marks():
    """The describe step's questions come from the settings ({ en = …, fr = … }), not from a catalogue."""
    from selfcheck import symptoms
    from selfcheck.config import load

    with language("fr"):
        asked = {q.id: q for q in symptoms.questions(load(include_system=False), "internet")}
    assert asked["where"].text == "Où êtes-vous\u202f?"
    assert asked["site"].placeholder == "Par exemple\u00a0: l’adresse du site de votre banque"
    assert not [q.text for q in asked.values() if ORDINARY.search(q.text)]


def test_the_relays_french_page_keeps_punctuation_with_its_words():
    """The page a customer opens from support's e-mail has its own French (selfcheck_intake.support_requests)."""
    import html

    from selfcheck_intake import support_requests

    about = {"en": "Clearline's help desk: your internet provider.", "fr": "le service d’aide de Clearline : votre fournisseur d’internet."}
    contact = {"en": "phone 01 23 45 67 89", "fr": "téléphone : 01 23 45 67 89"}
    page = support_requests.page("7K2QD-9XHMA", "ok", "fr", 1.9e9, "https://support.example.com/get", "Clearline", about, contact, "Clearline SA")
    words = html.unescape(re.sub(r"<[^>]+>", "\n", page.split("<body>", 1)[1]))
    assert "Langue\u00a0:" in words and "vraiment de Clearline\u202f?" in words
    assert "le service d’aide de Clearline\u00a0: votre fournisseur" in words and "(téléphone\u00a0: 01\u00a023\u00a045\u00a067\u00a089)" in words
    assert not ORDINARY.search(words), [line for line in words.splitlines() if ORDINARY.search(line)]


def test_french_in_a_console_without_the_narrow_space_gets_a_no_break_space_not_a_question_mark(tmp_path):
    """Windows' code pages (cp1252, cp850) have U+00A0 but not U+202F: selfcheck's output there, redirected to a file, read
    « Besoin d’aide ? » as « Besoin d’aide?? »."""
    folder = tmp_path / "company"
    folder.mkdir()
    (folder / "checks.toml").write_text(
        f'[[check]]\nid = "app.licence"\nkind = "path"\ntitle = "Licence file"\npath = "{(tmp_path / "missing").as_posix()}"\n'
        'messages = { fail = { en = "The licence file is missing.", fr = "Le fichier de licence est absent : qui l’a déplacé ?" } }\n',
        encoding="utf-8",
    )
    config = tmp_path / "company.toml"
    config.write_text(
        f'[checks]\nfolders = ["{folder.as_posix()}"]\n\n[branding]\nsupport_contact = {{ en = "the IT desk", fr = "le service informatique : poste 2345" }}\n',
        encoding="utf-8",
    )
    proc = subprocess.run(
        [sys.executable, "-m", "selfcheck", "scan", "--lang", "fr", "--check", "app.licence", "--config", str(config)],
        capture_output=True,
        env={**os.environ, "PYTHONIOENCODING": "cp1252"},
        timeout=120,
    )
    assert proc.returncode == 2, proc.stderr.decode("cp1252", "replace")
    out = proc.stdout.decode("cp1252")
    assert "Le fichier de licence est absent\u00a0: qui l’a déplacé\u00a0?" in out, out  # a company's French words too
    assert "Besoin d’aide\u00a0? le service informatique\u00a0: poste 2345" in out, out


#: an hour glued to its « h » (« 9h–17h », « 17h30 »), where French writes « 9 h », « 17 h 30 »
GLUED_HOURS = re.compile(r"\b\d{1,2}h(?:\d{2})?\b")


def test_the_example_companys_french_writes_its_hours_as_french_does():
    """The example company of the screenshots (the French window's « téléphone …, du lundi au vendredi, 9h–17h ») and the
    examples an admin copies from the docs wrote hours « 9h–17h »: French writes « de 9 h à 17 h ». The hours come from the
    company's settings (branding.support_contact), which i18n.french_spaces only keeps together where spaces are typed."""
    sys.path.insert(0, str(ROOT / "scripts"))
    from example_brand import example_branding

    contact = example_branding("fr")["support_contact"]
    assert not GLUED_HOURS.search(contact), contact
    with language("fr"):  # as the window shows it: « 9 h » and « 17 h » never cut at a line's end
        assert "de 9\u00a0h à 17\u00a0h" in i18n.pick({"en": example_branding("en")["support_contact"], "fr": contact})
    copied = [
        (doc.name, line)
        for doc in sorted((ROOT / "docs").glob("*.md"))
        for block in re.findall(r"```toml\n(.*?)```", doc.read_text(encoding="utf-8"), re.S)
        for line in block.splitlines()
        if GLUED_HOURS.search(line)
    ]
    assert not copied, copied


def test_the_relays_french_page_keeps_a_companys_hours_together_when_written_as_one_string():
    """A company's [requests] contact written once, as the French page reads it (scripts/example_brand.py writes it so):
    request-page-fr.png broke the line between « 17 » and « h) »."""
    import html

    from selfcheck_intake import support_requests

    contact = "téléphone 01 23 45 67 89, du lundi au vendredi, de 9 h à 17 h"
    page = support_requests.page("7K2QD-9XHMA", "ok", "fr", 1.9e9, "https://support.example.com/get", "Clearline", "", contact, "Clearline SA")
    words = html.unescape(re.sub(r"<[^>]+>", "\n", page.split("<body>", 1)[1]))
    assert "de 9\u00a0h à 17\u00a0h)" in words


def test_the_windows_french_keeps_a_companys_words_together_when_written_as_one_string():
    """A company's settings written once, not per language (``support_contact = "… de 9 h à 17 h"``), as the window shows
    them in French: the relay's page set them with French spacing (3b0de85e), the window did not, and its « 17 » could end a
    line with « h » starting the next. The same settings written per language were already set so."""
    from selfcheck import config as config_mod
    from selfcheck.gui import support

    contact = "téléphone 01 23 45 67 89, du lundi au vendredi, de 9 h à 17 h"
    config = config_mod.from_dict(
        {
            "branding": {
                "company": "Clearline : assistance",
                "support_contact": contact,
                "response_time": "en général sous 24 h",
                "about": "les personnes de Clearline, qui vous aident : elles répondent à 100 % des messages.",
            }
        }
    )
    with language("fr"):
        assert support.how_to_reach(config) == ["téléphone 01\u00a023\u00a045\u00a067\u00a089, du lundi au vendredi, de 9\u00a0h à 17\u00a0h"]
        assert support.response_time(config) == "en général sous 24\u00a0h"
        assert wording.company_name(config) == "Clearline\u00a0: assistance"
        assert support.support_is(config).endswith("qui vous aident\u00a0: elles répondent à 100\u202f% des messages.")
    with language("en"):  # English as written, its phone number on one line
        assert support.how_to_reach(config) == [contact.replace("01 23 45 67 89", "01\u00a023\u00a045\u00a067\u00a089")]


def test_a_companys_own_problem_written_as_one_string_keeps_french_spacing_in_the_verdict_and_on_the_card():
    """A company's problem to choose written once (``effect = "… de 9 h à 17 h"``, ``title = "Compta : …"``): its effect
    went through the catalogue (``_()``) and the card's "Chose:" line's title too, so neither got French spacing, as the
    company's other words have had since de22435b (i18n.pick): the verdict's « C’est sans doute pour cela que … de 9 h
    à 17 h » could end a line with « 17 » and start the next with « h ». English as written."""
    from selfcheck import config as config_mod
    from selfcheck import supportcard, symptoms

    effect = "le logiciel de comptabilité ne s’ouvre plus de 9 h à 17 h"
    title = "Compta : fermée de 12 h à 14 h"
    spec = {"compta": {"title": title, "effect": effect, "checks": ["os.uptime"]}}
    config = config_mod.from_dict({"symptoms": spec})
    with language("fr"):
        assert symptoms.effect(config, "compta") == "le logiciel de comptabilité ne s’ouvre plus de 9\u00a0h à 17\u00a0h"
        card = supportcard.build({"results": []}, {}, description={"symptom": "compta"}, symptoms=spec)
        assert card.customer[0] == "A choisi\u00a0: Compta\u00a0: fermée de 12\u00a0h à 14\u00a0h"
    with language("en"):
        assert symptoms.effect(config, "compta") == effect
        assert supportcard.build({"results": []}, {}, description={"symptom": "compta"}, symptoms=spec).customer[0] == f"Chose: {title}"
