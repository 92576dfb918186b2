"""A received bundle's fields of the wrong shape (s31 review, tried with crafted bundles): `selfcheck show`,
its --reevaluate and its report page said "Something went wrong" (a traceback in the log) instead of showing
the bundle, for one odd value the checksums in the manifest had been made to match."""

from __future__ import annotations

import json

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
        assert "Every result — 1 check: 1 problem." in out and "A recording of 30 s is included; the user marked 0 moment(s)." in out
        assert_inert(out + err)
    page = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert "This computer" in page and "Headline" in page


def test_a_duration_of_400_digits_is_refused_plainly_in_both_languages(tmp_path, capsys):
    scan = {**json.loads(results()), "duration": 10**400}  # valid JSON; float() of it raises OverflowError
    path = forge(tmp_path / "b.zip", [member("results.json", json.dumps(scan).encode())])
    code, out, err = show(path, capsys)
    assert code == 3 and WENT_WRONG not in err
    assert "The results in this bundle are damaged or from an unknown version" in err
    code, out, err = show(path, capsys, "--lang", "fr")
    assert code == 3 and "Les résultats de ce dossier de diagnostic sont abîmés" in err
