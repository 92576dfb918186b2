"""Contact support: describe, review exactly what will be sent, save or send; support staff open the bundle."""

from __future__ import annotations

import html
import json
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, QPoint, QRect, Qt
from PySide6.QtGui import QAccessible, QFont, QFontMetrics
from PySide6.QtWidgets import QFrame, QLabel, QPushButton, QStyleOptionViewItem

from selfcheck.api import Status
from selfcheck.bundle import review
from selfcheck.gui import support, theme
from selfcheck.gui.support_dialog import ALWAYS_SENT, SupportDialog

from . import fakechecks
from .conftest import label_words, run_scan, shown_text


def test_support_dialog_previews_every_file_then_saves_the_bundle(qtbot, make_window, tmp_path):
    window = make_window(fakechecks.PassCheck, fakechecks.FailCheck)
    run_scan(qtbot, window)
    dialog = window.contact_support()
    assert isinstance(dialog, SupportDialog)
    dialog.what.setPlainText("Websites do not open since this morning.")
    dialog.changed.setText("New router")
    dialog.since.setCurrentIndex(1)
    dialog.include_screenshot.setChecked(True)
    qtbot.waitUntil(lambda: dialog.next_button.isEnabled())
    dialog.next_button.click()
    qtbot.waitUntil(lambda: dialog.stack.currentIndex() == SupportDialog.REVIEW, timeout=10000)
    names = [f.name for f in dialog.files]
    assert names == list(dialog.planned.files)  # every file of the bundle is listed
    assert "manifest.json" in names
    description = next(n for n in names if n.startswith("description") and n.endswith(".txt"))
    screenshot = next(n for n in names if n.endswith(".png"))
    # grouped as a person thinks of it; nothing is chosen for removal before the person picks something
    groups = dialog.review_groups()
    assert [g.title for g in groups] == [
        "What you wrote",  # small-screen round 7: named for what its box leaves out (the name and e-mail: a line of their own)
        "What is wrong and what works on your computer",
        "Your computer: what kind, and how much room is left",  # round 17: "Wi-Fi or a cable: which one have I?"; rounds 59-63: "I don't know which mine is"
        # round 7: "notebook" / « carnet de bord » not understood; it holds earlier checks and the log, when there are any
        # (since send rounds 36-39 the table of contents is in the part always sent: no part is shown empty of its own)
        *(["What this program checked, and when"] if any(review.group_of(n) == review.RECORD for n in names) else []),
    ]
    assert sorted(p for g in groups for f in g.files for p in f.paths) == sorted(names)  # every file, once
    # send rounds 30-31 (en): "Without it, support…": "without what?": each line names its part (see the test below)
    assert all(g.holds and g.cost and "Without it" not in g.cost for g in groups)
    # send round 27: "cable from your internet box" ("I don't know if mine uses a cable, and I'm not sure what the 'internet
    # box' is"), "Wi-Fi" ("heard it, couldn't explain it"): a cable or none, with no box
    # send rounds 41-44: "Wi-Fi" quoted again in brackets (« je ne sais pas si j'en ai un ou si c'est un câble »): a cable or none
    # send rounds 59-63 (en): "by a cable or without a cable": "I don't know which mine is" (every round): no choice the reader
    # cannot make, whether it is on the internet
    assert "and whether its internet works." in groups[2].holds and "box" not in groups[2].holds
    assert "Wi-Fi" not in groups[2].holds and "cable" not in groups[2].holds and "connects" not in groups[0].title + groups[2].title
    # small-screen rounds 18, 19, 21: "passwords" said so often it raised the worry: in the head and the file's line, not here
    assert "password" not in groups[2].holds
    # round 9: « ce que ce programme a fait, je ne sais pas bien ce que ça veut dire »: what it is (its examples, rounds 41-43, were not understood: none)
    # round 11: "which checks it ran?"; send round 40: "today and on earlier days": "Has this program been watching my
    # computer every day without me knowing?": only when it was opened
    holds = review.ReviewGroup(review.RECORD).holds
    assert holds.startswith("The list of what it checked on your computer each time you opened this program, and when.")
    assert "earlier days" not in holds
    labels = {f.path: f.label for g in groups for f in g.files}
    # send round 37: "List of the files": "a list of my own files and photos?"; round 38: "none was changed on the way":
    # "Could someone change my message on the way?": what it is to the reader
    assert labels["manifest.json"] == "Table of contents of this message"
    assert labels["facts/fake.fail.json"] == "What the check “Fake network link” found"
    # the description the person wrote is one line, not twice (as text and for support's programs)
    wrote = [f.label for f in groups[0].files]
    # send round 27: "Your description": "I only added a sentence about the printer here, not a description": what they wrote
    assert wrote.count("Your own words") == 1 and "Your description" not in wrote and not any("tools" in w for w in wrote), wrote
    # send round 36 (fr): « je vois deux fois « Ce que vous avez écrit » »: no line under a group says the group's own title again
    assert not any(f.label in g.title for g in groups for f in g.files), [(g.title, f.label) for g in groups for f in g.files if f.label in g.title]
    # send round 38 (fr): « Le même texte est écrit deux fois, en gris puis en noir »: the computer's line, not its group's title
    assert labels["system.json"] == "About this computer"  # rounds 61-62: "Details": "what details?"; round 70: "(no passwords)": why there?
    # nothing chosen, nothing is picked for removal
    # round 7: "Rather keep something private?" read as "private from whom?": a small, plain choice
    # round 9: "(nothing breaks)": "what could break?": a small link that says only what it does
    # round 20: "Rather not send one of these parts?" (en, fr: « je ne sais pas ce qui se passerait si je disais oui »): the choice and what it does
    # round 23: "Choose a part to take out": "I don't know what happens if I take a part out, or if I should"
    # round 24: "Nothing needs to be taken out. To keep a part from being sent, choose it here.": "am I asked to take something
    # out?", "what does this little link with its arrow do?" (en, fr): with nothing chosen, no take-out control at all
    # send rounds 41-50: the link that showed once a line was clicked ("Take this part out") went: a tick box on each line,
    # every one ticked before the person touches anything
    assert dialog.file_tree.currentItem() is None and not hasattr(dialog, "leave_out")
    assert all(state == Qt.CheckState.Checked for _line, state in _ticks(dialog)), _ticks(dialog)
    assert "taken out" not in dialog.overview.text() + dialog.group_info.text() + dialog.review_intro.text()
    # with nothing chosen, what each group holds and what leaving it out costs can be read without a click
    overview = dialog.overview.text()
    # (the part always sent says why under its name on the left, not again here: send round 113)
    assert all(g.title in overview and (g.cost in overview) == g.optional for g in groups)
    assert "No e-mail address given: support cannot answer you by e-mail." in overview  # checked before sending (round 6)
    intro = dialog.review_intro.text()
    assert "bytes" not in intro and "KB" not in intro and "it goes to Your support team only" not in intro
    # round 23: "Click a line to see exactly what it holds." was on the screen twice (intro and right column): once
    # round 25 (en r24, r25): "what does “holds” mean, a line on the left or the right?": which side, without "holds"
    assert "Click a line" not in intro and dialog.group_info.text() == (
        # send rounds 41-50: "To leave one out, click its line: “Take this part out” then shows below the list…": "I had to read
        # that twice": what a tick means, and that looking is optional
        "Parts with a tick, and those marked “Always sent”, are sent. To leave a part out, click the small square beside its name to take the tick away."
    )
    tree_text = [dialog.file_tree.topLevelItem(i).text(0) for i in range(dialog.file_tree.topLevelItemCount())]
    assert not any("KB" in t or "bytes" in t for t in tree_text) and dialog.file_tree.columnCount() == 1
    # send round 36 (fr): « Si vous retirez les lignes sous son nom » : « Quelles lignes ? »; rounds 37-39 quoted those lines
    # once shown open; send round 56 (fr): « Vos propres mots », open under « Ce que vous avez écrit »: « je ne vois pas
    # pourquoi il y a deux lignes pour la même chose »: no part is open before any click, and no part's line speaks of
    # lines under its name
    opened_first = {
        dialog.file_tree.topLevelItem(i).data(0, Qt.ItemDataRole.UserRole)[1]
        for i in range(dialog.file_tree.topLevelItemCount())
        if dialog.file_tree.topLevelItem(i).isExpanded()
    }
    assert opened_first == set(), opened_first
    assert dialog.select("group", "wrote") and dialog.file_tree.currentItem().isExpanded()  # a click on its name opens it
    dialog.file_tree.setCurrentIndex(QModelIndex())
    assert "lines under its name" not in dialog.overview.text()
    # a click on a line's words shows it; it takes nothing out
    assert dialog.select("group", "computer")
    assert dialog.file_tree.currentItem().checkState(0) == Qt.CheckState.Checked and "system.json" in dialog.planned.files
    # clicking a line shows what it really holds: its files by their plain names (on the left too); the raw content,
    # written for support's tools, only when a file is clicked (lay readers took it for gibberish at once)
    computer = next(g for g in groups if g.key == "computer")
    assert all(f.label in dialog.overview.text() for f in computer.files)
    assert dialog.file_tree.currentItem().isExpanded()
    assert not dialog.preview_stack.isVisibleTo(dialog)
    # ... and, at once, what it really holds, in plain lines (round 5: a clicked part showed its description again
    # and asked for another click): no braces or quotes of the raw text, which stays one click further
    system = json.loads(dialog.planned.files["system.json"])
    shown_text = dialog.overview.text()
    # send rounds 91-95 (en, fr): the box of every line shown at once under the plain lines was skipped as told and still
    # quoted line by line: the plain lines alone, the box closed under them, one click away
    heading = "<b>" + html.escape("The exact text support receives:") + "</b>"
    plain = shown_text
    # round 6: only the few lines a person understands (kind of computer, room left, how it connects) first; the rest
    # (kernel version, 'LANG', 'docker'...) under them, under their heading
    assert "Kind of computer: " in plain, shown_text[:800]
    assert "Internet: " not in shown_text  # said from network.link's facts only: no guess from names
    assert "Which one:" not in plain and "LANG" not in plain and "Version details" not in plain
    # round 20: "See all of it, as support will read it": "computer gibberish?", « ce que ce lien va ouvrir »: what opens, and where
    # round 21: "(technical: …)": "what are 'technical' lines?" (en, fr): what they are, said plainly
    # rounds 22, 23: "Show here the details this part sends to support (you do not need to read them)" (en, fr: « quels détails ? »)
    # and "Support reads these details: you do not need to understand them." ("makes me wonder what's hidden"): plain and short
    # round 24: "Show more of what this part sends": "More of what?" (en): the part, in full, and it really is all of it
    # rounds 25-27: "See this part in full" / « Voir cette partie en entier »: "I don't know what more there would be": what
    # it adds is named, in the words the opened lines use, and none of those lines is shown before the click
    # round 28 (en, fr): "Show the other details it sends: version number, processor, memory, programs running, connections to
    # a network": every item quoted, "programs running" worried ("they'll see everything I'm doing"): no item named
    # rounds 30-31 (en): "Show all of this part, every detail support receives": "what other details?": how many lines it adds
    # round 32: the count ("Show 688 more lines of this part") was quoted and feared by both readers: round 29's words again
    # send rounds 81-90 (en): "Show the rest of what this part sends: more facts of this kind, written for support": "Why are
    # they hidden?", "'The rest' sounds as if there's more going than I was shown": no fold, no click; every line at once,
    # under the plain ones (last on the right, under a heading that says what they are), in a box of its own
    # send rounds 91-95: that box, closed under a button, as desktop programs keep their technical details
    assert "<a " not in shown_text and "Show the rest" not in shown_text and "See this part in full" not in shown_text
    assert heading not in shown_text and not dialog.part_details.isVisibleTo(dialog)
    dialog.details_toggle.click()
    assert dialog.details_heading.text() == heading
    details = dialog.part_details.toPlainText()
    assert dialog.part_details.isVisibleTo(dialog) and dialog.part_details.isReadOnly()
    assert dialog.part_details.mapTo(dialog, QPoint(0, 0)).y() > dialog.overview.mapTo(dialog, QPoint(0, dialog.overview.height())).y()  # under the plain lines
    named = ("Version number: ", "Processor:", "Memory (used by open programs", "Programs running:", "Connections to a network:")
    assert not any(n in plain for n in named), plain
    # round 25 (en): three hints ("Here is what it holds.", the fold, "To see a part exactly as it will be sent, click its line
    # on the left.": "I already clicked it… so isn't this it?"): one; round 26: that one too ("I thought I had just done that")
    assert "you do not need to understand" not in shown_text and "holds" not in plain
    assert "<i>" not in shown_text and "click a line" not in shown_text
    assert "technical" not in plain.lower()
    assert "GB" not in plain and "Room for your files: " in plain and "Kind of computer: " in plain  # round 7: "GB" not understood
    every, _more = review.plain_lines(dialog.planned.files["system.json"].decode(), limit=10**6, path="system.json")
    assert len(every) > 25 and details == "\n".join(every)  # all of it: no "… and 40 more lines"
    assert "more lines" not in shown_text
    assert f"Which one: {system['os']['system']}" in details, details[:800]  # the data's names in words
    assert "{" not in details and '"' not in details.split("Which one")[0]
    opened_lines = [line.strip() for line in details.split("\n")]
    assert all(any(line.startswith(n) for line in opened_lines) for n in named), [n for n in named if not any(x.startswith(n) for x in opened_lines)]
    assert dialog.select("group", "results")
    assert "Value: 1" in dialog.overview.text()  # fake.pass's facts, as a line a person reads
    assert "&lt;" not in dialog.overview.text() and "Version details" not in dialog.overview.text()  # the report's words, not its markup
    # no triangles to discover: clicking a part opens it (and closes the others, so the list stays short)
    assert not dialog.file_tree.rootIsDecorated()
    opened = [
        dialog.file_tree.topLevelItem(i).text(0).replace("\n", " ")
        for i in range(dialog.file_tree.topLevelItemCount())
        if dialog.file_tree.topLevelItem(i).isExpanded()
    ]
    assert opened == ["What is wrong and what works on your computer What this program told you: “This computer is not connected to any network”."]
    # then a click on one of its files: that file's exact bytes, as text
    assert dialog.select("group", "results")
    for f in (f for g in groups if g.key == "results" for f in g.files if f.path == "manifest.json"):
        assert dialog.select("file", f.path)
        assert dialog.preview_text.toPlainText() == dialog.planned.files[f.path].decode("utf-8"), f.path
        assert not dialog.overview.isVisibleTo(dialog)
    # the customer sees the content of each file, exactly as it will be sent
    assert dialog.select("file", description)
    shown = dialog.preview_text.toPlainText()
    assert shown == dialog.planned.files[description].decode()
    assert "Websites do not open since this morning." in shown
    assert "New router" in shown
    assert dialog.select("file", screenshot)
    assert dialog.preview_stack.currentIndex() == 1
    assert not dialog.preview_image.pixmap().isNull()
    # unticking the screenshot's line really removes it
    _untick(dialog, "file", screenshot)
    assert screenshot not in [f.name for f in dialog.files]
    assert screenshot not in dialog.planned.files
    assert dialog.preview_stack.currentIndex() == 1 and not dialog.preview_image.pixmap().isNull()  # still shown: it can be ticked again
    # the manifest cannot be left out, nor the group of results that holds the required files: "Always sent", no box
    for kind, key in (("file", "manifest.json"), ("group", "results")):
        assert _always_sent(_line(dialog, kind, key)), (kind, key)
    # unticking the one description line leaves out both of its files
    _untick(dialog, "file", description)
    assert not any(n.startswith("description") for n in dialog.planned.files)
    assert dialog.select("group", "results")
    assert dialog.group_info.text().startswith(
        "What is wrong and what works on your computer\nWhat it found for each thing it checked"
    )  # its name, then what it holds
    target = tmp_path / "bundle.zip"
    dialog.save_bundle_to(target)
    qtbot.waitUntil(lambda: dialog.stack.currentIndex() == SupportDialog.DONE, timeout=10000)
    assert target.is_file()
    assert dialog.done_file.text() == f"The file: {target}"
    opened = support.read(target)
    assert "Websites do not open" not in opened.description  # left out above
    assert opened.scan.result("fake.fail").status is Status.FAIL
    assert screenshot not in opened.files
    dialog.close()


def test_opening_a_bundle_shows_it_read_only_with_the_customers_words(qtbot, make_window, tmp_path):
    window = make_window(fakechecks.PassCheck, fakechecks.FailCheck, fakechecks.DependentCheck)
    scan = run_scan(qtbot, window)
    # "Where are you?" as a tampered bundle may carry it: markup and a control character stay inert text
    where = {"id": "where", "question": "Where are you?", "answer": "<b>At home</b>\x1b[2J", "value": "home"}
    described = support.Description("Nothing loads", "Today", "a Windows update", answers=[where])
    planned = support.plan(window.app, scan, described, include_logs=False, screenshot_png=None)
    info = support.write(planned, tmp_path / "received.zip")
    window.go_start()
    with qtbot.waitSignal(window.scan_shown, timeout=10000):
        window.open_bundle(info.path)
    page = window.results_page
    assert window.read_only
    texts = "\n".join(lab.text() for lab in page.findChildren(QLabel))
    assert "Diagnostic bundle (read only)" in texts
    assert "Nothing loads" in texts and "a Windows update" in texts
    # the describe step's answers are shown with the customer's words (the card's own "The customer says" is not drawn)
    said = next(lab for lab in page.findChildren(QLabel) if "Where are you? <b>At home</b>\\x1b[2J" in lab.text())
    assert said.textFormat() == Qt.TextFormat.PlainText and "\x1b" not in texts
    assert page.headline_card.headline.text() == "This computer is not connected to any network."
    # the support card sits in the header: the cause with its confidence, what to ask next
    assert "Support card" in texts and "Ask the customer next" in texts
    assert f"• {window.bundle_info['support_card'].cause} (confidence: high)" in texts
    # agent round 10: the draft reply, one block to copy (no bullets), in the customer's language
    labels = [lab.text() for lab in page.findChildren(QLabel)]
    assert "Reply you can send" in labels
    reply = window.bundle_info["support_card"].reply
    assert reply.startswith("Hello,\nPlease do this now:\n1. ") and reply in labels, reply
    # agent rounds 29-32 read the customer's screen and every result after the card to check they agree (`show` and report.html
    # now say where the card ends): the window shows both below the card, so it says so too, as the card's last line
    end = "End of the support card. Below, for reference: the customer's screen and every result."
    header = next(frame for frame in page.findChildren(QFrame) if frame.objectName() == "facts")
    assert labels.count(end) == 1 and header.findChildren(QLabel)[-1].text() == end, labels
    column = page.headline_card.parentWidget().layout()
    assert column.indexOf(header) < column.indexOf(page.headline_card), "the customer's screen comes after the card"
    # support staff can read every file the customer sent
    files = window.show_bundle_files()
    names = [files.file_list.item(i).text().split("  (")[0] for i in range(files.file_list.count())]
    assert "manifest.json" in names and any(n.startswith("description") for n in names)
    files.file_list.setCurrentRow(next(i for i, n in enumerate(names) if n.startswith("description") and n.endswith(".txt")))
    assert "Nothing loads" in files.text.toPlainText()
    files.close()
    assert page.files_button is not None
    # read-only: nothing to re-run or fix, no sending
    assert page.headline_card.again_button is None
    assert all(card.again_button is None and card.fix_button is None for card in page.cards.values())
    assert not page.support_button.isVisibleTo(window)
    assert window.contact_support() is None
    page.back_button.click()
    assert window.scan is None


