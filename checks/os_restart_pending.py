"""os.restart_pending: updates installed but waiting for a restart to take effect."""

from __future__ import annotations

import os
import platform
from pathlib import Path
from typing import Any

from selfcheck.api import Check, Context, Facts, Outcome, Thresholds
from selfcheck.i18n import N_, _

WINDOWS_KEYS = {
    "windows_update": r"SOFTWARE\Microsoft\Windows\CurrentVersion\WindowsUpdate\Auto Update\RebootRequired",
    "component_servicing": r"SOFTWARE\Microsoft\Windows\CurrentVersion\Component Based Servicing\RebootPending",
}


#: round 3: "where do I find Restart?" and "why isn't Shut down good enough? did I do something wrong?": where the
#: button is on the running system, and why "Restart" without blaming past shut-downs
#: verdict round 14: "power symbol: which little picture?" (en), « logo Windows : le petit drapeau ? » (fr): what each looks
#: like; "bottom left" was Windows 10's place only (Windows 11 puts the Start button in the middle): at the bottom
RESTART_HOW = {
    "windows": N_(
        "Save your work, click the Start button (the Windows sign, four small squares, at the bottom of the screen), then the power symbol "
        "(a circle with a short line at its top), then “Restart”: a restart finishes the updates at once."
    ),
    "darwin": N_("Save your work, click the apple at the top left of the screen, then “Restart…”: a restart finishes the updates at once."),
    "linux": N_("Save your work, click the power symbol at the top right of the screen, then “Restart”: a restart finishes the updates at once."),
}
RESTART_ANY = N_("Save your work and restart the computer: a restart finishes the updates at once.")


class RestartPendingCheck(Check):
    id = "os.restart_pending"
    category = "os"
    title = N_("Restart needed for updates")
    timeout = 4.0
    priority = 55

    def collect(self, ctx: Context) -> Facts:
        facts: dict[str, Any] = {"platform": ctx.platform, "reasons": []}
        if ctx.platform == "linux":
            from selfcheck.platforms.linux import kernel_restart_needed, newer_kernel_installed, parse_reboot_required_pkgs

            flag = Path("/var/run/reboot-required")
            if flag.exists():
                facts["reasons"].append("reboot-required")
                try:
                    facts["packages"] = parse_reboot_required_pkgs(Path("/var/run/reboot-required.pkgs").read_text())
                except OSError:
                    pass
            try:
                installed = sorted(os.listdir("/lib/modules"))
            except OSError:
                installed = []
            facts["running_kernel"] = platform.release()
            facts["installed_kernels"] = installed[-5:]  # (listing order; only for the evidence)
            if kernel_restart_needed(platform.release(), installed):
                facts["reasons"].append("kernel-updated")
            elif newer_kernel_installed(platform.release(), installed):
                facts["reasons"].append("newer-kernel-installed")
        elif ctx.platform == "windows":  # pragma: no cover - Windows only
            from selfcheck.platforms.windows import registry_key_exists

            for name, key in WINDOWS_KEYS.items():
                if registry_key_exists(key):
                    facts["reasons"].append(name)
        elif ctx.platform == "darwin":
            facts.update(self._macos())
        return facts

    @staticmethod
    def _macos() -> dict[str, Any]:
        """Updates macOS has downloaded and will install at the next restart (no network)."""
        import plistlib

        reasons: list[str] = []
        out: dict[str, Any] = {}
        try:
            with open("/Library/Updates/index.plist", "rb") as fh:
                index = plistlib.load(fh)
            staged = index.get("ProductPaths") or {}
            if staged:
                reasons.append("updates-downloaded")
                out["staged"] = sorted(staged)[:10]
        except (OSError, ValueError, plistlib.InvalidFileException):
            pass
        try:
            from selfcheck.platforms.macos import parse_softwareupdate_plist

            with open("/Library/Preferences/com.apple.SoftwareUpdate.plist", "rb") as fh:
                su = parse_softwareupdate_plist(plistlib.load(fh))
            if su["os_update_pending"]:
                reasons.append("macos-update-waiting")
                out["updates"] = su["updates"]
        except (OSError, ValueError, plistlib.InvalidFileException):
            pass
        out["reasons"] = reasons
        return out

    def evaluate(self, facts: Facts, thresholds: Thresholds) -> Outcome:
        reasons = list(facts.get("reasons") or [])
        evidence = {"reasons": reasons}
        for key in ("packages", "running_kernel", "installed_kernels", "staged", "updates"):
            if facts.get(key):
                evidence[key] = facts[key]
        if not reasons:
            return Outcome.ok(_("No restart is waiting for updates."), evidence=evidence)
        if reasons == ["macos-update-waiting"]:
            return Outcome.info(
                _("A macOS update is ready; installing it will restart the computer."),
                advice=[_("Save your work, then open System Settings, General, Software Update and click “Update Now”.")],
                evidence=evidence,
            )
        return Outcome.warn(
            # round 7: "take effect" was quoted
            _("Your computer received updates, as it does from time to time: they are finished only when it restarts."),
            advice=[_(RESTART_HOW.get(str(facts.get("platform") or ""), RESTART_ANY))],
            evidence=evidence,
            # "restarted less than a day ago" stands beside it: say why that was not enough
            why=_("The updates came after the last restart, so one more restart is needed. Nothing is wrong: this can wait until it suits you."),
        )
