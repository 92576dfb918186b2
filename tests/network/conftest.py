"""The network lab fixture: one lab per test module, reset to healthy after each test."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import netlab  # noqa: E402


@pytest.fixture(scope="module")
def lab_base(tmp_path_factory):
    lab = netlab.lab_or_skip(tmp_path_factory.mktemp("netlab"))
    yield lab
    lab.close()


@pytest.fixture
def lab(lab_base):
    yield lab_base
    lab_base.reset()
