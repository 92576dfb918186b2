"""``selfcheck send`` and ``selfcheck outbox`` as processes, against the real relay and misbehaving servers."""

from __future__ import annotations

import json
import re
import time

import pytest
from faultnet import ResettingProxy, StallingServer

from sendkit import Relay, client_config, free_port, make_bundle, manifest_of, run_cli, write_toml


def outbox_states(home):
    folder = home / "data" / "outbox"
    if not folder.is_dir():
        return {}
    return {p.name: json.loads((p / "state.json").read_text()) for p in folder.iterdir() if (p / "state.json").exists()}


def tickets_made(relay: Relay, bundle_id: str) -> int:
    return sum(1 for e in relay.logs() if e["message"] == "ticket ready" and e.get("bundle_id") == bundle_id)


def test_send_prints_the_ticket_reference_and_empties_the_outbox(tmp_path):
    relay = Relay(tmp_path / "relay").start()
    try:
        bundle = make_bundle(tmp_path / "b.zip")
        m = manifest_of(bundle)
        cfg = client_config(tmp_path / "c.toml", relay.url)
        home = tmp_path / "home"
        proc = run_cli("send", str(bundle), "--config", str(cfg), "--email", "ann@example.org", "--description", "Le Wi-Fi coupe", home=home)
        assert proc.returncode == 0, proc.stderr
        assert m["reference"] in proc.stdout
        assert outbox_states(home) == {}
        stored = relay.workdir / "bundles" / f"{m['bundle_id']}.zip"
        assert stored.read_bytes() == bundle.read_bytes()
    finally:
        relay.stop()


def test_relay_down_then_up_queues_then_delivers_exactly_once(tmp_path):
    port = free_port()
    relay = Relay(tmp_path / "relay", port=port)
    bundle = make_bundle(tmp_path / "b.zip")
    key = manifest_of(bundle)["bundle_id"]
    cfg = client_config(tmp_path / "c.toml", relay.url)
    home = tmp_path / "home"
    down = run_cli("send", str(bundle), "--config", str(cfg), home=home)
    assert down.returncode == 4, down.stderr
    assert "refused the connection" in down.stdout and "selfcheck outbox retry" in down.stdout
    state = outbox_states(home)[key]
    assert state["status"] == "queued" and state["attempts"] == 1 and state["last_error"] == "refused"
    listing = run_cli("outbox", "list", "--config", str(cfg), home=home)
    assert key in listing.stdout
    # the customer's reference first, the reason in plain words (not the code "refused"), a size in KB on support's line
    assert listing.stdout.splitlines()[-2].startswith(manifest_of(bundle)["reference"] + "  ")
    assert "refused the connection" in listing.stdout and "KiB" not in listing.stdout and "(refused)" not in listing.stdout
    relay.start()
    try:
        time.sleep(0.1)  # past the (tiny) backoff configured for the test
        other = make_bundle(tmp_path / "other.zip")
        later = run_cli("send", str(other), "--config", str(cfg), home=home)  # the next start sends the queued one first
        assert later.returncode == 0, later.stdout + later.stderr
        assert "A message that was waiting on this computer has been sent" in later.stdout
        assert manifest_of(bundle)["reference"] in later.stdout and manifest_of(other)["reference"] in later.stdout
        assert outbox_states(home) == {}
        assert "empty" in run_cli("outbox", "retry", "--config", str(cfg), home=home).stdout
        relay.wait_ticket(key)
        assert tickets_made(relay, key) == 1
        assert sum(1 for e in relay.logs() if e["message"] == "bundle accepted" and e.get("bundle_id") == key) == 1
    finally:
        relay.stop()


def test_connection_reset_mid_upload_is_retried_and_delivered_once(tmp_path):
    relay = Relay(tmp_path / "relay").start()
    proxy = ResettingProxy(relay.port, resets=1, after=50_000)
    try:
        import os

        bundle = make_bundle(tmp_path / "b.zip", {"big.bin": os.urandom(600_000)})
        key = manifest_of(bundle)["bundle_id"]
        cfg = client_config(tmp_path / "c.toml", proxy.url, retry_now=2)
        proc = run_cli("send", str(bundle), "--config", str(cfg), home=tmp_path / "home")
        assert proxy.reset_done == 1
        assert proc.returncode == 0, proc.stdout + proc.stderr
        relay.wait_ticket(key)
        assert tickets_made(relay, key) == 1
        assert (relay.workdir / "bundles" / f"{key}.zip").read_bytes() == bundle.read_bytes()
    finally:
        proxy.close()
        relay.stop()


