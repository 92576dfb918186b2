"""How each failure is told: network errors and HTTP answers mapped to the customer's message and to retry or not."""

from __future__ import annotations

import errno
import socket
import ssl
from pathlib import Path

import pytest
import requests

from selfcheck.upload.destinations import AttemptError, _chain, http_error, network_error
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


def test_a_failure_that_does_not_show_this_computer_is_offline_is_not_called_offline():
    """Review (issue 21 item 8): any connection error it could not place was "offline", and the window then told the
    person their computer had no internet. One that shows nothing of the sort is "unreachable", retried later as before."""
    error = network_error(requests.ConnectionError("connection failed"))
    assert (error.kind, error.permanent) == ("unreachable", False)
    assert problem_text(error) == "This computer could not reach the support server."
    assert "offline" not in problem_text(error)


class LoopbackProxy:
    """An HTTP proxy on loopback that answers every CONNECT with ``answer`` (nothing: it closes) and goes nowhere."""

    def __init__(self, answer: bytes) -> None:
        import threading

        self.answer = answer
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(8)
        self.url = f"http://127.0.0.1:{self.sock.getsockname()[1]}"
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self) -> None:
        while True:
            try:
                client, _ = self.sock.accept()
            except OSError:
                return
            with client:
                client.recv(65536)
                if self.answer:
                    client.sendall(self.answer)

    def close(self) -> None:
        self.sock.close()


def _through(tmp_path: Path, proxy: str) -> AttemptError:
    """One real attempt to support's address through ``proxy`` (on loopback: nothing leaves this computer)."""
    from selfcheck.config import load
    from selfcheck.upload.destinations import _request
    from selfcheck.upload.transport import session
    from sendkit import write_toml

    config = load([write_toml(tmp_path / "c.toml", {"network": {"proxy": proxy}})])
    with pytest.raises(AttemptError) as failed:
        _request(session(config), "GET", "https://support.lab.example/v1/bundles/x", timeout=(3, 3))
    return failed.value


def test_a_real_refusal_on_loopback_is_refused(tmp_path):
    """No proxy: a closed port on loopback is support's server refusing, and says so."""
    from selfcheck.config import load
    from selfcheck.upload.destinations import _request
    from selfcheck.upload.transport import session
    from sendkit import free_port

    with pytest.raises(AttemptError) as refused:
        _request(session(load([])), "GET", f"http://127.0.0.1:{free_port()}/v1/bundles/x", timeout=(3, 3))
    assert (refused.value.kind, refused.value.permanent) == ("refused", False)


@pytest.mark.parametrize(
    ("answer", "code", "permanent"),
    [
        (b"HTTP/1.1 407 Proxy Authentication Required\r\nContent-Length: 0\r\nConnection: close\r\n\r\n", 407, True),
        (b"HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nConnection: close\r\n\r\n", 403, True),
        (b"", None, False),  # it closes the connection when asked to open the way: requests says ConnectionError, not ProxyError
    ],
    ids=["password", "forbidden", "closed"],
)
def test_a_proxy_that_does_not_let_it_through_is_the_proxy_not_support(tmp_path, answer, code, permanent):
    """Issue 21: through a proxy that wants a password (407), forbids it (403) or closes the connection, the window said
    support's server refused it, "could not get through" or the connection was cut. It is the proxy (its code kept for
    support). A proxy that closed may let it through later: retried. One that wants a password or forbids the way
    answers the same until someone changes its settings: not retried by itself, so the window does not say it "still
    goes by itself" (review of stop 28)."""
    proxy = LoopbackProxy(answer)
    try:
        error = _through(tmp_path, proxy.url)
    finally:
        proxy.close()
    assert (error.kind, error.permanent, error.code) == ("proxy", permanent, code), error.__cause__
    assert "did not let your message through" in problem_text(error)


