"""Numbers, sizes, names, dates and locales as a French or English reader writes them: the
wording shared by the checks, the terminal, report.html and the repairs."""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from selfcheck.i18n import N_, NO_BREAK_SPACE, _, current_language, french_spaces, ngettext, pick

#: French groups a long number's digits by three with a narrow no-break space (« 10 739 561 s », as :func:`photos_of`
#: does): never cut at the end of a line, never read as two numbers
FR_GROUP = "\u202f"


def number(value: float, decimals: int = 1) -> str:
    """A decimal number for translated text: 12.5 -> '12.5' in English, '12,5' in French; 10739561 -> '10739561' in
    English (a measured count as the computer gave it, as English always wrote it) and '10 739 561' in French (digits
    grouped by a narrow no-break space, the French typographic rule). Trailing zeros go ('1.0' -> '1')."""
    text = f"{value:.{decimals}f}"
    if decimals and text.endswith("0" * decimals):
        text = text[: -(decimals + 1)]
    if current_language() != "fr" or not math.isfinite(value):
        return text
    whole, _sep, fraction = text.partition(".")
    sign = "-" if whole.startswith("-") else ""
    grouped = f"{int(whole.lstrip('-')):,}".replace(",", FR_GROUP)
    return sign + grouped + ("," + fraction if fraction else "")


def percent(amount: str) -> str:
    """A percentage written out of a catalogue's sentence (a table's cell): '12.5%' in English, '12,5 %' in French, the
    sign kept with its number as in the catalogues (:func:`selfcheck.i18n.french_spaces`). ``amount`` is already a
    :func:`number`."""
    return french_spaces(f"{amount} %") if current_language() == "fr" else f"{amount}%"


def size(n_bytes: float | None) -> str:
    """A size in plain words: '1.2 GB' / '1,2 Go'."""
    if n_bytes is None:
        return "?"
    n = float(n_bytes)
    for unit, limit in ((_("{n} TB"), 1e12), (_("{n} GB"), 1e9), (_("{n} MB"), 1e6), (_("{n} KB"), 1e3)):
        if n >= limit:
            return unit.format(n=number(n / limit, 1 if n / limit < 100 else 0))
    return _("{n} bytes").format(n=int(n))


