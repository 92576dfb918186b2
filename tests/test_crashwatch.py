"""A check that makes selfcheck close (os._exit, a segfault, the program ended while it hung) closes it at most once:
the next scan runs it alone in a child process and sets it aside when the child dies too (selfcheck.crashwatch)."""

from __future__ import annotations

import contextlib
import json
import os
import stat
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from selfcheck import crashwatch, paths, plainwords
from selfcheck.api import Status
from selfcheck.i18n import set_language

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="signals and os._exit as on Linux and macOS")

CRASHER = """
import ctypes, os, time
from pathlib import Path
from selfcheck.api import Check, Outcome


class Crasher(Check):
    id = "app.licence"
    category = "app"
    title = "Licence server"
    timeout = 20

    def collect(self, ctx):
        marker = Path(__file__).with_name("innocent-started")
        for _ in range(200):  # while the innocent check runs, when there is one (it marks its start)
            if marker.exists() or not Path(__file__).with_name("innocent.py").exists():
                break
            time.sleep(0.05)
        {crash}
        return {{"seats": 3}}

    def evaluate(self, facts, thresholds):
        return Outcome.ok("The licence server has {{seats}} seats free.".format(**facts))
"""

INNOCENT = """
import time
from pathlib import Path
from selfcheck.api import Check, Outcome


class Innocent(Check):
    id = "app.innocent"
    category = "app"
    title = "Shared drive"
    timeout = 20

    def collect(self, ctx):
        marker = Path(__file__).with_name("innocent-started")
        if not marker.exists():  # the first scan: still running when the other check closes selfcheck
            marker.touch()
            time.sleep(15)
        return {"mounted": True}

    def evaluate(self, facts, thresholds):
        return Outcome.ok("The shared drive is there.")
"""

OK_TOML = """
[[check]]
id = "app.ok"
kind = "path"
title = "Shared folder"
path = "{path}"
"""

EXIT = "os._exit(3)"
SEGFAULT = "ctypes.string_at(0)"


def company(tmp_path: Path, crash: str, *, innocent: bool = False, folder: Path | None = None) -> Path:
    """A --config whose company folder holds a check that crashes (and a plain TOML check, and maybe an innocent one)."""
    folder = folder or tmp_path / "company"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "licence.py").write_text(CRASHER.format(crash=crash), encoding="utf-8")
    (folder / "ok.toml").write_text(OK_TOML.format(path=str(tmp_path).replace("\\", "/")), encoding="utf-8")
    if innocent:
        (folder / "innocent.py").write_text(INNOCENT, encoding="utf-8")
    config = tmp_path / "company.toml"
    config.write_text(f'[checks]\nfolders = ["{folder.as_posix()}"]\n', encoding="utf-8")
    return config


def scan(config: Path, *checks: str, lang: str = "en") -> subprocess.CompletedProcess[str]:
    """``selfcheck scan --json`` of only these checks, in a process of its own (the home is the test's)."""
    selected = [arg for c in checks for arg in ("--check", c)]
    argv = [sys.executable, "-m", "selfcheck", "scan", "--json", "--lang", lang, "--config", str(config), *selected]
    return subprocess.run(argv, capture_output=True, text=True, timeout=90, env=dict(os.environ))


def results(proc: subprocess.CompletedProcess[str]) -> dict[str, dict]:
    return {r["id"]: r for r in json.loads(proc.stdout)["results"]}


def log_text() -> str:
    return (paths.user_log_dir() / "selfcheck.log").read_text(encoding="utf-8", errors="replace")


def children_started(check_id: str) -> int:
    """How many times a scan ran this check alone in a child (the runner logs it each time)."""
    return log_text().count(f"check {check_id} was running when selfcheck closed: it runs alone in a child process")


def store() -> dict:
    return json.loads((crashwatch.folder() / crashwatch.STORE).read_text(encoding="utf-8"))


