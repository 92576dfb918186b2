"""What will be sent, grouped as a person thinks of it (issue 21, the customer's side).

The review step before sending shows the bundle's files in four groups, each
with one line on what it holds and one on what leaving it out costs support,
and each file under a plain name ("Earlier checks on this computer", not
``history.json``). Pure and Qt-free: the window renders it, tests read it.
"""

from __future__ import annotations

import ipaddress
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

from selfcheck.bundle.manifest import DESCRIPTION_JSON, DESCRIPTION_TXT, LOGS_DIR, MANIFEST, REPORT, RESULTS, SCREENSHOT, SYSTEM
from selfcheck.i18n import N_, _
from selfcheck.wording import decimal, yes_no

WROTE, RESULTS_GROUP, COMPUTER, RECORD = "wrote", "results", "computer", "record"
#: the readable lines' own heading over what the inventory says of this program, not of the computer (not a key of system.json)
PROGRAM = "about this program"
LINK_FACTS = "facts/network.link.json"  # how the computer reaches the network, in the OS's own terms (cable or Wi-Fi)
INTERNET_FACTS = "facts/network.internet.json"  # whether anything on the internet answered beyond the box
DISK_FACTS = "facts/hardware.disk.json"  # the trash's size: the room emptying it gives, beside the room left

GROUPS: dict[str, tuple[str, str, str]] = {
    # (title, what it holds, what leaving it out costs)
    WROTE: (
        # small-screen round 7 (fr): « « Ce que vous avez écrit, votre nom et votre e-mail » a une case à cocher, mais juste en
        # dessous « Votre nom et votre e-mail » a un cadenas. Est-ce que je peux l'enlever ou pas ? »: its box leaves out the
        # words only (the name and e-mail go with the message whatever is ticked: a line of their own, "Always sent"), so
        # it is named for what it holds
        N_("What you wrote"),
        # send round 57 (en): on support's request, where the person wrote "The printer is on now.", "The problem in your own
        # words" was "a bit confusing": what they typed, whatever it is
        N_("The words you typed on the previous page, as you wrote them."),
        # send rounds 30-31 (en): "Without it, support…": "without what? Can I leave parts out?": the part, and taking it out, named
        # (it said "… and cannot answer you": they can, at the e-mail address, which is sent whatever is ticked)
        N_("If you take this part out, support does not know what you see."),
    ),
    RESULTS_GROUP: (
        # send round 12: « ce que ce programme a trouvé » / « ce qu'il a fait, étape par étape »: what is the difference?
        # this one is the verdict (what is wrong, what works); the step-by-step record is the other
        N_("What is wrong and what works on your computer"),
        # send round 17: "the details of each thing it looked at: which details?", « a-t-il regardé dans mes lettres ou mes photos ? »
        # send round 18: "what it measured for each check (measured what?)" (en, fr): what it found, as the title says
        N_("What it found for each thing it checked on this computer (never what is in your letters, photos or other files)."),
        # send rounds 30-31 (en): "Without it, support has to ask you…": "without what?": this part cannot be taken out
        # (results.json and report.html are REQUIRED), so it says so, and why
        # send rounds 39-40 (en): its reason ("so that support does not have to ask you to let this program check your computer
        # again") was read twice: the plain reason instead
        N_("This part is always sent: it is what support needs most to help you."),
    ),
    COMPUTER: (
        # send round 13: "how full", "which cable?", "Windows 11: the name of my computer?"
        # send round 12: "Facts about this computer" vague, "how it connects to the internet: I don't know how it does"
        # send round 17: "Wi-Fi or a cable: I don't know which one I have" (en, fr): not asked, the line inside says it
        # send round 27: "cable from your internet box" ("I don't know if mine uses a cable, and I'm not sure what the 'internet
        # box' is"), "Wi-Fi" ("heard it, couldn't explain it"), « Wi-Fi » et « box » (« de loin seulement »): a cable or none
        # send rounds 59-63 (en): "how it connects to the internet", "by a cable or without a cable": "I don't know which mine
        # is", "I don't really know how mine connects. I just turn it on" (in every round): no choice the reader cannot make;
        # whether it is on the internet, which they know
        N_("Your computer: what kind, and how much room is left"),
        # small-screen rounds 18, 19 and 21 (en: "Passwords are mentioned again and again … saying it so often made me start
        # wondering about my passwords"): said in the review's head and in this part's file line, not a third time here
        # send round 107 (en): "Nothing that shows who you are is sent": "but it sends my name" (the name and e-mail, a line
        # of their own above, always sent): said of this part, which is what it is about
        N_(
            "What kind of computer it is (for example “a PC with Windows”), how much room is left for your files, and whether its internet works."
            " Nothing in this part shows who you are."
        ),
        N_("If you take this part out, support can still help you, but may have to ask you questions about your computer."),
    ),
    RECORD: (
        # round 7: "notebook" / « carnet de bord » not understood; "what this program did, step by step" was (send dialog)
        # round 9: « je ne sais pas bien ce que ça veut dire »: one example, which checks and when
        # send rounds 39-40: "what this program did, step by step" ("I don't know what it means"; « est-ce qu'il a changé quelque
        # chose ? »): what it did was check, and say when
        N_("What this program checked, and when"),
        # send round 14: "what it looked at and when (looked at what?)": what the record is, the same words as the send dialog
        # send round 40 (en): "today and on earlier days": "Has this program been watching my computer every day without me knowing?":
        # it writes only while it is open; send round 41: "one line for each thing…": "a line of what?" (en, fr): the list of what it checked; send rounds 42-43: its examples were not understood either: none
        # send rounds 83 and 86 (en): "from the times you opened this program": "I'm not sure what that means", "Has it been
        # watching all along?": each time they opened it
        N_("The list of what it checked on your computer each time you opened this program, and when. Never the websites you visited."),
        # send round 36 (fr): « Si vous retirez les lignes sous son nom » : « Quelles lignes ? »; rounds 37-39, once those lines
        # were shown open, they were quoted in every round ("They sound like computer-office talk"): the table of contents,
        # the one line here that could not be taken out, went to the part that is always sent, so this part is taken out
        # whole, as the others are, and says so in their words
        # send round 88 (en): "why something could not be checked" quoted on both reviews: when it started, which they understood
        N_("If you take this part out, support can still help you, but may not see when the problem started."),
    ),
}
ORDER = (WROTE, RESULTS_GROUP, COMPUTER, RECORD)

