"""The GitHub Actions workflow passes GitHub's schema and zizmor offline; the gate catches a broken or unsafe one."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
import check_workflows  # noqa: E402 - after the sys.path change

WORKFLOW = ROOT / ".github" / "workflows" / "build.yml"
needs_tools = pytest.mark.skipif(not (check_workflows.BIN / "zizmor").exists(), reason="zizmor and check-jsonschema come with the test extra")


@needs_tools
def test_the_workflow_passes_the_schema_and_the_security_audit():
    assert check_workflows.problems([WORKFLOW]) == []


@needs_tools
def test_an_injectable_or_invalid_workflow_is_refused(tmp_path):
    unsafe = tmp_path / "unsafe.yml"
    unsafe.write_text(
        "on: pull_request_target\npermissions: {}\njobs:\n  a:\n    runs-on: ubuntu-22.04\n    steps:\n"
        "      - run: echo ${{ github.event.pull_request.title }}\n",
        encoding="utf-8",
    )
    assert any("template-injection" in p for p in check_workflows.problems([unsafe]))
    invalid = tmp_path / "invalid.yml"
    invalid.write_text("on: push\njobs:\n  a:\n    runs-on: ubuntu-22.04\n    stepz: []\n", encoding="utf-8")
    assert any("not a valid GitHub workflow" in p for p in check_workflows.problems([invalid]))


def test_the_workflow_tests_builds_installs_and_runs_on_every_platform():
    jobs = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))["jobs"]
    assert set(jobs["tests"]["strategy"]["matrix"]["os"]) == {"windows-2022", "macos-14"}
    assert jobs["tests-linux"]["container"]["image"].startswith("debian:bookworm")  # the machine .ci/run is made for
    assert "./.ci/run" in [step.get("run") for step in jobs["tests-linux"]["steps"]]
    for job in ("windows", "macos"):
        runs = "\n".join(step.get("run", "") for step in jobs[job]["steps"])
        assert "scan --json --category hardware --category os --category security" in runs
        assert "--category network" not in runs
        assert "selfcheck-probe painted=" in runs
    assert "/VERYSILENT" in "\n".join(step.get("run", "") for step in jobs["windows"]["steps"])