@pytest.mark.parametrize(("crash", "ended"), [(EXIT, {"exit_code": 3}), (SEGFAULT, {"signal": 11})], ids=["os._exit", "segfault"])
def test_a_company_check_that_closes_selfcheck_closes_it_once(tmp_path, crash, ended):
    config = company(tmp_path, crash)
    first = scan(config, "app.licence", "app.ok")
    assert first.returncode in (3, -11) and first.stdout == ""  # it died: no verdict, no JSON

    second = scan(config, "app.licence", "app.ok")
    assert second.returncode == 3  # a normal end: "could not check" one thing
    got = results(second)
    assert got["app.ok"]["status"] == "pass"
    licence = got["app.licence"]
    assert licence["status"] == "error"  # "Could not check", as the window and the card show a check that could not run
    assert licence["summary"] == "This check made this program close, so it is left out until it is updated."
    assert licence["advice"] == ["Tell your IT or support team that one of the checks they added made this program close. The other checks still ran."]
    assert {k: licence["evidence"][k] for k in ended} == ended  # how its process ended, for support
    assert licence["evidence"]["set_aside_since"]
    assert children_started("app.licence") == 1
    assert set(store()["set_aside"]) == {"app.licence"}

    third = scan(config, "app.licence", "app.ok")  # set aside: not run at all, not even in a child
    assert third.returncode == 3 and results(third)["app.licence"]["summary"] == licence["summary"]
    assert results(third)["app.licence"]["evidence"]["set_aside_since"] == licence["evidence"]["set_aside_since"]
    assert children_started("app.licence") == 1

    if crash == EXIT:  # the company fixed its check: tried again alone, found innocent, then run as usual
        (tmp_path / "company" / "licence.py").write_text(CRASHER.format(crash="pass"), encoding="utf-8")
        fourth = scan(config, "app.licence", "app.ok")
        assert fourth.returncode == 0
        assert results(fourth)["app.licence"]["summary"] == "The licence server has 3 seats free."
        assert children_started("app.licence") == 2
        assert store()["set_aside"] == {} and store()["suspects"] == {}
        assert scan(config, "app.licence", "app.ok").returncode == 0
        assert children_started("app.licence") == 2  # in the process again


def test_the_native_crash_leaves_its_python_stack_in_the_owner_only_log_and_the_bundle_redacts_it(tmp_path):
    config = company(tmp_path, SEGFAULT, folder=tmp_path / "home" / "alice" / "checks")
    assert scan(config, "app.licence").returncode == -11
    log_path = paths.user_log_dir() / "selfcheck.log"
    text = log_text()
    assert "Fatal Python error: Segmentation fault" in text
    assert "/home/alice/checks/licence.py" in text and "in collect" in text
    assert stat.S_IMODE(log_path.stat().st_mode) == 0o600

    from selfcheck import app as app_mod
    from selfcheck.bundle import make
    from selfcheck.runner import Runner, select

    app = app_mod.start([config], "en")
    plan = make.plan_bundle(app, Runner(app.registry, app.config).run(select(app.registry, app.config, check_ids=["app.ok"])))
    log_part = next(data.decode("utf-8") for name, data in plan.parts.items() if name.endswith("selfcheck.log"))
    assert "Fatal Python error: Segmentation fault" in log_part
    assert "/checks/licence.py" in log_part and "alice" not in log_part  # the stack's paths redacted as the rest of the log


def test_of_two_checks_running_at_the_crash_only_the_one_that_crashes_is_set_aside(tmp_path):
    config = company(tmp_path, EXIT, innocent=True)
    assert scan(config, "app.licence", "app.innocent").returncode == 3  # os._exit(3) while the innocent check ran
    second = scan(config, "app.licence", "app.innocent")
    got = results(second)
    assert got["app.innocent"]["status"] == "pass" and got["app.innocent"]["summary"] == "The shared drive is there."
    assert got["app.licence"]["status"] == "error"
    assert children_started("app.innocent") == 1 and children_started("app.licence") == 1
    assert set(store()["set_aside"]) == {"app.licence"} and store()["suspects"] == {}
    assert results(scan(config, "app.licence", "app.innocent"))["app.innocent"]["status"] == "pass"
    assert children_started("app.innocent") == 1  # innocent: in the process as usual


