#!/usr/bin/env python3
"""The customer's whole path on a scaled-up screen with large text, as the screen shows it (big-text review, s33).

    xvfb-run -a -s "-screen 0 1366x768x24" env QT_QPA_PLATFORM=xcb QT_SCALE_FACTOR=1.5 \\
        .venv/bin/python scripts/screenshots_scale.py --out /tmp/scale-150 [--font-pt 13] [--lang fr]

Windows at 150 % on a 1366x768 laptop is QT_SCALE_FACTOR=1.5 on that screen; macOS "larger text" and Linux text
scaling are a larger application font (--font-pt) or QT_FONT_DPI=144. Each step saves what the window (or dialog)
shows and, beside it, the whole screen (``*-screen.png``): a window larger than the screen is cut there, as the
customer sees it. Nothing is sized for the picture: every window opens at the size the program gives it. The checks
replay scripts/screenshots.py's story (the nearly full disk); no network is touched.

A bare X server has no window manager, so its windows have no frame and a dialog's edge melts into the page behind it
(readers of small-screen rounds 4-8 took that for a broken screen). A customer's desktop frames every window: when
openbox is installed (an optional package for pictures, not for tests), the script runs it in the X server first, with
a title bar as tall as the scale makes it, so the pictures and the FITS line count the frame as the customer's do.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

import screenshots as shots  # noqa: E402  (sets SELFCHECK_HOME and the offscreen default)
from PySide6.QtGui import QGuiApplication  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402


def save(widget: QWidget, out: Path, name: str) -> None:
    QApplication.processEvents()
    shots.wait(80)
    widget.grab().save(str(out / f"{name}.png"))
    screen = widget.screen() or QGuiApplication.primaryScreen()
    screen.grabWindow(0).save(str(out / f"{name}-screen.png"))
    g, room = widget.frameGeometry(), screen.availableGeometry()
    print(
        f"{name}: {g.width()}x{g.height()} at {g.x()},{g.y()} on {room.width()}x{room.height()}", "(FITS)" if room.contains(g) else "(LARGER THAN THE SCREEN)"
    )


OPENBOX_RC = """<?xml version="1.0" encoding="UTF-8"?>
<openbox_config xmlns="http://openbox.org/3.4/rc">
  <theme>
    <name>Clearlooks</name>
    <titleLayout>NLIMC</titleLayout>
    <font place="ActiveWindow"><name>sans</name><size>{pt}</size><weight>bold</weight></font>
    <font place="InactiveWindow"><name>sans</name><size>{pt}</size><weight>bold</weight></font>
  </theme>
  <desktops><number>1</number></desktops>
