"""Send round 111 (issue 21, one lay reader of 67 per language, the send and request pictures of 60f29bef; rounds 109-110
for what keeps coming back): the words still quoted on the send dialog, its review and its detail view. Each part's link
"Read what this part sends" (rounds 109 and 111: "the wording is odd", "another page of reading, when I thought this
already told me") asks the reader's own question; the detail view's "See this part exactly as support will read it"
(every round: "I'm afraid that would show me computer gibberish", "so I won't click it") says what it opens and for whom,
its headings in step. In French: "Always sent" began its why after the name's last word and ended under it (« pourquoi ces
lignes n'ont pas de case ? »); « Envoyer aussi » over the send page's boxes; « lors de la vérification » on the computer
part. The request page's fold: tests/test_send_review_words111.py."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QScreen
from PySide6.QtWidgets import QApplication, QLabel, QStyleOptionViewItem

from selfcheck import i18n
from selfcheck.gui.support_dialog import ALWAYS_SENT, SupportDialog

from . import fakechecks
from .conftest import run_scan
from .test_support import _line, _to_review


@pytest.fixture(params=["en", "fr"])
def lang(request: pytest.FixtureRequest):
    yield request.param
    i18n.set_language("en")


def _review(qtbot, make_window, lang: str, *checks: type) -> SupportDialog:
    i18n.set_language("en")
    window = make_window(*(checks or (fakechecks.PassCheck, fakechecks.FailCheck)))
    if lang == "fr":
        window.set_language("fr")
    run_scan(qtbot, window)
    return _to_review(qtbot, window)


LINK = {"en": "What is in it?", "fr": "Qu’y a-t-il dedans\u202f?"}


def test_each_part_s_link_asks_what_is_in_it(qtbot, make_window, lang):
    """Send rounds 109 and 111 (en, fr): "Read what this part sends" / « Lire ce que cette partie envoie »: the reader's own
    question, in words known without thinking; a click still shows the part, its tick left alone."""
    dialog = _review(qtbot, make_window, lang)
    links = [re.sub("<[^>]*>", "", words) for words in re.findall(r'<a href="part:[^"]*">(.*?)</a>', dialog.overview.text())]
    assert len(links) == len(dialog.groups) >= 3
    # send round 113: "What is in it?" quoted too: the part's name is the link (tests/gui/test_send_review_names48.py)
    assert links == [g.title for g in dialog.groups] and LINK[lang] not in dialog.overview.text(), links
    assert "this part sends" not in dialog.overview.text() and "cette partie envoie" not in dialog.overview.text()
    dialog.overview.linkActivated.emit("part:computer")
    item = dialog.file_tree.currentItem()
    assert item is not None and item.data(0, Qt.ItemDataRole.UserRole) == ("group", "computer")
    assert item.checkState(0) == Qt.CheckState.Checked
    dialog.close()


SHOW = {
    "en": "More details",
    "fr": "Plus de détails",
}
HEADING = {"en": "The exact text support receives:", "fr": "Le texte technique que reçoit l’assistance\u00a0:"}
NOT_SENT = {
    "en": "This part is not sent, as you took its tick away. Here is the exact text support would receive:",
    "fr": "Cette partie n’est pas envoyée, car vous avez enlevé sa coche. Voici le texte technique que l’assistance recevrait\u00a0:",
}


def test_the_detail_button_says_what_it_opens_and_for_whom(qtbot, make_window, lang):
    """Send rounds 108-111 (en, fr): "See this part exactly as support will read it": "I'm afraid that would show me computer
    gibberish", "so I won't click it", « ce n'est pas déjà ce que je lis ? »: said honestly (the exact text, technical) and
    for whom (the curious), so a reader chooses without fear; the lines still one click away, under a heading in step."""
    dialog = _review(qtbot, make_window, lang)
    assert dialog.select("group", "computer")
    toggle = dialog.details_toggle
    assert toggle.text() == SHOW[lang] == toggle.accessibleName()
    assert "exactly as support" not in toggle.text() and "exactement comme" not in toggle.text()
    assert not dialog.part_details.isVisibleTo(dialog)
    toggle.click()
    assert dialog.part_details.isVisibleTo(dialog) and dialog.part_details.toPlainText()
    assert dialog.details_heading.text() == f"<b>{html.escape(HEADING[lang])}</b>" and dialog.part_details.accessibleName() == HEADING[lang]
    dialog.file_tree.currentItem().setCheckState(0, Qt.CheckState.Unchecked)
    assert dialog.select("group", "computer")
    dialog.details_toggle.click()
    assert dialog.details_heading.text() == f"<b>{html.escape(NOT_SENT[lang])}</b>"
    dialog.close()


def _drawn_lines(tree, item) -> list[str]:
    """The lines of a review line's words as the list draws them (TickBeside.laid_out), line breaks left out."""
    delegate = tree.itemDelegate()
    option = QStyleOptionViewItem()
    tree.initViewItemOption(option)
    option.rect = tree.visualItemRect(item)
    index = tree.indexFromItem(item)
    delegate.initStyleOption(option, index)
    layout, _where = delegate.laid_out(delegate.words(option), delegate.label(index))
    text = layout.text()
    lines = (layout.lineAt(i) for i in range(layout.lineCount()))
    return [text[line.textStart() : line.textStart() + line.textLength()].strip("\u2028\u2002 ").replace("\u00a0", " ") for line in lines]


WHY = {"en": "Always sent: support needs it to help you", "fr": "Toujours envoyé\u00a0: l’assistance en a besoin"}


