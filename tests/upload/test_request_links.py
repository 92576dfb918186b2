"""Answering support's request link on the customer's side: what is accepted, what is refused, and the
bundle that waits with its code while the relay is down."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from selfcheck.config import load
from selfcheck.upload.request import BadRequest, look_up, parse_link
from sendkit import Relay, client_config, free_port, make_bundle, manifest_of, run_cli

CODE = "7K2QD-9XHMA"


@pytest.fixture
def config(tmp_path):
    return load([client_config(tmp_path / "c.toml", "https://support.example.com")])


@pytest.mark.parametrize(
    "link",
    [
        f"selfcheck://request/{CODE}",
        f"selfcheck://request/{CODE.lower()}",
        f"selfcheck:request/{CODE}",
        f"https://support.example.com/r/{CODE}",
        CODE,
        "7k2qd 9xhma",
    ],
)
def test_links_and_codes_from_support_give_the_code(config, link):
    assert parse_link(link, config) == CODE


# How Windows hands a clicked link to `"...\selfcheck-gui.exe" "%1"` (packaging/windows/selfcheck.iss): the
# URL as the browser had it, or with a slash added (Internet Explorer and the shell; Microsoft KB 176347 shows
# "telnet://some url encoded string/"), percent-decoded or still encoded, the scheme in capitals, or without "//".
WINDOWS_FORMS = [
    f"selfcheck://request/{CODE}/",
    f"SELFCHECK://REQUEST/{CODE}",
    f"Selfcheck://Request/{CODE}/",
    f"selfcheck:{CODE}",
    f"selfcheck:{CODE}/",
    f"SELFCHECK:{CODE.lower()}",
    f"selfcheck:request/{CODE}/",
    "selfcheck://request/7K2QD%2D9XHMA",
    "selfcheck://request/%37%4B%32%51%44-9XHMA/",
    "selfcheck://request/7K2QD%209XHMA",
    f"https://support.example.com/r/{CODE}/",
]


@pytest.mark.parametrize("link", WINDOWS_FORMS)
def test_the_forms_windows_and_browsers_pass_a_link_on_in_give_the_code(config, link):
    assert parse_link(link, config) == CODE


@pytest.mark.parametrize("link", [*WINDOWS_FORMS[:4], "selfcheck://request/7K2QD%2D9XHMA"])
def test_the_program_started_as_windows_starts_it_answers_the_request(tmp_path, monkeypatch, capsys, link):
    """`selfcheck-gui.exe "selfcheck://request/CODE/"`: argv[1] is the link; without a screen it says how to answer."""
    from selfcheck import cli

    for name in ("DISPLAY", "WAYLAND_DISPLAY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("SELFCHECK_CONFIG", str(client_config(tmp_path / "c.toml", "https://support.example.com")))
    assert cli.main([link]) == 0
    assert f"selfcheck send --request {CODE}" in capsys.readouterr().out


def test_typed_look_alikes_are_read_as_the_digits(config):
    assert parse_link("O1ABC-DEFIL", config) == "01ABC-DEF11"


@pytest.mark.parametrize(
    ("link", "kind"),
    [
        (f"https://support.evil.example/r/{CODE}", "other_host"),
        (f"https://support.example.com:8443/r/{CODE}", "other_host"),
        (f"http://support.example.com/r/{CODE}", "other_host"),
        (f"https://support.example.com.evil.example/r/{CODE}", "other_host"),
        (f"selfcheck://evil.example/{CODE}", "malformed"),
        (f"selfcheck://request/{CODE}?relay=https://evil.example", "malformed"),
        ("selfcheck://request/../../etc/passwd", "malformed"),
        ("selfcheck://request/%2e%2e%2f%2e%2e%2fetc", "malformed"),
        (f"selfcheck://request/{CODE}/../../x", "malformed"),
        (f"https://support.example.com/r/../{CODE}", "malformed"),
        (f"https://support.example.com/admin/{CODE}", "malformed"),
        ("selfcheck://request/" + "A" * 400, "too_long"),
        (f"selfcheck://request/{CODE}\n", "control"),
        ("selfcheck://request/7K2QD\x1b[2J-9XHMA", "control"),
        (f"selfcheck://request/{CODE}\u0085", "control"),
        ("selfcheck://request/%252e%252e%252fetc", "malformed"),
        ("selfcheck://request/%2e%2e%2f%2e%2e%2fetc/", "malformed"),
        ("selfcheck://request/%ZZ7K2QD-9XHMA", "malformed"),
        ("selfcheck://request/%FF%FE", "malformed"),
        ("selfcheck://request/%0a7K2QD-9XHMA", "control"),
        (f"selfcheck://request/{CODE}%00", "control"),
        (f"selfcheck://request/{CODE}//", "malformed"),
        (f"selfcheck:evil.example/{CODE}", "malformed"),
        (f"selfcheck:{CODE}@evil.example", "malformed"),
        (f"selfcheck://{CODE}", "malformed"),
        (f"selfcheck:///{CODE}", "malformed"),
        ("selfcheck:", "malformed"),
        ("file:///etc/passwd", "malformed"),
        ("javascript:alert(1)", "malformed"),
        ("7K2QD-9XHM", "malformed"),
        ("7K2QD-9XHMU", "malformed"),
    ],
)
def test_hostile_links_are_refused_with_a_plain_message_before_any_traffic(config, link, kind):
    with pytest.raises(BadRequest) as refused:
        parse_link(link, config)
    assert refused.value.kind == kind
    assert refused.value.message and "Traceback" not in refused.value.message


def test_another_host_is_refused_in_french_too(tmp_path):
    from selfcheck import i18n

    config = load([client_config(tmp_path / "c.toml", "https://support.example.com")])
    i18n.set_language("fr")
    try:
        with pytest.raises(BadRequest) as refused:
            parse_link(f"https://autre.example/r/{CODE}", config)
        assert "autre assistance" in refused.value.message
    finally:
        i18n.set_language("en")


def test_a_relay_that_cannot_be_reached_gives_a_request_without_its_ticket(tmp_path):
    config = load([client_config(tmp_path / "c.toml", f"http://127.0.0.1:{free_port()}")])
    asked = look_up(CODE, config)
    assert asked.code == CODE and asked.ticket is None and not asked.reachable


def test_the_bundle_waits_with_its_code_and_joins_the_ticket_when_the_relay_is_back(tmp_path):
    port = free_port()
    relay = Relay(tmp_path / "relay", port=port, requests={"agent_token": "t"})
    made = subprocess.run(
        [sys.executable, "-m", "selfcheck_intake.server", "request", "--config", str(relay.config), "--ticket", "321", "--json"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    link = json.loads(made.stdout)["url"]
    cfg = client_config(tmp_path / "c.toml", relay.url)
    bundle = make_bundle(tmp_path / "b.zip")
    home = tmp_path / "home"
    offline = run_cli("send", str(bundle), "--config", str(cfg), "--request", link, home=home)  # the relay is not running
    assert offline.returncode == 4, offline.stdout + offline.stderr
    assert "cannot be reached" in offline.stdout
    queued = json.loads((home / "data" / "outbox" / manifest_of(bundle)["bundle_id"] / "state.json").read_text())
    assert queued["request"] == link.rsplit("/", 1)[1] and queued["ticket"] is None  # it waits with its code
    relay.start()
    try:
        retried = run_cli("outbox", "retry", "--config", str(cfg), home=home)
        assert retried.returncode == 0, retried.stdout + retried.stderr
        receipt = relay.wait_ticket(manifest_of(bundle)["bundle_id"])
        assert receipt["ticket"]["id"] == "321"  # the "none" helpdesk records the follow-up under the code's ticket
        used = run_cli("send", str(make_bundle(tmp_path / "c.zip")), "--config", str(cfg), "--request", link, home=home)
        assert used.returncode == 1 and "already answered" in used.stderr
    finally:
        relay.stop()


def test_a_link_passed_on_by_the_desktop_is_answered_even_without_a_window(tmp_path):
    import os

    cfg = client_config(tmp_path / "c.toml", "https://support.example.com")
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env.update(
        SELFCHECK_HOME=str(tmp_path / "home"), SELFCHECK_DISABLE_PLUGIN_AUTOLOAD="1", QT_QPA_PLATFORM="offscreen", LANG="C.UTF-8", SELFCHECK_CONFIG=str(cfg)
    )
    ok = subprocess.run([sys.executable, "-m", "selfcheck", f"selfcheck://request/{CODE}"], capture_output=True, text=True, env=env, timeout=60)
    assert ok.returncode == 0 and f"selfcheck send --request {CODE}" in ok.stdout
    hostile = subprocess.run([sys.executable, "-m", "selfcheck", "selfcheck://evil.example/x"], capture_output=True, text=True, env=env, timeout=60)
    assert hostile.returncode == 1 and "not a valid support request" in hostile.stderr and "Traceback" not in hostile.stderr


def test_options_smuggled_into_a_link_are_never_obeyed(tmp_path, monkeypatch, capsys):
    """Windows starts `"selfcheck-gui.exe" "%1"`: a link with a quote in it, decoded on the way, splits into
    more arguments. Those are part of the (refused) link, never options: another config could name another
    support server, and the bundle would go there."""
    from selfcheck import cli

    for name in ("DISPLAY", "WAYLAND_DISPLAY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("SELFCHECK_CONFIG", str(client_config(tmp_path / "c.toml", "https://support.example.com")))
    evil = client_config(tmp_path / "evil.toml", "https://support.evil.example")
    code = cli.main([f"selfcheck://request/{CODE}", "--config", str(evil), "--lang", "fr"])
    out = capsys.readouterr()
    assert code == 1 and "not a valid support request" in out.err  # obeyed, it would have answered the request
    assert "selfcheck send" not in out.out and "n’est pas" not in out.err


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_request_number_is_the_one_to_give_if_they_call_or_write(lang):
    """Send rounds 23 and 24 (fr): « le seul numéro à lui donner pour ce problème »: "are there other numbers I must not
    give?": the number is said plainly as the one to give if they call or write. Send rounds 27-28 (en): "request number": "Is
    that the same thing as the 'message number' from the other days? Those had letters in them.": what it is, the number
    support gave this problem. Send round 40 (en): the sentence in brackets was "muddled": the number said in a sentence of its own."""
    from selfcheck import i18n
    from selfcheck.upload.request import SupportRequest

    i18n.set_language(lang)
    try:
        text = SupportRequest(code="7K2QD-9XHMA", ticket="48213").headline("Clearline Help")
    finally:
        i18n.set_language("en")
    if lang == "fr":
        assert "Le numéro de votre dossier pour ce problème est 48213\u00a0: donnez-le si vous l’appelez ou lui écrivez." in text, text
        assert "seul numéro" not in text
    else:
        assert "Your request number for this problem is 48213: give it to them if you call or write to them." in text, text
        assert "only number" not in text
