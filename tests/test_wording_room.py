"""Sizes in the words a person uses: room on the computer counted in photos, not in GB (lay readers, round 4), said as room gained, not as photos (round 5 read "room for about 430 more photos" as 430 photos deleted)."""

from __future__ import annotations

from selfcheck import i18n
from selfcheck.wording import room_of


def test_room_is_said_in_photos_in_english_and_french():
    i18n.set_language("en")
    try:
        assert room_of(1_300_000_000) == "room for about 430 more photos"
        assert room_of(29_400_000) == "room for about 10 more photos"
        assert room_of(3_500_000) == "room for about 1 more photo"
        assert room_of(2_100_000) == "room for less than one more photo"
        assert room_of(12_000_000_000) == "room for about 4,000 more photos"
        i18n.set_language("fr")
        assert room_of(1_300_000_000) == "la place pour environ 430 photos de plus"
        assert room_of(12_000_000_000) == "la place pour environ 4\u202f000 photos de plus"
        assert room_of(0) == "la place pour moins d’une photo de plus"
    finally:
        i18n.set_language("en")
