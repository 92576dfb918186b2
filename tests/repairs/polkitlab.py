"""A private polkit for the tests: its own system D-Bus and polkitd in a private mount namespace,
with selfcheck's policy, helper scripts and a rules file, on this machine's real pkexec.

Nothing changes outside the namespace: /run/dbus, the polkit actions folder, its rules folder and
/usr/libexec/selfcheck are mounts seen only by the processes entered into it (``nsenter``).
"""

from __future__ import annotations

import atexit
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable
from pathlib import Path

POLKITD = "/usr/lib/polkit-1/polkitd"
ACTIONS = Path("/usr/share/polkit-1/actions")
RULES = Path("/etc/polkit-1/rules.d")


def problem() -> str | None:
    if os.geteuid() != 0:
        return "a private polkit needs root (mount namespace)"
    for tool in ("unshare", "nsenter", "dbus-daemon", "pkexec", "pkaction"):
        if not shutil.which(tool):
            return f"{tool} is not installed"
    if not Path(POLKITD).exists():
        return "polkitd is not installed"
    return None


def unprivileged_python(lab: PolkitLab | None = None) -> tuple[list[str], dict[str, str]] | None:
    """How an unprivileged account runs selfcheck from this checkout: (argv prefix, environment), or None.

    Tried inside ``lab``'s mount namespace when given (where the checkout is made reachable, see
    :meth:`PolkitLab.expose`). The test's own interpreter when that account can run it; else the system's
    Python of the same version with this interpreter's packages (a venv made from an interpreter the account
    cannot reach). The packages are the same files either way.
    """
    # through a shell, as the tests start it: setpriv itself may still reach a path the account cannot
    nobody = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "sh", "-c", 'exec "$@"', "sh"]

    def works(argv: list[str], env: dict[str, str]) -> bool:
        cmd = [*nobody, *argv, "-c", "import selfcheck.resources, psutil"]
        return subprocess.run(lab.enter(*cmd) if lab else cmd, capture_output=True, env={**os.environ, **env}).returncode == 0

    if works([sys.executable], {}):
        return [sys.executable], {}
    system = Path(f"/usr/bin/python{sys.version_info[0]}.{sys.version_info[1]}")
    if not system.exists():
        return None
    # site.addsitedir also reads the .pth files: pip's editable install of selfcheck is one
    boot = Path(tempfile.mkdtemp(prefix="selfcheck-site-"))
    boot.chmod(0o755)
    atexit.register(shutil.rmtree, boot, True)
    folders = [p for p in sys.path if p.endswith("site-packages") and Path(p).is_dir()]
    (boot / "sitecustomize.py").write_text("import site\n" + "".join(f"site.addsitedir({p!r})\n" for p in folders), encoding="utf-8")
    (boot / "sitecustomize.py").chmod(0o644)
    env = {"PYTHONPATH": str(boot)}
    return ([str(system)], env) if works([str(system)], env) else None


def for_repairs(repair_ids: Iterable[str], rules: str, cleanup: Iterable[Path] = ()) -> tuple[PolkitLab, tuple[list[str], dict[str, str]]]:
    """A started private polkit with selfcheck's policy, ``rules`` and the installed-style helper script of
    each repair, and how an unprivileged account runs selfcheck in it (:func:`unprivileged_python`).

    Skips the test when selfcheck cannot be run by such an account here (the lab stopped, ``cleanup`` removed)."""
    import pytest

    from selfcheck.repairs import polkit

    scripts = {rid: f"#!/bin/sh\nexec {sys.executable} -m selfcheck.repairs.helper {rid}\n" for rid in repair_ids}
    lab = PolkitLab(polkit.policy_xml(), scripts, rules).start()
    python = unprivileged_python(lab)
    if python is None:
        lab.stop()
        for path in cleanup:
            shutil.rmtree(path, ignore_errors=True)
        pytest.skip("selfcheck cannot be run from this checkout by an unprivileged account")
    return lab, python


def _closed_to_others(path: Path) -> bool:
    try:
        return not path.stat().st_mode & 0o001
    except OSError:
        return False


