"""Translations: the .po reader, the language choice, and completeness of the French catalogue."""

from __future__ import annotations

import importlib.util
import re
import string
from pathlib import Path

import pytest

from selfcheck import i18n
from selfcheck.i18n import _, ngettext, parse_po, pick

ROOT = Path(__file__).resolve().parent.parent

PO = r"""
# French translation
msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\n"
"Plural-Forms: nplurals=2; plural=(n > 1);\n"

#: src/a.py:1
msgid "Hello"
msgstr "Bonjour"

#, fuzzy
msgid "Not sure"
msgstr "Pas sûr"

#, python-format, fuzzy
msgid "Also not sure"
msgstr "Pas sûr non plus"

msgid "Untranslated"
msgstr ""

msgid ""
"A long sentence "
"on two lines."
msgstr ""
"Une longue phrase "
"sur deux lignes."

msgid "Say \"hi\"\tthen\\go\n"
msgstr "Dites « salut »\tpuis\\partez\n"

msgid "{n} file"
msgid_plural "{n} files"
msgstr[0] "{n} fichier"
msgstr[1] "{n} fichiers"

msgid "{n} half"
msgid_plural "{n} halves"
msgstr[0] "{n} moitié"
msgstr[1] ""

msgctxt "menu"
msgid "Open"
msgstr "Ouvrir"

#~ msgid "Old"
#~ msgstr "Ancien"
"""


def test_parse_po_reads_entries_plurals_multiline_and_escapes():
    catalogue = parse_po(PO)
    assert catalogue["Hello"] == "Bonjour"
    assert catalogue["A long sentence on two lines."] == "Une longue phrase sur deux lignes."
    assert catalogue['Say "hi"\tthen\\go\n'] == "Dites « salut »\tpuis\\partez\n"
    assert catalogue["{n} file"] == ["{n} fichier", "{n} fichiers"]
    assert catalogue["Open"] == "Ouvrir"


def test_parse_po_leaves_out_fuzzy_untranslated_incomplete_and_obsolete_entries():
    catalogue = parse_po(PO)
    for msgid in ("Not sure", "Also not sure", "Untranslated", "{n} half", "Old", ""):
        assert msgid not in catalogue
    assert "Hello" in catalogue  # the fuzzy flag of one entry does not leak into the next


def test_a_broken_catalogue_shows_english_instead_of_crashing(tmp_path):
    (tmp_path / "fr").mkdir()
    (tmp_path / "fr" / "broken.po").write_bytes(b'msgid "Hello"\nmsgstr "\xff\xfe"\n')
    i18n.add_catalogue_dir(tmp_path)
    try:
        i18n.set_language("fr")
        assert _("The computer itself") == "L’ordinateur lui-même"  # the good catalogues still load
    finally:
        i18n._extra_dirs.remove(tmp_path)
        i18n._catalogues.clear()


def test_ngettext_uses_french_plural_rules():
    i18n.set_language("fr")
    singular, plural = "The computer was restarted {days} day ago.", "The computer was restarted {days} days ago."
    assert ngettext(singular, plural, 0) == "L’ordinateur a été redémarré il y a {days} jour."
    assert ngettext(singular, plural, 1) == "L’ordinateur a été redémarré il y a {days} jour."
    assert ngettext(singular, plural, 2) == "L’ordinateur a été redémarré il y a {days} jours."
    i18n.set_language("en")
    assert ngettext(singular, plural, 0) == plural
    assert ngettext(singular, plural, 1) == singular


def test_unknown_strings_stay_in_english():
    i18n.set_language("fr")
    assert _("A sentence nobody translated") == "A sentence nobody translated"


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({"LANG": "fr_FR.UTF-8"}, "fr"),
        ({"LANG": "fr_CA"}, "fr"),
        ({"LANG": "en_GB.UTF-8"}, "en"),
        ({"LANG": "de_DE.UTF-8"}, "en"),
        ({"LC_ALL": "en_US.UTF-8", "LANG": "fr_FR.UTF-8"}, "en"),
        ({"LC_ALL": "fr_BE.UTF-8", "LANG": "en_US.UTF-8"}, "fr"),
        ({"LC_MESSAGES": "fr_FR.UTF-8", "LANG": "en_US.UTF-8"}, "fr"),
        ({"LANGUAGE": "fr:en", "LANG": "en_US.UTF-8"}, "fr"),
        ({"LANGUAGE": "de:fr", "LANG": "en_US.UTF-8"}, "fr"),
        ({"LANGUAGE": "fr", "LC_ALL": "C"}, "en"),
        ({"LANG": "C.UTF-8"}, "en"),
    ],
)
def test_language_from_the_environment(monkeypatch, env, expected):
    for var in ("LC_ALL", "LC_MESSAGES", "LANGUAGE", "LANG"):
        monkeypatch.delenv(var, raising=False)
    for var, value in env.items():
        monkeypatch.setenv(var, value)
    assert i18n.system_language() == expected
    assert i18n.set_language(None) == expected