def test_an_opened_bundle_says_where_the_customer_did_not_answer_and_numbers_the_questions_as_show_does(qtbot, make_window, tmp_path):
    """Review 38, the support card in its four places (show, report.html, this window, the relay's ticket): the window leaves
    out the card's "The customer says" (their words are in the description above it), and so lost "Where are you? Not
    answered." (agent round 57: the card assumed a home box and nothing said the question was unanswered); and the
    questions to ask in their order read "• 1. Did they restart…", a bullet before a number, where `show` prints "1. …"."""
    from selfcheck import supportcard

    window = make_window(fakechecks.PassCheck, fakechecks.FailCheck)
    scan = run_scan(qtbot, window)
    planned = support.plan(window.app, scan, support.Description("Nothing loads"), include_logs=False, screenshot_png=None)
    planned.parts["description.json"] = json.dumps({"problem": "Nothing loads", "symptom": "internet"}).encode()
    planned.finalise()
    info = support.write(planned, tmp_path / "received.zip")
    window.go_start()
    with qtbot.waitSignal(window.scan_shown, timeout=10000):
        window.open_bundle(info.path)
    page = window.results_page
    assert "Where are you? Not answered." in window.bundle_info["support_card"].customer  # what the card says of them
    said = [lab.text() for lab in page.findChildren(QLabel) if lab.objectName() == "description"]
    assert "Nothing loads\nWhere are you? Not answered." in said, said
    # the box's own name service stopped: the questions to ask, numbered in their order
    facts = {
        "network.gateway": {"gateway": "10.77.0.1", "ping": {"sent": 3, "received": 3, "rtts_ms": [0.1, 0.1, 0.1]}, "tcp": {"80": "ok"}},
        "network.dns": {"resolvers": ["10.77.0.1"], "queries": {"10.77.0.1": {"www.lab.example": {"status": "refused", "sent": 1}}}},
    }
    results = [
        {"id": "network.gateway", "title": "Your internet box (router)", "status": "pass", "summary": "Your internet box answers."},
        {"id": "network.dns", "title": "Finding websites by name", "status": "fail", "summary": "Names are refused."},
    ]
    card = supportcard.build({"results": results, "diagnosis": {"root_causes": ["network.dns"]}}, facts)
    asked = card.next_question.splitlines()
    assert len(asked) == 3 and asked[0].startswith("1. Did they restart the internet box"), asked
    page.show_scan(window.scan, page.registry, read_only=True, bundle_info={**window.bundle_info, "support_card": card})
    labels = [lab.text() for lab in page.findChildren(QLabel)]
    assert [line for line in labels if line in asked] == asked, labels
    assert not any(text.startswith("• ") and text[2:] in asked for text in labels), labels
    assert f"• {card.ruled_out[0]}" in labels  # the other entries keep their bullet


def test_opening_a_scan_json_and_a_broken_file(qtbot, make_window, tmp_path):
    window = make_window(fakechecks.PassCheck, fakechecks.WarnCheck)
    scan = run_scan(qtbot, window)
    path = tmp_path / "scan.json"
    path.write_text(json.dumps({**scan.to_dict(), "facts": scan.facts}))
    with qtbot.waitSignal(window.scan_shown, timeout=10000):
        window.open_bundle(path)
    assert window.read_only and window.scan.result("fake.warn").status is Status.WARN
    for name, content in (("broken.zip", b"PK\x03\x04 not really a zip"), ("broken.json", b"{not json")):
        window.notice.hide()
        broken = tmp_path / name
        broken.write_bytes(content)
        window.open_bundle(broken)
        qtbot.waitUntil(lambda: window.notice.isVisible(), timeout=10000)
        assert f"“{name}” could not be opened: " in window.notice.text.text()
        assert "Traceback" not in window.notice.text.text()


def test_after_a_language_switch_the_bundle_is_judged_again_in_french(qtbot, make_window, tmp_path):
    from selfcheck.checks.os_uptime import UptimeCheck

    window = make_window(UptimeCheck)
    scan = run_scan(qtbot, window)
    info = support.write(support.plan(window.app, scan, support.Description("x"), include_logs=False, screenshot_png=None), tmp_path / "b.zip")
    with qtbot.waitSignal(window.scan_shown, timeout=10000):
        window.open_bundle(info.path)
    with qtbot.waitSignal(window.scan_shown, timeout=10000):
        window.set_language("fr")
    assert "redémarré" in window.results_page.cards["os.uptime"].summary_label.text()
    assert window.read_only


def _line(dialog, kind, key):
    """The review list's line of a group (``"group"``, its key), a file (``"file"``, its path) or the contact (``"contact"``)."""
    tree = dialog.file_tree
    for i in range(tree.topLevelItemCount()):
        top = tree.topLevelItem(i)
        for item in [top, *(top.child(j) for j in range(top.childCount()))]:
            if item.data(0, Qt.ItemDataRole.UserRole) == (kind, key):
                return item
    raise AssertionError(f"no line {kind} {key}")


def _lines(dialog):
    """Every line of the review list, each group's lines under it."""
    tree = dialog.file_tree
    tops = [tree.topLevelItem(i) for i in range(tree.topLevelItemCount())]
    return [item for top in tops for item in [top, *(top.child(j) for j in range(top.childCount()))]]


def _ticks(dialog):
    """(line's words, its box) for every line of the review list that has a box."""
    return [(item.text(0), item.checkState(0)) for item in _lines(dialog) if item.data(0, Qt.ItemDataRole.CheckStateRole) is not None]


def _always_sent(item):
    """The line of a part always sent: no box to tick or untick, and the words "Always sent" (in the reader's language) to
    show after its name; no picture (the padlock that was there read as "private")."""
    from selfcheck.i18n import _

    return (
        item.data(0, Qt.ItemDataRole.CheckStateRole) is None
        and not item.flags() & Qt.ItemFlag.ItemIsUserCheckable
        and item.data(0, ALWAYS_SENT) in (_("Always sent"), _("Always sent: support needs it to help you"))
        and item.icon(0).isNull()
    )


def _untick(dialog, kind, key):
    """The person unticks a line's box (the same change of the list's data a click on the box makes)."""
    item = _line(dialog, kind, key)
    assert item.flags() & Qt.ItemFlag.ItemIsUserCheckable and item.checkState(0) != Qt.CheckState.Unchecked
    item.setCheckState(0, Qt.CheckState.Unchecked)


def _to_review(qtbot, window, email="ann@example.org"):
    dialog = window.contact_support()
    dialog.what.setPlainText("E-mail does not arrive.")
    dialog.email.setText(email)
    dialog.next_button.click()
    qtbot.waitUntil(lambda: dialog.stack.currentIndex() == SupportDialog.REVIEW, timeout=10000)
    assert dialog.send_button.isVisible()
    return dialog


def test_each_part_s_name_on_the_review_is_a_link_that_shows_what_is_in_it_and_leaves_its_tick_alone(qtbot, make_window):
    """Send rounds 76-80 (en): the hint's two clicks ("Click a part's box to leave it out or put it back; click its name to see
    what is in it"), read twice in five wordings: a click on a name is not where people look to open something. Each part's
    words on the right had a link that opens it; its words were quoted in most rounds after ("What is in it?", round 113): the
    part's name on the right is that link (tests/gui/test_send_review_names48.py); the hint says only what a tick means. A
    short window, which does not show those words, keeps the name's click in its hint."""
    window = make_window(fakechecks.FailCheck)
    run_scan(qtbot, window)
    dialog = _to_review(qtbot, window)
    assert "click its name" not in dialog.group_info.text() and "small square beside its name" in dialog.group_info.text()
    overview = dialog.overview.text()
    # one link per part, its name, before that part's words
    assert overview.count("</a>") == len(dialog.groups) + 1, overview  # and the name and e-mail's
    for g, nxt in zip(dialog.groups, [*dialog.groups[1:], None], strict=True):
        link = overview.index(f'<a href="part:{g.key}"><b>{html.escape(g.title)}</b></a>')
        assert link < overview.index(html.escape(g.holds)) and (nxt is None or link < overview.index(html.escape(nxt.title)))
    ticks = _ticks(dialog)
    dialog.overview.linkActivated.emit("part:computer")
    item = dialog.file_tree.currentItem()
    assert item is not None and item.data(0, Qt.ItemDataRole.UserRole) == ("group", "computer") and item.isExpanded()
    assert "Kind of computer: " in dialog.overview.text()  # what it holds, in plain lines, as a click on its name shows
    assert _ticks(dialog) == ticks and "system.json" in dialog.planned.files  # nothing taken out
    # a short window shows no part's words before a click: its hint keeps the click on a name
    dialog.file_tree.setCurrentIndex(QModelIndex())
    dialog.resize(dialog.width(), SupportDialog.SHORT_BELOW - 100)
    qtbot.waitUntil(lambda: dialog.short)
    assert dialog.group_info.text().endswith("To see what is in a part, click its name.") and "part:" not in dialog.overview.text()
    dialog.close()


@pytest.mark.parametrize("configured", [True, False])
def test_save_puts_the_file_where_the_company_said_as_sending_by_saving_does(qtbot, make_window, tmp_path, monkeypatch, configured):
    # the window's "Save" proposed the Desktop whatever support.save_folder said, while sending by saving (kind = "save")
    # put the file in that folder: a customer told "it is in the Support folder" did not find it there
    from PySide6.QtWidgets import QFileDialog

    from selfcheck import paths
    from selfcheck.upload import send

    folder = tmp_path / "Support files"
    config = fakechecks.config(support={"save_folder": str(folder)}) if configured else fakechecks.config()
    window = make_window(fakechecks.FailCheck, config=config)
    run_scan(qtbot, window)
    dialog = _to_review(qtbot, window)
    proposed: list[str] = []

    def save_here(parent, title, default, filters):  # the person clicks "Save" in the file window as proposed
        proposed.append(default)
        return default, ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_here)
    dialog.save_to_file()
    qtbot.waitUntil(lambda: dialog.stack.currentIndex() == SupportDialog.DONE, timeout=10000)
    saved = Path(proposed[0])
    expected = folder if configured else paths.user_documents_dir()  # Documents ($SELFCHECK_HOME/documents in tests)
    assert saved.parent == expected and saved.is_file(), proposed
    # where it is in plain words, the file itself on a line of its own below them (never in the sentence read first)
    place = "in the folder you chose" if configured else "in your Documents folder"
    assert f"saved in a file {place}." in label_words(dialog.done_text) and str(saved) not in label_words(dialog.done_text)
    assert dialog.done_file.isVisibleTo(dialog) and dialog.done_file.text() == f"The file: {saved}"
    # the same folder as sending by saving
    assert send.save_copy(saved, window.app.config, "R-1").parent == expected
    dialog.close()


SAVED_WORDS = {
    "en": (
        "Your message and what this program found are saved in a file in the folder you chose. Give it to your support team when they ask for it.",
        "The file: {path}",
    ),
    "fr": (
        "Votre message et ce que ce programme a trouvé sont enregistrés dans un fichier dans le dossier que vous avez choisi. "
        "Donnez-le à votre assistance quand on vous le demandera.",
        "Le fichier\u00a0: {path}",
    ),
}


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_saved_says_where_in_plain_words_and_names_the_file_only_below_them(qtbot, make_window, tmp_path, lang):
    """The end screen after "Save" began "…are saved in this file: /home/ann/Documents/clearline-…-2026-12-07.zip.": the
    path in the first sentence, which holds no file names (sending by saving says "in your Documents folder" since 47c5ac7e).
    Now the words say where, and the exact file is on a line of its own below the number, for whoever attaches it."""
    window = make_window(fakechecks.FailCheck)
    run_scan(qtbot, window)
    if lang == "fr":
        with qtbot.waitSignal(window.scan_shown, timeout=10000):
            window.set_language("fr")
    dialog = _to_review(qtbot, window)
    target = tmp_path / "chosen" / "for-support.zip"
    target.parent.mkdir()
    dialog.save_bundle_to(target)
    qtbot.waitUntil(lambda: dialog.stack.currentIndex() == SupportDialog.DONE, timeout=10000)
    words, file_line = SAVED_WORDS[lang]
    assert target.is_file() and label_words(dialog.done_text) == words
    assert dialog.done_file.isVisibleTo(dialog) and dialog.done_file.text() == file_line.format(path=target)
    # the other end screens name no file
    dialog.show_outcome("failed", "Not sent", "It could not be sent.")
    assert not dialog.done_file.isVisibleTo(dialog)
    dialog.close()


def test_sending_by_saving_names_the_file_below_its_plain_words_too(qtbot, make_window):
    """support.kind = save: the words say "in your Documents folder" (47c5ac7e); the file it made is named below them, as after
    "Save", so the customer who is asked for it finds it by name."""
    window = make_window(fakechecks.FailCheck, config=fakechecks.config(support={"kind": "save"}))
    run_scan(qtbot, window)
    dialog = _to_review(qtbot, window)
    dialog.send_button.click()
    qtbot.waitUntil(lambda: dialog.stack.currentIndex() == SupportDialog.DONE, timeout=10000)
    assert dialog.done_title.text() == "Saved" and "in your Documents folder" in label_words(dialog.done_text)
    assert dialog.done_file.isVisibleTo(dialog) and dialog.done_file.text().startswith("The file: ")
    saved = Path(dialog.done_file.text().removeprefix("The file: "))
    assert saved.is_file() and str(saved) not in label_words(dialog.done_text)
    dialog.close()


@pytest.mark.parametrize(
    ("lang", "company", "brand"),
    [
        ("en", {"en": "Clearline Help", "fr": "Clearline Assistance"}, "clearline-help"),
        ("fr", {"en": "Clearline Help", "fr": "Clearline Assistance"}, "clearline-assistance"),
        ("fr", "Société R&D: «Paris»/Lyon*? ", "societe-r-d-paris-lyon"),  # accents off; none of Windows' < > : " / \\ | ? *
        ("en", None, "selfcheck"),
    ],
)
def test_save_proposes_a_name_the_customer_and_support_can_match(qtbot, make_window, monkeypatch, lang, company, brand):
    """Every message was proposed as "selfcheck-diagnostic-bundle.zip": two customers' files in support's inbox, or three
    of one customer's on their Desktop, could not be told apart without opening them. Now it is named as `selfcheck
    bundle` names it: the company's name in the customer's language (else the program's), the reference the customer quotes,
    the day."""
    from datetime import datetime

    from PySide6.QtWidgets import QFileDialog

    config = fakechecks.config(branding={"company": company}) if company else fakechecks.config()
    window = make_window(fakechecks.FailCheck, config=config)
    run_scan(qtbot, window)
    if lang == "fr":
        with qtbot.waitSignal(window.scan_shown, timeout=10000):
            window.set_language("fr")
    dialog = _to_review(qtbot, window)
    proposed: list[str] = []

    def cancelled(parent, title, default, filters):  # the person reads the name, then closes the file window
        proposed.append(default)
        return "", ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", cancelled)
    dialog.save_to_file()
    day = datetime.fromisoformat(dialog.planned.created_at.replace("Z", "+00:00")).astimezone().date().isoformat()
    assert Path(proposed[0]).name == f"{brand}-{dialog.planned.reference}-{day}.zip"
    dialog.close()


def test_offline_send_is_saved_for_later_with_save_to_file(qtbot, make_window, tmp_path):
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        closed_port = s.getsockname()[1]  # nothing listens there once closed: "refused"
    config = fakechecks.config(support={"kind": "intake", "url": f"http://127.0.0.1:{closed_port}", "retry_now": 0, "connect_timeout": 2})
    window = make_window(fakechecks.FailCheck, config=config)
    run_scan(qtbot, window)
    dialog = _to_review(qtbot, window)
    assert "They will answer at: ann@example.org" in dialog.overview.text()  # the address to check before sending
    dialog.send_button.click()
    qtbot.waitUntil(lambda: dialog.stack.currentIndex() == SupportDialog.DONE, timeout=20000)
    assert dialog.done_title.text() == "Not sent yet"
    text = label_words(dialog.done_text)
    assert text.startswith("Your message could not get through just now. Nothing is lost: it stays on this computer and will be sent by itself")
    # send round 12: "must I leave the computer on?", and the number is named as their file number
    # round 17: "or sooner if this program stays open: should I leave it open?"; round 19 (fr): « au plus tard la prochaine fois
    # que vous ouvrirez ce programme: must I open it myself? I would not know where it is »: it goes only while this program
    # is open (nothing starts it by itself), so the person is asked to leave it open, never to find it and open it
    assert (
        # round 20: "close this window, but leave this program open" (en, fr: « la fenêtre, c'est le programme »), "the next
        # time the program is opened" ("must I open it myself?"): what "Close" here does, and what happens if they close the program
        # round 21 (fr): « de la même façon que vous l'avez ouvert aujourd'hui »: "I don't remember how I opened it"; here (not the
        # app installed on Windows) no place is sure to hold it: only that opening it again sends it
        # round 24: the "Close" sentence read two or three times (en, fr), "from the Start menu" (where?): only that it goes by itself
        # round 25: "while this program is open, or the next time it is opened": "Do I have to leave it open? If I click Close,
        # will it still go?": that they can click "Close", and what closing the program too does
        # send rounds 89-90 (en): "Nothing is lost" twice, "goes by itself" three times: one sentence, switching off in it
        "You can click “Close”, and even switch the computer off: once it is on again, your message goes by itself as soon as it can, and a message on your screen tells you when it is sent."
        in text
    )
    assert "while this program is open" not in text
    assert "same way" not in text and "Start menu" not in text
    assert "this window" not in text and "leave this program open" not in text
    assert "turn the computer off" not in text
    # send round 29 (fr): « la prochaine fois que ce programme sera ouvert »: « je ne sais pas si c'est à moi de l'ouvrir »
    # send rounds 76-85: "does it go by itself, or do I have to open the program? It says both": an at-login entry now sends
    # it after a restart, so nothing is theirs to open (the entry is really there, in this test's home)
    assert text.lower().count("nothing is lost") == 1 and text.count("by itself") == 2, text
    assert "open this program" not in text
    from selfcheck.upload import atlogin

    assert atlogin.is_installed() and atlogin.command()[-6:-2] == ["outbox", "send-waiting", "--lang", "en"]
    # send rounds 89-90 (en): "If you call before then, just tell them what is wrong": "So should I give the number or not?"
    # send rounds 96-97 (en, fr): "once your message has arrived, support finds it with this number": "does that mean the number
    # is no use if I phone before it has arrived?": what it is, and when to give it
    assert text.endswith("This is your message number, to give when you call or write to support:")
    assert "call before" not in text
    # round 12: "Save to file…: why, if it sends itself?": no saving offered on the outcome screen
    assert not [b for b in dialog.findChildren(QPushButton) if b.isVisibleTo(dialog) and "file" in b.text().lower()]
    assert dialog.reference.text() == dialog.bundle.reference
    # the File menu's saving (support may ask for a file) still saves the very message
    target = tmp_path / "copy.zip"
    dialog.save_bundle_to(target)
    qtbot.waitUntil(lambda: dialog.done_title.text() == "Saved", timeout=10000)  # the copy is over, not merely begun
    assert support.read(target).scan.result("fake.fail").status is Status.FAIL


