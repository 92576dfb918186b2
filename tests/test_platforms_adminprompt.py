"""What the system's administrator prompt asks this account (selfcheck.platforms.adminprompt).

Linux for real: this machine's account database and polkit rules (root, and the unprivileged "nobody" the repair lab
also uses), and a polkit rules tree naming nobody's own group. Windows and macOS at the API boundary only: the
token's answers through ctypes, the registry's policy values, the account's group list.
"""

from __future__ import annotations

import grp
import os
import pwd

import pytest

from selfcheck.platforms import adminprompt
from selfcheck.platforms.adminprompt import ADMIN_PASSWORD, CONSENT, NONE, OWN_PASSWORD

linux_only = pytest.mark.skipif(not os.path.isdir("/usr/share/polkit-1/rules.d"), reason="needs polkit's rules folder")


def _nobody_group() -> str:
    return grp.getgrgid(pwd.getpwnam("nobody").pw_gid).gr_name


@linux_only
def test_linux_root_is_never_asked_and_an_account_outside_polkit_s_administrators_needs_someone_else_s_password():
    assert os.geteuid() == 0  # the suite runs as root (the repair labs need it)
    # root holds the rights: the repair runs at once, no prompt (the agent lab's customer scans as root)
    assert adminprompt.admin_prompt("linux") == NONE
    admins = adminprompt.polkit_admins()
    assert admins is not None and _nobody_group() not in admins[0]
    assert adminprompt.admin_prompt("linux", user="nobody") == ADMIN_PASSWORD


def test_linux_an_account_in_polkit_s_admin_group_types_its_own_password(tmp_path):
    rules = tmp_path / "usr/share/polkit-1/rules.d"
    rules.mkdir(parents=True)
    (rules / "50-default.rules").write_text(
        f'polkit.addAdminRule(function(action, subject) {{\n    return ["unix-group:{_nobody_group()}"];\n}});\n', encoding="utf-8"
    )
    (rules / "60-other.rules").write_text('polkit.addRule(function(a, s) { if (s.isInGroup("staff")) return polkit.Result.YES; });\n', encoding="utf-8")
    assert adminprompt.admin_prompt("linux", user="nobody", root=tmp_path) == OWN_PASSWORD
    # /etc's file of the same name replaces the distribution's: only root is an administrator there
    etc = tmp_path / "etc/polkit-1/rules.d"
    etc.mkdir(parents=True)
    (etc / "50-default.rules").write_text('polkit.addAdminRule(function(action, subject) { return ["unix-user:0"]; });\n', encoding="utf-8")
    assert adminprompt.admin_prompt("linux", user="nobody", root=tmp_path) == ADMIN_PASSWORD
    # no polkit at all: not known
    assert adminprompt.admin_prompt("linux", user="nobody", root=tmp_path / "empty") is None


class Windll:
    """ctypes.windll as a Windows account answers: its token's elevation type and IsUserAnAdmin."""

    def __init__(self, elevation: int | None, in_admins: bool = False) -> None:
        self.advapi32 = self.kernel32 = self.shell32 = self
        self.elevation, self.in_admins, self.closed = elevation, in_admins, 0

    def GetCurrentProcess(self):  # noqa: N802 - the Windows API's names
        return -1

    def OpenProcessToken(self, process, access, token):  # noqa: N802
        assert access == 0x0008  # TOKEN_QUERY: only read
        if self.elevation is None:
            return 0
        token._obj.value = 1234
        return 1

    def GetTokenInformation(self, token, kind, info, size, needed):  # noqa: N802
        assert kind == 18 and size == 4  # TokenElevationType, a DWORD-sized enum
        info._obj.value = self.elevation
        return 1

    def CloseHandle(self, handle):  # noqa: N802
        self.closed += 1
        return 1

    def IsUserAnAdmin(self):  # noqa: N802
        return int(self.in_admins)


def policy(**values):
    return lambda name: values.get(name)


@pytest.mark.parametrize(
    ("windll", "values", "expected"),
    [
        (Windll(3), {}, CONSENT),  # a home PC's first account: UAC's "Yes", no password
        (Windll(3), {"ConsentPromptBehaviorAdmin": 5, "EnableLUA": 1}, CONSENT),
        (Windll(3), {"ConsentPromptBehaviorAdmin": 2}, CONSENT),
        (Windll(3), {"ConsentPromptBehaviorAdmin": 1}, OWN_PASSWORD),  # a policy makes administrators type theirs
        (Windll(3), {"ConsentPromptBehaviorAdmin": 3}, OWN_PASSWORD),
        (Windll(3), {"ConsentPromptBehaviorAdmin": 0}, NONE),  # "Elevate without prompting"
        (Windll(1, in_admins=False), {}, ADMIN_PASSWORD),  # a standard account: an administrator's password or PIN
        (Windll(1, in_admins=False), {"ConsentPromptBehaviorUser": 0}, None),  # refused at once, nobody asked
        (Windll(3), {"ConsentPromptBehaviorAdmin": 9}, None),  # a value Microsoft does not document: not known
        (Windll(1, in_admins=True), {}, NONE),  # the built-in Administrator: no split token, the rights held already
        (Windll(2), {}, NONE),  # already elevated ("Run as administrator")
        (Windll(1, in_admins=True), {"EnableLUA": 0}, NONE),  # UAC off: an administrator's programs hold the rights
        (Windll(1, in_admins=False), {"EnableLUA": 0}, None),  # UAC off, a standard account: nobody can be asked
        (Windll(None), {}, None),  # the token could not be read
    ],
)
def test_windows_what_uac_asks_from_the_token_and_the_policy(windll, values, expected):
    assert adminprompt.windows_prompt(windll, policy(**values)) == expected
    assert windll.closed == (0 if windll.elevation is None or values.get("EnableLUA") == 0 else 1)  # the token is closed


def test_windows_a_missing_api_is_not_known():
    assert adminprompt.windows_prompt(object(), policy()) is None


class Account:
    pw_name, pw_gid, pw_uid = "marie", 20, 501


GROUPS = {20: "staff", 80: "admin", 12: "everyone", 701: "com.apple.sharepoint.group.1"}


def macos_groups(gids):
    return adminprompt.group_names(
        "marie",
        getpwnam=lambda name: Account(),
        getgrouplist=lambda name, gid: [gid, *gids],
        getgrgid=lambda gid: grp.struct_group((GROUPS[gid], "*", gid, [])),
    )


def test_macos_an_administrator_types_their_own_password_a_standard_account_an_administrator_s():
    assert adminprompt.darwin_prompt(macos_groups([12, 80, 701]), uid=501) == OWN_PASSWORD
    assert adminprompt.darwin_prompt(macos_groups([12, 701]), uid=501) == ADMIN_PASSWORD
    assert adminprompt.darwin_prompt(None, uid=501) is None
    assert adminprompt.darwin_prompt(macos_groups([80]), uid=0) == NONE  # root: the repair runs at once
    assert adminprompt.darwin_prompt(None, uid=0) == NONE
