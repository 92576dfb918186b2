"""The network checks' evidence from their real collect, in the network lab: every key has a French name, as
tests/test_evidence_names.py asks of the other checks' real collect and of every check's recorded facts."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

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


#: each fault's French scan, made once per session: this file and tests/network/test_evidence_values_lab.py read the same
#: scan (the line-down one waits 8 s for its timeouts)
_SCANS: dict[str, list[dict[str, Any]]] = {}


def fault_results(request: pytest.FixtureRequest, fault: str) -> list[dict[str, Any]]:
    """The results of the network checks' real collect in the lab with ``fault``, scanned in French; the lab (and its
    reset to healthy after the test) only when this session has not scanned that fault yet."""
    if fault not in _SCANS:
        lab = request.getfixturevalue("lab")
        FAULTS[fault](lab)
        _SCANS[fault] = lab.scan(langs=("fr",))["fr"]["results"]
    return _SCANS[fault]


@pytest.mark.parametrize("fault", list(FAULTS))
def test_every_key_of_the_network_checks_evidence_in_the_lab_has_a_french_name(request, fault):
    """A French window, report.html or card read "second resolver status", "ping method", "loss percent" of the network
    checks' evidence: each key now has a French name (selfcheck.evidence.EVIDENCE_NAMES)."""
    results = fault_results(request, fault)
    assert {r["id"] for r in results} >= {"network.link", "network.gateway", "network.dns", "network.https"}
    assert [line for r in results for line in unnamed(r["id"], r.get("evidence") or {})] == []