def test_a_proxy_that_cannot_be_reached_is_the_proxy_not_support(tmp_path):
    """Issue 21: a proxy on a closed port gave requests' ProxyError holding "Connection refused", read as support's
    server refusing the connection ("it may be down for a moment")."""
    from sendkit import free_port

    error = _through(tmp_path, f"http://127.0.0.1:{free_port()}")
    assert isinstance(error.__cause__, requests.exceptions.ProxyError) and "Connection refused" in str(error.__cause__)
    assert (error.kind, error.permanent) == ("proxy", False)
    assert "refused" not in problem_text(error)


def test_real_failures_with_no_way_out_are_offline(tmp_path):
    """In a network namespace of this test's own, with only loopback (no route anywhere, so nothing leaves it): a name
    that cannot be looked up and an address with no route are really this computer having no internet, and so is a
    proxy with no route to it (no way out at all: not the proxy's doing)."""
    import os
    import shutil
    import subprocess
    import sys

    if not sys.platform.startswith("linux") or os.geteuid() != 0 or not shutil.which("ip"):
        pytest.skip("needs Linux, root and the ip command for a network namespace")
    ns = f"scoffline{os.getpid()}"
    if subprocess.run(["ip", "netns", "add", ns], capture_output=True).returncode != 0:
        pytest.skip("network namespaces are not possible here")
    etc = Path("/etc/netns") / ns
    try:
        subprocess.run(["ip", "-n", ns, "link", "set", "lo", "up"], check=True)
        etc.mkdir(parents=True, exist_ok=True)
        (etc / "resolv.conf").write_text("nameserver 198.51.100.53\n")  # the lab's resolver: no route to it from here
        (etc / "hosts").write_text("127.0.0.1 localhost\n")
        proxied = tmp_path / "proxied.toml"
        proxied.write_text('[network]\nproxy = "http://198.51.100.80:3128"\n')  # the lab's proxy: no route to it either
        script = (
            "from selfcheck.config import load\n"
            "from selfcheck.upload.destinations import AttemptError, _request\n"
            "from selfcheck.upload.transport import session\n"
            "for url in ('https://support.lab.example/v1/bundles/x', 'https://198.51.100.81/v1/bundles/x'):\n"
            "    try:\n"
            "        _request(session(load([])), 'GET', url, timeout=(3, 3))\n"
            "    except AttemptError as error:\n"
            "        print(error.kind, error.permanent)\n"
            "try:\n"
            f"    _request(session(load([{str(proxied)!r}])), 'GET', 'https://support.lab.example/v1/bundles/x', timeout=(3, 3))\n"
            "except AttemptError as error:\n"
            "    print(error.kind, error.permanent)\n"
        )
        env = {**os.environ, "no_proxy": "*", "NO_PROXY": "*"}
        for key in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
            env.pop(key, None)
        run = subprocess.run(["ip", "netns", "exec", ns, sys.executable, "-c", script], capture_output=True, text=True, timeout=60, env=env)
    finally:
        subprocess.run(["ip", "netns", "del", ns], capture_output=True)
        shutil.rmtree(etc, ignore_errors=True)
    assert run.stdout.splitlines() == ["offline False", "offline False", "offline False"], run.stdout + run.stderr


def test_timeouts_and_certificate_problems():
    assert network_error(requests.ReadTimeout("read timed out")).kind == "timeout"
    assert network_error(requests.exceptions.SSLError("certificate verify failed")).kind == "tls"


def test_a_certificate_problem_is_named_with_an_older_urllib3_too(monkeypatch):
    """requests allows urllib3 1.26, whose older releases have no urllib3.util.ssl_match_hostname: the check that tells a
    refused certificate from a cut connection must not raise (it runs while a message is being sent)."""
    import sys

    monkeypatch.setitem(sys.modules, "urllib3.util.ssl_match_hostname", None)  # importing it raises ImportError
    refused = requests.exceptions.SSLError(ssl.SSLCertVerificationError(1, "certificate verify failed: self-signed certificate"))
    refused.__context__ = ssl.SSLCertVerificationError(1, "certificate verify failed: self-signed certificate")
    assert network_error(refused).kind == "tls"


