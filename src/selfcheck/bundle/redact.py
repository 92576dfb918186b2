"""Redaction: every text that goes into a bundle passes through a :class:`Redactor`.

Two families of rules, each a cheap pre-filter (a substring test on the text)
followed by a precise regular expression, as in troubleshoot's redactors:

- **pseudonyms** for identifying data support may need to follow across files:
  the user name and home paths (``user-1``), the host name (``host-1``), e-mail
  addresses, MAC addresses, serial numbers, Wi-Fi network names, public IP
  addresses (private, loopback and link-local ranges are kept: they help), and
  the company's own keywords. The same value always gets the same pseudonym
  within a bundle; the mapping (:meth:`Redactor.mapping`) stays on the user's
  machine, never inside the bundle.
- **secrets**, replaced by ``[redacted]``: credentials in URLs, ``password=`` /
  ``token:`` style pairs, bearer and basic authorisation headers, API keys with
  known shapes (AWS, GitHub, GitLab, Slack, Google, Stripe, OpenAI...), JSON Web
  Tokens, private key blocks, and the company's own patterns. Secrets are never
  kept in the mapping.

JSON is redacted by walking it (:meth:`Redactor.json`): keys and values are
texts, and a value under a key that names a secret (``password``), a serial
number, a Wi-Fi network or a MAC address is replaced whole.

Every replacement is counted per (file, kind): :meth:`Redactor.report` is the
redaction report shown to the user and stored in the manifest (never a value).
"""

from __future__ import annotations

import functools
import getpass
import ipaddress
import os
import re
import socket
import urllib.parse
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from selfcheck.i18n import N_, _

SECRET = "[redacted]"

#: kind -> plain label (translated when shown); the kinds of the redaction report
KINDS: dict[str, str] = {
    "user": N_("user names and home folders"),
    "host": N_("computer names"),
    "email": N_("e-mail addresses"),
    "mac": N_("network card addresses (MAC)"),
    "serial": N_("serial numbers"),
    "wifi": N_("Wi-Fi network names"),
    "ip": N_("public IP addresses"),
    "keyword": N_("company keywords"),
    "secret": N_("passwords, tokens and keys"),
    "private_key": N_("private keys"),
    "card": N_("payment card numbers"),
    "iban": N_("bank account numbers (IBAN)"),
    "phone": N_("phone numbers"),
    "custom": N_("company patterns"),
}

#: pseudonym prefix per pseudonymised kind
PREFIX = {"user": "user", "host": "host", "email": "email", "mac": "mac", "serial": "serial", "wifi": "wifi", "ip": "ip", "keyword": "keyword"}

# Names that identify nobody: never replaced as a user name.
_GENERIC_USERS = {"root", "admin", "administrator", "user", "users", "guest", "system", "default", "public", "shared", "nobody", "runner", "ubuntu", "debian"}
_NOT_SERIALS = {"none", "unknown", "n/a", "to be filled by o.e.m.", "default string", "system serial number", "0", "not specified", "not applicable"}
_GENERIC_HOSTS = {"localhost", "localhost.localdomain", "local", "computer", "desktop", "laptop", "debian", "ubuntu"}

SECRET_KEY_RE = re.compile(
    r"(?:^|[^a-z])(pass(word|wd|phrase)?|pwd|secret|token|api_?key|access_?key|access_?token|refresh_?token|auth_?token|private_?key|client_?secret|"
    r"credentials?|authorization|cookie|session_?id|signature)$",
    re.I,
)
SERIAL_KEY_RE = re.compile(
    r"(serial([_ -]?(number|no|num))?|serialnumber|service[_-]?tag|asset[_-]?tag|product[_-]?uuid|hardware[_-]?uuid|board[_-]?serial)$", re.I
)
WIFI_KEY_RE = re.compile(r"^(ssid|essid|bssid_name|wifi(_network)?(_name)?|wireless_network|network_name|wlan_ssid)$", re.I)
MAC_KEY_RE = re.compile(r"^(mac|mac_?address|hw_?addr(ess)?|bssid|physical_?address)$", re.I)
USER_KEY_RE = re.compile(r"^(user(_?name)?|login|owner|account)$", re.I)
HOST_KEY_RE = re.compile(r"^(host_?name|computer_?name|node_?name|fqdn|machine_?name)$", re.I)


class _CaseFree:
    """A case-insensitive pattern run case-sensitively on the lower-cased text.

    Python's ``re`` cannot skip ahead on a case-insensitive pattern; on the
    lower-cased text a lower-case pattern starting with literals can, which
    makes scanning megabytes of logs several times faster. Matches are mapped
    back to the original text (same length when lower-casing keeps it; else
    the plain case-insensitive pattern is used).
    """

    def __init__(self, pattern: str) -> None:
        self.lower = re.compile(pattern)
        self.full = re.compile(pattern, re.I)


