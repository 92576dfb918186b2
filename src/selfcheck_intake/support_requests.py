"""Support asks for a bundle: single-use request codes that bring the customer's bundle back to a ticket.

An agent (``selfcheck-intake request --ticket 123`` or ``POST /v1/requests`` with the agent token) gets a
code such as ``7K2QD-9XHMA`` and a link ``<public_url>/r/7K2QD-9XHMA``. The customer's click opens
selfcheck through its ``selfcheck://request/<code>`` URL scheme; the bundle sent with the code is added to
the ticket as a follow-up and the code is used up.

Codes: 10 symbols of Crockford's base32 (no I, L, O or U, so nothing looks alike; typed input maps
O→0 and I/L→1), 50 random bits, shown in two groups of five. The database keeps only their SHA-256, so
reading it does not give usable codes. A code reveals only the ticket number and the agent's note.
"""

from __future__ import annotations

import hashlib
import html
import math
import secrets
import time
from dataclasses import dataclass
from typing import Any

from selfcheck.i18n import french_spaces, phone_numbers_together
from selfcheck_intake.queue import REQUEST_EXPIRED as EXPIRED
from selfcheck_intake.queue import REQUEST_OK as OK
from selfcheck_intake.queue import REQUEST_UNKNOWN as UNKNOWN
from selfcheck_intake.queue import REQUEST_USED as USED

__all__ = ["EXPIRED", "OK", "UNKNOWN", "USED", "create", "normalize", "code_hash", "page", "not_now_page", "language"]

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
LENGTH = 10
MAX_NOTE = 500
_TYPED = str.maketrans({"O": "0", "I": "1", "L": "1"})


def new_code() -> str:
    raw = "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))
    return f"{raw[:5]}-{raw[5:]}"


def normalize(text: str) -> str | None:
    """The canonical ``XXXXX-XXXXX`` form of a code as typed or linked, or None if it cannot be one."""
    if not isinstance(text, str) or len(text) > 40:
        return None
    raw = text.strip().upper().replace("-", "").replace(" ", "").translate(_TYPED)
    if len(raw) != LENGTH or any(c not in ALPHABET for c in raw):
        return None
    return f"{raw[:5]}-{raw[5:]}"


def code_hash(code: str) -> str:
    return hashlib.sha256(code.replace("-", "").encode("ascii")).hexdigest()


def valid_ticket(ticket: str) -> str | None:
    """A ticket reference as an agent or a customer gives it (``123``, ``#123``): ASCII digits, at most 20.

    The one check for the ticket an upload names too (app.parse_meta): connectors build helpdesk request paths from it
    with the relay's own credentials, so nothing but digits ever reaches them (not ``1/../users/5``, nor ``²``)."""
    value = str(ticket).strip().lstrip("#")
    return value if value.isascii() and value.isdigit() and 0 < len(value) <= 20 else None


@dataclass
class Created:
    code: str
    url: str
    ticket: str
    expires: float

    def public(self) -> dict[str, Any]:
        return {"code": self.code, "url": self.url, "ticket": self.ticket, "expires": int(self.expires)}


def create(queue: Any, public_url: str, ticket: str, note: str = "", days: float = 7.0) -> Created:
    """Make and record a new code for ``ticket``; ``public_url`` is the relay's address as customers reach it."""
    number = valid_ticket(ticket)
    if number is None:
        raise ValueError("the ticket must be a ticket number")
    code = new_code()
    now = time.time()
    expires = now + days * 86400
    queue.add_request(code_hash(code), number, note.strip()[:MAX_NOTE], now, expires)
    return Created(code=code, url=f"{public_url.rstrip('/')}/r/{code}", ticket=number, expires=expires)


# --- the page a customer's click lands on ----------------------------------------------------------------