def test_always_sent_and_its_why_read_whole_on_a_line_of_their_own(qtbot, make_window, lang):
    """Send round 111 (fr): « Toujours envoyé » : « pourquoi ces lignes n'ont pas de case ? » (twice): at the pictures' width
    (780) the why began after the name's last word (« ordinateur Toujours envoyé : l'assistance en a ») and ended under it;
    the English, whole on its own line, was not quoted again. The words after the name are never cut in two: whole after it,
    or whole on the next line; and the French why is short enough to be one line there, as the English (at 1100 the English
    was cut the same way: "… computer Always sent: support" / "needs it to help you")."""
    dialog = _review(qtbot, make_window, lang)
    results = _line(dialog, "group", "results")
    assert results.data(0, ALWAYS_SENT) == WHY[lang]
    for width in (780, 1100):
        dialog.resize(width, 700)
        QApplication.processEvents()
        lines = _drawn_lines(dialog.file_tree, results)
        assert WHY[lang].replace("\u00a0", " ") in lines, (width, lines)  # a line of its own, whole
        # the name and e-mail's "Always sent", short, still after its name
        who = _drawn_lines(dialog.file_tree, _line(dialog, "contact", ""))
        assert who[0].endswith({"en": "Always sent", "fr": "Toujours envoyé"}[lang]), (width, who)
    dialog.close()


HEADED = {"en": "Also include", "fr": "À ajouter si vous le voulez\u00a0:"}


def test_the_send_page_s_boxes_are_headed_by_what_they_are(qtbot, make_window):
    """Send round 111 (fr): « Envoyer aussi » over the two boxes, quoted: what they are (things to add) and that they are a
    choice; the English "Also include", not quoted, unchanged."""
    window = make_window(fakechecks.FailCheck)
    run_scan(qtbot, window)
    try:
        for lang in ("fr", "en"):
            window.set_language(lang)
            dialog = window.contact_support()
            assert isinstance(dialog, SupportDialog)
            headings = [w for w in dialog.findChildren(QLabel) if w.objectName() == "sectionTitle"]
            assert HEADED[lang] in [w.text() for w in headings] and "Envoyer aussi" not in [w.text() for w in headings]
            # one line, also in the size the page asks for (the dialog opens as tall as its first page: no line taller for it)
            heading = next(w for w in headings if w.text() == HEADED[lang])
            assert heading.sizeHint().height() < 2 * heading.fontMetrics().lineSpacing(), heading.sizeHint()
            dialog.close()
    finally:
        i18n.set_language("en")


def test_the_french_heading_over_the_boxes_fits_one_line_at_1366x768_and_150_percent(qtbot, monkeypatch):
    """The French heading, longer, whole on one line on a 1366x768 laptop at 150 %, the boxes under it in sight as before
    (tests/gui/test_small_room.py)."""
    language = "fr"
    from .test_small_room import BRANDING, first_window, settle, verdict_faults

    monkeypatch.setattr(QScreen, "availableGeometry", lambda self: QRect(0, 0, 911, 512))
    i18n.set_language(language)
    try:
        window = first_window(qtbot, *verdict_faults()["computer-full"])
        window.app.config.data["branding"].update(BRANDING[language])
        run_scan(qtbot, window)
        dialog = window.contact_support()
        assert dialog is not None
        qtbot.waitExposed(dialog)
        settle(qtbot)
        heading = next(w for w in dialog.findChildren(QLabel) if w.objectName() == "sectionTitle" and w.text() == HEADED[language])
        assert heading.fontMetrics().horizontalAdvance(heading.text()) <= heading.width(), (heading.width(), heading.text())
        assert heading.height() < 2 * heading.fontMetrics().lineSpacing()
        dialog.reject()
        window.threads.stop_all(3000)
    finally:
        i18n.set_language("en")


def _recorded_link_and_internet(case: str) -> tuple[type, type]:
    """network.link with a cable up (a French Windows' adapter name) and network.internet's facts recorded in the network
    lab (tests/fixtures/checks/network.internet, SOURCES there)."""
    from selfcheck.checks.network_internet import InternetCheck
    from selfcheck.checks.network_link import LinkCheck

    class RecordedLink(LinkCheck):
        def collect(self, ctx):
            cable = {
                "name": "Ethernet",
                "up": True,
                "loopback": False,
                "virtual": False,
                "wireless": False,
                "ipv4": ["192.168.1.21"],
                "ipv4_self_assigned": [],
                "ipv6_global": [],
            }
            return {"interfaces": [cable], "wifi": []}

    recorded = Path(__file__).resolve().parents[1] / "fixtures" / "checks" / "network.internet" / f"{case}.json"

    class RecordedInternet(InternetCheck):
        depends_on = ()

        def collect(self, ctx):
            return json.loads(recorded.read_text(encoding="utf-8"))["facts"]

    return RecordedLink, RecordedInternet


@pytest.mark.parametrize(
    ("case", "said"),
    [
        ("lab_line_works", {"en": "Internet: working when checked", "fr": "Internet\u00a0: marchait quand l’ordinateur a été vérifié"}),
        ("lab_line_down", {"en": "Internet: not working when checked", "fr": "Internet\u00a0: ne marchait pas quand l’ordinateur a été vérifié"}),
    ],
)
def test_the_computer_part_says_when_it_was_checked_as_a_person_would(qtbot, make_window, case, said):
    """Send round 111 (fr): « Internet : marchait lors de la vérification »: « lors de la vérification » quoted: when the
    computer was checked, as a person says it; the English "when checked", not quoted, unchanged."""
    try:
        for lang in ("fr", "en"):
            dialog = _review(qtbot, make_window, lang, fakechecks.PassCheck, *_recorded_link_and_internet(case))
            assert dialog.select("group", "computer")
            plain = dialog.overview.text()
            assert plain.endswith(said[lang]) and "lors de la vérification" not in plain, plain[-200:]
            dialog.close()
    finally:
        i18n.set_language("en")
