"""send_bundle()/flush_outbox() as the GUI calls them: progress, cancel, Zendesk's anonymous requests, the outbox."""

from __future__ import annotations

import json
import os
import threading
from datetime import UTC
from pathlib import Path

import pytest
from werkzeug import Request, Response

from selfcheck.bundle import file_name
from selfcheck.config import load
from selfcheck.upload import Outbox, flush_outbox, send_bundle
from sendkit import Relay, client_config, make_bundle, manifest_of, run_cli


def test_progress_reaches_the_whole_size_and_the_reference_comes_back(tmp_path):
    relay = Relay(tmp_path / "relay").start()
    try:
        bundle = make_bundle(tmp_path / "b.zip", {"big.bin": os.urandom(400_000)})
        config = load([client_config(tmp_path / "c.toml", relay.url)])
        seen: list[float] = []
        outcome = send_bundle(bundle, config, email="a@example.org", progress=seen.append)
        assert outcome.status == "sent"
        assert outcome.reference == manifest_of(bundle)["reference"]
        assert seen[-1] == 1.0
        assert seen == sorted(seen) and 10 < len(seen) <= 201
        assert list(Outbox().entries()) == []
    finally:
        relay.stop()


def test_cancel_stops_the_upload_and_nothing_is_sent_later(tmp_path):
    relay = Relay(tmp_path / "relay").start()
    try:
        bundle = make_bundle(tmp_path / "b.zip", {"big.bin": os.urandom(2_000_000)})
        config = load([client_config(tmp_path / "c.toml", relay.url)])
        cancel = threading.Event()

        def progress(fraction: float) -> None:
            if fraction > 0.05:
                cancel.set()

        outcome = send_bundle(bundle, config, progress=progress, cancel=cancel)
        assert outcome.status == "failed" and "cancelled" in outcome.message
        # review: the window said "Nothing is lost: it stays on this computer" after a cancel, though nothing stays to be sent
        assert outcome.cancelled and not outcome.kept
        assert outcome.customer == "You stopped the sending: nothing was sent, and it will not go later by itself."
        assert list(Outbox().entries()) == []
        assert flush_outbox(config) == []
        key = manifest_of(bundle)["bundle_id"]
        assert not (relay.workdir / "bundles" / f"{key}.zip").exists()
    finally:
        relay.stop()


def test_zendesk_anonymous_request_uploads_then_attaches_without_any_secret(tmp_path, httpserver):
    got: dict = {}

    def upload(request: Request) -> Response:
        got["upload"] = request.get_data()
        got["upload_auth"] = request.headers.get("Authorization")
        got["filename"] = request.args["filename"]
        return Response(json.dumps({"upload": {"token": "anon-upload-token"}}), 201, content_type="application/json")

    def create(request: Request) -> Response:
        got["request"] = request.get_json()
        got["request_auth"] = request.headers.get("Authorization")
        return Response(json.dumps({"request": {"id": 314}}), 201, content_type="application/json")

    httpserver.expect_request("/api/v2/uploads.json", method="POST").respond_with_handler(upload)
    httpserver.expect_request("/api/v2/requests.json", method="POST").respond_with_handler(create)
    from selfcheck import logsetup

    log_path = logsetup.setup()
    bundle = make_bundle(tmp_path / "b.zip")
    config = load([client_config(tmp_path / "c.toml", "", kind="zendesk", zendesk_url=httpserver.url_for("/").rstrip("/"))])
    outcome = send_bundle(bundle, config, email="bob@example.org", name="Bob", description="L'imprimante ne répond plus")
    assert outcome.status == "sent" and outcome.reference == "#314"
    assert "#314" in outcome.message
    assert got["upload"] == bundle.read_bytes()
    assert got["upload_auth"] is None and got["request_auth"] is None
    req = got["request"]["request"]
    assert req["requester"] == {"name": "Bob", "email": "bob@example.org"}
    assert req["comment"]["uploads"] == ["anon-upload-token"]
    assert "L'imprimante ne répond plus" in req["comment"]["body"]
    assert log_path is not None
    log = log_path.read_text()
    assert "sending bundle" in log and "anon-upload-token" not in log