TEXTS: dict[str, dict[str, str]] = {
    "en": {
        "title": "Send the results of a check to support",
        "intro": "Your support team asks you to check this computer and send them the results. Their program checks your computer, shows you exactly what it will send, and sends it only when you press its button.",
        "intro_who": "{who} asks you to check this computer and send them the results. Their program checks your computer, shows you exactly what it will send, and sends it only when you press its button.",
        "who": "Who is asking: {who}, {about}",
        # send rounds 90-91 (en): "A link in an e-mail asking me to open a program is exactly what my grandson warns me about as
        # a scam … I'd want a line saying I can phone to check this link is really from Clearline": how to check, with a
        # number they already had (a copied page could show any number)
        "check": "Not sure this page really comes from {who}? Before you press anything, call them on a number you already had, such as the one on a letter or a bill from them.",
        "open": "Open the program that checks this computer",
        # the page without a phone to call: the same claim as the call line's of rounds 33-100 ("But I already have the
        # program"), found by a second engineer in round 101's words: only when, then what to do
        "missing": "If nothing happens when you press the button:",
        # send rounds 30-31 (en): "If nothing opens": "opens where?", "what should open?": the program, after the button
        # send round 33: "They will help you put their program on this computer": "do I already have it or not?" (en), « ajouter
        # leur programme à cet ordinateur » : « Je croyais l'avoir déjà » (fr), beside "They gave you this program": why it
        # may not open (the "missing" sentence's fact), then the help, with "it"
        # send rounds 96-97 (en): "If the program does not open when you press the button, it is not on this computer yet":
        # "isn't it already on my computer?": from what the person sees, then what it means
        # send rounds 33-100 (en, fr): whatever it said about the program not being on this computer was quoted by readers who
        # have it ("But I already have the program", "made me think I'd broken something"): only what to do
        "call": "Nothing happens when you press the button? Call {who} ({contact}): they will help you, step by step, over the phone.",
        "team": "your support team",
        # send round 12: "link?", "what page, who would follow me?", « si vous avez l'habitude… » (« je ne sais pas faire
        # ça »), « Ce programme (lequel ?) »: the link is the one they clicked, the page is this one, nobody sees the rest;
        # the do-it-yourself steps are for when nothing opened, not for the "used to it"
        # send round 13: "put the program on this computer" (half guessed), « j'aurais trop peur »: "install", and how
        # little it asks; the expiry said "it is no longer needed" ("the link?"): the e-mail's link, and "you"
        # send round 14: "install", "the steps to install the program yourself" still quoted: "put it on this computer"
        # send round 16: "how to put the program on this computer yourself" (en: "I wouldn't try that"; fr: « est-ce que ça
        # veut dire l'installer ? »): what the person does, with the word of the button below it
        # round 17: "download" / « télécharger » (« me fait peur »): what it is for, in the words of the line above
        # send round 20: "the steps to do it yourself (a few clicks)", « le mettre sur cet ordinateur : mettre quoi, et comment ? »:
        # what the steps are for (their program, on this computer) and how many there are (the three below)
        # send round 25: "put their program on this computer" / « mettre … leur programme » quoted in rounds 22-25 (en r24: "Do
        # they mean install?"; fr r16 « est-ce que ça veut dire l'installer ? »): the word readers offer
        # send round 27: "how to install their program on this computer yourself": "I wouldn't dare do that alone", « Installer,
        # je ne sais pas faire »: the call is enough; the steps, kept for those who want them, read as optional
        # send round 28: "install" ("I'm not sure what 'install' means"; « installer leur programme : je ne sais pas bien ce
        # que ça veut dire »): what it is, in the words step_allow already uses ("puts the program on it")
        # send rounds 59-63 (en): "put their program on this computer": "Is that the same as installing?", "I'm not sure what
        # 'put their program on' means": the words people use for an app on a phone ("get the app")
        # send round 75 (en): "I don't understand what 'get their program on this computer' involves.": what, from where, and that the
        # computer asks first, in the words of the steps and of the French (« ajouter »); round 20's "(a few clicks)" was quoted
        # send round 76 (en): "(your computer asks you first)": "Asks me what?": whether they agree
        # send rounds 78-80 (en): "add their program": "Add a program? I thought I already had it": for when it is not on this
        # computer, as the line above says, and for those who would rather not call
        # send rounds 93, 95 (en): "3 steps to add the program yourself": "I'm not sure what 'add' means here, and if the program
        # wasn't there I'd rather phone": the words of the call line just above, which no reader quoted ("it is not on this
        # computer yet … help you get it on this computer"), one way of saying it on the page, as the French says « ajouter »
        # in both
        # send rounds 96-97 (en): "Not on this computer yet, and you would rather not call? 3 steps to get the program on this
        # computer yourself, from this page (your computer will ask whether you agree)": "I wouldn't try that alone", "agree to
        # what?": short, as the call line above has said what it is about; the computer's question is said in the step it comes in
        # send rounds 99-100 (en): "Would you rather do it yourself than call?": "I wouldn't dare", "I wouldn't try that": a
        # question that dares the reader; now who the steps are for (people used to computers), and what they do (the button
        # works after them), with no word about what is on this computer
        # send round 101: "If you are used to computers: 3 steps to make the button work without calling": (fr) « Je ne
        # comprends pas pourquoi le bouton ne marcherait pas »: the fold starts from the call line's own question
        # send round 103 (en): that line: "I understand it isn't meant for me"; round 102: "I'm not used to computers, so I'd leave
        # it alone": plainly an option instead of the call above it, and what the steps are (getting the program, from here)
        # send rounds 104-107 (en, fr): "Instead of calling, for people used to computers": "I'm not one of those, so I'd leave
        # it", « c'est pour ceux qui ont l'habitude des ordinateurs, donc je n'y touche pas »: the fold is for whoever pressed the
        # button to no effect (the call line's own words above); said so, and that it is the call's help ("step by step"),
        # written; no "rather" (rounds 99-100: "Would you rather do it yourself than call?": "I wouldn't dare")
        # send round 109 (en): "Only if the button did nothing": "I didn't understand how a button could 'do nothing'": by what
        # the person sees (the button opens the program), as the French
        # send round 112 (en): "If the program did not open: the same help, written here in 3 steps": "Which program, and what
        # are the 3 steps?": the same as the French, not quoted since it was shortened (« les 3 étapes à suivre »)
        "yourself": "If the program does not open: 3 steps to follow",
        "step_get": "Click “{install}” (it is free). Its name then appears at the top right of the window you are reading now: click it to open it.",
        "install": "Download the program",
        "ask": "Ask your support team how to get the program.",
        "step_allow": "Your computer asks you before it puts the program on it. On Windows, its window says “Do you want to allow this app to make changes to your device?” and “Verified publisher: {publisher}” (the company that made the program): if it shows that name, click “Yes”; if it shows another name, click “No” and call {who}. On a Mac, click “Open”.",
        "step_allow_plain": "Your computer asks you before it puts the program on it: click “Yes” (on a Mac, “Open”) only if you downloaded it from this page.",
        "step_back": "Come back to this page and press the blue button again.",
        "expires": "The link in the e-mail you received works until {date}. After you have sent the results, you will not need it again.",
        "used": "This link was already used: what you sent has reached support. If support needs another one, they will send you a new link.",
        "expired": "This link has expired. Please ask your support team for a new one.",
        "unknown": "This link is not known here. Check that you copied it completely, or ask your support team for a new one.",
        # the page cannot be made now (too many look-ups from the reader's address, 429; the relay's records cannot be read,
        # 503): said in lay words with when to try again (Retry-After) and how to reach support, never the API's JSON
        "not_now": "This page cannot open just now. The problem is not on your computer.",
        "again": "Please try again {when}: open the link in the e-mail you received once more.",
        "minute": "in a minute",
        "minutes": "in {n} minutes",
        "hour": "in an hour",
        "hours": "in {n} hours",
        "reach": "Need help before then? Contact {who}: {contact}.",
        "reach_reply": "Need help before then? Reply to the e-mail in which you received this link.",
        "language": "Language:",
        "this": "English",
        # send rounds 59, 63 (en): "Français": "I don't know that word": the language's own name, and what it is in the reader's
        "other": "Français (French)",
    },
    "fr": {
        "title": "Envoyer les résultats d’une vérification à l’assistance",
        "intro": "Votre assistance vous demande de vérifier cet ordinateur et de lui envoyer les résultats. Leur programme vérifie votre ordinateur, vous montre exactement ce qu’il va envoyer, et ne l’envoie que lorsque vous appuyez sur son bouton.",
        "intro_who": "{who} vous demande de vérifier cet ordinateur et de lui envoyer les résultats. Son programme vérifie votre ordinateur, vous montre exactement ce qu’il va envoyer, et ne l’envoie que lorsque vous appuyez sur son bouton.",
        "who": "Qui vous le demande : {who}, {about}",
        "check": "Vous doutez que cette page vienne vraiment de {who} ? Avant d’appuyer sur quoi que ce soit, appelez-les à un numéro que vous aviez déjà, par exemple celui d’un courrier ou d’une facture de leur part.",
        "open": "Ouvrir le programme qui vérifie cet ordinateur",
        "missing": "Si rien ne se passe quand vous appuyez sur le bouton :",
        # send round 100 (fr): « l'ajouter » in the call line: « ajouter quoi, et où ? »; send round 99 (fr): « C'est que le
        # programme n'est pas encore sur cet ordinateur » : « mais je l'ai déjà, ce programme »: only what to do, as the English
        "call": "Rien ne se passe quand vous appuyez sur le bouton ? Appelez {who} ({contact}) : on vous aidera pas à pas, au téléphone.",
        "team": "votre assistance",
        # send round 29 (fr): « comment mettre leur programme sur cet ordinateur »: « je ne sais pas ce qu'il faut mettre »:
        # « ajouter », what the steps do to this computer, in the call line and the steps too (one word on the page); en r29
        # understood "put" ("I wouldn't try that myself, I'd phone")
        # send round 30 (fr): « Inutile si vous appelez. »: « Inutile de quoi ? »: no word that needs what it is about; the
        # steps are what they may do instead of calling, said in one sentence
        # send round 96 (fr): « ajouter leur programme à cet ordinateur, en 3 étapes » : « Je ne sais pas si je l'ai déjà, et je
        # ne le ferais pas seule »: short, as the call line above has said what it is about (« 3 étapes » kept on one line)
        # send rounds 101-103 (fr): « Si vous avez l'habitude des ordinateurs : 3 étapes pour faire marcher le bouton sans
        # appeler » : « Je ne comprends pas pourquoi le bouton ne marcherait pas »; en 103 "I understand it isn't meant for me":
        # as the English, an option instead of the call, and what the steps are
        # send rounds 104-107 (fr): « obtenir le programme ici en 3 étapes » : « C'est pour ceux qui ont l'habitude des
        # ordinateurs, donc je n'y touche pas »: as the English
        # send round 108 (fr): « la même aide, écrite ici en 3 étapes » quoted: what the fold holds, plainly
        # send round 109 (en): "how could a button 'do nothing'": by what the person sees, as the English
        # send round 111 (fr): « Si le programme ne s'est pas ouvert : voici ce qu'il faut faire, en 3 étapes » quoted:
        # shorter, in the words people say (« ne s'ouvre pas », « les étapes à suivre »)
        "yourself": "Si le programme ne s’ouvre pas : les 3\u00a0étapes à suivre",
        "step_get": "Cliquez sur «\u00a0{install}\u00a0» (c’est gratuit). Son nom apparaît ensuite en haut à droite de la fenêtre que vous lisez en ce moment : cliquez dessus pour l’ouvrir.",
        "install": "Télécharger le programme",
        "ask": "Demandez à votre assistance comment obtenir le programme.",
        "step_allow": "Votre ordinateur vous demande la permission avant d’ajouter le programme. Sur Windows, sa fenêtre dit «\u00a0Voulez-vous autoriser cette application à apporter des modifications à votre appareil ?\u00a0» et «\u00a0Éditeur vérifié : {publisher}\u00a0» (l’entreprise qui a fait le programme) : si c’est ce nom, cliquez sur «\u00a0Oui\u00a0» ; si c’est un autre nom, cliquez sur «\u00a0Non\u00a0» et appelez {who}. Sur un Mac, cliquez sur «\u00a0Ouvrir\u00a0».",
        "step_allow_plain": "Votre ordinateur vous demande la permission avant d’ajouter le programme : cliquez sur «\u00a0Oui\u00a0» (sur un Mac, «\u00a0Ouvrir\u00a0») seulement si vous l’avez téléchargé depuis cette page.",
        "step_back": "Revenez sur cette page et appuyez de nouveau sur le bouton bleu.",
        "expires": "Le lien de l’e-mail que vous avez reçu marche jusqu’au {date}. Une fois les résultats envoyés, vous n’en aurez plus besoin.",
        "used": "Ce lien a déjà servi : ce que vous avez envoyé est bien arrivé à l’assistance. Si elle en a besoin d’un autre, elle vous enverra un nouveau lien.",
        "expired": "Ce lien a expiré. Demandez un nouveau lien à votre assistance.",
        "unknown": "Ce lien n’est pas connu ici. Vérifiez que vous l’avez copié en entier, ou demandez un nouveau lien à votre assistance.",
        "not_now": "Cette page ne peut pas s’ouvrir pour le moment. Le problème ne vient pas de votre ordinateur.",
        "again": "Réessayez {when} : ouvrez de nouveau le lien de l’e-mail que vous avez reçu.",
        "minute": "dans une minute",
        "minutes": "dans {n}\u00a0minutes",
        "hour": "dans une heure",
        "hours": "dans {n}\u00a0heures",
        "reach": "Besoin d’aide d’ici là ? Contactez {who} : {contact}.",
        "reach_reply": "Besoin d’aide d’ici là ? Répondez à l’e-mail dans lequel vous avez reçu ce lien.",
        "language": "Langue :",
        "this": "Français",
        "other": "English (anglais)",
    },
}
# French typography's no-break spaces (« Langue : », « vraiment de {who} ? »), as the window's catalogues get them: no line of
# the page ends with « nor starts with » : ; ! ?
TEXTS["fr"] = {key: french_spaces(words) for key, words in TEXTS["fr"].items()}

