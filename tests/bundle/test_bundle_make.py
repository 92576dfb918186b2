"""Making bundles: round trip, the plan shown before writing, atomic writes, extensions."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import subprocess
import zipfile
from pathlib import Path

import pytest
from bundle_helpers import IDENTITY, FailingDemoCheck

from selfcheck import bundle, cli
from selfcheck.bundle.manifest import ALPHABET, normalise_reference, reference_for
from selfcheck.runner import reevaluate

MANIFEST_KEYS = {
    "schema_version",
    "selfcheck_version",
    "bundle_id",
    "reference",
    "created_at",
    "checks",
    "files",
    "limits_hit",
    "skipped",
    "redaction",
    "symptom",
    "description_present",
}


def test_round_trip_make_verify_read_and_reevaluate(app_and_scan, tmp_path, capsys):
    app, scan = app_and_scan
    info = bundle.make_bundle(app, scan, description={"problem": "Mail does not send", "since": "Monday"}, identity=IDENTITY, out_path=tmp_path / "b.zip")
    assert info.path == tmp_path / "b.zip" and info.size == info.path.stat().st_size

    with zipfile.ZipFile(info.path) as zf:
        names = zf.namelist()
        manifest = json.loads(zf.read("manifest.json"))
        assert MANIFEST_KEYS <= set(manifest)
        assert manifest["schema_version"] == 1
        assert manifest["reference"] == info.reference == reference_for(info.bundle_id)
        listed = {f["path"]: f for f in manifest["files"]}
        assert set(listed) == set(names) - {"manifest.json"}
        for name in listed:
            data = zf.read(name)
            assert listed[name]["size"] == len(data)
            assert listed[name]["sha256"] == hashlib.sha256(data).hexdigest()
        results = json.loads(zf.read("results.json"))
    for expected in (
        "results.json",
        "system.json",
        "report.html",
        "description.json",
        "description.txt",
        "facts/test.demo_problem.json",
        "facts/os.uptime.json",
    ):
        assert expected in names
    assert results["schema_version"] == 1 and {r["id"] for r in results["results"]} == {"os.uptime", "test.demo_problem"}
    assert {"id": "test.demo_problem", "version": "3", "distribution": None} in manifest["checks"]
    assert manifest["description_present"] is True

    assert bundle.verify_bundle(info.path) == []
    opened = bundle.read_bundle(info.path)
    assert opened.reference == info.reference
    assert opened.description["problem"] == "Mail does not send"
    assert opened.system["os"]["system"] == "Linux"
    assert opened.scan.result("test.demo_problem").status.value == "fail"
    assert opened.scan.facts["test.demo_problem"] == {"latency_ms": 950, "limit_ms": 200}

    # support re-evaluates the facts with a "newer" check whose threshold changed
    class Newer(FailingDemoCheck):
        def evaluate(self, facts, thresholds):
            return super().evaluate({**facts, "limit_ms": 2000}, thresholds)

    app.registry.checks["test.demo_problem"] = Newer
    again = reevaluate(app.registry, app.config, opened.scan)
    assert again.result("test.demo_problem").status.value == "pass"
    assert again.diagnosis.status.value != "fail"

    assert cli.main(["show", str(info.path)]) == 0
    out = capsys.readouterr().out
    assert info.reference in out and "The connection is very slow" in out and "Mail does not send" in out
    assert "every file matches" in out


def test_plan_shows_exact_bytes_and_exclude_rebuilds_manifest(app_and_scan, tmp_path):
    app, scan = app_and_scan
    png = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
    plan = bundle.plan_bundle(app, scan, screenshot_png=png, identity=IDENTITY)
    assert "screenshot.png" in plan.paths()
    assert plan.preview("results.json") == plan.files["results.json"].decode()
    removed = plan.exclude("screenshot.png")
    assert removed == ["screenshot.png"]
    assert "screenshot.png" not in plan.files
    assert {"path": "screenshot.png", "reason": "left out by the user", "by": "user"} in plan.manifest["skipped"]
    assert "screenshot.png" not in [f["path"] for f in plan.manifest["files"]]
    with pytest.raises(ValueError):
        plan.exclude("results.json")
    plan_with_description = bundle.plan_bundle(app, scan, description="my printer", identity=IDENTITY)
    assert sorted(plan_with_description.exclude("description.txt")) == ["description.json", "description.txt"]
    assert "my printer" not in plan_with_description.files["report.html"].decode()
    assert plan_with_description.manifest["description_present"] is False
    info = bundle.write_bundle(plan, tmp_path / "x.zip")
    with zipfile.ZipFile(info.path) as zf:
        # what was previewed is exactly what was written
        assert {n: zf.read(n) for n in zf.namelist()} == plan.files


def test_logs_can_be_left_out_as_a_folder(app_and_scan):
    app, scan = app_and_scan
    from selfcheck import logsetup

    logsetup.log_file().parent.mkdir(parents=True, exist_ok=True)
    logsetup.log_file().write_text("2026-01-01 INFO hello\n", encoding="utf-8")
    plan = bundle.plan_bundle(app, scan, identity=IDENTITY)
    assert "logs/selfcheck/selfcheck.log" in plan.files
    plan.exclude("logs/")
    assert not [p for p in plan.files if p.startswith("logs/")]
    no_logs = bundle.plan_bundle(app, scan, include_logs=False, identity=IDENTITY)
    assert not [p for p in no_logs.files if p.startswith("logs/")]
    assert any(s["path"] == "logs/" for s in no_logs.manifest["skipped"])


def test_write_is_atomic_no_partial_zip_after_a_failure(app_and_scan, tmp_path, monkeypatch):
    app, scan = app_and_scan
    plan = bundle.plan_bundle(app, scan, identity=IDENTITY)
    target = tmp_path / "out" / "bundle.zip"
    target.parent.mkdir()
    target.write_bytes(b"previous bundle")
    calls = {"n": 0}
    real = zipfile.ZipFile.writestr

    def failing(self, *args, **kw):
        calls["n"] += 1
        if calls["n"] == 3:
            raise OSError(28, "No space left on device")
        return real(self, *args, **kw)

    monkeypatch.setattr(zipfile.ZipFile, "writestr", failing)
    with pytest.raises(bundle.BundleWriteError) as err:
        bundle.write_bundle(plan, target)
    assert "(the disk is full)" in str(err.value)  # plain words, not the system's "No space left on device"
    assert sorted(p.name for p in target.parent.iterdir()) == ["bundle.zip"]
    assert target.read_bytes() == b"previous bundle"


def test_a_copy_of_a_written_bundle_appears_whole_or_not_at_all(app_and_scan, tmp_path, monkeypatch):
    """The window's "save" after a send copies the bundle it sent: a copy made straight into the target showed a file
    half written (read meanwhile, it was "not a zip archive, or damaged"; a copy stopped by a full disk left it so)."""
    import os
    import shutil

    app, scan = app_and_scan
    info = bundle.write_bundle(bundle.plan_bundle(app, scan, identity=IDENTITY), tmp_path / "sent.zip")
    target = tmp_path / "out" / "for-support.zip"
    target.parent.mkdir()
    seen: list[bool] = []
    real = shutil.copyfileobj

    def half_then_full_disk(source, dest, *args, **kw):
        dest.write(source.read(info.size // 2))
        dest.flush()
        seen.append(target.exists())  # what the person (or their mail program) would find there meanwhile
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(shutil, "copyfileobj", half_then_full_disk)
    with pytest.raises(bundle.BundleWriteError) as err:
        bundle.copy_bundle(info.path, target)
    assert "(the disk is full)" in str(err.value)
    assert seen == [False] and list(target.parent.iterdir()) == []  # nothing there, not even half a file
    monkeypatch.setattr(shutil, "copyfileobj", real)
    assert bundle.copy_bundle(info.path, target) == target
    assert target.read_bytes() == info.path.read_bytes() and list(target.parent.iterdir()) == [target]
    assert bundle.read_bundle(target).manifest["reference"] == info.reference
    if os.name == "posix":
        assert target.stat().st_mode & 0o077 == 0  # readable by its owner only, as the bundle it copies


def test_default_folder_and_mapping_kept_outside_the_zip(app_and_scan, selfcheck_home):
    app, scan = app_and_scan
    info = bundle.make_bundle(app, scan, identity=IDENTITY)
    assert info.path.parent == selfcheck_home / "data" / "bundles"
    assert info.reference in info.path.name
    assert info.mapping_path is not None and info.mapping_path.parent == info.path.parent
    mapping = json.loads(info.mapping_path.read_text())
    assert mapping["bundle_id"] == info.bundle_id
    with zipfile.ZipFile(info.path) as zf:
        assert not [n for n in zf.namelist() if "mapping" in n]


def test_extra_parts_are_added_redacted_and_a_failing_one_is_listed(app_and_scan, monkeypatch):
    app, scan = app_and_scan

    def history(app, scan):
        return [("history/summary.json", json.dumps({"last": "seen on PC-JDUPONT-42", "password": "x"}).encode())]

    def broken(app, scan):
        raise RuntimeError("boom")

    from selfcheck import hooks

    monkeypatch.setattr(hooks, "bundle_parts", [history, broken])
    plan = bundle.plan_bundle(app, scan, identity=IDENTITY)
    summary = json.loads(plan.files["history/summary.json"])
    assert summary == {"last": "seen on host-1", "password": "[redacted]"}
    assert any("extension" in s["reason"] for s in plan.manifest["skipped"])


def test_reference_code_is_short_unambiguous_and_normalisable():
    import uuid

    codes = {reference_for(str(uuid.uuid4())) for _ in range(2000)}
    assert len(codes) == 2000
    for code in codes:
        assert len(code) == 11 and code[3] == code[7] == "-"
        assert all(c in ALPHABET for c in code.replace("-", ""))
        # nothing a person could read as something else, on paper or on the phone
        assert not set(code) & set("0OQD1IL2Z5S8BUV")
    code = next(iter(codes))
    assert normalise_reference(code.lower().replace("-", " ")) == code
    assert normalise_reference(code.replace("-", "")) == code
    assert normalise_reference(code[:-1]) is None
    assert normalise_reference(code[:-1] + "0") is None  # not a character of the code: refused, not guessed


def test_bundle_command_prints_path_reference_and_redaction_and_reuses_the_scan(tmp_path, capsys, selfcheck_home):
    cfg = tmp_path / "c.toml"
    cfg.write_text('[checks]\nenabled = ["os.uptime"]\n', encoding="utf-8")
    out_file = tmp_path / "mine.zip"
    rc = cli.main(["bundle", "--config", str(cfg), "-o", str(out_file), "--description", "printer jammed, call me at bob@example.org", "--no-logs"])
    out = capsys.readouterr().out
    assert rc == 0
    assert str(out_file) in out
    opened = bundle.read_bundle(out_file)
    assert opened.reference in out
    assert "e-mail addresses: " in out
    assert opened.description["problem"] == "printer jammed, call me at email-1"
    first_scan = opened.scan.id
    rc = cli.main(["bundle", "--config", str(cfg), "-o", str(tmp_path / "second.zip"), "--no-logs"])
    assert rc == 0
    assert bundle.read_bundle(tmp_path / "second.zip").scan.id == first_scan  # a fresh scan is reused
    reused = capsys.readouterr().err
    assert re.search(r"Using the scan finished at \d\d:\d\d\.$", reused, re.M), reused  # the clock time, not an ISO timestamp
    rc = cli.main(["bundle", "--config", str(cfg), "-o", str(tmp_path / "third.zip"), "--no-logs", "--rescan"])
    assert bundle.read_bundle(tmp_path / "third.zip").scan.id != first_scan


@pytest.mark.parametrize(("lang", "brand"), [("en", "clearline-help"), ("fr", "clearline-assistance")])
def test_the_bundle_command_names_its_file_as_the_window_proposes_it(tmp_path, capsys, selfcheck_home, lang, brand):
    """`selfcheck bundle` named its file selfcheck-20261207T094012-HT4-7KP-3WN.zip, the window proposed
    selfcheck-diagnostic-bundle.zip: now both give the company's name in the customer's language, the reference and the
    day, in the bundles folder and in a folder given with -o."""
    from datetime import datetime

    cfg = tmp_path / "c.toml"
    cfg.write_text('[checks]\nenabled = ["os.uptime"]\n[branding]\ncompany = { en = "Clearline Help", fr = "Clearline Assistance" }\n', encoding="utf-8")
    folder = tmp_path / "for support"
    folder.mkdir()
    for given, where in (([], selfcheck_home / "data" / "bundles"), (["-o", str(folder)], folder)):
        assert cli.main(["bundle", "--config", str(cfg), "--no-logs", "--lang", lang, *given]) == 0
        capsys.readouterr()
        (made,) = where.glob("*.zip")
        opened = bundle.read_bundle(made)
        day = datetime.fromisoformat(opened.manifest["created_at"].replace("Z", "+00:00")).astimezone().date().isoformat()
        assert made.name == f"{brand}-{opened.reference}-{day}.zip"


def test_send_says_it_sends_the_scan_already_made_as_bundle_does(tmp_path, capsys, selfcheck_home):
    """An admin's day one: `selfcheck bundle` said "Using the scan finished at 16:53." when it reused the scan just
    made, `selfcheck send` reused it without a word: the customer could not tell what was sent was found minutes ago."""
    from sendkit import free_port

    cfg = tmp_path / "c.toml"
    cfg.write_text(
        f'[checks]\nenabled = ["os.uptime"]\n[support]\nkind = "intake"\nurl = "http://127.0.0.1:{free_port()}"\nretry_now = 0\nconnect_timeout = 2\n',
        encoding="utf-8",
    )
    cli.main(["scan", "--config", str(cfg)])
    capsys.readouterr()
    assert cli.main(["send", "--config", str(cfg)]) == 4  # nothing listens there: kept to be sent later
    said = capsys.readouterr().err
    assert re.search(r"^Using the scan finished at \d\d:\d\d\.$", said, re.M), said


def test_a_scan_of_one_check_is_not_reused_as_the_bundles_scan(tmp_path, capsys):
    """An admin's day one: `selfcheck scan --check app.acme-license`, then `selfcheck send`: the bundle reused that
    scan of one check, and the support card read "We found no problem" for a computer with no network."""
    cfg = tmp_path / "c.toml"
    cfg.write_text('[checks]\nenabled = ["os.uptime", "os.timezone"]\n', encoding="utf-8")
    cli.main(["scan", "--config", str(cfg), "--check", "os.uptime"])
    capsys.readouterr()
    assert cli.main(["bundle", "--config", str(cfg), "-o", str(tmp_path / "b.zip"), "--no-logs"]) == 0
    assert {r.check_id for r in bundle.read_bundle(tmp_path / "b.zip").scan.results} == {"os.uptime", "os.timezone"}
    assert "Using the scan" not in capsys.readouterr().err
    cli.main(["scan", "--config", str(cfg)])  # a whole scan is still reused
    capsys.readouterr()
    assert cli.main(["bundle", "--config", str(cfg), "-o", str(tmp_path / "c.zip"), "--no-logs"]) == 0
    assert "Using the scan" in capsys.readouterr().err


def test_bundle_command_unwritable_target_gives_a_plain_message(tmp_path, capsys):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    cfg = tmp_path / "c.toml"
    cfg.write_text('[checks]\nenabled = ["os.uptime"]\n', encoding="utf-8")
    rc = cli.main(["bundle", "--config", str(cfg), "-o", str(blocker / "sub" / "b.zip"), "--no-logs"])
    err = capsys.readouterr().err
    assert rc == 3
    assert "cannot be created" in err and "Traceback" not in err


def test_show_reevaluate_and_report_in_supports_language(app_and_scan, tmp_path, capsys):
    app, scan = app_and_scan
    info = bundle.make_bundle(app, scan, identity=IDENTITY, out_path=tmp_path / "b.zip")
    page = tmp_path / "again.html"
    assert cli.main(["show", str(info.path), "--reevaluate", "--report", str(page), "--lang", "fr"]) == 0
    out = capsys.readouterr().out
    assert "Réévalué avec selfcheck" in out and str(page) in out
    assert "Rapport de diagnostic" in page.read_text() and info.reference in page.read_text()


@pytest.mark.parametrize(
    "lang, made",
    [
        ("en", r"Bundle [A-Z0-9-]+, made [A-Z][a-z]+ \d{1,2}, \d{4} at \d{2}:\d{2} UTC by selfcheck \S+ \(Linux\)"),
        ("fr", r"Dossier de diagnostic [A-Z0-9-]+, créé le (1er|\d{1,2}) [a-zéû]+ \d{4} à \d{1,2}\u00a0h\u00a0\d{2} UTC par selfcheck \S+ \(Linux\)"),
    ],
)
def test_show_says_when_the_bundle_was_made_and_on_what_system_as_people_say_them(app_and_scan, tmp_path, capsys, lang, made):
    """`selfcheck show` began « créé le 2026-12-07T09:24:00Z par selfcheck 0.1.0 (linux) »: the date and time in the reader's
    language, the system as people name it, as report.html's heading says them."""
    app, scan = app_and_scan
    info = bundle.make_bundle(app, scan, identity=IDENTITY, out_path=tmp_path / "b.zip")
    assert cli.main(["show", str(info.path), "--lang", lang]) == 0
    first = capsys.readouterr().out.splitlines()[0]
    assert re.fullmatch(made, first), first