def test_stalled_server_times_out_and_the_bundle_stays_queued(tmp_path):
    server = StallingServer()
    try:
        bundle = make_bundle(tmp_path / "b.zip")
        key = manifest_of(bundle)["bundle_id"]
        cfg = client_config(tmp_path / "c.toml", server.url, read_timeout=1)
        proc = run_cli("send", str(bundle), "--config", str(cfg), home=tmp_path / "home")
        assert proc.returncode == 4
        assert "did not answer in time" in proc.stdout
        assert outbox_states(tmp_path / "home")[key]["last_error"] == "timeout"
    finally:
        server.close()


@pytest.mark.parametrize(
    ("status", "queued", "words"),
    [
        (500, True, "had a problem"),
        (502, True, "had a problem"),
        (503, True, "had a problem"),
        (429, True, "busy"),
        (413, False, "too large"),
        (400, False, "refused the bundle"),
        (415, False, "refused the bundle"),
    ],
)
def test_server_errors_queue_or_fail_with_a_plain_message(tmp_path, httpserver, status, queued, words):
    bundle = make_bundle(tmp_path / "b.zip")
    key = manifest_of(bundle)["bundle_id"]
    httpserver.expect_request(f"/v1/bundles/{key}", method="GET").respond_with_json({"error": "not_found", "reason": "x"}, status=404)
    headers = {"Retry-After": "120"} if status == 429 else {}
    httpserver.expect_request("/v1/bundles", method="POST").respond_with_json({"error": "e", "reason": "r"}, status=status, headers=headers)
    cfg = client_config(tmp_path / "c.toml", httpserver.url_for("/").rstrip("/"))
    home = tmp_path / "home"
    proc = run_cli("send", str(bundle), "--config", str(cfg), home=home)
    assert words in proc.stdout + proc.stderr
    assert f"error {status}" in proc.stdout + proc.stderr
    state = outbox_states(home)[key]
    assert state["status"] == ("queued" if queued else "failed")
    assert proc.returncode == (4 if queued else 1)
    if status == 429:
        assert state["next_try"] >= time.time() + 100


def test_plain_http_to_a_remote_host_is_refused_without_sending(tmp_path):
    bundle = make_bundle(tmp_path / "b.zip")
    cfg = client_config(tmp_path / "c.toml", "http://support.example.com")
    proc = run_cli("send", str(bundle), "--config", str(cfg), home=tmp_path / "home")
    assert proc.returncode == 1
    assert "https://" in proc.stderr


def test_save_destination_writes_the_file_and_says_where_to_email_it(tmp_path):
    bundle = make_bundle(tmp_path / "b.zip")
    ref = manifest_of(bundle)["reference"]
    cfg = client_config(tmp_path / "c.toml", "", kind="save", email="help@example.org", save_folder=str(tmp_path / "saved"))
    proc = run_cli("send", str(bundle), "--config", str(cfg), home=tmp_path / "home")
    assert proc.returncode == 0
    (saved,) = (tmp_path / "saved").glob("*.zip")
    assert saved.name.startswith(f"selfcheck-{ref}-")  # the program's name (no company set), the reference, the day
    assert saved.read_bytes() == bundle.read_bytes()
    assert "help@example.org" in proc.stdout and ref in proc.stdout and str(saved) in proc.stdout
    # what the customer reads first says where in plain words; the exact file follows, to attach it (it led the line)
    first, then = proc.stdout.strip().splitlines()[-2:]
    assert (
        first
        == f"What this program found is saved in a file in the folder your company chose for it. Please e-mail it to help@example.org and quote the reference {ref}."
    )
    assert then == f"The file: {saved}"


