"""A bundle whose support card this version cannot make again (a fault in it, facts it does not expect): support is told
so, and sees the card saved in the bundle, or the results alone; never an older card shown silently as this version's
(the cuts engineer of stop 43 saw `selfcheck show` print the saved card without a word), never a bundle that will not open."""

from __future__ import annotations

import zipfile

from PySide6.QtWidgets import QLabel

from selfcheck import app as app_mod
from selfcheck import cli, supportcard
from selfcheck.bundle import make_bundle
from selfcheck.runner import Runner, select

SAVED_NOTE = (
    "This version of selfcheck could not make the support card again from this bundle (the reason is in its log). "
    "Below is the card saved in the bundle when it was made, perhaps in the customer's language."
)
NONE_NOTE = (
    "This version of selfcheck could not make the support card from this bundle (the reason is in its log). "
    "The customer's screen and every result below are complete."
)


def _bundle(tmp_path):
    app = app_mod.start((), "en")
    scan = Runner(app.registry, app.config).run([c for c in select(app.registry, app.config) if c.id == "os.uptime"])
    return make_bundle(app, scan, out_path=tmp_path / "b.zip", description={"problem": "it is slow"}, include_logs=False)


def _broken_build(*args, **kwargs):
    raise KeyError("a fact this version does not expect")


def test_show_says_the_card_is_the_saved_one_when_this_version_cannot_make_it(tmp_path, capsys, monkeypatch) -> None:
    info = _bundle(tmp_path)
    monkeypatch.setattr(supportcard, "build", _broken_build)
    capsys.readouterr()
    assert cli.main(["show", str(info.path), "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert SAVED_NOTE in out
    assert out.index(SAVED_NOTE) < out.index(f"Support card — reference {info.reference}")  # said before the card it explains
    assert "Traceback" not in out and "KeyError" not in out


def test_show_without_a_saved_card_says_so_and_prints_every_result(tmp_path, capsys, monkeypatch) -> None:
    info = _bundle(tmp_path)
    stripped = tmp_path / "stripped.zip"
    with zipfile.ZipFile(info.path) as src, zipfile.ZipFile(stripped, "w") as dst:
        for item in src.infolist():
            if not item.filename.startswith("support-card."):
                dst.writestr(item, src.read(item))
    monkeypatch.setattr(supportcard, "build", _broken_build)
    capsys.readouterr()
    cli.main(["show", str(stripped), "--lang", "fr"])
    out = capsys.readouterr().out
    french = (
        "Cette version de selfcheck n’a pas pu faire la fiche support de ce dossier (la raison est dans son journal). "
        "L’écran du client et tous les résultats ci-dessous sont complets."
    )
    assert french in out and "Fiche support — référence" not in out
    assert "Temps depuis le démarrage" in out or "os.uptime" in out or "Tous les résultats" in out  # the results follow
    assert "Traceback" not in out


def test_the_windows_bundle_view_says_the_card_is_the_saved_one(qtbot, make_window, tmp_path, monkeypatch) -> None:
    info = _bundle(tmp_path)
    monkeypatch.setattr(supportcard, "build", _broken_build)
    window = make_window()
    with qtbot.waitSignal(window.scan_shown, timeout=10000):
        window.open_bundle(info.path)
    texts = [lab.text() for lab in window.results_page.findChildren(QLabel)]
    assert "Support card" in texts and SAVED_NOTE in texts
    assert window.bundle_info["support_card"].reference == info.reference  # the saved card, shown under the note
