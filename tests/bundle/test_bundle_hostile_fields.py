"""A received bundle's fields of the wrong shape (s31 review, tried with crafted bundles): `selfcheck show`,
its --reevaluate and its report page said "Something went wrong" (a traceback in the log) instead of showing
the bundle, for one odd value the checksums in the manifest had been made to match."""

from __future__ import annotations

import json
import logging
import re

import pytest
from test_bundle_hostile import assert_inert, forge, member, results, show

WENT_WRONG = "Something went wrong"


def test_odd_left_out_list_recording_symptom_and_system_still_show_the_bundle(tmp_path, capsys):
    scan = {**json.loads(results()), "symptom": {"slow": 1}}  # a dict where the symptom's id goes: no key of anything
    path = forge(
        tmp_path / "b.zip",
        [
            member("results.json", json.dumps(scan).encode()),
            member("recording/recording.json", json.dumps({"samples": [{"t": 30}], "marks": 5}).encode()),
            member("system.json", json.dumps({"os": 5, "memory": {"total_bytes": 10**400}, "cpu": "x"}).encode()),
        ],
        manifest={"skipped": 5, "limits_hit": {"path": "x"}},
    )
    for extra in ((), ("--reevaluate",), ("--report", str(tmp_path / "report.html"))):
        code, out, err = show(path, capsys, *extra)
        assert WENT_WRONG not in err, (extra, err)
        assert code == 1, (extra, err)  # shown, with the damaged part said
        assert "The manifest of this bundle is damaged (its list of what was left out is not valid)." in out
        assert "Every result — 1 check: 1 problem." in out and "A recording of 30 s is included; the user marked 0 moments." in out
        assert_inert(out + err)
    page = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert "This computer" in page and "Headline" in page


# a field of results.json of a type the reader cannot use: the whole bundle is refused, in words support can read
ODD_FIELDS = {
    "duration is a list": {"duration": [1]},
    "duration of 400 digits": {"duration": 10**400},  # valid JSON; float() of it raises OverflowError
    "checks is a list": {"checks": [1]},
    "config_problems is a number": {"config_problems": 5},
    "diagnosis is a list": {"diagnosis": [1]},
    "a result is a number": {"results": [1]},
    "evidence is a list": {"results": [{**json.loads(results())["results"][0], "evidence": [1]}]},
    "status is an object": {"results": [{**json.loads(results())["results"][0], "status": {}}]},
    "advice is a number": {"results": [{**json.loads(results())["results"][0], "advice": 5}]},
}


@pytest.mark.parametrize("odd", ODD_FIELDS, ids=list(ODD_FIELDS))
def test_odd_field_types_in_the_results_are_refused_plainly_in_both_languages(tmp_path, capsys, caplog, odd):
    """Support read "… from an unknown version (TypeError)": Python's name for the error, which says nothing to
    them, is kept for the log."""
    scan = {**json.loads(results()), **ODD_FIELDS[odd]}
    path = forge(tmp_path / "b.zip", [member("results.json", json.dumps(scan).encode())])
    for lang, words in (
        ("en", "The results in this bundle are damaged or from an unknown version."),
        ("fr", "Les résultats de ce dossier de diagnostic sont abîmés ou proviennent d’une version inconnue."),
    ):
        caplog.clear()
        with caplog.at_level(logging.WARNING, logger="selfcheck.bundle.read"):
            code, out, err = show(path, capsys, "--lang", lang)
        assert code == 3 and WENT_WRONG not in err, (lang, err)
        assert words in err, (lang, err)
        assert not re.search(r"Error\b|Exception\b|\(\w*\)", out + err), (lang, out + err)
        assert re.search(r"results\.json cannot be read as a scan \((Type|Value|Attribute|Key|Overflow)Error\)", caplog.text), caplog.text


def test_the_bundles_own_card_is_read_as_every_optional_part(monkeypatch):
    """Final read of stop 31: when the card cannot be computed again, `selfcheck show` falls back to the bundle's own
    support-card.json, which it read with json.loads: a file nested 100,000 deep raised RecursionError. Now it is read by
    bundle.read.part_json, as history.json and the recording are: no card, never an error."""
    import dataclasses

    from selfcheck import supportcard
    from selfcheck.commands import show
    from selfcheck.i18n import _

    def fails(*_a, **_k):
        raise ValueError("cannot compute the card")

    monkeypatch.setattr(supportcard, "from_bundle", fails)

    @dataclasses.dataclass
    class Opened:
        files: dict
        scan: object = None

    class App:
        registry = None
        config = type("C", (), {"section": staticmethod(lambda name: {}), "get": staticmethod(lambda key: None)})()

    deep = ("[" * 100_000 + "]" * 100_000).encode()
    card, note = show._card(App(), Opened({"support-card.json": b'{"reference": ' + deep + b"}"}), None)
    assert card is None and note == _(supportcard.CARD_NONE)  # stop 43: and support is told there is no card
    import json

    good = json.dumps(supportcard.SupportCard(reference="K7H-94W-XCM").to_dict()).encode()
    card, note = show._card(App(), Opened({"support-card.json": good}), None)  # a sound card is still shown
    assert card is not None and card.reference == "K7H-94W-XCM" and note == _(supportcard.CARD_SAVED_INSTEAD)
