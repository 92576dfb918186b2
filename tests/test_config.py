"""Layered configuration and every way a settings file can be wrong."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from selfcheck import cli, i18n, paths
from selfcheck.config import load, without_secrets


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def layers(tmp_path, monkeypatch):
    """One file per layer, each setting branding.company and one key of its own."""
    system = write(paths.system_config_file(), '[branding]\ncompany = "system"\nsupport_email = "it@acme.example"\n')
    user = write(paths.user_config_file(), '[branding]\ncompany = "user"\n[checks]\nmax_workers = 3\n')
    env = write(tmp_path / "env.toml", '[branding]\ncompany = "env"\n[thresholds."os.uptime"]\nwarn_days = 30\n')
    explicit = write(tmp_path / "explicit.toml", '[branding]\ncompany = "explicit"\n')
    monkeypatch.setenv("SELFCHECK_CONFIG", str(env))
    return system, user, env, explicit


def test_selfcheck_home_redirects_the_system_and_user_files(selfcheck_home):
    assert paths.system_config_file() == selfcheck_home / "system" / "config.toml"
    assert paths.user_config_file() == selfcheck_home / "config" / "config.toml"
    assert paths.user_log_dir() == selfcheck_home / "logs"


def test_layers_apply_in_order_and_merge_key_by_key(layers):
    system, user, env, explicit = layers
    config = load([explicit])
    assert config.problems == []
    assert config.get("branding.company") == "explicit"
    assert config.get("branding.support_email") == "it@acme.example"  # from the system file
    assert config.get("checks.max_workers") == 3  # from the user file
    assert config.get("checks.total_budget") == 60  # built-in default
    assert config.thresholds("os.uptime") == {"warn_days": 30}  # SELFCHECK_CONFIG
    assert config.sources[-4:] == [str(system), str(user), str(env), str(explicit)]


@pytest.mark.parametrize("top", ["system", "user", "env"])
def test_each_layer_beats_the_ones_below(layers, top):
    system, user, env, _explicit = layers
    order = ["system", "user", "env"]
    for name, path in zip(order, (system, user, env), strict=True):
        if order.index(name) > order.index(top):
            path.unlink()
    assert load().get("branding.company") == top


def test_selfcheck_config_may_name_several_files(tmp_path, monkeypatch):
    first = write(tmp_path / "a.toml", '[branding]\ncompany = "a"\nproduct_name = "Acme Check"\n')
    second = write(tmp_path / "b.toml", '[branding]\ncompany = "b"\n')
    monkeypatch.setenv("SELFCHECK_CONFIG", os.pathsep.join([str(first), str(second)]))
    config = load()
    assert (config.get("branding.company"), config.product_name()) == ("b", "Acme Check")


def test_invalid_toml_is_reported_with_file_and_line_and_the_other_layers_still_apply(layers):
    system, user, _env, explicit = layers
    write(user, '[branding]\ncompany = "user"\nlanguage = "fr\n')
    config = load([explicit])
    (problem,) = config.problems
    assert problem.file == str(user) and problem.line == 3
    assert "this is not valid TOML" in problem.message
    assert str(problem).startswith(f"{user}, line 3: this is not valid TOML")
    assert config.get("branding.company") == "explicit"
    assert config.get("checks.max_workers") == 8  # the broken user file is left out entirely


def test_a_value_of_the_wrong_type_is_reported_with_its_key_and_the_default_kept(tmp_path):
    bad = write(
        tmp_path / "bad.toml",
        '[checks]\ntotal_budget = "ten"\nmax_workers = true\nfolders = "/srv/checks"\n\n[thresholds."os.uptime"]\nwarn_days = "two weeks"\n',
    )
    config = load([bad], include_system=False)
    found = {p.key: p for p in config.problems}
    assert set(found) == {"checks.total_budget", "checks.max_workers", "checks.folders", 'thresholds."os.uptime".warn_days'}
    assert found["checks.total_budget"].message == "this must be a number; the default is used"
    assert found["checks.total_budget"].line == 2
    assert found["checks.folders"].message == "this must be a list; the default is used"
    assert found['thresholds."os.uptime".warn_days'].line == 7
    assert config.get("checks.total_budget") == 60
    assert config.get("checks.max_workers") == 8
    assert config.thresholds("os.uptime") == {"warn_days": 14}


def test_a_section_that_is_not_a_table(tmp_path):
    config = load([write(tmp_path / "x.toml", 'branding = "Acme"\n')], include_system=False)
    (problem,) = config.problems
    assert (problem.key, problem.message) == ("branding", "this must be a table, like [branding]")
    assert config.product_name() == "selfcheck"


def test_unknown_keys_are_reported_and_ignored(tmp_path):
    config = load([write(tmp_path / "x.toml", '[brandin]\ncompany = "typo"\n[checks]\nmax_worker = 2\n')], include_system=False)
    assert {(p.key, p.message) for p in config.problems} == {("brandin", "unknown setting (ignored)"), ("checks.max_worker", "unknown setting (ignored)")}
    assert config.get("brandin") is None and config.get("checks.max_worker") is None


def test_a_key_in_the_wrong_table_of_support_is_reported_and_says_where_it_belongs(tmp_path):
    """[support] company = "…" (company belongs to [branding]) was taken with no word, and the company's name never
    showed; a typo there (urll) left bundles saved instead of sent, with no word either."""
    text = '[support]\nkind = "save"\ncompany = "Acme"\nurll = "https://support.acme.example"\nretry_now = 3\n'
    config = load([write(tmp_path / "x.toml", text)], include_system=False)
    assert [(p.key, p.line, p.message) for p in config.problems] == [
        ("support.company", 3, "unknown setting here (ignored): it belongs under [branding]"),
        ("support.urll", 4, "unknown setting (ignored)"),
    ]
    assert (config.get("support.kind"), config.get("support.retry_now")) == ("save", 3)  # the keys it has are kept
    assert config.get("support.company") is None and config.get("support.urll") is None
    i18n.set_language("fr")
    first = load([tmp_path / "x.toml"], include_system=False).problems[0]
    assert str(first).endswith("clé support.company\u00a0: réglage inconnu ici (ignoré)\u00a0: sa place est dans [branding]")


def test_new_thresholds_and_symptoms_are_free_form(tmp_path):
    text = '[thresholds."app.acme"]\nmax_days = 3\n[symptoms.printing]\ntitle = "Cannot print"\neffect = "you cannot print"\ncategories = ["app"]\n'
    config = load([write(tmp_path / "x.toml", text)], include_system=False)
    assert config.problems == []
    assert config.thresholds("app.acme") == {"max_days": 3}
    assert config.get("symptoms.printing.effect") == "you cannot print"


def test_a_missing_config_file_is_reported(tmp_path, monkeypatch):
    monkeypatch.setenv("SELFCHECK_CONFIG", str(tmp_path / "env-missing.toml"))
    config = load([tmp_path / "missing.toml"])
    assert [(Path(p.file).name, p.message) for p in config.problems] == [
        ("env-missing.toml", "the file does not exist"),
        ("missing.toml", "the file does not exist"),
    ]
    assert config.get("checks.total_budget") == 60


def test_missing_system_and_user_files_are_normal():
    assert load().problems == []


def test_a_file_that_is_not_utf8(tmp_path):
    path = tmp_path / "latin1.toml"
    path.write_bytes('[branding]\ncompany = "Société"\n'.encode("latin-1"))
    (problem,) = load([path], include_system=False).problems
    assert problem.message == "the file is not UTF-8 text"


def test_a_file_saved_with_a_byte_order_mark_is_read(tmp_path):
    """Windows' Notepad (before 1903) and PowerShell 5's Out-File write UTF-8 with a BOM: the whole file was left out
    ("line 1: this is not valid TOML: Invalid statement"), the company's name and colour with it."""
    path = write(paths.system_config_file(), "\ufeff" + '[branding]\ncompany = "Société Acme"\nproduct_name = 5\n')
    config = load()
    assert config.get("branding.company") == "Société Acme"
    assert [(p.key, p.line) for p in config.problems] == [("branding.product_name", 3)]  # lines still counted right
    assert str(path) in config.sources


