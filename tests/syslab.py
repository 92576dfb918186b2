"""A system-fault lab: real faults made on this machine, seen by the real ``selfcheck scan``.

Each scan runs in a private mount namespace (``unshare --mount``) where the lab
binds its own trees over the places the checks read:

- a battery: a ``/sys/class/power_supply`` tree (uevent and attribute files shaped
  like a real ThinkPad's, tests/fixtures/hwos/linux/uevent_BAT0_thinkpad.txt);
- temperatures: a ``/sys/class/hwmon`` tree (``coretemp`` as Intel laptops have it);
- the home folder: a real ext4 volume on a loop device, which a fault can shut
  down with the ``EXT4_IOC_SHUTDOWN`` ioctl (what ext4 does itself after a disk
  error: every write fails while ``/proc/mounts`` still says ``rw``).

Faults that cannot be confined to a namespace are made for real and are short:
a program that crashes (segfaults) in a loop, a program killed by the kernel
because its memory cgroup ran out. The checks read them from the kernel's log,
as on a customer's computer. Nothing here touches the network.
"""

from __future__ import annotations

import itertools
import json
import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
_counter = itertools.count(1)

EXT4_IOC_SHUTDOWN = 0x8004587D  # _IOR('X', 125, __u32)
EXT4_GOING_FLAGS_NOLOGFLUSH = 2


def availability_problem() -> str | None:
    """Why the lab cannot run here, or None."""
    if not sys.platform.startswith("linux"):
        return "the system-fault lab needs Linux (mount namespaces, loop devices)"
    if os.geteuid() != 0:
        return "the system-fault lab needs root (mount namespaces, loop devices, cgroups)"
    for tool in ("unshare", "mount", "losetup", "mkfs.ext4"):
        if not shutil.which(tool):
            return f"the system-fault lab needs the '{tool}' command (see .ci/apt.d/syslab.txt)"
    proc = subprocess.run(["unshare", "--mount", "--propagation", "private", "true"], capture_output=True, text=True)
    if proc.returncode != 0:
        return f"mount namespaces are not possible here: {proc.stderr.strip()}"
    return None


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)


