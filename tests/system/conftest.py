"""The system-fault lab fixture (tests/syslab.py): one lab per test module."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import syslab  # noqa: E402


@pytest.fixture(scope="module")
def syslab_lab(tmp_path_factory):
    problem = syslab.availability_problem()
    if problem:
        pytest.skip(problem)
    lab = syslab.SysLab(tmp_path_factory.mktemp("syslab"))
    yield lab
    lab.close()