def test_a_per_language_text_of_the_wrong_type_says_what_it_may_be(tmp_path):
    """branding.about = 5 was reported as "this must be a number", which it may not be."""
    config = load([write(tmp_path / "x.toml", '[branding]\nabout = 5\nresponse_time = ["tomorrow"]\n')], include_system=False)
    expected = 'this must be text, or one text per language like { en = "…", fr = "…" }; the default is used'
    assert [(p.key, p.message) for p in config.problems] == [("branding.about", expected), ("branding.response_time", expected)]
    assert "number" not in str(config.problems[0])


@pytest.mark.parametrize("colour", ["orange", "rgb(194, 65, 12)", "#c2410", "#c2410c; background: red"])
def test_an_accent_colour_that_is_not_a_colour_is_reported(tmp_path, colour):
    """The window quietly kept its own blue for "orange": the company saw its colour ignored with no word why."""
    config = load([write(tmp_path / "x.toml", f'[branding]\naccent_color = "{colour}"\n')], include_system=False)
    (problem,) = config.problems
    assert (problem.key, problem.line) == ("branding.accent_color", 2)
    assert problem.message == 'this is not a colour written like "#c2410c"; the default is used'
    assert config.get("branding.accent_color") == "#2563eb"
    i18n.set_language("fr")
    (problem,) = load([tmp_path / "x.toml"], include_system=False).problems
    assert str(problem).endswith('ce n’est pas une couleur écrite comme "#c2410c"\u202f; la valeur par défaut est utilisée')


