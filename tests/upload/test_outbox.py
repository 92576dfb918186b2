"""The outbox on disk: one entry per bundle id, found by id prefix or reference, locked while sending."""

from __future__ import annotations

import os
import re
import time

import pytest

from selfcheck.upload.outbox import FAILED, NO_BUNDLE, QUEUED, NotABundle, Outbox, backoff
from sendkit import make_bundle, manifest_of


def test_the_same_bundle_queued_twice_is_one_entry(tmp_path):
    outbox = Outbox(tmp_path / "outbox")
    bundle = make_bundle(tmp_path / "b.zip")
    first = outbox.add(bundle, {"kind": "intake", "url": "https://x"}, email="a@example.org")
    first.status, first.attempts = FAILED, 3
    outbox.save(first)
    again = outbox.add(bundle, {"kind": "intake", "url": "https://x"}, email=None)
    assert [e.bundle_id for e in outbox.entries()] == [manifest_of(bundle)["bundle_id"]]
    assert again.status == "queued" and again.attempts == 3 and again.email == "a@example.org"
    assert again.bundle_path.read_bytes() == bundle.read_bytes()


def test_a_message_whose_bundle_is_gone_is_listed_and_queued_again_whole(tmp_path):
    """state.json left without its bundle.zip (deleted, a damaged disk): listed, never sent, and queuing the same bundle
    again (the person presses Send again) writes the bundle back, not a waiting entry with nothing to send."""
    outbox = Outbox(tmp_path / "outbox")
    bundle = make_bundle(tmp_path / "b.zip")
    outbox.add(bundle, {"kind": "intake", "url": "https://x"}).bundle_path.unlink()
    (listed,) = outbox.entries()
    assert listed.status == NO_BUNDLE and listed.reference == manifest_of(bundle)["reference"]
    again = outbox.add(bundle, {"kind": "intake", "url": "https://x"})
    assert again.status == QUEUED and again.bundle_path.read_bytes() == bundle.read_bytes()
    assert [(e.bundle_id, e.status) for e in outbox.entries()] == [(manifest_of(bundle)["bundle_id"], QUEUED)]


def test_entries_are_found_by_prefix_or_reference(tmp_path):
    outbox = Outbox(tmp_path / "outbox")
    bundle = make_bundle(tmp_path / "b.zip")
    m = manifest_of(bundle)
    outbox.add(bundle, {"kind": "intake"})
    assert outbox.find(m["bundle_id"][:6]).bundle_id == m["bundle_id"]
    assert outbox.find(m["reference"]).bundle_id == m["bundle_id"]
    assert outbox.find("zzzz") is None


def test_not_a_bundle_and_hostile_ids_are_refused(tmp_path):
    outbox = Outbox(tmp_path / "outbox")
    junk = tmp_path / "junk.zip"
    junk.write_bytes(b"nope")
    with pytest.raises(NotABundle):
        outbox.add(junk, {"kind": "intake"})
    with pytest.raises(NotABundle):
        outbox.add(make_bundle(tmp_path / "evil.zip", bundle_id="../../etc"), {"kind": "intake"})
    assert not (tmp_path / "etc").exists()


def test_a_lock_keeps_a_second_sender_out_until_it_goes_stale(tmp_path):
    outbox = Outbox(tmp_path / "outbox")
    entry = outbox.add(make_bundle(tmp_path / "b.zip"), {"kind": "intake"})
    assert outbox.lock(entry)
    assert not outbox.lock(entry)
    old = time.time() - 2 * 3600
    os.utime(entry.folder / "sending.lock", (old, old))
    assert outbox.lock(entry)
    outbox.unlock(entry)
    assert outbox.lock(entry)


def test_due_only_lists_queued_entries_whose_time_has_come(tmp_path):
    outbox = Outbox(tmp_path / "outbox")
    a = outbox.add(make_bundle(tmp_path / "a.zip"), {"kind": "intake"})
    b = outbox.add(make_bundle(tmp_path / "b.zip"), {"kind": "intake"})
    c = outbox.add(make_bundle(tmp_path / "c.zip"), {"kind": "intake"})
    b.next_try = time.time() + 600
    c.status = FAILED
    outbox.save(b)
    outbox.save(c)
    assert [e.bundle_id for e in outbox.due()] == [a.bundle_id]


