"""Which repairs a result card offers (``selfcheck.repairs``), by the company's ``[repairs]`` policy,
and their buttons; the consent dialog is in ``repair_dialog``."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QPushButton

from selfcheck.i18n import N_, _

#: the company policy the cards offer repairs by (set by the main window from its config)
_policy_config: Any = None


def use_config(config: Any) -> None:
    global _policy_config
    _policy_config = config


def offered(result: Any) -> list[str]:
    """The repairs a result's card may offer: those the check names and the company allows here."""
    ids = list(getattr(result, "repairs", None) or [])
    if not ids or _policy_config is None or not result.status.is_problem or result.consequence_of:
        return []
    from selfcheck.repairs import policy

    return policy.offered(_policy_config, ids)


#: a check's own fix (selfcheck.api.Fix) that does what a repair does: the window does it as that repair
#: (consent dialog, record for support, checking again) and the company policy applies to it too
FIX_EQUIVALENT = {"empty_trash": "storage.empty_trash", "cancel_print_jobs": "printing.cancel_jobs", "unmute_output": "sound.unmute"}


def repair_for_fix(fix: Any) -> str | None:
    return FIX_EQUIVALENT.get(getattr(fix, "action", "")) if fix is not None else None


def cannot_be_undone(repair_id: str | None) -> bool:
    """Whether the repair removes what does not come back (``Repair.cannot_be_undone``: its consent says "Once it is done, it cannot be undone.")."""
    from selfcheck.repairs import REPAIRS

    repair = REPAIRS.get(repair_id) if repair_id else None
    return repair is not None and repair.cannot_be_undone


def fix_route(fix: Any) -> tuple[str, str | None]:
    """How the window does a check's fix: ("repair", id), ("refused", id) when the policy forbids it, or ("fix", None)."""
    rid = repair_for_fix(fix)
    if rid is None or _policy_config is None:
        return "fix", None
    from selfcheck.repairs import policy

    if not policy.allowed(_policy_config, rid):
        return "refused", rid
    if policy.offerable(_policy_config, rid):
        return "repair", rid
    return "fix", None  # not a repair on this system (yet): the check's own fix


def repair_buttons(result: Any, on_click: Any) -> list[QPushButton]:
    """One button per repair offered for this result ("Empty the trash"…), calling ``on_click(repair_id)``."""
    from selfcheck.repairs import REPAIRS

    buttons = []
    same_as_fix = repair_for_fix(getattr(result, "fix", None))  # already the card's fix button
    for repair_id in [r for r in offered(result) if r != same_as_fix]:
        title = REPAIRS[repair_id].describe()["title"]
        button = QPushButton(title)
        button.setObjectName("secondaryAccent")
        button.setAccessibleName(_("{repair} (asks first)").format(repair=title))
        button.setProperty("repair_id", repair_id)
        button.clicked.connect(lambda _checked=False, rid=repair_id: on_click(rid))
        buttons.append(button)
    return buttons


#: what each storage button removes, said beside the buttons: "Empty the trash" and "Clear away…" frightened both
#: round-7 readers ("my grandchildren's photos would go"), even with "not your documents or photos" on the button
WHAT_IT_REMOVES = {
    "storage.empty_trash": N_("“{title}” deletes for good only what is already in {trash}."),
    # send round 108: named by what it does for them, as its button (which files was quoted in every wording): it asks
    # first and says the room; the photos' line follows (PHOTOS_STAY)
    # send rounds 109-111 (en, fr): "I don't know what it would remove", « qu'est-ce qu'il enlèverait ? » (of the fold's
    # closed line, which named this way): what it removes, in its consent dialog's words (catalog.py), then that it asks
    "storage.clear_temp": N_(
        "“{title}” deletes only what other programs kept for a while and have not used for a day. It asks you first and says how much room that makes."
    ),
}
PHOTOS_STAY = N_("Your photos and documents in their folders are not touched.")


def what_they_remove(repair_ids: list[str]) -> str:
    """One line for beside the repair buttons: what each removes and that the person's photos and documents stay ("" if none says)."""
    from selfcheck.api import current_platform
    from selfcheck.repairs import REPAIRS
    from selfcheck.wording import trash

    # the trash as this computer's system names it ("the Recycle Bin" on Windows), as the check's steps say it
    words = {"trash": trash(current_platform())}
    said = [_(WHAT_IT_REMOVES[r]).format(title=REPAIRS[r].describe()["title"], **words) for r in repair_ids if r in WHAT_IT_REMOVES]
    return " ".join([*said, _(PHOTOS_STAY)]) if said else ""