PAGE_HEADERS = {
    "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; img-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
    "Cache-Control": "no-store",
}

STYLE = (
    "body{font-family:system-ui,sans-serif;max-width:36rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#1b1b1b}"
    "a.button{display:inline-block;background:#1f5fbf;color:#fff;padding:.8rem 1.4rem;border-radius:.4rem;text-decoration:none;font-size:1.1rem}"
    "code{font-size:1.2rem;letter-spacing:.1rem}.small{color:#555;font-size:.9rem}.lang{text-align:right;margin:0}li{margin-bottom:.4rem}summary{cursor:pointer;color:#1f5fbf}"
)


def language(accept: str, wanted: str | None) -> str:
    """``?lang=`` when it names a language we have, else the first of French/English in Accept-Language, else English."""
    if wanted in TEXTS:
        return str(wanted)
    for part in accept.split(","):
        tag = part.split(";")[0].strip().lower()[:2]
        if tag in TEXTS:
            return tag
    return "en"


def long_date(timestamp: float, lang: str) -> str:
    t = time.gmtime(timestamp)
    if lang == "fr":
        months = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"]
        return f"{t.tm_mday} {months[t.tm_mon - 1]} {t.tm_year}"
    months = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]
    return f"{months[t.tm_mon - 1]} {t.tm_mday}, {t.tm_year}"


