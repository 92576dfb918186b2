"""Administrator rights not given, for real: the unprivileged person runs `selfcheck fix` in the network lab's
client, the real pkexec asks a real polkitd (tests/repairs/polkitlab.py: its own system bus, selfcheck's policy,
the per-repair helper scripts) and

- the person cancels the system's password dialog (a registered authentication agent answers the way the
  desktop agents' Cancel button does: polkit_agent.py) -> pkexec exit 126 "Request dismissed";
- the computer's polkit rules say no -> pkexec exit 127 "Not authorized";
- rights are given, but the repair fails part-way (the router's DHCP server does not answer) -> the helper
  puts back what it had done.

Each time the network settings are compared before and after (addresses, routes, link state), the message is
read in English and in French, and the record kept for support says what happened.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import polkitlab  # noqa: E402

import netlab  # noqa: E402

pytestmark = pytest.mark.timeout(240)

NOBODY = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]
AGENT = Path(__file__).resolve().parent / "polkit_agent.py"
SYSTEM_PYTHON = "/usr/bin/python3"

DECLINED = {
    "en": "Administrator rights were not given, so nothing was changed.",
    "fr": "Les droits d’administrateur n’ont pas été donnés, donc rien n’a été modifié.",
}
REFUSED = {
    "en": "The computer did not give administrator rights for this repair, so nothing was changed."
    " The password may not have been accepted, or the computer's rules do not allow it.",
    "fr": "L’ordinateur n’a pas donné les droits d’administrateur pour cette réparation, donc rien n’a été modifié."
    " Le mot de passe n’a peut-être pas été accepté, ou les règles de l’ordinateur ne le permettent pas.",
}
FAILED_UNCHANGED = {
    "en": "The repair did not work. Nothing was changed on your computer.",
    "fr": "La réparation n’a pas fonctionné. Rien n’a été modifié sur votre ordinateur.",
}
MANUAL = {
    "en": "Turn the Wi-Fi (or unplug the network cable) off and on again.",
    "fr": "Coupez le Wi-Fi (ou débranchez le câble réseau) puis rétablissez-le.",
}


class Rig:
    """The private polkit around the network lab, the account that asks, and the answer the rules give."""

    def __init__(self, lab: netlab.Lab, plab: polkitlab.PolkitLab, answer: Path, python: tuple[list[str], dict[str, str]]) -> None:
        self.lab, self.plab, self.answer, self.python = lab, plab, answer, python
        self.home = Path(tempfile.mkdtemp(prefix="selfcheck-nobody-"))
        os.chmod(self.home, 0o777)  # pytest's own folders are closed to other accounts
        self.config = self.home / "lab.toml"
        shutil.copy(lab.config(), self.config)
        os.chmod(self.config, 0o644)

    def rules_say(self, answer: str) -> None:
        """ "yes" (granted without a password), "no" (refused), "ask" (the password dialog, polkit's default)."""
        self.answer.write_text(answer + "\n", encoding="utf-8")

    def fix(self, repair_id: str, lang: str, agent_locale: str | None = None) -> tuple[subprocess.CompletedProcess[str], list[dict]]:
        """`selfcheck fix ID --yes` as an unprivileged account; with ``agent_locale`` a cancelling agent is registered for it first."""
        prefix, _extra = self.python
        return self.run([*prefix, "-m", "selfcheck", "fix", repair_id, "--yes", "--config", str(self.config), "--lang", lang], agent_locale)

    def run(self, argv: list[str], agent_locale: str | None = None, env: dict[str, str] | None = None) -> tuple[subprocess.CompletedProcess[str], list[dict]]:
        """A program as the unprivileged account in the lab's client; with ``agent_locale`` a cancelling agent is registered for it first."""
        _prefix, extra = self.python
        env = {**self.lab.scan_env(), **extra, "HOME": str(self.home), "SELFCHECK_HOME": str(self.home / "selfcheck"), **(env or {})}
        # the shell says its process id, waits until the agent is registered for it, then becomes selfcheck (same id)
        held = ["sh", "-c", 'echo "$$"; read go; exec "$@" </dev/null', "sh", *argv]
        proc = subprocess.Popen(
            self.plab.enter("ip", "netns", "exec", self.lab.client, *NOBODY, *held),
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
        )  # fmt: skip
        assert proc.stdout is not None and proc.stdin is not None
        pid = proc.stdout.readline().strip()
        agent = None
        try:
            if agent_locale:
                agent = subprocess.Popen(
                    self.plab.enter(SYSTEM_PYTHON, str(AGENT), pid, agent_locale), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
                )
                assert agent.stdout is not None
                ready = agent.stdout.readline().strip()
                assert ready == "ready", agent.stderr.read() if agent.stderr else ""
            proc.stdin.write("go\n")
            proc.stdin.flush()
            out, err = proc.communicate(timeout=150)
        finally:
            if proc.poll() is None:
                proc.kill()
            shown: list[dict] = []
            if agent is not None:
                agent.kill()
                rest, _err = agent.communicate()
                shown = [json.loads(line) for line in rest.splitlines() if line.startswith("{")]
        return subprocess.CompletedProcess(proc.args, proc.returncode, out, err), shown

    def last_record(self) -> dict:
        """The newest repair kept in the history for support (read as root from the account's own home)."""
        code = "import json; from selfcheck.repairs.history import recent; print(json.dumps(recent()[0]))"
        env = {**os.environ, "HOME": str(self.home), "SELFCHECK_HOME": str(self.home / "selfcheck")}
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=30, check=True)
        return json.loads(out.stdout)

    def network(self) -> dict:
        """What a repair may change: the client's addresses, routes and link state."""
        ns = self.lab.client
        for _ in range(50):  # an address still being checked for duplicates (IPv6 DAD) gets its route when done
            if not self.lab.ns(ns, "ip", "-6", "addr", "show", "dev", "eth0", "tentative").stdout.strip():
                break
            time.sleep(0.1)
        addresses = json.loads(self.lab.ns(ns, "ip", "-j", "addr", "show", "dev", "eth0").stdout)
        routes = json.loads(self.lab.ns(ns, "ip", "-j", "route", "show", "table", "all").stdout)
        return {
            "addresses": sorted((a["family"], a["local"], a["prefixlen"]) for link in addresses for a in link.get("addr_info", [])),
            "routes": sorted(json.dumps(r, sort_keys=True) for r in routes),
            "state": self.lab.ns(ns, "cat", "/sys/class/net/eth0/operstate").stdout.strip(),
        }


