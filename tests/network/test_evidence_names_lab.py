"""The network checks' evidence from their real collect, in the network lab: every key has a French name, as
tests/test_evidence_names.py asks of the other checks' real collect and of every check's recorded facts."""

from __future__ import annotations

from collections.abc import Callable

import pytest

import netlab
from test_evidence_names import unnamed

pytestmark = [pytest.mark.netlab]

#: a healthy lab, and faults whose evidence has keys of its own (what was reached, the secure sites' kinds)
FAULTS: dict[str, Callable[[netlab.Lab], object]] = {
    "healthy": lambda lab: None,
    "line-down": lambda lab: lab.gateway_rule("ip daddr 198.51.100.0/24 drop"),
    "secure-sites-blocked": lambda lab: lab.gateway_rule("tcp dport 443 drop"),
}


@pytest.mark.parametrize("fault", list(FAULTS))
def test_every_key_of_the_network_checks_evidence_in_the_lab_has_a_french_name(lab, fault):
    """A French window, report.html or card read "second resolver status", "ping method", "loss percent" of the network
    checks' evidence: each key now has a French name (selfcheck.evidence.EVIDENCE_NAMES)."""
    FAULTS[fault](lab)
    results = lab.scan(langs=("fr",))["fr"]["results"]
    assert {r["id"] for r in results} >= {"network.link", "network.gateway", "network.dns", "network.https"}
    assert [line for r in results for line in unnamed(r["id"], r.get("evidence") or {})] == []
