"""Discovery: built-ins, installed plugins (entry points), company folders, and every broken plugin."""

from __future__ import annotations

import re
import sys
import textwrap
from pathlib import Path

import pytest

from checkkit import config
from selfcheck import i18n
from selfcheck.api import Status
from selfcheck.discovery import ENTRY_POINT_GROUP, discover
from selfcheck.runner import Runner

GOOD_PY = """
from selfcheck.api import Check, Outcome
from selfcheck.i18n import N_


class LicenceCheck(Check):
    id = "app.{name}"
    category = "app"
    title = N_("Licence of {name}")

    def collect(self, ctx):
        return {{"days_left": 40}}

    def evaluate(self, facts, thresholds):
        return Outcome.ok("The licence is valid.")
"""


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
    return path


def scan_of(registry, cfg):
    """Run the plugins under test and one built-in (the others are slow and tested elsewhere)."""
    selection = [c for c in registry if c.source != "builtin" or c.id == "os.uptime"]
    return Runner(registry, cfg).run(selection)


# --- built-ins -------------------------------------------------------------------------------


def test_builtin_checks_load_from_the_explicit_list():
    registry = discover(config())
    uptime = registry.get("os.uptime")
    assert uptime is not None and uptime.source == "builtin"
    assert registry.problems == []


def test_enabled_and_disabled_patterns_narrow_the_registry():
    assert discover(config({"checks": {"disabled": ["os.*"]}})).get("os.uptime") is None
    assert discover(config({"checks": {"enabled": ["hardware.*"]}})).get("os.uptime") is None
    assert discover(config({"checks": {"enabled": ["os.up*"]}})).get("os.uptime") is not None


# --- entry points ----------------------------------------------------------------------------


@pytest.fixture
def plugin_dist(tmp_path, monkeypatch):
    """A real installed distribution (package + .dist-info) exposing the entry-point group."""
    site = tmp_path / "site"
    write(site, "acme_plugin/__init__.py", GOOD_PY.format(name="acme-licence"))
    write(
        site,
        "acme_plugin/single.py",
        """
        from selfcheck.api import Check, Outcome

        class VpnCheck(Check):
            id = "network.acme-vpn"
            category = "network"
            title = "ACME VPN"

            def collect(self, ctx):
                return {}

            def evaluate(self, facts, thresholds):
                return Outcome.warn("The VPN is slow.")

        def helper():
            return 1
        """,
    )
    write(site, "acme_broken.py", "import acme_dependency_that_is_not_installed\n")
    write(site, "acme_exits.py", "import sys\nsys.exit('plugin refuses to load')\n")
    write(site, "acme_empty.py", "VALUE = 1\n")
    write(site, "acme_plugin-1.2.dist-info/METADATA", "Metadata-Version: 2.1\nName: acme-plugin\nVersion: 1.2\n")
    write(
        site,
        "acme_plugin-1.2.dist-info/entry_points.txt",
        f"""
        [{ENTRY_POINT_GROUP}]
        licence = acme_plugin
        vpn = acme_plugin.single:VpnCheck
        broken = acme_broken
        exits = acme_exits
        empty = acme_empty
        helper = acme_plugin.single:helper
        """,
    )
    monkeypatch.syspath_prepend(str(site))
    monkeypatch.delenv("SELFCHECK_DISABLE_PLUGIN_AUTOLOAD", raising=False)
    yield site
    for name in [m for m in sys.modules if m.startswith(("acme_plugin", "acme_broken", "acme_exits", "acme_empty"))]:
        del sys.modules[name]


def test_entry_points_of_an_installed_distribution_are_loaded(plugin_dist):
    registry = discover(config())
    licence, vpn = registry.get("app.acme-licence"), registry.get("network.acme-vpn")
    assert licence is not None and vpn is not None
    assert licence.distribution == "acme-plugin 1.2" and vpn.distribution == "acme-plugin 1.2"
    assert "licence = acme_plugin" in licence.source
    scan = scan_of(registry, config())
    assert scan.result("network.acme-vpn").status is Status.WARN
    assert scan.checks["network.acme-vpn"]["distribution"] == "acme-plugin 1.2"


