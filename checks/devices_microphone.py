"""devices.microphone: can the others hear you? A microphone found, not muted, and hearing something.

Linux: the pulse protocol (selfcheck.devices.sound); two seconds are recorded
and their loudness measured, so "your microphone hears nothing" is a fact.
macOS: the inputs system_profiler lists and the default one (selfcheck.devices.macos); mute,
volume, level and the app's microphone permission are not read yet.
"""

from __future__ import annotations

from typing import Any

from selfcheck.api import Check, Context, Facts, Fix, Outcome, SkipCheck, Thresholds
from selfcheck.checks.devices_sound import device_name, service_down
from selfcheck.i18n import N_, _


class MicrophoneCheck(Check):
    id = "devices.microphone"
    category = "devices"
    title = N_("Your microphone")
    platforms = ("linux", "windows", "darwin")
    timeout = 12.0
    priority = 61

    def collect(self, ctx: Context) -> Facts:
        if ctx.platform == "windows":  # pragma: no cover - Windows only
            from selfcheck.devices import pnp
            from selfcheck.devices.privacy import windows_consent
            from selfcheck.platforms.windows import scan_of

            facts: Facts = {"source": "windows", "privacy": windows_consent("microphone")}
            snapshot = pnp.windows_devices(ctx.run, scan_of(ctx))
            if snapshot is not None:  # the sound service and sound cards, read once for the sound check too
                facts.update({k: snapshot["sound"][k] for k in ("server", "sound_cards")})
            return facts
        if ctx.platform == "darwin":  # pragma: no cover - macOS only
            from selfcheck.devices import macos
            from selfcheck.platforms.windows import scan_of

            snapshot = macos.macos_devices(ctx.run, scan_of(ctx))
            if snapshot is None or snapshot.get("microphone") is None:
                raise SkipCheck(_("This program could not read this computer's list of devices."))
            return dict(snapshot["microphone"])
        from selfcheck.devices import sound

        facts = sound.collect_pulse(ctx.run, float(ctx.thresholds["timeout_seconds"]))
        if facts.get("server") == "tool_missing":
            raise SkipCheck(_("This program cannot ask this computer's sound service (a sound tool is missing)."))
        facts.pop("sinks", None)
        from selfcheck.devices.privacy import gnome_consent

        consent = gnome_consent(ctx.run, "microphone")
        if consent:
            facts["privacy"] = consent
        default = next((s for s in facts.get("sources") or [] if s.get("name") == facts.get("default_source")), None)
        seconds = float(ctx.thresholds["listen_seconds"])
        if default and not default.get("monitor") and not default.get("mute") and seconds > 0:
            facts["level"] = sound.measure_level(str(default["name"]), min(seconds, max(0.5, ctx.remaining() - 2)))
        return facts

    def evaluate(self, facts: Facts, thresholds: Thresholds) -> Outcome:
        if facts.get("source") == "windows":
            # no sound service, no microphone either; then the privacy settings (the microphones themselves are not listed yet)
            return (service_down(facts) if "server" in facts else None) or privacy_outcome(facts, "microphone")
        down = service_down(facts)
        if down:
            return down
        silent = float(thresholds["fail_level_dbfs"])
        low = float(thresholds["warn_volume_percent"])
        evidence = {k: facts.get(k) for k in ("default_source", "sources", "level", "recording_apps", "privacy") if k in facts}
        real = [s for s in facts.get("sources") or [] if not s.get("monitor") and s.get("port_available") != "not_available"]
        default: dict[str, Any] | None = next((s for s in facts.get("sources") or [] if s.get("name") == facts.get("default_source")), None)
        if not real:
            return Outcome.fail(
                _("No microphone was found."),
                advice=[
                    _("If you use a headset or an external microphone, check that it is plugged in (or connected) and switched on."),
                    _("Restart the computer; if the microphone is still missing, contact support."),
                ],
                evidence=evidence,
            )
        from selfcheck.devices.privacy import blocked_by

        if blocked_by(facts.get("privacy") or {}):
            return privacy_outcome(facts, "microphone")
        if default is None and not str(facts.get("default_source") or "").strip("@").endswith(".monitor"):
            default = real[0]  # no input chosen (yet): the sound server listens to the first microphone there
        if default is None or default.get("monitor") or default.get("port_available") == "not_available":
            target = real[0]
            return Outcome.fail(
                _("The computer is not listening to your microphone."),
                advice=[_("In the sound settings, choose “{device}” as the input.").format(device=device_name(target))],
                evidence=evidence,
                fix=Fix("set_default_input", _("Listen to “{device}”").format(device=device_name(target)), arg=str(target.get("name"))),
            )
        name = device_name(default)
        unmute = Fix("unmute_input", _("Turn the microphone on"), arg=str(default.get("name")))
        if default.get("mute"):
            return Outcome.fail(
                _("Your microphone “{device}” is turned off (muted).").format(device=name),
                advice=[_("Turn the microphone on in the sound settings, or with the mute button of your headset or keyboard.")],
                evidence=evidence,
                fix=unmute,
            )
        volume = default.get("volume_percent")
        if volume is not None and volume <= 0:
            return Outcome.fail(
                _("The volume of your microphone “{device}” is at zero.").format(device=name),
                advice=[_("Turn the microphone's volume up in the sound settings.")],
                evidence=evidence,
                fix=unmute,
            )
        level = facts.get("level") or {}
        if level.get("status") == "no_data" or (level.get("status") == "ok" and float(level.get("peak_dbfs", -120)) <= silent):
            return Outcome.fail(
                _("Your microphone “{device}” hears nothing.").format(device=name),
                advice=[
                    _("Check the mute switch or button on your headset or microphone, and that it is plugged in properly."),
                    _("Speak or tap near the microphone, then check again."),
                ],
                evidence=evidence,
            )
        if volume is not None and volume < low:
            return Outcome.warn(
                _("The volume of your microphone “{device}” is very low ({percent}%): others may hardly hear you.").format(device=name, percent=volume),
                advice=[_("Turn the microphone's volume up in the sound settings.")],
                evidence=evidence,
                fix=unmute,
            )
        if level.get("status") == "ok":
            return Outcome.ok(_("Your microphone “{device}” works: it hears sound.").format(device=name), evidence=evidence)
        return Outcome.ok(_("Your microphone “{device}” is ready.").format(device=name), evidence=evidence)


