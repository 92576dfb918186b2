"""What the customer already tried, in the relay's ticket: each repair's start in the words the support card says it
("November 25, 2026 at 11:58 UTC", commit 8e84074c), no longer the raw "2026-11-25 11:58 UTC" under the card's words."""

from __future__ import annotations

import json

from selfcheck.i18n import language
from selfcheck_intake.settings import Limits
from selfcheck_intake.validate import validate_bundle
from sendkit import make_bundle

TRIED = {
    "repairs": [
        {
            "repair": "network.renew_address",
            "title": "Ask the router for a new network address",
            "outcome": "not_fixed",
            "started_at": "2026-11-25T11:58:03+00:00",
        },
        {"repair": "storage.empty_trash", "title": "Empty the trash", "outcome": "fixed", "started_at": "2026-11-24T10:12:44+01:00"},
        {"repair": "time.resync", "title": "Set the clock automatically", "outcome": "done", "started_at": "2026-13-45T99:99:00+00:00"},
    ]
}


def test_the_tickets_repairs_say_their_time_as_the_card_does_in_english_and_utc(tmp_path):
    """In English for the agents even where French is in force (a relay started on a French system), in UTC as the card
    (a start recorded with another offset is said in UTC), and a moment no calendar has is no date at all."""
    bundle = make_bundle(tmp_path / "b.zip", {"results.json": b"{}", "repairs.json": json.dumps(TRIED).encode()})
    with language("fr"):
        tried = validate_bundle(bundle, Limits()).tried
    assert tried == [
        "Ask the router for a new network address (network.renew_address), November 25, 2026 at 11:58 UTC: done, but the problem was still there",
        "Empty the trash (storage.empty_trash), November 24, 2026 at 09:12 UTC: worked (checked again)",
        "Set the clock automatically (time.resync), ?: done",
    ]