class _Original:
    """A match on the lower-cased text that answers ``group()`` from the original text."""

    __slots__ = ("_match", "_text")

    def __init__(self, match: re.Match[str], text: str) -> None:
        self._match, self._text = match, text

    def group(self, name: int | str = 0) -> str:
        start, end = self._match.span(name)
        return self._text[start:end] if start >= 0 else ""

    def start(self, name: int | str = 0) -> int:
        return self._match.start(name)

    @property
    def string(self) -> str:
        return self._text


_EMAIL_RE = re.compile(r"(?<![\w.+-])[A-Za-z0-9._%+-]{1,64}@(?:[A-Za-z0-9-]{1,63}\.)+[A-Za-z]{2,24}(?![\w-])")
_MAC_RE = re.compile(r"(?<![0-9A-Fa-f:-])(?:[0-9A-Fa-f]{2}([:-]))(?:[0-9A-Fa-f]{2}\1){4}[0-9A-Fa-f]{2}(?![0-9A-Fa-f:-])")
_IPV4_RE = re.compile(r"\d\d?\d?\.\d{1,3}\.\d{1,3}\.\d{1,3}")  # starts with a digit class: fast; boundaries checked in code
_IPV6_RE = re.compile(r"(?<![\w:.])(?:[0-9A-Fa-f]{0,4}:){2,7}[0-9A-Fa-f]{0,4}(?:/\d{1,3})?(?![\w:.])")
_HOME_RE = re.compile(r"(?P<pre>/home/|/Users/|[A-Za-z]:\\{1,2}Users\\{1,2}|[A-Za-z]:/Users/)(?P<name>[^/\\\s\"'<>:;,&]{1,64})")
# the same, for texts without Windows paths: starting with a literal "/" lets the search skip ahead
_POSIX_HOME_RE = re.compile(r"(?P<pre>/home/|/Users/)(?P<name>[^/\\\s\"'<>:;,&]{1,64})")
_SERIAL_TEXT_RE = _CaseFree(
    r"(?P<pre>\b(?:serial(?:[ _-]?(?:number|no|num))?|serialnumber|service tag|s/n|sn)\b\s*[:=#]\s*\"?)(?P<val>[A-Za-z0-9][A-Za-z0-9._/-]{3,63})"
)
_WIFI_TEXT_RE = _CaseFree(r"(?P<pre>\b(?:e?ssid)\b\s*[:=]\s*)(?P<val>\"[^\"\r\n]{1,32}\"|'[^'\r\n]{1,32}'|[^\s,;\"']{1,32})")