def test_scan_command_caches_its_scan_for_the_bundle_command(tmp_path, capsys):
    cfg = tmp_path / "c.toml"
    cfg.write_text('[checks]\nenabled = ["os.uptime"]\n', encoding="utf-8")
    cli.main(["scan", "--json", "--config", str(cfg)])
    scanned = json.loads(capsys.readouterr().out)
    assert cli.main(["bundle", "--config", str(cfg), "-o", str(tmp_path / "b.zip"), "--no-logs"]) == 0
    assert bundle.read_bundle(tmp_path / "b.zip").scan.id == scanned["scan_id"]


def test_stale_or_other_symptom_scan_is_not_reused(app_and_scan):
    from datetime import UTC, datetime, timedelta

    from selfcheck.bundle import cache

    _app, scan = app_and_scan
    cache.remember_scan(scan)
    assert cache.recent_scan(5, None).id == scan.id
    assert cache.recent_scan(5, "internet") is None
    assert cache.recent_scan(5, None, now=datetime.now(UTC) + timedelta(minutes=6)) is None
    assert cache.recent_scan(0, None) is None


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="mounting a full volume needs root")
def test_a_full_drive_leaves_no_empty_scan_file_behind(app_and_scan, caplog):
    """The data folder on a full drive (a real full tmpfs): the scan could not be kept for the bundle, and an empty
    last-scan.json.partial stayed in the person's data folder."""
    from selfcheck import paths
    from selfcheck.bundle import cache

    _app, scan = app_and_scan
    folder = paths.user_data_dir()
    folder.mkdir(parents=True, exist_ok=True)
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(folder)], capture_output=True, check=False).returncode:
        pytest.skip("cannot mount a test volume here")
    try:
        with contextlib.suppress(OSError), open(folder / "filler", "wb") as filler:
            while True:
                filler.write(b"x" * 4096)
                filler.flush()
        cache.remember_scan(scan)
        assert "could not cache the scan" in caplog.text
        assert sorted(p.name for p in folder.iterdir()) == ["filler"]
    finally:
        subprocess.run(["umount", "-l", str(folder)], capture_output=True, check=False)