</openbox_config>
"""


def start_window_manager() -> subprocess.Popen[bytes] | None:
    """Frame the windows as a customer's desktop does: openbox in this X server, or None (said once) when there is none."""
    if os.environ.get("QT_QPA_PLATFORM") != "xcb" or not os.environ.get("DISPLAY"):
        return None  # offscreen: no screen, nothing to frame
    openbox = shutil.which("openbox")
    if openbox is None:
        print("No window manager installed: windows have no frame or title bar here, unlike on a customer's desktop (apt-get install openbox).")
        return None
    work = Path(tempfile.mkdtemp(prefix="selfcheck-openbox-"))
    scale = float(os.environ.get("QT_SCALE_FACTOR") or 1)
    (work / "rc.xml").write_text(OPENBOX_RC.format(pt=round(9 * scale)))  # the title's text scales like the program's
    ready = work / "ready"
    wm = subprocess.Popen(
        [openbox, "--sm-disable", "--config-file", str(work / "rc.xml"), "--startup", f"touch {ready}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 15
    while not ready.exists() and wm.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    started = ready.exists()
    shutil.rmtree(work, ignore_errors=True)  # openbox has read its configuration
    if not started:
        print("openbox did not start (another window manager may run here): windows are framed by that one, or not at all.")
        wm.terminate()
        wm.wait()
        return None
    print("window manager: openbox (windows have a frame and a title bar, as on a customer's desktop)")
    return wm


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", required=True)
    parser.add_argument("--font-pt", type=float, default=0.0, help="the application font's size in points (0: the system's)")
    parser.add_argument("--lang", default="en")
    args = parser.parse_args()
    wm = start_window_manager()
    try:
        return take_pictures(args)
    finally:
        if wm is not None:
            wm.terminate()
            wm.wait()


def take_pictures(args: argparse.Namespace) -> int:
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)

    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    from selfcheck import app as app_mod
    from selfcheck import i18n
    from selfcheck.app import App
    from selfcheck.bundle import review
    from selfcheck.gui import gcguard, theme
    from selfcheck.gui.application import create_qapplication
    from selfcheck.gui.mainwindow import MainWindow
    from selfcheck.gui.overtime import RecordDialog
    from selfcheck.gui.qt_translations import install_qt_translations
    from selfcheck.gui.repair_dialog import RepairDialog
    from selfcheck.gui.support_dialog import SupportDialog
    from selfcheck.runner import Runner

    shots.daytime_clock(*shots.STORY_TIME)
    shots.windows_home_account()
    # the review's part clicked (7-send-review-part) tells the story's computer, as the verdict does: a Windows PC, almost full
    # (small-screen round 16: "Linux (Debian) … instead of Windows", "about three quarters full … 25,000 more photos" beside
    # "almost full": "Which is it? Now I don't trust either one")
    shots.full_disk_inventory()
    shots.windows_customer_os()
    qapp = create_qapplication()
    gcguard.install(qapp)
    if args.font_pt:
        font = qapp.font()
        font.setPointSizeF(args.font_pt)
        qapp.setFont(font)
    config_file = Path(os.environ["SELFCHECK_HOME"]) / "shots.toml"
    config_file.write_text('[checks]\ndisabled = ["network.*"]\n\n[support]\nkind = "intake"\nurl = "https://support.example.com"\n')
    real = app_mod.start([config_file], args.lang)
    theme.apply(qapp, real.config.get("branding.accent_color"))
    i18n.set_language(args.lang)
    real.config.data["branding"].update(shots.example_branding(args.lang))
    live = Runner(real.registry, real.config).run()
    facts = {r.check_id: live.facts.get(r.check_id, {"skipped": r.summary}) for r in live.results}
    shots.customer_time_zone(facts, args.lang)
    print(
        "screen",
        QGuiApplication.primaryScreen().availableGeometry(),
        "dpr",
        QGuiApplication.primaryScreen().devicePixelRatio(),
        "font",
        qapp.font().pointSizeF(),
    )

    app = App(real.config, shots.replay_registry(real.registry, shots.problems(facts), 0.05), None)
    window = MainWindow(app)
    install_qt_translations(args.lang)
    window.retranslate()
    window.show()
    save(window, out, "1-start")
    window.start_scan(None)  # "I'm not sure — check everything", the first choice
    shots.wait(300)
    save(window, out, "2-scanning")
    shots.wait_for(window.scan_shown)
    save(window, out, "3-verdict")
    page = window.results_page
    page.area.verticalScrollBar().setValue(page.area.verticalScrollBar().maximum())
    save(window, out, "3-verdict-bottom")
    page.area.verticalScrollBar().setValue(0)

    with shots.as_windows():
        dialog = window.offer_repair("hardware.disk", "storage.empty_trash")
        assert isinstance(dialog, RepairDialog)
        deadline = time.monotonic() + 20
        while not dialog.ready and time.monotonic() < deadline:
            shots.wait(50)
        save(dialog, out, "4-repair-offer")
        dialog.close()

    window.check_again("hardware.disk")
    shots.wait(1500)
    save(window, out, "5-check-again")

    dialog = window.contact_support()
    assert isinstance(dialog, SupportDialog)
    shots.wait(100)
    save(dialog, out, "6-send-describe")
    dialog.what.setPlainText("The computer is very slow since the update, and I cannot save files any more.")
    dialog.email.setText("ann.martin@example.org")
    dialog.name.setText("Ann Martin")
    dialog.next_button.click()
    deadline = time.monotonic() + 30
    while dialog.stack.currentIndex() != SupportDialog.REVIEW and time.monotonic() < deadline:
        shots.wait(50)
    save(dialog, out, "7-send-review")
    # a part's name clicked (the one readers asked about: "how it connects to the internet"): what it holds, beside the list
    tree = dialog.file_tree
    lines = [tree.topLevelItem(i) for i in range(tree.topLevelItemCount())]
    item = next(line for line in lines if line is not None and line.data(0, Qt.ItemDataRole.UserRole) == ("group", review.COMPUTER))
    rect = tree.visualItemRect(item)
    QTest.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, rect.center())
    save(dialog, out, "7-send-review-part")
    dialog.show_outcome("sent", shots.support_title_sent(), dialog.after_sending_text(), shots.SENT_REFERENCE)
    save(dialog, out, "8-send-done")
    dialog.close()

    record = RecordDialog(real.config, window, interval=0.2, max_seconds=600)
    record.show()
    save(record, out, "9-record")
    record.start()
    shots.wait(1500)
    record.mark()
    shots.wait(600)
    record.stop()
    save(record, out, "9-record-stopped")
    record.close()
    window.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
