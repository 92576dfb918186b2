"""Translations: one mechanism for the core, the CLI and the GUI.

Catalogues are gettext ``.po`` files under ``resources/locale/<lang>/``; every
``*.po`` file of a language is merged, so each part of selfcheck keeps its own
file (``core.po``, ``network.po``, ``gui.po`` ...). They are parsed directly, so
no compile step is needed in development, in wheels or in frozen builds.

Mark strings with ``_("...")`` where they are shown, or ``N_("...")`` where
they are declared (class attributes) and translated later with ``_()``.
"""

from __future__ import annotations

import locale
import logging
import os
import re
import sys
import threading
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from importlib import resources
from pathlib import Path
from typing import Any

SUPPORTED = ("en", "fr")
DEFAULT = "en"

_lock = threading.Lock()
_current = DEFAULT
_catalogues: dict[str, dict[str, str | list[str]]] = {}
_extra_dirs: list[Path] = []


def N_(message: str) -> str:
    """Mark a string for translation without translating it now."""
    return message


_PO_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\", "a": "\a", "b": "\b", "f": "\f", "v": "\v"}


def _unquote(token: str) -> str:
    """A PO string literal ("...") to text, with C escapes; lenient with bad input."""
    token = token.strip()
    if len(token) >= 2 and token[0] == token[-1] == '"':
        token = token[1:-1]
    out: list[str] = []
    i = 0
    while i < len(token):
        ch = token[i]
        if ch == "\\" and i + 1 < len(token):
            out.append(_PO_ESCAPES.get(token[i + 1], token[i + 1]))
            i += 2
            continue
        out.append(ch)
        i += 1
    return "".join(out)


def parse_po(text: str) -> dict[str, str | list[str]]:
    """Parse a .po file into {msgid: msgstr} (plural entries map to a list).

    Untranslated and fuzzy entries are left out so the English text shows.
    """
    catalogue: dict[str, str | list[str]] = {}
    entry: dict[str, str] = {}
    key: str | None = None
    fuzzy = False

    def flush() -> None:
        nonlocal entry, fuzzy
        msgid = entry.get("msgid")
        if msgid and not fuzzy:
            if "msgid_plural" in entry:
                forms = [entry[k] for k in sorted(k for k in entry if k.startswith("msgstr["))]
                if all(forms):
                    catalogue[msgid] = forms
            elif entry.get("msgstr"):
                catalogue[msgid] = entry["msgstr"]
        entry = {}
        fuzzy = False

    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            continue
        if line.startswith("#"):
            if line.startswith("#,") and "fuzzy" in line:
                if "msgid" in entry:
                    flush()
                fuzzy = True
            continue
        if line.startswith('"'):
            if key is not None:
                entry[key] += _unquote(line)
            continue
        word, _sep, rest = line.partition(" ")
        if word == "msgid" and "msgid" in entry:
            flush()
        if word.startswith("msgctxt"):
            key = None
            continue
        key = word
        entry[key] = _unquote(rest)
    flush()
    return catalogue


#: French typography (Imprimerie nationale; what Windows, macOS and LibreOffice write): a no-break space inside « » and
#: before « : », a narrow no-break space before « ; ! ? ». A line then never ends with « nor starts with » : ; ! ? (Qt and
#: browsers broke « Cliquez sur » / « Vérifier à nouveau » at the ordinary space the catalogues were typed with).
NO_BREAK_SPACE = "\u00a0"
NARROW_NO_BREAK_SPACE = "\u202f"
_SPACES = "[ \u00a0\u202f]"
_AFTER_OPENING = re.compile(rf"«{_SPACES}*(?=[^\s])")
_BEFORE_CLOSING = re.compile(rf"(?<=[^\s]){_SPACES}*»")
# only a space that is there: "http://", "10:30", "?lang=fr", "{n:.1f}" and a file dialog's ";;" have none
_BEFORE_SIGN = re.compile(rf"(?<!\s){_SPACES}+([:;!?])(?=[\s\"')\]»<.,…!?]|$)")
#: a time « 9 h 40 » and a percentage « 100 % », where a space is typed after a number or a placeholder: the « h » between
#: two no-break spaces (the word-wide one, as before « : »); « % » after the narrow one, as a French number's digit groups
#: (wording.FR_GROUP) and as French locales write a percentage (CLDR's fr, what macOS and ICU print). « 9 h » and « 100 % »
#: then never split across two lines.
_HOUR = re.compile(rf"(?<=[\d}}]){_SPACES}+h(?![\w'’])({_SPACES}+(?=[\d{{]))?")
_PERCENT = re.compile(rf"(?<=[\d}}]){_SPACES}+%")
#: a number and its unit's symbol (« 38 s », « 0 min », « 2,8 ms », « 256 Go », « 45 °C », « 3,2 GHz », « 2300 tr/min ») or the bytes said
#: in full (« 512 octets »): one no-break space between them, as the « h » of a time, so that a line never ends with the
#: number and starts with its unit. A symbol only when a word does not go on (« {n} s’ouvrent » keeps its space).
_UNIT = re.compile(rf"(?<=[\d}}]){_SPACES}+(?=(?:[mµ]?s|min|tr/min|[KMGT]i?o(?:/s)?|octets?|°C|[kMG]?Hz|[kMG]bit/s|[kMG]b/s|bits)(?![\w'’/]))")


