"""What changed between two states: every kind of change, as a plain sentence."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

from selfcheck import i18n
from selfcheck.history import History, what_changed
from selfcheck.history.changes import GB, diff_states, relevant_kinds

GOOD = {
    "os_version": "Windows 10.0.22631",
    "dns_servers": ["192.168.1.1"],
    "gateway": "192.168.1.254",
    "proxy": {},
    "free_space": {"C:\\": 80 * GB},
    "startup": ["HKCU-Run:OneDrive"],
    "software": {"windows:Zoom": ["5.17.1", 1700000000], "windows:7-Zip": ["23.01", 1690000000], "windows:OldVPN": ["1.0", 1600000000]},
}
BAD = {
    "os_version": "Windows 10.0.22635",
    "dns_servers": ["10.0.0.53"],
    "gateway": "10.0.0.1",
    "proxy": {"https": "http://10.0.0.8:3128"},
    "free_space": {"C:\\": 2 * GB},
    "startup": ["HKCU-Run:OneDrive", "HKCU-Run:SuperCleaner"],
    "software": {"windows:Zoom": ["5.17.5", 1732000000], "windows:7-Zip": ["23.01", 1690000000], "windows:SuperCleaner": ["3.2", 1732100000]},
}


def texts(changes):
    return [c.text for c in changes]


def test_every_kind_of_change_is_named_plainly():
    found = texts(diff_states(GOOD, BAD))
    assert "Your DNS server changed from 192.168.1.1 to 10.0.0.53." in found
    assert "Your router (default gateway) changed from 192.168.1.254 to 10.0.0.1." in found
    assert "The proxy settings changed from none to https=http://10.0.0.8:3128." in found
    assert "The operating system was updated from Windows 10.0.22631 to Windows 10.0.22635." in found
    assert "SuperCleaner 3.2 was installed." in found
    assert "Zoom was updated from 5.17.1 to 5.17.5." in found
    assert "OldVPN was removed." in found
    assert "Free space on C:\\ dropped from 85.9 GB to 2.1 GB." in found
    assert "A program now starts with the computer: SuperCleaner." in found


def test_free_space_is_said_as_the_disk_check_says_it_in_french_too():
    """The disk check says '68,1 Go libres' (1 GB = 10^9 bytes, decimal comma): the change in free space on the same disk
    said 'passé de 68.1 Go à 11.5 Go' for 73.1 GB and 12.3 GB (1024^3 bytes, a decimal point), two figures for one disk."""
    from selfcheck.wording import size

    before, after = 73_100_000_000, 12_300_000_000
    with i18n.language("fr"):
        found = texts(diff_states({"free_space": {"/": before}}, {"free_space": {"/": after}}, ["free_space"]))
        assert found == ["L’espace libre sur / est passé de 73,1\u00a0Go à 12,3\u00a0Go."]
        assert size(after) == "12,3\u00a0Go"


def test_same_state_has_no_changes_and_small_space_changes_are_ignored():
    assert diff_states(GOOD, GOOD) == []
    slightly = {**GOOD, "free_space": {"C:\\": 79.8 * GB}}
    assert diff_states(GOOD, slightly) == []


def test_only_the_kinds_that_matter_to_a_check_are_compared():
    kinds = relevant_kinds("network.dns")
    assert "dns_servers" in kinds and "free_space" not in kinds
    found = texts(diff_states(GOOD, BAD, kinds))
    assert not any("Free space" in t for t in found)
    assert any("DNS server" in t for t in found)


def test_changes_in_french():
    i18n.set_language("fr")
    found = texts(diff_states(GOOD, BAD, ["dns_servers"]))
    assert found == ["Votre serveur DNS est passé de 192.168.1.1 à 10.0.0.53."]


def _scan(when, status, dns_status):
    return {
        "scan_id": str(uuid.uuid4()),
        "started_at": when.isoformat(),
        "status": status,
        "exit_code": 0 if status == "pass" else 2,
        "diagnosis": {"headline": "h"},
        "results": [{"id": "network.dns", "status": dns_status, "summary": "s"}],
    }


def test_a_dns_server_changed_since_yesterdays_good_scan_is_told_with_the_dates(tmp_path):
    t0 = datetime(2026, 11, 24, 14, 2, tzinfo=UTC)
    with History(tmp_path / "h.db") as db:
        db.add(_scan(t0, "pass", "pass"), GOOD)
        bad = _scan(t0 + timedelta(hours=19, minutes=13), "fail", "fail")
        db.add(bad, BAD)
        found = what_changed(db, bad)
    assert len(found) == 1 and found[0].check_id == "network.dns"
    text = found[0].text
    assert text.startswith("This started between ")
    assert "Your DNS server changed from 192.168.1.1 to 10.0.0.53." in text
    assert "Free space" not in text  # not relevant to DNS


def test_a_good_and_a_bad_scan_in_the_same_minute_do_not_say_between_16_51_and_16_51():
    from selfcheck.history.changes import describe_start

    t = datetime(2026, 11, 25, 16, 51, 5, tzinfo=UTC)
    text = describe_start(t.isoformat(), (t + timedelta(seconds=20)).isoformat())
    assert text.startswith("This was first seen on ") and " and " not in text
    assert describe_start(t.isoformat(), (t + timedelta(hours=2)).isoformat()).startswith("This started between ")


def test_a_problem_seen_only_in_this_scan_has_nothing_to_say_but_an_older_one_says_since_when(tmp_path):
    t0 = datetime(2026, 11, 24, 14, 2, tzinfo=UTC)
    with History(tmp_path / "h.db") as db:
        first = _scan(t0, "fail", "fail")
        db.add(first, BAD)
        assert what_changed(db, first) == []
        later = _scan(t0 + timedelta(hours=3), "fail", "fail")
        db.add(later, BAD)
        found = what_changed(db, later)
    assert len(found) == 1 and found[0].last_good is None
    assert found[0].text.startswith("This was first seen on ")


def test_the_customer_reads_dates_as_people_say_them_and_changes_without_addresses():
    from selfcheck import plainwords
    from selfcheck.history.changes import describe_plain, when_plain

    now = datetime(2026, 12, 4, 23, 45).astimezone()
    assert when_plain((now - timedelta(minutes=15)).isoformat(), now) == "today at 23:30"
    assert when_plain((now - timedelta(days=1, hours=9)).isoformat(), now) == "yesterday at 14:45"
    assert when_plain((now - timedelta(days=3)).isoformat(), now) == "on Tuesday at 23:45"
    assert when_plain((now - timedelta(days=31)).isoformat(), now) == "on 3 November at 23:45"
    item = {
        "last_good": (now - timedelta(days=1)).isoformat(),
        "first_bad": (now - timedelta(minutes=15)).isoformat(),
        "changes": [{"kind": "dns_servers", "text": "Your DNS server changed from 192.168.1.1 to 10.0.0.53.", "plain": ""}],
    }
    sentence, changes = describe_plain({**item, "changes": []}, now)
    # send round 19: "Room on this computer: It still worked… (how can room 'work'?)": words that fit every check
    # send round 24 (fr): « la vérification faite mardi »: « je n'ai rien fait mardi : le programme vérifie tout seul ? »: who checked
    assert sentence == ("When this program checked this computer yesterday at 23:45, all was well. When it checked today at 23:30, this problem had started.")
    assert "worked" not in sentence
    assert "no setting changed" not in sentence  # read as a contradiction beside a pending restart (round 4)
    assert "we track" not in sentence
    i18n.set_language("fr")
    try:
        assert when_plain((now - timedelta(minutes=15)).isoformat(), now) == "aujourd’hui à 23\u00a0h\u00a030"
        sentence, _ = describe_plain({"first_bad": (now - timedelta(days=1)).isoformat()}, now)
        assert sentence == "Nous l’avons vu pour la première fois quand l’ordinateur a été vérifié hier à 23\u00a0h\u00a045."
        assert "suivons" not in sentence
        sentence, _ = describe_plain({**item, "changes": []}, now)
        assert (
            sentence
            == "Quand ce programme a vérifié cet ordinateur hier à 23\u00a0h\u00a045, tout allait bien. Quand il l’a vérifié aujourd’hui à 23\u00a0h\u00a030, ce problème avait commencé."
        )
        assert "vérification faite" not in sentence
        assert "marchait" not in sentence
    finally:
        i18n.set_language("en")
    # a real change from the history: the window shows its plain words, support keeps the addresses
    found = diff_states({"dns_servers": ["192.168.1.1"]}, {"dns_servers": ["10.0.0.53"]}, ["dns_servers"])
    assert "10.0.0.53" in found[0].text
    _sentence, changes = describe_plain({**item, "changes": [c.to_dict() for c in found]}, now)
    assert changes == ["The way this computer finds websites changed (a setting of your network or internet box)."]
    assert not plainwords.problems(" ".join(changes))


def test_a_date_of_another_year_says_its_year_for_the_customer_and_for_support():
    """The history keeps 400 days: a last good check on 15 November of last year read 'on 15 November', weeks
    ago to the customer, and 'Saturday 15 Nov' to support (a weekday of last year's date, not this year's)."""
    from selfcheck.history.changes import describe_plain, describe_start

    now = datetime.now().astimezone().replace(second=0, microsecond=0)
    then = (now - timedelta(days=385)).replace(hour=9, minute=40)
    bad = now - timedelta(minutes=5)
    item = {"last_good": then.isoformat(), "first_bad": bad.isoformat(), "changes": []}
    sentence, _ = describe_plain(item, now)
    assert sentence.startswith(f"When this program checked this computer on {then.day} {then:%B} {then.year} at 09:40, all was well. When it checked ")
    start = describe_start(then.isoformat(), bad.isoformat())
    assert start == f"This started between {then:%A %d %b} {then.year} 09:40 and {bad:%A %d %b %H:%M}."  # this year's date stays short
    i18n.set_language("fr")
    try:
        sentence, _ = describe_plain(item, now)
        assert f" {then.year} à 9\u00a0h\u00a040, tout allait bien. " in sentence
        assert f" {then.day:02d}/{then.month:02d}/{then.year} 09:40 et " in describe_start(then.isoformat(), bad.isoformat())
    finally:
        i18n.set_language("en")


def test_selfchecks_own_entry_for_a_waiting_message_is_not_a_new_program_starting_with_the_computer(tmp_path, monkeypatch):
    """Review of 99c07a04: while a message to support waits for the internet, the at-login entry that sends it
    (selfcheck.upload.atlogin) sits among the programs that start with the computer; the snapshot listed it, so "what
    changed" told support of a new startup program the customer never added. Another program's entry still counts."""
    from selfcheck.history import changes
    from selfcheck.upload import atlogin

    monkeypatch.setattr(changes.sys, "platform", "linux")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    folder = tmp_path / "autostart"
    folder.mkdir()
    (folder / atlogin.DESKTOP_FILE).write_text("[Desktop Entry]\nType=Application\nExec=selfcheck outbox send-waiting\n", encoding="utf-8")
    (folder / "chat-helper.desktop").write_text("[Desktop Entry]\nType=Application\nExec=chat-helper\n", encoding="utf-8")
    items = changes._startup_items()
    assert "autostart:chat-helper.desktop" in items
    assert f"autostart:{atlogin.DESKTOP_FILE}" not in items
    # the names written out in changes (no import of atlogin there: an import circle) are atlogin's own, on every system
    assert {f"autostart:{atlogin.DESKTOP_FILE}", f"launchd:{atlogin.LABEL}.plist", f"HKCU-Run:{atlogin.RUN_VALUE}"} <= changes.OWN_STARTUP_ITEMS
