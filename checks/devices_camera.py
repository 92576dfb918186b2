"""devices.camera: is there a camera this account may use, and is another program holding it?

Linux: /dev/video*, their sysfs names, access(2) and /proc/*/fd (selfcheck.devices.camera), and
GNOME's Privacy switch (selfcheck.devices.privacy).
Windows: the privacy settings (selfcheck.devices.privacy) and the cameras in WMI (selfcheck.devices.pnp).
macOS: the cameras system_profiler lists (selfcheck.devices.macos); the app's camera permission and
the program using the camera are not read yet.
"""

from __future__ import annotations

from selfcheck.api import Check, Context, Facts, Outcome, SkipCheck, Thresholds
from selfcheck.i18n import N_, _


class CameraCheck(Check):
    id = "devices.camera"
    category = "devices"
    title = N_("Camera")
    platforms = ("linux", "windows", "darwin")
    timeout = 10.0
    priority = 62

    def collect(self, ctx: Context) -> Facts:
        if ctx.platform == "windows":  # pragma: no cover - Windows only
            from selfcheck.devices import pnp
            from selfcheck.devices.privacy import windows_consent
            from selfcheck.platforms.windows import scan_of

            facts = {"source": "windows", "privacy": windows_consent("camera")}
            snapshot = pnp.windows_devices(ctx.run, scan_of(ctx))
            if snapshot is not None:
                facts["cameras"] = snapshot["cameras"]
            return facts
        if ctx.platform == "darwin":  # pragma: no cover - macOS only
            from selfcheck.devices import macos
            from selfcheck.platforms.windows import scan_of

            snapshot = macos.macos_devices(ctx.run, scan_of(ctx))
            if snapshot is None or snapshot.get("cameras") is None:
                raise SkipCheck(_("This program could not read this computer's list of devices."))
            return {"source": "macos", "cameras": snapshot["cameras"]}
        from selfcheck.devices import camera
        from selfcheck.devices.privacy import gnome_consent

        facts = camera.collect_linux(str(ctx.thresholds["device_pattern"]))
        consent = gnome_consent(ctx.run, "camera")
        if consent:
            facts["privacy"] = consent
        return facts

    def evaluate(self, facts: Facts, thresholds: Thresholds) -> Outcome:
        from selfcheck.checks.devices_microphone import privacy_outcome
        from selfcheck.devices.pnp import faulty
        from selfcheck.devices.privacy import blocked_by

        if facts.get("source") == "windows" and "cameras" not in facts:
            return privacy_outcome(facts, "camera")  # the cameras could not be listed: the privacy settings alone
        cameras = list(facts.get("cameras") or [])
        evidence = {k: facts.get(k) for k in ("cameras", "privacy") if k in facts}
        # no camera at all comes first; then the privacy settings, which block every camera
        if cameras and blocked_by(facts.get("privacy") or {}):
            return privacy_outcome(facts, "camera")
        if not cameras:
            return Outcome.info(
                _("No camera was found."),
                advice=[
                    _("If you use a webcam, check that it is plugged in; if the camera is built in, check that it is not switched off with a key or a slider.")
                ],
                evidence=evidence,
            )
        if all(faulty(c) for c in cameras):
            off = next((c for c in cameras if c.get("state") == "disabled"), None)
            if off:
                return Outcome.fail(
                    _("The camera “{name}” is turned off on this computer.").format(name=off.get("name")),
                    advice=[
                        _("If your computer has a camera key or a slider over the camera, switch the camera on."),
                        _("Otherwise open Device Manager, right-click “{name}” and choose “Enable device”.").format(name=off.get("name")),
                    ],
                    evidence=evidence,
                )
            return Outcome.fail(
                _("The camera “{name}” does not work: Windows reports a problem with it.").format(name=cameras[0].get("name")),
                advice=[_("Unplug the camera and plug it in again, or restart the computer."), _("If it still does not work, contact support.")],
                evidence=evidence,
            )
        usable = [c for c in cameras if c.get("allowed") and not faulty(c)]
        if not usable:
            return Outcome.fail(
                _("Your account is not allowed to use the camera."),
                advice=[
                    _("Restart the computer and try again."),
                    _("If it still does not work, contact support: your account needs permission to use the camera."),
                ],
                evidence=evidence,
            )
        busy = [c for c in usable if c.get("used_by")]
        free = [c for c in usable if not c.get("used_by")]
        if busy and not free:
            app = ", ".join(busy[0]["used_by"][:2])
            return Outcome.warn(
                _("The camera is being used by another program (“{app}”).").format(app=app),
                advice=[_("Only one program can use the camera at a time: close “{app}”, then start your call again.").format(app=app)],
                evidence=evidence,
            )
        name = free[0].get("name")
        return Outcome.ok(_("The camera is ready (“{name}”).").format(name=name) if name else _("The camera is ready."), evidence=evidence)