def french_spaces(text: str) -> str:
    """``text`` with French typography's no-break spaces where catalogue authors (and companies) type ordinary ones;
    nothing else changes, placeholders and all. Applied once, where French words are read: :func:`catalogue`,
    :func:`pick`, the relay's page."""
    text = _HOUR.sub(lambda m: NO_BREAK_SPACE + "h" + (NO_BREAK_SPACE if m.group(1) else ""), text)
    text = _UNIT.sub(NO_BREAK_SPACE, text)
    if not any(sign in text for sign in "«»:;!?%"):
        return text
    text = _PERCENT.sub(NARROW_NO_BREAK_SPACE + "%", text)
    text = _AFTER_OPENING.sub("«" + NO_BREAK_SPACE, text)
    text = _BEFORE_CLOSING.sub(NO_BREAK_SPACE + "»", text)
    return _BEFORE_SIGN.sub(lambda m: (NO_BREAK_SPACE if m.group(1) == ":" else NARROW_NO_BREAK_SPACE) + m.group(1), text)


#: a phone number as companies write it: groups of digits (a leading +, an area code in brackets) separated by one space,
#: dot or hyphen ("01 23 45 67 89", "+33 1 23 45 67 89", "+1 (555) 123-4567", "0800.123.456")
_PHONE = re.compile(r"\+?\(?\d+\)?(?:[ .\-]\(?\d+\)?)+")


def phone_numbers_together(text: str, space: str = NO_BREAK_SPACE) -> str:
    """``text`` with no-break spaces inside its phone numbers (six digits or more): a narrow window (a phone's, the
    window's end screen) wrapped "01 23 45 67 / 89" where the reader copies or dials it. Dots and hyphens between digits
    are no break points already. One rule for the relay's pages and the desktop window, which both show the company's
    contact. ``space``: what joins the groups instead (the terminal, which wraps the text itself, holds them with a mark
    of its own and prints plain spaces: a number copied from it dials)."""

    def joined(match: re.Match[str]) -> str:
        number = match.group(0)
        return number.replace(" ", space) if sum(c.isdigit() for c in number) >= 6 else number

    return _PHONE.sub(joined, text)


def _typeset(lang: str, entries: dict[str, str | list[str]]) -> dict[str, str | list[str]]:
    if lang != "fr":
        return entries
    return {k: french_spaces(v) if isinstance(v, str) else [french_spaces(form) for form in v] for k, v in entries.items()}


def _locale_dirs(lang: str) -> Iterable[Path]:
    base = resources.files("selfcheck.resources") / "locale" / lang
    yield Path(str(base))
    for extra in _extra_dirs:
        yield extra / lang


def add_catalogue_dir(path: Path) -> None:
    """Add a folder laid out like resources/locale (used by company checks)."""
    with _lock:
        if path not in _extra_dirs:
            _extra_dirs.append(path)
            _catalogues.clear()


