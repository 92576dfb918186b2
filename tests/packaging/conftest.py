"""Builds for the packaging tests: the plain app and the ACME-branded one, once per session.

Both PyInstaller runs start together (they are mostly single-threaded, and the
machine has two cores) as soon as the tests are collected, when one collected needs
them (pytest_collection_finish), at the lowest priority: they use what the tests
before them leave of the processors (the lab tests mostly wait), and each test waits
only for the build it needs. The .deb
is gzip-compressed here (xz takes ~50 s of CPU per package; its size is the benchmark's business). Set
``SELFCHECK_TEST_BUILD_DIR`` to reuse builds made earlier by ``packaging/build``
(``--out`` that folder; nothing is rebuilt then). Builds go to build/test-packaging/.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from packaging_helpers import ACME, BUILD_SCRIPT, ROOT, Build, read_build


class _Job:
    def __init__(self, out: Path, package: str, args: list[str]) -> None:
        self.out, self.package = out, package
        self.log_path = out / f"{package}.log"
        out.mkdir(parents=True, exist_ok=True)
        self.log_file = self.log_path.open("w")
        self.proc = subprocess.Popen(
            # niced: started early, they must not slow the tests that run meanwhile (some time what they watch)
            ["nice", "-n", "10", sys.executable, str(BUILD_SCRIPT), "--deb", "--deb-compression", "gzip", "--out", str(out), *args],
            stdout=self.log_file,
            stderr=subprocess.STDOUT,
            cwd=ROOT,
        )
        self.result: Build | None = None

    def wait(self) -> Build:
        if self.result is None:
            code = self.proc.wait(timeout=900)
            self.log_file.close()
            log = self.log_path.read_text(errors="replace")
            assert code == 0, f"packaging/build failed ({code}):\n{log[-4000:]}"
            self.result = read_build(self.out, self.package, log)
        return self.result


def _can_build() -> str | None:
    if not sys.platform.startswith("linux"):
        return "the packaging tests build the Linux app"
    if importlib.util.find_spec("PyInstaller") is None:
        return "PyInstaller is not installed (pip install -e '.[build]')"
    if shutil.which("dpkg-deb") is None:
        return "dpkg-deb is missing (apt install dpkg-dev)"
    return None


def _start() -> dict[str, _Job | Build]:
    out = ROOT / "build" / "test-packaging"  # not under pytest's tmp folders: other pytest runs prune those
    shutil.rmtree(out, ignore_errors=True)
    return {
        "selfcheck": _Job(out, "selfcheck", []),
        "acme-support-check": _Job(out, "acme-support-check", ["--brand", str(ACME)]),
    }


#: the builds started once the tests are collected (pytest_collection_finish), before the first test that needs one runs
_started: dict[str, _Job | Build] = {}
_NEEDS_A_BUILD = {"_build_jobs", "plain_build", "acme_build"}


def pytest_collection_finish(session: pytest.Session) -> None:
    """Start the builds now when a collected test needs one, so that they are made while the tests before it run."""
    if session.config.option.collectonly or os.environ.get("SELFCHECK_TEST_BUILD_DIR") or _can_build() or _started:
        return
    if any(_NEEDS_A_BUILD & set(getattr(item, "fixturenames", ())) for item in session.items):
        _started.update(_start())


def pytest_sessionfinish(session: pytest.Session) -> None:
    """A build still running when the tests end (interrupted, or its tests deselected after all) is stopped."""
    for job in _started.values():
        if isinstance(job, _Job) and job.proc.poll() is None:
            job.proc.kill()
            job.proc.wait()
            job.log_file.close()


@pytest.fixture(scope="session")
def _build_jobs() -> dict[str, _Job | Build]:
    reason = _can_build()
    reuse = os.environ.get("SELFCHECK_TEST_BUILD_DIR")
    if reuse:
        out = Path(reuse)
        return {"selfcheck": read_build(out, "selfcheck"), "acme-support-check": read_build(out, "acme-support-check")}
    if reason:
        pytest.skip(reason)
    if not _started:
        _started.update(_start())
    return _started


def _get(jobs: dict[str, _Job | Build], package: str) -> Build:
    job = jobs[package]
    return job if isinstance(job, Build) else job.wait()


@pytest.fixture(scope="session")
def plain_build(_build_jobs: dict[str, _Job | Build]) -> Build:
    return _get(_build_jobs, "selfcheck")


@pytest.fixture(scope="session")
def acme_build(_build_jobs: dict[str, _Job | Build]) -> Build:
    return _get(_build_jobs, "acme-support-check")
