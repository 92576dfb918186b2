"""Look and feel: Fusion with the system's light or dark palette, the brand's accent colour.

Status is never shown by colour alone: every status has an icon and a word.

Text sizes follow the customer's own text size. Qt takes the application font from the system: on Windows the
message font (Segoe UI 9 pt at 100 %), which Settings > Accessibility > Text size ("Make text bigger") enlarges, so
13.5 pt at 150 %; on macOS the system font, 13 pt (Qt follows no text-size setting there); on Linux the desktop's
font: Plasma's 10 pt, or GNOME's 11 pt (gtk-font-name), whose "Large text" raises the font DPI instead, which the
style sheet's points already follow. The style sheet's sizes are today's sizes times the application font's size
over that default, never less than 1: a customer at defaults sees exactly today's sizes.

The open window follows a change too (:class:`Follower`): a new text size, or a switch between light and dark.
"""

from __future__ import annotations

import os
import sys

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Slot
from PySide6.QtGui import QColor, QFont, QFontInfo, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QWidget

from selfcheck.config import COLOUR_RE

DEFAULT_ACCENT = "#2563eb"
_HEX = COLOUR_RE  # the config reports any other value as a settings problem

#: WCAG 2.x contrast minimums: text (below 18 pt, or 14 pt bold), and focus frames and other parts of controls
TEXT_CONTRAST = 4.5
FRAME_CONTRAST = 3.0

#: the quieter words beside the main ones (a subtitle, "Always sent" after a part's name), light and dark: still 4.5:1
MUTED = {False: "#5b6472", True: "#9aa3b2"}


def accent_color(value: object) -> QColor:
    """The configured accent colour, or the default when it is missing or invalid."""
    if isinstance(value, str) and _HEX.match(value.strip()):
        return QColor(value.strip())
    return QColor(DEFAULT_ACCENT)


def luminance(colour: QColor | str) -> float:
    """WCAG 2.x relative luminance of an sRGB colour: 0 for black, 1 for white."""

    def linear(channel: int) -> float:
        c = channel / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    c = QColor(colour)
    return 0.2126 * linear(c.red()) + 0.7152 * linear(c.green()) + 0.0722 * linear(c.blue())