def test_a_refused_send_says_not_sent_and_offers_saving_there(qtbot, make_window, tmp_path):
    """Round 9: the save choice left the review screen ("save it on your Desktop": « mon bureau en bois ? »);
    the screen that says sending failed is where it is offered, and it saves the very bundle."""
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    class Refuses(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # a destination that refuses for good (a wrong setting): no retry helps
            self.rfile.read(int(self.headers.get("Content-Length") or 0))
            self.send_response(403)
            self.send_header("Content-Length", "0")
            self.end_headers()

        do_PUT = do_GET = do_HEAD = do_POST

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Refuses)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        config = fakechecks.config(support={"kind": "intake", "url": f"http://127.0.0.1:{server.server_port}", "retry_now": 0})
        window = make_window(fakechecks.FailCheck, config=config)
        run_scan(qtbot, window)
        dialog = _to_review(qtbot, window)
        assert dialog.send_button.isVisibleTo(dialog) and not dialog.save_button.isVisibleTo(dialog)
        dialog.send_button.click()
        qtbot.waitUntil(lambda: dialog.stack.currentIndex() == SupportDialog.DONE, timeout=20000)
    finally:
        server.shutdown()
        server.server_close()
    assert dialog.done_title.text() == "Not sent", label_words(dialog.done_text)
    # send round 12: "a file: where? how would I find it again?": no file on this screen, the message stays here
    assert not [b for b in dialog.findChildren(QPushButton) if b.isVisibleTo(dialog) and "file" in b.text().lower()]
    assert label_words(dialog.done_text).startswith(
        "This is not your fault: sending failed because of a problem at your support team; your computer did nothing wrong."
    )
    # send round 13: "do I have to do it all again?", « à quoi sert le numéro s'ils n'ont rien reçu ? »
    # send round 14: "would they come into my computer?", « à le leur faire parvenir »: what the customer will do
    # send rounds 5x-6x: "If it keeps it but won't try again, how do they get it?": the way is on this screen (a button),
    # and whom to call if it still does not go
    assert "It does not try again by itself: click “Try sending again” below." in label_words(dialog.done_text)
    assert (
        "If it still does not go, call your support team and tell them what is wrong, as you wrote it (there is no message number this time, and you do not need one)."
        in label_words(dialog.done_text)
    )
    # send round 30: round 28's "there is nothing for you to do in it now: a phone call is all" read twice (en), « Je n'ai rien
    # à faire, ou je dois appeler ? » (fr): one sentence, that it will not try again and that they call
    assert "nothing for you to do" not in label_words(dialog.done_text) and "Call your support team" not in label_words(dialog.done_text)
    # send round 75 (en): "Why give me a number they can't look up yet?": no number on this screen (it is shown once sent)
    assert "Nothing is lost: this program keeps your message. You will not have to write your message again." in label_words(dialog.done_text)
    assert not dialog.reference.isVisibleTo(dialog) and "<a " not in dialog.done_text.text()
    target = tmp_path / "for-support.zip"
    dialog.save_bundle_to(target)
    # the copy is over, not merely begun (waiting for the file to be there read a half-copied zip on a loaded machine)
    qtbot.waitUntil(lambda: dialog.done_title.text() == "Saved", timeout=10000)
    assert support.read(target).scan.result("fake.fail").status is Status.FAIL
    # and the window's File menu still saves one, for those who look there
    assert window.save_action.text() == "&Save what this program found to a file…" and window.save_action.isEnabled()


NOT_SENT_WORDS = {
    # what the window must say, per case: what happened, and whether it goes by itself (queued) or what to do (failed)
    403: (
        "Not sent",
        "This is not your fault: sending failed because of a problem at {who}; your computer did nothing wrong.",
        # send round 31 (en): "it stays on this computer": "where? Could I find it?": this program keeps it (the outbox)
        "Nothing is lost: this program keeps your message.",
    ),
    413: ("Not sent", "What you send is too big for support's service.", "Nothing is lost: this program keeps your message."),
    500: (
        "Not sent yet",
        "Support's service has a problem at the moment.",
        "Nothing is lost: it stays on this computer and will be sent by itself later.",
    ),
    503: (
        "Not sent yet",
        "Support's service has a problem at the moment.",
        "Nothing is lost: it stays on this computer and will be sent by itself later.",
    ),
    0: (
        "Not sent yet",
        "Your message could not get through just now.",
        "Nothing is lost: it stays on this computer and will be sent by itself later.",
    ),
}
NOT_SENT_FR = {
    "Not sent": "Non envoyé",
    "Not sent yet": "Pas encore envoyé",
}


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("status", [403, 413, 500, 503, 0])
def test_not_sent_screens_say_what_happened_in_plain_words_without_codes(qtbot, make_window, lang, status):
    """Issue 21 item 8: the screen said "(error 403) The bundle is kept in the outbox (reference …)". The window now says
    what happened, that nothing is lost, that it goes by itself or to call support; the code stays in the terminal and the log."""
    import re
    import socket
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    from selfcheck.i18n import _

    class Answers(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            self.rfile.read(int(self.headers.get("Content-Length") or 0))
            self.send_response(status)
            if status == 503:
                self.send_header("Retry-After", "120")  # longer than a quick retry: it waits in the queue
            self.send_header("Content-Length", "0")
            self.end_headers()

        do_PUT = do_GET = do_HEAD = do_POST

        def log_message(self, *args: object) -> None:
            pass

    server = None
    if status:
        server = ThreadingHTTPServer(("127.0.0.1", 0), Answers)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        port = server.server_port
    else:
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]  # a closed port: nothing answers
    try:
        config = fakechecks.config(support={"kind": "intake", "url": f"http://127.0.0.1:{port}", "retry_now": 0, "connect_timeout": 2})
        window = make_window(fakechecks.FailCheck, config=config)
        if lang == "fr":
            window.set_language("fr")
        run_scan(qtbot, window)
        dialog = _to_review(qtbot, window)
        dialog.send_button.click()
        qtbot.waitUntil(lambda: dialog.stack.currentIndex() == SupportDialog.DONE, timeout=20000)
    finally:
        if server is not None:
            server.shutdown()
            server.server_close()
    title, happened, next_step = NOT_SENT_WORDS[status]
    text = label_words(dialog.done_text)
    assert dialog.done_title.text() == (_(title) if lang == "fr" else title), text
    assert _(happened).format(who=_("your support team")) in text and _(next_step) in text
    if title == "Not sent":  # send round 10: not by itself, whom to call, and the number is their file number
        # send round 30: "there is nothing for you to do in it now: a phone call is all" ("I had to read it twice"; « Je n'ai
        # rien à faire, ou je dois appeler ? »): one sentence, it will not try again, so they call
        if status == 413:  # review of the offer: too big is refused again at every try: no button, no offer later; a call
            assert not dialog.retry_button.isVisibleTo(dialog) and _("Try sending again") not in text, text
            assert _("This program will not try again by itself, so call {who}.").format(who=_("your support team")) in text, text
        else:
            # send rounds 5x-6x: "If it keeps it but won't try again, how do they get it?" (en, fr): the button, now or later
            assert (
                _(
                    "It does not try again by itself: click “Try sending again” below. You can also do it later: when you click “Contact support” again, this program offers to send your message."
                )
                in text
            ), text
            assert (
                _(
                    "If it still does not go, call {who} and tell them what is wrong, as you wrote it (there is no message number this time, and you do not need one)."
                ).format(who=_("your support team"))
                in text
            ), text
        assert "nothing for you to do" not in text and "rien à y faire" not in text and "un appel suffit" not in text, text
        # send round 13: « à quoi sert le numéro s'ils n'ont rien reçu ? »; round 75 (en): "Why give me a number they can't look
        # up yet?": no number on "Not sent" (support cannot look it up), nor anything that carries one; the message is kept
        assert _("Nothing is lost: this program keeps your message.") + " " + _("You will not have to write your message again.") in text, text
        assert not any(w.isVisibleTo(dialog) for w in (dialog.reference, dialog.reference_hint, dialog.email_opened, dialog.copy_button))
        assert "<a " not in dialog.done_text.text()
        # send round 23: "your message stays on this computer under this number": "Where on my computer?"
        assert "under this number" not in text and "sous ce numéro" not in text, text
    else:  # round 12: "must I leave the computer on?"; the number named on "Not sent yet" too
        assert _("This is your message number, to give when you call or write to support:") in text, text
        assert dialog.reference.isVisibleTo(dialog) and dialog.reference.text() == dialog.bundle.reference  # it goes by itself: its number stays
        # send round 24: "“Close” below closes only this message: the program stays open" (read twice, three times),
        # « rouvrirez le programme » (comment ?): only that nothing is lost and that it goes by itself
        # send round 25: "Do I have to leave it open? If I click Close, will it still go?": they can click "Close"
        assert (
            _(
                "You can click “Close”, and even switch the computer off: once it is on again, your message goes by itself as soon as it can, and a message on your screen tells you when it is sent."
            )
            in text
        ), text
        assert "rouvrirez" not in text, text
        # round 21 (fr): « de la même façon que vous l'avez ouvert aujourd'hui »: "I don't remember how I opened it"
        assert "same way" not in text and "même façon" not in text, text
        # send round 19 (fr): « dois-je le rouvrir moi-même ? je ne saurais pas où il est »: never to send it after "Close";
        # send rounds 76-85 (fr): « Si j'éteins l'ordinateur, est-ce que je dois rouvrir le programme moi-même ? »: not after
        # switching off either: the at-login entry sends it
        assert "que vous ouvrirez ce programme" not in text and "open this program" not in text, text
        assert (
            "et même éteindre l’ordinateur\u00a0: une fois rallumé, votre message partira tout seul"
            if lang == "fr"
            else "and even switch the computer off: once it is on again"
        ) in text, text
        # send rounds 89-90 (en): "Nothing is lost" said twice on this screen: once
        assert text.lower().count("rien n’est perdu" if lang == "fr" else "nothing is lost") == 1, text
    again = [_("Try sending again")] if title == "Not sent" and status != 413 else []  # the kept message, sent again when they ask (not one too big)
    assert sorted(b.text() for b in dialog.findChildren(QPushButton) if b.isVisibleTo(dialog) and b.text() != dialog.copy_button.text()) == sorted(
        [_("Close"), *again]
    )
    if lang == "fr":
        assert happened not in text and "Nothing is lost" not in text  # really French
    plain = text
    for way in support.how_to_reach(window.app.config):  # the phone number (branding) may hold digits
        plain = plain.replace(way, "")
    assert not re.search(r"\d", plain), text  # no error code, no reference inside the sentence
    for jargon in ("bundle", "outbox", "error", "erreur", "server", "serveur", "dossier de diag", "boîte d", "selfcheck"):
        assert jargon not in plain.lower(), (jargon, text)
    # the reference to quote, on its own line, where support can look it up: on "Not sent yet" (it goes by itself), not on
    # "Not sent" (send round 75, en: "Why give me a number they can't look up yet?")
    assert dialog.reference.isVisibleTo(dialog) == (title == "Not sent yet") and bool(dialog.reference.text()) == (title == "Not sent yet")


def test_sending_to_the_relay_gives_a_reference_to_copy(qtbot, make_window, tmp_path):
    import sys
    from pathlib import Path

    pytest = __import__("pytest")
    pytest.importorskip("selfcheck_intake.server")
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from sendkit import Relay

    relay = Relay(tmp_path / "relay").start()
    try:
        config = fakechecks.config(support={"kind": "intake", "url": relay.url, "retry_now": 0})
        window = make_window(fakechecks.FailCheck, config=config)
        run_scan(qtbot, window)
        dialog = _to_review(qtbot, window)
        dialog.send_button.click()
        qtbot.waitUntil(lambda: dialog.stack.currentIndex() == SupportDialog.DONE, timeout=30000)
        assert dialog.done_title.text() == "Sent. Thank you!", label_words(dialog.done_text)
        assert dialog.send_progress.value() == 100  # the upload reported its progress all the way
        reference = dialog.reference.text()
        assert reference and reference == dialog.bundle.reference
        # it really holds no look-alikes
        assert dialog.reference_hint.isVisibleTo(dialog) and not set(reference) & set("0O1I5S")
        # round 9: both readers would write it down: that comes first, copying is the small extra
        # send round 24 (en): "There is no zero and no letter O in it, nor a one or a letter I." ("read like a riddle"): its
        # letters hold no look-alikes (no 0/O, 1/I), so nothing is said about them
        assert dialog.reference_hint.text() == "Write it down."
        assert dialog.copy_button.objectName() == "link" and dialog.copy_button.text() == "Copy the number (to put it in an e-mail)"
        dialog.copy_button.click()
        from PySide6.QtGui import QGuiApplication

        assert QGuiApplication.clipboard().text() == reference
        # round 11: "paste?": once copied, it says how to put the number in an e-mail, with the menu's own word
        assert dialog.copy_button.text() == "Number copied. In your e-mail, right-click where you write, then choose “Paste”."
        assert (relay.workdir / "bundles" / f"{dialog.bundle.bundle_id}.zip").is_file()
    finally:
        relay.stop()


def test_sizes_are_written_the_local_way():
    from selfcheck import i18n
    from selfcheck.gui.formatting import human_size

    assert human_size(1536) == "1.5 KB"
    i18n.set_language("fr")
    assert human_size(1536) == "1,5\u00a0Ko"
    assert human_size(3 * 1024 * 1024) == "3,0\u00a0Mo"


def test_contact_details_are_checked_and_remembered(qtbot, make_window):
    config = fakechecks.config(support={"kind": "save"})
    window = make_window(fakechecks.PassCheck, config=config)
    run_scan(qtbot, window)
    dialog = window.contact_support()
    dialog.email.setText("not an address")
    dialog.next_button.click()
    assert dialog.stack.currentIndex() == SupportDialog.DESCRIBE
    assert "Check your e-mail address" in dialog.describe_error.text()
    dialog.email.setText("ann@example.org")
    dialog.name.setText("Ann")
    dialog.next_button.click()
    qtbot.waitUntil(lambda: dialog.stack.currentIndex() == SupportDialog.REVIEW, timeout=10000)
    dialog.close()
    again = window.contact_support()
    assert (again.email.text(), again.name.text()) == ("ann@example.org", "Ann")
    again.close()


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_destination_that_needs_the_address_says_so_and_does_not_go_on_without_it(qtbot, make_window, lang):
    """Zendesk receives a message only with the customer's address: without it, Send failed after the upload was prepared and
    the message was kept where no address could be added. The page says it beside the box, and Next stops at the box."""
    from selfcheck.i18n import _

    config = fakechecks.config(support={"kind": "zendesk", "zendesk_url": "http://127.0.0.1:9"})
    window = make_window(fakechecks.PassCheck, config=config)
    if lang == "fr":
        window.set_language("fr")
    run_scan(qtbot, window)
    dialog = window.contact_support()
    dialog.email.setText("")
    needed = _("Your e-mail address (needed: without it, support cannot receive your message)")
    assert dialog.email_question.text() == needed and needed.startswith({"en": "Your e-mail address (needed", "fr": "Votre adresse e-mail (nécessaire"}[lang])
    dialog.what.setFocus()
    dialog.next_button.click()
    assert dialog.stack.currentIndex() == SupportDialog.DESCRIBE and dialog.planned is None
    why = _("Type your e-mail address: without it, support cannot receive your message.")
    assert dialog.describe_error.text() == why and why.startswith({"en": "Type your e-mail", "fr": "Écrivez votre adresse"}[lang])
    assert dialog.describe_error.isVisibleTo(dialog)
    qtbot.waitUntil(lambda: dialog.focusWidget() is dialog.email)
    dialog.email.setText("not an address")
    dialog.next_button.click()
    assert dialog.stack.currentIndex() == SupportDialog.DESCRIBE
    assert dialog.describe_error.text() == _("Check your e-mail address: it should look like name@example.com.")
    dialog.close()


def test_with_the_address_a_zendesk_message_goes_on_and_carries_it(qtbot, make_window, httpserver):
    from werkzeug import Request, Response

    asked: list[dict] = []

    def create(request: Request) -> Response:
        asked.append(request.get_json())
        return Response(json.dumps({"request": {"id": 314}}), 201, content_type="application/json")

    upload = Response(json.dumps({"upload": {"token": "t"}}), 201, content_type="application/json")
    httpserver.expect_request("/api/v2/uploads.json", method="POST").respond_with_response(upload)
    httpserver.expect_request("/api/v2/requests.json", method="POST").respond_with_handler(create)
    config = fakechecks.config(support={"kind": "zendesk", "zendesk_url": httpserver.url_for("/").rstrip("/"), "retry_now": 0})
    window = make_window(fakechecks.PassCheck, config=config)
    run_scan(qtbot, window)
    dialog = _to_review(qtbot, window, email=" ann@example.org ")
    dialog.send_button.click()
    qtbot.waitUntil(lambda: dialog.stack.currentIndex() == SupportDialog.DONE, timeout=20000)
    assert dialog.reference.text() == "#314"
    assert [r["request"]["requester"]["email"] for r in asked] == ["ann@example.org"]
    dialog.close()


@pytest.mark.parametrize("kind", ["intake", "save"])
def test_where_support_does_without_the_address_the_page_goes_on_without_one(qtbot, make_window, kind):
    support_config = {"kind": kind, "url": "http://127.0.0.1:9"} if kind == "intake" else {"kind": kind}
    window = make_window(fakechecks.PassCheck, config=fakechecks.config(support=support_config))
    run_scan(qtbot, window)
    dialog = window.contact_support()
    dialog.email.setText("")
    assert dialog.email_question.text() == "Your e-mail address (so that support can answer you)"
    dialog.next_button.click()
    qtbot.waitUntil(lambda: dialog.stack.currentIndex() == SupportDialog.REVIEW, timeout=10000)
    assert dialog.description().email == ""
    dialog.close()


def test_the_questions_for_the_kind_of_problem_reach_the_support_card(qtbot, make_window, tmp_path):
    window = make_window(fakechecks.PassCheck, fakechecks.FailCheck)
    scan = run_scan(qtbot, window)
    scan.symptom = "internet"
    dialog = window.contact_support()
    assert [q.id for q in dialog.questions] == ["where", "other_devices", "box_restarted", "site"]
    texts = "\n".join(lab.text() for lab in dialog.findChildren(QLabel))
    assert "Do other devices here (a phone, a tablet) have internet?" in texts
    other = dialog.answer_widgets["other_devices"]
    assert other.currentText() == "(no answer)"  # nothing answered for them
    other.setCurrentIndex(2)  # "No"
    dialog.what.setPlainText("No website opens")
    described = dialog.description()
    assert described.answers == [{"id": "other_devices", "question": "Do other devices here (a phone, a tablet) have internet?", "answer": "No"}]
    planned = support.plan(window.app, scan, described, include_logs=False, screenshot_png=None)
    assert json.loads(planned.files["description.json"])["answers"][0]["answer"] == "No"
    assert "Do other devices here (a phone, a tablet) have internet? No" in planned.files["support-card.txt"].decode()
    # issue 21: the website that does not open, in the customer's words (.example: a name no real DNS knows); the
    # bundle would try it, but the tests' guard turns that off (tests/network/test_support_card_lab.py proves the try)
    assert "Which website does not open? (its address, if you know it)" in texts
    # small-screen round 5: an example in the empty box looked written already: it is under the question, the box empty
    site = dialog.answer_widgets["site"]
    asked = next(lab for lab in dialog.findChildren(QLabel) if lab.buddy() is site)
    assert site.placeholderText() == "" and site.text() == ""
    assert asked.text() == "Which website does not open? (its address, if you know it)\nFor example: the address of your bank's website"
    dialog.answer_widgets["site"].setText("www.mybank.example")
    described = dialog.description()
    assert described.answers[-1] == {"id": "site", "question": "Which website does not open? (its address, if you know it)", "answer": "www.mybank.example"}
    planned = support.plan(window.app, scan, described, include_logs=False, screenshot_png=None)
    assert "named-site.json" not in planned.files
    # agent round 12: "Where are you?": the choice's value travels with the answer, and the card says it and takes one branch
    where = dialog.answer_widgets["where"]
    assert [where.itemText(i) for i in range(where.count())] == [
        "(no answer)",
        "At home",
        "At work or at school",
        "In a hotel, a café or on other public Wi-Fi",
        "Somewhere else",
    ]
    where.setCurrentIndex(3)
    described = dialog.description()
    assert described.answers[0] == {"id": "where", "question": "Where are you?", "answer": "In a hotel, a café or on other public Wi-Fi", "value": "public"}
    planned = support.plan(window.app, scan, described, include_logs=False, screenshot_png=None)
    assert json.loads(planned.files["description.json"])["answers"][0]["value"] == "public"
    assert "Where are you? In a hotel, a café or on other public Wi-Fi" in planned.files["support-card.txt"].decode()
    dialog.close()