def catalogue(lang: str) -> dict[str, str | list[str]]:
    with _lock:
        cached = _catalogues.get(lang)
        if cached is not None:
            return cached
        merged: dict[str, str | list[str]] = {}
        if lang != DEFAULT:
            for folder in _locale_dirs(lang):
                if folder.is_dir():
                    for po in sorted(folder.glob("*.po")):
                        try:
                            merged.update(parse_po(po.read_text(encoding="utf-8")))
                        except (OSError, UnicodeDecodeError, ValueError):  # a broken catalogue shows English, never crashes
                            logging.getLogger(__name__).warning("cannot read the translations in %s", po, exc_info=True)
        merged = _typeset(lang, merged)
        _catalogues[lang] = merged
        return merged


def normalise(lang: str | None) -> str | None:
    """'fr_FR.UTF-8' -> 'fr'; unsupported languages -> None."""
    if not lang:
        return None
    code = lang.replace("-", "_").split(".")[0].split("_")[0].lower()
    return code if code in SUPPORTED else None


def system_language() -> str:
    """The OS user interface language, falling back to English.

    Follows gettext: the locale is ``LC_ALL``, else ``LC_MESSAGES``, else
    ``LANG``; ``LANGUAGE`` (a priority list like ``fr:en``) wins over it unless
    the locale is ``C``/``POSIX``. Without these variables (Windows, apps
    started from a desktop), the OS is asked.
    """
    locale_value = next((os.environ[v] for v in ("LC_ALL", "LC_MESSAGES", "LANG") if os.environ.get(v)), None)
    if locale_value is not None and locale_value.split(".")[0] in ("C", "POSIX"):
        return DEFAULT
    for part in os.environ.get("LANGUAGE", "").split(":"):
        found = normalise(part)
        if found:
            return found
    if locale_value is not None:
        return normalise(locale_value) or DEFAULT
    return _os_language() or DEFAULT


def _os_language() -> str | None:
    if os.name == "nt":  # pragma: no cover - Windows only
        try:
            import ctypes

            lcid = ctypes.windll.kernel32.GetUserDefaultUILanguage()  # type: ignore[attr-defined]
            return normalise(locale.windows_locale.get(lcid))
        except Exception:
            return None
    if sys.platform == "darwin":  # pragma: no cover - macOS only
        try:
            import subprocess

            out = subprocess.run(["defaults", "read", "-g", "AppleLanguages"], capture_output=True, text=True, timeout=2).stdout
            return apple_language(out)
        except (OSError, subprocess.SubprocessError):
            return None
    try:
        return normalise(locale.getlocale()[0])
    except ValueError:
        return None


def apple_language(defaults_output: str) -> str | None:
    """The language to show from ``defaults read -g AppleLanguages`` (the preferred languages in the order the person
    set in System Settings, ``("de-CH", "fr-CH")`` or ``(en, fr, ja)``): the first one selfcheck has, as every Mac
    application does; None when it has none of them."""
    for item in defaults_output.strip().strip("()").split(","):
        found = normalise(item.strip().strip('"'))
        if found:
            return found
    return None


def set_language(lang: str | None) -> str:
    """Switch the language of every later translation; returns the one in force."""
    global _current
    _current = normalise(lang) or system_language()
    return _current


_thread = threading.local()


@contextmanager
def language(lang: str) -> Iterator[str]:
    """Translate into ``lang`` in this thread only, for the block (to word a result in another language
    than the reader's, e.g. the history's headlines, while the window goes on in its own)."""
    previous = getattr(_thread, "lang", None)
    _thread.lang = normalise(lang) or DEFAULT
    try:
        yield _thread.lang
    finally:
        _thread.lang = previous


def current_language() -> str:
    return getattr(_thread, "lang", None) or _current


def gettext(message: str) -> str:
    lang = current_language()
    if lang == DEFAULT:
        return message
    found = catalogue(lang).get(message)
    return found if isinstance(found, str) else message


def known(msgid: str) -> bool:
    """Whether ``msgid`` is a sentence selfcheck (or a company's catalogue) can say in another language."""
    return any(isinstance(catalogue(lang).get(msgid), str) for lang in SUPPORTED if lang != DEFAULT)


def msgid_of(text: str) -> str | None:
    """The msgid ``text`` was translated from in the current language (a check's ``SkipCheck(_("…"))``, already said), so
    it can be said again in another; None when it is no catalogue's whole sentence (filled-in values, a company's words)."""
    lang = current_language()
    if lang == DEFAULT:
        return text if known(text) else None
    return next((msgid for msgid, words in catalogue(lang).items() if words == text), None)


