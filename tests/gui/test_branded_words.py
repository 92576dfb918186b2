"""A company's product name: what a customer of "Clearline Check" reads never names selfcheck.

A company brands the program (``[branding] product_name``): the window is titled "Clearline Check", and a customer of
Clearline has never heard of "selfcheck". Checks' results, the verdict, repair and device messages and the window's
own words said "selfcheck" all the same ("… which selfcheck cannot give", "selfcheck does not know until when …",
"Your organisation does not allow selfcheck to do this repair."): a name the customer does not know, inside a window
that bears another. They say "this program" (« ce programme »), or the product name where the window has it.
"""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QAbstractButton, QLabel, QWidget

from selfcheck import buildinfo, i18n
from selfcheck.checks.devices_sound import SoundCheck
from selfcheck.checks.network_proxy import ProxyCheck
from selfcheck.checks.os_version import OsVersionCheck
from selfcheck.checks.security_os_support import OsSupportCheck
from selfcheck.config import from_dict

from .conftest import run_scan

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "checks"
PRODUCT = "Clearline Check"


def facts_of(check_id: str, name: str) -> dict[str, Any]:
    return json.loads((FIXTURES / check_id / f"{name}.json").read_text(encoding="utf-8"))["facts"]


def recorded(cls: type, facts: dict[str, Any]) -> type:
    """``cls`` as a scan runs it, its facts those recorded (nothing is asked of this computer or any network)."""
    return type(cls.__name__, (cls,), {"collect": lambda self, ctx: copy.deepcopy(facts), "__module__": cls.__module__})


def relay_answering(code: int) -> dict[str, Any]:
    """The relay recorded in the network lab, answering the lab's test page as its "password" (407) and "deny" (403)
    modes do (tests/network/test_netlab_scenarios.py)."""
    return {**facts_of("network.proxy", "lab_proxy_refusing"), "proxy_test": {"status": "ok", "code": code, "ms": 3.1}}


CASES = {
    "proxy-407": ([recorded(ProxyCheck, relay_answering(407))], {}),
    "proxy-403": ([recorded(ProxyCheck, relay_answering(403))], {}),
    "unsupported-os": (
        [
            recorded(OsVersionCheck, facts_of("os.version", "linux_unknown_distribution")),
            recorded(OsSupportCheck, facts_of("security.os_support", "linux_unknown_distribution")),
        ],
        {},
    ),
    "repair-refused": ([recorded(SoundCheck, facts_of("devices.sound", "linux_muted"))], {"repairs": {"denied": ["sound.unmute"]}}),
}


def customer_texts(scan: Any) -> list[str]:
    """What the scan tells the customer: the verdict, and each result's summary, cause, steps and button."""
    data = scan.to_dict()
    said = [json.dumps(data["diagnosis"]["verdict"], ensure_ascii=False)]
    for result in data["results"]:
        said += [result["title"], result["summary"], result.get("why") or "", *(result.get("advice") or [])]
        if result.get("fix"):
            said += [result["fix"].get("label") or "", result["fix"].get("confirm") or ""]
    return said


def window_texts(window: QWidget) -> list[str]:
    """Every word the window holds, shown or folded away: labels, buttons, titles, tooltips, names read aloud."""
    said = [window.windowTitle()]
    for widget in window.findChildren(QWidget):
        said += [widget.toolTip(), widget.accessibleName(), widget.accessibleDescription()]
        if isinstance(widget, (QLabel, QAbstractButton)):
            said.append(widget.text())
    return said


def without_links(rich: str) -> str:
    """A rich text's words: the About box's link target (an address the program opens, not read) left out."""
    return re.sub(r"<[^>]+>", " ", rich)


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("case", list(CASES))
def test_a_branded_program_never_names_selfcheck_to_the_customer(qtbot, make_window, monkeypatch, case, lang):
    classes, extra = CASES[case]
    i18n.set_language(lang)  # the window opens in the customer's language (app.start sets it first)
    try:
        window = make_window(
            *classes, config=from_dict({"checks": {"total_budget": 60}, "branding": {"product_name": PRODUCT, "company": "Clearline"}, **extra})
        )
        run_scan(qtbot, window)
        said = customer_texts(window.scan)
        if case == "repair-refused":
            window.apply_fix("devices.sound")
            said.append(window.notice.text.text())
        said += window_texts(window)
        monkeypatch.setattr(buildinfo, "privacy_notice_file", lambda: None)  # the window's own short notice
        about = window.show_about()
        about_text = about.text()
        about.close()
        privacy = window.show_privacy()
        privacy_title = privacy.text()
        said += [without_links(about_text), privacy_title, privacy.informativeText()]
        privacy.close()
    finally:
        i18n.set_language("en")
    named = [text for text in said if re.search(r"(?i)selfcheck", text)]
    assert not named, f"{case} [{lang}]: the customer reads a name they do not know:\n" + "\n".join(named)
    # the product name where the window has it; and the results the cases are about were shown (not an empty window)
    assert PRODUCT in about_text and privacy_title in ("What Clearline Check collects and sends", "Ce que Clearline Check recueille et envoie")
    if case == "repair-refused":
        assert window.notice.text.text() in (
            "Your organisation does not allow this program to do this repair.",
            "Votre organisation ne permet pas à ce programme de faire cette réparation.",
        )
    summaries = " ".join(r.summary for r in window.scan.results)
    expected = {
        "proxy-407": ("which this program cannot give", "que ce programme ne peut pas donner"),
        "proxy-403": ("refuses to let this computer through", "refuse de laisser passer cet ordinateur"),
        "unsupported-os": ("This program does not know until when Gentoo Linux", "Ce programme ne sait pas jusqu’à quand Gentoo Linux"),
        "repair-refused": ("muted", "coupé"),
    }[case]
    assert expected[0 if lang == "en" else 1] in summaries, summaries


def test_a_product_name_given_per_language_follows_the_windows_language(qtbot, make_window):
    """The window's title and header named the program once, in the language it opened in: a company that names it
    per language (branding.product_name = { en = "…", fr = "…" }) had a French window titled in English after the
    switch. The title, the header's name and the first page's sentence follow the language."""
    names = {"en": "Clearline — computer check", "fr": "Clearline — vérification"}
    window = make_window(config=from_dict({"branding": {"product_name": names}}))
    try:
        for lang in ("fr", "en"):
            window.set_language(lang)
            assert (window.windowTitle(), window.product_label.text()) == (names[lang], names[lang])
            assert window.product_logo.accessibleName() == names[lang]
            assert names[lang] in window.start_page.subtitle.text()
    finally:
        i18n.set_language("en")