def duration(seconds: float) -> str:
    """A length of time as a person says it: 23400 -> '6 hours 30 minutes' / « 6 heures 30 minutes »; '2 days 3 hours' past a
    day (its minutes say nothing then); '0 minutes' under one. Lay readers, round 91: "On for (seconds): 71378". In French
    each number held to its word (:func:`held_together`: « depuis 12 jours » never ends a line with « 12 », issue 21)."""
    minutes = max(0, int(seconds // 60))
    days, rest = divmod(minutes, 24 * 60)
    hours, mins = divmod(rest, 60)
    parts = [ngettext("{n} day", "{n} days", days).format(n=days)] if days else []
    if hours:
        parts.append(ngettext("{n} hour", "{n} hours", hours).format(n=hours))
    if not days and (mins or not hours):
        parts.append(ngettext("{n} minute", "{n} minutes", mins).format(n=mins))
    return held_together(" ".join(parts))


#: a number and the word that follows it: « 124 jours », « 3 jours 1 heure »
_NUMBER_AND_WORD = re.compile(r"(?<=\d) (?=[^\W\d])")


def held_together(text: str) -> str:
    """``text`` (an amount said in words: :func:`duration`'s) with, in French, each number held to the word after it by a
    no-break space, as French holds « 38 s » and « 256 Go » (:func:`selfcheck.i18n.french_spaces`): « 124 jours » never ends
    one line and starts the next. English as it is."""
    return _NUMBER_AND_WORD.sub(NO_BREAK_SPACE, text) if current_language() == "fr" else text


def company_name(config: Any) -> str:
    """The company's name (``branding.company``: a text, or one per language as ``{en = "…", fr = "…"}``) in the current
    language, or "" when it is not set or there is no config."""
    value = config.get("branding.company") if config is not None else None
    return pick(value).strip() if isinstance(value, str | dict) else ""


def support_name(config: Any, *, mid_sentence: bool = False) -> str:
    """Who receives what the customer sends: the company's name (``branding.company``, in the current language), or plain
    words (also without a config). The window, the verdict's administrator step and sending by saving all name support this
    way."""
    company = company_name(config)
    return company or (_("your support team") if mid_sentence else _("Your support team"))


#: what one phone photo takes, the unit a person pictures room on a computer in
PHOTO_BYTES = 3_000_000


def room_of(n_bytes: float) -> str:
    """Room as people picture it: 'room for about 430 more photos' (lay readers did not know '1.3 GB'; 'the room of
    about 430 photos' was read as 430 photos deleted). Sentences say what is gained: 'there is now {room}'.

    The exact byte count stays in the repair's facts for support.
    """
    n, shown = photos_of(n_bytes)
    if n < 1:
        return _("room for less than one more photo")
    return ngettext("room for about {n} more photo", "room for about {n} more photos", n).format(n=shown)


def photos_of(n_bytes: float) -> tuple[int, str]:
    """How many photos' room ``n_bytes`` makes, rounded as :func:`room_of` says it (two figures from 100 on), and that
    number as the reader writes it ('1,100' / '1 100'): for a sentence of its own, such as a button's shorter words."""
    photos = float(n_bytes) / PHOTO_BYTES
    if photos < 1:
        return 0, "0"
    n = round(photos) if photos < 100 else int(float(f"{photos:.2g}"))
    return n, photo_count(n)


def photo_count(n: int) -> str:
    """A number of photos as the reader writes it: '1,100' in English, '1 100' (a narrow no-break space) in French."""
    return f"{n:,}".replace(",", "\u202f" if current_language() == "fr" else ",")


def join_names(names: Iterable[str]) -> str:
    """'a', 'b', 'c' -> '“a”, “b” and “c”' (translated 'and')."""
    quoted = [_("“{name}”").format(name=n) for n in names]
    if len(quoted) <= 1:
        return "".join(quoted)
    return _("{first} and {last}").format(first=", ".join(quoted[:-1]), last=quoted[-1])


#: the trash as the customer's own system names it (verdict round 17: "on my computer it's called the Recycle Bin"):
#: Windows "Recycle Bin", macOS and the Linux desktops "Trash"; French « corbeille » on all three
TRASH_NAMES = {"windows": N_("the Recycle Bin"), "darwin": N_("the Trash"), "linux": N_("the Trash")}


def trash(platform: str | None) -> str:
    """'the Recycle Bin' (Windows), 'the Trash' (macOS, Linux, unknown), 'la corbeille' in French: for the ``{trash}``
    of a sentence; :func:`capital` when it starts one."""
    return _(TRASH_NAMES.get(str(platform or ""), TRASH_NAMES["linux"]))


#: the trash where a screen first names it, in the reader's own terms (send rounds 99-100, en: "Recycle Bin. I know the little
#: wastebasket, but I'm not sure that's the same thing"; fr 100: « corbeille : je connais celle des e-mails, je suppose que
#: c'est pareil »): Windows' Recycle Bin is the wastebasket on the desktop; the Trash of macOS and Linux keeps its own name
TRASH_FIRST_NAMES = {"windows": N_("the Recycle Bin (the wastebasket picture on your screen)")}


def trash_first(platform: str | None) -> str:
    """:func:`trash` as a screen says it the first time: 'the Recycle Bin (the wastebasket picture on your screen)' on Windows,
    'the Trash' elsewhere."""
    first = TRASH_FIRST_NAMES.get(str(platform or ""))
    return _(first) if first else trash(platform)


def capital(text: str) -> str:
    """The sentence's first letter as a capital ('la corbeille est vide' -> 'La corbeille est vide')."""
    return text[:1].upper() + text[1:]


def with_trash(text: str, platform: str | None, **values: object) -> str:
    """A translated sentence with its ``{trash}`` as ``platform`` names it, capitalised where it starts the sentence:
    ``with_trash(_("{trash} is empty."), "windows")`` -> 'The Recycle Bin is empty.'"""
    return capital(text.format(trash=trash(platform), **values))


#: the psutil attributes :func:`process_name` reads
_MONTHS = (
    N_("January"), N_("February"), N_("March"), N_("April"), N_("May"), N_("June"),
    N_("July"), N_("August"), N_("September"), N_("October"), N_("November"), N_("December"),
)  # fmt: skip


def long_date(iso: str | None) -> str:
    """'2025-10-14' -> 'October 14, 2025' / '14 octobre 2025' ('1er juin 2026': French writes the first of a month as an ordinal)."""
    if not iso:
        return "?"
    try:
        d = date.fromisoformat(str(iso)[:10])
    except ValueError:
        return str(iso)
    day = "1er" if d.day == 1 and current_language() == "fr" else str(d.day)
    return _("{month} {day}, {year}").format(month=_(_MONTHS[d.month - 1]), day=day, year=d.year)


def date_time(iso: str | None) -> str:
    """A moment a bundle records ('2026-12-07T09:24:00Z') as its reader writes it: 'December 7, 2026 at 09:24 UTC' /
    '7 décembre 2026 à 9 h 24 UTC'. In UTC, as recorded: the page is read wherever support is, and a bundle's page made
    again by ``selfcheck show`` says the same time. What is no such moment (a received bundle's) stays as it is; None: '?'."""
    if not iso:
        return "?"
    try:
        moment = datetime.fromisoformat(str(iso).replace("Z", "+00:00"))
        moment = moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)
    except (ValueError, OverflowError):
        return str(iso)
    return _("{date} at {time} UTC").format(date=long_date(moment.date().isoformat()), time=clock_time(moment))


def _local_moment(moment: float | str | None) -> datetime | None:
    """A moment of this computer (a POSIX timestamp, or an ISO moment as the history records it: with its offset, or
    naive in this computer's time) in this computer's time; None when no moment can be made of it (a damaged record)."""
    if moment is None or isinstance(moment, bool):
        return None
    try:
        if isinstance(moment, int | float):
            return datetime.fromtimestamp(moment)
        parsed = datetime.fromisoformat(str(moment).replace("Z", "+00:00"))
        return parsed.astimezone().replace(tzinfo=None) if parsed.tzinfo is not None else parsed
    except (ValueError, OverflowError, OSError):
        return None


def local_date_time(moment: float | str | None) -> str:
    """A moment on this computer (a POSIX timestamp, or an ISO moment the history records) as its user reads it, in this
    computer's time: 'December 7, 2026 at 09:24' / '7 décembre 2026 à 9 h 24', as :func:`date_time` says a bundle's
    moment (without "UTC": the customer's own clock, as the window, `selfcheck outbox`, `history` and `background status`
    speak to them). What no date can be made of stays as it is; None: '?'."""
    local = _local_moment(moment)
    if local is None:
        return "?" if moment is None else str(moment)
    return _("{date} at {time}").format(date=long_date(local.date().isoformat()), time=clock_time(local))


def local_time(moment: float | str | None) -> str:
    """The time of day of a moment of the last minutes, in this computer's time: '15:54' / '15 h 54' (« Les résultats
    viennent de l’analyse terminée à 15 h 54 », not « à 15:54 »). What no time can be made of stays as it is; None: '?'."""
    local = _local_moment(moment)
    if local is None:
        return "?" if moment is None else str(moment)
    return clock_time(local)


def clock_time(moment: datetime) -> str:
    """A moment's time of day, in the zone it is given in, as its reader writes it: '09:24' / '9 h 24' (« 9 h 24 » on one
    line; « à 9 h 24 », not « à 09:24 »)."""
    return french_spaces(f"{moment.hour} h {moment.minute:02d}") if current_language() == "fr" else f"{moment:%H:%M}"


#: why the disk check could not read the disks' own health report (SMART), as checks/hardware_disk.py records it in its facts
#: (in English, the same on every computer), and as its evidence and the support card say it: one wording for both
SMART_REASONS = {
    "smartctl is not installed": N_("the program that reads it (smartctl) is not installed on this computer"),
    "smartctl found no disk it can read": N_("smartctl found no disk it can read"),
    "reading disk health needs administrator rights": N_("reading it needs administrator rights"),
    "turned off in the configuration": N_("turned off in the configuration"),
    "Windows did not report the disks' health": N_("Windows did not report it"),
    "the internal disk does not report SMART health": N_("the internal disk does not report it"),
}


def smart_reason(reason: str) -> str:
    """A recorded reason for not reading the disks' own health report, in the reader's words; one this version does not
    know (a newer bundle's) as recorded (the caller makes it inert where it shows it)."""
    return _(SMART_REASONS[reason]) if reason in SMART_REASONS else reason


def yes_no(value: bool) -> str:
    """A fact that is true or false as a word of the reader's language: 'yes' / 'oui' (not Python's 'True' in a French card)."""
    return _("yes") if value else _("no")


def decimal(value: float) -> str:
    """A recorded decimal number in the reader's language, to the digits it was recorded with: 65.8 -> '65,8' in French
    (review of round 92: « Utilisé (%) : 65.8 » in a French box), 1.67 -> '1,67'; '40.0' -> '40'; 1e-07 and NaN as recorded."""
    recorded = repr(value)
    if not math.isfinite(value) or "e" in recorded.lower():
        return recorded
    return number(value, len(recorded.partition(".")[2]))


def saved_place(folder: Path, *, chosen_by_you: bool = False) -> str:
    """Where a saved file is, in words the customer reads first: a well-known folder by its plain name, else the folder
    they chose (the window's "Save", ``chosen_by_you``) or the one the company chose (support.save_folder); never the path
    itself (the rule for what the customer reads first: the exact path comes after, on a line of its own, and in the log)."""
    from collections.abc import Callable

    import platformdirs

    from selfcheck import paths

    def same(other: Callable[[], str | Path]) -> bool:
        try:
            return Path(other()).expanduser().resolve() == folder.expanduser().resolve()
        except (OSError, RuntimeError, ValueError):
            return False

    if same(paths.user_documents_dir):
        return _("in your Documents folder")
    if same(platformdirs.user_desktop_dir):
        return _("on your desktop")
    if same(platformdirs.user_downloads_dir):
        return _("in your Downloads folder")
    return _("in the folder you chose") if chosen_by_you else _("in the folder your company chose for it")


_LANGUAGES = {
    "en": N_("English"), "fr": N_("French"), "de": N_("German"), "es": N_("Spanish"), "it": N_("Italian"), "nl": N_("Dutch"),
    "pt": N_("Portuguese"), "ca": N_("Catalan"), "pl": N_("Polish"), "sv": N_("Swedish"), "da": N_("Danish"), "nb": N_("Norwegian"), "no": N_("Norwegian"),
    "fi": N_("Finnish"), "el": N_("Greek"), "tr": N_("Turkish"), "ru": N_("Russian"), "ar": N_("Arabic"), "zh": N_("Chinese"),
    "ja": N_("Japanese"),
}  # fmt: skip

_REGIONS = {
    "US": N_("United States"), "GB": N_("United Kingdom"), "IE": N_("Ireland"), "CA": N_("Canada"), "AU": N_("Australia"),
    "NZ": N_("New Zealand"), "IN": N_("India"), "ZA": N_("South Africa"), "FR": N_("France"), "BE": N_("Belgium"),
    "CH": N_("Switzerland"), "LU": N_("Luxembourg"), "MC": N_("Monaco"), "DE": N_("Germany"), "AT": N_("Austria"), "ES": N_("Spain"),
    "MX": N_("Mexico"), "AR": N_("Argentina"), "IT": N_("Italy"), "NL": N_("Netherlands"), "PT": N_("Portugal"), "BR": N_("Brazil"),
    "PL": N_("Poland"), "SE": N_("Sweden"), "DK": N_("Denmark"), "NO": N_("Norway"), "FI": N_("Finland"), "GR": N_("Greece"),
    "TR": N_("Turkey"), "RU": N_("Russia"), "MA": N_("Morocco"), "DZ": N_("Algeria"), "TN": N_("Tunisia"), "SN": N_("Senegal"),
    "CN": N_("China"), "TW": N_("Taiwan"), "JP": N_("Japan"),
}  # fmt: skip


_LANGUAGES_BY_NAME = {name.lower(): name for name in _LANGUAGES.values()}
_REGIONS_BY_NAME = {name.lower(): name for name in _REGIONS.values()}


def locale_name(code: str | None) -> str:
    """'en_US.UTF-8' (or Windows' 'English_United States') -> 'English (United States)' / 'anglais (États-Unis)'.

    The customer reads names; the raw code, which support needs, stays in the evidence. A code not in the
    table stays as it is."""
    raw = str(code or "").strip()
    tag = raw.split(".", 1)[0].split("@", 1)[0].replace("-", "_")
    language, _sep, region = tag.partition("_")
    language_name = _LANGUAGES.get(language.lower()) or _LANGUAGES_BY_NAME.get(language.lower())
    if language_name is None:
        return raw
    if not region:
        return _(language_name)
    region_name = _REGIONS.get(region.upper()) or _REGIONS_BY_NAME.get(region.lower())
    if region_name is None:
        return raw
    return _("{language} ({region})").format(language=_(language_name), region=_(region_name))
