"""Send round 110 (issue 21, one lay reader of 67 per language, the send pictures of eaba0958): "Not sent" said "tell them
what is wrong, as you wrote it (no number is needed)" / « (aucun numéro n'est nécessaire) »: "The other screens gave me a
number, so I'm not sure why there's none here", « quel numéro ? Sans doute celui du dossier ». The brackets name the number
the other screens give (send-done's "message number" / « numéro de dossier ») and say there is none this time and none is
needed: on the first refusal and on the second, where no number is shown (with support's request number, it is shown)."""

from __future__ import annotations

import pytest

from selfcheck import i18n

from .conftest import label_words
from .test_support_send_again import _press, _refused, _window, relay  # noqa: F401 (the fixture)

NAMED = {
    "en": "as you wrote it (there is no message number this time, and you do not need one)",
    "fr": "comme vous l’avez écrit (pas de numéro de dossier cette fois, et vous n’en avez pas besoin)",
}
#: send-done's name for the number, in the same words
DONE = {"en": "give them your message number", "fr": "donnez-leur votre numéro de dossier"}


@pytest.fixture(params=["en", "fr"])
def lang(request: pytest.FixtureRequest):
    yield request.param
    i18n.set_language("en")


def test_not_sent_names_the_number_it_does_not_give(qtbot, make_window, relay, lang):  # noqa: F811
    server = relay([403, 403, 200])
    window = _window(qtbot, make_window, server.url, lang)
    dialog = _refused(qtbot, window)
    for _time in ("first", "second"):
        text = label_words(dialog.done_text)
        assert NAMED[lang] in text, text
        assert "no number is needed" not in text and "aucun numéro" not in text, text
        # true: no number is on this screen, nor anything that carries one
        assert not any(w.isVisibleTo(dialog) for w in (dialog.reference, dialog.reference_hint, dialog.copy_button)), text
        assert dialog.bundle.reference not in text, text
        _press(qtbot, dialog, dialog.retry_button)
    # once sent, the screen gives the number by the name the brackets used
    assert DONE[lang] in label_words(dialog.done_text) and dialog.reference.isVisibleTo(dialog)
    dialog.close()