#: the part always sent, made concrete with the first words of what the check showed the customer (told_of)
#: send rounds 73-75 (en): "What is wrong and what works on your computer": "That's a bit vague: what exactly do they look at?"
TOLD = N_("What this program told you: “{told}”.")
TOLD_HOLDS = N_("What it found for each thing it checked on this computer, such as “{told}” (never what is in your letters, photos or other files).")


@dataclass
class ReviewFile:
    path: str
    label: str
    size: int
    optional: bool
    #: files shown as this one line (the description as text and for support's programs): left out together
    also: tuple[str, ...] = ()

    @property
    def paths(self) -> tuple[str, ...]:
        return (self.path, *self.also)


@dataclass
class ReviewGroup:
    key: str
    files: list[ReviewFile] = field(default_factory=list)
    #: the part always sent: the first words of what the check told the customer (told_of), "" when unknown
    told: str = ""

    @property
    def title(self) -> str:
        return _(GROUPS[self.key][0])

    @property
    def holds(self) -> str:
        if self.key == RESULTS_GROUP and self.told:
            return _(TOLD_HOLDS).format(told=self.told)
        return _(GROUPS[self.key][1])

    @property
    def told_line(self) -> str:
        """What the check told the customer, quoted ("What this program told you: “Your computer is almost full”."), for
        the part always sent; "" for the other parts, or when the results say no headline."""
        return _(TOLD).format(told=self.told) if self.key == RESULTS_GROUP and self.told else ""

    @property
    def cost(self) -> str:
        return _(GROUPS[self.key][2])

    @property
    def size(self) -> int:
        return sum(f.size for f in self.files)

    @property
    def optional(self) -> bool:
        """Whether the whole group may be left out (every file in it may)."""
        return bool(self.files) and all(f.optional for f in self.files)


def group_of(path: str) -> str:
    if path in (DESCRIPTION_JSON, DESCRIPTION_TXT, SCREENSHOT):
        return WROTE
    if path == SYSTEM or path.startswith("recording/"):
        return COMPUTER
    if path.startswith(LOGS_DIR) or path in ("history.json", "repairs.json"):
        return RECORD
    return RESULTS_GROUP  # results, report, the support card, each check's facts, the table of contents: always sent


def label_of(path: str, titles: Mapping[str, str] | None = None) -> str:
    """A file as a person would name it ("Measurements of “Storage”" for facts/hardware.disk.json)."""
    named = {
        # send round 27: "Your description": "I only added a sentence about the printer here, not a description" (a request)
        # send round 36 (fr): « À gauche, je vois deux fois « Ce que vous avez écrit », ça m'embrouille »: the line under the
        # group "What you wrote" says it in other words (the group's own: "The words you typed on the previous page")
        DESCRIPTION_TXT: _("Your own words"),
        DESCRIPTION_JSON: _("Your own words"),
        SCREENSHOT: _("A picture of your screen"),
        RESULTS: _("What this program found"),
        REPORT: _("What it found, as a page support reads"),
        "support-card.txt": _("Summary for support"),
        "support-card.json": _("Summary for support"),
        # send round 38 (fr): « Le même texte est écrit deux fois, en gris puis en noir, et je me suis demandé si j'avais
        # cliqué deux fois »: this line said its group's title again; the group's own lines say what it holds
        # send rounds 61-62 (en): "Details of this computer": "Does that mean what's inside the computer, or my details?", "I
        # don't know what details": the words of the systems' own page about the computer (Windows' "About", "About This Mac")
        # send round 70 (en): "About this computer (no passwords)": "Why would it even mention passwords there?": the review's
        # head says it once for every part
        SYSTEM: _("About this computer"),
        "history.json": _("Earlier checks on this computer"),
        "repairs.json": _("Repairs tried on this computer"),
        # send round 37 (en, fr, once its line was in sight): "List of the files": "Does that mean a list of my own files and
        # photos?", « Quels fichiers ? Les miens ? Modifiés par qui ? »: the parts shown here, and where a change would happen
        # send round 38 (en, fr): "to show none was changed on the way": "Changed by whom? Could someone change my message on
        # the way?", « Quelqu'un pourrait donc changer mon message en chemin ? »: what it is to the reader, not what it guards
        MANIFEST: _("Table of contents of this message"),
        # cuts round 2: the window that makes it says watching, as the verdict's offer, and what it notes (verdict.WATCH_PRIVACY)
        "recording/recording.json": _("What this program noted while it watched"),
        "recording/timeline.svg": _("The same, as a chart"),
    }
    if path in named:
        return named[path]
    if path.startswith("facts/") and path.endswith(".json"):
        check_id = path[len("facts/") : -len(".json")]
        return _("What the check “{check}” found").format(check=(titles or {}).get(check_id, check_id))
    if path.startswith(LOGS_DIR):
        # not the group's own title again (send round 36, the same twice under "What you wrote"): what the lines are
        return _("Its steps, one line each, with the time")
    return path


#: files that are one thing to a person (the same words as text and for support's programs): one line, the first shown
TWINS = {DESCRIPTION_JSON: DESCRIPTION_TXT, "support-card.json": "support-card.txt"}


def told_of(text: str | None) -> str:
    """The first words of the verdict's headline the customer read, from the bundle's ``results.json`` (its ``diagnosis``):
    up to the first colon or full stop ("Your computer is almost full" of "Your computer is almost full: very little space
    is left on it. This is probably why…"); "" when the file is not there or says none."""
    try:
        data = json.loads(text or "")
    except ValueError:
        return ""
    diagnosis = data.get("diagnosis") if isinstance(data, dict) else None
    if not isinstance(diagnosis, dict):
        return ""
    verdict = diagnosis.get("verdict")
    headline = diagnosis.get("headline") or (verdict.get("headline") if isinstance(verdict, dict) else None)
    if not isinstance(headline, str):
        return ""
    # review of 550b6495: a name quoted in the headline (a printer's, a program's) is not cut at a colon or a full stop of its
    # own ("The printer “Dept. B” does not answer: …" was quoted as “The printer “Dept”)
    text, inside = _scalar(headline), 0
    first = text
    for found in re.finditer(r"[“«]|[”»]|\s*:\s|\.(?:\s|$)", text):
        if found.group() in ("“", "«"):
            inside += 1
        elif found.group() in ("”", "»"):
            inside = max(0, inside - 1)
        elif not inside:
            first = text[: found.start()]
            break
    first = first.strip()
    return "" if first == "—" else first


