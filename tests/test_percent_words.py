"""A percentage in the checks' sentences reads as each language writes it: English "13%" (as English is written elsewhere
in selfcheck: "Sending… 13%", "The Wi-Fi signal is weak (40%)"), French « 13 % » with a narrow no-break space
(:func:`selfcheck.i18n.french_spaces`). About fifteen English sentences wrote "(13 %)" (review of stop 45)."""

from __future__ import annotations

import re
import sys
from pathlib import Path

from selfcheck import i18n
from selfcheck.runner import evaluate_facts
from test_conformance import CONFIG, FIXTURE_FILES, REGISTRY, fixture_id, load_fixture

ROOT = Path(__file__).resolve().parent.parent
#: how each language writes a number's percentage: English stuck to it, French after a narrow no-break space
WRITTEN = {"en": re.compile(r"(?<=\d)%"), "fr": re.compile(r"(?<=\d)\u202f%")}


def _texts(outcome) -> list[str]:
    return [outcome.summary, outcome.why or "", *(outcome.advice or [])]


def test_every_checks_percentage_reads_as_its_language_writes_it():
    """English « (35% charged) », French unchanged « (chargée à 35 %) », on every check's recorded facts."""
    for lang in ("en", "fr"):
        said, wrong = [], []
        with i18n.language(lang):
            for path in FIXTURE_FILES:
                cls = REGISTRY.get(path.parent.name)
                data = load_fixture(path)
                outcome = evaluate_facts(cls, data["facts"], {**cls.thresholds_from(CONFIG), **data.get("thresholds", {})})
                for text in _texts(outcome):
                    for match in re.finditer(r"\d[ \u00a0\u202f]?%", text):
                        (said if WRITTEN[lang].search(match.group()) else wrong).append(f"{fixture_id(path)}: {text}")
        assert not wrong, f"[{lang}]\n" + "\n".join(wrong)
        assert len(said) >= 14, said  # the battery's, the processor's, the memory's, the sound's, the printer's, FileVault's...
        shown = {"en": "(35% charged).", "fr": "(chargée à 35\u202f%)."}[lang]
        assert any(text.endswith(shown) for text in said if text.startswith("hardware.battery/linux_not_charging_plugged")), said


def test_no_english_sentence_puts_a_space_before_its_percentage():
    """The sentences no fixture reaches (a Bluetooth headset's battery, the microphone's volume...) too: English is read as
    written in the code, French from its catalogue, where « {percent} % » stays."""
    sys.path.insert(0, str(ROOT / "scripts"))
    import i18n as upkeep  # scripts/i18n.py

    spaced = sorted(msgid for msgid in upkeep.extract() if re.search(r"[\d}] %", msgid))
    assert not spaced, "\n".join(spaced)
    with i18n.language("fr"):
        assert (
            i18n._("The battery of “{name}” is low ({percent}%).").format(name="Casque", percent=12)
            == "La batterie de «\u00a0Casque\u00a0» est faible (12\u202f%)."
        )
