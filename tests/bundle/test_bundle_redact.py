"""Redaction: planted secrets in logs, environment, paths, config and facts never reach the zip."""

from __future__ import annotations

import json
import zipfile

import pytest
from bundle_helpers import IDENTITY, run_scan

from selfcheck import bundle, logsetup
from selfcheck.api import Check, Context, Facts, Outcome, Thresholds
from selfcheck.bundle.redact import Identity, RedactionConfig, Redactor

PRIVATE_KEY = "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW\n-----END OPENSSH PRIVATE KEY-----"
JWT = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkplYW4ifQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c"

# value that must not survive -> where it is planted
PLANTED = {
    "jdupont": "user name",
    "PC-JDUPONT-42": "host name",
    "jean.dupont@example-corp.fr": "e-mail",
    "3c:22:fb:9a:41:7e": "MAC address",
    "C02XK1ABJGH5": "serial number (log)",
    "PF1XYZ99": "serial number (facts)",
    "Livebox-Dupont": "Wi-Fi name",
    "81.2.69.142": "public IPv4",
    "2a00:1450:4007:80f::200e": "public IPv6",
    "Hunter2Pass": "password in a proxy URL (environment)",
    "S3cr3t-Pa55": "password= pair",
    "AKIAIOSFODNN7EXAMPLE": "AWS access key",
    "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY": "AWS secret key",
    "ghp_R4nd0mT0k3nV4lu3ABCDEFGHIJKLMNOPQRST": "GitHub token",
    "xoxb-2401234567-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx": "Slack token",
    "AIzaSyA1B2C3D4E5F6G7H8I9J0KLMNOPQRSTUVW": "Google API key",
    "glpat-Zx9Yw8Vu7Ts6Rq5Po4Nm": "GitLab token",
    JWT: "JWT",
    "b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ": "private key block",
    "tok_9f8e7d6c5b4a": "token= in a URL",
    "Zm9vYmFyYmF6cXV4": "bearer token",
    "intake-s3cret-value": "secret in config",
    "Projet-Orion": "company keyword",
    "CUST-778812": "company pattern",
    # issue 12: the shapes that used to pass
    "github_pat_11AAAAAAA0abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOPQRSTUV": "fine-grained GitHub token",
    "c7ff:fea1": "EUI-64 link-local address (the MAC inside it)",
    "jean.dupont%40example-corp.fr": "URL-encoded e-mail",
    "Db5ecretPw": "DB_PASS= assignment",
    "Sess10nCookie": "second cookie of a header",
    "4111 1111 1111 1111": "payment card",
    "FR14 2004 1010 0505 0001 3M02 606": "IBAN",
    "+33 6 12 34 56 78": "phone number",
    "Sl4sh/Pw": "proxy password holding a slash",
}

LOG = f"""2026-11-20 09:00:01 INFO user jdupont logged in on PC-JDUPONT-42 from 81.2.69.142
2026-11-20 09:00:02 INFO sync to https://sync.example.com/api?access_token=tok_9f8e7d6c5b4a&x=1 ok
2026-11-20 09:00:03 DEBUG Authorization: Bearer Zm9vYmFyYmF6cXV4
2026-11-20 09:00:04 WARN config password=S3cr3t-Pa55 rejected for jean.dupont@example-corp.fr
2026-11-20 09:00:05 INFO wlan0 ESSID:"Livebox-Dupont" HWaddr 3C-22-FB-9A-41-7E
2026-11-20 09:00:06 INFO Serial Number: C02XK1ABJGH5
2026-11-20 09:00:07 INFO opening /home/jdupont/Documents/Projet-Orion/plan.docx for CUST-778812
2026-11-20 09:00:08 ERROR keys: AKIAIOSFODNN7EXAMPLE aws_secret_access_key=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY
2026-11-20 09:00:09 ERROR leaked ghp_R4nd0mT0k3nV4lu3ABCDEFGHIJKLMNOPQRST xoxb-2401234567-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx
2026-11-20 09:00:10 ERROR leaked AIzaSyA1B2C3D4E5F6G7H8I9J0KLMNOPQRSTUVW glpat-Zx9Yw8Vu7Ts6Rq5Po4Nm session {JWT}
2026-11-20 09:00:11 ERROR peer 2a00:1450:4007:80f::200e unreachable; gateway 192.168.1.1
2026-11-20 09:00:12 ERROR github_pat_11AAAAAAA0abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOPQRSTUV from fe80::5e:c7ff:fea1:b2c3%wlan0
2026-11-20 09:00:13 DEBUG GET /login?next=%2Fhome%2Fjdupont%2Fx&mail=jean.dupont%40example-corp.fr DB_PASS=Db5ecretPw
2026-11-20 09:00:14 DEBUG Cookie: lang=fr; sid=Sess10nCookie; theme=dark
2026-11-20 09:00:15 INFO paid 4111 1111 1111 1111 from FR14 2004 1010 0505 0001 3M02 606, call +33 6 12 34 56 78
2026-11-20 09:00:16 INFO proxy http://jdupont:Sl4sh/Pw@proxy.example-corp.fr:3128 ok
{PRIVATE_KEY}
2026-11-20 09:00:12 INFO done
"""