class HandshakeCutter:
    """On 127.0.0.1: takes each connection, reads the client's first handshake message and cuts the connection: closes it
    (``reset`` False) or resets it (``reset`` True, as a middlebox or a security program does). ``proxy``: it is a proxy
    that first answers the CONNECT with 200, as if it let the connection through."""

    def __init__(self, *, proxy: bool, reset: bool) -> None:
        import threading

        self.proxy, self.reset = proxy, reset
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.port = self.sock.getsockname()[1]
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self) -> None:
        import struct

        while True:
            try:
                client, _ = self.sock.accept()
            except OSError:
                return
            with client:
                client.settimeout(5)
                try:
                    if self.proxy:
                        client.recv(65536)  # CONNECT support.lab.example:443
                        client.sendall(b"HTTP/1.1 200 Connection established\r\n\r\n")
                    client.recv(65536)  # the client's hello: the handshake has begun
                    if self.reset:
                        client.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                except OSError:
                    pass

    def close(self) -> None:
        self.sock.close()


class LoopbackTunnel:
    """An HTTP proxy on 127.0.0.1 that answers every CONNECT with 200 and ties the connection to ``port`` on 127.0.0.1,
    whatever name was asked (nothing leaves this computer)."""

    def __init__(self, port: int) -> None:
        import threading

        self.port = port
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self.sock.getsockname()[1]}"
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self) -> None:
        import threading

        while True:
            try:
                client, _ = self.sock.accept()
            except OSError:
                return
            client.recv(65536)
            server = socket.create_connection(("127.0.0.1", self.port), timeout=5)
            client.sendall(b"HTTP/1.1 200 Connection established\r\n\r\n")
            threading.Thread(target=self._pipe, args=(client, server), daemon=True).start()
            threading.Thread(target=self._pipe, args=(server, client), daemon=True).start()

    @staticmethod
    def _pipe(src: socket.socket, dst: socket.socket) -> None:
        try:
            while data := src.recv(65536):
                dst.sendall(data)
        except OSError:
            pass
        for s in (src, dst):
            try:
                s.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass

    def close(self) -> None:
        self.sock.close()


def _certificate_server(tmp_path: Path, kind: str):  # type: ignore[no-untyped-def]
    """An HTTPS server on 127.0.0.1 whose certificate this computer refuses, and the config layer that trusts its CA
    (when the problem is not the CA): ``unknown-authority`` (signed by an authority this computer does not trust),
    ``other-name`` (for another name than support's), ``expired`` (valid until 30 days ago)."""
    from sendkit import write_toml
    from tlsutil import TLSServer, issue, make_ca

    ca = make_ca(tmp_path / "pki", age_days=60)
    names = ["other.lab.example"] if kind == "other-name" else ["127.0.0.1", "support.lab.example"]
    cert, key = issue(ca, tmp_path / "pki", names, age_days=60 if kind == "expired" else 0, days=30)
    trust = {} if kind == "unknown-authority" else {"network": {"extra_ca_file": str(ca.cert)}}
    return TLSServer(cert, key), write_toml(tmp_path / "trust.toml", trust)


