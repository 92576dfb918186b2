"""The device fixes a check may offer (:class:`selfcheck.api.Fix` actions), done after the user agreed.

Front ends call :func:`device_action`; the check then runs again to verify
the fix worked. Qt-free, so the CLI and the coming repair model can use them.
"""

from __future__ import annotations

import logging
import time

from selfcheck.api import Fix
from selfcheck.i18n import _

log = logging.getLogger("selfcheck.devices")

DEVICE_ACTIONS = ("cancel_print_jobs", "unmute_output", "set_default_output", "unmute_input", "set_default_input", "bluetooth_power_on")
#: "Turn the sound on" raises a volume below the "very low" level to this
RAISED_VOLUME_PERCENT = 50
LOW_VOLUME_PERCENT = 15


def device_action(fix: Fix, platform: str) -> tuple[bool, str]:
    """Do ``fix``; whether it worked and a plain sentence to show."""
    try:
        if fix.action == "cancel_print_jobs":
            from selfcheck.devices.printing import cancel_jobs

            ids = [int(i) for i in fix.arg.split(",") if i.strip().isdigit()]
            ok = bool(ids) and cancel_jobs(ids)
            return ok, _("The waiting documents are cancelled.") if ok else _(
                "The waiting documents could not be cancelled. Switch the printer off and on, then check again."
            )
        if fix.action in ("unmute_output", "set_default_output", "unmute_input", "set_default_input"):
            ok = _sound(fix.action, fix.arg)
            messages = {
                "unmute_output": _("The sound is turned on."),
                "set_default_output": _("Sound now plays on the chosen device."),
                "unmute_input": _("The microphone is turned on."),
                "set_default_input": _("The computer now listens to the chosen microphone."),
            }
            return ok, messages[fix.action] if ok else _("This program could not change the sound settings. Follow the advice instead.")
        if fix.action == "bluetooth_power_on":
            from selfcheck.devices.bluetooth import power_on

            ok = power_on(fix.arg)
            return ok, _("Bluetooth is on.") if ok else _("This program could not turn Bluetooth on. Follow the advice instead.")
    except Exception:
        log.exception("device fix %s failed", fix.action)
        return False, _("The fix did not work.")
    return False, _("This version of the program cannot do this fix. Follow the advice instead.")


def _sound(action: str, device: str) -> bool:
    from selfcheck.api import Context
    from selfcheck.devices import sound

    if not device or device.startswith("-"):
        return False
    if action in ("set_default_output", "set_default_input"):
        kind = "sink" if action == "set_default_output" else "source"
        if not sound.pactl(f"set-default-{kind}", device):
            return False
        # the session manager applies it a moment later: wait for it, so checking again sees it
        deadline = time.monotonic() + 3
        while time.monotonic() < deadline:
            if sound.collect_pulse(Context().run).get(f"default_{kind}") == device:
                return True
            time.sleep(0.1)
        return False
    kind = "sink" if action == "unmute_output" else "source"
    if not sound.pactl(f"set-{kind}-mute", device, "0"):
        return False
    facts = sound.collect_pulse(Context().run)
    current: dict = next((d for d in facts.get(f"{kind}s") or [] if d.get("name") == device), {})
    if (current.get("volume_percent") or 0) < LOW_VOLUME_PERCENT:
        return sound.pactl(f"set-{kind}-volume", device, f"{RAISED_VOLUME_PERCENT}%")
    return True
