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
    (task,) = [inno_params(line) for line in iss_section("UninstallRun")]
    scheduled = background.schtasks_args(6, ["selfcheck-gui.exe", "background", "run-once"])
    name = scheduled[scheduled.index("/TN") + 1]
    assert task["Filename"] == "{sys}\\schtasks.exe" and "runhidden" in task["Flags"].split() and task["RunOnceId"]
    assert shlex.split(task["Parameters"], posix=True) == ["/Delete", "/F", "/TN", name]
