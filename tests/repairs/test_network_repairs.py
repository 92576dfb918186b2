"""Network repairs for real in the network lab: the client lost its address; `selfcheck fix` asks the
lab router's DHCP server (dnsmasq) for a new one or restarts the connection, and the router check passes again.
Without administrator rights, the OS's prompt (pkexec) is asked, and when it cannot ask, nothing changes."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import netlab  # noqa: E402

pytestmark = pytest.mark.timeout(180)


def selfcheck(
    lab: netlab.Lab,
    *args: str,
    lang: str = "en",
    user: list[str] | None = None,
    env: dict | None = None,
    config: Path | None = None,
    python: list[str] | None = None,
) -> subprocess.CompletedProcess[str]:
    config = config or lab.config()
    cmd = ["ip", "netns", "exec", lab.client, *(user or []), *(python or [sys.executable]), "-m", "selfcheck", *args, "--config", str(config), "--lang", lang]
    return subprocess.run(cmd, capture_output=True, text=True, env=env or lab.scan_env(), timeout=120, stdin=subprocess.DEVNULL)


def client_addresses(lab: netlab.Lab) -> list[str]:
    out = lab.ns(lab.client, "ip", "-j", "-4", "addr", "show", "dev", "eth0").stdout
    return [a["local"] for link in json.loads(out) for a in link.get("addr_info", [])]


def test_a_lost_address_is_renewed_from_the_router_and_the_router_check_passes(lab):
    lab.client_loses_address()
    try:
        scan = selfcheck(lab, "scan", "--check", "network.gateway", "--json")
        link = next(r for r in json.loads(scan.stdout)["results"] if r["id"] == "network.link")
        assert link["status"] == "fail" and "no address" in link["summary"]
        assert link["repairs"] == ["network.renew_address", "network.restart_connection"]

        done = selfcheck(lab, "fix", "network.renew_address", "--yes", lang="fr")
        assert done.returncode == 0, done.stdout + done.stderr
        assert "Connecter à nouveau l’ordinateur à la box internet" in done.stdout
        assert "Ce programme a vérifié à nouveau\u00a0: le problème est résolu." in done.stdout
        assert [a for a in client_addresses(lab) if a.startswith("10.77.0.")], client_addresses(lab)
        route = lab.ns(lab.client, "ip", "route", "show", "default").stdout
        assert "via 10.77.0.1 dev eth0" in route

        again = selfcheck(lab, "fix", "network.renew_address", "--yes")  # idempotent: the same lease again
        assert again.returncode == 0, again.stdout + again.stderr
    finally:
        lab.client_address_back()


def test_restarting_the_connection_brings_the_network_back(lab):
    lab.client_loses_address()
    lab.ns(lab.client, "ip", "link", "set", "eth0", "down")
    try:
        scan = selfcheck(lab, "scan", "--check", "network.link", "--json")
        link = next(r for r in json.loads(scan.stdout)["results"] if r["id"] == "network.link")
        assert link["status"] == "fail" and link["repairs"] == ["network.restart_connection"]
        done = selfcheck(lab, "fix", "network.restart_connection", "--yes")
        assert done.returncode == 0, done.stdout + done.stderr
        assert "Restart the network connection" in done.stdout and "This program checked again: the problem is solved." in done.stdout
        assert lab.ns(lab.client, "cat", "/sys/class/net/eth0/operstate").stdout.strip() == "up"
        assert [a for a in client_addresses(lab) if a.startswith("10.77.0.")]
    finally:
        lab.client_address_back()


def test_without_administrator_rights_the_system_prompt_is_asked_and_when_it_cannot_be_nothing_changes(lab):
    """pkexec is really run, in a mount namespace with no system bus and no polkit authority: it cannot ask (exit 127)."""
    import polkitlab

    from selfcheck.repairs import polkit

    why = polkitlab.problem() or (None if shutil.which("setpriv") else "setpriv is not installed")
    if why:
        pytest.skip(why)
    plab = polkitlab.PolkitLab(polkit.policy_xml(), {}, "").start(authority=False)
    python = polkitlab.unprivileged_python(plab)
    home = Path(tempfile.mkdtemp(prefix="selfcheck-nobody-"))  # pytest's own folders are closed to other accounts
    os.chmod(home, 0o777)
    config = home / "lab.toml"
    shutil.copy(lab.config(), config)
    os.chmod(config, 0o644)
    lab.client_loses_address()
    try:
        if python is None:
            pytest.skip("selfcheck cannot be run from this checkout by an unprivileged account")
        env = {**lab.scan_env(), **python[1], "HOME": str(home), "SELFCHECK_HOME": str(home / "selfcheck")}
        as_nobody = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "sh", "-c", 'exec "$@"', "sh"]
        cmd = ["ip", "netns", "exec", lab.client, *as_nobody, *python[0], "-m", "selfcheck", "fix", "network.renew_address", "--yes", "--config", str(config)]
        done = subprocess.run(plab.enter(*cmd), capture_output=True, text=True, env=env, timeout=120, stdin=subprocess.DEVNULL)
        assert done.returncode == 3, done.stdout + done.stderr
        assert "Waiting for administrator rights" in done.stderr
        assert "This program could not ask for administrator rights on this computer, so nothing was changed." in done.stdout
        assert "Turn the Wi-Fi (or unplug the network cable) off and on again." in done.stdout
        assert client_addresses(lab) == ["169.254.10.20"]  # nothing changed
    finally:
        plab.stop()
        lab.client_address_back()
        shutil.rmtree(home, ignore_errors=True)


def test_in_the_window_the_link_card_offers_the_repair_and_the_verdict_comes_back_to_normal(lab):
    """The real window (offscreen) inside the lab's client: scan, the card's repair, consent, checked again."""
    pytest.importorskip("PySide6")
    lab.client_loses_address()
    try:
        cmd = ["ip", "netns", "exec", lab.client, sys.executable, str(Path(__file__).parent / "window_in_lab.py"), str(lab.config())]
        env = {**lab.scan_env(), "QT_QPA_PLATFORM": "offscreen"}
        done = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=150)
        assert done.returncode == 0, done.stderr[-3000:]
        seen = json.loads(done.stdout.strip().splitlines()[-1])
        assert seen["before"] == "fail"
        assert seen["buttons"] == ["Connect to the internet box again", "Restart the network connection"]
        assert seen["admin"] == "This computer does it as soon as you click the blue button below: nothing else is asked, and no password is needed."
        assert seen["outcome"] == "fixed" and seen["after"] == "pass"
        assert seen["message"].endswith("This program checked again: the problem is solved.")
    finally:
        lab.client_address_back()


def test_elevated_for_real_through_a_private_polkit_the_unprivileged_user_gets_the_repair(lab):
    """pkexec, a real polkitd with selfcheck's policy and a rule granting the test account: the installed-style
    helper script of the one repair runs as root, renews the address in the lab, and the check passes."""
    import polkitlab

    why = polkitlab.problem() or (None if shutil.which("setpriv") else "setpriv is not installed")
    if why:
        pytest.skip(why)
    home = Path(tempfile.mkdtemp(prefix="selfcheck-nobody-"))
    os.chmod(home, 0o777)
    config = home / "lab.toml"
    shutil.copy(lab.config(), config)
    os.chmod(config, 0o644)
    rules = (
        "polkit.addRule(function(action, subject) {\n"
        '  if (action.id == "org.selfcheck.repair.network.renew-address" && subject.user == "nobody") return polkit.Result.YES;\n'
        '  if (action.id == "org.selfcheck.repair.network.restart-connection") return polkit.Result.NO;\n'
        "});\n"
    )
    plab, python = polkitlab.for_repairs(("network.renew_address", "network.restart_connection"), rules, cleanup=[home])
    lab.client_loses_address()
    try:
        described = plab.run("pkaction", "--action-id", "org.selfcheck.repair.network.renew-address", "--verbose")
        assert "description:       Connect to the internet box again" in described.stdout, described.stdout
        assert "org.freedesktop.policykit.exec.path -> /usr/libexec/selfcheck/repair/network.renew_address" in described.stdout
        env = {**lab.scan_env(), **python[1], "HOME": str(home), "SELFCHECK_HOME": str(home / "selfcheck")}
        as_nobody = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "sh", "-c", 'exec "$@"', "sh"]

        def fix(repair_id: str) -> subprocess.CompletedProcess[str]:
            cmd = ["ip", "netns", "exec", lab.client, *as_nobody, *python[0], "-m", "selfcheck", "fix", repair_id, "--yes", "--config", str(config)]
            return subprocess.run(plab.enter(*cmd), capture_output=True, text=True, env=env, timeout=120, stdin=subprocess.DEVNULL)

        refused = fix("network.restart_connection")  # the rule says no: pkexec is refused, nothing changes
        assert refused.returncode == 4, refused.stdout + refused.stderr
        assert "did not give administrator rights for this repair, so nothing was changed" in refused.stdout and client_addresses(lab) == ["169.254.10.20"]

        done = fix("network.renew_address")
        assert done.returncode == 0, done.stdout + done.stderr
        assert "Waiting for administrator rights" in done.stderr and "This program checked again: the problem is solved." in done.stdout
        assert [a for a in client_addresses(lab) if a.startswith("10.77.0.")]
    finally:
        plab.stop()
        lab.client_address_back()
        shutil.rmtree(home, ignore_errors=True)