def page(
    code: str,
    state: str,
    lang: str,
    expires: float | None,
    download_url: str,
    company: str = "",
    about: str | dict[str, str] = "",
    contact: str | dict[str, str] = "",
    publisher: str = "",
) -> str:
    """The HTML page for ``/r/<code>``: no script, no external resource, everything escaped.

    ``company`` and ``about`` ([requests] in the relay's settings; ``about`` as text or ``{en = "…", fr = "…"}``)
    say who asks, in the customer's words: a page that does not say who sends it reads as a scam. ``contact``
    (how to call them, same forms) puts "call them, they will help you install it" first, and ``publisher`` (the
    name the installer's signature shows) lets the person check the computer's "allow this program?" question
    (lay readers, round 6: "answer Yes to the questions" read as a scam).
    """
    t = TEXTS[lang]
    esc = html.escape
    body = _top(lang)
    company = company.strip()
    about_text, contact_text = _by_lang(about, lang), _by_lang(contact, lang)
    if state == OK:
        body.append(f"<p>{esc(t['intro_who'].format(who=company) if company else t['intro'])}</p>")
        if company and about_text:
            body.append(f"<p>{esc(t['who'].format(who=company, about=about_text))}</p>")
        if company:
            body.append(f"<p>{esc(t['check'].format(who=company))}</p>")
        body.append(f'<p><a class="button" href="selfcheck://request/{esc(code)}">{esc(t["open"])}</a></p>')
        # round 8: both readers would call anyway, and the install steps (« Télécharger », « Éditeur vérifié », "make
        # changes to your device") frightened: the button, then whom to call; the steps folded (<details>: no script)
        if contact_text:
            body.append(f"<p><b>{esc(t['call'].format(who=company or t['team'], contact=contact_text))}</b></p>")
        else:
            body.append(f"<p>{esc(t['missing'])}</p>")
        if download_url:
            link = f'<a href="{esc(download_url)}">{esc(t["install"])}</a>'
            get = link.join(esc(piece) for piece in t["step_get"].split("{install}"))
            # round 7: "internet browser", "list of downloads", "publisher", "make changes" lost the readers: fewer steps,
            # with the words the computer's own window shows, explained
            allow = t["step_allow"].format(publisher=publisher.strip(), who=company or t["team"]) if publisher.strip() else t["step_allow_plain"]
            steps = (get, esc(allow), esc(t["step_back"]))
            listed = "<ol>" + "".join(f"<li>{step}</li>" for step in steps) + "</ol>"
            body.append(f"<details><summary>{esc(t['yourself'])}</summary>{listed}</details>" if contact_text else listed)
        elif not contact_text:
            body.append(f"<p>{esc(t['ask'])} {esc(t['step_back'])}</p>")
        # the code is in the button's link only: the window shows the customer one number, their request number
        if expires:
            body.append(f'<p class="small">{esc(t["expires"].format(date=long_date(expires, lang)))}</p>')
    else:
        body.append(f"<p>{esc(t[state])}</p>")
    # send round 24: "Reading this page adds no program, nor anything else, to your computer" / « Lire cette page ne met rien sur
    # votre ordinateur » was quoted again (fr r24 "what would it put?", en r22, r23): a fact about the page (it began as "no
    # cookies, no scripts and no tracking", 6cedd80) that raised the worry it answered; no longer said
    return _document(lang, body)


