"""Property-based tests of the redactor: a secret planted in random text, in every shape and
encoding found in real logs (URL-encoded, JSON-escaped, after ``\\n`` escapes, cookies,
assignments, key bodies without their BEGIN line, cards, IBANs, phone numbers), never survives."""

from __future__ import annotations

import json
import os
import string
import urllib.parse

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from selfcheck.bundle.redact import Identity, Redactor

# CI explores the same examples every run (no flaky red build for the others); a developer's run explores new ones
SETTINGS = settings(max_examples=40, deadline=None, derandomize=os.environ.get("CI") == "true", suppress_health_check=[HealthCheck.too_slow])

# random log text around the secret: letters, digits, punctuation, spaces and line breaks
noise = st.text(alphabet=string.ascii_letters + string.digits + " .,:;-_()[]{}=/\n\t", max_size=60)
# a secret: letters and digits, never a plain word
secret = st.from_regex(r"\A[A-Za-z]{3}[0-9]{2}[A-Za-z0-9]{5,15}\Z")
name = st.from_regex(r"\A[a-z]{3}[a-z]{5,8}\Z").filter(lambda n: n not in ("password", "passwd", "secret", "cookie", "token", "session"))


def luhn_complete(digits: str) -> str:
    total = 0
    for i, ch in enumerate(reversed(digits + "0")):
        d = int(ch)
        if i % 2:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return digits + str((10 - total % 10) % 10)


def iban(country: str, bban: str) -> str:
    moved = bban + country + "00"
    check = 98 - int("".join(str(int(c, 36)) for c in moved)) % 97
    return f"{country}{check:02d}{bban}"


def group4(text: str) -> str:
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))


def wrap(encoding: str, line: str) -> str:
    """The same line as it appears in a plain log, inside a JSON log, or URL-encoded in a query string."""
    if encoding == "json":
        return json.dumps({"message": line})
    if encoding == "url":
        return "GET /report?data=" + urllib.parse.quote(line, safe="") + " HTTP/1.1"
    return line


encodings = st.sampled_from(["plain", "json", "url"])


def redactor(user: str = "jdupont") -> Redactor:
    return Redactor(Identity(user=user, home=f"/home/{user}", host="pc-42"))


def survives(needle: str, before: str, line: str, after: str, encoding: str = "plain", user: str = "jdupont") -> tuple[bool, str]:
    text = f"{before} {wrap(encoding, line)} {after}"
    out = redactor(user).text(text, "logs/app.log")
    return needle in out or urllib.parse.quote(needle, safe="") in out, out


@SETTINGS
@given(noise, noise, st.from_regex(r"\A[A-Za-z0-9_]{60,82}\Z"), encodings)
def test_fine_grained_github_tokens(before, after, body, encoding):
    token = "github_pat_11" + body
    found, out = survives(token[:30], before, f"token {token} ok", after, encoding)
    assert not found, out


@SETTINGS
@given(noise, noise, name, name, secret)
def test_url_encoded_emails_home_paths_and_url_credentials(before, after, local, user, password):
    line = (
        f"next={urllib.parse.quote(f'{local}.x@corp-mail.example')}&path={urllib.parse.quote(f'/home/{user}/Documents/plan.docx', safe='')}"
        f"&proxy={urllib.parse.quote(f'http://bob:{password}@proxy.example.com:3128/', safe='')}"
    )
    for needle in (local, user, password):
        found, out = survives(needle, before, line, after)
        assert not found, out


@SETTINGS
@given(noise, noise, name, encodings)
def test_user_name_right_after_an_escaped_line_break(before, after, user, encoding):
    line = f'{{"log": "session opened\\n{user} logged in\\t{user}\\r\\n"}}'
    found, out = survives(user, before, line, after, encoding, user=user)
    assert not found, out


@SETTINGS
@given(noise, noise, secret, st.sampled_from(["password", "passwd", "token", "secret", "api_key", "client_secret"]), encodings)
def test_json_escaped_pairs(before, after, value, key, encoding):
    line = json.dumps({"body": json.dumps({key: value, "user": "x"})})
    found, out = survives(value, before, line, after, encoding)
    assert not found, out


@SETTINGS
@given(noise, noise, secret, secret, st.sampled_from(["Cookie", "cookie", "Set-Cookie"]), encodings)
def test_every_cookie_of_a_header(before, after, first, second, header, encoding):
    line = f"{header}: lang=fr; sid={first}; csrftoken={second}; theme=dark"
    for needle in (first, second):
        found, out = survives(needle, before, line, after, encoding)
        assert not found, out


@SETTINGS
@given(
    noise,
    noise,
    secret,
    st.sampled_from(
        ["DB_PASS={v}", "SECRET_KEY = '{v}'", 'SECRET_KEY="{v}"', "credentials={v}", "psk={v}", 'psk="{v}"', "export MYSQL_PASSWORD={v}", "api-key: {v}"]
    ),
    encodings,
)
def test_assignments(before, after, value, shape, encoding):
    found, out = survives(value, before, shape.format(v=value), after, encoding)
    assert not found, out


