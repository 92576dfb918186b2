"""Which checks "Check my computer again" re-runs, and how evidence is shown as text."""

from __future__ import annotations

from selfcheck.gui.scanstate import evidence_text
from selfcheck.scan import dependents

from . import fakechecks


def test_dependents_are_transitive():
    class Grandchild(fakechecks.PassCheck):
        id = "fake.grandchild"
        depends_on = ("fake.dependent",)

    reg = fakechecks.registry(fakechecks.PassCheck, fakechecks.FailCheck, fakechecks.DependentCheck, Grandchild)
    assert dependents(reg, ["fake.fail"]) == ["fake.fail", "fake.dependent", "fake.grandchild"]
    assert dependents(reg, ["fake.pass"]) == ["fake.pass"]


def test_evidence_is_readable_text():
    text = evidence_text({"free_space": 1.5, "mounted": True, "disks": [{"name": "C:", "used_percent": 97}], "note": None})
    assert text.splitlines() == ["free space: 1.5", "mounted: yes", "disks:", "    -", "        name: C:", "        used percent: 97", "note: —"]


def test_french_evidence_keeps_its_colons_with_their_labels():
    """« Détails techniques » read « free space: 1.5 » under « Durée : 1,23 s »: each label's colon now has French's
    no-break space before it, as the lines above it have; and « mounted: yes », « 1.5 » in French: « oui », « 1,5 »."""
    from selfcheck.i18n import language

    with language("fr"):
        text = evidence_text({"free_space": 1.5, "mounted": True, "disks": [{"name": "C:", "spinning": False}]})
    assert text.splitlines() == [
        "free space\u00a0: 1,5",
        "mounted\u00a0: oui",
        "disks\u00a0:",
        "    -",
        "        name\u00a0: C:",
        "        spinning\u00a0: non",
    ]
