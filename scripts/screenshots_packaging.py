"""Screenshots of a branded build: the frozen "ACME Support Check" window, in English and French.

    .venv/bin/python scripts/screenshots_packaging.py [--build-dir DIR]

Builds packaging/brands/acme with packaging/build into build/screenshots (or reuses ``--build-dir``, a
``packaging/build --out`` folder holding acme-support-check/), opens the frozen app offscreen, and saves
docs/screenshots/brand-acme.png and brand-acme-fr.png (selfcheck.gui.probe takes the picture).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "screenshots"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--build-dir", type=Path)
    args = parser.parse_args()
    build_dir = args.build_dir or ROOT / "build" / "screenshots"
    if args.build_dir is None:
        subprocess.run(
            [sys.executable, str(ROOT / "packaging" / "build"), "--brand", str(ROOT / "packaging" / "brands" / "acme"), "--out", str(build_dir)], check=True
        )
    info = json.loads((build_dir / "acme-support-check" / "build.json").read_text())
    exe = Path(info["app"]) / "selfcheck"
    OUT.mkdir(parents=True, exist_ok=True)
    for lang, name in (("en", "brand-acme.png"), ("fr", "brand-acme-fr.png")):
        with tempfile.TemporaryDirectory() as home:
            env = dict(
                os.environ,
                QT_QPA_PLATFORM="offscreen",
                SELFCHECK_HOME=home,
                SELFCHECK_DISABLE_PLUGIN_AUTOLOAD="1",
                SELFCHECK_EXIT_AFTER_PAINT="1",
                SELFCHECK_PROBE_SCREENSHOT=str(OUT / name),
            )
            proc = subprocess.run([str(exe), "gui", "--lang", lang], env=env, capture_output=True, text=True, timeout=60)
            if proc.returncode != 0 or not (OUT / name).is_file():
                raise SystemExit(f"no screenshot ({proc.returncode}): {proc.stdout[-500:]} {proc.stderr[-1500:]}")
            print(OUT / name)
    return 0


if __name__ == "__main__":
    sys.exit(main())
