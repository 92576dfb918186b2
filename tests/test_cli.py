"""The command line: exit codes, JSON schema, languages, and never a traceback."""

from __future__ import annotations

import importlib.util
import json
import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import jsonschema
import pytest

from selfcheck import __version__, cli, paths

SCHEMA = json.loads((Path(__file__).parent.parent / "docs" / "scan-schema.json").read_text(encoding="utf-8"))

PY_CHECKS = """
from selfcheck.api import Check, Fix, Outcome
from selfcheck.i18n import N_


class Crashing(Check):
    id = "app.crashing"
    category = "app"
    title = N_("Licence server")

    def collect(self, ctx):
        raise RuntimeError("licence server library crashed; token=abc123")

    def evaluate(self, facts, thresholds):
        return Outcome.ok("fine")


class WithFix(Check):
    id = "app.trash"
    category = "app"
    title = "Trash"

    def collect(self, ctx):
        return {"bytes": 5_000_000_000}

    def evaluate(self, facts, thresholds):
        return Outcome.warn(
            "The trash holds 5 GB.",
            advice=["Empty the trash."],
            fix=Fix("empty_trash", "Empty the trash", confirm="Delete the files in the trash for good?"),
            evidence={"bytes": facts["bytes"]},
        )
"""


def company(tmp_path: Path, *, ok: bool = True, warn: bool = False, fail: bool = False, error: bool = False, broken: bool = False) -> Path:
    """A --config file whose company folder holds checks of the statuses asked for."""
    folder = tmp_path / "company"
    folder.mkdir(exist_ok=True)
    existing, missing = str(tmp_path).replace("\\", "/"), str(tmp_path / "missing").replace("\\", "/")
    tables = []
    if ok:
        tables.append(f'id = "app.ok"\nkind = "path"\ntitle = {{ en = "Shared folder", fr = "Dossier partagé" }}\npath = "{existing}"')
    if warn:
        tables.append(f'id = "app.warns"\nkind = "path"\ntitle = "Backup file"\npath = "{missing}"\nseverity = "warn"')
    if fail:
        tables.append(
            f'id = "app.fails"\nkind = "path"\ntitle = "Licence file"\npath = "{missing}"\npriority = 5\n'
            'messages = { fail = { en = "The licence file is missing.", fr = "Le fichier de licence est absent." } }'
        )
        tables.append('id = "app.needs-licence"\nkind = "path"\ntitle = "Licence use"\npath = "/"\ndepends_on = ["app.fails"]')
    (folder / "checks.toml").write_text("".join(f"[[check]]\n{t}\n\n" for t in tables), encoding="utf-8")
    if error or warn:
        (folder / "extra.py").write_text(PY_CHECKS if error else PY_CHECKS.replace("class Crashing", "class _Unused").replace('"app.crashing"', '""'))
    if broken:
        (folder / "broken.py").write_text("def oops(:\n")
    config = tmp_path / "company.toml"
    config.write_text(f'[checks]\nfolders = ["{str(folder).replace(chr(92), "/")}"]\n', encoding="utf-8")
    return config


def run_cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    full_env = {**os.environ, **(env or {})}
    return subprocess.run([sys.executable, "-m", "selfcheck", *args], capture_output=True, text=True, timeout=60, env=full_env)


# --- exit codes ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("statuses", "code"),
    [
        ({"ok": True}, 0),
        ({"warn": True}, 1),
        ({"warn": True, "fail": True}, 2),
        ({"error": True}, 3),
        ({"error": True, "fail": True}, 2),
        ({"broken": True}, 3),
    ],
)
def test_exit_codes(tmp_path, capsys, statuses, code):
    config = company(tmp_path, **statuses)
    assert cli.main(["scan", "--config", str(config), "--category", "app"]) == code
    assert "Traceback" not in capsys.readouterr().out


