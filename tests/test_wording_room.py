"""Sizes in the words a person uses: room on the computer counted in photos, not in GB (lay readers, round 4)."""

from __future__ import annotations

from selfcheck import i18n
from selfcheck.wording import room_of


def test_room_is_said_in_photos_in_english_and_french():
    i18n.set_language("en")
    try:
        assert room_of(1_300_000_000) == "the room of about 430 photos"
        assert room_of(29_400_000) == "the room of about 10 photos"
        assert room_of(3_500_000) == "the room of about 1 photo"
        assert room_of(2_100_000) == "the room of less than one photo"
        assert room_of(12_000_000_000) == "the room of about 4,000 photos"
        i18n.set_language("fr")
        assert room_of(1_300_000_000) == "la place d’environ 430 photos"
        assert room_of(12_000_000_000) == "la place d’environ 4\u202f000 photos"
        assert room_of(0) == "la place de moins d’une photo"
    finally:
        i18n.set_language("en")
