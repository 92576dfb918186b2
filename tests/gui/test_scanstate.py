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


def test_the_hardware_checks_evidence_is_named_in_french_in_the_technical_details():
    """A French window's « Détails techniques » of the memory and processor checks read « total : 16 Go », « top processes : »,
    « swap percent : 12 », « busy percent : 35 »: the names of the hardware checks' evidence are now the reader's words
    (selfcheck.evidence.EVIDENCE_NAMES), the evidence's keys unchanged for the bundle and the support card."""
    import json
    from pathlib import Path

    from selfcheck import config as config_mod
    from selfcheck.discovery import discover
    from selfcheck.i18n import language
    from selfcheck.runner import evaluate_facts

    config = config_mod.from_dict({"checks": {"autoload_plugins": False}})
    registry = {c.id: c for c in discover(config)}
    fixtures = Path(__file__).resolve().parents[1] / "fixtures" / "checks"
    shown = {}
    for check_id, case in (("hardware.memory", "linux_thrashing"), ("hardware.cpu", "linux_busy_firefox")):
        cls = registry[check_id]
        facts = json.loads((fixtures / check_id / f"{case}.json").read_text(encoding="utf-8"))["facts"]
        with language("fr"):
            evidence = evaluate_facts(cls, facts, cls.thresholds_from(config)).evidence
            shown[check_id] = [line.split("\u00a0:")[0] for line in evidence_text(evidence, check_id=check_id).splitlines() if "\u00a0:" in line]
        assert "top_processes" in evidence  # the keys stay as the scan JSON has them
    # since 67656354 the memory check puts the evidence that proves its result first (here the wait for memory and what is
    # left), so the names are asserted whatever their order
    assert {"mémoire en tout", "mémoire disponible", "mémoire disponible (%)"} <= set(shown["hardware.memory"]), shown
    assert "programmes qui utilisent le plus de mémoire" in shown["hardware.memory"]
    assert shown["hardware.cpu"][0] == "occupation (%)" and "programmes les plus actifs" in shown["hardware.cpu"], shown
    english = ("total", "top processes", "busy percent", "swap percent", "available percent", "cores", "threads", "model")
    assert not [name for name in shown["hardware.memory"] + shown["hardware.cpu"] if name.strip() in english], shown
