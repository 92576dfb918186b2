"""Acute problems outrank standing ones in the headline (issue 19), judged by the real checks.

The facts are what the checks collect on a laptop running on battery at 4 % (or whose home
folder stopped accepting writes) and whose firewall is off, a failure by company policy (Linux
shapes, as the system-fault lab makes them for real): the firewall comes first by the checks'
priority alone. The battery stops the computer
within minutes; the firewall has been off for months: the battery is the headline.
"""

from __future__ import annotations

import pytest

from checkkit import config, registry_of
from selfcheck import i18n
from selfcheck.api import Result, Status
from selfcheck.checks.hardware_battery import BatteryCheck
from selfcheck.checks.hardware_disk import DiskCheck
from selfcheck.checks.network_dns import DnsCheck
from selfcheck.checks.network_quality import QualityCheck
from selfcheck.checks.os_restart_pending import RestartPendingCheck
from selfcheck.checks.security_encryption import EncryptionCheck
from selfcheck.checks.security_firewall import FirewallCheck
from selfcheck.diagnosis import diagnose
from selfcheck.runner import evaluate_facts

FIREWALL_OFF = {"platform": "linux", "root": True, "backends": {"nftables": {"filtering": False}, "iptables": {"filtering": False}}, "unreadable": []}
BATTERY_4 = {
    "platform": "linux",
    "percent": 4.0,
    "plugged": False,
    "batteries": [{"name": "BAT0", "status": "Discharging", "percent": 4, "full_capacity": 19870000, "design_capacity": 24050000, "cycle_count": 421}],
}
HOME_UNWRITABLE = {
    "platform": "linux",
    "volumes": [{"mountpoint": "/", "device": "/dev/sda2", "fstype": "ext4", "role": "system", "total": 250 * 10**9, "free": 120 * 10**9, "readonly": False}],
    "smart": {"available": False, "reason": "smartctl is not installed"},
    "write_test": {"result": "failed", "errno": "EIO", "error": "Input/output error", "folder": "/home/ann"},
}


def judged(cls, facts, **thresholds):
    outcome = evaluate_facts(cls, facts, {**cls.thresholds_from(config()), **thresholds})
    return Result.of(cls, outcome)


@pytest.mark.parametrize(
    ("acute_cls", "facts", "english", "french"),
    [
        (BatteryCheck, BATTERY_4, "The battery is almost empty (4%)", "La batterie est presque vide (4\u202f%)"),
        (DiskCheck, HOME_UNWRITABLE, "has stopped accepting changes after an error", "n’accepte plus de modifications"),
    ],
)
def test_a_problem_that_stops_the_computer_now_outranks_a_firewall_that_is_off(acute_cls, facts, english, french):
    registry = registry_of(acute_cls, FirewallCheck)
    for lang, words in (("en", english), ("fr", french)):
        i18n.set_language(lang)
        # a company policy makes a firewall that is off a failure, not a warning
        results = [judged(FirewallCheck, FIREWALL_OFF, off_status="fail"), judged(acute_cls, facts)]
        assert [r.status for r in results] == [Status.FAIL, Status.FAIL]
        d = diagnose(results, registry, config())
        if acute_cls.priority > FirewallCheck.priority:
            assert d.root_causes[0] == "security.firewall"  # by priority alone the firewall would lead
        assert words in d.headline, d.headline
        assert [i.check_id for i in d.verdict.items] == [acute_cls.id, "security.firewall"]
        assert [i.urgency for i in d.verdict.items] == ["now", "later"]
    i18n.set_language("en")


def test_standing_security_findings_can_wait():
    off = judged(FirewallCheck, FIREWALL_OFF)
    plain = judged(EncryptionCheck, {"platform": "linux", "volumes": [{"mountpoint": "/", "encrypted": False}]})
    assert off.urgency == "later"
    assert plain.status is Status.PASS or plain.urgency == "later"
    assert RestartPendingCheck.id  # a pending restart is a warning: it can wait by default


def test_lookups_slowed_by_a_line_that_loses_data_follow_from_it():
    # a line that loses 40 % of its data (the network lab's heavy-loss case): the box's name service answers, but each question
    # lost on the way is asked again a second or more later, so the slowest answer takes seconds. The loss is the one thing
    # to tell the customer; "finding websites by name is very slow" ranked above it sent them to their DNS settings
    lossy = {"support": {"sent": 16, "rtts_ms": [24.0] * 9}, "gateway": {"sent": 10, "rtts_ms": [2.0] * 10}}
    slow_names = {
        "resolvers": ["10.77.0.1"],
        "source": "/etc/resolv.conf",
        "names": ["example.com", "example.org"],
        "queries": {
            "10.77.0.1": {
                "example.com": {"status": "answer", "rcode": "NOERROR", "addresses": ["10.77.9.80"], "ms": 2150.0},
                "example.org": {"status": "answer", "rcode": "NOERROR", "addresses": ["10.77.9.80"], "ms": 31.0},
            }
        },
        "gateway": "10.77.0.1",
    }
    registry = registry_of(QualityCheck, DnsCheck)
    for lang, words in (("en", "The connection loses a lot of data"), ("fr", "La connexion perd beaucoup de données")):
        i18n.set_language(lang)
        results = [judged(QualityCheck, lossy), judged(DnsCheck, slow_names)]
        assert [r.status for r in results] == [Status.FAIL, Status.FAIL], [r.summary for r in results]
        d = diagnose(results, registry, config())
        assert d.root_causes == ["network.quality"] and d.consequences == {"network.quality": ["network.dns"]}, (d.root_causes, d.consequences)
        assert d.headline.startswith(words), d.headline
    i18n.set_language("en")
