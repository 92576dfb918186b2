"""What an agent's browser shows when the link to a customer's bundle cannot give the bundle.

The link in a ticket (``/v1/agent/bundles/<id>?expires=…&sig=…``) is opened in a browser: its refusals (403 a link not
valid or expired, 404 no record, 410 deleted by retention, 503 the storage or the database cannot be read now) are a
short page in the agent's language, saying what happened and what to do. API clients (``Accept: application/json``, or
no ``text/html``) keep the JSON answers. Like the request page (:mod:`selfcheck_intake.support_requests`): English or
French by Accept-Language, no script, no external resource, everything escaped, the same security headers.
"""

from __future__ import annotations

import html

from selfcheck.i18n import french_spaces
from selfcheck_intake.support_requests import PAGE_HEADERS, STYLE, long_date

__all__ = ["PAGE_HEADERS", "TEXTS", "page", "wants_page"]

DAY = 86400.0

TEXTS: dict[str, dict[str, str]] = {
    "en": {
        "title": "A customer's diagnostic bundle",
        "forbidden": "This link to a customer's diagnostic bundle is not valid, or it has expired. Open the link in the ticket again, copied whole. If it still does not work, ask the customer to send a new bundle from the program.",
        "unknown": "This relay has no record of this customer's diagnostic bundle. Ask the customer to send a new one from the program.",
        "deleted_linked": "This customer's diagnostic bundle was deleted on {date}, {days} after its ticket was made, as this relay's settings ask. The ticket has only this link, and there is no other copy. Ask the customer to send a new one from the program.",
        "deleted_attached": "This customer's diagnostic bundle was deleted from this relay on {date}, {days} after its ticket was made, as this relay's settings ask. The ticket still has it: open the file attached to the ticket.",
        "day": "1 day",
        "days": "{n} days",
        "unreachable": "The storage where this relay keeps the bundles cannot be reached right now. Nothing has been deleted: try again in a few minutes.",
        "busy": "This relay cannot read its records right now. Try again in a few minutes.",
    },
    "fr": {
        "title": "Le dossier de diagnostic d’un client",
        "forbidden": "Ce lien vers le dossier de diagnostic d’un client n’est pas valable, ou il a expiré. Ouvrez de nouveau le lien du ticket, copié en entier. S’il ne marche toujours pas, demandez au client d’envoyer un nouveau dossier depuis le programme.",
        "unknown": "Ce serveur relais n’a aucune trace du dossier de diagnostic de ce client. Demandez au client d’en envoyer un nouveau depuis le programme.",
        "deleted_linked": "Le dossier de diagnostic de ce client a été supprimé le {date}, {days} après la création de son ticket, comme le demandent les réglages de ce serveur relais. Le ticket n’a que ce lien, et il n’en existe aucune autre copie. Demandez au client d’en envoyer un nouveau depuis le programme.",
        "deleted_attached": "Le dossier de diagnostic de ce client a été supprimé de ce serveur relais le {date}, {days} après la création de son ticket, comme le demandent ses réglages. Le ticket l’a toujours : ouvrez le fichier joint au ticket.",
        "day": "1 jour",
        "days": "{n} jours",
        "unreachable": "Le stockage où ce serveur relais garde les dossiers est injoignable pour le moment. Rien n’a été supprimé : réessayez dans quelques minutes.",
        "busy": "Ce serveur relais ne peut pas lire ses enregistrements pour le moment. Réessayez dans quelques minutes.",
    },
}
# French typography's no-break spaces, as the request page's (no line starts with : ; ! ?)
TEXTS["fr"] = {key: french_spaces(words) for key, words in TEXTS["fr"].items()}


def wants_page(accept: str) -> bool:
    """Whether the client reads pages: a browser names text/html in Accept (not at q=0, nor below application/json); an
    API client asks application/json, ``*/*`` or nothing."""
    weights: dict[str, float] = {}
    for part in accept.lower().split(","):
        kind, *params = part.split(";")
        weight = 1.0
        for param in params:
            name, _, value = param.strip().partition("=")
            if name == "q":
                try:
                    weight = float(value)
                except ValueError:
                    weight = 0.0
        weights[kind.strip()] = max(weight, weights.get(kind.strip(), 0.0))
    wanted = weights.get("text/html", 0.0)
    return wanted > 0 and wanted >= weights.get("application/json", 0.0)


def page(state: str, lang: str, *, deleted: float = 0.0, ticketed: float = 0.0, attached: bool = False) -> str:
    """The page for a refused agent link: ``state`` is forbidden, unknown, deleted (``deleted``: when the sweep deleted
    it, ``ticketed``: when its ticket was made, ``attached``: the ticket holds the file), unreachable or busy."""
    t = TEXTS[lang]
    esc = html.escape
    if state == "deleted":
        n = max(1, round((deleted - ticketed) / DAY))
        days = t["day"] if n == 1 else t["days"].format(n=n)
        said = t["deleted_attached" if attached else "deleted_linked"].format(date=long_date(deleted, lang), days=days)
    else:
        said = t[state]
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<meta name="robots" content="noindex">'
        f"<title>{esc(t['title'])}</title><style>{STYLE}</style></head>"
        f"<body><h1>{esc(t['title'])}</h1><p>{esc(said)}</p></body></html>\n"
    )
