#!/usr/bin/env python3
"""Record what systemd's own tools print about core dumps, for os.crashes' tests.

    .venv/bin/python scripts/coredump_journal.py [--out tests/fixtures/hwos/linux]

Builds a journal file with the real ``systemd-journal-remote`` from journal export format entries
carrying the fields systemd-coredump writes (ENTRIES below), then runs the real ``coredumpctl`` and
``journalctl`` on that file and writes their output, under a header naming the command, to
coredumpctl_list.json, coredumpctl_list.txt, journal_coredumps.json and journal_coredumps.txt.

A second journal holds one crash seen twice, as on a real machine: the kernel's own lines (KERNEL_LINES, real lines
from a public report) and systemd-coredump's entries for the same process ids and times (FIREFOX_CRASHES); the
kernel's lines as os.crashes reads them (``journalctl -k -o short-unix``) go to kernel_traps_firefox.txt, the crash
records to coredumpctl_list_firefox.json.
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


# linux-surface/linux-surface#1529 (nono-gdv, 2024-08-11, Debian's Firefox on a Surface Go 3, kernel 6.10.3): the first
# four lines of its kernel log, as rsyslog wrote them (local time, +02:00), "[seconds since boot]" then the kernel's
# message byte for byte. x86 prints a trap's process as comm[pid], the name cut to 15 characters ("Isolated Web Co",
# Firefox's process for a site) and no colon after it (arch/x86/kernel/traps.c).
KERNEL_LINES = [
    (
        "2024-08-11 10:52:01.523174",
        "42527.094907",
        "traps: Isolated Web Co[8887] trap invalid opcode ip:7f605f9eea1b sp:7ffc00f85d80 error:0 in libxul.so[563aa1b,7f605a477000+5e99000]",
    ),
    (
        "2024-08-11 10:52:08.733149",
        "42534.305168",
        "traps: Isolated Web Co[8939] trap invalid opcode ip:79ac8d5eea1b sp:7ffc59ae7e40 error:0 in libxul.so[563aa1b,79ac88077000+5e99000]",
    ),
    (
        "2024-08-11 10:52:13.429136",
        "42539.001369",
        "traps: Isolated Web Co[8998] trap invalid opcode ip:70cdb0deea1b sp:7fff69f0adf0 error:0 in libxul.so[563aa1b,70cdab877000+5e99000]",
    ),
    (
        "2024-08-11 11:01:31.162137",
        "43096.734746",
        "traps: Isolated Web Co[9218] trap invalid opcode ip:779820feea1b sp:7ffead28d080 error:0 in libxul.so[563aa1b,77981ba77000+5e99000]",
    ),
]
# the crash records systemd-coredump would have written for the first three (the fourth: none, as when core dumps are
# off for a while): the same process ids and seconds, SIGILL, the process named as the kernel names it and the program
# by its file, Debian's firefox-esr (a real one, OpenMandriva's distribution#2843: "PID: 4281 (Isolated Web Co)",
# "Executable: /usr/lib64/firefox-104.0.1/firefox")
FIREFOX_CRASHES = [
    (local.split(".")[0], int(message.split("[")[1].split("]")[0]), 1000, 4, "SIGILL", "/usr/lib/firefox-esr/firefox-esr", "Isolated Web Co", False)
    for local, _boot, message in KERNEL_LINES[:3]
]


def kernel_entries() -> list[dict[str, str]]:
    """The journal entries journald writes for KERNEL_LINES (_TRANSPORT=kernel, what journalctl -k shows)."""
    out = []
    for local, since_boot, message in KERNEL_LINES:
        at_us = round(datetime.strptime(local, "%Y-%m-%d %H:%M:%S.%f").replace(tzinfo=ZoneInfo(TZ)).timestamp() * 1_000_000)
        mono = str(round(float(since_boot) * 1_000_000))
        out.append(
            {
                "__REALTIME_TIMESTAMP": str(at_us),
                "__MONOTONIC_TIMESTAMP": mono,
                "_BOOT_ID": BOOT_ID,
                "_MACHINE_ID": MACHINE_ID,
                "_HOSTNAME": HOST,
                "_TRANSPORT": "kernel",
                "_SOURCE_MONOTONIC_TIMESTAMP": mono,
                "SYSLOG_FACILITY": "0",
                "SYSLOG_IDENTIFIER": "kernel",
                "PRIORITY": "6",
                "MESSAGE": message,
            }
        )
    return out


def entries(crashes: list[tuple[str, int, int, int, str, str, str, bool]] | None = None) -> list[dict[str, str]]:
    """The journal entries systemd-coredump (systemd 252, src/coredump/coredump.c) writes for CRASHES."""
    out = []
    for i, (local, pid, uid, sig, signame, exe, comm, kept) in enumerate(CRASHES if crashes is None else crashes):
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


# the second journal: the kernel's lines and the crash records of the same crashes
BOTH_COMMANDS: dict[str, list[str]] = {
    "kernel_traps_firefox.txt": ["{journalctl}", "--file", "{journal}", "-k", "-q", "--no-pager", "-o", "short-unix"],
    "coredumpctl_list_firefox.json": ["{coredumpctl}", "--file", "{journal}", "list", "--json=short", "--no-pager"],
}


def record(journal_remote: str, coredumpctl: str, journalctl: str, workdir: Path) -> dict[str, tuple[str, str]]:
    """{fixture name: (command as a reader would type it, its stdout)}, run with stdout a pipe as the check runs them."""
    env = {**os.environ, "TZ": TZ, "LC_ALL": "C.UTF-8"}
    for name in ("SYSTEMD_COLORS", "SYSTEMD_URLIFY", "SYSTEMD_PAGER", "PAGER"):
        env.pop(name, None)
    out = {}
    both = workdir / "both" / "coredump.journal"
    both.parent.mkdir()
    subprocess.run(
        [journal_remote, f"--output={both}", "-"], input=export_format(kernel_entries() + entries(FIREFOX_CRASHES)), env=env, check=True, capture_output=True
    )
    out.update(_run_all(BOTH_COMMANDS, coredumpctl, journalctl, both, env))
    journal = workdir / "coredump.journal"
    subprocess.run([journal_remote, f"--output={journal}", "-"], input=export_format(entries()), env=env, check=True, capture_output=True)
    out.update(_run_all(COMMANDS, coredumpctl, journalctl, journal, env))
    return out


def _run_all(commands: dict[str, list[str]], coredumpctl: str, journalctl: str, journal: Path, env: dict[str, str]) -> dict[str, tuple[str, str]]:
    out = {}
    for name, argv in commands.items():
        extra = dict(a.split("=", 1) for a in argv if a.startswith("SYSTEMD_"))
        real = [a.format(coredumpctl=coredumpctl, journalctl=journalctl, journal=journal) for a in argv if a.split("=")[0] not in extra]
        shown = [a.format(coredumpctl="coredumpctl", journalctl="journalctl", journal="coredump.journal") for a in argv]
        done = subprocess.run(real, env={**env, **extra}, check=True, capture_output=True, text=True)
        out[name] = (f"TZ={TZ} LC_ALL=C.UTF-8 " + " ".join(shown), done.stdout)
    return out


def header(command: str, version: str, name: str = "") -> str:
    if name in BOTH_COMMANDS:
        return (
            f"# Recorded on this project's CI machine (Debian 12, {version}) by scripts/coredump_journal.py: {command}\n"
            "# The journal was built by systemd-journal-remote from the entries in that script: the kernel's own first four lines\n"
            "# of linux-surface/linux-surface#1529 (traps: Isolated Web Co[8887], [8939], [8998], [9218]) and the crash records\n"
            "# systemd-coredump writes (its fields) for the first three, the same pids and seconds, exe /usr/lib/firefox-esr/firefox-esr.\n"
        )
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
            (args.out / name).write_text(header(command, version, name) + stdout, encoding="utf-8")
            print(args.out / name)


if __name__ == "__main__":
    main()
