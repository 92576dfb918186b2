#!/usr/bin/env python3
"""Screenshots of the relay's request-link page (/r/CODE) in English and French: docs/screenshots/request-page*.png.

    sudo .venv/bin/python scripts/request_page_screenshots.py [--out docs/screenshots]

The page is rendered by the relay's own code into a file, then photographed by headless Chromium started
inside a new, empty network namespace (``unshare -n``, root): it cannot reach any network at all.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from selfcheck_intake import support_requests  # noqa: E402

sys.path.insert(0, str(ROOT / "scripts"))
from example_brand import example_branding  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", default=str(ROOT / "docs" / "screenshots"))
    args = parser.parse_args()
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if browser is None or shutil.which("unshare") is None:
        print("needs chromium and unshare (util-linux), as root", file=sys.stderr)
        return 2
    out = Path(args.out)
    expires = time.time() + 7 * 86400
    with tempfile.TemporaryDirectory() as tmp:
        for lang, suffix in (("en", ""), ("fr", "-fr")):
            brand = example_branding(lang)  # the same company as the window's screenshots
            company, about = brand["company"], brand["about"]
            page = Path(tmp) / f"page-{lang}.html"
            page.write_text(
                support_requests.page(
                    "7K2QD-9XHMA", "ok", lang, expires, "https://support.example.com/selfcheck", company, about, brand["support_contact"], "Clearline"
                ),
                encoding="utf-8",
            )
            target = out / f"request-page{suffix}.png"
            cmd = ["unshare", "-n", browser, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"]
            cmd += ["--disable-component-update", "--disable-sync", "--hide-scrollbars", f"--user-data-dir={tmp}/profile", "--window-size=720,1100"]
            cmd += [f"--screenshot={target}", page.as_uri()]
            subprocess.run(cmd, capture_output=True, timeout=120, check=True)
            print(f"wrote {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
