"""What the Windows uninstaller removes of what the program added for the user, read from the installer script.

Inno Setup help, [Registry] section: ``ValueType: none`` writes no value, ``dontcreatekey`` creates no key, and
``uninsdeletevalue`` deletes the value at uninstall; [UninstallRun] runs a program at uninstall, once per ``RunOnceId``.
"""

from __future__ import annotations

import shlex

from test_url_scheme import inno_params, iss_section

from selfcheck.history import background
from selfcheck.upload import atlogin


def test_uninstalling_removes_the_at_login_sending_the_program_added_and_nothing_else():
    """A message still waiting when the program is uninstalled: its Run value would start a program that is gone at
    every login. The uninstaller deletes exactly that value of the user's, and the installer never writes it."""
    entries = [inno_params(line) for line in iss_section("Registry")]
    run = [e for e in entries if e["Subkey"].lower() == atlogin.RUN_KEY.lower()]
    assert [(e["Root"], e["ValueType"], e["ValueName"]) for e in run] == [("HKCU", "none", atlogin.RUN_VALUE)]
    assert set(run[0]["Flags"].split()) == {"dontcreatekey", "uninsdeletevalue"}


def test_uninstalling_removes_the_light_scans_schedule():
    # the uninstaller also removes the at-login sending's task (b3353e60): the light scans' one is found by its name
    runs = [inno_params(line) for line in iss_section("UninstallRun")]
    scheduled = background.schtasks_args(6, ["selfcheck-gui.exe", "background", "run-once"])
    name = scheduled[scheduled.index("/TN") + 1]
    (task,) = [t for t in runs if shlex.split(t["Parameters"], posix=True)[-1:] == [name]]
    assert task["Filename"] == "{sys}\\schtasks.exe" and "runhidden" in task["Flags"].split() and task["RunOnceId"]
    assert shlex.split(task["Parameters"], posix=True) == ["/Delete", "/F", "/TN", name]
    assert len({t["RunOnceId"] for t in runs}) == len(runs)  # each run once, under its own id


def test_uninstalling_removes_the_at_login_sending_task():
    """A message still waiting when the program is uninstalled, its command too long for a Run value: the logon task
    (atlogin.TASK_NAME) would start a program that is gone at every login; the uninstaller deletes it by name."""
    runs = [inno_params(line) for line in iss_section("UninstallRun")]
    (task,) = [t for t in runs if shlex.split(t["Parameters"], posix=True)[-1:] == [atlogin.TASK_NAME]]
    assert task["Filename"] == "{sys}\\schtasks.exe" and "runhidden" in task["Flags"].split()
    assert shlex.split(task["Parameters"], posix=True) == ["/Delete", "/F", "/TN", atlogin.TASK_NAME]