def say(msgid: str, values: Mapping[str, Any] | None = None) -> str:
    """``msgid`` in the current language with ``values`` filled in; a value ``{"msgid": …, "values": …}`` is a sentence of
    its own, said the same way ("The check file {file}" in "{what} could not be loaded ({reason}).")."""
    filled = {key: say(value["msgid"], value.get("values")) if isinstance(value, dict) else value for key, value in (values or {}).items()}
    return gettext(msgid).format(**filled)


def say_again(msgid: Any, values: Any = None, depth: int = 0) -> str | None:
    """:func:`say` for words read from a file (a bundle made in another language): None, so that they stay as written,
    when the msgid is no catalogue's sentence or the values do not fit it (an older, hand-made or hostile file)."""
    if not isinstance(msgid, str) or not known(msgid) or depth > 2:
        return None
    if values is None:
        values = {}
    if not isinstance(values, dict):
        return None
    filled: dict[str, str] = {}
    for key, value in values.items():
        said = say_again(value.get("msgid"), value.get("values"), depth + 1) if isinstance(value, dict) else value
        if not isinstance(key, str) or not isinstance(said, str):
            return None
        filled[key] = said
    try:
        return gettext(msgid).format(**filled)
    except (KeyError, IndexError, ValueError, AttributeError, TypeError):
        return None


def ngettext(singular: str, plural: str, n: int) -> str:
    lang = current_language()
    if lang != DEFAULT:
        found = catalogue(lang).get(singular)
        if isinstance(found, list) and found:
            index = 0 if n <= 1 else 1  # French: 0 and 1 are singular
            return found[min(index, len(found) - 1)]
    return singular if n == 1 else plural


_ = gettext


def pick(value: str | dict[str, str] | None) -> str:
    """A string from config that may be given per language: {en = "...", fr = "..."}. Read in French, a company's words
    are set with French typography's no-break spaces whether written per language or once (« de 9 h à 17 h » never cut
    before its « h »), as the relay's request page sets them."""
    if value is None:
        return ""
    if isinstance(value, str):
        return french_spaces(value) if current_language() == "fr" else value
    if not isinstance(value, dict):
        return ""
    # a config file may hold anything: only texts count ({en = 5} is as good as no text, never a crash)
    texts = {k: v for k, v in value.items() if isinstance(v, str)}
    if current_language() == "fr" and texts.get("fr"):
        return french_spaces(texts["fr"])
    return texts.get(current_language()) or texts.get(DEFAULT) or next(iter(texts.values()), "")


# The operating system's own error words ("No such file or directory") are English
# whatever the reader's language: the common ones get a plain, translated sentence.
_OS_ERRORS = {
    "ENOENT": N_("no such file or folder"),
    "EACCES": N_("permission denied"),
    "EPERM": N_("permission denied"),
    "ENOSPC": N_("the disk is full"),
    "EROFS": N_("the disk can only be read"),
    "EISDIR": N_("it is a folder"),
    "ENOTDIR": N_("part of the path is not a folder"),
    "EEXIST": N_("it already exists"),
    "ECONNREFUSED": N_("the connection was refused"),
    "ECONNRESET": N_("the connection was cut"),
    "ETIMEDOUT": N_("no answer in time"),
    "EHOSTUNREACH": N_("it cannot be reached from this network"),
    "ENETUNREACH": N_("it cannot be reached from this network"),
}


def os_error_text(error: BaseException | int | str | None, fallback: str = "") -> str:
    """A plain, translated reason for an OSError, an errno number or an errno name ("ECONNREFUSED");
    ``fallback`` (else the system's own text) for the others."""
    import errno as errno_module

    if isinstance(error, str):
        name = error
    else:
        number = error if isinstance(error, int) else getattr(error, "errno", None)
        name = errno_module.errorcode.get(number, "") if isinstance(number, int) else ""
    if name in _OS_ERRORS:
        return gettext(_OS_ERRORS[name])
    if fallback or isinstance(error, str):
        return fallback
    return str(getattr(error, "strerror", None) or error or "")