@pytest.mark.parametrize(
    "lang, words", [("en", "only with your e-mail address: add it with --email"), ("fr", "qu’avec votre adresse e-mail\u00a0: ajoutez-la avec --email")]
)
def test_a_destination_that_needs_the_address_says_so_before_sending_and_sends_with_it(tmp_path, httpserver, lang, words):
    """Zendesk receives a message only with the customer's address: without --email, `selfcheck send` was refused after the
    upload began and the message stayed in the outbox refused for good, with no way to add the address to it."""
    from werkzeug import Response

    httpserver.expect_request("/api/v2/uploads.json", method="POST").respond_with_response(
        Response(json.dumps({"upload": {"token": "t"}}), 201, content_type="application/json")
    )
    httpserver.expect_request("/api/v2/requests.json", method="POST").respond_with_response(
        Response(json.dumps({"request": {"id": 314}}), 201, content_type="application/json")
    )
    bundle = make_bundle(tmp_path / "b.zip")
    cfg = client_config(tmp_path / "c.toml", "", kind="zendesk", zendesk_url=httpserver.url_for("/").rstrip("/"))
    home = tmp_path / "home"
    proc = run_cli("send", str(bundle), "--config", str(cfg), "--lang", lang, home=home)
    assert proc.returncode == 1 and words in proc.stderr and "Traceback" not in proc.stderr
    assert outbox_states(home) == {} and httpserver.log == []  # nothing sent, nothing kept
    proc = run_cli("send", str(bundle), "--config", str(cfg), "--email", "ann@example.org", "--lang", lang, home=home)
    assert proc.returncode == 0 and "#314" in proc.stdout, proc.stderr
    sent = json.loads(httpserver.log[-1][0].get_data())
    assert sent["request"]["requester"]["email"] == "ann@example.org"


def test_outbox_remove_drops_a_queued_bundle(tmp_path):
    bundle = make_bundle(tmp_path / "b.zip")
    key = manifest_of(bundle)["bundle_id"]
    cfg = client_config(tmp_path / "c.toml", f"http://127.0.0.1:{free_port()}")
    home = tmp_path / "home"
    assert run_cli("send", str(bundle), "--config", str(cfg), home=home).returncode == 4
    removed = run_cli("outbox", "remove", key[:8], "--config", str(cfg), home=home)
    assert removed.returncode == 0 and manifest_of(bundle)["reference"] in removed.stdout
    assert outbox_states(home) == {}
    assert "empty" in run_cli("outbox", "--config", str(cfg), home=home).stdout


def test_not_a_bundle_gets_a_plain_message(tmp_path):
    junk = tmp_path / "notes.zip"
    junk.write_bytes(b"hello")
    cfg = client_config(tmp_path / "c.toml", "http://127.0.0.1:9")
    proc = run_cli("send", str(junk), "--config", str(cfg), home=tmp_path / "home")
    assert proc.returncode == 1
    assert "is not a selfcheck bundle" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_messages_are_in_french_with_lang_fr(tmp_path):
    bundle = make_bundle(tmp_path / "b.zip")
    cfg = client_config(tmp_path / "c.toml", f"http://127.0.0.1:{free_port()}")
    proc = run_cli("send", str(bundle), "--config", str(cfg), "--lang", "fr", home=tmp_path / "home")
    assert proc.returncode == 4
    assert "Rien n’est perdu\u00a0: tout reste sur cet ordinateur" in proc.stdout and "refusé la connexion" in proc.stdout


def test_an_entry_in_another_versions_state_is_left_as_it_is_and_said_so(tmp_path, httpserver):
    """An outbox entry whose state this version does not know (a newer version's "held"): before, `selfcheck outbox`
    listed it as "refused, retry by hand" (it was never refused) and `selfcheck outbox retry` sent it, though the version
    that set it may have held it on purpose. Now it is listed as another version left it, not sent by `retry` nor by
    itself, and sent when asked for by its reference."""
    bundle = make_bundle(tmp_path / "b.zip")
    m = manifest_of(bundle)
    home = tmp_path / "home"
    assert run_cli("send", str(bundle), "--config", str(client_config(tmp_path / "down.toml", f"http://127.0.0.1:{free_port()}")), home=home).returncode == 4
    state_file = home / "data" / "outbox" / m["bundle_id"] / "state.json"
    state = json.loads(state_file.read_text())
    state.update(status="held", next_try=0)
    state_file.write_text(json.dumps(state))
    receipt = {"bundle_id": m["bundle_id"], "reference": m["reference"], "status": "pending", "ticket": None, "status_url": None}
    httpserver.expect_request(f"/v1/bundles/{m['bundle_id']}", method="GET").respond_with_json(receipt)
    cfg = client_config(tmp_path / "c.toml", httpserver.url_for("/").rstrip("/"))
    listing = run_cli("outbox", "list", "--config", str(cfg), home=home)
    assert "refused, retry by hand" not in listing.stdout and "left as another version of selfcheck set it (“held”)" in listing.stdout, listing.stdout
    assert f"selfcheck outbox retry {m['reference']}” sends it" in listing.stdout
    retry_all = run_cli("outbox", "retry", "--config", str(cfg), home=home)
    assert "Nothing was sent" in retry_all.stdout and "empty" not in retry_all.stdout, retry_all.stdout
    assert httpserver.log == [] and outbox_states(home)[m["bundle_id"]]["status"] == "held"
    retry_it = run_cli("outbox", "retry", m["reference"], "--config", str(cfg), home=home)
    assert retry_it.returncode == 0 and m["reference"] in retry_it.stdout, retry_it.stdout + retry_it.stderr
    assert outbox_states(home) == {}


