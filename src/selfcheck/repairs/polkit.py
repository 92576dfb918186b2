"""Linux: the polkit policy and the helper scripts the .deb installs, made from the repair table.

Each repair that needs administrator rights on Linux gets its own tiny script,
``/usr/libexec/selfcheck/repair/<repair id>``, which starts selfcheck's helper for
that one repair, and its own polkit action naming that script (``exec.path``), so
the system's prompt says in the person's language (English or French) what is
about to be done. The scripts take no arguments: nothing the caller passes
reaches the administrator side.
"""

from __future__ import annotations

from xml.sax.saxutils import escape, quoteattr

from selfcheck import i18n

from .catalog import REPAIRS

HELPER_DIR = "/usr/libexec/selfcheck/repair"
ACTION_PREFIX = "org.selfcheck.repair."
POLICY_NAME = "org.selfcheck.repair.policy"
LANGUAGES = ("fr",)


def elevated_repairs() -> list[str]:
    return [rid for rid, r in REPAIRS.items() if r.action("linux") is not None and r.needs_admin("linux")]


def action_id(repair_id: str) -> str:
    return ACTION_PREFIX + repair_id.replace("_", "-")


def helper_script(repair_id: str, app: str = "/opt/selfcheck/selfcheck") -> str:
    return f'#!/bin/sh\n# selfcheck: the one repair "{repair_id}", started by pkexec (see {POLICY_NAME})\nexec {app} _repair-helper {repair_id}\n'


def _translated(message: str, lang: str) -> str:
    found = i18n.catalogue(lang).get(message)
    return found if isinstance(found, str) and found else message


def policy_xml(vendor: str = "selfcheck") -> str:
    """The polkit policy (policyconfig-1.dtd): one action per elevated repair, described in English and French."""
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<!DOCTYPE policyconfig PUBLIC "-//freedesktop//DTD PolicyKit Policy Configuration 1.0//EN"',
        ' "http://www.freedesktop.org/standards/PolicyKit/1/policyconfig.dtd">',
        "<policyconfig>",
        f"  <vendor>{escape(vendor)}</vendor>",
    ]
    for rid in elevated_repairs():
        repair = REPAIRS[rid]
        lines.append(f"  <action id={quoteattr(action_id(rid))}>")
        lines.append(f"    <description>{escape(repair.title)}</description>")
        for lang in LANGUAGES:
            lines.append(f"    <description xml:lang={quoteattr(lang)}>{escape(_translated(repair.title, lang))}</description>")
        message = f"{repair.changes} Administrator rights are needed for this one change."
        lines.append(f"    <message>{escape(message)}</message>")
        for lang in LANGUAGES:
            fr = f"{_translated(repair.changes, lang)} Les droits d’administrateur sont nécessaires pour cette seule modification."
            lines.append(f"    <message xml:lang={quoteattr(lang)}>{escape(fr)}</message>")
        lines += [
            "    <defaults>",
            "      <allow_any>auth_admin</allow_any>",
            "      <allow_inactive>auth_admin</allow_inactive>",
            "      <allow_active>auth_admin</allow_active>",
            "    </defaults>",
            f'    <annotate key="org.freedesktop.policykit.exec.path">{HELPER_DIR}/{rid}</annotate>',
            "  </action>",
        ]
    lines.append("</policyconfig>")
    return "\n".join(lines) + "\n"
