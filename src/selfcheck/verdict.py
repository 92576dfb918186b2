"""The customer's verdict: what a person reads first, computed once from the diagnosis.

The window, the terminal report, the scan JSON (``diagnosis.verdict``) and
report.html all render this model and nothing else, so they cannot disagree
on the headline, the cause, the one action or the order of the problems.

Pure and Qt-free: built from the results (with ``consequence_of`` already set
by :func:`selfcheck.diagnosis.diagnose`), the root causes in their order, the
chosen symptom and the config (for the symptom's words and checks).

- **Urgency** of a problem, in words: ``now`` ("Needs attention now"),
  ``easy`` ("Easy to fix": it stops the person, but it is simple and harmless
  to put right, such as the sound turned off or a printer out of paper; a red
  cross there read as an emergency), ``later`` ("Can wait"), ``info`` ("For
  information"). A check may set it on
  its :class:`~selfcheck.api.Outcome`; otherwise a failure needs attention now
  and a warning can wait. A warning that explains the symptom the customer
  chose needs attention now: it is their problem.
- **Order**: with a symptom, problems that belong to it first; then by
  urgency; then problems that appeared since the last scan (the history says
  which) before standing ones; then in the diagnosis' order (failures first,
  more fundamental first).
- **Groups**: the first problem is the headline; the other problems that need
  attention now are "Also needs attention"; the rest are "Other things we
  noticed — not urgent", folded by default when a symptom was chosen and none
  of them belongs to it. A problem outside the chosen symptom says so in one
  line ("This is not why the internet does not work.").
- **Action**: the headline problem's first advice, the steps after it, and the
  button of its safe fix when it has one.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

from selfcheck.api import URGENCIES, Result, Status
from selfcheck.i18n import N_, _, current_language, ngettext
from selfcheck.platforms.adminprompt import ADMIN_PASSWORD, CONSENT, NONE, OWN_PASSWORD
from selfcheck.recorded import START_WATCHING as START_WATCHING  # the watching's words: one home, recorded's (re-exported)
from selfcheck.recorded import WATCH_AGAIN as WATCH_AGAIN
from selfcheck.symptoms import covers as in_symptom
from selfcheck.symptoms import effect as symptom_effect
from selfcheck.wording import support_name

if TYPE_CHECKING:
    from selfcheck.config import Config

HEADLINE, ALSO, LATER = "headline", "also", "later"
GROUP_TITLES = {
    ALSO: N_("Other problems to fix now"),  # send round 13: "Also needs attention" was quoted
    LATER: N_("Other things we noticed — not urgent"),
}
URGENCY_WORDS = {"now": N_("Needs attention now"), "easy": N_("Easy to fix"), "later": N_("Can wait"), "info": N_("For information")}
#: the urgencies of the "Also needs attention" group
_ACT_NOW = ("now", "easy")
_URGENCY_RANK = {u: i for i, u in enumerate(URGENCIES)}

SYMPTOM_LINK = N_("{problem} This is probably why {effect}.")
#: round 8: "Some websites do not open. This is probably why the internet does not work." contradicted itself: a
#: problem that explains only part of the symptom (:attr:`Outcome.partial`) is linked to it by what the person noticed
#: round 9: "This is probably what you noticed" was quoted by both readers ("what if I didn't notice anything?"): a
#: partial problem's headline stands alone, with no link sentence
#: round 14: "Websites do not open. … This is probably why the internet does not work." said it twice: a headline that
#: already says the symptom (:attr:`Outcome.says_symptoms`) stands alone too
NOT_THE_SYMPTOM = N_("This is not why {effect}.")
ALL_GOOD = N_("Everything we checked looks fine.")
ALL_GOOD_WITH_SYMPTOM = N_("Everything we checked looks fine, so we could not find why {effect}.")
#: the internet chosen (its checks all passed): cuts round 2, all four readers: "we could not find why the internet does not
#: work": "it sounds as if my internet is broken right now, but it was working", « j'ai cru que c'était complètement cassé »:
#: what is true, it works at this moment, so the problem (which comes and goes) could not be seen
ALL_GOOD_INTERNET = N_("Everything we checked works right now, so we could not see the problem.")
ONLY_ERRORS = N_("We found no problem, but some checks could not be done.")
NOTHING_APPLIED = N_("None of these checks could be done on this computer.")
#: send round 25 / verdict round 23: "I did it — check again" ("what is done?") and then "I did the steps above — check
#: again" ("when there was nothing for me to do myself", backup-drive-full): every reader says "then I click check again":
#: one label, everywhere. Send rounds 89-94 (en): "'Check again': check what, exactly?"; small-screen round 29 (fr):
#: « « Vérifier à nouveau » : je ne vois pas pourquoi je le ferais »: the first button's words, "Check my computer", again;
#: the texts that tell the person to press it quote this label (gui/fixes.py)
CHECK_AGAIN = N_("Check my computer again")
#: send round 103 (fr): « Vérifier mon ordinateur à nouveau » beside the steps that make room: « je ne sais pas pourquoi je
#: devrais le faire »: on a computer short of room, when it is for (the blue button's repair checks again by itself); send
#: round 104 (en): "Check my computer again once you have made room": "Do I have to press that myself?": when the customer
#: presses it, having made room another way than the blue button (short in French: it shares the short window's row of
#: buttons with the blue one at 1366x768 and 14 pt, tests/gui/test_send_words_round104.py); send round 105 (fr): « Place
#: faite autrement ? Revérifier » not understood: the French says it as the person would (words46c.po); send round 108
#: (en, fr): "Made room another way? Check my computer again", « J'ai fait de la place : revérifier » (« je ne sais pas quand
#: il faut cliquer dessus »): when, first (after making room themselves), then what it does; send rounds 113-114 (en):
#: "After making room yourself: check my computer again" ("I'm not sure when I'd use that", "clumsy to read"), while the
#: French « Après avoir fait de la place : revérifier » was not quoted: the English says what the French says
CHECK_AGAIN_ROOM = N_("After making room: check my computer again")
TRY_AGAIN = N_("Try the checks again")
#: round 7: "after asking you" read as "asking me what? my password? I wouldn't know it": whose password, if any
REPAIR_FIRST = N_("Click “{repair}”: this computer does it for you once you say yes, with no password to type.")
#: round 8: "never give my password to anything that pops up": whose window asks, and that this program never sees it
#: (as the repair consent screen says, which readers trusted)
#: round 9: the password still feared by both ("never give my password"): said once, as the computer's usual question
#: round 10: the French reader types a 4-digit code (Windows Hello PIN): "is it the same thing?"
#: round 13: still feared by every reader ("never give your password"; fr: "I am not sure I have one"): the same one as
#: when they start the computer, and what happens when they type none (as the repair's consent window says)
REPAIR_FIRST_ADMIN = N_(
    "Click “{repair}”. Your computer then asks for the same password or PIN code you type to start it, as it does for any change to its "
    "settings; if you type none to start it, it only asks you to click “Yes”."
)
#: issue "a claim false for most customers": REPAIR_FIRST_ADMIN (kept for a computer whose prompt is not known) promised
#: a password to a Windows administrator with UAC on (most home PCs: the first account), whom UAC only asks to click
#: "Yes", and "your own" to a standard account, whose prompt wants an administrator's. What the system's prompt asks
#: this account is a fact of the scan (:attr:`selfcheck.runner.Scan.admin_prompt`, selfcheck.platforms.adminprompt);
#: the step says that one thing, keeping what answered the fear (rounds 8-13): "that is normal", and, where a password
#: is asked, that only the computer checks it
REPAIR_CLICK = N_("Click “{repair}”.")
#: verdict round 20 ("My grandson always tells me never to click Yes on boxes that pop up"; « on m'a toujours dit de
#: me méfier de ça ») and send round 21 (« je ne sais pas qui pose la question, ni s'il y aura aussi un mot de passe »):
#: "consent" is Windows' UAC only, so the step says who asks (Windows, in its own window) and that no password follows.
#: The program it names is not said: it is the helper's executable (repairs/elevation.py helper_argv), python.exe or
#: the build's own, whose name the brand sets. Verdict round 21 and send round 22 (both readers each): Windows' question
#: said in its words was not understood ("allow this app to make changes to your device", "app", "device"; « je ne sais
#: pas si votre appareil veut dire l'ordinateur ou la boîte »), nor "changes to the computer's settings"; what they
#: understood and kept is all the step says: Windows asks in its own window, click "Yes", that is normal, no password
PROMPT_STEP = {
    # send round 25 (every round, en and fr): "in its own window": "what will that window look like, and what will it say?":
    # what Windows 10 and 11 show by default (UAC's secure desktop: the screen dims, one window, "Yes" and "No")
    # review of stop 46: "asking whether to allow it" ("Allow what, exactly?", send rounds 39-40) while the repair dialog
    # quotes Windows' question in the words it shows, with what its "app" and "device" are (send round 105): the same
    # words here (Windows only: the password prompts below keep "your computer asks", their words differ by system)
    CONSENT: N_(
        "Windows then darkens the rest of the screen and asks, in a window in the middle: “Do you want to allow this app to make changes to"
        " your device?” (the app is this program, the device is this computer). Click “Yes”: that is normal, and no password is needed."
    ),
    OWN_PASSWORD: N_(
        "Your computer then asks for the password or PIN you type to start it: that is normal. Only your computer checks it: this program never sees it."
    ),
    ADMIN_PASSWORD: N_(
        "Your computer then asks for the password of the person who manages it (for example whoever set it up): that is normal. Only your computer "
        "checks it: this program never sees it. If you do not have it, call {who}."
    ),
}


def repair_first_admin(repair: str, prompt: str | None, config: Config | None = None) -> str:
    """The first step of a repair that needs administrator rights, saying what this computer's prompt asks."""
    if prompt == NONE:  # no prompt comes (root, an elevated or UAC-off administrator): as a repair that needs no rights
        return _(REPAIR_FIRST).format(repair=repair)
    if prompt not in PROMPT_STEP:
        return _(REPAIR_FIRST_ADMIN).format(repair=repair)
    return _(REPAIR_CLICK).format(repair=repair) + " " + _(PROMPT_STEP[prompt]).format(who=support_name(config, mid_sentence=True))