def _as_command(tmp_path, how):
    """The program started as an ACME install starts it: ``console`` the console script installed under the brand's
    name, ``launcher`` the .deb's /usr/bin launcher (it names itself, packaging/build), ``module`` python -m."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    if how == "console":
        linked = tmp_path / "bin" / "acme-support-check"
        linked.parent.mkdir()
        linked.symlink_to(Path(sys.executable).parent / "selfcheck")
        argv, extra = [str(linked)], {}
    else:
        argv, extra = [sys.executable, "-m", "selfcheck"], ({"SELFCHECK_COMMAND": "acme-support-check"} if how == "launcher" else {})

    def run(*args, home, lang):
        env = {**os.environ, "SELFCHECK_HOME": str(home), "SELFCHECK_DISABLE_PLUGIN_AUTOLOAD": "1", "LANG": "C.UTF-8", **extra}
        env.pop("SELFCHECK_CONFIG", None)
        return subprocess.run([*argv, *args, "--lang", lang], capture_output=True, text=True, timeout=60, env=env)

    return run


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("how", ["console", "launcher", "module"])
def test_a_branded_install_says_its_name_and_the_command_the_customer_started(tmp_path, how, lang):
    """An admin's day one: with `[branding] product_name = "ACME Support Check"`, a send to a stopped relay said "the
    next time selfcheck opens … now with “selfcheck outbox retry”": ACME's customers never heard of selfcheck, and on
    a branded Linux install the command is the package's, acme-support-check (selfcheck is not installed)."""
    import sys
    from pathlib import Path

    bundle = make_bundle(tmp_path / "b.zip")
    home = tmp_path / "home"
    # nothing listens there: refused; no at-login entry (the company's choice): it goes when ACME's program is opened
    cfg = client_config(tmp_path / "c.toml", f"http://127.0.0.1:{free_port()}", send_at_login=False)
    brand = write_toml(tmp_path / "brand.toml", {"branding": {"product_name": "ACME Support Check"}})
    run = _as_command(tmp_path, how)
    typed = f"{Path(sys.executable).name} -m selfcheck" if how == "module" else "acme-support-check"
    down = run("send", str(bundle), "--config", str(cfg), "--config", str(brand), home=home, lang=lang)
    assert down.returncode == 4, down.stderr
    told = {"en": f"now: “{typed} outbox retry”", "fr": f"tout de suite\u00a0: «\u00a0{typed} outbox retry\u00a0»"}[lang]
    assert "ACME Support Check" in down.stdout and told in down.stdout, down.stdout
    remove = run("outbox", "remove", "--config", str(cfg), "--config", str(brand), home=home, lang=lang)
    assert f": {typed} outbox remove ID" in remove.stderr, remove.stderr
    if how != "module":  # only a command typed as python -m selfcheck may say it
        assert "selfcheck" not in (down.stdout + down.stderr + remove.stdout + remove.stderr).lower()


