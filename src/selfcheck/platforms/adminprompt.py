"""What the operating system's own administrator prompt asks this person, for a repair that needs the rights.

selfcheck never asks for a password: the OS does (``selfcheck.repairs.elevation``: UAC on Windows, the
authorization dialog on macOS, polkit's pkexec on Linux). What that prompt asks depends on the system and on the
account, and the customer is told it beforehand (the verdict's step, the repair's consent window):

- ``"consent"``: click "Yes" (Windows: an administrator account with UAC on, most home PCs);
- ``"own_password"``: the password or PIN they type to start the computer (an administrator on macOS or Linux; a
  Windows administrator whose policy asks for credentials);
- ``"admin_password"``: someone who manages the computer types theirs (a standard account everywhere);
- ``"none"``: no prompt at all, for certain: the repair runs at once (root on Linux and macOS; on Windows a process
  already elevated, an administrator whose programs hold the rights (UAC off, the built-in Administrator), or a policy
  that elevates administrators without asking);
- ``None``: not known (and the cases where nobody can be asked: a standard account with UAC off or a policy that
  refuses it at once).

:func:`admin_prompt` never raises. It reads only what the OS keeps (the process token and two documented registry
values on Windows, the account's groups on macOS and Linux, polkit's rules files on Linux); each reader takes the
API it calls so the tests give it a recorded answer at that boundary.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

CONSENT, OWN_PASSWORD, ADMIN_PASSWORD, NONE = "consent", "own_password", "admin_password", "none"
#: what a prompt asks, when one comes
PROMPTS = (CONSENT, OWN_PASSWORD, ADMIN_PASSWORD)
#: every answer a scan records (None aside: not known)
ANSWERS = (*PROMPTS, NONE)

# ---------------------------------------------------------------------------------- Windows

TOKEN_QUERY = 0x0008
TOKEN_ELEVATION_TYPE_CLASS = 18  # TOKEN_INFORMATION_CLASS.TokenElevationType
#: TOKEN_ELEVATION_TYPE: no split token (UAC off, a standard account, the built-in Administrator); the elevated half;
#: the limited half of an administrator's split token (UAC on: the rights wait behind the prompt)
ELEVATION_DEFAULT, ELEVATION_FULL, ELEVATION_LIMITED = 1, 2, 3
UAC_POLICY_KEY = r"SOFTWARE\Microsoft\Windows\CurrentVersion\Policies\System"
#: ConsentPromptBehaviorAdmin (Microsoft's "User Account Control: Behavior of the elevation prompt for
#: administrators"): 0 elevate without prompting, 1 credentials on the secure desktop, 2 consent on the secure
#: desktop, 3 credentials, 4 consent, 5 (default) consent for non-Windows binaries
ADMIN_SILENT, ADMIN_CREDENTIALS, ADMIN_CONSENT = 0, (1, 3), (2, 4, 5)
#: ConsentPromptBehaviorUser: 0 refuses every request at once, 1 and 3 (default) ask an administrator's credentials
USER_DENIED = 0


def _uac_policy(name: str) -> int | None:  # pragma: no cover - Windows only
    if sys.platform != "win32":
        return None
    try:
        import winreg

        with winreg.OpenKey(winreg.HKEY_LOCAL_MACHINE, UAC_POLICY_KEY) as key:
            value, _kind = winreg.QueryValueEx(key, name)
        return int(value)
    except (ImportError, OSError, TypeError, ValueError):
        return None


def token_elevation_type(windll: Any = None) -> int | None:
    """This process's TokenElevationType (GetTokenInformation), or None when Windows does not say."""
    import ctypes

    token = ctypes.c_void_p()
    kind = ctypes.c_int(0)
    size = ctypes.c_uint32(0)
    try:
        if windll is None:  # pragma: no cover - Windows only
            windll = ctypes.windll  # type: ignore[attr-defined]
        if not windll.advapi32.OpenProcessToken(windll.kernel32.GetCurrentProcess(), TOKEN_QUERY, ctypes.byref(token)):
            return None
        try:
            ok = windll.advapi32.GetTokenInformation(token, TOKEN_ELEVATION_TYPE_CLASS, ctypes.byref(kind), ctypes.sizeof(kind), ctypes.byref(size))
        finally:
            windll.kernel32.CloseHandle(token)
    except (OSError, AttributeError, TypeError, ValueError, ctypes.ArgumentError):
        return None
    return kind.value if ok and kind.value in (ELEVATION_DEFAULT, ELEVATION_FULL, ELEVATION_LIMITED) else None


def _in_administrators(windll: Any) -> bool | None:
    """Whether the token holds the Administrators group enabled (IsUserAnAdmin); for a token with no split, whether
    the account is an administrator."""
    try:
        if windll is None:  # pragma: no cover - Windows only
            import ctypes

            windll = ctypes.windll  # type: ignore[attr-defined]
        return bool(windll.shell32.IsUserAnAdmin())
    except (OSError, AttributeError, TypeError, ValueError):
        return None