def privacy_outcome(facts: Facts, kind: str) -> Outcome:
    """Whether the privacy settings (Windows' consent store, GNOME's Privacy switches) let apps use the
    microphone or the camera (shared with the camera check)."""
    from selfcheck.devices.privacy import blocked_by

    consent = facts.get("privacy") or {}
    level = blocked_by(consent)
    evidence = {"privacy": consent}
    microphone = kind == "microphone"
    fix = Fix("open_privacy_settings", _("Open the microphone settings") if microphone else _("Open the camera settings"), arg=kind)
    if level is None:
        return Outcome.ok(
            _("The privacy settings let apps use the microphone.") if microphone else _("The privacy settings let apps use the camera."), evidence=evidence
        )
    if consent.get("settings") == "gnome":
        where = (
            _("Open Settings, then Privacy, then Microphone, and turn on “Microphone access”.")
            if microphone
            else _("Open Settings, then Privacy, then Camera, and turn on “Camera access”.")
        )
    else:
        where = (
            _("Open Settings, Privacy & security, Microphone, and turn on “Microphone access” and “Let desktop apps access your microphone”.")
            if microphone
            else _("Open Settings, Privacy & security, Camera, and turn on “Camera access” and “Let desktop apps access your camera”.")
        )
    advice = [where]
    if level == "computer":
        advice.append(_("If you cannot change it, your IT desk has turned it off for this computer: contact them."))
    return Outcome.fail(
        _("The privacy settings block apps from using the microphone.") if microphone else _("The privacy settings block apps from using the camera."),
        advice=advice,
        evidence=evidence,
        fix=fix,
    )