def test_asking_for_checks_by_id_leaves_out_unrelated_load_problems(tmp_path):
    config = company(tmp_path, broken=True)
    assert cli.main(["scan", "--config", str(config), "--check", "app.ok"]) == 0


def test_exit_code_3_when_nothing_matches_or_the_symptom_is_unknown(tmp_path, capsys):
    assert cli.main(["scan", "--check", "no.such-check"]) == 3
    assert "No check matches what you asked for" in capsys.readouterr().err
    assert cli.main(["scan", "--symptom", "printer-on-fire"]) == 3
    err = capsys.readouterr().err
    assert "Unknown problem type “printer-on-fire”. Choose one of: everything, internet, slow-computer, app, calls, printing." in err


def test_bad_arguments_exit_3_not_2(capsys):
    assert cli.main(["scan", "--no-such-option"]) == 3
    assert "usage:" in capsys.readouterr().err


# --- JSON ------------------------------------------------------------------------------------


def test_scan_json_follows_the_documented_schema(tmp_path, capsys):
    config = company(tmp_path, warn=True, fail=True, broken=True)
    (tmp_path / "bad-settings.toml").write_text("[checks]\ntotal_budget = 'ten'\n")
    code = cli.main(["scan", "--json", "--config", str(config), "--config", str(tmp_path / "bad-settings.toml"), "--category", "app", "--category", "os"])
    data = json.loads(capsys.readouterr().out)
    jsonschema.validate(data, SCHEMA)
    assert code == data["exit_code"] == 2
    by_id = {r["id"]: r for r in data["results"]}
    assert {"os.uptime", "app.ok", "app.warns", "app.fails", "app.needs-licence", "app.trash"} <= set(by_id)
    assert by_id["app.needs-licence"]["consequence_of"] == ["app.fails"]
    assert by_id["app.trash"]["fix"]["action"] == "empty_trash"
    assert data["diagnosis"]["root_causes"][0] == "app.fails"
    assert data["diagnosis"]["headline"] == "The licence file is missing."
    assert data["config_problems"][0]["key"] == "checks.total_budget"
    assert "broken.py" in data["load_problems"][0]["message"]
    assert all("traceback" not in r for r in data["results"])
    assert data["language"] == "en"


def test_the_schema_rejects_what_it_should(tmp_path, capsys):
    cli.main(["scan", "--json", "--config", str(company(tmp_path)), "--category", "app", "--category", "os"])
    data = json.loads(capsys.readouterr().out)
    jsonschema.validate(data, SCHEMA)
    for breakage in (
        lambda d: d.pop("diagnosis"),
        lambda d: d["results"][0].update(status="bad"),
        lambda d: d.update(exit_code=7),
        lambda d: d["results"][0].update(advice="not a list"),
    ):
        broken = json.loads(json.dumps(data))
        breakage(broken)
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(broken, SCHEMA)


def test_list_json(tmp_path, capsys):
    assert cli.main(["list", "--json", "--config", str(company(tmp_path, broken=True))]) == 0
    data = json.loads(capsys.readouterr().out)
    ids = [c["id"] for c in data["checks"]]
    assert "os.uptime" in ids and "app.ok" in ids
    uptime = next(c for c in data["checks"] if c["id"] == "os.uptime")
    jsonschema.validate(uptime, {"$ref": "#/$defs/check", "$defs": SCHEMA["$defs"]})
    assert uptime["source"] == "builtin"
    assert "broken.py" in data["load_problems"][0]["source"]


def test_list_text(tmp_path, capsys):
    assert cli.main(["list", "--lang", "fr", "--config", str(company(tmp_path))]) == 0
    out = capsys.readouterr().out
    assert "Mises à jour et réglages" in out and "Temps écoulé depuis le dernier redémarrage" in out
    assert "Dossier partagé" in out


# --- languages and text ----------------------------------------------------------------------


