"""Test certificates made with the openssl command: a CA and server certificates it signs."""

from __future__ import annotations

import shutil
import ssl
import subprocess
import threading
from dataclasses import dataclass
from pathlib import Path

import pytest


def need_openssl() -> str:
    path = shutil.which("openssl")
    if not path:
        pytest.skip("the openssl command is not installed (apt install openssl)")
    return path


@dataclass
class CA:
    cert: Path
    key: Path


def _run(*args: str, age_days: int = 0) -> None:
    """The openssl command; ``age_days``: run as that many days ago (libfaketime), so what it makes starts then."""
    env = None
    if age_days:
        import os

        import fakeclock

        env = {**os.environ, **fakeclock.variables(f"-{int(age_days)}d")}
    subprocess.run([need_openssl(), *args], check=True, capture_output=True, env=env)


def make_ca(folder: Path, name: str = "Lab Root CA", age_days: int = 0) -> CA:
    """A CA valid for ten years from ``age_days`` ago (now by default)."""
    folder.mkdir(parents=True, exist_ok=True)
    stem = name.replace(" ", "_").lower()
    ca = CA(folder / f"{stem}.pem", folder / f"{stem}.key")
    _run(
        "req",
        "-x509",
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:prime256v1",
        "-nodes",
        "-keyout",
        str(ca.key),
        "-out",
        str(ca.cert),
        "-days",
        "3650",
        "-subj",
        f"/CN={name}",
        "-addext",
        "basicConstraints=critical,CA:TRUE",
        "-addext",
        "keyUsage=critical,keyCertSign,cRLSign",
        age_days=age_days,
    )
    return ca


def issue(ca: CA, folder: Path, names: list[str], stem: str = "server", age_days: int = 0, days: int = 30) -> tuple[Path, Path]:
    """A server certificate for ``names`` (DNS names or IP addresses), valid for ``days`` days from ``age_days`` ago (now by default)."""
    key, csr, cert, ext = (folder / f"{stem}.{suffix}" for suffix in ("key", "csr", "pem", "ext"))
    sans = ",".join(f"IP:{n}" if n.replace(".", "").isdigit() or ":" in n else f"DNS:{n}" for n in names)
    ext.write_text(f"subjectAltName={sans}\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n")
    _run("req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", str(key), "-out", str(csr), "-subj", f"/CN={names[0]}")
    _run(
        "x509",
        "-req",
        "-in",
        str(csr),
        "-CA",
        str(ca.cert),
        "-CAkey",
        str(ca.key),
        "-CAcreateserial",
        "-out",
        str(cert),
        "-days",
        str(days),
        "-extfile",
        str(ext),
        age_days=age_days,
    )
    return cert, key


class TLSServer:
    """A tiny HTTPS server on 127.0.0.1 answering every request with 200 and a Date header."""

    def __init__(self, cert: Path, key: Path, body: bytes = b"ok") -> None:
        import socket

        self.ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        self.ctx.load_cert_chain(str(cert), str(key))
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.port = self.sock.getsockname()[1]
        self.body = body
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        while True:
            try:
                conn, _addr = self.sock.accept()
            except OSError:
                return
            threading.Thread(target=self._handle, args=(conn,), daemon=True).start()

    def _handle(self, conn) -> None:  # type: ignore[no-untyped-def]
        try:
            with self.ctx.wrap_socket(conn, server_side=True) as tls:
                tls.settimeout(5)
                tls.recv(65536)
                tls.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: %d\r\nConnection: close\r\n\r\n%s" % (len(self.body), self.body))
        except (OSError, ssl.SSLError):
            pass

    def close(self) -> None:
        self.sock.close()
