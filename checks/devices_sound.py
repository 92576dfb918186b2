"""devices.sound: does sound come out? The sound service, the speakers or headphones, mute and volume.

Linux: PulseAudio or PipeWire through the pulse protocol (selfcheck.devices.sound).
Windows: the Windows Audio service and the sound devices in WMI (selfcheck.devices.pnp).
macOS: the sound devices from system_profiler (selfcheck.devices.macos), the test sound (afplay) and
the person's answer; volume and mute are not read yet.
When someone is at the screen, it offers to play a test sound and asks whether
they heard it, so the answer is a fact like the others.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from selfcheck.api import Check, Context, Facts, Fix, Outcome, SkipCheck, Thresholds
from selfcheck.i18n import N_, _


def device_name(device: dict[str, Any]) -> str:
    return str(device.get("description") or device.get("name") or "")


#: the system's generic English labels of sound outputs, said as a person does in their language
#: (a French reader met “Speakers” in English); a device with its own name (“Jabra Evolve”) keeps it
GENERIC_OUTPUTS = {
    "speakers": N_("the speakers"),
    "speaker": N_("the speakers"),
    "internal speakers": N_("the built-in speakers"),
    "built-in speakers": N_("the built-in speakers"),
    "built-in output": N_("the built-in speakers"),
    "built-in audio analog stereo": N_("the built-in speakers"),
    "analog output": N_("the built-in speakers"),
    "headphones": N_("the headphones"),
}


def device_phrase(device: dict[str, Any]) -> str:
    """The output as a sentence names it: “the speakers” for a generic label, else its own name in quotes."""
    name = device_name(device)
    generic = GENERIC_OUTPUTS.get(re.sub(r"\s*\(.*\)$", "", name).strip().lower())
    return _(generic) if generic else _("“{name}”").format(name=name)


def service_down(facts: Facts) -> Outcome | None:
    """The outcome when the sound service cannot be asked (shared with the microphone check)."""
    server = facts.get("server")
    if server == "running":
        return None
    if server == "tool_missing":
        return Outcome.skip(_("This program cannot ask this computer's sound service (a sound tool is missing)."), evidence={"server": server})
    if server == "not_running" and not facts.get("server_socket") and facts.get("sound_cards") == 0:
        return Outcome.skip(_("This computer has no sound hardware."), evidence={"server": server, "sound_cards": 0})
    return Outcome.fail(
        _("The sound service of this computer is not running."),
        advice=[_("Log out and back in, or restart the computer."), _("If it happens again, contact support.")],
        evidence={"server": server, "sound_cards": facts.get("sound_cards")},
    )


def no_outputs(evidence: dict[str, Any]) -> Outcome:
    """No speakers or headphones at all, whichever way the system lists its outputs."""
    return Outcome.fail(
        _("No speakers or headphones were found."),
        advice=[
            _("If you use headphones or external speakers, check that they are plugged in and switched on."),
            _("Restart the computer; if there is still no sound, contact support."),
        ],
        evidence=evidence,
    )


class SoundCheck(Check):
    id = "devices.sound"
    category = "devices"
    title = N_("Sound (speakers and headphones)")
    platforms = ("linux", "windows", "darwin")
    #: long enough for someone to answer the test-sound questions (the clock runs while they read);
    #: every command it runs has its own short timeout
    timeout = 45.0
    priority = 60

    def collect(self, ctx: Context) -> Facts:
        from selfcheck.devices import sound

        if ctx.platform == "windows":  # pragma: no cover - Windows only
            from selfcheck.devices import pnp
            from selfcheck.platforms.windows import scan_of

            snapshot = pnp.windows_devices(ctx.run, scan_of(ctx))
            if snapshot is None:
                raise SkipCheck(_("This program could not read this computer's list of devices."))
            facts = dict(snapshot["sound"])
            if facts.get("server") == "running" and any(not pnp.faulty(d) for d in facts.get("devices") or []):
                self._offer_test_sound(ctx, facts, lambda: sound.play_test_sound_windows(ctx.run))
            return facts
        if ctx.platform == "darwin":  # pragma: no cover - macOS only
            from selfcheck.devices import macos
            from selfcheck.platforms.windows import scan_of

            snapshot = macos.macos_devices(ctx.run, scan_of(ctx))
            facts = dict(snapshot["sound"]) if snapshot and snapshot.get("sound") else {"source": "macos", "server": "running"}
            if facts.get("outputs") is None or facts["outputs"]:  # nothing to play on: no question to ask
                self._offer_test_sound(ctx, facts, lambda: sound.play_test_sound_macos(ctx.run))
            return facts
        facts = sound.collect_pulse(ctx.run, float(ctx.thresholds["timeout_seconds"]))
        if facts.get("server") == "tool_missing":
            raise SkipCheck(_("This program cannot ask this computer's sound service (a sound tool is missing)."))
        default = next((s for s in facts.get("sinks") or [] if s.get("name") == facts.get("default_sink")), None)
        playable = default is not None and not default.get("mute") and (default.get("volume_percent") or 0) > 0 and default.get("name") not in sound.DUMMY_SINKS
        if playable:
            self._offer_test_sound(ctx, facts, lambda: sound.play_test_sound(ctx.run, default.get("name") if default else None))
        return facts

    @staticmethod
    def _offer_test_sound(ctx: Context, facts: Facts, play: Callable[[], bool]) -> None:
        """Ask to play the chime; its outcome and the person's answer become the ``test_sound`` fact."""
        if ctx.ask.interactive and ctx.thresholds["offer_test_sound"] and ctx.remaining() > 20:
            if ctx.ask.yes_no(_("Play a test sound to check your speakers or headphones?"), default=False):
                played = play()
                heard = ctx.ask.yes_no(_("Did you hear the test sound?"), default=True) if played else None
                facts["test_sound"] = {"played": played, "heard": heard}

    def evaluate(self, facts: Facts, thresholds: Thresholds) -> Outcome:
        down = service_down(facts)
        if down:
            return down
        if facts.get("source") == "windows":
            return windows_outcome(facts)
        if facts.get("source") == "macos":
            return macos_outcome(facts)
        low = float(thresholds["warn_volume_percent"])
        sinks = [s for s in facts.get("sinks") or [] if s.get("name") not in ("auto_null",)]
        evidence: dict[str, Any] = {k: facts.get(k) for k in ("server_name", "default_sink", "sinks", "test_sound") if k in facts}
        if not sinks:
            return no_outputs(evidence)
        connected = [s for s in sinks if s.get("port_available") != "not_available"]
        if not connected:
            return Outcome.fail(
                _("No speakers or headphones are connected."),
                advice=[_("Plug in the headphones or speakers you want to use, or choose another output in the sound settings.")],
                evidence=evidence,
            )
        # no default chosen (yet): the sound server plays on the first output that is there
        default = next((s for s in sinks if s.get("name") == facts.get("default_sink")), None) or connected[0]
        if default.get("port_available") == "not_available":
            other = next((s for s in connected if s is not default), None)
            fix = Fix("set_default_output", _("Play sound on “{device}”").format(device=device_name(other)), arg=str(other.get("name"))) if other else None
            return Outcome.fail(
                _("Sound goes to {device}, but nothing is connected there.").format(device=device_phrase(default)),
                advice=[
                    _("Plug in the headphones or speakers you want to use, or choose another output in the sound settings."),
                ],
                evidence=evidence,
                fix=fix,
            )
        phrase = device_phrase(default)
        volume = default.get("volume_percent")
        raise_fix = Fix("unmute_output", _("Turn the sound on"), arg=str(default.get("name")))
        if default.get("mute"):
            return Outcome.fail(
                _("The sound is turned off (muted) on {device}.").format(device=phrase),
                # the button first; "the keyboard's sound key" was not found ("which one?", lay readers round 2)
                advice=[_("Click “Turn the sound on”, or turn it on with the loudspeaker symbol next to the clock.")],
                evidence=evidence,
                fix=raise_fix,
                urgency="easy",  # simple and harmless: a red cross read as an emergency (lay readers, round 2)
            )
        if volume is not None and volume <= 0:
            return Outcome.fail(
                _("The volume of {device} is at zero.").format(device=phrase),
                advice=[_("Click “Turn the sound on”, or turn the volume up with the loudspeaker symbol next to the clock.")],
                evidence=evidence,
                fix=raise_fix,
                urgency="easy",  # simple and harmless: a red cross read as an emergency (lay readers, round 2)
            )
        test = facts.get("test_sound") or {}
        if test.get("played") is False:
            return Outcome.fail(
                _("The test sound could not be played on {device}.").format(device=phrase),
                advice=[_("Restart the computer; if there is still no sound, contact support.")],
                evidence=evidence,
            )
        if test.get("heard") is False:
            others = [s for s in connected if s is not default]
            return Outcome.fail(
                _("You did not hear the test sound played on {device}.").format(device=phrase),
                advice=[
                    _("Check the cable and the power of {device}, and turn the volume up.").format(device=phrase),
                    *([_("The sound may be going to the wrong device: choose another output in the sound settings.")] if others else []),
                ],
                evidence=evidence,
                fix=Fix("set_default_output", _("Play sound on “{device}”").format(device=device_name(others[0])), arg=str(others[0].get("name")))
                if others
                else None,
            )
        if volume is not None and volume < low:
            return Outcome.warn(
                _("The volume of {device} is very low ({percent}%).").format(device=phrase, percent=volume),
                advice=[_("Turn the volume up with the speaker icon or the keyboard's volume keys.")],
                evidence=evidence,
                fix=raise_fix,
            )
        if test.get("heard"):
            return Outcome.ok(_("Sound works: you heard the test sound on {device}.").format(device=phrase), evidence=evidence)
        return Outcome.ok(_("Sound plays on {device} at {percent}% volume.").format(device=phrase, percent=volume), evidence=evidence)