def test_lang_fr_prints_french(tmp_path, capsys):
    code = cli.main(["scan", "--lang", "fr", "--config", str(company(tmp_path, fail=True)), "--category", "app"])
    out = capsys.readouterr().out
    assert code == 2
    assert out.splitlines()[0].endswith("Le fichier de licence est absent.")
    assert "Applications" in out and "Problème" in out and "Dossier partagé" in out
    assert "Non vérifié, à cause du problème trouvé par «\u00a0Licence file\u00a0»." in out


def test_lang_fr_json_is_french_too(tmp_path, capsys):
    cli.main(["scan", "--json", "--lang", "fr", "--check", "os.uptime"])
    data = json.loads(capsys.readouterr().out)
    assert data["language"] == "fr"
    assert data["results"][0]["title"] == "Temps écoulé depuis le dernier redémarrage"


def test_language_from_the_environment(tmp_path):
    proc = run_cli("scan", "--check", "os.uptime", env={"LANG": "fr_FR.UTF-8", "LC_ALL": "", "LANGUAGE": ""})
    assert "Temps écoulé depuis le dernier redémarrage" in proc.stdout


def test_help_is_translated(capsys):
    with pytest.raises(SystemExit):
        cli.build_parser().parse_args(["--help"])
    assert "Checks this computer" in capsys.readouterr().out
    assert cli.main(["scan", "--help", "--lang", "fr"]) == 0
    assert "uniquement cette catégorie" in capsys.readouterr().out