def test_backoff_doubles_with_jitter_and_stays_under_the_cap():
    for attempts, base in ((1, 60), (2, 120), (3, 240)):
        delays = [backoff(attempts, 60, 3600) for _ in range(50)]
        assert all(0.5 * base <= d <= 1.5 * base for d in delays)
        assert len(set(delays)) > 1
    assert all(backoff(30, 60, 3600) <= 1.5 * 3600 for _ in range(20))


def test_outbox_list_says_its_dates_as_people_write_them(tmp_path, capsys, selfcheck_home):
    """`selfcheck outbox` printed "2026-12-07 09:24" for a message sent and "waiting, next try 2036-12-07 09:24": the rest of
    the command line says a moment as its reader writes it (selfcheck show's first line: "December 7, 2026 at 09:24 UTC"),
    here in this computer's own time, as the customer's clock shows it: "December 7, 2026 at 09:24" / « 7 décembre 2026 à 9 h 24 »."""
    import json
    import re
    from datetime import datetime

    from selfcheck import cli, paths
    from selfcheck.upload import Outbox

    sent_at = datetime(2026, 12, 7, 9, 24).timestamp()  # this computer's time zone, whichever it is
    next_try = datetime(2036, 12, 7, 9, 24).timestamp()
    waiting = Outbox().add(make_bundle(tmp_path / "b.zip"), {"kind": "intake", "url": "http://127.0.0.1:9"})
    waiting.next_try = next_try
    Outbox().save(waiting)
    sent = paths.user_data_dir() / "outbox" / "sent.json"
    sent.write_text(json.dumps([{"bundle_id": "b1", "reference": "7K2QD-9XHMA", "ticket": "T-1", "status_url": None, "sent_at": sent_at}]), encoding="utf-8")
    for lang, sent_line, waiting_words in (
        ("en", "  December 7, 2026 at 09:24  7K2QD-9XHMA  ticket T-1", "waiting, next try on December 7, 2036 at 09:24"),
        ("fr", "  7 décembre 2026 à 9\u00a0h\u00a024  7K2QD-9XHMA  ticket T-1", "en attente, prochain essai le 7 décembre 2036 à 9\u00a0h\u00a024"),
    ):
        capsys.readouterr()
        assert cli.main(["outbox", "list", "--lang", lang]) == 0
        out = capsys.readouterr().out
        assert sent_line in out.splitlines(), out
        assert waiting_words in out, out
        assert not re.search(r"\d{4}-\d\d-\d\d", out.replace(waiting.bundle_id, "")), out


def test_outbox_list_keeps_the_files_size_for_support_s_line(tmp_path, capsys, selfcheck_home):
    """`selfcheck outbox list` put the file's size ("19 KB", « 634 octets ») on the line the customer reads first, between
    their message number and whether it waits: a byte count is not theirs. It is now on support's line under it, after the
    reason the last try failed (read with "too large for the support server"), as `selfcheck bundle` says it "For support:"."""
    from selfcheck import cli, wording
    from selfcheck.i18n import language
    from selfcheck.upload import Outbox

    waiting = Outbox().add(make_bundle(tmp_path / "b.zip"), {"kind": "intake", "url": "http://127.0.0.1:9"})
    waiting.last_error, waiting.attempts = "too_large", 1
    Outbox().save(waiting)
    fresh = Outbox().add(make_bundle(tmp_path / "c.zip"), {"kind": "intake", "url": "http://127.0.0.1:9"})
    size = re.compile(r"\d+(?:[.,]\d+)?[ \u00a0\u202f]?(?:[KMGT]B|[KMGT]o|bytes|octets)\b")
    for lang, too_large, file_is in (
        ("en", "For support: The bundle is too large for the support server. The file is {size}.", "For support: The file is {size}."),
        (
            "fr",
            "Pour l’assistance\u00a0: Le dossier de diagnostic est trop volumineux pour le serveur de l’assistance. Le fichier fait {size}.",
            "Pour l’assistance\u00a0: Le fichier fait {size}.",
        ),
    ):
        capsys.readouterr()
        assert cli.main(["outbox", "list", "--lang", lang]) == 0
        lines = capsys.readouterr().out.splitlines()
        with language(lang):
            sizes = {e.bundle_id: wording.size(e.size) for e in (waiting, fresh)}
        for entry, support in ((waiting, too_large), (fresh, file_is)):
            (first,) = [n for n, line in enumerate(lines) if line.startswith(entry.reference + "  ")]
            assert not size.search(lines[first]), lines[first]  # what the customer reads first: no byte count
            assert lines[first + 1] == "    " + support.format(size=sizes[entry.bundle_id]), lines