def test_the_watch_file_read_from_another_process_names_exactly_the_checks_running_now():
    """Checks start and end while another selfcheck may read the file at any moment: each read is whole JSON naming
    what runs now, also after the list got shorter (nothing of a longer, older list is left at its end)."""
    watch = crashwatch.watch
    watch.begin()
    try:
        for check_id in ("app.first", "app.second-with-a-long-name", "app.third"):
            watch.started(check_id)
        read = json.loads(watch.path.read_bytes())
        assert read["running"] == ["app.first", "app.second-with-a-long-name", "app.third"] and read["pid"] == os.getpid()
        watch.finished("app.second-with-a-long-name")
        watch.finished("app.first")
        read = json.loads(watch.path.read_bytes())
        assert read["running"] == ["app.third"]
        assert stat.S_IMODE(watch.path.stat().st_mode) == 0o600
        reader = subprocess.run(  # another process, as the next selfcheck reads it: this one is alive, left alone
            [sys.executable, "-c", "from selfcheck import crashwatch; crashwatch.collect_suspects(); print(sorted(crashwatch.suspects()))"],
            capture_output=True,
            text=True,
            timeout=60,
            env=dict(os.environ),
        )
        assert reader.stdout.strip() == "[]" and watch.path.exists()
    finally:
        watch.end()
    assert not watch.path.exists()


def test_a_watch_file_that_does_not_read_is_left_while_it_may_be_being_written():
    folder = paths.private_dir(crashwatch.folder())
    young, old = folder / "running-999991.json", folder / "running-999992.json"
    young.write_text('{"pid": 999991, "create_ti')  # another process in the middle of writing it
    old.write_text('{"pid": 999992, "create_ti')
    os.utime(old, (time.time() - 3600, time.time() - 3600))
    crashwatch.collect_suspects()
    assert young.exists() and not old.exists()


def test_exchange_folders_a_killed_selfcheck_left_behind_are_removed_an_hour_on():
    """A window killed while a suspect ran alone leaves the child's exchange folder (the check's config and facts) in
    the temporary folder: the next scan removes this user's old ones, never a live child's or another user's."""
    import tempfile

    made = [Path(tempfile.mkdtemp(prefix=crashwatch.EXCHANGE_PREFIX)) for _ in range(3)]
    old_mine, young, old_other = made
    for folder in made:
        (folder / "request.json").write_text('{"config": {}}')
    an_hour_ago = time.time() - 3700
    os.utime(old_mine, (an_hour_ago, an_hour_ago))
    if os.geteuid() == 0:
        os.chown(old_other, 65534, 65534)  # nobody's
    os.utime(old_other, (an_hour_ago, an_hour_ago))
    try:
        crashwatch.collect_suspects()
        assert not old_mine.exists() and young.exists()
        assert old_other.exists() == (os.geteuid() == 0)
    finally:
        import shutil

        for folder in made:
            shutil.rmtree(folder, ignore_errors=True)


def test_a_scan_in_another_process_that_is_still_running_is_not_a_crash(tmp_path):
    other = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        import psutil

        folder = paths.private_dir(crashwatch.folder())
        alive = folder / f"running-{other.pid}.json"
        alive.write_text(json.dumps({"pid": other.pid, "create_time": psutil.Process(other.pid).create_time(), "running": ["app.busy"]}))
        reused = folder / f"running-{other.pid + 100000}.json"  # a pid now used by another program: another start time
        reused.write_text(json.dumps({"pid": other.pid, "create_time": 1000.0, "running": ["app.gone"]}))
        crashwatch.collect_suspects()
        assert alive.exists() and not reused.exists()
        assert crashwatch.suspects() == {"app.gone"}
    finally:
        other.kill()
        other.wait()