def group_files(files: Iterable[tuple[str, int, bool]], titles: Mapping[str, str] | None = None, told: str = "") -> list[ReviewGroup]:
    """(path, size, optional) of each file to be sent → the four groups (every file shown once; empty groups left out).

    A file and its twin (``description.txt`` and ``description.json``) are one line: the person wrote one description.
    ``told``: the first words of what the check told the customer (:func:`told_of`), quoted by the part always sent.
    """
    files = list(files)
    present = {path for path, _size, _optional in files}
    twin_size = {TWINS[path]: (path, size) for path, size, _optional in files if path in TWINS and TWINS[path] in present}
    groups = {key: ReviewGroup(key, told=told if key == RESULTS_GROUP else "") for key in ORDER}
    for path, size, optional in files:
        if path in TWINS and TWINS[path] in present:
            continue  # shown on its twin's line
        also: tuple[str, ...] = ()
        if path in twin_size:
            also = (twin_size[path][0],)
            size += twin_size[path][1]
        groups[group_of(path)].files.append(ReviewFile(path, label_of(path, titles), size, optional, also))
    return [g for g in (groups[k] for k in ORDER) if g.files]


#: the inventory's keys (system.json) in a person's words, for the plain lines a clicked part shows at once; a key is
#: looked up as "<its part>/<key>" first ("proxies/system": the system's proxy settings, not "Which one"), then alone.
#: Every key the inventory writes has words here (tests/bundle/test_review_plain_lines.py walks recorded inventories);
#: the program's own settings (selfcheck_config) keep their names as written in its configuration files, for support.
KEY_WORDS: dict[str, str] = {
    "os": N_("Windows, macOS or Linux"),
    "system": N_("Which one"),
    "release": N_("Version number"),
    "version": N_("Version details"),
    # round 91 (en): "Kind of processor: AMD64" on an Intel chip: its value says 64-bit first (architecture_words)
    "architecture": N_("Kind of processor"),
    "distribution": N_("Edition"),
    "distribution_id": N_("Short name of the edition"),
    "distribution_version": N_("Version of the edition"),
    # Windows' EditionID ("Core"), said as Windows names it (edition_words)
    "edition": N_("Edition of Windows"),
    "boot_time": N_("Switched on at"),
    # round 91: "On for (seconds): 71378": hours and minutes (wording.duration)
    "uptime_seconds": N_("On for"),
    "environment": N_("Language and settings"),
    "LANG": N_("Language setting"),
    "LC_ALL": N_("Language setting for everything"),
    "LANGUAGE": N_("Languages chosen"),
    "SHELL": N_("Program that reads typed commands"),
    "TZ": N_("Time zone"),
    "XDG_SESSION_TYPE": N_("Kind of screen session"),
    "XDG_CURRENT_DESKTOP": N_("Desktop in use"),
    "DESKTOP_SESSION": N_("Desktop session"),
    "machine": N_("The computer"),
    "sys_vendor": N_("Maker"),
    "vendor": N_("Maker"),
    "product_name": N_("Model number"),
    "product_version": N_("Model"),
    "product_family": N_("Model family"),
    "board_vendor": N_("Maker of the main board"),
    "board_name": N_("Main board"),
    "bios_vendor": N_("Maker of the start-up software (BIOS)"),
    "bios_version": N_("Version of the start-up software (BIOS)"),
    "bios_date": N_("Date of the start-up software (BIOS)"),
    "chassis_type": N_("Kind of case (a number from the maker's list)"),
    "cpu": N_("Processor"),
    # round 91: "Parts of the processor that work at the same time (real ones)" not understood: what each number counts
    "logical_cores": N_("Tasks it can do at the same time (threads)"),
    "physical_cores": N_("Working parts inside it (cores)"),
    "processor": N_("Processor"),
    "model": N_("Model"),
    # round 91: "Speed (MHz)": in GHz, as shops write it, the MHz after (speed_words)
    "frequency_mhz": N_("Speed"),
    "current": N_("Now"),
    "max": N_("Highest"),
    "load_average": N_("How busy it was"),
    # round 92 (fr): « Mémoire… Libre : 16,3 Go » : « il reste de la place libre alors qu'on me dit que l'ordinateur est
    # presque plein ? »: memory read as room for files; the heading and its free line say what memory is for
    "memory": N_("Memory (used by open programs; not the room for your files)"),
    "memory/available_bytes": N_("Free for programs now"),
    "total_bytes": N_("In all"),
    "available_bytes": N_("Free"),
    "free_bytes": N_("Free"),
    "used_percent": N_("Used (%)"),
    # round 91 (engineer's list): raw "Swap total bytes" / "Swap used percent"
    "swap_total_bytes": N_("Room on the disk used as extra memory (swap)"),
    "swap_used_percent": N_("Extra memory on the disk in use (%)"),
    "disks": N_("Disks"),
    "device": N_("Device"),
    "mountpoint": N_("Where its files are found (drive or folder)"),
    "fstype": N_("How files are kept on it (file system)"),
    "options": N_("Options"),
    "network_interfaces": N_("Connections to a network"),
    "name": N_("Name"),
    "addresses": N_("Addresses"),
    "family": N_("Kind of address"),
    "address": N_("Address"),
    "netmask": N_("Network mask"),
    "mac": N_("Hardware address (MAC)"),
    "up": N_("In use (up)"),
    "speed_mbps": N_("Speed (Mbit/s)"),
    "mtu": N_("Largest piece of data sent at once (MTU)"),
    "routes": N_("Ways to other networks"),
    "interface": N_("Connection"),
    "destination": N_("Towards"),
    "metric": N_("Priority (metric)"),
    "gateway": N_("Internet box"),
    "route_print": N_("Windows' list (route print)"),
    "netstat": N_("The system's list (netstat)"),
    "dns": N_("Name servers, which find websites by name (DNS)"),
    "servers": N_("Servers"),
    "source": N_("Read from"),
    "search": N_("Domains searched"),
    "resolv_conf_link": N_("Settings file it points to"),
    "proxies": N_("Relays for web traffic (proxies)"),
    "proxies/system": N_("Set in the system"),
    "proxies/environment": N_("Set for programs (environment)"),
    "pac_url": N_("Address of its setup file (PAC)"),
    "auto_detect": N_("Found by itself"),
    "bypass": N_("Not used for"),
    "problems": N_("Problems"),
    "processes": N_("Programs running"),
    "count": N_("How many"),
    "by_cpu": N_("Using the processor most"),
    "by_memory": N_("Using the most memory"),
    "pid": N_("Number (PID)"),
    "user": N_("Account"),
    "cpu_percent": N_("Processor used (%)"),
    "memory_bytes": N_("Memory used"),
    "sample_seconds": N_("Measured over (seconds)"),
    "situation": N_("Where it runs"),
    "virtual_machine": N_("A virtual computer"),
    "container": N_("In a container"),
    "remote_session": N_("Used from another computer (remote session)"),
    "managed": N_("Managed by a company"),
    "value": N_("Found"),
    "kind": N_("Kind"),
    "error": N_("Problem"),
    # round 91: "Version of the language this program is written in", "Installed as one package" read as facts about the
    # computer: grouped under a heading that says they are this program's (PROGRAM)
    PROGRAM: N_("About this program (for support)"),
    "selfcheck": N_("Version of this program"),
    "python": N_("Version of Python, the language it is written in"),
    "frozen": N_("Installed as a ready-made app"),
    "selfcheck_config": N_("Its settings, as written in its configuration files"),
}
#: os_info's keys about this program, not the computer: shown under PROGRAM, last, with its settings
PROGRAM_KEYS = ("selfcheck", "python", "frozen")
#: the inventory part whose keys are shown as written: this program's settings, by their names in its configuration files
SETTINGS = "selfcheck_config"