# Secrets (replaced whole by [redacted]); each with a cheap pre-filter.
_PRIVATE_KEY_RE = re.compile(r"-----BEGIN [A-Z0-9 ]*PRIVATE KEY[A-Z ]*-----.*?(?:-----END [A-Z0-9 ]*PRIVATE KEY[A-Z ]*-----|\Z)", re.S)
# the body of a key whose BEGIN line was cut off (a log kept from its tail): base64 lines up to the END line
_KEY_BODY_RE = re.compile(r"(?:[A-Za-z0-9+/=]{16,}[ \t]*(?:\r?\n|\\r\\n|\\n))+-----END [A-Z0-9 ]*PRIVATE KEY[A-Z ]*-----")
# user:password@ (the password may hold "/" or "@": the credentials end at the last "@" that a host name follows)
_URL_CRED_RE = re.compile(
    r"(?P<pre>[a-zA-Z][a-zA-Z0-9+.-]*://)(?P<cred>[^/\s:@\"'<>]{1,256}:[^\s\"'<>?#]{1,256}|[^/\s:@\"'<>]{16,256})@(?=[A-Za-z0-9\[][A-Za-z0-9.\-\[\]:]*(?:[/\s\"'<>?#]|$))"
)
# key = value pairs: a key naming a secret, alone or at the end of a longer name (DB_PASS, SECRET_KEY, wifi.psk),
# quoted plainly or JSON-escaped (\"password\":\"...\")
_PAIR_RE = _CaseFree(
    r"(?P<pre>(?:pass(?:word|wd|phrase)?|pwd|secret|token|api[_-]?key|apikey|access[_-]?key|client[_-]?secret|auth[_-]?key|"
    r"key|signature|session[_-]?id|credentials?|psk)\b(?:\\*[\"'])?\s*(?:=|:|=>)\s*)"
    r"(?P<val>\\*\"[^\"\r\n]*?\\*\"|\\*'[^'\r\n]*?\\*'|[^\s&,;\"'<>\\]+)"
)
# a Cookie or Set-Cookie header: every cookie in it, not only the first
_COOKIE_RE = _CaseFree(r"(?P<pre>cookie\b(?:\\*[\"'])?\s*(?:=|:)\s*)(?P<val>\\*\"[^\"\r\n]*?\\*\"|\\*'[^'\r\n]*?\\*'|(?:[^\r\n\"'<>\\]|\\(?![nr\"]))+)")
_QUERY_RE = _CaseFree(r"(?P<pre>[?&;](?:pass|sig|key|code|auth|pw)=)(?P<val>[^\s&,;\"'<>#]+)")
_AUTH_RE = _CaseFree(r"(?P<pre>(?:bearer|basic|token|digest|negotiate)\s+)(?P<val>[A-Za-z0-9._~+/=-]{8,})")
# a percent-encoded stretch (an e-mail, a path or a URL inside a query string): decoded, redacted, re-encoded
_PERCENT_RE = re.compile(r"%[0-9A-Fa-f]{2}")
_TOKEN_END = frozenset(" \t\r\n\"'<>")
# payment cards (checked with Luhn), IBANs (checked with ISO 7064 mod 97), phone numbers
_CARD_RE = re.compile(r"[2-6]\d{3}(?:[ -]?\d){9,15}")  # boundaries checked in code (faster)
_IBAN_RE = re.compile(r"[A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]){11,30}(?![A-Za-z0-9])")
# (two patterns: the international one starts with a literal "+", which the search skips to)
_PHONE_INTL_RE = re.compile(r"\+[1-9]\d{0,2}[ .-]?(?:\(0\)[ .-]?)?(?:\(\d{1,4}\)|\d{1,4})(?:[ .-]?\d{2,4}){1,5}(?![\w.-]|/\d)")  # +33 6 12 34 56 78
_PHONE_RES = [  # (a pattern alone is searched several times faster than an alternation of them)
    re.compile(r"0[1-9](?:[ .-]?\d{2}){4}(?![\w.-]|/\d)"),  # 06 12 34 56 78 (France and the like)
    re.compile(r"\(\d{3}\)[ ]?\d{3}[ .-]\d{4}(?![\w.-]|/\d)"),  # (555) 123-4567
    re.compile(r"\d{3}[.-]\d{3}[.-]\d{4}(?![\w.-]|/\d)"),  # 555-123-4567
]
_KEY_SHAPES = [
    ("AKIA", re.compile(r"\b(?:AKIA|ASIA|AGPA|AIDA|AROA|ANPA|ANVA|AIPA)[0-9A-Z]{16}\b")),  # AWS access key ids
    ("aws", re.compile(r"(?i)(?P<pre>aws_?secret_?access_?key\W{0,5})(?P<val>[A-Za-z0-9/+=]{40})")),
    ("gh", re.compile(r"\bgh[pousr]_[A-Za-z0-9]{30,255}\b")),
    ("github_pat_", re.compile(r"\bgithub_pat_[A-Za-z0-9_]{22,255}\b")),
    ("glpat", re.compile(r"\bglpat-[A-Za-z0-9_-]{20,}\b")),
    ("xox", re.compile(r"\bxox[abposr]-[A-Za-z0-9-]{10,}\b")),
    ("hooks.slack.com", re.compile(r"https://hooks\.slack\.com/services/[A-Za-z0-9/_-]+")),
    ("AIza", re.compile(r"\bAIza[0-9A-Za-z_-]{35}\b")),
    ("ya29.", re.compile(r"\bya29\.[0-9A-Za-z_-]{20,}")),
    ("_live_", re.compile(r"\b(?:sk|rk|pk)_live_[0-9A-Za-z]{16,}\b")),
    ("_test_", re.compile(r"\b(?:sk|rk)_test_[0-9A-Za-z]{16,}\b")),
    ("sk-", re.compile(r"\bsk-(?:proj-|ant-)?[A-Za-z0-9_-]{20,}\b")),
    ("SG.", re.compile(r"\bSG\.[A-Za-z0-9_-]{16,}\.[A-Za-z0-9_-]{16,}\b")),
    ("npm_", re.compile(r"\bnpm_[A-Za-z0-9]{36}\b")),
    ("eyJ", re.compile(r"\beyJ[A-Za-z0-9_-]{5,}\.eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*")),  # JWT
]


#: well-known public DNS resolvers: they identify nobody and tell support a lot
WELL_KNOWN_IPS = frozenset(
    {
        "8.8.8.8", "8.8.4.4", "1.1.1.1", "1.0.0.1", "9.9.9.9", "149.112.112.112", "208.67.222.222", "208.67.220.220",
        "2001:4860:4860::8888", "2001:4860:4860::8844", "2606:4700:4700::1111", "2606:4700:4700::1001", "2620:fe::fe", "2620:fe::9",
    }
)  # fmt: skip


