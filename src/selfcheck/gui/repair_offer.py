"""Which repairs a result card offers (``selfcheck.repairs``), by the company's ``[repairs]`` policy,
and their buttons; the consent dialog is in ``repair_dialog``."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QPushButton

from selfcheck.i18n import _

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


def repair_buttons(result: Any, on_click: Any) -> list[QPushButton]:
    """One button per repair offered for this result ("Empty the trash"…), calling ``on_click(repair_id)``."""
    from selfcheck.repairs import REPAIRS

    buttons = []
    for repair_id in offered(result):
        title = REPAIRS[repair_id].describe()["title"]
        button = QPushButton(title)
        button.setObjectName("secondaryAccent")
        button.setAccessibleName(_("{repair} (asks first)").format(repair=title))
        button.setProperty("repair_id", repair_id)
        button.clicked.connect(lambda _checked=False, rid=repair_id: on_click(rid))
        buttons.append(button)
    return buttons
