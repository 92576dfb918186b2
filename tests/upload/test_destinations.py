"""How each failure is told: network errors and HTTP answers mapped to the customer's message and to retry or not."""

from __future__ import annotations

import errno
import socket

import pytest
import requests

from selfcheck.upload.destinations import AttemptError, http_error, network_error
from selfcheck.upload.send import problem_text
from selfcheck.upload.transport import InsecureURL, check_url


def wrapped(cause: BaseException) -> requests.ConnectionError:
    try:
        try:
            raise cause
        except BaseException as inner:
            raise requests.ConnectionError("connection failed") from inner
    except requests.ConnectionError as exc:
        return exc


@pytest.mark.parametrize(
    ("cause", "kind"),
    [
        (ConnectionRefusedError(errno.ECONNREFUSED, "Connection refused"), "refused"),
        (ConnectionResetError(errno.ECONNRESET, "Connection reset by peer"), "interrupted"),
        (OSError(errno.ENETUNREACH, "Network is unreachable"), "offline"),
        (OSError(errno.EHOSTUNREACH, "No route to host"), "offline"),
        (socket.gaierror(socket.EAI_NONAME, "Name or service not known"), "offline"),
    ],
)
def test_network_failures_are_named_and_retried(cause, kind):
    error = network_error(wrapped(cause))
    assert error.kind == kind and not error.permanent


def test_timeouts_and_certificate_problems():
    assert network_error(requests.ReadTimeout("read timed out")).kind == "timeout"
    assert network_error(requests.exceptions.SSLError("certificate verify failed")).kind == "tls"


def response(status: int, body: bytes = b"{}", headers: dict[str, str] | None = None) -> requests.Response:
    r = requests.Response()
    r.status_code = status
    r._content = body
    r.headers.update(headers or {})
    return r


@pytest.mark.parametrize(
    ("status", "kind", "permanent"),
    [
        (413, "too_large", True),
        (400, "rejected", True),
        (409, "rejected", True),
        (415, "rejected", True),
        (403, "misconfigured", True),
        (404, "misconfigured", True),
        (500, "server", False),
        (502, "server", False),
        (429, "busy", False),
    ],
)
def test_http_answers(status, kind, permanent):
    error = http_error(response(status, b'{"error": "x", "reason": "why"}'))
    assert (error.kind, error.permanent, error.code) == (kind, permanent, status)


def test_retry_after_is_honoured():
    assert http_error(response(429, headers={"Retry-After": "90"})).retry_after == 90
    assert http_error(response(503, headers={"Retry-After": "Wed, 21 Oct 2015 07:28:00 GMT"})).retry_after == 0


def test_every_failure_kind_has_its_own_plain_sentence():
    kinds = ["offline", "refused", "timeout", "interrupted", "tls", "server", "busy", "too_large", "rejected", "misconfigured", "needs_email", "insecure"]
    texts = {problem_text(AttemptError(k)) for k in kinds}
    assert len(texts) == len(kinds)
    assert all("Traceback" not in t and t.endswith(".") for t in texts)


@pytest.mark.parametrize("url", ["https://support.example.com", "http://127.0.0.1:8080", "http://localhost:1", "http://[::1]:9"])
def test_https_or_loopback_only(url):
    assert check_url(url) == url


@pytest.mark.parametrize("url", ["http://support.example.com", "ftp://x", "http://10.0.0.1", "file:///etc/passwd", "https://"])
def test_anything_else_is_refused(url):
    with pytest.raises(InsecureURL):
        check_url(url)