def wait_words(seconds: float, lang: str) -> str:
    """A Retry-After in the reader's words, rounded up to what a person waits for: "in a minute", "in 5 minutes", "in an hour"."""
    t = TEXTS[lang]
    minutes = max(1, math.ceil(seconds / 60)) if math.isfinite(seconds) else 60
    if minutes == 1:
        return t["minute"]
    if minutes < 60:
        return t["minutes"].format(n=minutes)
    hours = math.ceil(minutes / 60)
    return t["hour"] if hours == 1 else t["hours"].format(n=hours)


def not_now_page(lang: str, retry_after: float, company: str = "", contact: str | dict[str, str] = "") -> str:
    """The page for ``/r/<code>`` when it cannot be made now (429: too many look-ups from the reader's address; 503: the
    relay's records cannot be read): that it cannot open just now, when to try again (``retry_after`` seconds, in
    words), and how to reach support meanwhile (``contact``, as the page gives it, else a reply to support's e-mail)."""
    t = TEXTS[lang]
    esc = html.escape
    contact_text = _by_lang(contact, lang).rstrip(".")
    body = _top(lang)
    body.append(f"<p>{esc(t['not_now'])}</p>")
    body.append(f"<p>{esc(t['again'].format(when=wait_words(retry_after, lang)))}</p>")
    reach = t["reach"].format(who=company.strip() or t["team"], contact=contact_text) if contact_text else t["reach_reply"]
    body.append(f"<p>{esc(reach)}</p>")
    return _document(lang, body)