def is_repair_first_admin(text: str, repair: str) -> bool:
    """Whether ``text`` is :func:`repair_first_admin`'s step for ``repair``, whatever the prompt (the support card
    words it in one clause)."""
    return text == _(REPAIR_FIRST_ADMIN).format(repair=repair) or text.startswith(_(REPAIR_CLICK).format(repair=repair) + " ")


IF_NOT_FIXED = N_("If that does not put it right: {step}")
#: languages whose sentence goes on in lower case after a colon ("…: click …", « … : cliquez … »); in others the step
#: keeps its capital (German starts a whole sentence after a colon with one, and writes every noun with one)
LOWER_AFTER_COLON = ("en", "fr")


def _after_colon(step: str) -> str:
    """A translated step put after IF_NOT_FIXED's colon: its first letter lowered where the language does so, unless
    the first word is a name with capitals inside (Wi-Fi, macOS, HP)."""
    first = step.split(" ", 1)[0]
    if current_language() not in LOWER_AFTER_COLON or any(c.isupper() for c in first[1:]):
        return step
    return step[:1].lower() + step[1:]


def status_icon(status: Status) -> str:
    """The icon name (resources/icons) of a status, as every renderer shows it."""
    return {
        Status.FAIL: "status-fail",
        Status.WARN: "status-warn",
        Status.ERROR: "status-error",
        Status.INFO: "status-info",
        Status.SKIP: "status-skip",
    }.get(status, "status-pass")