def test_broken_entry_points_are_errors_naming_the_plugin(plugin_dist):
    registry = discover(config())
    problems = {p.source.split(" = ")[0].removeprefix("entry point "): p for p in registry.problems}
    assert set(problems) == {"broken", "exits", "empty", "helper"}
    assert "ModuleNotFoundError" in problems["broken"].message and "acme_dependency_that_is_not_installed" in problems["broken"].detail
    assert "SystemExit" in problems["exits"].message
    assert problems["empty"].message == "The plugin empty defines no check."
    assert "does not point to a check" in problems["helper"].message
    scan = scan_of(registry, config())
    errors = [r for r in scan.results if r.status is Status.ERROR]
    assert len(errors) == 4
    assert scan.result("os.uptime").status in (Status.PASS, Status.WARN)
    assert scan.result("app.acme-licence").status is Status.PASS


def test_autoload_can_be_switched_off(plugin_dist, monkeypatch):
    assert discover(config({"checks": {"autoload_plugins": False}})).get("app.acme-licence") is None
    monkeypatch.setenv("SELFCHECK_DISABLE_PLUGIN_AUTOLOAD", "1")
    assert discover(config()).get("app.acme-licence") is None


# --- company folders -------------------------------------------------------------------------


def test_a_folder_of_python_and_toml_checks(tmp_path):
    folder = tmp_path / "company"
    write(folder, "licence.py", GOOD_PY.format(name="licence"))
    write(
        folder,
        "share.toml",
        f"""
        [[check]]
        id = "app.share"
        kind = "path"
        title = {{ en = "Shared folder", fr = "Dossier partagé" }}
        path = "{tmp_path}"
        """,
    )
    write(folder, "_helpers.py", "raise RuntimeError('files starting with _ are not checks')\n")
    write(folder, "notes.txt", "not a check\n")
    cfg = config({"checks": {"folders": [str(folder)]}})
    registry = discover(cfg)
    assert registry.problems == []
    assert registry.get("app.licence").source == str(folder / "licence.py")
    scan = scan_of(registry, cfg)
    assert scan.result("app.licence").status is Status.PASS
    assert scan.result("app.share").status is Status.PASS
    i18n.set_language("fr")
    assert registry.get("app.share").translated_title() == "Dossier partagé"


def test_a_company_folder_brings_its_own_translations(tmp_path):
    folder = tmp_path / "company"
    write(folder, "licence.py", GOOD_PY.format(name="licence"))
    write(folder, "locale/fr/acme.po", 'msgid "Licence of licence"\nmsgstr "Licence de l\'entreprise"\n')
    registry = discover(config({"checks": {"folders": [str(folder)]}}))
    i18n.set_language("fr")
    assert registry.get("app.licence").translated_title() == "Licence de l'entreprise"


BROKEN = {
    "syntax.py": ("def broken(:\n", "SyntaxError"),
    "importerror.py": ("import acme_module_that_does_not_exist\n", "ModuleNotFoundError"),
    "raises.py": ("raise RuntimeError('database unreachable at import')\n", "database unreachable at import"),
    "exits.py": ("import sys\nsys.exit(3)\n", "SystemExit"),
    "badmeta.py": (
        "from selfcheck.api import Check\n"
        "class Bad(Check):\n    id = 'nodots'\n    category = 'kitchen'\n    title = ''\n"
        "    def collect(self, ctx):\n        return {}\n    def evaluate(self, facts, thresholds):\n        return None\n",
        "is not valid",
    ),
    "badrisk.py": (GOOD_PY.format(name="risky").replace("    def collect", '    at_risk = "yes"\n\n    def collect'), "at_risk must be True or False"),
    "duplicate.py": (GOOD_PY.format(name="x").replace('"app.x"', '"os.uptime"'), "already used by builtin"),
    "nocheck.py": ("VALUE = 1\n", "defines no check"),
    "notlist.py": ("CHECKS = 'os.thing'\n", "must be a list"),
    "invalid.toml": ("[[check]\nid = 'x'\n", "not valid TOML"),
    "nocheck.toml": ("title = 'nothing here'\n", "has no [[check]] table"),
    "missing.toml": ("[[check]]\nid = 'app.vpn'\nkind = 'tcp'\nhost = '127.0.0.1'\n", "the key port is missing"),
    "unknownkind.toml": ("[[check]]\nid = 'app.ping'\nkind = 'ping'\n", "kind must be one of"),
    "badregex.toml": ("[[check]]\nid = 'app.cmd'\nkind = 'command'\ncommand = ['true']\npattern = '(unclosed'\n", "not a valid regular expression"),
    "typo.toml": ("[[check]]\nid = 'app.web'\nkind = 'http'\nurl = 'http://127.0.0.1/'\ncontain = 'OK'\n", "unknown keys: contain"),
    "noid.toml": ("[[check]]\nkind = 'path'\npath = '/'\n", "has no id"),
    "badid.toml": ("[[check]]\nid = 'no dots here'\nkind = 'path'\npath = '/'\n", "is not valid"),
}


