"""Over time in the window: the "what changed" card under the verdict, and the
Record dialog (sample while the user makes the problem happen; to the customer it "watches", never "records").

The data come from :mod:`selfcheck.history` (this computer's own scans) or,
for a bundle opened by support staff, from the bundle's ``history.json`` and
``recording/recording.json`` (its chart drawn here, in the reader's language).
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QByteArray, Qt, QTimer
from PySide6.QtGui import QGuiApplication, QShowEvent
from PySide6.QtSvgWidgets import QSvgWidget
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from selfcheck.i18n import _

from .support_dialog import TITLE_BAR

log = logging.getLogger("selfcheck.gui")


def _label(text: str, name: str | None = None) -> QLabel:
    lab = QLabel(text)
    lab.setTextFormat(Qt.TextFormat.PlainText)
    lab.setWordWrap(True)
    lab.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if name:
        lab.setObjectName(name)
    return lab


def changes_for_scan(scan: Any, config: Any) -> list[dict[str, Any]]:
    """What changed since the last good scan, for each problem of ``scan`` (from this computer's history)."""
    from selfcheck.history import History, what_changed

    try:
        with History() as db:
            if db.count() < 2:
                return []
            return [w.to_dict() for w in what_changed(db, scan.to_dict(), config)]
    except Exception:  # the history is a help, never a reason for the window to fail
        log.exception("could not read the history")
        return []


class WhatChangedCard(QFrame):
    """For each problem: "This started between Tuesday 14:02 and Wednesday 09:15. Since then: …"."""

    def __init__(self, items: list[dict[str, Any]], titles: dict[str, str], timeline_svg: str | None = None, *, plain: bool = False) -> None:
        super().__init__()
        self.setObjectName("card")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.setSpacing(6)
        # the customer's title says what the card holds: "what changed since it last worked" above "nothing changed"
        # made a problem that can wait sound broken (lay readers, round 2); support keeps the precise title
        title = _("When this started") if plain else _("What changed since it last worked")
        heading = _label(title, "sectionTitle")
        layout.addWidget(heading)
        self.texts: list[str] = []
        from selfcheck.history.changes import describe_plain, describe_start

        for item in items:
            text = str(item.get("text") or "")
            if not text:
                continue
            title = titles.get(str(item.get("check_id")), str(item.get("check_id")))
            if plain:
                # the customer's own computer: dates as they say them, changes in their words
                sentence, changes = describe_plain(item)
                # one problem: it is the one told above; its check's title ("Processor:") was quoted as jargon (round 3)
                lead = sentence if len(items) == 1 else _("{check}: {text}").format(check=title, text=sentence)
                self.texts.append(" ".join([lead, *changes]))
                layout.addWidget(_label(lead, "cardLead" if changes else None))
                for change in changes[:6]:
                    layout.addWidget(_label("•  " + change))
                continue
            self.texts.append(_("{check}: {text}").format(check=title, text=text))
            listed = item.get("changes")  # a received bundle's: a number there is no list of changes
            exact = [str(c.get("text")) for c in (listed if isinstance(listed, list) else []) if isinstance(c, dict) and c.get("text")]
            start = describe_start(item.get("last_good"), item.get("first_bad"))
            if exact and start:
                layout.addWidget(_label(_("{check}: {text}").format(check=title, text=start + " " + _("Since then:")), "cardLead"))
                for change in exact[:6]:
                    layout.addWidget(_label("•  " + str(change)))
            else:
                layout.addWidget(_label(_("{check}: {text}").format(check=title, text=text)))
        #: the recording's chart, and the drawing it shows (None without a recording)
        self.chart: QSvgWidget | None = None
        self.chart_svg = timeline_svg
        if timeline_svg:
            layout.addWidget(_label(_("Recording while the problem happened"), "sectionTitle"))
            chart = self.chart = QSvgWidget()
            chart.load(QByteArray(timeline_svg.encode("utf-8")))
            chart.setFixedHeight(200)
            chart.setMinimumWidth(480)
            chart.setAccessibleName(_("Timeline of the recording"))
            layout.addWidget(chart)
        self.setAccessibleName(title)
        self.setAccessibleDescription(" ".join(self.texts))


def over_time_card(scan: Any, config: Any, registry: Any = None, *, read_only: bool = False, bundle_info: dict[str, Any] | None = None) -> QWidget | None:
    """The card to show under the verdict, or None when there is nothing to say."""
    titles = {r.check_id: r.title for r in scan.results}
    if read_only:
        history = (bundle_info or {}).get("history") or {}
        items = [w for w in history.get("what_changed") or [] if isinstance(w, dict)]
        from selfcheck.history.record import drawn

        svg = drawn((bundle_info or {}).get("recording"))  # in the reader's language, at each language switch
    else:
        items, svg = changes_for_scan(scan, config), None
    items = [w for w in items if w.get("text")]
    if not read_only:
        # the customer's card only when it says something they can use: a change found, or when it started
        # ("first seen today at 10:30" alone told the round-4 readers nothing); support sees every item
        from selfcheck.history.changes import when_plain

        items = [
            w for w in items if w.get("changes") or (w.get("last_good") and w.get("first_bad") and when_plain(w["last_good"]) != when_plain(w["first_bad"]))
        ]
        # send round 23: "Updates: It was still fine … on Tuesday" beside the urgent full computer (en r22, r23; fr) was told
        # as the problem was: when a problem needs attention now, the customer's card tells when that one started
        from selfcheck.verdict import urgency_of

        urgent = {r.check_id for r in scan.results if urgency_of(r) == "now"}
        if any(w.get("check_id") in urgent for w in items):
            items = [w for w in items if w.get("check_id") in urgent]
    if not items and not svg:
        return None
    # a bundle opened by support keeps the exact facts and dates; the customer's own window says them plainly
    return WhatChangedCard(items, titles, svg, plain=not read_only)


def with_recording(scan: Any, config: Any) -> None:
    """The verdict of the customer's own ``scan`` says what their latest recording found, where the scan found nothing
    (record.tell_in_verdict). The recording read is the one the next bundle carries (record.latest), so the window and the
    bundle's customer screen agree."""
    from selfcheck.history import record

    try:
        record.tell_in_verdict(scan, record.latest(), config)
    except Exception:  # the recording is a help, never a reason for the window to fail
        log.exception("could not read the recording")


class RecordDialog(QDialog):
    """Record while the problem happens: Start, "It happened now", Stop; a live timeline.

    What the customer reads says watching, as the verdict's offer "Watch while it happens" that opens it (cuts round 2, en and
    fr, just before a video call: "Start recording": "will it record my call with my grandchildren?", « je pense qu'on va
    enregistrer mon appel »); "recording" stays support's word (the card, the bundle's files, ``selfcheck record``)."""

    def __init__(self, config: Any, parent: QWidget | None = None, *, interval: float = 1.0, max_seconds: float | None = None) -> None:
        super().__init__(parent)
        from selfcheck.history import record
        from selfcheck.recorded import watch_duration
        from selfcheck.verdict import START_WATCHING, WATCH_BUTTON

        self._record = record
        self.recorder = record.Recorder(config, interval=interval, max_seconds=max_seconds)
        self.saved_path: Any = None
        self.stopped = False
        self.setWindowTitle(_(WATCH_BUTTON))  # the words of the button that opens it
        self.setModal(True)
        layout = QVBoxLayout(self)
        self.intro = _label(
            _(
                "This program will watch this computer for up to {duration} while you make the problem happen. "
                "Press “It happened now” at the moment it happens."
            ).format(duration=watch_duration(self.recorder.max_seconds))
        )
        layout.addWidget(self.intro)
        self.status = _label(_("Not watching yet."), "muted")
        layout.addWidget(self.status)
        # once stopped: what the recording saw, in one plain sentence (computed by the core; the chart alone said nothing in
        # words: s32 lab, 3 cuts of the line and the customer's mark in one)
        self.saw = _label("", "recordSaw")
        self.saw.hide()
        layout.addWidget(self.saw)
        self.chart = QSvgWidget()
        self.chart.setFixedHeight(200)
        self.chart.setMinimumWidth(560)
        self.chart.setAccessibleName(_("What it saw, moment by moment"))
        layout.addWidget(self.chart)
        row = QHBoxLayout()
        self.start_button = QPushButton(_(START_WATCHING))
        self.start_button.setObjectName("primary")
        self.mark_button = QPushButton(_("It happened now"))
        self.mark_button.setEnabled(False)
        self.stop_button = QPushButton(_("Stop watching"))
        self.stop_button.setEnabled(False)
        row.addWidget(self.start_button)
        row.addWidget(self.mark_button)
        row.addWidget(self.stop_button)
        row.addStretch(1)
        layout.addLayout(row)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.start_button.clicked.connect(self.start)
        self.mark_button.clicked.connect(self.mark)
        self.stop_button.clicked.connect(self.stop)
        self.timer = QTimer(self)
        self.timer.setInterval(int(max(0.2, interval) * 1000))
        self.timer.timeout.connect(self.refresh)

    def start(self) -> None:
        self.recorder.start()
        self.start_button.setEnabled(False)
        self.mark_button.setEnabled(True)
        self.stop_button.setEnabled(True)
        self.mark_button.setFocus()
        self.timer.start()
        self.refresh()

    def mark(self) -> None:
        offset = self.recorder.mark()
        self.status.setText(_("Marked at {seconds} s. You can mark it again or stop.").format(seconds=int(offset)))
        self.fit_height()

    def refresh(self) -> None:
        recording = self.recorder.recording
        self.chart.load(QByteArray(self._record.timeline_svg(recording).encode("utf-8")))
        if self.recorder.running:
            if not recording.marks:
                # it stops by itself (cuts round 2: "I closed the small window after about a minute, but screen 1 said to wait"),
                # and it may be stopped once the problem has happened (comes-and-goes round 3, en and fr: whether closing it after
                # one minute, where the first screen says five, spoiled it)
                seconds = int(recording.samples[-1]["t"]) if recording.samples else 0
                self.status.setText(
                    _("Watching… {seconds} s. You can stop it as soon as the problem has happened; otherwise it stops by itself.").format(seconds=seconds)
                )
        else:
            self.stop()

    def stop(self) -> None:
        if self.stopped:
            return
        self.stopped = True
        self.timer.stop()
        recording = self.recorder.stop()
        self.chart.load(QByteArray(self._record.timeline_svg(recording).encode("utf-8")))
        self.mark_button.setEnabled(False)
        self.stop_button.setEnabled(False)
        if not self._record.worth_keeping(recording):
            # Start then Stop at once: kept, it became the recording the next message offered, hiding an earlier real one
            self.status.setText(_("The watching was stopped too soon to see anything, so nothing was kept."))
            self.fit_height()
            return
        self.saved_path = self._record.save(recording)
        # (fr, cuts round 2: « part avec votre message : part où, et comment ? »): sent with it, if they contact support
        self.status.setText(_("Done. If you contact support, what this program saw is sent with your message."))
        saw = self._record.what_it_saw(recording)
        self.saw.setText(saw)
        self.saw.setVisible(bool(saw))
        self.fit_height()

    def fit_height(self) -> None:
        """As tall as its words need at its width, where the screen has room (big-text review, s33).

        Its sentences wrap, and a window does not grow by itself for wrapped lines: once stopped, "While this program
        was watching, …" took two lines more in a window as tall as before, and the buttons were drawn over the chart
        and its key (at every size; in French with large text, over half the chart).
        """
        layout = self.layout()
        if layout is None:
            return
        layout.activate()
        need = layout.totalHeightForWidth(self.width()) if layout.hasHeightForWidth() else layout.totalMinimumSize().height()
        screen = self.screen() or QGuiApplication.primaryScreen()
        room = screen.availableGeometry().height() - TITLE_BAR
        if self.height() < need:
            self.resize(self.width(), min(need, max(room, self.height())))

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.fit_height()

    def reject(self) -> None:
        # Close or Escape: the recording is kept, also when it reached its time limit a moment before (the recorder had
        # stopped, the window's next look at it not come yet: it was lost)
        if self.recorder.started:
            self.stop()
        super().reject()