def test_going_back_and_on_again_does_not_try_the_customers_site_again(qtbot, make_window, monkeypatch):
    # each "Next" plans the message again; the site the customer named is tried once for the request (a site that
    # does not answer costs seconds of "Preparing…" each time), and what it gave stays in the message
    from selfcheck import namedsite

    tried: list[str] = []

    def try_site(app, scan, answer):
        tried.append(answer)
        return {"host": "www.mybank.example", "status": "timeout", "address": "203.0.113.7"}

    monkeypatch.setattr(namedsite, "try_site", try_site)
    window = make_window(fakechecks.PassCheck, fakechecks.FailCheck)
    run_scan(qtbot, window).symptom = "internet"
    dialog = window.contact_support()
    dialog.what.setPlainText("My bank's site does not open")
    dialog.answer_widgets["site"].setText("www.mybank.example")
    for _ in range(3):
        dialog.next_button.click()
        qtbot.waitUntil(lambda: dialog.stack.currentIndex() == SupportDialog.REVIEW, timeout=10000)
        assert json.loads(dialog.planned.files["named-site.json"])["status"] == "timeout"
        next(b for b in dialog.findChildren(QPushButton) if b.text() == "Back").click()
        assert dialog.stack.currentIndex() == SupportDialog.DESCRIBE
    assert tried == ["www.mybank.example"]
    # another site named: that one is tried
    dialog.answer_widgets["site"].setText("www.mymail.example")
    dialog.next_button.click()
    qtbot.waitUntil(lambda: dialog.stack.currentIndex() == SupportDialog.REVIEW, timeout=10000)
    assert tried == ["www.mybank.example", "www.mymail.example"]
    dialog.close()


def test_the_last_screen_says_who_received_it_what_happens_next_and_how_to_reach_them(qtbot, make_window):
    branded = fakechecks.config(
        branding={
            "company": "Acme IT",
            "support_contact": "01 23 45 67 89",
            "response_time": {"en": "usually within one working day", "fr": "en général sous un jour ouvré"},
        }
    )
    window = make_window(fakechecks.PassCheck, config=branded)
    run_scan(qtbot, window)
    dialog = window.contact_support()
    assert "Acme IT will get your description" in dialog.describe_intro.text()
    assert "They will answer you by e-mail, usually within one working day." in dialog.describe_intro.text()
    dialog.email.setText("ann@example.org")
    text = dialog.after_sending_text()
    assert "Acme IT received your message" in text
    assert "They will answer you by e-mail at ann@example.org, usually within one working day." in text
    assert "To reach them yourself: phone 01\u00a023\u00a045\u00a067\u00a089" in text  # send round 52: each way named
    # the reference is mostly letters, not a number; round 8: « 7YM-7AK-A4X, c'est quoi ? »: named as the file number
    assert text.endswith("If you write to them or call them, give them your message number:")
    assert dialog.copy_button.text() == "Copy the number (to put it in an e-mail)"
    dialog.email.setText("")
    assert "You left no e-mail address" in dialog.after_sending_text()
    dialog.close()
    window.set_language("fr")
    dialog = window.contact_support()
    dialog.email.setText("ann@example.org")
    assert "Ils vous répondront par e-mail à l’adresse ann@example.org, en général sous un jour ouvré." in dialog.after_sending_text()
    dialog.close()


def test_without_branding_no_empty_placeholder_and_no_promise_of_when(qtbot, make_window):
    window = make_window(fakechecks.PassCheck)
    run_scan(qtbot, window)
    dialog = window.contact_support()
    intro = dialog.describe_intro.text()
    assert intro.endswith("They will answer you by e-mail.") and "{" not in intro
    assert dialog.include_logs.text() == (
        "the list of what this program checked on your computer, such as the room left for photos, and when: sent only if ticked"
    )
    # send round 20: "a picture of your screen: which picture? Of this window?", « y compris mes e-mails ? »: what it really holds
    # (the whole screen, grabbed as this page opens), in both languages
    # send round 100: "a moment ago (has it already taken one?)", "other windows you had open": when it is taken, what it shows
    assert dialog.include_screenshot.text() == (
        "a picture of your screen as it was when you opened this page, which shows whatever was on it, such as your e-mails if they were open:"
        " sent only if ticked. Without a tick, no one sees it and it is not kept."
    )
    window.set_language("fr")
    french = window.contact_support()
    assert french.include_screenshot.text().startswith("une image de votre écran tel qu’il était quand vous avez ouvert cette page,")
    french.close()
    window.set_language("en")
    dialog.email.setText("ann@example.org")
    text = dialog.after_sending_text()
    assert text.splitlines()[:3] == [
        "Your support team received your message and what this program found on this computer.",
        "Your support team: the people who gave you this program.",
        "They will answer you by e-mail at ann@example.org.",
    ]
    assert "To reach them" not in text and "{" not in text and ": \n" not in text
    dialog.close()


def test_no_button_text_is_cut_in_french_at_the_default_size(qtbot, make_window):
    """The French words are longer: on every page of “Contact support”, each button is as wide as its text needs."""
    from PySide6.QtWidgets import QPushButton

    window = make_window(fakechecks.PassCheck, fakechecks.FailCheck, config=fakechecks.config(support={"kind": "intake", "url": "http://127.0.0.1:9"}))
    run_scan(qtbot, window)
    with qtbot.waitSignal(window.scan_shown, timeout=10000):
        window.set_language("fr")
    dialog = window.contact_support()
    assert isinstance(dialog, SupportDialog)
    dialog.show()

    def no_button_cut(page: str) -> None:
        for button in dialog.findChildren(QPushButton):
            if button.isVisible():
                assert button.width() >= button.sizeHint().width(), (page, button.text())

    no_button_cut("describe")
    dialog.next_button.click()
    qtbot.waitUntil(lambda: dialog.stack.currentIndex() == SupportDialog.REVIEW, timeout=10000)
    # round 9: « sur votre Bureau », "my wooden desk?": no save choice beside "Envoyer"; it is on the failure screen
    assert dialog.send_button.isVisible() and not dialog.save_button.isVisible()
    # round 20: « ce qui se passerait si je disais oui »; round 23: « je ne sais pas … si je devrais »: rien n’a besoin d’être retiré
    # round 24: « Rien n'a besoin d'être retiré… » (« on me demande de retirer quelque chose ? »): rien choisi, rien à retirer
    assert "retiré" not in dialog.overview.text()
    no_button_cut("review")
    # round 21: « Vous préférez ne pas envoyer « Votre ordinateur » ? »: « on n'envoie pas l'ordinateur lui-même »; « (techniques :
    # vous n'avez pas besoin de les lire) »: « je ne sais pas ce que sont ces lignes techniques »
    assert dialog.select("group", "computer")
    # send rounds 41-50 (fr): « C'est le même geste pour voir et pour retirer »: a box of its own, ticked, named as sent
    computer = dialog.file_tree.currentItem()
    assert computer.checkState(0) == Qt.CheckState.Checked
    assert computer.data(0, Qt.ItemDataRole.AccessibleTextRole).endswith("\u00a0: envoyé"), computer.data(0, Qt.ItemDataRole.AccessibleTextRole)
    shown = dialog.overview.text()
    # round 23: « Afficher ici les détails que cette partie envoie à l’assistance » (« quels détails ? »): ce que fait le clic, court
    # rounds 25-27: « Voir cette partie en entier » (« qu'y a-t-il de plus ? »): ce qu'il ajoute, nommé
    # round 28: « numéro de version », « processeur », « mémoire », « programmes en marche » (« j'ai peur qu'ils voient ce que
    # je fais »), « connexions à un réseau »: aucun détail nommé; la partie entière, tout ce que l'assistance en reçoit
    # rounds 30-31 (en): « chaque détail que reçoit l'assistance » ("sounds as if a lot is hidden"): combien de lignes il ajoute
    # round 32: « Afficher 688 lignes de plus » (« Pourquoi 688 lignes alors qu'il n'y a que trois renseignements ? »): pas de nombre
    # send rounds 81-90 (en): the fold ("Why are they hidden?"): none; every line of the part in the box under these, under its heading
    # send rounds 91-95 (fr): « c'est du charabia pour moi », then that box quoted line by line: closed under a button
    assert "techniciens" not in shown and not dialog.part_details.isVisibleTo(dialog)
    assert dialog.details_toggle.isVisibleTo(dialog) and dialog.details_toggle.text() == "Plus de détails"
    no_button_cut("review, a part chosen")
    dialog.details_toggle.click()
    assert dialog.details_heading.text() == "<b>Le texte technique que reçoit l’assistance\u00a0:</b>"
    assert dialog.details_toggle.text() == "Cacher de nouveau ces lignes"
    assert "en entier" not in shown, shown
    assert dialog.part_details.isVisibleTo(dialog) and "Processeur\u00a0:" in shown_text(dialog.part_details)
    assert not any(w in shown for w in ("processeur", "mémoire", "programmes en marche", "réseau")), shown
    assert "techniques" not in shown, shown
    no_button_cut("review, a part chosen")
    dialog.show_outcome("sent", "Envoyé", dialog.after_sending_text(), "K7H-94W-XCM")
    no_button_cut("done")
    assert dialog.reference_hint.text() == "Notez-le sur un papier."  # round 24: no « ni zéro ni lettre O… » riddle
    assert dialog.copy_button.text() == "Copier le numéro (pour le mettre dans un e-mail)"
    dialog.close()


def test_any_part_that_may_be_left_out_is_unticked_on_its_own_line(qtbot, make_window, monkeypatch):
    """Send rounds 41-50: each part's line has its own box; every part that may be left out can be unticked, and ticked again."""
    from selfcheck import hooks

    # earlier checks on this computer, as the history module adds them: the record part is there whatever ran before
    # (without it, d3e7300's "the record part is taken out whole" was asserted only when another test had left a history)
    earlier = b'{"scans_kept": 2, "what_changed": []}'
    monkeypatch.setattr(hooks, "bundle_parts", [*hooks.bundle_parts, lambda app, scan: [("history.json", earlier)]])
    window = make_window(fakechecks.PassCheck, fakechecks.FailCheck)
    run_scan(qtbot, window)
    dialog = window.contact_support()
    assert isinstance(dialog, SupportDialog)
    dialog.what.setPlainText("Websites do not open.")
    qtbot.waitUntil(lambda: dialog.next_button.isEnabled())
    dialog.next_button.click()
    qtbot.waitUntil(lambda: dialog.stack.currentIndex() == SupportDialog.REVIEW, timeout=10000)
    optional = [g.key for g in dialog.groups if g.optional]
    assert optional == ["wrote", "computer", "record"]
    # send rounds 30-31 (en): "Without it, support has to ask you…": "without what? Can I leave parts out? This screen doesn't
    # show me how": the overview says which click takes a part out, and each part's line names taking this part out where it
    # can be, says "always sent" where it cannot (as its button does), and names the lines that can be taken out
    overview = dialog.overview.text()
    assert (
        dialog.group_info.text()
        == "Parts with a tick, and those marked “Always sent”, are sent. To leave a part out, click the small square beside its name to take the tick away."
    )
    assert "Without it" not in overview, overview
    costs = {g.key: g.cost for g in dialog.groups}
    assert all((html.escape(c) in overview) == g.optional for g in dialog.groups for c in [costs[g.key]]), overview
    assert [k for k, c in costs.items() if c.startswith("If you take this part out, support")] == optional, costs
    assert costs["results"] == "This part is always sent: it is what support needs most to help you."  # send rounds 39-40: read twice
    # the table of contents, which cannot be left out, is in the part that is always sent; the record is taken out whole
    assert "manifest.json" in [f.path for g in dialog.groups if g.key == "results" for f in g.files]
    assert all(f.optional for g in dialog.groups if g.key == "record" for f in g.files)
    # the part always sent: "Always sent", no box, and its line says why, in its own words
    results = _line(dialog, "group", "results")
    assert _always_sent(results)
    # "Always sent" after the name, and why (send round 107): the words under it do not say it again (review of 82e6a6e)
    assert results.data(0, ALWAYS_SENT) == "Always sent: support needs it to help you"
    assert "needs" not in results.text(0), results.text(0)
    assert results.data(0, Qt.ItemDataRole.AccessibleTextRole) == "What is wrong and what works on your computer: always sent"
    computer_files = [p for g in dialog.groups if g.key == "computer" for f in g.files for p in f.paths]
    assert "system.json" in computer_files and all(p in dialog.planned.files for p in computer_files)
    _untick(dialog, "group", "computer")
    assert not any(p in dialog.planned.files for p in computer_files)
    assert "Your computer: what kind, and how much room is left" not in [g.title for g in dialog.review_groups()]
    computer = _line(dialog, "group", "computer")  # its line stays, unticked, named as not sent
    assert computer.checkState(0) == Qt.CheckState.Unchecked and computer.data(0, Qt.ItemDataRole.AccessibleTextRole).endswith(": not sent")
    assert "Websites do not open." in dialog.planned.files["description.txt"].decode()  # the rest stays
    _untick(dialog, "group", "wrote")
    assert not any(n.startswith("description") for n in dialog.planned.files)
    # the record part, taken out whole; its table of contents stays (in the part always sent) and says it was left out
    record_files = [p for g in dialog.groups if g.key == "record" for f in g.files for p in f.paths]
    assert "history.json" in record_files
    _untick(dialog, "group", "record")
    assert not any(p in dialog.planned.files for p in record_files)
    manifest = json.loads(dialog.planned.files["manifest.json"])
    assert "history.json" not in [f["path"] for f in manifest["files"]]
    assert {"path": "history.json", "reason": "left out by the user", "by": "user"} in manifest["skipped"], manifest["skipped"]


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_part_always_sent_quotes_what_this_program_told_the_customer(qtbot, make_window, lang):
    """Send rounds 73-75 (en): "What is wrong and what works on your computer": "That's a bit vague: what exactly do they look
    at?". Its line in the list, under "Always sent", and its words beside the list quote the headline the customer was shown
    ("This computer is not connected to any network"), from the results it sends; then why it is always sent."""
    from selfcheck.i18n import _

    window = make_window(fakechecks.PassCheck, fakechecks.FailCheck)
    if lang == "fr":
        window.set_language("fr")
    run_scan(qtbot, window)
    assert window.results_page.headline_card.verdict.headline.startswith("This computer is not connected to any network")
    dialog = _to_review(qtbot, window)
    results = _line(dialog, "group", "results")
    told = {
        "en": "What this program told you: “This computer is not connected to any network”.",
        "fr": "Ce que ce programme vous a dit\u00a0: «\u00a0This computer is not connected to any network\u00a0».",
    }[lang]
    assert results.text(0).split("\n") == [_("What is wrong and what works on your computer"), told]
    assert _always_sent(results)
    such_as = {
        "en": "such as “This computer is not connected to any network” (never",
        "fr": "par exemple «\u00a0This computer is not connected to any network\u00a0» (jamais",
    }
    assert such_as[lang] in dialog.overview.text(), dialog.overview.text()  # beside the list, nothing chosen
    such_as_line = {
        "en": "What it found for each thing it checked on this computer, such as “This computer is not connected to any network” (never what is in "
        "your letters, photos or other files).",
        "fr": "Ce qu’il a trouvé pour chaque chose qu’il a vérifiée sur cet ordinateur, par exemple «\u00a0This computer is not connected to any network\u00a0» "
        "(jamais ce qu’il y a dans vos lettres, vos photos ou vos autres fichiers).",
    }
    assert dialog.select("group", "results")
    assert dialog.group_info.text().split("\n")[1] == such_as_line[lang]
    # review 39: a headline may hold a printer's or a network's name, as hostile as any: the part's tooltip shows it as written
    from PySide6.QtGui import Qt as QtGui_Qt
    from PySide6.QtGui import QTextDocument

    group = next(g for g in dialog.groups if g.key == "results")
    group.told = "The printer <b>Dept B</b> <img src='/etc/passwd'> does not answer"
    dialog._tick_group(results, group)
    tip = results.toolTip(0)
    shown = tip
    if QtGui_Qt.mightBeRichText(tip):  # as Qt's tooltip decides
        document = QTextDocument()
        document.setHtml(tip)
        shown = document.toPlainText()
    assert "The printer <b>Dept B</b> <img src='/etc/passwd'> does not answer" in shown, shown
    assert shown.splitlines()[-1].startswith("(") and len(shown.splitlines()) >= 3, shown  # its lines kept


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_file_lines_tooltip_keeps_each_file_name_whole_with_its_size(qtbot, make_window, lang):
    """Review 39b: the escaped tooltips are rich text, which Qt word-wraps, a short one to a quarter of its width: a file line
    showed "manifest.json (1.9" with "KB)" under it, "support-card.txt," "support-card.json" "(1.9 KB)" on three lines. Each
    file name is on one line of its own, the size beside the last, as the tooltip is shown."""
    from PySide6.QtWidgets import QApplication, QToolTip

    window = make_window(fakechecks.PassCheck, fakechecks.FailCheck)
    if lang == "fr":
        window.set_language("fr")
    run_scan(qtbot, window)
    dialog = _to_review(qtbot, window)
    tree = dialog.file_tree

    def shown_height(tip: str) -> tuple[int, int]:
        QToolTip.hideText()
        QToolTip.showText(tree.viewport().mapToGlobal(tree.viewport().rect().center()), tip, tree)
        QApplication.processEvents()
        label = next(w for w in QApplication.topLevelWidgets() if w.inherits("QTipLabel") and w.isVisible())
        return label.height(), label.fontMetrics().lineSpacing()

    one_line, spacing = shown_height("<p>x</p>")
    files = [tree.topLevelItem(i).child(j) for i in range(tree.topLevelItemCount()) for j in range(tree.topLevelItem(i).childCount())]
    assert len(files) >= 4, [f.text(0) for f in files]
    pairs = 0
    for item in files:
        paths = next(f.paths for g in dialog.groups for f in g.files if f.path == item.data(0, Qt.ItemDataRole.UserRole)[1])
        pairs += len(paths) > 1
        height, _spacing = shown_height(item.toolTip(0))
        lines = 1 + round((height - one_line) / spacing)
        assert lines == len(paths), (item.text(0), item.toolTip(0), height, one_line)
    assert pairs, "a line of two files (the summary for support) is shown"
    QToolTip.hideText()


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_each_part_has_its_own_tick_box_and_an_unticked_part_is_not_in_the_bundle(qtbot, make_window, tmp_path, lang):
    """Send rounds 41-50 and the small-screen rounds: the hint "To leave one out, click its line: “Take this part out” then
    shows below the list…" was quoted as not understood ("I had to read that twice", "I read it twice and still didn't follow
    it", « C'est le même geste pour voir et pour retirer, alors j'ai peur de supprimer quelque chose par erreur »), and word
    changes (rounds 44-47) did not fix it: each line has its own box, ticked = sent; Space on a line toggles it as a click on
    its box does; the part always sent cannot be unticked; what is unticked is not in the bundle made, and ticking undoes it."""
    window = make_window(fakechecks.PassCheck, fakechecks.FailCheck)
    if lang == "fr":
        window.set_language("fr")
    run_scan(qtbot, window)
    dialog = _to_review(qtbot, window)
    dialog.show()
    tree = dialog.file_tree
    sent, not_sent, always = {"en": (": sent", ": not sent", ": always sent"), "fr": ("\u00a0: envoyé", "\u00a0: pas envoyé", "\u00a0: toujours envoyé")}[lang]
    # nothing is unticked before the person touches anything
    assert all(state == Qt.CheckState.Checked for _words, state in _ticks(dialog)), _ticks(dialog)
    # small-screen round 7: the name and e-mail first, always sent, a line of their own; the box beside what was written only
    who = _line(dialog, "contact", "")
    assert tree.topLevelItem(0) is who and who.data(0, Qt.ItemDataRole.AccessibleTextRole).endswith(always)
    # small-screen rounds 6-10: the padlock read as "private or locked away": the line says it in the reader's words, no box
    words = {"en": "Always sent", "fr": "Toujours envoyé"}[lang]
    assert _always_sent(who) and who.data(0, ALWAYS_SENT) == words
    assert _line(dialog, "group", "wrote").text(0) == {"en": "What you wrote", "fr": "Ce que vous avez écrit"}[lang]
    computer = _line(dialog, "group", "computer")
    computer_files = [p for g in dialog.groups if g.key == "computer" for f in g.files for p in f.paths]
    assert "system.json" in computer_files and all(p in dialog.planned.files for p in computer_files)
    # a click on the line's words shows what it holds, and leaves it ticked
    qtbot.waitExposed(dialog)
    qtbot.waitUntil(lambda: tree.itemAt(tree.visualItemRect(computer).center()) is computer)  # the list laid out
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=tree.visualItemRect(computer).center())
    assert tree.currentItem() is computer and computer.checkState(0) == Qt.CheckState.Checked
    assert "system.json" in dialog.planned.files and computer.data(0, Qt.ItemDataRole.AccessibleTextRole).endswith(sent)
    assert dialog.group_info.text().startswith(computer.text(0).split("\n")[0]) and computer.isExpanded()  # what it holds, on the right
    # Space on the line unticks it: the part leaves the plan, the line stays (to tick it again), named as not sent
    tree.setFocus()
    qtbot.keyClick(tree, Qt.Key.Key_Space)
    assert computer.checkState(0) == Qt.CheckState.Unchecked and tree.currentItem() is computer
    assert not any(p in dialog.planned.files for p in computer_files)
    assert computer.data(0, Qt.ItemDataRole.AccessibleTextRole).endswith(not_sent), computer.data(0, Qt.ItemDataRole.AccessibleTextRole)
    assert computer.childCount() == 0  # its one file has no line of its own: the part's box is its box (small-screen rounds 21-24)
    # ... and Space again ticks it: the part is back, as it was
    qtbot.keyClick(tree, Qt.Key.Key_Space)
    assert computer.checkState(0) == Qt.CheckState.Checked and all(p in dialog.planned.files for p in computer_files)
    # a click on the box of a line not chosen yet unticks it too (the lines do not move under the pointer)
    tree.setCurrentItem(_line(dialog, "group", "wrote"))
    option = QStyleOptionViewItem()
    tree.initViewItemOption(option)
    option.rect = tree.visualItemRect(computer)
    option.features |= QStyleOptionViewItem.ViewItemFeature.HasCheckIndicator
    box = tree.itemDelegate().box(option)  # beside the line's first words
    assert box.top() < option.rect.center().y() - box.height() // 2
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=box.center())
    assert computer.checkState(0) == Qt.CheckState.Unchecked and "system.json" not in dialog.planned.files, (box, option.rect)
    # the part always sent: Space on its line changes nothing; its line says why, in its own words
    results = _line(dialog, "group", "results")
    tree.setCurrentItem(results)
    before = sorted(dialog.planned.files)
    qtbot.keyClick(tree, Qt.Key.Key_Space)
    assert _always_sent(results) and sorted(dialog.planned.files) == before
    # send round 107 (en): "Always sent" with no box: "Why can't I take that one out?": why, in the same few words
    assert results.data(0, ALWAYS_SENT) == {"en": "Always sent: support needs it to help you", "fr": "Toujours envoyé\u00a0: l’assistance en a besoin"}[lang]
    assert results.data(0, Qt.ItemDataRole.AccessibleTextRole).endswith(always)
    assert {"en": "needs", "fr": "besoin"}[lang] not in results.text(0), results.text(0)  # not said twice
    assert {"en": "always sent:", "fr": "toujours envoyée"}[lang] not in results.text(0), results.text(0)
    # the bundle made holds what is ticked, not what was unticked, and says the person left it out
    target = tmp_path / "bundle.zip"
    dialog.save_bundle_to(target)
    qtbot.waitUntil(lambda: dialog.stack.currentIndex() == SupportDialog.DONE, timeout=10000)
    opened = support.read(target)
    assert not any(p in opened.files for p in computer_files), sorted(opened.files)
    assert "results.json" in opened.files and opened.scan.result("fake.fail").status is Status.FAIL
    assert "E-mail does not arrive." in opened.description
    manifest = json.loads(opened.files["manifest.json"])
    assert "system.json" in [s["path"] for s in manifest["skipped"]], manifest["skipped"]
    dialog.close()


