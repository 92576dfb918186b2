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
    if not shutil.which("dnsmasq") or not shutil.which("dhclient"):
        pytest.skip("the DHCP lab needs dnsmasq and dhclient (.ci/apt.d/repairs.txt)")
    lab = netlab.lab_or_skip(tmp_path_factory.mktemp("netlab"), netlab.Lab.start_dhcp)
    yield lab
    lab.client_address_back()
    lab.close()