class LeakyCheck(Check):
    """A check whose facts, evidence and summary hold personal data and secrets."""

    id = "test.leaky"
    category = "network"
    title = "Leaky facts"

    def collect(self, ctx: Context) -> Facts:
        return {
            "hostname": "PC-JDUPONT-42",
            "user": "jdupont",
            "home": "/home/jdupont",
            "serial_number": "PF1XYZ99",
            "wifi": {"ssid": "Livebox-Dupont", "mac": "3c:22:fb:9a:41:7e"},
            "public_ip": "81.2.69.142",
            "gateway": "192.168.1.1",
            "ipv6": ["2a00:1450:4007:80f::200e", "fe80::1"],
            "api_key": "AKIAIOSFODNN7EXAMPLE",
            "notes": f"bearer {JWT}",
            "files": {"/home/jdupont/.ssh/id_rsa": PRIVATE_KEY},
            "Livebox-Dupont": "network names used as keys too",
        }

    def evaluate(self, facts: Facts, thresholds: Thresholds) -> Outcome:
        return Outcome.warn(
            f"{facts['hostname']} reaches the internet through {facts['public_ip']} on {facts['wifi']['ssid']}.",
            advice=[f"Ask jean.dupont@example-corp.fr to check {facts['home']}/.config."],
            evidence={"serial": facts["serial_number"], "mac": facts["wifi"]["mac"]},
        )


CONFIG = """
[redaction]
keywords = ["Projet-Orion"]
patterns = ["CUST-\\\\d{6}"]

[intake]
url = "http://127.0.0.1:9/"
token = "intake-s3cret-value"

[support]
note = "escalate to jean.dupont@example-corp.fr, key intake-s3cret-value"

[app_logs]
linux = ["APPLOGS/*.log"]
"""


@pytest.fixture
def leaky_bundle(make_app, tmp_path, monkeypatch):
    logs_dir = tmp_path / "applogs"
    logs_dir.mkdir()
    (logs_dir / "app.log").write_text(LOG, encoding="utf-8")
    logsetup.log_file().parent.mkdir(parents=True, exist_ok=True)
    logsetup.log_file().write_text(LOG, encoding="utf-8")  # as if something leaked into our own log
    monkeypatch.setenv("HTTPS_PROXY", "http://jdupont:Hunter2Pass@proxy.example-corp.fr:3128")
    monkeypatch.setenv("https_proxy", "http://jdupont:Hunter2Pass@proxy.example-corp.fr:3128")
    app = make_app(CONFIG.replace("APPLOGS", str(logs_dir)), checks=(LeakyCheck,))
    scan = run_scan(app, ("test.leaky", "os.uptime"))
    description = {
        "problem": "Since Projet-Orion was installed, PC-JDUPONT-42 cannot reach 81.2.69.142; my password=S3cr3t-Pa55",
        "since": "Monday",
        "changed": "jean.dupont@example-corp.fr installed CUST-778812",
    }
    info = bundle.make_bundle(app, scan, description=description, identity=IDENTITY, out_path=tmp_path / "leaky.zip")
    with zipfile.ZipFile(info.path) as zf:
        members = {name: zf.read(name) for name in zf.namelist()}
    return info, members


def test_no_planted_secret_survives_anywhere_in_the_zip(leaky_bundle):
    info, members = leaky_bundle
    assert {"manifest.json", "report.html", "results.json", "system.json", "facts/test.leaky.json", "logs/app/01-app.log"} <= set(members)
    raw = info.path.read_bytes()
    for value, where in PLANTED.items():
        for name, data in members.items():
            assert value.lower().encode() not in data.lower(), f"{where} ({value}) survived in {name}"
        assert value.encode() not in raw
    # the names of the members too
    assert not [n for n in members if "jdupont" in n.lower()]


def test_useful_data_is_kept_private_ranges_and_structure(leaky_bundle):
    _info, members = leaky_bundle
    facts = json.loads(members["facts/test.leaky.json"])["facts"]
    assert facts["gateway"] == "192.168.1.1"
    assert "fe80::1" in facts["ipv6"]
    assert facts["home"] == "/home/user-1"
    log = members["logs/app/01-app.log"].decode()
    assert "gateway 192.168.1.1" in log and "2026-11-20 09:00:12 INFO done" in log