def _box_of(tree, item):
    """Where the review list draws a line's tick box, in its viewport."""
    option = QStyleOptionViewItem()
    tree.initViewItemOption(option)
    option.rect = tree.visualItemRect(item)
    option.features |= QStyleOptionViewItem.ViewItemFeature.HasCheckIndicator
    return tree.itemDelegate().box(option)


def _inked(image, rect, background):
    """The points of ``rect`` in ``image`` drawn in another colour than ``background`` (clearly: not the soft edge of a letter)."""
    return [
        (x, y)
        for x in range(rect.left(), rect.right() + 1)
        for y in range(rect.top(), rect.bottom() + 1)
        if abs(image.pixelColor(x, y).lightness() - background.lightness()) > 60
    ]


def test_a_part_always_sent_says_always_sent_after_its_name_and_has_no_box(qtbot, make_window):
    """Send round 53 and small-screen round 5 (en, fr): the greyed boxes of the parts always sent were not told from the
    others ("I can't tell grey ticks from black ones", « je vois mal la différence entre les coches grises et les
    autres »): those lines have no box. The padlock that stood in its place then was read as "private or locked away" by
    five of ten small-screen readers (rounds 6-10, 1366x768 at 150 %): the line says "Always sent" after its name, as
    cookie banners' "Always active", in quieter words than the name's but readable, on a line of its own when there is no
    room beside the name; nothing is drawn where the box would be; their words start where the others' do; a click there
    changes nothing; a screen reader still says "always sent"; the lines one can untick keep their boxes."""
    window = make_window(fakechecks.PassCheck, fakechecks.FailCheck)
    run_scan(qtbot, window)
    dialog = _to_review(qtbot, window)
    tree = dialog.file_tree
    dialog.show()
    qtbot.waitExposed(dialog)
    always, who, free = _line(dialog, "group", "results"), _line(dialog, "contact", ""), _line(dialog, "group", "computer")
    qtbot.waitUntil(lambda: tree.itemAt(tree.visualItemRect(free).center()) is free)  # the list laid out
    # no box on the lines that cannot change, a box on every other line
    always_sent = {("contact", "")} | {("group", g.key) for g in dialog.groups if not g.optional}
    always_sent |= {("file", f.path) for g in dialog.groups for f in g.files if not f.optional}
    assert {item.data(0, Qt.ItemDataRole.UserRole) for item in _lines(dialog) if _always_sent(item)} == always_sent
    assert ("group", "results") in always_sent and ("group", "computer") not in always_sent
    # the only file of a part one can leave out has no line of its own: the part's box is its box (small-screen rounds 21-24)
    only_files = {("file", g.files[0].path) for g in dialog.groups if g.optional and len(g.files) == 1}
    assert ("file", "system.json") in only_files
    assert not only_files & {item.data(0, Qt.ItemDataRole.UserRole) for item in _lines(dialog)}
    assert all(item.data(0, Qt.ItemDataRole.CheckStateRole) is not None and not item.data(0, ALWAYS_SENT) for item in _lines(dialog) if not _always_sent(item))
    image = tree.viewport().grab().toImage()
    scale = image.devicePixelRatio()
    base, text = tree.palette().color(tree.palette().ColorRole.Base), tree.palette().color(tree.palette().ColorRole.Text)
    boxes = {item: _box_of(tree, item) for item in (always, who, free)}

    def seen(rect):
        return rect.__class__(*(round(v * scale) for v in (rect.left(), rect.top(), rect.width(), rect.height())))

    # nothing where the box would be (no box, no picture), a box's frame on the line one can untick
    for item in (always, who):
        assert _inked(image, seen(boxes[item]), base) == [], item.text(0)
    free_box = seen(boxes[free])
    assert len([x for x, y in _inked(image, free_box, base) if y <= free_box.top() + max(1, free_box.height() // 8)]) >= free_box.width() // 2
    # the words of a line always sent start where those of a line with a box do
    starts = {}
    for item in (always, free):
        line = seen(tree.visualItemRect(item).adjusted(boxes[item].right() + 1 - tree.visualItemRect(item).left(), 0, 0, 0))
        starts[item] = min(x for x, y in _inked(image, line, base))
    assert abs(starts[always] - starts[free]) <= 2 * scale, starts
    # "Always sent" after the name, on its line: as wide as those words, quieter than the name, readable (4.5:1)
    bold = QFontMetrics(who.font(0).resolve(tree.font()))
    plain = QFont(who.font(0).resolve(tree.font()))
    plain.setBold(False)
    label = QFontMetrics(plain).horizontalAdvance("Always sent")
    row = tree.visualItemRect(who)
    name_end = starts[always] / scale + bold.horizontalAdvance("Your name and e-mail")
    first = _inked(image, seen(QRect(row.left(), row.top(), row.width(), bold.lineSpacing())), base)
    name = [(x, y) for x, y in first if x < name_end * scale]
    after = [(x, y) for x, y in first if x > (name_end + 2) * scale]
    assert after, "nothing after the name"
    width = (max(x for x, y in after) - min(x for x, y in after)) / scale
    assert 0.8 * label <= width <= 1.2 * label, (width, label)

    def darkest(points):
        return min((image.pixelColor(x, y) for x, y in points), key=lambda c: c.lightness())

    assert darkest(after).lightness() - darkest(name).lightness() > 40, (darkest(after).name(), darkest(name).name())
    assert theme.contrast(darkest(after), base) >= theme.TEXT_CONTRAST, darkest(after).name()
    # on a chosen line, in the chosen line's words' colour (grey on the accent colour would not be read)
    tree.setCurrentItem(who)
    chosen = tree.viewport().grab().toImage()
    light = tree.palette().color(tree.palette().ColorRole.HighlightedText)
    fill = chosen.pixelColor(seen(row).right() - 2, seen(row).top() + 2)
    marked = [(x, y) for x, y in after if abs(chosen.pixelColor(x, y).lightness() - fill.lightness()) > 60]
    assert marked and max(chosen.pixelColor(x, y).lightness() for x, y in marked) >= light.lightness() - 20
    tree.setCurrentItem(None)
    # no room beside the name (the list narrowed, as on a small screen at 150 %): "Always sent" goes whole to the next line,
    # the line grows to hold it, and nothing goes past the list's right edge
    left = tree.visualItemRect(who).left() + (boxes[who].right() + 1 - tree.visualItemRect(who).left())
    room = round(bold.horizontalAdvance("Your name and e-mail") + label / 2)
    split = tree.parentWidget().parentWidget()
    wanted = left + room + 4 + (tree.width() - tree.viewport().width())
    split.setSizes([wanted, sum(split.sizes()) - wanted])
    qtbot.waitUntil(lambda: tree.visualItemRect(who).width() < row.width())
    qtbot.wait(50)
    row = tree.visualItemRect(who)
    narrow = tree.viewport().grab().toImage()
    words = bold.boundingRect(QRect(0, 0, row.right() - left - 4, 10_000), Qt.TextFlag.TextWordWrap, who.text(0)).height()
    assert row.height() >= words + bold.lineSpacing() - 2, (row.height(), words)
    second = _inked(narrow, seen(QRect(row.left(), row.top() + bold.lineSpacing(), row.width(), bold.lineSpacing())), base)
    assert second and min(narrow.pixelColor(x, y).lightness() for x, y in second) - text.lightness() > 40  # the quiet words, whole
    first = _inked(narrow, seen(QRect(row.left(), row.top(), row.width(), bold.lineSpacing())), base)
    assert not [x for x, y in first if x > (name_end + 2) * scale]
    right = narrow.width() - 2
    assert len({narrow.pixel(right, y) for y in range(narrow.height())}) == 1
    # a click where the box would be changes nothing: the part stays sent, the line has no box
    before = sorted(dialog.planned.files)
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=boxes[always].center())
    qtbot.keyClick(tree, Qt.Key.Key_Space)
    assert _always_sent(always) and sorted(dialog.planned.files) == before
    assert always.data(0, Qt.ItemDataRole.AccessibleTextRole) == "What is wrong and what works on your computer: always sent"
    assert who.data(0, Qt.ItemDataRole.AccessibleTextRole) == "Your name and e-mail: always sent"
    # small-screen round 7 (fr): « « Ce que vous avez écrit, votre nom et votre e-mail » a une case à cocher, mais juste en
    # dessous « Votre nom et votre e-mail » a un cadenas. Est-ce que je peux l'enlever ou pas ? »: the name and e-mail are a
    # line of their own, first, under no line with a box; the part with a box is named for what it leaves out
    assert who.parent() is None and tree.indexOfTopLevelItem(who) == 0
    boxed = [item for item in _lines(dialog) if not _always_sent(item)]
    assert not any(_always_sent(item.child(j)) for item in boxed for j in range(item.childCount()))
    assert not any("e-mail" in item.text(0) or "your name" in item.text(0).lower() for item in boxed), [item.text(0) for item in boxed]
    wrote = next(g for g in dialog.groups if g.key == "wrote")
    assert _line(dialog, "group", "wrote").text(0) == wrote.title == "What you wrote"
    # what it holds and what leaving it out costs stay true: support can still answer (the address is sent whatever is ticked)
    assert "e-mail" not in wrote.holds + wrote.cost and "reach you" not in wrote.holds and "answer" not in wrote.cost, (wrote.holds, wrote.cost)
    # the right-hand overview, in the list's order: the name and e-mail with the address they will answer at, then what was written
    tree.setCurrentItem(None)
    dialog._show_item(None)
    overview = dialog.overview.text()
    # (each name the link that opens its line; why they are sent is under it on the left, not again here: send round 113)
    assert overview.startswith('<a href="contact:"><b>Your name and e-mail</b></a><br><b>They will answer at: ann@example.org</b>')
    assert overview.index("They will answer at") < overview.index("<b>What you wrote</b>")
    # unticking what was written leaves out the words only: the name and e-mail stay, always sent, first, and still go with the message
    _untick(dialog, "group", "wrote")
    assert sorted(dialog.planned.files) == sorted(p for p in before if not p.startswith("description"))
    who = _line(dialog, "contact", "")
    assert _always_sent(who) and who.parent() is None and dialog.description().email == "ann@example.org"
    dialog.close()


def test_a_parts_only_file_has_no_line_of_its_own_and_the_parts_box_decides(qtbot, make_window):
    """Small-screen rounds 21-23: a part's only file had a box of its own under the part's ("why are there two ticks for the
    same thing?"); without the box, round 24 (en): "the small grey words 'About this computer' that suddenly appeared under
    the blue line … look like a new item". Review 38: the list's refresh gave such a line its box back once the part was
    unticked. No line of its own, opened or not, after the part is unticked and ticked again; the part's box decides whether
    the file goes, and what it holds is on the right, every detail one click away."""
    window = make_window(fakechecks.PassCheck, fakechecks.FailCheck)
    run_scan(qtbot, window)
    dialog = _to_review(qtbot, window)
    part = _line(dialog, "group", "computer")
    for sent in (False, True, False):
        part.setCheckState(0, Qt.CheckState.Checked if sent else Qt.CheckState.Unchecked)
        part = _line(dialog, "group", "computer")
        assert dialog.select("group", "computer")
        assert part.childCount() == 0 and not dialog.select("file", "system.json"), sent
        assert ("system.json" in {f.name for f in dialog.files}) is sent  # the part's box still decides whether it goes
        # every detail, under the plain lines, one click away; said not sent while its tick is taken away (review of send round 92)
        assert ("The exact text support receives" if sent else "This part is not sent, as you took its tick away") in dialog.details_heading.text()
    # a part of several files keeps a line for each, with its box, to leave one out
    several = [g for g in dialog.groups if g.optional and len(g.files) > 1]
    for group in several:
        assert _line(dialog, "group", group.key).childCount() == len(group.files)
    dialog.close()


def _full(image, points, text, base):
    """The share of the inked ``points`` of some words drawn in their full colour ``text`` (within an eighth of the way to
    ``base``): a bold letter's stems are wider than a pixel and dark through, a regular one's mostly the soft grey of a
    stem narrower than a pixel."""
    near = text.lightness() + abs(base.lightness() - text.lightness()) // 8
    return sum(1 for x, y in points if image.pixelColor(x, y).lightness() <= near) / len(points)


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_parts_name_is_bold_and_the_why_under_it_is_not(qtbot, make_window, lang):
    """Small-screen rounds 11-12 (1366x768 at 150 %): the "why" lines under a part's name were bold as the name was, and three
    of four readers could not tell them apart ("Everything is in bold, so I can't tell the headings from the explanations";
    « certaines lignes en gras ont une case et d'autres non, et je ne savais pas lesquelles étaient des choses envoyées et
    lesquelles étaient des explications »; « beaucoup de texte en gras, tout serré »). The name is bold, the why under it in
    regular weight (in the words' own colour, readable as theirs), and a little room ends each part before the next one."""
    window = make_window(fakechecks.PassCheck, fakechecks.FailCheck)
    if lang == "fr":
        window.set_language("fr")
    run_scan(qtbot, window)
    dialog = _to_review(qtbot, window)
    tree = dialog.file_tree
    dialog.show()
    qtbot.waitExposed(dialog)
    who, always, wrote = _line(dialog, "contact", ""), _line(dialog, "group", "results"), _line(dialog, "group", "wrote")
    qtbot.waitUntil(lambda: tree.itemAt(tree.visualItemRect(wrote).center()) is wrote)  # the list laid out
    assert "\n" in who.text(0) and "\n" in always.text(0)  # a name, and why under it
    image = tree.viewport().grab().toImage()
    scale = image.devicePixelRatio()
    palette = tree.palette()
    base, text = palette.color(palette.ColorRole.Base), palette.color(palette.ColorRole.Text)
    bold = QFontMetrics(who.font(0).resolve(tree.font()))
    plain_font = QFont(who.font(0).resolve(tree.font()))
    plain_font.setBold(False)
    plain = QFontMetrics(plain_font)
    assert bold.horizontalAdvance("Your name and e-mail") > plain.horizontalAdvance("Your name and e-mail")  # a bold font to tell

    def seen(rect):
        return rect.__class__(*(round(v * scale) for v in (rect.left(), rect.top(), rect.width(), rect.height())))

    def inked(rect):
        return _inked(image, seen(rect), base)

    row = tree.visualItemRect(who)
    first = inked(QRect(row.left(), row.top(), row.width(), bold.lineSpacing()))
    title = {"en": "Your name and e-mail", "fr": "Votre nom et votre e-mail"}[lang]
    name = [(x, y) for x, y in first if x < min(x for x, _y in first) + bold.horizontalAdvance(title) * scale]  # not "Always sent"
    why = inked(QRect(row.left(), row.top() + bold.lineSpacing(), row.width(), row.height() - bold.lineSpacing()))
    last = inked(tree.visualItemRect(always))
    bottom = max(y for _x, y in last)
    why_always = [(x, y) for x, y in last if y >= bottom - plain.ascent() * scale]  # its last line
    assert name and why and why_always
    # the name's letters are clearly bolder than the why's, in both parts that say why (the same bold: 0.44 and 0.44 of their
    # ink in full colour, en; regular under bold: 0.28 and 0.46)
    full = {words: _full(image, points, text, base) for words, points in (("name", name), ("why", why), ("why, results", why_always))}
    assert full["why"] < 0.8 * full["name"] and full["why, results"] < 0.8 * full["name"], full
    # in the words' colour (not a pale grey): as dark as the name's
    assert abs(min(image.pixelColor(x, y).lightness() for x, y in why) - min(image.pixelColor(x, y).lightness() for x, y in name)) <= 40
    # the room between two parts (the name and e-mail, then what was written) is clearly more than between two lines of one
    ours = sorted({y for _x, y in inked(row)})
    inside = max(b - a - 1 for a, b in zip(ours, ours[1:], strict=False))
    between = min(y for _x, y in inked(tree.visualItemRect(wrote))) - max(ours) - 1
    assert between >= inside + bold.lineSpacing() // 3 * scale, (between, inside)
    # a screen reader still hears the part's name and whether it is sent, not the layout
    assert (
        who.data(0, Qt.ItemDataRole.AccessibleTextRole)
        == {"en": "Your name and e-mail: always sent", "fr": "Votre nom et votre e-mail\u00a0: toujours envoyé"}[lang]
    )
    dialog.close()


def test_the_review_list_shows_the_planned_bundle_unchanged(qtbot, make_window):
    """The list's lines are the files of the message as planned (the name and e-mail line is none of them): grouping it for a
    person changes nothing sent."""
    window = make_window(fakechecks.PassCheck, fakechecks.FailCheck)
    run_scan(qtbot, window)
    dialog = _to_review(qtbot, window)
    planned = support.plan(
        window.app, dialog.scan, dialog.description(), include_logs=dialog.include_logs.isChecked(), screenshot_png=None, site_tries=dialog.site_tries
    )
    assert sorted(dialog.planned.files) == sorted(planned.files)
    assert dialog.planned.files["description.txt"] == planned.files["description.txt"]
    shown = [
        p
        for item in _lines(dialog)
        if item.data(0, Qt.ItemDataRole.UserRole)[0] == "file"
        for f in dialog.groups
        for x in f.files
        if x.path == item.data(0, Qt.ItemDataRole.UserRole)[1]
        for p in x.paths
    ]
    # a part one can leave out whose only file has no line of its own (small-screen rounds 21-24): its part's line stands for it
    alone = [p for g in dialog.groups if g.optional and len(g.files) == 1 for p in g.files[0].paths]
    assert alone and not set(alone) & set(shown)
    assert sorted(shown + alone) == sorted(planned.files)
    dialog.close()


def test_every_contact_screen_says_who_support_is_from_the_branding(qtbot, make_window):
    about = "the helpdesk of Clearline, your internet provider, who gave you this program. Free for Clearline customers."
    config = fakechecks.config(branding={"company": "Clearline Help", "about": {"en": about, "fr": "le service d’aide de Clearline."}})
    window = make_window(fakechecks.PassCheck, fakechecks.FailCheck, config=config)
    run_scan(qtbot, window)
    page = window.results_page
    # the verdict window's contact button keeps the name its steps use, and who "support" is is said beside it
    assert page.support_button.text() == "Contact support"
    assert page.support_who.isVisibleTo(window) and page.support_who.text() == f"“Support” here means Clearline Help: {about}"
    dialog = window.contact_support()
    assert isinstance(dialog, SupportDialog)
    assert dialog.describe_who.text() == f"Clearline Help: {about}"
    dialog.what.setPlainText("Websites do not open.")
    dialog.email.setText("ann@example.org")
    assert f"Clearline Help: {about}" in dialog.after_sending_text().splitlines()
    dialog.close()


def test_without_branding_support_is_still_said_in_plain_words(qtbot, make_window):
    window = make_window(fakechecks.PassCheck, fakechecks.FailCheck)
    run_scan(qtbot, window)
    assert window.results_page.support_button.text() == "Contact support"
    assert window.results_page.support_who.text() == "“Support” here means your support team: the people who gave you this program."


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("refusal", ["request_expired", "request_used"])
def test_a_refused_request_code_at_sending_says_what_to_do_without_codes(qtbot, make_window, lang, refusal):
    """Issue 21 item 8: the relay refuses support's request code while sending (expired, already used): the window says so
    in plain words, what to do (a new link), that nothing is lost; no status code, no "bundle"/"outbox"."""
    import re
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    from selfcheck.i18n import _
    from selfcheck.upload.request import SupportRequest
    from selfcheck.upload.request import refusal as refusal_of

    class Refuses(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            self.rfile.read(int(self.headers.get("Content-Length") or 0))
            body = json.dumps({"error": refusal, "reason": "x"}).encode()
            self.send_response(410)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        do_PUT = do_GET = do_POST

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Refuses)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        config = fakechecks.config(support={"kind": "intake", "url": f"http://127.0.0.1:{server.server_port}", "retry_now": 0})
        window = make_window(fakechecks.FailCheck, config=config)
        if lang == "fr":
            window.set_language("fr")
        run_scan(qtbot, window)
        dialog = window.contact_support(request=SupportRequest(code="7K2QD-9XHMA", ticket="123", note=""))
        dialog.what.setPlainText("E-mail does not arrive.")
        dialog.next_button.click()
        qtbot.waitUntil(lambda: dialog.stack.currentIndex() == SupportDialog.REVIEW, timeout=10000)
        dialog.send_button.click()
        qtbot.waitUntil(lambda: dialog.stack.currentIndex() == SupportDialog.DONE, timeout=20000)
    finally:
        server.shutdown()
        server.server_close()
    text = label_words(dialog.done_text)
    expected = refusal_of(refusal)
    assert expected is not None and text.startswith(expected.message + " " + _("Nothing is lost: this program keeps your message.")), text
    assert ("lien" if lang == "fr" else "link") in text  # what to do: ask for a new link (expired) or wait for one (used)
    assert not re.search(r"\d", text), text
    # "dossier" as the folder the message waits in; « numéro de dossier » is the number to quote, as on every sending page
    for jargon in ("bundle", "outbox", "error", "erreur", "410", "dossier"):
        assert jargon not in text.lower().replace("numéro de dossier", ""), (jargon, text)


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_what_waited_is_said_sent_in_the_not_sent_screens_words(qtbot, make_window, lang):
    """When the outbox sends by itself later, the window's notice keeps the words of "Not sent yet": no "bundle", no "reference"."""
    from selfcheck.upload.send import SendOutcome

    window = make_window(fakechecks.PassCheck)
    if lang == "fr":
        window.set_language("fr")
    window._outbox_flushed([SendOutcome("sent", "K7H-94W-XCM", "Sent. Your ticket reference is K7H-94W-XCM."), SendOutcome("queued", "NGA-P6F-977", "x")])
    text = window.notice.text.text()
    expected = {
        "en": "What was waiting on this computer has now been sent to support. Your number: K7H-94W-XCM.",
        "fr": "Ce qui attendait sur cet ordinateur a maintenant été envoyé à l’assistance. Votre numéro\u00a0: K7H-94W-XCM.",
    }
    assert text == expected[lang] and window.notice.isVisibleTo(window)


@pytest.mark.parametrize(("opens", "asked"), [(True, False), (False, False), (True, True)])
def test_support_s_address_on_the_end_screen_opens_an_e_mail_with_the_number_in_it(qtbot, make_window, monkeypatch, opens, asked):
    """Send round 12: "Copy the number: copy where? how?": with support's address in the branding, one click opens the
    person's e-mail program with a message to support, the number in its subject and text; with no e-mail program, the
    number is copied and the words say how to paste it. Send rounds 96-97 (en): the link's own line "If you wish to write to
    Clearline Help: open a new e-mail with this number already in it" was quoted by both readers ("will it open my own e-mail?
    I'm not sure what happens"): no such line; support's address, already written on the screen, is the link itself, on the
    end screen of a message and of support's request alike (its number then the request's)."""
    import re
    from urllib.parse import parse_qs, unquote, urlsplit

    from PySide6.QtGui import QDesktopServices, QGuiApplication

    from selfcheck.upload.request import SupportRequest

    opened: list[str] = []

    def open_url(url) -> bool:  # the real one would start this machine's mail program
        opened.append(url.toString(url.ComponentFormattingOption.FullyEncoded))
        return opens

    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(open_url))
    branded = fakechecks.config(branding={"company": "Acme IT", "support_email": "help@acme.example", "support_contact": "01 23 45 67 89"})
    window = make_window(fakechecks.PassCheck, config=branded)
    run_scan(qtbot, window)
    dialog = window.contact_support(request=SupportRequest(code="7K2QD-9XHMA", ticket="48213", note="") if asked else None)
    number = "48213" if asked else "K7H-94W-XCM"
    dialog.show_outcome("sent", "Sent. Thank you!", dialog.after_sending_text(), "K7H-94W-XCM")
    dialog.show()
    text = label_words(dialog.done_text)
    shown = [b.text() for b in dialog.findChildren(QPushButton) if b.isVisibleTo(dialog)]
    assert not any("open a new e-mail" in words for words in [text, *shown]), (text, shown)
    assert not dialog.copy_button.isVisibleTo(dialog) and not dialog.email_opened.isVisibleTo(dialog)
    assert "or write to them by e-mail: help@acme.example" in text.splitlines(), text
    links = re.findall(r'<a href="([^"]*)">([^<]*)</a>', dialog.done_text.text())
    assert [words for _href, words in links] == ["help@acme.example"], dialog.done_text.text()  # the address, nothing else
    url = urlsplit(html.unescape(links[0][0]))
    query = parse_qs(url.query)
    assert url.scheme == "mailto" and unquote(url.path) == "help@acme.example"
    assert query["subject"] == [f"My number: {number}"] and number in query["body"][0]
    # the keyboard reaches it as it reaches a button: the label takes the focus on its link, Enter follows it
    dialog.done_text.setFocus()
    qtbot.waitUntil(dialog.done_text.hasFocus)
    qtbot.keyClick(dialog.done_text, Qt.Key.Key_Tab)
    qtbot.keyClick(dialog.done_text, Qt.Key.Key_Return)
    assert len(opened) == 1 and opened[0] == html.unescape(links[0][0]), opened
    if opens:
        assert dialog.email_opened.isVisibleTo(dialog)
        assert dialog.email_opened.text().startswith("Your e-mail opens with a message to them, the number already in it")
    else:  # no e-mail program: the number is copied, and the words say where it goes
        assert QGuiApplication.clipboard().text() == number
        assert dialog.copy_button.isVisibleTo(dialog) and not dialog.email_opened.isVisibleTo(dialog)
        assert dialog.copy_button.text().startswith("Number copied.")
    dialog.close()


def test_a_message_that_cannot_be_prepared_says_so_in_the_send_screens_words(qtbot, make_window, monkeypatch):
    """Send round 12, item 8: the fallback said "The diagnostic bundle could not be prepared… selfcheck’s log"."""

    def broken_plan(*args, **kwargs):
        raise OSError("disk full")

    window = make_window(fakechecks.FailCheck, config=fakechecks.config(branding={"company": "Acme IT"}))
    run_scan(qtbot, window)
    monkeypatch.setattr(support, "plan", broken_plan)
    dialog = window.contact_support()
    dialog.what.setPlainText("E-mail does not arrive.")
    dialog.email.setText("ann@example.org")
    dialog.next_button.click()
    qtbot.waitUntil(lambda: dialog.next_button.isEnabled(), timeout=10000)
    assert dialog.describe_error.text() == "Your message could not be prepared. Please try again; if it happens again, call Acme IT."
    assert dialog.stack.currentIndex() != SupportDialog.REVIEW and dialog.what.toPlainText() == "E-mail does not arrive."  # nothing lost
    dialog.close()


def _small_intake():
    """A support server on 127.0.0.1 that takes what is sent (the relay's two calls), and counts what it received."""
    import io
    import threading
    import zipfile
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    received: list[int] = []

    class Intake(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # "do you have it already?": no
            self.send_response(404)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            data = self.rfile.read(length)
            if len(data) < length or not length:
                self.close_connection = True  # the sender stopped half-way: nothing received
                return
            received.append(length)
            with zipfile.ZipFile(io.BytesIO(data)) as zf:  # the relay's receipt: the bundle's id and reference code
                manifest = json.loads(zf.read("manifest.json"))
            receipt = {"bundle_id": manifest["bundle_id"], "reference": manifest["reference"], "status": "pending", "ticket": None, "status_url": None}
            body = json.dumps(receipt).encode()
            self.send_response(201)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Intake)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, received


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_cancel_while_sending_says_nothing_was_sent_and_the_person_may_send_after_all(qtbot, make_window, monkeypatch, lang):
    """Review: after Cancel the window said "Not sent… Nothing is lost: it stays on this computer… they will tell you how to
    send it again", though the cancelled message was taken out of what waits to be sent. Cancel now goes back to what will be
    sent, says nothing was sent and nothing goes later by itself, and "Send to support" sends it after all."""
    from selfcheck.i18n import _
    from selfcheck.upload import Outbox

    server, received = _small_intake()
    try:
        config = fakechecks.config(support={"kind": "intake", "url": f"http://127.0.0.1:{server.server_port}", "retry_now": 0})
        window = make_window(fakechecks.FailCheck, config=config)
        if lang == "fr":
            window.set_language("fr")
        run_scan(qtbot, window)
        dialog = _to_review(qtbot, window)
        real_write = support.write

        def written_then_cancel_pressed(planned, target=None):
            info = real_write(planned, target)
            dialog.task.cancel()  # the person presses Cancel while it is being sent
            return info

        monkeypatch.setattr(support, "write", written_then_cancel_pressed)
        dialog.send_button.click()
        qtbot.waitUntil(lambda: dialog.stack.currentIndex() == SupportDialog.REVIEW, timeout=20000)
        text = dialog.review_intro.text()
        assert text == _("You stopped the sending: nothing was sent, and it will not go later by itself.") + " " + _(
            "To send it after all, click “Send to support”; or close this window."
        )
        assert "Nothing is lost" not in text and "Rien n’est perdu" not in text
        assert received == [] and list(Outbox().entries()) == []  # really nothing sent, nothing waiting
        monkeypatch.setattr(support, "write", real_write)
        dialog.send_button.click()  # sent after all
        qtbot.waitUntil(lambda: dialog.stack.currentIndex() == SupportDialog.DONE, timeout=20000)
        assert dialog.done_title.text() == _("Sent. Thank you!") and len(received) == 1
    finally:
        server.shutdown()
        server.server_close()


def test_escape_while_sending_does_not_close_the_window_before_the_number_is_shown(qtbot, make_window, monkeypatch):
    """Keyboard review: Escape (or the close button) on "Sending to support…" closed the dialog: the message went on
    leaving unseen and the number to quote was never shown. The page's own Cancel still stops it."""
    import threading

    server, received = _small_intake()
    try:
        config = fakechecks.config(support={"kind": "intake", "url": f"http://127.0.0.1:{server.server_port}", "retry_now": 0})
        window = make_window(fakechecks.FailCheck, config=config)
        run_scan(qtbot, window)
        dialog = _to_review(qtbot, window)
        gate, real_write = threading.Event(), support.write

        def written_slowly(planned, target=None):
            gate.wait(10)
            return real_write(planned, target)

        monkeypatch.setattr(support, "write", written_slowly)
        dialog.send_button.click()
        assert dialog.stack.currentIndex() == SupportDialog.SENDING
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)
        dialog.close()  # the title bar's close button
        assert dialog.isVisible()
        gate.set()
        qtbot.waitUntil(lambda: dialog.stack.currentIndex() == SupportDialog.DONE, timeout=20000)
        assert dialog.isVisible() and dialog.reference.text() and len(received) == 1
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # once the number is shown, Escape closes it as usual
        assert not dialog.isVisible()
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_full_disk_before_sending_is_not_said_to_keep_anything(qtbot, make_window, monkeypatch, lang):
    """Review: when the message could not even be written on this computer (a full disk), the window said "Nothing is lost:
    it stays on this computer" and gave a file number. It says there was no room, that nothing was sent, and gives no number."""
    import errno

    from selfcheck.bundle import BundleWriteError
    from selfcheck.i18n import _

    def full_disk(planned, target=None):
        try:
            raise OSError(errno.ENOSPC, "No space left on device")
        except OSError as exc:
            raise BundleWriteError("The bundle could not be saved (the disk is full).") from exc

    server, received = _small_intake()
    try:
        config = fakechecks.config(
            support={"kind": "intake", "url": f"http://127.0.0.1:{server.server_port}", "retry_now": 0},
            branding={"company": "Acme IT", "support_contact": "01 23 45 67 89"},
        )
        window = make_window(fakechecks.FailCheck, config=config)
        if lang == "fr":
            window.set_language("fr")
        run_scan(qtbot, window)
        dialog = _to_review(qtbot, window)
        monkeypatch.setattr(support, "write", full_disk)
        dialog.send_button.click()
        qtbot.waitUntil(lambda: dialog.stack.currentIndex() == SupportDialog.DONE, timeout=20000)
    finally:
        server.shutdown()
        server.server_close()
    text = label_words(dialog.done_text)
    assert dialog.done_title.text() == _("Not sent") and received == []
    assert text.startswith(_("Your message could not be kept on this computer to be sent: there is no room left on it. Nothing was sent.")), text
    assert (
        _("This program will not try again by itself, so call {who}: {how}").format(
            who="Acme IT", how=_("phone {number}").format(number="01\u00a023\u00a045\u00a067\u00a089")
        )
        in text
    )
    for untrue in ("Nothing is lost", "Rien n’est perdu", "stays on this computer", "reste sur cet ordinateur"):
        assert untrue not in text, text
    assert not dialog.reference.isVisibleTo(dialog) and not dialog.reference_hint.isVisibleTo(dialog)  # no number: nothing kept under one
    dialog.close()