@pytest.mark.parametrize("proxied", [False, True], ids=["direct", "through-proxy"])
@pytest.mark.parametrize("server", ["closes-in-handshake", "resets-in-handshake", "unknown-authority", "other-name", "expired"])
def test_a_connection_cut_in_the_secure_handshake_is_not_called_a_certificate_problem(tmp_path, server, proxied):
    """Issue: a connection cut during the secure handshake was "tls": the log and terminal said "a certificate problem"
    and the window "the problem is at your support team", so support looked at their certificate. Real connections on
    loopback: a proxy that answers the CONNECT with 200 and then closes or resets (or a server that does, with no proxy)
    is now the proxy (tried again later) or a cut connection; a certificate this computer refuses (an unknown authority,
    another name, expired), directly or through a proxy that lets it through, is still a certificate problem."""
    from selfcheck.config import load
    from selfcheck.upload.destinations import _request
    from selfcheck.upload.send import customer_problem
    from selfcheck.upload.transport import session
    from sendkit import write_toml

    layers = []
    if server.endswith("-in-handshake"):
        listener = HandshakeCutter(proxy=proxied, reset=server.startswith("resets"))
        tunnel = None
        proxy_url = f"http://127.0.0.1:{listener.port}"
    else:
        listener, trust = _certificate_server(tmp_path, server)
        layers.append(trust)
        tunnel = LoopbackTunnel(listener.port) if proxied else None
        proxy_url = tunnel.url if tunnel else ""
    if proxied:
        layers.append(write_toml(tmp_path / "p.toml", {"network": {"proxy": proxy_url}}))
    url = "https://support.lab.example/v1/bundles/x" if proxied else f"https://127.0.0.1:{listener.port}/v1/bundles/x"
    try:
        with pytest.raises(AttemptError) as failed:
            _request(session(load(layers)), "GET", url, timeout=(3, 3))
    finally:
        listener.close()
        if tunnel:
            tunnel.close()
    error = failed.value
    said, window = problem_text(error), customer_problem(error)
    if not server.endswith("-in-handshake"):
        assert (error.kind, error.permanent) == ("tls", False), error.__cause__
        assert "certificate" in said
        # the refusal meant (OpenSSL's X509_V_ERR_ numbers): unable to get local issuer, host or IP mismatch, expired
        refused = next(e for e in _chain(error) if isinstance(e, ssl.SSLCertVerificationError))
        assert refused.verify_code in {"unknown-authority": (20,), "other-name": (62, 64), "expired": (10,)}[server], refused
        return
    assert (error.kind, error.permanent, error.code) == ("proxy" if proxied else "interrupted", False, None), error.__cause__
    assert "certificate" not in said and "not your fault" not in window
    if proxied:
        assert "did not let your message through" in said and "did not let your message through" in window
    else:
        assert (said, window) == ("The connection was cut during the upload.", "The connection was cut while sending.")


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


@pytest.mark.parametrize(
    "support, needed",
    [
        ({"kind": "zendesk", "zendesk_subdomain": "acme"}, True),  # its requests are made in the customer's name
        ({"kind": "intake", "url": "https://support.example.com"}, False),  # the relay takes a message without one
        ({"kind": "intake", "url": ""}, False),  # no relay: the file is saved for the customer
        ({"kind": "save"}, False),
    ],
)
def test_only_a_destination_that_cannot_receive_a_message_without_the_address_needs_one(support, needed):
    from selfcheck.config import from_dict
    from selfcheck.upload import email_needed
    from selfcheck.upload.destinations import needs_email
    from selfcheck.upload.send import destination_from

    config = from_dict({"support": support})
    assert needs_email(destination_from(config)) is needed
    assert email_needed(config) is needed


def test_every_failure_kind_has_its_own_plain_sentence():
    kinds = [
        "offline",
        "unreachable",
        "refused",
        "timeout",
        "interrupted",
        "proxy",
        "tls",
        "server",
        "busy",
        "too_large",
        "rejected",
        "misconfigured",
        "needs_email",
        "insecure",
        "wrong_address",
    ]
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