#: Windows' EditionID (the registry value platform.win32_edition() reads) as Windows names the edition to people. The
#: names: Microsoft Learn, "GetProductInfo function (sysinfoapi.h)", whose product types carry these ids without
#: "PRODUCT_" (PRODUCT_CORE "Windows 10 Home", PRODUCT_PROFESSIONAL "Windows 10 Pro", PRODUCT_PRO_WORKSTATION "Windows 10
#: Pro for Workstations", PRODUCT_CORE_SINGLELANGUAGE "Home Single Language", PRODUCT_CORE_COUNTRYSPECIFIC "Home China",
#: PRODUCT_ENTERPRISE_S "Enterprise LTSB/LTSC"...); the same EditionIDs are listed in "Windows edition upgrade" (Learn).
#: In French, as French Windows names them ("Famille", "Professionnel", "Entreprise", "Éducation").
WINDOWS_EDITIONS = {
    "Core": N_("Home"),
    "CoreN": N_("Home N"),
    "CoreSingleLanguage": N_("Home Single Language"),
    "CoreCountrySpecific": N_("Home China"),
    "Professional": N_("Pro"),
    "ProfessionalN": N_("Pro N"),
    "ProfessionalEducation": N_("Pro Education"),
    "ProfessionalWorkstation": N_("Pro for Workstations"),
    "Enterprise": N_("Enterprise"),
    "EnterpriseN": N_("Enterprise N"),
    "EnterpriseS": N_("Enterprise LTSC"),
    "Education": N_("Education"),
    "EducationN": N_("Education N"),
    "IoTEnterprise": N_("IoT Enterprise"),
    "ServerStandard": N_("Server Standard"),
    "ServerDatacenter": N_("Server Datacenter"),
}


def edition_words(edition_id: str) -> str:
    """Windows' EditionID as Windows shows it, its id after where they differ: "Home (Windows calls it Core)", "Enterprise"."""
    shown = _(WINDOWS_EDITIONS[edition_id]) if edition_id in WINDOWS_EDITIONS else edition_id
    return edition_id if shown == edition_id else _("{shown} (Windows calls it {raw})").format(shown=shown, raw=edition_id)


def architecture_words(machine: str) -> str:
    """platform.machine() in words, 64 or 32 bits first: "64-bit, Intel or AMD (AMD64)" (round 91: "AMD64" on an Intel chip)."""
    kind = machine.lower()
    if kind in ("amd64", "x86_64", "x64", "em64t"):
        return _("64-bit, Intel or AMD ({raw})").format(raw=machine)
    if kind in ("arm64", "aarch64"):
        return _("64-bit, ARM ({raw})").format(raw=machine)
    if kind in ("x86", "i386", "i486", "i586", "i686"):
        return _("32-bit, Intel or AMD ({raw})").format(raw=machine)
    return machine


#: the maker Windows' processor identifier ends with (platform.processor(): "Intel64 Family 6 Model 69 Stepping 1, GenuineIntel")
CPU_MAKERS = {"GenuineIntel": "Intel", "AuthenticAMD": "AMD"}


def processor_words(identifier: str) -> str:
    """Windows' processor identifier with its maker first: "made by Intel (Intel64 Family 6 Model 69 Stepping 1, GenuineIntel)"."""
    maker = CPU_MAKERS.get(identifier.rsplit(",", 1)[-1].strip())
    return _("made by {maker} ({raw})").format(maker=maker, raw=identifier) if maker else identifier


def speed_words(mhz: float) -> str:
    """A processor's speed in GHz as shops write it, the MHz recorded after: "2.5 GHz (2494 MHz)"."""
    from selfcheck.wording import number

    return _("{ghz} GHz ({mhz} MHz)").format(ghz=number(mhz / 1000, 1), mhz=number(mhz, 0))


def how_full(short: int, free: float) -> str:
    """How full the computer is, said only as the disk check judged its room (``short``: platforms.volumes.short_of_room, 2
    full, 1 almost full, 0 not): "full" when not one more photo fits, "almost full" otherwise; "" when the check found room.

    It said a fill picture of its own ('almost full' from 85 % used), so a 2 TB disk with 150 GB free, fine for the check
    and not in the verdict, read "the computer is almost full" (readers aged 67: "'the computer is almost full' gave me a
    fright"); "about half full" said nothing the room in photos does not."""
    from selfcheck.wording import photos_of

    if short <= 0:
        return ""
    return _("full") if photos_of(free)[0] < 1 else _("almost full")


