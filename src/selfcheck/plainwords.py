"""Plain words: what a customer reads first must hold no jargon, addresses, byte counts or file names.

``problems(text)`` lists, for one sentence (a headline, a summary, a cause or
the first thing to do), why it is not plain yet. The exact facts belong under
"Technical details" (``evidence``) and in the bundle. See docs/checks.md,
"Words the customer reads", for the rules and before/after examples; the test
``tests/test_plain_words.py`` runs this on every built-in check's fixtures in
English and French.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from selfcheck.i18n import N_, _, pick


@dataclass(frozen=True)
class Rule:
    pattern: re.Pattern[str]
    why: str
    #: the rule does not apply when the sentence also matches this (the sound's volume is not a disk volume)
    unless: re.Pattern[str] | None = None
    #: a word between quotes is a label the person sees on screen (“Proxy” in the settings): allowed
    quoted_ok: bool = False


_QUOTED = re.compile(r"“[^”]*”|«[^»]*»|\"[^\"]*\"")


def _words(*words: str) -> re.Pattern[str]:
    """Whole words, any case."""
    return re.compile(r"(?<![\w-])(?:" + "|".join(words) + r")(?![\w-])", re.IGNORECASE)


RULES: tuple[Rule, ...] = (
    Rule(re.compile(r"(?<![\d.])\d{1,3}(?:\.\d{1,3}){3}(?![\d.])"), "an IP address: say “your internet box” or “the company network”"),
    Rule(re.compile(r"(?i)(?<![\w:])(?:[0-9a-f]{1,4}:){2,7}[0-9a-f]{0,4}(?![\w:])(?=.*)|::[0-9a-f]{1,4}"), "an IPv6 address: say what the device is"),
    Rule(re.compile(r"https?://", re.IGNORECASE), "a web address: put it in help_url or the evidence"),
    Rule(
        re.compile(r"(?<![\w@])[\w-]+(?:\.[\w-]+)*\.(?:com|net|org|fr|de|io|local|lan|home|internal|example|invalid|test|localdomain)(?![\w-])", re.IGNORECASE),
        "a server or computer name: say what it is for (“the update service”, “your company’s server”)",
    ),
    Rule(
        re.compile(r"(?<![\w.])[\w-]+\.(?:exe|dll|sys|bin|sh|app|plist|json|log|conf|ini)(?![\w-])", re.IGNORECASE),
        "a file or program file name: say “the program Zoom”",
    ),
    Rule(re.compile(r"(?:^|[\s(«“])(?:/[\w.@-]+){1,}|[A-Za-z]:\\"), "a path: name the folder or drive as the person knows it (“the USB drive called Backup”)"),
    Rule(
        re.compile(r"(?<![\w-])(?:eth|wlan|wlp|enp|ens|eno|wwan|ppp|tun|tap|veth|virbr|docker|utun|awdl)\d\w*(?![\w-])"),
        "a network adapter's name: say “by cable” or “by Wi-Fi”",
    ),
    Rule(_words("bytes?", "octets?", "KiB", "MiB", "GiB", "TiB", "Kio", "Mio", "Gio"), "a byte count: use sizes people use (“about 2 GB”) or say “full”"),
    Rule(_words("DNS", "resolvers?", "résolveurs?", "nameservers?", "NXDOMAIN", "SERVFAIL"), "a protocol word: say “finding websites by name”", quoted_ok=True),
    Rule(_words("prox(?:y|ies)", "mandataires?"), "a protocol word: say “a relay your company set up for web traffic”", quoted_ok=True),
    Rule(_words("gateways?", "passerelles?", "routers?", "routeurs?"), "a network word: say “your internet box”", quoted_ok=True),
    Rule(
        _words("volumes?"),
        "a file-system word: say “the disk”, “the USB drive called …”",
        unless=re.compile(r"(?i)\b(sound|son|speaker|haut-parleur|audio|micro)"),
    ),
    Rule(
        _words("inodes?", "partitions?", "mount(?:ed|point)?s?", "monté(?:e|s)?", "file ?systems?", "systèmes? de fichiers", "filesystems?", "fstype"),
        "a file-system word: say what the person sees",
    ),
    Rule(
        _words(
            "TLS",
            "SSL",
            "HTTPS?",
            "TCP",
            "UDP",
            "ICMP",
            "DHCP",
            "NTP",
            "MTU",
            "IPv[46]",
            "IP",
            "ports?",
            "packets?",
            "paquets?",
            "latency",
            "latence",
            "jitter",
            "gigue",
        ),
        "a protocol word: say what stops working for the person",
        quoted_ok=True,
    ),
    Rule(
        re.compile(r"(?<![\w-])E(?:TIMEDOUT|CONNREFUSED|CONNRESET|HOSTUNREACH|NETUNREACH|ACCES|PERM|NOENT|NOSPC|ROFS)(?![\w-])"),
        "an error code: say what happened",
    ),
    Rule(
        _words(
            "errno",
            "exit code",
            "code de sortie",
            "stack ?trace",
            "traceback",
            "exception",
            "timeout",
            "SIGKILL",
            "kernel",
            "noyau",
            "daemon",
            "démon",
            "PID",
            "UID",
            "SMART",
            "CPU",
            "RAM",
            "swap",
        ),
        "a technical word: say it as a person would (“the processor”, “the memory”)",
        quoted_ok=True,
    ),
    # send rounds 41-50: the review's parts are left out by unticking them; a lay reader ticks and unticks, and does not
    # name the control ("check box", « case à cocher »)
    Rule(
        re.compile(r"(?<![\w-])(?:check[ -]?box(?:es)?|cases? à cocher)(?![\w-])", re.IGNORECASE),
        "a word for the screen's control: say what to do (“click its box to remove the tick”, « cliquez sur sa case pour enlever la coche »:"
        " “untick” and « décocher » were quoted in send rounds 52-58)",
        quoted_ok=True,
    ),
)


# Not a word but an instruction that frightens: people fear deleting their photos by mistake (lay readers, round 1).
RULES += (
    Rule(
        re.compile(r"(?i)^\s*(?:delete|supprimez|effacez)\s+(?:the\s+|les\s+|des\s+|vos\s+|your\s+)?(?:files|fichiers)\b"),
        "a general “delete files”: say first what is safe to remove (the trash, downloads you no longer need)",
    ),
)

# The program's own name: a company brands it (``[branding] product_name``, "Clearline Check"), and its customers never
# heard of "selfcheck": in the window titled "Clearline Check" they read "which selfcheck cannot give" (branding review,
# stop 32). A customer's sentence says "this program" (« ce programme »); commands to type are not linted here.
RULES += (Rule(_words("selfcheck"), "the program's own name, which a company's branding replaces: say “this program”"),)
# The message to support: the window's button is "Contact support", and its screens say "what this program sends"; "the
# diagnostic bundle" (« le dossier de diagnostic ») is support's word for the file (an admin's day one, stop 42: a crashed
# check told the customer to "send the diagnostic bundle to support")
RULES += (
    Rule(
        _words("(?:diagnostic )?bundles?", "dossiers? de diagnostic"),
        "support's word for the file sent: say “contact support” or “what this program sends them”",
        quoted_ok=True,
    ),
)


def problems(text: str) -> list[str]:
    """Why ``text`` is not plain yet (empty when it is): one line per rule broken, quoting what broke it."""
    found = []
    unquoted = _QUOTED.sub(" ", text)
    for rule in RULES:
        if rule.unless is not None and rule.unless.search(text):
            continue
        match = rule.pattern.search(unquoted if rule.quoted_ok else text)
        if match:
            found.append(f"“{match.group(0).strip()}” is {rule.why}")
    return found


#: a size in the units a computer counts in (“1.3 GB”, « 2 Go », “500 MB”): a sentence may say it (“about 2 GB”), but
#: a button may not (send round 19, en and fr: “Empty the Recycle Bin (frees 1.3 GB)”: “what is a GB?”, « Go »), nor
#: the question a fix asks before it runs (a reviewer: “Empty the Trash? The 3.2 GB of files in it…” said it again)
_SIZE = re.compile(r"(?<![\w-])\d[\d.,\u202f\u00a0 ]*\s?(?:[KMGTP]i?B|[kKMGTP]i?o|bytes?|octets?)(?![\w-])")


def _with_no_size(text: str, why: str) -> list[str]:
    """:func:`problems`, and a size in bytes (``_SIZE``) quoted with ``why``: what a button or a fix's question says instead."""
    found = problems(text)
    match = _SIZE.search(text)
    if match:
        found.append(f"“{match.group(0).strip()}” is {why}")
    return found