def test_a_proxy_that_wants_a_password_is_not_promised_to_go_by_itself(tmp_path):
    """Review of stop 28: through a proxy that answers 407, the not-sent-yet screen said the message "still goes by
    itself as soon as it can", and the outbox tried again every ten minutes for nothing. It is kept, not retried by
    itself (the window's not-sent screen then says it will not try again and to call), as for any fault a retry
    cannot mend."""
    from selfcheck.config import load
    from selfcheck.upload import Outbox, flush_outbox, send_bundle
    from sendkit import client_config, make_bundle, write_toml

    proxy = LoopbackProxy(b"HTTP/1.1 407 Proxy Authentication Required\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
    try:
        config = load([client_config(tmp_path / "c.toml", "https://support.lab.example"), write_toml(tmp_path / "p.toml", {"network": {"proxy": proxy.url}})])
        outcome = send_bundle(make_bundle(tmp_path / "b.zip", {"x.txt": b"x"}), config)
        assert (outcome.status, outcome.reason, outcome.kept) == ("failed", "proxy", True)
        assert "did not let your message through" in outcome.customer
        assert "goes by itself" not in outcome.customer and "later" not in outcome.customer
        assert [e.status for e in Outbox().entries()] == ["failed"]
        assert flush_outbox(config) == []  # nothing retried by itself
    finally:
        proxy.close()


@pytest.mark.parametrize(
    ("number", "text"),
    [
        (-2, "Name or service not known"),  # Linux EAI_NONAME
        (8, "nodename nor servname provided, or not known"),  # macOS EAI_NONAME
        (11001, "Aucun hôte de ce type n'est connu"),  # Windows WSAHOST_NOT_FOUND, its message translated
    ],
)
def test_a_name_the_resolver_says_does_not_exist_is_told_apart_by_its_number(number, text):
    """Issue: any failed lookup was "offline". "No such name" (the resolver answered) is told apart from "no answer" by
    getaddrinfo's number on each system, never its text (translated on Windows); alone it is still "offline" (an offline
    macOS or Windows says "no such name" too): only the test names being found makes it support's wrong address."""
    error = network_error(wrapped(socket.gaierror(number, text)))
    assert (error.kind, error.no_such_name, error.permanent) == ("offline", True, False)


@pytest.mark.parametrize(
    ("number", "text"),
    [
        (-3, "Temporary failure in name resolution"),  # Linux EAI_AGAIN
        (2, "temporary failure in name resolution"),  # macOS EAI_AGAIN
        (11002, "This is usually a temporary error during hostname resolution"),  # Windows WSATRY_AGAIN
    ],
)
def test_a_resolver_that_gave_no_answer_is_offline_and_never_a_wrong_address(number, text):
    error = network_error(wrapped(socket.gaierror(number, text)))
    assert (error.kind, error.no_such_name) == ("offline", False)


MISTYPED_SCRIPT = """
import socket, sys, threading, time
from pathlib import Path
import dns.message, dns.rcode, dns.rrset
sys.path.insert(0, {tests!r})
from selfcheck.config import load
from selfcheck.upload import Outbox, flush_outbox, send_bundle
from sendkit import client_config, make_bundle

def serve(sock, zone):
    while True:
        data, peer = sock.recvfrom(4096)
        query = dns.message.from_wire(data)
        reply = dns.message.make_response(query)
        name = query.question[0].name.to_text().rstrip(".")
        if name not in zone:
            reply.set_rcode(dns.rcode.NXDOMAIN)
        elif query.question[0].rdtype == 1:
            reply.answer.append(dns.rrset.from_text(query.question[0].name, 60, "IN", "A", zone[name]))
        sock.sendto(reply.to_wire(), peer)

mode = sys.argv[1]
if mode != "no-resolver":
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.bind(("127.0.0.1", 53))
    zone = {{"www.lab.example": "127.0.0.1"}} if mode == "names-work" else {{}}
    threading.Thread(target=serve, args=(sock, zone), daemon=True).start()
folder = Path({folder!r})
(folder / "n.toml").write_text('[network]\\ndns_names = ["www.lab.example"]\\nproxy = "none"\\n')
config = load([client_config(folder / "c.toml", "https://suport.lab.example", retry_max_seconds=3600), folder / "n.toml"])
start = time.time()
outcome = send_bundle(make_bundle(folder / f"b-{{mode}}.zip"), config)
print(outcome.status, outcome.reason, outcome.kept)
print(outcome.customer)
print(outcome.message)
print([e.status for e in Outbox().entries()], len(flush_outbox(config)), [e.next_try - start >= 3600 for e in Outbox().entries()])
from selfcheck.commands import outbox
import argparse
outbox.run(argparse.Namespace(config=[], lang="en", id=None, action="list", home=None))
"""


def test_support_s_name_not_found_while_names_work_is_said_and_tried_again_slowly_while_no_answer_stays_offline(tmp_path):
    """Issue: the admin mistyped support's address (or its name was removed from DNS): every customer read "This computer
    is not connected to the internet right now" while their internet worked. In a network namespace of this test's own
    (only loopback; its DNS server on 127.0.0.1 answers "no such name" for support.lab.example and an address for the DNS
    check's test name): the window says support's address could not be found though the internet works, the terminal
    names the host and both causes. Review of 74b4ba8: a name known only inside the company network (its VPN off) is "no
    such name" the same way, and was marked failed for good: it waits, tried again no sooner than the longest usual wait
    (support.retry_max_seconds), so it goes once the VPN is up. With no resolver at all, or one that finds no name at all
    (as an offline computer says "no such name"), it stays "offline" and waits."""
    import os
    import shutil
    import subprocess
    import sys

    if not sys.platform.startswith("linux") or os.geteuid() != 0 or not shutil.which("ip"):
        pytest.skip("needs Linux, root and the ip command for a network namespace")
    ns = f"scmistyped{os.getpid()}"
    if subprocess.run(["ip", "netns", "add", ns], capture_output=True).returncode != 0:
        pytest.skip("network namespaces are not possible here")
    etc = Path("/etc/netns") / ns
    script = tmp_path / "mistyped.py"
    script.write_text(MISTYPED_SCRIPT.format(tests=str(Path(__file__).resolve().parents[1]), folder=str(tmp_path)))
    env = {**os.environ, "no_proxy": "*", "NO_PROXY": "*"}
    for key in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
        env.pop(key, None)
    runs = {}
    try:
        subprocess.run(["ip", "-n", ns, "link", "set", "lo", "up"], check=True)
        etc.mkdir(parents=True, exist_ok=True)
        (etc / "resolv.conf").write_text("nameserver 127.0.0.1\noptions timeout:1 attempts:1\n")
        (etc / "hosts").write_text("127.0.0.1 localhost\n")
        for mode in ("names-work", "no-resolver", "no-name-found"):
            home = tmp_path / f"home-{mode}"
            shutil.copytree(env["SELFCHECK_HOME"], home)
            runs[mode] = subprocess.run(
                ["ip", "netns", "exec", ns, sys.executable, str(script), mode],
                capture_output=True,
                text=True,
                timeout=90,
                env={**env, "SELFCHECK_HOME": str(home)},
            )
    finally:
        subprocess.run(["ip", "netns", "del", ns], capture_output=True)
        shutil.rmtree(etc, ignore_errors=True)
    assert len(runs["names-work"].stdout.splitlines()) >= 4, runs["names-work"].stdout + runs["names-work"].stderr
    status, customer, message, outbox, *rest = runs["names-work"].stdout.splitlines()
    listing = "\n".join(rest)
    assert status == "queued wrong_address True", runs["names-work"].stdout + runs["names-work"].stderr
    assert customer == (
        "This program could not find your support team's address, though this computer is connected to the internet. This is "
        "not your fault. Nothing is lost: your message waits on this computer and is tried again by itself."
    )
    assert "suport.lab.example is not found" in message and "mistyped" in message and "inside the company network" in message
    assert outbox == "['queued'] 0 [True]"  # kept, waiting, not due before the longest usual wait (an hour here)
    assert "waiting, next try" in listing and "suport.lab.example is not found" in listing  # "selfcheck outbox" names it too
    for mode in ("no-resolver", "no-name-found"):
        lines = runs[mode].stdout.splitlines()
        assert lines[:2] == [
            "queued offline True",
            "This computer is not connected to the internet right now. Nothing is lost: it stays on this computer and will be sent by itself later.",
        ], (
            mode,
            runs[mode].stdout + runs[mode].stderr,
        )


def test_the_check_for_a_mistyped_address_waits_once_not_once_per_name(monkeypatch):
    """Review of 74b4ba8: after "no such name" for support, sending looked the DNS check's names up one after the other,
    each with its own 3-second limit, so with two names the customer's send (and its Cancel) waited up to twice that per
    attempt. The names are looked up at once: the first found ends the wait, and none found costs one limit, not two.
    (getaddrinfo is replaced here: nothing leaves this computer.)"""
    import threading
    import time

    from selfcheck.upload.destinations import names_found

    never = threading.Event()

    def lookup(name, *args, **kwargs):
        if name == "hangs.lab.example":
            never.wait(5)  # a resolver that never answers: getaddrinfo has no time limit of its own
            raise socket.gaierror(-3, "Temporary failure in name resolution")
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("127.0.0.1", 443))]

    monkeypatch.setattr(socket, "getaddrinfo", lookup)
    try:
        start = time.monotonic()
        assert names_found(["hangs.lab.example", "www.lab.example"], timeout=1.0)
        assert time.monotonic() - start < 0.5  # the second name answered at once: no wait for the first one's limit
        start = time.monotonic()
        assert not names_found(["hangs.lab.example", "hangs.lab.example"], timeout=0.5)
        assert time.monotonic() - start < 0.9  # one limit for all the names, not one each
    finally:
        never.set()