def windows_outcome(facts: Facts) -> Outcome:
    """Windows: the sound devices Device Manager lists (turned off, a driver problem, working), then the test sound.

    Volume and mute are not read on Windows yet: the person's answer to the test sound stands for them."""
    devices: list[dict[str, Any]] = [d for d in facts.get("devices") or [] if isinstance(d, dict)]
    evidence: dict[str, Any] = {k: facts.get(k) for k in ("server", "devices", "test_sound") if k in facts}
    # a sound card is named before a Bluetooth headset's sound, which Windows lists as a sound device too
    devices.sort(key=lambda d: bool(d.get("bluetooth")))
    from selfcheck.devices.pnp import faulty

    working = [d for d in devices if not faulty(d)]
    if not devices:
        return no_outputs(evidence)
    if not working:
        off = next((d for d in devices if d.get("state") == "disabled"), None)
        if off:
            return Outcome.fail(
                _("The sound card “{device}” is turned off on this computer.").format(device=off.get("name")),
                advice=[
                    _("Open Device Manager, open “Sound, video and game controllers”, right-click “{device}” and choose “Enable device”.").format(
                        device=off.get("name")
                    ),
                    _("If you cannot, contact support."),
                ],
                evidence=evidence,
            )
        return Outcome.fail(
            _("The sound card “{device}” does not work: Windows reports a problem with it.").format(device=devices[0].get("name")),
            advice=[_("Restart the computer."), _("If there is still no sound, contact support.")],
            evidence=evidence,
        )
    heard = heard_outcome(facts, evidence)
    if heard:
        return heard
    return Outcome.ok(_("The sound card “{device}” works.").format(device=working[0].get("name")), evidence=evidence)