def test_every_kind_of_broken_plugin_is_an_error_naming_the_file_and_the_rest_runs(tmp_path):
    folder = tmp_path / "company"
    for name, (text, _expected) in BROKEN.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
    write(folder, "good.py", GOOD_PY.format(name="good"))
    cfg = config({"checks": {"folders": [str(folder)]}})
    registry = discover(cfg)
    by_file: dict[str, list[str]] = {}
    for problem in registry.problems:
        by_file.setdefault(Path(problem.source).name, []).append(problem.message)
    assert set(by_file) == set(BROKEN)
    for name, (_text, expected) in BROKEN.items():
        assert any(expected in message for message in by_file[name]), (name, by_file[name])
        assert all(name in message for message in by_file[name]), (name, by_file[name])
    scan = scan_of(registry, cfg)
    errors = [r for r in scan.results if r.status is Status.ERROR]
    assert len(errors) == len(registry.problems)
    for result in errors:
        assert Path(result.evidence["file"]).name in BROKEN
        assert result.title == "A company check could not be loaded"
    assert scan.result("app.good").status is Status.PASS
    assert scan.result("os.uptime").status in (Status.PASS, Status.WARN)
    assert "uptime" in registry.get("os.uptime").__module__  # the duplicate did not replace the built-in


def test_invalid_toml_names_the_line(tmp_path):
    folder = tmp_path / "company"
    write(folder, "vpn.toml", "[[check]]\nid = 'app.vpn'\nkind = = 'tcp'\n")
    registry = discover(config({"checks": {"folders": [str(folder)]}}))
    (problem,) = registry.problems
    assert "vpn.toml" in problem.message and "line 3" in problem.message


def test_a_missing_folder_is_reported(tmp_path):
    registry = discover(config({"checks": {"folders": [str(tmp_path / "nowhere")]}}))
    (problem,) = registry.problems
    assert "nowhere" in problem.message and "does not exist" in problem.message


def test_broken_plugin_messages_are_translated(tmp_path):
    i18n.set_language("fr")
    folder = tmp_path / "company"
    write(folder, "nocheck.py", "VALUE = 1\n")
    registry = discover(config({"checks": {"folders": [str(folder)]}}))
    assert registry.problems[0].message == "Le fichier de vérifications nocheck.py ne définit aucune vérification."


def test_company_checks_share_code_through_underscore_files(tmp_path):
    folder = tmp_path / "company"
    write(folder, "_acme_common.py", "PORTAL = 'portal'\n\ndef describe(days):\n    return f'{days} days left'\n")
    write(
        folder,
        "portal.py",
        """
        from _acme_common import PORTAL, describe
        from selfcheck.api import Check, Outcome

        class Portal(Check):
            id = "app.acme-" + PORTAL
            category = "app"
            title = "Portal"

            def collect(self, ctx):
                return {"days": 3}

            def evaluate(self, facts, thresholds):
                return Outcome.warn(describe(facts["days"]), advice=["Renew."])
        """,
    )
    write(folder, "colorsys.py", "raise RuntimeError('a company file must never shadow the standard library')\n")
    cfg = config({"checks": {"folders": [str(folder)]}})
    registry = discover(cfg)
    try:
        assert [Path(p.source).name for p in registry.problems] == ["colorsys.py"]
        assert scan_of(registry, cfg).result("app.acme-portal").summary == "3 days left"
        sys.modules.pop("colorsys", None)
        import colorsys

        assert hasattr(colorsys, "rgb_to_hls")
    finally:
        sys.path.remove(str(folder))
        sys.modules.pop("_acme_common", None)


ODD_EVIDENCE_PY = """
from selfcheck.api import Check, Outcome


def nested(levels):
    tree = {{}}
    for _ in range(levels):
        tree = {{"inside": tree}}
    return tree


class OddEvidence(Check):
    id = "app.odd-evidence"
    category = "app"
    title = "ACME sensor"

    def collect(self, ctx):
        return {{"ok": True}}

    def evaluate(self, facts, thresholds):
        return Outcome.ok("The ACME sensor works.", evidence={{"reading": {evidence}}})
"""


