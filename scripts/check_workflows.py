"""Checks the GitHub Actions workflows offline, so they cannot rot while no runner is reachable from here.

1. check-jsonschema against GitHub's workflow schema (its built-in, vendored copy: no network);
2. zizmor's security audit (--offline): any finding fails, except unpinned actions, which are pinned
   before a signed release (docs/release.md, "Pin the actions").

Usage: .venv/bin/python scripts/check_workflows.py [WORKFLOW.yml ...]   (default: .github/workflows/*.yml)
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
ALLOWED = {"unpinned-uses"}


def problems(workflows: list[Path]) -> list[str]:
    """What is wrong with ``workflows``, in words (empty: all good)."""
    found: list[str] = []
    names = [str(w) for w in workflows]
    schema = subprocess.run([str(BIN / "check-jsonschema"), "--builtin-schema", "vendor.github-workflows", *names], capture_output=True, text=True, check=False)
    if schema.returncode != 0:
        found.append(f"not a valid GitHub workflow:\n{schema.stdout}{schema.stderr}")
    audit = subprocess.run([str(BIN / "zizmor"), "--offline", "--format", "json", *names], capture_output=True, text=True, check=False)
    try:
        findings = json.loads(audit.stdout or "[]")
    except ValueError:
        return [*found, f"zizmor did not run: {audit.stderr.strip()[-2000:]}"]
    for finding in findings:
        if finding.get("ident") in ALLOWED or finding.get("ignored"):
            continue
        where = finding.get("locations", [{}])[0].get("concrete", {}).get("location", {}).get("start_point", {})
        found.append(f"zizmor {finding.get('ident')}: {finding.get('desc')} (line {where.get('row', 0) + 1}) {finding.get('url', '')}")
    return found


def main(argv: list[str]) -> int:
    workflows = [Path(a) for a in argv] or sorted((ROOT / ".github" / "workflows").glob("*.y*ml"))
    found = problems(workflows)
    for problem in found:
        print(problem, file=sys.stderr)
    return 1 if found else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