#: systemd-detect-virt's names for the best-known programs that make virtual computers (systemd's docs,
#: "Virtualization technology"); any other name is said as the facts give it
VIRTUAL_MAKERS = {"oracle": "VirtualBox", "microsoft": "Hyper-V", "vmware": "VMware", "parallels": "Parallels", "kvm": "KVM", "qemu": "QEMU", "xen": "Xen"}


def virtual_line(kind: str) -> str:
    """The inventory's ``machine.virtualisation`` in words: which program runs this computer as a virtual one, or in a container.

    It said "Runs in a virtual computer made by this program", and "this program" reads as selfcheck.
    """
    from selfcheck.platforms.situation import SYSTEMD_CONTAINERS

    if kind in SYSTEMD_CONTAINERS:
        return _("This system runs in a container (a closed-off part of another computer), made with {program}").format(program=kind)
    return _("This computer is a virtual one, run inside another computer by {program}").format(program=VIRTUAL_MAKERS.get(kind.lower(), kind))


def internet_answered(internet: Any) -> bool | None:
    """Whether anything on the internet answered, from network.internet's facts (as that check decides it: an address
    reached, or its second name server's answer); None when it was not tested or its facts are not there."""
    if not isinstance(internet, Mapping):
        return None
    found, asked = internet.get("addresses"), internet.get("second_resolver")
    probes: Mapping[str, Any] = found if isinstance(found, Mapping) else {}
    second: Mapping[str, Any] = asked if isinstance(asked, Mapping) else {}
    if any(isinstance(p, Mapping) and p.get("status") in ("ok", "refused") for p in probes.values()):
        return True
    if second.get("status") == "answer" and second.get("addresses"):
        return True
    tested = [p for p in probes.values() if isinstance(p, Mapping) and p.get("status") != "blocked"]
    return False if tested or second else None


def connection_line(link: Any, internet: Any = None) -> str:
    """Whether this computer was on the internet when checked: "no" without an adapter up with an address (not the loopback
    nor a virtual one, from network.link's facts), else what network.internet's facts (``internet``) say; "" when either is
    missing. Not how: send rounds 59-64 (en, fr): "by a cable" / "without a cable" ("I don't know if my computer uses a
    cable", « Je ne sais pas si mon ordinateur marche avec un câble ou non ») asks the reader a fact they cannot check; which
    adapters the OS calls wireless stays in the part's files and the support card. Review: an address from the box is not the
    internet: a computer whose box lost the line (why most people write) read "On the internet when checked: yes"."""
    if not isinstance(link, Mapping) or not isinstance(link.get("interfaces"), list):
        return ""
    used = [
        i
        for i in link["interfaces"]
        if isinstance(i, Mapping) and not i.get("loopback") and not i.get("virtual") and i.get("up") and (i.get("ipv4") or i.get("ipv6_global"))
    ]
    answered = internet_answered(internet) if used else False
    if answered is None:
        return ""
    # send round 66 (en, fr): "whether it is on the internet: I assume that means whether my computer is connected", « et s'il
    # est sur internet » (« bizarre »): whether its internet worked, as the person says it
    return _("Internet: working when checked") if answered else _("Internet: not working when checked")


def facts_of(text: str | None) -> dict[str, Any] | None:
    """A check's facts from its bundle file (``facts/<check>.json``: ``{"check_id": ..., "facts": {...}}``), or None."""
    try:
        data = json.loads(text or "")
    except ValueError:
        return None
    facts = data.get("facts") if isinstance(data, dict) else None
    return facts if isinstance(facts, dict) else None