@pytest.mark.parametrize(
    "evidence",
    [
        pytest.param("float('nan')", id="nan"),  # e.g. the mean of no readings
        pytest.param("[float('inf')]", id="infinity"),
        pytest.param("nested(70)", id="nested-70"),
        pytest.param("nested(10_000)", id="nested-10000"),
    ],
)
def test_evidence_a_bundle_could_not_carry_is_an_error_and_support_can_open_the_bundle(tmp_path, evidence):
    """A company check's evidence with NaN (not JSON) or nested past what the bundle reader accepts made the
    whole bundle unreadable for support ('The file results.json in this bundle is damaged (it is not valid
    JSON).', '... nested too deeply ...') and `scan --json` print NaN; 10,000 levels made the check 'not finish
    in time' after its whole timeout. Now it is this check's error, said at once, and the rest is unharmed."""
    from selfcheck import app as app_mod
    from selfcheck import bundle
    from selfcheck.bundle.read import read_bundle

    folder = tmp_path / "company"
    write(folder, "odd.py", ODD_EVIDENCE_PY.format(evidence=evidence))
    write(folder, "good.py", GOOD_PY.format(name="good"))
    cfg_file = write(tmp_path, "company.toml", f"[checks]\nfolders = [{str(folder)!r}]\nautoload_plugins = false\n")
    app = app_mod.start([cfg_file], "en")
    scan = Runner(app.registry, app.config).run([app.registry.get("app.odd-evidence"), app.registry.get("app.good")])
    odd = scan.result("app.odd-evidence")
    assert odd.status is Status.ERROR
    assert odd.summary == "This check gave an answer this program does not understand."
    assert odd.duration < 3  # judged at once, not left to time out
    assert scan.result("app.good").status is Status.PASS
    assert "NaN" not in textreport_json(scan) and "Infinity" not in textreport_json(scan)
    info = bundle.make_bundle(app, scan, out_path=tmp_path / "b.zip")
    opened = read_bundle(info.path)  # raised BundleError before
    assert opened.scan.result("app.good").status is Status.PASS
    assert opened.scan.result("app.odd-evidence").summary == "This check gave an answer this program does not understand."


def textreport_json(scan) -> str:
    import json

    return json.dumps(scan.to_dict())


PRINTING_PY = """
import os
import sys
import time

from selfcheck.api import Check, Outcome

print("ACME checks loaded")  # when the file loads


class Chatty(Check):
    id = "app.chatty"
    category = "app"
    title = "ACME agent"

    def collect(self, ctx):
        for _ in range(2000):  # 2 MB of debugging output
            print("reading the ACME agent " + "." * 1000)
        os.write(1, b"ACME written to file descriptor 1\\n")
        return {"ok": True}

    def evaluate(self, facts, thresholds):
        print("ACME judged")
        return Outcome.ok("The ACME agent works.")


class Endless(Check):
    id = "app.endless"
    category = "app"
    title = "ACME sensor"
    timeout = 1

    def collect(self, ctx):  # still printing after its time limit, while the JSON is written
        while True:
            print("ACME sensor still reading")
            sys.stdout.flush()
            time.sleep(0.001)

    def evaluate(self, facts, thresholds):
        return Outcome.ok("The ACME sensor works.")
"""


def test_what_a_company_check_prints_stays_out_of_the_json(tmp_path):
    """A company .py check that prints (print(), megabytes of it, os.write(1, ...), when its file loads, or after its
    time limit) wrote into standard output, so `selfcheck scan --json` (and `list --json`) was no longer JSON. What
    checks print now goes to standard error; standard output is selfcheck's JSON only."""
    import json
    import os
    import subprocess

    folder = tmp_path / "company"
    write(folder, "chatty.py", PRINTING_PY)
    cfg_file = write(tmp_path, "company.toml", f"[checks]\nfolders = [{str(folder)!r}]\nautoload_plugins = false\n")
    env = {**os.environ, "SELFCHECK_HOME": str(tmp_path / "home")}
    common = ["--lang", "en", "--config", str(cfg_file)]
    scan = subprocess.run(
        [sys.executable, "-m", "selfcheck", "scan", "--json", *common, "--check", "app.*"], capture_output=True, text=True, timeout=60, env=env
    )
    results = {r["id"]: r for r in json.loads(scan.stdout)["results"]}  # stdout is the JSON document, whole
    assert results["app.chatty"]["summary"] == "The ACME agent works."
    assert results["app.endless"]["status"] == "error"
    for said in ("ACME checks loaded", "reading the ACME agent", "ACME written to file descriptor 1", "ACME judged", "ACME sensor still reading"):
        assert said in scan.stderr  # the admin debugging the check still sees it
    assert scan.stderr.count("reading the ACME agent") == 2000
    listed = subprocess.run([sys.executable, "-m", "selfcheck", "list", "--json", *common], capture_output=True, text=True, timeout=60, env=env)
    assert "app.chatty" in [c["id"] for c in json.loads(listed.stdout)["checks"]]
    assert "ACME checks loaded" in listed.stderr


