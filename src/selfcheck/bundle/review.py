"""What will be sent, grouped as a person thinks of it (issue 21, the customer's side).

The review step before sending shows the bundle's files in four groups, each
with one line on what it holds and one on what leaving it out costs support,
and each file under a plain name ("Earlier checks on this computer", not
``history.json``). Pure and Qt-free: the window renders it, tests read it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from selfcheck.bundle.manifest import DESCRIPTION_JSON, DESCRIPTION_TXT, LOGS_DIR, MANIFEST, REPORT, RESULTS, SCREENSHOT, SYSTEM
from selfcheck.i18n import N_, _

WROTE, RESULTS_GROUP, COMPUTER, RECORD = "wrote", "results", "computer", "record"

GROUPS: dict[str, tuple[str, str, str]] = {
    WROTE: (
        N_("What you wrote, your name and e-mail"),
        N_("Your description of the problem, your answers, and how support can reach you."),
        N_("Without it, support does not know what you see and cannot answer you."),
    ),
    RESULTS_GROUP: (
        N_("The results of the check"),
        N_("What selfcheck found, and the measurements each check made."),
        N_("Without it, support has to ask you to run the check again."),
    ),
    COMPUTER: (
        N_("Facts about this computer: system, disks, memory, network settings"),
        N_("Which system this is and how it is set up. Names of people and computers are masked."),
        N_("Without it, support may have to ask you questions about your computer."),
    ),
    RECORD: (
        N_("selfcheck’s record of what it did"),
        N_("What selfcheck did today and on earlier checks on this computer (not your web browsing)."),
        N_("Without it, support may not see when the problem started or why a check could not be done."),
    ),
}
ORDER = (WROTE, RESULTS_GROUP, COMPUTER, RECORD)


@dataclass
class ReviewFile:
    path: str
    label: str
    size: int
    optional: bool


@dataclass
class ReviewGroup:
    key: str
    files: list[ReviewFile] = field(default_factory=list)

    @property
    def title(self) -> str:
        return _(GROUPS[self.key][0])

    @property
    def holds(self) -> str:
        return _(GROUPS[self.key][1])

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
    if path.startswith(LOGS_DIR) or path in ("history.json", MANIFEST, "repairs.json"):
        return RECORD
    return RESULTS_GROUP  # results, report, the support card, each check's facts


def label_of(path: str, titles: Mapping[str, str] | None = None) -> str:
    """A file as a person would name it ("Measurements of “Storage”" for facts/hardware.disk.json)."""
    named = {
        DESCRIPTION_TXT: _("Your description, as text"),
        DESCRIPTION_JSON: _("Your description, for support’s tools"),
        SCREENSHOT: _("A picture of your screen"),
        RESULTS: _("The results of the check"),
        REPORT: _("The results as a page support reads"),
        "support-card.txt": _("Summary for support"),
        "support-card.json": _("Summary for support’s tools"),
        SYSTEM: _("Facts about this computer"),
        "history.json": _("Earlier checks on this computer"),
        "repairs.json": _("Repairs tried on this computer"),
        MANIFEST: _("List of the files, to show nothing was changed"),
        "recording/recording.json": _("What was measured while you made the problem happen"),
        "recording/timeline.svg": _("The same, as a chart"),
    }
    if path in named:
        return named[path]
    if path.startswith("facts/") and path.endswith(".json"):
        check_id = path[len("facts/") : -len(".json")]
        return _("Measurements of “{check}”").format(check=(titles or {}).get(check_id, check_id))
    if path.startswith(LOGS_DIR):
        return _("selfcheck’s log: what it did, step by step")
    return path


def group_files(files: Iterable[tuple[str, int, bool]], titles: Mapping[str, str] | None = None) -> list[ReviewGroup]:
    """(path, size, optional) of each file to be sent → the four groups (every file shown; empty groups left out)."""
    groups = {key: ReviewGroup(key) for key in ORDER}
    for path, size, optional in files:
        groups[group_of(path)].files.append(ReviewFile(path, label_of(path, titles), size, optional))
    return [g for g in (groups[k] for k in ORDER) if g.files]