def test_zendesk_gets_the_file_under_the_name_the_customers_copy_has(tmp_path, httpserver):
    """Zendesk's attachment was selfcheck-HT4-7KP-3WN.zip while the customer's own copy (the window's "Save", selfcheck
    bundle) is clearline-help-HT4-7KP-3WN-2026-12-07.zip: the agent and the customer now read the same name."""
    names: list[str] = []

    def upload(request: Request) -> Response:
        names.append(request.args["filename"])
        return Response(json.dumps({"upload": {"token": "t"}}), 201, content_type="application/json")

    httpserver.expect_request("/api/v2/uploads.json", method="POST").respond_with_handler(upload)
    httpserver.expect_request("/api/v2/requests.json", method="POST").respond_with_json({"request": {"id": 7}}, status=201)
    bundle = make_bundle(tmp_path / "b.zip", created_at="2026-11-25T12:00:00Z")
    brand = tmp_path / "brand.toml"
    brand.write_text('[branding]\ncompany = "Clearline Help"\n', encoding="utf-8")
    config = load([client_config(tmp_path / "c.toml", "", kind="zendesk", zendesk_url=httpserver.url_for("/").rstrip("/")), brand])
    assert send_bundle(bundle, config, email="bob@example.org").status == "sent"
    made = manifest_of(bundle)
    assert names == [file_name("Clearline Help", made["reference"], made["created_at"])]
    assert names[0].startswith(f"clearline-help-{made['reference']}-")


def test_zendesk_without_an_email_asks_for_one(tmp_path):
    bundle = make_bundle(tmp_path / "b.zip")
    config = load([client_config(tmp_path / "c.toml", "", kind="zendesk", zendesk_url="http://127.0.0.1:9")])
    outcome = send_bundle(bundle, config)
    assert outcome.status == "failed" and "e-mail address" in outcome.message


def test_the_same_bundle_sent_twice_is_one_ticket(tmp_path):
    relay = Relay(tmp_path / "relay").start()
    try:
        bundle = make_bundle(tmp_path / "b.zip")
        key = manifest_of(bundle)["bundle_id"]
        cfg = client_config(tmp_path / "c.toml", relay.url)
        first = run_cli("send", str(bundle), "--config", str(cfg), home=tmp_path / "home")
        second = run_cli("send", str(bundle), "--config", str(cfg), home=tmp_path / "home")
        assert first.returncode == second.returncode == 0
        ref = manifest_of(bundle)["reference"]
        assert ref in first.stdout and ref in second.stdout
        relay.wait_ticket(key)
        assert sum(1 for e in relay.logs() if e["message"] == "bundle accepted" and e.get("bundle_id") == key) == 1
        assert sum(1 for e in relay.logs() if e["message"] == "ticket ready" and e.get("bundle_id") == key) == 1
    finally:
        relay.stop()


def test_send_without_a_file_makes_a_real_bundle_and_sends_it(tmp_path):
    relay = Relay(tmp_path / "relay").start()
    try:
        cfg = client_config(tmp_path / "c.toml", relay.url)
        with open(cfg, "a", encoding="utf-8") as fh:
            fh.write('\n[checks]\nenabled = ["os.uptime"]\n')
        proc = run_cli("send", "--config", str(cfg), "--description", "slow since Monday", home=tmp_path / "home", timeout=120)
        assert proc.returncode == 0, proc.stdout + proc.stderr
        stored = list((relay.workdir / "bundles").glob("*.zip"))
        assert len(stored) == 1
        import zipfile

        with zipfile.ZipFile(stored[0]) as zf:
            manifest = json.loads(zf.read("manifest.json"))
            assert "slow since Monday" in zf.read("description.txt").decode()
        assert manifest["reference"] in proc.stdout
    finally:
        relay.stop()