@functools.lru_cache(maxsize=4096)
def _is_public_ip(text: str) -> bool:
    if ":" in text and text.count(":") < 5 and "::" not in text:  # a time of day, not an IPv6 address
        return False
    try:
        address = ipaddress.ip_address(text.split("/")[0])
    except ValueError:
        return False
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return bool(address.is_global) and not address.is_multicast and str(address) not in WELL_KNOWN_IPS


@dataclass
class Identity:
    """Who and where: the literal values redacted on this machine."""

    user: str = ""
    home: str = ""
    host: str = ""
    extra_hosts: list[str] = field(default_factory=list)

    @classmethod
    def local(cls) -> Identity:
        try:
            user = getpass.getuser()
        except Exception:
            user = os.environ.get("USERNAME", "")
        try:
            home = str(Path.home())
        except Exception:
            home = ""
        host = socket.gethostname() or ""
        extra: list[str] = []
        short = host.split(".")[0]
        if short and short != host:
            extra.append(short)
        return cls(user=user, home=home, host=host, extra_hosts=extra)


@dataclass
class RedactionConfig:
    keywords: list[str] = field(default_factory=list)
    patterns: list[re.Pattern[str]] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @classmethod
    def from_section(cls, section: Mapping[str, Any]) -> RedactionConfig:
        keywords = [str(k) for k in section.get("keywords") or [] if str(k).strip()]
        patterns: list[re.Pattern[str]] = []
        problems: list[str] = []
        for raw in section.get("patterns") or []:
            try:
                patterns.append(re.compile(str(raw)))
            except re.error as exc:
                problems.append(_("The redaction pattern {pattern} is not valid ({reason}); it was left out.").format(pattern=raw, reason=exc))
        return cls(keywords, patterns, problems)