def test_results_json_follows_the_scan_json_schema(app_and_scan):
    import jsonschema

    from selfcheck.bundle.manifest import RESULTS

    schema = json.loads((Path(__file__).resolve().parents[2] / "docs" / "scan-schema.json").read_text(encoding="utf-8"))
    app, scan = app_and_scan
    plan = bundle.plan_bundle(app, scan, identity=IDENTITY)
    jsonschema.validate(json.loads(plan.files[RESULTS]), schema)


def test_history_left_out_on_a_full_drive_says_so_plainly_and_keeps_the_raw_error(app_and_scan, tmp_path, capsys, monkeypatch):
    # agent round 24: "“disk I/O error” next to the missing history files look alarming": the list of what was left out says the
    # drive is full; the computer's own error stays in the manifest for whoever wants it
    import dataclasses
    import sqlite3

    from selfcheck import hooks, supportcard

    app, scan = app_and_scan

    def full(app, scan):
        raise sqlite3.OperationalError("disk I/O error")

    def refused(app, scan):
        raise PermissionError("[Errno 13] Permission denied: 'history.sqlite3'")

    full.__module__ = "selfcheck.history"
    refused.__module__ = "selfcheck.repairs.history"
    monkeypatch.setattr(hooks, "bundle_parts", [full, refused])
    home = {"mountpoint": "/home", "role": "home", "total": 256_480_833_536, "free": 12_288}
    scan = dataclasses.replace(scan, facts={**scan.facts, "hardware.disk": {"volumes": [home]}})
    info = bundle.make_bundle(app, scan, identity=IDENTITY, out_path=tmp_path / "full.zip")
    skipped = {s["path"]: s for s in bundle.read_bundle(info.path).manifest["skipped"]}
    history, repairs = skipped["The computer's history (earlier results, what changed)"], skipped["The repairs tried lately"]
    assert history["reason"] == "could not be added: the drive holding it (/home) is full", history
    assert history["error"] == "OperationalError: disk I/O error", history  # the raw error, kept
    # another cause keeps its words
    assert repairs["reason"] == "could not be added (PermissionError: [Errno 13] Permission denied: 'history.sqlite3')", repairs
    assert cli.main(["show", str(info.path)]) == 0
    left = capsys.readouterr().out.split("\nFiles: ")[1]
    assert "  - The computer's history (earlier results, what changed): could not be added: the drive holding it (/home) is full\n" in left
    assert "disk I/O error" not in left and "Permission denied" in left, left

    # a bundle made before (its manifest says the raw error), shown now: plainly too, in the reader's language
    with monkeypatch.context() as before:
        before.setattr(supportcard, "left_out_full", lambda item, disk: "")
        old = bundle.make_bundle(app, scan, identity=IDENTITY, out_path=tmp_path / "old.zip")
    assert "disk I/O error" in json.dumps(bundle.read_bundle(old.path).manifest["skipped"])
    assert cli.main(["show", str(old.path), "--lang", "fr"]) == 0
    left = capsys.readouterr().out.split("\nFichiers\u00a0: ")[1]
    assert ": n’a pas pu être ajouté\u00a0: le disque qui le contient (/home) est plein\n" in left and "disk I/O error" not in left, left

    # a drive with room, or a hostile mount point: never more than the facts, and inert
    from selfcheck.i18n import set_language

    set_language("en")
    for volume, said in (({**home, "free": 90e9}, None), ({**home, "mountpoint": "/home\x1b[31m\nX"}, "(/home\\x1b[31m\\nX)")):
        roomy = dataclasses.replace(scan, facts={**scan.facts, "hardware.disk": {"volumes": [volume]}})
        made = bundle.make_bundle(app, roomy, identity=IDENTITY, out_path=tmp_path / "other.zip")
        assert cli.main(["show", str(made.path)]) in (0, 1)
        out = capsys.readouterr().out
        line = next(x for x in out.splitlines() if x.startswith("  - The computer's history"))
        assert ("disk I/O error" in line) if said is None else (said in line and "\x1b" not in out), line


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_show_and_its_report_give_the_first_problems_steps_once_and_the_customers_report_keeps_them(app_and_scan, tmp_path, capsys, lang):
    # agent round 25 (router-dns): "the same advice appears three times (the reply, the ⚠ box and the list of results), so I read it
    # more than once": in support's view, the list of results points to the steps in the customer's screen above
    from selfcheck import i18n, textreport

    app, scan = app_and_scan
    info = bundle.make_bundle(app, scan, identity=IDENTITY, out_path=tmp_path / "b.zip")
    page = tmp_path / "show.html"
    assert cli.main(["show", str(info.path), "--lang", lang, "--report", str(page)]) == 0
    out = capsys.readouterr().out
    above = {"en": "→ The steps above, under “What to do now”.", "fr": "→ Les étapes ci-dessus, sous «\u00a0Que faire maintenant\u00a0»."}[lang]
    box, results = out.split("⚠", 1)[1].split("\n\n", 1)  # the customer's screen, then every result
    assert "Move closer to the Wi-Fi box." in box and "Restart the box." in box, out
    assert results.count("→") == 1 and above in results, results
    assert "Move closer to the Wi-Fi box." not in results and "Restart the box." not in results, results
    html = page.read_text(encoding="utf-8")
    listed = html[html.index('<details class="result') :]  # report.html's results, below the customer's screen
    assert "Restart the box." in html.split(listed)[0] and "Restart the box." not in listed and above.removeprefix("→ ") in listed, listed
    # the customer's own terminal report (selfcheck scan) is unchanged: its list gives the steps again
    with i18n.language(lang):
        customer = textreport.format_scan(bundle.read_bundle(info.path).scan, app.config)
    assert customer.count("Restart the box.") == 2 and above not in customer, customer


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_show_and_its_report_title_each_result_as_the_card_does_and_the_customers_report_keeps_its_title(app_and_scan, tmp_path, capsys, lang):
    # agent rounds 24-30 (sign-in page, a laptop on a cable): the card says "Network sign-in page", the list of every result
    # under it said "Wi-Fi welcome page", and the agent checked twice that they were the same thing: in support's view the list
    # names each check as the card does; the customer's own report keeps the check's own title
    import dataclasses

    from selfcheck import i18n, textreport
    from selfcheck.diagnosis import diagnose

    app, scan = app_and_scan
    demo = scan.result(FailingDemoCheck.id)
    portal = dataclasses.replace(demo, check_id="network.captive_portal", title="Wi-Fi welcome page")
    web = dataclasses.replace(demo, check_id="test.web", title="Opening websites", consequence_of=["network.captive_portal"])
    results = [r for r in scan.results if r is not demo] + [portal, web]
    scan = dataclasses.replace(scan, results=results, diagnosis=diagnose(results, app.registry, app.config))
    info = bundle.make_bundle(app, scan, identity=IDENTITY, out_path=tmp_path / "b.zip")
    page = tmp_path / "show.html"
    assert cli.main(["show", str(info.path), "--lang", lang, "--report", str(page)]) == 0
    out = capsys.readouterr().out
    card_name = {"en": "Network sign-in page", "fr": "Page de connexion du réseau"}[lang]
    results_text = out.split("\n\n", 1)[1].split("⚠", 1)[1]  # the customer's screen, then every result
    assert re.search(rf"  ✖ \S+ +{card_name}\n", results_text), results_text
    assert f"“{card_name}”" in results_text or f"«\u00a0{card_name}\u00a0»" in results_text, results_text  # the consequence's root, too
    assert "Wi-Fi welcome page" not in results_text, results_text
    listed = page.read_text(encoding="utf-8").split('<details class="result', 1)[1]  # report.html's results, under the card
    assert f'<span class="title">{card_name}</span>' in listed and card_name in listed.split("consequence", 1)[1], listed
    assert "Wi-Fi welcome page" not in listed, listed
    # the customer's own terminal report (selfcheck scan) keeps the check's own title
    with i18n.language(lang):
        customer = textreport.format_scan(bundle.read_bundle(info.path).scan, app.config)
    assert "Wi-Fi welcome page" in customer and card_name not in customer, customer


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="mounting a full volume needs root")
def test_a_drive_with_room_for_the_bundle_but_not_its_mapping_leaves_no_half_file(app_and_scan, tmp_path, selfcheck_home):
    """The bundles folder on a nearly full drive (a real tmpfs): the bundle fits, its pseudonym mapping does not; before,
    an empty '<bundle>.mapping.json.partial' stayed beside it for ever. The bundle is kept; the mapping is whole or not there."""
    app, scan = app_and_scan
    plan = bundle.plan_bundle(app, scan, identity=IDENTITY)
    size = bundle.write_bundle(plan, tmp_path / "measure.zip").size  # the same plan: the same bytes
    folder = bundle.bundles_dir()  # made by the measuring write (its mapping), hidden under the volume
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", str(folder)], capture_output=True, check=False).returncode:
        pytest.skip("cannot mount a test volume here")
    try:
        filler = folder / "filler"
        with contextlib.suppress(OSError), open(filler, "wb") as out:
            while True:
                out.write(b"x" * 4096)
                out.flush()
        block = os.statvfs(folder).f_frsize
        os.truncate(filler, filler.stat().st_size - -(-size // block) * block)  # room for the bundle, not one block more
        info = bundle.write_bundle(plan)
        assert info.mapping_path is None and info.size == size
        assert sorted(p.name for p in folder.iterdir()) == sorted(["filler", info.path.name])
        assert bundle.read_bundle(info.path).reference == plan.reference and info.path.stat().st_mode & 0o077 == 0
    finally:
        subprocess.run(["umount", "-l", str(folder)], capture_output=True, check=False)


@pytest.mark.parametrize(("made_in", "read_in"), [("en", "fr"), ("fr", "en"), ("en", "en")])
def test_show_says_what_the_user_wrote_and_what_was_left_out_in_the_readers_language(app_and_scan, tmp_path, capsys, made_in, read_in):
    """French review (s32): an English customer's bundle read in French said "logs/: left out: logs were not asked for"
    (the reason is selfcheck's own, written in the customer's language) and "Problème: …" without the space French puts
    before a colon. Now each in the reader's language, the customer's own words as written."""
    from selfcheck import i18n

    app, scan = app_and_scan
    with i18n.language(made_in):
        info = bundle.make_bundle(
            app, scan, identity=IDENTITY, out_path=tmp_path / "b.zip", include_logs=False, description={"problem": "Word will not save", "since": "Monday"}
        )
    assert cli.main(["show", str(info.path), "--lang", read_in]) == 0
    out = capsys.readouterr().out.splitlines()
    said = {
        "en": ["  Problem: Word will not save", "  Since: Monday", "  - logs/: left out: logs were not asked for"],
        "fr": ["  Problème\u00a0: Word will not save", "  Depuis\u00a0: Monday", "  - logs/\u00a0: laissé de côté\u00a0: les journaux n’ont pas été demandés"],
    }[read_in]
    assert all(line in out for line in said), out


def test_bundle_output_a_new_name_is_a_zip_a_folder_or_refused(tmp_path, capsys, selfcheck_home):
    """`selfcheck bundle -o reports` where reports did not exist wrote a file named reports, without .zip: a file the
    customer's mail program and support would not open. As cp and tar read a target: a name ending with a separator is
    a folder (made) that gets the proposed name, a name ending with .zip is the file, and a new name without .zip is
    refused, before the scan, with words that say what to give."""
    import os

    cfg = tmp_path / "c.toml"
    cfg.write_text('[checks]\nenabled = ["os.uptime"]\n', encoding="utf-8")
    assert cli.main(["bundle", "--config", str(cfg), "--no-logs", "-o", str(tmp_path / "reports")]) == 3
    err = capsys.readouterr().err
    assert "does not end with .zip" in err and "Traceback" not in err
    assert not (tmp_path / "reports").exists()
    assert cli.main(["bundle", "--config", str(cfg), "--no-logs", "-o", str(tmp_path / "new folder") + os.sep]) == 0
    capsys.readouterr()
    (made,) = (tmp_path / "new folder").iterdir()
    assert made.name.startswith(f"selfcheck-{bundle.read_bundle(made).reference}-") and made.suffix == ".zip"
    assert cli.main(["bundle", "--config", str(cfg), "--no-logs", "-o", str(tmp_path / "mine.ZIP")]) == 0
    assert (tmp_path / "mine.ZIP").is_file()


def test_bundle_and_send_say_the_time_of_the_scan_they_reuse_as_french_writes_it(tmp_path, capsys, selfcheck_home):
    """In French, `selfcheck bundle` and `selfcheck send` said « Les résultats viennent de l’analyse terminée à 15:54. »:
    French writes a time of day « 15 h 54 » (wording.local_time, as `selfcheck outbox` says its moments), its « h » never
    cut from its numbers at a line's end. English keeps 15:54. The time is the scan's own, in this computer's time."""
    from datetime import datetime

    from sendkit import free_port

    cfg = tmp_path / "c.toml"
    cfg.write_text(
        f'[checks]\nenabled = ["os.uptime"]\n[support]\nkind = "intake"\nurl = "http://127.0.0.1:{free_port()}"\nretry_now = 0\nconnect_timeout = 2\n',
        encoding="utf-8",
    )
    cli.main(["scan", "--config", str(cfg)])
    capsys.readouterr()
    assert cli.main(["bundle", "--config", str(cfg), "-o", str(tmp_path / "fr.zip"), "--no-logs", "--lang", "fr"]) == 0
    finished = datetime.fromisoformat(bundle.read_bundle(tmp_path / "fr.zip").scan.finished_at).astimezone()
    french = f"Les résultats viennent de l’analyse terminée à {finished.hour}\u00a0h\u00a0{finished.minute:02d}."
    assert french in capsys.readouterr().err.splitlines()
    assert cli.main(["send", "--config", str(cfg), "--lang", "fr"]) == 4  # nothing listens there: kept to be sent later
    assert french in capsys.readouterr().err.splitlines()
    assert cli.main(["bundle", "--config", str(cfg), "-o", str(tmp_path / "en.zip"), "--no-logs"]) == 0
    assert f"Using the scan finished at {finished:%H:%M}." in capsys.readouterr().err.splitlines()
