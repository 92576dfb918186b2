"""Rendering report.html from recorded scans: the bundles in docs/usability/support-agent/*/bundle.zip.

    .venv/bin/python benchmarks/report_render.py [--repeat 200] [--runs 7] [--save DIR | --compare DIR]

Each bundle's parts (results.json, system.json, description, history, logs, support-card.json and the
manifest's lists) are read once, then ``selfcheck.bundle.report.render`` runs on them as
``BundlePlan.finalise`` calls it, ``--repeat`` times per run; the median of ``--runs`` runs is printed
per bundle, in ms per page. Two cases:

- "as recorded": results.json carries the verdict the customer saw (``Verdict.from_dict``);
- "no verdict": the same scan without diagnosis.verdict (a bundle of an older selfcheck), whose
  verdict the report builds from the results (``Scan.from_dict(...).diagnosis.verdict``).

``--save DIR`` writes every page rendered (each bundle, en and fr, both cases) and ``--compare DIR`` says
whether today's pages are byte-identical to those saved: run ``--save`` before a change that should not alter
the page and ``--compare`` after it.

Reads files only: no scan, no traffic. Prints the figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import copy
import json
import statistics
import sys
import time
import zipfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
BUNDLES = ROOT / "docs" / "usability" / "support-agent"


def render_args(path: Path) -> dict[str, Any]:
    """report.render's arguments from a recorded bundle, as BundlePlan.finalise passes them."""
    with zipfile.ZipFile(path) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    manifest = json.loads(parts["manifest.json"])

    def part(name: str) -> Any:
        return json.loads(parts[name]) if name in parts else None

    return {
        "scan": part("results.json"),
        "description": part("description.json"),
        "system": part("system.json"),
        "redaction": manifest.get("redaction") or [],
        "files": [{"path": p, "size": len(b)} for p, b in parts.items() if p not in ("manifest.json", "report.html")],
        "skipped": manifest.get("skipped") or [],
        "limits_hit": manifest.get("limits_hit") or [],
        "meta": {k: manifest.get(k) for k in ("reference", "bundle_id", "created_at", "selfcheck_version")},
        "history": part("history.json"),
        "timeline_svg": parts["recording/timeline.svg"].decode("utf-8", "replace") if "recording/timeline.svg" in parts else None,
        "logs": {p: b for p, b in parts.items() if p.startswith("logs/")},
        "support_card": part("support-card.json"),
    }


def without_verdict(args: dict[str, Any]) -> dict[str, Any]:
    out = dict(args)
    out["scan"] = copy.deepcopy(args["scan"])
    (out["scan"].get("diagnosis") or {}).pop("verdict", None)
    return out


def ms_per_page(render: Any, args: dict[str, Any], repeat: int, runs: int) -> float:
    medians = []
    for _ in range(runs):
        start = time.perf_counter()
        for _ in range(repeat):
            render(**args)
        medians.append((time.perf_counter() - start) / repeat * 1000)
    return statistics.median(medians)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=200, help="pages rendered per run")
    parser.add_argument("--runs", type=int, default=7, help="runs per case (the median is printed)")
    pages = parser.add_mutually_exclusive_group()
    pages.add_argument("--save", type=Path, metavar="DIR", help="write every page rendered to DIR")
    pages.add_argument("--compare", type=Path, metavar="DIR", help="compare every page with those --save wrote to DIR")
    options = parser.parse_args()
    from selfcheck import i18n
    from selfcheck.bundle import report

    bundles = sorted(BUNDLES.glob("*/bundle.zip"))
    if not bundles:
        print(f"no recorded bundle under {BUNDLES}")
        return 1
    print(f"report.html, ms per page (median of {options.runs} runs of {options.repeat} pages)")
    print(f"{'bundle':24} {'as recorded':>12} {'no verdict':>12}")
    totals = [0.0, 0.0]
    for path in bundles:
        args = render_args(path)
        i18n.set_language(args["scan"].get("language") or "en")
        figures = [ms_per_page(report.render, a, options.repeat, options.runs) for a in (args, without_verdict(args))]
        totals = [t + f for t, f in zip(totals, figures, strict=True)]
        print(f"{path.parent.name:24} {figures[0]:12.3f} {figures[1]:12.3f}")
    print(f"{'sum':24} {totals[0]:12.3f} {totals[1]:12.3f}")
    if options.save or options.compare:
        return pages_saved_or_compared(bundles, options.save, options.compare)
    return 0


def pages_saved_or_compared(bundles: list[Path], save: Path | None, compare: Path | None) -> int:
    from selfcheck import i18n
    from selfcheck.bundle import report

    if save:
        save.mkdir(parents=True, exist_ok=True)
    differ = []
    count = 0
    for path in bundles:
        args = render_args(path)
        for lang in ("en", "fr"):
            i18n.set_language(lang)
            for case, case_args in (("recorded", args), ("no-verdict", without_verdict(args))):
                page = report.render(**case_args).encode("utf-8")
                name = f"{path.parent.name}-{lang}-{case}.html"
                count += 1
                if save:
                    (save / name).write_bytes(page)
                elif compare and (not (compare / name).exists() or (compare / name).read_bytes() != page):
                    differ.append(name)
    if save:
        print(f"{count} pages written to {save}")
    else:
        print(f"{count - len(differ)} of {count} pages byte-identical to {compare}" + (f"; differ: {', '.join(differ)}" if differ else ""))
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