def computer_summary(text: str | None, link: Any = None, internet: Any = None, disk: Any = None) -> list[str]:
    """The inventory (``system.json``) in the few lines a person understands: what kind of computer, how much room is
    left, and, from network.link's and network.internet's facts (``link``, ``internet``), whether it was on the internet. The rest (versions, processor, settings) is for
    support and stays one click further (lay readers, round 6: a kernel version, 'x86_64', 'LANG', 'docker' were
    gibberish, and 'inside another computer' worrying)."""
    from selfcheck.platforms.volumes import disk_thresholds, files_volume, room_short, short_of_room, trash_on
    from selfcheck.wording import photos_of, room_of
    from selfcheck.wording import trash_first as trash_name  # its first naming on the review's screen

    try:
        data = json.loads(text or "")
    except ValueError:
        return []
    if not isinstance(data, dict):
        return []
    lines: list[str] = []
    os_part: dict[str, Any] = data["os"] if isinstance(data.get("os"), dict) else {}
    system = str(os_part.get("system") or "")
    edition = _scalar(os_part.get("distribution")) if os_part.get("distribution") else ""
    if system == "Windows":
        # send rounds 12-16: "Windows 11 Home: what is Home?", "Windows 11 (the name of my computer?)", "Windows 11" still
        # quoted: the person knows "Windows"; which Windows (inventory.os_name) stays in the details, for support
        # round 17: "a Windows computer (is that mine?)", « un ordinateur Windows »: the word people use for it
        kind = _("a PC with Windows")
    elif system == "Darwin":
        kind = _("a Mac")
    elif system:
        # round 7: "Debian GNU/Linux 12 (bookworm)? I thought I had Windows!": the system's family name only, and what it is
        family = edition.split()[0] if edition and edition != "—" else ""
        kind = (
            _("{system} ({family}), used on this computer instead of Windows").format(system=system, family=family)
            if family and family.lower() != system.lower()
            else _("{system}, used on this computer instead of Windows").format(system=system)
        )
    else:
        kind = ""
    if kind:
        lines.append(_("Kind of computer: {kind}").format(kind=kind))
    # the room where the person's files are, as the disk check judged it (a full /home beside a roomy "/": the verdict
    # speaks of the files' part, and so does this line); else, without its facts, the inventory's main disk
    files = files_volume(disk.get("volumes")) if isinstance(disk, Mapping) else None
    here: int | None = 0  # the part of the trash on that volume (platforms.volumes.trash_on, as the disk check's button)
    # whether it is short of room is the disk check's judgement, with the thresholds the scan used (system.json's own, else
    # the shipped ones): the line says "almost full" where the verdict does, and never about a disk the check found roomy
    rule = disk_thresholds(data)
    judged: Mapping[str, Any] | None = None
    role = "system"
    if files is not None and _sized(files.get("free"), files.get("total")):
        free, total = files["free"], files["total"]
        here = trash_on(disk, files) if isinstance(disk, Mapping) else 0
        judged = files
    else:
        disks: list[Any] = data["disks"] if isinstance(data.get("disks"), list) else []
        main = next((d for d in disks if isinstance(d, dict) and str(d.get("mountpoint", "")).rstrip("\\").upper() in ("/", "C:")), None)
        role = "system" if main is not None else "other"
        if main is None:
            sized = [d for d in disks if isinstance(d, dict) and isinstance(d.get("total_bytes"), int | float)]
            main = max(sized, key=lambda d: d["total_bytes"], default=None)
        free, total = (main.get("free_bytes"), main.get("total_bytes")) if main is not None else (None, None)
    if _sized(free, total):
        try:
            if judged is not None and isinstance(disk, Mapping):
                short = room_short(judged, disk.get("volumes"), disk.get("platform"), rule)
            else:  # the inventory's main disk, judged as the check judges a volume ("/" or C: is the system's)
                short = short_of_room({"free": free, "total": total, "role": role}, rule)
        except (TypeError, ValueError, OverflowError):
            short = 0
        # round 7: "57.1 GB of 271 GB" (GB) not understood: the room in photos, as the rest of the app says it, and how full
        # only when the check found it short of room (review of 94090ff: "full" where not one more photo fits)
        full, room = how_full(short, free), room_of(free)
        trash = disk.get("trash") if isinstance(disk, Mapping) else None
        in_trash = trash.get("bytes") if isinstance(trash, Mapping) else None
        in_trash = in_trash if isinstance(in_trash, int | float) and not isinstance(in_trash, bool) else 0
        if here is not None and photos_of(here)[0] >= 1:
            in_trash = here
            # small-screen rounds 16-17, send rounds 62-63 (en, fr): "room for about 210 more photos" here beside "room for about
            # 430 more photos" on the button that empties the trash: "Which is right? Did I empty the bin or not?", « j'ai bien
            # vidé la corbeille ou pas ? »: both numbers, and which is which
            # send round 66 (en, fr): "…and for about 430 more once the Recycle Bin is emptied": « 210 ou 430, alors ? »: the
            # room now, then what emptying it gives in the blue button's own words ("room for about 430 more photos"); small-screen
            # round 18 (en): "gives …: is that 430 in total, or 430 more on top of the 210?": it adds
            lines.append(
                # send round 68 (fr): « ajoute … 430 photos de plus » : « Est-ce que ça fait 430 en tout, ou 430 en plus des 210 ? »
                # (as small-screen round 18, en): the sum said too
                # send round 75 (en): "Recycle Bin. I know the little bin picture on my screen, but not really what emptying it does.": what it holds
                # send round 89 (en): "(about 640 in all)": "I had to add it up to understand it" (and read it right): the sum stays;
                # without it, small-screen round 18 (en) and send round 68 (fr) asked whether the 430 was in all or on top of the
                # 210, and French readers of send rounds 86-90 said the sum back right
                # send round 103 (fr): « (environ 640 en tout) » : « j'ai dû relire pour comprendre le calcul »: what the sum
                # counts (more photos) and when it is so (once the trash is emptied)
                # send round 104 (en): "The numbers are a lot to take in: 'about 210 more photos now', 'about 430 more photos',
                # 'about 640 more photos once it is emptied'", then on repair-done (430) "I did half expect 640": no sum; the two
                # facts, the room now and what emptying adds ("adds", as round 18 asked), in repair-done's and the button's number.
                # Support reads the free space and the trash's size in the parts' details and on the support card
                (
                    _("Room for your files: the computer is {full}, with {room} now; emptying {trash}, which holds the files you deleted, adds {more}")
                    if full
                    else _("Room for your files: {room} now; emptying {trash}, which holds the files you deleted, adds {more}")
                ).format(full=full, room=room, trash=trash_name(_system_platform(system)), more=room_of(in_trash))
            )
        elif photos_of(in_trash)[0] >= 1 and here is None and files is not None and disk.get("platform") == "windows":
            # review of the room line: Windows counts one Recycle Bin over every drive; the part on another drive gives this
            # one no room, so no sum ("in all" overstated it); the blue button's number still said, as at most what it adds
            # send round 75 (en): "Recycle Bin. I know the little bin picture on my screen, but not really what emptying it does.": what it holds
            lines.append(
                (
                    _(
                        "Room for your files: the computer is {full}, with {room} now; emptying {trash}, which holds the files you deleted, adds {more} "
                        "at most, as some of them may come from another drive"
                    )
                    if full
                    else _(
                        "Room for your files: {room} now; emptying {trash}, which holds the files you deleted, adds {more} at most, as some of them may "
                        "come from another drive"
                    )
                ).format(full=full, room=room, trash=trash_name("windows"), more=room_of(in_trash))
            )
        else:
            # the room plainly, without a judgement the check did not make: "Room for your files: room for about 12,000 more photos"
            lines.append(
                (_("Room for your files: the computer is {full}, with {room}") if full else _("Room for your files: {room}")).format(full=full, room=room)
            )
    connection = connection_line(link, internet)
    if connection:
        lines.append(connection)
    return lines


def _sized(free: Any, total: Any) -> bool:
    """Whether a volume's free and total space are numbers the room can be said from."""
    return all(isinstance(n, int | float) and not isinstance(n, bool) for n in (free, total)) and total > 0


def _system_platform(system: str) -> str:
    """system.json's OS name ("Windows", "Darwin", "Linux") as the platforms' names the wording uses."""
    return {"Windows": "windows", "Darwin": "darwin"}.get(system, "linux")


def _words(key: str, named: bool = False, part: str = "") -> str:
    """A data key as words: 'free_bytes' -> 'Free bytes', or, in the inventory (``named``), its plain name (KEY_WORDS, the
    key of the ``part`` it is in first: "proxies/system")."""
    if named:
        words = KEY_WORDS.get(f"{part}/{key}") or KEY_WORDS.get(key)
        if words:
            return _(words)
    text = key.replace("_", " ").replace(".", " ").strip()
    return text[:1].upper() + text[1:]


