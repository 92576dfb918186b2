#!/usr/bin/env python3
"""Record what systemd's own tools print about core dumps, for os.crashes' tests.

    .venv/bin/python scripts/coredump_journal.py [--out tests/fixtures/hwos/linux]

Builds a journal file with the real ``systemd-journal-remote`` from journal export format entries
carrying the fields systemd-coredump writes (ENTRIES below), then runs the real ``coredumpctl`` and
``journalctl`` on that file and writes their output, under a header naming the command, to
coredumpctl_list.json, coredumpctl_list.txt, journal_coredumps.json and journal_coredumps.txt.
Nothing else is read: no running journald, no real crash, no network.

Debian packages: systemd-journal-remote (systemd-journal-remote, needs libmicrohttpd12) and
systemd-coredump (coredumpctl). Installing systemd-coredump also sets the kernel's core_pattern for
the whole machine; ``apt-get download`` and ``dpkg -x`` give the programs without that, then pass
their paths (and LD_LIBRARY_PATH for libmicrohttpd) to this script.
"""

from __future__ import annotations

import argparse
import os
import shutil
import struct
import subprocess
import tempfile
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT_DIR = Path(__file__).resolve().parent.parent
OUT = ROOT_DIR / "tests" / "fixtures" / "hwos" / "linux"
TZ = "Europe/Paris"
BOOT_ID = "5f4e5e0d2c5a4f6e9a3b1c7d8e9f0a1b"
MACHINE_ID = "0d3c8b4e6f7a4b2c9d1e2f3a4b5c6d7e"
HOST = "laptop"

# (local time of the crash in TZ, pid, uid, signal number, signal name, exe, comm, core file kept)
CRASHES = [
    ("2024-03-05 09:41:27", 4123, 1000, 11, "SIGSEGV", "/usr/bin/gnome-shell", "gnome-shell", True),
    ("2024-03-06 14:02:51", 8811, 1000, 6, "SIGABRT", "/usr/lib64/firefox/firefox", "firefox", True),
    ("2024-03-07 18:30:09", 9120, 1000, 11, "SIGSEGV", "/usr/lib64/firefox/firefox", "firefox", False),
    ("2024-03-08 08:12:44", 10211, 1000, 11, "SIGSEGV", "/usr/lib64/firefox/firefox", "firefox", True),
]


def entries() -> list[dict[str, str]]:
    """The journal entries systemd-coredump (systemd 252, src/coredump/coredump.c) writes for CRASHES."""
    out = []
    for i, (local, pid, uid, sig, signame, exe, comm, kept) in enumerate(CRASHES):
        crash_us = int(datetime.strptime(local, "%Y-%m-%d %H:%M:%S").replace(tzinfo=ZoneInfo(TZ)).timestamp()) * 1_000_000
        logged_us = crash_us + 2_184_311  # systemd-coredump writes the entry once the core is stored
        message = (
            f"Process {pid} ({comm}) of user {uid} dumped core.\n\n"
            f"Stack trace of thread {pid}:\n"
            f"#0  0x00007f3a5c28ae2c n/a (libc.so.6 + 0x8ae2c)\n"
            f"ELF object binary architecture: AMD x86-64"
        )
        entry = {
            "__REALTIME_TIMESTAMP": str(logged_us),
            "__MONOTONIC_TIMESTAMP": str(86_400_000_000 * (i + 1)),
            "_BOOT_ID": BOOT_ID,
            "_MACHINE_ID": MACHINE_ID,
            "_HOSTNAME": HOST,
            "_TRANSPORT": "journal",
            "_UID": "0",
            "_GID": "0",
            "_PID": str(pid + 7),
            "_COMM": "systemd-coredum",
            "_EXE": "/usr/lib/systemd/systemd-coredump",
            "_SYSTEMD_UNIT": f"systemd-coredump@{i}-{pid + 7}-0.service",
            "_SOURCE_REALTIME_TIMESTAMP": str(logged_us - 312),
            "PRIORITY": "2",
            "SYSLOG_IDENTIFIER": "systemd-coredump",
            "MESSAGE_ID": "fc2e22bc6ee647b6b90729ab34a250b1",
            "MESSAGE": message,
            "COREDUMP_PID": str(pid),
            "COREDUMP_UID": str(uid),
            "COREDUMP_GID": str(uid),
            "COREDUMP_SIGNAL": str(sig),
            "COREDUMP_SIGNAL_NAME": signame,
            "COREDUMP_TIMESTAMP": str(crash_us),
            "COREDUMP_RLIMIT": "18446744073709551615",
            "COREDUMP_COMM": comm,
            "COREDUMP_EXE": exe,
            "COREDUMP_CMDLINE": exe,
            "COREDUMP_HOSTNAME": HOST,
            "COREDUMP_OWNER_UID": str(uid),
            "COREDUMP_USER_UNIT": f"app-{comm}-{pid}.scope",
            "COREDUMP_UNIT": f"user@{uid}.service",
            "COREDUMP_SLICE": f"user-{uid}.slice",
        }
        if kept:
            entry["COREDUMP_FILENAME"] = f"/var/lib/systemd/coredump/core.{comm}.{uid}.{BOOT_ID}.{pid}.{crash_us}.zst"
        out.append(entry)
    return out


