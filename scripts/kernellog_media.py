#!/usr/bin/env python3
"""Record what the kernel logs when one device name holds one medium, then another, then the first again, then the first
under another name: tests/fixtures/kernellog/dmesg_iso_media_swap.txt (see its SOURCES entry); with ``--renamed``, when a
medium comes back under another name while its first name still holds it: dmesg_iso_media_renamed.txt.

Root and Linux only. Two small ext4 disk images (A and B, each its own file-system UUID) in a temporary folder, attached
to free loop devices and mounted inside a private mount namespace (no mount of this machine's is touched):

1. A on loop N, mounted, shut down as the kernel does after a disk error (EXT4_IOC_SHUTDOWN): A's errors;
2. B on the same loop N (another medium under the same name), mounted;
3. A on another free loop M (the same medium under another name), mounted, then detached;
4. A back on loop N (the same medium back), mounted.

The kernel's lines for those loop devices, from the first attach to the last unmount, are written out byte-exact
(``dmesg --time-format iso``; other programs' lines of the same seconds are kept, as they were logged). Each step's loop
device and the images' UUIDs are printed, for SOURCES.

``--renamed``: a failing USB stick that drops off the bus and is found again under another name (sdb, then sdc) while
the first name keeps its mount and logs nothing more. Loop devices stand in for the sd names (no USB here): A on loop N,
mounted, shut down (A's errors), and, with loop N still attached and A still mounted there, the same image attached
again on another free loop M and mounted there. Loop N is neither detached nor given another image until both are
unmounted.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "kernellog"
SHUTDOWN = ROOT / "tests" / "syslab.py"


def sh(*args: str) -> str:
    return subprocess.run(list(args), check=True, capture_output=True, text=True).stdout.strip()


def mounted(device: str, where: Path, then: str = "") -> None:
    """Mount ``device`` at ``where`` in a private mount namespace, run ``then`` there, unmount."""
    script = f"mount {device} {where} && {then or 'true'}; umount {where}"
    subprocess.run(["unshare", "--mount", "--propagation", "private", "sh", "-c", script], check=True)


def renamed(images: dict[str, tuple[Path, str]], work: Path) -> tuple[str, str]:
    """A on loop N shut down and left mounted, then A attached and mounted on loop M too: (loop N, loop M)."""
    first, second = work / "mnt", work / "mnt2"
    second.mkdir()
    loop_n = sh("losetup", "--find", "--show", str(images["A"][0]))
    loop_m = ""
    try:
        # both mounts in one namespace: loop N keeps A mounted (and attached) while A is attached and mounted on loop M
        script = (
            f"mount {loop_n} {first} && {sys.executable} {SHUTDOWN} shutdown {first}"
            f" && loop_m=$(losetup --find --show {images['A'][0]}) && echo $loop_m && mount $loop_m {second}"
            f"; rc=$?; umount {second}; umount {first}; exit $rc"
        )
        out = subprocess.run(["unshare", "--mount", "--propagation", "private", "sh", "-c", script], check=True, capture_output=True, text=True)
        loop_m = out.stdout.strip().splitlines()[-1]
        print(f"1. A ({images['A'][1]}) on {loop_n}: shut down, left mounted")
        print(f"2. A on {loop_m}, mounted, {loop_n} still holding A")
    finally:
        for loop in subprocess.run(["losetup", "-j", str(images["A"][0]), "-O", "NAME", "-n"], capture_output=True, text=True).stdout.split():
            subprocess.run(["losetup", "-d", loop], capture_output=True)  # whatever step failed: none left attached
    return loop_n, loop_m


def swap(images: dict[str, tuple[Path, str]], work: Path) -> tuple[str, str]:
    """Steps 1 to 4 above: (loop N, loop M)."""
    where = work / "mnt"
    loop_n = sh("losetup", "--find", "--show", str(images["A"][0]))
    loop_m = ""
    try:
        mounted(loop_n, where, f"{sys.executable} {SHUTDOWN} shutdown {where}")
        print(f"1. A ({images['A'][1]}) on {loop_n}: shut down")
        sh("losetup", "-d", loop_n)
        sh("losetup", loop_n, str(images["B"][0]))
        mounted(loop_n, where)
        print(f"2. B ({images['B'][1]}) on {loop_n}")
        loop_m = sh("losetup", "--find", "--show", str(images["A"][0]))
        mounted(loop_m, where)
        print(f"3. A on {loop_m}")
        sh("losetup", "-d", loop_m)
        sh("losetup", "-d", loop_n)
        sh("losetup", loop_n, str(images["A"][0]))
        mounted(loop_n, where)
        print(f"4. A back on {loop_n}")
    finally:
        for loop in (loop_n, loop_m):
            if loop:
                subprocess.run(["losetup", "-d", loop], capture_output=True)  # whatever step failed: none left attached
    return loop_n, loop_m


def main() -> int:
    if os.geteuid() != 0 or not sys.platform.startswith("linux"):
        print("needs root on Linux (loop devices, mount namespaces)", file=sys.stderr)
        return 2
    if sys.argv[1:] not in ([], ["--renamed"]):
        print(f"usage: {sys.argv[0]} [--renamed]", file=sys.stderr)
        return 2
    record, out = (renamed, FIXTURES / "dmesg_iso_media_renamed.txt") if sys.argv[1:] else (swap, FIXTURES / "dmesg_iso_media_swap.txt")
    with tempfile.TemporaryDirectory(prefix="selfcheck-media-") as tmp:
        work = Path(tmp)
        images = {}
        for name, size in (("A", "64M"), ("B", "48M")):
            image = work / f"{name}.img"
            sh("truncate", "-s", size, str(image))
            sh("mkfs.ext4", "-q", "-F", str(image))
            images[name] = (image, sh("blkid", "-o", "value", "-s", "UUID", str(image)))
        (work / "mnt").mkdir()
        start = sh("date", "+%Y-%m-%dT%H:%M:%S")  # local time, as dmesg --time-format iso prints it
        time.sleep(1.1)
        loop_n, loop_m = record(images, work)
        time.sleep(0.5)
        log = subprocess.run(["dmesg", "--kernel", "--time-format", "iso"], check=True, capture_output=True, text=True).stdout
    names = {os.path.basename(loop_n), os.path.basename(loop_m)}
    lines = [line for line in log.splitlines() if line[:19] >= start]
    ours = [i for i, line in enumerate(lines) if any(f"{n}:" in line or f"({n})" in line or f"device {n}-" in line for n in names)]
    out.write_text("\n".join(lines[ours[0] : ours[-1] + 1]) + "\n", encoding="utf-8")
    print(f"{out.relative_to(ROOT)}: {ours[-1] - ours[0] + 1} lines, {lines[ours[0]][:32]} to {lines[ours[-1]][:32]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
