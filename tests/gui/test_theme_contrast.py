"""Text contrast, light and dark, for a customer whose eyes are not what they were: every text colour the theme sets
reaches WCAG 2.x's 4.5:1 on the surface it is drawn on, and every focus frame 3:1, with the default accent and with
the companies' accents of the examples."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QPalette

from selfcheck.gui import theme

ROOT = Path(__file__).resolve().parents[2]
R, G = QPalette.ColorRole, QPalette.ColorGroup


@pytest.mark.parametrize(
    ("first", "second", "ratio"),
    [
        ("#777777", "#ffffff", 4.48),  # the grey that just fails 4.5:1
        ("#767676", "#ffffff", 4.54),  # the lightest grey that passes on white
        ("#595959", "#ffffff", 7.00),
        ("#000000", "#ffffff", 21.0),
        ("#ffffff", "#000000", 21.0),  # either order
        ("#2563eb", "#2563eb", 1.0),
        ("#ff0000", "#ffffff", 4.00),
        ("#0000ff", "#ffffff", 8.59),
    ],
)
def test_contrast_matches_the_wcag_reference_pairs(first, second, ratio):
    assert theme.contrast(first, second) == pytest.approx(ratio, abs=0.005)


def example_accents() -> dict[str, str]:
    """The default accent and every accent the examples give: brands (brand.toml, config.toml) and the docs."""
    accents = {"default": theme.DEFAULT_ACCENT}
    for path in sorted((ROOT / "packaging" / "brands").glob("*/*.toml")):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        for table in (data.get("brand", {}), data.get("branding", {})):
            if "accent_color" in table:
                accents[f"{path.parent.name}/{path.name}"] = table["accent_color"]
    for path in [*sorted((ROOT / "docs").glob("*.md")), *sorted((ROOT / "docs" / "examples").rglob("*.toml"))]:
        for found in re.findall(r'accent_color = "(#[0-9a-fA-F]{3,6})"', path.read_text(encoding="utf-8")):
            accents[f"{path.name} {found}"] = found
    return accents


ACCENTS = example_accents()
# and colours a company might well choose, the hardest cases: yellow, navy, light cyan, pure red
HARD = {"yellow": "#facc15", "navy": "#1e3a8a", "cyan": "#67e8f9", "red": "#ff0000"}


def test_the_examples_accents_are_all_found():
    assert {"#2563eb", "#d9480f", "#c2410c"} <= {v.lower() for v in ACCENTS.values()}


def rules(sheet: str) -> dict[str, dict[str, str]]:
    """The style sheet's properties by selector."""
    found: dict[str, dict[str, str]] = {}
    for selectors, body in re.findall(r"([^{}]+)\{([^{}]*)\}", sheet):
        props = dict((k.strip(), v.strip()) for k, _, v in (p.partition(":") for p in body.split(";")) if v.strip())
        for selector in selectors.split(","):
            found.setdefault(selector.strip(), {}).update(props)
    return found


def border_colour(value: str) -> str:
    return re.search(r"#[0-9a-fA-F]{6}", value).group(0)


def pairs(accent_value: str, dark: bool) -> list[tuple[str, str, str, float]]:
    """(what, colour, background, minimum) for everything the theme draws, read from its palette and style sheet."""
    accent = theme.accent_color(accent_value)
    palette = theme.dark_palette(accent) if dark else theme.light_palette(accent)
    css = rules(theme.stylesheet(accent, dark))
    window = palette.color(R.Window).name()
    card = css["QFrame#card"]["background"]
    soft = css["QFrame#details"]["background"]
    notice = css["QFrame#notice"]["background"]
    base = palette.color(R.Base).name()
    surfaces = {"window": window, "card": card, "soft box": soft, "notice": notice}
    primary = css["QPushButton#primary"]
    text, focus = theme.TEXT_CONTRAST, theme.FRAME_CONTRAST
    out: list[tuple[str, str, str, float]] = []

    def on(what: str, colour: str, where: dict[str, str], minimum: float = text) -> None:
        out.extend((f"{what} on {name}", colour, bg, minimum) for name, bg in where.items())

    on("body text", palette.color(R.WindowText).name(), surfaces)
    on("text in a box", palette.color(R.Text).name(), {"box": base, "technical details": css["QPlainTextEdit#technical"]["background"]})
    on("button words", palette.color(R.ButtonText).name(), {"button": css["QPushButton"]["background"]})
    on("message from support", palette.color(R.WindowText).name(), {"its note": css["QLabel#requestNote"]["background"]})
    for name in ("QLabel#subtitle", "QLabel#muted", "QLabel#footnote", "QLabel#statusWord", "QLabel#sectionCount", "QToolButton#expander"):
        on(name, css[name]["color"], surfaces)
    on("link", css["QPushButton#link"]["color"], surfaces)
    on("link in a text", palette.color(R.Link).name(), surfaces)
    on("accent button words", css["QPushButton#secondaryAccent"]["color"], {"button": css["QPushButton"]["background"]})
    on("main button words", primary["color"], {"main button": primary["background"]})
    on("main button words", primary["color"], {"main button under the pointer": css["QPushButton#primary:hover"]["background"]})
    on("selected line", palette.color(R.HighlightedText).name(), {"selection": palette.color(R.Highlight).name()})
    disabled = css["QPushButton#primary:disabled"]
    on("greyed-out main button", disabled["color"], {"its fill": disabled["background"]})
    greyed_on = {"window": window, "card": card, "soft box": soft, "box": base}  # a notice greys nothing out
    for role in (R.WindowText, R.Text, R.ButtonText):
        on(f"greyed-out {role.name}", palette.color(G.Disabled, role).name(), greyed_on)
    on("hint in an empty box", palette.color(R.PlaceholderText).name(), {"box": base})
    for name in ("QPushButton:focus", "QPushButton#link:focus", "QToolButton#expander:focus", "QRadioButton#symptom:focus"):
        on(f"focus frame {name}", border_colour(css[name]["border"]), surfaces, focus)
    ring = border_colour(css["QPushButton#primary:focus"]["border"])
    on("main button's focus frame", ring, {**surfaces, "the button's own fill": primary["background"]}, focus)
    return out


CASES = [(v, dark) for v in {**ACCENTS, **HARD}.values() for dark in (False, True)]


@pytest.mark.parametrize(("accent", "dark"), CASES, ids=[f"{a}-{'dark' if d else 'light'}" for a, d in CASES])
def test_every_colour_reaches_its_contrast(accent, dark):
    low = [
        f"{what}: {colour} on {bg} {theme.contrast(colour, bg):.2f}:1 < {minimum}"
        for what, colour, bg, minimum in pairs(accent, dark)
        if theme.contrast(colour, bg) < minimum
    ]
    assert not low, "\n".join(low)


def test_an_accent_already_readable_is_left_as_the_company_chose_it():
    sheet = theme.stylesheet(QColor(theme.DEFAULT_ACCENT), dark=False)
    assert "background: #2563eb; color: #ffffff" in sheet  # the main button, unchanged
    acme = rules(theme.stylesheet(QColor("#d9480f"), dark=False))
    fill = QColor(acme["QPushButton#primary"]["background"])
    assert fill.name() != "#d9480f"  # white on it was 4.3:1: darkened...
    assert abs(fill.hslHue() - QColor("#d9480f").hslHue()) <= 2  # ...in the same hue
    assert theme.contrast(fill, "#d9480f") < 1.2  # and only a little
    assert acme["QFrame#headline"]["border-left"].endswith("#d9480f")  # the company's colour where no text is on it
