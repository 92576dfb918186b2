"""The terminal report: verdict first, problems before the rest, colours only when asked."""

from __future__ import annotations

import io

from checkkit import config, make_check, outcome_check, registry_of
from selfcheck import i18n, textreport
from selfcheck.api import Outcome
from selfcheck.runner import Runner


def scan_of(*classes, cfg=None):
    registry = registry_of(*classes)
    return Runner(registry, cfg or config()).run(list(registry))


def sample():
    return scan_of(
        make_check("app.fine", title="Fine thing"),
        outcome_check("app.bad", lambda: Outcome.fail("The licence file is missing.", advice=["Call the IT desk."]), title="Licence"),
        outcome_check("app.meh", lambda: Outcome.warn("The backup is old.", advice=["Plug in the backup disk."]), title="Backup"),
        make_check("app.after-bad", depends_on=("app.bad",), title="Licence use"),
    )


def test_headline_action_and_counts_come_first():
    cfg = config()
    lines = textreport.format_scan(sample(), cfg).splitlines()
    assert lines[0] == "⚠ The licence file is missing."  # needs attention now, nothing at risk: the amber sign, not a red cross
    assert lines[1] == "  What to do now: Call the IT desk."
    # verdict round 10: which other thing; send round 23: "“Updates”: must I do something?": where it is told
    # send round 24: the long line (en) and "Updates" (worrying after an update): where it is, only; the heading follows
    # send round 25: "1 other thing can wait: it is further down." ("where?"): the heading right below says it
    assert lines[2] == "  1 problem needs attention now."
    # what can wait gets the calm sign, as the window's clock (not a warning sign under "not urgent")
    assert lines[3:6] == ["", "Other things we noticed — not urgent:", "  ℹ The backup is old."]
    assert "Every result — 4 checks: 1 OK, 1 warning, 1 problem, 1 not checked." in lines


def test_the_count_line_tells_what_is_urgent_and_check_again_is_one_label_in_french_too():
    """Send round 25 (en, fr): "1 other thing can wait: it is further down." / « … : il est plus bas. » ("where? is it
    “Other things we noticed”?", "now I wonder what else is wrong"): the "not urgent" heading right below says it, so the
    count line tells only what needs attention now. Verdict round 23 (en): "I did the steps above — check again", "when
    there was nothing for me to do myself"; every reader says "then I click check again": "Check again" everywhere."""
    i18n.set_language("fr")
    try:
        verdict = sample().diagnosis.verdict
        assert verdict.count_line == "1 problème est à régler maintenant."
        assert verdict.check_again == "Vérifier mon ordinateur à nouveau"
        out = textreport.format_scan(sample(), config())
        assert "peut attendre" not in out and "Autres remarques — rien d’urgent\u00a0:" in out
    finally:
        i18n.set_language("en")
    verdict = sample().diagnosis.verdict
    assert verdict.count_line == "1 problem needs attention now."
    assert verdict.check_again == "Check my computer again"


def test_problems_are_listed_before_what_is_fine_within_a_category():
    out = textreport.format_scan(sample(), config())
    assert out.index("Licence\n") < out.index("Backup\n") < out.index("Fine thing\n") < out.index("Licence use\n")
    assert "Not checked, because of the problem found by “Licence”." in out


def test_colours_only_when_asked_and_never_on_a_pipe(monkeypatch):
    scan = sample()
    assert "\033[" not in textreport.format_scan(scan, config(), color=False)
    assert "\033[1;33m⚠ The licence file is missing.\033[0m" in textreport.format_scan(scan, config(), color=True)
    assert textreport.use_color(io.StringIO()) is False
    monkeypatch.setenv("NO_COLOR", "1")

    class FakeTTY(io.StringIO):
        def isatty(self) -> bool:
            return True

    assert textreport.use_color(FakeTTY()) is False
    monkeypatch.delenv("NO_COLOR")
    monkeypatch.setenv("TERM", "xterm")
    assert textreport.use_color(FakeTTY()) is True


def test_support_contact_is_shown_when_something_is_wrong():
    cfg = config({"branding": {"support_contact": "IT desk: 01 23 45 67 89"}})
    assert textreport.format_scan(sample(), cfg).endswith(
        "Need help? IT desk: 01 23 45 67 89"
    )  # the number on one line (held while wrapping, printed with plain spaces: it copies as it dials)
    fine = scan_of(make_check("app.fine"))
    assert "Need help?" not in textreport.format_scan(fine, cfg)


def test_in_french():
    i18n.set_language("fr")
    out = textreport.format_scan(sample(), config())
    assert "4 vérifications\u00a0: 1 OK, 1 avertissement, 1 problème, 1 non vérifiée." in out
    assert "Que faire maintenant\u00a0: Call the IT desk." in out


def test_progress_bar_goes_to_its_stream_and_counts_every_check():
    stream = io.StringIO()
    progress = textreport.Progress(2, enabled=True, stream=stream)
    progress.event("started", "app.a", "Licence")
    progress.event("finished", "app.a", None)
    assert "[############------------] 1/2 Checking: Licence" in stream.getvalue()
    progress.close()
    assert stream.getvalue().endswith("\r")
    quiet = io.StringIO()
    textreport.Progress(2, enabled=False, stream=quiet).event("started", "app.a", "x")
    assert quiet.getvalue() == ""


def test_a_stream_that_cannot_show_symbols_gets_plain_ascii():
    raw = io.BytesIO()
    stream = io.TextIOWrapper(raw, encoding="cp1252")
    assert textreport.can_show_symbols(stream) is False
    textreport.print_scan(sample(), config(), stream=stream)
    stream.flush()
    text = raw.getvalue().decode("cp1252")
    assert text.startswith("! The licence file is missing.")
    assert "-> Call the IT desk." in text
    assert textreport.can_show_symbols(io.TextIOWrapper(io.BytesIO(), encoding="utf-8")) is True


