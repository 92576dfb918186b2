"""``selfcheck record``: sample the computer while the problem happens."""

from __future__ import annotations

import argparse
import sys
import threading
from typing import Any

from selfcheck.i18n import _, ngettext


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("record", parents=[common], help=_("record what the computer does while you make the problem happen"))
    p.add_argument("--seconds", type=float, default=None, metavar="N", help=_("stop after N seconds (default: the configured limit, 300)"))
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from selfcheck import app as app_mod
    from selfcheck.history import record

    app = app_mod.start(args.config, args.lang)
    recorder = record.Recorder(app.config, max_seconds=args.seconds)
    recorder.start()
    print(_("Recording for up to {seconds} seconds. Make the problem happen now.").format(seconds=int(recorder.max_seconds)))
    if sys.stdin.isatty():
        print(_("Press Enter the moment it happens; press Ctrl+C to stop."))

        def read_marks() -> None:
            for _line in sys.stdin:
                offset = recorder.mark()
                print(_("Marked at {seconds} s.").format(seconds=int(offset)))

        threading.Thread(target=read_marks, daemon=True).start()
    try:
        while not recorder.wait(0.5):
            pass
    except KeyboardInterrupt:
        pass
    recording = recorder.stop()
    if not record.worth_keeping(recording):  # Ctrl+C at once: it would have hidden an earlier real recording
        print(_("The recording was stopped too soon to show anything, so it was not kept."))
        return 0
    path = record.save(recording)
    print(recorded(len(recording.samples), path))
    return 0


def recorded(count: int, path: object) -> str:
    """What ``selfcheck record`` says once the recording is saved ("Recorded 1 samples." before)."""
    return ngettext(
        "Recorded {count} sample. It will be added to the next diagnostic bundle: {path}",
        "Recorded {count} samples. It will be added to the next diagnostic bundle: {path}",
        count,
    ).format(count=count, path=path)
