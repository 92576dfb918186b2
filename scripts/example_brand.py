"""The example company of the screenshots (scripts/screenshots.py, scripts/request_page_screenshots.py).

Lay readers asked who "support" is, whether they chose them and whether it costs money: the example is a
provider a customer knows, with who they are in the customer's words, as a company would fill in its
branding settings (``[branding] company``, ``about``) and the relay's (``[requests] company``, ``about``).
"""

from __future__ import annotations

from typing import Any


def example_branding(lang: str) -> dict[str, Any]:
    """A plausible company's branding: a provider a customer knows, with who they are in the customer's words."""
    if lang == "fr":
        return {
            # the program as the company names it: « selfcheck » was read as an English word (verdict round 5)
            "product_name": "Clearline — vérification",
            "company": "Clearline Assistance",
            "about": "les personnes de Clearline, votre compagnie d’internet et de téléphone, qui vous aident. Elles vous ont donné ce programme, gratuit pour les clients Clearline.",
            "support_contact": "téléphone 01 23 45 67 89, du lundi au vendredi, de 9 h à 17 h",
            "response_time": "en général le lendemain (sauf le samedi, le dimanche et les jours fériés)",
            "support_email": "aide@clearline-help.com",
        }
    return {
        "product_name": "Clearline — computer check",
        "company": "Clearline Help",
        "about": "the people at Clearline, your internet and phone company, who help you. They gave you this program, free for Clearline customers.",
        "support_contact": "phone 01 23 45 67 89, Monday to Friday, 9am–5pm",
        "response_time": "usually the next day, Monday to Friday",  # send round 13: "working day: does Saturday count?"
        "support_email": "help@clearline-help.com",
    }
