"""What the command line says to whoever runs ``selfcheck bundle``, ``selfcheck send`` and ``selfcheck outbox`` is in the
window's words, linted as the window's are (selfcheck.plainwords): the file the window's "Saved" screen names ("What this
program found is saved in this file"), a message waiting to be sent; never support's "bundle" / « dossier de diagnostic »
("Diagnostic bundle saved: PATH", "No bundle ID in the outbox", "The bundle could not be sent."). Only what follows "For
support:" is support's (its exact reason), and --help, ``show`` and ``open`` stay support's (docs/bundle.md says bundle)."""

from __future__ import annotations

import pytest

from selfcheck import cli, plainwords
from selfcheck.invocation import command

FOR_SUPPORT = {"en": "For support:", "fr": "Pour l’assistance\u00a0:"}
SUPPORT_WORD = {"en": "bundle", "fr": "dossier de diagnostic"}


def said(capsys, argv: list[str], *paths: object) -> list[str]:
    """The lines ``selfcheck ARGV`` printed (stdout and stderr), its paths and the command to type put aside (they are
    what to type or where to look, not words to read)."""
    capsys.readouterr()
    cli.main(argv)
    out = capsys.readouterr()
    text = out.out + out.err
    for path in sorted((str(p) for p in paths), key=len, reverse=True):
        text = text.replace(path, "FILE")
    return [line.replace(command(), "COMMAND") for line in text.splitlines() if line.strip()]


def unplain(lines: list[str], lang: str) -> list[str]:
    """Each line, up to its "For support:" part, that breaks the plain-words lint or says support's word."""
    bad = []
    for line in lines:
        customers = line.split(FOR_SUPPORT[lang])[0]
        if plainwords.problems(customers) or SUPPORT_WORD[lang] in customers.lower():
            bad.append(line)
    return bad


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_command_lines_messages_to_whoever_runs_it_say_the_windows_words_never_bundle(capsys, tmp_path, lang):
    config = tmp_path / "save.toml"  # one quick check; sending by saving (no support server configured)
    config.write_text('[checks]\nenabled = ["os.uptime"]\n\n[support]\nkind = "save"\n', encoding="utf-8")
    made = tmp_path / "made.zip"
    lines = said(capsys, ["bundle", "-o", str(made), "--no-logs", "--config", str(config), "--lang", lang], made)
    saved = {"en": "What this program found is saved in a file.", "fr": "Ce que ce programme a trouvé est enregistré dans un fichier."}
    assert any(line.startswith(saved[lang]) for line in lines), lines
    described = said(capsys, ["bundle", "-o", str(made), "--no-logs", "--config", str(config), "--description", "No sound", "--lang", lang], made)
    lines += described
    assert any(line.startswith({"en": "Your message and what", "fr": "Votre message et ce que"}[lang]) for line in described), described
    # the outbox: empty, a message that is not there, which one to remove
    lines += said(capsys, ["outbox", "list", "--lang", lang])
    lines += said(capsys, ["outbox", "retry", "--lang", lang])
    lines += said(capsys, ["outbox", "remove", "--lang", lang])
    lines += said(capsys, ["outbox", "retry", "NOPE", "--lang", lang])
    # sending by saving, and a file that is not one this program made
    kept = tmp_path / "kept"
    lines += said(capsys, ["send", str(made), "--config", str(config), "--lang", lang], made, kept, tmp_path)
    stray = tmp_path / "notes.txt"
    stray.write_text("not a zip", encoding="utf-8")
    failed = said(capsys, ["send", str(stray), "--config", str(config), "--lang", lang], stray)
    assert any(line.startswith(FOR_SUPPORT[lang]) for line in failed), failed  # the exact reason, last, for support
    lines += failed
    assert unplain(lines, lang) == [], "\n".join(lines)


#: a size as wording.size says it, in either language (or a count of bytes)
SIZE = r"\d+(?:[.,]\d+)?[ \u00a0]?(?:[KMGT]B|[KMGT]o|bytes|octets)\b"


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_selfcheck_bundle_says_the_files_size_to_support_only_and_what_it_removed_in_whole_translated_lines(capsys, tmp_path, lang):
    # it printed "Size: 18 KB" second, to whoever ran it (a byte count is not the customer's), and each kind of personal data
    # removed as code glued it, « adresses de cartes réseau (MAC): 5 », with no French space before the colon
    import re

    config = tmp_path / "save.toml"
    config.write_text('[checks]\nenabled = ["os.uptime"]\n\n[support]\nkind = "save"\n', encoding="utf-8")
    made = tmp_path / "made.zip"
    argv = ["bundle", "-o", str(made), "--no-logs", "--config", str(config), "--description", "Write to ann@example.org", "--lang", lang]
    lines = said(capsys, argv, made)
    for_support = [n for n, line in enumerate(lines) if line.startswith(FOR_SUPPORT[lang])]
    assert for_support == [len(lines) - 1], lines  # one line for support, the last
    assert not [line for line in lines[:-1] if re.search(SIZE, line)], lines
    assert re.fullmatch(re.escape(FOR_SUPPORT[lang]) + r" .*" + SIZE + r"\.", lines[-1]), lines[-1]
    removed = {"en": "Removed to protect your privacy:", "fr": "Retiré pour protéger votre vie privée\u00a0:"}[lang]
    kinds = lines[lines.index(removed) + 1 :]
    kinds = kinds[: next((n for n, line in enumerate(kinds) if not line.startswith("  ")), len(kinds))]
    email = {"en": "  e-mail addresses: ", "fr": "  adresses e-mail\u00a0: "}[lang]
    assert any(line.startswith(email) for line in kinds), kinds  # the address in the message was removed
    colon = {"en": r"  \S.*\S: \d+", "fr": r"  \S.*\S\u00a0: \d+"}[lang]
    assert all(re.fullmatch(colon, line) for line in kinds), kinds


def test_selfcheck_bundle_says_what_happened_first_then_the_file_on_a_line_of_its_own(capsys, tmp_path):
    """`selfcheck bundle` began "What this program found is saved in this file: /home/ann/…/clearline-…-2026-12-07.zip. Give
    it to…": the path in the first sentence the customer reads. Now what happened, in plain words, then the file on a line of
    its own, as `selfcheck send` and the window's Saved screen say it (The file: PATH), then the reference."""
    config = tmp_path / "save.toml"
    config.write_text('[checks]\nenabled = ["os.uptime"]\n\n[support]\nkind = "save"\n', encoding="utf-8")
    made = tmp_path / "made.zip"
    first = {
        "en": (
            "What this program found is saved in a file. Give it to your support team when they ask for it.",
            "Your message and what this program found are saved in a file. Give it to your support team when they ask for it.",
            "The file: FILE",
            "Reference to quote to support: ",
        ),
        "fr": (
            "Ce que ce programme a trouvé est enregistré dans un fichier. Donnez-le à votre assistance quand on vous le demandera.",
            "Votre message et ce que ce programme a trouvé sont enregistrés dans un fichier. Donnez-le à votre assistance quand on vous le demandera.",
            "Le fichier\u00a0: FILE",
            "Référence à donner à l’assistance\u00a0: ",
        ),
    }
    for lang, (found, with_message, file_line, reference) in first.items():
        for extra, sentence in (([], found), (["--description", "No sound"], with_message)):
            lines = said(capsys, ["bundle", "-o", str(made), "--no-logs", "--config", str(config), "--lang", lang, *extra], made)
            assert lines[:2] == [sentence, file_line], lines
            assert lines[2].startswith(reference), lines