def test_a_suspect_built_in_check_gives_the_same_result_alone_as_in_the_process():
    from selfcheck import app as app_mod
    from selfcheck.runner import Runner, select

    app = app_mod.start([], "en")
    chosen = select(app.registry, app.config, check_ids=["os.version"])
    here = Runner(app.registry, app.config).run(chosen)
    crashwatch._change(lambda s: s["suspects"].update({"os.version": {"since": "earlier"}}))
    alone = Runner(app.registry, app.config).run(chosen)
    assert "check os.version was running when selfcheck closed" in log_text()
    assert crashwatch.suspects() == set()
    assert alone.facts["os.version"] == here.facts["os.version"]
    a, b = alone.result("os.version"), here.result("os.version")
    assert (a.status, a.summary, a.advice, a.evidence) == (b.status, b.summary, b.advice, b.evidence)


def test_the_watch_file_names_the_running_checks_owner_only_and_goes_with_the_scan(tmp_path):
    import threading

    from selfcheck.api import Check, Outcome
    from selfcheck.config import Config
    from selfcheck.discovery import Registry
    from selfcheck.runner import Runner

    seen: dict[str, object] = {}
    release = threading.Event()

    class Slow(Check):
        id = "app.slow"
        category = "app"
        title = "Slow"

        def collect(self, ctx):
            path = crashwatch.watch.path
            seen["data"] = json.loads(path.read_text())
            seen["mode"] = stat.S_IMODE(path.stat().st_mode)
            release.wait(5)
            return {}

        def evaluate(self, facts, thresholds):
            return Outcome.ok("ok")

    registry = Registry()
    registry.register_class(Slow, "test")
    runner = Runner(registry, Config())
    done = threading.Thread(target=runner.run, args=([Slow],))
    done.start()
    try:
        for _ in range(100):
            if "data" in seen:
                break
            done.join(0.05)
        assert seen["data"]["running"] == ["app.slow"] and seen["data"]["pid"] == os.getpid()
        assert seen["mode"] == 0o600
        runner.cancel()  # a cancelled scan removes it too
        done.join(5)
        assert not crashwatch.watch.path.exists()
    finally:
        release.set()


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_reason_and_advice_are_plain_in_both_languages(lang):
    from selfcheck.api import Check
    from selfcheck.config import Config
    from selfcheck.diagnosis import diagnose
    from selfcheck.discovery import Registry
    from selfcheck.i18n import _
    from selfcheck.runner import SET_ASIDE, Runner, Scan, reevaluate

    class Company(Check):
        id = "app.company"
        category = "app"
        title = "Company"
        source = "/opt/acme/checks/licence.py"

    class Builtin(Check):
        id = "app.builtin"
        category = "app"
        title = "Built in"

    set_language(lang)
    for cls in (Company, Builtin):
        result = Runner._set_aside_result(cls, {"since": "2026-01-01T00:00:00+00:00", "signal": 11, "ended": "killed by SIGSEGV (11)"})
        assert result.status is Status.ERROR
        for text in (result.summary, *result.advice):
            assert plainwords.problems(text) == [], text
        if lang == "fr":
            assert result.summary == "Cette vérification a fait se fermer ce programme\u00a0: elle est laissée de côté jusqu’à sa mise à jour."
        other = "en" if lang == "fr" else "fr"  # the window's language switch says it again, advice too
        set_language(other)
        switched = reevaluate(Registry(), Config(), Scan("s", "", "", 0.0, [result], {}, diagnose([result]))).result(cls.id)
        set_language(lang)
        assert switched is not None and switched.summary != result.summary and switched.advice != result.advice
        set_language(other)
        assert switched.summary == _(SET_ASIDE)
        set_language(lang)


def test_the_support_card_lists_it_as_not_tested_and_never_as_the_cause(tmp_path):
    from selfcheck import supportcard

    config = company(tmp_path, EXIT)
    scan(config, "app.licence", "app.ok")
    data = json.loads(scan(config, "app.licence", "app.ok").stdout)
    card = supportcard.build(data)
    assert card.cause_id != "app.licence"
    assert "Licence server: could not run (This check made this program close, so it is left out until it is updated.)" in card.not_tested