class SysLab:
    def __init__(self, workdir: Path) -> None:
        self.workdir = workdir
        self.loops: list[str] = []
        self.mounts: list[Path] = []

    # ------------------------------------------------------------ fake hardware trees

    def battery(self, capacity: int, status: str, ac_online: bool, full: int = 19870000, design: int = 24050000) -> Path:
        """A /sys/class/power_supply tree with one battery (BAT0) and a mains adapter (AC)."""
        root = self.workdir / f"power_supply-{next(_counter)}"
        values = {
            "NAME": "BAT0",
            "TYPE": "Battery",
            "STATUS": status,
            "PRESENT": "1",
            "TECHNOLOGY": "Li-ion",
            "CYCLE_COUNT": "421",
            "VOLTAGE_MIN_DESIGN": "11460000",
            "VOLTAGE_NOW": "11102000",
            "POWER_NOW": "0" if ac_online else "7345000",
            "ENERGY_FULL_DESIGN": str(design),
            "ENERGY_FULL": str(full),
            "ENERGY_NOW": str(full * capacity // 100),
            "CAPACITY": str(capacity),
            "CAPACITY_LEVEL": "Critical" if capacity <= 5 else "Low" if capacity <= 15 else "Normal",
            "MODEL_NAME": "01AV423",
            "MANUFACTURER": "SMP",
        }
        bat = root / "BAT0"
        _write(bat / "uevent", "".join(f"POWER_SUPPLY_{k}={v}\n" for k, v in values.items()))
        for key, value in values.items():
            _write(bat / key.lower(), value + "\n")
        ac = {"NAME": "AC", "TYPE": "Mains", "ONLINE": "1" if ac_online else "0"}
        _write(root / "AC" / "uevent", "".join(f"POWER_SUPPLY_{k}={v}\n" for k, v in ac.items()))
        for key, value in ac.items():
            _write(root / "AC" / key.lower(), value + "\n")
        return root

    def hwmon(self, package_c: float, high_c: float | None = 100, crit_c: float | None = 100, cores: int = 2) -> Path:
        """A /sys/class/hwmon tree: Intel's coretemp, the package and its cores, limits in millidegrees."""
        root = self.workdir / f"hwmon-{next(_counter)}"
        chip = root / "hwmon0"
        _write(chip / "name", "coretemp\n")
        sensors = [("Package id 0", package_c)] + [(f"Core {i}", package_c - 2 - i) for i in range(cores)]
        for n, (label, value) in enumerate(sensors, start=1):
            _write(chip / f"temp{n}_label", label + "\n")
            _write(chip / f"temp{n}_input", f"{int(value * 1000)}\n")
            if high_c is not None:
                _write(chip / f"temp{n}_max", f"{int(high_c * 1000)}\n")
            if crit_c is not None:
                _write(chip / f"temp{n}_crit", f"{int(crit_c * 1000)}\n")
                _write(chip / f"temp{n}_crit_alarm", "0\n")
        return root

    def block_devices(self, name: str, vendor: str, model: str, sectors: int, usb: bool) -> Path:
        """A /sys/class/block tree with one disk, found by the kernel on a USB bus or a SATA port."""
        root = self.workdir / f"block-{next(_counter)}"
        bus = "pci0000:00/0000:00:14.0/usb2/2-1/2-1:1.0/host6/target6:0:0/6:0:0:0" if usb else "pci0000:00/0000:00:17.0/ata3/host2/target2:0:0/2:0:0:0"
        disk = self.workdir / f"devices-{next(_counter)}" / bus / "block" / name
        _write(disk / "size", f"{sectors}\n")
        _write(disk / "removable", "0\n")
        _write(disk / "device" / "vendor", f"{vendor:<8}\n")
        _write(disk / "device" / "model", f"{model:<16}\n")
        root.mkdir()
        (root / name).symlink_to(disk)
        return root

    def smartctl(self, device: str, recorded: str) -> Path:
        """A folder with a stand-in ``smartctl`` replaying a disk's recorded answer (this machine's
        virtual disks have no health data); exit status 24 as smartctl gives for a failing disk."""
        folder = self.workdir / f"smartbin-{next(_counter)}"
        folder.mkdir()
        payload = folder / "answer.json"
        payload.write_text(recorded)
        tool = folder / "smartctl"
        scan = json.dumps({"devices": [{"name": device, "type": "sat"}]})
        tool.write_text(f'#!/bin/sh\nif [ "$1" = "--scan" ]; then echo \'{scan}\'; exit 0; fi\ncat {shlex.quote(str(payload))}\nexit 24\n')
        tool.chmod(0o755)
        return folder

    def empty_dir(self) -> Path:
        path = self.workdir / f"empty-{next(_counter)}"
        path.mkdir()
        return path

    # ------------------------------------------------------------ a home folder on its own volume

    def home_volume(self, size_mb: int = 64) -> tuple[Path, str]:
        """An ext4 image on a loop device (formatted, not mounted): (image, device)."""
        image = self.workdir / f"home-{next(_counter)}.img"
        with image.open("wb") as fh:
            fh.truncate(size_mb * 1024 * 1024)
        subprocess.run(["mkfs.ext4", "-q", "-F", "-L", "home", str(image)], check=True, capture_output=True)
        device = subprocess.run(["losetup", "--find", "--show", str(image)], check=True, capture_output=True, text=True).stdout.strip()
        self.loops.append(device)
        return image, device

    # ------------------------------------------------------------ real crashes and memory kills

    def program(self, name: str) -> Path:
        """A program called ``name`` (Python under that name: the kernel names a process after the
        file it started from, symbolic links included)."""
        path = self.workdir / "bin" / name
        path.parent.mkdir(exist_ok=True)
        if not path.exists():
            path.symlink_to(sys.executable)
        return path

    def crash(self, name: str, times: int) -> None:
        """Run a program that crashes (a real segmentation fault) ``times`` times, without core files."""
        import resource

        def no_core() -> None:
            resource.setrlimit(resource.RLIMIT_CORE, (0, 0))

        for _ in range(times):
            proc = subprocess.run(
                [str(self.program(name)), "-c", "import ctypes; ctypes.string_at(0)"], capture_output=True, preexec_fn=no_core, timeout=30, cwd=self.workdir
            )
            assert proc.returncode == -11, proc.returncode

    def oom_kill(self, name: str, limit_mb: int = 48) -> None:
        """Run a program that fills memory in a memory-limited cgroup until the kernel kills it."""
        group = self._memory_cgroup(limit_mb)
        try:
            code = "chunks = []\nwhile True:\n    chunks.append(b'x' * (8 << 20))\n"
            proc = subprocess.Popen([str(self.program(name)), "-c", code], stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            (group / "cgroup.procs").write_text(str(proc.pid))
            assert proc.stdin is not None
            proc.stdin.close()  # the program starts filling memory once it is inside the group
            assert proc.wait(timeout=60) == -9
        finally:
            for _ in range(50):
                try:
                    group.rmdir()
                    break
                except OSError:
                    import time

                    time.sleep(0.1)

    def saturate_disk(self, name: str, writers: int = 2, iops: int = 4) -> tuple[list[subprocess.Popen[bytes]], Path]:
        """Programs called ``name`` writing to a loop disk throttled to ``iops`` writes a second (a
        blkio cgroup): they wait for the disk most of the time, as behind a saturated drive.
        Returns the writers and the cgroup; :meth:`stop_saturation` ends them."""
        image, device = self.home_volume(16)
        major_minor = subprocess.run(["lsblk", "-dno", "MAJ:MIN", device], capture_output=True, text=True, check=True).stdout.strip()
        root = Path("/sys/fs/cgroup/blkio")
        if not (root / "blkio.throttle.write_iops_device").exists():
            raise RuntimeError("no blkio throttling in this kernel's cgroups")
        group = root / f"selfcheck-syslab-io-{os.getpid()}-{next(_counter)}"
        group.mkdir()
        (group / "blkio.throttle.write_iops_device").write_text(f"{major_minor} {iops}")
        dd = shutil.which("dd") or "/bin/dd"
        program = self.workdir / "bin" / name
        program.parent.mkdir(exist_ok=True)
        if not program.exists():
            program.symlink_to(dd)
        writers_ = []
        for i in range(writers):
            script = f"echo $$ > {shlex.quote(str(group / 'cgroup.procs'))}; exec {shlex.quote(str(program))} if=/dev/zero of={device} bs=4k count=100000 seek={i * 1000} oflag=direct"
            writers_.append(subprocess.Popen(["sh", "-c", script], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        return writers_, group

    @staticmethod
    def stop_saturation(writers: list[subprocess.Popen[bytes]], group: Path) -> None:
        import time

        for proc in writers:
            proc.kill()
            proc.wait()
        for _ in range(50):
            try:
                group.rmdir()
                return
            except OSError:
                time.sleep(0.1)

    def _memory_cgroup(self, limit_mb: int) -> Path:
        v1 = Path("/sys/fs/cgroup/memory")
        name = f"selfcheck-syslab-{os.getpid()}-{next(_counter)}"
        if v1.is_dir():
            group = v1 / name
            group.mkdir()
            (group / "memory.limit_in_bytes").write_text(str(limit_mb << 20))
            if (group / "memory.memsw.limit_in_bytes").exists():
                (group / "memory.memsw.limit_in_bytes").write_text(str(limit_mb << 20))
            return group
        root = Path("/sys/fs/cgroup")
        if "memory" not in (root / "cgroup.controllers").read_text().split():
            raise RuntimeError("no memory controller in this kernel's cgroups")
        group = root / name
        group.mkdir()
        (group / "memory.max").write_text(str(limit_mb << 20))
        if (group / "memory.swap.max").exists():
            (group / "memory.swap.max").write_text("0")
        return group

    # ------------------------------------------------------------ scanning

    def env(self, home: Path) -> dict[str, str]:
        return {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin:/usr/sbin:/sbin"),
            "HOME": str(home),
            "SELFCHECK_HOME": str(home / ".selfcheck"),
            "SELFCHECK_DISABLE_PLUGIN_AUTOLOAD": "1",
            "SELFCHECK_NETWORK_ALLOW": "127.0.0.0/8",
            "LANG": "C.UTF-8",
            "PYTHONPATH": os.environ.get("PYTHONPATH", ""),
        }

    def scan(
        self,
        checks: list[str],
        *,
        binds: dict[str, Path] | None = None,
        sysclass: dict[str, Path] | None = None,
        home_device: str | None = None,
        shutdown_home: bool = False,
        langs: tuple[str, ...] = ("en", "fr"),
        config: str = "",
        path_first: Path | None = None,
    ) -> dict[str, Any]:
        """Run ``selfcheck scan --json`` for ``checks`` in a private mount namespace, once per language.

        Returns {"en": scan, "fr": scan, "stderr": {lang: text}}.
        """
        tag = next(_counter)
        home = self.workdir / f"home-{tag}"
        home.mkdir()
        conf = self.workdir / f"lab-{tag}.toml"
        conf.write_text('[checks]\ndisabled = ["network.*"]\n' + config)
        lines = ["set -e"]
        # other tests on this machine may have volumes mounted under /tmp: not this lab's computer
        lines.append(
            f"awk '{{print $2}}' /proc/self/mounts | grep '^/tmp/' | grep -v '^{self.workdir}' | sort -r"
            ' | while read -r m; do umount -l "$m" 2>/dev/null || true; done'
        )
        if sysclass:
            # /sys/class with the lab's trees in place of (or in addition to) the real ones; the
            # real entries stay reachable through a bind of the original
            fake, real = self.workdir / f"sysclass-{tag}", self.workdir / f"realclass-{tag}"
            fake.mkdir()
            real.mkdir()
            for name, source in sysclass.items():
                (fake / name).mkdir()
                binds = {**(binds or {}), str(fake / name): source}
            lines.append(f"mount --bind /sys/class {shlex.quote(str(real))}")
            lines.append(
                f'for e in {shlex.quote(str(real))}/*; do n=$(basename "$e"); [ -e {shlex.quote(str(fake))}/"$n" ] || ln -s "$e" {shlex.quote(str(fake))}/"$n"; done'
            )
        for target, source in (binds or {}).items():
            lines.append(f"mount --bind {shlex.quote(str(source))} {shlex.quote(target)}")
        if sysclass:
            lines.append(f"mount --rbind {shlex.quote(str(self.workdir / f'sysclass-{tag}'))} /sys/class")
        if home_device:
            lines.append(f"mount -t ext4 {shlex.quote(home_device)} {shlex.quote(str(home))}")
            lines.append(f"mkdir -p {shlex.quote(str(home / 'Documents'))} && echo letter > {shlex.quote(str(home / 'Documents' / 'letter.txt'))} && sync")
            if shutdown_home:
                lines.append(f"{shlex.quote(sys.executable)} {shlex.quote(str(Path(__file__).resolve()))} shutdown {shlex.quote(str(home))}")
        outs = {}
        for lang in langs:
            out, err = self.workdir / f"scan-{tag}-{lang}.json", self.workdir / f"scan-{tag}-{lang}.err"
            outs[lang] = (out, err)
            cmd = [sys.executable, "-m", "selfcheck", "scan", "--json", "--lang", lang, "--config", str(conf)]
            for check in checks:
                cmd += ["--check", check]
            lines.append(f"{shlex.join(cmd)} > {shlex.quote(str(out))} 2> {shlex.quote(str(err))} &")
        lines.append("wait")
        if home_device:
            lines.append(f"umount -l {shlex.quote(str(home))} || true")
        script = "\n".join(lines) + "\n"
        proc = subprocess.run(
            ["unshare", "--mount", "--propagation", "private", "sh", "-c", script],
            capture_output=True,
            text=True,
            timeout=90,
            env={**self.env(home), **({"PATH": f"{path_first}:{os.environ.get('PATH', '')}"} if path_first else {})},
            cwd=str(ROOT),
        )
        result: dict[str, Any] = {"stderr": {}}
        for lang, (out, err) in outs.items():
            text = out.read_text() if out.exists() else ""
            result["stderr"][lang] = err.read_text() if err.exists() else ""
            try:
                result[lang] = json.loads(text)
            except ValueError as exc:
                raise AssertionError(f"scan printed no JSON ({proc.stderr[-1500:]}): {result['stderr'][lang][-2000:]}") from exc
        return result

    # ------------------------------------------------------------ teardown

    def close(self) -> None:
        for device in self.loops:
            subprocess.run(["losetup", "-d", device], capture_output=True)
        self.loops.clear()


def shutdown(path: str) -> None:
    """Shut the ext4 file system holding ``path`` down, as the kernel does after a disk error."""
    import fcntl
    import struct

    fd = os.open(path, os.O_RDONLY)
    try:
        fcntl.ioctl(fd, EXT4_IOC_SHUTDOWN, struct.pack("I", EXT4_GOING_FLAGS_NOLOGFLUSH))
    finally:
        os.close(fd)


if __name__ == "__main__":  # used inside the lab's namespace: python syslab.py shutdown PATH
    if sys.argv[1:2] == ["shutdown"]:
        shutdown(sys.argv[2])
