"""selfcheck's own log: a rotating file that never holds secrets."""

from __future__ import annotations

import logging
import logging.handlers
import os
import sys

import pytest

from selfcheck import logsetup, paths

SECRETS = {
    "url password": ("fetching https://alice:Sup3rS3cret@intake.acme.example/upload", "Sup3rS3cret", "https://alice:***@intake.acme.example/upload"),
    "query token": ("GET /api?id=4&token=tok_8f7e6d5c&lang=fr", "tok_8f7e6d5c", "token=***&lang=fr"),
    "form password": ("body: user=bob&password=hunter2", "hunter2", "password=***"),
    "api key": ("calling with api_key=AKIA1234567890", "AKIA1234567890", "api_key=***"),
    "bearer header": ("headers: Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.payload.sig", "eyJhbGciOiJIUzI1NiJ9", "Authorization: Bearer ***"),
    "bare bearer": ("retrying with bearer abcdef0123456789xyz", "abcdef0123456789xyz", "Bearer ***"),
    "basic auth": ("Authorization: Basic YWxpY2U6c2VjcmV0", "YWxpY2U6c2VjcmV0", "Authorization: Basic ***"),
    "json secret": ('config {"client_secret": "cs-998877", "url": "https://x"}', "cs-998877", '"client_secret": "***"'),
    "dict repr": ("settings {'password': 'p@ss w0rd', 'user': 'bob'}", "p@ss w0rd", "'password': '***'"),
    "api header": ("X-Api-Key: 0123-4567-89ab", "0123-4567-89ab", "X-Api-Key: ***"),
}


@pytest.fixture
def log_file():
    path = logsetup.setup()
    assert path is not None
    yield path
    for handler in logging.getLogger("selfcheck").handlers:
        handler.flush()


def read(path):
    for handler in logging.getLogger("selfcheck").handlers:
        handler.flush()
    return path.read_text(encoding="utf-8")


def test_the_log_lives_in_the_platform_log_folder(log_file):
    assert log_file == paths.user_log_dir() / "selfcheck.log"
    logging.getLogger("selfcheck.test").info("hello from the test")
    assert "hello from the test" in read(log_file)


@pytest.mark.parametrize("name", sorted(SECRETS))
def test_secrets_never_reach_the_log_file(log_file, name):
    message, secret, masked = SECRETS[name]
    logging.getLogger("selfcheck.upload").warning(message)
    logging.getLogger("selfcheck.upload").warning("as an argument: %s", message)
    text = read(log_file)
    assert secret not in text
    assert masked in text


def test_secrets_in_exception_tracebacks_are_masked(log_file):
    try:
        raise ConnectionError("could not reach https://bob:hunter2@relay.example/?token=abc12345")
    except ConnectionError:
        logging.getLogger("selfcheck.send").exception("upload failed")
    text = read(log_file)
    assert "Traceback" in text and "ConnectionError" in text
    assert "hunter2" not in text and "abc12345" not in text


def test_ordinary_text_is_left_alone():
    text = "Disk /dev/sda1 is 91% full; tokens of appreciation; the password field is empty"
    assert logsetup.mask_secrets(text) == text


def test_setup_twice_keeps_one_handler(log_file):
    logsetup.setup()
    handlers = [h for h in logging.getLogger("selfcheck").handlers if isinstance(h, logging.handlers.RotatingFileHandler)]
    assert len(handlers) == 1


@pytest.mark.skipif(sys.platform.startswith("win"), reason="POSIX permissions")
def test_the_log_is_readable_by_its_user_only(log_file):
    assert os.stat(log_file).st_mode & 0o077 == 0


def test_the_log_rotates(tmp_path, monkeypatch):
    monkeypatch.setenv("SELFCHECK_HOME", str(tmp_path / "rot"))
    path = logsetup.setup(max_bytes=2000, backups=2)
    assert path is not None
    log = logging.getLogger("selfcheck.rotation")
    for i in range(200):
        log.info("line %d %s", i, "x" * 50)
    assert (path.parent / "selfcheck.log.1").exists()
    assert not (path.parent / "selfcheck.log.3").exists()


def test_an_unwritable_log_folder_is_not_fatal(tmp_path, monkeypatch):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    monkeypatch.setenv("SELFCHECK_HOME", str(blocker))
    assert logsetup.setup() is None


def test_the_level_comes_from_config(tmp_path):
    from selfcheck import app

    (tmp_path / "debug.toml").write_text('[logging]\nlevel = "debug"\n')
    started = app.start([tmp_path / "debug.toml"])
    logging.getLogger("selfcheck.test").debug("a debug detail for support")
    assert "a debug detail for support" in read(started.log_path)
    quiet = app.start()
    logging.getLogger("selfcheck.test").debug("hidden at info level")
    assert "hidden at info level" not in read(quiet.log_path)
    assert logsetup.level_from("WARNING") == logging.WARNING and logsetup.level_from("loud") == logging.INFO


def test_a_log_that_cannot_be_written_never_prints_errors(log_file, capsys):
    handler = next(h for h in logging.getLogger("selfcheck").handlers if isinstance(h, logsetup.QuietRotatingFileHandler))

    class FullDisk:
        def write(self, text):
            raise OSError(28, "No space left on device")

        def flush(self):
            pass

        def close(self):
            pass

    real, handler.stream = handler.stream, FullDisk()
    try:
        logging.getLogger("selfcheck.test").warning("this cannot be written")
    finally:
        handler.stream = real
    captured = capsys.readouterr()
    assert "Logging error" not in captured.err and "Traceback" not in captured.err


def test_proxy_passwords_holding_a_slash_or_an_at_sign_are_masked_whole():
    """Issue 12 item 5: the URL pattern stopped at '/' (whole password kept) or at the first '@'."""
    from selfcheck.logsetup import mask_secrets

    for url in ("http://jdupont:Sl4sh/Pw9@proxy.example-corp.fr:3128", "http://bob:p@ss9w@proxy.corp.fr:8080/x"):
        masked = mask_secrets(f"using proxy {url} now")
        assert "Sl4sh" not in masked and "ss9w" not in masked and "Pw9" not in masked, masked
        assert "@proxy." in masked and masked.endswith(" now")