def test_the_child_treats_its_output_as_hostile():
    import tempfile
    import threading
    import time

    before = set(Path(tempfile.gettempdir()).glob("selfcheck-check-*"))

    def child(code: str, deadline: float = 20) -> crashwatch.ChildOutcome:
        """A child given the exchange's folder (sys.argv[1]); ``started()`` marks that the check's code began."""
        prelude = "import os, sys\nfrom pathlib import Path\nhere = Path(sys.argv[1])\ndef started(): (here / 'started').touch()\n"
        argv = [sys.executable, "-c", prelude + textwrap.dedent(code)]
        return crashwatch.run_child({}, time.monotonic() + deadline, threading.Event(), argv)

    assert child("started(); os._exit(0)").died  # the check ran and the child closed without a word
    assert child("import signal; started(); os.kill(os.getpid(), signal.SIGKILL)").died
    refused = child("started(); (here / 'answer.json').write_text('{\"facts\": NaN}')")
    assert not refused.died and refused.problem and "not JSON" in refused.problem
    assert child("started(); (here / 'answer.json').write_text('[1, 2]')").problem
    assert child("started(); (here / 'answer.json').write_text('{\"facts\": {\"x\": 1}}')").answer == {"facts": {"x": 1}}
    flood = child(f"started()\nwith open(here / 'answer.json', 'w') as f:\n    for _ in range({crashwatch.OUTPUT_CAP // 65536 + 2}): f.write('x' * 65536)")
    assert flood.problem and "more than" in flood.problem and not flood.died
    printed = child('started(); print(\'{"facts": {"x": 1}}\'); os._exit(0)')  # what a check prints is no answer
    assert printed.died and printed.answer is None
    start = time.monotonic()
    hung = child("started(); import time; time.sleep(30)", deadline=0.5)
    assert hung.timed_out and not hung.died and time.monotonic() - start < 5
    assert set(Path(tempfile.gettempdir()).glob("selfcheck-check-*")) == before  # each exchange's folder is gone


def test_a_child_that_never_reaches_the_check_is_no_crash_and_the_check_runs_here(monkeypatch):
    """A build whose executable cannot run a check alone (it fails before the check's own code) must not set an innocent
    suspect aside: the check runs in the process, as before, and gives its result."""
    import threading
    import time

    from selfcheck import app as app_mod
    from selfcheck.runner import Runner, select

    broken = crashwatch.run_child({}, time.monotonic() + 20, threading.Event(), [sys.executable, "-c", "raise SystemExit(1)"])
    assert not broken.died and not broken.started and broken.returncode == 1
    app = app_mod.start([], "en")
    chosen = select(app.registry, app.config, check_ids=["os.version"])
    crashwatch._change(lambda s: s["suspects"].update({"os.version": {"since": "earlier"}}))
    monkeypatch.setattr(crashwatch, "child_command", lambda: [sys.executable, "-c", "import os; os._exit(1)"])
    scan = Runner(app.registry, app.config).run(chosen)
    assert scan.result("os.version").status is not Status.ERROR and "os.version" in scan.facts
    assert store()["set_aside"] == {} and crashwatch.suspects() == set()
    assert "check os.version could not be run in a child process (exit code 1): it runs here" in log_text()


def test_a_windowed_build_without_standard_streams_runs_a_check_alone(monkeypatch):
    """Windows' selfcheck-gui.exe has no console: no standard input, output or error. The child's exchange is files."""
    windowed = (
        "import os, sys\n"
        "for fd in (0, 1, 2): os.close(fd)\n"
        "sys.stdin = sys.stdout = sys.stderr = None\n"
        "sys.frozen = True\n"
        "from selfcheck.entry import main\n"
        "raise SystemExit(main())\n"
    )
    from selfcheck.checks import os_version

    payload = crashwatch.request(os_version.OsVersionCheck, {}, {}, 20.0, "en", False)
    import threading
    import time

    child = crashwatch.run_child(payload, time.monotonic() + 30, threading.Event(), [sys.executable, "-c", windowed, crashwatch.CHILD_ARG])
    assert child.returncode == 0 and child.started and not child.died
    assert child.answer is not None and child.answer["facts"]["system"]