def test_an_accent_colour_written_right_is_used(tmp_path):
    config = load([write(tmp_path / "x.toml", '[branding]\naccent_color = " #C41 "\n')], include_system=False)
    assert config.problems == [] and config.get("branding.accent_color") == " #C41 "


def test_a_logo_or_icon_that_is_not_there_is_reported_and_left_out(tmp_path, monkeypatch):
    """A mistyped logo path, or a logo not deployed, showed selfcheck's own picture with no word why."""
    monkeypatch.setenv("HOME", str(tmp_path))
    write(tmp_path / "acme.png", "png")
    system = write(paths.system_config_file(), '[branding]\nlogo = "~/acme.png"\n')
    user = write(paths.user_config_file(), '[branding]\ncompany = "Acme"\nlogo = "acme-logo.png"\nicon = "$NO_SUCH_DIR/icon.png"\n')
    config = load()
    assert [(p.file, p.key, p.line) for p in config.problems] == [(str(user), "branding.logo", 3), (str(user), "branding.icon", 4)]
    assert config.problems[0].message == f"there is no picture file {user.parent / 'acme-logo.png'}; it is left out"
    assert config.get("branding.logo") == "~/acme.png"  # the system's logo, which is there, stays
    assert config.get("branding.icon") == "" and config.get("branding.company") == "Acme"
    assert str(system) in config.sources


def test_problems_are_translated(tmp_path):
    i18n.set_language("fr")
    config = load([write(tmp_path / "x.toml", "[checks]\ntotal_budget = 'dix'\n")], include_system=False)
    expected = f"{tmp_path / 'x.toml'}, ligne 2, clé checks.total_budget\u00a0: la valeur doit être un nombre\u202f; la valeur par défaut est utilisée"
    assert str(config.problems[0]) == expected


def test_language_from_config(tmp_path, monkeypatch):
    write(paths.user_config_file(), 'language = "fr"\n')
    from selfcheck import app

    app.start()
    assert i18n.current_language() == "fr"
    app.start(lang="en")
    assert i18n.current_language() == "en"


def test_secrets_are_hidden_when_the_config_is_shown():
    shown = without_secrets({"support": {"api_token": "abc", "url": "https://x"}, "intake": {"password": ""}})
    assert shown == {"support": {"api_token": "***", "url": "https://x"}, "intake": {"password": ""}}