def contrast(first: QColor | str, second: QColor | str) -> float:
    """WCAG 2.x contrast ratio of two colours, from 1 (the same) to 21 (black on white), in either order."""
    lighter, darker = sorted((luminance(first), luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def readable(colour: QColor, backgrounds: list[QColor], minimum: float, darken: bool | None = None) -> QColor:
    """``colour``, made just darker (on light backgrounds, or when ``darken``) or lighter (on dark ones) in the same
    hue until it has ``minimum`` contrast against every background; unchanged when it already has. A company's accent
    keeps its look wherever it is readable and is changed only as much as needed where it is not."""
    if all(contrast(colour, b) >= minimum for b in backgrounds):
        return QColor(colour)
    if darken is None:
        darken = sum(luminance(b) for b in backgrounds) / len(backgrounds) > 0.18  # light backgrounds: go darker
    given = QColor(colour)
    hue, saturation, start = max(given.hslHueF(), 0.0), given.hslSaturationF(), given.lightnessF()  # hue -1: a grey
    for step in (-0.005, 0.005) if darken else (0.005, -0.005):  # the other way only when this way cannot reach it
        lightness = start
        while 0.0 < lightness < 1.0:
            lightness = min(1.0, max(0.0, lightness + step))
            candidate = QColor.fromHslF(hue, saturation, lightness)
            if all(contrast(candidate, b) >= minimum for b in backgrounds):
                return candidate
    return QColor("#000000" if darken else "#ffffff")


def accent_fill(accent: QColor) -> QColor:
    """The accent as the background of white text (the main buttons, a selected line): the company's colour, darkened
    in the same hue where white on it would be under 4.5:1 (ACME's #d9480f: 4.3:1). Darkened rather than given dark
    text: a few percent darker is hardly seen, every brand's main button keeps white text, and dark text on a mid-tone
    accent is often no better (#1f2937 on #d9480f: 3.4:1)."""
    return readable(accent, [QColor("#ffffff")], TEXT_CONTRAST)


def default_points(platform: str = sys.platform, desktop: str | None = None) -> float:
    """The application font's size, in points, that the platform gives Qt at its default text size."""
    if platform == "win32":
        return 9.0  # lfMessageFont at 100 %, "Segoe UI, 9pt" (Qt's QWindowsFontDatabase::systemDefaultFont)
    if platform == "darwin":
        return 13.0  # the system font, kCTFontUIFontSystem
    desktop = os.environ.get("XDG_CURRENT_DESKTOP", "") if desktop is None else desktop
    # Plasma's default font is 10 pt; elsewhere 11 pt, GNOME's (gtk-font-name), the largest of the desktops' defaults:
    # a desktop at its default (Xfce 10 pt, Qt's own 9 pt) never gets text larger than today, a raised font does
    return 10.0 if "KDE" in desktop.upper().split(":") else 11.0


def text_scale(points: float, platform: str = sys.platform, desktop: str | None = None) -> float:
    """How much larger than at the platform's default the customer set text: 1.5 for 13.5 pt on Windows."""
    return max(1.0, points / default_points(platform, desktop)) if points > 0 else 1.0


def font_points(font: QFont) -> float:
    """The font's size in points, also when it was given in pixels."""
    return font.pointSizeF() if font.pointSizeF() > 0 else QFontInfo(font).pointSizeF()


def is_dark() -> bool:
    hints = QGuiApplication.styleHints()
    scheme = hints.colorScheme() if hasattr(hints, "colorScheme") else Qt.ColorScheme.Unknown
    if scheme == Qt.ColorScheme.Dark:
        return True
    if scheme == Qt.ColorScheme.Light:
        return False
    return QGuiApplication.palette().color(QPalette.ColorRole.Window).lightness() < 128


#: the surfaces text is drawn on, light and dark: window, cards, the soft boxes (details, actions), notices
SURFACES = {
    False: ("#f4f6f9", "#ffffff", "#f7f8fa", "#fff7e0"),
    True: ("#16181d", "#1e2128", "#232732", "#3a3220"),
}


def link_colour(accent: QColor, dark: bool, start: QColor | None = None) -> QColor:
    """The accent as text (links, the accent-coloured buttons' words), from ``start`` (the accent; lighter in dark):
    4.5:1 on every surface."""
    start = start or (accent.lighter(140) if dark else QColor(accent))
    return readable(start, [QColor(c) for c in SURFACES[dark]], TEXT_CONTRAST)


def dark_palette(accent: QColor) -> QPalette:
    p = QPalette()
    base, window, text = QColor("#1e2128"), QColor("#16181d"), QColor("#e6e8ec")
    p.setColor(QPalette.ColorRole.Window, window)
    p.setColor(QPalette.ColorRole.WindowText, text)
    p.setColor(QPalette.ColorRole.Base, base)
    p.setColor(QPalette.ColorRole.AlternateBase, QColor("#252932"))
    p.setColor(QPalette.ColorRole.Text, text)
    p.setColor(QPalette.ColorRole.Button, QColor("#2a2e37"))
    p.setColor(QPalette.ColorRole.ButtonText, text)
    p.setColor(QPalette.ColorRole.ToolTipBase, base)
    p.setColor(QPalette.ColorRole.ToolTipText, text)
    p.setColor(QPalette.ColorRole.PlaceholderText, QColor("#8b93a1"))
    p.setColor(QPalette.ColorRole.Highlight, accent_fill(accent))
    p.setColor(QPalette.ColorRole.HighlightedText, QColor("#ffffff"))
    p.setColor(QPalette.ColorRole.Link, link_colour(accent, True))
    for role in (QPalette.ColorRole.Text, QPalette.ColorRole.WindowText, QPalette.ColorRole.ButtonText):
        # a greyed-out button still says what it will do: 4.5:1 on every surface (#6b7280 was 3.1:1 to 3.7:1)
        p.setColor(QPalette.ColorGroup.Disabled, role, QColor("#8b93a1"))
    return p


def light_palette(accent: QColor) -> QPalette:
    p = QPalette()
    text = QColor("#1f2937")
    p.setColor(QPalette.ColorRole.Window, QColor("#f4f6f9"))
    p.setColor(QPalette.ColorRole.WindowText, text)
    p.setColor(QPalette.ColorRole.Base, QColor("#ffffff"))
    p.setColor(QPalette.ColorRole.AlternateBase, QColor("#f0f2f5"))
    p.setColor(QPalette.ColorRole.Text, text)
    p.setColor(QPalette.ColorRole.Button, QColor("#ffffff"))
    p.setColor(QPalette.ColorRole.ButtonText, text)
    p.setColor(QPalette.ColorRole.ToolTipBase, QColor("#ffffff"))
    p.setColor(QPalette.ColorRole.ToolTipText, text)
    # the hint in an empty box and a greyed-out button's words are read too: 4.5:1 (#9ca3af was 2.4:1 to 2.5:1)
    p.setColor(QPalette.ColorRole.PlaceholderText, QColor("#687080"))
    p.setColor(QPalette.ColorRole.Highlight, accent_fill(accent))
    p.setColor(QPalette.ColorRole.HighlightedText, QColor("#ffffff"))
    p.setColor(QPalette.ColorRole.Link, link_colour(accent, False, accent.darker(110)))
    for role in (QPalette.ColorRole.Text, QPalette.ColorRole.WindowText, QPalette.ColorRole.ButtonText):
        p.setColor(QPalette.ColorGroup.Disabled, role, QColor("#687080"))
    return p


def stylesheet(accent: QColor, dark: bool, scale: float = 1.0) -> str:
    """The style sheet; ``scale`` (:func:`text_scale`) multiplies every text size."""

    def pt(points: float) -> str:
        return f"{round(points * scale, 2):g}pt"

    a = accent.name()  # the company's own colour, for frames and lines
    fill = accent_fill(accent)  # under white text
    a_fill = fill.name()
    lighter = fill.lighter(112)  # under the pointer: lighter in dark while white stays readable on it, else darker
    a_hover = (lighter if dark and contrast(lighter, "#ffffff") >= TEXT_CONTRAST else fill.darker(112)).name()
    a_text = link_colour(accent, dark).name()
    card = "#1e2128" if dark else "#ffffff"
    border = "#2f343e" if dark else "#e3e7ed"
    muted = MUTED[dark]
    soft = "#232732" if dark else "#f7f8fa"
    notice_bg = "#3a3220" if dark else "#fff7e0"
    notice_border = "#6b5a2a" if dark else "#f3d58a"
    surfaces = [QColor(c) for c in SURFACES[dark]]
    focus = readable(accent.lighter(130) if dark else accent, surfaces, FRAME_CONTRAST).name()
    # the main button's focus frame is drawn on its own fill: white in dark, a deep shade of the accent in light
    # (it was the accent itself there, so a focused main button looked exactly like the others)
    primary_focus = "#ffffff" if dark else readable(fill, [fill], FRAME_CONTRAST, darken=True).name()
    return f"""
    QWidget#page {{ background: transparent; }}
    QScrollArea, QScrollArea > QWidget > QWidget {{ background: transparent; border: none; }}
    QFrame#header {{ background: {card}; border-bottom: 1px solid {border}; }}
    QLabel#productName {{ font-size: {pt(13)}; font-weight: 600; }}
    QLabel#title {{ font-size: {pt(20)}; font-weight: 600; }}
    QLabel#subtitle {{ font-size: {pt(11)}; color: {muted}; }}
    QLabel#requestNote {{ font-size: {pt(13)}; font-weight: 600; background: {notice_bg}; border: 1px solid {notice_border}; border-radius: 8px; padding: 8px 10px; }}
    QLabel#muted, QLabel#footnote {{ color: {muted}; }}
    QLabel#sectionTitle {{ font-size: {pt(12)}; font-weight: 600; }}
    QLabel#cardLead {{ font-weight: 600; }}
    QLabel#sectionCount {{ color: {muted}; }}
    QLabel#nowChecking {{ font-size: {pt(11)}; }}
    QFrame#card, QFrame#headline, QFrame#symptoms, QFrame#facts {{
        background: {card}; border: 1px solid {border}; border-radius: 10px;
    }}
    QFrame#headline {{ border-left: 6px solid {a}; }}
    QFrame#headline[severity="fail"] {{ border-left-color: #dc2626; }}
    QFrame#headline[severity="warn"] {{ border-left-color: #d97706; }}
    QFrame#headline[severity="pass"] {{ border-left-color: #16a34a; }}
    QFrame#headline[severity="later"] {{ border-left-color: #64748b; }}
    QFrame#headline[severity="easy"] {{ border-left-color: #0d9488; }}
    QFrame#headline[severity="error"] {{ border-left-color: #7c3aed; }}
    QLabel#headlineText {{ font-size: {pt(16)}; font-weight: 600; }}
    QLabel#headlineText[short="true"] {{ font-size: {pt(14)}; }}
    QLabel#cause {{ font-size: {pt(11)}; }}
    QFrame#action {{ background: {soft}; border-radius: 8px; }}
    QLabel#actionText {{ font-size: {pt(11)}; }}
    QFrame#card:hover {{ border-color: {a}; }}
    QLabel#resultTitle {{ font-size: {pt(11)}; font-weight: 600; }}
    QLabel#statusWord {{ color: {muted}; font-weight: 600; }}
    QFrame#details {{ background: {soft}; border-radius: 8px; }}
    QPlainTextEdit#technical {{ font-family: monospace; background: {card}; border: 1px solid {border}; border-radius: 6px; }}
    QFrame#notice {{ background: {notice_bg}; border-bottom: 1px solid {notice_border}; }}
    QFrame#keptMessage {{ background: {notice_bg}; border: 1px solid {notice_border}; border-radius: 8px; }}
    QPushButton {{
        padding: 7px 16px; border-radius: 7px; border: 1px solid {border}; background: {card};
    }}
    QPushButton:hover {{ border-color: {a}; }}
    QPushButton:focus, QToolButton:focus, QRadioButton:focus, QCheckBox:focus {{ outline: none; border: 2px solid {focus}; }}
    QPushButton#primary {{
        background: {a_fill}; color: #ffffff; border: none; font-weight: 600; font-size: {pt(12)}; padding: 12px 28px; border-radius: 9px;
    }}
    QPushButton#primary:hover {{ background: {a_hover}; }}
    QPushButton#primary:focus {{ border: 3px solid {primary_focus}; padding: 9px 25px; }}
    QPushButton#primary:disabled {{ background: {border}; color: {muted}; }}
    QPushButton#link {{ border: none; background: transparent; color: {a_text}; text-decoration: underline; padding: 4px 6px; }}
    QPushButton#link:focus {{ border: 2px solid {focus}; border-radius: 4px; }}
    QPushButton#secondaryAccent {{ color: {a_text}; font-weight: 600; }}
    QToolButton#expander {{ border: none; font-weight: 600; padding: 2px; color: {muted}; }}
    QToolButton#expander:focus {{ border: 2px solid {focus}; border-radius: 4px; }}
    QToolButton#expanderLink {{ border: none; padding: 2px; color: {a_text}; text-decoration: underline; }}
    QToolButton#expanderLink:focus {{ border: 2px solid {focus}; border-radius: 4px; }}
    QRadioButton#symptom {{ padding: 8px 10px; border-radius: 8px; border: 1px solid transparent; font-size: {pt(11)}; }}
    QRadioButton#symptom[short="true"] {{ padding: 5px 10px; }}
    QRadioButton#symptom:checked {{ background: {soft}; border: 1px solid {a}; }}
    QRadioButton#symptom:focus {{ border: 2px solid {focus}; }}
    QProgressBar {{ border: none; background: {border}; border-radius: 4px; max-height: 8px; text-align: center; }}
    QProgressBar::chunk {{ background: {a}; border-radius: 4px; }}
    QListWidget#files {{ border: 1px solid {border}; border-radius: 6px; background: {card}; }}
    """


def apply(app: QApplication, accent_value: object, dark: bool | None = None) -> None:
    """Fusion style, the system's light/dark palette (or the one asked for) and the stylesheet, its text sizes
    following the application font's (the customer's text size)."""
    accent = accent_color(accent_value)
    app.setStyle("Fusion")
    dark = is_dark() if dark is None else dark
    app.setPalette(dark_palette(accent) if dark else light_palette(accent))
    app.setStyleSheet(stylesheet(accent, dark, text_scale(font_points(app.font()))))


class Follower(QObject):
    """Applies the theme again when the customer changes their text size or switches between light and dark while the
    window is open, so they need not restart it.

    The system says so with events to each window: ApplicationFontChange (Windows' "Make text bigger", Plasma's font:
    QApplication.font() changed), ApplicationPaletteChange, ThemeChange (the system's look changed), and the colour
    scheme's own signal. They come in bursts, so one application waits for the event loop.
    The theme is applied only when the style sheet it would set differs from the one in place (it holds the sizes and
    the light or dark colours): applying it sends a palette change of its own, which then finds nothing to do.
    """

    EVENTS = frozenset({QEvent.Type.ApplicationFontChange, QEvent.Type.ApplicationPaletteChange, QEvent.Type.ThemeChange})

    def __init__(self, window: QWidget, accent_value: object) -> None:
        super().__init__(window)
        self.accent_value = accent_value
        self.waiting = False
        window.installEventFilter(self)
        hints = QGuiApplication.styleHints()
        if hasattr(hints, "colorSchemeChanged"):
            hints.colorSchemeChanged.connect(self.soon)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() in self.EVENTS:
            self.soon()
        return False

    @Slot()
    def soon(self, *_args: object) -> None:
        if not self.waiting:
            self.waiting = True
            QTimer.singleShot(0, self, self.refresh)

    def refresh(self) -> None:
        self.waiting = False
        app = QApplication.instance()
        if not isinstance(app, QApplication):
            return
        wanted = stylesheet(accent_color(self.accent_value), is_dark(), text_scale(font_points(app.font())))
        if wanted != app.styleSheet():
            apply(app, self.accent_value)