def problem_icon(status: Status, urgency: str, at_risk: bool = False) -> str:
    """A problem's icon follows its urgency and its stakes (one scheme for the window, the terminal and report.html):

    - the red cross only for a failure that needs attention now and puts files or the computer at risk
      (``at_risk``: the check declares it, :attr:`selfcheck.api.Check.at_risk`); lay readers read a red cross on a
      slow computer, a wrong clock or a full shared folder as "something is broken" (round 3);
    - a calm amber "!" in a circle, "needs your attention", for any other problem that needs attention now;
    - a teal arrow for something easy and harmless to do (a red cross for "no paper" read as an emergency);
    - a grey clock for what can wait ("Nothing needs attention now" beside a warning sign read as a contradiction);
    - the "i" for information.
    """
    if urgency == "easy":
        return "status-easy"
    if urgency == "now":
        return "status-fail" if status is Status.FAIL and at_risk else "status-attention"
    if urgency == "later":
        return "status-later"
    return "status-info"


#: the status whose sign and colour each verdict icon is drawn with by a renderer without icons (the terminal,
#: report.html), so they show the stakes as the window does: a calm sign for what is easy or can wait
ICON_STATUS = {
    "status-fail": Status.FAIL,
    "status-warn": Status.WARN,
    "status-attention": Status.WARN,
    "status-error": Status.ERROR,
    "status-skip": Status.SKIP,
    "status-info": Status.INFO,
    "status-later": Status.INFO,
    "status-easy": Status.INFO,
    "status-pass": Status.PASS,
}


def icon_status(icon: str) -> Status:
    return ICON_STATUS.get(icon, Status.PASS)


def urgency_label(urgency: str) -> str:
    """The word beside a problem's icon (its accessible name too): the urgency, not the status."""
    return _(URGENCY_WORDS[urgency])


@dataclass
class Action:
    """The one thing to do now: a sentence, the steps after it, and a button when there is a safe one."""

    text: str
    check_id: str | None = None
    steps: list[str] = field(default_factory=list)
    #: the label of the safe fix's button (``Result.fix``), None when the action has no button
    button: str | None = None
    fix_action: str | None = None
    #: the repair the button does (``selfcheck.repairs``) when it does for the person what the fix only opens a
    #: window for; the fix's own button (``fallback_button``) is then the fallback step's
    repair: str | None = None
    fallback_button: str | None = None
    #: how many of the last ``steps`` are other ways the window folds behind "More ways to …" (Outcome.folded_advice)
    folded: int = 0

    def button_note(self) -> str | None:
        """The line a text or page rendering adds to say what the window's button does (none when a step
        already names it, or there is no button): the terminal and report.html say it the same way."""
        steps = [self.text, *self.steps]
        if not self.button or any(self.button in step for step in steps):
            return None
        words = (
            _("(In the window, the button “{button}” does only that; the other steps are done by hand.)")
            if len(steps) > 1
            else _("(In the window, the button “{button}” does it for you.)")
        )
        return words.format(button=self.button)


@dataclass
class Item:
    """One problem as the customer reads it."""

    check_id: str
    title: str
    summary: str
    status: Status
    urgency: str
    group: str
    icon: str
    #: one line saying what this problem does not do ("This is not why …"), when that is true
    reassurance: str | None = None
    #: it belongs to the problem the customer chose
    related: bool = False
    #: checks that follow from this one (not done, or failing because of it)
    consequences: list[str] = field(default_factory=list)

    @property
    def urgency_text(self) -> str:
        return _(URGENCY_WORDS[self.urgency])