#: the inventory's "os" keys its "System: Windows 11 (build 22631)" line says already, where Python's own release is "10"
WINDOWS_RELEASE_KEYS = ("release", "version", "distribution")
#: the inventory's numbers that say nothing when 0: a speed psutil could not read ("At most: 0" on Linux machines without
#: cpufreq), the load Windows gives on psutil's first call (its docs: "a meaningless (0.0, 0.0, 0.0) tuple"), a network
#: connection's speed psutil could not read (its docs, net_if_stats: "if it can't be determined (e.g. 'localhost') it will
#: be set to 0"; round 92: "Speed (Mbit/s): 0")
ZERO_SAYS_NOTHING = ("frequency_mhz", "load_average", "speed_mbps")
#: a Windows drive's root as psutil.disk_partitions() gives it there, as device and mountpoint both ("C:\\")
WINDOWS_DRIVE = re.compile(r"([A-Za-z]):\\?")


def telling(inventory: Mapping[str, Any]) -> dict[str, Any]:
    """The inventory (``system.json``) without what its plain lines would say nothing with, for the review's readable lines
    only (the file sent keeps every value): empty or unknown values ("Language and settings: —"), a speed or a load of 0,
    and on Windows 11 the raw release "10" beside "Windows 11" (send round 91, en: "it says 'Windows 11' at the top and then
    'Version number: 10' just below. Which is it?"; fr: « Langue et réglages : — », « Au plus : 0 »). Round 92: empty lists
    inside lists go too ("Addresses: —" of a connection), on any Windows the "distribution" that is only its release and
    version again ("Edition: 10 10.0.19045" beside "Edition of Windows"), and a drive's device where it is its drive."""
    from selfcheck.platforms.windows import is_windows_11, windows_build

    def says(value: Any, zero_empty: bool = False) -> Any:
        if isinstance(value, Mapping):
            kept = {key: says(item, zero_empty or key in ZERO_SAYS_NOTHING) for key, item in value.items()}
            return {key: item for key, item in kept.items() if item is not _NOTHING}
        if isinstance(value, list):
            if zero_empty and all(says(item, True) is _NOTHING for item in value):
                return _NOTHING  # a load of 0, 0, 0; one 0 among other numbers still says how busy it was
            kept_items = [says(item) if isinstance(item, Mapping | list) else item for item in value]
            return [item for item in kept_items if item is not _NOTHING]
        if value is None or (isinstance(value, str) and value.strip().lower() in ("", "unknown", "—")):
            return _NOTHING
        if zero_empty and isinstance(value, int | float) and not isinstance(value, bool) and value == 0:
            return _NOTHING
        return value

    def cleared(value: Any) -> Any:
        """Containers left empty by :func:`says` go too ("Speed (MHz):" with nothing under it)."""
        if isinstance(value, Mapping):
            kept = {key: cleared(item) for key, item in value.items()}
            return {key: item for key, item in kept.items() if item is not _NOTHING and item != {} and item != []}
        if isinstance(value, list):
            return [cleared(item) for item in value]
        return value

    def drive(disk: Any) -> Any:
        """A Windows drive's device and mountpoint are the same "C:\\": said once, as its drive ("Drive: C:")."""
        if isinstance(disk, Mapping) and disk.get("device") == disk.get("mountpoint") and WINDOWS_DRIVE.fullmatch(str(disk.get("device"))):
            return {key: item for key, item in disk.items() if key != "device"}
        return disk

    data = dict(inventory)
    os_part = data.get("os")
    build = windows_build(str(os_part.get("version") or "")) if isinstance(os_part, Mapping) and os_part.get("system") == "Windows" else None
    if isinstance(os_part, Mapping) and build is not None and is_windows_11(build):
        # as inventory.os_name names it: Windows 11 by its build, whatever Python's release says
        data["os"] = {key: item for key, item in os_part.items() if key not in WINDOWS_RELEASE_KEYS}
    elif isinstance(os_part, Mapping) and os_part.get("system") == "Windows":
        # inventory.os_info's "distribution" on Windows is platform.win32_ver()'s release and version joined: said already
        again = " ".join(str(os_part.get(key) or "") for key in ("release", "version")).strip()
        data["os"] = {key: item for key, item in os_part.items() if not (key == "distribution" and str(item).strip() == again)}
    if isinstance(data.get("disks"), list):
        data["disks"] = [drive(disk) for disk in data["disks"]]
    proxies = data.get("proxies")
    system = proxies.get("system") if isinstance(proxies, Mapping) else None
    if isinstance(proxies, Mapping) and isinstance(system, Mapping) and _no_relay(system):
        data["proxies"] = {**proxies, "system": {**system, "source": _NO_RELAY}}
    memory = data.get("memory")
    if isinstance(memory, Mapping) and memory.get("swap_total_bytes") == 0:
        # review of round 92: "Extra memory on the disk in use (%): 0" under "…(swap): none set aside": none to be in use
        data["memory"] = {key: item for key, item in memory.items() if key != "swap_used_percent"}
    return cleared(says(data))


_NOTHING: Any = object()
#: the system's proxy "source" where none is set at all (netconf.ProxySettings' "direct", no setup file, nothing to find)
_NO_RELAY: Any = object()


def _no_relay(system: Mapping[str, Any]) -> bool:
    """The system's proxy settings as netconf records them set no relay at all: none found, no setup file (PAC), none to
    find by itself ("direct" alone may still come with a setup file, which the lines say)."""
    return system.get("source") == "direct" and not system.get("proxies") and not system.get("pac_url") and not system.get("auto_detect")


def about_the_program(inventory: Mapping[str, Any]) -> dict[str, Any]:
    """The inventory with what it says of this program (its version, Python's, how it was installed, its settings) taken
    out of the computer's parts and put last, under PROGRAM: round 91, "Version of the language this program is written
    in" and "Installed as one package" were read as facts about the reader's computer."""
    data = dict(inventory)
    program: dict[str, Any] = {}
    os_part = data.get("os")
    if isinstance(os_part, Mapping):
        program.update({key: os_part[key] for key in PROGRAM_KEYS if key in os_part})
        data["os"] = {key: item for key, item in os_part.items() if key not in PROGRAM_KEYS}
    if SETTINGS in data:
        program[SETTINGS] = data.pop(SETTINGS)
    if program:
        data[PROGRAM] = program
    return data


