"""The window's bundle view says a bundle's date is by a wrong clock on its "Date" line, as `selfcheck show` and
report.html do (tests/bundle/test_made_by_wrong_clock.py)."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from pathlib import Path

import pytest

pytest.importorskip("PySide6")

from PySide6.QtWidgets import QFrame, QLabel  # noqa: E402

from selfcheck import app as app_mod  # noqa: E402
from selfcheck import i18n  # noqa: E402

from . import fakechecks  # noqa: E402

FIXTURE = Path(__file__).parent.parent / "fixtures" / "checks" / "network.clock" / "lab_clock_5_hours_behind.json"


def _bundle(tmp_path: Path, offset: float) -> Path:
    """A customer's bundle whose scan found the computer's clock ``offset`` seconds behind the time server's (the lab's)."""
    from selfcheck.bundle import plan_bundle, write_bundle
    from selfcheck.runner import Scan

    facts = json.loads(FIXTURE.read_text())["facts"]
    facts["ntp"] = {k: {**v, "offset_s": offset} for k, v in facts["ntp"].items()}
    facts["http_offset_s"] = offset
    results = [{"id": "network.clock", "title": "Date and time", "status": "fail", "summary": "This computer's clock is wrong.", "category": "network"}]
    scan = Scan.from_dict({"results": results, "symptom": "internet", "language": "en"}, facts={"network.clock": facts})
    plan = plan_bundle(app_mod.start((), "en"), scan, include_logs=False)
    # dated by that clock: made now, it said a time ``offset`` seconds earlier
    made = datetime.fromisoformat(plan.created_at.replace("Z", "+00:00")) - timedelta(seconds=offset)
    plan.created_at = made.isoformat(timespec="seconds").replace("+00:00", "Z")
    plan.finalise()
    path = write_bundle(plan, tmp_path / f"clock-{int(offset)}.zip").path
    i18n.set_language("en")
    return path


def _date_line(qtbot, window, path: Path) -> str:
    with qtbot.waitSignal(window.results_page.ready, timeout=20000):
        window.open_bundle(path)
    header = window.results_page.findChild(QFrame, "facts")
    assert header is not None
    lines = [w.text() for w in header.findChildren(QLabel) if w.text().startswith(("Date: ", "Date\u00a0: "))]
    assert len(lines) == 1, [w.text() for w in header.findChildren(QLabel)]
    return lines[0]


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_bundle_views_date_says_it_is_by_a_wrong_clock(qtbot, make_window, tmp_path, lang):
    """Agent round 100 (clock-wrong): "made August 5, 2026" made the agent pause until the next line explained the clock
    was wrong; the window's "Date" line said the wrong clock's date with nothing beside it."""
    path = _bundle(tmp_path, 10_739_561.0)  # 124 days behind, as the support-reading lab's clock-wrong case
    window = make_window(fakechecks.PassCheck)
    if lang == "fr":
        window.set_language("fr")
    line = _date_line(qtbot, window, path)
    said = {
        "en": "by the computer's clock, which was 124 days behind (the right time was about ",
        "fr": "selon l’horloge de l’ordinateur, qui retardait de 124\u00a0jours (il était en réalité environ le ",
    }[lang]
    assert said in line and line.endswith(" UTC)"), line
    i18n.set_language("en")


def test_a_right_clocks_bundle_keeps_its_date_alone(qtbot, make_window, tmp_path):
    window = make_window(fakechecks.PassCheck)
    line = _date_line(qtbot, window, _bundle(tmp_path, 0.4))
    assert "clock" not in line and "(" not in line, line