@dataclass
class Verdict:
    status: Status
    icon: str
    headline: str
    cause: str | None
    action: Action | None
    count_line: str
    items: list[Item]
    #: the "not urgent" group starts folded
    later_folded: bool = False
    could_not_check: list[str] = field(default_factory=list)
    symptom: str | None = None
    #: the label of the one "check again" button of this state, and what it checks again (empty: everything)
    check_again: str = ""
    check_again_ids: list[str] = field(default_factory=list)
    #: the offer to watch while the problem happens (a recording, selfcheck.history.record): the sentence that offers it
    #: ("" when a step already says it) and the label of the window's button that opens it ("" when not offered)
    watch: str = ""
    watch_button: str = ""
    #: what a recording found, when this verdict says it (:func:`recorded`): "cuts" or "busy"; "" for a scan's own verdict
    recorded: str = ""

    @property
    def watch_main(self) -> bool:
        """The watch button is the page's main one: its steps start with watching (a problem chosen, nothing found) or end
        with watching again (what a recording found). A verdict that found nothing with no problem chosen only offers it."""
        return bool(self.watch_button) and (bool(self.recorded) or self.action is not None)

    def group_status(self, category: str) -> str:
        """What a category's heading says in place of "All OK", or "": where a recording caught the cuts, the network checks
        passed between them (cuts round 1, fr: « Internet et réseau : Tout va bien » under the cuts: « Alors, est-ce que ça va
        ou pas ? »)."""
        return _(CHECKED_BETWEEN_GROUP) if self.recorded == RECORDED_CUTS and category == "network" else ""

    @property
    def order(self) -> list[str]:
        """The problems' ids in the order the customer reads them."""
        return [i.check_id for i in self.items]

    def group(self, name: str) -> list[Item]:
        return [i for i in self.items if i.group == name]

    @property
    def top(self) -> Item | None:
        return self.items[0] if self.items and self.items[0].group == HEADLINE else None

    @staticmethod
    def group_title(name: str) -> str:
        return _(GROUP_TITLES[name])

    def to_dict(self) -> dict[str, Any]:
        return {
            "status": self.status.value,
            "icon": self.icon,
            "headline": self.headline,
            "cause": self.cause,
            "action": asdict(self.action) if self.action else None,
            "count_line": self.count_line,
            "order": self.order,
            "items": [
                {
                    "id": i.check_id,
                    "title": i.title,
                    "summary": i.summary,
                    "status": i.status.value,
                    "urgency": i.urgency,
                    "urgency_text": i.urgency_text,
                    "group": i.group,
                    "group_title": self.group_title(i.group) if i.group in GROUP_TITLES else None,
                    "icon": i.icon,
                    "reassurance": i.reassurance,
                    "related": i.related,
                    "consequences": list(i.consequences),
                }
                for i in self.items
            ],
            "later_folded": self.later_folded,
            "could_not_check": list(self.could_not_check),
            "symptom": self.symptom,
            "check_again": self.check_again,
            "check_again_ids": list(self.check_again_ids),
            "watch": self.watch,
            "watch_button": self.watch_button,
            "recorded": self.recorded,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Verdict:
        """A verdict written by :meth:`to_dict` (a bundle's results.json, after redaction).

        Raises ValueError when it is not one; every text stays text, to be escaped by whoever shows it.
        """

        def text(value: Any) -> str:
            if not isinstance(value, str):
                raise ValueError("not a verdict")
            return value

        def maybe(value: Any) -> str | None:
            return None if value is None else text(value)

        if not isinstance(data, Mapping):
            raise ValueError("not a verdict")
        raw_action = data.get("action")
        action = None
        if isinstance(raw_action, Mapping):
            action = Action(
                text=text(raw_action.get("text")),
                check_id=maybe(raw_action.get("check_id")),
                steps=[text(s) for s in raw_action.get("steps") or []],
                button=maybe(raw_action.get("button")),
                fix_action=maybe(raw_action.get("fix_action")),
                repair=maybe(raw_action.get("repair")),
                fallback_button=maybe(raw_action.get("fallback_button")),
                folded=folded if isinstance(folded := raw_action.get("folded"), int) and not isinstance(folded, bool) and folded > 0 else 0,
            )
        items = []
        for raw in data.get("items") or []:
            if not isinstance(raw, Mapping) or raw.get("urgency") not in URGENCIES or raw.get("group") not in (HEADLINE, ALSO, LATER):
                raise ValueError("not a verdict item")
            items.append(
                Item(
                    check_id=text(raw.get("id")),
                    title=text(raw.get("title")),
                    summary=text(raw.get("summary")),
                    status=Status(text(raw.get("status"))),
                    urgency=str(raw["urgency"]),
                    group=str(raw["group"]),
                    icon=text(raw.get("icon")),
                    reassurance=maybe(raw.get("reassurance")),
                    related=bool(raw.get("related")),
                    consequences=[text(c) for c in raw.get("consequences") or []],
                )
            )
        return cls(
            status=Status(text(data.get("status"))),
            icon=text(data.get("icon")),
            headline=text(data.get("headline")),
            cause=maybe(data.get("cause")),
            action=action,
            count_line=text(data.get("count_line") or ""),
            items=items,
            later_folded=bool(data.get("later_folded")),
            could_not_check=[text(c) for c in data.get("could_not_check") or []],
            symptom=maybe(data.get("symptom")),
            check_again=text(data.get("check_again") or ""),
            check_again_ids=[text(c) for c in data.get("check_again_ids") or []],
            watch=text(data.get("watch") or ""),
            watch_button=text(data.get("watch_button") or ""),
            recorded=text(data.get("recorded") or "") if data.get("recorded") in (RECORDED_CUTS, RECORDED_BUSY) else "",
        )


def of_scan(scan: Any) -> Verdict:
    """A scan's verdict: the one its diagnosis carries, else one built from its results (an old file)."""
    d = scan.diagnosis
    if d.verdict is not None:
        return d.verdict
    return build(scan.results, d.root_causes, None, d.symptom, d.consequences)


def urgency_of(result: Result) -> str:
    """The check's own urgency, else fail: now, warn: later, anything else: info."""
    if result.urgency in URGENCIES:
        return result.urgency
    return {Status.FAIL: "now", Status.WARN: "later"}.get(result.status, "info")


def _count_line(items: Sequence[Item], checked: int, could_not: int) -> str:
    now = sum(1 for i in items if i.urgency == "now")
    easy = sum(1 for i in items if i.urgency == "easy")
    later = len(items) - now - easy
    parts: list[str] = []
    if now > 1 and items[0].urgency == "now":
        # repair-offer readers (send round 9): "3 problems need attention now" beside the one problem on the screen
        # asked "where are the others?": say that this is one of them and that the others are below
        # round 6: "below" was not enough ("I saw only one"): name the heading they are under and say to scroll
        # send round 13: "scroll down" / « faites défiler » quoted ("not always easy for me"): where it is, not a gesture
        others = now - 1
        parts.append(
            ngettext(
                "This problem and {n} other need attention now: it is further down this window, under “{heading}”.",
                "This problem and {n} others need attention now: they are further down this window, under “{heading}”.",
                others,
            ).format(n=others, heading=_(GROUP_TITLES[ALSO]))
        )
    elif now:
        parts.append(ngettext("{n} problem needs attention now.", "{n} problems need attention now.", now).format(n=now))
    if easy:
        parts.append(ngettext("{n} easy thing to fix.", "{n} easy things to fix.", easy).format(n=easy))
    if items and not now and not easy:
        # round 3: "Nothing needs attention now" under "is full" read as a contradiction; the French "Rien n'est urgent" did not
        parts.append(_("Nothing is urgent."))
    # verdict round 10: « 1 autre point peut attendre » (which one?); send rounds 23-24: its title, then where it is, quoted
    # each time; send round 25 (en, fr): "1 other thing can wait: it is further down." ("where? is it “Other things we
    # noticed”?", "now I wonder what else is wrong"): the heading "Other things we noticed — not urgent" right below (the
    # window's fold, the terminal's and the report's heading) already says it, so the count line no longer does
    if later and not (now or easy):
        parts.append(ngettext("{n} thing can wait.", "{n} things can wait.", later).format(n=later))
    if not items:
        parts.append(ngettext("{n} check done.", "{n} checks done.", checked).format(n=checked))
    if could_not:
        parts.append(ngettext("{n} check could not be done.", "{n} checks could not be done.", could_not).format(n=could_not))
    return " ".join(parts)


def makes_room(result: Result) -> bool:
    """The problem is a computer short of room: a hardware problem that offers a repair making room (``storage.*``), as
    the window's fold of other ways to make room says."""
    return result.category == "hardware" and any(str(r).startswith("storage.") for r in result.repairs)


def _done_for_you(top: Result, config: Config | None) -> tuple[str, str, bool] | None:
    """The repair (id, title, whether it asks for an administrator's password) that does what the top problem's settings
    fix opens a window for (the repair declares it: ``Repair.does_for_you``), when offered here. Its button comes first
    and the settings are the fallback (round 5: two buttons side by side, "which one?")."""
    if top.fix is None or config is None or not top.repairs:
        return None
    # the catalogue and the policy only: the package itself runs repairs (the runner), which sits above this module
    from selfcheck.repairs.catalog import REPAIRS
    from selfcheck.repairs.policy import offered

    doing = [rid for rid in top.repairs if rid in REPAIRS and REPAIRS[rid].does_for_you == top.fix.action]
    allowed = offered(config, doing) if doing else []
    if not allowed:
        return None
    rid = allowed[0]
    described = REPAIRS[rid].describe()
    return rid, str(described["title"]), bool(described["admin"])


def build(
    results: Sequence[Result],
    root_causes: Sequence[str],
    config: Config | None = None,
    symptom: str | None = None,
    consequences: Mapping[str, Sequence[str]] | None = None,
    new_problems: Iterable[str] = (),
    admin_prompt: str | None = None,
) -> Verdict:
    """The verdict for results already diagnosed (``root_causes`` in the diagnosis' order).

    ``new_problems``: problems that were fine in the previous scan; among problems of the same
    urgency they come first (a fault that has just appeared before a standing warning).

    ``admin_prompt``: what this computer's administrator prompt asks (selfcheck.platforms.adminprompt), None when
    not known: a repair that needs the rights says it."""
    new = set(new_problems)
    by_id = {r.check_id: r for r in results}
    effect = symptom_effect(config, symptom)
    errors = [r.check_id for r in results if r.status is Status.ERROR]
    checked = sum(1 for r in results if r.status is not Status.SKIP)
    roots = [by_id[c] for c in root_causes if c in by_id and by_id[c].status.is_problem and by_id[c].status is not Status.ERROR]

    def urgency(r: Result) -> str:
        own = urgency_of(r)
        if effect and own == "later" and in_symptom(config, symptom, r.check_id):
            return "now"  # it explains what the customer came for
        return own

    def key(indexed: tuple[int, Result]) -> tuple[int, int, int, int]:
        index, r = indexed
        related = 0 if (not effect or in_symptom(config, symptom, r.check_id)) else 1
        return (related, _URGENCY_RANK[urgency(r)], 0 if r.check_id in new else 1, index)

    ordered = [r for _i, r in sorted(enumerate(roots), key=key)]
    items: list[Item] = []
    for index, r in enumerate(ordered):
        u = urgency(r)
        related = bool(effect) and in_symptom(config, symptom, r.check_id)
        group = HEADLINE if index == 0 else ALSO if u in _ACT_NOW else LATER
        reassurance = _(NOT_THE_SYMPTOM).format(effect=effect) if effect and not related else None
        items.append(
            Item(
                check_id=r.check_id,
                title=r.title,
                summary=r.summary,
                status=r.status,
                urgency=u,
                group=group,
                icon=problem_icon(r.status, u, r.at_risk),
                reassurance=reassurance,
                related=related,
                consequences=list((consequences or {}).get(r.check_id, [])),
            )
        )
    later = [i for i in items if i.group == LATER]
    folded = bool(effect) and bool(later) and not any(i.related for i in later)
    count = _count_line(items, checked, len(errors))

    if items:
        top = by_id[items[0].check_id]
        headline = top.summary.strip()
        if effect and items[0].related and not top.outcome.partial and symptom not in top.outcome.says_symptoms:
            headline = _(SYMPTOM_LINK).format(problem=headline, effect=effect)
        action = None
        if top.advice or top.fix:
            steps = list(top.advice)
            text = steps.pop(0) if steps else (top.fix.label if top.fix else "")
            other_ways = min(top.outcome.folded_advice, len(steps))  # never the first step
            action = Action(
                text=text,
                check_id=top.check_id,
                steps=steps,
                button=(top.fix.label or _("Fix it")) if top.fix else None,
                fix_action=top.fix.action if top.fix else None,
                folded=other_ways,
            )
            repair = _done_for_you(top, config)
            if repair is not None:
                action = Action(
                    text=repair_first_admin(repair[1], admin_prompt, config) if repair[2] else _(REPAIR_FIRST).format(repair=repair[1]),
                    check_id=top.check_id,
                    steps=[_(IF_NOT_FIXED).format(step=_after_colon(text)), *steps],
                    button=repair[1],
                    fix_action=None,
                    repair=repair[0],
                    fallback_button=top.fix.label if top.fix else None,
                    folded=other_ways,
                )
        return Verdict(
            status=top.status,
            icon=items[0].icon,
            headline=headline,
            cause=(top.why or "").strip() or None,
            action=action,
            count_line=count,
            items=items,
            later_folded=folded,
            could_not_check=errors,
            symptom=symptom,
            check_again=_(CHECK_AGAIN_ROOM if makes_room(top) else CHECK_AGAIN),
            check_again_ids=[i.check_id for i in items],
        )
    if errors:
        first = by_id[errors[0]]
        return Verdict(
            status=Status.ERROR,
            icon=status_icon(Status.ERROR),
            headline=_(ONLY_ERRORS),
            cause=None,
            action=Action(first.advice[0], check_id=first.check_id) if first.advice else None,
            count_line=count,
            items=[],
            could_not_check=errors,
            symptom=symptom,
            check_again=_(TRY_AGAIN),
            check_again_ids=list(errors),
        )
    if results and all(r.status is Status.SKIP for r in results):
        # nothing ran (no battery, another OS, cancelled at once): say so rather than "all fine"
        headline = results[0].summary if len(results) == 1 else _(NOTHING_APPLIED)
        return Verdict(Status.SKIP, status_icon(Status.SKIP), headline, None, None, count, [], symptom=symptom, check_again=_(CHECK_AGAIN))
    status = max((r.status for r in results if r.status is not Status.SKIP), default=Status.PASS)
    watch = " ".join((_(WATCH_OFFER), _(WATCH_PRIVACY)))
    if effect:
        # cuts round 1: "What to do now: Click “Contact support”" above "Watch while it happens": "I don't know which one comes
        # first", « je ne sais pas lequel des trois est le bon »: watching first, support after it; what it watches, beside it
        internet = _about_internet(config, symptom)
        headline = _(ALL_GOOD_INTERNET) if internet else _(ALL_GOOD_WITH_SYMPTOM).format(effect=effect)
        watch_first = WATCH_FIRST_INTERNET if internet else WATCH_FIRST
        button, start = _(WATCH_BUTTON), _(START_WATCHING)
        action = Action(_(watch_first).format(button=button, start=start, duration=_watch_duration(config)), steps=[_(CONTACT_AFTER_WATCHING)])
        watch = _(WATCH_PRIVACY)
    else:
        headline, action = _(ALL_GOOD), None
    return Verdict(
        status,
        status_icon(Status.PASS),
        headline,
        None,
        action,
        count,
        [],
        symptom=symptom,
        check_again=_(CHECK_AGAIN),
        watch=watch,
        watch_button=_(WATCH_BUTTON),
    )


def _about_internet(config: Config | None, symptom: str | None) -> bool:
    """Whether the chosen problem is the internet's (its [symptoms.<name>] checks the network category)."""
    spec = config.section("symptoms").get(str(symptom)) if config is not None and symptom else None
    categories = spec.get("categories") if isinstance(spec, Mapping) else None
    return isinstance(categories, list) and "network" in categories


def _watch_duration(config: Config | None) -> str:
    """How long watching lasts at most, as the customer reads it ("5 minutes", "1 minute"): the Record window's own limit."""
    from selfcheck.recorded import watch_duration, watch_seconds

    return watch_duration(watch_seconds(config))


# --- what a recording found, as the customer's verdict (round 82, cuts-sometimes: the scan ran between two cuts, every check
# passed, and the window said "Everything we checked looks fine" while the recording had caught the cuts; the support agent
# paused on "The customer's screen says 'Everything looks fine', which contradicts the card")

#: the offer on a verdict that found nothing: a problem that comes and goes does not show between two of its times
#: cuts round 1 (en): "This program can watch this computer": "Will it look at my e-mails or my video calls with the
#: grandchildren?": what it notes, and what it never looks at (history.record's samples: load, programs' names, whether the
#: support server and the box answer, the link; never a message, a call, the screen or a file)
WATCH_OFFER = N_("Does the problem come and go? This program can watch while it happens, then tell you what it saw.")
WATCH_PRIVACY = N_(
    "While it watches, it only notes whether the internet answers and how busy the computer is, and by which program. It never "
    "looks at your e-mails, calls, screen or files."
)
#: the offer's button, and the title of the window it opens (gui.overtime.RecordDialog)
WATCH_BUTTON = N_("Watch while it happens")
#: a problem chosen, nothing found: watching first (the internet's: as when it happens, a video call for example), then support;
#: comes-and-goes round 3 (en and fr): "it said to keep going until it 'stops by itself, after 5 minutes', but I closed the
#: little window after one minute": that it may be stopped once the problem has happened, as the watching window says;
#: {duration} is recorded.watch_duration's ("1 minute", "5 minutes": a limit of 60 s read "after 1 minutes")
WATCH_FIRST_INTERNET = N_(
    "If the problem comes and goes: click “{button}”, then “{start}”, and use the internet as you do when it happens (a video call, "
    "for example). You can stop the watching as soon as the problem has happened; otherwise it stops by itself after {duration}. "
    "This program then tells you what it saw."
)
WATCH_FIRST = N_(
    "If the problem comes and goes: click “{button}”, then “{start}”, and use the computer as you do when it happens. You can stop "
    "the watching as soon as the problem has happened; otherwise it stops by itself after {duration}. This program then tells "
    "you what it saw."
)
CONTACT_AFTER_WATCHING = N_(
    "If watching does not find it, or the problem does not come and go: click “Contact support” and describe what happens. The "
    "support team will get these results."
)
#: Verdict.recorded
RECORDED_CUTS, RECORDED_BUSY = "cuts", "busy"
CUTS_HEADLINE = N_("Your internet connection keeps dropping for a few seconds at a time.")
CUTS_HEADLINE_LONG = N_("Your internet connection keeps dropping, for a while each time.")
CUT_ONCE_HEADLINE = N_("Your internet connection dropped just when you pressed “It happened now”.")
BUSY_HEADLINE = N_("Another program was keeping this computer very busy when the problem happened.")
#: where the cuts are (selfcheck.recorded.plan), said after what was seen
#: cuts round 1: "sockets: the holes on the box?", « ses prises » beside « débranchez-la de la prise » (the power one): the
#: holes the cable plugs into, as the cable's step says them (recorded.REC_REPLY_CABLE)
CUTS_LINK_DOWN_CABLE = N_(
    "Each time, the network cable between this computer and your internet box stopped working too: the cable, the holes it plugs into, or the box is at fault."
)
CUTS_LINK_DOWN_WIFI = N_("Each time, this computer lost its Wi-Fi connection to your internet box.")
CUTS_BETWEEN = N_("Each time, your internet box stopped answering this computer too: the fault is between them, or in the box itself.")
CUTS_BEYOND = N_("Your internet box kept answering this computer all the while: the fault is on your internet line, beyond the box.")
#: beyond the box, after the restart: who checks the line
CUTS_LINE_STEP = N_("If it still drops after that, call {who}: they can check your line from their side.")
BUSY_HELP_STEP = N_("If you do not know what it is, leave it and click “Contact support”: the support team will help you find out.")
#: cuts round 1: "If it still cuts out, I don't know what to do. The steps don't say": the last step; cuts round 2 (fr): « ce que
#: ce programme a vu part avec votre message : part où, et comment ? »: sent with it
CUTS_STILL_STEP = N_("If it still drops after that, click “Contact support”: what this program saw is sent with your message.")
#: comes-and-goes round 3 (en and fr): "I closed the little window after one minute. This screen doesn't say whether that was
#: wrong or whether the answer still counts"; (fr) whether three cuts were all of them: what was watched is enough, said right
#: after how many cuts it saw
CUTS_ENOUGH = N_("That was enough, even if you stopped the watching early: the cuts it saw are kept.")
CUT_ENOUGH = N_("That was enough, even if you stopped the watching early: the cut it saw is kept.")
#: the count line: the checks listed below ran between the cuts, when everything worked (cuts round 1, fr: « je ne comprends pas
#: bien à quoi ça sert de me dire ça »: what it explains, the green ticks below)
CHECKED_BETWEEN = N_("The checks below were made while the connection worked, between two cuts: that is why they show no problem.")
#: their category's heading, in place of "All OK" (Verdict.group_status)
CHECKED_BETWEEN_GROUP = N_("OK between the cuts")


def recorded(base: Verdict, found: Any, facts: Mapping[str, Any] | None = None, config: Config | None = None) -> Verdict:
    """The customer's verdict once a recording saw the problem (``found``: what it saw, selfcheck.history.record.seen): the
    connection cutting out, or a program keeping the computer very busy at the mark. Only a verdict that found nothing
    (``base``: no problem, no check that could not be done) is changed; any other, and a recording that saw nothing, is
    returned as it is. What to try is the support card's reply's (selfcheck.recorded.plan): one analysis, two wordings."""
    from selfcheck import recorded as rec

    if base.items or base.could_not_check or base.recorded or base.status is Status.SKIP:
        return base
    todo = rec.plan(found, facts)
    if not todo.kind:
        return base
    if todo.kind == RECORDED_CUTS:
        few = rec.few_seconds(found)
        headline = _(CUT_ONCE_HEADLINE if len(found.cuts) == 1 else CUTS_HEADLINE if few else CUTS_HEADLINE_LONG)
        places: dict[tuple[str | None, str | None], str] = {
            ("between", "down"): CUTS_LINK_DOWN_WIFI if todo.wifi else CUTS_LINK_DOWN_CABLE,
            ("between", "up"): CUTS_BETWEEN,
            ("between", None): CUTS_BETWEEN,
            ("beyond", None): CUTS_BEYOND,
        }
        where = places.get((todo.where, todo.link))
        # each thing to try, then one watch to see whether it did it (the support card's reply says them in the same words)
        steps = rec.watched_steps(todo, rec.watch_seconds(config))
        if todo.where == "beyond":
            internet_provider = config is not None and config.get("support.internet_provider") is True
            who = support_name(config, mid_sentence=True) if internet_provider else _("your internet provider")
            steps.append(_(CUTS_LINE_STEP).format(who=who))
        if todo.meanwhile_wifi:
            steps.append(_(rec.REC_REPLY_MEANWHILE_WIFI))
        if todo.where != "beyond":  # beyond the box, the step before says who checks the line
            steps.append(_(CUTS_STILL_STEP))
        said = rec.saw(found)
        enough = _(CUT_ENOUGH if len(found.cuts) == 1 else CUTS_ENOUGH) if said else ""
        cause = " ".join(part for part in (said, enough, _(where) if where else "") if part)
    else:
        named = rec.plain_program(found.busy_name)
        headline = _(BUSY_HEADLINE)
        # the program to close, then one watch to see whether that did it, as the cuts' steps; without a name nothing is to
        # close, so nothing to watch for: support helps find it
        watch = _(rec.BUSY_WATCH_AFTER).format(button=_(WATCH_AGAIN), start=_(START_WATCHING), duration=_watch_duration(config))
        steps = [_(rec.REC_REPLY_BUSY_KNOWN).format(name=named), watch] if named else []
        steps.append(_(BUSY_HELP_STEP))
        cause = rec.saw(found)
    return Verdict(
        status=Status.WARN,
        icon="status-attention",
        headline=headline,
        cause=cause or None,
        action=Action(text=steps[0], steps=steps[1:]),
        count_line=_(CHECKED_BETWEEN) if todo.kind == RECORDED_CUTS else base.count_line,
        items=[],
        symptom=base.symptom,
        check_again=base.check_again,
        watch_button=_(WATCH_AGAIN),
        recorded=todo.kind,
    )
