"""Layered TOML configuration.

Layers, later ones winning key by key:
built-in defaults (``resources/config/*.toml``, merged in name order)
< system-wide file (see :func:`selfcheck.paths.system_config_file`)
< user file (platform config folder) < ``$SELFCHECK_CONFIG`` < ``--config``.

A file that cannot be read or parsed is left out and reported as a
:class:`ConfigProblem` naming the file, the line or key, and what is wrong;
selfcheck goes on with the other layers. A value of the wrong type is dropped
(the lower layer's value stays) and reported the same way.
"""

from __future__ import annotations

import copy
import os
import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from selfcheck import paths
from selfcheck.i18n import _, os_error_text

# Known keys and their types; a section listed as ``dict`` accepts any keys.
SCHEMA: dict[str, Any] = {
    "language": str,
    "branding": {
        "product_name": (str, dict),  # text, or {en = "…", fr = "…"}: the program's name in the reader's language
        "company": (str, dict),  # text, or {en = "…", fr = "…"}: the company's name in the reader's language
        "about": (str, dict),  # who support is, in the customer's words: text, or {en = "…", fr = "…"}
        "accent_color": str,
        "logo": str,
        "icon": str,
        "support_contact": (str, dict),  # text, or {en = "…", fr = "…"}: shown inside sentences of the reader's language
        "support_email": str,
        "response_time": (str, dict),  # text, or {en = "…", fr = "…"}
        "privacy_url": str,
        "help_url": str,
    },
    "checks": {"enabled": list, "disabled": list, "folders": list, "autoload_plugins": bool, "total_budget": (int, float), "max_workers": int},
    "thresholds": dict,
    "symptoms": dict,
    "declarative": dict,
    "network": dict,
    "support": dict,
    "bundle": dict,
    "redaction": dict,
    "logging": dict,
    "history": dict,
    "background": dict,
    "record": dict,
    "gui": dict,
    "app_logs": dict,
    "eol": dict,
    "intake": dict,
    "repairs": {"enabled": bool, "allowed": list, "denied": list, "may_elevate": list},
}

#: free-form tables whose every key is in the built-in defaults: another key there is a mistake to report
#: (``[support] company = "…"`` was taken without a word; it belongs under [branding])
CLOSED_TABLES = ("support",)


#: a colour as ``branding.accent_color`` takes it (and the window reads it): "#c2410c" or "#c41"
COLOUR_RE = re.compile(r"^#(?:[0-9a-fA-F]{3}){1,2}$")

#: settings that are one short line of text said inside a sentence, with their longest length: a longer one, or one with a
#: line break or a control character, is reported and the default is used (``[support] network_team``: the support card
#: says "1. Now: pass this card to <it>")
SHORT_LINES = {"support.network_team": 120}


def short_line(value: Any, limit: int) -> bool:
    """Whether ``value`` is one line of text of at most ``limit`` characters, with no control or format character."""
    from selfcheck.inert import inert

    return isinstance(value, str) and len(value.strip()) <= limit and inert(value, keep_lines=False) == value


@dataclass
class ConfigProblem:
    file: str
    message: str
    line: int | None = None
    key: str | None = None

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += _(", line {line}").format(line=self.line)
        if self.key:
            where += _(", key {key}").format(key=self.key)
        return _("{where}: {message}").format(where=where, message=self.message)

    def to_dict(self) -> dict[str, Any]:
        return {"file": self.file, "line": self.line, "key": self.key, "message": self.message}


@dataclass
class Config:
    data: dict[str, Any] = field(default_factory=dict)
    sources: list[str] = field(default_factory=list)
    problems: list[ConfigProblem] = field(default_factory=list)

    def get(self, dotted: str, default: Any = None) -> Any:
        node: Any = self.data
        for part in dotted.split("."):
            if not isinstance(node, Mapping) or part not in node:
                return default
            node = node[part]
        return node

    def section(self, name: str) -> dict[str, Any]:
        value = self.data.get(name)
        return value if isinstance(value, dict) else {}

    def thresholds(self, check_id: str) -> dict[str, Any]:
        value = self.section("thresholds").get(check_id)
        return dict(value) if isinstance(value, dict) else {}

    def product_name(self) -> str:
        """The program's name as the company gives it (``branding.product_name``, a text or one per language), in the
        current language; "selfcheck" when it is not set."""
        return self.words("branding.product_name") or "selfcheck"

    def words(self, dotted: str) -> str:
        """A setting in the customer's words, given as a text or per language (``{en = "…", fr = "…"}``), in the
        current language; "" when it is not set (or is neither)."""
        from selfcheck.i18n import pick

        value = self.get(dotted)
        return pick(value).strip() if isinstance(value, str | dict) else ""


