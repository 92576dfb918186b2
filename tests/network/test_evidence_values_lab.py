"""The network checks' evidence from their real collect, in the network lab: every coded value has French words, every
moment is a date and every other text value is declared data, as tests/test_evidence_values.py asks of the other checks'
real collect and of every check's recorded facts."""

from __future__ import annotations

import pytest
from test_evidence_names_lab import FAULTS, fault_results

from test_evidence_values import unsaid

pytestmark = [pytest.mark.netlab]


@pytest.mark.parametrize("fault", list(FAULTS))
def test_every_coded_value_of_the_network_checks_evidence_in_the_lab_has_french_words(request, fault):
    """A French window, report.html or card read « réponse : cert_error », « état du lien : up », « 443 : timeout » of the
    network checks' evidence: each code now has French words (selfcheck.evidence.CODED)."""
    results = fault_results(request, fault)  # the scan tests/network/test_evidence_names_lab.py reads, made once
    assert {r["id"] for r in results} >= {"network.link", "network.gateway", "network.dns", "network.https"}
    assert [line for r in results for line in unsaid(r["id"], r.get("evidence") or {})] == []