# `defaults read -g AppleLanguages` as printed on real Macs: tisfeng/Easydict#305 (2024-01-05, macOS 14, Chinese first)
# and jeandeaual/go-locale#11 (2021-10-14, codes with no region and no quotes). The Swiss one is the same form with
# German first and French second, the order a Swiss customer sets in System Settings.
EASYDICT_305 = '(\n    "zh-Hans-CN",\n    "en-CN"\n)\n'
GO_LOCALE_11 = "(\n    en,\n    fr,\n    ja\n)\n"
SWISS_DE_FR = '(\n    "de-CH",\n    "fr-CH",\n    "en-CH"\n)\n'


@pytest.mark.parametrize(
    ("printed", "expected"),
    [(EASYDICT_305, "en"), (GO_LOCALE_11, "en"), (SWISS_DE_FR, "fr"), ('(\n    "fr-FR"\n)\n', "fr"), ("", "en")],
)
def test_a_mac_shows_the_first_of_the_persons_preferred_languages_that_selfcheck_has(monkeypatch, printed, expected):
    """A Mac application opened from the Finder has no LANG: it shows the first language of the person's list that it
    has, as every Mac application does (German Macs showed eczarny/spectacle in French, the first of their languages
    it had, issue #385). A Swiss customer with German then French read selfcheck in English: only the first was read."""
    import subprocess

    for var in ("LC_ALL", "LC_MESSAGES", "LANGUAGE", "LANG"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setattr(i18n.sys, "platform", "darwin")
    monkeypatch.setattr(i18n.os, "name", "posix")
    asked = []

    def defaults(args, **kwargs):
        asked.append(args)
        return subprocess.CompletedProcess(args, 0, stdout=printed, stderr="")

    monkeypatch.setattr(subprocess, "run", defaults)
    assert i18n.system_language() == expected
    assert asked == [["defaults", "read", "-g", "AppleLanguages"]]


def test_set_language_normalises_and_falls_back(monkeypatch):
    monkeypatch.setenv("LANG", "fr_FR.UTF-8")
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LANGUAGE", raising=False)
    assert i18n.set_language("fr-CA") == "fr"
    assert i18n.set_language("EN") == "en"
    assert i18n.set_language("tlh") == "fr"  # unsupported: the system's language


def test_pick_per_language_values():
    value = {"en": "Shared folder", "fr": "Dossier partagé"}
    assert pick(value) == "Shared folder"
    i18n.set_language("fr")
    assert pick(value) == "Dossier partagé"
    assert pick({"en": "Only English"}) == "Only English"
    assert pick("plain") == "plain" and pick(None) == ""


def test_status_labels_and_categories_are_translated():
    from selfcheck.api import CATEGORY_TITLES, Status

    i18n.set_language("fr")
    assert [s.label for s in (Status.PASS, Status.WARN, Status.FAIL, Status.ERROR, Status.SKIP)] == [
        "OK",
        "Attention",
        "Problème",
        "Vérification impossible",
        "Non vérifié",
    ]
    assert _(CATEGORY_TITLES["network"]) == "Internet et réseau"


# --- completeness of the catalogues ------------------------------------------------------------


def _i18n_tool():
    spec = importlib.util.spec_from_file_location("i18n_tool", ROOT / "scripts" / "i18n.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_marked_string_has_a_french_translation():
    """Every _(), N_() and ngettext() string in src/ and checks/ is in a French .po file.

    Fix: `.venv/bin/python scripts/i18n.py add resources/locale/fr/<area>.po --from <your files>`,
    then fill each msgstr by hand.
    """
    i18n._catalogues.clear()
    catalogue = i18n.catalogue("fr")
    missing = {msgid: where for msgid, (_plural, where) in _i18n_tool().extract().items() if msgid not in catalogue}
    by_file: dict[str, list[str]] = {}
    for msgid, where in missing.items():
        by_file.setdefault(where[0].split(":")[0], []).append(f"  {where[0]}: {msgid!r}")
    report = "\n".join(f"{file} ({len(lines)} missing):\n" + "\n".join(lines) for file, lines in sorted(by_file.items()))
    assert not missing, f"{len(missing)} strings have no French translation:\n{report}"


def test_every_french_entry_is_asked_for_by_the_code():
    """No French entry that no _(), N_() or ngettext() can produce: after words change, the old entry goes.

    A stale entry is not harmless: it hides which words the translator must still check, and a string
    put back later would silently reuse a translation written for other words.
    Fix: `.venv/bin/python scripts/i18n.py prune` (removes them), or `scripts/i18n.py unused` to list them.
    """
    stale = _i18n_tool().unused("fr")
    report = "\n".join(f"{po.name}: {msgid!r}" for po, msgids in stale.items() for msgid in msgids)
    assert not stale, f"French entries no code asks for (run scripts/i18n.py prune):\n{report}"


#: where « support » is no name for the helpdesk: an operating system's end of support, a setting's name ([support] url,
#: support.company), a placeholder
_SUPPORT_NOT_THE_HELPDESK = re.compile(r"fin du support|\[support\]|\bsupport\.\w|\{support\}", re.I)
#: read by support staff only: the support card, and its heading in report.html and `selfcheck open`
_FOR_SUPPORT_STAFF = ("src/selfcheck/supportcard.py:",)
_SUPPORT_STAFF_MSGIDS = {"Support card"}


def test_french_a_customer_reads_names_the_helpdesk_l_assistance_only():
    """The window's buttons and end screens say « l’assistance »; advice, errors and the send screens said « contactez le
    support », « le serveur du support »: two words for one helpdesk make a reader wonder whether they are two people,
    and « support » for a helpdesk is jargon to a lay French reader (send rounds, fr). Only the support card, which
    support staff read, may say « fiche support »."""
    used = _i18n_tool().extract()
    said = []
    for po in sorted((ROOT / "resources" / "locale" / "fr").glob("*.po")):
        for msgid, msgstr in parse_po(po.read_text(encoding="utf-8")).items():
            where = used.get(msgid, (None, []))[1]
            if msgid in _SUPPORT_STAFF_MSGIDS or (where and all(w.startswith(_FOR_SUPPORT_STAFF) for w in where)):
                continue
            for form in msgstr if isinstance(msgstr, list) else [msgstr]:
                if re.search(r"\bsupport\b", _SUPPORT_NOT_THE_HELPDESK.sub("", form), re.I):
                    said.append(f"{po.name}: {form}")
    assert not said, "« support » for the helpdesk (say « l’assistance »):\n" + "\n".join(said)


def _fields(text: str) -> set[str]:
    return {name for _lit, name, _spec, _conv in string.Formatter().parse(text) if name is not None}


def test_translations_keep_the_placeholders_of_the_english():
    problems = []
    for po in sorted((ROOT / "resources" / "locale" / "fr").glob("*.po")):
        for msgid, msgstr in parse_po(po.read_text(encoding="utf-8")).items():
            forms = msgstr if isinstance(msgstr, list) else [msgstr]
            try:
                expected = _fields(msgid)
                for form in forms:
                    if _fields(form) != expected and not (isinstance(msgstr, list) and _fields(form) <= expected):
                        problems.append(f"{po.name}: {msgid!r} -> {form!r}")
            except ValueError as exc:  # a stray brace
                problems.append(f"{po.name}: {msgid!r}: {exc}")
    assert not problems, "placeholders differ:\n" + "\n".join(problems)


def test_french_uses_typographic_quotes_not_english_ones():
    text = (ROOT / "resources" / "locale" / "fr" / "core.po").read_text(encoding="utf-8")
    msgstrs = re.findall(r'^msgstr(?:\[\d\])? "(.*)"$', text, re.M)
    assert not [m for m in msgstrs if "“" in m or "”" in m]


#: a French elision (l’, d’, n’, qu’, jusqu’…) written with a straight apostrophe
_STRAIGHT_ELISION = re.compile(r"\b(?:[cdjlmnst]|qu|jusqu|lorsqu|puisqu|quelqu|presqu|aujourd)'(?=[^\W\d_]|\{|«)", re.I)


def _french_texts() -> list[tuple[str, str]]:
    """Every French text a reader may see from the catalogue and the built-in settings: (where, text)."""
    import tomllib

    texts = []
    for po in sorted((ROOT / "resources" / "locale" / "fr").glob("*.po")):
        for msgstr in parse_po(po.read_text(encoding="utf-8")).values():
            texts += [(po.name, form) for form in (msgstr if isinstance(msgstr, list) else [msgstr])]

    def walk(node: object, where: str) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "fr" and isinstance(value, str):
                    texts.append((where, value))
                walk(value, where)
        elif isinstance(node, list):
            for value in node:
                walk(value, where)

    for toml in sorted((ROOT / "resources" / "config").glob("*.toml")):
        walk(tomllib.loads(toml.read_text(encoding="utf-8")), toml.name)
    return texts


#: the French of the intake relay's request link as Request Tracker mails it to the customer (the scrip's message lines)
RT_SCRIP = ROOT / "packaging" / "intake" / "rt" / "selfcheck-rt-setup.pl"


def _relay_french_texts() -> list[tuple[str, str]]:
    """Every French text the intake relay shows or sends a customer or an agent, apart from the catalogues (it has its own):
    the request page (support_requests.TEXTS), the pages of a bundle link that gives no bundle (agent_pages.TEXTS) and the
    reply with the link that RT's scrip mails (its message lines; the English ones never match a French elision). (where,
    text)."""
    pytest.importorskip("selfcheck_intake")
    from selfcheck_intake import agent_pages, support_requests

    texts = [("support_requests.py", text) for text in support_requests.TEXTS["fr"].values()]
    texts += [("agent_pages.py", text) for text in agent_pages.TEXTS["fr"].values()]
    texts += [(RT_SCRIP.name, line) for line in re.findall(r'^\s*"(.*)",?$', RT_SCRIP.read_text(encoding="utf-8"), re.M)]
    return texts


#: the Windows installer's script: Inno Setup 6 reads it as UTF-8 because it starts with a byte order mark
INNO_SETUP = ROOT / "packaging" / "windows" / "selfcheck.iss"


def _toml_french(node: object, where: str) -> list[tuple[str, str]]:
    """Every ``fr`` text anywhere in a parsed TOML document (a brand's settings, a company check), as (where, text)."""
    if isinstance(node, dict):
        found = [(where, value) for key, value in node.items() if key == "fr" and isinstance(value, str)]
        return found + [text for value in node.values() for text in _toml_french(value, where)]
    if isinstance(node, list):
        return [text for value in node for text in _toml_french(value, where)]
    return []


def _packaging_french_texts() -> list[tuple[str, str]]:
    """The French the packages carry outside the catalogues: the Windows installer's messages (its shortcut's comment,
    « obtenir l'aide de l'assistance ») and the brands' own checks and settings (ACME's « S'il ne démarre pas, redémarrez
    l'ordinateur »). (where, text)."""
    import tomllib

    raw = INNO_SETUP.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "Inno Setup reads the script as UTF-8 only with its byte order mark"
    texts = [(INNO_SETUP.name, line) for line in re.findall(r"^french\.\w+=(.*)$", raw.decode("utf-8-sig"), re.M)]

    for toml in sorted((ROOT / "packaging" / "brands").rglob("*.toml")):
        texts += _toml_french(tomllib.loads(toml.read_text(encoding="utf-8")), str(toml.relative_to(ROOT)))
    return texts


#: the company checks the docs give as an example (docs/checks.md, "Declarative checks"): an admin copies their French
EXAMPLES = ROOT / "docs" / "examples" / "company-checks"


def _example_french_texts() -> list[tuple[str, str]]:
    """The French of the example company checks: the TOML checks' ``fr`` texts and their catalogue's (where, text)."""
    import tomllib

    texts: list[tuple[str, str]] = []

    for toml in sorted(EXAMPLES.rglob("*.toml")):
        texts += _toml_french(tomllib.loads(toml.read_text(encoding="utf-8")), toml.name)
    for po in sorted(EXAMPLES.rglob("*.po")):
        for msgstr in parse_po(po.read_text(encoding="utf-8")).values():
            texts += [(po.name, form) for form in (msgstr if isinstance(msgstr, list) else [msgstr])]
    return texts


def test_french_writes_its_apostrophe_one_way_the_typographic_one():
    """An admin's day one: `selfcheck send --lang fr` said « s'ouvrira », the verdict « l'analyse », beside the
    window's « l’assistance »: two apostrophes in one text. The catalogue wrote ’ twice as often as ' (1198 to 595
    before they were made one), so ’ it is, in every catalogue and in the French of the built-in settings; in the
    relay's own French (its request page, and RT's mail with the link: « ouvrez ce lien sur l'ordinateur » beside
    « Envoyer à l’assistance » in one sentence); in the packages' (the Windows installer's shortcut comment, the
    ACME brand's checks); and in the example company checks of the docs."""
    texts = _french_texts() + _relay_french_texts() + _packaging_french_texts() + _example_french_texts()
    assert any(where == RT_SCRIP.name and "ordinateur" in text for where, text in texts)  # the scrip's French is read
    # and the example company checks' (« Le VPN d'ACME répond », « Licence d'ACME Studio »): what an admin copies
    assert any(where == "acme_vpn.toml" and "VPN" in text for where, text in texts) and any(where == "acme.po" for where, _text in texts)
    assert any(where == INNO_SETUP.name and "assistance" in text for where, text in texts)  # the installer's French is read
    assert any(where.endswith("acme.toml") and "ordinateur" in text for where, text in texts)  # and the brand's checks'
    straight = [f"{where}: {text}" for where, text in texts if _STRAIGHT_ELISION.search(text)]
    typographic = sum(text.count("’") for _where, text in texts)
    assert typographic > 1000
    assert not straight, f"{len(straight)} French texts write ' where the others write ’:\n" + "\n".join(straight[:40])


def test_the_systems_english_error_words_become_plain_french():
    """'Connection refused' / 'No such file or directory' used to reach French readers in English."""
    import errno

    i18n.set_language("fr")
    assert i18n.os_error_text(ConnectionRefusedError(errno.ECONNREFUSED, "Connection refused")) == "la connexion a été refusée"
    assert i18n.os_error_text(FileNotFoundError(errno.ENOENT, "No such file or directory")) == "fichier ou dossier introuvable"
    assert i18n.os_error_text("ETIMEDOUT") == "pas de réponse à temps"
    assert i18n.os_error_text(OSError(errno.EIO, "Input/output error")) == "Input/output error"  # unknown: the system's words
    assert i18n.os_error_text("", "fallback") == "fallback"
    i18n.set_language("en")
    assert i18n.os_error_text(PermissionError(errno.EACCES, "Permission denied")) == "permission denied"


def test_no_msgid_is_translated_twice_across_catalogues():
    """Catalogues are merged (the last wins): one English string, one home (docs/checks.md)."""
    from selfcheck.i18n import parse_po

    folder = Path(__file__).resolve().parents[1] / "resources" / "locale"
    for lang_dir in sorted(p for p in folder.iterdir() if p.is_dir()):
        homes: dict[str, list[str]] = {}
        for po in sorted(lang_dir.glob("*.po")):
            for msgid in parse_po(po.read_text(encoding="utf-8")):
                if msgid:
                    homes.setdefault(msgid, []).append(po.name)
        twice = {m: files for m, files in homes.items() if len(files) > 1}
        assert not twice, f"{lang_dir.name}: translated in two catalogues: {twice}"


def test_the_translation_command_in_the_docs_finds_a_new_checks_strings():
    """docs/checks.md's `scripts/i18n.py add ... --from PATH` names a real catalogue and a path prefix of real files."""
    root = Path(__file__).resolve().parents[1]
    text = (root / "docs" / "checks.md").read_text(encoding="utf-8")
    commands = re.findall(r"scripts/i18n\.py add (\S+) --from (\S+)", text)
    assert commands
    for catalogue, prefix in commands:
        assert (root / catalogue).is_file(), catalogue
        stem = prefix.split("mycheck")[0]  # the docs' example file: its area prefix must match real checks
        assert any(str(p.relative_to(root)).startswith(stem) for p in (root / "checks").glob("*.py")), prefix


def test_a_per_language_text_in_the_config_that_is_not_text_is_no_text(tmp_path):
    """An admin's slip in a per-language setting ({en = 5}) gives the default words, not a crash of the window."""
    from selfcheck.config import load
    from selfcheck.gui.support import support_is

    (tmp_path / "brand.toml").write_text('[branding]\ncompany = "Clearline"\nabout = {en = 5, de = ["x"]}\n', encoding="utf-8")
    config = load([tmp_path / "brand.toml"], include_system=False)
    assert i18n.pick(config.get("branding.about")) == ""
    (tmp_path / "plain.toml").write_text('[branding]\ncompany = "Clearline"\n', encoding="utf-8")
    assert support_is(config) == support_is(load([tmp_path / "plain.toml"], include_system=False))  # the words said without one
    assert i18n.pick({"en": 5, "fr": "Le service d’aide"}) == "Le service d’aide"