def _by_lang(value: str | dict[str, str], lang: str) -> str:
    """A company's words from the relay's settings (text, or ``{en = "…", fr = "…"}``) in the reader's language, with
    their phone numbers kept on one line (:func:`phone_numbers_together`)."""
    words = phone_numbers_together((value.get(lang) or value.get("en") or "" if isinstance(value, dict) else value).strip())
    # a company's words written once (a plain string) are read on the French page too: « 17 h) » kept together
    return french_spaces(words) if lang == "fr" else words


def _top(lang: str) -> list[str]:
    """The page's first lines: the language switch and the title."""
    t = TEXTS[lang]
    other = "fr" if lang == "en" else "en"
    esc = html.escape
    # round 7: « Read this page in English » on the French page puzzled: a language switch that looks like one
    switch = f'{esc(t["language"])} <b>{esc(t["this"])}</b> | <a href="?lang={other}" hreflang="{other}" lang="{other}">{esc(t["other"])}</a>'
    return [f'<p class="lang">{switch}</p>', f"<h1>{esc(t['title'])}</h1>"]


def _document(lang: str, body: list[str]) -> str:
    esc = html.escape
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<meta name="robots" content="noindex">'
        f"<title>{esc(TEXTS[lang]['title'])}</title><style>{STYLE}</style></head>"
        f"<body>{''.join(body)}</body></html>\n"
    )


