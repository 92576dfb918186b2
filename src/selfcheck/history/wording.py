"""A scan's headline in every language selfcheck speaks, for the history.

Kept apart from :mod:`selfcheck.history` because it judges the facts again (the runner and the verdict):
the history itself sits below them, and :func:`selfcheck.history.install` is handed this function by
the front ends' start-up (:mod:`selfcheck.app`)."""

from __future__ import annotations

import logging
from typing import Any

log = logging.getLogger(__name__)


def headlines(app: Any, scan: Any) -> dict[str, str]:
    """The scan's headline in every language selfcheck speaks, so ``selfcheck history`` reads in its
    reader's language whatever the language of the scan.

    The scan's own language keeps the words the customer read; each other language is worded again from
    the scan's facts (the checks' evaluation is pure), the problems kept in the order the customer saw
    them. Worded in this thread only (:func:`selfcheck.i18n.language`): the window goes on in its own.
    """
    from selfcheck import i18n, verdict
    from selfcheck.runner import reevaluate

    own = scan.language or i18n.current_language()
    worded = {own: scan.diagnosis.headline}
    told = scan.diagnosis.verdict
    if told is None or not scan.facts:
        return worded
    for lang in i18n.SUPPORTED:
        if lang == own:
            continue
        try:
            with i18n.language(lang):
                again = reevaluate(app.registry, app.config, scan)
                consequences = again.diagnosis.consequences if again.diagnosis else {}
                worded[lang] = verdict.build(again.results, told.order, app.config, scan.symptom, consequences).headline
        except Exception:  # the scan's own words stay: never lose the record for a translation
            log.warning("could not word the headline in %s", lang, exc_info=True)
    return worded