def test_pseudonyms_are_consistent_across_files_and_the_mapping_stays_outside(leaky_bundle):
    info, members = leaky_bundle
    for name in ("results.json", "facts/test.leaky.json", "logs/app/01-app.log", "description.json", "report.html"):
        text = members[name].decode()
        assert "host-1" in text, name
    for name in ("facts/test.leaky.json", "logs/app/01-app.log"):
        text = members[name].decode()
        assert "user-1" in text and "wifi-1" in text and "mac-1" in text and "ip-1" in text, name
    mapping = json.loads(info.mapping_path.read_text())["pseudonyms"]
    assert mapping["host"]["pc-jdupont-42"] == "host-1"
    assert mapping["user"]["jdupont"] == "user-1"
    assert mapping["wifi"]["livebox-dupont"] == "wifi-1"
    assert mapping["ip"]["81.2.69.142"] == "ip-1"
    # secrets are never kept, not even in the local mapping
    assert "Hunter2Pass" not in info.mapping_path.read_text() and "S3cr3t-Pa55" not in info.mapping_path.read_text()


def test_redaction_report_in_manifest_counts_without_values(leaky_bundle):
    _info, members = leaky_bundle
    manifest = json.loads(members["manifest.json"])
    report = manifest["redaction"]
    kinds = {item["kind"] for item in report}
    assert {"user", "host", "email", "mac", "serial", "wifi", "ip", "secret", "private_key", "keyword", "custom"} <= kinds
    assert all(set(item) == {"file", "kind", "count"} and item["count"] > 0 for item in report)
    log_secrets = [i for i in report if i["file"] == "logs/app/01-app.log" and i["kind"] == "secret"]
    assert log_secrets and log_secrets[0]["count"] >= 8
    html = members["report.html"].decode()
    assert "passwords, tokens and keys" in html


def test_redactor_walks_json_keys_and_values():
    r = Redactor(IDENTITY)
    out = r.json({"PC-JDUPONT-42": {"password": "pw-123", "list": ["jdupont", 3, None, {"email": "a.b@c-d.org"}]}, "count": 4}, "f.json")
    assert out == {"host-1": {"password": "[redacted]", "list": ["user-1", 3, None, {"email": "email-1"}]}, "count": 4}


def test_generic_names_and_plain_words_are_left_alone():
    r = Redactor(Identity(user="root", home="/root", host="localhost"))
    text = "root logged in on localhost; token expired; tests pass: 5; version 10.2.3; uptime 12:34:56"
    assert r.text(text, "x") == text
    assert r.report() == []


def test_bad_custom_pattern_is_reported_not_fatal():
    settings = RedactionConfig.from_section({"patterns": ["(unclosed", "ok-\\d+"], "keywords": ["Orion"]})
    assert len(settings.patterns) == 1 and settings.problems
    assert Redactor(IDENTITY, settings).text("ok-12 Orion", "x") == "[redacted-custom] keyword-1"


def test_own_log_filter_masks_known_secret_shapes():
    from selfcheck.logsetup import mask_secrets

    masked = mask_secrets(f"call with {JWT} and ghp_R4nd0mT0k3nV4lu3ABCDEFGHIJKLMNOPQRST and AKIAIOSFODNN7EXAMPLE")
    assert JWT not in masked and "ghp_R4nd0m" not in masked and "AKIAIOSFODNN7EXAMPLE" not in masked


def test_boundaries_case_and_non_ascii_text():
    r = Redactor(IDENTITY)
    text = "addr 81.2.69.142, ver 1.2.3.4.5, x81.2.69.142; PASSWORD=Abc123 Token: QWERTYUIOP123 BEARER abcdefgh12345 https://h/p?Sig=zz9&x=1 JDUPONT"
    assert r.text(text, "f") == (
        "addr ip-1, ver 1.2.3.4.5, x81.2.69.142; PASSWORD=[redacted] Token: [redacted] BEARER [redacted] https://h/p?Sig=[redacted]&x=1 user-1"
    )
    assert r.text("dns 8.8.8.8 and 2606:4700:4700::1111", "f") == "dns 8.8.8.8 and 2606:4700:4700::1111"  # well-known resolvers
    # "İ" lower-cases to two characters: the slower case-insensitive path gives the same result
    assert r.text("İstanbul: JDupont password=Abc123", "f") == "İstanbul: user-1 password=[redacted]"


def test_learnt_secrets_are_hunted_everywhere_but_plain_words_are_not():
    r = Redactor(IDENTITY)
    r.learn({"intake": {"token": "Zq8-secret-77", "signature": "checksum", "password_policy": "strong"}})
    assert r.text("sent Zq8-secret-77 with checksum, strong", "f") == "sent [redacted] with checksum, strong"