def test_french_help_keeps_its_quotes_and_colons_with_their_words(capsys, monkeypatch):
    """French puts a space inside « » and before its colon: at 80 columns 'selfcheck open --help' ended a line with « and
    began the next with 'scan --json »', and the headings read 'arguments:' / 'options:' under 'utilisation :'."""
    monkeypatch.setenv("COLUMNS", "80")
    assert cli.main(["open", "--help", "--lang", "fr"]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert "«\u00a0scan --json\u00a0»" in " ".join(line.strip() for line in lines)
    assert not [line for line in lines if line.rstrip().endswith("«") or line.lstrip().startswith(("»", ":", ";", "?", "!"))]
    assert "arguments\u00a0:" in lines and "options\u00a0:" in lines
    assert cli.main(["open", "--help", "--lang", "en"]) == 0
    english = capsys.readouterr().out.splitlines()
    assert "positional arguments:" in english and "options:" in english


def test_the_text_report_puts_the_headline_first_and_advice_under_problems(tmp_path, capsys):
    cli.main(["scan", "--config", str(company(tmp_path, warn=True, fail=True)), "--category", "app"])
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert lines[0] == "⚠ The licence file is missing."  # needs attention now, nothing at risk: the amber sign (f8228e4)
    assert "What to do now:" in lines[1]
    assert "Other things we noticed — not urgent:" in out
    assert "→ Empty the trash." in out
    assert "\033[" not in out  # no colours when the output is not a terminal


# --- version, help, crashes ------------------------------------------------------------------


def test_version():
    proc = run_cli("--version")
    assert (proc.returncode, proc.stdout.strip()) == (0, f"selfcheck {__version__}")


def test_no_arguments_without_a_display_prints_help(monkeypatch, capsys):
    for var in ("DISPLAY", "WAYLAND_DISPLAY"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    assert cli.main([]) == 0
    out = capsys.readouterr().out
    assert out.startswith("usage: selfcheck") and "scan" in out


def test_no_traceback_when_a_command_crashes(tmp_path):
    script = textwrap.dedent(
        """
        import sys
        from selfcheck import cli, discovery, app

        def explode(*args, **kwargs):
            raise RuntimeError("discovery blew up; password=hunter2")

        app.discover = explode
        sys.exit(cli.main(["scan"]))
        """
    )
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 3
    assert "Traceback" not in proc.stdout + proc.stderr
    assert "blew up" not in proc.stdout + proc.stderr
    log_file = paths.user_log_dir() / "selfcheck.log"
    assert f"Something went wrong in selfcheck. The details are in the log: {log_file}" in proc.stderr
    log = log_file.read_text(encoding="utf-8")
    assert "Traceback" in log and "RuntimeError: discovery blew up" in log
    assert "hunter2" not in log


def test_a_crashing_check_leaves_its_traceback_in_the_log_not_on_screen(tmp_path):
    proc = run_cli("scan", "--config", str(company(tmp_path, error=True)), "--category", "app")
    assert proc.returncode == 3
    assert "Traceback" not in proc.stdout + proc.stderr
    assert "This check stopped because of an internal error." in proc.stdout
    log = (paths.user_log_dir() / "selfcheck.log").read_text(encoding="utf-8")
    assert "app.crashing failed: RuntimeError" in log
    assert "abc123" not in log


def test_no_progress_bar_when_stderr_is_not_a_terminal(tmp_path):
    proc = run_cli("scan", "--check", "os.uptime")
    assert proc.stderr == ""


def test_an_unknown_check_with_a_broken_plugin_around_still_exits_3(tmp_path, capsys):
    assert cli.main(["scan", "--config", str(company(tmp_path, broken=True)), "--check", "no.such-check"]) == 3
    assert "No check matches" in capsys.readouterr().err


def test_an_unknown_category_is_refused(capsys):
    assert cli.main(["scan", "--category", "kitchen"]) == 3
    assert "invalid choice: 'kitchen'" in capsys.readouterr().err


def test_no_arguments_with_a_display_opens_the_window_when_the_gui_is_installed(monkeypatch):
    monkeypatch.setenv("DISPLAY", ":99")
    assert cli._gui_available() is (importlib.util.find_spec("PySide6") is not None)
    monkeypatch.delenv("DISPLAY")
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    assert cli._gui_available() is False


def test_a_reader_that_stops_early_gets_no_error_message():
    # `true` exits before selfcheck writes: its output goes to a pipe nobody reads
    proc = subprocess.run(
        f"{sys.executable} -m selfcheck list --json | true; echo $?",
        shell=True,
        capture_output=True,
        text=True,
        timeout=60,
        executable="/bin/bash",
    )
    assert proc.stderr == ""


def test_a_mistyped_option_is_explained_in_french_with_the_usual_exit_code(capsys):
    """argparse's own words (usage, error) follow --lang, like every other message."""
    assert cli.main(["scan", "--lang", "fr", "--bogus"]) == cli.EXIT_UNKNOWN
    err = capsys.readouterr().err
    assert "utilisation\u00a0: selfcheck" in err and "erreur\u00a0: arguments inconnus\u00a0: --bogus" in err
    assert "usage:" not in err and "unrecognized" not in err


def test_french_help_names_support_one_way_and_writes_one_apostrophe(capsys, monkeypatch):
    """French review (s32): 'selfcheck --help' said « pour l'équipe de support » and « au support » beside « l’assistance »
    (the window's « Contacter l’assistance »), and mixed ' and ’ from one line to the next. Now « l’assistance » and ’."""
    monkeypatch.setenv("LANG", "fr_FR.UTF-8")
    monkeypatch.setenv("LC_ALL", "")
    monkeypatch.setenv("LANGUAGE", "")
    monkeypatch.setenv("COLUMNS", "200")
    commands = ["scan", "list", "history", "diff", "fix", "record", "background", "bundle", "show", "send", "outbox", "gui", "open", "open-request"]
    printed = []
    for command in ([], *([c] for c in commands)):
        try:
            cli.main([*command, "--help"])
        except SystemExit:  # the top level's --help exits, a command's returns
            pass
        printed.append(capsys.readouterr().out)
    text = "\n".join(printed)
    assert "usage" not in text and "l’assistance" in text, text  # French, as the window names support
    assert "support" not in text.replace("selfcheck", ""), [line for line in text.splitlines() if "support" in line]
    assert not re.findall(r"\w'\w", text), re.findall(r".{20}\w'\w.{20}", text)


def test_asking_for_a_check_whose_file_could_not_be_loaded_says_which_file_and_why(tmp_path, capsys):
    """An admin trying their new check by id got "No check matches what you asked for" and nothing else: a typo in
    the check's table (``max_age_hour``) made it vanish, and the message sent them looking for a mistyped id."""
    folder = tmp_path / "clearline"
    folder.mkdir()
    checks = folder / "clearline.toml"
    checks.write_text('[[check]]\nid = "app.clearline-mail"\nkind = "path"\npath = "~/.clearline/mail.conf"\nmax_age_hour = 720\n', encoding="utf-8")
    config = tmp_path / "config.toml"
    config.write_text(f'[checks]\nfolders = ["{folder.as_posix()}"]\n', encoding="utf-8")
    assert cli.main(["scan", "--config", str(config), "--check", "app.clearline-mail"]) == 3
    err = capsys.readouterr().err
    assert "No check matches what you asked for" in err
    assert f"Could not load: {checks}: The check app.clearline-mail in clearline.toml" in err
    assert "unknown keys: max_age_hour" in err
    # asked for with another check of theirs that does load: the one that did not is named too
    (folder / "fine.toml").write_text(f'[[check]]\nid = "app.clearline-box"\nkind = "path"\npath = "{tmp_path.as_posix()}"\n', encoding="utf-8")
    assert cli.main(["scan", "--config", str(config), "--check", "app.clearline-box", "--check", "app.clearline-mail"]) == 0
    assert "unknown keys: max_age_hour" in capsys.readouterr().err


def test_asking_by_pattern_for_checks_one_of_whose_files_could_not_be_loaded_says_which_file_and_why(tmp_path, capsys):
    """An admin's day one: `selfcheck scan --check 'app.clearline*'` ran the Clearline checks that loaded and left out,
    without a word, the one whose file had a mistake (9ef7ec7e said it only when nothing matched). The file whose check
    the pattern names is said on standard error, with why; a file whose checks it does not name is not."""
    folder = tmp_path / "clearline"
    folder.mkdir()
    (folder / "box.toml").write_text(f'[[check]]\nid = "app.clearline-box"\nkind = "path"\npath = "{tmp_path.as_posix()}"\n', encoding="utf-8")
    mail = folder / "mail.toml"
    mail.write_text('[[check]]\nid = "app.clearline-mail"\nkind = "path"\npath = "~/.clearline/mail.conf"\nmax_age_hour = 720\n', encoding="utf-8")
    licence = folder / "licence.py"  # a Python check that raises on import: its id is read from its text
    licence.write_text(
        'from selfcheck.api import Check\n\nraise RuntimeError("no licence server")\n\n\nclass Licence(Check):\n    id = "app.clearline-licence"\n',
        encoding="utf-8",
    )
    other = folder / "acme.toml"  # another company's check, not asked for
    other.write_text('[[check]]\nid = "app.acme-vpn"\nkind = "path"\npath = "/x"\nmax_age_hour = 1\n', encoding="utf-8")
    config = tmp_path / "config.toml"
    config.write_text(f'[checks]\nfolders = ["{folder.as_posix()}"]\n', encoding="utf-8")
    assert cli.main(["scan", "--config", str(config), "--check", "app.clearline*"]) == 0
    err = capsys.readouterr().err
    assert f"Could not load: {mail}: The check app.clearline-mail in mail.toml" in err and "unknown keys: max_age_hour" in err, err
    assert f"Could not load: {licence}: " in err and "no licence server" in err, err
    assert str(other) not in err, err
    assert cli.main(["scan", "--config", str(config), "--check", "app.clearline-box"]) == 0  # the others are not asked for
    assert "Could not load" not in capsys.readouterr().err