def test_after_the_log_rotates_a_native_crash_still_lands_in_the_current_log():
    script = textwrap.dedent(
        """
        import ctypes, logging
        from selfcheck import logsetup
        logsetup.setup(max_bytes=2000, backups=2)
        for i in range(100):
            logging.getLogger("selfcheck").info("line %d of a log that rotates", i)
        ctypes.string_at(0)
        """
    )
    crashed = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60, env=dict(os.environ))
    assert crashed.returncode == -11 and "Fatal Python error" not in crashed.stderr
    assert (paths.user_log_dir() / "selfcheck.log.1").exists()  # it did rotate
    assert "Fatal Python error: Segmentation fault" in log_text()


def test_the_frozen_build_runs_a_check_alone_through_its_own_executable(monkeypatch):
    """A frozen build has no ``-m selfcheck``: its executable takes the hidden command itself (as entry.main reads it)."""
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    assert crashwatch.child_command() == [sys.executable, crashwatch.CHILD_ARG]
    monkeypatch.delattr(sys, "frozen")
    # what that executable runs: selfcheck.entry.main with the hidden command as its only argument
    frozen_exe = [sys.executable, "-c", "import sys; sys.frozen = True; from selfcheck.entry import main; raise SystemExit(main())"]
    from selfcheck.checks import os_version

    payload = crashwatch.request(os_version.OsVersionCheck, {}, {}, 20.0, "en", False)
    import threading
    import time

    child = crashwatch.run_child(payload, time.monotonic() + 30, threading.Event(), [*frozen_exe, crashwatch.CHILD_ARG])
    assert child.returncode == 0 and not child.died
    assert child.answer is not None and "facts" in child.answer


JUDGE_CLOSES = """
import os
from selfcheck.api import Check, Outcome


class Judge(Check):
    id = "app.judge"
    category = "app"
    title = "Licence seats"

    def collect(self, ctx):
        return {"seats": 3}

    def evaluate(self, facts, thresholds):
        os._exit(4)
"""


def test_a_check_whose_judgement_closes_selfcheck_closes_it_once(tmp_path):
    folder = tmp_path / "company"
    config = company(tmp_path, "pass", folder=folder)
    (folder / "judge.py").write_text(JUDGE_CLOSES, encoding="utf-8")
    first = scan(config, "app.judge", "app.ok")
    assert first.returncode == 4 and first.stdout == ""  # closed while judging what it collected

    second = scan(config, "app.judge", "app.ok")  # alone in a child, its judgement too: the child closes, not selfcheck
    assert second.returncode == 3, second.stderr
    got = results(second)
    assert got["app.ok"]["status"] == "pass"
    assert got["app.judge"]["summary"] == "This check made this program close, so it is left out until it is updated."
    assert got["app.judge"]["evidence"]["exit_code"] == 4
    third = scan(config, "app.judge", "app.ok")
    assert third.returncode == 3 and results(third)["app.judge"]["status"] == "error"
    assert children_started("app.judge") == 1


SLOW_SUSPECT = """
import os, time
from pathlib import Path
from selfcheck.api import Check, Outcome


class Slow(Check):
    id = "app.slow"
    category = "app"
    title = "Licence server"
    timeout = 1

    def collect(self, ctx):
        Path(__file__).with_name("pid").write_text(str(os.getpid()))
        time.sleep(30)
        return {}

    def evaluate(self, facts, thresholds):
        return Outcome.ok("fine")
"""