def test_the_cli_never_crashes_on_an_encoding_that_cannot_show_french(tmp_path):
    import os
    import subprocess
    import sys

    env = {**os.environ, "PYTHONIOENCODING": "ascii"}
    proc = subprocess.run(
        [sys.executable, "-m", "selfcheck", "scan", "--lang", "fr", "--check", "os.uptime"], capture_output=True, text=True, env=env, timeout=60
    )
    assert proc.returncode in (0, 1), proc.stderr
    assert "Mises ? jour et r?glages" in proc.stdout


def test_json_on_a_stream_that_is_not_utf8_uses_escapes_not_question_marks():
    import json

    data = {"title": "Système d'exploitation ✔"}
    ascii_stream = io.TextIOWrapper(io.BytesIO(), encoding="ascii")
    assert "\\u00e8" in textreport.json_for(ascii_stream, data)
    assert json.loads(textreport.json_for(ascii_stream, data)) == data
    assert "Système" in textreport.json_for(io.TextIOWrapper(io.BytesIO(), encoding="utf-8"), data)


def test_french_punctuation_never_starts_a_line(monkeypatch):
    """A wrapped French line never begins with « : » or « ; », nor ends on an opening « ."""
    monkeypatch.setattr(textreport.shutil, "get_terminal_size", lambda fallback=(100, 20): __import__("os").terminal_size((60, 20)))
    step = "Activez le pare-feu fourni par votre système (par exemple «\u00a0ufw\u00a0» sous Ubuntu\u00a0: sudo ufw enable), ou demandez à l'assistance."
    for width_pad in range(50):
        lines = textreport._wrap("x" * width_pad + " " + step, "  ").splitlines()
        assert all(not line.strip().startswith((":", ";", "?", "!", "»")) for line in lines), lines
        assert all(not line.rstrip().endswith("«") for line in lines), lines
        assert " ".join(line.strip() for line in lines) == ("x" * width_pad + " " + step).strip()


def test_a_long_french_status_label_keeps_the_title_and_the_sentence_aligned():
    """« Vérification impossible » is longer than the English column: the title must not run into it."""

    def broken():
        raise RuntimeError("boom")

    i18n.set_language("fr")
    scan = scan_of(outcome_check("app.broken", broken, title="Agent ACME"), make_check("app.fine", title="Tout bon"))
    lines = textreport.format_scan(scan, config()).splitlines()
    title_line = next(line for line in lines if line.endswith("Agent ACME"))
    assert "Vérification impossible  Agent ACME" in title_line  # at least two spaces after the label
    column = title_line.index("Agent ACME")
    summary_line = lines[lines.index(title_line) + 1]
    assert len(summary_line) - len(summary_line.lstrip()) == column
    ok_line = next(line for line in lines if line.endswith("Tout bon"))
    assert ok_line.index("Tout bon") == column


def test_the_steps_to_do_now_are_numbered_from_one():
    """A support agent read "2." with no "1." in selfcheck show: the first step is numbered too."""
    from selfcheck import textreport as tr
    from verdictkit import sample_scan

    scan, _registry, cfg = sample_scan("internet")
    action = scan.diagnosis.verdict.action
    assert action is not None and action.steps, "the sample's action has several steps"
    lines = [line.strip() for line in tr.format_scan(scan, cfg).splitlines()]
    start = lines.index("What to do now:")
    assert lines[start + 1] == f"1. {action.text}"
    assert lines[start + 2].startswith(f"2. {action.steps[0][:20]}")


def test_a_problem_caused_by_another_is_counted_as_such():
    # the names fail because the line is down: "1 problem needs attention" above, "2 problems" below, said why
    scan = scan_of(
        outcome_check("app.line", lambda: Outcome.fail("The line is down."), title="Line"),
        outcome_check("app.names", lambda: Outcome.fail("Names are not found.", caused_by=["app.line"]), title="Names"),
    )
    lines = textreport.format_scan(scan, config()).splitlines()
    assert "  1 problem needs attention now." in lines, lines
    # said once, consistently: the one problem, and the one failing only because of it (not "2 problems" beside "1 problem")
    assert "Every result — 2 checks: 1 problem, 1 failing only because of it." in lines, lines
    # agent round 12: the "↳ Follows" label needed a second read: it says the same as the counts line, in its words
    names = next(line for line in lines if line.rstrip().endswith(" Names"))
    assert names.strip().startswith("↳ Because of it"), lines
    assert "(follows from “Line”: not a separate problem)" in " ".join(lines)


def test_a_support_contact_given_per_language_is_read_in_the_readers_language(tmp_path):
    """An admin whose customers read French and English wrote the phone hours in both, as for branding.about: the
    table was dropped ("this must be text; the default is used") and no contact was shown, in either language."""
    from selfcheck.config import load

    file = tmp_path / "config.toml"
    file.write_text(
        '[branding]\nsupport_contact = { en = "call 01 23 45 67 89, 9am-5pm", fr = "appelez le 01 23 45 67 89, de 9h à 17h" }\n',
        encoding="utf-8",
    )
    cfg = load([file], include_system=False)
    assert cfg.problems == []
    assert textreport.format_scan(sample(), cfg).endswith("Need help? call 01 23 45 67 89, 9am-5pm")
    i18n.set_language("fr")
    assert textreport.format_scan(sample(), cfg).endswith("appelez le 01 23 45 67 89, de 9h à 17h")