def test_a_corrected_support_address_is_used_at_the_next_try_and_the_message_goes(tmp_path, monkeypatch):
    """Review of 74b4ba8: support's name not found while other names are was marked failed for good, so the message never
    went, even once the company corrected [support] url. It now waits; the next flush (an hour or more later) reads the
    config of that time and the message goes to the corrected address (the real relay on loopback). The resolver is
    replaced: support.lab.example is "no such name", the DNS check's name is found, nothing else is looked up."""
    import time

    from selfcheck.config import load
    from selfcheck.upload import Outbox, flush_outbox, send_bundle
    from sendkit import Relay, client_config, make_bundle, manifest_of

    real = socket.getaddrinfo

    def lookup(host, *args, **kwargs):
        if host in ("127.0.0.1", "localhost"):
            return real(host, *args, **kwargs)
        if host == "www.lab.example":
            return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("127.0.0.1", 443))]
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", lookup)
    names = tmp_path / "n.toml"
    names.write_text('[network]\ndns_names = ["www.lab.example"]\nproxy = "none"\n')
    relay = Relay(tmp_path / "relay").start()
    try:
        bundle = make_bundle(tmp_path / "b.zip")
        config = load([client_config(tmp_path / "c.toml", "https://suport.lab.example", retry_max_seconds=3600), names])
        outcome = send_bundle(bundle, config)
        assert (outcome.status, outcome.reason, outcome.kept) == ("queued", "wrong_address", True), outcome.message
        assert flush_outbox(config) == []  # not due yet: the slow pace
        (entry,) = Outbox().entries()
        entry.next_try = time.time() - 1  # the wait is over
        Outbox().save(entry)
        corrected = load([client_config(tmp_path / "c.toml", relay.url, retry_max_seconds=3600), names])  # the admin's fix
        assert [o.status for o in flush_outbox(corrected)] == ["sent"]
        assert list(Outbox().entries()) == []
        assert (relay.workdir / "bundles" / f"{manifest_of(bundle)['bundle_id']}.zip").exists()
    finally:
        relay.stop()