def test_save_mode_without_a_folder_stays_under_selfcheck_home(tmp_path):
    """With SELFCHECK_HOME set (tests, portable use) the bundle goes to $SELFCHECK_HOME/documents, not the real Documents."""
    bundle = make_bundle(tmp_path / "b.zip")
    ref = manifest_of(bundle)["reference"]
    config = load([client_config(tmp_path / "c.toml", "", kind="save")])
    outcome = send_bundle(bundle, config)
    assert outcome.status == "saved"
    expected = Path(os.environ["SELFCHECK_HOME"]) / "documents" / file_name("selfcheck", ref)
    assert outcome.path == expected and expected.read_bytes() == bundle.read_bytes()
    assert "in your Documents folder" in outcome.message and str(expected) not in outcome.message  # the path: outcome.path, the log
    assert [p.name for p in expected.parent.iterdir()] == [expected.name]  # no temporary file left beside it
    if os.name == "posix":
        assert expected.stat().st_mode & 0o077 == 0  # readable by its owner only, as the bundle it copies


@pytest.mark.parametrize(("lang", "brand"), [("en", "clearline-help"), ("fr", "clearline-assistance")])
def test_sending_by_saving_names_the_file_as_save_and_the_bundle_command_do(tmp_path, capsys, lang, brand):
    """A company that has messages saved (support.kind = "save") got selfcheck-HT4-7KP-3WN.zip, while the window's "Save"
    and `selfcheck bundle` name it clearline-help-HT4-7KP-3WN-2026-12-07.zip: the customer who made one with
    `selfcheck bundle -o` into that folder, then sent it, found the same message there twice under two names. Now one
    name: the company's in the customer's language, the reference, the day the message was made."""
    from datetime import datetime

    from selfcheck import cli, i18n

    folder = tmp_path / "for support"
    folder.mkdir()
    cfg = tmp_path / "c.toml"
    cfg.write_text(
        '[checks]\nenabled = ["os.uptime"]\n[branding]\ncompany = { en = "Clearline Help", fr = "Clearline Assistance" }\n'
        f'[support]\nkind = "save"\nsave_folder = "{folder.as_posix()}"\n',
        encoding="utf-8",
    )
    assert cli.main(["bundle", "--config", str(cfg), "--no-logs", "--lang", lang, "-o", str(folder)]) == 0
    (made,) = folder.glob("*.zip")
    assert cli.main(["send", str(made), "--config", str(cfg), "--lang", lang]) == 0
    capsys.readouterr()
    assert list(folder.glob("*.zip")) == [made]  # the one file, already where it is saved
    manifest = manifest_of(made)
    day = datetime.fromisoformat(manifest["created_at"].replace("Z", "+00:00")).astimezone().date().isoformat()
    assert made.name == f"{brand}-{manifest['reference']}-{day}.zip"

    # a message made elsewhere (the window's, a file given to `selfcheck send`) is saved there under that name too
    elsewhere = make_bundle(tmp_path / "elsewhere" / "b.zip", created_at="2026-12-07T09:40:12Z")
    with i18n.language(lang):
        outcome = send_bundle(elsewhere, load([cfg]))
    day = datetime(2026, 12, 7, 9, 40, 12, tzinfo=UTC).astimezone().date().isoformat()
    assert outcome.status == "saved" and outcome.path == folder / f"{brand}-{manifest_of(elsewhere)['reference']}-{day}.zip"
    assert outcome.path.read_bytes() == elsewhere.read_bytes()


def test_a_received_files_reference_never_names_a_folder_where_it_is_saved(tmp_path):
    """The reference comes from the file's manifest, which may say anything: "x/../../elsewhere" was joined to the
    customer's folder, and the copy went out of it (here beside it) as soon as a folder selfcheck-x was there. Now a
    reference this program does not give is left out of the name; the file stays in the customer's folder."""
    saved = tmp_path / "saved"
    (saved / "selfcheck-x").mkdir(parents=True)
    bundle = make_bundle(tmp_path / "b.zip", reference="x/../../elsewhere")
    outcome = send_bundle(bundle, load([client_config(tmp_path / "c.toml", "", kind="save", save_folder=str(saved))]))
    assert outcome.status == "saved"
    assert outcome.path is not None and outcome.path.parent == saved and outcome.path.read_bytes() == bundle.read_bytes()
    assert not (tmp_path / "elsewhere.zip").exists()