class Redactor:
    """Redacts texts and JSON for one bundle, keeping pseudonyms consistent."""

    def __init__(self, identity: Identity | None = None, settings: RedactionConfig | None = None) -> None:
        self.identity = identity or Identity.local()
        self.settings = settings or RedactionConfig()
        self._pseudonyms: dict[str, dict[str, str]] = {kind: {} for kind in PREFIX}
        self._counts: Counter[tuple[str, str]] = Counter()
        self._literals: list[tuple[str, _CaseFree, str, str]] = []  # (kind, pattern, original, needle)
        self._word_literals: set[str] = set()
        ident = self.identity
        if ident.home and len(ident.home) > 3 and ident.user and ident.user.lower() not in _GENERIC_USERS:
            self._literal("user", ident.home, ident.user, word=False)
        if ident.user and len(ident.user) >= 2 and ident.user.lower() not in _GENERIC_USERS:
            self._literal("user", ident.user, ident.user)
        for host in [ident.host, *ident.extra_hosts]:
            if host and len(host) >= 2 and host.lower() not in _GENERIC_HOSTS:
                self._literal("host", host, ident.host)
        for word in self.settings.keywords:
            self._literal("keyword", word, word)
        # longest first, so /home/alice wins over alice
        self._literals.sort(key=lambda item: -len(item[3]))

    def learn(self, value: Any) -> None:
        """Learn identifying values from JSON before redacting anything (sos clean's idea).

        A value under a key naming a serial number, a Wi-Fi network, a user or a
        host becomes a literal replaced in every file, including free text
        (a summary saying "connected to Livebox-1234") and files redacted before
        the one holding the key.
        """
        known = {item[2].lower() for item in self._literals}

        def walk(node: Any, key: str | None) -> None:
            if isinstance(node, Mapping):
                for k, v in node.items():
                    walk(v, str(k))
            elif isinstance(node, list | tuple):
                for v in node:
                    walk(v, key)
            elif isinstance(node, str) and key is not None:
                if SECRET_KEY_RE.search(key) and _looks_secret(node.strip()):
                    if node.strip().lower() not in known:
                        known.add(node.strip().lower())
                        self._literal("secret", node.strip(), "")
                    return
                kind = self._kind_of_key(key, node)
                value = node.strip()
                if kind and len(value) >= 3 and value.lower() not in known and "\n" not in value and len(value) <= 128:
                    known.add(value.lower())
                    self._literal(kind, value, value)

        walk(value, None)
        self._literals.sort(key=lambda item: -len(item[3]))

    @staticmethod
    def _kind_of_key(key: str, value: str) -> str | None:
        lowered = value.strip().lower()
        if SERIAL_KEY_RE.search(key):
            return None if lowered in _NOT_SERIALS else "serial"
        if WIFI_KEY_RE.search(key):
            return "wifi"
        if USER_KEY_RE.search(key) and re.fullmatch(r"[A-Za-z][\w.-]{0,63}", value) and not _is_system_account(value) and lowered not in _GENERIC_USERS:
            return "user"
        if HOST_KEY_RE.search(key) and lowered not in _GENERIC_HOSTS and not _is_ip_literal(value) and re.fullmatch(r"[\w.-]{3,128}", value):
            return "host"
        return None

    def _literal(self, kind: str, text: str, original: str, word: bool = True) -> None:
        # letters and digits around a name make it another word; anything else ("-", "_", ".") does not:
        # "jdupont-backup" and "jdupont_old" give the user name away too (longer names, like a host
        # name holding the user name, are replaced first)
        # a literal "\\n" escape (a JSON log) before a name is a separator too
        # (checked in code: a lookbehind here would make the search several times slower)
        pattern = _CaseFree(rf"{re.escape(text.lower())}(?![^\W_])" if word else re.escape(text.lower()))
        self._literals.append((kind, pattern, original, text.lower()))
        if word:
            self._word_literals.add(text.lower())

    # -- pseudonyms -----------------------------------------------------------------

    def pseudonym(self, kind: str, original: str) -> str:
        """The consistent pseudonym of ``original`` (``host-1``)."""
        table = self._pseudonyms[kind]
        key = original.lower() if kind in ("user", "host", "email", "mac", "keyword", "wifi") else original
        if kind == "mac":
            key = key.replace("-", ":")
        if key not in table:
            table[key] = f"{PREFIX[kind]}-{len(table) + 1}"
        return table[key]

    def mapping(self) -> dict[str, dict[str, str]]:
        """{kind: {original: pseudonym}}: kept on the user's machine, never in the bundle."""
        return {kind: dict(table) for kind, table in self._pseudonyms.items() if table}

    # -- report ---------------------------------------------------------------------

    def count(self, file: str, kind: str, n: int = 1) -> None:
        if n:
            self._counts[(file, kind)] += n

    def report(self, files: Iterable[str] | None = None) -> list[dict[str, Any]]:
        """[{file, kind, count}] sorted by file then kind; never a value."""
        wanted = set(files) if files is not None else None
        return [{"file": file, "kind": kind, "count": n} for (file, kind), n in sorted(self._counts.items()) if n and (wanted is None or file in wanted)]

    def forget(self, file: str) -> None:
        """Drop the counts of a file that will not be sent after all."""
        for key in [k for k in self._counts if k[0] == file]:
            del self._counts[key]

    # -- text -----------------------------------------------------------------------

    def text(self, text: str, file: str = "") -> str:
        """Redact one text (a log, a value, a path), counting under ``file``."""
        if not text:
            return text
        if len(text) < 7:  # too short for a secret, an address or a pattern: only the literals
            return self._literals_only(text, file)
        text = self._secrets(text, file)
        text = self._numbers(text, file)
        text = self._custom(text, file)
        text = self._identity(text, file)
        text = self._network(text, file)
        return text

    def _literals_only(self, text: str, file: str) -> str:
        lowered = text.lower()
        for kind, pattern, original, needle in self._literals:
            if needle in lowered:
                text = self._sub(pattern, text, file, kind, functools.partial(self._literal_replacement, kind, original))
                lowered = text.lower()
        for custom in self.settings.patterns:
            text = self._sub(custom, text, file, "custom", lambda m: "[redacted-custom]")
        return text

    def _sub(self, pattern: re.Pattern[str] | _CaseFree, text: str, file: str, kind: str, repl: Callable[[Any], str]) -> str:
        n = 0
        if isinstance(pattern, _CaseFree):
            lowered = text.lower()
            if len(lowered) == len(text):
                out: list[str] = []
                pos = 0
                for match in pattern.lower.finditer(lowered):
                    start, end = match.span()
                    new = repl(_Original(match, text))
                    if new != text[start:end]:
                        n += 1
                        out.append(text[pos:start])
                        out.append(new)
                        pos = end
                if not n:
                    return text
                out.append(text[pos:])
                self.count(file, kind, n)
                return "".join(out)
            pattern = pattern.full

        def counted(match: re.Match[str]) -> str:
            nonlocal n
            new = repl(match)
            if new != match.group(0):
                n += 1
            return new

        result = pattern.sub(counted, text)
        self.count(file, kind, n)
        return result

    def _secrets(self, text: str, file: str) -> str:
        if "%" in text:
            text = self._percent_encoded(text, file)
        if "PRIVATE KEY" in text:
            text = self._sub(_PRIVATE_KEY_RE, text, file, "private_key", lambda m: "-----BEGIN PRIVATE KEY-----\n[redacted]\n-----END PRIVATE KEY-----")
            if "-----END" in text:
                text = self._sub(_KEY_BODY_RE, text, file, "private_key", lambda m: "[redacted]\n-----END PRIVATE KEY-----")
        if "://" in text and "@" in text:
            text = self._sub(_URL_CRED_RE, text, file, "secret", lambda m: m.group("pre") + SECRET + "@")
        for needle, pattern in _KEY_SHAPES:
            if needle in text:
                if "val" in pattern.groupindex:
                    text = self._sub(pattern, text, file, "secret", lambda m: m.group("pre") + SECRET)
                else:
                    text = self._sub(pattern, text, file, "secret", lambda m: SECRET)
        lower = text.lower()
        if "cookie" in lower:
            text = self._sub(_COOKIE_RE, text, file, "secret", self._pair_value)
        if any(w in lower for w in ("pass", "pwd", "secret", "token", "key", "sig", "session", "credential", "psk", "code=", "auth=", "pw=")):
            text = self._sub(_PAIR_RE, text, file, "secret", self._pair_value)
            if "=" in text:
                text = self._sub(_QUERY_RE, text, file, "secret", self._pair_value)
            lower = text.lower()
        if any(w in lower for w in ("bearer", "basic", "token", "digest", "negotiate")):
            text = self._sub(_AUTH_RE, text, file, "secret", self._auth_value)
        return text

    def _percent_encoded(self, text: str, file: str) -> str:
        """Decode each percent-encoded stretch, redact it, and encode it again when something was found."""
        out: list[str] = []
        pos = 0
        for match in _PERCENT_RE.finditer(text):
            if match.start() < pos:
                continue
            start, end = match.start(), match.end()
            while start > pos and text[start - 1] not in _TOKEN_END:
                start -= 1
            while end < len(text) and text[end] not in _TOKEN_END:
                end += 1
            raw = text[start:end]
            decoded = urllib.parse.unquote(raw, errors="replace")
            redacted = self.text(decoded, file) if decoded != raw else decoded
            out.append(text[pos:start])
            out.append(raw if redacted == decoded else urllib.parse.quote(redacted, safe="/:=&?#[]!$'()*+,;-._~"))
            pos = end
        if not out:
            return text
        out.append(text[pos:])
        return "".join(out)

    def _numbers(self, text: str, file: str) -> str:
        """Payment card numbers (Luhn-valid), IBANs (checksum-valid) and phone numbers."""
        digits = sum(text.count(d) for d in "0123456789")
        if digits < 8:
            return text
        text = self._sub(_CARD_RE, text, file, "card", lambda m: SECRET if _alone(m, "+-") and _luhn_ok(m.group(0)) else m.group(0))
        text = self._sub(_IBAN_RE, text, file, "iban", lambda m: SECRET if _alone(m) and _iban_ok(m.group(0)) else m.group(0))
        if "+" in text:
            text = self._sub(_PHONE_INTL_RE, text, file, "phone", lambda m: SECRET if _alone(m, "+/-") and _phone_ok(m.group(0)) else m.group(0))
        for pattern in _PHONE_RES:
            if pattern is not _PHONE_RES[1] or "(" in text:
                text = self._sub(pattern, text, file, "phone", lambda m: SECRET if _alone(m, "+/-") and _phone_ok(m.group(0)) else m.group(0))
        return text

    @staticmethod
    def _pair_value(match: re.Match[str]) -> str:
        value = match.group("val")
        pre = match.group("pre").lower()
        before = match.string[match.start() - 1] if match.start() > 0 else " "

        quoted = re.fullmatch(r"(\\*[\"'])(.*?)(\\*[\"'])", value, re.S)
        opening, bare, closing = (quoted.group(1), quoted.group(2), quoted.group(3)) if quoted else ("", value, "")
        bare = bare.strip()
        if (pre.startswith("key") or re.match(r"pass\b", pre)) and before not in "_.-" and not (pre.startswith("pass") and _looks_secret(bare)):
            return match.group(0)  # "key: F5", "tests pass: 5", "bypass: on": no secrets; "SECRET_KEY", "DB_PASS" are
        if pre.startswith("psk") and before.isalpha():
            return match.group(0)
        if not bare or bare == SECRET or bare.lower() in ("***", "none", "null", "true", "false", "[redacted]", "''", '""'):
            return match.group(0)
        return match.group("pre") + opening + SECRET + closing

    @staticmethod
    def _auth_value(match: re.Match[str]) -> str:
        value = match.group("val")
        if value.startswith("[redacted") or value.isalpha() and value.islower():  # "token expired", plain words
            return match.group(0)
        return match.group("pre") + SECRET

    def _custom(self, text: str, file: str) -> str:
        for pattern in self.settings.patterns:
            text = self._sub(pattern, text, file, "custom", lambda m: "[redacted-custom]")
        return text

    def _identity(self, text: str, file: str) -> str:
        if "@" in text:
            text = self._sub(_EMAIL_RE, text, file, "email", lambda m: self.pseudonym("email", m.group(0)))
        lowered = text.lower()
        for kind, pattern, original, needle in self._literals:
            if needle in lowered:
                text = self._sub(pattern, text, file, kind, functools.partial(self._literal_replacement, kind, original))
                lowered = text.lower()
        if "Users\\" in text or ":/Users/" in text:
            text = self._sub(_HOME_RE, text, file, "user", self._home_replacement)
        elif "/home/" in text or "/Users/" in text:
            text = self._sub(_POSIX_HOME_RE, text, file, "user", self._home_replacement)
        lower = text.lower()
        if "serial" in lower or "s/n" in lower or "sn" in lower or "service tag" in lower:
            text = self._sub(_SERIAL_TEXT_RE, text, file, "serial", self._serial_replacement)
        if "ssid" in lower:
            text = self._sub(_WIFI_TEXT_RE, text, file, "wifi", self._wifi_replacement)
        return text

    def _literal_replacement(self, kind: str, original: str, match: re.Match[str]) -> str:
        found = match.group(0)
        start = match.start()
        if start and found.lower() in self._word_literals:
            text = match.string
            before = text[start - 1]
            if (before.isalnum() or before == "_") and not (start >= 2 and text[start - 2] == "\\" and before in "nrt"):
                return found  # part of a longer word
        if kind == "secret":
            return SECRET
        if kind == "user" and self.identity.home and found.lower() == self.identity.home.lower():
            return self._home_of(self.pseudonym("user", original))
        return self.pseudonym(kind, original)

    def _home_of(self, pseudonym: str) -> str:
        home = self.identity.home
        sep = "\\" if "\\" in home else "/"
        parent = home.rsplit(sep, 1)[0] if sep in home else ""
        return f"{parent}{sep}{pseudonym}"

    def _home_replacement(self, match: re.Match[str]) -> str:
        name = match.group("name")
        if (
            name.lower() in _GENERIC_USERS
            or re.fullmatch(r"(user|host|email|ip|mac|serial|wifi|keyword)-\d+", name)
            or name in ("~", "*", "%USERNAME%", "$USER")
        ):
            return match.group(0)
        return match.group("pre") + self.pseudonym("user", name)

    def _serial_replacement(self, match: re.Match[str]) -> str:
        value = match.group("val")
        if re.fullmatch(r"serial-\d+", value) or value.lower() in ("none", "unknown", "n/a", "not", "default", "to", "system"):
            return match.group(0)
        return match.group("pre") + self.pseudonym("serial", value)

    def _wifi_replacement(self, match: re.Match[str]) -> str:
        value = match.group("val")
        bare = value.strip("\"'")
        if not bare or re.fullmatch(r"wifi-\d+", bare) or bare.lower() in ("off/any", "any", "none", "unknown"):
            return match.group(0)
        quote = value[0] if value[0] in "\"'" else ""
        return match.group("pre") + quote + self.pseudonym("wifi", bare) + quote

    def _network(self, text: str, file: str) -> str:
        if text.count(":") >= 5 or text.count("-") >= 5:
            text = self._sub(_MAC_RE, text, file, "mac", self._mac_replacement)
        if text.count(".") >= 3:
            text = self._sub(_IPV4_RE, text, file, "ip", self._ip_replacement)
        if text.count(":") >= 2:
            if "ff:fe" in text.lower():
                text = self._sub(_IPV6_RE, text, file, "mac", self._eui64_replacement)
            text = self._sub(_IPV6_RE, text, file, "ip", self._ip_replacement)
        return text

    def _eui64_replacement(self, match: re.Match[str]) -> str:
        """An IPv6 address built from a MAC (EUI-64: ``…:5e:c7ff:fea1:b2c3``) gives the MAC away:
        its interface part becomes the MAC's pseudonym (``fe80::mac-1``)."""
        value = match.group(0)
        address_text, slash, prefix = value.partition("/")
        try:
            address = ipaddress.IPv6Address(address_text)
        except ValueError:
            return value
        interface = int(address) & ((1 << 64) - 1)
        if (interface >> 24) & 0xFFFF != 0xFFFE:
            return value
        raw = interface.to_bytes(8, "big")
        mac = ":".join(f"{b:02x}" for b in (raw[0] ^ 0x02, raw[1], raw[2], raw[5], raw[6], raw[7]))
        network = ipaddress.IPv6Address(int(address) >> 64 << 64).compressed.rstrip(":")
        return f"{network}::{self.pseudonym('mac', mac)}" + slash + prefix

    def _mac_replacement(self, match: re.Match[str]) -> str:
        value = match.group(0)
        if value.replace("-", ":").lower() in ("00:00:00:00:00:00", "ff:ff:ff:ff:ff:ff"):
            return value
        return self.pseudonym("mac", value)

    def _ip_replacement(self, match: re.Match[str]) -> str:
        value = match.group(0)
        if "." in value and ":" not in value:
            text, start, end = match.string, match.start(), match.end()
            before = text[start - 1] if start else " "
            after = text[end : end + 2]
            if before.isalnum() or before in "._" or (after[:1].isalnum() or after[:1] == "_") or (after[:1] == "." and after[1:2].isdigit()):
                return value
        address, slash, prefix = value.partition("/")
        return self.pseudonym("ip", address) + slash + prefix if _is_public_ip(address) else value

    # -- JSON -----------------------------------------------------------------------

    def json(self, value: Any, file: str = "") -> Any:
        """A redacted copy of a JSON-like value: keys and values walked, never serialised text."""
        return self._walk(value, file, None)

    def _walk(self, value: Any, file: str, key: str | None) -> Any:
        if isinstance(value, Mapping):
            return {self.text(str(k), file): self._walk(v, file, str(k)) for k, v in value.items()}
        if isinstance(value, list | tuple):
            return [self._walk(v, file, key) for v in value]
        if isinstance(value, str):
            return self._keyed(value, file, key) if key is not None else self.text(value, file)
        return value

    def _keyed(self, value: str, file: str, key: str) -> str:
        if not value.strip():
            return value
        if SECRET_KEY_RE.search(key) and value not in ("***", SECRET) and not key.lower().endswith(("_path", "_file", "_url_name")):
            self.count(file, "secret")
            return SECRET
        if SERIAL_KEY_RE.search(key):
            if value.strip().lower() in _NOT_SERIALS:
                return value
            self.count(file, "serial")
            return self.pseudonym("serial", value)
        if WIFI_KEY_RE.search(key):
            self.count(file, "wifi")
            return self.pseudonym("wifi", value)
        if MAC_KEY_RE.search(key) and _MAC_RE.fullmatch(value):
            return self.text(value, file)
        if USER_KEY_RE.search(key) and re.fullmatch(r"[A-Za-z][\w.-]{0,63}", value) and not _is_system_account(value) and not re.fullmatch(r"user-\d+", value):
            if value.lower() in _GENERIC_USERS:
                return value
            return self._count_and(file, "user", self.pseudonym("user", value))
        if HOST_KEY_RE.search(key) and value.lower() not in _GENERIC_HOSTS and not re.fullmatch(r"host-\d+", value):
            text = self.text(value, file)
            if text == value and not _is_ip_literal(value):
                return self._count_and(file, "host", self.pseudonym("host", value))
            return text
        return self.text(value, file)

    def _count_and(self, file: str, kind: str, value: str) -> str:
        self.count(file, kind)
        return value


