"""The support-agent reading lab's customers are physical laptops, not this build machine.

This machine runs in a virtual machine and in a container; the lab's simulated customers
(scripts/support_reading.py) are home laptops, so what selfcheck's context probe
(src/selfcheck/platforms/situation.py) reads is made what a real laptop shows, from recorded real
output (tests/fixtures/laptop/SOURCES), in the scan's own mount namespace only:

- the root is an overlay of this machine's / in which /.dockerenv does not exist;
- /sys/class/dmi/id holds the DMI strings recorded on a real Lenovo ThinkPad 13 2nd Gen;
- ``systemd-detect-virt`` answers as on bare metal: "none", exit status 1;
- /proc/cpuinfo lacks the "hypervisor" CPU flag; /proc/1/cgroup reads "0::/";
- its time zone is Europe/London (/etc/localtime, /etc/timezone), as a laptop's is a real place's.

Nothing here touches the product's code or this machine: every mount lives in the namespace.

    prefix = laptop_command(workdir)   # then: [*prefix, *command]; run as root, inside ``ip netns exec`` if needed
"""

from __future__ import annotations

import os
import re
import shlex
from pathlib import Path

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "laptop" / "thinkpad-13-2nd-gen.dmidecode.txt"

#: dmidecode record -> {its field: the /sys/class/dmi/id file the kernel fills from it}
_DMI_FILES = {
    "BIOS Information": {"Vendor": "bios_vendor", "Version": "bios_version", "Release Date": "bios_date"},
    "System Information": {"Manufacturer": "sys_vendor", "Product Name": "product_name", "Version": "product_version", "Family": "product_family"},
    "Base Board Information": {"Manufacturer": "board_vendor", "Product Name": "board_name", "Version": "board_version"},
    "Chassis Information": {"Manufacturer": "chassis_vendor", "Type": "chassis_type"},
}
#: the laptop's time zone (a real place's; in December it is UTC+00:00, as this build machine's Etc/UTC)
ZONE = "Europe/London"
#: SMBIOS chassis types (DMTF DSP0134, 7.4.1) the kernel shows as numbers
_CHASSIS = {"Desktop": "3", "Portable": "8", "Laptop": "9", "Notebook": "10", "Sub Notebook": "14"}


def dmi_files(text: str) -> dict[str, str]:
    """The /sys/class/dmi/id files a computer with this ``dmidecode`` output shows: {file name: value}."""
    files: dict[str, str] = {}
    record = ""
    for line in text.splitlines():
        if line and not line.startswith(("\t", "Handle ", "#")):
            record = line.strip()
            continue
        match = re.match(r"^\t([^\t:]+): (.*)$", line)
        if not match or record not in _DMI_FILES:
            continue
        name = _DMI_FILES[record].get(match.group(1))
        if name:
            value = match.group(2)
            files[name] = _CHASSIS.get(value, value) if name == "chassis_type" else value
    return files