def deep_merge(base: dict[str, Any], override: Mapping[str, Any]) -> dict[str, Any]:
    """Merge ``override`` into a copy of ``base``: tables merge, other values replace."""
    result = dict(base)
    for key, value in override.items():
        if isinstance(value, Mapping) and isinstance(result.get(key), dict):
            result[key] = deep_merge(result[key], value)
        else:
            result[key] = copy.deepcopy(value)
    return result


_LINE_RE = re.compile(r"\(at line (\d+), column (\d+)\)")


def read_text(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return None


def parse_toml_file(path: Path, problems: list[ConfigProblem]) -> dict[str, Any] | None:
    """Read one TOML file; on failure add a problem and return None.

    A UTF-8 byte-order mark is skipped: Windows' Notepad (before Windows 10 1903) and PowerShell 5's
    ``Out-File -Encoding utf8`` write one, and TOML parsers refuse it ("Invalid statement" at line 1).
    """
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        return None
    except UnicodeDecodeError:
        problems.append(ConfigProblem(str(path), _("the file is not UTF-8 text")))
        return None
    except OSError as exc:
        problems.append(ConfigProblem(str(path), _("the file cannot be read ({reason})").format(reason=os_error_text(exc))))
        return None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        match = _LINE_RE.search(message)
        line = int(match.group(1)) if match else None
        detail = _LINE_RE.sub("", message).strip()
        problems.append(ConfigProblem(str(path), _("this is not valid TOML: {detail}").format(detail=detail), line=line))
        return None


def _type_name(expected: Any) -> str:
    names = {str: _("text"), list: _("a list"), bool: _("true or false"), int: _("a whole number"), dict: _("a table")}
    if isinstance(expected, tuple) and dict in expected:  # branding.about, company, product_name, response_time, support_contact
        return _('text, or one text per language like { en = "…", fr = "…" }')
    if isinstance(expected, tuple):
        return _("a number")
    return names.get(expected, getattr(expected, "__name__", str(expected)))


def _same_kind(value: Any, default: Any) -> bool:
    """Whether a value may replace a default: numbers for numbers, text for text..."""
    if isinstance(default, bool) or isinstance(value, bool):
        return isinstance(value, bool) and isinstance(default, bool)
    if isinstance(default, int | float):
        return isinstance(value, int | float)
    if isinstance(default, str):
        return isinstance(value, str)
    if isinstance(default, list):
        return isinstance(value, list)
    if isinstance(default, dict):
        per_language = bool(default) and all(k in ("en", "fr") for k in default)
        return isinstance(value, Mapping) or (per_language and isinstance(value, str))
    return True


def _kind_of(default: Any) -> str:
    if isinstance(default, bool):
        return _type_name(bool)
    if isinstance(default, int | float):
        return _type_name((int, float))
    return _type_name(type(default))


def _toml_key(key: str) -> str:
    """A key as written in TOML: quoted when it holds dots or spaces ("os.uptime")."""
    return key if re.fullmatch(r"[A-Za-z0-9_-]+", key) else '"' + key.replace('"', '\\"') + '"'


def _key_line(text: str | None, dotted: str) -> int | None:
    """The line where a key is set (best effort: TOML parsers give no positions)."""
    if not text:
        return None
    last = re.split(r'\.(?=[^"]*(?:"[^"]*"[^"]*)*$)', dotted)[-1].strip('"')
    pattern = re.compile(r'^\s*(?:[\w"\'.-]+\.)?["\']?' + re.escape(last) + r'["\']?\s*=', re.M)
    match = pattern.search(text)
    return text.count("\n", 0, match.start()) + 1 if match else None


def validate(
    data: Mapping[str, Any],
    file: str,
    problems: list[ConfigProblem],
    defaults: Mapping[str, Any] | None = None,
    text: str | None = None,
) -> dict[str, Any]:
    """Drop values of the wrong type, reporting them (the lower layer's value stays).

    Types come from :data:`SCHEMA`; inside free-form sections (thresholds,
    network...) a value must have the same kind as the built-in default when
    there is one. Unknown top-level settings are reported and ignored.
    """

    def report(message: str, dotted: str) -> None:
        problems.append(ConfigProblem(file, message, line=_key_line(text, dotted), key=dotted))

    def free(node: Mapping[str, Any], default: Any, prefix: str, closed: bool = False) -> dict[str, Any]:
        clean: dict[str, Any] = {}
        for key, value in node.items():
            dotted = prefix + _toml_key(key)
            base = default.get(key) if isinstance(default, Mapping) else None
            if closed and isinstance(default, Mapping) and key not in default:
                home = next((t for t, keys in SCHEMA.items() if isinstance(keys, dict) and key in keys), None)
                if home is not None:
                    report(_("unknown setting here (ignored): it belongs under [{table}]").format(table=home), dotted)
                else:
                    report(_("unknown setting (ignored)"), dotted)
                continue
            if base is not None and not _same_kind(value, base):
                report(_("this must be {kind}; the default is used").format(kind=_kind_of(base)), dotted)
                continue
            limit = SHORT_LINES.get(dotted)
            if limit is not None and not short_line(value, limit):
                report(_("this must be one line of at most {count} characters; the default is used").format(count=limit), dotted)
                continue
            clean[key] = free(value, base, dotted + ".") if isinstance(value, Mapping) else value
        return clean

    def walk(node: Mapping[str, Any], schema: Mapping[str, Any], default: Any, prefix: str) -> dict[str, Any]:
        clean: dict[str, Any] = {}
        for key, value in node.items():
            dotted = prefix + _toml_key(key)
            expected = schema.get(key)
            base = default.get(key) if isinstance(default, Mapping) else None
            if expected is None:
                report(_("unknown setting (ignored)"), dotted)
                continue
            if isinstance(expected, dict) or expected is dict:
                if not isinstance(value, Mapping):
                    report(_("this must be a table, like [{key}]").format(key=dotted), dotted)
                    continue
                if isinstance(expected, dict):
                    clean[key] = walk(value, expected, base, dotted + ".")
                else:
                    clean[key] = free(value, base, dotted + ".", closed=not prefix and key in CLOSED_TABLES)
                continue
            ok = isinstance(value, expected) and not (expected in (int, (int, float)) and isinstance(value, bool))
            if not ok:
                report(_("this must be {kind}; the default is used").format(kind=_type_name(expected)), dotted)
                continue
            if dotted == "branding.accent_color" and value.strip() and not COLOUR_RE.match(value.strip()):
                # the window would quietly keep its own blue: "orange" or "rgb(194, 65, 12)" is a typo to show
                report(_('this is not a colour written like "#c2410c"; the default is used'), dotted)
                continue
            clean[key] = value
        return clean

    return walk(data, SCHEMA, defaults or {}, "")


def check_company_thresholds(config: Config, check_id: str, defaults: Mapping[str, Any]) -> list[ConfigProblem]:
    """A company check's ``[thresholds."<id>"]`` judged against its own ``default_thresholds``, as :func:`validate`
    judges the built-in checks' against ``resources/config``: a value of another kind is reported (file, line, key)
    and the lower layer's value, else the check's default, is used. Called once the checks are known.

    Without it ``warn_days_left = "thirty"`` reached the check, which could only say "could not judge"."""
    configured = config.thresholds(check_id)
    if not any(k in defaults and not _same_kind(v, defaults[k]) for k, v in configured.items()):
        return []
    found: list[ConfigProblem] = []
    kept: dict[str, Any] = {}
    for source in config.sources:
        path = Path(source)
        text = read_text(path)
        try:
            layer = tomllib.loads(text or "")
        except tomllib.TOMLDecodeError:
            continue
        section = layer.get("thresholds", {}).get(check_id) if isinstance(layer.get("thresholds"), Mapping) else None
        if not isinstance(section, Mapping):
            continue
        for key, value in section.items():
            if key not in defaults:
                continue
            if _same_kind(value, defaults[key]):
                kept[key] = value
                continue
            dotted = f"thresholds.{_toml_key(check_id)}.{_toml_key(key)}"
            message = _("this must be {kind}; the default is used").format(kind=_kind_of(defaults[key]))
            found.append(ConfigProblem(str(path), message, line=_key_line(text, dotted), key=dotted))
    section = config.data.get("thresholds", {}).get(check_id, {})
    for key, value in configured.items():
        if key in defaults and not _same_kind(value, defaults[key]):
            if key in kept:
                section[key] = kept[key]
            else:
                section.pop(key, None)
    config.problems.extend(found)
    return found


def default_files() -> list[Path]:
    folder = resources.files("selfcheck.resources") / "config"
    return sorted((Path(str(folder)) / name for name in os.listdir(str(folder)) if name.endswith(".toml")), key=lambda p: p.name)


def layer_files(explicit: Iterable[str | Path] = ()) -> list[Path]:
    files = [paths.system_config_file(), paths.user_config_file()]
    env = os.environ.get("SELFCHECK_CONFIG")
    if env:
        files.extend(Path(p) for p in env.split(os.pathsep) if p)
    files.extend(Path(p) for p in explicit)
    return files


def named_files(config: Config) -> list[Path]:
    """The files ``config`` was read from beyond those every start reads (the built-in defaults, the system-wide and
    the user file): those ``$SELFCHECK_CONFIG`` and ``--config`` named, in their order, as absolute paths (what this
    program started by itself later must be given again to read the same settings)."""
    always = {str(p) for p in default_files()} | {str(paths.system_config_file()), str(paths.user_config_file())}
    return [Path(source).absolute() for source in config.sources if source not in always]


def load(explicit: Iterable[str | Path] = (), *, include_system: bool = True) -> Config:
    """Load every layer. ``explicit`` are ``--config`` files (must exist).

    ``include_system=False`` reads only the defaults and ``explicit`` (tests).
    Files named by ``SELFCHECK_CONFIG`` or ``--config`` that do not exist are
    reported; a missing system or user file is normal.
    """
    config = Config()
    data: dict[str, Any] = {}
    for path in default_files():
        parsed = parse_toml_file(path, config.problems)
        if parsed is not None:
            data = deep_merge(data, parsed)
            config.sources.append(str(path))
    defaults = copy.deepcopy(data)
    explicit = [Path(p) for p in explicit]
    optional = {paths.system_config_file(), paths.user_config_file()}
    for path in layer_files(explicit):
        if not include_system and path not in explicit:
            continue
        if path not in optional and not path.exists():
            config.problems.append(ConfigProblem(str(path), _("the file does not exist")))
            continue
        parsed = parse_toml_file(path, config.problems)
        if parsed is None:
            continue
        text = read_text(path)
        clean = _anchor_paths(validate(parsed, str(path), config.problems, defaults, text), path.parent)
        _leave_out_missing_pictures(clean, str(path), config.problems, text)
        data = deep_merge(data, clean)
        config.sources.append(str(path))
    config.data = data
    return config


# settings holding file or folder paths: relative ones are relative to the file that sets them
PATH_SETTINGS = (("checks", "folders"), ("branding", "logo"), ("branding", "icon"))


def _anchor(value: str, base: Path) -> str:
    if not value or value.startswith(("~", "$", "%")) or Path(value).is_absolute():
        return value
    return str(base / value)


def _anchor_paths(data: dict[str, Any], base: Path) -> dict[str, Any]:
    """Make relative paths in ``data`` relative to ``base`` (the folder of the file they come from)."""
    for section, key in PATH_SETTINGS:
        table = data.get(section)
        if not isinstance(table, dict) or key not in table:
            continue
        value = table[key]
        table[key] = [_anchor(str(v), base) for v in value] if isinstance(value, list) else _anchor(str(value), base)
    return data


def picture_path(value: Any) -> str:
    """Where ``branding.logo`` or ``branding.icon`` is: ``~`` and environment variables expanded
    (``$SELFCHECK_APP_DIR`` in branded builds), or "" when not set."""
    text = str(value or "").strip()
    return os.path.expanduser(os.path.expandvars(text)) if text else ""


def _leave_out_missing_pictures(data: dict[str, Any], file: str, problems: list[ConfigProblem], text: str | None) -> None:
    """A logo or icon whose file is not there is reported and left out: the window showed selfcheck's own
    picture instead, and nobody learnt why (a mistyped path, a file not deployed)."""
    table = data.get("branding")
    if not isinstance(table, dict):
        return
    for key in ("logo", "icon"):
        where = picture_path(table.get(key))
        if where and not Path(where).is_file():
            dotted = f"branding.{key}"
            problems.append(
                ConfigProblem(file, _("there is no picture file {path}; it is left out").format(path=where), line=_key_line(text, dotted), key=dotted)
            )
            del table[key]


def from_dict(data: Mapping[str, Any]) -> Config:
    """Defaults overlaid with ``data`` (tests, embedding)."""
    config = Config()
    base: dict[str, Any] = {}
    for path in default_files():
        parsed = parse_toml_file(path, config.problems)
        if parsed is not None:
            base = deep_merge(base, parsed)
    config.data = deep_merge(base, validate(data, "<dict>", config.problems, base))
    return config


SECRET_KEY_RE = re.compile(r"(password|passwd|secret|token|api_key|apikey|credential|private)", re.I)


def without_secrets(data: Mapping[str, Any]) -> dict[str, Any]:
    """A copy of the config safe to show or bundle: secret-looking values hidden."""
    clean: dict[str, Any] = {}
    for key, value in data.items():
        if isinstance(value, Mapping):
            clean[key] = without_secrets(value)
        elif SECRET_KEY_RE.search(key):
            clean[key] = "***" if value else value
        else:
            clean[key] = value
    return clean