def label_problems(label: str) -> list[str]:
    """Why a fix's button label is not plain yet: :func:`problems`, and no size in bytes at all. A button says the room
    as people picture it (``wording.room_of``: “room for about 430 more photos”); the exact size stays in the
    recorded facts (the bundle)."""
    return _with_no_size(label, "a byte count on a button: say the room in photos (wording.room_of)")


def confirm_problems(question: str) -> list[str]:
    """Why a fix's confirmation (``Fix.confirm``, the question box the customer answers before it runs) is not plain
    yet: as for its button, :func:`problems` and no size in bytes at all. It says what goes and whether it can come
    back (“Empty the Trash? Everything in it will be deleted for good: you cannot get it back afterwards.”)."""
    return _with_no_size(question, "a byte count in a fix's question: say what goes (“everything in it”), not its size")


# Steps many checks give, written once so they read the same everywhere (translated where shown).
#: round 4: "which box? there are two boxes by the TV": the one that brings the internet, not the TV box
#: verdict round 14: "which box is the one that brings the internet? we have two under the TV": one a person can see
RESTART_BOX = N_(
    "Restart your internet box (the one with the Wi-Fi name on its label, not the TV box): unplug it from the power, wait 30 seconds, then plug it back in."
)
#: round 3: "if I unplug the box, do I lose my home phone?": say it stops for those few minutes, and comes back
#: verdict round 13: "stops meanwhile": "is my phone broken? will I miss a call?": only for those minutes, back by itself
#: verdict round 14: "steady: do the lights go green, or stop blinking?" (en, twice): what they will see
WAIT_FOR_THE_BOX = N_(
    "Wait until its lights stop blinking (this takes a few minutes; a home phone or TV that goes through the box stops only for "
    "those few minutes, then works again by itself), then check again."
)