def laptop_command(workdir: Path, shared: Path | None = None) -> list[str]:
    """A command prefix that runs the rest of the command line as root on "a physical laptop" (see above).

    ``workdir`` must exist (on this machine's disk); ``shared`` (default: ``workdir``) is the one folder the command
    writes in (its config, home, output); the rest of the file system is read-only in effect (writes stay in the
    namespace). The namespace's mounts go when the command ends.
    """
    shared = shared or workdir
    work = workdir / "laptop"
    root, rw = work / "root", work / "rw"
    q = shlex.quote
    st = os.statvfs("/")
    total, free = st.f_blocks * st.f_frsize, st.f_bavail * st.f_frsize
    image = work / "system-disk.img"
    lines = [
        "set -e",
        f"mkdir -p {q(str(root))} {q(str(rw))}",
        # the overlay's writable layer is what the customer's system disk (/) shows: a sparse ext4 image as large as
        # this machine's disk, as full as it (its used part reserved, never written: a few MB on this disk)
        f"rm -f {q(str(image))}; truncate -s {total} {q(str(image))}",
        f"mkfs.ext4 -q -F -m 0 -E lazy_itable_init=1,lazy_journal_init=1 {q(str(image))}",
        f"mount -o loop {q(str(image))} {q(str(rw))}",
        f'used=$(( $(stat -f -c "%a" {q(str(rw))}) * $(stat -f -c "%S" {q(str(rw))}) - {free} ))',
        f'if [ "$used" -gt 0 ]; then fallocate -l "$used" {q(str(rw / "used"))}; fi',
        f"mkdir -p {q(str(rw / 'upper' / 'usr' / 'bin'))} {q(str(rw / 'work'))} {q(str(rw / 'class' / 'dmi' / 'id'))}",
        f"mknod {q(str(rw / 'upper' / '.dockerenv'))} c 0 0",  # an overlay "whiteout": the file does not exist
        f"mount -t overlay overlay -o lowerdir=/,upperdir={q(str(rw / 'upper'))},workdir={q(str(rw / 'work'))} {q(str(root))}",
    ]
    # /sys/class: each real entry (the namespace's network cards among them) bound in, plus dmi/id from the
    # recorded laptop; bound (not linked) so that sysfs's relative links (../../devices/...) still resolve
    dmi = rw / "class" / "dmi" / "id"
    for name, value in sorted(dmi_files(FIXTURE.read_text()).items()):
        lines.append(f"printf '%s\\n' {q(value)} > {q(str(dmi / name))}")
    lines.append(
        f'for e in /sys/class/*; do n=$(basename "$e"); [ -e {q(str(rw / "class"))}/"$n" ] && continue; '
        f'mkdir {q(str(rw / "class"))}/"$n" && mount --bind "$e" {q(str(rw / "class"))}/"$n"; done'
    )
    # the kernel's trees whole; /home and /run as the overlay shows them (the full-home case mounts its own /home)
    for sub in ("/dev", "/proc", "/sys"):
        lines.append(f"mount --rbind {sub} {q(str(root))}{sub}")
    # the lab's own folder (config, the customer's home, the bundle made) writable; the rest of / (this project
    # among it) is read through the overlay: no other volume of this machine shows on the customer's computer
    lines.append(f"mount --bind {q(str(shared))} {q(str(root))}{q(str(shared))}")
    # ip netns exec binds the namespace's resolv.conf and hosts over /etc: copied into the overlay (a bind would show
    # as one more volume on the customer's computer); rm first so that a link in / is replaced, never followed
    for name in ("/etc/resolv.conf", "/etc/hosts"):
        lines.append(f"rm -f {q(str(root))}{name}; cat {name} > {q(str(root))}{name}")
    # a laptop set to a real time zone, not this build machine's Etc/UTC (agent round 13: the card shows the zone)
    lines.append(f"rm -f {q(str(root))}/etc/localtime; ln -s /usr/share/zoneinfo/{ZONE} {q(str(root))}/etc/localtime")
    lines.append(f"printf '%s\\n' {ZONE} > {q(str(root))}/etc/timezone")
    lines.append(f"mount --rbind {q(str(rw / 'class'))} {q(str(root))}/sys/class")
    # the CPU's own report that a hypervisor runs it, gone; pid 1's control group, a desktop's
    lines.append(f"sed -e 's/ hypervisor\\b//' /proc/cpuinfo > {q(str(rw / 'cpuinfo'))}")
    lines.append(f"mount --bind {q(str(rw / 'cpuinfo'))} {q(str(root))}/proc/cpuinfo")
    lines.append(f"printf '0::/\\n' > {q(str(rw / 'cgroup'))}")
    lines.append(f"mount --bind {q(str(rw / 'cgroup'))} {q(str(root))}/proc/1/cgroup || true")
    # systemd-detect-virt on bare metal: prints "none", exit status 1 (systemd-detect-virt(1)); in the overlay only
    detect = root / "usr" / "bin" / "systemd-detect-virt"
    lines.append(f"rm -f {q(str(detect))}; printf '#!/bin/sh\\necho none\\nexit 1\\n' > {q(str(detect))}; chmod 755 {q(str(detect))}")
    lines.append(f'cwd=$(pwd); exec chroot {q(str(root))} sh -c \'cd "$0" && exec "$@"\' "$cwd" "$@"')
    return ["unshare", "--mount", "--propagation", "private", "sh", "-c", "\n".join(lines), "laptop"]
