"""HTTPS to the relay: the OS trust store plus ``network.extra_ca_file`` decide; a certificate problem queues the bundle."""

from __future__ import annotations

import datetime
import ipaddress

import pytest

from sendkit import Relay, client_config, make_bundle, manifest_of, run_cli


def make_ca_and_server(folder):
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    now = datetime.datetime.now(datetime.UTC)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "selfcheck test corporate CA")])
    ca = (
        x509.CertificateBuilder()
        .subject_name(ca_name)
        .issuer_name(ca_name)
        .public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=2))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(x509.KeyUsage(True, False, False, False, False, True, True, False, False), critical=True)
        .sign(ca_key, hashes.SHA256())
    )
    key = ec.generate_private_key(ec.SECP256R1())
    cert = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost")]))
        .issuer_name(ca_name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=2))
        .add_extension(x509.SubjectAlternativeName([x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), critical=False)
        .add_extension(x509.ExtendedKeyUsage([x509.oid.ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
        .sign(ca_key, hashes.SHA256())
    )
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "ca.pem").write_bytes(ca.public_bytes(serialization.Encoding.PEM))
    (folder / "server.pem").write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    (folder / "server.key").write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))
    return folder / "ca.pem", folder / "server.pem", folder / "server.key"


@pytest.fixture
def tls_relay(tmp_path):
    ca, cert, key = make_ca_and_server(tmp_path / "pki")
    relay = Relay(tmp_path / "relay", tls=(cert, key)).start()
    yield relay, ca
    relay.stop()


def test_unknown_ca_is_a_certificate_problem_and_the_bundle_stays_queued(tmp_path, tls_relay):
    relay, _ca = tls_relay
    bundle = make_bundle(tmp_path / "b.zip")
    cfg = client_config(tmp_path / "c.toml", relay.url)
    proc = run_cli("send", str(bundle), "--config", str(cfg), home=tmp_path / "home")
    assert proc.returncode == 4, proc.stdout + proc.stderr
    assert "certificate" in proc.stdout


def test_the_company_ca_in_extra_ca_file_lets_the_upload_through(tmp_path, tls_relay):
    relay, ca = tls_relay
    bundle = make_bundle(tmp_path / "b.zip")
    cfg = client_config(tmp_path / "c.toml", relay.url)
    with open(cfg, "a", encoding="utf-8") as fh:
        fh.write(f'\n[network]\nextra_ca_file = "{ca}"\n')
    proc = run_cli("send", str(bundle), "--config", str(cfg), home=tmp_path / "home")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert manifest_of(bundle)["reference"] in proc.stdout