def test_a_folder_that_cannot_be_made_gets_a_plain_translated_reason(tmp_path):
    """The system's English error words ("Not a directory") never reach the customer."""
    from selfcheck import i18n

    bundle = make_bundle(tmp_path / "b.zip")
    (tmp_path / "a-file").write_text("x")
    config = load([client_config(tmp_path / "c.toml", "", kind="save", save_folder=str(tmp_path / "a-file" / "saved"))])
    outcome = send_bundle(bundle, config)
    assert outcome.status == "failed" and not outcome.kept
    assert "part of the path is not a folder" in outcome.message and "Not a directory" not in outcome.message
    assert outcome.customer == "Your message could not be saved on this computer."  # not saved, and no room is not the reason
    i18n.set_language("fr")
    try:
        outcome = send_bundle(bundle, config)
    finally:
        i18n.set_language("en")
    assert "n’est pas un dossier" in outcome.message, outcome.message


def test_a_queued_bundle_goes_to_the_url_the_admin_fixed_since(tmp_path):
    """Queued with a wrong [support] url, then the url is fixed: the retry uses the current one, once, same bundle id."""
    from sendkit import free_port

    bundle = make_bundle(tmp_path / "b.zip")
    key = manifest_of(bundle)["bundle_id"]
    wrong = load([client_config(tmp_path / "wrong.toml", f"http://127.0.0.1:{free_port()}")])
    assert send_bundle(bundle, wrong).status == "queued"
    relay = Relay(tmp_path / "relay").start()
    try:
        fixed = load([client_config(tmp_path / "fixed.toml", relay.url)])
        outcomes = flush_outbox(fixed, force=True)
        assert [o.status for o in outcomes] == ["sent"], [o.message for o in outcomes]
        assert list(Outbox().entries()) == []
        assert (relay.workdir / "bundles" / f"{key}.zip").exists()
    finally:
        relay.stop()


def test_a_refusal_keeps_its_code_for_support_and_plain_words_for_the_window(tmp_path, httpserver):
    """Issue 21 item 8: the exact status and outbox reference stay in the message (terminal, log); the window's words have neither."""
    bundle = make_bundle(tmp_path / "b.zip")
    key = manifest_of(bundle)["bundle_id"]
    httpserver.expect_request(f"/v1/bundles/{key}", method="GET").respond_with_json({"error": "not_found", "reason": "x"}, status=404)
    httpserver.expect_request("/v1/bundles", method="POST").respond_with_data("", status=403)
    outcome = send_bundle(bundle, load([client_config(tmp_path / "c.toml", httpserver.url_for("/").rstrip("/"))]))
    assert outcome.status == "failed"
    assert "(error 403)" in outcome.message and outcome.reference and outcome.reference in outcome.message and "outbox" in outcome.message
    assert outcome.customer == (
        "This is not your fault: sending failed because of a problem at your support team; your computer did nothing wrong. Nothing is lost: this program keeps your message."
    )
    assert [entry.last_error for entry in Outbox().entries()] == ["misconfigured (403)"]


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_every_way_sending_fails_has_window_words_that_pass_the_plain_words_lint(lang):
    """Every failure kind, queued or not: plain words (selfcheck.plainwords), no digit, no "bundle"/"outbox", in both languages."""
    import re

    from selfcheck import i18n, plainwords
    from selfcheck.upload.destinations import AttemptError
    from selfcheck.upload.send import customer_words

    kinds = [
        "offline",
        "unreachable",
        "refused",
        "timeout",
        "interrupted",
        "proxy",
        "server",
        "busy",
        "too_large",
        "tls",
        "rejected",
        "misconfigured",
        "insecure",
        "wrong_address",
        "unknown",
    ]
    i18n.set_language(lang)
    try:
        for kind in kinds:
            for queued in (True, False):
                text = customer_words(AttemptError(kind, "HTTP 403", code=403), queued=queued)
                assert plainwords.problems(text) == [], (kind, text)
                assert not re.search(r"\d", text) and "bundle" not in text and "outbox" not in text and "dossier" not in text, (kind, text)
                assert (("tout seul" if lang == "fr" else "by itself") in text) == queued, (kind, text)  # it goes by itself only when it waits
    finally:
        i18n.set_language("en")