#: the last step when websites still do not open after the steps before it (network.dns, network.https). The contact
#: button's label follows the branding ("Contact Clearline"): said by where it is, not quoted
ASK_IF_WEBSITES_STILL_DO_NOT_OPEN = N_("If websites still do not open, ask for help with the contact button at the bottom of the window.")


#: the full files' space's first step (checks/hardware_disk.py; the support card's draft quotes it). Agent rounds 14-15:
#: "the customer's screen says 'Empty the trash' with no warning to take things out first: they could lose something"
#: {trash}: wording.trash(platform), "the Recycle Bin" on Windows (verdict round 17)
EMPTY_THE_TRASH = N_("Empty {trash}, but look in it first and take out anything you still need: emptying cannot be undone.")


#: round 9 (a reader in a hotel): said as a step for home only, so a person away from home knows to skip it
AT_HOME_RESTART_BOX = N_(
    "At home only: restart your internet box (unplug it from the power, wait 30 seconds, plug it back in), then check again once its lights stop blinking."
)


#: network.internet's restart step (the line stops at the box), and the support card's draft quotes it, then says what a home
#: phone through the box does (supportcard.reply_draft): the same words, so the same translation
#: agent round 67 (line-down): "I added 'not the TV box', which the other two cards include and this one left out": the box
#: named as RESTART_BOX names it (round 4: "which box? there are two boxes by the TV")
#: agent round 75 (line-down): "If the line is down, the lights may never stop blinking, and the customer could wait forever":
#: the wait has an end (then "check again" fails, and the next step says who checks the line)
INTERNET_UNPLUG_STEP = N_(
    "Unplug the internet box (the one with the Wi-Fi name on its label, not the TV box), wait 30 seconds, plug it back in, and wait "
    "until its lights stop blinking: a few minutes, 10 at most. Then check again."
)
#: network.captive_portal's first step, and the support card's draft says where its button is (supportcard.REPLY_PORTAL_STEP)
PORTAL_SCREEN_STEP = N_("Click “Open the page” and press its “Accept” or “Connect” button, then check again.")


