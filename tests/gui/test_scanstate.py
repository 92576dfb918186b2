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