class PolkitLab:
    def __init__(self, policy: str, scripts: dict[str, str], rules: str) -> None:
        self.dir = Path(tempfile.mkdtemp(prefix="selfcheck-polkit-"))
        self.dir.chmod(0o755)
        self.policy, self.scripts, self.rules = policy, scripts, rules
        self.holder: subprocess.Popen[bytes] | None = None

    def enter(self, *argv: str) -> list[str]:
        assert self.holder is not None
        # --root/--wd: the holder's own root and folder (entering a mount namespace resets them to the namespace's
        # root, which escapes a chroot such as the fresh-machine tool's)
        return ["nsenter", "-t", str(self.holder.pid), "-m", "--root", "--wd", "--", *argv]

    def run(self, *argv: str, check: bool = True, **kw) -> subprocess.CompletedProcess[str]:  # type: ignore[no-untyped-def]
        return subprocess.run(self.enter(*argv), capture_output=True, text=True, timeout=60, check=check, **kw)

    def start(self, authority: bool = True) -> PolkitLab:
        """Build the namespace; ``authority=False``: no system bus and no polkitd in it (nothing can be asked)."""
        actions = self.dir / "actions"
        shutil.copytree(ACTIONS, actions)
        (actions / "org.selfcheck.repair.policy").write_text(self.policy, encoding="utf-8")
        rules = self.dir / "rules"
        rules.mkdir()
        (rules / "00-selfcheck-test.rules").write_text(self.rules, encoding="utf-8")
        libexec = self.dir / "libexec"
        (libexec / "selfcheck" / "repair").mkdir(parents=True)
        for name, text in self.scripts.items():
            script = libexec / "selfcheck" / "repair" / name
            script.write_text(text, encoding="utf-8")
            script.chmod(0o755)
        for path in self.dir.rglob("*"):
            if path.is_dir():
                path.chmod(0o755)
        self.holder = subprocess.Popen(["unshare", "-m", "--propagation", "private", "sleep", "600"])
        time.sleep(0.2)
        try:
            self.expose()
        except (subprocess.CalledProcessError, OSError):
            pass  # then an unprivileged account may not reach the checkout: unprivileged_python() says so and tests skip
        self.run("mount", "-t", "tmpfs", "tmpfs", "/run/dbus")
        self.run("mount", "--bind", str(actions), str(ACTIONS))
        self.run("mount", "--bind", str(rules), str(RULES))
        self.run("mount", "--bind", str(libexec), "/usr/libexec")
        if not authority:
            return self
        self.bus_pid = int(self.run("dbus-daemon", "--system", "--fork", "--nopidfile", "--print-pid").stdout.split()[0])
        self.polkitd = subprocess.Popen(self.enter(POLKITD, "--no-debug"), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for _ in range(50):
            if self.run("pkaction", check=False).returncode == 0:
                return self
            time.sleep(0.1)
        raise RuntimeError("polkitd did not start")

    def expose(self) -> None:
        """Inside the lab only: make this checkout, its venv and its interpreter reachable by other accounts.

        A clone in /root (a fresh machine, CI, a developer's home) sits behind a folder closed to others (0700).
        In the lab's mount namespace that folder is covered with an open, empty tmpfs into which just the
        needed folders are bound back; nothing changes outside the namespace, and nothing else is shown.
        """
        import selfcheck

        needed = {
            Path(sys.base_prefix).resolve(),
            Path(sys.prefix).resolve(),
            Path(selfcheck.__file__).resolve().parents[2],
            Path(__file__).resolve().parents[2],
        }
        needed |= {Path(p).resolve() for p in sys.path if p.endswith("site-packages") and Path(p).is_dir()}
        bring_back: dict[Path, set[str]] = {}
        for path in needed:
            chain = [*reversed(path.parents), path]
            for i, folder in enumerate(chain[:-1]):
                if folder != Path("/") and _closed_to_others(folder):
                    bring_back.setdefault(folder, set()).add(chain[i + 1].name)
                    break
        for n, (folder, names) in enumerate(sorted(bring_back.items())):
            stage = self.dir / f"stage{n}"
            for name in sorted(names):
                (stage / name).mkdir(parents=True)
                self.run("mount", "--bind", str(folder / name), str(stage / name))
            self.run("mount", "-t", "tmpfs", "-o", "mode=0755", "tmpfs", str(folder))
            for name in sorted(names):
                self.run("mkdir", str(folder / name))
                self.run("mount", "--move", str(stage / name), str(folder / name))

    def stop(self) -> None:
        for proc in (getattr(self, "polkitd", None), self.holder):
            if proc is not None and proc.poll() is None:
                proc.kill()
                proc.wait()
        if getattr(self, "bus_pid", None):  # the private system bus this lab started
            try:
                os.kill(self.bus_pid, 9)
            except OSError:
                pass
        shutil.rmtree(self.dir, ignore_errors=True)
