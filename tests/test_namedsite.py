"""The website the customer named (issue 21): what the answer may be, when the bundle tries it, and what it sends.

No test here reaches a network: the guard config (tests/conftest.py) turns the probe off, and where it is turned on
the secure-sites probe is replaced by a recorder. The real probe is proven in the network lab
(tests/network/test_support_card_lab.py: test_the_site_the_customer_named_is_tried_and_the_card_says_what_it_did).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest

from selfcheck import app as app_mod
from selfcheck import bundle, namedsite, supportcard
from selfcheck.runner import Scan


@pytest.mark.parametrize(
    ("typed", "host"),
    [
        ("www.mybank.example", "www.mybank.example"),
        ("  WWW.MyBank.Example.  ", "www.mybank.example"),
        ("https://www.mybank.example/account/login?user=martine#top", "www.mybank.example"),
        ("http://martine:secret@mail.example.org:8443/inbox", "mail.example.org"),
        ("mybank.example/account", "mybank.example"),
        ("mybank.example:8080", "mybank.example"),
        ("bücher.example", "xn--bcher-kva.example"),
        ("93.184.216.34", "93.184.216.34"),
        # not a web address: refused, nothing tried
        ("my bank", None),
        ("Gmail", None),
        ("localhost", None),
        ("192.168.1.1", None),
        ("http://10.0.0.1/admin", None),
        ("[::1]", None),
        ("169.254.169.254", None),
        ("file:///etc/passwd", None),
        ("javascript:alert(1)", None),
        ("www.bank.example\x00.evil.example", None),
        ("www.bank\u202e.example", None),
        ("-bad-.example", None),
        ("a" * 64 + ".example", None),
        ("www." + "a.b." * 100 + "example", None),
        ("", None),
    ],
)
def test_only_a_host_name_or_a_public_address_is_kept_from_the_answer(typed: str, host: str | None) -> None:
    assert namedsite.host_of(typed) == host


def test_a_private_address_is_kept_only_when_the_configuration_allows_it() -> None:
    assert namedsite.host_of("192.168.1.1") is None
    assert namedsite.host_of("192.168.1.1", allow_private=True) == "192.168.1.1"


def scan_with(facts: dict[str, Any]) -> Scan:
    results = [{"id": cid, "title": cid, "status": "pass", "summary": ""} for cid in facts]
    scan = Scan.from_dict({"results": results, "symptom": "internet"}, facts)
    scan.symptom = "internet"
    return scan


def described(answer: str) -> bundle.Description:
    return bundle.Description(problem="My bank does not open", symptom="internet", answers=[{"id": "site", "question": "Which website?", "answer": answer}])


def test_the_tests_guard_turns_the_probe_off() -> None:
    # tests/conftest.py's guard layer: named_site = false, whatever the scan holds
    app = app_mod.start((), "en")
    assert namedsite.enabled(app.config) == (False, False)
    plan = bundle.plan_bundle(app, scan_with({"network.https": {"results": {}}}), description=described("www.mybank.example"))
    assert namedsite.PART not in plan.parts


@pytest.fixture
def probe_on(tmp_path: Path) -> Any:
    config = tmp_path / "on.toml"
    config.write_text("[checks]\ndisabled = []\n[support]\nnamed_site = true\nnamed_site_private = true\n")
    return app_mod.start((str(config),), "en")


def test_the_site_is_tried_only_as_a_host_on_443_and_only_when_the_scan_tried_secure_sites(probe_on: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    cls = probe_on.registry.get("network.https")
    asked: list[list[str]] = []

    def recorder(ctx: Any, urls: list[str], with_request: bool = False, pinned: Any = None) -> dict[str, Any]:
        asked.append(list(urls))
        assert with_request is False  # a handshake only: no request, no path
        return {"results": {urls[0]: {"status": "timeout", "address": "203.0.113.7", "ms": 1500.0, "certificate": {"subject": "x"}}}}

    monkeypatch.setattr(sys.modules[cls.__module__], "probe_urls", recorder)
    # the secure-sites check did not run (a company turned the network checks off): nothing is tried
    plan = bundle.plan_bundle(probe_on, scan_with({"os.uptime": {}}), description=described("www.mybank.example"))
    assert namedsite.PART not in plan.parts and asked == []
    # it ran: the host alone, on 443, whatever the customer typed around it
    plan = bundle.plan_bundle(
        probe_on, scan_with({"network.https": {"results": {}}}), description=described("http://martine:pw@www.mybank.example:8443/login?x=1")
    )
    assert asked == [["https://www.mybank.example/"]]
    tried = json.loads(plan.parts[namedsite.PART])
    assert tried == {"host": "www.mybank.example", "status": "timeout", "address": "203.0.113.7", "ms": 1500.0}
    # an answer that is no web address is said to be so, and nothing is tried
    asked.clear()
    plan = bundle.plan_bundle(probe_on, scan_with({"network.https": {"results": {}}}), description=described("the bank's site"))
    assert json.loads(plan.parts[namedsite.PART]) == {"status": "invalid"} and asked == []


def test_planning_the_same_request_again_does_not_try_the_site_again(probe_on: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    # each time the customer goes back to the describe step and on again the bundle is planned again: their site,
    # perhaps unreachable (seconds of waiting each time), is tried once per request and the answer reused
    cls = probe_on.registry.get("network.https")
    asked: list[str] = []

    def recorder(ctx: Any, urls: list[str], with_request: bool = False, pinned: Any = None) -> dict[str, Any]:
        asked.append(urls[0])
        return {"results": {urls[0]: {"status": "timeout", "address": "203.0.113.7", "ms": 1500.0}}}

    monkeypatch.setattr(sys.modules[cls.__module__], "probe_urls", recorder)
    scan = scan_with({"network.https": {"results": {}}})
    tries: dict[Any, Any] = {}
    plans = [bundle.plan_bundle(probe_on, scan, description=described("www.mybank.example"), site_tries=tries) for _ in range(3)]
    assert asked == ["https://www.mybank.example/"]
    assert all(
        json.loads(p.parts[namedsite.PART]) == {"host": "www.mybank.example", "status": "timeout", "address": "203.0.113.7", "ms": 1500.0} for p in plans
    )
    # another answer is tried; so is the same answer after the computer was checked again (a new scan)
    bundle.plan_bundle(probe_on, scan, description=described("www.other.example"), site_tries=tries)
    bundle.plan_bundle(probe_on, scan_with({"network.https": {"results": {}}}), description=described("www.mybank.example"), site_tries=tries)
    assert asked == ["https://www.mybank.example/", "https://www.other.example/", "https://www.mybank.example/"]
    # without a request to keep it (the command line plans once), every plan tries
    bundle.plan_bundle(probe_on, scan, description=described("www.mybank.example"))
    assert len(asked) == 4


def test_a_private_address_is_not_tried_unless_allowed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config = tmp_path / "on.toml"
    config.write_text("[checks]\ndisabled = []\n[support]\nnamed_site = true\n")
    app = app_mod.start((str(config),), "en")
    cls = app.registry.get("network.https")
    monkeypatch.setattr(sys.modules[cls.__module__], "probe_urls", lambda *a, **k: pytest.fail("a private address was tried"))
    plan = bundle.plan_bundle(app, scan_with({"network.https": {"results": {}}}), description=described("http://192.168.1.1/"))
    assert json.loads(plan.parts[namedsite.PART]) == {"status": "private_address", "address": "192.168.1.1"}


def test_the_card_line_says_what_happened_and_stays_inert_on_hostile_values() -> None:
    line, blocked = supportcard.named_site_line({"host": "www.mybank.example", "status": "timeout", "address": "198.51.100.90", "ms": 1500})
    assert line == (
        "The site the customer named, www.mybank.example (198.51.100.90): no answer on port 443 (gave up after 1.5 s), "
        "blocked the same way as the sites above, so the block concerns their site too."
    )
    assert blocked
    line, blocked = supportcard.named_site_line({"host": "www.mybank.example", "status": "not_found"})
    assert line == "The site the customer named, www.mybank.example: its name was not found." and not blocked
    # a forged bundle: a host or an address that is not one is not shown as such
    line, _blocked = supportcard.named_site_line({"host": "evil\x1b[2J.example/../x", "status": "ok", "address": "<script>"})
    assert "\x1b" not in line and "<script>" not in line and line.startswith("The site the customer named, ?: it opened normally")
    assert supportcard.named_site_line({"status": 3}) == ("", False)
    assert supportcard.named_site_line(None) == ("", False)


def test_the_command_line_records_the_site_with_the_question_the_window_asks() -> None:
    """``selfcheck bundle --site`` keeps the answer with the describe step's question as the config words it (one string,
    in the customer's language; a company that rewords it is quoted as it asks), also without ``--symptom``."""
    from checkkit import config
    from selfcheck.commands.bundle import site_answer

    app = app_mod.start((), "fr")
    try:
        asked = "Quel site ne s’ouvre pas\u202f? (son adresse, si vous la connaissez)"
        answer = {"id": "site", "question": asked, "answer": "www.mybank.example"}
        assert site_answer(app.config, "internet", "  www.mybank.example ") == [answer]
        assert site_answer(app.config, None, "www.mybank.example") == [answer]  # --site without --symptom
    finally:
        app_mod.start((), "en")
    reworded = {"id": "site", "text": {"en": "Which of our sites does not open?", "fr": "Lequel de nos sites ne s'ouvre pas\u202f?"}}
    company = config({"symptoms": {"internet": {"questions": [reworded]}, "app": {"questions": []}}})
    assert site_answer(company, "app", "intranet.acme.example") == [
        {"id": "site", "question": "Which of our sites does not open?", "answer": "intranet.acme.example"}
    ]
    # a company that does not ask it: the window records nothing, nor does the command line
    assert site_answer(config({"symptoms": {"internet": {"questions": []}}}), "internet", "www.mybank.example") == []


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_command_line_says_when_it_leaves_out_an_answer_the_problem_does_not_ask(tmp_path, capsys, lang) -> None:
    """``selfcheck bundle --symptom printing --where home``: printing's questions do not ask where the person is, so the
    answer is left out of the bundle (as the window would not ask it); the person is told so, in their language, and the
    bundle is still made (before, it was dropped without a word). ``--site`` is kept with the question of the problem
    that asks it, and said nothing about."""
    import zipfile

    from selfcheck import cli

    out = tmp_path / "b.zip"
    try:
        code = cli.main(
            [
                "bundle",
                "--lang",
                lang,
                "--symptom",
                "printing",
                "--where",
                "home",
                "--site",
                "www.mybank.example",
                "--description",
                "it does not print",
                "--no-logs",
                "--output",
                str(out),
            ]
        )
    finally:
        app_mod.start((), "en")
    err = capsys.readouterr().err
    assert code == 0 and out.exists()
    said = {
        "en": "“--where” is left out: the questions for this kind of problem do not ask where you are.",
        "fr": "«\u00a0--where\u00a0» est laissé de côté\u00a0: les questions pour ce genre de problème ne demandent pas où vous êtes.",
    }[lang]
    assert said in err and "--site" not in err
    with zipfile.ZipFile(out) as z:
        written = z.read("description.json").decode()
    assert "it does not print" in written and "www.mybank.example" in written and '"where"' not in written