def test_cancel_while_the_connection_fails_is_not_queued_to_go_later(tmp_path):
    """Cancel pressed while the support server could not be reached: the message was queued, and the screen said it
    would be sent by itself later, though the person had stopped it. A cancel is a cancel: nothing waits to be sent."""
    from sendkit import free_port

    bundle = make_bundle(tmp_path / "b.zip")
    config = load([client_config(tmp_path / "c.toml", f"http://127.0.0.1:{free_port()}")])  # nothing listens: "refused"
    cancel = threading.Event()
    cancel.set()  # pressed while it was trying to connect
    outcome = send_bundle(bundle, config, cancel=cancel)
    assert outcome.status == "failed" and outcome.cancelled and not outcome.kept
    assert list(Outbox().entries()) == []


def test_cancel_during_the_wait_before_trying_again_is_not_queued_to_go_later(tmp_path, monkeypatch):
    """Cancel pressed in the few seconds between two tries (support.retry_now): the wait ended and the message was
    queued, the screen saying it would be sent by itself later. A cancel there is a cancel too: nothing waits to be sent."""
    from selfcheck.upload import send
    from sendkit import free_port

    bundle = make_bundle(tmp_path / "b.zip")
    config = load([client_config(tmp_path / "c.toml", f"http://127.0.0.1:{free_port()}", retry_now=2)])  # nothing listens
    cancel = threading.Event()
    waits: list[float] = []

    def wait_and_press_cancel(seconds: float, event: object) -> None:
        waits.append(seconds)
        cancel.set()  # the person presses Cancel while it waits to try again

    monkeypatch.setattr(send, "_sleep", wait_and_press_cancel)
    outcome = send_bundle(bundle, config, cancel=cancel)
    assert waits, "the first try failed without waiting to try again: this test no longer reaches the wait"
    assert outcome.status == "failed" and outcome.cancelled and not outcome.kept, outcome
    assert outcome.customer == "You stopped the sending: nothing was sent, and it will not go later by itself."
    assert list(Outbox().entries()) == []