def test_a_suspect_still_running_alone_when_the_scan_ends_is_stopped_with_it(tmp_path):
    import psutil

    folder = tmp_path / "company"
    config = company(tmp_path, "pass", folder=folder)
    (folder / "slow.py").write_text(SLOW_SUSPECT, encoding="utf-8")
    crashwatch._change(lambda store: store["suspects"].update({"app.slow": {"since": "", "pid": 1}}))
    temp = tmp_path / "temp"
    temp.mkdir()
    argv = [sys.executable, "-m", "selfcheck", "scan", "--json", "--config", str(config), "--check", "app.slow"]
    done = subprocess.run(argv, capture_output=True, text=True, timeout=60, env={**os.environ, "TMPDIR": str(temp)})
    assert results(done)["app.slow"]["summary"] == "This check did not finish in time (1 seconds) and was stopped."
    child = int((folder / "pid").read_text())
    with contextlib.suppress(psutil.TimeoutExpired, psutil.NoSuchProcess):
        psutil.Process(child).wait(timeout=1)
    assert not psutil.pid_exists(child) or psutil.Process(child).status() == psutil.STATUS_ZOMBIE  # not left holding a processor
    assert list(temp.iterdir()) == []  # nor its exchange folder
    assert "app.slow" in store()["suspects"]  # still a suspect: it runs alone again next time


def test_a_check_set_aside_by_one_selfcheck_is_not_undone_by_another_changing_the_record_at_once(monkeypatch):
    crashwatch._change(lambda s: s["suspects"].update({"app.licence": {"since": ""}, "os.version": {"since": ""}}))
    read = crashwatch._store
    other: list[subprocess.Popen[bytes]] = []
    setting_aside = "from selfcheck import crashwatch\nclass Licence:\n    id = 'app.licence'\n    source = ''\ncrashwatch.set_aside(Licence, {'exit_code': 3})"

    def read_then_wait() -> dict:
        data = read()
        if not other:  # this window has read the record; a command's scan sets its crashing check aside now
            other.append(subprocess.Popen([sys.executable, "-c", setting_aside], env=dict(os.environ)))
            with contextlib.suppress(subprocess.TimeoutExpired):
                other[0].wait(timeout=3)
        return data

    monkeypatch.setattr(crashwatch, "_store", read_then_wait)
    crashwatch.innocent("os.version")  # this window's os.version answered alone
    assert other[0].wait(timeout=30) == 0
    monkeypatch.setattr(crashwatch, "_store", read)
    assert set(store()["set_aside"]) == {"app.licence"}  # kept: it does not close selfcheck a second time
    assert store()["suspects"] == {}


@pytest.mark.parametrize("made", ["a pipe as a watch file", "the record a link to an endless device", "a watch file of two million names"])
def test_files_of_the_data_folder_that_selfcheck_did_not_write_neither_block_nor_grow_a_scan(made):
    where = crashwatch.folder()
    paths.private_dir(where)
    if made == "a pipe as a watch file":
        os.mkfifo(where / "running-77.json", 0o600)
    elif made == "the record a link to an endless device":
        (where / crashwatch.STORE).symlink_to("/dev/zero")
    else:
        names = {"pid": 999999, "create_time": 1.0, "running": [f"app.c{i}" for i in range(2_000_000)]}
        (where / "running-999999.json").write_text(json.dumps(names), encoding="utf-8")
    argv = [sys.executable, "-m", "selfcheck", "scan", "--json", "--check", "os.version"]
    done = subprocess.run(argv, capture_output=True, text=True, timeout=30, env=dict(os.environ))  # it hung for good
    assert results(done)["os.version"]["status"] == "pass" and done.stderr == ""
    record = where / crashwatch.STORE
    assert not record.exists() or record.is_symlink() or record.stat().st_size < 1000  # not 140 MB of strangers' names


def test_a_selfcheck_just_ended_whose_parent_has_not_collected_it_yet_is_gone(tmp_path):
    config = company(tmp_path, EXIT)
    ended = subprocess.Popen(
        [sys.executable, "-m", "selfcheck", "scan", "--json", "--config", str(config), "--check", "app.licence"],
        env=dict(os.environ),
        stdout=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 30
    while not os.waitid(os.P_PID, ended.pid, os.WEXITED | os.WNOWAIT | os.WNOHANG) and time.monotonic() < deadline:
        time.sleep(0.05)  # it closed (os._exit) and stays a zombie: not collected, as by a launcher that does not wait
    second = scan(config, "app.licence", "app.ok")
    assert second.returncode == 3  # not closed a second time
    assert results(second)["app.licence"]["summary"] == "This check made this program close, so it is left out until it is updated."
    assert ended.wait(timeout=5) == 3
