"""The devices symptoms: "Sound or video calls" and "Printing" run only their checks,
on the start page and for `selfcheck scan --symptom`."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from selfcheck import config as config_mod
from selfcheck import i18n
from selfcheck.api import CATEGORIES, CATEGORY_TITLES
from selfcheck.discovery import discover
from selfcheck.runner import select


def test_devices_is_a_category_with_a_french_title():
    assert "devices" in CATEGORIES
    i18n.set_language("fr")
    assert i18n._(CATEGORY_TITLES["devices"]) == "Appareils (son, caméra, imprimante)"


def test_printing_runs_only_the_printer_check():
    config = config_mod.load()
    ids = [c.id for c in select(discover(config), config, symptom="printing")]
    assert ids == ["devices.printer"]


def test_calls_run_the_call_devices_and_the_connection_quality_only():
    config = config_mod.from_dict({"checks": {"autoload_plugins": False}})  # without the tests' network guard
    ids = {c.id for c in select(discover(config), config, symptom="calls")}
    assert {"network.quality", "network.gateway"} <= ids
    assert not ids & {"devices.printer", "hardware.disk", "network.dns", "security.firewall"}
    assert {i.split(".")[0] for i in ids} <= {"devices", "network"}


def test_both_symptoms_have_english_and_french_titles():
    symptoms = config_mod.load().section("symptoms")
    assert symptoms["calls"]["title"] == {"en": "Sound or video calls", "fr": "Son ou appels vidéo"}
    assert symptoms["printing"]["title"]["fr"] == "Impression"


def test_cli_scan_for_printing_names_the_missing_printer(cups):
    env = {**os.environ, "CUPS_SERVER": cups.socket, "HOME": str(cups.dir)}
    for name in ("Office", "Upstairs"):
        cups.run("lpadmin", "-x", name, check=False)
    out = subprocess.run([sys.executable, "-m", "selfcheck", "scan", "--symptom", "printing", "--json"], capture_output=True, text=True, env=env, timeout=60)
    scan = json.loads(out.stdout)
    assert [r["id"] for r in scan["results"]] == ["devices.printer"]
    assert scan["results"][0]["status"] == "fail"
    assert scan["results"][0]["summary"] == "No printer is set up on this computer."
    assert out.returncode == 2
    french = subprocess.run(
        [sys.executable, "-m", "selfcheck", "scan", "--symptom", "printing", "--lang", "fr"], capture_output=True, text=True, env=env, timeout=60
    )
    assert "Aucune imprimante n’est installée sur cet ordinateur." in french.stdout


@pytest.mark.usefixtures("qtbot")
def test_start_page_offers_both_symptoms(qtbot):
    from selfcheck.gui.pages import StartPage

    page = StartPage(config_mod.load())
    qtbot.addWidget(page)
    texts = {key: button.text() for key, button in page.symptom_buttons.items()}
    assert texts["calls"] == "Sound or video calls" and texts["printing"] == "Printing"