def export_format(items: list[dict[str, str]]) -> bytes:
    """systemd's journal export format: FIELD=value lines, a value with a newline as FIELD, size, bytes."""
    data = b""
    for entry in items:
        for key, value in entry.items():
            raw = value.encode()
            data += key.encode() + (b"\n" + struct.pack("<Q", len(raw)) + raw if b"\n" in raw else b"=" + raw) + b"\n"
        data += b"\n"
    return data


COMMANDS: dict[str, list[str]] = {
    "coredumpctl_list.json": ["{coredumpctl}", "--file", "{journal}", "list", "--json=short", "--no-pager"],
    "coredumpctl_list.txt": ["{coredumpctl}", "--file", "{journal}", "list", "--no-pager", "--no-legend"],
    "journal_coredumps.json": ["{journalctl}", "--file", "{journal}", "-q", "--no-pager", "-o", "json", "MESSAGE_ID=fc2e22bc6ee647b6b90729ab34a250b1"],
    "journal_coredumps.txt": ["{journalctl}", "--file", "{journal}", "-q", "--no-pager", "-o", "short-iso", "MESSAGE_ID=fc2e22bc6ee647b6b90729ab34a250b1"],
    # SYSTEMD_COLORS=1 in the environment (some people export it): colours and, before each message, the catalog's
    # documentation link as a terminal hyperlink around the "[🡕]" glyph, even into a pipe (src/shared/logs-show.c)
    "journal_coredumps_colors.txt": [
        "SYSTEMD_COLORS=1",
        "{journalctl}",
        "--file",
        "{journal}",
        "-q",
        "--no-pager",
        "-o",
        "short-iso",
        "MESSAGE_ID=fc2e22bc6ee647b6b90729ab34a250b1",
    ],
}


def record(journal_remote: str, coredumpctl: str, journalctl: str, workdir: Path) -> dict[str, tuple[str, str]]:
    """{fixture name: (command as a reader would type it, its stdout)}, run with stdout a pipe as the check runs them."""
    journal = workdir / "coredump.journal"
    env = {**os.environ, "TZ": TZ, "LC_ALL": "C.UTF-8"}
    for name in ("SYSTEMD_COLORS", "SYSTEMD_URLIFY", "SYSTEMD_PAGER", "PAGER"):
        env.pop(name, None)
    subprocess.run([journal_remote, f"--output={journal}", "-"], input=export_format(entries()), env=env, check=True, capture_output=True)
    out = {}
    for name, argv in COMMANDS.items():
        extra = dict(a.split("=", 1) for a in argv if a.startswith("SYSTEMD_"))
        real = [a.format(coredumpctl=coredumpctl, journalctl=journalctl, journal=journal) for a in argv if a.split("=")[0] not in extra]
        shown = [a.format(coredumpctl="coredumpctl", journalctl="journalctl", journal="coredump.journal") for a in argv]
        done = subprocess.run(real, env={**env, **extra}, check=True, capture_output=True, text=True)
        out[name] = (f"TZ={TZ} LC_ALL=C.UTF-8 " + " ".join(shown), done.stdout)
    return out


def header(command: str, version: str) -> str:
    return (
        f"# Recorded on this project's CI machine (Debian 12, {version}) by scripts/coredump_journal.py: {command}\n"
        "# The journal was built by systemd-journal-remote from the entries in that script (the fields systemd-coredump writes:\n"
        "# 4 crashes, gnome-shell SIGSEGV, firefox SIGABRT, SIGSEGV with no core kept, SIGSEGV; core files absent on this machine).\n"
    )


def tools(args: argparse.Namespace) -> tuple[str, str, str] | None:
    remote = (
        args.journal_remote
        or shutil.which("systemd-journal-remote")
        or next((p for p in ("/lib/systemd/systemd-journal-remote", "/usr/lib/systemd/systemd-journal-remote") if os.access(p, os.X_OK)), None)
    )
    ctl = args.coredumpctl or shutil.which("coredumpctl")
    jctl = args.journalctl or shutil.which("journalctl")
    return (remote, ctl, jctl) if remote and ctl and jctl else None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--journal-remote")
    parser.add_argument("--coredumpctl")
    parser.add_argument("--journalctl")
    args = parser.parse_args()
    found = tools(args)
    if not found:
        raise SystemExit("needs systemd-journal-remote, coredumpctl and journalctl (see --help)")
    remote, ctl, jctl = found
    version = subprocess.run([ctl, "--version"], capture_output=True, text=True, check=True).stdout.split("(")[0].strip()
    with tempfile.TemporaryDirectory() as tmp:
        for name, (command, stdout) in record(remote, ctl, jctl, Path(tmp)).items():
            (args.out / name).write_text(header(command, version) + stdout, encoding="utf-8")
            print(args.out / name)


if __name__ == "__main__":
    main()
