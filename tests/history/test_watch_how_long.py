"""How long to watch, as every step that says it tells the customer (comes-and-goes round 3, en and fr: the all-fine page said
to keep going "until the watching stops by itself, after 5 minutes", and the reader "closed the little window after one minute"
and asked whether that spoiled it). Each step now says, as the watching window does, that the watching may be stopped as soon
as the problem has happened, else it stops by itself after 5 minutes; the support card's reply repeats the screen's steps in
the same words."""

from __future__ import annotations

import pytest

from recordings import AT_REST, ON_CABLE, busy_recording, link_down_recording, passed_results
from selfcheck import app as app_mod
from selfcheck import i18n, plainwords, supportcard, verdict
from selfcheck.history import record

SAYS = {
    "en": {
        "first": "You can stop the watching as soon as the problem has happened; otherwise it stops by itself after 5 minutes.",
        "again": "You can stop the watching as soon as the problem happens again; otherwise it stops by itself after 5 minutes.",
        "once more": "Then watch once more, the same way: click “Watch again while it happens”, then “Start watching”.",
        "wait": ("until the watching stops by itself", "wait until"),
    },
    "fr": {
        "first": "Vous pouvez arrêter la surveillance dès que le problème s’est produit\u202f; sinon, elle s’arrête toute seule au bout de 5 minutes.",
        "again": "Vous pouvez arrêter la surveillance dès que le problème se reproduit\u202f; sinon, elle s’arrête toute seule au bout de 5 minutes.",
        "once more": "Surveillez ensuite encore une fois, de la même façon\u00a0: cliquez sur «\u00a0Surveiller de nouveau pendant que ça arrive\u00a0», "
        "puis sur «\u00a0Commencer à surveiller\u00a0».",
        "wait": ("jusqu’à ce que la surveillance s’arrête", "attendez que"),
    },
}


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_every_step_that_says_how_long_to_watch_says_it_may_be_stopped_once_the_problem_has_happened(lang):
    app_mod.start((), "en")
    with i18n.language(lang):
        config = app_mod.start((), lang).config
        internet = verdict.build(passed_results(), [], config, "internet")
        slow = verdict.build(passed_results(), [], config, "slow-computer")
        cuts = verdict.recorded(internet, record.seen(link_down_recording()), ON_CABLE, config)
        busy = verdict.recorded(internet, record.seen(busy_recording()), ON_CABLE, config)
        card = supportcard.build({"language": lang, "results": AT_REST}, ON_CABLE, recording=link_down_recording())
    says = SAYS[lang]
    # the all-fine page's watch step, the internet's and another problem's
    for page in (internet, slow):
        assert page.action is not None and says["first"] in page.action.text, page.action
    # after a thing tried: the first watch says it, the next one says to watch the same way
    assert cuts.action is not None and busy.action is not None
    watches = [s for s in (cuts.action.text, *cuts.action.steps) if says["again"] in s]
    assert len(watches) == 1 and says["once more"] in cuts.action.steps, cuts.action
    assert any(says["again"] in s for s in busy.action.steps), busy.action
    # no step tells them to wait for the end any more
    every = [page.action.text for page in (internet, slow)] + [*cuts.action.steps, *busy.action.steps]
    for step in every:
        assert not any(w in step for w in says["wait"]), step
        assert plainwords.problems(step) == [], step
    # the support card's reply repeats the screen's watch steps word for word
    assert f"2. {watches[0]}" in card.reply.splitlines() and f"4. {says['once more']}" in card.reply.splitlines(), card.reply
    app_mod.start((), "en")
