"""Helpers for the bundle tests: a check that finds a problem, a fixed identity, running scans."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from selfcheck.api import Check, Context, Facts, Outcome, Thresholds
from selfcheck.bundle.redact import Identity
from selfcheck.runner import Runner


class FailingDemoCheck(Check):
    """A check that always finds a problem, with advice and evidence (for the report)."""

    id = "test.demo_problem"
    category = "network"
    title = "Demo problem"
    version = "3"

    def collect(self, ctx: Context) -> Facts:
        return {"latency_ms": 950, "limit_ms": 200}

    def evaluate(self, facts: Facts, thresholds: Thresholds) -> Outcome:
        if facts["latency_ms"] > facts["limit_ms"]:
            return Outcome.fail(
                "The connection is very slow <b>right now</b>.",
                advice=["Move closer to the Wi-Fi box.", "Restart the box."],
                evidence={"latency_ms": facts["latency_ms"]},
            )
        return Outcome.ok("The connection is fast.")


IDENTITY = Identity(user="jdupont", home="/home/jdupont", host="PC-JDUPONT-42")


def write_config(folder: Path, text: str = "") -> Path:
    path = folder / "test-config.toml"
    path.write_text(text, encoding="utf-8")
    return path


def run_scan(app: Any, only: tuple[str, ...] | None = None) -> Any:
    checks = [c for c in app.registry if only is None or c.id in only]
    return Runner(app.registry, app.config).run(checks)