def macos_outcome(facts: Facts) -> Outcome:
    """macOS: the outputs system_profiler lists and the default one, then the test sound.

    Volume and mute are not in system_profiler's report: the person's answer to the test sound stands for them."""
    evidence: dict[str, Any] = {k: facts.get(k) for k in ("outputs", "default_output", "test_sound") if k in facts}
    if "outputs" not in facts:  # the devices could not be read: the test sound alone
        return heard_outcome(facts, evidence, mac=True) or Outcome.skip(
            _("On a Mac, this program checks the sound with a test sound only, and none was played.")
        )
    outputs: list[dict[str, Any]] = [o for o in facts.get("outputs") or [] if isinstance(o, dict)]
    if not outputs:
        return no_outputs(evidence)
    heard = heard_outcome(facts, evidence, mac=True)
    if heard:
        return heard
    default = next((o for o in outputs if o.get("name") == facts.get("default_output")), outputs[0])
    return Outcome.ok(_("Sound plays on {device}.").format(device=device_phrase(default)), evidence=evidence)


def heard_outcome(facts: Facts, evidence: dict[str, Any], mac: bool = False) -> Outcome | None:
    """Windows and macOS: what the test sound and the person's answer say; None when none was played."""
    test = facts.get("test_sound") or {}
    if test.get("played") is False:
        return Outcome.fail(
            _("The test sound could not be played."),
            advice=[_("Restart the computer; if there is still no sound, contact support.")],
            evidence=evidence,
        )
    if test.get("heard") is False:
        return Outcome.fail(
            _("You did not hear the test sound."),
            advice=[
                _("Click the sound icon in the menu bar or press the volume keys: check that the sound is not turned off and turn the volume up.")
                if mac
                else _("Click the speaker icon next to the clock: check that the sound is not turned off and turn the volume up."),
                _("Check the cable and the power of your speakers or headphones, or choose another output in the sound settings."),
            ],
            evidence=evidence,
        )
    if test.get("heard"):
        return Outcome.ok(_("Sound works: you heard the test sound."), evidence=evidence)
    return None
