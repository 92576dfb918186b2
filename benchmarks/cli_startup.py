"""Start-up time of the command line: ``selfcheck --version`` as a whole process.

    .venv/bin/python benchmarks/cli_startup.py [--repeat 20]

Target: under 150 ms (Qt, requests and friends are imported only when needed).
Also prints the time of ``selfcheck list --json`` (config, translations, discovery of every check)
and the modules ``--version`` imports that it should not. Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HEAVY = ("PySide6", "requests", "psutil", "cpuinfo", "dns", "urllib3", "truststore", "platformdirs", "tomllib")


def selfcheck_command() -> list[str]:
    script = Path(sys.executable).with_name("selfcheck")
    return [str(script)] if script.exists() else [shutil.which("selfcheck") or "selfcheck"]


def timed(cmd: list[str], repeat: int, env: dict[str, str]) -> list[float]:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True, env=env)
        times.append(time.perf_counter() - start)
    return times


def heavy_imports(env: dict[str, str]) -> list[str]:
    code = "import sys; from selfcheck import cli; cli.main(['--version']); print('\\n'.join(sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True).stdout.split()
    return sorted({name.split(".")[0] for name in out if name.split(".")[0] in HEAVY})


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as home:
        # like an installed selfcheck: bytecode cached (pip compiles it at install)
        env = {**{k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}, "SELFCHECK_HOME": home}
        cmd = selfcheck_command()
        timed([*cmd, "--version"], 2, env)  # warm the file cache
        version = timed([*cmd, "--version"], args.repeat, env)
        listing = timed([*cmd, "list", "--json"], max(3, args.repeat // 4), env)
        python = timed([sys.executable, "-c", "pass"], args.repeat, env)
        print(f"python -c pass:           median {statistics.median(python) * 1000:6.1f} ms (the interpreter alone)")
        print(f"selfcheck --version:      median {statistics.median(version) * 1000:6.1f} ms, best {min(version) * 1000:.1f} ms (target < 150 ms)")
        print(f"selfcheck list --json:    median {statistics.median(listing) * 1000:6.1f} ms")
        print(f"heavy modules imported by --version: {', '.join(heavy_imports(env)) or 'none'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
