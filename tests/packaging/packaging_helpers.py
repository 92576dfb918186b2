"""Helpers shared by the packaging tests (builds, running the frozen app and the source install)."""

from __future__ import annotations

import importlib.machinery
import importlib.util
import json
import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[2]
BUILD_SCRIPT = ROOT / "packaging" / "build"
ACME = ROOT / "packaging" / "brands" / "acme"
LOCAL_CATEGORIES = ["--category", "hardware", "--category", "os"]  # no network traffic from these
PROBE_LINE = re.compile(r"^selfcheck-probe painted=(?P<painted>[\d.]+) responsive=(?P<responsive>[\d.]+) rss_kb=(?P<rss>-?\d+) title=(?P<title>.*)$", re.M)


def load_build_script() -> ModuleType:
    """packaging/build as a module (it has no .py suffix: it is a command)."""
    if "selfcheck_packaging_build" in sys.modules:
        return sys.modules["selfcheck_packaging_build"]
    loader = importlib.machinery.SourceFileLoader("selfcheck_packaging_build", str(BUILD_SCRIPT))
    spec = importlib.util.spec_from_loader(loader.name, loader)
    assert spec is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[loader.name] = module
    loader.exec_module(module)
    return module


@dataclass
class Build:
    out: Path
    package: str
    command: str
    name: str
    app_id: str
    app: Path  # the one-folder app
    exe: Path
    deb: Path | None
    log: str


def read_build(out: Path, package: str, log: str = "") -> Build:
    info = json.loads((out / package / "build.json").read_text())
    debs = sorted(out.glob(f"{package}_*.deb"))
    app = Path(info["app"])
    return Build(out, package, info["command"], info["name"], info["app_id"], app, app / "selfcheck", debs[-1] if debs else None, log)


def run(command: list[str | Path], *, env: dict[str, str] | None = None, timeout: float = 120, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run a command with the test's environment (its own SELFCHECK_HOME, no plugin autoload)."""
    full_env = dict(os.environ)
    full_env.update(env or {})
    return subprocess.run([str(c) for c in command], capture_output=True, text=True, timeout=timeout, env=full_env, cwd=cwd)


def source(*args: str, env: dict[str, str] | None = None, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """The same command from the source install (the venv's selfcheck)."""
    return run([sys.executable, "-m", "selfcheck", *args], env=env, timeout=timeout)


def json_of(proc: subprocess.CompletedProcess[str]) -> dict:
    assert proc.stdout.strip(), f"no output (exit {proc.returncode}): {proc.stderr[-2000:]}"
    return json.loads(proc.stdout)


def gui_probe(exe: Path | str, *extra: str, mode: str = "1", timeout: float = 60) -> subprocess.CompletedProcess[str]:
    """Open the window offscreen; it prints PROBE_LINE after its first paint and quits (selfcheck.gui.probe)."""
    return run([exe, "gui", *extra], env={"QT_QPA_PLATFORM": "offscreen", "SELFCHECK_EXIT_AFTER_PAINT": mode}, timeout=timeout)