def test_the_review_says_how_it_connects_from_what_the_link_check_found(qtbot, make_window):
    """Review finding (c): the review guessed cable or Wi-Fi from the adapters' names (a German Windows calls its Wi-Fi
    "WLAN", a French one its cable « Connexion au réseau local »). It now says what network.link found, as sent."""
    from selfcheck.checks.network_link import LinkCheck

    class RecordedLink(LinkCheck):  # a French Windows on a cable (the adapter's local name), Wi-Fi switched off
        def collect(self, ctx):
            def adapter(name, up, ipv4, wireless):
                return {
                    "name": name,
                    "up": up,
                    "loopback": False,
                    "virtual": False,
                    "wireless": wireless,
                    "ipv4": ipv4,
                    "ipv4_self_assigned": [],
                    "ipv6_global": [],
                }

            return {"interfaces": [adapter("Connexion au réseau local", True, ["192.168.1.21"], False), adapter("Wi-Fi", False, [], False)], "wifi": []}

    from selfcheck.checks.network_internet import InternetCheck

    recorded = Path(__file__).resolve().parents[1] / "fixtures" / "checks" / "network.internet"

    def internet(case: str) -> type:
        class RecordedInternet(InternetCheck):  # the network lab's recorded facts: the line beyond the box up, or down
            depends_on = ()

            def collect(self, ctx):
                return json.loads((recorded / f"{case}.json").read_text(encoding="utf-8"))["facts"]

        return RecordedInternet

    for case, said in (("lab_line_works", "marchait"), ("lab_line_down", "ne marchait pas")):
        window = make_window(fakechecks.PassCheck, RecordedLink, internet(case))
        window.set_language("fr")
        run_scan(qtbot, window)
        dialog = _to_review(qtbot, window)
        assert "facts/network.link.json" in dialog.planned.files
        assert dialog.select("group", "computer")
        # send round 27: « box » (« de loin seulement »), "internet box" ("not sure what the 'internet box' is"): the cable only
        # review: an address from the box is not the internet: "oui" only where something on the internet answered
        plain = dialog.overview.text()  # the lines read first (every line of the part is in the box under them)
        assert plain.endswith(f"Internet\u00a0: {said} quand l’ordinateur a été vérifié") and "box" not in plain
        dialog.close()
    # the internet not checked: not said either way
    window = make_window(fakechecks.PassCheck, RecordedLink)
    run_scan(qtbot, window)
    dialog = _to_review(qtbot, window)
    assert dialog.select("group", "computer")
    assert "Internet: " not in dialog.overview.text()
    dialog.close()


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_not_sent_yet_names_no_start_menu_even_in_the_installed_windows_app(qtbot, make_window, monkeypatch, lang):
    """Send round 24: "from the Start menu" / « menu Démarrer » (where?), « rouvrirez le programme » (comment ?): the
    installed Windows app, too, says only that the message goes by itself, with no place to find the program."""
    import types

    from selfcheck import api, buildinfo
    from selfcheck.i18n import _

    window = make_window(fakechecks.FailCheck)
    if lang == "fr":
        window.set_language("fr")
    run_scan(qtbot, window)
    dialog = _to_review(qtbot, window)
    installed = types.SimpleNamespace(platform="win32", frozen=True)
    monkeypatch.setattr(api, "sys", installed)
    monkeypatch.setattr(buildinfo, "sys", installed)
    dialog.show_outcome("queued", _("Not sent yet"), "", "P4G-X7A-9TE", offline=True)
    text = label_words(dialog.done_text)
    assert ("menu Démarrer" if lang == "fr" else "Start menu") not in text, text
    if lang == "fr":
        assert (
            "rouvrirez" not in text
            and "Vous pouvez cliquer sur «\u00a0Fermer\u00a0»\u00a0: votre message partira quand même tout seul dès qu’internet remarchera" in text
        ), text
    else:
        assert (
            "You can click “Close”: your message still goes by itself once the internet works again, and the program tells you with a message on your screen when it is sent."
            in text
        ), text


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_review_gives_one_short_hint_that_says_which_side_without_holds(qtbot, make_window, lang):
    """Send round 25 (en r24, r25): "Click a line to see exactly what it holds.": "what does “holds” mean, a line on the left
    or the right?": nothing chosen, one hint, which side. Round 26 (en, fr): a clicked part's hint, "To see this part exactly
    as it will be sent, click a line under its name, on the left." / « … cliquez sur une ligne sous son nom, à gauche »: "I
    thought I had just done that", « je ne sais pas quelle ligne »: a chosen part has no hint, its "See this part in full"
    link opens the rest where it is."""
    window = make_window(fakechecks.FailCheck)
    if lang == "fr":
        window.set_language("fr")
    run_scan(qtbot, window)
    dialog = _to_review(qtbot, window)
    # send round 27 (fr): « Pour voir une partie, cliquez sur sa ligne à gauche »: « Est-ce que je dois cliquer sur chaque ligne
    # avant d'envoyer ? »: looking is optional, said first
    before = {
        # send rounds 30-31 (en): "I didn't see how I'd leave a part out", "Can I leave parts out?": the same click
        # send rounds 41-50: "To leave one out, click its line: “Take this part out” then shows below the list…": "I had to read
        # that twice" (en), « le même geste pour voir et pour retirer » (fr): what a tick means
        # send round 52: "Some ticks are grey and I can't tell if I'm allowed to untick those"; « décochez-la » (« je devine
        # qu'il faut enlever la coche »): what grey means, in the readers' words
        # send round 53, small-screen round 5: "I can't tell grey ticks from black ones": a padlock, and what it means
        # small-screen rounds 6-10: five of ten readers read the padlock as "private or locked away": the lines say "Always
        # sent" themselves, and the hint no longer speaks of them
        # send round 54: "untick" (en), « enlevez sa coche » (« j'ai compris après un moment »): the click itself
        # send rounds 55, 56, 58 (en): "“To keep a part back” took me a second … it means not sending that part": said so, as
        # the French says it (« Pour ne pas envoyer une partie »)
        "en": "Parts with a tick, and those marked “Always sent”, are sent. To leave a part out, click the small square beside its name to take the tick away.",
        # send round 29 (fr): « Vous pouvez envoyer sans regarder les parties »: « je comprends à peu près »: said plainly
        "fr": "Les parties avec une coche, et celles marquées «\u00a0Toujours envoyé\u00a0», sont envoyées. Pour ne pas envoyer une partie, cliquez sur sa case pour enlever la coche.",
    }[lang]
    assert dialog.group_info.text() == before and dialog.send_button.isEnabled()
    assert dialog.select("group", "computer")
    shown = dialog.overview.text()
    assert "<i>" not in shown, shown
    assert ("cliquez sur une ligne" if lang == "fr" else "click a line") not in shown, shown
    assert "holds" not in shown and "Voici ce qu" not in shown, shown
    # send round 32: the count ("Show 688 more lines of this part") was quoted and feared in both languages (« Pourquoi 688
    # lignes alors qu'il n'y a que trois renseignements ? »): no number; round 29's words, which no French reader quoted
    n = len(review.plain_lines(dialog.planned.files["system.json"].decode(), limit=10**6, path="system.json")[0])
    # send rounds 81-90 (en): the fold ("Show the rest of what this part sends…": "Why are they hidden?"): none; the n lines at
    # once, under their heading, after the plain lines
    # send round 91 (en, fr: « c'est du charabia pour moi »): who the lines are for; send rounds 91-95: closed, one click away
    heading = {
        "en": "The exact text support receives:",
        "fr": "Le texte technique que reçoit l’assistance\u00a0:",
    }[lang]
    assert n > 1 and "<a " not in shown and html.escape(heading) not in shown, shown
    assert str(n) not in heading and str(n) not in dialog.details_toggle.text()
    # send rounds 99-100 (en "I don't know what clicking that little arrow would show me", fr « je n'ai pas vu tout de suite
    # qu'il fallait cliquer sur le petit triangle gris »): drawn as something to click, in the window's link colour
    # (its words were grey before), underlined
    from PySide6.QtGui import QPalette

    toggle = dialog.details_toggle
    toggle.ensurePolished()
    words = toggle.palette().color(QPalette.ColorRole.ButtonText)
    assert words.hsvSaturation() > 120 and toggle.font().underline(), (words.name(), toggle.font().underline())
    assert ("Genre d’ordinateur" if lang == "fr" else "Kind of computer: ") in shown, shown
    dialog.details_toggle.click()
    assert dialog.details_heading.text() == f"<b>{html.escape(heading)}</b>"
    added = dialog.part_details.toPlainText().split("\n")
    assert dialog.part_details.isVisibleTo(dialog) and len(added) == n, added[-3:]
    dialog.close()


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_computer_part_whose_tick_is_taken_away_says_its_lines_are_not_sent(qtbot, make_window, lang):
    """Review of send round 92: with the computer part's tick taken away, its box still stood under "Everything this part sends,
    in detail" (and a screen reader named the box so), though nothing of it was going. Its lines stay in sight, under words
    that say the part is not sent; ticked again, it says it sends them."""
    window = make_window(fakechecks.FailCheck)
    if lang == "fr":
        window.set_language("fr")
    run_scan(qtbot, window)
    dialog = _to_review(qtbot, window)
    sends, not_sent = {
        "en": (
            "The exact text support receives:",
            "This part is not sent, as you took its tick away. Here is the exact text support would receive:",
        ),
        "fr": (
            "Le texte technique que reçoit l’assistance\u00a0:",
            "Cette partie n’est pas envoyée, car vous avez enlevé sa coche. Voici le texte technique que l’assistance recevrait\u00a0:",
        ),
    }[lang]
    assert dialog.select("group", "computer")
    dialog.file_tree.currentItem().setCheckState(0, Qt.CheckState.Unchecked)
    assert "system.json" not in dialog.planned.files
    assert dialog.select("group", "computer")
    dialog.details_toggle.click()
    shown = dialog.details_heading.text()
    assert shown == f"<b>{html.escape(not_sent)}</b>", shown
    assert dialog.part_details.isVisibleTo(dialog) and dialog.part_details.accessibleName() == not_sent
    assert ("Processeur\u00a0:" if lang == "fr" else "Processor:") in shown_text(dialog.part_details)  # what it would send, still in sight
    dialog.file_tree.currentItem().setCheckState(0, Qt.CheckState.Checked)  # the box stays open while its tick changes
    assert "system.json" in dialog.planned.files and dialog.part_details.isVisibleTo(dialog)
    assert dialog.details_heading.text() == f"<b>{html.escape(sends)}</b>" and dialog.part_details.accessibleName() == sends
    dialog.close()


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_computer_parts_exact_details_are_closed_when_it_is_opened_and_a_click_shows_every_line_sent(qtbot, make_window, lang):
    """Send rounds 91-95 (en, fr): nearly every word the readers still quoted came from the box of every line the computer
    part sends, shown at once under its plain lines ("build 22631", "threads", "cores", "Intel64 Family 6 Model 69 Stepping 1",
    "swap", "Switched on at …": "It felt like being watched"), though its heading said they could skip it; round 27 of the
    small-screen test: "(you do not need to read it)" made both readers suspicious. As desktop programs keep their technical
    details ("View technical details", "Show Details"): opened, the part shows its words and plain lines and, closed under
    them, a button that says what it shows; a click (or Space on it) shows the box, under a heading that says what it is
    and for whom, holding exactly the lines of the part as sent; opened again, the part's box is closed again. Send rounds
    96-97 (en, fr): "Show the exact details sent": "I don't know what more it would show, and I wouldn't click it", « Je ne
    vois pas ce qu'il y aurait de plus, ni si je dois cliquer dessus »: the button says it is the same, in the technical words
    support reads (so there is no need to open it); closing it says the same words."""
    window = make_window(fakechecks.FailCheck)
    if lang == "fr":
        window.set_language("fr")
    run_scan(qtbot, window)
    dialog = _to_review(qtbot, window)
    show, hide, heading = {
        "en": (
            "More details",
            "Hide these lines again",
            "The exact text support receives:",
        ),
        "fr": (
            "Plus de détails",
            "Cacher de nouveau ces lignes",
            "Le texte technique que reçoit l’assistance\u00a0:",
        ),
    }[lang]
    assert dialog.select("group", "computer")
    box = dialog.part_details
    assert not box.isVisibleTo(dialog)  # none of its lines in sight before they are asked for
    toggle = dialog.details_toggle
    # what the part holds and what leaving it out costs, still said first, then its plain lines
    group = next(g for g in dialog.groups if g.key == "computer")
    assert dialog.group_info.text().split("\n") == [group.title, group.holds, group.cost]
    assert ("Genre d’ordinateur" if lang == "fr" else "Kind of computer: ") in dialog.overview.text()
    # closed: a button with words, reached with Tab, named by its words; none of the lines in sight
    assert toggle.isVisibleTo(dialog) and not box.isVisibleTo(dialog) and not dialog.details_heading.isVisibleTo(dialog)
    assert toggle.text() == toggle.accessibleName() == show and toggle.focusPolicy() & Qt.FocusPolicy.TabFocus
    assert QAccessible.queryAccessibleInterface(toggle).text(QAccessible.Text.Name) == show
    every = review.plain_lines(dialog.planned.files["system.json"].decode(), limit=10**6, path="system.json")[0]
    assert not any(line in dialog.overview.text() for line in every if "Processor" in line or "Processeur" in line)
    # a click opens it: the heading, what it is and for whom (not that it may be skipped), over exactly the lines sent
    qtbot.mouseClick(toggle, Qt.MouseButton.LeftButton)
    assert box.isVisibleTo(dialog) and dialog.details_heading.isVisibleTo(dialog)
    assert dialog.details_heading.text() == f"<b>{html.escape(heading)}</b>" and box.accessibleName() == heading
    assert not any(w in heading for w in ("skip", "need", "passer", "besoin"))
    assert shown_text(box) == "\n".join(every) and len(every) > 25
    assert toggle.text() == toggle.accessibleName() == hide
    # the keyboard closes and opens it as the click does
    qtbot.keyClick(toggle, Qt.Key.Key_Space)
    assert not box.isVisibleTo(dialog) and toggle.text() == show
    qtbot.keyClick(toggle, Qt.Key.Key_Space)
    assert box.isVisibleTo(dialog)
    # another part has no such box; back on this one, it is closed again
    assert dialog.select("group", "results") and not toggle.isVisibleTo(dialog) and not box.isVisibleTo(dialog)
    assert dialog.select("group", "computer") and toggle.isVisibleTo(dialog) and not box.isVisibleTo(dialog) and toggle.text() == show
    dialog.close()