@pytest.fixture(scope="module")
def rig(lab):
    from selfcheck.repairs import polkit

    why = polkitlab.problem() or (None if shutil.which("setpriv") else "setpriv is not installed")
    if why:
        pytest.skip(why)
    if subprocess.run([SYSTEM_PYTHON, "-c", "import dbus, gi"], capture_output=True).returncode != 0:
        pytest.skip("the test's authentication agent needs the system's python3-dbus and python3-gi (python3-dbusmock)")
    answers = Path(tempfile.mkdtemp(prefix="selfcheck-polkit-answer-"))
    answers.chmod(0o755)
    answer = answers / "answer"
    # the rules file asks the test what the computer's rules say (polkit.spawn runs a program and returns its output)
    rules = (
        "polkit.addRule(function(action, subject) {\n"
        '  if (action.id.indexOf("org.selfcheck.repair.") != 0) return;\n'
        f'  var answer = polkit.spawn(["/bin/cat", "{answer}"]).trim();\n'
        '  if (answer == "yes") return polkit.Result.YES;\n'
        '  if (answer == "no") return polkit.Result.NO;\n'
        "});\n"
    )
    plab, python = polkitlab.for_repairs(polkit.elevated_repairs(), rules, cleanup=[answers])
    rig = Rig(lab, plab, answer, python)
    rig.rules_say("ask")
    try:
        yield rig
    finally:
        plab.stop()
        lab.client_address_back()
        shutil.rmtree(rig.home, ignore_errors=True)
        shutil.rmtree(answers, ignore_errors=True)


@pytest.mark.parametrize(("lang", "locale"), [("en", "en_US.UTF-8"), ("fr", "fr_FR.UTF-8")])
def test_cancelling_the_system_password_dialog_changes_nothing_and_says_so(rig, lang, locale):
    rig.rules_say("ask")
    rig.lab.client_loses_address()
    try:
        before = rig.network()
        done, dialogs = rig.fix("network.renew_address", lang, agent_locale=locale)
        assert done.returncode == 4, done.stdout + done.stderr
        assert DECLINED[lang] in done.stdout and MANUAL[lang] in done.stdout
        assert rig.network() == before  # still the link-local address: nothing was asked of the router
        # the system's own dialog was really shown, with selfcheck's policy text in the person's language
        assert [d["action_id"] for d in dialogs] == ["org.selfcheck.repair.network.renew-address"]
        wanted = (
            "Pendant quelques secondes, votre ordinateur n’est plus relié à votre box internet"
            if lang == "fr"
            else "For a few seconds, your computer is not connected to your internet box"
        )
        assert dialogs[0]["message"].startswith(wanted), dialogs
        record = rig.last_record()
        assert record["repair"] == "network.renew_address" and record["outcome"] == "declined" and record["changed_nothing"] is True
        assert record["elevated"] is True and any("Request dismissed" in step for step in record["steps"]), record
    finally:
        rig.lab.client_address_back()


