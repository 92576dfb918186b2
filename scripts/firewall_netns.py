#!/usr/bin/env python3
"""Record what Debian's own firewall tools print, for security.firewall's Linux tests.

    cd /tmp && apt-get download ufw && dpkg -x ufw_*.deb ufw-root   # the .deb stays beside ufw-root: its version goes in the headers
    .venv/bin/python scripts/firewall_netns.py --ufw-root /tmp/ufw-root [--out tests/fixtures/hwos/linux]

Needs root. Everything happens inside a throwaway network namespace (``ip netns add``, deleted at the end), so
the rules land there and never in this machine's own firewall; no packet is sent. Writes, under a header naming
the command:

- iptables_S_INPUT_open.txt: ``iptables -S INPUT`` in the fresh namespace, where nothing filters;
- ufw_conf_enabled.txt: /etc/ufw/ufw.conf as the real ufw's ``ufw enable`` leaves it, ufw_status_active.txt
  its ``ufw status`` then;
- ufw_status_{inactive,active}_{fr,C}.txt: ``ufw status`` before and after ``ufw enable`` asked in French
  (LANGUAGE=fr) and in the environment security.firewall asks it in (LC_ALL=C LANG=C LANGUAGE=C). As packaged,
  Debian's ufw answers LANGUAGE=fr in English: its fr.mo is /usr/share/ufw/messages/fr.mo, where Python's gettext
  (ufw's ``gettext.install``, /usr/share/locale/<lang>/LC_MESSAGES/ufw.mo) does not look; the script checks that,
  then bind-mounts that same fr.mo where gettext looks (a build that finds its catalogue) for the four recordings;
- iptables_S_INPUT_ufw.txt and nft_list_ruleset_ufw.txt: ``iptables -S INPUT`` and ``nft list ruleset`` as ufw
  left that namespace (Debian 12's iptables is the nf_tables variant, so ufw's rules are nftables tables too).

ufw is not installed: its /etc/ufw and /etc/default/ufw are made in a temporary directory from the package's
templates as its postinst does (before/after rules, user rules, ufw.conf with ENABLED=no), and ufw runs with
its own --rootdir/--datadir options (those of its test suite) inside ``unshare --mount``, where /etc is
read-only and the temporary etc/ufw is bind-mounted on /etc/ufw (so /etc/default/ufw's IPT_SYSCTL=/etc/ufw/sysctl.conf
is found; its settings are per network namespace). The script checks that this machine's own ``iptables -S`` and
``nft list ruleset`` and those sysctl settings are the same before and after.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from hwos_fixtures import write_recorded as write  # noqa: E402 - after the sys.path change (the format recorded() reads)

ROOT_DIR = Path(__file__).resolve().parent.parent
OUT = ROOT_DIR / "tests" / "fixtures" / "hwos" / "linux"
SYSCTLS = [
    "net/ipv4/conf/all/accept_redirects",
    "net/ipv4/conf/default/accept_redirects",
    "net/ipv6/conf/all/accept_redirects",
    "net/ipv6/conf/default/accept_redirects",
    "net/ipv4/icmp_echo_ignore_broadcasts",
    "net/ipv4/icmp_ignore_bogus_error_responses",
    "net/ipv4/icmp_echo_ignore_all",
    "net/ipv4/conf/all/log_martians",
    "net/ipv4/conf/default/log_martians",
]
ENV = {"PATH": "/usr/sbin:/usr/bin:/sbin:/bin", "LC_ALL": "C.UTF-8"}
FR = "LANGUAGE=fr"  # Python's gettext reads LANGUAGE first
C = "LC_ALL=C LANG=C LANGUAGE=C"  # what security.firewall adds to its own environment to ask ufw


def run(args: list[str], **kw) -> str:
    return subprocess.run(args, check=True, capture_output=True, text=True, env={**ENV, **kw.pop("env", {})}, **kw).stdout


def host_state() -> str:
    """This machine's own rules and the sysctl settings ufw's sysctl.conf sets (per namespace: must not move here)."""
    sysctl = "".join(f"{p}={Path('/proc/sys', p).read_text()}" for p in SYSCTLS if Path("/proc/sys", p).exists())
    return run(["iptables", "-S"]) + run(["ip6tables", "-S"]) + run(["nft", "list", "ruleset"]) + sysctl


def debian_version() -> str:
    return "Debian " + Path("/etc/debian_version").read_text().strip()


def make_etc(ufw_root: Path, data: Path) -> None:
    """The package's files, and /etc/ufw as its postinst (ufw 0.36.2-1) makes it from the templates, under one root:
    ufw-init reads ufw.conf under --rootdir and ufw writes it under --datadir, so both are this directory."""
    share = ufw_root / "usr/share/ufw"
    shutil.copytree(ufw_root, data, symlinks=True, dirs_exist_ok=True)
    for f in ("before.rules", "before6.rules", "after.rules", "after6.rules", "user.rules", "user6.rules"):
        shutil.copy(share / "iptables" / f, data / "etc/ufw" / f)
        os.chmod(data / "etc/ufw" / f, 0o640)
    for f in ("before.init", "after.init"):
        shutil.copy(share / f, data / "etc/ufw" / f)
        os.chmod(data / "etc/ufw" / f, 0o640)
    shutil.copy(share / "ufw.conf", data / "etc/ufw/ufw.conf")
    for d in (data, *[p for p in data.rglob("*") if p.is_dir()]):
        os.chmod(d, 0o755)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--ufw-root", type=Path, required=True, help="the ufw .deb unpacked with dpkg -x")
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args()
    if os.geteuid() != 0:
        sys.exit("needs root (ip netns add)")
    ufw_root = args.ufw_root.resolve()
    version = run(["dpkg-deb", "-f", str(next(ufw_root.parent.glob("ufw_*.deb"))), "Version"]).strip() if list(ufw_root.parent.glob("ufw_*.deb")) else "?"
    iptables_v = run(["iptables", "-V"]).strip()  # "iptables v1.8.9 (nf_tables)": Debian 12's default, iptables-nft
    nft_v = run(["nft", "-v"]).strip()
    system = debian_version()
    before = host_state()
    ns = "rec-fw-selfcheck"
    run(["ip", "netns", "add", ns])
    try:
        inns = ["ip", "netns", "exec", ns]
        cmd = f"ip netns exec {ns} iptables -S INPUT"
        write(
            args.out,
            "iptables_S_INPUT_open.txt",
            [
                f"Recorded on this project's CI machine ({system}) by scripts/firewall_netns.py: ip netns add {ns}; LC_ALL=C.UTF-8 {cmd}",
                f"{iptables_v}, Debian 12's default iptables (the nf_tables variant, iptables-nft), in a fresh network namespace: nothing filters.",
            ],
            run(inns + ["iptables", "-S", "INPUT"]),
        )
        with tempfile.TemporaryDirectory(prefix="ufw-data-") as tmp:
            data = Path(tmp)
            make_etc(ufw_root, data)
            ufw = f"PYTHONPATH={data}/usr/lib/python3/dist-packages python3 {data}/usr/sbin/ufw --rootdir={data} --datadir={data}"
            mo = data / "locale/fr/LC_MESSAGES"  # the package's own fr.mo, where Python's gettext looks for it
            mo.mkdir(parents=True)
            shutil.copy(data / "usr/share/ufw/messages/fr.mo", mo / "ufw.mo")
            script = (
                "set -e; mount --make-rprivate /; mount --bind /etc /etc; mount -o remount,bind,ro /etc; "
                f"mount --bind {data}/etc/ufw /etc/ufw; {FR} {ufw} status > {data}/packaged_fr.txt; "
                f"mount --bind {mo} /usr/share/locale/fr/LC_MESSAGES; "
                f"{FR} {ufw} status > {data}/inactive_fr.txt; {C} {ufw} status > {data}/inactive_C.txt; "
                f"{ufw} enable; {ufw} status > {data}/status.txt; "
                f"{FR} {ufw} status > {data}/active_fr.txt; {C} {ufw} status > {data}/active_C.txt"
            )
            enabled = subprocess.run(inns + ["unshare", "--mount", "sh", "-c", script], capture_output=True, text=True, env=ENV)
            print(enabled.stdout + enabled.stderr, end="")
            enabled.check_returncode()
            shown = script.replace(str(data), "$ROOT")
            how = f"ufw {version} (Debian package, dpkg -x'd to $ROOT, not installed): ip netns exec {ns} unshare --mount sh -c '{shown}'"
            write(
                args.out,
                "ufw_conf_enabled.txt",
                [f"Recorded on this project's CI machine ({system}) by scripts/firewall_netns.py: /etc/ufw/ufw.conf after", how],
                (data / "etc/ufw/ufw.conf").read_text(encoding="utf-8"),
            )
            write(
                args.out,
                "ufw_status_active.txt",
                [f"Recorded on this project's CI machine ({system}) by scripts/firewall_netns.py: LC_ALL=C.UTF-8 ufw status, the command after enable in", how],
                (data / "status.txt").read_text(encoding="utf-8"),
            )
            packaged = (data / "packaged_fr.txt").read_text(encoding="utf-8")
            if packaged != "Status: inactive\n":  # the docstring and the headers say so
                sys.exit(f"ufw as packaged answered LANGUAGE=fr with {packaged!r}, not English: update the docstring")
            for state in ("inactive", "active"):
                for lang, env, what in (
                    ("fr", FR, "in French, with the package's fr.mo where Python's gettext looks for it"),
                    ("C", C, "in the environment security.firewall asks it in"),
                ):
                    write(
                        args.out,
                        f"ufw_status_{state}_{lang}.txt",
                        [
                            f"Recorded on this project's CI machine ({system}) by scripts/firewall_netns.py: {'LC_ALL=C.UTF-8 ' if lang == 'fr' else ''}{env} ufw status, {what},",
                            f"{'before' if state == 'inactive' else 'after'} ufw enable, in the run below. As packaged, LANGUAGE=fr ufw status answered 'Status: inactive' in English: the",
                            "package's fr.mo is /usr/share/ufw/messages/fr.mo, where Python's gettext does not look; the bind mount of $ROOT/locale/fr/LC_MESSAGES puts it there.",
                            how,
                        ],
                        (data / f"{state}_{lang}.txt").read_text(encoding="utf-8"),
                    )
            write(
                args.out,
                "iptables_S_INPUT_ufw.txt",
                [f"Recorded on this project's CI machine ({system}) by scripts/firewall_netns.py: LC_ALL=C.UTF-8 {cmd}, after", how, iptables_v],
                run(inns + ["iptables", "-S", "INPUT"]),
            )
            write(
                args.out,
                "nft_list_ruleset_ufw.txt",
                [
                    f"Recorded on this project's CI machine ({system}) by scripts/firewall_netns.py: LC_ALL=C.UTF-8 ip netns exec {ns} nft list ruleset, after",
                    how,
                    nft_v,
                ],
                run(inns + ["nft", "list", "ruleset"]),
            )
    finally:
        run(["ip", "netns", "del", ns])
    if host_state() != before:
        sys.exit("this machine's own iptables/nft rules changed during the recording: look at them now")
    print("this machine's own iptables -S, ip6tables -S, nft list ruleset and those sysctl settings are unchanged")
    return 0


if __name__ == "__main__":
    sys.exit(main())