@pytest.mark.parametrize(
    ("argv0", "frozen", "typed"),
    [
        ("/usr/local/bin/selfcheck", False, "selfcheck"),
        (r"C:\Program Files\ACME Support Check\selfcheck.exe", True, "selfcheck"),
        (r"C:\Program Files\ACME Support Check\selfcheck-gui.exe", True, "selfcheck"),  # the windowed one: no terminal
        ("/opt/acme-support-check/selfcheck", True, "selfcheck"),
        ("/home/ann/.venv/lib/python3.11/site-packages/selfcheck/__main__.py", False, "python3.11 -m selfcheck"),
    ],
)
def test_the_command_to_type_is_the_one_the_program_was_started_as(argv0, frozen, typed):
    from selfcheck.invocation import started_as

    assert started_as(argv0, executable="/usr/bin/python3.11", frozen=frozen, environ={}) == typed
    assert started_as(argv0, executable="/usr/bin/python3.11", frozen=frozen, environ={"SELFCHECK_COMMAND": "acme-support-check"}) == "acme-support-check"


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_message_that_waits_is_said_as_the_window_says_it_with_the_reason_last_for_support(tmp_path, lang):
    """An admin's day one: `selfcheck send` to a stopped relay printed "The support server refused the connection; it may
    be down for a moment. The bundle is kept on this computer (reference …). It will be sent the next time Clearline
    Check opens …": the server first, "bundle", and not what happens (an at-login entry was written: it goes by itself
    at the next login, as the window's "Not sent yet" screen says). Now the window's words first, in the window's order
    (what happened, nothing is lost, when it goes, the number), then how to send it now, the reason last and for
    support; `outbox retry` says the same, and `outbox list` marks the reason as for support."""
    import sys
    from pathlib import Path

    from selfcheck import i18n
    from selfcheck.i18n import _

    typed = f"{Path(sys.executable).name} -m selfcheck"  # as run_cli starts it
    bundle = make_bundle(tmp_path / "b.zip")
    ref = manifest_of(bundle)["reference"]
    home = tmp_path / "home"
    cfg = client_config(tmp_path / "c.toml", f"http://127.0.0.1:{free_port()}")  # nothing listens there: refused
    down = run_cli("send", str(bundle), "--config", str(cfg), "--lang", lang, home=home)
    again = run_cli("outbox", "retry", "--config", str(cfg), "--lang", lang, home=home)
    listing = run_cli("outbox", "list", "--config", str(cfg), "--lang", lang, home=home)
    off = client_config(tmp_path / "off.toml", f"http://127.0.0.1:{free_port()}", send_at_login=False)  # the company's choice
    waits = run_cli("send", str(make_bundle(tmp_path / "other.zip")), "--config", str(off), "--lang", lang, home=tmp_path / "home2")
    assert (down.returncode, again.returncode, waits.returncode) == (4, 4, 4), down.stderr + again.stderr + waits.stderr
    i18n.set_language(lang)
    try:
        reason = _("The support server refused the connection; it may be down for a moment.")
        by_itself = _(
            "It goes by itself the next time the computer is switched on with the internet working, and a message on your screen tells you when it is sent."
        )
        said = [
            _("Not sent yet"),
            _("Your message could not get through just now.") + " " + _("Nothing is lost: it stays on this computer and will be sent by itself later."),
            by_itself,
            _("This is your message number, to give when you call or write to support:") + " " + ref,
            _("To send it now: “{command} outbox retry”.").format(command=typed),
            _("For support: {reason}").format(reason=reason),
        ]
        for proc in (down, again):
            assert proc.stdout.splitlines() == said, proc.stdout
        # send rounds 96-97 (en, fr): the window's "once your message has arrived, support finds it with this number": "does that
        # mean the number is no use if I phone before it has arrived?": what it is, and when to give it, in the window's words
        number = {
            "en": f"This is your message number, to give when you call or write to support: {ref}",
            "fr": f"Voici votre numéro de dossier, à donner quand vous appelez l’assistance ou lui écrivez\u00a0: {ref}",
        }
        assert number[lang] in down.stdout.splitlines() and "arrive" not in down.stdout and "arrivé" not in down.stdout, down.stdout
        # support's line under the message: the reason, then the file's size (not on the line the customer reads first)
        assert [line for line in listing.stdout.splitlines() if line.startswith("    " + _("For support: {reason}").format(reason=reason) + " ")], (
            listing.stdout
        )
        # no at-login entry: nothing sends it before the program is opened again, and the words say so
        opened = _("Nothing is lost: your message waits on this computer and goes the next time you open {product} with the internet working.")
        assert _("Your message could not get through just now.") + " " + opened.format(product="selfcheck") in waits.stdout.splitlines(), waits.stdout
        assert by_itself not in waits.stdout and _("Nothing is lost: it stays on this computer and will be sent by itself later.") not in waits.stdout
        assert not [p.stdout for p in (down, again, waits) if re.search(r"(?i)\bbundle|dossier de diagnostic", p.stdout)]
    finally:
        i18n.set_language("en")