#: network.clock's why (a clock off by fail_seconds or more), and the support card's draft quotes it (the same words, so the
#: same translation). Round 3: "how can a clock break the internet? has someone tampered with my computer?": one sentence why.
#: round 8: "why would e-mail care about the date?": in one plain clause
#: round 9: "keep your connection safe" / « protéger votre connexion » quoted: fewer words
#: round 15: "how can a clock break the internet?" (en, fr): what the websites do, in one clause
#: round 16: "refuse a computer whose clock is wrong: why?" (en, fr): why the date matters, as a person knows it (a card valid
#: between two dates; no "certificate"), and this computer is the one that checks
#: round 17: "a kind of identity card: does my computer have an identity card?" (en, fr): no image, the check itself in a
#: shorter why (no "safe connection", quoted in round 9); verdict round 17: this computer checks the websites, not they it
CLOCK_WHY = N_(
    "Your computer uses its clock to check websites such as your e-mail before it opens them: with a wrong clock, that check fails, so they do not open."
)


#: steps that send the customer to their internet provider, each with its words when the company that gave them selfcheck
#: IS that provider (``[support] internet_provider = true``): then they call its support by name ({support}: the
#: branding's company, as wording.support_name says it). Agent rounds 23 and 25: "the customer-facing text says “call your
#: internet provider”, which is us, so I'd say “call us” instead". A check records :func:`provider_fact` when it collects
#: and words the step with :func:`to_provider` when it evaluates (evaluation reads no config)
LINE_MAY_BE_CUT = N_("If other devices at home have no internet either, call your internet provider: the line may be cut.")
DNS_BACK_OR_PROVIDER = N_("If it goes on, set the DNS servers back to automatic in the network settings, or tell your internet provider.")
FILTER_DNS_OR_PROVIDER = N_("Otherwise set the DNS servers back to automatic, or tell your internet provider.")
DNS_SLOW_OR_AUTOMATIC = N_("If it stays slow, tell your internet provider that their DNS is slow, or set the DNS servers back to automatic.")
DNS_SLOW = N_("If it stays slow, tell your internet provider that their DNS is slow.")
LINE_LOSES_DATA = N_("If it lasts, tell your internet provider: their line loses data or is slow.")
TO_PROVIDER = {
    LINE_MAY_BE_CUT: N_("If other devices at home have no internet either, call {support}: they can check your line from their side."),
    DNS_BACK_OR_PROVIDER: N_("If it goes on, set the DNS servers back to automatic in the network settings, or tell {support}."),
    FILTER_DNS_OR_PROVIDER: N_("Otherwise set the DNS servers back to automatic, or tell {support}."),
    DNS_SLOW_OR_AUTOMATIC: N_("If it stays slow, set the DNS servers back to automatic, or tell {support}: finding websites by name is slow on their side."),
    DNS_SLOW: N_("If it stays slow, tell {support}: finding websites by name is slow on their side."),
    LINE_LOSES_DATA: N_("If it lasts, tell {support}: your line loses data or is slow, and they can check it from their side."),
}
#: the fact :func:`provider_fact` records
PROVIDER_FACT = "internet_provider"


def provider_fact(config: Mapping[str, Any] | None) -> dict[str, Any]:
    """What a check records at collect time so that :func:`to_provider` can word its steps without the config:
    ``{"internet_provider": {"company": "Clearline Help"}}`` when ``[support] internet_provider`` is true (``company``:
    the branding's, a text or one per language, empty when not set), nothing otherwise (unknown who the provider is: the words stay "your internet
    provider"). ``config``: the merged configuration's data (``Context.config``)."""
    support = config.get("support") if isinstance(config, Mapping) else None
    if not isinstance(support, Mapping) or support.get("internet_provider") is not True:
        return {}
    branding = config.get("branding") if isinstance(config, Mapping) else None
    company = branding.get("company") if isinstance(branding, Mapping) else None
    if isinstance(company, Mapping):  # one per language: all kept, so support re-judging it in theirs reads their own
        return {PROVIDER_FACT: {"company": {str(k)[:8]: v.strip()[:80] for k, v in company.items() if isinstance(v, str)}}}
    return {PROVIDER_FACT: {"company": company.strip()[:80] if isinstance(company, str) else ""}}