THRESHOLD_PY = """
from selfcheck.api import Check, Outcome
from selfcheck.i18n import N_


class LicenceDaysCheck(Check):
    id = "app.licence-days"
    category = "app"
    title = N_("Licence")
    default_thresholds = {"warn_days_left": 30}

    def collect(self, ctx):
        return {"days_left": 10}

    def evaluate(self, facts, thresholds):
        if facts["days_left"] < int(thresholds["warn_days_left"]):
            return Outcome.warn("The licence ends soon.", advice=["Ask for a new licence."])
        return Outcome.ok("The licence is valid.")
"""


def test_a_company_checks_threshold_of_the_wrong_kind_is_a_settings_problem_and_the_default_is_used(tmp_path, capsys):
    """docs/configuration.md's example gives company checks thresholds "the same way"; an admin's typo there,
    `warn_days_left = "thirty"`, reached the check, whose result read "This program could not judge this check's
    findings": nothing named the file, the line or the key, as a built-in check's threshold of the wrong kind does."""
    import json

    from selfcheck import cli

    folder = tmp_path / "company"
    write(folder, "licence.py", THRESHOLD_PY)
    lower = write(tmp_path, "lower.toml", '[thresholds."app.licence-days"]\nwarn_days_left = 5\n')
    cfg = write(
        tmp_path,
        "company.toml",
        f'[checks]\nfolders = [{str(folder)!r}]\nautoload_plugins = false\n\n[thresholds."app.licence-days"]\nwarn_days_left = "thirty"\n',
    )
    args = ["scan", "--json", "--lang", "en", "--check", "app.licence-days"]
    cli.main([*args, "--config", str(cfg)])
    scan = json.loads(capsys.readouterr().out)
    assert scan["results"][0]["status"] == "warn"  # the check's default, 30, judged the 10 days left
    assert scan["config_problems"] == [
        {"file": str(cfg), "line": 6, "key": 'thresholds."app.licence-days".warn_days_left', "message": "this must be a number; the default is used"}
    ]
    cli.main([*args, "--config", str(lower), "--config", str(cfg)])
    scan = json.loads(capsys.readouterr().out)
    assert scan["results"][0]["status"] == "pass"  # the lower layer's 5 is kept
    assert [p["file"] for p in scan["config_problems"]] == [str(cfg)]


RAISING_PY = """
from selfcheck.api import Check, Outcome
from selfcheck.i18n import N_


class QueueCheck(Check):
    id = "app.print-queue"
    category = "app"
    title = N_("Print queue")

    def collect(self, ctx):
        return {"queue": open("/nonexistent/acme/queue").read()}

    def evaluate(self, facts, thresholds):
        return Outcome.ok("The queue is fine.")


class JudgeCheck(Check):
    id = "app.print-judge"
    category = "app"
    title = N_("Print judge")

    def collect(self, ctx):
        return {"jobs": "many"}

    def evaluate(self, facts, thresholds):
        return Outcome.ok("Jobs: {n}".format(n=facts["jobs"] + 1))
"""