def test_rights_refused_by_the_computer_rules_change_nothing_and_say_so(rig):
    rig.rules_say("no")
    rig.lab.client_loses_address()
    try:
        before = rig.network()
        for lang, locale in (("en", "en_US.UTF-8"), ("fr", "fr_FR.UTF-8")):
            done, dialogs = rig.fix("network.renew_address", lang, agent_locale=locale)
            assert done.returncode == 4, done.stdout + done.stderr
            assert REFUSED[lang] in done.stdout and MANUAL[lang] in done.stdout
            assert dialogs == []  # the rules answered: no password was asked
            assert rig.network() == before
        record = rig.last_record()
        assert record["outcome"] == "declined" and record["changed_nothing"] is True
        assert any("Not authorized" in step for step in record["steps"]), record
    finally:
        rig.lab.client_address_back()


def test_a_repair_that_fails_part_way_puts_back_what_it_did_and_says_so(rig):
    """Rights given; restarting the connection turns it off and on, then asks the router for an address, but the
    router's DHCP server is gone: the helper puts the connection and its way out back, and says nothing changed."""
    lab = rig.lab
    rig.rules_say("yes")
    lab.client_address_back()
    assert lab.dhcp is not None
    lab.dhcp.kill()
    lab.dhcp.wait()
    lab.dhcp = None
    # the client's DHCP client gives up after 1 s instead of 60 (dhclient.conf's own setting, through `ip netns exec`'s
    # /etc/netns: no server is there to answer), and starts with no lease kept from the other tests (a private
    # /var/lib/dhcp in the polkit lab)
    (lab.etc / "dhcp").mkdir(exist_ok=True)
    (lab.etc / "dhcp" / "dhclient.conf").write_text("timeout 1;\n", encoding="utf-8")
    rig.plab.run("mount", "-t", "tmpfs", "-o", "mode=0755", "tmpfs", "/var/lib/dhcp")
    # a real computer's connection has the IPv6 link-local address the kernel gives every link that comes up (the
    # lab's address reset flushed it): bring it back the way the kernel does, so "before" is a real state
    lab.ns(lab.client, "ip", "link", "set", "eth0", "down")
    lab.client_address_back()
    try:
        before = rig.network()
        assert before["state"] == "up" and any('"dst": "default"' in r for r in before["routes"])
        for lang in ("en", "fr"):
            done, _dialogs = rig.fix("network.restart_connection", lang)
            assert done.returncode == 2, done.stdout + done.stderr
            assert FAILED_UNCHANGED[lang] in done.stdout and MANUAL[lang] in done.stdout
            after = rig.network()
            assert after == before, set(after["routes"]) ^ set(before["routes"])  # the same addresses, the way out through the router, the link up
        record = rig.last_record()
        assert record["outcome"] == "failed" and record["changed_nothing"] is True, record
        steps = "\n".join(record["steps"])
        assert "$ ip link set dev eth0 down -> exit 0" in steps and "dhclient -1" in steps and "undo $ ip link set dev eth0 up -> exit 0" in steps
        assert "$ ip route replace default via 10.77.0.1 dev eth0 -> exit 0" in steps
    finally:
        rig.plab.run("umount", "/var/lib/dhcp", check=False)
        shutil.rmtree(lab.etc / "dhcp", ignore_errors=True)
        lab.start_dhcp()
        lab.client_address_back()


def test_in_the_window_cancelling_the_system_dialog_says_nothing_changed_and_the_card_stays(rig):
    """The real window (offscreen) as the unprivileged account: the link card's repair, consent, the system's dialog
    cancelled, and the dialog's words."""
    pytest.importorskip("PySide6")
    rig.rules_say("ask")
    rig.lab.client_loses_address()
    try:
        before = rig.network()
        script = Path(__file__).resolve().parent / "window_in_lab.py"
        done, dialogs = rig.run([*rig.python[0], str(script), str(rig.config)], agent_locale="en_US.UTF-8", env={"QT_QPA_PLATFORM": "offscreen"})
        assert done.returncode == 0, done.stderr[-3000:]
        seen = json.loads(done.stdout.strip().splitlines()[-1])
        assert seen["before"] == "fail" and seen["buttons"][0] == "Connect to the internet box again"
        assert seen["outcome"] == "declined" and seen["after"] == "fail", seen
        # the unprivileged account is not in the group polkit's rules make administrators (sudo here): its own password
        # would be refused, so the window asks for the password of whoever manages the computer
        assert seen["admin"].startswith("Right after you click the blue button below, your computer asks for the password of the person who manages it")
        assert DECLINED["en"] in seen["message"]
        assert [d["action_id"] for d in dialogs] == ["org.selfcheck.repair.network.renew-address"]
        assert rig.network() == before
    finally:
        rig.lab.client_address_back()