def test_the_computer_parts_box_of_every_line_is_walked_and_selected_with_the_keyboard(qtbot, make_window):
    """Accessibility review of the box under the computer part's plain lines: keyboard users could scroll it, but its text
    took mouse selection only, so a screen reader could not move through it line by line. Read-only, it has a caret that the
    arrows move and Shift extends, and it is named as its heading says."""
    window = make_window(fakechecks.FailCheck)
    run_scan(qtbot, window)
    dialog = _to_review(qtbot, window)
    assert dialog.select("group", "computer")
    dialog.details_toggle.click()
    box = dialog.part_details
    assert box.isVisibleTo(dialog) and box.isReadOnly() and box.focusPolicy() & Qt.FocusPolicy.TabFocus
    flags = box.textInteractionFlags()
    assert flags & Qt.TextInteractionFlag.TextSelectableByKeyboard and flags & Qt.TextInteractionFlag.TextSelectableByMouse
    assert box.accessibleName() == "The exact text support receives:"
    lines = box.toPlainText().split("\n")
    box.setFocus()
    qtbot.keyClick(box, Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)
    assert box.textCursor().blockNumber() == 0
    qtbot.keyClick(box, Qt.Key.Key_Down)
    assert box.textCursor().blockNumber() == 1 and not box.textCursor().hasSelection()  # the caret on the next line
    qtbot.keyClick(box, Qt.Key.Key_Home)
    qtbot.keyClick(box, Qt.Key.Key_End, Qt.KeyboardModifier.ShiftModifier)
    assert box.textCursor().selectedText() == lines[1]  # the line, selected by keyboard, to copy or read out
    qtbot.keyClick(box, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    assert box.toPlainText() == "\n".join(lines)  # still read-only: a key changes nothing
    qtbot.keyClick(box, Qt.Key.Key_X)
    assert box.toPlainText() == "\n".join(lines)
    dialog.close()


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("kind", ["offline", "busy"])
def test_not_sent_yet_offers_no_email_when_this_computer_has_no_internet(qtbot, make_window, monkeypatch, lang, kind):
    """Send round 23: "Not sent yet" (the internet was down) offered "Write an e-mail to Clearline Help": "with no internet?
    That can't work today" (en), « le lien « Écrire un e-mail » ne peut pas marcher sans internet » (fr). Offline, the screen
    offers the phone only; when support's service was busy, this computer's internet works and the e-mail stays."""
    from selfcheck.i18n import _
    from selfcheck.upload.destinations import AttemptError

    branding = {"support_email": "help@acme.example", "support_contact": "01 23 45 67 89"}
    dialog = _not_sent_yet(qtbot, make_window, monkeypatch, lang, AttemptError(kind), branding)  # nothing leaves this machine
    window = dialog.parent()  # the main window it was opened from
    text = label_words(dialog.done_text)
    assert dialog.done_title.text() == _("Not sent yet"), text
    urgent = _("If it is urgent, call {who} and tell them your message has not been sent yet: {how}")
    assert urgent.format(who="Acme IT", how=_("phone {number}").format(number="01\u00a023\u00a045\u00a067\u00a089")) in text, text  # the phone stays
    # send rounds 96-97 (en, fr): "once your message has arrived, support finds it with this number": "does that mean the number
    # is no use if I phone before it has arrived?", « Si j'appelle avant qu'il soit arrivé, est-ce qu'ils sauront quoi faire avec
    # ce numéro ? »: the call says the message has not been sent yet, and the number is theirs to give when they call or write
    said = {
        "en": (
            "If it is urgent, call Acme IT and tell them your message has not been sent yet: phone 01\u00a023\u00a045\u00a067\u00a089",
            "This is your message number, to give when you call or write to support:",
        ),
        "fr": (
            "Si c’est urgent, appelez Acme IT et dites-leur que votre message n’est pas encore parti\u00a0: téléphone 01\u00a023\u00a045\u00a067\u00a089",
            "Voici votre numéro de dossier, à donner quand vous appelez l’assistance ou lui écrivez\u00a0:",
        ),
    }[lang]
    assert all(line in text.splitlines() for line in said) and text.splitlines()[-1] == said[1], text
    assert "arrive" not in text and "arrivé" not in text, text
    # send round 24: no Start menu: it goes by itself, once the internet works again when that was the trouble
    # send round 25: "Do I have to leave it open? If I click Close, will it still go?" (en): they can click "Close", and
    # closing the program too only waits until it is open again (true to the outbox)
    went = {
        "offline": _(
            "You can click “Close”, and even switch the computer off: once it is on again and the internet works, your message goes by itself, and a message on your screen tells you when it is sent."
        ),
        "busy": _(
            "You can click “Close”, and even switch the computer off: once it is on again, your message goes by itself as soon as it can, and a message on your screen tells you when it is sent."
        ),
    }
    assert went[kind] in text and "while this program is open" not in text and "pendant que ce programme est ouvert" not in text, text
    # send rounds 26-27: "If you close this program too, it goes the next time the program is open.": "the difference between
    # clicking 'Close' and closing the program?", « comment on l'ouvre moi-même ? »: one closing, and the program does stay open
    # send round 28 (fr): « je clique sur « Fermer » et pourtant il reste ouvert ? »: "stays open" said of no window
    assert not any(w in text for w in ("close this program", "fermez aussi ce programme", "the program stays open", "le programme reste ouvert")), text
    # send round 28: "When it has gone, the program says so at the top of its window.": "What has gone, my message or the
    # internet?"; send round 29 (en, fr; rounds 26-29): "The window behind stays open" / « La fenêtre derrière lui reste
    # ouverte »: "which window? I only see this one"; "a line at the top of that window says so": "where do I look?": no
    # window named: "Close" closes this message, not the program, which sends it and tells them when it is sent
    # send round 30 (en): "it closes this message only, not the program": "Aren't they the same thing? What's left open
    # afterwards?": no contrast between message and program; rounds 25-26's "If I click Close, will it still go?" answered
    closes = {
        "en": "You can click “Close”, and even switch the computer off: once it is on again",
        "fr": "Vous pouvez cliquer sur «\u00a0Fermer\u00a0», et même éteindre l’ordinateur\u00a0: une fois rallumé, votre message partira tout seul",
    }
    told = {
        "en": ", and a message on your screen tells you when it is sent.",
        "fr": ", et un message à l’écran vous préviendra quand ce sera fait.",
    }
    assert closes[lang] in text and told[lang] in text, text
    assert not any(w in text for w in ("this message only", "not the program", "seulement ce message", "pas le programme")), text
    assert not any(w in text.lower() for w in ("window", "fenêtre", "line at the top", "ligne en haut")), text
    # send round 28 (en, fr): "I'd worry about whether I may switch the computer off", « est-ce qu'il faut le laisser allumé ? »:
    # they may; the outbox keeps it and sends it once this program is open again (below: at its start)
    # send round 29 (fr): « la prochaine fois que ce programme sera ouvert »: « je ne sais pas si c'est à moi de l'ouvrir […]
    # j'ai peur que mon message reste bloqué »: nothing is lost, it waits here, and it is they who open the program
    # send rounds 76-85 (en, fr): "does it go by itself, or do I have to open the program? It says both": by itself, after a
    # restart too (the at-login entry), once the internet works when that was the trouble
    # send rounds 89-90 (en): the screen said "Nothing is lost" twice and was long: switching off is in the "Close" sentence
    # (closes, above), and nothing is lost is said once
    assert text.lower().count("rien n’est perdu" if lang == "fr" else "nothing is lost") == 1, text
    assert "open this program" not in text and "ouvrirez ce programme" not in text, text
    from selfcheck.upload.send import SendOutcome

    window._outbox_flushed([SendOutcome("sent", dialog.reference.text(), "Sent.")])
    assert window.notice.isVisibleTo(window) and window.notice.geometry().bottom() <= window.stack.geometry().top()
    assert dialog.reference.text() in window.notice.text.text()
    if kind == "offline":
        assert "help@acme.example" not in text, text
        # send round 28 (fr): « Internet » and « internet » on one screen: lower case mid-sentence, as the catalogue writes it
        assert "Internet" not in text.replace(". Internet", ""), text
        assert "<a " not in dialog.done_text.text() and not dialog.copy_button.isVisibleTo(dialog)
    else:
        assert '<a href="mailto:help@acme.example?' in dialog.done_text.text() and "help@acme.example" in text, text
    assert dialog.reference.text() and dialog.reference.isVisibleTo(dialog)  # the number to give on the phone
    dialog.close_button.click()
    assert not dialog.isVisible() and window.isVisible()  # "You can click “Close”: your message still goes by itself"
    assert dialog.parent() is window and window.notice.isVisibleTo(window)  # "and tells you when it is sent"
    dialog.close()
    # "your message waits on this computer and goes the next time you open this program": the outbox on disk, sent at start
    from selfcheck.upload.outbox import Outbox

    assert [e.reference for e in Outbox().entries()] == [dialog.reference.text()]


def _not_sent_yet(qtbot, make_window, monkeypatch, lang, error, branding, **support):
    """The "Not sent yet" screen's text after ``error`` stopped the attempt (nothing leaves this machine)."""
    from selfcheck.upload import send as upload_send

    def no_way(entry, config, progress, cancel):
        raise error

    monkeypatch.setattr(upload_send, "_attempt", no_way)
    config = fakechecks.config(
        support={"kind": "intake", "url": "https://127.0.0.1:9/", "retry_now": 0, **support}, branding={"company": "Acme IT", **branding}
    )
    window = make_window(fakechecks.FailCheck, config=config)
    if lang == "fr":
        window.set_language("fr")
    run_scan(qtbot, window)
    dialog = _to_review(qtbot, window)
    dialog.send_button.click()
    qtbot.waitUntil(lambda: dialog.stack.currentIndex() == SupportDialog.DONE, timeout=20000)
    return dialog


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_not_sent_yet_says_to_open_the_program_after_a_restart_only_without_the_at_login_sending(qtbot, make_window, monkeypatch, lang):
    """Send rounds 76-85: "goes by itself" is said of a restart only where the at-login entry was really added; a company
    that turns it off (``support.send_at_login = false``) keeps the sentence that is true there: open the program."""
    from selfcheck.i18n import _
    from selfcheck.upload import atlogin
    from selfcheck.upload.destinations import AttemptError

    dialog = _not_sent_yet(qtbot, make_window, monkeypatch, lang, AttemptError("offline"), {}, send_at_login=False)
    text = label_words(dialog.done_text)
    assert not atlogin.is_installed()
    old = {
        "en": "Once the computer is on again, open this program and your message goes.",
        "fr": "partira la prochaine fois que vous ouvrirez ce programme.",
    }
    assert old[lang] in text, text
    assert (
        _(
            "You can click “Close”, and even switch the computer off: once it is on again and the internet works, your message goes by itself, and a message on your screen tells you when it is sent."
        )
        not in text
    ), text
    assert ("et même éteindre" if lang == "fr" else "even switch the computer off") not in text, text
    assert "partira tout seul une fois l’ordinateur rallumé" not in text and "goes by itself once the computer is on again" not in text, text


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_not_sent_yet_does_not_say_no_internet_when_the_error_does_not_show_it(qtbot, make_window, monkeypatch, lang):
    """Review (issue 21 item 8): a connection error nothing could place (support's side, anything else) was "offline": the
    screen said "This computer is not connected to the internet right now", "once the internet works again", and hid
    the e-mail. It is worded as a refusal or a timeout is: it could not get through, it goes by itself, the e-mail stays."""
    import requests

    from selfcheck.i18n import _
    from selfcheck.upload.destinations import network_error

    unplaced = network_error(requests.ConnectionError("connection failed"))
    dialog = _not_sent_yet(qtbot, make_window, monkeypatch, lang, unplaced, {"support_email": "help@acme.example", "support_contact": "01 23 45 67 89"})
    text = label_words(dialog.done_text)
    assert dialog.done_title.text() == _("Not sent yet"), text
    assert text.startswith(_("Your message could not get through just now.")), text
    assert ("internet" not in text) and _("This computer is not connected to the internet right now.") not in text, text
    assert (
        _(
            "You can click “Close”, and even switch the computer off: once it is on again, your message goes by itself as soon as it can, and a message on your screen tells you when it is sent."
        )
        in text
    )
    assert '<a href="mailto:help@acme.example?' in dialog.done_text.text() and "help@acme.example" in text, text
    dialog.close()


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("phone", ["01 23 45 67 89", ""])
def test_not_sent_yet_when_support_s_address_is_not_found_says_it_is_tried_again_and_when_to_call(qtbot, make_window, monkeypatch, lang, phone):
    """Review of 74b4ba8: support's name not found while the internet works was "The address this program uses to reach
    {who} seems to be wrong" on the Not-sent screen, never tried again: false for a name known only inside the company
    network (its VPN off), where it goes once the computer is on it. "Not sent yet": what is true in both cases, in plain
    words, that it is tried again by itself, and when to call (a mistyped address never goes until support corrects it)."""
    from selfcheck import plainwords
    from selfcheck.i18n import _
    from selfcheck.upload.destinations import AttemptError

    error = AttemptError("wrong_address", "support.acme.example", retry_after=3600)
    dialog = _not_sent_yet(qtbot, make_window, monkeypatch, lang, error, {"support_contact": phone} if phone else {})
    text = label_words(dialog.done_text)
    assert dialog.done_title.text() == _("Not sent yet"), text
    words = _("This program could not find {who}'s address, though this computer is connected to the internet. This is not your fault.").format(who="Acme IT")
    waits = _("Nothing is lost: your message waits on this computer and is tried again by itself.")
    assert text.startswith(words + " " + waits), text
    call = (
        _("If it has not gone by tomorrow, call {who}: {how}").format(who="Acme IT", how=_("phone {number}").format(number=phone.replace(" ", "\u00a0")))
        if phone
        else _("If it has not gone by tomorrow, call {who}.").format(who="Acme IT")
    )
    assert call in text.splitlines(), text
    assert _("If it is urgent, call {who} and tell them your message has not been sent yet: {how}").split("{")[0] not in text, text
    assert "support.acme.example" not in text, text
    for line in (words, waits, _("If it has not gone by tomorrow, call {who}.").format(who="Acme IT")):
        assert plainwords.problems(line) == [], line
    dialog.close()


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_not_sent_yet_through_a_proxy_that_cannot_be_reached_says_so_not_support_refused(qtbot, make_window, monkeypatch, lang):
    """Issue 21: a proxy (here a real one on a closed loopback port) that did not let the message through was "refused"
    ("The support server refused the connection") or "could not get through": support blamed for this computer's own
    relay. The screen says it was the server this computer goes through, without the word "proxy"; it goes by itself
    once it can and the e-mail stays offered."""
    import requests

    from selfcheck import plainwords
    from selfcheck.i18n import _
    from selfcheck.upload.destinations import network_error
    from sendkit import free_port

    http = requests.Session()
    http.trust_env = False
    with pytest.raises(requests.exceptions.ProxyError) as real:
        http.get("https://support.lab.example/v1/bundles/x", proxies={"https": f"http://127.0.0.1:{free_port()}"}, timeout=3)
    error = network_error(real.value)
    dialog = _not_sent_yet(qtbot, make_window, monkeypatch, lang, error, {"support_email": "help@acme.example", "support_contact": "01 23 45 67 89"})
    text = label_words(dialog.done_text)
    assert dialog.done_title.text() == _("Not sent yet"), text
    proxy = _(
        "This computer is set to go through another server to reach the internet (often set by a company or a security program), and that server did not let your message through."
    )
    assert text.startswith(proxy), text
    assert _("Your message could not get through just now.") not in text and "prox" not in text.lower(), text
    assert plainwords.problems(proxy) == [], proxy
    assert (
        _(
            "You can click “Close”, and even switch the computer off: once it is on again, your message goes by itself as soon as it can, and a message on your screen tells you when it is sent."
        )
        in text
    )
    assert '<a href="mailto:help@acme.example?' in dialog.done_text.text() and "help@acme.example" in text, text
    dialog.close()


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_offline_the_phone_stays_when_the_contact_also_holds_an_address(qtbot, make_window, monkeypatch, lang):
    """Review (issue 21 item 8): offline, every way to reach support with an "@" in it was dropped: a support_contact
    giving a phone number and an address lost the phone too, and the screen had no one to call. Only support's e-mail
    address (support_email) is left out; the contact line, phone and all, stays."""
    from selfcheck.i18n import _
    from selfcheck.upload.destinations import AttemptError

    contact = "01 23 45 67 89 (help@acme.example)"
    dialog = _not_sent_yet(qtbot, make_window, monkeypatch, lang, AttemptError("offline"), {"support_email": "help@acme.example", "support_contact": contact})
    text = label_words(dialog.done_text)
    assert _("This computer is not connected to the internet right now.") in text, text
    how = contact.replace("01 23 45 67 89", "01\u00a023\u00a045\u00a067\u00a089")  # the number on one line
    assert _("If it is urgent, call {who} and tell them your message has not been sent yet: {how}").format(who="Acme IT", how=how) in text, text
    assert _("or write to them by e-mail: {address}").format(address="help@acme.example") not in text, text
    assert "<a " not in dialog.done_text.text() and not dialog.copy_button.isVisibleTo(dialog)
    dialog.close()


def test_the_window_grows_for_the_review_where_the_screen_has_room_and_never_shrinks(qtbot, make_window):
    # send round 58 (fr): the review, filled only once the message is planned, scrolled in the first page's height, its
    # last line under the "More below" cue (« la dernière phrase est coupée, cachée derrière « Suite plus bas » »)
    window = make_window(fakechecks.FailCheck)
    window.set_language("fr")
    run_scan(qtbot, window)
    dialog = window.contact_support()
    room = dialog.screen().availableGeometry().height()
    dialog.resize(dialog.width(), 380)  # a first page shorter than the review needs
    dialog.what.setPlainText("Les e-mails n'arrivent plus.")
    dialog.email.setText("ann@example.org")
    dialog.next_button.click()
    qtbot.waitUntil(lambda: dialog.stack.currentIndex() == SupportDialog.REVIEW, timeout=10000)
    assert 380 < dialog.height() <= room, (dialog.height(), room)
    # the person's own size is kept when it is already tall enough
    dialog.resize(dialog.width(), room - 10)
    dialog.grow_to_fit()
    assert dialog.height() == room - 10
    dialog.reject()
    with qtbot.waitSignal(window.scan_shown, timeout=10000):  # the results shown again in English before the window goes
        window.set_language("en")


def test_a_window_low_on_the_screen_grown_for_the_review_keeps_its_buttons_on_the_screen(qtbot, make_window):
    # review of cef3d76: the dialog grew downwards from where it was, its Back and Send row below the screen's bottom edge
    window = make_window(fakechecks.FailCheck)
    window.set_language("fr")
    run_scan(qtbot, window)
    dialog = window.contact_support()
    room = dialog.screen().availableGeometry()
    dialog.resize(dialog.width(), 380)  # a first page shorter than the review needs
    dialog.move(dialog.x(), room.bottom() - 400)  # low on the screen
    qtbot.waitUntil(lambda: dialog.frameGeometry().bottom() <= room.bottom() and dialog.y() > room.top() + 100)
    dialog.what.setPlainText("Les e-mails n'arrivent plus.")
    dialog.next_button.click()
    qtbot.waitUntil(lambda: dialog.stack.currentIndex() == SupportDialog.REVIEW, timeout=10000)
    qtbot.wait(50)  # grown again once the explanations are laid out
    assert dialog.height() > 380  # it grew
    assert room.top() <= dialog.frameGeometry().top() and dialog.frameGeometry().bottom() <= room.bottom(), (dialog.frameGeometry(), room)
    assert dialog.send_button.mapToGlobal(dialog.send_button.rect().bottomLeft()).y() <= room.bottom()  # Send in sight
    dialog.reject()
    with qtbot.waitSignal(window.scan_shown, timeout=10000):  # the results shown again in English before the window goes
        window.set_language("en")


def test_saving_only_the_review_says_nothing_of_a_name_and_e_mail_the_file_does_not_hold(qtbot, make_window, monkeypatch, tmp_path):
    # review: without an upload the name and e-mail boxes are not on the form, yet the remembered ones were shown on a
    # padlocked line ("Change them on the previous page") and as "They will answer at: …"; the saved file holds neither
    from selfcheck.gui.settings import remember_contact

    remember_contact("ann@example.org", "Ann")
    monkeypatch.setattr(support, "can_send", lambda: False)
    window = make_window(fakechecks.PassCheck, fakechecks.FailCheck)
    run_scan(qtbot, window)
    dialog = window.contact_support()
    assert not dialog.email.isVisibleTo(dialog) and not dialog.name.isVisibleTo(dialog)  # not on the form
    dialog.what.setPlainText("Websites do not open.")
    dialog.next_button.click()
    qtbot.waitUntil(lambda: dialog.stack.currentIndex() == SupportDialog.REVIEW, timeout=10000)
    assert dialog.save_button.isVisibleTo(dialog) and not dialog.send_button.isVisibleTo(dialog)
    lines = [dialog.file_tree.topLevelItem(i).text(0) for i in range(dialog.file_tree.topLevelItemCount())]
    assert not any("e-mail" in line or "previous page" in line for line in lines), lines
    assert not dialog.select("contact", "")
    overview = dialog.overview.text()
    assert "They will answer at" not in overview and "Your name and e-mail" not in overview and "ann@example.org" not in overview, overview
    assert "No e-mail address given" not in overview  # no one answers a saved file by e-mail either way
    assert all(g.title in overview for g in dialog.groups)  # the parts are still told
    # true to the file: neither is in what is saved
    assert not any(b"ann@example.org" in data for data in dialog.planned.files.values())
    dialog.close()


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_screen_reader_hears_each_box_s_example(qtbot, make_window, lang):
    # review: Qt read a box's grey example words as its description; since they went (a215aaa, fd26546) the examples, the
    # company's own too, reached screen-reader users nowhere: each box's accessible description carries its example
    from selfcheck.i18n import _
    from selfcheck.upload.request import SupportRequest

    window = make_window(fakechecks.PassCheck, fakechecks.FailCheck)
    window.set_language(lang)
    scan = run_scan(qtbot, window)
    scan.symptom = "internet"
    dialog = window.contact_support()
    what = {
        "en": "For example: websites do not open, but e-mail still works",
        "fr": "Par exemple\u00a0: les sites web ne s’ouvrent pas, mais les e-mails fonctionnent encore",
    }
    changed = {
        "en": "For example: an update, a new internet box, a new program",
        "fr": "Par exemple\u00a0: une mise à jour, un nouveau programme, une nouvelle box internet (l’appareil avec des petites lumières)",
    }
    assert dialog.what.accessibleDescription() == what[lang]
    assert dialog.changed.accessibleDescription() == changed[lang]
    # the company's question: its example, in the language shown (the line under the question says the same)
    site = dialog.answer_widgets["site"]
    example = next(q.placeholder for q in dialog.questions if q.id == "site")
    assert example and site.accessibleDescription() == example
    assert ("Par exemple" if lang == "fr" else "For example") in example
    assert dialog.answer_widgets["where"].accessibleDescription() == ""  # a choice has no example
    dialog.close()
    asked = window.contact_support(request=SupportRequest(code="7K2QD-9XHMA", ticket="123", note=""))
    example = {"en": "For example: it got worse this morning", "fr": "Par exemple\u00a0: c’est pire depuis ce matin"}
    assert asked.what.accessibleDescription() == example[lang] and asked.what.accessibleName() == _("Anything to add? (if you wish)")
    asked.close()
    if lang != "en":
        with qtbot.waitSignal(window.scan_shown, timeout=10000):  # the results shown again in English before the window goes
            window.set_language("en")


def test_a_part_left_out_stays_out_after_back_and_next(qtbot, make_window):
    """Review 38c: "Back" to change the words, then "Next" again, made the message anew with every part ticked: a part the
    person had taken out (what kind of computer it is, the room left) went with it unless they noticed its tick was back."""
    window = make_window(fakechecks.PassCheck, fakechecks.FailCheck)
    run_scan(qtbot, window)
    dialog = _to_review(qtbot, window)
    _untick(dialog, "group", "computer")
    assert "system.json" not in dialog.planned.files
    dialog.stack.setCurrentIndex(SupportDialog.DESCRIBE)  # "Back"
    dialog.what.setPlainText("E-mail does not arrive, since this morning.")
    dialog.next_button.click()
    qtbot.waitUntil(lambda: dialog.stack.currentIndex() == SupportDialog.REVIEW, timeout=10000)
    assert "since this morning" in dialog.planned.files["description.txt"].decode()  # the new words
    assert "system.json" not in dialog.planned.files and "system.json" not in {f.name for f in dialog.files}
    assert _line(dialog, "group", "computer").checkState(0) == Qt.CheckState.Unchecked
    _line(dialog, "group", "computer").setCheckState(0, Qt.CheckState.Checked)  # and it can be put back
    assert "system.json" in dialog.planned.files
    dialog.close()
