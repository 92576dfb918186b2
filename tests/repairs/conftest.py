"""The network lab with the router's DHCP server (dnsmasq), shared by the repair tests that need it."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import netlab  # noqa: E402


@pytest.fixture(scope="package")
def lab(tmp_path_factory):
    problem = netlab.availability_problem()
    if problem:
        pytest.skip(problem)
    if not shutil.which("dnsmasq") or not shutil.which("dhclient"):
        pytest.skip("the DHCP lab needs dnsmasq and dhclient (.ci/apt.d/repairs.txt)")
    lab = netlab.Lab(tmp_path_factory.mktemp("netlab"))
    try:
        lab.build()
        lab.start_dhcp()
    except (RuntimeError, OSError) as exc:
        lab.close()
        pytest.skip(f"the network lab could not be built here: {exc}")
    yield lab
    lab.client_address_back()
    lab.close()