def to_provider(step: str, facts: Mapping[str, Any]) -> str:
    """``step`` (one of :data:`TO_PROVIDER`'s keys), translated: as it reads, or, when the facts say the company is the
    customer's internet provider (:func:`provider_fact`), naming its support ("call Clearline Help: they can check your
    line from their side"; "your support team" when the branding names no company)."""
    ours = facts.get(PROVIDER_FACT) if isinstance(facts, Mapping) else None
    if not isinstance(ours, Mapping):
        return _(step)
    named = ours.get("company")  # a text, or one per language (hostile: from a bundle's facts)
    company = pick(named).strip()[:80] if isinstance(named, str | dict) else ""
    return _(TO_PROVIDER[step]).format(support=company or _("your support team"))


def restart_the_box() -> list[str]:
    """“Restart your internet box”, as steps a person can follow without a button."""
    return [_(RESTART_BOX), _(WAIT_FOR_THE_BOX)]


def program_name(name: str) -> str:
    """A program as a person knows it: “chrome.exe” → “Google Chrome”, “OUTLOOK.EXE” → “Outlook”, “rt-server” → “rt-server”.

    The raw process name stays in the evidence.
    """
    stem = name.strip()
    if stem.lower().endswith((".exe", ".app", ".bin")):
        stem = stem[:-4]
    return KNOWN_PROGRAMS.get(stem.lower(), stem)


#: programs people know as "the internet": named as their web browser
WEB_BROWSERS = frozenset({"Google Chrome", "Firefox", "Microsoft Edge", "Safari", "Opera", "Brave", "Chromium"})


def program_phrase(name: str) -> str:
    """““Firefox”, the program you use to visit websites” or “the program “Zoom”” (a lay reader took “the program
    Firefox” for a virus, and in round 2 quoted “web browser” and asked whether Firefox was their internet)."""
    if name in WEB_BROWSERS:
        return _("“{name}”, the program you use to visit websites").format(name=name)
    return _("the program “{name}”").format(name=name)


def program_phrases(names: list[str]) -> str:
    """Several programs, as :func:`program_phrase`, joined with a translated “and”."""
    phrases = [program_phrase(n) for n in names]
    if len(phrases) <= 1:
        return "".join(phrases)
    return _("{first} and {last}").format(first=", ".join(phrases[:-1]), last=phrases[-1])


#: process names of well-known programs (Windows, macOS, Linux) and the names people know them by
KNOWN_PROGRAMS = {
    "chrome": "Google Chrome",
    "google chrome": "Google Chrome",
    "google chrome helper": "Google Chrome",
    "msedge": "Microsoft Edge",
    "firefox": "Firefox",
    "firefox-esr": "Firefox",
    "isolated web co": "Firefox",  # Firefox's pages run in processes of this (cut) name
    "web content": "Firefox",
    "privileged cont": "Firefox",
    "rdd process": "Firefox",
    "socket process": "Firefox",
    "gpu process": "Firefox",
    "teams": "Microsoft Teams",
    "ms-teams": "Microsoft Teams",
    "outlook": "Outlook",
    "winword": "Word",
    "excel": "Excel",
    "powerpnt": "PowerPoint",
    "onedrive": "OneDrive",
    "msmpeng": "Microsoft Defender",
    "mssense": "Microsoft Defender",
    "searchindexer": "Windows Search",
    "tiworker": "Windows Update",
    "svchost": "Windows",
    "explorer": "File Explorer",
    "zoom": "Zoom",
    "zoom.us": "Zoom",
    "skype": "Skype",
    "thunderbird": "Thunderbird",
    "mds_stores": "Spotlight",
    "mdworker": "Spotlight",
    "kernel_task": "macOS",
    "windowserver": "macOS",
    "backupd": "Time Machine",
    "dropbox": "Dropbox",
    "slack": "Slack",
    "code": "Visual Studio Code",
    "soffice.bin": "LibreOffice",
    "soffice": "LibreOffice",
    "tracker-miner-fs-3": "the file search of your desktop",
    "baloo_file": "the file search of your desktop",
}