def windows_prompt(windll: Any = None, policy: Callable[[str], int | None] | None = None) -> str | None:
    """What UAC asks this account: ``windll`` is ctypes' (tests pass recorded answers), ``policy`` reads a value of
    HKLM\\...\\Policies\\System (None when absent)."""
    read = policy or _uac_policy
    if read("EnableLUA") == 0:
        # UAC off: an administrator's programs hold the rights already (selfcheck.repairs.model.running_as_admin, so the
        # repair runs in this process); nobody else can be asked
        return NONE if _in_administrators(windll) is True else None
    kind = token_elevation_type(windll)
    if kind == ELEVATION_FULL:  # already elevated ("Run as administrator"): the repair runs in this process
        return NONE
    if kind == ELEVATION_LIMITED:  # an administrator with UAC on: most home PCs' first account
        behaviour = read("ConsentPromptBehaviorAdmin")
        if behaviour is None or behaviour in ADMIN_CONSENT:
            return CONSENT
        if behaviour in ADMIN_CREDENTIALS:
            return OWN_PASSWORD
        return NONE if behaviour == ADMIN_SILENT else None  # 0: "Elevate without prompting"
    if kind == ELEVATION_DEFAULT:
        admin = _in_administrators(windll)
        if admin is True:  # in Administrators with no split token (the built-in Administrator): the rights are held
            return NONE
        if admin is False:  # a standard account
            return None if read("ConsentPromptBehaviorUser") == USER_DENIED else ADMIN_PASSWORD
    return None  # not known


# ---------------------------------------------------------------------------------- macOS and Linux


def group_names(
    user: str | None = None,
    getpwnam: Callable[[str], Any] | None = None,
    getgrouplist: Callable[[str, int], list[int]] | None = None,
    getgrgid: Callable[[int], Any] | None = None,
) -> set[str] | None:
    """The names of the groups ``user`` (default: this process's account) belongs to, from the system's account
    database; None when it cannot say."""
    if sys.platform == "win32":
        return None
    try:
        import grp
        import pwd

        entry = (getpwnam or pwd.getpwnam)(user) if user else pwd.getpwuid(os.getuid())
        names: set[str] = set()
        for gid in (getgrouplist or os.getgrouplist)(entry.pw_name, entry.pw_gid):
            try:
                names.add((getgrgid or grp.getgrgid)(gid).gr_name)
            except KeyError:
                continue
        return names
    except (ImportError, KeyError, OSError, AttributeError, TypeError):
        return None


def _uid_of(user: str | None) -> int | None:
    if sys.platform == "win32":
        return None
    try:
        import pwd

        return pwd.getpwnam(user).pw_uid if user else os.geteuid()  # as running_as_admin: the rights this process holds
    except (ImportError, KeyError, AttributeError):
        return None


#: macOS: the group of the accounts "Allow user to administer this computer" ticks (gid 80)
DARWIN_ADMIN_GROUP = "admin"


def darwin_prompt(groups: Iterable[str] | None, uid: int | None = None) -> str | None:
    """An administrator types their own password (or uses Touch ID); a standard account, an administrator's; root is
    never asked (the repair runs in this process)."""
    if uid == 0:
        return NONE
    if groups is None:
        return None
    return OWN_PASSWORD if DARWIN_ADMIN_GROUP in set(groups) else ADMIN_PASSWORD


#: where polkit reads its rules (polkit(8)); its administrators are what ``polkit.addAdminRule`` returns
POLKIT_RULES_DIRS = ("etc/polkit-1/rules.d", "usr/share/polkit-1/rules.d", "usr/local/share/polkit-1/rules.d")
_ADMIN_RULE = re.compile(r"addAdminRule\s*\((.*?)\}\s*\)", re.S)
_IDENTITY = re.compile(r"unix-(group|user):([A-Za-z0-9_.$-]+)")


def polkit_admins(root: str | Path = "/") -> tuple[set[str], set[str]] | None:
    """(groups, users) polkit's rules name as administrators, or None when no polkit rules folder can be read.

    polkit uses the first rules file (by name) whose admin rule answers; the identities of every admin rule are
    taken, as distributions ship one (Debian and Ubuntu: sudo; Fedora: wheel)."""
    files: dict[str, Path] = {}
    seen = False
    for folder in POLKIT_RULES_DIRS:
        path = Path(root) / folder
        try:
            entries = sorted(path.glob("*.rules"))
        except OSError:
            continue
        if path.is_dir():
            seen = True
        for entry in entries:
            files.setdefault(entry.name, entry)  # /etc's file of a name hides /usr's
    if not seen:
        return None
    groups: set[str] = set()
    users: set[str] = set()
    for name in sorted(files):
        try:
            text = files[name].read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        for body in _ADMIN_RULE.findall(text):
            for kind, who in _IDENTITY.findall(body):
                (groups if kind == "group" else users).add(who)
    return groups, users


def linux_prompt(groups: Iterable[str] | None, user: str | None, uid: int | None, admins: tuple[set[str], set[str]] | None) -> str | None:
    """pkexec asks a polkit administrator for their own password; anyone else for an administrator's."""
    if uid == 0:
        return NONE  # root is never asked: the repair runs in this process (running_as_admin)
    if groups is None or admins is None or user is None:
        return None
    admin_groups, admin_users = admins
    if user in admin_users or (uid is not None and str(uid) in admin_users) or set(groups) & admin_groups:
        return OWN_PASSWORD
    return ADMIN_PASSWORD


def admin_prompt(platform: str | None = None, user: str | None = None, root: str | Path = "/") -> str | None:
    """What the OS's administrator prompt asks this account (``user``: another account, for the tests); never raises."""
    platform = platform or sys.platform
    try:
        if platform.startswith("win") or sys.platform == "win32":
            return windows_prompt() if platform.startswith("win") else None
        uid = _uid_of(user)
        if platform == "darwin":
            return darwin_prompt(group_names(user), uid)
        if platform.startswith("linux"):
            import pwd

            name = user or pwd.getpwuid(os.getuid()).pw_name
            return linux_prompt(group_names(user), name, uid, polkit_admins(root))
    except Exception:  # noqa: BLE001 - a sentence's choice of words must never stop a scan
        return None
    return None
