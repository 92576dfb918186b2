"""Linux parsers on recorded outputs (some recorded on this machine, the rest on the named systems)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from hwos_fixtures import recorded
from real_outputs import real
from selfcheck.platforms import kernellog, linux

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))


def test_os_release():
    deb = linux.parse_os_release(recorded("linux", "os-release_debian12.txt"))
    assert (deb["ID"], deb["VERSION_ID"]) == ("debian", "12")
    ubu = linux.parse_os_release(real("linux", "os-release_ubuntu2404.txt"))
    assert (ubu["ID"], ubu["VERSION_ID"], ubu["PRETTY_NAME"]) == ("ubuntu", "24.04", "Ubuntu 24.04.3 LTS")
    fed = linux.parse_os_release(real("linux", "os-release_fedora42.txt"))  # unquoted VERSION_ID, empty VERSION_CODENAME=""
    assert (fed["ID"], fed["VERSION_ID"], fed["VERSION_CODENAME"], fed["PRETTY_NAME"]) == ("fedora", "42", "", "Fedora Linux 42 (Forty Two)")


def test_battery_uevent_energy_with_threshold():
    bat = linux.battery_from_uevent(linux.parse_uevent(recorded("linux", "uevent_BAT0_thinkpad.txt")))
    assert bat is not None
    assert (bat["full_capacity"], bat["design_capacity"], bat["cycle_count"]) == (19870000, 24050000, 421)
    assert bat["status"] == "Not charging" and bat["charge_end_threshold"] == 80


def test_battery_uevent_charge_units_and_unreported_cycles():
    bat = linux.battery_from_uevent(linux.parse_uevent(recorded("linux", "uevent_BAT1_charge.txt")))
    assert bat is not None
    assert (bat["full_capacity"], bat["design_capacity"], bat["cycle_count"]) == (1986000, 3615000, None)


def test_mouse_battery_is_not_the_computers():
    # a Logitech M560's uevent on Ubuntu 18.10 (Solaar issue 512): SCOPE=Device and no TYPE line at all
    m560 = linux.parse_uevent(real("linux", "uevent_hidpp_mouse_m560_issue.txt"))
    assert (m560["SCOPE"], "TYPE" in m560) == ("Device", False)
    assert linux.battery_from_uevent(m560) is None
    # an M510's uevent read with grep -sre "" (Solaar issue 1198): TYPE=Battery, but SCOPE=Device
    grepped = real("linux", "grep_uevent_hidpp_mouse_m510_issue.txt")
    m510 = linux.parse_uevent("".join(line.split("/uevent:", 1)[1] for line in grepped.splitlines(keepends=True)))
    assert (m510["TYPE"], m510["SCOPE"], m510["MODEL_NAME"]) == ("Battery", "Device", "Wireless Mouse M510")
    assert linux.battery_from_uevent(m510) is None


def test_psi():
    # a thrashing machine's /proc/pressure/memory (tobixen/thrash-protect issue 28)
    thrashing = linux.parse_psi(real("linux", "psi_memory_thrashing_issue.txt"))
    assert thrashing["some"] == {"avg10": 70.24, "avg60": 68.52, "avg300": 69.91} and thrashing["full"]["avg10"] == 57.59
    idle = linux.parse_psi(recorded("linux", "psi_memory_idle.txt"))
    assert set(idle) == {"some", "full"}


def test_coredumpctl_json_and_its_text_table_give_the_same_crashes():
    # recorded with systemd 252's own coredumpctl on a journal systemd-journal-remote wrote (scripts/coredump_journal.py)
    crashes = linux.parse_coredumpctl_json(recorded("linux", "coredumpctl_list.json"))
    assert crashes is not None
    assert [(c["program"], c["signal"]) for c in crashes] == [
        ("gnome-shell", "SIGSEGV"),
        ("firefox", "SIGABRT"),
        ("firefox", "SIGSEGV"),
        ("firefox", "SIGSEGV"),
    ]
    assert crashes[0]["time"] == "2024-03-05T08:41:29+00:00"  # 09:41:29 CET, the time the table prints
    table = linux.parse_coredumpctl_list(recorded("linux", "coredumpctl_list.txt"))  # systemd before 246 has no --json
    assert [(c["program"], c["pid"], c["signal"]) for c in table] == [(c["program"], c["pid"], c["signal"]) for c in crashes]
    assert linux.parse_coredumpctl_json(recorded("linux", "coredumpctl_list.txt")) is None


def test_journal_json_and_its_text_give_the_same_crashes():
    crashes = linux.parse_journal_coredumps_json(recorded("linux", "journal_coredumps.json"))
    assert crashes is not None
    assert [(c["program"], c["pid"]) for c in crashes] == [("gnome-shell", 4123), ("firefox", 8811), ("firefox", 9120), ("firefox", 10211)]
    assert crashes[0]["time"] == "2024-03-05T08:41:27+00:00"  # COREDUMP_TIMESTAMP: when it crashed, not when it was logged
    text = linux.parse_journal_coredumps(recorded("linux", "journal_coredumps.txt"))
    assert [(c["program"], c["pid"]) for c in text] == [(c["program"], c["pid"]) for c in crashes]
    assert linux.parse_journal_coredumps_json(recorded("linux", "journal_coredumps.txt")) is None


def test_a_journal_entry_with_a_forged_process_number_does_not_stop_the_crash_check():
    """Any local program can write a journal entry with systemd-coredump's MESSAGE_ID and fields: a COREDUMP_PID of "²"
    (a digit to str.isdigit(), not to int()) raised ValueError and the whole os.crashes check failed."""
    forged = (
        recorded("linux", "journal_coredumps.json")
        .splitlines()[0]
        .replace('"COREDUMP_PID":"', '"COREDUMP_PID":"²')
        .replace('"COREDUMP_UID":"', '"COREDUMP_UID":"²')
    )
    assert '"COREDUMP_PID":"²' in forged
    crashes = linux.parse_journal_coredumps_json(forged)
    assert crashes is not None and crashes[0]["program"] == "gnome-shell" and crashes[0]["pid"] is None and crashes[0]["uid"] is None


def test_journal_text_with_colours_and_the_documentation_link_still_lists_the_crashes():
    # SYSTEMD_COLORS=1 (or SYSTEMD_URLIFY=1) in the environment: journalctl 252 writes colours and the catalog's
    # "man:core(5)" link as a terminal hyperlink around "[🡕]" before "Process N (...)" even into a pipe (logs-show.c,
    # output_short: only when urlify_enabled(), which follows those variables, else whether stdout is a terminal)
    colours = recorded("linux", "journal_coredumps_colors.txt")
    assert "[🡕]" in colours and "\x1b]8;;man:core(5)" in colours
    assert linux.parse_journal_coredumps(colours) == linux.parse_journal_coredumps(recorded("linux", "journal_coredumps.txt"))
    assert [c["program"] for c in linux.parse_journal_coredumps(colours)] == ["gnome-shell", "firefox", "firefox", "firefox"]


def test_the_recordings_are_what_systemd_prints(tmp_path):
    """Builds the journal again with the real systemd-journal-remote and reads it with the real coredumpctl and
    journalctl (cursors and the JSON fields' order change from run to run: the crashes read from them must not)."""
    import argparse

    import coredump_journal

    found = coredump_journal.tools(argparse.Namespace(journal_remote=None, coredumpctl=None, journalctl=None))
    if not found:
        pytest.skip("systemd-journal-remote or coredumpctl is not installed here")
    outputs = coredump_journal.record(*found, tmp_path)
    parsers = {
        "coredumpctl_list.json": linux.parse_coredumpctl_json,
        "coredumpctl_list.txt": linux.parse_coredumpctl_list,
        "journal_coredumps.json": linux.parse_journal_coredumps_json,
        "journal_coredumps.txt": linux.parse_journal_coredumps,
        "journal_coredumps_colors.txt": linux.parse_journal_coredumps,
        "kernel_traps_firefox.txt": lambda text: kernellog.segfaults(kernellog.parse_journal_unix(text)),
        "coredumpctl_list_firefox.json": linux.parse_coredumpctl_json,
    }
    for name, (_command, stdout) in outputs.items():
        assert parsers[name](stdout) == parsers[name](recorded("linux", name)), name


def test_apport_crash_names():
    assert linux.apport_crash_program("_usr_bin_gnome-shell.1000.crash") == "gnome-shell"
    assert linux.apport_crash_program("_usr_lib_firefox_firefox.1000.crash") == "firefox"


def test_apt_simulate_counts_security_updates():
    parsed = linux.parse_apt_simulate(recorded("linux", "apt_simulate_debian12.txt"))
    assert parsed["count"] == 24
    assert parsed["security_count"] == 7
    assert "libgcrypt20" in parsed["security_packages"] and "bash" not in parsed["security_packages"]


def test_dnf_check_update():
    out = "\nfirefox.x86_64                 124.0-1.fc40                updates\nkernel.x86_64                  6.7.9-200.fc40              updates\n"
    assert linux.parse_dnf_check_update(out, 100) == {"count": 2, "security_count": None, "packages": ["firefox", "kernel"]}
    assert linux.parse_dnf_check_update("", 0)["count"] == 0
    assert linux.parse_dnf_check_update("Error: Cache-only enabled but no cache", 1) is None


def test_apt_config_dump_says_whether_unattended_upgrades_runs():
    """`apt-config dump` of a Debian 13 desktop where unattended-upgrades was said yes to (ROCm/ROCm#5619), and of this
    project's Debian 12 machine without it: the two APT::Periodic keys apt.systemd.daily reads, list items left out."""
    on = linux.parse_apt_config_dump(real("linux", "apt_config_dump_grep_APT_trixie_issue.txt"))
    assert on["APT::Periodic::Unattended-Upgrade"] == "1" and on["APT::Periodic::Update-Package-Lists"] == "1"
    assert "APT::NeverAutoRemove::" not in on and on["APT::Architecture"] == "amd64"
    assert linux.apt_automatic_settings(real("linux", "apt_config_dump_grep_APT_trixie_issue.txt")) == {
        "unattended_upgrade": "1",
        "update_package_lists": "1",
        "periodic_enable": None,
    }
    assert linux.apt_automatic_settings(recorded("linux", "apt_config_dump_APT_debian12.txt")) == {
        "unattended_upgrade": None,
        "update_package_lists": None,
        "periodic_enable": None,
    }


@pytest.mark.parametrize(
    ("value", "on"),
    [("1", True), ("0", False), (None, False), ("always", True), ("Always", True), ("12h", True), ("0d", False), ("daily", None)],
)
def test_apt_periodic_interval(value, on):
    """apt.systemd.daily's intervals: days, a number with s/m/h/d, or "always" (newer apt); unset is off."""
    assert linux.apt_periodic_on(value) is on


@pytest.mark.parametrize(
    ("value", "days"),
    [("1", 1.0), ("14", 14.0), ("14d", 14.0), ("12h", 0.5), ("always", 0.0), ("0", None), (None, None), ("daily", None)],
)
def test_apt_periodic_interval_in_days(value, days):
    """How often apt.systemd.daily runs an action (review: "14" is every 14 days, as apt documents it)."""
    assert linux.apt_periodic_days(value) == days


def test_dnf_automatic_conf_as_shipped_only_downloads():
    """dnf's own /etc/dnf/automatic.conf: apply_updates = no (dnf-automatic-install.timer installs anyway)."""
    commands = linux.parse_dnf_automatic_conf(real("linux", "dnf_automatic_conf_shipped.conf"))
    assert commands["apply_updates"] == "no" and commands["upgrade_type"] == "default"
    assert linux.parse_dnf_automatic_conf("[emitters]\nemit_via = stdio\n") == {}
    assert linux.parse_dnf_automatic_conf("not an ini file [") == {}


def test_nft_firewalld_filters_input_but_nat_only_does_not():
    # firewalld's ruleset as nftables' own test suite records it (filter_INPUT ends in "reject with icmpx admin-prohibited")
    firewalld = linux.parse_nft_ruleset(real("linux", "nft_list_ruleset_firewalld.nft"))
    assert firewalld == {"input_chains": 1, "filtering": True, "rules": 6}
    # only Docker's NAT table (pcollinson/nftfw issue 11): base chains on postrouting/prerouting, none on input
    nat = linux.parse_nft_ruleset(real("linux", "nft_list_ruleset_docker_nat_issue.txt"))
    assert nat["filtering"] is False and nat["input_chains"] == 0


def test_iptables_and_ufw():
    # the program runs `iptables -S INPUT`: the -P INPUT / -A INPUT lines of a recorded full `iptables -S`
    full = real("linux", "iptables_S_ufw_f2b_issue.txt")
    ufw = linux.parse_iptables_s("".join(line for line in full.splitlines(keepends=True) if line.split()[1:2] == ["INPUT"]))
    assert ufw == {"policy": "DROP", "rules": 7, "filtering": True}
    # recorded here (scripts/firewall_netns.py): a fresh network namespace, then Debian 12's own ufw 0.36.2 enabled in it
    assert linux.parse_iptables_s(recorded("linux", "iptables_S_INPUT_open.txt")) == {"policy": "ACCEPT", "rules": 0, "filtering": False}
    assert linux.parse_iptables_s(recorded("linux", "iptables_S_INPUT_ufw.txt")) == {"policy": "DROP", "rules": 6, "filtering": True}
    # iptables there is the nf_tables variant: ufw's chains are nftables tables too (ip and ip6 filter, both policy drop)
    assert linux.parse_nft_ruleset(recorded("linux", "nft_list_ruleset_ufw.txt")) == {"input_chains": 2, "filtering": True, "rules": 12}
    conf = recorded("linux", "ufw_conf_enabled.txt")
    assert conf.startswith("# /etc/ufw/ufw.conf\n") and linux.parse_ufw_conf(conf) is True
    assert linux.parse_ufw_status(recorded("linux", "ufw_status_active.txt")) is True
    assert linux.parse_ufw_status("Status: inactive\n") is False


def test_ufw_status_is_read_in_the_c_locale_whatever_the_machines_language():
    # recorded here (scripts/firewall_netns.py): the real ufw 0.36.2 with its own French catalogue found, before and after
    # `ufw enable`, asked in French and in the environment security.firewall asks it in
    assert [recorded("linux", f"ufw_status_{s}_fr.txt") for s in ("inactive", "active")] == ["État\u00a0: inactif\n", "État\u00a0: actif\n"]
    assert [linux.parse_ufw_status(recorded("linux", f"ufw_status_{s}_fr.txt")) for s in ("inactive", "active")] == [None, None]
    assert [linux.parse_ufw_status(recorded("linux", f"ufw_status_{s}_C.txt")) for s in ("inactive", "active")] == [False, True]


def test_a_french_machine_whose_ufw_is_off_is_not_reported_protected(monkeypatch):
    # ufw.conf says ENABLED=yes (recorded after `ufw enable`) but ufw is inactive: ufw's own answer decides, in any language
    import os

    from selfcheck.api import CommandOutput, Context, Status
    from selfcheck.checks.security_firewall import FirewallCheck
    from selfcheck.config import load
    from selfcheck.runner import evaluate_facts

    conf, read_text = recorded("linux", "ufw_conf_enabled.txt"), Path.read_text
    monkeypatch.setattr(Path, "read_text", lambda self, *a, **kw: conf if str(self) == "/etc/ufw/ufw.conf" else read_text(self, *a, **kw))
    monkeypatch.setattr(os, "geteuid", lambda: 0, raising=False)  # ufw status needs root
    monkeypatch.setenv("LANG", "fr_FR.UTF-8")
    monkeypatch.setenv("LANGUAGE", "fr_FR:fr")
    monkeypatch.delenv("LC_ALL", raising=False)
    asked: list[dict[str, str] | None] = []

    class FrenchUfw(Context):
        def run(self, args, timeout=5.0, *, env=None, input_text=None):  # type: ignore[no-untyped-def, override]
            if list(args) != ["ufw", "status"]:
                return CommandOutput(list(args), None, "", "", missing=True)
            asked.append(env)
            seen = os.environ if env is None else env  # Python's gettext: the first of these that is set
            lang = next((seen[k] for k in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG") if seen.get(k)), "C")
            return CommandOutput(list(args), 0, recorded("linux", f"ufw_status_inactive_{'fr' if lang.startswith('fr') else 'C'}.txt"), "")

    facts = FirewallCheck().collect(FrenchUfw(platform="linux"))
    assert facts["backends"]["ufw"] is False
    outcome = evaluate_facts(FirewallCheck, facts, FirewallCheck.thresholds_from(load(include_system=False)))
    assert outcome.status in (Status.WARN, Status.FAIL) and outcome.summary == "No firewall is filtering incoming connections to this computer."
    assert len(asked) == 1 and asked[0] is not None
    assert {k: asked[0][k] for k in ("LC_ALL", "LANG", "LANGUAGE")} == {"LC_ALL": "C", "LANG": "C", "LANGUAGE": "C"}
    assert asked[0]["PATH"] == os.environ["PATH"]  # the rest of the environment is kept


def test_lsblk_luks_and_plain():
    luks = linux.parse_lsblk_inverse(recorded("linux", "lsblk_inverse_luks.json"))
    assert luks["/"]["encrypted"] is True and luks["/boot"]["encrypted"] is False
    plain = linux.parse_lsblk_inverse(recorded("linux", "lsblk_inverse_plain.json"))
    assert plain["/"]["encrypted"] is False
    assert linux.parse_lsblk_inverse("lsblk: unknown column") == {}


def test_smartctl():
    ok = linux.parse_smartctl_json(real("linux", "smartctl_j_nvme_ok_samsung_970_evo_plus.json"))
    assert ok["passed"] is True and ok["model"] == "Samsung SSD 970 EVO Plus 250GB" and ok["media_errors"] == 0
    assert (ok["device"], ok["temperature"], ok["power_on_hours"]) == ("/dev/nvme0", 35, 3149)
    failed = linux.parse_smartctl_json(real("linux", "smartctl_j_nvme_failed_samsung_mzwll3t2.json"))
    assert failed["passed"] is False and failed["exit_status"] == 8 and failed["model"] == "SAMSUNG MZWLL3T2HAJQ-00005"
    worn = linux.parse_smartctl_json(real("linux", "smartctl_j_ata_bad_sectors_hgst.json"))  # says PASSED, yet damaged
    assert worn["passed"] is True and worn["bad_sectors"] == 1040 + 878 + 1272 and worn["size_bytes"] == 6001175126016
    denied = linux.parse_smartctl_json(real("linux", "smartctl_j_not_permitted_issue.json"))
    assert denied["passed"] is None and denied["exit_status"] == 2
    assert denied["messages"] == ["Smartctl open device: /dev/sda failed: Operation not permitted"]


def test_kernel_restart_needed():
    assert linux.kernel_restart_needed("6.1.0-17-amd64", ["6.1.0-18-amd64"]) is True
    assert linux.kernel_restart_needed("6.1.0-18-amd64", ["6.1.0-17-amd64", "6.1.0-18-amd64"]) is False
    assert linux.kernel_restart_needed("6.1.0-18-amd64", []) is False


def test_cpu_model_from_cpuinfo():
    assert (
        linux.cpu_model_from_cpuinfo("processor\t: 0\nmodel name\t: Intel(R) Core(TM) i5-8350U CPU @ 1.70GHz\n") == "Intel(R) Core(TM) i5-8350U CPU @ 1.70GHz"
    )


def test_newer_kernel_installed():
    assert linux.newer_kernel_installed("6.1.0-17-amd64", ["6.1.0-17-amd64", "6.1.0-18-amd64"]) is True
    assert linux.newer_kernel_installed("6.1.0-18-amd64", ["6.1.0-17-amd64", "6.1.0-18-amd64"]) is False
    assert linux.newer_kernel_installed("6.1.0-18-amd64", ["6.1.0-18-amd64", "6.1.0-19-rt-amd64"]) is False  # another flavour
    assert linux.newer_kernel_installed("6.7.9-200.fc40.x86_64", ["6.7.9-200.fc40.x86_64", "6.8.4-200.fc40.x86_64"]) is True
    assert linux.newer_kernel_installed("6.8.4-200.fc40.x86_64", ["6.7.9-200.fc40.x86_64", "6.8.4-200.fc40.x86_64"]) is False


def test_block_device_info_names_the_disk_and_how_it_is_connected(tmp_path):
    from selfcheck.platforms.linux import block_device_info

    def disk(bus: str, name: str, vendor: str, model: str, sectors: int) -> None:
        real = tmp_path / "devices" / bus / "block" / name
        (real / "device").mkdir(parents=True)
        (real / "size").write_text(f"{sectors}\n")
        (real / "device" / "vendor").write_text(f"{vendor:<8}\n")
        (real / "device" / "model").write_text(f"{model:<16}\n")
        (tmp_path / "class").mkdir(exist_ok=True)
        (tmp_path / "class" / name).symlink_to(real)

    disk("pci0000:00/0000:00:14.0/usb2/2-1/2-1:1.0/host6/target6:0:0/6:0:0:0", "sdc", "Seagate", "Expansion Desk", 7814037168)
    disk("pci0000:00/0000:00:17.0/ata3/host2/target2:0:0/2:0:0:0", "sda", "ATA", "Samsung SSD 860", 976773168)
    sys_block = str(tmp_path / "class")
    assert block_device_info("/dev/sdc", sys_block) == {"model": "Seagate Expansion Desk", "size_bytes": 7814037168 * 512, "connection": "usb"}
    assert block_device_info("/dev/sda", sys_block) == {"model": "Samsung SSD 860", "size_bytes": 976773168 * 512, "connection": "internal"}
    assert block_device_info("/dev/nvme9n1", sys_block) == {}


def crashes_read_by_the_check(answers: dict[tuple[str, ...], tuple[int, str, str]]) -> dict:
    """os.crashes' Linux collection, each command answered from ``answers`` (its first words), others missing."""
    from selfcheck.api import CommandOutput, Context
    from selfcheck.checks.os_crashes import CrashesCheck

    asked: list[list[str]] = []

    class Machine(Context):
        def run(self, args, timeout=5.0, **kwargs):  # type: ignore[no-untyped-def, override]
            asked.append(list(args))
            for words, (code, out, err) in answers.items():
                if all(w in args for w in words):
                    return CommandOutput(list(args), code, out, err)
            return CommandOutput(list(args), None, "", "", missing=True)

    facts: dict = {"days": 7, "crashes": [], "system_crashes": [], "sources": []}
    CrashesCheck._linux(Machine(platform="linux"), facts, 7, 0.0)
    facts["asked"] = asked
    return facts


def test_the_check_lists_the_same_crashes_from_coredumpctl_json_and_from_an_older_systemds_table():
    new = crashes_read_by_the_check({("coredumpctl", "list", "--json=short"): (0, recorded("linux", "coredumpctl_list.json"), "")})
    old = crashes_read_by_the_check(
        {
            ("coredumpctl", "list", "--json=short"): (1, "", "coredumpctl: unrecognized option '--json=short'\n"),
            ("coredumpctl", "list", "--no-legend"): (0, recorded("linux", "coredumpctl_list.txt"), ""),
        }
    )
    for facts in (new, old):
        assert [c["program"] for c in facts["crashes"]] == ["gnome-shell", "firefox", "firefox", "firefox"]
        assert facts["sources"] == ["coredumpctl"]
    assert len([a for a in new["asked"] if a[0] == "coredumpctl"]) == 1
    none = crashes_read_by_the_check({("coredumpctl", "list", "--json=short"): (1, "", "No coredumps found.\n")})
    assert none["crashes"] == [] and none["sources"] == ["coredumpctl"] and len(none["asked"]) == 2  # json, then the kernel log


def test_the_check_reads_the_journals_json_else_its_text(monkeypatch):
    from selfcheck.checks import os_crashes

    monkeypatch.setattr(os_crashes, "_journal_present", lambda: True)
    journal = ("journalctl", "-q", "--no-pager")
    new = crashes_read_by_the_check({(*journal, "json"): (0, recorded("linux", "journal_coredumps.json"), "")})
    # a journalctl whose JSON did not parse (SYSTEMD_COLORS=1 colours it even into a pipe, recorded): the text, coloured too
    coloured = crashes_read_by_the_check(
        {
            (*journal, "json"): (0, '{\x1b[0;32m"COREDUMP_PID\x1b[0m": ...}\n', ""),
            (*journal, "short-iso"): (0, recorded("linux", "journal_coredumps_colors.txt"), ""),
        }
    )
    for facts in (new, coloured):
        assert [c["program"] for c in facts["crashes"]] == ["gnome-shell", "firefox", "firefox", "firefox"]
        assert facts["sources"] == ["journal"]


def test_a_crash_in_the_kernels_log_and_in_systemds_crash_records_counts_once_named_by_its_program(monkeypatch):
    """The kernel's real lines (linux-surface/linux-surface#1529: "traps: Isolated Web Co[8887] trap invalid opcode ...",
    four Firefox crashes, the name cut to 15 characters) and systemd-coredump's records of the first three (same pids and
    seconds, exe firefox-esr), both read by systemd 252's own journalctl -k and coredumpctl (scripts/coredump_journal.py)."""
    from selfcheck.checks.os_crashes import CrashesCheck, every_crash

    monkeypatch.setattr(kernellog, "_journal_present", lambda: True)
    facts = crashes_read_by_the_check(
        {
            ("coredumpctl", "list", "--json=short"): (0, recorded("linux", "coredumpctl_list_firefox.json"), ""),
            ("journalctl", "-k"): (0, recorded("linux", "kernel_traps_firefox.txt"), ""),
        }
    )
    assert [(c["program"], c["pid"]) for c in facts["kernel_crashes"]] == [("Isolated Web Co", p) for p in (8887, 8939, 8998, 9218)]
    assert [(c["program"], c["pid"]) for c in facts["crashes"]] == [("firefox-esr", p) for p in (8887, 8939, 8998)]
    # three crashes both saw, once each; the fourth only the kernel saw, named as the others were: four, not seven
    assert sorted((c["program"], c["pid"]) for c in every_crash(facts)) == [("firefox-esr", p) for p in (8887, 8939, 8998, 9218)]
    outcome = CrashesCheck().evaluate(
        {**facts, "now": "2024-08-11T09:30:00+00:00"},
        {"days": 7, "warn_count": 3, "fail_count": 15, "warn_system_crashes": 1, "fail_loop_count": 5, "loop_hours": 24},
    )
    assert outcome.evidence["program_crashes"] == {"firefox-esr": 4}
    assert outcome.summary == "Programs crashed 4 times in the last 7 days, most often “Firefox”."


def test_two_crashes_of_one_program_with_the_same_process_id_a_day_apart_count_twice():
    """Process ids are used again: the kernel's real line for pid 8887 and a crash record of that pid a day later."""
    from selfcheck.checks.os_crashes import every_crash

    kernel = kernellog.segfaults(kernellog.parse_journal_unix(recorded("linux", "kernel_traps_firefox.txt")))[:1]
    record = linux.parse_coredumpctl_json(recorded("linux", "coredumpctl_list_firefox.json"))[:1]
    assert every_crash({"crashes": record, "kernel_crashes": kernel}) == record  # the same crash: once
    later = [{**record[0], "time": "2024-08-12T08:52:03+00:00"}]
    assert sorted(c["pid"] for c in every_crash({"crashes": later, "kernel_crashes": kernel})) == [8887, 8887]


@pytest.mark.parametrize(("code", "filtering"), [(0, True), (251, True), (252, False)])
def test_firewalds_state_is_read_from_firewall_cmds_exit_code(tmp_path, monkeypatch, code, filtering):
    """firewall-cmd(1), EXIT CODES: --state returns 0 when firewalld is active, RUNNING_BUT_FAILED (251) when a failure
    occurred on startup (it still filters), NOT_RUNNING (252) otherwise. No firewalld here: a stand-in firewall-cmd on
    PATH that prints nothing and exits with the documented code (its word is translated; the code is not)."""
    from selfcheck.api import Context
    from selfcheck.checks.security_firewall import FirewallCheck
    from selfcheck.config import load
    from selfcheck.runner import evaluate_facts

    stand_in = tmp_path / "firewall-cmd"
    stand_in.write_text(f'#!/bin/sh\n[ "$1" = --state ] && exit {code}\nexit 2\n')
    stand_in.chmod(0o755)
    monkeypatch.setenv("PATH", str(tmp_path))  # nothing else: no ufw, nft nor iptables of this machine
    read_text = Path.read_text

    def no_ufw(self: Path, *a, **kw) -> str:  # type: ignore[no-untyped-def]
        if str(self) == "/etc/ufw/ufw.conf":
            raise FileNotFoundError(str(self))
        return read_text(self, *a, **kw)

    monkeypatch.setattr(Path, "read_text", no_ufw)
    facts = FirewallCheck().collect(Context(platform="linux"))
    assert facts["backends"] == {"firewalld": filtering}
    outcome = evaluate_facts(FirewallCheck, facts, FirewallCheck.thresholds_from(load(include_system=False)))
    expected = "A firewall is filtering incoming connections (firewalld)." if filtering else "No firewall is filtering incoming connections to this computer."
    assert outcome.summary == expected