def test_a_full_disk_is_never_said_to_keep_the_message(tmp_path, monkeypatch):
    """Review: when the outbox could not take the message (a full disk), the window said "Nothing is lost: it stays on
    this computer". It says it could not be kept, and nothing was sent; no half copy is left in the outbox."""
    import errno
    import shutil

    from selfcheck import paths

    bundle = make_bundle(tmp_path / "b.zip")
    key = manifest_of(bundle)["bundle_id"]
    folder = paths.user_data_dir() / "outbox" / key

    def half_then_full_disk(source, target, *args, **kw):  # the disk fills up half-way through the copy into the outbox
        data = Path(source).read_bytes()
        Path(target).write_bytes(data[: len(data) // 2])
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(shutil, "copyfile", half_then_full_disk)
    relay = Relay(tmp_path / "relay").start()
    try:
        config = load([client_config(tmp_path / "c.toml", relay.url)])
        outcome = send_bundle(bundle, config)
        assert not (relay.workdir / "bundles" / f"{key}.zip").exists()
    finally:
        relay.stop()
    assert outcome.status == "failed" and not outcome.kept and not outcome.cancelled
    assert outcome.customer == "Your message could not be kept on this computer to be sent: there is no room left on it. Nothing was sent."
    assert list(Outbox().entries()) == [] and flush_outbox(load([client_config(tmp_path / "c2.toml", relay.url)])) == []
    assert not folder.exists()  # the half copy is not left taking room, nor the folder made for it


def test_an_outbox_that_cannot_be_written_says_nothing_was_sent_and_nothing_is_kept(tmp_path):
    """Not a full disk: the outbox's folder for this message cannot be made (a file stands in its place). The words say
    it could not be kept and nothing was sent, without blaming the room on the disk."""
    from selfcheck import paths

    bundle = make_bundle(tmp_path / "b.zip")
    outbox = paths.user_data_dir() / "outbox"
    outbox.mkdir(parents=True, exist_ok=True)
    (outbox / manifest_of(bundle)["bundle_id"]).write_text("not a folder")
    relay = Relay(tmp_path / "relay").start()
    try:
        outcome = send_bundle(bundle, load([client_config(tmp_path / "c.toml", relay.url)]))
        assert not list((relay.workdir / "bundles").glob("*.zip"))
    finally:
        relay.stop()
    assert outcome.status == "failed" and not outcome.kept and not outcome.cancelled
    assert outcome.customer == "Your message could not be kept on this computer to be sent. Nothing was sent."


def test_a_message_another_window_is_sending_is_said_to_stay_until_it_has_gone(tmp_path):
    """Two selfcheck windows: the outbox entry is locked by the other one. This one does not send it a second time,
    says so, and leaves the other window's lock and the entry as they are."""
    from selfcheck.upload.outbox import LOCK
    from selfcheck.upload.send import deliver

    bundle = make_bundle(tmp_path / "b.zip")
    relay = Relay(tmp_path / "relay").start()
    try:
        config = load([client_config(tmp_path / "c.toml", relay.url)])
        outbox = Outbox()
        entry = outbox.add(bundle, {"kind": "intake", "url": relay.url})
        assert outbox.lock(entry)  # the other window
        outcome = deliver(entry, config, outbox)
        assert not list((relay.workdir / "bundles").glob("*.zip"))  # not sent twice
    finally:
        relay.stop()
    assert outcome.status == "queued" and outcome.kept and not outcome.cancelled
    assert outcome.customer == "It is being sent from another window of this program. Nothing is lost: it stays on this computer until it has gone."
    assert (entry.folder / LOCK).exists() and [e.bundle_id for e in Outbox().entries()] == [entry.bundle_id]


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_saving_on_a_full_disk_says_it_could_not_be_saved(tmp_path, monkeypatch, lang):
    """The company's setting saves the message for the customer; on a full disk the words say it was not saved, and
    no half file is left in the customer's folder (the copy went straight into it before: half a zip stayed there)."""
    import errno
    import shutil

    from selfcheck import i18n

    bundle = make_bundle(tmp_path / "b.zip")
    ref = manifest_of(bundle)["reference"]
    saved = tmp_path / "saved"
    saved.mkdir()
    seen: list[bool] = []

    def half_then_full_disk(source, dest, *args, **kw):  # the disk fills up half-way through the copy
        dest.write(source.read(bundle.stat().st_size // 2))
        dest.flush()
        seen.append(saved.joinpath(file_name("selfcheck", ref)).exists())  # what the customer would find there meanwhile
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(shutil, "copyfileobj", half_then_full_disk)
    config = load([client_config(tmp_path / "c.toml", "", kind="save", save_folder=str(saved))])
    i18n.set_language(lang)
    try:
        outcome = send_bundle(bundle, config)
    finally:
        i18n.set_language("en")
    assert seen == [False]  # the copy really was stopped half-way, with nothing under the bundle's name
    assert list(saved.iterdir()) == []  # no partial file left: neither half a zip nor its temporary file
    assert outcome.status == "failed" and not outcome.kept
    expected = {
        "en": "Your message could not be saved on this computer: there is no room left on it.",
        "fr": "Votre message n’a pas pu être enregistré sur cet ordinateur\u00a0: il n’y reste plus de place.",
    }
    assert outcome.customer == expected[lang]


@pytest.mark.parametrize(
    "lang, words",
    [
        ("en", "Your message and what this program found are saved in a file {place}. Give it to your support team when they ask for it."),
        (
            "fr",
            "Votre message et ce que ce programme a trouvé sont enregistrés dans un fichier {place}. Donnez-le à votre assistance quand on vous le demandera.",
        ),
    ],
)
def test_what_was_saved_is_said_without_the_word_bundle_nor_its_path(tmp_path, selfcheck_home, lang, words):
    """The "saved" outcome's words for the window: what is in the file, where, for whom (its message says "bundle").
    They gave the file's whole path (/home/ann/…/clearline-help-HT4-7KP-3WN-2026-12-07.zip), while what the customer
    reads first holds no file name nor path: the place in plain words (a well-known folder by its name, else the
    folder the company chose); the exact path stays with the outcome (the terminal's second line) and the log."""
    from selfcheck import i18n

    bundle = make_bundle(tmp_path / "b.zip")
    places = {
        "en": ("in the folder your company chose for it", "in your Documents folder"),
        "fr": ("dans le dossier choisi pour cela par votre entreprise", "dans votre dossier Documents"),
    }[lang]
    chosen = load([client_config(tmp_path / "c.toml", "", kind="save", save_folder=str(tmp_path / "saved"))])
    documents = load([client_config(tmp_path / "d.toml", "", kind="save")])  # no folder set: the customer's Documents
    i18n.set_language(lang)
    try:
        outcomes = [send_bundle(bundle, chosen), send_bundle(bundle, documents)]
    finally:
        i18n.set_language("en")
    for outcome, place in zip(outcomes, places, strict=True):
        assert outcome.status == "saved" and outcome.kept and outcome.path is not None and outcome.path.is_file()
        assert outcome.customer == words.format(place=place)
        assert outcome.path.name not in outcome.message and str(outcome.path.parent) not in outcome.message
    assert outcomes[1].path.parent == selfcheck_home / "documents"


def test_a_refused_message_sent_again_goes_as_the_same_one_and_is_then_no_longer_kept(tmp_path, httpserver):
    """The window's "Try sending again": the kept (refused) entry, sent again where the config says now (the company fixed
    its address), under the same bundle id; asked once more after it went, nothing is uploaded again."""
    from selfcheck.upload import kept_messages, send_again

    bundle = make_bundle(tmp_path / "b.zip")
    key = manifest_of(bundle)["bundle_id"]
    httpserver.expect_request(f"/v1/bundles/{key}", method="GET").respond_with_json({"error": "not_found"}, status=404)
    httpserver.expect_request("/v1/bundles", method="POST").respond_with_data("", status=403)
    refused = send_bundle(bundle, load([client_config(tmp_path / "c.toml", httpserver.url_for("/").rstrip("/"))]), email="a@example.org")
    assert refused.status == "failed" and refused.kept
    assert [(e.bundle_id, e.email) for e in kept_messages()] == [(key, "a@example.org")]
    relay = Relay(tmp_path / "relay").start()
    try:
        config = load([client_config(tmp_path / "fixed.toml", relay.url)])
        outcome = send_again(key, config)
        assert outcome.status == "sent" and outcome.reference == manifest_of(bundle)["reference"], outcome.message
        assert (relay.workdir / "bundles" / f"{key}.zip").is_file()
        assert kept_messages() == [] and list(Outbox().entries()) == []
        again = send_again(key, config)  # pressed once more (another window sent it meanwhile): said sent, not a new upload
        assert again.status == "sent" and again.reference == outcome.reference
        assert len(list((relay.workdir / "bundles").glob("*.zip"))) == 1
    finally:
        relay.stop()


def test_stopping_a_message_sent_again_keeps_it_refused_as_it_was(tmp_path, httpserver):
    from selfcheck.upload import kept_messages, send_again

    bundle = make_bundle(tmp_path / "b.zip", {"big.bin": os.urandom(400_000)})
    key = manifest_of(bundle)["bundle_id"]
    httpserver.expect_request(f"/v1/bundles/{key}", method="GET").respond_with_json({"error": "not_found"}, status=404)
    httpserver.expect_request("/v1/bundles", method="POST").respond_with_data("", status=403)
    config = load([client_config(tmp_path / "c.toml", httpserver.url_for("/").rstrip("/"))])
    assert send_bundle(bundle, config).status == "failed"
    cancel = threading.Event()
    cancel.set()  # Cancel pressed on the sending page
    outcome = send_again(key, config, cancel=cancel)
    assert outcome.status == "failed" and outcome.cancelled and outcome.kept
    assert outcome.customer == "You stopped the sending: nothing was sent. Nothing is lost: this program keeps your message."
    assert [e.bundle_id for e in kept_messages()] == [key]  # still kept, still refused: never sent later by itself
    assert flush_outbox(config) == []