def test_the_command_line_says_when_no_question_asks_for_the_site(tmp_path, capsys) -> None:
    """A company whose questions ask nowhere which website does not open: ``--site`` is left out, and said so."""
    from selfcheck import cli

    conf = tmp_path / "company.toml"
    # one quick check: what is said of --site comes from the questions, not from what the scan finds (a whole scan took seconds)
    conf.write_text('[checks]\nenabled = ["os.uptime"]\n\n[symptoms.internet]\nquestions = []\n', encoding="utf-8")
    out = tmp_path / "b.zip"
    code = cli.main(["bundle", "--config", str(conf), "--symptom", "printing", "--site", "www.mybank.example", "--no-logs", "--output", str(out)])
    err = capsys.readouterr().err
    assert code == 0 and out.exists()
    assert "“--site” is left out: the questions for this kind of problem do not ask which website does not open." in err
    # without --symptom every kind of problem's questions were searched: the message does not speak of "this kind"
    code = cli.main(["bundle", "--config", str(conf), "--site", "www.mybank.example", "--no-logs", "--output", str(tmp_path / "c.zip")])
    err = capsys.readouterr().err
    assert code == 0 and "“--site” is left out: no question in this configuration asks which website does not open." in err
    assert "this kind of problem" not in err
    # a blank --site is no answer: nothing to leave out, nothing said
    code = cli.main(["bundle", "--config", str(conf), "--site", "  ", "--no-logs", "--output", str(tmp_path / "d.zip")])
    assert code == 0 and "--site" not in capsys.readouterr().err
