"""The support card in the window's bundle view: a number keeps its unit, French punctuation the word before it, at any width."""

from __future__ import annotations

import json
import re
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QFrame, QLabel

from selfcheck import i18n, supportcard

from . import fakechecks
from .conftest import label_words, run_scan

LAB = Path(__file__).parent.parent / "fixtures" / "recording" / "lab_cuts_and_hog.json"

#: what must never begin a line: a unit whose number ended the line before ("à 38" / "s"), or French punctuation (" :" « ; » « » »)
UNIT_ALONE = re.compile(r"^(?:s|ms|min|%|Go|Mo|Ko|octets)(?!\w)")
PUNCTUATION_ALONE = re.compile(r"^[:;»!?]")


def _line_starts(lab: QLabel, width: int) -> list[tuple[str, str]]:
    """(the end of the line before, the line) for each line the label's words wrap to at ``width``, as its text document
    lays them out in the label's font."""
    doc = QTextDocument()
    doc.setDefaultFont(lab.font())
    doc.setDocumentMargin(0)
    if lab.textFormat() == Qt.TextFormat.RichText:
        doc.setHtml(lab.text())
    else:
        doc.setPlainText(lab.text())
    doc.setTextWidth(width - lab.indent() if lab.indent() > 0 else width)
    doc.size()  # laid out now
    starts = []
    block = doc.begin()
    while block.isValid():
        layout, text = block.layout(), block.text()
        for i in range(1, layout.lineCount()):
            before, line = layout.lineAt(i - 1), layout.lineAt(i)
            starts.append((text[before.textStart() : line.textStart()], text[line.textStart() : line.textStart() + line.textLength()]))
        block = block.next()
    return starts


def _lab_card_header(qtbot, make_window, program: str = "yes"):
    """The window showing a bundle whose card holds the cuts-sometimes lab's recording, in French: its card's labels."""
    window = make_window(fakechecks.PassCheck)
    scan = run_scan(qtbot, window)
    recording = json.loads(LAB.read_text())
    for sample in recording["samples"]:
        for top in sample.get("top") or []:
            top["name"] = program if top["name"] == "yes" else top["name"]
    with i18n.language("fr"):
        card = supportcard.build({"language": "fr", "results": []}, {}, recording=recording)
        window.results_page.show_scan(scan, None, read_only=True, bundle_info={"support_card": card, "description": "x"})
    header = next(frame for frame in window.results_page.findChildren(QFrame) if frame.objectName() == "facts")
    return card, header.findChildren(QLabel)


def test_in_the_bundle_view_a_number_keeps_its_unit_and_french_punctuation_its_word_at_every_width(qtbot, make_window):
    # review 38 (French bundle view): "le client a appuyé sur « C'est arrivé maintenant » à 38" ended a line and "s" began the
    # next; every "N s" of the card could, and « : » « ; » « » » alone at a line's start too
    card, labels = _lab_card_header(qtbot, make_window)
    proof = [lab for lab in labels if "à 38\u00a0s" in label_words(lab)]
    assert proof, [label_words(lab) for lab in labels]
    wraps = 0
    for lab in labels:
        for width in range(220, 720, 3):  # narrower, a word longer than the line is cut anywhere (as Qt lays out any text)
            for before, line in _line_starts(lab, width):
                wraps += 1
                assert not (UNIT_ALONE.match(line) and re.search(r"\d\s*$", before)), (width, before, line)
                assert not PUNCTUATION_ALONE.match(line), (width, before, line)
    assert wraps > 1000  # the words did wrap, at many places
    # what is copied is what the card says, each character as it is: the bullets' lines, the rows under them
    words = [label_words(lab) for lab in labels]
    for line in card.proof:
        assert ("◦ " + line.strip() if supportcard.is_sub_item(line) else "• " + line) in words, (line, words)
    assert card.reply in words


def test_the_cards_words_kept_together_stay_inert_text(qtbot, make_window):
    # a bundle is hostile input: a program's name as markup, beside a figure kept with its unit, is shown as typed (the
    # name holds one itself, typed with an ordinary space: the card's own French figures have their no-break space already)
    program = "<img src=x><b>yes</b>&amp; 2 s"
    card, labels = _lab_card_header(qtbot, make_window, program)
    shown = [lab for lab in labels if program in label_words(lab)]
    assert shown and all(lab.textFormat() == Qt.TextFormat.RichText for lab in shown), [label_words(lab) for lab in labels]
    assert any(f"{program} (66\u202f%)" in label_words(lab) for lab in shown), [label_words(lab) for lab in shown]
    assert all("<img" not in lab.text() and "<b>" not in lab.text() for lab in labels)