def cli_main(argv: list[str]) -> int:
    """``selfcheck-intake request --config FILE --ticket 123 [--note TEXT] [--days 7] [--json]``, on the relay's host."""
    import argparse
    import json
    import sys
    from pathlib import Path

    from selfcheck_intake.queue import QueueUnavailable
    from selfcheck_intake.queues import open_queue
    from selfcheck_intake.settings import SettingsError, load

    parser = argparse.ArgumentParser(prog="selfcheck-intake request", description="Make a single-use link that asks a customer for a bundle for a ticket.")
    parser.add_argument("--config", type=Path, required=True, help="the relay's TOML configuration")
    parser.add_argument("--ticket", required=True, help="the helpdesk ticket number the bundle should join")
    parser.add_argument("--note", default="", help="a short note the customer sees in selfcheck's window")
    parser.add_argument("--days", type=float, help="days before the link expires (default: [requests] days, 7)")
    parser.add_argument("--json", action="store_true", help="print the answer as JSON")
    args = parser.parse_args(argv)
    try:
        settings = load(args.config)
        if not settings.public_url:
            raise SettingsError("set server.public_url (how customers reach the relay) to make request links")
        queue = open_queue(settings, check=False)  # the relay's start reads the whole file; a link needs one row
    except (SettingsError, QueueUnavailable) as exc:
        print(f"selfcheck-intake: {exc}", file=sys.stderr)
        return 2
    try:
        created = create(queue, settings.public_url, args.ticket, args.note, args.days or settings.request_days)
    except (ValueError, QueueUnavailable) as exc:  # locked or damaged: the log said the file and what to do
        print(f"selfcheck-intake: {exc}", file=sys.stderr)
        return 2
    finally:
        queue.close()
    if args.json:
        print(json.dumps(created.public()))
    else:
        print(
            f"Code: {created.code}\nLink: {created.url}\nTicket: {created.ticket}\nExpires: {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime(created.expires))}"
        )
    return 0