def test_the_log_says_where_in_a_company_check_it_broke(tmp_path):
    """docs/checks.md: an exception in a check becomes an error result, "the traceback goes to the log". The admin who
    wrote a check whose collect raised found one line in the log, "check app.acme-raises failed: FileNotFoundError: …",
    with no file or line of their check; now the traceback follows it, for collect and for evaluate."""
    import os
    import subprocess

    folder = tmp_path / "company"
    check_file = write(folder, "printq.py", RAISING_PY)
    cfg_file = write(tmp_path, "company.toml", f"[checks]\nfolders = [{str(folder)!r}]\nautoload_plugins = false\n")
    env = {**os.environ, "SELFCHECK_HOME": str(tmp_path / "home")}
    scan = subprocess.run(
        [sys.executable, "-m", "selfcheck", "scan", "--lang", "en", "--config", str(cfg_file), "--check", "app.print-*"],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
    )
    assert "This check stopped because of an internal error." in scan.stdout and "Traceback" not in scan.stdout + scan.stderr
    logged = (tmp_path / "home" / "logs" / "selfcheck.log").read_text(encoding="utf-8")
    assert f'File "{check_file}", line 11, in collect' in logged
    assert f'File "{check_file}", line 26, in evaluate' in logged


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_broken_company_check_reads_plainly_and_keeps_the_exact_problem_for_the_admin(tmp_path, capsys, caplog, lang):
    """An admin's day one: a company TOML check with an unclosed inline table, in French, read "Le fichier de
    vérifications broken.toml n'a pas pu être lu : /srv/…/broken.toml, ligne 3 : ce n'est pas du TOML valide :
    Unclosed inline table" as the customer's first words: the parser's English and the file's whole path. Now the
    customer reads that one of their IT team's checks is broken, in their language; the parser's words, the line and
    the path stay in the exact details (and the bundle, and the log). Same for a Python check file that does not parse."""
    import json

    from selfcheck import cli, plainwords

    folder = tmp_path / "company checks"
    write(folder, "broken.toml", '[[check]]\nid = "app.vpn"\ntitle = { en = "VPN"\n')
    write(folder, "bad.py", "from selfcheck.api import Check\nclass Vpn(Check:\n    pass\n")
    cfg = tmp_path / "c.toml"
    cfg.write_text(f'[checks]\nfolders = [{json.dumps(str(folder))}]\nenabled = ["os.uptime"]\n', encoding="utf-8")
    cli.main(["scan", "--config", str(cfg), "--lang", lang])
    text = capsys.readouterr().out
    plain = {
        "en": "One of the checks your IT team added is broken, so it could not run.",
        "fr": "Une des vérifications ajoutées par votre service informatique ne fonctionne pas\u00a0: elle n’a pas pu être faite.",
    }[lang]
    flat = re.sub(r"[^\S\u00a0\u202f]+", " ", text).strip()
    assert flat.count(plain) == 2, text
    for technical in ("Unclosed", "TOML", "SyntaxError", str(tmp_path), "broken.toml", "bad.py"):
        assert technical not in text, (technical, text)
    assert plainwords.problems(plain) == []
    cli.main(["scan", "--config", str(cfg), "--lang", lang, "--json"])
    results = {Path(r["evidence"]["file"]).name: r for r in json.loads(capsys.readouterr().out)["results"] if r["id"].startswith("plugin.load-error-")}
    assert set(results) == {"broken.toml", "bad.py"}
    toml_problem = results["broken.toml"]["evidence"]["problem"]
    assert "Unclosed inline table" in toml_problem and str(folder / "broken.toml") in toml_problem
    assert {"en": ", line 3: ", "fr": ", ligne 3\u00a0: "}[lang] in toml_problem
    assert "SyntaxError" in results["bad.py"]["evidence"]["problem"] and "line 2" in results["bad.py"]["evidence"]["problem"]
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert "Unclosed inline table" in logged and str(folder / "broken.toml") in logged and str(folder / "bad.py") in logged
    assert all(r["summary"] == plain for r in results.values())


def test_a_check_with_several_mistakes_lists_them_spaced_as_french_is(tmp_path):
    """« … n’est pas valide : category 'kitchen' must be one of …; title is missing. »: the list of mistakes was joined with "; ",
    in a French sentence whose « : » has its no-break space. French puts a narrow no-break space before « ; »."""
    i18n.set_language("fr")
    folder = tmp_path / "company"
    write(folder, "badmeta.py", BROKEN["badmeta.py"][0])
    write(folder, "twice.toml", "[[check]]\nid = 'app.vpn'\nkind = 'tcp'\nhost = '127.0.0.1'\ncontain = 'OK'\n")
    registry = discover(config({"checks": {"folders": [str(folder)]}}))
    messages = {Path(problem.source).name: problem.message for problem in registry.problems}
    assert messages["badmeta.py"].count("\u202f; ") == 2, messages["badmeta.py"]  # id, category, title: three mistakes
    assert messages["twice.toml"].count("\u202f; ") == 1, messages["twice.toml"]  # an unknown key and a missing one
    assert not [message for message in messages.values() if re.search(r"[^\u202f];", message)], messages