def _looks_secret(value: str) -> bool:
    """A value worth hunting everywhere: long enough and not a plain word ("strong", "sha256")."""
    if len(value) < 8 or value in ("***", SECRET) or " " in value:
        return False
    return any(c.isdigit() for c in value) or not value.isalnum() or (value.lower() != value and value.upper() != value)


def _alone(match: Any, also: str = "") -> bool:
    """True when a match is not part of a longer word or number."""
    text, start, end = match.string, match.start(), match.end()
    before = text[start - 1] if start else " "
    after = text[end] if end < len(text) else " "
    return not (before.isalnum() or before in "_." + also or after.isalnum() or after in "_.-")


def _luhn_ok(number: str) -> bool:
    digits = [int(c) for c in number if c.isdigit()]
    if not 13 <= len(digits) <= 19 or len(set(digits)) < 2:
        return False
    total = 0
    for i, d in enumerate(reversed(digits)):
        if i % 2:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


def _iban_ok(value: str) -> bool:
    compact = value.replace(" ", "")
    if not 15 <= len(compact) <= 34:
        return False
    moved = compact[4:] + compact[:4]
    try:
        return int("".join(str(int(c, 36)) for c in moved)) % 97 == 1
    except ValueError:
        return False


def _phone_ok(value: str) -> bool:
    digits = sum(c.isdigit() for c in value)
    return 9 <= digits <= 15


def _is_ip_literal(value: str) -> bool:
    try:
        ipaddress.ip_address(value)
    except ValueError:
        return False
    return True


_SYSTEM_ACCOUNTS = re.compile(
    r"^(root|daemon|bin|sys|sync|games|man|lp|mail|news|uucp|proxy|www-data|backup|list|irc|gnats|nobody|_\w+|systemd-[\w-]+|messagebus|"
    r"avahi|colord|gdm|lightdm|sddm|polkitd|rtkit|pulse|postfix|sshd|syslog|tss|uuidd|dnsmasq|usbmux|geoclue|kernoops|whoopsie|cups-pk-helper|"
    r"saned|speech-dispatcher|hplip|fwupd-refresh|statd|_apt|Debian-\w+|SYSTEM|LOCAL SERVICE|NETWORK SERVICE|NT AUTHORITY\\.*|Window Manager\\.*|"
    r"Font Driver Host\\.*|DWM-\d+|UMFD-\d+)$",
    re.I,
)


def _is_system_account(name: str) -> bool:
    return bool(_SYSTEM_ACCOUNTS.match(name))