@SETTINGS
@given(noise, st.lists(st.from_regex(r"\A[A-Za-z0-9+/]{64}\Z"), min_size=1, max_size=4), st.sampled_from(["RSA ", "OPENSSH ", "EC ", ""]), encodings)
def test_private_key_body_without_its_begin_line(before, lines, kind, encoding):
    body = "\n".join(lines)
    line = f"{body}\n-----END {kind}PRIVATE KEY-----"
    text = wrap(encoding, line) if encoding != "url" else wrap("json", line)
    out = redactor().text(f"{before}\n{text}\nnext line", "logs/app.log")  # the size cut dropped the BEGIN line
    assert all(chunk[:40] not in out for chunk in lines), out


@SETTINGS
@given(noise, noise, st.from_regex(r"\A4[0-9]{14}\Z"), st.booleans(), encodings)
def test_payment_cards_that_pass_luhn(before, after, digits, grouped, encoding):
    card = luhn_complete(digits)
    shown = group4(card) if grouped else card
    found, out = survives(shown, before, f"paid with card {shown} on 2026-11-20", after, encoding)
    assert not found, out


@SETTINGS
@given(noise, noise, st.sampled_from(["DE", "FR", "GB", "ES"]), st.from_regex(r"\A[0-9]{18}\Z"), st.booleans(), encodings)
def test_ibans_with_a_valid_checksum(before, after, country, bban, grouped, encoding):
    number = iban(country, bban)
    shown = group4(number) if grouped else number
    found, out = survives(shown, before, f"virement vers {shown} ok", after, encoding)
    assert not found and number not in out.replace(" ", ""), out


@SETTINGS
@given(
    noise,
    noise,
    st.from_regex(r"\A[0-9]{8}\Z"),
    st.sampled_from(
        ["+33 6 {a} {b} {c} {d}", "06 {a} {b} {c} {d}", "06.{a}.{b}.{c}.{d}", "+1 (555) {a}{b}-{c}{d}", "+44 20 {a}{b} {c}{d}", "+4915{a}{b}{c}{d}"]
    ),
    encodings,
)
def test_phone_numbers(before, after, digits, shape, encoding):
    a, b, c, d = digits[0:2], digits[2:4], digits[4:6], digits[6:8]
    shown = shape.format(a=a, b=b, c=c, d=d)
    found, out = survives(shown, before, f"rappelez-moi au {shown} svp", after, encoding)
    assert not found, out


def test_the_examples_of_the_report_are_all_redacted():
    """The shapes found by attacking bundles, one by one (issue 12)."""
    r = redactor()
    cases = {
        "github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ01234": "github_pat_11ABC",
        "mail=jean.dupont%40example-corp.fr": "jean.dupont",
        "p=%2Fhome%2Fjdupont%2Fdoc": "jdupont",
        '{"msg": "x\\njdupont logged in"}': "jdupont",
        '{\\"password\\":\\"S3cr3tPw\\"}': "S3cr3tPw",
        "Cookie: a=1; sid=Second77; t=Third88": "Second77",
        "DB_PASS=S3cretDb1": "S3cretDb1",
        "SECRET_KEY = 'django-insecure-42xyz'": "insecure-42xyz",
        "http://bob:pa/ss99@proxy.corp.fr:3128": "pa/ss99",
        "http://bob:pa@ss99@proxy.corp.fr:3128": "ss99",
    }
    for text, needle in cases.items():
        assert needle not in r.text(text, "f"), text
    assert not any("ss99" in k or "ss99" in v for table in r.mapping().values() for k, v in table.items()), r.mapping()


def test_plain_log_lines_are_left_readable():
    """Times, versions, ids, private addresses and ordinary words are not taken for secrets."""
    line = "2026-11-20 09:00:01,123 INFO request id=0000002a path=/api/v1/items/42 status=200 from 10.0.1.2 version 1.2.3 pid 12345 took 1234567 us bypass: on"
    assert redactor().text(line, "f") == line


def test_eui64_link_local_address_is_pseudonymised_with_its_mac():
    r = redactor()
    out = r.text("eth0 ether 02:5e:c7:a1:b2:c3 inet6 fe80::5e:c7ff:fea1:b2c3%eth0 prefixlen 64", "f")
    assert "c7ff:fea1" not in out and "a1:b2:c3" not in out
    mac = r.mapping()["mac"]["02:5e:c7:a1:b2:c3"]
    assert f"fe80::{mac}" in out and f"ether {mac}" in out  # the same pseudonym as the MAC: support can still pair them
    assert r.json({"addresses": ["fe80::5e:c7ff:fea1:b2c3"]}, "f") == {"addresses": [f"fe80::{mac}"]}
    assert r.text("gateway fe80::1 and fe80::a00:27ff:1234:5678", "f") == "gateway fe80::1 and fe80::a00:27ff:1234:5678"  # no MAC inside