def _plain(value: object, indent: str, out: list[str], limit: int, named: bool = False, part: str = "") -> None:
    """``value`` as indented "Name: value" lines; ``named``: the inventory's, its keys in words (KEY_WORDS) and some of its
    values said plainly (:func:`_named_value`); under ``part`` SETTINGS, the settings' own names, as written."""
    if len(out) >= limit:
        return
    if isinstance(value, dict):
        for key, item in value.items():
            if len(out) >= limit:
                return
            key = str(key)
            label = key if part == SETTINGS else _words(key, named, part)
            if isinstance(item, (dict, list)) and item:
                out.append(indent + _("{label}:").format(label=label))
                _plain(item, indent + "    ", out, limit, named, SETTINGS if SETTINGS in (part, key) else key)
            else:
                said = _value_line(key, item, part, named and part != SETTINGS)
                out.append(indent + (said if said is not None else _("{label}: {value}").format(label=label, value=_scalar(item))))
    elif isinstance(value, list):
        for item in value:
            if len(out) >= limit:
                return
            if isinstance(item, (dict, list)) and item:
                out.append(f"{indent}–")
                _plain(item, indent + "    ", out, limit, named, part)
            else:
                said = decimal(item) if named and isinstance(item, float) else _scalar(item)
                out.append(f"{indent}– {said}")
    else:
        out.append(f"{indent}{_scalar(value)}")


def _value_line(key: str, item: Any, part: str, named: bool) -> str | None:
    """A line whose value is said in words (a time, a size; in the inventory, ``named``, also its durations, speeds, kinds
    of processor and Windows editions, the recorded value after where support needs it), or None for "Name: value"."""
    number = isinstance(item, int | float) and not isinstance(item, bool)
    line = _("{label}: {value}")
    label = _words(key, named, part)
    if key == "boot_time" and number:
        import time

        return line.format(label=label, value=time.strftime("%Y-%m-%d %H:%M", time.localtime(item)))
    if key.endswith("_bytes") and number and not (named and key == "swap_total_bytes" and item == 0):
        from selfcheck.wording import size

        return line.format(label=label, value=size(item))
    if not named:
        return None
    if key == "virtualisation" and isinstance(item, str) and item:
        return virtual_line(_scalar(item))
    if key == "uptime_seconds" and number:
        from selfcheck.wording import duration

        return line.format(label=label, value=duration(item))
    if key == "architecture" and isinstance(item, str):
        return line.format(label=label, value=architecture_words(_scalar(item)))
    if key == "edition" and part == "os" and isinstance(item, str):
        return line.format(label=label, value=edition_words(_scalar(item)))
    if key == "processor" and part == "cpu" and isinstance(item, str):
        return line.format(label=label, value=processor_words(_scalar(item)))
    if part == "frequency_mhz" and number:
        return line.format(label=label, value=speed_words(item))
    if key == "swap_total_bytes" and number and item == 0:
        return line.format(label=label, value=_("none set aside"))
    if key == "mountpoint" and part == "disks" and isinstance(item, str) and (letter := WINDOWS_DRIVE.fullmatch(item)):
        # round 92 (fr): « lecteur ou dossier : / »: a Windows drive as File Explorer names it ("Local Disk (C:)")
        return line.format(label=_("Drive"), value=letter.group(1).upper() + ":")
    if key == "gateway" and part == "routes" and isinstance(item, str) and _unspecified(item):
        # review of round 92: "Internet box: 0.0.0.0" (or "::") of a route with no gateway, which support could take for a
        # router's address: such a route goes straight onto the local network
        return line.format(label=label, value=_("none (straight onto the local network)"))
    if key == "source" and part == "system" and item is _NO_RELAY:
        # review of round 92: « Lu dans : direct », "Read from: direct", where no relay is set at all
        return _("No relay (proxy) is set")
    if isinstance(item, float):
        return line.format(label=label, value=decimal(item))
    return None


def _unspecified(address: str) -> bool:
    """A route's gateway that is no address (0.0.0.0, "::"): the route has no gateway."""
    try:
        return ipaddress.ip_address(address).is_unspecified
    except ValueError:
        return False


#: the characters Python calls unprintable that a line of words keeps: French typography's no-break spaces
_KEPT_SPACES = "\u00a0\u202f"


def _scalar(value: object) -> str:
    if value is None or value == [] or value == {} or value == "":
        return "—"
    if isinstance(value, bool):
        return yes_no(value)
    # one line, no control characters from the data; French typography's no-break spaces kept (i18n.french_spaces)
    return re.sub(" +", " ", "".join(ch if ch.isprintable() or ch in _KEPT_SPACES else " " for ch in str(value))).strip(" ")


class _PageText(HTMLParser):
    """The words of an HTML page (the report), without its styles, scripts or markup."""

    BLOCKS = frozenset({"p", "div", "li", "tr", "h1", "h2", "h3", "h4", "br", "section", "table", "dt", "dd", "summary", "details", "pre", "ul", "ol"})
    HIDDEN = frozenset({"style", "script", "head", "template"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.hidden = 0
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.HIDDEN:
            self.hidden += 1
        elif tag in self.BLOCKS:
            self.parts.append("\n")
        elif tag in ("td", "th"):
            self.parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.HIDDEN:
            self.hidden = max(0, self.hidden - 1)
        elif tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(data)


def plain_lines(text: str | None, limit: int = 40, path: str = "") -> tuple[list[str], int]:
    """A file's content as plain lines a person can read (what a clicked part shows at once).

    JSON becomes indented 'Name: value' lines (no braces or quotes; the inventory, ``system.json``, with its
    names in the reader's words); an HTML page its words without markup; other text line by line.
    Returns (at most ``limit`` lines, how many more there are). The exact text stays one click further.
    """
    if text is None:
        return [], 0
    if path.endswith((".html", ".htm")):
        page = _PageText()
        page.feed(text)
        page.close()
        text = "".join(page.parts)
    try:
        data = json.loads(text)
    except ValueError:
        lines = [_scalar(line) for line in text.splitlines() if line.strip()]
    else:
        lines = []
        if path == SYSTEM and isinstance(data, dict) and isinstance(data.get("os"), dict):
            from selfcheck.bundle.inventory import os_name

            # the customer's line says "a Windows computer"; which one (Windows 11, not Python's "10") is here, for support
            name = os_name(data["os"])
            if name:
                lines.append(_("System: {name}").format(name=_scalar(name)))
            data = about_the_program(telling(data))
        _plain(data, "", lines, 100_000, named=path == SYSTEM)
    return lines[:limit], max(0, len(lines) - limit)