def test_the_scan_still_runs_with_broken_settings_and_says_what_is_wrong(tmp_path, capsys):
    write(paths.user_config_file(), "[checks\n")
    bad = write(tmp_path / "bad.toml", "[checks]\ntotal_budget = 'ten'\n")
    code = cli.main(["scan", "--config", str(bad), "--config", str(tmp_path / "missing.toml"), "--check", "os.uptime"])
    out = re.sub(r"[^\S\u00a0\u202f]+", " ", capsys.readouterr().out).strip()  # the report wraps long lines
    assert code in (0, 1)
    assert "Time since the last restart" in out
    assert "Settings problems (defaults were used):" in out
    assert f"{paths.user_config_file()}, line 1: this is not valid TOML" in out
    assert f"{bad}, line 2, key checks.total_budget: this must be a number; the default is used" in out
    assert f"{tmp_path / 'missing.toml'}: the file does not exist" in out


def test_relative_paths_are_relative_to_the_file_that_sets_them(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    system = write(paths.system_config_file(), '[checks]\nfolders = ["checks", "/abs/checks", "~/mine"]\n[branding]\nlogo = "logo.svg"\n')
    write(system.parent / "logo.svg", "<svg xmlns='http://www.w3.org/2000/svg'/>")
    config = load()
    assert config.get("checks.folders") == [str(system.parent / "checks"), "/abs/checks", "~/mine"]
    assert config.get("branding.logo") == str(system.parent / "logo.svg")


def test_the_company_may_be_given_per_language_as_the_support_contact_is(tmp_path):
    """The example brand's company is “Clearline Help” in English and « Clearline Assistance » in French, and its name
    stands inside the customer's sentences (“call Clearline Help: they can check your line”, ““Support” here means …”), but
    branding.company took only a text: a table was refused ("must be text") and dropped, so every reader read "your support
    team". Each reader now reads the name of their language, also in the steps a network check worded when it ran (its
    fact keeps every language's name, so support re-judging the bundle in French reads the French one); a text stays one
    name for all."""
    from selfcheck import plainwords, wording

    names = {"en": "Clearline Help", "fr": "Clearline Assistance"}
    text = '[branding]\ncompany = { en = "Clearline Help", fr = "Clearline Assistance" }\n[support]\ninternet_provider = true\n'
    config = load([write(tmp_path / "brand.toml", text)], include_system=False)
    assert config.problems == []
    fact = plainwords.provider_fact(config.data)  # recorded while the scan ran in English
    try:
        for lang in ("en", "fr"):
            i18n.set_language(lang)
            assert wording.support_name(config) == names[lang]
            step = plainwords.to_provider(plainwords.LINE_MAY_BE_CUT, fact)
            assert names[lang] in step and names["fr" if lang == "en" else "en"] not in step, step
        one = load([write(tmp_path / "one.toml", '[branding]\ncompany = "ACME IT"\n')], include_system=False)
        assert one.problems == [] and wording.support_name(one) == "ACME IT"
    finally:
        i18n.set_language("en")
    # a bundle's facts are hostile: a name that is not text names no one
    assert plainwords.to_provider(plainwords.LINE_MAY_BE_CUT, {"internet_provider": {"company": {"en": 5}}}) == (
        "If other devices at home have no internet either, call your support team: they can check your line from their side."
    )


def test_the_product_name_may_be_given_per_language(tmp_path):
    """An admin's day one: the example brand (scripts/example_brand.py) names the program “Clearline — computer check”
    in English and « Clearline — vérification » in French, as branding.about and support_contact may be given, but a
    table was refused ("must be text") and every customer read "selfcheck". Each reader now reads the name of their
    language; a text stays one name for all."""
    names = {"en": "Clearline — computer check", "fr": "Clearline — vérification"}
    text = '[branding]\nproduct_name = { en = "Clearline — computer check", fr = "Clearline — vérification" }\n'
    config = load([write(tmp_path / "brand.toml", text)], include_system=False)
    assert config.problems == []
    try:
        for lang in ("en", "fr"):
            i18n.set_language(lang)
            assert config.product_name() == names[lang]
        assert load([write(tmp_path / "one.toml", '[branding]\nproduct_name = "ACME Check"\n')], include_system=False).product_name() == "ACME Check"
    finally:
        i18n.set_language("en")
